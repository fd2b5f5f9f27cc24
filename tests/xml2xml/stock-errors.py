#!/usr/bin/python3
# stock-errors.py KIND DIR: write NAME.err for every NAME.xml in DIR with
# the error stock libvirt's test driver gives for it (KIND: domain defines
# it, network and pool define one, volume creates one in "default-pool").
# Run with Debian's python3-libvirt and without LD_LIBRARY_PATH, so that
# it loads stock libvirt.  The .err files are committed; rerun after
# adding a case.
import glob, os, sys
import libvirt


def attempt(conn, kind, xml):
    if kind == 'domain':
        conn.defineXML(xml).undefine()
    elif kind == 'network':
        conn.networkDefineXML(xml).undefine()
    elif kind == 'pool':
        conn.storagePoolDefineXML(xml).undefine()
    elif kind == 'volume':
        conn.storagePoolLookupByName('default-pool').createXML(xml).delete()
    else:
        sys.exit('unknown kind %s' % kind)


kind, where = sys.argv[1], sys.argv[2]
libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open('test:///default')
for path in sorted(glob.glob(os.path.join(where, '*.xml'))):
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
