"""Team-server parts that need no Label Studio: the labelling config, the box conversion both ways
(EXIF-rotated frames too), task keys, credentials, the sentences for each failure (the real SDK
against a small HTTP server on 127.0.0.1 that answers like an old or a failing Label Studio), and
the pull's matching of regions to suggestions."""

from __future__ import annotations

import json
import sqlite3
import sys
from types import SimpleNamespace

import pytest
from fake_ls import current, fake_label_studio
from hypothesis import given
from hypothesis import strategies as st

from glancelabel.cli import main
from glancelabel.core.formats.labelstudio import rect_result
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.team import convert
from glancelabel.core.team.pull import PullStopped, pull
from glancelabel.core.team.server import (
    MISSING_SDK,
    Credentials,
    Server,
    TeamError,
    check,
    connect,
    credentials,
    save_credentials,
    version_problem,
)
from imagegen import jpeg, marker_jpeg


def test_config_offers_every_class_as_box_and_tag():
    config = convert.project_config(["cat", "dog & co"])
    assert convert.config_labels(config) == {"cat", "dog & co"}
    assert '<RectangleLabels name="label" toName="image">' in config
    assert '<Choices name="tags" toName="image" choice="multiple">' in config
    with pytest.raises(ValueError, match="no classes yet"):
        convert.project_config([])


@given(st.integers(1, 5000), st.integers(1, 5000), st.floats(0, 1), st.floats(0, 1),
       st.floats(0.001, 1), st.floats(0.001, 1))
def test_percent_round_trip_is_exact_to_a_millionth_of_a_pixel(w, h, fx, fy, fw, fh):
    box = Box(fx * w, fy * h, fw * w * (1 - fx), fh * h * (1 - fy))
    item = rect_result("s1", "cat", *box.as_list(), w, h)
    back = convert.box_from_percent(item["value"], w, h)
    assert back.as_list() == pytest.approx(box.as_list(), abs=1e-6)


def test_regions_read_boxes_in_the_displayed_frame_and_say_what_they_leave_out():
    # an EXIF orientation 6 image stored 60 x 40 is displayed (and sized in LS) 40 x 60
    result = [rect_result("s7", "cat", 4, 6, 20, 30, 40, 60),
              {"id": "c", "type": "choices", "value": {"choices": ["outdoor"]}},
              {"id": "p", "type": "polygonlabels", "value": {"points": []}},
              {"id": "r", "type": "rectanglelabels",
               "value": {"x": 1, "y": 1, "width": 2, "height": 2, "rotation": 30,
                         "rectanglelabels": ["cat"]}}]
    found, skipped = convert.regions(result, 40, 60)
    assert found == [convert.Region("s7", "cat", Box(4, 6, 20, 30)),
                     convert.Region("c", "outdoor", None)]
    assert skipped == ["region p is a polygonlabels (boxes and choices only)",
                       "region r is rotated (30°)"]


def test_keys_urls_and_model_versions():
    assert convert.task_key("a/b.jpg", "abc") == "a/b.jpg|abc"
    assert convert.local_files_url("/data/team/a b/c.jpg", "/data") == \
        "/data/local-files/?d=team/a%20b/c.jpg"
    with pytest.raises(ValueError, match="not under the server's document root /srv"):
        convert.local_files_url("/data/c.jpg", "/srv")
    assert convert.model_version("openai", "gpt-x", 4) == "openai/gpt-x/run-4"


def test_credentials_come_from_the_keyring_then_the_environment(monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    with pytest.raises(TeamError, match=r"^No Label Studio server: set its URL in Settings"):
        credentials()
    monkeypatch.setenv("LABEL_STUDIO_URL", "ls.example.org:8080/")
    with pytest.raises(TeamError, match=r"^No Label Studio access token: paste one"):
        credentials()
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "env-token")
    assert credentials() == Credentials("http://ls.example.org:8080", "env-token",
                                        "environment", "environment")
    save_credentials("https://team.example.org/", "kept-token")
    assert credentials() == Credentials("https://team.example.org", "kept-token",
                                        "keyring", "keyring")


def test_version_rule():
    assert version_problem("1.23.2") is None and version_problem("1.24.0.dev3") is None
    assert str(version_problem("1.22.0")) == (
        "The Label Studio server runs version 1.22.0; GlanceLabel needs 1.23.2 or newer. "
        "Ask the server's owner to upgrade it.")


def test_old_server_failing_server_and_not_a_server():
    with fake_label_studio(current("1.20.0")) as url, pytest.raises(TeamError) as err:
        connect(url, "t0ken")
    assert err.value.sentence == (
        "The Label Studio server runs version 1.20.0; GlanceLabel needs 1.23.2 or newer. "
        "Ask the server's owner to upgrade it.")
    with fake_label_studio(current()) as url:
        assert connect(url, "t0ken")[1].text() == (
            f"Connected to Label Studio 1.23.2 at {url} as Bo Ek (bo@example.org).")
        ok, said = check(url, "wrong")
        assert (ok, str(said)) == (False, (
            f"The Label Studio server at {url} refused the access token (Invalid token.); "
            "check the token in Settings → Team server."))
    with fake_label_studio({"/api/version": (500, {"detail": "database is locked"})}) as url, \
            pytest.raises(TeamError) as err:
        connect(url, "t0ken")
    assert err.value.sentence == (
        f"The Label Studio server at {url} failed with error 500 (database is locked).")
    with fake_label_studio({}) as url, pytest.raises(TeamError) as err:
        connect(url, "t0ken")
    assert err.value.sentence == (
        f"{url} answered 'not found': it is not a Label Studio server, or the project or task "
        "is gone (Not found.).")


def test_missing_sdk_is_one_sentence(monkeypatch):
    monkeypatch.setitem(sys.modules, "label_studio_sdk", None)
    with pytest.raises(TeamError) as err:
        Server(Credentials("http://x", "t", "given", "given"))
    assert err.value.sentence == MISSING_SDK


def test_the_cli_imports_no_sdk_until_used():
    import subprocess

    code = ("import sys; from glancelabel.cli import build_parser; build_parser(); "
            "print('label_studio_sdk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- the pull's matching, against a stand-in for the SDK's answers ------------------------------
def _stand_in(tasks, users):
    """The SDK's calls the pull makes, answering with these tasks (as the JSON export does)."""
    project = SimpleNamespace(id=5, title="Team", task_number=len(tasks))
    export = SimpleNamespace(download_sync=lambda **kw: iter([json.dumps(tasks).encode()]))
    client = SimpleNamespace(
        projects=SimpleNamespace(get=lambda id: project, list=lambda **kw: [project],
                                 exports=export),
        users=SimpleNamespace(list=lambda: users),
    )
    server = SimpleNamespace(url="http://team", client=client,
                             call=lambda fn, *a, **kw: fn(*a, **kw))
    return server


def test_pull_matches_by_class_and_iou_when_the_region_id_is_new(tmp_path, capsys):
    folder = tmp_path / "imgs"
    jpeg(folder / "a.jpg", size=(100, 100))
    marker_jpeg(folder / "b.jpg", 6, size=(60, 40))
    assert main(["classes", str(folder), "--add", "cat", "--add", "dog", "--add", "outdoor"]) == 0
    assert main(["scan", str(folder)]) == 0
    with Store(folder / ".glancelabel" / "project.sqlite") as store:
        cat, dog, out = (store.label_by_name(n).id for n in ("cat", "dog", "outdoor"))
        run = store.create_run("openai", "m")
        a, b = store.image_by_relpath("a.jpg"), store.image_by_relpath("b.jpg")
        sa = store.add_suggestions(run, a.id, [
            NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 40, 40), confidence=0.9),
            NewSuggestion(Kind.BOX, "dog", dog, Box(60, 60, 20, 20), confidence=0.5),
            NewSuggestion(Kind.TAG, "outdoor", out, None, confidence=0.7)])
        sb = store.add_suggestions(run, b.id, [
            NewSuggestion(Kind.BOX, "cat", cat, Box(4, 6, 20, 30), confidence=0.9)])
        t_a = {"id": 1, "data": {"glancelabel_key": "a.jpg|x"}, "annotations": [{
            "id": 11, "completed_by": 7, "was_cancelled": False,
            "updated_at": "2026-12-01T10:00:00Z",
            # the cat redrawn (new id) overlapping at IoU 0.8: edited; the dog drawn again
            # exactly but as a new region: accepted; the tag kept
            "result": [rect_result("x1", "cat", 10, 10, 40, 32, 100, 100),
                       rect_result("x2", "dog", 60, 60, 20, 20, 100, 100),
                       {"id": "x3", "type": "choices", "value": {"choices": ["outdoor"]}}]}]}
        t_b = {"id": 2, "data": {"glancelabel_key": "b.jpg|y"}, "annotations": [
            {"id": 12, "completed_by": {"id": 8}, "was_cancelled": False,
             "updated_at": "2026-12-01T11:00:00Z",
             # the cat relabelled dog in place: edited (class changed)
             "result": [rect_result(f"s{sb[0]}", "dog", 4, 6, 20, 30, 40, 60)]},
            {"id": 13, "completed_by": 7, "was_cancelled": True,
             "updated_at": "2026-12-02T11:00:00Z", "result": []}]}
        users = [SimpleNamespace(id=7, first_name="Ann", last_name="Lee", username="ann"),
                 SimpleNamespace(id=8, first_name="", last_name="", username="bo")]
        result = pull(store, _stand_in([t_a, t_b], users), "Team")
        assert (result.applied, result.accepted, result.edited, result.rejected, result.added) \
            == (2, 2, 2, 0, 0)
        rows = {s.id: s for s in store.suggestions(a.id) + store.suggestions(b.id)}
        assert [rows[i].state for i in sa] == ["edited", "accepted", "accepted"]
        assert rows[sb[0]].state == "edited"
        rev = dict(store.q("SELECT id, reviewer FROM suggestions"))
        assert [rev[i] for i in sa] == ["Ann Lee"] * 3 and rev[sb[0]] == "bo"
        b_ann = store.annotations(b.id)
        assert [(x.label_id, x.box) for x in b_ann] == [(dog, Box(4, 6, 20, 30))]
        assert result.text() == (
            "Pulled 2 reviewed images from Label Studio project 'Team': 2 accepted, 2 edited, "
            "0 rejected, 0 new annotations.")
        again = pull(store, _stand_in([t_a, t_b], users), "Team")
        assert again.applied == 0 and again.already == 2
        # Ann changes her review on the server: the image is reviewed here now (by the pull), so
        # the change is a conflict, listed and not applied
        t_a["annotations"][0]["updated_at"] = "2026-12-03T09:00:00Z"
        t_a["annotations"][0]["result"] = t_a["annotations"][0]["result"][1:]
        third = pull(store, _stand_in([t_a, t_b], users), "Team")
        assert (third.applied, third.conflicts, third.already) == (0, [("a.jpg", "Ann Lee")], 1)
        assert [rows[i].state for i in sa] == [
            s.state for s in store.suggestions(a.id) if s.id in sa]
    code = main(["team", "conflicts", str(folder), "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1]) == {
        "conflicts": [{"image": "a.jpg", "author": "Ann Lee", "annotation": 11}]}


def _three_reviewed_on_the_server(folder):
    """Three images with a cat and a dog suggestion each, and three tasks on which two people kept
    the cat and dropped the dog."""
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        jpeg(folder / name, size=(100, 100))
    assert main(["classes", str(folder), "--add", "cat", "--add", "dog"]) == 0
    assert main(["scan", str(folder)]) == 0
    tasks = []
    with Store(folder / ".glancelabel" / "project.sqlite") as store:
        cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
        run = store.create_run("openai", "m")
        for i, name in enumerate(("a.jpg", "b.jpg", "c.jpg")):
            image = store.image_by_relpath(name)
            sid, _dog = store.add_suggestions(run, image.id, [
                NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 40, 40), confidence=0.9),
                NewSuggestion(Kind.BOX, "dog", dog, Box(60, 60, 20, 20), confidence=0.5)])
            tasks.append({"id": i + 1, "data": {"glancelabel_key": f"{name}|h"}, "annotations": [{
                "id": 20 + i, "completed_by": 7 + i % 2, "was_cancelled": False,
                "updated_at": f"2026-12-01T10:0{i}:00Z",
                "result": [rect_result(f"s{sid}", "cat", 10, 10, 40, 40, 100, 100)]}]})
    users = [SimpleNamespace(id=7, first_name="Ann", last_name="Lee", username="ann"),
             SimpleNamespace(id=8, first_name="Cy", last_name="Ng", username="cy")]
    return tasks, users


def _review_rows(store):
    return (store.q("SELECT id, state, decided_by, decided_at, annotation_id, reviewer"
                    " FROM suggestions ORDER BY id"),
            store.q("SELECT * FROM annotations ORDER BY id"),
            store.q("SELECT id, review_state FROM images ORDER BY id"))


class _StopAfter:
    """A cancel event that is set after `n` looks (the pull looks once before each task)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def is_set(self) -> bool:
        self.n -= 1
        return self.n < 0


def test_a_pull_is_one_undo_step_that_a_later_pull_can_redo(tmp_path):
    from glancelabel.core.review.describe import describe
    from glancelabel.core.review.undo import UndoStack

    tasks, users = _three_reviewed_on_the_server(tmp_path / "imgs")
    with Store(tmp_path / "imgs" / ".glancelabel" / "project.sqlite") as store:
        before = [list(map(tuple, rows)) for rows in _review_rows(store)]
        result = pull(store, _stand_in(tasks, users), "Team")
        assert (result.applied, result.accepted, result.rejected) == (3, 3, 3)
        stack = UndoStack(store.apply, describe=lambda cs: describe(cs, store))
        stack.push(result.change_set())
        assert stack.undo_text() == ("Undo: take the reviews of 3 images by Ann Lee and Cy Ng "
                                     "from Label Studio")
        stack.undo()
        assert [list(map(tuple, rows)) for rows in _review_rows(store)] == before
        # the pull taken back, the next pull brings the same reviews again (not 'unchanged')
        again = pull(store, _stand_in(tasks, users), "Team")
        assert (again.applied, again.already, again.accepted) == (3, 0, 3)
        assert pull(store, _stand_in(tasks, users), "Team").already == 3


def test_a_cancelled_pull_keeps_whole_images_and_says_how_far_it_went(tmp_path):
    tasks, users = _three_reviewed_on_the_server(tmp_path / "imgs")
    with Store(tmp_path / "imgs" / ".glancelabel" / "project.sqlite") as store:
        result = pull(store, _stand_in(tasks, users), "Team", cancel=_StopAfter(2))
        assert result.text() == (
            "Pulled 2 reviewed images from Label Studio project 'Team': 2 accepted, 0 edited, "
            "2 rejected, 0 new annotations. Cancelled after 2 of 3 annotated tasks; the rest is "
            "pulled next time.")
        states = dict(store.q("SELECT relpath, review_state FROM images"))
        assert states == {"a.jpg": "done", "b.jpg": "done", "c.jpg": "new"}
        # every pulled image whole: its cat accepted with an annotation, its dog rejected; the
        # image not reached untouched
        rows = store.q("SELECT i.relpath, s.state, s.annotation_id IS NOT NULL, s.reviewer"
                       " FROM suggestions s JOIN images i ON i.id = s.image_id ORDER BY s.id")
        assert [tuple(r) for r in rows] == [
            ("a.jpg", "accepted", 1, "Ann Lee"), ("a.jpg", "rejected", 0, "Ann Lee"),
            ("b.jpg", "accepted", 1, "Cy Ng"), ("b.jpg", "rejected", 0, "Cy Ng"),
            ("c.jpg", "pending", 0, None), ("c.jpg", "pending", 0, None)]
        assert store.scalar("SELECT count(*) FROM annotations") == 2
        assert result.change_set().meta["images"] == 2
        rest = pull(store, _stand_in(tasks, users), "Team")
        assert (rest.applied, rest.already, rest.cancelled) == (1, 2, False)


def disk_fills_on_image(monkeypatch, n: int) -> list:
    """The pull's `n`-th image to be written fails as a full disk does; the images before it are
    written. Returns the list that counts the images tried (clear it to count again)."""
    import glancelabel.core.team.pull as pull_mod

    real, tried = pull_mod._pull_one, []

    def one(*args, **kwargs):
        tried.append(1)
        if len(tried) == n:
            raise sqlite3.OperationalError("database or disk is full")
        real(*args, **kwargs)

    monkeypatch.setattr(pull_mod, "_pull_one", one)
    return tried


def test_a_pull_stopped_by_a_full_disk_keeps_what_it_applied_as_one_undo_step(tmp_path,
                                                                             monkeypatch):
    import glancelabel.core.team.pull as pull_mod
    from glancelabel.core.review.undo import UndoStack

    tasks, users = _three_reviewed_on_the_server(tmp_path / "imgs")
    real = pull_mod._pull_one
    calls = disk_fills_on_image(monkeypatch, 3)
    with Store(tmp_path / "imgs" / ".glancelabel" / "project.sqlite") as store:
        before = [list(map(tuple, rows)) for rows in _review_rows(store)]
        with pytest.raises(pull_mod.PullStopped) as stopped:
            pull(store, _stand_in(tasks, users), "Team")
        assert str(stopped.value) == (
            "The pull from Label Studio project 'Team' stopped after applying 2 reviewed images: "
            "The disk holding the project file is full: free some space and try again; everything "
            "saved before is intact. The rest is pulled next time.")
        states = dict(store.q("SELECT relpath, review_state FROM images"))
        assert states == {"a.jpg": "done", "b.jpg": "done", "c.jpg": "new"}
        stack = UndoStack(store.apply)
        stack.push(stopped.value.result.change_set())
        stack.undo()
        assert [list(map(tuple, rows)) for rows in _review_rows(store)] == before
        # nothing applied yet when the error comes: the error itself, no change set to undo
        calls.clear()
        calls.extend([1, 1])
        with pytest.raises(sqlite3.OperationalError):
            pull(store, _stand_in(tasks, users), "Team")
        monkeypatch.setattr(pull_mod, "_pull_one", real)
        assert pull(store, _stand_in(tasks, users), "Team").applied == 3


def test_a_pull_stopped_by_a_full_disk_is_said_in_chinese_whole(qapp, tmp_path, monkeypatch):
    """The disk's sentence inside the pull's is translated too (it is kept as an error)."""
    from glancelabel.core.errors import storage_error
    from glancelabel.gui import i18n

    tasks, users = _three_reviewed_on_the_server(tmp_path / "imgs")
    disk_fills_on_image(monkeypatch, 2)
    with Store(tmp_path / "imgs" / ".glancelabel" / "project.sqlite") as store:
        with pytest.raises(PullStopped) as stopped:
            pull(store, _stand_in(tasks, users), "Team")
    full = storage_error(sqlite3.OperationalError("database or disk is full"))
    i18n.install(qapp, "zh_CN")
    try:
        text, disk = i18n.error_text(stopped.value), i18n.error_text(full)
    finally:
        i18n.install(qapp, "en")
    assert text == (f"从 Label Studio 项目“Team”的拉取在应用 1 张已审核图片后停止：{disk}。"
                    "其余的下次拉取。")
    assert "disk" not in disk and "磁盘" in disk
