"""The offline provider: no key, no network.

Engines:
- `ocr` (default): text regions and their text from RapidOCR's bundled ONNX models
  (`rapidocr-onnxruntime`, Python < 3.13). Suggestions are boxes labelled "text" with
  the read text in `text`.
- `onnx` (when `model_path` is given): an object detector (boxes) or an image classifier
  (one image tag: the most likely class) exported to ONNX in the Ultralytics YOLO layouts
  (see `yolo_onnx.py`), such as a model trained in the project.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import threading
from pathlib import Path
from typing import Any

from glancelabel.core.i18n import N_
from glancelabel.core.model import Kind

from .base import Identity
from .boxes import to_displayed_box
from .parsing import label_map, normalize_label
from .prepare import load_oriented
from .records import (
    BoxConvention,
    Dropped,
    Preview,
    ProposedSuggestion,
    ProviderError,
    SuggestRequest,
    SuggestResult,
    Usage,
)

OCR_LABEL = "text"
_ocr_engine: Any = None
_ocr_lock = threading.Lock()


def ocr_engine() -> Any:
    """The shared RapidOCR engine (loaded once), or ProviderError saying why it cannot be."""
    global _ocr_engine
    with _ocr_lock:
        if _ocr_engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except Exception as exc:  # noqa: BLE001 - ImportError, or OpenCV failing to load
                if sys.version_info >= (3, 13):
                    raise ProviderError(N_(
                        "errors", "The offline text engine (RapidOCR) is unavailable: {reason}. "
                        "It supports Python below 3.13 only. A detector model (.onnx) can be "
                        "used instead."), kind="unavailable", reason=str(exc)) from exc
                raise ProviderError(N_(
                    "errors", "The offline text engine (RapidOCR) is unavailable: {reason}. "
                    "Install the rapidocr-onnxruntime package. A detector model (.onnx) can be "
                    "used instead."), kind="unavailable", reason=str(exc)) from exc
            _ocr_engine = RapidOCR()
        return _ocr_engine


class LocalProvider:
    name = "local"

    def __init__(self, *, model_path: str | Path | None = None,
                 names_path: str | Path | None = None, conf_threshold: float = 0.25,
                 iou_threshold: float = 0.45, ocr_max_side: int = 2048, **_: Any) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.names_path = Path(names_path) if names_path else None
        self.conf_threshold = conf_threshold
        self.iou_threshold = iou_threshold
        self.ocr_max_side = ocr_max_side
        self._detector: Any = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> str:
        return "onnx" if self.model_path else "ocr"

    @property
    def model(self) -> str:
        return f"onnx:{self.model_path.name}" if self.model_path else "rapidocr"

    def detector(self) -> Any:
        """The ONNX engine, loaded once: a YoloOnnxDetector or a YoloOnnxClassifier."""
        with self._lock:
            if self._detector is None:
                from .yolo_onnx import open_model

                self._detector = open_model(
                    self.model_path, names_path=self.names_path,  # type: ignore[arg-type]
                    conf_threshold=self.conf_threshold, iou_threshold=self.iou_threshold)
            return self._detector

    def identity(self, request: SuggestRequest) -> Identity:
        """The engine's configuration stands in for the prompt: the request's classes and
        instructions do not change what it finds."""
        return Identity(self.model, self.config_hash())

    def config_hash(self) -> str:
        """Stands in for the prompt hash: what determines this engine's output."""
        parts: dict[str, Any] = {"engine": self.engine, "conf": self.conf_threshold,
                                 "iou": self.iou_threshold, "ocr_max_side": self.ocr_max_side}
        for key, path in (("model", self.model_path), ("names", self.names_path)):
            if path is not None:
                st = path.stat() if path.exists() else None
                parts[key] = [str(path), st.st_size if st else 0, st.st_mtime_ns if st else 0]
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]

    def _load(self, request: SuggestRequest) -> tuple[Any, tuple[int, int]]:
        if self.model_path:
            # a classifier fills its input with the short side: keep up to 4:1 images sharp
            side = max(self.detector().input_size) * (4 if self.detector().task == "classify"
                                                      else 1)
        else:
            side = min(self.ocr_max_side, request.max_side or self.ocr_max_side)
        img, _, displayed = load_oriented(request.image_path, orientation=request.orientation,
                                          max_side=side)
        if request.oriented_size:
            displayed = tuple(request.oriented_size)  # type: ignore[assignment]
        return img, displayed

    def preview(self, request: SuggestRequest) -> Preview:
        img, displayed = self._load(request)
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=90)
        if self.model_path:
            kind = "Image classifier" if self.detector().task == "classify" else "Object detector"
            what = f"{kind} {self.model_path.name}, classes from its metadata"
        else:
            what = "RapidOCR text detection and recognition"
        return Preview(provider=self.name, model=self.model, system="",
                       user_text=f"{what}. Nothing is sent over the network.",
                       image_bytes=buf.getvalue(), media_type="image/jpeg", sent_size=img.size,
                       displayed_size=displayed, box_convention=BoxConvention.PIXELS.value,
                       schema={}, prompt_hash=self.config_hash())

    def suggest(self, request: SuggestRequest) -> SuggestResult:
        img, displayed = self._load(request)
        try:
            raw, items = self._run(img)
        finally:
            img.close()
        names = label_map(request.classes)
        suggestions: list[ProposedSuggestion] = []
        dropped: list[Dropped] = []
        for label, corners, text, score, why in items:
            if corners is None:
                suggestions.append(ProposedSuggestion(
                    kind=Kind.TAG, raw_label=label, label=names.get(normalize_label(label)),
                    box=None, confidence=score, rationale=why))
                continue
            box, reason = to_displayed_box(corners, BoxConvention.PIXELS, img.size, displayed)
            if box is None:
                dropped.append(Dropped(f"{label} {[round(c, 1) for c in corners]}",
                                       reason or "bad box"))
                continue
            suggestions.append(ProposedSuggestion(
                kind=Kind.BOX, raw_label=label, label=names.get(normalize_label(label)),
                box=box, text=text, confidence=score, rationale=why))
        return SuggestResult(
            suggestions=tuple(suggestions), dropped=tuple(dropped), usage=Usage(),
            cost_usd=0.0, raw_response=json.dumps(raw, ensure_ascii=False),
            provider=self.name, model=self.model, prompt_hash=self.config_hash(),
            sent_size=img.size, displayed_size=displayed,
            box_convention=BoxConvention.PIXELS.value)

    def _run(self, img: Any) -> tuple[list[Any], list[tuple]]:
        raw: list[dict[str, Any]]
        items: list[tuple]
        if self.model_path and self.detector().task == "classify":
            top = self.detector().classify(img)[0]
            raw = [{"label": top.name, "score": round(top.score, 4)}]
            items = [(top.name, None, None, top.score,
                      f"Most likely class for {self.model_path.name}, probability "
                      f"{top.score:.2f}.")]
            return raw, items
        if self.model_path:
            dets = self.detector().detect(img)
            raw = [{"label": d.name, "score": round(d.score, 4),
                    "box": [round(c, 2) for c in d.corners]} for d in dets]
            items = [(d.name, d.corners, None, d.score,
                      f"Detected by {self.model_path.name} with score {d.score:.2f}.")
                     for d in dets]
            return raw, items
        import numpy as np

        engine = ocr_engine()
        bgr = np.ascontiguousarray(np.asarray(img.convert("RGB"))[:, :, ::-1])
        try:
            result, _ = engine(bgr)
        except Exception as exc:  # noqa: BLE001 - the engine's own failures
            raise ProviderError(N_("errors", "The offline text engine failed on this image: "
                                   "{reason}"), kind="engine", reason=str(exc)) from exc
        raw, items = [], []
        for points, text, score in result or []:
            xs = [float(p[0]) for p in points]
            ys = [float(p[1]) for p in points]
            corners = (min(xs), min(ys), max(xs), max(ys))
            conf = max(0.0, min(1.0, float(score)))
            raw.append({"text": text, "score": round(conf, 4),
                        "box": [round(c, 2) for c in corners]})
            items.append((OCR_LABEL, corners, str(text), conf,
                          f"Text read by RapidOCR with score {conf:.2f}."))
        return raw, items
