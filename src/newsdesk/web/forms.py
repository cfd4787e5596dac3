"""Forms of the reader pages: search (the query and its filters) and the staff merge of stories."""

from __future__ import annotations

from typing import Any

from django import forms

from newsdesk.sources.models import Source


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
