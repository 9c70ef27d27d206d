"""HTML pages: one tree, blocks with link density and template hints, headline by
agreement between headings and title metadata, metadata fields."""

from __future__ import annotations

from transforms.html_parser import parse_html
from transforms.html_tree import build

P1 = "The city council approved the new budget on Tuesday after a debate that lasted most of the night."
P2 = "Opponents said the plan would raise local taxes, while supporters pointed to the new bus routes."
P3 = "The mayor is expected to sign the measure later this week, her office said in a short statement."


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


ARTICLE = _page(
    '<div id="nav"><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul></div>'
    "<h1>Council passes budget</h1><p>By Jane Doe</p>"
    f"<div class='story'><p>SPRINGFIELD (Reuters) - {P1}</p><p>{P2}</p>"
    "<script>var a = 1; function f(){}</script>"
    f"<figure><img src='x.jpg'><figcaption>The mayor on Tuesday</figcaption></figure><p>{P3}</p></div>"
    "<div class='comments'><h3>Comments</h3><p>Great article, thanks for writing it up so clearly.</p></div>"
    "<div id='footer'><p>Copyright 2008 Example Daily. All rights reserved.</p></div>",
    head=(
        "<title>Council passes budget | Example Daily</title>"
        "<meta property='og:site_name' content='Example Daily'>"
        "<link rel='canonical' href='http://example.com/2008/01/15/budget.html'>"
    ),
)


class TestTree:
    def test_blocks_carry_link_density_and_hints(self) -> None:
        """Menu items are list items made of links under a nav-named container."""
        _, blocks = build(ARTICLE)
        home = next(b for b in blocks if b.block.text == "Home")
        assert home.block.list_item and home.block.link_chars == 4 and home.furniture_hint

    def test_script_text_never_becomes_a_block(self) -> None:
        """Script, style and head text are not page text."""
        _, blocks = build(ARTICLE)
        assert not any("function" in b.block.text for b in blocks)

    def test_meta(self) -> None:
        """Title, site name and canonical URL come from the head."""
        meta, _ = build(ARTICLE)
        assert meta.site_name == "Example Daily"
        assert meta.url == "http://example.com/2008/01/15/budget.html"

    def test_deep_nesting(self) -> None:
        """5,000 nested elements: no RecursionError, the text is found."""
        html = _page("<div>" * 5000 + f"<p>{P1}</p>" + "</div>" * 5000)
        _, blocks = build(html)
        assert any(b.block.text == P1 for b in blocks)


class TestParseHtml:
    def test_body_drops_furniture(self) -> None:
        """Menus, byline, caption, comments and footer stay out of the body."""
        a = parse_html(ARTICLE)
        assert a.body == (f"SPRINGFIELD (Reuters) - {P1}", P2, P3)

    def test_headline_agrees_with_title(self) -> None:
        """The h1 that the <title> repeats wins; the site name is not glued on."""
        assert parse_html(ARTICLE).headline == "Council passes budget"

    def test_headline_from_title_when_no_heading(self) -> None:
        """Without a heading, the <title> segment that is not the site name."""
        html = _page(
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>", head="<title>Example Daily - Council budget</title>"
        )
        assert parse_html(html).headline == "Council budget"

    def test_metadata_fields(self) -> None:
        """Publisher from og:site_name, date from the URL, dateline agency, caption."""
        a = parse_html(ARTICLE)
        assert a.publisher == "Example Daily"
        assert a.published == "2008-01-15"
        assert a.url == "http://example.com/2008/01/15/budget.html"
        assert a.dateline is not None and a.dateline.agency == "Reuters"
        assert a.captions == ("The mayor on Tuesday",)

    def test_published_from_meta(self) -> None:
        """article:published_time beats the URL."""
        html = _page(
            f"<p>{P1}</p><p>{P2}</p>",
            head="<meta property='article:published_time' content='2008-01-14T11:16:00Z'>",
        )
        assert parse_html(html).published == "2008-01-14"
