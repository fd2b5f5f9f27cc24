#!/usr/bin/env python3
"""Generate the Python binding from src/api/libvirt.api.

    gen-python.py c    API MODULE OUT.c  [HAND.c ...]   libvirtmod{,_qemu,_lxc}'s C
    gen-python.py py   API MODULE OUT.py [HAND.py ...]  libvirt{,_qemu,_lxc}.py
    gen-python.py shape API                             print each record's shape

MODULE is libvirt, libvirt_qemu or libvirt_lxc.  The `python` records of the
description name each method (owner, Python name, parameters and their
defaults, how failure shows); the C side of a record with c=gen is emitted
here from the C call's arguments, whose shape must be one this generator
knows (see c_shape); c=hand names a function written in python/*.c.  Python
methods with py=hand, and the module's hand-written parts (libvirtError,
event dispatch, stream helpers), come from the HAND.py files: each is a
module of top-level functions and of classes whose methods are merged into
the generated classes of the same name.
"""
import ast
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'src' / 'api'))
import apidesc  # noqa: E402

MODULES = ('libvirt', 'libvirt_qemu', 'libvirt_lxc')
LIB_OF_MODULE = {'libvirt': 'libvirt', 'libvirt_qemu': 'qemu', 'libvirt_lxc': 'lxc'}
CMOD = {'libvirt': 'libvirtmod', 'libvirt_qemu': 'libvirtmod_qemu',
        'libvirt_lxc': 'libvirtmod_lxc'}

# The classes in python3-libvirt 9.0's order, with what their constructor
# takes first (the object they hang off) and the release call of __del__.
CLASSES = [
    ('virDomain', 'conn', 'virDomainFree'),
    ('virNetwork', 'conn', 'virNetworkFree'),
    ('virNetworkPort', 'net', 'virNetworkPortFree'),
    ('virInterface', 'conn', 'virInterfaceFree'),
    ('virStoragePool', 'conn', 'virStoragePoolFree'),
    ('virStorageVol', 'conn', 'virStorageVolFree'),
    ('virConnect', None, None),
    ('virNodeDevice', 'conn', 'virNodeDeviceFree'),
    ('virSecret', 'conn', 'virSecretFree'),
    ('virNWFilter', 'conn', 'virNWFilterFree'),
    ('virNWFilterBinding', 'conn', 'virNWFilterBindingFree'),
    ('virStream', 'conn', None),
    ('virDomainCheckpoint', 'dom', 'virDomainCheckpointFree'),
    ('virDomainSnapshot', 'dom', 'virDomainSnapshotFree'),
]
CLASS_NAMES = [c[0] for c in CLASSES]

SCALAR_FORMATS = {
    'int': ('i', 'int', 'PyLong_FromLong'),
    'unsignedint': ('I', 'unsigned int', 'PyLong_FromUnsignedLong'),
    'long': ('l', 'long', 'PyLong_FromLong'),
    'unsignedlong': ('k', 'unsigned long', 'PyLong_FromUnsignedLong'),
    'longlong': ('L', 'long long', 'PyLong_FromLongLong'),
    'unsignedlonglong': ('K', 'unsigned long long', 'PyLong_FromUnsignedLongLong'),
    'double': ('d', 'double', 'PyFloat_FromDouble'),
    'size_t': ('n', 'Py_ssize_t', 'PyLong_FromSize_t'),
}

# Arguments parse as libvirt-python parses them: unsigned long and unsigned
# long long through their signed forms, so that -1 passes as all ones (the
# library then judges it) and a value beyond the signed range is Python's
# OverflowError, never silently cut.
SCALAR_INPUT_FORMATS = {
    'unsignedlong': ('l', 'long', None),
    'unsignedlonglong': ('L', 'long long', None),
}

# Structs C calls fill in, as python3-libvirt returns them: the C type, the
# Py_BuildValue format ([...] a list, (...) a tuple) and one C expression
# per item, {v} standing for the struct.
STRUCT_RESULTS = {
    'virDomainInfoPtr': ('virDomainInfo', '[ikkiK]', [
        '(int){v}.state', '{v}.maxMem', '{v}.memory', '(int){v}.nrVirtCpu',
        '(unsigned long long){v}.cpuTime']),
    # Memory in MiB, as python3-libvirt reports it.
    'virNodeInfoPtr': ('virNodeInfo', '[skiiiiii]', [
        '{v}.model', '{v}.memory >> 10', '(int){v}.cpus', '(int){v}.mhz', '(int){v}.nodes',
        '(int){v}.sockets', '(int){v}.cores', '(int){v}.threads']),
    'virStoragePoolInfoPtr': ('virStoragePoolInfo', '[iKKK]', [
        '(int){v}.state', '{v}.capacity', '{v}.allocation', '{v}.available']),
    'virStorageVolInfoPtr': ('virStorageVolInfo', '[iKK]', [
        '(int){v}.type', '{v}.capacity', '{v}.allocation']),
    'virDomainBlockInfoPtr': ('virDomainBlockInfo', '[KKK]', [
        '{v}.capacity', '{v}.allocation', '{v}.physical']),
    'virDomainControlInfoPtr': ('virDomainControlInfo', '[iiK]', [
        '(int){v}.state', '(int){v}.details', '{v}.stateTime']),
    'virDomainJobInfoPtr': ('virDomainJobInfo', '[iKKKKKKKKKKK]', [
        '{v}.type', '{v}.timeElapsed', '{v}.timeRemaining', '{v}.dataTotal',
        '{v}.dataProcessed', '{v}.dataRemaining', '{v}.memTotal', '{v}.memProcessed',
        '{v}.memRemaining', '{v}.fileTotal', '{v}.fileProcessed', '{v}.fileRemaining']),
    'virDomainBlockStatsPtr': ('virDomainBlockStatsStruct', '(LLLLL)', [
        '{v}.rd_req', '{v}.rd_bytes', '{v}.wr_req', '{v}.wr_bytes', '{v}.errs']),
    'virDomainInterfaceStatsPtr': ('virDomainInterfaceStatsStruct', '(LLLLLLLL)', [
        '{v}.rx_bytes', '{v}.rx_packets', '{v}.rx_errs', '{v}.rx_drop', '{v}.tx_bytes',
        '{v}.tx_packets', '{v}.tx_errs', '{v}.tx_drop']),
    'virSecurityLabelPtr': ('virSecurityLabel', '[sN]', [
        '{v}.label', 'PyBool_FromLong({v}.enforcing)']),
    'virSecurityModelPtr': ('virSecurityModel', '[ss]', ['{v}.model', '{v}.doi']),
}


class Unsupported(Exception):
    pass


def handle_class(ctype):
    t = ctype.replace(' ', '')
    return t[:-3] if t in apidesc.HANDLE_TYPES else None


def is_length(f, a):
    """@a only gives the length of another argument the binding fills in."""
    return a.length_of is not None and a.direction == 'in' and \
        f.arg(a.length_of).kind in ('tparams', 'array', 'string', 'uuid', 'bytes', 'fd')


def c_shape(f):
    """How the generic C wrapper marshals @f: a list of (arg, role) and the
    return role.  Raises Unsupported for shapes that need a hand override."""
    roles = []
    for a in f.args:
        t = a.bare_type
        if a.direction == 'in':
            if a.kind in ('handle', 'stream'):
                roles.append((a, 'handle'))
            elif a.kind == 'string' and t == 'constchar*':
                roles.append((a, 'string'))
            elif a.kind == 'uuid' and a.length == 'VIR_UUID_BUFLEN':
                roles.append((a, 'uuid-in'))
            elif a.kind == 'flags' or (a.kind == 'scalar' and t in SCALAR_FORMATS):
                if is_length(f, a):
                    roles.append((a, 'length'))
                else:
                    roles.append((a, 'scalar'))
            elif a.kind == 'tparams' and a.length and f.arg(a.length) is not None:
                roles.append((a, 'tparams-in'))
            elif a.kind == 'local' and t == 'size_t':
                roles.append((a, 'sizeof'))
            elif a.kind == 'array' and t == 'constchar**' and a.length:
                roles.append((a, 'strings-in'))
            elif a.kind == 'fd' and t == 'int*' and a.length:
                roles.append((a, 'ints-in'))
            else:
                raise Unsupported(f'{a.name}: in {a.kind} {t}')
        elif a.direction == 'out':
            base = t.rstrip('*')
            if t == 'int*' and any(x.count == a.name and x.kind == 'tparams' for x in f.args):
                roles.append((a, 'count'))
            elif t in STRUCT_RESULTS:
                roles.append((a, 'struct-out'))
            elif a.kind == 'uuid':
                roles.append((a, 'uuid-out'))
            elif t == 'char*' and a.length == 'VIR_UUID_STRING_BUFLEN':
                roles.append((a, 'uuidstr-out'))
            elif a.kind == 'scalar' and t.endswith('*') and base in SCALAR_FORMATS \
                    and not a.length and t.count('*') == 1:
                roles.append((a, 'scalar-out'))
            elif a.kind == 'array' and t.endswith('**') and \
                    base in apidesc.HANDLE_TYPES and a.count == 'return':
                roles.append((a, 'handles-out'))
            elif a.kind in ('array', 'string') and t in ('char**const', 'char**') and \
                    a.count == 'return' and a.length and f.arg(a.length) is not None:
                roles.append((a, 'names-out'))
            elif t == 'char***' and a.count == 'return' and a.owner == 'free':
                roles.append((a, 'strings-alloc'))
            elif t == 'int**' and a.count == 'return' and a.owner == 'free':
                roles.append((a, 'ints-alloc'))
            elif a.kind == 'tparams' and t == 'virTypedParameterPtr' and a.count and \
                    f.arg(a.count) is not None and f.arg(a.count).direction == 'inout':
                roles.append((a, 'tparams-out'))
            elif a.kind == 'tparams' and t == 'virTypedParameterPtr*' and a.count and \
                    a.owner == 'virTypedParamsFree':
                roles.append((a, 'tparams-alloc'))
            else:
                raise Unsupported(f'{a.name}: out {a.kind} {t}')
        else:
            if t == 'int*' and any(x.count == a.name and x.kind == 'tparams' for x in f.args):
                roles.append((a, 'count'))
            else:
                raise Unsupported(f'{a.name}: inout {a.kind} {t}')
    rt = f.ret.replace(' ', '')
    if rt == 'void':
        ret = 'void'
    elif handle_class(f.ret):
        ret = 'handle'
    elif rt in ('char*', 'constchar*'):
        ret = 'string'
    elif rt in SCALAR_FORMATS:
        ret = 'scalar'
    else:
        raise Unsupported(f'returns {f.ret}')
    outs = [r for _, r in roles if r.endswith('-out') or r.endswith('-alloc')]
    if ('tparams-alloc' in outs or 'tparams-out' in outs) and len(outs) > 1:
        raise Unsupported('typed parameters beside other results')
    if outs and ret != 'scalar':
        raise Unsupported('out arguments with a non-int return')
    # The length argument of a names-out array is the capacity we choose.
    for a, r in roles:
        if r == 'names-out':
            i = [x.name for x, _ in roles].index(a.length)
            roles[i] = (roles[i][0], 'capacity')
    if sum(1 for _, r in roles if r == 'tparams-in') > 1:
        raise Unsupported('two typed parameter arrays')
    return roles, ret


# ---------------------------------------------------------------- C side

def c_visible(roles):
    return [(a, r) for a, r in roles if r in ('handle', 'string', 'uuid-in', 'scalar', 'tparams-in',
                                            'strings-in', 'ints-in')]


def tparams_getter(api, f):
    """For a Set call taking a dict: the Get call that reports the fields' types."""
    name = f.name.replace('Set', 'Get', 1)
    g = api.by_name.get(name)
    if g is None or g.name == f.name:
        return None
    try:
        roles, _ = c_shape(g)
    except Unsupported:
        return None
    kinds = [r for _, r in roles]
    if 'tparams-out' not in kinds and 'tparams-alloc' not in kinds:
        return None
    # Its visible arguments must be ours minus the dict.
    mine = [a.name for a, r in c_visible(c_shape(f)[0]) if r != 'tparams-in']
    theirs = [a.name for a, r in c_visible(roles)]
    return g if mine == theirs else None


def emit_c_function(api, f, pm, out):
    roles, ret = c_shape(f)
    name = f.name
    L = out.append
    L(f'static PyObject *\nnuvpy_{name}(PyObject *self G_GNUC_UNUSED, PyObject *args)\n{{')
    fmt = ''
    parse = []
    pre = []
    late = []
    post = []
    decl = []
    for a, r in roles:
        t = a.bare_type
        base = t.rstrip('*')
        if r == 'handle':
            decl.append(f'PyObject *py_{a.name}; {a.ctype.replace("const ", "")} {a.name};')
            fmt += 'O'
            parse.append(f'&py_{a.name}')
            pre.append(f'if (nuvpyUnwrap(py_{a.name}, "{t}", (void **)&{a.name}) < 0)\n'
                       f'        return NULL;')
        elif r == 'string':
            decl.append(f'const char *{a.name};')
            fmt += 'z'
            parse.append(f'&{a.name}')
        elif r == 'uuid-in':
            decl.append(f'const char *{a.name}; Py_ssize_t {a.name}_len;')
            fmt += 'z#'
            parse += [f'&{a.name}', f'&{a.name}_len']
            pre.append(f'if ({a.name} && {a.name}_len != VIR_UUID_BUFLEN)\n        '
                       f'return nuvpyFailed("{pm.fail}");')
        elif r == 'scalar':
            code, ctyp, _ = SCALAR_INPUT_FORMATS.get(t, SCALAR_FORMATS[t])
            decl.append(f'{ctyp} {a.name};')
            fmt += code
            parse.append(f'&{a.name}')
        elif r == 'length':
            decl.append(f'{a.ctype} {a.name} = 0;')
        elif r == 'capacity':
            decl.append(f'{a.ctype} {a.name} = 0;')
        elif r == 'tparams-in':
            n = a.length
            decl.append(f'PyObject *py_{a.name}; virTypedParameterPtr {a.name} = NULL;')
            fmt += 'O'
            parse.append(f'&py_{a.name}')
            g = tparams_getter(api, f)
            if g:
                gargs = []
                for x in g.args:
                    if x.kind == 'tparams':
                        gargs.append('&known' if x.bare_type.endswith('*') and x.owner == 'virTypedParamsFree' else 'known')
                    elif x.name == n or (x.bare_type == 'int*' and x.direction != 'in'):
                        gargs.append('&nknown')
                    else:
                        gargs.append(x.name)
                alloc = any(x.kind == 'tparams' and x.owner == 'virTypedParamsFree' for x in g.args)
                call = f'{g.name}({", ".join(gargs)})'
                # libvirt-python refuses an empty dict before asking the
                # driver for the fields it knows.
                pre.append(f'if (PyDict_Check(py_{a.name}) && PyDict_Size(py_{a.name}) == 0) {{\n'
                           '        PyErr_SetString(PyExc_LookupError, '
                           '"Need non-empty dictionary to set attributes");\n'
                           '        return NULL;\n    }')
                pre.append('{\n        virTypedParameterPtr known = NULL;\n        int nknown = 0, rc;\n'
                           '        Py_BEGIN_ALLOW_THREADS\n')
                if alloc:
                    pre.append(f'        rc = {call};\n')
                else:
                    glim = next(x.limit for x in g.args if x.kind == 'tparams')
                    pre.append(f'        nknown = {api.limits[glim]};\n'
                               '        known = g_new0(virTypedParameter, nknown);\n'
                               f'        rc = {call};\n')
                pre.append('        Py_END_ALLOW_THREADS\n'
                           '        if (rc < 0) {\n'
                           '            virTypedParamsFree(known, nknown);\n'
                           f'            return nuvpyFailed("{pm.fail}");\n'
                           '        }\n'
                           f'        rc = nuvpyDictToTypedParams(py_{a.name}, known, nknown, &{a.name}, (int *)&{n});\n'
                           '        virTypedParamsFree(known, nknown);\n'
                           '        if (rc < 0)\n            return NULL;\n    }')
            else:
                pre.append(f'if (nuvpyDictToTypedParams(py_{a.name}, NULL, 0, &{a.name}, (int *)&{n}) < 0)\n'
                           '        return NULL;')
            post.append(f'virTypedParamsFree({a.name}, {n});')
        elif r == 'struct-out':
            decl.append(f'{STRUCT_RESULTS[t][0]} {a.name};')
            pre.append(f'memset(&{a.name}, 0, sizeof({a.name}));')
        elif r in ('strings-in', 'ints-in'):
            # Lists from Python: converted after every other argument, so
            # that an early return cannot leak them.
            ctype, conv = (('const char **', 'nuvpyStrings(py_{0}, true, &{0}, &{1})')
                           if r == 'strings-in' else ('int *', 'nuvpyInts(py_{0}, &{0}, &{1})'))
            decl.append(f'PyObject *py_{a.name}; {ctype}{a.name} = NULL;')
            fmt += 'O'
            parse.append(f'&py_{a.name}')
            late.append(f'if ({conv.format(a.name, a.length)} < 0)\n        return NULL;')
            post.append(f'g_free({a.name});')
        elif r == 'uuid-out':
            decl.append(f'unsigned char {a.name}[VIR_UUID_BUFLEN];')
        elif r == 'uuidstr-out':
            decl.append(f'char {a.name}[VIR_UUID_STRING_BUFLEN];')
        elif r == 'scalar-out':
            decl.append(f'{SCALAR_FORMATS[base][1]} {a.name} = 0;')
        elif r == 'handles-out':
            decl.append(f'{base} *{a.name} = NULL;')
        elif r == 'names-out':
            decl.append(f'char **{a.name} = NULL;')
        elif r == 'tparams-out':
            decl.append(f'virTypedParameterPtr {a.name} = NULL;')
        elif r == 'tparams-alloc':
            decl.append(f'virTypedParameterPtr {a.name} = NULL;')
        elif r == 'strings-alloc':
            decl.append(f'char **{a.name} = NULL;')
        elif r == 'ints-alloc':
            decl.append(f'int *{a.name} = NULL;')
        elif r == 'count':
            decl.append(f'int {a.name} = 0;')
    rt = f.ret.replace(' ', '')
    if ret == 'handle':
        decl.append(f'{f.ret} c_ret;')
    elif ret == 'string':
        decl.append(f'{f.ret} c_ret;')
    elif ret == 'scalar':
        decl.append(f'{SCALAR_FORMATS[rt][1]} c_ret;')
    for d in decl:
        L(f'    {d}')
    L('')
    L(f'    if (!PyArg_ParseTuple(args, "{fmt}:{name}"{"".join(", " + p for p in parse)}))')
    L('        return NULL;')
    for p in pre + late:
        L(f'    {p}')

    def callexpr():
        cargs = []
        for a, r in roles:
            if r in ('uuid-in',):
                cargs.append(f'(const unsigned char *){a.name}')
            elif r == 'sizeof':
                st = next(x for x, y in roles if y == 'struct-out')
                cargs.append(f'sizeof({st.name})')
            elif r in ('scalar-out', 'handles-out', 'tparams-alloc', 'count', 'strings-alloc',
                       'ints-alloc', 'struct-out'):
                cargs.append(f'&{a.name}')
            else:
                cargs.append(a.name)
        return f'{name}({", ".join(cargs)})'

    kinds = [r for _, r in roles]
    prefix = '' if ret == 'void' else 'c_ret = '
    if 'names-out' in kinds:
        a = next(x for x, r in roles if r == 'names-out')
        cap = a.length
        L('    for (' + cap + ' = 64;; ' + cap + ' *= 4) {')
        L(f'        {a.name} = g_new0(char *, {cap});')
        L('        Py_BEGIN_ALLOW_THREADS')
        L(f'        {prefix}{callexpr()};')
        L('        Py_END_ALLOW_THREADS')
        L(f'        if (c_ret < 0 || c_ret < {cap} || {cap} >= 1 << 20)')
        L('            break;')
        L('        for (int i = 0; i < c_ret; i++)')
        L(f'            g_free({a.name}[i]);')
        L(f'        g_free({a.name});')
        L('    }')
    elif 'tparams-out' in kinds:
        a = next(x for x, r in roles if r == 'tparams-out')
        n = a.count
        if a.limit:
            # One call with the protocol's capacity: drivers fill what they have.
            L(f'    {n} = {api.limits[a.limit]};')
            L(f'    {a.name} = g_new0(virTypedParameter, {n});')
            L('    Py_BEGIN_ALLOW_THREADS')
            L(f'    {prefix}{callexpr()};')
            L('    Py_END_ALLOW_THREADS')
        else:
            L('    Py_BEGIN_ALLOW_THREADS')
            L(f'    {prefix}{callexpr()};')
            L(f'    if (c_ret == 0 && {n} > 0) {{')
            L(f'        {a.name} = g_new0(virTypedParameter, {n});')
            L(f'        {prefix}{callexpr()};')
            L('    }')
            L('    Py_END_ALLOW_THREADS')
    else:
        L('    Py_BEGIN_ALLOW_THREADS')
        L(f'    {prefix}{callexpr()};')
        L('    Py_END_ALLOW_THREADS')
    for p in post:
        L(f'    {p}')
    outs = [(a, r) for a, r in roles if r.endswith('-out') or r.endswith('-alloc')]
    if ret == 'void':
        L('    Py_RETURN_NONE;')
    elif ret == 'handle':
        L('    if (c_ret == NULL)\n        Py_RETURN_NONE;')
        L(f'    return nuvpyWrap(c_ret, "{rt}");')
    elif ret == 'string':
        free = f.owner == 'free'
        L(f'    return nuvpyString(c_ret, {"true" if free else "false"});')
    elif not outs:
        conv = SCALAR_FORMATS[rt][2]
        L(f'    return {conv}(c_ret);')
    else:
        L('    if (c_ret < 0) {')
        for a, r in outs:
            if r == 'tparams-out':
                L(f'        virTypedParamsFree({a.name}, {a.count});')
            elif r == 'tparams-alloc':
                L(f'        virTypedParamsFree({a.name}, {a.count});')
            elif r == 'names-out':
                L(f'        g_free({a.name});')
        L(f'        return nuvpyFailed("{pm.fail}");')
        L('    }')
        vals = []
        for a, r in outs:
            base = a.bare_type.rstrip('*')
            if r == 'uuid-out':
                vals.append(f'PyBytes_FromStringAndSize((const char *){a.name}, VIR_UUID_BUFLEN)')
            elif r == 'uuidstr-out':
                vals.append(f'PyUnicode_FromString({a.name})')
            elif r == 'scalar-out':
                vals.append(f'{SCALAR_FORMATS[base][2]}({a.name})')
            elif r == 'handles-out':
                vals.append(f'nuvpyWrapList((void **){a.name}, c_ret, "{base}")')
            elif r == 'names-out':
                vals.append(f'nuvpyStringList({a.name}, c_ret)')
            elif r == 'strings-alloc':
                vals.append(f'nuvpyStringList({a.name}, c_ret)')
            elif r == 'ints-alloc':
                vals.append(f'nuvpyIntList({a.name}, c_ret)')
            elif r == 'struct-out':
                _, fmt, items = STRUCT_RESULTS[a.bare_type]
                vals.append(f'Py_BuildValue("{fmt}", ' +
                            ', '.join(i.format(v=a.name) for i in items) + ')')
            elif r in ('tparams-out', 'tparams-alloc'):
                vals.append(f'nuvpyTypedParamsToDict({a.name}, {a.count}, true)')
        if len(vals) == 1:
            L(f'    return {vals[0]};')
        else:
            L(f'    return nuvpyTuple({len(vals)}, ' + ', '.join(vals) + ');')
    L('}\n')


def hand_c_functions(paths):
    """The libvirtmod functions the hand-written C files define."""
    names = set()
    for p in paths:
        if str(p).endswith('.c'):
            text = Path(p).read_text()
            names |= set(re.findall(r'^nuvpy_(\w+)\(PyObject', text, re.M))
            # Families defined through a macro: NAME_OF_MACRO(virFunction, ...)
            names |= set(re.findall(r'^[A-Z_]+\((vir\w+)[,)]', text, re.M))
    return names


def available(api, pm, hand_c):
    """A record whose hand-written C function does not exist yet is left
    out of both modules (the introspection test counts it missing)."""
    return pm.c == 'gen' or pm.function in hand_c


EVENT_OBJECTS = {'domain': 'virDomainPtr', 'network': 'virNetworkPtr',
                 'storage_pool': 'virStoragePoolPtr', 'node_device': 'virNodeDevicePtr',
                 'secret': 'virSecretPtr'}
EVENT_ARG_FORMATS = {'int': 'i', 'unsignedint': 'I', 'longlong': 'L',
                     'unsignedlonglong': 'K', 'constchar*': 'z'}


def dispatch_method(callback):
    """The virConnect method python3-libvirt dispatches a callback type to."""
    if callback == 'virConnectDomainEventCallback':
        return '_dispatchDomainEventLifecycleCallback'
    return '_dispatch' + callback[len('virConnect'):]


# python3-libvirt's names for a few callback parameters the C headers name
# otherwise (the introspection test compares parameter names).
PY_CALLBACK_PARAM = {
    ('virConnectDomainEventRTCChangeCallback', 'utcoffset'): 'offset',
    ('virConnectDomainEventGraphicsCallback', 'local'): 'localAddr',
    ('virConnectDomainEventGraphicsCallback', 'remote'): 'remoteAddr',
    ('virConnectDomainEventMetadataChangeCallback', 'type'): 'mtype',
}


def py_event_dispatchers(api):
    """virConnect's _dispatch* methods, one per callback type of the
    description's events: wrap the object the trampoline passes (a capsule)
    and call the application's callback with the registration's opaque."""
    out, seen = [], set()
    for e in api.events:
        if e.lib != 'libvirt' or e.object not in EVENT_OBJECTS or e.id is None:
            continue
        name = dispatch_method(e.callback)
        if name in seen:
            continue
        seen.add(name)
        cb = api.callback(e.callback)
        skip = {a.length for a in cb.args if a.length}
        params = [PY_CALLBACK_PARAM.get((e.callback, a.name), a.name)
                  for a in cb.args[1:-1] if a.name not in skip]
        cls = handle_class(cb.args[1].ctype)
        args = [f'{cls}(self, _obj={params[0]})'] + params[1:]
        out.append((name, f'    def {name}(self, {", ".join(params + ["cbData"])}):\n'
                          f'        cbData["cb"](self, {", ".join(args)}, cbData["opaque"])\n'
                          '        return 0\n'))
    return out


def emit_event_trampolines(api, out):
    """One C callback per event ID: converts the arguments and calls the
    connection's _dispatch* method with the registration's cbData."""
    L = out.append
    tables = {o: {} for o in EVENT_OBJECTS}
    for e in api.events:
        if e.lib != 'libvirt' or e.object not in EVENT_OBJECTS or e.id is None:
            continue
        cb = api.callback(e.callback)
        params = cb.args[1:-1]
        fmt = ''
        vals = []
        skip = {a.length for a in params if a.length}
        for a in params:
            t = a.bare_type
            if a.name in skip:
                continue
            if t in apidesc.HANDLE_TYPES:
                fmt += 'N'
                vals.append(f'nuvpyWrapRef({a.name}, "{t}")')
            elif a.kind == 'tparams':
                fmt += 'N'
                vals.append(f'nuvpyTypedParamsToDict({a.name}, {a.length}, false)')
            elif t == 'constvirDomainEventGraphicsAddress*':
                fmt += 'N'
                vals.append(f'nuvpyGraphicsAddress({a.name})')
            elif t == 'constvirDomainEventGraphicsSubject*':
                fmt += 'N'
                vals.append(f'nuvpyGraphicsSubject({a.name})')
            elif t in EVENT_ARG_FORMATS:
                fmt += EVENT_ARG_FORMATS[t]
                vals.append(a.name)
            else:
                raise SystemExit(f'gen-python: event {e.name}: cannot pass {a.decl()}')
        fn = f'ev_{e.name}'
        proto = ', '.join(a.decl() for a in cb.args)
        L(f'static {cb.ret}\n{fn}({proto})\n{{')
        L('    PyGILState_STATE gil = PyGILState_Ensure();')
        L(f'    (void){cb.args[0].name};')
        L(f'    nuvpyDispatch({cb.args[-1].name}, "{dispatch_method(e.callback)}", '
          f'Py_BuildValue("({fmt})"{"".join(", " + v for v in vals)}));')
        L('    PyGILState_Release(gil);')
        if cb.ret != 'void':
            L('    return 0;')
        L('}\n')
        tables[e.object][e.id] = fn
    for obj, entries in tables.items():
        n = max(entries) + 1 if entries else 1
        L(f'const nuvpyEventTrampoline nuvpy_{obj}_event_trampolines[] = {{')
        for i in range(n):
            L(f'    {"(nuvpyEventTrampoline)" + entries[i] if i in entries else "NULL"},')
        L('};')
        L(f'const int nuvpy_{obj}_event_ntrampolines = {n};\n')


def gen_c(api, module, out_path, hand_files):
    hand_c = hand_c_functions(hand_files)
    lib = LIB_OF_MODULE[module]
    cmod = CMOD[module]
    out = ['/* Generated by python/gen-python.py from src/api/libvirt.api: do not edit. */',
           '#include "libvirtmod.h"', '']
    if lib == 'qemu':
        out.append('#include <libvirt/libvirt-qemu.h>')
    if lib == 'lxc':
        out.append('#include <libvirt/libvirt-lxc.h>')
    table = []
    seen = set()
    for pm in api.python:
        f = api.by_name[pm.function]
        if f.lib != lib or pm.function in seen or not available(api, pm, hand_c):
            continue
        seen.add(pm.function)
        if pm.c == 'hand':
            out.append(f'PyObject *nuvpy_{f.name}(PyObject *self, PyObject *args);')
        else:
            emit_c_function(api, f, pm, out)
        table.append(f.name)
    if lib == 'libvirt':
        emit_event_trampolines(api, out)
        # The release calls of the classes' __del__ (and virStreamFree).
        for free in sorted({c[2] for c in CLASSES if c[2]} | {'virStreamFree'}):
            pm = apidesc.PyMethod(f'python {free} libvirt._free(x)', 'gen-python')
            emit_c_function(api, api.by_name[free], pm, out)
            table.append(free)
    extra_tables = []
    for h in hand_files:
        extra_tables += re.findall(r'^PyMethodDef (nuvpy_methods_\w+)\[\]', Path(h).read_text(), re.M)
    for t in extra_tables:
        out.append(f'extern PyMethodDef {t}[];')
    out.append(f'\nstatic PyMethodDef generated_methods[] = {{')
    for n in table:
        out.append(f'    {{"{n}", nuvpy_{n}, METH_VARARGS, NULL}},')
    out.append('    {NULL, NULL, 0, NULL}\n};\n')
    out.append(f'static struct PyModuleDef module_def = {{PyModuleDef_HEAD_INIT, "{cmod}", NULL, -1, NULL}};\n')
    out.append(f'PyMODINIT_FUNC\nPyInit_{cmod}(void)\n{{')
    out.append('    PyObject *m = PyModule_Create(&module_def);')
    out.append('    if (m == NULL)\n        return NULL;')
    for t in ['generated_methods'] + extra_tables:
        out.append(f'    if (PyModule_AddFunctions(m, {t}) < 0)\n        return NULL;')
    if lib == 'libvirt':
        out.append('    if (nuvpyModuleInit(m) < 0)\n        return NULL;')
    out.append('    return m;\n}')
    Path(out_path).write_text('\n'.join(out) + '\n')


# ---------------------------------------------------------- constants

LIBVIRT_HEADERS = ['libvirt-common.h', 'libvirt-host.h', 'libvirt-domain.h',
                   'libvirt-domain-checkpoint.h', 'libvirt-domain-snapshot.h',
                   'libvirt-event.h', 'libvirt-interface.h', 'libvirt-network.h',
                   'libvirt-nodedev.h', 'libvirt-nwfilter.h', 'libvirt-secret.h',
                   'libvirt-storage.h', 'libvirt-stream.h', 'virterror.h']


def header_constants(include_dir, headers=LIBVIRT_HEADERS, context=None):
    """VIR_* constants of the public headers, in order: every enum member
    (not the sentinels under VIR_ENUM_SENTINELS, unless one is an alias of
    another member) and every string macro.  @context: names the headers'
    expressions may use without being part of the result."""
    consts = {}
    names = dict(context or {})
    for h in [Path(include_dir) / n for n in headers]:
        text = h.read_text()
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        sentinel = False
        in_enum = False
        nxt = 0
        for line in text.splitlines():
            st = line.strip()
            if re.match(r'#\s*ifdef VIR_ENUM_SENTINELS', st):
                sentinel = True
                continue
            if sentinel and re.match(r'#\s*endif', st):
                sentinel = False
                continue
            m = re.match(r'#\s*define (VIR_\w+)\s+("[^"]*")\s*$', st)
            if m:
                consts[m.group(1)] = names[m.group(1)] = ast.literal_eval(m.group(2))
                continue
            if re.match(r'typedef enum\b|enum\s*\w*\s*\{', st):
                in_enum = True
                nxt = 0
                continue
            if in_enum and st.startswith('}'):
                in_enum = False
                continue
            if not in_enum:
                continue
            m = re.match(r'(VIR_\w+)\s*(?:=\s*([^,]+?))?\s*,?\s*(?://.*)?$', st)
            if not m:
                continue
            name, expr = m.group(1), m.group(2)
            if expr is not None:
                e = re.sub(r'(\d+)[uUlL]+\b', r'\1', expr)
                e = re.sub(r'\(\s*(?:unsigned\s+)?int\s*\)', '', e)
                val = eval(e, {}, names)
            else:
                val = nxt
            nxt = val + 1
            names[name] = val
            if not sentinel or (expr is not None and re.match(r'^[A-Z_]+$', expr.strip())):
                consts[name] = val
    return consts


# ---------------------------------------------------------- Python side

def parent_expr(owner, ret_class):
    """What a method of @owner passes as the first constructor argument of
    the @ret_class object it returns."""
    takes = dict((c, p) for c, p, _ in CLASSES)[ret_class]
    if owner in MODULES:
        return None
    if takes == 'conn':
        return 'self' if owner == 'virConnect' else 'self._conn'
    if takes == 'dom':
        return 'self' if owner == 'virDomain' else 'self._dom'
    if takes == 'net':
        return 'self'
    return None


def py_method(api, pm, indent):
    f = api.by_name[pm.function]
    roles, ret = (None, None)
    try:
        roles, ret = c_shape(f)
    except Unsupported:
        pass
    params = pm.params
    sig = ', '.join(n if d is None else f'{n}={d}' for n, d in params)
    cmod = CMOD[{'libvirt': 'libvirt', 'qemu': 'libvirt_qemu', 'lxc': 'libvirt_lxc'}[f.lib]]
    I = ' ' * indent
    lines = [f'{I}def {pm.name}({sig}):']
    # Arguments that are objects travel as their capsule.
    handle_params = set()
    for i, a in enumerate(f.args):
        if handle_class(a.ctype) and a.direction == 'in':
            handle_params.add(i)
    callargs = []
    pnames = [n for n, _ in params]
    visible = pnames[:]
    self_first = pm.is_method and f.args and handle_class(f.args[0].ctype) == pm.owner
    if pm.is_method:
        visible = pnames[1:]
    if self_first:
        callargs.append('self._o')
    cvis = [a for a in f.args if a.direction == 'in' and not is_length(f, a)
            and a.kind != 'local' and a.name not in
            [x.length for x in f.args if x.direction == 'out' and x.length]]
    if self_first:
        cvis = cvis[1:]
    for i, n in enumerate(visible):
        a = cvis[i] if i < len(cvis) else None
        if a is not None and handle_class(a.ctype):
            lines.append(f'{I}    if {n} is None:\n{I}        {n}__o = None\n'
                         f'{I}    else:\n{I}        {n}__o = {n}._o')
            callargs.append(f'{n}__o')
        else:
            callargs.append(n)
    lines.append(f'{I}    ret = {cmod}.{f.name}({", ".join(callargs)})')
    exc = 'libvirtError' if f.lib == 'libvirt' else 'libvirt.libvirtError'
    cond = {'null': 'ret is None', '-1': 'ret == -1', '0': 'ret == 0'}.get(pm.fail)
    if cond:
        lines.append(f'{I}    if {cond}:\n{I}        raise {exc}(\'{f.name}() failed\')')
    rc = handle_class(f.ret)
    listof = None
    if roles:
        for a, r in roles:
            if r == 'handles-out':
                listof = a.bare_type.rstrip('*')[:-3]
    if rc:
        if rc == 'virConnect':
            lines.append(f'{I}    return virConnect(_obj=ret)')
        else:
            lines.append(f'{I}    return {rc}({parent_expr(pm.owner, rc)}, _obj=ret)')
    elif listof:
        lines.append(f'{I}    return [{listof}({parent_expr(pm.owner, listof)}, _obj=x) for x in ret]')
    else:
        lines.append(f'{I}    return ret')
    return '\n'.join(lines) + '\n'


class HandPy:
    """The hand-written Python parts: top-level code and class methods."""

    def __init__(self, paths):
        self.top = []          # source segments of top-level statements
        self.methods = {}      # class -> [(name, source)]
        self.class_head = {}   # class -> source of its non-method body (e.g. docstring)
        for p in paths:
            src = Path(p).read_text()
            tree = ast.parse(src)
            lines = src.splitlines(keepends=True)
            for node in tree.body:
                seg = self._segment(lines, node)
                if isinstance(node, ast.ClassDef) and node.name in CLASS_NAMES:
                    for m in node.body:
                        if isinstance(m, ast.FunctionDef):
                            self.methods.setdefault(node.name, []).append(
                                (m.name, self._segment(lines, m)))
                        elif isinstance(m, (ast.Assign, ast.AnnAssign)):
                            # Class attributes (virStorageVol.streamBufSize).
                            self.methods.setdefault(node.name, []).append(
                                ('=' + ast.unparse(m).split('=')[0].strip(),
                                 self._segment(lines, m)))
                else:
                    self.top.append(seg)

    @staticmethod
    def _segment(lines, node):
        start = node.lineno - 1
        if getattr(node, 'decorator_list', None):
            start = node.decorator_list[0].lineno - 1
        # Keep the comments just above a node with it.
        while start > 0 and lines[start - 1].lstrip().startswith('#'):
            start -= 1
        return ''.join(lines[start:node.end_lineno])


def class_boilerplate(cls, parent, free, module):
    out = []
    if cls == 'virConnect':
        out.append('    def __init__(self, _obj=None):\n'
                   '        if type(_obj).__name__ not in ["PyCapsule", "PyCObject"]:\n'
                   '            raise Exception("Expected a wrapped C Object but got %s" % type(_obj))\n'
                   '        self._o = _obj\n')
    else:
        if parent == 'conn':
            out.append('    def __init__(self, conn, _obj=None):\n        self._conn = conn\n')
        elif parent == 'dom':
            out.append('    def __init__(self, dom, _obj=None):\n        self._dom = dom\n'
                       '        self._conn = dom.connect()\n')
        elif parent == 'net':
            out.append('    def __init__(self, net, _obj=None):\n        self._net = net\n'
                       '        self._conn = net.connect()\n')
        out[-1] += ('        if type(_obj).__name__ not in ["PyCapsule", "PyCObject"]:\n'
                    '            raise Exception("Expected a wrapped C Object but got %s" % type(_obj))\n'
                    '        self._o = _obj\n')
        if free:
            out.append('    def __del__(self):\n        if self._o is not None:\n'
                       f'            libvirtmod.{free}(self._o)\n        self._o = None\n')
        out.append('    def connect(self):\n        return self._conn\n')
        if parent == 'dom':
            out.append('    def domain(self):\n        return self._dom\n')
        if parent == 'net':
            out.append('    def network(self):\n        return self._net\n')
    out.append('    def c_pointer(self):\n        """Get C pointer to underlying object"""\n'
               f'        return libvirtmod.{cls}_pointer(self._o)\n')
    return out


def gen_py(api, module, out_path, hand_paths):
    hand = HandPy([p for p in hand_paths if str(p).endswith('.py')])
    cmod = CMOD[module]
    out = ['# Generated by python/gen-python.py from src/api/libvirt.api: do not edit.\n']
    out.append(f'import {cmod}\n')
    if module != 'libvirt':
        out.append('import libvirt\n')
    out += hand.top
    inc = Path(__file__).resolve().parent.parent / 'include' / 'libvirt'
    headers = {'libvirt': LIBVIRT_HEADERS, 'libvirt_qemu': ['libvirt-qemu.h'],
               'libvirt_lxc': ['libvirt-lxc.h']}[module]
    out.append('\n# Constants of include/libvirt/\n')
    base = header_constants(inc) if module != 'libvirt' else None
    for name, val in header_constants(inc, headers, base).items():
        out.append(f'{name} = {val!r}\n')
    hand_c = hand_c_functions(hand_paths)
    records = [pm for pm in api.python
               if api.by_name[pm.function].lib == LIB_OF_MODULE[module] and pm.py == 'gen'
               and available(api, pm, hand_c)]
    if module == 'libvirt':
        for cls, parent, free in CLASSES:
            out.append(f'\n\nclass {cls}(object):\n')
            body = class_boilerplate(cls, parent, free, module)
            names = set(re.findall(r'def (\w+)\(', ''.join(body)))
            for pm in sorted((p for p in records if p.owner == cls), key=lambda p: p.name):
                body.append(py_method(api, pm, 4))
                names.add(pm.name)
            if cls == 'virConnect':
                for name, src in py_event_dispatchers(api):
                    body.append(src)
                    names.add(name)
            for name, src in hand.methods.get(cls, []):
                if name in names and name not in ('__init__', '__del__'):
                    raise SystemExit(f'gen-python: {cls}.{name} is both generated and hand-written')
                if name in ('__init__', '__del__'):
                    body = [b for b in body if not b.startswith(f'    def {name}(')]
                body.append(src if src.endswith('\n') else src + '\n')
            out.append('\n'.join(body))
    out.append('\n')
    for pm in sorted((p for p in records if not p.is_method), key=lambda p: p.name):
        if pm.owner == module:
            out.append('\n' + py_method(api, pm, 0))
    Path(out_path).write_text(''.join(out))


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    cmd, api_path = sys.argv[1], sys.argv[2]
    api = apidesc.load(api_path)
    if cmd == 'shape':
        for pm in api.python:
            f = api.by_name[pm.function]
            try:
                roles, ret = c_shape(f)
                shape = ' '.join(r for _, r in roles) + ' -> ' + ret
            except Unsupported as e:
                shape = f'hand ({e})'
            print(f'{pm.function:45} c={pm.c:4} {shape}')
        return
    module, out_path, extra = sys.argv[3], sys.argv[4], sys.argv[5:]
    if module not in MODULES:
        raise SystemExit(f'gen-python: unknown module {module}')
    if cmd == 'c':
        for pm in api.python:
            f = api.by_name[pm.function]
            if pm.c == 'gen':
                try:
                    c_shape(f)
                except Unsupported as e:
                    raise SystemExit(f'gen-python: {f.name} is c=gen but {e}')
        gen_c(api, module, out_path, extra)
    elif cmd == 'py':
        gen_py(api, module, out_path, extra)
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
