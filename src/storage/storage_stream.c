/*
 * storage_stream.c: volume upload and download as virStreams over the
 * volume's file, holes included: a sparse download reports the file's
 * holes (SEEK_HOLE/SEEK_DATA) instead of sending zeros, and a hole sent
 * to an upload is punched, never written, so sparse stays sparse.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "storage/storage_driver.h"
#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/eventloop.h"
#include "util/locks.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

typedef struct {
    GMutex lock;                /* guards everything below */
    int fd;                     /* -1 once finished or aborted */
    bool upload;
    char *path;                 /* for messages */
    off_t pos;                  /* next byte read or written */
    off_t end;                  /* first byte past the range; -1: unbounded */
    /* the application's event callback; a file is always ready, so a
     * zero timeout stands for the watch */
    int timer;
    int events;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
} fileStream;

static fileStream *
priv(virStreamPtr st)
{
    return st->privateData;
}

static void
dropCallback(fileStream *fs)
{
    int timer;
    virFreeCallback ff;
    void *opaque;

    nuvMutexLock(&fs->lock);
    timer = fs->timer;
    ff = fs->ff;
    opaque = fs->opaque;
    fs->timer = -1;
    fs->cb = NULL;
    fs->ff = NULL;
    fs->opaque = NULL;
    nuvMutexUnlock(&fs->lock);
    if (timer >= 0)
        nuvEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
}

static void
fileStreamFree(void *opaque)
{
    fileStream *fs = opaque;

    if (!fs)
        return;
    dropCallback(fs);
    if (fs->fd >= 0)
        close(fs->fd);
    g_free(fs->path);
    g_mutex_clear(&fs->lock);
    g_free(fs);
}

/* Reports why @fs cannot be used in this direction now; lock held. */
static int
checkUsable(fileStream *fs, bool upload)
{
    if (fs->fd < 0) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "stream is closed");
        return -1;
    }
    if (fs->upload != upload) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "stream is not open for %s", upload ? "writing" : "reading");
        return -1;
    }
    return 0;
}

static int
streamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    fileStream *fs = priv(st);
    int ret = -1;

    nuvMutexLock(&fs->lock);
    if (checkUsable(fs, true) < 0)
        goto cleanup;
    if (nbytes > INT_MAX || (fs->end >= 0 && (off_t) nbytes > fs->end - fs->pos)) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_FAILED, "%s",
                           "more data than the upload's length");
        goto cleanup;
    }
    for (size_t done = 0; done < nbytes;) {
        ssize_t n = pwrite(fs->fd, data + done, nbytes - done, fs->pos + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            nuvReportSystemError(errno, "cannot write to '%s'", fs->path);
            goto cleanup;
        }
        done += n;
    }
    fs->pos += nbytes;
    ret = nbytes;
 cleanup:
    nuvMutexUnlock(&fs->lock);
    return ret;
}

static int
streamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    fileStream *fs = priv(st);
    struct stat sb;
    int ret = -1;

    nuvCheckFlags(0, -1);
    nuvMutexLock(&fs->lock);
    if (checkUsable(fs, true) < 0)
        goto cleanup;
    if (length < 0 || (fs->end >= 0 && length > fs->end - fs->pos)) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INVALID_ARG, "%s",
                           "hole beyond the upload's length");
        goto cleanup;
    }
    if (fstat(fs->fd, &sb) < 0) {
        nuvReportSystemError(errno, "cannot stat '%s'", fs->path);
        goto cleanup;
    }
    /* What lies within the file is punched out; past its end, the file
     * just grows (the new part is a hole). */
    if (fs->pos < sb.st_size &&
        fallocate(fs->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, fs->pos,
                  MIN((off_t) length, sb.st_size - fs->pos)) < 0) {
        nuvReportSystemError(errno, "cannot punch a hole in '%s'", fs->path);
        goto cleanup;
    }
    if (fs->pos + length > sb.st_size && ftruncate(fs->fd, fs->pos + length) < 0) {
        nuvReportSystemError(errno, "cannot extend '%s'", fs->path);
        goto cleanup;
    }
    fs->pos += length;
    ret = 0;
 cleanup:
    nuvMutexUnlock(&fs->lock);
    return ret;
}

/* The offset of the next data at or after @pos, or @limit when there is
 * none before it. */
static off_t
nextData(int fd, off_t pos, off_t limit)
{
    off_t d = lseek(fd, pos, SEEK_DATA);
    return d < 0 || d > limit ? limit : d;
}

static int
streamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    fileStream *fs = priv(st);
    int ret = -1;
    size_t want;

    nuvCheckFlags(VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    nuvMutexLock(&fs->lock);
    if (checkUsable(fs, false) < 0)
        goto cleanup;
    if (fs->pos >= fs->end) {
        ret = 0;
        goto cleanup;
    }
    want = MIN(nbytes, (size_t) INT_MAX);
    want = MIN((off_t) want, fs->end - fs->pos);
    if (flags & VIR_STREAM_RECV_STOP_AT_HOLE) {
        off_t hole;
        if (nextData(fs->fd, fs->pos, fs->end) > fs->pos) {
            ret = -3;           /* the caller asks RecvHole next */
            goto cleanup;
        }
        hole = lseek(fs->fd, fs->pos, SEEK_HOLE);
        if (hole > fs->pos)
            want = MIN((off_t) want, hole - fs->pos);
    }
    for (;;) {
        ssize_t n = pread(fs->fd, data, want, fs->pos);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            nuvReportSystemError(errno, "cannot read from '%s'", fs->path);
            goto cleanup;
        }
        fs->pos += n;
        if (n == 0)             /* the file shrank meanwhile */
            fs->end = fs->pos;
        ret = n;
        break;
    }
 cleanup:
    nuvMutexUnlock(&fs->lock);
    return ret;
}

static int
streamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    fileStream *fs = priv(st);
    int ret = -1;

    nuvCheckFlags(0, -1);
    nuvMutexLock(&fs->lock);
    if (checkUsable(fs, false) < 0)
        goto cleanup;
    *length = 0;
    if (fs->pos < fs->end) {
        off_t d = nextData(fs->fd, fs->pos, fs->end);
        *length = d - fs->pos;
        fs->pos = d;
    }
    ret = 0;
 cleanup:
    nuvMutexUnlock(&fs->lock);
    return ret;
}

static int
closeStream(virStreamPtr st, bool finish)
{
    fileStream *fs = priv(st);
    int ret = 0;

    nuvMutexLock(&fs->lock);
    if (fs->fd < 0) {
        nuvMutexUnlock(&fs->lock);
        if (!finish)
            return 0;
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "stream is closed");
        return -1;
    }
    if (finish && fs->upload && fsync(fs->fd) < 0) {
        nuvReportSystemError(errno, "cannot sync '%s'", fs->path);
        ret = -1;
    }
    close(fs->fd);
    fs->fd = -1;
    nuvMutexUnlock(&fs->lock);
    dropCallback(fs);
    return ret;
}

static int
streamFinish(virStreamPtr st)
{
    return closeStream(st, true);
}

static int
streamAbort(virStreamPtr st)
{
    return closeStream(st, false);
}

static void
timerFire(int timer G_GNUC_UNUSED, void *opaque)
{
    virStreamPtr st = opaque;
    fileStream *fs = priv(st);
    virStreamEventCallback cb;
    void *cbopaque;
    int events;

    nuvMutexLock(&fs->lock);
    cb = fs->cb;
    cbopaque = fs->opaque;
    events = fs->events & (fs->upload ? VIR_STREAM_EVENT_WRITABLE : VIR_STREAM_EVENT_READABLE);
    if (fs->fd < 0)
        events = VIR_STREAM_EVENT_HANGUP;
    nuvMutexUnlock(&fs->lock);
    if (cb && events)
        cb(st, events, cbopaque);
}

static void
timerFree(void *opaque)
{
    nuvHandleUnref(opaque);
}

static int
streamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb, void *opaque,
                       virFreeCallback ff)
{
    fileStream *fs = priv(st);
    bool busy;
    int timer;

    nuvMutexLock(&fs->lock);
    busy = fs->cb != NULL;
    nuvMutexUnlock(&fs->lock);
    if (busy) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, "%s",
                           "stream already has a callback registered");
        return -1;
    }
    if (nuvEventRequireImpl() < 0)
        return -1;
    nuvHandleRef(st);
    if ((timer = nuvEventAddTimeout(events ? 0 : -1, timerFire, st, timerFree)) < 0) {
        nuvHandleUnref(st);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, "%s",
                           "cannot register file watch on stream");
        return -1;
    }
    nuvMutexLock(&fs->lock);
    fs->timer = timer;
    fs->events = events;
    fs->cb = cb;
    fs->opaque = opaque;
    fs->ff = ff;
    nuvMutexUnlock(&fs->lock);
    return 0;
}

static int
streamEventUpdateCallback(virStreamPtr st, int events)
{
    fileStream *fs = priv(st);
    int timer;

    nuvMutexLock(&fs->lock);
    if (!fs->cb) {
        nuvMutexUnlock(&fs->lock);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, "%s",
                           "stream does not have a callback registered");
        return -1;
    }
    fs->events = events;
    timer = fs->timer;
    nuvMutexUnlock(&fs->lock);
    nuvEventUpdateTimeout(timer, events ? 0 : -1);
    return 0;
}

static int
streamEventRemoveCallback(virStreamPtr st)
{
    fileStream *fs = priv(st);
    bool has;

    nuvMutexLock(&fs->lock);
    has = fs->cb != NULL;
    nuvMutexUnlock(&fs->lock);
    if (!has) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR, "%s",
                           "stream does not have a callback registered");
        return -1;
    }
    dropCallback(fs);
    return 0;
}

static const nuvStreamDriver fileStreamDriver = {
    .name = "storage",
    .streamSend = streamSend,
    .streamSendHole = streamSendHole,
    .streamRecvFlags = streamRecvFlags,
    .streamRecvHole = streamRecvHole,
    .streamFinish = streamFinish,
    .streamAbort = streamAbort,
    .streamEventAddCallback = streamEventAddCallback,
    .streamEventUpdateCallback = streamEventUpdateCallback,
    .streamEventRemoveCallback = streamEventRemoveCallback,
};

/* Open the volume and give its file to @st for [offset, offset+length). */
static int
openStream(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
           unsigned long long length, bool upload)
{
    storageDriver *drv = storageDriverGet();
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    fileStream *fs;
    struct stat sb;
    int fd;

    if (!nuvHandleIsValid(st, NUV_MAGIC_STREAM)) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM, "%s",
                           "invalid stream pointer");
        return -1;
    }
    if (st->driver) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID, "%s",
                           "stream is already in use");
        return -1;
    }
    if (!drv || !(obj = storageVolFromHandle(drv, vol, &v)))
        return -1;
    if (v->def->type == VIR_STORAGE_VOL_DIR) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "volume '%s' is a directory: it has no data to %s",
                       v->def->name, upload ? "upload" : "download");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    fd = storageBackendFor(obj->def->type)->openVol(obj, v, upload);
    fs = g_new0(fileStream, 1);
    fs->path = g_strdup(v->def->path);
    nuvStoragePoolObjEndAPI(&obj);
    if (fd < 0 || fstat(fd, &sb) < 0) {
        if (fd >= 0) {
            nuvReportSystemError(errno, "cannot stat '%s'", fs->path);
            close(fd);
        }
        g_free(fs->path);
        g_free(fs);
        return -1;
    }
    if (!upload && (off_t) offset > sb.st_size) {
        nuvReportError(VIR_ERR_INVALID_ARG, "offset %llu is beyond the end of volume '%s'",
                       offset, vol->name);
        close(fd);
        g_free(fs->path);
        g_free(fs);
        return -1;
    }
    g_mutex_init(&fs->lock);
    fs->fd = fd;
    fs->upload = upload;
    fs->pos = offset;
    if (upload)
        fs->end = length ? (off_t) (offset + length) : -1;
    else
        fs->end = length ? MIN((off_t) (offset + length), sb.st_size) : sb.st_size;
    fs->timer = -1;
    st->privateData = fs;
    st->privateFree = fileStreamFree;
    st->driver = &fileStreamDriver;
    return 0;
}

int
storageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                 unsigned long long length, unsigned int flags)
{
    nuvCheckFlags(VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    return openStream(vol, st, offset, length, true);
}

int
storageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                   unsigned long long length, unsigned int flags)
{
    nuvCheckFlags(VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    return openStream(vol, st, offset, length, false);
}
