"""The fake servers themselves: what the batch runner's tests rely on."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from fakes import anthropic_tool_message


def anthropic_client(fake, **kw):
    import anthropic

    return anthropic.Anthropic(api_key="k", base_url=fake.base_url, max_retries=0, timeout=5,
                               **kw)


def openai_client(fake):
    import openai

    return openai.OpenAI(api_key="k", base_url=fake.base_url, max_retries=0, timeout=5)


def ask(client):
    return client.messages.create(model="claude-haiku-4-5", max_tokens=10,
                                  messages=[{"role": "user", "content": "hi"}])


def test_latency_and_in_flight_counter(fake_anthropic):
    fake_anthropic.latency = 0.3
    client = anthropic_client(fake_anthropic)
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda _: ask(client), range(3)))
    assert fake_anthropic.max_in_flight == 3 and fake_anthropic.in_flight == 0
    assert all(r.finished - r.started >= 0.29 for r in fake_anthropic.requests)


def test_failure_mix_is_seeded_and_scripts_survive(fake_anthropic):
    import anthropic

    fake_anthropic.failure_mix({500: 0.3, 529: 0.2}, seed=7)
    client = anthropic_client(fake_anthropic)
    outcomes = []
    for _ in range(40):
        try:
            ask(client)
            outcomes.append(200)
        except anthropic.APIStatusError as exc:
            outcomes.append(exc.status_code)
    assert {200, 500, 529} == set(outcomes)
    assert 8 <= outcomes.count(200) <= 32


def test_require_key(fake_anthropic):
    import anthropic

    fake_anthropic.require_key = "right"
    fake_anthropic.refusals_expected = True
    with pytest.raises(anthropic.AuthenticationError):
        ask(anthropic_client(fake_anthropic))


def test_anthropic_batches(fake_anthropic):
    fake_anthropic.batch_polls_until_ended = 2
    fake_anthropic.push(fake_anthropic.ok(anthropic_tool_message({"objects": [], "tags": []})))
    fake_anthropic.push_error(500)
    client = anthropic_client(fake_anthropic)
    params = {"model": "claude-haiku-4-5", "max_tokens": 10,
              "messages": [{"role": "user", "content": "hi"}]}
    batch = client.messages.batches.create(requests=[
        {"custom_id": "a", "params": params}, {"custom_id": "b", "params": params}])
    assert batch.processing_status == "in_progress"
    assert client.messages.batches.retrieve(batch.id).processing_status == "in_progress"
    done = client.messages.batches.retrieve(batch.id)
    assert done.processing_status == "ended" and done.request_counts.errored == 1
    results = {r.custom_id: r.result.type for r in client.messages.batches.results(batch.id)}
    assert results == {"a": "succeeded", "b": "errored"}


def test_openai_files_and_batches(fake_openai):
    client = openai_client(fake_openai)
    line = {"custom_id": "x1", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": "gpt-4.1", "messages": [{"role": "user", "content": "hi"}]}}
    f = client.files.create(file=("in.jsonl", json.dumps(line).encode() + b"\n"),
                            purpose="batch")
    assert fake_openai.files[f.id]["object"]["purpose"] == "batch"
    batch = client.batches.create(input_file_id=f.id, endpoint="/v1/chat/completions",
                                  completion_window="24h")
    batch = client.batches.retrieve(batch.id)
    assert batch.status == "completed" and batch.request_counts.completed == 1
    out = [json.loads(x) for x in client.files.content(batch.output_file_id).text.splitlines()]
    assert out[0]["custom_id"] == "x1" and out[0]["response"]["status_code"] == 200
    assert json.loads(out[0]["response"]["body"]["choices"][0]["message"]["content"]) == {
        "objects": [], "tags": []}


STRICT_OK = {"type": "object", "properties": {"objects": {"type": "array", "items": {
    "type": "string"}}}, "required": ["objects"], "additionalProperties": False}


def test_openai_responses_endpoint(fake_openai):
    from fakes import openai_response

    fake_openai.push(fake_openai.ok(openai_response(
        '{"objects": []}', refusal="not this one", reasoning=True, cached_tokens=100)))
    client = openai_client(fake_openai)
    r = client.responses.create(model="gpt-4.1", input="hi",
                                text={"format": {"type": "json_schema", "name": "x",
                                                 "schema": STRICT_OK, "strict": True}})
    assert r.status == "completed" and r.output_text == '{"objects": []}'
    assert [o.type for o in r.output] == ["reasoning", "message"]
    assert [c.type for c in r.output[1].content] == ["output_text", "refusal"]
    assert (r.usage.input_tokens, r.usage.input_tokens_details.cached_tokens) == (900, 100)
    fake_openai.rate_limit(1, retry_after=2)
    import openai

    with pytest.raises(openai.RateLimitError):
        client.responses.create(model="gpt-4.1", input="hi")
    default = client.responses.create(model="gpt-4.1", input="hi")  # the default answer
    assert default.model == "gpt-4.1" and json.loads(default.output_text) == {
        "objects": [], "tags": []}
    assert [r.path for r in fake_openai.responses_requests()] == ["/v1/responses"] * 3
