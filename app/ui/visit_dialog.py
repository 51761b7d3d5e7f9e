"""New visit: who, which template, and consent, before any recording is stored.

The visit cannot be created without a consent record: who gave it (the person, or their
representative) and how (verbal or written). The reminder line is there to read aloud.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from app.ui.theme import colour
from storage.records import Consent
from summarise.templates import Template

REMINDER = ("“This conversation is being recorded so that I can write an accurate note. The "
            "recording stays encrypted on this laptop and is deleted once it is no longer needed. "
            "Is that all right with you?”")
LANGUAGES = [(None, "Detect automatically"), ("en", "English"), ("pl", "Polish"),
             ("ur", "Urdu"), ("pa", "Punjabi"), ("bn", "Bengali"), ("gu", "Gujarati"),
             ("ro", "Romanian"), ("ar", "Arabic"), ("so", "Somali"), ("pt", "Portuguese"),
             ("es", "Spanish"), ("cy", "Welsh"), ("zh", "Chinese"), ("tr", "Turkish")]
AUDIO_FILTER = ("Recordings (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm *.mp4 *.mov);;"
                "All files (*)")


@dataclass(frozen=True)
class NewVisit:
    case_ref: str
    person: str
    template: str
    consent: Consent
    recording: Path | None  # None: record now with the microphone
    language: str | None = None  # None: detect
    translate: bool = False      # transcribe into English


class NewVisitDialog(QDialog):
    def __init__(self, templates: list[Template], parent: QWidget | None = None,
                 recording: Path | None = None, *, microphone: bool = True,
                 default: str | None = None) -> None:
        """`microphone`: one is connected; without one, only importing a file is offered.
        `default`: the template chosen in the settings, selected to start with."""
        super().__init__(parent)
        self.setWindowTitle("New visit")
        self.case_ref = QLineEdit()
        self.case_ref.setAccessibleName("Case reference")
        self.case_ref.setPlaceholderText("e.g. ASC-104233")
        self.person = QLineEdit()
        self.person.setAccessibleName("Person's name")
        self.person.setPlaceholderText("as the note should name them, e.g. Mrs Patel")
        self.template = QComboBox()
        self.template.setAccessibleName("Note template")
        for t in templates:
            self.template.addItem(t.title, t.id)
        if default is not None and self.template.findData(default) >= 0:
            self.template.setCurrentIndex(self.template.findData(default))
        self.consent_by = QComboBox()
        self.consent_by.setEditable(True)
        self.consent_by.setAccessibleName("Who gave consent")
        self.consent_by.addItems(["the person", "their representative"])
        self.verbal = QRadioButton("Verbal")
        self.written = QRadioButton("Written")
        self.verbal.setChecked(True)
        # Two separate choices: how consent was given, and where the recording comes from.
        # Each is its own group (one tab stop, arrow keys within), so neither clears the other.
        self.consent_how = QButtonGroup(self)
        self.consent_how.addButton(self.verbal)
        self.consent_how.addButton(self.written)
        how = QHBoxLayout()
        how.addWidget(self.verbal)
        how.addWidget(self.written)
        how.addStretch(1)
        reminder = QLabel(REMINDER)
        reminder.setWordWrap(True)
        reminder.setAccessibleName("Consent reminder to read aloud")
        reminder.setStyleSheet("font-style: italic; padding: 6px;")
        self.language = QComboBox()
        self.language.setAccessibleName("Language spoken")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.translate = QCheckBox("Translate into English")
        self.translate.setToolTip("For a conversation in another language: the transcript "
                                  "and the note are written in English. Needs the base model.")
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        language_row.addWidget(self.translate)
        language_row.addStretch(1)
        self.record_now = QRadioButton("Record now with the microphone")
        self.import_file = QRadioButton("Import a recording file (audio or video)")
        if microphone:
            self.record_now.setChecked(True)
        else:
            self.record_now.setEnabled(False)
            self.record_now.setToolTip("No microphone found: connect one (and check it is "
                                       "allowed in the system settings), or import a "
                                       "recording file")
            self.import_file.setChecked(True)
        self.source = QButtonGroup(self)
        self.source.addButton(self.record_now)
        self.source.addButton(self.import_file)
        self.source.buttonToggled.connect(lambda _button, _on: self._source_changed())
        self.file_label = QLabel("No recording chosen")
        self.file_label.setWordWrap(True)
        choose = QPushButton("Choose recording…")
        choose.clicked.connect(self.on_choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {colour('error')};")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow("Case reference", self.case_ref)
        form.addRow("Person", self.person)
        form.addRow("Template", self.template)
        form.addRow("Consent given by", self.consent_by)
        form.addRow("Consent was", how)
        form.addRow("", reminder)
        source = QVBoxLayout()
        source.addWidget(self.record_now)
        source.addWidget(self.import_file)
        source.addLayout(file_row)
        form.addRow("Recording", source)
        form.addRow("Language", language_row)
        self.choose = choose
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create visit")
        buttons.accepted.connect(self.on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.recording: Path | None = None
        self._source_changed()
        if recording:
            self.set_recording(recording)

    def _source_changed(self) -> None:
        importing = self.import_file.isChecked()
        self.choose.setEnabled(importing)
        self.file_label.setEnabled(importing)

    def set_recording(self, path: Path) -> None:
        self.import_file.setChecked(True)
        self.recording = path
        self.file_label.setText(path.name)

    def on_choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the recording", str(Path.home()),
                                              AUDIO_FILTER)
        if path:
            self.set_recording(Path(path))

    def problem(self) -> str | None:
        if not self.case_ref.text().strip():
            return "Enter the case reference."
        if not self.person.text().strip():
            return "Enter the person's name."
        if not self.consent_by.currentText().strip():
            return "Record who gave consent to the recording."
        if self.import_file.isChecked() and self.recording is None:
            return "Choose the recording of the visit, or record now with the microphone."
        return None

    def on_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()

    def value(self) -> NewVisit:
        return NewVisit(self.case_ref.text().strip(), self.person.text().strip(),
                        self.template.currentData(),
                        Consent(self.consent_by.currentText().strip(),
                                "written" if self.written.isChecked() else "verbal"),
                        self.recording if self.import_file.isChecked() else None,
                        self.language.currentData(), self.translate.isChecked())
