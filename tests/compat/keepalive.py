"""keepalive.py NUVIRTD: the client side of keepalive and the close
callback, with python3-libvirt (stock, or nuvirt's library under
LD_LIBRARY_PATH) against nuvirtd started here on a temporary socket.
Run by /usr/bin/python3 (Debian's, which sees python3-libvirt).

  - setKeepAlive(1, 2) answers 0 and the connection stays up while the
    daemon answers the pings;
  - a daemon that stops answering (SIGSTOP) is dropped after about
    interval * (count + 1) seconds: the close callback runs with reason
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE and isAlive() turns 0;
  - a daemon that exits: the close callback runs with reason EOF.
Prints PASS/FAIL lines; exits 1 on any failure."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import faulthandler

try:
    import libvirt
except ImportError:
    print('SKIP: python3-libvirt is not installed')
    sys.exit(77)

faulthandler.register(signal.SIGUSR1)

nuvirtd = sys.argv[1]
failed = 0


def check(ok, what):
    global failed
    print(('PASS ' if ok else 'FAIL ') + what, flush=True)
    if not ok:
        failed += 1


libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                 daemon=True).start()


def start_daemon(tmp):
    with open(os.path.join(tmp, 'nuvirtd.conf'), 'w') as f:
        f.write('unix_sock_dir = "%s/run"\n' % tmp)
    p = subprocess.Popen([nuvirtd, '--config', os.path.join(tmp, 'nuvirtd.conf'),
                          '--root', os.path.join(tmp, 'root')], stderr=subprocess.DEVNULL)
    sock = os.path.join(tmp, 'run', 'libvirt-sock')
    # The socket's file appears at bind(), before listen(): wait until a
    # connection is accepted.
    for _ in range(200):
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(sock)
            break
        except OSError:
            time.sleep(0.05)
    return p, 'test+unix:///default?socket=' + sock


def wait_for(cond, secs):
    end = time.time() + secs
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


with tempfile.TemporaryDirectory() as tmp:
    daemon, uri = start_daemon(tmp)
    try:
        conn = libvirt.open(uri)
        reasons = []
        conn.registerCloseCallback(lambda c, reason, opaque: reasons.append(reason), None)
        check(conn.setKeepAlive(1, 2) == 0, 'setKeepAlive(1, 2) answers 0')
        time.sleep(3.5)
        check(conn.isAlive() == 1 and not reasons and conn.getLibVersion() > 0,
              'the connection stays up while the daemon answers the pings')
        daemon.send_signal(signal.SIGSTOP)
        t0 = time.time()
        fired = wait_for(lambda: reasons, 10)
        took = time.time() - t0
        check(fired and reasons[0] == libvirt.VIR_CONNECT_CLOSE_REASON_KEEPALIVE,
              'a daemon that stops answering: close callback with reason KEEPALIVE '
              '(%s, after %.1f s)' % (reasons, took))
        check(conn.isAlive() == 0, 'isAlive() is 0 afterwards')
        try:
            conn.lookupByName('test')
            ok = False
        except libvirt.libvirtError:
            ok = True
        check(ok, 'a call on the dead connection fails at once')
        daemon.send_signal(signal.SIGCONT)
        try:
            conn.close()
        except libvirt.libvirtError:
            pass

        conn = libvirt.open(uri)
        reasons = []
        conn.registerCloseCallback(lambda c, reason, opaque: reasons.append(reason), None)
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(30)
        check(wait_for(lambda: reasons, 10) and reasons[0] == libvirt.VIR_CONNECT_CLOSE_REASON_EOF,
              'the daemon exits: close callback with reason EOF (%s)' % reasons)
        try:
            conn.close()
        except libvirt.libvirtError:
            pass
    finally:
        if daemon.poll() is None:
            daemon.send_signal(signal.SIGCONT)
            daemon.kill()
            daemon.wait()
sys.exit(1 if failed else 0)
