"""Numbered schema migrations. The version lives in PRAGMA user_version.

Never edit a migration that has shipped; append a new one. Each entry is
(version, description, SQL script). Migration N brings a project from N-1 to N.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "images, labels, annotations, events",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            relpath TEXT NOT NULL UNIQUE,
            sort_key INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            mtime_ns INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT,
            width INTEGER,
            height INTEGER,
            orientation INTEGER NOT NULL DEFAULT 1,
            format TEXT,
            file_state TEXT NOT NULL DEFAULT 'unknown',
            problem TEXT,
            review_state TEXT NOT NULL DEFAULT 'new',
            excluded INTEGER NOT NULL DEFAULT 0,
            reviewed_at REAL,
            added_at REAL
        );
        CREATE INDEX images_sort ON images(sort_key);
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            color TEXT NOT NULL,
            position INTEGER NOT NULL,
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            image_id INTEGER NOT NULL REFERENCES images(id),
            label_id INTEGER REFERENCES labels(id),
            kind TEXT NOT NULL DEFAULT 'box',
            x REAL, y REAL, w REAL, h REAL,
            text TEXT,
            source TEXT NOT NULL DEFAULT 'manual',
            suggestion_id INTEGER,
            created_at REAL,
            updated_at REAL
        );
        CREATE INDEX annotations_image ON annotations(image_id);
        CREATE INDEX annotations_label ON annotations(label_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            verb TEXT NOT NULL,
            image_id INTEGER,
            changes TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        "runs, jobs, responses, suggestions",
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'interactive',
            prompt_hash TEXT NOT NULL DEFAULT '',
            params TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open'
        );
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            image_id INTEGER NOT NULL REFERENCES images(id),
            state TEXT NOT NULL DEFAULT 'queued',
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            raw TEXT,
            response_key TEXT,
            updated_at REAL,
            UNIQUE (run_id, image_id)
        );
        CREATE INDEX jobs_state ON jobs(run_id, state);
        CREATE TABLE responses (
            key TEXT PRIMARY KEY,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            raw TEXT NOT NULL,
            result TEXT NOT NULL,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
        );
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            image_id INTEGER NOT NULL REFERENCES images(id),
            kind TEXT NOT NULL DEFAULT 'box',
            raw_label TEXT NOT NULL,
            label_id INTEGER REFERENCES labels(id),
            x REAL, y REAL, w REAL, h REAL,
            text TEXT,
            confidence REAL,
            rationale TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'pending',
            decided_by TEXT,
            decided_at REAL,
            annotation_id INTEGER,
            audit_id INTEGER
        );
        CREATE INDEX suggestions_image ON suggestions(image_id, state);
        CREATE INDEX suggestions_run ON suggestions(run_id, state);
        """,
    ),
    (
        3,
        "provider batches, spot-checks",
        """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            provider TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'submitted',
            request_count INTEGER NOT NULL DEFAULT 0,
            submitted_at REAL NOT NULL,
            updated_at REAL,
            collected_at REAL,
            detail TEXT
        );
        CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            created_at REAL NOT NULL,
            seed INTEGER NOT NULL,
            method TEXT NOT NULL,
            params TEXT NOT NULL DEFAULT '{}',
            target REAL NOT NULL DEFAULT 0.95,
            status TEXT NOT NULL DEFAULT 'open'
        );
        CREATE TABLE audit_images (
            audit_id INTEGER NOT NULL REFERENCES audits(id),
            image_id INTEGER NOT NULL REFERENCES images(id),
            stratum TEXT,
            PRIMARY KEY (audit_id, image_id)
        );
        """,
    ),
    (
        4,
        "pending suggestion count per image, kept by triggers (fast 'needs review')",
        """
        ALTER TABLE images ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
        UPDATE images SET pending = (
            SELECT count(*) FROM suggestions s WHERE s.image_id = images.id AND s.state = 'pending'
        );
        CREATE INDEX images_pending ON images(sort_key, id) WHERE pending > 0;
        CREATE TRIGGER suggestions_pending_insert AFTER INSERT ON suggestions
        WHEN NEW.state = 'pending' BEGIN
            UPDATE images SET pending = pending + 1 WHERE id = NEW.image_id;
        END;
        CREATE TRIGGER suggestions_pending_delete AFTER DELETE ON suggestions
        WHEN OLD.state = 'pending' BEGIN
            UPDATE images SET pending = pending - 1 WHERE id = OLD.image_id;
        END;
        CREATE TRIGGER suggestions_pending_update AFTER UPDATE OF state, image_id ON suggestions
        WHEN OLD.state = 'pending' OR NEW.state = 'pending' BEGIN
            UPDATE images SET pending = pending - 1
                WHERE id = OLD.image_id AND OLD.state = 'pending';
            UPDATE images SET pending = pending + 1
                WHERE id = NEW.image_id AND NEW.state = 'pending';
        END;
        """,
    ),
    (
        5,
        "index of the images whose file needs attention (not yet read, unreadable, missing)",
        """
        CREATE INDEX images_attention ON images(file_state, sort_key) WHERE file_state != 'ok';
        """,
    ),
    (
        6,
        "label mappings; each suggestion keeps the model's original class and box",
        """
        CREATE TABLE label_mappings (
            id INTEGER PRIMARY KEY,
            raw_key TEXT NOT NULL UNIQUE,
            raw_label TEXT NOT NULL,
            label_id INTEGER NOT NULL REFERENCES labels(id),
            created_at REAL
        );
        ALTER TABLE suggestions ADD COLUMN orig_label_id INTEGER;
        ALTER TABLE suggestions ADD COLUMN ox REAL;
        ALTER TABLE suggestions ADD COLUMN oy REAL;
        ALTER TABLE suggestions ADD COLUMN ow REAL;
        ALTER TABLE suggestions ADD COLUMN oh REAL;
        UPDATE suggestions SET orig_label_id = label_id, ox = x, oy = y, ow = w, oh = h;
        CREATE TRIGGER suggestions_original AFTER INSERT ON suggestions
        WHEN NEW.orig_label_id IS NULL AND NEW.ox IS NULL BEGIN
            UPDATE suggestions SET orig_label_id = NEW.label_id,
                ox = NEW.x, oy = NEW.y, ow = NEW.w, oh = NEW.h
                WHERE id = NEW.id;
        END;
        """,
    ),
    (
        7,
        "two-model consensus: agreed and disputed suggestions, each source linked to its agreed one",
        """
        ALTER TABLE suggestions ADD COLUMN consensus TEXT;
        ALTER TABLE suggestions ADD COLUMN agreed_id INTEGER;
        CREATE INDEX suggestions_agreed ON suggestions(agreed_id) WHERE agreed_id IS NOT NULL;
        """,
    ),
    (
        8,
        "training: the held train/val split of each image, and the local models trained from it",
        """
        CREATE TABLE train_split (
            image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
            split TEXT NOT NULL CHECK (split IN ('train', 'val')),
            seed INTEGER NOT NULL,
            assigned_at REAL NOT NULL
        );
        CREATE TABLE local_models (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            task TEXT NOT NULL CHECK (task IN ('detect', 'classify')),
            path TEXT NOT NULL,
            class_names TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            created_at REAL NOT NULL
        );
        """,
    ),
    (
        9,
        "team server: tasks pushed to Label Studio, annotations pulled back, who reviewed",
        """
        CREATE TABLE team_tasks (
            server TEXT NOT NULL,
            ls_project INTEGER NOT NULL,
            relpath TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            image_id INTEGER NOT NULL REFERENCES images(id),
            task_id INTEGER NOT NULL,
            pushed_at REAL NOT NULL,
            PRIMARY KEY (server, ls_project, relpath, content_hash)
        );
        CREATE INDEX team_tasks_task ON team_tasks(server, ls_project, task_id);
        CREATE TABLE team_pulls (
            server TEXT NOT NULL,
            ls_project INTEGER NOT NULL,
            ls_annotation INTEGER NOT NULL,
            updated TEXT NOT NULL,
            image_id INTEGER NOT NULL REFERENCES images(id),
            author TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'same', 'conflict')),
            pulled_at REAL NOT NULL,
            PRIMARY KEY (server, ls_project, ls_annotation)
        );
        ALTER TABLE suggestions ADD COLUMN reviewer TEXT;
        ALTER TABLE annotations ADD COLUMN reviewer TEXT;
        """,
    ),
    (
        10,
        "examples in the prompt: reviewed images a person chose to send with each question",
        """
        CREATE TABLE prompt_examples (
            image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
            added_at REAL NOT NULL,
            PRIMARY KEY (label_id, image_id)
        );
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]


def statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements (triggers hold inner ';')."""
    import sqlite3

    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
