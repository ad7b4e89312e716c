"""Graphics items: a box with its class colour (annotations solid, suggestions dashed; a suggestion
two models agree on gets a second, solid outline just outside it), its label tag, and handles when
selected. Pens are cosmetic so lines stay crisp at any zoom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGradient, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOption, QStyleOptionGraphicsItem

from ...core.geometry import handle_points
from ...core.model import Box
from .tools import HANDLE_PX

AGREED_GAP_PX = 3  # screen pixels between an agreed suggestion's box and its second outline

# PySide6 builds a wrapped class's enum types (Python enums, ~0.3 ms each) the first time they are
# needed: the first box painted would build these twelve, about 4 ms while a batch's first answers
# arrive. Named here, they are built when the canvas is imported, before the window shows.
_PAINT_ENUMS = (QStyleOption.OptionType, QStyleOption.StyleOptionType,
                QStyleOption.StyleOptionVersion, QStyleOptionGraphicsItem.StyleOptionType,
                QStyleOptionGraphicsItem.StyleOptionVersion, QByteArray.Base64Option,
                QByteArray.Base64DecodingStatus, QGradient.Type, QGradient.Spread,
                QGradient.CoordinateMode, QGradient.InterpolationMode, QGradient.Preset)


@dataclass(frozen=True, slots=True)
class BoxSpec:
    key: tuple  # ("a", annotation id) or ("s", suggestion id)
    box: Box
    color: str
    text: str
    dashed: bool = False
    agreed: bool = False  # two models agree on this suggestion (consensus): double outline


class TagItem(QGraphicsItem):
    """The label above a box, drawn at screen size whatever the zoom."""

    def __init__(self, text: str, color: QColor, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.text = text
        self.color = color
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        fm = QFontMetricsF(self.font)
        self._rect = QRectF(0, -fm.height() - 2, fm.horizontalAdvance(text) + 6, fm.height() + 2)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(self.color))
        painter.drawRect(self._rect)
        painter.setFont(self.font)
        painter.setPen(QColor("#000000") if self.color.lightness() > 140 else QColor("#ffffff"))
        painter.drawText(self._rect.adjusted(3, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, self.text)


class BoxItem(QGraphicsItem):
    def __init__(self, spec: BoxSpec) -> None:
        super().__init__()
        self.spec = spec
        self.box = spec.box
        self.selected = False
        self.view_scale = 1.0
        self.color = QColor(spec.color)
        self.tag = TagItem(spec.text, self.color, self) if spec.text else None
        self.setZValue(2 if spec.dashed else 1)
        self._place_tag()

    def set_box(self, box: Box) -> None:
        self.prepareGeometryChange()
        self.box = box
        self._place_tag()
        self.update()

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self.setZValue((4 if selected else 2) if self.spec.dashed else (3 if selected else 1))
        self.update()

    def set_view_scale(self, scale: float) -> None:
        self.prepareGeometryChange()
        self.view_scale = max(scale, 1e-6)

    def _place_tag(self) -> None:
        if self.tag is not None:
            self.tag.setPos(QPointF(self.box.x, self.box.y))

    def rect(self) -> QRectF:
        return QRectF(self.box.x, self.box.y, self.box.w, self.box.h)

    def boundingRect(self) -> QRectF:
        m = (HANDLE_PX + 2) / self.view_scale
        return self.rect().adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        pen = QPen(self.color, 3 if self.selected else 2)
        pen.setCosmetic(True)
        if self.spec.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = QColor(self.color)
        fill.setAlpha(40 if self.selected else (0 if self.spec.dashed else 18))
        painter.setBrush(QBrush(fill))
        painter.drawRect(self.rect())
        if self.spec.agreed:
            outer = QPen(self.color, 1)
            outer.setCosmetic(True)
            painter.setPen(outer)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            m = AGREED_GAP_PX / self.view_scale
            painter.drawRect(self.rect().adjusted(-m, -m, m, m))
        if self.selected:
            s = HANDLE_PX / self.view_scale
            hp = QPen(QColor("#ffffff"), 1)
            hp.setCosmetic(True)
            painter.setPen(hp)
            painter.setBrush(QBrush(self.color))
            for hx, hy in handle_points(self.box).values():
                painter.drawRect(QRectF(hx - s / 2, hy - s / 2, s, s))
