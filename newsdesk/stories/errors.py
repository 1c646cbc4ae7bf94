"""The domain exceptions of the story services; views show their message as is."""

from __future__ import annotations

from newsdesk.models import Article


class StoryError(Exception):
    """A rule of the newsroom was broken; the message is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PublishError(StoryError):
    """The story cannot be published (or unpublished) as asked."""


class ConflictError(StoryError):
    """The article changed since the version the save was based on."""

    def __init__(self, message: str, current: Article) -> None:
        super().__init__(message)
        self.current = current
