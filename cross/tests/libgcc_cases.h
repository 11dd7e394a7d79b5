/* libgcc_cases.h - see libgcc_cases.c. */
#ifndef LIBGCC_CASES_H
#define LIBGCC_CASES_H
typedef void (*emit_fn)(const char *line);
void libgcc_cases(emit_fn emit);
#endif
