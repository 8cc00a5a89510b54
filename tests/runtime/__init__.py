"""What a build links and runs on: LLVM, the C and C++ runtimes, builtins, the target CPython."""
