"""Argos Translate packages: configure, install, list, remove, and the warm engine per direction.

The only module that imports argostranslate, and only inside functions: at import,
``argostranslate.settings`` reads ``ARGOS_PACKAGES_DIR``/``$HOME``/``XDG_*`` once and
creates its data, config and cache folders. :func:`configure` sets the environment
before that first import and, after it, re-points ``settings.package_data_dir`` and
``settings.package_dirs`` (plain module attributes that argostranslate reads at call
time), so switching folders works in a running process. Translation itself runs in
:mod:`.argos_engine` on the package files, not through argostranslate.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import threading
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from newsdesk.machine_translation.argos_engine import ArgosEngine, EngineOptions, InstalledPackage
from newsdesk.machine_translation.engine import DirectionNotInstalled

log = logging.getLogger(__name__)

DIRECTIONS = (("en", "ru"), ("ru", "en"))
OFFLINE_INSTALL = "newsdesk mt install FILE.argosmodel"
# A package unpacks to a few hundred MB; model weights hardly compress. Past these bounds
# the file is refused before anything is unpacked (or uninstalled): a zip bomb, not a model.
MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_COMPRESSION_RATIO = 50


class ModelFileError(ValueError):
    """A package file (or an installed package) is not a usable argos translate package."""


class IndexUnavailable(RuntimeError):
    """The online Argos package index could not be reached or lacks the direction."""


@dataclass(frozen=True)
class DirectionStatus:
    """Whether a direction has a model, and the commands that install one."""

    source: str
    target: str
    package: InstalledPackage | None

    @property
    def installed(self) -> bool:
        """True when a package for this direction is installed."""
        return self.package is not None

    @property
    def install_commands(self) -> tuple[str, str]:
        """The offline and the online command that install this direction."""
        return OFFLINE_INSTALL, f"newsdesk mt install --from-index {self.source} {self.target}"


@dataclass(frozen=True)
class _Config:
    packages_dir: Path
    options: EngineOptions


_config: _Config | None = None
_lock = threading.RLock()
_engines: dict[tuple[str, str], tuple[ArgosEngine, int]] = {}


def configure(
    packages_dir: Path,
    *,
    beam_size: int = EngineOptions.beam_size,
    inter_threads: int = EngineOptions.inter_threads,
    intra_threads: int = EngineOptions.intra_threads,
    compute_type: str = EngineOptions.compute_type,
    max_batch_size: int = EngineOptions.max_batch_size,
) -> None:
    """Set the packages folder and decoding options (defaults: see EngineOptions); idempotent."""
    global _config
    options = EngineOptions(beam_size, inter_threads, intra_threads, compute_type, max_batch_size)
    config = _Config(Path(packages_dir).resolve(), options)
    with _lock:
        if config == _config:
            return
        config.packages_dir.mkdir(parents=True, exist_ok=True)
        os.environ["ARGOS_PACKAGES_DIR"] = str(config.packages_dir)
        settings = sys.modules.get("argostranslate.settings")
        if settings is not None:
            _point_argos_at(settings, config.packages_dir)
        _engines.clear()
        _config = config
    log.info("argos packages folder: %s", config.packages_dir)


def _point_argos_at(settings: Any, packages_dir: Path) -> None:
    """Re-point an already imported argostranslate at another packages folder."""
    if settings.package_dirs == [packages_dir] and settings.package_data_dir == packages_dir:
        return
    settings.package_data_dir = packages_dir
    settings.package_dirs = [packages_dir]  # drops snap-bundled folders, which we don't use
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def _require_config() -> _Config:
    if _config is None:
        raise RuntimeError("call machine_translation.argos.configure(packages_dir) first")
    return _config


def _argos_package() -> Any:
    """Import ``argostranslate.package`` (first call: settings read, folders created)."""
    config = _require_config()
    import argostranslate.package
    import argostranslate.settings

    config.packages_dir.mkdir(parents=True, exist_ok=True)  # argostranslate lists it
    _point_argos_at(argostranslate.settings, config.packages_dir)
    return argostranslate.package


def _describe(pkg: Any) -> InstalledPackage:
    """Our record of an argostranslate ``Package`` (metadata.json read once more for names)."""
    metadata = json.loads((Path(pkg.package_path) / "metadata.json").read_text("utf-8"))
    return InstalledPackage(
        from_code=pkg.from_code,
        to_code=pkg.to_code,
        name=str(metadata.get("package_name") or f"translate-{pkg.from_code}_{pkg.to_code}"),
        version=str(pkg.package_version),
        path=Path(pkg.package_path),
        target_prefix=pkg.target_prefix,
    )


def _installed(
    source: str | None = None, target: str | None = None
) -> list[tuple[Any, InstalledPackage]]:
    """(argostranslate Package, InstalledPackage) for installed translate packages."""
    package = _argos_package()
    try:
        found = package.get_installed_packages()
    except FileNotFoundError as exc:
        raise ModelFileError(
            f"{exc}. Every folder in {_require_config().packages_dir} must be an installed "
            "package: remove that folder, then install the package again."
        ) from exc
    pairs = [(p, _describe(p)) for p in found if p.type == "translate"]
    return [
        (p, d) for p, d in pairs if source in (None, d.from_code) and target in (None, d.to_code)
    ]


def installed_packages() -> list[InstalledPackage]:
    """Every installed translate package, sorted by direction then name."""
    return sorted((d for _, d in _installed()), key=lambda d: (d.from_code, d.to_code, d.name))


def direction_status() -> list[DirectionStatus]:
    """en->ru and ru->en: installed or not, and how to install each."""
    packages = {(d.from_code, d.to_code): d for d in installed_packages()}
    return [DirectionStatus(s, t, packages.get((s, t))) for s, t in DIRECTIONS]


def check_file(path: Path) -> dict[str, Any]:
    """The package's metadata after the checks ``install_file`` makes; ModelFileError if bad."""
    return _check_file(Path(path))[1]


def _check_file(path: Path) -> tuple[str, dict[str, Any]]:
    """Return the package's top folder and metadata, or raise ModelFileError saying why not."""
    if not path.is_file():
        raise ModelFileError(f"{path}: no such file. Give the path of a .argosmodel file.")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(
            f"{path} is not a zip archive, so it is not an .argosmodel package (a failed "
            "or partial download?). Download the package again."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            parts = [PurePosixPath(name).parts for name in names]
            tops = sorted({p[0] for p in parts if p})
            if any(name.startswith("/") or ".." in p for name, p in zip(names, parts, strict=True)):
                raise ModelFileError(f"{path} has entries outside its folder; refusing it.")
            if len(tops) != 1 or all(len(p) == 1 for p in parts):
                raise ModelFileError(
                    f"{path} must hold exactly one top-level folder (found: "
                    f"{', '.join(tops) or 'nothing'}); it is not an argos package."
                )
            top = tops[0]
            try:
                raw = archive.read(f"{top}/metadata.json")
            except KeyError:
                raise ModelFileError(
                    f"{path}: {top}/metadata.json is missing, so this is not an argos "
                    "translate package. Download the package again."
                ) from None
            has = set(names)
            _check_contents(path, archive)
    except zipfile.BadZipFile as exc:
        raise ModelFileError(
            f"{path} is a damaged zip archive ({exc}). Download it again."
        ) from exc
    try:
        metadata = json.loads(raw)
    except ValueError as exc:
        raise ModelFileError(f"{path}: {top}/metadata.json is not valid JSON ({exc}).") from None
    if not isinstance(metadata, dict):
        raise ModelFileError(f"{path}: {top}/metadata.json must be a JSON object.")
    kind = metadata.get("type", "translate")  # argostranslate's own default
    if kind != "translate":
        raise ModelFileError(
            f"{path}: metadata.json has type {kind!r}; only 'translate' packages can be "
            "installed (newsdesk does its own sentence splitting)."
        )
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise ModelFileError(f'{path}: metadata.json has no {key} (e.g. "en").')
    if f"{top}/model/model.bin" not in has:
        raise ModelFileError(
            f"{path}: {top}/model/model.bin is missing: the package has no CTranslate2 "
            "model folder. Download the package again."
        )
    if f"{top}/sentencepiece.model" not in has:
        raise ModelFileError(
            f"{path}: {top}/sentencepiece.model is missing; newsdesk runs only "
            "SentencePiece packages (older BPE packages are not supported)."
        )
    return top, metadata


def _check_contents(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb by its declared sizes, then a damaged file by its checksums (reading
    every entry once), so that installing cannot fail halfway after the old package is gone."""
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ModelFileError(
            f"{path} would unpack to {unpacked / 1024**3:.1f} GB, more than the "
            f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GB any translation model needs; refusing it."
        )
    ratio = unpacked / max(packed, 1)
    if unpacked > 10 * 1024**2 and ratio > MAX_COMPRESSION_RATIO:
        raise ModelFileError(
            f"{path} unpacks to {ratio:.0f} times its size; model files do not compress like "
            "that, so this is not an argos package (a zip bomb?). Refusing it."
        )
    try:
        damaged = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise ModelFileError(f"{path} is damaged ({exc}). Download it again.") from None
    if damaged is not None:
        raise ModelFileError(
            f"{path}: {damaged} is damaged (its checksum does not match). Download it again."
        )


def install_file(path: Path) -> InstalledPackage:
    """Check an .argosmodel file, then install it, replacing that direction's old package."""
    path = Path(path)
    top, metadata = _check_file(path)
    source, target = metadata["from_code"], metadata["to_code"]
    package = _argos_package()
    for old, described in _installed(source, target):
        log.info("replacing %s %s", described.name, described.version)
        package.uninstall(old)
    destination = _require_config().packages_dir / top
    if destination.exists():
        shutil.rmtree(destination)  # a stray folder of that name: do not merge into it
    package.install_from_path(path)
    with _lock:
        _engines.pop((source, target), None)
    installed = _describe(package.Package(destination))
    log.info("installed %s %s from %s", installed.name, installed.version, path)
    return installed


def install_from_index(from_code: str, to_code: str) -> InstalledPackage:
    """Download and install translate-{from}_{to} from the Argos index (needs network)."""
    package = _argos_package()
    import argostranslate.settings as settings

    index = Path(settings.local_package_index)
    before = index.stat().st_mtime_ns if index.exists() else None
    package.update_package_index()  # logs and swallows network errors
    if not index.exists() or index.stat().st_mtime_ns == before:
        raise IndexUnavailable(
            f"Could not download the Argos package index ({settings.remote_package_index}): "
            f"no network? Offline, copy a package file here and run: {OFFLINE_INSTALL}"
        )
    candidates = [
        p
        for p in package.get_available_packages()
        if p.type == "translate" and (p.from_code, p.to_code) == (from_code, to_code)
    ]
    if not candidates:
        raise IndexUnavailable(f"The Argos index has no {from_code}->{to_code} package.")
    chosen = candidates[0]
    try:
        download = chosen.download()
    except Exception as exc:  # argostranslate raises bare Exception on failed downloads
        raise IndexUnavailable(f"Downloading {chosen} failed: {exc}") from exc
    try:
        return install_file(download)
    finally:
        download.unlink(missing_ok=True)


def remove(from_code: str, to_code: str) -> bool:
    """Uninstall the direction's package(s); False when none was installed."""
    found = _installed(from_code, to_code)
    package = _argos_package()
    for old, described in found:
        package.uninstall(old)
        log.info("removed %s %s", described.name, described.version)
    with _lock:
        _engines.pop((from_code, to_code), None)
    return bool(found)


def get_engine(source: str, target: str) -> ArgosEngine:
    """The loaded engine for a direction, reused across calls while its package is unchanged."""
    config = _require_config()
    with _lock:
        cached = _engines.get((source, target))
        if cached is not None and _stamp(cached[0].package) == cached[1]:
            return cached[0]
        found = [d for _, d in _installed(source, target)]
        if not found:
            _engines.pop((source, target), None)
            raise DirectionNotInstalled(source, target)
        if len(found) > 1:
            log.warning("several %s->%s packages; using %s", source, target, found[0].path)
        engine = ArgosEngine(found[0], config.options)
        _engines[(source, target)] = (engine, _stamp(found[0]))
        return engine


def _stamp(package: InstalledPackage) -> int:
    """Changes when the package is removed or replaced by another process (e.g. the CLI)."""
    try:
        return (package.path / "metadata.json").stat().st_mtime_ns
    except FileNotFoundError:
        return -1
