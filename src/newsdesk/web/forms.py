"""Forms of the reader pages: search (the query and its filters), the staff merge of stories,
and the reader's profile page (region, languages, time zone; app tokens; the app password)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext, gettext_lazy

from newsdesk.desk.editions import language_choices
from newsdesk.readers.models import TokenScope
from newsdesk.sources.models import Source

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
MAX_LANGUAGES = 10


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=256, label=gettext_lazy("Search"))
    source = forms.ChoiceField(required=False, label=gettext_lazy("Source"))
    since = forms.DateField(
        required=False, label=gettext_lazy("Since"), widget=forms.DateInput(attrs={"type": "date"})
    )
    lang = forms.CharField(required=False, max_length=16, label=gettext_lazy("Language"))

    def __init__(self, *args: Any, sources: list[Source], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", gettext("All sources"))
        choices = [everything, *((source.slug, source.name) for source in sources)]
        self.fields["source"].choices = choices  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    into = forms.IntegerField(min_value=1, label=gettext_lazy("Merge into story #"))


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(name for name in available_timezones() if "/" in name or name == "UTC")
    return [(name, name.replace("_", " ")) for name in names]


class LanguageCodesField(forms.MultipleChoiceField):
    """Checkboxes of languages that accept any code ``clean_languages`` finds well formed (and
    "pt, en" typed as one value), so a reader's codes are kept while no article is in them."""

    def to_python(self, value: Any) -> list[str]:
        return [part for item in super().to_python(value) for part in item.split(",")]

    def valid_value(self, value: str) -> bool:
        return True


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("Display name"),
        help_text=gettext_lazy(
            "How others see you beside your comments; 2 to 40 characters. Without one you are "
            "shown by number, never by your e-mail address."
        ),
    )
    region = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Region"),
        help_text=gettext_lazy(
            "A country or city whose news you want first, e.g. Lisbon or Portugal."
        ),
    )
    languages = LanguageCodesField(
        required=False,
        label=gettext_lazy("Languages"),
        help_text=gettext_lazy(
            "Show only news in these languages; with none ticked, every language."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    time_zone = forms.ChoiceField(label=gettext_lazy("Time zone"), choices=time_zone_choices)

    def __init__(self, *args: Any, languages: Sequence[str] = (), **kwargs: Any) -> None:
        """``languages``: the reader's own, offered even when no article is in them yet."""
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices(languages)  # type: ignore[attr-defined]

    def clean_languages(self) -> list[str]:
        codes = [str(code).strip().lower() for code in self.cleaned_data["languages"]]
        codes = [code for code in codes if code]
        wrong = [code for code in codes if not LANGUAGE_CODE.match(code)]
        if wrong:
            raise forms.ValidationError(
                gettext("Not a language code: %(codes)s. Use codes such as en, fr or pt-br.")
                % {"codes": ", ".join(wrong)}
            )
        if len(codes) > MAX_LANGUAGES:
            raise forms.ValidationError(
                gettext("At most %(count)d languages.") % {"count": MAX_LANGUAGES}
            )
        return list(dict.fromkeys(codes))


class TokenForm(forms.Form):
    name = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("Where you will use it, e.g. phone app."),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("For"),
        choices=[
            (TokenScope.API, gettext_lazy("The JSON API")),
            (TokenScope.FEED, gettext_lazy("My private feed")),
        ],
        initial=TokenScope.API,
    )


class AppPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("App password"),
        min_length=10,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 10 characters; not your account password."),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Your account password, to confirm it is you."),
    )
