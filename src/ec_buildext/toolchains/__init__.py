"""Where compilers, linkers and C runtimes come from.

``llvm`` finds clang-cl/lld-link (ziglang wheel, PATH, /usr/lib/llvm-NN, llvm-root);
``msvc`` finds Visual Studio's toolset; ``sysroot`` opens a copied MSVC CRT + Windows
SDK tree; ``crtless`` builds the runtime support and import libraries a build with
neither links against (sources in ``runtime/``).
"""
