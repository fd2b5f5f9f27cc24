#!/usr/bin/python3
# nodefile-corpus.py [-v] [--min-match N] LIBDIR CORPUS_TESTNODE_DIR
#
# Opens each node file case of stock libvirt's corpus (testnode/<case>/
# <case>.xml) as test://<absolute path> through python3-libvirt running on
# nuvirt's libvirt.so.0 from LIBDIR, and compares with the stock record
# testnode/<case>.out.xml (or .err) by the corpus README's rule: the
# <info> element, then the <domain>, <network>, <pool> (with a <vol> for
# each volume of an active pool), <iface> and <nodedev> entries with their
# XML.  The whole record is compared, so a part we leave out or get wrong
# is a difference.  Given a LIBDIR without libvirt.so.0, the script runs
# on stock libvirt, which checks the script itself (all cases match).
#
# Prints "testnode corpus: X/Y match"; exits 1 when fewer than N cases
# match, 77 when python3-libvirt is missing.
import argparse
import os
import sys

parser = argparse.ArgumentParser(description='stock testnode corpus on nuvirt')
parser.add_argument('-v', action='store_true', dest='verbose', help='list matches too')
parser.add_argument('--min-match', type=int, default=0,
                    help='fail when fewer cases match')
parser.add_argument('libdir')
parser.add_argument('corpus')
opts = parser.parse_args()
verbose, min_match = opts.verbose, opts.min_match
libdir, corpus = os.path.abspath(opts.libdir), os.path.abspath(opts.corpus)

# The dynamic loader reads LD_LIBRARY_PATH only at start: run again with it.
if os.environ.get('LD_LIBRARY_PATH') != libdir:
    os.environ['LD_LIBRARY_PATH'] = libdir
    os.environ.pop('LIBVIRT_DEFAULT_URI', None)
    os.execv(sys.executable, [sys.executable] + sys.argv)

try:
    import libvirt
except ImportError:
    print('SKIP: python3-libvirt is not installed')
    sys.exit(77)
import xml.etree.ElementTree as ET

libvirt.registerErrorHandler(lambda ctx, err: None, None)

GENERATED_TEXT = ('uuid', 'genid')
GENERATED_ATTR = {('mac', 'address'), ('parameters', 'instanceid'),
                  ('parameters', 'interfaceid')}


def text_of(e):
    return (e.text or '').strip()


def generated(inputs, tag, attr, expected, got):
    """A value the implementation cannot reproduce, absent from the inputs."""
    if attr is None and tag not in GENERATED_TEXT:
        return False
    if attr is not None and (tag, attr) not in GENERATED_ATTR:
        return False
    if not expected or expected in inputs:
        return False
    return bool(got)


def compare(inputs, exp, got, path=''):
    """None when equal, else the first difference."""
    path = path + '/' + exp.tag
    if exp.tag != got.tag:
        return '%s: expected <%s>, got <%s>' % (path, exp.tag, got.tag)
    for k, v in exp.attrib.items():
        if k not in got.attrib:
            return "%s: missing attribute %s='%s'" % (path, k, v)
        if got.attrib[k] != v and not generated(inputs, exp.tag, k, v, got.attrib[k]):
            return "%s: attribute %s expected '%s', got '%s'" % (path, k, v, got.attrib[k])
    for k, v in got.attrib.items():
        if k not in exp.attrib:
            return "%s: extra attribute %s='%s'" % (path, k, v)
    et, gt = text_of(exp), text_of(got)
    if et != gt and not generated(inputs, exp.tag, None, et, gt):
        return "%s: text expected '%.40s', got '%.40s'" % (path, et, gt)
    ec, gc = list(exp), list(got)
    for a, b in zip(ec, gc):
        why = compare(inputs, a, b, path)
        if why:
            return why
    if len(ec) > len(gc):
        return '%s/%s: missing element' % (path, ec[len(gc)].tag)
    if len(gc) > len(ec):
        return '%s/%s: extra element' % (path, gc[len(ec)].tag)
    return None



def compare_record(inputs, exp, got):
    """None when the records are equal, else every entry that differs (an
    entry being one <info>, <domain>, <network>, ... of the record), so
    that one wrong part does not hide another."""
    if exp.tag != got.tag or exp.attrib or got.attrib:
        return compare(inputs, exp, got)
    ec, gc = list(exp), list(got)
    why = []
    for a, b in zip(ec, gc):
        d = compare(inputs, a, b, '/' + exp.tag)
        if d:
            why.append(d)
    if len(ec) > len(gc):
        why.append('/%s: missing %s' % (exp.tag, ', '.join(
            "<%s name='%s'>" % (e.tag, e.get('name', '')) for e in ec[len(gc):])))
    if len(gc) > len(ec):
        why.append('/%s: extra %s' % (exp.tag, ', '.join(
            "<%s name='%s'>" % (e.tag, e.get('name', '')) for e in gc[len(ec):])))
    return '; '.join(why) if why else None


def by_name(objs):
    return sorted(objs, key=lambda o: o.name())


def wrap(top, tag, xml, **attrs):
    """<tag attrs...> holding the object's XML, as the stock record has it."""
    w = ET.SubElement(top, tag, {k: str(v) for k, v in attrs.items()})
    w.append(ET.fromstring(xml))
    return w


def record(conn):
    """Our <testnode> document, in the stock record's layout."""
    top = ET.Element('testnode')
    model, mem, cpus, mhz, nodes, sockets, cores, threads = conn.getInfo()
    ET.SubElement(top, 'info', model=model, memory=str(mem), cpus=str(cpus),
                  mhz=str(mhz), nodes=str(nodes), sockets=str(sockets),
                  cores=str(cores), threads=str(threads))
    for d in by_name(conn.listAllDomains()):
        state, maxmem, memory, vcpus, _ = d.info()
        wrap(top, 'domain', d.XMLDesc(0), name=d.name(), id=d.ID(), state=state,
             maxmem=maxmem, memory=memory, vcpus=vcpus, persistent=d.isPersistent(),
             autostart=d.autostart())
    for n in by_name(conn.listAllNetworks()):
        wrap(top, 'network', n.XMLDesc(0), name=n.name(), active=n.isActive(),
             persistent=n.isPersistent(), autostart=n.autostart())
    for p in by_name(conn.listAllStoragePools()):
        state, capacity, allocation, available = p.info()
        w = wrap(top, 'pool', p.XMLDesc(0), name=p.name(), state=state,
                 capacity=capacity, allocation=allocation, available=available,
                 persistent=p.isPersistent(), autostart=p.autostart())
        if p.isActive():
            for v in by_name(p.listAllVolumes()):
                wrap(w, 'vol', v.XMLDesc(0), name=v.name())
    for i in by_name(conn.listAllInterfaces()):
        wrap(top, 'iface', i.XMLDesc(0), name=i.name(), active=i.isActive())
    for dev in by_name(conn.listAllDevices()):
        wrap(top, 'nodedev', dev.XMLDesc(0), name=dev.name())
    return top


def run_case(case):
    casedir = os.path.join(corpus, case)
    inputs = ''
    for name in sorted(os.listdir(casedir)):
        with open(os.path.join(casedir, name), encoding='utf-8', errors='replace') as f:
            inputs += f.read()
    out = os.path.join(corpus, case + '.out.xml')
    err = os.path.join(corpus, case + '.err')
    try:
        conn = libvirt.open('test://' + os.path.join(casedir, case + '.xml'))
        got_err = None
    except libvirt.libvirtError as e:
        conn, got_err = None, e
    if os.path.exists(err):
        with open(err) as f:
            line = f.read().strip()
        code = int(line.split()[0].split('=')[1])
        if got_err is None:
            conn.close()
            return 'expected error code %d, the open succeeded' % code
        if got_err.get_error_code() != code:
            return 'expected error code %d, got %d: %s' % (code, got_err.get_error_code(),
                                                         got_err)
        return None
    if got_err is not None:
        return 'open failed: code %d: %s' % (got_err.get_error_code(), got_err)
    try:
        got = record(conn)
    except libvirt.libvirtError as e:
        return 'query failed: code %d: %s' % (e.get_error_code(), e)
    finally:
        conn.close()
    return compare_record(inputs, ET.parse(out).getroot(), got)


cases = sorted(n for n in os.listdir(corpus)
               if os.path.isdir(os.path.join(corpus, n)) and not n.startswith('_'))
matched = 0
for case in cases:
    why = run_case(case)
    if why is None:
        matched += 1
        if verbose:
            print('MATCH %s' % case)
    else:
        print('DIFF  %s: %s' % (case, why))
print('testnode corpus: %d/%d match' % (matched, len(cases)))
if matched < min_match:
    print('below the threshold of %d' % min_match)
    sys.exit(1)
sys.exit(0)
