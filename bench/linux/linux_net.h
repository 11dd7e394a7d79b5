/*
 * linux_net.h - IPv4 over eth0 for the Linux baseline's nolibc programs
 * (httpd.c, webget.c): the uapi structures and numbers nolibc 6.1 lacks
 * (linux/in.h, if.h, sockios.h, socket.h as MIPS defines them: its
 * SOCK_STREAM is 2, SOCK_DGRAM 1, SOL_SOCKET 0xffff), configuring eth0
 * with ioctls as ifconfig does, and "a.b.c.d[/len]" parsing. nolibc
 * cannot pass six syscall arguments on MIPS, so there is no sendto or
 * recvfrom here: TCP needs only read and write.
 */
#ifndef BENCH_LINUX_LINUX_NET_H
#define BENCH_LINUX_LINUX_NET_H

struct lnet_sin {		/* struct sockaddr_in */
	unsigned short family, port;	/* port in network order */
	unsigned char addr[4];
	unsigned char zero[8];
};
struct lnet_ifreq {
	char name[16];
	union { struct lnet_sin sin; short flags; char pad[24]; } u;
};
struct lnet_timeval {
	long sec, usec;
};
#define LNET_AF_INET		2
#define LNET_SOCK_DGRAM		1
#define LNET_SOCK_STREAM	2
#define LNET_SOL_SOCKET		0xffff	/* arch/mips/include/uapi/asm/socket.h */
#define LNET_SO_REUSEADDR	0x0004
#define LNET_SO_SNDTIMEO	0x1005
#define LNET_SO_RCVTIMEO	0x1006
#define LNET_SHUT_WR		1
#define LNET_SIOCGIFFLAGS	0x8913
#define LNET_SIOCSIFFLAGS	0x8914
#define LNET_SIOCSIFADDR	0x8916
#define LNET_SIOCSIFNETMASK	0x891c
#define LNET_IFF_UP		0x1

static __attribute__((unused)) int lnet_ret(long r)
{
	if (r < 0) {
		SET_ERRNO(-r);
		return -1;
	}
	return (int)r;
}

static __attribute__((unused)) int lnet_socket(int type)
{
	return lnet_ret(my_syscall3(__NR_socket, LNET_AF_INET, type, 0));
}

static __attribute__((unused)) int lnet_setsockopt(int fd, int opt, const void *val, int len)
{
	return lnet_ret(my_syscall5(__NR_setsockopt, fd, LNET_SOL_SOCKET, opt, val, len));
}

/* SO_SNDTIMEO or SO_RCVTIMEO in ms: a blocked write or read gives up
   with EAGAIN after it (socket(7)). */
static __attribute__((unused)) int lnet_timeout(int fd, int opt, unsigned ms)
{
	struct lnet_timeval tv = { (long)(ms / 1000), (long)(ms % 1000) * 1000 };
	return lnet_setsockopt(fd, opt, &tv, sizeof tv);
}

/* "a.b.c.d" (then end, or "/" if slash is not NULL: the prefix length
   after it into *slash) into four bytes; 0 if it is not one. */
static __attribute__((unused)) int lnet_parse_ip(const char *s, unsigned char ip[4], int *slash)
{
	for (int i = 0; i < 4; i++) {
		int v = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4)
			v = v * 10 + (*s++ - '0'), digits++;
		if (!digits || v > 255)
			return 0;
		ip[i] = (unsigned char)v;
		if (i < 3 && *s++ != '.')
			return 0;
	}
	if (!slash)
		return *s == 0;
	*slash = 24;
	if (*s == 0)
		return 1;
	if (*s++ != '/')
		return 0;
	int len = 0, digits = 0;
	while (*s >= '0' && *s <= '9' && digits < 3)
		len = len * 10 + (*s++ - '0'), digits++;
	if (!digits || *s || len < 1 || len > 30)
		return 0;
	*slash = len;
	return 1;
}

static __attribute__((unused)) void lnet_sin_set(struct lnet_sin *sa, const unsigned char ip[4], int port)
{
	memset(sa, 0, sizeof *sa);
	sa->family = LNET_AF_INET;
	sa->port = (unsigned short)((port & 0xff) << 8 | (port >> 8 & 0xff));	/* htons, little-endian CPU */
	memcpy(sa->addr, ip, 4);
}

/* eth0 gets ip/prefix and comes up: the kernel adds the subnet's route
   and answers ARP for ip from then on (what ifconfig eth0 ADDR up does). */
static __attribute__((unused)) int lnet_eth0_up(const unsigned char ip[4], int prefix)
{
	unsigned long m = prefix ? 0xffffffffUL << (32 - prefix) : 0;
	unsigned char mask[4] = { (unsigned char)(m >> 24), (unsigned char)(m >> 16),
				  (unsigned char)(m >> 8), (unsigned char)m };
	int fd = lnet_socket(LNET_SOCK_DGRAM), ok = fd >= 0;
	struct lnet_ifreq r;
	memset(&r, 0, sizeof r);
	strcpy(r.name, "eth0");
	lnet_sin_set(&r.u.sin, ip, 0);
	ok = ok && ioctl(fd, LNET_SIOCSIFADDR, &r) == 0;
	lnet_sin_set(&r.u.sin, mask, 0);
	ok = ok && ioctl(fd, LNET_SIOCSIFNETMASK, &r) == 0;
	memset(&r.u, 0, sizeof r.u);
	ok = ok && ioctl(fd, LNET_SIOCGIFFLAGS, &r) == 0;
	r.u.flags |= LNET_IFF_UP;
	ok = ok && ioctl(fd, LNET_SIOCSIFFLAGS, &r) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Writing to a connection the peer reset raises SIGPIPE, which would end
   the program: ignore it (rt_sigaction, SIG_IGN; MIPS's struct sigaction
   puts sa_flags first and SIGPIPE is 13), so write fails with EPIPE. */
static __attribute__((unused)) int lnet_ignore_sigpipe(void)
{
	struct { unsigned flags; unsigned long handler; unsigned long mask[4]; } sa;
	memset(&sa, 0, sizeof sa);
	sa.handler = 1;		/* SIG_IGN */
	return lnet_ret(my_syscall4(__NR_rt_sigaction, 13, &sa, NULL, sizeof sa.mask));
}

#endif
