"""Entry point for the frozen desktop build (PyInstaller needs a script, not a console script)."""

import sys

from inspector_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
