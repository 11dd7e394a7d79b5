/*
 * rt.h - the bare-metal runtime every image the PROM boots shares (the
 * Aegis kernel, the simulator's bare-metal tests, the calibration and
 * speed benchmarks): fixed-width types, the console and formatted output,
 * strings, panic and halt, the boot arguments, and what an image
 * supplies (the machine set-up, the console, kmain).
 */
#ifndef RT_RT_H
#define RT_RT_H

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

/* string.c: the few string helpers a bare-metal image needs. */
size_t kstrlen(const char *s);
int kstrcmp(const char *a, const char *b);
int kstrncmp(const char *a, const char *b, size_t n);
void *kmemset(void *d, int c, size_t n);
void *kmemcpy(void *d, const void *s, size_t n);

/* The console, "\n" sent as "\r\n": the image's (Aegis: its board's
   serial line, aegis/console.c; rt/bare.c: the PROM's). */
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
const char *boot_word(int n, size_t *len);	/* the n-th word (from 0), NULL past the last */

/* cache.S: forget whatever the I-cache holds for [kseg0_addr, +len). */
void icache_inval(uint32_t kseg0_addr, uint32_t len);

/* What the image supplies besides the console, called by boot() in this
   order: platform_select(sysid) picks the board's devices from the
   PROM's system type, trap_init() installs the exception vectors, kmain()
   is the image's main program (halt() follows when it returns). Aegis
   supplies its own (platform/select.c, trap.c); an image that is not the
   kernel links rt/bare.c's. */
void platform_select(uint32_t sysid);
void trap_init(void);
void kmain(void);

#endif
