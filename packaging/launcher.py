"""Entry script of the bundled app (PyInstaller needs a script, not a module path)."""

import multiprocessing
import sys

from glancelabel.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker process of the frozen app runs its task and exits
    sys.exit(main())
