"""fds_checks.py URI XML: the calls that pass file descriptors
(CALL_WITH_FDS) with python3-libvirt (stock, or nuvirt's library under
LD_LIBRARY_PATH): one outcome line per call, for comparing clients and
daemons; the connection must keep answering after each."""
import os
import socket
import sys

import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open(sys.argv[1])
xml = open(sys.argv[2]).read()
r, w = os.pipe()


def run(name, fn):
    try:
        out = fn()
        print(f'{name}: ok {out}')
    except libvirt.libvirtError as e:
        print(f'{name}: error {e.get_error_code()}')
    print(f'  then: the connection answers {conn.getLibVersion() > 0}')
    sys.stdout.flush()


run('createXMLWithFiles (2 fds)', lambda: conn.createXMLWithFiles(xml, [r, w], 0).name())
dom = conn.lookupByName('test')
dom.destroy()
run('createWithFiles (1 fd)', lambda: (dom.createWithFiles([w], 0), dom.ID() > 0))
run('createWithFiles on a running domain', lambda: dom.createWithFiles([r], 0))
run('FDAssociate', lambda: dom.FDAssociate('fdset', [r], 0))
sock, _peer = socket.socketpair()
run('openGraphics (a UNIX socket)', lambda: dom.openGraphics(0, sock.fileno(), 0))
conn.lookupByName('fdt').destroy()
conn.close()
