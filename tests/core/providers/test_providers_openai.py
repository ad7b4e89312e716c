"""OpenAI (Chat Completions and the Responses API) and OpenAI-compatible providers against a
fake OpenAI server (real SDK)."""

from __future__ import annotations

import io
import json
import time

import pytest
from PIL import Image
from providerkit import assert_box, image_from_openai_body, make_image, marker_answer

from fakes import openai_chat_completion, openai_response
from fakes.batch_fakes import open_project
from fakes.http_fake import Reply
from glancelabel.core.app.settings import ProviderSettings
from glancelabel.core.model import Box, Kind
from glancelabel.core.providers import ClassSpec, ProviderError, SuggestRequest, get_provider
from glancelabel.core.providers.prompt import response_schema
from glancelabel.core.providers.records import CUT_OFF
from glancelabel.core.suggest.ask import suggest_image

CLASSES = (ClassSpec("marker", "a red rectangle"),)


def openai_provider(fake, **kw):
    return get_provider("openai", api_key="sk-oa-test", base_url=fake.base_url, **kw)


def compat_provider(fake, **kw):
    return get_provider("openai-compatible", base_url=fake.base_url, **kw)


def request(path, **kw):
    kw.setdefault("max_retries", 0)
    return SuggestRequest(path, classes=CLASSES, **kw)


def marker_responder(fake, convention="pixels", fenced=False):
    """A perfect model, answering in the shape of the API asked (chat or responses)."""
    def respond(req):
        data, _ = image_from_openai_body(req.json)
        text = json.dumps(marker_answer(data, convention))
        if fenced:
            text = f"Sure, here are the boxes:\n```json\n{text}\n```"
        make = openai_response if req.path == fake.responses_path else openai_chat_completion
        return fake.ok(make(text, model=req.json["model"]))
    return respond


def ask_about_the_marker(fake, photo, path: str, **kw) -> dict:
    """One question about `photo` answered perfectly: checks the result (box, usage, cost,
    rate limits) and the request's path and key; returns the body the fake received."""
    fake.responder = marker_responder(fake)
    kw.setdefault("model", "gpt-4.1")  # a model that takes a temperature
    result = openai_provider(fake, **kw).suggest(request(photo))
    (s,) = result.suggestions
    assert (s.kind, s.label) == (Kind.BOX, "marker")
    assert_box(s.box, Box(100, 50, 200, 200), 1.5)
    assert result.model == "gpt-4.1" and result.provider == "openai"
    assert result.usage.input_tokens == 900 and result.usage.output_tokens == 120
    assert result.cost_usd == pytest.approx((900 * 2 + 120 * 8) / 1e6)
    assert result.rate_limits["x-ratelimit-remaining-tokens"] == "28500"
    (req,) = fake.requests
    assert req.path == path
    assert req.headers["authorization"] == "Bearer sk-oa-test"
    return req.json


def test_structured_answer_and_what_the_fake_received(fake_openai, photo):
    body = ask_about_the_marker(fake_openai, photo, "/v1/chat/completions")
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"] == response_schema("pixels")
    assert body["max_completion_tokens"] == 4096 and body["temperature"] == 0.0
    data, media_type = image_from_openai_body(body)
    assert media_type == "image/jpeg"
    assert Image.open(io.BytesIO(data)).size == (640, 480)
    parts = body["messages"][1]["content"]
    assert [p["type"] for p in parts] == ["text", "text", "image_url"]
    assert parts[2]["image_url"]["detail"] == "high"
    assert "exactly 640 x 480 pixels" in parts[1]["text"]


def test_openai_tile_rule_sizes_the_image(fake_openai, tmp_path):
    path = make_image(tmp_path / "wide.jpg", (4000, 2000), marker=(1000, 500, 2000, 1500))
    fake_openai.responder = marker_responder(fake_openai)
    result = openai_provider(fake_openai).suggest(request(path, model="gpt-4o"))
    data, _ = image_from_openai_body(fake_openai.requests[0].json)
    assert Image.open(io.BytesIO(data)).size == (1536, 768) == result.sent_size
    assert_box(result.suggestions[0].box, Box(1000, 500, 1000, 1000), 2 * 4000 / 1536)


def test_models_without_temperature_get_none(fake_openai, photo):
    openai_provider(fake_openai).suggest(request(photo, model="gpt-5-mini"))
    assert "temperature" not in fake_openai.requests[0].json


@pytest.mark.parametrize("api", ["chat", "responses"])
@pytest.mark.parametrize(("orientation", "expected"), [
    (6, Box(300 - 90, 40, 60, 80)),
    (8, Box(30, 400 - 120, 60, 80)),
])
def test_exif_rotated_images(fake_openai, tmp_path, orientation, expected, api):
    path = make_image(tmp_path / "o.jpg", (400, 300), orientation=orientation,
                      marker=(40, 30, 120, 90))
    fake_openai.responder = marker_responder(fake_openai)
    result = openai_provider(fake_openai, api=api).suggest(request(path))
    assert_box(result.suggestions[0].box, expected, 1.5)
    data, _ = image_from_openai_body(fake_openai.requests[0].json)
    assert Image.open(io.BytesIO(data)).size == (300, 400)  # sent upright
    assert fake_openai.requests[0].path.endswith(
        "/responses" if api == "responses" else "/chat/completions")


def test_refusal_field(fake_openai, photo):
    fake_openai.push(fake_openai.ok(openai_chat_completion(
        None, refusal="I'm sorry, I can't assist with that.")))
    result = openai_provider(fake_openai).suggest(request(photo))
    assert result.suggestions == () and result.refusal.startswith("I'm sorry")


def test_refusal_text(fake_openai, photo):
    fake_openai.push_content("I cannot label this image.")
    result = openai_provider(fake_openai).suggest(request(photo))
    assert result.refusal == "I cannot label this image."


def test_truncated_answer_is_noted(fake_openai, photo):
    fake_openai.push(fake_openai.ok(openai_chat_completion(
        '{"objects": [{"label": "marker", "box": [1, 1, 50, 50]}], "tags": []}',
        finish_reason="length")))
    result = openai_provider(fake_openai).suggest(request(photo))
    assert len(result.suggestions) == 1 and "cut off" in result.dropped[0].reason


def test_429_500_timeout_and_non_json(fake_openai, photo):
    fake_openai.bad_replies_expected = True  # broken answers are scripted below
    p = openai_provider(fake_openai)
    fake_openai.rate_limit(1, retry_after=3)
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert (info.value.retryable, info.value.retry_after, info.value.status) == (True, 3.0, 429)

    fake_openai.push_error(500)
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert info.value.retryable and info.value.kind == "server"

    fake_openai.push(Reply(body="upstream error <html>"))
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert info.value.kind == "bad_response" and not info.value.retryable

    fake_openai.push(Reply(json={"id": "x", "choices": []}))
    with pytest.raises(ProviderError, match="without choices"):
        p.suggest(request(photo))

    fake_openai.latency = 2.0
    start = time.monotonic()
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo, timeout=0.3))
    assert info.value.kind == "timeout" and time.monotonic() - start < 1.8


def test_missing_openai_key(photo):
    with pytest.raises(ProviderError, match="OPENAI_API_KEY"):
        get_provider("openai", base_url="http://127.0.0.1:9/v1").suggest(request(photo))


# -- Responses API ---------------------------------------------------------------------

def test_responses_structured_answer_and_what_the_fake_received(fake_openai, photo):
    body = ask_about_the_marker(fake_openai, photo, "/v1/responses", api="responses")
    assert body["model"] == "gpt-4.1"
    assert body["text"]["format"] == {"type": "json_schema", "name": "image_suggestions",
                                      "strict": True, "schema": response_schema("pixels")}
    assert body["max_output_tokens"] == 4096 and body["temperature"] == 0.0
    assert body["store"] is False
    data, media_type = image_from_openai_body(body)
    assert media_type == "image/jpeg"
    assert Image.open(io.BytesIO(data)).size == (640, 480)
    (message,) = body["input"]
    assert message["role"] == "user"
    parts = message["content"]
    assert [p["type"] for p in parts] == ["input_text", "input_text", "input_image"]
    assert parts[2]["detail"] == "high" and parts[2]["image_url"].startswith("data:image/jpeg;")
    assert "exactly 640 x 480 pixels" in parts[1]["text"]

    # the same prompt text and the same prepared image as Chat Completions
    chat = openai_provider(fake_openai).build(request(photo)).params
    assert body["instructions"] == chat["messages"][0]["content"]
    assert [p["text"] for p in parts[:2]] == [
        p["text"] for p in chat["messages"][1]["content"][:2]]
    assert image_from_openai_body(chat) == (data, media_type)


def test_responses_skip_reasoning_items_and_count_cached_input(fake_openai, photo):
    fake_openai.push_output({"objects": [{"label": "marker", "box": [100, 50, 300, 250]}],
                             "tags": []}, reasoning=True, input_tokens=2000,
                            cached_tokens=1200, output_tokens=300)
    result = openai_provider(fake_openai, api="responses").suggest(request(photo))
    assert len(result.suggestions) == 1 and result.refusal is None
    u = result.usage
    assert (u.input_tokens, u.cache_read_tokens, u.output_tokens) == (800, 1200, 300)


def test_responses_refusal(fake_openai, photo):
    fake_openai.push_output(None, refusal="I'm sorry, I can't assist with that.")
    result = openai_provider(fake_openai, api="responses").suggest(request(photo))
    assert result.suggestions == () and result.refusal.startswith("I'm sorry")
    assert result.usage.output_tokens == 120  # billed all the same


def test_responses_incomplete_answers_are_reported(fake_openai, photo):
    p = openai_provider(fake_openai, api="responses")
    fake_openai.push_output('{"objects": [{"label": "marker", "box": [1, 1, 50, 50]}], '
                            '"tags": []}', status="incomplete",
                            incomplete_reason="max_output_tokens")
    result = p.suggest(request(photo))
    assert len(result.suggestions) == 1 and result.dropped[0].reason == CUT_OFF

    fake_openai.push_output('{"objects": [{"label": "marker", "box": [1, ',
                            status="incomplete", incomplete_reason="max_output_tokens")
    result = p.suggest(request(photo))
    assert result.suggestions == () and result.dropped[0].reason == CUT_OFF

    fake_openai.push_output(None, status="incomplete", incomplete_reason="content_filter")
    result = p.suggest(request(photo))
    assert result.suggestions == () and "content filter" in result.refusal


def test_responses_429_500_failed_timeout_and_non_json(fake_openai, photo):
    fake_openai.bad_replies_expected = True  # broken answers are scripted below
    p = openai_provider(fake_openai, api="responses")
    fake_openai.rate_limit(1, retry_after=3)
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert (info.value.retryable, info.value.retry_after, info.value.status) == (True, 3.0, 429)
    assert info.value.kind == "rate_limit"

    fake_openai.push_error(500)
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert info.value.retryable and info.value.kind == "server" and info.value.status == 500

    fake_openai.push(Reply(body="upstream error <html>"))
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo))
    assert info.value.kind == "bad_response" and not info.value.retryable

    fake_openai.push(Reply(json={"id": "resp_x", "object": "response"}))
    with pytest.raises(ProviderError, match="without output"):
        p.suggest(request(photo))

    failed = openai_response(None, status="failed")
    failed["error"] = {"code": "server_error", "message": "The model crashed."}
    fake_openai.push(fake_openai.ok(failed))
    with pytest.raises(ProviderError, match="The model crashed") as info:
        p.suggest(request(photo))
    assert info.value.retryable

    fake_openai.latency = 2.0
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo, timeout=0.3))
    assert info.value.kind == "timeout" and info.value.retryable
    assert {r.path for r in fake_openai.requests} == {"/v1/responses"}


def test_unknown_openai_api_is_refused():
    with pytest.raises(ProviderError, match="chat, responses"):
        get_provider("openai", api="assistants")


def test_responses_setting_stores_suggestions_after_a_429(fake_openai, tmp_path, monkeypatch):
    """Settings -> provider -> store: boxes in the displayed frame, a 429 waited out."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-oa-test")
    folder = tmp_path / "images"
    folder.mkdir()
    make_image(folder / "a_upright.jpg", (640, 480), marker=(100, 50, 300, 250))
    make_image(folder / "b_rotated.jpg", (400, 300), orientation=6, marker=(40, 30, 120, 90))
    store = open_project(folder, classes=("marker",))
    fake_openai.responder = marker_responder(fake_openai)
    fake_openai.rate_limit(1, retry_after=0.1)
    config = ProviderSettings(provider="openai", base_url=fake_openai.base_url,
                              openai_api="responses", max_retries=2)
    marker_id = store.label_by_name("marker").id
    for relpath, expected in (("a_upright.jpg", Box(100, 50, 200, 200)),
                              ("b_rotated.jpg", Box(300 - 90, 40, 60, 80))):
        image = store.image_by_relpath(relpath)
        out = suggest_image(store, image.id, config)
        assert not out.failed, out.message
        (s,) = store.suggestions(image.id)
        assert s.label_id == marker_id
        assert_box(s.box, expected, 1.5)
    assert [r.status for r in fake_openai.requests] == [429, 200, 200]
    assert {r.path for r in fake_openai.requests} == {"/v1/responses"}
    run = store.run(out.run_id)
    assert run.params["api"] == "responses"
    assert run.cost_usd == pytest.approx(2 * (900 * 2 + 120 * 10) / 1e6)
    store.close()


def test_responses_cut_off_answer_fails_in_one_clear_sentence(fake_openai, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-oa-test")
    make_image(tmp_path / "a.jpg", (64, 48))
    store = open_project(tmp_path, classes=("marker",))
    fake_openai.responder = lambda req: fake_openai.ok(openai_response(
        '{"objects": [{"label": "mar', status="incomplete",
        incomplete_reason="max_output_tokens"))
    config = ProviderSettings(provider="openai", base_url=fake_openai.base_url,
                              openai_api="responses", max_retries=0)
    out = suggest_image(store, store.all_images()[0].id, config)
    assert out.failed and out.error_kind == "bad_response"
    assert "cut off at the output token limit" in out.message
    assert len(fake_openai.requests) == 2  # one repair attempt, as for any invalid answer
    store.close()


# -- OpenAI-compatible -----------------------------------------------------------------

def test_compat_needs_no_key_and_tolerates_fenced_prose(fake_openai, photo):
    fake_openai.responder = marker_responder(fake_openai, fenced=True)
    result = compat_provider(fake_openai, model="llava:13b").suggest(request(photo))
    assert_box(result.suggestions[0].box, Box(100, 50, 200, 200), 1.5)
    assert result.provider == "openai-compatible" and result.cost_usd == 0.0
    body = fake_openai.requests[0].json
    assert body["max_tokens"] == 4096 and "max_completion_tokens" not in body
    assert fake_openai.requests[0].auth_key == "no-key"


def test_compat_key_from_environment(fake_openai, photo, monkeypatch):
    monkeypatch.setenv("GLANCELABEL_OPENAI_COMPAT_API_KEY", "local-secret")
    compat_provider(fake_openai, model="llava").suggest(request(photo))
    assert fake_openai.requests[0].auth_key == "local-secret"


def test_compat_qwen3_uses_norm1000_and_multiples_of_32(fake_openai, tmp_path):
    path = make_image(tmp_path / "q.jpg", (2000, 1000), marker=(500, 250, 1000, 750))
    fake_openai.responder = marker_responder(fake_openai, "norm1000")
    result = compat_provider(fake_openai, model="qwen3-vl:8b").suggest(request(path))
    assert result.box_convention == "norm1000"
    w, h = result.sent_size
    assert w % 32 == 0 and h % 32 == 0 and max(w, h) <= 1280
    assert_box(result.suggestions[0].box, Box(500, 250, 500, 500), 2 * 2000 / w)
    assert "0-1000" in fake_openai.requests[0].json["messages"][1]["content"][1]["text"]


def test_compat_gemini_yxyx(fake_openai, photo):
    fake_openai.responder = marker_responder(fake_openai, "yxyx1000")
    result = compat_provider(fake_openai, model="gemini-2.5-flash").suggest(request(photo))
    assert result.box_convention == "yxyx1000" and result.cost_usd is None
    assert_box(result.suggestions[0].box, Box(100, 50, 200, 200), 1.5)


def test_compat_server_that_rejects_the_schema(fake_openai, photo):
    fake_openai.push_error(400, "response_format json_schema is not supported")
    fake_openai.push_content('{"objects": [{"label": "marker", "box": [100, 50, 300, 250]}]}')
    p = compat_provider(fake_openai, model="llava")
    result = p.suggest(request(photo))
    assert len(result.suggestions) == 1 and "rejected the JSON schema" in result.dropped[0].reason
    first, second = fake_openai.requests
    assert "response_format" in first.json and "response_format" not in second.json
    p.suggest(request(photo))  # remembered: no schema any more
    assert "response_format" not in fake_openai.requests[2].json


def test_compat_server_that_ignores_the_schema_and_misses_fields(fake_openai, photo):
    fake_openai.push_content('[{"name": "marker", "bbox": [100, 50, 300, 250]}, '
                             '{"name": "cat"}]')
    result = compat_provider(fake_openai, model="llava").suggest(request(photo))
    marker, cat_tag = result.suggestions
    assert marker.label == "marker" and marker.confidence is None and marker.rationale == ""
    assert cat_tag.kind is Kind.TAG and cat_tag.label is None


def test_compat_unreachable_server_is_retryable(photo):
    p = get_provider("openai-compatible", base_url="http://127.0.0.1:9/v1", model="llava")
    with pytest.raises(ProviderError) as info:
        p.suggest(request(photo, timeout=2))
    assert info.value.kind == "connection" and info.value.retryable
    # one sentence: the title inside it in lower case, one full stop (the SDK's reason has one)
    assert str(info.value) == "Could not connect to the OpenAI-compatible server: Connection error."
