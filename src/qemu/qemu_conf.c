/*
 * qemu_conf.c: the QEMU driver's state.  One instance per process, started
 * by the state driver calls (docs/driver-model.md): by nuvirtd for
 * qemu:///system (root) or qemu:///session, by the library for
 * qemu:///embed?root=DIR.  Its shutdown detaches from the running QEMUs
 * (they keep running); the next start reconnects to them from the status
 * files.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qemu/qemu_conf.h"
#include "qemu/qemu_domain.h"
#include "qemu/qemu_process.h"
#include "qemu/qemu_capabilities.h"
#include "util/error.h"
#include "util/file.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_DEFAULT_EMULATOR "/usr/bin/qemu-system-x86_64"

static GMutex qemuStateLock;
static qemuDriver *qemuState;   /* guarded by qemuStateLock */

bool
qemuURIMatches(const nuvURI *uri)
{
    return uri && uri->scheme && strcmp(uri->scheme, "qemu") == 0 && !uri->server &&
           uri->path && (strcmp(uri->path, "/system") == 0 ||
                         strcmp(uri->path, "/session") == 0 ||
                         strcmp(uri->path, "/embed") == 0);
}

static void
qemuPathsClear(qemuPaths *p)
{
    g_free(p->root);
    g_free(p->configDir);
    g_free(p->autostartDir);
    g_free(p->stateDir);
    g_free(p->libDir);
    g_free(p->logDir);
    g_free(p->cacheDir);
}

/* libvirt's layout, under nuvirt's name for system and session so that a
 * stock libvirtd on the same host keeps its own files.  @root: the embed
 * root (@embedded), or a daemon's --root, under which the system layout
 * is re-rooted and the session one is laid out as if HOME were @root and
 * XDG_RUNTIME_DIR @root/run.  Nothing is created here: each directory is
 * made when first written. */
static void
qemuPathsInit(qemuPaths *p, bool privileged, const char *root, bool embedded)
{
    if (embedded) {
        p->root = g_strdup(root);
        p->configDir = g_build_filename(root, "etc", "qemu", NULL);
        p->stateDir = g_build_filename(root, "run", "qemu", NULL);
        p->libDir = g_build_filename(root, "lib", "qemu", NULL);
        p->logDir = g_build_filename(root, "log", "qemu", NULL);
        p->cacheDir = g_build_filename(root, "cache", "qemu", NULL);
    } else if (privileged) {
        const char *r = root ? root : "/";

        p->privileged = true;
        p->configDir = g_build_filename(r, "etc", "nuvirt", "qemu", NULL);
        p->stateDir = g_build_filename(r, "run", "nuvirt", "qemu", NULL);
        p->libDir = g_build_filename(r, "var", "lib", "nuvirt", "qemu", NULL);
        p->logDir = g_build_filename(r, "var", "log", "nuvirt", "qemu", NULL);
        p->cacheDir = g_build_filename(r, "var", "cache", "nuvirt", "qemu", NULL);
    } else {
        g_autofree char *config = root ? g_build_filename(root, ".config", NULL)
                                       : g_strdup(g_get_user_config_dir());
        g_autofree char *cache = root ? g_build_filename(root, ".cache", NULL)
                                      : g_strdup(g_get_user_cache_dir());
        g_autofree char *runtime = root ? g_build_filename(root, "run", NULL)
                                        : g_strdup(g_get_user_runtime_dir());

        p->configDir = g_build_filename(config, "nuvirt", "qemu", NULL);
        p->stateDir = g_build_filename(runtime, "nuvirt", "qemu", "run", NULL);
        p->libDir = g_build_filename(config, "nuvirt", "qemu", "lib", NULL);
        p->logDir = g_build_filename(cache, "nuvirt", "qemu", "log", NULL);
        p->cacheDir = g_build_filename(cache, "nuvirt", "qemu", "cache", NULL);
    }
    p->autostartDir = g_build_filename(p->configDir, "autostart", NULL);
}

static gpointer
qemuDriverThread(gpointer opaque)
{
    qemuDriver *drv = opaque;

    g_main_context_push_thread_default(drv->ctx);
    g_main_loop_run(drv->loop);
    g_main_context_pop_thread_default(drv->ctx);
    return NULL;
}

static void
qemuDriverFree(qemuDriver *drv)
{
    nuvDomainObj **objs;
    size_t count;

    if (!drv)
        return;
    /* Queued reactions finish first; then every QEMU is let go. */
    if (drv->workers)
        g_thread_pool_free(drv->workers, FALSE, TRUE);
    if (drv->domains) {
        objs = nuvDomainObjListCollect(drv->domains, &count);
        for (size_t i = 0; i < count; i++) {
            nuvDomainObjLock(objs[i]);
            qemuProcessDetach(drv, objs[i]);
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
    qemuCapsFree(drv->caps);
    g_mutex_clear(&drv->capsLock);
    qemuPathsClear(&drv->paths);
    g_free(drv->emulator);
    g_free(drv);
}

static nuvStateInitResult
qemuStateInitialize(bool privileged, const char *root, bool embedded)
{
    qemuDriver *drv = g_new0(qemuDriver, 1);

    if (embedded && (!root || !g_path_is_absolute(root))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "qemu:///embed needs an absolute root directory: "
                       "qemu:///embed?root=/some/dir");
        g_free(drv);
        return NUV_STATE_INIT_ERROR;
    }
    g_mutex_init(&drv->capsLock);
    qemuPathsInit(&drv->paths, privileged, root, embedded);
    drv->hasKVM = access("/dev/kvm", R_OK | W_OK) == 0;
    drv->emulator = g_strdup(QEMU_DEFAULT_EMULATOR);
    drv->domains = nuvDomainObjListNew();
    drv->events = nuvEventStateNew();
    drv->nextID = 1;
    drv->ctx = g_main_context_new();
    drv->loop = g_main_loop_new(drv->ctx, FALSE);
    drv->thread = g_thread_new("qemu-monitor", qemuDriverThread, drv);
    drv->workers = qemuProcessWorkersNew();

    if (qemuDomainLoadConfigs(drv) < 0) {
        qemuDriverFree(drv);
        return NUV_STATE_INIT_ERROR;
    }
    g_mutex_lock(&qemuStateLock);
    qemuState = drv;
    g_mutex_unlock(&qemuStateLock);
    return NUV_STATE_INIT_COMPLETE;
}

/* What still runs is taken back first, then what should run is started. */
static int
qemuStateReconnect(void)
{
    if (!qemuState)
        return 0;
    if (qemuDomainLoadStatus(qemuState) < 0)
        return -1;
    qemuProcessAutostartAll(qemuState);
    return 0;
}

static int
qemuStateShutdown(void)
{
    qemuDriver *drv;

    g_mutex_lock(&qemuStateLock);
    drv = g_steal_pointer(&qemuState);
    g_mutex_unlock(&qemuStateLock);
    qemuDriverFree(drv);
    return 0;
}

const nuvStateDriver qemuStateDriver = {
    .name = "QEMU",
    .initialize = qemuStateInitialize,
    .reconnect = qemuStateReconnect,
    .shutdown = qemuStateShutdown,
};

int
qemuDriverOpen(const nuvURI *uri, qemuDriver **drvp)
{
    qemuDriver *drv;
    bool system = strcmp(uri->path, "/system") == 0;
    int ret = 0;

    g_mutex_lock(&qemuStateLock);
    drv = qemuState;
    if (!drv) {
        ret = 0;
    } else if (strcmp(uri->path, "/embed") == 0) {
        ret = drv->paths.root && g_strcmp0(nuvURIFindParam(uri, "root"), drv->paths.root) == 0;
    } else if (drv->paths.root) {
        ret = 0;        /* an embedding process: system and session are the daemon's */
    } else if (drv->paths.privileged == system) {
        ret = 1;
    } else {
        /* the daemon runs one of the two, as libvirtd does */
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "unexpected QEMU URI path '%s', try %s",
                       uri->path, system ? "qemu:///session" : "qemu:///system");
        ret = -1;
    }
    if (ret == 1) {
        drv->refs++;
        *drvp = drv;
    }
    g_mutex_unlock(&qemuStateLock);
    return ret;
}

void
qemuDriverClose(qemuDriver *drv)
{
    g_mutex_lock(&qemuStateLock);
    drv->refs--;
    g_mutex_unlock(&qemuStateLock);
}

qemuCaps *
qemuDriverGetCaps(qemuDriver *drv)
{
    qemuCaps *caps;

    g_mutex_lock(&drv->capsLock);
    if (!drv->caps)
        drv->caps = qemuCapsGet(drv->emulator, drv->paths.cacheDir);
    caps = drv->caps;
    g_mutex_unlock(&drv->capsLock);
    return caps;
}

qemuDriver *
qemuDriverRunning(void)
{
    qemuDriver *drv;

    g_mutex_lock(&qemuStateLock);
    drv = qemuState;
    g_mutex_unlock(&qemuStateLock);
    return drv;
}
