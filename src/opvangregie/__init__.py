"""Opvangregie: planning and monitoring of refugee reception for Dutch municipalities."""

__version__ = "0.1.0"
