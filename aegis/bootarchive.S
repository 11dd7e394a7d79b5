/*
 * bootarchive.S - the boot archive (a cpio newc file built by the
 * Makefile from the programs the kernel starts with) linked into the
 * kernel image as read-only data. BOOT_ARCHIVE is its path.
 */
	.section .rodata.boot_archive, "a"
	.balign	4
	.globl	boot_archive_start, boot_archive_end
boot_archive_start:
	.incbin	BOOT_ARCHIVE
boot_archive_end:
	.balign	4
