"""Exports: only approved notes leave, each format opens in its own reader with the approved
text exactly, every batch is logged, and a failed or cancelled batch leaves nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import jsonschema
import pytest

import resources
from app.casework import Casework
from storage.errors import ExportError, RecordError
from storage.exports.batch import ExportFinished, ExportProgress
from storage.records import Consent
from tests.fakes import fake_services
from transcription.transcript import Segment, Transcript

PASSPHRASE = "correct horse battery staple"
ATTEST = "I have checked this note against the conversation."
TRANSCRIPT = Transcript("en", 20.0, (Segment(0.0, 10.0, "I cannot get into the bath.", "person"),
                                     Segment(10.0, 20.0, "I will phone you on Friday.",
                                                "practitioner")))


def draft(sentences: list[str], actions: tuple[str, ...] = (), risk: bool = True) -> dict:
    return {"template": "home-visit", "model": "SmolLM2-135M-Instruct",
            "sections": [{"id": "views", "title": "The person's views",
                          "sentences": [{"text": s, "citations": [0], "supported": True}
                                        for s in sentences]},
                         {"id": "plan", "title": "Plan", "sentences": []}],
            "actions": [{"text": a, "owner": "practitioner", "due": "Friday",
                         "citations": [1]} for a in actions],
            "flags": ([{"kind": "risk", "category": "falls", "message": "Possible falls risk.",
                        "citations": [0]}] if risk else [])}


def approved(work: Casework, case: str, sentences: list[str], *,
             actions: tuple[str, ...] = (), person: str = "Mrs Asha Patel",
             approve: bool = True) -> int:
    record = work.record
    visit = record.create_visit(case, person, "home-visit", Consent("the person", "verbal"))
    tid = record.save_transcript(visit, None, TRANSCRIPT, "base")
    record.save_draft(visit, tid, draft(sentences, actions))
    if approve:
        record.resolve_flag(visit, 0, "accept")
        record.approve(visit, ATTEST)
    return visit


@pytest.fixture
def work(settings):  # type: ignore[no-untyped-def]
    session, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE,
                               name="Sam Taylor", use_keyring=False)
    yield session
    session.lock()


def export(work: Casework, fmt: str, out: Path, **kwargs) -> ExportFinished:  # type: ignore[no-untyped-def]
    ids = kwargs.pop("ids", None) or [n["note_id"] for n in work.approved_notes()]
    events = list(work.export(ids, fmt, out, **kwargs))
    assert isinstance(events[-1], ExportFinished)
    return events[-1]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def casebook(work: Casework) -> dict[str, int]:
    """One plain approved note, one amended and re-approved, one still a draft, and one
    whose amendment is in progress (its approved version 1 is what may leave)."""
    plain = approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath.",
                                      "She wants to stay at home."],
                     actions=("Sam will refer Mrs Patel for a bathing assessment",))
    amended = approved(work, "CASE-2", ["Mrs Patel said the stairs are hard."])
    work.amend(amended, "The date of the fall was wrong")
    note = work.record.note(amended)["content"]
    note["sections"][0]["sentences"][0]["text"] = "Mrs Patel said the stairs are very hard."
    work.record.update_note(amended, note)
    work.approve(amended, ATTEST)
    unapproved = approved(work, "CASE-3", ["DRAFT ONLY: not checked yet."], approve=False)
    pending = approved(work, "CASE-4", ["Version one was approved."])
    work.amend(pending, "Adding the GP's advice")
    edited = work.record.note(pending)["content"]
    edited["sections"][0]["sentences"][0]["text"] = "PENDING AMENDMENT: not approved."
    work.record.update_note(pending, edited)
    return {"plain": plain, "amended": amended, "unapproved": unapproved, "pending": pending}


APPROVED_TEXT = ["Mrs Patel said she cannot get into the bath. She wants to stay at home.",
                 "Sam will refer Mrs Patel for a bathing assessment",
                 "Mrs Patel said the stairs are very hard.", "Version one was approved."]
NEVER = ["DRAFT ONLY", "PENDING AMENDMENT", "the stairs are hard."]


def check_text(text: str) -> None:
    for expected in APPROVED_TEXT:
        assert expected in flat(text)
    for forbidden in NEVER:
        assert forbidden not in text
    assert "Amended (version 2): The date of the fall was wrong" in flat(text)


def test_only_the_latest_approved_versions_are_offered(work: Casework, casebook) -> None:  # type: ignore[no-untyped-def]
    notes = {n["visit_id"]: n for n in work.approved_notes()}
    assert set(notes) == {casebook["plain"], casebook["amended"], casebook["pending"]}
    assert notes[casebook["amended"]]["version"] == 2
    assert notes[casebook["pending"]]["version"] == 1
    draft_note = work.record.note(casebook["unapproved"])["id"]
    pending_v2 = work.record.note(casebook["pending"])["id"]
    for bad in (draft_note, pending_v2):
        with pytest.raises(RecordError, match="only the latest approved version"):
            list(work.export([bad], "txt", Path("/nonexistent")))


def test_docx_pdf_txt_hold_the_approved_text_exactly(work: Casework, casebook,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run 'make test', which installs poppler-utils")
    for fmt in ("docx", "pdf", "txt"):
        done = export(work, fmt, tmp_path / fmt)
        assert len(done.files) == 3
        texts = []
        for path in map(Path, done.files):
            if fmt == "docx":
                document = docx.Document(str(path))
                body = "\n".join(p.text for p in document.paragraphs)
                footer = document.sections[0].footer.paragraphs[0].text
                assert "Drafted with AI assistance (SmolLM2-135M-Instruct" in footer
                assert "approved by a practitioner, Sam Taylor" in footer
                headings = [p.text for p in document.paragraphs
                            if p.style is not None and p.style.name.startswith("Heading")]
                assert "The person's views" in headings
                texts.append(body + "\n" + footer)
            elif fmt == "pdf":
                out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                     capture_output=True, text=True, check=True).stdout
                info = subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                      text=True, check=True).stdout
                assert re.search(r"Tagged:\s+yes", info), info
                texts.append(out)
            else:
                texts.append(path.read_text(encoding="utf-8"))
        joined = "\n".join(texts)
        check_text(joined)
        assert "Content SHA-256" in joined


def test_json_validates_and_csv_reads_back(work: Casework, casebook, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = export(work, "json", tmp_path / "json")
    batch = json.loads(Path(done.files[0]).read_text(encoding="utf-8"))
    schema = json.loads(resources.path("schemas", "export.schema.json").read_text())
    jsonschema.validate(batch, schema)
    by_case = {n["case"]: n for n in batch["notes"]}
    assert set(by_case) == {"CASE-1", "CASE-2", "CASE-4"}
    assert by_case["CASE-1"]["sections"][0]["text"] == APPROVED_TEXT[0]
    assert by_case["CASE-2"]["amendment"] == {"reason": "The date of the fall was wrong",
                                              "amends_version": 1}
    assert by_case["CASE-2"]["provenance"]["edited_share"] > 0
    assert by_case["CASE-1"]["risks_considered"] == [
        {"category": "falls", "decision": "accept", "reason": ""}]

    done = export(work, "csv", tmp_path / "csv", csv_profile="mosaic-case-note")
    raw = Path(done.files[0]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["PERSON_REF"] for r in rows] == ["CASE-1", "CASE-2", "CASE-4"]
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", rows[0]["EVENT_DATE"])
    check_text("\n".join(r["NOTE_TEXT"] for r in rows))
    assert "reviewed and approved by a practitioner" in rows[0]["NOTE_TEXT"]


def test_every_export_is_logged_and_reexport_is_a_choice(work: Casework, casebook,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path) -> None:
    assert all(not n["exports"] for n in work.approved_notes())
    done = export(work, "txt", tmp_path / "out")
    entry = [e for e in work.history() if e["action"] == "exported"][-1]
    assert entry["details"]["format"] == "txt"
    assert sorted(entry["details"]["files"]) == sorted(done.files)
    assert work.approved_notes(exported=False) == []
    assert work.visit(casebook["plain"])["state"] == "exported"
    assert work.verify_audit() == []
    # A second export of the same notes never overwrites the first files.
    again = export(work, "txt", tmp_path / "out")
    assert set(again.files).isdisjoint(done.files)
    assert len(list((tmp_path / "out").iterdir())) == 6


def test_cancel_and_a_1000_note_batch(work: Casework, tmp_path: Path) -> None:
    for n in range(1000):
        visit = work.record.create_visit(f"BULK-{n:04}", "Mr Jones", "home-visit",
                                         Consent("the person", "verbal"))
        tid = work.record.save_transcript(visit, None, TRANSCRIPT, "base")
        work.record.save_draft(visit, tid, draft([f"Note number {n} was approved."],
                                                 risk=False))
        work.record.approve(visit, ATTEST)
    ids = [n["note_id"] for n in work.approved_notes()]
    assert len(ids) == 1000
    seen: list[int] = []

    def cancel() -> bool:
        return len(seen) >= 400

    events = []
    for event in work.export(ids, "txt", tmp_path / "cancelled", cancelled=cancel):
        events.append(event)
        if isinstance(event, ExportProgress):
            seen.append(event.done)
    assert seen[:3] == [1, 2, 3] and events[-1] == ExportFinished(
        (), 0, "txt", tmp_path / "cancelled", cancelled=True)
    assert list((tmp_path / "cancelled").iterdir()) == []
    assert work.approved_notes(exported=True) == []

    progress = [e for e in work.export(ids, "pdf", tmp_path / "all")
                if isinstance(e, ExportProgress)]
    assert [p.done for p in progress] == list(range(1, 1001))
    assert len(list((tmp_path / "all").glob("*.pdf"))) == 1000
    assert len(work.approved_notes(exported=True)) == 1000


def test_redaction_masks_third_parties_not_the_person(work: Casework, tmp_path: Path) -> None:
    approved(work, "CASE-9", [
        "Mrs Patel said her son David visits on Sundays.",
        "David's number is 07700 900123 and his e-mail is david.p@example.org.",
        "Her GP, Dr Shah, at 12 Mill Lane, LS6 2QT, reviewed her tablets.",
        "Mrs Patel wants to stay at home."])
    ids = [n["note_id"] for n in work.approved_notes()]
    preview = work.redaction_preview(ids)[0]["changes"]
    assert preview and all(before != after for before, after in preview)
    done = export(work, "txt", tmp_path / "masked", redact=True)
    text = Path(done.files[0]).read_text(encoding="utf-8")
    assert "her son [name] visits on Sundays" in text
    assert "[name]'s number is [phone] and his e-mail is [email]" in text
    assert "Dr [name], at [address], [postcode]" in text
    for secret in ("David", "Shah", "07700", "example.org", "Mill Lane", "LS6"):
        assert secret not in text
    assert "Mrs Patel wants to stay at home." in text
    assert "masked in this copy" in text
    entry = [e for e in work.history() if e["action"] == "exported"][-1]
    assert entry["details"]["redacted"] is True


def test_unknown_format_and_csv_profile_are_explained(work: Casework, casebook,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    ids = [n["note_id"] for n in work.approved_notes()]
    with pytest.raises(ExportError, match="'rtf' is not one"):
        list(work.export(ids, "rtf", tmp_path))
    with pytest.raises(ExportError, match="no CSV profile 'nope'.*mosaic-case-note"):
        list(work.export(ids, "csv", tmp_path, csv_profile="nope"))
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_a_renderer_failure_is_not_blamed_on_the_folder(work: Casework, casebook,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing part of a format's own machinery (as python-docx's templates were, once, in
    the app bundle) ends the batch with a message that says so; nothing is written or
    logged."""
    from storage.exports import batch

    def broken(doc):  # type: ignore[no-untyped-def]
        raise FileNotFoundError(2, "No such file or directory", "templates/default-footer.xml")

    monkeypatch.setitem(batch.RENDER_ONE, "docx", broken)
    before = len(work.history())
    with pytest.raises(ExportError) as caught:
        export(work, "docx", tmp_path / "out")
    message = str(caught.value)
    assert "could not make the DOCX file for case" in message and "Writing to" not in message
    assert "Nothing was exported" in message
    assert list((tmp_path / "out").iterdir()) == []
    assert len(work.history()) == before
