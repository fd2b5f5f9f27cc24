/*
 * units.c: numbers with units.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "conf/units.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

unsigned long long
nuvUnitBytes(const char *unit)
{
    static const char prefixes[] = "kmgtpe";
    const char *p;
    unsigned long long base = 1024;
    unsigned long long mult = 1;
    size_t idx;

    if (!unit || !*unit)
        return 1024;
    if (g_ascii_strcasecmp(unit, "b") == 0 || g_ascii_strcasecmp(unit, "byte") == 0 ||
        g_ascii_strcasecmp(unit, "bytes") == 0)
        return 1;
    p = strchr(prefixes, g_ascii_tolower(unit[0]));
    if (!p)
        return 0;
    /* one letter, or letter + "iB" (binary), or letter + "B" (decimal) */
    if (unit[1] == '\0') {
        base = 1024;
    } else if (g_ascii_strcasecmp(unit + 1, "ib") == 0) {
        base = 1024;
    } else if (g_ascii_strcasecmp(unit + 1, "b") == 0) {
        base = 1000;
    } else {
        return 0;
    }
    idx = p - prefixes;
    for (size_t i = 0; i <= idx; i++)
        mult *= base;
    return mult;
}

int
nuvParseULL(const char *str, unsigned long long *out)
{
    g_autofree char *s = str ? g_strstrip(g_strdup(str)) : NULL;
    char *end = NULL;
    unsigned long long v;

    if (!s || !*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = g_ascii_strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

int
nuvParseUInt(const char *str, unsigned int *out)
{
    unsigned long long v;

    if (nuvParseULL(str, &v) < 0 || v > G_MAXUINT)
        return -1;
    *out = v;
    return 0;
}

int
nuvScaleToKiB(const char *value, const char *unit, const char *what,
              unsigned long long *out)
{
    unsigned long long v;
    unsigned long long mult = nuvUnitBytes(unit);

    if (mult == 0) {
        /* libvirt's scaling helper is in its util layer: no error domain */
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
        return -1;
    }
    if (nuvParseULL(value, &v) < 0) {
        /* libvirt's XPath number reader: from the XML error domain */
        nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                           "Invalid value '%s' for element or attribute '%s'",
                           value ? value : "", what);
        return -1;
    }
    if (mult > 1 && v > G_MAXUINT64 / mult) {
        nuvReportError(VIR_ERR_OVERFLOW, "value too large: %s%s", value, unit ? unit : "");
        return -1;
    }
    v *= mult;
    *out = v / 1024 + (v % 1024 ? 1 : 0);
    return 0;
}

/* One number of a set list, after optional blanks. */
static int
nuvIdSetNumber(const char **p, size_t *out)
{
    char *end = NULL;
    unsigned long long v;

    while (g_ascii_isspace(**p))
        (*p)++;
    if (!g_ascii_isdigit(**p))
        return -1;
    errno = 0;
    v = g_ascii_strtoull(*p, &end, 10);
    if (errno || v >= NUV_ID_SET_MAX)
        return -1;
    *p = end;
    while (g_ascii_isspace(**p))
        (*p)++;
    *out = v;
    return 0;
}

int
nuvParseIdSet(const char *str, guint8 **bits, size_t *n)
{
    g_autofree guint8 *set = NULL;
    size_t len = 0;
    const char *p = str;

    if (!str)
        return -1;
    set = g_new0(guint8, NUV_ID_SET_MAX);
    while (*p) {
        bool negate = false;
        size_t lo, hi;

        while (g_ascii_isspace(*p))
            p++;
        if (*p == '^') {
            negate = true;
            p++;
        }
        if (nuvIdSetNumber(&p, &lo) < 0)
            return -1;
        hi = lo;
        if (!negate && *p == '-') {
            p++;
            if (nuvIdSetNumber(&p, &hi) < 0 || hi < lo)
                return -1;
        }
        for (size_t i = lo; i <= hi; i++)
            set[i] = negate ? 0 : 1;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    for (size_t i = 0; i < NUV_ID_SET_MAX; i++) {
        if (set[i])
            len = i + 1;
    }
    *bits = g_steal_pointer(&set);
    *n = len;
    return 0;
}
