"""Entry point: `glancelabel [FOLDER]` opens the app; `glancelabel COMMAND ...` runs the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli import COMMANDS
    from .cli import main as cli_main

    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return cli_main(argv)
    from .gui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
