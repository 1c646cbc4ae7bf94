"""Database set-up, demo content, backup and restore (``newsdesk init|demo|backup|restore``)."""
