/* A vendored library's header, found through a folder build_extensions() adds. */
int parser_version(void);
