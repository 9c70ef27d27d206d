"""bytes → text: gzip, BOM, declared charset, detection; NFC; no-break spaces folded.

Owner: parsing (issue 3). Contract: :func:`decode` raises :class:`UnreadableFile`
for anything that is not article text, never another exception.

The order of the checks matters. Size and gzip come first so a bomb never gets
decompressed past the limit; a byte-order mark is honoured before the NUL-byte
test because UTF-16 text is full of NULs; a declared charset (``<meta charset>``,
XML declaration) beats detection because detectors guess wrong on short pages;
detection (charset-normalizer) runs only when strict UTF-8 fails.
"""

from __future__ import annotations

import codecs
import unicodedata
import zlib
from dataclasses import dataclass

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

from transforms.errors import UnreadableFile
from transforms.model import Format

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html"}

# Magic numbers of binary formats that turn up renamed as text; checked before
# decoding so the reason names the format rather than a charset failure.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh", "bzip2 stream"),
    (b"\xfd7zXZ\x00", "xz stream"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers read these labels as windows-1252 (WHATWG Encoding Standard); pages
# that declare latin-1 routinely contain cp1252 curly quotes in 0x80–0x9F.
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "iso-ir-100": "cp1252",
}

_DETECT_SAMPLE = 256 * 1024  # charset-normalizer cost grows with input; a prefix decides
_CONTROL_LIMIT = 0.01  # share of C0 control characters above which "text" is binary
# C0 controls other than the whitespace ones text legitimately holds (\t \n \v \f).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0D, 0x20)])


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded article text and the format that decides which parser reads it."""

    text: str
    format: Format


def decode(raw: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode one file's bytes; ``name`` (the file name) tells text from HTML."""
    try:
        return _decode(raw, name=name, max_bytes=max_bytes)
    except UnreadableFile:
        raise
    except Exception as exc:  # the contract: nothing but UnreadableFile escapes
        raise UnreadableFile(f"undecodable ({type(exc).__name__})") from exc


def _decode(raw: bytes, *, name: str, max_bytes: int) -> Decoded:
    lower = name.lower()
    gz = lower.endswith(".gz")
    stem = lower[:-3] if gz else lower
    suffix = stem[stem.rfind(".") :] if "." in stem else ""
    fmt = _TEXT_SUFFIXES.get(suffix)
    if fmt is None:
        raise UnreadableFile(f"unsupported file type {suffix or '(no suffix)'!r}")
    if len(raw) > max_bytes:
        raise UnreadableFile(f"file too large ({len(raw)} bytes, limit {max_bytes})")
    if gz or raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, max_bytes=max_bytes)
    if not raw.strip():
        raise UnreadableFile("empty file")
    text = _to_text(raw)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\xa0", " ")
    if not text.strip():
        raise UnreadableFile("empty file")
    _reject_control_characters(text)
    if fmt == "text" and _looks_like_html(text):
        fmt = "html"
    return Decoded(text=text, format="html" if fmt == "html" else "text")


def gunzip(raw: bytes, *, max_bytes: int) -> bytes:
    """Decompress every gzip member, never producing more than ``max_bytes``.

    ``max_length`` bounds each step's output, so a bomb is stopped after at most
    ``max_bytes`` of work rather than after filling memory.
    """
    if raw[:2] != b"\x1f\x8b":
        raise UnreadableFile("not a gzip stream (bad magic number)")
    out: list[bytes] = []
    size = 0
    data = raw
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        buf = data
        while True:
            try:
                chunk = d.decompress(buf, max_bytes + 1 - size)
            except zlib.error as exc:
                raise UnreadableFile(f"corrupt gzip stream ({exc})") from None
            size += len(chunk)
            out.append(chunk)
            if size > max_bytes:
                raise UnreadableFile(f"decompressed size exceeds the limit of {max_bytes} bytes (gzip bomb?)")
            buf = d.unconsumed_tail
            if not buf:
                break
        if not d.eof:
            raise UnreadableFile("truncated gzip stream")
        data = d.unused_data.lstrip(b"\x00")  # trailing padding is allowed after a member
        if data and data[:2] != b"\x1f\x8b":
            break  # trailing garbage after a complete member: keep what decoded
    return b"".join(out)


def _to_text(raw: bytes) -> str:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                raise UnreadableFile(f"undecodable: invalid {enc} after its byte-order mark") from None
    for magic, what in _MAGIC:  # before the NUL test: "PNG image" says more than "NUL bytes"
        if raw.startswith(magic):
            raise UnreadableFile(f"binary content ({what})")
    head = raw[:4096]
    if b"\x00" in head or raw.count(b"\x00") > len(raw) // 1000:
        raise UnreadableFile("binary content (NUL bytes)")
    declared = EncodingDetector.find_declared_encoding(raw[:8192], is_html=True)
    declared_codec = _codec(declared) if declared else None
    if declared_codec and not declared_codec.startswith(("utf-16", "utf-32")):  # a lie when there is no BOM
        try:
            return raw.decode(declared_codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: fall through to detection
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:_DETECT_SAMPLE]).best()
    detected_codec = _codec(best.encoding) if best is not None else None
    if detected_codec:
        return raw.decode(detected_codec, errors="replace")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile("undecodable: no charset fits the bytes") from None


def _codec(label: str) -> str | None:
    """A Python codec name for a declared or detected charset label, or None."""
    label = label.strip().lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _reject_control_characters(text: str) -> None:
    """Binary that decoded by accident is full of C0 controls; text has a few at most.

    Counted on the UTF-8 bytes, where each such character is one byte no other
    character's encoding contains: deleting them by table is one C pass, ten
    times cheaper than a regex scan (a per-character Python loop cost three times
    the rest of decoding a typical rendering).
    """
    sample = text[:65536]
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) * _CONTROL_LIMIT):
        raise UnreadableFile("binary content (control characters)")


def _looks_like_html(text: str) -> bool:
    """A ``.txt`` that is really a saved page: it opens with a doctype or a root tag."""
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<head" in head or "<body" in head)
    )
