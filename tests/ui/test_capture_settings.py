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


def test_the_drafting_model_is_chosen_by_name_and_saved(qtbot, settings, sample_transcript,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    work, _ = Casework.init(fake_services(settings, sample_transcript),
                            "correct horse battery staple", name="Sam Taylor",
                            use_keyring=False)
    try:
        dialog = CaptureSettingsDialog(work)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Transcription and drafting settings"
        choices = {dialog.llm.itemData(i): dialog.llm.itemText(i)
                   for i in range(dialog.llm.count())}
        assert dialog.llm.currentData() == "none"
        assert "0.49 GB" in choices["qwen2.5-0.5b"] and "3 times as fast" in \
            choices["qwen2.5-0.5b"]
        assert "1.12 GB" in choices["qwen2.5-1.5b"] and "7 tokens a second on 2 cores" in \
            choices["qwen2.5-1.5b"]
        dialog.llm.setCurrentIndex(dialog.llm.findData("qwen2.5-1.5b"))
        dialog.on_save()
        assert work.services.settings.llm == "qwen2.5-1.5b"
        assert type(work.services.settings).load(settings.data_dir).llm == "qwen2.5-1.5b"
        again = CaptureSettingsDialog(work)
        qtbot.addWidget(again)
        assert again.llm.currentData() == "qwen2.5-1.5b"
        mine = settings.data_dir / "Mine-3B.gguf"
        monkeypatch.setattr("app.ui.capture_settings.QFileDialog.getOpenFileName",
                            lambda *a, **k: (str(mine), ""))
        again.on_other_llm()
        again.on_save()
        assert work.services.settings.llm == str(mine)
    finally:
        work.lock()


def test_a_package_offers_only_the_language_models_it_carries(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import summarise.models as models

    monkeypatch.setattr(models.resources, "bundled_models", lambda: tmp_path)
    (tmp_path / models.JOINED["qwen2.5-0.5b"].file).write_bytes(b"GGUF")
    assert [name for name, _ in models.available_llms()] == ["none", "smollm2", "qwen2.5-0.5b"]


def test_the_draft_panel_shortens_the_weights_hash_the_record_keeps_whole() -> None:
    from app.ui.draft_html import written_by

    digest = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    model = f"Qwen2.5-Coder-1.5B-Instruct Q4_K_M, SHA-256 {digest}"
    assert written_by(model, {model: 2, "extractive": 3}) == (
        "Drafted with Qwen2.5-Coder-1.5B-Instruct Q4_K_M (SHA-256 cc324af070c2…): it wrote 2 "
        "sentences, the extractive writer 3.")
    assert written_by("extractive (no language model)", {"extractive": 1}).startswith(
        "Drafted with the extractive writer")
