"""The quality report's consensus section: agreement rate and the acceptance of agreed and
disputed suggestions, checked against counts made by hand."""

from __future__ import annotations

import math

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.consensus.build import build_consensus
from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import build_report, render_html
from glancelabel.core.store import consensus as sql
from glancelabel.core.store.suggestions import NewSuggestion

Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def test_agreement_rate_and_acceptance_by_mark(tmp_path):
    make_images(tmp_path, 4)
    store = open_project(tmp_path, classes=("car",))
    car = store.label_by_name("car").id
    a, b = store.create_run("anthropic", "m1"), store.create_run("openai", "m2")
    for image in store.all_images():
        # each image: one car both see (agreed), one only a sees (disputed)
        store.add_suggestions(a, image.id, [NewSuggestion(Kind.BOX, "car", car, Box(0, 0, 20, 20)),
                                            NewSuggestion(Kind.BOX, "car", car,
                                                          Box(50, 40, 10, 10))])
        store.add_suggestions(b, image.id, [NewSuggestion(Kind.BOX, "car", car,
                                                          Box(1, 0, 20, 20))])
    assert build_report(store, with_audits=False).agreement is None  # no consensus yet
    build_consensus(store, a, b)
    agreed = sorted(sql.marked_ids(store, "agreed"))
    disputed = sorted(sql.marked_ids(store, "disputed"))
    assert (len(agreed), len(disputed)) == (4, 4)
    store.accept_suggestions(agreed[:3])
    store.reject_suggestions(agreed[3:])
    store.accept_suggestions(disputed[:1])
    store.accept_suggestions(disputed[1:2], box=Box(50, 40, 12, 12))  # edited
    store.reject_suggestions(disputed[2:3])  # one left pending
    report = build_report(store, with_audits=False)
    d = report.to_dict()["agreement"]
    assert d["agreement_rate"] == 2 * 4 / (2 * 4 + 4)
    assert {k: d["agreed"][k] for k in ("suggestions", "accepted", "edited", "rejected",
                                        "pending")} == {"suggestions": 4, "accepted": 3,
                                                        "edited": 0, "rejected": 1, "pending": 0}
    assert {k: d["disputed"][k] for k in ("suggestions", "accepted", "edited", "rejected",
                                          "pending")} == {"suggestions": 4, "accepted": 2,
                                                          "edited": 1, "rejected": 1, "pending": 1}
    assert d["agreed"]["acceptance"] == 3 / 4
    low, high = wilson(3, 4)
    assert math.isclose(d["agreed"]["acceptance_ci_low"], low, abs_tol=1e-9)
    assert math.isclose(d["agreed"]["acceptance_ci_high"], high, abs_tol=1e-9)
    assert d["disputed"]["acceptance"] == 2 / 3
    page = render_html(report)
    assert "<h2>Two-model consensus</h2>" in page
    assert "Agreement rate 66.7 %: 4 agreed suggestions (each supported by both runs) and 4 " \
           "disputed." in page
    assert "<td>agreed</td><td>4</td><td>3</td><td>0</td><td>1</td><td>0</td><td>75.0 %" in page
    store.close()
