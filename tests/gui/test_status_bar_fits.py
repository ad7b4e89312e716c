"""What the status bar shows can be read: a passing message never lies over the spot-check's
progress text, in English and in Chinese (where the taller Chinese line made the status bar lay
itself out anew and show the progress text again, over the message). The spot-check is started
through the menu bar, as a person does."""

from __future__ import annotations

import pytest
from dialogs_by_hand import click_button, to_canvas, when_modal
from test_zh_spotcheck import street  # noqa: F401  (the fixture)
from test_zh_visible_text import choose_item

from glancelabel.gui import i18n

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_message_hides_the_spot_check_progress_while_it_shows(driver, street, qtbot, qapp, lang):  # noqa: F811
    i18n.install(qapp, lang)
    try:
        w = driver.open(street)
        when_modal(qtbot, lambda dialog: click_button(qtbot, dialog))
        choose_item(w, qtbot, "spot_check")
        qtbot.waitUntil(lambda: w.spot_check.active)
        to_canvas(driver)
        bar, work = w.statusBar(), w.status_line.work
        qtbot.waitUntil(lambda: bool(work.text()))
        qtbot.wait(50)  # (the status bar's own layout pass came after the message)
        assert bar.currentMessage() == ("Spot-check: 6 sampled images; D/A and Space/X walk only the sample."
                                        if lang == "en" else "抽检：样本共 6 张图片；D/A 与空格/X 只在样本中移动。")
        assert not work.isVisible(), f"{work.text()!r} is drawn under the message"
        qtbot.waitUntil(lambda: not bar.currentMessage(), timeout=8000)  # (the message passes)
        qtbot.waitUntil(work.isVisible)
        assert work.text() == ("Spot-check: 0 of 6 reviewed, no verdict yet" if lang == "en" else
                               "抽检：已审核 0 / 6，尚无结论")
        assert work.sizeHint().width() <= work.width()
    finally:
        i18n.install(qapp, "en")
