"""The anytime-valid verdict: the mixture statistic against an independent computation, and its
error rates when the verdict is read after every image (exactly, and by a seeded simulation)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from glancelabel.core.spotcheck.sequential import (
    anytime_bounds,
    anytime_more_to_settle,
    anytime_verdict,
    log_binom_cdf,
    log_mixture,
)
from glancelabel.core.spotcheck.stats import Verdict, verdict_for, wilson

ALPHA = 0.025  # each side
GRID = 100_000


def prior(p0: float) -> tuple[int, int]:
    """The documented prior: a Beta with mean p0 and standard deviation 0.05, its parameters
    rounded to whole numbers (at least 1)."""
    k = max(p0 * (1 - p0) / 0.05**2 - 1, 2.0)
    return max(1, round(p0 * k)), max(1, round((1 - p0) * k))


def mixture_by_integration(s: int, n: int, p0: float, above: bool) -> float:
    """log of the mixture of likelihood ratios, integrated numerically on a fine midpoint grid
    over the documented prior (half the beta above, half uniform, truncated to one side of p0):
    no binomial tails, no beta functions, a different path to the same number."""
    a, b = prior(p0)
    lo, hi = (p0, 1.0) if above else (0.0, p0)
    q = lo + (np.arange(GRID) + 0.5) * (hi - lo) / GRID
    log_lr = s * np.log(q / p0) + (n - s) * np.log((1 - q) / (1 - p0))
    total = 0.0
    shift = float(np.max(log_lr))
    for aa, bb in ((a, b), (1, 1)):
        w = np.exp((aa - 1) * np.log(q) + (bb - 1) * np.log1p(-q))
        total += 0.5 * float(np.sum(w * np.exp(log_lr - shift)) / np.sum(w))
    return shift + math.log(total)


def independent_verdict(s: int, n: int, target: float) -> Verdict:
    if n and s > target * n and mixture_by_integration(s, n, target, True) >= math.log(1 / ALPHA):
        return Verdict.PASS
    if n and s < target * n and mixture_by_integration(s, n, target, False) >= math.log(1 / ALPHA):
        return Verdict.FAIL
    return Verdict.CONTINUE


@pytest.mark.parametrize("s, n, p0", [(45, 50, 0.8), (190, 200, 0.9), (30, 50, 0.8),
                                      (170, 200, 0.9), (3, 3, 0.5), (0, 12, 0.95),
                                      (12, 12, 0.95), (580, 600, 0.95), (1, 40, 0.3)])
@pytest.mark.parametrize("above", [True, False])
def test_mixture_matches_numerical_integration(s, n, p0, above):
    assert log_mixture(s, n, p0, above) == pytest.approx(
        mixture_by_integration(s, n, p0, above), abs=1e-6, rel=1e-6)


def test_binomial_tail_against_a_direct_sum():
    for n, x in ((10, 0.3), (200, 0.9), (57, 0.02), (1000, 0.5)):
        for k in range(-1, n + 1, max(1, n // 37)):
            direct = math.fsum(math.comb(n, j) * x**j * (1 - x) ** (n - j)
                               for j in range(0, k + 1))
            if direct > 1e-300:
                assert math.exp(log_binom_cdf(k, n, x)) == pytest.approx(direct, rel=1e-9)


@pytest.mark.parametrize("s, n, target", [(40, 40, 0.8), (2, 20, 0.7), (95, 100, 0.9),
                                          (88, 100, 0.9), (70, 100, 0.9), (59, 60, 0.95),
                                          (0, 0, 0.9)])
def test_verdict_agrees_with_the_independent_computation(s, n, target):
    assert anytime_verdict(s, n, target) == independent_verdict(s, n, target)


def test_verdicts_on_a_whole_table_against_the_independent_computation():
    target = 0.9
    for n in (4, 9, 17, 30, 44, 60):
        for s in range(n + 1):
            assert anytime_verdict(s, n, target) == independent_verdict(s, n, target), (s, n)


def test_bounds_are_where_the_one_sided_tests_switch():
    for s, n in ((45, 50), (190, 200), (3, 10)):
        low, high = anytime_bounds(s, n)
        assert 0 < low < s / n < high < 1
        lw, hw = wilson(s, n)
        assert low < lw and high > hw  # wider than the one-look interval
        for p0, above, ruled_out in ((low - 1e-4, True, True), (low + 1e-4, True, False),
                                     (high + 1e-4, False, True), (high - 1e-4, False, False)):
            assert (mixture_by_integration(s, n, p0, above) >= math.log(1 / ALPHA)) == ruled_out
    assert anytime_bounds(0, 0) == (0.0, 1.0)
    assert anytime_bounds(5, 5)[1] == 1.0 and anytime_bounds(0, 5)[0] == 0.0


def test_more_to_settle_follows_the_anytime_verdict():
    assert anytime_more_to_settle(0, 0, 0.9) is None
    assert anytime_more_to_settle(9, 10, 0.9) is None  # on the target: never settles
    for s, n, target in ((19, 20, 0.9), (4, 4, 0.7), (30, 40, 0.9), (48, 50, 0.95)):
        m = anytime_more_to_settle(s, n, target)
        assert m is not None and m > 0
        p = s / n
        assert anytime_verdict(round(s + p * m), n + m, target) != Verdict.CONTINUE
        assert anytime_verdict(round(s + p * (m - 1)), n + m - 1, target) == Verdict.CONTINUE
    assert anytime_more_to_settle(200, 200, 0.9) == 0


# -- error rates with a look after every image ------------------------------------------------
def decision_table(target: float, horizon: int, rule) -> np.ndarray:
    """table[n, s]: +1 pass, -1 fail, 0 open after s successes of n images, by `rule`."""
    table = np.zeros((horizon + 1, horizon + 1), dtype=np.int8)
    for n in range(1, horizon + 1):
        for s in range(n + 1):
            v = rule(s, n, target)
            table[n, s] = 1 if v == Verdict.PASS else -1 if v == Verdict.FAIL else 0
    return table


def exact_error_rates(table: np.ndarray, p: float) -> tuple[float, float]:
    """P(the first verdict is pass), P(... is fail) for a true rate p, looking after every image
    (dynamic programming over the counts of the paths still open)."""
    horizon = table.shape[0] - 1
    open_ = np.zeros(horizon + 1)
    open_[0] = 1.0
    passed = failed = 0.0
    for n in range(1, horizon + 1):
        nxt = open_ * (1 - p)
        nxt[1:] += open_[:-1] * p
        passed += nxt[table[n] == 1].sum()
        failed += nxt[table[n] == -1].sum()
        nxt[table[n] != 0] = 0.0
        open_ = nxt
    return passed, failed


def simulated_error_rates(table: np.ndarray, p: float, paths: int, seed: int
                          ) -> tuple[float, float]:
    horizon = table.shape[0] - 1
    rng = np.random.default_rng(seed)
    successes = np.cumsum(rng.random((paths, horizon)) < p, axis=1)
    looks = np.arange(1, horizon + 1)
    verdicts = table[looks[None, :], successes]  # the verdict at every look of every path
    decided = verdicts != 0
    first = np.where(decided.any(axis=1), decided.argmax(axis=1), -1)
    chosen = np.where(first >= 0, verdicts[np.arange(paths), np.maximum(first, 0)], 0)
    return float(np.mean(chosen == 1)), float(np.mean(chosen == -1))


def wilson_rule(s: int, n: int, target: float) -> Verdict:
    return verdict_for(*wilson(s, n), target)


@pytest.mark.parametrize("target", [0.8, 0.9, 0.95])
@pytest.mark.parametrize("horizon", [50, 200])
def test_wrong_verdicts_stay_below_two_and_a_half_percent_at_every_look(target, horizon):
    table = decision_table(target, horizon, anytime_verdict)
    wrong_pass, wrong_fail = exact_error_rates(table, target)
    assert wrong_pass <= ALPHA and wrong_fail <= ALPHA
    sim_pass, sim_fail = simulated_error_rates(table, target, 20_000, seed=15)
    # 20,000 paths: a standard error of about 0.1 point at these rates
    assert sim_pass <= ALPHA and sim_fail <= ALPHA
    assert sim_pass == pytest.approx(wrong_pass, abs=0.005)
    assert sim_fail == pytest.approx(wrong_fail, abs=0.005)
    # a rate just past the target on either side: still rarely the wrong way
    assert exact_error_rates(table, target - 0.02)[0] <= wrong_pass + 1e-12
    assert exact_error_rates(table, min(target + 0.02, 0.999))[1] <= wrong_fail + 1e-12


def test_wilson_at_every_look_breaks_its_promise_where_the_sequence_keeps_it():
    """The reason for the change (issue 15): at a 0.90 target with 200 images, reading the Wilson
    interval after every image passes or fails a rate on the target far more often than 2.5 %."""
    old = decision_table(0.9, 200, wilson_rule)
    wrong_pass, wrong_fail = exact_error_rates(old, 0.9)
    assert wrong_pass > 0.05 and wrong_fail > 0.2
    sim = simulated_error_rates(old, 0.9, 20_000, seed=3)
    assert sim[0] == pytest.approx(wrong_pass, abs=0.01)
    assert sim[1] == pytest.approx(wrong_fail, abs=0.01)
