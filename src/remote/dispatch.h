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

/* Wire structures <-> public handles.  Get* build a handle on conn (no
 * lookup: the driver checks existence when the handle is used). */
virDomainPtr remoteGetDomain(virConnectPtr conn, const nuvRemoteDomain *d);
virNetworkPtr remoteGetNetwork(virConnectPtr conn, const nuvRemoteNetwork *n);
virNetworkPortPtr remoteGetNetworkPort(virConnectPtr conn, const nuvRemoteNetworkPort *p);
virNWFilterPtr remoteGetNwfilter(virConnectPtr conn, const nuvRemoteNwfilter *f);
virNWFilterBindingPtr remoteGetNwfilterBinding(virConnectPtr conn,
                                               const nuvRemoteNwfilterBinding *b);
virInterfacePtr remoteGetInterface(virConnectPtr conn, const nuvRemoteInterface *i);
virStoragePoolPtr remoteGetStoragePool(virConnectPtr conn, const nuvRemoteStoragePool *p);
virStorageVolPtr remoteGetStorageVol(virConnectPtr conn, const nuvRemoteStorageVol *v);
virNodeDevicePtr remoteGetNodeDevice(virConnectPtr conn, const nuvRemoteNodeDevice *d);
virNodeDevicePtr remoteGetNodeDeviceByName(virConnectPtr conn, const char *name);
virSecretPtr remoteGetSecret(virConnectPtr conn, const nuvRemoteSecret *s);
virDomainSnapshotPtr remoteGetDomainSnapshot(virConnectPtr conn,
                                             const nuvRemoteDomainSnapshot *s);
virDomainCheckpointPtr remoteGetDomainCheckpoint(virConnectPtr conn,
                                                 const nuvRemoteDomainCheckpoint *c);

void remoteMakeDomain(nuvRemoteDomain *d, virDomainPtr dom);
void remoteMakeNetwork(nuvRemoteNetwork *n, virNetworkPtr net);
void remoteMakeNetworkPort(nuvRemoteNetworkPort *p, virNetworkPortPtr port);
void remoteMakeNwfilter(nuvRemoteNwfilter *f, virNWFilterPtr filter);
void remoteMakeNwfilterBinding(nuvRemoteNwfilterBinding *b, virNWFilterBindingPtr binding);
void remoteMakeInterface(nuvRemoteInterface *i, virInterfacePtr iface);
void remoteMakeStoragePool(nuvRemoteStoragePool *p, virStoragePoolPtr pool);
void remoteMakeStorageVol(nuvRemoteStorageVol *v, virStorageVolPtr vol);
void remoteMakeNodeDevice(nuvRemoteNodeDevice *d, virNodeDevicePtr dev);
void remoteMakeSecret(nuvRemoteSecret *s, virSecretPtr secret);
void remoteMakeDomainSnapshot(nuvRemoteDomainSnapshot *s, virDomainSnapshotPtr snap);
void remoteMakeDomainCheckpoint(nuvRemoteDomainCheckpoint *c, virDomainCheckpointPtr cp);

/* Typed parameters <-> the wire.  Deserialize checks every type and name
 * (over the count limit the XDR decode already refused it). */
void remoteSerializeTypedParams(virTypedParameterPtr params, int nparams,
                                nuvRemoteTypedParam **out, uint32_t *nout);
int remoteDeserializeTypedParams(const nuvRemoteTypedParam *in, uint32_t nin,
                                 virTypedParameterPtr *params, int *nparams);

/* ---- per-client state, shared by dispatch.c and dispatch_events.c ---- */
typedef struct _remoteClient remoteClient;
struct _remoteClient {
    nuvRpcClient *client;      /* not a reference: the client owns us */
    GMutex lock;               /* guards the fields below */
    virConnectPtr conn;
    bool closed;               /* the socket is gone: register nothing more */
    GArray *domainCallbacks;   /* int: IDs from virConnectDomainEventRegisterAny */
    int legacyCallback;        /* ID of the old-style registration, or -1 */
};

/* Drop every event registration of the client (socket closed or
 * connection closed); safe to call twice. */
void remoteEventsDeregisterAll(remoteClient *priv);
