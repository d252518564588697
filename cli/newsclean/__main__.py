"""``python -m newsclean``: the same as the ``newsclean`` command."""

import sys

from .cli import run

sys.exit(run())
