"""PEP 517 backend alias: ``build-backend = "ec_buildext.cmake"`` is ``ec_buildext.build``."""

from .build import *  # noqa: F403
from .build import __all__ as __all__
