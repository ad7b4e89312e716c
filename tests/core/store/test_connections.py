"""A worker's transaction never holds the connection the GUI thread reads and writes on."""

from __future__ import annotations

import threading

from worker_kit import worker_writing

from glancelabel.core.store import Store


def _finishes(fn) -> list:
    """Run fn on another thread (outside any worker block, so on the store's own connection,
    as the GUI thread does); its result, or [] if it is still waiting after 5 s."""
    out: list = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(5)
    return out


def _stored(path, key: str) -> str | None:
    """The value another connection reads from the file."""
    with Store(path) as other:
        return other.get_meta(key)


def test_reads_go_on_while_a_worker_writes(tmp_path):
    store = Store(tmp_path / "p.sqlite", tmp_path)
    with worker_writing(store, lambda c: c.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('worker', 'yes')")):
        assert _finishes(lambda: store.get_meta("folder")) == [str(tmp_path.resolve())]
        assert _finishes(lambda: store.get_meta("worker")) == [None]  # not committed yet
    assert store.get_meta("worker") == "yes"
    store.close()


def test_set_meta_soon_never_waits_and_is_written_later(tmp_path):
    path = tmp_path / "p.sqlite"
    store = Store(path)
    with worker_writing(store):
        assert _finishes(lambda: store.set_meta_soon("last_image", "7")) == [None]
        assert store.get_meta("last_image") == "7"  # read back before it is written
    store.set_meta("other", "x")  # the next transaction writes the kept value too
    assert _stored(path, "last_image") == "7"
    store.set_meta_soon("last_image", "8")  # nobody writes: written at once
    assert _stored(path, "last_image") == "8"
    store.close()


def test_a_kept_value_is_written_at_close(tmp_path):
    path = tmp_path / "p.sqlite"
    store = Store(path)
    with worker_writing(store):
        store.set_meta_soon("last_image", "3")
    store.close()
    assert _stored(path, "last_image") == "3"


def test_a_batch_run_never_holds_the_connection_its_caller_reads_on(tmp_path, monkeypatch):
    """While a request thread of a run stores an answer inside a write transaction, the thread
    that opened the store (a window's GUI thread) reads on; the run then finishes."""
    from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, make_images, open_project
    from glancelabel.core.suggest import runner as runner_mod

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    inside, release = threading.Event(), threading.Event()
    real = runner_mod.store_answer

    def store_answer(st, *args, **kwargs):
        if not inside.is_set():
            with st.tx():
                inside.set()
                release.wait(10)  # the first answer holds a write transaction open
        return real(st, *args, **kwargs)

    monkeypatch.setattr(runner_mod, "store_answer", store_answer)
    with FastAnthropic() as fake:
        fake.default_input = CAR_ANSWER
        run = runner_mod.BatchRunner(store, runner_mod.BatchPlan(
            provider="anthropic", base_url=fake.base_url, concurrency=2))
        summaries: list = []
        t = threading.Thread(target=lambda: summaries.append(run.run()))
        t.start()
        try:
            assert inside.wait(10)
            assert _finishes(lambda: store.image_count()) == [3]
            assert _finishes(lambda: store.get_meta("folder")) == [str(tmp_path.resolve())]
        finally:
            release.set()
            t.join(20)
    assert summaries and summaries[0].succeeded == 3
    store.close()


def test_a_kept_value_the_disk_refuses_stays_kept_and_raises_nothing(tmp_path):
    """The last image shown, written at once while nothing else writes, on a full disk: the
    window's navigation must not fail (it raised SQLite's error into the window's slot); the
    value is read back and written once the disk has room."""
    path = tmp_path / "p.sqlite"
    store = Store(path)
    store._main.conn.execute(
        "CREATE TEMP TRIGGER disk_full BEFORE INSERT ON main.meta "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    store.set_meta_soon("last_image", "5")
    assert store.get_meta("last_image") == "5"
    assert _stored(path, "last_image") is None
    store._main.conn.execute("DROP TRIGGER temp.disk_full")
    store.set_meta_soon("last_image", "6")
    assert _stored(path, "last_image") == "6"
    store.close()
