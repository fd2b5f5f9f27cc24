/*
 * client.c: the client end of an RPC connection; see client.h.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "rpc/client.h"
#include "rpc/socket.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_RPC

struct _nuvRpcConn {
    GMutex lock;            /* held for a whole call, or while the watch reads */
    int fd;
    uint32_t serial;
    bool dead;
    int watch;              /* event-loop handle, -1 when none */
    nuvRpcMessage *rx;      /* a message partly read */
    nuvRpcConnEventFunc eventFn;
    void *eventOpaque;
};

static nuvRpcConn *
nuvRpcConnNew(int fd)
{
    nuvRpcConn *conn;

    if (fd < 0)
        return NULL;
    conn = g_new0(nuvRpcConn, 1);
    g_mutex_init(&conn->lock);
    conn->fd = fd;
    conn->watch = -1;
    return conn;
}

nuvRpcConn *
nuvRpcConnOpenUnix(const char *path)
{
    return nuvRpcConnNew(nuvSocketConnectUnix(path));
}

nuvRpcConn *
nuvRpcConnOpenTcp(const char *host, const char *port)
{
    return nuvRpcConnNew(nuvSocketConnectTcp(host, port));
}

void
nuvRpcConnFree(nuvRpcConn *conn)
{
    if (!conn)
        return;
    if (conn->watch >= 0)
        nuvEventRemoveHandle(conn->watch);
    g_mutex_lock(&conn->lock);
    if (conn->fd >= 0)
        close(conn->fd);
    conn->fd = -1;
    nuvRpcMessageFree(conn->rx);
    conn->rx = NULL;
    g_mutex_unlock(&conn->lock);
    /* A watch callback may still be queued: the loop frees us through
     * the handle's free function when there is one. */
    if (conn->watch < 0) {
        g_mutex_clear(&conn->lock);
        g_free(conn);
    }
}

void
nuvRpcConnSetEventFunc(nuvRpcConn *conn, nuvRpcConnEventFunc fn, void *opaque)
{
    g_mutex_lock(&conn->lock);
    conn->eventFn = fn;
    conn->eventOpaque = opaque;
    g_mutex_unlock(&conn->lock);
}

static void
nuvRpcConnMarkDead(nuvRpcConn *conn)
{
    conn->dead = true;
    if (conn->watch >= 0)
        nuvEventUpdateHandle(conn->watch, 0);
}

/* Wait for the socket (lock held; calls block, which is what a caller of
 * a synchronous API expects). */
static int
nuvRpcConnWait(nuvRpcConn *conn, short events)
{
    struct pollfd pfd = { .fd = conn->fd, .events = events };
    int r;

    do {
        r = poll(&pfd, 1, -1);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        nuvReportSystemError(errno, "%s", "cannot wait for the socket");
        return -1;
    }
    return 0;
}

static int
nuvRpcConnSend(nuvRpcConn *conn, nuvRpcMessage *msg)
{
    int r;

    msg->pos = 0;
    while ((r = nuvSocketWriteMessage(conn->fd, msg)) == 0) {
        if (nuvRpcConnWait(conn, POLLOUT) < 0)
            return -1;
    }
    return r < 0 ? -1 : 0;
}

static void
nuvRpcConnSendPong(nuvRpcConn *conn)
{
    g_autoptr(nuvRpcMessage) m = nuvRpcMessageNew();

    m->header = (nuvRpcHeader){ NUV_KEEPALIVE_PROGRAM, NUV_RPC_VERSION,
                                NUV_KEEPALIVE_PROC_PONG, NUV_RPC_MESSAGE, 0, NUV_RPC_OK };
    nuvRpcMessageEncodeHeader(m);
    if (nuvRpcConnSend(conn, m) < 0)
        nuvErrorReset();
}

/* Handle a message that is not the awaited reply (lock held). */
static void
nuvRpcConnOther(nuvRpcConn *conn, nuvRpcMessage *msg)
{
    if (msg->header.prog == NUV_KEEPALIVE_PROGRAM) {
        if (msg->header.proc == NUV_KEEPALIVE_PROC_PING)
            nuvRpcConnSendPong(conn);
        return;
    }
    if (msg->header.type == NUV_RPC_MESSAGE && conn->eventFn)
        conn->eventFn(conn, msg, conn->eventOpaque);
}

/* Read one whole message (lock held); with block false, NULL and no
 * error when nothing complete is there. */
static nuvRpcMessage *
nuvRpcConnRead(nuvRpcConn *conn, bool block)
{
    for (;;) {
        bool eof;
        int r;

        if (!conn->rx)
            conn->rx = nuvRpcMessageNew();
        r = nuvSocketReadMessage(conn->fd, conn->rx, &eof);
        if (r > 0)
            return g_steal_pointer(&conn->rx);
        if (r < 0) {
            nuvRpcConnMarkDead(conn);
            return NULL;
        }
        if (!block)
            return NULL;
        if (nuvRpcConnWait(conn, POLLIN) < 0)
            return NULL;
    }
}

int
nuvRpcConnCall(nuvRpcConn *conn, uint32_t prog, int proc,
               nuvXdrFilter argsFilter, void *args,
               nuvXdrFilter retFilter, void *ret)
{
    g_autoptr(nuvRpcMessage) msg = nuvRpcMessageNew();
    int rv = -1;

    g_mutex_lock(&conn->lock);
    if (conn->dead || conn->fd < 0) {
        nuvReportError(VIR_ERR_RPC, "%s", "the connection to the daemon is closed");
        goto cleanup;
    }
    msg->header = (nuvRpcHeader){ prog, NUV_RPC_VERSION, proc, NUV_RPC_CALL,
                                  ++conn->serial, NUV_RPC_OK };
    if (nuvRpcMessageEncodeHeader(msg) < 0 ||
        nuvRpcMessageEncodeBody(msg, argsFilter, args) < 0)
        goto cleanup;
    if (nuvRpcConnSend(conn, msg) < 0) {
        nuvRpcConnMarkDead(conn);
        goto cleanup;
    }
    for (;;) {
        g_autoptr(nuvRpcMessage) in = nuvRpcConnRead(conn, true);

        if (!in)
            goto cleanup;
        if (in->header.type != NUV_RPC_REPLY || in->header.prog != prog ||
            in->header.serial != msg->header.serial) {
            nuvRpcConnOther(conn, in);
            continue;
        }
        if (in->header.status == NUV_RPC_OK) {
            if (retFilter) {
                rv = nuvRpcMessageDecodeBody(in, retFilter, ret);
            } else if (in->pos != in->len) {
                nuvReportError(VIR_ERR_RPC, "unexpected data in the reply to procedure %d",
                               proc);
            } else {
                rv = 0;
            }
        } else {
            nuvRpcError rerr = { 0 };
            if (nuvRpcMessageDecodeBody(in, nuvRpcErrorFilter, &rerr) == 0) {
                nuvRpcErrorReport(&rerr);
                nuvRpcErrorClear(&rerr);
            }
        }
        break;
    }

 cleanup:
    g_mutex_unlock(&conn->lock);
    return rv;
}

/* Event-loop watch: read what the daemon sent between calls.  When a call
 * holds the lock, that caller reads it instead. */
static void
nuvRpcConnWatchCb(int watch, int fd, int events, void *opaque)
{
    nuvRpcConn *conn = opaque;

    if (!g_mutex_trylock(&conn->lock))
        return;
    while (!conn->dead && conn->fd >= 0) {
        g_autoptr(nuvRpcMessage) in = nuvRpcConnRead(conn, false);
        if (!in)
            break;
        nuvRpcConnOther(conn, in);
    }
    nuvErrorReset();
    g_mutex_unlock(&conn->lock);
}

static void
nuvRpcConnWatchFree(void *opaque)
{
    nuvRpcConn *conn = opaque;

    g_mutex_clear(&conn->lock);
    g_free(conn);
}

int
nuvRpcConnWatch(nuvRpcConn *conn)
{
    if (conn->watch >= 0 || !nuvEventIsRegistered())
        return 0;
    conn->watch = nuvEventAddHandle(conn->fd, VIR_EVENT_HANDLE_READABLE, nuvRpcConnWatchCb,
                                    conn, nuvRpcConnWatchFree);
    return conn->watch < 0 ? -1 : 0;
}
