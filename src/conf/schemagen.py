#!/usr/bin/env python3
#
# schemagen.py: turn an element description (domain.schema, ...) into C
# tables for the generic XML engine in xnode.c, and, with a header output,
# into the C enums, their ToString/FromString functions and the typed views
# that drivers read.  docs/schema-language.md describes the language; in
# short, one element per line, nesting by two-space indent:
#
#   NAME [@ATTR[:TYPE][=DEFAULT][|VARIANTS][>FIELD][!FLAG]]... [#text[:TYPE][>FIELD]]
#        [*raw] [!FLAG]... [^ANCESTOR] [&DEFINE] [?ATTR] [|VARIANTS] [$VIEW]
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
# Value types (":TYPE") are the built-in ones (string, path, int, uint,
# ulong, hex, octal, hex16, bool, onoff, uuid, mac, ip, ipv4, ipv6, scaled;
# the number types take a range as "uint(1..65535)", written in the
# type's base) or a name declared at the top level by
#
#   enum CNAME [prefix=P] WORD...  an enumeration (C type CNAME, values WORD,
#                               constants P + WORD, P derived from CNAME
#                               unless given)
#   type NAME BASE              a built-in type (or an enum's words) under
#                               its own name
#   union NAME V1=TYPE1 V2=TYPE2...
#                               a value whose type depends on the value of
#                               the governing discriminator (a controller's
#                               model words by its type); for another
#                               variant the value is refused with the
#                               union's error when it has one, else taken
#                               as it is
#   errordomain VIR_FROM_X      error domain of the "error" messages below
#                               (default VIR_FROM_DOMAIN)
#
# either optionally followed by an indented "error CODE MESSAGE" line that
# replaces libvirt's generic "Invalid value" message (CODE: xml, config or
# a number, optionally @VIR_FROM_X for another error domain than the
# file's; MESSAGE has one %s for the value, or none where libvirt does not
# quote it, and may have one %N for the object's name).
#
# "?ATTR" marks an element's union discriminator; "|V1,V2" on an attribute
# or child element limits it to those values of the nearest discriminator
# (on the element itself or an ancestor).  "$VIEW" makes the generator
# emit a typed view struct VIEW with the ">FIELD" values of the element's
# subtree (not crossing another view).
#
# Lines starting with '%' are comments.
#
# usage: schemagen.py INPUT OUTPUT.c SYMBOL [OUTPUT.h]

import re
import sys

BUILTIN_TYPES = {'string', 'path', 'int', 'uint', 'ulong', 'hex', 'octal', 'hex16', 'bool',
                 'onoff', 'uuid', 'mac', 'ip', 'ipv4', 'ipv6', 'scaled'}
RANGED_TYPES = {'int', 'uint', 'ulong', 'hex', 'octal', 'hex16'}
# the base a range's bounds are written in (a mode's "octal(..0777)")
RANGE_BASE = {'octal': 8, 'hex16': 16}
ERROR_CODES = {'xml': 'VIR_ERR_XML_ERROR', 'config': 'VIR_ERR_CONFIG_UNSUPPORTED',
               'detail': 'VIR_ERR_XML_DETAIL', 'internal': 'VIR_ERR_INTERNAL_ERROR'}

ATTR_RE = re.compile(r'^@(?P<name>[A-Za-z_][\w.:-]*?)'
                     r'(?::(?P<type>[A-Za-z_]\w*(?:\([-\d]*\.\.[-\d]*\))?))?'
                     r'(?:=(?P<default>[^|>!]+))?'
                     r'(?:\|(?P<variants>[^>!]+))?'
                     r'(?:>(?P<field>\w+))?'
                     r'(?:!(?P<flag>\w+))?$')
TEXT_RE = re.compile(r'^#text(?::(?P<type>[A-Za-z_]\w*(?:\([-\d]*\.\.[-\d]*\))?))?'
                     r'(?:>(?P<field>\w+))?$')


class Attr:
    def __init__(self, name, **kw):
        self.name = name
        self.type = kw.get('type')
        self.default = kw.get('default')
        self.variants = kw.get('variants')
        self.field = kw.get('field')
        self.flag = kw.get('flag') or ''

    def token(self):
        t = '@' + self.name
        if self.type:
            t += ':' + self.type
        if self.default is not None:
            t += '=' + self.default
        if self.variants:
            t += '|' + self.variants
        if self.field:
            t += '>' + self.field
        if self.flag:
            t += '!' + self.flag
        return t


class Elem:
    def __init__(self, name, depth):
        self.name = name
        self.depth = depth
        self.attrs = []        # (name, Attr); the pair keeps schemacheck.py's view
        self.flags = []        # tokens without the '!' ('text', 'raw', 'runtime', ...)
        self.children = []
        self.ref = None        # ^ANCESTOR
        self.use = None        # &DEFINE
        self.index = None
        self.parent = None
        self.text = None       # Attr describing the text (type, field) or None
        self.disc = None       # ?ATTR
        self.variants = None   # |V1,V2
        self.view = None       # $VIEW
        self.present = None    # >FIELD: a bool view field, true when the element is there

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
        for name, a in self.attrs:
            toks.append(a.token() if isinstance(a, Attr) else '@' + name + (a or ''))
        for f in self.flags:
            if f == 'text':
                t = '#text'
                if self.text and self.text.type:
                    t += ':' + self.text.type
                if self.text and self.text.field:
                    t += '>' + self.text.field
                toks.append(t)
            else:
                toks.append({'raw': '*raw'}.get(f, '!' + f))
        if self.ref:
            toks.append('^' + self.ref)
        if self.use:
            toks.append('&' + self.use)
        if self.disc:
            toks.append('?' + self.disc)
        if self.variants:
            toks.append('|' + self.variants)
        if self.view:
            toks.append('$' + self.view)
        if self.present:
            toks.append('>' + self.present)
        return ' '.join(toks)


class Named:
    """An enum or named type declared at the top level."""
    def __init__(self, kind, name, base, words):
        self.kind = kind       # 'enum' or 'type'
        self.name = name
        self.base = base       # built-in base type ('enum' for enums)
        self.words = words
        self.error = None      # (code, message)
        self.alias = None      # type NAME ENUM: the enum it takes its words from
        self.prefix = None     # enum constants' prefix, when not derived from the name
        self.errdomain = None  # of the error message, when not the file's
        self.members = []      # union: (variant, member type name)
        self.check = None      # check: the C function that checks and spells a value


class Schema:
    def __init__(self):
        self.root = None
        self.defines = {}      # name -> Elem
        self.define_order = []
        self.types = {}        # name -> Named
        self.errdomain = 'VIR_FROM_DOMAIN'   # of the "error" messages
        self.type_order = []


FLAG_TOKENS = {'runtime', 'secure', 'alias', 'block', 'dropempty', 'docorder', 'onekind',
               'lasterror'}


def base_type(schema, t):
    """(built-in base, Named or None, (min, max) or None) of a TYPE token."""
    if t is None:
        return 'string', None, None
    rng = None
    m = re.match(r'^(\w+)\(([-\d]*)\.\.([-\d]*)\)$', t)
    if m:
        t = m.group(1)
        # a named type keeps its own error and takes its base's range
        b = schema.types[t].base if t in schema.types else t
        if b not in RANGED_TYPES:
            raise SystemExit('type %s takes no range' % t)
        rng = tuple(str(int(x, RANGE_BASE.get(b, 10))) if x else None
                    for x in (m.group(2), m.group(3)))
    if t in BUILTIN_TYPES:
        return t, None, rng
    if t in schema.types:
        n = schema.types[t]
        return n.base, n, rng
    raise SystemExit('unknown type %s' % t)


def parse(path):
    schema = Schema()
    stack = []
    define = None
    named = None
    with open(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith('%'):
                continue
            indent = len(line) - len(line.lstrip(' '))
            if indent % 2:
                sys.exit('%s:%d: odd indentation' % (path, lineno))
            depth = indent // 2
            toks = line.split()
            if depth == 0 and toks[0] == 'errordomain' and len(toks) == 2:
                schema.errdomain = toks[1]
                continue
            if depth == 0 and toks[0] in ('enum', 'type', 'union'):
                if len(toks) < 3:
                    sys.exit('%s:%d: %s needs a name and values' % (path, lineno, toks[0]))
                if toks[0] == 'enum':
                    words = [w for w in toks[2:] if not w.startswith('prefix=')]
                    named = Named('enum', toks[1], 'enum', words)
                    for w in toks[2:]:
                        if w.startswith('prefix='):
                            named.prefix = w[len('prefix='):]
                elif toks[0] == 'union':
                    named = Named('type', toks[1], 'union', [])
                    for t in toks[2:]:
                        v, _, m = t.partition('=')
                        if m not in schema.types or schema.types[m].base == 'union':
                            sys.exit('%s:%d: union member %r is not a type declared above' %
                                     (path, lineno, t))
                        named.members.append((v, m))
                elif toks[2] in schema.types and schema.types[toks[2]].kind == 'enum':
                    # the words of an enum under another name and message
                    named = Named('type', toks[1], 'enum', schema.types[toks[2]].words)
                    named.alias = toks[2]
                elif toks[2] == 'check':
                    # a value checked and spelled by a C function
                    if len(toks) != 4:
                        sys.exit('%s:%d: type NAME check FUNCTION' % (path, lineno))
                    named = Named('type', toks[1], 'check', [])
                    named.check = toks[3]
                else:
                    if toks[2] not in BUILTIN_TYPES or len(toks) != 3:
                        sys.exit('%s:%d: type NAME BASE' % (path, lineno))
                    named = Named('type', toks[1], toks[2], [])
                if toks[1] in schema.types:
                    sys.exit('%s:%d: type %s declared twice' % (path, lineno, toks[1]))
                schema.types[toks[1]] = named
                schema.type_order.append(toks[1])
                define = None
                stack = []
                continue
            if named is not None and depth == 1 and toks[0] == 'error':
                code = toks[1]
                if '@' in code:
                    # CODE@VIR_FROM_X: a message libvirt reports from
                    # another error domain than the file's
                    code, named.errdomain = code.split('@', 1)
                code = ERROR_CODES.get(code, code)
                msg = line.strip().split(None, 2)[2]
                if (msg.count('%s') > 1 or msg.count('%N') > 1 or msg.count('%A') > 1 or
                        msg.count('%') != msg.count('%s') + msg.count('%N') + msg.count('%A')):
                    sys.exit('%s:%d: the message takes at most one %%s, %%N and %%A' %
                             (path, lineno))
                named.error = (code, msg)
                continue
            named = None
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
                    m = ATTR_RE.match(t)
                    if not m:
                        sys.exit('%s:%d: bad attribute %r' % (path, lineno, t))
                    if m.group('flag') and m.group('flag') not in FLAG_TOKENS:
                        sys.exit('%s:%d: bad flag in %r' % (path, lineno, t))
                    a = Attr(**m.groupdict())
                    el.attrs.append((a.name, a))
                elif t.startswith('#text'):
                    m = TEXT_RE.match(t)
                    if not m:
                        sys.exit('%s:%d: bad token %r' % (path, lineno, t))
                    el.flags.append('text')
                    el.text = Attr(name='#text', **m.groupdict())
                elif t == '*raw':
                    el.flags.append('raw')
                elif t.startswith('!') and t[1:] in FLAG_TOKENS:
                    el.flags.append(t[1:])
                elif t.startswith('^'):
                    el.ref = t[1:]
                elif t.startswith('&'):
                    el.use = t[1:]
                elif t.startswith('?'):
                    el.disc = t[1:]
                elif t.startswith('|'):
                    el.variants = t[1:]
                elif t.startswith('$'):
                    el.view = t[1:]
                elif t.startswith('>'):
                    el.present = t[1:]
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
        for name, a in el.attrs:
            base_type(schema, a.type)
            if a.default is not None and a.type:
                b, n, _ = base_type(schema, a.type)
                if n is not None and n.kind == 'enum' and a.default not in n.words:
                    sys.exit('%s: default %s of @%s is not a word of %s' %
                             (path, a.default, name, n.name))
            if a.variants and discriminator(el, True) is None:
                sys.exit('%s: @%s of %s has variants but no discriminator' %
                         (path, name, el.name))
        if el.text:
            base_type(schema, el.text.type)
        if el.disc and el.disc not in [n for n, _ in el.attrs]:
            sys.exit('%s: discriminator %s is not an attribute of %s' %
                     (path, el.disc, el.name))
    return schema


def discriminator(el, own):
    """The element holding the union discriminator that governs @el's
    attributes (@own) or @el itself as a child (not @own)."""
    p = el if own else el.parent
    while p is not None:
        if p.disc:
            return p
        p = p.parent
    return None


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

    for t in schema.type_order:
        n = schema.types[t]
        if n.kind == 'enum':
            pre = ' prefix=' + n.prefix if n.prefix else ''
            lines.append('enum %s%s %s' % (n.name, pre, ' '.join(n.words)))
        elif n.base == 'union':
            lines.append('union %s %s' % (n.name, ' '.join('%s=%s' % m for m in n.members)))
        elif n.base == 'check':
            lines.append('type %s check %s' % (n.name, n.check))
        else:
            lines.append('type %s %s' % (n.name, n.alias or n.base))
        if n.error:
            code = {v: k for k, v in ERROR_CODES.items()}.get(n.error[0], n.error[0])
            if n.errdomain:
                code += '@' + n.errdomain
            lines.append('  error %s %s' % (code, n.error[1]))
    if schema.errdomain != 'VIR_FROM_DOMAIN':
        lines.insert(0, 'errordomain ' + schema.errdomain)
    if lines:
        lines.append('')

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


# ---- C output ----

def cstr(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def enum_prefix(cname):
    """nuvDomainDiskType -> NUV_DOMAIN_DISK_TYPE_, nuvDomainRNGModel -> NUV_DOMAIN_RNG_MODEL_"""
    return re.sub(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])', '_', cname).upper() + '_'


def enum_const(cname, word, prefix=None):
    return (prefix or enum_prefix(cname)) + (re.sub(r'[^A-Za-z0-9]', '_', word).upper() or 'EMPTY')


def type_enum_name(base):
    return 'NUV_XS_T_' + base.upper()


# C type of a view field per base type
FIELD_CTYPE = {
    'string': 'const char *', 'path': 'const char *', 'uuid': 'const char *',
    'mac': 'const char *', 'int': 'int ', 'uint': 'unsigned int ',
    'ulong': 'unsigned long long ', 'hex': 'unsigned int ', 'octal': 'unsigned int ',
    'hex16': 'unsigned int ', 'ip': 'const char *', 'ipv4': 'const char *',
    'ipv6': 'const char *', 'bool': 'int ',
    'onoff': 'int ', 'scaled': 'unsigned long long ', 'check': 'const char *',
}


def attr_spec(schema, sym, a, varsym, values, out):
    """The nuvXSAttr initialiser of @a; what it holds beyond name, flags
    and base goes into a shared nuvXSValue (emitted into @out once per
    distinct content, @values remembering them)."""
    base, named, rng = base_type(schema, a.type)
    lo, hi = (rng or (None, None))
    value = 'NULL'
    if named or rng or a.default is not None or varsym:
        parts = ['&%s_type_%s' % (sym, named.name) if named else 'NULL',
                 ('%sLL' % lo) if lo is not None else '0',
                 ('%sLL' % hi) if hi is not None else '0',
                 '%d' % ((1 if lo is not None else 0) | (2 if hi is not None else 0)),
                 cstr(a.default) if a.default is not None else 'NULL',
                 varsym or 'NULL']
        init = '{ ' + ', '.join(parts) + ' }'
        if init not in values:
            values[init] = '%s_val%d' % (sym, len(values))
            out.append('static const nuvXSValue %s = %s;' % (values[init], init))
        value = '&' + values[init]
    parts = [cstr(a.name) if a.name != '#text' else 'NULL', value,
             'NUV_XS_' + a.flag.upper() if a.flag else '0',
             type_enum_name(base)]
    return '{ ' + ', '.join(parts) + ' }'


def name_index(schema, sym, order):
    """The table's name index (nuvXSIndex): open addressing, at most half
    full, hashed as nuvXSNameHash in xnode.h does (keep the two alike)."""
    def fnv(name, parent, kind):
        b = name.encode()
        n = len(b)
        h = ((parent * 2 + kind) * 0x9E3779B1) & 0xffffffff
        h ^= (n << 24) & 0xffffffff
        if n:
            h ^= b[0] << 16 | b[n // 2] << 8 | b[n - 1]
        h = (h * 0x85EBCA6B) & 0xffffffff
        return h ^ (h >> 15)

    keys = []
    for el in order:
        for i, (name, _) in enumerate(el.attrs):
            keys.append((fnv(name, el.index, 1), el.index, 1, i, 0))
        seen = set()
        for pos, c in enumerate(el.children):
            r = c.resolved(schema)
            if r.name in seen:
                raise SystemExit('%s has two children called %s' % (el.name, r.name))
            seen.add(r.name)
            keys.append((fnv(r.name, el.index, 0), el.index, 0, r.index, pos))
    if len(order) >= 0xffff or len(order) > 0x7fff:
        raise SystemExit('table too large for the name index')
    size = 16
    while size < 2 * len(keys):
        size *= 2
    slots = [None] * size
    for k in keys:
        i = k[0] & (size - 1)
        while slots[i] is not None:
            i = (i + 1) & (size - 1)
        slots[i] = k
    out = ['static const nuvXSIndexSlot %s_slots[%d] = {' % (sym, size)]
    for s in slots:
        if s is None:
            out.append('    { 0, NUV_XS_INDEX_FREE, 0, 0, 0 },')
        else:
            out.append('    { %uu, %d, %d, %d, %d },' % s)
    out.append('};')
    out.append('static const nuvXSIndex %s_index = { %s_slots, %d };' % (sym, sym, size - 1))
    return out


def main():
    src, dst, sym = sys.argv[1:4]
    hdr = sys.argv[4] if len(sys.argv) > 4 else None
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
           '#include <string.h>', '#include "conf/xnode.h"']
    if hdr:
        out.append('#include "%s"' % hdr.split('/')[-1])
    out.append('#include "libvirt/virterror.h"')
    out.append('')

    for t in schema.type_order:
        n = schema.types[t]
        words = 'NULL'
        if n.alias:
            words = '%s_words_%s' % (sym, n.alias)
        if n.kind == 'enum':
            out.append('static const char *const %s_words_%s[] = { %s, NULL };' %
                       (sym, n.name, ', '.join(cstr(w) for w in n.words)))
            words = '%s_words_%s' % (sym, n.name)
        code, msg = n.error if n.error else ('0', None)
        members = 'NULL, NULL'
        if n.members:
            out.append('static const char *const %s_uv_%s[] = { %s, NULL };' %
                       (sym, n.name, ', '.join(cstr(v) for v, _ in n.members)))
            out.append('static const nuvXSType *const %s_um_%s[] = { %s };' %
                       (sym, n.name, ', '.join('&%s_type_%s' % (sym, m) for _, m in n.members)))
            members = '%s_uv_%s, %s_um_%s' % (sym, n.name, sym, n.name)
        if n.check:
            out.append('int %s(const char *value, char **out);' % n.check)
        out.append('static const nuvXSType %s_type_%s = { %s, %s, %s, %d, %s, %s, %s, %s, %s };' %
                   (sym, n.name, cstr(n.name), type_enum_name(n.base), words,
                    len(n.words), code, cstr(msg) if msg else 'NULL',
                    n.errdomain or schema.errdomain, members, n.check or 'NULL'))
        if n.kind == 'enum':
            out.append('const char *%sToString(int v) { return nuvXSEnumToString(&%s_type_%s, v); }' %
                       (n.name, sym, n.name))
            out.append('int %sFromString(const char *s) { return nuvXSEnumFromString(&%s_type_%s, s); }' %
                       (n.name, sym, n.name))
    out.append('')

    values = {}
    for el in order:
        specs = []
        for name, a in el.attrs:
            varsym = None
            if a.variants:
                varsym = '%s_v%d_%s' % (sym, el.index, re.sub(r'\W', '_', name))
                out.append('static const char *const %s[] = { %s, NULL };' %
                           (varsym, ', '.join(cstr(v) for v in a.variants.split(','))))
            specs.append(attr_spec(schema, sym, a, varsym, values, out))
        if el.attrs:
            out.append('static const nuvXSAttr %s_a%d[] = {' % (sym, el.index))
            for s in specs:
                out.append('    %s,' % s)
            out.append('    { NULL, NULL, 0, 0 },')
            out.append('};')
        if el.text and el.text.type:
            out.append('static const nuvXSAttr %s_t%d = %s;' %
                       (sym, el.index, attr_spec(schema, sym, el.text, None, values, out)))
        if el.variants:
            out.append('static const char *const %s_ev%d[] = { %s, NULL };' %
                       (sym, el.index, ', '.join(cstr(v) for v in el.variants.split(','))))
        if el.children:
            out.append('static const int %s_c%d[] = { %s, -1 };' %
                       (sym, el.index,
                        ', '.join(str(c.resolved(schema).index) for c in el.children)))
    out.append('')
    out.extend(name_index(schema, sym, order))
    out.append('')
    out.append('const nuvXSElem %s[] = {' % sym)
    for el in order:
        flags = ' | '.join('NUV_XS_' + f.upper() for f in el.flags) if el.flags else '0'
        attrs = '%s_a%d' % (sym, el.index) if el.attrs else 'NULL'
        kids = '%s_c%d' % (sym, el.index) if el.children else 'NULL'
        text = '&%s_t%d' % (sym, el.index) if el.text and el.text.type else 'NULL'
        disc = [n for n, _ in el.attrs].index(el.disc) if el.disc else -1
        ev = '%s_ev%d' % (sym, el.index) if el.variants else 'NULL'
        out.append('    [%d] = { "%s", %s, %s, %s, %d, %d, %s, %s, &%s_index },' %
                   (el.index, el.name, attrs, kids, flags, len(el.attrs), disc, text, ev, sym))
    out.append('};')
    out.append('const size_t %sCount = %d;' % (sym, len(order)))

    views = [el for el in order if el.view]
    for el in views:
        out.extend(view_fill(schema, el))

    with open(dst, 'w') as fh:
        fh.write('\n'.join(out) + '\n')
    if hdr:
        write_header(schema, hdr, sym, views)


def view_fields(schema, el):
    """(path of child entries, attr index or -1 for text, Attr) for every
    >FIELD in @el's subtree, not crossing into another view or a ^ref."""
    res = []

    def rec(e, path):
        if e.present and path:
            res.append((path, -2, Attr('>present', field=e.present)))
        for i, (name, a) in enumerate(e.attrs):
            if a.field:
                res.append((path, i, a))
        if e.text and e.text.field:
            res.append((path, -1, e.text))
        for c in e.children:
            if c.ref is not None or c.view:
                continue
            rec(c.resolved(schema), path + [c.resolved(schema)])

    rec(el, [])
    return res


def view_fill(schema, el):
    out = ['', 'void', '%sFill(%s *v, const nuvXNode *node)' % (el.view, el.view), '{',
           '    memset(v, 0, sizeof(*v));', '    v->node = node;']
    for path, idx, a in view_fields(schema, el):
        if idx == -2:
            out.append('    v->%s = nuvXNodeFirstOf(node, %d) != NULL;' % (a.field, path[-1].index)
                       if len(path) == 1 else '    {')
            if len(path) > 1:
                out.append('        const nuvXNode *n = node;')
                for p in path:
                    out.append('        n = n ? nuvXNodeFirstOf(n, %d) : NULL;' % p.index)
                out.append('        v->%s = n != NULL;' % a.field)
                out.append('    }')
            continue
        base, named, _ = base_type(schema, a.type)
        out.append('    {')
        out.append('        const nuvXNode *n = node;')
        for p in path:
            out.append('        n = n ? nuvXNodeFirstOf(n, %d) : NULL;' % p.index)
        if base == 'union':
            out.extend(union_fill(schema, named, a.field, idx))
            out.append('    }')
            continue
        getter = {
            'enum': 'nuvXNodeEnumAt', 'int': 'nuvXNodeIntAt', 'uint': 'nuvXNodeUIntAt',
            'hex': 'nuvXNodeUIntAt', 'octal': 'nuvXNodeUIntAt', 'hex16': 'nuvXNodeUIntAt',
            'ulong': 'nuvXNodeULongAt', 'bool': 'nuvXNodeTristateAt',
            'onoff': 'nuvXNodeTristateAt', 'scaled': 'nuvXNodeScaledAt',
        }.get(base, 'nuvXNodeStrAt')
        out.append('        v->%s = %s(n, %d);' % (a.field, getter, idx))
        out.append('    }')
    out.append('}')
    return out


def union_member(v):
    """The C member name of a union's variant word (virtio-serial -> virtio_serial)."""
    m = re.sub(r'\W', '_', v)
    return '_' + m if m[0].isdigit() else m


def union_members(schema, named):
    """(member name, C type, base) of each variant of union @named."""
    res = []
    for v, m in named.members:
        mt = schema.types[m]
        ctype = ((mt.alias or mt.name) + ' ') if mt.base == 'enum' else FIELD_CTYPE[mt.base]
        res.append((union_member(v), ctype, mt.base))
    return res


def union_fill(schema, named, field, idx):
    """A union field's fill: the member of the governing variant is read
    as its type (an enum member -1 when the value is absent); every other
    enum member is -1."""
    getter = {
        'enum': 'nuvXNodeUnionEnumAt', 'int': 'nuvXNodeIntAt', 'uint': 'nuvXNodeUIntAt',
        'hex': 'nuvXNodeUIntAt', 'octal': 'nuvXNodeUIntAt', 'hex16': 'nuvXNodeUIntAt',
        'ulong': 'nuvXNodeULongAt', 'bool': 'nuvXNodeTristateAt',
        'onoff': 'nuvXNodeTristateAt', 'scaled': 'nuvXNodeScaledAt',
    }
    members = union_members(schema, named)
    out = ['        v->%s.%s = -1;' % (field, m) for m, _, base in members if base == 'enum']
    out.append('        switch (nuvXNodeUnionVariantAt(n, %d)) {' % idx)
    for i, (m, _, base) in enumerate(members):
        out.append('        case %d:' % i)
        out.append('            v->%s.%s = %s(n, %d);' % (field, m, getter.get(base, 'nuvXNodeStrAt'), idx))
        out.append('            break;')
    out.append('        default:')
    out.append('            break;')
    out.append('        }')
    return out


def write_header(schema, hdr, sym, views):
    guard = []
    out = ['/* Generated by schemagen.py; do not edit. */', '#pragma once', '',
           '#include <stdbool.h>', '#include "conf/xnode.h"', '']
    for t in schema.type_order:
        n = schema.types[t]
        if n.kind != 'enum':
            continue
        out.append('typedef enum {')
        for w in n.words:
            out.append('    %s,' % enum_const(n.name, w, n.prefix))
        out.append('    %sLAST' % (n.prefix or enum_prefix(n.name)))
        out.append('} %s;' % n.name)
        out.append('const char *%sToString(int v);' % n.name)
        out.append('/* -1 for a word not in the enumeration (or NULL) */')
        out.append('int %sFromString(const char *s);' % n.name)
        out.append('')
    for el in views:
        out.append('/* Typed view of <%s>: borrowed from the tree, valid while it is. */' % el.name)
        out.append('typedef struct {')
        out.append('    const nuvXNode *node;')
        for path, idx, a in view_fields(schema, el):
            if idx == -2:
                out.append('    bool %s;%s/* <%s> is there */' % (a.field, ' ' * max(1, 23 - len(a.field)),
                                                                  '/'.join(p.name for p in path)))
                continue
            base, named, _ = base_type(schema, a.type)
            where = '/'.join([p.name for p in path] + (['@' + a.name] if idx >= 0 else ['text()']))
            if base == 'union':
                # one member per variant, of that variant's type: only the
                # one the discriminator names holds the value, so that
                # reading another can never see it as its own
                out.append('    struct {')
                for m, ctype, _ in union_members(schema, named):
                    out.append('        %s%s;' % (ctype, m))
                out.append('    } %s;%s/* %s: the member of the discriminator\'s value '
                           'holds it; enum members are -1 otherwise */' %
                           (a.field, ' ' * max(1, 20 - len(a.field)), where))
                continue
            ctype = ((named.alias or named.name) + ' ') if base == 'enum' else FIELD_CTYPE[base]
            note = {'enum': ', -1 when absent', 'bool': ', nuvXSTristate',
                    'onoff': ', nuvXSTristate', 'scaled': ', KiB'}.get(base, '')
            out.append('    %s%s;%s/* %s%s */' % (ctype, a.field, ' ' * max(1, 28 - len(ctype) - len(a.field)),
                                                where, note))
        out.append('} %s;' % el.view)
        out.append('void %sFill(%s *v, const nuvXNode *node);' % (el.view, el.view))
        out.append('')
    out.append('extern const nuvXSElem %s[];' % sym)
    out.append('extern const size_t %sCount;' % sym)
    del guard
    with open(hdr, 'w') as fh:
        fh.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
