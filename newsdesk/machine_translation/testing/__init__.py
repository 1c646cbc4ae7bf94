"""Build tiny but real argos packages (EN<->RU) for tests and benchmarks.

A 2+2-layer Transformer (d_model 64) is trained with torch on :data:`TRAINING_PAIRS`
in both directions (a target-language token, honoured through ``target_prefix``),
written through CTranslate2's converter API, and zipped as two ``.argosmodel`` files.
It translates its training sentences exactly and nothing else well: it exists so the
real argostranslate/CTranslate2/SentencePiece path runs offline, in seconds.

Modules: :mod:`.corpus` (sentences, names), :mod:`.vocab` (SentencePiece, also used by
``bench/model.py``), :mod:`.training` (the torch model), :mod:`.packaging` (CTranslate2
model, exactness check, zip). Run ``python -m newsdesk.machine_translation.testing build DIR``.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from newsdesk.machine_translation.testing.corpus import (
    DIRECTIONS,
    LANGUAGES,
    PACKAGE_VERSION,
    TRAINING_PAIRS,
    lang_token,
    package_name,
)

__all__ = [
    "DIRECTIONS",
    "LANGUAGES",
    "PACKAGE_VERSION",
    "TRAINING_PAIRS",
    "build_packages",
    "cache_key",
    "cached_packages",
    "default_cache_dir",
    "lang_token",
    "main",
    "package_name",
]

log = logging.getLogger(__name__)
_SOURCES = Path(__file__).parent


def cache_key() -> str:
    """Hash of this package's source and the libraries that shape the model: a new key retrains."""
    import ctranslate2
    import sentencepiece
    import torch

    digest = hashlib.sha256()
    for path in sorted(_SOURCES.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for version in (ctranslate2.__version__, sentencepiece.__version__, torch.__version__):
        digest.update(version.encode())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$NEWSDESK_MODEL_CACHE`` or ``~/.cache/newsdesk/tiny-models``."""
    configured = os.environ.get("NEWSDESK_MODEL_CACHE")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "newsdesk" / "tiny-models"


def cached_packages(cache_dir: Path | None = None) -> dict[tuple[str, str], Path]:
    """Return the tiny packages by direction, training them once per cache key.

    Concurrent callers (parallel test runs) wait on a lock file instead of each training.
    """
    key = cache_key()
    root = (cache_dir or default_cache_dir()) / key
    files = {(s, t): root / f"{package_name(s, t)}.argosmodel" for s, t in DIRECTIONS}
    if all(path.is_file() for path in files.values()):
        return files
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f".{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if all(path.is_file() for path in files.values()):
            return files  # another process built it while we waited
        shutil.rmtree(root, ignore_errors=True)  # an incomplete entry (files deleted by hand)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root.parent))
        try:
            build_packages(staging)
            try:
                staging.rename(root)  # atomic, so readers never see half a cache entry
            except OSError:
                if not all(path.is_file() for path in files.values()):
                    raise  # not a builder outside the lock that won the race
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return files


def build_packages(out_dir: Path) -> dict[tuple[str, str], Path]:
    """Train the tiny model and write one ``.argosmodel`` per direction into ``out_dir``."""
    from newsdesk.machine_translation.testing.packaging import (
        check_exact,
        save_ctranslate2,
        zip_package,
    )
    from newsdesk.machine_translation.testing.training import tiny_sentencepiece, train_transformer

    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "sentencepiece.model").write_bytes(tiny_sentencepiece())
        vocab, weights = train_transformer(work / "sentencepiece.model")
        save_ctranslate2(vocab, weights, work / "model")
        check_exact(work)
        files = {
            (s, t): zip_package(work, s, t, out_dir / f"{package_name(s, t)}.argosmodel")
            for s, t in DIRECTIONS
        }
    log.info("built tiny argos packages in %.1f s", time.monotonic() - started)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: ``build DIR`` writes (or copies from the cache) both tiny packages into DIR."""
    parser = argparse.ArgumentParser(
        prog="python -m newsdesk.machine_translation.testing",
        description="Build tiny EN<->RU argos packages for tests and benchmarks.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write both .argosmodel files into DIR")
    build.add_argument("dir", type=Path, help="output directory (created if missing)")
    build.add_argument(
        "--no-cache", action="store_true", help="always train, ignoring the model cache"
    )
    build.add_argument(
        "--cache-dir", type=Path, help=f"cache root (default: {default_cache_dir()})"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if args.no_cache:
        files = build_packages(args.dir)
    else:
        args.dir.mkdir(parents=True, exist_ok=True)
        files = {}
        for direction, cached in cached_packages(args.cache_dir).items():
            files[direction] = Path(shutil.copy2(cached, args.dir / cached.name))
    for path in files.values():
        sys.stdout.write(f"{path}\n")
    return 0
