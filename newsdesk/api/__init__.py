"""The REST API (/api/v1/): JSON for stories, articles, publishing, MT jobs and the glossary.

Clients authenticate with per-user Bearer tokens only (never the session cookie), so the
blueprint is exempt from CSRF. Views declare their bodies and answers as marshmallow schemas
(schemas.py); flask-smorest validates with them and writes the OpenAPI document from them.
"""
