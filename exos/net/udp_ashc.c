/*
 * udp_ashc.c - net_udp_ash and friends: download udp_ash.S (the UDP
 * reply handler) into Aegis for a bound UDP socket's filter, with its
 * state (counter offset, match, count, reply buffer) in this program's
 * .bss, where the handler may store (the heap is not the program's own
 * pages as Aegis sees them).
 */
#include <errno.h>
#include <string.h>
#include "exos.h"
#include "netint.h"

extern const unsigned udp_ash[], udp_ash_end[];

/* The layout udp_ash.S reads (its comment). */
struct udp_ash_state {
	uint32_t counter_off;		/* 0xffffffff: none */
	volatile uint32_t count;
	uint32_t match_len;
	uint8_t tag[4];
	uint32_t match_tag;
	uint16_t pad;
	uint8_t frame[ETH_HLEN + ETH_MTU];	/* at 22: 2 past a word */
} __attribute__((aligned(128)));
/* 128-aligned (and so 1536 bytes, 12 x 128): a reply of up to 106 bytes
   (Table 11's 102) never crosses a page, so Aegis sends it from the page
   itself instead of gathering it (aegis/net/ash.c ash_send_call), and
   that does not depend on where the linker put this .bss. */
_Static_assert(sizeof(struct udp_ash_state) == 1536, "12 x 128 bytes");

#define ASH_SOCKETS	2	/* a frame buffer each, in .bss */
static struct udp_ash_state states[ASH_SOCKETS];
static struct sock *owner[ASH_SOCKETS];
static char why[AEGIS_ASH_WHY_LEN];

static int slot_of(struct sock *s)
{
	for (int i = 0; i < ASH_SOCKETS; i++)
		if (owner[i] == s)
			return i;
	return -1;
}

int net_udp_ash(int s, int counter_off)
{
	struct sock *so = sock_get(s);
	if (!so || so->type != NET_UDP)
		return -EBADF;
	int filter = udp_filter_of(so);
	if (filter < 0 || counter_off > ETH_MTU - IP_HLEN - UDP_HLEN - 4)
		return -EINVAL;		/* unbound, or a counter past any frame */
	int k = slot_of(so);
	if (k < 0)
		k = slot_of(NULL);
	if (k < 0)
		return -ENOSPC;
	struct udp_ash_state *st = &states[k];
	uint32_t keep_len = owner[k] == so ? st->match_len : 0, keep_on = owner[k] == so ? st->match_tag : 0;
	uint8_t tag[4];
	memcpy(tag, st->tag, 4);
	memset(st, 0, sizeof *st);
	st->counter_off = counter_off < 0 ? 0xffffffffu : (uint32_t)counter_off;
	st->match_len = keep_len;
	st->match_tag = keep_on;
	memcpy(st->tag, tag, 4);
	static struct aegis_ash a;
	a.code = udp_ash;
	a.nwords = (unsigned)(udp_ash_end - udp_ash);
	a.arg = (unsigned)(uintptr_t)st;
	a.why = why;
	int r = sys_ash_download(filter, &a);
	if (r < 0) {
		exos_puts("net: the UDP ASH was refused: ");
		exos_puts(why);
		exos_puts("\n");
		return r == -AEGIS_EINVAL ? -EINVAL : -EPERM;
	}
	owner[k] = so;
	udp_ash_close_hook = udp_ash_forget;
	return 0;
}

int net_udp_ash_match(int s, unsigned len, const uint8_t *tag)
{
	struct sock *so = sock_get(s);
	if (!so || so->type != NET_UDP)
		return -EBADF;
	int k = slot_of(so);
	if (k < 0)
		return -EINVAL;		/* net_udp_ash first */
	states[k].match_len = len;
	if (tag)
		memcpy(states[k].tag, tag, 4);
	states[k].match_tag = tag != NULL;
	return 0;
}

int net_udp_ash_off(int s)
{
	struct sock *so = sock_get(s);
	if (!so || so->type != NET_UDP)
		return -EBADF;
	int k = slot_of(so);
	if (k < 0)
		return -EINVAL;
	static struct aegis_ash a;
	a.code = udp_ash;
	a.nwords = 0;
	a.why = why;
	sys_ash_download(udp_filter_of(so), &a);
	owner[k] = NULL;
	return 0;
}

unsigned net_udp_ash_count(int s)
{
	struct sock *so = sock_get(s);
	int k = so ? slot_of(so) : -1;
	return k < 0 ? 0 : states[k].count;
}

/* The socket is closing: its filter (and the handler with it) goes. */
void udp_ash_forget(struct sock *s)
{
	int k = slot_of(s);
	if (k >= 0)
		owner[k] = NULL;
}
