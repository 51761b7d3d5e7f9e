"""The visit workflow over a real vault with fake models: what the CLI and GUI share."""

from __future__ import annotations

import pytest

from app.casework import Casework
from app.services import TranscriptionCompleted
from storage.errors import RecordError
from storage.records import Consent
from tests.fakes import fake_services


@pytest.fixture
def work(settings, sample_transcript):  # type: ignore[no-untyped-def]
    session, _ = Casework.init(fake_services(settings, sample_transcript),
                               "correct horse battery staple", name="Sam Taylor",
                               use_keyring=False)
    yield session
    session.lock()


def test_draft_redraft_approve_and_easy_read(work: Casework, sample_audio) -> None:  # type: ignore[no-untyped-def]
    visit = work.start_visit("CASE-77", "Mr Jones", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    done = list(work.transcribe(visit))[-1]
    assert isinstance(done, TranscriptionCompleted) and done.saved_id
    list(work.draft(visit))
    note = work.record.note(visit)
    work.resolve_flag(visit, 0, "accept")
    before = [s for s in note["content"]["sections"] if s["id"] != "daily-living"]
    redrafted = work.redraft_section(visit, "daily-living")
    after = [s for s in redrafted["sections"] if s["id"] != "daily-living"]
    assert after == before
    assert work.record.note(visit)["content"]["flags"][0]["resolution"]["choice"] == "accept"
    with pytest.raises(RecordError, match="Approve the note first"):
        work.easy_read(visit)
    for n in range(1, len(redrafted["flags"])):
        work.resolve_flag(visit, n, "dismiss", "checked with Mr Jones")
    work.approve(visit, "checked")
    text = work.easy_read(visit)
    assert text.startswith("Notes from our visit, for Mr Jones")
    assert "You can make a sandwich" in text and "We will phone you next Monday." in text
    with pytest.raises(RecordError, match="approved and read-only"):
        work.redraft_section(visit, "daily-living")


def test_an_unknown_section_is_named(work: Casework, sample_audio) -> None:  # type: ignore[no-untyped-def]
    visit = work.start_visit("CASE-78", "Mr Jones", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    list(work.transcribe(visit))
    list(work.draft(visit))
    with pytest.raises(Exception, match="has no section 'garden'"):
        work.redraft_section(visit, "garden")


def test_translation_needs_a_capable_model(work: Casework, sample_audio) -> None:  # type: ignore[no-untyped-def]
    from summarise.errors import LlmError

    visit = work.start_visit("CASE-79", "Mr Jones", "home-visit",
                             Consent("the person", "verbal"), sample_audio)
    list(work.transcribe(visit))
    list(work.draft(visit))
    for n in range(len(work.record.note(visit)["content"]["flags"])):
        work.resolve_flag(visit, n, "accept")
    work.approve(visit, "checked")
    with pytest.raises(LlmError, match="needs a larger language model"):
        work.easy_read(visit, language="Welsh")

    class Translator:
        name, section_mode = "fake 3B", True

        def translate(self, text: str, language: str) -> str:
            return f"[{language}] {text}"
    work.services._writers["fake-3b"] = Translator()  # type: ignore[assignment]
    assert "[Welsh] We will phone you next Monday." in work.easy_read(
        visit, language="Welsh", llm="fake-3b")
