"""stream_checks.py URI POOL WORKDIR: volume streams through a daemon with
python3-libvirt (stock, or nuvirt's library under LD_LIBRARY_PATH): plain
and sparse upload/download, abort, finish after an error, and the
connection staying usable after each.  Prints PASS/FAIL lines; exits 1 on
any failure."""
import os
import sys

import libvirt

uri, pool_name, work = sys.argv[1:4]
failed = 0


def download_all(st):
    got = bytearray()
    while True:
        chunk = st.recv(262144)
        if not chunk:
            break
        got += chunk
    st.finish()
    return bytes(got)


def check(ok, what):
    global failed
    print(('PASS ' if ok else 'FAIL ') + what)
    if not ok:
        failed += 1


libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open(uri)
pool = conn.storagePoolLookupByName(pool_name)
MiB = 1024 * 1024
vol_xml = """<volume><name>%s</name><capacity unit='bytes'>%d</capacity>
<allocation unit='bytes'>0</allocation><target><format type='raw'/></target></volume>"""
vol = pool.createXML(vol_xml % ('streamvol', 4 * MiB), 0)

# Plain upload then download: the bytes come back.
data = bytes((i * 7 + 3) % 251 for i in range(3 * MiB + 12345))
st = conn.newStream(0)
vol.upload(st, 0, len(data), 0)
off = 0
while off < len(data):
    off += st.send(data[off:off + 100000])
st.finish()
st = conn.newStream(0)
vol.download(st, 0, len(data), 0)
check(download_all(st) == data, 'upload then download returns the same %d bytes' % len(data))

# Sparse: 1 MiB hole, 4 KiB of data, 2 MiB hole, 4 KiB of data.
segments = [(False, MiB), (True, b'A' * 4096), (False, 2 * MiB), (True, b'B' * 4096)]
total = sum(s[1] if not s[0] else len(s[1]) for s in segments)
state = {'i': 0, 'off': 0}


def hole_handler(stream, opaque):
    i = state['i']
    if i >= len(segments):
        return (True, 0)
    in_data, seg = segments[i]
    length = len(seg) if in_data else seg
    return (in_data, length - state['off'])


def skip_handler(stream, length, opaque):
    state['i'] += 1
    state['off'] = 0
    return 0


def source(stream, nbytes, opaque):
    i = state['i']
    if i >= len(segments):
        return b''
    seg = segments[i][1]
    piece = seg[state['off']:state['off'] + nbytes]
    state['off'] += len(piece)
    if state['off'] >= len(seg):
        state['i'] += 1
        state['off'] = 0
    return piece


st = conn.newStream(0)
vol.upload(st, 0, total, libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
st.sparseSendAll(source, hole_handler, skip_handler, None)
st.finish()

holes, chunks = [], bytearray()


def sink(stream, buf, opaque):
    chunks.extend(buf)
    return len(buf)


def sink_hole(stream, length, opaque):
    holes.append(length)
    chunks.extend(b'\0' * length)
    return 0


st = conn.newStream(0)
vol.download(st, 0, total, libvirt.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
st.sparseRecvAll(sink, sink_hole, None)
st.finish()
expect = b'\0' * MiB + b'A' * 4096 + b'\0' * (2 * MiB) + b'B' * 4096
check(bytes(chunks) == expect, 'sparse upload then sparse download: same content')
check(sum(holes) >= 3 * MiB - 8192 and len(holes) >= 2,
      'sparse download reports the holes (%d holes, %d bytes)' % (len(holes), sum(holes)))

# A download without the sparse flag gets the holes as zeros.
st = conn.newStream(0)
vol.download(st, 0, total, 0)
check(download_all(st) == expect, 'plain download of a sparse volume: zeros in the holes')

# Abort in the middle of an upload: the connection goes on.
st = conn.newStream(0)
vol.upload(st, 0, MiB, 0)
st.send(b'x' * 1000)
st.abort()
check(pool.storageVolLookupByName('streamvol').name() == 'streamvol',
      'abort mid-upload: the connection still answers')

# Abort in the middle of a download.
st = conn.newStream(0)
vol.download(st, 0, 0, 0)
st.recv(1000)
st.abort()
check(conn.getLibVersion() > 0, 'abort mid-download: the connection still answers')

# Errors: a volume that does not exist, more data than the upload said.
try:
    pool.storageVolLookupByName('nosuchvol')
    check(False, 'missing volume: error')
except libvirt.libvirtError as e:
    check(e.get_error_code() == libvirt.VIR_ERR_NO_STORAGE_VOL, 'missing volume: VIR_ERR_NO_STORAGE_VOL')
try:
    st = conn.newStream(0)
    vol.upload(st, 0, 10, 0)
    st.send(b'y' * 20)
    st.finish()
    check(False, 'more data than the length: error')
except libvirt.libvirtError as e:
    check(True, 'more data than the length: error (%s)' % e.get_error_message())
check(conn.getLibVersion() > 0, 'after a stream error the connection still answers')

vol.delete(0)
conn.close()
sys.exit(1 if failed else 0)
