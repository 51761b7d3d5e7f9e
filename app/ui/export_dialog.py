"""The export view: find approved notes, pick many, export them in the case system's format.

Only approved notes are listed (a team lead sees every practitioner's on this device, a
practitioner their own), because `Casework.approved_notes` is the only source. The export
runs as a background job with progress and Cancel; a cancelled or failed batch leaves no
file and logs nothing. Notes exported before are only exported again after a question.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.casework import Casework
from app.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from app.ui.jobs import Job
from app.ui.words import plural
from storage.exports.batch import ExportFinished, ExportProgress

FORMAT_NAMES = {"docx": "Word document (DOCX), one per note",
                "pdf": "PDF, tagged and readable, one per note",
                "csv": "CSV for bulk import, one row per note",
                "json": "JSON (documented schema), one file",
                "txt": "Plain text, one per note"}
COLUMNS = ["Case", "Person", "Visit", "Note type", "Practitioner", "Version", "Approved",
           "Exported"]


class ExportDialog(QDialog):
    def __init__(self, session: Casework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.notes: list[dict[str, Any]] = []
        self.shown: list[dict[str, Any]] = []
        self.job: Job | None = None
        self.last_message = ""
        me = session.whoami()
        self.titles = {t.id: t.title for t in session.services.templates()}
        self.setWindowTitle("Export approved notes")
        self.setAccessibleName("Export approved notes")
        self.resize(1120, 640)
        layout = QVBoxLayout(self)
        scope = ("every practitioner's approved notes on this computer"
                 if me["role"] == "team-lead" else "your approved notes")
        intro = QLabel(f"Signed in as {me['name']} ({me['role'].replace('-', ' ')}): "
                       f"showing {scope}. Drafts, transcripts and audio never leave the vault.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        filters = QHBoxLayout()
        self.since = self._date_edit("Approved from")
        self.until = self._date_edit("Approved until")
        self.until.setDate(QDate.currentDate())
        self.since.setDate(QDate.currentDate().addMonths(-1))
        self.practitioner = self._combo("Practitioner", ["Everyone"])
        self.template = self._combo("Note type", ["All note types"])
        self.exported = self._combo("Exported", ["Exported or not", "Not exported yet",
                                                 "Exported before"])
        self.case = QLineEdit()
        self.case.setPlaceholderText("Case reference or person")
        self.case.setAccessibleName("Filter by case reference or person")
        self.case.setClearButtonEnabled(True)
        for label, widget in (("From", self.since), ("to", self.until), (None, self.case),
                              (None, self.practitioner), (None, self.template),
                              (None, self.exported)):
            if label:
                filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        layout.addLayout(filters)
        for signal in (self.since.dateChanged, self.until.dateChanged, self.case.textChanged,
                       self.practitioner.currentIndexChanged, self.template.currentIndexChanged,
                       self.exported.currentIndexChanged):
            signal.connect(self.apply_filters)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Approved notes; tick the ones to export")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._count())
        layout.addWidget(self.table, 1)

        picks = QHBoxLayout()
        all_button = QPushButton("Select &all")
        none_button = QPushButton("Select &none")
        all_button.clicked.connect(lambda: self._tick_all(True))
        none_button.clicked.connect(lambda: self._tick_all(False))
        self.count = QLabel()
        picks.addWidget(all_button)
        picks.addWidget(none_button)
        picks.addWidget(self.count, 1)
        layout.addLayout(picks)

        options = QFormLayout()
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for key, name in FORMAT_NAMES.items():
            self.format.addItem(name, key)
        self.csv_profile = QComboBox()
        self.csv_profile.setAccessibleName("CSV column mapping")
        for key, profile in sorted(session.csv_profiles().items()):
            self.csv_profile.addItem(profile.name, key)
        self.format.currentIndexChanged.connect(self._format_changed)
        redact_row = QHBoxLayout()
        self.redact = QCheckBox("Mask third parties' names and contact details")
        self.preview_button = QPushButton("&Preview masking…")
        self.preview_button.clicked.connect(self.on_preview)
        redact_row.addWidget(self.redact)
        redact_row.addWidget(self.preview_button)
        redact_row.addStretch(1)
        options.addRow("&Format:", self.format)
        options.addRow("CSV &columns:", self.csv_profile)
        options.addRow("Redaction:", redact_row)
        layout.addLayout(options)

        actions = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.export_button = QPushButton("&Export…")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.on_export)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.on_cancel)
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        actions.addWidget(self.progress)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.export_button)
        actions.addWidget(close_button)
        layout.addLayout(actions)
        self._format_changed()
        self.reload()

    # -- building blocks -----------------------------------------------------------------
    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def _combo(self, name: str, items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItems(items)
        return combo

    def _format_changed(self) -> None:
        self.csv_profile.setEnabled(self.format.currentData() == "csv")

    # -- the list ------------------------------------------------------------------------
    def reload(self) -> None:
        # The list needs no edit shares (a text comparison per note): skip them, so a
        # thousand approved notes list in a moment.
        self.notes = self.session.approved_notes(with_edits=False)
        for combo, values in ((self.practitioner, {(n["practitioner"], n["practitioner"])
                                                   for n in self.notes}),
                              (self.template, {(self._title(n["template"]), n["template"])
                                               for n in self.notes})):
            keep = combo.itemText(0)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(keep)
            for text, data in sorted(values):
                combo.addItem(text, data)
            combo.blockSignals(False)
        if self.notes:
            earliest = min(n["approval"]["at"][:10] for n in self.notes)
            self.since.setDate(QDate.fromString(earliest, "yyyy-MM-dd"))
        self.apply_filters()

    def apply_filters(self) -> None:
        since = self.since.date().toString("yyyy-MM-dd")
        until = self.until.date().toString("yyyy-MM-dd")
        words = self.case.text().strip().lower()
        who = self.practitioner.currentText() if self.practitioner.currentIndex() else None
        kind = self.template.currentData() if self.template.currentIndex() else None
        exported = {0: None, 1: False, 2: True}[self.exported.currentIndex()]
        self.shown = [n for n in self.notes
                      if since <= n["approval"]["at"][:10] <= until
                      and (not words or words in n["case"].lower()
                           or words in n["person"].lower())
                      and (who is None or n["practitioner"] == who)
                      and (kind is None or n["template"] == kind)
                      and (exported is None or bool(n["exports"]) == exported)]
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.shown))
        for row, note in enumerate(self.shown):
            exports = note["exports"]
            cells = [note["case"], note["person"], note["visit_date"],
                     self._title(note["template"]),
                     note["practitioner"], str(note["version"]),
                     note["approval"]["at"][:16].replace("T", " "),
                     exports[-1]["at"][:10] if exports else "not yet"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if not exports
                                       else Qt.CheckState.Unchecked)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._count()

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self._tick(row).setCheckState(state)
        self.table.blockSignals(False)
        self._count()

    def selected(self) -> list[dict[str, Any]]:
        return [note for row, note in enumerate(self.shown)
                if self._tick(row).checkState() == Qt.CheckState.Checked]

    def _title(self, template_id: str) -> str:
        return self.titles.get(template_id, template_id)

    def _tick(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def _count(self) -> None:
        picked = len(self.selected())
        self.count.setText(f"{picked} of {len(self.shown)} shown selected "
                           f"({len(self.notes)} approved in all)")
        self.export_button.setEnabled(picked > 0 and self.job is None)

    # -- preview and export --------------------------------------------------------------
    def on_preview(self) -> None:
        picked = self.selected()
        if not picked:
            self._say("Tick the notes to preview first.")
            return
        changes = self.session.redaction_preview([n["note_id"] for n in picked])
        html = ["<h3>What masking changes</h3>"]
        for note in changes:
            for before, after in note["changes"]:
                html.append(f"<p><b>{note['case']}</b><br>Before: {_esc(before)}<br>"
                            f"After: {_esc(after)}</p>")
        if len(html) == 1:
            html.append("<p>Nothing in these notes would be masked.</p>")
        preview = QDialog(self)
        preview.setWindowTitle("Masking preview")
        box = QVBoxLayout(preview)
        view = QTextBrowser()
        view.setAccessibleName("Masking preview")
        view.setHtml("".join(html))
        box.addWidget(view)
        done = QPushButton("Close")
        done.clicked.connect(preview.accept)
        box.addWidget(done)
        preview.resize(720, 480)
        preview.open()
        self.preview = preview

    def on_export(self) -> None:
        picked = self.selected()
        if not picked:
            return
        again = [n for n in picked if n["exports"]]
        if again:
            answer = QMessageBox.question(
                self, "Export again?",
                ("The selected note was exported before. Export it again?" if len(picked) == 1
                 else f"{len(again)} of the {len(picked)} selected notes "
                      f"{'was' if len(again) == 1 else 'were'} exported before. Export "
                      f"{'it' if len(again) == 1 else 'them'} again?") +
                " (The earlier files are kept; new copies get new names.)")
            if answer != QMessageBox.StandardButton.Yes:
                return
        folder = QFileDialog.getExistingDirectory(self, "Export to which folder?")
        if folder:
            self.export_to(Path(folder), picked)

    def export_to(self, folder: Path, picked: list[dict[str, Any]]) -> Job:
        session, fmt = self.session, str(self.format.currentData())
        ids = [n["note_id"] for n in picked]
        redact, profile = self.redact.isChecked(), self.csv_profile.currentData()
        job: Job

        def work():  # type: ignore[no-untyped-def]
            yield from session.export(ids, fmt, folder, redact=redact, csv_profile=profile,
                                      cancelled=lambda: job.cancel_requested)
        job = Job(work)
        self.job = job
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.export_button.setEnabled(False)
        self._say(f"Exporting {plural(len(ids), 'note')}…")
        job.on_event(self._progressed).on_failure(self._failed)
        job.on_cancelled(lambda: self._say("Export cancelled. No file was left behind and "
                                           "nothing was logged as exported."))
        job.on_finished(self._finished)
        return job.start()

    def _progressed(self, event: object) -> None:
        if isinstance(event, ExportProgress):
            self.progress.setValue(event.done)
        elif isinstance(event, ExportFinished):
            if event.cancelled:
                self._say("Export cancelled. No file was left behind and nothing was logged "
                          "as exported.")
            else:
                self._say(f"Exported {plural(event.notes, 'note')} as {event.format.upper()} to "
                          f"{event.folder}. The export is in the audit log.")

    def _failed(self, message: str) -> None:
        self._say(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _finished(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        message = self.last_message
        self.reload()
        self._say(message)

    def on_cancel(self) -> None:
        if self.job:
            self.job.cancel()

    def _say(self, text: str) -> None:
        self.last_message = text
        self.status.setText(text)

    def reject(self) -> None:
        if self.job:  # finish or cancel the export first
            self.job.cancel()
            return
        super().reject()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
