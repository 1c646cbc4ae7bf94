"""Machine translation as jobs: the queue (huey), leases, the draft writer, memory,
installed directions, the MT pages and the ``mt`` commands."""
