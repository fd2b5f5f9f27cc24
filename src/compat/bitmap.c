/*
 * bitmap.c: libvirt's virBitmap (CPU sets, NUMA node sets) for virsh.
 *
 * The struct is opaque to virsh, so a plain array of words is all we
 * keep.  Parsing accepts libvirt's list syntax: "0-3,^2,8".
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define WORD_BITS (sizeof(unsigned long) * CHAR_BIT)

struct _virBitmap {
    size_t nbits;
    size_t nwords;
    unsigned long *map;
};

virBitmap *
virBitmapNew(size_t size)
{
    virBitmap *bm = g_new0(virBitmap, 1);

    bm->nbits = size;
    bm->nwords = (size + WORD_BITS - 1) / WORD_BITS;
    bm->map = g_new0(unsigned long, bm->nwords ? bm->nwords : 1);
    return bm;
}

void
virBitmapFree(virBitmap *bitmap)
{
    if (!bitmap)
        return;
    g_free(bitmap->map);
    g_free(bitmap);
}

static void
bitmapGrow(virBitmap *bm, size_t nbits)
{
    size_t nwords = (nbits + WORD_BITS - 1) / WORD_BITS;

    if (nwords > bm->nwords) {
        bm->map = g_renew(unsigned long, bm->map, nwords);
        memset(bm->map + bm->nwords, 0, (nwords - bm->nwords) * sizeof(unsigned long));
        bm->nwords = nwords;
    }
    if (nbits > bm->nbits)
        bm->nbits = nbits;
}

static bool
bitmapTest(virBitmap *bm, size_t b)
{
    return b < bm->nbits && (bm->map[b / WORD_BITS] & (1UL << (b % WORD_BITS)));
}

int
virBitmapSetBit(virBitmap *bitmap, size_t b)
{
    if (b >= bitmap->nbits)
        return -1;
    bitmap->map[b / WORD_BITS] |= 1UL << (b % WORD_BITS);
    return 0;
}

static void
bitmapClearBit(virBitmap *bm, size_t b)
{
    if (b < bm->nbits)
        bm->map[b / WORD_BITS] &= ~(1UL << (b % WORD_BITS));
}

void
virBitmapSetAll(virBitmap *bitmap)
{
    for (size_t b = 0; b < bitmap->nbits; b++)
        virBitmapSetBit(bitmap, b);
}

size_t
virBitmapSize(virBitmap *bitmap)
{
    return bitmap->nbits;
}

bool
virBitmapIsAllClear(virBitmap *bitmap)
{
    for (size_t i = 0; i < bitmap->nwords; i++) {
        if (bitmap->map[i])
            return false;
    }
    return true;
}

ssize_t
virBitmapNextSetBit(virBitmap *bitmap, ssize_t pos)
{
    size_t b = pos < 0 ? 0 : (size_t)pos + 1;

    for (; b < bitmap->nbits; b++) {
        if (bitmapTest(bitmap, b))
            return b;
    }
    return -1;
}

ssize_t
virBitmapLastSetBit(virBitmap *bitmap)
{
    for (size_t b = bitmap->nbits; b > 0; b--) {
        if (bitmapTest(bitmap, b - 1))
            return b - 1;
    }
    return -1;
}

size_t
virBitmapCountBits(virBitmap *bitmap)
{
    size_t n = 0;

    for (size_t i = 0; i < bitmap->nwords; i++)
        n += __builtin_popcountl(bitmap->map[i]);
    return n;
}

/* "0-3,5" style; the empty set gives "". */
static char *
bitmapFormat(virBitmap *bm)
{
    g_autoptr(GString) out = g_string_new(NULL);
    ssize_t start = virBitmapNextSetBit(bm, -1);

    while (start >= 0) {
        ssize_t end = start;

        while (bitmapTest(bm, end + 1))
            end++;
        if (out->len)
            g_string_append_c(out, ',');
        if (end == start)
            g_string_append_printf(out, "%zd", start);
        else
            g_string_append_printf(out, "%zd-%zd", start, end);
        start = virBitmapNextSetBit(bm, end);
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}

char *
virBitmapDataFormat(const void *data, int len)
{
    const unsigned char *bytes = data;
    virBitmap *bm;
    char *ret;

    if (len < 0)
        return NULL;
    bm = virBitmapNew((size_t)len * CHAR_BIT);
    for (size_t i = 0; i < (size_t)len * CHAR_BIT; i++) {
        if (bytes[i / CHAR_BIT] & (1 << (i % CHAR_BIT)))
            virBitmapSetBit(bm, i);
    }
    ret = bitmapFormat(bm);
    virBitmapFree(bm);
    return ret;
}

int
virBitmapToData(virBitmap *bitmap, unsigned char **data, int *dataLen)
{
    ssize_t last = virBitmapLastSetBit(bitmap);
    size_t len = last < 0 ? 1 : (size_t)last / CHAR_BIT + 1;
    unsigned char *out = g_new0(unsigned char, len);

    for (ssize_t b = 0; b <= last; b++) {
        if (bitmapTest(bitmap, b))
            out[b / CHAR_BIT] |= 1 << (b % CHAR_BIT);
    }
    *data = out;
    *dataLen = len;
    return 0;
}

static void
skipSpaces(const char **p)
{
    while (g_ascii_isspace(**p))
        (*p)++;
}

static bool
parseIndex(const char **p, size_t *out)
{
    char *end;
    unsigned long long v;

    if (!g_ascii_isdigit(**p))
        return false;
    errno = 0;
    v = strtoull(*p, &end, 10);
    if (errno || v > INT_MAX)
        return false;
    *p = end;
    *out = v;
    return true;
}

/* Parse into @bm; when @grow, bits past the end enlarge the bitmap,
 * otherwise they are an error. */
static int
bitmapParseInto(const char *str, virBitmap *bm, bool grow)
{
    const char *p = str;

    skipSpaces(&p);
    if (!*p)
        return -1;

    while (*p) {
        bool neg = false;
        size_t first;
        size_t last;

        if (*p == '^') {
            neg = true;
            p++;
        }
        if (!parseIndex(&p, &first))
            return -1;
        last = first;
        skipSpaces(&p);
        if (*p == '-') {
            if (neg)
                return -1;
            p++;
            skipSpaces(&p);
            if (!parseIndex(&p, &last) || last < first)
                return -1;
            skipSpaces(&p);
        }

        if (last >= bm->nbits) {
            if (!grow)
                return -1;
            bitmapGrow(bm, last + 1);
        }
        for (size_t b = first; b <= last; b++) {
            if (neg)
                bitmapClearBit(bm, b);
            else
                virBitmapSetBit(bm, b);
        }

        if (*p == ',') {
            p++;
            skipSpaces(&p);
            continue;
        }
        if (*p)
            return -1;
    }
    return 0;
}

int
virBitmapParse(const char *str, virBitmap **bitmap, size_t bitmapSize)
{
    virBitmap *bm = virBitmapNew(bitmapSize);

    if (!str || bitmapParseInto(str, bm, false) < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str ? str : "(null)");
        virBitmapFree(bm);
        return -1;
    }
    *bitmap = bm;
    return 0;
}

virBitmap *
virBitmapParseUnlimited(const char *str)
{
    virBitmap *bm = virBitmapNew(0);

    if (!str || bitmapParseInto(str, bm, true) < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str ? str : "(null)");
        virBitmapFree(bm);
        return NULL;
    }
    return bm;
}
