"""Forms of the reader pages: search (the query and its filters), the staff merge of stories,
and the reader's profile page (region, languages, time zone; app tokens; the app password)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from django import forms

from newsdesk.readers.models import TokenScope
from newsdesk.sources.models import Source

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
MAX_LANGUAGES = 10


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=256, label="Search")
    source = forms.ChoiceField(required=False, label="Source")
    since = forms.DateField(
        required=False, label="Since", widget=forms.DateInput(attrs={"type": "date"})
    )
    lang = forms.CharField(required=False, max_length=16, label="Language")

    def __init__(self, *args: Any, sources: list[Source], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "All sources"), *((source.slug, source.name) for source in sources)]
        self.fields["source"].choices = choices  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    into = forms.IntegerField(min_value=1, label="Merge into story #")


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(name for name in available_timezones() if "/" in name or name == "UTC")
    return [(name, name.replace("_", " ")) for name in names]


class ProfileForm(forms.Form):
    region = forms.CharField(
        required=False,
        max_length=100,
        label="Region",
        help_text="A country or city whose news you want first, e.g. Lisbon or Portugal.",
    )
    languages = forms.CharField(
        required=False,
        max_length=200,
        label="Languages",
        help_text="Codes of the languages you read, most preferred first, e.g. en, fr.",
    )
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices)

    def clean_languages(self) -> list[str]:
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].split(",")]
        codes = [code for code in codes if code]
        wrong = [code for code in codes if not LANGUAGE_CODE.match(code)]
        if wrong:
            raise forms.ValidationError(
                f"Not a language code: {', '.join(wrong)}. Use codes such as en, fr or pt-br."
            )
        if len(codes) > MAX_LANGUAGES:
            raise forms.ValidationError(f"At most {MAX_LANGUAGES} languages.")
        return list(dict.fromkeys(codes))


class TokenForm(forms.Form):
    name = forms.CharField(
        required=False,
        max_length=100,
        label="Name",
        help_text="Where you will use it, e.g. phone app.",
    )
    scope = forms.ChoiceField(
        label="For",
        choices=[(TokenScope.API, "The JSON API"), (TokenScope.FEED, "My private feed")],
        initial=TokenScope.API,
    )


class AppPasswordForm(forms.Form):
    password = forms.CharField(
        label="App password",
        min_length=10,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not your account password.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your account password, to confirm it is you.",
    )
