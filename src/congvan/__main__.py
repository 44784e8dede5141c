"""``python -m congvan`` runs the command line."""

import sys

from congvan.cli import main

sys.exit(main())
