"""Topics: a story's subjects, named and addressed in each language."""
