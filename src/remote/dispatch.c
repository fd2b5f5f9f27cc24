/*
 * dispatch.c: the hand-written part of the daemon side of the remote
 * program: the client's connection (open, close, features, auth), the
 * list calls, and the wire <-> handle helpers the generated dispatchers
 * use.
 */
#include <string.h>

#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/log.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* libvirt's private feature numbers (virConnectSupportsFeature). */
enum {
    REMOTE_FEATURE_FD_PASSING = 8,
    REMOTE_FEATURE_TYPED_PARAM_STRING = 9,
    REMOTE_FEATURE_PROGRAM_KEEPALIVE = 10,
    REMOTE_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    REMOTE_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
    REMOTE_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
};

static char *defaultURI;

void
remoteSetDefaultURI(const char *uri)
{
    g_free(defaultURI);
    defaultURI = g_strdup(uri);
}

/* ---- client state ---- */

static void *
remoteClientNew(nuvRpcClient *client)
{
    remoteClient *priv = g_new0(remoteClient, 1);

    priv->client = client;
    g_mutex_init(&priv->lock);
    priv->domainCallbacks = g_array_new(FALSE, FALSE, sizeof(int));
    priv->objectCallbacks = g_array_new(FALSE, FALSE, sizeof(int));
    priv->legacyCallback = -1;
    return priv;
}

static void
remoteClientClosed(void *opaque)
{
    remoteClient *priv = opaque;

    g_mutex_lock(&priv->lock);
    priv->closed = true;
    g_mutex_unlock(&priv->lock);
    remoteEventsDeregisterAll(priv);
    remoteStreamsAbortAll(priv);
}

static void
remoteClientFree(void *opaque)
{
    remoteClient *priv = opaque;

    remoteEventsDeregisterAll(priv);
    remoteStreamsAbortAll(priv);
    if (priv->conn)
        virConnectClose(priv->conn);
    g_array_free(priv->domainCallbacks, TRUE);
    g_array_free(priv->objectCallbacks, TRUE);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

const nuvRpcClientHooks remoteClientHooks = {
    .clientNew = remoteClientNew,
    .clientClose = remoteClientClosed,
    .clientFree = remoteClientFree,
    .streamMessage = remoteStreamMessage,
};

static bool
remoteClientReady(nuvRpcClient *client)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    bool ready;

    g_mutex_lock(&priv->lock);
    ready = priv->conn != NULL;
    g_mutex_unlock(&priv->lock);
    return ready;
}

virConnectPtr
remoteClientConn(nuvRpcClient *client)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn;

    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    g_mutex_unlock(&priv->lock);
    if (!conn)
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection not open");
    return conn;
}

int
remoteDispatchUnsupported(const char *name)
{
    nuvReportError(VIR_ERR_NO_SUPPORT, "%s", name);
    return -1;
}

/* ---- the connection ---- */

int
remoteDispatchConnectOpen(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg,
                          void *argsp, void *retp)
{
    nuvRemoteConnectOpenArgs *args = argsp;
    remoteClient *priv = nuvRpcClientPriv(client);
    const char *name = args->name && *args->name ? args->name : defaultURI;
    unsigned int flags = args->flags;
    virConnectPtr conn;

    /* A client of the read-only socket gets a read-only connection,
     * whatever it asked for. */
    if (nuvRpcClientIsReadOnly(client))
        flags |= VIR_CONNECT_RO;
    g_mutex_lock(&priv->lock);
    conn = priv->conn;
    g_mutex_unlock(&priv->lock);
    if (conn) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection already open");
        return -1;
    }
    NUV_DEBUG("client %p opens '%s' flags 0x%x", client, NUV_STR(name), flags);
    conn = (flags & VIR_CONNECT_RO) ? virConnectOpenReadOnly(name) : virConnectOpen(name);
    if (!conn)
        return -1;
    g_mutex_lock(&priv->lock);
    if (priv->conn) {
        g_mutex_unlock(&priv->lock);
        virConnectClose(conn);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "connection already open");
        return -1;
    }
    priv->conn = conn;
    g_mutex_unlock(&priv->lock);
    return 0;
}

int
remoteDispatchConnectClose(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg,
                           void *argsp, void *retp)
{
    remoteClient *priv = nuvRpcClientPriv(client);
    virConnectPtr conn;

    remoteEventsDeregisterAll(priv);
    g_mutex_lock(&priv->lock);
    conn = g_steal_pointer(&priv->conn);
    g_mutex_unlock(&priv->lock);
    if (conn)
        virConnectClose(conn);
    return 0;
}

int
remoteDispatchConnectSupportsFeature(nuvRpcServer *srv, nuvRpcClient *client,
                                     nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectSupportsFeatureArgs *args = argsp;
    nuvRemoteConnectSupportsFeatureRet *ret = retp;

    switch (args->feature) {
    case REMOTE_FEATURE_PROGRAM_KEEPALIVE:
        /* The client will ping us; we ping it back when it goes quiet. */
        nuvRpcClientStartKeepAlive(client);
        ret->supported = 1;
        break;
    case REMOTE_FEATURE_FD_PASSING:
    case REMOTE_FEATURE_TYPED_PARAM_STRING:
    case REMOTE_FEATURE_REMOTE_EVENT_CALLBACK:
    case REMOTE_FEATURE_REMOTE_CLOSE_CALLBACK:
    case REMOTE_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER:
        ret->supported = 1;
        break;
    default:
        /* Migration features: none of our drivers migrates yet. */
        ret->supported = 0;
        break;
    }
    return 0;
}

int
remoteDispatchAuthList(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg,
                       void *argsp, void *retp)
{
    nuvRemoteAuthListRet *ret = retp;

    /* UNIX sockets with auth none: the one type is REMOTE_AUTH_NONE (0). */
    ret->types.n = 1;
    ret->types.v = g_new0(int32_t, 1);
    return 0;
}

/* The close callback: the daemon never closes a connection under a client
 * other than by dropping the socket, which the client sees by itself. */
int
remoteDispatchConnectRegisterCloseCallback(nuvRpcServer *srv, nuvRpcClient *client,
                                           nuvRpcMessage *msg, void *argsp, void *retp)
{
    return remoteClientConn(client) ? 0 : -1;
}

int
remoteDispatchConnectUnregisterCloseCallback(nuvRpcServer *srv, nuvRpcClient *client,
                                             nuvRpcMessage *msg, void *argsp, void *retp)
{
    return remoteClientConn(client) ? 0 : -1;
}

/* The reply carries the domain again, with the id it now runs under. */
int
remoteDispatchDomainCreateWithFlags(nuvRpcServer *srv, nuvRpcClient *client,
                                    nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainCreateWithFlagsArgs *args = argsp;
    nuvRemoteDomainCreateWithFlagsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom, fresh;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (virDomainCreateWithFlags(dom, args->flags) < 0)
        goto cleanup;
    if (!(fresh = virDomainLookupByUUID(conn, dom->uuid)))
        goto cleanup;
    remoteMakeDomain(&ret->dom, fresh);
    nuvHandleUnref(fresh);
    rv = 0;
 cleanup:
    nuvHandleUnref(dom);
    return rv;
}

/* ---- lists ---- */

int
remoteDispatchConnectListAllDomains(nuvRpcServer *srv, nuvRpcClient *client,
                                    nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectListAllDomainsArgs *args = argsp;
    nuvRemoteConnectListAllDomainsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr *doms = NULL;
    int n;

    if (!conn)
        return -1;
    n = virConnectListAllDomains(conn, args->needResults ? &doms : NULL, args->flags);
    if (n < 0)
        return -1;
    if (n > NUV_REMOTE_DOMAIN_LIST_MAX) {
        for (int i = 0; doms && i < n; i++)
            nuvHandleUnref(doms[i]);
        free(doms);
        nuvReportError(VIR_ERR_RPC, "too many domains for one reply: %d > %d",
                       n, NUV_REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (doms) {
        ret->domains.n = n;
        ret->domains.v = g_new0(nuvRemoteDomain, n);
        for (int i = 0; i < n; i++) {
            remoteMakeDomain(&ret->domains.v[i], doms[i]);
            nuvHandleUnref(doms[i]);
        }
        free(doms);
    }
    ret->ret = n;
    return 0;
}

int
remoteDispatchConnectListDomains(nuvRpcServer *srv, nuvRpcClient *client,
                                 nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectListDomainsArgs *args = argsp;
    nuvRemoteConnectListDomainsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    int n;

    if (!conn)
        return -1;
    if (args->maxids < 0 || args->maxids > NUV_REMOTE_DOMAIN_LIST_MAX) {
        nuvReportError(VIR_ERR_RPC, "maxids %d is out of range 0..%d",
                       args->maxids, NUV_REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    ret->ids.v = g_new0(int32_t, args->maxids ? args->maxids : 1);
    n = virConnectListDomains(conn, (int *)ret->ids.v, args->maxids);
    if (n < 0)
        return -1;
    ret->ids.n = n;
    return 0;
}

int
remoteDispatchConnectListDefinedDomains(nuvRpcServer *srv, nuvRpcClient *client,
                                        nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteConnectListDefinedDomainsArgs *args = argsp;
    nuvRemoteConnectListDefinedDomainsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    int n;

    if (!conn)
        return -1;
    if (args->maxnames < 0 || args->maxnames > NUV_REMOTE_DOMAIN_LIST_MAX) {
        nuvReportError(VIR_ERR_RPC, "maxnames %d is out of range 0..%d",
                       args->maxnames, NUV_REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    ret->names.v = g_new0(char *, args->maxnames ? args->maxnames : 1);
    n = virConnectListDefinedDomains(conn, ret->names.v, args->maxnames);
    if (n < 0)
        return -1;
    ret->names.n = n;
    return 0;
}

/* ---- security labels ---- */

/* The model, DOI and label travel as counted char arrays that include the
 * terminating NUL, as libvirtd sends them. */
static void
remoteCharsFromString(const char *str, char **v, uint32_t *n)
{
    *n = strlen(str) + 1;
    *v = g_memdup2(str, *n);
}

int
remoteDispatchNodeGetSecurityModel(nuvRpcServer *srv, nuvRpcClient *client,
                                   nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteNodeGetSecurityModelRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virSecurityModel model;

    memset(&model, 0, sizeof(model));
    if (!conn || virNodeGetSecurityModel(conn, &model) < 0)
        return -1;
    remoteCharsFromString(model.model, &ret->model.v, &ret->model.n);
    remoteCharsFromString(model.doi, &ret->doi.v, &ret->doi.n);
    return 0;
}

int
remoteDispatchDomainGetSecurityLabel(nuvRpcServer *srv, nuvRpcClient *client,
                                     nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainGetSecurityLabelArgs *args = argsp;
    nuvRemoteDomainGetSecurityLabelRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virSecurityLabel label;
    virDomainPtr dom;
    int rv;

    memset(&label, 0, sizeof(label));
    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    rv = virDomainGetSecurityLabel(dom, &label);
    nuvHandleUnref(dom);
    if (rv < 0)
        return -1;
    remoteCharsFromString(label.label, &ret->label.v, &ret->label.n);
    ret->enforcing = label.enforcing;
    return 0;
}

const nuvRpcProgram remoteProgram = {
    .prog = NUV_REMOTE_PROGRAM,
    .vers = NUV_RPC_VERSION,
    .procs = remoteProcedures,
    .nprocs = NUV_REMOTE_PROC_LAST,
    .clientReady = remoteClientReady,
};
