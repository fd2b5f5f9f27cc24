/*
 * remote_object_events.c: the remote driver's network, storage pool, node
 * device and secret events (the other side of dispatch_object_events.c).
 *
 * As for domain events (remote_driver.c): the application's callbacks are
 * kept locally, the daemon is asked once per object kind and event ID, and
 * the messages it sends become local events that run on the
 * application's event loop.  A local callback's ID is paired in
 * priv->localIDs with REMOTE_OBJECT_CODE(kind, eventID), which no domain
 * event ID reaches.
 */
#include <string.h>

#include "remote/remote_driver.h"
#include "remote/remote_object_events.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static remotePriv *
remotePrivOf(virConnectPtr conn)
{
    return conn->privateData;
}

/* The procedures registering and deregistering each kind's callbacks; the
 * argument and reply layouts are the same for every kind with no object. */
static const struct {
    int reg, dereg;
    nuvXdrFilter regArgs, regRet, deregArgs;
} remoteObjectProcs[REMOTE_OBJECT_LAST] = {
    [REMOTE_OBJECT_NETWORK] = {
        NUV_REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
        NUV_REMOTE_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
        nuvRemoteConnectNetworkEventRegisterAnyArgsFilter,
        nuvRemoteConnectNetworkEventRegisterAnyRetFilter,
        nuvRemoteConnectNetworkEventDeregisterAnyArgsFilter },
    [REMOTE_OBJECT_STORAGE_POOL] = {
        NUV_REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
        NUV_REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
        nuvRemoteConnectStoragePoolEventRegisterAnyArgsFilter,
        nuvRemoteConnectStoragePoolEventRegisterAnyRetFilter,
        nuvRemoteConnectStoragePoolEventDeregisterAnyArgsFilter },
    [REMOTE_OBJECT_NODE_DEVICE] = {
        NUV_REMOTE_PROC_CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
        NUV_REMOTE_PROC_CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY,
        nuvRemoteConnectNodeDeviceEventRegisterAnyArgsFilter,
        nuvRemoteConnectNodeDeviceEventRegisterAnyRetFilter,
        nuvRemoteConnectNodeDeviceEventDeregisterAnyArgsFilter },
    [REMOTE_OBJECT_SECRET] = {
        NUV_REMOTE_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY,
        NUV_REMOTE_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY,
        nuvRemoteConnectSecretEventRegisterAnyArgsFilter,
        nuvRemoteConnectSecretEventRegisterAnyRetFilter,
        nuvRemoteConnectSecretEventDeregisterAnyArgsFilter },
};

/* A local callback was registered (id, or -1): ask the daemon for its
 * kind and event ID unless we already did. */
static int
remoteObjectEventAttach(virConnectPtr conn, remoteObjectKind kind, int eventID, int id)
{
    remotePriv *priv = remotePrivOf(conn);

    if (id < 0)
        return -1;
    if (eventID < 0 || eventID >= REMOTE_OBJECT_EVENT_ID_MAX) {
        nuvEventDeregister(priv->events, conn, id);
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    g_mutex_lock(&priv->lock);
    if (priv->objectRefs[kind][eventID]++ == 0) {
        /* Every kind's arguments are { int eventID; optional object }. */
        nuvRemoteConnectNetworkEventRegisterAnyArgs args = { .eventID = eventID };
        nuvRemoteConnectNetworkEventRegisterAnyRet ret = { 0 };

        if (remoteCall(conn, remoteObjectProcs[kind].reg, remoteObjectProcs[kind].regArgs,
                       &args, remoteObjectProcs[kind].regRet, &ret) < 0) {
            priv->objectRefs[kind][eventID]--;
            g_mutex_unlock(&priv->lock);
            virErrorPtr saved = nuvErrorPreserve();
            nuvEventDeregister(priv->events, conn, id);
            nuvErrorRestore(&saved);
            return -1;
        }
        priv->objectServerIDs[kind][eventID] = ret.callbackID;
    }
    g_array_append_vals(priv->localIDs, (int[]){ id, REMOTE_OBJECT_CODE(kind, eventID) }, 2);
    g_mutex_unlock(&priv->lock);
    return id;
}

static int
remoteObjectEventDetach(virConnectPtr conn, remoteObjectKind kind, int callbackID)
{
    remotePriv *priv = remotePrivOf(conn);
    int eventID = -1;

    g_mutex_lock(&priv->lock);
    for (guint i = 0; i + 1 < priv->localIDs->len; i += 2) {
        int code = g_array_index(priv->localIDs, int, i + 1);

        if (g_array_index(priv->localIDs, int, i) == callbackID &&
            code >= REMOTE_OBJECT_CODE((int)kind, 0) && code < REMOTE_OBJECT_CODE((int)kind + 1, 0)) {
            eventID = code - REMOTE_OBJECT_CODE((int)kind, 0);
            g_array_remove_range(priv->localIDs, i, 2);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (eventID < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "could not find event callback %d", callbackID);
        return -1;
    }
    if (nuvEventDeregister(priv->events, conn, callbackID) < 0)
        return -1;
    g_mutex_lock(&priv->lock);
    if (--priv->objectRefs[kind][eventID] == 0) {
        nuvRemoteConnectNetworkEventDeregisterAnyArgs args = {
            .callbackID = priv->objectServerIDs[kind][eventID] };

        g_mutex_unlock(&priv->lock);
        return remoteCall(conn, remoteObjectProcs[kind].dereg, remoteObjectProcs[kind].deregArgs,
                          &args, NULL, NULL);
    }
    g_mutex_unlock(&priv->lock);
    return 0;
}

static int
remoteConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                     virConnectNetworkEventGenericCallback cb, void *opaque,
                                     virFreeCallback freecb)
{
    remotePriv *priv = remotePrivOf(conn);

    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    return remoteObjectEventAttach(conn, REMOTE_OBJECT_NETWORK, eventID,
                                   nuvEventRegisterNetwork(priv->events, conn, net, eventID, cb,
                                                           opaque, freecb));
}

static int
remoteConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return remoteObjectEventDetach(conn, REMOTE_OBJECT_NETWORK, callbackID);
}

static int
remoteConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                         virConnectStoragePoolEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb)
{
    remotePriv *priv = remotePrivOf(conn);

    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    return remoteObjectEventAttach(conn, REMOTE_OBJECT_STORAGE_POOL, eventID,
                                   nuvEventRegisterStoragePool(priv->events, conn, pool, eventID,
                                                               cb, opaque, freecb));
}

static int
remoteConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return remoteObjectEventDetach(conn, REMOTE_OBJECT_STORAGE_POOL, callbackID);
}

static int
remoteConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                        virConnectNodeDeviceEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb)
{
    remotePriv *priv = remotePrivOf(conn);

    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    return remoteObjectEventAttach(conn, REMOTE_OBJECT_NODE_DEVICE, eventID,
                                   nuvEventRegisterNodeDevice(priv->events, conn, dev, eventID,
                                                              cb, opaque, freecb));
}

static int
remoteConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return remoteObjectEventDetach(conn, REMOTE_OBJECT_NODE_DEVICE, callbackID);
}

static int
remoteConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret, int eventID,
                                    virConnectSecretEventGenericCallback cb, void *opaque,
                                    virFreeCallback freecb)
{
    remotePriv *priv = remotePrivOf(conn);

    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    return remoteObjectEventAttach(conn, REMOTE_OBJECT_SECRET, eventID,
                                   nuvEventRegisterSecret(priv->events, conn, secret, eventID,
                                                          cb, opaque, freecb));
}

static int
remoteConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return remoteObjectEventDetach(conn, REMOTE_OBJECT_SECRET, callbackID);
}

/* Decode one message body into *m with filter; false when it does not. */
#define DECODE(Type, m) (nuvRpcMessageDecodeBody(msg, nuvRemote##Type##MsgFilter, &(m)) == 0)
#define DONE(Type, m) nuvXdrFreeObj(nuvRemote##Type##MsgFilter, &(m))

nuvEvent *
remoteObjectEventFromMessage(nuvRpcMessage *msg)
{
    nuvEvent *ev = NULL;

    switch (msg->header.proc) {
    case NUV_REMOTE_PROC_NETWORK_EVENT_LIFECYCLE: {
        nuvRemoteNetworkEventLifecycleMsg m = { 0 };
        if (DECODE(NetworkEventLifecycle, m))
            ev = nuvNetworkEventLifecycleNew(m.net.name, m.net.uuid, m.event, m.detail);
        DONE(NetworkEventLifecycle, m);
        break;
    }
    case NUV_REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE: {
        nuvRemoteStoragePoolEventLifecycleMsg m = { 0 };
        if (DECODE(StoragePoolEventLifecycle, m))
            ev = nuvStoragePoolEventLifecycleNew(m.pool.name, m.pool.uuid, m.event, m.detail);
        DONE(StoragePoolEventLifecycle, m);
        break;
    }
    case NUV_REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH: {
        nuvRemoteStoragePoolEventRefreshMsg m = { 0 };
        if (DECODE(StoragePoolEventRefresh, m))
            ev = nuvStoragePoolEventRefreshNew(m.pool.name, m.pool.uuid);
        DONE(StoragePoolEventRefresh, m);
        break;
    }
    case NUV_REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE: {
        nuvRemoteNodeDeviceEventLifecycleMsg m = { 0 };
        if (DECODE(NodeDeviceEventLifecycle, m))
            ev = nuvNodeDeviceEventLifecycleNew(m.dev.name, m.event, m.detail);
        DONE(NodeDeviceEventLifecycle, m);
        break;
    }
    case NUV_REMOTE_PROC_NODE_DEVICE_EVENT_UPDATE: {
        nuvRemoteNodeDeviceEventUpdateMsg m = { 0 };
        if (DECODE(NodeDeviceEventUpdate, m))
            ev = nuvNodeDeviceEventUpdateNew(m.dev.name);
        DONE(NodeDeviceEventUpdate, m);
        break;
    }
    case NUV_REMOTE_PROC_SECRET_EVENT_LIFECYCLE: {
        nuvRemoteSecretEventLifecycleMsg m = { 0 };
        if (DECODE(SecretEventLifecycle, m))
            ev = nuvSecretEventLifecycleNew(m.optSecret.uuid, m.optSecret.usageType,
                                            m.optSecret.usageID, m.event, m.detail);
        DONE(SecretEventLifecycle, m);
        break;
    }
    case NUV_REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED: {
        nuvRemoteSecretEventValueChangedMsg m = { 0 };
        if (DECODE(SecretEventValueChanged, m))
            ev = nuvSecretEventValueChangedNew(m.optSecret.uuid, m.optSecret.usageType,
                                               m.optSecret.usageID);
        DONE(SecretEventValueChanged, m);
        break;
    }
    default:
        break;
    }
    return ev;
}

void
remoteObjectEventsFill(nuvNetworkDriver *net, nuvStorageDriver *storage,
                       nuvNodeDeviceDriver *nodedev, nuvSecretDriver *secret)
{
    net->connectNetworkEventRegisterAny = remoteConnectNetworkEventRegisterAny;
    net->connectNetworkEventDeregisterAny = remoteConnectNetworkEventDeregisterAny;
    storage->connectStoragePoolEventRegisterAny = remoteConnectStoragePoolEventRegisterAny;
    storage->connectStoragePoolEventDeregisterAny = remoteConnectStoragePoolEventDeregisterAny;
    nodedev->connectNodeDeviceEventRegisterAny = remoteConnectNodeDeviceEventRegisterAny;
    nodedev->connectNodeDeviceEventDeregisterAny = remoteConnectNodeDeviceEventDeregisterAny;
    secret->connectSecretEventRegisterAny = remoteConnectSecretEventRegisterAny;
    secret->connectSecretEventDeregisterAny = remoteConnectSecretEventDeregisterAny;
}
