/*
 * remote_driver.h: the remote driver (client side of the remote program).
 */
#pragma once

#include "libvirt/libvirt.h"
#include "driver/driver.h"
#include "driver/event.h"
#include "remote/handles.h"
#include "remote/remote_protocol.h"
#include "rpc/client.h"

typedef struct {
    nuvRpcConn *rpc;            /* immutable after open */
    nuvEventState *events;      /* the application's callbacks */
    GMutex lock;                /* guards the fields below */
    int eventRefs[VIR_DOMAIN_EVENT_ID_LAST];   /* local callbacks per event ID */
    int serverIDs[VIR_DOMAIN_EVENT_ID_LAST];   /* the daemon's callback ID per event ID */
    int objectRefs[REMOTE_OBJECT_LAST][REMOTE_OBJECT_EVENT_ID_MAX];
    int objectServerIDs[REMOTE_OBJECT_LAST][REMOTE_OBJECT_EVENT_ID_MAX];
    GArray *localIDs;           /* pairs: local callback ID, event ID (or
                                 * REMOTE_OBJECT_CODE for other objects) */
    char *type;                 /* virConnectGetType's answer, once asked */
} remotePriv;

/* One call on the connection's daemon; -1 with the daemon's error. */
int remoteCall(virConnectPtr conn, int proc, nuvXdrFilter argsFilter, void *args,
               nuvXdrFilter retFilter, void *ret);

/* A call that opens st (remote_stream.c): st gets the remote stream
 * driver once the daemon accepted it.  allowSkip: a sparse stream. */
int remoteCallStream(virConnectPtr conn, int proc, virStreamPtr st, bool allowSkip,
                     nuvXdrFilter argsFilter, void *args, nuvXdrFilter retFilter, void *ret);

/* The generated tables (remote_client.c). */
extern const nuvHypervisorDriver remoteHypervisorDriver;
extern const nuvNetworkDriver remoteNetworkDriver;
extern const nuvStorageDriver remoteStorageDriver;
extern const nuvSecretDriver remoteSecretDriver;
extern const nuvInterfaceDriver remoteInterfaceDriver;
extern const nuvNodeDeviceDriver remoteNodeDeviceDriver;
extern const nuvNWFilterDriver remoteNWFilterDriver;

int remoteRegister(void);

/* remote_fds.c: the calls that pass file descriptors. */
void remoteFDsFill(nuvHypervisorDriver *hv);

/* A domain event the remote driver receives: the callback-form message
 * (procedure), its body's filter and size, where the domain is in it, and
 * the call of the application's callback with the decoded body.  The
 * table (remote_client_events.c, generated) ends with a zero row. */
typedef struct {
    int proc;
    int eventID;
    nuvXdrFilter filter;
    size_t size;
    size_t domOffset;
    void (*call)(void (*fn)(void), virConnectPtr conn, void *dom, void *body, void *opaque);
} remoteDomainEventRecv;
extern const remoteDomainEventRecv remoteDomainEventRecvs[];

/* remote_domain_events.c: can the remote driver deliver @eventID; a
 * domain event message from the daemon as a local event (NULL: not one). */
bool remoteDomainEventReceivable(int eventID);
nuvEvent *remoteDomainEventFromMessage(nuvRpcMessage *msg);
