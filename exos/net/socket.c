/*
 * socket.c - the socket table and the calls of net.h: argument checks,
 * timeouts (a deadline in net_now_ms() terms), then the protocol's own
 * function (udp_* in udp.c, tcp_* in tcp*.c).
 */
#include <errno.h>
#include "netint.h"

static struct sock socks[NET_MAX_SOCKETS];

struct sock *sock_get(int s)
{
	if (s < 0 || s >= NET_MAX_SOCKETS || !socks[s].type)
		return NULL;
	return &socks[s];
}

int sock_alloc(int type)
{
	for (int i = 0; i < NET_MAX_SOCKETS; i++)
		if (!socks[i].type) {
			socks[i].type = type;
			socks[i].timeout_ms = 0;
			socks[i].pcb = NULL;
			return i;
		}
	return -EMFILE;
}

void sock_free(int s)
{
	if (s >= 0 && s < NET_MAX_SOCKETS)
		socks[s].type = 0;
}

int net_port_in_use(unsigned proto, unsigned port)
{
	return proto == NET_UDP ? udp_uses_port(port) : tcp_uses_port(port);
}

unsigned net_ephemeral_port(unsigned proto)
{
	/* RFC 6335's dynamic range, started at a point that differs from
	   boot to boot (the clock), so that a restarted program does not
	   reuse its predecessor's port at once. */
	static unsigned next;
	if (!next)
		next = 49152 + net_now_ms() % 16384;
	for (unsigned i = 0; i < 16384; i++) {
		unsigned p = next;
		next = next == 65535 ? 49152 : next + 1;
		if (!net_port_in_use(proto, p))
			return p;
	}
	return 0;
}

static uint32_t deadline_of(struct sock *so)
{
	if (!so->timeout_ms)
		return 0;
	uint32_t d = net_now_ms() + so->timeout_ms;
	return d ? d : 1;
}

int net_socket(int type)
{
	int r = net_init();
	if (r)
		return r;
	if (type != NET_UDP && type != NET_TCP)
		return -EPROTONOSUPPORT;
	int s = sock_alloc(type);
	if (s < 0)
		return s;
	r = type == NET_UDP ? udp_open(&socks[s]) : tcp_open(&socks[s]);
	if (r < 0) {
		sock_free(s);
		return r;
	}
	return s;
}

int net_bind(int s, unsigned port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (port > 65535)
		return -EINVAL;
	return so->type == NET_UDP ? udp_bind(so, port) : tcp_bind(so, port);
}

int net_connect(int s, uint32_t ip, unsigned port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!ip || !port || port > 65535 || ip_is_local(ip))
		return -EINVAL;
	return so->type == NET_UDP ? udp_connect(so, ip, port) : tcp_connect(so, ip, port, deadline_of(so));
}

int net_connect_nb(int s, uint32_t ip, unsigned port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!ip || !port || port > 65535 || ip_is_local(ip))
		return -EINVAL;
	return so->type == NET_UDP ? udp_connect(so, ip, port) : tcp_connect_start(so, ip, port, deadline_of(so));
}

int net_connected(int s)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	return so->type == NET_UDP ? 0 : tcp_connected(so);
}

int net_listen(int s, int backlog)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (so->type != NET_TCP)
		return -EOPNOTSUPP;
	return tcp_listen(so, backlog);
}

int net_accept(int s, uint32_t *ip, unsigned *port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (so->type != NET_TCP)
		return -EOPNOTSUPP;
	return tcp_accept(so, ip, port, deadline_of(so));
}

int net_send(int s, const void *buf, unsigned len)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!buf && len)
		return -EFAULT;
	return so->type == NET_UDP ? udp_sendto(so, buf, len, 0, 0) : tcp_send(so, buf, len, deadline_of(so));
}

int net_sendto(int s, const void *buf, unsigned len, uint32_t ip, unsigned port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!buf && len)
		return -EFAULT;
	if (so->type != NET_UDP)
		return tcp_send(so, buf, len, deadline_of(so));	/* the connection's peer */
	if (!ip || !port)
		return -EINVAL;
	return udp_sendto(so, buf, len, ip, port);
}

int net_recv(int s, void *buf, unsigned len)
{
	return net_recvfrom(s, buf, len, NULL, NULL);
}

int net_recvfrom(int s, void *buf, unsigned len, uint32_t *ip, unsigned *port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!buf && len)
		return -EFAULT;
	if (so->type == NET_UDP)
		return udp_recvfrom(so, buf, len, ip, port, deadline_of(so));
	return tcp_recv(so, buf, len, deadline_of(so));
}

int net_close(int s)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	int r = so->type == NET_UDP ? udp_close(so) : tcp_close(so);
	sock_free(s);
	return r;
}

int net_set_timeout(int s, unsigned ms)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	so->timeout_ms = ms;
	return 0;
}

int net_readable(int s)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	return so->type == NET_UDP ? udp_readable(so) : tcp_readable(so);
}

/* ---- zero copy: which protocol a buffer is from is its socket's ---- */
int net_recv_zc(int s, struct net_buf **b)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!b)
		return -EFAULT;
	return so->type == NET_UDP ? udp_recv_zc(so, b, deadline_of(so)) : tcp_recv_zc(so, b, deadline_of(so));
}

/* Buffers remember their protocol: UDP's are its pool's (udp.c checks),
   every other is TCP's. */
void net_buf_release(struct net_buf *b)
{
	if (!b)
		return;
	if (udp_owns_buf(b))
		udp_buf_release(b);
	else
		tcp_buf_release(b);
}

struct net_buf *net_buf_get(int s, unsigned len)
{
	struct sock *so = sock_get(s);
	if (!so)
		return NULL;
	return so->type == NET_UDP ? udp_buf_get(so, len) : tcp_buf_get(so, len);
}

int net_send_zc(int s, struct net_buf *b)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!b)
		return -EFAULT;
	return so->type == NET_UDP ? udp_sendto_zc(so, b, 0, 0) : tcp_send_zc(so, b, deadline_of(so));
}

int net_sendto_zc(int s, struct net_buf *b, uint32_t ip, unsigned port)
{
	struct sock *so = sock_get(s);
	if (!so)
		return -EBADF;
	if (!b)
		return -EFAULT;
	if (so->type != NET_UDP)
		return tcp_send_zc(so, b, deadline_of(so));
	if (!ip || !port)
		return -EINVAL;
	return udp_sendto_zc(so, b, ip, port);
}
