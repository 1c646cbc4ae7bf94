"""Fixtures for the real MT path: tiny argos packages and an isolated argostranslate.

Import them where they are needed (``from tests.mt_fixtures import ...``), or into
conftest.py for every test module.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsdesk.machine_translation import testing as tiny

__all__ = [
    "argos_home",
    "argos_packages",
    "block_network",
    "empty_argos_packages",
    "tiny_argos_files",
]


@pytest.fixture(scope="session")
def tiny_argos_files() -> dict[tuple[str, str], Path]:
    """The tiny en->ru and ru->en .argosmodel files; trained once per cache key (~1-2 min)."""
    return tiny.cached_packages()


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Import argostranslate with HOME and XDG_* in a temp folder, so its folders land there.

    argostranslate and what its translate module pulls in (stanza, spaCy, MiniSBD,
    onnxruntime) compute their folders at import; install and uninstall import
    ``argostranslate.translate``, so it is imported here too, once per session. This
    must run before anything else imports argostranslate.
    """
    home = tmp_path_factory.mktemp("argos-home")
    env = {
        "HOME": home,
        "XDG_DATA_HOME": home / "data",
        "XDG_CACHE_HOME": home / "cache",
        "XDG_CONFIG_HOME": home / "config",
        "ARGOS_PACKAGES_DIR": home / "packages",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, str(value))
        import argostranslate.package
        import argostranslate.settings
        import argostranslate.translate  # noqa: F401

    return home


@pytest.fixture
def empty_argos_packages(argos_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """argos configured on a fresh, empty packages folder; beam 1 (greedy)."""
    from newsdesk.machine_translation import argos

    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))  # configure() sets it; undo after
    argos.configure(packages, beam_size=1)
    return packages


@pytest.fixture
def argos_packages(
    empty_argos_packages: Path, tiny_argos_files: dict[tuple[str, str], Path]
) -> Path:
    """A fresh packages folder with both tiny packages installed through install_file."""
    from newsdesk.machine_translation import argos

    for path in tiny_argos_files.values():
        argos.install_file(path)
    return empty_argos_packages


@pytest.fixture
def block_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Make every attempt to resolve a host or open a connection fail; returns the attempts."""
    attempts: list[tuple] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
