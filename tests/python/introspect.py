#!/usr/bin/python3
"""Compare the build tree's `libvirt`, `libvirt_qemu` and `libvirt_lxc` with
Debian's python3-libvirt 9.0 by introspection: every class, method, method
signature (parameter names and defaults), constant and module function.

    introspect.py PYTHONDIR [--min-methods N] [--list]

Prints the coverage; fails when a constant or a signature differs, when we
have a public name the oracle lacks (private helpers, _name, are ours), or when fewer than N of the oracle's
methods and functions exist.  77 when python3-libvirt is not installed.
"""
import inspect
import json
import os
import subprocess
import sys

MODULES = ('libvirt', 'libvirt_qemu', 'libvirt_lxc')

DUMP = r'''
import inspect, json, sys
out = {}
for name in sys.argv[1:]:
    mod = __import__(name)
    m = out[name] = {'file': mod.__file__, 'classes': {}, 'functions': {}, 'constants': {}}
    for n, v in vars(mod).items():
        if n.startswith('VIR_'):
            m['constants'][n] = v
        elif inspect.isclass(v) and getattr(v, '__module__', None) == name:
            meths = {}
            for mn, mv in vars(v).items():
                if inspect.isfunction(mv):
                    ps = []
                    for p in inspect.signature(mv).parameters.values():
                        d = None if p.default is inspect.Parameter.empty else repr(p.default)
                        ps.append([p.name, d, p.kind.name])
                    meths[mn] = ps
            m['classes'][n] = meths
        elif inspect.isfunction(v) and getattr(v, '__module__', None) == name:
            ps = []
            for p in inspect.signature(v).parameters.values():
                d = None if p.default is inspect.Parameter.empty else repr(p.default)
                ps.append([p.name, d, p.kind.name])
            m['functions'][n] = ps
print(json.dumps(out))
'''


def dump(pythonpath):
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
    if pythonpath:
        env['PYTHONPATH'] = pythonpath
    out = subprocess.run(['/usr/bin/python3', '-c', DUMP, *MODULES], env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f'introspect: dumping {pythonpath or "the oracle"} failed:\n{out.stderr}')
    return json.loads(out.stdout)


def main():
    args = sys.argv[1:]
    pydir = os.path.abspath(args[0])
    min_methods = int(args[args.index('--min-methods') + 1]) if '--min-methods' in args else 0
    listing = '--list' in args
    if subprocess.run(['/usr/bin/python3', '-c', 'import libvirt'],
                      env={k: v for k, v in os.environ.items() if k != 'PYTHONPATH'},
                      capture_output=True).returncode != 0:
        print('introspect: Debian python3-libvirt is not installed')
        sys.exit(77)
    oracle = dump(None)
    ours = dump(pydir)
    problems = []
    total = present = sigs_ok = 0
    missing = []
    for mod in MODULES:
        o, u = oracle[mod], ours[mod]
        if not os.path.abspath(u['file']).startswith(pydir):
            raise SystemExit(f'introspect: imported {u["file"]}, not the build tree')
        if o['file'] == u['file']:
            raise SystemExit('introspect: the oracle and ours are the same file')
        # Constants: all of them, same values.
        for n, v in o['constants'].items():
            if n not in u['constants']:
                problems.append(f'{mod}.{n}: constant missing')
            elif u['constants'][n] != v:
                problems.append(f'{mod}.{n}: {u["constants"][n]!r}, oracle {v!r}')
        for n in u['constants']:
            if n not in o['constants']:
                problems.append(f'{mod}.{n}: constant the oracle lacks')
        # Methods and functions.
        pairs = [(f'{mod}.{n}', ps, u['functions'].get(n)) for n, ps in o['functions'].items()]
        for cls, meths in o['classes'].items():
            mine = u['classes'].get(cls)
            if mine is None:
                problems.append(f'{mod}.{cls}: class missing')
                mine = {}
            for n, ps in meths.items():
                pairs.append((f'{mod}.{cls}.{n}', ps, mine.get(n)))
            for n in mine:
                if n not in meths and not (n.startswith('_') and not n.startswith('__')):
                    problems.append(f'{mod}.{cls}.{n}: method the oracle lacks')
        for n in u['functions']:
            if n not in o['functions'] and not n.startswith('_'):
                problems.append(f'{mod}.{n}: function the oracle lacks')
        for name, theirs, mine in pairs:
            total += 1
            if mine is None:
                missing.append(name)
                continue
            present += 1
            if [p[:2] for p in mine] == [p[:2] for p in theirs]:
                sigs_ok += 1
            else:
                problems.append(f'{name}: signature {mine}, oracle {theirs}')
        print(f'{mod}: constants {sum(1 for n in o["constants"] if u["constants"].get(n) == o["constants"][n])}'
              f'/{len(o["constants"])}, classes {sum(1 for c in o["classes"] if c in u["classes"])}'
              f'/{len(o["classes"])}')
    print(f'methods and functions: {present}/{total} present ({100.0 * present / total:.1f}%), '
          f'{sigs_ok} with the oracle\'s signature')
    if listing or missing:
        print(f'missing ({len(missing)}): ' + ' '.join(missing))
    for p in problems:
        print('MISMATCH', p)
    if problems:
        sys.exit(1)
    if present < min_methods:
        print(f'introspect: {present} present, fewer than the floor {min_methods}')
        sys.exit(1)


if __name__ == '__main__':
    main()
