"""The Jinja2 templates' strings in the catalogues: extracted from any template under web/jinja,
present in every catalogue, and kept by a refresh of the catalogues (decision 93)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from newsdesk.web import jinja_messages
from newsdesk.web.cards import ENVIRONMENT, TEMPLATES
from newsdesk.web.jinja_messages import FUNCTIONS, Message, Unread, source_messages
from tests.web.test_i18n import LOCALE, TRANSLATED, read_po

ROOT = Path(__file__).resolve().parents[2]


def catalogue(language: str, locale: Path = LOCALE) -> dict[tuple[object, object], dict]:
    """The live entries of a language's catalogue by (context, msgid); obsolete ones are not."""
    path = locale / language / "LC_MESSAGES" / "django.po"
    return {(entry.get("msgctxt"), entry["msgid"]): entry for entry in read_po(path)}


# --- Extraction ---------------------------------------------------------------------------------


def test_every_kind_of_translation_call_is_read() -> None:
    source = (
        '{{ gettext("Latest") }} {{ _("Search") }}\n'
        "{# Translators: the count of sources\n   of one story #}\n"
        '{{ blocktranslate("%(counter)s source", count=n, plural="%(counter)s sources") }}\n'
        '{{ blocktranslate("By %(byline)s", byline=article.byline) }}'
        '{{ ngettext("%(num)s day", "%(num)s days", days) }}\n'
        '{% set label = pgettext("month", "May") %}{{ npgettext("m", "one", "many", n) }}\n'
        "{{ gettext(article.title) }} {{ blocktranslate(message, count=n, plural=other) }}\n"
        '{{ format("not a translation") }} {{ article.gettext("a method, not the global") }}\n'
    )
    extraction = source_messages(source)
    assert extraction.messages == [
        Message(1, "Latest"),
        Message(1, "Search"),
        Message(
            4,
            "%(counter)s source",
            "%(counter)s sources",
            comment="Translators: the count of sources\n   of one story",
        ),
        Message(5, "By %(byline)s"),
        Message(5, "%(num)s day", "%(num)s days"),
        Message(6, "May", context="month"),
        Message(6, "one", "many", "m"),
    ]
    assert extraction.unread == [Unread(7, "gettext"), Unread(7, "blocktranslate")]


def test_the_calls_reach_xgettext_as_python_on_their_lines() -> None:
    extraction = source_messages(
        '\n{# Translators: a name #}\n{{ gettext("It\'s \\"here\\" …") }}'
        '{{ blocktranslate("%(counter)s a", count=n, plural="%(counter)s b") }}\n'
        '\n{{ pgettext("month", "May") }}'
    )
    assert jinja_messages.python_source(extraction.messages).splitlines() == [
        "",
        "# Translators: a name",
        """gettext('It\\'s "here" …'); ngettext('%(counter)s a', '%(counter)s b', 0)""",
        "",
        "pgettext('month', 'May')",
    ]


def test_the_site_environment_has_no_translation_function_the_extraction_does_not_know() -> None:
    known = {
        name
        for name, value in ENVIRONMENT.globals.items()
        if getattr(value, "__module__", "").startswith("django.utils.translation")
        or name == "blocktranslate"
    }
    assert known and known <= set(FUNCTIONS), known - set(FUNCTIONS)
    # blocktranslate's positions: message, count, plural (cards._blocktranslate's signature).
    with translation.override("en"):
        assert ENVIRONMENT.globals["blocktranslate"]("%(counter)s a", 2, "%(counter)s b") == "2 b"


def test_every_template_under_web_jinja_is_read() -> None:
    on_disk = {path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*")}
    files = {name for name in on_disk if (TEMPLATES / name).is_file()}
    assert files and set(jinja_messages.template_names()) == files


def test_every_translation_call_of_the_templates_has_literal_strings() -> None:
    unread = {
        f"{name}:{call.line} {call.function}()"
        for name in jinja_messages.template_names()
        for call in jinja_messages.template_messages(name).unread
    }
    assert not unread, f"not extractable, so never in a catalogue: {sorted(unread)}"


# --- The catalogues -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogues_hold_every_string_of_the_jinja_templates(language: str) -> None:
    """A string of a Jinja2 template missing from a catalogue: run scripts/messages."""
    entries = catalogue(language)
    missing, wrong_plural = set(), set()
    for name in jinja_messages.template_names():
        for message in jinja_messages.template_messages(name).messages:
            entry = entries.get((message.context, message.message))
            if entry is None:
                missing.add(f"{name}:{message.line}: {message.message}")
            elif entry.get("msgid_plural") != message.plural:
                wrong_plural.add(f"{name}:{message.line}: {message.message}")
    assert not missing, sorted(missing)
    assert not wrong_plural, sorted(wrong_plural)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_refreshing_the_catalogues_keeps_every_string_and_reads_any_template(
    tmp_path: Path,
) -> None:
    """scripts/messages on a copy of the project: every entry is kept with its translation, and
    a string only a new Jinja2 template uses, whatever its file name, arrives untranslated."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    shutil.copytree(
        ROOT / "src" / "newsdesk",
        copy / "src" / "newsdesk",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    new = copy / "src" / "newsdesk" / "web" / "jinja" / "web" / "lately" / "_probe.jinja"
    new.parent.mkdir()
    new.write_text('<p>{{ gettext("Only a template made by a test says this") }}</p>\n')
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE", "NEWSDESK_DATA_DIR"}
    }
    subprocess.run(
        [copy / "scripts" / "messages"],
        env={**environment, "PYTHON": sys.executable},
        check=True,
        capture_output=True,
        timeout=300,
    )
    for language in TRANSLATED:
        before = catalogue(language)
        after = catalogue(language, copy / "src" / "newsdesk" / "locale")
        assert set(after) - set(before) == {(None, "Only a template made by a test says this")}
        assert set(before) <= set(after), sorted(set(before) - set(after), key=str)
        changed = [
            key
            for key, entry in before.items()
            if key != (None, "")
            and (entry["msgstr"], entry.get("msgid_plural"))
            != (after[key]["msgstr"], after[key].get("msgid_plural"))
        ]
        assert not changed, changed
