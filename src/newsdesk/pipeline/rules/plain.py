"""A rule stated in plain words ("no celebrity gossip"), turned into an ordinary rule by a
language model, which the reader then sees, previews and edits like any other.

``plain_prompt(wish)`` is the request (instructions in ``data/plain_words.txt``, with one worked
example); ``parse_plain(answer)`` reads the model's JSON object back into a ``RuleSpec``. The
answer is checked as a reader's own rule is: unknown actions, a rule with no condition or a
broken answer raise ``RuleError``, and nothing is saved from it without the reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsdesk.pipeline.rules.matcher import ACTIONS, FIELDS, RuleError, RuleSpec
from newsdesk.pipeline.summarize.llm import Prompt

INSTRUCTIONS = (Path(__file__).parent / "data" / "plain_words.txt").read_text(encoding="utf-8")
MAX_WISH_CHARS = 300
ANSWER_TOKENS = 300
_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def plain_prompt(wish: str) -> Prompt:
    """The request that asks the model for the rule ``wish`` states."""
    wish = " ".join(wish.split())[:MAX_WISH_CHARS]
    if not wish:
        raise RuleError("say in a few words what the rule should do")
    return Prompt(
        task="rule",  # type: ignore[arg-type]
        messages=(
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": f"Wish: {wish}\nAnswer:"},
        ),
        numbers={},
        max_tokens=ANSWER_TOKENS,
    )


def parse_plain(answer: str) -> tuple[RuleSpec, str]:
    """The rule and its name from the model's answer; ``RuleError`` when it is not one."""
    found = _OBJECT.search(answer)
    if found is None:
        raise RuleError("the language model did not answer with a rule")
    try:
        data = json.loads(found.group(0))
    except ValueError as e:
        raise RuleError("the language model's rule could not be read") from e
    if not isinstance(data, dict):
        raise RuleError("the language model did not answer with a rule")
    action = str(data.get("action", "hide")).strip().lower()
    field = str(data.get("field", "both")).strip().lower()
    spec = RuleSpec(
        id=0,
        action=action if action in ACTIONS else "hide",
        field=field if field in FIELDS else "both",
        folder=str(data.get("folder") or "").strip()[:200],
        terms=_strings(data.get("terms")),
        unless=_strings(data.get("unless")),
        sources=_strings(data.get("sources")),
        topics=_strings(data.get("topics")),
        places=_strings(data.get("places")),
        languages=_strings(data.get("languages")),
        authors=_strings(data.get("authors")),
    )
    spec.check()
    return spec, str(data.get("name") or "").strip()[:100]


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    cleaned = (str(item).strip() for item in value if isinstance(item, str | int))
    return tuple(dict.fromkeys(item for item in cleaned if item))
