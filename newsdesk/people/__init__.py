"""People: the name register (a name in English and Russian) and the bylines of stories."""
