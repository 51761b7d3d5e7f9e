"""The practitioner's bold and italic: kept as marks in the note, shown where a format can show
them, and never left as stray asterisks in a case system."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import jsonschema

import resources
from app.casework import Casework
from storage.exports.emphasis import from_runs, plain, runs, to_html
from tests.storage.test_export import approved, export, work  # noqa: F401


def test_marks_become_runs_and_back() -> None:
    text = "Mrs Patel **does not want** the police *told* yet."
    assert runs(text) == [("Mrs Patel ", False, False), ("does not want", True, False),
                          (" the police ", False, False), ("told", False, True),
                          (" yet.", False, False)]
    assert plain(text) == "Mrs Patel does not want the police told yet."
    assert from_runs(runs(text)) == text
    assert to_html(text) == ("Mrs Patel <b>does not want</b> the police <i>told</i> yet.")
    assert runs("**a *b* c**") == [("a ", True, False), ("b", True, True), (" c", True, False)]
    assert from_runs(runs("**a *b* c**")) == "**a *b* c**"


def test_text_that_only_looks_like_marks_is_left_alone() -> None:
    for text in ("Score 3 * 4 = 12.", "A lone * star.", "Rated ** by the GP.", "<b>&"):
        assert plain(text) == text
    assert to_html("<b>&") == "&lt;b&gt;&amp;"
    # Spaces at the edge of an emphasised piece stay outside its marks.
    assert from_runs([("said ", False, False), (" no ", True, False), ("today", False, False)]) \
        == "said  **no** today"


def test_exports_show_emphasis_where_they_can_and_plain_words_elsewhere(
        work: Casework, tmp_path: Path) -> None:  # noqa: F811
    approved(work, "CASE-9", ["Mrs Patel said she **does not want** the police *told*."])
    words = "Mrs Patel said she does not want the police told."
    done = export(work, "docx", tmp_path / "docx")
    paragraph = next(p for p in docx.Document(done.files[0]).paragraphs if "police" in p.text)
    assert paragraph.text == words
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text.strip()] \
        == [("Mrs Patel said she ", False, False), ("does not want", True, False),
            (" the police ", False, False), ("told", False, True), (".", False, False)]
    text = Path(export(work, "txt", tmp_path / "txt").files[0]).read_text()
    assert words in text and "*" not in text
    batch = json.loads(Path(export(work, "json", tmp_path / "json").files[0])
                       .read_text())
    jsonschema.validate(batch, json.loads(resources.path("schemas",
                                                         "export.schema.json").read_text()))
    section = batch["notes"][0]["sections"][0]
    assert section["text"] == words and "**does not want**" in section["formatted"]
    table = Path(export(work, "csv", tmp_path / "csv").files[0]).read_text()
    rows = list(csv.DictReader(io.StringIO(table)))
    assert any(words in value for value in rows[0].values()) and "**" not in table
