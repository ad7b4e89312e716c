"""The batch runner's state sentences (paused, cancelling, finished, the spending cap) are marked
texts beside the English message, so an interface can show them translated."""

from __future__ import annotations

from fakes.batch_fakes import car_answering, make_images, open_project
from glancelabel.core.suggest.runner import BatchPlan, BatchRunner


def test_the_state_sentences_are_texts_with_the_english_message(tmp_path, monkeypatch):
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    with car_answering(monkeypatch) as fake:
        seen = []
        runner = BatchRunner(store, BatchPlan(provider="anthropic", base_url=fake.base_url,
                                              concurrency=1),
                             on_progress=seen.append, cap_action="stop")
        runner.prepare()
        runner.pause()
        paused = seen[-1]
        assert paused.message == "Paused." and paused.text is not None
        assert (paused.text.context, str(paused.text)) == ("batch", "Paused.")
        runner.resume()
        runner.set_spending_cap(runner._per_request * 1.5)
        summary = runner.run()
    capped = seen[-1]
    assert summary.state == capped.state == "capped"
    assert capped.text is not None and capped.text.template.startswith("Spending cap of ${cap}")
    assert capped.message == summary.message == str(capped.text)
    assert capped.message.startswith("Spending cap of $0.") and "Raise the cap" in capped.message
    runner.cancel()
    assert str(seen[-1].text) == seen[-1].message == (
        "Cancelling: requests in flight finish and are stored.")


def test_the_estimate_lines_are_texts_one_image_or_more():
    from glancelabel.core.suggest.plan import Estimate

    one = Estimate("anthropic", "claude-x", 1, 0, 1200, 300, 0.0123, 0.0061)
    texts = one.texts()
    assert [t.context for t in texts] == ["batch", "batch", "batch"]
    assert one.text() == ("1 image; anthropic / claude-x\nabout 1,200 input and 300 output tokens\n"
                          "estimated cost $0.01 now, $0.01 through the Batch API (results within "
                          "24 h)")
    many = Estimate("openai", "gpt-x", 3, 2, 10, 5, None, None, warning="Retires soon.")
    assert many.text().splitlines() == [
        "3 images, 2 already answered (free); openai / gpt-x",
        "about 10 input and 5 output tokens",
        "The cost is unknown: the price table has no published price for gpt-x (add one to "
        "prices.json in the settings folder to see costs).",
        "Retires soon."]
    assert many.texts()[0].template != one.texts()[0].template  # 1 / more: two templates


def test_a_run_is_one_marked_sentence():
    from glancelabel.core.suggest.plan import run_text

    row = {"id": 3, "provider": "anthropic", "model": "claude-x", "kind": "batch-api",
           "images": 6, "succeeded": 5, "cached": 0, "failed": 0, "pending": 1}
    assert str(run_text(row, 2)) == ("Run 3 (anthropic / claude-x, Batch API): 6 images, 5 "
                                     "answered, 1 waiting at the provider; 2 duplicates hidden.")
    one = {**row, "kind": "batch", "images": 1, "succeeded": 0, "cached": 1, "failed": 1,
           "pending": 1}
    text = run_text(one)
    assert str(text) == ("Run 3 (anthropic / claude-x): 1 image, 0 answered, 1 from the cache, "
                         "1 failed, 1 to go.")
    assert text.context == "batch" and text.values["parts"].context == "batch"


def test_a_collect_report_is_one_marked_sentence():
    from glancelabel.core.suggest.batch_api import CollectReport

    report = CollectReport(7, stored=1, failed=2, suggestions=3, duplicates=1, resent=2,
                           resent_batches=[8, 9])
    text = report.as_text()
    assert text.context == "batch" and str(text) == report.text() == (
        "batch 7: 1 answer stored (3 suggestions; 1 duplicate hidden), 2 failed, 0 refused, "
        "0 already stored; 2 expired requests were sent again (batch 8, 9)")
    assert CollectReport(1, stored=2, suggestions=1).text() == (
        "batch 1: 2 answers stored (1 suggestion), 0 failed, 0 refused, 0 already stored")
