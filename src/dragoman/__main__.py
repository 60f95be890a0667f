"""``python -m dragoman``: the same command line as the ``dragoman`` script."""

import sys

from dragoman.cli import main

sys.exit(main())
