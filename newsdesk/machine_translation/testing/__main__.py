"""``python -m newsdesk.machine_translation.testing build DIR``."""

from . import main

raise SystemExit(main())
