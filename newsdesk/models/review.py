"""Models of the review workspace (filled in by the review work)."""
