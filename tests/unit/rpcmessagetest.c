/*
 * rpcmessagetest.c: the XDR codec and RPC message framing (src/rpc/), with
 * exact errors for bad input, and a fuzz-style pass of random and
 * truncated frames through the decoders.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>

#include "rpc/message.h"
#include "rpc/socket.h"
#include "rpc/xdr.h"
#include "util/error.h"

static int failures;

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "FAIL %s:%d: %s\n", __func__, __LINE__, #cond); \
            failures++; \
        } \
    } while (0)

static void
checkErrorContains(const char *func, int line, const char *want)
{
    virErrorPtr err = nuvErrorCurrent();
    if (!err || err->code != VIR_ERR_RPC || !err->message || !strstr(err->message, want)) {
        fprintf(stderr, "FAIL %s:%d: want VIR_ERR_RPC containing '%s', got %d '%s'\n",
                func, line, want, err ? err->code : 0,
                err && err->message ? err->message : "(none)");
        failures++;
    }
    nuvErrorReset();
}
#define CHECK_ERR(want) checkErrorContains(__func__, __LINE__, want)

typedef struct {
    int32_t i;
    uint64_t h;
    char *s;
    char *opt;
    uint32_t nitems;
    char **items;
    uint8_t uuid[16];
    uint8_t *bytes;
    uint32_t nbytes;
} sample;

static bool
sampleFilter(nuvXdr *xdr, void *obj)
{
    sample *s = obj;

    return nuvXdrI32(xdr, &s->i) &&
           nuvXdrU64(xdr, &s->h) &&
           nuvXdrString(xdr, &s->s, 64) &&
           nuvXdrOptString(xdr, &s->opt, 64) &&
           nuvXdrArray(xdr, (void **)&s->items, &s->nitems, 8, sizeof(char *),
                       nuvXdrFilterString) &&
           nuvXdrFixed(xdr, s->uuid, 16) &&
           nuvXdrBytes(xdr, &s->bytes, &s->nbytes, 100);
}

static nuvRpcMessage *
sampleMessage(void)
{
    nuvRpcMessage *msg = nuvRpcMessageNew();
    char *items[] = { (char *)"a", (char *)"bcde" };
    uint8_t bytes[] = { 1, 2, 3 };
    sample s = { .i = -5, .h = 0x0102030405060708ULL, .s = (char *)"hello", .opt = NULL,
                 .nitems = 2, .items = items, .bytes = bytes, .nbytes = 3 };

    memset(s.uuid, 0xab, 16);
    msg->header = (nuvRpcHeader){ NUV_REMOTE_PROGRAM, NUV_RPC_VERSION, 23, NUV_RPC_CALL, 7,
                                  NUV_RPC_OK };
    g_assert(nuvRpcMessageEncodeHeader(msg) == 0);
    g_assert(nuvRpcMessageEncodeBody(msg, sampleFilter, &s) == 0);
    return msg;
}

/* Copy a frame's bytes into a fresh message as a reader would see them. */
static nuvRpcMessage *
reread(const uint8_t *buf, size_t len, int *stage)
{
    nuvRpcMessage *in = nuvRpcMessageNew();

    *stage = 0;
    if (len < NUV_RPC_LEN_SIZE)
        return in;
    memcpy(in->buf, buf, NUV_RPC_LEN_SIZE);
    in->pos = NUV_RPC_LEN_SIZE;
    if (nuvRpcMessageDecodeLength(in) < 0)
        return in;
    *stage = 1;
    if (len < in->len)
        return in;
    memcpy(in->buf, buf, in->len);
    in->pos = in->len;
    if (nuvRpcMessageDecodeHeader(in) < 0)
        return in;
    *stage = 2;
    return in;
}

static void
testRoundTrip(void)
{
    g_autoptr(nuvRpcMessage) msg = sampleMessage();
    int stage;
    g_autoptr(nuvRpcMessage) in = reread(msg->buf, msg->len, &stage);
    sample out = { 0 };

    /* 28 header bytes, 4 int, 8 hyper, 4+8 "hello", 4 absent, 4+(4+4)+(4+4)
     * items, 16 uuid, 4+4 bytes */
    CHECK(msg->len == 28 + 4 + 8 + 12 + 4 + 20 + 16 + 8);
    CHECK(stage == 2);
    CHECK(in->header.prog == NUV_REMOTE_PROGRAM && in->header.proc == 23 &&
          in->header.serial == 7 && in->header.type == NUV_RPC_CALL);
    CHECK(nuvRpcMessageDecodeBody(in, sampleFilter, &out) == 0);
    CHECK(out.i == -5 && out.h == 0x0102030405060708ULL);
    CHECK(g_strcmp0(out.s, "hello") == 0 && out.opt == NULL);
    CHECK(out.nitems == 2 && g_strcmp0(out.items[1], "bcde") == 0);
    CHECK(out.uuid[15] == 0xab && out.nbytes == 3 && out.bytes[2] == 3);
    nuvXdrFreeObj(sampleFilter, &out);
    CHECK(out.s == NULL && out.items == NULL && out.nitems == 0);
}

static void
testLengthLimits(void)
{
    g_autoptr(nuvRpcMessage) msg = nuvRpcMessageNew();

    /* A length word smaller than a header. */
    memcpy(msg->buf, "\0\0\0\x1b", 4);
    CHECK(nuvRpcMessageDecodeLength(msg) < 0);
    CHECK_ERR("too small");
    /* One byte over 32 MiB of body plus header. */
    uint32_t big = NUV_RPC_MESSAGE_MAX + 1;
    uint8_t w[4] = { big >> 24, big >> 16, big >> 8, big };
    memcpy(msg->buf, w, 4);
    CHECK(nuvRpcMessageDecodeLength(msg) < 0);
    CHECK_ERR("over the limit");
    CHECK(msg->cap < 1024);   /* nothing was allocated for it */
    /* Exactly the limit is accepted. */
    big = NUV_RPC_MESSAGE_MAX;
    uint8_t w2[4] = { big >> 24, big >> 16, big >> 8, big };
    memcpy(msg->buf, w2, 4);
    CHECK(nuvRpcMessageDecodeLength(msg) == 0);
}

static void
testBadHeaders(void)
{
    g_autoptr(nuvRpcMessage) msg = sampleMessage();
    int stage;

    msg->buf[4 + 15] = 9;   /* type 9 */
    g_autoptr(nuvRpcMessage) a = reread(msg->buf, msg->len, &stage);
    CHECK(stage == 1);
    CHECK_ERR("unknown message type 9");
    msg->buf[4 + 15] = NUV_RPC_CALL;
    msg->buf[4 + 23] = 3;   /* status 3 */
    g_autoptr(nuvRpcMessage) b = reread(msg->buf, msg->len, &stage);
    CHECK(stage == 1);
    CHECK_ERR("unknown message status 3");
    msg->buf[4 + 23] = 0;
    msg->buf[4 + 15] = NUV_RPC_CALL_WITH_FDS;   /* count word: -5 as unsigned */
    g_autoptr(nuvRpcMessage) c = reread(msg->buf, msg->len, &stage);
    CHECK(stage == 1);
    CHECK_ERR("over the limit of 32");
}

static void
testBodyErrors(void)
{
    g_autoptr(nuvRpcMessage) msg = sampleMessage();
    sample out = { 0 };
    int stage;

    /* Trailing garbage after a complete body. */
    {
        g_autoptr(nuvRpcMessage) m = sampleMessage();
        nuvRpcMessageEncodeBytes(m, "\0\0\0\0", 4);
        g_autoptr(nuvRpcMessage) in = reread(m->buf, m->len, &stage);
        CHECK(nuvRpcMessageDecodeBody(in, sampleFilter, &out) < 0);
        CHECK_ERR("bytes after its body");
    }
    /* A string length over the field's limit (64). */
    {
        g_autoptr(nuvRpcMessage) in = reread(msg->buf, msg->len, &stage);
        in->buf[28 + 12 + 3] = 65;
        CHECK(nuvRpcMessageDecodeBody(in, sampleFilter, &out) < 0);
        CHECK_ERR("over its protocol limit");
        CHECK(out.s == NULL);
    }
    /* An array count of 0xffffffff: refused before any allocation. */
    {
        g_autoptr(nuvRpcMessage) in = reread(msg->buf, msg->len, &stage);
        memset(in->buf + 28 + 12 + 12 + 4, 0xff, 4);
        CHECK(nuvRpcMessageDecodeBody(in, sampleFilter, &out) < 0);
        CHECK_ERR("over its protocol limit");
        CHECK(out.s == NULL && out.items == NULL);
    }
    /* An optional-pointer flag of 2 or 0x01000000 means present, as
     * libvirtd's XDR library decodes it (go-libvirt sends the latter). */
    for (int byte = 0; byte < 4; byte += 3) {
        uint8_t buf[12] = { 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i', 0, 0 };
        nuvXdr xdr;
        char *opt = NULL;

        buf[byte] = byte ? 2 : 1;
        nuvXdrInitDecode(&xdr, buf, sizeof(buf));
        CHECK(nuvXdrOptString(&xdr, &opt, 64));
        CHECK(opt && strcmp(opt, "hi") == 0);
        g_free(opt);
    }
    /* A NUL inside a string. */
    {
        g_autoptr(nuvRpcMessage) in = reread(msg->buf, msg->len, &stage);
        in->buf[28 + 12 + 4 + 1] = 0;
        CHECK(nuvRpcMessageDecodeBody(in, sampleFilter, &out) < 0);
        CHECK_ERR("NUL byte");
    }
    /* Encoding a string over its limit fails and leaves the frame whole. */
    {
        g_autoptr(nuvRpcMessage) m = nuvRpcMessageNew();
        g_autofree char *longs = g_strnfill(65, 'x');
        sample s = { .s = longs };
        m->header = msg->header;
        nuvRpcMessageEncodeHeader(m);
        CHECK(nuvRpcMessageEncodeBody(m, sampleFilter, &s) < 0);
        CHECK_ERR("over its protocol limit");
        CHECK(m->len == 28);
    }
}

static void
testErrorReply(void)
{
    g_autoptr(nuvRpcMessage) msg = nuvRpcMessageNew();
    virError err = { .code = VIR_ERR_NO_DOMAIN, .domain = VIR_FROM_DOM,
                     .message = (char *)"Domain not found: no domain with matching name 'x'",
                     .level = VIR_ERR_ERROR, .str1 = (char *)"x" };
    nuvRpcError rerr = { 0 };
    int stage;

    msg->header = (nuvRpcHeader){ NUV_REMOTE_PROGRAM, 1, 23, NUV_RPC_CALL, 3, NUV_RPC_OK };
    CHECK(nuvRpcMessageEncodeError(msg, &err) == 0);
    g_autoptr(nuvRpcMessage) in = reread(msg->buf, msg->len, &stage);
    CHECK(in->header.type == NUV_RPC_REPLY && in->header.status == NUV_RPC_ERROR &&
          in->header.serial == 3);
    CHECK(nuvRpcMessageDecodeBody(in, nuvRpcErrorFilter, &rerr) == 0);
    CHECK(rerr.code == VIR_ERR_NO_DOMAIN && rerr.domain == VIR_FROM_DOM);
    CHECK(g_strcmp0(rerr.str1, "x") == 0 && rerr.dom == NULL && rerr.net == NULL);
    nuvRpcErrorReport(&rerr);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_NO_DOMAIN);
    CHECK(g_strcmp0(nuvErrorCurrent()->message, err.message) == 0);
    nuvErrorReset();
    nuvRpcErrorClear(&rerr);

    /* No error set: libvirt's generic wording. */
    CHECK(nuvRpcMessageEncodeError(msg, NULL) == 0);
    g_autoptr(nuvRpcMessage) in2 = reread(msg->buf, msg->len, &stage);
    CHECK(nuvRpcMessageDecodeBody(in2, nuvRpcErrorFilter, &rerr) == 0);
    CHECK(rerr.code == VIR_ERR_INTERNAL_ERROR && strstr(rerr.message, "did not set virError"));
    nuvRpcErrorClear(&rerr);
}

/* A frame written to one end of a socket pair comes out whole at the
 * other, descriptors included; a half frame then EOF is an error. */
static void
testSocketPair(void)
{
    int sv[2];
    g_autoptr(nuvRpcMessage) msg = sampleMessage();
    g_autoptr(nuvRpcMessage) in = nuvRpcMessageNew();
    bool eof;
    int pipefd[2];

    g_assert(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
    g_assert(pipe(pipefd) == 0);
    msg->header.type = NUV_RPC_CALL_WITH_FDS;
    CHECK(nuvRpcMessageAddFD(msg, pipefd[0]) == 0);
    sample s = { .s = (char *)"x" };
    nuvRpcMessageEncodeHeader(msg);
    nuvRpcMessageEncodeBody(msg, sampleFilter, &s);
    CHECK(nuvSocketWriteMessage(sv[0], msg) == 1);
    CHECK(nuvSocketReadMessage(sv[1], in, &eof) == 1);
    CHECK(in->header.type == NUV_RPC_CALL_WITH_FDS && in->nfds == 1);
    int fd = nuvRpcMessageDupFD(in, 0);
    CHECK(fd >= 0);
    CHECK(write(pipefd[1], "z", 1) == 1);
    char c = 0;
    CHECK(read(fd, &c, 1) == 1 && c == 'z');
    close(fd);
    close(pipefd[1]);

    /* Nothing more to read: "need more". */
    nuvRpcMessageClear(in);
    CHECK(nuvSocketReadMessage(sv[1], in, &eof) == 0);
    /* Half a frame, then the peer goes away. */
    CHECK(write(sv[0], msg->buf, 10) == 10);
    close(sv[0]);
    CHECK(nuvSocketReadMessage(sv[1], in, &eof) == -1 && !eof);
    CHECK_ERR("end of file in the middle");
    nuvRpcMessageClear(in);
    CHECK(nuvSocketReadMessage(sv[1], in, &eof) == -1 && eof);
    nuvErrorReset();
    close(sv[1]);
}

/* Random, truncated and bit-flipped frames: each is refused with an error
 * or decodes; nothing crashes or leaks (the ASan build runs this). */
static void
testFuzz(void)
{
    g_autoptr(nuvRpcMessage) good = sampleMessage();
    GRand *rand = g_rand_new_with_seed(20261205);
    uint8_t buf[512];
    int accepted = 0, refused = 0;

    for (int round = 0; round < 20000; round++) {
        size_t len;
        int stage;
        sample out = { 0 };
        nuvRpcError rerr = { 0 };

        switch (round % 3) {
        case 0:   /* the good frame, cut short */
            len = g_rand_int_range(rand, 0, good->len + 1);
            memcpy(buf, good->buf, len);
            break;
        case 1:   /* the good frame with a few bytes changed */
            len = good->len;
            memcpy(buf, good->buf, len);
            for (int k = g_rand_int_range(rand, 1, 4); k > 0; k--)
                buf[g_rand_int_range(rand, 0, len)] = g_rand_int(rand);
            break;
        default:  /* noise, with a plausible length word */
            len = g_rand_int_range(rand, 28, sizeof(buf));
            for (size_t k = 0; k < len; k++)
                buf[k] = g_rand_int(rand);
            buf[0] = buf[1] = 0;
            buf[2] = len >> 8;
            buf[3] = len;
            break;
        }
        nuvRpcMessage *in = reread(buf, len, &stage);
        if (stage == 2) {
            bool ok = nuvRpcMessageDecodeBody(in, round & 1 ? sampleFilter : nuvRpcErrorFilter,
                                              round & 1 ? (void *)&out : (void *)&rerr) == 0;
            ok ? accepted++ : refused++;
            nuvXdrFreeObj(sampleFilter, &out);
            nuvRpcErrorClear(&rerr);
        } else {
            refused++;
        }
        nuvErrorReset();
        nuvRpcMessageFree(in);
    }
    g_rand_free(rand);
    CHECK(accepted > 0 && refused > 0);
}

int
main(void)
{
    testRoundTrip();
    testLengthLimits();
    testBadHeaders();
    testBodyErrors();
    testErrorReply();
    testSocketPair();
    testFuzz();
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("rpc message: all passed\n");
    return 0;
}
