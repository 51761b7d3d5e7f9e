"""PySide6 windows, widgets and background jobs: the only Qt code besides app/qt.py."""
