"""Attribution sieves: find the source phrase of a quote in the text around it.

Each paragraph is read with its quotes masked out, split into sentences and
tokens; a quote is one token (``QUOTE``) of its sentence. The sieves then look,
most certain first, for:

1. a cue verb right after the quote with its subject (``"...," Putin told``,
   ``"...," said Rumsfeld``, ``"...," the official said``);
2. a cue verb right before it (``Bush added: "..."``, ``Ivanov said. "..."``);
3. ``according to X`` in the quote's sentence;
4. any cue verb in the quote's sentence with its subject, nearest first
   (``which Bush described as a "cold war relic"``).

A source phrase is a name run (with its title), a pronoun, a nominal description
(``another Russian Foreign Ministry official``) or an organisation; turning it
into a canonical speaker is :mod:`transforms.speakers`' job. Tokens rather
than whole-sentence regexes keep the cost linear and free of backtracking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from transforms.names import cue_words, word_set

SourceKind = Literal["name", "pronoun", "nominal"]
QUOTE = "\x00Q"
"""The token a masked quote becomes."""

_TOKEN_RE = re.compile(r"\S+")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_LEAD = "\"'“‘(["
_TRAIL = "\"'”’)],.;:!?…"
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "two", "three", "several", "other", "some"})
NOMINAL_HEADS = word_set("nominal_heads")
_SKIP = word_set("cue_adverbs")
_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_ABBREVIATIONS = word_set("abbreviations")
_NOUN_CUES = frozenset(
    {"report", "reports", "call", "calls", "post", "posts", "read", "reads", "state", "states"}
)
_NOUN_CUES |= {"claim", "claims", "note", "notes", "remarks", "answer", "counter", "term", "brand", "stress"}
_NOUN_CUES |= {"tweet", "tweets", "promise", "promises", "continue", "charge", "charges", "label", "labels"}


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its surrounding punctuation stripped; offsets into the paragraph."""

    word: str
    start: int
    end: int
    after: str  # trailing punctuation (",", ":", "." ...)

    @property
    def is_cap(self) -> bool:
        return self.word[:1].isupper()

    def ends_with(self, chars: str) -> bool:
        """Whether the punctuation after the word opens with one of ``chars``."""
        return bool(self.after) and self.after[0] in chars


@dataclass(frozen=True, slots=True)
class Source:
    """A source phrase for a quote: what the sieve found and where."""

    kind: SourceKind
    text: str
    cue: str | None
    method: str  # explicit | according | sentence
    start: int  # offset of the phrase in the paragraph
    titled: bool = False


def tokens(masked: str) -> list[Token]:
    """Tokens of a masked paragraph."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(masked):
        raw, start = m.group(), m.start()
        if raw.startswith(QUOTE):
            out.append(Token(QUOTE, start, m.end(), raw[len(QUOTE) :].lstrip("\x00")))
            continue
        lead = len(raw) - len(raw.lstrip(_LEAD))
        word = raw[lead:]
        stripped = word.rstrip(_TRAIL)
        dotted = stripped + "."
        if word.startswith(dotted) and (dotted in _ABBREVIATIONS or _INITIALS_RE.fullmatch(dotted)):
            stripped = dotted  # "Mr." "U.S." "W." keep their period
        if stripped[-2:] in ("'s", "’s") and len(stripped) > 2:
            stripped = stripped[:-2]  # a possessive ends a name run: "Bush's plan"
        if not stripped:
            continue
        out.append(Token(stripped, start + lead, start + lead + len(stripped), word[len(stripped) :]))
    return out


def sentences(toks: list[Token]) -> list[list[Token]]:
    """Split tokens at sentence ends (a ``.!?`` after a word that is no abbreviation
    or initial, before a capital or a quote)."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    for i, t in enumerate(toks):
        cur.append(t)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        ends = t.ends_with(".!?")
        cue_then_quote = nxt is not None and nxt.word == QUOTE and is_cue(t)  # 'Ivanov said. "We..."'
        if ends and nxt is not None and (nxt.is_cap or nxt.word == QUOTE) and not cue_then_quote:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def is_cue(t: Token) -> bool:
    return t.word.lower() in cue_words() and not t.is_cap


def subject_before(sent: list[Token], j: int) -> Source | None:
    """The subject phrase that ends right before the cue at ``sent[j]``."""
    i = j - 1
    while i >= 0 and (sent[i].word.lower() in _SKIP or (sent[i].word.endswith("ly") and not sent[i].is_cap)):
        i -= 1
    if i >= 1 and sent[i].word in _WEEKDAYS and sent[i - 1].word == "on":
        i -= 2
    if sent[j].word == "saying" and i >= 0 and sent[i].word == "as":
        # "Sergeyev was quoted by Interfax as saying": the subject of "was quoted"
        k = next((k for k in range(i - 1, max(i - 10, -1), -1) if sent[k].word == "quoted"), -1)
        if k < 1 or sent[k - 1].word not in {"was", "is", "were", "been", "being"}:
            return None
        i = k - 2 if sent[k - 1].word != "been" else k - 3
    if i < 0:
        return None
    # an apposition between commas: "Igor Sergeyev, an adviser to ..., said"
    if sent[i].after.startswith(",") and sent[i].word != QUOTE:
        k = i - 1
        while k >= 0 and k >= i - 16 and not sent[k].after.startswith(",") and sent[k].word != QUOTE:
            k -= 1
        if k >= 0 and sent[k].after.startswith(",") and sent[k].word != QUOTE:
            i = k
        else:
            return None
    return _phrase_ending_at(sent, i, cue=sent[j].word)


def _phrase_ending_at(sent: list[Token], i: int, *, cue: str | None) -> Source | None:
    t = sent[i]
    low = t.word.lower()
    if low in PRONOUNS:
        return Source("pronoun", low, cue, "explicit", t.start)
    if t.word == QUOTE or is_cue(t):
        return None
    if t.is_cap:
        k = i
        while (
            k - 1 >= 0
            and not sent[k - 1].after
            and (
                sent[k - 1].is_cap
                or (sent[k - 1].word in {"of", "de", "van", "von", "bin", "al"} and k - 2 >= 0)
            )
        ):
            k -= 1
        words = [x.word for x in sent[k : i + 1]]
        if k - 1 >= 0 and sent[k - 1].word.lower() in _DETERMINERS and not sent[k - 1].after:
            return Source(
                "nominal", " ".join([sent[k - 1].word.lower(), *words]), cue, "explicit", sent[k - 1].start
            )
        return Source("name", " ".join(words), cue, "explicit", sent[k].start)
    if low in NOMINAL_HEADS:
        k = i
        while k - 1 >= 0 and k > i - 8 and not sent[k - 1].after and sent[k - 1].word != QUOTE:
            k -= 1
            if sent[k].word.lower() in _DETERMINERS:
                words = [sent[k].word.lower(), *(x.word for x in sent[k + 1 : i + 1])]
                return Source("nominal", " ".join(words), cue, "explicit", sent[k].start)
        return Source("nominal", " ".join(x.word for x in sent[k : i + 1]), cue, "explicit", sent[k].start)
    return None


def _np_after(sent: list[Token], j: int) -> Source | None:
    """The subject after an inverted cue: ``said Rumsfeld``, ``said the official``."""
    i = j + 1
    if i >= len(sent):
        return None
    t = sent[i]
    if t.word.lower() in PRONOUNS and t.word.lower() != "i":
        return Source("pronoun", t.word.lower(), sent[j].word, "explicit", t.start)
    end = i
    while end < len(sent) and not sent[end].ends_with(",.;:!?") and sent[end].word != QUOTE and end < i + 9:
        if is_cue(sent[end]) or sent[end].word in {"who", "that", "in", "on", "at", "after", "during", "to"}:
            end -= 1
            break
        end += 1
    end = min(end, len(sent) - 1)
    if end < i:
        return None
    if t.word.lower() in _DETERMINERS or t.is_cap:
        # cut at the first lower-case word after a capitalised run ("said Trump in a statement")
        stop = end
        if t.is_cap:
            for m in range(i, end + 1):
                if not sent[m].is_cap and sent[m].word not in {"of", "de", "van", "von", "bin", "al"}:
                    stop = m - 1
                    break
        return _phrase_ending_at(sent, stop, cue=sent[j].word) if stop >= i else None
    return None


def explicit_after(sent: list[Token], q: int) -> Source | None:
    """``"...," Putin told reporters`` / ``"...," said Rumsfeld`` / ``"...," he said``."""
    if q + 1 >= len(sent):
        return None
    if is_cue(sent[q + 1]):
        return _np_after(sent, q + 1)
    for j in range(q + 2, min(q + 10, len(sent))):
        if sent[j].word == QUOTE:
            return None
        if is_cue(sent[j]) and (sent[j].word.lower() not in _NOUN_CUES or j - q <= 3):
            src = subject_before(sent, j)
            if src is not None and _token_index(sent, src.start) > q:
                return src
            return None
        if sent[j - 1].ends_with(".;:!?"):
            return None
    return None


def _token_index(sent: list[Token], start: int) -> int:
    return next((n for n, t in enumerate(sent) if t.start == start), -1)


def explicit_before(sent: list[Token], q: int) -> Source | None:
    """``Bush added: "..."`` / ``Putin told reporters on Monday, "..."``."""
    for j in range(q - 1, max(q - 9, -1), -1):
        t = sent[j]
        if t.word == QUOTE:
            return None
        if is_cue(t):
            return subject_before(sent, j) or _np_after(sent, j) or subject(sent, j)
    return None


def according(sent: list[Token]) -> Source | None:
    """``according to X`` anywhere in the sentence."""
    for j in range(len(sent) - 2):
        if sent[j].word.lower() == "according" and sent[j + 1].word == "to" and not sent[j + 1].after:
            src = _np_after(sent, j + 1)
            if src is not None:
                return Source(src.kind, src.text, "according to", "according", src.start)
    return None


def subject(sent: list[Token], j: int) -> Source | None:
    """The sentence subject for a cue whose own subject is elided (``Ivanov met
    Rumsfeld and afterwards said:``): the first phrase before a verb."""
    for i in range(min(j, 12)):
        t = sent[i]
        if t.word == QUOTE or t.after.startswith(","):
            continue
        nxt = sent[i + 1] if i + 1 < len(sent) else None
        if (
            nxt is not None
            and not nxt.is_cap
            and nxt.word.lower() not in {"of", "de", "van", "von", "bin", "al"}
        ):
            if t.is_cap or t.word.lower() in PRONOUNS:
                return _phrase_ending_at(sent, i, cue=sent[j].word)
            return None
    return None


def in_sentence(sent: list[Token], q: int) -> Source | None:
    """Any cue in the quote's sentence, nearest before the quote first, with its
    subject: ``Sergeyev said Russia's position was "categorical"``."""
    for j in range(q - 1, -1, -1):
        if is_cue(sent[j]) and sent[j].word.lower() not in _NOUN_CUES:
            src = subject_before(sent, j) or _np_after(sent, j)
            if src is not None:
                return Source(src.kind, src.text, src.cue, "sentence", src.start, src.titled)
    for j in range(q + 1, len(sent)):
        if is_cue(sent[j]) and sent[j].word.lower() not in _NOUN_CUES:
            src = subject_before(sent, j) or _np_after(sent, j)
            if src is not None:
                return Source(src.kind, src.text, src.cue, "sentence", src.start, src.titled)
    return None
