"""A podcast publisher on a LocalServer: a real WAV file (made here, a quiet tone), served with
byte ranges as media servers do, an episode page that must never be fetched, and the feed."""

from __future__ import annotations

import io
import math
import re
import struct
import wave
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler

from tests.support.server import LocalServer

RSS = {"Content-Type": "application/rss+xml"}
SHOW_NOTES = (
    "<p>This week: the night ferry's <b>last crossing</b>, and the crew who kept it running.</p>"
    "<ul><li>Chapter 1: the harbour at dusk</li><li>Chapter 2: the engine room</li></ul>"
)
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


def wav_bytes(seconds: float = 30.0, rate: int = 8000) -> bytes:
    """A mono 16-bit PCM WAV of a soft 440 Hz tone, ``seconds`` long."""
    frames = int(seconds * rate)
    samples = (int(800 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(frames))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return buffer.getvalue()


def serve_media(server: LocalServer, path: str, data: bytes, media_type: str) -> str:
    """Serve ``data`` at ``path`` with ``Accept-Ranges`` and 206 answers to Range requests."""

    def reply(handler: BaseHTTPRequestHandler) -> None:
        asked = _RANGE.match(handler.headers.get("Range", "") or "")
        start, end = 0, len(data) - 1
        if asked is not None:
            start = int(asked.group(1))
            end = min(int(asked.group(2) or end), end)
        part = data[start : end + 1]
        handler.send_response(206 if asked is not None else 200)
        handler.send_header("Content-Type", media_type)
        handler.send_header("Accept-Ranges", "bytes")
        handler.send_header("Content-Length", str(len(part)))
        if asked is not None:
            handler.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(part)

    return server.add(path, handler=reply)


def serve_podcast(server: LocalServer, audio: bytes, *, duration: str = "0:30") -> str:
    """The show's feed (one episode whose file is ``audio``); returns the feed's address."""
    file_url = serve_media(server, "/audio/episode-12.wav", audio, "audio/wav")
    page_url = server.add("/episodes/12", "<html><body><p>Episode page</p></body></html>")
    when = format_datetime(datetime(2026, 12, 1, 6, 0, tzinfo=UTC))
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Hour</title><link>{server.url("/")}</link><language>en</language>
  <description>A weekly show about the harbour.</description>
  <itunes:image href="{server.url("/show.jpg")}"/>
  <item>
    <title>Episode 12: the night ferry</title>
    <link>{page_url}</link>
    <guid isPermaLink="false">harbour-hour-12</guid>
    <pubDate>{when}</pubDate>
    <description>The night ferry's last crossing.</description>
    <content:encoded><![CDATA[{SHOW_NOTES}<script>window.pwned = 1</script>]]></content:encoded>
    <enclosure url="{file_url}" length="{len(audio)}" type="audio/wav"/>
    <itunes:duration>{duration}</itunes:duration>
  </item>
</channel>
</rss>"""
    return server.add("/podcast.xml", feed, headers=RSS)
