# Every method of every class of the binding, and every module function,
# called at least once with arguments of the right types (from the
# parameter names): each answers or raises libvirtError, never anything
# else and never a crash.  The list of methods is taken from the module
# itself, so a new method is covered without editing this file.
import importlib.util
import inspect
import os

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

# Values by parameter name; the first matching rule wins.
RULES = [
    (lambda n: n in ('flags', 'source'), 0),
    (lambda n: n in ('cb', 'callback', 'handler', 'holeHandler', 'skipHandler',
                     'addHandle', 'updateHandle', 'removeHandle', 'addTimeout',
                     'updateTimeout', 'removeTimeout', 'f'), lambda *a: 0),
    (lambda n: n in ('opaque', 'ctx', 'mac', 'dom', 'net', 'pool', 'secret', 'dev',
                     'dxml', 'uri', 'emulatorbin', 'arch', 'machine', 'virttype',
                     'mountpoints', 'keys', 'time', 'dname', 'bandwidth_dict', 'nsuri'), None),
    (lambda n: n in ('params', 'pages') or n.endswith('params'), {}),
    (lambda n: n == 'cpumap', (True,)),
    (lambda n: n in ('files', 'doms', 'xmlCPUs', 'keycodes', 'cpus'), []),
    (lambda n: n == 'auth', [[], None, None]),
    (lambda n: n in ('uuid',), b'\x00' * 16),
    (lambda n: n in ('data', 'value'), b'x'),
    (lambda n: n in ('total', 'inData'), False),
    (lambda n: 'xml' in n.lower() or n in ('desc', 'description', 'metadata'), '<bad'),
    (lambda n: n in ('name', 'path', 'disk', 'device', 'devname', 'target', 'dev', 'base',
                     'top', 'key', 'uuidstr', 'usageID', 'bridge', 'portdev', 'user',
                     'password', 'model', 'cmd', 'command', 'codeset_name', 'mountPoint',
                     'alias', 'string', 'file', 'to', 'dest', 'cap', 'dxml', 'bandwidth',
                     'event', 'type', 'hostname', 'driver', 'iface', 'ifname', 'cpumodel',
                     'duri', 'miguri', 'dconnuri', 'portname', 'portgroup', 'mode',
                     'pool', 'vol', 'newname', 'new_name', 'content', 'drivername',
                     'format', 'devAlias', 'dest_path', 'uri_in', 'to_uri', 'keyfile',
                     'mime', 'passwd'), 'nonexistent'),
]
DESTRUCTIVE = ('close', 'destroy', 'undefine', 'delete', 'abort', 'finish', 'free',
               'reset', 'shutdown', 'reboot', 'managedSave', 'save', 'suspend', 'coreDump',
               'migrate', 'wipe', 'resize', 'PMSuspend')


def described_values(objects):
    """{(owner, method): {param: value}} from src/api/libvirt.api: each
    Python parameter's value follows its C argument's type; parameters the
    description cannot tie to an argument fall back to RULES."""
    spec = importlib.util.spec_from_file_location('genpy', os.path.join(SRC, 'python',
                                                                        'gen-python.py'))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    api = gen.apidesc.load(os.path.join(SRC, 'src', 'api', 'libvirt.api'))
    out = {}
    for pm in api.python:
        f = api.by_name[pm.function]
        cargs = [a for a in f.args if a.direction == 'in' and not gen.is_length(f, a)
                 and a.kind != 'local']
        names = [n for n, _ in pm.params]
        if pm.is_method:
            names = names[1:]
            if cargs and gen.handle_class(cargs[0].ctype) == pm.owner:
                cargs = cargs[1:]
        vals = {}
        for n, a in zip(names, cargs):
            cls = gen.handle_class(a.ctype)
            t = a.bare_type
            if cls:
                vals[n] = objects.get(cls, 0)
            elif a.kind == 'string':
                vals[n] = '<bad' if 'xml' in n.lower() else 'nonexistent'
            elif a.kind in ('scalar', 'flags') and t in gen.SCALAR_FORMATS:
                vals[n] = 0.0 if t == 'double' else 0
            elif a.kind == 'tparams':
                vals[n] = {}
            elif a.kind == 'array' and t == 'constchar**':
                vals[n] = []
            elif a.kind == 'fd':
                vals[n] = [] if t.endswith('*') else -1
            elif a.kind == 'uuid':
                vals[n] = b'\x00' * 16
        out[(pm.owner, pm.name)] = vals
    return out


DESCRIBED = {}
# Hand-written methods whose arguments are Python structures.
SPECIAL = {
    ('libvirt', 'openAuth'): {'auth': [[], None, None]},
    ('libvirt', 'virEventInvokeFreeCallback'): {'opaque': [0, None, None]},
    ('virConnect', 'getFreePages'): {'pages': [4]},
    ('virConnect', 'allocPages'): {'pages': {4: 1}},
    ('virStream', 'sparseSendAll'): {'handler': lambda s, n, o: b'',
                                     'holeHandler': lambda s, o: (False, 0)},
}


def value_for(name, owner=None, method=None):
    vals = dict(DESCRIBED.get((owner, method), {}))
    vals.update(SPECIAL.get((owner, method), {}))
    if name in vals:
        return vals[name]
    for match, value in RULES:
        if match(name):
            return value
    return 0      # counts, sizes, ids, offsets, timeouts, events


def call_all(libvirt, obj, methods, record, owner):
    first = [m for m in methods if not m.startswith(DESTRUCTIVE)]
    last = [m for m in methods if m.startswith(DESTRUCTIVE)]
    for name in first + last:
        fn = getattr(obj, name)
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.default is inspect.Parameter.empty]
        args = [value_for(p.name, owner, name) for p in params]
        try:
            fn(*args)
            record.append((name, 'ok'))
        except libvirt.libvirtError:
            # (The event loop calls fail without a library error, as in libvirt.)
            record.append((name, 'libvirtError'))
        except LookupError as e:
            # python3-libvirt's own answer to an empty parameter dict.
            if 'Need non-empty dictionary' not in str(e):
                raise
            record.append((name, 'libvirtError'))
        except Exception as e:   # anything else is a failure of this test
            record.append((name, f'{type(e).__name__}: {e}'))


def public_methods(cls):
    return sorted(n for n, v in vars(cls).items()
                  if inspect.isfunction(v) and not n.startswith('_'))


def test_every_method_answers_or_raises_libvirterror(libvirt, tmp_path):
    import libvirt_lxc
    import libvirt_qemu
    E = libvirt
    conn = libvirt.open('test:///default')
    tag = str(os.getpid())
    dom = conn.defineXML(f"<domain type='test'><name>every-{tag}</name><memory>65536</memory>"
                         "<os><type>hvm</type></os></domain>")
    dom.create()
    net = conn.networkDefineXML(f"<network><name>every-{tag}</name></network>")
    pool = conn.storagePoolLookupByName('default-pool')
    vol = pool.createXML(f"<volume><name>every-{tag}.img</name><capacity>1024</capacity>"
                         "</volume>", 0)
    secret = conn.secretDefineXML("<secret ephemeral='no' private='no'><usage type='volume'>"
                                  f"<volume>/every/{tag}</volume></usage></secret>")
    snap = dom.snapshotCreateXML('<domainsnapshot><name>s</name></domainsnapshot>', 0)
    iface = conn.listAllInterfaces()[0]
    dev = conn.listAllDevices()[0]
    nwfilter = conn.nwfilterDefineXML(f"<filter name='every-{tag}' chain='ipv4'/>")
    stream = conn.newStream(E.VIR_STREAM_NONBLOCK)
    objects = {'virDomain': dom, 'virNetwork': net, 'virStoragePool': pool,
               'virStorageVol': vol, 'virSecret': secret, 'virDomainSnapshot': snap,
               'virInterface': iface, 'virNodeDevice': dev, 'virNWFilter': nwfilter,
               'virStream': stream}
    owner = ("<owner><name>every</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
             "</owner><mac address='52:54:00:11:22:33'/>")
    objects['virNetworkPort'] = conn.networkLookupByName('default').portCreateXML(
        f"<networkport><uuid>22222222-2222-3333-4444-{int(tag):012d}</uuid>{owner}"
        "</networkport>", 0)
    objects['virNWFilterBinding'] = conn.nwfilterBindingCreateXML(
        f"<filterbinding>{owner}<portdev name='every{tag}'/>"
        f"<filterref filter='every-{tag}'/></filterbinding>", 0)
    objects['virDomainCheckpoint'] = conn.lookupByName('test').checkpointCreateXML(
        f'<domaincheckpoint><name>every-{tag}</name></domaincheckpoint>', 0)

    objects['virConnect'] = conn
    DESCRIBED.update(described_values(objects))
    record = {}
    classes = [n for n, v in vars(libvirt).items()
               if inspect.isclass(v) and v.__module__ == 'libvirt' and n.startswith('vir')]
    for cls_name in classes:
        if cls_name == 'virConnect':
            continue
        obj = objects.get(cls_name)
        if obj is None:
            continue
        call_all(libvirt, obj, public_methods(type(obj)), record.setdefault(cls_name, []),
                 cls_name)
    # Module functions (not the event loop's own, which would block or
    # replace the default loop), then the connection last.
    skip = {'virEventRunDefaultImpl', 'virEventRegisterImpl', 'registerErrorHandler'}
    funcs = [n for n, v in vars(libvirt).items() if inspect.isfunction(v)
             and v.__module__ == 'libvirt' and not n.startswith('_') and n not in skip]
    mod = record.setdefault('libvirt', [])
    call_all(libvirt, libvirt, sorted(funcs), mod, 'libvirt')
    for m in (libvirt_qemu, libvirt_lxc):
        fs = [n for n, v in vars(m).items() if inspect.isfunction(v)
              and v.__module__ == m.__name__ and not n.startswith('_')]
        call_all(libvirt, _Bound(m, conn, dom), sorted(fs), record.setdefault(m.__name__, []),
                 m.__name__)
    call_all(libvirt, conn, public_methods(libvirt.virConnect), record.setdefault('virConnect', []),
             'virConnect')

    bad = [(c, n, r) for c, rs in record.items() for n, r in rs
           if r not in ('ok', 'libvirtError')]
    assert not bad, '\n'.join(map(str, bad))
    missing = [c for c in classes if c not in record]
    assert not missing, f'classes with no instance to call: {missing}'
    total = sum(len(v) for v in record.values())
    ok = sum(1 for rs in record.values() for _, r in rs if r == "ok")
    print(f"{total} methods and functions called: {ok} answered, {total - ok} libvirtError")
    assert total > 480, total


class _Bound:
    """libvirt_qemu/libvirt_lxc functions take (domain or conn, ...): bind
    the first argument by its name so call_all can treat them as methods."""

    def __init__(self, mod, conn, dom):
        self.mod, self.conn, self.dom = mod, conn, dom

    def __getattr__(self, name):
        fn = getattr(self.mod, name)
        first = next(iter(inspect.signature(fn).parameters))
        bound = self.conn if first == 'conn' else self.dom

        def call(*args):
            return fn(bound, *args)
        call.__signature__ = inspect.Signature(
            list(inspect.signature(fn).parameters.values())[1:])
        return call
