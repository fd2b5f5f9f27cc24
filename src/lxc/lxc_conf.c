/*
 * lxc_conf.c: the LXC driver's state.  One instance per process, started
 * by the state driver calls (docs/driver-model.md): by nuvirtd running as
 * root for lxc:/// (libvirt's LXC driver has no unprivileged mode either),
 * or by the library for lxc:///embed?root=DIR, which is how the tests run
 * it without touching the host's directories.  Its shutdown lets go of
 * the controllers (the containers keep running); the next start
 * reconnects to them from the status files.
 */
#include <string.h>
#include <unistd.h>

#include "lxc/lxc_conf.h"
#include "lxc/lxc_domain.h"
#include "lxc/lxc_process.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_LXC

static GMutex lxcStateLock;
static lxcDriver *lxcState;     /* guarded by lxcStateLock */

bool
lxcURIMatches(const nuvURI *uri)
{
    return uri && uri->scheme && strcmp(uri->scheme, "lxc") == 0 && !uri->server &&
           (!uri->path || strcmp(uri->path, "") == 0 || strcmp(uri->path, "/") == 0 ||
            strcmp(uri->path, "/system") == 0 || strcmp(uri->path, "/embed") == 0);
}

static void
lxcPathsInit(lxcPaths *p, const char *root, bool embedded)
{
    if (embedded) {
        p->root = g_strdup(root);
        p->configDir = g_build_filename(root, "etc", "lxc", NULL);
        p->stateDir = g_build_filename(root, "run", "lxc", NULL);
        p->logDir = g_build_filename(root, "log", "lxc", NULL);
    } else {
        /* nuvirt's own names, so that a stock libvirtd keeps its files */
        const char *r = root ? root : "/";

        p->configDir = g_build_filename(r, "etc", "nuvirt", "lxc", NULL);
        p->stateDir = g_build_filename(r, "run", "nuvirt", "lxc", NULL);
        p->logDir = g_build_filename(r, "var", "log", "nuvirt", "lxc", NULL);
    }
    p->autostartDir = g_build_filename(p->configDir, "autostart", NULL);
}

static void
lxcPathsClear(lxcPaths *p)
{
    g_free(p->root);
    g_free(p->configDir);
    g_free(p->autostartDir);
    g_free(p->stateDir);
    g_free(p->logDir);
}

/* NUVIRT_LXC_CONTROLLER first (tests of an installed library), then the
 * build tree's (running from it), then the installed one. */
static char *
lxcFindController(void)
{
    const char *env = g_getenv("NUVIRT_LXC_CONTROLLER");

    if (env && *env)
        return g_strdup(env);
    if (access(NUV_LXC_BUILD_CONTROLLER, X_OK) == 0)
        return g_strdup(NUV_LXC_BUILD_CONTROLLER);
    return g_strdup(LXC_CONTROLLER_PATH);
}

static gpointer
lxcDriverThread(gpointer opaque)
{
    lxcDriver *drv = opaque;

    g_main_context_push_thread_default(drv->ctx);
    g_main_loop_run(drv->loop);
    g_main_context_pop_thread_default(drv->ctx);
    return NULL;
}

static void
lxcDriverFree(lxcDriver *drv)
{
    nuvDomainObj **objs;
    size_t count;

    if (!drv)
        return;
    if (drv->workers)
        g_thread_pool_free(drv->workers, FALSE, TRUE);
    if (drv->domains) {
        objs = nuvDomainObjListCollect(drv->domains, &count);
        for (size_t i = 0; i < count; i++) {
            nuvDomainObjLock(objs[i]);
            lxcProcessDetach(objs[i]);
            nuvDomainObjUnlock(objs[i]);
        }
        nuvDomainObjListFreeArray(objs, count);
    }
    if (drv->loop) {
        g_main_loop_quit(drv->loop);
        g_thread_join(drv->thread);
        g_main_loop_unref(drv->loop);
        g_main_context_unref(drv->ctx);
    }
    nuvDomainObjListFree(drv->domains);
    nuvEventStateFree(drv->events);
    lxcPathsClear(&drv->paths);
    g_free(drv->controller);
    g_free(drv);
}

static nuvStateInitResult
lxcStateInitialize(bool privileged, const char *root, bool embedded)
{
    lxcDriver *drv;

    if (embedded && (!root || !g_path_is_absolute(root))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "lxc:///embed needs an absolute root directory: "
                       "lxc:///embed?root=/some/dir");
        return NUV_STATE_INIT_ERROR;
    }
    /* Namespaces, mounts and cgroups need root, embedded or not. */
    if (!privileged)
        return NUV_STATE_INIT_SKIPPED;
    drv = g_new0(lxcDriver, 1);
    lxcPathsInit(&drv->paths, root, embedded);
    drv->controller = lxcFindController();
    drv->domains = nuvDomainObjListNew();
    drv->events = nuvEventStateNew();
    drv->nextID = 1;
    drv->ctx = g_main_context_new();
    drv->loop = g_main_loop_new(drv->ctx, FALSE);
    drv->thread = g_thread_new("lxc-monitor", lxcDriverThread, drv);
    drv->workers = lxcProcessWorkersNew();

    if (lxcDomainLoadConfigs(drv) < 0) {
        lxcDriverFree(drv);
        return NUV_STATE_INIT_ERROR;
    }
    g_mutex_lock(&lxcStateLock);
    lxcState = drv;
    g_mutex_unlock(&lxcStateLock);
    return NUV_STATE_INIT_COMPLETE;
}

static int
lxcStateReconnect(void)
{
    if (!lxcState)
        return 0;
    lxcDomainLoadStatus(lxcState);
    lxcProcessAutostartAll(lxcState);
    return 0;
}

static int
lxcStateShutdown(void)
{
    lxcDriver *drv;

    g_mutex_lock(&lxcStateLock);
    drv = g_steal_pointer(&lxcState);
    g_mutex_unlock(&lxcStateLock);
    lxcDriverFree(drv);
    return 0;
}

const nuvStateDriver lxcStateDriver = {
    .name = "LXC",
    .initialize = lxcStateInitialize,
    .reconnect = lxcStateReconnect,
    .shutdown = lxcStateShutdown,
};

int
lxcDriverOpen(const nuvURI *uri, lxcDriver **drvp)
{
    lxcDriver *drv;
    bool embed = uri->path && strcmp(uri->path, "/embed") == 0;
    int ret;

    g_mutex_lock(&lxcStateLock);
    drv = lxcState;
    if (!drv)
        ret = 0;
    else if (embed)
        ret = drv->paths.root && g_strcmp0(nuvURIFindParam(uri, "root"), drv->paths.root) == 0;
    else
        ret = drv->paths.root == NULL;   /* an embedding process: lxc:/// is the daemon's */
    if (ret == 1) {
        drv->refs++;
        *drvp = drv;
    }
    g_mutex_unlock(&lxcStateLock);
    return ret;
}

void
lxcDriverClose(lxcDriver *drv)
{
    g_mutex_lock(&lxcStateLock);
    drv->refs--;
    g_mutex_unlock(&lxcStateLock);
}
