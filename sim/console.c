/*
 * console.c - the host end of the guest's console line. Output goes to
 * stdout. Input: from a terminal it is polled without blocking (an
 * interactive session is not deterministic anyway); from a file or pipe it
 * is read in order, blocking if the writer is slow, so that the same input
 * gives the same run. End of input (or no stdin) means "nothing waiting"
 * forever: a closed stdin never hangs the guest.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include "machine.h"

static int peeked = -1;		/* one byte read ahead, or -1 */
static int input_is_tty = -1;

static int fill(struct machine *m)
{
	if (peeked >= 0)
		return 1;
	if (m->console_in_fd < 0 || m->console_in_eof)
		return 0;
	if (input_is_tty < 0)
		input_is_tty = isatty(m->console_in_fd);
	if (input_is_tty) {
		struct pollfd p = { .fd = m->console_in_fd, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			return 0;
	}
	unsigned char c;
	ssize_t n;
	do
		n = read(m->console_in_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		m->console_in_eof = 1;
		return 0;
	}
	peeked = c;
	return 1;
}

int host_console_ready(struct machine *m)
{
	return fill(m);
}

int host_console_getc(struct machine *m)
{
	if (!fill(m))
		return -1;
	int c = peeked;
	peeked = -1;
	return c;
}

void host_console_putc(struct machine *m, int c)
{
	fputc(c, m->console_out);
	if (c == '\n' || input_is_tty == 1)
		fflush(m->console_out);
}
