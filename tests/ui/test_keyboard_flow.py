"""The whole flow with the keyboard alone (issue 17, 'A keyboard path for the whole flow'):
set up, a new visit from a recording file, draft, resolve every flag, approve, export through
the export view, lock. Every step is a key press through pytest-qt, as a person who cannot or
does not use a mouse works; an application-wide filter fails the test if any mouse event
reaches a widget."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import (  # noqa: E402
    QApplication,
    QEvent,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QObject,
    Qt,
    QTimer,
    QWidget,
)
from app.ui.recovery_key import RecoveryKeyDialog  # noqa: E402
from tests.ui.test_main_window import PASSPHRASE, make_window  # noqa: E402
from tests.ui.test_workspace_wording import activate  # noqa: E402

pytestmark = pytest.mark.gui
NONE, ALT = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.AltModifier
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
MOUSE = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
         QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel}


class MouseWatch(QObject):
    """Counts every mouse event any widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in MOUSE:
            self.seen.append(f"{event.type()} on {type(watched).__name__}")
        return False


@pytest.fixture
def no_mouse() -> Iterator[MouseWatch]:
    watch = MouseWatch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    yield watch
    app.removeEventFilter(watch)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, wanted: QWidget, limit: int = 20) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until `wanted` has the focus, as a person does, watching where it lands."""
    for _ in range(limit):
        if focused() is wanted:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is wanted, f"Tab never reached {wanted!r}; it stays on {focused()!r}"


def back_to(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """After a dialog closes, a desktop's window manager activates the window under it; the
    offscreen platform has none, so the test does what it would."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def answer_modal(qtbot, kind: type, keys: Callable[[QWidget], None]) -> list[str]:  # type: ignore[no-untyped-def]
    """For a dialog shown with exec() (its own event loop): once it is up, type into it.
    Lists its title once answered; a dialog the keys did not close is closed after five
    seconds and listed as 'not answered', so a failure fails rather than hangs."""
    answered: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, kind) and dialog.isVisible() and
                QApplication.activeWindow() is dialog):
            QTimer.singleShot(50, poll)
            return
        qtbot.wait(200)  # as a person does, reading it: it finishes setting itself up
        keys(dialog)
        for _ in range(50):
            if not dialog.isVisible():
                break
            qtbot.wait(100)
        if dialog.isVisible():
            answered.append(f"not answered: focus on {dialog.focusWidget()!r}, "
                            f"{[e.text() for e in dialog.findChildren(QLineEdit)]}")
            dialog.reject()
        else:
            answered.append(dialog.windowTitle())
    QTimer.singleShot(50, poll)
    return answered


def test_set_up_import_draft_resolve_approve_and_export_with_the_keyboard_alone(  # type: ignore[no-untyped-def]
        qtbot, settings, sample_transcript, sample_audio: Path, tmp_path: Path,
        no_mouse) -> None:
    w = make_window(qtbot, settings, sample_transcript)
    activate(qtbot, w)
    status = w.statusBar()

    # Set-up: the name field has the focus; Tab on through the passphrases.
    page = w.unlock_page
    assert focused() is page.name
    qtbot.keyClicks(page.name, "Sam Taylor")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), PASSPHRASE)
    assert focused() is page.secret
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), PASSPHRASE)
    assert focused() is page.confirm
    # No keyring in the test session: its box is off and unticked, and Tab passes it by.
    assert not page.keyring.isEnabled() and not page.keyring.isChecked()

    def keep_key(box: QWidget) -> None:  # the recovery key: tick that it is kept, Enter
        assert isinstance(box, RecoveryKeyDialog)
        tab_to(qtbot, box.written)
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Return)
    kept = answer_modal(qtbot, RecoveryKeyDialog, keep_key)
    tab_to(qtbot, page.submit)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)
    assert kept == ["Your recovery key"]
    back_to(qtbot, w)
    assert "Unlocked" in status.currentMessage()

    # A new visit (Ctrl+N) from a recording file on this computer.
    recording = tmp_path / "visit-recording.flac"
    shutil.copy(sample_audio, recording)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: w.visit_dialog is not None and w.visit_dialog.isVisible(),
                    timeout=5_000)
    dialog = w.visit_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    assert focused() is dialog.case_ref
    qtbot.keyClicks(focused(), "ASC-104233")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.person
    qtbot.keyClicks(focused(), "Mr Jones")
    tab_to(qtbot, dialog.verbal)
    assert dialog.verbal.isChecked()
    tab_to(qtbot, dialog.record_now)
    press(qtbot, Qt.Key.Key_Down)  # the other choice of the same group
    assert dialog.import_file.isChecked() and dialog.verbal.isChecked()
    tab_to(qtbot, dialog.choose)

    def type_path(box: QWidget) -> None:
        name = box.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        qtbot.keyClicks(name, str(recording))
        for _ in range(3):  # the first Return may only close the name completer's list
            if not box.isVisible():
                break
            qtbot.keyClick(box.focusWidget() or name, Qt.Key.Key_Return)
            qtbot.wait(100)
    chosen = answer_modal(qtbot, QFileDialog, type_path)
    press(qtbot, Qt.Key.Key_Space)
    assert chosen == ["Choose the recording"]
    back_to(qtbot, dialog)
    assert focused() is dialog.choose
    assert dialog.file_label.text() == recording.name
    create = next(b for b in dialog.findChildren(type(dialog.choose))
                  if b.text() == "Create visit")
    tab_to(qtbot, create)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.job is None and w.transcript is not None, timeout=10_000)
    assert w.transcript_panel.segment_count() == len(sample_transcript.segments)
    assert recording.name in w.transcript_panel.heading.text()
    visits = w.visits_panel.list
    assert any("Mr Jones" in visits.item(i).text() for i in range(visits.count()))

    # The vault now holds the recording; the question about the original answers No by
    # default, so Enter keeps the file.
    qtbot.waitUntil(lambda: getattr(w, "delete_box", None) is not None and
                    w.delete_box.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w.delete_box, timeout=5_000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.delete_box.isVisible(), timeout=5_000)
    assert recording.exists()
    back_to(qtbot, w)
    assert "Kept visit-recording.flac" in status.currentMessage()
    assert "Next: Draft note (Ctrl+D)" in status.currentMessage()

    # Draft (Ctrl+D).
    press(qtbot, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: w.job is None and w.draft_panel.note is not None, timeout=10_000)
    panel, review = w.draft_panel, w.draft_panel.review
    assert "Draft saved with 2 flags to resolve" in status.currentMessage()
    assert "Flags: 2 of 2 left to resolve" in panel.flags_heading.text()

    # F6 to the flags; the arrow keys choose one.
    for _ in range(4):
        if focused() is panel.flags:
            break
        press(qtbot, Qt.Key.Key_F6)
    assert focused() is panel.flags
    flags = panel.flags

    def choose(text: str) -> int:
        for _ in range(flags.count()):
            if text in flags.currentItem().text():
                return flags.currentRow()
            press(qtbot, Qt.Key.Key_Down)
        raise AssertionError(f"no flag about {text}")

    # Falls: Alt+E opens its sentence in the editor; type the correction, Enter keeps it.
    falls = choose("Falls")
    press(qtbot, Qt.Key.Key_E, ALT)  # a mnemonic clicks its button after a short animation
    editor = panel.editor
    qtbot.waitUntil(lambda: panel.pages.currentWidget() is editor, timeout=5_000)
    qtbot.waitUntil(lambda: editor.delegate.editor is not None, timeout=5_000)
    assert focused() is editor.delegate.editor
    qtbot.keyClicks(focused(), " Referred to the falls team.")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flags.item(falls).text().startswith("✎ edited"), timeout=5_000)
    assert "1 flag left to resolve" in status.currentMessage()

    # Back to the flags (F6), the other one, Alt+D and a reason typed in the question box.
    for _ in range(4):
        if focused() is flags:
            break
        press(qtbot, Qt.Key.Key_F6)
    assert focused() is flags
    medication = choose("Missed medication")

    def give_reason(box: QWidget) -> None:
        line = box.findChild(QLineEdit)
        assert line is not None
        qtbot.keyClicks(line, "Reviewed with the pharmacist; the dose was taken later")
        qtbot.keyClick(line, Qt.Key.Key_Return)
    asked = answer_modal(qtbot, QInputDialog, give_reason)
    press(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: asked == ["Dismiss the flag"], timeout=5_000)
    qtbot.waitUntil(lambda: flags.item(medication).text().startswith("✗ dismissed"),
                    timeout=5_000)
    assert "All flags resolved" in status.currentMessage()
    assert review.approve_button.isEnabled()

    # Approve (Alt+P): Space ticks the attestation, Enter approves.
    back_to(qtbot, w)
    assert focused() is flags
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: getattr(w, "approval_dialog", None) is not None and
                    w.approval_dialog.isVisible(), timeout=5_000)
    approval = w.approval_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is approval, timeout=5_000)
    text = " ".join(label.text() for label in approval.findChildren(type(review.status)))
    assert "1 edited, 1 dismissed" in text and "Referred to the falls team." in text
    tab_to(qtbot, approval.attest)
    press(qtbot, Qt.Key.Key_Space)
    assert approval.ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session.visit(w.visit_id)["note"]["status"] == "approved",
                    timeout=5_000)
    assert "Approved version 1" in status.currentMessage()
    assert "Approved note" in panel.heading.text()
    assert not review.approve_button.isVisible() and review.amend_button.isVisible()

    # Export (Ctrl+E): Alt+F to the format, End for plain text, Alt+E, the folder typed in
    # the folder dialog; then Escape closes the export view and Ctrl+L locks.
    out = tmp_path / "exports"
    out.mkdir()
    back_to(qtbot, w)
    press(qtbot, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: w.export_dialog is not None and w.export_dialog.isVisible(),
                    timeout=5_000)
    exports = w.export_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is exports, timeout=5_000)
    assert [n["case"] for n in exports.selected()] == ["ASC-104233"]
    press(qtbot, Qt.Key.Key_F, ALT)
    assert focused() is exports.format
    press(qtbot, Qt.Key.Key_End)
    assert exports.format.currentData() == "txt"

    def type_folder(box: QWidget) -> None:
        name = box.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        qtbot.keyClicks(name, str(out))
        for _ in range(3):  # the first Return may only close the name completer's list
            if not box.isVisible():
                break
            qtbot.keyClick(box.focusWidget() or name, Qt.Key.Key_Return)
            qtbot.wait(100)
    folder = answer_modal(qtbot, QFileDialog, type_folder)
    press(qtbot, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: folder == ["Export to which folder?"], timeout=5_000)
    qtbot.waitUntil(lambda: exports.job is None and "Exported" in exports.status.text(),
                    timeout=20_000)
    assert "Exported 1 note as TXT" in exports.status.text()
    files = list(out.iterdir())
    assert len(files) == 1 and files[0].suffix == ".txt"
    text = files[0].read_text(encoding="utf-8")
    assert "ASC-104233" in text and "Mr Jones" in text
    assert "Referred to the falls team." in text  # the approved wording, with the edit
    assert not any(n["exports"] == [] for n in exports.notes)
    back_to(qtbot, exports)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not exports.isVisible(), timeout=5_000)
    back_to(qtbot, w)
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert w.session is None and w.windowTitle() == "Casenotes"
    assert no_mouse.seen == []
