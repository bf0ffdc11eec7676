"""``python -m model``: the command-line interface (see :mod:`cli.main`)."""

import sys

from cli.main import main

sys.exit(main())
