"""After an import: the question whether to delete the plaintext file the recording came from.

The vault now holds the recording, encrypted; the file it was imported from is still on disk
in the clear, where anyone who opens this account's files, a backup of them or a lost laptop
can play it. Deleting is offered, never done unasked, and No is the default: Enter or Escape
keeps the file, since it may be the only copy something else relies on (a dictaphone's
folder, a shared drive) and a deleted file cannot be brought back from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.qt import QMessageBox, Qt, QWidget

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def ask_to_delete_original(original: Path, parent: QWidget, *,
                           said: Callable[[str], None],
                           failed: Callable[[str], None]) -> QMessageBox:
    """Open (not exec) the question; `said` gets what happened, `failed` a problem to show."""
    box = QMessageBox(QMessageBox.Icon.Question, "Delete the original recording?",
                      f"{original.name} is now stored in Casenotes, encrypted. The original "
                      "file on this computer is not encrypted: anyone who can open your files, "
                      "a backup of them or this laptop if it is lost can play it.",
                      YES | NO, parent)
    box.setInformativeText(
        f"Delete it if it was made for this visit and nothing else needs it ({original}). "
        "Keep it if it is a copy you still need elsewhere. Casenotes does not need it "
        "either way.")
    yes, no = box.button(YES), box.button(NO)
    assert yes is not None and no is not None
    yes.setText("&Yes, delete the original")
    no.setText("&No, keep it")
    box.setDefaultButton(NO)
    box.setEscapeButton(NO)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: int) -> None:
        if button != YES:
            said(f"Kept {original.name} where it was; the vault also has the recording, "
                 "encrypted.")
            return
        try:
            original.unlink()
        except FileNotFoundError:
            said(f"{original.name} was already gone; the vault keeps the recording.")
        except OSError as exc:
            failed(f"{original.name} could not be deleted ({exc.strerror}). Delete it "
                   "yourself, or check it is not open in another program; the vault keeps "
                   "the recording either way.")
        else:
            said(f"Deleted {original.name}; the vault keeps the recording, encrypted.")
    box.finished.connect(answered)
    box.open()
    return box
