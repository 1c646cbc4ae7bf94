"""The accounts blueprint (/editor/login, /editor/account/..., /editor/admin/users...)."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/editor")
