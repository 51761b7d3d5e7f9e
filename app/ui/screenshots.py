"""Screenshots of the real window for the README: `make screenshots`.

Runs the window offscreen with the real bundled models on a throwaway vault, walks through
set-up, the sample visit and its draft, and saves PNGs of each screen. The window is as big
as a maximised one on a screen of the given size: the screen less a window manager's title
bar and panel (TITLE_BAR), so what is cut off there would be cut off on that laptop.

    python -m app.ui.screenshots docs/screenshots               # a 1366x768 screen
    python -m app.ui.screenshots docs/screenshots/1024x600 1024x600
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

SCREEN = (1366, 768)
TITLE_BAR = 40  # a title bar and frame, generously (tests/ui/test_workspace_fit.py)


def main(out: Path, screen: tuple[int, int] = SCREEN) -> int:
    size = (screen[0], screen[1] - TITLE_BAR)
    out.mkdir(parents=True, exist_ok=True)
    app = application(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="casenotes-screens-"))
    window = main_window.MainWindow(Services(Settings(data)))
    window.resize(*size)
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
            window.player.stop()
            window.grab().save(str(out / "workspace.png"))
            _edit_example(window)
            window.grab().save(str(out / "editor.png"))
            window.draft_panel.edit_button.setChecked(False)
            note = window.draft_panel.note
            assert note is not None
            window.resolve_flag(0, "accept")
            for n in range(1, len(note["content"]["flags"])):
                window.resolve_flag(n, "dismiss", "Checked with Mr Jones: no current concern.")
            window.on_approve()
            dialog = window.approval_dialog
            dialog.attest.setChecked(True)
            dialog.adjustSize()
            dialog.grab().save(str(out / "approval.png"))
            dialog.reject()
            _approve_examples(window)
            window.visits_panel.search.clear()
            window.refresh_visits()
            assert window.visit_id is not None
            window.open_visit(window.visit_id)  # approved outside the window: show it afresh
            window.grab().save(str(out / "home.png"))
            window.on_export()
            exports = window.export_dialog
            assert exports is not None
            exports.resize(*size)
            exports.grab().save(str(out / "export.png"))
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
    return 0 if len(made) == 8 else 1


def _edit_example(window: main_window.MainWindow) -> None:
    """The note editor with the AI's wording beside it: one sentence reworded, one phrase
    emphasised."""
    from app.qt import Qt

    panel = window.draft_panel
    panel.edit_button.setChecked(True)
    editor = panel.editor
    editor.show_ai.setChecked(True)
    for row in range(editor.table.rowCount()):
        item = editor.table.item(row, 0)
        if item is None or not item.data(Qt.ItemDataRole.UserRole):
            continue
        text = item.text()
        if "can't stand long enough" in text:
            item.setText(text.replace("can't stand long enough", "**can't stand long enough**"))
        elif "still sore" in text:
            item.setText(text.replace("still sore", "still painful"))
    editor.flush()


EXAMPLES = [("CASE-20417", "Mrs Asha Patel", "care-act-assessment"),
            ("CASE-19982", "Mr Tomasz Nowak", "review"),
            ("CASE-20533", "Ms Grace Okafor", "carers-assessment"),
            ("CASE-18870", "Mr Dennis Hall", "home-visit"),
            ("CASE-20611", "Mrs Margaret Reid", "safeguarding-concern")]


def _approve_examples(window: main_window.MainWindow) -> None:
    """Approve the sample visit, and a few fictional notes, so the export view has rows."""
    from storage.records import Consent

    session, visit_id = window.session, window.visit_id
    assert session is not None and visit_id is not None
    note = session.visit(visit_id)["note"]
    for n, flag in enumerate(note["content"]["flags"]):
        if not flag.get("resolution"):
            session.resolve_flag(visit_id, n, "accept")
    session.approve(visit_id, "I have checked this note against the conversation.")
    _, transcript = session.record.transcript(visit_id)
    content = dict(note["content"], flags=[])
    for case, person, template in EXAMPLES:
        other = session.new_visit(case, person, template, Consent("the person", "verbal"))
        tid = session.record.save_transcript(other, None, transcript, "base")
        session.record.save_draft(other, tid, dict(content, template=template))
        session.approve(other, "I have checked this note against the conversation.")


if __name__ == "__main__":
    wide, _, high = (sys.argv[2] if len(sys.argv) > 2 else "1366x768").partition("x")
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"),
                  (int(wide), int(high))))
