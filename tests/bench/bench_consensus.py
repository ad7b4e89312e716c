"""Two-model consensus against one model with a spot-check: a simulation (not a test). Run:

    uv run python tests/bench/bench_consensus.py [--images 1000] [--reps 200]

1. Synthetic truth: `--images` images (each of its own size, so a request names its image), each
   with 0-4 objects of five classes and one scene tag. Seeded.
2. Simulated models, served by the fake servers of tests/fakes (model A by the fake Anthropic
   server, model B by the fake OpenAI server), answer from the truth with the error settings fixed
   below (wrong class, missed box, spurious box, loose box, wrong tag), before anything runs. The
   app's batch runner asks both about every image through the real SDKs; the app stores, maps and
   (for B) merges with A in `core.consensus.build` exactly as `glancelabel consensus` does.
3. Three scenarios: independent errors; errors correlated at 0.5 (B repeats A's error with
   probability 0.5, else draws its own); a weak second model.
4. A scripted reviewer who always decides correctly, counting decisions and key presses:
   accept (Enter: 1 key), reject (N: 1), right box with a wrong class (digit + Enter: 2 keys, one
   decision), a missed object drawn (W, drag, digit: 3 presses, one decision), a missing or wrong
   tag added (L + Enter: 2), finishing an image (Space: 1 key, no decision), extending the
   sample (K: 1), accepting the rest (1 decision, 1 key).
   (a) One model (A): a spot-check of 20 % of its images (the app's sample size), an image passes
       when every suggestion on it is right and nothing was missed; the reviewer looks at the
       sampled images in random order and stops at the first anytime-valid verdict
       (`core.spotcheck.verdict.decide`, the app's verdict), extending the sample (K) while the
       whole sample leaves it open; on a pass the rest is accepted unseen, on a fail (or with
       nothing left to draw) every suggestion of every other image is decided (nothing is drawn
       on those images: only sampled images are looked at whole, in both ways).
   (b) Two models in consensus: the agreed suggestions are spot-checked the same way (20 % of
       the images holding agreed suggestions; an image passes when its agreed suggestions are
       all right: the spot-check of agreed suggestions alone, `--only agreed`), accepted unseen
       on a pass (else every agreed suggestion is decided too); every disputed suggestion is
       decided. On a sampled image the reviewer also decides its other suggestions and draws
       what was missed.
   Reported per scenario (medians over `--reps` random sample orders; the models' answers and
   the consensus are computed once): decisions and key presses to reach the final verdict, the
   precision of the labels finally accepted (against the truth), the share of repetitions that
   passed, and the wrong-pass rate (a pass although the true acceptance of the whole
   spot-checked population is below the target; 0 by definition when it is above).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (the fakes)

CLASSES = ("car", "person", "dog", "bicycle", "sign")
SCENES = ("street", "park", "indoor")
TARGET = 0.95  # the spot-check's target acceptance: the app's default (--target changes it)
FRACTION = 0.20
IOU_RIGHT = 0.5  # a suggestion is right when it has the class of a true object and IoU >= this


@dataclass(frozen=True)
class Errors:
    """A simulated model's error rates, per true object (miss, wrong class, loose box), per image
    (spurious boxes: a Poisson mean; wrong tag)."""

    miss: float
    wrong_class: float
    loose: float
    spurious: float
    wrong_tag: float


GOOD = Errors(miss=0.05, wrong_class=0.04, loose=0.04, spurious=0.10, wrong_tag=0.03)
WEAK = Errors(miss=0.20, wrong_class=0.12, loose=0.10, spurious=0.40, wrong_tag=0.15)
# name -> (errors of A, errors of B, correlation of B's errors with A's)
SCENARIOS = {
    "independent": (GOOD, GOOD, 0.0),
    "correlated 0.5": (GOOD, GOOD, 0.5),
    "weak second model": (GOOD, WEAK, 0.0),
}


# -- truth -------------------------------------------------------------------------------------
@dataclass
class Image:
    index: int
    size: tuple[int, int]
    objects: list[tuple[str, tuple[float, float, float, float]]]  # class, (x, y, w, h)
    scene: str


def iou(a, b) -> float:
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw = max(0.0, min(ax2, bx2) - max(a[0], b[0]))
    ih = max(0.0, min(ay2, by2) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def make_truth(n: int, seed: int = 1) -> list[Image]:
    rng = random.Random(seed)
    images = []
    for i in range(n):
        size = (300 + i % 40, 200 + i // 40)  # unique per image
        objects: list = []
        for _ in range(rng.choices([0, 1, 2, 3, 4], [1, 3, 3, 2, 1])[0]):
            for _try in range(20):
                w, h = rng.uniform(24, 80), rng.uniform(24, 80)
                box = (rng.uniform(0, size[0] - w), rng.uniform(0, size[1] - h), w, h)
                if all(iou(box, b) < 0.05 for _c, b in objects):
                    objects.append((rng.choice(CLASSES), box))
                    break
        images.append(Image(i, size, objects, rng.choice(SCENES)))
    return images


# -- simulated models ----------------------------------------------------------------------------
def _jitter(rng, box, size, amount):
    x, y, w, h = box
    x += rng.uniform(-amount, amount) * w
    y += rng.uniform(-amount, amount) * h
    w *= 1 + rng.uniform(-amount, amount)
    h *= 1 + rng.uniform(-amount, amount)
    x, y = max(0.0, x), max(0.0, y)
    return (x, y, min(w, size[0] - x), min(h, size[1] - y))


def _loose(rng, box, size):
    """A box that misses its object: shifted by 60-90 % of its size (IoU < 0.5)."""
    x, y, w, h = box
    dx = rng.choice((-1, 1)) * rng.uniform(0.6, 0.9) * w
    x = min(max(0.0, x + dx), size[0] - w)
    return (x, y, w, h) if iou((x, y, w, h), box) < IOU_RIGHT else (
        max(0.0, min(size[0] - w, x + w)), y, w, h)


@dataclass
class Draws:
    """The random draws behind one model's errors on one image, shareable with another model."""

    events: list[float]
    wrong: list[str]
    spurious: list[tuple[str, tuple]]
    tag_event: float
    tag_wrong: str


def draws_for(rng, image: Image, errors: Errors) -> Draws:
    k = _poisson(rng, errors.spurious)
    spurious = []
    for _ in range(k):
        w, h = rng.uniform(24, 80), rng.uniform(24, 80)
        spurious.append((rng.choice(CLASSES), (rng.uniform(0, image.size[0] - w),
                                               rng.uniform(0, image.size[1] - h), w, h)))
    return Draws([rng.random() for _ in image.objects],
                 [rng.choice([c for c in CLASSES if c != cls]) for cls, _b in image.objects],
                 spurious, rng.random(), rng.choice([s for s in SCENES if s != image.scene]))


def _poisson(rng, mean: float) -> int:
    k, p, limit = 0, rng.random(), pow(2.718281828459045, -mean)
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def correlated(rng, mine: Draws, theirs: Draws, rho: float) -> Draws:
    """B's draws: each of A's draws repeated with probability rho, else B's own."""
    pick = [rng.random() < rho for _ in mine.events]
    return Draws([t if p else m for p, m, t in zip(pick, mine.events, theirs.events, strict=True)],
                 [t if p else m for p, m, t in zip(pick, mine.wrong, theirs.wrong, strict=True)],
                 [s for s in theirs.spurious if rng.random() < rho]
                 + [s for s in mine.spurious if rng.random() >= rho],
                 theirs.tag_event if rng.random() < rho else mine.tag_event,
                 theirs.tag_wrong)


def answer(rng, image: Image, errors: Errors, d: Draws) -> dict:
    """The model's answer (the app's answer schema, pixel corners) from the truth and draws."""
    objects = []
    for (cls, box), u, wrong in zip(image.objects, d.events, d.wrong, strict=True):
        if u < errors.miss:
            continue
        if u < errors.miss + errors.wrong_class:
            cls, conf = wrong, rng.uniform(0.3, 0.8)
            box = _jitter(rng, box, image.size, 0.03)
        elif u < errors.miss + errors.wrong_class + errors.loose:
            box, conf = _loose(rng, box, image.size), rng.uniform(0.3, 0.8)
        else:
            box, conf = _jitter(rng, box, image.size, 0.03), rng.uniform(0.6, 0.97)
        objects.append((cls, box, conf))
    objects += [(cls, box, rng.uniform(0.2, 0.7)) for cls, box in d.spurious]
    scene = d.tag_wrong if d.tag_event < errors.wrong_tag else image.scene
    return {
        "objects": [{"label": c, "box": [round(b[0], 2), round(b[1], 2), round(b[0] + b[2], 2),
                                         round(b[1] + b[3], 2)],
                     "text": None, "confidence": round(conf, 3), "rationale": f"a {c}"}
                    for c, b, conf in objects],
        "tags": [{"label": scene, "confidence": 0.9, "rationale": "the scene"}],
    }


def answers_a(truth: list[Image], errors: Errors, seed: int) -> tuple[dict, list[Draws]]:
    """{image size: answer} of model A, and its draws (B may repeat them)."""
    rng = random.Random(seed)
    draws = [draws_for(rng, image, errors) for image in truth]
    return {im.size: answer(rng, im, errors, d) for im, d in zip(truth, draws, strict=True)}, draws


def answers_b(truth: list[Image], errors: Errors, rho: float, draws_a: list[Draws],
              seed: int) -> dict:
    """{image size: answer} of model B, its errors repeating A's with probability rho."""
    rng = random.Random(seed)
    out = {}
    for image, da in zip(truth, draws_a, strict=True):
        db = correlated(rng, draws_for(rng, image, errors), da, rho)
        out[image.size] = answer(rng, image, errors, db)
    return out


# -- asking through the app ----------------------------------------------------------------------
def write_folder(root: Path, truth: list[Image]) -> Path:
    from PIL import Image as PILImage

    folder = root / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for image in truth:
        p = folder / f"img{image.index:05d}.png"
        if not p.exists():
            PILImage.new("RGB", image.size, (image.index % 256, 90, 120)).save(p)
    return folder


def serve(fake, answers: dict, kind: str):
    from fakes.anthropic_fake import anthropic_tool_message
    from fakes.batch_fakes import image_size_of
    from fakes.openai_fake import openai_chat_completion

    def respond(req):
        body = req.json or {}
        ans = answers[image_size_of(req)]
        if kind == "anthropic":
            name = (body.get("tool_choice") or {}).get("name", "report_suggestions")
            return fake.ok(anthropic_tool_message(ans, name=name, model=body.get("model", "m")))
        return fake.ok(openai_chat_completion(json.dumps(ans), model=body.get("model", "m")))

    fake.responder = respond


def ask(store, fake, provider: str, model: str = "") -> int:
    from glancelabel.core.suggest.runner import BatchPlan, BatchRunner

    plan = BatchPlan(provider=provider, model=model, base_url=fake.base_url, scope="all",
                     concurrency=8)
    runner = BatchRunner(store, plan)
    runner.prepare()
    summary = runner.run()
    assert summary.failed == 0, f"{summary.failed} requests failed"
    return summary.run_id


# -- reading what the app stored ----------------------------------------------------------------
@dataclass(frozen=True)
class Sugg:
    kind: str
    cls: str
    box: tuple | None
    confidence: float


def stored(store, run_ids, *, mark: str | None = None, states=("pending",)) -> dict[int, list]:
    """image index -> suggestions of these runs (with this consensus mark) in these states."""
    marks = ",".join("?" * len(run_ids))
    st = ",".join("?" * len(states))
    sql = (f"SELECT i.relpath, s.kind, coalesce(l.name, s.raw_label), s.x, s.y, s.w, s.h,"
           f" s.confidence FROM suggestions s JOIN images i ON i.id = s.image_id"
           f" LEFT JOIN labels l ON l.id = s.label_id WHERE s.run_id IN ({marks})"
           f" AND s.state IN ({st})" + ("" if mark is None else " AND s.consensus = ?"))
    out: dict[int, list] = {}
    for rel, kind, cls, x, y, w, h, conf in store.q(sql, (*run_ids, *states,
                                                          *(() if mark is None else (mark,)))):
        out.setdefault(int(rel[3:8]), []).append(
            Sugg(kind, cls, None if x is None else (x, y, w, h), conf or 0.0))
    return out


# -- the scripted reviewer ------------------------------------------------------------------------
@dataclass
class Cost:
    decisions: int = 0
    keys: int = 0
    accepted: int = 0  # labels accepted in the end
    correct: int = 0  # of those, right against the truth

    def add(self, other: Cost) -> None:
        self.decisions += other.decisions
        self.keys += other.keys
        self.accepted += other.accepted
        self.correct += other.correct


def judge(suggs: list[Sugg], image: Image) -> tuple[list[str], list[int]]:
    """Each suggestion's verdict — 'right', 'relabel' (a true object's box, another class) or
    'wrong' — in the given order's priority (confidence, highest first), and the indices of the
    true objects nobody found."""
    verdicts = ["wrong"] * len(suggs)
    taken: set[int] = set()
    order = sorted(range(len(suggs)), key=lambda i: -suggs[i].confidence)
    for want_class in (True, False):
        for i in order:
            s = suggs[i]
            if s.kind != "box" or verdicts[i] != "wrong":
                continue
            best, best_iou = None, IOU_RIGHT
            for t, (cls, box) in enumerate(image.objects):
                if t in taken or (want_class and cls != s.cls):
                    continue
                v = iou(s.box, box)
                if v >= best_iou:
                    best, best_iou = t, v
            if best is not None:
                taken.add(best)
                verdicts[i] = "right" if want_class else "relabel"
    for i, s in enumerate(suggs):
        if s.kind == "tag":
            verdicts[i] = "right" if s.cls == image.scene else "wrong"
    missed = [t for t in range(len(image.objects)) if t not in taken]
    return verdicts, missed


def decide_each(suggs: list[Sugg], image: Image, *, draw: bool) -> Cost:
    """A person decides every suggestion (and, with `draw`, draws what was missed and adds a
    missing tag), then finishes the image."""
    verdicts, missed = judge(suggs, image)
    c = Cost(keys=1)  # Space
    for v in verdicts:
        c.decisions += 1
        c.keys += {"right": 1, "relabel": 2, "wrong": 1}[v]
        if v != "wrong":
            c.accepted += 1
            c.correct += 1
    has_tag = any(s.kind == "tag" and v == "right" for s, v in zip(suggs, verdicts, strict=True))
    if draw:
        for _t in missed:
            c.decisions, c.keys, c.accepted, c.correct = (c.decisions + 1, c.keys + 3,
                                                          c.accepted + 1, c.correct + 1)
        if not has_tag:
            c.decisions, c.keys, c.accepted, c.correct = (c.decisions + 1, c.keys + 2,
                                                          c.accepted + 1, c.correct + 1)
    return c


def unseen(suggs: list[Sugg], image: Image) -> Cost:
    """Accepted without a look: every suggestion becomes a label, right or not."""
    verdicts, _missed = judge(suggs, image)
    return Cost(accepted=len(suggs), correct=sum(v == "right" for v in verdicts))


def passes(suggs: list[Sugg], image: Image, *, misses_count: bool) -> bool:
    verdicts, missed = judge(suggs, image)
    return all(v == "right" for v in verdicts) and not (misses_count and missed)


# -- the spot-check loop (the app's sample size and verdict) ------------------------------------
@dataclass
class Check:
    reviewed: list[int]  # population members looked at, in order
    verdict: str  # pass | fail | open
    extensions: int


def spot_check(population: list[int], ok: dict[int, bool], rng: random.Random) -> Check:
    from glancelabel.core.spotcheck.stats import Verdict, sample_size_for_fraction
    from glancelabel.core.spotcheck.verdict import decide

    order = population[:]
    rng.shuffle(order)
    size = sample_size_for_fraction(FRACTION, len(order))
    accepted = reviewed = extensions = 0
    while True:
        if reviewed < min(size, len(order)):
            accepted += ok[order[reviewed]]
            reviewed += 1
            d = decide(accepted, reviewed, size, TARGET, len(order) - size)
            if d.verdict == Verdict.PASS:
                return Check(order[:reviewed], "pass", extensions)
            if d.verdict == Verdict.FAIL:
                return Check(order[:reviewed], "fail", extensions)
            continue
        if reviewed >= len(order):
            return Check(order, "open", extensions)
        d = decide(accepted, reviewed, size, TARGET, len(order) - size)
        size = min(len(order), size + max(1, d.to_draw or size))
        extensions += 1


# -- the two ways to a final verdict --------------------------------------------------------------
def one_model(truth: list[Image], a: dict[int, list], rng: random.Random) -> tuple[Cost, str, float]:
    """(a): spot-check model A's images; accept the rest on a pass, else review the rest."""
    population = [i for i in range(len(truth)) if a.get(i)]
    ok = {i: passes(a[i], truth[i], misses_count=True) for i in population}
    check = spot_check(population, ok, rng)
    cost = Cost(keys=check.extensions)
    seen = set(check.reviewed)
    for i in check.reviewed:
        cost.add(decide_each(a[i], truth[i], draw=True))
    if check.verdict == "pass":
        cost.decisions += 1
        cost.keys += 1
    for i in range(len(truth)):
        if i not in seen and a.get(i):
            cost.add(unseen(a[i], truth[i]) if check.verdict == "pass"
                     else decide_each(a[i], truth[i], draw=False))
    return cost, check.verdict, sum(ok.values()) / len(ok)


def consensus(truth: list[Image], agreed: dict[int, list], disputed: dict[int, list],
              rng: random.Random) -> tuple[Cost, str, float]:
    """(b): spot-check the agreed suggestions, accept them on a pass; review the disputed."""
    population = [i for i in range(len(truth)) if agreed.get(i)]
    ok = {i: passes(agreed[i], truth[i], misses_count=False) for i in population}
    check = spot_check(population, ok, rng)
    cost = Cost(keys=check.extensions)
    seen = set(check.reviewed)
    for i in check.reviewed:
        cost.add(decide_each(agreed[i] + disputed.get(i, []), truth[i], draw=True))
    if check.verdict == "pass":
        cost.decisions += 1
        cost.keys += 1
    for i in range(len(truth)):
        if i in seen or not (agreed.get(i) or disputed.get(i)):
            continue
        if check.verdict != "pass":
            cost.add(decide_each(agreed.get(i, []) + disputed.get(i, []), truth[i], draw=False))
            continue
        cost.add(_disputed_only(agreed.get(i, []), disputed.get(i, []), truth[i]))
    return cost, check.verdict, (sum(ok.values()) / len(ok)) if ok else 1.0


def _disputed_only(agreed: list[Sugg], disputed: list[Sugg], image: Image) -> Cost:
    """Agreed suggestions accepted unseen; each disputed one decided (they come first in the
    review order, so the agreed ones on the image take their objects first in the judging)."""
    boosted = [Sugg(s.kind, s.cls, s.box, s.confidence + 1.0) for s in agreed]
    verdicts, _missed = judge(boosted + disputed, image)
    c = Cost(accepted=len(agreed), correct=sum(v == "right" for v in verdicts[:len(agreed)]))
    if disputed:
        c.keys += 1  # Space (or D) when its disputed suggestions are decided
    for v in verdicts[len(agreed):]:
        c.decisions += 1
        c.keys += 2 if v == "relabel" else 1
        if v != "wrong":
            c.accepted += 1
            c.correct += 1
    return c


# -- running it -----------------------------------------------------------------------------------
def isolate(tmp: Path) -> None:
    """Keys for the fakes, and settings, logs and caches in the temporary folder."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(tmp / var.lower())
    os.environ["ANTHROPIC_API_KEY"] = "bench-key"
    os.environ["OPENAI_API_KEY"] = "bench-key"


def open_store(path: Path, folder: Path):
    from glancelabel.core.store import Store

    return Store(path, folder)


def prepare(tmp: Path, truth: list[Image], seed: int) -> tuple[Path, Path, int, list[Draws]]:
    """The folder, a project in which model A (the fake Anthropic server) answered every image,
    A's run id and A's draws."""
    from fakes.batch_fakes import FastAnthropic
    from glancelabel.core.folder.scan import scan_folder

    folder = write_folder(tmp, truth)
    base = tmp / "base.sqlite"
    store = open_store(base, folder)
    scan_folder(store, folder)
    store.add_labels(list(CLASSES + SCENES))
    a_answers, draws = answers_a(truth, GOOD, seed)
    with FastAnthropic() as fake:
        fake.success_headers = {}
        serve(fake, a_answers, "anthropic")
        t = time.perf_counter()
        run_a = ask(store, fake, "anthropic")
        print(f"model A (fake Anthropic server): {len(truth)} images answered in "
              f"{time.perf_counter() - t:.1f} s", flush=True)
    store.close()
    return folder, base, run_a, draws


def scenario(name: str, tmp: Path, folder: Path, base: Path, run_a: int, truth: list[Image],
             draws: list[Draws], reps: int, seed: int) -> dict:
    from fakes.batch_fakes import FastOpenAI
    from glancelabel.core.consensus.build import build_consensus

    _ea, errors_b, rho = SCENARIOS[name]
    path = tmp / f"{name.replace(' ', '_')}.sqlite"
    shutil.copy(base, path)
    store = open_store(path, folder)
    with FastOpenAI() as fake:
        fake.success_headers = {}
        serve(fake, answers_b(truth, errors_b, rho, draws, seed + 7), "openai")
        run_b = ask(store, fake, "openai", "gpt-4.1-mini")
    times = []
    for k in range(3):  # built, undone and built again: the median of three builds
        t = time.perf_counter()
        result = build_consensus(store, run_a, run_b)
        times.append(time.perf_counter() - t)
        if k < 2:
            store.apply(result.changes.inverted())
    built = statistics.median(times)
    a = stored(store, [run_a], states=("pending", "duplicate"))
    agreed = stored(store, [result.run_id], mark="agreed")
    disputed = stored(store, [run_a, run_b], mark="disputed")
    store.close()
    rows = {"one": [], "two": []}
    for r in range(reps):
        rows["one"].append(one_model(truth, a, random.Random(f"{seed}/{r}/one")))
        rows["two"].append(consensus(truth, agreed, disputed, random.Random(f"{seed}/{r}/two")))
    return {"rows": rows, "agreed": result.agreed, "disputed": result.disputed,
            "build_seconds": built}


def summary_line(label: str, runs: list[tuple[Cost, str, float]]) -> dict:
    decisions = statistics.median(c.decisions for c, _v, _t in runs)
    keys = statistics.median(c.keys for c, _v, _t in runs)
    precision = statistics.median(c.correct / c.accepted for c, _v, _t in runs if c.accepted)
    passed = sum(v == "pass" for _c, v, _t in runs) / len(runs)
    true_acc = runs[0][2]
    wrong = sum(v == "pass" and t < TARGET for _c, v, t in runs) / len(runs)
    return {"label": label, "decisions": decisions, "keys": keys, "precision": precision,
            "passed": passed, "true_acceptance": true_acc, "wrong_pass": wrong}


def main() -> None:
    global TARGET
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--target", type=float, default=TARGET,
                        help="the spot-checks' target acceptance (default: the app's 0.95)")
    args = parser.parse_args()
    TARGET = args.target
    tmp = Path(tempfile.mkdtemp(prefix="bench-consensus-"))
    try:
        isolate(tmp)
        truth = make_truth(args.images, args.seed)
        objects = sum(len(im.objects) for im in truth)
        print(f"{args.images} images, {objects} true objects, {args.images} scene tags; target "
              f"{TARGET:.0%}, sample {FRACTION:.0%}, {args.reps} sample orders per scenario")
        folder, base, run_a, draws = prepare(tmp, truth, args.seed)
        print(f"{'scenario':<19} {'way':<22} {'decisions':>9} {'keys':>6} {'precision':>9} "
              f"{'passed':>7} {'true acc.':>9} {'wrong pass':>10}")
        for name in SCENARIOS:
            out = scenario(name, tmp, folder, base, run_a, truth, draws, args.reps, args.seed)
            one = summary_line("(a) one model", out["rows"]["one"])
            two = summary_line("(b) two in consensus", out["rows"]["two"])
            for row in (one, two):
                print(f"{name:<19} {row['label']:<22} {row['decisions']:>9.0f} {row['keys']:>6.0f} "
                      f"{row['precision']:>9.4f} {row['passed']:>7.0%} "
                      f"{row['true_acceptance']:>9.3f} {row['wrong_pass']:>10.1%}")
            print(f"{'':<19} ratio (b)/(a): decisions {two['decisions'] / one['decisions']:.2f}, "
                  f"keys {two['keys'] / one['keys']:.2f}; {out['agreed']} agreed and "
                  f"{out['disputed']} disputed suggestions (consensus built in "
                  f"{out['build_seconds']:.2f} s, median of 3)", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
