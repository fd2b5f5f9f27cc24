#!/usr/bin/python3
"""nuvsh --json, checked against the API.

  json-check.py NUVSH LIBDIR

For each command family, nuvsh runs a command with --json on the test
driver (after the same set-up commands as the case's API side), the output
must parse as one JSON document, and its values must equal what
python3-libvirt (Debian's, loaded on our library through LD_LIBRARY_PATH)
reads from a fresh test:///default connection set up the same way.  Both
sides start from the same fixed test:///default state, so every fact that
is not derived from the clock must match exactly.  A last check runs every
command whose help lists --json and requires one parsable document.

Exit 77 without python3-libvirt.
"""
import json
import os
import subprocess
import sys

NUVSH, LIBDIR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
os.environ.pop('LIBVIRT_DEFAULT_URI', None)
# the loader reads LD_LIBRARY_PATH when a process starts: start again with it
if os.environ.get('LD_LIBRARY_PATH') != LIBDIR:
    os.environ['LD_LIBRARY_PATH'] = LIBDIR
    os.execv(sys.executable, [sys.executable] + sys.argv)
try:
    import libvirt
except ImportError:
    print('SKIP: python3-libvirt is not installed')
    sys.exit(77)

URI = 'test:///default'
libvirt.registerErrorHandler(lambda ctx, err: None, None)  # errors are checked, not printed
HERE = os.path.dirname(os.path.abspath(__file__))
failures = []
checked = 0


def nuvsh(script):
    """stdout of nuvsh -q running @script; the last command's JSON document."""
    r = subprocess.run([NUVSH, '-q', '-c', URI, script], cwd=HERE,
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError('nuvsh failed (%d): %s' % (r.returncode, r.stderr.strip()))
    return r.stdout


def doc_of(script):
    """The JSON document the last command of @script printed.  Set-up
    commands before it print with -q nothing but their messages, which end
    before the document's first line."""
    out = nuvsh(script)
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line in ('[', '{', '[]', '{}'):
            return json.loads('\n'.join(lines[i:]))
    raise AssertionError('no JSON document in: %r' % out)


def conn():
    return libvirt.open(URI)


def check(name, got, want):
    global checked
    checked += 1
    if got != want:
        failures.append('%s: got %r, want %r' % (name, got, want))


def case(fn):
    try:
        fn()
    except Exception as e:  # one family's failure must not hide the others
        failures.append('%s: %s: %s' % (fn.__name__, type(e).__name__, e))
    return fn


STATES = {0: 'no state', 1: 'running', 2: 'idle', 3: 'paused', 4: 'in shutdown',
          5: 'shut off', 6: 'crashed', 7: 'pmsuspended'}
SETUP_DOM = 'define data/small.xml; '


@case
def domain_listing():
    c = conn()
    c.defineXML(open(os.path.join(HERE, 'data/small.xml')).read())
    got = doc_of(SETUP_DOM + 'list --all --json')
    want = []
    for d in sorted(c.listAllDomains(0), key=lambda d: (d.ID() & 0xffffffff, d.name())):
        want.append({'id': d.ID() if d.ID() >= 0 else None, 'name': d.name(),
                     'uuid': d.UUIDString(), 'state': STATES[d.state()[0]]})
    check('list', got, want)


@case
def domain_info():
    c = conn()
    d = c.lookupByName('test')
    got = doc_of('dominfo test --json')
    state, maxmem, mem, ncpu, _ = d.info()
    for key, want in (('id', d.ID()), ('name', 'test'), ('uuid', d.UUIDString()),
                      ('os_type', d.OSType()), ('state', STATES[state]),
                      ('cpus', ncpu), ('max_memory', maxmem * 1024),
                      ('used_memory', mem * 1024), ('persistent', bool(d.isPersistent())),
                      ('autostart', bool(d.autostart())),
                      ('managed_save', bool(d.hasManagedSaveImage()))):
        check('dominfo.' + key, got.get(key), want)
    check('dominfo.cpu_time_ns is a number', isinstance(got['cpu_time_ns'], int), True)
    got = doc_of('domstate test --json')
    check('domstate', got['state'], STATES[d.state()[0]])


@case
def domain_devices():
    c = conn()
    d = c.lookupByName('test')
    got = doc_of('domblklist test --details --json')
    check('domblklist rows', [r['target'] for r in got], ['vda'])
    check('domblklist device', got[0]['device'], 'disk')
    info = d.blockInfo('vda')
    got = doc_of('domblkinfo test vda --json')
    check('domblkinfo', [got['capacity'], got['allocation'], got['physical']], list(info))
    got = doc_of('domblkinfo test --all --json')
    check('domblkinfo --all', [(r['target'], r['capacity']) for r in got], [('vda', info[0])])
    got = doc_of('domiflist test --json')
    check('domiflist', [(r['interface'], r['type'], r['source'], r['mac']) for r in got],
          [('testnet0', 'network', 'default', 'aa:bb:cc:dd:ee:ff')])
    got = doc_of('vcpuinfo test --json')
    vinfo, vmaps = d.vcpus()
    check('vcpuinfo', [(r['vcpu'], r['cpu'], r['affinity']) for r in got],
          [(v[0], v[3], [i for i, on in enumerate(m) if on]) for v, m in zip(vinfo, vmaps)])
    got = doc_of('domstats --json')
    want = {r[0].name(): r[1] for r in c.getAllDomainStats()}
    check('domstats', {r['domain']: r['stats'] for r in got}, want)
    got = doc_of('domjobinfo test --json')
    check('domjobinfo type', got['type'], 'None')


@case
def host():
    c = conn()
    info = c.getInfo()
    got = doc_of('nodeinfo --json')
    check('nodeinfo', [got['cpu_model'], got['memory'], got['cpus'], got['cpu_frequency_mhz'],
                       got['numa_cells'], got['cpu_sockets'], got['cores_per_socket'],
                       got['threads_per_core']],
          [info[0], info[1] * 1024 * 1024] + info[2:])
    # the test driver's figure is in MiB through virNodeGetInfo; nodememstats in KiB
    got = doc_of('nodememstats --json')
    check('nodememstats', got,
          {k: v * 1024 for k, v in c.getMemoryStats(libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS).items()})
    got = doc_of('nodecpustats --json')
    check('nodecpustats keys', sorted(got), ['idle', 'iowait', 'system', 'user'])
    got = doc_of('version --json')
    v = c.getLibVersion()
    check('version', got['library'], '%d.%d.%d' % (v // 1000000, v // 1000 % 1000, v % 1000))
    check('version type', got['hypervisor_type'], c.getType())
    check('hostname', doc_of('hostname --json'), {'hostname': c.getHostname()})
    check('uri', doc_of('uri --json'), {'uri': c.getURI()})
    got = doc_of('capabilities --json')
    check('capabilities guests', len(got['guests']),
          c.getCapabilities().count('<guest>'))


@case
def network():
    c = conn()
    n = c.networkLookupByName('default')
    got = doc_of('net-list --all --json')
    check('net-list', got, [{'name': 'default', 'state': 'active',
                             'autostart': bool(n.autostart()),
                             'persistent': bool(n.isPersistent()),
                             'uuid': n.UUIDString()}])
    got = doc_of('net-info default --json')
    check('net-info', got, {'name': 'default', 'uuid': n.UUIDString(), 'active': True,
                            'persistent': True, 'autostart': bool(n.autostart()),
                            'bridge': n.bridgeName()})


@case
def storage():
    c = conn()
    p = c.storagePoolLookupByName('default-pool')
    p.createXML("<volume><name>v1</name><capacity unit='M'>5</capacity></volume>", 0)
    state, cap, alloc, avail = p.info()
    got = doc_of('vol-create-as default-pool v1 5M; pool-list --all --json')
    check('pool-list', got, [{'name': 'default-pool', 'uuid': p.UUIDString(),
                              'state': 'running', 'persistent': True,
                              'autostart': bool(p.autostart()),
                              'capacity': cap, 'allocation': alloc, 'available': avail}])
    check('pool-info', doc_of('vol-create-as default-pool v1 5M; pool-info default-pool --json'),
          got[0])
    v = p.storageVolLookupByName('v1')
    vtype, vcap, valloc = v.info()
    want = {'name': 'v1', 'path': v.path(), 'type': 'file', 'capacity': vcap,
            'allocation': valloc}
    check('vol-list', doc_of('vol-create-as default-pool v1 5M; vol-list default-pool --json'),
          [want])
    check('vol-info', doc_of('vol-create-as default-pool v1 5M; '
                             'vol-info v1 --pool default-pool --json'), want)


@case
def snapshots_checkpoints():
    c = conn()
    d = c.lookupByName('test')
    d.snapshotCreateXML('<domainsnapshot><name>s1</name></domainsnapshot>', 0)
    d.snapshotCreateXML('<domainsnapshot><name>s2</name></domainsnapshot>', 0)
    setup = 'snapshot-create-as test s1; snapshot-create-as test s2; '
    got = doc_of(setup + 'snapshot-list test --json')
    want = []
    for s in sorted(d.listAllSnapshots(), key=lambda s: s.getName()):
        try:
            parent = s.getParent().getName()
        except libvirt.libvirtError:
            parent = None
        want.append((s.getName(), parent, bool(s.isCurrent())))
    check('snapshot-list', [(r['name'], r['parent'], r['current']) for r in got], want)
    got = doc_of(setup + 'snapshot-info test s1 --json')
    s1 = d.snapshotLookupByName('s1')
    check('snapshot-info', [got['name'], got['domain'], got['current'], got['children'],
                            got['descendants'], got['metadata']],
          ['s1', 'test', bool(s1.isCurrent()), s1.numChildren(),
           s1.numChildren(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS),
           bool(s1.hasMetadata())])
    # the test driver allows no checkpoint beside a snapshot
    for name in ('s2', 's1'):
        d.snapshotLookupByName(name).delete(0)
    d.checkpointCreateXML('<domaincheckpoint><name>c1</name></domaincheckpoint>', 0)
    got = doc_of('checkpoint-create-as test c1; checkpoint-list test --json')
    check('checkpoint-list', [(r['name'], r['parent']) for r in got],
          [(cp.getName(), None) for cp in d.listAllCheckpoints()])
    got = doc_of('checkpoint-create-as test c1; checkpoint-info test c1 --json')
    check('checkpoint-info', got, {'name': 'c1', 'domain': 'test', 'parent': None,
                                   'children': 0, 'descendants': 0})


@case
def other_objects():
    c = conn()
    got = doc_of('iface-list --all --json')
    check('iface-list', [(r['name'], r['mac']) for r in got],
          sorted((i.name(), i.MACString()) for i in c.listAllInterfaces()))
    check('nwfilter-list', doc_of('nwfilter-list --json'),
          [{'uuid': f.UUIDString(), 'name': f.name()} for f in c.listAllNWFilters()])
    try:
        secrets = c.listAllSecrets()
    except libvirt.libvirtError:
        secrets = []
    check('secret-list', [r['uuid'] for r in doc_of('secret-list --json')],
          sorted(s.UUIDString() for s in secrets))


def text_params(text):
    """'name : value' lines of the typed-parameter commands as a dict."""
    out = {}
    for line in text.splitlines():
        if ':' in line:
            k, v = line.split(':', 1)
            out[k.strip()] = v.strip()
    return out


@case
def domain_tuning_in_process():
    """schedinfo and domcontrol, which nuvirt's test driver answers."""
    text = text_params(nuvsh('schedinfo test'))
    got = doc_of('schedinfo test --json')
    check('schedinfo scheduler', got.pop('scheduler'), text.pop('Scheduler'))
    check('schedinfo params', {k: str(v) for k, v in got.items()}, text)
    check('domcontrol', doc_of('domcontrol test --json')['state'], nuvsh('domcontrol test').strip())


def stock_daemon():
    """A stock libvirtd with its own test:///default, started on a
    temporary socket (tests/compat/stock-libvirtd.sh); its URI through
    nuvirt's remote driver, the PID to stop, the directory.  None when it
    cannot run here."""
    import tempfile
    d = tempfile.mkdtemp()
    os.chmod(d, 0o755)
    lib = os.path.join(HERE, '..', 'compat', 'stock-libvirtd.sh')
    r = subprocess.run(['bash', '-c', '. "$0"; stock_libvirtd_start "$1" && echo "$spid"',
                        lib, d], capture_output=True, text=True, timeout=60,
                       env={k: v for k, v in os.environ.items() if k != 'LD_LIBRARY_PATH'})
    if r.returncode != 0 or not r.stdout.strip() or \
            not os.path.exists(os.path.join(d, 'run', 'libvirt-sock')):
        return None
    return 'test+unix:///default?socket=%s/run/libvirt-sock' % d, int(r.stdout.split()[-1]), d


def tuning_on_stock(uri):
    """The info commands nuvirt's own drivers do not answer yet, run by
    nuvsh through the remote driver on stock libvirt's test driver: each
    --json document carries the facts of the text form."""
    global URI
    URI = uri
    # memtune: KiB in the text, bytes in JSON, "unlimited" is null
    setup = 'memtune test --hard-limit 1G; '
    text = text_params(nuvsh(setup + 'memtune test'))
    got = doc_of(setup + 'memtune test --json')
    check('memtune', got, {k: None if v == 'unlimited' else int(v) * 1024
                           for k, v in text.items()})
    # blkiotune: per-device strings as lists of {device, value}
    setup = 'blkiotune test --device-weights /dev/sda,500 --live; '
    text = text_params(nuvsh(setup + 'blkiotune test'))
    got = doc_of(setup + 'blkiotune test --json')
    check('blkiotune weight', got.pop('weight'), int(text.pop('weight')))
    check('blkiotune devices', {k: ','.join('%s,%s' % (r['device'], r['value']) for r in v)
                                for k, v in got.items()}, text)
    # numatune: the mode's word; an empty node set is null
    text = text_params(nuvsh('numatune test'))
    check('numatune', doc_of('numatune test --json'),
          {k: v or None for k, v in text.items()})
    # perf: enabled/disabled as booleans
    text = text_params(nuvsh('perf test'))
    check('perf', doc_of('perf test --json'), {k: v == 'enabled' for k, v in text.items()})
    # iothreadinfo: the table's rows, the affinity range as CPU numbers
    setup = 'iothreadadd test 3 --live; '
    lines = nuvsh(setup + 'iothreadinfo test').splitlines()
    rows = [l.split() for l in lines if l.startswith(' ') and l.split()[0].isdigit()]
    got = doc_of(setup + 'iothreadinfo test --json')
    check('iothreadinfo', [(str(r['iothread_id']), '%d-%d' % (min(r['affinity']),
                                                               max(r['affinity'])))
                           for r in got], [(r[0], r[1]) for r in rows])
    check('iothreadinfo none', doc_of('iothreadinfo test --json'), [])
    # cpu-stats: nanoseconds in JSON, seconds with 9 decimals in the text
    text = nuvsh('cpu-stats test')
    got = doc_of('cpu-stats test --json')
    lines = []
    for row in got['cpus']:
        lines.append('CPU%d:' % row.pop('cpu'))
        lines += ['\t%-12s %19.9f seconds' % (k[:-3], v / 1e9) for k, v in row.items()]
    lines.append('Total:')
    lines += ['\t%-12s %19.9f seconds' % (k[:-3], v / 1e9) for k, v in got['total'].items()]
    check('cpu-stats', lines, text.splitlines()[:len(lines)])
    # domtime, domblkerror, domcontrol, domfsinfo
    check('domtime', 'Time: %d' % doc_of('domtime test --json')['time'],
          nuvsh('domtime test').strip())
    check('domblkerror', ['%s: %s' % (r['disk'], r['error'])
                          for r in doc_of('domblkerror test --json')],
          nuvsh('domblkerror test').strip().splitlines())
    check('domcontrol stock', doc_of('domcontrol test --json')['state'],
          nuvsh('domcontrol test').strip())
    rows = [l.split() for l in nuvsh('domfsinfo test').splitlines()[2:] if l.strip()]
    check('domfsinfo', [[r['mountpoint'], r['name'], r['type'], ','.join(r['targets'])]
                        for r in doc_of('domfsinfo test --json')], rows)
    # freecell: bytes in JSON, KiB in the text, in each of its three forms
    got = doc_of('freecell --all --json')
    text = nuvsh('freecell --all').splitlines()
    check('freecell --all', ['%5d: %10d KiB' % (c['cell'], c['free'] // 1024)
                             for c in got['cells']] + ['%5s: %10d KiB' % ('Total',
                                                                          got['total'] // 1024)],
          [l for l in text if l.strip() and not l.startswith('-')])
    got = doc_of('freecell 1 --json')
    check('freecell cell', '%d: %d KiB' % (got['cell'], got['free'] // 1024),
          nuvsh('freecell 1').strip())
    check('freecell total', 'Total: %d KiB' % (doc_of('freecell --json')['total'] // 1024),
          nuvsh('freecell').strip())
    # nodedev-info: the text's yes/no; null (cannot tell) is the text's "no"
    text = text_params(nuvsh('nodedev-info computer'))
    got = doc_of('nodedev-info computer --json')
    yesno = {True: 'yes', False: 'no', None: 'no'}
    check('nodedev-info', [got['name'], got['parent'] or '', yesno[got['active']],
                           yesno[got['persistent']],
                           'no autostart' if got['autostart'] is None
                           else yesno[got['autostart']]],
          [text['Name'], text['Parent'], text['Active'], text['Persistent'],
           text['Autostart']])


@case
def info_commands_on_stock():
    daemon = stock_daemon()
    if not daemon:
        print('stock libvirtd cannot run here (not root, no libvirtd or no user nobody): '
              'the info commands nuvirt does not answer are not checked')
        return
    uri, pid, d = daemon
    saved = URI
    before = checked
    try:
        tuning_on_stock(uri)
        print('%d checks through stock libvirtd' % (checked - before))
    finally:
        globals()['URI'] = saved
        os.kill(pid, 9)
        subprocess.run(['rm', '-rf', d])


@case
def every_json_command():
    """Every command whose help shows --json prints one document."""
    listing = subprocess.run([NUVSH, 'help'], capture_output=True, text=True).stdout
    cmds = [line.split()[0] for line in listing.splitlines()
            if line.startswith('    ') and line.split()]
    args = {'domain': 'test', 'network': 'default', 'pool': 'default-pool',
            'vol': 'v1', 'interface': 'testnet0', 'snapshotname': 's1',
            'checkpointname': 'c1', 'device': 'vda'}
    # the test driver allows no checkpoint beside a snapshot
    setups = {'snapshot': 'snapshot-create-as test s1; ',
              'checkpoint': 'checkpoint-create-as test c1; ',
              'vol': 'vol-create-as default-pool v1 5M; '}
    ran = 0
    for name in cmds:
        helptext = subprocess.run([NUVSH, 'help', name], capture_output=True,
                                  text=True).stdout
        if '--json' not in helptext:
            continue
        words = [name]
        synopsis = helptext.split('SYNOPSIS')[1].split('DESCRIPTION')[0].split('OPTIONS')[0]
        depth = 0
        for word in synopsis.split()[1:]:
            if depth == 0 and word.startswith('<') and word.endswith('>'):
                words.append(args.get(word[1:-1], 'test'))
            depth += word.count('[') - word.count(']')
        if name == 'nodedev-info':
            words = [name, 'computer']
        words += {'vol-info': ['--pool', 'default-pool'], 'domblkinfo': ['--all'],
                  'checkpoint-info': ['c1'], 'snapshot-info': ['s1']}.get(name, [])
        words.append('--json')
        setup = setups.get(name.split('-')[0], '')
        r = subprocess.run([NUVSH, '-q', '-c', URI, setup + ' '.join(words)], cwd=HERE,
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            # an API the test driver lacks is a fair failure, not a bad document
            if 'not supported' in r.stderr or 'unsupported' in r.stderr:
                continue
            failures.append('%s: exit %d: %s' % (' '.join(words), r.returncode, r.stderr))
            continue
        lines = r.stdout.splitlines()
        start = [i for i, l in enumerate(lines) if l in ('[', '{', '[]', '{}')]
        try:
            json.loads('\n'.join(lines[start[0]:]))
            ran += 1
        except (ValueError, IndexError) as e:
            failures.append('%s: not one JSON document: %s' % (' '.join(words), e))
    print('%d commands printed a JSON document' % ran)
    check('commands with --json ran', ran >= 30, True)


print('%d checks, %d failures' % (checked, len(failures)))
for f in failures:
    print('FAIL', f)
sys.exit(1 if failures else 0)
