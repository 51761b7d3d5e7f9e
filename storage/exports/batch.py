"""Write one export batch all-or-nothing.

Each file is written under a hidden `.partial` name and synced; only when every file of the
batch is written are they renamed into place. A full disk, a read-only folder or a cancel
removes whatever the batch wrote, so no half-written file is left behind, and the caller logs
nothing as exported. Existing files are never overwritten: a second copy gets a suffix.
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

RENDER_ONE: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "docx": render_docx, "pdf": render_pdf, "txt": render_txt}


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


def _free_name(folder: Path, name: str, taken: set[str]) -> Path:
    path = folder / name
    stem, dot, ext = name.rpartition(".")
    n = 2
    while path.exists() or path.name in taken:
        path = folder / f"{stem}-{n}{dot}{ext}"
        n += 1
    return path


def write_batch(docs: list[dict[str, Any]], fmt: str, folder: Path, *, exported_by: str,
                csv_profile: CsvProfile | None = None,
                cancelled: Callable[[], bool] = lambda: False,
                ) -> Iterator[ExportProgress | ExportWritten]:
    """Yield progress per note, then one ExportWritten once every file is in place."""
    partials: list[tuple[Path, Path]] = []  # (partial, final)
    placed: list[Path] = []
    written = ExportWritten(folder)
    taken: set[str] = set()

    def put(data: bytes, name: str) -> str:
        final = _free_name(folder, name, taken)
        taken.add(final.name)
        partial = folder / f".{final.name}.partial"
        partials.append((partial, final))
        with open(partial, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        written.files[str(final)] = hashlib.sha256(data).hexdigest()
        return str(final)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise ExportError(f"{folder} is not a folder. Choose a folder for the exported "
                              "files.")
        total = len(docs)
        if fmt in PER_NOTE:
            for n, doc in enumerate(docs, start=1):
                if cancelled():
                    raise ExportCancelled
                path = put(_render(RENDER_ONE[fmt], doc, fmt), file_name(doc, fmt))
                written.note_files[doc["note_id"]] = path
                yield ExportProgress(n, total, Path(path).name)
        else:
            if fmt == "json":
                data = _render(lambda _: render_json(docs, exported_by), None, fmt)
            else:
                data = _render(lambda _: render_csv(docs, csv_profile or STANDARD), None, fmt)
            if cancelled():
                raise ExportCancelled
            name = f"casenotes-export-{datetime.now().strftime('%Y-%m-%d-%H%M%S')}.{fmt}"
            path = put(data, name)
            written.note_files = {doc["note_id"]: path for doc in docs}
            yield ExportProgress(total, total, Path(path).name)
        if cancelled():
            raise ExportCancelled
        for partial, final in partials:
            os.rename(partial, final)
            placed.append(final)
        _sync(folder)
    except OSError as exc:
        _clean(partials, placed)
        raise _plain(exc, folder) from None
    except BaseException:
        _clean(partials, placed)
        raise
    yield written


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


def _clean(partials: list[tuple[Path, Path]], placed: list[Path]) -> None:
    for partial, _ in partials:
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
