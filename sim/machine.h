/*
 * machine.h - the simulated DECstation as a whole: CPU, physical memory,
 * the bus (a table of device regions at physical addresses, as GXemul's
 * machine_pmax.c and System/161's bus/ arrange it), the event queue that
 * drives device time from the cycle count, interrupt lines, and the
 * model's parameters. Every device and the PROM talk to the machine only
 * through the functions declared here.
 *
 * A struct machine holds the whole state of one simulated DECstation
 * (with its devices, allocated per machine, and its console streams);
 * the simulator has no other mutable state, so one process may create
 * several machines and advance each in turn (machine_run_until), e.g.
 * on one simulated Ethernet. Each runs exactly as it would alone.
 *
 * Invariants: machine->cpu.cycles only grows; nothing derived from host time
 * reaches the guest (devices schedule events in cycles); a bus access to
 * an address no region claims is a bus error, as on the real machine.
 */
#ifndef SIM_MACHINE_H
#define SIM_MACHINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cpu.h"
#include "timing.h"

struct machine;

/* A device's register window. off is relative to the region's base; size
 * is 1, 2 or 4 bytes; values are right-aligned (a byte read returns the
 * byte in bits 7..0). Return 0, or -1 for a bus error (no device answers,
 * e.g. an empty TURBOchannel slot). */
struct device_ops {
	int (*read)(void *dev, uint32_t off, unsigned size, uint32_t *val);
	int (*write)(void *dev, uint32_t off, unsigned size, uint32_t val);
};

/* For the idle skip (idle.c), asked before a read: 1 if this read would
 * change nothing in the device and would return the same value every time
 * until the device's next event, a write to it, or host input arriving on
 * its console line. A region without one (a counter, a clock, a read that
 * pops a buffer) never vouches for its reads. */
typedef int (*stable_fn)(void *dev, uint32_t off, unsigned size);

struct region {
	const char *name;
	uint32_t base, size;		/* physical */
	const struct device_ops *ops;	/* NULL: RAM (host pointer in ram) */
	void *dev;
	uint8_t *ram;
	unsigned access_cycles;		/* CPU stall per uncached access */
	stable_fn stable;		/* NULL: see bus_set_stable */
};

/* One-shot timed events; a periodic device re-arms itself. */
typedef void (*event_fn)(struct machine *m, void *arg);

#define MAX_REGIONS	32
#define MAX_EVENTS	32

/* What a machine model is: its name, clock, caches, devices. */
struct model {
	const char *name;		/* "5000/240" */
	const char *board;		/* "KN03" */
	uint32_t systype;		/* PROM getsysid() */
	uint32_t prid;			/* CPU PRId */
	uint32_t fpu_rev;		/* FPU implementation/revision (FCR0) */
	const struct timing *timing;
	uint32_t default_ram_mb, max_ram_mb;
	/* The least RAM pmaxsim gives it: the smallest configuration DEC
	   sold, which software for the machine (Aegis's self-test too)
	   may assume. */
	uint32_t min_ram_mb;
	/* Maps devices and fills PROM data; called after RAM is mapped. */
	void (*attach)(struct machine *m);
	/* An access no device answered (bus timeout): the board latches the
	   address and raises its memory-error interrupt. A read also takes a
	   bus-error exception; a write, buffered, only interrupts. NULL: a
	   write timeout is also a bus-error exception. */
	void (*bus_timeout)(struct machine *m, uint32_t pa, int is_write);
};

extern const struct model model_kn03;	/* 5000/240 */
extern const struct model model_kn02ba;	/* 5000/125 */
extern const struct model model_kn02;	/* 5000/200 */
/* A model by name ("5000/125") or board ("kn02ba", any case); NULL if none. */
const struct model *model_find(const char *name);

/* Observers see the instruction stream, for --trace, --profile and --gdb.
 * insn() runs before each instruction executes (cycles = the count before
 * it); exception() when one is taken (after the vector is chosen);
 * tlb_write() on tlbwi/tlbwr; device() with a one-line note from a device
 * (machine_device_note: e.g. a LANCE register access); detach() once,
 * from machine_free(), to free
 * ctx. Any hook may be NULL. An observer may call machine_pause() to make
 * cpu_run() return before the next instruction. */
struct observer {
	void (*insn)(struct machine *m, void *ctx, uint32_t pc, uint32_t insn);
	void (*exception)(struct machine *m, void *ctx, unsigned code,
			  uint32_t epc, uint32_t vector);
	void (*tlb_write)(struct machine *m, void *ctx, unsigned index,
			  uint32_t hi, uint32_t lo);
	void (*device)(struct machine *m, void *ctx, const char *note);
	void *ctx;
	void (*detach)(struct machine *m, void *ctx);
};
#define MAX_OBSERVERS	4

struct event {
	uint64_t when;
	event_fn fn;
	void *arg;
};

struct stats {
	uint64_t instructions;
	uint64_t icache_misses, dcache_misses;
	uint64_t uncached_reads, uncached_writes;
	uint64_t stall_icache, stall_dcache, stall_uncached;
	uint64_t stall_wbuf, stall_hilo, stall_fpu;
	uint64_t tlb_misses_utlb, tlb_misses_general;
	uint64_t exceptions[32];	/* by Cause.ExcCode */
	uint64_t interrupts;
	/* The network device (dev_lance.c): whole frames, FCS included. */
	uint64_t net_tx_frames, net_tx_bytes, net_tx_dropped;
	uint64_t net_rx_frames, net_rx_bytes, net_rx_dropped;
	uint64_t net_tx_deferred;	/* frames that waited for a busy wire */
	/* SCSI (dev_asc.c): commands sent to a disk; blocks read and written. */
	uint64_t scsi_commands, scsi_blocks_read, scsi_blocks_written;
	uint64_t scsi_disk_ns;		/* time the disks were busy with commands */
};

struct machine {
	const struct model *model;	/* points at own_model below */
	struct model own_model;		/* the model, with own_timing */
	struct timing own_timing;	/* its timing, adjustable (--timing) */
	struct cpu cpu;
	uint8_t *ram;
	uint32_t ram_size;
	struct region regions[MAX_REGIONS];
	int nregions;
	/* bus_find's last answer: the region (index + 1, 0 none) holding
	   bus_last_pa; forgotten whenever a region is mapped or unmapped. */
	int bus_last;
	uint32_t bus_last_pa;
	struct event events[MAX_EVENTS];
	int nevents;
	uint64_t next_event;		/* cycle of the earliest event, or ~0 */

	/* Interrupt inputs, one bit per CPU IP line (bit n = IPn, 2..7). */
	uint32_t irq_lines;

	/* Run control. */
	int halted;			/* set by PROM halt: exit 0 */
	int exit_status;
	uint64_t max_cycles;		/* 0: no limit */
	uint64_t run_until;		/* end of cpu_run_until's slice; ~0: none */
	const char *fatal;		/* why the run ended badly, if it did */

	/* Console: the guest's serial line <-> this machine's host streams
	   (main: stdout and stdin; see machine_set_console). */
	FILE *console_out;
	int console_in_fd;		/* -1: no input */
	int console_in_eof;
	int console_peeked;		/* one byte read ahead, or -1 (console.c) */
	int console_in_tty;		/* console_in_fd is a terminal; -1 not known yet */
	/* Whole lines (several machines sharing one stream): each output
	   line is held until its newline, then written with this prefix
	   (machine_set_console_lines; NULL: characters go out as they come). */
	const char *console_prefix;
	char console_line[256];
	unsigned console_len;
	/* A terminal's input, read ahead of the guest (console.c): bytes
	   waiting for it, and QEMU's escape keys when console_escapes is set
	   (main: machine 1 on a terminal). console_escape is told 'x'
	   (Ctrl-A X) and 'b' (Ctrl-A B); Ctrl-A H and Ctrl-A Ctrl-A are
	   handled in console.c. */
	unsigned char console_q[256];
	unsigned console_qhead, console_qlen;
	int console_escapes, console_esc_seen;
	void (*console_escape)(struct machine *m, int key);
	volatile int console_poll_due;	/* main's timer: look at the terminal */

	/* The idle skip (idle.c): on unless --no-idle-skip; idle_pace makes
	   a skip wait in host time for terminal input (an interactive run);
	   idle_active while a loop is being checked (every access takes the
	   slow paths then). */
	int idle_skip, idle_pace, idle_active;
	struct idle_state *idle;
	uint64_t idle_skipped_cycles, idle_skipped_insns, idle_jumps;

	struct stats stats;
	struct observer observers[MAX_OBSERVERS];
	int nobservers;
	int paused;			/* an observer asked cpu_run to return */
	volatile int halt_button;	/* set by main's SIGINT handler */
	void (*press_halt)(struct machine *m);	/* the board's halt button */
	void *prom;			/* PROM emulation state (prom.c) */
	void *devices[8];		/* board devices, for the board's own use */
	struct net_segment *net;	/* the Ethernet it is on (net.c) */
	struct scsi_disk *scsi[8];	/* disks by SCSI ID (scsi.h); machine_free closes them */
	/* Rewrite the board's station-address ROM (--mac); NULL: none. */
	void (*set_enaddr)(struct machine *m, const uint8_t enaddr[6]);
	struct machine_block *blocks;	/* machine_zalloc's, freed by machine_free */
};

/* Set up a machine: RAM of ram_mb megabytes (0 = model default). timing
 * overrides the model's timing table when not NULL. Its console writes to
 * stdout and reads nothing until machine_set_console says otherwise.
 * Returns 0, or -1 (RAM size outside the model's min_ram_mb..max_ram_mb,
 * or out of memory). */
int machine_init(struct machine *m, const struct model *model, uint32_t ram_mb,
		 const struct timing *timing);
/* Free everything the machine holds: RAM, caches, devices, observers
 * (their detach hooks). The console streams stay the caller's. */
void machine_free(struct machine *m);
/* Zeroed memory that lives as long as the machine (device state); out of
   memory ends the process, as at any other point of building a machine. */
void *machine_zalloc(struct machine *m, size_t size);

/* The guest console's host ends: out for its output (never NULL), in_fd
   for its input (-1: none). Read in order when not a terminal, so the
   same input gives the same run (console.c). */
void machine_set_console(struct machine *m, FILE *out, int in_fd);
/* Write m's console output a whole line at a time, each starting with
   prefix (may be ""), so lines of machines sharing a stream never mix. */
void machine_set_console_lines(struct machine *m, const char *prefix);
/* Write out a held partial line (at the end of a run). */
void host_console_flush(struct machine *m);
/* Load an ELF image into RAM and hand it the PROM's boot registers, as
   the DEC PROM boots it (argv[1] a boot path ending in the image's file
   name, then args, which may be NULL). Returns 0, or -1 with a one-line
   reason in err. */
int machine_boot(struct machine *m, const char *image, const char *args,
		 char *err, unsigned errlen);

/* Running, a slice at a time (one machine or several in turn; cpu_run()
 * runs one to the end). machine_run_until() returns at the first
 * instruction boundary at or past the cycle count until (an instruction's
 * stalls may carry it a few cycles beyond), or earlier when the machine
 * stops or an observer pauses it; machine_run_for(m, n) is
 * machine_run_until(m, cycles + n). Splitting a run into slices changes
 * nothing the guest sees: the cycle count and the output are those of
 * one run to the end. */
enum machine_state {
	MACHINE_RUNNING,	/* the slice ended; call again to go on */
	MACHINE_PAUSED,		/* an observer paused it (machine_pause) */
	MACHINE_STOPPED,	/* halted through the PROM, or ended badly
				   (m->fatal: the cycle limit, a wedge);
				   m->exit_status says which */
};
enum machine_state machine_run_until(struct machine *m, uint64_t until);
enum machine_state machine_run_for(struct machine *m, uint64_t ncycles);
/* Where m stands between slices (MACHINE_RUNNING: it can go on). */
enum machine_state machine_run_state(const struct machine *m);

/* Bus. */
void bus_map(struct machine *m, const char *name, uint32_t base, uint32_t size,
	     const struct device_ops *ops, void *dev, unsigned access_cycles);
struct region *bus_find(struct machine *m, uint32_t pa);
/* Let the region called name vouch for its reads (idle.c); -1 if none. */
int bus_set_stable(struct machine *m, const char *name, stable_fn stable);
/* Remove the region called name (before the run starts: e.g. the counter
   page, for a machine that looks like the real one); -1 if none. */
int bus_unmap(struct machine *m, const char *name);

/* Physical memory access for devices (DMA) and the PROM; bypass caches.
 * Return 0, or -1 if any byte is not RAM. */
int phys_read(struct machine *m, uint32_t pa, void *buf, uint32_t len);
int phys_write(struct machine *m, uint32_t pa, const void *buf, uint32_t len);
/* Guest virtual addresses in kseg0/kseg1 (what the PROM is handed). */
int virt_to_phys_unmapped(uint32_t va, uint32_t *pa);

/* Time. */
static inline uint64_t machine_cycles(const struct machine *m) { return m->cpu.cycles; }
void event_at(struct machine *m, uint64_t when, event_fn fn, void *arg);
void event_cancel(struct machine *m, event_fn fn, void *arg);
void events_run(struct machine *m);	/* called by the CPU when due */
void machine_set_max_cycles(struct machine *m, uint64_t max);	/* 0: none */

/* Interrupt line IPn (n = 2..7) driven high (1) or low (0). */
void machine_set_irq(struct machine *m, int ip, int level);

/* Host console (console.c): non-blocking for a terminal; for a file or
 * pipe, input is read in order so runs stay deterministic. */
int host_console_getc(struct machine *m);	/* -1 if nothing */
int host_console_ready(struct machine *m);	/* a character is waiting */
void host_console_putc(struct machine *m, int c);
/* A terminal console: read what has been typed (escape keys acted on). */
void host_console_service(struct machine *m);
/* Wait up to usec host microseconds for terminal input (or a halt, quit
   or halt-button press); returns the microseconds waited. */
uint64_t host_console_wait(struct machine *m, uint64_t usec);
/* The escape keys' help, as Ctrl-A H prints it. */
void host_console_help(FILE *f);

/* Observers (see struct observer). */
int machine_observe(struct machine *m, const struct observer *o);	/* -1 if full */
void machine_pause(struct machine *m);
/* Hand observers with a device hook a note (printf-style); costs nothing
   measurable when none is attached. */
void machine_device_note(struct machine *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void machine_resume(struct machine *m);	/* cpu_run() calls it on entry */

/* End the run. */
void machine_halt(struct machine *m, int status);
void machine_fatal(struct machine *m, const char *why);

#endif
