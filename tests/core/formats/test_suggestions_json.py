import orjson

from glancelabel.core.formats import ExportPlan, export
from glancelabel.core.model import Box, Kind
from glancelabel.core.store.suggestions import NewSuggestion


def test_suggestions_json(sample, tmp_path):
    st = sample.store
    run = st.create_run("local", "rapidocr")
    ids = st.add_suggestions(run, sample.id("rot6.jpg"), [
        NewSuggestion(Kind.BOX, "text", None, Box(1, 2, 30, 10), text="HELLO", confidence=0.93),
        NewSuggestion(Kind.BOX, "cat", sample.label("cat"), Box(3, 3, 5, 5), confidence=0.4),
    ])
    st.accept_suggestions([ids[1]])
    run2 = st.create_run("anthropic", "claude-x")
    st.add_suggestions(run2, sample.id("new.jpg"), [NewSuggestion(Kind.TAG, "Dog", sample.label("dog"))])
    out = tmp_path / "s.json"
    summary = export(st, ExportPlan(format="suggestions-json", out=out), sample.folder)
    doc = orjson.loads(out.read_bytes())
    images = {im["relpath"]: im for im in doc["images"]}
    assert "new.jpg" in images and "excluded.jpg" not in images  # every image, not only done
    rot = images["rot6.jpg"]
    assert (rot["width"], rot["height"]) == (40, 60)
    ocr, cat = rot["suggestions"]
    assert ocr["label"] == "HELLO" and ocr["class"] is None and ocr["box"] == [1, 2, 30, 10]
    assert (ocr["state"], ocr["provider"], ocr["model"]) == ("pending", "local", "rapidocr")
    assert cat["class"] == "cat" and cat["state"] == "accepted" and cat["confidence"] == 0.4
    (tag,) = images["new.jpg"]["suggestions"]
    assert tag["box"] is None and tag["label"] == "Dog" and tag["class"] == "dog"
    assert summary.suggestions == 3
