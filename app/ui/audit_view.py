"""A visit's history in plain language, from the hash-chained audit log, and whether the
chain still checks (every entry's hash covers the one before it)."""

from __future__ import annotations

from html import escape
from typing import Any

from app.qt import QDialog, QPushButton, QTextBrowser, QVBoxLayout, QWidget
from app.ui.theme import colour
from app.ui.words import plural


def describe(entry: dict[str, Any]) -> str:
    """One audit entry as a sentence a team lead can read."""
    d, who = entry["details"], entry["actor"]
    action = entry["action"]
    sentences = {
        "visit created": lambda: f"{who} started the visit ({d.get('template')}); consent "
                                 f"given by {d.get('consent', {}).get('by')}, "
                                 f"{d.get('consent', {}).get('how')}.",
        "recording imported": lambda: f"{who} imported the recording {d.get('file')} "
                                      f"({d.get('bytes', 0) / 1e6:.1f} MB).",
        "recording started": lambda: f"{who} started recording.",
        "recording finished": lambda: f"The recording was stopped and kept ({d.get('chunks')} "
                                      "chunks).",
        "recording recovered after an interruption": lambda: "A recording interrupted by a "
                                                             "crash was recovered.",
        "transcribed": lambda: f"The recording was transcribed with Whisper "
                               f"{d.get('model')} "
                               f"({plural(int(d.get('segments') or 0), 'segment')}).",
        "transcript corrected": lambda: f"{who} corrected segment {entry['entity_id']} of the "
                                        "transcript.",
        "drafted": lambda: f"A draft was written with {d.get('model')} "
                           f"({plural(int(d.get('flags') or 0), 'flag')} to resolve).",
        "note edited": lambda: f"{who} edited the note (version {d.get('version')}).",
        "flag resolved": lambda: f"{who} chose '{d.get('choice')}' for the "
                                 f"{d.get('category')} flag" +
                                 (f": {d.get('reason')}" if d.get("reason") else "") + ".",
        "approved": lambda: f"{who} approved version {d.get('version')} of the note, "
                            f"attesting it was checked against the conversation (content "
                            f"SHA-256 {str(d.get('content_hash'))[:12]}…).",
        "amendment started": lambda: f"{who} started version {d.get('version')} to amend the "
                                     f"approved note: {d.get('reason')}.",
        "exported": lambda: f"{who} exported {plural(len(d.get('notes', [])), 'note')} as "
                            f"{str(d.get('format')).upper()} to {d.get('destination')}" +
                            (" with third parties masked" if d.get("redacted") else "") + ".",
        "audio deleted (retention)": lambda: "The audio was deleted under the retention "
                                             "policy.",
        "transcript deleted (retention)": lambda: "The transcript was deleted under the "
                                                  "retention policy.",
    }
    make = sentences.get(action)
    return make() if make else f"{who}: {action}."


class AuditDialog(QDialog):
    def __init__(self, entries: list[dict[str, Any]], problems: list[str], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History: {title}")
        self.resize(760, 520)
        self.view = QTextBrowser()
        self.view.setAccessibleName("History of the visit")
        state = (f"<p style='color:{colour('success')}'><b>The history is intact:</b> every "
                 "entry's hash "
                 "checks against the one before it.</p>" if not problems else
                 f"<p style='color:{colour('error')}'><b>The history has been tampered with:</b> "
                 f"{escape(problems[0])}</p>")
        rows = "".join(f"<tr><td style='padding-right:12px;white-space:nowrap'>"
                       f"{escape(e['at'][:16].replace('T', ' '))}</td>"
                       f"<td>{escape(describe(e))}</td></tr>" for e in entries)
        self.view.setHtml(f"{state}<table>{rows}</table>")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(close)
