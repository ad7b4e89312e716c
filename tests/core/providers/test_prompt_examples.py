"""Examples in the prompt: what the real SDKs send to the fake servers with two examples."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
from PIL import Image
from providerkit import make_image

from glancelabel.core.model import Box
from glancelabel.core.providers import ClassSpec, SuggestRequest, get_provider
from glancelabel.core.providers.examples import EXAMPLE_MAX_SIDE, PromptExample
from glancelabel.core.providers.prompt import prompt_hash

CLASSES = (ClassSpec("car", "a car"), ClassSpec("sign"))


def examples(tmp_path):
    # a 1024 x 768 grey photo whose car is at (200, 100)-(600, 500) displayed
    a = make_image(tmp_path / "ex-a.jpg", (1024, 768), color=(128, 128, 128))
    b = make_image(tmp_path / "ex-b.jpg", (800, 600), color=(128, 128, 128))
    return (PromptExample(a, "hash-a", 1, (1024, 768), boxes=(("car", Box(200, 100, 400, 400)),)),
            PromptExample(b, "hash-b", 1, (800, 600),
                          boxes=(("sign", Box(80, 60, 160, 120)),), tags=("car",)))


def user_blocks(body):
    return body["messages"][0]["content"]


def test_anthropic_sends_examples_drawn_and_listed_before_the_image(fake_anthropic, tmp_path):
    photo = make_image(tmp_path / "photo.jpg", (640, 480))
    exs = examples(tmp_path)
    provider = get_provider("anthropic", api_key="sk-ant-test", base_url=fake_anthropic.base_url)
    provider.suggest(SuggestRequest(photo, classes=CLASSES, examples=exs, max_retries=0))

    blocks = user_blocks(fake_anthropic.requests[0].json)
    kinds = [b["type"] for b in blocks]
    assert kinds == ["text", "image", "text", "image", "text", "text", "image"]
    assert "## Examples" in blocks[0]["text"]
    # breakpoints: after the class list and after the last example (the shared prefix)
    assert [i for i, b in enumerate(blocks) if "cache_control" in b] == [0, 4]
    first = Image.open(io.BytesIO(base64.b64decode(blocks[1]["source"]["data"])))
    assert first.size == (EXAMPLE_MAX_SIDE, 384)
    # the box is drawn on the example in the class colour, at half scale
    arr = np.asarray(first.convert("RGB")).astype(int)
    r, g, b = arr[240:260, 100:102].mean(axis=(0, 1))  # left edge of the car's rectangle
    assert r > g + 80 and r > b + 60
    assert abs(arr[150, 200] - (128, 128, 128)).max() < 20  # inside: untouched
    # and listed as the answer, in pixels of the example as sent
    text = blocks[2]["text"]
    assert text.startswith("### Example 1 of 2\nThe example image above is exactly 512 x 384")
    answer = json.loads(text.splitlines()[-1])
    assert answer == {"objects": [{"label": "car", "box": [100, 50, 300, 250]}], "tags": []}
    answer2 = json.loads(blocks[4]["text"].splitlines()[-1])
    assert answer2["tags"] == [{"label": "car"}]
    assert blocks[5]["text"].startswith("## Image\nThe image below is exactly 640 x 480")
    assert Image.open(io.BytesIO(base64.b64decode(blocks[6]["source"]["data"]))).size == (640, 480)


def test_openai_puts_examples_in_the_stable_prefix(fake_openai, tmp_path):
    photo = make_image(tmp_path / "photo.jpg", (640, 480))
    provider = get_provider("openai", api_key="sk-test", base_url=fake_openai.base_url)
    provider.suggest(SuggestRequest(photo, classes=CLASSES, examples=examples(tmp_path),
                                    box_convention="norm1000", max_retries=0))
    (req,) = [r for r in fake_openai.requests if r.path.endswith("/chat/completions")]
    parts = req.json["messages"][1]["content"]
    assert [p["type"] for p in parts] == ["text", "image_url", "text", "image_url", "text",
                                         "text", "image_url"]
    assert all("cache_control" not in p for p in parts)
    answer = json.loads(parts[2]["text"].splitlines()[-1])
    assert answer["objects"][0]["box"] == [195, 130, 586, 651]  # 0-1000 of the example


def test_examples_change_the_prompt_hash_and_the_preview_shows_them(tmp_path):
    exs = examples(tmp_path)
    plain = prompt_hash(CLASSES, "", "pixels")
    assert plain == prompt_hash(CLASSES, "", "pixels", ())
    assert prompt_hash(CLASSES, "", "pixels", exs) != plain
    moved = (PromptExample(exs[0].image_path, "hash-a", 1, (1024, 768),
                           boxes=(("car", Box(201, 100, 400, 400)),)), exs[1])
    assert prompt_hash(CLASSES, "", "pixels", moved) != prompt_hash(CLASSES, "", "pixels", exs)

    photo = make_image(tmp_path / "photo.jpg", (640, 480))
    provider = get_provider("anthropic", api_key="sk-ant-test", base_url="http://127.0.0.1:9")
    preview = provider.preview(SuggestRequest(photo, classes=CLASSES, examples=exs))
    assert len(preview.examples) == 2 and preview.examples[1].sent_size == (512, 384)
    assert "[example image 1: 512 x 384 pixels, boxes drawn]" in preview.user_text
    assert preview.user_text.index("### Example 2 of 2") < preview.user_text.index("## Image")


def test_openai_requests_share_a_byte_identical_prefix(fake_openai, tmp_path):
    """OpenAI caches the longest prefix two requests share: everything before the per-image
    text is the same bytes from one image to the next."""
    exs = examples(tmp_path)
    provider = get_provider("openai", api_key="sk-test", base_url=fake_openai.base_url)
    for name, size in (("a.jpg", (640, 480)), ("b.jpg", (300, 500))):
        provider.suggest(SuggestRequest(make_image(tmp_path / name, size), classes=CLASSES,
                                        examples=exs, max_retries=0))
    a, b = [r.json for r in fake_openai.requests if r.path.endswith("/chat/completions")]
    assert a["messages"][0] == b["messages"][0]
    assert a["messages"][1]["content"][:-2] == b["messages"][1]["content"][:-2]
    assert a["messages"][1]["content"][-2:] != b["messages"][1]["content"][-2:]
