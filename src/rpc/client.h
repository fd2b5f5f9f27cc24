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

/* Watch the socket from the registered event loop so that events arrive
 * between calls; without an event loop, they arrive during calls only. */
int nuvRpcConnWatch(nuvRpcConn *conn);

/* Send a call and wait for its reply.  args may be NULL with argsFilter
 * NULL; ret is decoded with retFilter (zeroed first by the caller).  An
 * ERROR reply is recorded as this thread's error; -1 then. */
int nuvRpcConnCall(nuvRpcConn *conn, uint32_t prog, int proc,
                   nuvXdrFilter argsFilter, void *args,
                   nuvXdrFilter retFilter, void *ret);
