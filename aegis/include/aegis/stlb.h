/*
 * aegis/stlb.h - where a binding sits in the STLB, for the programs that
 * map it read-only (SYS_map_stlb) to probe it, and for the kernel. The
 * STLB is 4096 entries of 8 bytes (EntryHi, EntryLo), direct-mapped. Its
 * index mixes the address-space id into the virtual page number (the
 * paper's "tag used to hash into the STLB"), so that environments using
 * the same addresses do not evict each other:
 *     index = (VPN ^ VPN << 9 ^ ASID << 3) mod 4096
 * which the 18-instruction refill (stlb.S) computes as
 * ((Context << 1) ^ EntryHi) & 0x7ff8. An environment's ASID is its slot
 * (slot + 32 while it runs with its second context id, SYS_cidswitch).
 */
#ifndef AEGIS_STLB_H
#define AEGIS_STLB_H

#define STLB_ENTRIES	4096

/* hi: VPN << 12 | ASID << 6, as EntryHi holds it. */
static inline unsigned stlb_index(unsigned hi)
{
	return ((hi >> 12) ^ (hi >> 3)) & (STLB_ENTRIES - 1);
}

#endif
