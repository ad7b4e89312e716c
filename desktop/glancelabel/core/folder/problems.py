"""What can be wrong with an image file: the exceptions the readers raise and the size limit.

`ImageProblem` says in one short sentence (`str(exc)`) why an image cannot be shown; `FileMissing`
(a subclass) says the file is gone, so a scan can mark it missing rather than unreadable.
`pixel_limit` is the largest pixel count we decode, `too_large` the refusal for an image above it,
and `truncated` the problem of a file cut short. Both header readers (`headers`, `imaging`) and the
decoder raise these; `imaging` re-exports them for callers.
"""

from __future__ import annotations

from PIL import Image

from ..errors import GlanceLabelError


class ImageProblem(GlanceLabelError):
    """Why an image cannot be shown, as one short sentence (`str(exc)`)."""


class FileMissing(ImageProblem):
    """The file is not there any more (moved or deleted)."""

    def __init__(self, message: str = "file not found (moved or deleted)"):
        super().__init__(message)


def pixel_limit() -> int | None:
    """The largest pixel count we decode: twice Pillow's MAX_IMAGE_PIXELS (~178 megapixels)."""
    return 2 * Image.MAX_IMAGE_PIXELS if Image.MAX_IMAGE_PIXELS else None


def too_large(width: int, height: int) -> ImageProblem | None:
    limit = pixel_limit()
    if limit is not None and width * height > limit:
        return ImageProblem(
            f"image too large: {width}x{height} pixels exceeds the "
            f"{limit // 1_000_000}-megapixel safety limit"
        )
    return None


def truncated(fmt: str) -> ImageProblem:
    return ImageProblem(f"truncated {'JPEG' if fmt == 'MPO' else fmt}")
