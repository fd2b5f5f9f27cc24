#!/usr/bin/env python3
"""check-dispatch-coverage.py REMOTE_DISPATCH_C [API]: the procedures nuvirtd
dispatches (the table the build generated) against go-libvirt's full list
of libvirt's remote procedures, and against every procedure number that
src/api/libvirt.api gives a public function (API, when given: libvirt 9.0
has procedures go-libvirt's list does not reach).

Each procedure go-libvirt knows is one of: served (a dispatcher that calls
the drivers), answered VIR_ERR_NO_SUPPORT (a dispatcher that says so, as
libvirtd answers for a driver without that call), an event (a MESSAGE the
daemon sends, never a call) or missing (no table entry: the daemon would
answer 'unknown procedure').  Prints the counts and every procedure that is
not served; fails when one is missing.  Exit 77 without go-libvirt.
"""
import re
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here))
import golibvirt  # noqa: E402


def main():
    if not golibvirt.available():
        print('SKIP: go-libvirt (golang-github-digitalocean-go-libvirt-dev) is not installed')
        return 77
    procs, structs = golibvirt.load()
    text = Path(sys.argv[1]).read_text()
    table = dict((int(n), h) for n, h in
                 re.findall(r'^\s*\[(\d+)\] = \{ (\w+),', text, re.M))
    unsupported = dict(re.findall(
        r'^(remoteDispatch\w+)\(.*?\)\n\{\n    return remoteDispatchUnsupported\("(\w+)"\);',
        text, re.M))
    served, nosup, events, missing = [], [], [], []
    for num in sorted(procs):
        name = procs[num]
        if f'{name}_msg' in structs:
            events.append(num)
        elif num not in table:
            missing.append(f'{num} {name}')
        elif table[num] in unsupported:
            nosup.append(f'{num} {name} ({unsupported[table[num]]})')
        else:
            served.append(num)
    print(f'{len(procs)} procedures in go-libvirt: {len(served)} served, '
          f'{len(nosup)} answered VIR_ERR_NO_SUPPORT, {len(events)} events, '
          f'{len(missing)} missing')
    for line in nosup:
        print('  NO_SUPPORT', line)
    for line in missing:
        print('  MISSING', line)
    # Every public function's procedure (libvirt.api's proc=N).
    if len(sys.argv) > 2:
        api_procs = {}
        for m in re.finditer(r'^(vir\w+)\s.*?\bproc=(\d+)', Path(sys.argv[2]).read_text(), re.M):
            api_procs[int(m.group(2))] = m.group(1)
        absent = [f'{n} {f}' for n, f in sorted(api_procs.items())
                  if n not in table and n not in procs]
        newer = [n for n in api_procs if n not in procs]
        print(f'{len(api_procs)} procedures in libvirt.api ({len(newer)} beyond go-libvirt): '
              f'{len(absent)} missing')
        for line in absent:
            print('  MISSING', line)
        missing += absent
    # Handlers the table names must exist (a typo would not link, but an
    # entry pointing at the wrong procedure's handler would).
    for num, h in table.items():
        want = 'remoteDispatch' + ''.join(w.capitalize() for w in procs.get(num, '').split('_'))
        if num in procs and h.lower() != want.lower():
            print(f'  WRONG HANDLER {num}: {h}, expected {want}')
            missing.append(str(num))
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
