/*
 * server.c: the RPC server core; the design is described in server.h.
 */
#include <errno.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>

#include "rpc/server.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_RPC

typedef struct {
    nuvRpcServer *srv;
    int fd;
    bool readonly;
    char *path;      /* unlinked at shutdown; NULL for inherited fds */
    guint watch;
} nuvRpcListener;

struct _nuvRpcServer {
    nuvRpcServerConfig cfg;
    nuvRpcClientHooks hooks;
    GMainContext *ctx;
    GMainLoop *loop;
    GPtrArray *programs;        /* const nuvRpcProgram *; fixed before Run */
    GPtrArray *listeners;
    GThreadPool *workers;
    GThreadPool *prio;
    gint busy;                  /* normal workers inside a call */

    GMutex lock;                /* guards clients */
    GList *clients;             /* each holds the loop's reference */
};

struct _nuvRpcClient {
    gint refs;
    nuvRpcServer *srv;
    bool readonly;
    nuvSocketPeer peer;
    void *priv;                 /* immutable after creation */

    /* Loop thread only. */
    GSource *source;
    gpointer tag;
    nuvRpcMessage *rx;
    GSource *kaTimer;
    gint64 lastRx;
    unsigned int kaMisses;

    GMutex lock;                /* guards everything below */
    int fd;                     /* -1 once closed */
    nuvRpcMessage *txHead;      /* head may be partly written */
    nuvRpcMessage *txTail;
    unsigned int inflight;
    bool closing;
    bool wantKeepAlive;
};

typedef struct {
    nuvRpcClient *client;       /* a reference */
    nuvRpcMessage *msg;
    const nuvRpcProgram *prog;
    const nuvRpcProcedure *proc;
} nuvRpcJob;

static void nuvRpcClientCloseNow(nuvRpcClient *client);

/* ---- clients ---- */

nuvRpcClient *
nuvRpcClientRef(nuvRpcClient *client)
{
    g_atomic_int_inc(&client->refs);
    return client;
}

void
nuvRpcClientUnref(nuvRpcClient *client)
{
    nuvRpcMessage *m;

    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    nuvRpcServer *srv = client->srv;

    if (srv->hooks.clientFree && client->priv)
        srv->hooks.clientFree(client->priv);
    while ((m = client->txHead)) {
        client->txHead = m->next;
        nuvRpcMessageFree(m);
    }
    nuvRpcMessageFree(client->rx);
    if (client->fd >= 0)
        close(client->fd);
    g_mutex_clear(&client->lock);
    g_free(client);
    /* The last client gone (its connection and, with it, a shared driver
     * state such as test:///default's may just have been freed): give the
     * freed memory of every thread's malloc arena back, so that an idle
     * daemon is as small as a fresh one. */
    if (nuvRpcServerClientCount(srv) == 0)
        malloc_trim(0);
}

void *
nuvRpcClientPriv(nuvRpcClient *client)
{
    return client->priv;
}

bool
nuvRpcClientIsReadOnly(nuvRpcClient *client)
{
    return client->readonly;
}

const nuvSocketPeer *
nuvRpcClientPeer(nuvRpcClient *client)
{
    return &client->peer;
}

/* Called with client->lock held. */
static void
nuvRpcClientQueueLocked(nuvRpcClient *client, nuvRpcMessage *msg)
{
    msg->next = NULL;
    if (client->txTail)
        client->txTail->next = msg;
    else
        client->txHead = msg;
    client->txTail = msg;
}

void
nuvRpcClientSend(nuvRpcClient *client, nuvRpcMessage *msg)
{
    bool wake = false;

    msg->pos = 0;
    g_mutex_lock(&client->lock);
    if (client->fd < 0 || client->closing) {
        nuvRpcMessageFree(msg);
    } else if (!client->txHead) {
        /* Nothing ahead of it: try to send at once. */
        int r = nuvSocketWriteMessage(client->fd, msg);
        if (r == 1) {
            nuvRpcMessageFree(msg);
        } else {
            if (r < 0) {
                nuvErrorReset();
                client->closing = true;
                nuvRpcMessageFree(msg);
            } else {
                nuvRpcClientQueueLocked(client, msg);
            }
            wake = true;
        }
    } else {
        nuvRpcClientQueueLocked(client, msg);
        wake = true;
    }
    g_mutex_unlock(&client->lock);
    if (wake)
        g_main_context_wakeup(client->srv->ctx);
}

void
nuvRpcClientRequestDone(nuvRpcClient *client)
{
    bool paused;

    g_mutex_lock(&client->lock);
    paused = client->inflight-- >= client->srv->cfg.maxClientRequests;
    g_mutex_unlock(&client->lock);
    /* The loop stopped reading this client at its limit: it may go on.
     * (Otherwise no wake-up: it costs the loop a needless turn per call.) */
    if (paused)
        g_main_context_wakeup(client->srv->ctx);
}

void
nuvRpcClientClose(nuvRpcClient *client)
{
    g_mutex_lock(&client->lock);
    client->closing = true;
    g_mutex_unlock(&client->lock);
    g_main_context_wakeup(client->srv->ctx);
}

/* Write what is queued; called from the loop. */
static void
nuvRpcClientFlush(nuvRpcClient *client)
{
    g_mutex_lock(&client->lock);
    while (client->txHead && client->fd >= 0) {
        nuvRpcMessage *m = client->txHead;
        int r = nuvSocketWriteMessage(client->fd, m);
        if (r == 0)
            break;
        if (r < 0) {
            NUV_DEBUG("client %p: %s", client, nuvErrorCurrent()->message);
            nuvErrorReset();
            client->closing = true;
            break;
        }
        client->txHead = m->next;
        if (!client->txHead)
            client->txTail = NULL;
        nuvRpcMessageFree(m);
    }
    g_mutex_unlock(&client->lock);
}

/* ---- calls ---- */

static const nuvRpcProgram *
nuvRpcServerFindProgram(nuvRpcServer *srv, uint32_t prog, uint32_t vers)
{
    for (guint i = 0; i < srv->programs->len; i++) {
        const nuvRpcProgram *p = srv->programs->pdata[i];
        if (p->prog == prog && p->vers == vers)
            return p;
    }
    return NULL;
}

/* Turn msg into an error reply carrying the current error and send it. */
static void
nuvRpcClientSendError(nuvRpcClient *client, nuvRpcMessage *msg)
{
    if (nuvRpcMessageEncodeError(msg, nuvErrorCurrent()) < 0) {
        nuvRpcMessageFree(msg);
        nuvRpcClientClose(client);
    } else {
        nuvRpcClientSend(client, msg);
    }
    nuvErrorReset();
}

static void
nuvRpcJobRun(nuvRpcJob *job)
{
    nuvRpcClient *client = job->client;
    nuvRpcMessage *msg = job->msg;
    const nuvRpcProcedure *proc = job->proc;
    g_autofree void *args = proc->argsSize ? g_malloc0(proc->argsSize) : NULL;
    g_autofree void *ret = proc->retSize ? g_malloc0(proc->retSize) : NULL;
    int rv = -1;

    nuvErrorReset();
    if (proc->argsFilter && nuvRpcMessageDecodeBody(msg, proc->argsFilter, args) < 0)
        goto reply;
    if (!proc->argsFilter && msg->pos != msg->len) {
        nuvReportError(VIR_ERR_RPC, "procedure %d takes no arguments", msg->header.proc);
        goto reply;
    }
    rv = proc->handler(client->srv, client, msg, args, ret);
    if (proc->argsFilter)
        nuvXdrFreeObj(proc->argsFilter, args);
    /* The handler took what it needed; the reply carries none back. */
    nuvRpcMessageCloseFDs(msg);

 reply:
    msg->header.type = NUV_RPC_REPLY;
    if (rv < 0) {
        nuvRpcClientSendError(client, msg);
    } else {
        msg->header.status = NUV_RPC_OK;
        nuvRpcMessageEncodeHeader(msg);
        if (nuvRpcMessageEncodeBody(msg, proc->retFilter, ret) < 0)
            nuvRpcClientSendError(client, msg);
        else
            nuvRpcClientSend(client, msg);
    }
    if (proc->retFilter)
        nuvXdrFreeObj(proc->retFilter, ret);
}

static void
nuvRpcJobFinish(nuvRpcServer *srv, nuvRpcJob *job)
{
    nuvRpcClientRequestDone(job->client);
    nuvRpcClientUnref(job->client);
    g_free(job);
}

static void
nuvRpcWorker(gpointer data, gpointer user_data)
{
    nuvRpcServer *srv = user_data;

    g_atomic_int_inc(&srv->busy);
    nuvRpcJobRun(data);
    g_atomic_int_add(&srv->busy, -1);
    nuvRpcJobFinish(srv, data);
}

static void
nuvRpcPrioWorker(gpointer data, gpointer user_data)
{
    nuvRpcJobRun(data);
    nuvRpcJobFinish(user_data, data);
}

static void
nuvRpcServerSendKeepAlive(nuvRpcClient *client, int proc)
{
    nuvRpcMessage *m = nuvRpcMessageNew();

    m->header = (nuvRpcHeader){ NUV_KEEPALIVE_PROGRAM, NUV_RPC_VERSION, proc,
                                NUV_RPC_MESSAGE, 0, NUV_RPC_OK };
    nuvRpcMessageEncodeHeader(m);
    nuvRpcClientSend(client, m);
}

/* A complete message arrived (loop thread).  Takes msg.  Returns -1 when
 * the client must be dropped. */
static int
nuvRpcServerHandle(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg)
{
    const nuvRpcHeader *h = &msg->header;
    const nuvRpcProgram *prog;
    const nuvRpcProcedure *proc;
    nuvRpcJob *job;

    if (h->prog == NUV_KEEPALIVE_PROGRAM) {
        if (h->type != NUV_RPC_MESSAGE || h->vers != NUV_RPC_VERSION) {
            nuvRpcMessageFree(msg);
            return -1;
        }
        if (h->proc == NUV_KEEPALIVE_PROC_PING)
            nuvRpcServerSendKeepAlive(client, NUV_KEEPALIVE_PROC_PONG);
        nuvRpcMessageFree(msg);
        return 0;
    }

    switch (h->type) {
    case NUV_RPC_CALL:
    case NUV_RPC_CALL_WITH_FDS:
        break;
    case NUV_RPC_STREAM:
    case NUV_RPC_STREAM_HOLE:
        g_mutex_lock(&client->lock);
        client->inflight++;
        g_mutex_unlock(&client->lock);
        if (srv->hooks.streamMessage && client->priv &&
            srv->hooks.streamMessage(client->priv, msg))
            return 0;
        /* Data for a stream this client does not have open: libvirt
         * drops it too (the stream may just have been aborted). */
        g_mutex_lock(&client->lock);
        client->inflight--;
        g_mutex_unlock(&client->lock);
        nuvRpcMessageFree(msg);
        return 0;
    default:
        /* A reply or an event from a client: it does not speak the protocol. */
        NUV_DEBUG("client %p sent a %s message: closing", client, nuvRpcTypeName(h->type));
        nuvRpcMessageFree(msg);
        return -1;
    }

    if (h->status != NUV_RPC_OK) {
        nuvReportError(VIR_ERR_RPC, "a call must have status OK, not %d", h->status);
        nuvRpcClientSendError(client, msg);
        return 0;
    }
    prog = nuvRpcServerFindProgram(srv, h->prog, h->vers);
    if (!prog) {
        nuvReportError(VIR_ERR_RPC, "cannot find program %u version %u", h->prog, h->vers);
        nuvRpcClientSendError(client, msg);
        return 0;
    }
    if (h->proc < 0 || (size_t)h->proc >= prog->nprocs || !prog->procs[h->proc].handler) {
        nuvReportError(VIR_ERR_RPC, "unknown procedure: %d", h->proc);
        nuvRpcClientSendError(client, msg);
        return 0;
    }
    proc = &prog->procs[h->proc];
    if (!proc->beforeOpen && prog->clientReady && !prog->clientReady(client)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection not open");
        nuvRpcClientSendError(client, msg);
        return 0;
    }

    job = g_new0(nuvRpcJob, 1);
    job->client = nuvRpcClientRef(client);
    job->msg = msg;
    job->prog = prog;
    job->proc = proc;
    g_mutex_lock(&client->lock);
    client->inflight++;
    g_mutex_unlock(&client->lock);

    if (proc->priority && srv->prio &&
        (size_t)g_atomic_int_get(&srv->busy) + g_thread_pool_unprocessed(srv->workers) >=
        srv->cfg.maxWorkers)
        g_thread_pool_push(srv->prio, job, NULL);
    else
        g_thread_pool_push(srv->workers, job, NULL);
    return 0;
}

/* Read and handle what the client sent; -1 to drop it. */
static int
nuvRpcClientRead(nuvRpcClient *client)
{
    nuvRpcServer *srv = client->srv;

    for (;;) {
        bool eof;
        int r;

        g_mutex_lock(&client->lock);
        if (client->inflight >= srv->cfg.maxClientRequests) {
            /* Back-pressure: leave the rest in the socket for now. */
            g_mutex_unlock(&client->lock);
            return 0;
        }
        g_mutex_unlock(&client->lock);

        if (!client->rx)
            client->rx = nuvRpcMessageNew();
        r = nuvSocketReadMessage(client->fd, client->rx, &eof);
        if (r == 0)
            return 0;
        if (r < 0) {
            if (!eof)
                NUV_DEBUG("client %p: %s", client, nuvErrorCurrent()->message);
            nuvErrorReset();
            return -1;
        }
        client->lastRx = g_get_monotonic_time();
        client->kaMisses = 0;
        nuvRpcMessage *msg = g_steal_pointer(&client->rx);
        if (nuvRpcServerHandle(srv, client, msg) < 0)
            return -1;
    }
}

/* The client's GSource: it watches IN while the client may send more and
 * OUT while replies are queued, recomputed before every poll. */
typedef struct {
    GSource base;
    nuvRpcClient *client;
    GIOCondition cond;      /* what the fd is watched for now */
} nuvRpcClientSource;

static gboolean
nuvRpcClientPrepare(GSource *source, gint *timeout)
{
    nuvRpcClient *client = ((nuvRpcClientSource *)source)->client;
    GIOCondition cond = 0;
    bool closing;

    *timeout = -1;
    g_mutex_lock(&client->lock);
    closing = client->closing;
    if (client->inflight < client->srv->cfg.maxClientRequests)
        cond |= G_IO_IN;
    if (client->txHead)
        cond |= G_IO_OUT;
    g_mutex_unlock(&client->lock);
    if (closing)
        return TRUE;
    /* Modifying wakes the context: only when the condition changes, or the
     * loop would spin. */
    if (cond != ((nuvRpcClientSource *)source)->cond) {
        ((nuvRpcClientSource *)source)->cond = cond;
        g_source_modify_unix_fd(source, client->tag, cond);
    }
    /* A reader paused at its limit may already hold whole messages. */
    return FALSE;
}

static gboolean
nuvRpcClientDispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    nuvRpcClient *client = ((nuvRpcClientSource *)source)->client;
    GIOCondition rev = g_source_query_unix_fd(source, client->tag);
    bool closing;

    g_mutex_lock(&client->lock);
    closing = client->closing;
    g_mutex_unlock(&client->lock);
    if (!closing && (rev & G_IO_OUT))
        nuvRpcClientFlush(client);
    if (!closing && (rev & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && nuvRpcClientRead(client) < 0)
        closing = true;
    g_mutex_lock(&client->lock);
    closing = closing || client->closing;
    g_mutex_unlock(&client->lock);
    if (closing) {
        nuvRpcClientCloseNow(client);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs nuvRpcClientSourceFuncs = {
    .prepare = nuvRpcClientPrepare,
    .dispatch = nuvRpcClientDispatch,
};

/* Loop thread: the socket goes away now; calls in flight still hold
 * references and their replies are dropped. */
static void
nuvRpcClientCloseNow(nuvRpcClient *client)
{
    nuvRpcServer *srv = client->srv;

    if (client->kaTimer) {
        g_source_destroy(client->kaTimer);
        g_source_unref(client->kaTimer);
        client->kaTimer = NULL;
    }
    if (client->source) {
        g_source_destroy(client->source);
        g_source_unref(client->source);
        client->source = NULL;
    }
    g_mutex_lock(&client->lock);
    client->closing = true;
    if (client->fd >= 0) {
        close(client->fd);
        client->fd = -1;
    }
    g_mutex_unlock(&client->lock);

    if (srv->hooks.clientClose && client->priv)
        srv->hooks.clientClose(client->priv);

    g_mutex_lock(&srv->lock);
    GList *link = g_list_find(srv->clients, client);
    if (link)
        srv->clients = g_list_delete_link(srv->clients, link);
    g_mutex_unlock(&srv->lock);
    if (link)
        nuvRpcClientUnref(client);
}

static gboolean
nuvRpcClientKeepAliveTimer(gpointer data)
{
    nuvRpcClient *client = data;
    gint64 idle = g_get_monotonic_time() - client->lastRx;

    if (idle < (gint64)client->srv->cfg.keepaliveInterval * G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;
    if (client->kaMisses >= client->srv->cfg.keepaliveCount) {
        NUV_DEBUG("client %p: no answer to %u keepalive pings, closing", client,
                  client->kaMisses);
        nuvRpcClientClose(client);
        return G_SOURCE_CONTINUE;
    }
    client->kaMisses++;
    nuvRpcServerSendKeepAlive(client, NUV_KEEPALIVE_PROC_PING);
    return G_SOURCE_CONTINUE;
}

static gboolean
nuvRpcClientStartKeepAliveInLoop(gpointer data)
{
    nuvRpcClient *client = data;

    if (!client->kaTimer && client->source && client->srv->cfg.keepaliveInterval > 0) {
        client->lastRx = g_get_monotonic_time();
        client->kaTimer = g_timeout_source_new_seconds(client->srv->cfg.keepaliveInterval);
        g_source_set_callback(client->kaTimer, nuvRpcClientKeepAliveTimer, client, NULL);
        g_source_attach(client->kaTimer, client->srv->ctx);
    }
    return G_SOURCE_REMOVE;
}

void
nuvRpcClientStartKeepAlive(nuvRpcClient *client)
{
    g_main_context_invoke_full(client->srv->ctx, G_PRIORITY_DEFAULT,
                               nuvRpcClientStartKeepAliveInLoop, nuvRpcClientRef(client),
                               (GDestroyNotify)nuvRpcClientUnref);
}

/* ---- listeners ---- */

static gboolean
nuvRpcListenerAccept(gint fd, GIOCondition cond, gpointer data)
{
    nuvRpcListener *l = data;
    nuvRpcServer *srv = l->srv;

    for (;;) {
        int cfd = nuvSocketAccept(fd);
        nuvRpcClient *client;

        if (cfd < 0) {
            if (errno != EAGAIN)
                nuvErrorReset();
            break;
        }
        if (nuvRpcServerClientCount(srv) >= srv->cfg.maxClients) {
            NUV_DEBUG("too many clients (%zu): refusing one", srv->cfg.maxClients);
            close(cfd);
            continue;
        }
        client = g_new0(nuvRpcClient, 1);
        client->refs = 1;
        client->srv = srv;
        client->fd = cfd;
        client->readonly = l->readonly;
        g_mutex_init(&client->lock);
        /* A TCP client has none: its uid stays -1 (nobody known). */
        client->peer.uid = (uid_t)-1;
        client->peer.gid = (gid_t)-1;
        if (nuvSocketPeerCredentials(cfd, &client->peer) < 0)
            nuvErrorReset();
        if (srv->hooks.clientNew)
            client->priv = srv->hooks.clientNew(client);
        client->source = g_source_new(&nuvRpcClientSourceFuncs, sizeof(nuvRpcClientSource));
        ((nuvRpcClientSource *)client->source)->client = client;
        ((nuvRpcClientSource *)client->source)->cond = G_IO_IN;
        client->tag = g_source_add_unix_fd(client->source, cfd, G_IO_IN);
        g_source_attach(client->source, srv->ctx);
        g_mutex_lock(&srv->lock);
        srv->clients = g_list_prepend(srv->clients, client);
        g_mutex_unlock(&srv->lock);
    }
    return G_SOURCE_CONTINUE;
}

int
nuvRpcServerAddListenFD(nuvRpcServer *srv, int fd, bool readonly)
{
    nuvRpcListener *l = g_new0(nuvRpcListener, 1);

    l->srv = srv;
    l->fd = fd;
    l->readonly = readonly;
    g_ptr_array_add(srv->listeners, l);
    return 0;
}

int
nuvRpcServerAddTcpListener(nuvRpcServer *srv, const char *addr, const char *port)
{
    int fd = nuvSocketListenTcp(addr, port, 128);

    if (fd < 0)
        return -1;
    return nuvRpcServerAddListenFD(srv, fd, false);
}

int
nuvRpcServerAddUnixListener(nuvRpcServer *srv, const char *path, mode_t mode, bool readonly)
{
    int fd = nuvSocketListenUnix(path, mode, 128);

    if (fd < 0)
        return -1;
    nuvRpcServerAddListenFD(srv, fd, readonly);
    ((nuvRpcListener *)srv->listeners->pdata[srv->listeners->len - 1])->path = g_strdup(path);
    return 0;
}

/* ---- the server ---- */

nuvRpcServer *
nuvRpcServerNew(const nuvRpcServerConfig *cfg, const nuvRpcClientHooks *hooks)
{
    nuvRpcServer *srv = g_new0(nuvRpcServer, 1);

    srv->cfg = *cfg;
    if (srv->cfg.maxWorkers < 1)
        srv->cfg.maxWorkers = 1;
    if (srv->cfg.maxClientRequests < 1)
        srv->cfg.maxClientRequests = 1;
    if (hooks)
        srv->hooks = *hooks;
    srv->ctx = g_main_context_ref(g_main_context_default());
    srv->loop = g_main_loop_new(srv->ctx, FALSE);
    srv->programs = g_ptr_array_new();
    srv->listeners = g_ptr_array_new();
    g_mutex_init(&srv->lock);
    /* Workers start on demand (shared, non-exclusive GLib pools), never
     * before a call needs one: an idle daemon has its loop thread only.
     * Once started, up to min_workers idle threads are kept for good, as
     * libvirtd keeps its min_workers; the others end as soon as they are
     * idle. */
    g_thread_pool_set_max_unused_threads((gint)srv->cfg.minWorkers);
    g_thread_pool_set_max_idle_time(0);
    srv->workers = g_thread_pool_new(nuvRpcWorker, srv, srv->cfg.maxWorkers, FALSE, NULL);
    if (srv->cfg.prioWorkers)
        srv->prio = g_thread_pool_new(nuvRpcPrioWorker, srv, srv->cfg.prioWorkers, FALSE, NULL);
    return srv;
}

int
nuvRpcServerAddProgram(nuvRpcServer *srv, const nuvRpcProgram *prog)
{
    g_ptr_array_add(srv->programs, (gpointer)prog);
    return 0;
}

size_t
nuvRpcServerClientCount(nuvRpcServer *srv)
{
    size_t n;

    g_mutex_lock(&srv->lock);
    n = g_list_length(srv->clients);
    g_mutex_unlock(&srv->lock);
    return n;
}

void
nuvRpcServerQuit(nuvRpcServer *srv)
{
    g_main_loop_quit(srv->loop);
}

void
nuvRpcServerRun(nuvRpcServer *srv)
{
    for (guint i = 0; i < srv->listeners->len; i++) {
        nuvRpcListener *l = srv->listeners->pdata[i];
        l->watch = g_unix_fd_add(l->fd, G_IO_IN, nuvRpcListenerAccept, l);
    }
    g_main_loop_run(srv->loop);

    /* Stop accepting; let calls in flight finish (their replies are still
     * written: the sockets stay open until the pools are drained). */
    for (guint i = 0; i < srv->listeners->len; i++) {
        nuvRpcListener *l = srv->listeners->pdata[i];
        if (l->watch)
            g_source_remove(l->watch);
        l->watch = 0;
    }
    g_thread_pool_free(srv->workers, FALSE, TRUE);
    srv->workers = NULL;
    if (srv->prio)
        g_thread_pool_free(srv->prio, FALSE, TRUE);
    srv->prio = NULL;
    for (;;) {
        nuvRpcClient *client = NULL;
        g_mutex_lock(&srv->lock);
        if (srv->clients)
            client = srv->clients->data;
        g_mutex_unlock(&srv->lock);
        if (!client)
            break;
        nuvRpcClientFlush(client);
        nuvRpcClientCloseNow(client);
    }
}

void
nuvRpcServerFree(nuvRpcServer *srv)
{
    if (!srv)
        return;
    if (srv->workers)
        g_thread_pool_free(srv->workers, TRUE, TRUE);
    if (srv->prio)
        g_thread_pool_free(srv->prio, TRUE, TRUE);
    for (guint i = 0; i < srv->listeners->len; i++) {
        nuvRpcListener *l = srv->listeners->pdata[i];
        if (l->watch)
            g_source_remove(l->watch);
        close(l->fd);
        if (l->path)
            unlink(l->path);
        g_free(l->path);
        g_free(l);
    }
    g_ptr_array_free(srv->listeners, TRUE);
    g_ptr_array_free(srv->programs, TRUE);
    g_main_loop_unref(srv->loop);
    g_main_context_unref(srv->ctx);
    g_mutex_clear(&srv->lock);
    g_free(srv);
}
