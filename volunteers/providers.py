"""Answers one scheme app gives the others, without either importing the other.

When an app needs a fact that another app keeps (the rank to print for a Special on an
employer's report), the app that keeps it registers a `Provider` from its `providers.py`
(`PROVIDERS.register`), and the app that needs it calls `ask(name, ...)`, which gives the
default when no installed app answers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .plugins import Registry

SPECIAL_RANKS = "special_ranks"  # (volunteer ids) -> {volunteer id: rank, in words}


@dataclass(frozen=True)
class Provider:
    name: str
    answer: Callable


PROVIDERS: Registry[Provider] = Registry("providers", key=lambda provider: provider.name)


def ask(name: str, *args, default):
    provider = PROVIDERS.get(name)
    return provider.answer(*args) if provider else default
