#!/usr/bin/env python3
"""Cross-check src/api/libvirt.api against facts kept outside the repo.

  apidesc-crosscheck.py DESCRIPTION [--xml-dir DIR] [--go-dir DIR] [-v]

1. libvirt's own API description (Debian's libvirt-dev installs it in
   /usr/share/libvirt/api): the same functions, return and argument types
   and names, since-versions and header modules; every callback type with
   its signature; every event ID value; and, for each pointer argument whose
   documentation states a direction ("(OUT)", "(IN)", "(return value...",
   "(returned)", "input and output", ...), the direction in ours.
2. go-libvirt's generated remote protocol (Debian's
   golang-github-digitalocean-go-libvirt-dev): every procedure number we
   give names the procedure of that function (or event); the layout of the
   procedure's arguments and reply matches our directions (in/inout
   arguments travel in the call, out/inout ones and the return value in the
   reply, an array's length is not sent apart from the array except as the
   capacity of an out array), our types and nullability; stream procedures
   match our stream markers; every limit we state has go-libvirt's value.
   Procedures newer than go-libvirt's snapshot are counted as not checked.

Every disagreement is printed; the exit status is 1 if there is any, 77
when neither source is installed.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'src' / 'api'))
import apidesc  # noqa: E402

XML_DIR = '/usr/share/libvirt/api'
GO_DIR = '/usr/share/gocode/src/github.com/digitalocean/go-libvirt'

problems = []


def problem(text):
    problems.append(text)


def norm_ctype(t):
    t = re.sub(r'\s*\*\s*', '*', t.strip())
    return re.sub(r'\s+', ' ', t)


# --------------------------------------------------------------- libvirt-api.xml

OUT_MARKERS = re.compile(r'\(OUT\)|\(return value|\(returned\)|^returned |the value returned|'
                         r'will be filled|that will be filled|pointer filled|'
                         r'populate on output|will be auto-allocated|^return value')
IN_MARKERS = re.compile(r'\(IN\)')
INOUT_MARKERS = re.compile(r'input and output')


def stated_direction(info):
    if INOUT_MARKERS.search(info):
        return 'inout'
    if IN_MARKERS.search(info):
        return 'in'
    if OUT_MARKERS.search(info):
        return 'out'
    return None


def check_xml(api, xml_dir, verbose):
    files = ['libvirt-api.xml', 'libvirt-qemu-api.xml', 'libvirt-lxc-api.xml']
    funcs, functypes, enums, variables = {}, {}, {}, set()
    for name in files:
        root = ET.parse(os.path.join(xml_dir, name)).getroot()
        for f in root.iter('function'):
            funcs[f.get('name')] = f
        for f in root.iter('functype'):
            functypes[f.get('name')] = f
        for e in root.iter('enum'):
            enums[e.get('name')] = e.get('value')
        for v in root.iter('variable'):
            variables.add(v.get('name'))
    ours = {f.name: f for f in api.functions}
    n_args = n_dirs = 0
    for name in sorted(set(funcs) - set(ours)):
        problem(f'xml: {name} is in libvirt-api.xml, not in the description')
    for name in sorted(set(ours) - set(funcs)):
        if ours[name].variable and name in variables:
            continue
        problem(f'xml: {name} is in the description, not in libvirt-api.xml')
    for name in sorted(set(funcs) & set(ours)):
        x, f = funcs[name], ours[name]
        ret = x.find('return')
        if norm_ctype(ret.get('type')) != norm_ctype(f.ret):
            problem(f'xml: {name}: returns {ret.get("type")}, ours {f.ret}')
        if x.get('version') != f.since:
            problem(f'xml: {name}: since {x.get("version")}, ours {f.since}')
        if x.get('module') != f.module:
            problem(f'xml: {name}: module {x.get("module")}, ours {f.module}')
        xargs = x.findall('arg')
        if [a.get('name') for a in xargs] != [a.name for a in f.args]:
            problem(f'xml: {name}: arguments {[a.get("name") for a in xargs]}, '
                    f'ours {[a.name for a in f.args]}')
            continue
        for xa, a in zip(xargs, f.args):
            n_args += 1
            if norm_ctype(xa.get('type')) != norm_ctype(a.ctype):
                problem(f'xml: {name}({a.name}): type {xa.get("type")}, ours {a.ctype}')
            if a.kind in ('string', 'handle', 'stream', 'callback') or \
                    not ('*' in a.ctype or a.bare_type.endswith('Ptr')):
                continue
            stated = stated_direction(xa.get('info', ''))
            if stated:
                n_dirs += 1
                if stated != a.direction:
                    problem(f'xml: {name}({a.name}): documented {stated}, ours {a.direction}')
    n_cb = 0
    for c in api.callbacks:
        x = functypes.get(c.name)
        if x is None:
            problem(f'xml: callback {c.name} is not a libvirt function type')
            continue
        n_cb += 1
        if norm_ctype(x.find('return').get('type')) != norm_ctype(c.ret):
            problem(f'xml: callback {c.name}: returns {x.find("return").get("type")}, ours {c.ret}')
        xa = [(a.get('name'), norm_ctype(a.get('type'))) for a in x.findall('arg')]
        oa = [(a.name, norm_ctype(a.ctype)) for a in c.args]
        if xa != oa:
            problem(f'xml: callback {c.name}: arguments {xa}, ours {oa}')
    described = {c.name for c in api.callbacks}
    for name in sorted(set(functypes) - described):
        problem(f'xml: function type {name} is not described')
    n_ev = 0
    for e in api.events:
        if e.id is None:
            continue
        n_ev += 1
        if enums.get(e.name) != str(e.id):
            problem(f'xml: event {e.name}: value {enums.get(e.name)}, ours {e.id}')
    ids = {k for k in enums if re.match(r'VIR_(DOMAIN|NETWORK|STORAGE_POOL|NODE_DEVICE|SECRET)'
                                        r'_EVENT_ID_', k) and not k.endswith('_LAST')}
    for name in sorted(ids - {e.name for e in api.events}):
        problem(f'xml: event {name} is not described')
    print(f'libvirt-api.xml: {len(set(funcs) & set(ours))} functions, {n_args} arguments, '
          f'{n_dirs} stated directions, {n_cb} callback types, {n_ev} event IDs checked')


# --------------------------------------------------------------- go-libvirt

# Calls whose procedure is named otherwise (libvirt's protocol names).
PROC_NAMES = {'virConnectOpenAuth': 'ConnectOpen',
              'virDomainListGetStats': 'ConnectGetAllDomainStats'}


def camel_to_go(name):
    """virDomainCreateWithFlags -> DomainCreateWithFlags (go-libvirt's spelling)."""
    return name[3:] if name.startswith('vir') else name


def go_key(name):
    return re.sub(r'[^a-z0-9]', '', name.lower())


def parse_go(go_dir):
    procs = {'remote': {}, 'qemu': {}}
    consts = {}
    text = Path(go_dir, 'internal/constants/remote_protocol.gen.go').read_text()
    for m in re.finditer(r'^\s*Proc(\w+) = (\d+)', text, re.M):
        procs['remote'][int(m.group(2))] = m.group(1)
    for m in re.finditer(r"^\s*// (\w+) is libvirt's (REMOTE_\w+)\n\s*\1 = (\w+)", text, re.M):
        consts[m.group(2)] = int(m.group(3), 0)
    qtext = Path(go_dir, 'internal/constants/qemu_protocol.gen.go').read_text()
    for m in re.finditer(r'^\s*QEMUProc(\w+) = (\d+)', qtext, re.M):
        procs['qemu'][int(m.group(2))] = m.group(1)
    structs = {}
    named_ints = set()
    for fname in ('remote_protocol.gen.go', 'qemu_protocol.gen.go', 'const.gen.go'):
        src = Path(go_dir, fname).read_text()
        for m in re.finditer(r'^type (\w+) struct \{\n(.*?)^\}', src, re.M | re.S):
            fields = re.findall(r'^\t(\w+) (\S+)$', m.group(2), re.M)
            structs[(fname.split('_')[0], m.group(1))] = fields
        for m in re.finditer(r'^type (\w+) u?int(8|16|32|64)$', src, re.M):
            named_ints.add(m.group(1))
    streams = {}
    src = Path(go_dir, 'remote_protocol.gen.go').read_text()
    for m in re.finditer(r'requestStream\((\d+), constants\.Program, buf, (\w+), (\w+)\)', src):
        if m.group(2) != 'nil' or m.group(3) != 'nil':
            streams[int(m.group(1))] = (m.group(2) != 'nil', m.group(3) != 'nil')
    return procs, consts, structs, named_ints, streams


HANDLE_GO = {
    'virConnectPtr': None, 'virDomainPtr': 'Domain', 'virNetworkPtr': 'Network',
    'virNetworkPortPtr': 'NetworkPort', 'virStoragePoolPtr': 'StoragePool',
    'virStorageVolPtr': 'StorageVol', 'virSecretPtr': 'Secret', 'virInterfacePtr': 'Interface',
    'virNodeDevicePtr': 'NodeDevice', 'virNWFilterPtr': 'Nwfilter',
    'virNWFilterBindingPtr': 'NwfilterBinding', 'virDomainSnapshotPtr': 'DomainSnapshot',
    'virDomainCheckpointPtr': 'DomainCheckpoint', 'virStreamPtr': None,
}
INT_GO = {'int': 'int32', 'unsigned int': 'uint32', 'long': 'int64', 'unsigned long': 'uint64',
          'long long': 'int64', 'unsigned long long': 'uint64', 'double': 'float64',
          'size_t': 'uint64'}


def base_scalar(ctype):
    t = ctype.replace('const ', '').strip()
    return t[:-1].strip() if t.endswith('*') else t


def go_type_ok(arg, gotype, named_ints, as_return=False):
    """Whether go-libvirt's type of a field fits our argument @arg."""
    t = arg.bare_type if arg is not None else ''
    g = gotype
    if g in named_ints:
        g = 'int32'
    if arg.kind in ('handle',):
        want = HANDLE_GO.get(t)
        # A node device travels as its name.
        return g in (want, 'Opt' + (want or '')) or (want == 'NodeDevice' and g == 'string')
    if arg.kind == 'string':
        return g == ('string' if arg.nonnull else 'OptString') or (
            arg.direction != 'in' and g in ('string', 'OptString'))
    if arg.kind == 'tparams':
        return g == '[]TypedParam'
    if arg.kind == 'uuid':
        return g == 'UUID'
    if arg.kind in ('bytes', 'cpumap'):
        return g in ('[]byte', '[]int8', 'string')
    if arg.kind == 'flags':
        return g in ('uint32', 'int32')
    if base_scalar(arg.ctype) == 'size_t':
        return g in ('uint32', 'uint64')
    ctype = arg.ctype
    if arg.length or arg.count:
        return g.startswith('[]') or g in ('OptString', 'string')
    scalar = base_scalar(ctype)
    if scalar in INT_GO:
        want = INT_GO[scalar]
        # XDR has no unsigned long: libvirt sends hyper/unsigned hyper; int
        # and unsigned int are interchangeable for flags-like enums.
        return g == want or (want in ('int32', 'uint32') and g in ('int32', 'uint32')) or \
            (want in ('int64', 'uint64') and g in ('int64', 'uint64'))
    return True   # structs flatten into several fields: checked by count elsewhere


def check_go(api, go_dir, verbose):
    procs, consts, structs, named_ints, streams = parse_go(go_dir)
    checked = unchecked = layouts = 0
    newer_limits = []
    shared = {}
    for f in api.functions:
        if f.proc is not None:
            shared.setdefault((f.program, f.proc), []).append(f.name)
    seen = {'remote': set(), 'qemu': set()}
    for name, value in api.limits.items():
        if name in consts and consts[name] != value:
            problem(f'go: limit {name} is {consts[name]} in go-libvirt, ours {value}')
        elif name not in consts:
            newer_limits.append(name)
    for f in api.functions:
        for what, lim in [('return', f.limit)] + [(a.name, a.limit) for a in f.args]:
            pass
        if f.proc is None or f.program not in procs:
            continue
        table = procs[f.program]
        if f.proc > max(table):
            unchecked += 1
            continue
        goname = table.get(f.proc)
        seen[f.program].add(f.proc)
        if goname is None:
            problem(f'go: {f.name}: procedure {f.proc} does not exist')
            continue
        expect = PROC_NAMES.get(f.name) or camel_to_go(f.name)
        if f.via is None and go_key(goname) != go_key(expect) and \
                go_key(goname) != go_key(expect.replace('Qemu', '')):
            problem(f'go: {f.name}: procedure {f.proc} is {goname}')
            continue
        checked += 1
        if f.via is not None or len(shared[(f.program, f.proc)]) > 1:
            # One procedure serving two calls (virConnectGetAllDomainStats
            # and virDomainListGetStats): its layout is the union.
            continue
        prefix, sname = ('remote', goname) if f.program == 'remote' else ('qemu', 'QEMU' + goname)
        args_fields = structs.get((prefix, sname + 'Args'), [])
        ret_fields = structs.get((prefix, sname + 'Ret'), [])
        layouts += 1
        check_layout(f, goname, args_fields, ret_fields, named_ints, verbose)
        s = streams.get(f.proc) if f.program == 'remote' else None
        if s:
            want = {(True, False): 'send', (False, True): 'recv'}.get(s, 'both')
            if f.stream is None or (f.stream != 'both' and f.stream != want):
                problem(f'go: {f.name}: procedure streams {want}, ours {f.stream}')
        elif f.stream and f.program == 'remote' and f.proc in streams:
            problem(f'go: {f.name}: marked stream={f.stream}, procedure has no stream')
    n_events = 0
    for e in api.events:
        for what, (prog, num) in (('register', e.register), ('deregister', e.deregister),
                                  ('message', e.message)) + \
                (('legacy', e.legacy),) if e.legacy else ():
            pass
        for what, pn in (('register', e.register), ('deregister', e.deregister),
                         ('message', e.message), ('legacy', e.legacy)):
            if pn is None:
                continue
            prog, num = pn
            table = procs.get(prog, {})
            if not table or num > max(table):
                continue
            seen[prog].add(num)
            goname = table.get(num)
            if goname is None:
                problem(f'go: event {e.name}: {what} procedure {num} does not exist')
                continue
            if what == 'register' and 'Register' not in goname or \
                    what == 'deregister' and not re.search('Deregister|Unregister', goname) or \
                    what in ('message', 'legacy') and 'Event' not in goname:
                problem(f'go: event {e.name}: {what} procedure {num} is {goname}')
        n_events += 1
    for prog in procs:
        for num, goname in sorted(procs[prog].items()):
            if num not in seen[prog] and verbose:
                print(f'  go: procedure {prog}:{num} {goname} not described by any function')
    print(f'go-libvirt: {checked} procedure numbers checked ({unchecked} newer than go-libvirt), '
          f'{layouts} argument/reply layouts, {n_events} events, '
          f'{sum(1 for n in api.limits if n in consts)} limits checked '
          f'({len(newer_limits)} newer than go-libvirt)')


def check_layout(f, goname, args_fields, ret_fields, named_ints, verbose):
    sent = []      # our arguments expected in the call, in order
    # need_* words ask for optional out arguments: they stand for the
    # caller's nullable out arguments, not for an argument of their own.
    needs = [n for n, _ in args_fields if n.startswith('Need')]
    args_fields = [(n, t) for n, t in args_fields if not n.startswith('Need')]
    optional_outs = [a for a in f.args if a.direction == 'out' and not a.nonnull]
    if len(needs) > len(optional_outs):
        problem(f'go: {f.name}: call asks for {needs}, ours has optional outputs '
                f'{[a.name for a in optional_outs]}')
    call_names = {go_key(n) for n, _ in args_fields}
    for a in f.args:
        # Never on the wire: callbacks and their data, what stays in the
        # library (auth, sizeof), descriptors (passed beside the message).
        if a.kind in ('stream', 'callback', 'opaque', 'local', 'fd'):
            continue
        if a.direction == 'out' and go_key(a.name) in call_names and a.kind == 'scalar':
            # The protocol also sends the caller's value (libvirt's older
            # allocating calls send *nparams).
            sent.append(a)
            continue
        if a.bare_type == 'virConnectPtr':
            continue
        if a.direction in ('in', 'inout'):
            owner = f.arg(a.length_of) if a.length_of else None
            # The length of an input array travels with the array.
            if owner is not None and owner.direction == 'in':
                continue
            sent.append(a)
    # Capacity arguments of out arrays are sent (maxids, maxnames, ...).
    if any(a.kind == 'callback' for a in f.args):
        # Event registrations: hand-written on both sides; only the set
        # of fields is a fact to match, not their order.
        # The forms without callback ID filter by object on the client, so
        # the call may carry fewer fields than the C call has arguments.
        if len(args_fields) > len(sent) or not all(
                any(go_type_ok(a, t, named_ints) for a in sent) for _, t in args_fields):
            problem(f'go: {f.name}: call carries {[n for n, _ in args_fields]}, '
                    f'ours sends {[a.name for a in sent]}')
    elif len(sent) != len(args_fields):
        problem(f'go: {f.name}: call carries {[n for n, _ in args_fields]}, '
                f'ours sends {[a.name for a in sent]}')
    else:
        for a, (fname, ftype) in zip(sent, args_fields):
            if not go_type_ok(a, ftype, named_ints):
                problem(f'go: {f.name}: call field {fname} {ftype} does not fit '
                        f'{a.direction} {a.ctype} {a.name}')
    received = [a for a in f.args if a.direction in ('out', 'inout') and a.kind not in ('fd', 'local')
                and not (a.length_of and f.arg(a.length_of).direction == 'out'
                         and a.direction == 'in')]
    # Capacity-only length arguments are not in the reply.
    received = [a for a in received if not (a.length_of and a.direction == 'in')]
    n_ret = len(ret_fields)
    struct_outs = [a for a in received if a.kind == 'struct']
    if struct_outs:
        # A struct travels as its members, flattened: only the presence of a
        # reply is checked.
        if not ret_fields:
            problem(f'go: {f.name}: out struct but the procedure has no reply')
        return
    # Out counts that are XDR array lengths (nparams filled) are folded
    # into the array, unless go-libvirt lists them.
    names = [go_key(n) for n, _ in ret_fields]
    expected = []
    counts = {x.count for x in f.args if x.count} | {f.count}
    for a in received:
        if a.length_of and f.arg(a.length_of).direction != 'in' and go_key(a.name) not in names:
            continue
        if a.name in counts and go_key(a.name) not in names:
            # The filled count travels as the array's length.
            continue
        if a.kind == 'flags':
            continue
        expected.append(a)
    ret_value = f.ret not in ('void', 'virConnectPtr') and not (f.ret == 'int' and len(ret_fields) == len(expected))
    if len(expected) + (1 if ret_value else 0) != n_ret and not (
            f.ret == 'int' and len(expected) == n_ret):
        problem(f'go: {f.name}: reply carries {[n for n, _ in ret_fields]}, '
                f'ours returns {f.ret} and {[a.name for a in expected]}')
        return
    for a in expected:
        match = [t for n, t in ret_fields if go_key(n) == go_key(a.name)]
        if match and not go_type_ok(a, match[0], named_ints):
            problem(f'go: {f.name}: reply field {a.name} {match[0]} does not fit {a.ctype}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('description')
    ap.add_argument('--xml-dir', default=XML_DIR)
    ap.add_argument('--go-dir', default=GO_DIR)
    ap.add_argument('-v', '--verbose', action='store_true')
    opts = ap.parse_args()
    api = apidesc.load(opts.description)
    have_xml = os.path.exists(os.path.join(opts.xml_dir, 'libvirt-api.xml'))
    have_go = os.path.exists(os.path.join(opts.go_dir, 'remote_protocol.gen.go'))
    if not have_xml and not have_go:
        print('SKIP: neither libvirt-api.xml (libvirt-dev) nor go-libvirt '
              '(golang-github-digitalocean-go-libvirt-dev) is installed')
        return 77
    if have_xml:
        check_xml(api, opts.xml_dir, opts.verbose)
    else:
        print('libvirt-api.xml not installed (libvirt-dev): not checked')
    if have_go:
        check_go(api, opts.go_dir, opts.verbose)
    else:
        print('go-libvirt not installed: not checked')
    for p in problems:
        print('MISMATCH ' + p)
    print(f'{len(problems)} mismatches')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
