"""The anytime-valid verdict: a confidence sequence for an acceptance rate, pure.

A spot-check is looked at after every reviewed image. A fixed-sample interval (Wilson) read at
every look declares "pass" or "fail" far more often than its 5 % promise when the true rate sits
on the target. Here pass/fail comes from a *confidence sequence*: bounds that hold at every look at
once, so people may look as often as they like and stop whenever it says pass or fail.

Method: the one-sided beta-binomial mixture martingale (Robbins 1970, "Statistical methods related
to the law of the iterated logarithm", Ann. Math. Statist. 41(5):1397-1409; Howard, Ramdas,
McAuliffe & Sekhon 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences",
Ann. Statist. 49(2):1055-1080, section 3 and the beta-binomial boundary of their appendix).
For a null rate p0 and s successes in n images, the likelihood ratio of a rate q against p0,
(q/p0)^s ((1-q)/(1-p0))^(n-s), is a nonnegative martingale with mean 1 when the true rate is p0;
for q >= p0 it is a supermartingale whenever the true rate is <= p0. Its average over q drawn from a
Beta(a, b) prior truncated to [p0, 1] is therefore one too, and Ville's inequality gives
P(it ever reaches 1/alpha) <= alpha. So:

- pass at a look when the "above" mixture at the target reaches 1/alpha (alpha = 2.5 %): the chance
  of ever passing a rate at or below the target is at most 2.5 %, however often one looks;
- fail when the "below" mixture (prior truncated to [0, p0]) reaches 1/alpha: likewise at most
  2.5 % for a rate at or above the target;
- otherwise the verdict is open, and the app shows the running estimate with its ordinary
  (Wilson) interval, labelled "so far".

The mixture has a closed form: B(a+s, b+n-s) / B(a, b) times the ratio of the two truncated
masses, over p0^s (1-p0)^(n-s). With whole-number a and b the truncated beta masses are binomial
tails (the regularised incomplete beta I_x(A, B) = P(Binomial(A+B-1, x) >= A)), summed here from
the tail's edge, so nothing beyond `math` is needed. The prior is an even mix of a beta centred
on p0 with a spread of about `SPREAD` (five points: a model a few points off the target) and the
uniform one (a model far off it, settled in a few dozen images); a mix of mixtures is a mixture.

The verdict at one look depends only on the counts; the first one given along the walk is kept
(`first_verdict` over `summary.walked`). An early verdict is valid only when that order tells
nothing about the outcomes (Ville's inequality is about a sequence
of draws), so the sample is walked in a seeded random order (`sample.walk_order`), never in the
folder's, where a trend (day images, then night ones) would pass a rate below the target early.
The sample is drawn
without replacement, which makes the counts less variable than the Bernoulli model assumes, so
the error rates stay within their bounds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from functools import lru_cache

from .stats import Verdict, smallest_true

METHOD = "beta-binomial mixture confidence sequence (Robbins 1970; Howard et al. 2021)"
METHOD_ID = "anytime-valid beta-binomial mixture"
ALPHA_SIDE = 0.025  # error allowed on each side: a wrong pass, a wrong fail
THRESHOLD = math.log(1 / ALPHA_SIDE)
SPREAD = 0.05  # standard deviation of the mixing prior around the null rate
_TINY = 1e-17


def _log_term(k: int, n: int, x: float) -> float:
    """log P(Binomial(n, x) = k), for 0 < x < 1."""
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(x) + (n - k) * math.log1p(-x))


def _log_tail_sum(k: int, n: int, x: float, step: int) -> float:
    """log of the sum of P(Binomial(n, x) = j) for j = k, k+step, ... (step -1: down to 0; +1: up
    to n), summed from k, where the tail is largest, until the terms no longer count."""
    log_first = _log_term(k, n, x)
    odds = x / (1 - x)
    total, term, j = 1.0, 1.0, k
    while (j > 0) if step < 0 else (j < n):
        if step < 0:
            term *= j / (n - j + 1) / odds
        else:
            term *= (n - j) / (j + 1) * odds
        j += step
        total += term
        if term < total * _TINY:
            break
    return log_first + math.log(total)


def log_binom_cdf(k: int, n: int, x: float) -> float:
    """log P(Binomial(n, x) <= k), accurate in both tails."""
    if k < 0:
        return -math.inf
    if k >= n:
        return 0.0
    if k < n * x:
        return _log_tail_sum(k, n, x, -1)
    upper = _log_tail_sum(k + 1, n, x, +1)  # P(X > k), at most about a half here
    return math.log1p(-math.exp(upper))


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _log_mass_above(a: int, b: int, x: float) -> float:
    """log of the Beta(a, b) mass above x: 1 - I_x(a, b) = P(Binomial(a+b-1, x) <= a-1)."""
    return log_binom_cdf(a - 1, a + b - 1, x)


def _log_mass_below(a: int, b: int, x: float) -> float:
    """log of the Beta(a, b) mass below x: I_x(a, b) = P(Binomial(a+b-1, 1-x) <= b-1)."""
    return log_binom_cdf(b - 1, a + b - 1, 1 - x)


def prior_for(p0: float) -> tuple[int, int]:
    """Whole-number Beta(a, b) parameters with mean near p0 and standard deviation near
    `SPREAD` (a and b at least 1)."""
    k = max(p0 * (1 - p0) / (SPREAD * SPREAD) - 1, 2.0)
    return max(1, round(p0 * k)), max(1, round((1 - p0) * k))


def _log_component(successes: int, failures: int, p0: float, above: bool, a: int, b: int
                   ) -> float:
    """log of the likelihood ratio against p0 averaged over Beta(a, b) truncated to one side."""
    mass = _log_mass_above if above else _log_mass_below
    return (_log_beta(a + successes, b + failures) + mass(a + successes, b + failures, p0)
            - _log_beta(a, b) - mass(a, b, p0)
            - successes * math.log(p0) - failures * math.log1p(-p0))


def log_mixture(successes: int, n: int, p0: float, above: bool) -> float:
    """log of the one-sided mixture martingale at the null rate p0 after `successes` of `n`:
    `above` mixes over rates q >= p0 (evidence that the rate is above p0), else over q <= p0.
    The mixing prior is half a beta centred on p0 with a spread of `SPREAD` (power for rates a
    few points off), half uniform (power for rates far off), each truncated to that side."""
    if not 0 < p0 < 1:
        raise ValueError(f"the null rate must lie strictly between 0 and 1, not {p0}")
    if not 0 <= successes <= n:
        raise ValueError(f"successes {successes} outside 0..{n}")
    a, b = prior_for(p0)
    failures = n - successes
    near = _log_component(successes, failures, p0, above, a, b)
    far = _log_component(successes, failures, p0, above, 1, 1)
    top = max(near, far)
    return top + math.log(0.5 * math.exp(near - top) + 0.5 * math.exp(far - top))


@lru_cache(maxsize=1 << 16)  # a pure function of counts: asked along every sample's path
def anytime_verdict(successes: int, n: int, target: float) -> Verdict:
    """Pass when the confidence sequence's lower bound clears the target, fail when its upper
    bound is below it, else continue. Valid at every look: each wrong verdict at most 2.5 %."""
    if n <= 0:
        return Verdict.CONTINUE
    if successes > target * n and log_mixture(successes, n, target, True) >= THRESHOLD:
        return Verdict.PASS
    if successes < target * n and log_mixture(successes, n, target, False) >= THRESHOLD:
        return Verdict.FAIL
    return Verdict.CONTINUE


def first_verdict(outcomes: Iterable[bool], target: float) -> Verdict:
    """The verdict of a sequence of image outcomes (passed or not) in the order they were
    observed: the first pass or fail any look along it gave, kept afterwards. Ville's inequality
    bounds the chance that the mixture *ever* reaches 1/alpha, so a verdict declared at one look
    stays valid when later reviews bring the counts back inside (the running intersection of
    the confidence sequence); without keeping it, a pass could turn back into "not settled"."""
    successes = n = 0
    for passed in outcomes:
        n += 1
        successes += bool(passed)
        verdict = anytime_verdict(successes, n, target)
        if verdict != Verdict.CONTINUE:
            return verdict
    return Verdict.CONTINUE


@lru_cache(maxsize=4096)  # a pure function of counts: the panel asks again and again
def anytime_bounds(successes: int, n: int) -> tuple[float, float]:
    """The confidence sequence at this look: the rates neither one-sided test rules out (each
    side at 2.5 %), found by bisection; (0, 1) with no reviews."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n

    def ruled_out_below(p0: float) -> bool:
        return log_mixture(successes, n, p0, True) >= THRESHOLD

    def ruled_out_above(p0: float) -> bool:
        return log_mixture(successes, n, p0, False) >= THRESHOLD

    low = 0.0 if successes == 0 else _edge(ruled_out_below, 1e-9, p, True)
    high = 1.0 if successes == n else _edge(ruled_out_above, p, 1 - 1e-9, False)
    return low, high


def _edge(ruled_out: Callable[[float], bool], lo: float, hi: float, rising: bool) -> float:
    """Where ruled_out switches: rising, the largest ruled-out p0 in [lo, hi] (ruled out at lo
    side); else the smallest ruled-out p0 (ruled out at the hi side). 1e-6 precision."""
    inside = hi if rising else lo  # a point not ruled out (the estimate)
    outside = lo if rising else hi
    if not ruled_out(outside):
        return outside
    while abs(inside - outside) > 1e-6:
        mid = (inside + outside) / 2
        if ruled_out(mid):
            outside = mid
        else:
            inside = mid
    return outside


@lru_cache(maxsize=4096)  # a pure function of counts: the panel asks again and again
def anytime_more_to_settle(successes: int, n: int, target: float,
                           *, limit: int = 1_000_000) -> int | None:
    """About how many more images would settle an open verdict if the observed rate held: the
    smallest m > 0 at which round(successes + p*m) of n + m settles it. 0 when already settled;
    None with no reviews yet, or when more than `limit` would be needed (the rate sits on the
    target)."""
    if n <= 0:
        return None
    if anytime_verdict(successes, n, target) != Verdict.CONTINUE:
        return 0
    p = successes / n
    if abs(p - target) < 1e-12:
        return None

    def settled(m: int) -> bool:
        return anytime_verdict(round(successes + p * m), n + m, target) != Verdict.CONTINUE

    hi = 1
    while not settled(hi):
        if hi >= limit:
            return None
        hi = min(hi * 2, limit)
    return smallest_true(settled, hi // 2, hi)  # monotone apart from rounding: "about" N
