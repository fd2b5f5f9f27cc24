# The hand-written part of libvirt.py: the exception, the module functions
# that are not one C call, and the virConnect methods around its lifetime.
# python/gen-python.py merges this into the generated module (top-level code
# first, class methods into the generated classes of the same name).
from types import TracebackType
from typing import Any, Callable, Dict, List, Optional, overload, Tuple, Type, TypeVar, Union
_T = TypeVar('_T')
_EventCB = Callable[[int, int, int, _T], None]
_EventAddHandleFunc = Callable[[int, int, _EventCB, _T], int]
_EventUpdateHandleFunc = Callable[[int, int], None]
_EventRemoveHandleFunc = Callable[[int], int]
_TimerCB = Callable[[int, _T], None]
_EventAddTimeoutFunc = Callable[[int, _TimerCB, _T], int]
_EventUpdateTimeoutFunc = Callable[[int, int], None]
_EventRemoveTimeoutFunc = Callable[[int], int]
_DomainCB = Callable[['virConnect', 'virDomain', int, int, _T], Optional[int]]
_BlkioParameter = Dict[str, Any]
_MemoryParameter = Dict[str, Any]
_SchedParameter = Dict[str, Any]
_TypedParameter = Dict[str, Any]


class libvirtError(Exception):
    """A failed libvirt call: the message is the thread's last error,
    whose fields the get_* accessors return (None when there was none)."""

    def __init__(self, defmsg: str) -> None:
        err = libvirtmod.virGetLastError()
        Exception.__init__(self, defmsg if err is None else err[2])
        self.err = err

    def get_error_code(self) -> Optional[int]:
        return None if self.err is None else self.err[0]

    def get_error_domain(self) -> Optional[int]:
        return None if self.err is None else self.err[1]

    def get_error_message(self) -> Optional[str]:
        return None if self.err is None else self.err[2]

    def get_error_level(self) -> Optional[int]:
        return None if self.err is None else self.err[3]

    def get_str1(self) -> Optional[str]:
        return None if self.err is None else self.err[4]

    def get_str2(self) -> Optional[str]:
        return None if self.err is None else self.err[5]

    def get_str3(self) -> Optional[str]:
        return None if self.err is None else self.err[6]

    def get_int1(self) -> Optional[int]:
        return None if self.err is None else self.err[7]

    def get_int2(self) -> Optional[int]:
        return None if self.err is None else self.err[8]


def registerErrorHandler(f: Callable[[_T, List], None], ctx: _T) -> int:
    """Call f(ctx, error) for every libvirt error (None restores printing)."""
    return libvirtmod.virRegisterErrorHandler(f, ctx)


def getVersion(name: Optional[str] = None) -> int:
    """The library's version; with a driver name, that driver's version."""
    ret = libvirtmod.virGetVersion(name)
    if ret is None:
        raise libvirtError('virGetVersion() failed')
    return ret[0] if name is None else ret[1]


class virConnect:
    def __enter__(self) -> 'virConnect':
        return self

    def __exit__(self, exc_type_: Optional[Type[BaseException]], exc_value_: Optional[BaseException],
                 traceback_: Optional[TracebackType]) -> None:
        self.close()

    def close(self) -> int:
        """Release this object's reference to the connection.  The capsule
        is dropped with it, so that __del__ does not release it a second
        time and later calls on this object raise libvirtError."""
        ret = libvirtmod.virConnectClose(self._o)
        if ret == -1:
            raise libvirtError('virConnectClose() failed')
        self._o = None
        return ret

    def getAllDomainStats(self, stats: int = 0, flags: int = 0) -> List[Tuple['virDomain', Dict[str, Any]]]:
        """[(domain, {field: value}), ...] for every domain the flags select."""
        ret = libvirtmod.virConnectGetAllDomainStats(self._o, stats, flags)
        if ret is None:
            raise libvirtError('virConnectGetAllDomainStats() failed')
        return [(virDomain(self, _obj=capsule), values) for capsule, values in ret]

    def domainListGetStats(self, doms: List['virDomain'], stats: int = 0, flags: int = 0) -> List[Tuple['virDomain', Dict[str, Any]]]:
        """As getAllDomainStats, for the domains given."""
        capsules = []
        for dom in doms:
            if not isinstance(dom, virDomain):
                raise libvirtError('domain list contains non-domain elements')
            capsules.append(dom._o)
        ret = libvirtmod.virDomainListGetStats(self._o, capsules, stats, flags)
        if ret is None:
            raise libvirtError('virDomainListGetStats() failed')
        return [(virDomain(self, _obj=capsule), values) for capsule, values in ret]


def virGetLastError():
    """The calling thread's last error as a 9-item tuple, or None."""
    return libvirtmod.virGetLastError()


class virDomainSnapshot:
    def getConnect(self) -> 'virConnect':
        return self.connect()

    def getDomain(self) -> 'virDomain':
        return self.domain()


class virDomainCheckpoint:
    def getConnect(self) -> 'virConnect':
        return self.connect()

    def getDomain(self) -> 'virDomain':
        return self.domain()
