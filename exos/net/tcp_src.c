/*
 * exos/net/tcp_src.c - TCP sending from the application's own memory
 * (net.h's net_tcp_send_src): Cheetah's merged file cache and
 * retransmission pool (Kaashoek et al., SOSP'97 §4; net-disk.md §9).
 * The send buffer is bypassed: tcp_send_seg asks the source for the
 * bytes of each segment it (re)sends, so acknowledged data are never
 * copied and a retransmission reads the cache again. Also the socket
 * options (NET_TCP_ACK_RIDE) that packet merging needs.
 */
#include <errno.h>
#include <string.h>
#include "net.h"
#include "tcp.h"

int tcp_src_fill(struct tcb *t, uint32_t seq, uint8_t *out, unsigned len, int64_t *dsum)
{
	uint32_t off = seq - t->src_seq0;
	*dsum = -1;
	if (off > t->src_len || len > t->src_len - off)
		return -EINVAL;		/* never: TCP sends only what is queued */
	struct net_src_piece pc[NET_SRC_MAXPIECES];
	int n = 0;
	int r = t->src->get(t->src_ctx, off, len, pc, &n);
	if (r < 0)
		return r;
	unsigned got = 0;
	for (int i = 0; i < n && i < NET_SRC_MAXPIECES; i++) {
		unsigned l = pc[i].len < len - got ? pc[i].len : len - got;
		memcpy(out + got, pc[i].p, l);
		got += l;
	}
	if (got != len)
		return -EIO;		/* the source gave short: the timer tries again */
	/* The precomputed sum fits only a segment cut where the source's were. */
	unsigned m = t->src->mss;
	if (t->src->sum && m && off % m == 0 &&
	    len == (t->src_len - off < m ? t->src_len - off : m))
		*dsum = t->src->sum(t->src_ctx, off / m);
	return 0;
}

void tcp_src_end(struct tcb *t, int err)
{
	const struct net_tcp_src *src = t->src;
	if (!src)
		return;
	t->src = NULL;
	if (src->done)
		src->done(t->src_ctx, err);
}

static struct tcb *tcb_of_id(int s)
{
	struct sock *so = sock_get(s);
	return so && so->type == NET_TCP ? so->pcb : NULL;
}

int net_tcp_send_src(int s, const struct net_tcp_src *src, void *ctx, uint32_t len, unsigned flags)
{
	struct tcb *t = tcb_of_id(s);
	if (!t || !src || !src->get || (flags & ~NET_SRC_FIN))
		return -EINVAL;
	if (t->state != TCP_ESTABLISHED && t->state != TCP_CLOSE_WAIT)
		return t->err ? t->err : -ENOTCONN;
	if (t->src || t->snd_len || t->fin_queued)
		return -EBUSY;
	if (len == 0) {
		if (src->done)
			src->done(ctx, 0);
		return flags & NET_SRC_FIN ? net_tcp_shutdown(s) : 0;
	}
	t->src = src;
	t->src_ctx = ctx;
	t->src_seq0 = t->snd_una;
	t->src_len = len;
	t->snd_len = len;
	if (flags & NET_SRC_FIN)
		return net_tcp_shutdown(s);	/* FIN queued before the first segment goes */
	tcp_output(t);
	return 0;
}

int net_tcp_shutdown(int s)
{
	struct tcb *t = tcb_of_id(s);
	if (!t)
		return -EBADF;
	if (t->fin_queued)
		return 0;
	if (t->state != TCP_ESTABLISHED && t->state != TCP_CLOSE_WAIT)
		return t->err ? t->err : -ENOTCONN;
	/* As tcp_close's, with the socket kept (RFC 793 CLOSE, "half-closed"). */
	t->fin_queued = 1;
	t->state = t->state == TCP_CLOSE_WAIT ? TCP_LAST_ACK : TCP_FIN_WAIT_1;
	tcp_output(t);
	return 0;
}

int net_tcp_abort(int s)
{
	struct tcb *t = tcb_of_id(s);
	if (!t)
		return -EBADF;
	if (t->state != TCP_CLOSED && t->state != TCP_LISTEN && t->state != TCP_SYN_SENT)
		tcp_send_seg(t, t->snd_nxt, 0, 0, TH_RST);	/* RFC 793 ABORT */
	if (t->state != TCP_LISTEN)
		tcp_drop(t, -ECONNABORTED);
	return net_close(s);
}

int net_tcp_src_busy(int s)
{
	struct tcb *t = tcb_of_id(s);
	return t && t->src != NULL;
}

int net_tcp_setopt(int s, int opt, int val)
{
	struct tcb *t = tcb_of_id(s);
	if (!t)
		return -EBADF;
	if (opt != NET_TCP_ACK_RIDE)
		return -EINVAL;
	t->ack_ride = val != 0;
	return 0;
}
