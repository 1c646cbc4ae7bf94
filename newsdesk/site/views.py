"""The readers' site: /en/... and /ru/..., one article per language."""

from __future__ import annotations

from datetime import date

from flask import (
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _

from newsdesk.hygiene import page_number
from newsdesk.markup import render_markdown
from newsdesk.models import LANGS, utcnow
from newsdesk.site import queries, seo, structured
from newsdesk.site import search as search_service
from newsdesk.site.blueprint import bp
from newsdesk.site.http import conditional
from newsdesk.stories import slugs as old_slugs
from newsdesk.topics import service as topics

LANG = "<any(en, ru):lang>"
OTHER = {"en": "ru", "ru": "en"}


@bp.url_value_preprocessor
def pull_lang(endpoint, values) -> None:
    """Take the language out of the URL: it decides the content and the UI locale."""
    if values and "lang" in values:
        g.lang = values.pop("lang")


@bp.url_defaults
def add_lang(endpoint, values) -> None:
    # Only for /<lang>/ endpoints: the sitemap and images must not get ?lang= appended.
    if (
        "lang" not in values
        and getattr(g, "lang", None)
        and current_app.url_map.is_endpoint_expecting(endpoint, "lang")
    ):
        values["lang"] = g.lang


@bp.app_template_filter("text_lang")
def text_lang(text: str) -> str:
    """The language of a short label of unknown origin (a tag): Cyrillic means Russian."""
    return "ru" if search_service.CYRILLIC.search(text.lower()) else "en"


@bp.app_template_filter("iso")
def iso(moment) -> str:
    """A stored (naive UTC) time for datetime attributes: 2024-11-14T10:00:00+00:00."""
    return seo.iso(moment)


def _per_page() -> int:
    return current_app.config["STORIES_PER_PAGE"]


def _render_list(
    template: str,
    query_for,
    head_title: str,
    endpoint: str,
    *,
    description: str,
    may_be_empty=False,
    **values,
):
    """A paginated list page: 404 past the last page (or when empty, unless ``may_be_empty``);
    hreflang alternates only to the other language's page when that page exists too."""
    now, page = utcnow(), page_number()
    pagination = queries.paginate(query_for(g.lang, now), page, _per_page())
    if not pagination.items and (page > 1 or not may_be_empty):
        abort(404)
    other = OTHER[g.lang]
    other_exists = (page == 1 and may_be_empty) or queries.count(query_for(other, now)) > (
        page - 1
    ) * _per_page()
    exists = {g.lang: True, other: other_exists}
    images = queries.lead_images(a.story_id for a in pagination.items)
    head = seo.list_head(
        g.lang, head_title, exists, endpoint, page, description=description, **values
    )
    return render_template(
        template, pagination=pagination, images=images, head=head, head_title=head_title, **values
    )


@bp.route("/")
def choose_language():
    """/ sends readers to their browser's language."""
    lang = request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"
    return redirect(url_for(".list_stories", lang=lang))


@bp.route(f"/{LANG}/")
def list_stories():
    """The newest stories of one language."""
    return _render_window(
        "site/list.html",
        queries.list_query,
        _("University News"),
        "site.list_stories",
        description=_("The latest news from the university press office."),
        may_be_empty=True,
    )


def _cursor(name: str) -> queries.Cursor | None:
    text = request.args.get(name)
    if text is None:
        return None
    cursor = queries.Cursor.parse(text)
    if cursor is None:
        abort(404)
    return cursor


def _render_window(
    template: str,
    query_for,
    head_title: str,
    endpoint: str,
    *,
    description: str,
    total=None,
    may_be_empty=False,
    by_lang=None,
    **values,
):
    """A newest-first list paged by cursor: ?before= (older), ?after= (newer); ?page=N of old
    links still works. 404 past the end (or when empty, unless ``may_be_empty``); hreflang
    alternates go to the other language's page at the same position when that page exists.
    ``total(lang, now)``, when given, counts the whole list for the page; ``by_lang`` gives
    URL values that differ per language (a topic's slug)."""
    now, page = utcnow(), page_number()
    before, after = _cursor("before"), _cursor("after")
    window = queries.window(
        query_for(g.lang, now), _per_page(), before=before, after=after, page=page
    )
    if before is not None:
        position = {"before": str(before)}
    elif after is not None and window.newer is not None:
        position = {"after": str(after)}
    elif after is None and page > 1:
        position = {"page": page}
    else:
        position = {}  # the first page (an ?after= that reached the top shows it too)
    if not window.items and (position or not may_be_empty):
        abort(404)
    other = OTHER[g.lang]
    if not position and may_be_empty:
        other_exists = True
    else:
        other_exists = queries.exists_at(
            query_for(other, now),
            before,
            skip=(page - 1) * _per_page() if "page" in position else 0,
        )
    exists = {g.lang: True, other: other_exists}
    images = queries.lead_images(a.story_id for a in window.items)
    head = seo.list_head(
        g.lang,
        head_title,
        exists,
        endpoint,
        description=description,
        by_lang=by_lang,
        **values,
        **position,
    )
    return render_template(
        template,
        window=window,
        total=total(g.lang, now) if total else None,
        images=images,
        head=head,
        head_title=head_title,
        **values,
    )


@bp.route(f"/{LANG}/news/<slug>")
def show_story(slug: str):
    """One article, with validators for conditional GET."""
    now = utcnow()
    article = queries.public_article(g.lang, slug, now)
    if article is None:
        moved = old_slugs.redirect_target(g.lang, slug, now)  # a live slug an editor changed
        if moved is None:
            abort(404)
        return redirect(url_for(".show_story", lang=g.lang, slug=moved), 301)
    image = queries.lead_images([article.story_id]).get(article.story_id)
    body = render_markdown(article.body)
    head = seo.article_head(article, now, image, search_service.plain_text(article))
    partner = seo.public_partner(article, now)
    response = make_response(
        render_template(
            "site/article.html",
            article=article,
            partner=partner,
            body=body,
            image=image,
            head=head,
            structured=structured.news_article(article, partner, image, head.description),
        )
    )
    return conditional(response, seo.article_modified(article, now, image))


@bp.route(f"/{LANG}/archive/")
def list_archive():
    """Months with stories, newest first, with their counts."""
    now = utcnow()
    months = queries.archive_months(g.lang, now)
    head = seo.list_head(
        g.lang,
        _("Archive"),
        dict.fromkeys(LANGS, True),
        "site.list_archive",
        description=_("Every story of the university press office, month by month."),
    )
    return render_template("site/archive.html", months=months, head=head)


@bp.route(f"/{LANG}/archive/<int(fixed_digits=4):year>/<int(fixed_digits=2):month>/")
def show_month(year: int, month: int):
    """The stories of one month in the site's time zone."""
    # The month's end must be a representable date too (datetime stops at 9999-12-31).
    if not 1 <= month <= 12 or not 1900 <= year <= 9998:
        abort(404)

    def query_for(lang, now):
        return queries.in_month(lang, year, month, now)

    title = month_title(year, month)
    return _render_list(
        "site/month.html",
        query_for,
        title,
        "site.show_month",
        # Running text: «за ноябрь 2024», not the capitalized stand-alone heading.
        description=_(
            "Stories published in %(month)s.",
            month=format_date(date(year, month, 1), "LLLL y"),
        ),
        year=year,
        month=month,
    )


def month_title(year: int, month: int) -> str:
    """«Ноябрь 2024» / «November 2024»: Babel's stand-alone month name and the year."""
    return _capitalize(format_date(date(year, month, 1), "LLLL y"))


@bp.app_template_global()
def month_name(year: int, month: int) -> str:
    """«Ноябрь» / «November»: the stand-alone form, as in a list of months."""
    return _capitalize(format_date(date(year, month, 1), "LLLL"))


def _capitalize(text: str) -> str:
    # Russian month names are lower case in running text; a heading starts with a capital.
    return text[:1].upper() + text[1:]


@bp.route(f"/{LANG}/tags/")
def list_tags():
    """Every topic used by a public story of this language."""
    tags = queries.tag_counts(g.lang, utcnow())
    head = seo.list_head(
        g.lang,
        _("Topics"),
        dict.fromkeys(LANGS, True),
        "site.list_tags",
        description=_("The topics of the university's news, with the number of stories."),
    )
    return render_template("site/tags.html", tags=tags, head=head)


@bp.route(f"/{LANG}/tags/<path:name>")
def show_tag(name: str):
    """The stories of one topic, under its slug in the page's language; an old or the other
    language's address of the topic redirects (301) to the current one."""
    topic, current = topics.resolve(g.lang, name)
    if topic is not None and not current:
        query = {k: v for k, v in request.args.items() if k.isalpha() and k not in ("lang", "name")}
        return redirect(url_for(".show_tag", lang=g.lang, name=topic.slug(g.lang), **query), 301)
    slugs = {lang: topic.slug(lang) if topic else name for lang in LANGS}
    title = topic.label(g.lang) if topic else name

    def query_for(lang, now):
        return queries.with_tag(lang, slugs[lang], now)

    def total(lang, now):
        return queries.tag_total(lang, slugs[lang], now)

    return _render_window(
        "site/tag.html",
        query_for,
        title,
        "site.show_tag",
        description=_("Stories on the topic “%(topic)s”.", topic=title),
        total=total,
        by_lang={lang: {"name": slug} for lang, slug in slugs.items()},
        name=slugs[g.lang],
    )


@bp.route(f"/{LANG}/search")
def search():
    """Full-text search in this language's public stories (not indexed by crawlers)."""
    q = " ".join(request.args.get("q", "").split())[: search_service.MAX_QUERY]
    results = search_service.search_articles(g.lang, q, page=page_number(), per_page=_per_page())
    if results.page > 1 and not results.items:
        abort(404)
    head = seo.Head(
        canonical=url_for(".search", q=q or None, _external=True),
        description=_("Search the stories of the university press office."),
        noindex=True,
    )
    return render_template("site/search.html", q=q, results=results, head=head)
