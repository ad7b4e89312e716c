"""The canvas view. Scene coordinates are pixels of the image as displayed (after its EXIF
orientation), whatever resolution the pixmap was decoded at, so boxes need no conversion.

The canvas holds no truth: the window gives it `BoxSpec`s to draw and it reports what the user did
(`drawn`, `edited`, `selection_changed`); the window commits those through store verbs.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QLabel

from ...core.model import Box
from .items import BoxItem, BoxSpec
from .tools import Drag, start_drag

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.01, 64.0


class CanvasView(QGraphicsView):
    drawn = Signal(object)  # Box; None when a draw ended without a box (a click, too small)
    edited = Signal(object, object)  # key, Box
    selection_changed = Signal(object)  # key or None
    zoom_changed = Signal(float)  # screen pixels per image pixel
    sharper_wanted = Signal()  # zoomed past the decoded resolution

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setBackgroundBrush(QColor("#2b2b2b"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # no scroll bars: they would come and go with the zoom and change what "fit" means;
        # pan with a middle-button drag, zoom at the cursor with the wheel
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene_.addItem(self.pixmap_item)
        self.image_size: tuple[int, int] = (0, 0)
        self.decoded_width = 0
        self.items_by_key: dict[tuple, BoxItem] = {}
        self.selected_key: tuple | None = None
        self.drawing = False
        self._drag: Drag | None = None
        self._pan_from: QPointF | None = None
        self._auto_fit = True
        self.overlay = QLabel(self.viewport())
        self.overlay.setObjectName("canvasMessage")
        self.overlay.setWordWrap(True)
        self.overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overlay.setStyleSheet(
            "color: #f0f0f0; background: rgba(40,40,40,200); padding: 16px; font-size: 14px;"
        )
        self.overlay.hide()

    # -- image ----------------------------------------------------------------------------
    def set_image(self, qimage: QImage | None, width: int, height: int, fit: bool = True) -> None:
        """Show a decoded image standing for a width x height displayed frame (None: blank)."""
        self.image_size = (int(width), int(height))
        if qimage is None or qimage.isNull():
            self.pixmap_item.setPixmap(QPixmap())
            self.decoded_width = 0
        else:
            self.pixmap_item.setPixmap(QPixmap.fromImage(qimage))
            self.decoded_width = qimage.width()
            self.pixmap_item.setScale(width / qimage.width() if qimage.width() else 1.0)
        self.scene_.setSceneRect(QRectF(0, 0, max(width, 1), max(height, 1)))
        if fit:
            self._auto_fit = True
            self.fit()

    def set_message(self, text: str | None) -> None:
        if text:
            self.overlay.setText(text)
            self.overlay.show()
            self._place_overlay()
        else:
            self.overlay.hide()

    def message(self) -> str:
        return self.overlay.text() if self.overlay.isVisible() else ""

    def _place_overlay(self) -> None:
        vp = self.viewport().rect()
        w = min(520, vp.width() - 40)
        self.overlay.setFixedWidth(max(w, 100))
        self.overlay.adjustSize()
        self.overlay.move((vp.width() - self.overlay.width()) // 2, (vp.height() - self.overlay.height()) // 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()
        self._place_overlay()

    # -- boxes ----------------------------------------------------------------------------
    def set_boxes(self, specs: list[BoxSpec]) -> None:
        """Draw these boxes. A box drawn already as its spec says stays (a key press redraws an
        image of which one box changed); the rest are made anew, and the stacking follows the
        specs' order as if all were."""
        old = self.items_by_key
        if [item.spec for item in old.values()] == specs and all(
                item.box == item.spec.box for item in old.values()):
            items = old
        else:
            items = {}
            scale = self.zoom()
            for spec in specs:
                item = old.get(spec.key)
                if item is None or item.spec != spec or item.box != spec.box:
                    item = BoxItem(spec)
                    item.set_view_scale(scale)
                    self.scene_.addItem(item)
                items[spec.key] = item
            for key, item in old.items():
                if items.get(key) is not item:
                    self.scene_.removeItem(item)
            stack = list(items.values())
            for lower, upper in zip(reversed(stack[:-1]), reversed(stack[1:]), strict=True):
                lower.stackBefore(upper)
        self.items_by_key = items
        if self.selected_key not in self.items_by_key:
            self.select(None)
        else:
            self.items_by_key[self.selected_key].set_selected(True)

    def keys(self) -> list[tuple]:
        return list(self.items_by_key)

    def box_of(self, key) -> Box | None:
        item = self.items_by_key.get(key)
        return None if item is None else item.box

    def select(self, key) -> None:
        if key is not None and key not in self.items_by_key:
            key = None
        if key == self.selected_key:
            return
        old = self.items_by_key.get(self.selected_key) if self.selected_key is not None else None
        if old is not None:
            old.set_selected(False)
        self.selected_key = key
        if key is not None:
            self.items_by_key[key].set_selected(True)
            self.ensureVisible(self.items_by_key[key].rect(), 20, 20)
        self.selection_changed.emit(key)

    # -- zoom and pan ---------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        w, h = self.image_size
        if w <= 0 or h <= 0:
            return
        self.fitInView(QRectF(0, 0, w, h), Qt.AspectRatioMode.KeepAspectRatio)
        self._zoomed()

    def fit_action(self) -> None:
        self._auto_fit = True
        self.fit()

    def zoom_by(self, factor: float, anchor_under_mouse: bool = False) -> None:
        target = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._auto_fit = False
        self._zoomed()

    def _zoomed(self) -> None:
        z = self.zoom()
        for item in self.items_by_key.values():
            item.set_view_scale(z)
        self.zoom_changed.emit(z)
        w = self.image_size[0]
        if (self.decoded_width and self.decoded_width < w  # (decoded whole: none sharper)
                and z * w > self.decoded_width * 1.25 * self.devicePixelRatioF()):
            self.sharper_wanted.emit()

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(ZOOM_STEP ** (delta / 120.0), anchor_under_mouse=True)
        event.accept()

    # -- mouse ----------------------------------------------------------------------------
    def start_drawing(self) -> None:
        self.drawing = True
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def cancel_drawing(self) -> None:
        self.drawing = False
        self._drag = None
        self._clear_preview()
        self.viewport().unsetCursor()

    def _image_point(self, event) -> tuple[float, float]:
        p = self.mapToScene(event.position().toPoint())
        return p.x(), p.y()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() != Qt.MouseButton.LeftButton or self.image_size[0] <= 0:
            super().mousePressEvent(event)
            return
        x, y = self._image_point(event)
        if self.drawing:
            w, h = self.image_size
            x, y = min(max(x, 0.0), w), min(max(y, 0.0), h)
            self._drag = Drag("draw", (x, y))
            self._show_preview(Box(x, y, 0, 0))
        else:
            keys = list(self.items_by_key)
            boxes = [self.items_by_key[k].box for k in keys]
            # the selected box is tested last so it wins where boxes overlap
            if self.selected_key in self.items_by_key:
                i = keys.index(self.selected_key)
                keys.append(keys.pop(i))
                boxes.append(boxes.pop(i))
            self._drag = start_drag(keys, boxes, x, y, self.zoom())
            self.select(self._drag.key if self._drag else None)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            self._auto_fit = False
            event.accept()
            return
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        x, y = self._image_point(event)
        box = self._drag.box_at(x, y, *self.image_size)
        self._drag.moved = True
        if self._drag.kind == "draw":
            self._show_preview(box)
        elif self._drag.key is not None:
            self.items_by_key[self._drag.key].set_box(box)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.CrossCursor if self.drawing else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        x, y = self._image_point(event)
        box = drag.box_at(x, y, *self.image_size)
        if drag.kind == "draw":
            self._clear_preview()
            self.cancel_drawing()
            self.drawn.emit(box if box.w >= 1 and box.h >= 1 else None)
        elif drag.moved and box != drag.box:
            self.edited.emit(drag.key, box)
        event.accept()

    # -- drawing preview ------------------------------------------------------------------
    _preview: BoxItem | None = None

    def _show_preview(self, box: Box) -> None:
        if self._preview is None:
            self._preview = BoxItem(BoxSpec(("preview", 0), box, "#ffffff", "", True))
            self._preview.set_view_scale(self.zoom())
            self.scene_.addItem(self._preview)
        self._preview.set_box(box)

    def _clear_preview(self) -> None:
        if self._preview is not None:
            self.scene_.removeItem(self._preview)
            self._preview = None
