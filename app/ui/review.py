"""Resolving flags and approving: the strip under the draft, and the approval dialog.

Every flag gets one of three decisions: accept it (the statement stands, or the risk is
noted), edit (the wording was corrected), or dismiss with a reason that goes on the record.
Approval is offered only when none is left, and asks the practitioner to attest that they
checked the note against the conversation; an approved note is read-only and is changed only
by an amendment (a new version, with its reason).
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from app.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.words import plural

ATTESTATION = "I have checked this note against the conversation."


def flag_status(flag: dict[str, Any]) -> str:
    resolution = flag.get("resolution")
    if not resolution:
        return "⚠ to resolve"
    choice = resolution["choice"]
    if choice == "dismiss":
        return f"✗ dismissed: {resolution['reason']}"
    return "✓ accepted" if choice == "accept" else "✎ edited"


def edited_html(flags: list[dict[str, Any]]) -> str:
    """What each edited flag changed in the note, for the approval summary."""
    rows = [f"<li>{escape(str(f.get('category', '')).capitalize())}: "
            f"{escape(f['resolution']['reason'] or 'edited')}</li>"
            for f in flags if (f.get("resolution") or {}).get("choice") == "edit"]
    return f"<p>Edited:</p><ul>{''.join(rows)}</ul>" if rows else ""


class ReviewBar(QWidget):
    """Accept / Edit / Dismiss for the chosen flag, the count left, Approve and Amend."""

    accept_clicked = Signal()
    edit_clicked = Signal()
    dismiss_clicked = Signal()
    approve_clicked = Signal()
    amend_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accept_button = QPushButton("&Accept")
        self.accept_button.setToolTip("The statement is right, or the risk is noted (Alt+A)")
        self.edit_button = QPushButton("&Edit…")
        self.dismiss_button = QPushButton("&Dismiss…")
        self.dismiss_button.setToolTip("Not a concern: give the reason for the record (Alt+D)")
        self.approve_button = QPushButton("A&pprove…")
        self.approve_button.setToolTip("Approve once every flag is resolved (Alt+P)")
        self.amend_button = QPushButton("A&mend…")
        self.amend_button.setToolTip("Start a new version of the approved note (Alt+M)")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Review status")
        # Room for three lines (who approved, when, and how the draft was made).
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3 + 4)
        for button, signal in ((self.accept_button, self.accept_clicked),
                               (self.edit_button, self.edit_clicked),
                               (self.dismiss_button, self.dismiss_clicked),
                               (self.approve_button, self.approve_clicked),
                               (self.amend_button, self.amend_clicked)):
            button.clicked.connect(signal)
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.amend_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.show_note(None, has_choice=False)

    def show_note(self, note: dict[str, Any] | None, *, has_choice: bool,
                  provenance: str = "", editable: bool = True) -> None:
        """`editable`: the chosen flag is about a sentence of the note, which Edit opens."""
        approved = bool(note and note["status"] == "approved")
        open_flags = note["open_flags"] if note else 0
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            button.setEnabled(bool(note) and not approved and has_choice)
        if self.edit_button.isEnabled() and not editable:
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip("No sentence of the note cites this flag's evidence: "
                                        "accept it, or dismiss it with a reason")
        else:
            self.edit_button.setToolTip("Open the flagged sentence in the note editor to "
                                        "correct it; the flag is marked edited once its "
                                        "wording changes (Alt+E)")
        self.approve_button.setEnabled(bool(note) and not approved and open_flags == 0)
        self.approve_button.setVisible(not approved)
        self.amend_button.setVisible(approved)
        if note is None:
            self.status.setText("")
        elif approved:
            approval = note["approval"]
            self.status.setText(
                f"Approved version {note['version']} by {approval['by']} on "
                f"{approval['at'][:16].replace('T', ' ')} UTC. It is read-only; Amend makes a "
                f"new version. {provenance}".strip())
        elif open_flags:
            self.status.setText(f"{plural(open_flags, 'flag')} left to resolve before the "
                                "note can be approved.")
        else:
            self.status.setText("Every flag is resolved. Check the note once more, then "
                                "Approve.")


class ApprovalDialog(QDialog):
    """The attestation, with who and when, and how the draft was made."""

    def __init__(self, name: str, note: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Approve the note")
        content = note["content"]
        model = content.get("model") or "a local model"
        flags = content.get("flags", [])
        decided = {c: sum(1 for f in flags if (f.get("resolution") or {}).get("choice") == c)
                   for c in ("accept", "edit", "dismiss")}
        summary = QLabel(
            f"<p><b>{name}</b>, {datetime.now().strftime('%d %B %Y, %H:%M')}</p>"
            f"<p>Drafted with AI assistance ({model}, template {content.get('template')}). "
            f"You resolved {plural(len(flags), 'flag')}: "
            f"{decided['accept']} accepted, {decided['edit']} edited, {decided['dismiss']} "
            f"dismissed with a reason.</p>{edited_html(flags)}<p>Once approved, the note is "
            "read-only; a change after that is an amendment, kept as a new version with its "
            "reason.</p>")
        summary.setWordWrap(True)
        self.attest = QCheckBox(ATTESTATION)
        self.attest.setAccessibleName("Attestation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert self.ok is not None
        self.ok.setText("Approve")
        self.ok.setEnabled(False)
        self.attest.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.attest)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
