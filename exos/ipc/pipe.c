/*
 * pipe.c - ExOS pipes (SOSP'95 Table 8): a circular buffer in a page the
 * two processes share. The reader of an empty ring or the writer to a
 * full one yields the rest of its slice to the peer, which is the only
 * one who can change that. pipe_read/pipe_write are the out-of-line
 * calls ("pipe"); ipc.h has them inlined ("pipe'").
 */
#include "ipc.h"

int pipe_create(struct pipe *p, struct ipc_page *pg)
{
	int r = ipc_share(pg);
	if (r < 0)
		return r;
	p->r = (struct pipe_ring *)pg->va;
	p->peer = 0;
	p->yields = 0;
	return 0;
}

int pipe_attach(struct pipe *p, uint32_t ppn, uint32_t cap, int write, int peer)
{
	uint32_t va = ipc_map(ppn, cap, write);
	if (!va)
		return -AEGIS_EPERM;
	p->r = (struct pipe_ring *)va;
	p->peer = peer;
	p->yields = 0;
	return 0;
}

int pipe_write(struct pipe *p, const void *buf, unsigned len)
{
	if (p->r->closed)
		return -AEGIS_ESRCH;
	return pipe_write_inline(p, buf, len);
}

int pipe_read(struct pipe *p, void *buf, unsigned len)
{
	return pipe_read_inline(p, buf, len);
}

void pipe_close(struct pipe *p)
{
	p->r->closed = 1;
}
