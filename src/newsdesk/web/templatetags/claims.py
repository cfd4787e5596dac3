"""The claim map of a story, as the story page shows it (``desk.stories.claims``)."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.desk.stories.claims import story_claims
from newsdesk.stories.models import Story

register = template.Library()


@register.inclusion_tag("web/_claims.html")
def story_claim_map(story: Story) -> dict[str, Any]:
    return {"claims": story_claims(story), "story": story}
