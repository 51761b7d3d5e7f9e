"""The main window: open a recording, watch it transcribe, draft a cited note.

All model work goes through `Job` on the single model thread; this class only reacts to
events. State is three plain values (recording path, transcript, draft), and the actions'
enabled state is derived from them in `_refresh_actions`.
"""

from __future__ import annotations

from pathlib import Path

from app.qt import (
    QAction,
    QCloseEvent,
    QComboBox,
    QFileDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QToolBar,
    QWidget,
)
from app.services import (
    SAMPLE_PERSON,
    SegmentTranscribed,
    Services,
    TranscriptionCompleted,
)
from app.ui.draft_panel import DraftPanel
from app.ui.jobs import Job
from app.ui.transcript_panel import TranscriptPanel
from summarise.draft import Draft
from summarise.drafter import DraftCompleted, SectionDrafted
from transcription.transcript import Transcript

AUDIO_FILTER = ("Recordings (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm *.mp4 *.mov);;"
                "All files (*)")


class MainWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.recording: Path | None = None
        self.transcript: Transcript | None = None
        self.draft: Draft | None = None
        self.job: Job | None = None
        self.last_error: str | None = None
        self.setWindowTitle("Casenotes")
        self.resize(1280, 760)
        self._build()
        self._refresh_actions()

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self.open_action = QAction("&Open recording…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.on_open)
        self.sample_action = QAction("Open &sample recording", self)
        self.sample_action.triggered.connect(self.on_open_sample)
        self.draft_action = QAction("&Draft note", self)
        self.draft_action.setShortcut(QKeySequence("Ctrl+D"))
        self.draft_action.triggered.connect(self.on_draft)
        self.cancel_action = QAction("&Cancel", self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.triggered.connect(self.on_cancel)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.open_action, self.draft_action, self.cancel_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.sample_action)

        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Note template")
        for template in self.services.templates():
            self.template_box.addItem(template.title, template.id)
        index = self.template_box.findData(self.services.settings.template)
        self.template_box.setCurrentIndex(max(index, 0))
        self.person_edit = QLineEdit()
        self.person_edit.setAccessibleName("Person's name as the note should give it")
        self.person_edit.setPlaceholderText("Person's name, e.g. Mrs Patel")
        self.person_edit.setClearButtonEnabled(True)
        self.person_edit.setMaximumWidth(240)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" Template: "))
        toolbar.addWidget(self.template_box)
        toolbar.addWidget(QLabel("  Person: "))
        toolbar.addWidget(self.person_edit)
        toolbar.addSeparator()
        toolbar.addAction(self.draft_action)
        self.addToolBar(toolbar)

        self.transcript_panel = TranscriptPanel()
        self.transcript_panel.sample_requested.connect(self.on_open_sample)
        self.draft_panel = DraftPanel()
        self.draft_panel.citation_clicked.connect(self.transcript_panel.show_segment)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.transcript_panel)
        splitter.addWidget(self.draft_panel)
        splitter.setSizes([620, 660])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running task")
        self.cancel_button.clicked.connect(self.on_cancel)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.statusBar().showMessage("Ready. Everything stays on this computer.")

    def _refresh_actions(self) -> None:
        busy = self.job is not None
        self.open_action.setEnabled(not busy)
        self.sample_action.setEnabled(not busy)
        self.draft_action.setEnabled(not busy and bool(self.transcript and
                                                       self.transcript.segments))
        self.cancel_action.setEnabled(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)

    # -- opening and transcribing --------------------------------------------------------
    def on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open recording", str(Path.home()),
                                              AUDIO_FILTER)
        if path:
            self.open_recording(Path(path))

    def on_open_sample(self) -> None:
        self.person_edit.setText(SAMPLE_PERSON)
        self.open_recording(self.services.sample_recording())

    def open_recording(self, path: Path) -> None:
        self.recording, self.transcript, self.draft = path, None, None
        self.transcript_panel.clear(f"Transcript of {path.name}")
        self.statusBar().showMessage(f"Transcribing {path.name}…")
        self.progress.setValue(0)
        self._start(Job(lambda: self.services.transcribe_file(path))
                    .on_event(self.on_transcription_event)
                    .on_success(self.on_transcription_completed))

    def on_transcription_event(self, event: object) -> None:
        if isinstance(event, SegmentTranscribed):
            self.transcript_panel.append(event.segment)
            self.progress.setValue(int(event.fraction * 100))

    def on_transcription_completed(self, event: object) -> None:
        if not isinstance(event, TranscriptionCompleted):
            return
        self.transcript = event.transcript
        count = len(event.transcript.segments)
        if count:
            self.statusBar().showMessage(
                f"Transcribed {event.transcript.duration:.0f} s of audio into {count} segments "
                f"in {event.seconds:.0f} s with Whisper {event.model}. Next: Draft note (Ctrl+D).")
        else:
            self.statusBar().showMessage("No speech was found in this recording.")
            self.show_error("No speech was found in this recording. Check the microphone "
                            "was on, or open another recording.")

    # -- drafting ------------------------------------------------------------------------
    def on_draft(self) -> None:
        transcript = self.transcript
        if not transcript:
            return
        template_id = self.template_box.currentData()
        person = self.person_edit.text().strip() or None
        template = self.services.template(template_id)
        self.draft_panel.start(template.title, len(template.sections))
        self.statusBar().showMessage("Drafting the note from the transcript…")
        self.progress.setValue(0)
        self._start(Job(lambda: self.services.draft(transcript, template_id, person_name=person))
                    .on_event(self.on_draft_event)
                    .on_success(self.on_draft_completed))

    def on_draft_event(self, event: object) -> None:
        if isinstance(event, SectionDrafted):
            self.draft_panel.add_section(event.section)
            self.progress.setValue(int(100 * event.done / event.total))

    def on_draft_completed(self, event: object) -> None:
        if isinstance(event, DraftCompleted):
            self.draft = event.draft
            self.draft_panel.show_draft(event.draft)
            flags = len(event.draft.flags)
            self.statusBar().showMessage(
                f"Draft ready with {flags} flag{'s' if flags != 1 else ''} to resolve. "
                "Check every sentence against the transcript.")

    # -- jobs ----------------------------------------------------------------------------
    def _start(self, job: Job) -> None:
        self.job = job
        job.on_failure(self.show_error).on_cancelled(self.on_cancelled)
        job.on_finished(self.on_job_finished)
        self._refresh_actions()
        job.start()

    def on_cancel(self) -> None:
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
        if self.job:
            self.job.cancel()
            from app.ui.jobs import model_pool

            model_pool().waitForDone(10_000)
        event.accept()
