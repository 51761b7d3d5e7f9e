"""The main window's recording part: consent is on the visit, the microphone strip, the
live transcript, Stop, a lost microphone."""

from __future__ import annotations

from app.qt import QAudioDevice
from app.recording import RecordingSession
from app.services import TranscriptionCompleted
from app.ui.jobs import Job
from app.ui.recorder import Recorder, device_key, find_device, input_devices
from app.ui.visit_dialog import NewVisit
from app.ui.window_base import WindowBase
from app.ui.words import plural


class RecordingPart(WindowBase):
    def start_live_recording(self, visit: NewVisit) -> None:
        """Consent is on the visit; record from the chosen microphone, transcribing live."""
        session = self.session
        if session is None:
            return
        visit_id = session.new_visit(visit.case_ref, visit.person, visit.template,
                                     visit.consent)
        self.visit_id, self.transcript, self.draft = visit_id, None, None
        self.refresh_visits()
        self.transcript_panel.clear(f"Live transcript: {visit.person} ({visit.case_ref})")
        self.draft_panel.start("", 0)
        self.live = RecordingSession(session, visit_id, language=visit.language,
                                     translate=visit.translate)
        devices = input_devices()
        device = find_device(self.services.settings.input_device)
        self.record_panel.begin([d.description() for d in devices],
                                next((i for i, d in enumerate(devices)
                                      if device_key(d) == device_key(device)), 0))
        self._open_microphone(device)
        self.idle.stop()  # never lock in the middle of a visit
        live = self.live
        self.statusBar().showMessage("Recording. The transcript appears as the conversation "
                                     "goes; press Stop when the visit ends.")
        self._start(Job(lambda: live.transcribe()).on_event(self.on_transcription_event)
                    .on_success(self.on_live_completed))

    def _open_microphone(self, device: QAudioDevice) -> None:
        assert self.live is not None
        self.recorder = Recorder(device, self.live.feed, self)
        self.recorder.level.connect(self.record_panel.set_level)
        self.recorder.elapsed.connect(self.record_panel.set_elapsed)
        self.recorder.silent.connect(lambda seconds: self.record_panel.warn(
            f"No sound for {plural(round(seconds), 'second')}. Check the microphone is on, "
            "not muted and close enough; the recording carries on."))
        self.recorder.sound_back.connect(lambda: self.record_panel.warn(""))
        self.recorder.device_lost.connect(self.on_microphone_lost)
        self.recorder.start()
        if self.services.settings.input_device != device_key(device):
            settings = self.services.settings.updated(input_device=device_key(device))
            settings.save()
            self.services.settings = settings

    def on_pause_recording(self) -> None:
        if self.recorder is None:
            return
        if self.recorder.paused:
            self.recorder.resume()
        else:
            self.recorder.pause()
        self.record_panel.set_paused(self.recorder.paused)

    def on_microphone_lost(self, message: str) -> None:
        self.lost_devices = input_devices()
        self.record_panel.lost(message, [d.description() for d in self.lost_devices])
        self.statusBar().showMessage(message)

    def on_continue_recording(self, index: int) -> None:
        if self.live is None or not 0 <= index < len(self.lost_devices):
            return
        self.record_panel.begin([d.description() for d in self.lost_devices], index)
        self._open_microphone(self.lost_devices[index])

    def on_stop_recording(self) -> None:
        if self.live is None:
            return
        if self.recorder is not None:
            self.recorder.stop()
            self.recorder = None
        self.record_panel.finishing()
        self.live.stop()
        self.statusBar().showMessage("Stopped. The recording is safe in the vault; finishing "
                                     "the last seconds of the transcript…")

    def on_live_completed(self, event: object) -> None:
        self.record_panel.hide()
        self.live = None
        self.idle.start()
        if isinstance(event, TranscriptionCompleted):
            self.transcript = event.transcript
            self.refresh_visits()
            if self.session is not None and self.visit_id is not None:
                self._set_player(self.session.visit(self.visit_id))
            self.statusBar().showMessage(
                f"Transcript complete {event.seconds:.1f} s after Stop: "
                f"{plural(len(event.transcript.segments), 'segment')} from "
                f"{event.transcript.duration:.0f} s of audio. Next: Draft note (Ctrl+D).")

