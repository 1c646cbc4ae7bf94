"""The contract between the MT pipeline and whatever engine produces translations.

The pipeline only ever talks to an :class:`Engine`; the argostranslate/CTranslate2
adapter in ``argos.py`` is one, fakes in the tests are others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Hypothesis:
    """One engine output: the translated text and its score (log-probability, higher is better)."""

    text: str
    score: float


@dataclass(frozen=True)
class Provenance:
    """Which model made a translation, stored beside every machine-translated sentence."""

    engine: str
    package: str
    version: str


class DirectionNotInstalled(LookupError):
    """No model is installed for the requested language direction."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"{source}->{target}")
        self.source = source
        self.target = target


class Engine(Protocol):
    """Translates a batch of plain sentences from one language into another."""

    source: str
    target: str

    @property
    def provenance(self) -> Provenance: ...

    def translate_batch(self, sentences: list[str]) -> list[Hypothesis]:
        """Translate every sentence; the result has the same length and order."""
        ...
