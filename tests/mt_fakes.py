"""Fake MT engines for the pipeline tests: they implement the Engine protocol and
misbehave in controlled, deterministic ways."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from newsdesk.machine_translation.engine import Hypothesis, Provenance
from newsdesk.machine_translation.locale_forms import find_forms
from newsdesk.machine_translation.mask import PLACEHOLDER_RE

_TO_CYRILLIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхийклмнопярстуввхызАБЦДЕФГХИЙКЛМНОПЯРСТУВВХЫЗ",
)
_TO_LATIN = str.maketrans(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "abvgdeejziiklmnoprstufhccss_y_euaABVGDEEJZIIKLMNOPRSTUFHCCSS_Y_EUA",
)


class FakeEngine:
    """Applies ``transform`` to each sentence and records every batch it was given."""

    def __init__(
        self,
        source: str = "en",
        target: str = "ru",
        transform: Callable[[str], str] | None = None,
        score: float = -0.3,
    ) -> None:
        self.source, self.target = source, target
        self.transform = transform or (lambda text: text)
        self.score = score
        self.calls: list[list[str]] = []

    @property
    def provenance(self) -> Provenance:
        return Provenance("fake", f"fake-{self.source}-{self.target}", "0")

    @property
    def sentences_seen(self) -> int:
        return sum(len(call) for call in self.calls)

    def translate_batch(self, sentences: list[str]) -> list[Hypothesis]:
        self.calls.append(list(sentences))
        return [Hypothesis(self.transform(text), self.score) for text in sentences]


def transliterate(text: str, target: str) -> str:
    """A 'translation' into the target script that leaves placeholders alone and copies
    numbers, dates and times with their signs and units as written, as real models
    mostly do (the pipeline converts them to the target's notation)."""
    table = _TO_CYRILLIC if target == "ru" else _TO_LATIN
    source = "en" if target == "ru" else "ru"
    keep = [m.span() for m in PLACEHOLDER_RE.finditer(text)]
    keep += [(form.start, form.end) for form in find_forms(text, source)]
    out, pos = [], 0
    for start, end in sorted(keep):
        if start < pos:
            continue
        out += [text[pos:start].translate(table), text[start:end]]
        pos = end
    out.append(text[pos:].translate(table))
    return "".join(out)


def drop_placeholders(text: str) -> str:
    return " ".join(PLACEHOLDER_RE.sub(" ", text).split())


def duplicate_placeholders(text: str) -> str:
    return PLACEHOLDER_RE.sub(lambda m: f"{m.group()} {m.group()}", text)


def reverse_placeholders(text: str) -> str:
    """Keep the words, but put the placeholders in reverse order (crossing markup)."""
    found = [m.group() for m in PLACEHOLDER_RE.finditer(text)]
    it = iter(reversed(found))
    return PLACEHOLDER_RE.sub(lambda m: next(it), text)


def mangle_placeholders(text: str) -> str:
    """What real models do to unknown tokens: case, inner spaces, a Cyrillic look-alike."""
    return PLACEHOLDER_RE.sub(lambda m: f"q Х{m.group(1)}", text)


def gibberish(text: str) -> str:
    """No placeholders survive; one is invented; words repeat."""
    return "бла бла QX99 тарабарщина"


def fake_package(app, source: str = "en", target: str = "ru") -> None:
    """Put a package folder with metadata.json where the app looks for models."""
    folder = os.path.join(app.config["ARGOS_PACKAGES_DIR"], f"translate-{source}_{target}-fake")
    os.makedirs(folder, exist_ok=True)
    meta = {
        "from_code": source,
        "to_code": target,
        "package_version": "1.0",
        "package_name": f"translate-{source}_{target}-fake",
        "type": "translate",
    }
    with open(os.path.join(folder, "metadata.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh)
