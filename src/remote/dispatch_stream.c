/*
 * dispatch_stream.c: the daemon side of streams (volume upload and
 * download, consoles, channels, screenshots).
 *
 * A call that opens a stream (its API takes a virStreamPtr) runs on a
 * worker with a fresh non-blocking stream; when the driver accepted it,
 * remoteStreamAttach ties that stream to the client under the call's
 * procedure and serial.  From then on the stream lives on the loop
 * thread:
 *   - STREAM and STREAM_HOLE messages the client sends with that serial
 *     reach remoteStreamMessage (the server's hook), are queued and
 *     written into the local stream at once, or when it says WRITABLE;
 *     each counts as a request in flight until written, so a client that
 *     uploads faster than the stream drains stops being read;
 *   - when the local stream says READABLE, one chunk (or one hole, for a
 *     sparse stream) is read and sent; the next is read only once that
 *     message left the socket, so a slow client never makes the daemon
 *     buffer a whole volume;
 *   - the end of the data is an empty STREAM CONTINUE;
 *   - a STREAM message with status OK finishes the stream (the answer
 *     is an empty STREAM OK, or a STREAM ERROR), one with status ERROR
 *     aborts it (answered with an empty STREAM OK).
 * Data from the daemon starts flowing only once the call's reply was
 * written, so the client always sees the reply first.
 *
 * Locks: a stream's lock is taken inside the client's send lock (the
 * done callbacks of written messages) and never held while sending.
 */
#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

/* Bytes of data per STREAM message, as libvirt sends them. */
#define REMOTE_STREAM_CHUNK 262120

struct _remoteStream {
    gint refs;
    nuvRpcClient *client;       /* a reference */
    virStreamPtr st;            /* a reference */
    int proc;
    uint32_t serial;
    bool allowSkip;             /* holes travel as STREAM_HOLE messages */
    bool readable;              /* the daemon reads it (download, console) */

    GMutex lock;                /* guards the fields below */
    GQueue rx;                  /* nuvRpcMessage *: what the client sent */
    bool started;               /* the call's reply left the socket */
    bool txBusy;                /* a data message is on its way out */
    bool eof;                   /* the end of data was sent */
    bool closed;                /* finished, aborted or failed */
    char *buf;                  /* one chunk, while readable */
};

static remoteStream *
remoteStreamRef(remoteStream *rs)
{
    g_atomic_int_inc(&rs->refs);
    return rs;
}

static void
remoteStreamUnref(void *opaque)
{
    remoteStream *rs = opaque;
    nuvRpcMessage *m;

    if (!rs || !g_atomic_int_dec_and_test(&rs->refs))
        return;
    while ((m = g_queue_pop_head(&rs->rx)))
        nuvRpcMessageFree(m);
    virStreamFree(rs->st);
    nuvRpcClientUnref(rs->client);
    g_free(rs->buf);
    g_mutex_clear(&rs->lock);
    g_free(rs);
}

/* A message of the stream's procedure and serial (lock held or not: the
 * fields used are immutable). */
static nuvRpcMessage *
remoteStreamMessageNew(remoteStream *rs, nuvRpcType type, nuvRpcStatus status)
{
    nuvRpcMessage *m = nuvRpcMessageNew();

    m->header = (nuvRpcHeader){ NUV_REMOTE_PROGRAM, NUV_RPC_VERSION, rs->proc, type,
                                rs->serial, status };
    nuvRpcMessageEncodeHeader(m);
    return m;
}

/* The current error as a STREAM message with status ERROR, which is how
 * libvirtd reports a stream that failed (a libvirt client waiting for
 * its finish would take an ERROR reply as the finish's answer and lose
 * the error). */
static nuvRpcMessage *
remoteStreamErrorMessage(remoteStream *rs)
{
    nuvRpcMessage *m = remoteStreamMessageNew(rs, NUV_RPC_REPLY, NUV_RPC_ERROR);

    if (nuvRpcMessageEncodeError(m, nuvErrorCurrent()) < 0) {
        nuvRpcMessageFree(m);
        m = NULL;
    } else {
        nuvRpcMessageSetType(m, NUV_RPC_STREAM);
    }
    nuvErrorReset();
    return m;
}

/* Events the loop waits for (lock held). */
static int
remoteStreamWanted(remoteStream *rs)
{
    int events = 0;

    if (rs->closed)
        return 0;
    if (!g_queue_is_empty(&rs->rx))
        events |= VIR_STREAM_EVENT_WRITABLE;
    if (rs->readable && rs->started && !rs->txBusy && !rs->eof)
        events |= VIR_STREAM_EVENT_READABLE;
    return events;
}

/* The stream ends here (lock held): the driver's side is finished or
 * aborted by the caller; no event comes any more. */
static void
remoteStreamMarkClosed(remoteStream *rs)
{
    nuvRpcMessage *m;

    rs->closed = true;
    while ((m = g_queue_pop_head(&rs->rx))) {
        nuvRpcMessageFree(m);
        nuvRpcClientRequestDone(rs->client);
    }
    virStreamEventRemoveCallback(rs->st);
}

static void
remoteStreamFail(remoteStream *rs)
{
    virErrorPtr saved = nuvErrorPreserve();

    remoteStreamMarkClosed(rs);
    virStreamAbort(rs->st);
    nuvErrorRestore(&saved);
}

/* A data message or hole left the socket (or was dropped): read on. */
static void
remoteStreamSent(void *opaque)
{
    remoteStream *rs = opaque;

    g_mutex_lock(&rs->lock);
    rs->txBusy = false;
    if (!rs->closed)
        virStreamEventUpdateCallback(rs->st, remoteStreamWanted(rs));
    g_mutex_unlock(&rs->lock);
    remoteStreamUnref(rs);
}

/* The reply of the call that opened the stream left the socket. */
static void
remoteStreamStarted(void *opaque)
{
    remoteStream *rs = opaque;

    g_mutex_lock(&rs->lock);
    rs->started = true;
    if (!rs->closed)
        virStreamEventUpdateCallback(rs->st, remoteStreamWanted(rs));
    g_mutex_unlock(&rs->lock);
    remoteStreamUnref(rs);
}

/* Handle the message at the head of rx (lock held): 1 when it is not
 * done yet (the stream would block), 0 when consumed; what must be sent
 * goes to out. */
static int
remoteStreamHandleIncoming(remoteStream *rs, nuvRpcMessage *m, GPtrArray *out)
{
    if (m->header.type == NUV_RPC_STREAM_HOLE) {
        nuvRpcStreamHole hole = { 0 };

        if (!rs->allowSkip) {
            nuvReportError(VIR_ERR_RPC, "%s", "Unexpected stream hole");
        } else if (m->header.status == NUV_RPC_CONTINUE &&
                   nuvRpcMessageDecodeBody(m, nuvRpcStreamHoleFilter, &hole) == 0 &&
                   virStreamSendHole(rs->st, hole.length, hole.flags) == 0) {
            return 0;
        } else if (m->header.status != NUV_RPC_CONTINUE) {
            nuvReportError(VIR_ERR_RPC, "stream hole with status %d", m->header.status);
        }
        remoteStreamFail(rs);
        g_ptr_array_add(out, remoteStreamErrorMessage(rs));
        return 0;
    }

    switch (m->header.status) {
    case NUV_RPC_CONTINUE:
        while (m->pos < m->len) {
            int n = virStreamSend(rs->st, (const char *)m->buf + m->pos, m->len - m->pos);
            if (n == -2)
                return 1;
            if (n < 0) {
                remoteStreamFail(rs);
                g_ptr_array_add(out, remoteStreamErrorMessage(rs));
                return 0;
            }
            m->pos += n;
        }
        return 0;
    case NUV_RPC_OK:
        remoteStreamMarkClosed(rs);
        if (virStreamFinish(rs->st) < 0)
            g_ptr_array_add(out, remoteStreamErrorMessage(rs));
        else
            g_ptr_array_add(out, remoteStreamMessageNew(rs, NUV_RPC_STREAM, NUV_RPC_OK));
        return 0;
    default:
        /* The client aborts. */
        remoteStreamMarkClosed(rs);
        if (virStreamAbort(rs->st) < 0)
            g_ptr_array_add(out, remoteStreamErrorMessage(rs));
        else
            g_ptr_array_add(out, remoteStreamMessageNew(rs, NUV_RPC_STREAM, NUV_RPC_OK));
        return 0;
    }
}

/* Read one chunk or one hole from the local stream (lock held). */
static void
remoteStreamReadChunk(remoteStream *rs, GPtrArray *out)
{
    nuvRpcMessage *m = NULL;
    int n;

    if (!rs->buf)
        rs->buf = g_malloc(REMOTE_STREAM_CHUNK);
    if (rs->allowSkip)
        n = virStreamRecvFlags(rs->st, rs->buf, REMOTE_STREAM_CHUNK,
                               VIR_STREAM_RECV_STOP_AT_HOLE);
    else
        n = virStreamRecv(rs->st, rs->buf, REMOTE_STREAM_CHUNK);
    if (n == -2)
        return;
    if (n == -3) {
        long long length = 0;
        nuvRpcStreamHole hole = { 0 };

        if (virStreamRecvHole(rs->st, &length, 0) < 0)
            goto error;
        if (length <= 0)
            return;
        hole.length = length;
        m = remoteStreamMessageNew(rs, NUV_RPC_STREAM_HOLE, NUV_RPC_CONTINUE);
        nuvRpcMessageEncodeBody(m, nuvRpcStreamHoleFilter, &hole);
    } else if (n < 0) {
        goto error;
    } else {
        /* The end of data is an empty CONTINUE: a STREAM OK is only ever
         * the answer to the client's finish (libvirt's clients treat an
         * unasked one as a protocol error). */
        m = remoteStreamMessageNew(rs, NUV_RPC_STREAM, NUV_RPC_CONTINUE);
        if (nuvRpcMessageEncodeBytes(m, rs->buf, n) < 0) {
            nuvRpcMessageFree(m);
            goto error;
        }
        if (n == 0) {
            rs->eof = true;
            g_clear_pointer(&rs->buf, g_free);
        }
    }
    rs->txBusy = true;
    m->done = remoteStreamSent;
    m->doneOpaque = remoteStreamRef(rs);
    g_ptr_array_add(out, m);
    return;

 error:
    remoteStreamFail(rs);
    g_ptr_array_add(out, remoteStreamErrorMessage(rs));
}

static void remoteStreamDetach(remoteStream *rs);

/* Move what can move now, in both directions (loop thread). */
static void
remoteStreamProcess(remoteStream *rs, int events)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new();
    nuvRpcMessage *m;
    bool closed;

    g_mutex_lock(&rs->lock);
    while (!rs->closed && (m = g_queue_peek_head(&rs->rx))) {
        if (remoteStreamHandleIncoming(rs, m, out) > 0)
            break;
        if (rs->closed)
            break;      /* the queue was emptied */
        g_queue_pop_head(&rs->rx);
        nuvRpcMessageFree(m);
        nuvRpcClientRequestDone(rs->client);
    }
    if (!rs->closed && rs->readable && rs->started && !rs->txBusy && !rs->eof) {
        if (events & VIR_STREAM_EVENT_READABLE) {
            remoteStreamReadChunk(rs, out);
        } else if (events & VIR_STREAM_EVENT_HANGUP) {
            /* The other end went away: the client gets the end of data. */
            rs->eof = true;
            g_ptr_array_add(out, remoteStreamMessageNew(rs, NUV_RPC_STREAM, NUV_RPC_CONTINUE));
        } else if (events & VIR_STREAM_EVENT_ERROR) {
            nuvReportError(VIR_ERR_RPC, "%s", "stream had I/O failure");
            remoteStreamFail(rs);
            g_ptr_array_add(out, remoteStreamErrorMessage(rs));
        }
    }
    if (!rs->closed)
        virStreamEventUpdateCallback(rs->st, remoteStreamWanted(rs));
    closed = rs->closed;
    g_mutex_unlock(&rs->lock);

    for (guint i = 0; i < out->len; i++) {
        if (out->pdata[i])
            nuvRpcClientSend(rs->client, out->pdata[i]);
    }
    if (closed)
        remoteStreamDetach(rs);
}

static void
remoteStreamEvent(virStreamPtr st, int events, void *opaque)
{
    remoteStream *rs = opaque;

    remoteStreamRef(rs);
    remoteStreamProcess(rs, events);
    remoteStreamUnref(rs);
}

/* Drop the client's list reference (the stream is closed). */
static void
remoteStreamDetach(remoteStream *rs)
{
    remoteClient *priv = nuvRpcClientPriv(rs->client);
    GList *link;

    g_mutex_lock(&priv->lock);
    link = g_list_find(priv->streams, rs);
    if (link)
        priv->streams = g_list_delete_link(priv->streams, link);
    g_mutex_unlock(&priv->lock);
    if (link)
        remoteStreamUnref(rs);
}

int
remoteStreamAttach(nuvRpcClient *client, nuvRpcMessage *msg, virStreamPtr st,
                   bool allowSkip, bool readable)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    remoteStream *rs = g_new0(remoteStream, 1);
    bool closed;

    rs->refs = 1;
    rs->client = nuvRpcClientRef(client);
    virStreamRef(st);
    rs->st = st;
    rs->proc = msg->header.proc;
    rs->serial = msg->header.serial;
    rs->allowSkip = allowSkip;
    rs->readable = readable;
    g_mutex_init(&rs->lock);
    g_queue_init(&rs->rx);

    if (virStreamEventAddCallback(st, 0, remoteStreamEvent, remoteStreamRef(rs),
                                  remoteStreamUnref) < 0) {
        remoteStreamUnref(rs);
        goto error;
    }
    g_mutex_lock(&priv->lock);
    closed = priv->closed;
    if (!closed)
        priv->streams = g_list_prepend(priv->streams, rs);
    g_mutex_unlock(&priv->lock);
    if (closed) {
        nuvReportError(VIR_ERR_RPC, "%s", "the client is gone");
        virStreamEventRemoveCallback(st);
        goto error;
    }
    /* Nothing flows before the reply (this message) is written. */
    msg->done = remoteStreamStarted;
    msg->doneOpaque = remoteStreamRef(rs);
    NUV_DEBUG("client %p: stream proc %d serial %u%s%s", client, rs->proc, rs->serial,
              allowSkip ? " sparse" : "", readable ? " readable" : "");
    return 0;

 error:
    {
        virErrorPtr saved = nuvErrorPreserve();
        virStreamAbort(st);
        nuvErrorRestore(&saved);
    }
    remoteStreamUnref(rs);
    return -1;
}

bool
remoteStreamMessage(void *opaque, nuvRpcMessage *msg)
{
    remoteClient *priv = opaque;
    remoteStream *rs = NULL;

    if (msg->header.prog != NUV_REMOTE_PROGRAM || msg->header.vers != NUV_RPC_VERSION)
        return false;
    g_mutex_lock(&priv->lock);
    for (GList *l = priv->streams; l; l = l->next) {
        remoteStream *s = l->data;
        if (s->proc == msg->header.proc && s->serial == msg->header.serial) {
            rs = remoteStreamRef(s);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (!rs)
        return false;

    g_mutex_lock(&rs->lock);
    if (rs->closed) {
        g_mutex_unlock(&rs->lock);
        remoteStreamUnref(rs);
        return false;
    }
    g_queue_push_tail(&rs->rx, msg);
    g_mutex_unlock(&rs->lock);
    remoteStreamProcess(rs, 0);
    remoteStreamUnref(rs);
    return true;
}

void
remoteStreamsAbortAll(remoteClient *priv)
{
    GList *streams;

    g_mutex_lock(&priv->lock);
    streams = g_steal_pointer(&priv->streams);
    g_mutex_unlock(&priv->lock);
    for (GList *l = streams; l; l = l->next) {
        remoteStream *rs = l->data;

        g_mutex_lock(&rs->lock);
        if (!rs->closed)
            remoteStreamFail(rs);
        g_mutex_unlock(&rs->lock);
        remoteStreamUnref(rs);
    }
    g_list_free(streams);
    nuvErrorReset();
}
