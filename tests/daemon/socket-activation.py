#!/usr/bin/python3
"""socket-activation.py NUVIRTD: nuvirtd takes its listening sockets from
the service manager (LISTEN_PID, LISTEN_FDS, LISTEN_FDNAMES from fd 3),
as systemd passes them; tested without systemd by passing them here.
A socket named like libvirtd-ro.socket is read-only.  Uses Debian's
python3-libvirt as the client; skipped (77) without it.
"""
import os
import socket
import subprocess
import sys
import tempfile

try:
    import libvirt
except ImportError:
    print('SKIP: python3-libvirt is not installed')
    sys.exit(77)

failures = 0


def check(name, cond):
    global failures
    print(('PASS ' if cond else 'FAIL ') + name)
    failures += 0 if cond else 1


tmp = tempfile.mkdtemp()
rw_path, ro_path = os.path.join(tmp, 'rw'), os.path.join(tmp, 'ro')
socks = []
for p in (rw_path, ro_path):
    s = socket.socket(socket.AF_UNIX)
    s.bind(p)
    s.listen(16)
    socks.append(s)
fds = [s.fileno() for s in socks]


def activate():
    for i, fd in enumerate(fds):
        os.dup2(fd, 3 + i)
    os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS='2',
                      LISTEN_FDNAMES='libvirtd.socket:libvirtd-ro.socket')


daemon = subprocess.Popen([sys.argv[1], '--root', os.path.join(tmp, 'root')],
                          preexec_fn=activate, pass_fds=fds)
for s in socks:
    s.close()
libvirt.registerErrorHandler(lambda ctx, err: None, None)

rw = libvirt.open(f'test+unix:///default?socket={rw_path}')
check('the inherited read-write socket serves', rw.listAllDomains()[0].name() == 'test')
ro = libvirt.open(f'test+unix:///default?socket={ro_path}')
try:
    ro.lookupByName('test').destroy()
    check('the socket named -ro is read-only', False)
except libvirt.libvirtError as e:
    check('the socket named -ro is read-only', e.get_error_code() == libvirt.VIR_ERR_OPERATION_DENIED)
rw.close()
ro.close()
check('no socket files created by the daemon', sorted(os.listdir(tmp)) == ['ro', 'root', 'rw']
      or sorted(os.listdir(tmp)) == ['ro', 'rw'])
daemon.terminate()
check('SIGTERM: exit 0', daemon.wait(30) == 0)
print(f'{failures} failed')
sys.exit(1 if failures else 0)
