"""With the Chinese interface, sentences core makes (templates plus values) read in Chinese with
their numbers where a person meets them: the spot-check's verdict and advice while the sample is
walked with Space, the consensus of two runs built from the Review menu, and the Train dialog's
plan warnings opened with Ctrl+T. Counts of 1 and of more read right in English too."""

from __future__ import annotations

import pytest
from dialogs_by_hand import click_button, to_canvas, when_modal
from PIL import Image
from PySide6.QtCore import Qt
from test_zh_errors import chinese, choose_action  # noqa: F401 - (chinese: a fixture)
from test_zh_visible_text import english

from glancelabel.core.model import Box, Kind
from glancelabel.core.spotcheck.sequential import anytime_more_to_settle
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.core.training.job import TrainRequest, prepare

FAKE_WORKER = "training/fake_worker.py"
pytestmark = pytest.mark.usefixtures("chinese")  # every test with the Chinese interface


def typed(qtbot, box, text: str) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, text)


def forty_with_cats(driver, tmp_path):
    """A folder of 40 images, each with one pending 'cat' suggestion of one run."""
    folder = tmp_path / "forty"
    folder.mkdir()
    for i in range(40):
        Image.new("RGB", (60 + i, 40), (i * 5, 90, 160)).save(folder / f"f{i:02d}.jpg")
    w = driver.open(folder)
    store = w.store
    w.commit(store.add_label("cat"))
    run = store.create_run("fake", "m")
    for image_id in w.image_panel.model.ids():
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "cat", 1,
                                                            Box(5, 5, 20, 20), 0.9)])
    return w


def test_the_spot_check_verdict_reads_in_chinese_with_its_numbers(driver, tmp_path):
    w, qtbot = forty_with_cats(driver, tmp_path), driver.qtbot

    def create(dialog) -> None:  # a quarter of the images, against a target of 50 %
        dialog.by_fraction.setChecked(True)
        typed(qtbot, dialog.fraction, "25")
        typed(qtbot, dialog.target, "50")
        click_button(qtbot, dialog)

    when_modal(qtbot, create)
    choose_action(w, qtbot, "spot_check")
    qtbot.waitUntil(lambda: w.spot_check.active)
    to_canvas(driver)
    panel = w.spot_check.panel
    assert panel.status.summary.sample_size == 10
    assert panel.verdict.text() == "尚无结论"

    driver.key(Qt.Key.Key_Space)  # the first sampled image: its cat accepted, image done
    qtbot.waitUntil(lambda: panel.status.summary.reviewed == 1)
    more = anytime_more_to_settle(1, 1, 0.5)
    assert panel.verdict.text() == "目前尚无定论"
    assert panel.detail.text() == (
        f"还有 9 张图片待审核；一旦任意时刻有效界限越过目标，就会显示通过或不通过"
        f"（再抽约 {more} 张图片很可能就能定论）。")
    assert panel.extend_button.toolTip() == (
        "请先审核样本中剩余的 9 张图片；只有整个样本仍无法定论时才扩大样本。")

    for _ in range(8):
        driver.key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.status.summary.reviewed == 9)
    assert panel.verdict.text() == "通过：AI 足以处理其余图片"
    assert panel.detail.text() == (
        "“接受其余建议”会接受无人审核的图片上的待定建议（一步完成；撤销可全部恢复）。"
        "现在即已成立，还有 1 张样本图片未审核：无论查看多少次，该结论都有效。")
    assert panel.extend_button.toolTip() == "抽检已有最终结论（通过）；扩大样本不会改变它。"
    (cat,) = panel.status.summary.per_class  # the class's own verdict, in the table
    assert panel.table.item(0, 1).text() == {"pass": "通过", "fail": "不通过",
                                             "continue": "目前尚无定论"}[cat.verdict]
    for text in (panel.verdict.text(), panel.detail.text(), panel.extend_button.toolTip()):
        assert not english(text), text
    # the same verdict in English: one image, not "1 images"
    assert panel.status.decision.advice.endswith(
        "It holds now, with 1 sampled image unreviewed: the verdict stays valid however often "
        "you look.")


def test_the_consensus_summary_reads_in_chinese(driver, folder):
    w, qtbot, store = driver.open(folder), driver.qtbot, driver.store
    store.add_labels(["cat", "dog"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    image = driver.image_id("img1.jpg")
    a = store.create_run("anthropic", "claude-test")
    b = store.create_run("openai", "gpt-test")
    store.add_suggestions(a, image, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(10, 10, 100, 100), confidence=0.9),
        NewSuggestion(Kind.BOX, "dog", dog, Box(300, 200, 80, 80), confidence=0.7)])
    store.add_suggestions(b, image, [
        NewSuggestion(Kind.BOX, "cat", cat, Box(15, 10, 100, 100), confidence=0.6)])
    w.labels_panel.reload()
    w.show_image(image)
    driver.wait_image(image)
    seen: dict = {}

    def build(dialog) -> None:
        seen["runs"] = (dialog.run_a.currentData(), dialog.run_b.currentData())
        qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)

    when_modal(qtbot, build)
    choose_action(w, qtbot, "consensus")
    assert seen["runs"] == (a, b)
    run = store.scalar("SELECT max(id) FROM runs")
    said = w.statusBar().currentMessage()
    assert said == (f"运行 {a} 和 {b} 在 1 张图片上对 1 条建议一致；1 条有分歧，将优先审核"
                    f"（共识运行 {run}）。")
    assert not english(said)
    # the agreed suggestion's reason, in the Suggestions panel
    listed = [w.review_panel.list.item(r).text() for r in range(w.review_panel.list.count())]
    assert any("两个模型一致：claude-test 90%，gpt-test 60%。" in text for text in listed), listed


def train_dialog_on_shapes(driver, tmp_path, monkeypatch, images: int, *, gif: bool):
    """A project of reviewed shapes images with the stand-in trainer; the Train dialog opened
    with Ctrl+T. (window, dialog)"""
    from pathlib import Path

    from training.trainkit import shapes_project

    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(Path(__file__).parents[1] / FAKE_WORKER))
    store, _ = shapes_project(tmp_path / "shapes", images, gif=gif)
    store.close()
    w, qtbot = driver.open(tmp_path / "shapes"), driver.qtbot
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None and w.training.dialog.isVisible())
    return w, w.training.dialog


def test_the_train_plan_warnings_read_in_chinese(driver, tmp_path, monkeypatch):
    w, dialog = train_dialog_on_shapes(driver, tmp_path, monkeypatch, 12, gif=True)
    qtbot = driver.qtbot
    qtbot.waitUntil(lambda: dialog.counts.rowCount() > 0 and bool(dialog.warnings.text()),
                    timeout=10_000)
    plan = prepare(w.store, TrainRequest("detect"))
    lines = dialog.warnings.text().splitlines()
    few = {name: c["train"] for name, c in plan.class_counts.items() if 0 < c["train"] < 10}
    assert few and len(plan.selected.convert) == 1
    expected = [f"'{name}' 只有 {n} 个训练样例（少于 10 个）；模型很难学会它。"
                for name, n in few.items()]
    assert [line for line in lines if "训练样例" in line] == expected
    assert "1 张图片将转换为 PNG，因为 Ultralytics 无法直接读取它们。" in lines
    assert len(lines) == len(plan.errors) + len(plan.warnings)
    names = [f"'{name}'" for name in plan.class_counts]
    for line in lines:  # (the class names are the project's own)
        assert not english(_without(line, names)), line
    licence = dialog.findChild(type(dialog.warnings), "trainLicence")
    assert licence.text().startswith("训练会把 Ultralytics（AGPL-3.0）") and not english(licence.text())


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


def test_a_failed_training_and_the_history_read_in_chinese(driver, tmp_path, monkeypatch):
    """The trainer cannot download its weights: the dialog, the status bar and, after the dialog
    is opened again, the list of earlier trainings say so in Chinese (the record keeps the
    sentence's template and values; its English stays for the CLI)."""
    monkeypatch.setenv("FAKE_FAIL", "download")
    w, dialog = train_dialog_on_shapes(driver, tmp_path, monkeypatch, 30, gif=False)
    qtbot = driver.qtbot
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.training and bool(dialog.message.text()), timeout=20_000)
    said = ("无法下载预训练权重 yolo11n.pt（no network）。没有网络时，请用 --weights yolo11n.yaml "
            "从头训练，或给出一个 .pt 文件的路径。")
    assert dialog.message.text() == said
    assert w.statusBar().currentMessage() == said
    qtbot.waitUntil(lambda: said in dialog.history.text(), timeout=10_000)
    (run,) = [r for r in w.store.runs() if r.kind == "train"]
    assert run.params["message"] == (
        "Could not download the pretrained weights yolo11n.pt (no network). With no network, "
        "train from scratch with --weights yolo11n.yaml, or give the path of a .pt file.")


def test_the_cost_of_a_second_model_reads_in_chinese(driver, tmp_path, monkeypatch):
    """Ctrl+B, "Ask a second model" ticked: the estimate gives the second model's lines under a
    Chinese heading and the cost of both in Chinese (both providers are fakes on 127.0.0.1)."""
    from provider_kit import point_settings_at

    from fakes.batch_fakes import FastAnthropic, FastOpenAI, make_images

    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    make_images(tmp_path / "cars", 3)
    seen: dict = {}
    with FastAnthropic() as claude, FastOpenAI() as gpt:
        point_settings_at(claude, concurrency=1)
        w = driver.open(tmp_path / "cars")
        w.commit(w.store.add_label("car"))

        def act(dialog) -> None:
            qtbot = driver.qtbot
            qtbot.mouseClick(dialog.ask_second, Qt.MouseButton.LeftButton,
                             pos=dialog.ask_second.rect().center())
            dialog.second_base_url.setFocus()
            qtbot.keyClicks(dialog.second_base_url, gpt.base_url)
            qtbot.waitUntil(lambda: "两个模型：" in dialog.estimate_label.text(), timeout=20_000)
            seen["estimate"] = dialog.estimate_label.text().splitlines()
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

        when_modal(driver.qtbot, act)
        driver.key(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    lines = seen["estimate"]
    assert "第二个模型，针对相同的图片：" in lines
    second = lines.index("第二个模型，针对相同的图片：")
    assert second > 0 and lines[second + 1].startswith("3 ") and "openai / " in lines[second + 1]
    assert lines[-1].startswith("两个模型：现在运行预计费用 ") and "，通过 Batch API 预计 " in lines[-1]
    assert not english(lines[-1]) and not english(lines[second])


def test_nothing_done_is_said_once_in_chinese(driver, folder):
    """Classes but no done image: one sentence, no line per class ("only 0 training examples")
    and none about val."""
    w, qtbot = driver.open(folder), driver.qtbot
    w.store.add_labels(["cat", "dog"])
    qtbot.keyClick(w.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.training.dialog is not None)
    dialog = w.training.dialog
    qtbot.waitUntil(lambda: "请先审核一些图片" in dialog.warnings.text(), timeout=10_000)
    assert dialog.warnings.text() == "没有带框的已完成图片可供训练；请先审核一些图片。"
    assert not dialog.start_button.isEnabled()
