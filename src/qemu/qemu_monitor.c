/*
 * qemu_monitor.c: the QMP client.
 *
 * QMP is one JSON object per line each way.  QEMU sends a greeting, then
 * replies (carrying the id we gave the command) and events (at any time).
 * One command is outstanding at a time per monitor: a caller holds cmdLock
 * from sending until its reply (or the timeout, or end of file), which is
 * what QEMU expects and keeps matching trivial; a late reply to a command
 * that timed out carries an old id and is dropped.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <glib-unix.h>

#include "qemu/qemu_monitor.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

struct _qemuMonitor {
    gint refs;
    GMainContext *ctx;          /* immutable */
    qemuMonitorCallbacks cb;    /* immutable */
    void *opaque;               /* immutable */
    int fd;                     /* immutable until freed */

    GMutex cmdLock;             /* held by the one caller of a command */

    GMutex lock;                /* guards everything below */
    GCond cond;                 /* greeting, reply, end of file, callbacks done */
    GSource *source;
    GString *inbuf;             /* read but not yet a whole line */
    bool closed;                /* qemuMonitorClose was called */
    bool eof;                   /* the socket ended or failed */
    bool eofNotified;
    json_object *greeting;
    unsigned long long nextId;
    char *waitId;               /* id of the command waiting for a reply */
    json_object *reply;         /* its reply, once read */
    int timeoutMs;
    int inCallback;             /* callbacks running right now */
};

qemuMonitor *
qemuMonitorRef(qemuMonitor *mon)
{
    g_atomic_int_inc(&mon->refs);
    return mon;
}

void
qemuMonitorUnref(qemuMonitor *mon)
{
    if (!mon || !g_atomic_int_dec_and_test(&mon->refs))
        return;
    if (mon->fd >= 0)
        close(mon->fd);
    if (mon->inbuf)
        g_string_free(mon->inbuf, TRUE);
    if (mon->greeting)
        json_object_put(mon->greeting);
    if (mon->reply)
        json_object_put(mon->reply);
    g_free(mon->waitId);
    g_mutex_clear(&mon->lock);
    g_mutex_clear(&mon->cmdLock);
    g_cond_clear(&mon->cond);
    if (mon->cb.dispose)
        mon->cb.dispose(mon->opaque);
    g_free(mon);
}

/* Run a callback unless the monitor was closed; called without the lock. */
static bool
qemuMonitorEnterCallback(qemuMonitor *mon)
{
    bool ok;

    g_mutex_lock(&mon->lock);
    ok = !mon->closed;
    if (ok)
        mon->inCallback++;
    g_mutex_unlock(&mon->lock);
    return ok;
}

static void
qemuMonitorLeaveCallback(qemuMonitor *mon)
{
    g_mutex_lock(&mon->lock);
    mon->inCallback--;
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);
}

static void
qemuMonitorDispatchEvent(qemuMonitor *mon, json_object *msg)
{
    json_object *name = NULL, *data = NULL, *ts = NULL, *v;
    long long seconds = 0;
    unsigned int micros = 0;

    if (!json_object_object_get_ex(msg, "event", &name) ||
        !json_object_is_type(name, json_type_string))
        return;
    json_object_object_get_ex(msg, "data", &data);
    if (json_object_object_get_ex(msg, "timestamp", &ts)) {
        if (json_object_object_get_ex(ts, "seconds", &v))
            seconds = json_object_get_int64(v);
        if (json_object_object_get_ex(ts, "microseconds", &v))
            micros = json_object_get_int(v);
    }
    if (!mon->cb.event || !qemuMonitorEnterCallback(mon))
        return;
    mon->cb.event(mon, json_object_get_string(name), data, seconds, micros, mon->opaque);
    qemuMonitorLeaveCallback(mon);
}

/* One line from QEMU.  Events are collected in @events to be dispatched
 * once the lock is dropped.  Called with the lock held. */
static void
qemuMonitorHandleLine(qemuMonitor *mon, const char *line, GPtrArray *events)
{
    json_object *msg, *id;

    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line)
        return;
    if (!(msg = json_tokener_parse(line)) || !json_object_is_type(msg, json_type_object)) {
        NUV_DEBUG("ignoring a malformed QMP message: %.200s", line);
        json_object_put(msg);
        return;
    }
    if (json_object_object_get_ex(msg, "QMP", NULL)) {
        if (!mon->greeting) {
            mon->greeting = msg;
            g_cond_broadcast(&mon->cond);
            return;
        }
    } else if (json_object_object_get_ex(msg, "event", NULL)) {
        g_ptr_array_add(events, msg);
        return;
    } else if (json_object_object_get_ex(msg, "id", &id) && mon->waitId &&
               json_object_is_type(id, json_type_string) &&
               strcmp(json_object_get_string(id), mon->waitId) == 0 && !mon->reply) {
        mon->reply = msg;
        g_cond_broadcast(&mon->cond);
        return;
    }
    json_object_put(msg);
}

static void
qemuMonitorMarkEOF(qemuMonitor *mon)
{
    mon->eof = true;
    g_cond_broadcast(&mon->cond);
}

static void
qemuMonitorJSONPut(gpointer obj)
{
    json_object_put(obj);
}

static gboolean
qemuMonitorIO(gint fd, GIOCondition cond, gpointer opaque)
{
    qemuMonitor *mon = opaque;
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func(qemuMonitorJSONPut);
    bool ended = false, failed = false, notify = false;
    char buf[65536];

    g_mutex_lock(&mon->lock);
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        char *nl;

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            ended = true;
            failed = n < 0 && errno != ECONNRESET;
            break;
        }
        g_string_append_len(mon->inbuf, buf, n);
        while ((nl = memchr(mon->inbuf->str, '\n', mon->inbuf->len))) {
            *nl = '\0';
            qemuMonitorHandleLine(mon, mon->inbuf->str, events);
            g_string_erase(mon->inbuf, 0, nl - mon->inbuf->str + 1);
        }
        if (mon->inbuf->len > QEMU_MONITOR_MAX_MESSAGE) {
            NUV_DEBUG("QMP message over %d bytes, closing the monitor",
                       QEMU_MONITOR_MAX_MESSAGE);
            ended = failed = true;
            break;
        }
    }
    if (ended) {
        qemuMonitorMarkEOF(mon);
        if (!mon->eofNotified) {
            mon->eofNotified = true;
            notify = true;
        }
    }
    g_mutex_unlock(&mon->lock);

    for (guint i = 0; i < events->len; i++)
        qemuMonitorDispatchEvent(mon, g_ptr_array_index(events, i));
    if (notify && mon->cb.eof && qemuMonitorEnterCallback(mon)) {
        mon->cb.eof(mon, failed, mon->opaque);
        qemuMonitorLeaveCallback(mon);
    }
    return ended ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Send @fd (if >= 0) with the first byte of @data: QEMU takes a
 * descriptor passed with SCM_RIGHTS for the command it comes with
 * (getfd, add-fd). */
static ssize_t
qemuMonitorSendWithFD(qemuMonitor *mon, const char *data, size_t len, int fd)
{
    char control[CMSG_SPACE(sizeof(int))] = { 0 };
    struct iovec iov = { .iov_base = (void *) data, .iov_len = len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = control, .msg_controllen = sizeof(control) };
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    return sendmsg(mon->fd, &msg, MSG_NOSIGNAL);
}

static int
qemuMonitorWrite(qemuMonitor *mon, const char *data, size_t len, int fd)
{
    while (len > 0) {
        ssize_t n = fd >= 0 ? qemuMonitorSendWithFD(mon, data, len, fd)
                            : write(mon->fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pfd = { .fd = mon->fd, .events = POLLOUT };
            if (poll(&pfd, 1, mon->timeoutMs) == 0) {
                nuvReportError(VIR_ERR_OPERATION_TIMEOUT, "%s",
                               "QEMU does not read its monitor socket");
                return -1;
            }
            continue;
        }
        if (n < 0) {
            nuvReportSystemError(errno, "%s", "cannot write to QEMU's monitor");
            return -1;
        }
        data += n;
        len -= n;
        fd = -1;        /* passed with the first byte written */
    }
    return 0;
}

static gint64
qemuMonitorDeadline(int timeoutMs)
{
    return g_get_monotonic_time() + (gint64) timeoutMs * G_TIME_SPAN_MILLISECOND;
}

/* Send @msg (consumed) and wait for the reply object.  Returns the reply
 * (with "return" or "error") or NULL with an error reported. */
static json_object *
qemuMonitorSend(qemuMonitor *mon, json_object *msg, const char *what, int fd)
{
    g_autofree char *id = NULL;
    g_autofree char *text = NULL;
    json_object *reply = NULL;
    gint64 deadline;
    int rc;

    g_mutex_lock(&mon->cmdLock);
    g_mutex_lock(&mon->lock);
    if (mon->eof || mon->closed) {
        g_mutex_unlock(&mon->lock);
        g_mutex_unlock(&mon->cmdLock);
        json_object_put(msg);
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "QEMU's monitor is closed: the guest is not running");
        return NULL;
    }
    id = g_strdup_printf("nuv-%llu", ++mon->nextId);
    json_object_object_add(msg, "id", json_object_new_string(id));
    g_free(mon->waitId);
    mon->waitId = g_strdup(id);
    if (mon->reply) {
        json_object_put(mon->reply);
        mon->reply = NULL;
    }
    deadline = qemuMonitorDeadline(mon->timeoutMs);
    g_mutex_unlock(&mon->lock);

    text = g_strdup_printf("%s\r\n", json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN));
    json_object_put(msg);
    rc = qemuMonitorWrite(mon, text, strlen(text), fd);

    g_mutex_lock(&mon->lock);
    while (rc == 0 && !mon->reply && !mon->eof && !mon->closed) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline)) {
            nuvReportError(VIR_ERR_OPERATION_TIMEOUT,
                           "QEMU did not answer the command '%s' within %d ms",
                           what, mon->timeoutMs);
            rc = -1;
        }
    }
    if (rc == 0 && !mon->reply) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "QEMU's monitor closed before the command '%s' was answered", what);
        rc = -1;
    }
    if (rc == 0)
        reply = g_steal_pointer(&mon->reply);
    g_clear_pointer(&mon->waitId, g_free);
    g_mutex_unlock(&mon->lock);
    g_mutex_unlock(&mon->cmdLock);
    return reply;
}

int
qemuMonitorCommand(qemuMonitor *mon, const char *cmd, json_object *args, json_object **ret)
{
    return qemuMonitorCommandWithFD(mon, cmd, args, -1, ret);
}

int
qemuMonitorCommandWithFD(qemuMonitor *mon, const char *cmd, json_object *args, int fd,
                         json_object **ret)
{
    json_object *msg = json_object_new_object();
    json_object *reply, *val, *err;

    json_object_object_add(msg, "execute", json_object_new_string(cmd));
    if (args)
        json_object_object_add(msg, "arguments", args);
    if (!(reply = qemuMonitorSend(mon, msg, cmd, fd)))
        return -1;
    if (json_object_object_get_ex(reply, "error", &err)) {
        json_object *desc = NULL;

        json_object_object_get_ex(err, "desc", &desc);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "unable to execute QEMU command '%s': %s",
                       cmd, desc ? json_object_get_string(desc) : "unknown error");
        json_object_put(reply);
        return -1;
    }
    if (!json_object_object_get_ex(reply, "return", &val)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "QEMU's reply to '%s' has neither a return value nor an error", cmd);
        json_object_put(reply);
        return -1;
    }
    if (ret)
        *ret = json_object_get(val);
    json_object_put(reply);
    return 0;
}

int
qemuMonitorCommandText(qemuMonitor *mon, const char *json, char **reply)
{
    json_object *msg = json_tokener_parse(json);
    json_object *exec = NULL, *rep;

    if (!msg || !json_object_is_type(msg, json_type_object) ||
        !json_object_object_get_ex(msg, "execute", &exec) ||
        !json_object_is_type(exec, json_type_string)) {
        json_object_put(msg);
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "'%s' is not a QMP command object with an 'execute' member", json);
        return -1;
    }
    g_autofree char *what = g_strdup(json_object_get_string(exec));
    if (!(rep = qemuMonitorSend(mon, msg, what, -1)))
        return -1;
    *reply = g_strdup(json_object_to_json_string_ext(rep, JSON_C_TO_STRING_PLAIN |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(rep);
    return 0;
}

json_object *
qemuMonitorGreeting(qemuMonitor *mon)
{
    json_object *qmp = NULL;

    json_object_object_get_ex(mon->greeting, "QMP", &qmp);
    return qmp;
}

void
qemuMonitorSetTimeout(qemuMonitor *mon, int timeoutMs)
{
    g_mutex_lock(&mon->lock);
    mon->timeoutMs = timeoutMs;
    g_mutex_unlock(&mon->lock);
}

void
qemuMonitorClose(qemuMonitor *mon)
{
    if (!mon)
        return;
    g_mutex_lock(&mon->lock);
    mon->closed = true;
    g_cond_broadcast(&mon->cond);
    if (mon->source) {
        g_source_destroy(mon->source);
        g_source_unref(mon->source);
        mon->source = NULL;
    }
    /* A callback running on the loop thread finishes before we return,
     * unless we are that callback. */
    if (!g_main_context_is_owner(mon->ctx)) {
        while (mon->inCallback > 0)
            g_cond_wait(&mon->cond, &mon->lock);
    }
    g_mutex_unlock(&mon->lock);
    qemuMonitorUnref(mon);
}

qemuMonitor *
qemuMonitorOpenFD(int fd, GMainContext *ctx, int timeoutMs,
                  const qemuMonitorCallbacks *cb, void *opaque)
{
    qemuMonitor *mon;
    gint64 deadline;
    bool ok;

    if (!g_unix_set_fd_nonblocking(fd, TRUE, NULL) || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        nuvReportSystemError(errno, "%s", "cannot set up QEMU's monitor socket");
        close(fd);
        return NULL;
    }
    mon = g_new0(qemuMonitor, 1);
    mon->refs = 1;
    mon->fd = fd;
    mon->ctx = ctx;
    mon->timeoutMs = timeoutMs;
    mon->inbuf = g_string_new(NULL);
    g_mutex_init(&mon->lock);
    g_mutex_init(&mon->cmdLock);
    g_cond_init(&mon->cond);

    g_mutex_lock(&mon->lock);
    mon->source = g_unix_fd_source_new(fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
    g_source_set_callback(mon->source, G_SOURCE_FUNC(qemuMonitorIO), qemuMonitorRef(mon),
                          (GDestroyNotify) qemuMonitorUnref);
    g_source_attach(mon->source, ctx);
    deadline = qemuMonitorDeadline(timeoutMs);
    while (!mon->greeting && !mon->eof) {
        if (!g_cond_wait_until(&mon->cond, &mon->lock, deadline))
            break;
    }
    ok = mon->greeting != NULL;
    if (!ok && mon->eof)
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "QEMU closed its monitor before greeting");
    else if (!ok)
        nuvReportError(VIR_ERR_OPERATION_TIMEOUT,
                       "QEMU's monitor did not greet within %d ms", timeoutMs);
    g_mutex_unlock(&mon->lock);

    if (!ok || qemuMonitorCommand(mon, "qmp_capabilities", NULL, NULL) < 0) {
        qemuMonitorClose(mon);
        return NULL;
    }
    /* Callbacks only from now on: the caller's @opaque is ours to hold
     * (and to dispose of) only once the monitor is handed out. */
    g_mutex_lock(&mon->lock);
    mon->cb = *cb;
    mon->opaque = opaque;
    g_mutex_unlock(&mon->lock);
    return mon;
}

qemuMonitor *
qemuMonitorOpenPath(const char *path, GMainContext *ctx, int timeoutMs,
                    const qemuMonitorCallbacks *cb, void *opaque)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "monitor socket path '%s' is too long", path);
        return NULL;
    }
    strcpy(addr.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        nuvReportSystemError(errno, "%s", "cannot create a socket");
        return NULL;
    }
    if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0) {
        nuvReportSystemError(errno, "cannot connect to QEMU's monitor socket '%s'", path);
        close(fd);
        return NULL;
    }
    return qemuMonitorOpenFD(fd, ctx, timeoutMs, cb, opaque);
}
