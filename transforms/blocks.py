"""Block scoring shared by the text and HTML parsers.

A page, whatever its format, becomes a sequence of :class:`Block` (a line of a
text rendering, a paragraph-like element of an HTML tree). Each block gets a
*prose weight*: positive for sentence-like text, negative for the short,
link-heavy, bulleted or repeated lines that site furniture is made of. The main
text is the densest prose region (maximum-sum run of weights, Kadane); blocks
inside it are then kept or dropped one by one by :func:`furniture_rule`, which
names the rule that fired, so tests and debugging can tell *why* a line went.
Known footer phrases are the last resort, not the first.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import ahocorasick

_WORD = re.compile(r"\w+")
# The characters that Python's ``(?i)`` matching folds unlike ``str.lower``
# ("İ".lower() is two characters; "ı" and "ſ" match "i" and "s" under (?i) but
# lower-case to themselves). tests/transforms/test_blocks.py checks every code point.
_FOLDS_UNLIKE_LOWER = re.compile("[\u0130\u0131\u017f]")


def lower_for_search(text: str) -> str | None:
    """``text.lower()`` when lower-case patterns searched in it answer exactly
    as their ``(?i)`` forms searched in ``text``, else None.

    ``(?i)`` turns off the regex engine's literal scanning, so the lower-case
    form on lower-cased text is two to three times faster. ``str.lower`` keeps
    every position and folds as ``(?i)`` does for every character but three
    (:data:`_FOLDS_UNLIKE_LOWER`).
    """
    if text.isascii() or not _FOLDS_UNLIKE_LOWER.search(text):
        return text.lower()
    return None


class CaselessPattern:
    """A case-insensitive pattern that runs as a case-sensitive one on the
    lower-cased text whenever :func:`lower_for_search` allows (nearly always).

    Only yes/no and counts are offered: matched text from the lower-cased copy
    would differ from the original in case. ``source`` is written in lower case.
    """

    __slots__ = ("any_case", "lower_case")

    def __init__(self, source: str) -> None:
        letters = re.sub(r"\\[A-Z]", "", source)  # escapes such as \S or \W are not literals
        if letters != letters.lower():
            raise ValueError(f"a caseless pattern is written in lower case: {source!r}")
        self.any_case = re.compile(source, re.IGNORECASE)
        self.lower_case = re.compile(source)

    def found_in(self, text: str) -> bool:
        """Whether the pattern occurs in ``text``, in any case."""
        lowered = lower_for_search(text)
        if lowered is None:
            return self.any_case.search(text) is not None
        return self.lower_case.search(lowered) is not None

    def count_in(self, text: str) -> int:
        """Non-overlapping occurrences in ``text``, in any case."""
        lowered = lower_for_search(text)
        if lowered is None:
            return len(self.any_case.findall(text))
        return len(self.lower_case.findall(lowered))


_SENTENCE_END = re.compile(r"""[.!?…][\"'”’»)\]]*\s*$|[\"”»]\s*$""")
_BULLET = re.compile(r"^\s*(?:[•·▪►▸»◦‣∙■□–*+>|]|-\s|\d{1,2}[.)]\s+(?=[A-Z]))")
_BULLET_OPENERS = frozenset("•·▪►▸»◦‣∙■□–*+>|-")  # with a digit or a space, what a bullet opens on
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = CaselessPattern(
    rf"^(?:(?:posted|published|updated|last updated|created|date)\b[^\n]{{0,20}}?)?"
    rf"(?:[a-z]{{3,9}},?\s+)?(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})"
)
_ZONES = r"\b(?:gmt|est|edt|pst|pdt|cet|utc|bst|ist)\b"
_TIME = CaselessPattern(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\b|" + _ZONES)
_ZONE = CaselessPattern(_ZONES)
_DIGIT = re.compile(r"\d")
_BYLINE = re.compile(r"(?i)^(?:by|von|par|por|door|di)(?:\s*:)?\s+[A-Z\w]")
# Last resort: phrases that mean "site furniture" on any site. The strong ones
# are matched on any short block; the weak ones ("comments", "subscribe") also
# occur in reporting, so they are matched only on blocks that are not prose.
_STRONG_PHRASES = (
    "all rights reserved",
    r"copyright\b",
    "©",
    r"\(c\)\s*\d{4}",
    "terms of (?:use|service)",
    "privacy policy",
    "skip to (?:main )?content",
    "skip navigation",
    "back to (?:the )?top",
    "click here",
    "pages? will open in a new",
    "not endorsed by",
    "not responsible for the content",
    "e-?mail this (?:story|article|page)",
    "print this (?:story|article|page)",
    "terms (?:and|&) conditions",
    "privacy statement",
    "trade ?mark of",
    "log ?in or register",
    "sign in or register",
    "registration is free",
    # "Follow Pam Key on Twitter @pamkeyNEN.": the author's social line under an article.
    r"^\W*follow [\w.'’ -]{2,40} on (?:twitter|x|facebook|instagram)\b",
)
_WEAK_PHRASES = (
    "sign up",
    "log ?in",
    "subscribe",
    "newsletter",
    "share this",
    "related (?:stories|articles|news)",
    "advertisement",
    "most (?:popular|read|viewed|e-?mailed)",
    "comments?",
    "read more",
    "more news",
    "follow us",
    "rss",
)
_FOOTER_STRONG = re.compile("(?i)" + "|".join(_STRONG_PHRASES))
_FOOTER_WEAK = re.compile(r"(?i)\b(?:" + "|".join(_WEAK_PHRASES) + r")\b")
_FOOTER_ANY = re.compile(
    f"(?P<strong>{_FOOTER_STRONG.pattern[4:]})|(?P<weak>{_FOOTER_WEAK.pattern[4:]})", re.IGNORECASE
)
# A piece of text that every footer phrase holds, whichever way its optional
# parts go ("log ?in" always holds "log", "e-?mail this ..." always "mail this "):
# most lines hold none. One Aho–Corasick pass over the lower-cased line says
# whether it may hold a phrase for a quarter of the cost of a regex search of
# the phrases, whose alternation the engine tries at nearly every position (most
# open on a lower-case letter, and the "follow ... on Twitter" one on any
# character). tests/transforms/test_blocks.py checks that every phrase holds one.
_FOOTER_WORDS = (
    "all rights reserved",
    "copyright",
    "©",
    "(c)",
    "terms of ",
    "privacy policy",
    "skip to ",
    "skip navigation",
    "back to ",
    "click here",
    " will open in a new",
    "not endorsed by",
    "not responsible for the content",
    "mail this ",
    "print this ",
    " conditions",
    "privacy statement",
    "mark of",
    "in or register",
    "registration is free",
    "follow ",
    "sign up",
    "log",
    "subscribe",
    "newsletter",
    "share this",
    "related ",
    "advertisement",
    "most ",
    "comment",
    "read more",
    "more news",
    "rss",
)
_FOOTER_WORD_FINDER = ahocorasick.Automaton()
for _word in _FOOTER_WORDS:
    _FOOTER_WORD_FINDER.add_word(_word, _word)
_FOOTER_WORD_FINDER.make_automaton()
# Markers that open the comment or "related" section under an article: the
# body ends at the first one met after some paragraphs.
_TERMINATOR = re.compile(
    r"(?i)^(?:\W*(?:reader |user |your |latest |\d+ )?comments?\b|post (?:a |your )?comment"
    r"|leave a (?:comment|reply)|add (?:a |your )?comment|have your say"
    r"|related (?:stories|articles|links|news|content|coverage)"
    r"|more (?:stories|news|headlines) (?:from|on|about)"
    r"|you (?:might|may) also|recommended|tags?:|share this"
    r"|discuss this|readers? (?:responses|reactions))"
)
_CODE_HINT = re.compile(r"[;{}=]")
_CODE_CHARS = re.compile(r"[{}();=<>_\[\]|\\]")
_CODE_BYTES = b"{}();=<>_[]|\\"  # _CODE_CHARS, as the bytes of ASCII text
# A line that ends on a "more" link is a teaser for another page ("Find out how
# to ... More Details", "Full story »"), whatever it says before.
_TEASER_END = CaselessPattern(
    r"(?:\bmore(?: details| info(?:rmation)?)?|read more|continue reading|full story|click here)"
    r"\s*(?:»|›|>>?|\.\.\.|…)?$|\s(?:»|›|>>)$"
)
# "Posted by: Jane, Leeds on 4:05pm Tue 1 Jan 08" after the article: a comment.
_COMMENT_BYLINE = re.compile(r"(?i)^(?:posted|submitted|comment) (?:by|from)\b.{1,80}?\b(?:on|at)\b.{0,20}\d")
# Lower-cased twins of the ``(?i)`` footer patterns, for :func:`_footer_phrases`.
_FOOTER_STRONG_LC = re.compile(_FOOTER_STRONG.pattern.removeprefix("(?i)"))
_FOOTER_WEAK_LC = re.compile(_FOOTER_WEAK.pattern.removeprefix("(?i)"))
_FOOTER_ANY_LC = re.compile(_FOOTER_ANY.pattern)
# What :data:`_SENTENCE_END` can end on: a sentence mark ends a sentence outright;
# after a closing quote or bracket the pattern decides.
_SENTENCE_MARKS = frozenset(".!?…")
_PLAIN_ENDS = frozenset(".!?")  # end a sentence, and (but for "...") never a teaser
_CLOSERS = frozenset("\"'”’»)]")
# The last characters :data:`_TEASER_END` can match before ``$``: the last letter
# of "more", "details", "info", "information", "reading", "story", "here" in
# either case ("ſ" folds to "s" under (?i)), a closing arrow or an ellipsis
# ("..." is checked separately: a lone full stop cannot end a teaser).
_TEASER_LAST = frozenset("eEsSoOnNgGyYſ»›>…")
# Every ASCII byte → ``a`` if ``\\w`` matches it, else a space (for word_count).
_ASCII_WORD_MAP = bytes(ord("a") if _WORD.match(chr(i)) else ord(" ") for i in range(128)) + b" " * 128
_RUN_GROWTH = 0.5  # each further non-prose line in a row weighs this much more


@dataclass(slots=True, init=False, unsafe_hash=True)
class Block:
    """One unit of page text with the evidence the scorer needs.

    ``group`` joins blocks that sit together (a blank-line-separated run of lines
    in a text rendering, one container element in HTML); ``link_chars`` counts
    characters inside links (HTML only); ``tag`` is ``line`` for text, the
    element name for HTML; ``list_item`` marks bullets in either format.

    The remaining fields are derived once, in :meth:`__init__`: every rule,
    the region scorer and the headline scorer ask for them, and re-running the
    regexes per question was most of the parsing cost. The footer-phrase and
    stamp flags (:attr:`footer_strong`, :attr:`footer_weak`, :attr:`byline`,
    :attr:`date`) are derived on first use instead, and kept: only short blocks
    can carry them, and most short blocks are settled (menu runs, bullets,
    lines outside the region) before any rule asks.
    """

    text: str
    group: int = 0
    tag: str = "line"
    link_chars: int = 0
    list_item: bool = False
    repeated: bool = False
    words: int = field(init=False, default=0)
    bullet: bool = field(init=False, default=False)
    sentence: bool = field(init=False, default=False)
    code: bool = field(init=False, default=False)
    teaser: bool = field(init=False, default=False)
    menu: bool = field(init=False, default=False)
    prose: bool = field(init=False, default=False)
    _footer: tuple[bool, bool] | None = field(init=False, default=None, repr=False, compare=False)
    _stamp: tuple[bool, bool] | None = field(init=False, default=None, repr=False, compare=False)

    def __init__(
        self,
        text: str,
        group: int = 0,
        tag: str = "line",
        link_chars: int = 0,
        list_item: bool = False,
        repeated: bool = False,
    ) -> None:
        """Set the given fields and derive the text features.

        Written out rather than generated: a generated initialiser sets every
        derived field twice (its default, then its value in ``__post_init__``),
        and one block is made per line of every page. The class is not frozen
        for the same reason: a frozen class can only be written through
        ``object.__setattr__``, a call per field, where a plain slot store is one
        bytecode. Nothing assigns a block's fields after this (the lazy flags
        excepted, which take no part in equality or hashing); hashing stays as
        it was when frozen (``unsafe_hash``).
        """
        words = word_count(text)
        bullet = is_bullet(text)
        if text[-1:] in _PLAIN_ENDS and not text.endswith("..."):
            sentence, teaser = True, False  # most prose: a teaser never ends so
        else:
            sentence, teaser = _ends_sentence_tail(text), _is_teaser(text)
        menu = not sentence and text.count(" | ") >= 2  # "Top | Back | E-mail to a friend"
        prose = not (list_item or bullet or teaser or menu or link_chars > 0.5 * max(1, len(text)))
        self.text = text
        self.group = group
        self.tag = tag
        self.link_chars = link_chars
        self.list_item = list_item
        self.repeated = repeated
        self.words = words
        self.bullet = bullet
        self.sentence = sentence
        self.code = looks_like_code(text)
        self.teaser = teaser
        self.menu = menu
        self.prose = prose and ((words >= 8 and sentence) or words >= 30)
        self._footer = None
        self._stamp = None

    @property
    def footer_strong(self) -> bool:
        """A phrase that is furniture on any site ("All rights reserved"), on a
        block of at most 25 words."""
        return self._footer_flags()[0]

    @property
    def footer_weak(self) -> bool:
        """A phrase that is furniture unless in prose ("comments", "subscribe"),
        on a block of at most 25 words."""
        return self._footer_flags()[1]

    @property
    def byline(self) -> bool:
        """A "By Jane Doe" line of at most 10 words."""
        return self._stamp_flags()[0]

    @property
    def date(self) -> bool:
        """A date or time stamp line of at most 12 words."""
        return self._stamp_flags()[1]

    def _footer_flags(self) -> tuple[bool, bool]:
        flags = self._footer
        if flags is None:
            flags = _footer_phrases(self.text) if self.words <= 25 else (False, False)
            self._footer = flags
        return flags

    def _stamp_flags(self) -> tuple[bool, bool]:
        flags = self._stamp
        if flags is None:
            words, text = self.words, self.text
            if words <= 12:
                flags = (words <= 10 and bool(_BYLINE.match(text.strip())), _is_stamp(text))
            else:
                flags = (False, False)
            self._stamp = flags
        return flags

    def marked(self, *, repeated: bool | None = None, list_item: bool | None = None) -> Block:
        """A copy with the page-level flags set, without re-deriving the text features
        (``dataclasses.replace`` would re-run every pattern)."""
        out = Block.__new__(Block)
        (
            out.text,
            out.group,
            out.tag,
            out.link_chars,
            out.list_item,
            out.repeated,
            out.words,
            out.bullet,
            out.sentence,
            out.code,
            out.teaser,
            out.menu,
            out.prose,
            out._footer,
            out._stamp,
        ) = _slot_values(self)
        if repeated is not None:
            out.repeated = repeated
        if list_item is not None:
            out.list_item = list_item
            out.prose = self.prose and not list_item
        return out

    @property
    def furniture_phrase(self) -> bool:
        """A footer phrase as :func:`is_footer_phrase` judges it, for this block's prose flag."""
        strong, weak = self._footer_flags()
        return strong or (weak and not self.prose)


_SLOTS: tuple[str, ...] = Block.__slots__
_MARKED_ORDER = "text group tag link_chars list_item repeated words bullet sentence code teaser menu prose"
if (*_MARKED_ORDER.split(), "_footer", "_stamp") != _SLOTS:  # Block.marked unpacks the slots in this order
    raise AssertionError(f"Block.marked is out of date with Block's fields: {_SLOTS}")
_slot_values = operator.attrgetter(*_SLOTS)  # one C call reads every slot for Block.marked


def _footer_phrases(text: str) -> tuple[bool, bool]:
    """(strong, weak) footer phrases. The common case of neither is settled by
    :data:`_FOOTER_WORD_FINDER`; otherwise one search, where the strong
    alternatives come first, so a leftmost weak hit only leaves the rest of the
    line to check for a strong one.

    The search runs on the lower-cased line with case-sensitive twins of the
    patterns: ``(?i)`` turns off the regex engine's literal scanning, which made
    this the most expensive step of parsing (3x slower); see
    :func:`lower_for_search` for when that is exact.
    """
    lowered = lower_for_search(text)
    if lowered is None:
        any_, strong, weak, subject = _FOOTER_ANY, _FOOTER_STRONG, _FOOTER_WEAK, text
    else:
        any_, strong, weak, subject = _FOOTER_ANY_LC, _FOOTER_STRONG_LC, _FOOTER_WEAK_LC, lowered
    if lowered is not None and next(_FOOTER_WORD_FINDER.iter(lowered), None) is None:
        return False, False
    m = any_.search(subject)
    if m is None:
        return False, False
    if m.lastgroup == "strong":
        return True, bool(weak.search(subject))
    return bool(strong.search(subject, m.start() + 1)), True


def _ends_sentence_tail(text: str) -> bool:
    """:func:`ends_sentence` on the last 12 characters, where the pattern is
    anchored; the last visible character decides without the regex for
    nearly every line (a full stop: yes; a letter or digit: no)."""
    tail = text[-12:]
    last = tail.rstrip()[-1:]
    if not last:
        return False
    if last in _SENTENCE_MARKS:
        return True
    return last in _CLOSERS and bool(_SENTENCE_END.search(tail))


def _is_teaser(text: str) -> bool:
    """:data:`_TEASER_END` on the last 24 characters, run only when the line ends
    on a character the pattern can end on (see :data:`_TEASER_LAST`): most
    lines end on a full stop that is not an ellipsis."""
    tail = text[-24:]
    last = tail[-1:]
    if not last or not (last in _TEASER_LAST or last.isspace() or tail.endswith("...")):
        return False
    return _TEASER_END.found_in(tail)


def _is_stamp(text: str) -> bool:
    """Date or time stamp shape; the digit gate skips the patterns on most lines."""
    if not _DIGIT.search(text):
        return _ZONE.found_in(text)
    return _DATE_LINE.found_in(text) or _TIME.found_in(text)


def word_count(text: str) -> int:
    """Words as the scorer counts them (runs of word characters).

    ASCII text (nine lines in ten) is counted on bytes: each byte mapped to
    ``a`` (word) or a space, then the word starts counted, with no string made
    per word (a third of the cost of ``findall``).
    """
    if text.isascii():
        mapped = text.encode("ascii").translate(_ASCII_WORD_MAP)
        return mapped.count(b" a") + mapped.startswith(b"a")
    return len(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    """Ends like prose: full stop, question or exclamation mark, maybe a closing quote."""
    return bool(_SENTENCE_END.search(text))


def _opens_like_bullet(first: str) -> bool:
    """Whether a text opening on ``first`` may match :data:`_BULLET`: one call on
    its first character settles the nine lines in ten that open on a letter,
    for a quarter of the cost of trying the pattern."""
    return first in _BULLET_OPENERS or first.isdecimal() or first.isspace()


def is_bullet(text: str) -> bool:
    """Opens with a bullet glyph or a list marker (the pattern is tried only when
    the first character could open one)."""
    return _opens_like_bullet(text[:1]) and bool(_BULLET.match(text))


def is_date_line(text: str) -> bool:
    """A short line that is a date or time stamp ("Mon Jan 14, 2008 11:16am EST")."""
    if word_count(text) > 12:
        return False
    return _DATE_LINE.found_in(text) or _TIME.found_in(text)


def is_byline(text: str) -> bool:
    """A short "By Jane Doe" line."""
    return word_count(text) <= 10 and bool(_BYLINE.match(text.strip()))


def is_footer_phrase(text: str, *, prose: bool = False) -> bool:
    """A short block carrying a phrase that is furniture on any site (the last
    resort); ``prose`` blocks are judged by the strong phrases only."""
    if word_count(text) > 25:
        return False
    return bool(_FOOTER_STRONG.search(text)) or (not prose and bool(_FOOTER_WEAK.search(text)))


def is_terminator(text: str) -> bool:
    """A short line opening the comments or related-links section."""
    text = text.strip()
    if _TERMINATOR.match(text):
        return word_count(text) <= 8
    return len(text) <= 160 and bool(_COMMENT_BYLINE.match(text))


def looks_like_code(text: str) -> bool:
    """Script or style text leaked into the page text (``a=b;f(x){...}``)."""
    if len(text) < 20 or (len(text) < 60 and not _CODE_HINT.search(text)):
        return False
    return _count_code_chars(text) > 0.05 * len(text)


def _count_code_chars(text: str) -> int:
    """Occurrences of :data:`_CODE_CHARS`. Every prose line of 60 characters or
    more is counted, so ASCII text (nine lines in ten) is counted by deleting the
    characters from its bytes in one table pass, a third of the cost of
    ``findall``, which makes a string per match."""
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _CODE_BYTES))
    return len(_CODE_CHARS.findall(text))


def link_density(block: Block) -> float:
    """Share of the block's characters that sit inside links."""
    return block.link_chars / max(1, len(block.text))


def is_prose(block: Block) -> bool:
    """Sentence-like text: enough words, ends like a sentence, not a link list."""
    return block.prose


def prose_weight(block: Block) -> float:
    """How much a block pulls the main-text region towards itself (may be negative).

    Long sentence-like text weighs its length; short lines weigh little; lines
    shaped like furniture (bullets, links, repeats, stamps) weigh against.
    """
    words = block.words
    density = link_density(block) if block.link_chars else 0.0  # text lines have no links
    if block.list_item or block.bullet or block.teaser or block.menu or density > 0.5:
        return -20.0 - min(words, 20)
    if block.repeated and not block.prose:
        return -15.0
    if block.code:
        return -50.0
    if block.furniture_phrase:
        return -10.0
    if block.prose:
        return float(min(len(block.text), 600)) * (1.0 - density)
    if block.sentence and words >= 4:
        return 5.0
    return -10.0 - min(words, 10)


def prose_weights(blocks: Sequence[Block]) -> list[float]:
    """:func:`prose_weight` of each block, with runs of non-prose lines weighing
    more the longer they get: one subheading between paragraphs costs little, a
    ten-line menu separates two regions."""
    out: list[float] = []
    run = 0
    for block in blocks:
        w = prose_weight(block)
        if block.list_item or block.bullet:
            out.append(w)  # a marked list is a box inside or beside the article: flat cost
        elif w <= 5.0:
            out.append(w * (1.0 + _RUN_GROWTH * run) if w < 0 else w)
            run += 1
        else:
            out.append(w)
            run = 0
    return out


def densest_region(weights: Sequence[float]) -> tuple[int, int]:
    """The maximum-sum run of ``weights`` as ``(start, end)``, end exclusive.

    (0, 0) when every weight is negative.
    """
    best, best_start, best_end = 0.0, 0, 0
    run, run_start = 0.0, 0
    for i, w in enumerate(weights):
        if run <= 0:
            run, run_start = 0.0, i
        run += w
        if run > best:
            best, best_start, best_end = run, run_start, i + 1
    return best_start, best_end


def furniture_rule(block: Block) -> str | None:
    """The name of the rule that marks ``block`` as furniture inside the main
    region, or None to keep it."""
    words = block.words
    if words == 0:
        return "no words"
    if block.list_item or block.bullet:
        return "bullet list"
    if link_density(block) > 0.5:
        return "link density"
    if block.teaser:
        return "teaser link"
    if block.menu:
        return "pipe-separated menu"
    if block.repeated and not block.prose:
        return "repeated line"
    if block.code:
        return "script code"
    if block.furniture_phrase:
        return "footer phrase"
    if block.prose:
        return None
    if block.byline or block.date:
        return "byline or date stamp"
    if not block.sentence and words < 8:
        return "short line without sentence punctuation"
    return None


def cut_at_terminator(blocks: Sequence[Block], start: int, end: int) -> int:
    """The region ``[start, end)`` ends at a comments/related-links marker met after
    three prose lines (both formats: the article is over where readers' talk begins)."""
    prose = 0
    for i in range(start, end):
        if prose >= 3 and is_terminator(blocks[i].text):
            return i
        prose += is_prose(blocks[i])
    return end
