"""The quality report's section "Models on the same held-out images", as HTML with an inline SVG
chart (one bar per model: its mAP50 or top-1 accuracy, with the 95 % interval)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..i18n import N_
from ..spotcheck.summary import Rate
from .compare import ClassFigures, Comparison, Interval, cost_said, interval_text
from .words import ENGLISH, Words

# The report's typefaces: Simplified Chinese faces before the generic family, so a browser draws
# Han class names and the Chinese report with SC glyph forms rather than the first CJK face it has
# (often the Japanese one). Single quotes: it stands inside CSS and inside SVG attributes.
FONTS = ("'Noto Sans', 'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
         "'Microsoft YaHei', sans-serif")

BAR_COLOR = "#3cb44b"
CHOSEN_COLOR = "#1a7f37"


def interval_chart(title: str, names: Sequence[str], values: Sequence[Interval],
                   chosen: str | None = None) -> str:
    """Horizontal bars on a 0-1 axis with interval whiskers; one self-contained <svg>."""
    e = html.escape
    label_w = min(320, 12 + 7 * max((len(n) for n in names), default=0))
    plot_w, row_h, top = 300, 24, 30
    width, height = label_w + plot_w + 70, top + row_h * max(1, len(names)) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{e(title)}" '
           f'font-family="{FONTS}" font-size="11">',
           f'<text x="8" y="16" font-size="13" font-weight="bold">{e(title)}</text>']
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = label_w + plot_w * tick
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 20}" '
                   'stroke="#ddd"/>'
                   f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick:g}</text>')
    for i, (name, v) in enumerate(zip(names, values, strict=True)):
        y = top + i * row_h
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{e(name)}</text>')
        if v.value is None:
            continue
        color = CHOSEN_COLOR if name == chosen else BAR_COLOR
        out.append(f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{plot_w * v.value:.1f}" '
                   f'height="{row_h - 8}" fill="{color}"><title>{e(name)}: '
                   f'{e(interval_text(v))}</title></rect>')
        if v.low is not None and v.high is not None:
            lo, hi, cy = label_w + plot_w * v.low, label_w + plot_w * v.high, y + row_h / 2
            out.append(f'<path class="err" d="M{lo:.1f},{cy:.1f}H{hi:.1f}M{lo:.1f},{cy - 4:.1f}'
                       f'v8M{hi:.1f},{cy - 4:.1f}v8" stroke="#222" fill="none"/>')
    out.append("</svg>")
    return "".join(out)


def _rate(rate: Rate, words: Words) -> str:
    if rate.value is None:
        return "–"
    return f"{words.pct(rate.value)} <small>({words.pct(rate.low)}–{words.pct(rate.high)})</small>"


def _ap(i: Interval) -> str:
    text = interval_text(i)
    head, _, rest = text.partition(" ")
    return f"{head} <small>{rest}</small>" if rest else head


def _class_rows(classes: Sequence[ClassFigures], words: Words) -> str:
    e, n = html.escape, words.number
    return "".join(f"<tr><td>{e(k.name)}</td><td>{n(k.tp)}</td><td>{n(k.fp)}</td><td>{n(k.fn)}</td>"
                   f"<td>{_rate(k.precision, words)}</td><td>{_rate(k.recall, words)}</td>"
                   f"<td>{_ap(k.ap)}</td></tr>" for k in classes)


MODEL = N_("report", "model")
MODEL_HEADINGS = (N_("report", "precision"), N_("report", "recall"),
                  N_("report", "images per second"), N_("report", "cost per 1,000 images"),
                  N_("report", "held-out annotations from its own suggestions"))
CLASS_HEADINGS = (N_("report", "class"), N_("report", "TP"), N_("report", "FP"),
                  N_("report", "FN"), N_("report", "precision"), N_("report", "recall"))


def _heading(c: Comparison, words: Words) -> str:
    """The section's heading and the sentence that says what was compared."""
    if c.task == "detect":
        title = words(N_("report", "Models on the same held-out images (boxes)"))
        what = words.count(c.annotations, N_("report", "{n} box"), N_("report", "{n} boxes"))
    else:
        title = words(N_("report", "Models on the same held-out images (image tags)"))
        what = words.count(c.annotations, N_("report", "{n} image tag"),
                           N_("report", "{n} image tags"))
    held = words.count(
        c.images,
        N_("report", "{n} held-out image (reviewed by a person, never trained on) with {what}."),
        N_("report", "{n} held-out images (reviewed by a person, never trained on) with {what}."),
        what=what)
    how = words(N_("report", "Images per second were measured on this machine for local models "
                   "and over the run's wall time for large-model runs; costs are what the run "
                   "paid per answered image."))
    return (f"<h2 id='compare-{c.task}'>{html.escape(title)}</h2>"
            f"<p>{html.escape(words.sentences(held, how), quote=False)}</p>")


def comparison_section(comparisons: Sequence[Comparison], words: Words = ENGLISH) -> str:
    """The section's HTML in `words`' language; empty when there is nothing to compare."""
    e = html.escape
    parts = []
    for c in comparisons:
        metric = words.text(c.metric_said)
        head = "".join(f"<th>{e(words(h))}</th>" for h in (MODEL, metric, *MODEL_HEADINGS))
        parts.append(
            _heading(c, words)
            + f"<p class='answer'><b>{e(words.text(c.answer_text or ''))}</b><br>"
            f"<small>{e(words.text(c.rule_text))}</small></p>"
            f"<table><tr>{head}</tr>")
        for m in c.models:
            t = m.total
            speed = "–" if m.images_per_second is None else f"{m.images_per_second:.1f}"
            cost = words.text(cost_said(m.cost_per_1000, per_1000=False))
            parts.append(
                f"<tr><td>{e(words.text(m.said_name))}</td><td>{_ap(m.headline(c.task))}</td>"
                f"<td>{_rate(t.precision, words)}</td><td>{_rate(t.recall, words)}</td>"
                f"<td>{speed}</td><td>{e(cost)}</td>"
                f"<td>{words.number(m.from_own_suggestions)}</td></tr>")
        parts.append("</table>")
        parts.extend(f"<p>{e(words.text(s))}</p>" for s in c.notes)
        if c.models:
            title = words(N_("report", "{metric} per model (95 % intervals)"), metric=metric)
            chosen = next((words.text(m.said_name) for m in c.models if m.name == c.choice), None)
            parts.append("<figure>" + interval_chart(
                title, [words.text(m.said_name) for m in c.models],
                [m.headline(c.task) for m in c.models], chosen) + "</figure>")
        ap = "AP50" if c.task == "detect" else "AP"
        heads = "".join(f"<th>{e(words(h))}</th>" for h in CLASS_HEADINGS)
        for m in c.models:
            title = words(N_("report", "{name}: per class"), name=m.said_name)
            parts.append(f"<h3>{e(title)}</h3><table><tr>{heads}<th>{ap}</th></tr>"
                         f"{_class_rows(m.classes, words)}</table>")
    return "".join(parts)
