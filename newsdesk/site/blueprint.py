"""The readers' blueprint (/, /en/..., /ru/...); pages, feeds and media register on it."""

from flask import Blueprint

from newsdesk.site import cache

bp = Blueprint("site", __name__)
bp.record_once(lambda state: cache.init_app(state.app))
bp.after_request(cache.mark_storable)
