"""Django-free rules of reception planning: pure, typed Python.

Nothing in this package may import Django or one of the project's apps (checked by ``make check``).
"""
