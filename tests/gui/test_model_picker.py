"""Settings' model picker, driven as a person does: File → Settings… from the menu bar, the
provider picked from its list, the model list read. Retired models are not offered, one
retiring within 30 days shows its date, the chosen one is warned about, and after a Test
connection that worked the provider's own model list joins the table's. "Today" is fixed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from fakes import FakeOpenAI
from glancelabel.core.app import secrets
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.providers import catalog

RED = "#b03a2e"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(catalog, "current_date", lambda: date(2026, 12, 6))


def shown(box) -> dict[str, str]:
    return {box.itemData(i): box.itemText(i) for i in range(box.count())}


def test_the_picker_offers_current_models_and_dates_the_ones_retiring(driver, folder, qtbot,
                                                                       memory_keyring):
    from menu_driving import choose, pick, when_modal

    driver.open(folder)
    seen: dict = {}

    def use(dialog):
        page = dialog.provider
        pick(qtbot, page.provider_box, "openai")
        box = page.model_box
        qtbot.waitUntil(lambda: box.findData("o3") >= 0, timeout=30_000)  # the SDK's ids
        seen["models"] = shown(box)
        seen["first"] = box.itemData(0)
        seen["placeholder"] = box.lineEdit().placeholderText()
        pick(qtbot, box, "gpt-5")
        seen["chosen"] = (box.currentText(), page.model_id())
        seen["note"] = (page.model_note.text(), page.model_note.styleSheet())
        pick(qtbot, box, "gpt-6.2-sol")
        seen["note after"] = page.model_note.text()
        pick(qtbot, box, "gpt-5")

    state = when_modal(use)
    choose(driver.window, qtbot, "File", "Settings…")
    assert "dialog" in state
    models = seen["models"]
    for gone in ("o4-mini", "gpt-4.1-nano", "o3-mini", "gpt-5.1-mini"):
        assert gone not in models
    assert models["gpt-5"] == "gpt-5 (retires 2026-12-11)"
    assert models["o3"] == "o3 (retires 2026-12-11)"
    assert models["gpt-4.1"] == "gpt-4.1" and models["gpt-6.2-sol"] == "gpt-6.2-sol"
    assert seen["first"] == "gpt-6.2-sol" and seen["placeholder"] == "default: gpt-6.2-sol"
    assert seen["chosen"] == ("gpt-5 (retires 2026-12-11)", "gpt-5")
    note, style = seen["note"]
    assert note == ("gpt-5 retires on 2026-12-11 (in 5 days); after that requests to it fail. "
                    "Choose a current model in Settings.") and RED in style
    assert "retire" not in seen["note after"]
    assert settings_mod.load().provider.model == "gpt-5"  # the id is saved, not the label


def test_after_a_working_test_the_providers_own_list_joins(driver, folder, qtbot,
                                                           memory_keyring):
    from menu_driving import choose, pick, when_modal

    secrets.set_key("openai", "sk-test-000000000000")
    driver.open(folder)
    seen: dict = {}
    with FakeOpenAI() as fake:
        fake.models.append({"id": "gpt-7-preview", "object": "model", "created": 1,
                            "owned_by": "system"})

        def use(dialog):
            page = dialog.provider
            pick(qtbot, page.provider_box, "openai")
            qtbot.waitUntil(lambda: page.model_box.findData("o3") >= 0, timeout=30_000)
            seen["before"] = page.model_box.findData("gpt-7-preview")
            page.base_url.setFocus()
            qtbot.keyClicks(page.base_url, fake.base_url)
            with qtbot.waitSignal(page.tested, timeout=30_000) as blocker:
                qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
            seen["tested"] = blocker.args
            qtbot.waitUntil(lambda: page.model_box.findData("gpt-7-preview") >= 0,
                            timeout=30_000)
            seen["tooltip"] = page.model_box.toolTip()
            seen["after"] = shown(page.model_box)

        state = when_modal(use)
        choose(driver.window, qtbot, "File", "Settings…")
        assert "dialog" in state
        assert [r.path for r in fake.requests if r.method == "GET"] == ["/v1/models"]
    assert seen["before"] == -1 and seen["tested"][0], seen["tested"]
    assert seen["tooltip"] == "Models from OpenAI's own list and the price table."
    assert "o4-mini" not in seen["after"] and seen["after"]["gpt-7-preview"] == "gpt-7-preview"


def test_the_batch_dialog_warns_about_a_model_retiring_soon(driver, folder, qtbot,
                                                            memory_keyring):
    """Review → Batch… with gpt-5 chosen in Settings: the estimate names its retirement date; with
    a model whose price is unknown it says the cost is unknown, never a guessed figure."""
    from menu_driving import choose, when_modal

    def estimate_with(model: str) -> str:
        """The batch dialog's estimate, the folder opened with `model` chosen in Settings."""
        settings = settings_mod.load()
        settings.provider.provider, settings.provider.model = "openai", model
        settings_mod.save(settings)
        driver.open(folder)
        seen: dict = {}

        def use(dialog):
            label = dialog.estimate_label
            qtbot.waitUntil(lambda: "retires" in label.text() or "unknown" in label.text(),
                            timeout=30_000)
            seen["text"] = label.text()

        state = when_modal(use)
        choose(driver.window, qtbot, "Review", "Batch…")
        assert "dialog" in state
        driver.close()  # (closing saves the window's settings)
        return seen["text"]

    assert estimate_with("gpt-5").splitlines()[-1] == (
        "gpt-5 retires on 2026-12-11 (in 5 days); after that requests to it fail. Choose a "
        "current model in Settings.")
    text = estimate_with("gpt-6-luna")
    assert text.splitlines()[-1] == (
        "The cost is unknown: the price table has no published price for gpt-6-luna (add one to "
        "prices.json in the settings folder to see costs).")
    assert "$" not in text


def test_closing_settings_while_the_model_list_loads_neither_waits_nor_breaks(
        driver, folder, qtbot, monkeypatch, memory_keyring):
    """The model list is still being read (an SDK import takes seconds) when Settings closes and
    the dialog is deleted: the deletion does not wait for it, the reading goes on in the
    application's runner, and its late answer is dropped without an error."""
    import threading

    import shiboken6
    from menu_driving import choose, pick, when_modal

    from glancelabel.gui.dialogs import provider_page

    gate = threading.Event()
    real = provider_page._all_models

    def held(provider, *args):
        gate.wait(10)
        return real(provider, *args)

    monkeypatch.setattr(provider_page, "_all_models", held)
    driver.open(folder)
    seen: dict = {}

    def use(dialog):
        pick(qtbot, dialog.provider.provider_box, "openai")
        seen["runner"] = dialog.provider.runner
        assert seen["runner"].busy

    state = when_modal(use)
    choose(driver.window, qtbot, "File", "Settings…")
    dialog = state.pop("dialog")
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    runner = seen["runner"]
    assert shiboken6.isValid(runner) and runner.busy  # deleted, not waited for
    gate.set()
    assert runner.wait(30_000)
    qtbot.wait(50)  # the late answer arrives at the gone page: dropped, no exception
    assert not runner.busy
