"""Write one export batch all-or-nothing.

Each file is written under a hidden `.partial` name, 0600, and synced; only when every file of
the batch is written are they renamed into place. A full disk, a read-only folder or a cancel
removes whatever the batch wrote, so no half-written file is left behind, and the caller logs
nothing as exported. Existing files are never overwritten: a second copy gets a suffix.

A process killed mid-batch cannot clean up, so the caller is told every file the batch will
write before the first is created (`journal`, again with their hashes before they are renamed
into place) and keeps that list in the vault; `remove_unfinished` later removes what is left.
A folder that does not exist is made (0700) only where its parent exists: a mistyped path is
refused rather than silently created.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.errors import ExportError
from storage.exports.formats import (
    PER_NOTE,
    STANDARD,
    CsvProfile,
    file_name,
    render_csv,
    render_docx,
    render_json,
    render_pdf,
    render_txt,
)
from storage.paths import PRIVATE_DIR, create_private

RENDER_ONE: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "docx": render_docx, "pdf": render_pdf, "txt": render_txt}

# What a batch will leave where: [{"partial": path, "final": path, "sha256": hex or None}].
Journal = Callable[[list[dict[str, str | None]]], None]


@dataclass(frozen=True)
class ExportProgress:
    done: int
    total: int
    name: str


@dataclass
class ExportWritten:
    """The batch is in place: file path -> SHA-256, and which file holds each note."""

    folder: Path
    files: dict[str, str] = field(default_factory=dict)
    note_files: dict[int, str] = field(default_factory=dict)

    def remove(self) -> None:
        for path in self.files:
            Path(path).unlink(missing_ok=True)


@dataclass(frozen=True)
class ExportFinished:
    """The batch is written and logged (or was cancelled: nothing written, nothing logged)."""

    files: tuple[str, ...]
    notes: int
    format: str
    folder: Path
    cancelled: bool = False


class ExportCancelled(Exception):
    pass


def _plain(exc: OSError, folder: Path) -> ExportError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = f"There is no space left in {folder}"
        step = "free some space or choose another folder"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"Casenotes cannot write to {folder} ({exc.strerror or 'permission denied'})"
        step = "choose a folder you can write to"
    elif exc.errno == errno.ENOTDIR:
        why = f"{folder} is not a folder"
        step = "choose a folder for the exported files"
    else:
        why = f"Writing to {folder} failed ({exc.strerror or exc})"
        step = "check the folder and try again"
    return ExportError(f"{why}. Nothing was exported and no file was left behind; {step}.")


def _partial(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial")


def _free_name(folder: Path, name: str, taken: set[str]) -> Path:
    path = folder / name
    stem, dot, ext = name.rpartition(".")
    n = 2
    while path.exists() or _partial(path).exists() or path.name in taken:
        path = folder / f"{stem}-{n}{dot}{ext}"
        n += 1
    return path


def _plan(docs: list[dict[str, Any]], fmt: str, folder: Path) -> list[tuple[Path, Path]]:
    """(partial, final) for each file: one per note, or one for the whole batch."""
    names = [file_name(doc, fmt) for doc in docs] if fmt in PER_NOTE else \
        [f"casenotes-export-{datetime.now().strftime('%Y-%m-%d-%H%M%S')}.{fmt}"]
    taken: set[str] = set()
    plan = []
    for name in names:
        final = _free_name(folder, name, taken)
        taken.add(final.name)
        plan.append((_partial(final), final))
    return plan


def _prepare(folder: Path) -> None:
    if not folder.exists():
        if folder.parent.exists() and not folder.parent.is_dir():
            raise ExportError(f"{folder.parent} is a file, not a folder, so Casenotes cannot "
                              f"make {folder.name} in it. Choose a folder for the exported "
                              "files; nothing was exported.")
        if not folder.parent.is_dir():
            raise ExportError(f"There is no folder {folder.parent}, so Casenotes will not make "
                              f"{folder.name} in it. Check the path, or create the folder "
                              "first; nothing was exported.")
        folder.mkdir(mode=PRIVATE_DIR)
    if not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder. Choose a folder for the exported "
                          "files (a new one is made if its parent exists); nothing was "
                          "exported.")


def write_batch(docs: list[dict[str, Any]], fmt: str, folder: Path, *, exported_by: str,
                csv_profile: CsvProfile | None = None,
                cancelled: Callable[[], bool] = lambda: False,
                journal: Journal = lambda files: None,
                ) -> Iterator[ExportProgress | ExportWritten]:
    """Yield progress per note, then one ExportWritten once every file is in place."""
    plan: list[tuple[Path, Path]] = []
    created: list[Path] = []
    placed: list[Path] = []
    written = ExportWritten(folder)

    def put(data: bytes, partial: Path, final: Path) -> None:
        with create_private(partial) as f:
            created.append(partial)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        written.files[str(final)] = hashlib.sha256(data).hexdigest()

    def entries() -> list[dict[str, str | None]]:
        return [{"partial": str(p), "final": str(f), "sha256": written.files.get(str(f))}
                for p, f in plan]

    try:
        _prepare(folder)
        plan = _plan(docs, fmt, folder)
        journal(entries())
        total = len(docs)
        if fmt in PER_NOTE:
            for n, (doc, (partial, final)) in enumerate(zip(docs, plan, strict=True), start=1):
                if cancelled():
                    raise ExportCancelled
                put(_render(RENDER_ONE[fmt], doc, fmt), partial, final)
                written.note_files[doc["note_id"]] = str(final)
                yield ExportProgress(n, total, final.name)
        else:
            if fmt == "json":
                data = _render(lambda _: render_json(docs, exported_by), None, fmt)
            else:
                data = _render(lambda _: render_csv(docs, csv_profile or STANDARD), None, fmt)
            if cancelled():
                raise ExportCancelled
            partial, final = plan[0]
            put(data, partial, final)
            written.note_files = {doc["note_id"]: str(final) for doc in docs}
            yield ExportProgress(total, total, final.name)
        if cancelled():
            raise ExportCancelled
        journal(entries())
        for partial, final in plan:
            os.rename(partial, final)
            placed.append(final)
        _sync(folder)
    except OSError as exc:
        _clean(created, placed)
        raise _plain(exc, folder) from None
    except BaseException:
        _clean(created, placed)
        raise
    yield written


def remove_unfinished(files: list[dict[str, Any]]) -> tuple[int, bool]:
    """Remove what a killed batch left (its journal entries): its .partial files, and any file
    it had renamed into place whose content is still the batch's own (never logged). Returns
    (files removed, whether everything could be checked: False means try again later)."""
    removed, complete = 0, True
    for entry in files:
        partial, final = Path(entry["partial"]), Path(entry["final"])
        try:
            if partial.exists():
                partial.unlink()
                removed += 1
            digest = entry.get("sha256")
            if digest and final.is_file() and \
                    hashlib.sha256(final.read_bytes()).hexdigest() == digest:
                final.unlink()
                removed += 1
        except FileNotFoundError:
            continue
        except OSError:
            complete = False
    return removed, complete


def _render(render: Callable[[Any], bytes], doc: dict[str, Any] | None, fmt: str) -> bytes:
    """Make one file's bytes; a failure here is Casenotes' own, not the folder's, and is said
    so (it would otherwise read as a problem with the folder)."""
    try:
        return render(doc)
    except Exception as exc:  # noqa: BLE001 - any renderer failure ends the batch plainly
        which = f" for case {doc['case']}" if doc else ""
        raise ExportError(
            f"Casenotes could not make the {fmt.upper()} file{which} ({type(exc).__name__}: "
            f"{exc}). Nothing was exported and no file was left behind. Try another format, "
            "and tell your IT team.") from exc


def _clean(created: list[Path], placed: list[Path]) -> None:
    for partial in created:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
    for final in placed:
        try:
            final.unlink(missing_ok=True)
        except OSError:
            pass


def _sync(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
