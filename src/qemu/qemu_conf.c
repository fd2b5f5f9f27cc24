/*
 * qemu_conf.c: driver instances.  Each place a QEMU driver can keep its
 * files (qemu:///system, qemu:///session, each qemu:///embed root) has
 * one instance per process, shared by the connections open to it; the
 * last close detaches from the running QEMUs (they keep running) and the
 * next open reconnects to them from the status files.
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

static GMutex instancesLock;
static GHashTable *instances;   /* key -> qemuDriver *; guarded by instancesLock */

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
 * stock libvirtd on the same host keeps its own files. */
static int
qemuPathsInit(qemuPaths *p, const nuvURI *uri, char **key)
{
    if (strcmp(uri->path, "/embed") == 0) {
        const char *root = nuvURIFindParam(uri, "root");

        if (!root || !g_path_is_absolute(root)) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                           "qemu:///embed needs an absolute root directory: "
                           "qemu:///embed?root=/some/dir");
            return -1;
        }
        p->root = g_strdup(root);
        p->configDir = g_build_filename(root, "etc", "qemu", NULL);
        p->stateDir = g_build_filename(root, "run", "qemu", NULL);
        p->libDir = g_build_filename(root, "lib", "qemu", NULL);
        p->logDir = g_build_filename(root, "log", "qemu", NULL);
        p->cacheDir = g_build_filename(root, "cache", "qemu", NULL);
        *key = g_strdup_printf("embed:%s", root);
    } else if (strcmp(uri->path, "/system") == 0) {
        if (geteuid() != 0) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "qemu:///system in process needs root; use qemu:///session");
            return -1;
        }
        p->privileged = true;
        p->configDir = g_strdup("/etc/nuvirt/qemu");
        p->stateDir = g_strdup("/run/nuvirt/qemu");
        p->libDir = g_strdup("/var/lib/nuvirt/qemu");
        p->logDir = g_strdup("/var/log/nuvirt/qemu");
        p->cacheDir = g_strdup("/var/cache/nuvirt/qemu");
        *key = g_strdup("system");
    } else {
        p->configDir = g_build_filename(g_get_user_config_dir(), "nuvirt", "qemu", NULL);
        p->stateDir = g_build_filename(g_get_user_runtime_dir(), "nuvirt", "qemu", "run", NULL);
        p->libDir = g_build_filename(g_get_user_config_dir(), "nuvirt", "qemu", "lib", NULL);
        p->logDir = g_build_filename(g_get_user_cache_dir(), "nuvirt", "qemu", "log", NULL);
        p->cacheDir = g_build_filename(g_get_user_cache_dir(), "nuvirt", "qemu", "cache", NULL);
        *key = g_strdup("session");
    }
    p->autostartDir = g_build_filename(p->configDir, "autostart", NULL);
    return 0;
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
    g_free(drv->key);
    g_free(drv);
}

static qemuDriver *
qemuDriverNew(const nuvURI *uri)
{
    qemuDriver *drv = g_new0(qemuDriver, 1);
    const char *dirs[6];

    drv->refs = 1;
    g_mutex_init(&drv->capsLock);
    if (qemuPathsInit(&drv->paths, uri, &drv->key) < 0) {
        qemuDriverFree(drv);
        return NULL;
    }
    dirs[0] = drv->paths.configDir;
    dirs[1] = drv->paths.stateDir;
    dirs[2] = drv->paths.libDir;
    dirs[3] = drv->paths.logDir;
    dirs[4] = drv->paths.cacheDir;
    dirs[5] = NULL;
    for (size_t i = 0; dirs[i]; i++) {
        if (nuvDirMake(dirs[i], 0700) < 0) {
            qemuDriverFree(drv);
            return NULL;
        }
    }
    drv->hasKVM = access("/dev/kvm", R_OK | W_OK) == 0;
    drv->emulator = g_strdup(QEMU_DEFAULT_EMULATOR);
    drv->domains = nuvDomainObjListNew();
    drv->events = nuvEventStateNew();
    drv->nextID = 1;
    drv->ctx = g_main_context_new();
    drv->loop = g_main_loop_new(drv->ctx, FALSE);
    drv->thread = g_thread_new("qemu-monitor", qemuDriverThread, drv);
    drv->workers = qemuProcessWorkersNew();

    if (qemuDomainLoadConfigs(drv) < 0 || qemuDomainLoadStatus(drv) < 0) {
        qemuDriverFree(drv);
        return NULL;
    }
    return drv;
}

qemuDriver *
qemuDriverOpen(const nuvURI *uri)
{
    g_autofree char *key = NULL;
    qemuPaths probe = { 0 };
    qemuDriver *drv;

    if (qemuPathsInit(&probe, uri, &key) < 0)
        return NULL;
    qemuPathsClear(&probe);

    g_mutex_lock(&instancesLock);
    if (!instances)
        instances = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if ((drv = g_hash_table_lookup(instances, key))) {
        drv->refs++;
    } else if ((drv = qemuDriverNew(uri))) {
        g_hash_table_insert(instances, g_strdup(key), drv);
    }
    g_mutex_unlock(&instancesLock);
    return drv;
}

void
qemuDriverClose(qemuDriver *drv)
{
    bool last;

    g_mutex_lock(&instancesLock);
    last = --drv->refs == 0;
    if (last)
        g_hash_table_remove(instances, drv->key);
    g_mutex_unlock(&instancesLock);
    if (last)
        qemuDriverFree(drv);
}
