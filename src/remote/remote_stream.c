/*
 * remote_stream.c: streams of the remote driver.  The call that opens a
 * stream (virStorageVolUpload, virStorageVolDownload, virDomainOpenConsole,
 * ...) goes out through remoteCallStream, which gives the application's
 * virStream this driver; its data then travels on the connection
 * (src/rpc/client.c keeps the protocol side).
 */
#include "remote/remote_driver.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

static nuvRpcStream *
rpcStreamOf(virStreamPtr st)
{
    return st->privateData;
}

static int
remoteStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    return nuvRpcStreamSend(rpcStreamOf(st), data, nbytes);
}

static int
remoteStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    return nuvRpcStreamSendHole(rpcStreamOf(st), length, flags);
}

static int
remoteStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    nuvCheckFlags(VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    return nuvRpcStreamRecv(rpcStreamOf(st), data, nbytes,
                            flags & VIR_STREAM_RECV_STOP_AT_HOLE,
                            st->flags & VIR_STREAM_NONBLOCK);
}

static int
remoteStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    return nuvRpcStreamRecvHole(rpcStreamOf(st), length);
}

static int
remoteStreamFinish(virStreamPtr st)
{
    return nuvRpcStreamClose(rpcStreamOf(st), false);
}

static int
remoteStreamAbort(virStreamPtr st)
{
    return nuvRpcStreamClose(rpcStreamOf(st), true);
}

static const nuvStreamDriver remoteStreamDriver = {
    .name = "remote",
    .streamSend = remoteStreamSend,
    .streamSendHole = remoteStreamSendHole,
    .streamRecvFlags = remoteStreamRecvFlags,
    .streamRecvHole = remoteStreamRecvHole,
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
};

static void
remoteStreamFree(void *opaque)
{
    nuvRpcStreamFree(opaque);
}

int
remoteCallStream(virConnectPtr conn, int proc, virStreamPtr st, bool allowSkip,
                 nuvXdrFilter argsFilter, void *args, nuvXdrFilter retFilter, void *ret)
{
    remotePriv *priv = conn->privateData;
    nuvRpcStream *rs;

    if (!nuvHandleIsValid(st, NUV_MAGIC_STREAM)) {
        nuvReportError(VIR_ERR_INVALID_STREAM, "%s", "invalid stream pointer");
        return -1;
    }
    if (st->driver) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "stream is already in use");
        return -1;
    }
    if (st->conn != conn) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "the stream belongs to another connection");
        return -1;
    }
    rs = nuvRpcConnCallStream(priv->rpc, NUV_REMOTE_PROGRAM, proc, argsFilter, args,
                              retFilter, ret, allowSkip);
    if (!rs)
        return -1;
    st->privateData = rs;
    st->privateFree = remoteStreamFree;
    st->driver = &remoteStreamDriver;
    return 0;
}
