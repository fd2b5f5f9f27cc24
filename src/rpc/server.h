/*
 * server.h: the RPC server core: listeners, clients, a worker pool and the
 * keepalive program.  Knows programs only through their procedure tables.
 *
 * Threads: one GLib main context (the process's default one, which also
 * runs nuvirt's event loop) accepts connections, reads every client's
 * messages, answers keepalive pings and writes what is queued.  Calls run
 * on a pool of workers; procedures marked priority may also run on a
 * small pool of priority workers when every normal worker is busy, so that
 * destroy and queries still answer.  A worker that finishes a call writes
 * the reply itself when nothing else is queued for that client (one
 * non-blocking send, as redis does), else it queues it for the loop.
 *
 * A client is reference counted: the loop holds one reference while the
 * socket is open, each call in flight holds one.  A client is closed only
 * by the loop thread, at a safe point, never inside its own callback.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "rpc/message.h"
#include "rpc/socket.h"

typedef struct _nuvRpcServer nuvRpcServer;
typedef struct _nuvRpcClient nuvRpcClient;

/* Run one decoded call: fill ret and return 0, or report an error and
 * return -1.  args and ret are zeroed structures of the sizes the table
 * gives; the server frees what the filters allocated in both. */
typedef int (*nuvRpcHandler)(nuvRpcServer *srv, nuvRpcClient *client,
                             nuvRpcMessage *msg, void *args, void *ret);

typedef struct {
    nuvRpcHandler handler;       /* NULL: the procedure is not served */
    nuvXdrFilter argsFilter;     /* NULL: no arguments */
    size_t argsSize;
    nuvXdrFilter retFilter;      /* NULL: empty reply */
    size_t retSize;
    bool priority;               /* may run on a priority worker */
    bool beforeOpen;             /* allowed before the client opened a connection */
} nuvRpcProcedure;

typedef struct {
    uint32_t prog;
    uint32_t vers;
    const nuvRpcProcedure *procs;  /* indexed by procedure number */
    size_t nprocs;
    /* Whether a client may call before its connection is open (a program
     * with no such notion returns true). */
    bool (*clientReady)(nuvRpcClient *client);
} nuvRpcProgram;

typedef struct {
    size_t minWorkers;
    size_t maxWorkers;
    size_t prioWorkers;
    size_t maxClients;
    size_t maxClientRequests;   /* calls in flight per client before we stop reading */
    int keepaliveInterval;      /* seconds; <= 0 disables our pings */
    unsigned int keepaliveCount;
} nuvRpcServerConfig;

/* Hooks of the one program-specific layer: the private data each client
 * carries (the remote program's connection and event registrations). */
typedef struct {
    void *(*clientNew)(nuvRpcClient *client);
    /* The socket is closed (loop thread); calls may still be in flight. */
    void (*clientClose)(void *priv);
    /* Called once the socket is closed and no call is in flight. */
    void (*clientFree)(void *priv);
    /* A STREAM or STREAM_HOLE message arrived (loop thread).  Return true
     * to take it: it then counts as a request in flight until
     * nuvRpcClientRequestDone, so that a client streaming faster than the
     * stream drains stops being read.  false: the message is dropped. */
    bool (*streamMessage)(void *priv, nuvRpcMessage *msg);
} nuvRpcClientHooks;

nuvRpcServer *nuvRpcServerNew(const nuvRpcServerConfig *cfg, const nuvRpcClientHooks *hooks);
void nuvRpcServerFree(nuvRpcServer *srv);

int nuvRpcServerAddProgram(nuvRpcServer *srv, const nuvRpcProgram *prog);

/* Listen on a UNIX socket path; clients accepted there are read-only when
 * readonly is set.  An already-listening fd (socket activation) may be
 * passed instead with nuvRpcServerAddListenFD. */
int nuvRpcServerAddUnixListener(nuvRpcServer *srv, const char *path, mode_t mode,
                                bool readonly);
int nuvRpcServerAddListenFD(nuvRpcServer *srv, int fd, bool readonly);
/* Listen on TCP (addr NULL: every address); its clients have no peer
 * credentials. */
int nuvRpcServerAddTcpListener(nuvRpcServer *srv, const char *addr, const char *port);

/* Serve until nuvRpcServerQuit (from a signal handler source or any
 * thread); then stop accepting, let calls in flight finish, close every
 * client and return. */
void nuvRpcServerRun(nuvRpcServer *srv);
void nuvRpcServerQuit(nuvRpcServer *srv);

size_t nuvRpcServerClientCount(nuvRpcServer *srv);

/* ---- clients ---- */
nuvRpcClient *nuvRpcClientRef(nuvRpcClient *client);
void nuvRpcClientUnref(nuvRpcClient *client);
void *nuvRpcClientPriv(nuvRpcClient *client);
bool nuvRpcClientIsReadOnly(nuvRpcClient *client);
const nuvSocketPeer *nuvRpcClientPeer(nuvRpcClient *client);
/* Queue a complete message (takes it); dropped when the client is closed. */
void nuvRpcClientSend(nuvRpcClient *client, nuvRpcMessage *msg);
/* A stream message taken by the streamMessage hook was consumed. */
void nuvRpcClientRequestDone(nuvRpcClient *client);
/* Ask the loop to close the client at its next safe point. */
void nuvRpcClientClose(nuvRpcClient *client);
/* The client asked for keepalive (libvirt starts pinging only then). */
void nuvRpcClientStartKeepAlive(nuvRpcClient *client);
