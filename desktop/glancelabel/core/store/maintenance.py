"""Checks and repairs of a project file (used by `glancelabel doctor`)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from .base import StoreBase

# name -> (what it means, SQL counting the rows, SQL repairing them)
ORPHANS: dict[str, tuple[str, str, str]] = {
    "annotations_without_image": (
        "annotations of images no longer in the project",
        "SELECT count(*) FROM annotations WHERE image_id NOT IN (SELECT id FROM images)",
        "DELETE FROM annotations WHERE image_id NOT IN (SELECT id FROM images)",
    ),
    "annotations_with_deleted_class": (
        "annotations pointing at a class that no longer exists (set to no class)",
        "SELECT count(*) FROM annotations WHERE label_id IS NOT NULL"
        " AND label_id NOT IN (SELECT id FROM labels)",
        "UPDATE annotations SET label_id = NULL WHERE label_id IS NOT NULL"
        " AND label_id NOT IN (SELECT id FROM labels)",
    ),
    "suggestions_without_image": (
        "suggestions of images no longer in the project",
        "SELECT count(*) FROM suggestions WHERE image_id NOT IN (SELECT id FROM images)",
        "DELETE FROM suggestions WHERE image_id NOT IN (SELECT id FROM images)",
    ),
    "suggestions_with_deleted_class": (
        "suggestions mapped to a class that no longer exists (made unknown again)",
        "SELECT count(*) FROM suggestions WHERE label_id IS NOT NULL"
        " AND label_id NOT IN (SELECT id FROM labels)",
        "UPDATE suggestions SET label_id = NULL WHERE label_id IS NOT NULL"
        " AND label_id NOT IN (SELECT id FROM labels)",
    ),
    "accepted_without_annotation": (
        "accepted suggestions whose annotation is gone (counted as rejected)",
        "SELECT count(*) FROM suggestions WHERE state IN ('accepted', 'edited')"
        " AND (annotation_id IS NULL OR annotation_id NOT IN (SELECT id FROM annotations))",
        "UPDATE suggestions SET state = 'rejected', annotation_id = NULL"
        " WHERE state IN ('accepted', 'edited')"
        " AND (annotation_id IS NULL OR annotation_id NOT IN (SELECT id FROM annotations))",
    ),
    "jobs_without_image_or_run": (
        "jobs of images or runs no longer in the project",
        "SELECT count(*) FROM jobs WHERE image_id NOT IN (SELECT id FROM images)"
        " OR run_id NOT IN (SELECT id FROM runs)",
        "DELETE FROM jobs WHERE image_id NOT IN (SELECT id FROM images)"
        " OR run_id NOT IN (SELECT id FROM runs)",
    ),
    "stale_running_jobs": (
        "jobs left 'running' by a process that stopped (queued again)",
        "SELECT count(*) FROM jobs WHERE state = 'running'",
        "UPDATE jobs SET state = 'queued' WHERE state = 'running'",
    ),
    "pending_counts_out_of_step": (
        "images whose count of pending suggestions was out of step (recounted)",
        "SELECT count(*) FROM images WHERE pending != (SELECT count(*) FROM suggestions s"
        " WHERE s.image_id = images.id AND s.state = 'pending')",
        "UPDATE images SET pending = (SELECT count(*) FROM suggestions s"
        " WHERE s.image_id = images.id AND s.state = 'pending') WHERE pending != (SELECT count(*)"
        " FROM suggestions s WHERE s.image_id = images.id AND s.state = 'pending')",
    ),
    "audit_images_without_image": (
        "spot-check entries of images no longer in the project",
        "SELECT count(*) FROM audit_images WHERE image_id NOT IN (SELECT id FROM images)",
        "DELETE FROM audit_images WHERE image_id NOT IN (SELECT id FROM images)",
    ),
}


class MaintenanceMixin(StoreBase):
    def check_orphans(self) -> dict[str, int]:
        return {name: int(self.scalar(sql)) for name, (_m, sql, _r) in ORPHANS.items()}

    def repair_orphans(self, names: list[str] | None = None) -> dict[str, int]:
        """Repair the named problems (all by default) in one transaction; returns rows changed."""
        fixed: dict[str, int] = {}
        with self.tx() as c:
            for name, (_meaning, _count, repair) in ORPHANS.items():
                if names is None or name in names:
                    fixed[name] = c.execute(repair).rowcount
        return fixed

    def missing_images_without_work(self) -> list[int]:
        """Missing images that carry no annotation and no suggestion: safe to forget."""
        return [
            r[0]
            for r in self.q(
                "SELECT id FROM images i WHERE file_state = 'missing'"
                " AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.image_id = i.id)"
                " AND NOT EXISTS (SELECT 1 FROM suggestions s WHERE s.image_id = i.id)"
            )
        ]

    def forget_images(self, ids: list[int]) -> int:
        with self.tx() as c:
            for table in ("jobs", "audit_images"):
                c.executemany(f"DELETE FROM {table} WHERE image_id = ?", ((i,) for i in ids))
            cur = c.executemany("DELETE FROM images WHERE id = ?", ((i,) for i in ids))
            return cur.rowcount

    def backup_to(self, target: Path | None = None) -> Path:
        """A consistent copy of the project file (SQLite online backup)."""
        target = target or self.path.with_name(
            f"{self.path.name}.{time.strftime('%Y%m%d-%H%M%S')}.bak"
        )
        dest = sqlite3.connect(str(target))
        try:
            with self._lock:
                self._conn.backup(dest)
        finally:
            dest.close()
        return target
