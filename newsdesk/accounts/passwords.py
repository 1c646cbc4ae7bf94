"""Password policy and hashing: length, a shipped list of common passwords, scrypt cost."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD = 10
MAX_PASSWORD = 256
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords seen most often in public breaches, case-folded."""
    with COMMON_PASSWORDS_FILE.open(encoding="ascii") as lines:
        return frozenset(_fold(line.strip()) for line in lines if line.strip())


def password_problem(password: str, username: str = "") -> str | None:
    """Why this password is refused (a message in the user's language), or None."""
    if len(password) < MIN_PASSWORD:
        return _("A password needs at least %(n)d characters.", n=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        return _("A password may have at most %(n)d characters.", n=MAX_PASSWORD)
    folded = _fold(password)
    if folded in common_passwords() or folded.strip() in common_passwords():
        return _("This password is one of the most common ones; choose a less predictable one.")
    name = _fold(username.strip())
    if len(name) >= 3 and name in folded:
        return _("A password may not contain the username.")
    return None


def hash_password(password: str) -> str:
    """The salted scrypt hash at the configured cost (``PASSWORD_HASH_METHOD``)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def needs_rehash(password_hash: str) -> bool:
    """True when a stored hash was made with another method or cost than configured now."""
    return not password_hash.startswith(current_app.config["PASSWORD_HASH_METHOD"] + "$")


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not a password of anybody", method=method)


def burn_check(password: str) -> None:
    """Spend the time of one real check, so unknown usernames do not answer faster."""
    check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
