"""A draft that improves while a capable model reads: each section shown again replaces the
one on screen, in place, and the reader never sees a section twice."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from app.ui.draft_panel import DraftPanel  # noqa: E402
from summarise.draft import DraftSection, Sentence  # noqa: E402

pytestmark = pytest.mark.gui


def _section(sid: str, title: str, text: str, source: str = "extractive") -> DraftSection:
    return DraftSection(sid, title, (Sentence(text, (0,), True, source),))  # type: ignore[arg-type]


def test_a_section_drafted_again_replaces_the_one_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = DraftPanel()
    qtbot.addWidget(panel)
    panel.start("Home visit", 2)
    panel.add_section(_section("how", "How the person is", "Portable cylinders: hasn't been out."))
    panel.add_section(_section("risks", "Risks", "No falls since she got home."))
    panel.add_section(_section("how", "How the person is",
                               "The portable cylinders are in the hall; she has not been out yet.",
                               "llm"))
    assert [s.id for s in panel.sections] == ["how", "risks"]
    shown = panel.browser.toPlainText()
    assert "in the hall" in shown and "hasn't been out." not in shown
    assert shown.index("How the person is") < shown.index("Risks")
    assert shown.count("How the person is") == 1


def test_statements_set_aside_are_shown_below_the_note_with_their_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    from summarise.draft import Draft

    panel = DraftPanel()
    qtbot.addWidget(panel)
    aside = Sentence("Mick says he has a stroke on Sundays.", (6,), False, "llm",
                     ("it gives these words to Mick, but the cited lines are Tracey's",))
    panel.show_draft(Draft("home-visit", "Qwen2.5-Coder-1.5B-Instruct, SHA-256 cc32",
                           (_section("how", "How the person is", "No falls."),),
                           set_aside=(aside,)))
    shown = panel.browser.toPlainText()
    assert "Set aside (not in the note)" in shown
    assert shown.index("No falls.") < shown.index("Mick says he has a stroke on Sundays.")
    assert "the cited lines are Tracey's" in shown
