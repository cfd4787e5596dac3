"""The story list's version row (decision 55), made with its first number."""

from django.db import migrations, models


def first_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("stories", "StoryListVersion").objects.create(pk=1, number=1)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryListVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
