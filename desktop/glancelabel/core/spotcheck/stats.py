"""Spot-check statistics and sampling, pure: no project, no store.

The 95 % Wilson score interval of an acceptance rate (`wilson`, no continuity correction), the
verdict it gives against a target (`verdict_for`), how many more images would likely settle an open
verdict (`more_to_settle`), the sample size for a fraction or a margin of error
(`sample_size_for_fraction`, `sample_size_for_margin`), and the seeded, optionally stratified draw
of the sample (`draw_sample`) and of more images to extend it (`draw_more`). `SpotCheckError` lives here because invalid sizes raise it; `audit`
re-exports everything for callers.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum

from ..errors import GlanceLabelError
from ..i18n import N_

Z95 = 1.959963984540054  # two-sided 95 % normal quantile
EPS = 1e-9


class SpotCheckError(GlanceLabelError, ValueError):
    """A spot-check request that cannot be done; the message is one sentence for the user."""


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    CONTINUE = "continue"


# -- statistics ---------------------------------------------------------------------------------
def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, without continuity correction; (0, 1) when n = 0.
    Counts may be fractional (used for projections)."""
    if n <= 0:
        return 0.0, 1.0
    if successes < 0 or successes > n + EPS:
        raise ValueError(f"successes {successes} outside 0..{n}")
    p = min(successes / n, 1.0)
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(max(p * (1 - p) / n + z2 / (4 * n * n), 0.0))
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= n else min(1.0, centre + half)
    return low, high


def verdict_for(low: float, high: float, target: float) -> Verdict:
    if low >= target - EPS:
        return Verdict.PASS
    if high < target:
        return Verdict.FAIL
    return Verdict.CONTINUE


def more_to_settle(
    successes: int, n: int, target: float, *, limit: int = 1_000_000, z: float = Z95
) -> int | None:
    """How many more images would likely settle the verdict, assuming the observed rate holds:
    the smallest m > 0 at which the interval of (successes + p*m) / (n + m) clears the target or
    falls below it. 0 when already settled; None with no reviews yet, when the rate equals the
    target (it never settles), or when more than `limit` would be needed."""
    if n <= 0:
        return None
    low, high = wilson(successes, n, z)
    if verdict_for(low, high, target) != Verdict.CONTINUE:
        return 0
    p = successes / n

    def settled(m: int) -> bool:
        lo, hi = wilson(successes + p * m, n + m, z)
        return verdict_for(lo, hi, target) != Verdict.CONTINUE

    # the interval narrows around p as m grows, so "settled" is monotone in m
    hi_m = 1
    while not settled(hi_m):
        if hi_m >= limit:
            return None
        hi_m = min(hi_m * 2, limit)
    return smallest_true(settled, hi_m // 2, hi_m)


def smallest_true(pred: Callable[[int], bool], lo: int, hi: int) -> int:
    """Smallest m in (lo, hi] with pred(m) true, given pred(hi) and pred monotone."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


def sample_size_for_fraction(fraction: float, population: int) -> int:
    """ceil(fraction * population), at least one image, at most the population."""
    if not 0 < fraction <= 1:
        raise SpotCheckError(N_("errors", "The fraction to check must be above 0 and at most 1 (for example 0.2)."))
    if population <= 0:
        return 0
    return min(population, max(1, math.ceil(fraction * population - EPS)))


def sample_size_for_margin(margin: float, population: int, *, z: float = Z95, p: float = 0.5) -> int:
    """Images needed to estimate a proportion within ±margin at 95 % (normal approximation,
    worst case p = 0.5) with the finite population correction n = n0 / (1 + (n0 - 1) / N)."""
    if not 0 < margin < 1:
        raise SpotCheckError(N_("errors", "The margin of error must be above 0 and below 1 (for example 0.03)."))
    if population <= 0:
        return 0
    n0 = z * z * p * (1 - p) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, max(1, math.ceil(n - EPS)))


# -- sampling ------------------------------------------------------------------------------------
def strata_of(population: Mapping[int, Iterable[str]]) -> dict[int, str | None]:
    """Each image's stratum: its rarest predicted class (fewest images), ties by name."""
    counts: dict[str, int] = {}
    for classes in population.values():
        for c in set(classes):
            counts[c] = counts.get(c, 0) + 1
    out: dict[int, str | None] = {}
    for image_id, classes in population.items():
        classes = list(set(classes))
        out[image_id] = min(classes, key=lambda c: (counts[c], c)) if classes else None
    return out


def _allocate(sizes: Mapping[str | None, int], total: int, floor: int) -> dict[str | None, int]:
    """Proportional allocation by largest remainder, each stratum at least min(size, floor)."""
    n = sum(sizes.values())
    keys = sorted(sizes, key=lambda k: (k is None, k or ""))
    if n == 0:
        return {k: 0 for k in keys}
    exact = {k: total * sizes[k] / n for k in keys}
    alloc = {k: math.floor(exact[k]) for k in keys}
    left = total - sum(alloc.values())
    for k in sorted(keys, key=lambda k: -(exact[k] - alloc[k]))[:left]:
        alloc[k] += 1
    return {k: min(sizes[k], max(alloc[k], min(sizes[k], floor))) for k in keys}


def draw_sample(
    population: Mapping[int, Iterable[str]],
    size: int,
    seed: int,
    *,
    reviewed: Iterable[int] = (),
    stratify: bool = False,
    min_per_class: int = 3,
) -> dict[int, str | None]:
    """A seeded sample of `population` (image id -> predicted classes): image id -> stratum.

    Reviewed images of the population are always in it (they count toward `size`); the rest is
    drawn with `random.Random(seed)`. Stratified: proportional allocation over strata (the rarest
    class of each image), then every class with at least `min_per_class` images gets that many
    sampled images showing it, so rare classes are covered; the sample may exceed `size` then.
    """
    rng = random.Random(seed)
    ids = sorted(population)
    done = set(reviewed) & set(ids)
    size = min(size, len(ids))
    if not stratify:
        plain: dict[int, str | None] = {i: None for i in sorted(done)}
        rest = [i for i in ids if i not in done]
        need = max(0, size - len(plain))
        for i in sorted(rng.sample(rest, min(need, len(rest)))):
            plain[i] = None
        return dict(sorted(plain.items()))

    strata = strata_of(population)
    members: dict[str | None, list[int]] = {}
    for i in ids:
        members.setdefault(strata[i], []).append(i)
    alloc = _allocate({k: len(v) for k, v in members.items()}, size, min_per_class)
    sample: dict[int, str | None] = {}
    for key in sorted(members, key=lambda k: (k is None, k or "")):
        group = members[key]
        chosen = [i for i in group if i in done]
        rest = [i for i in group if i not in done]
        need = max(0, alloc[key] - len(chosen))
        chosen += rng.sample(rest, min(need, len(rest)))
        for i in chosen:
            sample[i] = key
    # top up classes that are never an image's rarest class yet appear too rarely in the sample
    by_class: dict[str, list[int]] = {}
    for i in ids:
        for c in set(population[i]):
            by_class.setdefault(c, []).append(i)
    for c in sorted(by_class):
        have = sum(1 for i in by_class[c] if i in sample)
        want = min(len(by_class[c]), min_per_class)
        if have < want:
            rest = [i for i in by_class[c] if i not in sample]
            for i in rng.sample(rest, want - have):
                sample[i] = strata[i]
    return dict(sorted(sample.items()))


def draw_more(
    population: Mapping[int, Iterable[str]],
    sample: Iterable[int],
    count: int,
    seed: int | str,
    *,
    reviewed: Iterable[int] = (),
    stratify: bool = False,
) -> dict[int, str | None]:
    """`count` more images of `population` outside `sample` (image id -> stratum), to extend a
    sample drawn by `draw_sample`. As there, reviewed images come first (they are free evidence)
    and the rest is drawn with `random.Random(seed)`; stratified, the draw is allocated over the
    strata (each image's rarest class, over the whole population) in proportion to what is left
    of each. Fewer than `count` when fewer are left."""
    rng = random.Random(seed)
    taken = set(sample)
    left = [i for i in sorted(population) if i not in taken]
    done = set(reviewed)
    chosen = [i for i in left if i in done][:count]
    rest = [i for i in left if i not in done]
    need = min(count - len(chosen), len(rest))
    strata = strata_of(population) if stratify else dict.fromkeys(population)
    if not stratify:
        chosen += rng.sample(rest, need)
    elif need > 0:
        members: dict[str | None, list[int]] = {}
        for i in rest:
            members.setdefault(strata[i], []).append(i)
        alloc = _allocate({k: len(v) for k, v in members.items()}, need, 0)
        for key in sorted(members, key=lambda k: (k is None, k or "")):
            chosen += rng.sample(members[key], alloc[key])
    return {i: strata[i] for i in sorted(chosen)}
