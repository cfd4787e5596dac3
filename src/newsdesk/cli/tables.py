"""Tables of the command line that fit the terminal: feed health and the built-in feed list.

A wide terminal gets a table; a narrow one (a phone's SSH app, an 80-column window) gets one
block per row, each value on a line of its own with its label, so nothing is cut to "faili…".
Long values (addresses, errors) wrap instead of being cut, in both layouts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdesk.sources.models import Feed, FeedStatus, WebSubState, WebSubSubscription

if TYPE_CHECKING:  # the feed parsers, which a table of feeds does not need
    from newsdesk.pipeline.feeds import OutlineFeed

# Below these widths the tables would squeeze their cells: blocks are printed instead.
FEEDS_TABLE_WIDTH = 140
DEFAULTS_TABLE_WIDTH = 110
STATE_STYLES = {"ok": "green", "failing": "bold red", "not checked yet": "yellow"}


def feed_state(feed: Feed) -> str:
    """A feed's health in a word: ok, failing, not checked yet, paused or retired."""
    if feed.status != FeedStatus.ACTIVE:
        return str(feed.status)
    if feed.consecutive_failures:
        return "failing"
    return "ok" if feed.last_checked_at else "not checked yet"


def print_feeds(console: Console, feeds: Sequence[Feed]) -> None:
    if not feeds:
        console.print("No feeds yet. Add one with: newsdesk add URL")
        return
    if console.width >= FEEDS_TABLE_WIDTH:
        console.print(_feeds_table(feeds))
    else:
        _print_feed_blocks(console, feeds)
    failing = sum(1 for feed in feeds if feed_state(feed) == "failing")
    summary = f"{len(feeds)} feeds, {failing} failing"
    console.print(Text(summary, style="bold red" if failing else "bold"))


def subscription_of(feed: Feed) -> WebSubSubscription | None:
    try:
        return feed.websub
    except WebSubSubscription.DoesNotExist:
        return None


def websub_summary(feed: Feed) -> str:
    """The feed's WebSub state in a line: hub, lease end, last push ("" when it names no hub)."""
    subscription = subscription_of(feed)
    if subscription is None:
        return ""
    line = f"{subscription.get_state_display()} at {subscription.hub}"
    if subscription.state == WebSubState.ACTIVE:
        line += f" until {when(subscription.lease_ends_at)}"
    if subscription.last_push_at:
        line += f" · last push {when(subscription.last_push_at)}"
    if subscription.last_error:
        line += f" · {subscription.last_error}"
    return line


def _feeds_table(feeds: Sequence[Feed]) -> Table:
    table = Table(title="Feeds", expand=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("source", overflow="fold")
    table.add_column("URL", overflow="fold", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("last check", no_wrap=True)
    table.add_column("HTTP", no_wrap=True)
    table.add_column("failures", justify="right", no_wrap=True)
    table.add_column("next check", no_wrap=True)
    table.add_column("last error", overflow="fold", ratio=2)
    pushed = any(subscription_of(feed) for feed in feeds)
    if pushed:
        table.add_column("WebSub", overflow="fold", ratio=2)
    for feed in feeds:
        state = feed_state(feed)
        websub = (websub_summary(feed),) if pushed else ()
        table.add_row(
            str(feed.pk),
            feed.source.name,
            feed.url,
            Text(state, style=STATE_STYLES.get(state, "")),
            when(feed.last_checked_at),
            str(feed.last_status or "-"),
            str(feed.consecutive_failures),
            when(feed.next_check_at),
            feed.last_error or "",
            *websub,
        )
    return table


def _print_feed_blocks(console: Console, feeds: Iterable[Feed]) -> None:
    for feed in feeds:
        state = feed_state(feed)
        heading = Text.assemble(
            (f"#{feed.pk} ", "dim"),
            (feed.source.name, "bold"),
            "  ",
            (state, STATE_STYLES.get(state, "")),
        )
        console.print(heading)
        console.print(Text(f"  {feed.url}", overflow="fold"))
        checked = f"  last check {when(feed.last_checked_at)}"
        if feed.last_status:
            checked += f" (HTTP {feed.last_status})"
        checked += f" · next {when(feed.next_check_at)}"
        if feed.consecutive_failures:
            checked += f" · {feed.consecutive_failures} failures in a row"
        console.print(Text(checked, style="dim", overflow="fold"))
        if feed.last_error:
            console.print(Text(f"  error: {feed.last_error}", style="red", overflow="fold"))
        if websub_summary(feed):
            console.print(Text(f"  WebSub: {websub_summary(feed)}", overflow="fold"))


def print_defaults(console: Console, feeds: Sequence[OutlineFeed]) -> None:
    if console.width >= DEFAULTS_TABLE_WIDTH:
        table = Table(title="Built-in public news feeds")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("feed", overflow="fold")
        table.add_column("category", overflow="fold")
        table.add_column("URL", overflow="fold")
        for number, feed in enumerate(feeds, start=1):
            table.add_row(str(number), feed.title, ", ".join(feed.categories), feed.xml_url)
        console.print(table)
        return
    console.print(Text("Built-in public news feeds", style="bold"))
    for number, feed in enumerate(feeds, start=1):
        category = f" ({', '.join(feed.categories)})" if feed.categories else ""
        console.print(Text.assemble((f"{number:>3}. ", "dim"), (feed.title, "bold"), category))
        console.print(Text(f"     {feed.xml_url}", style="dim", overflow="fold"))


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
