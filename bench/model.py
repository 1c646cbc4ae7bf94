"""A transformer-base-shaped argos package with random weights, built once and cached.

Shape of the OPUS-MT/argos models: 6+6 layers, d_model 512, 8 heads, FFN 2048, a
~32k shared vocabulary, int8. The weights are random, so the translations are noise,
but every matrix product has its real size: throughput and memory are realistic.
SentencePiece is trained on the benchmark articles (it cannot reach 32k pieces on
that little text); the CTranslate2 vocabulary is padded to 32,000 entries so the
embedding and output projection have the real size.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from bench import articles

log = logging.getLogger(__name__)

LAYERS, D_MODEL, HEADS, FFN, VOCAB = 6, 512, 8, 2048, 32000
SP_VOCAB = 4000
SEED = 7
DIRECTIONS = (("en", "ru"), ("ru", "en"))
NAMES = {"en": "English", "ru": "Russian"}


def cache_key() -> str:
    """Hash of this file, the articles, the shared helpers and the libraries: a change rebuilds."""
    import ctranslate2
    import sentencepiece

    from newsdesk.machine_translation.testing import packaging, vocab

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for module in (articles, vocab, packaging):
        digest.update(Path(module.__file__).read_bytes())
    for version in (ctranslate2.__version__, sentencepiece.__version__):
        digest.update(version.encode())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    """``$NEWSDESK_BENCH_MODEL_CACHE`` or ``~/.cache/newsdesk/bench-models``."""
    configured = os.environ.get("NEWSDESK_BENCH_MODEL_CACHE")
    return Path(configured) if configured else Path.home() / ".cache/newsdesk/bench-models"


def cached_packages() -> dict[tuple[str, str], Path]:
    """The two .argosmodel files by direction, built on the first call per cache key."""
    root = cache_root() / cache_key()
    files = {(s, t): root / f"translate-{s}_{t}-base-random.argosmodel" for s, t in DIRECTIONS}
    if all(p.is_file() for p in files.values()):
        return files
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(root, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root.parent))
    try:
        _build(staging, {d: staging / p.name for d, p in files.items()})
        try:
            staging.rename(root)  # atomic: readers never see half a model
        except OSError:
            if not all(p.is_file() for p in files.values()):
                raise  # not a concurrent builder that won the race
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def _train_sentencepiece() -> bytes:
    """The benchmark articles' vocabulary, trained like the tiny model's (same helper)."""
    from newsdesk.machine_translation.testing.vocab import train_sentencepiece

    text = [s for lang in ("en", "ru") for s in articles.all_sentences(lang)]
    return train_sentencepiece(text, SP_VOCAB, ["__en__", "__ru__"])


def _vocabulary(sp_path: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pieces += [f"<extra_{i}>" for i in range(VOCAB - len(pieces))]
    return pieces


def _save_model(vocab: list[str], model_dir: Path) -> None:
    """Random weights on a CTranslate2 TransformerSpec, saved as the tiny model is."""
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    from newsdesk.machine_translation.testing.packaging import write_ctranslate2

    rng = np.random.default_rng(SEED)
    spec = TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)

    def mat(rows: int, cols: int) -> np.ndarray:
        return rng.normal(0, cols**-0.5, (rows, cols)).astype(np.float32)

    def linear(layer, rows: int, cols: int) -> None:
        layer.weight, layer.bias = mat(rows, cols), np.zeros(rows, np.float32)

    def norm(layer) -> None:
        layer.gamma, layer.beta = np.ones(D_MODEL, np.float32), np.zeros(D_MODEL, np.float32)

    def ffn(layer) -> None:
        norm(layer.layer_norm)
        linear(layer.linear_0, FFN, D_MODEL)
        linear(layer.linear_1, D_MODEL, FFN)

    embeddings = mat(len(vocab), D_MODEL)
    spec.encoder.embeddings[0].weight = embeddings
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        ffn(layer.ffn)
    spec.decoder.embeddings.weight = embeddings
    spec.decoder.projection.weight = embeddings
    norm(spec.decoder.layer_norm)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], D_MODEL, D_MODEL)
        linear(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)
        linear(layer.attention.linear[2], D_MODEL, D_MODEL)
        ffn(layer.ffn)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    write_ctranslate2(spec, model_dir)


def _build(work: Path, files: dict[tuple[str, str], Path]) -> None:
    log.info("building the transformer-base benchmark model (random weights)")
    sp_path = work / "sentencepiece.model"
    sp_path.write_bytes(_train_sentencepiece())
    model_dir = work / "model"
    _save_model(_vocabulary(sp_path), model_dir)
    for (source, target), dest in files.items():
        name = f"translate-{source}_{target}-base-random"
        metadata = {
            "package_name": name,
            "package_version": "0.1",
            "argos_version": "1.0",
            "from_code": source,
            "from_name": NAMES[source],
            "to_code": target,
            "to_name": NAMES[target],
            "type": "translate",
            "target_prefix": f"__{target}__",
        }
        top = f"{name}-0_1"
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(f"{top}/metadata.json", json.dumps(metadata))
            archive.writestr(f"{top}/sentencepiece.model", sp_path.read_bytes())
            for path in sorted(model_dir.iterdir()):
                archive.write(path, f"{top}/model/{path.name}")
