"""Routes of the reader's rules page under /me/rules/."""

from django.urls import URLPattern, path

from newsdesk.web import rules

urlpatterns: list[URLPattern] = [
    path("me/rules/", rules.rule_list, name="rules"),
    path("me/rules/preview/", rules.rule_preview, name="rule-preview"),
    path("me/rules/words/", rules.rule_words, name="rule-words"),
    path("me/rules/<int:rule_id>/", rules.rule_edit, name="rule"),
    path("me/rules/<int:rule_id>/delete/", rules.rule_delete, name="rule-delete"),
]
