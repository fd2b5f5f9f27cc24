/*
 * streamtest.c: volume upload and download through streams on the test
 * driver: data checked by hash for several sizes, an aborted upload leaves
 * the old content, the *All helpers and the event-callback interface.
 */
#include <stdbool.h>
#include <glib.h>

#include "testlib.h"

typedef struct {
    const guint8 *data;
    size_t len;
    size_t pos;
    size_t failAt;              /* source handler fails once pos reaches it */
} srcState;

typedef struct {
    GChecksum *sum;
    size_t len;
} sinkState;

static int
source(virStreamPtr st, char *buf, size_t nbytes, void *opaque)
{
    srcState *s = opaque;
    size_t n = MIN(nbytes, s->len - s->pos);

    (void)st;
    if (s->failAt && s->pos >= s->failAt)
        return -1;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return n;
}

static int
sink(virStreamPtr st, const char *buf, size_t nbytes, void *opaque)
{
    sinkState *s = opaque;

    (void)st;
    g_checksum_update(s->sum, (const guchar *)buf, nbytes);
    s->len += nbytes;
    return nbytes;
}

static guint8 *
pattern(size_t len, guint32 seed)
{
    guint8 *data = g_malloc(len ? len : 1);
    GRand *r = g_rand_new_with_seed(seed);

    for (size_t i = 0; i < len; i++)
        data[i] = g_rand_int(r) & 0xff;
    g_rand_free(r);
    return data;
}

static virStorageVolPtr
makeVol(virConnectPtr conn, const char *name, unsigned long long capacity)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    g_autofree char *xml = g_strdup_printf("<volume><name>%s</name><capacity>%llu</capacity>"
                                           "<allocation>0</allocation></volume>",
                                           name, capacity);
    virStorageVolPtr vol = pool ? virStorageVolCreateXML(pool, xml, 0) : NULL;

    virStoragePoolFree(pool);
    return vol;
}

static int
upload(virConnectPtr conn, virStorageVolPtr vol, const guint8 *data, size_t len)
{
    virStreamPtr st = virStreamNew(conn, 0);
    srcState s = { data, len, 0, 0 };
    int ret = -1;

    if (st && virStorageVolUpload(vol, st, 0, len, 0) == 0 &&
        virStreamSendAll(st, source, &s) == 0 && virStreamFinish(st) == 0)
        ret = 0;
    virStreamFree(st);
    return ret;
}

/* Hash of the first @len bytes of @vol, read back through a stream. */
static char *
downloadHash(virConnectPtr conn, virStorageVolPtr vol, size_t len)
{
    virStreamPtr st = virStreamNew(conn, 0);
    sinkState s = { g_checksum_new(G_CHECKSUM_SHA256), 0 };
    char *ret = NULL;

    if (st && virStorageVolDownload(vol, st, 0, len, 0) == 0 &&
        virStreamRecvAll(st, sink, &s) == 0 && virStreamFinish(st) == 0 && s.len == len)
        ret = g_strdup(g_checksum_get_string(s.sum));
    g_checksum_free(s.sum);
    virStreamFree(st);
    return ret;
}

static int
roundTrip(size_t len)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree guint8 *data = pattern(len, len + 7);
    g_autofree char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    g_autofree char *got = NULL;
    virStorageVolPtr vol;

    CHECK(conn);
    CHECK((vol = makeVol(conn, "rt.img", len ? len : 1)));
    CHECK(upload(conn, vol, data, len) == 0);
    CHECK((got = downloadHash(conn, vol, len)));
    CHECK(strcmp(got, want) == 0);
    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    virConnectClose(conn);
    return 0;
}

static int testZero(void) { return roundTrip(0); }
static int testOne(void) { return roundTrip(1); }
static int testMiB(void) { return roundTrip(1024 * 1024); }
static int testBig(void) { return roundTrip(64 * 1024 * 1024); }

static int
testAbortKeepsOld(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    const size_t len = 1024 * 1024;
    g_autofree guint8 *old = pattern(len, 1);
    g_autofree guint8 *fresh = pattern(len, 2);
    g_autofree char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, old, len);
    g_autofree char *got1 = NULL;
    g_autofree char *got2 = NULL;
    virStorageVolPtr vol;
    virStreamPtr st;
    srcState s = { fresh, len, 0, len / 2 };

    CHECK(conn);
    CHECK((vol = makeVol(conn, "ab.img", len)));
    CHECK(upload(conn, vol, old, len) == 0);

    /* Sent half, then aborted by hand. */
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolUpload(vol, st, 0, len, 0) == 0);
    CHECK(virStreamSend(st, (const char *)fresh, len / 2) == (int)(len / 2));
    CHECK(virStreamAbort(st) == 0);
    CHECK(virStreamSend(st, (const char *)fresh, 1) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, NULL);
    CHECK(virStreamFinish(st) < 0);
    virStreamFree(st);
    CHECK((got1 = downloadHash(conn, vol, len)));
    CHECK(strcmp(got1, want) == 0);

    /* The source fails halfway: SendAll aborts the stream itself. */
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolUpload(vol, st, 0, len, 0) == 0);
    CHECK(virStreamSendAll(st, source, &s) < 0);
    CHECK_ERR(VIR_ERR_RPC, "send handler failed");
    virStreamFree(st);
    CHECK((got2 = downloadHash(conn, vol, len)));
    CHECK(strcmp(got2, want) == 0);

    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    virConnectClose(conn);
    return 0;
}

static int
testErrors(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virStorageVolPtr vol;
    virStreamPtr st;
    char buf[16];

    CHECK(conn);
    CHECK(!virStreamNew(NULL, 0));
    CHECK_ERR(VIR_ERR_INVALID_CONN, NULL);
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStreamSend(st, "x", 1) < 0);           /* nothing attached yet */
    CHECK_ERR(VIR_ERR_NO_SUPPORT, NULL);
    CHECK((vol = makeVol(conn, "er.img", 8)));
    CHECK(virStorageVolUpload(vol, st, 4, 8, 0) < 0);  /* past the end */
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(virStorageVolUpload(vol, st, 0, 8, 0) == 0);
    CHECK(virStreamRecv(st, buf, sizeof(buf)) < 0);   /* upload is write-only */
    CHECK(virStreamSend(st, "0123456789", 10) < 0);   /* more than announced */
    CHECK(virStreamAbort(st) == 0);
    virStreamFree(st);
    CHECK((st = virStreamNew(conn, VIR_STREAM_NONBLOCK)));
    CHECK(virStorageVolDownload(vol, st, 0, 0, 0) == 0);
    CHECK(virStreamRecvAll(st, sink, NULL) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "non-blocking");
    virStreamFree(st);
    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    virConnectClose(conn);
    return 0;
}

typedef struct {
    size_t got;
    bool done;
    int freed;
} evState;

static void
onReadable(virStreamPtr st, int events, void *opaque)
{
    evState *s = opaque;
    char buf[4096];
    int n;

    if (!(events & VIR_STREAM_EVENT_READABLE))
        return;
    n = virStreamRecv(st, buf, sizeof(buf));
    if (n > 0)
        s->got += n;
    if (n <= 0) {
        virStreamEventRemoveCallback(st);
        virStreamFinish(st);
        s->done = true;
    }
}

static void
freeOpaque(void *opaque)
{
    ((evState *)opaque)->freed++;
}

static int
testEventCallback(void)
{
    virConnectPtr conn;
    virStorageVolPtr vol;
    virStreamPtr st;
    evState s = { 0, false, 0 };
    g_autofree guint8 *data = pattern(20000, 3);

    virEventRegisterDefaultImpl();
    CHECK((conn = virConnectOpen("test:///default")));
    CHECK((vol = makeVol(conn, "ev.img", 20000)));
    CHECK(upload(conn, vol, data, 20000) == 0);
    CHECK((st = virStreamNew(conn, VIR_STREAM_NONBLOCK)));
    CHECK(virStorageVolDownload(vol, st, 0, 0, 0) == 0);
    CHECK(virStreamEventUpdateCallback(st, VIR_STREAM_EVENT_READABLE) < 0);
    CHECK(virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, onReadable, &s,
                                    freeOpaque) == 0);
    for (int i = 0; i < 1000 && !s.done; i++)
        virEventRunDefaultImpl();
    CHECK(s.done && s.got == 20000);
    CHECK(s.freed == 1);
    virStreamFree(st);
    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    virConnectClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "upload/download 0 bytes", testZero },
        { "upload/download 1 byte", testOne },
        { "upload/download 1 MiB", testMiB },
        { "upload/download 64 MiB", testBig },
        { "aborted upload keeps old content", testAbortKeepsOld },
        { "stream errors", testErrors },
        { "event callback download", testEventCallback },
    };
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
