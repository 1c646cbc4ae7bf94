"""The masked span: what :mod:`.mask` finds and the modules it builds on (casing, markup
pairs) read, kept below all of them so none imports the masking itself."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.machine_translation.locale_forms import Form


@dataclass(frozen=True)
class Token:
    """A masked span of a block's text: ``text`` in the source, ``target`` in the output."""

    start: int
    end: int
    kind: str
    text: str
    target: str
    role: str = "atom"  # atom | open | close (paired markup)
    mate: int = -1  # index (in the block's token list) of the other half of a pair
    # A preferred glossary term's lower-case target form: it takes a capital where it
    # begins a target sentence (see :mod:`.casing`).
    capitalizable: bool = False
    # A number, date or time: sent to the engine as written and checked afterwards
    # (:mod:`.restore_forms`) instead of being replaced by a placeholder.
    form: Form | None = None
