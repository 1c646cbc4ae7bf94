"""huey's consumer for ``wsgi.huey``, with a probe on the MT engine
(tests only).

    python -m tests.mt_worker_probe [huey_consumer options]

It runs huey's own ``huey_consumer`` entry point after wrapping the engine that
``service.load_engine`` returns, so a test can see what each worker process translated:

- ``NEWSDESK_PROBE_LOG``: every sentence the engine translated is appended as
  ``pid<TAB>sentence`` (after the engine returned it); ``READY pid`` once the worker's
  start-up hooks (the product's recovery step first) have run.
- ``NEWSDESK_PROBE_HOLD_AFTER=N``: after N engine calls, append ``HELD pid`` and block in
  the next call for ever, so the test can act (and kill the worker) at a known point.
"""

from __future__ import annotations

import os
import sys
import threading


def _append(line: str) -> None:
    # One write() on an O_APPEND file: lines from several processes never interleave.
    fd = os.open(os.environ["NEWSDESK_PROBE_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


class ProbeEngine:
    """Passes batches to the real engine and records each translated sentence."""

    def __init__(self, engine, hold_after: int | None) -> None:
        self.engine = engine
        self.source, self.target = engine.source, engine.target
        self.hold_after = hold_after

    @property
    def provenance(self):
        return self.engine.provenance

    def translate_batch(self, sentences):
        global _calls
        with _lock:
            if self.hold_after is not None and _calls >= self.hold_after:
                _append(f"HELD {os.getpid()}")
                threading.Event().wait()  # until SIGKILL
            _calls += 1
        out = self.engine.translate_batch(sentences)
        for sentence in sentences:
            _append(f"{os.getpid()}\t{sentence}")
        return out


_calls = 0
_lock = threading.Lock()


def main() -> None:
    from huey.bin.huey_consumer import consumer_main

    from newsdesk.translation_jobs import queue as jobs
    from newsdesk.translation_jobs import service

    hold = os.environ.get("NEWSDESK_PROBE_HOLD_AFTER")
    real_load = service.load_engine

    def load_engine(source: str, target: str):
        return ProbeEngine(real_load(source, target), int(hold) if hold else None)

    service.load_engine = load_engine

    @jobs.huey.on_startup()
    def probe_ready() -> None:
        _append(f"READY {os.getpid()}")

    sys.argv = ["huey_consumer", "wsgi.huey", *sys.argv[1:]]
    consumer_main()


if __name__ == "__main__":
    main()
