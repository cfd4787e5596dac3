"""A reader's rules as plain data: what a rule looks at, what it does, and the matcher.

``matcher`` holds the pure matcher (``compile_rules`` → ``Matcher``); ``plain`` turns a rule
stated in plain words into a ``RuleSpec`` through a configured language model's answer. Nothing
here imports Django: ``newsdesk.desk.readers.rules`` loads the rules and the articles' facts.
"""

from newsdesk.pipeline.rules.matcher import (
    ACTIONS,
    FIELDS,
    ArticleFacts,
    Matcher,
    RuleError,
    RuleSpec,
    Verdict,
    compile_rules,
)

__all__ = [
    "ACTIONS",
    "FIELDS",
    "ArticleFacts",
    "Matcher",
    "RuleError",
    "RuleSpec",
    "Verdict",
    "compile_rules",
]
