"""Debian's python3-libvirt, unchanged, on nuvirt's libvirt.so.0.

Run by run-stock-clients.sh with LD_LIBRARY_PATH pointing at the build
tree; prints 'N passed, M failed'.
"""
import sys

import libvirt

results = []


def check(name, cond):
    results.append((name, bool(cond)))
    print(('PASS ' if cond else 'FAIL ') + name)


def expect_error(name, code, fn):
    try:
        fn()
    except libvirt.libvirtError as e:
        check(name, e.get_error_code() == code)
        return
    check(name + ' (no error raised)', False)


libvirt.registerErrorHandler(lambda ctx, err: None, None)

maps = open('/proc/self/maps').read()
libs = {line.split()[-1] for line in maps.splitlines() if '/' in line}
libvirt_libs = {p for p in libs
                if p.rsplit('/', 1)[-1].startswith(('libvirt.so', 'libvirt-qemu.so',
                                                    'libvirt-lxc.so', 'libnuvirt'))}
check('nuvirt is loaded and no stock libvirt library is',
      any('libnuvirt' in p for p in libvirt_libs) and
      not any(p.startswith(('/usr/lib', '/lib')) for p in libvirt_libs))

conn = libvirt.open('test:///default')
check('connection type', conn.getType() == 'TEST')
doms = conn.listAllDomains(0)
check('list shows the default domain', [d.name() for d in doms] == ['test'])
dom = conn.lookupByName('test')
check('dominfo of test', dom.info()[0] == libvirt.VIR_DOMAIN_RUNNING and dom.info()[1] == 8388608)
check('XML of test', "<domain type='test' id='1'>" in dom.XMLDesc(0))

xml = ("<domain type='test'><name>py1</name><memory unit='MiB'>64</memory>"
       "<vcpu>1</vcpu><os><type>hvm</type></os></domain>")
new = conn.defineXML(xml)
check('define', new.name() == 'py1' and not new.isActive() and new.isPersistent())
new.create()
check('start', new.isActive() and new.ID() > 1)
new.suspend()
check('suspend', new.state()[0] == libvirt.VIR_DOMAIN_PAUSED)
new.resume()
check('resume', new.state()[0] == libvirt.VIR_DOMAIN_RUNNING)
new.destroy()
check('destroy', not new.isActive())
new.undefine()
expect_error('undefined domain is gone', libvirt.VIR_ERR_NO_DOMAIN,
             lambda: conn.lookupByName('py1'))
expect_error('bad XML is rejected', libvirt.VIR_ERR_XML_DETAIL,
             lambda: conn.defineXML('<domain'))
# Events through python's own use of the default event loop.
libvirt.virEventRegisterDefaultImpl()
events = []
cbid = conn.domainEventRegisterAny(
    None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
    lambda c, d, ev, detail, opaque: events.append((d.name(), ev, detail)), None)
evdom = conn.defineXML(xml.replace('py1', 'pyev'))
evdom.create()
evdom.destroy()
evdom.undefine()
timer = libvirt.virEventAddTimeout(10, lambda t, o: None, None)
for _ in range(10):
    if len(events) >= 4:
        break
    libvirt.virEventRunDefaultImpl()
libvirt.virEventRemoveTimeout(timer)
check('lifecycle events in python', events == [
    ('pyev', libvirt.VIR_DOMAIN_EVENT_DEFINED, libvirt.VIR_DOMAIN_EVENT_DEFINED_ADDED),
    ('pyev', libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED),
    ('pyev', libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
    ('pyev', libvirt.VIR_DOMAIN_EVENT_UNDEFINED, libvirt.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)])
conn.domainEventDeregisterAny(cbid)

ro = libvirt.openReadOnly('test:///default')
expect_error('read-only destroy denied', libvirt.VIR_ERR_OPERATION_DENIED,
             lambda: ro.lookupByName('test').destroy())
ro.close()
conn.close()

failed = sum(1 for _, ok in results if not ok)
print(f'{len(results) - failed} passed, {failed} failed')
sys.exit(1 if failed else 0)
