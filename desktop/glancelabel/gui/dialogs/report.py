"""The AI quality report dialog: plots drawn with QPainter, tables, export to HTML and CSV.

The figures come from `core.quality.build_report` (Qt-free); this dialog only shows them. Bars per
class and per model carry 95 % Wilson error bars. Export writes the same self-contained HTML and the
CSV the `glancelabel report` command writes.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import N_
from ...core.model import Run
from ...core.quality.html import (
    CLASS_HEADINGS,
    MODEL_HEADINGS,
    PERCENT,
    listed,
    precision_recall,
    summary,
)
from ...core.quality.report import (
    Counts,
    ModelQuality,
    QualityReport,
    Series,
    build_report,
    write_csv,
    write_html,
)
from ...core.quality.words import Words, examples_said
from ...core.spotcheck.sample import Rate
from ..i18n import error_text, translate
from ..tasks import TaskRunner
from .compare_panel import ComparePanel, report_words
from .spotcheck import class_shown  # "(unknown) espresso" in the interface's language

if TYPE_CHECKING:
    from ...core.model import Run
    from ...core.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BarGeometry:
    """Where one bar and its error bar are drawn (widget coordinates)."""

    category: int
    series: int
    rect: QRectF
    err_x: float
    err_low_y: float  # y of the interval's lower bound (larger y: lower on screen)
    err_high_y: float


class BarChart(QWidget):
    """Grouped bars on a 0-100 % axis with error bars (one group per category). The category
    names are written slanted below the plot, which leaves them the room they need (up to
    LABEL_MAX pixels of text; longer ones are shortened, and the tooltip has them in full)."""

    LEFT, RIGHT, TOP, BOTTOM = 52, 12, 44, 70
    ANGLE = 35  # degrees the category names are turned
    LABEL_MAX = 320

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.bottom, self.left = self.BOTTOM, self.LEFT
        words = report_words()  # the axis: "25 %", "25%" in Chinese
        self.tick_labels = [words(PERCENT, value=v) for v in (0, 25, 50, 75, 100)]
        self.setMinimumHeight(260)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.title = title
        self.categories = list(categories)
        self.series = list(series)
        self.set_bottom(self._bottom_for(self._label_width()))
        # the first name slants down to the left of its bars: room for it left of the plot
        first = self.fontMetrics().horizontalAdvance(self.shown_labels()[0]) if categories else 0
        slant = first * math.cos(math.radians(self.ANGLE)) - self._group_width() / 2
        self.left = max(self.LEFT, int(slant) + 8)
        self.setToolTip(self._tooltip())

    def set_bottom(self, bottom: int) -> None:
        """The room below the plot (charts side by side share the largest, so their plots line
        up)."""
        self.bottom = bottom
        self.setMinimumHeight(self.TOP + 150 + bottom)
        self.updateGeometry()
        self.update()

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return min(self.LABEL_MAX, max((metrics.horizontalAdvance(c) for c in self.categories),
                                       default=0))

    def _bottom_for(self, width: int) -> int:
        """The room below the plot a slanted name `width` pixels long needs."""
        a = math.radians(self.ANGLE)
        height = self.fontMetrics().height()
        return max(self.BOTTOM, int(math.ceil(width * math.sin(a) + height * math.cos(a))) + 12)

    def shown_labels(self) -> list[str]:
        """The category names as drawn below the bars (shortened only beyond LABEL_MAX)."""
        metrics = self.fontMetrics()
        return [metrics.elidedText(c, Qt.TextElideMode.ElideRight, self.LABEL_MAX)
                for c in self.categories]

    def sizeHint(self) -> QSize:
        slant = int(self._label_width() * math.cos(math.radians(self.ANGLE)))
        width = self.left + self.RIGHT + self._group_width() * len(self.categories) + slant // 2
        return QSize(max(360, width), self.TOP + 170 + self.bottom)

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), 900), self.minimumHeight())

    def _group_width(self) -> int:
        return max(30, 20 * len(self.series) + 16)

    def _plot_rect(self) -> QRectF:
        return QRectF(self.left, self.TOP, max(10, self.width() - self.left - self.RIGHT),
                      max(10, self.height() - self.TOP - self.bottom))

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.top() + plot.height() * (1.0 - value)

    def bar_geometry(self) -> list[BarGeometry]:
        """The bars to draw (pure layout, tested without looking at pixels)."""
        plot = self._plot_rect()
        n = max(1, len(self.categories))
        group_w = min(plot.width() / n, self._group_width() * 2.5)
        bar_w = (group_w - 12) / max(1, len(self.series))
        out = []
        for ci in range(len(self.categories)):
            gx = plot.left() + ci * group_w + 6
            for si, s in enumerate(self.series):
                rate = s.values[ci]
                if rate.value is None:
                    continue
                x = gx + si * bar_w
                top = self._y(plot, rate.value)
                rect = QRectF(x, top, bar_w - 2, plot.bottom() - top)
                out.append(BarGeometry(ci, si, rect, rect.center().x(),
                                       self._y(plot, rate.low), self._y(plot, rate.high)))
        return out

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        plot = self._plot_rect()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRectF(8, 4, self.width() - 16, 18), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        for si, s in enumerate(self.series):  # legend
            x = self.LEFT + 100 * si
            p.fillRect(QRectF(x, 26, 10, 10), QColor(s.color))
            p.drawText(QPointF(x + 14, 36), s.name)
        grid = QColor(text)
        grid.setAlpha(40)
        for tick, label in zip((0.0, 0.25, 0.5, 0.75, 1.0), self.tick_labels, strict=True):
            y = self._y(plot, tick)
            p.setPen(QPen(grid))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text)
            p.drawText(QRectF(0, y - 8, self.left - 6, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       label)
        bars = self.bar_geometry()
        for b in bars:
            p.fillRect(b.rect, QColor(self.series[b.series].color))
        p.setPen(QPen(text, 1.2))
        for b in bars:
            p.drawLine(QPointF(b.err_x, b.err_low_y), QPointF(b.err_x, b.err_high_y))
            p.drawLine(QPointF(b.err_x - 3, b.err_low_y), QPointF(b.err_x + 3, b.err_low_y))
            p.drawLine(QPointF(b.err_x - 3, b.err_high_y), QPointF(b.err_x + 3, b.err_high_y))
        n = max(1, len(self.categories))
        group_w = min(plot.width() / n, self._group_width() * 2.5)
        width, height = self.LABEL_MAX + 8, p.fontMetrics().height()
        for ci, label in enumerate(self.shown_labels()):
            cx = plot.left() + ci * group_w + group_w / 2
            p.save()
            p.translate(cx, plot.bottom() + 6)
            p.rotate(-self.ANGLE)
            p.drawText(QRectF(-width, 0, width, height),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
            p.restore()
        if not self.categories:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, translate("report", "nothing to show yet"))
        p.end()

    def _tooltip(self) -> str:
        words = report_words()
        lines = []
        for ci, cat in enumerate(self.categories):
            parts = [f"{s.name} {_rate_text(s.values[ci], words)}" for s in self.series]
            lines.append(words(N_("report", "{name}: {figures}"), name=cat,
                               figures=listed(parts, words)))
        return "\n".join(lines)


RUN_KINDS = {"batch": N_("report", "batch"), "batch-api": N_("report", "Batch API"),
             "import": N_("report", "imported")}


_SNAPSHOT = re.compile(r"-(\d{8}|\d{4}-\d{2}-\d{2})$")  # "-20250929", "-2024-08-06"


def run_label(m: ModelQuality, run: Run | None, *, full: bool = False,
              words: Words | None = None) -> str:
    """A short name that tells runs of one model apart: "claude-x · run 3, 5 Dec" (with the
    kind of run when it was not asked image by image, the year when it is not this one). The
    model's snapshot date is left out unless `full`; the run number tells runs apart."""
    words = words or report_words()
    if m.run_id is None:
        return words.text(m.title)
    text = words(N_("report", "{model} · run {run}"),
                 model=m.model if full else _SNAPSHOT.sub("", m.model), run=m.run_id)
    if run is not None:
        kind = RUN_KINDS.get(run.kind)
        if kind:
            text += words(N_("report", " ({kind})"), kind=words(kind))
        text += words.text(examples_said(run.params))  # ", with 2 examples a class"
        text = words(N_("report", "{name}, {date}"), name=text, date=_day(run.created_at, words))
    return text


def _day(when: float, words: Words) -> str:
    """"5 Dec" (12月5日), with the year when it is not this one."""
    day = time.localtime(when)
    values = {"day": day.tm_mday, "month": time.strftime("%b", day), "month_number": day.tm_mon,
              "year": day.tm_year}
    if day.tm_year != time.localtime().tm_year:
        return words(N_("report", "{day} {month} {year}"), **values)
    return words(N_("report", "{day} {month}"), **values)


def _rate_text(rate: Rate, words: Words) -> str:
    if rate.value is None:
        return "–"
    return (f"{words.pct(rate.value)} ({words.pct(rate.low)}–{words.pct(rate.high)}, "
            f"{rate.successes}/{rate.n})")


def _item(text: str, align_right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def fit_rows(table: QTableWidget, most: int = 10, *, tab_page: bool = False) -> None:
    """Give a table in the scrolling body the height of its header and rows (up to `most`,
    beyond which it scrolls), with room for a horizontal scroll bar: in a scroll area a table's
    own minimum is a few pixels, and the body squeezed it to a line."""
    rows = sum(table.rowHeight(r) for r in range(min(most, table.rowCount())))
    height = (table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
              + table.horizontalScrollBar().sizeHint().height())
    table.setFixedHeight(height)
    # a tab widget sizes itself by its pages' size hints (192 px for any table): none for a
    # page. In a box layout a table keeps Fixed: an ignored size hint is 0, and a body short of
    # room gave the table 0 px (its fixed height then overlapped the widgets below it)
    policy = QSizePolicy.Policy.Ignored if tab_page else QSizePolicy.Policy.Fixed
    table.setSizePolicy(table.sizePolicy().horizontalPolicy(), policy)


def _num(v, fmt: str = "{:.3f}") -> str:
    return "–" if v is None else fmt.format(v)


MODEL_COLUMNS = MODEL_HEADINGS
CLASS_COLUMNS = CLASS_HEADINGS


class ReportDialog(QDialog):
    """Shows a QualityReport; `store` (optional) enables Refresh."""

    def __init__(self, report: QualityReport, parent: QWidget | None = None, *, store: Store | None = None,
                 ask_path: Callable[[str, str, str], str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("report", "AI quality report"))
        self.resize(900, 700)
        self.store = store
        self.report = report
        self._runner = TaskRunner(1, self)  # the held-out comparison runs local models
        self._ask_path = ask_path or self._file_dialog
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model_chart = BarChart()
        self.model_chart.setObjectName("modelChart")
        self.class_chart = BarChart()
        self.class_chart.setObjectName("classChart")
        self.model_table = QTableWidget(0, len(MODEL_COLUMNS))
        self.model_table.setObjectName("modelTable")
        self.model_table.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell
        self.model_table.setHorizontalHeaderLabels([translate("report", c) for c in MODEL_COLUMNS])
        self.class_tabs = QTabWidget()
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)

        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.addWidget(self.model_chart, 1)
        charts_layout.addWidget(self.class_chart, 2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.summary)
        body_layout.addWidget(charts)
        body_layout.addWidget(QLabel(translate("report", "Models")))
        body_layout.addWidget(self.model_table)
        body_layout.addWidget(QLabel(translate("report", "Boxes per class")))
        body_layout.addWidget(self.class_tabs)
        self.compare_panel = ComparePanel()
        body_layout.addWidget(QLabel(translate("report", "Models on the same held-out images")))
        body_layout.addWidget(self.compare_panel)
        body_layout.addStretch(1)  # the tables keep their rows' height; room left goes below
        self.class_tabs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.html_button = QPushButton(translate("report", "Export HTML…"))
        self.csv_button = QPushButton(translate("report", "Export CSV…"))
        self.refresh_button = QPushButton(translate("report", "Refresh"))
        for b in (self.html_button, self.csv_button, self.refresh_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.setVisible(store is not None)
        buttons.rejected.connect(self.reject)
        self.html_button.clicked.connect(lambda: self._export("html"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        self.refresh_button.clicked.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.show_report(report)

    @classmethod
    def from_store(cls, store: Store, parent: QWidget | None = None, **kwargs) -> ReportDialog:
        dialog = cls(build_report(store, compare=False), parent, store=store, **kwargs)
        dialog.compare_in_background()
        return dialog

    def compare_in_background(self) -> None:
        """The models on the held-out images (local models run on them): off the GUI thread."""
        from ...core.quality.heldout import build_comparisons

        folder = self.store.folder if self.store is not None else None
        if folder is None:
            return
        self.compare_panel.show_busy(translate("report", "Comparing the models on the held-out images…"))
        self._runner.cancel_all()  # a Refresh replaces a comparison still going
        self._runner.run(build_comparisons, self.store, folder, on_result=self._compared,
                         on_error=self._compare_failed)

    def _compared(self, comparisons: list) -> None:
        self.report.comparisons = list(comparisons)
        self.compare_panel.show_comparisons(self.report.comparisons)

    def _compare_failed(self, exc: BaseException, _tb: str) -> None:
        from ...core.quality.heldout import CompareCancelled

        if not isinstance(exc, CompareCancelled):  # a Refresh or closing: nothing to say
            self.compare_panel.show_busy(error_text(exc))

    def done(self, result: int) -> None:
        """Closing stops local models still running on the held-out images and waits for them
        (they stop at the next image), so no answer arrives for a dialog that is gone."""
        self._runner.cancel_all()
        self._runner.wait(30_000)
        super().done(result)

    # -- showing ------------------------------------------------------------------------------
    def show_report(self, report: QualityReport) -> None:
        self.report = report
        words = report_words()
        if report.models:
            self.summary.setText(words.sentences(summary(report, words), words(N_(
                "report", "Boxes match when the class agrees and they overlap with IoU ≥ {iou}; "
                "bars show 95 % intervals."), iou=0.5)))
        else:
            self.summary.setText(words(N_("report", "No reviewed image has AI suggestions yet: "
                                          "review some images (or a spot-check sample) first.")))
        runs: dict[int | None, Run] = (
            {r.id: r for r in self.store.runs()} if self.store is not None else {})
        labels = {id(m): run_label(m, runs.get(m.run_id), words=words)
                  for m in [*report.models, report.overall]}
        self._show_charts(report, [labels[id(m)] for m in report.models], words)
        rows = [*report.models, report.overall] if report.models else []
        self._show_models(rows, runs, words)
        self.class_tabs.clear()
        for m in rows:
            self.class_tabs.addTab(self._class_table(m.boxes, words), labels[id(m)])
        # as tall as its tallest table and the tabs (its own hint left an empty band below)
        self.class_tabs.setMaximumHeight(self.class_tabs.minimumSizeHint().height())
        self.compare_panel.show_comparisons(report.comparisons)

    def _show_charts(self, report: QualityReport, labels: list[str], words: Words) -> None:
        self.model_chart.set_data(
            words(N_("report", "Precision and recall per model")), labels,
            precision_recall(words, [m.box_total for m in report.models]))
        names = sorted(report.overall.boxes)
        self.class_chart.set_data(
            words(N_("report", "Per class (all runs)")), [class_shown(n) for n in names],
            precision_recall(words, [report.overall.boxes[n] for n in names]))
        bottom = max(self.model_chart.bottom, self.class_chart.bottom)
        for chart in (self.model_chart, self.class_chart):
            chart.set_bottom(bottom)

    def _show_models(self, rows: list[ModelQuality], runs: dict[int | None, Run],
                     words: Words) -> None:
        n = words.number
        self.model_table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            t = m.box_total
            name = words.text(m.title) if m.run_id is None else words(
                N_("report", "{provider} / {run}"), provider=m.provider,
                run=run_label(m, runs.get(m.run_id), full=True, words=words))
            values = (name, n(m.images), _rate_text(t.precision, words),
                      _rate_text(t.recall, words), _num(t.f1), _num(m.tag_accuracy, "{:.1%}"),
                      n(t.edited), _num(t.mean_edit_iou), n(t.added), n(m.accepted_labels),
                      f"${m.cost_usd:.4f}", _num(m.cost_per_accepted, "${:.5f}"))
            for c, v in enumerate(values):
                self.model_table.setItem(r, c, _item(v, align_right=c > 0))
        self.model_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        fit_rows(self.model_table)

    def _class_table(self, table: dict[str, Counts], words: Words) -> QTableWidget:
        n = words.number
        w = QTableWidget(len(table), len(CLASS_COLUMNS))
        w.setTabKeyNavigation(False)
        w.setHorizontalHeaderLabels([translate("report", c) for c in CLASS_COLUMNS])
        for r, (name, c) in enumerate(sorted(table.items())):
            values = (class_shown(name), n(c.tp), n(c.fp), n(c.fn), _rate_text(c.precision, words),
                      _rate_text(c.recall, words), _num(c.f1), n(c.edited),
                      _num(c.mean_edit_iou), n(c.added))
            for col, v in enumerate(values):
                w.setItem(r, col, _item(v, align_right=col > 0))
        w.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fit_rows(w, tab_page=True)
        return w

    def refresh(self) -> None:
        if self.store is not None:
            self.show_report(build_report(self.store, compare=False))
            self.compare_in_background()
            self.message.setText(translate("report", "Refreshed."))

    # -- export -------------------------------------------------------------------------------
    def _file_dialog(self, caption: str, suggested: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filters)
        return path

    def _suggested(self, suffix: str) -> str:
        folder = Path(self.report.folder) if self.report.folder else Path.home()
        return str(folder / f"quality-report.{suffix}")

    def _export(self, kind: str) -> None:
        if kind == "html":
            path = self._ask_path(translate("report", "Export the report as HTML"),
                                  self._suggested("html"), translate("report", "HTML files (*.html)"))
        else:
            path = self._ask_path(translate("report", "Export the figures as CSV"),
                                  self._suggested("csv"), translate("report", "CSV files (*.csv)"))
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path) -> bool:
        """Write the report (the HTML in the interface's language; the CSV's columns are names
        for scripts); a failure is one sentence in the dialog and a traceback in the log."""
        words = report_words()
        try:
            if kind == "html":
                write_html(self.report, path, translate=translate, lang=words.lang)
            else:
                write_csv(self.report, path)
        except OSError as exc:
            log.exception("exporting the quality report to %s failed", path)
            self.message.setText(words(N_("report", "Could not write {path}: {reason}."),
                                       path=path, reason=exc.strerror or exc))
            return False
        self.message.setText(words(N_("report", "Wrote {path}."), path=path))
        return True
