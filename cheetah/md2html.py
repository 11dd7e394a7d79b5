#!/usr/bin/env python3
# cheetah/md2html.py - the site `make web` serves (cheetah/site.mk): each
# Markdown file given becomes NAME.html, and index.html lists them by
# their first heading, all sharing style.css (so each page's group in
# Cheetah's store holds a style sheet). A small subset of Markdown, enough
# for docs/: ATX headings, paragraphs, fenced code blocks, "- " and "1. "
# lists, pipe tables, `code`, **bold**, [text](link) with links to
# NAME.md rewritten to NAME.html. No third-party packages.
#   md2html.py OUTDIR FILE.md...
import html, os, re, sys

STYLE = '''body { font-family: sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.4; }
pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; }
code { background: #f4f4f4; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2em 0.4em; }
'''


def inline(t):
    """Escape, then code spans, bold, links (code spans are left alone)."""
    out = []
    for i, part in enumerate(re.split(r'(`[^`]*`)', t)):
        if i % 2:
            out.append('<code>%s</code>' % html.escape(part[1:-1]))
            continue
        s = html.escape(part, quote=False)
        s = re.sub(r'\*\*([^*]+)\*\*', r'<b>\1</b>', s)

        def link(m):
            url = m.group(2)
            url = re.sub(r'^(?:\.\./)?(?:docs/)?([A-Za-z0-9_-]+)\.md(#.*)?$', lambda k: k.group(1) + '.html' + (k.group(2) or ''), url)
            return '<a href="%s">%s</a>' % (html.escape(url), m.group(1))
        out.append(re.sub(r'\[([^\]]+)\]\(([^)\s]+)\)', link, s))
    return ''.join(out)


def convert(text, title):
    body, para, lst, i = [], [], None, 0
    lines = text.split('\n')

    def flush():
        nonlocal para, lst
        if para:
            body.append('<p>%s</p>' % inline(' '.join(para)))
            para = []
        if lst:
            body.append('</%s>' % lst)
            lst = None
    while i < len(lines):
        ln = lines[i]
        if ln.startswith('```'):
            flush()
            code = []
            i += 1
            while i < len(lines) and not lines[i].startswith('```'):
                code.append(lines[i])
                i += 1
            body.append('<pre><code>%s</code></pre>' % html.escape('\n'.join(code)))
        elif re.match(r'#{1,6} ', ln):
            flush()
            k = len(ln.split(' ')[0])
            body.append('<h%d>%s</h%d>' % (k, inline(ln[k + 1:].strip()), k))
        elif ln.startswith('|'):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith('|'):
                cells = [c.strip() for c in lines[i].strip().strip('|').split('|')]
                if not all(re.match(r'^:?-+:?$', c) for c in cells if c):
                    rows.append(cells)
                i += 1
            i -= 1
            body.append('<table>' + ''.join('<tr>%s</tr>' % ''.join(
                '<%s>%s</%s>' % (t, inline(c), t) for c in r) for r, t in
                zip(rows, ['th'] + ['td'] * len(rows))) + '</table>')
        elif re.match(r'\s*(?:[-*]|\d+\.) ', ln) and not para:
            kind = 'ol' if re.match(r'\s*\d+\.', ln) else 'ul'
            if lst != kind:
                flush()
                body.append('<%s>' % kind)
                lst = kind
            item = [re.sub(r'^\s*(?:[-*]|\d+\.) ', '', ln)]
            while i + 1 < len(lines) and lines[i + 1].startswith('  ') and lines[i + 1].strip():
                i += 1
                item.append(lines[i].strip())
            body.append('<li>%s</li>' % inline(' '.join(item)))
        elif not ln.strip() or ln.startswith('<!--'):
            flush()
        else:
            if lst:
                flush()
            para.append(ln.strip())
        i += 1
    flush()
    return page(title, '\n'.join(body))


def page(title, body):
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title>'
            '<link rel="stylesheet" href="style.css"></head>\n<body>\n%s\n'
            '<p><a href="index.html">aegis-exos documentation</a></p>\n</body></html>\n' % (html.escape(title), body))


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: md2html.py OUTDIR FILE.md...')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    entries = []
    for src in sorted(sys.argv[2:]):
        text = open(src, encoding='utf-8').read()
        m = re.search(r'^# (.+)$', text, re.M)
        name = os.path.splitext(os.path.basename(src))[0]
        title = m.group(1).strip() if m else name
        with open(os.path.join(out, name + '.html'), 'w', encoding='utf-8') as f:
            f.write(convert(text, title))
        entries.append((name, title))
    with open(os.path.join(out, 'style.css'), 'w') as f:
        f.write(STYLE)
    with open(os.path.join(out, 'index.html'), 'w', encoding='utf-8') as f:
        f.write(page('aegis-exos documentation', '<h1>aegis-exos documentation</h1>\n<ul>\n%s\n</ul>\n'
                     '<p>Served by Cheetah from its document store.</p>' %
                     '\n'.join('<li><a href="%s.html">%s</a></li>' % (n, inline(t)) for n, t in entries)))


main()
