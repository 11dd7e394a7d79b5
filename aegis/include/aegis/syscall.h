/*
 * aegis/syscall.h - the system-call ABI between Aegis and the programs
 * (library operating systems) it runs. Shared by the kernel and user code.
 *
 * Convention: `syscall` with the call number in v0 and up to four
 * arguments in a0..a3; the result comes back in v0, a negative AEGIS_E*
 * value on failure. Like an o32 procedure call, a system call may change
 * the caller-saved registers (at, v1, a0..a3, t0..t9, hi, lo; k0 and k1
 * are Aegis's at any time); s0..s8, gp, sp and ra are preserved.
 *
 * A pointer argument must lie in the program's own pages (its segments
 * and stack: the guaranteed mappings); memory a library OS mapped with
 * SYS_tlbwr is refused (-AEGIS_EFAULT): copy through a buffer in .bss.
 *
 * Two paths (SOSP'95 Table 4): calls below SYS_NOSTACK_MAX are answered
 * in the exception vector's own registers, without a kernel stack; the
 * rest run in C on the kernel's stack.
 */
#ifndef AEGIS_SYSCALL_H
#define AEGIS_SYSCALL_H

/* The no-stack path. */
#define SYS_pct_sync	0	/* protected control transfer to environment v1 (Table 2
				   "Scall"): jump to its synchronous entry point in its
				   address space; every register but k0/k1 (and v0 on an
				   error) reaches it unchanged: they are the message.
				   If v1 names no live environment the call returns
				   -AEGIS_EINVAL to the caller, in its own space.
				   Number 0, so that sys_entry tests it with one
				   branch (sysentry.S) */
#define SYS_getenvid	1	/* (): this environment's id */
#define SYS_pct_async	2	/* the same to its asynchronous entry ("Acall") */
#define SYS_yield	3	/* (id): give the rest of this slice to environment id
				   (Table 2 "Yield"; 0: to the next slice's owner);
				   returns 0 when this environment runs again; like a
				   procedure call it keeps s0-s8, gp, sp and ra, and the
				   caller-saved registers come back cleared */
#define SYS_NOSTACK_MAX	4
/* The with-stack path. */
#define SYS_null	4	/* (): nothing; the with-stack path's cost */
#define SYS_cputs	5	/* (const char *buf, unsigned len): console output */
#define SYS_exit	6	/* (int status): end this environment */
#define SYS_check	7	/* (int ok, const char *name): report one test check */
#define SYS_set_xsave	8	/* (void *area): the exception save area (16 bytes, aligned,
				   in a writable page this environment owns) */
#define SYS_set_handler 9	/* (int cause, void (*pc)(void)): handle cause in user mode;
				   pc 0 gives it back to Aegis */
#define SYS_map_counter 10	/* (): map pmaxsim's counter page read-only at
				   USER_COUNTER_VA; -AEGIS_ENOSYS on real hardware */
#define SYS_alloc	11	/* (rcap, wcap): a zeroed page; returns its page number */
#define SYS_dealloc	12	/* (ppn): free a page (owner only); its bindings break */
#define SYS_setcap	13	/* (ppn, rcap, wcap): new capabilities (owner only);
				   bindings made with the old ones break */
#define SYS_tlbwr	14	/* (va, ppn, cap, flags): bind va to ppn in the TLB and
				   STLB if cap allows it (Table 3 "TLBwr") */
#define SYS_tlbvadelete 15	/* (va, flags): remove va from the TLB (Table 3);
				   TLBVA_STLB: from the STLB too */
#define SYS_map_stlb	16	/* (va): map the STLB read-only at va (32 KB, aligned) */
#define SYS_set_entry	17	/* (sync_pc, async_pc): this environment's protected
				   entry points (0: leave as is) */
#define SYS_spawn	18	/* (name, namelen, arg0, arg1): a new environment, the
				   caller's child, from a program in the boot archive; it
				   starts with a0 = arg0, a1 = arg1 and one time slice.
				   Returns its id */
#define SYS_wait	19	/* (id, struct aegis_exit *out): a child's end: 0 and *out
				   once it has ended (its slot is then free), -AEGIS_EAGAIN
				   while it runs */
#define SYS_destroy	20	/* (id): end a child (or oneself); a child that has
				   already ended is left as it is (0) for SYS_wait */
#define SYS_slice_alloc	21	/* (pos): own slice pos of the time-slice vector (any
				   negative pos: any free one); returns the position */
#define SYS_slice_free	22	/* (pos): give back a slice this environment owns */
#define SYS_set_upcalls	23	/* (start_pc, end_pc, save): the interrupt context: where
				   slice starts and ends are delivered (0: Aegis saves and
				   resumes the environment itself) and a 32-byte upcall
				   save area (aligned, in a writable page of its program) */
#define SYS_cgetc	24	/* (): the next byte typed on the console, or -AEGIS_EAGAIN */
#define SYS_fpumod	25	/* (on): let this environment use the FPU (Table 3 "FPUmod") */
#define SYS_envinfo	26	/* (id, struct aegis_envinfo *out): what Aegis knows of an
				   environment; -AEGIS_ESRCH if none has that id. A slot
				   number (below AEGIS_MAX_ENVS) asks for the slot's */
#define SYS_set_revoke	27	/* (pc, vector, n): the revocation context: the handler for
				   revocation requests and repossession exceptions, and the
				   repossession vector (n words in a writable page of its
				   program): word 0 counts the page numbers after it.
				   -AEGIS_EFAULT for a pc or vector it may not use (n is
				   1..1024), -AEGIS_EINVAL for a handler with no save area */
#define SYS_cidswitch	28	/* (asid_slot): load one of this environment's context
				   identifiers (Table 3 "CIDswitch"): 0 its own, 1 a second
				   one allocated on first use */
#define SYS_archive_name 29	/* (n, buf, len): the name of the boot archive's n-th file
				   (from 0) into buf, NUL-terminated; returns its size in
				   bytes, -AEGIS_ENOENT past the last */
/* The network (<aegis/net.h>). */
#define SYS_dpf_insert	30	/* (const struct dpf_atom *atoms, n, flags): a packet
				   filter owned by this environment; returns its id.
				   -AEGIS_EINVAL a bad atom, -AEGIS_EBUSY it overlaps
				   another environment's filter that is not DPF_SHARED,
				   -AEGIS_ELIMIT too many atoms, filters or code */
#define SYS_dpf_remove	31	/* (id): remove one of this environment's filters (and
				   its ASH); its frames are then nobody's */
#define SYS_net_ring	32	/* (ring, nslots, slot_size, upcall_pc): where this
				   environment's frames land (struct aegis_rx_ring, in
				   its own writable pages; slot_size a multiple of 4,
				   at least AEGIS_RX_FRAME + 60); upcall_pc 0: it
				   polls; ring 0: none (its frames are dropped);
				   (ring, 0, 0, 0): re-arm the upcall */
#define SYS_net_send	33	/* (frame, len): send a frame (AEGIS_NET_MIN_FRAME..
				   AEGIS_NET_MTU_FRAME bytes, in the caller's own pages;
				   Aegis pads it to the minimum and adds the FCS);
				   -AEGIS_EAGAIN if the transmit ring is full,
				   -AEGIS_ENOSYS with no Ethernet */
#define SYS_net_info	34	/* (struct aegis_netinfo *out) */
#define SYS_ash_download 35	/* (filter id, const struct aegis_ash *): bind a handler
				   to one of this environment's filters (nwords 0:
				   remove it); -AEGIS_EINVAL with the reason in why
				   if the code is refused */
/* Boot arguments and time, for a library OS's configuration and timers. */
#define SYS_boot_arg	36	/* (n, buf, len): the n-th word (from 0) of the boot
				   arguments (the PROM's argv, split on spaces) into
				   buf, NUL-terminated; returns its length,
				   -AEGIS_ENOENT past the last, -AEGIS_EINVAL if
				   len cannot hold it */
#define SYS_clock	37	/* (struct aegis_clock *out): the time-slice clock */
/* The disk (<aegis/disk.h>): extents of blocks owned through capabilities. */
#define SYS_disk_info	38	/* (n, struct aegis_diskinfo *out) */
#define SYS_disk_alloc	39	/* (const struct aegis_disk_extent *x) */
#define SYS_disk_free	40	/* (disk, start, wcap): free the extent starting at
				   start, its blocks overwritten with zeros first (the
				   next owner never reads them); -AEGIS_EPERM if wcap
				   is not its write capability, -AEGIS_EINVAL if no
				   extent starts there, -AEGIS_EIO if the zeros could
				   not be written (then it is still the caller's) */
#define SYS_disk_read	41	/* (const struct aegis_disk_io *io): disk -> page */
#define SYS_disk_write	42	/* (const struct aegis_disk_io *io): page -> disk */
#define SYS_disk_extent	43	/* (disk, i, struct aegis_disk_extent *out): the i-th
				   extent (caps not shown); -AEGIS_ENOENT past the last */
#define SYS_disk_setcap	44	/* (const struct aegis_disk_extent *x, old_wcap): new
				   capabilities x->rcap, x->wcap for the extent at
				   x->start (x->nblocks its length); -AEGIS_EPERM if
				   old_wcap is not its write capability */
/* Environments made from memory the caller owns (the library OS loads
   programs and forks; Aegis knows no files), and page holds. */
#define SYS_env_create	45	/* (const struct aegis_env_image *img, flags): an
				   environment made of pages the caller owns or holds
				   (below). AEGIS_ENV_CHILD: a new environment, the
				   caller's child, with one time slice; returns its id.
				   AEGIS_ENV_REPLACE: the caller becomes the image
				   (exec), keeping its id, parent, children, slices and
				   checks; every other page it owned or held, its
				   bindings, handlers, save areas, upcalls, revocation
				   context, packet filters and second ASID are released
				   or reset as at creation; it does not return. Every
				   entry is checked before anything changes:
				   -AEGIS_EFAULT img or an entry not readable,
				   -AEGIS_EINVAL bad flags, count, vpn (outside user
				   space, USER_COUNTER_VA, twice), a page named twice,
				   pc or sp not in a mapped page or misaligned,
				   -AEGIS_EPERM a page the caller does not own (MOVE)
				   or hold (SHARE) or a wrong capability,
				   -AEGIS_EBUSY a MOVE of one of the caller's own
				   guaranteed mappings (CHILD), -AEGIS_ENOMEM no slot
				   or slice */
#define SYS_page_drop	46	/* (ppn): let go of a page the caller holds or owns;
				   the last to let go frees it, an owner's letting go
				   passes ownership to the lowest-numbered holder.
				   -AEGIS_EPERM neither, -AEGIS_EBUSY it is one of the
				   caller's guaranteed mappings (SYS_dealloc refuses
				   those too) */
#define SYS_tlbprot	47	/* (va, npages, flags): lower the rights of this
				   environment's own bindings (current ASID, TLB and
				   STLB) of the npages pages from va: read-only (flags
				   0) or removed (TLBPROT_NONE). It never adds a right,
				   so it needs no capability; pages with no binding are
				   skipped. One call for a range instead of one
				   SYS_tlbwr / SYS_tlbvadelete per page. Checked before
				   anything changes: -AEGIS_EINVAL va not page-aligned,
				   npages 0 or above TLBPROT_MAXPAGES, unknown flags, or
				   the range covers one of the caller's guaranteed
				   mappings (Aegis's, as for SYS_tlbwr); -AEGIS_EFAULT
				   the range reaches past user space (KSEG0_BASE) */
#define SYS_disk_readv	48	/* (const struct aegis_disk_iov *io): disk -> pages,
				   one SCSI command (<aegis/disk.h>) */
#define SYS_disk_writev	49	/* (const struct aegis_disk_iov *io): pages -> disk */
#define SYS_tlbwrprot	50	/* (va, ppn, cap, flags): SYS_tlbwr's binding of va and,
				   in the same call, SYS_tlbprot's lowering of one other
				   page of the caller, the page-aligned address in flags'
				   upper 20 bits (Appel and Li's handler: protect the page
				   opened last, open the faulting one). flags' low bits:
				   TLBWR_WRITE, TLBWR_UNCACHED for the new binding,
				   TLBWRP_NONE to remove the other page's binding (else
				   read-only). Every check of both before anything
				   changes: -AEGIS_EFAULT either page at or above
				   KSEG0_BASE; -AEGIS_EINVAL unknown flags, either page one
				   of the caller's guaranteed mappings, or both the same
				   page; -AEGIS_EPERM cap does not allow the binding */
#define SYS_MAX		51

#ifndef __ASSEMBLER__
/* SYS_env_create: one page of the new image. */
struct aegis_env_page {
	unsigned vpn;		/* AEGIS_PG_MAP: where the image sees it */
	unsigned ppn;		/* the page (AEGIS_PG_SELF: a vpn of the caller) */
	unsigned cap;		/* its write capability for AEGIS_PG_WRITE, else
				   its read one (unused with AEGIS_PG_SELF) */
	unsigned flags;		/* AEGIS_PG_* */
};
struct aegis_env_image {
	const struct aegis_env_page *pages;	/* in the caller's own pages */
	unsigned npages;	/* 1..AEGIS_IMG_MAX entries */
	unsigned pc, sp;	/* pc in a mapped page; sp 8-aligned, the word
				   below it in a writable mapped page */
	unsigned a[4];		/* a0..a3 at the start (other registers 0) */
	char name[16];		/* SYS_envinfo's name (NUL-terminated by Aegis) */
};
#endif
#define AEGIS_IMG_MAX	256
#define AEGIS_PG_MAP	1	/* a guaranteed mapping of the image at vpn */
#define AEGIS_PG_WRITE	2	/* writable (MAP, not SHARE) */
#define AEGIS_PG_SHARE	4	/* the image holds the page too (else: MOVE, the
				   caller's own page becomes the image's, and the
				   caller's TLB bindings of it break; it keeps its
				   capabilities until the new owner's SYS_setcap) */
#define AEGIS_PG_SELF	8	/* ppn is a vpn: the page of the caller's own
				   guaranteed mapping there (its program's pages
				   have no capabilities); WRITE only if that
				   mapping is writable */
#define AEGIS_ENV_CHILD	1
#define AEGIS_ENV_REPLACE 2

#ifndef __ASSEMBLER__
/* SYS_clock: the time-slice clock's ticks since boot (it interrupts
   hz times a second) and, where the machine has one, a finer
   free-running count (fine_mhz counts a microsecond; 0: none). */
struct aegis_clock {
	unsigned ticks;
	unsigned hz;
	unsigned fine_lo, fine_hi;
	unsigned fine_mhz;
};
#endif

/* SYS_tlbwr flags. */
#define TLBWR_WRITE	1	/* writable: needs the write capability */
#define TLBWR_UNCACHED	2
/* SYS_tlbvadelete flags. */
#define TLBVA_STLB	1
/* SYS_tlbprot flags, and its largest range (the STLB's size). */
#define TLBPROT_NONE	1
#define TLBPROT_MAXPAGES 4096
/* SYS_tlbwrprot's own flag (beside TLBWR_WRITE, TLBWR_UNCACHED). */
#define TLBWRP_NONE	4

/* Errors (returned negated). */
#define AEGIS_EINVAL	1	/* a bad argument */
#define AEGIS_EFAULT	2	/* a pointer the caller may not use */
#define AEGIS_ENOSYS	3	/* no such call */
#define AEGIS_EPERM	4	/* the capability does not allow it */
#define AEGIS_ENOMEM	5	/* no free page (SYS_spawn: or environment, or slice) */
#define AEGIS_EAGAIN	6	/* not yet: try again later */
#define AEGIS_ESRCH	7	/* no such environment (or not the caller's child) */
#define AEGIS_ENOENT	8	/* no such program in the boot archive (a disk:
				   none at that number, or no ownership table) */
#define AEGIS_EBUSY	9	/* taken (a slice another environment owns, frames
				   another environment's filter takes) */
#define AEGIS_ELIMIT	10	/* a limit reached (atoms, filters, code space) */
#define AEGIS_EIO	11	/* the disk failed */

/* Limits. At most AEGIS_MAX_ENVS - 1 environments live at once, each
   in a slot 1..AEGIS_MAX_ENVS-1 (its TLB address-space id). An
   environment's id is its slot and the generation of that slot, so the
   id of one that ended names nothing, even after another is made in its
   slot (the JOS and seL4 way): every call that takes an id refuses it.
   Generations start at 1, so an id is never below AEGIS_MAX_ENVS and 0
   is no environment; SYS_envinfo of a bare slot number 1..AEGIS_MAX_ENVS-1
   answers for whoever is in that slot (to list them all). */
#define AEGIS_MAX_ENVS	32
#define AEGIS_ENV_SLOT_BITS 5
#define AEGIS_ENV_SLOT(id)	((unsigned)(id) & (AEGIS_MAX_ENVS - 1))
#define AEGIS_ENV_GEN(id)	((unsigned)(id) >> AEGIS_ENV_SLOT_BITS)
#define AEGIS_ENV_ID(gen, slot)	((unsigned)(gen) << AEGIS_ENV_SLOT_BITS | (unsigned)(slot))
#define AEGIS_ENV_GEN_MAX	((1u << (31 - AEGIS_ENV_SLOT_BITS)) - 1)	/* ids stay positive */
#define AEGIS_PAGE_SIZE	4096u
/* Guaranteed mappings: the pages Aegis itself maps for an environment
   (its image's text, data and .bss, its USER_STACK_PAGES, device pages
   such as the counter page), at most AEGIS_MAX_GMAPS of them; more are
   refused (a program: "out of memory or mappings"; SYS_env_create:
   -AEGIS_EINVAL). 96: a program with the network stack and the file
   system (cheetah/httpd_conv) maps 64 and more; each entry is 12 bytes
   of the kernel's struct env, and 96 still fit its 2 KB (env.h). */
#define AEGIS_MAX_GMAPS	96

/* The user address space (kuseg) as the loader lays it out. Every user
   address is below USER_LIMIT (kseg0 and above are the kernel's). */
#define USER_LIMIT	0x80000000u
#define USER_TEXT_BASE	0x00400000u	/* programs are linked here */
#define USER_TOP	0x7ffff000u	/* initial stack pointer (below) */
#define USER_STACK_PAGES 4
#define USER_COUNTER_VA	0x7ff00000u	/* where SYS_map_counter puts it */


#ifndef __ASSEMBLER__
/* SYS_wait: how a child ended. */
struct aegis_exit {
	int status;		/* its SYS_exit status */
	int killed;		/* 0: it exited; else AEGIS_KILLED_* */
	unsigned exc_code;	/* the Cause.ExcCode that ended it (8, syscall, if it exited) */
	unsigned epc, badvaddr;
	unsigned checks;	/* SYS_check calls it made (a test program's report) */
	unsigned checks_failed;	/* how many of them said not ok */
};

/* SYS_envinfo. */
struct aegis_envinfo {
	unsigned id, parent;	/* parent 0: started by Aegis */
	unsigned state;		/* ENV_STATE_* */
	unsigned pages;		/* physical pages it owns */
	unsigned slices;	/* time slices it owns */
	unsigned excess;	/* its excess-time counter */
	unsigned ticks;		/* clock ticks it has been charged */
	char name[16];		/* its program's name (empty if the kernel made it from an
				   image rather than by name from the archive) */
	unsigned held;		/* pages it holds that others own (SYS_env_create) */
	unsigned free_pages;	/* free pages in the machine (leak checks) */
};
#endif
/* struct aegis_exit's killed: how Aegis ended an environment. */
#define AEGIS_KILLED_EXCEPTION	1	/* an exception it does not handle */
#define AEGIS_KILLED_EXCESS	2	/* excess time (the slice-end upcall ignored) */
#define AEGIS_KILLED_DESTROYED	3	/* SYS_destroy */
#define ENV_STATE_RUNNABLE	1
#define ENV_STATE_ENDED		2	/* ended, waiting for its parent's SYS_wait */

/* Upcalls arrive like exceptions, in user mode with interrupts on. A
   slice upcall (SYS_set_upcalls) saves one register, a0, at offset 0 of
   the upcall save area and sets a0 = the PC to resume at (0 at a slice
   start if the environment left by a PCT: nothing of it was saved). A
   revocation upcall (SYS_set_revoke) saves a0..a2 at offsets 16, 20, 24
   of the same area and sets a0 = the PC to resume at, a1 = its kind: */
#define REVOKE_REQUEST	1	/* a2 = pages to give back (SYS_dealloc) before the deadline */
#define REVOKE_REPOSSESSED 2	/* a2 = pages taken; their numbers are in the vector */
/* The upcall save area's layout (byte offsets). */
#define UPCALL_SAVE_A0		0	/* a slice upcall's interrupted a0 */
#define UPCALL_SAVE_REVOKE	16	/* a revocation upcall's a0, a1, a2 (then +4, +8) */
#define UPCALL_SAVE_SIZE	32
#endif
