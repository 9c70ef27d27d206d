"""The long fuzz campaign, run by hand (not in ``make test``):

    .venv/bin/python -m tests.reliability.fuzz_campaign --inputs 100000 --seed 1

Same generators and property as ``test_fuzz.py``, in a plain loop so that it
counts every failure (by exception type and place) instead of stopping at the
first, and saves each failing input under ``--out`` for a regression test.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from tests.reliability.fuzzing import NAMES, check_one, mutate, seed_pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    seeds = seed_pages()
    outcomes: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    t0 = time.perf_counter()
    for i in range(args.inputs):
        if rng.random() < 0.3:
            raw = rng.randbytes(rng.choice((0, 1, 16, 256, 4096)))
            if rng.random() < 0.5:  # text-like noise: printable bytes and markup, no NULs
                raw = bytes(rng.choice(b" <>/=\"'abcdefghijklmnop.,;\n\t&#x") for _ in raw)
        else:
            raw = mutate(rng.choice(seeds)[1], rng)
        name = rng.choice(NAMES)
        try:
            outcomes[check_one(raw, name)] += 1
        except Exception as exc:
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(tb.filename).name}:{tb.lineno}"
            failures[key] += 1
            outcomes["failed"] += 1
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{hashlib.sha256(raw).hexdigest()[:16]}-{name}").write_bytes(raw)
            if failures[key] == 1:
                print(f"[{i}] {key}: {exc!r}"[:300], file=sys.stderr, flush=True)
        if (i + 1) % 5000 == 0:
            print(f"{i + 1} inputs, {time.perf_counter() - t0:.0f}s, {dict(outcomes)}", flush=True)
    print(f"done: {args.inputs} inputs in {time.perf_counter() - t0:.0f}s; outcomes {dict(outcomes)}")
    print(f"failures by kind: {dict(failures) or 'none'}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
