"""Error pages in the language of the page that failed."""

from __future__ import annotations

from flask import Flask, g, render_template, request


def init_app(app: Flask) -> None:
    """Render 400/403/404/413/500 with the site or editor chrome."""
    for code in (400, 403, 404, 409, 413, 500):
        app.register_error_handler(code, _handler)


def _handler(error):
    code = getattr(error, "code", 500) or 500
    lang = request.path[1:3]
    if lang in ("en", "ru") and request.path[3:4] in ("/", ""):
        g.lang = lang
        return render_template("site/error.html", code=code), code
    return render_template("error.html", code=code), code
