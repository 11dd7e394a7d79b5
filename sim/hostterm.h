/*
 * hostterm.h - pmaxsim's host terminal in raw mode (hostterm.c), for main.c.
 */
#ifndef SIM_HOSTTERM_H
#define SIM_HOSTTERM_H

/* Put terminal fd in raw mode (no echo, no line editing, no signals from
   keys, no CR/NL translation of input), to be restored at exit and on a
   fatal signal. 0, or -1 if fd is not a terminal (nothing changed). */
int hostterm_raw(int fd);
/* Give the terminal its settings back now (safe in a signal handler). */
void hostterm_restore(void);

#endif
