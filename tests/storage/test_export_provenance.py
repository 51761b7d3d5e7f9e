"""Provenance: the language model's name and the SHA-256 of its weights, as LlamaWriter
names itself, reach the stored draft, the approved note and every export format, so a note
in a case system says exactly which file drafted it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import types
from pathlib import Path

import docx
import pytest

from app.casework import Casework
from app.settings import Settings
from storage.exports.batch import ExportFinished
from storage.exports.formats import FORMATS
from storage.records import Consent
from summarise.drafter import DraftCompleted
from summarise.llm import LlamaWriter
from summarise.models import resolve_llm
from tests.fakes import FakeWriter, fake_services
from transcription.transcript import Segment, Transcript

PASSPHRASE = "correct horse battery staple"
TRANSCRIPT = Transcript("en", 20.0, (Segment(0.0, 10.0, "I cannot get into the bath.", "person"),
                                     Segment(10.0, 20.0, "I will phone you on Friday.",
                                                "practitioner")))
WEIGHTS = b"GGUF" + b"\x00" * 4096


class UnloadedLlama:
    """Stands in for llama_cpp.Llama: only the writer's name is under test here."""

    metadata: dict[str, str] = {}

    def __init__(self, **_: object) -> None:
        pass


@pytest.fixture
def model_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(sys.modules, "llama_cpp", types.SimpleNamespace(Llama=UnloadedLlama))
    path = tmp_path / "Helper-3B-Instruct.gguf"
    path.write_bytes(WEIGHTS)
    ref = resolve_llm(str(path), tmp_path / "models")
    assert ref is not None
    return LlamaWriter(ref).name


def test_the_weights_hash_reaches_the_draft_the_note_and_every_export(
        settings: Settings, tmp_path: Path, model_name: str) -> None:
    digest = hashlib.sha256(WEIGHTS).hexdigest()
    assert model_name == f"Helper-3B-Instruct, SHA-256 {digest}"
    writer = FakeWriter("Mr Jones said he cannot get into the bath.", name=model_name)
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT, writer), PASSPHRASE,
                            name="Sam Taylor", use_keyring=False)
    try:
        visit = work.record.create_visit("CASE-9", "Mr Jones", "home-visit",
                                         Consent("the person", "verbal"))
        work.record.save_transcript(visit, None, TRANSCRIPT, "base")
        events = list(work.draft(visit))
        assert isinstance(events[-1], DraftCompleted) and events[-1].draft.model == model_name
        assert work.record.note(visit)["content"]["model"] == model_name        # stored draft
        for i, _flag in enumerate(work.record.note(visit)["content"].get("flags", [])):
            work.resolve_flag(visit, i, "accept")
        work.approve(visit, "I have checked this note against the conversation.")
        [note] = work.approved_notes()
        assert note["model"] == model_name and note["content"]["model"] == model_name
        found = {}
        for fmt in FORMATS:
            done = list(work.export([note["note_id"]], fmt, tmp_path / fmt))[-1]
            assert isinstance(done, ExportFinished)
            found[fmt] = "\n".join(text_of(Path(f), fmt) for f in done.files)
        done = list(work.export([note["note_id"]], "csv", tmp_path / "mosaic",
                                csv_profile="mosaic-case-note"))[-1]
        assert isinstance(done, ExportFinished)
        [row] = csv.DictReader(io.StringIO(Path(done.files[0]).read_bytes().decode("utf-8-sig")))
        found["csv, Mosaic profile"] = row["NOTE_TEXT"]
    finally:
        work.lock()
    for fmt, text in found.items():
        assert f"Drafted with AI assistance (Helper-3B-Instruct, SHA-256 {digest}, " \
               "template:" in " ".join(text.split()), fmt


def text_of(path: Path, fmt: str) -> str:
    if fmt == "docx":
        document = docx.Document(str(path))
        return "\n".join([document.core_properties.comments,
                          document.sections[0].footer.paragraphs[0].text])
    if fmt == "pdf":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
    if fmt == "json":
        [doc] = json.loads(path.read_text(encoding="utf-8"))["notes"]
        assert doc["provenance"]["model"].endswith(hashlib.sha256(WEIGHTS).hexdigest())
        return str(doc["provenance"]["statement"])
    if fmt == "csv":
        [row] = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")))
        assert row["Model"].endswith(hashlib.sha256(WEIGHTS).hexdigest())
        return row["Provenance"]
    return path.read_text(encoding="utf-8")


def test_the_rule_based_writer_is_named_plainly_in_the_record() -> None:
    from storage.exports.document import provenance_statement
    note = {"model": "extractive (no language model)", "version": 1,
            "approval": {"by": "Sam Taylor", "at": "2026-12-01T10:30:00+00:00"}}
    text = provenance_statement(note, "Home visit")
    assert text.startswith("Drafted with AI assistance (the extractive writer, no language "
                           "model, template: Home visit)")
    assert "(no language model)" not in text
