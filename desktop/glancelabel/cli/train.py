"""`train` and `train-env`: train a small local model from the reviewed labels, in Ultralytics' own
Python environment (made by `train-env create`), and register its ONNX as a local model."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.training.job import TrainResult


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


@command("train")
def _train(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--task", required=True, choices=["detect", "classify"],
                        help="detect: boxes; classify: image tags (one per image)")
    parser.add_argument("--epochs", type=_positive, help="epochs (default 50)")
    parser.add_argument("--imgsz", type=_positive,
                        help="training image size (default: from the images, 64-640)")
    parser.add_argument("--weights", metavar="NAME_OR_PATH", help=(
        "start from these weights (default yolo11n.pt / yolo11n-cls.pt, downloaded on first use); "
        "with no network, yolo11n.yaml / yolo11n-cls.yaml train from scratch"))
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="where runs go (default FOLDER/.glancelabel/training); run-ID inside")
    parser.add_argument("--seed", type=int, default=0, help="seed of the held split (default 0)")
    parser.add_argument("--batch", type=_positive, default=16, help="batch size (default 16)")
    parser.add_argument("--device", default="", help="cpu, 0, … (default: a GPU when visible)")

    def run(args: argparse.Namespace) -> int:
        from ..core.training.job import TrainingError, TrainRequest, run_training

        request = TrainRequest(args.task, epochs=args.epochs, imgsz=args.imgsz,
                               weights=args.weights, out=args.out, seed=args.seed,
                               batch=args.batch, device=args.device)
        show = _JsonLines() if args.json else _Bar()
        cancel = threading.Event()
        box: dict[str, Any] = {}
        with open_project(args) as store:
            finished = threading.Event()

            def work() -> None:
                try:
                    box["result"] = run_training(store, args.folder, request, show, cancel)
                except BaseException as exc:  # noqa: BLE001 - raised again on the main thread
                    box["error"] = exc
                finally:
                    finished.set()

            threading.Thread(target=work, name="train", daemon=True).start()
            # an Event, not Thread.join: a join interrupted by Ctrl+C can return early later
            try:
                while not finished.wait(0.2):
                    pass
            except KeyboardInterrupt:
                say("cancelling the training …")
                cancel.set()
                finished.wait()
            show.close()
        if isinstance(box.get("error"), TrainingError):
            raise CliError(str(box["error"]))
        if "error" in box:
            raise box["error"]
        return _report(box["result"], args.json)

    return run


def _report(result: TrainResult, as_json: bool) -> int:
    if as_json:
        emit_json(result.as_dict())
    if result.converted:
        say(f"Converted to PNG for Ultralytics: {', '.join(result.converted[:10])}"
            + (f" and {len(result.converted) - 10} more." if len(result.converted) > 10 else "."))
    if result.status == "done":
        say(result.message)
        return 0
    say(f"error: {result.message}" if result.status == "failed" else result.message)
    return 1 if result.status == "failed" else 130


class _JsonLines:
    """--json: every event as one JSON line on standard error."""

    def __call__(self, event: dict[str, Any]) -> None:
        if event.get("event") != "finished":
            sys.stderr.write(orjson.dumps(event).decode() + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        pass


class _Bar:
    """A progress bar over the epochs on standard error, with the losses and the val figure."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, event: dict[str, Any]) -> None:
        from tqdm import tqdm

        from ..core.review.queue import plural

        kind = event.get("event")
        if kind == "prepared":
            split = event["split"]
            say(f"Training on {plural(split['train'], 'image')}, {split['val']} held out for val "
                f"(run {event['run_id']}, data in {event['dataset']}).")
        elif kind == "started":
            say(f"{event['task']}: {event['weights']}, {plural(event['epochs'], 'epoch')} at "
                f"{event['imgsz']} px, Ultralytics {event['ultralytics']}, torch {event['torch']}")
            self.bar = tqdm(total=event["epochs"], desc="training", unit=" epoch",
                            file=sys.stderr)
        elif kind == "epoch" and self.bar is not None:
            figures = {**event.get("losses", {}), **event.get("metrics", {})}
            self.bar.set_postfix({k: f"{v:.3f}" for k, v in figures.items()}, refresh=False)
            self.bar.update(event["epoch"] - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@command("train-env")
def _train_env(parser: argparse.ArgumentParser) -> Handler:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="make the training environment (pip: ultralytics, "
                            "onnx, onnxslim; several GB)")
    create.add_argument("--python", help="the Python to make it with (default: this one)")
    create.add_argument("--json", action="store_true", help="print one JSON object at the end")
    status = sub.add_parser("status", help="where it is, what it holds, whether a GPU is visible")
    status.add_argument("--json", action="store_true", help="print one JSON object at the end")

    def run(args: argparse.Namespace) -> int:
        from ..core.training.env import LICENCE_NOTE, TrainEnvError, create_env, env_status

        if args.action == "create":
            say(LICENCE_NOTE)
            try:
                st = create_env(args.python, on_line=lambda line: say(str(line)))
            except TrainEnvError as exc:
                raise CliError(str(exc)) from exc
        else:
            st = env_status()
        if args.json:
            emit_json(st.as_dict())
        if not st.ready:
            raise CliError(st.problem or "The training environment is not ready.")
        gpu = f"GPU: {st.gpu_name or 'yes'}" if st.gpu else "no GPU visible (trains on the CPU)"
        versions = ", ".join(f"{k} {v}" for k, v in st.versions.items() if v)
        say(f"Training environment at {st.path}: Python {st.python}, {versions}; {gpu}.")
        return 0

    return run
