"""Error pages in the language of the page that failed."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    """Render every HTTP error (400/403/404/405/409/413/500 and the rarer 4xx) with the site
    or editor chrome, so no answer is Werkzeug's English-only default page."""
    for code in (400, 403, 404, 405, 409, 413, 500):
        app.register_error_handler(code, _handler)
    app.register_error_handler(HTTPException, _handler)


def _handler(error):
    code = getattr(error, "code", 500) or 500
    lang = request.path[1:3]
    headers = error.get_headers() if isinstance(error, HTTPException) else []
    allow = [(name, value) for name, value in headers if name == "Allow"]
    if lang in ("en", "ru") and request.path[3:4] in ("/", ""):
        g.lang = lang
        return render_template("site/error.html", code=code), code, allow
    return render_template("error.html", code=code), code, allow
