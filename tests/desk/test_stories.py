"""Placing articles into stories through the database: joins, copies, corrections, the lease."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.stories import (
    claim_story_work,
    merge_stories,
    place_and_refine,
    place_article,
    refine_stories,
    run_story_work,
    split_article,
    terms,
)
from newsdesk.sources.models import Source
from newsdesk.stories.models import Correction, Placement, Story

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

QUAKE = (
    "A magnitude 6.1 earthquake struck off the coast of northern Chile on Tuesday, the US "
    "Geological Survey said. The quake hit near Iquique at a depth of 20 km. Residents of "
    "Iquique and Arica left their homes and gathered on higher ground, and the navy's "
    "oceanographic service said it did not expect a tsunami. Chile's interior ministry said "
    "there were no immediate reports of damage or injuries. The region around Iquique has seen "
    "a series of quakes in the past two weeks, and scientists in Santiago said the sequence was "
    "being watched closely for signs of a larger rupture along the Nazca plate."
)
QUAKE_RETOLD = (
    "Northern Chile was shaken on Tuesday by an earthquake of magnitude 6.1 centred near "
    "Iquique, according to the US Geological Survey, which put its depth at 20 km. People in "
    "Iquique and Arica went to higher ground as a precaution. The navy ruled out a tsunami and "
    "the interior ministry reported no damage. Santiago seismologists have been following a "
    "swarm of tremors off Iquique for two weeks along the Nazca plate boundary, and said they "
    "could not rule out a stronger earthquake in the coming days."
)
ELECTION = (
    "Danes voted on Wednesday in a general election in which Prime Minister Mette Frederiksen "
    "sought a second term after four years marked by the pandemic and a mink cull. Polls in "
    "Copenhagen showed her Social Democrats ahead but short of a majority, and the new Moderates "
    "party of former prime minister Lars Lokke Rasmussen could decide who governs. Turnout was "
    "high in Aarhus and Odense, election officials said, and results were expected after "
    "midnight. Frederiksen said she wanted a broad government across the centre."
)


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    terms.forget()


def source(name: str) -> Source:
    slug = name.lower().replace(" ", "-")
    return Source.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def article(publisher: str, title: str, text: str, minutes: int = 0) -> Article:
    url = f"https://{publisher.lower().replace(' ', '')}.example/{abs(hash((title, text)))}"
    return Article.objects.create(
        url=url,
        url_hash=str(abs(hash(url)))[:32],
        source=source(publisher),
        title=title,
        text=text,
        language="en",
        published_at=NOW + timedelta(minutes=minutes),
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.PAGE,
    )


@pytest.mark.django_db
def test_reports_of_one_event_from_two_sources_make_one_story() -> None:
    first = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    second = article("Valley Post", "Strong quake shakes northern Chile", QUAKE_RETOLD, 30)
    other = article("Harbour Times", "Denmark votes", ELECTION, 40)
    placed = [place_article(a.pk, now=NOW) for a in (first, second, other)]
    assert placed[0].new_story and not placed[1].new_story
    assert placed[0].story_id == placed[1].story_id != placed[2].story_id
    story = Story.objects.get(pk=placed[0].story_id)
    assert (story.article_count, story.source_count) == (2, 2)
    assert story.headline in {first.title, second.title}
    assert story.first_published_at == first.published_at
    assert story.last_published_at == second.published_at
    joined = Placement.objects.get(article=second)
    assert joined.score is not None and joined.score > 0.3
    assert "iquique" in joined.shared_entities


@pytest.mark.django_db
def test_placing_twice_changes_nothing() -> None:
    first = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    again = [place_article(first.pk, now=NOW) for _ in range(2)]
    assert again[0].story_id == again[1].story_id
    assert Placement.objects.count() == 1 and Story.objects.count() == 1


@pytest.mark.django_db
def test_a_republished_copy_is_recorded_once_under_its_original() -> None:
    original = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    copy = article("Valley Post", "Chile quake: what we know", "Advertisement\n" + QUAKE, 5)
    place_article(original.pk, now=NOW)
    placed = place_article(copy.pk, now=NOW)
    assert placed.duplicate_of == original.pk
    story = Story.objects.get(pk=placed.story_id)
    assert story.article_count == 1 and story.source_count == 2
    assert story.lead_article_id == original.pk


@pytest.mark.django_db
def test_operator_split_is_kept_by_the_merge_pass() -> None:
    first = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    second = article("Valley Post", "Strong quake shakes northern Chile", QUAKE_RETOLD, 30)
    for a in (first, second):
        place_article(a.pk, now=NOW)
    new_story = split_article(second.pk, now=NOW, made_by="editor")
    assert Placement.objects.get(article=second).story == new_story
    assert Placement.objects.get(article=second).pinned
    assert Correction.objects.filter(kind="split", made_by="editor").count() == 1
    assert refine_stories(since=NOW - timedelta(hours=1), now=NOW) == []
    assert Placement.objects.get(article=second).story == new_story


@pytest.mark.django_db
def test_operator_merge_moves_every_article_and_redirects_the_old_story() -> None:
    quake = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    vote = article("Valley Post", "Denmark votes", ELECTION, 10)
    a, b = (place_article(x.pk, now=NOW).story_id for x in (quake, vote))
    merged = merge_stories(b, a, now=NOW, made_by="editor")
    assert merged.article_count == 2
    assert Story.objects.get(pk=b).merged_into_id == a
    assert set(Placement.objects.values_list("story_id", flat=True)) == {a}
    with pytest.raises(ValueError):
        merge_stories(a, a, now=NOW)


@pytest.mark.django_db
def test_the_merge_pass_joins_two_halves_of_one_event() -> None:
    first = article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    second = article("Valley Post", "Strong quake shakes northern Chile", QUAKE_RETOLD, 30)
    a = place_article(first.pk, now=NOW).story_id
    # Put the second report in a story of its own, as an early online decision might.
    b = place_article(second.pk, now=NOW).story_id
    if a == b:
        b = split_article(second.pk, now=NOW).pk
        Correction.objects.all().delete()  # not an operator's decision in this test
        Placement.objects.filter(article=second).update(pinned=False)
    merges = refine_stories(since=NOW - timedelta(hours=1), now=NOW)
    assert [(m.absorbed, m.into) for m in merges] in ([(b, a)], [(a, b)])
    assert Placement.objects.values("story").distinct().count() == 1


@pytest.mark.django_db
def test_story_work_lease_is_held_by_one_job_at_a_time() -> None:
    article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    token = claim_story_work(NOW)
    assert token and claim_story_work(NOW) is None
    assert run_story_work("not-the-holder", now=NOW).placed == 0
    work = run_story_work(token, now=NOW)
    assert work.placed == 1 and not work.more
    assert claim_story_work(NOW) is None  # nothing pending, merge pass just ran
    assert claim_story_work(NOW + timedelta(minutes=5)) is not None  # merge pass due again


@pytest.mark.django_db
def test_place_and_refine_places_everything_ready_and_skips_pending() -> None:
    article("Harbour Times", "Earthquake strikes off Chile", QUAKE)
    waiting = article("Valley Post", "Denmark votes", ELECTION)
    Article.objects.filter(pk=waiting.pk).update(status=ArticleStatus.PENDING)
    assert place_and_refine(now=NOW).placed == 1
    assert not Placement.objects.filter(article=waiting).exists()


def story_fields(story_id: int) -> tuple[object, ...]:
    story = Story.objects.get(pk=story_id)
    return (
        story.article_count,
        story.source_count,
        story.first_published_at,
        story.last_published_at,
        story.lead_article_id,
        story.headline,
    )


@pytest.mark.django_db
def test_counts_kept_up_to_date_on_placing_match_a_full_recount() -> None:
    from newsdesk.desk.stories import refresh_story

    longer = QUAKE_RETOLD + " Aftershocks were felt in Arica into the evening."
    placed = [
        place_article(a.pk, now=NOW)
        for a in (
            article("Harbour Times", "Earthquake strikes off Chile", QUAKE, 10),
            article("Valley Post", "Strong quake shakes northern Chile", QUAKE_RETOLD, -20),
            article("Harbour Times", "Chile quake: later report", longer, 50),
            article("Coast Daily", "Chile quake: what we know", "Advertisement\n" + QUAKE, 70),
        )
    ]
    stories = {p.story_id for p in placed}
    assert len(stories) == 1 and any(p.duplicate_of for p in placed)
    (story_id,) = stories
    kept = story_fields(story_id)
    refresh_story(Story.objects.get(pk=story_id), NOW)
    assert story_fields(story_id) == kept
    originals = [p.article_id for p in placed if p.duplicate_of is None]
    assert kept[:2] == (len(originals), 3) and kept[4] in originals


@pytest.mark.django_db
def test_a_new_story_is_stored_by_one_insert_with_the_fields_a_recount_gives() -> None:
    from newsdesk.desk.stories import refresh_story

    first = article("Harbour Times", "Earthquake strikes off Chile", QUAKE, 10)
    with CaptureQueriesContext(connection) as placing:
        placed = place_article(first.pk, now=NOW)
    assert placed.new_story
    story_table = '"stories_story"'
    writes = [
        sql
        for sql in (q["sql"] for q in placing.captured_queries)
        if story_table in sql and sql.startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    kept = story_fields(placed.story_id)
    assert kept[:2] == (1, 1) and kept[4] == first.pk and kept[5] == first.title
    refresh_story(Story.objects.get(pk=placed.story_id), NOW)
    assert story_fields(placed.story_id) == kept
