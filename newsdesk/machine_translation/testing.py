"""Build tiny but real argos packages (EN<->RU) for tests and benchmarks.

A 2+2-layer Transformer (d_model 64) is trained with torch on :data:`TRAINING_PAIRS`
in both directions (a target-language token, honoured through ``target_prefix``),
written through CTranslate2's converter API, and zipped as two ``.argosmodel`` files.
It translates its training sentences exactly and nothing else well: it exists so the
real argostranslate/CTranslate2/SentencePiece path runs offline, in seconds.

Run ``python -m newsdesk.machine_translation.testing build DIR``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_CORPUS = """
The university opened a new laboratory. | Университет открыл новую лабораторию.
The city council approved the budget. | Городской совет утвердил бюджет.
The mayor visited the new school. | Мэр посетил новую школу.
The museum will reopen in March. | Музей снова откроется в марте.
Prices rose by 5 percent. | Цены выросли на 5 процентов.
The train arrived two hours late. | Поезд прибыл с опозданием на два часа.
The government announced new rules. | Правительство объявило новые правила.
The bridge will be closed for repairs. | Мост закроют на ремонт.
Scientists discovered a new species of fish. | Учёные обнаружили новый вид рыбы.
The company hired 300 new workers. | Компания наняла 300 новых работников.
The library extended its opening hours. | Библиотека продлила часы работы.
The hospital received new equipment. | Больница получила новое оборудование.
Heavy rain flooded several streets. | Сильный дождь затопил несколько улиц.
The team won the national championship. | Команда выиграла национальный чемпионат.
The airport will open a second terminal in 2026. | Аэропорт откроет второй терминал в 2026 году.
The theatre presented a new play. | Театр представил новый спектакль.
The minister met with farmers. | Министр встретился с фермерами.
The election will take place on 12 October. | Выборы пройдут 12 октября.
Unemployment fell to 4 percent. | Безработица снизилась до 4 процентов.
The park will be renovated this summer. | Парк отремонтируют этим летом.
Police closed the road after the accident. | Полиция перекрыла дорогу после аварии.
The factory produced 1500 cars in May. | В мае завод выпустил 1500 автомобилей.
Students protested against higher fees. | Студенты протестовали против повышения платы.
The court postponed the hearing. | Суд отложил слушание.
The president signed the law. | Президент подписал закон.
The exhibition opens on Friday. | Выставка открывается в пятницу.
The river reached its highest level in 40 years. | Река достигла самого высокого уровня за 40 лет.
The bank lowered interest rates. | Банк снизил процентные ставки.
A new bus route will connect the two districts. | Новый автобусный маршрут соединит два района.
The orchestra gave a free concert. | Оркестр дал бесплатный концерт.
The school received 50 new computers. | Школа получила 50 новых компьютеров.
Firefighters rescued three people. | Пожарные спасли трёх человек.
The population of the city grew by 2 percent. | Население города выросло на 2 процента.
The conference will be held in Moscow. | Конференция пройдёт в Москве.
The weather will be sunny tomorrow. | Завтра будет солнечная погода.
The company reported record profits. | Компания сообщила о рекордной прибыли.
The new stadium can hold 45000 fans. | Новый стадион вмещает 45000 болельщиков.
The library received a rare manuscript. | Библиотека получила редкую рукопись.
Doctors warned about the flu season. | Врачи предупредили о сезоне гриппа.
The ministry published a report on education. | Министерство опубликовало доклад об образовании.
Tourists returned to the old town. | Туристы вернулись в старый город.
The university will admit 2000 students. | Университет примет 2000 студентов.
The strike ended after three days. | Забастовка закончилась через три дня.
The city planted 10000 trees. | Город посадил 10000 деревьев.
The ferry service resumed on Monday. | Паромное сообщение возобновилось в понедельник.
Volunteers cleaned the beach. | Волонтёры убрали пляж.
The bank kept its key rate at 7 percent. | Банк сохранил ключевую ставку на уровне 7 процентов.
"""
#: The corpus: (English, Russian) news-style sentences; the model learns exactly these.
TRAINING_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (en, ru) for en, ru in (line.split(" | ") for line in _CORPUS.strip().splitlines())
)

LANGUAGES = {"en": "English", "ru": "Russian"}
DIRECTIONS = (("en", "ru"), ("ru", "en"))
PACKAGE_VERSION = "0.1"
VOCAB_SIZE = 400  # one SentencePiece vocabulary shared by both languages and directions
D_MODEL, HEADS, FFN, LAYERS = 64, 4, 256, 2
STEPS, LEARNING_RATE, WARMUP, SEED = 300, 3e-3, 30, 1234
INT8_FROM = 0.5  # share of the steps trained in float before int8-aware training
# Relative noise on matrix products on every other int8-aware step. CTranslate2's int8
# GEMM differs by CPU: oneDNN's AVX2 kernel (its default on AMD) adds u8*s8 products
# pairwise into saturating int16, MKL and VNNI kernels do not. A model trained to
# shrug off this much noise decodes its training set exactly on all of them.
NOISE = 0.2
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: identical inputs give identical zips


def lang_token(lang: str) -> str:
    """The target-language token the decoder is forced to start with (``target_prefix``)."""
    return f"__{lang}__"


def package_name(source: str, target: str) -> str:
    """The argospm-style name of the tiny package for one direction."""
    return f"translate-{source}_{target}-tiny"


def cache_key() -> str:
    """Hash of this file and the libraries that shape the model: a new key retrains."""
    import ctranslate2
    import sentencepiece
    import torch

    digest = hashlib.sha256(Path(__file__).read_bytes())
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
    """Return the tiny packages by direction, training them once per cache key."""
    root = (cache_dir or default_cache_dir()) / cache_key()
    files = {(s, t): root / f"{package_name(s, t)}.argosmodel" for s, t in DIRECTIONS}
    if all(path.is_file() for path in files.values()):
        return files
    shutil.rmtree(root, ignore_errors=True)  # an incomplete entry (files deleted by hand)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root.parent))
    try:
        build_packages(staging)
        try:
            staging.rename(root)  # atomic, so readers never see half a cache entry
        except OSError:
            if not all(path.is_file() for path in files.values()):
                raise  # not a concurrent builder that won the race
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def build_packages(out_dir: Path) -> dict[tuple[str, str], Path]:
    """Train the tiny model and write one ``.argosmodel`` per direction into ``out_dir``."""
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sp_model = _train_sentencepiece()
        (work / "sentencepiece.model").write_bytes(sp_model)
        vocab, weights = _train_transformer(work / "sentencepiece.model")
        _save_ctranslate2(vocab, weights, work / "model")
        _check_exact(work)
        files = {
            (s, t): _zip_package(work, s, t, out_dir / f"{package_name(s, t)}.argosmodel")
            for s, t in DIRECTIONS
        }
    log.info("built tiny argos packages in %.1f s", time.monotonic() - started)
    return files


def _train_sentencepiece() -> bytes:
    """Train one shared EN+RU unigram vocabulary; single-threaded so it is deterministic."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([s for pair in TRAINING_PAIRS for s in pair]),
        model_writer=model,
        vocab_size=VOCAB_SIZE,
        hard_vocab_limit=False,
        character_coverage=1.0,
        user_defined_symbols=[lang_token(lang) for lang in LANGUAGES],
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=3,
        pad_piece="<pad>",
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _examples(sp: Any) -> list[tuple[list[int], list[int]]]:
    """Source ids and decoder ids (``<s> __lang__ tokens </s>``) for both directions."""
    examples = []
    for en, ru in TRAINING_PAIRS:
        for src, tgt, lang in ((en, ru, "ru"), (ru, en, "en")):
            if sp.decode(sp.encode(tgt)) != tgt:
                raise ValueError(f"SentencePiece does not round-trip {tgt!r}")
            prefix = [sp.piece_to_id("<s>"), sp.piece_to_id(lang_token(lang))]
            examples.append((sp.encode(src), prefix + sp.encode(tgt) + [sp.piece_to_id("</s>")]))
    return examples


def _sinusoids(length: int, depth: int) -> Any:
    """CTranslate2's built-in position encodings: [sin | cos] of positions 1..length."""
    import torch

    half = depth // 2
    inverse = torch.exp(torch.arange(half) * -(math.log(10000.0) / (half - 1)))
    scaled = torch.arange(1, length + 1).unsqueeze(1) * inverse.unsqueeze(0)
    return torch.cat([torch.sin(scaled), torch.cos(scaled)], dim=1)


def _tiny_transformer(vocab_size: int, pad: int) -> Any:
    """A pre-norm encoder-decoder whose parameters map one to one onto CTranslate2's spec.

    With ``model.int8 = True`` every matrix product sees weights and inputs rounded the
    way CTranslate2's int8 mode rounds them (per-row scales), so the exported int8 model
    decodes like the trained one (quantization-aware training, straight-through).
    """
    import torch
    from torch import nn
    from torch.nn.functional import linear, one_hot, relu, scaled_dot_product_attention

    def rows(x: Any) -> Any:
        """Per-row int8 rounding, as CTranslate2 quantizes weights and inputs."""
        scale = 127.0 / x.detach().abs().amax(dim=-1, keepdim=True).clamp_min(1e-8)
        return x + (torch.round(x * scale) / scale - x).detach()

    def int8_linear(x: Any, weight: Any, bias: Any) -> Any:
        if not model.int8:
            return linear(x, weight, bias)
        y = linear(rows(x), rows(weight), bias)
        if model.noise:
            y = y + model.noise * y.detach().abs() * torch.randn_like(y)
        return y

    class Linear(nn.Linear):
        def forward(self, x: Any) -> Any:
            return int8_linear(x, self.weight, self.bias)

    class Attention(nn.Module):
        def __init__(self, cross: bool) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(D_MODEL)
            if cross:
                self.q, self.kv = Linear(D_MODEL, D_MODEL), Linear(D_MODEL, 2 * D_MODEL)
            else:
                self.qkv = Linear(D_MODEL, 3 * D_MODEL)
            self.out = Linear(D_MODEL, D_MODEL)

        def forward(self, x: Any, mask: Any, memory: Any = None) -> Any:
            h = self.norm(x)
            if memory is None:
                q, k, v = self.qkv(h).chunk(3, dim=-1)
            else:
                q, (k, v) = self.q(h), self.kv(memory).chunk(2, dim=-1)
            heads = [t.unflatten(-1, (HEADS, -1)).transpose(1, 2) for t in (q, k, v)]
            attended = scaled_dot_product_attention(*heads, attn_mask=mask)
            return x + self.out(attended.transpose(1, 2).flatten(2))

    class FeedForward(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm = nn.LayerNorm(D_MODEL)
            self.inner, self.outer = Linear(D_MODEL, FFN), Linear(FFN, D_MODEL)

        def forward(self, x: Any) -> Any:
            return x + self.outer(relu(self.inner(self.norm(x))))

    class EncoderLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention, self.ffn = Attention(cross=False), FeedForward()

        def forward(self, x: Any, mask: Any) -> Any:
            return self.ffn(self.attention(x, mask))

    class DecoderLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention, self.cross = Attention(cross=False), Attention(cross=True)
            self.ffn = FeedForward()

        def forward(self, y: Any, memory: Any, causal: Any, memory_mask: Any) -> Any:
            y = self.attention(y, causal)
            return self.ffn(self.cross(y, memory_mask, memory))

    class TinyTransformer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.int8 = False
            self.noise = 0.0
            self.embeddings = nn.Embedding(vocab_size, D_MODEL)
            nn.init.normal_(self.embeddings.weight, std=D_MODEL**-0.5)
            self.encoder = nn.ModuleList(EncoderLayer() for _ in range(LAYERS))
            self.decoder = nn.ModuleList(DecoderLayer() for _ in range(LAYERS))
            self.encoder_norm, self.decoder_norm = nn.LayerNorm(D_MODEL), nn.LayerNorm(D_MODEL)

        def embed(self, ids: Any, positions: Any) -> Any:
            vectors = rows(self.embeddings.weight) if self.int8 else self.embeddings.weight
            vectors = one_hot(ids, vocab_size).to(vectors.dtype) @ vectors  # deterministic grad
            return vectors * math.sqrt(D_MODEL) + positions[: ids.shape[1]]

        def forward(self, src: Any, tgt: Any, positions: Any) -> Any:
            memory_mask = (src != pad)[:, None, None, :]
            x = self.embed(src, positions)
            for layer in self.encoder:
                x = layer(x, memory_mask)
            memory = self.encoder_norm(x)
            causal = torch.ones(tgt.shape[1], tgt.shape[1], dtype=torch.bool).tril()
            y = self.embed(tgt, positions)
            for layer in self.decoder:
                y = layer(y, memory, causal, memory_mask)
            return int8_linear(self.decoder_norm(y), self.embeddings.weight, None)

    model = TinyTransformer()
    return model


def _train_transformer(sp_path: Path) -> tuple[list[str], dict[str, Any]]:
    """Train the pre-norm Transformer on fixed-shape padded batches; return vocab, weights."""
    import numpy as np
    import sentencepiece as spm
    import torch

    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    examples = _examples(sp)
    pad = sp.piece_to_id("<pad>")
    src_len = max(len(s) for s, _ in examples)
    tgt_len = max(len(t) for _, t in examples) - 1
    src = torch.full((len(examples), src_len), pad)
    dec_in = torch.full((len(examples), tgt_len), pad)
    dec_out = torch.full((len(examples), tgt_len), -100)  # ignored by the loss
    for i, (s, t) in enumerate(examples):
        src[i, : len(s)] = torch.tensor(s)
        dec_in[i, : len(t) - 1] = torch.tensor(t[:-1])
        dec_out[i, 1 : len(t) - 1] = torch.tensor(t[2:])  # the forced prefix is not learned

    threads = torch.get_num_threads()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    try:
        model = _tiny_transformer(len(vocab), pad)
        positions = _sinusoids(max(src_len, tgt_len), D_MODEL)
        optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.98))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer,
            lambda step: min((step + 1) / WARMUP, 0.5 * (1 + math.cos(math.pi * step / STEPS))),
        )
        model.train()
        for step in range(STEPS):
            model.int8 = step >= STEPS * INT8_FROM
            model.noise = NOISE if model.int8 and step % 2 == 1 else 0.0
            logits = model(src, dec_in, positions)
            loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), dec_out)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            if step % 100 == 0 or step == STEPS - 1:
                log.info("step %d loss %.4f", step, loss.item())
    finally:
        torch.set_num_threads(threads)
    return vocab, {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def _save_ctranslate2(vocab: list[str], weights: dict[str, Any], model_dir: Path) -> None:
    """Map the torch weights one by one onto a CTranslate2 TransformerSpec and save it."""
    from ctranslate2.converters import Converter
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

    class _SpecConverter(Converter):
        def _load(self) -> TransformerSpec:
            return spec

    _SpecConverter().convert(str(model_dir), quantization="int8")


def _check_exact(work: Path) -> None:
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


def _zip_package(work: Path, source: str, target: str, dest: Path) -> Path:
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


if __name__ == "__main__":
    raise SystemExit(main())
