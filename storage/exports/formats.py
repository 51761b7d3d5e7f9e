"""Render export documents as DOCX, PDF, JSON, CSV and plain text, as bytes in memory.

DOCX, PDF and text give one file per note (case systems attach documents to a case); JSON
and CSV give one file per batch (bulk imports). Every format carries the provenance.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from storage.errors import RecordError
from storage.exports.document import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    action_line,
    full_text,
    title_of,
)
from storage.exports.emphasis import runs
from storage.exports.pdf import TaggedPdf

PER_NOTE = ("docx", "pdf", "txt")
PER_BATCH = ("json", "csv")
FORMATS = PER_NOTE + PER_BATCH


def file_name(doc: dict[str, Any], ext: str) -> str:
    case = re.sub(r"[^A-Za-z0-9._-]+", "-", doc["case"]).strip("-.") or "case"
    return f"{case}_{doc['visit_date']}_visit{doc['visit_id']}_v{doc['version']}.{ext}"


# -- one note per file ---------------------------------------------------------------------
def render_txt(doc: dict[str, Any]) -> bytes:
    title = title_of(doc)
    head = [title, "=" * len(title), f"Practitioner: {doc['practitioner']}"]
    if doc.get("amendment"):
        head.append(f"Amended (version {doc['version']}): {doc['amendment']['reason']}")
    if doc["redacted"]:
        head.append("Third-party names and contact details are masked in this copy.")
    body = full_text(doc)
    tail = f"Provenance: {doc['provenance']['statement']}\nContent SHA-256: " \
           f"{doc['provenance']['content_hash']}"
    return ("\n".join(head) + "\n\n" + body + "\n\n" + tail + "\n").encode("utf-8")


def render_docx(doc: dict[str, Any]) -> bytes:
    import docx  # python-docx; imported here so the other formats never pay for it

    document = docx.Document()
    document.core_properties.title = title_of(doc)
    document.core_properties.author = doc["approval"]["by"]
    document.core_properties.comments = doc["provenance"]["statement"]
    document.add_heading(title_of(doc), level=1)
    meta = document.add_paragraph(f"Practitioner: {doc['practitioner']}")
    if doc.get("amendment"):
        meta.add_run(f"\nAmended (version {doc['version']}): {doc['amendment']['reason']}")
    if doc["redacted"]:
        meta.add_run("\nThird-party names and contact details are masked in this copy.")
    for section in doc["sections"]:
        document.add_heading(section["title"], level=2)
        paragraph = document.add_paragraph("" if section["text"] else "Nothing recorded.")
        for piece, bold, italic in runs(section.get("formatted", section["text"])):
            run = paragraph.add_run(piece)
            run.bold, run.italic = bold or None, italic or None
    if doc["actions"]:
        document.add_heading("Agreed actions", level=2)
        for action in doc["actions"]:
            document.add_paragraph(action_line(action), style="List Bullet")
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = (f"{doc['provenance']['statement']} Content SHA-256: "
                   f"{doc['provenance']['content_hash']}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(doc: dict[str, Any]) -> bytes:
    pdf = TaggedPdf(title_of(doc), author=doc["approval"]["by"])
    pdf.text("H1", title_of(doc), style="Title")
    meta = f"Practitioner: {doc['practitioner']}"
    if doc.get("amendment"):
        meta += f"\nAmended (version {doc['version']}): {doc['amendment']['reason']}"
    if doc["redacted"]:
        meta += "\nThird-party names and contact details are masked in this copy."
    pdf.text("P", meta)
    for section in doc["sections"]:
        pdf.text("H2", section["title"])
        pdf.text("P", section["text"] or "Nothing recorded.")
    if doc["actions"]:
        pdf.text("H2", "Agreed actions")
        pdf.bullet_list([action_line(a) for a in doc["actions"]])
    pdf.text("P", f"Provenance: {doc['provenance']['statement']} Content SHA-256: "
                  f"{doc['provenance']['content_hash']}", style="Small")
    return pdf.save()


# -- one file per batch --------------------------------------------------------------------
def render_json(docs: list[dict[str, Any]], exported_by: str) -> bytes:
    batch = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
             "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
             "exported_by": exported_by, "notes": docs}
    return (json.dumps(batch, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class CsvProfile:
    """A named column mapping: which field goes under which header."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (header, field)
    date_format: str = "%Y-%m-%d"
    description: str = ""


CSV_FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "case": lambda d: d["case"],
    "person": lambda d: d["person"],
    "visit_date": lambda d: d["visit_date"],
    "template": lambda d: d["template"],
    "template_title": lambda d: d["template_title"],
    "practitioner": lambda d: d["practitioner"],
    "version": lambda d: d["version"],
    "note": full_text,
    "note_with_provenance": lambda d: full_text(d) + "\n\n" + d["provenance"]["statement"],
    "actions": lambda d: "\n".join(action_line(a) for a in d["actions"]),
    "approved_by": lambda d: d["approval"]["by"],
    "approved_at": lambda d: d["approval"]["at"],
    "amendment_reason": lambda d: (d.get("amendment") or {}).get("reason") or "",
    "provenance": lambda d: d["provenance"]["statement"],
    "content_hash": lambda d: d["provenance"]["content_hash"],
    "model": lambda d: d["provenance"]["model"],
    "redacted": lambda d: "yes" if d["redacted"] else "no",
}


STANDARD = CsvProfile("Casenotes standard", tuple((f.replace("_", " ").capitalize(), f)
                                                  for f in CSV_FIELDS))


def _field(doc: dict[str, Any], name: str, date_format: str) -> str:
    if name.startswith("section:"):
        wanted = name.split(":", 1)[1]
        return next((s["text"] for s in doc["sections"] if s["id"] == wanted), "")
    value = CSV_FIELDS[name](doc)
    if name == "visit_date" and date_format != "%Y-%m-%d":
        value = datetime.strptime(value, "%Y-%m-%d").strftime(date_format)
    return str(value)


def render_csv(docs: list[dict[str, Any]], profile: CsvProfile) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for header, _ in profile.columns])
    for doc in docs:
        writer.writerow([_field(doc, name, profile.date_format)
                         for _, name in profile.columns])
    # UTF-8 with a byte-order mark: Excel and most case-system importers read it correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- CSV profiles as data ------------------------------------------------------------------
def _check_profile(data: dict[str, Any], source: str) -> CsvProfile:
    try:
        columns = tuple((str(c["header"]), str(c["field"])) for c in data["columns"])
        profile = CsvProfile(str(data["name"]), columns, str(data.get("date_format",
                                                                      "%Y-%m-%d")),
                             str(data.get("description", "")))
    except (KeyError, TypeError) as exc:
        raise RecordError(f"The CSV profile {source} needs a name and columns, each with a "
                          f"header and a field ({exc}).") from None
    unknown = [f for _, f in columns if f not in CSV_FIELDS and not f.startswith("section:")]
    if unknown or not columns:
        raise RecordError(f"The CSV profile {source} uses unknown field(s) "
                          f"{', '.join(unknown) or '(none given)'}. Fields: "
                          f"{', '.join(CSV_FIELDS)}, or section:ID.")
    return profile


def csv_profiles(user_folder: Path | None) -> dict[str, CsvProfile]:
    """Built-in profiles, then the user's (DATA/export-profiles/*.toml), by file stem."""
    found: dict[str, CsvProfile] = {}
    builtin = resources.files("resources").joinpath("export_profiles")
    sources: list[tuple[str, str, str]] = [
        (p.name.removesuffix(".toml"), p.read_text(encoding="utf-8"), p.name)
        for p in builtin.iterdir() if p.name.endswith(".toml")]
    if user_folder and user_folder.is_dir():
        sources += [(p.stem, p.read_text(encoding="utf-8"), str(p))
                    for p in sorted(user_folder.glob("*.toml"))]
    for key, text, source in sources:
        try:
            found[key] = _check_profile(tomllib.loads(text), source)
        except tomllib.TOMLDecodeError as exc:
            raise RecordError(f"The CSV profile {source} is not valid TOML: {exc}.") from None
    return found


def save_csv_profile(user_folder: Path, key: str, name: str,
                     columns: list[tuple[str, str]], date_format: str = "%Y-%m-%d") -> Path:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
        raise RecordError("Name the profile file with lower-case letters, digits and dashes, "
                          "e.g. mosaic-case-notes.")
    data = {"name": name, "date_format": date_format,
            "columns": [{"header": h, "field": f} for h, f in columns]}
    _check_profile(data, key)
    lines = [f"name = {json.dumps(name)}", f"date_format = {json.dumps(date_format)}",
             "columns = ["]
    lines += [f"  {{ header = {json.dumps(h)}, field = {json.dumps(f)} }}," for h, f in columns]
    lines.append("]")
    user_folder.mkdir(parents=True, exist_ok=True)
    path = user_folder / f"{key}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
