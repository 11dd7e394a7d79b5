/*
 * schedtest.h - what schedtest and its children agree on.
 */
#ifndef SCHEDTEST_H
#define SCHEDTEST_H

enum { KID_SPIN = 1, KID_EXIT7, KID_PONG, KID_POLITE, KID_RUDE, KID_VICTIM };

#define SHARED_VA	0x10000000u	/* the ping-pong page, in both */
#define STLB_PROBE_VA	0x30008000u	/* where schedtest maps the STLB (its
					   pages' slots miss SHARED_VA's) */
#define SHARED_RCAP	0x5eed1234u
#define SHARED_WCAP	0x5eed5678u
#define VICTIM_RCAP	0x71c71111u
#define VICTIM_WCAP	0x71c72222u

#endif
