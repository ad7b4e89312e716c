"""No "1 images": a sentence whose count is followed by a plural noun ("%n images", "{count}
boxes") comes with a twin for 1 ("%n image", "{count} box": another sentence of the same context
with that count before the singular), so the code can choose by the count (two calls or two
marked templates). Read from the translation file, which
holds every sentence of the GUI and every marked sentence of core.

A few sentences are said only for more than one (the code checks the count first), and a few can
still say "1 …s" (NOT_YET); both are listed exactly, so a new one without its twin fails and a
listed one that gets a twin must come off."""

from __future__ import annotations

import re
from html import unescape

from test_translation_files import MESSAGE, SOURCE, TS

COUNT = re.compile(r"(%n|\{(?:count|n|total|done|remaining|images|boxes|number)\}) ([a-z]+)")
NOT_NOUNS = {"is", "was", "has", "this", "as", "its", "does", "less", "always", "across"}
# (context, sentence): said only when the count is above 1, or a fixed limit
ONLY_MANY = {
    ("asking", "Asking the AI about {n} images…"),  # controllers/asking.py: if n > 1
    ("undo", "take the reviews of {n} images from Label Studio"),  # review/describe.py: many
    ("undo", "take the reviews of {n} images by {who} from Label Studio"),
    ("errors", "A class name can have at most {count} characters."),  # a fixed limit
}
# (context, sentence) that can say "1 …s" today: to be split into 1 / more, then taken off
NOT_YET: set[tuple[str, str]] = set()


def singulars(word: str) -> set[str]:
    out = {word[:-1]}
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    return out


def without_twin() -> set[tuple[str, str]]:
    found = set()
    for context, body in MESSAGE.findall(TS.read_text("utf-8")):
        sources = {unescape(s) for s in SOURCE.findall(body)}
        for source in sources:
            for m in COUNT.finditer(source):
                count, word = m.groups()
                if not word.endswith("s") or word.endswith("ss") or word in NOT_NOUNS:
                    continue
                said_for_one = {f"{count} {one}" for one in singulars(word)}
                if not any(re.search(rf"{re.escape(one)}\b", other) for other in sources - {source}
                           for one in said_for_one):
                    found.add((unescape(context), source))
    return found


def test_every_counted_plural_has_its_sentence_for_one():
    found = without_twin()
    assert found - ONLY_MANY - NOT_YET == set(), "a sentence for 1 is missing (two templates)"
    listed = ONLY_MANY | NOT_YET
    assert listed - found == set(), "has its twin now, or is gone: take it off its list"


def test_the_rule_sees_a_missing_twin(tmp_path, monkeypatch):
    import test_plurals

    ts = tmp_path / "x.ts"
    ts.write_text("<context><name>c</name>"
                  "<message><source>%n boxes</source></message>"
                  "<message><source>Kept {count} images.</source></message>"
                  "<message><source>Kept {count} image.</source></message>"
                  "<message><source>{count} classes left</source></message></context>", "utf-8")
    monkeypatch.setattr(test_plurals, "TS", ts)
    assert without_twin() == {("c", "%n boxes"), ("c", "{count} classes left")}
