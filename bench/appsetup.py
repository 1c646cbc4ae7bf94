"""A newsdesk app on a fresh, migrated SQLite database in a temp instance folder."""

from __future__ import annotations

from pathlib import Path


def make_app(instance: Path, **extra):
    """create_app + Alembic upgrade, as ``newsdesk init`` does, without the admin user."""
    from flask_migrate import upgrade

    from newsdesk import create_app

    instance.mkdir(parents=True, exist_ok=True)
    config = {
        "SECRET_KEY": "bench",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'newsdesk.sqlite'}",
        "ARGOS_PACKAGES_DIR": str(instance / "argos-packages"),
        **extra,
    }
    app = create_app(config, instance_path=instance)
    with app.app_context():
        upgrade()
    return app
