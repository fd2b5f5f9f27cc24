/*
 * stream.c: the stream entry points that are more than a call to the
 * driver: creation and reference counting, and the loops that move a whole
 * stream's data through application callbacks (SendAll, RecvAll and their
 * sparse forms).  A new stream has no driver; the call that opens it
 * (virStorageVolUpload, virDomainOpenConsole, ...) attaches one.
 */
#include <string.h>

#include "api/api-internal.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* Chunk size of the *All loops, as libvirt uses. */
#define STREAM_CHUNK (256 * 1024)

virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    NUV_DEBUG("conn=%p, flags=0x%x", (void *)conn, flags);
    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (flags & ~VIR_STREAM_NONBLOCK) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags & ~VIR_STREAM_NONBLOCK, __func__);
        virDispatchError(conn);
        return NULL;
    }
    return nuvGetStream(conn, flags);
}

int
virStreamRef(virStreamPtr stream)
{
    nuvErrorReset();
    if (!nuvApiCheckStream(stream, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    nuvHandleRef(stream);
    return 0;
}

int
virStreamFree(virStreamPtr stream)
{
    nuvErrorReset();
    if (!nuvApiCheckStream(stream, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    nuvHandleUnref(stream);
    return 0;
}

/* The *All loops need a blocking stream with a driver attached. */
static bool
checkStreamForAll(virStreamPtr stream, const void *handler, const char *func)
{
    if (!nuvApiCheckStream(stream, func))
        return false;
    if (!handler) {
        nuvApiNullArg(VIR_FROM_STREAMS, "handler", func);
        return false;
    }
    if (stream->flags & VIR_STREAM_NONBLOCK) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "data sources cannot be used for non-blocking streams");
        return false;
    }
    return true;
}

/* On failure the stream is aborted, keeping the first error. */
static void
abortKeepingError(virStreamPtr stream)
{
    virErrorPtr saved = nuvErrorPreserve();

    virStreamAbort(stream);
    nuvErrorRestore(&saved);
}

static int
sendBuffer(virStreamPtr stream, const char *buf, size_t len)
{
    size_t off = 0;

    while (off < len) {
        int n = virStreamSend(stream, buf + off, len - off);
        if (n < 0)
            return -1;
        /* A blocking stream never answers -2; a zero-byte write would spin. */
        if (n == 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream accepted no data");
            return -1;
        }
        off += n;
    }
    return 0;
}

int
virStreamSendAll(virStreamPtr stream, virStreamSourceFunc handler, void *opaque)
{
    g_autofree char *buf = NULL;

    NUV_DEBUG("stream=%p, handler=%p, opaque=%p", (void *)stream, (void *)handler, opaque);
    nuvErrorReset();
    if (!checkStreamForAll(stream, (const void *)handler, __func__))
        goto error;

    buf = g_malloc(STREAM_CHUNK);
    for (;;) {
        int got = handler(stream, buf, STREAM_CHUNK, opaque);
        if (got < 0) {
            nuvReportError(VIR_ERR_RPC, "%s", "send handler failed");
            goto abort;
        }
        if (got == 0)
            break;
        if (sendBuffer(stream, buf, got) < 0)
            goto abort;
    }
    return 0;

 abort:
    abortKeepingError(stream);
 error:
    virDispatchError(nuvHandleIsValid(stream, NUV_MAGIC_STREAM) ? stream->conn : NULL);
    return -1;
}

int
virStreamSparseSendAll(virStreamPtr stream, virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler,
                       virStreamSourceSkipFunc skipHandler, void *opaque)
{
    g_autofree char *buf = NULL;

    NUV_DEBUG("stream=%p, handler=%p, holeHandler=%p, skipHandler=%p, opaque=%p",
              (void *)stream, (void *)handler, (void *)holeHandler, (void *)skipHandler,
              opaque);
    nuvErrorReset();
    if (!checkStreamForAll(stream, (const void *)handler, __func__))
        goto error;
    if (!holeHandler) {
        nuvApiNullArg(VIR_FROM_STREAMS, "holeHandler", __func__);
        goto error;
    }
    if (!skipHandler) {
        nuvApiNullArg(VIR_FROM_STREAMS, "skipHandler", __func__);
        goto error;
    }

    buf = g_malloc(STREAM_CHUNK);
    for (;;) {
        int inData = 0;
        long long section = 0;
        int got;

        if (holeHandler(stream, &inData, &section, opaque) < 0) {
            nuvReportError(VIR_ERR_RPC, "%s", "send handler failed");
            goto abort;
        }
        if (!inData && section > 0) {
            if (virStreamSendHole(stream, section, 0) < 0)
                goto abort;
            if (skipHandler(stream, section, opaque) < 0) {
                nuvReportError(VIR_ERR_RPC, "%s", "unable to skip hole");
                goto abort;
            }
            continue;
        }
        got = handler(stream, buf,
                      inData && section > 0 ? MIN(section, (long long)STREAM_CHUNK)
                                            : STREAM_CHUNK,
                      opaque);
        if (got < 0) {
            nuvReportError(VIR_ERR_RPC, "%s", "send handler failed");
            goto abort;
        }
        if (got == 0)
            break;
        if (sendBuffer(stream, buf, got) < 0)
            goto abort;
    }
    return 0;

 abort:
    abortKeepingError(stream);
 error:
    virDispatchError(nuvHandleIsValid(stream, NUV_MAGIC_STREAM) ? stream->conn : NULL);
    return -1;
}

static int
recvLoop(virStreamPtr stream, virStreamSinkFunc handler, virStreamSinkHoleFunc holeHandler,
         void *opaque)
{
    g_autofree char *buf = g_malloc(STREAM_CHUNK);

    for (;;) {
        int got;
        int off = 0;

        if (holeHandler)
            got = virStreamRecvFlags(stream, buf, STREAM_CHUNK, VIR_STREAM_RECV_STOP_AT_HOLE);
        else
            got = virStreamRecv(stream, buf, STREAM_CHUNK);
        if (got == -3 && holeHandler) {
            long long hole = 0;
            if (virStreamRecvHole(stream, &hole, 0) < 0)
                return -1;
            if (hole > 0 && holeHandler(stream, hole, opaque) < 0) {
                nuvReportError(VIR_ERR_RPC, "%s", "recv handler failed");
                return -1;
            }
            continue;
        }
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        while (off < got) {
            int done = handler(stream, buf + off, got - off, opaque);
            if (done < 0) {
                nuvReportError(VIR_ERR_RPC, "%s", "recv handler failed");
                return -1;
            }
            off += done;
        }
    }
}

int
virStreamRecvAll(virStreamPtr stream, virStreamSinkFunc handler, void *opaque)
{
    NUV_DEBUG("stream=%p, handler=%p, opaque=%p", (void *)stream, (void *)handler, opaque);
    nuvErrorReset();
    if (!checkStreamForAll(stream, (const void *)handler, __func__))
        goto error;
    if (recvLoop(stream, handler, NULL, opaque) < 0) {
        abortKeepingError(stream);
        goto error;
    }
    return 0;

 error:
    virDispatchError(nuvHandleIsValid(stream, NUV_MAGIC_STREAM) ? stream->conn : NULL);
    return -1;
}

int
virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler, void *opaque)
{
    NUV_DEBUG("stream=%p, handler=%p, holeHandler=%p, opaque=%p", (void *)stream,
              (void *)handler, (void *)holeHandler, opaque);
    nuvErrorReset();
    if (!checkStreamForAll(stream, (const void *)handler, __func__))
        goto error;
    if (!holeHandler) {
        nuvApiNullArg(VIR_FROM_STREAMS, "holeHandler", __func__);
        goto error;
    }
    if (recvLoop(stream, handler, holeHandler, opaque) < 0) {
        abortKeepingError(stream);
        goto error;
    }
    return 0;

 error:
    virDispatchError(nuvHandleIsValid(stream, NUV_MAGIC_STREAM) ? stream->conn : NULL);
    return -1;
}
