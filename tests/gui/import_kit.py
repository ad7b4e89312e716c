"""A small COCO file for the tests that import while the window works."""

from __future__ import annotations

import json
from pathlib import Path


def hundred_car_boxes(tmp_path: Path) -> Path:
    """labels.json: 100 'car' boxes, alternately on img2.png and img4.jpg of the GUI test
    folder."""
    coco = tmp_path / "labels.json"
    sizes = {2: ("img2.png", 320, 240), 4: ("img4.jpg", 500, 500)}
    coco.write_text(json.dumps({
        "images": [{"id": i, "file_name": n, "width": wd, "height": ht}
                   for i, (n, wd, ht) in sizes.items()],
        "categories": [{"id": 1, "name": "car"}],
        "annotations": [{"id": k, "image_id": 2 + 2 * (k % 2), "category_id": 1,
                         "bbox": [k, 2, 30, 40]} for k in range(1, 101)]}))
    return coco
