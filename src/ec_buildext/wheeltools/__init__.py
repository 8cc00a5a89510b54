"""Reading and rewriting finished wheels and the binaries in them.

``retag`` (platform tag rewrite), ``inspect`` (what each binary is, view by view),
``audit`` (can it load where the tag promises), ``repair`` (vendor imported DLLs),
``install`` (``win_arm64ec`` wheels into this environment), ``cibw`` (cibuildwheel
configuration and workflow).
"""
