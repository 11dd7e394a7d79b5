/*
 * aegis/net.h - the network's part of the ABI: packet filters (DPF atoms),
 * the receive ring an environment registers in its own pages, and
 * application-specific safe handlers (ASHs). Aegis multiplexes the
 * Ethernet (the board's LANCE) and nothing more: it knows no protocol.
 * The calls themselves are in <aegis/syscall.h> (SYS_dpf_insert ...).
 *
 * A frame, as filters, rings and ASHs see it, is the Ethernet frame from
 * its destination address (byte 0) to the end of its data, without the
 * FCS: 14 to AEGIS_NET_MTU_FRAME bytes.
 */
#ifndef AEGIS_NET_H
#define AEGIS_NET_H

#define AEGIS_NET_MIN_FRAME	14	/* an Ethernet header */
#define AEGIS_NET_MTU_FRAME	1514	/* 14 + 1500 */

/* --- DPF (Engler & Kaashoek, SIGCOMM 1996) --------------------------
 * A filter is a list of atoms, all of which must hold. Each atom loads a
 * field of `size` bytes (1, 2 or 4; big-endian, network order) at
 * `offset` from the current base. The base starts at the frame's first
 * byte; a DPF_OP_SHIFT atom moves it on by a header's own length, as
 * IP's IHL: base += (field & mask) << value. A DPF_OP_EQ atom holds when
 * (field & mask) == value. A field that would lie past the frame's end
 * makes the filter fail (it never matches a short frame).
 * When several filters match one frame, the one with the most atoms
 * takes it (the longest match, as DPF's trie), ties to the older one. */
#define DPF_OP_EQ	1
#define DPF_OP_SHIFT	2

#ifndef __ASSEMBLER__
struct dpf_atom {
	unsigned short op;	/* DPF_OP_EQ or DPF_OP_SHIFT */
	unsigned short size;	/* 1, 2 or 4 */
	unsigned offset;	/* bytes from the base: below AEGIS_NET_MTU_FRAME */
	unsigned mask;		/* within the field's size, not 0 */
	unsigned value;		/* EQ: within mask; SHIFT: 0..DPF_MAX_SHIFT,
				   and mask << value below 2^31 (so the base
				   never wraps) */
};
#endif

#define DPF_MAX_SHIFT	5	/* (32 words of header at most) */
#define DPF_MAX_ATOMS	16	/* atoms in one filter */
#define DPF_MAX_FILTERS	128	/* filters in the kernel, all environments */
#define DPF_MAX_PER_ENV	16	/* filters one environment may hold */
#define DPF_CODE_WORDS	4096	/* the compiled trie's code, in instructions */

/* SYS_dpf_insert flags. */
#define DPF_SHARED	1	/* other environments may insert filters that
				   overlap this one (a frame goes to the longest
				   match); without it, such an insertion is
				   refused with -AEGIS_EBUSY */

/* --- The receive ring (SYS_net_ring) -------------------------------
 * An environment that holds filters gives Aegis a ring in its own
 * writable pages (its program's: the same rule as every pointer
 * argument): a header, then nslots slots of slot_size bytes each. Aegis
 * fills slot k (k = 0, 1, ... nslots-1, 0, ...) when its len is 0: it
 * writes the frame (at AEGIS_RX_FRAME in the slot), the filter's id,
 * then len last. The owner takes the
 * frame and writes len = 0 to give the slot back. A frame that finds its
 * slot full, or longer than a slot holds, is dropped and counted. */
#define AEGIS_RX_HDR		16	/* bytes of struct aegis_rx_ring */
#define AEGIS_RX_SLOT_HDR	8	/* bytes of struct aegis_rx_slot */
#define AEGIS_RX_FRAME		10	/* where the frame starts in a slot: 2 past a
					   word, so that its IP header (byte 14) is
					   word-aligned, as where filters and ASHs see it */
#define AEGIS_RX_MAX_SLOTS	1024

#ifndef __ASSEMBLER__
struct aegis_rx_ring {
	volatile unsigned delivered;	/* frames put in the ring (poll this) */
	volatile unsigned dropped;	/* frames lost: ring full or too long */
	volatile unsigned ash_aborts;	/* ASH runs Aegis stopped (AEGIS_ASH_*) */
	volatile unsigned ash_last;	/* why the last one was stopped */
	/* then the slots */
};
struct aegis_rx_slot {
	volatile unsigned len;		/* 0: the slot is Aegis's to fill */
	unsigned filter;		/* the filter that took the frame */
	/* then 2 bytes of padding and the frame (at AEGIS_RX_FRAME) */
};

/* SYS_net_info. */
struct aegis_netinfo {
	unsigned present;		/* 1 if the machine has an Ethernet */
	unsigned char mac[6], pad[2];	/* its station address */
	unsigned rx_frames;		/* good frames received */
	unsigned rx_unclaimed;		/* of those, no filter took */
	unsigned rx_errors;		/* CRC, framing, overflow, missed */
	unsigned tx_frames;		/* frames sent */
	unsigned tx_errors;
};
#endif

/* A net upcall (SYS_net_ring with a pc) saves a0..a2 at offsets 4, 8, 12
   of the upcall save area (SYS_set_upcalls) and arrives with a0 = the PC
   to resume at, a1 = frames delivered so far (the ring's count). It is
   made when the environment next runs after frames arrived, and then
   not again until the environment re-arms it with SYS_net_ring(ring, 0,
   0, 0) (its handler has emptied the ring). Frames that came meanwhile
   bring the next upcall when Aegis next returns to it from an interrupt
   or a slice start (at the latest, the next clock tick). */
#define UPCALL_SAVE_NET		4

/* --- ASHs (Wallach, Engler, Kaashoek, SIGCOMM 1996) -----------------
 * A handler is MIPS I code bound to one of the environment's filters.
 * Aegis checks it when it is downloaded and runs it in the kernel when
 * that filter takes a frame, before anything is scheduled, in the
 * owner's address space:
 *   a0 = AEGIS_ASH_FRAME_VA + 2: the frame, read-only (so an IP
 *        header at byte 14 is word-aligned);
 *   a1 = the frame's length; a2 = the arg given at download.
 * It returns (jr ra) with v0 = 0 if it consumed the frame, otherwise
 * the frame goes on to the ring. Every load and store is confined to
 * the owner's user address space (its own bindings: anything else
 * aborts the handler) or the frame; it may use any register but $at,
 * $k0, $k1, $gp and $s8 (Aegis's, for the sandbox), has no privileged
 * instructions, jumps only within itself, and runs at most
 * AEGIS_ASH_BUDGET instructions in loops (each backward branch or j
 * charges the length of the loop it closes, its target to its delay
 * slot; a run whose budget is spent at a backward branch is stopped).
 * Calls to Aegis are `break N`:
 *   break AEGIS_ASH_SEND: send the frame at a0 (the owner's memory or
 *   the frame window), a1 bytes; v0 = 0 or a negative AEGIS_E*. Like
 *   a function call it keeps s0-s7, sp and ra (and the sandbox's gp
 *   and s8); v1, a0-a3, t0-t9, hi and lo come back 0.
 * In detail (net/ash.c checks all of it at download):
 *   - the code is position-independent: a `j` target's 26-bit field is
 *     a word index in the handler (link it at address 0); jr $ra is
 *     always the return, so calls (jal, jalr, bltzal, bgezal) and any
 *     other jr are refused;
 *   - a branch delay slot holds no load, store, break, branch or jump;
 *     the last word is not a branch or jump; running off the end aborts;
 *   - `break N` is encoded as assemblers write it (N in bits 25..16:
 *     break 1 is 0x0001000d); no coprocessor instructions (no FPU);
 *   - every register but a0..a2 starts at 0 ($sp too: a handler with a
 *     stack makes one in its own memory); add/addi/sub overflow aborts;
 *   - the frame window exists only during a run (any mapping of the
 *     owner's at that page is hidden meanwhile); the send call reads
 *     through the owner's bindings like a load, and an uncached
 *     (device) page aborts it. */
#define AEGIS_ASH_FRAME_VA	0x7fe00000u
#define AEGIS_ASH_MAX_WORDS	1024	/* instructions in one handler */
#define AEGIS_ASH_BUDGET	65536	/* instructions of loops in one run */
#define AEGIS_ASH_SEND		1	/* the break code of the send call */
#define AEGIS_ASH_WHY_LEN	80	/* bytes of a refusal's reason */
/* ash_last: why a run was stopped. */
#define AEGIS_ASH_FAULT		1	/* a load or store outside its memory */
#define AEGIS_ASH_TIMEOUT	2	/* over its budget */

#ifndef __ASSEMBLER__
/* SYS_ash_download's argument. */
struct aegis_ash {
	const unsigned *code;	/* the handler, nwords instructions */
	unsigned nwords;	/* 0: remove the filter's handler */
	unsigned arg;		/* its a2 on every run */
	char *why;		/* 0, or AEGIS_ASH_WHY_LEN bytes for a refusal's
				   reason ("word 12: lw outside ..."): writable */
};
#endif

#endif
