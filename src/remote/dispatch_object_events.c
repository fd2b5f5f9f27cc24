/*
 * dispatch_object_events.c: event registrations of remote clients for
 * networks, storage pools, node devices and secrets, and the MESSAGE
 * packets that carry those events back.
 *
 * As for domains (dispatch_events.c): the client registers through the
 * public API on its own connection inside the daemon, our callback runs on
 * the daemon's event loop and queues the message on the client's socket.
 * The client's registrations are remembered per object kind so that a
 * client that goes away leaves none behind.
 */
#include <string.h>

#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

typedef struct {
    nuvRpcClient *client;     /* a reference, dropped by the free callback */
    gint callbackID;          /* -1 until the registration returned */
} remoteObjectEventCb;

static void
remoteObjectEventCbFree(void *opaque)
{
    remoteObjectEventCb *cb = opaque;

    nuvRpcClientUnref(cb->client);
    g_free(cb);
}

#define CB_ID(cb) g_atomic_int_get(&(cb)->callbackID)

/* ---- the events ---- */

static void
remoteNetworkEventLifecycle(virConnectPtr conn, virNetworkPtr net, int event, int detail,
                            void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteNetworkEventLifecycleMsg m = { .callbackID = CB_ID(cb), .event = event,
                                            .detail = detail };

    if (m.callbackID < 0)
        return;
    remoteMakeNetwork(&m.net, net);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_NETWORK_EVENT_LIFECYCLE,
                           nuvRemoteNetworkEventLifecycleMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteNetworkEventLifecycleMsgFilter, &m);
}

static void
remoteStoragePoolEventLifecycle(virConnectPtr conn, virStoragePoolPtr pool, int event,
                                int detail, void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteStoragePoolEventLifecycleMsg m = { .callbackID = CB_ID(cb), .event = event,
                                                .detail = detail };

    if (m.callbackID < 0)
        return;
    remoteMakeStoragePool(&m.pool, pool);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE,
                           nuvRemoteStoragePoolEventLifecycleMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteStoragePoolEventLifecycleMsgFilter, &m);
}

static void
remoteStoragePoolEventRefresh(virConnectPtr conn, virStoragePoolPtr pool, void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteStoragePoolEventRefreshMsg m = { .callbackID = CB_ID(cb) };

    if (m.callbackID < 0)
        return;
    remoteMakeStoragePool(&m.pool, pool);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH,
                           nuvRemoteStoragePoolEventRefreshMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteStoragePoolEventRefreshMsgFilter, &m);
}

static void
remoteNodeDeviceEventLifecycle(virConnectPtr conn, virNodeDevicePtr dev, int event, int detail,
                               void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteNodeDeviceEventLifecycleMsg m = { .callbackID = CB_ID(cb), .event = event,
                                               .detail = detail };

    if (m.callbackID < 0)
        return;
    remoteMakeNodeDevice(&m.dev, dev);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE,
                           nuvRemoteNodeDeviceEventLifecycleMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteNodeDeviceEventLifecycleMsgFilter, &m);
}

static void
remoteNodeDeviceEventUpdate(virConnectPtr conn, virNodeDevicePtr dev, void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteNodeDeviceEventUpdateMsg m = { .callbackID = CB_ID(cb) };

    if (m.callbackID < 0)
        return;
    remoteMakeNodeDevice(&m.dev, dev);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_NODE_DEVICE_EVENT_UPDATE,
                           nuvRemoteNodeDeviceEventUpdateMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteNodeDeviceEventUpdateMsgFilter, &m);
}

static void
remoteSecretEventLifecycle(virConnectPtr conn, virSecretPtr secret, int event, int detail,
                           void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteSecretEventLifecycleMsg m = { .callbackID = CB_ID(cb), .event = event,
                                           .detail = detail };

    if (m.callbackID < 0)
        return;
    remoteMakeSecret(&m.optSecret, secret);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_SECRET_EVENT_LIFECYCLE,
                           nuvRemoteSecretEventLifecycleMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteSecretEventLifecycleMsgFilter, &m);
}

static void
remoteSecretEventValueChanged(virConnectPtr conn, virSecretPtr secret, void *opaque)
{
    remoteObjectEventCb *cb = opaque;
    nuvRemoteSecretEventValueChangedMsg m = { .callbackID = CB_ID(cb) };

    if (m.callbackID < 0)
        return;
    remoteMakeSecret(&m.optSecret, secret);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_SECRET_EVENT_VALUE_CHANGED,
                           nuvRemoteSecretEventValueChangedMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteSecretEventValueChangedMsgFilter, &m);
}

/* ---- registration, per object kind ---- */

static int
remoteObjectDeregisterOne(virConnectPtr conn, remoteObjectKind kind, int id)
{
    switch (kind) {
    case REMOTE_OBJECT_NETWORK:
        return virConnectNetworkEventDeregisterAny(conn, id);
    case REMOTE_OBJECT_STORAGE_POOL:
        return virConnectStoragePoolEventDeregisterAny(conn, id);
    case REMOTE_OBJECT_NODE_DEVICE:
        return virConnectNodeDeviceEventDeregisterAny(conn, id);
    case REMOTE_OBJECT_SECRET:
        return virConnectSecretEventDeregisterAny(conn, id);
    case REMOTE_OBJECT_LAST:
        break;
    }
    return -1;
}

/* Register cb for the object (NULL: all of its kind); the new ID, or -1. */
static int
remoteObjectRegister(nuvRpcClient *client, remoteObjectKind kind, void *obj, int eventID)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn = remoteClientConn(client);
    remoteObjectEventCb *cb;
    int id = -1;
    bool closed;

    static const int nids[] = {
        [REMOTE_OBJECT_NETWORK] = VIR_NETWORK_EVENT_ID_LAST,
        [REMOTE_OBJECT_STORAGE_POOL] = VIR_STORAGE_POOL_EVENT_ID_LAST,
        [REMOTE_OBJECT_NODE_DEVICE] = VIR_NODE_DEVICE_EVENT_ID_LAST,
        [REMOTE_OBJECT_SECRET] = VIR_SECRET_EVENT_ID_LAST,
    };

    if (!conn)
        return -1;
    if (eventID < 0 || eventID >= nids[kind]) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    cb = g_new0(remoteObjectEventCb, 1);
    cb->client = nuvRpcClientRef(client);
    cb->callbackID = -1;
    switch (kind) {
    case REMOTE_OBJECT_NETWORK:
        id = virConnectNetworkEventRegisterAny(
            conn, obj, eventID, VIR_NETWORK_EVENT_CALLBACK(remoteNetworkEventLifecycle),
            cb, remoteObjectEventCbFree);
        break;
    case REMOTE_OBJECT_STORAGE_POOL:
        id = virConnectStoragePoolEventRegisterAny(
            conn, obj, eventID,
            eventID == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE ?
            VIR_STORAGE_POOL_EVENT_CALLBACK(remoteStoragePoolEventLifecycle) :
            VIR_STORAGE_POOL_EVENT_CALLBACK(remoteStoragePoolEventRefresh),
            cb, remoteObjectEventCbFree);
        break;
    case REMOTE_OBJECT_NODE_DEVICE:
        id = virConnectNodeDeviceEventRegisterAny(
            conn, obj, eventID,
            eventID == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE ?
            VIR_NODE_DEVICE_EVENT_CALLBACK(remoteNodeDeviceEventLifecycle) :
            VIR_NODE_DEVICE_EVENT_CALLBACK(remoteNodeDeviceEventUpdate),
            cb, remoteObjectEventCbFree);
        break;
    case REMOTE_OBJECT_SECRET:
        id = virConnectSecretEventRegisterAny(
            conn, obj, eventID,
            eventID == VIR_SECRET_EVENT_ID_LIFECYCLE ?
            VIR_SECRET_EVENT_CALLBACK(remoteSecretEventLifecycle) :
            VIR_SECRET_EVENT_CALLBACK(remoteSecretEventValueChanged),
            cb, remoteObjectEventCbFree);
        break;
    case REMOTE_OBJECT_LAST:
        break;
    }
    if (id < 0)
        return -1;   /* the library called remoteObjectEventCbFree */
    g_mutex_lock(&priv->lock);
    closed = priv->closed;
    if (!closed)
        g_array_append_vals(priv->objectCallbacks, (int[]){ kind, id }, 2);
    g_mutex_unlock(&priv->lock);
    if (closed) {
        remoteObjectDeregisterOne(conn, kind, id);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "client closed");
        return -1;
    }
    g_atomic_int_set(&cb->callbackID, id);
    return id;
}

static int
remoteObjectDeregister(nuvRpcClient *client, remoteObjectKind kind, int id)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn = remoteClientConn(client);
    bool found = false;

    if (!conn)
        return -1;
    g_mutex_lock(&priv->lock);
    for (guint i = 0; i + 1 < priv->objectCallbacks->len; i += 2) {
        if (g_array_index(priv->objectCallbacks, int, i) == (int)kind &&
            g_array_index(priv->objectCallbacks, int, i + 1) == id) {
            g_array_remove_range(priv->objectCallbacks, i, 2);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (!found) {
        nuvReportError(VIR_ERR_INVALID_ARG, "callback %d is not registered by this client", id);
        return -1;
    }
    return remoteObjectDeregisterOne(conn, kind, id);
}

void
remoteObjectEventsDeregisterAll(remoteClient *priv, virConnectPtr conn)
{
    g_autoptr(GArray) ids = NULL;

    g_mutex_lock(&priv->lock);
    ids = g_steal_pointer(&priv->objectCallbacks);
    priv->objectCallbacks = g_array_new(FALSE, FALSE, sizeof(int));
    g_mutex_unlock(&priv->lock);
    for (guint i = 0; i + 1 < ids->len; i += 2)
        remoteObjectDeregisterOne(conn, g_array_index(ids, int, i),
                                  g_array_index(ids, int, i + 1));
}

/* ---- the dispatchers ---- */

#define REGISTER(Name, Kind, Type, field, getter) \
    int \
    remoteDispatchConnect##Name##EventRegisterAny(nuvRpcServer *srv, nuvRpcClient *client, \
                                                  nuvRpcMessage *msg, void *argsp, \
                                                  void *retp) \
    { \
        nuvRemoteConnect##Name##EventRegisterAnyArgs *args = argsp; \
        nuvRemoteConnect##Name##EventRegisterAnyRet *ret = retp; \
        virConnectPtr conn = remoteClientConn(client); \
        Type obj = NULL; \
        int id; \
        if (!conn) \
            return -1; \
        if (args->field && !(obj = getter(conn, args->field))) \
            return -1; \
        id = remoteObjectRegister(client, Kind, obj, args->eventID); \
        if (obj) \
            nuvHandleUnref(obj); \
        if (id < 0) \
            return -1; \
        ret->callbackID = id; \
        return 0; \
    } \
    int \
    remoteDispatchConnect##Name##EventDeregisterAny(nuvRpcServer *srv, nuvRpcClient *client, \
                                                    nuvRpcMessage *msg, void *argsp, \
                                                    void *retp) \
    { \
        nuvRemoteConnect##Name##EventDeregisterAnyArgs *args = argsp; \
        return remoteObjectDeregister(client, Kind, args->callbackID) < 0 ? -1 : 0; \
    }

REGISTER(Network, REMOTE_OBJECT_NETWORK, virNetworkPtr, net, remoteGetNetwork)
REGISTER(StoragePool, REMOTE_OBJECT_STORAGE_POOL, virStoragePoolPtr, pool, remoteGetStoragePool)
REGISTER(NodeDevice, REMOTE_OBJECT_NODE_DEVICE, virNodeDevicePtr, dev, remoteGetNodeDevice)
REGISTER(Secret, REMOTE_OBJECT_SECRET, virSecretPtr, optSecret, remoteGetSecret)
