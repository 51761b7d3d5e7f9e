"""Rich-text editing of one note sentence: bold and italic, shown as such in the editor's
table and kept in the note as **bold** and *italic* marks (see storage/exports/emphasis.py).

Double-click, F2 or typing opens the sentence in a small rich-text editor: Ctrl+B and Ctrl+I
(or the B and I buttons above the table) emphasise the selection, Enter keeps the change,
Escape drops it.
"""

from __future__ import annotations

from app.qt import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QWidget,
    Signal,
)
from storage.exports.emphasis import from_runs, to_html


def document_runs(document: QTextDocument) -> list[tuple[str, bool, bool]]:
    """(words, bold, italic) pieces of a rich-text document; paragraphs joined by a space."""
    pieces: list[tuple[str, bool, bool]] = []
    block = document.begin()
    while block.isValid():
        if pieces:
            pieces.append((" ", False, False))
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                pieces.append((fragment.text(), fmt.fontWeight() >= QFont.Weight.Bold,
                               fmt.fontItalic()))
            it += 1
        block = block.next()
    return pieces


class SentenceEdit(QTextEdit):
    """The in-place editor: rich text, one paragraph, Enter to keep."""
    finished = Signal(bool)  # True: keep the change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Edit the sentence (Ctrl+B bold, Ctrl+I italic, Enter to keep)")

    def toggle(self, attribute: str) -> None:
        cursor = self.textCursor()
        current = cursor.charFormat()
        fmt = QTextCharFormat()
        if attribute == "bold":
            fmt.setFontWeight(QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.Bold
                              else QFont.Weight.Bold)
        else:
            fmt.setFontItalic(not current.fontItalic())
        cursor.mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle("bold")
        elif event.matches(QKeySequence.StandardKey.Italic):
            self.toggle("italic")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit(True)
        elif event.key() == Qt.Key.Key_Escape:
            self.finished.emit(False)
        else:
            super().keyPressEvent(event)

    def marked_text(self) -> str:
        return from_runs(document_runs(self.document()))


class RichSentenceDelegate(QStyledItemDelegate):
    """Paints a sentence with its emphasis and edits it in a SentenceEdit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor: SentenceEdit | None = None

    def _document(self, text: str, width: int, font: QFont,
                  colour: str | None = None) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(3)
        if colour:
            document.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        document.setHtml(to_html(text))
        document.setTextWidth(max(width, 20))
        return document

    def paint(self, painter, option, index) -> None:  # type: ignore[no-untyped-def]
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if "*" not in text:
            super().paint(painter, option, index)
            return
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        view.text = ""
        style = view.widget.style() if view.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view, painter, view.widget)
        selected = bool(view.state & QStyle.StateFlag.State_Selected)
        colour = view.palette.highlightedText() if selected else view.palette.text()
        document = self._document(text, view.rect.width(), view.font, colour.color().name())
        painter.save()
        painter.translate(view.rect.topLeft())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index):  # type: ignore[no-untyped-def] # noqa: N802
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if "*" in text:
            width = option.rect.width() if option.rect.width() > 0 else hint.width()
            height = int(self._document(text, width, option.font).size().height()) + 2
            hint.setHeight(max(hint.height(), height))
        return hint

    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def] # noqa: N802
        editor = SentenceEdit(parent)
        editor.finished.connect(lambda keep: self._finish(editor, keep))
        self.editor = editor
        editor.destroyed.connect(lambda *_: setattr(self, "editor", None))
        return editor

    def _finish(self, editor: SentenceEdit, keep: bool) -> None:
        if keep:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        editor.setHtml(to_html(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor, model, index) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        model.setData(index, editor.marked_text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index) -> None:  # type: ignore[no-untyped-def] # noqa: N802
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().height() * 4))
        editor.setGeometry(rect)
