#!/usr/bin/env python3
"""Check the public headers in include/ against src/api/libvirt.api.

  apidesc-headers.py DESCRIPTION INCLUDE_DIR [CC]

1. A generated C file asserts, for every function of the description, that
   the header declares it with exactly the description's type
   (__builtin_types_compatible_p on the function pointer types), likewise
   every callback type and the exported variable, and that every event ID
   constant has the description's value.  Each disagreement is a named
   compile error.
2. gcc -aux-info lists every function the headers declare: each must be in
   the description (and each of the description's in the headers).

Exit status: 0 passed, 1 a mismatch, 77 no C compiler.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'src' / 'api'))
import apidesc  # noqa: E402

INCLUDES = '''#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt/libvirt-qemu.h>
#include <libvirt/libvirt-lxc.h>
'''


def fn_type(ret, args):
    """C type of a pointer to a function of this signature."""
    params = ', '.join(a.ctype for a in args) or 'void'
    return f'{ret} (*)({params})'


def generate(api):
    out = [INCLUDES, '#define SAME(x, T, what) _Static_assert('
           '__builtin_types_compatible_p(__typeof__(x), T), what)', '']
    n = 0
    for f in api.functions:
        if f.variable:
            out.append(f'SAME({f.name}, {f.ret}, "variable {f.name}: type differs '
                       f'from the description");')
        else:
            out.append(f'SAME(&{f.name}, {fn_type(f.ret, f.args)}, '
                       f'"{f.name}: prototype differs from the description");')
        n += 1
    for c in api.callbacks:
        out.append(f'SAME(({c.name})0, {fn_type(c.ret, c.args)}, '
                   f'"callback {c.name}: type differs from the description");')
        n += 1
    for e in api.events:
        if e.id is not None:
            out.append(f'_Static_assert({e.name} == {e.id}, "event {e.name}: value differs '
                       f'from the description");')
            n += 1
    return '\n'.join(out) + '\n', n


def declared_functions(cc, include, tmp):
    src = Path(tmp, 'decls.c')
    src.write_text(INCLUDES)
    aux = Path(tmp, 'decls.aux')
    subprocess.run([cc, '-fsyntax-only', '-I', include, f'-aux-info={aux}', str(src)],
                   check=True, capture_output=True)
    names = set()
    incl = os.path.realpath(include)
    for line in aux.read_text().splitlines():
        m = re.match(r'/\* (\S+):\d+:\w+ \*/ .*?\b(vir\w+) \(', line)
        if m and os.path.realpath(m.group(1)).startswith(incl):
            names.add(m.group(2))
    return names


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    desc, include = sys.argv[1], sys.argv[2]
    cc = sys.argv[3] if len(sys.argv) > 3 else (shutil.which('cc') or shutil.which('gcc'))
    if not cc or not shutil.which(cc):
        print('SKIP: no C compiler')
        return 77
    api = apidesc.load(desc)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        text, n = generate(api)
        src = Path(tmp, 'protos.c')
        src.write_text(text)
        r = subprocess.run([cc, '-std=gnu11', '-fsyntax-only', '-fmax-errors=0', '-I', include,
                            str(src)], capture_output=True, text=True)
        errors = [l for l in r.stderr.splitlines() if 'static assertion failed' in l
                  or ': error:' in l]
        for e in errors:
            print('MISMATCH ' + re.sub(r'^.*?error: ', '', e))
        if r.returncode != 0:
            failed += max(1, len(errors))
        print(f'{n} declarations compared with the description '
              f'({len(api.functions)} functions, {len(api.callbacks)} callback types, '
              f'{sum(1 for e in api.events if e.id is not None)} event IDs)')
        declared = declared_functions(cc, include, tmp)
        described = {f.name for f in api.functions if not f.variable}
        for name in sorted(declared - described):
            print(f'MISMATCH {name} is declared in the headers, not described')
            failed += 1
        for name in sorted(described - declared):
            print(f'MISMATCH {name} is described, not declared in the headers')
            failed += 1
        print(f'{len(declared)} functions declared by the headers, {len(described)} described')
    print(f'{failed} mismatches')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
