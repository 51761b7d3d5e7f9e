"""Unclear words are marked in the transcript, in words as well as colour."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import Qt  # noqa: E402
from app.ui.transcript_panel import TranscriptPanel  # noqa: E402
from transcription.transcript import Segment, Word  # noqa: E402

pytestmark = pytest.mark.gui


def test_low_confidence_words_are_marked(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = TranscriptPanel()
    qtbot.addWidget(panel)
    panel.clear()
    words = (Word("I", 0.0, 0.2, 0.98), Word("take", 0.2, 0.5, 0.95),
             Word("Sertraline", 0.5, 1.2, 0.31))
    panel.append(Segment(0.0, 1.2, "I take Sertraline", "person", words))
    panel.append(Segment(1.2, 2.0, "Thank you", "practitioner",
                         (Word("Thank", 1.2, 1.5, 0.99), Word("you", 1.5, 2.0, 0.99))))
    unclear = panel.table.item(0, 3)
    assert "Unclear words: Sertraline" in unclear.toolTip()
    assert "Sertraline" in unclear.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert panel.table.item(1, 3).toolTip() == ""


def test_a_doubtful_little_word_is_not_marked_unless_all_but_guessed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The transcript marks the words the flags name (summarise.unsure.unclear_words)."""
    panel = TranscriptPanel()
    qtbot.addWidget(panel)
    panel.clear()
    panel.append(Segment(0.0, 1.0, "Meals at home", "person",
                         (Word("Meals", 0.0, 0.3, 0.97), Word("at", 0.3, 0.5, 0.35),
                          Word("home", 0.5, 1.0, 0.96))))
    panel.append(Segment(1.0, 2.0, "Meals at home", "person",
                         (Word("Meals", 1.0, 1.3, 0.97), Word("at", 1.3, 1.5, 0.1),
                          Word("home", 1.5, 2.0, 0.96))))
    assert panel.table.item(0, 3).toolTip() == ""
    assert "Unclear words: at" in panel.table.item(1, 3).toolTip()
