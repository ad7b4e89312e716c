"""Entry script of the bundled app (PyInstaller needs a script, not a module path)."""

import sys

from glancelabel.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
