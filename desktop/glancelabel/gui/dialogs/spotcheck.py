"""Spot-check in the app: a dialog to create one and a panel that follows it while you review.

`SpotCheckCreateDialog` edits a Qt-free `core.audit.SpotCheckPlan` and creates the spot-check.

`SpotCheckPanel` (a widget for a dock or side panel) shows progress (n of N reviewed), the live image
acceptance, suggestion precision, a per-class table, the verdict — in the words and with the
permissions of `core.spotcheck.verdict.decide`: pass and fail only from the anytime-valid
confidence sequence, at any look; until then the running acceptance with its 95 % Wilson interval,
"so far" (grey) — an "Extend the sample" button enabled when the whole sample leaves the verdict
open, an "Accept the rest" button enabled on a pass, "Accept the passed classes" (only the
classes whose own verdict is pass; the others stay pending; one undoable step) and "Extend for
the selected class" (more images for a class whose verdict is open). The main window hooks it in
like this:

    panel = SpotCheckPanel(store, audit_id, tasks=window.tasks)  # tasks: accept the rest off-thread
    panel.rest_accepted.connect(window.commit)   # the ChangeSet goes on the undo stack
    panel.sample_extended.connect(...)           # core.audit.Extension: walk the new images
    window.changed.connect(panel.on_change)      # or call panel.on_change(cs) after each decision
    ids = panel.sample_ids()                     # review mode walks only these, in this order
    panel.next_unreviewed(current_id)            # where to go next in review mode
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.consensus.only import population as only_population
from ...core.spotcheck.sample import (
    NO_CLASS,
    AcceptRest,
    Extension,
    SpotCheckError,
    SpotCheckPlan,
    SpotCheckStatus,
    SpotCheckTracker,
    Tone,
    Verdict,
    accept_rest,
    create_spot_check,
    describe_text,
    extend_spot_check_sample,
    sample_size_for_fraction,
    sample_size_for_margin,
)
from ...core.spotcheck.sequential import METHOD_ID
from ...core.spotcheck.verdict import standing
from ...core.store.audits import UNKNOWN_PREFIX
from ...core.store.consensus import decisions_by_mark
from ..binding import Binding
from ..i18n import FULL_WIDTH_STOPS, error_text, shown, translate
from ..saving import write_soon
from .widgets import fit_form

if TYPE_CHECKING:
    from ...core.store import Store

log = logging.getLogger(__name__)

# only a final verdict looks settled; a provisional one is grey and not bold
TONE_STYLE = {
    Tone.PASS: "color: #1a7f37; font-weight: bold;",
    Tone.FAIL: "color: #c62828; font-weight: bold;",
    Tone.OPEN: "color: #9a6700; font-weight: bold;",
    Tone.PROVISIONAL: "color: #6e7781; font-style: italic;",
}


def pct(value: float | None) -> str:
    """A fraction as a percentage written as the interface's language writes it ('50.0 %' in
    English, '50.0%' in Chinese, whose lines may break at any space: '50.0' and '%' apart)."""
    if value is None:
        return "–"
    return translate("spotcheck", "{value} %").format(value=f"{100 * value:.1f}")


def class_columns() -> list[str]:
    """The per-class table's headers, in the interface's language."""
    return [translate("spotcheck", "class"), translate("spotcheck", "verdict"),
            translate("spotcheck", "images"), translate("spotcheck", "accepted"),
            translate("spotcheck", "acceptance"), translate("spotcheck", "95 % Wilson (a figure)"),
            translate("spotcheck", "precision")]


def _ask_yes(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, translate("spotcheck", "Accept the rest"), text)
    return answer == QMessageBox.StandardButton.Yes


# counted words: one translation for 1 and one for the rest (English keeps its plural)
def _images(n: int) -> str:
    return (translate("spotcheck", "%n image", "", n) if n == 1
            else translate("spotcheck", "%n images", "", n))


def _suggestions(n: int) -> str:
    return (translate("spotcheck", "%n suggestion", "", n) if n == 1
            else translate("spotcheck", "%n suggestions", "", n))


def _pending(n: int) -> str:
    return (translate("spotcheck", "%n pending suggestion", "", n) if n == 1
            else translate("spotcheck", "%n pending suggestions", "", n))


def class_shown(name: str) -> str:
    """A class of the figures as a person reads it: "(no class)" and an unknown label's mark
    translated, a class name as it is."""
    if name == NO_CLASS:
        return translate("spotcheck", NO_CLASS)
    if name.startswith(UNKNOWN_PREFIX):
        return translate("spotcheck", "(unknown) {label}").format(label=name[len(UNKNOWN_PREFIX):])
    return name


def _names(names: list[str]) -> str:
    """Class names one after another: "cat, dog" ("cat、dog" in Chinese)."""
    out = ""
    for name in map(class_shown, names):
        out = name if not out else translate("spotcheck", "{names}, {name}").format(names=out,
                                                                                    name=name)
    return out


def _added_text(n: int, short: bool) -> str:
    """What "Extend the sample" did: n images added (all that were left, when `short`)."""
    if short:
        return (translate("spotcheck", "Added %n image to the sample (only that one was left): "
                          "review them like the others.", "", n) if n == 1 else
                translate("spotcheck", "Added %n images to the sample (only those were left): "
                          "review them like the others.", "", n))
    return (translate("spotcheck", "Added %n image to the sample: review them like the others.",
                      "", n) if n == 1 else
            translate("spotcheck", "Added %n images to the sample: review them like the others.",
                      "", n))


def after_another(parts: list[str]) -> str:
    """Sentences one after another: a space between them, none after a full-width stop."""
    out = ""
    for part in parts:
        out += part if not out or out[-1] in FULL_WIDTH_STOPS else " " + part
    return out


def _method_name(method: str) -> str:
    if method == METHOD_ID:
        return translate("spotcheck", "anytime-valid beta-binomial mixture")
    return method


class SpotCheckPanel(QWidget):
    """Follows one spot-check. Call `on_change(cs)` (or `refresh()`) after each decision."""

    status_changed = Signal(object)  # SpotCheckStatus, after every refresh
    rest_accepted = Signal(object)  # the applied ChangeSet of "accept the rest", for undo
    sample_extended = Signal(object)  # core.audit.Extension, after "Extend the sample"
    extend_failed = Signal(str)  # why drawing more images in the background was refused

    def __init__(self, store: Store, audit_id: int, parent: QWidget | None = None, *,
                 confirm: Callable[[QWidget, str], bool] | None = None, tasks=None) -> None:
        """`confirm(parent, question) -> bool` asks before accepting the rest (a message box by
        default); `tasks` (gui.tasks.TaskRunner) runs that step off the GUI thread."""
        super().__init__(parent)
        self.store = store
        self.audit_id = audit_id
        self._confirm = confirm or _ask_yes
        self._tasks = tasks
        self._busy = False
        self._status: SpotCheckStatus | None = None
        self._tracker: SpotCheckTracker | None = None

        self.title = QLabel()
        self.title.setObjectName("auditTitle")
        self.title.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("auditProgress")
        self.progress.setFormat(translate("spotcheck", "%v of %m reviewed"))
        self.acceptance = QLabel()
        self.acceptance.setObjectName("auditAcceptance")
        self.acceptance.setWordWrap(True)
        self.precision = QLabel()
        self.precision.setObjectName("auditPrecision")
        self.precision.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("auditVerdict")
        self.verdict.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("auditDetail")
        self.detail.setWordWrap(True)
        columns = class_columns()
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName("auditClasses")
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control, not cell by cell
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._show_class_buttons)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons below it
        self.table.setMinimumHeight(  # the header and three classes, however short the dock
            self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
            + 3 * self.table.verticalHeader().defaultSectionSize())
        self.class_extend_button = QPushButton(translate("spotcheck", "Extend the sample for the selected class"))
        self.class_extend_button.setObjectName("extendClass")
        self.class_extend_button.clicked.connect(lambda _checked=False: self.extend_class())
        self.classes_button = QPushButton(translate("spotcheck", "Accept the passed classes"))
        self.classes_button.setObjectName("acceptPassedClasses")
        self.classes_button.clicked.connect(
            lambda _checked=False: self.accept_rest(passed_classes=True))
        self.extend_button = QPushButton(translate("spotcheck", "Extend the sample"))
        self.extend_button.setObjectName("extendSample")
        self.extend_button.clicked.connect(lambda _checked=False: self.extend())
        self.accept_button = QPushButton(translate("spotcheck", "Accept the rest"))
        self.accept_button.setObjectName("acceptRest")
        self.accept_button.clicked.connect(lambda _checked=False: self.accept_rest())
        self.message = QLabel()
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        for w in (self.title, self.progress, self.acceptance, self.precision, self.verdict,
                  self.detail):
            layout.addWidget(w)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.class_extend_button)
        layout.addWidget(self.extend_button)
        layout.addWidget(self.classes_button)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.message)
        self.refresh()

    # -- what the main window calls -------------------------------------------------------
    @property
    def status(self) -> SpotCheckStatus | None:
        return self._status

    def sample_ids(self) -> list[int]:
        """The sampled image ids in display order: review mode walks these."""
        return [] if self._status is None else self._status.sample_ids

    def next_unreviewed(self, after: int | None = None) -> int | None:
        return None if self._status is None else self._status.next_unreviewed(after)

    def on_change(self, cs=None) -> None:
        """After a decision (an applied ChangeSet, or None for "anything may have changed"):
        re-reads only the images it touched, so it is cheap to call after every decision."""
        if self._tracker is None or cs is None or any(c.table == "labels" for c in cs.changes):
            self.refresh()
            return
        touched = cs.touched_images()
        if not touched:
            return
        self._tracker.update(touched)
        self._publish()

    def refresh(self) -> SpotCheckStatus | None:
        """Re-read the whole spot-check."""
        try:
            if self._tracker is None:
                self._tracker = SpotCheckTracker(self.store, self.audit_id)
            else:
                self._tracker.reload()
        except SpotCheckError as exc:
            self._tracker = None
            self._status = None
            self.title.setText(error_text(exc))
            self.accept_button.setEnabled(False)
            self.extend_button.setEnabled(False)
            return None
        return self._publish()

    def _publish(self) -> SpotCheckStatus:
        assert self._tracker is not None  # a spot-check is open
        status = self._tracker.status()
        self._status = status
        self._show(status)
        self.status_changed.emit(status)
        return status

    # -- showing ----------------------------------------------------------------------------
    def _show(self, st: SpotCheckStatus) -> None:
        s = st.summary
        self.title.setText(self._title(st))
        self.progress.setMaximum(max(1, s.sample_size))
        self.progress.setValue(s.reviewed)
        d = st.decision
        if s.reviewed:
            self.acceptance.setText(self._acceptance(st))
            self.acceptance.setToolTip(translate(
                "spotcheck", "Pass and fail come from the {method} confidence sequence: valid "
                "however often you look. The Wilson interval is a figure for one look.").format(
                    method=_method_name(d.method)))
        else:
            self.acceptance.setText(translate("spotcheck", "Accepted unchanged: review a sampled image to begin."))
        self.precision.setText(self._precision(st))
        self.verdict.setText(shown(d.headline_text))
        self.verdict.setStyleSheet(TONE_STYLE[d.tone])
        self.detail.setText(self._detail(st))
        self._show_table(st)
        self._show_extend(st)
        self._show_class_buttons()
        self._show_accept(st)

    @staticmethod
    def _title(st: SpotCheckStatus) -> str:
        """"Spot-check 3 of run 2: 20 of 100 images, target 80.0 %"."""
        s = st.summary
        run, n = st.audit["run_id"], st.population
        if run is not None:
            text = (translate("spotcheck", "Spot-check {id} of run {run}: {size} of %n image, "
                              "target {target}", "", n) if n == 1 else
                    translate("spotcheck", "Spot-check {id} of run {run}: {size} of %n images, "
                              "target {target}", "", n))
        else:
            text = (translate("spotcheck", "Spot-check {id} of all suggestions: {size} of %n image, "
                              "target {target}", "", n) if n == 1 else
                    translate("spotcheck", "Spot-check {id} of all suggestions: {size} of %n "
                              "images, target {target}", "", n))
        return text.format(id=st.id, run=run, size=s.sample_size, target=pct(s.target))

    @staticmethod
    def _acceptance(st: SpotCheckStatus) -> str:
        """The images accepted unchanged with their interval and bounds ("so far" until settled)."""
        s, n = st.summary, st.summary.reviewed
        if st.decision.settled:
            text = (translate("spotcheck", "Accepted unchanged: {accepted} of %n image, {rate} (95 % "
                              "Wilson interval {low}–{high}; anytime-valid bounds {cs_low}–{cs_high})",
                              "", n) if n == 1 else
                    translate("spotcheck", "Accepted unchanged: {accepted} of %n images, {rate} (95 "
                              "% Wilson interval {low}–{high}; anytime-valid bounds "
                              "{cs_low}–{cs_high})", "", n))
        else:
            text = (translate("spotcheck", "So far: accepted unchanged: {accepted} of %n image, "
                              "{rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds "
                              "{cs_low}–{cs_high})", "", n) if n == 1 else
                    translate("spotcheck", "So far: accepted unchanged: {accepted} of %n images, "
                              "{rate} (95 % Wilson interval {low}–{high}; anytime-valid bounds "
                              "{cs_low}–{cs_high})", "", n))
        return text.format(accepted=s.accepted, rate=pct(s.acceptance.value),
                           low=pct(s.acceptance.low), high=pct(s.acceptance.high),
                           cs_low=pct(s.bounds[0]), cs_high=pct(s.bounds[1]))

    @staticmethod
    def _precision(st: SpotCheckStatus) -> str:
        p = st.summary.precision
        if not p.n:
            return translate("spotcheck", "Suggestions accepted unchanged: {accepted} of {decided} "
                             "decided").format(accepted=p.successes, decided=p.n)
        return translate("spotcheck", "Suggestions accepted unchanged: {accepted} of {decided} "
                         "decided, {rate} ({low}–{high})").format(
                             accepted=p.successes, decided=p.n, rate=pct(p.value), low=pct(p.low),
                             high=pct(p.high))

    def _show_table(self, st: SpotCheckStatus) -> None:
        """One row a class: its verdict (coloured), images, accepted, acceptance, interval,
        precision. The class's own name (the key the verbs take) is the first cell's data."""
        selected = self.selected_class()
        per_class = st.summary.per_class
        self.table.setRowCount(len(per_class))
        for r, c in enumerate(per_class):
            settled = c.verdict != Verdict.CONTINUE
            values = (class_shown(c.name), shown(standing(c.verdict)),
                      str(c.images), str(c.passed), pct(c.acceptance.value),
                      f"{pct(c.acceptance.low)}–{pct(c.acceptance.high)}",
                      pct(c.precision.value))
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, c.name)
                if col == 1:
                    item.setForeground(Qt.GlobalColor.gray if not settled
                                       else Qt.GlobalColor.darkGreen if c.verdict == Verdict.PASS
                                       else Qt.GlobalColor.red if c.verdict == Verdict.FAIL
                                       else Qt.GlobalColor.darkYellow)
                self.table.setItem(r, col, item)
            if c.name == selected:
                self.table.selectRow(r)

    def _show_accept(self, st: SpotCheckStatus) -> None:
        can = st.decision.can_accept_rest and st.rest_pending > 0 and not self._busy
        self.accept_button.setEnabled(can)
        if st.rest_accepted:
            self.accept_button.setText(translate("spotcheck", "The rest was accepted ({suggestions})"
                                                 ).format(suggestions=_suggestions(st.rest_accepted)))
        elif st.rest_pending:
            self.accept_button.setText(translate("spotcheck", "Accept the rest: {suggestions} on "
                                                 "{images}").format(
                suggestions=_suggestions(st.rest_pending), images=_images(st.rest_images)))
        else:
            self.accept_button.setText(translate("spotcheck", "Accept the rest (nothing pending)"))
        self.accept_button.setToolTip(
            "" if can else translate("spotcheck", "Enabled on a pass of the anytime-valid verdict "
                                     "(at any look) while suggestions are pending on images nobody "
                                     "reviewed."))

    def selected_class(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        item = self.table.item(rows[0].row(), 0) if rows else None
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _show_class_buttons(self) -> None:
        st = self._status
        if st is None:
            return
        s = st.summary
        passed = s.passed_classes
        pending, images = st.rest_of_classes(passed)
        can = (bool(passed) and pending > 0 and not st.decision.can_accept_rest
               and not self._busy)
        self.classes_button.setEnabled(can)
        self.classes_button.setText(
            translate("spotcheck", "Accept the passed classes ({names}): {suggestions}").format(
                names=_names(passed), suggestions=_suggestions(pending))
            if passed and pending else translate("spotcheck", "Accept the passed classes"))
        self.classes_button.setToolTip(
            "" if can else translate("spotcheck", "Enabled when some classes passed on their own, "
                                     "the whole spot-check has not, and suggestions of those "
                                     "classes are pending."))
        name = self.selected_class()
        verdicts = {c.name: c.verdict for c in s.per_class}
        ok = name is not None and verdicts.get(name) == Verdict.CONTINUE and not self._busy
        self.class_extend_button.setEnabled(ok)
        self.class_extend_button.setText(
            translate("spotcheck", "Extend the sample for {name}").format(name=class_shown(name))
            if ok and name is not None
            else translate("spotcheck", "Extend the sample for the selected class"))
        self.class_extend_button.setToolTip(
            "" if ok else translate("spotcheck", "Select a class whose verdict is not settled in "
                                    "the table."))

    def extend_class(self) -> Extension | None:
        """More sampled images holding the selected class (its verdict still open)."""
        name = self.selected_class()
        if name is None or self._status is None or self._busy:
            return None

        def text(ext: Extension) -> str:
            n = len(ext.added)
            return (translate("spotcheck", "Added %n image holding {name} to the sample: review "
                              "them like the others.", "", n) if n == 1 else
                    translate("spotcheck", "Added %n images holding {name} to the sample: "
                              "review them like the others.", "", n)).format(
                                  name=class_shown(name))
        return self._extend(name, text)

    def _extend(self, cls: str | None, text: Callable[[Extension], str]) -> Extension | None:
        """Draw more images (of class `cls`, or the "about N more" estimate), never waiting on
        the GUI thread for a background write (gui/saving.py): the Extension when drawn at
        once; else None, the buttons off and "Drawing more images…" shown until it arrives
        through `sample_extended` (a refusal through `extend_failed`)."""
        done: list[Extension] = []

        def extended(ext: Extension) -> None:
            done.append(ext)
            self._extended(ext, text(ext))

        write_soon(self.store, self._tasks, partial(extend_spot_check_sample, cls=cls),
                   self.audit_id, on_result=extended, on_error=self._not_extended,
                   waiting=self._drawing_more)
        return done[0] if done else None

    def _drawing_more(self) -> None:
        self._busy = True
        self.extend_button.setEnabled(False)
        self.class_extend_button.setEnabled(False)
        self.accept_button.setEnabled(False)
        self.message.setText(translate("spotcheck", "Drawing more images…"))

    @property
    def busy(self) -> bool:
        """A step of this panel (extending, accepting the rest) runs in the background."""
        return self._busy

    def _extended(self, ext: Extension, text: str) -> None:
        self._busy = False
        self.message.setText(text)
        self.refresh()
        self.sample_extended.emit(ext)

    def _not_extended(self, exc: BaseException, _traceback: str = "") -> None:
        busy, self._busy = self._busy, False
        self.message.setText(error_text(exc))
        self.refresh()
        if busy:  # in the background: the window hears it too
            self.extend_failed.emit(self.message.text())

    def _show_extend(self, st: SpotCheckStatus) -> None:
        d = st.decision
        can = d.can_extend and not self._busy
        self.extend_button.setEnabled(can)
        if d.can_extend and d.to_draw:
            n = d.to_draw
            self.extend_button.setText(
                translate("spotcheck", "Extend the sample by %n image (K)", "", n) if n == 1 else
                translate("spotcheck", "Extend the sample by %n images (K)", "", n))
        else:
            self.extend_button.setText(translate("spotcheck", "Extend the sample (K)"))
        self.extend_button.setToolTip("" if can else shown(d.extend_refusal_text() or ""))

    def _detail(self, st: SpotCheckStatus) -> str:
        s = st.summary
        parts = [shown(st.decision.advice_text)] if s.reviewed else []
        if s.verdict == Verdict.FAIL:
            names = s.failing_classes or s.weak_classes[:5]
            if names:
                parts.append(translate("spotcheck", "Classes below the target: {names}.").format(
                    names=_names(names)))
        n = st.rest_unknown
        if n:
            parts.append(
                translate("spotcheck", "%n suggestion outside the sample has a label that is not a "
                          "class yet; it is left for review.", "", n) if n == 1 else
                translate("spotcheck", "%n suggestions outside the sample have labels that are not "
                          "classes yet; they are left for review.", "", n))
        return after_another(parts)

    # -- extend the sample ----------------------------------------------------------------------
    def extend(self) -> Extension | None:
        """Draw more images into the sample (the "about N more" estimate); the result arrives
        through `sample_extended` too. None, with the reason in `message`, when it cannot (or,
        with a task runner, while it is drawn: see `_extend`)."""
        st = self._status
        if st is None or self._busy:
            return None
        return self._extend(None, lambda ext: _added_text(len(ext.added), ext.short))

    # -- accept the rest ----------------------------------------------------------------------
    def accept_rest(self, passed_classes: bool = False) -> AcceptRest | None:
        """Ask, then accept the rest (or only the classes that passed). With a task runner it
        runs off the GUI thread and the result arrives through `rest_accepted`; without one it
        returns the result."""
        st = self._status
        if st is None or self._busy:
            return None
        classes = st.summary.passed_classes if passed_classes else None
        if classes is None and not st.decision.can_accept_rest:
            return None
        if classes is not None and not classes:
            return None
        if classes is None:
            question = translate(
                "spotcheck", "Accept {suggestions} on {images} nobody reviewed? {summary} This is "
                "one step: Undo restores them all.").format(
                    suggestions=_pending(st.rest_pending), images=_images(st.rest_images),
                    summary=shown(describe_text(st)))
        else:
            pending, _image_count = st.rest_of_classes(classes)
            question = translate(
                "spotcheck", "Accept {suggestions} of the classes that passed ({names}) on the "
                "images nobody reviewed? The other classes stay pending for review. This is one "
                "step: Undo restores them all.").format(suggestions=_pending(pending),
                                                        names=_names(classes))
        if not self._confirm(self, question):
            return None
        if self._tasks is not None:
            self._busy = True
            self.accept_button.setEnabled(False)
            self.classes_button.setEnabled(False)
            self.message.setText(translate("spotcheck", "Accepting…"))
            self._tasks.run(accept_rest, self.store, self.audit_id, classes=classes,
                            on_result=self._accepted, on_error=self._failed)
            return None
        try:
            result = accept_rest(self.store, self.audit_id, classes=classes)
        except Exception as exc:  # noqa: BLE001 - one sentence for the user, details in the log
            if not isinstance(exc, SpotCheckError):
                log.exception("accept the rest failed")
            self._failed(exc)
            return None
        self._accepted(result)
        return result

    def _accepted(self, result: AcceptRest) -> None:
        self._busy = False
        k = len(result.skipped_unknown)
        skipped = ("" if not k else
                   translate("spotcheck", "; %n with an unknown label left for review", "", k)
                   if k == 1 else
                   translate("spotcheck", "; %n with unknown labels left for review", "", k))
        self.message.setText(translate("spotcheck", "Accepted {suggestions} on {images}{skipped}."
                                       ).format(suggestions=_suggestions(len(result.accepted)),
                                                images=_images(len(result.images)), skipped=skipped))
        self.refresh()
        self.rest_accepted.emit(result.changes)

    def _failed(self, exc: BaseException, _traceback: str = "") -> None:
        self._busy = False
        if isinstance(exc, SpotCheckError):
            self.message.setText(error_text(exc))
        else:
            self.message.setText(translate("spotcheck", "Could not accept the rest: {reason}").format(
                reason=error_text(exc)))
        self.refresh()


ALL = "all"  # the scope entry "All suggestions" (the plan's run_id None)
EVERY = "every"  # the entry "Every suggestion" (the plan's only None)


def _none_if(sentinel: str) -> Callable[[object], object]:
    return lambda value: None if value == sentinel else value


def _sentinel_if_none(sentinel: str) -> Callable[[object], object]:
    return lambda value: sentinel if value is None else value


def _percent(value: float) -> float:
    return value / 100


def _shown_percent(spin: QDoubleSpinBox) -> Callable[[float | None], float]:
    """A share as the percent a spin box shows; None (not asked by it) keeps what it shows."""
    return lambda value: spin.value() if value is None else value * 100


class SpotCheckCreateDialog(QDialog):
    """Create a spot-check: scope (a run or all suggestions), size, stratification, seed, target.
    The form edits a Qt-free `SpotCheckPlan` (`self.plan`, bound by gui/binding.py). After
    `exec()` returns Accepted, `audit_id` holds the new spot-check."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 plan: SpotCheckPlan | None = None, tasks=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("spotcheck", "New spot-check"))
        self.store = store
        self.audit_id: int | None = None
        self._tasks = tasks  # gui.tasks.TaskRunner: Create draws the sample off the GUI thread
        self._populations: dict[tuple[int | None, str | None], int] = {}
        runs = store.runs()
        self.plan = plan or SpotCheckPlan(  # the latest run, a fifth of its images
            run_id=runs[-1].id if runs else None, fraction=0.2,
            seed=random.SystemRandom().randrange(1, 2**31 - 1))  # stored with it
        self._make_fields(runs)
        self._lay_out(any(decisions_by_mark(store).values()))  # the project has a consensus
        self.by_margin.setChecked(self.plan.margin is not None)
        self.by_fraction.setChecked(self.plan.margin is None)
        self.binding = self._bind()
        self.binding.show(self.plan)
        self._edited()

    def _make_fields(self, runs) -> None:
        self.scope = QComboBox()
        self.scope.addItem(translate("spotcheck", "All suggestions"), ALL)
        for run in runs:
            self.scope.addItem(translate("spotcheck", "Run {id}: {provider}/{model}").format(
                id=run.id, provider=run.provider, model=run.model), run.id)
        self.by_fraction = QRadioButton(translate("spotcheck", "Share of the images"))
        self.by_margin = QRadioButton(translate("spotcheck", "Margin of error (95 %)"))
        self.fraction = QDoubleSpinBox()
        self.fraction.setRange(0.1, 100.0)
        self.fraction.setSuffix(translate("spotcheck", " %"))
        self.fraction.setValue(20.0)  # shown while the plan asks by margin
        self.margin = QDoubleSpinBox()
        self.margin.setRange(0.5, 49.0)
        self.margin.setSuffix(translate("spotcheck", " %"))
        self.margin.setValue(3.0)  # shown while the plan asks by share
        self.stratify = QCheckBox(translate("spotcheck", "Cover every predicted class (stratify)"))
        self.only = QComboBox(self)  # two-model consensus: agreed or disputed suggestions only
        for text, value in ((translate("spotcheck", "Every suggestion"), EVERY),
                            (translate("spotcheck", "Only those two models agree on"), "agreed"),
                            (translate("spotcheck", "Only those two models dispute"), "disputed")):
            self.only.addItem(text, value)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.target = QDoubleSpinBox()
        self.target.setRange(50.0, 99.9)
        self.target.setSuffix(translate("spotcheck", " %"))
        self.estimate = QLabel()
        self.estimate.setObjectName("auditEstimate")
        self.error = QLabel()
        self.error.setObjectName("auditError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")

    def _lay_out(self, consensus: bool) -> None:
        size_row = QWidget()
        size_layout = QHBoxLayout(size_row)
        size_layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.by_fraction, self.fraction, self.by_margin, self.margin):
            size_layout.addWidget(w)
        form = QFormLayout()
        form.addRow(translate("spotcheck", "Suggestions of"), self.scope)
        form.addRow(translate("spotcheck", "Sample size"), size_row)
        form.addRow("", self.stratify)
        if consensus:
            form.addRow(translate("spotcheck", "Which suggestions"), self.only)
        else:
            self.only.hide()
        form.addRow(translate("spotcheck", "Seed"), self.seed)
        form.addRow(translate("spotcheck", "Target acceptance"), self.target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(translate("spotcheck", "Create"))
        buttons.accepted.connect(self.create_check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.estimate)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_form(self, self.error)

    # -- plan <-> widgets ---------------------------------------------------------------------
    def _bind(self) -> Binding:
        """Every field the form shows follows its widget (binding.py); the share and the
        margin read as None unless their radio button is chosen."""
        binding = Binding(changed=self._edited)
        binding.bind(self.scope, "run_id", read=_none_if(ALL), write=_sentinel_if_none(ALL))
        binding.bind(self.fraction, "fraction", write=_shown_percent(self.fraction),
                     read=lambda v: None if self.by_margin.isChecked() else v / 100)
        binding.bind(self.margin, "margin", write=_shown_percent(self.margin),
                     read=lambda v: v / 100 if self.by_margin.isChecked() else None)
        binding.watch(self.by_margin)
        binding.bind(self.stratify, "stratify")
        binding.bind(self.only, "only", read=_none_if(EVERY), write=_sentinel_if_none(EVERY))
        binding.bind(self.seed, "seed", write=lambda v: v or 0)
        binding.bind(self.target, "target", read=_percent, write=lambda v: v * 100)
        return binding

    def _edited(self) -> None:
        self.plan = self.binding.apply(self.plan)
        self.fraction.setEnabled(not self.by_margin.isChecked())
        self.margin.setEnabled(self.by_margin.isChecked())
        self.estimate.setText(self._estimate_text(self.plan))

    def _estimate_text(self, plan: SpotCheckPlan) -> str:
        key = (plan.run_id, plan.only)
        if key not in self._populations:
            self._populations[key] = len(only_population(self.store, plan.only, plan.run_id))
        population = self._populations[key]
        if not population:
            return translate("spotcheck", "No image here has suggestions to check yet.")
        if plan.margin is not None:
            n = sample_size_for_margin(plan.margin, population)
        else:
            n = sample_size_for_fraction(plan.fraction if plan.fraction is not None else 0.2,
                                         population)
        sentence = (translate("spotcheck", "{n} of %n image with suggestions will be sampled "
                              "(images already reviewed count toward it).", "", population)
                    if population == 1 else
                    translate("spotcheck", "{n} of %n images with suggestions will be sampled "
                              "(images already reviewed count toward it).", "", population))
        return sentence.format(n=n)

    def create_check(self) -> None:
        """Draw the sample and store the spot-check, never waiting on the GUI thread for a
        background write (gui/saving.py: "Drawing the sample…" and Create off meanwhile)."""
        if not self.create_button.isEnabled():
            return  # already drawing
        write_soon(self.store, self._tasks, create_spot_check, self.plan,
                   on_result=self._created, on_error=self._not_created, waiting=self._drawing)

    def _drawing(self) -> None:
        self.create_button.setEnabled(False)
        self.error.hide()
        self.estimate.setText(translate("spotcheck", "Drawing the sample…"))

    def _created(self, audit_id: int) -> None:
        self.audit_id = audit_id
        if self.isVisible():
            self.accept()

    def _not_created(self, exc: BaseException, _traceback: str = "") -> None:
        self.create_button.setEnabled(True)
        self.estimate.setText(self._estimate_text(self.plan))
        self.error.setText(error_text(exc))
        self.error.show()
