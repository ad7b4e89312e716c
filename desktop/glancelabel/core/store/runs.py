"""Runs: one request of suggestions over some images with one provider, model and prompt."""

from __future__ import annotations

import sqlite3
import time

import orjson

from ..model import Run
from .base import StoreBase, inserted_id


def _run(r: sqlite3.Row) -> Run:
    return Run(
        id=r["id"], provider=r["provider"], model=r["model"], kind=r["kind"],
        prompt_hash=r["prompt_hash"], params=orjson.loads(r["params"]), created_at=r["created_at"],
        input_tokens=r["input_tokens"], output_tokens=r["output_tokens"], cost_usd=r["cost_usd"],
        status=r["status"],
    )


class RunsMixin(StoreBase):
    def create_run(
        self, provider: str, model: str, *, kind: str = "interactive", prompt_hash: str = "",
        params: dict | None = None,
    ) -> int:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO runs (provider, model, kind, prompt_hash, params, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (provider, model, kind, prompt_hash, orjson.dumps(params or {}).decode(), time.time()),
            )
            return inserted_id(cur)

    def run(self, run_id: int) -> Run | None:
        r = self.q1("SELECT * FROM runs WHERE id = ?", (run_id,))
        return None if r is None else _run(r)

    def runs(self) -> list[Run]:
        return [_run(r) for r in self.q("SELECT * FROM runs ORDER BY id")]

    def add_run_usage(
        self, run_id: int, input_tokens: int, output_tokens: int, cost_usd: float
    ) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
                " cost_usd = cost_usd + ? WHERE id = ?",
                (input_tokens, output_tokens, cost_usd, run_id),
            )

    def set_run_status(self, run_id: int, status: str) -> None:
        with self.tx() as c:
            c.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run_id))
