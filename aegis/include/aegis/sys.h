/*
 * aegis/sys.h - the system-call stubs, one function per call of
 * <aegis/syscall.h>, and string output. The stubs are <aegis/sys.S>, which
 * a program or library OS assembles and links itself: Aegis's own test
 * programs (aegis/aegis.mk) and ExOS's library (exos/exos.mk) do.
 */
#ifndef AEGIS_SYS_H
#define AEGIS_SYS_H

#include <aegis/syscall.h>

int sys_null(void);
int sys_cputs(const char *buf, unsigned len);
void sys_exit(int status) __attribute__((noreturn));
int sys_getenvid(void);
int sys_check(int ok, const char *name);
int sys_set_xsave(void *area);
int sys_set_handler(int cause, void (*pc)(void));
int sys_map_counter(void);
int sys_alloc(unsigned rcap, unsigned wcap);
int sys_dealloc(unsigned ppn);
int sys_setcap(unsigned ppn, unsigned rcap, unsigned wcap);
int sys_tlbwr(unsigned va, unsigned ppn, unsigned cap, unsigned flags);
int sys_tlbvadelete(unsigned va, unsigned flags);
int sys_tlbprot(unsigned va, unsigned npages, unsigned flags);
int sys_tlbwrprot(unsigned va, unsigned ppn, unsigned cap, unsigned flags);
int sys_map_stlb(unsigned va);
int sys_set_entry(void (*sync_pc)(void), void (*async_pc)(void));
int sys_yield(int id);
int sys_spawn(const char *name, unsigned namelen, unsigned arg0, unsigned arg1);
int sys_wait(int id, struct aegis_exit *out);
int sys_destroy(int id);
int sys_slice_alloc(int pos);
int sys_slice_free(int pos);
int sys_set_upcalls(void (*start_pc)(void), void (*end_pc)(void), void *save);
int sys_cgetc(void);
int sys_fpumod(int on);
int sys_envinfo(int id, struct aegis_envinfo *out);
int sys_set_revoke(void (*pc)(void), unsigned *vector, unsigned n);
int sys_cidswitch(int slot);
int sys_archive_name(unsigned n, char *buf, unsigned len);
struct dpf_atom;
struct aegis_netinfo;
struct aegis_rx_ring;
struct aegis_ash;
int sys_dpf_insert(const struct dpf_atom *atoms, unsigned n, unsigned flags);
int sys_dpf_remove(int id);
int sys_net_ring(struct aegis_rx_ring *ring, unsigned nslots, unsigned slot_size,
		 void (*upcall)(void));
int sys_net_send(const void *frame, unsigned len);
int sys_net_info(struct aegis_netinfo *out);
int sys_ash_download(int id, const struct aegis_ash *ash);
int sys_boot_arg(unsigned n, char *buf, unsigned len);
int sys_clock(struct aegis_clock *out);
struct aegis_diskinfo;
struct aegis_disk_extent;
struct aegis_disk_io;
int sys_disk_info(unsigned n, struct aegis_diskinfo *out);
int sys_disk_alloc(const struct aegis_disk_extent *x);
int sys_disk_free(unsigned disk, unsigned start, unsigned wcap);
int sys_disk_read(const struct aegis_disk_io *io);
int sys_disk_write(const struct aegis_disk_io *io);
int sys_disk_extent(unsigned disk, unsigned i, struct aegis_disk_extent *out);
int sys_disk_setcap(const struct aegis_disk_extent *x, unsigned old_wcap);
int sys_env_create(const struct aegis_env_image *img, unsigned flags);
int sys_page_drop(unsigned ppn);
struct aegis_disk_iov;
int sys_disk_readv(const struct aegis_disk_iov *io);
int sys_disk_writev(const struct aegis_disk_iov *io);

static inline unsigned ustrlen(const char *s)
{
	unsigned n = 0;
	while (s[n])
		n++;
	return n;
}

static inline int uputs(const char *s)
{
	return sys_cputs(s, ustrlen(s));
}

#endif
