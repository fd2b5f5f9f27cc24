/*
 * message.c: framing, header and error bodies of RPC messages; see message.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "rpc/message.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_RPC

nuvRpcMessage *
nuvRpcMessageNew(void)
{
    nuvRpcMessage *msg = g_new0(nuvRpcMessage, 1);

    msg->cap = NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE;
    msg->buf = g_malloc0(msg->cap);
    msg->len = NUV_RPC_LEN_SIZE;
    return msg;
}

void
nuvRpcMessageCloseFDs(nuvRpcMessage *msg)
{
    for (size_t i = 0; i < msg->nfds; i++) {
        if (msg->fds[i] >= 0)
            close(msg->fds[i]);
    }
    g_clear_pointer(&msg->fds, g_free);
    msg->nfds = 0;
}

void
nuvRpcMessageFree(nuvRpcMessage *msg)
{
    if (!msg)
        return;
    nuvRpcMessageCloseFDs(msg);
    g_free(msg->buf);
    if (msg->done)
        msg->done(msg->doneOpaque);
    g_free(msg);
}


void
nuvRpcMessageClear(nuvRpcMessage *msg)
{
    nuvRpcMessageCloseFDs(msg);
    memset(&msg->header, 0, sizeof(msg->header));
    if (msg->cap > NUV_RPC_INITIAL_SIZE) {
        msg->cap = NUV_RPC_INITIAL_SIZE;
        msg->buf = g_realloc(msg->buf, msg->cap);
    }
    msg->len = NUV_RPC_LEN_SIZE;
    msg->pos = 0;
    msg->framed = false;
    msg->fdsSent = 0;
    msg->next = NULL;
}

static void
nuvRpcMessageReserve(nuvRpcMessage *msg, size_t need)
{
    if (need <= msg->cap)
        return;
    msg->cap = need;
    msg->buf = g_realloc(msg->buf, need);
}

static uint32_t
nuvRpcReadWord(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void
nuvRpcWriteWord(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

int
nuvRpcMessageDecodeLength(nuvRpcMessage *msg)
{
    uint32_t len = nuvRpcReadWord(msg->buf);

    if (len < NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE) {
        nuvReportError(VIR_ERR_RPC, "packet length %u is too small for a message header", len);
        return -1;
    }
    if (len > NUV_RPC_MESSAGE_MAX) {
        nuvReportError(VIR_ERR_RPC, "packet length %u is over the limit of %u bytes",
                       len, (unsigned)NUV_RPC_MESSAGE_MAX);
        return -1;
    }
    nuvRpcMessageReserve(msg, len);
    msg->len = len;
    return 0;
}

int
nuvRpcMessageDecodeHeader(nuvRpcMessage *msg)
{
    nuvRpcHeader *h = &msg->header;
    const uint8_t *p = msg->buf + NUV_RPC_LEN_SIZE;

    h->prog = nuvRpcReadWord(p);
    h->vers = nuvRpcReadWord(p + 4);
    h->proc = (int32_t)nuvRpcReadWord(p + 8);
    h->type = (int32_t)nuvRpcReadWord(p + 12);
    h->serial = nuvRpcReadWord(p + 16);
    h->status = (int32_t)nuvRpcReadWord(p + 20);
    msg->pos = NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE;
    msg->nfdsAnnounced = 0;

    if (h->type < 0 || h->type >= NUV_RPC_TYPE_LAST) {
        nuvReportError(VIR_ERR_RPC, "unknown message type %d", h->type);
        return -1;
    }
    if (h->status < 0 || h->status >= NUV_RPC_STATUS_LAST) {
        nuvReportError(VIR_ERR_RPC, "unknown message status %d", h->status);
        return -1;
    }
    if (h->type == NUV_RPC_CALL_WITH_FDS || h->type == NUV_RPC_REPLY_WITH_FDS) {
        if (msg->len - msg->pos < 4) {
            nuvReportError(VIR_ERR_RPC, "message with descriptors has no descriptor count");
            return -1;
        }
        uint32_t n = nuvRpcReadWord(msg->buf + msg->pos);
        if (n > NUV_RPC_FDS_MAX) {
            nuvReportError(VIR_ERR_RPC, "%u descriptors in one message, over the limit of %d",
                           n, NUV_RPC_FDS_MAX);
            return -1;
        }
        msg->pos += 4;
        msg->nfdsAnnounced = n;
    }
    return 0;
}

int
nuvRpcMessageDecodeBody(nuvRpcMessage *msg, nuvXdrFilter filter, void *obj)
{
    nuvXdr xdr;

    nuvXdrInitDecode(&xdr, msg->buf, msg->len);
    xdr.pos = msg->pos;
    if (filter(&xdr, obj) && xdr.pos != msg->len)
        nuvXdrFail(&xdr, "the message has bytes after its body");
    if (!nuvXdrOk(&xdr)) {
        nuvXdrFreeObj(filter, obj);
        nuvReportError(VIR_ERR_RPC, "cannot decode the body of procedure %d: %s",
                       msg->header.proc, xdr.error);
        return -1;
    }
    msg->pos = xdr.pos;
    return 0;
}

int
nuvRpcMessageEncodeHeader(nuvRpcMessage *msg)
{
    const nuvRpcHeader *h = &msg->header;
    uint8_t *p;

    nuvRpcMessageReserve(msg, NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE + 4);
    p = msg->buf + NUV_RPC_LEN_SIZE;
    nuvRpcWriteWord(p, h->prog);
    nuvRpcWriteWord(p + 4, h->vers);
    nuvRpcWriteWord(p + 8, (uint32_t)h->proc);
    nuvRpcWriteWord(p + 12, (uint32_t)h->type);
    nuvRpcWriteWord(p + 16, h->serial);
    nuvRpcWriteWord(p + 20, (uint32_t)h->status);
    msg->len = NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE;
    if (h->type == NUV_RPC_CALL_WITH_FDS || h->type == NUV_RPC_REPLY_WITH_FDS) {
        nuvRpcWriteWord(msg->buf + msg->len, msg->nfds);
        msg->len += 4;
    }
    nuvRpcWriteWord(msg->buf, msg->len);
    msg->pos = 0;
    msg->fdsSent = 0;
    return 0;
}

void
nuvRpcMessageSetType(nuvRpcMessage *msg, nuvRpcType type)
{
    msg->header.type = type;
    if (msg->buf && msg->len >= NUV_RPC_LEN_SIZE + NUV_RPC_HEADER_SIZE)
        nuvRpcWriteWord(msg->buf + NUV_RPC_LEN_SIZE + 12, (uint32_t)type);
}

int
nuvRpcMessageEncodeBody(nuvRpcMessage *msg, nuvXdrFilter filter, void *obj)
{
    nuvXdr xdr;

    if (!filter)
        return 0;
    nuvXdrInitEncode(&xdr, msg->buf, msg->cap, msg->len, NUV_RPC_MESSAGE_MAX);
    filter(&xdr, obj);
    msg->buf = xdr.buf;
    msg->cap = xdr.len;
    if (!nuvXdrOk(&xdr)) {
        nuvReportError(VIR_ERR_RPC, "cannot encode the body of procedure %d: %s",
                       msg->header.proc, xdr.error);
        return -1;
    }
    msg->len = xdr.pos;
    nuvRpcWriteWord(msg->buf, msg->len);
    return 0;
}

int
nuvRpcMessageEncodeBytes(nuvRpcMessage *msg, const void *data, size_t len)
{
    if (len > NUV_RPC_MESSAGE_MAX - msg->len) {
        nuvReportError(VIR_ERR_RPC, "%zu bytes of stream data do not fit in one message", len);
        return -1;
    }
    nuvRpcMessageReserve(msg, msg->len + len);
    memcpy(msg->buf + msg->len, data, len);
    msg->len += len;
    nuvRpcWriteWord(msg->buf, msg->len);
    return 0;
}

int
nuvRpcMessageAddFD(nuvRpcMessage *msg, int fd)
{
    if (msg->nfds >= NUV_RPC_FDS_MAX) {
        nuvReportError(VIR_ERR_RPC, "more than %d descriptors in one message", NUV_RPC_FDS_MAX);
        return -1;
    }
    msg->fds = g_renew(int, msg->fds, msg->nfds + 1);
    msg->fds[msg->nfds++] = fd;
    return 0;
}

int
nuvRpcMessageDupFD(nuvRpcMessage *msg, size_t i)
{
    int fd;

    if (i >= msg->nfds || msg->fds[i] < 0) {
        nuvReportError(VIR_ERR_RPC, "no descriptor %zu in the message", i);
        return -1;
    }
    fd = fcntl(msg->fds[i], F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        nuvReportSystemError(errno, "cannot duplicate a received descriptor");
    return fd;
}

/* ---- remote_error ---- */

static bool
nuvRpcErrorDomainFilter(nuvXdr *xdr, void *obj)
{
    nuvRpcErrorDomain *d = obj;

    return nuvXdrString(xdr, &d->name, NUV_XDR_STRING_MAX) &&
           nuvXdrFixed(xdr, d->uuid, sizeof(d->uuid)) &&
           nuvXdrI32(xdr, &d->id);
}

static bool
nuvRpcErrorNetworkFilter(nuvXdr *xdr, void *obj)
{
    nuvRpcErrorNetwork *n = obj;

    return nuvXdrString(xdr, &n->name, NUV_XDR_STRING_MAX) &&
           nuvXdrFixed(xdr, n->uuid, sizeof(n->uuid));
}

bool
nuvRpcErrorFilter(nuvXdr *xdr, void *obj)
{
    nuvRpcError *e = obj;

    return nuvXdrI32(xdr, &e->code) &&
           nuvXdrI32(xdr, &e->domain) &&
           nuvXdrOptString(xdr, &e->message, NUV_XDR_STRING_MAX) &&
           nuvXdrI32(xdr, &e->level) &&
           nuvXdrPointer(xdr, (void **)&e->dom, sizeof(*e->dom), nuvRpcErrorDomainFilter) &&
           nuvXdrOptString(xdr, &e->str1, NUV_XDR_STRING_MAX) &&
           nuvXdrOptString(xdr, &e->str2, NUV_XDR_STRING_MAX) &&
           nuvXdrOptString(xdr, &e->str3, NUV_XDR_STRING_MAX) &&
           nuvXdrI32(xdr, &e->int1) &&
           nuvXdrI32(xdr, &e->int2) &&
           nuvXdrPointer(xdr, (void **)&e->net, sizeof(*e->net), nuvRpcErrorNetworkFilter);
}

void
nuvRpcErrorClear(nuvRpcError *err)
{
    nuvXdrFreeObj(nuvRpcErrorFilter, err);
    memset(err, 0, sizeof(*err));
}

int
nuvRpcMessageEncodeError(nuvRpcMessage *msg, const virError *err)
{
    nuvRpcError rerr = { 0 };
    int ret;

    if (err && err->code != VIR_ERR_OK) {
        rerr.code = err->code;
        rerr.domain = err->domain;
        rerr.message = err->message;
        rerr.level = err->level;
        rerr.str1 = err->str1;
        rerr.str2 = err->str2;
        rerr.str3 = err->str3;
        rerr.int1 = err->int1;
        rerr.int2 = err->int2;
    } else {
        rerr.code = VIR_ERR_INTERNAL_ERROR;
        rerr.domain = VIR_FROM_RPC;
        rerr.message = (char *)"library function returned error but did not set virError";
        rerr.level = VIR_ERR_ERROR;
    }
    msg->header.type = NUV_RPC_REPLY;
    msg->header.status = NUV_RPC_ERROR;
    nuvRpcMessageCloseFDs(msg);
    if (nuvRpcMessageEncodeHeader(msg) < 0)
        return -1;
    ret = nuvRpcMessageEncodeBody(msg, nuvRpcErrorFilter, &rerr);
    if (ret < 0 && rerr.message) {
        /* An error message too big for a reply: send the code alone. */
        nuvRpcMessageEncodeHeader(msg);
        rerr.message = NULL;
        rerr.str1 = rerr.str2 = rerr.str3 = NULL;
        ret = nuvRpcMessageEncodeBody(msg, nuvRpcErrorFilter, &rerr);
    }
    return ret;
}

void
nuvRpcErrorReport(const nuvRpcError *rerr)
{
    virError err = {
        .code = rerr->code,
        .domain = rerr->domain,
        .message = rerr->message,
        .level = rerr->level,
        .str1 = rerr->str1,
        .str2 = rerr->str2,
        .str3 = rerr->str3,
        .int1 = rerr->int1,
        .int2 = rerr->int2,
    };

    nuvErrorSet(&err);
}

const char *
nuvRpcTypeName(int type)
{
    static const char *const names[] = {
        "call", "reply", "message", "stream", "call-with-fds", "reply-with-fds", "stream-hole",
    };

    if (type < 0 || type >= NUV_RPC_TYPE_LAST)
        return "unknown";
    return names[type];
}

bool
nuvRpcStreamHoleFilter(nuvXdr *xdr, void *obj)
{
    nuvRpcStreamHole *h = obj;

    return nuvXdrI64(xdr, &h->length) && nuvXdrU32(xdr, &h->flags);
}
