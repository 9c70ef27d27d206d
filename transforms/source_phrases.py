"""Source phrases: the noun phrase that says who spoke, found from a cue.

Given a sentence of :mod:`transforms.tokens` and the position of a speech verb,
these functions find its subject: a name run with its title (``Russian Defence
Minister Sergei Ivanov said``), a pronoun, a nominal description (``another
Russian Foreign Ministry official``), an apposed name (``Sanders's campaign
manager, Jeff Weaver, said``), the owner of a medium (``Bush's Facebook post
said``), an inverted subject (``said Rumsfeld``) or, when the cue's own subject
is elided, the subject of the sentence. Which cue to start from is the sieves'
choice (:mod:`transforms.sieves`); turning a phrase into a canonical speaker is
:mod:`transforms.speakers`'. Owner: quotes (issue 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from transforms.mentions import parse_name
from transforms.names import split_title, title_words, word_set
from transforms.tokens import POSSESSIVE, QUOTE, Token, is_cue

SourceKind = Literal["name", "pronoun", "nominal"]
PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
DETERMINERS = frozenset({"the", "a", "an", "another", "one", "two", "three", "several", "other", "some"})
NOMINAL_HEADS = word_set("nominal_heads")
_SKIP = word_set("cue_adverbs")
_PARTICLES = frozenset({"of", "de", "van", "von", "bin", "al"})
_WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
_OBJECT_CUES = word_set("object_cues")
"""Cues whose following noun phrase is the listener or the target ("told Trump",
"called Rubio"), so it is never an inverted subject away from the quote."""
FUNCTION_WORDS = word_set("function_words")
MEDIA = word_set("media")
"""What a person's words can appear in: "Bush's Facebook post said" quotes Bush."""
_OPENER_STOPS = word_set("name_stops")


@dataclass(frozen=True, slots=True)
class Source:
    """A source phrase for a quote: what the sieve found and where."""

    kind: SourceKind
    text: str
    cue: str | None
    method: str  # explicit | according | sentence
    start: int  # offset of the phrase in the paragraph
    titled: bool = False


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
        return phrase_ending_at(sent, i, cue=sent[j].word)
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
        src = phrase_ending_at(sent, k, cue=sent[j].word)
        n = token_index(sent, src.start) if src is not None else -1
        if src is not None and not (n > 0 and sent[n - 1].word == "of"):
            return src  # "Cory James, 22, of Flint, Mich., said": "of Flint" is a home town
        k -= 1
    return None


def _named_apposition(sent: list[Token], i: int, *, cue: str) -> Source | None:
    """``Sanders's campaign manager, Jeff Weaver, said``: a person's name set off by
    commas right before the cue, after a description, is the subject."""
    src = phrase_ending_at(sent, i, cue=cue)
    n = token_index(sent, src.start) if src is not None else -1
    if src is None or src.kind != "name" or n < 1 or not sent[n - 1].ends_with(","):
        return None
    pn = parse_name(src.text)
    return src if pn is not None and len(pn.name.split()) > 1 else None


def phrase_ending_at(sent: list[Token], i: int, *, cue: str | None) -> Source | None:
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
        if k - 1 >= 0 and sent[k - 1].word.lower() in DETERMINERS and not sent[k - 1].after:
            return Source(
                "nominal", " ".join([sent[k - 1].word.lower(), *words]), cue, "explicit", sent[k - 1].start
            )
        return Source("name", " ".join(words), cue, "explicit", sent[k].start)
    if low in MEDIA:
        owner = possessor(sent, i)
        if owner is not None:
            return Source(owner.kind, owner.text, cue, "explicit", owner.start)
    if low in NOMINAL_HEADS:
        k = i
        while k - 1 >= 0 and k > i - 8 and not sent[k - 1].after and sent[k - 1].word != QUOTE:
            k -= 1
            if sent[k].word.lower() in DETERMINERS:
                words = [sent[k].word.lower(), *(x.word for x in sent[k + 1 : i + 1])]
                return Source("nominal", " ".join(words), cue, "explicit", sent[k].start)
        return Source("nominal", " ".join(x.word for x in sent[k : i + 1]), cue, "explicit", sent[k].start)
    return None


def possessor(sent: list[Token], i: int) -> Source | None:
    """The person whose medium ``sent[i]`` is: ``Bush's Facebook post``, ``Clinton's
    statement`` (a capitalised possessive at most three words before the noun)."""
    for k in range(i - 1, max(i - 4, -1), -1):
        t = sent[k]
        if t.word == QUOTE or (t.after and t.after[:2] not in POSSESSIVE):
            return None
        if t.is_cap and t.after[:2] in POSSESSIVE:
            src = phrase_ending_at(sent, k, cue=None)
            return src if src is not None and src.kind == "name" else None
    return None


def noun_phrase_after(sent: list[Token], j: int) -> Source | None:
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
        if low in DETERMINERS or low in PRONOUNS or (low in FUNCTION_WORDS and low != "of") or sent[m].after:
            break
        m += 1  # lower-case modifiers before a name: "retired Army Lt. Gen."
    if m > i and sent[m].is_cap and sent[m].word != QUOTE:
        i = m
        t = sent[i]
    if t.is_cap and t.word != QUOTE and i + 1 < len(sent) and _possessive_name(sent, i, len(sent)):
        i += 1  # "said Florida's Rick Wilson": the possessor is where the speaker is from
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
                or (
                    nxt.word.isalpha()
                    and nxt.word.islower()
                    and nxt.word not in FUNCTION_WORDS
                    and not nxt.after
                )
            )
            if not (nxt.is_cap or linked) or nxt.word == QUOTE:
                break
            stop += 1
        return phrase_ending_at(sent, stop, cue=sent[j].word)
    if t.word.lower() in DETERMINERS:
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
        return phrase_ending_at(sent, stop, cue=sent[j].word)
    return None


def token_index(sent: list[Token], start: int) -> int:
    return next((n for n, t in enumerate(sent) if t.start == start), -1)


_NP_CLOSERS = frozenset(
    {"in", "on", "at", "during", "after", "before", "to", "of", "who", "from", "for", "as"}
)


def inverted_subject(sent: list[Token], j: int) -> Source | None:
    """The noun phrase after the cue at ``sent[j]`` when it is the cue's subject:
    the agent of a passive (``as described by FBI Director James Comey``), or an
    inverted subject, where the cue opens its clause (``Said Jane Doe, ...``,
    ``..., said Kassenova``), is not a verb whose object is a person (``told
    Trump``, ``called Rubio``) and the phrase closes the clause (``..., said
    Sanders has pushed`` has a clause, not a speaker, after the cue)."""
    if j + 1 < len(sent) and sent[j + 1].word == "by" and not sent[j + 1].after:
        return noun_phrase_after(sent, j + 1)
    opens = j == 0 or sent[j - 1].word == QUOTE or sent[j - 1].ends_with(",;:—")
    if not opens or sent[j].word.lower() in _OBJECT_CUES:
        return None
    src = noun_phrase_after(sent, j)
    n = token_index(sent, src.start) if src is not None else -1
    if src is None or n < 0:
        return None
    while n + 1 < len(sent) and not sent[n].after and sent[n + 1].is_cap and sent[n + 1].word != QUOTE:
        n += 1
    nxt = sent[n + 1].word.lower() if n + 1 < len(sent) else ""
    return src if sent[n].after or not nxt or nxt in _NP_CLOSERS or src.kind != "name" else None


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
            src = phrase_ending_at(sent, last, cue=sent[j].word)
            if src is not None and (src.kind != "name" or split_title(src.text)[1]):
                return src
    return None


def _possessive_name(sent: list[Token], k: int, j: int) -> bool:
    """A capitalised possessive followed by a capitalised word before ``sent[j]``."""
    return sent[k].after[:2] in POSSESSIVE and len(sent[k].after) == 2 and k + 1 < j and sent[k + 1].is_cap


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
