#!/usr/bin/python3
"""rpcbench.py NUVIRTD: calls per second through the socket, the same stock
python3-libvirt client (Debian's libvirt.so.0) against nuvirtd and against
stock libvirtd, both started here on temporary sockets and stopped by PID.

Rows (median of --runs runs each):
  floor       a raw UNIX-socket ping-pong of one 28-byte frame between two
              processes: what no daemon can beat
  roundtrip   lookupByName('test') + info(), one client
  clients-N   the same pair from N client processes at once (aggregate)
  connect     open + close of a connection
  list-1000   listAllDomains() with 1,000 defined domains
  rss-idle    the daemon's resident memory (KiB) and threads with no client
  rss-N       the same with N clients connected (--held, default 1,000),
              each a raw socket that sent AUTH_LIST and CONNECT_OPEN for
              test:///default and waits; and KiB per client

Stock libvirtd runs as the unprivileged user 'nobody' in session mode with
its runtime, config and cache directories inside the temporary directory,
so the host's /run/libvirt and /var/lib/libvirt are never touched.  Without
/usr/sbin/libvirtd the stock column is left out.
"""
import argparse
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import struct
import time

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def wait_socket(path, proc, what):
    for _ in range(400):
        if os.path.exists(path):
            return
        if proc.poll() is not None:
            sys.exit(f'{what} exited with status {proc.returncode}')
        time.sleep(0.05)
    sys.exit(f'{what} did not create {path}')


def start_nuvirtd(binary, tmp):
    run = os.path.join(tmp, 'nuv')
    conf = os.path.join(tmp, 'nuvirtd.conf')
    with open(conf, 'w') as f:
        f.write(f'unix_sock_dir = "{run}"\nmax_clients = 2000\n')
    proc = subprocess.Popen([binary, '--config', conf, '--root', os.path.join(tmp, 'root')])
    sock = os.path.join(run, 'libvirt-sock')
    wait_socket(sock, proc, 'nuvirtd')
    return proc, sock


def start_libvirtd(tmp):
    if not os.path.exists('/usr/sbin/libvirtd'):
        return None, None
    base = os.path.join(tmp, 'stock')
    for d in ('run', 'cfg', 'home', 'cache'):
        os.makedirs(os.path.join(base, d))
    conf = os.path.join(base, 'libvirtd.conf')
    with open(conf, 'w') as f:
        f.write(f'unix_sock_dir = "{base}/run"\nmax_clients = 2000\n'
                'max_anonymous_clients = 2000\n')
    shutil.chown(base, 'nobody')
    for root, dirs, files in os.walk(base):
        for n in dirs + files:
            shutil.chown(os.path.join(root, n), 'nobody')
    env = {'HOME': f'{base}/home', 'XDG_RUNTIME_DIR': f'{base}/run',
           'XDG_CONFIG_HOME': f'{base}/cfg', 'XDG_CACHE_HOME': f'{base}/cache',
           'PATH': '/usr/bin:/bin'}
    argv = ['/usr/sbin/libvirtd', '--config', conf]
    if os.geteuid() == 0:
        argv = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'] + argv
    proc = subprocess.Popen(argv, env=env, cwd=base, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    sock = os.path.join(base, 'run', 'libvirt-sock')
    wait_socket(sock, proc, 'libvirtd')
    return proc, sock


def uri(sock):
    return f'test+unix:///default?socket={sock}'


def roundtrip(sock, n):
    conn = libvirt.open(uri(sock))
    t = time.perf_counter()
    for _ in range(n):
        conn.lookupByName('test').info()
    dt = time.perf_counter() - t
    conn.close()
    return n / dt


def _client_worker(args):
    sock, n, start = args
    conn = libvirt.open(uri(sock))
    while time.time() < start:
        time.sleep(0.001)
    for _ in range(n):
        conn.lookupByName('test').info()
    conn.close()
    return time.time()


def clients(sock, nclients, n):
    start = time.time() + 0.5
    with multiprocessing.Pool(nclients) as pool:
        ends = pool.map(_client_worker, [(sock, n, start)] * nclients)
    return nclients * n / (max(ends) - start)


def connect_rate(sock, n):
    t = time.perf_counter()
    for _ in range(n):
        libvirt.open(uri(sock)).close()
    return n / (time.perf_counter() - t)


def list_rate(conn, n):
    t = time.perf_counter()
    for _ in range(n):
        conn.listAllDomains()
    return n / (time.perf_counter() - t)


def define_many(conn, count):
    for i in range(count):
        conn.defineXML(f"<domain type='test'><name>bench{i}</name>"
                       "<memory unit='MiB'>8</memory><vcpu>1</vcpu>"
                       "<os><type>hvm</type></os></domain>")


def _pong(sock):
    while True:
        data = sock.recv(28)
        if not data:
            return
        sock.sendall(data)


def floor(n):
    a, b = socket.socketpair()
    child = os.fork()
    if child == 0:
        a.close()
        _pong(b)
        os._exit(0)
    b.close()
    frame = b'\0' * 28
    t = time.perf_counter()
    for _ in range(n):
        a.sendall(frame)
        got = 0
        while got < 28:
            got += len(a.recv(28 - got))
    rate = n / (time.perf_counter() - t)
    a.close()
    os.waitpid(child, 0)
    return rate


def proc_status(pid):
    """(VmRSS in KiB, threads) of a process."""
    rss = threads = 0
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                rss = int(line.split()[1])
            elif line.startswith('Threads:'):
                threads = int(line.split()[1])
    return rss, threads


def _frame(proc, serial, body=b''):
    hdr = struct.pack('>IIiiIi', 0x20008086, 1, proc, 0, serial, 0)
    return struct.pack('>I', 28 + len(body)) + hdr + body


def _reply(s):
    ln = b''
    while len(ln) < 4:
        chunk = s.recv(4 - len(ln))
        if not chunk:
            raise OSError('the daemon closed a held client')
        ln += chunk
    (n,) = struct.unpack('>I', ln)
    rest = b''
    while len(rest) < n - 4:
        chunk = s.recv(n - 4 - len(rest))
        if not chunk:
            raise OSError('the daemon closed a held client')
        rest += chunk
    return struct.unpack('>IIiiIi', rest[:24])[5]


def hold_clients(sock, n):
    """n connected clients with test:///default open, as raw sockets."""
    name = b'test:///default'
    body = struct.pack('>II', 1, len(name)) + name + b'\0' * (-len(name) % 4) + \
        struct.pack('>I', 0)
    held = []
    for _ in range(n):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sock)
        s.sendall(_frame(66, 1))
        _reply(s)
        s.sendall(_frame(1, 2, body))
        if _reply(s) != 0:
            raise OSError('CONNECT_OPEN failed')
        held.append(s)
    return held


def median(fn, runs):
    return statistics.median(fn() for _ in range(runs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('nuvirtd')
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--calls', type=int, default=2000)
    ap.add_argument('--clients', type=int, default=4)
    ap.add_argument('--domains', type=int, default=1000)
    ap.add_argument('--held', type=int, default=1000)
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
        servers = [('nuvirtd', nsock)] + ([('libvirtd', ssock)] if ssock else [])
        rows = []
        fl = median(lambda: floor(opts.calls * 2), opts.runs)
        rows.append(('floor (raw ping-pong/s)', {'nuvirtd': fl, 'libvirtd': fl}))
        r = {}
        for name, sock in servers:
            r[name] = median(lambda: roundtrip(sock, opts.calls), opts.runs)
        rows.append(('roundtrip lookup+info pairs/s', r))
        r = {}
        for name, sock in servers:
            r[name] = median(lambda: clients(sock, opts.clients, opts.calls // 2), opts.runs)
        rows.append((f'clients-{opts.clients} pairs/s (aggregate)', r))
        r = {}
        for name, sock in servers:
            r[name] = median(lambda: connect_rate(sock, opts.calls // 10), opts.runs)
        rows.append(('connect+close/s', r))
        r = {}
        holders = []
        for name, sock in servers:
            conn = libvirt.open(uri(sock))   # keeps test:///default alive
            holders.append(conn)
            define_many(conn, opts.domains)
            r[name] = median(lambda: list_rate(conn, 20), opts.runs)
        rows.append((f'listAllDomains({opts.domains + 1})/s', r))
        for c in holders:
            c.close()

        pids = {'nuvirtd': nproc.pid}
        if sproc:
            # setpriv execs libvirtd: same pid.
            pids['libvirtd'] = sproc.pid
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * opts.held + 100)), hard))
        idle, held, per, thr_idle, thr_held = {}, {}, {}, {}, {}
        for name, sock in servers:
            idle[name], thr_idle[name] = proc_status(pids[name])
            socks = hold_clients(sock, opts.held)
            time.sleep(1)
            held[name], thr_held[name] = proc_status(pids[name])
            per[name] = (held[name] - idle[name]) / opts.held
            for c in socks:
                c.close()
        # Smaller is better for memory: the ratio is libvirtd / nuvirtd.
        mem_rows = [('RSS idle KiB', idle), (f'RSS with {opts.held} clients KiB', held),
                    ('KiB per connected client', per), ('threads idle', thr_idle),
                    (f'threads with {opts.held} clients', thr_held)]

        print(f'{"row":40} {"nuvirtd":>12} {"libvirtd":>12} {"ratio":>8}')
        for label, vals in rows:
            n = vals.get('nuvirtd')
            s = vals.get('libvirtd') if ssock else None
            ratio = f'{n / s:8.2f}' if s and not label.startswith('floor') else ''
            print(f'{label:40} {n:12.0f} {(s or 0):12.0f} {ratio}')
        for label, vals in mem_rows:
            n = vals.get('nuvirtd')
            st = vals.get('libvirtd') if ssock else None
            ratio = f'{st / n:8.2f}' if st and n else ''
            print(f'{label:40} {n:12.1f} {(st or 0):12.1f} {ratio}')
        print('(ratio: nuvirtd / libvirtd for rates, libvirtd / nuvirtd for memory and '
              'threads; higher is better for nuvirtd)')
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
