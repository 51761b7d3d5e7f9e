"""Transcription settings in the window: vocabulary kept in the vault, model choice saved."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.casework import Casework  # noqa: E402
from app.ui.capture_settings import CaptureSettingsDialog  # noqa: E402
from storage.records import Consent  # noqa: E402
from tests.fakes import fake_services  # noqa: E402

pytestmark = pytest.mark.gui


def test_vocabulary_and_model_are_saved(qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    work, _ = Casework.init(fake_services(settings, sample_transcript),
                            "correct horse battery staple", name="Sam Taylor",
                            use_keyring=False)
    try:
        work.new_visit("CASE-3", "Mrs Nowak", "home-visit", Consent("the person", "verbal"))
        work.record.add_vocabulary(["Old term"])
        dialog = CaptureSettingsDialog(work, "CASE-3")
        qtbot.addWidget(dialog)
        assert dialog.mine.toPlainText() == "Old term"
        assert "No voice profile yet" in dialog.voice_state.text()
        dialog.mine.setPlainText("Reablement\n  Dr   Okonkwo \n\n")
        dialog.case_terms.setPlainText("Zbigniew")
        dialog.model.setCurrentIndex(dialog.model.findData("tiny.en"))
        dialog.on_save()
        assert dialog.result() == 1
        assert work.record.vocabulary("CASE-3") == {"mine": ["Dr Okonkwo", "Reablement"],
                                                    "case": ["Zbigniew"]}
        assert work.services.settings.asr_model == "tiny.en"
        reloaded = type(work.services.settings).load(settings.data_dir)
        assert reloaded.asr_model == "tiny.en"
    finally:
        work.lock()
