"""``python -m newsdesk``: the same command line as the ``newsdesk`` script."""

import sys

from newsdesk.cli.main import main

sys.exit(main())
