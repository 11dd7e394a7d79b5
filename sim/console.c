/*
 * console.c - the host end of a machine's console line: output to its
 * console_out (main: stdout), input from its console_in_fd (main: stdin).
 * Input: from a terminal it is read as it is typed, ahead of the guest,
 * into a small queue (console_q), with QEMU's escape keys when the
 * machine has them on (Ctrl-A X quit, Ctrl-A H help, Ctrl-A B the halt
 * button, Ctrl-A Ctrl-A a Ctrl-A); an interactive session is not
 * deterministic anyway. From a file or pipe it is read in order, a byte
 * when the guest looks, blocking if the writer is slow, so that the same
 * input gives the same run. End of input (or no input) means "nothing
 * waiting" forever: a closed stdin never hangs the guest. The queue, the
 * read-ahead byte and the terminal test are the machine's (struct
 * machine), so machines never share input.
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include "machine.h"

#define CTRL_A	0x01

void host_console_help(FILE *f)
{
	fprintf(f,
		"C-a h    print this help\n"
		"C-a x    exit pmaxsim (with --stats, if given, printed first; exit status 0)\n"
		"C-a b    press the halt button (the guest sees its halt interrupt)\n"
		"C-a C-a  send C-a to the guest\n"
		"Ctrl-C and Ctrl-D go to the guest as the bytes 0x03 and 0x04.\n");
}

static void enqueue(struct machine *m, unsigned char c)
{
	if (m->console_qlen < sizeof m->console_q)
		m->console_q[(m->console_qhead + m->console_qlen++) % sizeof m->console_q] = c;
}

/* One byte typed at the terminal. */
static void typed(struct machine *m, unsigned char c)
{
	if (!m->console_escapes) {
		enqueue(m, c);
		return;
	}
	if (!m->console_esc_seen) {
		if (c == CTRL_A)
			m->console_esc_seen = 1;
		else
			enqueue(m, c);
		return;
	}
	m->console_esc_seen = 0;
	switch (tolower(c)) {
	case CTRL_A:
		enqueue(m, c);
		break;
	case 'h':
		fflush(m->console_out);
		fprintf(stderr, "\n");
		host_console_help(stderr);
		break;
	case 'x':
	case 'b':
		if (m->console_escape)
			m->console_escape(m, tolower(c));
		break;
	default:
		break;		/* as QEMU: an unknown escape does nothing */
	}
}

static int is_tty(struct machine *m)
{
	if (m->console_in_tty < 0)
		m->console_in_tty = m->console_in_fd >= 0 && isatty(m->console_in_fd);
	return m->console_in_tty;
}

void host_console_service(struct machine *m)
{
	if (m->console_in_fd < 0 || m->console_in_eof || !is_tty(m))
		return;
	/* Leave what does not fit in the terminal's own buffer. */
	while (m->console_qlen < sizeof m->console_q) {
		struct pollfd p = { .fd = m->console_in_fd, .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			return;
		unsigned char buf[64];
		size_t room = sizeof m->console_q - m->console_qlen;
		ssize_t n = read(m->console_in_fd, buf, room < sizeof buf ? room : sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			m->console_in_eof = 1;	/* the terminal hung up */
			return;
		}
		for (ssize_t i = 0; i < n; i++)
			typed(m, buf[i]);
	}
}

static int fill(struct machine *m)
{
	if (m->console_peeked >= 0)
		return 1;
	if (m->console_in_fd < 0)
		return 0;
	if (is_tty(m)) {
		if (!m->console_qlen)
			host_console_service(m);
		if (!m->console_qlen)
			return 0;
		m->console_peeked = m->console_q[m->console_qhead];
		m->console_qhead = (m->console_qhead + 1) % sizeof m->console_q;
		m->console_qlen--;
		return 1;
	}
	if (m->console_in_eof)
		return 0;
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

static uint64_t now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

uint64_t host_console_wait(struct machine *m, uint64_t usec)
{
	uint64_t t0 = now_us(), waited = 0;
	fflush(m->console_out);
	while (waited < usec) {
		if (m->halted || m->halt_button || m->console_qlen || m->console_peeked >= 0)
			break;
		if (m->console_in_fd < 0 || m->console_in_eof || !is_tty(m)) {
			struct timespec ts = { (time_t)((usec - waited) / 1000000u),
					       (long)((usec - waited) % 1000000u) * 1000 };
			nanosleep(&ts, NULL);	/* a signal may end it early */
		} else {
			uint64_t ms = (usec - waited + 999) / 1000;
			struct pollfd p = { .fd = m->console_in_fd, .events = POLLIN };
			if (poll(&p, 1, ms > 1000000 ? 1000000 : (int)ms) > 0)
				host_console_service(m);
		}
		waited = now_us() - t0;
		if (m->console_qlen || m->halted || m->halt_button)
			break;
	}
	return waited < usec ? waited : usec;
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
