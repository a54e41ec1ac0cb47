"""The ``opvangregie`` console script: Django management commands and the analyst tools.

``opvangregie <command> [options]`` runs any management command (``migrate``, ``runserver``,
``load_reference_data``, ``load_demo``, ...) with the project's settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opvangregie.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opvangregie", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
