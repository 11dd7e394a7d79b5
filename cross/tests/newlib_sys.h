/* newlib_sys.h - what newlib_sys.c lets a test inspect. */
#ifndef NEWLIB_SYS_H
#define NEWLIB_SYS_H
#include <stddef.h>
extern char sys_written[256];	/* bytes written to fd 1/2 since last reset */
extern size_t sys_written_len;
#endif
