/*
 * strings.c: number parsing, trimming, array growth and small string helpers
 * of libvirt's private ABI, for virsh.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/*
 * All virStrToLong_* share one contract: the whole string must be used
 * unless the caller asks for the end pointer, at least one digit must be
 * read, and the value must fit the target type.  The end pointer is stored
 * even on failure.  The "p" variants refuse a minus sign, which strtoul()
 * would otherwise silently wrap around.
 */
static bool
parseFailed(const char *s, const char *p, char **end_ptr)
{
    if (end_ptr)
        *end_ptr = (char *)p;
    return errno != 0 || p == s || (!end_ptr && *p != '\0');
}

static bool
hasMinus(const char *s, const char *p)
{
    return memchr(s, '-', p - s) != NULL;
}

int
virStrToLong_i(const char *s, char **end_ptr, int base, int *result)
{
    char *p;
    long val;

    errno = 0;
    val = strtol(s, &p, base);
    if (parseFailed(s, p, end_ptr) || val < INT_MIN || val > INT_MAX)
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ui(const char *s, char **end_ptr, int base, unsigned int *result)
{
    char *p;
    unsigned long val;

    errno = 0;
    val = strtoul(s, &p, base);
    if (parseFailed(s, p, end_ptr))
        return -1;
    /* "-1" means UINT_MAX, as it would with a 32-bit long. */
    if (hasMinus(s, p)) {
        if (-val > UINT_MAX)
            return -1;
        val &= UINT_MAX;
    }
    if (val > UINT_MAX)
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_uip(const char *s, char **end_ptr, int base, unsigned int *result)
{
    char *p;
    unsigned long val;

    errno = 0;
    val = strtoul(s, &p, base);
    if (parseFailed(s, p, end_ptr) || hasMinus(s, p) || val > UINT_MAX)
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ul(const char *s, char **end_ptr, int base, unsigned long *result)
{
    char *p;
    unsigned long val;

    errno = 0;
    val = strtoul(s, &p, base);
    if (parseFailed(s, p, end_ptr))
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ulp(const char *s, char **end_ptr, int base, unsigned long *result)
{
    char *p;
    unsigned long val;

    errno = 0;
    val = strtoul(s, &p, base);
    if (parseFailed(s, p, end_ptr) || hasMinus(s, p))
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ll(const char *s, char **end_ptr, int base, long long *result)
{
    char *p;
    long long val;

    errno = 0;
    val = strtoll(s, &p, base);
    if (parseFailed(s, p, end_ptr))
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ull(const char *s, char **end_ptr, int base, unsigned long long *result)
{
    char *p;
    unsigned long long val;

    errno = 0;
    val = strtoull(s, &p, base);
    if (parseFailed(s, p, end_ptr))
        return -1;
    *result = val;
    return 0;
}

int
virStrToLong_ullp(const char *s, char **end_ptr, int base, unsigned long long *result)
{
    char *p;
    unsigned long long val;

    errno = 0;
    val = strtoull(s, &p, base);
    if (parseFailed(s, p, end_ptr) || hasMinus(s, p))
        return -1;
    *result = val;
    return 0;
}

int
virScaleInteger(unsigned long long *value, const char *suffix,
                unsigned long long scale, unsigned long long limit)
{
    if (!suffix || !*suffix) {
        if (!scale) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "invalid scale %llu", scale);
            return -1;
        }
    } else if (g_ascii_strcasecmp(suffix, "b") == 0 ||
               g_ascii_strcasecmp(suffix, "byte") == 0 ||
               g_ascii_strcasecmp(suffix, "bytes") == 0) {
        scale = 1;
    } else {
        unsigned long long base;
        const char *units = "kmgtpe";
        const char *pos;

        /* "k" and "KiB" are powers of 1024, "KB" powers of 1000. */
        if (!suffix[1] || g_ascii_strcasecmp(suffix + 1, "iB") == 0) {
            base = 1024;
        } else if (g_ascii_tolower(suffix[1]) == 'b' && !suffix[2]) {
            base = 1000;
        } else {
            nuvReportError(VIR_ERR_INVALID_ARG, "unknown suffix '%s'", suffix);
            return -1;
        }
        pos = strchr(units, g_ascii_tolower(suffix[0]));
        if (!suffix[0] || !pos) {
            nuvReportError(VIR_ERR_INVALID_ARG, "unknown suffix '%s'", suffix);
            return -1;
        }
        scale = 1;
        for (const char *u = units; u <= pos; u++)
            scale *= base;
    }

    if (*value && *value > limit / scale) {
        nuvReportError(VIR_ERR_OVERFLOW, "value too large: %llu%s",
                       *value, suffix ? suffix : "");
        return -1;
    }
    *value *= scale;
    return 0;
}

void
virSkipSpaces(const char **str)
{
    const char *p = *str;

    while (g_ascii_isspace(*p))
        p++;
    *str = p;
}

/*
 * Drop trailing white space.  The end is *endp when that is set (and then
 * nothing is written, the caller's string continues past it), otherwise the
 * terminating NUL, which is moved back.  *endp, if given, receives the new
 * end.  Leading white space is kept, as libvirt does.
 */
void
virTrimSpaces(char *str, char **endp)
{
    char *end = (endp && *endp) ? *endp : str + strlen(str);
    bool terminate = !(endp && *endp);

    while (end > str && g_ascii_isspace(end[-1]))
        end--;
    if (terminate)
        *end = '\0';
    if (endp)
        *endp = end;
}

int
virStrcpy(char *dest, const char *src, size_t destbytes)
{
    if (g_strlcpy(dest, src, destbytes) >= destbytes)
        return -1;
    return 0;
}

bool
virValidateWWN(const char *wwn)
{
    const char *p = wwn;
    size_t n = 0;

    if (g_str_has_prefix(p, "0x"))
        p += 2;
    while (g_ascii_isxdigit(p[n]))
        n++;
    if (n != 16 || p[n]) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Malformed wwn: %s", wwn);
        return false;
    }
    return true;
}

void
virSecureErase(void *ptr, size_t size)
{
    if (!ptr || !size)
        return;
    /* explicit_bzero is not optimised away even if the memory is freed
     * right after, unlike a plain memset. */
    explicit_bzero(ptr, size);
}

void
virSecureEraseString(char *str)
{
    if (str)
        virSecureErase(str, strlen(str));
}

void
virGSListStringFree(GSList *l)
{
    g_slist_free_full(l, g_free);
}

/* ---- arrays (VIR_REALLOC_N, VIR_EXPAND_N, VIR_APPEND_ELEMENT, ...) ---- */

void
virReallocN(void *ptrptr, size_t size, size_t count)
{
    void **pp = ptrptr;

    *pp = g_realloc_n(*pp, count, size);
}

void
virExpandN(void *ptrptr, size_t size, size_t *countptr, size_t add)
{
    void **pp = ptrptr;

    /* libvirt 9.0 has no failure result here either: overflow is fatal. */
    if (*countptr + add < *countptr)
        g_error("virExpandN: array size overflow");
    *pp = g_realloc_n(*pp, *countptr + add, size);
    memset((char *)*pp + *countptr * size, 0, add * size);
    *countptr += add;
}

void
virShrinkN(void *ptrptr, size_t size, size_t *countptr, size_t toremove)
{
    void **pp = ptrptr;

    if (toremove < *countptr) {
        *pp = g_realloc_n(*pp, *countptr - toremove, size);
        *countptr -= toremove;
    } else {
        g_free(*pp);
        *pp = NULL;
        *countptr = 0;
    }
}

/*
 * Insert @add elements at index @at ((size_t)-1 appends).  @newelems may
 * be NULL for zeroed elements.  With @clearOriginal the source is zeroed
 * afterwards so that ownership visibly moves into the array; with @inPlace
 * the caller already made room past the old count.
 */
int
virInsertElementsN(void *ptrptr, size_t size, size_t at, size_t *countptr,
                   size_t add, void *newelems, bool clearOriginal, bool inPlace)
{
    void **pp = ptrptr;
    char *base;

    if (at == (size_t)-1) {
        at = *countptr;
    } else if (at > *countptr) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "out of bounds index - count %zu at %zu", *countptr, at);
        return -1;
    }

    if (inPlace)
        *countptr += add;
    else
        virExpandN(ptrptr, size, countptr, add);

    base = *pp;
    memmove(base + (at + add) * size, base + at * size,
            (*countptr - add - at) * size);
    if (newelems) {
        memcpy(base + at * size, newelems, add * size);
        if (clearOriginal)
            memset(newelems, 0, add * size);
    } else {
        memset(base + at * size, 0, add * size);
    }
    return 0;
}

void
virAppendElement(void *ptrptr, size_t size, size_t *countptr, size_t add,
                 void *newelem, bool clearOriginal, bool inPlace)
{
    /* virsh passes its type-match dummy (always 1) as @add.  Growth cannot
     * fail (GLib aborts on OOM), hence no result, as in libvirt 9.0. */
    virInsertElementsN(ptrptr, size, (size_t)-1, countptr, add ? add : 1,
                              newelem, clearOriginal, inPlace);
}

/* ---- enums ---- */

int
virEnumFromString(const char * const *types, unsigned int ntypes, const char *type)
{
    if (!type)
        return -1;
    for (unsigned int i = 0; i < ntypes; i++) {
        if (types[i] && strcmp(types[i], type) == 0)
            return i;
    }
    return -1;
}

const char *
virEnumToString(const char * const *types, unsigned int ntypes, int type)
{
    if (type < 0 || (unsigned int)type >= ntypes)
        return NULL;
    return types[type];
}
