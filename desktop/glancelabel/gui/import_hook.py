"""PySide6's import hook without its file reads.

Importing PySide6 replaces Python's `__import__`. After every later import the hook asks whether
the new module "uses PySide" (to know which modules its optional `__feature__` switches apply
to), and answers by reading the module's whole source file and searching it for "PySide6"
(`inspect.getsource`: open, detect the encoding, decode, split into lines). The app imports
most of its modules after PySide6, and the provider SDKs and keyring load later still, on first
use, from a worker thread: some 200 modules whose sources are read with the GIL held in long
stretches. Measured here: `import anthropic, openai` 1,419 ms after PySide6 against 1,151 ms
without it, and a first batch run's longest GUI stall was while a request thread read sources.

`lighten()` gives the hook an answer read from the module's names instead: it uses PySide if one
of its globals is a PySide6 (or shiboken6) module, class or function, which is what an import
from PySide6 leaves there. The app selects no `__feature__`, so the answer changes nothing it
does; it stays right for a module that would.
"""

from __future__ import annotations

import sys
from types import BuiltinFunctionType, FunctionType, ModuleType

_PREFIXES = ("PySide6", "shiboken6")
_NAMED = (type, FunctionType, BuiltinFunctionType)


def uses_pyside(module: object) -> bool:
    """Whether a module holds a name imported from PySide6: a module, or a class or function
    whose `__module__` is one of PySide6's."""
    try:
        values = list(vars(module).values())
    except Exception:  # noqa: BLE001 - no __dict__ (TypeError), or one changing meanwhile
        return False
    for value in values:
        # only modules, classes and functions: an instance's attribute lookup could run code
        # (a lazy proxy, a module __getattr__) inside the import hook
        owner: object
        if isinstance(value, ModuleType):
            owner = value.__name__
        elif isinstance(value, _NAMED):
            owner = getattr(value, "__module__", None)
        else:
            continue
        if isinstance(owner, str) and owner.startswith(_PREFIXES):
            return True
    return False


def lighten() -> bool:
    """Make PySide6's after-import hook answer from the module's names (`uses_pyside`), not its
    source file. False (and nothing changed) where this PySide6 has no such hook."""
    feature = sys.modules.get("__feature__")
    hook = getattr(feature, "feature_imported", None)
    names = getattr(hook, "__globals__", None)
    if not isinstance(names, dict) or "_mod_uses_pyside" not in names:
        return False
    names["_mod_uses_pyside"] = uses_pyside
    return True
