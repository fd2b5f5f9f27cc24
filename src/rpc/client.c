/*
 * client.c: the client end of an RPC connection; see client.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "libvirt/libvirt.h"
#include "rpc/client.h"
#include "rpc/socket.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_RPC

struct _nuvRpcConn {
    /* One reference for the owner (nuvRpcConnFree drops it) and one for
     * each event-loop source (watch, timers), dropped by its free
     * function: the loop may still run a callback, or be about to, when
     * the owner lets go. */
    gint refs;
    GMutex lock;            /* held for a whole call, or while the watch reads */
    int fd;
    uint32_t serial;
    bool dead;
    int watch;              /* event-loop handle, -1 when none */
    nuvRpcMessage *rx;      /* a message partly read */
    nuvRpcConnEventFunc eventFn;
    void *eventOpaque;
    GList *streams;         /* nuvRpcStream *: open streams (not owned) */

    /* Keepalive (virConnectSetKeepAlive): a PING after kaInterval seconds
     * with nothing received, the connection dead after kaCount of them go
     * unanswered.  Checked by the timer between calls and by a caller
     * waiting for its reply. */
    int kaInterval;         /* seconds; 0: off */
    unsigned int kaCount;
    unsigned int kaMisses;
    gint64 lastRx;
    int kaTimer;            /* event-loop timeout, -1 when none */
    /* Told once when the connection dies (a virConnectCloseReason).
     * closeLock is held while closeFn runs, so that the owner's
     * nuvRpcConnFree waits for it (recursive: closeFn may free us). */
    GRecMutex closeLock;
    nuvRpcConnCloseFunc closeFn;
    void *closeOpaque;
    int closeTimer;         /* the deferred call of closeFn, -1 when none */
    int closeReason;
};

/* A stream opened by a call; its messages carry the call's procedure and
 * serial.  Guarded by its connection's lock. */
struct _nuvRpcStream {
    nuvRpcConn *conn;
    uint32_t prog;
    int proc;
    uint32_t serial;
    bool allowSkip;
    GQueue rx;              /* STREAM data and STREAM_HOLE messages */
    int64_t hole;           /* bytes of hole not handed out yet */
    bool eof;               /* the daemon sent the end of data */
    bool closing;           /* a finish or abort waits for its answer */
    bool confirmed;         /* ... and got it */
    bool failed;            /* the daemon reported err */
    nuvRpcError err;
    /* Told (lock held) whenever something arrives for the stream. */
    void (*notify)(void *opaque);
    void *notifyOpaque;
};

static nuvRpcConn *
nuvRpcConnNew(int fd)
{
    nuvRpcConn *conn;

    if (fd < 0)
        return NULL;
    conn = g_new0(nuvRpcConn, 1);
    conn->refs = 1;
    g_mutex_init(&conn->lock);
    g_rec_mutex_init(&conn->closeLock);
    conn->fd = fd;
    conn->watch = -1;
    conn->kaTimer = -1;
    conn->closeTimer = -1;
    conn->lastRx = g_get_monotonic_time();
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

static nuvRpcConn *
nuvRpcConnRef(nuvRpcConn *conn)
{
    g_atomic_int_inc(&conn->refs);
    return conn;
}

static void
nuvRpcConnUnref(void *opaque)
{
    nuvRpcConn *conn = opaque;

    if (!g_atomic_int_dec_and_test(&conn->refs))
        return;
    nuvRpcMessageFree(conn->rx);
    g_mutex_clear(&conn->lock);
    g_rec_mutex_clear(&conn->closeLock);
    g_free(conn);
}

void
nuvRpcConnFree(nuvRpcConn *conn)
{
    int watch, kaTimer, closeTimer, fd;

    if (!conn)
        return;
    g_rec_mutex_lock(&conn->closeLock);
    conn->closeFn = NULL;
    g_rec_mutex_unlock(&conn->closeLock);
    /* Taken under the lock, so that a callback running now sees the
     * connection closed; the sources are removed after, outside it (a
     * loop may call their free functions at once). */
    g_mutex_lock(&conn->lock);
    watch = conn->watch;
    kaTimer = conn->kaTimer;
    closeTimer = conn->closeTimer;
    fd = conn->fd;
    conn->watch = conn->kaTimer = conn->closeTimer = -1;
    conn->fd = -1;
    conn->dead = true;
    conn->eventFn = NULL;
    g_mutex_unlock(&conn->lock);
    if (kaTimer >= 0)
        nuvEventRemoveTimeout(kaTimer);
    if (closeTimer >= 0)
        nuvEventRemoveTimeout(closeTimer);
    if (watch >= 0)
        nuvEventRemoveHandle(watch);
    /* Closed only now: the loop no longer polls it. */
    if (fd >= 0)
        close(fd);
    nuvRpcConnUnref(conn);
}

void
nuvRpcConnSetEventFunc(nuvRpcConn *conn, nuvRpcConnEventFunc fn, void *opaque)
{
    g_mutex_lock(&conn->lock);
    conn->eventFn = fn;
    conn->eventOpaque = opaque;
    g_mutex_unlock(&conn->lock);
}

/* Runs closeFn from the event loop, outside the connection's lock (the
 * application's callback may call in again). */
static void
nuvRpcConnCloseTimer(int timer, void *opaque)
{
    nuvRpcConn *conn = opaque;
    int reason;

    g_mutex_lock(&conn->lock);
    nuvEventRemoveTimeout(timer);
    conn->closeTimer = -1;
    reason = conn->closeReason;
    g_mutex_unlock(&conn->lock);
    g_rec_mutex_lock(&conn->closeLock);
    if (conn->closeFn) {
        nuvRpcConnCloseFunc fn = conn->closeFn;

        conn->closeFn = NULL;
        fn(reason, conn->closeOpaque);
    }
    g_rec_mutex_unlock(&conn->closeLock);
}

/* The connection is dead (lock held): every later call fails at once;
 * the close function hears why, once. */
static void
nuvRpcConnMarkDeadFor(nuvRpcConn *conn, int reason)
{
    if (conn->dead)
        return;
    conn->dead = true;
    conn->closeReason = reason;
    if (conn->watch >= 0)
        nuvEventUpdateHandle(conn->watch, 0);
    if (conn->kaTimer >= 0)
        nuvEventUpdateTimeout(conn->kaTimer, -1);
    if (conn->closeTimer < 0 && nuvEventIsRegistered()) {
        conn->closeTimer = nuvEventAddTimeout(0, nuvRpcConnCloseTimer,
                                              nuvRpcConnRef(conn), nuvRpcConnUnref);
        if (conn->closeTimer < 0)
            nuvRpcConnUnref(conn);
    }
}

static void
nuvRpcConnMarkDead(nuvRpcConn *conn)
{
    nuvRpcConnMarkDeadFor(conn, VIR_CONNECT_CLOSE_REASON_ERROR);
}

static void nuvRpcConnSendKeepAlive(nuvRpcConn *conn, int proc);

/* Time for a ping, or the end (lock held)?  -1 when the peer stopped
 * answering: the connection is then dead with reason KEEPALIVE. */
static int
nuvRpcConnKeepAliveCheck(nuvRpcConn *conn)
{
    if (conn->kaInterval <= 0 || conn->dead)
        return 0;
    if (g_get_monotonic_time() - conn->lastRx < (gint64)conn->kaInterval * G_USEC_PER_SEC)
        return 0;
    if (conn->kaMisses >= conn->kaCount) {
        NUV_DEBUG("no answer to %u keepalive pings: closing", conn->kaMisses);
        nuvRpcConnMarkDeadFor(conn, VIR_CONNECT_CLOSE_REASON_KEEPALIVE);
        nuvReportError(VIR_ERR_RPC, "%s",
                       "connection closed due to keepalive timeout");
        return -1;
    }
    conn->kaMisses++;
    /* The next check is one interval after this ping. */
    conn->lastRx = g_get_monotonic_time();
    nuvRpcConnSendKeepAlive(conn, NUV_KEEPALIVE_PROC_PING);
    return 0;
}

/* Wait for the socket (lock held; calls block, which is what a caller of
 * a synchronous API expects). */
static int
nuvRpcConnWait(nuvRpcConn *conn, short events)
{
    struct pollfd pfd = { .fd = conn->fd, .events = events };
    int r;

    /* With keepalive on, a daemon that stops answering in the middle of
     * a call is noticed here too. */
    for (;;) {
        r = poll(&pfd, 1, conn->kaInterval > 0 ? conn->kaInterval * 1000 : -1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != 0)
            break;
        if (nuvRpcConnKeepAliveCheck(conn) < 0)
            return -1;
    }
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
nuvRpcConnSendKeepAlive(nuvRpcConn *conn, int proc)
{
    g_autoptr(nuvRpcMessage) m = nuvRpcMessageNew();

    m->header = (nuvRpcHeader){ NUV_KEEPALIVE_PROGRAM, NUV_RPC_VERSION,
                                proc, NUV_RPC_MESSAGE, 0, NUV_RPC_OK };
    nuvRpcMessageEncodeHeader(m);
    if (nuvRpcConnSend(conn, m) < 0)
        nuvErrorReset();
}

static bool nuvRpcConnStreamMessageTo(nuvRpcStream *st, nuvRpcMessage *msg);

/* A message for one of the connection's streams (lock held): true when
 * the stream kept it.  The stream's notify function hears of it. */
static bool
nuvRpcConnStreamMessage(nuvRpcConn *conn, nuvRpcMessage *msg)
{
    const nuvRpcHeader *h = &msg->header;
    nuvRpcStream *st = NULL;
    bool kept;

    if (h->type != NUV_RPC_STREAM && h->type != NUV_RPC_STREAM_HOLE &&
        h->type != NUV_RPC_REPLY)
        return false;
    for (GList *l = conn->streams; l; l = l->next) {
        nuvRpcStream *s = l->data;
        if (s->prog == h->prog && s->proc == h->proc && s->serial == h->serial) {
            st = s;
            break;
        }
    }
    if (!st)
        return false;
    kept = nuvRpcConnStreamMessageTo(st, msg);
    if (st->notify)
        st->notify(st->notifyOpaque);
    return kept;
}

static bool
nuvRpcConnStreamMessageTo(nuvRpcStream *st, nuvRpcMessage *msg)
{
    const nuvRpcHeader *h = &msg->header;

    if (h->status == NUV_RPC_ERROR) {
        /* A failed write, finish or hole comes back as an ERROR reply, a
         * failed read as a STREAM message with status ERROR. */
        if (!st->failed) {
            st->failed = true;
            if (nuvRpcMessageDecodeBody(msg, nuvRpcErrorFilter, &st->err) < 0) {
                st->err.code = VIR_ERR_RPC;
                st->err.domain = VIR_FROM_RPC;
                st->err.message = g_strdup("the daemon sent a stream error that does not decode");
                st->err.level = VIR_ERR_ERROR;
                nuvErrorReset();
            }
        }
        return false;
    }
    if (h->type == NUV_RPC_REPLY)
        return false;
    /* An empty CONTINUE is the end of the data; OK answers a finish or an
     * abort (an older daemon's unasked OK is taken as the end too). */
    if (h->type == NUV_RPC_STREAM && h->status == NUV_RPC_OK) {
        if (st->closing)
            st->confirmed = true;
        else
            st->eof = true;
        return false;
    }
    if (h->type == NUV_RPC_STREAM && msg->pos == msg->len) {
        st->eof = true;
        return false;
    }
    g_queue_push_tail(&st->rx, msg);
    return true;
}

/* Handle a message that is not the awaited reply (lock held); takes it. */
static void
nuvRpcConnOther(nuvRpcConn *conn, nuvRpcMessage *msg)
{
    if (msg->header.prog == NUV_KEEPALIVE_PROGRAM) {
        if (msg->header.proc == NUV_KEEPALIVE_PROC_PING)
            nuvRpcConnSendKeepAlive(conn, NUV_KEEPALIVE_PROC_PONG);
    } else if (nuvRpcConnStreamMessage(conn, msg)) {
        return;
    } else if (msg->header.type == NUV_RPC_MESSAGE && conn->eventFn) {
        conn->eventFn(conn, msg, conn->eventOpaque);
    }
    nuvRpcMessageFree(msg);
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
        if (r > 0) {
            /* Anything from the daemon shows it is alive. */
            conn->lastRx = g_get_monotonic_time();
            conn->kaMisses = 0;
            return g_steal_pointer(&conn->rx);
        }
        if (r < 0) {
            nuvRpcConnMarkDeadFor(conn, eof ? VIR_CONNECT_CLOSE_REASON_EOF
                                            : VIR_CONNECT_CLOSE_REASON_ERROR);
            return NULL;
        }
        if (!block)
            return NULL;
        if (nuvRpcConnWait(conn, POLLIN) < 0)
            return NULL;
    }
}

/* Is the connection usable (lock held)?  Reports why not. */
static bool
nuvRpcConnAlive(nuvRpcConn *conn)
{
    if (conn->dead || conn->fd < 0) {
        nuvReportError(VIR_ERR_RPC, "%s", "the connection to the daemon is closed");
        return false;
    }
    return true;
}

/* A call; with st, the stream is registered under the call's serial
 * before the call goes out, so that nothing the daemon sends for it is
 * lost. */
static int
nuvRpcConnCallFull(nuvRpcConn *conn, uint32_t prog, int proc,
                   nuvXdrFilter argsFilter, void *args,
                   nuvXdrFilter retFilter, void *ret, nuvRpcStream *st,
                   const int *fds, size_t nfds)
{
    g_autoptr(nuvRpcMessage) msg = nuvRpcMessageNew();
    int rv = -1;

    /* Duplicates travel (CALL_WITH_FDS); the caller keeps its own. */
    for (size_t i = 0; i < nfds; i++) {
        int fd = fcntl(fds[i], F_DUPFD_CLOEXEC, 0);

        if (fd < 0) {
            nuvReportSystemError(errno, "cannot duplicate file descriptor %d", fds[i]);
            return -1;
        }
        if (nuvRpcMessageAddFD(msg, fd) < 0) {
            close(fd);
            return -1;
        }
    }
    g_mutex_lock(&conn->lock);
    if (!nuvRpcConnAlive(conn))
        goto cleanup;
    msg->header = (nuvRpcHeader){ prog, NUV_RPC_VERSION, proc,
                                  nfds ? NUV_RPC_CALL_WITH_FDS : NUV_RPC_CALL,
                                  ++conn->serial, NUV_RPC_OK };
    if (st) {
        st->prog = prog;
        st->proc = proc;
        st->serial = msg->header.serial;
        conn->streams = g_list_prepend(conn->streams, st);
    }
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
            nuvRpcConnOther(conn, g_steal_pointer(&in));
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
    if (st && rv < 0)
        conn->streams = g_list_remove(conn->streams, st);
    g_mutex_unlock(&conn->lock);
    return rv;
}

int
nuvRpcConnCall(nuvRpcConn *conn, uint32_t prog, int proc,
               nuvXdrFilter argsFilter, void *args,
               nuvXdrFilter retFilter, void *ret)
{
    return nuvRpcConnCallFull(conn, prog, proc, argsFilter, args, retFilter, ret, NULL,
                              NULL, 0);
}

int
nuvRpcConnCallWithFDs(nuvRpcConn *conn, uint32_t prog, int proc,
                      nuvXdrFilter argsFilter, void *args,
                      nuvXdrFilter retFilter, void *ret, const int *fds, size_t nfds)
{
    return nuvRpcConnCallFull(conn, prog, proc, argsFilter, args, retFilter, ret, NULL,
                              fds, nfds);
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
        nuvRpcConnOther(conn, g_steal_pointer(&in));
    }
    nuvErrorReset();
    g_mutex_unlock(&conn->lock);
}

int
nuvRpcConnWatch(nuvRpcConn *conn)
{
    int rv = 0;

    if (!nuvEventIsRegistered())
        return 0;
    g_mutex_lock(&conn->lock);
    if (conn->watch < 0 && conn->fd >= 0) {
        conn->watch = nuvEventAddHandle(conn->fd, VIR_EVENT_HANDLE_READABLE,
                                        nuvRpcConnWatchCb, nuvRpcConnRef(conn),
                                        nuvRpcConnUnref);
        if (conn->watch < 0) {
            nuvRpcConnUnref(conn);
            rv = -1;
        }
    }
    g_mutex_unlock(&conn->lock);
    return rv;
}

/* ---- keepalive and the close function ---- */

static void
nuvRpcConnKeepAliveTimer(int timer, void *opaque)
{
    nuvRpcConn *conn = opaque;

    /* A caller holding the connection checks by itself while it waits. */
    if (!g_mutex_trylock(&conn->lock))
        return;
    if (nuvRpcConnKeepAliveCheck(conn) < 0)
        nuvErrorReset();
    g_mutex_unlock(&conn->lock);
}

int
nuvRpcConnSetKeepAlive(nuvRpcConn *conn, int interval, unsigned int count)
{
    int rv = 0;

    g_mutex_lock(&conn->lock);
    conn->kaInterval = interval > 0 ? interval : 0;
    conn->kaCount = count;
    conn->kaMisses = 0;
    conn->lastRx = g_get_monotonic_time();
    if (conn->kaTimer >= 0) {
        nuvEventUpdateTimeout(conn->kaTimer, interval > 0 ? interval * 1000 : -1);
    } else if (interval > 0) {
        conn->kaTimer = nuvEventAddTimeout(interval * 1000, nuvRpcConnKeepAliveTimer,
                                           nuvRpcConnRef(conn), nuvRpcConnUnref);
        if (conn->kaTimer < 0) {
            nuvRpcConnUnref(conn);
            conn->kaInterval = 0;
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot add the keepalive timer");
            rv = -1;
        }
    }
    g_mutex_unlock(&conn->lock);
    return rv;
}

void
nuvRpcConnSetCloseFunc(nuvRpcConn *conn, nuvRpcConnCloseFunc fn, void *opaque)
{
    g_rec_mutex_lock(&conn->closeLock);
    conn->closeFn = fn;
    conn->closeOpaque = opaque;
    g_rec_mutex_unlock(&conn->closeLock);
}

bool
nuvRpcConnIsAlive(nuvRpcConn *conn)
{
    bool alive;

    g_mutex_lock(&conn->lock);
    alive = !conn->dead && conn->fd >= 0;
    g_mutex_unlock(&conn->lock);
    return alive;
}

/* ---- streams ---- */

/* libvirt's data per STREAM message; a larger send is cut to this. */
#define NUV_RPC_STREAM_CHUNK 262120

nuvRpcStream *
nuvRpcConnCallStream(nuvRpcConn *conn, uint32_t prog, int proc,
                     nuvXdrFilter argsFilter, void *args,
                     nuvXdrFilter retFilter, void *ret, bool allowSkip)
{
    nuvRpcStream *st = g_new0(nuvRpcStream, 1);

    st->conn = conn;
    st->allowSkip = allowSkip;
    g_queue_init(&st->rx);
    if (nuvRpcConnCallFull(conn, prog, proc, argsFilter, args, retFilter, ret, st,
                           NULL, 0) < 0) {
        g_free(st);
        return NULL;
    }
    return st;
}

static void
nuvRpcStreamDrop(nuvRpcStream *st)
{
    nuvRpcMessage *m;

    st->conn->streams = g_list_remove(st->conn->streams, st);
    while ((m = g_queue_pop_head(&st->rx)))
        nuvRpcMessageFree(m);
}

void
nuvRpcStreamFree(nuvRpcStream *st)
{
    if (!st)
        return;
    g_mutex_lock(&st->conn->lock);
    nuvRpcStreamDrop(st);
    g_mutex_unlock(&st->conn->lock);
    nuvRpcErrorClear(&st->err);
    g_free(st);
}

/* Read and dispatch what arrived (lock held): with block, at least one
 * message.  -1 when the connection failed. */
static int
nuvRpcStreamPump(nuvRpcStream *st, bool block)
{
    nuvRpcConn *conn = st->conn;

    for (;;) {
        nuvRpcMessage *in;

        if (!nuvRpcConnAlive(conn))
            return -1;
        in = nuvRpcConnRead(conn, block);
        if (!in)
            return conn->dead ? -1 : 0;
        nuvRpcConnOther(conn, in);
        if (block)
            return 0;
    }
}

/* Report the daemon's error (lock held); -1. */
static int
nuvRpcStreamReportFailure(nuvRpcStream *st)
{
    nuvRpcErrorReport(&st->err);
    return -1;
}

static int
nuvRpcStreamSendPacket(nuvRpcStream *st, nuvRpcType type, nuvRpcStatus status,
                       nuvXdrFilter filter, void *body, const void *data, size_t len)
{
    g_autoptr(nuvRpcMessage) m = nuvRpcMessageNew();

    m->header = (nuvRpcHeader){ st->prog, NUV_RPC_VERSION, st->proc, type, st->serial,
                                status };
    if (nuvRpcMessageEncodeHeader(m) < 0 ||
        (filter && nuvRpcMessageEncodeBody(m, filter, body) < 0) ||
        (data && nuvRpcMessageEncodeBytes(m, data, len) < 0))
        return -1;
    if (nuvRpcConnSend(st->conn, m) < 0) {
        nuvRpcConnMarkDead(st->conn);
        return -1;
    }
    return 0;
}

/* Before data goes out: collect an error the daemon may have sent. */
static int
nuvRpcStreamCheckSend(nuvRpcStream *st)
{
    if (nuvRpcStreamPump(st, false) < 0)
        return -1;
    if (st->failed)
        return nuvRpcStreamReportFailure(st);
    if (st->closing) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "stream is closed");
        return -1;
    }
    return 0;
}

int
nuvRpcStreamSend(nuvRpcStream *st, const char *data, size_t nbytes)
{
    int rv = -1;

    nbytes = MIN(nbytes, (size_t)NUV_RPC_STREAM_CHUNK);
    g_mutex_lock(&st->conn->lock);
    if (nuvRpcStreamCheckSend(st) == 0 &&
        nuvRpcStreamSendPacket(st, NUV_RPC_STREAM, NUV_RPC_CONTINUE, NULL, NULL,
                               data, nbytes) == 0)
        rv = nbytes;
    g_mutex_unlock(&st->conn->lock);
    return rv;
}

int
nuvRpcStreamSendHole(nuvRpcStream *st, long long length, unsigned int flags)
{
    nuvRpcStreamHole hole = { length, flags };
    int rv = -1;

    if (!st->allowSkip) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "Skipping is not supported with this stream");
        return -1;
    }
    g_mutex_lock(&st->conn->lock);
    if (nuvRpcStreamCheckSend(st) == 0 &&
        nuvRpcStreamSendPacket(st, NUV_RPC_STREAM_HOLE, NUV_RPC_CONTINUE,
                               nuvRpcStreamHoleFilter, &hole, NULL, 0) == 0)
        rv = 0;
    g_mutex_unlock(&st->conn->lock);
    return rv;
}

/* Hand out what the head of rx holds (lock held): bytes copied, -3 at a
 * hole when stopAtHole, or 0 when nothing is queued. */
static int
nuvRpcStreamTake(nuvRpcStream *st, char *data, size_t nbytes, bool stopAtHole)
{
    nuvRpcMessage *m;

    while ((m = g_queue_peek_head(&st->rx)) && m->header.type == NUV_RPC_STREAM_HOLE) {
        nuvRpcStreamHole hole = { 0 };
        int r = nuvRpcMessageDecodeBody(m, nuvRpcStreamHoleFilter, &hole);

        g_queue_pop_head(&st->rx);
        nuvRpcMessageFree(m);
        if (r < 0)
            return -1;
        if (!st->allowSkip || hole.length < 0) {
            nuvReportError(VIR_ERR_RPC, "%s", "Unexpected stream hole");
            return -1;
        }
        st->hole += hole.length;
    }
    if (st->hole > 0) {
        size_t n;
        if (stopAtHole)
            return -3;
        /* A reader that does not handle holes gets them as zeros. */
        n = MIN(nbytes, (uint64_t)st->hole);
        memset(data, 0, n);
        st->hole -= n;
        return n;
    }
    if (m) {
        size_t n = MIN(nbytes, m->len - m->pos);
        memcpy(data, m->buf + m->pos, n);
        m->pos += n;
        if (m->pos == m->len) {
            g_queue_pop_head(&st->rx);
            nuvRpcMessageFree(m);
        }
        return n;
    }
    return 0;
}

int
nuvRpcStreamRecv(nuvRpcStream *st, char *data, size_t nbytes, bool stopAtHole, bool nonblock)
{
    int rv = -1;

    nbytes = MIN(nbytes, (size_t)INT_MAX);
    g_mutex_lock(&st->conn->lock);
    for (;;) {
        int n;

        if (st->failed) {
            rv = nuvRpcStreamReportFailure(st);
            break;
        }
        if (nbytes == 0) {
            rv = 0;
            break;
        }
        n = nuvRpcStreamTake(st, data, nbytes, stopAtHole);
        if (n != 0) {
            rv = n;
            break;
        }
        if (st->eof) {
            rv = 0;
            break;
        }
        if (nonblock) {
            if (nuvRpcStreamPump(st, false) < 0)
                break;
            if (g_queue_is_empty(&st->rx) && !st->eof && !st->failed) {
                rv = -2;
                break;
            }
            continue;
        }
        if (nuvRpcStreamPump(st, true) < 0)
            break;
    }
    g_mutex_unlock(&st->conn->lock);
    return rv;
}

int
nuvRpcStreamRecvHole(nuvRpcStream *st, long long *length)
{
    if (!st->allowSkip) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "Holes are not supported with this stream");
        return -1;
    }
    g_mutex_lock(&st->conn->lock);
    *length = st->hole;
    st->hole = 0;
    g_mutex_unlock(&st->conn->lock);
    return 0;
}

int
nuvRpcStreamClose(nuvRpcStream *st, bool abort)
{
    int rv = -1;

    g_mutex_lock(&st->conn->lock);
    if (st->closing) {
        if (abort)
            rv = 0;
        else
            nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                               "stream is closed");
        goto cleanup;
    }
    st->closing = true;
    if (st->failed) {
        /* The daemon already ended it: an abort has nothing to say. */
        rv = abort ? 0 : nuvRpcStreamReportFailure(st);
        goto done;
    }
    if (nuvRpcStreamSendPacket(st, NUV_RPC_STREAM, abort ? NUV_RPC_ERROR : NUV_RPC_OK,
                               NULL, NULL, NULL, 0) < 0)
        goto done;
    while (!st->confirmed && !st->failed) {
        if (nuvRpcStreamPump(st, true) < 0)
            goto done;
    }
    if (st->failed)
        nuvRpcStreamReportFailure(st);
    else
        rv = 0;
 done:
    nuvRpcStreamDrop(st);
 cleanup:
    g_mutex_unlock(&st->conn->lock);
    return rv;
}

void
nuvRpcStreamSetNotify(nuvRpcStream *st, void (*notify)(void *opaque), void *opaque)
{
    g_mutex_lock(&st->conn->lock);
    st->notify = notify;
    st->notifyOpaque = opaque;
    g_mutex_unlock(&st->conn->lock);
}

int
nuvRpcStreamReady(nuvRpcStream *st)
{
    nuvRpcConn *conn = st->conn;
    int ready = 0;

    g_mutex_lock(&conn->lock);
    if (!g_queue_is_empty(&st->rx) || st->hole > 0 || st->eof)
        ready |= NUV_RPC_STREAM_READABLE;
    if (st->failed)
        ready |= NUV_RPC_STREAM_ERROR;
    if (conn->dead || conn->fd < 0)
        ready |= NUV_RPC_STREAM_HANGUP;
    g_mutex_unlock(&conn->lock);
    return ready;
}
