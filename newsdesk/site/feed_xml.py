"""The XML machines read, built from the public articles: Atom feeds per language (with the
links feedgen cannot write) and the sitemap. The routes are in ``site/feeds.py``."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urljoin

import nh3
from feedgen.feed import FeedGenerator
from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from lxml import etree
from markupsafe import Markup

from newsdesk import markup
from newsdesk.models import LANGS
from newsdesk.models.live import PageArticle
from newsdesk.models.site import LeadImage
from newsdesk.site import identity, queries, seo
from newsdesk.site import search as search_service

OTHER = {"en": "ru", "ru": "en"}
FEED_SIZE = 50
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = datetime(1970, 1, 1)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def entry_updated(article: PageArticle, image: LeadImage | None) -> datetime:
    """An entry changes when its text, its publication date or its image does (naive UTC)."""
    times = [article.updated_at, article.story.published_at]
    if image is not None:
        times.append(image.updated_at)
    return max(times)


def absolutize(html: str, base: str) -> str:
    """Make links and image sources absolute: feed readers show content away from the site."""

    def fix(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return urljoin(base, value)
        return value

    return nh3.clean(
        html,
        tags=markup.ALLOWED_TAGS,
        attributes=markup.ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
        attribute_filter=fix,
    )


def _content(article: PageArticle, image: LeadImage | None, url: str) -> str:
    figure = Markup("")
    if image is not None:
        figure = Markup('<figure><img src="{src}" alt="{alt}" width="{w}" height="{h}">').format(
            src=seo.image_url(image), alt=image.alt(article.lang), w=image.width, h=image.height
        )
        if image.caption(article.lang):
            figure += Markup("<figcaption>%s</figcaption>") % image.caption(article.lang)
        figure += Markup("</figure>")
    lead = Markup("<p><strong>%s</strong></p>") % article.lead if article.lead else ""
    return absolutize(str(figure + lead + markup.render_markdown(article.body)), url)


def atom_feed(lang: str, now: datetime) -> tuple[bytes, datetime | None]:
    """The Atom feed of the newest public articles of ``lang``, and its newest change."""
    articles = queries.latest(lang, now, FEED_SIZE)
    images = queries.lead_images(a.story_id for a in articles)
    fg = FeedGenerator()
    feed_url = url_for("site.show_feed", _external=True)
    fg.id(identity.public_url(".show_feed"))
    # RFC 4287 4.1.1: a feed's entries without their own author take the feed's.
    fg.author({"name": identity.publisher_name(lang)})
    fg.title(_("University News"))
    fg.subtitle(_("News service of the university press office."))
    fg.language(lang)
    fg.link(href=url_for("site.list_stories", _external=True), rel="alternate", type="text/html")
    fg.link(href=feed_url, rel="self", type="application/atom+xml")
    other = OTHER[lang]
    with force_locale(other):
        other_title = _("University News")
    fg.link(
        href=url_for("site.show_feed", lang=other, _external=True),
        rel="alternate",
        type="application/atom+xml",
        hreflang=other,
        title=other_title,
    )
    fg.generator("newsdesk")
    newest = EPOCH
    links: dict[str, list[dict[str, str]]] = {}
    # feedgen writes entries in reverse order of adding: add the oldest first.
    for article in reversed(articles):
        image = images.get(article.story_id)
        url = seo.article_url(article)
        updated = entry_updated(article, image)
        newest = max(newest, updated)
        entry = fg.add_entry()
        entry.id(identity.entry_id(article))
        for name in identity.article_authors(article):
            entry.author({"name": name})
        entry.title(article.title)
        entry.published(_utc(article.story.published_at))
        entry.updated(_utc(updated))
        entry.summary(article.lead or seo.shorten(search_service.plain_text(article)))
        entry.content(_content(article, image, url), type="html")
        for name in article.story.topic_names(article.lang):
            entry.category(term=name)
        links[identity.entry_id(article)] = _entry_links(article, url, image)
    fg.updated(_utc(newest))
    style = url_for("site.show_feed_style", lang=lang)
    return _add_entry_links(fg.atom_str(pretty=True), links, style), (newest if articles else None)


def _entry_links(article: PageArticle, url: str, image: LeadImage | None) -> list[dict[str, str]]:
    links = [{"rel": "alternate", "type": "text/html", "hreflang": article.lang, "href": url}]
    if image is not None:
        links.append(
            {
                "rel": "enclosure",
                "type": image.media_type,
                "length": str(image.byte_size),
                "href": seo.image_url(image),
            }
        )
    return links


def _add_entry_links(xml: bytes, links: dict[str, list[dict[str, str]]], style: str) -> bytes:
    """Write the entries' <link> elements ourselves: feedgen 1.0 drops every attribute of
    an entry link but href (lkiesow/python-feedgen#135), which would turn the enclosure
    into a second alternate link. Browsers show the feed through the ``style`` XSLT."""
    root = etree.fromstring(xml)
    root.addprevious(
        etree.ProcessingInstruction("xml-stylesheet", f'type="text/xsl" href="{style}"')
    )
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        entry_id = entry.findtext(f"{{{ATOM_NS}}}id")
        title = entry.find(f"{{{ATOM_NS}}}title")
        position = entry.index(title) + 1
        for attributes in links.get(entry_id, []):
            link = etree.Element(f"{{{ATOM_NS}}}link", attributes)
            link.tail = title.tail
            entry.insert(position, link)
            position += 1
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def _url(urlset, loc: str, lastmod: datetime | None, alternates) -> None:
    url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
    if lastmod is not None:
        etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = seo.iso(lastmod)
    for hreflang, href in alternates:
        etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href)


def sitemap(now: datetime) -> tuple[bytes, datetime | None]:
    """Every public article and list page, with hreflang alternates and lastmod."""
    articles = queries.all_public(now)
    images = queries.lead_images(a.story_id for a in articles)
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    newest = {lang: None for lang in LANGS}
    modified = {}
    for article in articles:
        moment = seo.article_modified(article, now, images.get(article.story_id))
        modified[article.id] = moment
        if newest[article.lang] is None or moment > newest[article.lang]:
            newest[article.lang] = moment
    home = {lang: url_for("site.list_stories", lang=lang, _external=True) for lang in LANGS}
    for lang in LANGS:
        _url(urlset, home[lang], newest[lang], seo.alternate_links(home))
    for lang in LANGS:
        months = {(m.year, m.month) for m in queries.archive_months(lang, now)}
        other = {(m.year, m.month) for m in queries.archive_months(OTHER[lang], now)}
        for year, month in sorted(months, reverse=True):
            urls = {
                code: url_for("site.show_month", lang=code, year=year, month=month, _external=True)
                for code in LANGS
                if (year, month) in (months if code == lang else other)
            }
            _url(urlset, urls[lang], None, seo.alternate_links(urls))
    topics = {lang: {t.id: t.slug for t in queries.tag_counts(lang, now)} for lang in LANGS}
    for lang in LANGS:
        for topic_id in sorted(topics[lang], key=topics[lang].get):
            urls = {
                code: url_for(
                    "site.show_tag", lang=code, name=topics[code][topic_id], _external=True
                )
                for code in LANGS
                if topic_id in topics[code]
            }
            _url(urlset, urls[lang], None, seo.alternate_links(urls))
    for article in articles:
        _url(
            urlset,
            seo.article_url(article),
            modified[article.id],
            seo.article_alternates(article, now),
        )
    body = etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return body, max((m for m in newest.values() if m is not None), default=None)
