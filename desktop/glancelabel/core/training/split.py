"""The held train/val split, as a pure function.

Each image not given a split yet draws a number from a seeded hash of its id: below `val_fraction`
it goes to val, else to train. Only images a person reviewed can go to val (imported labels nobody
looked at are trained on, never used to judge a model). An image keeps its split for good, so
adding images never moves old ones, the same val images are never trained on, and comparisons reuse
them. When no image is in val yet, the reviewed image with the lowest draw goes there, so a small
project still has one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def draw(seed: int, image_id: int) -> float:
    """A number in [0, 1) fixed by the seed and the image."""
    digest = hashlib.sha256(f"{seed}:{image_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign(candidates: Iterable[int], reviewed: set[int], held: dict[int, str], seed: int,
           val_fraction: float) -> dict[int, str]:
    """The splits of the candidates not in `held` (image id -> 'train' | 'val')."""
    pool = set(candidates)
    new = sorted(i for i in pool if i not in held)
    out = {i: "val" if i in reviewed and draw(seed, i) < val_fraction else "train" for i in new}
    has_val = any(held.get(i) == "val" for i in pool) or "val" in out.values()
    eligible = [i for i in new if i in reviewed]
    if not has_val and val_fraction > 0 and len(pool) > 1 and eligible:
        out[min(eligible, key=lambda i: draw(seed, i))] = "val"
    return out
