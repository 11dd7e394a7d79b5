/*
 * hostterm.c - pmaxsim's host terminal: raw mode while the guest runs, so
 * that every key reaches the guest as the byte it is (one echo: the
 * guest's; Ctrl-C, Ctrl-Z, Ctrl-S and Ctrl-D are bytes, not signals or
 * line discipline), as a real serial line would deliver them; and the
 * terminal's own settings back on every way out: a normal end (atexit),
 * and the signals that end a process (their handlers restore, then
 * re-raise with the default action). Output post-processing (OPOST, so
 * "\n" is shown as CR LF) is left as it was.
 * Process state, not a machine's: linked into pmaxsim only (like main.o,
 * not into SIM_LIB_OBJS).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "hostterm.h"

static struct termios saved;
static volatile sig_atomic_t saved_fd = -1;

void hostterm_restore(void)
{
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved);	/* async-signal-safe */
}

static void on_fatal_signal(int sig)
{
	hostterm_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

int hostterm_raw(int fd)
{
	static const int fatal[] = { SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE,
				     SIGILL, SIGABRT, SIGPIPE, SIGXCPU, SIGXFSZ };
	if (saved_fd >= 0 || !isatty(fd) || tcgetattr(fd, &saved) != 0)
		return -1;
	struct termios t = saved;
	/* As cfmakeraw, but for the output side and the character size. */
	t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL |
				 IXON | IXOFF);
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	saved_fd = fd;
	atexit(hostterm_restore);
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESETHAND;
		struct sigaction old;
		/* A signal ignored by whoever started us stays ignored. */
		if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal[i], &sa, NULL);
	}
	if (tcsetattr(fd, TCSANOW, &t) != 0) {
		saved_fd = -1;
		return -1;
	}
	return 0;
}
