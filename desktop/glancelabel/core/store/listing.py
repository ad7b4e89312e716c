"""Reads for the image list: per-image counts fetched a page of ids at a time."""

from __future__ import annotations

from collections.abc import Sequence

from .base import StoreBase, pairs
from .chunks import in_chunks


class ListingMixin(StoreBase):
    def annotation_counts_for(self, image_ids: Sequence[int]) -> dict[int, int]:
        """Number of annotations (boxes and tags) per image id; images without any are absent."""
        out: dict[int, int] = {}
        for chunk, marks in in_chunks(image_ids):
            out.update(pairs(
                self.q(
                    f"SELECT image_id, count(*) FROM annotations WHERE image_id IN ({marks})"
                    " GROUP BY image_id",
                    chunk,
                )
            ))
        return out
