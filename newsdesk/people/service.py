"""The name register: add and edit people, choose a story's authors, and give machine
translation every person's name pair as glossary terms."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import or_, select

from newsdesk.extensions import db
from newsdesk.hygiene import text_problem
from newsdesk.machine_translation.mask import GlossaryTerm as PipelineTerm
from newsdesk.models import Story
from newsdesk.models.people import Byline, Person

MAX_NAME, MAX_ROLE, MAX_AUTHORS = 120, 200, 20
_SEPARATORS = re.compile(r"[,;\n]")


class PeopleError(ValueError):
    """A name or a list of authors is not acceptable; the message says why."""


def list_people() -> list[Person]:
    return list(db.session.scalars(select(Person).order_by(Person.name_en, Person.id)))


def get_person(person_id: int) -> Person | None:
    return db.session.get(Person, person_id)


def _clean(text: str, limit: int) -> str:
    problem = text_problem(text)
    if problem:
        raise PeopleError(problem)
    text = " ".join(text.split())
    if len(text) > limit:
        raise PeopleError(_("A name or role may have at most %(n)d characters.", n=limit))
    return text


def save_person(
    person: Person | None, *, name_en: str, name_ru: str, role_en: str = "", role_ru: str = ""
) -> Person:
    """Add a person (``person`` None) or change one; both names are required."""
    name_en, name_ru = _clean(name_en, MAX_NAME), _clean(name_ru, MAX_NAME)
    role_en, role_ru = _clean(role_en, MAX_ROLE), _clean(role_ru, MAX_ROLE)
    if not name_en or not name_ru:
        raise PeopleError(_("A person needs a name in English and in Russian."))
    if "," in name_en + name_ru or ";" in name_en + name_ru:
        raise PeopleError(_("A name may not contain a comma or a semicolon."))
    same = select(Person.id).where(Person.name_en == name_en, Person.name_ru == name_ru)
    if person is not None:
        same = same.where(Person.id != person.id)
    if db.session.scalar(same) is not None:
        raise PeopleError(_("“%(name)s” is already in the register.", name=name_en))
    if person is None:
        person = Person()
        db.session.add(person)
    person.name_en, person.name_ru = name_en, name_ru
    person.role_en, person.role_ru = role_en, role_ru
    db.session.commit()
    return person


def find_person(name: str) -> Person | None:
    """The person called ``name`` in either language (exact first, then in any case)."""
    name = " ".join(name.split())
    exact = select(Person).where(or_(Person.name_en == name, Person.name_ru == name))
    person = db.session.scalar(exact.order_by(Person.id).limit(1))
    if person is not None:
        return person
    folded = name.casefold()
    return next(
        (p for p in list_people() if folded in (p.name_en.casefold(), p.name_ru.casefold())),
        None,
    )


def parse_authors(text: str) -> list[Person]:
    """The people a comma-separated list of names means, in order, without repeats. Every
    name must be in the register (in either language)."""
    people: list[Person] = []
    unknown: list[str] = []
    for name in _SEPARATORS.split(text or ""):
        name = " ".join(name.split())
        if not name:
            continue
        person = find_person(name[: MAX_NAME + 1])
        if person is None:
            unknown.append(name[:MAX_NAME])
        elif person not in people:
            people.append(person)
    if unknown:
        raise PeopleError(
            _(
                "Not in the register of people: %(names)s. Add them on the People page first.",
                names=", ".join(unknown[:5]),
            )
        )
    if len(people) > MAX_AUTHORS:
        raise PeopleError(_("A story may have at most %(n)d authors.", n=MAX_AUTHORS))
    return people


def set_authors(story: Story, people: list[Person]) -> None:
    """Make ``people`` the story's authors in this order (not committed)."""
    current = {b.person_id: b for b in story.bylines}
    bylines = []
    for position, person in enumerate(people):
        byline = current.get(person.id) or Byline(person=person)
        byline.position = position
        bylines.append(byline)
    story.bylines = bylines


def authors_text(story: Story, lang: str = "en") -> str:
    """The story's authors as the edit form shows them."""
    return ", ".join(story.author_names(lang))


def pipeline_terms() -> list[PipelineTerm]:
    """Every name pair as a glossary term, so MT writes each name in its canonical form."""
    return [PipelineTerm(en=p.name_en, ru=p.name_ru) for p in list_people()]
