#!/usr/bin/env python3
#
# schemagen.py: turn an element description (domain.schema) into C tables
# for the generic XML engine in xnode.c.
#
# Description format, one element per line, nesting by two-space indent:
#
#   NAME [@ATTR[!runtime|!secure]]... [#text] [*raw] [!FLAG]... [^ANCESTOR] [&DEFINE]
#
# FLAG is one of runtime, secure, alias (see nuvXSFlags in xnode.h), block
# (written as an open and a close tag on their own lines even when empty,
# as libvirt writes <devices>) or dropempty (left out when it has neither
# attributes, text nor children, as libvirt leaves out an empty <pm/>) or
# docorder (its children are kept and written in the order the document
# gives them, as libvirt keeps a filter's rules and references
# interleaved).
#
# Children are listed in the order the formatter writes them, and so are
# attributes.  "^NAME" makes an element reuse the content of its nearest
# ancestor called NAME (recursive structures such as backingStore chains).
#
# A top-level line "define NAME" starts a shared element, described by the
# one line (and its subtree) indented under it; "&NAME" on an element line
# makes that element the shared one, so that, say, every device's
# <address> has one table entry and one attribute order.
#
# Lines starting with '%' are comments.
#
# usage: schemagen.py INPUT OUTPUT.c SYMBOL

import sys


class Elem:
    def __init__(self, name, depth):
        self.name = name
        self.depth = depth
        self.attrs = []        # (name, flags)
        self.flags = []        # tokens without the '!' ('text', 'raw', 'runtime', ...)
        self.children = []
        self.ref = None        # ^ANCESTOR
        self.use = None        # &DEFINE
        self.index = None
        self.parent = None

    def resolved(self, schema):
        """The element whose content this entry has."""
        if self.use is not None:
            return schema.defines[self.use]
        if self.ref is not None:
            p = self.parent
            while p is not None and p.name != self.ref:
                p = p.parent
            if p is None:
                raise SystemExit('no ancestor %s for %s' % (self.ref, self.name))
            return p
        return self

    def line(self):
        toks = [self.name]
        for name, fl in self.attrs:
            toks.append('@' + name + ('!' + fl if fl else ''))
        for f in self.flags:
            toks.append({'text': '#text', 'raw': '*raw'}.get(f, '!' + f))
        if self.ref:
            toks.append('^' + self.ref)
        if self.use:
            toks.append('&' + self.use)
        return ' '.join(toks)


class Schema:
    def __init__(self):
        self.root = None
        self.defines = {}      # name -> Elem
        self.define_order = []


FLAG_TOKENS = {'runtime', 'secure', 'alias', 'block', 'dropempty', 'docorder'}


def parse(path):
    schema = Schema()
    stack = []
    define = None
    with open(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith('%'):
                continue
            indent = len(line) - len(line.lstrip(' '))
            if indent % 2:
                sys.exit('%s:%d: odd indentation' % (path, lineno))
            depth = indent // 2
            toks = line.split()
            if depth == 0 and toks[0] == 'define':
                define = toks[1]
                stack = []
                continue
            if define is not None:
                if depth == 0:
                    define = None
                else:
                    depth -= 1
            el = Elem(toks[0], depth)
            for t in toks[1:]:
                if t.startswith('@'):
                    name, _, fl = t[1:].partition('!')
                    el.attrs.append((name, fl))
                elif t == '#text':
                    el.flags.append('text')
                elif t == '*raw':
                    el.flags.append('raw')
                elif t.startswith('!') and t[1:] in FLAG_TOKENS:
                    el.flags.append(t[1:])
                elif t.startswith('^'):
                    el.ref = t[1:]
                elif t.startswith('&'):
                    el.use = t[1:]
                else:
                    sys.exit('%s:%d: bad token %r' % (path, lineno, t))
            while stack and stack[-1].depth >= depth:
                stack.pop()
            if stack:
                if depth != stack[-1].depth + 1:
                    sys.exit('%s:%d: indentation jumps' % (path, lineno))
                el.parent = stack[-1]
                stack[-1].children.append(el)
            elif define is not None:
                if define in schema.defines:
                    sys.exit('%s:%d: define %s has two elements' % (path, lineno, define))
                schema.defines[define] = el
                schema.define_order.append(define)
            elif schema.root is None:
                schema.root = el
            else:
                sys.exit('%s:%d: second root' % (path, lineno))
            stack.append(el)
    for el in walk(schema):
        if el.use is not None and el.use not in schema.defines:
            sys.exit('%s: unknown define %s' % (path, el.use))
    return schema


def walk(schema):
    """Every entry that has its own content, root tree first."""
    out = []

    def rec(el):
        out.append(el)
        for c in el.children:
            rec(c)

    rec(schema.root)
    for d in schema.define_order:
        rec(schema.defines[d])
    return out


def dump(schema):
    """The description text of @schema (used by schemacheck.py --fix)."""
    lines = []

    def rec(el, depth):
        lines.append('  ' * depth + el.line())
        for c in el.children:
            rec(c, depth + 1)

    rec(schema.root, 0)
    for d in schema.define_order:
        lines.append('')
        lines.append('define ' + d)
        rec(schema.defines[d], 1)
    return '\n'.join(lines) + '\n'


def main():
    src, dst, sym = sys.argv[1:4]
    schema = parse(src)
    order = []

    def number(el):
        if el.ref is not None or el.use is not None:
            return
        el.index = len(order)
        order.append(el)
        for c in el.children:
            number(c)

    number(schema.root)
    for d in schema.define_order:
        number(schema.defines[d])

    out = ['/* Generated by schemagen.py from %s; do not edit. */' % src.split('/')[-1],
           '#include "conf/xnode.h"', '']
    for el in order:
        if el.attrs:
            out.append('static const nuvXSAttr %s_a%d[] = {' % (sym, el.index))
            for name, fl in el.attrs:
                f = 'NUV_XS_' + fl.upper() if fl else '0'
                out.append('    { "%s", %s },' % (name, f))
            out.append('    { NULL, 0 },')
            out.append('};')
        if el.children:
            out.append('static const int %s_c%d[] = { %s, -1 };' %
                       (sym, el.index,
                        ', '.join(str(c.resolved(schema).index) for c in el.children)))
    out.append('')
    out.append('const nuvXSElem %s[] = {' % sym)
    for el in order:
        flags = ' | '.join('NUV_XS_' + f.upper() for f in el.flags) if el.flags else '0'
        attrs = '%s_a%d' % (sym, el.index) if el.attrs else 'NULL'
        kids = '%s_c%d' % (sym, el.index) if el.children else 'NULL'
        out.append('    [%d] = { "%s", %s, %s, %s },' % (el.index, el.name, attrs, kids, flags))
    out.append('};')
    out.append('const size_t %sCount = %d;' % (sym, len(order)))
    with open(dst, 'w') as fh:
        fh.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
