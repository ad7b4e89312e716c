"""Which reviewed images go with a question as examples, up to N per class.

For each class sent, the images a person picked as its examples come first (oldest first), then
"pick for me" fills up to N: done images with accepted suggestions of that class, corrected ones
first (`store.examples.accepted_candidates`). Spot-check samples and held-out validation images
are never examples, even when picked before they became one. An image chosen for two classes is
sent once; its answer lists its annotations of the classes sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import N_, Text, counted, said
from ..providers.examples import PromptExample
from ..review.queue import plural
from ..store.examples import (
    accepted_candidates,
    example_images,
    forbidden_image_ids,
    picked_examples,
    usable_image_ids,
)

if TYPE_CHECKING:
    from ..store import Store

MAX_PER_CLASS = 5  # more costs more and rarely teaches more
MAX_IMAGES = 20  # example images in one request, whatever the classes (Anthropic takes 100 images)


@dataclass(frozen=True, slots=True)
class ExampleChoice:
    """The examples of one class: image ids in the order sent, and which of them were picked."""

    label_id: int
    name: str
    image_ids: tuple[int, ...]
    picked: frozenset[int]


def choose(store: Store, per_class: int, classes: Sequence[str] | None = None
           ) -> list[ExampleChoice]:
    """Up to `per_class` examples for each class (names; default every class), label order."""
    if per_class <= 0:
        return []
    labels = store.labels()
    if classes is not None:
        wanted = {c.casefold() for c in classes}
        labels = [lab for lab in labels if lab.name.casefold() in wanted]
    forbidden = forbidden_image_ids(store)
    picked: dict[int, list[int]] = {}
    for label_id, image_id in picked_examples(store):
        picked.setdefault(label_id, []).append(image_id)
    usable = usable_image_ids(store, [i for ids in picked.values() for i in ids])
    out = []
    for lab in labels:
        mine = [i for i in picked.get(lab.id, []) if i in usable and i not in forbidden]
        chosen = mine[:per_class]
        for image_id in accepted_candidates(store, lab.id):
            if len(chosen) >= per_class:
                break
            if image_id not in chosen:
                chosen.append(image_id)
        out.append(ExampleChoice(lab.id, lab.name, tuple(chosen), frozenset(mine)))
    return out


def prompt_examples(store: Store, choices: list[ExampleChoice]) -> tuple[PromptExample, ...]:
    """The chosen images as the prompt's examples (each image once; answers hold the
    annotations of the chosen classes only)."""
    order: list[int] = []
    for rank in range(max((len(c.image_ids) for c in choices), default=0)):
        # round robin over the classes, so a cap leaves every class its first examples
        order += [c.image_ids[rank] for c in choices
                  if rank < len(c.image_ids) and c.image_ids[rank] not in order]
    order = order[:MAX_IMAGES]
    if not order or store.folder is None:
        return ()
    names = {c.name for c in choices}
    images = example_images(store, order)
    folder = Path(store.folder)
    out = []
    for image_id in order:
        ex = images[image_id]
        size = ex.size or _read_size(folder / ex.relpath, ex.orientation)
        out.append(PromptExample(
            folder / ex.relpath, ex.content_hash or f"{ex.relpath}:{size}", ex.orientation,
            size, boxes=tuple(b for b in ex.boxes if b[0] in names),
            tags=tuple(t for t in ex.tags if t in names)))
    return tuple(out)


def _read_size(path: Path, orientation: int) -> tuple[int, int]:
    from ..providers.prepare import load_oriented

    img, _o, displayed = load_oriented(path, orientation=orientation, max_side=64)
    img.close()
    return displayed


def examples_note(run_params: dict | None) -> str:
    """', with 2 examples a class' for a run asked with examples (its parameters), else ''."""
    n = (run_params or {}).get("examples_per_class") or 0
    return f", with {plural(n, 'example')} a class" if n else ""


def choice_sentence(choices: list[ExampleChoice], per_class: int) -> str:
    """'Sends 3 example images: car 2 (1 picked), sign 1 (up to 2 a class).'"""
    return str(choice_text(choices, per_class))


def choice_text(choices: list[ExampleChoice], per_class: int) -> Text:
    """`choice_sentence` as a marked sentence (context suggest)."""
    if per_class <= 0 or not choices:
        return said(N_("suggest", "No examples are sent."))
    images = {i for c in choices for i in c.image_ids}
    capped: Text | str = ""
    if len(images) > MAX_IMAGES:
        capped = said(N_("suggest", "; at most {count} in all"), count=MAX_IMAGES)
    parts: Text | None = None
    for c in choices:
        mine = len(set(c.image_ids) & c.picked)
        part = (said(N_("suggest", "{name} {count} ({picked} picked)"), name=c.name,
                     count=len(c.image_ids), picked=mine) if mine else
                said(N_("suggest", "{name} {count}"), name=c.name, count=len(c.image_ids)))
        parts = part if parts is None else said(N_("suggest", "{first}, {next}"), first=parts,
                                                next=part)
    return counted(min(len(images), MAX_IMAGES),
                   N_("suggest", "Sends {count} example image: {parts} (up to {per_class} a "
                      "class{capped})."),
                   N_("suggest", "Sends {count} example images: {parts} (up to {per_class} a "
                      "class{capped})."), parts=parts, per_class=per_class, capped=capped)
