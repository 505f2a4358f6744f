"""The plug-in contract: the one way a scheme app adds to what the shared layer gathers.

The pages that gather a whole person or a whole county (the portal home, a person's staff
page, the menus, the reminder sweep, the KPI rollup, booking, the demo county) never import
a scheme app. Each of those keeps a `Registry`, and a scheme app adds to it from a module
of its own with `<registry>.register(item)` (usable as a decorator). At start-up
`VolunteersConfig.ready()` imports every installed app's plug-in modules, the way the
admin imports each `admin.py`:

    panels.py       panels.PANELS, panels.LINKS        what a person's pages and menus show
    reminders.py    outbox.REMINDERS, outbox.KINDS     reminders due on a day
    emails.py       outbox.KINDS                       kinds of message sent on a change
    kpis.py         kpi_registry.KPIS                  the strategy's measures
    eligibility.py  eligibility.RULES, REQUIREMENTS,   who may book a duty
                    LOADERS
    demo.py         demo.STEPS                         the demo county's records
    providers.py    providers.PROVIDERS                answers one app gives others

Adding a scheme means adding a package with these modules, not editing the core.
"""

from collections.abc import Callable, Iterator

from django.utils.module_loading import autodiscover_modules

PLUGIN_MODULES = ("panels", "reminders", "emails", "kpis", "eligibility", "demo", "providers")


class Registry[T]:
    """Things scheme apps add, each under a key (registering the same key again replaces
    it, so a module imported twice adds nothing twice), kept in the order added."""

    def __init__(
        self,
        name: str,
        *,
        key: Callable[[T], object] = lambda item: item,
        check: Callable[[T], None] | None = None,
    ):
        self.name = name
        self._key = key
        self._check = check
        self._items: dict[object, T] = {}

    def register(self, item: T) -> T:
        if self._check:
            self._check(item)
        self._items[self._key(item)] = item
        return item

    def unregister(self, item: T) -> None:
        self._items.pop(self._key(item), None)

    def get(self, key, default=None) -> T | None:
        return self._items.get(key, default)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)} registered>"


def discover() -> None:
    """Import every installed app's plug-in modules (safe to call again)."""
    autodiscover_modules(*PLUGIN_MODULES)
