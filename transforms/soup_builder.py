"""bs4's lxml tree builder with lean callbacks: the same tree for two-fifths of the CPU.

Building the BeautifulSoup tree was three quarters of the CPU spent on an HTML
page, and almost none of it in lxml: libxml2 parses the page in C and calls the
builder's ``start``/``data``/``end`` per element and string, and bs4 answers each
call with a chain of general-purpose Python calls (three copies of the attribute
dict, namespace book-keeping, ``Tag.__init__``'s options, ``endData`` and a
linkage fix-up per string). :class:`LeanLxmlBuilder` is bs4's own
``LXMLTreeBuilder`` with those three callbacks doing only what they do for an
HTML page without namespaces, and handing anything else (a namespace map, a
``{uri}name`` tag or attribute, a whitespace-preserving or string-container
element on the stack) to the stock code. The tree is the same object for object:
``tests/transforms/test_soup_builder.py`` compares every node's fields, links and
attributes with the stock builder's tree.

It relies on bs4 internals (the fields ``Tag.__init__`` and ``setup`` set, the
``BeautifulSoup`` parse stacks), checked against bs4 4.13.4, 4.14.2 and 4.15.0.
On any other release :func:`make_soup` uses the stock builder (slower, same
tree); a test fails when the installed bs4 is outside that range, so an upgrade
is checked (the comparison tests) before the range is widened, not silently
made slow.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import bs4
from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import AttributeDict, Comment, NavigableString, PageElement, Tag

_SPACES = "\x20\x0a\x09\x0c\x0d"  # BeautifulSoup.ASCII_SPACES: what endData collapses
_MAIN_STRING_TYPES = Tag.MAIN_CONTENT_STRING_TYPES
_new_object = object.__new__
_new_str = str.__new__
CHECKED_BS4 = ((4, 13), (4, 16))  # [from, to): the releases the lean builder was compared on


def _release(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


LEAN = CHECKED_BS4[0] <= _release(bs4.__version__) < CHECKED_BS4[1]
"""Whether :func:`make_soup` uses :class:`LeanLxmlBuilder` with the installed bs4."""


class LeanLxmlBuilder(LXMLTreeBuilder):
    """``LXMLTreeBuilder`` whose per-element callbacks are inlined for plain HTML.

    Attribute values are plain strings in a plain :class:`AttributeDict` (no
    class splitting, no per-item ``__setitem__`` checks: lxml only ever hands
    over strings), and the string containers (``Script``, ``Stylesheet`` ...)
    are off: those strings are ``NavigableString``, which the block walk treats
    the same, since it drops them by their parent's name."""

    def __init__(self) -> None:
        super().__init__(
            multi_valued_attributes=None, attribute_dict_class=AttributeDict, string_containers={}
        )

    def start(self, tag: str | bytes, attrib: Any, nsmap: Any = None) -> None:
        """``LXMLTreeBuilderForXML.start`` + ``handle_starttag`` + ``Tag.__init__`` +
        ``pushTag``, for an element without namespaces."""
        if nsmap or len(self.nsmaps) > 1 or not isinstance(tag, str) or tag[:1] == "{":
            return super().start(tag, attrib, nsmap or {})
        # lxml passes an empty attribute map as its own Mapping class, which
        # dict() copies through the slow Python-level Mapping.keys().
        attrs = AttributeDict(attrib) if attrib else AttributeDict()
        if attrs and "{" in "".join(attrs):  # a {uri}name attribute: bs4 splits it
            return super().start(tag, attrib, nsmap or {})
        soup = self.soup
        assert soup is not None  # feed() runs after the soup is attached
        if soup.current_data:
            self._end_data(soup)
        parent = soup.currentTag
        assert parent is not None  # the soup itself is always on the stack
        previous = soup._most_recent_element
        siblings = parent.contents
        last = siblings[-1] if siblings else None
        empty_element_tags = self.empty_element_tags
        t: Tag = _new_object(Tag)  # Tag.__init__'s fields, set directly (and in one order)
        t.parser_class = soup.__class__
        t.name = tag
        t.namespace = None
        t._namespaces = self.active_namespace_prefixes[-1]
        t.prefix = None
        t.sourceline = None
        t.sourcepos = None
        t.attribute_value_list_class = self.attribute_value_list_class
        t.attrs = attrs
        t.known_xml = False
        t.contents = []
        t.parent = parent
        t.previous_element = previous
        t.next_element = None
        t.next_sibling = None
        t.previous_sibling = last
        t.hidden = False
        t.can_be_empty_element = empty_element_tags is None or tag in empty_element_tags
        t.cdata_list_attributes = self.cdata_list_attributes
        t.preserve_whitespace_tags = self.preserve_whitespace_tags
        t.interesting_string_types = _MAIN_STRING_TYPES  # no string containers (see __init__)
        if previous is not None:
            previous.next_element = t
        if last is not None:
            last.next_sibling = t
        siblings.append(t)
        if tag == "meta":
            self.set_up_substitutions(t)
        soup._most_recent_element = t
        soup.tagStack.append(t)
        soup.currentTag = t
        soup.open_tag_counter[tag] += 1
        if tag in self.preserve_whitespace_tags:
            soup.preserve_whitespace_tag_stack.append(t)
        return None

    def end(self, tag: str | bytes) -> None:
        """``end`` + ``handle_endtag`` + ``_popToTag``, when the element closed is
        the one on top of the stack (anything else goes to bs4's own search)."""
        soup = self.soup
        assert soup is not None
        if len(self.nsmaps) > 1 or not isinstance(tag, str) or tag[:1] == "{":
            return super().end(tag)
        if soup.current_data:
            self._end_data(soup)
        stack = soup.tagStack
        top = stack[-1]
        if (
            len(stack) > 1
            and top.name == tag
            and top.prefix is None
            and not soup.preserve_whitespace_tag_stack
            and not soup.string_container_stack
        ):
            stack.pop()
            soup.open_tag_counter[tag] -= 1
            soup.currentTag = stack[-1]
        else:
            soup._popToTag(tag, None)
        return None

    def data(self, data: str | bytes) -> None:
        """``handle_data``: collect; the string is made when the next tag starts or ends."""
        assert self.soup is not None
        self.soup.current_data.append(data)  # type: ignore[arg-type]  # lxml hands over str when fed str

    def comment(self, text: str | bytes) -> None:
        """``comment``: pending text first, then the comment as a :class:`Comment`."""
        soup = self.soup
        assert soup is not None
        if soup.current_data:
            self._end_data(soup)
        soup.current_data.append(text)  # type: ignore[arg-type]  # as in data()
        self._end_data(soup, Comment)

    def _end_data(self, soup: BeautifulSoup, cls: type[NavigableString] = NavigableString) -> None:
        """``endData`` + ``object_was_parsed`` for a plain string or comment. bs4's
        linkage fix-up after it is a no-op while parsing (open elements have no
        next sibling yet), so it is not run."""
        if soup.string_container_stack or soup.element_classes or soup.parse_only:
            soup.endData(None if cls is NavigableString else cls)
            return
        data = soup.current_data
        text = data[0] if len(data) == 1 else "".join(data)
        if not soup.preserve_whitespace_tag_stack and not text.strip(_SPACES):
            text = "\n" if "\n" in text else " "
        soup.current_data = []
        parent = soup.currentTag
        assert parent is not None
        previous = soup._most_recent_element
        siblings = parent.contents
        last = siblings[-1] if siblings else None
        o: NavigableString = _new_str(cls, text)
        o.hidden = False
        o.parent = parent
        o.previous_element = previous
        o.next_element = None
        o.next_sibling = None
        o.previous_sibling = last
        if previous is not None:
            previous.next_element = o
        if last is not None:
            last.next_sibling = o
        siblings.append(o)
        soup._most_recent_element = o


def take_apart(soup: BeautifulSoup) -> None:
    """Unlink every node of a finished tree so reference counting frees it.

    ``decompose()`` does not do it for the soup itself: the root's
    ``next_element`` is never set while parsing, so its loop stops at the
    root. The ``next_element`` chain from the first child reaches every node
    of a parsed tree, in document order; each node's fields are dropped as
    the walk passes it. Nothing may use the tree afterwards.
    """
    node: PageElement | None = soup.contents[0] if soup.contents else None
    soup.__dict__.clear()
    while node is not None:
        following = node.next_element
        node.__dict__.clear()
        node = following


def make_soup(html: str) -> BeautifulSoup:
    """The page's one tree, built by :class:`LeanLxmlBuilder` (by bs4's own lxml
    builder on a bs4 release the lean one was not checked against)."""
    if LEAN:
        return BeautifulSoup(html, builder=LeanLxmlBuilder())
    return BeautifulSoup(html, "lxml", multi_valued_attributes=None)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, if it is running.

    Why: a page's tree is a few thousand container objects, linked both ways
    (parent and children), allocated in one burst. Every 700 allocations start
    a collection, and the tree survives each one while it is being built, so
    it is promoted and traced again by the older generations' collections,
    which also trace the worker's whole heap (the batch's rows, the imported
    modules). The caller pauses the collector for the build and the walk and
    then takes the tree apart (:func:`take_apart`) so reference counting frees
    it: the collector never sees it. Measured on the l3s-dev pages in a process
    with the batch module loaded, chunks interleaved: 11.5 CPU-ms per page with
    neither, 11.0 with the tree taken apart only, 9.4 with both.

    Nothing but the collector's schedule changes. A thread that finds it
    paused already (by another caller) leaves it alone, so it is switched back
    on by whoever switched it off, and never left off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
