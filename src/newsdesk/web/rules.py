"""The reader's rules page under /me/rules/: their rules (and, for an operator, the site-wide
ones) with what each catches, a form to make or change one with a live preview of what it would
catch (htmx posts the form to ``rules/preview/`` as it is filled in), and, when a language model
is configured, a box to state a rule in plain words, which fills the form for the reader to check.

Nothing is saved by a preview or by the plain-words box: only "Save rule" saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.desk.readers import rule_editing
from newsdesk.pipeline.rules import RuleError
from newsdesk.readers.rules import Rule, RuleAction, RuleField

LIST_HELP = gettext_lazy("Separate them with commas.")
# The form in three parts: what to look for, what narrows it (folded away), what to do.
PARTS = {
    "words": ("name", "terms", "field", "regex", "unless"),
    "narrowing": ("sources", "folders", "topics", "places", "languages", "authors"),
    "action": ("action", "folder", "enabled", "site_wide"),
}


def _list_field(label: Any, help_text: Any = LIST_HELP, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


class RuleForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)
    terms = _list_field(
        gettext_lazy("Words or phrases"),
        gettext_lazy("Any of them, as whole words; separate them with commas."),
        placeholder=gettext_lazy("celebrity, gossip"),
    )
    field = forms.ChoiceField(
        label=gettext_lazy("Look in"), choices=RuleField.choices, initial=RuleField.BOTH
    )
    regex = forms.BooleanField(
        label=gettext_lazy("The words are regular expressions"), required=False
    )
    unless = _list_field(
        gettext_lazy("Unless it says"),
        gettext_lazy("Words that spare an article; separate them with commas."),
    )
    sources = _list_field(gettext_lazy("Sources (their short names)"))
    folders = _list_field(gettext_lazy("Sources in your folders"))
    topics = _list_field(gettext_lazy("Topics"))
    places = _list_field(gettext_lazy("Places"))
    languages = _list_field(gettext_lazy("Languages (codes such as en, de)"))
    authors = _list_field(gettext_lazy("Authors"))
    action = forms.ChoiceField(
        label=gettext_lazy("Then"), choices=RuleAction.choices, initial=RuleAction.HIDE
    )
    folder = forms.CharField(
        label=gettext_lazy("Folder (for “Put in a folder”)"), required=False, max_length=200
    )
    enabled = forms.BooleanField(label=gettext_lazy("On"), required=False, initial=True)
    site_wide = forms.BooleanField(
        label=gettext_lazy("Site-wide: for every reader (operators)"), required=False
    )


class WordsForm(forms.Form):
    wish = forms.CharField(
        label=gettext_lazy("Say it in plain words"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("only Champions League, not other football")}
        ),
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _initial(rule: Rule) -> dict[str, Any]:
    values: dict[str, Any] = {name: ", ".join(getattr(rule, name)) for name in rule_editing.LISTS}
    values.update(
        name=rule.name,
        field=rule.field,
        regex=rule.regex,
        action=rule.action,
        folder=rule.folder,
        enabled=rule.enabled,
        site_wide=rule.pk is not None and rule.user_id is None,
    )
    return values


def _checked(form: RuleForm, rule: Rule) -> Rule | None:
    """``rule`` filled from a valid form, or None with the reason on the form."""
    if not form.is_valid():
        return None
    try:
        return rule_editing.fill(rule, form.cleaned_data)
    except RuleError as e:
        form.add_error(None, str(e))
        return None


def _page(
    request: HttpRequest, form: RuleForm | None = None, rule: Rule | None = None, **extra: Any
) -> HttpResponse:
    user = _user(request)
    rules = rule_editing.rules_of(user)
    now = timezone.now()
    counts = rule_editing.caught_counts(user, rules, now)
    shown = form or RuleForm()
    values = shown.data if shown.is_bound else shown.initial
    context = {
        "rules": [(item, counts.get(item.pk, 0)) for item in rules],
        "form": shown,
        "parts": {name: [shown[field] for field in fields] for name, fields in PARTS.items()},
        # the narrowing conditions are folded away unless one is filled in
        "narrowed": any(values.get(name) for name in PARTS["narrowing"]),
        "rule": rule,
        "operator": user.is_staff,
        "words_form": WordsForm() if rule_editing.plain_words_available() else None,
        "recent_days": rule_editing.RECENT.days,
        **extra,
    }
    if rule is not None and rule.pk and "preview" not in extra:
        context["preview"] = rule_editing.preview(user, rule, now)
        context["recorded"] = rule_editing.recorded(rule)
    return render(request, "web/rules.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def rule_list(request: HttpRequest) -> HttpResponse:
    """The rules and the form for a new one; a POST saves a new rule."""
    if request.method == "GET":
        return _page(request)
    form = RuleForm(request.POST)
    site_wide = request.POST.get("site_wide") == "on"
    rule = _checked(form, Rule(user=None if site_wide else _user(request)))
    if rule is None:
        return _page(request, form)
    try:
        rule_editing.save_rule(_user(request), form.cleaned_data, site_wide=site_wide)
    except RuleError as e:
        form.add_error(None, str(e))
        return _page(request, form)
    messages.success(request, gettext("The rule is saved."))
    return HttpResponseRedirect(reverse("web:rules"))


def _own_rule(request: HttpRequest, rule_id: int) -> Rule:
    rule = rule_editing.rule_of(_user(request), rule_id)
    if rule is None:
        raise Http404("No such rule")
    return rule


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    """One rule: its form, what it catches now and what it recorded; a POST saves it."""
    rule = _own_rule(request, rule_id)
    if request.method == "GET":
        return _page(request, RuleForm(initial=_initial(rule)), rule)
    form = RuleForm(request.POST)
    if _checked(form, Rule(user=rule.user)) is None:
        return _page(request, form, rule)
    try:
        rule_editing.save_rule(_user(request), form.cleaned_data, rule)
    except RuleError as e:
        form.add_error(None, str(e))
        return _page(request, form, rule)
    messages.success(request, gettext("The rule is saved."))
    return HttpResponseRedirect(reverse("web:rule", args=[rule.pk]))


@never_cache
@login_required
@require_POST
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule_editing.delete_rule(_user(request), _own_rule(request, rule_id))
    messages.success(request, gettext("The rule is deleted."))
    return HttpResponseRedirect(reverse("web:rules"))


@never_cache
@login_required
@require_POST
def rule_preview(request: HttpRequest) -> HttpResponse:
    """What the form's rule would catch among the recent articles: the fragment htmx asks for,
    or the whole page with the form as filled in (without JavaScript)."""
    form = RuleForm(request.POST)
    rule = _checked(form, Rule(user=_user(request)))
    found = rule_editing.preview(_user(request), rule, timezone.now()) if rule else None
    if not getattr(request, "htmx", False):
        return _page(request, form, preview=found)
    context = {"form": form, "preview": found, "recent_days": rule_editing.RECENT.days}
    return render(request, "web/_rule_preview.html", context)


@never_cache
@login_required
@require_POST
def rule_words(request: HttpRequest) -> HttpResponse:
    """A rule from plain words: the form filled in and previewed, not saved. Only offered (and
    only answered) when a language model is configured."""
    if not rule_editing.plain_words_available():
        raise Http404("No language model is configured")
    words = WordsForm(request.POST)
    if not words.is_valid():
        return _page(request, words_form=words)
    try:
        rule = rule_editing.rule_from_words(words.cleaned_data["wish"])
    except RuleError as e:
        words.add_error("wish", str(e))
        return _page(request, words_form=words)
    preview = rule_editing.preview(_user(request), rule, timezone.now())
    form = RuleForm(initial=_initial(rule))
    return _page(request, form, words_form=words, preview=preview, from_words=True)
