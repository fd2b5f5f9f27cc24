# The hand-written Python side of streams: event callbacks and the
# blocking whole-stream helpers (sendAll, recvAll and their sparse forms),
# which loop over send/recv/recvFlags in python3-libvirt 9.0's manner:
# a handler that raises or answers < 0 aborts the stream; -2 (a
# nonblocking stream that would block) is refused as libvirtError.


class virStorageVol:
    # The chunk size the *All helpers move per call.
    streamBufSize = 262120


class virStream:
    def __del__(self) -> None:
        # A registered event callback holds the stream: drop it first.
        if getattr(self, 'cb', None) is not None:
            try:
                libvirtmod.virStreamEventRemoveCallback(self._o)
            except Exception:
                pass
        if self._o is not None:
            libvirtmod.virStreamFree(self._o)
        self._o = None

    def _dispatchStreamEventCallback(self, events: int, cbData: Dict[str, Any]) -> int:
        cbData['cb'](self, events, cbData['opaque'])
        return 0

    def eventAddCallback(self, events: int, cb: Callable[['virStream', int, _T], None], opaque: _T) -> None:
        self.cb = cb
        ret = libvirtmod.virStreamEventAddCallback(self._o, events,
                                                   {'stream': self, 'cb': cb, 'opaque': opaque})
        if ret == -1:
            raise libvirtError('virStreamEventAddCallback() failed')

    def _abortQuietly(self) -> None:
        try:
            self.abort()
        except Exception:
            pass

    def recvAll(self, handler: Callable[['virStream', bytes, _T], int], opaque: _T) -> None:
        while True:
            chunk = self.recv(virStorageVol.streamBufSize)
            if chunk == -2:
                raise libvirtError('cannot use recvAll with nonblocking stream')
            if not chunk:
                return
            try:
                rc = handler(self, chunk, opaque)
                if isinstance(rc, int) and rc < 0:
                    raise RuntimeError('recvAll handler returned %d' % rc)
            except BaseException:
                self._abortQuietly()
                raise

    def sendAll(self, handler: Callable[['virStream', int, _T], bytes], opaque: _T) -> None:
        while True:
            try:
                chunk = handler(self, virStorageVol.streamBufSize, opaque)
            except BaseException:
                self._abortQuietly()
                raise
            if not chunk:
                return
            if self.send(chunk) == -2:
                raise libvirtError('cannot use sendAll with nonblocking stream')

    def sparseRecvAll(self, handler: Callable[['virStream', bytes, _T], Union[bytes, int]], holeHandler: Callable[['virStream', int, _T], Optional[int]], opaque: _T) -> None:
        while True:
            chunk = self.recvFlags(virStorageVol.streamBufSize, VIR_STREAM_RECV_STOP_AT_HOLE)
            if chunk == -2:
                raise libvirtError('cannot use sparseRecvAll with nonblocking stream')
            if chunk == -3:
                # At a hole: ask its length and let the application skip it.
                rc = holeHandler(self, self.recvHole(), opaque)
                if isinstance(rc, int) and rc < 0:
                    self.abort()
                    raise RuntimeError('holeHandler handler returned %d' % rc)
                continue
            if isinstance(chunk, int):
                raise ValueError(chunk)
            if not isinstance(chunk, bytes):
                raise TypeError(type(chunk))
            if not chunk:
                return
            rc = handler(self, chunk, opaque)
            if isinstance(rc, int) and rc < 0:
                self.abort()
                raise RuntimeError('sparseRecvAll handler returned %d' % rc)

    def sparseSendAll(self, handler: Callable[['virStream', int, _T], Union[bytes, int]], holeHandler: Callable[['virStream', _T], Tuple[bool, int]], skipHandler: Callable[['virStream', int, _T], int], opaque: _T) -> None:
        while True:
            in_data, section = holeHandler(self, opaque)
            if not in_data and section > 0:
                if self.sendHole(section) < 0 or skipHandler(self, section, opaque) < 0:
                    self.abort()
                continue
            chunk = handler(self, min(virStorageVol.streamBufSize, section), opaque)
            if isinstance(chunk, int) and chunk < 0:
                self.abort()
                raise RuntimeError('sparseSendAll handler returned %d' % chunk)
            if not chunk:
                return
            if self.send(chunk) == -2:
                raise libvirtError('cannot use sparseSendAll with nonblocking stream')
