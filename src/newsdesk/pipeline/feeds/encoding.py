"""Turn the bytes of a feed into text, whatever they claim to be encoded in.

Order of evidence: a byte order mark; the layout of the first bytes (UTF-16/32 without a mark,
EBCDIC); then, for ASCII-compatible documents, the bytes themselves: a document that is valid
UTF-8 and not plain ASCII is read as UTF-8 even when its XML declaration or the HTTP header says
Latin-1 (a common server and CMS mistake; real Latin-1 text is almost never valid UTF-8). Only
bytes that are not UTF-8 go by the labels: the XML declaration, then the HTTP charset, then
Windows-1252, which reads any byte.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

# The first four bytes of "<?xm" (or of any "<x") in encodings that are not ASCII-compatible.
_LAYOUTS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),
)

_DECLARED = re.compile(r"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)

# Labels that name a superset in practice (what browsers do too).
_SUPERSETS = {
    "ascii": "windows-1252",
    "iso8859-1": "windows-1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}
# Codecs Python has that no web document uses, and that would change text while "decoding".
_REFUSED = {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna"}


def decode_document(content: bytes, content_type: str = "") -> tuple[str, str]:
    """Return ``(text, encoding used)``; the text has no byte order mark. Never raises."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace"), encoding
    head = content[:4]
    for layout, encoding in _LAYOUTS:
        if head.startswith(layout):
            return _decode_unmarked(content, encoding), encoding
    return _decode_ascii_compatible(content, content_type)


def _declared_encoding(head: str) -> str:
    """The encoding the XML declaration near the start of ``head`` names; "" if none."""
    match = _DECLARED.search(head, 0, 1024)
    return _normalise(match.group(1)) if match else ""


def _decode_unmarked(content: bytes, encoding: str) -> str:
    if encoding == "cp037":
        # The declaration is itself EBCDIC; it may name another EBCDIC code page.
        label = _declared_encoding(content[:1024].decode("cp037"))
        if label.startswith("cp") and label != "cp037":
            encoding = label
    return content.decode(encoding, errors="replace")


def _decode_ascii_compatible(content: bytes, content_type: str) -> tuple[str, str]:
    if content.isascii():
        return content.decode("ascii"), "ascii"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(content[:1024].decode("latin-1"))
    for label in (declared, _http_charset(content_type), "windows-1252"):
        if not label or label == "utf-8" or label.startswith(("utf-16", "utf-32")):
            continue
        try:
            return content.decode(label), label
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1"), "latin-1"


def _http_charset(content_type: str) -> str:
    match = _CHARSET.search(content_type)
    return _normalise(match.group(1)) if match else ""


def _normalise(label: str) -> str:
    """Python's name for a text encoding label, or "" for unknown and refused labels."""
    try:
        name = codecs.lookup(label.strip()).name
        b"".decode(name)  # raises LookupError for bytes-to-bytes codecs (base64, zlib...)
    except LookupError:
        return ""
    if name in _REFUSED:
        return ""
    return _SUPERSETS.get(name, name)
