"""Debian's python3-libvirt against nuvirtd over its UNIX socket: with
Debian's own libvirt.so.0 (no LD_LIBRARY_PATH), or with nuvirt's library
and its remote driver (LD_LIBRARY_PATH set, from remote-driver.sh).

  /usr/bin/python3 nuvirtd_python.py SOCKET-DIR

Prints PASS/FAIL lines and exits non-zero on any failure.
"""
import os
import sys
import threading
import time

import libvirt

sockdir = sys.argv[1]
URI = f'test+unix:///default?socket={sockdir}/libvirt-sock'
URI_RO = f'test+unix:///default?socket={sockdir}/libvirt-sock-ro'
failures = 0


def check(name, cond):
    global failures
    print(('PASS ' if cond else 'FAIL ') + name)
    if not cond:
        failures += 1


def expect_error(name, code, fn):
    try:
        fn()
    except libvirt.libvirtError as e:
        check(f'{name} (error {e.get_error_code()}: {e.get_error_message()})',
              e.get_error_code() == code)
        return
    check(name + ' (no error raised)', False)


libvirt.registerErrorHandler(lambda ctx, err: None, None)
maps = open('/proc/self/maps').read()
if os.environ.get('LD_LIBRARY_PATH'):
    # Run by remote-driver.sh: nuvirt's library is the client.
    check('nuvirt\'s client library is loaded', 'libnuvirt.so' in maps)
else:
    check('the stock client library is loaded',
          '/usr/lib/x86_64-linux-gnu/libvirt.so.0' in maps or 'libvirt.so.0.9000' in maps)

libvirt.virEventRegisterDefaultImpl()
stop = False


def loop():
    while not stop:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=loop, daemon=True).start()

conn = libvirt.open(URI)
check('open', conn is not None)
check('getType', conn.getType() == 'TEST')
check('getURI', conn.getURI() == URI)
check('listAllDomains', [d.name() for d in conn.listAllDomains()] == ['test'])
dom = conn.lookupByName('test')
info = dom.info()
check('info', info[0] == libvirt.VIR_DOMAIN_RUNNING and info[1] == 8388608 and info[3] == 2)
check('state', dom.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN])
check('UUIDString', dom.UUIDString() == '6695eb01-f6a4-8304-79aa-97f2502e193f')
check('XMLDesc', "<domain type='test' id='1'>" in dom.XMLDesc(0))
check('isActive/isPersistent', dom.isActive() == 1 and dom.isPersistent() == 1)
expect_error('lookupByName of a missing domain', libvirt.VIR_ERR_NO_DOMAIN,
             lambda: conn.lookupByName('nosuch'))

# Procedures whose replies are arrays of records or name lists (the test
# driver's fixed values).
vcpus = dom.vcpus()
check('vcpus (virDomainGetVcpus)', [v[0] for v in vcpus[0]] == [0, 1] and
      vcpus[1] == [(True,) * 8, (True,) * 8])
check('vcpuPinInfo', dom.vcpuPinInfo(0) == [(True,) * 8, (True,) * 8])
mem = dom.memoryStats()
check('memoryStats', mem.get('actual') == 2097152 and mem.get('rss') == 1048576)
recs = conn.getAllDomainStats()
check('getAllDomainStats', [(r[0].name(), r[1].get('state.state')) for r in recs] ==
      [('test', libvirt.VIR_DOMAIN_RUNNING)])
recs = conn.domainListGetStats([dom], libvirt.VIR_DOMAIN_STATS_STATE)
check('domainListGetStats', [(r[0].name(), r[1]) for r in recs] ==
      [('test', {'state.state': 1, 'state.reason': 0})])
check('listNetworks', conn.listNetworks() == ['default'] and conn.listDefinedNetworks() == [])
check('listStoragePools', conn.listStoragePools() == ['default-pool'])
check('listInterfaces', conn.listInterfaces() == ['eth1'])
check('listDevices', 'computer' in conn.listDevices(None, 0))
check('getCellsFreeMemory', conn.getCellsFreeMemory(0, 2) == [2097152, 4194304])
check('getCPUStats', sorted(conn.getCPUStats(-1)) == ['idle', 'iowait', 'kernel', 'user'])
check('getMemoryStats', conn.getMemoryStats(-1).get('total') == 3145728)
check('getCPUMap', conn.getCPUMap() == (8, [True, False, True, False, True, False, False, False], 3))
check('jobStats', dom.jobStats() == {'type': libvirt.VIR_DOMAIN_JOB_NONE})
check('DHCPLeases', conn.networkLookupByName('default').DHCPLeases() == [])
sec_xml = ("<secret ephemeral='no' private='no'><uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f"
           "</uuid><usage type='volume'><volume>/x</volume></usage></secret>")
sec = conn.secretDefineXML(sec_xml)
sec.setValue(b'hello\x00world')
check('secret setValue/value', sec.value() == b'hello\x00world')
check('listSecrets', conn.listSecrets() == ['0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'])
sec.undefine()

events = []
cbid = conn.domainEventRegisterAny(
    None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
    lambda c, d, ev, detail, opaque: events.append((d.name(), ev, detail)), None)
check('domainEventRegisterAny', cbid >= 0)

xml = """<domain type='test'><name>py1</name><memory unit='MiB'>64</memory>
<vcpu>1</vcpu><os><type>hvm</type></os></domain>"""
d = conn.defineXML(xml)
check('defineXML', d.name() == 'py1' and not d.isActive())
check('create', d.create() == 0 and d.isActive() == 1 and d.ID() > 0)
check('suspend/resume', d.suspend() == 0 and d.state()[0] == libvirt.VIR_DOMAIN_PAUSED
      and d.resume() == 0)
check('destroy', d.destroy() == 0 and d.isActive() == 0)
check('undefine', d.undefine() == 0)
expect_error('defineXML of bad XML', libvirt.VIR_ERR_XML_DETAIL,
             lambda: conn.defineXML('<domain'))

deadline = time.time() + 5
want = [('py1', libvirt.VIR_DOMAIN_EVENT_DEFINED, 0),
        ('py1', libvirt.VIR_DOMAIN_EVENT_STARTED, 0),
        ('py1', libvirt.VIR_DOMAIN_EVENT_SUSPENDED, 0),
        ('py1', libvirt.VIR_DOMAIN_EVENT_RESUMED, 0),
        ('py1', libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
        ('py1', libvirt.VIR_DOMAIN_EVENT_UNDEFINED, 0)]
while time.time() < deadline and len(events) < len(want):
    time.sleep(0.05)
check(f'lifecycle events {events}', [(n, e) for n, e, _ in events] == [(n, e) for n, e, _ in want])
conn.domainEventDeregisterAny(cbid)   # raises on failure
expect_error('deregistering twice', libvirt.VIR_ERR_INVALID_ARG,
             lambda: conn.domainEventDeregisterAny(cbid))

# Domain events other than lifecycle (the daemon's generated senders).
other = []
rb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT,
                                 lambda c, d, opaque: other.append(('reboot', d.name())), None)
md = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                 lambda c, d, t, ns, opaque: other.append(('metadata', t)), None)
conn.lookupByName('test').reboot(0)
conn.lookupByName('test').setMetadata(libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, 'd', None, None, 0)
deadline = time.time() + 5
while time.time() < deadline and len(other) < 2:
    time.sleep(0.05)
check(f'reboot and metadata-change events {other}',
      other == [('reboot', 'test'), ('metadata', libvirt.VIR_DOMAIN_METADATA_DESCRIPTION)])
conn.domainEventDeregisterAny(rb)
conn.domainEventDeregisterAny(md)

# Network, storage pool and secret events (the callback-ID procedures).
objev = []
ncb = conn.networkEventRegisterAny(
    None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE,
    lambda c, n, ev, detail, opaque: objev.append(('net', n.name(), ev)), None)
pcb = conn.storagePoolEventRegisterAny(
    None, libvirt.VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
    lambda c, p, ev, detail, opaque: objev.append(('pool', p.name(), ev)), None)
rcb = conn.storagePoolEventRegisterAny(
    None, libvirt.VIR_STORAGE_POOL_EVENT_ID_REFRESH,
    lambda c, p, opaque: objev.append(('pool', p.name(), 'refresh')), None)
scb = conn.secretEventRegisterAny(
    None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE,
    lambda c, s, ev, detail, opaque: objev.append(('secret', s.UUIDString(), ev)), None)
vcb = conn.secretEventRegisterAny(
    None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
    lambda c, s, opaque: objev.append(('secret', s.UUIDString(), 'value')), None)
check('object event registrations', min(ncb, pcb, rcb, scb, vcb) >= 0)
net = conn.networkDefineXML("<network><name>evnet</name><bridge name='evbr0'/></network>")
net.create()
net.destroy()
net.undefine()
pool = conn.storagePoolDefineXML("<pool type='dir'><name>evpool</name>"
                                 "<target><path>/evpool</path></target></pool>")
pool.create()
pool.refresh()
pool.destroy()
pool.undefine()
sec = conn.secretDefineXML(sec_xml)
sec.setValue(b'v')
sec.undefine()
uuid = '0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'
want = [('net', 'evnet', libvirt.VIR_NETWORK_EVENT_DEFINED),
        ('net', 'evnet', libvirt.VIR_NETWORK_EVENT_STARTED),
        ('net', 'evnet', libvirt.VIR_NETWORK_EVENT_STOPPED),
        ('net', 'evnet', libvirt.VIR_NETWORK_EVENT_UNDEFINED),
        ('pool', 'evpool', libvirt.VIR_STORAGE_POOL_EVENT_DEFINED),
        ('pool', 'evpool', libvirt.VIR_STORAGE_POOL_EVENT_STARTED),
        ('pool', 'evpool', 'refresh'),
        ('pool', 'evpool', libvirt.VIR_STORAGE_POOL_EVENT_STOPPED),
        ('pool', 'evpool', libvirt.VIR_STORAGE_POOL_EVENT_UNDEFINED),
        ('secret', uuid, libvirt.VIR_SECRET_EVENT_DEFINED),
        ('secret', uuid, 'value'),
        ('secret', uuid, libvirt.VIR_SECRET_EVENT_UNDEFINED)]
deadline = time.time() + 5
while time.time() < deadline and len(objev) < len(want):
    time.sleep(0.05)
check(f'network, pool and secret events {objev}', objev == want)
conn.networkEventDeregisterAny(ncb)
conn.storagePoolEventDeregisterAny(pcb)
conn.storagePoolEventDeregisterAny(rcb)
conn.secretEventDeregisterAny(scb)
conn.secretEventDeregisterAny(vcb)
expect_error('deregistering a network callback twice', libvirt.VIR_ERR_INVALID_ARG,
             lambda: conn.networkEventDeregisterAny(ncb))
conn.close()

ro = libvirt.openReadOnly(URI_RO)
check('read-only socket lists', len(ro.listAllDomains()) == 1)
expect_error('read-only socket refuses destroy', libvirt.VIR_ERR_OPERATION_DENIED,
             lambda: ro.lookupByName('test').destroy())
ro.close()

# A client on the read-write socket that asks for read-only is read-only too.
rw_ro = libvirt.openReadOnly(URI)
expect_error('a read-only connection refuses define', libvirt.VIR_ERR_OPERATION_DENIED,
             lambda: rw_ro.defineXML(xml))
rw_ro.close()
stop = True
print(f'{failures} failed')
sys.exit(1 if failures else 0)
