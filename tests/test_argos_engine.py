"""The real argostranslate/CTranslate2/SentencePiece path, on the tiny trained packages."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.machine_translation import argos
from newsdesk.machine_translation.argos_engine import EngineOptions
from newsdesk.machine_translation.engine import DirectionNotInstalled, Hypothesis, Provenance
from newsdesk.machine_translation.testing import TRAINING_PAIRS
from tests import mt_fixtures

# The fixtures this module uses (conftest.py may import them for every module instead).
argos_home = mt_fixtures.argos_home
argos_packages = mt_fixtures.argos_packages
block_network = mt_fixtures.block_network
empty_argos_packages = mt_fixtures.empty_argos_packages
tiny_argos_files = mt_fixtures.tiny_argos_files

PAIRS = [{"en": en, "ru": ru} for en, ru in TRAINING_PAIRS]


def test_install_lists_both_directions(argos_packages: Path) -> None:
    packages = argos.installed_packages()
    assert [(p.from_code, p.to_code, p.name, p.version, p.target_prefix) for p in packages] == [
        ("en", "ru", "translate-en_ru-tiny", "0.1", "__ru__"),
        ("ru", "en", "translate-ru_en-tiny", "0.1", "__en__"),
    ]
    for package in packages:
        assert package.path.parent == argos_packages.resolve()
        assert (package.path / "model" / "model.bin").is_file()


def test_installing_again_replaces_the_direction(argos_packages: Path, tiny_argos_files) -> None:
    first = argos.get_engine("en", "ru")
    again = argos.install_file(tiny_argos_files[("en", "ru")])
    assert [p.name for p in argos.installed_packages()].count(again.name) == 1
    assert argos.get_engine("en", "ru") is not first  # the reinstalled model is reloaded


@pytest.mark.parametrize(("source", "target"), [("en", "ru"), ("ru", "en")])
def test_translates_training_sentences_exactly(
    argos_packages: Path, source: str, target: str
) -> None:
    hypotheses = argos.get_engine(source, target).translate_batch([p[source] for p in PAIRS])
    assert [h.text for h in hypotheses] == [p[target] for p in PAIRS]


def test_batch_keeps_length_order_and_scores(argos_packages: Path) -> None:
    engine = argos.get_engine("ru", "en")
    picks = [5, 0, 5, 12, 30]
    sentences = [PAIRS[i]["ru"] for i in picks] + ["", "   "]
    hypotheses = engine.translate_batch(sentences)
    assert len(hypotheses) == len(sentences)
    assert [h.text for h in hypotheses[:5]] == [PAIRS[i]["en"] for i in picks]
    assert hypotheses[0] == hypotheses[2]
    assert all(isinstance(h.score, float) and -1.0 < h.score <= 0.0 for h in hypotheses[:5])
    assert hypotheses[5:] == [Hypothesis("", 0.0), Hypothesis("", 0.0)]
    assert engine.translate_batch([]) == []


def test_small_ctranslate2_batches_keep_order(argos_packages: Path) -> None:
    argos.configure(argos_packages, beam_size=1, max_batch_size=4)
    hypotheses = argos.get_engine("en", "ru").translate_batch([p["en"] for p in PAIRS])
    assert [h.text for h in hypotheses] == [p["ru"] for p in PAIRS]


@pytest.mark.parametrize(("inter", "intra"), [(1, 1), (2, 1), (1, 2)])
def test_every_thread_layout_translates_the_same(argos_packages: Path, inter, intra) -> None:
    """Two replicas in parallel (the default), one, or one on two threads: same output."""
    argos.configure(argos_packages, beam_size=1, inter_threads=inter, intra_threads=intra)
    engine = argos.get_engine("en", "ru")
    assert (engine.options.inter_threads, engine.options.intra_threads) == (inter, intra)
    translator, calls = engine._translator, []

    class Spy:
        def translate_batch(self, tokens, **options):
            calls.append((len(tokens), options["max_batch_size"]))
            return translator.translate_batch(tokens, **options)

    engine._translator = Spy()
    try:
        hypotheses = engine.translate_batch([p["en"] for p in PAIRS])
    finally:
        engine._translator = translator
    assert [h.text for h in hypotheses] == [p["ru"] for p in PAIRS]
    assert calls == [(len(PAIRS), min(32, -(-len(PAIRS) // inter)))]  # a part per replica


def test_each_call_is_split_evenly_over_the_replicas() -> None:
    two = EngineOptions(inter_threads=2, max_batch_size=32)
    assert [two.batch_size_for(n) for n in (1, 2, 3, 40, 64, 65, 200)] == [1, 1, 2, 20, 32, 32, 32]
    one = EngineOptions(inter_threads=1, max_batch_size=32)
    assert [one.batch_size_for(n) for n in (0, 1, 31, 40)] == [1, 1, 31, 32]


def test_engine_provenance_and_warm_cache(argos_packages: Path) -> None:
    engine = argos.get_engine("en", "ru")
    assert engine.provenance == Provenance(
        "argostranslate/ctranslate2", "translate-en_ru-tiny", "0.1"
    )
    assert (engine.source, engine.target) == ("en", "ru")
    argos.configure(argos_packages, beam_size=1)  # same settings: a no-op
    assert argos.get_engine("en", "ru") is engine
    argos.configure(argos_packages, beam_size=2)  # new decoding options: a new engine
    assert argos.get_engine("en", "ru") is not engine


def test_missing_direction_raises(argos_packages: Path) -> None:
    with pytest.raises(DirectionNotInstalled) as missing:
        argos.get_engine("en", "de")
    assert (missing.value.source, missing.value.target) == ("en", "de")


def test_remove(argos_packages: Path) -> None:
    argos.get_engine("en", "ru")  # warm: removal must drop it
    assert argos.remove("en", "ru") is True
    assert [(p.from_code, p.to_code) for p in argos.installed_packages()] == [("ru", "en")]
    assert [p.name for p in argos_packages.iterdir()] == ["translate-ru_en-tiny-0_1"]
    with pytest.raises(DirectionNotInstalled):
        argos.get_engine("en", "ru")
    assert argos.remove("en", "ru") is False
    assert argos.get_engine("ru", "en").translate_batch([PAIRS[1]["ru"]])[0].text == PAIRS[1]["en"]


def test_direction_status(empty_argos_packages: Path, tiny_argos_files) -> None:
    assert [(s.source, s.target, s.installed) for s in argos.direction_status()] == [
        ("en", "ru", False),
        ("ru", "en", False),
    ]
    argos.install_file(tiny_argos_files[("ru", "en")])
    en_ru, ru_en = argos.direction_status()
    assert (en_ru.installed, ru_en.installed) == (False, True)
    assert ru_en.package is not None and ru_en.package.name == "translate-ru_en-tiny"
    assert en_ru.install_commands == (
        "newsdesk mt install FILE.argosmodel",
        "newsdesk mt install --from-index en ru",
    )


def test_configure_switches_folders(argos_packages: Path, tmp_path: Path) -> None:
    argos.configure(tmp_path / "empty", beam_size=1)
    assert argos.installed_packages() == []
    with pytest.raises(DirectionNotInstalled):
        argos.get_engine("en", "ru")
    argos.configure(argos_packages, beam_size=1)
    assert len(argos.installed_packages()) == 2


def _rezip(source: Path, dest: Path, edit: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Path:
    """Copy a package file with its entries changed by ``edit``."""
    with zipfile.ZipFile(source) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(dest, "w") as archive:
        for name, data in edit(entries).items():
            archive.writestr(name, data)
    return dest


def _with_metadata(**changes: object) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    def edit(entries: dict[str, bytes]) -> dict[str, bytes]:
        name = next(n for n in entries if n.endswith("/metadata.json"))
        entries[name] = json.dumps({**json.loads(entries[name]), **changes}).encode()
        return entries

    return edit


def _without(part: str) -> Callable[[dict[str, bytes]], dict[str, bytes]]:
    return lambda entries: {n: d for n, d in entries.items() if part not in n}


BAD_FILES = {
    "no metadata.json": (_without("metadata.json"), "metadata.json is missing"),
    "type is not translate": (_with_metadata(type="sbd"), "type 'sbd'"),
    "no from_code": (_with_metadata(from_code=""), "no from_code"),
    "no model folder": (_without("/model/"), "model/model.bin is missing"),
    "no sentencepiece.model": (_without("sentencepiece"), "sentencepiece.model is missing"),
    "two top folders": (
        lambda entries: {**entries, "other/README.md": b"hi"},
        "exactly one top-level folder",
    ),
    "metadata not JSON": (
        lambda entries: {**entries, next(n for n in entries if "metadata" in n): b"{"},
        "not valid JSON",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_package_files_are_refused(
    argos_packages: Path, tiny_argos_files, tmp_path: Path, case: str
) -> None:
    edit, message = BAD_FILES[case]
    bad = _rezip(tiny_argos_files[("en", "ru")], tmp_path / "bad.argosmodel", edit)
    with pytest.raises(argos.ModelFileError, match=message):
        argos.install_file(bad)
    assert len(argos.installed_packages()) == 2  # nothing removed, nothing half-installed


def test_non_zip_and_missing_files_are_refused(argos_packages: Path, tmp_path: Path) -> None:
    page = tmp_path / "download.argosmodel"
    page.write_text("<html>Not Found</html>")
    with pytest.raises(argos.ModelFileError, match="not a zip archive"):
        argos.install_file(page)
    with pytest.raises(argos.ModelFileError, match="no such file"):
        argos.install_file(tmp_path / "missing.argosmodel")


def test_install_and_translate_without_network(
    empty_argos_packages: Path, tiny_argos_files, block_network: list
) -> None:
    for path in tiny_argos_files.values():
        argos.install_file(path)
    for source, target in [("en", "ru"), ("ru", "en")]:
        hypotheses = argos.get_engine(source, target).translate_batch([PAIRS[3][source]])
        assert hypotheses[0].text == PAIRS[3][target]
    assert block_network == []  # nothing even tried to connect


def test_install_from_index_offline_says_what_to_do(
    argos_packages: Path, block_network: list
) -> None:
    with pytest.raises(argos.IndexUnavailable, match="newsdesk mt install FILE.argosmodel"):
        argos.install_from_index("en", "de")
    assert block_network  # it did try, and was refused


def test_builder_cli_copies_cached_packages(tiny_argos_files, tmp_path: Path) -> None:
    module = "newsdesk.machine_translation.testing"
    shown = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in shown.stdout
    cache_root = next(iter(tiny_argos_files.values())).parent.parent
    built = subprocess.run(
        [sys.executable, "-m", module, "build", str(tmp_path), "--cache-dir", str(cache_root)],
        capture_output=True,
        text=True,
        check=True,
    )
    paths = [Path(line) for line in built.stdout.splitlines()]
    assert sorted(p.name for p in paths) == [
        "translate-en_ru-tiny.argosmodel",
        "translate-ru_en-tiny.argosmodel",
    ]
    by_name = {path.name: path for path in tiny_argos_files.values()}
    for path in paths:
        assert path.read_bytes() == by_name[path.name].read_bytes()
