"""Marking sentences for translation without Qt.

Core builds sentences for people (errors, status lines, report text) from a template plus values.
`N_(context, template)` returns the template unchanged; it only marks it, so that Qt's `lupdate`
(run with `-tr-function-alias QT_TRANSLATE_NOOP+=N_`, see `gui/i18n.py`) extracts it into the
translation file under `context`. The interface translates the template and fills in the values;
core and the CLI use the English template as it is.

Values are filled with `str.format` names (`{count}`). A sentence that depends on a count is two
marked templates, one for 1 and one for the rest, chosen by the count: English keeps its plural,
and each gets its own translation (Chinese writes both the same way).
"""

from __future__ import annotations

ERRORS = "errors"  # the context of the error family's sentences


def N_(context: str, template: str) -> str:
    """`template`, marked for `lupdate` under `context`."""
    del context
    return template

