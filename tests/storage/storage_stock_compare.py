#!/usr/bin/python3
"""storage_stock_compare.py NUVIRTD: fs, logical and disk pools on nuvirtd
and on a privileged stock libvirtd, the same steps through python3-libvirt
on loop devices made here, their answers compared.

Each daemon runs in a mount namespace of its own (unshare -m) where the
stock one gets empty tmpfs over /run, /var/lib, /var/cache, /var/log and
/etc/libvirt (and a passwd naming the libvirt-qemu user its QEMU driver
insists on), so the host's /etc/libvirt, /var/lib/libvirt and
/run/libvirt are never touched and the filesystems either mounts stay
inside.  The daemons run one after the other (each sees every volume
group of the host), both started here and stopped by PID.  Skipped (77)
without root, stock libvirtd, python3-libvirt, LVM or parted.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import libvirt
except ImportError:
    print('SKIP: python3-libvirt missing')
    sys.exit(77)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'compat'))
from privileged_daemons import start_stock, start_nuvirtd, stop  # noqa: E402

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def sh(*argv):
    return subprocess.run(argv, capture_output=True, text=True,
                          env=dict(os.environ, LVM_SUPPRESS_FD_WARNINGS='1'))


def make_loop(path, mb):
    with open(path, 'wb') as f:
        f.truncate(mb << 20)
    return sh('losetup', '-f', '-P', '--show', path).stdout.strip()


def attempt(fn):
    """The outcome of fn(): its value, or the libvirt error code."""
    try:
        return ('ok', fn())
    except libvirt.libvirtError as e:
        return ('error', e.get_error_code())


def scenario(uri, tmp, tag):
    """Every step's normalised outcome, in order."""
    conn = libvirt.open(uri)
    loops = [make_loop(os.path.join(tmp, f'{tag}{i}.img'), mb)
             for i, mb in enumerate((32, 32, 64))]
    vg = f'nuvcmp{tag}{os.getpid()}'
    target = os.path.join(tmp, f'{tag}-fsmnt')
    names = {loops[0]: 'LOOP0', loops[1]: 'LOOP1', loops[2]: 'LOOP2', vg: 'VG',
             target: 'TARGET', os.path.basename(loops[2]): 'LOOP2NAME'}

    def norm(text):
        if isinstance(text, list):
            return [norm(t) for t in text]
        if not isinstance(text, str):
            return text
        text = re.sub(r'<uuid>.*</uuid>', '<uuid/>', text)
        for k in sorted(names, key=len, reverse=True):
            text = text.replace(k, names[k])
        return text

    out = []

    def step(name, fn):
        kind, val = attempt(fn)
        out.append((name, kind, norm(val) if kind == 'ok' else val))

    try:
        # fs
        fsxml = (f"<pool type='fs'><name>fsp</name><source><device path='{loops[0]}'/>"
                 f"<format type='ext4'/></source><target><path>{target}</path></target></pool>")
        fsp = conn.storagePoolDefineXML(fsxml, 0)
        step('fs build no-overwrite', lambda: fsp.build(libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE))
        step('fs build again', lambda: fsp.build(libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE))
        step('fs start', lambda: fsp.create(0))
        step('fs volumes', lambda: sorted(v.name() for v in fsp.listAllVolumes(0)))
        step('fs info', lambda: fsp.info())
        step('fs vol create', lambda: fsp.createXML(
            "<volume><name>v1.img</name><capacity unit='MiB'>1</capacity></volume>", 0).info())
        step('fs destroy', lambda: fsp.destroy())
        step('fs start again', lambda: fsp.create(0))
        step('fs volumes again', lambda: sorted(v.name() for v in fsp.listAllVolumes(0)))
        step('fs destroy again', lambda: fsp.destroy())
        step('fs delete', lambda: fsp.delete(0))
        step('fs target gone', lambda: os.path.exists(target))
        fsp.undefine()

        # logical
        lvxml = (f"<pool type='logical'><name>lvp</name><source><device path='{loops[1]}'/>"
                 f"<name>{vg}</name><format type='lvm2'/></source>"
                 f"<target><path>/dev/{vg}</path></target></pool>")
        lvp = conn.storagePoolDefineXML(lvxml, 0)
        step('logical start unbuilt', lambda: lvp.create(0))
        step('logical build', lambda: lvp.build(0))
        step('logical build no-overwrite', lambda: lvp.build(libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE))

        def ours():
            srcs = conn.findStoragePoolSources('logical', None, 0)
            blocks = re.findall(r'  <source>\n.*?  </source>\n', srcs, re.S)
            return [b for b in blocks if f'<name>{vg}</name>' in b]
        step('logical find sources', ours)
        step('logical start', lambda: lvp.create(0))
        step('logical xml', lambda: lvp.XMLDesc(0))
        step('logical info', lambda: lvp.info())
        step('logical vol create', lambda: lvp.createXML(
            "<volume><name>lv0</name><capacity unit='MiB'>4</capacity></volume>", 0).info())
        step('logical volumes', lambda: sorted(v.name() for v in lvp.listAllVolumes(0)))
        step('logical destroy', lambda: lvp.destroy())
        step('logical delete', lambda: lvp.delete(0))
        step('logical label gone', lambda: sh('blkid', '-p', loops[1]).stdout)
        lvp.undefine()

        # disk
        dkxml = (f"<pool type='disk'><name>dkp</name><source><device path='{loops[2]}'/>"
                 "<format type='gpt'/></source><target><path>/dev</path></target></pool>")
        dkp = conn.storagePoolDefineXML(dkxml, 0)
        step('disk start unbuilt', lambda: dkp.create(0))
        step('disk build', lambda: dkp.build(0))
        step('disk table', lambda: sh('blkid', '-p', '-o', 'value', '-s', 'PTTYPE',
                                      loops[2]).stdout)
        step('disk start', lambda: dkp.create(0))
        step('disk xml', lambda: dkp.XMLDesc(0))
        step('disk info', lambda: dkp.info())
        step('disk vol bad name', lambda: dkp.createXML(
            "<volume><name>other</name><capacity unit='MiB'>8</capacity></volume>", 0))
        step('disk destroy', lambda: dkp.destroy())
        step('disk delete', lambda: dkp.delete(0))
        step('disk table gone', lambda: sh('blkid', '-p', loops[2]).stdout)
        dkp.undefine()
    finally:
        conn.close()
        sh('vgremove', '-f', vg)
        for dev in loops:
            sh('losetup', '-d', dev)
    return out


def main():
    if os.geteuid() != 0 or not os.path.exists('/usr/sbin/libvirtd'):
        print('SKIP: needs root and stock libvirtd')
        return 77
    for tool in ('losetup', 'parted', 'pvcreate', 'mkfs.ext4', 'blkid', 'unshare'):
        if not shutil.which(tool):
            print(f'SKIP: {tool} missing')
            return 77
    tmp = tempfile.mkdtemp(prefix='storagecmp-')
    results = {}
    try:
        for tag, start in (('stock', lambda: start_stock(tmp)),
                           ('nuv', lambda: start_nuvirtd(sys.argv[1], tmp))):
            proc, uri = start()
            try:
                results[tag] = scenario(uri, tmp, tag)
            finally:
                stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passed = failed = 0
    for (name, skind, sval), (_, nkind, nval) in zip(results['stock'], results['nuv']):
        if (skind, sval) == (nkind, nval):
            print(f'PASS {name}')
            passed += 1
        else:
            print(f'FAIL {name}\n  stock:  {skind} {sval!r}\n  nuvirt: {nkind} {nval!r}')
            failed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
