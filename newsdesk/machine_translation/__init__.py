"""Machine translation: the engine contract, the pipeline, and its product services."""
