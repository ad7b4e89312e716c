"""Push to and pull from a real Label Studio server (marker `team`; the server is started once by
conftest.py). Boxes are compared by value after a round trip through the server's API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsserver import add_person

from glancelabel.cli import main
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.team.server import Credentials, Server
from imagegen import jpeg, marker_jpeg

pytestmark = pytest.mark.team

CAT = Box(4.0, 6.0, 20.0, 30.0)  # in the displayed frame of each image
DOG = Box(10.5, 2.25, 12.0, 9.5)


def run_cli(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, (json.loads(lines[-1]) if lines else None), err


def make_folder(root: Path, name: str, count: int = 0) -> Path:
    folder = root / name
    marker_jpeg(folder / "rotated.jpg", 6, size=(60, 40))  # displayed 40 x 60
    jpeg(folder / "plain.jpg", size=(64, 48))
    for i in range(count):
        jpeg(folder / f"extra{i:03d}.jpg", size=(64, 48), color=(i, 2 * i % 255, 90))
    assert main(["classes", str(folder), "--add", "cat", "--add", "dog"]) == 0
    return folder


def suggest(folder: Path, conf: float = 0.8, model: str = "claude-test") -> dict[str, list[int]]:
    """A run's suggestions: a cat and a dog on every image; returns relpath -> suggestion ids."""
    out = {}
    with Store(folder / ".glancelabel" / "project.sqlite") as store:
        run = store.create_run("anthropic", model)
        cat, dog = store.label_by_name("cat"), store.label_by_name("dog")
        for im in store.all_images():
            out[im.relpath] = store.add_suggestions(run, im.id, [
                NewSuggestion(Kind.BOX, "cat", cat.id, CAT, confidence=conf),
                NewSuggestion(Kind.BOX, "dog", dog.id, DOG, confidence=conf / 2),
            ])
    return out


def client(ls) -> Server:
    return Server(Credentials(ls.url, ls.token, "given", "given"))


def tasks_of(server: Server, project_id: int) -> list:
    return list(server.client.tasks.list(project=project_id, fields="all", page_size=100))


def test_push_sends_boxes_exactly_and_twice_adds_nothing(team_env, capsys):
    folder = make_folder(team_env.root, "push")
    assert main(["scan", str(folder)]) == 0
    ids = suggest(folder)
    code, out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Push test", "--json")
    assert code == 0, err
    assert out["pushed"] == 2 and out["predictions"] == 4 and out["created"]
    assert "Pushed 2 images to Label Studio project 'Push test'" in err
    server = client(team_env)
    project = server.client.projects.get(id=out["project"])
    assert project.model_version == out["model_version"] == "anthropic/claude-test/run-1"
    tasks = {t.data["glancelabel_key"].split("|")[0]: t for t in tasks_of(server, out["project"])}
    assert sorted(tasks) == ["plain.jpg", "rotated.jpg"]
    sizes = {"rotated.jpg": (40, 60), "plain.jpg": (64, 48)}
    for relpath, task in tasks.items():
        w, h = sizes[relpath]
        assert task.data["image"].endswith("?d=push/" + relpath)
        [pred] = task.predictions
        assert pred.model_version == "anthropic/claude-test/run-1"
        by_id = {r["id"]: r for r in pred.result}
        assert set(by_id) == {f"s{i}" for i in ids[relpath]}
        for sid, box, name, score in ((ids[relpath][0], CAT, "cat", 0.8),
                                      (ids[relpath][1], DOG, "dog", 0.4)):
            r = by_id[f"s{sid}"]
            assert (r["original_width"], r["original_height"]) == (w, h)
            v = r["value"]
            assert v["rectanglelabels"] == [name] and r["score"] == pytest.approx(score)
            back = Box(v["x"] * w / 100, v["y"] * h / 100, v["width"] * w / 100,
                       v["height"] * h / 100)
            assert back.as_list() == pytest.approx(box.as_list(), abs=1e-9)
    # the image the server serves is the file itself
    code, again, err = run_cli(capsys, "team", "push", folder, "--ls-project", str(out["project"]),
                               "--json")
    assert code == 0 and again["pushed"] == 0 and again["already"] == 2, err
    assert len(tasks_of(server, out["project"])) == 2


def annotate(person: Server, task_id: int, result: list) -> None:
    """Complete a task as `person` (a client with their own token): the server records them as
    its author (no completed_by is sent)."""
    person.client.annotations.create(id=task_id, result=result, was_cancelled=False)


def second_person(ls, email: str, first: str, last: str) -> tuple[int, Server]:
    """Another person on the server, with their own account and token, and a client as them."""
    user_id, token = add_person(ls, email, first, last)
    person = Server(Credentials(ls.url, token, "given", "given"))
    assert person.client.users.whoami().id == user_id
    return user_id, person


def moved(region: dict, dx: float) -> dict:
    r = json.loads(json.dumps(region))
    r["value"]["x"] += dx
    return r


def test_pull_brings_decisions_authors_and_conflicts(team_env, capsys):
    folder = make_folder(team_env.root, "pull", count=2)
    assert main(["scan", str(folder)]) == 0
    ids = suggest(folder)
    code, out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Pull test", "--json")
    assert code == 0, err
    server = client(team_env)
    ann_id, ann = second_person(team_env, "ann@example.com", "Ann", "Lee")
    tasks = {t.data["glancelabel_key"].split("|")[0]: t for t in tasks_of(server, out["project"])}
    regions = {k: {r["id"]: r for r in t.predictions[0].result} for k, t in tasks.items()}
    cat = lambda k: regions[k][f"s{ids[k][0]}"]  # noqa: E731
    dog = lambda k: regions[k][f"s{ids[k][1]}"]  # noqa: E731
    # rotated.jpg: both kept as predicted; plain.jpg: the cat moved 10 % right, the dog deleted;
    # extra000.jpg: a new box drawn and both predictions deleted; extra001.jpg: reviewed here too
    new_box = {"id": "new1", "type": "rectanglelabels", "from_name": "label", "to_name": "image",
               "original_width": 64, "original_height": 48, "image_rotation": 0,
               "value": {"x": 50.0, "y": 25.0, "width": 25.0, "height": 50.0, "rotation": 0,
                         "rectanglelabels": ["dog"]}}
    annotate(ann, tasks["rotated.jpg"].id, [cat("rotated.jpg"), dog("rotated.jpg")])
    annotate(ann, tasks["plain.jpg"].id, [moved(cat("plain.jpg"), 10.0)])
    annotate(ann, tasks["extra000.jpg"].id, [new_box])
    annotate(ann, tasks["extra001.jpg"].id, [dog("extra001.jpg")])
    made = [a for t in tasks_of(server, out["project"]) for a in t.annotations]
    authors = {a["completed_by"] if isinstance(a, dict) else a.completed_by for a in made}
    assert (len(made), authors) == (4, {ann_id})  # Ann's own token made them, not the admin's
    assert main(["review", str(folder), "--image", "extra001.jpg", "--accept-all"]) == 0
    code, pulled, err = run_cli(capsys, "team", "pull", folder, "--ls-project", "Pull test",
                                "--json")
    assert code == 0, err
    assert (pulled["applied"], pulled["accepted"], pulled["edited"], pulled["rejected"],
            pulled["added"]) == (3, 2, 1, 3, 1)
    assert pulled["conflicts"] == [{"image": "extra001.jpg", "author": "Ann Lee"}]
    assert "1 conflict (reviewed here and on the server differently" in err
    with Store(folder / ".glancelabel" / "project.sqlite") as store:
        rows = {r["id"]: dict(r) for r in store.q("SELECT * FROM suggestions")}
        rot, plain = ids["rotated.jpg"], ids["plain.jpg"]
        assert [rows[i]["state"] for i in rot] == ["accepted", "accepted"]
        assert [rows[i]["state"] for i in plain] == ["edited", "rejected"]
        assert {rows[i]["decided_by"] for i in rot + plain} == {"person"}
        assert {rows[i]["reviewer"] for i in rot + plain} == {"Ann Lee"}
        moved_ann = store.q1("SELECT x, y, w, h, reviewer FROM annotations WHERE suggestion_id = ?",
                             (plain[0],))
        assert [moved_ann[k] for k in "xywh"] == pytest.approx(
            [CAT.x + 6.4, CAT.y, CAT.w, CAT.h], abs=1e-9)
        drawn = store.q1("SELECT a.x, a.y, a.w, a.h, a.source, a.reviewer FROM annotations a"
                         " JOIN images i ON i.id = a.image_id WHERE i.relpath = 'extra000.jpg'")
        assert [drawn[k] for k in "xywh"] == pytest.approx([32.0, 12.0, 16.0, 24.0])
        assert (drawn["source"], drawn["reviewer"]) == ("manual", "Ann Lee")
        states = dict(store.q("SELECT relpath, review_state FROM images"))
        assert set(states.values()) == {"done"}
        # the conflict kept the local review: both suggestions accepted here, not Ann's dog only
        local = [rows[i]["state"] for i in ids["extra001.jpg"]]
        assert local == ["accepted", "accepted"]
        assert {rows[i]["reviewer"] for i in ids["extra001.jpg"]} == {None}
    code, again, err = run_cli(capsys, "team", "pull", folder, "--ls-project", "Pull test",
                               "--json")
    assert code == 0 and again["applied"] == 0 and again["already"] == 4, err
    # the quality report counts the team's reviews like local ones: 4 images reviewed by a
    # person, Ann's drawn box, and the model's 5 accepted labels (2 + 1 edited pulled, 2 local)
    code, report, err = run_cli(capsys, "report", folder, "--json")
    assert code == 0, err
    assert (report["images_reviewed"], report["added_boxes"]) == (4, 1)
    [model] = report["models"]
    assert (model["images"], model["accepted_labels"]) == (4, 5)
    # and a spot-check of the run draws from them as decided images
    code, audit, err = run_cli(capsys, "audit", "create", folder, "--run", "1", "--fraction", "1",
                               "--seed", "3", "--json")
    assert code == 0, err
    # every image is decided already: rotated.jpg (Ann kept both) and extra001.jpg (here) pass,
    # plain.jpg (edited, rejected) and extra000.jpg (both rejected) do not
    assert (audit["reviewed"], audit["params"]["already_reviewed"], audit["accepted"],
            audit["suggestions_decided"]) == (4, 4, 2, 8)


def test_killed_push_resumes_without_duplicates(team_env, tmp_path):
    folder = make_folder(team_env.root, "killed", count=58)
    assert main(["scan", str(folder)]) == 0
    suggest(folder)
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "glancelabel", "team", "push", str(folder), "--ls-project",
           "Killed push", "--batch", "4"]
    server = client(team_env)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        found = [p for p in server.client.projects.list(title="Killed push")]
        count = int(found[0].task_number or 0) if found else 0
        if count >= 8:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 8 <= count < 60
    done = subprocess.run(cmd + ["--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    tasks = tasks_of(server, out["project"])
    keys = [t.data["glancelabel_key"] for t in tasks]
    assert len(keys) == len(set(keys)) == 60
    assert out["already"] + out["pushed"] == 60 and out["pushed"] < 60


def test_wrong_url_and_bad_token_are_one_sentence(team_env, capsys, monkeypatch):
    folder = make_folder(team_env.root, "sentences")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-token")
    code, _out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Nope")
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        f"error: The Label Studio server at {team_env.url} refused the access token "
        "(Invalid token.); check the token in Settings → Team server.")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", team_env.token)
    port = int(team_env.url.rsplit(":", 1)[1])
    wrong = f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}"
    code, _out, err = run_cli(capsys, "team", "whoami", "--url", wrong)
    assert code == 1
    assert err.strip().splitlines()[-1].startswith(
        f"error: Could not reach a Label Studio server at {wrong} (")
    code, out, err = run_cli(capsys, "team", "whoami", "--json")
    assert code == 0 and out["version"] == "1.23.2" and out["user"] == "lead@example.com"


def test_tasks_the_server_made_but_the_project_did_not_record_are_found(team_env, capsys):
    """A kill after Label Studio stored a batch and before the project recorded it: the next
    push reads the keys back from the server instead of sending the images again."""
    folder = make_folder(team_env.root, "unrecorded", count=3)
    assert main(["scan", str(folder)]) == 0
    code, out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Unrecorded",
                             "--json")
    assert code == 0 and out["pushed"] == 5, err
    with Store(folder / ".glancelabel" / "project.sqlite") as store, store.tx() as c:
        c.execute("DELETE FROM team_tasks WHERE relpath IN ('plain.jpg', 'extra001.jpg')")
    code, again, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Unrecorded",
                               "--json")
    assert code == 0, err
    assert (again["recovered"], again["already"], again["pushed"]) == (2, 5, 0)
    assert len(tasks_of(client(team_env), out["project"])) == 5


def test_reviewed_images_go_as_annotations_and_come_back_unchanged(team_env, capsys):
    folder = make_folder(team_env.root, "reviewed")
    assert main(["scan", str(folder)]) == 0
    suggest(folder)
    assert main(["review", str(folder), "--image", "rotated.jpg", "--accept-all"]) == 0
    code, out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Reviewed",
                             "--only", "done", "--json")
    assert code == 0, err
    assert (out["pushed"], out["annotations"], out["predictions"]) == (1, 1, 0)
    [task] = tasks_of(client(team_env), out["project"])
    assert task.data["glancelabel_key"].startswith("rotated.jpg|")
    [ann] = task.annotations
    result = ann["result"] if isinstance(ann, dict) else ann.result
    boxes = sorted((r["value"]["rectanglelabels"][0],
                    round(r["value"]["x"] * 40 / 100, 9), round(r["value"]["y"] * 60 / 100, 9),
                    round(r["value"]["width"] * 40 / 100, 9),
                    round(r["value"]["height"] * 60 / 100, 9)) for r in result)
    assert boxes == [("cat", *CAT.as_list()), ("dog", *DOG.as_list())]
    # pulled back, the server's copy of this review is the local one: no conflict, nothing applied
    code, pulled, err = run_cli(capsys, "team", "pull", folder, "--ls-project", "Reviewed",
                                "--json")
    assert code == 0, err
    assert (pulled["applied"], pulled["same"], pulled["conflicts"]) == (0, 1, [])


def test_suggestions_made_after_a_push_join_their_tasks_once(team_env, capsys):
    folder = make_folder(team_env.root, "later")
    assert main(["scan", str(folder)]) == 0
    first = suggest(folder)
    code, out, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Later", "--json")
    assert code == 0 and out["predictions"] == 4 and out["later"] == 0, err
    later = suggest(folder, conf=0.6, model="claude-later")  # a second model on both images
    for _ in range(2):  # the second time finds them there already
        code, again, err = run_cli(capsys, "team", "push", folder, "--ls-project", "Later",
                                   "--json")
        assert code == 0, err
        assert (again["pushed"], again["already"]) == (0, 2)
        added = again["later"]
        if _ == 0:
            assert added == 4 and again["model_version"] == "anthropic/claude-later/run-2"
            assert "4 suggestions as predictions (4 on images pushed before)" in err
        else:
            assert added == 0
    for task in tasks_of(client(team_env), out["project"]):
        relpath = task.data["glancelabel_key"].split("|")[0]
        got = sorted(r["id"] for p in task.predictions for r in p.result)
        assert got == sorted(f"s{i}" for i in first[relpath] + later[relpath])
        assert sorted(p.model_version for p in task.predictions) == [
            "anthropic/claude-later/run-2", "anthropic/claude-test/run-1"]
