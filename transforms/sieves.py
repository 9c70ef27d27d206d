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
from functools import lru_cache
from typing import Literal

from transforms.mentions import parse_name
from transforms.names import cue_phrases, cue_words, split_title, title_words, word_set

SourceKind = Literal["name", "pronoun", "nominal"]
QUOTE = "\x00Q"
"""The token a masked quote becomes."""

_TOKEN_RE = re.compile(
    "\x00Q\x00*([^\\s\x00]*)|[\"'“‘(\\[]*([^\\s\x00]+?)((?:['’‘]s)?[\"'”’)\\],.;:!?…]*)(?=\\s|$|\x00)"
)
_TRAIL_LEAD = "\"'”’)],.;:!?…“‘(["
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_LEAD = "\"'“‘(["
_TRAIL = "\"'”’)],.;:!?…"
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_DETERMINERS = frozenset({"the", "a", "an", "another", "one", "two", "three", "several", "other", "some"})
NOMINAL_HEADS = word_set("nominal_heads")
_SKIP = word_set("cue_adverbs")
_LISTENER_LEADS = frozenset({"to", "of", "about", "with", "for", "at", "on", "by", "from", "and"})
_PARTICLES = frozenset({"of", "de", "van", "von", "bin", "al"})
_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_ABBREVIATIONS = word_set("abbreviations")
_OBJECT_CUES = word_set("object_cues")
"""Cues whose following noun phrase is the listener or the target ("told Trump",
"called Rubio"), so it is never an inverted subject away from the quote."""
_FUNCTION = word_set("function_words")
_MEDIA = word_set("media")
"""What a person's words can appear in: "Bush's Facebook post said" quotes Bush."""
_OPENER_STOPS = word_set("name_stops")
_POSSESSIVE = ("'s", "’s", "‘s")
_NOUN_MARKERS = frozenset(
    {"the", "a", "an", "his", "her", "its", "their", "our", "my", "this", "that", "whose"}
)
NOUN_CUES = frozenset(
    {"report", "reports", "call", "calls", "post", "posts", "read", "reads", "state", "states"}
)
NOUN_CUES |= {"claim", "claims", "note", "notes", "remarks", "answer", "counter", "term", "brand", "stress"}
NOUN_CUES |= {"tweet", "tweets", "promise", "promises", "continue", "charge", "charges", "label", "labels"}


@dataclass(slots=True, eq=False)
class Token:
    """A word with its surrounding punctuation stripped; offsets into the paragraph.
    The flags are computed once at tokenisation, since every sieve asks them. Not
    frozen: a frozen dataclass costs ~3x as much to build, and tokens are built for
    every word of every quoted paragraph; nothing mutates them after tokenisation."""

    word: str
    start: int
    end: int
    after: str  # trailing punctuation (",", ":", "." ...)
    is_cap: bool = False
    cue: bool = False  # a speech verb used as a verb (see :func:`tokens`)

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
    """Tokens of a masked paragraph. A two-word cue ("shot back", "pointed out")
    becomes one token; a cue word after a possessive or a determiner is a noun
    ("Bush's Facebook post", "the report"), not a cue. One regex splits each word
    into lead punctuation, word and trail (possessive included).

    This runs on every word of every paragraph attribution reads, so the loop is
    kept lean: the sets are bound locally, and a word is joined to the one before
    it only when that one can open a cue phrase."""
    out: list[Token] = []
    append = out.append
    cues, openers, phrases = cue_words(), _phrase_openers(), _phrase_starts()
    abbreviations, noun_markers = _ABBREVIATIONS, _NOUN_MARKERS
    noun_use = False
    prev_low = ""  # lower-case word of out[-1] when it has no trailing punctuation
    for m in _TOKEN_RE.finditer(masked):
        tail, word, after = m.groups()
        if tail is not None:
            append(Token(QUOTE, m.start(), m.end(), tail))
            noun_use, prev_low = False, ""
            continue
        start = m.start(2)
        if after[:1] == "." and (word + "." in abbreviations or _INITIALS_RE.fullmatch(word + ".")):
            word, after = word + ".", after[1:]  # "Mr." "U.S." "W." keep their period
        if not word.strip(_TRAIL_LEAD):
            continue
        low = word.lower()
        if prev_low in openers and f"{prev_low} {low}" in phrases:
            prev = out[-1]
            out[-1] = Token(f"{prev.word} {word}", prev.start, start + len(word), after, prev.is_cap, True)
            prev_low = f"{prev_low} {low}" if not after else ""
            continue
        cap = word[0].isupper()
        cue = low in cues and (not cap or word in _INVERTED) and not noun_use
        append(Token(word, start, start + len(word), after, cap, cue))
        noun_use = after[:2] in _POSSESSIVE or (not after and low in noun_markers)
        prev_low = low if not after else ""
    return out


_INVERTED = frozenset({"Said", "Says"})


@lru_cache(maxsize=1)
def _phrase_starts() -> frozenset[str]:
    return frozenset(cue_phrases())


@lru_cache(maxsize=1)
def _phrase_openers() -> frozenset[str]:
    """Every leading part of a multi-word cue ("pointed" of "pointed out")."""
    return frozenset(p.rsplit(" ", 1)[0] for p in cue_phrases())


def sentences(toks: list[Token]) -> list[list[Token]]:
    """Split tokens at sentence ends (a ``.!?`` after a word that is no abbreviation
    or initial, before a capital or a quote)."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    n = len(toks)
    for i, t in enumerate(toks):
        cur.append(t)
        after = t.after
        if not after or after[0] not in ".!?" or i + 1 >= n:
            continue
        nxt = toks[i + 1]
        if not (nxt.is_cap or nxt.word == QUOTE):
            continue
        if nxt.word == QUOTE and t.cue:
            continue  # 'Ivanov said. "We..."': the cue leads into the quote
        if t.word == QUOTE and (
            (after[0] in "!?" and any(x.cue for x in toks[i + 1 : i + 5])) or _name_then_cue(toks, i + 1)
        ):
            continue  # '"Stop!" Smith said.': a cue right after the quote stays in its sentence
        out.append(cur)
        cur = []
    if cur:
        out.append(cur)
    return out


def _name_then_cue(toks: list[Token], i: int) -> bool:
    """A name run and a cue right after a quote: in '"...missing." Trump said.' the
    full stop inside the quote does not end the sentence that attributes it."""
    k = i
    while k < len(toks) and k < i + 4 and toks[k].is_cap and not toks[k].after and not toks[k].cue:
        k += 1
    if not (i < k < len(toks) and toks[k].cue):
        return False
    # the cue closes the attribution ('Trump said.', 'Trump said in a statement'), where
    # '... liar." Carly Fiorina said Ted Cruz ...' opens a new sentence
    after_cue = toks[k + 1].word if k + 1 < len(toks) else ""
    return bool(toks[k].after) or after_cue in {"", "in", "on", "at", "during", "after", "of", "to"}


def is_cue(t: Token) -> bool:
    """A speech verb; capitalised only as the inverted "Said X, ..." opening."""
    return t.cue


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
    if sent[i].word in {"and", "but", "or"} or (sent[j].word.endswith("ing") and sent[i].ends_with(",")):
        return subject(sent, j)  # "Ivanov met Rumsfeld and said", "..., telling reporters"
    if not sent[i].ends_with(",") or sent[i].word == QUOTE:
        return _phrase_ending_at(sent, i, cue=sent[j].word)
    named = _named_apposition(sent, i, cue=sent[j].word)
    if named is not None:
        return named
    # appositions between commas: "Igor Sergeyev, an adviser to ..., said"
    k = i - 1
    for _ in range(4):
        while k >= 0 and k >= i - 25 and not sent[k].ends_with(",") and sent[k].word != QUOTE:
            k -= 1
        if k < 0 or sent[k].word == QUOTE or not sent[k].ends_with(","):
            return None
        src = _phrase_ending_at(sent, k, cue=sent[j].word)
        n = _token_index(sent, src.start) if src is not None else -1
        if src is not None and not (n > 0 and sent[n - 1].word == "of"):
            return src  # "Cory James, 22, of Flint, Mich., said": "of Flint" is a home town
        k -= 1
    return None


def _named_apposition(sent: list[Token], i: int, *, cue: str) -> Source | None:
    """``Sanders's campaign manager, Jeff Weaver, said``: a person's name set off by
    commas right before the cue, after a description, is the subject."""
    src = _phrase_ending_at(sent, i, cue=cue)
    n = _token_index(sent, src.start) if src is not None else -1
    if src is None or src.kind != "name" or n < 1 or not sent[n - 1].ends_with(","):
        return None
    pn = parse_name(src.text)
    return src if pn is not None and len(pn.name.split()) > 1 else None


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
        while k < i and sent[k].word in _PARTICLES:
            k += 1  # "22, of Flint": a particle never opens a name
        words = [x.word for x in sent[k : i + 1]]
        if k - 1 >= 0 and sent[k - 1].word.lower() in _DETERMINERS and not sent[k - 1].after:
            return Source(
                "nominal", " ".join([sent[k - 1].word.lower(), *words]), cue, "explicit", sent[k - 1].start
            )
        return Source("name", " ".join(words), cue, "explicit", sent[k].start)
    if low in _MEDIA:
        owner = _possessor(sent, i)
        if owner is not None:
            return Source(owner.kind, owner.text, cue, "explicit", owner.start)
    if low in NOMINAL_HEADS:
        k = i
        while k - 1 >= 0 and k > i - 8 and not sent[k - 1].after and sent[k - 1].word != QUOTE:
            k -= 1
            if sent[k].word.lower() in _DETERMINERS:
                words = [sent[k].word.lower(), *(x.word for x in sent[k + 1 : i + 1])]
                return Source("nominal", " ".join(words), cue, "explicit", sent[k].start)
        return Source("nominal", " ".join(x.word for x in sent[k : i + 1]), cue, "explicit", sent[k].start)
    return None


def _possessor(sent: list[Token], i: int) -> Source | None:
    """The person whose medium ``sent[i]`` is: ``Bush's Facebook post``, ``Clinton's
    statement`` (a capitalised possessive at most three words before the noun)."""
    for k in range(i - 1, max(i - 4, -1), -1):
        t = sent[k]
        if t.word == QUOTE or (t.after and t.after[:2] not in _POSSESSIVE):
            return None
        if t.is_cap and t.after[:2] in _POSSESSIVE:
            src = _phrase_ending_at(sent, k, cue=None)
            return src if src is not None and src.kind == "name" else None
    return None


def _np_after(sent: list[Token], j: int) -> Source | None:
    """The subject after an inverted cue: ``said Rumsfeld``, ``said the official``,
    ``said retired Gen. Mick Smith``."""
    i = j + 1
    if i >= len(sent):
        return None
    t = sent[i]
    if t.word.lower() in PRONOUNS and t.word.lower() != "i":
        return Source("pronoun", t.word.lower(), sent[j].word, "explicit", t.start)
    m = i
    while m < min(i + 3, len(sent) - 1) and not sent[m].is_cap and sent[m].word.isalpha():
        low = sent[m].word.lower()
        if low in _DETERMINERS or low in PRONOUNS or (low in _FUNCTION and low != "of") or sent[m].after:
            break
        m += 1  # lower-case modifiers before a name: "retired Army Lt. Gen."
    if m > i and sent[m].is_cap and sent[m].word != QUOTE:
        i = m
        t = sent[i]
    if t.is_cap and t.word != QUOTE:
        stop = i
        while stop + 1 < len(sent) and not sent[stop].after and stop < i + 8:
            nxt = sent[stop + 1]
            then_cap = stop + 2 < len(sent) and sent[stop + 2].is_cap and sent[stop + 2].word != QUOTE
            linked = then_cap and (
                nxt.word in _PARTICLES
                # "former Pennsylvania Gov. and DNC Chairman Ed Rendell"
                or (nxt.word == "and" and sent[stop].word in title_words())
                # "ACLU executive Director Anthony Romero"
                or (nxt.word.isalpha() and nxt.word.islower() and nxt.word not in _FUNCTION and not nxt.after)
            )
            if not (nxt.is_cap or linked) or nxt.word == QUOTE:
                break
            stop += 1
        return _phrase_ending_at(sent, stop, cue=sent[j].word)
    if t.word.lower() in _DETERMINERS:
        stop = i
        while stop + 1 < len(sent) and not sent[stop].after and stop < i + 8 and sent[stop + 1].word != QUOTE:
            nxt = sent[stop + 1]
            if is_cue(nxt) or nxt.word in {
                "who",
                "that",
                "in",
                "on",
                "at",
                "after",
                "during",
                "to",
                "for",
                "of",
            }:
                break
            stop += 1
        return _phrase_ending_at(sent, stop, cue=sent[j].word)
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
        if is_cue(sent[j]) and (sent[j].word.lower() not in NOUN_CUES or j - q <= 3):
            src = subject_before(sent, j)
            n = _token_index(sent, src.start) if src is not None else -1
            if src is not None and q < n and (n <= q + 2 or _noun_phrase(sent[q + 1 : n])):
                return src  # the subject opens the tail: '"...," Putin told', not '"...," and Trump vowed'
            return None
        if sent[j - 1].ends_with(".;:!?"):
            break
    return _unlisted_verb(sent, q)


def _noun_phrase(toks: list[Token]) -> bool:
    """Words that can open a subject noun phrase before a name ("Clinton press
    secretary" in '"...," Clinton press secretary Brian Fallon said', "Lopez's
    campaign manager," before an apposed name): no function word, no punctuation
    but a possessive or an apposition's comma."""
    return all(
        t.word != QUOTE
        and t.word.lower() not in _FUNCTION
        and (not t.after or t.after[:2] in _POSSESSIVE or t.after == ",")
        and not t.cue
        for t in toks
    )


def _verb_like(t: Token) -> bool:
    """A lower-case past or present verb form ("beamed", "reacted", "gushes")."""
    w = t.word
    return (
        w.isalpha()
        and w.islower()
        and len(w) > 3
        and w not in _FUNCTION
        and (w.endswith("ed") or (w.endswith("s") and not w.endswith("ss")))
    )


def _unlisted_verb(sent: list[Token], q: int) -> Source | None:
    """A speech verb missing from the cue list, in the two shapes that only
    attribution takes after a quote ending in a comma, "!" or "?":
    ``"...!" beamed Donald Hartley.`` (verb, then a name closing the clause) and
    ``"...," Trump reacted.`` (a name, then a verb closing the clause or followed by
    a preposition)."""
    if not sent[q].ends_with(",!?") or q + 2 >= len(sent):
        return None
    nxt = sent[q + 1]
    if _verb_like(nxt) and sent[q + 2].is_cap and sent[q + 2].word != QUOTE:
        stop = q + 2
        while stop + 1 < len(sent) and not sent[stop].after and sent[stop + 1].is_cap and stop < q + 7:
            stop += 1
        if sent[stop].after or stop + 1 == len(sent):
            src = _phrase_ending_at(sent, stop, cue=nxt.word)
            return src if src is not None and src.kind == "name" else None
        return None
    if not nxt.is_cap or nxt.word == QUOTE:
        return None
    k = q + 1
    while k + 1 < len(sent) and not sent[k].after and sent[k + 1].is_cap and k < q + 6:
        k += 1
    if sent[k].after or k + 1 >= len(sent) or not _verb_like(sent[k + 1]):
        return None
    verb = sent[k + 1]
    closes = verb.after[:1] in (".", ",", ";", "!", "?") or k + 2 == len(sent)
    if closes or sent[k + 2].word.lower() in {"in", "on", "at", "to", "after", "during", "via"}:
        src = _phrase_ending_at(sent, k, cue=verb.word)
        return src if src is not None and src.kind == "name" else None
    return None


def _token_index(sent: list[Token], start: int) -> int:
    return next((n for n, t in enumerate(sent) if t.start == start), -1)


def explicit_before(sent: list[Token], q: int) -> Source | None:
    """``Bush added: "..."`` / ``Putin told reporters on Monday, "..."`` /
    ``Donald Trump: "..."`` / ``Said Jane Doe, a voter, "..."`` /
    ``Kasich resisted: "..."`` (a colon makes the sentence subject the speaker)."""
    colon = q >= 1 and sent[q - 1].ends_with(":")
    if colon and sent[q - 1].word.lower() in _MEDIA:
        owner = _possessor(sent, q - 1)  # 'From Bush's Facebook post: "..."'
        if owner is not None:
            return owner
    if colon and sent[q - 1].is_cap:
        src = _phrase_ending_at(sent, q - 1, cue=None)
        r = _token_index(sent, src.start) if src is not None else -1
        lead = sent[r - 1].word.lower() if r > 0 else ""
        if src is not None and lead not in _LISTENER_LEADS and not is_cue(sent[r - 1]):
            return src
    for j in range(q - 1, max(q - 17, -1), -1):
        t = sent[j]
        if t.word == QUOTE:
            return None
        if is_cue(t) and not (t.word.lower() in NOUN_CUES and q - j > 3 and t.ends_with(",;.")):
            # "many Asian states, and ...": a noun use away from the quote
            return subject_before(sent, j) or _inverted_subject(sent, j) or subject(sent, j)
    return subject(sent, q) if colon else None


_NP_CLOSERS = frozenset(
    {"in", "on", "at", "during", "after", "before", "to", "of", "who", "from", "for", "as"}
)


def _inverted_subject(sent: list[Token], j: int) -> Source | None:
    """The noun phrase after the cue at ``sent[j]`` when it is the cue's subject:
    the agent of a passive (``as described by FBI Director James Comey``), or an
    inverted subject, where the cue opens its clause (``Said Jane Doe, ...``,
    ``..., said Kassenova``), is not a verb whose object is a person (``told
    Trump``, ``called Rubio``) and the phrase closes the clause (``..., said
    Sanders has pushed`` has a clause, not a speaker, after the cue)."""
    if j + 1 < len(sent) and sent[j + 1].word == "by" and not sent[j + 1].after:
        return _np_after(sent, j + 1)
    opens = j == 0 or sent[j - 1].word == QUOTE or sent[j - 1].ends_with(",;:—")
    if not opens or sent[j].word.lower() in _OBJECT_CUES:
        return None
    src = _np_after(sent, j)
    n = _token_index(sent, src.start) if src is not None else -1
    if src is None or n < 0:
        return None
    while n + 1 < len(sent) and not sent[n].after and sent[n + 1].is_cap and sent[n + 1].word != QUOTE:
        n += 1
    nxt = sent[n + 1].word.lower() if n + 1 < len(sent) else ""
    return src if sent[n].after or not nxt or nxt in _NP_CLOSERS or src.kind != "name" else None


def according(sent: list[Token]) -> Source | None:
    """``according to X`` anywhere in the sentence."""
    for j in range(len(sent) - 2):
        if sent[j].word.lower() == "according" and sent[j + 1].word == "to" and not sent[j + 1].after:
            # "according to a court document filed by X": X
            by = next((k for k in range(j + 2, min(j + 9, len(sent) - 1)) if sent[k].word == "by"), -1)
            src = (_np_after(sent, by) if by > 0 else None) or _np_after(sent, j + 1)
            if src is not None:
                return Source(src.kind, src.text, "according to", "according", src.start)
    return None


def subject(sent: list[Token], j: int) -> Source | None:
    """The sentence subject for a cue whose own subject is elided (``Ivanov met
    Rumsfeld and afterwards said:``): a name or pronoun right before a lower-case
    word, at the sentence start or after an opening clause's comma."""
    starts = [0] + [i + 1 for i in range(min(j, 30)) if sent[i].ends_with(",")]
    for st in starts:
        if st >= j:
            break
        k = st
        while (
            k < j
            and (sent[k].is_cap or sent[k].word in _PARTICLES)
            and (not sent[k].after or _possessive_name(sent, k, j))
            and sent[k].word != QUOTE
        ):
            k += 1  # "Germany's Chancellor Angela Merkel": the possessor is no subject
        if k >= j or sent[k].word == QUOTE:
            continue
        if (
            sent[k].is_cap
            and sent[k].ends_with(",")
            and (
                (st > 0 and _place_before(sent, st - 1)) or (k > st and sent[st].word.lower() in _PLACE_LEADS)
            )
        ):
            continue  # "in Salem, New Hampshire, Trump ...", "In Washington, Obama ...": a place
        if k == st + 1 and not sent[k].is_cap and _opener(sent[st]):
            continue  # "Early in his campaign, Trump ...", "Acknowledging that ...,"
        last = k if (sent[k].is_cap or sent[k].word.lower() in PRONOUNS) else k - 1
        if last >= st and sent[last].word != QUOTE:
            src = _phrase_ending_at(sent, last, cue=sent[j].word)
            if src is not None and (src.kind != "name" or split_title(src.text)[1]):
                return src
    return None


def _possessive_name(sent: list[Token], k: int, j: int) -> bool:
    """A capitalised possessive followed by a capitalised word before ``sent[j]``."""
    return sent[k].after[:2] in _POSSESSIVE and len(sent[k].after) == 2 and k + 1 < j and sent[k + 1].is_cap


_PLACE_LEADS = frozenset({"in", "at", "from", "near", "outside", "across", "throughout", "of"})


def _place_before(sent: list[Token], i: int) -> bool:
    """Whether the capitalised run ending at ``sent[i]`` (with its comma) follows a
    preposition of place: the run after that comma is the rest of an address."""
    k = i
    while k > 0 and sent[k].is_cap and (k == i or not sent[k].after):
        k -= 1
    return k < i and not sent[k].is_cap and sent[k].word in _PLACE_LEADS and not sent[k].after


def _opener(t: Token) -> bool:
    """A capitalised word that opens a clause without naming anyone: an adverb or a
    participle ("Shortly", "Appearing", "Reached") or a function word."""
    w = t.word
    low = w.lower()
    return w in _OPENER_STOPS or low.endswith(("ing", "ly")) or (low.endswith("ed") and len(w) > 5)


def in_sentence(sent: list[Token], q: int) -> Source | None:
    """Any cue in the quote's sentence, nearest before the quote first, with its
    subject: ``Sergeyev said Russia's position was "categorical"``."""
    for j in range(q - 1, -1, -1):
        if is_cue(sent[j]) and sent[j].word.lower() not in NOUN_CUES:
            src = subject_before(sent, j) or _inverted_subject(sent, j)
            if src is not None:
                return Source(src.kind, src.text, src.cue, "sentence", src.start, src.titled)
    for j in range(q + 1, len(sent)):
        if is_cue(sent[j]) and sent[j].word.lower() not in NOUN_CUES:
            src = subject_before(sent, j) or _inverted_subject(sent, j)
            if src is not None:
                return Source(src.kind, src.text, src.cue, "sentence", src.start, src.titled)
    return None


def sentence_subject(sent: list[Token], q: int) -> Source | None:
    """No cue at all: the subject of the quote's sentence, when it names a person
    (``Trump identified the judge as "Spanish"``, ``Lewandowski ripped Comey for
    acting as "the judge and the jury"``): in news the subject of a sentence that
    quotes someone's words is almost always whose words they are."""
    if q == 0:
        return None
    src = subject(sent, q)
    if src is None or src.kind == "nominal":
        return None
    return Source(src.kind, src.text, None, "subject", src.start, src.titled)
