"""`python -m smedx.cli`: the `smedx` command without its console script (kit.py, tests)."""

import sys

from smedx.cli import main

sys.exit(main())
