#!/usr/bin/env python3
"""check-golibvirt.py DEF [API]: the remote protocol description against
go-libvirt's generated protocol (a fact source outside the repo), and its
limits against the ones src/api/libvirt.api states (API, when given).

Every procedure and event we describe must exist in go-libvirt under the
same number and name, with the same wire layout of its arguments, reply
and event body (field by field, in order; 32-bit words compared as words,
see golibvirt.wire_class).  Prints how many were compared; exit 77 when
go-libvirt is not installed.
"""
import importlib.util
import re
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here))
import golibvirt  # noqa: E402

spec = importlib.util.spec_from_file_location(
    'gen_remote', here.parent.parent / 'src' / 'remote' / 'gen-remote.py')
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)


def ours(f, structs):
    t = f.base
    if f.fixed:
        return 'fixed'
    if f.base == 'opaque':
        return 'opaque<>'
    if f.array:
        return t + '<>'
    if f.optional:
        return t + '?'
    return t


def layout(fields, structs):
    return [golibvirt.wire_class(ours(f, structs)) for f in fields]


def main():
    consts, structs, procs = gen.load_def(sys.argv[1])
    limit_errors = []
    if len(sys.argv) > 2:
        sys.path.insert(0, str(here.parent.parent / 'src' / 'api'))
        import apidesc
        limits = dict(apidesc.load(sys.argv[2]).limits)
        # The security buffers are the public header's sizes, not REMOTE_*.
        header = (here.parent.parent / 'include' / 'libvirt' / 'libvirt-host.h').read_text()
        for m in re.finditer(r'define VIR_(SECURITY_\w+)_BUFLEN \((\d+) \+ (\d+)\)', header):
            limits['REMOTE_' + m.group(1) + '_MAX'] = int(m.group(2)) + int(m.group(3))
        for name, value in consts.items():
            if limits.get('REMOTE_' + name) != value:
                limit_errors.append(f'limit {name} = {value}, libvirt.api says '
                                    f'{limits.get("REMOTE_" + name)}')
        for e in limit_errors:
            print('MISMATCH', e)
        print(f'{len(consts)} limits compared with libvirt.api, {len(limit_errors)} mismatches')
    if not golibvirt.available():
        print('SKIP: go-libvirt (golang-github-digitalocean-go-libvirt-dev) is not installed')
        return 1 if limit_errors else 77
    gprocs, gstructs = golibvirt.load()
    bad = []
    compared = 0
    newest = max(gprocs)
    newer = [p for p in procs if p.num > newest]
    for p in procs:
        if p.num > newest:
            continue
        if p.num not in gprocs:
            bad.append(f'{p.num} {p.name}: no such procedure in go-libvirt')
            continue
        if gprocs[p.num] != p.name:
            bad.append(f'{p.num} {p.name}: go-libvirt calls it {gprocs[p.num]}')
            continue
        parts = [('msg', p.msg)] if p.event else [('args', p.args), ('ret', p.ret)]
        for suffix, fields in parts:
            theirs = gstructs.get(f'{p.name}_{suffix}', [])
            want = [golibvirt.wire_class(t) for t, _ in theirs]
            got = layout(fields, structs)
            if want != got:
                bad.append(f'{p.num} {p.name} {suffix}: ours {got}, go-libvirt {want}')
        compared += 1
    # Shared structures by name (objects and the embedded ones).
    for name, s in structs.items():
        if s.kind != 'struct' or name.endswith(('_args', '_ret', '_msg')):
            continue
        key = name if name in gstructs else 'nonnull_' + name
        if key not in gstructs:
            continue
        want = [golibvirt.wire_class(t) for t, _ in gstructs[key]]
        got = layout(s.fields, structs)
        if want != got:
            bad.append(f'struct {name}: ours {got}, go-libvirt {want}')
    for b in bad:
        print('MISMATCH', b)
    print(f'{compared} procedures compared with go-libvirt, {len(bad)} mismatches; '
          f'{len(newer)} newer than its list (up to {newest}) not compared: '
          + ', '.join(str(p.num) for p in newer))
    return 1 if bad or limit_errors or compared < 250 else 0


sys.exit(main())
