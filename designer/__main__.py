"""``python -m designer``: same as the ``fieldcraft`` command."""

import sys

from designer.cli import main

sys.exit(main())
