"""The recovery key can be kept without retyping it (issue 17, item 11): Copy puts it on the
clipboard (and takes it off again), Print… prints it, here through the real print dialog to
a PDF file; the set-up's keyring tick says what came of it. Driven with the keys a person
presses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import (  # noqa: E402
    QApplication,
    QGuiApplication,
    QLineEdit,
    QPrintDialog,
    Qt,
)
from app.ui import recovery_key  # noqa: E402
from app.ui.recovery_key import RecoveryKeyDialog  # noqa: E402
from tests.ui.test_keyboard_flow import (  # noqa: E402
    ALT,
    answer_modal,
    back_to,
    focused,
    press,
    tab_to,
)
from tests.ui.test_main_window import PASSPHRASE, make_window  # noqa: E402

pytestmark = pytest.mark.gui
KEY = "AB12-CD34-EF56-GH78-JK90-LM12-NP34-QR56"


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    shown = RecoveryKeyDialog(KEY)
    qtbot.addWidget(shown)
    shown.show()
    back_to(qtbot, shown)
    return shown


def test_copy_puts_the_key_on_the_clipboard_and_clears_it_later(  # type: ignore[no-untyped-def]
        qtbot, dialog, monkeypatch) -> None:
    monkeypatch.setattr(recovery_key, "CLEAR_CLIPBOARD_MS", 300)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("something else")
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: clipboard.text() == KEY, timeout=5_000)  # after the animation
    assert dialog.said.isVisible() and "Copied" in dialog.said.text()
    assert "two minutes" in dialog.said.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)
    # What the person copies after the key is never cleared.
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: clipboard.text() == KEY, timeout=5_000)
    clipboard.setText("a note of my own")
    qtbot.wait(600)
    assert clipboard.text() == "a note of my own"


def print_to(qtbot, pdf: Path):  # type: ignore[no-untyped-def]
    """Answer the print dialog as a person does: the file name field, the path, Enter."""
    def keys(box) -> None:  # type: ignore[no-untyped-def]
        name = box.findChild(QLineEdit, "filename")
        assert name is not None and name.isVisible()
        tab_to(qtbot, name)
        qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(name, str(pdf))
        qtbot.keyClick(name, Qt.Key.Key_Return)
    return answer_modal(qtbot, QPrintDialog, keys)


def test_print_sends_the_key_to_the_printer_here_a_pdf(  # type: ignore[no-untyped-def]
        qtbot, dialog, tmp_path: Path) -> None:
    pdf = tmp_path / "recovery-key.pdf"
    asked = print_to(qtbot, pdf)
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: asked != [], timeout=10_000)
    assert asked == ["Print the recovery key"]
    qtbot.waitUntil(lambda: pdf.exists() and pdf.stat().st_size > 0, timeout=10_000)
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run 'make test', which installs poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert KEY in text and "Casenotes recovery key" in text
    assert "locked away, apart from the laptop" in text
    assert f"Saved as {pdf}" in dialog.said.text() and "then delete it" in dialog.said.text()


def test_a_cancelled_print_says_the_key_is_not_kept_yet(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    asked = answer_modal(qtbot, QPrintDialog,
                         lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: asked != [], timeout=10_000)
    assert "Not printed" in dialog.said.text() and not dialog.ok.isEnabled()


def test_at_set_up_the_copied_key_pastes_into_the_unlock_page(  # type: ignore[no-untyped-def]
        qtbot, settings, sample_transcript, monkeypatch) -> None:
    """The whole use of Copy: set up, copy the key, lock, paste it to unlock. The keyring
    seemed to work when the page was shown, so its box was left ticked, but the test session
    has none to keep the slot in: the dialog says so."""
    monkeypatch.setattr("storage.keyring_store.available", lambda: True)
    w = make_window(qtbot, settings, sample_transcript)
    assert w.unlock_page.keyring.isChecked()
    page = w.unlock_page
    back_to(qtbot, w)
    qtbot.keyClicks(page.name, "Sam Taylor")
    qtbot.keyClicks(page.secret, PASSPHRASE)
    qtbot.keyClicks(page.confirm, PASSPHRASE)
    seen: dict[str, str] = {}

    def keep(box) -> None:  # type: ignore[no-untyped-def]
        seen["keyring"] = box.keyring.text() if box.keyring.isVisible() else ""
        qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_C, ALT)
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "", timeout=5_000)
        seen["copied"] = QGuiApplication.clipboard().text()
        tab_to(qtbot, box.written)
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Return)
    QGuiApplication.clipboard().clear()
    answered = answer_modal(qtbot, RecoveryKeyDialog, keep)
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)
    assert answered == ["Your recovery key"]
    assert "keyring could not be used" in seen["keyring"]
    assert "asks for your passphrase" in seen["keyring"]
    back_to(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert w.session is None
    tab_to(qtbot, page.recovery)
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is page.secret and page.using_recovery
    qtbot.keyClick(page.secret, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.secret.text() == seen["copied"]
    qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)
    assert QApplication.activeWindow() is w


def test_space_ticks_the_acknowledgement_and_enter_continues(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """What the packaged app's X-server test types: the dialog opens on the acknowledgement,
    not on Copy (Space there would copy the key and Enter do nothing)."""
    assert focused() is dialog.written
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.written.isChecked() and dialog.ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
