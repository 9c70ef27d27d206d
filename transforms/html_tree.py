"""One BeautifulSoup tree (lxml builder) → metadata and a flat list of blocks.

Every HTML step works on the one tree built here. The walk over it is
iterative (``descendants`` and parent links), never recursive, so hostile
markup nested thousands of levels deep cannot exhaust the stack. Nothing is
ever fetched: the tree is read, not resolved.

Blocks follow the page's block-level elements: the text of consecutive strings
that share their nearest block ancestor (``p``, ``div``, ``td``, ``li``, ``h1``
...) is one block, and ``<br>`` breaks a block like a newline does in a text
rendering. Each block records the characters inside links, whether it is a list
item or a heading, and whether an ancestor's class or id names furniture
(``nav``, ``footer``, ``comment``, ``sidebar`` ...), the generic vocabulary of
page templates.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from transforms.blocks import Block
from transforms.soup_builder import collector_paused, make_soup, take_apart

# Text under these never reaches a block (forms stay: ASP.NET pages wrap all in one).
_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "button",
        "textarea",
        "map",
        "head",
        "title",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "td",
        "th",
        "li",
        "dd",
        "dt",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "article",
        "section",
        "header",
        "footer",
        "nav",
        "aside",
        "table",
        "tr",
        "tbody",
        "ul",
        "ol",
        "dl",
        "figure",
        "figcaption",
        "main",
        "center",
        "address",
        "caption",
        "body",
        "html",
        "font-block",
    ]
)
_SEMANTIC_FURNITURE = frozenset(["nav", "footer", "aside", "header", "menu"])
_FURNITURE_HINT = re.compile(
    r"(?i)(?:^|[\W_])(?:nav|navigation|menu|footer|foot|sidebar|side|comments?|comment-?list|share|sharing"
    r"|social|related|promo|advert|ads?|banner|sponsor|breadcrumbs?|masthead|toolbar|tags|widget|popular"
    r"|most-?read|newsletter|subscribe|login|signup|copyright|disclaimer|rss|skip|pagination|pager)"
    r"(?:$|[\W_\d])"
)
_CAPTION_HINT = re.compile(r"(?i)caption|credit|photo-?text|img-?desc|cutline")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the ``<head>`` says about the page."""

    title: str | None = None
    og_title: str | None = None
    site_name: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class HtmlBlock:
    """A :class:`Block` with what only HTML knows about it.

    Not frozen, like :class:`Block`: a frozen initialiser writes each field
    through ``object.__setattr__``, and one is made per block of every page.
    Nothing assigns the fields afterwards."""

    block: Block
    furniture_hint: bool = False
    caption: bool = False


def build(html: str) -> tuple[PageMeta, list[HtmlBlock]]:
    """Parse ``html`` once and return its metadata and blocks in reading order.

    One pass over the tree serves both: ``find_all`` per tag name would walk it
    once per name, and tree walks are most of the cost after building it. The
    cyclic garbage collector is paused meanwhile and the tree taken apart
    after (:func:`~transforms.soup_builder.collector_paused`).
    """
    # Attribute values stay plain strings (see soup_builder): splitting every
    # class/rel value into a list was a tenth of the tree-building time, and
    # _attr reads either shape.
    with collector_paused():
        with warnings.catch_warnings():
            # XHTML pages open with an XML declaration; they are still HTML to us.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = make_soup(html)
        heads: list[Tag] = []
        blocks = _blocks(soup, heads)
        meta = _meta(heads)
        # Blocks and metadata hold plain strings only: the tree can go. Taken
        # apart, reference counting frees it now, and the collector never has
        # to trace a few thousand dead objects linked both ways.
        take_apart(soup)
    return meta, blocks


def _meta(heads: list[Tag]) -> PageMeta:
    """Metadata from the ``meta``, ``link``, ``title`` and ``time`` elements met."""
    props: dict[str, str] = {}
    title = url = time_value = None
    for tag in heads:
        if tag.name == "meta":
            key = tag.get("property") or tag.get("name") or tag.get("itemprop")
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str) and content.strip():
                props.setdefault(key.strip().lower(), _SPACE.sub(" ", content).strip())
        elif tag.name == "title" and title is None:
            title = _SPACE.sub(" ", tag.get_text()).strip() or None
        elif tag.name == "link" and url is None:
            rel, href = tag.get("rel"), tag.get("href")
            rels = [r.lower() for r in rel] if isinstance(rel, list) else str(rel).lower().split()
            if "canonical" in rels and isinstance(href, str) and href.startswith("http"):
                url = href.strip()
        elif tag.name == "time" and time_value is None:
            dt = tag.get("datetime")
            time_value = dt if isinstance(dt, str) else None
    published = _first(
        props,
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "article.published",
        "original-publish-date",
    )
    return PageMeta(
        title=title,
        og_title=_first(props, "og:title", "twitter:title", "title", "headline"),
        site_name=_first(props, "og:site_name", "application-name"),
        url=url or _first(props, "og:url", "twitter:url"),
        published=published or time_value,
    )


def _first(props: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        if props.get(key):
            return props[key]
    return None


_HEAD_TAGS = frozenset({"meta", "link", "title", "time"})


def _blocks(soup: BeautifulSoup, heads: list[Tag]) -> list[HtmlBlock]:
    """Flatten the tree into blocks without recursion; collect the elements
    :func:`_meta` reads into ``heads`` on the way."""
    out: list[HtmlBlock] = []
    hint_memo: dict[int, tuple[bool, bool]] = {}
    parts: list[str] = []
    link_chars = 0
    current: Tag | None = None

    def flush() -> None:
        """Close the open block; only called with text pending (``parts``)."""
        nonlocal parts, link_chars
        text = " ".join("".join(parts).split())  # = _SPACE.sub(" ", ...).strip(): same whitespace set
        if text and current is not None:
            furniture, caption = _hints(current, hint_memo)
            name = current.name if current.name in _BLOCK else "div"
            parent = current.parent
            out.append(
                HtmlBlock(
                    block=Block(
                        text=text,
                        group=id(parent) if parent is not None else 0,
                        tag=name,
                        link_chars=min(link_chars, len(text)),
                        list_item=name in ("li", "dd", "dt") or _inside_list(current),
                    ),
                    furniture_hint=furniture,
                    caption=caption or name == "figcaption",
                )
            )
        parts = []
        link_chars = 0

    kinds = _NODE_KINDS
    owners: dict[int, tuple[Tag | None, bool]] = {}  # id(parent) -> _owner(...) of its strings
    for node in soup.descendants:
        cls = type(node)
        kind = kinds.get(cls)
        if kind is None:
            kind = kinds[cls] = _node_kind(cls)
        if kind is _TAG:
            # The kind says so: no isinstance per node (that is what the kinds
            # avoid), and no cast() either, a function call per node.
            tag: Tag = node  # type: ignore[assignment]
            name = tag.name
            if name == "br":
                if parts:
                    flush()
            elif name in _HEAD_TAGS:
                heads.append(tag)
            continue
        if kind is _SKIP:
            continue
        text: NavigableString = node  # type: ignore[assignment]
        stripped = text.strip()
        if not stripped:
            if parts:
                parts.append(" ")
            continue
        parent = node.parent
        key = id(parent)
        found = owners.get(key)
        if found is None:
            found = owners[key] = _owner(parent)
        owner, in_link = found
        if owner is _DROPPED:
            continue
        if owner is not current:
            if parts:  # empty parts: nothing to close (link_chars is 0 too)
                flush()
            current = owner
        parts.append(text)  # a str subclass: joined, it is the plain text
        if in_link:
            link_chars += len(stripped)
    if parts:
        flush()
    return out


_DROPPED = Tag(name="dropped")  # sentinel owner of text that is not page text


def _owner(parent: Tag | None) -> tuple[Tag | None, bool]:
    """The nearest block-level ancestor of a string whose parent is ``parent``,
    and whether a link wraps it (:data:`_DROPPED` for script, style, form-control
    and head text). Depends on the parent only, so the walk asks once per element."""
    in_link = False
    while parent is not None:
        name = parent.name
        if name in _DROP:
            return _DROPPED, False
        if name == "a":
            in_link = True
        elif name in _BLOCK:
            return parent, in_link
        parent = parent.parent
    return None, in_link


_TAG, _TEXT, _SKIP = 0, 1, 2
_NODE_KINDS: dict[type, int] = {}
"""Node class → what the walk does with it, filled on first sight: one dict
look-up per node instead of an ``isinstance`` chain (most of the walk's own time)."""


def _node_kind(cls: type) -> int:
    if issubclass(cls, Tag):
        return _TAG
    if issubclass(cls, NavigableString) and not issubclass(
        cls, (Comment, Declaration, Doctype, ProcessingInstruction)
    ):
        return _TEXT
    return _SKIP


def _inside_list(tag: Tag) -> bool:
    parent = tag.parent
    return parent is not None and parent.name in ("li", "ul", "ol")


def _hints(tag: Tag, memo: dict[int, tuple[bool, bool]]) -> tuple[bool, bool]:
    """(furniture, caption) hints from this element's and its ancestors' names,
    classes and ids; memoised per element so the walk up is paid once."""
    chain: list[Tag] = []
    node: Tag | None = tag
    found: tuple[bool, bool] = (False, False)
    while node is not None:
        key = id(node)
        if key in memo:
            found = memo[key]
            break
        chain.append(node)
        node = node.parent
    for el in reversed(chain):
        furniture, caption = found
        if el.name in _SEMANTIC_FURNITURE:
            furniture = True
        attrs = " ".join(_attr(el, "class") + _attr(el, "id"))
        if attrs:
            furniture = furniture or bool(_FURNITURE_HINT.search(attrs))
            caption = caption or bool(_CAPTION_HINT.search(attrs))
        found = (furniture, caption)
        memo[id(el)] = found
    return found


def _attr(el: Tag, name: str) -> list[str]:
    value = el.attrs.get(name) if el.attrs else None
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
