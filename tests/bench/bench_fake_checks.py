"""What the fakes' API checks cost (not a test: prints figures). Run:

    uv run python tests/bench/bench_fake_checks.py [--requests 200] [--rounds 5]

The product's own request (a 1568 x 1176 JPEG, the Anthropic Messages body `build()` makes) is
sent with the real SDK to the fake Anthropic server, alternately with its checks on (headers,
request schema, response schema) and off, in the same run; the medians of the per-request
times and their ratio are printed, and the server-side time of the checks alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/ (the fakes)

from fakes.batch_fakes import FastAnthropic  # noqa: E402


def product_params() -> dict:
    from PIL import Image

    from glancelabel.core.providers import ClassSpec, SuggestRequest, get_provider

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "photo.jpg"
        Image.effect_noise((1568, 1176), 60).convert("RGB").save(path, quality=90)
        provider = get_provider("anthropic", api_key="k", base_url="http://127.0.0.1:9")
        return provider.build(SuggestRequest(path, classes=(ClassSpec("car"),))).params


def one_round(fake, client, params: dict, n: int, checks: bool) -> list[float]:
    fake.check_request = type(fake).check_request.__get__(fake) if checks else (
        lambda req: None)
    fake._check_reply = type(fake)._check_reply.__get__(fake) if checks else (
        lambda req, reply, kind: None)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        client.messages.create(**params)
        times.append(time.perf_counter() - t)
    return times


def server_side(params: dict, n: int) -> float:
    """Median seconds of the checks alone (request schema, image, response schema), called
    directly (no HTTP)."""
    import json

    from fakes import anthropic_tool_message
    from fakes.anthropic_fake import image_problems
    from fakes.api_rules import request_problems, response_problems

    body = json.loads(json.dumps(params))
    answer = anthropic_tool_message({"objects": [], "tags": []})
    times = []
    for _ in range(n):
        t = time.perf_counter()
        assert request_problems("anthropic.messages_body", body) == []
        assert image_problems(body) == []
        assert response_problems("anthropic.message", answer) == []
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    import anthropic

    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    params = product_params()
    size = len(str(params))
    on: list[float] = []
    off: list[float] = []
    with FastAnthropic() as fake:
        client = anthropic.Anthropic(api_key="k", base_url=fake.base_url, max_retries=0)
        one_round(fake, client, params, 10, True)  # warm up
        for _ in range(args.rounds):  # alternate, so drift hits both alike
            on += one_round(fake, client, params, args.requests, True)
            off += one_round(fake, client, params, args.requests, False)
        assert not fake.refused and not fake.response_problems
    m_on, m_off = statistics.median(on), statistics.median(off)
    print(f"request body: about {size / 1000:.0f} kB; {len(on)} requests each way")
    print(f"median per request, checks on:  {m_on * 1000:.2f} ms")
    print(f"median per request, checks off: {m_off * 1000:.2f} ms")
    print(f"ratio on / off: {m_on / m_off:.2f}")
    print(f"the checks alone (request schema, image, response schema): "
          f"{server_side(params, args.requests) * 1000:.2f} ms median")


if __name__ == "__main__":
    main()
