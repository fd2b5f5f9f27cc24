# The calls OpenStack nova makes, in its order, on test:///default in
# process and through nuvirtd (test+unix://): openAuth with a callback, the
# default event loop on a thread, define/create/lifecycle events,
# suspend/resume, managedSave/restore, snapshots, metadata, attach/detach,
# stats, shutdown, destroy, undefine with flags, and the error codes of
# bad XML and conflicts.
import itertools
import os
import tempfile

import pytest

from conftest import wait_for

_serial = itertools.count()

DOMAIN_XML = '''<domain type='test'>
  <name>{name}</name>
  <memory unit='KiB'>262144</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/nova/{name}.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>'''

DISK_XML = '''<disk type='file' device='disk'>
  <source file='/var/lib/nova/extra.img'/>
  <target dev='vdb' bus='virtio'/>
</disk>'''


def auth_cb(creds, data):
    data.append([c[0] for c in creds])
    for c in creds:
        c[4] = 'unused'
    return 0


def lifecycle(libvirt, conn, name):
    seen = []

    def cb(c, dom, event, detail, opaque):
        if dom.name() == name:
            opaque.append((event, detail))
    cid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, seen)
    return cid, seen


def test_nova_sequence(libvirt, event_loop, uri):
    asked = []
    conn = libvirt.openAuth(uri, [[libvirt.VIR_CRED_AUTHNAME, libvirt.VIR_CRED_PASSPHRASE],
                                  auth_cb, asked], 0)
    assert conn.getType() == 'TEST'
    name = f'nova-{os.getpid()}-{next(_serial)}'
    cid, seen = lifecycle(libvirt, conn, name)
    E = libvirt

    dom = conn.defineXML(DOMAIN_XML.format(name=name))
    assert dom.isPersistent() == 1 and dom.isActive() == 0
    dom.createWithFlags(0)
    assert conn.lookupByName(name).UUIDString() == dom.UUIDString()
    assert dom.info()[0] == E.VIR_DOMAIN_RUNNING
    assert '<name>%s</name>' % name in dom.XMLDesc(0)

    dom.suspend()
    assert dom.state()[0] == E.VIR_DOMAIN_PAUSED
    dom.resume()
    assert dom.state()[0] == E.VIR_DOMAIN_RUNNING

    dom.managedSave(0)
    assert dom.hasManagedSaveImage(0) == 1 and dom.isActive() == 0
    dom.create()                         # restores from the managed save
    assert dom.isActive() == 1 and dom.hasManagedSaveImage(0) == 0

    snap = dom.snapshotCreateXML('<domainsnapshot><name>s1</name></domainsnapshot>', 0)
    assert snap.getName() == 's1' and snap.getDomain().name() == name
    assert [s.getName() for s in dom.listAllSnapshots()] == ['s1']
    assert dom.snapshotCurrent().getName() == 's1'
    snap.delete(0)
    assert dom.snapshotNum() == 0

    dom.setMetadata(E.VIR_DOMAIN_METADATA_DESCRIPTION, 'nova instance', None, None,
                    E.VIR_DOMAIN_AFFECT_LIVE)
    assert dom.metadata(E.VIR_DOMAIN_METADATA_DESCRIPTION, None,
                        E.VIR_DOMAIN_AFFECT_LIVE) == 'nova instance'
    dom.setMetadata(E.VIR_DOMAIN_METADATA_ELEMENT, '<instance uuid="1"/>', 'nova',
                    'http://openstack.org/xmlns/libvirt/nova/1.0', E.VIR_DOMAIN_AFFECT_CONFIG)
    assert 'instance' in dom.metadata(E.VIR_DOMAIN_METADATA_ELEMENT,
                                      'http://openstack.org/xmlns/libvirt/nova/1.0',
                                      E.VIR_DOMAIN_AFFECT_CONFIG)

    dom.attachDeviceFlags(DISK_XML, E.VIR_DOMAIN_AFFECT_CONFIG)
    assert "dev='vdb'" in dom.XMLDesc(E.VIR_DOMAIN_XML_INACTIVE)
    dom.detachDeviceFlags(DISK_XML, E.VIR_DOMAIN_AFFECT_CONFIG)
    assert "dev='vdb'" not in dom.XMLDesc(E.VIR_DOMAIN_XML_INACTIVE)

    stats = dict((d.name(), s) for d, s in conn.getAllDomainStats())
    assert stats[name]['state.state'] == E.VIR_DOMAIN_RUNNING
    (d, s), = conn.domainListGetStats([dom], E.VIR_DOMAIN_STATS_STATE)
    assert d.name() == name and s['state.state'] == E.VIR_DOMAIN_RUNNING
    assert dom.blockStats('vda')[0] >= 0
    assert len(dom.memoryStats()) >= 0

    dom.shutdown()
    assert wait_for(lambda: dom.isActive() == 0)
    dom.create()
    dom.destroy()
    assert dom.isActive() == 0

    # Undefine with flags: the managed save image and snapshot metadata go too.
    dom.create()
    dom.managedSave(0)
    dom.undefineFlags(E.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                      E.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
    with pytest.raises(E.libvirtError) as err:
        conn.lookupByName(name)
    assert err.value.get_error_code() == E.VIR_ERR_NO_DOMAIN

    expected = [
        (E.VIR_DOMAIN_EVENT_DEFINED, E.VIR_DOMAIN_EVENT_DEFINED_ADDED),
        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_BOOTED),
        (E.VIR_DOMAIN_EVENT_SUSPENDED, E.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
        (E.VIR_DOMAIN_EVENT_RESUMED, E.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
        (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SAVED),
        (E.VIR_DOMAIN_EVENT_STARTED, E.VIR_DOMAIN_EVENT_STARTED_RESTORED),
    ]
    assert wait_for(lambda: len(seen) >= len(expected) + 5), seen
    assert seen[:len(expected)] == expected, seen
    assert (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN) in seen
    assert (E.VIR_DOMAIN_EVENT_STOPPED, E.VIR_DOMAIN_EVENT_STOPPED_DESTROYED) in seen
    assert wait_for(lambda: seen[-1] == (E.VIR_DOMAIN_EVENT_UNDEFINED,
                                          E.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)), seen
    conn.domainEventDeregisterAny(cid)
    conn.close()


def test_bad_xml_and_conflicts(libvirt, uri):
    E = libvirt
    conn = libvirt.open(uri)
    with pytest.raises(E.libvirtError) as err:
        conn.defineXML('<domain type="test"><name>broken')
    # Malformed XML: libxml2's complaint, as libvirt reports it.
    assert err.value.get_error_code() == E.VIR_ERR_XML_DETAIL
    with pytest.raises(E.libvirtError) as err:
        conn.defineXML('<domain type="test"><memory>1</memory></domain>')
    assert err.value.get_error_code() == E.VIR_ERR_NO_NAME
    name = f'conflict-{os.getpid()}-{next(_serial)}'
    dom = conn.defineXML(DOMAIN_XML.format(name=name))
    try:
        # Same name, other UUID: libvirt's "already exists" answer.
        other = DOMAIN_XML.format(name=name).replace(
            '<name>', '<uuid>11111111-2222-3333-4444-555555555555</uuid><name>')
        with pytest.raises(E.libvirtError) as err:
            conn.defineXML(other)
        assert err.value.get_error_code() == E.VIR_ERR_OPERATION_FAILED
        dom.create()
        with pytest.raises(E.libvirtError) as err:
            dom.create()
        # Stock 9.0's test driver answers a second start with INTERNAL_ERROR.
        assert err.value.get_error_code() == E.VIR_ERR_INTERNAL_ERROR
        assert 'already running' in str(err.value)
        dom.destroy()
        with pytest.raises(E.libvirtError) as err:
            dom.destroy()
        assert err.value.get_error_code() == E.VIR_ERR_OPERATION_INVALID
    finally:
        dom.undefine()
    conn.close()


def test_openauth_callback_answers_credentials(libvirt, tmp_path):
    """A test driver node file with <auth> asks for a user and password
    through the Python callback, which fills in the list it is given."""
    node = tmp_path / 'node.xml'
    node.write_text("<node><auth><user password='s3cret'>alice</user></auth>"
                    "<domain type='test'><name>authdom</name><memory>65536</memory>"
                    "<os><type>hvm</type></os></domain></node>")
    asked = []

    def cb(creds, answers):
        for c in creds:
            asked.append((c[0], c[1], c[2]))
            c[4] = answers[c[0]]
        return 0
    E = libvirt
    creds = [E.VIR_CRED_AUTHNAME, E.VIR_CRED_PASSPHRASE]
    c = libvirt.openAuth(f'test://{node}', [creds, cb, {E.VIR_CRED_AUTHNAME: 'alice',
                                                         E.VIR_CRED_PASSPHRASE: 's3cret'}], 0)
    assert [d.name() for d in c.listAllDomains()] == ['authdom']
    c.close()
    assert [a[0] for a in asked] == [E.VIR_CRED_AUTHNAME, E.VIR_CRED_PASSPHRASE]
    assert all(isinstance(a[1], str) for a in asked)
    with pytest.raises(E.libvirtError) as err:
        libvirt.openAuth(f'test://{node}', [creds, cb, {E.VIR_CRED_AUTHNAME: 'alice',
                                                         E.VIR_CRED_PASSPHRASE: 'wrong'}], 0)
    assert err.value.get_error_code() == E.VIR_ERR_AUTH_FAILED

    def raising(creds, data):
        raise RuntimeError('callback failure')
    with pytest.raises(E.libvirtError) as err:
        libvirt.openAuth(f'test://{node}', [creds, raising, None], 0)
    assert err.value.get_error_code() == E.VIR_ERR_AUTH_FAILED
