"""The `tongket` console command: the project's manage.py, so every Django command works through it."""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    """Run a Django management command with Tongket's settings."""
    if hasattr(signal, "SIGPIPE"):
        # `tongket assess ... | head` ends quietly, as command-line tools do, not with a traceback.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
