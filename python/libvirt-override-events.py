# Events and the event loop, the Python half (python/override-events.c is
# the C half).  The C trampolines call the connection's _dispatch* method
# with the registration's cbData = {'cb', 'conn', 'opaque'}; each one wraps
# the object it got and calls the application's callback.


def _eventInvokeHandleCallback(watch: int, fd: int, event: int, opaque: Any,
                               opaquecompat: Any = None) -> None:
    """Run libvirt's handle callback (a Python loop calls this as the cb it got)."""
    cb, op = (opaque, opaquecompat) if opaquecompat else (opaque[0], opaque[1])
    libvirtmod.virEventInvokeHandleCallback(watch, fd, event, cb, op)


def _eventInvokeTimeoutCallback(timer: int, opaque: Any, opaquecompat: Any = None) -> None:
    """Run libvirt's timer callback (a Python loop calls this as the cb it got)."""
    cb, op = (opaque, opaquecompat) if opaquecompat else (opaque[0], opaque[1])
    libvirtmod.virEventInvokeTimeoutCallback(timer, cb, op)


def _dispatchEventHandleCallback(watch: int, fd: int, events: int, cbData: Dict[str, Any]) -> int:
    cbData["cb"](watch, fd, events, cbData["opaque"])
    return 0


def _dispatchEventTimeoutCallback(timer: int, cbData: Dict[str, Any]) -> int:
    cbData["cb"](timer, cbData["opaque"])
    return 0


def virEventAddHandle(fd: int, events: int, cb: _EventCB, opaque: _T) -> int:
    """Watch @fd for @events on the registered loop: cb(watch, fd, events, opaque)."""
    ret = libvirtmod.virEventAddHandle(fd, events, {"cb": cb, "opaque": opaque})
    if ret == -1:
        raise libvirtError('virEventAddHandle() failed')
    return ret


def virEventAddTimeout(timeout: int, cb: _TimerCB, opaque: _T) -> int:
    """A timer every @timeout ms on the registered loop (-1: disabled): cb(timer, opaque)."""
    ret = libvirtmod.virEventAddTimeout(timeout, {"cb": cb, "opaque": opaque})
    if ret == -1:
        raise libvirtError('virEventAddTimeout() failed')
    return ret


def virEventInvokeFreeCallback(opaque: Any) -> None:
    """Release what libvirt attached to a handle or timer a Python loop removed;
    call it from the loop, never from inside a libvirt call."""
    libvirtmod.virEventInvokeFreeCallback(opaque[2], opaque[1])


def _registerEventAny(conn, cname, obj, eventID, cb, opaque):
    cbData = {"cb": cb, "conn": conn, "opaque": opaque}
    ret = getattr(libvirtmod, cname)(conn._o, None if obj is None else obj._o, eventID, cbData)
    if ret == -1:
        raise libvirtError(cname + '() failed')
    return ret


class virConnect:
    def __del__(self):
        try:
            for cb in list(getattr(self, '_domainEventCallbacks', {})):
                self.domainEventDeregister(cb)
        except libvirtError:
            pass
        if self._o is not None:
            libvirtmod.virConnectClose(self._o)
        self._o = None

    # The oldest lifecycle form: one C registration, the callbacks in a dict.
    def domainEventRegister(self, cb: _DomainCB, opaque: _T) -> None:
        callbacks = self.__dict__.setdefault('_domainEventCallbacks', {})
        if not callbacks:
            if libvirtmod.virConnectDomainEventRegister(self._o, self) == -1:
                raise libvirtError('virConnectDomainEventRegister() failed')
        callbacks[cb] = opaque

    def domainEventDeregister(self, cb: _DomainCB) -> None:
        callbacks = self.__dict__.get('_domainEventCallbacks', {})
        try:
            del callbacks[cb]
        except KeyError:
            raise libvirtError('virConnectDomainEventDeregister() failed: callback not registered')
        if not callbacks:
            if libvirtmod.virConnectDomainEventDeregister(self._o) == -1:
                raise libvirtError('virConnectDomainEventDeregister() failed')

    def _dispatchDomainEventCallbacks(self, dom: 'virDomain', event: int, detail: int) -> None:
        d = virDomain(self, _obj=dom)
        for cb, opaque in list(self.__dict__.get('_domainEventCallbacks', {}).items()):
            cb(self, d, event, detail, opaque)

    def domainEventRegisterAny(self, dom: Optional['virDomain'], eventID: int, cb: Callable,
                               opaque: _T) -> int:
        """cb(conn, dom, <the event's values>, opaque) for @eventID events (of @dom, or all)."""
        return _registerEventAny(self, 'virConnectDomainEventRegisterAny', dom, eventID, cb, opaque)

    def networkEventRegisterAny(self, net: Optional['virNetwork'], eventID: int, cb: Callable,
                                opaque: _T) -> int:
        return _registerEventAny(self, 'virConnectNetworkEventRegisterAny', net, eventID, cb, opaque)

    def storagePoolEventRegisterAny(self, pool: Optional['virStoragePool'], eventID: int,
                                    cb: Callable, opaque: _T) -> int:
        return _registerEventAny(self, 'virConnectStoragePoolEventRegisterAny', pool, eventID, cb,
                                 opaque)

    def nodeDeviceEventRegisterAny(self, dev: Optional['virNodeDevice'], eventID: int,
                                   cb: Callable, opaque: _T) -> int:
        return _registerEventAny(self, 'virConnectNodeDeviceEventRegisterAny', dev, eventID, cb,
                                 opaque)

    def secretEventRegisterAny(self, secret: Optional['virSecret'], eventID: int, cb: Callable,
                               opaque: _T) -> int:
        return _registerEventAny(self, 'virConnectSecretEventRegisterAny', secret, eventID, cb,
                                 opaque)

    def registerCloseCallback(self, cb: Callable[['virConnect', int, _T], None],
                              opaque: _T) -> int:
        """cb(conn, reason, opaque) when the connection closes by itself."""
        cbData = {"cb": cb, "conn": self, "opaque": opaque}
        ret = libvirtmod.virConnectRegisterCloseCallback(self._o, cbData)
        if ret == -1:
            raise libvirtError('virConnectRegisterCloseCallback() failed')
        return ret

    def _dispatchCloseCallback(self, reason: int, cbData: Dict[str, Any]) -> int:
        cbData["cb"](self, reason, cbData["opaque"])
        return 0

    # One dispatcher per callback type: wrap the object, call the application.
    def _dispatchDomainEventLifecycleCallback(self, dom, event, detail, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), event, detail, cbData["opaque"])
        return 0

    def _dispatchDomainEventGenericCallback(self, dom, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), cbData["opaque"])
        return 0

    def _dispatchDomainEventRTCChangeCallback(self, dom, offset, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), offset, cbData["opaque"])
        return 0

    def _dispatchDomainEventWatchdogCallback(self, dom, action, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), action, cbData["opaque"])
        return 0

    def _dispatchDomainEventIOErrorCallback(self, dom, srcPath, devAlias, action, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), srcPath, devAlias, action, cbData["opaque"])
        return 0

    def _dispatchDomainEventIOErrorReasonCallback(self, dom, srcPath, devAlias, action, reason,
                                                  cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), srcPath, devAlias, action, reason,
                     cbData["opaque"])
        return 0

    def _dispatchDomainEventGraphicsCallback(self, dom, phase, localAddr, remoteAddr,
                                             authScheme, subject, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), phase, localAddr, remoteAddr, authScheme,
                     subject, cbData["opaque"])
        return 0

    def _dispatchDomainEventBlockJobCallback(self, dom, disk, type, status, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), disk, type, status, cbData["opaque"])

    def _dispatchDomainEventDiskChangeCallback(self, dom, oldSrcPath, newSrcPath, devAlias,
                                               reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), oldSrcPath, newSrcPath, devAlias, reason,
                     cbData["opaque"])
        return 0

    def _dispatchDomainEventTrayChangeCallback(self, dom, devAlias, reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), devAlias, reason, cbData["opaque"])
        return 0

    def _dispatchDomainEventPMWakeupCallback(self, dom, reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), reason, cbData["opaque"])
        return 0

    def _dispatchDomainEventPMSuspendCallback(self, dom, reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), reason, cbData["opaque"])
        return 0

    def _dispatchDomainEventBalloonChangeCallback(self, dom, actual, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), actual, cbData["opaque"])
        return 0

    def _dispatchDomainEventPMSuspendDiskCallback(self, dom, reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), reason, cbData["opaque"])
        return 0

    def _dispatchDomainEventDeviceRemovedCallback(self, dom, devAlias, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), devAlias, cbData["opaque"])
        return 0

    def _dispatchDomainEventTunableCallback(self, dom, params, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), params, cbData["opaque"])
        return 0

    def _dispatchDomainEventAgentLifecycleCallback(self, dom, state, reason, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), state, reason, cbData["opaque"])
        return 0

    def _dispatchDomainEventDeviceAddedCallback(self, dom, devAlias, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), devAlias, cbData["opaque"])
        return 0

    def _dispatchDomainEventMigrationIterationCallback(self, dom, iteration, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), iteration, cbData["opaque"])
        return 0

    def _dispatchDomainEventJobCompletedCallback(self, dom, params, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), params, cbData["opaque"])
        return 0

    def _dispatchDomainEventDeviceRemovalFailedCallback(self, dom, devAlias, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), devAlias, cbData["opaque"])
        return 0

    def _dispatchDomainEventMetadataChangeCallback(self, dom, mtype, nsuri, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), mtype, nsuri, cbData["opaque"])
        return 0

    def _dispatchDomainEventBlockThresholdCallback(self, dom, dev, path, threshold, excess,
                                                   cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), dev, path, threshold, excess,
                     cbData["opaque"])
        return 0

    def _dispatchDomainEventMemoryFailureCallback(self, dom, recipient, action, flags, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), recipient, action, flags, cbData["opaque"])
        return 0

    def _dispatchDomainEventMemoryDeviceSizeChangeCallback(self, dom, alias, size, cbData):
        cbData["cb"](self, virDomain(self, _obj=dom), alias, size, cbData["opaque"])
        return 0

    def _dispatchNetworkEventLifecycleCallback(self, net, event, detail, cbData):
        cbData["cb"](self, virNetwork(self, _obj=net), event, detail, cbData["opaque"])
        return 0

    def _dispatchStoragePoolEventLifecycleCallback(self, pool, event, detail, cbData):
        cbData["cb"](self, virStoragePool(self, _obj=pool), event, detail, cbData["opaque"])
        return 0

    def _dispatchStoragePoolEventGenericCallback(self, pool, cbData):
        cbData["cb"](self, virStoragePool(self, _obj=pool), cbData["opaque"])
        return 0

    def _dispatchNodeDeviceEventLifecycleCallback(self, dev, event, detail, cbData):
        cbData["cb"](self, virNodeDevice(self, _obj=dev), event, detail, cbData["opaque"])
        return 0

    def _dispatchNodeDeviceEventGenericCallback(self, dev, cbData):
        cbData["cb"](self, virNodeDevice(self, _obj=dev), cbData["opaque"])
        return 0

    def _dispatchSecretEventLifecycleCallback(self, secret, event, detail, cbData):
        cbData["cb"](self, virSecret(self, _obj=secret), event, detail, cbData["opaque"])
        return 0

    def _dispatchSecretEventGenericCallback(self, secret, cbData):
        cbData["cb"](self, virSecret(self, _obj=secret), cbData["opaque"])
        return 0
