"""Tiny ONNX models in the Ultralytics export layouts, built with the `onnx` package (no torch).

- `build_detector`: output [1, 4 + nc, N] holding fixed candidates (cx, cy, w, h in input pixels,
  then one score per class), whatever the image.
- `build_classifier`: output [1, nc]. With `probs` the output is fixed; without, it looks at the
  image: class 0 when the top half of the (resized, cropped) input is brighter than the bottom half,
  class 1 otherwise (softmax of the two halves' mean brightness), so a test sees whether the model
  got the image upright.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np


def save_model(nodes, inputs, outputs, path: Path, metadata: dict[str, str], initializers=()) -> Path:
    import onnx
    from onnx import helper

    graph = helper.make_graph(nodes, "fake_yolo", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def build_detector(path: Path, names: Sequence[str],
                   candidates: Sequence[tuple[float, float, float, float, Sequence[float]]], *,
                   input_size: int = 640, slots: int = 32) -> Path:
    """A detector that outputs `candidates` for every image; metadata names and task."""
    from onnx import TensorProto, helper, numpy_helper

    nc = len(names)
    out = np.zeros((1, 4 + nc, max(slots, len(candidates))), dtype=np.float32)
    for i, (cx, cy, w, h, scores) in enumerate(candidates):
        out[0, :4, i] = (cx, cy, w, h)
        out[0, 4:, i] = list(scores)[:nc]
    node = helper.make_node("Constant", [], ["output0"], value=numpy_helper.from_array(out))
    return save_model(
        [node],
        [helper.make_tensor_value_info("images", TensorProto.FLOAT,
                                       [1, 3, input_size, input_size])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(out.shape))],
        path, {"names": str(dict(enumerate(names))), "task": "detect", "stride": "32"})


def build_classifier(path: Path, names: Sequence[str], *, probs: Sequence[float] | None = None,
                     input_size: int = 224, task_metadata: bool = True) -> Path:
    """A classifier with output [1, len(names)]: fixed `probs`, or the bright-half rule above
    (then `names` has two entries: the top-bright class first)."""
    from onnx import TensorProto, helper, numpy_helper

    inputs = [helper.make_tensor_value_info("images", TensorProto.FLOAT,
                                            [1, 3, input_size, input_size])]
    nc = len(names)
    outputs = [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, nc])]
    metadata = {"names": str(dict(enumerate(names))), "imgsz": f"[{input_size}, {input_size}]"}
    if task_metadata:
        metadata["task"] = "classify"
    if probs is not None:
        value = np.asarray([list(probs)], dtype=np.float32)
        node = helper.make_node("Constant", [], ["output0"], value=numpy_helper.from_array(value))
        return save_model([node], inputs, outputs, path, metadata)
    assert nc == 2, "the bright-half classifier has two classes"
    half = input_size // 2
    inits = [numpy_helper.from_array(np.asarray(v, dtype=np.int64), name)
             for name, v in (("zero", [0]), ("half", [half]), ("end", [input_size]),
                             ("axis2", [2]), ("shape", [1, 2]))]
    nodes = [
        helper.make_node("Slice", ["images", "zero", "half", "axis2"], ["top"]),
        helper.make_node("Slice", ["images", "half", "end", "axis2"], ["bottom"]),
        helper.make_node("ReduceMean", ["top"], ["top_mean"], axes=[1, 2, 3], keepdims=0),
        helper.make_node("ReduceMean", ["bottom"], ["bottom_mean"], axes=[1, 2, 3], keepdims=0),
        helper.make_node("Concat", ["top_mean", "bottom_mean"], ["means"], axis=0),
        helper.make_node("Reshape", ["means", "shape"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["output0"], axis=1),
    ]
    return save_model(nodes, inputs, outputs, path, metadata, inits)
