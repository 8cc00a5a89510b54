"""ec-buildext: Windows Arm64EC and Arm64X wheels from ordinary CMake and setuptools projects."""

from __future__ import annotations

# Not typing's: the Arm64X launcher imports this package once per compile.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__version__ = "0.1.0"
__all__ = ["__version__", "cmake_dir", "get_include"]


def cmake_dir() -> Path:
    """Folder holding ``EcBuildExt.cmake`` (for ``include()`` or ``CMAKE_MODULE_PATH``)."""
    # pathlib imported here: the Arm64X launcher imports this package per compile.
    from pathlib import Path

    return Path(__file__).parent / "cmake"


def get_include() -> Path:
    """Folder holding ``ec_plugin_path.h`` (add it to a C/C++ host's include path)."""
    from pathlib import Path

    return Path(__file__).parent / "include"
