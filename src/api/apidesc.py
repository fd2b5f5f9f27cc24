"""Reader of src/api/libvirt.api, the one description of libvirt's public API.

Every generator of the repetitive layers (gen-api.py: version scripts, driver
slots, entry points, forwarders; the remote stubs and daemon dispatcher; the
Python binding) imports this module instead of parsing the file again:

    import sys; sys.path.insert(0, 'src/api')
    import apidesc
    api = apidesc.load('src/api/libvirt.api')
    for f in api.functions:            # in file order
        ...
    api.function('virDomainCreate').forward   # Forward('virDomainCreateWithFlags', ['dom', '0'])

The file format is documented in the header of libvirt.api; load() rejects
what the format does not allow (unknown keys, a length naming no argument,
an owner that is not a release function, ...), so generators may trust what
they read.

Data model (all plain attributes; nothing is computed lazily):

  Api
    functions   [Function] in file order; function(name) / by_name
    callbacks   [Callback] (function types: events, free, auth, stream, ...)
    events      [Event]
    limits      {name: int} remote protocol limits (REMOTE_*_MAX, ...)
    python      [PyMethod] the Python binding's methods, in file order;
                python_for(name) -> [PyMethod] calling that C function

  Function
    name, ret (C type of the return value), args [Arg]
    since, module, lib ('libvirt' | 'qemu' | 'lxc')
    proc        remote procedure number or None; program: 'remote' | 'qemu' | 'lxc'
    priority    True when the daemon may run it on a priority worker
    readonly    True when allowed on a read-only connection
    acl         [str] permissions ('domain:start', 'filter=domain:getattr', ...)
    flags       [str] the enum types naming the accepted flags
    impl        'gen' | 'hand' | 'todo'; slot: True when it has a driver slot
    owner       how the caller releases the returned pointer: a release
                function ('free', 'virDomainFree', ...) or 'none' (borrowed);
                None for non-pointer returns
    limit       limit name for a returned string other than REMOTE_STRING_MAX
    count       the out argument that receives the returned buffer's size
                (virSecretGetValue's value_size), or None
    stream      None | 'send' | 'recv' | 'both': the call ties its virStreamPtr
                argument to a data transfer in that direction (send: from
                the caller to the driver)
    forward     Forward(target, args) or None: the call is the flags form
                target called with those argument expressions; the entry
                point calls its own slot when a driver fills it (a driver
                whose old call differs), else the target's slot
    via         name of the public call the library implements it with
                (no driver slot, no procedure of its own), or None
    variable    True for an exported variable (virConnectAuthPtrDefault)
    attrs       every key=value of the head line, raw

  Arg
    name, ctype (C type, normalised spacing), direction 'in' | 'out' | 'inout'
    nonnull     the entry point rejects NULL (VIR_ERR_INVALID_ARG)
    length      what gives the element count of this array: an argument
                name, an integer, a constant, a product 'a*b', or 'null'
                (NULL-terminated); None for scalars and for arrays the
                callee allocates
    length_of   (filled by load) the array whose length this argument gives
    count       'return' or an argument name: how many elements the callee
                filled (out arrays)
    owner       release function for what the callee hands out through an
                out argument ('free', 'virDomainFree', 'virTypedParamsFree',
                ...); None when nothing is handed out
    each        release function for each element of a handed-out array
                (or of a caller-provided array the callee fills)
    limit       remote protocol limit name on the array's length or the
                string's size (strings default to REMOTE_STRING_MAX)
    kind        what the argument is, for marshalling: 'handle', 'string',
                'uuid', 'bytes', 'cpumap', 'tparams', 'stream', 'fd',
                'callback', 'opaque', 'flags', 'struct', 'scalar', 'array',
                'local' (never leaves the process: auth callbacks, sizeof
                arguments); explicit kind= wins, else deduced from the type.
                'scalar' includes pointers to one scalar (int *state).
    attrs       every key=value of the argument, raw

  Callback      name, ret, args [Arg], since, module, attrs
  Event         name (the ID constant, or a pseudo name), object ('domain',
                'network', ...), id (int or None), callback (name),
                register / deregister / message (procedure numbers, with
                program), legacy (older message procedure or None), since, lib
  Forward       target (function name), args [str] (C expressions over the
                caller's argument names)
  PyMethod      one method (or module function) of the Python module, as
                python3-libvirt 9.0 names it:
                function (the C call), owner (class 'virDomain', ... or module
                'libvirt', 'libvirt_qemu', 'libvirt_lxc'), name, params
                [(name, default-or-None)] in Python order (self included),
                fail ('null': a None result raises, '-1', '0', 'never'),
                c ('gen' | 'hand': who writes libvirtmod's function),
                py ('gen' | 'hand': who writes the Python method)
"""
import re
from pathlib import Path

HANDLE_TYPES = {
    'virConnectPtr', 'virDomainPtr', 'virNetworkPtr', 'virNetworkPortPtr',
    'virStoragePoolPtr', 'virStorageVolPtr', 'virSecretPtr', 'virInterfacePtr',
    'virNodeDevicePtr', 'virNWFilterPtr', 'virNWFilterBindingPtr',
    'virDomainSnapshotPtr', 'virDomainCheckpointPtr', 'virStreamPtr',
}

FUNCTION_KEYS = {'since', 'module', 'lib', 'proc', 'priority', 'readonly', 'acl',
                 'flags', 'impl', 'slot', 'kind', 'owner', 'limit', 'stream',
                 'fwd', 'via', 'count'}
ARG_KEYS = {'len', 'count', 'owner', 'each', 'limit', 'kind', 'check'}
# check=: what the entry point refuses before any driver sees the value
# (nonzero: 0 is INVALID_ARG; nonnegative: a value below 0 is INVALID_ARG; kib: nonzero, and a KiB count whose bytes do
# not fit a long long is OVERFLOW).
ARG_CHECKS = {'nonzero', 'nonnegative', 'kib'}
EVENT_KEYS = {'object', 'id', 'callback', 'register', 'deregister', 'message',
              'legacy', 'since', 'lib'}
CALLBACK_KEYS = {'since', 'module'}
PYTHON_KEYS = {'fail', 'c', 'py'}
PYTHON_OWNERS = {'libvirt', 'libvirt_qemu', 'libvirt_lxc'} | \
    {t[:-3] for t in HANDLE_TYPES}
DIRECTIONS = ('in', 'out', 'inout')
KINDS = {'handle', 'string', 'uuid', 'bytes', 'cpumap', 'tparams', 'stream', 'fd',
         'callback', 'opaque', 'flags', 'struct', 'scalar', 'array', 'local'}
# Release functions that are not in the description.
EXTRA_RELEASERS = {'free', 'none', 'virTypedParamsFree', 'virTypedParamsClear'}


class DescriptionError(Exception):
    pass


def _norm_type(words):
    t = ' '.join(words)
    t = re.sub(r'\s*\*\s*', ' * ', t).strip()
    t = re.sub(r'\s+', ' ', t)
    t = t.replace('* *', '**').replace('* *', '**')
    return t


def _keyvals(words, allowed, where):
    out = {}
    for w in words:
        if '=' not in w:
            raise DescriptionError(f'{where}: "{w}" is not key=value')
        k, v = w.split('=', 1)
        if k not in allowed:
            raise DescriptionError(f'{where}: unknown key "{k}"')
        out[k] = v
    return out


def _proc(value):
    """'344' -> ('remote', 344); 'qemu:4' -> ('qemu', 4)."""
    if value is None:
        return None, None
    if ':' in value:
        prog, num = value.split(':', 1)
        return prog, int(num)
    return 'remote', int(value)


class Arg:
    def __init__(self, text, where):
        attrs = {}
        m = re.match(r'^(.*?)\s*\[(.*)\]\s*$', text)
        if m:
            text = m.group(1)
            attrs = _keyvals(m.group(2).split(), ARG_KEYS, f'{where}: argument "{text}"')
        words = text.split()
        if not words or words[0] not in DIRECTIONS:
            raise DescriptionError(f'{where}: argument "{text}" lacks a direction')
        self.direction = words.pop(0)
        self.nonnull = bool(words) and words[0] == 'nonnull'
        if self.nonnull:
            words.pop(0)
        if len(words) < 2:
            raise DescriptionError(f'{where}: argument "{text}" needs a type and a name')
        self.name = words[-1]
        self.ctype = _norm_type(words[:-1])
        self.attrs = attrs
        self.length = attrs.get('len')
        self.count = attrs.get('count')
        self.owner = attrs.get('owner')
        self.each = attrs.get('each')
        self.limit = attrs.get('limit')
        self.check = attrs.get('check')
        if self.check is not None and self.check not in ARG_CHECKS:
            raise DescriptionError(f'{where}: argument "{text}": unknown check "{self.check}"')
        self.length_of = None
        self.kind = attrs.get('kind') or self._deduce_kind()
        if self.kind not in KINDS:
            raise DescriptionError(f'{where}: argument {self.name}: unknown kind "{self.kind}"')

    @property
    def bare_type(self):
        return self.ctype.replace(' ', '')

    def _deduce_kind(self):
        t = self.bare_type
        if t in HANDLE_TYPES:
            return 'stream' if t == 'virStreamPtr' else 'handle'
        if t in ('constchar*', 'char*'):
            return 'string'
        if 'virTypedParameterPtr' in t:
            return 'tparams'
        if 'Callback' in t or t.endswith('Func') or t.endswith('FuncPtr') \
                or t == 'virConnectAuthCallbackPtr':
            return 'callback'
        if t in ('void*', 'constvoid*') and self.name in ('opaque', 'userData', 'cbdata', 'data'):
            return 'opaque'
        if self.name == 'flags' and t == 'unsignedint':
            return 'flags'
        if self.length or self.count or self.each:
            return 'array'
        if '*' in t or t.endswith('Ptr'):
            return 'struct' if t.startswith('vir') or '*' not in t.rstrip('*') and \
                not t.rstrip('*') in ('int', 'unsignedint', 'long', 'unsignedlong',
                                      'longlong', 'unsignedlonglong', 'double', 'size_t',
                                      'constchar', 'char', 'void', 'constvoid') else 'scalar'
        return 'scalar'

    def decl(self):
        t = self.ctype
        return f'{t}{self.name}' if t.endswith('*') else f'{t} {self.name}'

    def text(self):
        words = [self.direction] + (['nonnull'] if self.nonnull else []) + [self.ctype, self.name]
        if self.attrs:
            words.append('[' + ' '.join(f'{k}={v}' for k, v in self.attrs.items()) + ']')
        return ' '.join(words)

    def __repr__(self):
        return f'Arg({self.text()!r})'


def _split_args(inner):
    parts, depth, cur = [], 0, ''
    for ch in inner:
        if ch == '[':
            depth += 1
        elif ch == ']':
            depth -= 1
        if ch == ',' and depth == 0:
            parts.append(cur.strip())
            cur = ''
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _parse_signature(sig, where):
    m = re.match(r'^\s*(.*?)\s*\((.*)\)\s*$', sig)
    if not m:
        raise DescriptionError(f'{where}: bad signature line "{sig.strip()}"')
    ret = _norm_type(m.group(1).split())
    args = [Arg(a, where) for a in _split_args(m.group(2))]
    return ret, args


def _link_lengths(owner_name, args, where):
    names = {a.name: a for a in args}
    for a in args:
        if a.length:
            for term in a.length.split('*'):
                if term in names:
                    if names[term].length_of is None:
                        names[term].length_of = a.name
                elif not re.match(r'^(\d+|[A-Z_][A-Z0-9_]*|null)$', term):
                    raise DescriptionError(f'{where}: {a.name}: len "{a.length}" names no argument')
        if a.count and a.count != 'return' and a.count not in names:
            raise DescriptionError(f'{where}: {a.name}: count "{a.count}" names no argument')


class Forward:
    def __init__(self, text, where):
        m = re.match(r'^(\w+)\((.*)\)$', text)
        if not m:
            raise DescriptionError(f'{where}: fwd "{text}" is not NAME(ARG,...)')
        self.target = m.group(1)
        self.args = [a for a in m.group(2).split(',') if a] if m.group(2) else []

    def call(self, slot_expr=None):
        return f'{slot_expr or self.target}({", ".join(self.args)})'

    def __repr__(self):
        return f'Forward({self.target!r}, {self.args!r})'


class Function:
    def __init__(self, head, sig, where):
        parts = head.split()
        self.name = parts[0]
        self.attrs = _keyvals(parts[1:], FUNCTION_KEYS, where)
        self.ret, self.args = _parse_signature(sig, where)
        _link_lengths(self.name, self.args, where)
        a = self.attrs
        if a.get('count') and not any(x.name == a['count'] for x in self.args):
            raise DescriptionError(f'{where}: count "{a["count"]}" names no argument')
        self.since = a.get('since')
        self.module = a.get('module')
        self.lib = a.get('lib', 'libvirt')
        self.program, self.proc = _proc(a.get('proc'))
        self.priority = a.get('priority') == 'high'
        self.readonly = a.get('readonly') == 'yes'
        self.acl = a['acl'].split(',') if a.get('acl') else []
        self.flags = a['flags'].split(',') if a.get('flags') else []
        self.impl = a.get('impl', 'hand')
        self.variable = a.get('kind') == 'variable'
        self.slot = self.impl in ('gen', 'todo') or a.get('slot') == 'yes'
        self.owner = a.get('owner')
        self.limit = a.get('limit')
        self.count = a.get('count')
        self.stream = a.get('stream')
        self.via = a.get('via')
        self.forward = Forward(a['fwd'], where) if a.get('fwd') else None
        if self.stream not in (None, 'send', 'recv', 'both'):
            raise DescriptionError(f'{where}: stream must be send, recv or both')
        if self.impl not in ('gen', 'hand', 'todo'):
            raise DescriptionError(f'{where}: impl must be gen, hand or todo')

    @property
    def handle(self):
        """The first argument when it is an object handle, else None."""
        if self.args and self.args[0].bare_type in HANDLE_TYPES:
            return self.args[0]
        return None

    def arg(self, name):
        for a in self.args:
            if a.name == name:
                return a
        return None

    def proto(self):
        return ', '.join(a.decl() for a in self.args) or 'void'

    def returns_pointer(self):
        return self.ret.endswith('*') or self.ret.endswith('Ptr')

    def __repr__(self):
        return f'Function({self.name!r})'


class Callback:
    def __init__(self, head, sig, where):
        parts = head.split()
        self.name = parts[1]
        self.attrs = _keyvals(parts[2:], CALLBACK_KEYS, where)
        self.ret, self.args = _parse_signature(sig, where)
        _link_lengths(self.name, self.args, where)
        self.since = self.attrs.get('since')
        self.module = self.attrs.get('module')

    def proto(self):
        return ', '.join(a.decl() for a in self.args) or 'void'

    def __repr__(self):
        return f'Callback({self.name!r})'


class Event:
    def __init__(self, head, where):
        parts = head.split()
        self.name = parts[1]
        self.attrs = a = _keyvals(parts[2:], EVENT_KEYS, where)
        for k in ('object', 'callback', 'register', 'deregister', 'message'):
            if k not in a:
                raise DescriptionError(f'{where}: event needs {k}=')
        self.object = a['object']
        self.id = int(a['id']) if a.get('id', '-') != '-' else None
        self.callback = a['callback']
        self.register = _proc(a['register'])
        self.deregister = _proc(a['deregister'])
        self.message = _proc(a['message'])
        self.legacy = _proc(a['legacy']) if a.get('legacy') else None
        self.since = a.get('since')
        self.lib = a.get('lib', 'libvirt')

    def __repr__(self):
        return f'Event({self.name!r})'


class PyMethod:
    """python FUNCTION OWNER.NAME(PARAM,PARAM=DEFAULT,...) key=value ..."""
    def __init__(self, line, where):
        parts = line.split()
        if len(parts) < 3:
            raise DescriptionError(f'{where}: python FUNCTION OWNER.NAME(PARAMS) ...')
        self.function = parts[1]
        m = re.match(r'^(\w+)\.(\w+)\(([\w,=\-\[\]]*)\)$', parts[2])
        if not m:
            raise DescriptionError(f'{where}: "{parts[2]}" is not OWNER.NAME(PARAMS)')
        self.owner, self.name = m.group(1), m.group(2)
        if self.owner not in PYTHON_OWNERS:
            raise DescriptionError(f'{where}: unknown Python owner "{self.owner}"')
        self.params = []
        for p in m.group(3).split(',') if m.group(3) else []:
            n, _, d = p.partition('=')
            self.params.append((n, d if _ else None))
        self.attrs = a = _keyvals(parts[3:], PYTHON_KEYS, where)
        self.fail = a.get('fail', 'never')
        self.c = a.get('c', 'gen')
        self.py = a.get('py', 'gen')
        if self.fail not in ('null', '-1', '0', 'never'):
            raise DescriptionError(f'{where}: fail must be null, -1, 0 or never')
        if self.c not in ('gen', 'hand') or self.py not in ('gen', 'hand'):
            raise DescriptionError(f'{where}: c= and py= are gen or hand')

    @property
    def is_method(self):
        return self.owner not in ('libvirt', 'libvirt_qemu', 'libvirt_lxc')

    def __repr__(self):
        return f'PyMethod({self.owner}.{self.name} -> {self.function})'


class Api:
    def __init__(self):
        self.python = []
        self.functions = []
        self.by_name = {}
        self.callbacks = []
        self.callback_by_name = {}
        self.events = []
        self.limits = {}

    def function(self, name):
        return self.by_name[name]

    def callback(self, name):
        return self.callback_by_name[name]

    def python_for(self, name):
        return [p for p in self.python if p.function == name]


def _validate(api, path):
    releasers = EXTRA_RELEASERS | {f.name for f in api.functions}
    for f in api.functions:
        where = f'{path}: {f.name}'
        items = [('return', f.owner, None, f.limit)] + \
                [(a.name, a.owner, a.each, a.limit) for a in f.args]
        for what, owner, each, limit in items:
            for rel in (owner, each):
                if rel and rel not in releasers:
                    raise DescriptionError(f'{where}: {what}: "{rel}" releases nothing')
            if limit and limit not in api.limits:
                raise DescriptionError(f'{where}: {what}: unknown limit "{limit}"')
        if f.forward:
            target = api.by_name.get(f.forward.target)
            if not target:
                raise DescriptionError(f'{where}: fwd to unknown "{f.forward.target}"')
            if len(target.args) != len(f.forward.args):
                raise DescriptionError(f'{where}: fwd passes {len(f.forward.args)} arguments, '
                                       f'{target.name} takes {len(target.args)}')
            if not target.slot:
                raise DescriptionError(f'{where}: fwd target {target.name} has no slot')
        if f.via and f.via not in api.by_name:
            raise DescriptionError(f'{where}: via unknown "{f.via}"')
    for p in api.python:
        if p.function not in api.by_name:
            raise DescriptionError(f'{path}: python {p.owner}.{p.name}: unknown function '
                                   f'"{p.function}"')
    for e in api.events:
        if e.callback not in api.callback_by_name:
            raise DescriptionError(f'{path}: event {e.name}: unknown callback "{e.callback}"')


def load(path):
    """Parse the description at @path into an Api; DescriptionError if invalid."""
    api = Api()
    pending = None
    lines = Path(path).read_text().splitlines()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith('#'):
            continue
        where = f'{path}:{lineno}'
        if line[0].isspace():
            if pending is None:
                raise DescriptionError(f'{where}: signature line without a head line')
            kind, head, hwhere = pending
            if kind == 'callback':
                c = Callback(head, line, hwhere)
                api.callbacks.append(c)
                api.callback_by_name[c.name] = c
            else:
                f = Function(head, line, hwhere)
                if f.name in api.by_name:
                    raise DescriptionError(f'{hwhere}: {f.name} described twice')
                api.functions.append(f)
                api.by_name[f.name] = f
            pending = None
            continue
        if pending is not None:
            raise DescriptionError(f'{pending[2]}: head line without a signature line')
        first = line.split()[0]
        if first == 'limit':
            words = line.split()
            if len(words) != 3:
                raise DescriptionError(f'{where}: limit NAME VALUE')
            api.limits[words[1]] = int(words[2], 0)
        elif first == 'event':
            api.events.append(Event(line, where))
        elif first == 'python':
            api.python.append(PyMethod(line, where))
        elif first == 'callback':
            pending = ('callback', line, where)
        else:
            pending = ('function', line, where)
    if pending is not None:
        raise DescriptionError(f'{pending[2]}: head line without a signature line')
    _validate(api, path)
    return api


def format_function(f):
    """The two lines describing @f, as load() reads them."""
    head = ' '.join([f.name] + [f'{k}={v}' for k, v in f.attrs.items()])
    args = ', '.join(a.text() for a in f.args)
    return f'{head}\n    {f.ret} ({args})\n'
