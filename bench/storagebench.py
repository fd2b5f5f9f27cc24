#!/usr/bin/python3
"""storagebench.py NUVIRTD: the host storage driver of nuvirtd against stock
libvirtd's, through the same stock python3-libvirt client on temporary
sockets; both daemons are started here and stopped by PID.

Rows (median of --runs runs; seconds, lower is better):
  refresh-N   pool.refresh() of a dir pool holding N raw files made outside
  list-N      pool.listAllVolumes() of that pool
  qcow2       createXML of a 1 GiB qcow2 volume (qemu-img in both), then
              deleted outside the timing

nuvirtd runs with --root inside the temporary directory (qemu:///system as
seen by the daemon, under that root); stock libvirtd runs as 'nobody' in
session mode with every directory inside the temporary directory, as in
rpcbench.py, so the host's /etc/libvirt, /var/lib/libvirt and /run/libvirt
are never touched.  Without /usr/sbin/libvirtd the stock column is left out.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

import libvirt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rpcbench import start_nuvirtd, start_libvirtd  # noqa: E402

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def make_pool(conn, name, path, nvols, owner):
    os.makedirs(path)
    for i in range(nvols):
        fd = os.open(os.path.join(path, f'v{i:05d}.img'), os.O_CREAT | os.O_WRONLY, 0o600)
        os.ftruncate(fd, 1 << 20)
        os.close(fd)
    if owner:
        for n in [path] + [os.path.join(path, f) for f in os.listdir(path)]:
            shutil.chown(n, owner)
    return conn.storagePoolCreateXML(
        f"<pool type='dir'><name>{name}</name><target><path>{path}</path></target></pool>", 0)


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def qcow2_once(pool, i):
    xml = (f"<volume><name>q{i}.qcow2</name><capacity unit='GiB'>1</capacity>"
           "<target><format type='qcow2'/></target></volume>")
    t = time.perf_counter()
    vol = pool.createXML(xml, 0)
    dt = time.perf_counter() - t
    vol.delete(0)
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('nuvirtd')
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--volumes', type=int, default=10000)
    opts = ap.parse_args()

    tmp = tempfile.mkdtemp()
    os.chmod(tmp, 0o755)
    procs = []
    try:
        nproc, nsock = start_nuvirtd(opts.nuvirtd, tmp)
        procs.append(nproc)
        sproc, ssock = start_libvirtd(tmp)
        if sproc:
            procs.append(sproc)
        servers = [('nuvirtd', f'qemu+unix:///system?socket={nsock}', None)]
        if ssock:
            servers.append(('libvirtd', f'qemu+unix:///session?socket={ssock}', 'nobody'))
        rows = {}
        for name, uri, owner in servers:
            conn = libvirt.open(uri)
            pool = make_pool(conn, f'bench-{name}', os.path.join(tmp, f'pool-{name}'),
                             opts.volumes, owner)
            rows.setdefault(f'refresh-{opts.volumes} (s)', {})[name] = statistics.median(
                timed(lambda: pool.refresh(0)) for _ in range(opts.runs))
            got = len(pool.listAllVolumes(0))
            if got != opts.volumes:
                sys.exit(f'{name}: {got} volumes listed, {opts.volumes} expected')
            rows.setdefault(f'listAllVolumes-{opts.volumes} (s)', {})[name] = statistics.median(
                timed(lambda: pool.listAllVolumes(0)) for _ in range(opts.runs))
            qpath = os.path.join(tmp, f'qpool-{name}')
            qpool = make_pool(conn, f'q-{name}', qpath, 0, owner)
            rows.setdefault('qcow2 create 1 GiB (s)', {})[name] = statistics.median(
                qcow2_once(qpool, i) for i in range(opts.runs))
            qpool.destroy()
            pool.destroy()
            conn.close()

        print(f'{"row":34} {"nuvirtd":>10} {"libvirtd":>10} {"speed-up":>9}')
        for label, vals in rows.items():
            n = vals['nuvirtd']
            s = vals.get('libvirtd')
            ratio = f'{s / n:9.2f}' if s else ''
            print(f'{label:34} {n:10.4f} {(s or 0):10.4f} {ratio}')
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
