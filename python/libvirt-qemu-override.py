# The hand-written part of libvirt_qemu.py: monitor event registration,
# whose C side calls _dispatchQemuMonitorEventCallback with the domain's
# capsule.
from typing import Any, Callable, Dict


def _dispatchQemuMonitorEventCallback(conn: libvirt.virConnect, dom: libvirt.virDomain, event: str, seconds: int, micros: int, details: str, cbData: Dict[str, Any]) -> int:
    cbData['cb'](conn, libvirt.virDomain(conn, _obj=dom), event, seconds, micros, details,
                 cbData['opaque'])
    return 0


def qemuMonitorEventRegister(conn: libvirt.virConnect, dom: libvirt.virDomain, event: str, cb: Callable[[libvirt.virConnect, libvirt.virDomain, str, int, int, str, libvirt._T], None], opaque: libvirt._T, flags: int = 0) -> int:
    cbData = {'cb': cb, 'conn': conn, 'opaque': opaque}
    ret = libvirtmod_qemu.virConnectDomainQemuMonitorEventRegister(
        conn._o, None if dom is None else dom._o, event, cbData, flags)
    if ret == -1:
        raise libvirt.libvirtError('virConnectDomainQemuMonitorEventRegister() failed')
    return ret
