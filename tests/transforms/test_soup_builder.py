"""The lean lxml builder builds the very tree bs4's stock lxml builder builds:
same nodes in the same order, same classes, names, attributes (and their
classes), same parent/sibling/element links and same per-node fields."""

from __future__ import annotations

import gc
import warnings
import weakref
from pathlib import Path
from typing import Any

import bs4
import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.element import PageElement, Tag

from transforms.soup_builder import LEAN, collector_paused, make_soup, take_apart

AttributeDict = getattr(bs4.element, "AttributeDict", dict)  # bs4 >= 4.13; see the first test
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "l3s-dev" / "html"
_LINKS = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")


def _stock(html: str) -> BeautifulSoup:
    """bs4's own lxml builder with the options the lean one fixes."""
    return BeautifulSoup(
        html, "lxml", multi_valued_attributes=None, attribute_dict_class=AttributeDict, string_containers={}
    )


def _shape(soup: BeautifulSoup) -> list[tuple[Any, ...]]:
    """Every node as plain data; links as node indexes, so two trees compare by value."""
    nodes: list[PageElement] = [soup, *soup.descendants]
    index = {id(n): i for i, n in enumerate(nodes)}
    out: list[tuple[Any, ...]] = []
    for node in nodes:
        fields: dict[str, Any] = {}
        for key, value in vars(node).items():
            if isinstance(value, PageElement) or key in _LINKS:
                value = index.get(id(value))
            elif isinstance(value, list) and key != "current_data":  # contents and the parse stacks
                value = [index.get(id(c)) for c in value]
            elif key == "attrs":
                value = [(type(k), k, type(v), v) for k, v in value.items()]
            elif key == "builder":
                value = type(value).__mro__[-3:]  # a subclass of the same builder
            elif key == "parser_class":
                value = value.__name__
            fields[key] = value
        fields.update({k: index.get(id(getattr(node, k, None))) for k in _LINKS})
        label = node.name if isinstance(node, Tag) else str(node)
        out.append((type(node), type(vars(node).get("attrs")), label, fields))
    return out


def _assert_same_tree(html: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        stock, lean = _shape(_stock(html)), _shape(make_soup(html))
    assert len(lean) == len(stock)
    for want, got in zip(stock, lean, strict=True):
        assert got == want


def test_the_installed_bs4_is_one_the_lean_builder_was_checked_on() -> None:
    """Outside the checked releases make_soup falls back to the stock builder:
    correct but twice as slow. Check the new release with this module's
    comparisons on it, then widen CHECKED_BS4."""
    assert LEAN, f"bs4 {bs4.__version__} is outside soup_builder.CHECKED_BS4"


PAGES = {
    "article": "<!doctype html><html><head><title>T</title><meta charset='utf-8'></head>"
    "<body><div class='a b' id=x><p>One <a href='/x'>link</a> two.</p><br><p>Three</p></div></body></html>",
    "http-equiv charset": '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>x</p>',
    "whitespace strings": "<div>\n  <p>a</p>  \t <p>b</p>\n\n</div>  ",
    "pre and textarea keep whitespace": "<pre>  x\n  <b> </b>\n</pre><textarea>\n  a  </textarea><p> </p>",
    "auto-closed paragraphs and items": "<p>one<p>two<div>three</div><ul><li>a<li>b</ul>"
    "<table><tr><td>c<td>d</table>",
    "misnested and stray end tags": "<b><i>x</b>y</i></div></span><p>z</p></p></body></html><p>after</p>",
    "comments, PI, CDATA, doctype": '<?xml version="1.0"?><!DOCTYPE html><!-- c -->'
    "<p>a<!--x-->b<?php echo 1 ?><![CDATA[ raw ]]></p>",
    "script, style, template, noscript": "<script>if (a < b) { x = '</p>'; }</script><style>p{}</style>"
    "<template><p>t</p></template><noscript><img src=x></noscript><p>body</p>",
    "svg and namespaced attributes": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<use xlink:href="#a"/><path d="M0"/></svg><p xml:lang="en" {weird}name="v">t</p>',
    "entities": "<p>a&nbsp;b &amp; c &lt;d&gt; &eacute; &#8220;q&#8221; &bogus;</p>",
    "frameset and head after body": "<body><p>x</p></body><head><title>late</title></head>"
    "<frameset></frameset>",
    "text only": "just some text, no markup",
    "empty": "",
    "deep nesting": "<div>" * 300 + "<p>deep</p>" + "</div>" * 300,
    "duplicate attributes": "<p class=a class=b id=1 ID=2>x</p>",
}


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_same_tree_as_stock_builder(html: str) -> None:
    """Edge cases of the HTML parser: each one builds the stock builder's tree."""
    _assert_same_tree(html)


def test_same_tree_on_the_development_pages() -> None:
    """Real pages from many sites build the stock tree: every fourth page of the
    l3s-dev corpus (all 315 take a quarter of a minute to compare field by field)."""
    pages = sorted(CORPUS.glob("*.htm*"))[::4]
    if not pages:
        pytest.skip(f"{CORPUS} (the shared l3s-dev corpus) is absent")
    for page in pages:
        _assert_same_tree(page.read_bytes().decode("utf-8", "replace"))


class TestCollectorPaused:
    def test_paused_inside_and_running_after(self) -> None:
        """The collector is off inside the block and on again after it, even when
        the block raises."""
        assert gc.isenabled()
        with pytest.raises(ValueError), collector_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled()

    def test_left_off_when_the_caller_had_it_off(self) -> None:
        """A caller that switched the collector off finds it still off."""
        gc.disable()
        try:
            with collector_paused():
                pass
            assert not gc.isenabled()
        finally:
            gc.enable()


def test_a_tree_taken_apart_is_freed_without_the_collector() -> None:
    """After take_apart, dropping the soup frees every node by reference counting
    alone: no cycle is left for the garbage collector."""
    soup = make_soup(PAGES["article"] + PAGES["comments, PI, CDATA, doctype"])
    nodes = [weakref.ref(n) for n in soup.descendants]
    assert len(nodes) > 20
    with collector_paused():
        take_apart(soup)
        del soup
        assert all(ref() is None for ref in nodes)
