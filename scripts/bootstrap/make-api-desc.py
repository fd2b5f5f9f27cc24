#!/usr/bin/env python3
"""One-off: write src/api/libvirt.api from published facts.

Not run by the build.  It was run to start the description, which is
from then on edited by hand.  Inputs (facts, not code):
  - /usr/share/libvirt/api/libvirt{,-qemu,-lxc}-api.xml  (names, types, versions)
  - the symbol versions of Debian's libvirt0 binaries     (objdump -T)
  - remote-facts.tsv beside this script                   (procedure numbers,
    priority, read-only, ACL; gathered from the remote protocol description)
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

API = Path('/usr/share/libvirt/api')
LIBDIR = Path('/usr/lib/x86_64-linux-gnu')
HERE = Path(__file__).resolve().parent

HANDLES = {'virConnectPtr', 'virDomainPtr', 'virNetworkPtr', 'virNetworkPortPtr',
           'virStoragePoolPtr', 'virStorageVolPtr', 'virSecretPtr', 'virInterfacePtr',
           'virNodeDevicePtr', 'virNWFilterPtr', 'virNWFilterBindingPtr',
           'virDomainSnapshotPtr', 'virDomainCheckpointPtr', 'virStreamPtr'}

# Functions whose body cannot be generated: they do not dispatch to a
# driver slot in the usual way (handles, errors, events, typed params...).
LOCAL_PREFIXES = ('virTypedParam', 'virEvent', 'virGetLastError', 'virCopyLastError',
                  'virSaveLastError', 'virFreeError', 'virResetError', 'virResetLastError',
                  'virSetErrorFunc', 'virConnSetErrorFunc', 'virConnGetLastError',
                  'virConnResetLastError', 'virConnCopyLastError', 'virDefaultErrorFunc',
                  'virGetLastErrorMessage', 'virGetLastErrorCode', 'virGetLastErrorDomain')
LOCAL_SUFFIXES = ('Ref', 'Free', 'GetName', 'GetUUID', 'GetUUIDString', 'GetConnect',
                  'GetDomain', 'GetNetwork', 'GetKey', 'GetPath')
# Written by hand in src/api/*.c (or not yet: TODO, then the generator
# emits an entry point that reports VIR_ERR_NO_SUPPORT).
TODO = {'virDomainListGetStats', 'virStreamNew', 'virStreamSendAll', 'virStreamRecvAll',
        'virStreamSparseSendAll', 'virStreamSparseRecvAll', 'virDomainLxcEnterSecurityLabel',
        'virStreamRef', 'virStreamFree'}
# Read a handle's own fields: no driver involved.
HANDLE_LOCAL = {'virInterfaceGetMACString', 'virNWFilterBindingGetFilterName',
                'virNWFilterBindingGetPortDev', 'virSecretGetUsageID', 'virSecretGetUsageType',
                'virNodeDeviceGetName', 'virConnectRef', 'virDomainGetOSType_'}
# Dispatch to a driver slot although their shape looks local.
DISPATCH = {'virStorageVolGetPath', 'virConnectIsAlive', 'virNodeDeviceGetParent'}
HAND = {'virDomainLookupByUUIDString', 'virNetworkLookupByUUIDString',
        'virStoragePoolLookupByUUIDString', 'virSecretLookupByUUIDString',
        'virNWFilterLookupByUUIDString', 'virNetworkPortLookupByUUIDString',
        'virInitialize', 'virGetVersion', 'virConnectOpen', 'virConnectOpenReadOnly',
        'virConnectOpenAuth', 'virConnectClose', 'virConnectGetURI', 'virDomainGetID',
        'virConnectRegisterCloseCallback', 'virConnectUnregisterCloseCallback',
        'virStreamNew', 'virStreamSendAll', 'virStreamRecvAll', 'virStreamSparseSendAll',
        'virStreamSparseRecvAll', 'virDomainStatsRecordListFree', 'virConnectIsAlive',
        'virNetworkDHCPLeaseFree', 'virDomainFSInfoFree', 'virDomainIOThreadInfoFree',
        'virDomainInterfaceFree', 'virConnectGetLibVersion'} - DISPATCH


def symbol_versions():
    ver = {}
    for lib in ('libvirt.so.0', 'libvirt-qemu.so.0', 'libvirt-lxc.so.0'):
        out = subprocess.run(['objdump', '-T', str(LIBDIR / lib)], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) >= 7 and f[-1].startswith('vir') and 'UND' not in line \
                    and 'PRIVATE' not in f[-2]:
                ver[f[-1]] = f[-2].strip('()')
    return ver


def remote_facts():
    facts = {}
    path = HERE / 'remote-facts.tsv'
    if not path.exists():
        return facts
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith('#'):
            continue
        f = line.split('\t')
        facts[f[0]] = f[1:]
    return facts


# Output arguments libvirt lets the caller leave NULL: list outputs of the
# ListAll calls (count only), optional reasons and maps, and parameter
# arrays that may be NULL to ask for their count.
NULLABLE_OUT = {'reason', 'cpumaps', 'domains', 'nets', 'pools', 'vols', 'secrets', 'ifaces',
                'devices', 'filters', 'bindings', 'snaps', 'checkpoints', 'ports', 'leases',
                'params', 'nparams_unused'}


def direction(fname, aname, atype):
    """in/out and whether the entry point rejects NULL, guessed from the
    C type; the description is then corrected by hand where libvirt differs."""
    t = atype.replace(' ', '')
    if atype in HANDLES:
        return 'in', False
    if t in ('constchar*', 'constunsignedchar*') or t.startswith('const'):
        nonnull = aname in ('xml', 'xmlDesc', 'xmldesc', 'name', 'uuid', 'uuidstr', 'path',
                            'key', 'mac', 'macstr', 'pattern', 'wwnn', 'wwpn',
                            'snapshot', 'checkpoint', 'usageID', 'secretid', 'data',
                            'cmd', 'str', 'disk', 'device', 'dev', 'xmlconfig')
        if fname in ('virDomainSetMetadata', 'virDomainGetMetadata'):
            nonnull = False
        return 'in', nonnull
    if t.endswith('*') or (t.endswith('Ptr') and atype not in HANDLES):
        if t in ('void*',) or 'Callback' in t or t.endswith('Func'):
            return 'in', False
        if aname in NULLABLE_OUT or (fname == 'virDomainGetSchedulerType' and aname == 'nparams'):
            return 'out', False
        return 'out', True
    return 'in', False


def flag_types(info):
    m = re.findall(r'\b(vir[A-Za-z]+Flags?)\b', info or '')
    return sorted(set(x for x in m if x.endswith(('Flags', 'Flag')) or 'Flag' in x))


def main(out_path):
    vers = symbol_versions()
    facts = remote_facts()
    blocks = []
    for xmlfile, lib in (('libvirt-api.xml', 'libvirt'), ('libvirt-qemu-api.xml', 'qemu'),
                         ('libvirt-lxc-api.xml', 'lxc')):
        root = ET.parse(API / xmlfile).getroot()
        for fn in sorted(root.iter('function'), key=lambda e: e.get('name')):
            name = fn.get('name')
            ret = fn.find('return').get('type')
            args = []
            flagsinfo = []
            for a in fn.findall('arg'):
                d, nn = direction(name, a.get('name'), a.get('type'))
                if a.get('name') == 'flags':
                    flagsinfo = flag_types(a.get('info'))
                word = d + (' nonnull' if nn else '')
                args.append(f"{word} {a.get('type')} {a.get('name')}")
            since = re.sub(r'^LIBVIRT_(QEMU_|LXC_)?', '', vers.get(name, 'LIBVIRT_' + fn.get('version', '?')))
            f = facts.get(name)
            attrs = [f'since={since}', f'module={fn.get("module")}']
            if lib != 'libvirt':
                attrs.append(f'lib={lib}')
            if f:
                proc, prio, ro, acl = (f + ['-', '-', '-', '-'])[:4]
                if proc != '-':
                    attrs.append(f'proc={proc}')
                if prio == 'high':
                    attrs.append('priority=high')
                attrs.append('readonly=' + ('yes' if ro == 'yes' else 'no'))
                if acl and acl != '-':
                    attrs.append(f'acl={acl}')
            if flagsinfo:
                attrs.append('flags=' + '|'.join(flagsinfo))
            if name in TODO:
                impl = 'todo'
            elif name in DISPATCH:
                impl = 'gen'
            elif name in HANDLE_LOCAL or name in HAND or name.startswith(LOCAL_PREFIXES) or \
                    (name.endswith(LOCAL_SUFFIXES) and not name.startswith('virConnect')
                     and len(args) <= 2):
                impl = 'hand'
            elif not args or args[0].split()[-2] not in HANDLES:
                impl = 'hand'
            else:
                impl = 'gen'
            attrs.append(f'impl={impl}')
            blocks.append(f"{name} {' '.join(attrs)}\n    {ret} ({', '.join(args)})\n")
    blocks.append('virConnectAuthPtrDefault since=0.4.0 module=libvirt-host kind=variable '
                  'impl=hand\n    virConnectAuthPtr ()\n')
    header = Path(HERE / 'api-header.txt').read_text()
    Path(out_path).write_text(header + '\n' + '\n'.join(blocks))
    print(f'{len(blocks)} functions', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1])
