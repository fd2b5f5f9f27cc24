"""remote-events.py [LIBDIR]: every domain event kind through a client
library's remote driver, with stock libvirt's client as the oracle.

A fake daemon started here on a temporary UNIX socket answers what a
client needs to open test:///default and register domain event
callbacks, then (at the client's next call, virConnectGetHostname) sends one callback-form MESSAGE of each of libvirt 9.0's
27 domain event kinds (bodies written here by hand, in libvirt's wire
layout).  python3-libvirt prints what each callback received, once on
Debian's libvirt.so.0 and once on nuvirt's (LIBDIR on LD_LIBRARY_PATH):
the two transcripts must be the same, with all 27 events in them.
Run by /usr/bin/python3 (Debian's, which sees python3-libvirt); skipped
(77) without it.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading

REMOTE = 0x20008086
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR = 0, 1
UUID = bytes(range(16))


def u32(v):
    return struct.pack('>I', v)


def i32(v):
    return struct.pack('>i', v)


def u64(v):
    return struct.pack('>Q', v)


def i64(v):
    return struct.pack('>q', v)


def string(s):
    b = s.encode()
    return u32(len(b)) + b + b'\0' * ((4 - len(b) % 4) % 4)


def optstring(s):
    return u32(0) if s is None else u32(1) + string(s)


def domain(name='ev1', ident=7):
    return string(name) + UUID + i32(ident)


def typed_params(params):
    out = u32(len(params))
    for field, kind, value in params:
        out += string(field) + i32(kind)
        out += {1: i32, 2: u32, 3: i64, 4: u64, 6: i32}[kind](value) \
            if kind != 7 else string(value)
    return out


def addr(family, node, service):
    return i32(family) + string(node) + string(service)


# eventID -> (message procedure, body after the callback ID)
EVENTS = {
    0: (318, domain() + i32(2) + i32(1)),
    1: (319, domain()),
    2: (320, domain() + i64(-3600)),
    3: (321, domain() + i32(3)),
    4: (322, domain() + string('/var/lib/a.img') + string('virtio-disk0') + i32(1)),
    5: (323, domain() + i32(1) + addr(0, '127.0.0.1', '5900') + addr(1, '::1', '40000') +
        string('vnc') + u32(2) + string('x509dname') + string('CN=a') +
        string('saslUsername') + string('bob')),
    6: (324, domain() + string('/var/lib/b.img') + string('virtio-disk1') + i32(2) +
        string('enospc')),
    7: (325, domain()),
    8: (326, domain() + string('/var/lib/c.img') + i32(1) + i32(0)),
    9: (327, domain() + optstring('/old.iso') + optstring(None) + string('ide0-1-0') + i32(0)),
    10: (328, domain() + string('ide0-1-0') + i32(1)),
    11: (329, i32(0) + domain()),
    12: (330, i32(0) + domain()),
    13: (331, domain() + u64(524288)),
    14: (332, i32(0) + domain()),
    15: (333, domain() + string('net0')),
    16: (339, domain() + string('vda') + i32(2) + i32(3)),
    17: (346, domain() + typed_params([('cputune.vcpu_quota', 3, -1),
                                       ('cputune.emulatorpin', 7, '0-1')])),
    18: (348, domain() + i32(1) + i32(2)),
    19: (354, domain() + string('net1')),
    20: (359, domain() + i32(5)),
    21: (363, domain() + typed_params([('time_elapsed', 4, 1234), ('success', 6, 1)])),
    22: (367, domain() + string('hostdev0')),
    23: (379, domain() + i32(2) + optstring('http://example.org/ns')),
    24: (385, domain() + string('vdb') + optstring(None) + u64(1 << 30) + u64(4096)),
    25: (423, domain() + i32(0) + i32(1) + u32(2)),
    26: (438, domain() + string('dimm0') + u64(1 << 28)),
}


def recv_exact(s, n):
    data = b''
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def send(s, proc, mtype, serial, status, body):
    hdr = struct.pack('>IIiiIi', REMOTE, 1, proc, mtype, serial, status)
    s.sendall(u32(4 + len(hdr) + len(body)) + hdr + body)


def error_body(msg):
    # remote_error: code, domain, message, level, dom, str1-3, int1-2, net
    return (i32(3) + i32(0) + optstring(msg) + i32(2) + u32(0) + u32(0) * 3 +
            i32(0) + i32(0) + u32(0))


def serve_one(s):
    registered = {}
    trigger = sent = False
    while True:
        ln = recv_exact(s, 4)
        if ln is None:
            return
        rest = recv_exact(s, struct.unpack('>I', ln)[0] - 4)
        prog, vers, proc, mtype, serial, status = struct.unpack('>IIiiIi', rest[:24])
        body = rest[24:]
        if prog != REMOTE or mtype != CALL:
            continue
        if proc == 60:      # connect_supports_feature: event callbacks, typed strings
            feature = struct.unpack('>i', body[:4])[0]
            send(s, proc, REPLY, serial, OK, i32(1 if feature in (9, 14) else 0))
        elif proc == 66:    # auth_list: none
            send(s, proc, REPLY, serial, OK, u32(1) + i32(0))
        elif proc in (1, 2, 317):   # open, close, deregister
            send(s, proc, REPLY, serial, OK, b'')
        elif proc == 316:   # domain_event_callback_register_any
            event_id = struct.unpack('>i', body[:4])[0]
            registered[event_id] = 1000 + event_id
            send(s, proc, REPLY, serial, OK, i32(registered[event_id]))
        elif proc == 7:     # connect_get_type (nuvsh and others may ask)
            send(s, proc, REPLY, serial, OK, string('Test'))
        elif proc == 59:    # connect_get_hostname: the client has registered everything
            send(s, proc, REPLY, serial, OK, string('fakehost'))
            trigger = True
        else:
            send(s, proc, REPLY, serial, ERROR, error_body(f'fake daemon: procedure {proc}'))
        # Only once the client asked something after its last registration:
        # a client records a registration's ID after the reply is in.
        if trigger and not sent and len(registered) == len(EVENTS):
            sent = True
            for event_id in sorted(EVENTS):
                num, tail = EVENTS[event_id]
                send(s, num, MESSAGE, 0, OK, i32(registered[event_id]) + tail)


def serve(listener):
    while True:
        try:
            s, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=serve_one, args=(s,), daemon=True).start()


CLIENT = r'''
import sys, threading, time
import libvirt
libvirt.registerErrorHandler(lambda *a: None, None)
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                 daemon=True).start()
seen = []
def cb(event_id):
    def f(conn, dom, *args):
        seen.append('%d %s %r' % (event_id, dom.name(), args[:-1]))
    return f
conn = libvirt.open(sys.argv[1])
for event_id in range(27):
    try:
        conn.domainEventRegisterAny(None, event_id, cb(event_id), None)
    except libvirt.libvirtError as e:
        print('%d cannot register: %s' % (event_id, e))
conn.getHostname()
end = time.time() + 20
while len(seen) < 27 and time.time() < end:
    time.sleep(0.05)
time.sleep(0.2)
for line in sorted(seen, key=lambda l: int(l.split()[0])):
    print(line)
conn.close()
'''


def run_client(uri, libdir):
    env = dict(os.environ)
    env.pop('LD_LIBRARY_PATH', None)
    if libdir:
        env['LD_LIBRARY_PATH'] = libdir
    p = subprocess.run(['/usr/bin/python3', '-c', CLIENT, uri], env=env,
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        print(p.stderr)
    return p.stdout.splitlines()


def main():
    try:
        import libvirt  # noqa: F401
    except ImportError:
        print('SKIP: python3-libvirt is not installed')
        return 77
    libdir = sys.argv[1] if len(sys.argv) > 1 else None
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'sock')
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(path)
        listener.listen(8)
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        uri = 'test+unix:///default?socket=' + path
        stock = run_client(uri, None)
        ours = run_client(uri, libdir) if libdir else []
        listener.close()
    print('stock libvirt client:')
    print('\n'.join('  ' + l for l in stock))
    if len(stock) != len(EVENTS):
        print(f'FAIL the stock client received {len(stock)} of {len(EVENTS)} events')
        failed += 1
    if libdir:
        for want, got in zip(stock, ours):
            if want != got:
                print(f'FAIL nuvirt: {got}\n     stock:  {want}')
                failed += 1
        if len(ours) != len(stock):
            print(f'FAIL nuvirt\'s client received {len(ours)} events, stock {len(stock)}')
            failed += 1
        if not failed:
            print(f'PASS nuvirt\'s client delivers all {len(ours)} domain event kinds as '
                  'stock libvirt does')
    return 1 if failed else 0


sys.exit(main())
