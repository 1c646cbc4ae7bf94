"""A SentencePiece vocabulary in the layout argos packages use (shared by tests and bench)."""

from __future__ import annotations

import io
from collections.abc import Iterable


def train_sentencepiece(
    sentences: Iterable[str], vocab_size: int, symbols: Iterable[str] = ()
) -> bytes:
    """Train one shared unigram model; returns the ``sentencepiece.model`` bytes.

    Ids as in OPUS-MT/argos models (0 ``<unk>``, 1 ``<s>``, 2 ``</s>``, 3 ``<pad>``);
    ``symbols`` (e.g. the target-language tokens) are never split. The vocabulary may
    end up smaller than ``vocab_size`` on little text; single-threaded, so it is
    deterministic.
    """
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(sentences)),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        user_defined_symbols=list(symbols),
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=3,
        pad_piece="<pad>",
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()
