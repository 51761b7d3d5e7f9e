"""Child process for the autosave kill test: opens the real window on a vault, edits a
sentence in the note editor like a practitioner typing, reports when the autosave has run,
and waits to be killed.

    python editor_writer.py DATA_DIR VISIT_ID NEW_TEXT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.qt import QTimer, application  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.ui import main_window  # noqa: E402
from tests.fakes import fake_services  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402


def main() -> None:
    data, visit_id, text = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = application(sys.argv[:1])
    window = main_window.MainWindow(fake_services(Settings(data), Transcript("en", 0.0, ())))
    window.show()
    window.unlock_page.secret.setText(os.environ["CASENOTES_PASSPHRASE"])
    window.unlock_page.submit.click()

    def edit() -> None:
        if window.session is None:
            QTimer.singleShot(50, edit)
            return
        window.open_visit(visit_id)
        window.draft_panel.edit_button.setChecked(True)
        editor = window.draft_panel.editor
        editor.save_requested.connect(lambda _c: QTimer.singleShot(
            0, lambda: print("saved", flush=True)))
        item = next(editor.table.item(r, 0) for r in range(editor.table.rowCount())
                    if editor.table.item(r, 0).data(main_window.Qt.ItemDataRole.UserRole))
        print("ready", flush=True)
        item.setText(text)  # as if typed; the autosave runs two seconds later

    QTimer.singleShot(0, edit)
    app.exec()


if __name__ == "__main__":
    main()
