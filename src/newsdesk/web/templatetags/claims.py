"""The claim map of a story, as the story page shows it (``desk.stories.claims``)."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.stories.models import Story

register = template.Library()


@register.inclusion_tag("web/_claims.html")
def story_claim_map(story: Story) -> dict[str, Any]:
    # Imported here: the claim rules (and the word lists under them) load with the first story
    # page, not with every page that loads the template library (decision 65).
    from newsdesk.desk.stories.claims import story_claims

    return {"claims": story_claims(story), "story": story}
