"""Per-source boilerplate learning: count on how many of a source's pages each line appears,
and hand the lines that recur on enough of them to the extract stage for removal.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from newsdesk.articles.models import BoilerplateLine
from newsdesk.pipeline.extract import select_boilerplate
from newsdesk.sources.models import Source


def learn_lines(source: Source, fingerprints: frozenset[str]) -> None:
    """Count one more page of ``source`` carrying each of ``fingerprints``."""
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(pages_seen=F("pages_seen") + 1)
        if not fingerprints:
            return
        BoilerplateLine.objects.bulk_create(
            [BoilerplateLine(source=source, fingerprint=f, pages=0) for f in fingerprints],
            ignore_conflicts=True,
        )
        BoilerplateLine.objects.filter(source=source, fingerprint__in=fingerprints).update(
            pages=F("pages") + 1
        )


def boilerplate_of(source: Source) -> frozenset[str]:
    """The fingerprints that recur on enough pages of ``source`` to be its boilerplate."""
    pages = Source.objects.filter(pk=source.pk).values_list("pages_seen", flat=True).first() or 0
    if pages < 3:
        return frozenset()
    counts = dict(
        BoilerplateLine.objects.filter(source=source, pages__gte=3).values_list(
            "fingerprint", "pages"
        )
    )
    return select_boilerplate(counts, pages)
