"""Reads for the image list: per-image counts fetched a page of ids at a time."""

from __future__ import annotations

from collections.abc import Sequence


class ListingMixin:
    def annotation_counts_for(self, image_ids: Sequence[int]) -> dict[int, int]:
        """Number of annotations (boxes and tags) per image id; images without any are absent."""
        out: dict[int, int] = {}
        for start in range(0, len(image_ids), 900):
            chunk = list(image_ids[start : start + 900])
            marks = ",".join("?" * len(chunk))
            out.update(
                self.q(
                    f"SELECT image_id, count(*) FROM annotations WHERE image_id IN ({marks})"
                    " GROUP BY image_id",
                    chunk,
                )
            )
        return out
