#ifndef STRUTIL_H
#define STRUTIL_H
int strutil_word_count(const char *text);
#endif
