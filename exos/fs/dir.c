/*
 * exos/fs/dir.c - ext2 directories: linked entries (inode, rec_len,
 * name_len, file_type, name) that never cross a block (ext2.rst,
 * "Directories"). An entry is added by splitting one with room to
 * spare, or in a new block; removed by merging it into the one before
 * it (the first of a block gets inode 0). Each change is one block
 * write. A hashed (dir_index) directory loses its index flag before
 * its first change, as a reader without htree support must do.
 */
#include <string.h>
#include "fsint.h"

uint8_t mode_ftype(uint32_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: return FS_FT_REG;
	case EXT2_S_IFDIR: return FS_FT_DIR;
	case EXT2_S_IFLNK: return FS_FT_SYMLINK;
	case 0x2000: return 3;	/* character device */
	case 0x6000: return 4;	/* block device */
	case 0x1000: return 5;	/* fifo */
	case 0xC000: return 6;	/* socket */
	}
	return FS_FT_UNKNOWN;
}

/* the entry at off in a block, or NULL if it is corrupt */
static struct ext2_dirent *entry(struct fs *fs, uint8_t *blk, uint32_t off)
{
	if (off + 8 > fs->bsize)
		return NULL;
	struct ext2_dirent *d = (struct ext2_dirent *)(blk + off);
	if (d->rec_len < 8 || d->rec_len % 4 || off + d->rec_len > fs->bsize ||
	    (d->inode && 8u + d->name_len > d->rec_len))
		return NULL;
	return d;
}

static int corrupt(struct fs *fs, uint32_t dir)
{
	(void)dir;
	strcpy(fs->err, "corrupt directory entry");
	return -EIO;
}

/* Walk dir's entries; the callback returns 0 to go on, else stops the
   walk with that value (1: found, the buffer stays held in *bp). */
typedef int (*dir_fn)(struct fs *fs, struct ext2_dirent *d, struct ext2_dirent *prev, void *arg);

static int dir_walk(struct fs *fs, uint32_t dir, dir_fn fn, void *arg, struct buf **bp)
{
	struct ext2_inode in;
	int err = iread(fs, dir, &in);
	if (err)
		return err;
	if ((in.i_mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
		return -ENOTDIR;
	uint32_t nblk = in.i_size / fs->bsize;
	for (uint32_t l = 0; l < nblk; l++) {
		uint32_t pb;
		if ((err = bmap(fs, &in, l, &pb)) < 0)
			return err;
		if (!pb)
			continue;
		struct buf *b = bget(fs, pb, &err);
		if (!b)
			return err;
		struct ext2_dirent *prev = NULL;
		for (uint32_t off = 0; off < fs->bsize;) {
			struct ext2_dirent *d = entry(fs, b->data, off);
			if (!d) {
				brelse(b);
				return corrupt(fs, dir);
			}
			int r = fn(fs, d, prev, arg);
			if (r) {
				if (r == 1 && bp)
					*bp = b;
				else
					brelse(b);
				return r;
			}
			prev = d;
			off += d->rec_len;
		}
		brelse(b);
	}
	return 0;
}

struct match {
	const char *name;
	uint32_t nlen;
	struct ext2_dirent *d, *prev;
};

static int match_fn(struct fs *fs, struct ext2_dirent *d, struct ext2_dirent *prev, void *arg)
{
	(void)fs;
	struct match *m = arg;
	if (d->inode && d->name_len == m->nlen && !memcmp(d->name, m->name, m->nlen)) {
		m->d = d;
		m->prev = prev;
		return 1;
	}
	return 0;
}

static int find(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, struct match *m,
		struct buf **bp)
{
	m->name = name;
	m->nlen = nlen;
	int r = dir_walk(fs, dir, match_fn, m, bp);
	return r == 1 ? 0 : r == 0 ? -ENOENT : r;
}

int dir_lookup(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t *ino, uint8_t *type)
{
	struct match m;
	struct buf *b = NULL;
	int err = find(fs, dir, name, nlen, &m, &b);
	if (err)
		return err;
	*ino = m.d->inode;
	if (type)
		*type = m.d->file_type;
	brelse(b);
	if (*ino > fs->sb.s_inodes_count)
		return corrupt(fs, dir);
	return 0;
}

/* before the first change of a hashed directory: drop its index */
static int unindex(struct fs *fs, uint32_t dir)
{
	struct ext2_inode in;
	int err = iread(fs, dir, &in);
	if (err || !(in.i_flags & EXT2_INDEX_FL))
		return err;
	in.i_flags &= ~(uint32_t)EXT2_INDEX_FL;
	return iwrite(fs, dir, &in);
}

static void fill(struct fs *fs, struct ext2_dirent *d, const char *name, uint32_t nlen, uint32_t ino,
		 uint8_t type)
{
	d->inode = ino;
	d->name_len = (uint8_t)nlen;
	d->file_type = fs->filetype ? type : 0;
	memcpy(d->name, name, nlen);
}

struct room {
	uint32_t need;
	struct ext2_dirent *d;
};

static int room_fn(struct fs *fs, struct ext2_dirent *d, struct ext2_dirent *prev, void *arg)
{
	(void)fs;
	(void)prev;
	struct room *r = arg;
	uint32_t used = d->inode ? EXT2_DIRENT_LEN(d->name_len) : 0;
	if (d->rec_len >= used + r->need) {
		r->d = d;
		return 1;
	}
	return 0;
}

int dir_add(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t ino, uint8_t type)
{
	if (nlen == 0 || nlen > 255)
		return nlen ? -ENAMETOOLONG : -ENOENT;
	int err = unindex(fs, dir);
	if (err)
		return err;
	struct room r = { EXT2_DIRENT_LEN(nlen), NULL };
	struct buf *b = NULL;
	int found = dir_walk(fs, dir, room_fn, &r, &b);
	if (found < 0)
		return found;
	if (found == 1) {
		struct ext2_dirent *d = r.d;
		if (d->inode) {	/* split: the new entry takes the slack */
			uint32_t used = EXT2_DIRENT_LEN(d->name_len);
			struct ext2_dirent *n = (struct ext2_dirent *)((uint8_t *)d + used);
			n->rec_len = (uint16_t)(d->rec_len - used);
			d->rec_len = (uint16_t)used;
			d = n;
		}
		fill(fs, d, name, nlen, ino, type);
		err = bdirty(fs, b);
		brelse(b);
		return err;
	}
	/* a new block: written before the directory's inode points to it */
	struct ext2_inode in;
	if ((err = iread(fs, dir, &in)) < 0)
		return err;
	uint32_t lblk = in.i_size / fs->bsize, last = 0, pb;
	if (lblk)
		bmap(fs, &in, lblk - 1, &last);
	if ((err = balloc(fs, last ? last + 1 : fs->gd[(dir - 1) / fs->sb.s_inodes_per_group].bg_inode_table, &pb)) < 0)
		return err;
	b = bzero_get(fs, pb, &err);
	if (!b)
		return err;
	struct ext2_dirent *d = (struct ext2_dirent *)b->data;
	d->rec_len = (uint16_t)fs->bsize;
	fill(fs, d, name, nlen, ino, type);
	err = bdirty(fs, b);
	brelse(b);
	uint32_t blocks0 = in.i_blocks;
	if (!err && (err = bmap_set(fs, dir, &in, lblk, pb)) < 0 && !fs->failed) {
		bfree(fs, pb);	/* ENOSPC for an indirect block: the new block goes back */
		if (in.i_blocks != blocks0)
			iwrite(fs, dir, &in);	/* an indirect block linked before it: keep it owned */
		return err;
	}
	if (!err) {
		in.i_size += fs->bsize;
		in.i_mtime = in.i_ctime = fs_now(fs);
		err = iwrite(fs, dir, &in);
	}
	return err;
}

int dir_remove(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen)
{
	int err = unindex(fs, dir);
	if (err)
		return err;
	struct match m;
	struct buf *b = NULL;
	if ((err = find(fs, dir, name, nlen, &m, &b)) < 0)
		return err;
	if (m.prev)
		m.prev->rec_len = (uint16_t)(m.prev->rec_len + m.d->rec_len);
	else
		m.d->inode = 0;
	err = bdirty(fs, b);
	brelse(b);
	return err;
}

int dir_set(struct fs *fs, uint32_t dir, const char *name, uint32_t nlen, uint32_t ino, uint8_t type)
{
	int err = unindex(fs, dir);
	if (err)
		return err;
	struct match m;
	struct buf *b = NULL;
	if ((err = find(fs, dir, name, nlen, &m, &b)) < 0)
		return err;
	m.d->inode = ino;
	m.d->file_type = fs->filetype ? type : 0;
	err = bdirty(fs, b);
	brelse(b);
	return err;
}

static int nonempty_fn(struct fs *fs, struct ext2_dirent *d, struct ext2_dirent *prev, void *arg)
{
	(void)fs;
	(void)prev;
	(void)arg;
	if (!d->inode)
		return 0;
	if ((d->name_len == 1 && d->name[0] == '.') ||
	    (d->name_len == 2 && d->name[0] == '.' && d->name[1] == '.'))
		return 0;
	return 2;
}

int dir_empty(struct fs *fs, uint32_t dir)
{
	int r = dir_walk(fs, dir, nonempty_fn, NULL, NULL);
	return r < 0 ? r : r == 0;
}

int dir_init(struct fs *fs, uint32_t dir, struct ext2_inode *in, uint32_t parent)
{
	uint32_t pb;
	int err = balloc(fs, fs->gd[(dir - 1) / fs->sb.s_inodes_per_group].bg_inode_table, &pb);
	if (err)
		return err;
	struct buf *b = bzero_get(fs, pb, &err);
	if (!b)
		return err;
	struct ext2_dirent *d = (struct ext2_dirent *)b->data;
	d->rec_len = 12;
	fill(fs, d, ".", 1, dir, FS_FT_DIR);
	d = (struct ext2_dirent *)(b->data + 12);
	d->rec_len = (uint16_t)(fs->bsize - 12);
	fill(fs, d, "..", 2, parent, FS_FT_DIR);
	err = bdirty(fs, b);
	brelse(b);
	if (!err)
		err = bmap_set(fs, dir, in, 0, pb);
	if (!err)
		in->i_size = fs->bsize;
	return err;
}

int dir_read(struct fs *fs, uint32_t dir, uint32_t *off, struct fs_dirent *e)
{
	struct ext2_inode in;
	int err = iread(fs, dir, &in);
	if (err)
		return err;
	while (*off < in.i_size) {
		uint32_t pb, o = *off % fs->bsize;
		if ((err = bmap(fs, &in, *off / fs->bsize, &pb)) < 0)
			return err;
		if (!pb) {
			*off = (*off / fs->bsize + 1) * fs->bsize;
			continue;
		}
		struct buf *b = bget(fs, pb, &err);
		if (!b)
			return err;
		struct ext2_dirent *d = entry(fs, b->data, o);
		if (!d) {
			brelse(b);
			return corrupt(fs, dir);
		}
		*off += d->rec_len;
		if (d->inode) {
			e->ino = d->inode;
			e->type = d->file_type;
			memcpy(e->name, d->name, d->name_len);
			e->name[d->name_len] = 0;
			brelse(b);
			return 1;
		}
		brelse(b);
	}
	return 0;
}

/* a rename within one directory as one block write, when the new name
   fits in the old entry's record: 1 done, 0 no room, or -errno */
int dir_rename_inplace(struct fs *fs, uint32_t dir, const char *from, uint32_t flen, const char *to,
		       uint32_t tlen)
{
	int err = unindex(fs, dir);
	if (err)
		return err;
	struct match m;
	struct buf *b = NULL;
	if ((err = find(fs, dir, from, flen, &m, &b)) < 0)
		return err;
	if (EXT2_DIRENT_LEN(tlen) > m.d->rec_len) {
		brelse(b);
		return 0;
	}
	m.d->name_len = (uint8_t)tlen;
	memcpy(m.d->name, to, tlen);
	err = bdirty(fs, b);
	brelse(b);
	return err ? err : 1;
}
