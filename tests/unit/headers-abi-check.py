#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Checks that two sets of public headers describe the same C API and ABI:
# normally nuvirt's include/ against the stock libvirt headers in
# /usr/include.  The list of what to check comes from libvirt's API
# description (libvirt-api.xml and friends), so nothing here depends on how
# either set of headers is written.
#
#   headers-abi-check.py OURS_INCLUDE_DIR STOCK_INCLUDE_DIR [--api-dir DIR]
#
# Checks, each reported as PASS or FAIL:
#   files       every header stock installs exists in OURS
#   pedantic    the five public headers compile together against OURS with
#               -Wall -Wextra -Werror -pedantic (as C11, C99 and C++)
#   values      a generated program prints every enumerator, string and
#               numeric macro, the results of the function-like macros on
#               sample inputs, the size of every typedef, the signedness of
#               every enum type, and the size, alignment, member offsets and
#               member sizes of every public struct; built and run once per
#               header set, the two outputs must be identical
#   types       every function, callback type, pointer typedef, struct
#               typedef and exported variable is redeclared with the type the
#               API description gives it; this must compile against both
#               sets (a conflicting redeclaration is a hard error)
#   prototypes  gcc -aux-info lists every function prototype each header
#               set declares; the two lists must be identical, name by name
#   deprecated  the members of virError that libvirt marks deprecated warn
#               in both sets
#
# Exit status: 0 all passed, 1 something failed, 77 skipped (no compiler, no
# API description or no stock headers).

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

API_FILES = ['libvirt-api.xml', 'libvirt-qemu-api.xml',
             'libvirt-lxc-api.xml', 'libvirt-admin-api.xml']

INCLUDES = '''#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/libvirt-lxc.h>
#include <libvirt/libvirt-admin.h>
'''

# Sample uses of the function-like macros; each prints a line.
MACRO_SAMPLES = {
    'LIBVIR_CHECK_VERSION': r'''
    printf("LIBVIR_CHECK_VERSION %d %d %d %d %d\n",
           LIBVIR_CHECK_VERSION(9, 0, 0), LIBVIR_CHECK_VERSION(9, 0, 1),
           LIBVIR_CHECK_VERSION(8, 10, 0), LIBVIR_CHECK_VERSION(10, 0, 0),
           LIBVIR_CHECK_VERSION(0, 0, 1));''',
    'VIR_CPU_MAPLEN': r'''
    for (i = 0; i < 20; i++)
        printf("VIR_CPU_MAPLEN(%d) %d\n", i, (int)VIR_CPU_MAPLEN(i));''',
    'VIR_USE_CPU': r'''
    memset(map, 0, sizeof(map));
    VIR_USE_CPU(map, 0); VIR_USE_CPU(map, 9); VIR_USE_CPU(map, 31);
    printf("VIR_USE_CPU %02x %02x %02x %02x\n", map[0], map[1], map[2], map[3]);''',
    'VIR_UNUSE_CPU': r'''
    memset(map, 0xff, sizeof(map));
    VIR_UNUSE_CPU(map, 1); VIR_UNUSE_CPU(map, 15); VIR_UNUSE_CPU(map, 24);
    printf("VIR_UNUSE_CPU %02x %02x %02x %02x\n", map[0], map[1], map[2], map[3]);''',
    'VIR_CPU_USED': r'''
    memset(map, 0, sizeof(map));
    map[1] = 0x21;
    for (i = 0; i < 32; i++)
        printf("%d", VIR_CPU_USED(map, i) ? 1 : 0);
    printf(" VIR_CPU_USED\n");''',
    'VIR_GET_CPUMAP': r'''
    printf("VIR_GET_CPUMAP %d %d\n",
           (int)(VIR_GET_CPUMAP(maps, 3, 2) - maps),
           (int)(VIR_GET_CPUMAP(maps, 1, 5) - maps));''',
    'VIR_CPU_USABLE': r'''
    memset(maps, 0, sizeof(maps));
    maps[2 * 2 + 1] = 0x08;
    for (i = 0; i < 16; i++)
        printf("%d", VIR_CPU_USABLE(maps, 2, 2, i) ? 1 : 0);
    printf(" VIR_CPU_USABLE\n");''',
    'VIR_COPY_CPUMAP': r'''
    for (i = 0; i < (int)sizeof(maps); i++)
        maps[i] = (unsigned char)i;
    memset(map, 0, sizeof(map));
    VIR_COPY_CPUMAP(maps, 3, 2, map);
    printf("VIR_COPY_CPUMAP %02x %02x %02x %02x\n", map[0], map[1], map[2], map[3]);''',
    'VIR_NODEINFO_MAXCPUS': r'''
    memset(&ni, 0, sizeof(ni));
    ni.nodes = 2; ni.sockets = 3; ni.cores = 5; ni.threads = 7;
    printf("VIR_NODEINFO_MAXCPUS %u\n", (unsigned)VIR_NODEINFO_MAXCPUS(ni));''',
}

# The event-callback cast macros: the result must have the generic type.
CALLBACK_CASTS = {
    'VIR_DOMAIN_EVENT_CALLBACK': 'virConnectDomainEventGenericCallback',
    'VIR_NETWORK_EVENT_CALLBACK': 'virConnectNetworkEventGenericCallback',
    'VIR_NODE_DEVICE_EVENT_CALLBACK':
        'virConnectNodeDeviceEventGenericCallback',
    'VIR_SECRET_EVENT_CALLBACK': 'virConnectSecretEventGenericCallback',
    'VIR_STORAGE_POOL_EVENT_CALLBACK':
        'virConnectStoragePoolEventGenericCallback',
}


def decl(ctype, name):
    if '[' in ctype:
        return ctype
    if ctype.endswith('*'):
        return ctype + name
    return ctype + ' ' + name


def params(el, named=True):
    args = el.findall('arg')
    if not args:
        return 'void'
    if named:
        return ', '.join(decl(a.get('type'), a.get('name')) for a in args)
    return ', '.join(a.get('type') for a in args)


def ret_type(el):
    r = el.find('return')
    return r.get('type') if r is not None else 'void'


class Api:
    def __init__(self, api_dir):
        self.enums, self.macros, self.typedefs = [], [], []
        self.structs, self.functypes, self.functions = [], [], []
        self.variables = []
        for f in API_FILES:
            root = ET.parse(os.path.join(api_dir, f)).getroot()
            syms = root.find('symbols')
            for el in syms:
                getattr(self, {'enum': 'enums', 'macro': 'macros',
                               'typedef': 'typedefs', 'struct': 'structs',
                               'functype': 'functypes',
                               'function': 'functions',
                               'variable': 'variables'}[el.tag]).append(el)


def field_paths(fields, prefix=''):
    """(member designator, is_leaf) for every member, unions included."""
    for f in fields:
        path = prefix + f.get('name')
        yield path
        if f.get('type') == 'union':
            yield from field_paths(f.find('union').findall('field'),
                                   path + '.')


def values_program(api):
    out = [INCLUDES, 'int main(void)', '{',
           '    int i = 0;',
           '    unsigned char map[4];',
           '    unsigned char maps[16];',
           '    virNodeInfo ni;',
           '    (void)i; (void)map; (void)maps; (void)ni;',
           '    memset(maps, 0, sizeof(maps));']
    for e in sorted(api.enums, key=lambda e: e.get('name')):
        n = e.get('name')
        out.append('    printf("enum %s %%lld\\n", (long long)%s);' % (n, n))
    for t in sorted(api.typedefs, key=lambda t: t.get('name')):
        n = t.get('name')
        out.append('    printf("typedef %s size %%zu\\n", sizeof(%s));'
                   % (n, n))
        if t.get('type') == 'enum':
            out.append('    printf("typedef %s signed %%d\\n", '
                       '(%s)-1 < (%s)0);' % (n, n, n))
    for s in sorted(api.structs, key=lambda s: s.get('name')):
        n = s.get('name')
        fields = s.findall('field')
        if not fields:
            continue
        out.append('    printf("struct %s size %%zu align %%zu\\n", '
                   'sizeof(%s), (size_t)_Alignof(%s));' % (n, n, n))
        for p in field_paths(fields):
            out.append('    printf("struct %s .%s offset %%zu size %%zu\\n",'
                       ' offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                       % (n, p, n, p, n, p))
    for m in sorted(api.macros, key=lambda m: m.get('name')):
        n = m.get('name')
        if m.get('params'):
            if n in MACRO_SAMPLES:
                out.append(MACRO_SAMPLES[n])
            elif n in CALLBACK_CASTS:
                out.append('    printf("%s %%d\\n", __builtin_types_'
                           'compatible_p(__typeof__(%s(NULL)), %s));'
                           % (n, n, CALLBACK_CASTS[n]))
            else:
                out.append('    printf("%s has no sample use\\n");' % n)
        elif m.get('string') is not None:
            out.append('    printf("macro %s \\"%%s\\"\\n", %s);' % (n, n))
        elif (m.get('raw') or '').startswith('_vir'):
            # an alias for a struct tag
            out.append('    printf("macro %s struct size %%zu\\n", '
                       'sizeof(struct %s));' % (n, n))
        else:
            out.append('    printf("macro %s %%lld\\n", (long long)(%s));'
                       % (n, n))
    out.append('    return 0;')
    out.append('}')
    return '\n'.join(out) + '\n'


def types_program(api):
    out = [INCLUDES]
    n = 0

    def same(a, b):
        nonlocal n
        n += 1
        out.append('_Static_assert(__builtin_types_compatible_p(%s, %s), '
                   '"%s");' % (a, b, a.replace('"', '')))

    for t in api.typedefs:
        if t.get('type') != 'enum':
            same(t.get('name'), t.get('type'))
    for s in api.structs:
        same(s.get('name'), s.get('type'))
    for ft in api.functypes:
        same(ft.get('name'), '%s (*)(%s)' % (ret_type(ft),
                                             params(ft, named=False)))
    for v in api.variables:
        out.append('extern %s;' % decl(v.get('type'), v.get('name')))
    for fn in api.functions:
        r = ret_type(fn)
        name = fn.get('name')
        out.append('%s;' % decl(r, '%s(%s)' % (name, params(fn))))
        # also make sure it is a function and not a macro
        out.append('static void *const ref_%s = (void *)&%s;' % (name, name))
    return '\n'.join(out) + '\n'


DEPRECATED_PROGRAM = INCLUDES + '''
void *use(virErrorPtr e);
void *use(virErrorPtr e) { return (void *)e->%s; }
'''


class Checker:
    def __init__(self, cc, cxx, ours, stock, tmp):
        self.cc, self.cxx, self.ours, self.stock = cc, cxx, ours, stock
        self.tmp = tmp
        self.failed = []

    def result(self, name, ok, detail=''):
        print('%s %s%s' % ('PASS' if ok else 'FAIL', name,
                           (': ' + detail) if detail else ''))
        if not ok:
            self.failed.append(name)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, 'w') as fh:
            fh.write(text)
        return path

    def compile(self, inc, src, extra, cc=None):
        cmd = [cc or self.cc, '-I', inc] + extra + ['-c', src,
                                                    '-o', os.devnull]
        p = subprocess.run(cmd, capture_output=True, text=True)
        return p.returncode == 0, p.stderr

    def check_pedantic(self):
        src = self.write('pedantic.c', INCLUDES + 'int main(void) '
                         '{ return 0; }\n')
        warn = ['-Wall', '-Wextra', '-Werror', '-pedantic']
        for std in ['-std=gnu11', '-std=c99']:
            ok, err = self.compile(self.ours, src, warn + [std])
            self.result('pedantic %s' % std, ok, err.strip()[:2000])
        if self.cxx:
            ok, err = self.compile(self.ours, src, warn + ['-x', 'c++'],
                                   cc=self.cxx)
            self.result('pedantic c++', ok, err.strip()[:2000])

    def run_values(self, inc, tag, src):
        exe = os.path.join(self.tmp, 'values-' + tag)
        p = subprocess.run([self.cc, '-std=gnu11', '-DVIR_ENUM_SENTINELS',
                            '-DVIR_DEPRECATED=', '-I', inc, '-o', exe, src],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return None, p.stderr
        p = subprocess.run([exe], capture_output=True, text=True)
        return p.stdout, p.stderr

    def check_values(self, api):
        src = self.write('values.c', values_program(api))
        a, erra = self.run_values(self.ours, 'ours', src)
        b, errb = self.run_values(self.stock, 'stock', src)
        if a is None or b is None:
            self.result('values', False, 'build failed:\n' +
                        (erra if a is None else errb)[:3000])
            return
        self.write('values-ours.txt', a)
        self.write('values-stock.txt', b)
        la, lb = a.splitlines(), b.splitlines()
        missing = [l for l in lb if 'no sample use' in l]
        diff = [('-' + x, '+' + y) for x, y in zip(lb, la) if x != y]
        ok = la == lb and not missing and len(la) > 0
        detail = '%d lines compared' % len(lb)
        if diff:
            detail += '; first differences (stock/ours):\n' + '\n'.join(
                '  %s\n  %s' % d for d in diff[:20])
        if len(la) != len(lb):
            detail += '; line counts differ'
        if missing:
            detail += '; ' + ', '.join(missing)
        self.result('values', ok, detail)

    def check_types(self, api):
        src = self.write('types.c', types_program(api))
        for inc, tag in [(self.ours, 'ours'), (self.stock, 'stock')]:
            ok, err = self.compile(inc, src, ['-std=gnu11',
                                              '-DVIR_ENUM_SENTINELS'])
            self.result('types (%s)' % tag, ok,
                        '%d functions, %d callback types, %d typedefs' % (
                            len(api.functions), len(api.functypes),
                            len(api.typedefs)) if ok else err[:3000])

    def prototypes(self, inc, tag, src):
        aux = os.path.join(self.tmp, 'aux-' + tag)
        p = subprocess.run([self.cc, '-DVIR_ENUM_SENTINELS', '-aux-info', aux,
                            '-I', inc, '-c', src, '-o', os.devnull],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return None
        protos = {}
        inc_real = os.path.realpath(inc)
        for line in open(aux):
            m = re.match(r'/\* (\S+):\d+:\w+ \*/ (.*)$', line.rstrip())
            if not m:
                continue
            path = os.path.realpath(m.group(1))
            if not path.startswith(os.path.join(inc_real, 'libvirt') + '/'):
                continue
            text = m.group(2)
            name = re.search(r'(\w+) \(', text)
            protos[name.group(1) if name else text] = text
        return protos

    def check_prototypes(self, api):
        src = self.write('protos.c', INCLUDES)
        a = self.prototypes(self.ours, 'ours', src)
        b = self.prototypes(self.stock, 'stock', src)
        if a is None or b is None:
            self.result('prototypes', False, 'gcc -aux-info failed')
            return
        problems = []
        for name in sorted(set(a) | set(b)):
            if name not in a:
                problems.append('missing in ours: ' + b[name])
            elif name not in b:
                problems.append('extra in ours: ' + a[name])
            elif a[name] != b[name]:
                problems.append('differs:\n    stock %s\n    ours  %s'
                                % (b[name], a[name]))
        xml_missing = [fn.get('name') for fn in api.functions
                       if fn.get('name') not in a]
        problems += ['API function not declared: ' + n for n in xml_missing]
        self.result('prototypes', not problems,
                    '%d prototypes identical' % len(b) if not problems else
                    '\n  ' + '\n  '.join(problems[:40]))

    def check_deprecated(self):
        for member in ['conn', 'dom', 'net']:
            src = self.write('dep-%s.c' % member, DEPRECATED_PROGRAM % member)
            res = []
            for inc in [self.ours, self.stock]:
                ok, err = self.compile(inc, src,
                                       ['-Werror=deprecated-declarations'])
                res.append(not ok and 'deprecated' in err)
            self.result('deprecated virError.%s' % member, res[0] == res[1],
                        'ours %s, stock %s' % ('warns' if res[0] else 'silent',
                                               'warns' if res[1] else
                                               'silent'))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('ours')
    ap.add_argument('stock')
    ap.add_argument('--api-dir', default='/usr/share/libvirt/api')
    ap.add_argument('--cc', default=os.environ.get('CC', 'cc'))
    ap.add_argument('--cxx', default=os.environ.get('CXX', 'c++'))
    ap.add_argument('--keep', action='store_true',
                    help='keep the generated files and print where')
    args = ap.parse_args()

    if not shutil.which(args.cc):
        print('SKIP: no C compiler %s' % args.cc)
        return 77
    for f in API_FILES:
        if not os.path.exists(os.path.join(args.api_dir, f)):
            print('SKIP: no %s in %s' % (f, args.api_dir))
            return 77
    if not os.path.exists(os.path.join(args.stock, 'libvirt', 'libvirt.h')):
        print('SKIP: no stock headers in %s' % args.stock)
        return 77
    if not os.path.exists(os.path.join(args.ours, 'libvirt', 'libvirt.h')):
        print('FAIL: no libvirt/libvirt.h in %s' % args.ours)
        return 1

    # A header missing from OURS would silently be found in /usr/include,
    # so insist that every file stock installs is present.
    stock_files = sorted(f for f in os.listdir(os.path.join(args.stock,
                                                            'libvirt'))
                         if f.endswith('.h'))
    absent = [f for f in stock_files
              if not os.path.exists(os.path.join(args.ours, 'libvirt', f))]
    print('%s files: %d headers%s' % ('FAIL' if absent else 'PASS',
                                       len(stock_files),
                                       (', missing ' + ' '.join(absent))
                                       if absent else ''))

    api = Api(args.api_dir)
    tmp = tempfile.mkdtemp(prefix='headers-abi-')
    try:
        c = Checker(args.cc, shutil.which(args.cxx), args.ours, args.stock,
                    tmp)
        c.check_pedantic()
        c.check_values(api)
        c.check_types(api)
        c.check_prototypes(api)
        c.check_deprecated()
    finally:
        if args.keep:
            print('generated files kept in %s' % tmp)
        else:
            shutil.rmtree(tmp)
    if absent:
        c.failed.append('files')
    print('%s: %d check(s) failed' % ('FAIL' if c.failed else 'OK',
                                       len(c.failed)))
    return 1 if c.failed else 0


if __name__ == '__main__':
    sys.exit(main())
