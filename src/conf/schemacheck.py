#!/usr/bin/env python3
#
# schemacheck.py: check an element description (see schemagen.py) against
# two outside references, and optionally fix it.
#
#   schemacheck.py order SCHEMA OUTPUT.xml...   [--fix]
#       Attribute and child order against documents written by stock
#       libvirt (the corpus's *.out.xml): every pair seen in that order in
#       stock output must be in that order in the table.  --fix rewrites
#       SCHEMA with the smallest reordering that satisfies them all.
#
#   schemacheck.py rng SCHEMA RNG ROOT [--fix] [--only PATH]...
#       Names against libvirt's RelaxNG schema: reports the attributes and
#       child elements the RNG allows under each table entry that the
#       table lacks.  --fix adds them (whole subtrees for new elements, in
#       the RNG's order, after their nearest RNG predecessor), limited to
#       the given PATHs (slash-separated, e.g. domain/devices/disk) when
#       --only is used.
#
# The RNG walk is deliberately lenient: all alternatives of a <choice> are
# merged, so an element gets the union of what any of its forms allows.
# That is the model of the table too (one entry per name and parent).

import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemagen  # noqa: E402


def child_of(schema, el, name):
    for c in el.children:
        if c.name == name:
            return c
    return None


# ---- order ----

def collect_order(schema, files):
    """For each entry: (attr pairs, child pairs, unknown names)."""
    attr_pairs = {}
    kid_pairs = {}
    unknown = {}

    def visit(x, entry, path, fname):
        ent = entry.resolved(schema)
        key = id(ent)
        names = [a for a in x.attrib if not a.startswith('{')]
        known = [a for a, _ in ent.attrs]
        for a in names:
            if a not in known:
                unknown.setdefault((path, '@' + a), fname)
        pairs = attr_pairs.setdefault(key, (ent, {}))[1]
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                pairs.setdefault((names[i], names[j]), fname)
        if 'raw' in ent.flags:
            return
        kids = [c for c in x if isinstance(c.tag, str) and not c.tag.startswith('{')]
        kp = kid_pairs.setdefault(key, (ent, {}))[1]
        seq = []
        for c in kids:
            if not seq or seq[-1] != c.tag:
                seq.append(c.tag)
        for i in range(len(seq)):
            for j in range(i + 1, len(seq)):
                if seq[i] != seq[j]:
                    kp.setdefault((seq[i], seq[j]), fname)
        for c in kids:
            ce = child_of(schema, ent, c.tag)
            if ce is None:
                unknown.setdefault((path, c.tag), fname)
                continue
            visit(c, ce, path + '/' + c.tag, fname)

    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as e:
            print('%s: %s' % (f, e), file=sys.stderr)
            continue
        if root.tag != schema.root.name:
            continue
        visit(root, schema.root, root.tag, os.path.basename(f))
    return attr_pairs, kid_pairs, unknown


def reorder(items, pairs):
    """Reorder @items so that every (a, b) in @pairs has a before b, moving
    as little as possible: an item that must come earlier is moved to just
    before the first item it must precede, so that items no pair mentions
    keep their place.  Returns (order, conflicts)."""
    order = list(items)
    conflicts = [(a, b) for (a, b) in pairs if (b, a) in pairs and a < b]
    rules = [(a, b) for (a, b) in pairs
             if a in order and b in order and a != b and (b, a) not in pairs]
    for _ in range(len(order) * len(order) + 1):
        moved = False
        for (a, b) in rules:
            ia, ib = order.index(a), order.index(b)
            if ia > ib:
                order.pop(ia)
                order.insert(ib, a)
                moved = True
        if not moved:
            return order, conflicts
    conflicts.append(('cycle',) + tuple(order))
    return order, conflicts


def cmd_order(args):
    fix = '--fix' in args
    args = [a for a in args if a != '--fix']
    path, files = args[0], args[1:]
    schema = schemagen.parse(path)
    attr_pairs, kid_pairs, unknown = collect_order(schema, files)
    bad = 0

    for (p, n), f in sorted(unknown.items()):
        print('unknown %s under %s (%s)' % (n, p, f))
    for ent, pairs in attr_pairs.values():
        names = [a for a, _ in ent.attrs]
        new, conflicts = reorder(names, pairs)
        if conflicts:
            print('%s: attribute order conflicts %s' % (ent.name, conflicts))
        if new != names:
            bad += 1
            print('%s: attributes %s -> %s' % (ent.name, ' '.join(names), ' '.join(new)))
            flags = dict(ent.attrs)
            ent.attrs = [(a, flags[a]) for a in new]
    for ent, pairs in kid_pairs.values():
        names = [c.name for c in ent.children]
        new, conflicts = reorder(names, pairs)
        if conflicts:
            print('%s: child order conflicts %s' % (ent.name, conflicts))
        if new != names:
            bad += 1
            print('%s: children %s -> %s' % (ent.name, ' '.join(names), ' '.join(new)))
            byname = {c.name: c for c in ent.children}
            ent.children = [byname[n] for n in new]
    if fix and bad:
        with open(path, 'w') as fh:
            fh.write(schemagen.dump(schema))
    return 1 if bad and not fix else 0


# ---- RelaxNG ----

RNG = '{http://relaxng.org/ns/structure/1.0}'


class Grammar:
    def __init__(self, path):
        self.defines = {}
        self.load(path)

    def load(self, path):
        root = ET.parse(path).getroot()
        base = os.path.dirname(path)
        for c in root:
            if c.tag == RNG + 'include':
                self.load(os.path.join(base, c.get('href')))
            elif c.tag == RNG + 'define':
                # combine="choice"/"interleave" and overrides: merge bodies
                self.defines.setdefault(c.get('name'), []).append(c)
            elif c.tag == RNG + 'start':
                self.defines.setdefault('#start', []).append(c)

    def content(self, node, seen=None):
        """Attributes, child elements and text-ness directly under the
        pattern @node (an <element> or <define> body)."""
        attrs, elems, text = [], [], [False]
        seen = set() if seen is None else seen

        def rec(n):
            for c in n:
                tag = c.tag[len(RNG):] if c.tag.startswith(RNG) else None
                if tag is None:
                    continue
                if tag == 'attribute':
                    name = c.get('name')
                    if name is None:
                        nm = c.find(RNG + 'name')
                        names = [nm.text] if nm is not None else []
                        ch = c.find(RNG + 'choice')
                        if ch is not None:
                            names = [x.text for x in ch.findall(RNG + 'name')]
                    else:
                        names = [name]
                    for a in names:
                        if a and ':' not in a and a not in attrs:
                            attrs.append(a)
                elif tag == 'element':
                    if c.get('ns'):
                        continue    # another namespace (qemu:, lxc:, ...)
                    name = c.get('name')
                    if name is None:
                        nm = c.find(RNG + 'name')
                        name = nm.text if nm is not None else None
                    if name:
                        elems.append((name, c))
                elif tag == 'ref':
                    r = c.get('name')
                    if r in seen:
                        continue
                    seen.add(r)
                    for d in self.defines.get(r, []):
                        rec(d)
                    seen.discard(r)
                elif tag in ('text', 'data', 'value'):
                    text[0] = True
                elif tag in ('choice', 'optional', 'zeroOrMore', 'oneOrMore',
                             'interleave', 'group', 'mixed'):
                    if tag == 'mixed':
                        text[0] = True
                    rec(c)
        rec(node)
        return attrs, elems, text[0]


def rng_tree(grammar, root_name):
    for d in grammar.defines.get(root_name, []):
        for e in d.iter(RNG + 'element'):
            if e.get('name') == root_name:
                return e
    sys.exit('no element %s in the grammar' % root_name)


def merged(grammar, elems):
    """Merge the content of several <element> patterns of one name."""
    attrs, kids, text = [], [], False
    for e in elems:
        a, k, t = grammar.content(e)
        for x in a:
            if x not in attrs:
                attrs.append(x)
        kids.extend(k)
        text = text or t
    order, byname = [], {}
    for name, e in kids:
        if name not in byname:
            order.append(name)
            byname[name] = []
        byname[name].append(e)
    return attrs, order, byname, text


def new_subtree(grammar, name, elems, depth, stack):
    el = schemagen.Elem(name, depth)
    attrs, order, byname, text = merged(grammar, elems)
    el.attrs = [(a, '') for a in attrs]
    if text:
        el.flags.append('text')
    if name in stack:
        el.ref = name
        el.attrs = []
        el.flags = []
        return el
    for k in order:
        c = new_subtree(grammar, k, byname[k], depth + 1, stack + [name])
        c.parent = el
        el.children.append(c)
    return el


# New device-level elements of these names share a define (see schemagen.py).
SHARED = {('devices', 'address'): 'devaddress'}


def cmd_rng(args):
    fix = '--fix' in args
    only = [args[i + 1] for i, a in enumerate(args) if a == '--only']
    rest = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a == '--only':
            skip = True
            continue
        if a != '--fix':
            rest.append(a)
    path, rngpath, root_name = rest
    schema = schemagen.parse(path)
    grammar = Grammar(rngpath)

    def inscope(p):
        return not only or any(p == o or p.startswith(o + '/') for o in only)

    # Map every table entry to the RNG patterns that describe it in any
    # context: a worklist until no entry gains a pattern.
    patterns = {}      # id(entry) -> (entry, first path, [rng elements], set of ids)
    work = [(schema.root, root_name, [rng_tree(grammar, root_name)])]
    while work:
        ent, p, elems = work.pop()
        ent = ent.resolved(schema)
        rec = patterns.setdefault(id(ent), (ent, p, [], set()))
        fresh = [e for e in elems if id(e) not in rec[3]]
        if not fresh:
            continue
        for e in fresh:
            rec[3].add(id(e))
            rec[2].append(e)
        if 'raw' in ent.flags:
            continue
        _, order, byname, _ = merged(grammar, fresh)
        for k in order:
            c = child_of(schema, ent, k)
            if c is not None:
                work.append((c, p + '/' + k, byname[k]))

    missing = 0
    added = []
    for ent, p, elems, _ in sorted(patterns.values(), key=lambda r: r[1]):
        if 'raw' in ent.flags:
            continue
        attrs, order, byname, text = merged(grammar, elems)
        have = [a for a, _ in ent.attrs]
        for a in attrs:
            if a in have:
                continue
            missing += 1
            print('%s: attribute %s' % (p, a))
            if fix and inscope(p):
                i = attrs.index(a)
                at = len(ent.attrs)
                names = [x for x, _ in ent.attrs]
                for prev in reversed(attrs[:i]):
                    if prev in names:
                        at = names.index(prev) + 1
                        break
                ent.attrs.insert(at, (a, ''))
        if text and 'text' not in ent.flags:
            print('%s: text' % p)
            if fix and inscope(p):
                ent.flags.insert(0, 'text')
        for k in order:
            if child_of(schema, ent, k) is not None:
                continue
            missing += 1
            print('%s: element %s' % (p, k))
            if not (fix and inscope(p + '/' + k)):
                continue
            share = SHARED.get((ent.parent.name if ent.parent else None, k))
            if share:
                c = schemagen.Elem(k, ent.depth + 1)
                c.use = share
            else:
                st = []
                q = ent
                while q is not None:
                    st.append(q.name)
                    q = q.parent
                c = new_subtree(grammar, k, byname[k], ent.depth + 1, st)
            c.parent = ent
            names = [x.name for x in ent.children]
            at = len(ent.children)
            i = order.index(k)
            for prev in reversed(order[:i]):
                if prev in names:
                    at = names.index(prev) + 1
                    break
            ent.children.insert(at, c)
            added.append(p + '/' + k)
    print('%d names missing' % missing)
    if fix:
        with open(path, 'w') as fh:
            fh.write(schemagen.dump(schema))
    return 0


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('order', 'rng'):
        sys.exit(__doc__ if __doc__ else 'usage: schemacheck.py order|rng ...')
    sys.exit(cmd_order(sys.argv[2:]) if sys.argv[1] == 'order' else cmd_rng(sys.argv[2:]))


if __name__ == '__main__':
    main()
