"""The recording strip above the live transcript: the consent reminder, the microphone, a
level meter, the time, Pause and Stop, and plain warnings (silence, a lost microphone)."""

from __future__ import annotations

from app.qt import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.theme import colour
from app.ui.visit_dialog import REMINDER


class RecordPanel(QWidget):
    pause_clicked = Signal()
    stop_clicked = Signal()
    continue_clicked = Signal(int)  # index of the chosen microphone in `devices`

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordPanel")
        self.reminder = QLabel(REMINDER)
        self.reminder.setWordWrap(True)
        self.reminder.setAccessibleName("Consent reminder to read aloud")
        self.reminder.setStyleSheet("font-style: italic;")
        self.state = QLabel("● Recording")
        self.state.setStyleSheet(f"color: {colour('error')}; font-weight: bold;")
        self.clock = QLabel("0:00")
        self.clock.setAccessibleName("Time recorded")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(12)
        self.meter.setAccessibleName("Microphone level")
        self.device = QComboBox()
        self.device.setAccessibleName("Microphone")
        self.device.setMinimumWidth(180)
        self.pause_button = QPushButton("&Pause")
        self.pause_button.setAccessibleName("Pause recording")
        self.pause_button.clicked.connect(self.pause_clicked)
        self.stop_button = QPushButton("&Stop")
        self.stop_button.setAccessibleName("Stop recording")
        self.stop_button.clicked.connect(self.stop_clicked)
        self.continue_button = QPushButton("&Continue on this microphone")
        self.continue_button.clicked.connect(
            lambda: self.continue_clicked.emit(self.device.currentIndex()))
        self.continue_button.hide()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {colour('warning')}; font-weight: bold;")
        self.warning.hide()
        row = QHBoxLayout()
        row.addWidget(self.state)
        row.addWidget(self.clock)
        row.addWidget(self.meter, 1)
        row.addWidget(self.device)
        row.addWidget(self.continue_button)
        row.addWidget(self.pause_button)
        row.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.reminder)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        self.hide()

    def begin(self, devices: list[str], current: int) -> None:
        self.device.clear()
        self.device.addItems(devices)
        self.device.setCurrentIndex(max(0, current))
        self.device.setEnabled(False)  # chosen before starting; changeable if it is lost
        self.set_paused(False)
        self.clock.setText("0:00")
        self.meter.setValue(0)
        self.warning.hide()
        self.continue_button.hide()
        self.pause_button.setEnabled(True)
        self.stop_button.setEnabled(True)
        self.show()

    def set_elapsed(self, seconds: float) -> None:
        minutes, secs = divmod(int(seconds), 60)
        hours, minutes = divmod(minutes, 60)
        self.clock.setText(f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}")

    def set_level(self, level: float) -> None:
        self.meter.setValue(int(level * 100))

    def set_paused(self, paused: bool) -> None:
        self.pause_button.setText("&Resume" if paused else "&Pause")
        self.pause_button.setAccessibleName("Resume recording" if paused else "Pause recording")
        self.state.setText("❚❚ Paused" if paused else "● Recording")

    def warn(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def lost(self, text: str, devices: list[str]) -> None:
        """The microphone went away: keep the recording, offer another microphone."""
        self.warn(text)
        self.state.setText("■ Stopped: microphone lost")
        self.device.clear()
        self.device.addItems(devices)
        self.device.setEnabled(True)
        self.continue_button.setVisible(bool(devices))
        self.pause_button.setEnabled(False)

    def finishing(self) -> None:
        self.state.setText("■ Stopped: finishing the transcript…")
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        self.continue_button.hide()
