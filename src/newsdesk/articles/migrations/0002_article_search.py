"""Full-text search of articles, set up for the database in use (see newsdesk.desk.search).

SQLite: an external-content FTS5 table over (title, text) kept in sync by triggers, so every write
path (save, bulk_create, queryset update, delete) is indexed without the writers knowing.

PostgreSQL: the unaccent extension, a text search configuration that folds accents and stems
English words, a stored generated ``search_vector`` column (title weighted A, body B) and a GIN
index on it.

Other databases get nothing; search falls back to substring matching there.

On SQLite, a later migration that rebuilds ``articles_article`` (Django does this to alter a
column) drops the triggers with the old table: such a migration must run ``SQLITE_FORWARDS`` of
this module again (it is idempotent) and then rebuild the index.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_fts USING fts5(
        title, text,
        content='articles_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert AFTER INSERT ON articles_article
    BEGIN
        INSERT INTO articles_article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete AFTER DELETE ON articles_article
    BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS articles_article_fts_update
    AFTER UPDATE OF id, title, text ON articles_article
    BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')",
]

SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS articles_article_fts_update",
    "DROP TRIGGER IF EXISTS articles_article_fts_delete",
    "DROP TRIGGER IF EXISTS articles_article_fts_insert",
    "DROP TABLE IF EXISTS articles_article_fts",
]

# The body is cut at 200,000 characters before indexing: a tsvector is limited to 1 MB, and an
# insert whose vector exceeds it would fail. No article is that long; a pasted data dump may be.
POSTGRESQL_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION newsdesk_search (COPY = english)",
    """
    ALTER TEXT SEARCH CONFIGURATION newsdesk_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem
    """,
    """
    ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('newsdesk_search'::regconfig, coalesce(title, '')), 'A')
        || setweight(
            to_tsvector('newsdesk_search'::regconfig, left(coalesce(text, ''), 200000)), 'B'
        )
    ) STORED
    """,
    "CREATE INDEX article_search_vector ON articles_article USING gin (search_vector)",
]

POSTGRESQL_BACKWARDS = [
    "DROP INDEX IF EXISTS article_search_vector",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsdesk_search",
    # The unaccent extension stays: other objects of the database may use it.
]


def _run(statements: dict[str, list[str]], schema_editor) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor) -> None:
    _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRESQL_FORWARDS}, schema_editor)


def backwards(apps, schema_editor) -> None:
    _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRESQL_BACKWARDS}, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
