"""Spot-checks (audits) and the reads behind the AI quality report.

An audit samples images of one run (or of all suggestions when `run_id` is None). Its sample lives
in `audit_images`; everything else (reviewed, accepted, verdict, whether the rest was accepted) is
derived from the suggestions and annotations when asked, so undo never leaves it stale.

"Reviewed by a person" means `review_state = 'done'` and no suggestion of the image was decided by
the spot-check or a bulk action (those images were not looked at, so they are no evidence), unless a
person decided suggestions on it too (after the passed classes were accepted by class, the open
ones are reviewed by hand: such an image counts for a spot-check, its machine-decided suggestions
left out; the quality report still leaves it out).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import orjson

from ..review.changes import ChangeSet, RowChange
from .base import StoreBase, inserted_id
from .chunks import in_chunks

MACHINE_DECIDERS = ("spot-check", "bulk")
UNKNOWN_PREFIX = "(unknown) "

_MACHINE = (
    "EXISTS (SELECT 1 FROM suggestions m WHERE m.image_id = i.id"
    " AND m.decided_by IN ('spot-check', 'bulk'))"
)
_PERSON = (
    "EXISTS (SELECT 1 FROM suggestions p WHERE p.image_id = i.id AND p.state != 'pending'"
    " AND p.decided_by = 'person')"
)
# finished by a person, as a spot-check counts it: done, and either nothing on it was decided by a
# spot-check or bulk action, or a person decided suggestions there too (the classes left open
# after accepting the passed ones by class); its machine-decided suggestions are no evidence
_PERSON_DONE = f"i.review_state = 'done' AND (NOT {_MACHINE} OR {_PERSON})"
# an image eligible for a spot-check: in the dataset and on disk
_ELIGIBLE = "i.excluded = 0 AND i.file_state != 'missing'"


def class_name(label_name: str | None, raw_label: str) -> str:
    """The predicted class of a suggestion: its class, else its unknown raw label, marked."""
    return label_name if label_name is not None else UNKNOWN_PREFIX + raw_label


def _run_filter(run_id: int | None, alias: str = "s", *, use_index: bool = True) -> tuple[str, tuple]:
    """The condition for "suggestions of this run"; use_index=False keeps SQLite from driving the
    query by the run index (unary +) when the image side is the selective one."""
    if run_id is None:
        return "1", ()
    return f"{'' if use_index else '+'}{alias}.run_id = ?", (run_id,)


class AuditsMixin(StoreBase):
    # -- audits ---------------------------------------------------------------------------
    def insert_audit(
        self,
        *,
        run_id: int | None,
        seed: int,
        method: str,
        params: dict,
        target: float,
        sample: Mapping[int, str | None],
    ) -> int:
        """Store a new spot-check and its sample (image id -> stratum). Not a decision: no event."""
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO audits (run_id, created_at, seed, method, params, target, status)"
                " VALUES (?, ?, ?, ?, ?, ?, 'open')",
                (run_id, time.time(), seed, method, orjson.dumps(params).decode(), target),
            )
            audit_id = inserted_id(cur)
            c.executemany(
                "INSERT INTO audit_images (audit_id, image_id, stratum) VALUES (?, ?, ?)",
                ((audit_id, image_id, stratum) for image_id, stratum in sample.items()),
            )
        return audit_id

    def extend_audit_sample(
        self, audit_id: int, sample: Mapping[int, str | None], params: dict
    ) -> None:
        """Add images (image id -> stratum) to a spot-check's sample and store its new params.
        Like creating one, not a decision: no event."""
        with self.tx() as c:
            c.executemany(
                "INSERT INTO audit_images (audit_id, image_id, stratum) VALUES (?, ?, ?)",
                ((audit_id, image_id, stratum) for image_id, stratum in sample.items()),
            )
            c.execute("UPDATE audits SET params = ? WHERE id = ?",
                      (orjson.dumps(params).decode(), audit_id))

    def machine_finished_ids(self) -> set[int]:
        """Images a spot-check or bulk action finished without a person deciding anything on
        them (nobody looked); an image whose passed classes were accepted and whose other
        suggestions still wait, or were decided by a person since, is not one."""
        return {
            r[0] for r in self.q(
                f"SELECT i.id FROM images i WHERE i.review_state = 'done' AND {_MACHINE}"
                f" AND NOT {_PERSON}"
            )
        }

    def audit_row(self, audit_id: int) -> dict | None:
        r = self.q1("SELECT * FROM audits WHERE id = ?", (audit_id,))
        if r is None:
            return None
        return dict(r) | {"params": orjson.loads(r["params"])}

    def audit_rows(self) -> list[dict]:
        return [
            dict(r) | {"params": orjson.loads(r["params"])}
            for r in self.q("SELECT * FROM audits ORDER BY id")
        ]

    def latest_audit_id(self) -> int | None:
        return self.scalar("SELECT max(id) FROM audits")

    def audit_population(self, run_id: int | None) -> dict[int, frozenset[str]]:
        """Images that have suggestions (of the run), eligible for a spot-check, with the classes
        predicted on each (unknown labels as '(unknown) raw')."""
        cond, params = _run_filter(run_id)
        rows = self.q(
            f"""SELECT s.image_id, l.name, s.raw_label FROM suggestions s
                JOIN images i ON i.id = s.image_id LEFT JOIN labels l ON l.id = s.label_id
                WHERE {cond} AND {_ELIGIBLE}""",
            params,
        )
        out: dict[int, set[str]] = {}
        for image_id, name, raw in rows:
            out.setdefault(image_id, set()).add(class_name(name, raw))
        return {k: frozenset(v) for k, v in out.items()}

    def person_reviewed_ids(self, image_ids: list[int] | None = None) -> set[int]:
        """Done images a person finished (`_PERSON_DONE`; optionally among some ids)."""
        rows = self.q(
            f"SELECT i.id FROM images i WHERE {_PERSON_DONE}"
        )
        done = {r[0] for r in rows}
        return done if image_ids is None else done & set(image_ids)

    def _sample_query(self, sql: str, params: tuple, image_ids: Sequence[int] | None,
                      alias: str = "ai") -> list:
        """Run `sql` (with a {only} placeholder in its WHERE) over the sample, or over some of
        its images only (chunked to stay under SQLite's parameter limit)."""
        if image_ids is None:
            return self.q(sql.format(only=""), params)
        rows: list = []
        for chunk, marks in in_chunks(image_ids):
            rows += self.q(sql.format(only=f" AND {alias}.image_id IN ({marks})"), (*params, *chunk))
        return rows

    def audit_sample(self, audit_id: int, image_ids: Sequence[int] | None = None) -> list[dict]:
        """The sample in folder order: image_id, relpath, stratum, reviewed (by a person),
        done (by anyone: accepting the rest closes unreviewed sampled images too), pos (the
        order it was drawn in: the first sample, then each extension)."""
        rows = self._sample_query(
            f"""SELECT i.id AS image_id, i.relpath, ai.stratum,
                       ({_PERSON_DONE}) AS reviewed,
                       i.review_state = 'done' AS done, i.sort_key, ai.rowid AS pos
                FROM audit_images ai JOIN images i ON i.id = ai.image_id
                WHERE ai.audit_id = ?{{only}}""",
            (audit_id,), image_ids,
        )
        rows = sorted(rows, key=lambda r: (r["sort_key"], r["image_id"]))
        return [dict(r) | {"reviewed": bool(r["reviewed"]), "done": bool(r["done"])}
                for r in rows]

    def audit_sample_ids(self, audit_id: int) -> list[int]:
        return [
            r[0]
            for r in self.q(
                "SELECT i.id FROM audit_images a JOIN images i ON i.id = a.image_id"
                " WHERE a.audit_id = ? ORDER BY i.sort_key, i.id",
                (audit_id,),
            )
        ]

    def audit_sample_suggestions(
        self, audit_id: int, run_id: int | None, image_ids: Sequence[int] | None = None
    ) -> list[dict]:
        """Suggestions (of the run) on the sampled images, with the annotation each became."""
        cond, params = _run_filter(run_id, use_index=False)
        rows = self._sample_query(
            f"""SELECT s.id, s.image_id, s.kind, s.raw_label, s.label_id, l.name AS label_name,
                       s.x, s.y, s.w, s.h, s.state, s.decided_by,
                       a.id AS ann_id, a.label_id AS ann_label_id,
                       a.x AS ax, a.y AS ay, a.w AS aw, a.h AS ah
                FROM audit_images ai
                JOIN suggestions s ON s.image_id = ai.image_id
                LEFT JOIN labels l ON l.id = s.label_id
                LEFT JOIN annotations a ON a.id = s.annotation_id
                WHERE ai.audit_id = ? AND {cond}{{only}}""",
            (audit_id, *params), image_ids,
        )
        return sorted((dict(r) for r in rows), key=lambda r: (r["image_id"], r["id"]))

    def audit_sample_added(
        self, audit_id: int, image_ids: Sequence[int] | None = None
    ) -> list[tuple[int, str | None]]:
        """Annotations people added by hand on the sampled images: (image_id, class name)."""
        rows = self._sample_query(
            """SELECT a.image_id, l.name, a.id FROM audit_images ai
               JOIN annotations a ON a.image_id = ai.image_id
               LEFT JOIN labels l ON l.id = a.label_id
               WHERE ai.audit_id = ? AND a.source = 'manual'{only}""",
            (audit_id,), image_ids,
        )
        return [(r[0], r[1]) for r in sorted(rows, key=lambda r: r[2])]

    def audit_rest_pending(self, audit_id: int, run_id: int | None) -> list[dict]:
        """Pending suggestions (of the run) on eligible images that nobody has reviewed yet, the
        unreviewed part of the sample included: what 'accept the rest' would accept (and the
        unknown ones it would skip), with each one's class name."""
        cond, params = _run_filter(run_id)
        rows = self.q(
            f"""SELECT s.id, s.image_id, s.label_id, s.raw_label, l.name AS label_name, i.relpath
                FROM suggestions s JOIN images i ON i.id = s.image_id
                LEFT JOIN labels l ON l.id = s.label_id
                WHERE s.state = 'pending' AND {cond} AND {_ELIGIBLE} AND i.review_state = 'new'
                ORDER BY i.sort_key, i.id, s.id""",
            params,
        )
        return [dict(r) for r in rows]

    def audit_rest_counts(self, audit_id: int, run_id: int | None) -> dict[str, int]:
        """Counts of `audit_rest_pending` without fetching the rows: pending (with a class),
        unknown (without one) and images (holding a pending suggestion with a class)."""
        cond, params = _run_filter(run_id)
        r = self.q1(
            f"""SELECT count(s.label_id), count(*) - count(s.label_id),
                       count(DISTINCT CASE WHEN s.label_id IS NOT NULL THEN s.image_id END)
                FROM suggestions s JOIN images i ON i.id = s.image_id
                WHERE s.state = 'pending' AND {cond} AND {_ELIGIBLE} AND i.review_state = 'new'""",
            params,
        )
        assert r is not None  # an aggregate has one row
        return {"pending": r[0] or 0, "unknown": r[1] or 0, "images": r[2] or 0}

    def audit_rest_by_class(self, run_id: int | None) -> dict[str, tuple[int, int]]:
        """Per class of `audit_rest_pending` (classes only, no unknown labels): class name ->
        (pending suggestions, images holding them)."""
        cond, params = _run_filter(run_id)
        rows = self.q(
            f"""SELECT l.name, count(*), count(DISTINCT s.image_id)
                FROM suggestions s JOIN images i ON i.id = s.image_id
                JOIN labels l ON l.id = s.label_id
                WHERE s.state = 'pending' AND {cond} AND {_ELIGIBLE} AND i.review_state = 'new'
                GROUP BY l.name""",
            params,
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def audit_rest_parts(self, run_id: int | None, image_ids: Sequence[int]
                         ) -> dict[int, dict[str | None, int]]:
        """What these images add to `audit_rest_pending`: image id -> class name (None for an
        unknown label) -> pending suggestions. Images that add nothing are left out."""
        cond, params = _run_filter(run_id, use_index=False)
        out: dict[int, dict[str | None, int]] = {}
        for chunk, marks in in_chunks(image_ids):
            for image_id, name, n in self.q(
                f"""SELECT s.image_id, l.name, count(*) FROM suggestions s
                    JOIN images i ON i.id = s.image_id LEFT JOIN labels l ON l.id = s.label_id
                    WHERE s.state = 'pending' AND {cond} AND {_ELIGIBLE}
                      AND i.review_state = 'new' AND s.image_id IN ({marks})
                    GROUP BY s.image_id, l.name""",
                (*params, *chunk),
            ):
                out.setdefault(image_id, {})[name] = n
        return out

    def audit_spot_checked(self, audit_id: int) -> list[int]:
        """Ids of the suggestions this spot-check accepted (empty once that was undone)."""
        return [
            r[0]
            for r in self.q(
                "SELECT id FROM suggestions WHERE audit_id = ? AND decided_by = 'spot-check'"
                " AND state IN ('accepted', 'edited') ORDER BY id",
                (audit_id,),
            )
        ]

    def events_with_verb(self, verb: str) -> list[tuple[int, ChangeSet]]:
        """Logged change sets with this verb, newest first, rebuilt as (event id, ChangeSet)."""
        out = []
        for r in self.q(
            "SELECT id, verb, image_id, changes FROM events WHERE verb = ? ORDER BY id DESC", (verb,)
        ):
            body = orjson.loads(r["changes"])
            changes = tuple(RowChange(t, i, b, a) for t, i, b, a in body["changes"])
            out.append((r["id"], ChangeSet(r["verb"], changes, r["image_id"], body.get("meta") or {})))
        return out

    def rows_match(self, changes: tuple[RowChange, ...]) -> bool:
        """True when every row still holds the `after` values of these changes."""
        for ch in changes:
            if ch.table not in ("annotations", "suggestions", "images"):
                raise ValueError(f"unexpected table {ch.table!r}")
            current = self.row(ch.table, ch.id) if ch.id is not None else None
            if ch.after is None:
                if current is not None:
                    return False
                continue
            if current is None:
                return False
            for key, value in ch.after.items():
                if current.get(key) != value:
                    return False
        return True

    # -- quality report reads -------------------------------------------------------------
    def quality_images(self) -> list[dict]:
        """Images reviewed by a person: id, relpath."""
        rows = self.q(
            f"SELECT i.id, i.relpath FROM images i WHERE i.review_state = 'done'"
            f" AND i.excluded = 0 AND NOT {_MACHINE} ORDER BY i.sort_key, i.id"
        )
        return [dict(r) for r in rows]

    def quality_suggestions(self) -> list[dict]:
        """Every suggestion on person-reviewed images, with its class name and annotation."""
        rows = self.q(
            f"""SELECT s.id, s.run_id, s.image_id, s.kind, s.raw_label, s.label_id,
                       l.name AS label_name, s.x, s.y, s.w, s.h, s.confidence, s.state,
                       s.decided_by, a.id AS ann_id, a.label_id AS ann_label_id,
                       a.x AS ax, a.y AS ay, a.w AS aw, a.h AS ah
                FROM suggestions s JOIN images i ON i.id = s.image_id
                LEFT JOIN labels l ON l.id = s.label_id
                LEFT JOIN annotations a ON a.id = s.annotation_id
                WHERE i.review_state = 'done' AND i.excluded = 0 AND NOT {_MACHINE}
                ORDER BY s.image_id, s.id"""
        )
        return [dict(r) for r in rows]

    def quality_annotations(self) -> list[dict]:
        """The final annotations (the truth) of person-reviewed images, with class names."""
        rows = self.q(
            f"""SELECT a.id, a.image_id, a.kind, a.label_id, l.name AS label_name,
                       a.x, a.y, a.w, a.h, a.source, a.suggestion_id
                FROM annotations a JOIN images i ON i.id = a.image_id
                LEFT JOIN labels l ON l.id = a.label_id
                WHERE i.review_state = 'done' AND i.excluded = 0 AND NOT {_MACHINE}
                ORDER BY a.image_id, a.id"""
        )
        return [dict(r) for r in rows]

    def run_finished_images(self, states: tuple[str, ...]) -> dict[int, set[int]]:
        """run id -> images whose job of that run finished (the model looked, maybe found nothing)."""
        marks = ",".join("?" * len(states))
        out: dict[int, set[int]] = {}
        for run_id, image_id in self.q(
            f"SELECT run_id, image_id FROM jobs WHERE state IN ({marks})", states
        ):
            out.setdefault(run_id, set()).add(image_id)
        return out

    def accepted_counts_by_run(self) -> dict[int | None, int]:
        """Suggestions accepted (edited included) per run, over all images: labels the AI gave."""
        return {
            r[0]: r[1]
            for r in self.q(
                "SELECT run_id, count(*) FROM suggestions WHERE state IN ('accepted', 'edited')"
                " GROUP BY run_id"
            )
        }
