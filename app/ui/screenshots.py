"""Screenshots of the real window for the README: `make screenshots`.

Runs the window offscreen at 1366x768 with the real bundled models on a throwaway vault,
walks through set-up, the sample visit and its draft, and saves PNGs of each screen.

    python -m app.ui.screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.qt import QTimer, application  # noqa: E402
from app.services import Services  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.ui import main_window  # noqa: E402

SIZE = (1366, 768)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = application(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="casenotes-screens-"))
    window = main_window.MainWindow(Services(Settings(data)))
    window.resize(*SIZE)
    window.show()

    def recovery_key_exec(dialog: main_window.RecoveryKeyDialog) -> int:
        dialog.show()
        dialog.grab().save(str(out / "recovery-key.png"))
        return 1

    main_window.RecoveryKeyDialog.exec = recovery_key_exec  # type: ignore[method-assign,assignment]
    state = {"step": "setup"}

    def tick() -> None:
        if window.job is not None:
            return
        step = state["step"]
        if step == "setup":
            window.grab().save(str(out / "setup.png"))
            page = window.unlock_page
            page.name.setText("Sam Taylor")
            page.secret.setText("correct horse battery staple")
            page.confirm.setText("correct horse battery staple")
            page.keyring.setChecked(False)
            page.submit.click()
            state["step"] = "sample"
        elif step == "sample" and window.session:
            window.on_open_sample()
            state["step"] = "draft"
        elif step == "draft" and window.transcript:
            window.on_draft()
            state["step"] = "workspace"
        elif step == "workspace" and window.draft:
            window.draft_panel.citation_clicked.emit(window.draft.flags[0].citations[0])
            window.grab().save(str(out / "workspace.png"))
            window.on_lock()
            window.grab().save(str(out / "locked.png"))
            app.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(200)
    QTimer.singleShot(180_000, app.quit)
    app.exec()
    made = sorted(p.name for p in out.glob("*.png"))
    print(f"screenshots in {out}: {', '.join(made)}")
    return 0 if len(made) == 4 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
