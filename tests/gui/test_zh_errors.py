"""Errors a person meets, in Chinese: with the zh_CN language the window says in Chinese, with the
values (file name, provider, the server's words), that an import file is not COCO, that an image
cannot be shown, and that the AI provider refused the key. Driven by the menu bar, keys and
clicks; the English sentences of the same errors are the CLI's (tests/cli)."""

from __future__ import annotations

import pytest
from dialogs_by_hand import to_canvas
from menu_driving import menu_paths, open_at, when_modal
from provider_kit import point_settings_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_zh_visible_text import english

import imagegen
from fakes.anthropic_fake import FakeAnthropic
from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def chinese(qapp):
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def choose_action(window, qtbot, name: str) -> None:
    """A menu item chosen as a person does (click on the menu bar, arrow keys, Return), found by
    its action's name so that it works in any language."""
    path = next(p for p in menu_paths(window.menuBar()) if p[-1].objectName() == f"action_{name}")
    qtbot.keyClick(open_at(window, qtbot, path), Qt.Key.Key_Return)


def test_an_import_file_that_is_not_coco_is_said_in_chinese(driver, folder, tmp_path, qtbot,
                                                            chinese):
    plain = tmp_path / "plain.json"
    plain.write_text('{"annotations": []}')
    w = driver.open(folder)
    seen: dict = {}

    def import_it(dialog):
        assert dialog.format.currentData() == "coco"
        qtbot.mouseClick(dialog.path, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.path, str(tmp_path / "gone.json"))
        seen["plan"] = dialog.problem.text()
        qtbot.keyClick(dialog.path, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.path, str(plain))
        qtbot.waitUntil(dialog.import_button.isEnabled)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog.error), timeout=20_000)
        seen["shown"] = dialog.problem.text()

    state = when_modal(import_it)
    choose_action(w, qtbot, "import")
    qtbot.waitUntil(lambda: "shown" in seen, timeout=30_000)
    assert "dialog" in state
    assert seen["plan"] == f"{tmp_path / 'gone.json'} 不存在。"
    assert seen["shown"] == "plain.json 不是 COCO 数据集（没有 'images' 列表）。"
    assert w.store.annotations(driver.image_id("img1.jpg")) == []


def test_an_image_that_cannot_be_decoded_is_said_in_chinese(driver, folder, qtbot, chinese):
    imagegen.truncated_jpeg(folder / "cut.jpg")
    w = driver.open(folder)
    cut = driver.image_id("cut.jpg")
    to_canvas(driver)
    for _ in range(len(w.image_panel.model.ids())):
        if w.current_id == cut:
            break
        driver.key(Qt.Key.Key_D)
    driver.wait_image(cut)
    shown = w.canvas.message()
    assert shown == "无法显示 cut.jpg。\nJPEG 文件不完整（被截断）"
    assert not english(shown)


def test_a_provider_refusing_the_key_is_said_in_chinese(driver, folder, qtbot, monkeypatch,
                                                       chinese):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-wrong")
    with FakeAnthropic(require_key="sk-ant-right") as fake:
        point_settings_at(fake)
        w = driver.open(folder)
        img1 = driver.image_id("img1.jpg")
        to_canvas(driver)
        while w.current_id != img1:
            driver.key(Qt.Key.Key_D)
        driver.wait_image(img1)
        seen: dict = {}

        def read(box):
            seen["box"] = box
            seen["text"] = box.text()

        when_modal(read)
        driver.key(Qt.Key.Key_I)
        qtbot.waitUntil(lambda: "text" in seen, timeout=30_000)
    assert isinstance(seen["box"], QMessageBox)
    assert seen["text"] == "Anthropic 拒绝了 API 密钥：invalid x-api-key"
    assert seen["text"] in w.statusBar().currentMessage()
    assert w.store.suggestions(img1) == []


def test_a_failed_image_of_a_batch_run_says_why_in_chinese(qtbot, tmp_path, monkeypatch, chinese):
    """The reason kept with a failed job (English in the project, for the CLI) is listed in
    Chinese under the run, with the provider's words; Retry sends it again."""
    from fakes.batch_fakes import car_answering, make_images, open_project
    from glancelabel.core.suggest.runner import BatchPlan
    from glancelabel.gui.dialogs.batch import BatchProgressPanel

    make_images(tmp_path / "photos", 2)
    store = open_project(tmp_path / "photos", classes=("car",))
    with car_answering(monkeypatch) as fake:
        panel = BatchProgressPanel(store)
        qtbot.addWidget(panel)
        fake.push_error(401, "invalid x-api-key")
        plan = BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=1)
        with qtbot.waitSignal(panel.runFinished, timeout=60_000):
            panel.start(plan)
        assert panel.failures.count() == 1
        relpath, reason = panel.failures.item(0).text().split(": ", 1)
        assert relpath.endswith(".jpg") and reason == "Anthropic 拒绝了 API 密钥：invalid x-api-key"
        (job,) = store.failed_jobs(panel.summary.run_id)
        assert job.error == "Anthropic refused the API key: invalid x-api-key"  # kept in English
        with qtbot.waitSignal(panel.runFinished, timeout=60_000):
            qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
        assert panel.failures.count() == 0
    store.close()


def test_the_batch_state_line_says_the_runners_sentence_in_chinese(chinese):
    from glancelabel.core.i18n import N_, said
    from glancelabel.core.suggest.runner import BatchProgress
    from glancelabel.gui.dialogs.batch import progress_line

    def state(name: str, text) -> BatchProgress:
        return BatchProgress(1, 4, 1, 0, 0, 3, 0, 0.0, None, 0, 0, 0.0, name,
                             message=str(text), text=text)

    assert progress_line(state("paused", said(N_("batch", "Paused.")))) == "已暂停。"
    cancelling = said(N_("batch", "Cancelling: requests in flight finish and are stored."))
    assert progress_line(state("cancelling", cancelling)) == "正在取消：已发出的请求会完成并保存。"
    cap = said(N_("batch", "Spending cap of ${cap} reached: the next request would pass it. "
                  "Raise the cap to go on."), cap="1.50")
    assert progress_line(state("capped", cap)).endswith(
        "已达到 $1.50 的花费上限：下一个请求会超出上限。请提高上限后继续。")
