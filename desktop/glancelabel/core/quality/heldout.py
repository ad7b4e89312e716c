"""The comparison of models on the held-out images of a project (figures in `compare.py`).

The held-out images are the training split's val images that a person reviewed. Their final
annotations are the truth. The project's local models are run on them now, on this machine (their
images per second are measured here; they cost nothing). A stored run (a large model asked through
a provider) takes part when it answered every held-out image; one that answered only some is left
out with a sentence saying so. By default every run except training, import and local-engine runs
is considered; `run_ids` names the runs instead. A run's cost per 1,000 images is what it paid
(its tokens at the price table's prices) per answered image; unknown when its model has no price.
Boxes go to the `detect` comparison and image tags to the `classify` one, each with the local
models of that task.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GlanceLabelError
from ..i18n import N_, said
from ..model import Box
from ..providers.pricing import load_price_table, user_price_path
from ..store.audits import class_name
from ..store.comparison import answer_spans
from ..store.training import LocalModel, local_models, val_image_ids
from .compare import Comparison, ImageScore, ModelFigures, choose, figures, score_boxes, score_tags
from .match import Pred, Truth
from .words import error_said, run_said

if TYPE_CHECKING:
    from ..model import Run
    from ..store import Store

TASKS = ("detect", "classify")
LEFT_OUT_KINDS = ("train", "import")  # runs that are not a model's answers
Progress = Callable[[str, int, int], None]  # (model name, images done, images)


class CompareError(GlanceLabelError):
    """A comparison that cannot be made as asked (an unknown run or model)."""


class CompareCancelled(CompareError):
    """The comparison was cancelled while local models ran."""


@dataclass
class HeldOut:
    """The held-out images and their truth."""

    image_ids: list[int]
    boxes: dict[int, list[Truth]] = field(default_factory=dict)
    tags: dict[int, set[str]] = field(default_factory=dict)
    from_run: dict[int | None, dict[str, int]] = field(default_factory=dict)  # run -> kind -> n

    def annotations(self, task: str) -> int:
        if task == "detect":
            return sum(len(v) for v in self.boxes.values())
        return sum(len(v) for v in self.tags.values())


def held_out(store: Store, suggestions: Sequence[dict] | None = None) -> HeldOut:
    """The held-out images and their truth; `suggestions`: `store.quality_suggestions()` when
    the caller has them already."""
    val = val_image_ids(store)
    if not val:
        return HeldOut([])
    reviewed = {r["id"] for r in store.quality_images()}
    ids = [i for i in val if i in reviewed]
    out = HeldOut(ids)
    wanted = set(ids)
    rows = store.quality_suggestions() if suggestions is None else suggestions
    run_of = {s["id"]: s["run_id"] for s in rows if s["image_id"] in wanted}
    for a in store.quality_annotations():
        if a["image_id"] not in wanted:
            continue
        name = a["label_name"] if a["label_name"] is not None else "(no class)"
        if a["kind"] == "tag":
            out.tags.setdefault(a["image_id"], set()).add(name)
        elif a["x"] is not None:
            out.boxes.setdefault(a["image_id"], []).append(
                Truth(name, Box(a["x"], a["y"], a["w"], a["h"])))
        else:
            continue
        if a["suggestion_id"] in run_of:
            task = "classify" if a["kind"] == "tag" else "detect"
            per = out.from_run.setdefault(run_of[a["suggestion_id"]], {})
            per[task] = per.get(task, 0) + 1
    return out


@dataclass
class StoredRuns:
    """The runs taking part and what the store says of them, read once."""

    runs: dict[int, Run]
    rows: dict[int, dict[int, list[dict]]]  # run -> held-out image -> its suggestion rows
    looked: dict[int, set[int]]  # run -> held-out images it looked at (job finished, suggestions)
    answered: dict[int, int]  # run -> images the provider answered (paid for)
    spans: dict[int, tuple[int, float]]  # run -> (answers, seconds from start to the last)
    priced: dict[int, bool]  # run -> its model has a price in the table (else its cost is unknown)

    @classmethod
    def read(cls, store: Store, runs: dict[int, Run], suggestions: Sequence[dict],
             held: set[int]) -> StoredRuns:
        rows: dict[int, dict[int, list[dict]]] = {}
        for s in suggestions:
            if s["run_id"] in runs and s["image_id"] in held:
                rows.setdefault(s["run_id"], {}).setdefault(s["image_id"], []).append(s)
        finished = store.run_finished_images(("done", "cached"))
        looked = {i: (finished.get(i, set()) | set(rows.get(i, {}))) & held for i in runs}
        answered = {r["id"]: r["succeeded"] for r in store.run_summaries()}
        table = load_price_table(user_price_path())
        priced = {i: table.info(r.model, r.provider).priced for i, r in runs.items()}
        return cls(runs, rows, looked, answered, answer_spans(store), priced)

    def answering(self, kind: str) -> list[Run]:
        """The runs with suggestions of this kind (box or tag) on the held-out images."""
        return [r for r in self.runs.values()
                if any(s["kind"] == kind for rows in self.rows.get(r.id, {}).values()
                       for s in rows)]


def build_comparisons(store: Store, folder: Path, *, run_ids: Sequence[int] = (),
                      model_names: Sequence[str] = (), seed: int = 0,
                      on_progress: Progress | None = None,
                      cancel: threading.Event | None = None) -> list[Comparison]:
    """One comparison per task that has held-out annotations or a local model; [] when there
    are no held-out images. Setting `cancel` stops running local models (CompareCancelled)."""
    models = _local_models(store, model_names)
    if not val_image_ids(store):
        return []
    suggestions = store.quality_suggestions()
    truth = held_out(store, suggestions)
    if not truth.image_ids:
        return []
    stored = StoredRuns.read(store, _runs(store, run_ids), suggestions, set(truth.image_ids))
    out = []
    for task in TASKS:
        mine = [m for m in models if m.task == task]
        if not mine and not truth.annotations(task):
            continue
        comparison = Comparison(task, len(truth.image_ids), truth.annotations(task), [])
        for m in mine:
            try:
                comparison.models.append(_run_local(store, folder, m, truth, seed, on_progress,
                                                    cancel))
            except CompareCancelled:
                raise
            except GlanceLabelError as exc:  # a model file gone or broken, an unreadable image
                comparison.notes.append(said(
                    N_("report", "The local model {name} could not be compared: {reason}"),
                    name=m.name, reason=error_said(exc)))
        for run in stored.answering("tag" if task == "classify" else "box"):
            covered = len(stored.looked[run.id])
            if covered < len(truth.image_ids):
                held = len(truth.image_ids)
                comparison.notes.append(said(
                    N_("report", "Run {run} ({provider}/{model}) answered {covered} of the {n} "
                       "held-out image, so it is left out; ask it about the others to compare "
                       "it.") if held == 1 else
                    N_("report", "Run {run} ({provider}/{model}) answered {covered} of the {n} "
                       "held-out images, so it is left out; ask it about the others to compare "
                       "it."), run=run.id, provider=run.provider, model=run.model,
                    covered=covered, n=held))
                continue
            comparison.models.append(_stored_run(stored, run, truth, task, seed))
        out.append(choose(comparison))
    return out


def _local_models(store: Store, names: Sequence[str]) -> list[LocalModel]:
    models = local_models(store)
    if not names:
        return models
    known = {m.name: m for m in models}
    missing = [n for n in names if n not in known]
    if missing:
        listed = ", ".join(sorted(known)) or "none yet"
        raise CompareError("This project has no local model named {name} (its local models: "
                           "{listed}).", name=missing[0], listed=listed)
    return [known[n] for n in names]


def _runs(store: Store, run_ids: Sequence[int]) -> dict[int, Run]:
    runs = {r.id: r for r in store.runs()}
    if run_ids:
        missing = [i for i in run_ids if i not in runs]
        if missing:
            raise CompareError("This project has no run {run}.", run=missing[0])
        return {i: runs[i] for i in run_ids}
    return {i: r for i, r in runs.items()
            if r.kind not in LEFT_OUT_KINDS and r.provider != "local"}


def _stored_run(stored: StoredRuns, run: Run, truth: HeldOut, task: str,
                seed: int) -> ModelFigures:
    rows_by_image = stored.rows.get(run.id, {})
    scores: list[ImageScore] = []
    for image_id in truth.image_ids:
        rows = rows_by_image.get(image_id, [])
        if task == "detect":
            preds = [Pred(class_name(s["label_name"], s["raw_label"]),
                          Box(s["x"], s["y"], s["w"], s["h"]), s["confidence"])
                     for s in rows if s["kind"] == "box" and s["x"] is not None]
            scores.append(score_boxes(preds, truth.boxes.get(image_id, [])))
        else:
            tags = [(class_name(s["label_name"], s["raw_label"]), s["confidence"])
                    for s in rows if s["kind"] == "tag"]
            scores.append(score_tags(tags, truth.tags.get(image_id, set())))
    title = run_said(run.provider, run.model, run.id, run.params)
    fig = figures(str(title), scores, local=False, run_id=run.id, seed=seed)
    fig.title = title
    answered = stored.answered.get(run.id, 0)  # a model without a price paid an unknown sum
    if answered and stored.priced.get(run.id, False):
        fig.cost_per_1000 = run.cost_usd / answered * 1000
    done, seconds = stored.spans.get(run.id, (0, 0.0))
    if run.kind == "batch" and done and seconds > 0:
        fig.images_per_second = done / seconds
    fig.from_own_suggestions = truth.from_run.get(run.id, {}).get(task, 0)
    return fig


def _run_local(store: Store, folder: Path, model: LocalModel, truth: HeldOut, seed: int,
               on_progress: Progress | None, cancel: threading.Event | None) -> ModelFigures:
    """Ask the local model about every held-out image now, timing it."""
    from ..providers import ClassSpec, SuggestRequest, get_provider

    title = said(N_("report", "local model {name}"), name=model.name)
    name = str(title)
    provider: Any = get_provider("local", model_path=model.path)
    provider.detector()  # load once, outside the timing
    classes = tuple(ClassSpec(lab.name) for lab in store.labels())
    images = store.images(truth.image_ids)
    scores: list[ImageScore] = []
    seconds = 0.0
    for n, image_id in enumerate(truth.image_ids):
        if cancel is not None and cancel.is_set():
            raise CompareCancelled("The comparison was cancelled.")
        image = images[image_id]
        size = (image.width, image.height) if image.width and image.height else None
        request = SuggestRequest(folder / image.relpath, classes=classes,
                                 orientation=image.orientation, oriented_size=size)
        start = time.perf_counter()
        result = provider.suggest(request)
        seconds += time.perf_counter() - start
        if model.task == "detect":
            preds = [Pred(class_name(s.label, s.raw_label), s.box, s.confidence)
                     for s in result.boxes if s.box is not None]
            scores.append(score_boxes(preds, truth.boxes.get(image_id, [])))
        else:
            tags = [(class_name(s.label, s.raw_label), s.confidence) for s in result.tags]
            scores.append(score_tags(tags, truth.tags.get(image_id, set())))
        if on_progress is not None:
            on_progress(name, n + 1, len(truth.image_ids))
    fig = figures(name, scores, local=True, seed=seed)
    fig.title = title
    fig.cost_per_1000 = 0.0
    fig.images_per_second = len(scores) / seconds if seconds > 0 else None
    return fig
