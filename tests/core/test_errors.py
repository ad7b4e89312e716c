"""One error family: every core exception is a GlanceLabelError carrying its sentence as a
template plus values; a full or read-only disk becomes one such sentence."""

from __future__ import annotations

import errno
import importlib
import inspect
import pkgutil
import sqlite3

import pytest

import glancelabel.core
from glancelabel.core.errors import (
    GlanceLabelError,
    StorageError,
    sentence,
    storage_error,
    user_error,
)


def core_exception_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.walk_packages(glancelabel.core.__path__, "glancelabel.core."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException)
                    and obj.__module__ == info.name and not name.startswith("_")):
                found[f"{info.name}.{name}"] = obj
    return found


def test_every_core_exception_is_of_the_family():
    classes = core_exception_classes()
    names = {k.rsplit(".", 1)[1] for k in classes}
    assert {"ProviderError", "LabelError", "AnnotationError", "SpotCheckError", "ClassListError",
            "BatchApiError", "FormatError", "ProjectError", "InvalidAnswer"} <= names
    outside = sorted(k for k, cls in classes.items() if not issubclass(cls, GlanceLabelError))
    assert outside == []


def test_old_roots_still_catch_them():
    from glancelabel.core.spotcheck.stats import SpotCheckError
    from glancelabel.core.store.labels import LabelError

    with pytest.raises(ValueError):
        raise LabelError("No class is named cat.")
    assert issubclass(SpotCheckError, ValueError)


def test_a_sentence_is_a_template_plus_values():
    exc = GlanceLabelError("{count} images could not be read from {folder}", count=3,
                           folder="photos")
    assert exc.template == "{count} images could not be read from {folder}"
    assert exc.values == {"count": 3, "folder": "photos"}
    assert str(exc) == exc.sentence == exc.message == "3 images could not be read from photos"
    # without values the template is the sentence, braces and all (f-string messages)
    assert str(GlanceLabelError("The answer was {not JSON}.")) == "The answer was {not JSON}."
    from glancelabel.core.providers.records import ProviderError

    err = ProviderError("Anthropic is overloaded; try again later.", retryable=True)
    assert err.sentence == err.message == str(err) and err.retryable


@pytest.mark.parametrize(("exc", "words"), [
    (sqlite3.OperationalError("database or disk is full"), "disk holding the project file is full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (OSError(errno.ENOSPC, "No space left on device", "/out/a.json"), "disk is full (/out/a.json)"),
    (OSError(errno.EROFS, "Read-only file system", "/media/x"), "/media/x is on a read-only drive"),
])
def test_a_full_or_read_only_disk_is_one_sentence(exc, words):
    problem = storage_error(exc)
    assert isinstance(problem, StorageError) and words in problem.sentence
    assert user_error(exc) is problem or user_error(exc).sentence == problem.sentence
    assert sentence(exc) == problem.sentence


def test_other_errors_are_not_dressed_up():
    assert storage_error(sqlite3.OperationalError("no such table: x")) is None
    assert user_error(KeyError("x")) is None
    assert sentence(RuntimeError()) == "RuntimeError"


def test_the_store_reports_sqlites_full_disk_not_a_failed_rollback(tmp_path):
    """SQLite rolls a transaction back by itself on SQLITE_FULL; the store's own ROLLBACK must
    not then replace the real error with "cannot rollback - no transaction is active"."""
    from glancelabel.core.store import Store

    with Store(tmp_path / "p.sqlite") as store:
        conn = store._conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError) as caught:
            store.add_labels([f"class {k:04d} " + "x" * 40 for k in range(1000)])
        assert storage_error(caught.value) is not None, caught.value
        kept = len(store.labels())  # one transaction per class: those before the full page
        assert 0 < kept < 1000
        conn.execute(f"PRAGMA max_page_count = {pages + 1000}")
        store.add_labels(["cat"])  # the store goes on once there is space again
        assert len(store.labels()) == kept + 1
