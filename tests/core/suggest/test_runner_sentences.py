"""The batch runner's state sentences (paused, cancelling, finished, the spending cap) are marked
texts beside the English message, so an interface can show them translated."""

from __future__ import annotations

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, make_images, open_project
from glancelabel.core.suggest.runner import BatchPlan, BatchRunner


def test_the_state_sentences_are_texts_with_the_english_message(tmp_path):
    make_images(tmp_path, 4)
    store = open_project(tmp_path)
    with FastAnthropic() as fake:
        fake.success_headers = {}
        fake.default_input = CAR_ANSWER
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
