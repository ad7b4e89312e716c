"""The glance grid: a page of tiles painted in one widget, with the class and order choices above it.

The widget holds no truth: the controller (gui/controllers/glance.py) gives it `TileView`s and the
pictures come from the thumbnail cache. Keys: the glance actions of the action table are added to
the tile widget; it takes their keys before the window's shortcuts (X, N, 1-9 and Ctrl+Z mean
something else in the normal view) and triggers the matching action itself, so a key changed in the
settings works here too. Other plain keys are kept from the hidden normal view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...core.review.glance import PageShape, fit_shape
from ..i18n import translate

GAP = 6  # px between tiles
CAPTION = 16  # px under a picture for the file name and confidence


@dataclass(frozen=True, slots=True)
class TileView:
    """What one tile shows."""

    sid: int
    caption: str  # "img3.jpg 87%"
    outline: tuple[float, float, float, float] | None  # the box within the picture, 0-1
    state: str  # open | flipped | accepted | rejected
    new_class: str | None  # "→ dog" when given another class
    color: str  # the class colour, for the outline
    tip: str = ""  # on hover: the file, the model and its reason


def _sequence(event: QKeyEvent) -> QKeySequence:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = event.key()
    if key == Qt.Key.Key_Backtab:
        key, mods = Qt.Key.Key_Tab, mods | Qt.KeyboardModifier.ShiftModifier
    return QKeySequence(int(key) | int(mods.value))


class TilesWidget(QWidget):
    clicked = Signal(int)  # the tile's index
    stray_key = Signal(str)  # a key that means nothing here (its text)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glanceTiles")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 150)
        self.tiles: list[TileView] = []
        self.shape = PageShape(6, 4, 120)
        self.largest = 200  # px: tiles never grow past the size their pictures were made for
        self.selected = 0
        self.image_for: Callable[[int], QImage | None] = lambda _sid: None
        self.problem_for: Callable[[int], str | None] = lambda _sid: None
        # the window's actions that keep their keys here (G leaves, F1 and ? open the key list)
        self.window_actions: Callable[[], list[QAction]] = list
        self.empty_text = ""

    # -- geometry -------------------------------------------------------------------------
    def tile_rect(self, index: int) -> QRect:
        side = self.shape.side
        col, row = index % self.shape.columns, index // self.shape.columns
        return QRect(col * side + GAP // 2, row * side + GAP // 2, side - GAP, side - GAP)

    def index_at(self, x: int, y: int) -> int | None:
        for i in range(len(self.tiles)):
            if self.tile_rect(i).contains(x, y):
                return i
        return None

    # -- keys -----------------------------------------------------------------------------
    def _action_for(self, event: QKeyEvent) -> QAction | None:
        """The glance action of this key, else a window action that keeps it here. A typed
        symbol also matches by its text ("?" arrives as Shift+?)."""
        text = event.text().strip()
        wanted = [_sequence(event)] + ([QKeySequence(text)] if text else [])
        for act in [*self.actions(), *self.window_actions()]:
            if any(s.matches(w) == QKeySequence.SequenceMatch.ExactMatch
                   for s in act.shortcuts() for w in wanted):
                return act
        return None

    def _stray(self, event: QKeyEvent) -> bool:
        """A plain key of the normal view (A, D, W, E, 0 …) that must not act on the hidden image."""
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier
                                          | Qt.KeyboardModifier.MetaModifier))
        return plain and bool(event.text().strip())

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            if self._action_for(e) is not None or self._stray(e):
                e.accept()
                return True
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            index = self.index_at(e.pos().x(), e.pos().y())
            if index is None or not self.tiles[index].tip:
                QToolTip.hideText()
                e.ignore()
            else:
                QToolTip.showText(e.globalPos(), self.tiles[index].tip, self)
            return True
        return super().event(e)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        act = self._action_for(event)
        if act is not None:
            act.trigger()
            event.accept()
        elif self._stray(event):
            self.stray_key.emit(event.text())
            event.accept()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        """The page's tiles laid out again in the room there is now (the next page takes its
        size from it too)."""
        super().resizeEvent(event)
        if self.tiles:
            self.shape = fit_shape(len(self.tiles), self.width(), self.height(), self.largest)

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab / Shift+Tab choose the class here (their actions), not the focus

    # -- mouse and paint --------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        index = self.index_at(int(event.position().x()), int(event.position().y()))
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(index)
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#2b2b2b"))
        if not self.tiles:
            p.setPen(QColor("#e6e6e6"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.empty_text)
            return
        p.setFont(self.caption_font())
        for i, tile in enumerate(self.tiles):
            self._paint_tile(p, self.tile_rect(i), tile, i == self.selected and self.hasFocus())

    def _paint_tile(self, p: QPainter, rect: QRect, tile: TileView, selected: bool) -> None:
        pic = QRect(rect.x(), rect.y(), rect.width(), rect.height() - CAPTION)
        p.fillRect(rect, QColor("#1f2023"))
        image = self.image_for(tile.sid)
        if image is not None and not image.isNull():
            scale = min(pic.width() / image.width(), pic.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(pic.x() + (pic.width() - w) / 2, pic.y() + (pic.height() - h) / 2, w, h)
            p.drawImage(target, image)
            if tile.outline is not None:
                x, y, ow, oh = tile.outline
                p.setPen(QPen(QColor(tile.color), 2, Qt.PenStyle.DashLine))
                p.drawRect(QRectF(target.x() + x * w, target.y() + y * h, ow * w, oh * h))
        else:
            p.setPen(QColor("#9a9a9a"))
            p.drawText(pic, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.problem_for(tile.sid) or "…")
        self._paint_state(p, pic, tile)
        p.setPen(QColor("#e6e6e6"))
        p.drawText(QRect(rect.x() + 2, pic.bottom(), rect.width() - 4, CAPTION),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.shown_caption(tile, rect.width() - 4, p.fontMetrics()))
        if selected:
            p.setPen(QPen(QColor("#3d9bff"), 3))
            p.drawRect(rect.adjusted(1, 1, -1, -1))

    def caption_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        return small

    @staticmethod
    def shown_caption(tile: TileView, width: int, metrics: QFontMetrics) -> str:
        """The caption as drawn under the tile: a long file name is shortened in its middle
        ("astr…t.jpg 96%"), so the confidence and a new class stay readable (it was cut off)."""
        text = tile.caption + (f"  {tile.new_class}" if tile.new_class else "")
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    @staticmethod
    def _paint_state(p: QPainter, pic: QRect, tile: TileView) -> None:
        marks = {"flipped": ("#d03030", translate("grid", "✗ reject")),
                 "rejected": ("#803030", translate("grid", "rejected")),
                 "accepted": ("#2f8f46", translate("grid", "accepted"))}
        if tile.state not in marks:
            return
        color, text = marks[tile.state]
        shade = QColor(color)
        shade.setAlpha(110)
        p.fillRect(pic, shade)
        p.setPen(QColor("#ffffff"))
        p.drawText(pic, Qt.AlignmentFlag.AlignCenter, text)


class GlancePanel(QWidget):
    """The class and order choices, the tiles and a line of keys."""

    class_chosen = Signal(int)  # a class id
    order_chosen = Signal(str)  # a GlanceOrder value

    def __init__(self, orders: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glancePanel")
        self.class_box = QComboBox()
        self.class_box.setObjectName("glanceClass")
        self.class_box.setToolTip(translate("grid", "The class whose pending suggestions are shown (Tab: next)"))
        # as wide as its longest class: sized at first show, while still empty, it cut them off
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.order_box = QComboBox()
        self.order_box.setObjectName("glanceOrder")
        self.order_box.setToolTip(translate("grid", "The order of the tiles (O switches)"))
        for value, text in orders.items():
            self.order_box.addItem(text, value)
        self.summary = QLabel()
        self.summary.setObjectName("glanceSummary")
        self.summary.setWordWrap(True)  # it wraps rather than squeeze the two choices
        for box in (self.class_box, self.order_box):
            box.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("grid", "Class:")))
        top.addWidget(self.class_box)
        top.addWidget(self.order_box)
        top.addWidget(self.summary, 1)
        self.tiles = TilesWidget(self)
        keys = QLabel(translate("grid", "Arrows move · X or N flips a tile to reject, Enter accepts one tile: "
                      "both move on to the next unmarked tile · Space accepts the page and turns it · "
                      "1–9 another class · Ctrl+Z undoes the page · a click opens the image · Esc or "
                      "G goes back"))
        keys.setObjectName("glanceKeys")
        keys.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tiles, 1)
        layout.addWidget(keys)
        self.class_box.activated.connect(
            lambda i: self.class_chosen.emit(int(self.class_box.itemData(i))))
        self.order_box.activated.connect(
            lambda i: self.order_chosen.emit(str(self.order_box.itemData(i))))

    def set_classes(self, items: list[tuple[int, str]], current: int | None) -> None:
        self.class_box.blockSignals(True)
        self.class_box.clear()
        for label_id, text in items:
            self.class_box.addItem(text, label_id)
            if label_id == current:
                self.class_box.setCurrentIndex(self.class_box.count() - 1)
        self.class_box.blockSignals(False)

    def set_order(self, value: str) -> None:
        self.order_box.setCurrentIndex(max(self.order_box.findData(value), 0))

    def tile_area(self) -> tuple[int, int]:
        """The room the tiles have (before the panel is first laid out: an estimate)."""
        if self.tiles.width() > 200 and self.isVisible():
            return self.tiles.width(), self.tiles.height()
        parent = self.parentWidget()
        w, h = (parent.width(), parent.height()) if parent is not None else (900, 600)
        return max(w - 8, 200), max(h - 90, 150)
