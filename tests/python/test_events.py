# Events of every kind (domain, network, storage pool, secret, node device)
# and stream callbacks run on the application's event loop thread; a
# callback that raises is reported and the loop goes on.
import gc
import threading

import pytest

from conftest import wait_for

DOM = '''<domain type='test'><name>{}</name><memory unit='KiB'>65536</memory>
<os><type arch='x86_64'>hvm</type></os></domain>'''
NET = "<network><name>{}</name><bridge name='{}'/></network>"
POOL = "<pool type='dir'><name>{}</name><target><path>/tmp/{}</path></target></pool>"
SECRET = ("<secret ephemeral='no' private='no'><usage type='volume'><volume>/var/{}</volume>"
          "</usage></secret>")
NODEDEV = ("<device><parent>scsi_host1</parent><capability type='scsi_host'>"
           "<capability type='fc_host'><wwnn>20000000{0:08x}</wwnn><wwpn>10000000{0:08x}</wwpn>"
           "</capability></capability></device>")


class Recorder:
    """Collects (kind, args) from callbacks, noting the thread they ran on."""

    def __init__(self):
        self.seen = []
        self.threads = set()

    def __call__(self, kind):
        def cb(*args):
            self.threads.add(threading.current_thread().name)
            self.seen.append((kind,) + tuple(a for a in args[1:-1]))
        return cb

    def kinds(self):
        return [s[0] for s in self.seen]


def test_every_event_kind(libvirt, event_loop):
    E = libvirt
    conn = libvirt.open('test:///default')
    rec = Recorder()
    ids = [
        ('dom', conn.domainEventRegisterAny(None, E.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                            rec('dom-lifecycle'), None)),
        ('dom', conn.domainEventRegisterAny(None, E.VIR_DOMAIN_EVENT_ID_REBOOT,
                                            rec('dom-reboot'), None)),
        ('dom', conn.domainEventRegisterAny(None, E.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                            rec('dom-metadata'), None)),
        ('net', conn.networkEventRegisterAny(None, E.VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                             rec('net-lifecycle'), None)),
        ('pool', conn.storagePoolEventRegisterAny(None, E.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                                  rec('pool-lifecycle'), None)),
        ('pool', conn.storagePoolEventRegisterAny(None, E.VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                                  rec('pool-refresh'), None)),
        ('secret', conn.secretEventRegisterAny(None, E.VIR_SECRET_EVENT_ID_LIFECYCLE,
                                               rec('secret-lifecycle'), None)),
        ('secret', conn.secretEventRegisterAny(None, E.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                                               rec('secret-value'), None)),
        ('dev', conn.nodeDeviceEventRegisterAny(None, E.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                                rec('dev-lifecycle'), None)),
    ]
    legacy = []
    def legacy_cb(c, d, ev, det, op):
        op.append((d.name(), ev, det))
    conn.domainEventRegister(legacy_cb, legacy)

    dom = conn.defineXML(DOM.format('ev-dom'))
    dom.create()
    dom.reboot(0)
    dom.setMetadata(E.VIR_DOMAIN_METADATA_TITLE, 'titled', None, None, E.VIR_DOMAIN_AFFECT_LIVE)
    dom.destroy()
    dom.undefine()
    net = conn.networkDefineXML(NET.format('ev-net', 'evbr0'))
    net.create()
    net.destroy()
    net.undefine()
    pool = conn.storagePoolDefineXML(POOL.format('ev-pool', 'ev-pool'))
    pool.create()
    pool.refresh()
    pool.destroy()
    pool.undefine()
    sec = conn.secretDefineXML(SECRET.format('ev'))
    sec.setValue(b'v')
    sec.undefine()
    dev = conn.nodeDeviceCreateXML(NODEDEV.format(7), 0)
    dev.destroy()

    want = ['dom-lifecycle', 'dom-reboot', 'dom-metadata', 'net-lifecycle', 'pool-lifecycle',
            'pool-refresh', 'secret-lifecycle', 'secret-value', 'dev-lifecycle']
    assert wait_for(lambda: all(w in rec.kinds() for w in want)), rec.seen
    assert rec.threads == {'libvirt-event-loop'}, rec.threads
    life = [s[2:] for s in rec.seen if s[0] == 'dom-lifecycle' and s[1].name() == 'ev-dom']
    assert life[:2] == [(E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_ADDED),
                        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED)]
    assert wait_for(lambda: ('ev-dom', E.VIR_DOMAIN_EVENT_UNDEFINED,
                             E.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED) in legacy), legacy
    nets = [s[2:] for s in rec.seen if s[0] == 'net-lifecycle']
    assert nets == [(E.VIR_NETWORK_EVENT_DEFINED, 0), (E.VIR_NETWORK_EVENT_STARTED, 0),
                    (E.VIR_NETWORK_EVENT_STOPPED, 0), (E.VIR_NETWORK_EVENT_UNDEFINED, 0)]
    meta = [s for s in rec.seen if s[0] == 'dom-metadata']
    assert meta[0][2] == E.VIR_DOMAIN_METADATA_TITLE

    for kind, cid in ids:
        {'dom': conn.domainEventDeregisterAny, 'net': conn.networkEventDeregisterAny,
         'pool': conn.storagePoolEventDeregisterAny, 'secret': conn.secretEventDeregisterAny,
         'dev': conn.nodeDeviceEventDeregisterAny}[kind](cid)
    conn.domainEventDeregister(legacy_cb)
    conn.close()


def test_raising_callback_does_not_stop_the_loop(libvirt, event_loop, capfd):
    E = libvirt
    conn = libvirt.open('test:///default')
    calls = []

    def bad(c, d, ev, det, op):
        calls.append(ev)
        raise RuntimeError('callback failure on purpose')
    cid = conn.domainEventRegisterAny(None, E.VIR_DOMAIN_EVENT_ID_LIFECYCLE, bad, None)
    dom = conn.defineXML(DOM.format('raise-dom'))
    dom.create()
    dom.destroy()
    dom.undefine()
    assert wait_for(lambda: len(calls) >= 4), calls
    # Later timers still run on the same loop.
    fired = []
    tid = libvirt.virEventAddTimeout(10, lambda t, op: op.append(t), fired)
    assert wait_for(lambda: fired)
    libvirt.virEventRemoveTimeout(tid)
    conn.domainEventDeregisterAny(cid)
    assert 'callback failure on purpose' in capfd.readouterr().err
    conn.close()


def test_stream_callbacks(libvirt, event_loop):
    E = libvirt
    conn = libvirt.open('test:///default')
    pool = conn.storagePoolLookupByName('default-pool')
    vol = pool.createXML("<volume><name>stream.img</name><capacity>65536</capacity></volume>", 0)
    try:
        st = conn.newStream(0)
        vol.upload(st, 0, 11, 0)
        chunks = [b'hello ', b'world']
        st.sendAll(lambda s, n, op: op.pop(0) if op else b'', chunks)
        st.finish()

        st = conn.newStream(0)
        vol.download(st, 0, 11, 0)
        got = []
        st.recvAll(lambda s, buf, op: op.append(buf), got)
        st.finish()
        assert b''.join(got) == b'hello world'

        # Nonblocking, driven by the event loop: READABLE callbacks, -2 when
        # nothing is there, b'' at the end; a raising callback is reported.
        st = conn.newStream(E.VIR_STREAM_NONBLOCK)
        vol.download(st, 0, 11, 0)
        data, done, threads = [], [], set()

        def on_readable(s, events, op):
            threads.add(threading.current_thread().name)
            chunk = s.recv(4)
            if chunk == -2:
                return
            if chunk == b'':
                s.eventRemoveCallback()
                s.finish()
                done.append(True)
                raise RuntimeError('raised after the end, on purpose')
            op.append(chunk)
        st.eventAddCallback(E.VIR_STREAM_EVENT_READABLE, on_readable, data)
        assert wait_for(lambda: done), data
        assert b''.join(data) == b'hello world'
        assert threads == {'libvirt-event-loop'}

        # sendAll's handler raising aborts the stream and passes the error on.
        st = conn.newStream(0)
        vol.upload(st, 0, 4, 0)

        def failing(s, n, op):
            raise ValueError('source broke')
        with pytest.raises(ValueError):
            st.sendAll(failing, None)
    finally:
        vol.delete(0)
    conn.close()
    gc.collect()
