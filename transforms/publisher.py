"""Publisher names from site furniture, with no per-site knowledge.

Pages name their owner in the furniture: "© 2008 Example News", "Copyright
Example Media Group", "External sites are not endorsed by Example Interactive".
The phrase after such a cue is the candidate; generic corporate or product
words at its end are dropped ("Interactive", "Online", "Inc."), and when its
first word is a brand that opens other short lines of the page too ("Example
Mobile", "Example International") that shorter brand wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_NAME = r"(?P<name>[A-Z0-9][\w&'.\-]*(?:\s+(?:[A-Z0-9&][\w&'.\-]*|of|the|and|de|la)){0,5})"
_CUES = (
    re.compile(rf"not endorsed by (?:the\s+)?{_NAME}"),
    re.compile(rf"(?:©|\(c\)|Copyright|COPYRIGHT)\s*(?:©\s*)?(?:\d{{4}}\s*(?:[-–]\s*\d{{4}})?,?\s*)?{_NAME}"),
    re.compile(rf"{_NAME}[,.]?\s+All [Rr]ights [Rr]eserved"),
)
# A literal every cue match contains. Most lines hold none, and one literal scan
# is far cheaper than the three cues (the third opens on the name, so the engine
# tries it at every capital letter).
_CUE_HINT = re.compile(r"not endorsed by |©|\(c\)|Copyright|COPYRIGHT|All [Rr]ights")
_GENERIC_TAIL = {
    "interactive",
    "online",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "limited",
    "websites",
    "website",
    "web",
    "site",
    "digital",
    "group",
    "network",
    "networks",
    "all",
    "rights",
    "reserved",
    "media",
    "company",
    "holdings",
}
_NOT_NAMES = {"all", "the", "copyright", "by", "rights", "this", "contents", "content", "reserved"}


def publisher_from_furniture(lines: Iterable[str]) -> str | None:
    """The brand the page's furniture names most often, or None."""
    short = [s for line in lines if 0 < len(s := line.strip()) <= 200]
    found: Counter[str] = Counter()
    for line in short:
        if not _CUE_HINT.search(line):
            continue
        for cue in _CUES:
            m = cue.search(line)
            if m:
                name = _clean(m.group("name"))
                if name:
                    found[name] += 1
    if not found:
        return None
    name = found.most_common(1)[0][0]
    return _shortest_brand(name, short)


def _clean(name: str) -> str | None:
    words = name.strip(" .,;:-").split()
    while words and words[-1].lower().strip(".,") in _GENERIC_TAIL:
        words.pop()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    if not words or words[0].isdigit():
        return None
    return " ".join(words).strip(" .,")


def _shortest_brand(name: str, lines: list[str]) -> str:
    """``Example Interactive`` → ``Example`` when "Example ..." opens other lines too."""
    first = name.split()[0]
    if first == name or len(first) < 2:
        return name
    starts = sum(1 for line in lines if line.split(maxsplit=1)[0] == first and len(line.split()) <= 8)
    return first if starts >= 2 else name
