"""stream_events.py URI POOL: non-blocking volume upload and download
through a daemon driven by stream event callbacks (virStreamEventAddCallback,
as virsh console drives its stream) on the default event loop, with
python3-libvirt (stock, or nuvirt's library under LD_LIBRARY_PATH).
Prints PASS/FAIL lines; exits 1 on any failure."""
import sys
import threading

import libvirt

uri, pool_name = sys.argv[1:3]
failed = 0
MiB = 1024 * 1024


def check(ok, what):
    global failed
    print(('PASS ' if ok else 'FAIL ') + what, flush=True)
    if not ok:
        failed += 1


libvirt.registerErrorHandler(lambda *a: None, None)
# An event loop before the connection opens, as virsh console has one.
libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=lambda: [libvirt.virEventRunDefaultImpl() for _ in iter(int, 1)],
                 daemon=True).start()
conn = libvirt.open(uri)
pool = conn.storagePoolLookupByName(pool_name)
vol = pool.createXML("""<volume><name>eventvol</name><capacity unit='bytes'>%d</capacity>
<allocation unit='bytes'>0</allocation><target><format type='raw'/></target></volume>"""
                     % (2 * MiB), 0)

def event_upload(vol, data):
    """Send data from a WRITABLE callback; True when all went and finish
    succeeded."""
    st = conn.newStream(libvirt.VIR_STREAM_NONBLOCK)
    vol.upload(st, 0, len(data), 0)
    done = threading.Event()
    pos = [0]

    def cb(stream, events, opaque):
        try:
            if events & (libvirt.VIR_STREAM_EVENT_ERROR | libvirt.VIR_STREAM_EVENT_HANGUP):
                raise libvirt.libvirtError('stream error event %d' % events)
            while pos[0] < len(data):
                n = stream.send(data[pos[0]:pos[0] + 65536])
                if n == -2:
                    return
                pos[0] += n
        except libvirt.libvirtError:
            pass
        stream.eventRemoveCallback()
        done.set()

    st.eventAddCallback(libvirt.VIR_STREAM_EVENT_WRITABLE, cb, None)
    if not done.wait(60):
        st.abort()
        return False
    st.finish()
    return pos[0] == len(data)


def event_download(vol, length):
    """Read from a READABLE callback until the end; the bytes, or None."""
    st = conn.newStream(libvirt.VIR_STREAM_NONBLOCK)
    vol.download(st, 0, length, 0)
    done = threading.Event()
    got = bytearray()
    calls = [0]

    def cb(stream, events, opaque):
        calls[0] += 1
        try:
            while True:
                r = stream.recv(65536)
                if r == -2:
                    return
                if not r:
                    break
                got.extend(r)
        except libvirt.libvirtError:
            got.clear()
            got.extend(b'error')
        stream.eventRemoveCallback()
        done.set()

    st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE | libvirt.VIR_STREAM_EVENT_ERROR |
                        libvirt.VIR_STREAM_EVENT_HANGUP, cb, None)
    if not done.wait(60):
        st.abort()
        return None
    st.finish()
    return bytes(got) if calls[0] > 0 else None


data = bytes((i * 13 + 5) % 253 for i in range(MiB + 777))
check(event_upload(vol, data), 'event-driven upload (WRITABLE callback) sends everything')
back = event_download(vol, len(data))
check(back == data, 'event-driven download (READABLE callback) gets the uploaded bytes '
      '(%s bytes)' % (None if back is None else len(back)))
check(conn.getLibVersion() > 0, 'after event-driven streams the connection still answers')

vol.delete(0)
conn.close()
sys.exit(1 if failed else 0)
