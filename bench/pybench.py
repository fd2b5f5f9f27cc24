#!/usr/bin/python3
"""pybench.py [--build DIR] [--runs N]: the Python binding, in one run, on
the same work in process on test:///default:

  nuvirt        our `libvirt` module (DIR/python) on nuvirt's library
  stock         Debian's python3-libvirt on stock libvirt
  stock-on-nuv  Debian's python3-libvirt on nuvirt's library
                (LD_LIBRARY_PATH=DIR/src/lib, which holds libvirt.so.0)

Rows (median of N runs, each in a fresh interpreter):
  lookup+info   conn.lookupByName('test').info(): calls per second
  listAll-10k   conn.listAllDomains() with 10,000 defined domains: seconds
  stats-1k      conn.getAllDomainStats() with 1,000 running domains: seconds
  define-1k     defineXML + undefine of 1,000 domains: seconds

Ratios are stock / nuvirt for times and nuvirt / stock for calls per
second, so > 1 always means nuvirt is faster.  Each child checks which
libraries it loaded (/proc/self/maps) and refuses a mixed-up setup.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r'''
import json, os, sys, time
import libvirt

def xml(name, n):
    return ("<domain type='test'><name>%s</name><uuid>%08x-0000-4000-8000-%012x</uuid>"
            "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>"
            % (name, n, n))

want = sys.argv[1]
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'libvirt' in l and '.so' in l})
libvirt.registerErrorHandler(lambda ctx, err: None, None)
out = {'libs': libs, 'module': libvirt.__file__}
conn = libvirt.open('test:///default')

# lookup+info: calls per second over ~1 s.
n, t0 = 0, time.perf_counter()
while True:
    for _ in range(1000):
        conn.lookupByName('test').info()
    n += 1000
    el = time.perf_counter() - t0
    if el > 1.0:
        break
out['lookup+info'] = n / el

# define+undefine of 1,000.
t0 = time.perf_counter()
for i in range(1000):
    conn.defineXML(xml('pyb-def-%d' % i, 0x100000 + i)).undefine()
out['define-1k'] = time.perf_counter() - t0

# getAllDomainStats with 1,000 running (transient) domains.
doms = [conn.createXML(xml('pyb-run-%d' % i, 0x200000 + i), 0) for i in range(999)]
assert len(conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)) == 1000
best = []
for _ in range(3):
    t0 = time.perf_counter()
    stats = conn.getAllDomainStats()
    best.append(time.perf_counter() - t0)
assert len(stats) == 1000
out['stats-1k'] = min(best)
for d in doms:
    d.destroy()
del doms, stats

# listAllDomains with 10,000 defined domains.
for i in range(9999):
    conn.defineXML(xml('pyb-list-%d' % i, 0x300000 + i))
best = []
for _ in range(3):
    t0 = time.perf_counter()
    got = conn.listAllDomains()
    best.append(time.perf_counter() - t0)
    assert len(got) == 10000
    del got
out['listAll-10k'] = min(best)
print(json.dumps(out))
'''

ROWS = [('lookup+info', 'calls/s', True), ('listAll-10k', 's', False),
        ('stats-1k', 's', False), ('define-1k', 's', False)]


def run_child(kind, build):
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONPATH', 'LD_LIBRARY_PATH', 'LD_PRELOAD')}
    pydir = os.path.join(build, 'python')
    libdir = os.path.join(build, 'src', 'lib')
    if kind == 'nuvirt':
        env['PYTHONPATH'] = pydir
    elif kind == 'stock-on-nuv':
        env['LD_LIBRARY_PATH'] = libdir
    r = subprocess.run(['/usr/bin/python3', '-c', CHILD, kind], env=env,
                       capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        raise SystemExit(f'pybench: {kind} failed:\n{r.stderr[-2000:]}')
    res = json.loads(r.stdout.strip().splitlines()[-1])
    real = [os.path.realpath(l) for l in res['libs']]
    ours = [l for l in real if l.startswith(os.path.realpath(build))]
    if kind == 'stock':
        ok = not ours and res['module'].startswith('/usr/lib/python3')
    elif kind == 'nuvirt':
        ok = len(ours) == len(real) and res['module'].startswith(os.path.realpath(pydir))
    else:   # Debian's libvirtmod on our libvirt.so.0 only
        ok = res['module'].startswith('/usr/lib/python3') and \
            all(l.startswith(os.path.realpath(build)) or '/libvirtmod' in l for l in real)
    if not ok:
        raise SystemExit(f'pybench: {kind} loaded the wrong libraries: {res["libs"]}')
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--build', default=os.path.join(os.path.dirname(__file__), '..', 'build'))
    ap.add_argument('--runs', type=int, default=3)
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    if subprocess.run(['/usr/bin/python3', '-c', 'import libvirt'], capture_output=True,
                      env={k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
                      ).returncode != 0:
        print('pybench: Debian python3-libvirt is not installed')
        sys.exit(77)
    kinds = ['nuvirt', 'stock', 'stock-on-nuv']
    results = {k: [] for k in kinds}
    for _ in range(a.runs):
        for k in kinds:       # interleaved, so that load hits all alike
            results[k].append(run_child(k, build))
    med = {k: {r: statistics.median(x[r] for x in results[k]) for r, _, _ in ROWS}
           for k in kinds}
    print(f'pybench: median of {a.runs} runs, in process on test:///default')
    print(f'{"row":<13}{"unit":>8}{"nuvirt":>14}{"stock":>14}{"stock-on-nuv":>14}'
          f'{"nuv/stock":>11}{"(stock-on-nuv)/stock":>22}')
    for r, unit, higher_better in ROWS:
        n, s, sn = med['nuvirt'][r], med['stock'][r], med['stock-on-nuv'][r]
        ratio = n / s if higher_better else s / n
        ratio2 = sn / s if higher_better else s / sn
        fmt = (lambda v: f'{v:14.0f}') if higher_better else (lambda v: f'{v:14.4f}')
        print(f'{r:<13}{unit:>8}{fmt(n)}{fmt(s)}{fmt(sn)}{ratio:10.2f}x{ratio2:21.2f}x')
    print('ratios > 1: nuvirt faster (calls/s: nuvirt/stock; seconds: stock/nuvirt)')


if __name__ == '__main__':
    main()
