/*
 * gdbstub.c - the GDB remote serial protocol stub behind --gdb PORT: gdb
 * (gdb-multiarch, architecture mips:3000) connects to 127.0.0.1:PORT and
 * reads and writes registers and memory, sets breakpoints, steps and
 * continues the simulated machine. Follows the "Remote Protocol" appendix
 * of the GDB manual; the register layout is gdb's mips-tdep.c raw layout
 * for a target without a description (see gdb_reg_read).
 *
 * Invariants: the stub attaches as an observer and only looks; it never
 * changes the cycle count or any guest-visible state except on gdb's
 * explicit request (register and memory writes). Breakpoints are pc
 * compares in the observer's insn hook (no memory is patched), so they
 * work in ROM, in mapped space under any ASID, and leave the caches alone.
 * The socket is polled for Ctrl-C every POLL_INTERVAL instructions; host
 * time never reaches the guest. Each machine debugged has its own stub
 * (and port), freed with the machine.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "debugtools.h"
#include "machine.h"
#include "prom.h"


#define PKT_MAX		16384	/* our PacketSize (qSupported) */
#define MAX_BREAKPOINTS	64
#define POLL_INTERVAL	16384	/* instructions between Ctrl-C checks */

/* gdb's signal numbers (gdb/signals.def), used in stop replies. */
enum { SIG_INT = 2, SIG_TRAP = 5, SIG_SEGV = 11, SIG_XCPU = 24 };

/* gdb's raw register numbers for MIPS without a target description
   (mips-tdep.h: MIPS_PS_REGNUM 32, MIPS_EMBED_LO_REGNUM 33 ...
   MIPS_EMBED_FP0_REGNUM 38; fsr and fir follow the FPRs; 72..89 are the
   unnamed/embedded CP0 slots, which we report as unavailable). */
enum {
	REG_SR = 32, REG_LO = 33, REG_HI = 34, REG_BAD = 35, REG_CAUSE = 36,
	REG_PC = 37, REG_F0 = 38, REG_FSR = 70, REG_FIR = 71,
	NREGS_G = 72,		/* registers in a 'g' reply */
	NREGS_RAW = 90,		/* gdb's raw register count */
};

enum mode { MODE_CONTINUE, MODE_STEP };
enum action { ACT_RESUME, ACT_DETACH, ACT_KILL, ACT_GONE };

struct gdb {
	struct machine *m;
	int fd;
	/* Run control, read by the observer hooks. */
	enum mode mode;
	int detached;		/* hooks do nothing any more */
	int stepped;		/* step: the one instruction has been let through */
	int exc_since_hook;	/* an exception was taken since the last insn hook */
	int first_hook;		/* the next insn hook is the first since resuming */
	uint32_t resume_pc;
	int have_last;		/* last_npc is valid */
	uint32_t last_npc;	/* npc at the previous insn hook */
	unsigned poll_count;
	int stop_sig;		/* why the machine last stopped */
	int closed;		/* the connection dropped */
	int end_reported;	/* a fatal end was reported as a signal */
	uint32_t bp[MAX_BREAKPOINTS];
	int nbp;
	/* Bytes received but not yet consumed. */
	unsigned char rx[4096];
	size_t rx_pos, rx_len;
	char pkt[PKT_MAX + 1];
	char out[PKT_MAX + 1];
};

/* ---- socket I/O ------------------------------------------------------- */

/* Read more bytes into rx; blocking or not. Returns 1 if bytes came, 0 if
   none (non-blocking), -1 if the connection is gone. */
static int rx_fill(struct gdb *g, int block)
{
	if (g->rx_pos == g->rx_len)
		g->rx_pos = g->rx_len = 0;
	if (g->rx_len == sizeof g->rx) {
		memmove(g->rx, g->rx + g->rx_pos, g->rx_len - g->rx_pos);
		g->rx_len -= g->rx_pos;
		g->rx_pos = 0;
	}
	for (;;) {
		ssize_t n = recv(g->fd, g->rx + g->rx_len, sizeof g->rx - g->rx_len,
				 block ? 0 : MSG_DONTWAIT);
		if (n > 0) {
			g->rx_len += (size_t)n;
			return 1;
		}
		if (n == 0)
			return -1;
		if (errno == EINTR)
			continue;
		if (!block && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		return -1;
	}
}

/* The next byte, blocking; -1 if the connection is gone. */
static int rx_byte(struct gdb *g)
{
	if (g->rx_pos == g->rx_len && rx_fill(g, 1) < 0)
		return -1;
	return g->rx[g->rx_pos++];
}

static int send_all(struct gdb *g, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(g->fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static const char hexdigits[] = "0123456789abcdef";

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Send "$data#cs" and wait for gdb's '+' (resend on '-'). */
static int put_packet(struct gdb *g, const char *data)
{
	size_t len = strlen(data);
	unsigned sum = 0;
	for (size_t i = 0; i < len; i++)
		sum += (unsigned char)data[i];
	char tail[3] = { '#', hexdigits[(sum >> 4) & 15], hexdigits[sum & 15] };
	for (;;) {
		if (send_all(g, "$", 1) || send_all(g, data, len) || send_all(g, tail, 3))
			return -1;
		int c;
		do
			c = rx_byte(g);
		while (c >= 0 && c != '+' && c != '-');
		if (c < 0)
			return -1;
		if (c == '+')
			return 0;
	}
}

/* Receive one packet's payload into g->pkt (NUL-terminated), acking it.
   Stray acks and Ctrl-C bytes while stopped are skipped. Returns its
   length, or -1 if the connection is gone. */
static int get_packet(struct gdb *g)
{
	for (;;) {
		int c;
		do
			c = rx_byte(g);
		while (c >= 0 && c != '$');
		if (c < 0)
			return -1;
		size_t len = 0;
		unsigned sum = 0;
		int overflow = 0;
		while ((c = rx_byte(g)) >= 0 && c != '#') {
			sum += (unsigned)c;
			if (len < PKT_MAX)
				g->pkt[len++] = (char)c;
			else
				overflow = 1;
		}
		int h1 = c < 0 ? -1 : rx_byte(g);
		int h2 = h1 < 0 ? -1 : rx_byte(g);
		if (h2 < 0)
			return -1;
		g->pkt[len] = 0;
		if (overflow || hexval(h1) < 0 || hexval(h2) < 0 ||
		    (unsigned)(hexval(h1) << 4 | hexval(h2)) != (sum & 0xff)) {
			if (send_all(g, "-", 1))
				return -1;
			continue;
		}
		if (send_all(g, "+", 1))
			return -1;
		return (int)len;
	}
}

/* While the guest runs: has gdb sent Ctrl-C (0x03)? Other bytes are kept
   for get_packet. Sets g->closed if the connection dropped. */
static int ctrl_c_pending(struct gdb *g)
{
	struct pollfd p = { .fd = g->fd, .events = POLLIN };
	if (poll(&p, 1, 0) <= 0)
		return 0;
	if (rx_fill(g, 0) < 0) {
		g->closed = 1;
		return 0;
	}
	for (size_t i = g->rx_pos; i < g->rx_len; i++)
		if (g->rx[i] == 0x03) {
			memmove(g->rx + i, g->rx + i + 1, g->rx_len - i - 1);
			g->rx_len--;
			return 1;
		}
	return 0;
}

/* ---- registers -------------------------------------------------------- */

/* Register n in gdb's numbering; returns 0, or -1 if we do not have it. */
static int gdb_reg_read(struct machine *m, int n, uint32_t *v)
{
	const struct cpu *c = &m->cpu;
	if (n >= 0 && n < 32)
		*v = c->r[n];
	else if (n >= REG_F0 && n < REG_F0 + 32)
		*v = c->fpu.fgr[n - REG_F0];
	else switch (n) {
	case REG_SR:	*v = c->cp0[CP0_STATUS]; break;
	case REG_LO:	*v = c->lo; break;
	case REG_HI:	*v = c->hi; break;
	case REG_BAD:	*v = c->cp0[CP0_BADVADDR]; break;
	case REG_CAUSE:	*v = c->cp0[CP0_CAUSE]; break;
	case REG_PC:	*v = c->pc; break;
	case REG_FSR:	*v = fpu_cfc1(&c->fpu, 31); break;
	case REG_FIR:	*v = fpu_cfc1(&c->fpu, 0); break;
	default:	return -1;
	}
	return 0;
}

/* Write register n. Read-only registers (r0, BadVAddr, FIR) ignore the
   write, as do the bits of Status and Cause software cannot write. A
   write that changes a register a load is about to deliver cancels the
   load, so the debugger's value sticks. Returns -1 for an unknown n. */
static int gdb_reg_write(struct machine *m, int n, uint32_t v)
{
	struct cpu *c = &m->cpu;
	if (n >= 0 && n < 32) {
		if (n && c->r[n] != v) {
			c->r[n] = v;
			if (c->ld_reg == n)
				c->ld_reg = 0;
		}
	} else if (n >= REG_F0 && n < REG_F0 + 32) {
		c->fpu.fgr[n - REG_F0] = v;
	} else switch (n) {
	case REG_SR:
		c->cp0[CP0_STATUS] = v & SR_WRITABLE;
		cpu_irq_update(m);
		break;
	case REG_CAUSE:
		c->cp0[CP0_CAUSE] = (c->cp0[CP0_CAUSE] & ~CAUSE_IP_SW) | (v & CAUSE_IP_SW);
		cpu_irq_update(m);
		break;
	case REG_LO:	c->lo = v; break;
	case REG_HI:	c->hi = v; break;
	case REG_PC:
		if (v != c->pc) {
			c->pc = v;
			c->npc = v + 4;
			c->in_delay_slot = 0;
		}
		break;
	case REG_FSR:	fpu_ctc1(&c->fpu, 31, v); break;
	case REG_BAD:
	case REG_FIR:	break;
	default:	return -1;
	}
	return 0;
}

/* Registers travel as 8 hex digits, target (little-endian) byte order. */
static char *put_le32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++, v >>= 8) {
		*p++ = hexdigits[(v >> 4) & 15];
		*p++ = hexdigits[v & 15];
	}
	*p = 0;
	return p;
}

static int get_le32(const char *p, uint32_t *v)
{
	uint32_t x = 0;
	for (int i = 0; i < 4; i++) {
		int hi = hexval(p[2 * i]), lo = hexval(p[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		x |= (uint32_t)(hi << 4 | lo) << (8 * i);
	}
	*v = x;
	return 0;
}

/* ---- memory ----------------------------------------------------------- */

/* Translate va as the CPU would now, without side effects (no TLB
   exception, no Context/BadVAddr update, no statistics): kseg0/kseg1
   directly, kuseg/kseg2 through a valid TLB entry for the current ASID
   (or a global one). Privilege is not checked: gdb sees everything. */
static int debug_translate(struct machine *m, uint32_t va, uint32_t *pa)
{
	const struct cpu *c = &m->cpu;
	if (va >= 0x80000000u && va < 0xc0000000u) {
		*pa = va & 0x1fffffffu;
		return 0;
	}
	uint32_t asid = c->cp0[CP0_ENTRYHI] & EHI_ASID;
	for (int i = 0; i < TLB_ENTRIES; i++) {
		const struct tlb_entry *e = &c->tlb[i];
		if ((e->hi & EHI_VPN) == (va & EHI_VPN) &&
		    ((e->lo & ELO_G) || (e->hi & EHI_ASID) == asid) &&
		    (e->lo & ELO_V)) {
			*pa = (e->lo & ELO_PFN) | (va & ~EHI_VPN);
			return 0;
		}
	}
	return -1;
}

/* One byte of guest memory for gdb. RAM and the PROM's ROM are readable;
   device registers are not (reading one can have side effects, e.g. pop
   a received character), nor is anything no region claims. */
static int debug_read_byte(struct machine *m, uint32_t va, uint8_t *b)
{
	uint32_t pa, v;
	if (debug_translate(m, va, &pa))
		return -1;
	if (phys_read(m, pa, b, 1) == 0)
		return 0;
	struct region *r = bus_find(m, pa);
	if (!r)
		return -1;
	if (r->ram) {
		*b = r->ram[pa - r->base];
		return 0;
	}
	if (pa - PROM_PHYS_BASE < PROM_SIZE && r->ops && r->ops->read &&
	    r->ops->read(r->dev, pa - r->base, 1, &v) == 0) {
		*b = (uint8_t)v;
		return 0;
	}
	return -1;
}

/* Keep a cache line that holds the word at pa equal to memory after a
   debugger write (the D-cache is write-through and the I-cache would
   otherwise run the old code). */
static void cache_sync_word(struct machine *m, struct cache *c, uint32_t pa)
{
	uint32_t idx = (pa >> 2) & (c->nlines - 1);
	if (c->tag && c->tag[idx] == (pa | 1))
		phys_read(m, pa, &c->data[idx], 4);
}

/* One byte written by gdb: RAM only. */
static int debug_write_byte(struct machine *m, uint32_t va, uint8_t b)
{
	uint32_t pa;
	if (debug_translate(m, va, &pa) || phys_write(m, pa, &b, 1))
		return -1;
	cache_sync_word(m, &m->cpu.icache, pa & ~3u);
	cache_sync_word(m, &m->cpu.dcache, pa & ~3u);
	return 0;
}

/* ---- breakpoints and the observer hooks --------------------------------- */

static int bp_find(const struct gdb *g, uint32_t pc)
{
	for (int i = 0; i < g->nbp; i++)
		if (g->bp[i] == pc)
			return i;
	return -1;
}

static void stop(struct gdb *g, int sig)
{
	g->stop_sig = sig;
	machine_pause(g->m);
}

/* Before each instruction: decide whether the machine stops here. */
static void gdb_insn(struct machine *m, void *ctx, uint32_t pc, uint32_t insn)
{
	struct gdb *g = ctx;
	(void)insn;
	if (g->detached)
		return;
	int exc = g->exc_since_hook;
	g->exc_since_hook = 0;
	if (g->mode == MODE_STEP) {
		/* One instruction executed, or an exception taken before it
		   could: the step is done, stop at what comes next. */
		if (g->stepped || exc) {
			stop(g, SIG_TRAP);
			return;
		}
		g->stepped = 1;
	} else if (g->nbp) {
		int first = g->first_hook;
		g->first_hook = 0;
		if (bp_find(g, pc) >= 0 && !(first && pc == g->resume_pc)) {
			stop(g, SIG_TRAP);
			return;
		}
		/* The previous instruction led to a breakpoint that never
		   fetched: a PROM entry the simulator performed in C. Stop at
		   its return, as a step over it would. */
		if (g->have_last && !exc && g->last_npc != pc && bp_find(g, g->last_npc) >= 0) {
			stop(g, SIG_TRAP);
			return;
		}
		g->last_npc = m->cpu.npc;
		g->have_last = 1;
	}
	if (++g->poll_count >= POLL_INTERVAL) {
		g->poll_count = 0;
		if (ctrl_c_pending(g))
			stop(g, SIG_INT);
		else if (g->closed)
			stop(g, SIG_TRAP);
	}
}

static void gdb_exception(struct machine *m, void *ctx, unsigned code,
			  uint32_t epc, uint32_t vector)
{
	struct gdb *g = ctx;
	(void)m; (void)code; (void)epc; (void)vector;
	g->exc_since_hook = 1;
}

/* ---- commands ----------------------------------------------------------- */

/* Parse a hex number at *p, advancing *p. Returns -1 if there is none.
   gdb may send a kseg address sign-extended to 64 bits
   (ffffffff800300c4): the low 32 bits are the address. */
static int parse_hex(const char **p, uint32_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int n = 0;
	while (hexval(*s) >= 0) {
		x = x << 4 | (uint64_t)hexval(*s++);
		if (++n > 16)
			return -1;
	}
	if (!n)
		return -1;
	*v = (uint32_t)x;
	*p = s;
	return 0;
}

static void cmd_read_regs(struct gdb *g)
{
	char *p = g->out;
	for (int n = 0; n < NREGS_G; n++) {
		uint32_t v = 0;
		gdb_reg_read(g->m, n, &v);
		p = put_le32(p, v);
	}
}

static void cmd_write_regs(struct gdb *g, const char *hex)
{
	size_t len = strlen(hex);
	for (int n = 0; n < NREGS_G && (size_t)(n + 1) * 8 <= len; n++) {
		uint32_t v;
		if (!strncmp(hex + 8 * n, "xxxxxxxx", 8))
			continue;
		if (get_le32(hex + 8 * n, &v)) {
			strcpy(g->out, "E01");
			return;
		}
		gdb_reg_write(g->m, n, v);
	}
	strcpy(g->out, "OK");
}

static void cmd_read_reg(struct gdb *g, const char *arg)
{
	uint32_t n, v;
	if (parse_hex(&arg, &n) || *arg) {
		strcpy(g->out, "E01");
		return;
	}
	if (n < NREGS_RAW && gdb_reg_read(g->m, (int)n, &v) == 0)
		put_le32(g->out, v);
	else if (n < NREGS_RAW)
		strcpy(g->out, "xxxxxxxx");	/* exists in gdb, not here */
	else
		strcpy(g->out, "E01");
}

static void cmd_write_reg(struct gdb *g, const char *arg)
{
	uint32_t n, v;
	if (parse_hex(&arg, &n) || *arg++ != '=' || strlen(arg) != 8 || get_le32(arg, &v) ||
	    n >= NREGS_RAW) {
		strcpy(g->out, "E01");
		return;
	}
	gdb_reg_write(g->m, (int)n, v);	/* registers we lack ignore writes */
	strcpy(g->out, "OK");
}

/* "addr,len" then *rest points after it. */
static int parse_addr_len(const char **p, uint32_t *addr, uint32_t *len)
{
	if (parse_hex(p, addr) || **p != ',')
		return -1;
	(*p)++;
	return parse_hex(p, len);
}

static void cmd_read_mem(struct gdb *g, const char *arg)
{
	uint32_t addr, len;
	if (parse_addr_len(&arg, &addr, &len) || *arg) {
		strcpy(g->out, "E01");
		return;
	}
	if (len > PKT_MAX / 2)
		len = PKT_MAX / 2;
	char *p = g->out;
	uint32_t i;
	for (i = 0; i < len; i++) {
		uint8_t b;
		if (debug_read_byte(g->m, addr + i, &b))
			break;
		*p++ = hexdigits[b >> 4];
		*p++ = hexdigits[b & 15];
	}
	*p = 0;
	if (i == 0 && len)
		strcpy(g->out, "E01");	/* a partial read returns what it got */
}

/* M addr,len:hex  or  X addr,len:binary (escaped with 0x7d). */
static void cmd_write_mem(struct gdb *g, const char *arg, int plen, int binary)
{
	const char *end = g->pkt + plen;
	uint32_t addr, len;
	if (parse_addr_len(&arg, &addr, &len) || *arg++ != ':') {
		strcpy(g->out, "E01");
		return;
	}
	for (uint32_t i = 0; i < len; i++) {
		int b;
		if (binary) {
			if (arg >= end)
				goto bad;
			b = (unsigned char)*arg++;
			if (b == 0x7d) {
				if (arg >= end)
					goto bad;
				b = (unsigned char)*arg++ ^ 0x20;
			}
		} else {
			if (arg + 2 > end || hexval(arg[0]) < 0 || hexval(arg[1]) < 0)
				goto bad;
			b = hexval(arg[0]) << 4 | hexval(arg[1]);
			arg += 2;
		}
		if (debug_write_byte(g->m, addr + i, (uint8_t)b))
			goto bad;
	}
	strcpy(g->out, "OK");
	return;
bad:
	strcpy(g->out, "E01");
}

/* Z0/Z1 (software and hardware breakpoints are the same thing here). */
static void cmd_breakpoint(struct gdb *g, const char *arg, int insert)
{
	uint32_t addr, kind;
	if (!(arg[0] == '0' || arg[0] == '1') || arg[1] != ',') {
		g->out[0] = 0;	/* watchpoints: not supported */
		return;
	}
	arg += 2;
	if (parse_addr_len(&arg, &addr, &kind)) {
		strcpy(g->out, "E01");
		return;
	}
	int i = bp_find(g, addr);
	if (insert && i < 0) {
		if (g->nbp == MAX_BREAKPOINTS) {
			strcpy(g->out, "E01");
			return;
		}
		g->bp[g->nbp++] = addr;
	} else if (!insert && i >= 0) {
		g->bp[i] = g->bp[--g->nbp];
	}
	strcpy(g->out, "OK");
}

/* c [addr] / s [addr] (and C sig[;addr], S sig[;addr]: the signal is
   dropped, there is no process to deliver it to). */
static void set_resume_pc(struct gdb *g, const char *arg, int with_sig)
{
	uint32_t addr, sig;
	if (with_sig && (parse_hex(&arg, &sig) || *arg != ';'))
		return;
	if (with_sig)
		arg++;
	if (*arg && parse_hex(&arg, &addr) == 0)
		gdb_reg_write(g->m, REG_PC, addr);
}

/* Serve packets while the machine is stopped, until gdb resumes it,
   detaches or kills it, or goes away. */
static enum action serve(struct gdb *g)
{
	for (;;) {
		int plen = get_packet(g);
		if (plen < 0)
			return ACT_GONE;
		const char *p = g->pkt, *arg = g->pkt + 1;
		g->out[0] = 0;
		switch (p[0]) {
		case '?':
			snprintf(g->out, sizeof g->out, "S%02x", g->stop_sig);
			break;
		case 'g': cmd_read_regs(g); break;
		case 'G': cmd_write_regs(g, arg); break;
		case 'p': cmd_read_reg(g, arg); break;
		case 'P': cmd_write_reg(g, arg); break;
		case 'm': cmd_read_mem(g, arg); break;
		case 'M': cmd_write_mem(g, arg, plen, 0); break;
		case 'X': cmd_write_mem(g, arg, plen, 1); break;
		case 'Z': cmd_breakpoint(g, arg, 1); break;
		case 'z': cmd_breakpoint(g, arg, 0); break;
		case 'c':
		case 's':
		case 'C':
		case 'S':
			set_resume_pc(g, arg, p[0] == 'C' || p[0] == 'S');
			g->mode = (p[0] == 's' || p[0] == 'S') ? MODE_STEP : MODE_CONTINUE;
			return ACT_RESUME;
		case 'D':
			put_packet(g, "OK");
			return ACT_DETACH;
		case 'k':
			return ACT_KILL;
		case 'H':
		case 'T':
			strcpy(g->out, "OK");
			break;
		case 'q':
			if (!strncmp(p, "qSupported", 10))
				snprintf(g->out, sizeof g->out, "PacketSize=%x", PKT_MAX);
			else if (!strcmp(p, "qAttached") || !strncmp(p, "qAttached:", 10))
				strcpy(g->out, "1");	/* quitting gdb detaches */
			else if (!strcmp(p, "qSymbol::"))
				strcpy(g->out, "OK");
			break;
		case 'v':
			if (!strncmp(p, "vKill", 5)) {
				put_packet(g, "OK");
				return ACT_KILL;
			}
			break;	/* vCont? and the rest: not supported */
		default:
			break;	/* unsupported: the empty reply */
		}
		if (put_packet(g, g->out))
			return ACT_GONE;
	}
}

/* ---- entry points ------------------------------------------------------ */

static void on_detach(struct machine *m, void *ctx)
{
	struct gdb *g = ctx;
	(void)m;
	if (g->fd >= 0)
		close(g->fd);
	free(g);
}

/* The machine's stub (each machine debugged has its own), or NULL. */
static struct gdb *gdb_of(struct machine *m)
{
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].detach == on_detach)
			return m->observers[i].ctx;
	return NULL;
}

int gdb_attach(struct machine *m, int port, const char *const *symfiles, int nsymfiles)
{
	(void)symfiles; (void)nsymfiles;	/* gdb reads symbols itself */
	if (gdb_of(m)) {
		fprintf(stderr, "pmaxsim: --gdb: this machine already has a gdb stub\n");
		return -1;
	}

	int ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0) {
		fprintf(stderr, "pmaxsim: --gdb: socket: %s\n", strerror(errno));
		return -1;
	}
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);	/* never 0.0.0.0 */
	if (bind(ls, (struct sockaddr *)&sa, sizeof sa) || listen(ls, 1)) {
		fprintf(stderr, "pmaxsim: --gdb: cannot listen on 127.0.0.1:%d: %s\n",
			port, strerror(errno));
		close(ls);
		return -1;
	}
	fprintf(stderr, "pmaxsim: waiting for gdb on 127.0.0.1:%d\n", port);
	int fd;
	do
		fd = accept(ls, NULL, NULL);
	while (fd < 0 && errno == EINTR);
	close(ls);
	if (fd < 0) {
		fprintf(stderr, "pmaxsim: --gdb: accept: %s\n", strerror(errno));
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

	struct gdb *g = calloc(1, sizeof *g);
	if (!g) {
		fprintf(stderr, "pmaxsim: --gdb: out of memory\n");
		close(fd);
		return -1;
	}
	g->m = m;
	g->fd = fd;
	g->stop_sig = SIG_TRAP;
	struct observer o = { .insn = gdb_insn, .exception = gdb_exception, .ctx = g,
			      .detach = on_detach };
	if (machine_observe(m, &o) != 0) {
		fprintf(stderr, "pmaxsim: --gdb: too many observers\n");
		close(fd);
		free(g);
		return -1;
	}
	return 0;
}

/* Stop observing: the rest of the run is the guest's own. */
static void unhook(struct gdb *g)
{
	struct machine *m = g->m;
	g->detached = 1;
	for (int i = 0; i < m->nobservers; i++)
		if (m->observers[i].ctx == g) {
			m->observers[i].insn = NULL;
			m->observers[i].exception = NULL;
		}
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
}

/* The run is over if the guest halted or the machine stopped for good. */
static int run_over(const struct machine *m)
{
	return m->halted || m->fatal;
}

void gdb_run(struct machine *m)
{
	struct gdb *g = gdb_of(m);
	if (!g) {	/* no stub attached: nothing to serve */
		cpu_run(m);
		return;
	}
	for (;;) {
		enum action a = serve(g);
		if (a == ACT_DETACH) {
			fprintf(stderr, "pmaxsim: gdb detached; the guest runs on\n");
			unhook(g);
			if (!run_over(m))
				cpu_run(m);
			return;
		}
		if (a == ACT_KILL || a == ACT_GONE) {
			fprintf(stderr, "pmaxsim: %s; the run ends here\n",
				a == ACT_KILL ? "killed by gdb" : "gdb went away");
			unhook(g);
			return;
		}
		if (run_over(m)) {
			/* A fatal end already shown as a signal: now the exit. */
			char buf[16];
			snprintf(buf, sizeof buf, "W%02x", m->exit_status & 0xff);
			put_packet(g, buf);
			unhook(g);
			return;
		}
		g->stepped = 0;
		g->exc_since_hook = 0;
		g->first_hook = 1;
		g->resume_pc = m->cpu.pc;
		g->have_last = 0;
		cpu_run(m);
		if (g->closed) {
			fprintf(stderr, "pmaxsim: gdb went away; the run ends here\n");
			unhook(g);
			return;
		}
		char buf[16];
		if (m->fatal && !g->end_reported) {
			/* Wedged or out of cycles: let gdb look at the machine
			   first; the next resume reports the exit status. */
			g->end_reported = 1;
			g->stop_sig = m->exit_status == 2 ? SIG_XCPU : SIG_SEGV;
			snprintf(buf, sizeof buf, "S%02x", g->stop_sig);
		} else if (run_over(m)) {
			snprintf(buf, sizeof buf, "W%02x", m->exit_status & 0xff);
			put_packet(g, buf);
			unhook(g);
			return;
		} else {
			snprintf(buf, sizeof buf, "S%02x", g->stop_sig);
		}
		if (put_packet(g, buf)) {
			fprintf(stderr, "pmaxsim: gdb went away; the run ends here\n");
			unhook(g);
			return;
		}
	}
}
