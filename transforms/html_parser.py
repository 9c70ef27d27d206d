"""Raw HTML → :class:`Article` (first increment: the page's text through the text parser)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from transforms.model import Article
from transforms.text_parser import parse_text


def parse_html(html: str) -> Article:
    """Parse one HTML page; one BeautifulSoup tree (lxml builder) per page."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return parse_text(soup.get_text("\n\n"))
