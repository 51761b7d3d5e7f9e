"""The recovery key, shown once at set-up, with ways to keep it that need no retyping.

Copy puts it on the clipboard for a password manager, and takes it off again after two
minutes if it is still there (clipboard managers and other programs can read the clipboard,
and a key left there is a key left on this laptop). Print… sends a one-page sheet to a
printer through the system's print dialog, which also offers a PDF file: the sheet says the
key belongs locked away, apart from the laptop. Continuing needs a tick that it is kept.
"""

from __future__ import annotations

from datetime import date
from html import escape

from app.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFont,
    QGuiApplication,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QPrintDialog,
    QPrinter,
    QPushButton,
    Qt,
    QTextDocument,
    QTimer,
    QVBoxLayout,
    QWidget,
)

CLEAR_CLIPBOARD_MS = 120_000


def key_sheet(recovery_key: str) -> QTextDocument:
    """The printed page: what the key is, the key itself, and where to keep it."""
    doc = QTextDocument()
    doc.setHtml(
        "<h1>Casenotes recovery key</h1>"
        f"<p>Made on {date.today().strftime('%d %B %Y')}. If the passphrase is ever "
        "forgotten, this key is the only way to open the vault.</p>"
        f"<p style='font-family: monospace; font-size: 18pt'><b>{escape(recovery_key)}</b></p>"
        "<p>Keep this page locked away, apart from the laptop. Anyone with this key and the "
        "laptop can read every record in it. Shred it if a new key is made.</p>")
    return doc


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once; continuing needs a tick that it has been kept."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None,
                 keyring: str = "") -> None:
        """`keyring`: a line on whether the login keyring now opens the vault ('' for none)."""
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.setWindowTitle("Your recovery key")
        explain = QLabel("If the passphrase is ever forgotten, this key is the only way to "
                         "open the vault. It is shown once: print it, copy it into a password "
                         "manager or write it down, and keep it locked away, apart from this "
                         "laptop.")
        explain.setWordWrap(True)
        key = QLabel(recovery_key)
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key.setAccessibleName("Recovery key")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(key.font().pointSizeF() * 1.4)
        key.setFont(font)
        key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip("Put the key on the clipboard for a password manager; it "
                                    "is cleared from there after two minutes (Alt+C)")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.on_copy)
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Print the key on a page to keep locked away (Alt+P)")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.on_print)
        keep = QHBoxLayout()
        keep.addStretch(1)
        keep.addWidget(self.copy_button)
        keep.addWidget(self.print_button)
        keep.addStretch(1)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setAccessibleName("What happened to the key")
        self.said.hide()
        self.keyring = QLabel(keyring)
        self.keyring.setWordWrap(True)
        self.keyring.setVisible(bool(keyring))
        self.written = QCheckBox("I have printed, copied or written down the recovery key")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert self.ok is not None
        self.ok.setText("Continue")
        self.ok.setEnabled(False)
        self.written.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(key)
        layout.addLayout(keep)
        for widget in (self.said, self.keyring, self.written, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(480)
        # the one thing to do here is acknowledge the key: Space ticks it, Enter continues
        # (Copy and Print are Alt+C and Alt+P); the packaged app's X-server test types that
        self.written.setFocus()

    def _say(self, message: str) -> None:
        self.said.setText(message)
        self.said.show()

    def on_copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.recovery_key)
        key = self.recovery_key

        def clear() -> None:
            if clipboard.text() == key:  # never clear what the person copied since
                clipboard.clear()
        QTimer.singleShot(CLEAR_CLIPBOARD_MS, clear)
        self._say("Copied. Paste it into your password manager now: Casenotes clears it from "
                  "the clipboard in two minutes.")

    def choose_printer(self, printer: QPrinter) -> bool:
        """The system's print dialog (a printer, or a PDF file); False if cancelled."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery key")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Casenotes recovery key")
        if not self.choose_printer(printer):
            self._say("Not printed. Print it, copy it or write it down before you continue.")
            return
        key_sheet(self.recovery_key).print_(printer)
        where = printer.outputFileName()
        if where:
            self._say(f"Saved as {where}. Print that file, then delete it: a copy of the key "
                      "on this laptop defeats keeping it apart.")
        else:
            self._say(f"Sent to {printer.printerName() or 'the printer'}. Check the page "
                      "came out and shows the whole key.")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Escape must not wave the key away unread; closing the window (or quitting the app)
        # still works: refusing to close would block the whole application from quitting.
        if event.key() == Qt.Key.Key_Escape and not self.written.isChecked():
            event.ignore()
            return
        super().keyPressEvent(event)
