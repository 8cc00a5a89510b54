"""Wheel file names: parsed by pypa's packaging, parts kept as spelled, one message for
every name that is not a wheel's."""

from __future__ import annotations

import pytest

from ec_buildext.errors import UserError
from ec_buildext.wheeltools.retag import WheelName, parse_wheel_name, retagged_name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("a-1.0-py3-none-any.whl", WheelName("a-1.0", "py3", "none", "any")),
        # A build number stays in the stem: sibling wheels of one build share it.
        (
            "a_b-1.0-1build-cp311-cp311-win_arm64.whl",
            WheelName("a_b-1.0-1build", "cp311", "cp311", "win_arm64"),
        ),
        # Compressed tag sets keep their spelling and order; the name its case.
        (
            "Foo.Bar-2.0rc1-cp39.cp310-abi3-win_arm64.win_amd64.whl",
            WheelName("Foo.Bar-2.0rc1", "cp39.cp310", "abi3", "win_arm64.win_amd64"),
        ),
        (
            "x-1.0+local.7-py3-none-win_arm64ec.whl",
            WheelName("x-1.0+local.7", "py3", "none", "win_arm64ec"),
        ),
    ],
)
def test_parts_as_spelled(name: str, parts: WheelName) -> None:
    assert parse_wheel_name(name) == parts


def test_platforms_in_the_names_order() -> None:
    assert parse_wheel_name("a-1-cp312-cp312-win_arm64.win_amd64.whl").platforms == (
        "win_arm64",
        "win_amd64",
    )


def test_retagging_keeps_everything_but_the_platform() -> None:
    assert (
        retagged_name("Foo.Bar-2.0-3-cp39.cp310-abi3-win_amd64.whl", "win_arm64ec")
        == "Foo.Bar-2.0-3-cp39.cp310-abi3-win_arm64ec.whl"
    )


@pytest.mark.parametrize(
    "name",
    [
        "x-2.tar.gz",
        "a-1-py3-none-any.WHL",
        "a-1-py3-none.whl",  # too few parts
        "a-1-2-3-py3-none-any.whl",  # too many
        "a-1-x-py3-none-any.whl",  # a build number starts with a digit
        "a-1--none-any.whl",  # an empty tag
        # Refused since packaging parses the names (the old pattern let them through):
        "x-notaversion-py3-none-any.whl",  # not a PEP 440 version
        "a__b-1-py3-none-any.whl",  # not an escaped project name
        "a b-1-py3-none-any.whl",
        "a-1-py3-none-any.whl\n",
    ],
)
def test_every_bad_name_gets_the_one_message(name: str) -> None:
    with pytest.raises(UserError) as e:
        parse_wheel_name(name)
    assert str(e.value) == (
        f"{name!r} is not a wheel file name (name-version-py-abi-platform.whl). "
        "Pass the .whl file that a build produced."
    )
