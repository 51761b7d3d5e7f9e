"""The window follows the system's colour scheme and font size: nothing it draws for meaning
(problems, warnings, unclear words, the draft's notes) is a fixed colour that vanishes on a
dark background, and text takes the size the user set."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.qt import QApplication, QColor, QFont, QPalette  # noqa: E402
from app.ui import theme  # noqa: E402
from tests.ui.test_main_window import (  # noqa: E402,F401
    draft,
    make_window,
    no_modal_dialogs,
    open_sample,
    set_up,
)

pytestmark = pytest.mark.gui


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, value in ((QPalette.ColorRole.Window, "#2b2b2b"),
                        (QPalette.ColorRole.WindowText, "#e8e8e8"),
                        (QPalette.ColorRole.Base, "#1e1e1e"),
                        (QPalette.ColorRole.Text, "#e8e8e8"),
                        (QPalette.ColorRole.Button, "#3a3a3a"),
                        (QPalette.ColorRole.ButtonText, "#e8e8e8")):
        palette.setColor(role, QColor(value))
    return palette


@pytest.fixture
def dark(qapp):  # type: ignore[no-untyped-def]
    saved = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(saved)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_meaningful_colour_is_readable_in_both_schemes(qapp, scheme) -> None:  # type: ignore[no-untyped-def]
    saved = qapp.palette()
    if scheme == "dark":
        qapp.setPalette(dark_palette())
    try:
        assert theme.is_dark() == (scheme == "dark")
        palette = QApplication.instance().palette()
        for role in ("error", "warning", "success", "muted"):
            for background in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
                ratio = theme.contrast(theme.colour(role), palette.color(background))
                assert ratio >= 4.5, (role, scheme, ratio)
    finally:
        qapp.setPalette(saved)
    assert theme.contrast(theme.HIGHLIGHT_TEXT, theme.HIGHLIGHT_BACKGROUND) >= 7
    assert theme.contrast("#b3261e", "#2b2b2b") < 4.5  # the light-theme red would fail on dark


def test_the_window_uses_the_dark_colours_on_a_dark_desktop(  # type: ignore[no-untyped-def]
        qtbot, dark, settings, sample_transcript) -> None:
    w = make_window(qtbot, settings, sample_transcript)
    page = w.unlock_page
    assert theme.colour("error") in page.error.styleSheet()
    page.name.setText("")
    page.submit.click()
    assert page.error.isVisible()
    set_up(qtbot, w)
    open_sample(qtbot, w)
    draft(qtbot, w)
    html = w.draft_panel.browser.toHtml().lower()
    assert "#5f6368" not in html  # the light theme's grey
    assert "Drafted with" in w.draft_panel.browser.toPlainText() and theme.colour("muted") in html


def test_text_follows_the_users_font_size(qtbot, qapp, settings, sample_transcript) -> None:  # type: ignore[no-untyped-def]
    saved = qapp.font()
    large = QFont(saved)
    large.setPointSizeF(18)
    qapp.setFont(large)
    try:
        w = make_window(qtbot, settings, sample_transcript)
        page = w.unlock_page
        assert page.name.font().pointSizeF() == 18
        assert page.title.font().pointSizeF() == pytest.approx(18 * 1.6)
        assert page.name.sizeHint().height() > page.name.fontMetrics().height()
        set_up(qtbot, w)
        open_sample(qtbot, w)
        table = w.transcript_panel.table
        assert table.font().pointSizeF() == 18
        assert table.rowHeight(0) >= table.fontMetrics().height()
    finally:
        qapp.setFont(saved)
