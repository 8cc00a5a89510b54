"""Generated entry and exit thunks, run in an emulator against clang's."""
