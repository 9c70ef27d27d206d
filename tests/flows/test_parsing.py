"""The parse stream's ordering and memory contract, on a real thread pool."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from flows.batch import Candidate
from flows.parsing import chunks, in_order


def _candidates(n: int) -> list[Candidate]:
    return [Candidate(f"/inbox/{i}.txt", f"{i}.txt", i, i) for i in range(n)]


def test_results_come_in_batch_order_with_a_bounded_window_and_parsed_batches_let_go() -> None:
    """Batches finish out of order but are yielded in order; no more than ``window``
    run at once; a batch's candidate list is emptied once its result is yielded, so
    the run's candidates do not stay in the flow process to its end."""
    batches = chunks(_candidates(23), 4)
    running, most, lock = 0, 0, threading.Lock()

    def work(batch: list[Candidate]) -> list[str]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.002 * (len(batches) - int(batch[0].rel.split(".")[0]) // 4))  # later ones finish first
        with lock:
            running -= 1
        return [c.rel for c in batch]

    seen: list[int] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        for n, rels in in_order(pool, work, batches, window=3):
            assert rels == [f"{i}.txt" for i in range(4 * n, min(4 * n + 4, 23))]
            assert all(not b for b in batches[:n]) and all(batches[n + 1 :])
            seen.append(n)
    assert seen == list(range(6)) and most <= 3
    assert all(not b for b in batches)
