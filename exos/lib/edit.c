/*
 * exos/lib/edit.c - the console's line editor (edit.h). The screen is
 * kept in step by relative moves only: BS moves the cursor left, and
 * reprinting a character moves it right, so no escape sequence is sent
 * and a terminal needs no particular emulation (VT100 input keys are
 * read, since that is what terminals send for the arrows).
 */
#include <stdio.h>
#include <string.h>
#include "edit.h"

#define CTRL(c)	((c) & 0x1f)
#define ESC	0x1b
#define DEL	0x7f

/* The line being edited. */
struct line {
	char *buf;
	int size, n, pos;	/* capacity (with NUL), length, cursor */
	int overflow;		/* typed past the capacity: refuse at the end */
};

static void out(const char *s, int n)
{
	if (n > 0)
		fwrite(s, 1, (size_t)n, stdout);
}

static void back(int n)
{
	while (n-- > 0)
		putchar('\b');
}

static void blank(int n)
{
	while (n-- > 0)
		putchar(' ');
}

void edit_init(struct edit *e, int (*getc)(void))
{
	memset(e, 0, sizeof *e);
	e->getc = getc;
}

const char *edit_history(const struct edit *e, int i)
{
	if (i < 0 || i >= e->nhist)
		return NULL;
	return e->hist[(e->first + i) % EDIT_HISTORY];
}

static void remember(struct edit *e, const char *s)
{
	const char *last = edit_history(e, e->nhist - 1);
	if (!*s || (last && !strcmp(last, s)))
		return;		/* no empty lines, no repeat of the last */
	if (e->nhist == EDIT_HISTORY)
		e->first = (e->first + 1) % EDIT_HISTORY;	/* drop the oldest */
	else
		e->nhist++;
	char *slot = e->hist[(e->first + e->nhist - 1) % EDIT_HISTORY];
	strncpy(slot, s, EDIT_LINE_MAX - 1);
	slot[EDIT_LINE_MAX - 1] = 0;
}

static void insert(struct line *l, int c)
{
	if (l->overflow)
		return;
	if (l->n >= l->size - 1) {
		l->overflow = 1;
		putchar('\a');	/* once: the end of the line will say why */
		return;
	}
	memmove(l->buf + l->pos + 1, l->buf + l->pos, (size_t)(l->n - l->pos));
	l->buf[l->pos] = (char)c;
	l->n++;
	out(l->buf + l->pos, l->n - l->pos);	/* the new character and what follows */
	l->pos++;
	back(l->n - l->pos);
}

/* Remove the character at the cursor and redraw what follows it. */
static void delete_at(struct line *l)
{
	if (l->pos >= l->n)
		return;
	memmove(l->buf + l->pos, l->buf + l->pos + 1, (size_t)(l->n - l->pos - 1));
	l->n--;
	out(l->buf + l->pos, l->n - l->pos);
	blank(1);
	back(l->n - l->pos + 1);
}

static void erase_before(struct line *l)
{
	if (l->pos == 0)
		return;
	l->pos--;
	back(1);
	delete_at(l);
}

static void move_to(struct line *l, int pos)
{
	if (pos < l->pos)
		back(l->pos - pos);
	else
		out(l->buf + l->pos, pos - l->pos);
	l->pos = pos;
}

/* Show s instead of the line (history, ^U); the cursor at its end. */
static void replace(struct line *l, const char *s)
{
	int m = (int)strlen(s);
	if (m > l->size - 1)
		m = l->size - 1;
	back(l->pos);
	memmove(l->buf, s, (size_t)m);
	out(l->buf, m);
	if (l->n > m) {		/* wipe the old line's tail */
		blank(l->n - m);
		back(l->n - m);
	}
	l->n = l->pos = m;
	l->overflow = 0;
}

/* After ESC: ESC [ params final, or ESC O final (a terminal in
   application cursor mode). Returns a key as a control character
   (the arrows as ^B ^F ^P ^N, home ^A... ), or 0 to ignore. */
static int escape(struct edit *e)
{
	int c = e->getc();
	if (c != '[' && c != 'O')
		return 0;
	int param = 0;
	while ((c = e->getc()) >= '0' && c <= '9')
		param = param * 10 + (c - '0');
	while (c == ';' || (c >= '0' && c <= '9'))	/* modifiers: ignored */
		c = e->getc();
	switch (c) {
	case 'A': return CTRL('P');
	case 'B': return CTRL('N');
	case 'C': return CTRL('F');
	case 'D': return CTRL('B');
	case 'H': return CTRL('A');
	case 'F': return CTRL('E');
	case '~':
		return param == 1 || param == 7 ? CTRL('A') : param == 4 || param == 8 ? CTRL('E') :
		       param == 3 ? DEL + 1 : 0;
	}
	return 0;	/* another key (or a final byte lost): nothing */
}

int edit_line(struct edit *e, char *buf, int size)
{
	struct line l = { .buf = buf, .size = size > EDIT_LINE_MAX ? EDIT_LINE_MAX : size };
	char saved[EDIT_LINE_MAX];	/* the line being typed, while browsing history */
	int h = e->nhist;		/* the history line shown; nhist: the typed one */
	saved[0] = 0;
	for (;;) {
		fflush(stdout);
		int c = e->getc();
		if (c < 0)
			return EDIT_EOF;
		if (c == '\n' && e->after_cr) {
			e->after_cr = 0;	/* CR LF: one end of line */
			continue;
		}
		e->after_cr = 0;
		if (c == ESC)
			c = escape(e);
		switch (c) {
		case '\r':
		case '\n':
			e->after_cr = c == '\r';
			putchar('\n');
			fflush(stdout);
			if (l.overflow)
				return EDIT_TOOLONG;
			buf[l.n] = 0;
			remember(e, buf);
			return l.n;
		case CTRL('C'):
			fputs("^C\n", stdout);
			fflush(stdout);
			return EDIT_INTR;
		case CTRL('D'):
			if (l.n == 0 && !l.overflow)
				return EDIT_EOF;
			delete_at(&l);
			break;
		case CTRL('H'):
		case DEL:
			erase_before(&l);
			break;
		case DEL + 1:		/* the Delete key */
			delete_at(&l);
			break;
		case CTRL('U'):
			replace(&l, "");
			break;
		case CTRL('B'):
			if (l.pos > 0)
				move_to(&l, l.pos - 1);
			break;
		case CTRL('F'):
			if (l.pos < l.n)
				move_to(&l, l.pos + 1);
			break;
		case CTRL('A'):
			move_to(&l, 0);
			break;
		case CTRL('E'):
			move_to(&l, l.n);
			break;
		case CTRL('P'):
			if (h > 0) {
				if (h == e->nhist) {
					memcpy(saved, buf, (size_t)l.n);
					saved[l.n] = 0;
				}
				replace(&l, edit_history(e, --h));
			}
			break;
		case CTRL('N'):
			if (h < e->nhist) {
				h++;
				replace(&l, h == e->nhist ? saved : edit_history(e, h));
			}
			break;
		default:
			if (c >= ' ' && c < DEL)
				insert(&l, c);
			break;	/* other control characters: nothing */
		}
	}
}
