#!/usr/bin/python3
# stock-errors.py KIND DIR: write NAME.err for every NAME.xml in DIR with
# the error stock libvirt gives for it.  KIND: domain defines it, network
# and pool define one, volume creates one in "default-pool", interface
# defines one, snapshot creates one of DIR/_base_domain.xml, checkpoint
# one of the domain "test", nodedev creates a device (all on the test
# driver); secret defines one on an embedded secret driver
# (secret:///embed in a temporary root: stock's test driver has no
# secrets); nwfilter parses it with stock libvirt's own filter reader
# (virNWFilterDefParse, a private symbol of Debian's libvirt.so.0, through
# ctypes: stock's test driver has no filters and its filter driver runs
# only privileged, on the host's files).  Run with Debian's python3-libvirt and without
# LD_LIBRARY_PATH, so that it loads stock libvirt.  The .err files are
# committed; rerun after adding a case.
import ctypes, glob, os, shutil, sys, tempfile
import libvirt


class NWFilterReader:
    """Stock libvirt's filter XML reader, called directly."""
    def __init__(self):
        lib = ctypes.CDLL('libvirt.so.0')
        lib.virNWFilterDefParse.restype = ctypes.c_void_p
        lib.virNWFilterDefParse.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        lib.virNWFilterDefFree.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def parse(self, xml):
        libvirt.virResetLastError()
        d = self.lib.virNWFilterDefParse(xml.encode(), None, 0)
        if not d:
            raise libvirt.libvirtError('virNWFilterDefParse')
        self.lib.virNWFilterDefFree(d)


def attempt(conn, kind, xml):
    if kind == 'domain':
        conn.defineXML(xml).undefine()
    elif kind == 'network':
        conn.networkDefineXML(xml).undefine()
    elif kind == 'pool':
        conn.storagePoolDefineXML(xml).undefine()
    elif kind == 'volume':
        conn.storagePoolLookupByName('default-pool').createXML(xml).delete()
    elif kind == 'interface':
        conn.interfaceDefineXML(xml).undefine()
    elif kind == 'snapshot':
        # as the corpus was recorded: on DIR/_base_domain.xml
        with open(os.path.join(where, '_base_domain.xml')) as fh:
            dom = conn.defineXML(fh.read())
        try:
            dom.snapshotCreateXML(xml)
        finally:
            dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
    elif kind == 'secret':
        conn.secretDefineXML(xml).undefine()
    elif kind == 'checkpoint':
        conn.lookupByName('test').checkpointCreateXML(xml).delete()
    elif kind == 'nodedev':
        conn.nodeDeviceCreateXML(xml).destroy()
    elif kind == 'nwfilter':
        conn.parse(xml)
    else:
        sys.exit('unknown kind %s' % kind)


kind, where = sys.argv[1], sys.argv[2]
libvirt.registerErrorHandler(lambda *a: None, None)
root = None
if kind == 'nwfilter':
    conn = NWFilterReader()
elif kind == 'secret':
    libvirt.virEventRegisterDefaultImpl()
    root = tempfile.mkdtemp()
    conn = libvirt.open('secret:///embed?root=' + root)
else:
    conn = libvirt.open('test:///default')
for path in sorted(glob.glob(os.path.join(where, '*.xml'))):
    if os.path.basename(path).startswith('_'):
        continue   # fixtures
    with open(path) as fh:
        xml = fh.read()
    try:
        attempt(conn, kind, xml)
        sys.exit('%s: stock accepts it; not a rejection case' % path)
    except libvirt.libvirtError as e:
        with open(path[:-4] + '.err', 'w') as fh:
            fh.write('code=%d domain=%d message=%s\n' % (
                e.get_error_code(), e.get_error_domain(),
                e.get_error_message().replace('\n', ' ')))
if root:
    conn.close()
    shutil.rmtree(root)
