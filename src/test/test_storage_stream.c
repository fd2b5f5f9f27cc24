/*
 * test_storage_stream.c: uploading to and downloading from a test
 * volume through a virStream.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "test/test_storage.h"
#include "util/error.h"
#include "util/eventloop.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* Volume contents are kept in memory: this bounds one volume's data. */
#define TEST_VOL_DATA_MAX (256ULL * 1024 * 1024)

/* One upload or download.  An upload collects its bytes here and writes
 * them into the volume only at Finish, so an aborted or failed upload
 * leaves the volume untouched; a download holds a copy of the range. */
typedef struct {
    GMutex lock;                /* guards everything below */
    testDriver *drv;            /* the driver outlives its connections' streams */
    bool upload;
    char *pool;
    char *vol;
    unsigned long long offset;
    unsigned long long length;  /* 0: up to the end (download), any (upload) */
    GByteArray *buf;
    gsize pos;                  /* download: next byte to hand out */
    bool closed;                /* finished or aborted */
    /* Event callback registered by the application. */
    int timer;                  /* -1 when none */
    int events;
    virStreamEventCallback cb;
    void *opaque;
    virFreeCallback ff;
} testStream;

static void
streamDropCallback(testStream *ts)
{
    int timer;
    virFreeCallback ff;
    void *opaque;

    nuvMutexLock(&ts->lock);
    timer = ts->timer;
    ff = ts->ff;
    opaque = ts->opaque;
    ts->timer = -1;
    ts->cb = NULL;
    ts->ff = NULL;
    ts->opaque = NULL;
    nuvMutexUnlock(&ts->lock);
    if (timer >= 0)
        nuvEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
}

static void
testStreamFree(void *opaque)
{
    testStream *ts = opaque;

    if (!ts)
        return;
    streamDropCallback(ts);
    g_byte_array_unref(ts->buf);
    g_free(ts->pool);
    g_free(ts->vol);
    g_mutex_clear(&ts->lock);
    g_free(ts);
}

static testStream *
streamPriv(virStreamPtr st)
{
    return st->privateData;
}

static int
testStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    testStream *ts = streamPriv(st);
    int ret = -1;

    nuvMutexLock(&ts->lock);
    if (!ts->upload) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is not open for writing");
    } else if (ts->closed) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is closed");
    } else if (nbytes > INT_MAX ||
               (ts->length && ts->buf->len + nbytes > ts->length) ||
               ts->offset + ts->buf->len + nbytes > TEST_VOL_DATA_MAX) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_FAILED,
                           "%s", "too much data for the volume");
    } else {
        g_byte_array_append(ts->buf, (const guint8 *)data, nbytes);
        ret = nbytes;
    }
    nuvMutexUnlock(&ts->lock);
    return ret;
}

static int
testStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    testStream *ts = streamPriv(st);
    g_autofree char *zeros = NULL;
    long long done = 0;

    nuvCheckFlags(0, -1);
    if (length < 0) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INVALID_ARG,
                           "%s", "negative hole length");
        return -1;
    }
    (void) ts;
    zeros = g_malloc0(64 * 1024);
    while (done < length) {
        size_t n = MIN((long long)(64 * 1024), length - done);
        if (testStreamSend(st, zeros, n) < 0)
            return -1;
        done += n;
    }
    return 0;
}

static int
testStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    testStream *ts = streamPriv(st);
    int ret = -1;

    nuvCheckFlags(VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    nuvMutexLock(&ts->lock);
    if (ts->upload) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is not open for reading");
    } else if (ts->closed) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is closed");
    } else {
        size_t n = MIN(nbytes, (size_t)(ts->buf->len - ts->pos));
        n = MIN(n, (size_t)INT_MAX);
        if (n)
            memcpy(data, ts->buf->data + ts->pos, n);
        ts->pos += n;
        ret = n;
    }
    nuvMutexUnlock(&ts->lock);
    return ret;
}

static int
testStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    nuvCheckFlags(0, -1);
    (void) st;
    /* Data is always handed out as data: there is never a hole to skip. */
    *length = 0;
    return 0;
}

/* Write the staged bytes into the volume, if it is still there. */
static int
streamCommit(testStream *ts)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(ts->drv->pools, ts->pool);
    nuvStorageVolObj *vol;
    unsigned long long end = ts->offset + ts->buf->len;

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       ts->pool);
        return -1;
    }
    if (testStoragePoolCheckActive(obj) < 0 || !(vol = nuvStoragePoolObjFindVol(obj, ts->vol))) {
        if (obj->active)
            nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                           ts->vol);
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (end > vol->def->capacity) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "data does not fit in the volume");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    if (!vol->data)
        vol->data = g_byte_array_new();
    if (vol->data->len < end) {
        guint old = vol->data->len;
        /* set_size leaves the new bytes undefined: zero the gap. */
        g_byte_array_set_size(vol->data, end);
        memset(vol->data->data + old, 0, end - old);
    }
    if (ts->buf->len)   /* an empty array may have no storage at all */
        memcpy(vol->data->data + ts->offset, ts->buf->data, ts->buf->len);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
testStreamFinish(virStreamPtr st)
{
    testStream *ts = streamPriv(st);
    int ret = 0;

    nuvMutexLock(&ts->lock);
    if (ts->closed) {
        nuvMutexUnlock(&ts->lock);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is closed");
        return -1;
    }
    ts->closed = true;
    if (ts->upload)
        ret = streamCommit(ts);
    nuvMutexUnlock(&ts->lock);
    streamDropCallback(ts);
    return ret;
}

static int
testStreamAbort(virStreamPtr st)
{
    testStream *ts = streamPriv(st);

    nuvMutexLock(&ts->lock);
    ts->closed = true;
    g_byte_array_set_size(ts->buf, 0);
    nuvMutexUnlock(&ts->lock);
    streamDropCallback(ts);
    return 0;
}

/* An in-memory stream is always ready: the callback runs on every loop
 * iteration while the application asks for events. */
static void
streamTimerFire(int timer G_GNUC_UNUSED, void *opaque)
{
    virStreamPtr st = opaque;
    testStream *ts = streamPriv(st);
    virStreamEventCallback cb;
    void *cbopaque;
    int events;

    nuvMutexLock(&ts->lock);
    cb = ts->cb;
    cbopaque = ts->opaque;
    events = ts->events & (ts->upload ? VIR_STREAM_EVENT_WRITABLE : VIR_STREAM_EVENT_READABLE);
    if (ts->closed)
        events = VIR_STREAM_EVENT_HANGUP;
    nuvMutexUnlock(&ts->lock);
    if (cb && events)
        cb(st, events, cbopaque);
}

static void
streamTimerFree(void *opaque)
{
    nuvHandleUnref(opaque);
}

static int
testStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb,
                           void *opaque, virFreeCallback ff)
{
    testStream *ts = streamPriv(st);
    int timer;

    nuvMutexLock(&ts->lock);
    if (ts->cb) {
        nuvMutexUnlock(&ts->lock);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR,
                           "%s", "stream already has a callback registered");
        return -1;
    }
    nuvMutexUnlock(&ts->lock);
    if (nuvEventRequireImpl() < 0)
        return -1;
    nuvHandleRef(st);
    if ((timer = nuvEventAddTimeout(events ? 0 : -1, streamTimerFire, st,
                                    streamTimerFree)) < 0) {
        nuvHandleUnref(st);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR,
                           "%s", "cannot register file watch on stream");
        return -1;
    }
    nuvMutexLock(&ts->lock);
    ts->timer = timer;
    ts->events = events;
    ts->cb = cb;
    ts->opaque = opaque;
    ts->ff = ff;
    nuvMutexUnlock(&ts->lock);
    return 0;
}

static int
testStreamEventUpdateCallback(virStreamPtr st, int events)
{
    testStream *ts = streamPriv(st);
    int timer;

    nuvMutexLock(&ts->lock);
    if (!ts->cb) {
        nuvMutexUnlock(&ts->lock);
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR,
                           "%s", "stream does not have a callback registered");
        return -1;
    }
    ts->events = events;
    timer = ts->timer;
    nuvMutexUnlock(&ts->lock);
    nuvEventUpdateTimeout(timer, events ? 0 : -1);
    return 0;
}

static int
testStreamEventRemoveCallback(virStreamPtr st)
{
    testStream *ts = streamPriv(st);
    bool has;

    nuvMutexLock(&ts->lock);
    has = ts->cb != NULL;
    nuvMutexUnlock(&ts->lock);
    if (!has) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INTERNAL_ERROR,
                           "%s", "stream does not have a callback registered");
        return -1;
    }
    streamDropCallback(ts);
    return 0;
}

static const nuvStreamDriver testStreamDriver = {
    .name = "test",
    .streamSend = testStreamSend,
    .streamSendHole = testStreamSendHole,
    .streamRecvFlags = testStreamRecvFlags,
    .streamRecvHole = testStreamRecvHole,
    .streamFinish = testStreamFinish,
    .streamAbort = testStreamAbort,
    .streamEventAddCallback = testStreamEventAddCallback,
    .streamEventUpdateCallback = testStreamEventUpdateCallback,
    .streamEventRemoveCallback = testStreamEventRemoveCallback,
};

static int
streamAttach(virStorageVolPtr vol, virStreamPtr st, testStream *ts)
{
    if (!nuvHandleIsValid(st, NUV_MAGIC_STREAM)) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM,
                           "%s", "invalid stream pointer");
        return -1;
    }
    if (st->conn != vol->conn) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "stream and volume belong to different connections");
        return -1;
    }
    if (st->driver) {
        nuvReportErrorFrom(VIR_FROM_STREAMS, VIR_ERR_OPERATION_INVALID,
                           "%s", "stream is already in use");
        return -1;
    }
    ts->timer = -1;
    ts->drv = testDriverOf(vol->conn);
    st->privateData = ts;
    st->privateFree = testStreamFree;
    st->driver = &testStreamDriver;
    return 0;
}

int
testStorageVolUpload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                     unsigned long long length, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    testStream *ts;

    nuvCheckFlags(VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;
    if (offset > v->def->capacity || (length && length > v->def->capacity - offset)) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "%s", "upload range is beyond the volume's end");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    nuvStoragePoolObjEndAPI(&obj);

    ts = g_new0(testStream, 1);
    g_mutex_init(&ts->lock);
    ts->upload = true;
    ts->pool = g_strdup(vol->pool);
    ts->vol = g_strdup(vol->name);
    ts->offset = offset;
    ts->length = length;
    ts->buf = g_byte_array_new();
    if (streamAttach(vol, st, ts) < 0) {
        testStreamFree(ts);
        return -1;
    }
    return 0;
}

int
testStorageVolDownload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                       unsigned long long length, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    testStream *ts;
    unsigned long long end;
    unsigned long long have;

    nuvCheckFlags(VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;
    if (offset > v->def->capacity) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "%s", "download offset is beyond the volume's end");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    /* Bytes never written read as zeros, but only as far as something was
     * written or the range asks: a huge empty volume costs nothing. */
    have = v->data ? v->data->len : 0;
    end = length ? MIN(offset + length, v->def->capacity) : MAX(have, offset);
    if (end - offset > TEST_VOL_DATA_MAX) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "download range is too large");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    ts = g_new0(testStream, 1);
    g_mutex_init(&ts->lock);
    ts->pool = g_strdup(vol->pool);
    ts->vol = g_strdup(vol->name);
    ts->offset = offset;
    ts->length = length;
    ts->buf = g_byte_array_sized_new(end - offset);
    g_byte_array_set_size(ts->buf, end - offset);
    if (end > offset)
        memset(ts->buf->data, 0, end - offset);
    if (offset < have)
        memcpy(ts->buf->data, v->data->data + offset, MIN(have, end) - offset);
    nuvStoragePoolObjEndAPI(&obj);

    if (streamAttach(vol, st, ts) < 0) {
        testStreamFree(ts);
        return -1;
    }
    return 0;
}
