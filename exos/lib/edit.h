/*
 * exos/lib/edit.h - a line editor for the console: a serial terminal
 * (VT100/ANSI keys, redrawn with backspaces and reprinted text only, so
 * any terminal in raw mode shows it right) or a pipe (the same bytes).
 *   printable      inserted at the cursor
 *   BS (^H), DEL   erase the character before the cursor
 *   ^U             kill the whole line
 *   ESC [ D / C    cursor left / right (also ESC O D / C, ^B / ^F)
 *   ESC [ A / B    history: previous / next line (also ^P / ^N)
 *   ESC [ H / F    start / end of the line (also ESC [ 1~ / 4~, ^A / ^E)
 *   ESC [ 3~       delete the character under the cursor
 *   ^C             abandon the line (prints ^C): EDIT_INTR
 *   ^D             on an empty line: EDIT_EOF; else delete under the cursor
 *   CR, LF         end the line (a LF right after a CR is the same end)
 * A line longer than the buffer is refused whole (EDIT_TOOLONG, after its
 * end is typed), never cut. Lines wider than the terminal are not wrapped
 * back over when the cursor moves left across a screen line.
 */
#ifndef EXOS_EDIT_H
#define EXOS_EDIT_H

#define EDIT_LINE_MAX	256	/* a line's bytes with its NUL */
#define EDIT_HISTORY	16	/* lines remembered */

#define EDIT_EOF	(-1)	/* ^D on an empty line, or no more input */
#define EDIT_INTR	(-2)	/* ^C */
#define EDIT_TOOLONG	(-3)	/* the line did not fit: it is dropped */

struct edit {
	int (*getc)(void);	/* the next input byte (waits); < 0: no more */
	char hist[EDIT_HISTORY][EDIT_LINE_MAX];
	int nhist, first;	/* a ring: oldest at first */
	int after_cr;		/* the last line ended with CR: skip one LF */
};

void edit_init(struct edit *e, int (*getc)(void));
/* Read one line into buf (size bytes, at most EDIT_LINE_MAX), echoing and
   editing; returns its length or EDIT_*. A non-empty line that differs
   from the newest history line is added to the history. */
int edit_line(struct edit *e, char *buf, int size);
/* History line i, 0 the oldest; NULL past the newest. */
const char *edit_history(const struct edit *e, int i);

#endif
