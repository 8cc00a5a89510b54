"""Where compilers, linkers, C runtimes and the target CPython come from.

``llvm`` finds clang-cl/lld-link (ziglang wheel, PATH, /usr/lib/llvm-NN, llvm-root);
``msvc`` finds Visual Studio's toolset; ``sysroot`` opens a copied MSVC CRT + Windows
SDK tree; ``crtless`` builds the runtime support and import libraries a build with
neither links against (sources in ``runtime/``), ``crt`` and ``cxx`` the C and C++
runtimes it adds, both built by ``library``; ``cpython`` synthesizes the target
Windows CPython (headers and import libraries); ``diagnose`` holds the x86 and MSVC
compatibility flags and the explanations of failed compiles and links.  ``softintrin/``
(x86 intrinsics headers for Arm64EC) is package data.
"""
