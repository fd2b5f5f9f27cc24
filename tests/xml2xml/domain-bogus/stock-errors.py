#!/usr/bin/python3
# stock-errors.py: write NAME.err for every NAME.xml here with the error
# stock libvirt's test driver gives when defining it (Debian's
# python3-libvirt, without LD_LIBRARY_PATH, so that it loads stock
# libvirt).  The .err files are committed; rerun after adding a case.
import glob, os, sys
import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
conn = libvirt.open('test:///default')
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for path in sorted(glob.glob('*.xml')):
    with open(path) as fh:
        xml = fh.read()
    try:
        conn.defineXML(xml).undefine()
        sys.exit('%s: stock accepts it; not a rejection case' % path)
    except libvirt.libvirtError as e:
        with open(path[:-4] + '.err', 'w') as fh:
            fh.write('code=%d domain=%d message=%s\n' % (
                e.get_error_code(), e.get_error_domain(),
                e.get_error_message().replace('\n', ' ')))
