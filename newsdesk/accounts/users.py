"""Service layer for user accounts."""

from __future__ import annotations

import secrets

from flask_babel import gettext as _
from sqlalchemy import func, select

from newsdesk import hygiene
from newsdesk.accounts import passwords, sessions
from newsdesk.extensions import db
from newsdesk.models import LANGS, Role, User

MIN_PASSWORD = passwords.MIN_PASSWORD


class UserError(Exception):
    """An account could not be created or changed as asked."""


class WrongPasswordError(UserError):
    """The current password given to confirm a change is wrong."""


def get_user(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def authenticate(username: str, password: str) -> User | None:
    """The user with these credentials, or None; old hashes are upgraded to the current cost."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        passwords.burn_check(password)  # unknown names must not answer faster
        return None
    if not user.check_password(password) or not user.active:
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        db.session.commit()
    return user


def username_problem(username: str) -> str | None:
    """Why this username is refused, or None."""
    if not username or len(username) > 64:
        return _("A username needs 1 to 64 characters.")
    if hygiene.text_problem(username) or any(not ch.isprintable() for ch in username):
        return _("A username may not contain control or invisible characters.")
    if hygiene.is_mixed_script(username):
        return _("A username may not mix Latin, Cyrillic or Greek letters.")
    return None


def create_user(username: str, password: str, role: Role | str, languages: str = "en,ru") -> User:
    """Create an account; passwords shorter than MIN_PASSWORD characters are refused."""
    username = hygiene.normalize(username.strip())
    problem = username_problem(username)
    if problem:
        raise UserError(problem)
    if db.session.scalar(select(User).where(User.username == username)):
        raise UserError(_("The username “%(name)s” is taken.", name=username))
    problem = passwords.password_problem(password, username)
    if problem:
        raise UserError(problem)
    user = User(username=username, role=Role(role), languages=_languages(languages))
    user.password_hash = passwords.hash_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def ensure_admin() -> str | None:
    """On an empty user table create ``admin`` and return its generated password, else None."""
    if db.session.scalar(select(func.count(User.id))):
        return None
    password = secrets.token_urlsafe(12)
    create_user("admin", password, Role.ADMIN)
    return password


def set_locale(user: User, locale: str | None) -> None:
    """Remember the UI language a user picked (None: follow the browser)."""
    user.locale = locale if locale in LANGS else None
    db.session.commit()


def find_user(username: str) -> User:
    """The account named ``username``; UserError when there is none."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise UserError(_("No account named “%(name)s”.", name=username))
    return user


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.username)))


def _set_password(user: User, password: str, keep_session: object = None) -> None:
    problem = passwords.password_problem(password, user.username)
    if problem:
        raise UserError(problem)
    user.password_hash = passwords.hash_password(password)
    # Whoever holds an old session (or a copy of its cookie) must log in with the new password.
    sessions.end_all_sessions(user, keep=keep_session, commit=False)
    db.session.commit()


def set_password(user: User, password: str) -> None:
    """Set ``user``'s password (a one-time link, an administrator): every session ends."""
    _set_password(user, password)


def change_password(username: str, password: str) -> None:
    """Set a new password (administrators, CLI), same rules as for new accounts; every
    session of the account ends."""
    _set_password(find_user(username), password)


def change_own_password(user: User, current: str, new: str, keep_session: object) -> None:
    """A user's own change: the current password is required; every other session ends."""
    if not user.check_password(current):
        raise WrongPasswordError(_("The current password is wrong."))
    if current == new:
        raise UserError(_("The new password must differ from the current one."))
    _set_password(user, new, keep_session)


def set_active(user: User, active: bool, by: User | None = None) -> None:
    """Deactivate (every session and API token stops working) or reactivate an account;
    nobody deactivates themselves, and the last active administrator stays."""
    if not active and by is not None and by.id == user.id:
        raise UserError(_("You cannot deactivate your own account."))
    if not active:
        _keep_an_admin(user)
    user.active = active
    if not active:
        sessions.end_all_sessions(user, commit=False)
    db.session.commit()


def _languages(languages: str) -> str:
    """``en``, ``ru`` or ``en,ru`` from what was typed or picked; UserError otherwise."""
    langs = [lang.strip() for lang in languages.split(",") if lang.strip()]
    if not langs or any(lang not in LANGS for lang in langs):
        raise UserError(_("Languages must be en, ru or en,ru."))
    return ",".join(sorted(set(langs)))


def _keep_an_admin(user: User) -> None:
    """Refuse to take away the last active administrator (nobody could manage accounts)."""
    if not (user.is_admin and user.active):
        return
    others = select(func.count(User.id)).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
    )
    if not db.session.scalar(others):
        raise UserError(
            _(
                "%(name)s is the last active administrator: make another account an "
                "administrator first.",
                name=user.username,
            )
        )


def unusable_password() -> str:
    """A long random password nobody is told: the account waits for a one-time link."""
    return secrets.token_urlsafe(32)


def update_account(user: User, role: Role | str, languages: str, by: User | None = None) -> None:
    """Change an account's role and translator languages; an administrator keeps their own
    role, and the last active administrator stays one."""
    if role not in set(Role):
        raise UserError(_("Choose a role."))
    role, langs = Role(role), _languages(languages)
    if user.is_admin and role != Role.ADMIN:
        if by is not None and by.id == user.id:
            raise UserError(_("You cannot remove your own administrator role."))
        _keep_an_admin(user)
    user.role, user.languages = role, langs
    db.session.commit()
