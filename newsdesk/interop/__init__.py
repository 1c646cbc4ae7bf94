"""Interoperability: XLIFF 2.0 for CAT tools, TMX for translation memories."""
