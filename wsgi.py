"""WSGI entry point: ``gunicorn wsgi:app``."""

from newsdesk import create_app

app = create_app()
