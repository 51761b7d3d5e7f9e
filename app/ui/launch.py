"""Start the GUI: one QApplication, one Settings, one Services, one MainWindow."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path | None = None) -> int:
    from app.qt import application
    from app.services import Services
    from app.settings import Settings
    from app.ui.main_window import MainWindow

    app = application(sys.argv[:1])
    window = MainWindow(Services(Settings.load(data_dir)))
    window.show()
    return app.exec()
