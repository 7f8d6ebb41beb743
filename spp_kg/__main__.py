"""``python -m spp_kg``: the ``spp-kg`` command line."""

import sys

from .cli import main

sys.exit(main())
