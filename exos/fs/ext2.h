/*
 * exos/fs/ext2.h - the ext2 on-disk format (revision 0 and 1), written
 * from the kernel.org Documentation/filesystems/ext2.rst and the field
 * definitions of e2fsprogs' lib/ext2fs/ext2_fs.h (names follow them).
 * Little-endian on disk, as are the DECstation and the test host, so
 * the structures are used in place.
 */
#ifndef EXOS_FS_EXT2_H
#define EXOS_FS_EXT2_H

#include <stdint.h>

#define EXT2_MAGIC		0xEF53
#define EXT2_SB_OFFSET		1024	/* bytes, whatever the block size */
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_VALID_FS		1	/* s_state: unmounted cleanly */

/* features (ext2_fs.h's EXT2_FEATURE_* and EXT3/4 bits we must know to refuse) */
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT3_FEATURE_INCOMPAT_RECOVER		0x0004
#define EXT3_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT3_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
/* what this library writes correctly */
#define EXT2_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

struct ext2_super {
	uint32_t s_inodes_count, s_blocks_count, s_r_blocks_count;
	uint32_t s_free_blocks_count, s_free_inodes_count;
	uint32_t s_first_data_block, s_log_block_size, s_log_frag_size;
	uint32_t s_blocks_per_group, s_frags_per_group, s_inodes_per_group;
	uint32_t s_mtime, s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic, s_state, s_errors, s_minor_rev_level;
	uint32_t s_lastcheck, s_checkinterval, s_creator_os, s_rev_level;
	uint16_t s_def_resuid, s_def_resgid;
	/* revision 1 (EXT2_DYNAMIC_REV) */
	uint32_t s_first_ino;
	uint16_t s_inode_size, s_block_group_nr;
	uint32_t s_feature_compat, s_feature_incompat, s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks, s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	uint8_t s_rest[1024 - 208];
};

struct ext2_group_desc {
	uint32_t bg_block_bitmap, bg_inode_bitmap, bg_inode_table;
	uint16_t bg_free_blocks_count, bg_free_inodes_count, bg_used_dirs_count;
	uint16_t bg_flags;
	uint32_t bg_reserved[3];
};

struct ext2_inode {
	uint16_t i_mode, i_uid;
	uint32_t i_size, i_atime, i_ctime, i_mtime, i_dtime;
	uint16_t i_gid, i_links_count;
	uint32_t i_blocks;	/* 512-byte units, indirect blocks included */
	uint32_t i_flags, i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation, i_file_acl, i_size_high, i_faddr;
	uint8_t i_osd2[12];
};

#define EXT2_INDEX_FL		0x00001000	/* hashed-indexed directory */

/* i_mode */
#define EXT2_S_IFMT	0xF000
#define EXT2_S_IFREG	0x8000
#define EXT2_S_IFDIR	0x4000
#define EXT2_S_IFLNK	0xA000

struct ext2_dirent {
	uint32_t inode;		/* 0: unused */
	uint16_t rec_len;	/* to the next entry; entries never cross a block */
	uint8_t name_len;
	uint8_t file_type;	/* with INCOMPAT_FILETYPE */
	char name[];
};
#define EXT2_DIRENT_LEN(n)	((8u + (n) + 3u) & ~3u)

_Static_assert(sizeof(struct ext2_super) == 1024, "superblock is 1 KB");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor is 32 B");
_Static_assert(sizeof(struct ext2_inode) == 128, "inode is 128 B");

#endif
