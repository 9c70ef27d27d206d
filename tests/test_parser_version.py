"""PARSER_VERSION changes whenever the transforms' output does, so `wirehouse run
--reparse` knows which rows to re-derive. The fingerprint below is the sha256 of
the extract output for a fixed set of inputs; when a change moves it, bump
``transforms.PARSER_VERSION`` and record the new pair in parser_fingerprint.json."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from transforms import PARSER_VERSION
from transforms.contract import to_contract
from transforms.extract import extract

ROOT = Path(__file__).resolve().parents[1]
RECORD = Path(__file__).with_name("parser_fingerprint.json")

HTML_PAGE = b"""<!doctype html><html><head><meta charset="windows-1252">
<title>Ministers sign pact on fishing quotas - The Harbour Gazette</title>
<meta property="og:title" content="Ministers sign pact on fishing quotas">
<meta property="article:published_time" content="2001-08-14T09:00:00Z"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers sign pact on fishing quotas</h1>
<p>OSLO, Norway (Reuters) - Norway and Iceland signed a fishing accord on Tuesday, ending a dispute
that had strained relations since the Kyoto Protocol talks, officials said.</p>
<p>"This agreement protects our fishermen and the stocks they depend on," Norwegian Fisheries Minister
Ola Nordmann told reporters in Oslo.</p>
<p>An Icelandic official said the deal would be reviewed in 2003. "We expect it to hold," he said.</p>
</article><footer>\xa9 2001 The Harbour Gazette. All rights reserved.</footer></body></html>"""


def fingerprint() -> str:
    """sha256 over the contract JSON of the sample inbox and an inline HTML page."""
    inputs = [(p.name, p.read_bytes()) for p in sorted((ROOT / "examples" / "inbox").iterdir())]
    inputs.append(("page.html", HTML_PAGE))
    digest = hashlib.sha256()
    for name, raw in inputs:
        obj = to_contract(extract(raw, name=name), path=name)
        obj.pop("parser_version")
        digest.update(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def test_output_change_comes_with_a_version_bump() -> None:
    """Same version ⇒ same output. A failure here means: bump PARSER_VERSION and
    write the new version and fingerprint to tests/parser_fingerprint.json."""
    record = json.loads(RECORD.read_text())
    now = fingerprint()
    assert record["parser_version"] == PARSER_VERSION, (
        f"PARSER_VERSION is {PARSER_VERSION} but {RECORD.name} records {record['parser_version']}: "
        f"record the new version with fingerprint {now}"
    )
    assert record["fingerprint"] == now, (
        f"extract output changed under PARSER_VERSION {PARSER_VERSION}: bump it and record "
        f'{{"parser_version": "<new>", "fingerprint": "{now}"}} in {RECORD.name}'
    )
