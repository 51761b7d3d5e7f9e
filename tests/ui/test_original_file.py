"""After importing a recording, the window asks whether to delete the plaintext original
(issue 17, item 11): a clear yes/no that says why, No by default, answered here with the keys
and the mouse a person uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import QApplication, QMessageBox, Qt  # noqa: E402
from app.ui.visit_dialog import NewVisit  # noqa: E402
from storage.records import Consent  # noqa: E402
from tests.ui.test_main_window import no_modal_dialogs, window  # noqa: E402,F401
from tests.ui.test_workspace_wording import activate  # noqa: E402

pytestmark = pytest.mark.gui


def import_copy(qtbot, w, sample_audio: Path, folder: Path) -> tuple[Path, QMessageBox]:  # type: ignore[no-untyped-def]
    original = folder / "visit-recording.flac"
    shutil.copy(sample_audio, original)
    activate(qtbot, w)
    w.start_visit(NewVisit("CASE-2", "Mr Jones", "home-visit",
                           Consent("the person", "verbal"), original))
    qtbot.waitUntil(lambda: w.job is None and getattr(w, "delete_box", None) is not None,
                    timeout=10_000)
    box = w.delete_box
    qtbot.waitUntil(lambda: box.isVisible() and QApplication.activeWindow() is box,
                    timeout=5_000)
    return original, box


def stored_samples(w) -> int:  # type: ignore[no-untyped-def]
    visit = w.session.visit(w.visit_id)
    return len(w.session.recording_samples(visit["recordings"][0]["id"]))


def test_the_question_says_why_and_enter_keeps_the_original(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path, tmp_path: Path) -> None:  # noqa: F811
    original, box = import_copy(qtbot, window, sample_audio, tmp_path)
    words = f"{box.text()} {box.informativeText()}"
    assert "not encrypted" in words and "encrypted" in box.text()
    assert "lost" in words and str(original) in words  # why, and which file
    yes, no = box.button(QMessageBox.StandardButton.Yes), box.button(QMessageBox.StandardButton.No)
    assert yes.text().replace("&", "") == "Yes, delete the original"
    assert no.text().replace("&", "") == "No, keep it"
    assert box.defaultButton() is no and box.escapeButton() is no
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert original.exists()
    message = window.statusBar().currentMessage()
    assert "Kept visit-recording.flac" in message and "Draft note (Ctrl+D)" in message
    assert stored_samples(window) > 16000 * 60


def test_escape_also_keeps_it(qtbot, window, sample_audio: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    original, box = import_copy(qtbot, window, sample_audio, tmp_path)
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)
    assert original.exists()


def test_yes_deletes_the_original_and_the_vault_keeps_the_recording(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path, tmp_path: Path) -> None:  # noqa: F811
    original, box = import_copy(qtbot, window, sample_audio, tmp_path)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not original.exists(), timeout=5_000)
    assert "Deleted visit-recording.flac" in window.statusBar().currentMessage()
    assert stored_samples(window) > 16000 * 60


def test_alt_y_answers_yes_from_the_keyboard(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path, tmp_path: Path) -> None:  # noqa: F811
    original, box = import_copy(qtbot, window, sample_audio, tmp_path)
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not original.exists(), timeout=5_000)  # after the click's animation


def test_an_original_that_cannot_be_deleted_says_so_and_what_to_do(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    original, box = import_copy(qtbot, window, sample_audio, tmp_path)

    def refuse(self: Path, missing_ok: bool = False) -> None:  # as a file open elsewhere on
        raise PermissionError(13, "Permission denied", str(self))  # Windows, or read-only
    monkeypatch.setattr(Path, "unlink", refuse)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=5_000)
    assert original.exists()
    assert "visit-recording.flac could not be deleted (Permission denied)" in window.last_error
    assert "Delete it yourself" in window.last_error and "the vault keeps" in window.last_error
