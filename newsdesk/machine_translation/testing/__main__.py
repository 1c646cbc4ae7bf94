"""``python -m newsdesk.machine_translation.testing build DIR``."""

from newsdesk.machine_translation.testing import main

raise SystemExit(main())
