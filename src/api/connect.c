/*
 * connect.c: library initialisation and connections.
 *
 * Opening a connection parses the URI and offers it to each registered
 * driver in turn: a driver whose schemes do not match is skipped, one
 * that declines passes it on, the first that accepts serves the
 * connection for its whole life.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/api-internal.h"
#include "driver/state.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static GOnce initOnce = G_ONCE_INIT;

static gpointer
initialize(gpointer data G_GNUC_UNUSED)
{
    nuvLogInit();
    if (nuvDriversInitialize() < 0)
        return GINT_TO_POINTER(-1);
    return GINT_TO_POINTER(0);
}

int
nuvApiEnsureInitialized(void)
{
    if (GPOINTER_TO_INT(g_once(&initOnce, initialize, NULL)) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "library initialization failed");
        return -1;
    }
    return 0;
}

int
virInitialize(void)
{
    return nuvApiEnsureInitialized();
}

int
virGetVersion(unsigned long *libVer, const char *type G_GNUC_UNUSED,
              unsigned long *typeVer)
{
    nuvErrorReset();
    if (nuvApiEnsureInitialized() < 0)
        goto error;
    if (!libVer) {
        nuvApiNullArg(VIR_FROM_NONE, "libVer", __func__);
        goto error;
    }
    *libVer = LIBVIR_VERSION_NUMBER;
    if (typeVer)
        *typeVer = LIBVIR_VERSION_NUMBER;
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}

static bool
schemeMatches(const nuvConnectDriver *drv, const char *scheme)
{
    if (!drv->uriSchemes)
        return true;
    for (size_t i = 0; drv->uriSchemes[i]; i++) {
        if (g_strcmp0(drv->uriSchemes[i], scheme) == 0)
            return true;
    }
    return false;
}

/* DRIVER:///embed?root=DIR: the driver's state lives under DIR in this
 * process; start the state drivers there (a second open with the same
 * root shares them). */
static int
connectStartEmbedded(nuvURI *uri)
{
    const char *root = nuvURIFindParam(uri, "root");

    if (!root || !*root) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "the embedded driver needs a 'root' URI parameter");
        return -1;
    }
    return nuvStateInitialize(geteuid() == 0, root, true);
}

/* Offer the connection to each driver; report an error if none takes it. */
static int
connectPickDriver(virConnectPtr conn, nuvURI *uri, const char *name,
                  virConnectAuthPtr auth, unsigned int flags)
{
    g_autofree char *driverScheme = NULL;
    g_autofree char *transport = NULL;
    bool hasRemotePart = false;

    if (uri) {
        const char *plus = uri->scheme ? strchr(uri->scheme, '+') : NULL;
        driverScheme = plus ? g_strndup(uri->scheme, plus - uri->scheme) : g_strdup(uri->scheme);
        transport = plus ? g_strdup(plus + 1) : NULL;
        hasRemotePart = transport || (uri->server && *uri->server);
    }

    for (size_t i = 0; i < nuvDriverCount(); i++) {
        const nuvConnectDriver *drv = nuvDriverAt(i);
        nuvDrvOpenStatus st;

        if (uri && !schemeMatches(drv, driverScheme))
            continue;
        if (drv->localOnly && hasRemotePart)
            continue;
        if (drv->remoteOnly && !hasRemotePart)
            continue;

        if (drv->embeddable && uri && g_strcmp0(uri->path, "/embed") == 0 &&
            connectStartEmbedded(uri) < 0)
            return -1;

        conn->driver = drv;
        st = drv->connectOpen(conn, uri, auth, flags);
        if (st == NUV_DRV_OPEN_SUCCESS) {
            /* The shared secondary drivers serve what it brings none of. */
            if ((conn->composedDriver = nuvDriverCompose(drv)))
                conn->driver = conn->composedDriver;
            return 0;
        }
        conn->driver = NULL;
        if (st == NUV_DRV_OPEN_ERROR)
            return -1;
    }

    if (hasRemotePart) {
        nuvReportError(VIR_ERR_NO_CONNECT,
                       "%s (remote connections are not available in this build yet)",
                       name);
    } else {
        nuvReportError(VIR_ERR_NO_CONNECT, "%s", name ? name : "the default URI");
    }
    return -1;
}

static virConnectPtr
connectOpen(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    virConnectPtr conn = NULL;
    const char *env;

    if (nuvApiEnsureInitialized() < 0)
        return NULL;
    NUV_DEBUG("name=%s, auth=%p, flags=0x%x", NUV_STR(name), (void *)auth, flags);

    if ((!name || !*name) && (env = getenv("LIBVIRT_DEFAULT_URI")) && *env)
        name = env;

    conn = nuvGetConnect();
    conn->flags = flags & VIR_CONNECT_RO;
    if (name && *name) {
        if (!(conn->parsedURI = nuvURIParse(name)))
            goto error;
        conn->uri = g_strdup(name);
    }

    if (connectPickDriver(conn, conn->parsedURI, conn->uri, auth, flags) < 0)
        goto error;
    return conn;

 error:
    nuvHandleUnref(conn);
    return NULL;
}

virConnectPtr
virConnectOpen(const char *name)
{
    virConnectPtr conn;

    nuvErrorReset();
    if (!(conn = connectOpen(name, NULL, 0)))
        virDispatchError(NULL);
    return conn;
}

virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    virConnectPtr conn;

    nuvErrorReset();
    if (!(conn = connectOpen(name, NULL, VIR_CONNECT_RO)))
        virDispatchError(NULL);
    return conn;
}

virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    virConnectPtr conn = NULL;

    nuvErrorReset();
    if (flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES), __func__);
        goto error;
    }
    if (!(conn = connectOpen(name, auth, flags)))
        goto error;
    return conn;

 error:
    virDispatchError(NULL);
    return NULL;
}

int
virConnectClose(virConnectPtr conn)
{
    nuvErrorReset();
    if (!nuvHandleIsValid(conn, NUV_MAGIC_CONNECT)) {
        nuvReportError(VIR_ERR_INVALID_CONN, "%s", __func__);
        virDispatchError(NULL);
        return -1;
    }
    return nuvHandleUnref(conn);
}

int
virConnectRef(virConnectPtr conn)
{
    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    nuvHandleRef(conn);
    return 0;
}

char *
virConnectGetURI(virConnectPtr conn)
{
    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return NULL;
    }
    if (conn->parsedURI)
        return nuvURIFormat(conn->parsedURI);
    return g_strdup(conn->uri ? conn->uri : "");
}

int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (!libVer) {
        nuvApiNullArg(VIR_FROM_DOMAIN, "libVer", __func__);
        virDispatchError(conn);
        return -1;
    }
    *libVer = LIBVIR_VERSION_NUMBER;
    return 0;
}

int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                void *opaque, virFreeCallback freecb)
{
    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (!cb) {
        nuvApiNullArg(VIR_FROM_DOMAIN, "cb", __func__);
        goto error;
    }
    g_mutex_lock(&conn->lock);
    if (conn->closeCb) {
        g_mutex_unlock(&conn->lock);
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "A close callback is already registered");
        goto error;
    }
    conn->closeCb = cb;
    conn->closeOpaque = opaque;
    conn->closeFreeCb = freecb;
    g_mutex_unlock(&conn->lock);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    virFreeCallback freecb;
    void *opaque;

    nuvErrorReset();
    if (!nuvApiCheckConnect(conn, __func__)) {
        virDispatchError(NULL);
        return -1;
    }
    if (!cb) {
        nuvApiNullArg(VIR_FROM_DOMAIN, "cb", __func__);
        goto error;
    }
    g_mutex_lock(&conn->lock);
    if (conn->closeCb != cb) {
        g_mutex_unlock(&conn->lock);
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "A different callback was requested");
        goto error;
    }
    freecb = conn->closeFreeCb;
    opaque = conn->closeOpaque;
    conn->closeCb = NULL;
    conn->closeOpaque = NULL;
    conn->closeFreeCb = NULL;
    g_mutex_unlock(&conn->lock);
    if (freecb)
        freecb(opaque);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/* The default authentication callback: prompt on the terminal. */
static int
defaultAuthCallback(virConnectCredentialPtr cred, unsigned int ncred,
                    void *cbdata G_GNUC_UNUSED)
{
    for (unsigned int i = 0; i < ncred; i++) {
        char buf[1024];
        size_t len;

        switch (cred[i].type) {
        case VIR_CRED_USERNAME:
        case VIR_CRED_AUTHNAME:
        case VIR_CRED_ECHOPROMPT:
        case VIR_CRED_REALM:
        case VIR_CRED_PASSPHRASE:
        case VIR_CRED_NOECHOPROMPT:
            if (fprintf(stdout, "%s: ", cred[i].prompt ? cred[i].prompt : "Value") < 0)
                return -1;
            fflush(stdout);
            if (!fgets(buf, sizeof(buf), stdin))
                return -1;
            len = strlen(buf);
            if (len && buf[len - 1] == '\n')
                buf[--len] = '\0';
            if (!len && cred[i].defresult) {
                cred[i].result = g_strdup(cred[i].defresult);
            } else {
                cred[i].result = g_strdup(buf);
            }
            cred[i].resultlen = strlen(cred[i].result);
            break;
        default:
            return -1;
        }
    }
    return 0;
}

static int defaultCredTypes[] = {
    VIR_CRED_AUTHNAME, VIR_CRED_ECHOPROMPT, VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT,
};

static virConnectAuth defaultAuth = {
    defaultCredTypes, G_N_ELEMENTS(defaultCredTypes), defaultAuthCallback, NULL,
};

virConnectAuthPtr virConnectAuthPtrDefault = &defaultAuth;
