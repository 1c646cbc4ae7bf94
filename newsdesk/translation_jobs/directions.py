"""Which MT directions (en→ru, ru→en) have a model installed, and how to install one."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Direction:
    source: str
    target: str
    installed: bool
    package: str = ""
    version: str = ""
    path: str = ""

    @property
    def install_commands(self) -> tuple[str, str]:
        """Offline and online ways to install this direction's model."""
        return (
            "newsdesk mt install FILE.argosmodel",
            f"newsdesk mt install --from-index {self.source} {self.target}",
        )


def directions() -> dict[tuple[str, str], Direction]:
    """Which of en→ru and ru→en have a model, read from the packages folder's metadata.

    Reading metadata.json directly keeps argostranslate (and torch) out of web requests.
    """
    found: dict[tuple[str, str], Direction] = {}
    root = Path(current_app.config["ARGOS_PACKAGES_DIR"])
    for meta_path in sorted(root.glob("*/metadata.json")) if root.is_dir() else []:
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("unreadable package metadata: %s", meta_path)
            continue
        pair = (meta.get("from_code"), meta.get("to_code"))
        if pair in (("en", "ru"), ("ru", "en")) and pair not in found:
            found[pair] = Direction(
                *pair,
                True,
                str(meta.get("package_name") or meta_path.parent.name),
                str(meta.get("package_version", "")),
                str(meta_path.parent),
            )
    for pair in (("en", "ru"), ("ru", "en")):
        found.setdefault(pair, Direction(*pair, False))
    return found


def missing_model_message(source: str, target: str) -> str:
    """What an editor or admin has to do when a direction has no model."""
    return _(
        "No %(source)s→%(target)s translation model is installed. An administrator can install "
        "one with “newsdesk mt install FILE.argosmodel” (offline) or “newsdesk mt install "
        "--from-index %(source)s %(target)s” (with network access).",
        source=source,
        target=target,
    )
