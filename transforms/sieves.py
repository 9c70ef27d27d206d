"""Attribution sieves: where to look for the source phrase of a quote.

Each paragraph is read with its quotes masked out, split into sentences and
tokens (:mod:`transforms.tokens`); a quote is one token (``QUOTE``) of its
sentence. The sieves then look, most certain first, for:

1. a cue verb right after the quote with its subject (``"...," Putin told``,
   ``"...," said Rumsfeld``, ``"...," the official said``);
2. a cue verb right before it (``Bush added: "..."``, ``Ivanov said. "..."``);
3. ``according to X`` in the quote's sentence;
4. any cue verb in the quote's sentence with its subject, nearest first
   (``which Bush described as a "cold war relic"``);
5. no cue at all: the subject of the quote's sentence.

Finding the phrase once the cue is known is :mod:`transforms.source_phrases`;
turning it into a canonical speaker is :mod:`transforms.speakers`' job.
"""

from __future__ import annotations

from transforms.source_phrases import (
    FUNCTION_WORDS,
    MEDIA,
    Source,
    inverted_subject,
    noun_phrase_after,
    phrase_ending_at,
    possessor,
    subject,
    subject_before,
    token_index,
)
from transforms.tokens import POSSESSIVE, QUOTE, Token, is_cue

_LISTENER_LEADS = frozenset({"to", "of", "about", "with", "for", "at", "on", "by", "from", "and", "in"})
NOUN_CUES = frozenset(
    {"report", "reports", "call", "calls", "post", "posts", "read", "reads", "state", "states"}
)
NOUN_CUES |= {"claim", "claims", "note", "notes", "remarks", "answer", "counter", "term", "brand", "stress"}
NOUN_CUES |= {"tweet", "tweets", "promise", "promises", "continue", "charge", "charges", "label", "labels"}


def explicit_after(sent: list[Token], q: int) -> Source | None:
    """``"...," Putin told reporters`` / ``"...," said Rumsfeld`` / ``"...," he said``."""
    if q + 1 >= len(sent):
        return None
    if is_cue(sent[q + 1]):
        return noun_phrase_after(sent, q + 1)
    signed = _dash_signature(sent, q)
    if signed is not None:
        return signed
    for j in range(q + 2, min(q + 10, len(sent))):
        if sent[j].word == QUOTE:
            return None
        if is_cue(sent[j]) and (sent[j].word.lower() not in NOUN_CUES or j - q <= 3):
            src = subject_before(sent, j)
            n = token_index(sent, src.start) if src is not None else -1
            if src is not None and q < n and (n <= q + 2 or _noun_phrase(sent[q + 1 : n])):
                return src  # the subject opens the tail: '"...," Putin told', not '"...," and Trump vowed'
            return None
        if sent[j - 1].ends_with(".;:!?"):
            break
    return _unlisted_verb(sent, q)


_DASHES = frozenset({"―", "—", "–", "-", "--"})


def _dash_signature(sent: list[Token], q: int) -> Source | None:
    """``"..." ― Sonya Herridge``: a dash and a name right after the quote sign it
    (the convention of quote collections and epigraphs), when the name closes
    the clause: the sentence ends, another quote follows, or punctuation does."""
    if q + 2 >= len(sent) or sent[q + 1].word not in _DASHES or sent[q + 1].after:
        return None
    stop = q + 2
    if not sent[stop].is_cap or sent[stop].word == QUOTE:
        return None
    while (
        stop + 1 < len(sent)
        and not sent[stop].after
        and sent[stop + 1].is_cap
        and sent[stop + 1].word != QUOTE
    ):
        stop += 1
    if not (sent[stop].after or stop + 1 == len(sent) or sent[stop + 1].word == QUOTE):
        return None
    src = phrase_ending_at(sent, stop, cue=None)
    return src if src is not None and src.kind == "name" else None


def _noun_phrase(toks: list[Token]) -> bool:
    """Words that can open a subject noun phrase before a name ("Clinton press
    secretary" in '"...," Clinton press secretary Brian Fallon said', "Lopez's
    campaign manager," before an apposed name): no function word, no punctuation
    but a possessive or an apposition's comma."""
    return all(
        t.word != QUOTE
        and t.word.lower() not in FUNCTION_WORDS
        and (not t.after or t.after[:2] in POSSESSIVE or t.after == ",")
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
        and w not in FUNCTION_WORDS
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
            src = phrase_ending_at(sent, stop, cue=nxt.word)
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
        src = phrase_ending_at(sent, k, cue=verb.word)
        return src if src is not None and src.kind == "name" else None
    return None


def explicit_before(sent: list[Token], q: int) -> Source | None:
    """``Bush added: "..."`` / ``Putin told reporters on Monday, "..."`` /
    ``Donald Trump: "..."`` / ``Said Jane Doe, a voter, "..."`` /
    ``Kasich resisted: "..."`` (a colon makes the sentence subject the speaker)."""
    colon = q >= 1 and sent[q - 1].ends_with(":")
    if colon and sent[q - 1].word.lower() in MEDIA:
        owner = possessor(sent, q - 1)  # 'From Bush's Facebook post: "..."'
        if owner is not None:
            return owner
    if colon and sent[q - 1].is_cap:
        src = phrase_ending_at(sent, q - 1, cue=None)
        r = token_index(sent, src.start) if src is not None else -1
        lead = sent[r - 1].word.lower() if r > 0 else ""
        if src is not None and lead not in _LISTENER_LEADS and not is_cue(sent[r - 1]):
            return src
    for j in range(q - 1, max(q - 17, -1), -1):
        t = sent[j]
        if t.word == QUOTE:
            return None
        if is_cue(t) and not (t.word.lower() in NOUN_CUES and q - j > 3 and t.ends_with(",;.")):
            # "many Asian states, and ...": a noun use away from the quote
            return subject_before(sent, j) or inverted_subject(sent, j) or subject(sent, j)
    return subject(sent, q) if colon else None


def according(sent: list[Token]) -> Source | None:
    """``according to X`` anywhere in the sentence."""
    for j in range(len(sent) - 2):
        if sent[j].word.lower() == "according" and sent[j + 1].word == "to" and not sent[j + 1].after:
            # "according to a court document filed by X": X
            by = next((k for k in range(j + 2, min(j + 9, len(sent) - 1)) if sent[k].word == "by"), -1)
            src = (noun_phrase_after(sent, by) if by > 0 else None) or noun_phrase_after(sent, j + 1)
            if src is not None:
                return Source(src.kind, src.text, "according to", "according", src.start)
    return None


def in_sentence(sent: list[Token], q: int) -> Source | None:
    """Any cue in the quote's sentence, nearest before the quote first, with its
    subject: ``Sergeyev said Russia's position was "categorical"``."""
    for j in range(q - 1, -1, -1):
        if is_cue(sent[j]) and sent[j].word.lower() not in NOUN_CUES:
            src = subject_before(sent, j) or inverted_subject(sent, j)
            if src is not None:
                return Source(src.kind, src.text, src.cue, "sentence", src.start, src.titled)
    for j in range(q + 1, len(sent)):
        if is_cue(sent[j]) and sent[j].word.lower() not in NOUN_CUES:
            src = subject_before(sent, j) or inverted_subject(sent, j)
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
