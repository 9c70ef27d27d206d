"""The synthetic inbox: N unique article files cycled from the development corpora.

Every file is a corpus file plus a marker that changes its bytes (so the content
hash manifest does not collapse copies into duplicates) but not its article: a
whitespace-only last line for text renderings, an HTML comment for pages. The
parse work per copy is therefore the same as for its source, and the mix of
sites, lengths and charsets is the corpora's own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

#: Corpus folders per format, as named in issue 8 (seeds, l3s-dev text and HTML, mpqa-2001).
TEXT_GLOBS = ("seeds/*.txt", "l3s-dev/text/*.txt", "mpqa-2001/*.txt")
HTML_GLOBS = ("l3s-dev/html/*.html", "l3s-dev/html/*.htm")
KINDS = ("text", "html")


@dataclass(frozen=True, slots=True)
class Sources:
    """The distinct corpus files each synthetic file is copied from."""

    text: list[Path]
    html: list[Path]

    def of(self, kind: str) -> list[Path]:
        return self.text if kind == "text" else self.html

    def split(self, n: int) -> dict[str, int]:
        """How many of ``n`` files are text and HTML: the corpora's own proportion."""
        total = len(self.text) + len(self.html)
        n_html = round(n * len(self.html) / total) if total else 0
        return {"text": n - n_html, "html": n_html}


def find_sources(corpus: Path = SHARED_CORPUS) -> Sources:
    """The corpus files, sorted so that every run builds the same inbox."""
    if not corpus.is_dir():
        raise FileNotFoundError(
            f"development corpora not found at {corpus} (the bench needs ../shared/corpus)"
        )

    def collect(globs: tuple[str, ...]) -> list[Path]:
        return sorted({p for g in globs for p in corpus.glob(g) if p.is_file()})

    sources = Sources(text=collect(TEXT_GLOBS), html=collect(HTML_GLOBS))
    if not sources.text or not sources.html:
        raise FileNotFoundError(f"no text or no HTML files under {corpus}")
    return sources


def mark(raw: bytes, *, kind: str, index: int) -> bytes:
    """``raw`` made unique by ``index`` without changing the article it holds.

    Text: a last line of spaces and tabs spelling ``index`` in binary (blank to
    the parser). HTML: a trailing comment (ignored by any HTML parser)."""
    if kind == "html":
        return raw + f"\n<!-- wirehouse-bench copy {index} -->\n".encode("ascii")
    bits = "".join(" \t"[int(b)] for b in f"{index:b}")
    return raw + b"\n" + bits.encode("ascii") + b"\n"


def write_inbox(dest: Path, sources: Sources, *, kind: str, count: int, start: int = 0) -> list[Path]:
    """Write ``count`` unique files of ``kind`` under ``dest/<kind>/c<copy>/``.

    File ``i`` copies source ``i mod len(sources)``; its marker index is
    ``start + i``, so files of one inbox never share bytes."""
    srcs = sources.of(kind)
    raws = [p.read_bytes() for p in srcs[: min(count, len(srcs))]]
    written: list[Path] = []
    for i in range(count):
        copy, j = divmod(i, len(srcs))
        folder = dest / kind / f"c{copy:04d}"
        if j == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / srcs[j].name
        path.write_bytes(mark(raws[j], kind=kind, index=start + i))
        written.append(path)
    return written


def reset(folder: Path) -> Path:
    """An empty ``folder`` (removed first if a previous run left it)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder
