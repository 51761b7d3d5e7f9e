"""Transcription and drafting settings: the speech model, the words Whisper should expect
(yours and the open case's), your voice profile (read a passage aloud once, so your segments
are labelled 'practitioner') and the language model that drafts (those this installation
carries, summarise.models.available_llms, or a .gguf file). The vocabulary and the voice
profile are personal data and live in the vault; the model choices are ordinary settings."""

from __future__ import annotations

import numpy as np

from app.casework import Casework
from app.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from app.ui.recorder import Recorder, find_device
from app.ui.theme import colour
from storage.errors import VaultError
from summarise.models import available_llms

PASSAGE = ("“When I visit people at home we talk about how they are managing, what matters "
           "to them and what support would help. I listen, I write down what we agree, and I "
           "check it with them before anything goes on their record. Today I am reading this "
           "short passage so that Casenotes can tell my voice from the voices of the people I "
           "visit. The recording of my voice stays encrypted on this laptop.”")
VOICE_SECONDS = 30


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose '&' mnemonic works. QFormLayout makes the field the label's buddy
    only when the field is a widget; beside a layout the label has none, and then Qt shows
    the '&' itself instead of underlining the letter."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class CaptureSettingsDialog(QDialog):
    def __init__(self, session: Casework, case_ref: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_ref = case_ref
        self.setWindowTitle("Transcription and drafting settings")
        self.resize(640, 560)
        settings = session.services.settings
        self.model = QComboBox()
        self.model.setAccessibleName("Speech recognition model")
        self.model.addItem("Whisper base: best accuracy, any language (default)", "base")
        self.model.addItem("Whisper tiny.en: about twice as fast, English only", "tiny.en")
        if settings.asr_model not in ("base", "tiny.en"):
            self.model.addItem(f"Your model: {settings.asr_model}", settings.asr_model)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.asr_model)))
        other = QPushButton("Other model folder…")
        other.clicked.connect(self.on_other_model)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(other)
        self.llm = QComboBox()
        self.llm.setAccessibleName("Language model that drafts the note")
        for name, text in available_llms():
            self.llm.addItem(text, name)
        if self.llm.findData(settings.llm) < 0:
            self.llm.addItem(f"Your model: {settings.llm}", settings.llm)
        self.llm.setCurrentIndex(max(0, self.llm.findData(settings.llm)))
        other_llm = QPushButton("Other .gguf file…")
        other_llm.clicked.connect(self.on_other_llm)
        llm_row = QHBoxLayout()
        llm_row.addWidget(self.llm, 1)
        llm_row.addWidget(other_llm)

        terms = session.record.vocabulary(case_ref)
        self.mine = QPlainTextEdit("\n".join(terms["mine"]))
        self.mine.setAccessibleName("Your vocabulary, one term per line")
        self.mine.setPlaceholderText("One per line: names of services, places, local words…")
        self.case_terms = QPlainTextEdit("\n".join(terms["case"]))
        self.case_terms.setAccessibleName("This case's vocabulary, one term per line")
        self.case_terms.setPlaceholderText("One per line: the person's family, GP, street…")
        self.case_terms.setEnabled(bool(case_ref))

        self.voice_state = QLabel()
        self.voice_state.setWordWrap(True)
        self.voice_button = QPushButton("Record my voice (30 s)…")
        self.voice_button.clicked.connect(self.on_record_voice)
        self.passage = QLabel(PASSAGE)
        self.passage.setWordWrap(True)
        self.passage.setStyleSheet("font-style: italic; padding: 6px;")
        self.passage.hide()
        self._show_voice_state()

        form = QFormLayout()
        form.addRow(buddy_label("&Model", self.model), model_row)
        form.addRow(buddy_label("&Language model", self.llm), llm_row)
        form.addRow("&Your words", self.mine)
        form.addRow(f"Words for &case {case_ref}" if case_ref else "Words for a case",
                    self.case_terms)
        voice_row = QVBoxLayout()
        voice_row.addWidget(self.voice_state)
        voice_row.addWidget(self.voice_button)
        voice_row.addWidget(self.passage)
        form.addRow(buddy_label("Your &voice", self.voice_button), voice_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {colour('error')};")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.recorder: Recorder | None = None
        self.voice_audio: list[np.ndarray] = []

    def _show_voice_state(self) -> None:
        has = self.session.record.voice_profile() is not None
        self.voice_state.setText(
            "Your voice profile is saved: your segments are labelled 'practitioner'." if has
            else "No voice profile yet: segments are labelled from what is said. Read the "
                 "passage aloud once, alone, and Casenotes will know your voice.")

    def on_other_model(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A faster-whisper (CTranslate2) model")
        if folder:
            self.model.addItem(f"Your model: {folder}", folder)
            self.model.setCurrentIndex(self.model.count() - 1)

    def on_other_llm(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "A GGUF language model", "",
                                              "GGUF models (*.gguf)")
        if path:
            self.llm.addItem(f"Your model: {path}", path)
            self.llm.setCurrentIndex(self.llm.count() - 1)

    # -- voice ---------------------------------------------------------------------------
    def on_record_voice(self) -> None:
        self.voice_audio = []
        self.passage.show()
        self.voice_button.setEnabled(False)
        self.recorder = Recorder(find_device(self.session.services.settings.input_device),
                                 self.voice_audio.append, self)
        self.recorder.elapsed.connect(lambda s: self.voice_state.setText(
            f"Recording: read the passage below aloud… {max(0, VOICE_SECONDS - int(s))} s"))
        self.recorder.device_lost.connect(self._voice_failed)
        self.recorder.start()
        QTimer.singleShot(VOICE_SECONDS * 1000, self.finish_voice)

    def finish_voice(self) -> None:
        if self.recorder is None:
            return
        self.recorder.stop()
        self.recorder = None
        self.passage.hide()
        self.voice_button.setEnabled(True)
        audio = (np.concatenate(self.voice_audio).astype(np.float32) / 32768.0
                 if self.voice_audio else np.zeros(0, dtype=np.float32))
        try:
            self.session.enrol_voice(audio)
        except VaultError as exc:
            self._voice_failed(str(exc))
            return
        self._show_voice_state()

    def _voice_failed(self, message: str) -> None:
        self.error.setText(message)
        self.voice_button.setEnabled(True)

    # -- saving --------------------------------------------------------------------------
    def on_save(self) -> None:
        try:
            for box, case in ((self.mine, None), (self.case_terms, self.case_ref)):
                if case is None and box is self.case_terms:
                    continue
                wanted = {" ".join(t.split()) for t in box.toPlainText().splitlines()
                          if t.strip()}
                have = set(self.session.record.vocabulary(case)["case" if case else "mine"])
                if have - wanted:
                    self.session.record.remove_vocabulary(sorted(have - wanted), case)
                if wanted - have:
                    self.session.record.add_vocabulary(sorted(wanted - have), case)
        except VaultError as exc:
            self.error.setText(str(exc))
            return
        services = self.session.services
        changes = {"asr_model": str(self.model.currentData()),
                   "llm": str(self.llm.currentData())}
        if any(getattr(services.settings, k) != v for k, v in changes.items()):
            services.settings = services.settings.updated(**changes)
            services.settings.save()
        self.accept()
