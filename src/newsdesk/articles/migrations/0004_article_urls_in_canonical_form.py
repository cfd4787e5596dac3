"""Stored article URLs in today's canonical form, so a link spelled the new way finds its article.

Articles are looked up by ``url_hash``, the hash of the canonical URL. When the canonical form
changes (dot segments resolved, IDNA hosts, a sorted query: decision 34), an article stored under
the old form would not be found from a link in the new form and would be stored twice. This
migration rewrites ``url`` and ``url_hash`` of every article whose URL reads differently today.

Two stored articles that the new form makes one (the same page found under two query orders)
stay two rows: the first by id takes the new form, the other keeps its old form and is no longer
reached by new links, so nothing is deleted and nothing that points at either row changes. Rows
whose ``url_hash`` is not the hash of their URL (data made by other means) and URLs that are not
http(s) (saved files) are left alone. Work goes in batches by id; reversing it changes nothing.
"""

import hashlib

from django.db import migrations

from newsdesk.errors import InvalidURLError
from newsdesk.pipeline.normalize import canonicalize_url

BATCH = 2000


def _hash(url):
    """``newsdesk.desk.articles.url_hash``, which the layers keep this module from importing."""
    return hashlib.blake2b(url.encode("utf-8"), digest_size=16).hexdigest()


def _changes(rows):
    """(id, new URL, new hash) of the rows whose URL has another canonical form today."""
    for pk, url, url_hash in rows:
        if url_hash != _hash(url):
            continue
        try:
            canonical = canonicalize_url(url)
        except InvalidURLError:
            continue
        if canonical != url:
            yield pk, canonical, _hash(canonical)


def rewrite_urls(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    last = 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "url", "url_hash")[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        changes = list(_changes(rows))
        wanted = [new_hash for _, _, new_hash in changes]
        taken = set(Article.objects.filter(url_hash__in=wanted).values_list("url_hash", flat=True))
        for pk, canonical, new_hash in changes:
            if new_hash in taken:
                continue
            taken.add(new_hash)
            Article.objects.filter(pk=pk).update(url=canonical, url_hash=new_hash)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_reader_indexes"),
    ]

    operations = [
        migrations.RunPython(rewrite_urls, migrations.RunPython.noop, elidable=True),
    ]
