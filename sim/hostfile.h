/*
 * hostfile.h - reading a whole host file (an ELF image, a symbol file)
 * into memory, with a one-line error for whatever goes wrong.
 */
#ifndef SIM_HOSTFILE_H
#define SIM_HOSTFILE_H

#include <stddef.h>
#include <stdint.h>

/* Returns a malloc'd buffer of *len bytes, or NULL with err set
 * ("PATH: cannot open: ...", "PATH: read error", "PATH: larger than 512 MB"). */
uint8_t *hostfile_read(const char *path, size_t *len, char *err, unsigned errlen);

#endif
