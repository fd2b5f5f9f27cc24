"""privileged_daemons.py: nuvirtd and a privileged stock libvirtd for the
comparison tests of the host drivers (storage pools, node devices), each
started in a mount namespace of its own and stopped by PID.

The stock daemon gets empty tmpfs over /run, /var/lib, /var/cache,
/var/log and /etc/libvirt (and a passwd naming the libvirt-qemu user its
QEMU driver insists on), so the host's /etc/libvirt, /var/lib/libvirt and
/run/libvirt are never touched and whatever either daemon mounts stays
inside its namespace.
"""
import os
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                'bench'))
from rpcbench import wait_socket  # noqa: E402


def wait_ready(uri, proc, what):
    """Until the daemon answers: its socket appears before its drivers
    are up, and it refuses connections until they are."""
    import libvirt
    import time
    for _ in range(600):
        try:
            libvirt.open(uri).close()
            return
        except libvirt.libvirtError:
            if proc.poll() is not None:
                sys.exit(f'{what} exited with status {proc.returncode}')
            time.sleep(0.1)
    sys.exit(f'{what} did not answer on {uri}')


def start_stock(tmp):
    base = os.path.join(tmp, 'stock')
    os.makedirs(os.path.join(base, 'sock'))
    with open(os.path.join(base, 'libvirtd.conf'), 'w') as f:
        f.write(f'unix_sock_dir = "{base}/sock"\n')
    script = os.path.join(base, 'start.sh')
    with open(script, 'w') as f:
        f.write(f"""set -e
D={base}
cp /etc/passwd $D/passwd; cp /etc/group $D/group
grep -q '^libvirt-qemu:' $D/passwd || echo 'libvirt-qemu:x:64055:64055::/nonexistent:/usr/sbin/nologin' >> $D/passwd
grep -q '^libvirt-qemu:' $D/group || echo 'libvirt-qemu:x:64055:' >> $D/group
grep -q '^kvm:' $D/group || echo 'kvm:x:64056:' >> $D/group
mount --bind $D/passwd /etc/passwd; mount --bind $D/group /etc/group
for d in /run /var/lib /var/cache /var/log /etc/libvirt; do mount -t tmpfs tmpfs $d; done
exec /usr/sbin/libvirtd --config $D/libvirtd.conf
""")
    log = open(os.path.join(base, 'log'), 'w')
    proc = subprocess.Popen(['unshare', '-m', '--propagation', 'private', 'sh', script],
                            stdout=log, stderr=log)
    sock = os.path.join(base, 'sock', 'libvirt-sock')
    wait_socket(sock, proc, 'stock libvirtd')
    uri = f'qemu+unix:///system?socket={sock}'
    wait_ready(uri, proc, 'stock libvirtd')
    return proc, uri


def start_nuvirtd(binary, tmp):
    base = os.path.join(tmp, 'nuv')
    os.makedirs(base)
    conf = os.path.join(base, 'nuvirtd.conf')
    with open(conf, 'w') as f:
        f.write(f'unix_sock_dir = "{base}/sock"\n')
    log = open(os.path.join(base, 'log'), 'w')
    proc = subprocess.Popen(['unshare', '-m', '--propagation', 'private', binary,
                             '--config', conf, '--root', os.path.join(base, 'root')],
                            stdout=log, stderr=log)
    sock = os.path.join(base, 'sock', 'libvirt-sock')
    wait_socket(sock, proc, 'nuvirtd')
    uri = f'qemu+unix:///system?socket={sock}'
    wait_ready(uri, proc, 'nuvirtd')
    return proc, uri


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
