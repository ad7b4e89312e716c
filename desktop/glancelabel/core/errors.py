"""One error family for the core: every failure the user must hear about is a `GlanceLabelError`.

An error carries its user sentence as a template plus values, so an interface can show it as is
(`str(exc)`, `exc.sentence`) or look the template up in a translation and fill in the same values.
A template without values is taken literally (messages built with f-strings may hold braces).
Templates written as `N_("errors", "...")` (core/i18n.py; the context written out, as lupdate
reads it) are extracted into the translation file; the GUI shows them translated
(`gui.i18n.error_text`), the CLI in English.

The family (each class lives beside the code that raises it and keeps its name):

    GlanceLabelError
    ├── StorageError            the project's disk is full or read-only (`storage_error`)
    ├── ProjectError            project file problems (store); NewerProjectError
    ├── ProjectInUse            another window or command holds the project (store.lock)
    ├── LabelError, AnnotationError              (store; also ValueError)
    ├── ImageProblem, FileMissing                (folder.problems)
    ├── SecretsError                             (app.secrets)
    ├── ProviderError, AnswerTooLarge            (providers)
    ├── InvalidAnswer, BatchApiError             (suggest)
    ├── SpotCheckError                           (spotcheck; also ValueError)
    └── FormatError, Cancelled, PlanError, ClassListError   (formats; PlanError and
                                                            ClassListError also ValueError)
"""

from __future__ import annotations

import errno
import sqlite3
from typing import Any

from .i18n import ERRORS, N_, Marked, Text


class GlanceLabelError(Exception):
    """A failure told to the user as one sentence: `template.format(**values)`. `context` is
    where the template is marked (`N_(context, ...)`) and translated."""

    context = ERRORS

    def __init__(self, template: str = "", /, **values: Any) -> None:
        self.template = template
        self.values = dict(values)
        super().__init__(self.sentence)

    @property
    def sentence(self) -> str:
        if not self.values:
            return self.template
        return self.template.format(**self.values)

    @property
    def text(self) -> Text:
        """The sentence as a core `Text` (to say it elsewhere, e.g. in a list of problems)."""
        template = Marked(self.template)
        template.context = self.context
        return Text(template, {k: v.text if isinstance(v, GlanceLabelError) else v
                               for k, v in self.values.items()})

    @property
    def message(self) -> str:
        """The same sentence (older callers read `.message`)."""
        return self.sentence

    def __str__(self) -> str:
        return self.sentence


class StorageError(GlanceLabelError):
    """The project file (or a file being written) cannot be written: full disk or read-only."""


def user_error(exc: BaseException) -> GlanceLabelError | None:
    """The error to tell the user about: `exc` itself when it is of the family, a
    `StorageError` for a full or read-only disk, else None (a bug: log it, report it)."""
    if isinstance(exc, GlanceLabelError):
        return exc
    return storage_error(exc)


def sentence(exc: BaseException) -> str:
    """The sentence to show for any exception: the family's own sentence, a storage sentence
    for a full or read-only disk, else the exception's text (or its class name)."""
    known = user_error(exc)
    if known is not None:
        return known.sentence
    return str(exc) or type(exc).__name__


def storage_error(exc: BaseException) -> StorageError | None:
    """A `StorageError` for a full disk or a read-only project file (SQLite or plain file
    errors), else None. Transactions roll back on these errors, so what was saved before stays
    whole."""
    if isinstance(exc, StorageError):
        return exc
    text = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        if "full" in text:
            return StorageError(N_("errors", "The disk holding the project file is full: free some "
                                   "space and try again; everything saved before is intact"))
        if "readonly" in text or "read-only" in text:
            return StorageError(N_("errors", "The project file cannot be written (it or its drive "
                                   "is read-only): make it writable, or keep the project "
                                   "elsewhere"))
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return StorageError(N_("errors", "The disk is full ({where}): free some space and try again"),
                                where=exc.filename or "while writing")
        if exc.errno == errno.EROFS:
            return StorageError(N_("errors", "{what} is on a read-only drive: choose a writable place"),
                                what=exc.filename or "The target")
    return None
