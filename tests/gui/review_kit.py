"""Suggestions stored for GUI review tests, as a model run would leave them."""

from __future__ import annotations

from glancelabel.core.model import Kind
from glancelabel.core.store.suggestions import NewSuggestion


def store_suggestions(driver, spec: dict) -> dict[str, list[int]]:
    """spec: relpath -> [(raw label, class id or None, confidence, Box)]; one run of
    anthropic · claude-test; each suggestion's rationale is "looks like a <raw label>". Returns
    the suggestion ids per relpath. The window's lists are reloaded."""
    store, w = driver.store, driver.window
    run = store.create_run("anthropic", "claude-test")
    ids = {}
    for name, items in spec.items():
        ids[name] = store.add_suggestions(
            run, driver.image_id(name),
            [NewSuggestion(Kind.BOX, raw, lab, box, None, conf, f"looks like a {raw}")
             for raw, lab, conf, box in items],
        )
    w.labels_panel.reload()
    w.image_panel.model.reload()
    return ids
