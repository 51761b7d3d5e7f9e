"""Export of approved notes, the part of Casework that the team lead's export uses: documents
built from the vault's approved notes, written in a batch that is all or nothing, logged in
the audit chain, and cleaned up at the next unlock if a batch was killed part-way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from storage.errors import ExportError
from storage.exports.batch import (
    ExportCancelled,
    ExportFinished,
    ExportProgress,
    ExportWritten,
    remove_unfinished,
    write_batch,
)
from storage.exports.document import build_document
from storage.exports.formats import FORMATS, CsvProfile, csv_profiles

if TYPE_CHECKING:
    from app.services import Services
    from storage.records import CaseRecord


class ExportPart:
    """Mixed into Casework, which provides `services` and `record`."""

    services: Services
    record: CaseRecord

    def approved_notes(self, **filters: Any) -> list[dict[str, Any]]:
        """Approved notes visible to this profile (see CaseRecord.approved_notes)."""
        return self.record.approved_notes(**filters)

    def export_documents(self, note_ids: list[int], *, redact: bool = False
                         ) -> list[dict[str, Any]]:
        notes = self.record.approved_notes(note_ids=note_ids)
        return [build_document(n, self._template_title(n["template"]), redact=redact,
                               app_version=__version__) for n in notes]

    def redaction_preview(self, note_ids: list[int]) -> list[dict[str, Any]]:
        """What masking would change in each note: (original, masked) per changed text."""
        plain = self.export_documents(note_ids)
        masked = self.export_documents(note_ids, redact=True)
        out = []
        for before, after in zip(plain, masked, strict=True):
            pairs = [(a["text"], b["text"]) for a, b in zip(before["sections"],
                                                             after["sections"], strict=True)]
            pairs += [(a["text"], b["text"]) for a, b in zip(before["actions"],
                                                             after["actions"], strict=True)]
            out.append({"note_id": before["note_id"], "case": before["case"],
                        "changes": [(a, b) for a, b in pairs if a != b]})
        return out

    def csv_profiles(self) -> dict[str, CsvProfile]:
        return csv_profiles(self.services.settings.paths.root / "export-profiles")

    def export(self, note_ids: list[int], fmt: str, folder: Path, *, redact: bool = False,
               csv_profile: str | None = None, cancelled: Callable[[], bool] = lambda: False
               ) -> Iterator[ExportProgress | ExportFinished]:
        """Write the approved notes to `folder`, then log the batch; all or nothing."""
        if fmt not in FORMATS:
            raise ExportError(f"Casenotes exports {', '.join(FORMATS)}; '{fmt}' is not one "
                              "of them.")
        profile = None
        if fmt == "csv":
            profiles = self.csv_profiles()
            key = csv_profile or "standard"
            if key not in profiles:
                raise ExportError(f"There is no CSV profile '{key}'. Profiles: "
                                  f"{', '.join(sorted(profiles))}.")
            profile = profiles[key]
        docs = self.export_documents(note_ids, redact=redact)
        if not docs:
            yield ExportFinished((), 0, fmt, folder)
            return
        actor = self.record.actor()
        batch: int | None = None  # the batch's entry in the vault's export journal

        def journal(files: list[dict[str, str | None]]) -> None:
            nonlocal batch
            batch = self.record.journal_export(batch, str(folder), files)
        try:
            for event in write_batch(docs, fmt, folder, exported_by=actor,
                                     csv_profile=profile, cancelled=cancelled,
                                     journal=journal):
                if isinstance(event, ExportWritten):
                    try:
                        self.record.record_export(event.note_files, fmt, str(folder),
                                                  event.files, redact, batch)
                    except BaseException:
                        event.remove()
                        raise
                    batch = None  # logged, and out of the journal in the same transaction
                    yield ExportFinished(tuple(event.files), len(docs), fmt, folder)
                else:
                    yield event
        except ExportCancelled:
            yield ExportFinished((), 0, fmt, folder, cancelled=True)
        finally:
            if batch is not None:  # failed or cancelled: write_batch removed its files
                self.record.end_export(batch)

    def remove_interrupted_exports(self) -> int:
        """Remove what export batches killed part-way left in their folders (hidden .partial
        files, and files put in place but never logged); return how many files went. Runs at
        every unlock; costs one query when, as usual, no batch was interrupted."""
        removed = 0
        for batch, folder, files in self.record.unfinished_exports():
            count, complete = remove_unfinished(files)
            removed += count
            if complete:
                self.record.unfinished_export_removed(batch, folder, count)
        return removed

    def _template_title(self, template_id: str) -> str:
        try:
            return self.services.template(template_id).title
        except Exception:  # noqa: BLE001 - a user template since removed: its id will do
            return template_id
