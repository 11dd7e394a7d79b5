/*
 * dev_rtc.c - the Dallas DS1287 real-time clock (MC146818-compatible) of
 * the IOASIC DECstations: 64 byte registers, one per 32-bit word in byte
 * lane 0 (NetBSD sys/dev/tc/mcclock_ioasic.c struct mcclock_ioasic_clockdatum:
 * u_char datum; pad[3]), time in registers 0-9, control registers A-D
 * (10-13), NVRAM 14-63. Bits as the MC146818A data sheet and NetBSD
 * sys/dev/ic/mc146818reg.h name them.
 * Invariant: time comes only from simulated cycles; power-on is the fixed
 * date 1995-12-03 00:00:00, so every run reads the same clock.
 */
#include <stdlib.h>
#include <string.h>
#include "devices.h"
#include "machine.h"

enum {
	R_SEC, R_ASEC, R_MIN, R_AMIN, R_HOUR, R_AHOUR, R_DOW, R_DOM, R_MON,
	R_YEAR, R_A, R_B, R_C, R_D, R_NVRAM0, R_COUNT = 64,
};

#define A_UIP		0x80
#define A_DV_MASK	0x70
#define A_DV_32K	0x20	/* 32.768 kHz time base, oscillator on */
#define A_RS_MASK	0x0f
#define B_SET		0x80
#define B_PIE		0x40
#define B_AIE		0x20
#define B_UIE		0x10
#define B_DM_BINARY	0x04
#define B_24H		0x02
#define C_IRQF		0x80
#define C_PF		0x40
#define C_AF		0x20
#define C_UF		0x10
#define D_VRT		0x80

/* UIP is set this long before each once-a-second update (244 us). */
#define UIP_US		244

/* Power-on date and time (UTC, no time zone): 1995-12-03 00:00:00. */
#define POWERON_YEAR	1995
#define POWERON_MON	12
#define POWERON_DAY	3

struct rtc {
	struct machine *m;
	struct irq_out irq;
	int irq_level;
	uint8_t reg[R_COUNT];		/* A, B, D, alarms and NVRAM live here */
	uint8_t frozen[10];		/* time registers while B.SET */
	int64_t base_sec;		/* seconds since 1970 at base_cycle */
	uint64_t base_cycle;
	uint64_t periodic_origin;	/* cycle the divider chain restarted */
	uint64_t pf_clear_tick;		/* periodic tick when C was last read */
	int64_t uf_clear_sec;		/* second when C was last read */
	uint8_t latched;		/* C flags set by events */
};

static void rtc_periodic_event(struct machine *m, void *arg);
static void rtc_second_event(struct machine *m, void *arg);

static uint64_t cpu_hz(const struct rtc *r)
{
	return (uint64_t)r->m->model->timing->mhz * 1000000u;
}

/* ---- calendar (proleptic Gregorian, days since 1970-01-01) ---------- */

static int64_t days_from_date(int64_t y, unsigned mon, unsigned d)
{
	y -= mon <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void date_from_days(int64_t z, int64_t *y, unsigned *mon, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*mon = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*mon <= 2);
}

/* ---- register encoding ------------------------------------------------ */

static uint8_t enc(const struct rtc *r, unsigned v)
{
	return (r->reg[R_B] & B_DM_BINARY) ? (uint8_t)v : (uint8_t)((v / 10) << 4 | v % 10);
}

static unsigned dec(const struct rtc *r, uint8_t v)
{
	return (r->reg[R_B] & B_DM_BINARY) ? v : (unsigned)(v >> 4) * 10 + (v & 15);
}

static uint8_t enc_hour(const struct rtc *r, unsigned h)
{
	if (r->reg[R_B] & B_24H)
		return enc(r, h);
	unsigned h12 = h % 12 ? h % 12 : 12;
	return (uint8_t)(enc(r, h12) | (h >= 12 ? 0x80 : 0));
}

static unsigned dec_hour(const struct rtc *r, uint8_t v)
{
	if (r->reg[R_B] & B_24H)
		return dec(r, v);
	unsigned h = dec(r, v & 0x7f) % 12;
	return (v & 0x80) ? h + 12 : h;
}

static int64_t now_sec(const struct rtc *r)
{
	return r->base_sec + (int64_t)((machine_cycles(r->m) - r->base_cycle) / cpu_hz(r));
}

/* The ten time registers for second s. The year register holds the year
   of the century (the DEC PROM's own convention of keeping 72/73 there,
   Linux arch/mips/dec/time.c, is a PROM policy we do not imitate). */
static void fields_from_sec(const struct rtc *r, int64_t s, uint8_t t[10])
{
	int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
	unsigned secs = (unsigned)(s - days * 86400);
	int64_t y;
	unsigned mon, d;
	date_from_days(days, &y, &mon, &d);
	t[R_SEC] = enc(r, secs % 60);
	t[R_MIN] = enc(r, secs / 60 % 60);
	t[R_HOUR] = enc_hour(r, secs / 3600);
	t[R_DOW] = enc(r, (unsigned)(((days % 7) + 7 + 4) % 7) + 1);	/* 1970-01-01: Thursday; 1 = Sunday */
	t[R_DOM] = enc(r, d);
	t[R_MON] = enc(r, mon);
	t[R_YEAR] = enc(r, (unsigned)(((y % 100) + 100) % 100));
	t[R_ASEC] = r->reg[R_ASEC];
	t[R_AMIN] = r->reg[R_AMIN];
	t[R_AHOUR] = r->reg[R_AHOUR];
}

static int64_t sec_from_fields(const struct rtc *r, const uint8_t t[10])
{
	unsigned yy = dec(r, t[R_YEAR]) % 100;
	int64_t y = yy >= 70 ? 1900 + yy : 2000 + yy;
	unsigned mon = dec(r, t[R_MON]), d = dec(r, t[R_DOM]);
	if (mon < 1 || mon > 12) mon = 1;
	if (d < 1 || d > 31) d = 1;
	return days_from_date(y, mon, d) * 86400 + dec_hour(r, t[R_HOUR]) * 3600 +
	       dec(r, t[R_MIN]) % 60 * 60 + dec(r, t[R_SEC]) % 60;
}

/* ---- periodic interrupt ---------------------------------------------- */

/* Periodic rate in Hz for the RS bits with the 32.768 kHz time base
   (MC146818A table: RS 1 = 256 Hz, 2 = 128 Hz, n >= 3: 65536 >> n). */
static unsigned periodic_hz(const struct rtc *r)
{
	unsigned rs = r->reg[R_A] & A_RS_MASK;
	if (!rs || (r->reg[R_A] & A_DV_MASK) != A_DV_32K)
		return 0;
	return rs <= 2 ? 512u >> rs : 65536u >> rs;
}

static uint64_t tick_at(const struct rtc *r, uint64_t cyc)
{
	unsigned hz = periodic_hz(r);
	if (!hz)
		return 0;
	return (cyc - r->periodic_origin) * hz / cpu_hz(r);
}

static uint8_t flags_now(struct rtc *r)
{
	uint8_t f = r->latched;
	if (periodic_hz(r) && tick_at(r, machine_cycles(r->m)) != r->pf_clear_tick)
		f |= C_PF;
	if (!(r->reg[R_B] & B_SET) && now_sec(r) != r->uf_clear_sec)
		f |= C_UF;
	return f;
}

static void update_irq(struct rtc *r)
{
	uint8_t f = r->latched, b = r->reg[R_B];
	int level = ((f & C_PF) && (b & B_PIE)) || ((f & C_AF) && (b & B_AIE)) ||
		    ((f & C_UF) && (b & B_UIE));
	if (level != r->irq_level) {
		r->irq_level = level;
		irq_out_set(&r->irq, level);
	}
}

static void arm_events(struct rtc *r)
{
	struct machine *m = r->m;
	uint64_t now = machine_cycles(m);
	event_cancel(m, rtc_periodic_event, r);
	event_cancel(m, rtc_second_event, r);
	unsigned hz = periodic_hz(r);
	if (hz && (r->reg[R_B] & B_PIE)) {
		uint64_t next = tick_at(r, now) + 1;
		/* first cycle whose tick index reaches next */
		uint64_t when = r->periodic_origin + (next * cpu_hz(r) + hz - 1) / hz;
		event_at(m, when, rtc_periodic_event, r);
	}
	if ((r->reg[R_B] & (B_UIE | B_AIE)) && !(r->reg[R_B] & B_SET)) {
		uint64_t per = cpu_hz(r);
		uint64_t when = r->base_cycle + ((now - r->base_cycle) / per + 1) * per;
		event_at(m, when, rtc_second_event, r);
	}
}

static void rtc_periodic_event(struct machine *m, void *arg)
{
	(void)m;
	struct rtc *r = arg;
	r->latched |= C_PF;
	update_irq(r);
	arm_events(r);
}

static int alarm_match(uint8_t alarm, uint8_t now)
{
	return (alarm & 0xc0) == 0xc0 || alarm == now;	/* 11xxxxxx: don't care */
}

static void rtc_second_event(struct machine *m, void *arg)
{
	(void)m;
	struct rtc *r = arg;
	uint8_t t[10];
	fields_from_sec(r, now_sec(r), t);
	r->latched |= C_UF;
	if (alarm_match(r->reg[R_ASEC], t[R_SEC]) && alarm_match(r->reg[R_AMIN], t[R_MIN]) &&
	    alarm_match(r->reg[R_AHOUR], t[R_HOUR]))
		r->latched |= C_AF;
	update_irq(r);
	arm_events(r);
}

/* ---- register access -------------------------------------------------- */

static uint8_t rtc_get(struct rtc *r, unsigned n)
{
	if (n < 10) {
		if (n == R_ASEC || n == R_AMIN || n == R_AHOUR)
			return r->reg[n];
		if (r->reg[R_B] & B_SET)
			return r->frozen[n];
		uint8_t t[10];
		fields_from_sec(r, now_sec(r), t);
		return t[n];
	}
	switch (n) {
	case R_A: {
		uint64_t hz = cpu_hz(r);
		uint64_t phase = (machine_cycles(r->m) - r->base_cycle) % hz;
		int uip = !(r->reg[R_B] & B_SET) && phase >= hz - hz / 1000000 * UIP_US;
		return (uint8_t)((r->reg[R_A] & ~A_UIP) | (uip ? A_UIP : 0));
	}
	case R_C: {
		/* Reading C returns the flags and clears them all. */
		uint8_t f = flags_now(r);
		uint8_t b = r->reg[R_B];
		if (((f & C_PF) && (b & B_PIE)) || ((f & C_AF) && (b & B_AIE)) ||
		    ((f & C_UF) && (b & B_UIE)))
			f |= C_IRQF;
		r->latched = 0;
		r->pf_clear_tick = tick_at(r, machine_cycles(r->m));
		r->uf_clear_sec = now_sec(r);
		update_irq(r);
		return f;
	}
	case R_D:
		return D_VRT;		/* battery good */
	default:
		return r->reg[n];
	}
}

static void rtc_set(struct rtc *r, unsigned n, uint8_t v)
{
	if (n < 10) {
		if (n == R_ASEC || n == R_AMIN || n == R_AHOUR) {
			r->reg[n] = v;
			return;
		}
		if (r->reg[R_B] & B_SET) {
			r->frozen[n] = v;
			return;
		}
		/* Setting one field while running: rebase the clock on it. */
		uint8_t t[10];
		fields_from_sec(r, now_sec(r), t);
		t[n] = v;
		r->base_sec = sec_from_fields(r, t);
		r->base_cycle = machine_cycles(r->m);
		r->uf_clear_sec = r->base_sec;
		arm_events(r);
		return;
	}
	switch (n) {
	case R_A:
		if ((v ^ r->reg[R_A]) & (A_DV_MASK | A_RS_MASK)) {
			r->periodic_origin = machine_cycles(r->m);
			r->pf_clear_tick = 0;
		}
		r->reg[R_A] = v & ~A_UIP;
		break;
	case R_B: {
		uint8_t old = r->reg[R_B];
		if ((v & B_SET) && !(old & B_SET)) {
			fields_from_sec(r, now_sec(r), r->frozen);
			v &= ~B_UIE;	/* SET clears UIE (MC146818A) */
		}
		if (!(v & B_SET) && (old & B_SET)) {
			r->reg[R_B] = v;	/* decode in the new mode */
			r->base_sec = sec_from_fields(r, r->frozen);
			r->base_cycle = machine_cycles(r->m);
			r->uf_clear_sec = r->base_sec;
		}
		r->reg[R_B] = v;
		/* Flags already up raise the line as soon as enabled. */
		r->latched = flags_now(r);
		update_irq(r);
		break;
	}
	case R_C: case R_D:
		break;			/* read-only */
	default:
		r->reg[n] = v;		/* NVRAM */
		return;
	}
	arm_events(r);
}

static int rtc_read(void *dev, uint32_t off, unsigned size, uint32_t *val)
{
	(void)size;
	*val = (off & 3) ? 0 : rtc_get(dev, (off >> 2) & (R_COUNT - 1));
	return 0;
}

static int rtc_write(void *dev, uint32_t off, unsigned size, uint32_t val)
{
	(void)size;
	if (!(off & 3))
		rtc_set(dev, (off >> 2) & (R_COUNT - 1), (uint8_t)val);
	return 0;
}

const struct device_ops rtc_ops = { rtc_read, rtc_write };

struct rtc *rtc_new(struct machine *m, struct irq_out irq)
{
	struct rtc *r = machine_zalloc(m, sizeof *r);
	r->m = m;
	r->irq = irq;
	/* Running, 32.768 kHz base, no periodic rate; binary, 24-hour. */
	r->reg[R_A] = A_DV_32K;
	r->reg[R_B] = B_DM_BINARY | B_24H;
	r->base_sec = days_from_date(POWERON_YEAR, POWERON_MON, POWERON_DAY) * 86400;
	r->base_cycle = machine_cycles(m);
	r->uf_clear_sec = r->base_sec;
	return r;
}
