"""``python -m model``: the command-line interface (see :mod:`model.cli`)."""

import sys

from model.cli import main

sys.exit(main())
