"""QA: recall of ``newsdesk qa check`` on injected errors and false alarms on clean pairs.

Every clean pair of ``tests/data/qa_pairs.py`` should pass ``check_articles`` without a
finding (one that does is a false alarm). Each of its injections makes one corrupted copy
of the translation with one error; the copy is caught when a finding that the clean pair
does not have carries the category's code. ``measure()`` needs an app context (the
checks' messages use Flask-Babel); ``python -m bench.qa_recall`` makes an app and prints
the table.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Result

RECALL_TARGET = 0.95
#: At most one false alarm in fifteen clean pairs.
FALSE_ALARMS_PER_PAIR = 1 / 15


@dataclass
class Figures:
    """What ``measure()`` found: per-category counts, the misses and the false alarms."""

    pairs: int = 0
    caught: Counter = field(default_factory=Counter)
    injected: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)
    false_alarms: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = sum(self.injected.values())
        return sum(self.caught.values()) / total if total else 0.0

    @property
    def allowed_false_alarms(self) -> int:
        return int(self.pairs * FALSE_ALARMS_PER_PAIR)

    @property
    def passed(self) -> bool:
        return self.recall >= RECALL_TARGET and len(self.false_alarms) <= (
            self.allowed_false_alarms
        )

    def summary(self) -> str:
        return (
            f"QA recall {100 * self.recall:.1f} % ({sum(self.caught.values())}/"
            f"{sum(self.injected.values())}), false alarms {len(self.false_alarms)}/{self.pairs}"
        )


def _describe(findings) -> list[str]:
    return [f"{f.severity} {f.code} #{f.segment}: {f.message}" for f in findings]


def corrupt(target: str, old: str, new: str) -> str:
    """The translation with ``old`` (which must occur exactly once) replaced by ``new``."""
    if target.count(old) != 1:
        raise ValueError(f"{old!r} occurs {target.count(old)} times in {target!r}")
    return target.replace(old, new)


def measure(pairs=None, glossary=None) -> Figures:
    """Run the QA on every clean pair and on every injected error (in an app context)."""
    from newsdesk.review.cli import check_articles
    from tests.data import qa_pairs

    pairs = qa_pairs.PAIRS if pairs is None else pairs
    glossary = qa_pairs.GLOSSARY if glossary is None else glossary
    figures = Figures(pairs=len(pairs))
    for pair in pairs:
        langs = (pair.source_lang, pair.target_lang)
        source = ("", "", pair.source)
        findings = check_articles(source, ("", "", pair.target), *langs, glossary)
        clean = {(f.code, f.message) for f in findings}
        if findings:
            figures.false_alarms.append((pair.name, _describe(findings)))
        for error in pair.errors:
            wrong = corrupt(pair.target, error.old, error.new)
            found = check_articles(source, ("", "", wrong), *langs, glossary)
            figures.injected[error.category] += 1
            # Caught: a finding of the category's code that the clean pair does not have.
            new = [f for f in found if (f.code, f.message) not in clean]
            if any(f.code in qa_pairs.EXPECTED[error.category] for f in new):
                figures.caught[error.category] += 1
            else:
                change = f"{error.old!r} → {error.new!r}"
                figures.misses.append((error.category, pair.name, change, _describe(found)))
    return figures


def table(figures: Figures) -> str:
    """Markdown: recall per category, then the misses and false alarms."""
    lines = ["| category | caught | recall |", "| --- | --- | --- |"]
    for category in sorted(figures.injected):
        caught, total = figures.caught[category], figures.injected[category]
        lines.append(f"| {category} | {caught}/{total} | {100 * caught / total:.0f} % |")
    lines += ["", figures.summary()]
    for category, name, change, found in figures.misses:
        said = "; ".join(found) or "nothing"
        lines.append(f"- miss: {category} in “{name}”: {change}; QA said: {said}")
    for name, found in figures.false_alarms:
        lines.append(f"- false alarm on “{name}”: {'; '.join(found)}")
    return "\n".join(lines)


def _app():
    from bench.appsetup import make_app

    return make_app(Path(tempfile.mkdtemp(prefix="newsdesk-qa-")) / "instance")


def run(reps: int = 1) -> list[Result]:
    """The bench rows: recall and false alarms (a count, so one repetition is enough)."""
    with _app().app_context():
        figures = measure()
    injected = sum(figures.injected.values())
    allowed = figures.allowed_false_alarms
    return [
        Result(
            "QA recall on injected errors",
            None,
            f">= {100 * RECALL_TARGET:.0f} %",
            figures.recall >= RECALL_TARGET,
            f"{100 * figures.recall:.1f} % ({sum(figures.caught.values())}/{injected})",
            1,
            "–",
            note=table(figures),
        ),
        Result(
            "QA false alarms on clean pairs",
            None,
            f"<= {allowed}/{figures.pairs}",
            len(figures.false_alarms) <= allowed,
            f"{len(figures.false_alarms)}/{figures.pairs}",
            1,
            "–",
        ),
    ]


def main() -> int:
    """Print the table; exit status 1 when a target is missed."""
    with _app().app_context():
        figures = measure()
    sys.stdout.write(table(figures) + "\n")
    return 0 if figures.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
