/*
 * main.c - pmaxsim's command line: choose a machine model, load an ELF
 * image as the DEC PROM would, run it, and report how the run ended.
 * The one machine is a static here only for the SIGINT handler; the rest
 * of the simulator keeps no state outside struct machine (machine.h).
 * Exit status: 0 the guest halted through the PROM; 1 bad usage or a bad
 * image; 2 the --max-cycles limit was reached; 3 the guest wedged the
 * machine (a fatal exception loop) or hit something unimplemented.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include "debugtools.h"
#include "machine.h"

static struct machine m;

/* Ctrl-C presses the machine's halt button (the guest sees its interrupt);
   a second Ctrl-C, if the guest has not stopped, ends the simulator. */
static void on_sigint(int sig)
{
	(void)sig;
	if (m.halt_button) {
		static const char msg[] = "\npmaxsim: interrupted\n";
		ssize_t r = write(2, msg, sizeof msg - 1);
		(void)r;
		_exit(130);
	}
	m.halt_button = 1;
	m.next_event = 0;	/* make the CPU loop look at it now */
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: pmaxsim [options] IMAGE.elf\n"
		"Simulates a DECstation, counting R3000 cycles, and boots IMAGE as its PROM would.\n"
		"  -M MODEL          machine: 5000/240 (KN03, 40 MHz, default), 5000/125 (KN02-BA,\n"
		"                    25 MHz) or 5000/200 (KN02, 25 MHz, DZ console)\n"
		"  -m MB             RAM size in megabytes (default: the model's usual size)\n"
		"  -o ARGS           boot arguments, passed to the program as argv[2...]\n"
		"  --max-cycles N    stop after N simulated cycles (exit status 2)\n"
		"  --no-counter-page leave out pmaxsim's counter page (cycles for benchmarks),\n"
		"                    so the guest sees only what the real machine has\n"
		"  --mac XX:XX:XX:XX:XX:XX  the station address in the machine's Ethernet\n"
		"                    address ROM (default 08:00:2b:1a:95:0N, N by model)\n"
		"  --stats           at exit, print instructions, cycles, misses, stalls,\n"
		"                    TLB misses, exceptions by cause and Ethernet frames\n"
		"                    on stderr\n"
		"  --host-speed      at exit, print host seconds and guest instructions per second\n"
		"  --trace           print each instruction executed (with exceptions and TLB writes)\n"
		"  --trace-file F    write the trace to F instead of stderr\n"
		"  --trace-range LO:HI    only instructions at addresses LO..HI (hex)\n"
		"  --trace-cycles A:B     only cycles A..B\n"
		"  --profile FILE    cycles and instructions per guest function to FILE,\n"
		"                    and folded stacks to FILE.folded (flame graphs)\n"
		"  --symbols ELF     more symbols for --trace/--profile/--gdb (e.g. user programs)\n"
		"  --gdb PORT        wait for gdb (target remote 127.0.0.1:PORT) before running\n"
		"  --timing NAME=N   override one cycle-model parameter for this run (for\n"
		"                    calibration experiments); --timing list shows them\n"
		"  -h, --help        this text\n"
		"Exit status: 0 guest halted, 1 bad usage or image, 2 cycle limit, 3 guest wedged.\n");
}

static const char *const exc_names[32] = {
	"Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE",
	"Sys", "Bp", "RI", "CpU", "Ov",
};

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;
	if (!*s || *s == '-')
		return -1;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (*end || errno)
		return -1;
	*v = x;
	return 0;
}

/* The adjustable cycle-model parameters, by name (sim/timing.h). */
#define TP(f) { #f, offsetof(struct timing, f) }
static const struct { const char *name; size_t off; } timing_params[] = {
	TP(mhz), TP(icache_bytes), TP(dcache_bytes), TP(irefill_words), TP(drefill_words),
	TP(mem_first_word), TP(mem_next_word), TP(uncached_read), TP(wbuf_entries),
	TP(wbuf_drain), TP(io_access), TP(mult_latency), TP(div_latency), TP(fp_add),
	TP(fp_mul_s), TP(fp_mul_d), TP(fp_div_s), TP(fp_div_d), TP(fp_cvt), TP(fp_cmp),
	TP(fp_mov),
};
#define NTIMING (sizeof timing_params / sizeof *timing_params)

static int set_timing(struct timing *t, const char *spec)
{
	const char *eq = strchr(spec, '=');
	uint64_t v;
	if (!strcmp(spec, "list")) {
		for (size_t i = 0; i < NTIMING; i++)
			printf("%-16s %u\n", timing_params[i].name,
			       *(unsigned *)((char *)t + timing_params[i].off));
		exit(0);
	}
	if (eq && parse_u64(eq + 1, &v) == 0 && v <= 1000000)
		for (size_t i = 0; i < NTIMING; i++)
			if (strlen(timing_params[i].name) == (size_t)(eq - spec) &&
			    !strncmp(spec, timing_params[i].name, (size_t)(eq - spec))) {
				*(unsigned *)((char *)t + timing_params[i].off) = (unsigned)v;
				return 0;
			}
	fprintf(stderr, "pmaxsim: bad --timing '%s' (NAME=N; --timing list names them)\n", spec);
	return -1;
}

static void print_stats(const struct machine *m)
{
	const struct stats *s = &m->stats;
	uint64_t cyc = m->cpu.cycles;
	unsigned mhz = m->model->timing->mhz;
	fprintf(stderr, "pmaxsim: model %s (%s, %u MHz), %u MB RAM\n",
		m->model->name, m->model->board, mhz, m->ram_size >> 20);
	fprintf(stderr, "  instructions      %llu\n", (unsigned long long)s->instructions);
	fprintf(stderr, "  cycles            %llu (%.3f ms simulated, CPI %.3f)\n",
		(unsigned long long)cyc, (double)cyc / mhz / 1000.0,
		s->instructions ? (double)cyc / (double)s->instructions : 0.0);
	fprintf(stderr, "  icache misses     %llu (stall %llu cycles)\n",
		(unsigned long long)s->icache_misses, (unsigned long long)s->stall_icache);
	fprintf(stderr, "  dcache misses     %llu (stall %llu cycles)\n",
		(unsigned long long)s->dcache_misses, (unsigned long long)s->stall_dcache);
	fprintf(stderr, "  uncached r/w      %llu / %llu (stall %llu cycles)\n",
		(unsigned long long)s->uncached_reads, (unsigned long long)s->uncached_writes,
		(unsigned long long)s->stall_uncached);
	fprintf(stderr, "  write-buffer stall %llu cycles\n", (unsigned long long)s->stall_wbuf);
	fprintf(stderr, "  hi/lo stall       %llu cycles, fpu stall %llu cycles\n",
		(unsigned long long)s->stall_hilo, (unsigned long long)s->stall_fpu);
	fprintf(stderr, "  tlb misses        %llu utlb, %llu general\n",
		(unsigned long long)s->tlb_misses_utlb, (unsigned long long)s->tlb_misses_general);
	fprintf(stderr, "  exceptions       ");
	int any = 0;
	for (int i = 0; i < 32; i++)
		if (s->exceptions[i]) {
			fprintf(stderr, " %s=%llu", exc_names[i] ? exc_names[i] : "?",
				(unsigned long long)s->exceptions[i]);
			any = 1;
		}
	fprintf(stderr, "%s\n", any ? "" : " none");
	if (s->net_tx_frames || s->net_tx_dropped || s->net_rx_frames || s->net_rx_dropped)
		fprintf(stderr, "  ethernet          sent %llu frames (%llu bytes), %llu dropped; "
			"received %llu frames (%llu bytes), %llu dropped\n",
			(unsigned long long)s->net_tx_frames, (unsigned long long)s->net_tx_bytes,
			(unsigned long long)s->net_tx_dropped, (unsigned long long)s->net_rx_frames,
			(unsigned long long)s->net_rx_bytes, (unsigned long long)s->net_rx_dropped);
}

/* "08:00:2b:1a:95:01" -> six bytes; -1 if malformed. */
static int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		char *end;
		if (!isxdigit((unsigned char)s[0]))
			return -1;
		unsigned long v = strtoul(s, &end, 16);
		if (v > 0xff || end - s > 2 || (i < 5 ? *end != ':' : *end != '\0'))
			return -1;
		mac[i] = (uint8_t)v;
		s = end + 1;
	}
	return 0;
}


int main(int argc, char **argv)
{
	const struct model *model = &model_kn03;
	uint64_t ram_mb = 0, max_cycles = 0;
	const char *args = NULL, *image = NULL;
	uint8_t mac[6];
	int have_mac = 0;
	int want_stats = 0, want_speed = 0, want_trace = 0, no_counter_page = 0;
	struct trace_opts trace = { NULL, 0, 0xffffffffu, 0, ~0ull };
	const char *profile = NULL;
	const char *syms[16];
	int nsyms = 1;	/* syms[0] is the image */
	uint64_t gdb_port = 0;
	const char *timing_specs[32];
	int ntiming = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-M")) {
			if (!val) goto missing;
			model = model_find(val);
			if (!model) {
				fprintf(stderr, "pmaxsim: unknown machine model '%s' (try 5000/240, 5000/125 or 5000/200)\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "-m")) {
			if (!val) goto missing;
			if (parse_u64(val, &ram_mb) || ram_mb == 0 || ram_mb > 4096) {
				fprintf(stderr, "pmaxsim: bad memory size '%s' (megabytes)\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "-o")) {
			if (!val) goto missing;
			args = val;
			i++;
		} else if (!strcmp(a, "--max-cycles")) {
			if (!val) goto missing;
			if (parse_u64(val, &max_cycles) || max_cycles == 0) {
				fprintf(stderr, "pmaxsim: bad cycle count '%s'\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "--no-counter-page")) {
			no_counter_page = 1;
		} else if (!strcmp(a, "--mac")) {
			if (!val || parse_mac(val, mac) != 0) {
				fprintf(stderr, "pmaxsim: --mac wants XX:XX:XX:XX:XX:XX (hex)\n");
				return 1;
			}
			have_mac = 1;
			i++;
		} else if (!strcmp(a, "--stats")) {
			want_stats = 1;
		} else if (!strcmp(a, "--host-speed")) {
			want_speed = 1;
		} else if (!strcmp(a, "--trace")) {
			want_trace = 1;
		} else if (!strcmp(a, "--trace-file")) {
			if (!val) goto missing;
			trace.file = val;
			want_trace = 1;
			i++;
		} else if (!strcmp(a, "--trace-range") || !strcmp(a, "--trace-cycles")) {
			if (!val) goto missing;
			char *colon = strchr(val, ':');
			uint64_t x, y;
			int range = !strcmp(a, "--trace-range");
			if (!colon) goto badrange;
			*colon = 0;
			if (range ? (sscanf(val, "%" SCNx64, &x) != 1 || sscanf(colon + 1, "%" SCNx64, &y) != 1)
				  : (parse_u64(val, &x) || parse_u64(colon + 1, &y)))
				goto badrange;
			if (x > y || (range && y > 0xffffffffu))
				goto badrange;
			if (range) {
				trace.lo = (uint32_t)x;
				trace.hi = (uint32_t)y;
			} else {
				trace.from = x;
				trace.to = y;
			}
			want_trace = 1;
			i++;
		} else if (!strcmp(a, "--profile")) {
			if (!val) goto missing;
			profile = val;
			i++;
		} else if (!strcmp(a, "--symbols")) {
			if (!val) goto missing;
			if (nsyms == (int)(sizeof syms / sizeof *syms)) {
				fprintf(stderr, "pmaxsim: too many --symbols files\n");
				return 1;
			}
			syms[nsyms++] = val;
			i++;
		} else if (!strcmp(a, "--timing")) {
			if (!val) goto missing;
			if (ntiming == (int)(sizeof timing_specs / sizeof *timing_specs)) {
				fprintf(stderr, "pmaxsim: too many --timing options\n");
				return 1;
			}
			timing_specs[ntiming++] = val;
			i++;
		} else if (!strcmp(a, "--gdb")) {
			if (!val) goto missing;
			if (parse_u64(val, &gdb_port) || gdb_port == 0 || gdb_port > 65535) {
				fprintf(stderr, "pmaxsim: bad port '%s'\n", val);
				return 1;
			}
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "pmaxsim: unknown option '%s' (see --help)\n", a);
			return 1;
		} else if (!image) {
			image = a;
		} else {
			fprintf(stderr, "pmaxsim: more than one image given ('%s')\n", a);
			return 1;
		}
		continue;
missing:
		fprintf(stderr, "pmaxsim: option %s needs a value\n", a);
		return 1;
badrange:
		fprintf(stderr, "pmaxsim: %s wants FROM:TO (%s)\n", a,
			!strcmp(a, "--trace-range") ? "hex addresses" : "cycle counts");
		return 1;
	}
	struct timing timing = *model->timing;
	for (int k = 0; k < ntiming; k++)
		if (set_timing(&timing, timing_specs[k]) != 0)
			return 1;
	if (timing.mhz == 0 || timing.line_bytes != 4 || timing.wbuf_entries == 0 ||
	    timing.wbuf_entries > 8 || timing.irefill_words == 0 || timing.drefill_words == 0 ||
	    (timing.irefill_words & (timing.irefill_words - 1)) ||
	    (timing.drefill_words & (timing.drefill_words - 1)) ||
	    timing.icache_bytes < 64 || (timing.icache_bytes & (timing.icache_bytes - 1)) ||
	    timing.dcache_bytes < 64 || (timing.dcache_bytes & (timing.dcache_bytes - 1))) {
		fprintf(stderr, "pmaxsim: --timing: a clock of 0, a write buffer outside 1..8, or a "
			"cache or refill size that is not a power of two\n");
		return 1;
	}
	if (!image) {
		fprintf(stderr, "pmaxsim: no image given (usage: pmaxsim [options] IMAGE.elf; see --help)\n");
		return 1;
	}

	if (machine_init(&m, model, (uint32_t)ram_mb, &timing) != 0) {
		fprintf(stderr, "pmaxsim: cannot give a %s %llu MB of RAM (at most %u)\n",
			model->name, (unsigned long long)ram_mb, model->max_ram_mb);
		return 1;
	}
	if (no_counter_page)
		bus_unmap(&m, "simctl");
	if (have_mac && m.set_enaddr)
		m.set_enaddr(&m, mac);
	machine_set_max_cycles(&m, max_cycles);
	machine_set_console(&m, stdout, STDIN_FILENO);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);

	char err[256];
	if (machine_boot(&m, image, args, err, sizeof err) != 0) {
		fprintf(stderr, "pmaxsim: %s\n", err);
		return 1;
	}

	syms[0] = image;
	if (want_trace && trace_attach(&m, &trace, syms, nsyms) != 0)
		return 1;
	if (profile && profile_attach(&m, profile, syms, nsyms) != 0)
		return 1;
	if (gdb_port && gdb_attach(&m, (int)gdb_port, syms, nsyms) != 0)
		return 1;

	signal(SIGINT, on_sigint);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);	/* host time: statistics only */
	if (gdb_port)
		gdb_run(&m);
	else
		cpu_run(&m);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fflush(stdout);

	int status = m.exit_status;
	if (m.fatal)
		fprintf(stderr, "pmaxsim: %s (pc 0x%08x, cycle %llu)\n", m.fatal,
			m.cpu.pc, (unsigned long long)m.cpu.cycles);
	if (profile)
		profile_finish(&m);
	if (want_stats)
		print_stats(&m);
	if (want_speed) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "pmaxsim: %.3f host seconds, %.1f M guest instructions/s\n",
			secs, secs > 0 ? (double)m.stats.instructions / secs / 1e6 : 0.0);
	}
	machine_free(&m);
	return status;
}
