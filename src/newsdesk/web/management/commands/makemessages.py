"""Django's ``makemessages``, reading the Jinja2 templates under ``web/jinja/`` too.

Django's own command scans Python and Django templates; this one, installed by the ``web`` app
under the same name (an app's command replaces Django's), also gives xgettext the translation
calls of every Jinja2 template the site can load, of any file name, as Python calls
(``jinja_messages``), so a refresh keeps their strings and adds new ones instead of marking them
obsolete (decision 93). Everything else (options, the ``.pot``, ``msgmerge``) is Django's.
``scripts/messages`` runs it; a plain ``django-admin makemessages`` runs it too.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any

from django.core.management.commands import makemessages
from django.core.management.utils import is_ignored_path

from newsdesk.web import jinja_messages
from newsdesk.web.cards import TEMPLATES


class JinjaBuildFile(makemessages.BuildFile):
    """A file on its way to xgettext: a Jinja2 template is replaced by its translation calls."""

    @cached_property
    def jinja_name(self) -> str | None:
        """The template's name in the Jinja2 environment, or None for any other file."""
        try:
            return Path(self.path).resolve().relative_to(TEMPLATES.resolve()).as_posix()
        except ValueError:
            return None

    @cached_property
    def is_templatized(self) -> bool:
        return bool(self.domain == "django" and self.jinja_name) or bool(super().is_templatized)

    def preprocess(self) -> None:
        if self.domain != "django" or self.jinja_name is None:
            super().preprocess()
            return
        extraction = jinja_messages.template_messages(self.jinja_name)
        for unread in extraction.unread:
            self.command.stderr.write(
                f"{self.path}:{unread.line}: {unread.function}() without a literal string: "
                "not extracted"
            )
        with open(self.work_path, "w", encoding="utf-8") as work:
            work.write(jinja_messages.python_source(extraction.messages))


class Command(makemessages.Command):
    help = makemessages.Command.help + " Reads the Jinja2 templates under web/jinja/ too."
    build_file_class = JinjaBuildFile

    def find_files(self, root: str) -> list[Any]:
        """Django's files, and every Jinja2 template under ``root`` whatever its extension."""
        found = super().find_files(root)
        seen = {os.path.abspath(file.path) for file in found}
        top = os.path.abspath(root)
        for name in jinja_messages.template_names():
            path = os.path.abspath(TEMPLATES / name)
            relative = os.path.relpath(path, top)
            if (
                path in seen
                or relative.startswith(os.pardir)
                or is_ignored_path(
                    os.path.normpath(os.path.join(root, relative)), self.ignore_patterns
                )
            ):
                continue
            dirpath, filename = os.path.split(os.path.join(root, relative))
            found.append(self.translatable_file_class(dirpath, filename, self._locale_dir(dirpath)))
        return sorted(found)

    def _locale_dir(self, dirpath: str) -> Any:
        """The catalogue folder of a file in ``dirpath``, chosen as Django chooses it."""
        for path in self.locale_paths:
            if os.path.abspath(dirpath).startswith(os.path.dirname(path)):
                return path
        return self.default_locale_path or makemessages.NO_LOCALE_DIR
