"""The interface's language: Qt translators for the app and for Qt's own dialogs, and the
helpers that translate GUI text and core's sentences (templates plus values).

GUI text goes through `translate(context, text)` (QCoreApplication.translate with a context per
module or class; `lupdate` reads these calls). A sentence with a count is two calls, one for 1 and
one for the rest, each with `%n` (`translate(ctx, "%n image", "", n)` when n == 1 else
`translate(ctx, "%n images", "", n)`): English keeps its plural and Chinese has one form.

Core marks its templates with `core.i18n.N_(context, template)`; `core_text` translates the
template in that context and fills in the values; `error_text` does so for the error family
(in the context its class names), `problem_text` for an image problem kept as English.
The translation file is `resources/i18n/glancelabel_zh_CN.ts`, compiled to `.qm` (both in the
repository); `python -m glancelabel.gui.i18n` extracts the strings again and compiles.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

from ..core.app.resources import resource
from ..core.errors import user_error
from ..core.folder.problems import ImageProblem, problem_parts
from ..core.i18n import ERRORS, Sentences, Text, template_of

log = logging.getLogger(__name__)

# settings value -> name shown in Settings ("" follows the system)
LANGUAGES: dict[str, str] = {"": "", "en": "English", "zh_CN": "简体中文"}
TRANSLATED = ("zh_CN",)
LUPDATE_ALIASES = "QT_TRANSLATE_NOOP+=N_"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language (QCoreApplication.translate); `%n` becomes `n`."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def core_text(context: str, template: str, **values: Any) -> str:
    """A core sentence: its template translated in `context`, then filled with `values` (values
    that are core `Text`s translated too)."""
    text = translate(context, template)
    if not values:
        return text
    values = {k: shown(v) if isinstance(v, Text | Sentences) else v for k, v in values.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English sentence
        log.warning("translation of %r does not take its values", template)
        return template.format(**values)


def shown(text: Text | Sentences | str) -> str:
    """A sentence core made (`core.i18n.Text`, or `Sentences` one after another) in the
    interface's language; a plain string as it is."""
    if isinstance(text, Sentences):
        out = ""
        for part in (shown(t) for t in text):
            out += part if not out or out[-1] in FULL_WIDTH_STOPS else " " + part
        return out
    if isinstance(text, Text):
        return core_text(text.context, text.template, **text.values)
    return text


FULL_WIDTH_STOPS = "。！？；：）」"  # a sentence after one of these follows without a space


def error_text(exc: BaseException) -> str:
    """The sentence to show for an exception, translated when it is of the error family
    (or a full or read-only disk; a value that is itself such an error is translated too);
    other exceptions give their own text."""
    known = user_error(exc)
    if known is None:
        return str(exc) or type(exc).__name__
    if not known.values:
        return translate(known.context, known.template)
    values = {k: error_text(v) if isinstance(v, BaseException) else v
              for k, v in known.values.items()}
    return core_text(known.context, known.template, **values)


def kept_error_text(sentence: str) -> str:
    """An error sentence kept in English (a failed job's reason in the project), in the
    interface's language: the marked error template that makes it is found again (the one with
    the most fixed words first) and translated, its values too when they are such sentences
    themselves; a sentence no template makes stays as it is."""
    return _kept(sentence, depth=2)


def _kept(sentence: str, depth: int) -> str:
    found = template_of(sentence, _error_templates()) if depth else None
    if found is None:
        return translate(ERRORS, sentence)
    template, values = found
    return core_text(ERRORS, template, **{k: _kept(v, depth - 1) for k, v in values.items()})


@cache
def _error_templates() -> tuple[str, ...]:
    """The sources of the translation file's "errors" context that take values."""
    ts = translations_folder() / f"glancelabel_{TRANSLATED[0]}.ts"
    try:
        root = ElementTree.parse(ts).getroot()
    except (OSError, ElementTree.ParseError):
        log.warning("no error templates: %s cannot be read", ts, exc_info=True)
        return ()
    return tuple(source.text for context in root.iter("context")
                 if context.findtext("name") == ERRORS
                 for source in context.iter("source") if source.text and "{" in source.text)


def problem_text(problem: str) -> str:
    """An image problem the project keeps as its English sentence, in the interface's
    language (its template and values found again by `problem_parts`)."""
    template, values = problem_parts(problem)
    return core_text(ImageProblem.context, template, **values)


def language_for(setting: str, system: QLocale | None = None) -> str:
    """The translation to load for a settings value: "zh_CN" or "" (English). An empty
    setting follows the system's locale (any Chinese locale but Traditional gives zh_CN)."""
    if setting in TRANSLATED:
        return setting
    if setting:
        return ""
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese and locale.script() != QLocale.Script.TraditionalChineseScript:
        return "zh_CN"
    return ""


def translations_folder() -> Path:
    return resource("i18n")


def install(app: QCoreApplication, setting: str, system: QLocale | None = None) -> str:
    """Load the app's and Qt's translators for `setting` into `app` (once; later calls replace
    them). Returns the language loaded ("" for English)."""
    for old in getattr(app, "glancelabel_translators", ()):
        app.removeTranslator(old)
    language = language_for(setting, system)
    loaded: list[QTranslator] = []
    if language:
        QLocale.setDefault(QLocale(language))
        pairs = ((f"glancelabel_{language}", str(translations_folder())),
                 (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
        for name, folder in pairs:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                loaded.append(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)
    else:
        QLocale.setDefault(QLocale("en_US"))
    app.glancelabel_translators = loaded  # type: ignore[attr-defined]  # kept alive with the app
    choose_han_font(app, language, system)
    return language


# the locale the environment names while Qt starts, for a language chosen in Settings
QT_SYSTEM_LOCALES = {"zh_CN": "zh_CN.UTF-8", "en": "en_US.UTF-8"}


@contextmanager
def system_locale_for(setting: str) -> Iterator[None]:
    """Make the QApplication inside this block. On Linux and other Unix systems Qt reads its
    system locale once, from LC_ALL / LC_MESSAGES / LANG, and its file dialog says sizes and
    dates in it ("0 bytes", "AM") whatever `QLocale.setDefault` says; with a language chosen
    in Settings, the environment names that language while Qt reads it, and is restored after
    (programs the app starts get the person's own). Windows and macOS ask the system, not the
    environment: there, and when the language follows the system, nothing changes."""
    wanted = QT_SYSTEM_LOCALES.get(setting)
    if wanted is None or sys.platform in ("win32", "darwin"):
        yield
        return
    before = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = wanted
    try:
        yield
        QLocale.system()  # read now, while the environment names the language
    finally:
        if before is None:
            os.environ.pop("LC_ALL", None)
        else:
            os.environ["LC_ALL"] = before


# fonts with the Simplified Chinese forms of Han characters, in order of preference: without them
# first, fontconfig may draw Chinese with a Japanese CJK font (Noto Sans CJK JP: 直, 角 differ)
SIMPLIFIED_HAN_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                        "Microsoft YaHei", "PingFang SC")


def choose_han_font(app: QCoreApplication, language: str, system: QLocale | None = None) -> None:
    """The application font lists fonts of Simplified Chinese forms right after its own family
    (Latin text keeps that one), in Chinese and in English alike: class names such as 行人 are
    Chinese in either interface. Only in English on a Japanese, Korean or Traditional Chinese
    system is the font left as it was, so Han text keeps that system's own forms."""
    if not isinstance(app, QGuiApplication):
        return
    original = getattr(app, "glancelabel_font", None)
    if original is None:
        original = app.glancelabel_font = QFont(QGuiApplication.font())  # type: ignore[attr-defined]
    font = QFont(original)
    if language == "zh_CN" or not own_han_forms(system or QLocale.system()):
        font.setFamilies([QFontInfo(original).family(), *SIMPLIFIED_HAN_FONTS])
    QGuiApplication.setFont(font)


def with_han_fonts(font: QFont) -> QFont:
    """`font` (a widget's own, e.g. fixed-width) with the fonts `choose_han_font` put after the
    application font's family, so Han text in it draws in the same forms as everywhere else."""
    out = QFont(font)
    out.setFamilies([QFontInfo(font).family(), *QGuiApplication.font().families()[1:]])
    return out


def own_han_forms(locale: QLocale) -> bool:
    """Whether a system in `locale` writes Han characters in forms of its own (Japanese, Korean,
    Traditional Chinese) rather than the Simplified Chinese ones."""
    return (locale.language() in (QLocale.Language.Japanese, QLocale.Language.Korean)
            or locale.script() == QLocale.Script.TraditionalChineseScript)


# -- keeping the translation file up to date ----------------------------------------------------
def _tool(name: str) -> str:
    import PySide6

    return str(Path(PySide6.__file__).parent / name)


def sources() -> list[Path]:
    """The files lupdate reads: the package's Python files (CLI excluded: it stays English)."""
    package = Path(__file__).resolve().parents[1]
    return sorted(p for p in package.rglob("*.py") if "cli" not in p.relative_to(package).parts)


def extract(ts: Path) -> None:
    """Run lupdate over the sources into `ts` (kept translations stay; gone strings are
    marked obsolete and dropped)."""
    listing = ts.with_suffix(".lst")
    listing.write_text("\n".join(str(p) for p in sources()) + "\n", "utf-8")
    try:
        subprocess.run([_tool("lupdate"), f"@{listing}", "-no-obsolete", "-locations", "none",
                        "-tr-function-alias", LUPDATE_ALIASES, "-target-language", language_of(ts),
                        "-ts", str(ts)],
                       check=True, capture_output=True)
    finally:
        listing.unlink(missing_ok=True)


def language_of(ts: Path) -> str:
    """zh_CN for glancelabel_zh_CN.ts."""
    return ts.stem.split("_", 1)[1]


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    folder = Path(__file__).resolve().parents[3] / "resources" / "i18n"
    for language in TRANSLATED:
        ts = folder / f"glancelabel_{language}.ts"
        extract(ts)
        compile_qm(ts, ts.with_suffix(".qm"))
        print(f"{ts.name} and {ts.with_suffix('.qm').name} updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
