"""The quality report's section "Models on the same held-out images", as HTML with an inline SVG
chart (one bar per model: its mAP50 or top-1 accuracy, with the 95 % interval)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..review.queue import plural
from ..spotcheck.sample import Rate, pct
from .compare import ClassFigures, Comparison, Interval, cost_text, interval_text

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
           'font-family="sans-serif" font-size="11">',
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


def _rate(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    return f"{pct(rate.value)} <small>({pct(rate.low)}–{pct(rate.high)})</small>"


def _ap(i: Interval) -> str:
    text = interval_text(i)
    head, _, rest = text.partition(" ")
    return f"{head} <small>{rest}</small>" if rest else head


def _class_rows(classes: Sequence[ClassFigures]) -> str:
    e = html.escape
    return "".join(f"<tr><td>{e(k.name)}</td><td>{k.tp}</td><td>{k.fp}</td><td>{k.fn}</td>"
                   f"<td>{_rate(k.precision)}</td><td>{_rate(k.recall)}</td><td>{_ap(k.ap)}</td>"
                   "</tr>" for k in classes)


def comparison_section(comparisons: Sequence[Comparison]) -> str:
    """The section's HTML; empty when there is nothing to compare."""
    e = html.escape
    parts = []
    for c in comparisons:
        what = plural(c.annotations, "image tag" if c.task == "classify" else "box",
                      None if c.task == "classify" else "boxes")
        ap = "AP50" if c.task == "detect" else "AP"
        parts.append(
            f"<h2 id='compare-{c.task}'>Models on the same held-out images "
            f"({'boxes' if c.task == 'detect' else 'image tags'})</h2>"
            f"<p>{plural(c.images, 'held-out image')} (reviewed by a person, never trained on) "
            f"with {what}. Images per second were measured on this machine for local models and "
            "over the run's wall time for large-model runs; costs are what the run paid per "
            "answered image.</p>"
            f"<p class='answer'><b>{e(c.answer)}</b><br><small>{e(c.rule)}</small></p>"
            f"<table><tr><th>model</th><th>{e(c.metric)}</th><th>precision</th><th>recall</th>"
            "<th>images per second</th><th>cost per 1,000 images</th>"
            "<th>held-out annotations from its own suggestions</th></tr>")
        for m in c.models:
            t = m.total
            speed = "–" if m.images_per_second is None else f"{m.images_per_second:.1f}"
            parts.append(
                f"<tr><td>{e(m.name)}</td><td>{_ap(m.headline(c.task))}</td>"
                f"<td>{_rate(t.precision)}</td><td>{_rate(t.recall)}</td><td>{speed}</td>"
                f"<td>{e(cost_text(m.cost_per_1000).removesuffix(' per 1,000 images'))}</td>"
                f"<td>{m.from_own_suggestions}</td></tr>")
        parts.append("</table>")
        parts.extend(f"<p>{e(s)}</p>" for s in c.skipped)
        if c.models:
            parts.append("<figure>" + interval_chart(
                f"{c.metric} per model (95 % intervals)", [m.name for m in c.models],
                [m.headline(c.task) for m in c.models], c.choice) + "</figure>")
        for m in c.models:
            parts.append(f"<h3>{e(m.name)}: per class</h3><table><tr><th>class</th><th>TP</th>"
                         f"<th>FP</th><th>FN</th><th>precision</th><th>recall</th><th>{ap}</th>"
                         f"</tr>{_class_rows(m.classes)}</table>")
    return "".join(parts)
