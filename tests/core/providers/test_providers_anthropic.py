"""The Anthropic provider against a fake Messages API, driven by the real SDK."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image
from providerkit import assert_box, image_from_anthropic_body, make_image, marker_answer

from fakes.http_fake import Reply
from glancelabel.core.model import Box, Kind
from glancelabel.core.providers import ClassSpec, ProviderError, SuggestRequest, get_provider
from glancelabel.core.providers.prompt import TOOL_NAME, response_schema

CLASSES = (ClassSpec("marker", "a red rectangle"), ClassSpec("sky"))


def provider(fake, **kw):
    return get_provider("anthropic", api_key="sk-ant-test", base_url=fake.base_url, **kw)


def request(path, **kw):
    kw.setdefault("max_retries", 0)
    return SuggestRequest(path, classes=CLASSES, instructions="Label red markers.", **kw)


def marker_responder(fake, convention="pixels"):
    def respond(req):
        data, _ = image_from_anthropic_body(req.json)
        return fake.ok(__import__("fakes").anthropic_tool_message(
            marker_answer(data, convention)))
    return respond


def test_structured_answer_and_what_the_fake_received(fake_anthropic, photo):
    fake_anthropic.responder = marker_responder(fake_anthropic)
    result = provider(fake_anthropic).suggest(request(photo))

    (s,) = result.suggestions
    assert (s.kind, s.raw_label, s.label, s.confidence) == (Kind.BOX, "marker", "marker", 0.9)
    assert_box(s.box, Box(100, 50, 200, 200), 1.5)
    assert result.provider == "anthropic" and result.model == "claude-sonnet-5-5"
    assert result.usage.input_tokens == 1200 and result.usage.output_tokens == 150
    assert result.cost_usd == pytest.approx((1200 * 2 + 150 * 10) / 1e6)
    assert result.rate_limits["anthropic-ratelimit-requests-remaining"] == "49"
    assert len(result.prompt_hash) == 16 and result.refusal is None

    (req,) = fake_anthropic.requests
    assert req.path == "/v1/messages"
    assert req.headers["authorization"] == "Bearer sk-ant-test"
    body = req.json
    assert body["model"] == "claude-sonnet-5-5" and "temperature" not in body
    assert body["tools"][0]["name"] == TOOL_NAME
    assert body["tools"][0]["input_schema"] == response_schema("pixels")
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    data, media_type = image_from_anthropic_body(body)
    assert media_type == "image/jpeg"
    assert Image.open(io.BytesIO(data)).size == (640, 480)
    blocks = body["messages"][0]["content"]
    assert [b["type"] for b in blocks] == ["text", "text", "image"]  # image last
    assert "exactly 640 x 480 pixels" in blocks[1]["text"]
    assert "- marker: a red rectangle" in blocks[0]["text"]
    assert "Label red markers." in blocks[0]["text"]


def test_large_image_is_sent_resized_and_boxes_come_back_in_the_displayed_frame(
        fake_anthropic, tmp_path):
    path = make_image(tmp_path / "big.jpg", (3000, 2000), marker=(600, 400, 1500, 1000))
    fake_anthropic.responder = marker_responder(fake_anthropic)
    result = provider(fake_anthropic).suggest(request(path))
    data, _ = image_from_anthropic_body(fake_anthropic.requests[0].json)
    sent = Image.open(io.BytesIO(data)).size
    assert max(sent) <= 1568 and result.sent_size == sent
    assert result.displayed_size == (3000, 2000)
    tol = 2 * 3000 / sent[0]
    assert_box(result.suggestions[0].box, Box(600, 400, 900, 600), tol)


@pytest.mark.parametrize(("orientation", "expected"), [
    # raw 400x300, marker raw x 40..120, y 30..90
    (6, Box(300 - 90, 40, 60, 80)),   # rotate 90 cw: x' = H - y, y' = x
    (8, Box(30, 400 - 120, 60, 80)),  # rotate 90 ccw: x' = y, y' = W - x
    (3, Box(400 - 120, 300 - 90, 80, 60)),
])
def test_exif_rotated_images_land_in_the_displayed_place(fake_anthropic, tmp_path,
                                                         orientation, expected):
    path = make_image(tmp_path / f"o{orientation}.jpg", (400, 300), orientation=orientation,
                      marker=(40, 30, 120, 90))
    fake_anthropic.responder = marker_responder(fake_anthropic)
    result = provider(fake_anthropic).suggest(request(path))
    assert_box(result.suggestions[0].box, expected, 1.5)


@pytest.mark.parametrize("convention", ["norm1", "norm1000", "yxyx1000"])
def test_box_conventions_end_to_end(fake_anthropic, photo, convention):
    fake_anthropic.responder = marker_responder(fake_anthropic, convention)
    result = provider(fake_anthropic).suggest(request(photo, box_convention=convention))
    assert result.box_convention == convention
    assert_box(result.suggestions[0].box, Box(100, 50, 200, 200), 1.5)
    prompt = fake_anthropic.requests[0].json["messages"][0]["content"][1]["text"]
    assert ("[y_min, x_min" in prompt) == (convention == "yxyx1000")


def test_unknown_label_and_bad_boxes(fake_anthropic, photo):
    fake_anthropic.push_tool({"objects": [
        {"label": "dog", "box": [0, 0, 50, 50], "text": None, "confidence": 0.5,
         "rationale": "A dog."},
        {"label": "marker", "box": [-20, -10, 700, 900], "text": None, "confidence": 1.0,
         "rationale": "Huge."},
        {"label": "marker", "box": [650, 500, 700, 600], "text": None, "confidence": 0.3,
         "rationale": "Off image."},
    ], "tags": [{"label": "Sky", "confidence": 0.7, "rationale": "Blue."}]})
    result = provider(fake_anthropic).suggest(request(photo))
    dog, big, sky = result.suggestions
    assert dog.label is None and dog.raw_label == "dog"
    assert big.box == Box(0, 0, 640, 480)
    assert sky.kind is Kind.TAG and sky.label == "sky"
    assert [d.reason for d in result.dropped] == ["box lies entirely outside the image"]


def test_fenced_json_in_text(fake_anthropic, photo):
    fake_anthropic.push_text('Here you go:\n```json\n{"objects": [{"label": "marker", '
                             '"box": [100, 50, 300, 250]}], "tags": []}\n```')
    result = provider(fake_anthropic).suggest(request(photo))
    assert result.suggestions[0].box == Box(100, 50, 200, 200)
    assert result.suggestions[0].confidence is None


def test_wrong_shape(fake_anthropic, photo):
    fake_anthropic.push_tool({"detected": "a red thing"})
    result = provider(fake_anthropic).suggest(request(photo))
    assert result.suggestions == () and "neither" in result.dropped[0].reason
    assert result.refusal is None


def test_refusal(fake_anthropic, photo):
    fake_anthropic.push(fake_anthropic.ok(__import__("fakes").anthropic_text_message(
        "I can't help with that request.") | {"stop_reason": "refusal"}))
    result = provider(fake_anthropic).suggest(request(photo))
    assert result.suggestions == ()
    assert result.refusal == "I can't help with that request."


def test_refusal_as_plain_text(fake_anthropic, photo):
    fake_anthropic.push_text("I'm not able to label this image.")
    result = provider(fake_anthropic).suggest(request(photo))
    assert result.refusal == "I'm not able to label this image."


def test_rate_limit_429_with_retry_after(fake_anthropic, photo):
    fake_anthropic.rate_limit(1, retry_after=7)
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    err = info.value
    assert (err.retryable, err.retry_after, err.status, err.kind) == (True, 7.0, 429,
                                                                       "rate_limit")
    assert err.rate_limits["retry-after"] == "7"


def test_retry_after_ms_wins(fake_anthropic, photo):
    fake_anthropic.rate_limit(1, retry_after=7, retry_after_ms=1500)
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    assert info.value.retry_after == 1.5


def test_sdk_retries_when_asked(fake_anthropic, photo):
    fake_anthropic.rate_limit(1, retry_after=None, retry_after_ms=10)
    result = provider(fake_anthropic).suggest(request(photo, max_retries=1))
    assert result.suggestions == () and len(fake_anthropic.requests) == 2


@pytest.mark.parametrize(("status", "kind"), [(500, "server"), (529, "overloaded"),
                                              (503, "server")])
def test_server_errors_are_retryable(fake_anthropic, photo, status, kind):
    fake_anthropic.push_error(status, "upstream trouble")
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    assert (info.value.retryable, info.value.status, info.value.kind) == (True, status, kind)


@pytest.mark.parametrize(("status", "kind"), [(400, "bad_request"), (401, "auth"),
                                              (404, "not_found")])
def test_client_errors_are_not_retryable(fake_anthropic, photo, status, kind):
    fake_anthropic.push_error(status, "no good")
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    assert (info.value.retryable, info.value.kind) == (False, kind)
    assert "no good" in info.value.message


def test_timeout(fake_anthropic, photo):
    fake_anthropic.latency = 2.0
    start = time.monotonic()
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo, timeout=0.3))
    assert info.value.kind == "timeout" and info.value.retryable
    assert time.monotonic() - start < 1.8


@pytest.mark.parametrize("content_type", ["application/json", "text/html"])
def test_non_json_200_body(fake_anthropic, photo, content_type):
    fake_anthropic.bad_replies_expected = True  # broken answers are scripted below
    fake_anthropic.push(Reply(body="<html>gateway says hi</html>", content_type=content_type))
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    assert info.value.kind == "bad_response" and not info.value.retryable


def test_json_of_the_wrong_shape_for_a_message(fake_anthropic, photo):
    fake_anthropic.bad_replies_expected = True  # broken answers are scripted below
    fake_anthropic.push(Reply(json={"hello": "world"}))
    with pytest.raises(ProviderError) as info:
        provider(fake_anthropic).suggest(request(photo))
    assert info.value.kind == "bad_response"


def test_missing_key_is_a_clear_error(photo):
    with pytest.raises(ProviderError, match="ANTHROPIC_API_KEY") as info:
        get_provider("anthropic", base_url="http://127.0.0.1:9").suggest(request(photo))
    assert info.value.kind == "auth"


def test_key_from_keyring_and_environment(fake_anthropic, photo, monkeypatch):
    from glancelabel.core.app import secrets

    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-env")
    get_provider("anthropic", base_url=fake_anthropic.base_url).suggest(request(photo))
    secrets.set_key("anthropic", "sk-ring")
    get_provider("anthropic", base_url=fake_anthropic.base_url).suggest(request(photo))
    assert [r.auth_key for r in fake_anthropic.requests] == ["sk-env", "sk-ring"]


def test_preview_is_exactly_what_is_sent(fake_anthropic, photo):
    p = provider(fake_anthropic)
    req = request(photo)
    preview = p.preview(req)
    p.suggest(req)
    body = fake_anthropic.requests[0].json
    data, media_type = image_from_anthropic_body(body)
    assert preview.image_bytes == data and preview.media_type == media_type
    blocks = body["messages"][0]["content"]
    assert preview.user_text == blocks[0]["text"] + "\n\n" + blocks[1]["text"]
    assert preview.system == body["system"][0]["text"]
    assert preview.sent_size == (640, 480) and preview.estimated_image_tokens == 23 * 18


def test_open_vocabulary_without_classes(fake_anthropic, photo):
    fake_anthropic.push_tool({"objects": [{"label": "red square", "box": [100, 50, 300, 250],
                                           "text": None, "confidence": 0.9, "rationale": "x"}],
                              "tags": []})
    result = provider(fake_anthropic).suggest(SuggestRequest(photo, max_retries=0))
    assert result.suggestions[0].label is None
    text = fake_anthropic.requests[0].json["messages"][0]["content"][0]["text"]
    assert "No class list is defined yet" in text


def test_concurrent_requests_share_one_client(fake_anthropic, photo):
    from concurrent.futures import ThreadPoolExecutor

    fake_anthropic.latency = 0.2
    p = provider(fake_anthropic)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: p.suggest(request(photo)), range(4)))
    assert len(results) == 4 and fake_anthropic.max_in_flight == 4
