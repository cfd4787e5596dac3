"""Honest headlines (decision 59): whether a headline is clickbait, and the neutral headline a
language model offers for it.

All three columns are nullable and have no default, so SQLite adds them in place: a column that
is not null makes Django copy the whole articles table, and that copy would drop the search
triggers of articles.0002. Articles stored before this migration stay unjudged (null) until
they are stored again.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_body_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="clickbait",
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="neutral_title",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="neutral_title_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
