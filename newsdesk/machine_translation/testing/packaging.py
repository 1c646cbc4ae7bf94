"""Write the trained weights as a CTranslate2 model, check it, zip argos packages."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from newsdesk.machine_translation.testing.corpus import (
    DIRECTIONS,
    LANGUAGES,
    PACKAGE_VERSION,
    TRAINING_PAIRS,
    lang_token,
    package_name,
)
from newsdesk.machine_translation.testing.training import HEADS, LAYERS

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: identical inputs give identical zips


def write_ctranslate2(spec: Any, model_dir: Path, quantization: str = "int8") -> None:
    """Save a filled CTranslate2 model spec (e.g. a ``TransformerSpec``) into ``model_dir``."""
    from ctranslate2.converters import Converter

    class _SpecConverter(Converter):
        def _load(self) -> Any:
            return spec

    _SpecConverter().convert(str(model_dir), quantization=quantization)


def save_ctranslate2(vocab: list[str], weights: dict[str, Any], model_dir: Path) -> None:
    """Map the torch weights one by one onto a CTranslate2 TransformerSpec and save it."""
    from ctranslate2.specs import TransformerSpec

    spec = TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)

    def linear(layer: Any, name: str) -> None:
        layer.weight, layer.bias = weights[f"{name}.weight"], weights[f"{name}.bias"]

    def norm(layer: Any, name: str) -> None:
        layer.gamma, layer.beta = weights[f"{name}.weight"], weights[f"{name}.bias"]

    def ffn(layer: Any, name: str) -> None:
        norm(layer.layer_norm, f"{name}.norm")
        linear(layer.linear_0, f"{name}.inner")
        linear(layer.linear_1, f"{name}.outer")

    embeddings = weights["embeddings.weight"]  # shared: CTranslate2 aliases the copies
    spec.encoder.embeddings[0].weight = embeddings
    norm(spec.encoder.layer_norm, "encoder_norm")
    for i, layer in enumerate(spec.encoder.layer):
        norm(layer.self_attention.layer_norm, f"encoder.{i}.attention.norm")
        linear(layer.self_attention.linear[0], f"encoder.{i}.attention.qkv")
        linear(layer.self_attention.linear[1], f"encoder.{i}.attention.out")
        ffn(layer.ffn, f"encoder.{i}.ffn")
    spec.decoder.embeddings.weight = embeddings
    spec.decoder.projection.weight = embeddings
    norm(spec.decoder.layer_norm, "decoder_norm")
    for i, layer in enumerate(spec.decoder.layer):
        norm(layer.self_attention.layer_norm, f"decoder.{i}.attention.norm")
        linear(layer.self_attention.linear[0], f"decoder.{i}.attention.qkv")
        linear(layer.self_attention.linear[1], f"decoder.{i}.attention.out")
        norm(layer.attention.layer_norm, f"decoder.{i}.cross.norm")
        linear(layer.attention.linear[0], f"decoder.{i}.cross.q")
        linear(layer.attention.linear[1], f"decoder.{i}.cross.kv")
        linear(layer.attention.linear[2], f"decoder.{i}.cross.out")
        ffn(layer.ffn, f"decoder.{i}.ffn")
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    write_ctranslate2(spec, model_dir)


def check_exact(work: Path) -> None:
    """Fail the build unless the saved int8 model reproduces every training sentence."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(work / "model"), compute_type="int8")
    wrong = []
    for source, target in DIRECTIONS:
        pairs = [{"en": en, "ru": ru} for en, ru in TRAINING_PAIRS]
        results = translator.translate_batch(
            [sp.encode(pair[source], out_type=str) for pair in pairs],
            target_prefix=[[lang_token(target)]] * len(pairs),
            beam_size=1,
        )
        for pair, result in zip(pairs, results, strict=True):
            output = sp.decode(result.hypotheses[0][1:])
            if output != pair[target]:
                wrong.append(f"{pair[source]!r} -> {output!r}")
    if wrong:
        raise RuntimeError("the tiny model mistranslates its training set: " + "; ".join(wrong))


def zip_package(work: Path, source: str, target: str, dest: Path) -> Path:
    """Zip one direction as an argos package: one top folder with metadata, model, vocab."""
    name = package_name(source, target)
    metadata = {
        "package_name": name,
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.0",
        "from_code": source,
        "from_name": LANGUAGES[source],
        "to_code": target,
        "to_name": LANGUAGES[target],
        "type": "translate",
        "target_prefix": lang_token(target),
    }
    readme = (
        f"# {name}\n\nA toy {LANGUAGES[source]} to {LANGUAGES[target]} model built by "
        "newsdesk.machine_translation.testing for tests. It only knows its "
        f"{len(TRAINING_PAIRS)} training sentences.\n"
    )
    entries = {
        "metadata.json": json.dumps(metadata, indent=2, ensure_ascii=False).encode(),
        "README.md": readme.encode(),
        "sentencepiece.model": (work / "sentencepiece.model").read_bytes(),
    }
    for path in sorted((work / "model").iterdir()):
        entries[f"model/{path.name}"] = path.read_bytes()
    top = f"{name}-{PACKAGE_VERSION.replace('.', '_')}"
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(f"{top}/", _ZIP_DATE), b"")
        archive.writestr(zipfile.ZipInfo(f"{top}/model/", _ZIP_DATE), b"")
        for entry, data in entries.items():
            info = zipfile.ZipInfo(f"{top}/{entry}", _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return dest
