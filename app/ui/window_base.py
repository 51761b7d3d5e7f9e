"""What the main window's parts share: its state and the few methods each part calls on the
others. The window is assembled from parts (recording, review) so no file grows past a few
hundred lines; each part is a QMainWindow mixin over this base."""

from __future__ import annotations

from typing import Any

from app.casework import Casework
from app.qt import QAudioDevice, QMainWindow, QProgressBar, QStackedWidget
from app.recording import RecordingSession
from app.services import Services
from app.ui.draft_panel import DraftPanel
from app.ui.export_dialog import ExportDialog
from app.ui.idle_lock import IdleWatcher
from app.ui.jobs import Job
from app.ui.player import PlayerBar
from app.ui.record_panel import RecordPanel
from app.ui.recorder import Recorder
from app.ui.transcript_panel import TranscriptPanel
from app.ui.unlock_page import UnlockPage
from app.ui.visits_panel import VisitsPanel
from summarise.draft import Draft
from transcription.transcript import Transcript


class WindowBase(QMainWindow):
    services: Services
    session: Casework | None
    visit_id: int | None
    transcript: Transcript | None
    draft: Draft | None
    job: Job | None
    live: RecordingSession | None
    recorder: Recorder | None
    lost_devices: list[QAudioDevice]
    idle: IdleWatcher
    visits_panel: VisitsPanel
    transcript_panel: TranscriptPanel
    record_panel: RecordPanel
    draft_panel: DraftPanel
    player: PlayerBar
    unlock_page: UnlockPage
    stack: QStackedWidget
    progress: QProgressBar
    role: str
    export_dialog: ExportDialog | None

    def show_error(self, message: str) -> None:
        raise NotImplementedError

    def _refresh_actions(self) -> None:
        raise NotImplementedError

    def refresh_visits(self) -> None:
        raise NotImplementedError

    def refresh_note(self) -> None:
        raise NotImplementedError

    def _start(self, job: Job, *, quiet: bool = False) -> None:
        raise NotImplementedError

    def on_transcription_event(self, event: object) -> None:
        raise NotImplementedError

    def _set_player(self, visit: dict[str, Any] | None) -> None:
        raise NotImplementedError
