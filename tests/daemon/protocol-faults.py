#!/usr/bin/env python3
"""protocol-faults.py NUVIRTD: nuvirtd against bad and hostile clients.

Starts the daemon on a temporary socket, speaks the wire protocol by hand
(framing, XDR) and checks that every malformed, oversized, truncated,
unknown or out-of-order packet gets an error reply or a closed
connection for that client only, while a well-behaved client keeps being
served; then SIGTERM must end the daemon with status 0.
"""
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

REMOTE, KEEPALIVE = 0x20008086, 0x6b656570
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR = 0, 1
failures = 0


def check(name, cond):
    global failures
    print(('PASS ' if cond else 'FAIL ') + name)
    if not cond:
        failures += 1


def xdr_string(s):
    b = s.encode()
    return struct.pack('>I', len(b)) + b + b'\0' * ((4 - len(b) % 4) % 4)


def frame(prog, proc, serial, body=b'', mtype=CALL, status=OK, vers=1):
    hdr = struct.pack('>IIiiIi', prog, vers, proc, mtype, serial, status)
    return struct.pack('>I', 4 + len(hdr) + len(body)) + hdr + body


def recv_exact(s, n):
    data = b''
    while len(data) < n:
        try:
            chunk = s.recv(n - len(data))
        except ConnectionResetError:
            return None
        if not chunk:
            return None
        data += chunk
    return data


def read_msg(s):
    """(header tuple, body) or None when the daemon closed the connection."""
    ln = recv_exact(s, 4)
    if ln is None:
        return None
    (n,) = struct.unpack('>I', ln)
    rest = recv_exact(s, n - 4)
    if rest is None:
        return None
    return struct.unpack('>IIiiIi', rest[:24]), rest[24:]


def error_message(body):
    # remote_error: code, domain, optional message string, ...
    code, domain, present = struct.unpack('>iiI', body[:12])
    if not present:
        return code, None
    (n,) = struct.unpack('>I', body[12:16])
    return code, body[16:16 + n].decode()


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(path)
    return s


def call(s, proc, serial, body=b''):
    s.sendall(frame(REMOTE, proc, serial, body))
    return read_msg(s)


def open_conn(s, serial=1):
    # connect_open: optional name "test:///default", flags 0
    return call(s, 1, serial, struct.pack('>I', 1) + xdr_string('test:///default') +
                struct.pack('>I', 0))


def get_type(s, serial):
    r = call(s, 3, serial)
    if not r or r[0][5] != OK:
        return None
    (n,) = struct.unpack('>I', r[1][:4])
    return r[1][4:4 + n].decode()


def main():
    nuvirtd = sys.argv[1]
    tmp = tempfile.mkdtemp()
    conf = os.path.join(tmp, 'nuvirtd.conf')
    with open(conf, 'w') as f:
        f.write(f'unix_sock_dir = "{tmp}"\nmax_client_requests = 5\n')
    daemon = subprocess.Popen([nuvirtd, '--config', conf, '--root', os.path.join(tmp, 'root')])
    sock = os.path.join(tmp, 'libvirt-sock')
    # The socket file appears at bind(), a moment before listen(): wait
    # until a connection is accepted, not just for the file.
    listening = False
    for _ in range(200):
        if os.path.exists(sock):
            try:
                connect(sock).close()
                listening = True
                break
            except OSError:
                pass
        time.sleep(0.05)
    check('daemon listens', listening)

    good = connect(sock)
    check('open test:///default', open_conn(good)[0][5] == OK)
    check('a normal call', get_type(good, 2) == 'TEST')

    # Calls before CONNECT_OPEN are refused with an error reply.
    s = connect(sock)
    h, body = call(s, 3, 7)
    check('call before open: error reply with the same serial',
          h[3] == REPLY and h[4] == 7 and h[5] == ERROR and
          error_message(body)[1] == 'internal error: connection not open')
    # Unknown program, unknown procedure, illegal procedure numbers.
    s.sendall(frame(0x12345678, 1, 8))
    h, body = read_msg(s)
    check('unknown program: error reply', h[5] == ERROR and 'cannot find program' in
          error_message(body)[1])
    for proc in (99999, -1, 0):
        h, body = call(s, proc, 9)
        check(f'procedure {proc}: error reply', h[5] == ERROR and
              f'unknown procedure: {proc}' in error_message(body)[1])
    # A body that does not decode: connect_open with a huge string length.
    h, body = call(s, 1, 10, struct.pack('>II', 1, 0x7fffffff))
    check('undecodable body: error reply', h[5] == ERROR and 'cannot decode' in
          error_message(body)[1])
    # Extra bytes after a body.
    h, body = call(s, 1, 11, struct.pack('>I', 0) + struct.pack('>I', 0) + b'junk')
    check('trailing bytes: error reply', h[5] == ERROR)
    # Still usable after all that.
    check('the same client can still open', open_conn(s, 12)[0][5] == OK)
    # A negative count where an array length goes (connect_list_domains).
    h, body = call(s, 37, 13, struct.pack('>i', -5))
    check('negative maxids: error reply', h[5] == ERROR)
    # Counts of the array procedures, negative or over libvirt's limits:
    # an error reply naming the count, nothing allocated for it.
    dom = xdr_string('test') + b'\0' * 16 + struct.pack('>i', 1)
    for what, proc, body in [
            ('node_get_cells_free_memory maxcells over NODE_MAX_CELLS', 101,
             struct.pack('>ii', 0, 100000)),
            ('domain_get_vcpus negative maxinfo', 20, dom + struct.pack('>ii', -1, 1)),
            ('domain_get_vcpus maxinfo * maplen over CPUMAPS_MAX', 20,
             dom + struct.pack('>ii', 16384, 2048)),
            ('domain_memory_stats maxStats over the limit', 159, dom + struct.pack('>II', 5000, 0)),
            ('node_get_cpu_stats negative nparams', 227, struct.pack('>iiI', -1, -1, 0)),
            ('connect_list_networks maxnames over NETWORK_LIST_MAX', 38,
             struct.pack('>i', 1 << 20)),
            ('domain_get_cpu_stats nparams * ncpus over the limit', 262,
             dom + struct.pack('>IiII', 1000, 0, 100, 0))]:
        h, body = call(s, proc, 20, body)
        msg = error_message(body)[1] if h[5] == ERROR else ''
        check(f'{what}: error reply ({msg})', h[5] == ERROR and 'out of range' in msg)
    # Keepalive: PING gets PONG.
    s.sendall(frame(KEEPALIVE, 1, 0, mtype=MESSAGE))
    h, _ = read_msg(s)
    check('keepalive ping answered', h[0] == KEEPALIVE and h[2] == 2 and h[3] == MESSAGE)
    # Pipelined calls: every one answered, serials matched.
    n = 200
    s.sendall(b''.join(frame(REMOTE, 3, 1000 + i) for i in range(n)))
    serials = set()
    for _ in range(n):
        r = read_msg(s)
        if r is None:
            break
        serials.add(r[0][4])
    check(f'{n} pipelined calls all answered', serials == set(range(1000, 1000 + n)))
    # A reply sent by a client: it does not speak the protocol, dropped.
    s.sendall(frame(REMOTE, 3, 14, mtype=REPLY))
    check('client sending a reply is disconnected', read_msg(s) is None)
    s.close()

    # Oversized and undersized length words close that client only.
    for length, what in ((0xffffffff, 'oversized'), (32 * 1024 * 1024 + 29, 'just over the limit'),
                         (8, 'undersized')):
        s = connect(sock)
        s.sendall(struct.pack('>I', length) + b'\0' * 24)
        check(f'{what} length word: connection closed', read_msg(s) is None)
        s.close()
    # A client that stalls mid-frame, and one that closes mid-frame.
    stall = connect(sock)
    stall.sendall(frame(REMOTE, 3, 1)[:10])
    s = connect(sock)
    s.sendall(frame(REMOTE, 3, 1)[:17])
    s.close()
    check('other clients are served meanwhile', get_type(good, 3) == 'TEST')

    # Random garbage from many clients.
    rnd = random.Random(20261205)
    for i in range(60):
        s = connect(sock)
        blob = bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(1, 200)))
        if i % 2:
            blob = struct.pack('>I', len(blob) + 4) + blob
        try:
            s.sendall(blob)
        except OSError:
            pass
        s.close()
    check('still served after random packets', get_type(good, 4) == 'TEST')

    # Connections opened and dropped while another client keeps calling.
    errors = []

    def caller():
        for i in range(200):
            if get_type(good, 100 + i) != 'TEST':
                errors.append(i)
    t = threading.Thread(target=caller)
    t.start()
    for i in range(300):
        s = connect(sock)
        if i % 3 == 0:
            open_conn(s)
        s.close()
    t.join()
    check('300 connections dropped while another client calls: no error', not errors)
    stall.close()
    good.close()

    daemon.send_signal(signal.SIGTERM)
    try:
        status = daemon.wait(30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        status = 'hung'
    check(f'SIGTERM: clean exit ({status})', status == 0)
    check('sockets removed', not os.path.exists(sock))
    print(f'{failures} failed')
    return 1 if failures else 0


sys.exit(main())
