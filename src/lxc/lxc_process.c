/*
 * lxc_process.c: a container's life from the driver's side.
 *
 * The driver spawns nuvirt_lxc with the container's spec and a pipe on
 * which the controller says, once, whether the container came up ("OK
 * <init pid> <pty>") or why not ("ERR <message>").  Afterwards the driver
 * is a client of the controller's socket: the controller says "RUNNING"
 * on each connection and "STOPPED <how> <code>" when the init has ended,
 * then exits.  The socket's end (the controller gone, whether it said
 * STOPPED or was killed) is seen on the driver's monitor thread and acted
 * on by a worker, inside a job, as QEMU's end is.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <glib-unix.h>

#include "lxc/lxc_process.h"
#include "lxc/lxc_domain.h"
#include "lxc/lxc_spec.h"
#include "lxc/lxc_cgroup.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_LXC

/* How long a controller may take to build a container. */
#define LXC_START_TIMEOUT_MS 30000
/* How long a killed container's controller may take to finish. */
#define LXC_STOP_TIMEOUT_MS 5000

typedef struct {
    nuvDomainObj *obj;          /* referenced */
    unsigned int runId;
} lxcWork;

/* ---- the controller's socket (monitor thread) ---- */

static int
lxcStopReasonOf(const char *how)
{
    if (strcmp(how, "shutdown") == 0)
        return VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    if (strcmp(how, "reboot") == 0)
        return VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    return VIR_DOMAIN_SHUTOFF_CRASHED;
}

static void
lxcProcessHandleLine(nuvDomainObj *obj, const char *line)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    char how[32];
    int code;

    if (sscanf(line, "STOPPED %31s %d", how, &code) == 2) {
        priv->stopReason = lxcStopReasonOf(how);
        if (strcmp(how, "reboot") == 0)
            priv->wantReboot = true;
        NUV_DEBUG("container %s: init ended (%s %d)", obj->def->name, how, code);
    }
}

static gboolean
lxcProcessMonitorIO(gint fd, GIOCondition cond, gpointer opaque)
{
    nuvDomainObj *obj = opaque;
    lxcDomainPriv *priv;
    char buf[512];
    ssize_t n;
    gboolean keep = G_SOURCE_CONTINUE;

    nuvDomainObjLock(obj);
    priv = lxcDomainPrivOf(obj);
    if (priv->monFd != fd) {
        nuvDomainObjUnlock(obj);
        return G_SOURCE_REMOVE;
    }
    n = read(fd, buf, sizeof(buf));
    if (n > 0) {
        char *nl;
        g_string_append_len(priv->monBuf, buf, n);
        while ((nl = strchr(priv->monBuf->str, '\n'))) {
            *nl = '\0';
            lxcProcessHandleLine(obj, priv->monBuf->str);
            g_string_erase(priv->monBuf, 0, nl - priv->monBuf->str + 1);
        }
        if (priv->monBuf->len > 4096)   /* no line is that long */
            g_string_truncate(priv->monBuf, 0);
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        /* the controller is gone: a worker makes the container inactive */
        lxcWork *w = g_new0(lxcWork, 1);
        nuvDomainObjRef(obj);
        w->obj = obj;
        w->runId = priv->runId;
        g_thread_pool_push(priv->driver->workers, w, NULL);
        keep = G_SOURCE_REMOVE;
        g_source_unref(g_steal_pointer(&priv->monWatch));
    }
    nuvDomainObjUnlock(obj);
    return keep;
}

static void
lxcProcessWatch(lxcDriver *drv, nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);

    if (!priv->monBuf)
        priv->monBuf = g_string_new(NULL);
    g_string_truncate(priv->monBuf, 0);
    nuvDomainObjRef(obj);
    priv->monWatch = g_unix_fd_source_new(priv->monFd, G_IO_IN | G_IO_HUP | G_IO_ERR);
    g_source_set_callback(priv->monWatch, G_SOURCE_FUNC(lxcProcessMonitorIO), obj,
                          (GDestroyNotify) nuvDomainObjUnref);
    g_source_attach(priv->monWatch, drv->ctx);
}

/* Connect to the controller's socket and read its first line
 * ("RUNNING <init pid> <pty>"); -1 (no error reported) if it is not there. */
static int
lxcProcessConnect(lxcDriver *drv, nuvDomainObj *obj, pid_t *initpid, char **tty)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *path = lxcDomainStatePath(drv, obj->def->name, "sock");
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    char line[256];
    size_t len = 0;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path))
        return -1;
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0)
        goto error;
    while (len < sizeof(line) - 1) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t n;
        if (poll(&p, 1, 5000) <= 0 || (n = read(fd, line + len, 1)) <= 0)
            goto error;
        if (line[len++] == '\n')
            break;
    }
    line[len] = '\0';
    {
        long long ip = 0;
        char ptyName[128] = "";
        if (sscanf(line, "RUNNING %lld %127s", &ip, ptyName) < 1 || ip <= 0)
            goto error;
        *initpid = (pid_t) ip;
        *tty = g_strdup(ptyName);
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    priv->monFd = fd;
    return 0;

 error:
    close(fd);
    return -1;
}

/* ---- cleanup ---- */

static void
lxcProcessDropWatch(nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);

    if (priv->monWatch) {
        g_source_destroy(priv->monWatch);
        g_source_unref(g_steal_pointer(&priv->monWatch));
    }
    if (priv->monFd >= 0)
        close(priv->monFd);
    priv->monFd = -1;
}

/* The container's processes are gone: its cgroup goes too. */
static void
lxcProcessRemoveCgroup(nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);

    if (priv->cgroup && nuvCgroupRemove(priv->cgroup) < 0) {
        NUV_DEBUG("container %s: %s", obj->def->name,
                  nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
        nuvErrorReset();
    }
    g_clear_pointer(&priv->cgroup, nuvCgroupFree);
}

/* The controller is gone (or never ran): make @obj inactive. */
static void
lxcProcessCleanup(lxcDriver *drv, nuvDomainObj *obj, int reason)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *spec = lxcDomainStatePath(drv, obj->def->name, "spec");
    g_autofree char *sock = lxcDomainStatePath(drv, obj->def->name, "sock");

    lxcProcessDropWatch(obj);
    if (priv->pid > 0)
        waitpid(priv->pid, NULL, WNOHANG);
    if (priv->pidfd >= 0)
        close(priv->pidfd);
    if (priv->initfd >= 0)
        close(priv->initfd);
    priv->pidfd = priv->initfd = -1;
    priv->pid = priv->initpid = 0;
    priv->beingDestroyed = false;
    priv->wantReboot = false;
    priv->stopReason = -1;
    priv->autoDestroyConn = NULL;
    priv->runId++;
    g_clear_pointer(&priv->tty, g_free);
    lxcProcessRemoveCgroup(obj);
    lxcDomainDeleteStatus(drv, obj->def->name);
    unlink(spec);
    unlink(sock);

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

/* Wait (unlocked) up to @ms for the controller to end. */
static bool
lxcProcessWaitController(nuvDomainObj *obj, int ms)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    int pidfd = priv->pidfd;
    bool gone;

    if (pidfd < 0)
        return true;
    nuvDomainObjUnlock(obj);
    gone = nuvPidfdWait(pidfd, ms) == 1;
    nuvDomainObjLock(obj);
    return gone;
}

int
lxcProcessStop(lxcDriver *drv, nuvDomainObj *obj, int reason)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);

    priv->beingDestroyed = true;
    /* The init's death ends its PID namespace (every process in it); the
     * controller sees it, reports, and exits. */
    if (priv->initfd >= 0)
        nuvPidfdSignal(priv->initfd, SIGKILL);
    else if (priv->pidfd >= 0)
        nuvPidfdSignal(priv->pidfd, SIGTERM);
    if (!lxcProcessWaitController(obj, LXC_STOP_TIMEOUT_MS) && priv->pidfd >= 0) {
        /* a controller that hangs: its death takes the container along */
        nuvPidfdSignal(priv->pidfd, SIGKILL);
        lxcProcessWaitController(obj, LXC_STOP_TIMEOUT_MS);
    }
    lxcProcessCleanup(drv, obj, reason);
    return 0;
}

int
lxcProcessSignalInit(nuvDomainObj *obj, int sig)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    int rc;

    if (priv->initfd < 0 || (rc = nuvPidfdSignal(priv->initfd, sig)) < 0) {
        nuvReportSystemError(priv->initfd < 0 ? ESRCH : -rc,
                             "Failed to send signal %d to the container's init", sig);
        return -1;
    }
    return 0;
}

int
lxcProcessStoppedDetail(int reason)
{
    switch (reason) {
    case VIR_DOMAIN_SHUTOFF_SHUTDOWN: return VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;
    case VIR_DOMAIN_SHUTOFF_CRASHED: return VIR_DOMAIN_EVENT_STOPPED_CRASHED;
    case VIR_DOMAIN_SHUTOFF_DESTROYED: return VIR_DOMAIN_EVENT_STOPPED_DESTROYED;
    default: return VIR_DOMAIN_EVENT_STOPPED_FAILED;
    }
}

/* ---- start ---- */

/* The controller's one report line, or NULL on timeout or EOF. */
static char *
lxcProcessReadReport(int fd, int timeoutMs)
{
    g_autoptr(GString) s = g_string_new(NULL);
    gint64 deadline = g_get_monotonic_time() + (gint64) timeoutMs * 1000;

    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int left = (int) ((deadline - g_get_monotonic_time()) / 1000);
        char buf[256];
        ssize_t n;

        if (left <= 0 || poll(&p, 1, left) <= 0)
            return NULL;
        if ((n = read(fd, buf, sizeof(buf))) <= 0)
            break;
        g_string_append_len(s, buf, n);
        if (strchr(s->str, '\n') || s->len > 4096)
            break;
    }
    if (!s->len)
        return NULL;
    g_strchomp(s->str);
    return g_string_free(g_steal_pointer(&s), FALSE);
}

/* The last line the controller wrote to its log, for an error. */
static char *
lxcProcessLogTail(const char *log)
{
    g_autofree char *text = NULL;
    char *last;

    if (!g_file_get_contents(log, &text, NULL, NULL))
        return g_strdup("no message");
    g_strchomp(text);
    last = strrchr(text, '\n');
    return g_strdup(last ? last + 1 : text);
}

static int
lxcProcessSpawn(lxcDriver *drv, nuvDomainObj *obj, const char *specPath, const char *sockPath,
                const char *logPath, char **report)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *fdArg = NULL;
    const char *envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };
    int pipefd[2] = { -1, -1 };
    int logFd;
    pid_t pid;

    if ((logFd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0) {
        nuvReportSystemError(errno, "cannot open log file '%s'", logPath);
        return -1;
    }
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        nuvReportSystemError(errno, "%s", "cannot create a pipe");
        close(logFd);
        return -1;
    }
    fdArg = g_strdup_printf("%d", pipefd[1]);
    {
        const char *argv[] = { drv->controller, "--name", obj->def->name, "--spec", specPath,
                               "--socket", sockPath, "--report-fd", fdArg, NULL };
        pid = nuvProcessSpawn(argv, envp, logFd, pipefd[1]);
    }
    close(logFd);
    close(pipefd[1]);
    if (pid < 0) {
        close(pipefd[0]);
        return -1;
    }
    priv->pid = pid;
    priv->pidfd = nuvPidfdOpen(pid);
    /* unlocked while the controller builds the container: queries go on */
    nuvDomainObjUnlock(obj);
    *report = lxcProcessReadReport(pipefd[0], LXC_START_TIMEOUT_MS);
    nuvDomainObjLock(obj);
    close(pipefd[0]);
    return 0;
}

int
lxcProcessStart(lxcDriver *drv, nuvDomainObj *obj, unsigned int flags, int reason)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *spec = NULL, *report = NULL, *tty = NULL;
    g_autofree char *specPath = lxcDomainStatePath(drv, obj->def->name, "spec");
    g_autofree char *sockPath = lxcDomainStatePath(drv, obj->def->name, "sock");
    g_autofree char *logPath = lxcDomainStatePath(drv, obj->def->name, "log");
    long long initpid = 0;
    pid_t livePid = 0;
    int id;

    g_auto(GStrv) procs = NULL;
    lxcSpecExtra extra = { 0 };

    if (access(drv->controller, X_OK) < 0) {
        nuvReportSystemError(errno, "Cannot find controller '%s'", drv->controller);
        return -1;
    }
    if (!(spec = lxcSpecBuild(obj->def, NULL)))
        return -1;
    g_clear_pointer(&spec, g_free);
    if (!(priv->cgroup = lxcCgroupSetup(obj->def)))
        return -1;
    procs = nuvCgroupProcsFiles(priv->cgroup);
    for (size_t i = 0; procs[i] && i < G_N_ELEMENTS(extra.cgroupProcs); i++)
        extra.cgroupProcs[i] = procs[i];
    if (!(spec = lxcSpecBuild(obj->def, &extra)))
        goto error;
    if (nuvDirMake(drv->paths.stateDir, 0700) < 0 || nuvDirMake(drv->paths.logDir, 0700) < 0 ||
        nuvFileWriteAtomic(specPath, spec, strlen(spec), 0600) < 0)
        goto error;
    if (lxcProcessSpawn(drv, obj, specPath, sockPath, logPath, &report) < 0)
        goto error;
    if (!report || !g_str_has_prefix(report, "OK ")) {
        g_autofree char *why = report && g_str_has_prefix(report, "ERR ") ?
                               g_strdup(report + 4) : lxcProcessLogTail(logPath);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "guest failed to start: %s", why);
        goto error;
    }
    tty = g_malloc0(strlen(report));
    if (sscanf(report, "OK %lld %s", &initpid, tty) != 2 || initpid <= 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "guest failed to start: bad report '%s'", report);
        goto error;
    }
    priv->initpid = (pid_t) initpid;
    priv->initfd = nuvPidfdOpen(priv->initpid);
    g_clear_pointer(&tty, g_free);
    if (priv->initfd < 0 || lxcProcessConnect(drv, obj, &livePid, &tty) < 0) {
        if (!nuvErrorCurrent())
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "guest failed to start: its controller does not answer");
        goto error;
    }
    priv->tty = g_steal_pointer(&tty);
    priv->stopReason = -1;
    lxcProcessWatch(drv, obj);

    id = g_atomic_int_add(&drv->nextID, 1);
    nuvDomainObjListSetID(drv->domains, obj, id);
    nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
    obj->startedAt = g_get_monotonic_time();
    lxcSpecSetConsoleTTY(obj->def, priv->tty);
    if (lxcDomainSaveStatus(drv, obj) < 0) {
        lxcProcessStop(drv, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        return -1;
    }
    return 0;

 error:
    {
        /* keep the first error across the cleanup */
        virErrorPtr err = nuvErrorPreserve();
        if (priv->pidfd >= 0) {
            nuvPidfdSignal(priv->pidfd, SIGKILL);
            lxcProcessWaitController(obj, LXC_STOP_TIMEOUT_MS);
        }
        lxcProcessDropWatch(obj);
        if (priv->pid > 0)
            waitpid(priv->pid, NULL, 0);
        if (priv->pidfd >= 0)
            close(priv->pidfd);
        if (priv->initfd >= 0)
            close(priv->initfd);
        priv->pidfd = priv->initfd = -1;
        priv->pid = priv->initpid = 0;
        unlink(specPath);
        unlink(sockPath);
        lxcProcessRemoveCgroup(obj);
        nuvErrorRestore(&err);
    }
    return -1;
}

/* ---- the workers: a controller ended ---- */

static void
lxcProcessWorker(gpointer data, gpointer user)
{
    lxcWork *w = data;
    nuvDomainObj *obj = w->obj;
    lxcDomainPriv *priv;
    lxcDriver *drv;
    int reason;
    bool reboot;

    nuvDomainObjLock(obj);
    priv = lxcDomainPrivOf(obj);
    drv = priv->driver;
    if (priv->runId != w->runId || priv->beingDestroyed || !nuvDomainObjIsActive(obj) ||
        lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (priv->runId != w->runId || !nuvDomainObjIsActive(obj))
        goto endjob;
    /* the controller said how the init ended; saying nothing, it died */
    reason = priv->stopReason >= 0 ? priv->stopReason : VIR_DOMAIN_SHUTOFF_FAILED;
    reboot = priv->wantReboot && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    lxcProcessWaitController(obj, LXC_STOP_TIMEOUT_MS);
    if (reboot) {
        /* a reboot is a new start of the same container, not a stop */
        bool persistent = obj->persistent;
        obj->persistent = true;     /* a transient one must survive its own reboot */
        lxcProcessCleanup(drv, obj, reason);
        obj->persistent = persistent;
        if (lxcProcessStart(drv, obj, 0, VIR_DOMAIN_RUNNING_BOOTED) == 0) {
            nuvEventQueue(drv->events, nuvDomainEventRebootNew(obj->def->name, obj->def->uuid,
                                                               obj->id));
            goto endjob;
        }
        NUV_DEBUG("container %s did not come back from its reboot: %s", obj->def->name,
                  nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
        nuvErrorReset();
        nuvEventQueue(drv->events,
                      nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                                 VIR_DOMAIN_EVENT_STOPPED,
                                                 VIR_DOMAIN_EVENT_STOPPED_FAILED));
        if (!obj->persistent)
            nuvDomainObjListRemove(drv->domains, obj);
        goto endjob;
    }
    lxcProcessCleanup(drv, obj, reason);
    nuvEventQueue(drv->events,
                  nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                             VIR_DOMAIN_EVENT_STOPPED,
                                             lxcProcessStoppedDetail(reason)));
 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjUnlock(obj);
    nuvDomainObjUnref(obj);
    g_free(w);
}

GThreadPool *
lxcProcessWorkersNew(void)
{
    return g_thread_pool_new(lxcProcessWorker, NULL, 2, FALSE, NULL);
}

/* ---- reconnect, detach ---- */

/* Is @pid still the controller of the container called @name? */
static bool
lxcProcessIsOurs(pid_t pid, const char *name)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long) pid);
    g_autofree char *cmdline = NULL;
    gsize len = 0;
    bool isController = false;

    if (!g_file_get_contents(path, &cmdline, &len, NULL))
        return false;
    for (gsize off = 0; off < len; off += strlen(cmdline + off) + 1) {
        const char *arg = cmdline + off;
        if (off == 0)
            isController = g_str_has_suffix(arg, "nuvirt_lxc");
        else if (isController && strcmp(arg, "--name") == 0 && off + strlen(arg) + 1 < len)
            return strcmp(arg + strlen(arg) + 1, name) == 0;
    }
    return false;
}

void
lxcProcessReconnect(lxcDriver *drv, nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);
    g_autofree char *tty = NULL;
    pid_t initpid = 0;

    if (priv->pid > 0 && lxcProcessIsOurs(priv->pid, obj->def->name))
        priv->pidfd = nuvPidfdOpen(priv->pid);
    if (priv->pidfd < 0 || nuvPidfdWait(priv->pidfd, 0) ||
        lxcProcessConnect(drv, obj, &initpid, &tty) < 0)
        goto gone;
    priv->initpid = initpid;
    if ((priv->initfd = nuvPidfdOpen(initpid)) < 0)
        goto gone;
    priv->tty = g_steal_pointer(&tty);
    priv->cgroup = lxcCgroupOpen(obj->def->name);
    lxcProcessWatch(drv, obj);
    nuvErrorReset();
    return;

 gone:
    NUV_DEBUG("container %s: controller %lld is gone", obj->def->name, (long long) priv->pid);
    nuvErrorReset();
    priv->cgroup = lxcCgroupOpen(obj->def->name);
    lxcProcessCleanup(drv, obj, VIR_DOMAIN_SHUTOFF_FAILED);
    nuvEventQueue(drv->events, nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1,
                                                          VIR_DOMAIN_EVENT_STOPPED,
                                                          VIR_DOMAIN_EVENT_STOPPED_FAILED));
}

void
lxcProcessDetach(nuvDomainObj *obj)
{
    lxcDomainPriv *priv = lxcDomainPrivOf(obj);

    if (!priv)
        return;
    lxcProcessDropWatch(obj);
    if (priv->pidfd >= 0)
        close(priv->pidfd);
    if (priv->initfd >= 0)
        close(priv->initfd);
    priv->pidfd = priv->initfd = -1;
    g_clear_pointer(&priv->cgroup, nuvCgroupFree);
}

/* ---- autostart, autodestroy ---- */

void
lxcProcessAutostartAll(lxcDriver *drv)
{
    size_t count;
    nuvDomainObj **objs = nuvDomainObjListCollect(drv->domains, &count);

    for (size_t i = 0; i < count; i++) {
        nuvDomainObj *obj = objs[i];

        nuvDomainObjLock(obj);
        if (obj->autostart && obj->persistent && !nuvDomainObjIsActive(obj) &&
            !nuvDomainObjIsRemoved(obj) && lxcDomainJobBegin(obj) == 0) {
            if (!nuvDomainObjIsActive(obj) &&
                lxcProcessStart(drv, obj, 0, VIR_DOMAIN_RUNNING_BOOTED) == 0)
                lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                                       VIR_DOMAIN_EVENT_STARTED_BOOTED);
            lxcDomainJobEnd(obj);
        }
        nuvErrorReset();
        nuvDomainObjUnlock(obj);
    }
    nuvDomainObjListFreeArray(objs, count);
}

void
lxcProcessAutoDestroy(lxcDriver *drv, virConnectPtr conn)
{
    size_t count;
    nuvDomainObj **objs = nuvDomainObjListCollect(drv->domains, &count);

    for (size_t i = 0; i < count; i++) {
        nuvDomainObj *obj = objs[i];
        lxcDomainPriv *priv;

        nuvDomainObjLock(obj);
        priv = lxcDomainPrivOf(obj);
        if (priv && priv->autoDestroyConn == conn && lxcDomainJobBegin(obj) == 0) {
            if (nuvDomainObjIsActive(obj) && priv->autoDestroyConn == conn &&
                lxcProcessStop(drv, obj, VIR_DOMAIN_SHUTOFF_DESTROYED) == 0)
                lxcDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                                       VIR_DOMAIN_EVENT_STOPPED_DESTROYED);
            lxcDomainJobEnd(obj);
        }
        nuvErrorReset();
        nuvDomainObjUnlock(obj);
    }
    nuvDomainObjListFreeArray(objs, count);
}
