"""``python -m cli``: the command line (see :mod:`cli.main`)."""

import sys

from cli.main import main

sys.exit(main())
