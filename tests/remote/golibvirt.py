"""Read go-libvirt's generated protocol (Debian's
golang-github-digitalocean-go-libvirt-dev) as a fact source: procedure
numbers and the wire layout of every argument, reply and event body.

Layouts are normalised to our description's type words (see
src/remote/remote_protocol.def): int, uint, hyper, uhyper, char, uchar,
short, ushort, double, string, string?, uuid, opaque<>, T<> (arrays),
T? (optional), and struct names in snake case.  Integer width and
signedness of 32-bit words are reported as 'word' by wire_class() because
go-libvirt declares some unsigned fields (flags) with signed enum types.
"""
import re
from pathlib import Path

ROOT = Path('/usr/share/gocode/src/github.com/digitalocean/go-libvirt')

GO_BASE = {'int32': 'int', 'uint32': 'uint', 'int64': 'hyper', 'uint64': 'uhyper',
           'int8': 'char', 'uint8': 'uchar', 'int16': 'short', 'uint16': 'ushort',
           'float64': 'double', 'string': 'string', 'OptString': 'string?',
           'UUID': 'uuid', '[]byte': 'opaque<>', 'bool': 'int'}


def available():
    return (ROOT / 'remote_protocol.gen.go').exists()


def snake(go_name, libvirt_names):
    return libvirt_names.get(go_name)


def load():
    """Return (procs, structs): procs maps number -> snake name;
    structs maps remote snake name (without the 'remote_' prefix) -> list
    of (type, field)."""
    src = (ROOT / 'remote_protocol.gen.go').read_text()
    consts = (ROOT / 'internal/constants/remote_protocol.gen.go').read_text()
    procs = {}
    for m in re.finditer(r"// Proc\w+ is libvirt's REMOTE_PROC_(\w+)\n\s*Proc\w+ = (\d+)", consts):
        procs[int(m.group(2))] = m.group(1).lower()
    # Go name -> libvirt name, from the comments above each type.
    names = {}
    for m in re.finditer(r"// (\w+) is libvirt's (remote_\w+)\ntype (\w+)", src):
        names[m.group(3)] = m.group(2)[len('remote_'):]
    aliases = {}
    for m in re.finditer(r"^type (\w+) (u?int32|u?int64)$", src + (ROOT / 'const.gen.go').read_text(),
                         re.M):
        aliases[m.group(1)] = m.group(2)
    for m in re.finditer(r"^type (Opt\w+) \[\](\w+)$", src, re.M):
        aliases[m.group(1)] = '?' + m.group(2)
    structs = {}
    for m in re.finditer(r"^type (\w+) struct \{\n(.*?)^\}", src, re.M | re.S):
        go, body = m.group(1), m.group(2)
        lname = names.get(go)
        if not lname:
            continue
        fields = []
        for line in body.strip().splitlines():
            parts = line.split()
            if len(parts) != 2:
                continue
            fields.append((norm(parts[1], names, aliases), parts[0]))
        structs[lname] = fields
    return procs, structs


def norm(t, names, aliases):
    if t in GO_BASE:
        return GO_BASE[t]
    if t.startswith('[]'):
        inner = norm(t[2:], names, aliases)
        return inner + '<>'
    if t.startswith('['):
        return 'fixed'
    a = aliases.get(t)
    if a and a.startswith('?'):
        return norm(a[1:], names, aliases) + '?'
    if a:
        return GO_BASE[a]
    if t == 'TypedParamValue':
        return 'typed_param_value'
    n = names.get(t)
    if n and n.startswith('nonnull_'):
        return n[len('nonnull_'):]
    return n or t


def wire_class(t):
    """Collapse what go-libvirt cannot tell apart into one word."""
    t = re.sub(r'<[^>]*>', '<>', t)
    base = t.rstrip('?<>')
    suffix = t[len(base):]
    if base in ('int', 'uint', 'char', 'uchar', 'short', 'ushort', 'bool'):
        base = 'word'
    if base in ('hyper', 'uhyper'):
        base = 'hyper'
    return base + suffix
