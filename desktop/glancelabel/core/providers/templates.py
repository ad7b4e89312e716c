"""Project-instruction templates a person can start from, by language: the default English
instructions and a Simplified Chinese one (`resources/prompts/instructions.zh_CN.md`). The
default stays English; a template only fills the Prompt dialog's editor, and what is saved there
is what is sent."""

from __future__ import annotations

from ..app.resources import resource
from .prompt import default_instructions

# language -> (name shown, file in resources/prompts; None: the default instructions)
TEMPLATES: dict[str, tuple[str, str | None]] = {
    "en": ("English", None),
    "zh_CN": ("简体中文", "instructions.zh_CN.md"),
}


def instruction_template(language: str) -> str:
    """The instructions template for `language` (KeyError for one there is none of)."""
    _name, file = TEMPLATES[language]
    if file is None:
        return default_instructions()
    return resource("prompts", file).read_text(encoding="utf-8").strip()
