"""Object detectors and image classifiers exported to ONNX in the Ultralytics YOLO layouts,
run on the CPU.

Detector output [1, 4 + nc, N]: per candidate cx, cy, w, h (input pixels) then nc class scores.
Images are letterboxed (aspect kept, padded with 114 grey, centred) as Ultralytics does,
and boxes are mapped back and filtered with per-class non-maximum suppression.
Classifier output [1, nc]: one probability per class (yolo11n-cls). Images are resized so the
short side fits the input, centre-cropped to it, and scaled to 0-1 (no mean/std).
Class names come from the model's metadata `names` (Ultralytics writes a dict string like
"{0: 'person', 1: 'car'}") or a names file (.txt one per line, .json, .yaml with `names`).
`open_model` reads the model's task (metadata `task`, else the output's rank) and returns the
matching engine.
"""

from __future__ import annotations

import ast
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import N_
from .records import ProviderError

PAD_VALUE = 114


@dataclass(frozen=True, slots=True)
class Letterbox:
    """How an image of `size` was placed in the model input of `input_size`."""

    size: tuple[int, int]  # source image (w, h)
    input_size: tuple[int, int]  # model input (w, h)
    scaled: tuple[int, int]  # resized image (w, h) before padding
    left: int
    top: int

    @classmethod
    def fit(cls, size: tuple[int, int], input_size: tuple[int, int]) -> Letterbox:
        w, h = size
        iw, ih = input_size
        r = min(iw / w, ih / h)
        sw, sh = max(1, round(w * r)), max(1, round(h * r))
        dw, dh = (iw - sw) / 2, (ih - sh) / 2
        return cls(size, input_size, (sw, sh), round(dw - 0.1), round(dh - 0.1))

    def to_source(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Model-input coordinates -> source-image coordinates (works on numpy arrays)."""
        sx = self.scaled[0] / self.size[0]
        sy = self.scaled[1] / self.size[1]
        return (x - self.left) / sx, (y - self.top) / sy

    def apply(self, img: Any) -> Any:
        """The letterboxed PIL image (RGB)."""
        from PIL import Image

        canvas = Image.new("RGB", self.input_size, (PAD_VALUE,) * 3)
        src = img.convert("RGB")
        if src.size != self.scaled:
            src = src.resize(self.scaled, Image.Resampling.BILINEAR)
        canvas.paste(src, (self.left, self.top))
        return canvas


def parse_names(value: Any) -> list[str] | None:
    """Class names from metadata or file content: dict {index: name}, list, or their str."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            try:
                value = json.loads(text)
            except ValueError:
                return None
    if isinstance(value, dict):
        try:
            items = sorted((int(k), str(v)) for k, v in value.items())
        except (TypeError, ValueError):
            return None
        names = [f"class_{i}" for i in range(items[-1][0] + 1)] if items else []
        for i, name in items:
            names[i] = name
        return names
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return None


def read_names_file(path: str | Path) -> list[str]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProviderError(N_("errors", "The class names file {path} could not be read: "
                               "{reason}"), kind="config", path=str(path),
                            reason=str(exc)) from exc
    names: list[str] | None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text)
        names = parse_names(data.get("names") if isinstance(data, dict) else data)
    elif path.suffix.lower() == ".json":
        data = json.loads(text)
        names = parse_names(data.get("names") if isinstance(data, dict) else data)
    else:
        names = [line.strip() for line in text.splitlines() if line.strip()]
    if not names:
        raise ProviderError(N_("errors", "The class names file {path} lists no names."),
                            kind="config", path=str(path))
    return names


def nms(boxes: Any, scores: Any, iou_threshold: float) -> list[int]:
    """Greedy non-maximum suppression on corner boxes; indices kept, best first."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    keep: list[int] = []
    while order.size:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]
        iw = np.clip(np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]), 0, None)
        ih = np.clip(np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]), 0, None)
        inter = iw * ih
        iou = inter / np.maximum(areas[i] + areas[rest] - inter, 1e-9)
        order = rest[iou <= iou_threshold]
    return keep


@dataclass(frozen=True, slots=True)
class Detection:
    class_index: int
    name: str
    score: float
    corners: tuple[float, float, float, float]  # source-image pixels


@dataclass(frozen=True, slots=True)
class Classification:
    class_index: int
    name: str
    score: float  # the model's probability for the class


def load_session(model_path: Path, threads: int = 2) -> Any:
    """An onnxruntime CPU session for this file, or ProviderError saying why there is none."""
    if not model_path.is_file():
        raise ProviderError(N_("errors", "The ONNX model {path} does not exist."),
                            kind="config", path=str(model_path))
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise ProviderError(N_("errors", "onnxruntime is not available ({reason}); the ONNX "
                               "engine cannot run."), kind="unavailable",
                            reason=str(exc)) from exc
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.log_severity_level = 3
    try:
        return ort.InferenceSession(str(model_path), sess_options=opts,
                                    providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own error types
        raise ProviderError(N_("errors", "The ONNX model {name} could not be loaded: {reason}"),
                            kind="config", name=model_path.name, reason=str(exc)) from exc


def task_of(session: Any) -> str:
    """'classify' or 'detect': the metadata's `task`, else from the output's rank."""
    task = (session.get_modelmeta().custom_metadata_map or {}).get("task", "")
    if task in ("classify", "detect"):
        return str(task)
    return "classify" if len(session.get_outputs()[0].shape) == 2 else "detect"


class OnnxSession:
    """An ONNX model loaded once for the CPU: its input, metadata and class names."""

    def __init__(self, model_path: str | Path, *, names_path: str | Path | None = None,
                 threads: int = 2, session: Any = None) -> None:
        self.model_path = Path(model_path)
        self.session = session if session is not None else load_session(self.model_path,
                                                                          threads)
        self.task = task_of(self.session)
        inp = self.session.get_inputs()[0]
        self.input_name = inp.name
        self.input_fp16 = "float16" in inp.type
        shape = list(inp.shape)
        default = 224 if self.task == "classify" else 640
        h = shape[2] if len(shape) == 4 and isinstance(shape[2], int) else default
        w = shape[3] if len(shape) == 4 and isinstance(shape[3], int) else default
        self.input_size = (w, h)
        self.names = (read_names_file(names_path) if names_path
                      else parse_names(self.metadata.get("names", "")))
        self._lock = threading.Lock()

    @property
    def metadata(self) -> dict[str, str]:
        return dict(self.session.get_modelmeta().custom_metadata_map or {})

    def name_of(self, index: int) -> str:
        return self.names[index] if self.names and index < len(self.names) else f"class_{index}"

    def _infer(self, pixels: Any) -> Any:
        """The first output for an RGB image array (h, w, 3) of uint8, as float32."""
        import numpy as np

        tensor = (np.asarray(pixels, dtype=np.float32) / 255.0).transpose(2, 0, 1)[None]
        if self.input_fp16:
            tensor = tensor.astype(np.float16)
        with self._lock:
            out = self.session.run(None, {self.input_name: np.ascontiguousarray(tensor)})[0]
        return np.asarray(out, dtype=np.float32)


class YoloOnnxClassifier(OnnxSession):
    """An image classifier (output [1, nc]); `classify(img)` is thread-safe."""

    def classify(self, img: Any) -> list[Classification]:
        """Every class with its probability on a PIL image, most likely first."""
        from PIL import Image

        w, h = img.size
        iw, ih = self.input_size
        r = max(iw / w, ih / h)
        sw, sh = max(iw, round(w * r)), max(ih, round(h * r))
        src = img.convert("RGB").resize((sw, sh), Image.Resampling.BILINEAR)
        left, top = (sw - iw) // 2, (sh - ih) // 2
        out = self._infer(src.crop((left, top, left + iw, top + ih)))
        if out.ndim not in (1, 2) or (out.ndim == 2 and out.shape[0] != 1):
            raise ProviderError(N_("errors", "The classifier's output has shape {shape}, not "
                                   "the layout [1, classes]."), kind="bad_response",
                                shape=list(out.shape))
        probs = out.reshape(-1)
        ranked = sorted(range(len(probs)), key=lambda i: (-float(probs[i]), i))
        return [Classification(i, self.name_of(i), float(probs[i])) for i in ranked]


class YoloOnnxDetector(OnnxSession):
    """Loads the ONNX model once; `detect(img)` is thread-safe."""

    def __init__(self, model_path: str | Path, *, names_path: str | Path | None = None,
                 conf_threshold: float = 0.25, iou_threshold: float = 0.45,
                 max_detections: int = 300, threads: int = 2, session: Any = None) -> None:
        super().__init__(model_path, names_path=names_path, threads=threads, session=session)
        self.conf_threshold = conf_threshold
        self.iou_threshold = iou_threshold
        self.max_detections = max_detections

    def detect(self, img: Any) -> list[Detection]:
        """Detections on a PIL image, in that image's pixel coordinates."""
        import numpy as np

        lb = Letterbox.fit(img.size, self.input_size)
        preds = self._candidates(self._infer(lb.apply(img)))
        scores_all = preds[:, 4:]
        if scores_all.shape[1] == 0:
            return []
        cls = scores_all.argmax(axis=1)
        conf = scores_all[np.arange(len(preds)), cls]
        mask = conf >= self.conf_threshold
        preds, cls, conf = preds[mask], cls[mask], conf[mask]
        if not len(preds):
            return []
        cx, cy, bw, bh = preds[:, 0], preds[:, 1], preds[:, 2], preds[:, 3]
        corners = np.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], axis=1)
        offset = cls[:, None].astype(np.float32) * (max(self.input_size) + 1.0)  # per class
        keep = nms(corners + offset, conf, self.iou_threshold)[: self.max_detections]
        x1, y1 = lb.to_source(corners[keep, 0], corners[keep, 1])
        x2, y2 = lb.to_source(corners[keep, 2], corners[keep, 3])
        out_list = []
        for j, k in enumerate(keep):
            c = int(cls[k])
            out_list.append(Detection(c, self.name_of(c), float(conf[k]),
                                      (float(x1[j]), float(y1[j]), float(x2[j]), float(y2[j]))))
        return out_list

    def _candidates(self, out: Any) -> Any:
        """[N, 4 + nc] rows from the raw output ([1, 4 + nc, N] or already [1, N, 4 + nc])."""
        arr = out[0] if out.ndim == 3 else out
        if arr.ndim != 2:
            raise ProviderError(N_("errors", "The detector's output has shape {shape}, not the "
                                   "YOLO layout [1, 4 + classes, N]."), kind="bad_response",
                                shape=list(out.shape))
        nc = len(self.names) if self.names else None
        if nc is not None and arr.shape[0] == 4 + nc:
            return arr.T
        if nc is not None and arr.shape[1] == 4 + nc:
            return arr
        return arr.T if arr.shape[0] <= arr.shape[1] else arr


def open_model(model_path: str | Path, *, names_path: str | Path | None = None,
               conf_threshold: float = 0.25,
               iou_threshold: float = 0.45) -> YoloOnnxDetector | YoloOnnxClassifier:
    """The detector or classifier in this ONNX file, by its task."""
    session = load_session(Path(model_path))
    if task_of(session) == "classify":
        return YoloOnnxClassifier(model_path, names_path=names_path, session=session)
    return YoloOnnxDetector(model_path, names_path=names_path, conf_threshold=conf_threshold,
                            iou_threshold=iou_threshold, session=session)
