"""Start the GUI: one QApplication, one Settings, one Services, one MainWindow."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def run_gui(data_dir: Path | None = None, *, check: bool = False) -> int:
    """Run the window until it closes. With `check`, close it as soon as it is on screen
    and print how long that took: IT's start-up check after a deployment."""
    started = time.perf_counter()
    import resources
    from app.qt import QIcon, QTimer, application
    from app.services import Services
    from app.settings import Settings
    from app.ui.main_window import MainWindow

    app = application(sys.argv[:1])
    app.setWindowIcon(QIcon(str(resources.path("icons", "casenotes.svg"))))
    window = MainWindow(Services(Settings.load(data_dir)))
    window.show()
    if check:
        def shown() -> None:
            print(f"Casenotes window shown ({window.width()}x{window.height()}) after "
                  f"{time.perf_counter() - started:.2f} s; closing (start-up check).",
                  flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, shown)
    return app.exec()
