"""The map's one-way rule, read from the code's own import graph (ARCHITECTURE.md).

`volunteers` (the shared layer) imports no scheme app; `schemes` (the machinery every
scheme shares) imports no scheme app; a scheme app (`careers`, `esp`, `scrutiny`, and any
installed app under `schemes/` or `scrutiny/`) imports no other scheme app, neither by
`import` nor by naming it to `apps.get_model`. Cross-app needs go through the registries
of volunteers/plugins.py. The apps are read from INSTALLED_APPS, so a new one is checked
without being listed here.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

SHARED = ("volunteers", "schemes")
ROOT = Path(settings.BASE_DIR)


def project_apps() -> list[str]:
    return sorted(
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    )


def owner(module: str, names: list[str]) -> str | None:
    """The installed app a dotted module belongs to (the longest matching name)."""
    matches = [n for n in names if module == n or module.startswith(n + ".")]
    return max(matches, key=len) if matches else None


def imports_of(path: Path, module: str) -> set[str]:
    """Every module a file imports, relative imports resolved, plus every app it names to
    `apps.get_model` / `apps.is_installed`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get_model", "is_installed", "get_app_config"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value.split(".")[0])
    return found


def edges() -> set[tuple[str, str, str]]:
    """(importing app, imported app, file) for every import between two project apps."""
    names = project_apps()
    result = set()
    for name in names:
        folder = ROOT / name.replace(".", "/")
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue  # data migrations name the rows they load, not other apps' code
            relative = path.relative_to(ROOT).with_suffix("")
            module = ".".join(relative.parts)
            here = owner(module, names)
            if here != name:
                continue  # a sub-app inside this folder: read as its own app
            for imported in imports_of(path, module):
                there = owner(imported, names)
                if there and there != here:
                    result.add((here, there, str(path.relative_to(ROOT))))
    return result


def forbidden(edge: tuple[str, str, str]) -> bool:
    here, there, _ = edge
    # The shared layer imports no other app; anything else may import only the shared
    # layers (schemes' machinery or a scheme app importing a scheme app is wrong).
    return here == "volunteers" or there not in SHARED


def test_the_apps_are_found_from_installed_apps():
    assert {"volunteers", "schemes", "careers", "esp", "scrutiny"} <= set(project_apps())


def test_imports_point_one_way():
    wrong = sorted(edge for edge in edges() if forbidden(edge))
    assert wrong == [], "Imports against the map (use a registry in volunteers/plugins.py):\n" + (
        "\n".join(f"  {here} imports {there} in {path}" for here, there, path in wrong)
    )


def test_the_check_sees_a_sibling_import_and_a_hidden_get_model(tmp_path):
    """The reader itself: it catches `from careers...` and `apps.get_model("careers", ...)`."""
    source = tmp_path / "impact.py"
    source.write_text(
        "from careers.models import ServiceRecord\n"
        "from ..services import link\n"
        "from django.apps import apps\n"
        "Record = apps.get_model('careers', 'ServiceRecord')\n"
    )
    found = imports_of(source, "esp.views.impact")
    assert {"careers.models", "esp.services", "careers"} <= found
    names = project_apps()
    assert forbidden(("esp", owner("careers.models", names), "esp/views/impact.py"))
    assert not forbidden(("esp", owner("schemes.models", names), "esp/views/impact.py"))
    assert forbidden(("volunteers", owner("schemes.models", names), "volunteers/x.py"))


def test_make_bench_starts_before_django_is_set_up():
    """`bench/run.py` imports its parts before it sets Django up (it serves the app in other
    processes): nothing they import at the top may need the app registry."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and modules
        [sys.executable, "-c", "import bench.run, bench.scenario, volunteers.catalogue"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_data_migration_is_reloaded_after_a_flush_or_only_changes_rows():
    """A transactional test flushes the database, taking the reference rows the data
    migrations loaded with it; tests/conftest.py loads them again, and must know them all."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    from tests.conftest import CHANGES_ONLY_MIGRATIONS, RELOADED_MIGRATIONS

    ours = {config.label: config.name for config in apps.get_app_configs()}
    ours = {
        label: name for label, name in ours.items() if not name.startswith(("django", "allauth"))
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with_data = {
        f"{ours[label]}.migrations.{name}"
        for (label, name), migration in loader.disk_migrations.items()
        if label in ours and any(isinstance(op, RunPython) for op in migration.operations)
    }
    reloaded = {module for module, _ in RELOADED_MIGRATIONS}
    assert with_data == reloaded | CHANGES_ONLY_MIGRATIONS
