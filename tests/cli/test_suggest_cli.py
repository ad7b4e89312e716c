"""`glancelabel suggest`, `runs` and `batch` against the fake servers, plus a run that is
SIGKILLed mid-batch and resumed in a fresh process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from fakes.batch_fakes import (
    CAR_ANSWER,
    about_sizes,
    car_answering,
    image_size_of,
    make_images,
)
from glancelabel.cli import main
from glancelabel.core.app.paths import project_path


@pytest.fixture
def fake(monkeypatch):
    with car_answering(monkeypatch) as f:
        yield f


def run_cli(capsys, *argv: str) -> tuple[int, dict | None, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, (json.loads(lines[-1]) if lines else None), err


def test_suggest_json_then_cache_then_runs(tmp_path, fake, capsys):
    make_images(tmp_path, 4)
    base = ("suggest", tmp_path, "--provider", "anthropic", "--base-url", fake.base_url)
    code, out, err = run_cli(capsys, *base, "--yes", "--json", "--concurrency", "2")
    assert code == 0, err
    assert {k: out[k] for k in ("images", "succeeded", "failed", "cached")} == {
        "images": 4, "succeeded": 4, "failed": 0, "cached": 0}
    assert out["input_tokens"] == 4 * 1200 and out["output_tokens"] == 4 * 150
    assert out["cost_usd"] > 0 and out["seconds"] >= 0 and isinstance(out["run"], int)
    assert "estimated cost" in err
    assert fake.max_in_flight <= 2 and len(fake.main_requests()) == 4

    # by default images with suggestions are not asked again: nothing to do, no run made
    code, none, err = run_cli(capsys, *base, "--yes", "--json")
    assert code == 0 and none["images"] == 0 and none["run"] is None
    assert "add --all to ask about every image again" in err

    code, again, err = run_cli(capsys, *base, "--yes", "--json", "--all")
    assert code == 0 and again["cached"] == 4 and again["succeeded"] == 0
    assert again["cost_usd"] == 0 and len(fake.main_requests()) == 4  # nothing sent

    code, forced, _ = run_cli(capsys, *base, "--yes", "--json", "--force",
                              "--image", "img0002.jpg")
    assert code == 0 and forced["images"] == 1 and forced["succeeded"] == 1
    assert image_size_of(fake.main_requests()[-1]) == (102, 80)

    code, runs, _ = run_cli(capsys, "runs", tmp_path, "--json")
    assert code == 0
    assert [(r["images"], r["succeeded"], r["cached"]) for r in runs["runs"]] == [
        (4, 4, 0), (4, 0, 4), (1, 1, 0)]
    assert runs["runs"][0]["provider"] == "anthropic" and runs["runs"][0]["cost_usd"] > 0

    code, stats, _ = run_cli(capsys, "stats", tmp_path, "--json")
    assert stats["suggestions"]["pending"] == 8


def test_refusals_are_one_sentence(tmp_path, fake, capsys):
    make_images(tmp_path, 2)
    base = ("suggest", tmp_path, "--provider", "anthropic", "--base-url", fake.base_url)
    code, _, err = run_cli(capsys, *base)  # stdin is not a terminal and no --yes
    assert code != 0 and "--yes" in err and fake.main_requests() == []
    code, runs, _ = run_cli(capsys, "runs", tmp_path, "--json")
    assert code == 0 and runs["runs"] == []  # a run not started is not listed as open
    code, _, err = run_cli(capsys, *base, "--yes", "--image", "nope.jpg")
    assert code != 0 and "nope.jpg is not an image of this folder" in err
    code, _, err = run_cli(capsys, *base, "--yes", "--concurrency", "0")
    assert code != 0 and "Concurrency" in err
    code, _, err = run_cli(capsys, "batch", "submit", tmp_path, "--provider", "local", "--yes")
    assert code != 0 and "no Batch API" in err


def test_missing_key_refused_before_any_run(tmp_path, fake, capsys, monkeypatch):
    make_images(tmp_path, 2)
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    code, _, err = run_cli(capsys, "suggest", tmp_path, "--provider", "anthropic", "--base-url",
                           fake.base_url, "--yes", "--json")
    assert code != 0 and "No Anthropic API key" in err and "ANTHROPIC_API_KEY" in err
    assert fake.main_requests() == []
    code, out, _ = run_cli(capsys, "runs", tmp_path, "--json")
    assert code == 0 and out["runs"] == []  # nothing was started, no failed jobs recorded


def test_failures_exit_nonzero_and_retry_failed(tmp_path, fake, capsys):
    make_images(tmp_path, 2)
    fake.push_error(400, "bad image")
    base = ("suggest", tmp_path, "--provider", "anthropic", "--base-url", fake.base_url,
            "--yes", "--json", "--concurrency", "1")
    code, out, err = run_cli(capsys, *base)
    assert code == 1 and out["failed"] == 1 and "--retry-failed" in err
    code, out, _ = run_cli(capsys, *base, "--retry-failed")
    assert code == 0 and out["failed"] == 0 and out["succeeded"] == 2
    assert len(fake.main_requests()) == 3


def test_batch_commands(tmp_path, fake, capsys):
    make_images(tmp_path, 3)
    fake.batch_polls_until_ended = 2
    code, sub, err = run_cli(capsys, "batch", "submit", tmp_path, "--provider", "anthropic",
                             "--base-url", fake.base_url, "--yes", "--json")
    assert code == 0, err
    assert sub["requests"] == 3 and len(sub["batches"]) == 1
    code, st, _ = run_cli(capsys, "batch", "status", tmp_path, "--json")
    assert st["batches"][0]["status"] == "in_progress" and not st["batches"][0]["ready"]
    code, col, _ = run_cli(capsys, "batch", "collect", tmp_path, "--json")
    assert code == 0 and col["stored"] == 3 and col["refused"] == 0
    code, st, _ = run_cli(capsys, "batch", "status", tmp_path, "--json")
    assert st["batches"][0]["collected"]
    # every image has suggestions now: a default submit refuses, --all asks again
    code, _, err = run_cli(capsys, "batch", "submit", tmp_path, "--provider", "anthropic",
                           "--base-url", fake.base_url, "--yes", "--json")
    assert code != 0 and "add --all to ask about every image again" in err
    code, sub, err = run_cli(capsys, "batch", "submit", tmp_path, "--provider", "anthropic",
                             "--base-url", fake.base_url, "--yes", "--json", "--all")
    assert code == 0 and sub["cached"] == 3, err
    assert fake.main_requests() == []


def test_batch_collect_sends_expired_requests_again(tmp_path, fake, capsys):
    make_images(tmp_path, 3)
    fake.expires = about_sizes({(102, 80)})
    code, sub, err = run_cli(capsys, "batch", "submit", tmp_path, "--provider", "anthropic",
                             "--base-url", fake.base_url, "--yes", "--json")
    assert code == 0, err
    fake.expires = None
    code, col, err = run_cli(capsys, "batch", "collect", tmp_path, "--json")
    assert code == 0, err
    (new_batch,) = col["resent_batches"]
    assert col["stored"] == 2 and col["resent"] == 1 and col["failed"] == 0
    assert col["collected"][0]["resent"] == 1
    assert col["collected"][0]["resent_batches"] == [new_batch] != sub["batches"]
    assert f"1 expired request was sent again (batch {new_batch})" in err
    code, col, err = run_cli(capsys, "batch", "collect", tmp_path, "--json")
    assert code == 0 and col["stored"] == 1 and col["resent"] == 0
    assert "sent again" not in err
    assert fake.main_requests() == []


def _done_images(db) -> set[int]:
    if not db.exists():
        return set()
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return set()
    try:
        return {r[0] for r in con.execute("SELECT image_id FROM jobs WHERE state = 'done'")}
    except sqlite3.OperationalError:
        return set()
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_loses_nothing_and_repeats_nothing(tmp_path, fake):
    n = 30
    make_images(tmp_path, n)
    fake.latency = 0.4  # room to see five stored and kill before the end, even on a loaded machine
    env = dict(os.environ, ANTHROPIC_API_KEY="test-key")
    cmd = [sys.executable, "-m", "glancelabel", "suggest", str(tmp_path), "--provider",
           "anthropic", "--base-url", fake.base_url, "--concurrency", "2", "--yes", "--json"]
    db = project_path(tmp_path)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(_done_images(db)) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    stored_at_kill = _done_images(db)
    seen_at_kill = len(fake.main_requests())
    assert 5 <= len(stored_at_kill) < n

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["images"] == n and summary["succeeded"] == n and summary["failed"] == 0
    assert "resumed" in done.stderr

    con = sqlite3.connect(db)
    sizes = {row[0]: (row[1], row[2]) for row in con.execute(
        "SELECT id, width, height FROM images")}
    per_image = dict(con.execute("SELECT image_id, count(*) FROM suggestions GROUP BY image_id"))
    con.close()
    # none lost, none stored twice
    assert set(per_image) == set(sizes) and set(per_image.values()) == {2}
    # no image was requested again after its result had been stored
    resent = [image_size_of(r) for r in fake.main_requests()[seen_at_kill:]]
    assert not {sizes[i] for i in stored_at_kill} & set(resent)
    # and every image not stored at the kill was asked after it
    assert {sizes[i] for i in set(sizes) - stored_at_kill} <= set(resent)


def test_suggest_openai_api_option(tmp_path, capsys, monkeypatch):
    from fakes.batch_fakes import FastOpenAI

    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    make_images(tmp_path, 2)
    with FastOpenAI() as oa:
        oa.default_answer = CAR_ANSWER
        base = ("suggest", tmp_path, "--provider", "openai", "--base-url", oa.base_url,
                "--yes", "--json")
        code, out, err = run_cli(capsys, *base, "--openai-api", "responses")
        assert code == 0, err
        assert out["succeeded"] == 2 and out["input_tokens"] == 2 * 900
        assert len(oa.responses_requests()) == 2 and oa.main_requests() == []
        code, out, err = run_cli(capsys, *base, "--openai-api", "chat", "--force", "--all")
        assert code == 0, err
        assert out["succeeded"] == 2 and len(oa.main_requests()) == 2
    code, _, err = run_cli(capsys, "suggest", tmp_path, "--provider", "anthropic",
                           "--openai-api", "responses", "--yes")
    assert code != 0 and "--openai-api applies to --provider openai only" in err
