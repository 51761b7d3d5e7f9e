"""Child process for the at-rest test: the real window, offscreen, through a whole visit.

    python gui_workflow.py DATA_DIR

Sets up the vault, starts the sample visit (fake transcriber replaying the sample's script,
so the phrases are known), drafts, then locks and quits. Prints "done" on success.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app.ui.main_window as main_window  # noqa: E402
from app.qt import QTimer, application  # noqa: E402
from app.settings import Settings  # noqa: E402
from tests.fakes import fake_services  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402


def main() -> None:
    transcript = Transcript.from_dict(json.loads(
        (ROOT / "resources/sample/home-visit.ref.json").read_text()))
    app = application(sys.argv[:1])
    main_window.RecoveryKeyDialog.exec = lambda self: 1  # type: ignore[method-assign]
    window = main_window.MainWindow(fake_services(Settings(Path(sys.argv[1])), transcript))
    window.show()
    steps = iter(["setup", "sample", "draft", "lock"])
    state = {"step": next(steps)}

    def tick() -> None:
        if window.job is not None:
            return
        step = state["step"]
        if step == "setup":
            page = window.unlock_page
            page.name.setText("Sam Taylor")
            page.secret.setText("correct horse battery staple")
            page.confirm.setText("correct horse battery staple")
            page.keyring.setChecked(False)
            page.submit.click()
        elif step == "sample" and window.session:
            window.on_open_sample()
        elif step == "draft" and window.transcript:
            window.on_draft()
        elif step == "lock" and window.draft:
            window.on_lock()
            print("done", flush=True)
            app.quit()
            return
        else:
            return
        state["step"] = next(steps, "end")

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(100)
    QTimer.singleShot(60_000, app.quit)
    app.exec()


if __name__ == "__main__":
    main()
