"""Drive the real main window with the fake transcriber and writer (offscreen)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.ui.main_window import MainWindow  # noqa: E402
from tests.fakes import FakeWriter, fake_services  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, settings, sample_transcript):  # type: ignore[no-untyped-def]
    w = MainWindow(fake_services(settings, sample_transcript))
    qtbot.addWidget(w)
    w.show()
    return w


def _transcribe(qtbot, w: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    w.open_recording(path)
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)


def test_open_transcribe_draft_and_follow_a_citation(qtbot, window, sample_audio,
                                                     sample_transcript) -> None:  # type: ignore[no-untyped-def]
    assert not window.draft_action.isEnabled()
    _transcribe(qtbot, window, sample_audio)
    assert window.transcript is not None
    assert window.transcript_panel.segment_count() == len(sample_transcript.segments)
    assert window.draft_action.isEnabled()

    window.person_edit.setText("Mr Jones")
    window.on_draft()
    qtbot.waitUntil(lambda: window.draft is not None, timeout=10_000)
    html = window.draft_panel.browser.toHtml()
    assert "Mr Jones said he can make a sandwich" in html
    assert 'href="cite:7"' in html
    assert window.draft_panel.flags.count() == len(window.draft.flags) >= 2

    window.draft_panel.citation_clicked.emit(7)
    rows = window.transcript_panel.table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [7]


def test_clicking_a_flag_shows_its_evidence(qtbot, window, sample_audio) -> None:  # type: ignore[no-untyped-def]
    _transcribe(qtbot, window, sample_audio)
    window.on_draft()
    qtbot.waitUntil(lambda: window.draft is not None, timeout=10_000)
    falls = next(i for i in range(window.draft_panel.flags.count())
                 if "Falls" in window.draft_panel.flags.item(i).text())
    window.draft_panel.on_flag_activated(window.draft_panel.flags.item(falls))
    rows = window.transcript_panel.table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [3]


def test_cancel_stops_transcription_and_leaves_nothing_half_done(
        qtbot, settings, sample_transcript, sample_audio) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    w = MainWindow(fake_services(settings, sample_transcript, gate=gate))
    qtbot.addWidget(w)
    w.open_recording(sample_audio)
    assert w.cancel_action.isEnabled() and not w.open_action.isEnabled()
    w.on_cancel()
    gate.set()
    qtbot.waitUntil(lambda: w.job is None, timeout=10_000)
    assert w.transcript is None
    assert "Cancelled" in w.statusBar().currentMessage()
    assert w.open_action.isEnabled() and not w.draft_action.isEnabled()


def test_a_bad_file_shows_a_plain_message(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "letter.wav"
    bad.write_text("Dear Sir or Madam")
    _transcribe(qtbot, window, bad)
    assert window.last_error is not None
    assert "letter.wav is not audio Casenotes can read" in window.last_error
    assert window.transcript is None and window.open_action.isEnabled()


def test_wording_a_model_invented_never_reaches_the_screen(qtbot, settings, sample_transcript,
                                                     sample_audio) -> None:  # type: ignore[no-untyped-def]
    writer = FakeWriter("Mr Jones will move to a care home.", name="Fake 3B")
    w = MainWindow(fake_services(settings, sample_transcript, writer=writer))
    qtbot.addWidget(w)
    _transcribe(qtbot, w, sample_audio)
    w.on_draft()
    qtbot.waitUntil(lambda: w.draft is not None, timeout=10_000)
    assert writer.calls > 0
    assert "care home" not in w.draft_panel.browser.toPlainText()
    assert "Drafted with Fake 3B" in w.draft_panel.browser.toPlainText()
