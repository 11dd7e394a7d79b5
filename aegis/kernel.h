/*
 * kernel.h - what every part of the Aegis kernel shares: fixed-width types,
 * the console and formatted output, panic, and the boot arguments.
 */
#ifndef AEGIS_KERNEL_H
#define AEGIS_KERNEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define UNUSED		__attribute__((unused))
#define NORETURN	__attribute__((noreturn))
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))

/* printf.c: formatted output to a sink; %[-0][width][.prec][hh|h|l|ll|z]{d,i,u,x,X,o,c,s,p,%} */
typedef void (*putc_fn)(int c, void *arg);
int kvformat(putc_fn out, void *arg, const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) PRINTFLIKE(1, 2);
int kvprintf(const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTFLIKE(3, 4);

/* string.c: the few string helpers the kernel needs. */
size_t kstrlen(const char *s);
int kstrcmp(const char *a, const char *b);
int kstrncmp(const char *a, const char *b, size_t n);
void *kmemset(void *d, int c, size_t n);
void *kmemcpy(void *d, const void *s, size_t n);

/* console.c: the boot console (a platform's serial line, or the PROM). */
void console_putc(int c);
void console_puts(const char *s);
int console_getc(void);		/* -1 when no character is waiting */

/* panic.c */
void panic(const char *fmt, ...) PRINTFLIKE(1, 2) NORETURN;
void halt(void) NORETURN;

/* boot.c: what the PROM handed us. */
struct boot_args {
	int argc;
	char **argv;
	uint32_t magic;		/* PROM_MAGIC for a REX (TURBOchannel) PROM */
	uint32_t rex;		/* callback vector address, 0 for old PROMs */
};
extern struct boot_args boot_args;
int boot_has_arg(const char *arg);	/* is arg one of the PROM's argv? */
const char *boot_arg_value(const char *prefix);	/* "init=sh": "sh"; NULL if none */

/* The kernel's main program; test images supply their own. */
void kmain(void);

#endif
