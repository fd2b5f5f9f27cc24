/*
 * xdr.c: the XDR codec; see xdr.h.
 */
#include <string.h>
#include <glib.h>

#include "rpc/xdr.h"

void
nuvXdrInitDecode(nuvXdr *xdr, const uint8_t *buf, size_t len)
{
    memset(xdr, 0, sizeof(*xdr));
    xdr->op = NUV_XDR_DECODE;
    xdr->buf = (uint8_t *)buf;   /* never written while decoding */
    xdr->len = len;
}

void
nuvXdrInitEncode(nuvXdr *xdr, uint8_t *buf, size_t cap, size_t pos, size_t limit)
{
    memset(xdr, 0, sizeof(*xdr));
    xdr->op = NUV_XDR_ENCODE;
    xdr->buf = buf;
    xdr->len = cap;
    xdr->pos = pos;
    xdr->limit = limit;
}

void
nuvXdrInitFree(nuvXdr *xdr)
{
    memset(xdr, 0, sizeof(*xdr));
    xdr->op = NUV_XDR_FREE;
}

void
nuvXdrFreeObj(nuvXdrFilter filter, void *obj)
{
    nuvXdr xdr;

    if (!obj)
        return;
    nuvXdrInitFree(&xdr);
    filter(&xdr, obj);
}

bool
nuvXdrFail(nuvXdr *xdr, const char *why)
{
    if (!xdr->error)
        xdr->error = why;
    return false;
}

/* Room for n more bytes: on decode, that many are left; on encode, the
 * buffer is grown (doubling) without passing the limit. */
static bool
nuvXdrNeed(nuvXdr *xdr, size_t n)
{
    if (xdr->error)
        return false;
    if (xdr->op == NUV_XDR_DECODE) {
        if (n > xdr->len - xdr->pos)
            return nuvXdrFail(xdr, "data ends before the value it announces");
        return true;
    }
    if (n <= xdr->len - xdr->pos)
        return true;
    if (n > xdr->limit || xdr->pos > xdr->limit - n)
        return nuvXdrFail(xdr, "encoded data is over the message size limit");
    size_t cap = xdr->len ? xdr->len : 256;
    while (cap - xdr->pos < n)
        cap *= 2;
    if (cap > xdr->limit)
        cap = xdr->limit;
    xdr->buf = g_realloc(xdr->buf, cap);
    xdr->len = cap;
    return true;
}

static size_t
nuvXdrPad(size_t n)
{
    return (4 - (n & 3)) & 3;
}

bool
nuvXdrU32(nuvXdr *xdr, uint32_t *v)
{
    if (xdr->op == NUV_XDR_FREE)
        return true;
    if (!nuvXdrNeed(xdr, 4))
        return false;
    uint8_t *p = xdr->buf + xdr->pos;
    if (xdr->op == NUV_XDR_ENCODE) {
        p[0] = *v >> 24;
        p[1] = *v >> 16;
        p[2] = *v >> 8;
        p[3] = *v;
    } else {
        *v = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
             ((uint32_t)p[2] << 8) | p[3];
    }
    xdr->pos += 4;
    return true;
}

bool
nuvXdrI32(nuvXdr *xdr, int32_t *v)
{
    return nuvXdrU32(xdr, (uint32_t *)v);
}

bool
nuvXdrU64(nuvXdr *xdr, uint64_t *v)
{
    uint32_t hi = *v >> 32, lo = (uint32_t)*v;

    if (!nuvXdrU32(xdr, &hi) || !nuvXdrU32(xdr, &lo))
        return false;
    if (xdr->op == NUV_XDR_DECODE)
        *v = ((uint64_t)hi << 32) | lo;
    return true;
}

bool
nuvXdrI64(nuvXdr *xdr, int64_t *v)
{
    return nuvXdrU64(xdr, (uint64_t *)v);
}

bool
nuvXdrBool(nuvXdr *xdr, int32_t *v)
{
    uint32_t w = *v ? 1 : 0;

    if (!nuvXdrU32(xdr, &w))
        return false;
    /* Any non-zero word is true, as libvirtd's XDR library reads it:
     * go-libvirt sends the optional URI of CONNECT_OPEN with the flag word
     * 0x01000000, and libvirtd accepts it. */
    if (xdr->op == NUV_XDR_DECODE)
        *v = w != 0;
    return true;
}

bool
nuvXdrDouble(nuvXdr *xdr, double *v)
{
    uint64_t bits;

    G_STATIC_ASSERT(sizeof(bits) == sizeof(*v));
    memcpy(&bits, v, sizeof(bits));
    if (!nuvXdrU64(xdr, &bits))
        return false;
    if (xdr->op == NUV_XDR_DECODE)
        memcpy(v, &bits, sizeof(bits));
    return true;
}

/* Raw bytes plus their padding to a multiple of four. */
static bool
nuvXdrRaw(nuvXdr *xdr, uint8_t *data, size_t n)
{
    size_t pad = nuvXdrPad(n);

    if (!nuvXdrNeed(xdr, n + pad))
        return false;
    if (xdr->op == NUV_XDR_ENCODE) {
        if (n)
            memcpy(xdr->buf + xdr->pos, data, n);
        memset(xdr->buf + xdr->pos + n, 0, pad);
    } else if (n) {
        memcpy(data, xdr->buf + xdr->pos, n);
    }
    xdr->pos += n + pad;
    return true;
}

bool
nuvXdrFixed(nuvXdr *xdr, uint8_t *data, size_t n)
{
    if (xdr->op == NUV_XDR_FREE)
        return true;
    return nuvXdrRaw(xdr, data, n);
}

/* A length word for n items of at least minsize bytes each, checked
 * against max and against what is left in the input. */
static bool
nuvXdrCount(nuvXdr *xdr, uint32_t *n, uint32_t max, size_t minsize)
{
    if (xdr->op == NUV_XDR_ENCODE && *n > max)
        return nuvXdrFail(xdr, "a length is over its protocol limit");
    if (!nuvXdrU32(xdr, n))
        return false;
    if (xdr->op == NUV_XDR_DECODE) {
        if (*n > max)
            return nuvXdrFail(xdr, "a length is over its protocol limit");
        if (minsize && *n > (xdr->len - xdr->pos) / minsize)
            return nuvXdrFail(xdr, "data ends before the value it announces");
    }
    return true;
}

bool
nuvXdrString(nuvXdr *xdr, char **s, uint32_t max)
{
    uint32_t n;

    switch (xdr->op) {
    case NUV_XDR_FREE:
        g_clear_pointer(s, g_free);
        return true;
    case NUV_XDR_ENCODE: {
        size_t len = *s ? strlen(*s) : 0;
        if (!*s)
            return nuvXdrFail(xdr, "a required string is missing");
        if (len > max)
            return nuvXdrFail(xdr, "a string is over its protocol limit");
        n = len;
        return nuvXdrCount(xdr, &n, max, 0) && nuvXdrRaw(xdr, (uint8_t *)*s, n);
    }
    case NUV_XDR_DECODE:
        if (!nuvXdrCount(xdr, &n, max, 1) || !nuvXdrNeed(xdr, n + nuvXdrPad(n)))
            return false;
        if (memchr(xdr->buf + xdr->pos, 0, n))
            return nuvXdrFail(xdr, "a string holds a NUL byte");
        *s = g_malloc(n + 1);
        nuvXdrRaw(xdr, (uint8_t *)*s, n);
        (*s)[n] = '\0';
        return true;
    }
    return false;
}

bool
nuvXdrOptString(nuvXdr *xdr, char **s, uint32_t max)
{
    int32_t present = *s != NULL;

    if (xdr->op == NUV_XDR_FREE) {
        g_clear_pointer(s, g_free);
        return true;
    }
    if (!nuvXdrBool(xdr, &present))
        return false;
    if (!present) {
        if (xdr->op == NUV_XDR_DECODE)
            *s = NULL;
        return true;
    }
    return nuvXdrString(xdr, s, max);
}

bool
nuvXdrBytes(nuvXdr *xdr, uint8_t **data, uint32_t *n, uint32_t max)
{
    if (xdr->op == NUV_XDR_FREE) {
        g_clear_pointer(data, g_free);
        *n = 0;
        return true;
    }
    if (!nuvXdrCount(xdr, n, max, 1))
        return false;
    if (xdr->op == NUV_XDR_DECODE)
        *data = *n ? g_malloc(*n) : NULL;
    return nuvXdrRaw(xdr, *data, *n);
}

bool
nuvXdrArray(nuvXdr *xdr, void **arr, uint32_t *n, uint32_t max,
            size_t elsize, nuvXdrFilter elem)
{
    uint32_t i;

    if (xdr->op == NUV_XDR_FREE) {
        for (i = 0; *arr && i < *n; i++)
            elem(xdr, (char *)*arr + i * elsize);
        g_clear_pointer(arr, g_free);
        *n = 0;
        return true;
    }
    /* Every XDR item takes at least four bytes on the wire. */
    if (!nuvXdrCount(xdr, n, max, 4))
        return false;
    if (xdr->op == NUV_XDR_DECODE)
        *arr = *n ? g_malloc0_n(*n, elsize) : NULL;
    for (i = 0; i < *n; i++) {
        if (!elem(xdr, (char *)*arr + i * elsize))
            return nuvXdrFail(xdr, "an array element does not decode");
    }
    return true;
}

bool
nuvXdrPointer(nuvXdr *xdr, void **p, size_t size, nuvXdrFilter elem)
{
    int32_t present = *p != NULL;

    if (xdr->op == NUV_XDR_FREE) {
        if (*p)
            elem(xdr, *p);
        g_clear_pointer(p, g_free);
        return true;
    }
    if (!nuvXdrBool(xdr, &present))
        return false;
    if (!present) {
        if (xdr->op == NUV_XDR_DECODE)
            *p = NULL;
        return true;
    }
    if (xdr->op == NUV_XDR_DECODE)
        *p = g_malloc0(size);
    return elem(xdr, *p);
}

bool
nuvXdrFilterChar(nuvXdr *xdr, void *v)
{
    char *c = v;
    int32_t w = *c;

    if (!nuvXdrI32(xdr, &w))
        return false;
    if (xdr->op == NUV_XDR_DECODE) {
        if (w < -128 || w > 255)
            return nuvXdrFail(xdr, "a char is out of range");
        *c = (char)w;
    }
    return true;
}

bool
nuvXdrCharVector(nuvXdr *xdr, char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!nuvXdrFilterChar(xdr, p + i))
            return false;
    }
    return true;
}

bool nuvXdrFilterU32(nuvXdr *xdr, void *v) { return nuvXdrU32(xdr, v); }
bool nuvXdrFilterI32(nuvXdr *xdr, void *v) { return nuvXdrI32(xdr, v); }
bool nuvXdrFilterU64(nuvXdr *xdr, void *v) { return nuvXdrU64(xdr, v); }
bool nuvXdrFilterI64(nuvXdr *xdr, void *v) { return nuvXdrI64(xdr, v); }

bool
nuvXdrFilterString(nuvXdr *xdr, void *v)
{
    return nuvXdrString(xdr, v, NUV_XDR_STRING_MAX);
}

bool
nuvXdrFilterOptString(nuvXdr *xdr, void *v)
{
    return nuvXdrOptString(xdr, v, NUV_XDR_STRING_MAX);
}
