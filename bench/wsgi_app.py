"""gunicorn entry for M3: newsdesk on a bench instance, plus /_static/ plain files and the
same app without its page cache under /_nocache/.

Both run in the same gunicorn workers, so the static baseline has the same server setup.
``NEWSDESK_BENCH_INSTANCE`` names the instance folder, ``NEWSDESK_BENCH_STATIC`` the files.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from newsdesk import create_app

_instance = Path(os.environ["NEWSDESK_BENCH_INSTANCE"])
_config = {
    "SECRET_KEY": "bench",
    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{_instance / 'newsdesk.sqlite'}",
    "ARGOS_PACKAGES_DIR": str(_instance / "argos-packages"),
}
site = create_app(_config, instance_path=_instance)  # as deployed: page cache on
uncached = create_app({**_config, "PAGE_CACHE": False}, instance_path=_instance)
static = Flask(
    "bench_static", static_folder=os.environ["NEWSDESK_BENCH_STATIC"], static_url_path=""
)
app = DispatcherMiddleware(site, {"/_static": static, "/_nocache": uncached})
