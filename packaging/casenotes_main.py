"""Entry point of the packaged app: the same `casenotes` command as `pip install` gives."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
