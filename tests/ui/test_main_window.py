"""Drive the real main window, with a real vault and the fake transcriber and writer."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

import app.ui.main_window as main_window  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.visit_dialog import NewVisit  # noqa: E402
from storage.records import Consent  # noqa: E402
from tests.fakes import FakeWriter, fake_services  # noqa: E402

pytestmark = pytest.mark.gui
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window.RecoveryKeyDialog, "exec", lambda self: 1)


def make_window(qtbot, settings, transcript, **kw) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(fake_services(settings, transcript, **kw))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)
    return w


def set_up(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = w.unlock_page
    assert page.setup_mode and page.name.isVisible()
    page.name.setText("Sam Taylor")
    page.secret.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.keyring.setChecked(False)
    page.submit.click()
    qtbot.waitUntil(lambda: w.session is not None, timeout=10_000)


@pytest.fixture
def window(qtbot, settings, sample_transcript):  # type: ignore[no-untyped-def]
    w = make_window(qtbot, settings, sample_transcript)
    set_up(qtbot, w)
    return w


def open_sample(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w.on_open_sample()
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)


def draft(qtbot, w: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w.on_draft()
    qtbot.waitUntil(lambda: w.job is None and w.draft is not None, timeout=10_000)


def test_first_run_sets_up_the_vault_and_shows_nothing_until_then(
        qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, settings, sample_transcript)
    assert w.stack.currentWidget() is w.unlock_page and not w.toolbar.isVisible()
    w.unlock_page.name.setText("Sam Taylor")
    w.unlock_page.secret.setText(PASSPHRASE)
    w.unlock_page.confirm.setText("something else")
    w.unlock_page.submit.click()
    assert "different" in w.unlock_page.error.text() and w.session is None
    set_up(qtbot, w)
    assert w.stack.currentIndex() == 1 and settings.paths.vault.exists()


def test_first_run_picks_the_microphone_for_visits(
        qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    from app.ui.recorder import device_key, input_devices

    w = make_window(qtbot, settings, sample_transcript)
    combo = w.unlock_page.microphone
    assert combo.isVisible()
    # The test session's PulseAudio server offers its pipe-source; it is the default.
    keys = [combo.itemData(n) for n in range(combo.count())]
    assert keys == [device_key(d) for d in input_devices()] and "virtmic" in keys
    assert combo.currentData() == "virtmic"
    set_up(qtbot, w)
    assert w.services.settings.input_device == "virtmic"
    assert '"input_device": "virtmic"' in settings.paths.settings_file.read_text()


def test_sample_visit_is_stored_transcribed_drafted_and_cited(
        qtbot, window, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window)
    assert window.transcript_panel.segment_count() == len(sample_transcript.segments)
    assert window.visits_panel.list.count() == 2  # the group heading, then the visit
    assert window.visits_panel.list.item(0).text() == "Transcribed (1)"
    assert "SAMPLE-0001" in window.visits_panel.list.item(1).text()
    draft(qtbot, window)
    html = window.draft_panel.browser.toHtml()
    assert "he can make a sandwich" in html and 'href="cite:7"' in html
    window.draft_panel.citation_clicked.emit(7)
    rows = window.transcript_panel.table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [7]
    stored = window.session.visit(window.visit_id)
    assert stored["state"] == "drafted" and stored["note"]["open_flags"] == 2
    # Each section can be copied for pasting into a case system's form.
    section = next(s for s in window.draft.sections if s.sentences)
    assert f'href="copy:{section.id}"' in html
    from app.qt import QGuiApplication, QUrl
    window.draft_panel.on_anchor(QUrl(f"copy:{section.id}"))
    copied = QGuiApplication.clipboard().text()
    assert copied == " ".join(s.text for s in section.sentences) and copied


def test_clicking_a_flag_shows_its_evidence(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window)
    draft(qtbot, window)
    flags = window.draft_panel.flags
    falls = next(i for i in range(flags.count()) if "Falls" in flags.item(i).text())
    window.draft_panel.on_flag_activated(flags.item(falls))
    rows = window.transcript_panel.table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [3]


def test_lock_hides_everything_and_unlock_brings_the_visit_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window)
    draft(qtbot, window)
    window.lock_action.trigger()
    assert window.session is None and window.stack.currentWidget() is window.unlock_page
    assert window.transcript_panel.segment_count() == 0
    assert window.visits_panel.list.item(0).text().startswith("No visits")
    window.unlock_page.secret.setText("not the passphrase")
    window.unlock_page.submit.click()
    qtbot.waitUntil(lambda: window.unlock_page.error.isVisible(), timeout=10_000)
    assert "not right" in window.unlock_page.error.text() and window.session is None
    window.unlock_page.secret.setText(PASSPHRASE)
    window.unlock_page.submit.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    window.visits_panel.visit_chosen.emit(window.session.list_visits()[0]["id"])
    assert window.transcript_panel.segment_count() > 0
    assert "he can make a sandwich" in window.draft_panel.browser.toPlainText()


def test_a_locked_window_no_longer_names_who_was_signed_in(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The title bar (and the taskbar, and the window list) said "Casenotes: Sam Taylor"
    after Ctrl+L too, over the locked page; seen in the X walkthrough's screenshots."""
    from app.qt import QApplication, Qt

    assert window.windowTitle() == "Casenotes: Sam Taylor"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and window.windowTitle() == "Casenotes"
    qtbot.keyClicks(window.unlock_page.secret, PASSPHRASE)
    qtbot.keyClick(window.unlock_page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    assert window.windowTitle() == "Casenotes: Sam Taylor"


def test_idle_lock(qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, settings.updated(lock_idle_minutes=0.002), sample_transcript)
    set_up(qtbot, w)
    qtbot.waitUntil(lambda: w.session is None, timeout=5_000)
    assert w.stack.currentWidget() is w.unlock_page


def test_cancel_stops_transcription(qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    w = make_window(qtbot, settings, sample_transcript, gate=gate)
    set_up(qtbot, w)
    w.on_open_sample()
    assert w.cancel_action.isEnabled() and not w.new_action.isEnabled()
    w.on_cancel()
    gate.set()
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)
    assert w.transcript is None and "Cancelled" in w.statusBar().currentMessage()
    assert w.new_action.isEnabled() and not w.draft_action.isEnabled()


def test_a_bad_file_is_refused_before_a_visit_exists(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "letter.wav"
    bad.write_text("Dear Sir or Madam")
    window.start_visit(NewVisit("CASE-1", "Mrs Patel", "home-visit",
                                Consent("the person", "verbal"), bad))
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    assert "letter.wav is not audio Casenotes can read" in (window.last_error or "")
    assert window.session.list_visits() == []


def test_an_imported_original_can_be_deleted_once_it_is_in_the_vault(  # type: ignore[no-untyped-def]
        qtbot, window, sample_audio: Path, tmp_path: Path) -> None:
    import shutil

    from app.qt import QMessageBox

    original = tmp_path / "visit-recording.flac"
    shutil.copy(sample_audio, original)
    window.start_visit(NewVisit("CASE-2", "Mr Jones", "home-visit",
                                Consent("the person", "verbal"), original))
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    box = window.delete_box
    assert "not encrypted" in box.text() and original.exists()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert not original.exists()
    visit = window.session.visit(window.visit_id)
    assert visit["recordings"][0]["filename"] == "visit-recording.flac"
    assert len(window.session.recording_samples(visit["recordings"][0]["id"])) > 16000 * 60


def test_wording_a_model_invented_never_reaches_the_screen(qtbot, settings,
                                                           sample_transcript) -> None:  # type: ignore[no-untyped-def]
    writer = FakeWriter("Mr Jones will move to a care home.", name="Fake 3B")
    w = make_window(qtbot, settings, sample_transcript, writer=writer)
    set_up(qtbot, w)
    open_sample(qtbot, w)
    draft(qtbot, w)
    assert writer.calls > 0
    assert "care home" not in w.draft_panel.browser.toPlainText()
    assert "Drafted with Fake 3B" in w.draft_panel.browser.toPlainText()


def test_an_interrupted_recording_is_offered_for_recovery_after_unlock(
        qtbot, window, sample_audio) -> None:  # type: ignore[no-untyped-def]
    from app.capture import Capture
    from transcription.audio import decode_audio

    visit = window.session.new_visit("CASE-9", "Mrs Patel", "home-visit",
                                     Consent("the person", "verbal"))
    capture = Capture(window.session, visit, chunk_seconds=1.0)
    capture.feed(decode_audio(sample_audio)[: 16000 * 5])  # no stop(): as if the power failed
    window.lock_action.trigger()
    window.unlock_page.secret.setText(PASSPHRASE)
    window.unlock_page.submit.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    box = window.recovery_box
    assert "1 recording was interrupted" in box.text()
    box.done(int(box.StandardButton.Yes))
    qtbot.waitUntil(lambda: "Recovered 5 s" in window.statusBar().currentMessage(),
                    timeout=5_000)
    assert window.session.unfinished_recordings() == []


def test_the_recovery_key_dialog_never_blocks_quitting(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.qt import QKeyEvent, Qt
    from app.ui.recovery_key import RecoveryKeyDialog

    dialog = RecoveryKeyDialog("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # Escape does not wave the key away
    event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    dialog.keyPressEvent(event)
    assert dialog.isVisible()
    assert dialog.close()  # but closing (as quitting the app does) is never refused


def test_a_new_visit_starts_with_the_template_the_settings_choose(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from app.qt import QApplication, Qt
    # the settings' default is the home visit; the list of templates is alphabetical
    assert window.services.settings.template == "home-visit"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.visit_dialog is not None and window.visit_dialog.isVisible(),
                    timeout=5_000)
    assert window.visit_dialog.template.currentText() == "Home visit"
    window.visit_dialog.reject()
