/*
 * dispatch.h: the daemon side of the remote program.
 *
 * Each client of the remote program owns one virConnectPtr, opened by
 * CONNECT_OPEN inside the daemon through the public API, and the event
 * registrations it made.  Generated dispatchers (remote_dispatch.c) and
 * the hand-written ones (dispatch.c, dispatch_events.c) share the helpers
 * below.
 */
#pragma once

#include "libvirt/libvirt.h"
#include "rpc/server.h"
#include "remote/remote_protocol.h"

extern const nuvRpcProcedure remoteProcedures[];
extern const size_t remoteNProcedures;

/* The remote program and the client hooks the server needs for it. */
extern const nuvRpcProgram remoteProgram;
extern const nuvRpcClientHooks remoteClientHooks;

/* The URI opened when a client sends none (NULL: the library's default). */
void remoteSetDefaultURI(const char *uri);

/* The client's connection, or NULL with an error when it is not open. */
virConnectPtr remoteClientConn(nuvRpcClient *client);

/* Report VIR_ERR_NO_SUPPORT for a procedure the daemon does not serve. */
int remoteDispatchUnsupported(const char *name);

#include "remote/handles.h"

/* ---- per-client state, shared by dispatch.c and dispatch_events.c ---- */
typedef struct _remoteClient remoteClient;
struct _remoteClient {
    nuvRpcClient *client;      /* not a reference: the client owns us */
    GMutex lock;               /* guards the fields below */
    virConnectPtr conn;
    bool closed;               /* the socket is gone: register nothing more */
    GArray *domainCallbacks;   /* int: IDs from virConnectDomainEventRegisterAny */
    GArray *objectCallbacks;   /* int pairs: remoteObjectKind, callback ID */
    int legacyCallback;        /* ID of the old-style registration, or -1 */
    GList *streams;            /* remoteStream *, each a reference */
};

/* ---- streams (dispatch_stream.c) ---- */
typedef struct _remoteStream remoteStream;

/* Tie st, just opened by the call msg carries, to the client under the
 * call's procedure and serial; data flows once the reply (msg) has been
 * written.  allowSkip: holes travel as holes; readable: the daemon reads
 * the stream (the client receives).  On failure st is aborted. */
int remoteStreamAttach(nuvRpcClient *client, nuvRpcMessage *msg, virStreamPtr st,
                       bool allowSkip, bool readable);
/* The server's streamMessage hook. */
bool remoteStreamMessage(void *priv, nuvRpcMessage *msg);
/* Abort every stream of the client (its socket closed). */
void remoteStreamsAbortAll(remoteClient *priv);

/* Drop every event registration of the client (socket closed or
 * connection closed); safe to call twice. */
void remoteEventsDeregisterAll(remoteClient *priv);
/* The part of it for networks, pools, node devices and secrets
 * (dispatch_object_events.c). */
void remoteObjectEventsDeregisterAll(remoteClient *priv, virConnectPtr conn);

/* The opaque of an event callback registered for a client. */
typedef struct {
    nuvRpcClient *client;     /* a reference, dropped by the free callback */
    gint callbackID;          /* -1 until the registration returned */
    bool legacy;              /* registered with the old form (procedure 105) */
} remoteEventCb;

/* Queue an event MESSAGE of the remote program on the client. */
void remoteEventSendMessage(nuvRpcClient *client, int proc, nuvXdrFilter filter, void *body);

/* The generated sender of a domain event ID (remote_events.c), or NULL
 * when its message is not forwarded. */
virConnectDomainEventGenericCallback remoteDomainEventSenderFor(int eventID);
