"""An image problem is kept in the project as its English sentence; `problem_parts` finds its
template and values again so the interface can show it translated."""

from __future__ import annotations

import pytest

import imagegen as g
from glancelabel.core.folder.imaging import ImageProblem, read_header
from glancelabel.core.folder.problems import (
    CANNOT_READ,
    DAMAGED,
    DAMAGED_HEADER,
    FIRST_FRAME,
    READER_FAILED,
    TOO_LARGE,
    TOO_MANY_UNKNOWN,
    TRUNCATED,
    WITH_VALUES,
    problem_parts,
)


@pytest.mark.parametrize("make, name, template, values", [
    (g.truncated_jpeg, "tr.jpg", TRUNCATED, {"format": "JPEG"}),
    (g.truncated_png, "tr.png", TRUNCATED, {"format": "PNG"}),
    (g.corrupt_jpeg, "c.jpg", DAMAGED_HEADER, {"format": "JPEG"}),
])
def test_a_kept_problem_gives_back_its_template_and_values(tmp_path, make, name, template, values):
    with pytest.raises(ImageProblem) as exc:
        read_header(make(tmp_path / name))
    assert exc.value.template == template
    assert problem_parts(str(exc.value)) == (template, values)


def test_every_template_with_values_is_found_again():
    samples = {"reason": "broken data stream", "format": "TIFF", "width": "30000",
               "height": "20000", "limit": "178", "megapixels": "600", "frames": "5"}
    for template in WITH_VALUES:
        values = {k: v for k, v in samples.items() if "{" + k in template}
        assert problem_parts(template.format(**values)) == (template, values)


def test_the_most_specific_template_wins_and_others_stay_as_they_are():
    assert problem_parts("damaged JPEG file: its header cannot be read")[0] == DAMAGED_HEADER
    assert problem_parts("damaged JPEG: broken data stream")[0] == DAMAGED
    assert problem_parts("image too large: its pixel count exceeds the 178-megapixel safety "
                         "limit")[0] == TOO_MANY_UNKNOWN
    assert problem_parts("image too large: 30000x20000 pixels exceeds the 178-megapixel "
                         "safety limit") == (TOO_LARGE, {"width": "30000", "height": "20000",
                                                         "limit": "178"})
    assert problem_parts("not an image") == ("not an image", {})
    assert problem_parts("first frame of 5 shown") == (FIRST_FRAME, {"frames": "5"})
    assert problem_parts("cannot be read (KeyError)") == (READER_FAILED, {"reason": "KeyError"})
    assert problem_parts("the file cannot be read (I/O error)")[0] == CANNOT_READ
