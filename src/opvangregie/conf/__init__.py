"""Settings package: ``base`` with ``dev``, ``test`` and ``production`` on top."""
