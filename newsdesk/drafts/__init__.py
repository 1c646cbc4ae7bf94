"""Unsaved text kept while one types (autosave), who else is editing, and text carried
through an expired session or CSRF token."""
