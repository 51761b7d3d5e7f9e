"""The main window: unlock the vault, start a visit, watch it transcribe, draft a cited note.

Two pages: the unlock page (all that shows while the vault is locked) and the workspace
(visits, transcript, draft). All model and key-derivation work goes through `Job` on the
single background thread; this class only reacts to events. Every result is stored in the
vault by `Casework` before the event announcing it arrives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.casework import Casework
from app.qt import (
    QAction,
    QAudioDevice,
    QCloseEvent,
    QKeySequence,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from app.recording import RecordingSession
from app.services import (
    SAMPLE_PERSON,
    SegmentTranscribed,
    Services,
    TranscriptionCompleted,
)
from app.ui.capture_settings import CaptureSettingsDialog
from app.ui.draft_panel import DraftPanel
from app.ui.export_dialog import ExportDialog
from app.ui.idle_lock import IdleWatcher
from app.ui.jobs import Job
from app.ui.original_file import ask_to_delete_original
from app.ui.player import PlayerBar
from app.ui.record_panel import RecordPanel
from app.ui.recorder import Recorder, input_devices
from app.ui.recovery_key import RecoveryKeyDialog  # noqa: F401 - where tests patch it
from app.ui.screen_fit import default_size
from app.ui.transcript_panel import TranscriptPanel
from app.ui.unlock_page import UnlockPage
from app.ui.visit_dialog import NewVisit, NewVisitDialog
from app.ui.visits_panel import VisitsPanel
from app.ui.window_keys import KeysPart
from app.ui.window_recording import RecordingPart
from app.ui.window_review import ReviewPart
from app.ui.window_unlock import UnlockPart
from app.ui.words import plural
from storage.records import Consent
from summarise.draft import Draft
from transcription.transcript import Transcript


@dataclass(frozen=True)
class VisitStarted:
    visit_id: int
    original: Path | None = None  # an imported file, now safe in the vault


class MainWindow(UnlockPart, RecordingPart, ReviewPart, KeysPart):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.session: Casework | None = None
        self.visit_id: int | None = None
        self.transcript: Transcript | None = None
        self.draft: Draft | None = None
        self.job: Job | None = None
        self.last_error: str | None = None
        self.role = "practitioner"
        self.live: RecordingSession | None = None
        self.recorder: Recorder | None = None
        self.lost_devices: list[QAudioDevice] = []
        self.export_dialog: ExportDialog | None = None
        self.visit_dialog: NewVisitDialog | None = None
        self.setWindowTitle("Casenotes")
        self.resize(default_size(self.screen().availableGeometry()))
        self._build()
        self._install_keys()
        self.idle = IdleWatcher(services.lock_idle_minutes, self)
        self.idle.idle.connect(self.on_lock)
        self._refresh_actions()
        self.try_keyring_unlock()

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        def action(text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                   slot) -> QAction:  # type: ignore[no-untyped-def]
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.new_action = action("&New visit…", QKeySequence.StandardKey.New, self.on_new_visit)
        self.open_action = action("New visit from a &recording…", QKeySequence.StandardKey.Open,
                                  self.on_import_visit)
        self.sample_action = action("Try the &sample recording", None, self.on_open_sample)
        self.draft_action = action("&Draft note", "Ctrl+D", self.on_draft)
        self.cancel_action = action("&Cancel", QKeySequence(Qt.Key.Key_Escape), self.on_cancel)
        self.export_action = action("&Export approved notes…", "Ctrl+E", self.on_export)
        self.capture_settings_action = action("&Transcription and drafting settings…", None,
                                              self.on_capture_settings)
        self.history_action = action("&History of this visit…", "Ctrl+H", self.on_history)
        self.help_action = action("&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents,
                                  self.on_shortcuts)
        self.lock_action = action("&Lock", "Ctrl+L", self.on_lock)
        quit_action = action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action, self.draft_action,
                              self.cancel_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addActions([self.lock_action, quit_action])
        tools = self.menuBar().addMenu("&Tools")
        tools.addActions([self.capture_settings_action, self.history_action])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.help_action, self.sample_action])

        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.new_action, self.draft_action])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.lock_action)
        self.addToolBar(self.toolbar)

        self.unlock_page = UnlockPage()
        self.unlock_page.unlock_requested.connect(self.on_unlock_requested)
        self.unlock_page.setup_requested.connect(self.on_setup_requested)
        self.visits_panel = VisitsPanel()
        self.visits_panel.visit_chosen.connect(self.open_visit)
        self.visits_panel.search_changed.connect(lambda _text: self.refresh_visits())
        self.transcript_panel = TranscriptPanel()
        self.transcript_panel.sample_requested.connect(self.on_open_sample)
        self.transcript_panel.speaker_changed.connect(
            lambda index, speaker: self.name_speaker(index, speaker))
        self.transcript_panel.correction_requested.connect(self.on_correct_words)
        self.record_panel = RecordPanel()
        self.record_panel.pause_clicked.connect(self.on_pause_recording)
        self.record_panel.stop_clicked.connect(self.on_stop_recording)
        self.record_panel.continue_clicked.connect(self.on_continue_recording)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.record_panel)
        middle_layout.addWidget(self.transcript_panel, 1)
        self.player = PlayerBar()
        middle_layout.addWidget(self.player)
        self.player.position_changed.connect(self._follow_playback)
        self.transcript_panel.segment_activated.connect(self.play_segment)
        self.draft_panel = DraftPanel()
        self.draft_panel.citation_clicked.connect(self.transcript_panel.show_segment)
        self.draft_panel.citation_clicked.connect(self.play_citation)
        review = self.draft_panel.review
        review.accept_clicked.connect(lambda: self.resolve_flag(self._flag_row(), "accept"))
        review.edit_clicked.connect(self.on_edit_flag)
        review.dismiss_clicked.connect(self.on_dismiss_flag)
        review.approve_clicked.connect(self.on_approve)
        review.amend_clicked.connect(self.on_amend)
        self.draft_panel.editor.save_requested.connect(self.save_note_edits)
        self.draft_panel.editor.sentence_edited.connect(self.on_sentence_edited)
        self.draft_panel.redraft_requested.connect(self.redraft_section)
        workspace = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.visits_panel, middle, self.draft_panel):
            workspace.addWidget(widget)
        workspace.setSizes([230, 520, 600])
        workspace.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(workspace)
        self.setCentralWidget(self.stack)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.on_cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _refresh_actions(self) -> None:
        busy, unlocked = self.job is not None, self.session is not None
        records = unlocked and self.role == "practitioner"  # a team lead reads and exports
        for act in (self.new_action, self.open_action, self.sample_action,
                    self.capture_settings_action):
            act.setEnabled(records and not busy)
        for act in (self.lock_action, self.export_action):
            act.setEnabled(unlocked and not busy)
        self.history_action.setEnabled(unlocked and self.visit_id is not None)
        reason = self._why_not_draft(records, busy)
        self.draft_action.setEnabled(reason is None)
        self.draft_action.setToolTip(reason or "Draft a cited note from the transcript (Ctrl+D)")
        self.cancel_action.setEnabled(busy)
        self.cancel_button.setVisible(busy and unlocked)
        self.progress.setVisible(busy and unlocked)
        self.toolbar.setVisible(unlocked)

    # -- settings ------------------------------------------------------------------------
    def on_capture_settings(self) -> None:
        if self.session is None:
            return
        case = self.session.visit(self.visit_id)["case"] if self.visit_id else None
        self.capture_dialog = CaptureSettingsDialog(self.session, case, self)
        self.capture_dialog.open()

    # -- export --------------------------------------------------------------------------
    def on_export(self) -> None:
        if self.session is None:
            return
        self.export_dialog = ExportDialog(self.session, self)
        self.export_dialog.finished.connect(lambda _result: self.refresh_visits())
        self.export_dialog.open()

    # -- visits --------------------------------------------------------------------------
    def refresh_visits(self) -> None:
        if self.session:
            words = self.visits_panel.search.text().strip() or None
            self.visits_panel.set_visits(self.session.list_visits(search=words), self.visit_id)

    def on_new_visit(self, *, importing: bool = False) -> None:
        """The New visit dialog, without blocking the event loop (jobs keep reporting)."""
        dialog = NewVisitDialog(self.services.templates(), self,
                                microphone=bool(input_devices()),
                                default=self.services.settings.template)
        if importing:
            dialog.import_file.setChecked(True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_visit(dialog.value()))
        dialog.destroyed.connect(lambda *_: setattr(self, "visit_dialog", None))
        self.visit_dialog = dialog
        dialog.open()

    def on_import_visit(self) -> None:
        self.on_new_visit(importing=True)

    def on_open_sample(self) -> None:
        self.start_visit(NewVisit("SAMPLE-0001", SAMPLE_PERSON, "home-visit",
                                  Consent("the person (fictional sample)", "verbal"),
                                  self.services.sample_recording()))

    def start_visit(self, visit: NewVisit) -> None:
        """Check the file, create the visit, store the recording and transcribe it."""
        session = self.session
        if session is None:
            return
        if visit.recording is None:
            self.start_live_recording(visit)
            return
        self.transcript, self.draft = None, None
        self.transcript_panel.clear(f"Transcript of {visit.recording.name}")
        self.draft_panel.start("", 0)
        self.statusBar().showMessage(f"Storing and transcribing {visit.recording.name}…")
        self.progress.setValue(0)
        recording, sample = visit.recording, self.services.sample_recording()

        def work():  # type: ignore[no-untyped-def]
            visit_id = session.start_visit(visit.case_ref, visit.person, visit.template,
                                           visit.consent, recording)
            yield VisitStarted(visit_id, None if recording == sample else recording)
            yield from session.transcribe(visit_id, language=visit.language,
                                          translate=visit.translate)
        self._start(Job(work).on_event(self.on_transcription_event)
                    .on_success(self.on_transcription_completed))

    def offer_to_delete(self, original: Path) -> None:
        """The imported file is now stored encrypted; the original on disk is not."""
        def said(message: str) -> None:
            done = self.job is None and self.transcript is not None
            self.statusBar().showMessage(message + (" Next: Draft note (Ctrl+D)." if done
                                                    else ""))
        self.delete_box = ask_to_delete_original(original, self, said=said,
                                                 failed=self.show_error)

    def open_visit(self, visit_id: int) -> None:
        if self.session is None or self.job is not None:
            QTimer.singleShot(0, self.refresh_visits)  # the list shows the visit still open
            return
        visit = self.session.visit(visit_id)
        self.visit_id = visit_id
        self.statusBar().clearMessage()  # a message about the visit shown before is stale
        self._set_player(visit)
        self.transcript = (Transcript.from_dict(visit["transcript"]) if visit["transcript"]
                           else None)
        self.transcript_panel.clear(f"Transcript: {visit['person']} ({visit['case']})")
        for segment in self.transcript.segments if self.transcript else ():
            self.transcript_panel.append(segment)
        self.transcript_panel.table.scrollToTop()  # a visit opens at its start, not its end
        note = visit["note"]
        self.draft = Draft.from_dict(note["content"]) if note else None
        if self.draft:
            self.draft_panel.show_draft(self.draft)
        else:
            self.draft_panel.start("", 0)
        self.refresh_note()
        self._refresh_actions()

    # -- transcribing --------------------------------------------------------------------
    def on_transcription_event(self, event: object) -> None:
        if isinstance(event, VisitStarted):
            self.visit_id = event.visit_id
            self.refresh_visits()
            if event.original is not None:
                self.offer_to_delete(event.original)
        elif isinstance(event, SegmentTranscribed):
            self.transcript_panel.append(event.segment)
            self.progress.setValue(int(event.fraction * 100))

    def on_transcription_completed(self, event: object) -> None:
        if not isinstance(event, TranscriptionCompleted):
            return
        self.transcript = event.transcript
        if self.session is not None and self.visit_id is not None:
            self._set_player(self.session.visit(self.visit_id))
        self.refresh_visits()
        count = len(event.transcript.segments)
        if count:
            self.statusBar().showMessage(
                f"Transcribed {event.transcript.duration:.0f} s of audio into "
                f"{plural(count, 'segment')} in {event.seconds:.0f} s with Whisper "
                f"{event.model}. Next: Draft note (Ctrl+D).")
        else:
            self.show_error("No speech was found in this recording. Check the microphone "
                            "was on, or start a visit with another recording.")

    # -- jobs ----------------------------------------------------------------------------
    def _start(self, job: Job, *, quiet: bool = False) -> None:
        self.job = job
        if not quiet:
            job.on_failure(self.show_error)
        job.on_cancelled(self.on_cancelled).on_finished(self.on_job_finished)
        self._refresh_actions()
        job.start()

    def on_cancel(self) -> None:
        if self.live is not None:  # a recording is stopped with Stop, never cancelled
            return
        if self.job:
            self.statusBar().showMessage("Cancelling…")
            self.job.cancel()

    def on_cancelled(self) -> None:
        self.statusBar().showMessage("Cancelled. Nothing was changed.")

    def on_job_finished(self) -> None:
        self.job = None
        self._refresh_actions()

    def show_error(self, message: str) -> None:
        """Show a plain-English problem without blocking the event loop."""
        self.last_error = message
        self.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "Casenotes", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.live is not None:  # keep every second recorded; transcribe it later
            self.on_stop_recording()
        self.draft_panel.editor.flush()
        if self.job:
            self.job.cancel()
        from app.ui.jobs import model_pool
        model_pool().waitForDone(10_000)
        if self.session:
            self.session.lock()
            self.session = None
        event.accept()
