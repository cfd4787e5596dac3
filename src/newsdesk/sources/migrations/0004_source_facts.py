"""Source facts (decision 59): languages, owner, kind of ownership and the citation of those
facts; stored sources of the built-in feeds' domains get the facts shipped in
desk/data/source-facts.json (a source whose facts cite anything is left alone).
"""

import json
from importlib import resources
from typing import Any

from django.db import migrations, models

FIELDS = {
    "country": "country",
    "languages": "languages",
    "owner": "owner",
    "ownership": "ownership",
    "citation": "facts_citation",
}


def fill_shipped_facts(apps: Any, schema_editor: Any) -> None:
    text = resources.files("newsdesk.desk").joinpath("data/source-facts.json").read_text("utf-8")
    shipped = {domain: facts for domain, facts in json.loads(text).items() if "." in domain}
    source = apps.get_model("sources", "Source")
    for row in source.objects.filter(domain__in=list(shipped), facts_citation=""):
        facts = shipped[row.domain]
        filled = []
        for key, name in FIELDS.items():
            if facts.get(key) and not getattr(row, name):
                setattr(row, name, facts[key][:2].upper() if name == "country" else facts[key])
                filled.append(name)
        if filled:
            row.save(update_fields=filled)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_source_logos"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="languages",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="source",
            name="owner",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="source",
            name="ownership",
            field=models.CharField(
                blank=True,
                choices=[
                    ("public", "Public broadcaster"),
                    ("state", "State-controlled"),
                    ("private", "Private"),
                    ("nonprofit", "Non-profit"),
                    ("wire", "Wire service"),
                ],
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="facts_citation",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.RunPython(fill_shipped_facts, migrations.RunPython.noop, elidable=True),
    ]
