/*
 * event.h: object events (domain lifecycle, devices, ...) from a driver to
 * the callbacks applications registered on their connections.
 *
 * A driver instance owns one nuvEventState.  Its methods build events under
 * their object locks and queue them after unlocking; queueing is cheap and
 * thread safe.  Delivery happens later, from a timeout in the event loop the
 * application registered (virEventRegisterDefaultImpl or its own), never in
 * the thread that made the change, as in libvirt.  Callbacks run with no
 * nuvirt lock held, so they may call back into the API.
 */
#pragma once

#include "libvirt/libvirt.h"
#include "driver/datatypes.h"

typedef struct _nuvEventState nuvEventState;
typedef struct _nuvEvent nuvEvent;

nuvEventState *nuvEventStateNew(void);
void nuvEventStateFree(nuvEventState *state);

/* virConnectDomainEventRegisterAny: @dom NULL means every domain.  Returns
 * the callback id, or -1 with an error (no event loop registered, ...). */
int nuvEventRegisterDomain(nuvEventState *state, virConnectPtr conn, virDomainPtr dom,
                           int eventID, virConnectDomainEventGenericCallback cb,
                           void *opaque, virFreeCallback freecb);
/* virConnectNetworkEventRegisterAny: @net NULL means every network.
 * Callback ids share one sequence with domain callbacks, and
 * nuvEventDeregister removes either kind. */
int nuvEventRegisterNetwork(nuvEventState *state, virConnectPtr conn, virNetworkPtr net,
                            int eventID, virConnectNetworkEventGenericCallback cb,
                            void *opaque, virFreeCallback freecb);
/* virConnectStoragePoolEventRegisterAny: @pool NULL means every pool. */
int nuvEventRegisterStoragePool(nuvEventState *state, virConnectPtr conn, virStoragePoolPtr pool,
                                int eventID, virConnectStoragePoolEventGenericCallback cb,
                                void *opaque, virFreeCallback freecb);
/* virConnectNodeDeviceEventRegisterAny: @dev NULL means every device
 * (node devices have no UUID; callbacks for one device match its name). */
int nuvEventRegisterNodeDevice(nuvEventState *state, virConnectPtr conn, virNodeDevicePtr dev,
                               int eventID, virConnectNodeDeviceEventGenericCallback cb,
                               void *opaque, virFreeCallback freecb);
/* virConnectSecretEventRegisterAny: @secret NULL means every secret. */
int nuvEventRegisterSecret(nuvEventState *state, virConnectPtr conn, virSecretPtr secret,
                           int eventID, virConnectSecretEventGenericCallback cb,
                           void *opaque, virFreeCallback freecb);
/* virConnectDomainEventRegister (the old, lifecycle-only form): returns 0;
 * the same callback twice on one connection is an error. */
int nuvEventRegisterDomainLegacy(nuvEventState *state, virConnectPtr conn,
                                 virConnectDomainEventCallback cb,
                                 void *opaque, virFreeCallback freecb);
int nuvEventDeregister(nuvEventState *state, virConnectPtr conn, int callbackID);
int nuvEventDeregisterDomainLegacy(nuvEventState *state, virConnectPtr conn,
                                   virConnectDomainEventCallback cb);
/* Drop every callback of a closing connection. */
void nuvEventDeregisterConnection(nuvEventState *state, virConnectPtr conn);

/* Queue an event (consumed).  Does nothing, cheaply, when nobody listens. */
void nuvEventQueue(nuvEventState *state, nuvEvent *event);

/* Domain events: @name, @uuid and @id identify the domain (id -1 when
 * inactive).  Codes and details are libvirt's. */
nuvEvent *nuvDomainEventLifecycleNew(const char *name, const unsigned char *uuid, int id,
                                     int type, int detail);
nuvEvent *nuvDomainEventRebootNew(const char *name, const unsigned char *uuid, int id);
/* Any domain event (@eventID), the callback called by @call with
 * @payload (freed with @payloadFree when the event is done); @fn is the
 * callback registered, to be cast to @eventID's signature. */
typedef void (*nuvEventCallFunc)(void (*fn)(void), virConnectPtr conn, void *obj,
                                 void *payload, void *opaque);
nuvEvent *nuvDomainEventPayloadNew(int eventID, const char *name, const unsigned char *uuid,
                                   int id, nuvEventCallFunc call, void *payload,
                                   GDestroyNotify payloadFree);
nuvEvent *nuvDomainEventRTCChangeNew(const char *name, const unsigned char *uuid, int id,
                                     long long offset);
nuvEvent *nuvDomainEventDeviceAddedNew(const char *name, const unsigned char *uuid, int id,
                                       const char *devAlias);
nuvEvent *nuvDomainEventDeviceRemovedNew(const char *name, const unsigned char *uuid, int id,
                                         const char *devAlias);
nuvEvent *nuvDomainEventMetadataChangeNew(const char *name, const unsigned char *uuid, int id,
                                          int type, const char *nsuri);
/* VIR_DOMAIN_EVENT_ID_BLOCK_JOB (@disk is the disk's path) or
 * VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 (@disk is its target) as @eventID;
 * @type is a virDomainBlockJobType, @status a virConnectDomainEventBlockJobStatus. */
nuvEvent *nuvDomainEventBlockJobNew(const char *name, const unsigned char *uuid, int id,
                                    int eventID, const char *disk, int type, int status);
/* @params is consumed. */
nuvEvent *nuvDomainEventJobCompletedNew(const char *name, const unsigned char *uuid, int id,
                                        virTypedParameterPtr params, int nparams);

/* Network lifecycle event (virNetworkEventLifecycleType, detail 0). */
nuvEvent *nuvNetworkEventLifecycleNew(const char *name, const unsigned char *uuid,
                                      int type, int detail);

/* Storage pool events: lifecycle (virStoragePoolEventLifecycleType) and
 * refresh. */
nuvEvent *nuvStoragePoolEventLifecycleNew(const char *name, const unsigned char *uuid,
                                          int type, int detail);
nuvEvent *nuvStoragePoolEventRefreshNew(const char *name, const unsigned char *uuid);

/* Secret events: lifecycle (virSecretEventLifecycleType) and value
 * changed; the handle passed to callbacks carries the usage. */
nuvEvent *nuvSecretEventLifecycleNew(const unsigned char *uuid, int usageType,
                                     const char *usageID, int type, int detail);
nuvEvent *nuvSecretEventValueChangedNew(const unsigned char *uuid, int usageType,
                                        const char *usageID);

/* Node device events: lifecycle (virNodeDeviceEventLifecycleType) and
 * update. */
nuvEvent *nuvNodeDeviceEventLifecycleNew(const char *name, int type, int detail);
nuvEvent *nuvNodeDeviceEventUpdateNew(const char *name);
