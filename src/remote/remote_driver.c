/*
 * remote_driver.c: the remote driver, nuvirt as a client of a daemon
 * (nuvirtd or a stock libvirtd) over libvirt's wire protocol.
 *
 * Any URI with a transport (test+unix:///default, qemu+unix:///system)
 * comes here.  The generated stubs (remote_client.c) send one call per
 * driver slot; this file opens and closes the connection and keeps the
 * domain event registrations: the application's callbacks are registered
 * locally, the daemon is asked once per event ID, and the events it sends
 * are queued to the local callbacks, which run on the application's event
 * loop.
 */
#include <string.h>
#include <unistd.h>

#include "remote/remote_driver.h"
#include "remote/remote_arrays.h"
#include "remote/remote_object_events.h"
#include "driver/datatypes.h"
#include "driver/driver.h"
#include "driver/event.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/log.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

enum { REMOTE_AUTH_NONE = 0 };
/* libvirt's private feature number of the keepalive program. */
enum { REMOTE_FEATURE_PROGRAM_KEEPALIVE = 10 };

static remotePriv *
remotePrivOf(virConnectPtr conn)
{
    return conn->privateData;
}

int
remoteCall(virConnectPtr conn, int proc, nuvXdrFilter argsFilter, void *args,
           nuvXdrFilter retFilter, void *ret)
{
    remotePriv *priv = remotePrivOf(conn);

    return nuvRpcConnCall(priv->rpc, NUV_REMOTE_PROGRAM, proc, argsFilter, args,
                          retFilter, ret);
}

/* The daemon's socket: ?socket=, else libvirt's default for this user. */
static char *
remoteSocketPath(nuvURI *uri, bool readonly)
{
    for (size_t i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, "socket") == 0)
            return g_strdup(uri->params[i].value);
    }
    if (geteuid() == 0)
        return g_strdup(readonly ? "/run/libvirt/libvirt-sock-ro" : "/run/libvirt/libvirt-sock");
    return g_build_filename(g_get_user_runtime_dir(), "libvirt", "libvirt-sock", NULL);
}

/* The URI the daemon opens: no transport, no host, no client-side
 * parameters (or the one given with ?name=). */
static char *
remoteDaemonURI(nuvURI *uri)
{
    g_autofree char *driver = NULL;
    GString *s;
    bool first = true;

    for (size_t i = 0; i < uri->nparams; i++) {
        if (strcmp(uri->params[i].name, "name") == 0)
            return g_strdup(uri->params[i].value);
    }
    nuvURISplitScheme(uri->scheme, &driver, NULL);
    s = g_string_new(NULL);
    g_string_append_printf(s, "%s://%s", driver, uri->path ? uri->path : "/");
    for (size_t i = 0; i < uri->nparams; i++) {
        static const char *const clientSide[] = {
            "socket", "no_verify", "no_tty", "keyfile", "command", "netcat", "pkipath",
            "sshauth", "known_hosts", "known_hosts_verify", "mode", "proxy", "tls_priority",
            NULL,
        };
        if (g_strv_contains(clientSide, uri->params[i].name))
            continue;
        g_string_append_printf(s, "%c%s=%s", first ? '?' : '&', uri->params[i].name,
                               uri->params[i].value);
        first = false;
    }
    return g_string_free(s, FALSE);
}

static void remoteEventMessage(nuvRpcConn *rpc, nuvRpcMessage *msg, void *opaque);

static void
remotePrivFree(remotePriv *priv)
{
    if (!priv)
        return;
    nuvRpcConnFree(priv->rpc);
    nuvEventStateFree(priv->events);
    g_array_free(priv->localIDs, TRUE);
    g_free(priv->type);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

/* The connection to the daemon died (event loop): the application's
 * close callback hears why. */
static void
remoteConnectionClosed(int reason, void *opaque)
{
    virConnectPtr conn = opaque;
    virConnectCloseFunc cb;
    void *cbOpaque;

    g_mutex_lock(&conn->lock);
    cb = conn->closeCb;
    cbOpaque = conn->closeOpaque;
    g_mutex_unlock(&conn->lock);
    NUV_DEBUG("connection %p closed, reason %d", (void *)conn, reason);
    if (cb)
        cb(conn, reason, cbOpaque);
}

/* libvirt's answers: 1 when the daemon has no keepalive program, -1 when
 * no event loop can run the pings. */
static int
remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    remotePriv *priv = remotePrivOf(conn);
    nuvRemoteConnectSupportsFeatureArgs args = { .feature = REMOTE_FEATURE_PROGRAM_KEEPALIVE };
    nuvRemoteConnectSupportsFeatureRet ret = { 0 };

    if (!nuvEventIsRegistered()) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "the caller doesn't support keepalive protocol; perhaps it's "
                       "missing event loop implementation");
        return -1;
    }
    if (remoteCall(conn, NUV_REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                   nuvRemoteConnectSupportsFeatureArgsFilter, &args,
                   nuvRemoteConnectSupportsFeatureRetFilter, &ret) < 0)
        return -1;
    if (!ret.supported)
        return 1;
    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    return nuvRpcConnSetKeepAlive(priv->rpc, interval, count);
}

static int
remoteConnectIsAlive(virConnectPtr conn)
{
    return nuvRpcConnIsAlive(remotePrivOf(conn)->rpc) ? 1 : 0;
}

static nuvDrvOpenStatus
remoteConnectOpen(virConnectPtr conn, nuvURI *uri, virConnectAuthPtr auth, unsigned int flags)
{
    g_autofree char *transport = NULL;
    g_autofree char *path = NULL;
    g_autofree char *name = NULL;
    nuvRemoteAuthListRet auth_ret = { 0 };
    nuvRemoteConnectOpenArgs open_args = { 0 };
    remotePriv *priv;
    bool none = false;
    bool tcp;

    if (!uri || !uri->scheme)
        return NUV_DRV_OPEN_DECLINED;
    nuvURISplitScheme(uri->scheme, NULL, &transport);
    if (transport && *transport && strcmp(transport, "unix") != 0 &&
        strcmp(transport, "tcp") != 0) {
        nuvReportError(VIR_ERR_NO_CONNECT, "%s (the remote driver has only the unix and "
                       "tcp transports yet, not '%s')", conn->uri, transport);
        return NUV_DRV_OPEN_ERROR;
    }
    tcp = transport && strcmp(transport, "tcp") == 0;
    if (!tcp && uri->server && *uri->server && !(transport && strcmp(transport, "unix") == 0)) {
        nuvReportError(VIR_ERR_NO_CONNECT, "%s (the remote driver reaches only local "
                       "UNIX sockets yet, not host '%s')", conn->uri, uri->server);
        return NUV_DRV_OPEN_ERROR;
    }
    path = remoteSocketPath(uri, flags & VIR_CONNECT_RO);
    name = remoteDaemonURI(uri);

    priv = g_new0(remotePriv, 1);
    g_mutex_init(&priv->lock);
    priv->events = nuvEventStateNew();
    priv->localIDs = g_array_new(FALSE, FALSE, sizeof(int));
    if (tcp) {
        /* libvirt's default port for plain TCP. */
        g_autofree char *port = g_strdup_printf("%d", uri->port > 0 ? uri->port : 16509);

        priv->rpc = nuvRpcConnOpenTcp(uri->server && *uri->server ? uri->server : "localhost",
                                      port);
    } else {
        priv->rpc = nuvRpcConnOpenUnix(path);
    }
    if (!priv->rpc)
        goto error;
    nuvRpcConnSetEventFunc(priv->rpc, remoteEventMessage, conn);
    conn->privateData = priv;

    if (remoteCall(conn, NUV_REMOTE_PROC_AUTH_LIST, NULL, NULL,
                   nuvRemoteAuthListRetFilter, &auth_ret) < 0)
        goto error;
    for (uint32_t i = 0; i < auth_ret.types.n; i++)
        none |= auth_ret.types.v[i] == REMOTE_AUTH_NONE;
    if (auth_ret.types.n == 0)
        none = true;
    nuvXdrFreeObj(nuvRemoteAuthListRetFilter, &auth_ret);
    if (!none) {
        nuvReportError(VIR_ERR_AUTH_FAILED, "%s",
                       "the daemon asks for SASL or polkit authentication, not available yet");
        goto error;
    }
    open_args.name = name;
    open_args.flags = flags & VIR_CONNECT_RO;
    if (remoteCall(conn, NUV_REMOTE_PROC_CONNECT_OPEN, nuvRemoteConnectOpenArgsFilter,
                   &open_args, NULL, NULL) < 0)
        goto error;
    /* As libvirt's client: with an event loop, the socket is watched from
     * the start, so that a daemon going away is noticed (close callback)
     * and its pings answered between calls. */
    nuvRpcConnSetCloseFunc(priv->rpc, remoteConnectionClosed, conn);
    if (nuvRpcConnWatch(priv->rpc) < 0)
        nuvErrorReset();
    NUV_DEBUG("opened '%s' on %s", name, path);
    return NUV_DRV_OPEN_SUCCESS;

 error:
    conn->privateData = NULL;
    remotePrivFree(priv);
    return NUV_DRV_OPEN_ERROR;
}

static int
remoteConnectClose(virConnectPtr conn)
{
    remotePriv *priv = remotePrivOf(conn);
    int rv;

    nuvEventDeregisterConnection(priv->events, conn);
    rv = remoteCall(conn, NUV_REMOTE_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL);
    conn->privateData = NULL;
    remotePrivFree(priv);
    return rv;
}

/* The type is returned as a constant string: keep the daemon's answer for
 * the connection's lifetime. */
static const char *
remoteConnectGetType(virConnectPtr conn)
{
    remotePriv *priv = remotePrivOf(conn);
    nuvRemoteConnectGetTypeRet ret = { 0 };
    const char *type;

    g_mutex_lock(&priv->lock);
    type = priv->type;
    g_mutex_unlock(&priv->lock);
    if (type)
        return type;
    if (remoteCall(conn, NUV_REMOTE_PROC_CONNECT_GET_TYPE, NULL, NULL,
                   nuvRemoteConnectGetTypeRetFilter, &ret) < 0)
        return NULL;
    g_mutex_lock(&priv->lock);
    if (!priv->type)
        priv->type = g_steal_pointer(&ret.type);
    type = priv->type;
    g_mutex_unlock(&priv->lock);
    g_free(ret.type);
    return type;
}

/* Starting a domain gives it an id: the handle learns it, as callers of
 * virDomainGetID expect right after virDomainCreate. */
static int
remoteDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    nuvRemoteDomainCreateWithFlagsArgs args = { .flags = flags };
    nuvRemoteDomainCreateWithFlagsRet ret = { 0 };
    int rv;

    remoteMakeDomain(&args.dom, dom);
    rv = remoteCall(dom->conn, NUV_REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                    nuvRemoteDomainCreateWithFlagsArgsFilter, &args,
                    nuvRemoteDomainCreateWithFlagsRetFilter, &ret);
    if (rv == 0)
        dom->id = ret.dom.id;
    nuvXdrFreeObj(nuvRemoteDomainCreateWithFlagsArgsFilter, &args);
    nuvXdrFreeObj(nuvRemoteDomainCreateWithFlagsRetFilter, &ret);
    return rv;
}

static int
remoteDomainCreate(virDomainPtr dom)
{
    nuvRemoteDomainCreateArgs args = { 0 };
    nuvRemoteDomainLookupByUuidArgs largs = { 0 };
    nuvRemoteDomainLookupByUuidRet lret = { 0 };
    int rv;

    remoteMakeDomain(&args.dom, dom);
    rv = remoteCall(dom->conn, NUV_REMOTE_PROC_DOMAIN_CREATE, nuvRemoteDomainCreateArgsFilter,
                    &args, NULL, NULL);
    nuvXdrFreeObj(nuvRemoteDomainCreateArgsFilter, &args);
    if (rv < 0)
        return -1;
    /* The old call's reply is empty: ask for the id. */
    memcpy(largs.uuid, dom->uuid, VIR_UUID_BUFLEN);
    if (remoteCall(dom->conn, NUV_REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                   nuvRemoteDomainLookupByUuidArgsFilter, &largs,
                   nuvRemoteDomainLookupByUuidRetFilter, &lret) == 0)
        dom->id = lret.dom.id;
    nuvErrorReset();
    nuvXdrFreeObj(nuvRemoteDomainLookupByUuidRetFilter, &lret);
    return 0;
}

/* ---- domain events ---- */

static void
remoteEventMessage(nuvRpcConn *rpc, nuvRpcMessage *msg, void *opaque)
{
    virConnectPtr conn = opaque;
    remotePriv *priv = remotePrivOf(conn);
    nuvEvent *ev = NULL;

    if (!priv || msg->header.prog != NUV_REMOTE_PROGRAM)
        return;
    if (!(ev = remoteDomainEventFromMessage(msg)) &&
        !(ev = remoteObjectEventFromMessage(msg)))
        NUV_DEBUG("ignoring event procedure %d", msg->header.proc);
    nuvErrorReset();
    if (ev)
        nuvEventQueue(priv->events, ev);
}

static int
remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                    virConnectDomainEventGenericCallback cb, void *opaque,
                                    virFreeCallback freecb)
{
    remotePriv *priv = remotePrivOf(conn);
    int id;

    if (eventID >= 0 && eventID < VIR_DOMAIN_EVENT_ID_LAST &&
        !remoteDomainEventReceivable(eventID)) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "domain event %d through the remote driver", eventID);
        return -1;
    }
    if (nuvRpcConnWatch(priv->rpc) < 0)
        return -1;
    id = nuvEventRegisterDomain(priv->events, conn, dom, eventID, cb, opaque, freecb);
    if (id < 0)
        return -1;
    /* One registration on the daemon per event ID, for every domain; the
     * local state filters by domain. */
    g_mutex_lock(&priv->lock);
    if (priv->eventRefs[eventID]++ == 0) {
        nuvRemoteConnectDomainEventCallbackRegisterAnyArgs args = { .eventID = eventID };
        nuvRemoteConnectDomainEventCallbackRegisterAnyRet ret = { 0 };
        if (remoteCall(conn, NUV_REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                       nuvRemoteConnectDomainEventCallbackRegisterAnyArgsFilter, &args,
                       nuvRemoteConnectDomainEventCallbackRegisterAnyRetFilter, &ret) < 0) {
            priv->eventRefs[eventID]--;
            g_mutex_unlock(&priv->lock);
            virErrorPtr saved = nuvErrorPreserve();
            nuvEventDeregister(priv->events, conn, id);
            nuvErrorRestore(&saved);
            return -1;
        }
        priv->serverIDs[eventID] = ret.callbackID;
    }
    g_array_append_vals(priv->localIDs, (int[]){ id, eventID }, 2);
    g_mutex_unlock(&priv->lock);
    return id;
}

static int
remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    remotePriv *priv = remotePrivOf(conn);
    int eventID = -1;

    g_mutex_lock(&priv->lock);
    for (guint i = 0; i + 1 < priv->localIDs->len; i += 2) {
        if (g_array_index(priv->localIDs, int, i) == callbackID &&
            g_array_index(priv->localIDs, int, i + 1) < VIR_DOMAIN_EVENT_ID_LAST) {
            eventID = g_array_index(priv->localIDs, int, i + 1);
            g_array_remove_range(priv->localIDs, i, 2);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (eventID < 0 || nuvEventDeregister(priv->events, conn, callbackID) < 0) {
        if (eventID < 0)
            nuvReportError(VIR_ERR_INVALID_ARG, "could not find event callback %d", callbackID);
        return -1;
    }
    g_mutex_lock(&priv->lock);
    if (--priv->eventRefs[eventID] == 0) {
        nuvRemoteConnectDomainEventCallbackDeregisterAnyArgs args = {
            .callbackID = priv->serverIDs[eventID] };
        g_mutex_unlock(&priv->lock);
        return remoteCall(conn, NUV_REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                          nuvRemoteConnectDomainEventCallbackDeregisterAnyArgsFilter, &args,
                          NULL, NULL);
    }
    g_mutex_unlock(&priv->lock);
    return 0;
}

static const char *const remoteSchemes[] = { NULL };

static nuvHypervisorDriver remoteHypervisorDriverFull;
static nuvNetworkDriver remoteNetworkDriverFull;
static nuvSecretDriver remoteSecretDriverFull;
static nuvStorageDriver remoteStorageDriverFull;
static nuvNodeDeviceDriver remoteNodeDeviceDriverFull;

static nuvConnectDriver remoteConnectDriver = {
    .name = "remote",
    .uriSchemes = NULL,
    .remoteOnly = true,
    .connectOpen = remoteConnectOpen,
    .connectClose = remoteConnectClose,
    .hypervisor = &remoteHypervisorDriverFull,
    .network = &remoteNetworkDriverFull,
    .storage = &remoteStorageDriverFull,
    .secret = &remoteSecretDriverFull,
    .iface = &remoteInterfaceDriver,
    .nodedev = &remoteNodeDeviceDriverFull,
    .nwfilter = &remoteNWFilterDriver,
};

int
remoteRegister(void)
{
    /* The generated table plus the hand-written slots. */
    remoteHypervisorDriverFull = remoteHypervisorDriver;
    remoteHypervisorDriverFull.connectGetType = remoteConnectGetType;
    remoteHypervisorDriverFull.domainCreate = remoteDomainCreate;
    remoteHypervisorDriverFull.connectSetKeepAlive = remoteConnectSetKeepAlive;
    remoteHypervisorDriverFull.connectIsAlive = remoteConnectIsAlive;
    remoteHypervisorDriverFull.domainCreateWithFlags = remoteDomainCreateWithFlags;
    remoteHypervisorDriverFull.connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny;
    remoteHypervisorDriverFull.connectDomainEventDeregisterAny =
        remoteConnectDomainEventDeregisterAny;
    remoteNetworkDriverFull = remoteNetworkDriver;
    remoteSecretDriverFull = remoteSecretDriver;
    remoteStorageDriverFull = remoteStorageDriver;
    remoteNodeDeviceDriverFull = remoteNodeDeviceDriver;
    remoteFDsFill(&remoteHypervisorDriverFull);
    remoteArraysFill(&remoteHypervisorDriverFull, &remoteNetworkDriverFull,
                     &remoteSecretDriverFull);
    remoteObjectEventsFill(&remoteNetworkDriverFull, &remoteStorageDriverFull,
                           &remoteNodeDeviceDriverFull, &remoteSecretDriverFull);
    (void)remoteSchemes;
    return nuvDriverRegister(&remoteConnectDriver);
}
