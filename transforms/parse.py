"""Text or HTML → :class:`Article`. Dispatches on the decoded format.

The contract: :class:`NotAnArticle` when no body survives, and no other
exception ever escapes (hostile markup included), so one bad file can never stop
a batch.
"""

from __future__ import annotations

from transforms.decode import Decoded
from transforms.errors import NotAnArticle
from transforms.model import Article
from transforms.text_parser import parse_text


def parse(decoded: Decoded) -> Article:
    """Parse decoded text; raises :class:`NotAnArticle` when no body survives."""
    try:
        if decoded.format == "html":
            from transforms.html_parser import parse_html

            return parse_html(decoded.text)
        return parse_text(decoded.text)
    except NotAnArticle:
        raise
    except RecursionError:
        raise NotAnArticle("markup nested too deeply to parse") from None
    except Exception as exc:  # the contract: one hostile file never stops a batch
        raise NotAnArticle(f"unparseable ({type(exc).__name__}: {exc})"[:200]) from exc
