"""Bulk reads and writes for exports and imports (datasets of 100,000 images and millions of boxes).

Reads return plain tuples (no Row objects) in one query each. Imports stage their rows in a TEMP
table (no lock on the project), then insert them in one short transaction and log one event with what
they did (images marked done, the id range of the rows they added); an import of annotations can also
return what it wrote as row changes, for the window's undo stack.
"""

from __future__ import annotations

import gc
import itertools
import os
import selectors
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson

from ..folder.workers import run_below_app
from ..review.changes import RowChange
from .base import StoreBase
from .chunks import in_chunks

_STAGES = itertools.count(1)  # numbers the staged tables (TEMP tables are per connection)


class ImportWrite(NamedTuple):
    """What `import_annotations` wrote."""

    added: int  # annotations inserted
    changed: list[int]  # images that changed to done
    changes: tuple[RowChange, ...] | None  # the rows written, when asked to record them


_YOLO_BOXES = (
    " FROM annotations a JOIN temp.export_images i ON i.id = a.image_id"
    " JOIN temp.export_classes k ON k.label_id = a.label_id"
    " WHERE a.kind = 'box' AND a.x IS NOT NULL"
)
_INSIDE = " min(a.x + a.w, i.width) > max(a.x, 0.0) AND min(a.y + a.h, i.height) > max(a.y, 0.0)"


def _chunks(cur: sqlite3.Cursor, chunk: int) -> Iterator[list[tuple]]:
    """A cursor's rows as plain tuples, `chunk` at a time; the cursor is closed at the end."""
    cur.row_factory = None
    try:
        while rows := cur.fetchmany(chunk):
            yield rows
    finally:
        cur.close()


def _fill_export_tables(c: sqlite3.Connection, images: Iterable[tuple], classes: dict[int, int]) -> None:
    """Temp tables of one connection: the exported images and the class numbering."""
    c.execute("CREATE TEMP TABLE IF NOT EXISTS export_images"
              " (id INTEGER PRIMARY KEY, width REAL NOT NULL, height REAL NOT NULL)")
    c.execute("CREATE TEMP TABLE IF NOT EXISTS export_classes"
              " (label_id INTEGER PRIMARY KEY, cls INTEGER NOT NULL)")
    c.execute("DELETE FROM temp.export_images")
    c.execute("DELETE FROM temp.export_classes")
    c.executemany("INSERT INTO temp.export_images VALUES (?, ?, ?)", images)
    c.executemany("INSERT INTO temp.export_classes VALUES (?, ?)", classes.items())


def _box_report(c: sqlite3.Connection) -> tuple[dict[int, int], list[tuple]]:
    """After _fill_export_tables: (boxes written per label id, [(image_id, id, reason)])."""
    counts = dict(c.execute(
        "SELECT a.label_id, count(*)" + _YOLO_BOXES + " AND" + _INSIDE + " GROUP BY a.label_id"
    ).fetchall())
    problems = [(r[0], r[1], "lies outside the image") for r in c.execute(
        "SELECT a.image_id, a.id" + _YOLO_BOXES + " AND NOT (" + _INSIDE + ")"
    )]
    problems += [(r[0], r[1], "has no class") for r in c.execute(
        "SELECT a.image_id, a.id FROM annotations a JOIN temp.export_images i"
        " ON i.id = a.image_id WHERE a.kind = 'box' AND a.label_id IS NULL"
    )]
    return counts, problems


def _label_rows(c: sqlite3.Connection, images: Iterable[tuple], classes: dict[int, int],
                chunk: int, report: list | None = None
                ) -> Iterator[list[tuple[int, str]]]:
    """Label texts in chunks; when done, appends _box_report's result to `report`."""
    _fill_export_tables(c, images, classes)
    cur = c.execute(
        "SELECT a.image_id, group_concat(printf('%d %.6f %.6f %.6f %.6f', k.cls,"
        " (max(a.x, 0.0) + min(a.x + a.w, i.width)) * 0.5 / i.width,"
        " (max(a.y, 0.0) + min(a.y + a.h, i.height)) * 0.5 / i.height,"
        " (min(a.x + a.w, i.width) - max(a.x, 0.0)) / i.width,"
        " (min(a.y + a.h, i.height) - max(a.y, 0.0)) / i.height), char(10)) || char(10)"
        + _YOLO_BOXES + " AND" + _INSIDE + " GROUP BY a.image_id"
    )
    yield from _chunks(cur, chunk)
    if report is not None:
        report.append(_box_report(c))


def _label_main(job_path: str) -> None:
    """Entry of the label process: reads {uri, images, classes, chunk} from a JSON file, writes
    frames (4-byte big-endian length + JSON list of [image_id, text]) on stdout; an empty frame
    ends the stream, a JSON object {"error": ...} reports a failure."""
    out = sys.stdout.buffer
    gc.disable()  # many short-lived rows, no cycles
    try:
        job = orjson.loads(Path(job_path).read_bytes())
        conn = sqlite3.connect(job["uri"], uri=True)
        report: list = []
        try:
            for rows in _label_rows(conn, job["images"], dict(job["classes"]), job["chunk"],
                                    report):
                write_frame(out, orjson.dumps(rows))
        finally:
            conn.close()
        counts, problems = report[0]
        write_frame(out, orjson.dumps({"counts": list(counts.items()), "problems": problems}))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as one line
        write_frame(out, orjson.dumps({"error": f"{type(exc).__name__}: {exc}"}))
    write_frame(out, b"")
    out.flush()


def readonly_uri(db: Path | str) -> str:
    return "file:" + urllib.parse.quote(str(Path(db).resolve())) + "?mode=ro"


def can_spawn(store: StoreBase) -> bool:
    """Whether work can go to a helper process: a project file, and not a frozen build."""
    return str(store.path) != ":memory:" and not getattr(sys, "frozen", False)


def spawn_python(module: str, func: str, job: dict) -> tuple[subprocess.Popen[bytes], Path]:
    """Start `func(job_file)` of `module` in a new Python process (this interpreter, this package
    on its path), below the app's priority as the header reads' processes run
    (`core.folder.workers`: on two cores the GUI thread gets one first); the job is written to a
    JSON file first. Standard output is piped."""
    import glancelabel

    env = dict(os.environ)
    root = str(Path(glancelabel.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    fd, name = tempfile.mkstemp(prefix="glancelabel-job-", suffix=".json")
    with os.fdopen(fd, "wb") as fh:
        fh.write(orjson.dumps(job))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", f"import sys; from {module} import {func}; {func}(sys.argv[1])",
             name],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env, bufsize=0,
        )
    except BaseException:
        os.unlink(name)
        raise
    run_below_app(proc.pid)
    return proc, Path(name)


def open_readonly(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True)


def box_rows_between(c: sqlite3.Connection, lo: int, hi: int, chunk: int) -> Iterator[list[tuple]]:
    """(image_id, id, label_id, x, y, w, h) of box annotations with lo <= id <= hi, by id."""
    cur = c.execute(
        "SELECT image_id, id, label_id, x, y, w, h FROM annotations"
        " WHERE id BETWEEN ? AND ? AND kind = 'box' AND x IS NOT NULL ORDER BY id", (lo, hi)
    )
    yield from _chunks(cur, chunk)


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    """n bytes from an unbuffered pipe (reads may return less)."""
    parts = []
    while n:
        data = stream.read(n)
        if not data:
            raise RuntimeError("the helper process stopped unexpectedly")
        parts.append(data)
        n -= len(data)
    return b"".join(parts)


def write_frame(out: IO[bytes], data: bytes) -> None:
    """One frame of a helper's output: a 4-byte big-endian length, then `data` (b"": the end)."""
    out.write(len(data).to_bytes(4, "big") + data)


def read_frames(stream: IO[bytes]) -> Iterator[bytes]:
    """The frames a helper writes with `write_frame`, up to the empty one that ends them."""
    while size := int.from_bytes(_read_exact(stream, 4), "big"):
        yield _read_exact(stream, size)


class LabelStream:
    """Iterator over label text chunks, from this process or from label processes (each formats
    a share of the images; chunks arrive in whatever order they are ready)."""

    def __init__(self, chunks: Iterator) -> None:
        self._chunks = chunks
        self._procs: list[tuple[subprocess.Popen[bytes], Path]] = []
        # (boxes written per label id, [(image_id, annotation id, reason)]), once iterated
        self.report: tuple[dict[int, int], list[tuple]] | None = None

    @classmethod
    def start(cls, db: Path, images: Iterable[tuple], classes: dict[int, int], chunk: int,
              processes: int = 1) -> LabelStream:
        stream = cls(iter(()))
        images = list(images)
        share = -(-len(images) // processes)
        try:
            for k in range(processes):
                stream._procs.append(spawn_python(
                    "glancelabel.core.store.exchange", "_label_main", {
                        "uri": readonly_uri(db), "images": images[k * share:(k + 1) * share],
                        "classes": list(classes.items()), "chunk": chunk,
                    }))
        except BaseException:
            stream.close()
            raise
        stream._chunks = stream._receive()
        return stream

    def _receive(self) -> Iterator[list]:
        counts: dict[int, int] = {}
        problems: list[tuple] = []
        with selectors.DefaultSelector() as sel:
            for proc, _job in self._procs:
                assert proc.stdout is not None  # spawned with a pipe
                sel.register(proc.stdout, selectors.EVENT_READ)
            open_streams = len(self._procs)
            while open_streams:
                for key, _ in sel.select():
                    out: Any = key.fileobj  # a process's stdout pipe
                    size = int.from_bytes(_read_exact(out, 4), "big")
                    if size == 0:
                        sel.unregister(out)
                        open_streams -= 1
                        continue
                    item = orjson.loads(_read_exact(out, size))
                    if isinstance(item, dict):
                        if "error" in item:
                            raise RuntimeError(f"formatting labels failed: {item['error']}")
                        for label_id, n in item["counts"]:
                            counts[label_id] = counts.get(label_id, 0) + n
                        problems += [tuple(p) for p in item["problems"]]
                        continue
                    yield item
        self.report = (counts, problems)

    def __iter__(self) -> Iterator[list]:
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self) -> None:
        for proc, job in self._procs:
            stop_helper(proc, job)
        self._procs = []


def stop_helper(proc: subprocess.Popen[bytes], job: Path) -> None:
    """A helper process gone (killed if it still runs), its pipe closed and its job file removed."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
    job.unlink(missing_ok=True)


class ExchangeMixin(StoreBase):
    def _tuples(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            cur.row_factory = None
            return cur.fetchall()

    # -- reads for export ---------------------------------------------------------------------
    def export_image_rows(self) -> list[tuple]:
        """(id, relpath, width, height, orientation, file_state, review_state, excluded),
        in display order. Width and height are the oriented ones."""
        return self._tuples(
            "SELECT id, relpath, width, height, orientation, file_state, review_state, excluded"
            " FROM images ORDER BY sort_key, id"
        )

    def export_box_rows(self) -> list[tuple]:
        """(image_id, id, label_id, x, y, w, h) of every box annotation, by image then id."""
        return self._tuples(
            "SELECT image_id, id, label_id, x, y, w, h FROM annotations"
            " WHERE kind = 'box' AND x IS NOT NULL ORDER BY image_id, id"
        )

    def annotation_id_range(self) -> tuple[int, int]:
        """(smallest, largest) annotation id, (0, 0) when there is none; cheap, to split work."""
        lo = self.scalar("SELECT min(id) FROM annotations") or 0
        hi = self.scalar("SELECT max(id) FROM annotations") or 0
        return lo, hi

    def iter_box_rows_between(self, lo: int, hi: int, chunk: int = 50_000
                              ) -> Iterator[list[tuple]]:
        """box_rows_between on this store's connection (the store is held meanwhile)."""
        with self._lock:
            yield from box_rows_between(self._conn, lo, hi, chunk)

    def export_image_classes(self) -> list[tuple]:
        """Distinct (image_id, label_id) of annotations (boxes and tags), for stratified splits."""
        return self._tuples(
            "SELECT DISTINCT image_id, label_id FROM annotations WHERE label_id IS NOT NULL"
        )

    # -- YOLO label files, formatted inside SQLite --------------------------------------------
    def yolo_label_texts(
        self, images: Sequence[tuple], classes: dict[int, int], chunk: int = 2000,
        *, process: bool | None = None,
    ) -> LabelStream:
        """Chunks of (image_id, label file text) for the images with boxes: one line
        `cls cx cy w h` per box (by annotation id), normalised and clamped to [0, 1]. Once
        iterated to the end, `.report` holds (boxes written per label id, [(image_id,
        annotation id, reason)] of boxes left out).

        SQLite formats the lines. For large exports (`process` None: 5,000 images or more) it
        runs in a separate Python process reading the project file (read-only), started at once,
        so it works while the caller does other things and then writes files as chunks arrive,
        without the two competing for the GIL as threads would. Frozen builds and in-memory
        projects format in this process, when iterated."""
        if process is None:
            process = (len(images) >= 5000 and str(self.path) != ":memory:"
                       and not getattr(sys, "frozen", False))
        if not process:
            stream = LabelStream(iter(()))
            stream._chunks = self._local_labels(images, classes, chunk, stream)
            return stream
        # a second label process only pays where cores are left for the kernel's file work
        two = len(images) >= 20_000 and (os.cpu_count() or 1) >= 4
        return LabelStream.start(Path(self.path), images, classes, chunk,
                                 processes=2 if two else 1)

    def _local_labels(self, images: Iterable[tuple], classes: dict[int, int], chunk: int,
                      stream: LabelStream) -> Iterator[list[tuple[int, str]]]:
        report: list = []
        with self._lock:
            yield from _label_rows(self._conn, images, classes, chunk, report)
        stream.report = report[0]

    def export_tag_rows(self) -> list[tuple]:
        """(image_id, id, label_id, text) of every image-level tag, by image then id."""
        return self._tuples(
            "SELECT image_id, id, label_id, text FROM annotations"
            " WHERE kind = 'tag' ORDER BY image_id, id"
        )

    def export_suggestion_rows(self, states: Iterable[str] | None = None) -> list[tuple]:
        """(image_id, id, kind, raw_label, label_id, x, y, w, h, text, confidence, state,
        provider, model, run_id, rationale), by image then id."""
        sql = (
            "SELECT s.image_id, s.id, s.kind, s.raw_label, s.label_id, s.x, s.y, s.w, s.h, s.text,"
            " s.confidence, s.state, r.provider, r.model, s.run_id, s.rationale"
            " FROM suggestions s LEFT JOIN runs r ON r.id = s.run_id"
        )
        params: list = []
        if states is not None:
            states = list(states)
            sql += f" WHERE s.state IN ({','.join('?' * len(states))})"
            params = states
        return self._tuples(sql + " ORDER BY s.image_id, s.id", params)

    def annotation_keys(self) -> list[tuple]:
        """(image_id, label_id, kind, x, y, w, h) of every annotation, to skip duplicates on import."""
        return self._tuples("SELECT image_id, label_id, kind, x, y, w, h FROM annotations")

    # -- writes for import ----------------------------------------------------------------------
    def import_annotations(
        self,
        rows: Sequence[tuple],
        done_ids: Iterable[int],
        meta: dict | None = None,
        *,
        record: bool = False,
    ) -> ImportWrite:
        """Insert annotations (image_id, label_id, kind, x, y, w, h, text) with source 'import'
        and mark `done_ids` done, in one transaction logged as one event (the rows are staged
        first, without the write lock: see `_stage`).

        With `record`, `changes` holds what was written as already-applied row changes (every
        inserted row as the project holds it, then each image's review state before and after),
        for an undo stack; otherwise it is None and nothing extra is held in memory."""
        now = time.time()
        columns = "image_id, label_id, kind, x, y, w, h, text, source, created_at, updated_at"
        stage = self._stage("annotations", columns, ((*r, "import", now, now) for r in rows))
        try:
            with self.tx() as c:
                before, after = self._publish(c, "annotations", stage, columns)
                previous = self._mark_done_bulk(c, done_ids, now)
                self._log_import(c, "import.annotations", previous, {
                    **(meta or {}), "annotations": [before + 1, after] if after > before else [],
                })
            changed = [i for i, _state, _at in previous]
            changes = None
            if record:
                changes = (*self._staged_rows("annotations", stage, before), *(
                    RowChange("images", i, {"review_state": state, "reviewed_at": at},
                              {"review_state": "done", "reviewed_at": now})
                    for i, state, at in previous))
        finally:
            self._drop_stage(stage)
        return ImportWrite(after - before, changed, changes)

    # -- staging: a long import never holds the project's write lock for long -----------------
    def _stage(self, table: str, columns: str, rows: Iterable[tuple]) -> str:
        """Write `rows` (values of `columns`) into a new TEMP table shaped as `table` on this
        thread's connection; returns its name. A TEMP table lives in the connection's own file,
        so this takes no lock on the project: other connections (the window's decisions) write
        meanwhile, and a process killed here leaves nothing in the project. The columns left out
        hold NULL here and take their defaults in the project."""
        name = f"stage_{table}_{next(_STAGES)}"
        marks = ", ".join("?" * len(columns.split(",")))
        with self._lock:
            c = self._conn
            c.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM main.{table} WHERE 0")
            joined = c.in_transaction  # (inside an outer transaction: it commits them)
            if not joined:
                c.execute("BEGIN")
            try:
                c.executemany(f"INSERT INTO temp.{name} ({columns}) VALUES ({marks})", rows)
            except BaseException:
                if not joined and c.in_transaction:
                    c.execute("ROLLBACK")
                self._drop_stage(name)
                raise
            if not joined:
                c.execute("COMMIT")
        return name

    @staticmethod
    def _publish(c: sqlite3.Connection, table: str, stage: str, columns: str) -> tuple[int, int]:
        """Copy a staged table's `columns` into `table` (inside the caller's write transaction),
        in staged order with new ids: returns the largest id before and after (rows before + k).
        One statement in SQLite, no Python per row: the write lock is held for a short time."""
        before = c.execute(f"SELECT coalesce(max(id), 0) FROM main.{table}").fetchone()[0]
        c.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM temp.{stage}"
                  " ORDER BY rowid")
        after = c.execute(f"SELECT coalesce(max(id), 0) FROM main.{table}").fetchone()[0]
        return before, after

    def _staged_rows(self, table: str, stage: str, before: int) -> list[RowChange]:
        """The published rows as inserts with their ids (as `Store.apply` writes them), read from
        the stage without the project's write lock (the columns the stage left out are NULL, as
        the defaults of the annotations' other columns are)."""
        with self._lock:
            cur = self._conn.execute(f"SELECT * FROM temp.{stage} ORDER BY rowid")
            names = [d[0] for d in cur.description]
            cur.row_factory = None
            out = []
            for k, row in enumerate(cur, 1):
                values = dict(zip(names, row, strict=True))
                del values["id"]
                out.append(RowChange(table, before + k, None, values))
        return out

    def _drop_stage(self, stage: str) -> None:
        with self._lock:
            self._conn.execute(f"DROP TABLE IF EXISTS temp.{stage}")

    def import_suggestions(
        self, run_id: int, rows: Sequence[tuple], meta: dict | None = None
    ) -> int:
        """Insert suggestions (image_id, kind, raw_label, label_id, x, y, w, h, text, confidence,
        rationale) of one run, pending, in one transaction (staged first: see `_stage`)."""
        columns = ("run_id, image_id, kind, raw_label, label_id, x, y, w, h, text, confidence,"
                   " rationale")
        stage = self._stage("suggestions", columns, ((run_id, *r) for r in rows))
        try:
            with self.tx() as c:
                before, after = self._publish(c, "suggestions", stage, columns)
                self._log_import(c, "import.suggestions", [], {
                    **(meta or {}), "run_id": run_id,
                    "suggestions": [before + 1, after] if after > before else [],
                })
        finally:
            self._drop_stage(stage)
        return after - before

    def _mark_done_bulk(self, c: sqlite3.Connection, ids: Iterable[int], now: float) -> list[tuple]:
        """Mark images done; returns (id, review state, reviewed_at) before, of those changed."""
        changed: list[tuple] = []
        for chunk, marks in in_chunks(sorted(set(ids))):
            changed += [tuple(r) for r in c.execute(
                "SELECT id, review_state, reviewed_at FROM images"
                f" WHERE review_state != 'done' AND id IN ({marks})", chunk
            )]
        c.executemany(
            "UPDATE images SET review_state = 'done', reviewed_at = ? WHERE id = ?",
            ((now, i) for i, _state, _at in changed),
        )
        return changed

    def _log_import(self, c: sqlite3.Connection, verb: str, previous: list[tuple], meta: dict) -> None:
        changes = [["images", i, {"review_state": state}, {"review_state": "done"}]
                   for i, state, _at in previous]
        c.execute(
            "INSERT INTO events (at, verb, image_id, changes) VALUES (?, ?, NULL, ?)",
            (time.time(), verb, orjson.dumps({"meta": meta, "changes": changes}).decode()),
        )

    # -- bulk rows for benchmarks and tests (no files needed) --------------------------------
    def insert_image_rows(self, rows: Iterable[tuple]) -> None:
        """(relpath, width, height, orientation, review_state) as readable images."""
        now = time.time()
        with self.tx() as c:
            start = c.execute("SELECT coalesce(max(sort_key), -1) + 1 FROM images").fetchone()[0]
            c.executemany(
                "INSERT INTO images (relpath, sort_key, size, mtime_ns, width, height, orientation,"
                " format, file_state, review_state, added_at)"
                " VALUES (?, ?, 0, 0, ?, ?, ?, 'JPEG', 'ok', ?, ?)",
                ((rel, start + i, w, h, o, state, now)
                 for i, (rel, w, h, o, state) in enumerate(rows)),
            )

    def insert_box_rows(self, rows: Iterable[tuple]) -> None:
        """(image_id, label_id, x, y, w, h) as manual box annotations."""
        now = time.time()
        with self.tx() as c:
            c.executemany(
                "INSERT INTO annotations (image_id, label_id, kind, x, y, w, h, source, created_at,"
                " updated_at) VALUES (?, ?, 'box', ?, ?, ?, ?, 'manual', ?, ?)",
                ((*r, now, now) for r in rows),
            )
