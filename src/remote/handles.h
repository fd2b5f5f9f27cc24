/*
 * handles.h: remote wire structures <-> public handles (see handles.c).
 */
#pragma once

#include "libvirt/libvirt.h"
#include "remote/remote_protocol.h"

/* The object kinds with events besides domains, each with its own
 * registration procedures. */
typedef enum {
    REMOTE_OBJECT_NETWORK,
    REMOTE_OBJECT_STORAGE_POOL,
    REMOTE_OBJECT_NODE_DEVICE,
    REMOTE_OBJECT_SECRET,
    REMOTE_OBJECT_LAST
} remoteObjectKind;
/* A number for (kind, event ID) that no domain event ID reaches. */
#define REMOTE_OBJECT_CODE(kind, eventID) (1000 * ((kind) + 1) + (eventID))
/* The largest event ID of any of those kinds, plus one. */
#define REMOTE_OBJECT_EVENT_ID_MAX 2

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
/* Decode into the caller's array of *nparams slots; *nparams becomes the
 * number filled. */
int remoteCopyTypedParams(const nuvRemoteTypedParam *in, uint32_t nin,
                          virTypedParameterPtr params, int *nparams);

/* A counted char array from the wire into a C buffer, cut to fit and
 * always NUL-terminated. */
void remoteCopyChars(char *dst, size_t size, const char *src, uint32_t n);
