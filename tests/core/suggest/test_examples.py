"""Choosing examples for the prompt, and `suggest --examples N` against the fake Anthropic server."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image

from fakes.batch_fakes import car_answering, make_images, open_project
from glancelabel.cli import main
from glancelabel.core.model import Box, Kind
from glancelabel.core.providers.base import ClassSpec, build_prompt
from glancelabel.core.store.examples import add_example, remove_example
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.store.training import hold_split
from glancelabel.core.suggest.examples import choice_sentence, choose
from glancelabel.core.suggest.plan import PROMPT_OVERHEAD_TOKENS


def reviewed_project(tmp_path, n=8):
    """n images with a 'car' suggestion each; images 0-5 accepted by a person (2 and 3 with
    the box corrected), 6-7 left pending. Image 1 is in a spot-check sample, image 4 is
    held out (val)."""
    make_images(tmp_path, n, width=200, height=160)
    store = open_project(tmp_path, ("car", "sign"))
    car = store.label_by_name("car").id
    ids = store.image_ids("all")
    run = store.create_run("anthropic", "claude-sonnet-5-5", kind="batch")
    for i, image_id in enumerate(ids):
        (sid,) = store.add_suggestions(run, image_id, [NewSuggestion(
            kind=Kind.BOX, raw_label="car", label_id=car, box=Box(10 + i, 20, 50, 40))])
        if i < 6:
            box = Box(12 + i, 22, 60, 44) if i in (2, 3) else None
            store.accept_suggestions([sid], box=box, mark_done=True)
    store.insert_audit(run_id=run, seed=1, method="test", params={}, target=0.9,
                       sample={ids[1]: None})
    hold_split(store, {ids[4]: "val"}, seed=1)
    return store, ids, car


def test_pick_for_me_takes_corrected_then_accepted_never_sampled_or_held_out(tmp_path):
    store, ids, car = reviewed_project(tmp_path)
    (cars, signs) = choose(store, 3)
    assert cars.image_ids == (ids[2], ids[3], ids[0])  # corrected first; 1 sampled, 4 val
    assert signs.image_ids == () and not cars.picked
    assert choose(store, 0) == []

    # a picked example comes first; a picked one that became a spot-check image is skipped
    assert add_example(store, car, ids[5]) and add_example(store, car, ids[1])
    assert not add_example(store, car, ids[5])
    (cars, _) = choose(store, 2)
    assert cars.image_ids == (ids[5], ids[2]) and cars.picked == {ids[5]}
    assert choice_sentence(choose(store, 2), 2) == (
        "Sends 2 example images: car 2 (1 picked), sign 0 (up to 2 a class).")
    assert remove_example(store, car, ids[5])
    assert choose(store, 1)[0].image_ids == (ids[2],)
    store.close()


def test_suggest_examples_sends_them_and_keeps_them_out_of_the_cache_key(tmp_path, capsys,
                                                                          monkeypatch):
    store, ids, _car = reviewed_project(tmp_path)
    store.close()
    with car_answering(monkeypatch) as fake:
        base = ["suggest", str(tmp_path), "--provider", "anthropic", "--base-url",
                fake.base_url, "--yes", "--json", "--concurrency", "1"]
        assert main(base + ["--examples", "2", "--image", "img0006.jpg"]) == 0
        out, err = capsys.readouterr()
        assert "Sends 2 example images: car 2, sign 0 (up to 2 a class)." in err
        assert "Examples: 2 example images, about " in err and " without, +" in err
        body = fake.main_requests()[-1].json
        blocks = body["messages"][0]["content"]
        images = [b for b in blocks if b["type"] == "image"]
        assert len(images) == 3  # two examples, then the image in question
        sizes = [Image.open(io.BytesIO(base64.b64decode(b["source"]["data"]))).size
                 for b in images]
        assert sizes == [(200 + 2, 160), (200 + 3, 160), (200 + 6, 160)]
        answers = [json.loads(b["text"].splitlines()[-1]) for b in blocks
                   if b["type"] == "text" and b["text"].startswith("### Example")]
        assert answers[0]["objects"] == [{"label": "car", "box": [14, 22, 74, 66]}]
        run_with = json.loads(out.strip().splitlines()[-1])["run"]

        assert main(base + ["--examples", "0", "--image", "img0006.jpg", "--force"]) == 0
        out, err = capsys.readouterr()
        plain = fake.main_requests()[-1].json["messages"][0]["content"]
        assert [b["type"] for b in plain] == ["text", "text", "image"] and "example" not in err
        run_without = json.loads(out.strip().splitlines()[-1])["run"]
        assert run_with != run_without  # another question, another run

        assert main(base + ["--examples", "9"]) != 0
        assert "--examples must be between 0 and 5." in capsys.readouterr().err


def test_estimate_shows_the_cost_with_and_without_examples(tmp_path, monkeypatch):
    from glancelabel.core.suggest import example_cost
    from glancelabel.core.suggest.plan import BatchPlan

    store, ids, _car = reviewed_project(tmp_path)
    plain = BatchPlan(provider="anthropic", scope="all", concurrency=2)
    without = plain.estimate(store, ids)
    assert without.examples_note == ""
    plan = BatchPlan(provider="anthropic", scope="all", concurrency=2)
    plan.settings.examples_per_class = 2
    short = plan.estimate(store, ids)
    # two 202 x 160 examples: far below Sonnet's 2,048-token minimum, paid in full each time
    assert short.examples_note.startswith(
        "Examples: 2 example images, about ")
    assert "(too short a prefix to be cached: paid in full every request): $" in (
        short.examples_note)
    per_request = (short.input_tokens - without.input_tokens) // 8
    assert short.cost_usd == pytest.approx(without.cost_usd + 8 * per_request * 2 / 1e6)
    assert f"without, +{100 * (short.cost_usd - without.cost_usd) / without.cost_usd:.0f} %." in (
        short.examples_note)
    assert short.examples_note in short.text()

    monkeypatch.setattr(example_cost, "min_cacheable", lambda provider, model: 100)
    cached = plan.estimate(store, ids)
    assert "(cached after the first requests)" in cached.examples_note
    # 2 requests sent at once write the prefix (P + T) at 1.25x, the 6 others read it at 0.1x,
    # none pays the prefix P plainly as it did without examples
    prompt = build_prompt((ClassSpec("car"), ClassSpec("sign")), "", "pixels", (1000, 1000))
    p = (len(prompt.system) + len(prompt.user_text)) // 4 + PROMPT_OVERHEAD_TOKENS
    extra = (2 * (p + per_request) * 1.25 + 6 * (p + per_request) * 0.1 - 8 * p) * 2 / 1e6
    assert cached.cost_usd == pytest.approx(without.cost_usd + extra)
    # the Batch API figure counts on no cache hit (best effort)
    assert cached.batch_cost_usd == pytest.approx(
        without.batch_cost_usd + 8 * per_request * 2 / 1e6 * 0.5)
    store.close()


def test_example_images_are_capped_in_all(tmp_path, monkeypatch):
    from glancelabel.core.suggest import examples as examples_mod

    store, ids, _car = reviewed_project(tmp_path)
    monkeypatch.setattr(examples_mod, "MAX_IMAGES", 2)
    choices = choose(store, 3)
    sent = examples_mod.prompt_examples(store, choices)
    assert [e.image_path.name for e in sent] == ["img0002.jpg", "img0003.jpg"]
    assert choice_sentence(choices, 3) == (
        "Sends 2 example images: car 3, sign 0 (up to 3 a class; at most 2 in all).")
    store.close()


def test_a_batch_api_job_sends_the_examples_and_the_fake_caches_them(tmp_path):
    from fakes import FakeAnthropic
    from fakes.prompt_cache import PromptCache
    from glancelabel.core.suggest import batch_api
    from glancelabel.core.suggest.runner import BatchPlan

    store, ids, _car = reviewed_project(tmp_path)
    with FakeAnthropic() as fake:
        fake.prompt_cache = PromptCache(minimum=300)
        plan = BatchPlan(provider="anthropic", base_url=fake.base_url, scope="selection",
                         selection=(ids[6], ids[7]))
        plan.settings.examples_per_class = 2
        batch_api.submit(store, plan)
        (created,) = [r for r in fake.requests if r.path == "/v1/messages/batches"]
        requests = created.json["requests"]
        assert len(requests) == 2
        blocks = requests[0]["params"]["messages"][0]["content"]
        assert [b["type"] for b in blocks].count("image") == 3
        (report,) = batch_api.collect(store)
        assert report.stored == 2 and not fake.refused
        billed = fake.prompt_cache.log
        assert billed[0].cache_creation_input_tokens > 0
        assert billed[1].cache_read_input_tokens == billed[0].cache_creation_input_tokens
    store.close()
