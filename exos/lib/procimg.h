/*
 * exos/lib/procimg.h - what fork.c and exec.c share: the image they hand
 * to SYS_env_create (in .bss, where Aegis can read it), and the sync of
 * per-process state before another process may look at it.
 */
#ifndef EXOS_PROCIMG_H
#define EXOS_PROCIMG_H

#include <aegis/syscall.h>

extern struct aegis_env_page proc_pages[AEGIS_IMG_MAX];
extern struct aegis_env_image proc_img;
/* stdio flushed, the mounted file system synced. */
void proc_sync_files(void);

/* exec's convention (crt0.S, start.c): a2 = EXOS_EXEC_MAGIC says a0 is
   argc and a3 argv (its strings on the new stack); else a0, a1 are
   SYS_spawn's two words. */
#define EXOS_EXEC_MAGIC	0x65786563u	/* "exec" */

#endif
