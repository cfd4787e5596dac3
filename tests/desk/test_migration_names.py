"""The migration check's listing of migration files (decision 89): read from each app's folder
without importing its ``migrations`` package, it names exactly what Django's loader would, and
says "unsure" (None) where the folder is not a plain package, so the graph decides."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from django.apps import apps

from newsdesk.desk.monitoring import migration_names


def loader_names(app_name: str) -> list[str]:
    """The names as Django's ``MigrationLoader`` finds them, by importing the package."""
    try:
        package = import_module(f"{app_name}.migrations")
    except ModuleNotFoundError:
        return []
    return sorted(
        module.name
        for module in pkgutil.iter_modules(getattr(package, "__path__", []))
        if not module.ispkg and module.name[0] not in "_~"
    )


def test_every_installed_app_lists_as_the_loader_does() -> None:
    listed = {app.label: migration_names(app.path) for app in apps.get_app_configs()}
    assert listed == {app.label: loader_names(app.name) for app in apps.get_app_configs()}
    assert "0001_initial" in (listed["articles"] or [])  # the lists are not all empty


def test_odd_folders_are_left_to_the_loader(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    assert migration_names(str(app)) == []  # an app without migrations
    assert migration_names(str(tmp_path / "gone")) is None  # no such app folder
    folder = app / "migrations"
    folder.mkdir()
    (folder / "0001_initial.py").write_text("")
    assert migration_names(str(app)) is None  # no __init__.py: a namespace package
    (folder / "__init__.py").write_text("")
    (folder / "0002_more.pyc").write_bytes(b"")  # a module without its source counts too
    (folder / "_helpers.py").write_text("")
    (folder / "~0003_draft.py").write_text("")
    (folder / "notes.txt").write_text("")
    (folder / "__pycache__").mkdir()
    assert migration_names(str(app)) == ["0001_initial", "0002_more"]
