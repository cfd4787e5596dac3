"""Decoding and bounding page bytes before parsing."""

from __future__ import annotations

import pytest

from newsdesk.pipeline.extract.decode import (
    MAX_PARSE_CHARS,
    bound_html,
    declared_encoding,
    decode_html,
    strip_heavy_elements,
)


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<meta charset=windows-1251>", "cp1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b'<?xml version="1.0" encoding="ISO-8859-2"?>', "iso8859-2"),
        (b'<meta charset="iso-8859-1">', "cp1252"),  # WHATWG: latin-1 means windows-1252
        (b'<meta charset="utf-16">', "utf-8"),  # WHATWG: no BOM, so not really UTF-16
        (b'<meta charset="no-such-codec">', None),
        (b"<html><body>nothing declared</body></html>", None),
    ],
)
def test_declared_encoding(head: bytes, codec: str | None) -> None:
    assert declared_encoding(head) == codec


def test_declared_legacy_encoding_is_used_when_bytes_are_not_utf8() -> None:
    page = '<meta charset="windows-1251"><p>Привет, мир</p>'.encode("cp1251")

    assert "Привет, мир" in decode_html(page)


def test_undeclared_cyrillic_is_guessed() -> None:
    text = "Городской совет во вторник одобрил план реконструкции старого причала. " * 20
    page = f"<html><body><p>{text}</p></body></html>".encode("cp1251")

    assert "Городской совет" in decode_html(page)


def test_strip_heavy_elements_keeps_json_ld_and_text() -> None:
    page = (
        "<head><script>var a = '<p>not text</p>';</script>"
        '<script type="application/ld+json">{"headline": "H"}</script>'
        "<style>p { color: red }</style></head><!-- note --><body><p>kept</p>"
        "<svg><text>drawing</text></svg><template><p>later</p></template></body>"
    )
    stripped = strip_heavy_elements(page)

    assert '{"headline": "H"}' in stripped
    assert "<p>kept</p>" in stripped
    for gone in ("not text", "color: red", "note", "drawing", "later"):
        assert gone not in stripped


def test_unclosed_heavy_element_cuts_the_page_there() -> None:
    assert strip_heavy_elements("<p>a</p><script>" + "x" * 100) == "<p>a</p>"


def test_bound_html_caps_size_and_drops_huge_attribute_lists() -> None:
    many = " ".join(f'a{i}="x"' for i in range(20_000))

    assert len(bound_html("<p>" + "x" * (3 * MAX_PARSE_CHARS))) == MAX_PARSE_CHARS
    assert bound_html(f"<p {many}>text</p>") == "<p>text</p>"
    assert bound_html('<p class="c">text</p>') == '<p class="c">text</p>'
