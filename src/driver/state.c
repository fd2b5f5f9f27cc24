/*
 * state.c: the registered state drivers and their start-up, reload and
 * shutdown.
 */
#include <glib.h>

#include "driver/state.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE
#define NUV_MAX_STATE_DRIVERS 16

/* One lock for the whole table: start-up, reload and shutdown are rare
 * and must not overlap.  A state driver's callbacks run under it, so they
 * must not call these functions. */
static GMutex stateLock;
static const nuvStateDriver *stateDrivers[NUV_MAX_STATE_DRIVERS];
static size_t nstateDrivers;
static bool initialized[NUV_MAX_STATE_DRIVERS];   /* which ones run */
static bool running;                              /* nuvStateInitialize succeeded */
static char *embedRoot;                           /* the root when embedded */

int
nuvStateDriverRegister(const nuvStateDriver *drv)
{
    int ret = 0;

    g_mutex_lock(&stateLock);
    if (nstateDrivers >= NUV_MAX_STATE_DRIVERS) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "too many state drivers, cannot register '%s'",
                       drv->name);
        ret = -1;
    } else {
        stateDrivers[nstateDrivers++] = drv;
    }
    g_mutex_unlock(&stateLock);
    return ret;
}

/* Shut down the running drivers, last started first (stateLock held). */
static int
shutdownAll(void)
{
    int ret = 0;

    for (size_t i = nstateDrivers; i-- > 0;) {
        if (!initialized[i])
            continue;
        initialized[i] = false;
        if (stateDrivers[i]->shutdown && stateDrivers[i]->shutdown() < 0)
            ret = -1;
    }
    return ret;
}

int
nuvStateInitialize(bool privileged, const char *root, bool embedded)
{
    int ret = -1;

    g_mutex_lock(&stateLock);
    if (running) {
        if (embedded && root && g_strcmp0(root, embedRoot) == 0) {
            ret = 0;
        } else if (embedRoot) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "the embedded drivers already run with root '%s'", embedRoot);
        } else {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           "the state drivers are already initialized");
        }
        goto cleanup;
    }
    if (root && !g_path_is_absolute(root)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "root directory '%s' must be an absolute path",
                       root);
        goto cleanup;
    }
    if (embedded && !root) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "embedded drivers need a root directory");
        goto cleanup;
    }

    for (size_t i = 0; i < nstateDrivers; i++) {
        nuvStateInitResult r = stateDrivers[i]->initialize(privileged, root, embedded);

        if (r == NUV_STATE_INIT_ERROR) {
            shutdownAll();
            goto cleanup;
        }
        initialized[i] = r == NUV_STATE_INIT_COMPLETE;
    }
    /* Every driver's objects are loaded: now each may look at the others'. */
    for (size_t i = 0; i < nstateDrivers; i++) {
        if (initialized[i] && stateDrivers[i]->reconnect &&
            stateDrivers[i]->reconnect() < 0) {
            shutdownAll();
            goto cleanup;
        }
    }
    running = true;
    embedRoot = embedded ? g_strdup(root) : NULL;
    ret = 0;

 cleanup:
    g_mutex_unlock(&stateLock);
    return ret;
}

int
nuvStateReload(void)
{
    int ret = 0;

    g_mutex_lock(&stateLock);
    for (size_t i = 0; i < nstateDrivers; i++) {
        if (initialized[i] && stateDrivers[i]->reload && stateDrivers[i]->reload() < 0)
            ret = -1;
    }
    g_mutex_unlock(&stateLock);
    return ret;
}

int
nuvStateShutdown(void)
{
    int ret;

    g_mutex_lock(&stateLock);
    ret = shutdownAll();
    running = false;
    g_clear_pointer(&embedRoot, g_free);
    g_mutex_unlock(&stateLock);
    return ret;
}

bool
nuvStateIsInitialized(const char **root)
{
    bool ret;

    g_mutex_lock(&stateLock);
    ret = running;
    if (root)
        *root = embedRoot;
    g_mutex_unlock(&stateLock);
    return ret;
}
