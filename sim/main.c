/*
 * main.c - pmaxsim's command line: choose each machine's model, load an
 * ELF image into each as the DEC PROM would (or let its PROM boot from a
 * disk: --boot rzN, prom_disk.c), put them on one Ethernet
 * segment when there are several (net.h), run them, and report how the
 * run ended. The machines are reachable from statics here only for the
 * SIGINT handler; the rest of the simulator keeps no state outside struct
 * machine (machine.h) and the segment.
 * On a terminal, machine 1's console takes it over in raw mode
 * (hostterm.c) with QEMU's escape keys (console.c), and a timer makes the
 * machine look at the terminal even while its guest does not.
 * Exit status: 0 the guest halted through the PROM, or the person at the
 * terminal quit with Ctrl-A X; 1 bad usage or a bad image; 2 the
 * --max-cycles limit was reached; 3 the guest wedged the machine (a fatal
 * exception loop) or hit something unimplemented.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "debugtools.h"
#include "hostbridge.h"
#include "hostterm.h"
#include "machine.h"
#include "prom.h"
#include "scsi.h"
#include "net.h"

#define MAX_MACHINES	8

static struct machine *machines[MAX_MACHINES];
static unsigned nmachines;
static volatile sig_atomic_t quit_key;	/* Ctrl-A X ended the run */

static void press_halt_buttons(void)
{
	for (unsigned i = 0; i < nmachines; i++) {
		machines[i]->halt_button = 1;
		machines[i]->next_event = 0;	/* make the CPU loop look at it now */
	}
}

/* SIGINT (from a pipe's Ctrl-C, or kill -INT; on a terminal Ctrl-C is the
   guest's byte) presses every machine's halt button (each guest sees its
   interrupt); a second, if the first machine has not stopped, ends the
   simulator. */
static void on_sigint(int sig)
{
	(void)sig;
	if (nmachines && machines[0]->halt_button) {
		static const char msg[] = "\npmaxsim: interrupted\n";
		hostterm_restore();
		ssize_t r = write(2, msg, sizeof msg - 1);
		(void)r;
		_exit(130);
	}
	press_halt_buttons();
}

/* The escape keys of machine 1's terminal console that act on the run. */
static void on_escape(struct machine *m, int key)
{
	(void)m;
	if (key == 'b') {
		press_halt_buttons();
	} else if (key == 'x') {
		quit_key = 1;
		for (unsigned i = 0; i < nmachines; i++)
			machine_halt(machines[i], 0);
	}
}

/* Every 100 ms of host time: machine 1 reads its terminal, so the escape
   keys work while its guest is not reading the console. */
static void on_console_timer(int sig)
{
	(void)sig;
	if (nmachines) {
		machines[0]->console_poll_due = 1;
		machines[0]->next_event = 0;
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: pmaxsim [options] IMAGE.elf|--boot rzN [--and [machine options] IMAGE.elf|--boot rzN]...\n"
		"Simulates DECstations, counting R3000 cycles, and boots each IMAGE as its PROM\n"
		"would (or boots from a disk). Several machines (each --and starts the next) share one simulated\n"
		"Ethernet segment and run in lockstep; the run ends when the first halts, and\n"
		"its exit status is the run's.\n"
		"Machine options (apply to the machine whose group they are in: the options\n"
		"between two --and, before or after its image):\n"
		"  -M MODEL          machine: 5000/240 (KN03, 40 MHz, default), 5000/125 (KN02-BA,\n"
		"                    25 MHz) or 5000/200 (KN02, 25 MHz, DZ console)\n"
		"  -m MB             RAM size in megabytes (default: the model's usual size)\n"
		"  -o ARGS           boot arguments, passed to the program as argv[2...]\n"
		"  --mac XX:XX:XX:XX:XX:XX  the station address in the machine's Ethernet\n"
		"                    address ROM (default 08:00:2b:1a:95:0N, N by model; give\n"
		"                    each machine of the same model its own)\n"
		"  -d [ro:|tmp:]FILE a SCSI disk (a DEC RZ26) on the image FILE, a multiple of\n"
		"                    512 bytes; repeat for SCSI IDs 0, 1, ... 6 (7 is the\n"
		"                    host adapter). FILE: writes go to the file; ro:FILE\n"
		"                    read-only (writes fail, DATA PROTECT); tmp:FILE writes\n"
		"                    kept in memory and thrown away at exit (FILE never changes)\n"
		"  --boot rzN        no IMAGE.elf: boot from the disk at SCSI id N as the PROM's\n"
		"                    \"boot 3/rzN\" does: the DEC boot block in sector 0 (magic\n"
		"                    0x0002757a) names the blocks to load, where, and the entry;\n"
		"                    argv[1] is \"3/rzN/\" (\"5/rzN/\" on the 5000/200). No boot block,\n"
		"                    or one loading outside RAM: a message and exit status 1\n"
		"                    (tools/mkbootdisk puts a kernel on a disk; docs/pmaxsim.md)\n"
		"  --console FILE    write this machine's console to FILE (default: stdout;\n"
		"                    with several machines, each line of a machine after the\n"
		"                    first starts \"[N] \"). Only the first machine reads stdin.\n"
		"  --no-counter-page leave out pmaxsim's counter page (cycles for benchmarks),\n"
		"                    so the guest sees only what the real machine has\n"
		"  --timing NAME=N   override one cycle-model parameter (for calibration\n"
		"                    experiments); --timing list shows them (and the disk's,\n"
		"                    disk_*, which are fixed)\n"
		"  --trace           print each instruction executed (with exceptions and TLB writes)\n"
		"  --trace-file F    write the trace to F instead of stderr\n"
		"  --trace-range LO:HI    only instructions at addresses LO..HI (hex)\n"
		"  --trace-cycles A:B     only cycles A..B\n"
		"  --profile FILE    cycles and instructions per guest function to FILE,\n"
		"                    and folded stacks to FILE.folded (flame graphs)\n"
		"  --symbols ELF     more symbols for --trace and --profile (e.g. user programs;\n"
		"                    gdb reads its own: add-symbol-file)\n"
		"Options of the whole run (before the first --and):\n"
		"  --max-cycles N    stop each machine after N simulated cycles (exit status 2)\n"
		"  --stats           at exit, print for each machine instructions, cycles, misses,\n"
		"                    stalls, TLB misses, exceptions by cause and Ethernet frames\n"
		"                    (and the segment's) on stderr\n"
		"  --host-speed      at exit, print host seconds and guest instructions per second\n"
		"  --gdb PORT        wait for gdb (target remote 127.0.0.1:PORT) before running\n"
		"                    (one machine, no segment options)\n"
		"  --pcap FILE       write every frame on the segment to FILE (pcap, ns times\n"
		"                    of each frame's last bit; tcpdump -r, Wireshark)\n"
		"  --net-mbps N      the segment's speed in Mbit/s (default 10; 1..1000)\n"
		"  --net-loss P      lose each frame with probability P (0 <= P < 1), by a\n"
		"                    seeded choice that repeats run after run\n"
		"  --net-seed N      the seed of that choice (default 1)\n"
		"  --hostfwd tcp:HOSTPORT-:GUESTPORT (or tcp:HOSTPORT-GUESTADDR:GUESTPORT)\n"
		"                    put a NAT router (libslirp) on the segment at 10.0.2.2 and\n"
		"                    forward 127.0.0.1:HOSTPORT to the guest (default\n"
		"                    10.0.2.15); guests can open no connection out. Host time\n"
		"                    then reaches the run: it is no longer deterministic.\n"
		"  --no-idle-skip    execute idle loops instead of skipping them (the skip is\n"
		"                    exact: same consoles, cycles and --stats but its own line)\n"
		"  -h, --help        this text\n"
		"Without --hostfwd a run is deterministic: the same images and options give\n"
		"the same consoles and cycle counts. See docs/pmaxsim.md and docs/network.md.\n"
		"Idle: a guest waiting in a loop for its next event (a timer, a device, a\n"
		"console byte) is moved to that event at once, the time counted as executing\n"
		"the loop would have; on a terminal it then waits in host time, so an idle\n"
		"machine rests (docs/pmaxsim.md says how a loop is recognised).\n"
		"Console: machine 1's console is stdin and stdout. On a terminal it is taken\n"
		"in raw mode (one echo, the guest's; restored on exit) and every key goes\n"
		"to the guest, Ctrl-C and Ctrl-D included, except QEMU's escape keys:\n"
		"  C-a x  exit (--stats printed if asked for; exit status 0)\n"
		"  C-a h  list the escape keys     C-a b  press the halt button\n"
		"  C-a C-a  send C-a\n"
		"From a pipe or file input is read in order (deterministic runs); there\n"
		"SIGINT (Ctrl-C) presses every machine's halt button, a second ends pmaxsim.\n"
		"Exit status: 0 guest halted (or C-a x), 1 bad usage or image, 2 cycle limit,\n"
		"3 guest wedged.\n");
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

/* The disk's model (sim/timing.h timing_disk, the same on every model),
   listed by --timing list with a "disk_" prefix so that tools compute
   its limits from the simulator's own values (bench/reportlib/diskbench.py);
   not adjustable. */
#define TD(f) { "disk_" #f, offsetof(struct timing_disk, f) }
static const struct { const char *name; size_t off; } timing_disk_params[] = {
	TD(rpm), TD(sectors_per_track), TD(heads), TD(cylinders), TD(seek_track_us),
	TD(seek_avg_us), TD(overhead_us), TD(bus_ns_per_byte), TD(select_us), TD(chip_us),
};

static int set_timing(struct timing *t, const char *spec)
{
	const char *eq = strchr(spec, '=');
	uint64_t v;
	if (!strcmp(spec, "list")) {
		for (size_t i = 0; i < NTIMING; i++)
			printf("%-16s %u\n", timing_params[i].name,
			       *(unsigned *)((char *)t + timing_params[i].off));
		for (size_t i = 0; i < sizeof timing_disk_params / sizeof *timing_disk_params; i++)
			printf("%-16s %u\n", timing_disk_params[i].name,
			       *(const unsigned *)((const char *)&timing_disk + timing_disk_params[i].off));
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

static void print_stats(const struct machine *m, const char *label)
{
	const struct stats *s = &m->stats;
	uint64_t cyc = m->cpu.cycles;
	unsigned mhz = m->model->timing->mhz;
	fprintf(stderr, "pmaxsim: %smodel %s (%s, %u MHz), %u MB RAM\n", label,
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
	if (m->idle_skipped_cycles)
		fprintf(stderr, "  idle skipped      %llu cycles, %llu instructions, in %llu jumps "
			"(counted above)\n", (unsigned long long)m->idle_skipped_cycles,
			(unsigned long long)m->idle_skipped_insns, (unsigned long long)m->idle_jumps);
	if (s->net_tx_frames || s->net_tx_dropped || s->net_rx_frames || s->net_rx_dropped)
		fprintf(stderr, "  ethernet          sent %llu frames (%llu bytes), %llu dropped, "
			"%llu deferred, 0 collided; received %llu frames (%llu bytes), %llu dropped\n",
			(unsigned long long)s->net_tx_frames, (unsigned long long)s->net_tx_bytes,
			(unsigned long long)s->net_tx_dropped, (unsigned long long)s->net_tx_deferred,
			(unsigned long long)s->net_rx_frames,
			(unsigned long long)s->net_rx_bytes, (unsigned long long)s->net_rx_dropped);
	if (s->scsi_commands)
		fprintf(stderr, "  scsi              %llu commands, %llu blocks read, %llu written, "
			"disks busy %llu us\n", (unsigned long long)s->scsi_commands,
			(unsigned long long)s->scsi_blocks_read,
			(unsigned long long)s->scsi_blocks_written,
			(unsigned long long)(s->scsi_disk_ns / 1000u));
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


/* One machine's options: those in its group of the command line. */
struct machine_opts {
	const char *image;
	const char *boot;	/* --boot rzN: boot_id is N */
	unsigned boot_id;
	const struct model *model;
	uint64_t ram_mb;
	const char *args;
	uint8_t mac[6];
	int have_mac;
	const char *console;
	int no_counter_page;
	const char *timing_specs[32];
	int ntiming;
	int want_trace;
	struct trace_opts trace;
	const char *profile;
	const char *syms[16];
	int nsyms;		/* syms[0] is the image */
	const char *disks[SCSI_MAX_DISKS];	/* -d, SCSI IDs 0, 1, ... */
	int ndisks;
};

/* Options of the whole run. */
struct run_opts {
	uint64_t max_cycles, gdb_port;
	int want_stats, want_speed, no_idle_skip;
	struct net_options net;
	int segment_options;	/* any of the --net-/--pcap options given */
	const char *hostfwd[16];
	unsigned nhostfwd;
};

static int bad_timing(const struct timing *t)
{
	return t->mhz == 0 || t->line_bytes != 4 || t->wbuf_entries == 0 ||
	       t->wbuf_entries > 8 || t->irefill_words == 0 || t->drefill_words == 0 ||
	       (t->irefill_words & (t->irefill_words - 1)) ||
	       (t->drefill_words & (t->drefill_words - 1)) ||
	       t->icache_bytes < 64 || (t->icache_bytes & (t->icache_bytes - 1)) ||
	       t->dcache_bytes < 64 || (t->dcache_bytes & (t->dcache_bytes - 1));
}

/* Parse argv into machine groups and the run's options; 0, 1 on an
   error (printed), or -2 when the help was asked for. */
static int parse(int argc, char **argv, struct machine_opts *mo, unsigned *nmo, struct run_opts *ro)
{
	unsigned k = 0;
	struct machine_opts *o = &mo[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		int run_option = 1;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return -2;
		} else if (!strcmp(a, "--and")) {
			if (!o->image && !o->boot) {
				fprintf(stderr, "pmaxsim: --and before machine %u has an image "
					"(or --boot rzN)\n", k + 1);
				return 1;
			}
			if (++k == MAX_MACHINES) {
				fprintf(stderr, "pmaxsim: at most %d machines in one run\n", MAX_MACHINES);
				return 1;
			}
			o = &mo[k];
			continue;
		} else if (!strcmp(a, "--max-cycles")) {
			if (!val) goto missing;
			if (parse_u64(val, &ro->max_cycles) || ro->max_cycles == 0) {
				fprintf(stderr, "pmaxsim: bad cycle count '%s'\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "--stats")) {
			ro->want_stats = 1;
		} else if (!strcmp(a, "--host-speed")) {
			ro->want_speed = 1;
		} else if (!strcmp(a, "--no-idle-skip")) {
			ro->no_idle_skip = 1;
		} else if (!strcmp(a, "--gdb")) {
			if (!val) goto missing;
			if (parse_u64(val, &ro->gdb_port) || ro->gdb_port == 0 || ro->gdb_port > 65535) {
				fprintf(stderr, "pmaxsim: bad port '%s'\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "--pcap")) {
			if (!val) goto missing;
			ro->net.pcap = val;
			ro->segment_options = 1;
			i++;
		} else if (!strcmp(a, "--net-mbps")) {
			uint64_t v;
			if (!val) goto missing;
			if (parse_u64(val, &v) || v == 0 || v > 1000) {
				fprintf(stderr, "pmaxsim: bad --net-mbps '%s' (1..1000)\n", val);
				return 1;
			}
			ro->net.mbps = (unsigned)v;
			ro->segment_options = 1;
			i++;
		} else if (!strcmp(a, "--net-loss")) {
			char *end;
			if (!val) goto missing;
			errno = 0;
			double p = strtod(val, &end);
			if (!*val || *end || errno || !(p >= 0 && p < 1)) {
				fprintf(stderr, "pmaxsim: bad --net-loss '%s' (a probability, 0 <= P < 1)\n", val);
				return 1;
			}
			ro->net.loss = p;
			ro->segment_options = 1;
			i++;
		} else if (!strcmp(a, "--net-seed")) {
			if (!val) goto missing;
			if (parse_u64(val, &ro->net.seed)) {
				fprintf(stderr, "pmaxsim: bad --net-seed '%s'\n", val);
				return 1;
			}
			ro->segment_options = 1;
			i++;
		} else if (!strcmp(a, "--hostfwd")) {
			if (!val) goto missing;
			if (ro->nhostfwd == sizeof ro->hostfwd / sizeof *ro->hostfwd) {
				fprintf(stderr, "pmaxsim: too many --hostfwd options\n");
				return 1;
			}
			ro->hostfwd[ro->nhostfwd++] = val;
			i++;
		} else {
			run_option = 0;
		}
		if (run_option) {
			if (k > 0) {
				fprintf(stderr, "pmaxsim: %s is an option of the whole run: give it "
					"before the first --and\n", a);
				return 1;
			}
			continue;
		}
		if (!strcmp(a, "-M")) {
			if (!val) goto missing;
			o->model = model_find(val);
			if (!o->model) {
				fprintf(stderr, "pmaxsim: unknown machine model '%s' (try 5000/240, 5000/125 or 5000/200)\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "-m")) {
			if (!val) goto missing;
			if (parse_u64(val, &o->ram_mb) || o->ram_mb == 0 || o->ram_mb > 4096) {
				fprintf(stderr, "pmaxsim: bad memory size '%s' (megabytes)\n", val);
				return 1;
			}
			i++;
		} else if (!strcmp(a, "-o")) {
			if (!val) goto missing;
			o->args = val;
			i++;
		} else if (!strcmp(a, "--no-counter-page")) {
			o->no_counter_page = 1;
		} else if (!strcmp(a, "--mac")) {
			if (!val || parse_mac(val, o->mac) != 0) {
				fprintf(stderr, "pmaxsim: --mac wants XX:XX:XX:XX:XX:XX (hex)\n");
				return 1;
			}
			o->have_mac = 1;
			i++;
		} else if (!strcmp(a, "-d")) {
			if (!val) goto missing;
			if (o->ndisks == SCSI_MAX_DISKS) {
				fprintf(stderr, "pmaxsim: too many disks (-d %s): at most %d a machine, "
					"SCSI IDs 0-%d (%d is the host adapter)\n", val, SCSI_MAX_DISKS,
					SCSI_MAX_DISKS - 1, SCSI_HOST_ID);
				return 1;
			}
			o->disks[o->ndisks++] = val;
			i++;
		} else if (!strcmp(a, "--boot")) {
			unsigned id;
			int len = 0;
			if (!val) goto missing;
			if (sscanf(val, "rz%u%n", &id, &len) != 1 || val[len] || id >= SCSI_MAX_DISKS ||
			    !isdigit((unsigned char)val[2])) {
				fprintf(stderr, "pmaxsim: --boot wants rzN, N a SCSI id 0..%d (not '%s')\n",
					SCSI_MAX_DISKS - 1, val);
				return 1;
			}
			o->boot = val;
			o->boot_id = id;
			i++;
		} else if (!strcmp(a, "--console")) {
			if (!val) goto missing;
			o->console = val;
			i++;
		} else if (!strcmp(a, "--trace")) {
			o->want_trace = 1;
		} else if (!strcmp(a, "--trace-file")) {
			if (!val) goto missing;
			o->trace.file = val;
			o->want_trace = 1;
			i++;
		} else if (!strcmp(a, "--trace-range") || !strcmp(a, "--trace-cycles")) {
			if (!val) goto missing;
			const char *colon = strchr(val, ':');
			char lo[64];
			uint64_t x, y;
			int range = !strcmp(a, "--trace-range");
			if (!colon || (size_t)(colon - val) >= sizeof lo) goto badrange;
			memcpy(lo, val, (size_t)(colon - val));
			lo[colon - val] = 0;
			if (range ? (sscanf(lo, "%" SCNx64, &x) != 1 || sscanf(colon + 1, "%" SCNx64, &y) != 1)
				  : (parse_u64(lo, &x) || parse_u64(colon + 1, &y)))
				goto badrange;
			if (x > y || (range && y > 0xffffffffu))
				goto badrange;
			if (range) {
				o->trace.lo = (uint32_t)x;
				o->trace.hi = (uint32_t)y;
			} else {
				o->trace.from = x;
				o->trace.to = y;
			}
			o->want_trace = 1;
			i++;
		} else if (!strcmp(a, "--profile")) {
			if (!val) goto missing;
			o->profile = val;
			i++;
		} else if (!strcmp(a, "--symbols")) {
			if (!val) goto missing;
			if (o->nsyms == (int)(sizeof o->syms / sizeof *o->syms)) {
				fprintf(stderr, "pmaxsim: too many --symbols files\n");
				return 1;
			}
			o->syms[o->nsyms++] = val;
			i++;
		} else if (!strcmp(a, "--timing")) {
			if (!val) goto missing;
			if (o->ntiming == (int)(sizeof o->timing_specs / sizeof *o->timing_specs)) {
				fprintf(stderr, "pmaxsim: too many --timing options\n");
				return 1;
			}
			o->timing_specs[o->ntiming++] = val;
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "pmaxsim: unknown option '%s' (see --help)\n", a);
			return 1;
		} else if (!o->image) {
			o->image = a;
		} else {
			fprintf(stderr, "pmaxsim: more than one image for machine %u ('%s'; "
				"--and starts the next machine)\n", k + 1, a);
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
	*nmo = k + 1;
	return 0;
}

/* Set up machine number k (0-based) as its options say; 0 or 1. */
static int setup_machine(struct machine *m, unsigned k, unsigned n, struct machine_opts *o,
			 const struct run_opts *ro, char *label)
{
	const struct model *model = o->model ? o->model : &model_kn03;
	struct timing timing = *model->timing;
	for (int t = 0; t < o->ntiming; t++)
		if (set_timing(&timing, o->timing_specs[t]) != 0)
			return 1;
	if (bad_timing(&timing)) {
		fprintf(stderr, "pmaxsim: --timing: a clock of 0, a write buffer outside 1..8, or a "
			"cache or refill size that is not a power of two\n");
		return 1;
	}
	if (!o->image && !o->boot) {
		fprintf(stderr, "pmaxsim: %sno image given (usage: pmaxsim [options] IMAGE.elf "
			"[--and [options] IMAGE.elf]...; or --boot rzN; see --help)\n", label);
		return 1;
	}
	if (o->image && o->boot) {
		fprintf(stderr, "pmaxsim: %sboth an image (%s) and --boot %s: give one\n", label,
			o->image, o->boot);
		return 1;
	}
	if (machine_init(m, model, (uint32_t)o->ram_mb, &timing) != 0) {
		fprintf(stderr, "pmaxsim: cannot give a %s %llu MB of RAM (%u to %u MB)\n",
			model->name, (unsigned long long)o->ram_mb, model->min_ram_mb,
			model->max_ram_mb);
		return 1;
	}
	for (int d = 0; d < o->ndisks; d++) {
		char derr[512];
		m->scsi[d] = scsi_disk_open(o->disks[d], derr, sizeof derr);
		if (!m->scsi[d]) {
			fprintf(stderr, "pmaxsim: %s%s\n", label, derr);
			return 1;
		}
	}
	if (o->no_counter_page)
		bus_unmap(m, "simctl");
	if (o->have_mac && m->set_enaddr)
		m->set_enaddr(m, o->mac);
	machine_set_max_cycles(m, ro->max_cycles);
	m->idle_skip = !ro->no_idle_skip;

	FILE *out = stdout;
	if (o->console) {
		out = fopen(o->console, "w");
		if (!out) {
			fprintf(stderr, "pmaxsim: cannot write console file %s: %s\n", o->console,
				strerror(errno));
			return 1;
		}
	}
	machine_set_console(m, out, k == 0 ? STDIN_FILENO : -1);
	/* Machines sharing stdout write whole lines; the first unprefixed
	   (its TAP stays readable), unless a person types at it. */
	if (n > 1 && !o->console && (k > 0 || !isatty(STDIN_FILENO))) {
		static char prefixes[MAX_MACHINES][8];
		snprintf(prefixes[k], sizeof prefixes[k], k ? "[%u] " : "", k + 1);
		machine_set_console_lines(m, prefixes[k]);
	}

	char err[256];
	if (o->boot ? prom_boot_disk(m, o->boot_id, o->args, err, sizeof err) :
		      machine_boot(m, o->image, o->args, err, sizeof err)) {
		fprintf(stderr, "pmaxsim: %s%s\n", label, err);
		return 1;
	}
	/* Symbols: the image's first; a disk boot has only --symbols'. */
	o->syms[0] = o->image;
	const char **syms = o->image ? o->syms : o->syms + 1;
	int nsyms = o->image ? o->nsyms : o->nsyms - 1;
	if (o->want_trace && trace_attach(m, &o->trace, syms, nsyms) != 0)
		return 1;
	if (o->profile && profile_attach(m, o->profile, syms, nsyms) != 0)
		return 1;
	if (ro->gdb_port && gdb_attach(m, (int)ro->gdb_port, syms, nsyms) != 0)
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct machine_opts mo[MAX_MACHINES];
	struct run_opts ro = { .net = { .seed = 1 } };
	unsigned n = 0;
	for (unsigned k = 0; k < MAX_MACHINES; k++) {
		struct trace_opts all = { NULL, 0, 0xffffffffu, 0, ~0ull };
		mo[k].trace = all;
		mo[k].nsyms = 1;
	}
	int r = parse(argc, argv, mo, &n, &ro);
	if (r)
		return r == -2 ? 0 : r;
	int shared = n > 1 || ro.segment_options || ro.nhostfwd;
	if (ro.gdb_port && shared) {
		fprintf(stderr, "pmaxsim: --gdb drives one machine alone (no --and, --pcap, "
			"--net-* or --hostfwd)\n");
		return 1;
	}

	static char labels[MAX_MACHINES][24];
	int status = 1;
	struct net_segment *seg = NULL;
	struct hostbridge *bridge = NULL;
	char err[256];
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	for (unsigned k = 0; k < n; k++) {
		if (n > 1)
			snprintf(labels[k], sizeof labels[k], "machine %u: ", k + 1);
		machines[k] = calloc(1, sizeof *machines[k]);
		if (!machines[k]) {
			fprintf(stderr, "pmaxsim: out of memory\n");
			goto out;
		}
		nmachines = k + 1;
		if (setup_machine(machines[k], k, n, &mo[k], &ro, labels[k]) != 0)
			goto out;
	}
	if (shared) {
		seg = net_segment_new(&ro.net, err, sizeof err);
		if (!seg) {
			fprintf(stderr, "pmaxsim: %s\n", err);
			goto out;
		}
		for (unsigned k = 0; k < n; k++)
			if (net_join(seg, machines[k]) != 0) {
				fprintf(stderr, "pmaxsim: too many network ports on one segment\n");
				goto out;
			}
		if (ro.nhostfwd) {
			bridge = hostbridge_new(seg, ro.hostfwd, ro.nhostfwd, err, sizeof err);
			if (!bridge) {
				fprintf(stderr, "pmaxsim: %s\n", err);
				goto out;
			}
		}
	}

	signal(SIGINT, on_sigint);
	/* A person at a terminal: raw mode, the escape keys on machine 1's
	   console, a timer to read them, and rest while the guest idles
	   (alone: several machines run in lockstep slices). */
	if (isatty(STDIN_FILENO) && hostterm_raw(STDIN_FILENO) == 0) {
		struct machine *m = machines[0];
		m->console_escapes = 1;
		m->console_escape = on_escape;
		m->idle_pace = n == 1;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_console_timer;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, NULL);
		struct itimerval it = { { 0, 100000 }, { 0, 100000 } };
		setitimer(ITIMER_REAL, &it, NULL);
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);	/* host time: statistics only */
	if (ro.gdb_port)
		gdb_run(machines[0]);
	else if (seg)
		net_run(seg, machines, n);
	else
		cpu_run(machines[0]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	for (unsigned k = 0; k < n; k++)
		host_console_flush(machines[k]);
	fflush(stdout);
	hostterm_restore();
	if (quit_key)
		fprintf(stderr, "\npmaxsim: quit with Ctrl-A X (cycle %llu)\n",
			(unsigned long long)machines[0]->cpu.cycles);

	status = machines[0]->exit_status;
	uint64_t instructions = 0;
	for (unsigned k = 0; k < n; k++) {
		struct machine *m = machines[k];
		instructions += m->stats.instructions;
		if (m->fatal)
			fprintf(stderr, "pmaxsim: %s%s (pc 0x%08x, cycle %llu)\n", labels[k],
				m->fatal, m->cpu.pc, (unsigned long long)m->cpu.cycles);
		if (mo[k].profile)
			profile_finish(m);
		if (ro.want_stats)
			print_stats(m, labels[k]);
	}
	if (ro.want_stats && seg) {
		const struct net_segment_stats *ns = net_segment_stats(seg);
		fprintf(stderr, "pmaxsim: segment of %u machine%s%s, %u Mbit/s\n", n, n > 1 ? "s" : "",
			bridge ? " and the host bridge" : "",
			ro.net.mbps ? ro.net.mbps : timing_ether.wire_mbps);
		fprintf(stderr, "  frames            %llu (%llu bytes), %llu lost (--net-loss), "
			"%llu delivered late (runts)\n",
			(unsigned long long)ns->frames, (unsigned long long)ns->bytes,
			(unsigned long long)ns->lost, (unsigned long long)ns->late);
		fprintf(stderr, "  lockstep rounds   %llu of %.1f us\n", (unsigned long long)ns->rounds,
			(double)net_quantum_ps(seg) / 1e6);
		if (bridge)
			hostbridge_print_stats(bridge, stderr);
	}
	if (ro.want_speed) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		fprintf(stderr, "pmaxsim: %.3f host seconds, %.1f M guest instructions/s",
			secs, secs > 0 ? (double)instructions / secs / 1e6 : 0.0);
		if (n > 1)
			fprintf(stderr, " (all %u machines)", n);
		fprintf(stderr, "\n");
	}
out:
	signal(SIGINT, SIG_DFL);
	hostbridge_free(bridge);
	for (unsigned k = 0; k < nmachines; k++) {
		FILE *out = machines[k]->console_out;
		machine_free(machines[k]);
		if (out && out != stdout)
			fclose(out);
		free(machines[k]);
	}
	net_segment_free(seg);
	return status;
}
