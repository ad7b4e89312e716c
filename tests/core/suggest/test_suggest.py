"""`suggest_image` (the I key): store, map, cache, force, cancel, errors in one sentence."""

from __future__ import annotations

import threading

import pytest

from fakes.batch_fakes import car_answering, image_size_of, make_images, open_project
from glancelabel.core.app.settings import ProviderSettings
from glancelabel.core.suggest.ask import suggest_image


@pytest.fixture
def fake(monkeypatch):
    with car_answering(monkeypatch) as f:
        yield f


def cfg(fake, **kw) -> ProviderSettings:
    return ProviderSettings(provider="anthropic", base_url=fake.base_url, **kw)


def test_stores_mapped_and_unknown_labels(tmp_path, fake):
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    image = store.image_by_relpath("img0001.jpg")
    out = suggest_image(store, image.id, cfg(fake))
    assert not out.failed and not out.cached and len(out.suggestion_ids) == 2
    assert "2 suggestions for img0001.jpg" in out.message
    assert out.cost_usd > 0
    stored = {s.raw_label: s for s in store.suggestions(image.id)}
    assert stored["car"].label_id == store.label_by_name("car").id
    assert stored["zebra crossing"].label_id is None  # unknown, raw label kept
    assert stored["car"].box is not None and stored["car"].confidence == 0.9
    assert [image_size_of(r) for r in fake.main_requests()] == [(101, 80)]
    run = store.run(out.run_id)
    assert run.kind == "interactive" and run.input_tokens == 1200 and run.cost_usd > 0


def test_cache_hit_sends_nothing_and_says_so_then_force_reasks(tmp_path, fake):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    image = store.all_images()[0]
    first = suggest_image(store, image.id, cfg(fake))
    again = suggest_image(store, image.id, cfg(fake))
    assert again.cached and again.cost_usd == 0 and again.suggestion_ids == []
    assert "no request was sent" in again.message
    assert len(fake.main_requests()) == 1
    assert len(store.suggestions(image.id)) == 2  # not duplicated
    # decide one, then force: the decided one stays, the pending one is replaced
    store.reject_suggestions([first.suggestion_ids[0]])
    forced = suggest_image(store, image.id, cfg(fake), force=True)
    assert not forced.cached and len(forced.suggestion_ids) == 2
    assert len(fake.main_requests()) == 2
    states = sorted(s.state.value for s in store.suggestions(image.id))
    assert states == ["pending", "pending", "rejected"]
    # a new run of the same question on another configuration misses the cache
    other = suggest_image(store, image.id, cfg(fake, max_side=50))
    assert not other.cached and len(fake.main_requests()) == 3


def test_answer_is_stored_for_the_image_asked_even_if_the_user_moved_on(tmp_path, fake):
    make_images(tmp_path, 2)
    store = open_project(tmp_path)
    a, b = store.all_images()
    fake.latency = 0.2
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", suggest_image(store, a.id, cfg(fake))))
    t.start()
    t.join(30)  # meanwhile the GUI would show image b
    assert out["r"].image_id == a.id
    assert len(store.suggestions(a.id)) == 2 and store.suggestions(b.id) == []


def test_cancel_before_sending_sends_nothing(tmp_path, fake):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    cancel = threading.Event()
    cancel.set()
    out = suggest_image(store, store.all_images()[0].id, cfg(fake), cancel=cancel)
    assert "cancelled" in out.message and fake.main_requests() == []


def test_errors_become_one_sentence(tmp_path, fake, monkeypatch):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    image = store.all_images()[0]
    fake.push_error(401, "bad key")
    out = suggest_image(store, image.id, cfg(fake))
    assert out.failed and out.error_kind == "auth" and "bad key" in out.message
    fake.rate_limit(1, retry_after=0.1)
    ok = suggest_image(store, image.id, cfg(fake, max_retries=2))
    assert not ok.failed and len(ok.suggestion_ids) == 2  # retried after retry-after
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    nokey = suggest_image(store, image.id, cfg(fake, max_side=64))
    assert nokey.failed and "API key" in nokey.message
    gone = suggest_image(store, 999, cfg(fake))
    assert gone.failed and "no longer" in gone.message


def test_missing_file_is_reported(tmp_path, fake):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    image = store.all_images()[0]
    (tmp_path / image.relpath).unlink()
    out = suggest_image(store, image.id, cfg(fake))
    assert out.failed and image.relpath in out.message and fake.main_requests() == []


def test_an_answer_repeating_an_accepted_box_is_hidden_and_said(tmp_path, fake):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    image = store.all_images()[0]
    suggest_image(store, image.id, cfg(fake))
    (car,) = [s.id for s in store.suggestions(image.id) if s.raw_label == "car"]
    store.accept_suggestions([car])
    again = suggest_image(store, image.id, cfg(fake), force=True)  # asked again, on purpose
    assert "1 suggestion for img0000.jpg" in again.message
    assert again.message.endswith("; 1 duplicate hidden.")
    pending = store.suggestions(image.id, states=["pending"])
    assert [s.raw_label for s in pending] == ["zebra crossing"]
    assert store.scalar("SELECT pending FROM images WHERE id = ?", (image.id,)) == 1
