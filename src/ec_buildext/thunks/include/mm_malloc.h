/* ec-buildext: nothing of it matters for reading prototypes. */
