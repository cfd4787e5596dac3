"""``newsdesk config``: show and change the data directory's settings file (no Django needed).

``newsdesk config`` lists the settings in the file and says which the environment overrides;
``config set NAME VALUE`` checks the value as a starting process would before writing it, and
``config unset NAME`` removes one. Every newsdesk process using the data directory reads the
file when it starts: a running server picks a change up on its next start.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from newsdesk.settings import Settings, default_data_dir, known_names
from newsdesk.settings_file import (
    check_name,
    read_settings_file,
    settings_path,
    write_settings_file,
)

SECRET_WORDS = ("SECRET", "KEY", "TOKEN", "PASSWORD")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    config = sub.add_parser(
        "config", help="show or change the settings every newsdesk process of this data dir reads"
    )
    actions = config.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("show", help="list the settings file (the default)")
    change = actions.add_parser("set", help="set NAME to VALUE (checked before it is written)")
    change.add_argument("name", help="a setting name, e.g. NEWSDESK_FETCH_ALLOW")
    change.add_argument("value", help="its value, e.g. 127.0.0.1/32")
    remove = actions.add_parser("unset", help="remove NAME from the settings file")
    remove.add_argument("name", help="the setting to remove")


def run(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args.data_dir)
    values = read_settings_file(data_dir)
    if args.action == "set":
        name = check_name(args.name, known_names())
        changed = {**values, name: args.value.strip()}
        Settings.from_env({**changed, "NEWSDESK_DATA_DIR": str(data_dir)}, use_file=False)
        path = write_settings_file(data_dir, changed)
        print(f"{name} set in {path}; processes pick it up when they start.")
        _warn_if_overridden(name)
        return 0
    if args.action == "unset":
        name = check_name(args.name, known_names())
        if name not in values:
            print(f"{name} is not in {settings_path(data_dir)}.")
            return 0
        path = write_settings_file(data_dir, {k: v for k, v in values.items() if k != name})
        print(f"{name} removed from {path}.")
        return 0
    return _show(data_dir, values)


def _show(data_dir: Path, values: dict[str, str]) -> int:
    path = settings_path(data_dir)
    if not values:
        print(f"No settings in {path}; defaults and the environment apply.")
        print("Set one with: newsdesk config set NAME VALUE")
        return 0
    print(f"Settings in {path}:")
    for name in sorted(values):
        note = "  (the environment overrides it)" if name in os.environ else ""
        print(f"  {name}={_shown(name, values[name])}{note}")
    return 0


def _shown(name: str, value: str) -> str:
    if any(word in name for word in SECRET_WORDS) or (name == "DATABASE_URL" and "@" in value):
        return "(hidden)"
    return value


def _warn_if_overridden(name: str) -> None:
    if name in os.environ:
        print(f"Note: {name} is also set in this shell's environment, which wins over the file.")


def _data_dir(given: Path | None) -> Path:
    if given is not None:
        return given.expanduser().resolve()
    from_env = os.environ.get("NEWSDESK_DATA_DIR")
    if from_env:
        return Path(from_env).expanduser()
    return default_data_dir()
