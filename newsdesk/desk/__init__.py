"""The translator's desk: what waits for each translator, and every story's translation state."""
