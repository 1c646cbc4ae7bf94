"""Stories: drafting in either language, pairing, publishing; the editor's story pages and
the ``stories`` commands. The service layer is ``newsdesk.stories.service``."""
