"""``python -m bench``: the same as ``python -m bench.run``."""

from .run import main

raise SystemExit(main())
