#!/usr/bin/env python3
"""Generate the remote program's code from remote_protocol.def and the API
description (src/api/libvirt.api).

  gen-remote.py protocol DEF OUT.h OUT.c     structures and XDR filters
  gen-remote.py dispatch DEF API OUT.c       the daemon's procedure table
  gen-remote.py client DEF API OUT.c         the remote driver's stubs and tables
  gen-remote.py events DEF API OUT.c         the daemon's domain event senders
  gen-remote.py client-events DEF API OUT.c  the remote driver's domain event table

The output is never edited or committed; change the description or this
file.  The dispatch generator serves a procedure by calling the public
function that libvirt.api gives the same procedure number, mapping its
arguments in order onto the wire fields; a procedure it cannot map is
counted and answered with VIR_ERR_NO_SUPPORT, one marked @hand is written
in src/remote/.
"""
import importlib.util
import re
import sys
from pathlib import Path

SCALARS = {
    'int': ('int32_t', 'nuvXdrI32', 'nuvXdrFilterI32'),
    'uint': ('uint32_t', 'nuvXdrU32', 'nuvXdrFilterU32'),
    'char': ('int32_t', 'nuvXdrI32', 'nuvXdrFilterI32'),
    'short': ('int32_t', 'nuvXdrI32', 'nuvXdrFilterI32'),
    'uchar': ('uint32_t', 'nuvXdrU32', 'nuvXdrFilterU32'),
    'ushort': ('uint32_t', 'nuvXdrU32', 'nuvXdrFilterU32'),
    'hyper': ('int64_t', 'nuvXdrI64', 'nuvXdrFilterI64'),
    'uhyper': ('uint64_t', 'nuvXdrU64', 'nuvXdrFilterU64'),
    'double': ('double', 'nuvXdrDouble', None),
}

# Public handle types and the wire structure each travels as.
OBJECTS = {
    'virDomainPtr': 'domain', 'virNetworkPtr': 'network', 'virNetworkPortPtr': 'network_port',
    'virNWFilterPtr': 'nwfilter', 'virNWFilterBindingPtr': 'nwfilter_binding',
    'virInterfacePtr': 'interface', 'virStoragePoolPtr': 'storage_pool',
    'virStorageVolPtr': 'storage_vol', 'virNodeDevicePtr': 'node_device',
    'virSecretPtr': 'secret', 'virDomainSnapshotPtr': 'domain_snapshot',
    'virDomainCheckpointPtr': 'domain_checkpoint',
}
# Handles are released with the internal unref, which (unlike virDomainFree
# and its kin) leaves the thread's error alone for the reply.
FREE_FUNC = {obj: 'nuvHandleUnref' for obj in OBJECTS.values()}
INT_CTYPES = {'int', 'unsigned int', 'long', 'unsigned long', 'long long',
              'unsigned long long', 'double', 'size_t'}


def camel(name):
    return ''.join(w[:1].upper() + w[1:] for w in name.split('_'))


class Field:
    def __init__(self, text):
        t, self.name = text.rsplit(None, 1)
        self.type = t.replace(' ', '')
        m = re.match(r'^(\w+)(\?|<(\w*)>|\[(\d+)\])?$', self.type)
        if not m:
            raise SystemExit(f'bad field type: {text}')
        self.base = m.group(1)
        self.optional = m.group(2) == '?'
        self.array = m.group(2) is not None and m.group(2).startswith('<')
        self.max = m.group(3)
        self.fixed = int(m.group(4)) if m.group(4) else None
        if self.fixed and self.base != 'char':
            raise SystemExit(f'only char has fixed arrays: {text}')


class Struct:
    def __init__(self, name, fields, kind='struct'):
        self.name = name
        self.fields = fields
        self.kind = kind
        self.union_tag = None
        self.cases = []

    @property
    def ctype(self):
        return 'nuvRemote' + camel(self.name)


class Proc:
    def __init__(self, num, name, args, ret, opts, event=False):
        self.num = num
        self.name = name
        self.args = args
        self.ret = ret
        self.opts = opts
        self.event = event


def split_fields(text):
    text = text.strip()
    return [Field(f.strip()) for f in text.split(',')] if text else []


def load_def(path):
    consts, structs, procs = {}, {}, []
    text = re.sub(r'#.*', '', Path(path).read_text())
    for m in re.finditer(r'const\s+(\w+)\s*=\s*(\d+)', text):
        consts[m.group(1)] = int(m.group(2))
    for m in re.finditer(r'struct\s+(\w+)\s*\{(.*?)\}', text, re.S):
        fields = [Field(f.strip()) for f in m.group(2).split(';') if f.strip()]
        structs[m.group(1)] = Struct(m.group(1), fields)
    for m in re.finditer(r'union\s+(\w+)\s+switch\s*\(\s*int\s+(\w+)\s*\)\s*\{(.*?)\}', text, re.S):
        u = Struct(m.group(1), [], 'union')
        u.union_tag = m.group(2)
        for c in m.group(3).split(';'):
            if c.strip():
                num, f = c.split(':', 1)
                u.cases.append((int(num), Field(f.strip())))
        structs[u.name] = u
    for m in re.finditer(r'^proc\s+(\d+)\s+(\w+)\s*\((.*?)\)\s*->\s*\((.*?)\)(.*)$', text, re.M):
        opts = dict((o.split('=', 1) + [True])[:2] for o in re.findall(r'@([\w=]+)', m.group(5)))
        p = Proc(int(m.group(1)), m.group(2), split_fields(m.group(3)), split_fields(m.group(4)),
                 opts)
        procs.append(p)
    for m in re.finditer(r'^event\s+(\d+)\s+(\w+)\s*\((.*?)\)', text, re.M):
        p = Proc(int(m.group(1)), m.group(2), [], [], {}, event=True)
        p.msg = split_fields(m.group(3))
        procs.append(p)
    # Bodies become structures too, so events can embed older bodies.
    for p in procs:
        if p.event:
            structs[p.name + '_msg'] = Struct(p.name + '_msg', p.msg)
        else:
            if p.args:
                structs[p.name + '_args'] = Struct(p.name + '_args', p.args)
            if p.ret:
                structs[p.name + '_ret'] = Struct(p.name + '_ret', p.ret)
    nums = [p.num for p in procs]
    if len(nums) != len(set(nums)):
        raise SystemExit('a procedure number is used twice')
    return consts, structs, procs


def max_expr(f, consts):
    if not f.max:
        raise SystemExit(f'array {f.name} has no limit')
    if f.max.isdigit():
        return f.max
    if f.max not in consts:
        raise SystemExit(f'unknown limit {f.max}')
    return 'NUV_REMOTE_' + f.max


def c_base(base, structs):
    if base in SCALARS:
        return SCALARS[base][0]
    if base == 'string':
        return 'char *'
    if base in structs:
        return structs[base].ctype
    raise SystemExit(f'unknown type {base}')


def c_member(f, structs):
    if f.fixed:
        return f'char {f.name}[{f.fixed}];'
    if f.base == 'char' and f.array:
        return f'struct {{ uint32_t n; char *v; }} {f.name};'
    if f.base == 'uuid' and not f.array and not f.optional:
        return f'uint8_t {f.name}[16];'
    if f.base == 'opaque':
        return f'struct {{ uint32_t n; uint8_t *v; }} {f.name};'
    t = c_base(f.base, structs)
    star = '' if t.endswith('*') else ' '
    if f.array:
        return f'struct {{ uint32_t n; {t}{star}*v; }} {f.name};'
    if f.optional and f.base != 'string':
        return f'{t}{star}*{f.name};'
    return f'{t}{star}{f.name};'


def elem_filter(base, structs):
    if base in SCALARS:
        return SCALARS[base][2]
    if base == 'string':
        return 'nuvXdrFilterString'
    return structs[base].ctype + 'Filter'


def filter_call(f, structs, consts, acc='s->'):
    v = acc + f.name
    if f.fixed:
        return f'nuvXdrCharVector(xdr, {v}, {f.fixed})'
    if f.base == 'char' and f.array:
        return (f'nuvXdrArray(xdr, (void **)&{v}.v, &{v}.n, {max_expr(f, consts)}, 1, '
                f'nuvXdrFilterChar)')
    if f.base == 'opaque':
        return f'nuvXdrBytes(xdr, &{v}.v, &{v}.n, {max_expr(f, consts)})'
    if f.array:
        return (f'nuvXdrArray(xdr, (void **)&{v}.v, &{v}.n, {max_expr(f, consts)}, '
                f'sizeof(*{v}.v), {elem_filter(f.base, structs)})')
    if f.base == 'string':
        fn = 'nuvXdrOptString' if f.optional else 'nuvXdrString'
        return f'{fn}(xdr, &{v}, NUV_REMOTE_STRING_MAX)'
    if f.base == 'uuid':
        return f'nuvXdrFixed(xdr, {v}, 16)'
    if f.optional:
        return f'nuvXdrPointer(xdr, (void **)&{v}, sizeof(*{v}), {elem_filter(f.base, structs)})'
    if f.base in SCALARS:
        return f'{SCALARS[f.base][1]}(xdr, &{v})'
    return f'{structs[f.base].ctype}Filter(xdr, &{v})'


def order_structs(structs):
    """Definition order: every structure after those it embeds."""
    done, out = set(), []

    def visit(s):
        if s.name in done:
            return
        done.add(s.name)
        deps = [f.base for f in s.fields] + [f.base for _, f in s.cases]
        for d in deps:
            if d in structs:
                visit(structs[d])
        out.append(s)
    for s in structs.values():
        visit(s)
    return out


def gen_protocol(defpath, out_h, out_c):
    consts, structs, procs = load_def(defpath)
    h = ['/* Generated by src/remote/gen-remote.py from remote_protocol.def: do not edit. */',
         '#pragma once', '#include <stdint.h>', '#include "rpc/xdr.h"', '']
    for k, v in consts.items():
        h.append(f'#define NUV_REMOTE_{k} {v}')
    h.append('')
    h.append('enum {')
    for p in sorted(procs, key=lambda p: p.num):
        h.append(f'    NUV_REMOTE_PROC_{p.name.upper()} = {p.num},')
    h.append(f'    NUV_REMOTE_PROC_LAST = {max(p.num for p in procs) + 1},')
    h.append('};\n')
    c = ['/* Generated by src/remote/gen-remote.py from remote_protocol.def: do not edit. */',
         '#include "remote/remote_protocol.h"', '']
    for s in order_structs(structs):
        if s.kind == 'union':
            h.append(f'typedef struct {{\n    int32_t {s.union_tag};\n    union {{')
            for _, f in s.cases:
                h.append(f'        {c_member(f, structs)}')
            h.append(f'    }} u;\n}} {s.ctype};')
            h.append(f'bool {s.ctype}Filter(nuvXdr *xdr, void *obj);\n')
            c.append(f'bool\n{s.ctype}Filter(nuvXdr *xdr, void *obj)\n{{\n'
                     f'    {s.ctype} *s = obj;\n\n'
                     f'    if (!nuvXdrI32(xdr, &s->{s.union_tag}))\n        return false;\n'
                     f'    switch (s->{s.union_tag}) {{')
            for num, f in s.cases:
                c.append(f'    case {num}:\n        return {filter_call(f, structs, consts, "s->u.")};')
            c.append('    default:\n        return nuvXdrFail(xdr, "unknown union branch");\n'
                     '    }\n}\n')
            continue
        h.append('typedef struct {')
        for f in s.fields:
            h.append(f'    {c_member(f, structs)}')
        h.append(f'}} {s.ctype};')
        h.append(f'bool {s.ctype}Filter(nuvXdr *xdr, void *obj);\n')
        calls = ' &&\n           '.join(filter_call(f, structs, consts) for f in s.fields)
        c.append(f'bool\n{s.ctype}Filter(nuvXdr *xdr, void *obj)\n{{\n'
                 f'    {s.ctype} *s = obj;\n\n    return {calls};\n}}\n')
    Path(out_h).write_text('\n'.join(h) + '\n')
    Path(out_c).write_text('\n'.join(c) + '\n')


def api_module():
    here = Path(__file__).resolve().parent.parent / 'api' / 'gen-api.py'
    spec = importlib.util.spec_from_file_location('gen_api', here)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_api(path):
    """The public functions, read by src/api/apidesc.py (the one parser of
    libvirt.api)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'api'))
    import apidesc
    return apidesc.load(path).functions


def remote_procs(funcs):
    """The functions served by a procedure of the remote program."""
    return [fn for fn in funcs if fn.proc is not None and fn.program == 'remote']


def norm_ctype(t):
    return re.sub(r'\s+', ' ', t.replace('*', ' * ')).strip().replace('* *', '**')


class Unmapped(Exception):
    pass


# The flag that asks for a sparse stream (holes sent as holes), per call.
SPARSE_STREAM_FLAG = {
    'virStorageVolUpload': 'VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM',
    'virStorageVolDownload': 'VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM',
}


def gen_handler(p, f, structs):
    """C body of a generated dispatcher for procedure p serving API f."""
    args = list(p.args)
    rets = list(p.ret)
    decl, pre, call, post, copy = [], [], [], [], []
    params = list(f.args)
    if params and norm_ctype(params[0].ctype) == 'virConnectPtr':
        params.pop(0)
        call.append('conn')
    outs = [a for a in params if a.direction == 'out']
    after = []        # C lines run after a successful call
    skip = set()
    for i, a in enumerate(params):
        ct = norm_ctype(a.ctype)
        if i in skip:
            continue
        nxt = norm_ctype(params[i + 1].ctype) if i + 1 < len(params) else ''
        if ct == 'virTypedParameterPtr':
            # Typed parameters travel as one typed_param array; their count
            # is the argument after them.
            if not args:
                raise Unmapped('no wire field for typed parameters')
            fld = args.pop(0)
            skip.add(i + 1)
            outs = [o for o in outs if o is not a and o is not params[i + 1]]
            decl.append('virTypedParameterPtr o_params = NULL;')
            decl.append('int o_nparams = 0;')
            post.append('nuvTypedParamsFree(o_params, o_nparams);')
            if nxt == 'int' and a.direction == 'in':
                if fld.base != 'typed_param' or not fld.array:
                    raise Unmapped('typed parameters to set')
                pre.append(f'if (remoteDeserializeTypedParams(args->{fld.name}.v, '
                           f'args->{fld.name}.n, &o_params, &o_nparams) < 0)\n        goto cleanup;')
                call += ['o_params', 'o_nparams']
            elif nxt == 'int *':
                arr = [r for r in rets if r.base == 'typed_param' and r.array]
                if fld.base not in ('int', 'uint') or len(arr) != 1:
                    raise Unmapped('typed parameters to get')
                arr = arr[0]
                rets.remove(arr)
                cnt = [r for r in rets if r.name == 'nparams']
                for c in cnt:
                    rets.remove(c)
                mx = max_expr(arr, CONSTS)
                pre.append(f'if (args->{fld.name} < 0 || args->{fld.name} > {mx}) {{\n'
                           f'        nuvReportError(VIR_ERR_RPC, "nparams %d is out of range 0..%d", '
                           f'(int)args->{fld.name}, {mx});\n        goto cleanup;\n    }}')
                pre.append(f'o_nparams = args->{fld.name};')
                pre.append('o_params = o_nparams ? g_new0(virTypedParameter, o_nparams) : NULL;')
                call += ['o_params', '&o_nparams']
                after.append(f'if (args->{fld.name} != 0)\n'
                             f'            remoteSerializeTypedParams(o_params, o_nparams, '
                             f'&ret->{arr.name}.v, &ret->{arr.name}.n);')
                for c in cnt:
                    after.append(f'ret->{c.name} = o_nparams;')
            else:
                raise Unmapped('typed parameters')
            continue
        if ct == 'virTypedParameterPtr *' and a.direction == 'out' and \
                nxt in ('int *', 'unsigned int *'):
            # Typed parameters the callee allocates: all of them come back.
            arr = [r for r in rets if r.base == 'typed_param' and r.array]
            if len(arr) != 1:
                raise Unmapped('allocated typed parameters')
            arr = arr[0]
            rets.remove(arr)
            cnt = [r for r in rets if r.name == 'nparams']
            for c in cnt:
                rets.remove(c)
            if args and args[0].name == 'nparams':
                args.pop(0)     # a count the old protocol sent; unused
            skip.add(i + 1)
            outs = [o for o in outs if o is not a and o is not params[i + 1]]
            decl.append('virTypedParameterPtr o_params = NULL;')
            decl.append(f'{nxt[:-2]} o_nparams = 0;')
            post.append('nuvTypedParamsFree(o_params, o_nparams);')
            call += ['&o_params', '&o_nparams']
            mx = max_expr(arr, CONSTS)
            after.append(f'if (o_nparams > {mx}) {{\n'
                         f'            nuvReportError(VIR_ERR_RPC, "too many parameters for one '
                         f'reply: %d > %d", o_nparams, {mx});\n            goto cleanup;\n        }}')
            after.append(f'remoteSerializeTypedParams(o_params, o_nparams, '
                         f'&ret->{arr.name}.v, &ret->{arr.name}.n);')
            for c in cnt:
                after.append(f'ret->{c.name} = o_nparams;')
            continue
        if a.direction == 'out' and a.count == 'return' and a.length and \
                ct in ('char **', 'char ** const') and nxt in ('int', 'unsigned int'):
            # A name list in the caller's array: its capacity goes out.
            arr = [r for r in rets if r.base == 'string' and r.array]
            if not args or len(arr) != 1 or params[i + 1].name != a.length:
                raise Unmapped('name list')
            fld = args.pop(0)
            arr = arr[0]
            rets.remove(arr)
            skip.add(i + 1)
            outs = [o for o in outs if o is not a]
            mx = max_expr(arr, CONSTS)
            decl.append('char **o_names = NULL;')
            decl.append('int o_cap = 0;')
            pre.append(f'if (args->{fld.name} < 0 || args->{fld.name} > {mx}) {{\n'
                       f'        nuvReportError(VIR_ERR_RPC, "{fld.name} %d is out of range 0..%d", '
                       f'(int)args->{fld.name}, {mx});\n        goto cleanup;\n    }}')
            pre.append(f'o_cap = args->{fld.name};')
            pre.append('o_names = g_new0(char *, o_cap ? o_cap : 1);')
            post.append('if (o_names) {\n        for (int i = 0; i < o_cap; i++)\n'
                        '            free(o_names[i]);\n        g_free(o_names);\n    }')
            call += ['o_names', 'o_cap']
            after.append(f'ret->{arr.name}.n = r;')
            after.append(f'ret->{arr.name}.v = g_steal_pointer(&o_names);')
            continue
        if a.direction == 'out' and ct == 'char ** *':
            # A string list the callee allocates (counted by the return
            # value); with a needResults word the caller may not want it.
            arr = [r for r in rets if r.base == 'string' and r.array]
            if len(arr) != 1:
                raise Unmapped('allocated string list')
            arr = arr[0]
            rets.remove(arr)
            outs = [o for o in outs if o is not a]
            want = 'true'
            if args and args[0].name == 'needResults':
                want = f'args->{args.pop(0).name}'
            mx = max_expr(arr, CONSTS)
            decl.append('char **o_strs = NULL;')
            decl.append('int o_nstrs = 0;')
            post.append('if (o_strs) {\n        for (int i = 0; i < o_nstrs; i++)\n'
                        '            free(o_strs[i]);\n        free(o_strs);\n    }')
            call.append(f'{want} ? &o_strs : NULL')
            after.append('o_nstrs = o_strs ? r : 0;')
            after.append(f'if (r > {mx}) {{\n'
                         f'            nuvReportError(VIR_ERR_RPC, "too many strings for one reply: '
                         f'%d > %d", r, {mx});\n            goto cleanup;\n        }}')
            after.append(f'if (o_strs) {{\n            ret->{arr.name}.n = r;\n'
                         f'            ret->{arr.name}.v = g_new0(char *, r ? r : 1);\n'
                         f'            for (int i = 0; i < r; i++)\n'
                         f'                ret->{arr.name}.v[i] = g_steal_pointer(&o_strs[i]);\n'
                         f'        }}')
            continue
        if a.kind == 'local' and ct == 'size_t':
            outs_struct = [o for o in params[:i] if o.direction == 'out']
            if len(outs_struct) != 1:
                raise Unmapped('size of what')
            call.append(f'sizeof(o_{outs_struct[0].name})')
            continue
        if a.direction == 'in' and a.length and nxt and params[i + 1].name == a.length and \
                args and args[0].array:
            # An array with its length argument: one counted wire array.
            fld = args.pop(0)
            skip.add(i + 1)
            if fld.base == 'opaque' and a.kind in ('cpumap', 'bytes'):
                call += [f'({ct})args->{fld.name}.v', f'({nxt})args->{fld.name}.n']
            elif fld.base == 'string' and ct == 'const char **':
                call += [f'(const char **)args->{fld.name}.v', f'({nxt})args->{fld.name}.n']
            elif fld.base == 'uint' and ct == 'unsigned int *':
                call += [f'(unsigned int *)args->{fld.name}.v', f'({nxt})args->{fld.name}.n']
            else:
                raise Unmapped(f'array {a.name}')
            continue
        if a.direction == 'out' and ct.endswith('Ptr **') and ct[:-3] in OBJECTS:
            # virConnectListAll*: the caller says whether it wants the list.
            obj = OBJECTS[ct[:-3]]
            arr = [r for r in rets if r.base == obj and r.array]
            if not args or len(arr) != 1 or len(rets) != 2 or rets[-1].array:
                raise Unmapped('object list')
            fld = args.pop(0)
            arr, cnt = arr[0], rets[-1]
            rets.clear()
            outs = [o for o in outs if o is not a]
            decl.append(f'{ct[:-3]} *o_list = NULL;')
            decl.append('int o_count = 0;')
            call.append(f'args->{fld.name} ? &o_list : NULL')
            mx = max_expr(arr, CONSTS)
            post.append('if (o_list) {\n        for (int i = 0; i < o_count; i++)\n'
                        '            nuvHandleUnref(o_list[i]);\n        free(o_list);\n    }')
            after.append('o_count = r;')
            after.append(f'if (r > {mx}) {{\n'
                         f'            nuvReportError(VIR_ERR_RPC, "too many objects for one reply: '
                         f'%d > %d", r, {mx});\n            goto cleanup;\n        }}')
            after.append(f'if (o_list) {{\n            ret->{arr.name}.n = r;\n'
                         f'            ret->{arr.name}.v = g_new0({structs[obj].ctype}, r);\n'
                         f'            for (int i = 0; i < r; i++)\n'
                         f'                remoteMake{camel(obj)}(&ret->{arr.name}.v[i], o_list[i]);\n'
                         f'        }}')
            after.append(f'ret->{cnt.name} = r;')
            continue
        if a.direction == 'in' and ct == 'virStreamPtr':
            # The stream has no wire field: the daemon opens its own and,
            # once the driver took it, ties it to the call's serial.
            if not f.stream:
                raise Unmapped('a stream the description does not direct')
            decl.append(f'virStreamPtr o_{a.name} = NULL;')
            pre.append(f'if (!(o_{a.name} = virStreamNew(conn, VIR_STREAM_NONBLOCK)))\n'
                       f'        goto cleanup;')
            post.append(f'if (o_{a.name})\n        virStreamFree(o_{a.name});')
            call.append(f'o_{a.name}')
            sparse = SPARSE_STREAM_FLAG.get(f.name)
            skip_expr = f'(args->flags & {sparse}) != 0' if sparse else 'false'
            readable = 'true' if f.stream in ('recv', 'both') else 'false'
            after.append(f'if (remoteStreamAttach(client, msg, o_{a.name}, {skip_expr}, '
                         f'{readable}) < 0)\n        goto cleanup;')
            continue
        if a.direction == 'in':
            if not args:
                raise Unmapped(f'no wire field for {a.name}')
            fld = args.pop(0)
            v = f'args->{fld.name}'
            if ct == 'virNodeDevicePtr' and fld.base == 'string' and not fld.optional:
                decl.append(f'{ct} o_{a.name} = NULL;')
                pre.append(f'if (!(o_{a.name} = remoteGetNodeDeviceByName(conn, {v})))\n'
                           f'        goto cleanup;')
                post.append(f'if (o_{a.name})\n        nuvHandleUnref(o_{a.name});')
                call.append(f'o_{a.name}')
            elif ct in OBJECTS:
                obj = OBJECTS[ct]
                if fld.base != obj or fld.optional or fld.array:
                    raise Unmapped(f'{a.name} is not a {obj}')
                decl.append(f'{ct} o_{a.name} = NULL;')
                pre.append(f'if (!(o_{a.name} = remoteGet{camel(obj)}(conn, &{v})))\n'
                           f'        goto cleanup;')
                post.append(f'if (o_{a.name})\n        {FREE_FUNC[obj]}(o_{a.name});')
                call.append(f'o_{a.name}')
            elif ct in ('const char *', 'char *'):
                if fld.base != 'string' or fld.array:
                    raise Unmapped(f'{a.name} is not a string')
                if a.nonnull and fld.optional:
                    raise Unmapped(f'{a.name} may be absent on the wire')
                call.append(v)
            elif ct == 'const unsigned char *' and fld.base == 'uuid':
                call.append(v)
            elif ct in INT_CTYPES:
                if fld.base not in SCALARS or fld.array or fld.optional:
                    raise Unmapped(f'{a.name} is not a number')
                call.append(f'({ct}){v}')
            else:
                raise Unmapped(f'argument {a.name} of type {ct}')
        else:
            base = ct[:-1].strip() if ct.endswith('*') else ''
            if base in INT_CTYPES:
                decl.append(f'{base} o_{a.name} = 0;')
                call.append(f'&o_{a.name}')
                copy.append((a.name, base))
            elif ct.endswith('Ptr') and ct not in OBJECTS and ct.startswith('vir') \
                    and ct not in ('virTypedParameterPtr',) and len(outs) == 1:
                sname = ct[:-3]
                decl.append(f'struct _{sname} o_{a.name};')
                decl.append(f'memset(&o_{a.name}, 0, sizeof(o_{a.name}));')
                call.append(f'&o_{a.name}')
                copy.append((a.name, 'struct'))
            else:
                raise Unmapped(f'output {a.name} of type {ct}')
    if args:
        raise Unmapped('wire arguments left over')

    nout = sum(1 for _, k in copy if k != 'struct')
    struct_out = [n for n, k in copy if k == 'struct']
    rt = norm_ctype(f.ret)
    body = ['    virConnectPtr conn = remoteClientConn(client);', '    int rv = -1;'] + \
        ['    ' + l for l in decl if not l.startswith('memset')] + ['']
    body.append('    if (!conn)\n        return -1;')
    body += ['    ' + l for l in decl if l.startswith('memset')]
    lines = []
    cexpr = f'{f.name}({", ".join(call)})'
    if struct_out:
        if rt != 'int' or not rets:
            raise Unmapped('output structure')
        # @value: the first reply field is the return value (1: found).
        value = rets.pop(0) if p.opts.get('value') else None
        out_fields = rets
    elif rt == 'int':
        if len(rets) not in (nout, nout + 1):
            raise Unmapped('reply fields do not match the outputs')
        value = rets.pop(0) if len(rets) == nout + 1 else None
        out_fields = rets
    else:
        if len(rets) != nout + 1:
            raise Unmapped('reply fields do not match the outputs')
        value, out_fields = rets[0], rets[1:]
    if rt in OBJECTS:
        if value.base != OBJECTS[rt] or value.optional or value.array:
            raise Unmapped('returned object')
        lines.append(f'{rt} r = {cexpr};')
        lines.append('if (!r)\n        goto cleanup;')
        lines.append(f'remoteMake{camel(OBJECTS[rt])}(&ret->{value.name}, r);')
        lines.append(f'{FREE_FUNC[OBJECTS[rt]]}(r);')
    elif rt in ('char *', 'const char *'):
        if value.base != 'string' or value.array:
            raise Unmapped('returned string')
        lines.append(f'{rt}r = {cexpr};')
        lines.append('if (!r)\n        goto cleanup;')
        lines.append(f'ret->{value.name} = ' + ('r;' if rt == 'char *' else 'g_strdup(r);'))
    elif rt == 'int':
        if value and (value.base not in SCALARS or value.array or value.optional):
            raise Unmapped('the reply carries more than the status')
        lines.append(f'int r = {cexpr};')
        lines.append('if (r < 0)\n        goto cleanup;')
        if value:
            lines.append(f'ret->{value.name} = r;')
    elif rt in ('unsigned long', 'unsigned long long'):
        # These report failure as 0 with an error set.
        if value.base not in SCALARS or value.array or value.optional:
            raise Unmapped('returned number')
        lines.append(f'{rt} r = {cexpr};')
        lines.append('if (r == 0 && virGetLastError())\n        goto cleanup;')
        lines.append(f'ret->{value.name} = r;')
    else:
        raise Unmapped(f'return type {rt}')
    if struct_out:
        for fld in out_fields:
            if fld.fixed:
                lines.append(f'memcpy(ret->{fld.name}, o_{struct_out[0]}.{fld.name}, '
                             f'sizeof(ret->{fld.name}));')
            else:
                lines.append(f'ret->{fld.name} = o_{struct_out[0]}.{fld.name};')
    else:
        for (name, _), fld in zip(copy, out_fields):
            if fld.base not in SCALARS or fld.array or fld.optional:
                raise Unmapped(f'output {name} is not a number on the wire')
            lines.append(f'ret->{fld.name} = o_{name};')
    lines.extend(after)
    lines.append('rv = 0;')
    out = body + ['    ' + l for l in pre] + ['    {'] + \
        ['        ' + l.replace('\n        ', '\n            ') for l in lines] + ['    }'] + \
        ['', ' cleanup:'] + ['    ' + l for l in post] + ['    return rv;']
    return '\n'.join(out)


CONSTS = {}


def gen_dispatch(defpath, apipath, out_c):
    consts, structs, procs = load_def(defpath)
    CONSTS.update(consts)
    procs_by_num = {p.num: p for p in procs}
    api = {}
    for fn in remote_procs(load_api(apipath)):
        num = fn.proc
        # Two functions may share a procedure (virDomainLookupByUUIDString
        # is served by DOMAIN_LOOKUP_BY_UUID): keep the one the name spells.
        spelled = 'vir' + camel(procs_by_num[num].name).lower() if num in procs_by_num else ''
        if num not in api or fn.name.lower() == spelled:
            api[num] = fn
    c = ['/* Generated by src/remote/gen-remote.py: do not edit. */',
         '#include <string.h>', '#include "remote/dispatch.h"',
         '#include "driver/datatypes.h"', '#include "util/error.h"',
         '#include "util/typedparam.h"', '', '#define VIR_FROM_THIS VIR_FROM_REMOTE', '']
    table = []
    counts = {'generated': 0, 'hand': 0, 'unmapped': 0}
    unmapped = []
    for p in sorted(procs, key=lambda p: p.num):
        if p.event:
            continue
        fn = api.get(p.num)
        hname = 'remoteDispatch' + camel(p.name)
        sig = (f'int\n{hname}(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg, '
               f'void *argsp, void *retp)')
        prio = bool(p.opts.get('priority')) or (fn is not None and fn.priority)
        if p.opts.get('hand'):
            counts['hand'] += 1
            c.append(sig.replace('\n', ' ') + ';')
        else:
            try:
                if fn is None:
                    raise Unmapped('no public function has this procedure number')
                body = gen_handler(p, fn, structs)
            except Unmapped as e:
                counts['unmapped'] += 1
                unmapped.append(f'{p.name}: {e}')
                what = fn.name if fn else 'vir' + camel(p.name)
                c.append(f'static {sig}\n{{\n    return remoteDispatchUnsupported("{what}");\n}}\n')
            else:
                counts['generated'] += 1
                a = f'    {structs[p.name + "_args"].ctype} *args = argsp;\n' if p.args else ''
                r = f'    {structs[p.name + "_ret"].ctype} *ret = retp;\n' if p.ret else ''
                c.append(f'static {sig}\n{{\n{a}{r}{body}\n}}\n')
        af = f'{structs[p.name + "_args"].ctype}Filter' if p.args else 'NULL'
        asz = f'sizeof({structs[p.name + "_args"].ctype})' if p.args else '0'
        rf = f'{structs[p.name + "_ret"].ctype}Filter' if p.ret else 'NULL'
        rsz = f'sizeof({structs[p.name + "_ret"].ctype})' if p.ret else '0'
        table.append(f'    [{p.num}] = {{ {hname}, {af}, {asz}, {rf}, {rsz}, '
                     f'{"true" if prio else "false"}, '
                     f'{"true" if p.opts.get("preopen") else "false"} }},')
    nmax = max(p.num for p in procs) + 1
    c.append(f'const nuvRpcProcedure remoteProcedures[{nmax}] = {{')
    c.extend(table)
    c.append('};')
    c.append(f'const size_t remoteNProcedures = {nmax};')
    Path(out_c).write_text('\n'.join(c) + '\n')
    total = counts['generated'] + counts['hand'] + counts['unmapped']
    print(f'remote dispatch: {total} procedures described, {counts["generated"]} generated, '
          f'{counts["hand"]} hand-written, {counts["unmapped"]} answered VIR_ERR_NO_SUPPORT '
          f'(of {len(api)} public functions with a procedure number)')
    if '-v' in sys.argv:
        print('\n'.join(unmapped))


# ---- the remote driver's stubs: the same mapping, the other way ----

# How a stub finds the connection from its first parameter.
CONN_OF = {
    'virConnectPtr': '{}', 'virNetworkPortPtr': '{}->net->conn',
    'virDomainSnapshotPtr': '{}->domain->conn', 'virDomainCheckpointPtr': '{}->domain->conn',
}
# Procedures the remote driver opens, closes or registers by hand.
CLIENT_HAND = {'connect_open', 'connect_close', 'connect_supports_feature', 'auth_list',
               'connect_register_close_callback', 'connect_unregister_close_callback',
               'connect_domain_event_callback_register_any',
               'connect_domain_event_callback_deregister_any',
               'connect_domain_event_register', 'connect_domain_event_deregister',
               'domain_create_with_flags', 'connect_list_domains',
               'connect_list_defined_domains'}


def gen_client_stub(p, f, structs, api):
    args = list(p.args)
    rets = list(p.ret)
    fill, after = [], []
    params = list(f.args)
    if not params:
        raise Unmapped('no object to find the connection from')
    first = norm_ctype(params[0].ctype)
    if first not in CONN_OF and first not in OBJECTS:
        raise Unmapped('first parameter')
    conn = CONN_OF.get(first, '{}->conn').format(params[0].name)
    if first == 'virConnectPtr':
        params.pop(0)
    skip = set()
    nout_fields = []
    struct_out = None
    stream_arg = None
    for i, a in enumerate(params):
        if i in skip:
            continue
        ct = norm_ctype(a.ctype)
        nxt = params[i + 1] if i + 1 < len(params) else None
        nct = norm_ctype(nxt.ctype) if nxt else ''
        if ct == 'virTypedParameterPtr':
            if not args:
                raise Unmapped('typed parameters')
            fld = args.pop(0)
            skip.add(i + 1)
            if nct == 'int' and a.direction == 'in':
                fill.append(f'remoteSerializeTypedParams({a.name}, {nxt.name}, '
                            f'&args.{fld.name}.v, &args.{fld.name}.n);')
            elif nct == 'int *':
                arr = [r for r in rets if r.base == 'typed_param' and r.array]
                if len(arr) != 1:
                    raise Unmapped('typed parameters to get')
                arr = arr[0]
                rets.remove(arr)
                cnt = [r for r in rets if r.name == 'nparams']
                for c in cnt:
                    rets.remove(c)
                fill.append(f'args.{fld.name} = *{nxt.name};')
                n = nxt.name
                if cnt:
                    after.append(f'if (*{n} == 0) {{\n        *{n} = ret.{cnt[0].name};\n    }} else')
                after.append(f'if (remoteCopyTypedParams(ret.{arr.name}.v, ret.{arr.name}.n, '
                             f'{a.name}, {n}) < 0)\n        goto cleanup;')
            else:
                raise Unmapped('typed parameters')
            continue
        if ct == 'virTypedParameterPtr *' and a.direction == 'out' and \
                nct in ('int *', 'unsigned int *'):
            arr = [r for r in rets if r.base == 'typed_param' and r.array]
            if len(arr) != 1:
                raise Unmapped('allocated typed parameters')
            arr = arr[0]
            rets.remove(arr)
            for c in [r for r in rets if r.name == 'nparams']:
                rets.remove(c)
            if args and args[0].name == 'nparams':
                args.pop(0)
            skip.add(i + 1)
            after.append('{\n        int n = 0;\n'
                         f'        if (remoteDeserializeTypedParams(ret.{arr.name}.v, '
                         f'ret.{arr.name}.n, {a.name}, &n) < 0)\n            goto cleanup;\n'
                         f'        *{nxt.name} = n;\n    }}')
            continue
        if a.direction == 'out' and a.count == 'return' and a.length and \
                ct in ('char **', 'char ** const') and nct in ('int', 'unsigned int'):
            arr = [r for r in rets if r.base == 'string' and r.array]
            if not args or len(arr) != 1 or nxt.name != a.length:
                raise Unmapped('name list')
            fld = args.pop(0)
            arr = arr[0]
            rets.remove(arr)
            skip.add(i + 1)
            fill.append(f'args.{fld.name} = {nxt.name};')
            after.append(f'if (ret.{arr.name}.n > (uint32_t){nxt.name}) {{\n'
                         f'        nuvReportError(VIR_ERR_RPC, "the daemon sent %u names for '
                         f'%d slots", ret.{arr.name}.n, (int){nxt.name});\n'
                         f'        goto cleanup;\n    }}')
            after.append(f'for (uint32_t i = 0; i < ret.{arr.name}.n; i++)\n'
                         f'        {a.name}[i] = g_steal_pointer(&ret.{arr.name}.v[i]);')
            after.append(f'rv = ret.{arr.name}.n;')
            continue
        if a.direction == 'out' and ct == 'char ** *':
            arr = [r for r in rets if r.base == 'string' and r.array]
            if len(arr) != 1:
                raise Unmapped('allocated string list')
            arr = arr[0]
            rets.remove(arr)
            cnt = rets.pop(0) if rets and rets[0].name == 'ret' else None
            if args and args[0].name == 'needResults':
                fill.append(f'args.{args.pop(0).name} = {a.name} != NULL;')
            after.append(f'if ({a.name}) {{\n'
                         f'        char **list = g_new0(char *, ret.{arr.name}.n + 1);\n'
                         f'        for (uint32_t i = 0; i < ret.{arr.name}.n; i++)\n'
                         f'            list[i] = g_steal_pointer(&ret.{arr.name}.v[i]);\n'
                         f'        *{a.name} = list;\n    }}')
            after.append(f'rv = ret.{cnt.name if cnt else arr.name + ".n"};')
            continue
        if a.kind == 'local' and ct == 'size_t':
            continue
        if a.direction == 'in' and a.length and nxt and nxt.name == a.length and \
                args and args[0].array:
            fld = args.pop(0)
            skip.add(i + 1)
            n = nxt.name
            if fld.base == 'opaque' and a.kind in ('cpumap', 'bytes'):
                fill.append(f'args.{fld.name}.n = {n};')
                fill.append(f'args.{fld.name}.v = g_memdup2({a.name}, {n});')
            elif fld.base == 'string' and ct == 'const char **':
                fill.append(f'args.{fld.name}.n = {n};')
                fill.append(f'args.{fld.name}.v = g_new0(char *, {n} ? {n} : 1);')
                fill.append(f'for (uint32_t i = 0; i < (uint32_t){n}; i++)\n'
                            f'        args.{fld.name}.v[i] = g_strdup({a.name}[i]);')
            elif fld.base == 'uint' and ct == 'unsigned int *':
                fill.append(f'args.{fld.name}.n = {n};')
                fill.append(f'args.{fld.name}.v = g_memdup2({a.name}, sizeof(*{a.name}) * {n});')
            else:
                raise Unmapped(f'array {a.name}')
            continue
        if a.direction == 'out' and ct.endswith('Ptr **') and ct[:-3] in OBJECTS:
            obj = OBJECTS[ct[:-3]]
            arr = [r for r in rets if r.base == obj and r.array]
            if not args or len(arr) != 1 or len(rets) != 2 or rets[-1].array:
                raise Unmapped('object list')
            fld = args.pop(0)
            arr, cnt = arr[0], rets[-1]
            rets.clear()
            fill.append(f'args.{fld.name} = {a.name} != NULL;')
            after.append(f'if ({a.name}) {{\n'
                         f'        {ct[:-1]}list = g_new0({ct[:-3]}, ret.{arr.name}.n + 1);\n'
                         f'        for (uint32_t i = 0; i < ret.{arr.name}.n; i++)\n'
                         f'            list[i] = remoteGet{camel(obj)}(conn, &ret.{arr.name}.v[i]);\n'
                         f'        *{a.name} = list;\n    }}')
            after.append(f'rv = ret.{cnt.name};')
            continue
        if a.direction == 'in' and ct == 'virStreamPtr':
            if not f.stream or stream_arg:
                raise Unmapped('a stream the description does not direct')
            stream_arg = a
            continue
        if a.direction == 'in':
            if not args:
                raise Unmapped(f'no wire field for {a.name}')
            fld = args.pop(0)
            if ct == 'virNodeDevicePtr' and fld.base == 'string':
                fill.append(f'args.{fld.name} = g_strdup({a.name}->name);')
            elif ct in OBJECTS:
                if fld.base != OBJECTS[ct] or fld.optional or fld.array:
                    raise Unmapped(f'{a.name} is not a {OBJECTS[ct]}')
                fill.append(f'remoteMake{camel(OBJECTS[ct])}(&args.{fld.name}, {a.name});')
            elif ct in ('const char *', 'char *'):
                if fld.base != 'string' or fld.array:
                    raise Unmapped(f'{a.name} is not a string')
                fill.append(f'args.{fld.name} = g_strdup({a.name});')
            elif ct == 'const unsigned char *' and fld.base == 'uuid':
                fill.append(f'memcpy(args.{fld.name}, {a.name}, 16);')
            elif ct in INT_CTYPES:
                if fld.base not in SCALARS or fld.array or fld.optional:
                    raise Unmapped(f'{a.name} is not a number')
                fill.append(f'args.{fld.name} = {a.name};')
            else:
                raise Unmapped(f'argument {a.name} of type {ct}')
        else:
            base = ct[:-1].strip() if ct.endswith('*') else ''
            if base in INT_CTYPES:
                nout_fields.append(a)
            elif ct.endswith('Ptr') and ct not in OBJECTS and ct.startswith('vir') \
                    and ct != 'virTypedParameterPtr' and struct_out is None:
                struct_out = a
            else:
                raise Unmapped(f'output {a.name} of type {ct}')
    if args:
        raise Unmapped('wire arguments left over')
    rt = norm_ctype(f.ret)
    value = None
    if struct_out:
        if nout_fields or rt != 'int' or not rets:
            raise Unmapped('output structure')
        value = rets.pop(0) if p.opts.get('value') else None
        for fld in rets:
            if fld.base == 'char' and fld.array:
                after.append(f'remoteCopyChars({struct_out.name}->{fld.name}, '
                             f'sizeof({struct_out.name}->{fld.name}), ret.{fld.name}.v, '
                             f'ret.{fld.name}.n);')
            elif fld.fixed:
                after.append(f'memcpy({struct_out.name}->{fld.name}, ret.{fld.name}, '
                             f'sizeof({struct_out.name}->{fld.name}));')
            else:
                after.append(f'{struct_out.name}->{fld.name} = ret.{fld.name};')
    else:
        if rt == 'int':
            if len(rets) not in (len(nout_fields), len(nout_fields) + 1):
                raise Unmapped('reply fields')
            value = rets.pop(0) if len(rets) == len(nout_fields) + 1 else None
        else:
            if len(rets) != len(nout_fields) + 1:
                raise Unmapped('reply fields')
            value = rets.pop(0)
        for a, fld in zip(nout_fields, rets):
            if fld.base not in SCALARS or fld.array or fld.optional:
                raise Unmapped(f'output {a.name}')
            after.append(f'if ({a.name})\n        *{a.name} = ret.{fld.name};')
    if rt in OBJECTS:
        if not value or value.base != OBJECTS[rt] or value.optional or value.array:
            raise Unmapped('returned object')
        after.append(f'rv = remoteGet{camel(OBJECTS[rt])}(conn, &ret.{value.name});')
    elif rt == 'char *':
        # An optional string comes back only from a call that opens a
        # stream (a screenshot's MIME type, which a driver may not know).
        if not value or value.base != 'string' or value.array or \
                (value.optional and not stream_arg):
            raise Unmapped('returned string')
        after.append(f'rv = g_steal_pointer(&ret.{value.name});')
    elif rt in ('int', 'unsigned long', 'unsigned long long'):
        if value is not None:
            if value.base not in SCALARS or value.array or value.optional:
                raise Unmapped('returned value')
            after.append(f'rv = ret.{value.name};')
        elif rt == 'int' and not any(l.startswith('rv = ') for l in after):
            after.append('rv = 0;')
        elif rt != 'int':
            raise Unmapped('returned number')
    else:
        raise Unmapped(f'return type {rt}')

    mod = api
    fail = mod.failure_value(f.ret)
    at = f'{structs[p.name + "_args"].ctype}' if p.args else None
    rtt = f'{structs[p.name + "_ret"].ctype}' if p.ret else None
    ret_decl = f.ret if f.ret.endswith('*') else f.ret + ' '
    out = [f'static {f.ret}\nremote{camel(p.name)}({f.proto()})', '{']
    if conn != 'conn':
        out.append(f'    virConnectPtr conn = {conn};')
    if at:
        out.append(f'    {at} args;')
    if rtt:
        out.append(f'    {rtt} ret;')
    out.append(f'    {ret_decl}rv = {fail};\n')
    if at:
        out.append('    memset(&args, 0, sizeof(args));')
    if rtt:
        out.append('    memset(&ret, 0, sizeof(ret));')
    out += ['    ' + l for l in fill]
    af = f'{at}Filter, &args' if at else 'NULL, NULL'
    rf = f'{rtt}Filter, &ret' if rtt else 'NULL, NULL'
    if stream_arg:
        sparse = SPARSE_STREAM_FLAG.get(f.name)
        skip_expr = f'(flags & {sparse}) != 0' if sparse else 'false'
        out.append(f'    if (remoteCallStream(conn, {p.num}, {stream_arg.name}, {skip_expr}, '
                   f'{af}, {rf}) < 0)\n        goto cleanup;')
    else:
        out.append(f'    if (remoteCall(conn, {p.num}, {af}, {rf}) < 0)\n        goto cleanup;')
    out += ['    ' + l for l in after]
    out.append('\n cleanup:')
    if at:
        out.append(f'    nuvXdrFreeObj({at}Filter, &args);')
    if rtt:
        out.append(f'    nuvXdrFreeObj({rtt}Filter, &ret);')
    out.append('    return rv;\n}\n')
    return '\n'.join(out)


def gen_client(defpath, apipath, out_c):
    consts, structs, procs = load_def(defpath)
    CONSTS.update(consts)
    mod = api_module()
    by_proc = {}
    for fn in remote_procs(load_api(apipath)):
        if fn.slot:
            by_proc.setdefault(fn.proc, []).append(fn)
    c = ['/* Generated by src/remote/gen-remote.py: do not edit. */',
         '#include <string.h>', '#include "remote/remote_driver.h"',
         '#include "driver/datatypes.h"', '#include "util/error.h"', '',
         '#define VIR_FROM_THIS VIR_FROM_REMOTE', '']
    slots = {t: [] for t in mod.TABLES}
    made = unmapped = 0
    for p in sorted(procs, key=lambda p: p.num):
        if p.event or p.name in CLIENT_HAND or p.opts.get('hand') == 'both' or \
                p.num not in by_proc:
            continue
        for fn in by_proc[p.num]:
            # Only the function the procedure is named after.
            if fn.name.lower() != 'vir' + camel(p.name).lower():
                continue
            try:
                c.append(gen_client_stub(p, fn, structs, mod))
            except Unmapped:
                unmapped += 1
                continue
            made += 1
            slots[mod.table_of(fn)].append((mod.slot_name(fn), f'remote{camel(p.name)}'))
    names = {'hypervisor': 'Hypervisor', 'network': 'Network', 'storage': 'Storage',
             'secret': 'Secret', 'interface': 'Interface', 'nodedev': 'NodeDevice',
             'nwfilter': 'NWFilter'}
    for t, n in names.items():
        c.append(f'const {mod.TABLE_TYPE[t]} remote{n}Driver = {{')
        c.append('    .name = "remote",')
        for slot, fn in slots[t]:
            c.append(f'    .{slot} = {fn},')
        c.append('};\n')
    Path(out_c).write_text('\n'.join(c) + '\n')
    print(f'remote driver: {made} public functions generated, {unmapped} left unsupported '
          f'(of {sum(len(v) for v in by_proc.values())} with a procedure number and a slot)')


# ---- the daemon's domain event senders: one per event, generated ----

# Events written by hand in dispatch_events.c (the lifecycle event also
# goes to clients of the old registration form).
EVENT_HAND = {'VIR_DOMAIN_EVENT_ID_LIFECYCLE', 'VIR_DOMAIN_EVENT_ID_GRAPHICS'}
# ... and received by hand in remote_driver.c (the lifecycle event also
# feeds the old registration form's callbacks).
CLIENT_EVENT_HAND = EVENT_HAND


def flat_fields(fields, structs, prefix=''):
    """A message body's fields in wire order, embedded '*_msg' bodies
    flattened: [(C access path, Field)]."""
    out = []
    for f in fields:
        if f.base.endswith('_msg') and f.base in structs and not f.array and not f.optional:
            out += flat_fields(structs[f.base].fields, structs, f'{prefix}{f.name}.')
        else:
            out.append((prefix + f.name, f))
    return out


def event_mapping(cbtype, proc, structs):
    """An event body matched to its callback's arguments: (the domain
    field's path, the callback's extra parameters as C declarations,
    [(kind, argument, field path, count argument)]), kind being 'params',
    'string', 'optstring' or 'scalar'."""
    fields = flat_fields(proc.msg, structs)
    if not fields or fields[0][1].name != 'callbackID':
        raise Unmapped('no callback ID')
    fields = fields[1:]
    doms = [pf for pf in fields if pf[1].base == 'domain' and not pf[1].array]
    if len(doms) != 1:
        raise Unmapped('no domain')
    fields.remove(doms[0])
    args = [a for a in cbtype.args if norm_ctype(a.ctype) not in
            ('virConnectPtr', 'virDomainPtr', 'void *')]
    params, maps = [], []
    skip = set()
    for i, a in enumerate(args):
        ct = norm_ctype(a.ctype)
        params.append(f'{a.ctype} {a.name}' if not ct.endswith('*') else f'{a.ctype}{a.name}')
        if i in skip:
            continue
        if not fields:
            raise Unmapped(f'no field for {a.name}')
        path, f = fields.pop(0)
        if ct == 'virTypedParameterPtr' and f.base == 'typed_param' and f.array:
            skip.add(i + 1)
            maps.append(('params', a.name, path, args[i + 1].name))
        elif ct in ('const char *', 'char *') and f.base == 'string' and not f.array:
            maps.append(('optstring' if f.optional else 'string', a.name, path, None))
        elif ct in INT_CTYPES and f.base in SCALARS and not f.array and not f.optional:
            maps.append(('scalar', a.name, path, None))
        else:
            raise Unmapped(f'argument {a.name} of type {ct}')
    if fields:
        raise Unmapped('fields left over')
    return doms[0][0], params, maps


def gen_event_sender(ev, cbtype, proc, structs):
    dom, params, maps = event_mapping(cbtype, proc, structs)
    fill = []
    for kind, name, path, count in maps:
        if kind == 'params':
            fill.append(f'remoteSerializeTypedParams({name}, {count}, &m.{path}.v, &m.{path}.n);')
        elif kind == 'optstring':
            fill.append(f'm.{path} = g_strdup({name});')
        elif kind == 'string':
            fill.append(f'm.{path} = g_strdup({name} ? {name} : "");')
        else:
            fill.append(f'm.{path} = {name};')
    st = structs[proc.name + '_msg'].ctype
    fn = 'remoteDomainEventSend' + camel(proc.name)
    sig = ', '.join(['virConnectPtr conn', 'virDomainPtr dom'] +
                    [p.strip() for p in params] + ['void *opaque'])
    body = [f'static void\n{fn}({sig})', '{',
            '    remoteEventCb *cb = opaque;',
            f'    {st} m;', '',
            '    if (g_atomic_int_get(&cb->callbackID) < 0)', '        return;',
            '    memset(&m, 0, sizeof(m));',
            '    m.callbackID = g_atomic_int_get(&cb->callbackID);',
            f'    remoteMakeDomain(&m.{dom}, dom);']
    body += ['    ' + l for l in fill]
    body += [f'    remoteEventSendMessage(cb->client, {proc.num}, {st}Filter, &m);',
             f'    nuvXdrFreeObj({st}Filter, &m);', '}', '']
    return fn, '\n'.join(body)


def gen_event_receiver(ev, cbtype, proc, structs):
    """The remote driver's side: a function that calls the application's
    callback with the fields of a decoded body, and its table row."""
    dom, params, maps = event_mapping(cbtype, proc, structs)
    st = structs[proc.name + '_msg'].ctype
    fn = 'remoteDomainEventCall' + camel(proc.name)
    pre, post, call = [], [], ['conn', 'dom']
    for kind, name, path, count in maps:
        if kind == 'params':
            pre += ['virTypedParameterPtr params = NULL;', 'int nparams = 0;', '',
                    f'if (remoteDeserializeTypedParams(m->{path}.v, m->{path}.n, '
                    '&params, &nparams) < 0) {',
                    '    nuvErrorReset();', '    return;', '}']
            post.append('virTypedParamsFree(params, nparams);')
            call += ['params', 'nparams']
        else:
            call.append(f'm->{path}')
    call.append('opaque')
    body = [f'static void\n{fn}(void (*fn)(void), virConnectPtr conn, void *dom, '
            'void *body, void *opaque)', '{']
    if maps:
        body.append(f'    const {st} *m = body;')
    body += ['    ' + l if l else '' for l in pre]
    body.append(f'    (({cbtype.name}) fn)({", ".join(call)});')
    body += ['    ' + l for l in post]
    body += ['}', '']
    row = (f'    {{ {proc.num}, {ev.name}, {st}Filter, sizeof({st}), '
           f'offsetof({st}, {dom}), {fn} }},')
    return '\n'.join(body), row


def map_domain_events(defpath, apipath, hand, gen):
    """gen(ev, callback type, message procedure, structs) for each domain
    event of libvirt.api not in hand: ([its results], [why others were
    left out])."""
    consts, structs, procs = load_def(defpath)
    CONSTS.update(consts)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'api'))
    import apidesc
    desc = apidesc.load(apipath)
    cbs = {c.name: c for c in desc.callbacks}
    by_num = {p.num: p for p in procs if p.event}
    made, skipped = [], []
    for ev in desc.events:
        if ev.object != 'domain' or ev.id is None or ev.name in hand:
            continue
        prog, num = ev.message
        if prog != 'remote' or num not in by_num:
            skipped.append(f'{ev.name}: no message described')
            continue
        try:
            made.append((ev, gen(ev, cbs[ev.callback], by_num[num], structs)))
        except Unmapped as e:
            skipped.append(f'{ev.name}: {e}')
    return made, skipped


def gen_events(defpath, apipath, out_c):
    made, skipped = map_domain_events(defpath, apipath, EVENT_HAND, gen_event_sender)
    c = ['/* Generated by src/remote/gen-remote.py: do not edit. */',
         '#include <string.h>', '#include "remote/dispatch.h"', '#include "util/typedparam.h"', '']
    c += [text for _, (fn, text) in made]
    c.append('virConnectDomainEventGenericCallback\nremoteDomainEventSenderFor(int eventID)\n{\n'
             '    switch (eventID) {')
    c += [f'    case {ev.id}:\n        return VIR_DOMAIN_EVENT_CALLBACK({fn});'
          for ev, (fn, _) in made]
    c.append('    default:\n        return NULL;\n    }\n}')
    Path(out_c).write_text('\n'.join(c) + '\n')
    print(f'remote events: {len(made)} domain event senders generated, {len(skipped)} not '
          f'forwarded' + (': ' + '; '.join(skipped) if skipped else ''))


def gen_client_events(defpath, apipath, out_c):
    """The remote driver's domain event table: for each callback-form
    event message, its body's filter and a function calling the
    application's callback (remote_domain_events.c decodes and queues)."""
    made, skipped = map_domain_events(defpath, apipath, CLIENT_EVENT_HAND, gen_event_receiver)
    c = ['/* Generated by src/remote/gen-remote.py: do not edit. */',
         '#include <stddef.h>', '#include "remote/remote_driver.h"',
         '#include "util/error.h"', '#include "util/typedparam.h"', '']
    c += [text for _, (text, row) in made]
    c.append('const remoteDomainEventRecv remoteDomainEventRecvs[] = {')
    c += [row for _, (text, row) in made]
    c.append('    { 0 }')
    c.append('};')
    Path(out_c).write_text('\n'.join(c) + '\n')
    print(f'remote driver events: {len(made)} domain event receivers generated, '
          f'{len(CLIENT_EVENT_HAND)} written by hand, {len(skipped)} not received' +
          (': ' + '; '.join(skipped) if skipped else ''))


def main():
    cmd = sys.argv[1]
    if cmd == 'protocol':
        gen_protocol(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'dispatch':
        gen_dispatch(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'client':
        gen_client(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'events':
        gen_events(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == 'client-events':
        gen_client_events(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
