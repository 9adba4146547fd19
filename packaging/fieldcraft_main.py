"""Entry point of the PyInstaller bundle: the same as the ``fieldcraft`` console script."""

import sys

from designer.cli import main

if __name__ == "__main__":
    sys.exit(main())
