/*
 * qemu_process.c: the life of a QEMU process.
 *
 * Start: the monitor socket is created and bound here, handed to QEMU as
 * an inherited listening descriptor, and connected to at once (the
 * connection waits in the backlog until QEMU accepts it), so there is no
 * polling for a socket to appear.  QEMU starts with its CPUs stopped; we
 * read the pty paths, then let it run.
 *
 * Watching: the pidfd of each QEMU and its monitor socket are sources on
 * the driver's one monitor thread.  Handlers there only update state and
 * queue events; anything slow (stopping a guest that powered off,
 * cleaning up after one that died) goes to the driver's small worker
 * pool, which takes the domain's job like any API call.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include "qemu/qemu_process.h"
#include "qemu/qemu_interface.h"
#include "qemu/qemu_console.h"
#include "qemu/qemu_command.h"
#include "qemu/qemu_job.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* How long QEMU may take to answer its monitor at start. */
#define QEMU_START_TIMEOUT_MS 30000
/* Grace after SIGTERM before SIGKILL, and after SIGKILL. */
#define QEMU_TERM_GRACE_MS 3000
#define QEMU_KILL_GRACE_MS 5000

/* Work queued from the monitor thread to the workers. */
typedef enum {
    QEMU_WORK_EXITED,       /* the process ended */
    QEMU_WORK_POWEROFF,     /* the guest shut down: apply <on_poweroff> */
    QEMU_WORK_CRASHED,      /* the guest panicked: apply <on_crash> */
} qemuWorkKind;

typedef struct {
    nuvDomainObj *obj;      /* a reference */
    qemuWorkKind kind;
    unsigned int runId;
} qemuWork;

static void
qemuProcessQueueWork(nuvDomainObj *obj, qemuWorkKind kind)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    qemuWork *w = g_new0(qemuWork, 1);

    nuvDomainObjRef(obj);
    w->obj = obj;
    w->kind = kind;
    w->runId = priv->runId;
    g_thread_pool_push(priv->driver->workers, w, NULL);
}

static void
qemuEmitEvent(qemuDriver *drv, nuvEvent *ev)
{
    nuvEventQueue(drv->events, ev);
}

/* ---- monitor events (monitor thread) ---- */

static void
qemuProcessHandleEvent(qemuMonitor *mon, const char *name, json_object *data,
                       long long seconds, unsigned int micros, void *opaque)
{
    nuvDomainObj *obj = opaque;
    qemuDomainPriv *priv;
    qemuDriver *drv;
    nuvEvent *ev = NULL;
    g_autoptr(GPtrArray) jobEvents = g_ptr_array_new();

    nuvDomainObjLock(obj);
    priv = qemuDomainPrivOf(obj);
    drv = priv->driver;
    if (priv->mon != mon || !nuvDomainObjIsActive(obj))
        goto done;
    NUV_DEBUG("domain %s: QMP event %s", obj->def->name, name);

    if (strcmp(name, "STOP") == 0) {
        if (obj->state == VIR_DOMAIN_RUNNING) {
            int reason = priv->gotShutdown ? VIR_DOMAIN_PAUSED_SHUTTING_DOWN :
                         priv->pausedReason ? priv->pausedReason : VIR_DOMAIN_PAUSED_UNKNOWN;
            nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, reason);
            ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, obj->id,
                                            VIR_DOMAIN_EVENT_SUSPENDED,
                                            VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
            qemuDomainSaveStatus(drv, obj);
        }
        priv->pausedReason = 0;
    } else if (strcmp(name, "RESUME") == 0) {
        /* the start itself reports the first run */
        if (obj->state == VIR_DOMAIN_PAUSED && obj->reason != VIR_DOMAIN_PAUSED_STARTING_UP) {
            nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
            ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, obj->id,
                                            VIR_DOMAIN_EVENT_RESUMED,
                                            VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
            qemuDomainSaveStatus(drv, obj);
        }
    } else if (strcmp(name, "SHUTDOWN") == 0) {
        json_object *guest = NULL;
        bool byGuest;

        if (priv->beingDestroyed)
            goto done;
        byGuest = data && json_object_object_get_ex(data, "guest", &guest) &&
                  json_object_get_boolean(guest);
        priv->gotShutdown = true;
        if (obj->state == VIR_DOMAIN_RUNNING)
            nuvDomainObjSetState(obj, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_UNKNOWN);
        ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, obj->id,
                                        VIR_DOMAIN_EVENT_SHUTDOWN,
                                        byGuest ? VIR_DOMAIN_EVENT_SHUTDOWN_GUEST
                                                : VIR_DOMAIN_EVENT_SHUTDOWN_HOST);
        qemuProcessQueueWork(obj, QEMU_WORK_POWEROFF);
    } else if (strcmp(name, "RESET") == 0) {
        ev = nuvDomainEventRebootNew(obj->def->name, obj->def->uuid, obj->id);
    } else if (strcmp(name, "GUEST_PANICKED") == 0) {
        nuvDomainObjSetState(obj, VIR_DOMAIN_CRASHED, VIR_DOMAIN_CRASHED_PANICKED);
        ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, obj->id,
                                        VIR_DOMAIN_EVENT_CRASHED,
                                        VIR_DOMAIN_EVENT_CRASHED_PANICKED);
        qemuProcessQueueWork(obj, QEMU_WORK_CRASHED);
    } else {
        /* save, restore and block jobs (qemu_job.c) */
        qemuJobHandleEvent(obj, name, data, jobEvents);
    }

 done:
    nuvDomainObjUnlock(obj);
    if (ev)
        qemuEmitEvent(priv->driver, ev);
    for (guint i = 0; i < jobEvents->len; i++)
        qemuEmitEvent(priv->driver, g_ptr_array_index(jobEvents, i));
}

static void
qemuProcessHandleEOF(qemuMonitor *mon, bool error, void *opaque)
{
    /* The pidfd says when the process is really gone; nothing to do. */
}

static void
qemuProcessMonitorDispose(void *opaque)
{
    nuvDomainObjUnref(opaque);
}

static const qemuMonitorCallbacks qemuProcessMonitorCallbacks = {
    .event = qemuProcessHandleEvent,
    .eof = qemuProcessHandleEOF,
    .dispose = qemuProcessMonitorDispose,
};

/* ---- the process ended (monitor thread) ---- */

static gboolean
qemuProcessExited(gint fd, GIOCondition cond, gpointer opaque)
{
    nuvDomainObj *obj = opaque;
    qemuDomainPriv *priv;

    nuvDomainObjLock(obj);
    priv = qemuDomainPrivOf(obj);
    if (priv->pidfd == fd)
        qemuProcessQueueWork(obj, QEMU_WORK_EXITED);
    nuvDomainObjUnlock(obj);
    return G_SOURCE_REMOVE;
}

static void
qemuProcessWatchPid(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    nuvDomainObjRef(obj);
    priv->pidWatch = g_unix_fd_source_new(priv->pidfd, G_IO_IN);
    g_source_set_callback(priv->pidWatch, G_SOURCE_FUNC(qemuProcessExited), obj,
                          (GDestroyNotify) nuvDomainObjUnref);
    g_source_attach(priv->pidWatch, drv->ctx);
}

/* ---- cleanup ---- */

static void
qemuProcessRemoveFiles(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    qemuDomainDeleteStatus(drv, obj->def->name);
    if (priv->monitorPath)
        unlink(priv->monitorPath);
    if (priv->domainDir)
        rmdir(priv->domainDir);
    g_clear_pointer(&priv->monitorPath, g_free);
    g_clear_pointer(&priv->domainDir, g_free);
}

/* Drop the monitor and the pid watch of @obj (locked); the lock is
 * released while the monitor closes, since its callbacks take it. */
static void
qemuProcessDropWatches(nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    qemuMonitor *mon = g_steal_pointer(&priv->mon);

    if (priv->pidWatch) {
        g_source_destroy(priv->pidWatch);
        g_source_unref(priv->pidWatch);
        priv->pidWatch = NULL;
    }
    if (mon) {
        nuvDomainObjUnlock(obj);
        qemuMonitorClose(mon);
        nuvDomainObjLock(obj);
    }
}

/* The process is gone (or never ran): make @obj inactive. */
static void
qemuProcessCleanup(qemuDriver *drv, nuvDomainObj *obj, int reason)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    qemuProcessDropWatches(obj);
    /* Reap it if it is our child (started by this process, perhaps by
     * an earlier instance of the driver); otherwise PID 1 does. */
    if (priv->pid > 0)
        waitpid(priv->pid, NULL, WNOHANG);
    if (priv->pidfd >= 0)
        close(priv->pidfd);
    priv->pidfd = -1;
    priv->pid = 0;
    priv->ourChild = false;
    priv->beingDestroyed = false;
    priv->gotShutdown = false;
    priv->fakeReboot = false;
    priv->autoDestroyConn = NULL;
    priv->runId++;
    qemuProcessRemoveFiles(drv, obj);
    qemuConsolesClose(obj->def);

    nuvDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    nuvDomainObjListSetID(drv->domains, obj, -1);
    obj->updated = false;
    if (obj->newDef) {
        nuvDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
    if (!obj->persistent)
        nuvDomainObjListRemove(drv->domains, obj);
}

/* Signal and wait with @obj unlocked.  Returns 0 once the process is
 * gone, -1 if it is still there (graceful only). */
static int
qemuProcessKill(nuvDomainObj *obj, bool graceful)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    int pidfd = priv->pidfd;
    int rc = 0;

    if (pidfd < 0)
        return 0;
    nuvDomainObjUnlock(obj);
    nuvPidfdSignal(pidfd, SIGTERM);
    if (!nuvPidfdWait(pidfd, QEMU_TERM_GRACE_MS)) {
        if (graceful) {
            rc = -1;
        } else {
            nuvPidfdSignal(pidfd, SIGKILL);
            nuvPidfdWait(pidfd, QEMU_KILL_GRACE_MS);
        }
    }
    nuvDomainObjLock(obj);
    if (rc < 0)
        nuvReportError(VIR_ERR_SYSTEM_ERROR,
                       "Failed to terminate process %lld with SIGTERM",
                       (long long) priv->pid);
    return rc;
}

int
qemuProcessStopWithKill(qemuDriver *drv, nuvDomainObj *obj, int reason, bool graceful)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    priv->beingDestroyed = true;
    if (qemuProcessKill(obj, graceful) < 0) {
        priv->beingDestroyed = false;
        return -1;
    }
    qemuProcessCleanup(drv, obj, reason);
    return 0;
}

/* ---- the workers ---- */

static int
qemuShutoffDetail(int reason)
{
    switch (reason) {
    case VIR_DOMAIN_SHUTOFF_SHUTDOWN: return VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;
    case VIR_DOMAIN_SHUTOFF_CRASHED: return VIR_DOMAIN_EVENT_STOPPED_CRASHED;
    case VIR_DOMAIN_SHUTOFF_DESTROYED: return VIR_DOMAIN_EVENT_STOPPED_DESTROYED;
    default: return VIR_DOMAIN_EVENT_STOPPED_FAILED;
    }
}

static void
qemuProcessWorker(gpointer data, gpointer user)
{
    qemuWork *w = data;
    nuvDomainObj *obj = w->obj;
    qemuDomainPriv *priv;
    qemuDriver *drv;
    nuvEvent *ev = NULL;

    nuvDomainObjLock(obj);
    priv = qemuDomainPrivOf(obj);
    drv = priv->driver;
    if (qemuDomainJobBegin(obj) < 0) {
        nuvErrorReset();
        goto unlock;
    }
    if (priv->runId != w->runId || !nuvDomainObjIsActive(obj))
        goto end;

    switch (w->kind) {
    case QEMU_WORK_EXITED: {
        /* Not asked for: the guest was powered off (with -no-shutdown
         * QEMU then stays; it exited, so it was killed or crashed). */
        int reason = priv->gotShutdown ? VIR_DOMAIN_SHUTOFF_SHUTDOWN : VIR_DOMAIN_SHUTOFF_CRASHED;
        qemuProcessCleanup(drv, obj, reason);
        ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                        VIR_DOMAIN_EVENT_STOPPED,
                                        priv->gotShutdown ? VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN
                                                          : VIR_DOMAIN_EVENT_STOPPED_FAILED);
        break;
    }
    case QEMU_WORK_POWEROFF:
        if (priv->fakeReboot ||
            qemuCommandOnPoweroff(obj->def) == NUV_DOMAIN_LIFECYCLE_RESTART) {
            /* reboot requested through the API: reset and run again */
            priv->fakeReboot = false;
            priv->gotShutdown = false;
            if (qemuProcessCommand(obj, "system_reset", NULL, NULL) == 0 &&
                qemuProcessCommand(obj, "cont", NULL, NULL) == 0 &&
                nuvDomainObjIsActive(obj)) {
                nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
                qemuDomainSaveStatus(drv, obj);
                break;
            }
            nuvErrorReset();
        }
        if (nuvDomainObjIsActive(obj)) {
            qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN, false);
            ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                            VIR_DOMAIN_EVENT_STOPPED,
                                            VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
        }
        break;
    case QEMU_WORK_CRASHED:
        if (qemuCommandOnCrash(obj->def) == NUV_DOMAIN_LIFECYCLE_DESTROY ||
            qemuCommandOnCrash(obj->def) == NUV_DOMAIN_LIFECYCLE_COREDUMP_DESTROY) {
            qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_CRASHED, false);
            ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                            VIR_DOMAIN_EVENT_STOPPED,
                                            qemuShutoffDetail(VIR_DOMAIN_SHUTOFF_CRASHED));
        }
        break;
    }

 end:
    qemuDomainJobEnd(obj);
 unlock:
    nuvDomainObjUnlock(obj);
    if (ev)
        qemuEmitEvent(drv, ev);
    nuvDomainObjUnref(obj);
    g_free(w);
}

GThreadPool *
qemuProcessWorkersNew(void)
{
    return g_thread_pool_new(qemuProcessWorker, NULL, 2, FALSE, NULL);
}

/* ---- monitor access for API calls ---- */

qemuMonitor *
qemuProcessMonitor(nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    if (!nuvDomainObjIsActive(obj) || !priv || !priv->mon) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                           "%s", "domain is not running");
        return NULL;
    }
    return qemuMonitorRef(priv->mon);
}

int
qemuProcessCommand(nuvDomainObj *obj, const char *cmd, json_object *args, json_object **ret)
{
    qemuMonitor *mon = qemuProcessMonitor(obj);
    int rc;

    if (!mon) {
        json_object_put(args);
        return -1;
    }
    nuvDomainObjUnlock(obj);
    rc = qemuMonitorCommand(mon, cmd, args, ret);
    nuvDomainObjLock(obj);
    qemuMonitorUnref(mon);
    return rc;
}

int
qemuProcessCommandText(nuvDomainObj *obj, const char *json, char **reply)
{
    qemuMonitor *mon = qemuProcessMonitor(obj);
    int rc;

    if (!mon)
        return -1;
    nuvDomainObjUnlock(obj);
    rc = qemuMonitorCommandText(mon, json, reply);
    nuvDomainObjLock(obj);
    qemuMonitorUnref(mon);
    return rc;
}

void
qemuProcessSetFakeReboot(nuvDomainObj *obj, bool on)
{
    qemuDomainPrivOf(obj)->fakeReboot = on;
}

/* ---- start ---- */

static int
qemuProcessListen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "Monitor path %s too big for destination", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    unlink(path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0 || listen(fd, 1) < 0) {
        nuvReportSystemError(errno, "cannot listen on monitor socket '%s'", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static char *
qemuTimestamp(void)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *base = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

    return g_strdup_printf("%s.%03d+0000", base, g_date_time_get_microsecond(now) / 1000);
}

/* What QEMU wrote to its log since @offset, for an error message. */
static char *
qemuProcessReadLog(const char *path, off_t offset)
{
    g_autofree char *all = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &all, &len, NULL) || (gsize) offset >= len)
        return g_strdup("");
    return g_strstrip(g_strdup(all + offset));
}

int
qemuProcessStart(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags)
{
    return qemuProcessStartIncoming(drv, obj, flags, NULL, NULL);
}

int
qemuProcessStartIncoming(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags,
                         int (*incoming)(nuvDomainObj *obj, void *opaque), void *opaque)
{
    qemuDomainPriv *priv = qemuDomainPrivEnsure(drv, obj);
    g_autoptr(nuvDomainDef) live = NULL;
    g_autoptr(GPtrArray) argv = NULL;
    g_autoptr(GPtrArray) env = NULL;
    g_autoptr(GPtrArray) fullEnv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *emulator = NULL;
    g_autofree char *shortName = NULL;
    g_autofree char *domainDir = NULL;
    g_autofree char *monPath = NULL;
    g_autofree char *logPath = NULL;
    g_autofree char *cmdText = NULL;
    g_autofree char *stamp = NULL;
    json_object *chardevs = NULL;
    GArray *tapFds = NULL;
    g_autoptr(GArray) passFds = g_array_new(FALSE, FALSE, sizeof(int));
    qemuMonitor *mon = NULL;
    qemuCommandParams params = { 0 };
    int id, lfd = -1, logFd = -1, pidfd = -1;
    off_t logOffset;
    pid_t pid;
    unsigned int runId;

    live = nuvDomainDefCopy(obj->def);
    if (!(emulator = qemuCommandEmulator(live, drv->emulator)))
        return -1;
    if (access(emulator, X_OK) < 0) {
        nuvReportSystemError(errno, "Cannot check QEMU binary %s", emulator);
        return -1;
    }
    id = g_atomic_int_add(&drv->nextID, 1);
    shortName = g_strndup(live->name, 20);
    domainDir = g_strdup_printf("%s/domain-%d-%s", drv->paths.libDir, id, shortName);
    monPath = g_build_filename(domainDir, "monitor.sock", NULL);
    if (nuvDirMake(domainDir, 0750) < 0 || nuvDirMake(drv->paths.logDir, 0700) < 0)
        return -1;
    if ((lfd = qemuProcessListen(monPath)) < 0)
        goto error;

    params.emulator = emulator;
    params.monitorFd = lfd;
    params.hasKVM = drv->hasKVM;
    params.channelDir = domainDir;
    if (qemuInterfacesOpen(live, &tapFds) < 0)
        goto error;
    params.tapFds = (const int *) tapFds->data;
    params.ntapFds = tapFds->len;
    g_array_append_val(passFds, lfd);
    g_array_append_vals(passFds, tapFds->data, tapFds->len);
    if (qemuBuildCommandLine(live, &params, &argv, &env) < 0)
        goto error;
    if (incoming) {
        /* the state arrives over the monitor (migrate-incoming) */
        g_ptr_array_insert(argv, argv->len - 1, g_strdup("-incoming"));
        g_ptr_array_insert(argv, argv->len - 1, g_strdup("defer"));
    }

    /* A clean environment: nothing of ours leaks into QEMU. */
    g_ptr_array_add(fullEnv, g_strdup("LC_ALL=C"));
    g_ptr_array_add(fullEnv, g_strdup("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    g_ptr_array_add(fullEnv, g_strdup_printf("HOME=%s", domainDir));
    g_ptr_array_add(fullEnv, g_strdup_printf("XDG_DATA_HOME=%s/.local/share", domainDir));
    g_ptr_array_add(fullEnv, g_strdup_printf("XDG_CACHE_HOME=%s/.cache", domainDir));
    g_ptr_array_add(fullEnv, g_strdup_printf("XDG_CONFIG_HOME=%s/.config", domainDir));
    for (guint i = 0; i < env->len; i++)
        g_ptr_array_add(fullEnv, g_strdup(g_ptr_array_index(env, i)));
    cmdText = qemuCommandToString(argv, fullEnv);
    g_ptr_array_add(fullEnv, NULL);

    logPath = g_strdup_printf("%s/%s.log", drv->paths.logDir, live->name);
    if ((logFd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0) {
        nuvReportSystemError(errno, "failed to create logfile %s", logPath);
        goto error;
    }
    stamp = qemuTimestamp();
    {
        g_autofree char *head = g_strdup_printf("%s: starting up\n%s\n", stamp, cmdText);
        if (write(logFd, head, strlen(head)) < 0)
            NUV_DEBUG("cannot write %s", logPath);
    }
    logOffset = lseek(logFd, 0, SEEK_END);

    if ((pid = nuvProcessSpawnFds((const char *const *) argv->pdata,
                                  (const char *const *) fullEnv->pdata, logFd,
                                  (const int *) passFds->data, passFds->len)) < 0)
        goto error;
    close(lfd);
    lfd = -1;
    /* QEMU holds the taps now: they go when it goes */
    qemuInterfacesClose(g_steal_pointer(&tapFds));
    close(logFd);
    logFd = -1;
    if ((pidfd = nuvPidfdOpen(pid)) < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        goto error;
    }

    /* From here the object knows the process, so every failure goes
     * through the common cleanup. */
    priv->pid = pid;
    priv->pidfd = pidfd;
    priv->ourChild = true;
    priv->domainDir = g_steal_pointer(&domainDir);
    priv->monitorPath = g_strdup(monPath);
    priv->beingDestroyed = false;
    priv->gotShutdown = false;
    runId = ++priv->runId;
    nuvDomainObjListSetID(drv->domains, obj, id);
    nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_STARTING_UP);
    if (obj->persistent && !obj->newDef)
        obj->newDef = g_steal_pointer(&obj->def);
    else
        nuvDomainDefFree(obj->def);
    obj->def = g_steal_pointer(&live);
    obj->startedAt = g_get_monotonic_time();

    nuvDomainObjRef(obj);
    nuvDomainObjUnlock(obj);
    mon = qemuMonitorOpenPath(monPath, drv->ctx, QEMU_START_TIMEOUT_MS,
                              &qemuProcessMonitorCallbacks, obj);
    if (!mon) {
        g_autofree char *logText = qemuProcessReadLog(logPath, logOffset);
        nuvDomainObjUnref(obj);
        if (*logText) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "qemu unexpectedly closed the monitor: %s", logText);
        }
        nuvDomainObjLock(obj);
        goto kill;
    }
    if (qemuMonitorCommand(mon, "query-chardev", NULL, &chardevs) < 0) {
        qemuMonitorClose(mon);
        nuvDomainObjLock(obj);
        goto kill;
    }
    nuvDomainObjLock(obj);
    priv->mon = mon;
    qemuCommandSetPtyPaths(obj->def, chardevs);
    json_object_put(chardevs);
    qemuProcessWatchPid(drv, obj);
    if (incoming) {
        if (incoming(obj, opaque) < 0)
            goto kill;
        if (priv->runId != runId)
            return -1;
    }

    if (!(flags & VIR_DOMAIN_START_PAUSED)) {
        if (qemuProcessCommand(obj, "cont", NULL, NULL) < 0)
            goto kill;
        if (priv->runId != runId)
            return -1;      /* it died meanwhile; the worker cleaned up */
        nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    }
    if (qemuDomainSaveStatus(drv, obj) < 0)
        goto kill;
    return 0;

 kill:
    {
        /* keep the first error: cleanup may report others */
        virErrorPtr err = nuvErrorCurrent();
        virError saved = { 0 };
        if (err) {
            saved = *err;
            saved.message = g_strdup(err->message);
        }
        qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_FAILED, false);
        if (saved.message) {
            nuvErrorReset();
            nuvReportErrorRawFrom(saved.domain, saved.code, "%s", saved.message);
            g_free(saved.message);
        }
    }
    return -1;

 error:
    qemuInterfacesClose(tapFds);
    if (lfd >= 0)
        close(lfd);
    if (logFd >= 0)
        close(logFd);
    unlink(monPath);
    if (domainDir)
        rmdir(domainDir);
    return -1;
}

/* ---- reconnect, detach ---- */

/* Is @pid still the QEMU of the domain called @name?  (The pid may have
 * been reused by anything since the status file was written.) */
static bool
qemuProcessIsOurs(pid_t pid, const char *name)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long) pid);
    g_autofree char *cmdline = NULL;
    g_autofree char *want = g_strdup_printf("guest=%s,", name);
    gsize len = 0;

    if (!g_file_get_contents(path, &cmdline, &len, NULL))
        return false;
    for (gsize off = 0; off < len; off += strlen(cmdline + off) + 1) {
        if (g_str_has_prefix(cmdline + off, want))
            return true;
    }
    return false;
}

int
qemuProcessReconnect(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    json_object *status = NULL;
    qemuMonitor *mon;
    nuvEvent *ev;

    if (priv->pid > 0 && qemuProcessIsOurs(priv->pid, obj->def->name))
        priv->pidfd = nuvPidfdOpen(priv->pid);
    if (priv->pidfd < 0 || nuvPidfdWait(priv->pidfd, 0))
        goto gone;

    nuvDomainObjRef(obj);
    nuvDomainObjUnlock(obj);
    mon = qemuMonitorOpenPath(priv->monitorPath, drv->ctx, QEMU_START_TIMEOUT_MS,
                              &qemuProcessMonitorCallbacks, obj);
    nuvDomainObjLock(obj);
    if (!mon) {
        nuvDomainObjUnref(obj);
        goto gone;
    }
    priv->mon = mon;
    qemuProcessWatchPid(drv, obj);
    /* What happened while nobody watched: paused or running now? */
    if (qemuProcessCommand(obj, "query-status", NULL, &status) == 0) {
        json_object *running = NULL, *st = NULL;
        json_object_object_get_ex(status, "running", &running);
        json_object_object_get_ex(status, "status", &st);
        if (g_strcmp0(json_object_get_string(st), "shutdown") == 0) {
            /* the guest powered off while nobody watched: apply
             * <on_poweroff> now, before anyone sees it still "running" */
            priv->gotShutdown = true;
            json_object_put(status);
            if (qemuCommandOnPoweroff(obj->def) == NUV_DOMAIN_LIFECYCLE_RESTART) {
                qemuProcessQueueWork(obj, QEMU_WORK_POWEROFF);
                return 0;
            }
            qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN, false);
            nuvErrorReset();
            nuvEventQueue(drv->events,
                          nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                                     VIR_DOMAIN_EVENT_STOPPED,
                                                     VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN));
            return 0;
        } else if (json_object_get_boolean(running) && obj->state != VIR_DOMAIN_RUNNING)
            nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        else if (!json_object_get_boolean(running) && obj->state == VIR_DOMAIN_RUNNING)
            nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN);
        json_object_put(status);
    }
    nuvErrorReset();
    return 0;

 gone:
    NUV_DEBUG("domain %s: QEMU %lld is gone", obj->def->name, (long long) priv->pid);
    nuvErrorReset();
    qemuProcessCleanup(drv, obj, VIR_DOMAIN_SHUTOFF_CRASHED);
    ev = nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                    VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_FAILED);
    nuvEventQueue(drv->events, ev);
    return 0;
}

void
qemuProcessDetach(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);

    if (!priv)
        return;
    qemuProcessDropWatches(obj);
    if (priv->pidfd >= 0)
        close(priv->pidfd);
    priv->pidfd = -1;
}

unsigned long long
qemuProcessCPUTime(nuvDomainObj *obj)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    g_autofree char *path = NULL;
    g_autofree char *stat = NULL;
    unsigned long long utime = 0, stime = 0;
    const char *p;

    if (!priv || priv->pid <= 0)
        return 0;
    path = g_strdup_printf("/proc/%lld/stat", (long long) priv->pid);
    if (!g_file_get_contents(path, &stat, NULL, NULL) || !(p = strrchr(stat, ')')))
        return 0;
    /* after "pid (comm)": state is field 3, utime 14, stime 15 */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
               &utime, &stime) != 2)
        return 0;
    return (utime + stime) * (1000000000ULL / sysconf(_SC_CLK_TCK));
}

/* ---- autostart, autodestroy ---- */

void
qemuProcessAutostartAll(qemuDriver *drv)
{
    size_t count;
    nuvDomainObj **objs = nuvDomainObjListCollect(drv->domains, &count);

    for (size_t i = 0; i < count; i++) {
        nuvDomainObj *obj = objs[i];

        nuvDomainObjLock(obj);
        if (obj->autostart && obj->persistent && !nuvDomainObjIsActive(obj) &&
            !nuvDomainObjIsRemoved(obj) && qemuDomainJobBegin(obj) == 0) {
            if (nuvDomainObjIsActive(obj)) {
                /* started meanwhile */
            } else if (qemuProcessStart(drv, obj, 0) == 0) {
                qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                                        VIR_DOMAIN_EVENT_STARTED_BOOTED);
            } else {
                NUV_DEBUG("autostart of domain %s failed: %s", obj->def->name,
                          nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
            }
            qemuDomainJobEnd(obj);
        }
        nuvErrorReset();
        nuvDomainObjUnlock(obj);
    }
    nuvDomainObjListFreeArray(objs, count);
}

void
qemuProcessAutoDestroy(qemuDriver *drv, virConnectPtr conn)
{
    size_t count;
    nuvDomainObj **objs = nuvDomainObjListCollect(drv->domains, &count);

    for (size_t i = 0; i < count; i++) {
        nuvDomainObj *obj = objs[i];
        qemuDomainPriv *priv;

        nuvDomainObjLock(obj);
        priv = qemuDomainPrivOf(obj);
        if (priv && priv->autoDestroyConn == conn && qemuDomainJobBegin(obj) == 0) {
            /* re-checked: the job may have waited for another to end */
            if (nuvDomainObjIsActive(obj) && priv->autoDestroyConn == conn &&
                qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_DESTROYED, false) == 0)
                qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                                        VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
            qemuDomainJobEnd(obj);
        }
        nuvErrorReset();
        nuvDomainObjUnlock(obj);
    }
    nuvDomainObjListFreeArray(objs, count);
}
