"""The fake servers refuse what the real APIs refuse, and answer what the APIs document.

One test per rule: the bad request is sent with the real SDK where it lets us (raw httpx where
the SDK will not send it), and the refusal is checked for the API's status and error shape.
The fakes' answers are checked against the response schemas written from the API references
(tests/fakes/schemas), apart from the product's own `response_schema()`.
"""

from __future__ import annotations

import inspect
import json

import httpx
import pytest

from fakes import FakeAnthropic, FakeOpenAI
from fakes.anthropic_fake import anthropic_model
from fakes.api_rules import request_problems, response_problems, strict_schema_problems
from glancelabel.core.providers import ClassSpec, SuggestRequest, get_provider

HI = [{"role": "user", "content": "hi"}]


@pytest.fixture
def fake_anthropic(fake_anthropic):
    fake_anthropic.refusals_expected = True  # these tests send refused requests on purpose
    return fake_anthropic


@pytest.fixture
def fake_openai(fake_openai):
    fake_openai.refusals_expected = True
    return fake_openai


def anthropic_client(fake, **kw):
    import anthropic

    return anthropic.Anthropic(api_key="k", base_url=fake.base_url, max_retries=0, timeout=5,
                               **kw)


def openai_client(fake, **kw):
    import openai

    return openai.OpenAI(api_key=kw.pop("api_key", "k"), base_url=fake.base_url,
                         max_retries=0, timeout=5, **kw)


def refusal(sdk_name: str, call) -> tuple[int, dict]:
    """The status and error object of the refusal `call` gets, its body checked against the
    API's documented error shape."""
    import importlib

    sdk = importlib.import_module(sdk_name)
    with pytest.raises(sdk.APIStatusError) as info:
        call()
    body = info.value.response.json()
    assert response_problems(f"{sdk_name}.error_object", body) == []
    return info.value.status_code, body["error"]


def anthropic_refusal(call) -> tuple[int, dict]:
    return refusal("anthropic", call)


def openai_refusal(call) -> tuple[int, dict]:
    return refusal("openai", call)


# -- Anthropic: headers and authentication ----------------------------------------------------
def test_anthropic_refuses_a_request_without_anthropic_version(fake_anthropic):
    import anthropic

    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=HI,
        extra_headers={"anthropic-version": anthropic.omit}))
    assert (status, err["type"]) == (400, "invalid_request_error")
    assert err["message"] == "anthropic-version: header is required"
    client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=HI)  # with it: ok


def test_anthropic_refuses_a_request_without_a_key(fake_anthropic):
    r = httpx.post(f"{fake_anthropic.base_url}/v1/messages",
                   headers={"anthropic-version": "2023-06-01"},
                   json={"model": "claude-haiku-4-5", "max_tokens": 5, "messages": HI})
    assert r.status_code == 401
    assert r.json()["error"] == {"type": "authentication_error",
                                 "message": "x-api-key header is required"}


def test_anthropic_bearer_counts_only_with_the_version_that_brought_it(fake_anthropic):
    """The 2023-06-01 API takes the key in x-api-key; the 2.x SDK sends it as a Bearer token
    beside anthropic-version 2026-10-21. A Bearer key with the old version is no key."""
    import anthropic

    old = anthropic_client(fake_anthropic, default_headers={"anthropic-version": "2023-06-01"})
    status, err = anthropic_refusal(lambda: old.messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=HI))
    assert (status, err["type"]) == (401, "authentication_error")
    assert anthropic.__version__.startswith("2.")
    anthropic_client(fake_anthropic).messages.create(  # Bearer + 2026-10-21: accepted
        model="claude-haiku-4-5", max_tokens=5, messages=HI)
    r = httpx.post(f"{fake_anthropic.base_url}/v1/messages",  # x-api-key + 2023-06-01: accepted
                   headers={"anthropic-version": "2023-06-01", "x-api-key": "k"},
                   json={"model": "claude-haiku-4-5", "max_tokens": 5, "messages": HI})
    assert r.status_code == 200


def test_anthropic_wrong_key(fake_anthropic):
    fake_anthropic.require_key = "right"
    status, err = anthropic_refusal(lambda: anthropic_client(fake_anthropic).messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=HI))
    assert (status, err) == (401, {"type": "authentication_error",
                                   "message": "invalid x-api-key"})


# -- Anthropic: the Messages body --------------------------------------------------------------
def test_anthropic_refuses_a_body_without_max_tokens(fake_anthropic):
    client = anthropic_client(fake_anthropic)  # create() insists on max_tokens: post it raw
    status, err = anthropic_refusal(lambda: client.post(
        "/v1/messages", body={"model": "claude-haiku-4-5", "messages": HI}, cast_to=object))
    assert (status, err["type"], err["message"]) == (
        400, "invalid_request_error", "max_tokens: Field required")


def test_anthropic_refuses_unknown_top_level_fields(fake_anthropic):
    """anthropic 2.x's Messages API has no temperature: sending one is refused."""
    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=HI, extra_body={"temperature": 0}))
    assert (status, err["message"]) == (400, "temperature: Extra inputs are not permitted")


def test_anthropic_refuses_an_unknown_content_block_type(fake_anthropic):
    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5,
        messages=[{"role": "user", "content": [{"type": "picture", "data": "x"}]}]))
    assert status == 400 and err["message"].startswith("messages.0.content.0.type: Input "
                                                       "should be 'text' or 'image'")


@pytest.mark.parametrize("source, where", [
    ({"type": "path", "path": "/tmp/cat.jpg"}, "source.type"),
    ({"type": "base64", "media_type": "image/bmp", "data": "AAAA"}, "source.media_type"),
    ({"type": "base64", "media_type": "image/png"}, "source.data"),
])
def test_anthropic_refuses_image_sources_outside_the_schema(fake_anthropic, source, where):
    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5,
        messages=[{"role": "user", "content": [{"type": "image", "source": source}]}]))
    assert status == 400 and err["message"].startswith(f"messages.0.content.0.{where}: ")


def b64_image(size=(8, 6), fmt="PNG", **save) -> str:
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buf, fmt, **save)
    return base64.b64encode(buf.getvalue()).decode()


def image_message(data: str, media_type: str = "image/png") -> list[dict]:
    return [{"role": "user", "content": [{"type": "image", "source": {
        "type": "base64", "media_type": media_type, "data": data}}]}]


def test_anthropic_takes_base64_and_url_image_sources(fake_anthropic):
    client = anthropic_client(fake_anthropic)
    for source in ({"type": "base64", "media_type": "image/png", "data": b64_image()},
                   {"type": "url", "url": "https://example.com/cat.jpg"}):
        client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[
            {"role": "user", "content": [{"type": "image", "source": source}]}])
    assert [r.status for r in fake_anthropic.requests] == [200, 200]


@pytest.mark.parametrize("data, media_type, says", [
    ("iVBORw0KGgo=", "image/png", "the data is not a valid base64-encoded image"),
    (b64_image(), "image/jpeg", "but the image appears to be a image/png image"),
    (b64_image((8001, 2)), "image/png", "exceed max allowed size: 8000 pixels"),
])
def test_anthropic_refuses_images_the_vision_docs_rule_out(fake_anthropic, data, media_type,
                                                           says):
    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=image_message(data, media_type)))
    assert status == 400 and err["message"].startswith(
        "messages.0.content.0.image.source.base64") and says in err["message"]


def test_anthropic_refuses_an_image_over_5_mb(fake_anthropic):
    png = b64_image((1500, 1300), "PNG", compress_level=0)  # no compression: over 5 MB
    assert len(png) * 3 // 4 > 5 * 1024 * 1024
    status, err = anthropic_refusal(lambda: anthropic_client(fake_anthropic).messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=image_message(png)))
    assert status == 400 and "image exceeds 5 MB maximum" in err["message"]


def test_anthropic_refuses_a_tool_whose_input_schema_is_not_an_object(fake_anthropic):
    client = anthropic_client(fake_anthropic)
    status, err = anthropic_refusal(lambda: client.messages.create(
        model="claude-haiku-4-5", max_tokens=5, messages=HI,
        tools=[{"name": "report", "input_schema": {"type": "array", "items": {}}}]))
    assert (status, err["message"]) == (
        400, "tools.0.input_schema.type: Input should be 'object', not 'array'")


def test_anthropic_batch_params_are_checked_when_the_batch_runs(fake_anthropic):
    client = anthropic_client(fake_anthropic)
    batch = client.messages.batches.create(requests=[
        {"custom_id": "good", "params": {"model": "claude-haiku-4-5", "max_tokens": 5,
                                         "messages": HI}},
        {"custom_id": "bad", "params": {"model": "claude-haiku-4-5", "messages": HI}},
    ])
    results = {r.custom_id: r.result for r in client.messages.batches.results(batch.id)}
    assert results["good"].type == "succeeded"
    assert results["bad"].type == "errored"
    assert results["bad"].error.error.type == "invalid_request_error"
    assert results["bad"].error.error.message == "max_tokens: Field required"
    assert fake_anthropic.response_problems == []


def test_anthropic_batch_refuses_bad_custom_ids(fake_anthropic):
    client = anthropic_client(fake_anthropic)
    params = {"model": "claude-haiku-4-5", "max_tokens": 5, "messages": HI}
    status, err = anthropic_refusal(lambda: client.messages.batches.create(requests=[
        {"custom_id": "a", "params": params}, {"custom_id": "a", "params": params}]))
    assert (status, err["message"]) == (400, "requests: custom_id 'a' is used more than once")
    status, err = anthropic_refusal(lambda: client.messages.batches.create(requests=[
        {"custom_id": "has space", "params": params}]))
    assert status == 400 and err["message"].startswith("requests.0.custom_id: ")


def test_anthropic_models_list_has_lifecycles_and_pages(fake_anthropic):
    fake_anthropic.models = [
        anthropic_model("claude-new", "Claude New", "2026-11-01T00:00:00Z"),
        anthropic_model("claude-old", "Claude Old", "2025-01-01T00:00:00Z",
                        lifecycle="deprecated", deprecated_at="2026-09-01T00:00:00Z",
                        retires_at="2026-12-01T00:00:00Z"),
        anthropic_model("claude-gone", "Claude Gone", "2024-01-01T00:00:00Z",
                        lifecycle="retired", deprecated_at="2025-09-01T00:00:00Z",
                        retires_at="2026-01-01T00:00:00Z"),
    ]
    client = anthropic_client(fake_anthropic)
    listed = list(client.models.list(limit=1))  # the SDK follows the pages
    assert [(m.id, m.lifecycle) for m in listed] == [("claude-new", "active"),
                                                      ("claude-old", "deprecated")]
    assert listed[1].retires_at.isoformat().startswith("2026-12-01")
    retired = list(client.models.list(lifecycle=["retired"]))
    assert [m.id for m in retired] == ["claude-gone"]
    assert fake_anthropic.response_problems == []


# -- OpenAI: authentication ---------------------------------------------------------------------
@pytest.mark.parametrize("headers", [{}, {"x-api-key": "k"}, {"authorization": "Basic k"}])
def test_openai_refuses_requests_without_bearer_auth(fake_openai, headers):
    r = httpx.post(f"{fake_openai.base_url}/chat/completions", headers=headers,
                   json={"model": "gpt-4.1", "messages": HI})
    assert r.status_code == 401
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error"
    assert err["message"].startswith("You didn't provide an API key.")
    assert response_problems("openai.error_object", r.json()) == []


def test_openai_wrong_key(fake_openai):
    fake_openai.require_key = "right"
    status, err = openai_refusal(lambda: openai_client(fake_openai, api_key="wrong")
                                 .chat.completions.create(model="gpt-4.1", messages=HI))
    assert (status, err["code"]) == (401, "invalid_api_key")


# -- OpenAI: unknown fields ------------------------------------------------------------------
def test_openai_chat_refuses_unknown_fields(fake_openai):
    client = openai_client(fake_openai)
    status, err = openai_refusal(lambda: client.chat.completions.create(
        model="gpt-4.1", messages=HI, extra_body={"max_output_tokens": 10}))
    assert (status, err["message"]) == (
        400, "Unrecognized request argument supplied: max_output_tokens")


def test_openai_responses_refuses_unknown_fields(fake_openai):
    client = openai_client(fake_openai)
    status, err = openai_refusal(lambda: client.responses.create(
        model="gpt-4.1", input="hi", extra_body={"max_completion_tokens": 10}))
    assert (status, err["code"], err["param"]) == (400, "unknown_parameter",
                                                   "max_completion_tokens")


def test_openai_refuses_an_image_part_outside_the_schema(fake_openai):
    client = openai_client(fake_openai)
    status, err = openai_refusal(lambda: client.chat.completions.create(
        model="gpt-4.1", messages=[{"role": "user", "content": [
            {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,AA",
                                                "detail": "ultra"}}]}]))
    assert status == 400 and err["param"] == "messages.0.content.0.image_url.detail"


@pytest.mark.parametrize("api", ["chat", "responses"])
def test_openai_refuses_a_data_url_that_is_not_an_image(fake_openai, api):
    client = openai_client(fake_openai)
    url = "data:image/jpeg;base64,iVBORw0KGgo="  # a PNG signature, not an image
    if api == "chat":
        call = lambda: client.chat.completions.create(model="gpt-4.1", messages=[  # noqa: E731
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}])
    else:
        call = lambda: client.responses.create(model="gpt-4.1", input=[  # noqa: E731
            {"role": "user", "content": [{"type": "input_image", "image_url": url}]}])
    status, err = openai_refusal(call)
    assert (status, err["code"]) == (400, "invalid_image_format")
    good = f"data:image/png;base64,{b64_image()}"
    client.chat.completions.create(model="gpt-4.1", messages=[
        {"role": "user", "content": [{"type": "image_url", "image_url": {"url": good}}]}])


@pytest.mark.parametrize("model, extra, param", [
    ("gpt-5-mini", {"temperature": 0}, "temperature"),
    ("o3", {"max_tokens": 50}, "max_tokens"),
    ("gpt-6.2-sol", {"temperature": 0.2}, "temperature"),
])
def test_openai_reasoning_models_refuse_temperature_and_max_tokens(fake_openai, model, extra,
                                                                    param):
    client = openai_client(fake_openai)
    status, err = openai_refusal(lambda: client.chat.completions.create(
        model=model, messages=HI, **extra))
    assert (status, err["param"]) == (400, param)
    assert err["code"] in ("unsupported_value", "unsupported_parameter")
    client.chat.completions.create(model="gpt-4.1", messages=HI, **extra)  # a GPT-4.1: fine
    client.chat.completions.create(model="gpt-6.2-sol", messages=HI, temperature=0.2,
                                   reasoning_effort="none")


# -- OpenAI: strict mode ------------------------------------------------------------------------
OBJECT_OK = {"type": "object", "properties": {"name": {"type": "string"}},
             "required": ["name"], "additionalProperties": False}
STRICT_BREAKS = [
    ({"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
     "'additionalProperties' is required to be supplied and to be false"),
    ({**OBJECT_OK, "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}},
     "Missing 'age'"),
    ({**OBJECT_OK, "properties": {"name": {"type": "string", "minLength": 2}}},
     "'minLength' is not permitted"),
    ({**OBJECT_OK, "properties": {"name": {"type": "object", "properties": {
        "first": {"type": "string"}}, "required": ["first"]}}},
     "In context=('properties', 'name'), 'additionalProperties'"),
    ({"anyOf": [OBJECT_OK]}, "schema must be a JSON Schema of 'type: \"object\"'"),
]


@pytest.mark.parametrize("schema, says", STRICT_BREAKS)
def test_openai_chat_refuses_strict_schemas_that_break_strict_mode(fake_openai, schema, says):
    client = openai_client(fake_openai)
    fmt = {"type": "json_schema", "json_schema": {"name": "answer", "strict": True,
                                                  "schema": schema}}
    status, err = openai_refusal(lambda: client.chat.completions.create(
        model="gpt-4.1", messages=HI, response_format=fmt))
    assert (status, err["code"], err["param"]) == (400, "invalid_json_schema",
                                                   "response_format")
    assert err["message"].startswith("Invalid schema for response_format 'answer': ")
    assert says in err["message"]
    fmt["json_schema"]["strict"] = False  # not strict: the API takes it as a hint
    client.chat.completions.create(model="gpt-4.1", messages=HI, response_format=fmt)


@pytest.mark.parametrize("schema, says", STRICT_BREAKS[:3])
def test_openai_responses_refuses_strict_schemas_that_break_strict_mode(fake_openai, schema,
                                                                        says):
    client = openai_client(fake_openai)
    status, err = openai_refusal(lambda: client.responses.create(
        model="gpt-4.1", input="hi", text={"format": {
            "type": "json_schema", "name": "answer", "strict": True, "schema": schema}}))
    assert (status, err["param"]) == (400, "text.format.schema") and says in err["message"]


# -- OpenAI: Batch API ----------------------------------------------------------------------------
def _batch(client, lines, endpoint="/v1/chat/completions"):
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    f = client.files.create(file=("in.jsonl", data), purpose="batch")
    return client.batches.create(input_file_id=f.id, endpoint=endpoint,
                                 completion_window="24h")


def _line(custom_id, body, url="/v1/chat/completions"):
    return {"custom_id": custom_id, "method": "POST", "url": url, "body": body}


@pytest.mark.parametrize("bad, code", [
    (_line("2", {"model": "gpt-4.1", "messages": HI}, url="/v1/responses"),
     "mismatched_endpoint"),
    (_line("2", {"model": "gpt-4.1", "messages": HI, "max_output_tokens": 5}),
     "invalid_request"),
    (_line("1", {"model": "gpt-4.1", "messages": HI}), "duplicate_custom_id"),
    (_line("2", {"model": "gpt-4.1-mini", "messages": HI}), "mismatched_model"),
    ({"custom_id": "2", "url": "/v1/chat/completions", "body": {}}, "invalid_request"),
])
def test_openai_batch_with_an_invalid_line_fails(fake_openai, bad, code):
    client = openai_client(fake_openai)
    batch = _batch(client, [_line("1", {"model": "gpt-4.1", "messages": HI}), bad])
    assert batch.status == "failed" and batch.output_file_id is None
    (error,) = batch.errors.data
    assert (error.code, error.line) == (code, 2) and error.message
    assert fake_openai.response_problems == []


def test_openai_batch_with_valid_lines_completes(fake_openai):
    client = openai_client(fake_openai)
    batch = _batch(client, [_line(str(i), {"model": "gpt-4.1", "messages": HI})
                            for i in range(3)])
    assert client.batches.retrieve(batch.id).status == "completed"
    lines = client.files.content(batch.output_file_id).text.splitlines()
    assert all(response_problems("openai.batch_output_line", json.loads(x)) == []
               for x in lines) and len(lines) == 3
    assert fake_openai.response_problems == []


def test_openai_models_list(fake_openai):
    ids = [m.id for m in openai_client(fake_openai).models.list()]
    assert ids == [m["id"] for m in fake_openai.models] and "gpt-6.2-sol" in ids
    assert openai_client(fake_openai).models.retrieve("gpt-4.1").owned_by == "system"
    assert fake_openai.response_problems == []


# -- the fakes' answers against the documented response schemas -----------------------------------
def test_anthropic_answers_match_the_documented_schemas(fake_anthropic):
    from fakes import anthropic_text_message

    client = anthropic_client(fake_anthropic)
    fake_anthropic.push_text("hello", stop_reason="max_tokens")
    client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=HI)
    client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=HI)  # tool answer
    fake_anthropic.batch_polls_until_ended = 2
    batch = client.messages.batches.create(requests=[{"custom_id": "a", "params": {
        "model": "claude-haiku-4-5", "max_tokens": 5, "messages": HI}}])
    while client.messages.batches.retrieve(batch.id).processing_status != "ended":
        pass
    list(client.messages.batches.results(batch.id))
    client.messages.batches.cancel(batch.id)
    list(client.models.list())
    assert fake_anthropic.response_problems == []
    assert response_problems("anthropic.message", anthropic_text_message("x")) == []
    assert len(fake_anthropic.requests) >= 8


def test_openai_answers_match_the_documented_schemas(fake_openai):
    from fakes import openai_response

    client = openai_client(fake_openai)
    client.chat.completions.create(model="gpt-4.1", messages=HI)
    fake_openai.push_content(None, refusal="no", finish_reason="stop")
    client.chat.completions.create(model="gpt-4.1", messages=HI)
    client.responses.create(model="gpt-4.1", input="hi")
    for kw in ({"refusal": "no", "reasoning": True},
               {"status": "incomplete", "incomplete_reason": "max_output_tokens"}):
        fake_openai.push(fake_openai.ok(openai_response("{}", **kw)))
        client.responses.create(model="gpt-4.1", input="hi")
    batch = _batch(client, [_line("a", {"model": "gpt-4.1", "messages": HI})])
    client.batches.retrieve(batch.id)
    client.files.retrieve(batch.input_file_id)
    assert fake_openai.response_problems == []


@pytest.mark.parametrize("fake_cls, reply, says", [
    (FakeAnthropic, {"hello": "world"}, "id: Field required"),
    (FakeOpenAI, {"id": "x", "choices": []}, "object: Field required"),
])
def test_an_answer_outside_the_schema_is_listed(fake_cls, reply, says):
    from fakes import Reply

    with fake_cls() as fake:
        fake.push(Reply(json=reply))
        client = (anthropic_client if fake_cls is FakeAnthropic else openai_client)(fake)
        if fake_cls is FakeAnthropic:
            client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=HI)
        else:
            client.chat.completions.create(model="gpt-4.1", messages=HI)
        assert any(says in p for p in fake.response_problems), fake.response_problems


# -- the schemas are the APIs', and the product's requests fit them --------------------------------
@pytest.mark.parametrize("kind, sdk_method", [
    ("anthropic", "anthropic.resources.messages:Messages.create"),
    ("openai_chat", "openai.resources.chat.completions:Completions.create"),
    ("openai_responses", "openai.resources.responses:Responses.create"),
])
def test_request_schemas_name_exactly_the_sdk_parameters(kind, sdk_method):
    """The top-level fields of each request schema are the installed SDK's own parameters,
    so a schema neither invents a field nor misses one."""
    import importlib

    module, _, attr = sdk_method.partition(":")
    cls_name, meth = attr.split(".")
    fn = getattr(getattr(importlib.import_module(module), cls_name), meth)
    params = set(inspect.signature(fn).parameters) - {
        "self", "extra_headers", "extra_query", "extra_body", "timeout"}
    provider, body = {"anthropic": ("anthropic", "messages_body"),
                      "openai_chat": ("openai", "chat_body"),
                      "openai_responses": ("openai", "responses_body")}[kind]
    root = json.loads((__import__("fakes").api_rules._DIR / f"{provider}_request.json")
                      .read_text())
    assert set(root["$defs"][body]["properties"]) == params


@pytest.mark.parametrize("name, kind, api", [
    ("anthropic", "anthropic.messages_body", None),
    ("openai", "openai.chat_body", "chat"),
    ("openai", "openai.responses_body", "responses"),
    ("openai-compatible", "openai.chat_body", None),
])
def test_the_products_requests_fit_the_request_schemas(photo, name, kind, api):
    kw = {"api_key": "k", "base_url": "http://127.0.0.1:9/v1"}
    if api:
        kw["api"] = api
    provider = get_provider(name, **kw)
    params = provider.build(SuggestRequest(photo, classes=(ClassSpec("car"),))).params
    assert request_problems(kind, params) == []
    fmt = (params.get("response_format") or {}).get("json_schema") or \
        (params.get("text") or {}).get("format")
    if fmt is not None:
        assert fmt["strict"] is True and strict_schema_problems(fmt["schema"]) == []
    if name == "anthropic":
        assert request_problems("anthropic.batch_body", {"requests": [
            {"custom_id": "img-1", "params": params}]}) == []


def test_the_tables_temperature_flag_is_what_keeps_the_product_acceptable(fake_openai, photo,
                                                                          tmp_path):
    """The product leaves temperature out for models the price table marks `temperature:
    false`; with the flag wrong, the fake refuses the product's request as OpenAI would."""
    from glancelabel.core.providers import ProviderError

    kw = {"api_key": "k", "base_url": fake_openai.base_url}
    request = SuggestRequest(photo, model="gpt-6.2-sol", temperature=0.0)
    get_provider("openai", **kw).suggest(request)
    assert "temperature" not in fake_openai.requests[-1].json
    wrong = tmp_path / "prices.json"
    wrong.write_text(json.dumps({"models": {"gpt-6.2-sol": {"temperature": True}}}))
    with pytest.raises(ProviderError) as info:
        get_provider("openai", price_path=str(wrong), **kw).suggest(request)
    assert info.value.status == 400 and "'temperature' does not support" in info.value.message
