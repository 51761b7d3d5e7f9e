"""Recording through a real PulseAudio server whose microphone is a pipe (tests/pulse.py):
QAudioSource, the vault, live transcription with the real Whisper base model, and SIGKILL."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from app.casework import Casework  # noqa: E402
from app.services import Services, run_to_completion  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.visit_dialog import NewVisit  # noqa: E402
from storage.records import Consent  # noqa: E402
from tests.kill import run_then_kill  # noqa: E402
from tests.pulse import VirtualMicrophone  # noqa: E402
from tests.ui.test_main_window import PASSPHRASE, set_up  # noqa: E402
from transcription.audio import decode_audio  # noqa: E402
from transcription.wer import word_error_rate  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.model]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPEECH = FIXTURES / "live-visit.flac"
WRITER = Path(__file__).resolve().parents[1] / "mic_writer.py"


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.main_window as main_window

    monkeypatch.setattr(main_window.RecoveryKeyDialog, "exec", lambda self: 1)


@pytest.fixture
def data(tmp_path: Path, model_data_dir: Path) -> Path:
    """A fresh data folder sharing the session's assembled Whisper model."""
    (model_data_dir / "models").mkdir(exist_ok=True)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "models").symlink_to(model_data_dir / "models")
    return folder


def speech_int16() -> np.ndarray:
    return np.clip(np.rint(decode_audio(SPEECH) * 32768), -32768, 32767).astype(np.int16)


def script() -> str:
    ref = json.loads((FIXTURES / "live-visit.ref.json").read_text())
    return " ".join(s["text"] for s in ref["segments"])


def conversation() -> np.ndarray:
    """The fixture twice, with a second's pause: 53 s, long enough for a live stretch
    (28 s or more, cut at a pause) to be transcribed before Stop."""
    speech = speech_int16()
    return np.concatenate([speech, np.zeros(16000, dtype=np.int16), speech])


def test_records_and_transcribes_live_as_well_as_from_a_file(  # type: ignore[no-untyped-def]
        qtbot, microphone: VirtualMicrophone, data: Path) -> None:
    services = Services(Settings(data_dir=data))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.job is None, timeout=10_000)
    set_up(qtbot, window)
    window.start_live_recording(NewVisit("CASE-5", "Mrs Green", "home-visit",
                                         Consent("the person", "verbal"), None))
    assert window.record_panel.isVisible() and window.live is not None
    microphone.play(conversation())
    # The transcript grows while the conversation is still going on.
    qtbot.waitUntil(lambda: window.transcript_panel.segment_count() > 0, timeout=60_000)
    assert window.live is not None and not window.live.stopped
    assert window.live.live.seconds_recorded < 50
    qtbot.waitUntil(lambda: window.record_panel.clock.text() >= "0:53", timeout=60_000)
    window.on_stop_recording()
    qtbot.waitUntil(lambda: window.job is None, timeout=60_000)
    assert window.transcript is not None and not window.record_panel.isVisible()

    both = script() + " " + script()
    live_wer = word_error_rate(both, " ".join(s.text for s in window.transcript.segments))
    as_file = conversation().astype(np.float32) / 32768
    from_file = run_to_completion(services.transcribe_audio(as_file)).transcript
    file_wer = word_error_rate(both, " ".join(s.text for s in from_file.segments))
    assert live_wer <= file_wer + 0.02, (live_wer, file_wer, [
        (round(s.start, 1), round(s.end, 1), s.text) for s in window.transcript.segments])

    session = window.session
    assert session is not None
    stored = session.visit(window.visit_id)
    assert stored["state"] == "transcribed" and stored["transcript"]["segments"]
    recording = stored["recordings"][0]
    assert recording["source"] == "microphone" and recording["finished"]
    seconds = len(session.recording_samples(recording["id"])) / 16000
    assert 53.0 <= seconds <= 57.0  # all of it, plus the moment before Stop
    assert "Transcript complete" in window.statusBar().currentMessage()


def test_kill_while_recording_from_the_microphone_loses_at_most_one_chunk(
        microphone: VirtualMicrophone, data: Path) -> None:
    services = Services(Settings(data_dir=data))
    work, _ = Casework.init(services, PASSPHRASE, name="Sam Taylor", use_keyring=False)
    visit = work.new_visit("CASE-6", "Mrs Green", "home-visit", Consent("the person", "verbal"))
    work.lock()
    env = {**os.environ, "CASENOTES_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}
    rng = random.Random(8)
    for _ in range(2):
        microphone.play(speech_int16()[: 16000 * 11])
        ready, lines = run_then_kill([str(WRITER), str(data), str(visit)], env, rng, 4.0, 9.0)
        microphone.wait()
        reported = len([line for line in lines if line.startswith("chunk")])
        assert reported >= 1, lines
        session = Casework.unlock(services, passphrase=PASSPHRASE, use_keyring=False)
        try:
            rid = int(ready[1])
            assert rid in [r["id"] for r in session.unfinished_recordings()]
            seconds = session.recover_recording(rid)
            assert reported * 3.0 <= seconds <= (reported + 1) * 3.0
            assert session.verify_audit() == []
        finally:
            session.lock()


def test_the_voice_profile_is_recorded_from_the_microphone(  # type: ignore[no-untyped-def]
        qtbot, microphone: VirtualMicrophone, settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.capture_settings as capture_settings
    from tests.fakes import fake_services
    from transcription.transcript import Transcript

    monkeypatch.setattr(capture_settings, "VOICE_SECONDS", 12)
    work, _ = Casework.init(fake_services(settings, Transcript("en", 0.0, ())), PASSPHRASE,
                            name="Sam Taylor", use_keyring=False)
    try:
        dialog = capture_settings.CaptureSettingsDialog(work)
        qtbot.addWidget(dialog)
        ref = json.loads((FIXTURES / "live-visit.ref.json").read_text())["segments"]
        speech = speech_int16()
        mine = np.concatenate([speech[int(s["start"] * 16000):int(s["end"] * 16000)]
                               for s in ref if s["speaker"] == "practitioner"])
        dialog.on_record_voice()
        assert dialog.passage.isVisible() or not dialog.isVisible()
        microphone.play(np.tile(mine, 2)[: 16000 * 13])
        qtbot.waitUntil(lambda: dialog.recorder is None, timeout=30_000)
        assert dialog.error.text() == ""
        assert work.record.voice_profile() is not None
        assert "voice profile is saved" in dialog.voice_state.text()
        microphone.wait()
    finally:
        work.lock()
