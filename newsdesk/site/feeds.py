"""What machines read: Atom feeds per language, the sitemap and robots.txt (built by
``site/feed_xml.py``)."""

from __future__ import annotations

import hashlib

from flask import Response, g, render_template, request, url_for

from newsdesk.models import LANGS, utcnow
from newsdesk.site import feed_xml
from newsdesk.site.http import conditional, feed_mimetype
from newsdesk.site.views import LANG, bp


@bp.route(f"/{LANG}/feed.xml")
def show_feed():
    """Atom feed of the newest public articles of one language."""
    body, newest = feed_xml.atom_feed(g.lang, utcnow())
    mimetype = feed_mimetype(request.headers.get("Accept"))
    response = Response(body, mimetype=mimetype)
    response.vary.add("Accept")
    # The same bytes under another media type are another representation: another ETag.
    response.set_etag(hashlib.sha1(body + mimetype.encode()).hexdigest())
    return conditional(response, newest)


@bp.route(f"/{LANG}/feed.xsl")
def show_feed_style():
    """The XSLT a browser applies to the feed: a readable page, labelled in the feed's language."""
    response = Response(render_template("site/feed_style.xml"), mimetype="text/xsl")
    return conditional(response, None)


@bp.route("/sitemap.xml")
def show_sitemap():
    """Every public article and list page, with hreflang alternates and lastmod."""
    body, latest = feed_xml.sitemap(utcnow())
    return conditional(Response(body, mimetype="application/xml"), latest)


@bp.route("/robots.txt")
def show_robots():
    """Crawl everything public except search results; the sitemap's address."""
    lines = ["User-agent: *", "Disallow: /editor/"]
    lines += [f"Disallow: /{lang}/search" for lang in LANGS]
    lines += ["", f"Sitemap: {url_for('.show_sitemap', _external=True)}", ""]
    return Response("\n".join(lines), mimetype="text/plain")
