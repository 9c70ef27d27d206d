"""decode(): every rejection has a reason a person can read; every charset path
ends in NFC text with no-break spaces folded."""

from __future__ import annotations

import gzip

import pytest

from transforms.decode import decode
from transforms.errors import UnreadableFile

ARTICLE = "<html><body><p>Caf\u00e9 owners said the \u201cplan\u201d was fine.</p></body></html>"


def _reason(raw: bytes, name: str, **kw: int) -> str:
    with pytest.raises(UnreadableFile) as exc:
        decode(raw, name=name, **kw)
    return exc.value.reason


class TestRejections:
    def test_empty_file(self) -> None:
        """An empty file, or one of white space only, is rejected as empty."""
        assert _reason(b"", "a.txt") == "empty file"
        assert _reason(b" \n\t\n", "a.txt") == "empty file"

    def test_nul_bytes(self) -> None:
        """NUL bytes without a UTF-16 byte-order mark mean binary content."""
        assert _reason(b"abc\x00\x01\x02def" * 10, "a.txt") == "binary content (NUL bytes)"

    def test_png_renamed_txt(self) -> None:
        """An image renamed .txt is named as what it is."""
        raw = b"\x89PNG\r\n\x1a\n" + b"IHDR" + b"x" * 50
        assert _reason(raw, "photo.txt") == "binary content (PNG image)"

    def test_truncated_gzip(self) -> None:
        """A gzip stream cut short is rejected, not silently half-read."""
        raw = gzip.compress(("Words of an article. " * 200).encode())
        assert _reason(raw[: len(raw) // 2], "a.txt.gz") == "truncated gzip stream"

    def test_corrupt_gzip(self) -> None:
        """A .gz that is not gzip says so."""
        assert "gzip" in _reason(b"plain text, not gzip", "a.txt.gz")

    def test_gzip_bomb(self) -> None:
        """Decompression stops at the limit: a bomb never fills memory."""
        raw = gzip.compress(b"a" * 5_000_000)
        assert "gzip bomb" in _reason(raw, "a.html.gz", max_bytes=100_000)

    def test_oversized(self) -> None:
        """A file over the byte limit is rejected before any decoding."""
        assert _reason(b"x" * 2000, "a.txt", max_bytes=1000).startswith("file too large")

    def test_unsupported_suffix(self) -> None:
        """Only .txt/.html/.htm (optionally .gz) are articles."""
        assert _reason(b"hello", "a.pdf") == "unsupported file type '.pdf'"

    def test_control_characters(self) -> None:
        """Text full of control characters is binary even without NULs."""
        assert "binary" in _reason(bytes(range(1, 32)) * 50, "a.txt")

    def test_control_character_share_counts_characters(self) -> None:
        """The 1% limit is of characters, not bytes: accented text with a few
        escape characters stays text; the same few in a short text do not."""
        assert decode(("caf\u00e9 " * 200 + "\x1b" * 10).encode("utf-8"), name="a.txt").format == "text"
        assert "control" in _reason(("\u00e9" * 500 + "\x1b" * 9).encode("utf-8"), "a.txt")


class TestCharsets:
    def test_declared_cp1252_html(self) -> None:
        """A meta charset is honoured; cp1252 curly quotes survive."""
        raw = ('<meta charset="windows-1252">' + ARTICLE).encode("cp1252")
        assert "\u201cplan\u201d" in decode(raw, name="a.html").text

    def test_declared_latin1_read_as_cp1252(self) -> None:
        """latin-1 declarations are read as windows-1252, as browsers do."""
        raw = ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' + ARTICLE).encode(
            "cp1252"
        )
        text = decode(raw, name="a.htm").text
        assert "Caf\u00e9" in text and "\u201cplan\u201d" in text

    def test_bom_utf16(self) -> None:
        """A UTF-16 byte-order mark wins over the NUL-byte test."""
        raw = b"\xff\xfe" + "Plain article text, caf\u00e9.".encode("utf-16-le")
        assert decode(raw, name="a.txt").text == "Plain article text, caf\u00e9."

    def test_undeclared_detection(self) -> None:
        """Undeclared non-UTF-8 bytes are detected rather than rejected."""
        raw = ("Der B\u00fcrgermeister sagte, die Stra\u00dfe sei gesperrt. " * 20).encode("latin-1")
        assert "B\u00fcrgermeister" in decode(raw, name="a.txt").text

    def test_nfc_and_no_break_spaces(self) -> None:
        """Decomposed accents are composed and no-break spaces become spaces."""
        out = decode("Cafe\u0301\u00a0bar".encode(), name="a.txt").text
        assert out == "Caf\u00e9 bar"

    def test_gzip_html(self) -> None:
        """A gzip member decodes to the page inside, format from the inner suffix."""
        out = decode(gzip.compress(ARTICLE.encode()), name="page.html.gz")
        assert out.format == "html" and "Caf\u00e9" in out.text

    def test_txt_that_is_html(self) -> None:
        """A .txt holding a saved page is parsed as HTML."""
        assert decode(b"<!DOCTYPE html><html><body>x</body></html>", name="a.txt").format == "html"


def test_deeply_nested_html_decodes_and_parses() -> None:
    """5,000 nested elements neither recurse without bound nor raise anything
    but the contract's errors."""
    from transforms.parse import parse

    prose = "The council approved the budget after a long debate on Tuesday evening. " * 4
    html = "<html><body>" + "<div>" * 5000 + f"<p>{prose}</p>" + "</div>" * 5000 + "</body></html>"
    article = parse(decode(html.encode(), name="deep.html"))
    assert article.body and "council approved" in article.body[0]
