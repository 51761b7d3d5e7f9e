"""Resolving flags and approving: the strip under the draft, and the approval dialog.

Every flag gets one of three decisions: accept it (the statement stands, or the risk is
noted), edit (the wording was corrected), or dismiss with a reason that goes on the record.
Approval is offered only when none is left, and asks the practitioner to attest that they
checked the note against the conversation; an approved note is read-only and is changed only
by an amendment (a new version, with its reason).
"""

from __future__ import annotations

from datetime import datetime
from difflib import SequenceMatcher
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
from storage.exports.document import writer_label

ATTESTATION = "I have checked this note against the conversation."
ACCEPT_TIP = "The statement is right, or the risk is noted (Alt+A)"
EDIT_TIP = ("Open the flagged sentence in the note editor to correct it; the flag is marked "
            "edited once its wording changes (Alt+E)")
DISMISS_TIP = "Not a concern: give the reason for the record (Alt+D)"
ALIKE = 0.5  # how alike (difflib's ratio) an action's words must stay to count as edited


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


def _who_when(action: dict[str, Any]) -> str:
    parts = [str(action.get("owner") or "no one named"),
             f"by {action['due']}" if action.get("due") else "no date"]
    return ", ".join(parts)


def _pair(ai: list[dict[str, Any]], now: list[dict[str, Any]]
          ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]],
                     list[dict[str, Any]]]:
    """Which of the note's actions is which of the AI's (all citing the same lines): the
    same words first, then the most alike, if alike enough to be an edit rather than a
    replacement. Returns (pairs, the note's unpaired, the AI's unpaired)."""
    left_ai, left_now = list(ai), list(now)
    pairs = []
    for action in list(left_now):
        same = next((x for x in left_ai if x["text"] == action["text"]), None)
        if same is not None:
            pairs.append((same, action))
            left_ai.remove(same)
            left_now.remove(action)
    scored = sorted(((SequenceMatcher(None, x["text"].lower(), y["text"].lower()).ratio(),
                      i, j) for i, x in enumerate(left_ai) for j, y in enumerate(left_now)),
                    reverse=True)
    used_ai: set[int] = set()
    used_now: set[int] = set()
    for ratio, i, j in scored:
        if ratio >= ALIKE and i not in used_ai and j not in used_now:
            pairs.append((left_ai[i], left_now[j]))
            used_ai.add(i)
            used_now.add(j)
    return (pairs, [y for j, y in enumerate(left_now) if j not in used_now],
            [x for i, x in enumerate(left_ai) if i not in used_ai])


def action_changes(original: list[dict[str, Any]] | None,
                   now: list[dict[str, Any]]) -> tuple[list[str], list[str], list[str]]:
    """(added, edited, removed): how the note's agreed actions differ from the AI's, each as
    a plain-English line, in the note's order (removed: the AI's)."""
    def key(action: dict[str, Any]) -> tuple[int, ...]:
        return tuple(action.get("citations", []))

    groups = {key(a) for a in (original or [])} | {key(a) for a in now}
    was: dict[int, dict[str, Any]] = {}
    gone: list[dict[str, Any]] = []
    for group in groups:
        pairs, _new, lost = _pair([a for a in original or [] if key(a) == group],
                                  [a for a in now if key(a) == group])
        was.update({id(mine): ai for ai, mine in pairs})
        gone += lost
    added, edited = [], []
    for action in now:
        ai = was.get(id(action))
        if ai is None:
            added.append(f"“{action['text']}” ({_who_when(action)})")
            continue
        changes = []
        if ai["text"] != action["text"]:
            changes.append(f"was “{ai['text']}”")
        if (ai.get("owner") or "") != (action.get("owner") or ""):
            changes.append(f"who: {ai.get('owner') or 'no one named'} → "
                           f"{action.get('owner') or 'no one named'}")
        if (ai.get("due") or "") != (action.get("due") or ""):
            changes.append(f"by when: {ai.get('due') or 'no date'} → "
                           f"{action.get('due') or 'no date'}")
        if changes:
            edited.append(f"“{action['text']}” ({'; '.join(changes)})")
    removed = [f"“{a['text']}”" for a in original or [] if any(a is x for x in gone)]
    return added, edited, removed


def actions_html(original: list[dict[str, Any]] | None, now: list[dict[str, Any]],
                 shown: int = 6) -> str:
    """What the practitioner changed in the agreed actions, for the approval summary; at most
    `shown` lines of each kind, then how many more."""
    if original is None:
        return ""
    added, edited, removed = action_changes(original, now)
    if not (added or edited or removed):
        return "<p>Agreed actions: as drafted, unchanged.</p>"
    rows = []
    for kind, lines in (("Added", added), ("Edited", edited), ("Removed", removed)):
        rows += [f"<li>{kind}: {escape(line)}</li>" for line in lines[:shown]]
        if len(lines) > shown:
            rows.append(f"<li>and {len(lines) - shown} more {kind.lower()}</li>")
    return (f"<p>Agreed actions you changed: {len(added)} added, {len(edited)} edited, "
            f"{len(removed)} removed.</p><ul>{''.join(rows)}</ul>")


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
        self.edit_button = QPushButton("&Edit…")
        self.dismiss_button = QPushButton("&Dismiss…")
        self.approve_button = QPushButton("A&pprove…")
        self.approve_button.setToolTip("Approve once every flag is resolved (Alt+P)")
        self.amend_button = QPushButton("A&mend…")
        self.amend_button.setToolTip("Start a new version of the approved note (Alt+M)")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Review status")
        self.status_lines = 0  # the lines' room kept for it (see show_note)
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
                  provenance: str = "", editable: bool = True,
                  resolved: dict[str, Any] | None = None) -> None:
        """`editable`: the chosen flag is about a sentence of the note, which Edit opens.
        `resolved`: the chosen flag, when it already has a decision. A decision is final for
        the version (deciding again would overwrite it, a dismissal's reason with it), so its
        buttons are off and say so; the note's words can still be changed in its editor."""
        approved = bool(note and note["status"] == "approved")
        open_flags = note["open_flags"] if note else 0
        # An approval needs four lines in a narrow pane (who approved, when, how the draft
        # was made, how much was changed); while flags are resolved one is enough, and the
        # spare ones are the editor's on a short screen.
        lines = 4 if approved else 1
        if lines != self.status_lines:
            self.status_lines = lines
            self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * lines + 4)
        decided = resolved is not None and bool(resolved.get("resolution"))
        for button in (self.accept_button, self.edit_button, self.dismiss_button):
            button.setEnabled(bool(note) and not approved and has_choice and not decided)
        self.accept_button.setToolTip(ACCEPT_TIP)
        self.dismiss_button.setToolTip(DISMISS_TIP)
        if self.edit_button.isEnabled() and not editable:
            self.edit_button.setEnabled(False)
            self.edit_button.setToolTip("No sentence of the note cites this flag's evidence: "
                                        "accept it, or dismiss it with a reason")
        else:
            self.edit_button.setToolTip(EDIT_TIP)
        if decided and not approved and resolved is not None:
            why = (f"This flag is already resolved ({flag_status(resolved).lstrip('✓✗✎ ')}); "
                   "its decision is on the record. To change the note's words, use Edit note "
                   "(Ctrl+Shift+E).")
            for button in (self.accept_button, self.edit_button, self.dismiss_button):
                button.setToolTip(why)
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

    def __init__(self, name: str, note: dict[str, Any], parent: QWidget | None = None,
                 original: dict[str, Any] | None = None) -> None:
        """`original`: the AI's draft behind the note, to say what changed in its actions."""
        super().__init__(parent)
        self.setWindowTitle("Approve the note")
        content = note["content"]
        model = writer_label(content.get("model"))
        flags = content.get("flags", [])
        decided = {c: sum(1 for f in flags if (f.get("resolution") or {}).get("choice") == c)
                   for c in ("accept", "edit", "dismiss")}
        actions = actions_html(original.get("actions") if original else None,
                               content.get("actions", []))
        summary = QLabel(
            f"<p><b>{name}</b>, {datetime.now().strftime('%d %B %Y, %H:%M')}</p>"
            f"<p>Drafted with AI assistance ({model}, template {content.get('template')}). "
            f"You resolved {plural(len(flags), 'flag')}: "
            f"{decided['accept']} accepted, {decided['edit']} edited, {decided['dismiss']} "
            f"dismissed with a reason.</p>{edited_html(flags)}"
            f"{actions}<p>Once approved, the note is "
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
