/*
 * exos/fs/shcmd.c - the shell's file commands (shcmd.h), through
 * newlib's calls like any program's, so the disk is mounted at the
 * first one (posix.c).
 */
#ifdef __mips__
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exos.h"
#include "posix.h"
#include "shcmd.h"

static int fail(const char *cmd, const char *path)
{
	iprintf("sh: %s: %s: %s\n", cmd, path, strerror(errno));
	return 1;
}

static char type_char(mode_t m)
{
	return S_ISDIR(m) ? 'd' : S_ISREG(m) ? '-' : S_ISLNK(m) ? 'l' : '?';
}

static void ls_line(const struct stat *st, const char *name)
{
	iprintf("%c %8lu %s%s\n", type_char(st->st_mode), (unsigned long)st->st_size, name,
	       S_ISDIR(st->st_mode) ? "/" : "");
}

/* The entries of dir, their names sorted; "." and ".." left out. */
static int ls(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return fail("ls", path);
	if (!S_ISDIR(st.st_mode)) {
		ls_line(&st, path);
		return 0;
	}
	DIR *d = opendir(path);
	if (!d)
		return fail("ls", path);
	char (*names)[256] = NULL;
	unsigned n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			void *m = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof *names);
			if (!m) {
				errno = ENOMEM;
				closedir(d);
				free(names);
				return fail("ls", path);
			}
			names = m;
		}
		strcpy(names[n++], e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, (int (*)(const void *, const void *))strcmp);
	for (unsigned i = 0; i < n; i++) {
		char full[EXOS_PATH_MAX];
		sniprintf(full, sizeof full, "%s/%s", path, names[i]);
		if (stat(full, &st) < 0)
			fail("ls", full);
		else
			ls_line(&st, names[i]);
	}
	free(names);
	return 0;
}

static int cat(const char *path)
{
	char buf[512];
	int fd = open(path, O_RDONLY), n;
	if (fd < 0)
		return fail("cat", path);
	fflush(stdout);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	int e = errno;
	close(fd);
	errno = e;
	return n < 0 ? fail("cat", path) : 0;
}

/* to, or to/NAME (NAME: from's last part) when to is a directory */
static const char *target(const char *from, const char *to, char *buf, size_t len)
{
	struct stat st;
	if (stat(to, &st) < 0 || !S_ISDIR(st.st_mode))
		return to;
	const char *base = strrchr(from, '/');
	base = base ? base + 1 : from;
	sniprintf(buf, len, "%s/%s", to, base);
	return buf;
}

static int cp(const char *from, const char *to0)
{
	char tbuf[EXOS_PATH_MAX];
	const char *to = target(from, to0, tbuf, sizeof tbuf);
	struct stat st;
	int in = open(from, O_RDONLY);
	if (in < 0)
		return fail("cp", from);
	if (fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(in);
		errno = EISDIR;
		return fail("cp", from);
	}
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		int e = errno;
		close(in);
		errno = e;
		return fail("cp", to);
	}
	char *buf = malloc(4096);	/* the heap: the stack is 4 pages */
	int n = 0, bad = 0;
	if (!buf) {
		errno = ENOMEM;
		bad = fail("cp", to);
	}
	while (!bad && (n = read(in, buf, 4096)) > 0)
		if (write(out, buf, (size_t)n) != n)
			bad = fail("cp", to);
	if (!bad && n < 0)
		bad = fail("cp", from);
	free(buf);
	close(in);
	if (close(out) < 0 && !bad)
		bad = fail("cp", to);
	return bad;
}

static int mv(const char *from, const char *to0)
{
	char tbuf[EXOS_PATH_MAX];
	const char *to = target(from, to0, tbuf, sizeof tbuf);
	return rename(from, to) < 0 ? fail("mv", from) : 0;
}

static int usage(const char *u)
{
	iprintf("usage: %s\n", u);
	return 1;
}

static int mkdir_755(const char *path) { return mkdir(path, 0755); }

/* rm, mkdir, rmdir: the call on each argument, an error line for each failure */
static void each(int argc, char **argv, const char *use, int (*call)(const char *))
{
	if (argc < 2)
		usage(use);
	for (int i = 1; i < argc; i++)
		if (call(argv[i]) < 0)
			fail(argv[0], argv[i]);
}

int sh_file_command(int argc, char **argv)
{
	const char *c = argv[0];
	if (!strcmp(c, "ls")) {
		if (!exos_fs_get())
			return 0;	/* no file system: the boot archive's list */
		if (argc > 2)
			usage("ls [PATH]");
		else
			ls(argc == 2 ? argv[1] : ".");
	} else if (!strcmp(c, "cat")) {
		if (argc < 2)
			usage("cat FILE...");
		for (int i = 1; i < argc; i++)
			cat(argv[i]);
	} else if (!strcmp(c, "cp")) {
		if (argc != 3)
			usage("cp FROM TO");
		else
			cp(argv[1], argv[2]);
	} else if (!strcmp(c, "mv")) {
		if (argc != 3)
			usage("mv FROM TO");
		else
			mv(argv[1], argv[2]);
	} else if (!strcmp(c, "rm")) {
		each(argc, argv, "rm FILE...", unlink);
	} else if (!strcmp(c, "mkdir")) {
		each(argc, argv, "mkdir DIR...", mkdir_755);
	} else if (!strcmp(c, "rmdir")) {
		each(argc, argv, "rmdir DIR...", rmdir);
	} else if (!strcmp(c, "cd")) {
		if (argc > 2)
			usage("cd [DIR]");
		else if (chdir(argc == 2 ? argv[1] : "/") < 0)
			fail("cd", argc == 2 ? argv[1] : "/");
	} else if (!strcmp(c, "pwd")) {
		char buf[EXOS_PATH_MAX];
		if (argc > 1)
			usage("pwd");
		else if (getcwd(buf, sizeof buf))
			iprintf("%s\n", buf);
	} else
		return 0;
	return 1;
}
#endif
