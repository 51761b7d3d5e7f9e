"""The only thing shown while the vault is locked: set it up once, then unlock it.

Nothing about any case is visible on this page. The key derivation takes ~0.3 s, so the
page asks the window to unlock in the background and shows the answer inline.
"""

from __future__ import annotations

from app.qt import (
    QCheckBox,
    QComboBox,
    QFont,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.theme import colour
from storage.strength import MIN_PASSPHRASE


class UnlockPage(QWidget):
    unlock_requested = Signal(str, bool)        # secret, is_recovery_key
    setup_requested = Signal(str, str, bool)    # name, passphrase, use keyring

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name, as the record shows it")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Passphrase")
        self.secret.returnPressed.connect(self.on_submit)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Passphrase again")
        self.confirm.returnPressed.connect(self.on_submit)
        self.microphone = QComboBox()
        self.microphone.setAccessibleName("Microphone for visits")
        self.keyring = QCheckBox("Also unlock with my login keyring on this computer")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.setStyleSheet(f"color: {colour('error')};")
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.on_submit)
        self.recovery = QPushButton("Use the recovery key instead")
        self.recovery.setFlat(True)
        self.recovery.clicked.connect(self.on_toggle_recovery)
        for field in (self.name, self.secret, self.confirm):  # an answer to what was typed
            field.textEdited.connect(self._clear_error)

        self.form = QFormLayout()
        self.form.addRow("Your name", self.name)
        self.secret_label = QLabel("Passphrase")
        self.form.addRow(self.secret_label, self.secret)
        self.form.addRow("Passphrase again", self.confirm)
        self.form.addRow("Microphone", self.microphone)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(500)  # a fixed width lets the wrapped text take the height it needs
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.explain)
        inner.addLayout(self.form)
        for control in (self.keyring, self.error, self.submit, self.recovery):
            inner.addWidget(control)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        for field in (self.name, self.secret, self.confirm):
            field.setMinimumHeight(30)
        outer.addStretch(2)
        self.using_recovery = False
        self.setup_mode = False

    def show_setup(self, no_keyring: str = "") -> None:
        """`no_keyring`: why the login keyring cannot be used here (empty: it can). The box
        is then unticked and off, saying why, rather than ticked for a slot never made."""
        self.setup_mode, self.using_recovery = True, False
        self.keyring.setChecked(not no_keyring)
        self.keyring.setEnabled(not no_keyring)
        self.keyring.setToolTip(no_keyring or "While you are logged in to this computer, your "
                                "login keyring opens Casenotes without the passphrase; the "
                                "passphrase and the recovery key still work.")
        self.title.setText("Set up Casenotes")
        self.explain.setText("Recordings, transcripts and notes are kept only on this "
                             "computer, in an encrypted vault. Choose a passphrase of at least "
                             f"{MIN_PASSPHRASE} characters: a few unrelated words are strong and "
                             "easy to remember.")
        self.submit.setText("Create the vault")
        self._list_microphones()
        self._rows(name=True, confirm=True)
        self.keyring.show()
        self.recovery.hide()
        self.name.setFocus()

    def show_unlock(self, message: str = "") -> None:
        self.setup_mode = False
        self.title.setText("Casenotes is locked")
        self.explain.setText("Enter the recovery key printed at set-up." if self.using_recovery
                             else "Enter your passphrase to open the vault.")
        self.submit.setText("Unlock")
        self._rows(name=False, confirm=False)
        self.secret_label.setText("Recovery key" if self.using_recovery else "Passphrase")
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if self.using_recovery
                                else QLineEdit.EchoMode.Password)
        self.keyring.hide()
        self.recovery.show()
        self.recovery.setText("Use the passphrase instead" if self.using_recovery
                              else "Use the recovery key instead")
        self.secret.clear()
        self.show_error(message)
        self.secret.setFocus()

    def _list_microphones(self) -> None:
        from app.ui.recorder import device_key, input_devices

        self.microphone.clear()
        devices = input_devices()
        for device in devices:
            self.microphone.addItem(device.description(), device_key(device))
        if not devices:
            self.microphone.addItem("None found (you can still import recordings)", None)
        default = next((n for n, d in enumerate(devices) if d.isDefault()), 0)
        self.microphone.setCurrentIndex(default)

    def chosen_microphone(self) -> str | None:
        """The device key of the microphone picked at set-up (None: none was found)."""
        value = self.microphone.currentData()
        return value if isinstance(value, str) else None

    def _rows(self, *, name: bool, confirm: bool) -> None:
        self.form.setRowVisible(self.name, name)
        self.form.setRowVisible(self.confirm, confirm)
        self.form.setRowVisible(self.microphone, name)
        self.show_error("")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.set_busy(False)

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy)
        if busy:
            self._clear_error()  # what was wrong before has been put right
            self.submit.setText("Opening…" if not self.setup_mode else "Creating…")
        else:
            self.submit.setText("Create the vault" if self.setup_mode else "Unlock")

    def on_toggle_recovery(self) -> None:
        self.using_recovery = not self.using_recovery
        self.show_unlock()

    def on_submit(self) -> None:
        secret = self.secret.text()
        if self.setup_mode:
            if not self.name.text().strip():
                self.show_error("Enter your name: it goes on every note you approve.")
                return
            if secret != self.confirm.text():
                self.show_error("The two passphrases are different. Type them again.")
                return
            self.set_busy(True)
            self.setup_requested.emit(self.name.text().strip(), secret,
                                      self.keyring.isChecked())
        elif secret:
            self.set_busy(True)
            self.unlock_requested.emit(secret, self.using_recovery)
