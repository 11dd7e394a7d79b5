/*
 * console.c - the host end of a machine's console line: output to its
 * console_out (main: stdout), input from its console_in_fd (main: stdin).
 * Input: from a terminal it is polled without blocking (an interactive
 * session is not deterministic anyway); from a file or pipe it is read in
 * order, blocking if the writer is slow, so that the same input gives the
 * same run. End of input (or no input) means "nothing waiting" forever: a
 * closed stdin never hangs the guest. The read-ahead byte and the terminal
 * test are the machine's (struct machine), so machines never share input.
 */
#include <errno.h>
#include <poll.h>
#include <unistd.h>
#include "machine.h"

static int fill(struct machine *m)
{
	if (m->console_peeked >= 0)
		return 1;
	if (m->console_in_fd < 0 || m->console_in_eof)
		return 0;
	if (m->console_in_tty < 0)
		m->console_in_tty = isatty(m->console_in_fd);
	if (m->console_in_tty) {
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
	m->console_peeked = c;
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
	int c = m->console_peeked;
	m->console_peeked = -1;
	return c;
}

void machine_set_console_lines(struct machine *m, const char *prefix)
{
	m->console_prefix = prefix;
	m->console_len = 0;
}

void host_console_flush(struct machine *m)
{
	if (m->console_prefix && m->console_len) {
		fprintf(m->console_out, "%s%.*s", m->console_prefix, (int)m->console_len,
			m->console_line);
		m->console_len = 0;
	}
	fflush(m->console_out);
}

void host_console_putc(struct machine *m, int c)
{
	if (m->console_prefix) {
		m->console_line[m->console_len++] = (char)c;
		if (c == '\n' || m->console_len == sizeof m->console_line)
			host_console_flush(m);
		return;
	}
	fputc(c, m->console_out);
	if (c == '\n' || m->console_in_tty == 1)
		fflush(m->console_out);
}
