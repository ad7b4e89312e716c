"""The AI quality report as one self-contained HTML file, plots drawn here as inline SVG.

`svg_bar_chart` draws grouped precision/recall bars with Wilson error bars (`class_chart` per class,
`model_chart` per run); `render_html` lays out the tables, plots and spot-checks; `write_html`
saves the page atomically. `quality` re-exports everything for callers.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..review.queue import plural
from ..spotcheck.sample import Rate, pct
from .agreement import agreement_section
from .compare_html import comparison_section
from .counts import Counts, QualityReport
from .match import IOU_THRESHOLD

# -- SVG plots --------------------------------------------------------------------------------------
PLOT_TOP, PLOT_HEIGHT = 48, 200
PRECISION_COLOR = "#4363d8"
RECALL_COLOR = "#f58231"


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: list[Rate]


def svg_bar_chart(title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    """Grouped bars on a 0-100 % axis with Wilson error bars; one self-contained <svg>."""
    labels = [c if len(c) <= 22 else c[:21] + "…" for c in categories]
    group_w = max(28, 18 * len(series) + 14)
    # rotated category labels hang to the left of their group: make room for the first one
    left = max(48, int(5.2 * len(labels[0]) - group_w / 2) + 8) if labels else 48
    right, top, bottom, plot_h = 16, PLOT_TOP, 100, PLOT_HEIGHT
    width = max(360, 16 + 8 * len(title), left + right + group_w * max(1, len(categories)))
    height = top + plot_h + bottom
    bar_w = (group_w - 14) / max(1, len(series))
    e = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{e(title)}" '
        'font-family="sans-serif" font-size="11">',
        f'<text x="8" y="16" font-size="13" font-weight="bold">{e(title)}</text>',
    ]

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                   f'{int(tick * 100)} %</text>')
    for gi, (cat, label) in enumerate(zip(categories, labels, strict=True)):
        gx = left + gi * group_w + 7
        for si, s in enumerate(series):
            rate = s.values[gi]
            x = gx + si * bar_w
            if rate.value is not None:
                out.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y(rate.value):.1f}" width="{bar_w - 2:.1f}" '
                    f'height="{plot_h * rate.value:.1f}" fill="{s.color}">'
                    f'<title>{e(cat)} {e(s.name)}: {pct(rate.value)} ({rate.successes}/{rate.n}, '
                    f'95 % {pct(rate.low)}–{pct(rate.high)})</title></rect>'
                )
                cx = x + (bar_w - 2) / 2
                out.append(
                    f'<path class="err" d="M{cx:.1f},{y(rate.low):.1f}V{y(rate.high):.1f}'
                    f'M{cx - 3:.1f},{y(rate.low):.1f}h6M{cx - 3:.1f},{y(rate.high):.1f}h6" '
                    'stroke="#222" fill="none"/>'
                )
        lx, ly = gx + group_w / 2 - 7, top + plot_h + 12
        out.append(f'<text x="{lx:.1f}" y="{ly}" text-anchor="end" '
                   f'transform="rotate(-35 {lx:.1f} {ly})">{e(label)}</text>')
    for si, s in enumerate(series):
        lx = left + 100 * si
        out.append(f'<rect x="{lx}" y="25" width="10" height="10" fill="{s.color}"/>'
                   f'<text x="{lx + 14}" y="34">{e(s.name)}</text>')
    out.append("</svg>")
    return "".join(out)


def class_chart(report: QualityReport) -> str:
    names = sorted(report.overall.boxes)
    return svg_bar_chart(
        "Boxes per class: precision and recall (95 % Wilson intervals)", names,
        [Series("precision", PRECISION_COLOR, [report.overall.boxes[n].precision for n in names]),
         Series("recall", RECALL_COLOR, [report.overall.boxes[n].recall for n in names])],
    )


def model_chart(report: QualityReport) -> str:
    return svg_bar_chart(
        "Precision and recall per model", [m.name for m in report.models],
        [Series("precision", PRECISION_COLOR, [m.box_total.precision for m in report.models]),
         Series("recall", RECALL_COLOR, [m.box_total.recall for m in report.models])],
    )


# -- HTML ------------------------------------------------------------------------------------------
def _rate_cell(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    return f"{pct(rate.value)} <small>({pct(rate.low)}–{pct(rate.high)})</small>"


def _num(v: float | None, fmt: str = "{:.3f}") -> str:
    return "–" if v is None else fmt.format(v)


def _counts_rows(table: dict[str, Counts]) -> str:
    e = html.escape
    rows = []
    for name, c in sorted(table.items()):
        rows.append(
            f"<tr><td>{e(name)}</td><td>{c.tp}</td><td>{c.fp}</td><td>{c.fn}</td>"
            f"<td>{_rate_cell(c.precision)}</td><td>{_rate_cell(c.recall)}</td>"
            f"<td>{_num(c.f1)}</td><td>{c.edited}</td><td>{_num(c.mean_edit_iou)}</td>"
            f"<td>{c.added}</td></tr>"
        )
    return "".join(rows)


_CLASS_HEAD = ("<tr><th>class</th><th>TP</th><th>FP</th><th>FN</th><th>precision</th>"
               "<th>recall</th><th>F1</th><th>edited</th><th>mean IoU of moved boxes</th>"
               "<th>added by hand</th></tr>")

_CSS = """body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:right}td:first-child,th:first-child{text-align:left}small{color:#666}
.pass{color:#1a7f37}.fail{color:#c62828}.continue{color:#9a6700}.provisional{color:#666}"""


def render_html(report: QualityReport) -> str:
    e = html.escape
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.created_at))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>GlanceLabel AI quality report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>AI quality report</h1>",
        f"<p>{e(report.folder or '')} — {when}. {plural(report.images_reviewed, 'image')} reviewed by "
        f"a person, {plural(report.annotations, 'final annotation')}, "
        f"{plural(report.added_boxes, 'box', 'boxes')} drawn by hand. "
        f"Boxes match when the class agrees and IoU ≥ {IOU_THRESHOLD}.</p>",
    ]
    if not report.models:
        parts.append("<p>No reviewed image has AI suggestions yet: review some images first.</p>")
    else:
        parts.append("<h2>Models</h2><table><tr><th>model</th><th>images</th><th>precision</th>"
                     "<th>recall</th><th>F1</th><th>tag accuracy</th><th>edited</th>"
                     "<th>mean IoU of moved boxes</th><th>added by hand</th>"
                     "<th>accepted labels</th><th>cost</th><th>cost per accepted label</th></tr>")
        for m in [*report.models, report.overall]:
            t = m.box_total
            parts.append(
                f"<tr><td>{e(m.name)}</td><td>{m.images}</td><td>{_rate_cell(t.precision)}</td>"
                f"<td>{_rate_cell(t.recall)}</td><td>{_num(t.f1)}</td>"
                f"<td>{_num(m.tag_accuracy, '{:.1%}')}</td><td>{t.edited}</td>"
                f"<td>{_num(t.mean_edit_iou)}</td><td>{t.added}</td><td>{m.accepted_labels}</td>"
                f"<td>${m.cost_usd:.4f}</td><td>{_num(m.cost_per_accepted, '${:.5f}')}</td></tr>"
            )
        parts.append("</table>")
        parts.append(f"<figure>{model_chart(report)}</figure>")
        parts.append(f"<figure>{class_chart(report)}</figure>")
        for m in [*report.models, report.overall]:
            parts.append(f"<h2>{e(m.name)}: boxes per class</h2><table>{_CLASS_HEAD}"
                         f"{_counts_rows(m.boxes)}</table>")
            if m.tag_images:
                parts.append(f"<h3>Tags ({m.tag_exact} of {plural(m.tag_images, 'image')} exactly right)"
                             f"</h3><table>{_CLASS_HEAD}{_counts_rows(m.tags)}</table>")
    parts.append(comparison_section(report.comparisons))
    parts.append(agreement_section(report.agreement))
    if report.audits:
        parts.append(_spot_check_section(report.audits))
    parts.append("</body></html>")
    return "".join(parts)


def _spot_check_section(audits: list[dict]) -> str:
    """The spot-checks: pass/fail from the anytime-valid verdict (its method named), the
    acceptance with its 95 % Wilson interval as a figure, and the classes that passed or failed."""
    e = html.escape
    methods = sorted({a["verdict_method"] for a in audits if a.get("verdict_method")})
    parts = ["<h2>Spot-checks</h2>"]
    if methods:
        parts.append(f"<p>Pass and fail: {e(', '.join(methods))} (an anytime-valid confidence "
                     "sequence, 2.5 % error allowed each way however often it was looked at). "
                     "The acceptance interval is the 95 % Wilson interval, a figure.</p>")
    parts.append("<table><tr><th>spot-check</th><th>run</th><th>reviewed</th><th>accepted</th>"
                 "<th>acceptance (95 % Wilson)</th><th>anytime-valid bounds</th><th>target</th>"
                 "<th>verdict</th><th>verdict by</th><th>classes passed</th>"
                 "<th>failing classes</th></tr>")
    for a in audits:
        rate = Rate.of(a["accepted"], a["reviewed"])
        # a verdict the method has not settled is shown "so far": no pass/fail colour
        shown = a.get("verdict_text") or a["verdict"]
        css = a["verdict"] if a.get("final", True) else "provisional"
        bounds = ("–" if a.get("cs_low") is None or not a["reviewed"]
                  else f"{pct(a['cs_low'])}–{pct(a['cs_high'])}")
        parts.append(
            f"<tr><td>{a['audit_id']}</td><td>{a['run_id'] if a['run_id'] is not None else 'all'}"
            f"</td><td>{a['reviewed']} of {a['sample_size']}</td><td>{a['accepted']}</td>"
            f"<td>{_rate_cell(rate)}</td><td>{bounds}</td><td>{pct(a['target'])}</td>"
            f"<td class='{e(css)}'>{e(shown)}</td><td>{e(a.get('verdict_method', ''))}</td>"
            f"<td>{e(', '.join(a.get('passed_classes', [])))}</td>"
            f"<td>{e(', '.join(a['failing_classes']))}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def write_html(report: QualityReport, path: Path | str) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(report), encoding="utf-8")
    tmp.replace(path)
    return path
