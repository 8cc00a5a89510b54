"""How many compiles the machine can run at once."""

from __future__ import annotations

import os

__all__ = ["usable_cpus"]


def usable_cpus() -> int:
    """The cores this process may run on: its CPU affinity where the OS has one
    (``taskset``, a container's cpuset, a CI runner's limit), else every core.
    ``os.cpu_count()`` alone counts the machine's cores, and more jobs than usable
    cores only makes the compiles wait for each other."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
