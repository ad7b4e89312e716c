"""The quality report's "Models on the same held-out images": the answer (which model to use for
the rest, and the rule), a table and a QPainter chart of each model's mAP50 or top-1 accuracy with
its 95 % interval. The figures come from `core.quality.heldout` (Qt-free); the report dialog
builds them off the GUI thread (the project's local models run on the held-out images)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget

from ...core.i18n import N_
from ...core.quality.compare import Comparison, Interval, cost_said, interval_text
from ...core.quality.words import Words
from ...core.spotcheck.summary import Rate
from ..i18n import translate
from .widgets import read_only_item

COLUMNS = (N_("report", "model"), N_("report", "figure (95 % interval)"), N_("report", "precision"),
           N_("report", "recall"), N_("report", "images per second"),
           N_("report", "cost per 1,000 images"),
           N_("report", "held-out annotations from its own suggestions"))
BAR_COLOR = "#3cb44b"
CHOSEN_COLOR = "#1a7f37"
NOTHING = N_("report", "No held-out images yet: train a local model (Model → Train a local "
             "model…); it holds out a part of the reviewed images, and the models are compared "
             "on them here.")


def report_words() -> Words:
    """The report's templates in the interface's language (its page code for the HTML)."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    return Words(translate, "zh-CN" if chinese else "en")


class IntervalChart(QWidget):
    """One horizontal bar per model on a 0-1 axis with its interval; the chosen one darker."""

    LEFT_MAX, ROW, TOP = 260, 24, 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.rows: list[tuple[str, Interval]] = []
        self.chosen: str | None = None

    def set_data(self, title: str, rows: Sequence[tuple[str, Interval]],
                 chosen: str | None) -> None:
        self.title, self.rows, self.chosen = title, list(rows), chosen
        self.setMinimumHeight(self.TOP + self.ROW * max(1, len(self.rows)) + 24)
        self.update()

    def _left(self) -> int:
        widest = max((self.fontMetrics().horizontalAdvance(n) for n, _ in self.rows), default=0)
        return min(self.LEFT_MAX, widest + 12)

    def bars(self) -> list[tuple[str, QRectF, float | None, float | None]]:
        """(name, bar, x of the interval's low end, x of its high end): layout only."""
        left = self._left()
        width = max(10, self.width() - left - 16)
        out = []
        for i, (name, v) in enumerate(self.rows):
            if v.value is None:
                continue
            y = self.TOP + i * self.ROW
            lo = None if v.low is None else left + width * v.low
            hi = None if v.high is None else left + width * v.high
            out.append((name, QRectF(left, y + 4, width * v.value, self.ROW - 8), lo, hi))
        return out

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QPointF(4, 14), self.title)
        p.setFont(self.font())
        left = self._left()
        for i, (name, _v) in enumerate(self.rows):
            p.drawText(QRectF(0, self.TOP + i * self.ROW, left - 6, self.ROW),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, left - 8))
        for name, rect, lo, hi in self.bars():
            p.fillRect(rect, QColor(CHOSEN_COLOR if name == self.chosen else BAR_COLOR))
            if lo is not None and hi is not None:
                cy = rect.center().y()
                p.setPen(QPen(text, 1.2))
                p.drawLine(QPointF(lo, cy), QPointF(hi, cy))
                p.drawLine(QPointF(lo, cy - 4), QPointF(lo, cy + 4))
                p.drawLine(QPointF(hi, cy - 4), QPointF(hi, cy + 4))
        p.end()


def _rate(rate: Rate, words: Words) -> str:
    if rate.value is None:
        return "–"
    return f"{words.pct(rate.value)} ({words.pct(rate.low)}–{words.pct(rate.high)})"


class ComparePanel(QWidget):
    """Shows a list of comparisons (one per task); `show_busy` while they are being made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer = QLabel()
        self.answer.setObjectName("compareAnswer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("compareNotes")
        self.notes.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("compareTable")
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell
        self.table.setHorizontalHeaderLabels([translate("report", c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(  # headers whole, even with no rows
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.hide()  # shown with the first comparison: an empty table says nothing
        self.chart = IntervalChart()
        self.chart.hide()
        self.chart.setObjectName("compareChart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.answer, self.table, self.chart, self.notes):
            layout.addWidget(w)

    def show_busy(self, text: str) -> None:
        self.answer.setText(text)

    def show_comparisons(self, comparisons: Sequence[Comparison]) -> None:
        words = report_words()
        if not comparisons:
            self.answer.setText(words(NOTHING))
            self.table.setRowCount(0)
            self.table.hide()
            self.chart.set_data("", [], None)
            self.chart.hide()
            self.notes.setText("")
            return
        bold = "<br>".join(f"<b>{html.escape(words.text(c.answer_text or ''))}</b> "
                           f"<small>{html.escape(words.text(c.rule_text))}</small>"
                           for c in comparisons)
        self.answer.setText(bold)
        rows = [(c, m) for c in comparisons for m in c.models]
        self.table.setRowCount(len(rows))
        for r, (c, m) in enumerate(rows):
            t = m.total
            speed = "–" if m.images_per_second is None else f"{m.images_per_second:.1f}"
            values = (words.text(m.said_name),
                      f"{words.text(c.metric_said)} {interval_text(m.headline(c.task))}",
                      _rate(t.precision, words), _rate(t.recall, words), speed,
                      words.text(cost_said(m.cost_per_1000, per_1000=False)),
                      words.number(m.from_own_suggestions))
            for col, v in enumerate(values):
                self.table.setItem(r, col, read_only_item(v, align_right=col > 0))
        self.table.show()
        self.chart.show()
        first = comparisons[0]
        title = words.count(
            first.images, N_("report", "{metric} per model on {n} held-out image (95 % intervals)"),
            N_("report", "{metric} per model on {n} held-out images (95 % intervals)"),
            metric=first.metric_said)
        chosen = next((words.text(m.said_name) for m in first.models if m.name == first.choice),
                      None)
        self.chart.set_data(title, [(words.text(m.said_name), m.headline(first.task))
                                    for m in first.models], chosen)
        self.notes.setText("\n".join(words.text(s) for c in comparisons for s in c.notes))
