"""Models of the reader site (filled in by the reader-site work)."""
