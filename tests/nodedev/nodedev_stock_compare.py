#!/usr/bin/python3
"""nodedev_stock_compare.py NUVIRTD: the host's node devices as nuvirtd
and a privileged stock libvirtd (both started here, each in a mount
namespace of its own: tests/compat/privileged_daemons.py) report them,
through python3-libvirt: the same PCI functions, disks and computer, the
same XML, capabilities and parents for every device both see (network
interfaces of other programs come and go meanwhile, so those are
compared where both saw them), the same errors.  Skipped (77) without
root, stock libvirtd or python3-libvirt.
"""
import os
import shutil
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


def snapshot(uri):
    conn = libvirt.open(uri)
    try:
        devs = {}
        # stock reads udev in a thread: wait until its list stops growing
        for _ in range(50):
            names = sorted(d.name() for d in conn.listAllDevices(0))
            if names and names == sorted(devs):
                break
            devs = {n: None for n in names}
            import time
            time.sleep(0.2)
        for name in devs:
            try:
                dev = conn.nodeDeviceLookupByName(name)
                devs[name] = (dev.XMLDesc(0), dev.listCaps(), dev.parent())
            except libvirt.libvirtError:
                devs[name] = None       # gone meanwhile
        errors = {}
        for what, fn in (('lookup missing', lambda: conn.nodeDeviceLookupByName('pci_9999')),
                         ('pci count', lambda: len(conn.listAllDevices(
                             libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV))),
                         ('list by cap', lambda: sorted(conn.listDevices('storage', 0)))):
            try:
                errors[what] = ('ok', fn())
            except libvirt.libvirtError as e:
                errors[what] = ('error', e.get_error_code())
        return devs, errors
    finally:
        conn.close()


def main():
    if os.geteuid() != 0 or not os.path.exists('/usr/sbin/libvirtd'):
        print('SKIP: needs root and stock libvirtd')
        return 77
    tmp = tempfile.mkdtemp(prefix='nodedevcmp-')
    try:
        sproc, suri = start_stock(tmp)
        try:
            nproc, nuri = start_nuvirtd(sys.argv[1], tmp)
            try:
                stock = snapshot(suri)
                ours = snapshot(nuri)
                conn = libvirt.open(nuri)
                try:
                    pci = [d for d in conn.listAllDevices(0) if d.name().startswith('pci_')]
                    detach = None
                    if pci:
                        try:
                            pci[0].dettach()
                        except libvirt.libvirtError as e:
                            detach = e.get_error_code()
                finally:
                    conn.close()
            finally:
                stop(nproc)
        finally:
            stop(sproc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    passed = failed = 0

    def check(name, ok, detail=''):
        nonlocal passed, failed
        print(f'{"PASS" if ok else "FAIL"} {name}' + ('' if ok else f'\n  {detail}'))
        passed += ok
        failed += not ok

    sdevs, serrs = stock
    ndevs, nerrs = ours
    for prefix in ('computer', 'pci_', 'block_'):
        s = sorted(n for n in sdevs if n.startswith(prefix))
        n = sorted(n for n in ndevs if n.startswith(prefix))
        check(f'{prefix} devices', s == n, f'stock {s}\n  nuvirt {n}')
    both = sorted(set(sdevs) & set(ndevs))
    check('some network interfaces seen by both', any(n.startswith('net_') for n in both))
    for name in both:
        if sdevs[name] is None or ndevs[name] is None:
            continue
        (sx, sc, sp), (nx, nc, np_) = sdevs[name], ndevs[name]
        # stock writes an empty <firmware> (no DMI here) open and closed
        sx = sx.replace('<firmware>\n    </firmware>', '<firmware/>')
        check(f'{name} xml', sx == nx, f'stock:\n{sx}\n  nuvirt:\n{nx}')
        check(f'{name} caps and parent', (sc, sp) == (nc, np_),
              f'stock {sc} {sp}, nuvirt {nc} {np_}')
    for what in serrs:
        check(what, serrs[what] == nerrs[what], f'stock {serrs[what]}, nuvirt {nerrs[what]}')
    if detach is not None or pci:
        check('detach says VFIO is not driven',
              detach == libvirt.VIR_ERR_OPERATION_UNSUPPORTED, f'got {detach}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
