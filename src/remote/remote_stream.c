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
#include "util/eventloop.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* A stream's private data: its protocol side, and the application's
 * event callback (virStreamEventAddCallback).  The callback runs from a
 * timer in the application's event loop, armed whenever a message for
 * the stream arrives (the connection is watched by the loop meanwhile)
 * and while the application asks for WRITABLE: sends never block for
 * long, so a stream that has not failed is always writable. */
typedef struct {
    nuvRpcStream *rs;
    GMutex lock;                /* guards the fields below */
    int timer;                  /* -1: no callback */
    int events;                 /* what the application asked for */
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
} remoteStreamPriv;

static remoteStreamPriv *
remoteStreamPrivOf(virStreamPtr st)
{
    return st->privateData;
}

static nuvRpcStream *
rpcStreamOf(virStreamPtr st)
{
    return remoteStreamPrivOf(st)->rs;
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

/* Something arrived for the stream (the connection's lock is held). */
static void
remoteStreamNotify(void *opaque)
{
    remoteStreamPriv *p = opaque;

    g_mutex_lock(&p->lock);
    if (p->timer >= 0)
        nuvEventUpdateTimeout(p->timer, 0);
    g_mutex_unlock(&p->lock);
}

static void
remoteStreamEventFire(int timer, void *opaque)
{
    virStreamPtr st = opaque;
    remoteStreamPriv *p = remoteStreamPrivOf(st);
    virStreamEventCallback cb;
    void *cbOpaque;
    int wanted, ready, events = 0;

    /* Disarmed before looking: a message arriving from now on arms it
     * again. */
    nuvEventUpdateTimeout(timer, -1);
    ready = nuvRpcStreamReady(p->rs);
    g_mutex_lock(&p->lock);
    cb = p->cb;
    cbOpaque = p->opaque;
    wanted = p->events;
    g_mutex_unlock(&p->lock);
    if ((wanted & VIR_STREAM_EVENT_READABLE) && (ready & NUV_RPC_STREAM_READABLE))
        events |= VIR_STREAM_EVENT_READABLE;
    if ((wanted & VIR_STREAM_EVENT_WRITABLE) &&
        !(ready & (NUV_RPC_STREAM_ERROR | NUV_RPC_STREAM_HANGUP)))
        events |= VIR_STREAM_EVENT_WRITABLE;
    if (ready & NUV_RPC_STREAM_ERROR)
        events |= VIR_STREAM_EVENT_ERROR;
    if (ready & NUV_RPC_STREAM_HANGUP)
        events |= VIR_STREAM_EVENT_HANGUP;
    if (!cb || !events)
        return;
    cb(st, events, cbOpaque);
    /* Still something to hand over (data left unread, or WRITABLE still
     * wanted): come back on the next iteration.  An error or a hangup is
     * told once per message. */
    ready = nuvRpcStreamReady(p->rs);
    g_mutex_lock(&p->lock);
    if (p->timer == timer && p->cb &&
        (((p->events & VIR_STREAM_EVENT_READABLE) && (ready & NUV_RPC_STREAM_READABLE)) ||
         ((p->events & VIR_STREAM_EVENT_WRITABLE) &&
          !(ready & (NUV_RPC_STREAM_ERROR | NUV_RPC_STREAM_HANGUP)))))
        nuvEventUpdateTimeout(timer, 0);
    g_mutex_unlock(&p->lock);
}

static void
remoteStreamEventTimerFree(void *opaque)
{
    nuvHandleUnref(opaque);
}

static int
remoteStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                             void *opaque, virFreeCallback ff)
{
    remoteStreamPriv *p = remoteStreamPrivOf(st);
    remotePriv *priv = st->conn->privateData;
    bool has;
    int timer;

    g_mutex_lock(&p->lock);
    has = p->cb != NULL;
    g_mutex_unlock(&p->lock);
    if (has) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream already has a callback registered");
        return -1;
    }
    if (nuvEventRequireImpl() < 0 || nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    nuvHandleRef(st);
    if ((timer = nuvEventAddTimeout(-1, remoteStreamEventFire, st,
                                    remoteStreamEventTimerFree)) < 0) {
        nuvHandleUnref(st);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot add the stream's event timer");
        return -1;
    }
    g_mutex_lock(&p->lock);
    p->timer = timer;
    p->events = events;
    p->cb = cb;
    p->opaque = opaque;
    p->ff = ff;
    g_mutex_unlock(&p->lock);
    nuvRpcStreamSetNotify(p->rs, remoteStreamNotify, p);
    /* Data may be queued already. */
    nuvEventUpdateTimeout(timer, 0);
    return 0;
}

static int
remoteStreamEventUpdateCallback(virStreamPtr st, int events)
{
    remoteStreamPriv *p = remoteStreamPrivOf(st);
    int timer;

    g_mutex_lock(&p->lock);
    if (!p->cb) {
        g_mutex_unlock(&p->lock);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "stream does not have a callback registered");
        return -1;
    }
    p->events = events;
    timer = p->timer;
    g_mutex_unlock(&p->lock);
    nuvEventUpdateTimeout(timer, 0);
    return 0;
}

static int
remoteStreamEventRemoveCallback(virStreamPtr st)
{
    remoteStreamPriv *p = remoteStreamPrivOf(st);
    virFreeCallback ff;
    void *opaque;
    int timer;

    g_mutex_lock(&p->lock);
    if (!p->cb) {
        g_mutex_unlock(&p->lock);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "stream does not have a callback registered");
        return -1;
    }
    timer = p->timer;
    ff = p->ff;
    opaque = p->opaque;
    p->timer = -1;
    p->cb = NULL;
    p->ff = NULL;
    p->opaque = NULL;
    g_mutex_unlock(&p->lock);
    nuvRpcStreamSetNotify(p->rs, NULL, NULL);
    nuvEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
    return 0;
}

static const nuvStreamDriver remoteStreamDriver = {
    .name = "remote",
    .streamSend = remoteStreamSend,
    .streamSendHole = remoteStreamSendHole,
    .streamRecvFlags = remoteStreamRecvFlags,
    .streamRecvHole = remoteStreamRecvHole,
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
    .streamEventAddCallback = remoteStreamEventAddCallback,
    .streamEventUpdateCallback = remoteStreamEventUpdateCallback,
    .streamEventRemoveCallback = remoteStreamEventRemoveCallback,
};

/* The stream is disposed of: no callback can be left (its timer holds a
 * reference to the stream). */
static void
remoteStreamFree(void *opaque)
{
    remoteStreamPriv *p = opaque;

    nuvRpcStreamFree(p->rs);
    g_mutex_clear(&p->lock);
    g_free(p);
}

int
remoteCallStream(virConnectPtr conn, int proc, virStreamPtr st, bool allowSkip,
                 nuvXdrFilter argsFilter, void *args, nuvXdrFilter retFilter, void *ret)
{
    remotePriv *priv = conn->privateData;
    remoteStreamPriv *p;
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
    p = g_new0(remoteStreamPriv, 1);
    p->rs = rs;
    p->timer = -1;
    g_mutex_init(&p->lock);
    st->privateData = p;
    st->privateFree = remoteStreamFree;
    st->driver = &remoteStreamDriver;
    return 0;
}
