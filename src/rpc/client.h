/*
 * client.h: the client end of an RPC connection (used by the remote
 * driver).
 *
 * One call at a time per connection: a caller takes the connection's lock,
 * sends its CALL and reads until the REPLY with its serial arrives,
 * answering keepalive pings and handing event MESSAGEs to the event
 * function on the way.  Between calls, an event-loop watch (when the
 * application registered an event loop) reads the MESSAGEs the daemon
 * sends on its own.  A connection whose socket failed is dead: every
 * later call fails at once with VIR_ERR_RPC.
 */
#pragma once

#include <stdbool.h>

#include "rpc/message.h"

typedef struct _nuvRpcConn nuvRpcConn;

/* Called with each event MESSAGE (the message is the callee's to read,
 * not to keep), from the thread that read it. */
typedef void (*nuvRpcConnEventFunc)(nuvRpcConn *conn, nuvRpcMessage *msg, void *opaque);

nuvRpcConn *nuvRpcConnOpenUnix(const char *path);
nuvRpcConn *nuvRpcConnOpenTcp(const char *host, const char *port);
void nuvRpcConnFree(nuvRpcConn *conn);

void nuvRpcConnSetEventFunc(nuvRpcConn *conn, nuvRpcConnEventFunc fn, void *opaque);

/* Called once, from the event loop, when the connection dies: reason is
 * a virConnectCloseReason (EOF, ERROR, KEEPALIVE). */
typedef void (*nuvRpcConnCloseFunc)(int reason, void *opaque);
void nuvRpcConnSetCloseFunc(nuvRpcConn *conn, nuvRpcConnCloseFunc fn, void *opaque);

/* Ping the daemon after interval seconds without a message from it, and
 * declare the connection dead (reason KEEPALIVE) after count unanswered
 * pings; interval <= 0 stops.  Needs an event loop for the time between
 * calls (a call in progress checks by itself). */
int nuvRpcConnSetKeepAlive(nuvRpcConn *conn, int interval, unsigned int count);
bool nuvRpcConnIsAlive(nuvRpcConn *conn);

/* Watch the socket from the registered event loop so that events arrive
 * between calls; without an event loop, they arrive during calls only. */
int nuvRpcConnWatch(nuvRpcConn *conn);

/* Send a call and wait for its reply.  args may be NULL with argsFilter
 * NULL; ret is decoded with retFilter (zeroed first by the caller).  An
 * ERROR reply is recorded as this thread's error; -1 then. */
int nuvRpcConnCall(nuvRpcConn *conn, uint32_t prog, int proc,
                   nuvXdrFilter argsFilter, void *args,
                   nuvXdrFilter retFilter, void *ret);
/* The same, passing duplicates of fds (CALL_WITH_FDS, UNIX sockets only). */
int nuvRpcConnCallWithFDs(nuvRpcConn *conn, uint32_t prog, int proc,
                          nuvXdrFilter argsFilter, void *args,
                          nuvXdrFilter retFilter, void *ret, const int *fds, size_t nfds);

/* ---- streams ----
 * A call that opens a stream (volume upload and download, consoles)
 * returns it; its data then travels as STREAM and STREAM_HOLE messages
 * with the call's serial, read by whichever caller holds the connection.
 * The stream must be freed before its connection. */
typedef struct _nuvRpcStream nuvRpcStream;

/* Like nuvRpcConnCall; NULL with the error on failure.  allowSkip: holes
 * travel as holes (the call asked for a sparse stream). */
nuvRpcStream *nuvRpcConnCallStream(nuvRpcConn *conn, uint32_t prog, int proc,
                                   nuvXdrFilter argsFilter, void *args,
                                   nuvXdrFilter retFilter, void *ret, bool allowSkip);
void nuvRpcStreamFree(nuvRpcStream *st);

/* Bytes sent (at most one message's worth), or -1. */
int nuvRpcStreamSend(nuvRpcStream *st, const char *data, size_t nbytes);
int nuvRpcStreamSendHole(nuvRpcStream *st, long long length, unsigned int flags);
/* Bytes received, 0 at the end, -3 at a hole with stopAtHole (then
 * RecvHole tells its length), -2 when nonblock and nothing is there,
 * -1 on error (the daemon's, when it sent one). */
int nuvRpcStreamRecv(nuvRpcStream *st, char *data, size_t nbytes, bool stopAtHole,
                     bool nonblock);
int nuvRpcStreamRecvHole(nuvRpcStream *st, long long *length);

/* For stream event callbacks: notify (called with the connection's lock
 * held, from whichever thread reads the socket; it must only schedule
 * work) hears of every message for the stream; Ready tells what is
 * there now. */
void nuvRpcStreamSetNotify(nuvRpcStream *st, void (*notify)(void *opaque), void *opaque);
enum {
    NUV_RPC_STREAM_READABLE = 1 << 0,   /* data, a hole or the end is queued */
    NUV_RPC_STREAM_ERROR = 1 << 1,      /* the daemon reported an error */
    NUV_RPC_STREAM_HANGUP = 1 << 2,     /* the connection is gone */
};
int nuvRpcStreamReady(nuvRpcStream *st);
/* Finish (abort false) or abort the stream and wait for the daemon's
 * answer; the stream takes no more data either way. */
int nuvRpcStreamClose(nuvRpcStream *st, bool abort);
