"""Core's errors and image problems shown in Chinese: an error's template is translated in its
class's context and filled with its values, an error inside another error's values is translated
too, and an image problem the project keeps as its English sentence is found again and
translated. English stays as the CLI prints it."""

from __future__ import annotations

import pytest
from test_translation_files import chinese  # noqa: F401 - a fixture: the zh_CN translation

from glancelabel.core.folder.problems import damaged, too_large, truncated
from glancelabel.core.formats.summary import FormatError
from glancelabel.core.i18n import N_
from glancelabel.core.providers._remote import AnswerTooLarge
from glancelabel.core.providers.records import ProviderError
from glancelabel.gui import i18n


@pytest.mark.usefixtures("chinese")
def test_an_error_and_the_error_inside_it_are_translated():
    inner = AnswerTooLarge(N_("errors", "the answer is larger than {limit:,} bytes"),
                           limit=8_000_000)
    outer = ProviderError(N_("errors", "{provider} sent {what}; it was not read further."),
                          kind="bad_response", provider="OpenAI", what=inner)
    assert str(outer) == "OpenAI sent the answer is larger than 8,000,000 bytes; it was not read further."
    assert i18n.error_text(outer) == "OpenAI 发来的回答超过 8,000,000 字节；未继续读取。"
    assert outer.kind == "bad_response"


@pytest.mark.usefixtures("chinese")
def test_an_image_problem_is_translated_in_its_own_context():
    assert i18n.error_text(truncated("MPO")) == "JPEG 文件不完整（被截断）"
    problem = too_large(30000, 20000)
    assert problem is not None
    assert i18n.error_text(problem) == "图片过大：30000x20000 像素，超过 178 百万像素的安全上限"


@pytest.mark.usefixtures("chinese")
def test_a_kept_problem_sentence_is_translated_with_its_values():
    kept = str(damaged("PNG", ValueError("broken data stream")))
    assert kept == "damaged PNG: broken data stream"
    assert i18n.problem_text(kept) == "PNG 已损坏：broken data stream"
    assert i18n.problem_text("not an image") == "不是图片"
    assert i18n.problem_text("something no template makes") == "something no template makes"


def test_in_english_the_sentences_are_the_clis(qapp):
    assert i18n.install(qapp, "en") == ""
    error = FormatError(N_("errors", "{name} is not a COCO dataset (no 'images' list)."),
                        name="a.json")
    assert i18n.error_text(error) == str(error) == "a.json is not a COCO dataset (no 'images' list)."
    assert i18n.problem_text("truncated JPEG") == "truncated JPEG"


@pytest.mark.usefixtures("chinese")
def test_a_kept_failure_reason_is_translated_with_its_values():
    """A failed job keeps its reason in English (the CLI reads it); the window finds its
    template again, the reason inside it too."""
    assert i18n.kept_error_text("Anthropic refused the API key: invalid x-api-key") == (
        "Anthropic 拒绝了 API 密钥：invalid x-api-key")
    assert i18n.kept_error_text(
        "img1.jpg: The answer was cut off at the output token limit before it held a complete "
        "suggestion.") == "img1.jpg：回答在达到输出 token 上限时被截断，没有包含一条完整的建议。"
    assert i18n.kept_error_text("That image is no longer in the project.") == "该图片已不在项目中。"
    assert i18n.kept_error_text("a reason no template makes") == "a reason no template makes"


@pytest.mark.usefixtures("chinese")
def test_an_image_the_provider_cannot_open_says_the_folder_readers_problem(tmp_path):
    from glancelabel.core.providers.prepare import load_oriented

    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"this is not a jpeg")
    with pytest.raises(ProviderError) as caught:
        load_oriented(broken, max_side=100)
    assert str(caught.value) == "The image broken.jpg could not be read: not an image"
    assert i18n.error_text(caught.value) == "无法读取图片 broken.jpg：不是图片"
