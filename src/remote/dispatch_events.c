/*
 * dispatch_events.c: domain event registrations of remote clients, and the
 * MESSAGE packets that carry each event back to the client.
 *
 * A client registers through the public API on its own connection inside
 * the daemon; the library calls our callback on the daemon's event loop,
 * which encodes the event and queues it on the client's socket.  The
 * callback-ID forms (the procedures stock clients use since libvirt 1.2.1)
 * carry the ID the registration returned; the old form (procedure 105)
 * gets lifecycle events as procedure 107.
 */
#include <string.h>

#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static void
remoteEventCbFree(void *opaque)
{
    remoteEventCb *cb = opaque;

    nuvRpcClientUnref(cb->client);
    g_free(cb);
}

void
remoteEventSendMessage(nuvRpcClient *client, int proc, nuvXdrFilter filter, void *body)
{
    nuvRpcMessage *msg = nuvRpcMessageNew();

    msg->header = (nuvRpcHeader){ NUV_REMOTE_PROGRAM, NUV_RPC_VERSION, proc,
                                  NUV_RPC_MESSAGE, 0, NUV_RPC_OK };
    nuvRpcMessageEncodeHeader(msg);
    if (nuvRpcMessageEncodeBody(msg, filter, body) < 0) {
        NUV_DEBUG("dropping event %d: %s", proc, nuvErrorCurrent()->message);
        nuvErrorReset();
        nuvRpcMessageFree(msg);
        return;
    }
    nuvRpcClientSend(client, msg);
}

/* Each callback fills the event's body, whose first member is the domain
 * in every callback-ID form (sometimes inside an embedded old body). */
#define EVENT_ID(cb) g_atomic_int_get(&(cb)->callbackID)

static void
remoteEventLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    remoteEventCb *cb = opaque;

    if (EVENT_ID(cb) < 0)
        return;
    if (cb->legacy) {
        nuvRemoteDomainEventLifecycleMsg m = { .event = event, .detail = detail };
        remoteMakeDomain(&m.dom, dom);
        remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE,
                        nuvRemoteDomainEventLifecycleMsgFilter, &m);
        nuvXdrFreeObj(nuvRemoteDomainEventLifecycleMsgFilter, &m);
        return;
    }
    nuvRemoteDomainEventCallbackLifecycleMsg m = {
        .callbackID = EVENT_ID(cb), .msg = { .event = event, .detail = detail } };
    remoteMakeDomain(&m.msg.dom, dom);
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    nuvRemoteDomainEventCallbackLifecycleMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteDomainEventCallbackLifecycleMsgFilter, &m);
}

static void
remoteEventGraphicsAddress(nuvRemoteDomainEventGraphicsAddress *out,
                           const virDomainEventGraphicsAddress *in)
{
    out->family = in ? in->family : 0;
    out->node = g_strdup(in && in->node ? in->node : "");
    out->service = g_strdup(in && in->service ? in->service : "");
}

/* Its callback takes structures: written here. */
static void
remoteEventGraphics(virConnectPtr conn, virDomainPtr dom, int phase,
                    const virDomainEventGraphicsAddress *local,
                    const virDomainEventGraphicsAddress *remote, const char *authScheme,
                    const virDomainEventGraphicsSubject *subject, void *opaque)
{
    remoteEventCb *cb = opaque;
    nuvRemoteDomainEventCallbackGraphicsMsg m = { .callbackID = EVENT_ID(cb) };
    uint32_t n = 0;

    if (m.callbackID < 0)
        return;
    remoteMakeDomain(&m.msg.dom, dom);
    m.msg.phase = phase;
    remoteEventGraphicsAddress(&m.msg.local, local);
    remoteEventGraphicsAddress(&m.msg.remote, remote);
    m.msg.authScheme = g_strdup(authScheme ? authScheme : "");
    if (subject && subject->nidentity > 0)
        n = MIN((uint32_t)subject->nidentity, NUV_REMOTE_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX);
    m.msg.subject.n = n;
    m.msg.subject.v = g_new0(nuvRemoteDomainEventGraphicsIdentity, n);
    for (uint32_t i = 0; i < n; i++) {
        const virDomainEventGraphicsSubjectIdentity *id = &subject->identities[i];

        m.msg.subject.v[i].type = g_strdup(id->type ? id->type : "");
        m.msg.subject.v[i].name = g_strdup(id->name ? id->name : "");
    }
    remoteEventSendMessage(cb->client, NUV_REMOTE_PROC_DOMAIN_EVENT_CALLBACK_GRAPHICS,
                           nuvRemoteDomainEventCallbackGraphicsMsgFilter, &m);
    nuvXdrFreeObj(nuvRemoteDomainEventCallbackGraphicsMsgFilter, &m);
}

/* Lifecycle events by hand (the old registration form gets them too), and
 * graphics; every other kind through its generated sender. */
static virConnectDomainEventGenericCallback
remoteEventCallbackFor(int eventID)
{
    if (eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        return VIR_DOMAIN_EVENT_CALLBACK(remoteEventLifecycle);
    if (eventID == VIR_DOMAIN_EVENT_ID_GRAPHICS)
        return VIR_DOMAIN_EVENT_CALLBACK(remoteEventGraphics);
    return remoteDomainEventSenderFor(eventID);
}

/* Register on the client's connection; the new ID, or -1. */
static int
remoteEventRegister(nuvRpcClient *client, virDomainPtr dom, int eventID, bool legacy)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn = remoteClientConn(client);
    virConnectDomainEventGenericCallback fn;
    remoteEventCb *cb;
    int id;
    bool closed;

    if (!conn)
        return -1;
    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    if (!(fn = remoteEventCallbackFor(eventID))) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "domain event %d over the remote protocol", eventID);
        return -1;
    }
    cb = g_new0(remoteEventCb, 1);
    cb->client = nuvRpcClientRef(client);
    cb->callbackID = -1;
    cb->legacy = legacy;
    id = virConnectDomainEventRegisterAny(conn, dom, eventID, fn, cb, remoteEventCbFree);
    if (id < 0)
        return -1;   /* the library called remoteEventCbFree */
    g_mutex_lock(&priv->lock);
    closed = priv->closed;
    if (!closed)
        g_array_append_val(priv->domainCallbacks, id);
    g_mutex_unlock(&priv->lock);
    if (closed) {
        /* The client went away while we registered. */
        virConnectDomainEventDeregisterAny(conn, id);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "client closed");
        return -1;
    }
    g_atomic_int_set(&cb->callbackID, id);
    return id;
}

static int
remoteEventDeregister(nuvRpcClient *client, int id)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn = remoteClientConn(client);
    bool found = false;

    if (!conn)
        return -1;
    g_mutex_lock(&priv->lock);
    for (guint i = 0; i < priv->domainCallbacks->len; i++) {
        if (g_array_index(priv->domainCallbacks, int, i) == id) {
            g_array_remove_index_fast(priv->domainCallbacks, i);
            found = true;
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (!found) {
        nuvReportError(VIR_ERR_INVALID_ARG, "callback %d is not registered by this client", id);
        return -1;
    }
    return virConnectDomainEventDeregisterAny(conn, id);
}

void
remoteEventsDeregisterAll(remoteClient *priv)
{
    g_autoptr(GArray) ids = NULL;
    virConnectPtr conn;

    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    ids = g_steal_pointer(&priv->domainCallbacks);
    priv->domainCallbacks = g_array_new(FALSE, FALSE, sizeof(int));
    priv->legacyCallback = -1;
    if (conn)
        virConnectRef(conn);
    g_mutex_unlock(&priv->lock);
    if (!conn)
        return;
    for (guint i = 0; i < ids->len; i++)
        virConnectDomainEventDeregisterAny(conn, g_array_index(ids, int, i));
    remoteObjectEventsDeregisterAll(priv, conn);
    virConnectClose(conn);
}

int
remoteDispatchConnectDomainEventCallbackRegisterAny(nuvRpcServer *srv, nuvRpcClient *client,
                                                    nuvRpcMessage *msg, void *argsp,
                                                    void *retp)
{
    nuvRemoteConnectDomainEventCallbackRegisterAnyArgs *args = argsp;
    nuvRemoteConnectDomainEventCallbackRegisterAnyRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom = NULL;
    int id;

    if (!conn)
        return -1;
    if (args->dom && !(dom = remoteGetDomain(conn, args->dom)))
        return -1;
    id = remoteEventRegister(client, dom, args->eventID, false);
    if (dom)
        nuvHandleUnref(dom);
    if (id < 0)
        return -1;
    ret->callbackID = id;
    return 0;
}

int
remoteDispatchConnectDomainEventCallbackDeregisterAny(nuvRpcServer *srv,
                                                      nuvRpcClient *client,
                                                      nuvRpcMessage *msg, void *argsp,
                                                      void *retp)
{
    nuvRemoteConnectDomainEventCallbackDeregisterAnyArgs *args = argsp;

    return remoteEventDeregister(client, args->callbackID) < 0 ? -1 : 0;
}

int
remoteDispatchConnectDomainEventRegister(nuvRpcServer *srv, nuvRpcClient *client,
                                         nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectDomainEventRegisterRet *ret = retp;
    remoteClient *priv = nuvRpcClientPriv(client);
    int id;

    g_mutex_lock(&priv->lock);
    id = priv->legacyCallback;
    g_mutex_unlock(&priv->lock);
    if (id < 0) {
        if ((id = remoteEventRegister(client, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE, true)) < 0)
            return -1;
        g_mutex_lock(&priv->lock);
        priv->legacyCallback = id;
        g_mutex_unlock(&priv->lock);
    }
    ret->cbRegistered = 1;
    return 0;
}

int
remoteDispatchConnectDomainEventDeregister(nuvRpcServer *srv, nuvRpcClient *client,
                                           nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectDomainEventDeregisterRet *ret = retp;
    remoteClient *priv = nuvRpcClientPriv(client);
    int id;

    g_mutex_lock(&priv->lock);
    id = priv->legacyCallback;
    priv->legacyCallback = -1;
    g_mutex_unlock(&priv->lock);
    if (id >= 0 && remoteEventDeregister(client, id) < 0)
        return -1;
    ret->cbRegistered = 0;
    return 0;
}
