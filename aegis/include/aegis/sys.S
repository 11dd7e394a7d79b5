/*
 * aegis/sys.S - the user-side system-call stubs <aegis/sys.h> declares,
 * for a program or library OS to assemble and link itself: real functions
 * (assembly may jal them), the call number in v0, the arguments already
 * in a0..a3 (o32), the result back in v0.
 */
#include <aegis/syscall.h>
	.set	noreorder
	.text

#define STUB(name, num)		\
	.globl	name;		\
	.ent	name;		\
name:	li	$v0, num;	\
	syscall;		\
	jr	$ra;		\
	nop;			\
	.end	name

STUB(sys_null, SYS_null)
STUB(sys_cputs, SYS_cputs)
STUB(sys_exit, SYS_exit)
STUB(sys_getenvid, SYS_getenvid)
STUB(sys_check, SYS_check)
STUB(sys_set_xsave, SYS_set_xsave)
STUB(sys_set_handler, SYS_set_handler)
STUB(sys_map_counter, SYS_map_counter)
STUB(sys_alloc, SYS_alloc)
STUB(sys_dealloc, SYS_dealloc)
STUB(sys_setcap, SYS_setcap)
STUB(sys_tlbwr, SYS_tlbwr)
STUB(sys_tlbvadelete, SYS_tlbvadelete)
STUB(sys_tlbprot, SYS_tlbprot)
STUB(sys_tlbwrprot, SYS_tlbwrprot)
STUB(sys_map_stlb, SYS_map_stlb)
STUB(sys_set_entry, SYS_set_entry)
STUB(sys_yield, SYS_yield)
STUB(sys_spawn, SYS_spawn)
STUB(sys_wait, SYS_wait)
STUB(sys_destroy, SYS_destroy)
STUB(sys_slice_alloc, SYS_slice_alloc)
STUB(sys_slice_free, SYS_slice_free)
STUB(sys_set_upcalls, SYS_set_upcalls)
STUB(sys_cgetc, SYS_cgetc)
STUB(sys_fpumod, SYS_fpumod)
STUB(sys_envinfo, SYS_envinfo)
STUB(sys_set_revoke, SYS_set_revoke)
STUB(sys_cidswitch, SYS_cidswitch)
STUB(sys_archive_name, SYS_archive_name)
STUB(sys_dpf_insert, SYS_dpf_insert)
STUB(sys_dpf_remove, SYS_dpf_remove)
STUB(sys_net_ring, SYS_net_ring)
STUB(sys_net_send, SYS_net_send)
STUB(sys_net_info, SYS_net_info)
STUB(sys_ash_download, SYS_ash_download)
STUB(sys_boot_arg, SYS_boot_arg)
STUB(sys_clock, SYS_clock)
STUB(sys_disk_info, SYS_disk_info)
STUB(sys_disk_alloc, SYS_disk_alloc)
STUB(sys_disk_free, SYS_disk_free)
STUB(sys_disk_read, SYS_disk_read)
STUB(sys_disk_write, SYS_disk_write)
STUB(sys_disk_extent, SYS_disk_extent)
STUB(sys_disk_setcap, SYS_disk_setcap)
STUB(sys_env_create, SYS_env_create)
STUB(sys_page_drop, SYS_page_drop)
STUB(sys_disk_readv, SYS_disk_readv)
STUB(sys_disk_writev, SYS_disk_writev)
