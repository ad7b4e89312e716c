"""Jobs of suggestion runs, the response cache, provider batches and run totals.

A job is one image of one run: `queued` → `running` → `done` | `cached` | `failed`
(`submitted` while it waits in a provider Batch API). A job's suggestions, its cache row,
its state and the run's token/cost totals are written in ONE transaction
(`complete_job`), so a killed process never leaves a half-stored answer: on restart the
run re-sends exactly the jobs that are not `done`, `cached` or `failed`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import orjson

from .base import StoreBase, inserted_id, pairs
from .suggestions import NewSuggestion, insert_suggestions

FINAL_STATES = ("done", "cached", "failed")
OPEN_STATES = ("queued", "running")
JOB_STATES = ("queued", "running", "submitted", "done", "cached", "failed")


@dataclass(frozen=True, slots=True)
class CachedResponse:
    key: str
    provider: str
    model: str
    raw: str
    result: dict  # {"suggestions": [...], "dropped": [...]} as stored by the runner
    input_tokens: int
    output_tokens: int
    cost_usd: float


@dataclass(frozen=True, slots=True)
class JobRow:
    id: int
    run_id: int
    image_id: int
    relpath: str
    state: str
    attempts: int
    error: str | None
    raw: str | None
    response_key: str | None


@dataclass(frozen=True, slots=True)
class BatchRow:
    id: int
    run_id: int
    provider: str
    remote_id: str
    status: str
    request_count: int
    submitted_at: float
    updated_at: float | None
    collected_at: float | None
    detail: dict


def _job(r: sqlite3.Row) -> JobRow:
    return JobRow(r["id"], r["run_id"], r["image_id"], r["relpath"], r["state"], r["attempts"],
                  r["error"], r["raw"], r["response_key"])


def _batch(r: sqlite3.Row) -> BatchRow:
    return BatchRow(r["id"], r["run_id"], r["provider"], r["remote_id"], r["status"],
                    r["request_count"], r["submitted_at"], r["updated_at"], r["collected_at"],
                    orjson.loads(r["detail"]) if r["detail"] else {})


class JobsMixin(StoreBase):
    # -- runs -----------------------------------------------------------------------------
    def find_open_run(self, provider: str, model: str, prompt_hash: str, params: dict,
                      kind: str) -> int | None:
        """The newest unfinished run with exactly this configuration (to resume), or None."""
        blob = orjson.dumps(params, option=orjson.OPT_SORT_KEYS).decode()
        for r in self.q(
            "SELECT id, params FROM runs WHERE provider = ? AND model = ? AND prompt_hash = ?"
            " AND kind = ? AND status != 'done' ORDER BY id DESC",
            (provider, model, prompt_hash, kind),
        ):
            if orjson.dumps(orjson.loads(r["params"]), option=orjson.OPT_SORT_KEYS).decode() == blob:
                return r["id"]
        return None

    def latest_run(self, provider: str, model: str, prompt_hash: str, params: dict,
                   kind: str) -> int | None:
        """The newest run of this configuration and kind, whatever its status."""
        blob = orjson.dumps(params, option=orjson.OPT_SORT_KEYS).decode()
        for r in self.q(
            "SELECT id, params FROM runs WHERE provider = ? AND model = ? AND prompt_hash = ?"
            " AND kind = ? ORDER BY id DESC", (provider, model, prompt_hash, kind),
        ):
            if orjson.dumps(orjson.loads(r["params"]), option=orjson.OPT_SORT_KEYS).decode() == blob:
                return r["id"]
        return None

    def run_summaries(self) -> list[dict]:
        """Every run with its job counts, newest last."""
        counts: dict[int, dict[str, int]] = {}
        for run_id, state, n in self.q(
            "SELECT run_id, state, count(*) FROM jobs GROUP BY run_id, state"
        ):
            counts.setdefault(run_id, {})[state] = n
        out = []
        for run in self.runs():
            c = counts.get(run.id, {})
            out.append({
                "id": run.id, "provider": run.provider, "model": run.model, "kind": run.kind,
                "created_at": run.created_at, "status": run.status,
                "images": sum(c.values()), "succeeded": c.get("done", 0),
                "cached": c.get("cached", 0), "failed": c.get("failed", 0),
                "pending": c.get("queued", 0) + c.get("running", 0) + c.get("submitted", 0),
                "input_tokens": run.input_tokens, "output_tokens": run.output_tokens,
                "cost_usd": run.cost_usd,
            })
        return out

    # -- jobs -----------------------------------------------------------------------------
    def ensure_jobs(self, run_id: int, image_ids: Iterable[int]) -> int:
        """Queue a job per image not yet in the run; returns how many were added."""
        now = time.time()
        with self.tx() as c:
            cur = c.executemany(
                "INSERT OR IGNORE INTO jobs (run_id, image_id, state, updated_at)"
                " VALUES (?, ?, 'queued', ?)", ((run_id, i, now) for i in image_ids))
            return cur.rowcount

    def job(self, job_id: int) -> JobRow | None:
        r = self.q1("SELECT j.*, i.relpath FROM jobs j JOIN images i ON i.id = j.image_id"
                    " WHERE j.id = ?", (job_id,))
        return None if r is None else _job(r)

    def job_for(self, run_id: int, image_id: int) -> JobRow | None:
        r = self.q1("SELECT j.*, i.relpath FROM jobs j JOIN images i ON i.id = j.image_id"
                    " WHERE j.run_id = ? AND j.image_id = ?", (run_id, image_id))
        return None if r is None else _job(r)

    def jobs(self, run_id: int, states: Iterable[str] | None = None) -> list[JobRow]:
        sql = ("SELECT j.*, i.relpath FROM jobs j JOIN images i ON i.id = j.image_id"
               " WHERE j.run_id = ?")
        params: list = [run_id]
        if states is not None:
            states = list(states)
            sql += f" AND j.state IN ({','.join('?' * len(states))})"
            params += states
        return [_job(r) for r in self.q(sql + " ORDER BY i.sort_key, j.id", params)]

    def job_counts(self, run_id: int) -> dict[str, int]:
        rows = pairs(self.q("SELECT state, count(*) FROM jobs WHERE run_id = ? GROUP BY state",
                            (run_id,)))
        return {s: int(rows.get(s, 0)) for s in JOB_STATES}

    def start_job(self, job_id: int) -> None:
        with self.tx() as c:
            c.execute("UPDATE jobs SET state = 'running', attempts = attempts + 1,"
                      " updated_at = ? WHERE id = ?", (time.time(), job_id))

    def requeue_job(self, job_id: int, error: str | None = None) -> None:
        with self.tx() as c:
            c.execute("UPDATE jobs SET state = 'queued', error = ?, updated_at = ? WHERE id = ?",
                      (error, time.time(), job_id))

    def requeue_running(self, run_id: int) -> int:
        """Jobs left `running` by a killed or cancelled process go back to the queue."""
        with self.tx() as c:
            return c.execute("UPDATE jobs SET state = 'queued', updated_at = ?"
                             " WHERE run_id = ? AND state = 'running'",
                             (time.time(), run_id)).rowcount

    def fail_job(self, job_id: int, error: str, raw: str | None = None,
                 usage: tuple[int, int, float] | None = None) -> None:
        """Record a failure with its reason (and the raw answer, when there was one)."""
        with self.tx() as c:
            c.execute("UPDATE jobs SET state = 'failed', error = ?, raw = ?, updated_at = ?"
                      " WHERE id = ?", (error, raw, time.time(), job_id))
            if usage is not None:
                self._add_usage(c, job_id, *usage)

    def retry_failed(self, run_id: int, image_ids: Sequence[int] | None = None) -> int:
        """Failed jobs (all, or of these images) go back to the queue; returns how many."""
        sql = ("UPDATE jobs SET state = 'queued', updated_at = ? WHERE run_id = ?"
               " AND state = 'failed'")
        params: list = [time.time(), run_id]
        if image_ids is not None:
            ids = list(image_ids)
            if not ids:
                return 0
            sql += f" AND image_id IN ({','.join('?' * len(ids))})"
            params += ids
        with self.tx() as c:
            n = c.execute(sql, params).rowcount
            if n:
                c.execute("UPDATE runs SET status = 'open' WHERE id = ?", (run_id,))
            return n

    def set_jobs_state(self, job_ids: Sequence[int], state: str, error: str | None = None
                       ) -> None:
        now = time.time()
        with self.tx() as c:
            c.executemany("UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?",
                          ((state, error, now, j) for j in job_ids))

    def _add_usage(self, c: sqlite3.Connection, job_id: int, input_tokens: int, output_tokens: int,
                   cost_usd: float) -> None:
        c.execute(
            "UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
            " cost_usd = cost_usd + ? WHERE id = (SELECT run_id FROM jobs WHERE id = ?)",
            (input_tokens, output_tokens, cost_usd, job_id))

    def complete_job(
        self, job_id: int, image_id: int, items: Sequence[NewSuggestion], *, state: str = "done",
        response_key: str | None = None, response: CachedResponse | None = None,
        usage: tuple[int, int, float] = (0, 0, 0.0), replace_pending_of_key: bool = False,
    ) -> list[int]:
        """Store a job's suggestions, cache its response, mark it `state` and add its usage
        to the run: all in one transaction. Returns the new suggestion ids.

        `replace_pending_of_key`: a forced re-ask; still-pending suggestions this image got
        earlier from the same question are replaced by the new answer (decided ones stay).
        Manual annotations are never touched."""
        run_id = self.scalar("SELECT run_id FROM jobs WHERE id = ?", (job_id,))
        with self.tx() as c:
            if replace_pending_of_key and response_key:
                c.execute(
                    "DELETE FROM suggestions WHERE image_id = ? AND state = 'pending' AND run_id IN"
                    " (SELECT run_id FROM jobs WHERE image_id = ? AND response_key = ?)",
                    (image_id, image_id, response_key))
            ids = insert_suggestions(c, run_id, image_id, items)
            if response is not None:
                c.execute(
                    "INSERT OR REPLACE INTO responses (key, provider, model, raw, result,"
                    " input_tokens, output_tokens, cost_usd, created_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (response.key, response.provider, response.model, response.raw,
                     orjson.dumps(response.result).decode(), response.input_tokens,
                     response.output_tokens, response.cost_usd, time.time()))
            c.execute("UPDATE jobs SET state = ?, error = NULL, raw = NULL, response_key = ?,"
                      " updated_at = ? WHERE id = ?",
                      (state, response_key, time.time(), job_id))
            if any(usage):
                self._add_usage(c, job_id, *usage)
        return ids

    def failed_jobs(self, run_id: int) -> list[JobRow]:
        return self.jobs(run_id, ["failed"])

    # -- response cache -------------------------------------------------------------------
    def cached_response(self, key: str) -> CachedResponse | None:
        r = self.q1("SELECT * FROM responses WHERE key = ?", (key,))
        if r is None:
            return None
        try:
            result = orjson.loads(r["result"])
        except orjson.JSONDecodeError:
            return None
        return CachedResponse(r["key"], r["provider"], r["model"], r["raw"], result,
                              r["input_tokens"], r["output_tokens"], r["cost_usd"])

    def image_has_answer(self, image_id: int, key: str) -> bool:
        """True when this image already got the suggestions of this cached answer."""
        return self.q1("SELECT 1 FROM jobs WHERE image_id = ? AND response_key = ?"
                       " AND state IN ('done', 'cached') LIMIT 1", (image_id, key)) is not None

    # -- provider batches -----------------------------------------------------------------
    def add_batch(self, run_id: int, provider: str, remote_id: str, job_ids: Sequence[int],
                  detail: dict) -> int:
        """Record a submitted batch and mark its jobs `submitted`, in one transaction."""
        now = time.time()
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO batches (run_id, provider, remote_id, status, request_count,"
                " submitted_at, updated_at, detail) VALUES (?,?,?,?,?,?,?,?)",
                (run_id, provider, remote_id, "submitted", len(job_ids), now, now,
                 orjson.dumps(detail).decode()))
            c.executemany("UPDATE jobs SET state = 'submitted', error = NULL, updated_at = ?"
                          " WHERE id = ?", ((now, j) for j in job_ids))
            return inserted_id(cur)

    def batch(self, batch_id: int) -> BatchRow | None:
        r = self.q1("SELECT * FROM batches WHERE id = ?", (batch_id,))
        return None if r is None else _batch(r)

    def batches(self, run_id: int | None = None, *, open_only: bool = False) -> list[BatchRow]:
        sql, params = "SELECT * FROM batches WHERE 1", []
        if run_id is not None:
            sql += " AND run_id = ?"
            params.append(run_id)
        if open_only:
            sql += " AND collected_at IS NULL AND status NOT IN ('cancelled', 'failed')"
        return [_batch(r) for r in self.q(sql + " ORDER BY id", params)]

    def update_batch(self, batch_id: int, status: str, *, collected: bool = False,
                     detail: dict | None = None) -> None:
        now = time.time()
        with self.tx() as c:
            c.execute("UPDATE batches SET status = ?, updated_at = ? WHERE id = ?",
                      (status, now, batch_id))
            if collected:
                c.execute("UPDATE batches SET collected_at = ? WHERE id = ?", (now, batch_id))
            if detail is not None:
                c.execute("UPDATE batches SET detail = ? WHERE id = ?",
                          (orjson.dumps(detail).decode(), batch_id))

    # -- scope of a run -------------------------------------------------------------------
    def suggestable_image_ids(self, *, only_unlabelled: bool = False, unasked: bool = False,
                              within: Sequence[int] | None = None) -> list[int]:
        """Images a model can be asked about (readable, not excluded, not missing), in display
        order; `only_unlabelled`: those with neither annotations nor suggestions; `unasked`:
        those not done and without suggestions."""
        cond = "excluded = 0 AND file_state NOT IN ('missing', 'unreadable')"
        if unasked:
            cond += (" AND review_state != 'done'"
                     " AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.image_id = images.id)")
        if only_unlabelled:
            cond += (" AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = images.id)"
                     " AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.image_id = images.id)")
        ids = [r[0] for r in self.q(f"SELECT id FROM images WHERE {cond} ORDER BY sort_key, id")]
        if within is not None:
            keep = set(within)
            ids = [i for i in ids if i in keep]
        return ids
