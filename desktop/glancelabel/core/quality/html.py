"""The AI quality report as one self-contained HTML file, plots drawn here as inline SVG.

`svg_bar_chart` draws grouped precision/recall bars with Wilson error bars (`class_chart` per class,
`model_chart` per run); `render_html` lays out the tables, plots and spot-checks; `write_html`
saves the page atomically. `quality` re-exports everything for callers.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_
from ..spotcheck.sequential import METHOD_ID
from ..spotcheck.summary import Rate
from .agreement import agreement_section
from .compare_html import FONTS, comparison_section
from .counts import Counts, ModelQuality, QualityReport
from .match import IOU_THRESHOLD
from .words import ENGLISH, Translate, Words, english

# -- SVG plots --------------------------------------------------------------------------------------
PLOT_TOP, PLOT_HEIGHT = 48, 200
PRECISION_COLOR = "#4363d8"
RECALL_COLOR = "#f58231"


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    values: list[Rate]


def svg_bar_chart(title: str, categories: Sequence[str], series: Sequence[Series],
                  words: Words = ENGLISH) -> str:
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
        f'font-family="{FONTS}" font-size="11">',
        f'<text x="8" y="16" font-size="13" font-weight="bold">{e(title)}</text>',
    ]

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                   f'{words(PERCENT, value=int(tick * 100))}</text>')
    for gi, (cat, label) in enumerate(zip(categories, labels, strict=True)):
        gx = left + gi * group_w + 7
        for si, s in enumerate(series):
            rate = s.values[gi]
            x = gx + si * bar_w
            if rate.value is not None:
                out.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y(rate.value):.1f}" width="{bar_w - 2:.1f}" '
                    f'height="{plot_h * rate.value:.1f}" fill="{s.color}">'
                    f'<title>{e(cat)} {e(s.name)}: {words.pct(rate.value)} '
                    f'({rate.successes}/{rate.n}, {words(PERCENT, value=95)} '
                    f'{words.pct(rate.low)}–{words.pct(rate.high)})</title></rect>'
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


PERCENT = N_("report", "{value} %")
PRECISION, RECALL = N_("report", "precision"), N_("report", "recall")


def precision_recall(words: Words, values: Sequence[Counts]) -> list[Series]:
    """The two series of a chart: precision and recall of each category's counts."""
    return [Series(words(PRECISION), PRECISION_COLOR, [c.precision for c in values]),
            Series(words(RECALL), RECALL_COLOR, [c.recall for c in values])]


def class_chart(report: QualityReport, words: Words = ENGLISH) -> str:
    names = sorted(report.overall.boxes)
    return svg_bar_chart(
        words(N_("report", "Boxes per class: precision and recall (95 % Wilson intervals)")),
        [words.class_name(n) for n in names],
        precision_recall(words, [report.overall.boxes[n] for n in names]), words)


def model_chart(report: QualityReport, words: Words = ENGLISH) -> str:
    return svg_bar_chart(
        words(N_("report", "Precision and recall per model")),
        [words.text(m.title) for m in report.models],
        precision_recall(words, [m.box_total for m in report.models]), words)


# -- HTML ------------------------------------------------------------------------------------------
def _rate_cell(rate: Rate, words: Words) -> str:
    if rate.value is None:
        return "–"
    return f"{words.pct(rate.value)} <small>({words.pct(rate.low)}–{words.pct(rate.high)})</small>"


def _num(v: float | None, fmt: str = "{:.3f}") -> str:
    return "–" if v is None else fmt.format(v)


def _counts_rows(table: dict[str, Counts], words: Words) -> str:
    e, n = html.escape, words.number
    rows = []
    for name, c in sorted(table.items()):
        rows.append(
            f"<tr><td>{e(words.class_name(name))}</td><td>{n(c.tp)}</td><td>{n(c.fp)}</td><td>{n(c.fn)}</td>"
            f"<td>{_rate_cell(c.precision, words)}</td><td>{_rate_cell(c.recall, words)}</td>"
            f"<td>{_num(c.f1)}</td><td>{n(c.edited)}</td><td>{_num(c.mean_edit_iou)}</td>"
            f"<td>{n(c.added)}</td></tr>"
        )
    return "".join(rows)


CLASS_HEADINGS = (N_("report", "class"), N_("report", "TP"), N_("report", "FP"),
                  N_("report", "FN"), PRECISION, RECALL, "F1",
                  N_("report", "edited"), N_("report", "mean IoU of moved boxes"),
                  N_("report", "added by hand"))
MODEL_HEADINGS = (N_("report", "model"), N_("report", "images"), PRECISION, RECALL, "F1",
                  N_("report", "tag accuracy"), N_("report", "edited"),
                  N_("report", "mean IoU of moved boxes"), N_("report", "added by hand"),
                  N_("report", "accepted labels"), N_("report", "cost"),
                  N_("report", "cost per accepted label"))
SPOT_CHECK_HEADINGS = (
    N_("report", "spot-check"), N_("report", "run"), N_("report", "reviewed"),
    N_("report", "accepted"), N_("report", "acceptance (95 % Wilson)"),
    N_("report", "anytime-valid bounds"), N_("report", "target"), N_("report", "verdict"),
    N_("report", "verdict by"), N_("report", "classes passed"), N_("report", "failing classes"))
SPOT_CHECKS = N_("report", "Spot-checks")
METHODS = {METHOD_ID: N_("report", "anytime-valid beta-binomial mixture")}

_CSS = "body{font-family:" + FONTS + """;margin:2em;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:right}td:first-child,th:first-child{text-align:left}small{color:#666}
.pass{color:#1a7f37}.fail{color:#c62828}.continue{color:#9a6700}.provisional{color:#666}"""


def _row(headings: Sequence[str], words: Words) -> str:
    """A table's heading row, its headings in `words`' language."""
    return "<tr>" + "".join(f"<th>{html.escape(words(h))}</th>" for h in headings) + "</tr>"


def summary(report: QualityReport, words: Words = ENGLISH) -> str:
    """"3 images reviewed by a person, 4 final annotations, 1 box drawn by hand." """
    images = words.count(report.images_reviewed,
                         N_("report", "{n} image reviewed by a person"),
                         N_("report", "{n} images reviewed by a person"))
    annotations = words.count(report.annotations, N_("report", "{n} final annotation"),
                              N_("report", "{n} final annotations"))
    boxes = words.count(report.added_boxes, N_("report", "{n} box drawn by hand"),
                        N_("report", "{n} boxes drawn by hand"))
    return words(N_("report", "{images}, {annotations}, {boxes}."), images=images,
                 annotations=annotations, boxes=boxes)


def render_html(report: QualityReport, words: Words = ENGLISH) -> str:
    """The whole page in `words`' language (English by default)."""
    e = html.escape
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.created_at))
    title = words(N_("report", "AI quality report"))
    match = words(N_("report", "Boxes match when the class agrees and IoU ≥ {iou}."),
                  iou=IOU_THRESHOLD)
    where = words(N_("report", "{folder} — {when}."), folder=report.folder or "", when=when)
    parts = [
        f"<!DOCTYPE html><html lang='{e(words.lang)}'><head><meta charset='utf-8'>",
        f"<title>GlanceLabel {e(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(words.sentences(where, summary(report, words), match))}</p>",
    ]
    if not report.models:
        parts.append("<p>" + e(words(N_("report", "No reviewed image has AI suggestions yet: "
                                        "review some images first."))) + "</p>")
    else:
        parts.append(_models_section(report, words))
    parts.append(comparison_section(report.comparisons, words))
    parts.append(agreement_section(report.agreement, words))
    if report.audits:
        parts.append(_spot_check_section(report.audits, words))
    parts.append("</body></html>")
    return "".join(parts)


def _models_section(report: QualityReport, words: Words) -> str:
    e, n = html.escape, words.number
    models = words(N_("report", "Models"))
    parts = [f"<h2>{e(models)}</h2><table>{_row(MODEL_HEADINGS, words)}"]
    for m in [*report.models, report.overall]:
        t = m.box_total
        parts.append(
            f"<tr><td>{e(words.text(m.title))}</td><td>{n(m.images)}</td>"
            f"<td>{_rate_cell(t.precision, words)}</td><td>{_rate_cell(t.recall, words)}</td>"
            f"<td>{_num(t.f1)}</td><td>{_num(m.tag_accuracy, '{:.1%}')}</td><td>{n(t.edited)}</td>"
            f"<td>{_num(t.mean_edit_iou)}</td><td>{n(t.added)}</td><td>{n(m.accepted_labels)}</td>"
            f"<td>${m.cost_usd:.4f}</td><td>{_num(m.cost_per_accepted, '${:.5f}')}</td></tr>"
        )
    parts.append("</table>")
    parts.append(f"<figure>{model_chart(report, words)}</figure>")
    parts.append(f"<figure>{class_chart(report, words)}</figure>")
    for m in [*report.models, report.overall]:
        title = words(N_("report", "{name}: boxes per class"), name=m.title)
        parts.append(f"<h2>{e(title)}</h2>"
                     f"<table>{_row(CLASS_HEADINGS, words)}{_counts_rows(m.boxes, words)}</table>")
        if m.tag_images:
            parts.append(f"<h3>{e(_tags_title(m, words))}</h3><table>"
                         f"{_row(CLASS_HEADINGS, words)}{_counts_rows(m.tags, words)}</table>")
    return "".join(parts)


def _tags_title(m: ModelQuality, words: Words) -> str:
    return words.count(m.tag_images, N_("report", "Tags ({exact} of {n} image exactly right)"),
                       N_("report", "Tags ({exact} of {n} images exactly right)"),
                       exact=words.number(m.tag_exact))


def listed(names: Iterable[str], words: Words) -> str:
    """Names one after another: "cat, dog" ("cat、dog" in Chinese)."""
    out = ""
    for name in names:
        out = name if not out else words(N_("report", "{names}, {name}"), names=out, name=name)
    return out


def _spot_check_section(audits: list[dict], words: Words) -> str:
    """The spot-checks: pass/fail from the anytime-valid verdict (its method named), the
    acceptance with its 95 % Wilson interval as a figure, and the classes that passed or failed."""
    e, n = html.escape, words.number
    methods = sorted({a["verdict_method"] for a in audits if a.get("verdict_method")})
    parts = [f"<h2>{e(words(SPOT_CHECKS))}</h2>"]
    if methods:
        named = listed([words(METHODS.get(m, m)) for m in methods], words)
        parts.append("<p>" + e(words(N_(
            "report", "Pass and fail: {methods} (an anytime-valid confidence sequence, 2.5 % error "
            "allowed each way however often it was looked at). The acceptance interval is the "
            "95 % Wilson interval, a figure."), methods=named)) + "</p>")
    parts.append(f"<table>{_row(SPOT_CHECK_HEADINGS, words)}")
    for a in audits:
        rate = Rate.of(a["accepted"], a["reviewed"])
        # a verdict the method has not settled is shown "so far": no pass/fail colour
        shown = words.translate("spotcheck", a.get("verdict_text") or a["verdict"])
        css = a["verdict"] if a.get("final", True) else "provisional"
        bounds = ("–" if a.get("cs_low") is None or not a["reviewed"]
                  else f"{words.pct(a['cs_low'])}–{words.pct(a['cs_high'])}")
        run = n(a["run_id"]) if a["run_id"] is not None else words(N_("report", "all"))
        reviewed = words(N_("report", "{reviewed} of {sample}"), reviewed=n(a["reviewed"]),
                         sample=n(a["sample_size"]))
        method = a.get("verdict_method", "")
        parts.append(
            f"<tr><td>{a['audit_id']}</td><td>{e(run)}</td><td>{e(reviewed)}</td>"
            f"<td>{n(a['accepted'])}</td><td>{_rate_cell(rate, words)}</td><td>{bounds}</td>"
            f"<td>{words.pct(a['target'])}</td><td class='{e(css)}'>{e(shown)}</td>"
            f"<td>{e(words(METHODS[method]) if method in METHODS else method)}</td>"
            f"<td>{e(listed(map(words.class_name, a.get('passed_classes', [])), words))}</td>"
            f"<td>{e(listed(map(words.class_name, a['failing_classes']), words))}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def write_html(report: QualityReport, path: Path | str, *, translate: Translate = english,
               lang: str = "en") -> Path:
    """Save the page (UTF-8) atomically; `translate(context, template)` gives its language
    (`lang`, the page's language code: "zh-CN" for Chinese). English by default."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_html(report, Words(translate, lang)), encoding="utf-8")
    tmp.replace(path)
    return path
