"""The translators' review workspace (/editor/stories/<id>/review/<lang>...): sentence by
sentence review, staleness, QA checks, revisions and the audit log."""
