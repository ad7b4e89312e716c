"""While background work runs, garbage collections skip the objects that existed before it
started (a full collection of the whole heap holds the GIL for 100-250 ms in the app); after, the
collector sees them again."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading

from glancelabel.core.heap import background_work, collector_paused, promote_young


def tracked(*objects) -> list[bool]:
    """For each object, whether the collector walks it (in a generation; False: frozen). Asked
    of the objects themselves: gc.get_freeze_count() falls whenever any thread of the process
    frees a frozen object (a pool thread that ends, a leftover of an earlier test)."""
    walked = {id(o) for o in gc.get_objects()}
    return [id(o) in walked for o in objects]


def test_blocks_freeze_what_existed_and_the_last_one_unfreezes_it():
    gc.collect()
    older = [[i] for i in range(1000)]
    doomed = [[i] for i in range(100)]  # frozen too, then freed by another thread
    assert gc.get_freeze_count() == 0
    with background_work():
        assert tracked(older[0], older[-1], doomed[0]) == [False, False, False]
        between = [[i] for i in range(1000)]  # made inside the first block
        seen: list = []

        def other_thread() -> None:
            with background_work():  # overlapping blocks in another thread: no second freeze
                seen.extend(tracked(between[0], between[-1]))
                doomed.clear()  # frozen objects freed meanwhile: the count falls, nothing thaws
            seen.append("ended")

        t = threading.Thread(target=other_thread)
        t.start()
        t.join(10)
        assert seen == [True, True, "ended"]
        assert tracked(older[0], between[0]) == [False, True]  # still inside the first block
        newer = [[i] for i in range(1000)]
        promote_young()  # inside a block: what was made since joins the frozen objects
        assert tracked(between[0], newer[0], newer[-1]) == [False, False, False]
    assert tracked(older[0], between[0], newer[0]) == [True, True, True]  # collected when garbage
    assert gc.get_freeze_count() == 0


def test_promote_young_outside_a_block_leaves_nothing_frozen():
    young = [[i] for i in range(1000)]
    promote_young()
    assert gc.get_freeze_count() == 0
    ids = {id(o) for o in gc.get_objects(generation=2)}
    assert id(young[0]) in ids and id(young[-1]) in ids


def test_a_batch_run_freezes_what_its_first_answer_built(tmp_path, monkeypatch):
    """The provider SDK builds its response types on the first answer: long-lived objects that
    later collections of the run should skip. After the first answer they are frozen too."""
    from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, make_images, open_project
    from glancelabel.core.suggest import runner as runner_mod

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    built: list = []
    real = runner_mod.store_answer

    def store_answer(*args, **kwargs):
        if not built:
            built.extend([i] for i in range(5000))  # what a first answer leaves behind
        return real(*args, **kwargs)

    monkeypatch.setattr(runner_mod, "store_answer", store_answer)
    walked: list[bool] = []  # at each answer: is what the first answer built walked?
    with FastAnthropic() as fake:
        fake.default_input = CAR_ANSWER
        run = runner_mod.BatchRunner(
            store, runner_mod.BatchPlan(provider="anthropic", base_url=fake.base_url,
                                        concurrency=1),
            on_result=lambda _image, _ids: walked.extend(tracked(built[0], built[-1])))
        assert run.run().succeeded == 3
    assert len(built) == 5000 and walked == [False, False] * 3  # frozen from the first answer
    assert gc.get_freeze_count() == 0
    store.close()


def test_collector_paused_blocks_nest_across_threads_then_promote_what_they_made():
    assert gc.isenabled()
    inside = threading.Event()
    leave = threading.Event()

    def other_thread() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    t = threading.Thread(target=other_thread)
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still open
        t.start()
        assert inside.wait(10)
        made = [[i] for i in range(1000)]
    assert not gc.isenabled()  # the other thread's block is still open
    leave.set()
    t.join(10)
    assert gc.isenabled()
    old = {id(o) for o in gc.get_objects(generation=2)}
    assert id(made[0]) in old and id(made[-1]) in old  # promoted without a collection


def test_collector_paused_promotes_what_it_made_before_the_collector_is_on_again(monkeypatch):
    """Else the first allocation after it (in any thread) sets off a young collection that
    walks everything the block made."""
    made: list = []
    oldest_at_enable: list[bool] = []  # whether what the block made was promoted by then
    real_enable = gc.enable

    def enable() -> None:
        # asked of the objects, not of gc.get_count(), which other threads' allocations move
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        oldest_at_enable.extend((id(made[0]) in oldest, id(made[-1]) in oldest))
        real_enable()

    monkeypatch.setattr(gc, "enable", enable)
    with collector_paused():
        made.extend([i] for i in range(20_000))
    assert gc.isenabled() and len(made) == 20_000
    assert oldest_at_enable == [True, True]


def test_collector_paused_leaves_a_disabled_collector_disabled():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_provider_sdk_is_imported_without_a_full_collection():
    """Importing the SDK set off some 300 collections, two of them full (25-50 ms each with the
    GIL held, stalling the window at a run's start). Run in a process of its own, where the SDK
    is not imported yet."""
    code = """
import gc, sys
from glancelabel.core.providers.anthropic import AnthropicProvider
assert "anthropic" not in sys.modules
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(info["generation"]))
AnthropicProvider(api_key="k", base_url="http://127.0.0.1:9").client()
assert "anthropic" in sys.modules and gc.isenabled()
print(len(seen), seen.count(2))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    collections, full = int(out[-2]), int(out[-1])
    assert full == 0 and collections < 30, out
