/*
 * exos/fs/path.c - a path made absolute against a current directory,
 * with "." and ".." taken away by the text alone (the file system has
 * no symlinks to follow, so this is what looking them up would give;
 * ".." of "/" is "/", as in POSIX).
 */
#include <errno.h>
#include <string.h>
#include "fs.h"

int fs_path_join(const char *cwd, const char *path, char *out, uint32_t len)
{
	uint32_t n = 0;
	if (len < 2)
		return -ENAMETOOLONG;
	out[n++] = '/';
	for (int part = path[0] == '/' ? 1 : 0; part < 2; part++) {
		const char *p = part ? path : cwd;
		while (*p) {
			while (*p == '/')
				p++;
			const char *e = p;
			while (*e && *e != '/')
				e++;
			uint32_t k = (uint32_t)(e - p);
			if (k == 0 || (k == 1 && p[0] == '.')) {
				/* nothing, or "." */
			} else if (k == 2 && p[0] == '.' && p[1] == '.') {
				while (n > 1 && out[n - 1] != '/')
					n--;
				if (n > 1)
					n--;	/* the slash before the last name */
			} else {
				if (n + (n > 1) + k + 1 > len)
					return -ENAMETOOLONG;
				if (n > 1)
					out[n++] = '/';
				memcpy(out + n, p, k);
				n += k;
			}
			p = e;
		}
	}
	out[n] = 0;
	return 0;
}
