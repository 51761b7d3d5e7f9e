"""Nothing clipped (issue 17, item 10): the visits list never scrolls sideways, and the window
opens at a size that fits the screen, title bar included (1366x768 is the common laptop)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.qt import QApplication, Qt  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    make_window,
    no_modal_dialogs,
    open_sample,
    window,
)
from tests.ui.test_review_workspace import click, open_new_visit  # noqa: E402
from tests.ui.test_workspace_wording import activate  # noqa: E402

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
TITLE_BAR = 40  # what a window manager's title bar and frame take, generously


def test_the_visits_list_elides_long_names_instead_of_scrolling_sideways(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch, sample_audio: Path) -> None:  # noqa: F811
    import app.ui.visit_dialog as visit_dialog

    long_name = "Mrs Alexandra Konstantinopoulou-Fitzwilliam"
    activate(qtbot, window)
    dialog = open_new_visit(qtbot, window)
    qtbot.keyClicks(dialog.case_ref, "ASC-104233-SAFEGUARDING")
    qtbot.keyClicks(dialog.person, long_name)
    click(qtbot, dialog.import_file)
    monkeypatch.setattr(visit_dialog.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(sample_audio), ""))
    click(qtbot, dialog.choose)
    create = next(b for b in dialog.findChildren(type(dialog.choose))
                  if b.text() == "Create visit")
    click(qtbot, create)
    qtbot.waitUntil(lambda: window.job is None and window.transcript is not None,
                    timeout=10_000)
    visits = window.visits_panel.list
    row = next(i for i in range(visits.count())
               if visits.item(i).data(Qt.ItemDataRole.UserRole) is not None)
    assert visits.width() < visits.fontMetrics().horizontalAdvance(long_name)
    qtbot.wait(50)
    assert not visits.horizontalScrollBar().isVisible()
    assert visits.horizontalScrollBar().maximum() == 0 or \
        visits.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    # The whole name is still there for the mouse and for a screen reader.
    assert long_name in visits.item(row).toolTip()
    assert long_name in visits.item(row).text()
    assert visits.textElideMode() == Qt.TextElideMode.ElideRight


def test_the_window_opens_within_the_screen(qtbot, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    w = make_window(qtbot, settings, sample_transcript)
    available = w.screen().availableGeometry()
    assert w.width() <= 1280 and w.height() <= 700
    assert w.frameGeometry().width() <= available.width()
    assert w.frameGeometry().height() + TITLE_BAR <= available.height()
    assert QApplication.primaryScreen() is not None


PROBE = """
import json, sys
sys.path.insert(0, {root!r})
from app.qt import application
app = application([])
from app.settings import Settings
from app.ui.main_window import MainWindow
from tests.fakes import fake_services
from transcription.transcript import Transcript
w = MainWindow(fake_services(Settings(data_dir={data!r}), Transcript((), 0.0)))
w.show()
app.processEvents()
print(json.dumps([w.width(), w.height()]))
w.close()
"""


@pytest.mark.parametrize("screen", [(1366, 768), (1024, 600)])
def test_the_window_fits_a_laptop_screen_with_its_title_bar(tmp_path: Path, screen) -> None:  # type: ignore[no-untyped-def]
    width, height = screen
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0,
                                               "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run([sys.executable, "-c", PROBE.format(root=str(ROOT),
                                                             data=str(tmp_path / "data"))],
                         env=env, capture_output=True, text=True, timeout=60, check=True)
    w, h = json.loads(out.stdout.strip().splitlines()[-1])
    assert w <= min(1280, width) and h <= 700
    assert h + TITLE_BAR <= height, (w, h)


def test_at_1024x600_the_note_editor_keeps_room_for_sentences_and_the_notice_a_line(  # type: ignore[no-untyped-def]
        qtbot, window, monkeypatch) -> None:  # noqa: F811
    """Seen in the 1024x600 screenshots: the sentences had a row and a half of room, and the
    no-speaker notice, beside the player's buttons, wrapped one word to a line down the
    transcript."""
    import app.ui.player as player
    from tests.ui.test_main_window import draft

    monkeypatch.setattr(player, "output_devices", lambda: [])
    window.resize(1024, 600 - TITLE_BAR)
    open_sample(qtbot, window)
    draft(qtbot, window)
    activate(qtbot, window)
    click(qtbot, window.player.play_button)
    notice = window.player.notice
    qtbot.waitUntil(notice.isVisible, timeout=5_000)
    qtbot.wait(50)
    line = notice.fontMetrics().lineSpacing()
    assert notice.height() <= 4 * line, notice.height()
    assert notice.width() >= window.transcript_panel.width() * 0.8
    panel = window.draft_panel
    click(qtbot, panel.edit_button)
    qtbot.wait(50)
    sentences = panel.editor.table.viewport()
    assert sentences.height() >= 7 * line, sentences.height()  # was about 4 lines' worth
    assert panel.editor.action_editor.table.viewport().height() >= 2 * line
    assert panel.flags.viewport().height() >= 2 * line


@pytest.mark.parametrize("size", [(1280, 700), (1024, 600 - TITLE_BAR)])
def test_the_empty_draft_pane_hint_fits_on_its_line(qtbot, window, size) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A placeholder is drawn on one line, never wrapped: in the X walkthrough's screenshots
    the hint ran off the pane at 'you choose Draft note', before the shortcut it names. The
    window as it opens on a 1366x768 screen (1280x700 at most), and at 1024x600."""
    window.resize(*size)
    activate(qtbot, window)
    qtbot.wait(50)
    browser = window.draft_panel.browser
    assert browser.toPlainText() == "" and browser.placeholderText()
    margin = 2 * int(browser.document().documentMargin())
    wide = browser.fontMetrics().horizontalAdvance(browser.placeholderText()) + margin
    assert wide <= browser.viewport().width(), (wide, browser.viewport().width())
    assert "Draft note (Ctrl+D)" in browser.placeholderText()


@pytest.mark.parametrize("size", [(1280, 700), (1024, 600 - TITLE_BAR)])
def test_the_empty_visits_list_shows_its_whole_hint(qtbot, window, size) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The list elides what is too wide for it: in the X walkthrough's screenshots the hint
    read 'Start one with New visit (Ctrl+…', the shortcut itself cut off. Also the hint for a
    search that finds nothing, typed as a person does."""
    window.resize(*size)
    activate(qtbot, window)
    qtbot.wait(50)
    visits = window.visits_panel.list
    room = visits.viewport().width() - 8  # the item's own margins, generously

    def fits() -> None:
        lines = visits.item(0).text().splitlines()
        wide = {line: visits.fontMetrics().horizontalAdvance(line) for line in lines}
        assert all(w <= room for w in wide.values()), (wide, room)
    assert "Ctrl+N" in visits.item(0).text()
    fits()
    qtbot.keyClicks(window.visits_panel.search, "nobody by this name")
    qtbot.waitUntil(lambda: "No visits match" in visits.item(0).text(), timeout=5_000)
    fits()
