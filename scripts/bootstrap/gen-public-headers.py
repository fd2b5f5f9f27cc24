#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# One-off bootstrap tool: writes nuvirt's public headers (include/libvirt/*.h)
# from the machine-readable API descriptions that libvirt 9.0 installs in
# /usr/share/libvirt/api/*.xml.
#
# The build never runs this.  It was used once to lay down the headers; the
# headers are ordinary source files from then on.  It is kept so that the
# way they were produced can be checked or repeated (for example to pick up
# symbols of a newer libvirt release), after which the diff is reviewed and
# committed by hand.
#
# Only facts are taken from the XML: names, numeric values, string values,
# types, field order, argument lists and the "since" version of each symbol.
# The API's prose documentation is deliberately ignored; the few comments the
# headers carry are written here.  Where the XML is silent (include guards,
# the refusal to be included on its own, the deprecated members of virError,
# the export macros) the knowledge is encoded in this script.
#
# Usage: gen-public-headers.py [--api-dir DIR] [--out-dir DIR]

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

API_FILES = ['libvirt-api.xml', 'libvirt-qemu-api.xml',
             'libvirt-lxc-api.xml', 'libvirt-admin-api.xml']

# The parts that libvirt.h pulls in, in the order that lets each one use
# the types of the ones before it.
LIBVIRT_PARTS = [
    'libvirt-common', 'libvirt-host', 'libvirt-domain',
    'libvirt-domain-checkpoint', 'libvirt-domain-snapshot', 'libvirt-event',
    'libvirt-interface', 'libvirt-network', 'libvirt-nodedev',
    'libvirt-nwfilter', 'libvirt-secret', 'libvirt-storage', 'libvirt-stream',
]

# Headers that a program includes directly; each stands on its own.
TOP_LEVEL = ['virterror', 'libvirt-qemu', 'libvirt-lxc', 'libvirt-admin']

# One line about each header, in our own words.
BLURB = {
    'libvirt-common': 'version macros, typed parameters and other pieces '
                      'shared by libvirt.h and libvirt-admin.h',
    'libvirt-host': 'connections to a hypervisor and questions about the '
                    'host machine',
    'libvirt-domain': 'guests: life cycle, configuration, devices, '
                      'statistics, block jobs, migration and events',
    'libvirt-domain-checkpoint': 'checkpoints of guest disks, used for '
                                 'incremental backup',
    'libvirt-domain-snapshot': 'guest snapshots',
    'libvirt-event': 'hooks that let an application supply the event loop',
    'libvirt-interface': 'host network interfaces',
    'libvirt-network': 'virtual networks, their ports and DHCP leases',
    'libvirt-nodedev': 'host devices (PCI, USB, mediated devices, ...)',
    'libvirt-nwfilter': 'network filters and their bindings to ports',
    'libvirt-secret': 'secrets (passphrases, keys) kept for guests',
    'libvirt-storage': 'storage pools and volumes',
    'libvirt-stream': 'data streams between the application and the driver',
    'virterror': 'error reporting: the error record, its codes and domains',
    'libvirt-qemu': 'QEMU-specific extras (monitor and guest agent '
                    'pass-through); using them voids the support warranty',
    'libvirt-lxc': 'LXC-specific extras (entering a container\'s '
                   'namespaces)',
    'libvirt-admin': 'the administration interface of the daemons',
}

GUARD = {
    'libvirt-common': '__VIR_VIRCOMMON_H__',
    'virterror': 'LIBVIRT_VIRTERROR_H',
}

# Members of struct _virError that carry the deprecation attribute.
DEPRECATED_FIELDS = {('virError', 'conn'), ('virError', 'dom'),
                     ('virError', 'net')}


# Function-like macros whose body the XML leaves empty; these are the
# expressions they stand for.
RAW_FIXES = {
    'VIR_CPU_MAPLEN': '(((cpu) + 7) / 8)',
    'VIR_NODEINFO_MAXCPUS': '((nodeinfo).nodes * (nodeinfo).sockets * '
                            '(nodeinfo).cores * (nodeinfo).threads)',
    'VIR_DOMAIN_EVENT_CALLBACK':
        '((virConnectDomainEventGenericCallback)(cb))',
    'VIR_NETWORK_EVENT_CALLBACK':
        '((virConnectNetworkEventGenericCallback)(cb))',
}


def macro_body(m):
    raw = RAW_FIXES.get(m.get('name'), m.get('raw'))
    # Drop any comment carried along with the value; we add our own.
    raw = re.sub(r'/\*.*?\*/', '', raw).strip()
    if not raw:
        sys.exit('macro %s has no value' % m.get('name'))
    return raw


def guard_of(name):
    if name in GUARD:
        return GUARD[name]
    return name.upper().replace('-', '_') + '_H'


class Api:
    def __init__(self):
        self.macros = {}      # file -> [element]
        self.enums = {}       # file -> {typename: [element]}
        self.typedefs = {}    # file -> [element]
        self.structs = {}     # file -> [element]
        self.functypes = {}   # file -> [element]
        self.functions = {}   # file -> [element]
        self.variables = {}   # file -> [element]
        self.struct_names = set()

    def load(self, path):
        root = ET.parse(path).getroot()
        syms = root.find('symbols')
        for el in syms:
            f = el.get('file')
            if el.tag == 'macro':
                self.macros.setdefault(f, []).append(el)
            elif el.tag == 'enum':
                self.enums.setdefault(f, {}).setdefault(
                    el.get('type'), []).append(el)
            elif el.tag == 'typedef':
                self.typedefs.setdefault(f, []).append(el)
            elif el.tag == 'struct':
                self.structs.setdefault(f, []).append(el)
                self.struct_names.add(el.get('name'))
            elif el.tag == 'functype':
                self.functypes.setdefault(f, []).append(el)
            elif el.tag == 'function':
                self.functions.setdefault(f, []).append(el)
            elif el.tag == 'variable':
                self.variables.setdefault(f, []).append(el)
            else:
                sys.exit('unknown element %s' % el.tag)


def since(el):
    v = el.get('version')
    return ' /* since %s */' % v if v else ''


def with_since(line, el, width=100):
    """Append the version note unless it pushes the line past width."""
    full = line + since(el)
    return full if len(full) <= width else line


def decl(ctype, name):
    """Join a C type and a declarator name the way we write them."""
    if '[' in ctype:        # the XML already spells 'char field[LEN]'
        return ctype
    if ctype.endswith('*'):
        return ctype + name
    return ctype + ' ' + name


def params(el):
    args = el.findall('arg')
    if not args:
        return 'void'
    return ', '.join(decl(a.get('type'), a.get('name')) for a in args)


def pack(first, indent, parts, tail, width):
    out = []
    cur = first
    for i, p in enumerate(parts):
        piece = p + (',' if i < len(parts) - 1 else ')' + tail)
        fresh = cur == first and first.endswith('(')
        if fresh or (cur.strip() == '' and cur == indent):
            cur = cur + piece
        elif len(cur) + 1 + len(piece) <= width:
            cur = cur + ' ' + piece
        else:
            out.append(cur)
            cur = indent + piece
    out.append(cur)
    return out


def wrap_call(head, args, tail=';', width=79):
    """Lay out 'head(args)tail', breaking after commas when too long."""
    line = '%s(%s)%s' % (head, args, tail)
    if len(line) <= width:
        return line
    parts = args.split(', ')
    # Arguments lined up under the opening parenthesis when that fits...
    out = pack(head + '(', ' ' * (len(head) + 1), parts, tail, width)
    if all(len(l) <= width for l in out):
        return '\n'.join(out)
    # ...otherwise one indented block below the name.
    out = [head + '('] + pack('    ', '    ', parts, tail, width)
    return '\n'.join(out)


def c_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def enum_value(el, emitted):
    v = el.get('value')
    if not NUMBER.match(v):
        # Defined as another enumerator: keep the name when it is already
        # declared above, otherwise spell out the number.
        return v if v in emitted else str(ENUM_VALUES[el.get('name')])
    if el.get('value_bitshift') is not None:
        shift = int(el.get('value_bitshift'))
        return '1U << %d' % shift if shift == 31 else '1 << %d' % shift
    return el.get('value')


NUMBER = re.compile(r'^-?[0-9]+$')
ENUM_VALUES = {}    # enumerator name -> integer, filled by resolve_enums()
EMITTED = set()     # enumerators already written, in header order


def resolve_enums(api):
    raw = {}
    for groups in api.enums.values():
        for members in groups.values():
            for m in members:
                raw[m.get('name')] = m.get('value')

    def value(name, depth=0):
        v = raw[name]
        if NUMBER.match(v):
            return int(v)
        assert depth < 10, name
        return value(v, depth + 1)

    for name in raw:
        ENUM_VALUES[name] = value(name)


def emit_enums(api, fname, out):
    groups = api.enums.get(fname, {})
    if not groups:
        return
    out.append('')
    out.append('/* ---- enumerations ---- */')
    tdver = {t.get('name'): t for t in api.typedefs.get(fname, [])
             if t.get('type') == 'enum'}
    for tname in sorted(groups):
        members = groups[tname]
        normal = [m for m in members if not m.get('name').endswith('_LAST')]
        sentinels = [m for m in members if m.get('name').endswith('_LAST')]
        normal.sort(key=lambda m: (ENUM_VALUES[m.get('name')], m.get('name')))
        wide = any(ENUM_VALUES[m.get('name')] > 0x7fffffff for m in members)
        out.append('')
        if tname in tdver and tdver[tname].get('version'):
            out.append('/* %s: since %s */' % (tname,
                                                tdver[tname].get('version')))
        if wide:
            # A value of 2^31 makes the type unsigned int; ISO C before C23
            # only allows int-ranged enumerators, so tell -pedantic we know.
            out.append('# ifdef __GNUC__')
            out.append('__extension__')
            out.append('# endif')
        out.append('typedef enum {')
        width = max(len(m.get('name')) for m in members)
        for m in normal:
            out.append(with_since('    %-*s = %s,' % (
                width, m.get('name'), enum_value(m, EMITTED)), m))
            EMITTED.add(m.get('name'))
        if sentinels:
            out.append('')
            out.append('# ifdef VIR_ENUM_SENTINELS')
            for m in sentinels:
                out.append('    %-*s = %s,' % (width, m.get('name'),
                                               enum_value(m, EMITTED)))
                EMITTED.add(m.get('name'))
            out.append('# endif')
        out.append('} %s;' % tname)


def emit_macros(api, fname, out):
    macros = api.macros.get(fname, [])
    if not macros:
        return
    out.append('')
    out.append('/* ---- constants and helper macros ---- */')
    out.append('')
    plain = sorted((m for m in macros if not m.get('params')),
                   key=lambda m: m.get('name'))
    funcs = sorted((m for m in macros if m.get('params')),
                   key=lambda m: m.get('name'))
    for m in plain:
        if m.get('string') is not None:
            val = c_string(m.get('string'))
        else:
            val = macro_body(m)
        out.append('# define %s %s' % (m.get('name'), val))
    if funcs:
        out.append('')
    for m in funcs:
        ps = ', '.join(p.strip() for p in m.get('params').split(','))
        line = '# define %s(%s) %s' % (m.get('name'), ps, macro_body(m))
        if len(line) > 79:
            line = '# define %s(%s) \\\n    %s' % (m.get('name'), ps,
                                                  macro_body(m))
        out.append(line)


def struct_tag(el):
    t = el.get('type')
    assert t.startswith('struct '), t
    return t[len('struct '):]


def emit_struct_typedefs(api, fname, out):
    structs = api.structs.get(fname, [])
    ptrs = [t for t in api.typedefs.get(fname, [])
            if t.get('type') != 'enum' and t.get('type').endswith('*')]
    if not structs and not ptrs:
        return
    out.append('')
    out.append('/* ---- object and record types ---- */')
    out.append('')
    for s in sorted(structs, key=lambda s: s.get('name')):
        out.append(with_since('typedef %s %s;' % (s.get('type'),
                                                  s.get('name')), s))
    if ptrs:
        out.append('')
    for t in sorted(ptrs, key=lambda t: t.get('name')):
        out.append('typedef %s;' % decl(t.get('type'), t.get('name')))


def emit_other_typedefs(api, fname, out):
    others = [t for t in api.typedefs.get(fname, [])
              if t.get('type') != 'enum' and not t.get('type').endswith('*')]
    if not others:
        return
    out.append('')
    for t in sorted(others, key=lambda t: t.get('name')):
        out.append('typedef %s;%s' % (decl(t.get('type'), t.get('name')),
                                      since(t)))


def field_lines(sname, fields, indent):
    lines = []
    pad = ' ' * indent
    for f in fields:
        if f.get('type') == 'union':
            lines.append(pad + 'union {')
            lines.extend(field_lines(sname, f.find('union').findall('field'),
                                     indent + 4))
            lines.append(pad + '} %s;' % f.get('name'))
            continue
        attr = ''
        if (sname, f.get('name')) in DEPRECATED_FIELDS:
            attr = ' VIR_DEPRECATED'
        lines.append(pad + decl(f.get('type'), f.get('name')) + attr + ';')
    return lines


def emit_struct_bodies(api, fname, out, done):
    bodies = []
    for s in sorted(api.structs.get(fname, []), key=lambda s: s.get('name')):
        fields = s.findall('field')
        tag = struct_tag(s)
        if not fields or tag in done:
            continue
        # An alias such as virSchedParameter repeats the fields of the
        # struct it names; the body belongs to the struct itself.
        base = tag[1:]
        if base != s.get('name') and base in api.struct_names:
            continue
        done.add(tag)
        bodies.append((s, tag, fields))
    if not bodies:
        return
    out.append('')
    out.append('/* ---- record layouts (part of the ABI: never reorder) ---- */')
    for s, tag, fields in bodies:
        out.append('')
        out.append('%s {' % s.get('type'))
        out.extend(field_lines(s.get('name'), fields, 4))
        out.append('};')


def ret_decl(el, name):
    r = el.find('return')
    rtype = r.get('type') if r is not None else 'void'
    if rtype.endswith('*'):
        return rtype + name
    return rtype + ' ' + name


def emit_functypes(api, fname, out):
    fts = api.functypes.get(fname, [])
    if not fts:
        return
    out.append('')
    out.append('/* ---- callback types ---- */')
    # Alphabetical, except that a callback type taking another callback
    # type must come after it.
    pending = sorted(fts, key=lambda f: f.get('name'))
    names = {f.get('name') for f in fts}
    ordered = []
    while pending:
        for ft in pending:
            uses = {a.get('type') for a in ft.findall('arg')} & names
            if uses <= {o.get('name') for o in ordered}:
                ordered.append(ft)
                pending.remove(ft)
                break
        else:
            sys.exit('callback types depend on each other in a cycle')
    for ft in ordered:
        out.append('')
        out.append('/* since %s */' % ft.get('version'))
        out.append(wrap_call('typedef ' + ret_decl(ft, '(*%s)'
                                                   % ft.get('name')),
                             params(ft)))


def emit_functions(api, fname, out):
    fns = api.functions.get(fname, [])
    if not fns:
        return
    out.append('')
    out.append('/* ---- functions ---- */')
    out.append('')
    for fn in sorted(fns, key=lambda f: f.get('name')):
        out.append(wrap_call(ret_decl(fn, fn.get('name')), params(fn)))


def emit_variables(api, fname, out):
    for v in api.variables.get(fname, []):
        out.append('')
        out.append('VIR_EXPORT_VAR %s;' % decl(v.get('type'), v.get('name')))


COMMON_PRELUDE = r'''
# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

/* Marks a declaration that programs should stop using; a program may
 * define it to nothing beforehand to silence the warnings. */
# ifndef VIR_DEPRECATED
#  if defined(__GNUC__) && \
      (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))
#   define VIR_DEPRECATED __attribute__((__deprecated__))
#  else
#   define VIR_DEPRECATED
#  endif
# endif

/* How an exported variable is declared: on Windows the DLL boundary needs
 * spelling out, everywhere else it is a plain extern. */
# ifdef WIN32
#  ifdef LIBVIRT_STATIC
#   define VIR_EXPORT_VAR extern
#  elif defined(IN_LIBVIRT)
#   define VIR_EXPORT_VAR __declspec(dllexport) extern
#  else
#   define VIR_EXPORT_VAR __declspec(dllimport) extern
#  endif
# else
#  define VIR_EXPORT_VAR extern
# endif'''


def header_top(fname):
    out = []
    out.append('/*')
    words = ('%s.h: %s' % (fname, BLURB[fname])).split()
    line = ' *'
    for w in words:
        if len(line) + 1 + len(w) > 76:
            out.append(line)
            line = ' *'
        line += ' ' + w
    out.append(line)
    out.append(' *')
    out.append(' * Part of nuvirt\'s public interface, which is source and '
               'binary compatible')
    out.append(' * with libvirt 9.0: names, values, types and layouts must '
               'not change.')
    out.append(' *')
    out.append(' * SPDX-License-Identifier: LGPL-2.1-or-later')
    out.append(' */')
    out.append('')
    return out


def gen_part(api, fname, done):
    out = header_top(fname)
    g = guard_of(fname)
    if fname == 'libvirt-common':
        out.append('#if !defined __VIR_LIBVIRT_H_INCLUDES__ && '
                   '!defined __VIR_ADMIN_H_INCLUDES__')
        out.append('# error "libvirt-common.h is included by '
                   '<libvirt/libvirt.h> and <libvirt/libvirt-admin.h> only"')
        out.append('#endif')
        out.append('')
        out.append('#ifndef %s' % g)
        out.append('# define %s' % g)
        out.append(COMMON_PRELUDE)
    else:
        out.append('#ifndef %s' % g)
        out.append('# define %s' % g)
        out.append('')
        out.append('# ifndef __VIR_LIBVIRT_H_INCLUDES__')
        out.append('#  error "%s.h is a part of libvirt.h: include '
                   '<libvirt/libvirt.h>"' % fname)
        out.append('# endif')
    body(api, fname, out, done)
    if fname == 'libvirt-common':
        out.append('')
        out.append('# ifdef __cplusplus')
        out.append('}')
        out.append('# endif')
    out.append('')
    out.append('#endif /* %s */' % g)
    return '\n'.join(out) + '\n'


def body(api, fname, out, done):
    emit_macros(api, fname, out)
    emit_enums(api, fname, out)
    emit_struct_typedefs(api, fname, out)
    emit_other_typedefs(api, fname, out)
    emit_functypes(api, fname, out)
    emit_struct_bodies(api, fname, out, done)
    emit_variables(api, fname, out)
    emit_functions(api, fname, out)


def gen_top(api, fname, done):
    out = header_top(fname)
    g = guard_of(fname)
    out.append('#ifndef %s' % g)
    out.append('# define %s' % g)
    out.append('')
    if fname == 'libvirt-admin':
        out.append('# ifdef __cplusplus')
        out.append('extern "C" {')
        out.append('# endif')
        out.append('')
        out.append('# define __VIR_ADMIN_H_INCLUDES__')
        out.append('# include <libvirt/libvirt-common.h>')
        out.append('# undef __VIR_ADMIN_H_INCLUDES__')
    else:
        out.append('# include <libvirt/libvirt.h>')
        out.append('')
        out.append('# ifdef __cplusplus')
        out.append('extern "C" {')
        out.append('# endif')
    body(api, fname, out, done)
    out.append('')
    out.append('# ifdef __cplusplus')
    out.append('}')
    out.append('# endif')
    out.append('')
    out.append('#endif /* %s */' % g)
    return '\n'.join(out) + '\n'


def gen_libvirt_h():
    out = []
    out.append('/*')
    out.append(' * libvirt.h: the main public header.  It only gathers the '
               'parts, one per')
    out.append(' * kind of object; include this file, never the parts.')
    out.append(' *')
    out.append(' * SPDX-License-Identifier: LGPL-2.1-or-later')
    out.append(' */')
    out.append('')
    out.append('#ifndef LIBVIRT_H')
    out.append('# define LIBVIRT_H')
    out.append('')
    out.append('# include <sys/types.h>')
    out.append('')
    out.append('# ifdef __cplusplus')
    out.append('extern "C" {')
    out.append('# endif')
    out.append('')
    out.append('# define __VIR_LIBVIRT_H_INCLUDES__')
    for p in LIBVIRT_PARTS:
        out.append('# include <libvirt/%s.h>' % p)
    out.append('# undef __VIR_LIBVIRT_H_INCLUDES__')
    out.append('')
    out.append('# ifdef __cplusplus')
    out.append('}')
    out.append('# endif')
    out.append('')
    out.append('#endif /* LIBVIRT_H */')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--api-dir', default='/usr/share/libvirt/api')
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--out-dir', default=os.path.join(
        here, '..', '..', 'include', 'libvirt'))
    args = ap.parse_args()

    api = Api()
    for f in API_FILES:
        api.load(os.path.join(args.api_dir, f))

    resolve_enums(api)
    done = set()
    files = {'libvirt': gen_libvirt_h()}
    for p in LIBVIRT_PARTS:
        files[p] = gen_part(api, p, done)
    for t in TOP_LEVEL:
        files[t] = gen_top(api, t, done)

    os.makedirs(args.out_dir, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(args.out_dir, name + '.h'), 'w') as fh:
            fh.write(text)


if __name__ == '__main__':
    main()
