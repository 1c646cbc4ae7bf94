"""The MT glossary: terms, CSV import and export, the glossary page."""
