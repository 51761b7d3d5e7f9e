"""The export view with a real vault: approved notes only, filters, cancel, export, log."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.casework import Casework  # noqa: E402
from app.ui.export_dialog import ExportDialog  # noqa: E402
from tests.fakes import fake_services  # noqa: E402
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def session(settings):  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE, name="Sam Taylor",
                            use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    approved(work, "CASE-2", ["Mrs Patel said the stairs are hard."])
    approved(work, "CASE-3", ["DRAFT ONLY."], approve=False)
    yield work
    work.lock()


def test_lists_approved_notes_filters_and_exports(qtbot, session: Casework,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [n["case"] for n in dialog.shown] == ["CASE-1", "CASE-2"]
    assert len(dialog.selected()) == 2
    dialog.case.setText("case-2")
    assert [n["case"] for n in dialog.shown] == ["CASE-2"]
    dialog.case.clear()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert not dialog.csv_profile.isEnabled()
    job = dialog.export_to(tmp_path / "out", dialog.selected())
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert job is not None
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
    assert "Exported 2 notes as PDF" in dialog.status.text()
    # Reloaded: both are now marked exported and left unticked for the next batch.
    assert all(n["exports"] for n in dialog.shown) and dialog.selected() == []
    dialog.exported.setCurrentIndex(1)  # not exported yet
    assert dialog.shown == []


def test_cancelling_leaves_nothing(qtbot, session: Casework, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(session)
    qtbot.addWidget(dialog)
    job = dialog.export_to(tmp_path / "out", dialog.selected())
    job.cancel()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert "cancelled" in dialog.status.text()
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []
    assert session.approved_notes(exported=True) == []
