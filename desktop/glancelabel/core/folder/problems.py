"""What can be wrong with an image file: the exceptions the readers raise and the size limit.

`ImageProblem` says in one short sentence (`str(exc)`) why an image cannot be shown; `FileMissing`
(a subclass) says the file is gone, so a scan can mark it missing rather than unreadable.
`pixel_limit` is the largest pixel count we decode, `too_large` the refusal for an image above it,
`truncated` the problem of a file cut short, `cannot_read` and `damaged` the others that carry
values. Both header readers (`headers`, `imaging`) and the decoder raise these; `imaging`
re-exports them for callers.

Their templates are marked in the context "image_problems". The project keeps a problem as its
English sentence; `problem_parts` finds the template and values again, so an interface can show a
kept problem translated.
"""

from __future__ import annotations

from PIL import Image

from ..errors import GlanceLabelError
from ..i18n import N_, template_of

# the problems that carry values (the others are marked where they are raised)
CANNOT_READ = N_("image_problems", "the file cannot be read ({reason})")
READER_FAILED = N_("image_problems", "cannot be read ({reason})")  # a reader bug (logged)
DAMAGED = N_("image_problems", "damaged {format}: {reason}")
DAMAGED_IMAGE = N_("image_problems", "damaged image: {reason}")
DAMAGED_HEADER = N_("image_problems", "damaged {format} file: its header cannot be read")
TRUNCATED = N_("image_problems", "truncated {format}")
TOO_LARGE = N_("image_problems", "image too large: {width}x{height} pixels exceeds the "
               "{limit}-megapixel safety limit")
TOO_MANY_PIXELS = N_("image_problems", "image too large: {megapixels} megapixels exceeds the "
                     "{limit}-megapixel safety limit")
TOO_MANY_UNKNOWN = N_("image_problems", "image too large: its pixel count exceeds the "
                      "{limit}-megapixel safety limit")
# a remark kept like a problem (the image is shown): a multi-frame file shows one frame
FIRST_FRAME = N_("image_problems", "first frame of {frames} shown")
WITH_VALUES = (CANNOT_READ, READER_FAILED, DAMAGED, DAMAGED_IMAGE, DAMAGED_HEADER, TRUNCATED, TOO_LARGE,
               TOO_MANY_PIXELS, TOO_MANY_UNKNOWN, FIRST_FRAME)


class ImageProblem(GlanceLabelError):
    """Why an image cannot be shown, as one short sentence (`str(exc)`)."""

    context = "image_problems"


class FileMissing(ImageProblem):
    """The file is not there any more (moved or deleted)."""

    def __init__(self) -> None:
        super().__init__(N_("image_problems", "file not found (moved or deleted)"))


def pixel_limit() -> int | None:
    """The largest pixel count we decode: twice Pillow's MAX_IMAGE_PIXELS (~178 megapixels)."""
    return 2 * Image.MAX_IMAGE_PIXELS if Image.MAX_IMAGE_PIXELS else None


def too_large(width: int, height: int) -> ImageProblem | None:
    limit = pixel_limit()
    if limit is not None and width * height > limit:
        return ImageProblem(TOO_LARGE, width=width, height=height, limit=limit // 1_000_000)
    return None


def truncated(fmt: str) -> ImageProblem:
    return ImageProblem(TRUNCATED, format="JPEG" if fmt == "MPO" else fmt)


def cannot_read(exc: OSError) -> ImageProblem:
    """The file is there but reading it failed (an I/O error, a lost network drive)."""
    return ImageProblem(CANNOT_READ, reason=exc.strerror or str(exc))


def damaged(fmt: str, exc: BaseException) -> ImageProblem:
    """The decoder refused the file's data."""
    return ImageProblem(DAMAGED, format=fmt, reason=str(exc) or exc.__class__.__name__)


def problem_parts(text: str) -> tuple[str, dict[str, str]]:
    """A kept problem sentence as (template, values): the template of `WITH_VALUES` it was
    made from (the one with the most fixed words first), else the sentence itself and no
    values."""
    return template_of(text, WITH_VALUES) or (text, {})
