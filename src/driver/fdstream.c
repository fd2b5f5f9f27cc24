/*
 * fdstream.c: a virStream over a pty or socket descriptor (see
 * fdstream.h).  Readiness comes from a watch on the descriptor in the
 * registered event loop; a stream closed from the driver's side tells its
 * callback HANGUP through a one-shot timer, since its descriptor is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "driver/fdstream.h"
#include "driver/driver.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/locks.h"

#define VIR_FROM_THIS VIR_FROM_STREAMS

typedef struct {
    GMutex lock;                /* guards everything below */
    int fd;                     /* -1 once closed */
    bool hungUp;                /* closed by the driver, not the application */
    int watch;                  /* on fd, while a callback is registered */
    int timer;                  /* the HANGUP notice after a driver close */
    int events;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
    void (*onClose)(virStreamPtr st, void *opaque);
    void *closeOpaque;
    GDestroyNotify freeOpaque;
} fdStream;

static fdStream *
priv(virStreamPtr st)
{
    return st->privateData;
}

/* Stop watching (the watch and timer go; @ff runs when @all). */
static void
dropWatches(fdStream *fs, bool all)
{
    int watch, timer;
    virFreeCallback ff = NULL;
    void *opaque = NULL;

    nuvMutexLock(&fs->lock);
    watch = fs->watch;
    timer = fs->timer;
    fs->watch = fs->timer = -1;
    if (all) {
        ff = fs->ff;
        opaque = fs->opaque;
        fs->cb = NULL;
        fs->ff = NULL;
        fs->opaque = NULL;
    }
    nuvMutexUnlock(&fs->lock);
    if (watch >= 0)
        nuvEventRemoveHandle(watch);
    if (timer >= 0)
        nuvEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
}

static void
fdStreamFree(void *opaque)
{
    fdStream *fs = opaque;

    dropWatches(fs, true);
    if (fs->fd >= 0)
        close(fs->fd);
    if (fs->freeOpaque)
        fs->freeOpaque(fs->closeOpaque);
    g_mutex_clear(&fs->lock);
    g_free(fs);
}

/* Close the descriptor once; the opener's onClose runs outside the lock. */
static void
closeFd(virStreamPtr st, bool hangUp)
{
    fdStream *fs = priv(st);
    void (*onClose)(virStreamPtr, void *) = NULL;

    dropWatches(fs, !hangUp);
    nuvMutexLock(&fs->lock);
    if (fs->fd >= 0) {
        close(fs->fd);
        fs->fd = -1;
        fs->hungUp = hangUp;
        onClose = fs->onClose;
    }
    nuvMutexUnlock(&fs->lock);
    if (onClose)
        onClose(st, fs->closeOpaque);
}

/* Wait until @fd is ready for @what, giving up when the stream closes. */
static int
waitReady(fdStream *fs, short what)
{
    for (;;) {
        struct pollfd p;

        nuvMutexLock(&fs->lock);
        p.fd = fs->fd;
        nuvMutexUnlock(&fs->lock);
        if (p.fd < 0)
            return -1;
        p.events = what;
        if (poll(&p, 1, 100) > 0 || (p.revents & (POLLERR | POLLHUP)))
            return 0;
    }
}

/* The descriptor, or -1 with the error of a closed stream. */
static int
usableFd(fdStream *fs)
{
    int fd;

    nuvMutexLock(&fs->lock);
    fd = fs->fd;
    nuvMutexUnlock(&fs->lock);
    if (fd < 0)
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "stream is closed");
    return fd;
}

static int
fdStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    fdStream *fs = priv(st);

    if (flags) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags, __func__);
        return -1;
    }
    for (;;) {
        int fd = usableFd(fs);
        ssize_t n;

        if (fd < 0)
            return -1;
        n = read(fd, data, MIN(nbytes, (size_t) INT_MAX));
        if (n >= 0)
            return n;
        if (errno == EIO)
            return 0;           /* the pty's other side is gone: the end */
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            nuvReportSystemError(errno, "%s", "cannot read from stream");
            return -1;
        }
        if (st->flags & VIR_STREAM_NONBLOCK)
            return -2;
        if (waitReady(fs, POLLIN) < 0)
            return usableFd(fs) < 0 ? -1 : 0;
    }
}

static int
fdStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    return fdStreamRecvFlags(st, data, nbytes, 0);
}

static int
fdStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    fdStream *fs = priv(st);

    for (;;) {
        int fd = usableFd(fs);
        ssize_t n;

        if (fd < 0)
            return -1;
        n = write(fd, data, MIN(nbytes, (size_t) INT_MAX));
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            nuvReportSystemError(errno, "%s", "cannot write to stream");
            return -1;
        }
        if (st->flags & VIR_STREAM_NONBLOCK)
            return -2;
        if (waitReady(fs, POLLOUT) < 0)
            return usableFd(fs) < 0 ? -1 : 0;
    }
}

static int
fdStreamFinish(virStreamPtr st)
{
    fdStream *fs = priv(st);
    bool hungUp;

    nuvMutexLock(&fs->lock);
    hungUp = fs->fd < 0 && !fs->hungUp;
    nuvMutexUnlock(&fs->lock);
    if (hungUp) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "stream is closed");
        return -1;
    }
    closeFd(st, false);
    dropWatches(fs, true);
    return 0;
}

static int
fdStreamAbort(virStreamPtr st)
{
    closeFd(st, false);
    dropWatches(priv(st), true);
    return 0;
}

/* ---- events ---- */

static void
deliver(virStreamPtr st, int events)
{
    fdStream *fs = priv(st);
    virStreamEventCallback cb;
    void *opaque;

    nuvMutexLock(&fs->lock);
    cb = fs->cb;
    opaque = fs->opaque;
    nuvMutexUnlock(&fs->lock);
    if (cb && events)
        cb(st, events, opaque);
}

static void
watchFire(int watch G_GNUC_UNUSED, int fd G_GNUC_UNUSED, int events, void *opaque)
{
    /* VIR_EVENT_HANDLE_* and VIR_STREAM_EVENT_* have the same bits */
    deliver(opaque, events);
}

static void
hangupFire(int timer, void *opaque)
{
    nuvEventUpdateTimeout(timer, -1);   /* once */
    deliver(opaque, VIR_STREAM_EVENT_HANGUP);
}

static void
unrefStream(void *opaque)
{
    nuvHandleUnref(opaque);
}

/* Watch the descriptor (or, once the driver closed it, post the hang-up)
 * for the registered callback; lock not held. */
static int
arm(virStreamPtr st)
{
    fdStream *fs = priv(st);
    int fd, events, id;

    nuvMutexLock(&fs->lock);
    fd = fs->fd;
    events = fs->events;
    nuvMutexUnlock(&fs->lock);
    nuvHandleRef(st);
    if (fd >= 0)
        id = nuvEventAddHandle(fd, events, watchFire, st, unrefStream);
    else
        id = nuvEventAddTimeout(0, hangupFire, st, unrefStream);
    if (id < 0) {
        nuvHandleUnref(st);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot register file watch on stream");
        return -1;
    }
    nuvMutexLock(&fs->lock);
    if (fd >= 0)
        fs->watch = id;
    else
        fs->timer = id;
    nuvMutexUnlock(&fs->lock);
    return 0;
}

static int
fdStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                         void *opaque, virFreeCallback ff)
{
    fdStream *fs = priv(st);

    nuvMutexLock(&fs->lock);
    if (fs->cb) {
        nuvMutexUnlock(&fs->lock);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream already has a callback registered");
        return -1;
    }
    nuvMutexUnlock(&fs->lock);
    if (nuvEventRequireImpl() < 0)
        return -1;
    nuvMutexLock(&fs->lock);
    fs->cb = cb;
    fs->opaque = opaque;
    fs->ff = ff;
    fs->events = events;
    nuvMutexUnlock(&fs->lock);
    if (arm(st) < 0) {
        nuvMutexLock(&fs->lock);
        fs->cb = NULL;
        fs->ff = NULL;
        fs->opaque = NULL;
        nuvMutexUnlock(&fs->lock);
        return -1;
    }
    return 0;
}

static int
fdStreamEventUpdateCallback(virStreamPtr st, int events)
{
    fdStream *fs = priv(st);
    int watch;

    nuvMutexLock(&fs->lock);
    if (!fs->cb) {
        nuvMutexUnlock(&fs->lock);
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream does not have a callback registered");
        return -1;
    }
    fs->events = events;
    watch = fs->watch;
    nuvMutexUnlock(&fs->lock);
    if (watch >= 0)
        nuvEventUpdateHandle(watch, events);
    return 0;
}

static int
fdStreamEventRemoveCallback(virStreamPtr st)
{
    fdStream *fs = priv(st);
    bool has;

    nuvMutexLock(&fs->lock);
    has = fs->cb != NULL;
    nuvMutexUnlock(&fs->lock);
    if (!has) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "stream does not have a callback registered");
        return -1;
    }
    dropWatches(fs, true);
    return 0;
}

static const nuvStreamDriver fdStreamDriver = {
    .name = "fd",
    .streamSend = fdStreamSend,
    .streamRecv = fdStreamRecv,
    .streamRecvFlags = fdStreamRecvFlags,
    .streamFinish = fdStreamFinish,
    .streamAbort = fdStreamAbort,
    .streamEventAddCallback = fdStreamEventAddCallback,
    .streamEventUpdateCallback = fdStreamEventUpdateCallback,
    .streamEventRemoveCallback = fdStreamEventRemoveCallback,
};

int
nuvFDStreamOpen(virStreamPtr st, int fd, void (*onClose)(virStreamPtr st, void *opaque),
                void *opaque, GDestroyNotify freeOpaque)
{
    fdStream *fs;
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        nuvReportSystemError(errno, "%s", "cannot make the stream's descriptor non-blocking");
        close(fd);
        if (freeOpaque)
            freeOpaque(opaque);
        return -1;
    }
    fs = g_new0(fdStream, 1);
    g_mutex_init(&fs->lock);
    fs->fd = fd;
    fs->watch = fs->timer = -1;
    fs->onClose = onClose;
    fs->closeOpaque = opaque;
    fs->freeOpaque = freeOpaque;
    st->driver = &fdStreamDriver;
    st->privateData = fs;
    st->privateFree = fdStreamFree;
    return 0;
}

void
nuvFDStreamClose(virStreamPtr st)
{
    fdStream *fs = priv(st);
    bool hasCb;

    closeFd(st, true);
    nuvMutexLock(&fs->lock);
    hasCb = fs->cb != NULL;
    nuvMutexUnlock(&fs->lock);
    if (hasCb)
        arm(st);
}
