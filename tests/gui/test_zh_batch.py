"""A batch run in Chinese, by keys and clicks, against the fake provider: Ctrl+B, a spending cap
typed into the dialog, Start; Pause and Resume in the Batch runs panel, the run paused at the cap,
Cancel; Ctrl+B again without a cap, Start, and the run finished; then a Batch API job (submitted
by core) whose status cannot be refreshed nor its results collected while the key is missing, and
both once it is back (with a result the batch did not ask for). Everything the dialog, the panel (its state line, counts, speed, tokens and
cost, the Batch API table and lines), the dock and the status bar show on the way must be Chinese
beyond names.

A second test reads, in English and in Chinese, the lines a walk does not reach: a run that could
not start, every state word, and the speed, time left and token lines for a count of 1 and more.
"""

from __future__ import annotations

import pytest
from control_walk import visible_texts
from dialogs_by_hand import to_canvas, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget
from test_batch_panel import cars, fake  # noqa: F401 - fixtures: 4 images, the fake provider
from test_zh_visible_text import english

from glancelabel.core.suggest.runner import BatchProgress
from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(300)

K = Qt.Key
LEFT = Qt.MouseButton.LeftButton


class Seen:
    """Every text read on the way, with where it was read."""

    def __init__(self, window):
        self.texts: list[tuple[str, str]] = []
        window.statusBar().messageChanged.connect(lambda t: self.texts.append(("status bar", t)))

    def read(self, widget, step: str) -> None:
        self.texts += [(f"{where} ({step})", text) for where, text in visible_texts(widget)]

    def english(self) -> list[str]:
        return sorted({f"{t!r}  ({where})" for where, t in self.texts
                       if str(t).strip() and english(str(t).strip())})


def type_into(qtbot, spin, text: str) -> None:
    """Select a spin box's text with Ctrl+A and type `text` over it."""
    field = spin.lineEdit()
    qtbot.mouseClick(field, LEFT)
    qtbot.keyClick(field, K.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def run_through_the_dialog(driver, seen: Seen, cap: str) -> None:
    """Ctrl+B; in the dialog the cap is typed (0: no cap) and Start clicked."""
    qtbot = driver.qtbot

    def act(dialog) -> None:
        try:
            qtbot.waitUntil(dialog.start_button.isEnabled, timeout=30_000)
            seen.read(dialog, "Batch dialog")
            type_into(qtbot, dialog.cap, cap)
            qtbot.waitUntil(dialog.start_button.isEnabled, timeout=30_000)
            seen.read(dialog, f"Batch dialog, cap {cap}")
            assert dialog.start_button.text() == "开始"
            qtbot.mouseClick(dialog.start_button, LEFT)
        except BaseException:
            dialog.reject()
            raise

    to_canvas(driver)  # back in the window after the panel's buttons
    when_modal(qtbot, act)
    driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)


def cap_for_two_requests(store) -> str:
    """A cap (two decimals) that the third request would pass, from the plan's estimate."""
    from glancelabel.core.app import settings as settings_mod
    from glancelabel.core.suggest.runner import BatchPlan

    est = BatchPlan.from_settings(settings_mod.load().provider).estimate(store)
    per = est.cost_usd / est.to_send
    assert per * 2 < 1_000, "the fake's model has a price"
    return f"{per * 2.5:.2f}"


def test_a_batch_run_in_chinese_shows_no_english(driver, qtbot, qapp, cars, fake,  # noqa: F811
                                                 monkeypatch):
    from glancelabel.core.suggest import batch_api
    from glancelabel.core.suggest.runner import BatchPlan

    fake.latency = 0.15
    i18n.install(qapp, "zh_CN")
    try:
        w = driver.open(cars)
        w.commit(w.store.add_label("car"))
        seen = Seen(w)
        run_through_the_dialog(driver, seen, cap_for_two_requests(w.store))
        dock = w.findChild(QDockWidget, "dock_batch")
        panel = dock.widget()
        qtbot.waitUntil(lambda: panel.last is not None and panel.last.done >= 1, timeout=60_000)
        seen.read(dock, "running")
        assert panel.pause_button.text() == "暂停"
        qtbot.mouseClick(panel.pause_button, LEFT)
        qtbot.waitUntil(lambda: panel.last.state == "paused" and panel.last.in_flight == 0,
                        timeout=30_000)
        seen.read(dock, "paused")
        paused = panel.state_label.text()
        assert panel.pause_button.text() == "继续"
        qtbot.mouseClick(panel.pause_button, LEFT)
        qtbot.waitUntil(lambda: panel.last.state == "capped", timeout=60_000)
        seen.read(dock, "at the cap")
        capped = panel.state_label.text()
        with qtbot.waitSignal(panel.runFinished, timeout=60_000):
            qtbot.mouseClick(panel.cancel_button, LEFT)
        seen.read(dock, "cancelled")
        cancelled = panel.state_label.text()

        run_through_the_dialog(driver, seen, "0")
        qtbot.waitUntil(lambda: panel.summary is not None and not panel.running
                        and panel.summary.state == "finished", timeout=60_000)
        seen.read(dock, "finished")
        finished = panel.state_label.text()
        counts, speed, cost = (panel.counts_label.text(), panel.speed_label.text(),
                               panel.cost_label.text())

        batch_api.submit(w.store, BatchPlan(provider="anthropic", base_url=fake.base_url,
                                            scope="all", force=True))
        panel.load_batch_rows()
        monkeypatch.delenv("ANTHROPIC_API_KEY")
        qtbot.mouseClick(panel.refresh_batches_button, LEFT)
        qtbot.waitUntil(lambda: panel.collect_label.text().startswith("未能刷新"), timeout=30_000)
        seen.read(dock, "refresh without a key")
        refresh_failed = panel.collect_label.text()
        qtbot.mouseClick(panel.collect_button, LEFT)
        qtbot.waitUntil(lambda: panel.collect_label.text().startswith("未能获取"), timeout=30_000)
        seen.read(dock, "collect without a key")
        collect_failed = panel.collect_label.text()
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        qtbot.mouseClick(panel.refresh_batches_button, LEFT)
        qtbot.waitUntil(lambda: panel.batch_table.item(0, 2).text() == "已结束", timeout=30_000)
        seen.read(dock, "Batch API job ended")
        (batch,) = w.store.batches()
        results = fake.batches[batch.remote_id]["results"]
        results.append(dict(results[0], custom_id="job-999999"))  # not a request of it
        qtbot.mouseClick(panel.collect_button, LEFT)
        qtbot.waitUntil(lambda: panel.batch_table.item(0, 2).text() == "已结束（已获取）",
                        timeout=30_000)
        seen.read(dock, "Batch API results collected")
        collected = panel.collect_label.text()
    finally:
        i18n.install(qapp, "en")
    assert seen.english() == [], "English in the batch run:\n" + "\n".join(seen.english())
    assert dock.windowTitle() == "批量运行"
    assert paused == "已暂停：已发出的请求会完成，不再发送新请求。"
    assert capped.startswith("已在花费上限处暂停：已达到 $") and capped.endswith("请提高上限后继续。")
    assert cancelled.startswith("已取消。运行 ")
    assert finished.startswith("已完成。运行 ") and finished.count("已完成") == 1
    assert counts.startswith("4 张已回答，0 张来自缓存，0 张失败，还剩 0 张")
    assert speed.startswith("每分钟 ") and "张图片" in speed
    assert cost.startswith("输入 ") and " 个 token / 输出 " in cost and "，$" in cost
    assert refresh_failed.startswith("未能刷新 Batch API 状态：") and "ANTHROPIC_API_KEY" in refresh_failed
    assert collect_failed.startswith("未能获取结果：")
    assert collected.splitlines()[1] == "拒收了 'job-999999' 的结果：它不是此批次的请求"


def progress(state: str, *, ipm: float = 0.0, eta: float | None = None, limited: int = 0,
             output: int = 0) -> BatchProgress:
    return BatchProgress(1, 4, 1, 0, 0, 3, 0, ipm, eta, 1200, output, 0.0081, state,
                         rate_limited=limited)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_lines_out_of_the_walk(qtbot, qapp, tmp_path, monkeypatch, language):
    """The state words, a run that could not start, the speed with time left and rate limits,
    and the token line, for 1 and for more, in both languages."""
    from glancelabel.core.errors import GlanceLabelError
    from glancelabel.core.i18n import N_
    from glancelabel.core.store import Store
    from glancelabel.core.suggest.runner import BatchPlan
    from glancelabel.gui.dialogs import batch

    def refusing(*args, **kwargs):
        raise GlanceLabelError(N_("errors", "{path} exists and is not a folder; choose another "
                                  "place."), path="/x")

    monkeypatch.setattr(batch, "BatchRunner", refusing)
    i18n.install(qapp, language)
    try:
        with Store(tmp_path / "p.sqlite") as store:
            panel = batch.BatchProgressPanel(store)
            qtbot.addWidget(panel)
            panel.start(BatchPlan(provider="anthropic"))
            qtbot.waitUntil(lambda: not panel.running, timeout=30_000)
            could_not = panel.state_label.text()
            panel.stop(10)
        lines = [could_not, *(batch.progress_line(progress(s))
                              for s in ("running", "paused", "capped", "finished", "cancelled",
                                        "cancelling")),
                 batch.speed_line(progress("running", ipm=1.2, eta=30, limited=1)),
                 batch.speed_line(progress("running", ipm=12, eta=600, limited=3)),
                 batch.speed_line(progress("running", ipm=0.4, eta=9000)),
                 batch.speed_line(progress("finished")),  # over before a speed was measured
                 batch.speed_line(progress("finished", ipm=240, eta=0)),  # nothing left
                 batch.speed_line(progress("running", limited=2)),
                 batch.cost_line(progress("running", output=1)),
                 batch.cost_line(progress("running", output=300)),
                 batch.batch_status("in_progress", False), batch.batch_status("ended", True)]
    finally:
        i18n.install(qapp, "en")
    if language == "en":
        assert lines == [
            "Could not run: /x exists and is not a folder; choose another place.", "Running.",
            "Paused.",
            "Paused at the cap.", "Finished.", "Cancelled.", "Cancelling.",
            "1 image/minute, about 30 s left; 1 rate-limited",
            "12 images/minute, about 10 min left; 3 rate-limited",
            "0.4 images/minute, about 2.5 h left", "", "240 images/minute", "2 rate-limited",
            "1,200 input / 1 output token, $0.0081", "1,200 input / 300 output tokens, $0.0081",
            "in_progress", "ended (collected)"]
        return
    assert [t for t in lines if english(t)] == []
    assert lines == [
        "无法运行：/x 已存在且不是文件夹；请选择其他位置。", "运行中。", "已暂停。", "已在花费上限处暂停。",
        "已完成。", "已取消。", "正在取消。",
        "每分钟 1 张图片，约剩 30 秒；1 次受速率限制", "每分钟 12 张图片，约剩 10 分钟；3 次受速率限制",
        "每分钟 0.4 张图片，约剩 2.5 小时", "", "每分钟 240 张图片", "2 次受速率限制",
        "输入 1,200 个 token / 输出 1 个 token，$0.0081",
        "输入 1,200 个 token / 输出 300 个 token，$0.0081", "处理中", "已结束（已获取）"]
