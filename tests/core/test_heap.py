"""While background work runs, garbage collections skip the objects that existed before it
started (a full collection of the whole heap holds the GIL for 100-250 ms in the app); after, the
collector sees them again."""

from __future__ import annotations

import gc
import threading

from glancelabel.core.heap import background_work, promote_young


def test_blocks_freeze_what_existed_and_the_last_one_unfreezes_it():
    gc.collect()
    older = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == 0
    with background_work():
        frozen = gc.get_freeze_count()
        assert frozen >= len(older)
        inner_done = threading.Event()

        def other_thread() -> None:
            with background_work():  # overlapping blocks in another thread: no second freeze
                assert gc.get_freeze_count() == frozen
            inner_done.set()

        t = threading.Thread(target=other_thread)
        t.start()
        t.join(10)
        assert inner_done.is_set()
        assert gc.get_freeze_count() == frozen  # still inside the outer block
        newer = [[i] for i in range(1000)]
        promote_young()  # inside a block: what was made since joins the frozen objects
        assert gc.get_freeze_count() >= frozen + len(newer)
    assert gc.get_freeze_count() == 0  # unfrozen: collected again when garbage


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
    frozen: list[int] = []
    with FastAnthropic() as fake:
        fake.default_input = CAR_ANSWER
        run = runner_mod.BatchRunner(
            store, runner_mod.BatchPlan(provider="anthropic", base_url=fake.base_url,
                                        concurrency=1),
            on_result=lambda _image, _ids: frozen.append(gc.get_freeze_count()))
        started = []
        run.on_progress = lambda _p: started or started.append(gc.get_freeze_count())
        assert run.run().succeeded == 3
    assert frozen[0] >= started[0] + len(built)
    assert gc.get_freeze_count() == 0
    store.close()
