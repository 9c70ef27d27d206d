"""Publication dates from page metadata values and URLs, as ISO ``YYYY-MM-DD``.

Only shapes that are unambiguous are read: ISO dates and timestamps, ``Jan 14,
2008`` / ``14 January 2008``, day-first dotted ``14.01.2008``, and
``/2008/01/14/`` or ``20080114`` in a URL path.
A day-month order that could be either (``01/02/2008``) is not guessed.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
    for m in (ms,)
}
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
_MDY = re.compile(r"(?i)\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DMY = re.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+((?:19|20)\d\d)\b")
# Day first with dots ("05.01.2008"): the European convention, never month first.
_DOTTED = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\d.]\d)")
_URL = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
    r"|/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/"
)


def parse_date(text: str | None) -> str | None:
    """An ISO date read from a metadata value ("2008-01-14T11:16:00Z", "Jan 14, 2008")."""
    if not text:
        return None
    text = text.strip()[:100]
    m = _ISO.search(text)
    if m:
        return _iso(m.group(1), m.group(2), m.group(3))
    m = _DOTTED.search(text)
    if m:
        return _iso(m.group(3), m.group(2), m.group(1))
    m = _MDY.search(text)
    if m and m.group(1).lower() in _MONTHS:
        return _iso(m.group(3), str(_MONTHS[m.group(1).lower()]), m.group(2))
    m = _DMY.search(text)
    if m and m.group(2).lower() in _MONTHS:
        return _iso(m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1))
    return None


def date_from_url(url: str | None) -> str | None:
    """The date a URL path carries (``/2008/01/14/``, ``-20080114-``), if any."""
    if not url:
        return None
    path = url.split("://", 1)[-1].split("/", 1)[-1] if "/" in url else url
    m = _URL.search("/" + path)
    if not m:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return _iso(y, mo, d)


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
