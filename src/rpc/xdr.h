/*
 * xdr.h: a small XDR codec (RFC 4506) for libvirt's wire protocol.
 *
 * One filter function per type serves three operations, chosen by the
 * stream: encode a C value into bytes, decode bytes into a zeroed C value
 * (allocating strings and arrays), and free what a decode allocated.  The
 * generated protocol code is therefore one function per structure.
 *
 * Every length read from the wire is checked against the caller's bound
 * and against the bytes actually left before anything is allocated, so a
 * hostile length costs nothing.  The first failure is remembered in the
 * stream (nuvXdrError) and every later call fails at once; callers check
 * only the final result.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    NUV_XDR_ENCODE,
    NUV_XDR_DECODE,
    NUV_XDR_FREE,
} nuvXdrOp;

typedef struct _nuvXdr nuvXdr;
struct _nuvXdr {
    nuvXdrOp op;
    uint8_t *buf;       /* encode: grown with g_realloc up to limit */
    size_t pos;         /* next byte to read or write */
    size_t len;         /* decode: end of the data; encode: capacity */
    size_t limit;       /* encode: the buffer never grows past this */
    const char *error;  /* first failure (static text), NULL while fine */
};

typedef bool (*nuvXdrFilter)(nuvXdr *xdr, void *obj);

/* Streams over a caller-owned buffer.  An encoding stream owns nothing:
 * the buffer it grows is handed back in xdr->buf (start with NULL or a
 * g_malloc'd one of xdr->len bytes). */
void nuvXdrInitDecode(nuvXdr *xdr, const uint8_t *buf, size_t len);
void nuvXdrInitEncode(nuvXdr *xdr, uint8_t *buf, size_t cap, size_t pos, size_t limit);
void nuvXdrInitFree(nuvXdr *xdr);

/* Free everything a decode allocated inside obj (obj itself stays). */
void nuvXdrFreeObj(nuvXdrFilter filter, void *obj);

static inline bool nuvXdrOk(const nuvXdr *xdr) { return xdr->error == NULL; }
bool nuvXdrFail(nuvXdr *xdr, const char *why);

bool nuvXdrU32(nuvXdr *xdr, uint32_t *v);
bool nuvXdrI32(nuvXdr *xdr, int32_t *v);
bool nuvXdrU64(nuvXdr *xdr, uint64_t *v);
bool nuvXdrI64(nuvXdr *xdr, int64_t *v);
/* XDR bool: 0 or 1 on the wire, anything else is refused on decode. */
bool nuvXdrBool(nuvXdr *xdr, int32_t *v);
bool nuvXdrDouble(nuvXdr *xdr, double *v);

/* A non-NULL string of at most max bytes (NUL-terminated in C; embedded
 * NULs are refused on decode). */
bool nuvXdrString(nuvXdr *xdr, char **s, uint32_t max);
/* A string that may be NULL (an XDR optional pointer). */
bool nuvXdrOptString(nuvXdr *xdr, char **s, uint32_t max);
/* Fixed-size opaque data (a UUID). */
bool nuvXdrFixed(nuvXdr *xdr, uint8_t *data, size_t n);
/* Variable-length opaque data of at most max bytes. */
bool nuvXdrBytes(nuvXdr *xdr, uint8_t **data, uint32_t *n, uint32_t max);
/* A counted array of at most max elements of elsize bytes each. */
bool nuvXdrArray(nuvXdr *xdr, void **arr, uint32_t *n, uint32_t max,
                 size_t elsize, nuvXdrFilter elem);
/* An optional pointer to one element (NULL on the wire as 0). */
bool nuvXdrPointer(nuvXdr *xdr, void **p, size_t size, nuvXdrFilter elem);

/* n C chars, each an XDR int on the wire (rpcgen's char arrays). */
bool nuvXdrCharVector(nuvXdr *xdr, char *p, size_t n);

/* Filters usable as array elements. */
bool nuvXdrFilterChar(nuvXdr *xdr, void *v);
bool nuvXdrFilterU32(nuvXdr *xdr, void *v);
bool nuvXdrFilterI32(nuvXdr *xdr, void *v);
bool nuvXdrFilterU64(nuvXdr *xdr, void *v);
bool nuvXdrFilterI64(nuvXdr *xdr, void *v);
/* An element that is a nonnull string of at most NUV_XDR_STRING_MAX. */
bool nuvXdrFilterString(nuvXdr *xdr, void *v);
bool nuvXdrFilterOptString(nuvXdr *xdr, void *v);

/* libvirt's REMOTE_STRING_MAX. */
#define NUV_XDR_STRING_MAX (4 * 1024 * 1024)
