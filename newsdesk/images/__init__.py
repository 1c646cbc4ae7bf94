"""Lead images: upload, checks, storage and the editor's image page."""
