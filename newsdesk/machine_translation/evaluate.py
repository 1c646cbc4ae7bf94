"""Score a model on reference translations, with and without newsdesk's pipeline.

An office evaluates on its own published pairs (or any folder of source/reference
files): each source document is translated twice with the same engine and decoding
settings,

- ``raw``: every sentence sent to the engine as it is (what plain argostranslate does
  with a sentence), put back into the document's block structure;
- ``newsdesk``: through :func:`.pipeline.translate_document` (numbers, markup, links and
  glossary terms checked and mended),

and both are scored against the references with sacrebleu's chrF and BLEU (corpus-level,
each document one segment) and by exact matches. The same numbers compare two models or
two settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sacrebleu

from newsdesk.machine_translation.blocks import parse_blocks
from newsdesk.machine_translation.engine import Engine
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens
from newsdesk.machine_translation.pipeline import normalize_sentence, translate_document
from newsdesk.machine_translation.segment import sentence_spans

SYSTEMS = ("raw", "newsdesk")


@dataclass(frozen=True)
class Pair:
    """A source document and its human reference translation."""

    name: str
    source: str
    reference: str


@dataclass(frozen=True)
class Score:
    system: str
    chrf: float
    bleu: float
    exact: int  # documents translated exactly as the reference (whitespace aside)
    documents: int


@dataclass
class Evaluation:
    source: str
    target: str
    scores: list[Score] = field(default_factory=list)
    outputs: dict[str, list[str]] = field(default_factory=dict)  # per system, per pair

    def score(self, system: str) -> Score:
        """The score of ``raw`` or ``newsdesk``."""
        return next(score for score in self.scores if score.system == system)


def raw_translation(text: str, source: str, target: str, engine: Engine) -> str:
    """Each sentence of each block sent to the engine as written, in the block skeleton."""
    document = parse_blocks(text)
    blocks: list[list[str]] = []
    for block in document.blocks:
        tokens = find_tokens(block.text, source, target)
        spans = sentence_spans(block.text, source, [(t.start, t.end) for t in tokens])
        blocks.append([" ".join(block.text[a:b].split()) for a, b in spans])
    flat = [sentence for sentences in blocks for sentence in sentences]
    outputs = iter(h.text.strip() for h in engine.translate_batch(flat)) if flat else iter(())
    return document.render([" ".join(next(outputs) for _s in sentences) for sentences in blocks])


def evaluate(
    pairs: Sequence[Pair],
    *,
    source: str,
    target: str,
    engine: Engine,
    glossary: Sequence[GlossaryTerm] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Translate every pair's source both ways and score both against the references."""
    result = Evaluation(source, target, outputs={name: [] for name in SYSTEMS})
    for done, pair in enumerate(pairs, start=1):
        result.outputs["raw"].append(raw_translation(pair.source, source, target, engine))
        translated = translate_document(
            title="",
            lead="",
            body=pair.source,
            source=source,
            target=target,
            engine=engine,
            glossary=glossary,
        )
        result.outputs["newsdesk"].append(translated.body)
        if progress is not None:
            progress(done, len(pairs))
    references = [pair.reference for pair in pairs]
    tokenize = "13a" if target == "en" else "intl"
    for system in SYSTEMS:
        hypotheses = result.outputs[system]
        chrf = sacrebleu.corpus_chrf(hypotheses, [references]).score if pairs else 0.0
        bleu = (
            sacrebleu.corpus_bleu(hypotheses, [references], tokenize=tokenize).score
            if pairs
            else 0.0
        )
        exact = sum(
            normalize_sentence(h) == normalize_sentence(r)
            for h, r in zip(hypotheses, references, strict=True)
        )
        result.scores.append(Score(system, chrf, bleu, exact, len(pairs)))
    return result
