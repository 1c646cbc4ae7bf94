"""Train the tiny Transformer with torch on the corpus, int8-aware, deterministically."""

from __future__ import annotations

import logging
import math
import random
from pathlib import Path
from typing import Any

from newsdesk.machine_translation.testing.corpus import LANGUAGES, TRAINING_PAIRS, lang_token
from newsdesk.machine_translation.testing.vocab import train_sentencepiece

log = logging.getLogger(__name__)

VOCAB_SIZE = 400  # one SentencePiece vocabulary shared by both languages and directions
D_MODEL, HEADS, FFN, LAYERS = 64, 4, 256, 2
STEPS, LEARNING_RATE, WARMUP, SEED = 300, 3e-3, 30, 1234
INT8_FROM = 0.5  # share of the steps trained in float before int8-aware training
# Relative noise on matrix products on every other int8-aware step. CTranslate2's int8
# GEMM differs by CPU: oneDNN's AVX2 kernel (its default on AMD) adds u8*s8 products
# pairwise into saturating int16, MKL and VNNI kernels do not. A model trained to
# shrug off this much noise decodes its training set exactly on all of them.
NOISE = 0.2


def tiny_sentencepiece() -> bytes:
    """The shared EN+RU vocabulary of the corpus, with the target-language tokens."""
    return train_sentencepiece(
        [s for pair in TRAINING_PAIRS for s in pair],
        VOCAB_SIZE,
        [lang_token(lang) for lang in LANGUAGES],
    )


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


def train_transformer(sp_path: Path) -> tuple[list[str], dict[str, Any]]:
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
