/*
 * typedparam.c: arrays of virTypedParameter: lookup, typed access,
 * appending, validation against a list of accepted names, and a growable
 * list for building results.
 *
 * Error codes and wording follow libvirt 9.0, since applications and the
 * Python bindings match on them.  Where libvirt's behaviour on bad input is
 * undefined (negative counts, NULL names) we report an error instead.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static const char *const typeNames[NUV_TYPED_PARAM_LAST] = {
    [0] = "unknown",
    [VIR_TYPED_PARAM_INT] = "int",
    [VIR_TYPED_PARAM_UINT] = "uint",
    [VIR_TYPED_PARAM_LLONG] = "llong",
    [VIR_TYPED_PARAM_ULLONG] = "ullong",
    [VIR_TYPED_PARAM_DOUBLE] = "double",
    [VIR_TYPED_PARAM_BOOLEAN] = "boolean",
    [VIR_TYPED_PARAM_STRING] = "string",
};

const char *
nuvTypedParamTypeToString(int type)
{
    if (type < 0 || type >= NUV_TYPED_PARAM_LAST)
        return NULL;
    return typeNames[type];
}

int
nuvTypedParamTypeFromString(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < NUV_TYPED_PARAM_LAST; i++) {
        if (strcmp(typeNames[i], name) == 0)
            return i;
    }
    return -1;
}

static bool
typeIsValid(int type)
{
    return type >= VIR_TYPED_PARAM_INT && type < NUV_TYPED_PARAM_LAST;
}

/* Copy @name into the fixed-size field; false when it does not fit
 * (including its terminating NUL). */
static bool
setFieldName(virTypedParameterPtr param, const char *name)
{
    size_t len = strlen(name);

    if (len >= VIR_TYPED_PARAM_FIELD_LENGTH)
        return false;
    memcpy(param->field, name, len + 1);
    return true;
}

static int
reportNameTooLong(const char *name)
{
    nuvReportError(VIR_ERR_INTERNAL_ERROR, "Field name '%s' too long", name);
    return -1;
}


virTypedParameterPtr
nuvTypedParamsFind(virTypedParameterPtr params,
                   int nparams,
                   const char *name)
{
    if (!params || !name)
        return NULL;

    /* A negative count is treated as an empty array rather than read past
     * the end, which is what an unsigned comparison would do. */
    for (int i = 0; i < nparams; i++) {
        if (strcmp(params[i].field, name) == 0)
            return params + i;
    }
    return NULL;
}

int
nuvTypedParamsLookup(virTypedParameterPtr params,
                     int nparams,
                     const char *name,
                     int type,
                     virTypedParameterPtr *found)
{
    virTypedParameterPtr param = nuvTypedParamsFind(params, nparams, name);
    const char *actual;

    if (!param)
        return 0;

    if (param->type != type) {
        /* libvirt 9.0 prints a NULL type name through printf, which glibc
         * renders as "(null)"; keep that text so messages compare equal. */
        actual = nuvTypedParamTypeToString(param->type);
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "Invalid type '%s' requested for parameter '%s', actual type is '%s'",
                       nuvTypedParamTypeToString(type) ? nuvTypedParamTypeToString(type) : "(null)",
                       param->field, actual ? actual : "(null)");
        return -1;
    }

    if (found)
        *found = param;
    return 1;
}

int
nuvTypedParamsGetUnsigned(virTypedParameterPtr params,
                          int nparams,
                          const char *name,
                          unsigned long long *value)
{
    virTypedParameterPtr param = nuvTypedParamsFind(params, nparams, name);

    if (!param)
        return 0;

    switch (param->type) {
    case VIR_TYPED_PARAM_UINT:
        *value = param->value.ui;
        return 1;
    case VIR_TYPED_PARAM_ULLONG:
        *value = param->value.ul;
        return 1;
    default:
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "invalid type '%s' for parameter '%s', expected '%s'",
                       nuvTypedParamTypeToString(param->type) ?
                       nuvTypedParamTypeToString(param->type) : "unknown",
                       param->field, "uint, ullong");
        return -1;
    }
}


int
nuvTypedParamAssignVa(virTypedParameterPtr param,
                      const char *name,
                      int type,
                      va_list ap)
{
    const char *str;

    if (!setFieldName(param, name))
        return reportNameTooLong(name);

    if (!typeIsValid(type)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected type %d for field %s", type, name);
        return -1;
    }

    param->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        param->value.i = va_arg(ap, int);
        break;
    case VIR_TYPED_PARAM_UINT:
        param->value.ui = va_arg(ap, unsigned int);
        break;
    case VIR_TYPED_PARAM_LLONG:
        param->value.l = va_arg(ap, long long);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        param->value.ul = va_arg(ap, unsigned long long);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        param->value.d = va_arg(ap, double);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        param->value.b = va_arg(ap, int) != 0;
        break;
    case VIR_TYPED_PARAM_STRING:
        /* Never leave a NULL string behind: every reader may assume one. */
        str = va_arg(ap, const char *);
        param->value.s = g_strdup(str ? str : "");
        break;
    }
    return 0;
}

int
nuvTypedParamAssign(virTypedParameterPtr param,
                    const char *name,
                    int type,
                    ...)
{
    va_list ap;
    int ret;

    va_start(ap, type);
    ret = nuvTypedParamAssignVa(param, name, type, ap);
    va_end(ap);
    return ret;
}


/* The number parsers below accept what libvirt's do: base 10, optional
 * leading blanks (strtol's rule), nothing after the digits, and no value
 * outside the target type. */

static bool
parseLLong(const char *s, long long *out)
{
    char *end = NULL;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

static bool
parseULLong(const char *s, unsigned long long *out)
{
    char *end = NULL;
    unsigned long long v;

    /* Like strtoull, "-1" is accepted and wraps to the maximum. */
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

static bool
parseInt(const char *s, int *out)
{
    long long v;

    if (!parseLLong(s, &v) || v < INT_MIN || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

static bool
parseUInt(const char *s, unsigned int *out)
{
    unsigned long long v;
    const char *p = s;

    if (!parseULLong(s, &v))
        return false;

    /* A minus sign means the number is a negation: "-1" is UINT_MAX,
     * whatever the width of long, and the magnitude must fit 32 bits. */
    while (g_ascii_isspace(*p))
        p++;
    if (*p == '-') {
        unsigned long long magnitude = 0ULL - v;
        if (magnitude > UINT_MAX)
            return false;
        v &= 0xffffffffULL;
    }
    if (v > UINT_MAX)
        return false;
    *out = (unsigned int)v;
    return true;
}

static bool
parseDouble(const char *s, double *out)
{
    char *end = NULL;
    double v;

    /* g_ascii_strtod: the C locale's decimal point whatever the
     * application's locale, so "1.5" means the same everywhere. */
    errno = 0;
    v = g_ascii_strtod(s, &end);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

int
nuvTypedParamAssignFromString(virTypedParameterPtr param,
                              const char *name,
                              int type,
                              const char *value)
{
    const char *expected = NULL;

    if (!value) {
        nuvReportError(VIR_ERR_INVALID_ARG, "NULL value for field '%s'", name);
        return -1;
    }

    if (!setFieldName(param, name))
        return reportNameTooLong(name);

    switch (type) {
    case VIR_TYPED_PARAM_INT:
        if (!parseInt(value, &param->value.i))
            expected = "int";
        break;
    case VIR_TYPED_PARAM_UINT:
        if (!parseUInt(value, &param->value.ui))
            expected = "unsigned int";
        break;
    case VIR_TYPED_PARAM_LLONG:
        if (!parseLLong(value, &param->value.l))
            expected = "long long";
        break;
    case VIR_TYPED_PARAM_ULLONG:
        if (!parseULLong(value, &param->value.ul))
            expected = "unsigned long long";
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        if (!parseDouble(value, &param->value.d))
            expected = "double";
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        if (g_ascii_strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0) {
            param->value.b = 1;
        } else if (g_ascii_strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0) {
            param->value.b = 0;
        } else {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "Invalid boolean value for field '%s'", name);
            return -1;
        }
        break;
    case VIR_TYPED_PARAM_STRING:
        param->value.s = g_strdup(value);
        break;
    default:
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected type %d for field %s", type, name);
        return -1;
    }

    if (expected) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "Invalid value for field '%s': expected %s", name, expected);
        return -1;
    }

    param->type = type;
    return 0;
}


void
nuvTypedParamsReserve(virTypedParameterPtr *params,
                      int nparams,
                      int *maxparams)
{
    /* An array that is not there holds nothing, whatever *maxparams says. */
    long long have = *params ? *maxparams : 0;
    long long want;

    if (have < 0)
        have = 0;
    if (nparams + 1LL <= have)
        return;

    /* Grow by half, or to what is needed if that is more: the same
     * sequence of *maxparams values libvirt produces (1, 2, 3, 4, 6, 9,
     * 13, ...), which some callers print or test. */
    want = MAX(nparams + 1LL, have * 3 / 2);
    if (want > INT_MAX)
        want = INT_MAX;
    if (want < nparams + 1LL)
        g_error("typed parameter array too large");

    *params = g_renew(virTypedParameter, *params, want);
    memset(*params + have, 0, sizeof(virTypedParameter) * (want - have));
    *maxparams = (int)want;
}

int
nuvTypedParamsAdd(virTypedParameterPtr *params,
                  int *nparams,
                  int *maxparams,
                  const char *name,
                  int type,
                  ...)
{
    va_list ap;
    int ret;

    nuvTypedParamsReserve(params, *nparams, maxparams);

    va_start(ap, type);
    ret = nuvTypedParamAssignVa(*params + *nparams, name, type, ap);
    va_end(ap);
    if (ret < 0)
        return -1;

    *nparams += 1;
    return 0;
}

int
nuvTypedParamsAddFromString(virTypedParameterPtr *params,
                            int *nparams,
                            int *maxparams,
                            const char *name,
                            int type,
                            const char *value)
{
    nuvTypedParamsReserve(params, *nparams, maxparams);

    if (nuvTypedParamAssignFromString(*params + *nparams, name, type, value) < 0) {
        /* Leave the unused slot clean for the next attempt. */
        memset(*params + *nparams, 0, sizeof(virTypedParameter));
        return -1;
    }

    *nparams += 1;
    return 0;
}

int
nuvTypedParamsReplaceString(virTypedParameterPtr *params,
                            int *nparams,
                            const char *name,
                            const char *value)
{
    virTypedParameterPtr param = nuvTypedParamsFind(*params, *nparams, name);
    int max;

    if (param) {
        if (param->type != VIR_TYPED_PARAM_STRING) {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "Parameter '%s' is not a string", param->field);
            return -1;
        }
        g_free(param->value.s);
        param->value.s = g_strdup(value ? value : "");
        return 0;
    }

    /* This array has no separate capacity: keep it exactly sized. */
    max = *nparams;
    return nuvTypedParamsAdd(params, nparams, &max, name,
                             VIR_TYPED_PARAM_STRING, value);
}


void
nuvTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    if (!params)
        return;

    for (int i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}

void
nuvTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    nuvTypedParamsClear(params, nparams);
    g_free(params);
}

void
nuvTypedParamsCopy(virTypedParameterPtr *dst,
                   virTypedParameterPtr src,
                   int nparams)
{
    virTypedParameterPtr copy;

    *dst = NULL;
    if (!src || nparams <= 0)
        return;

    copy = g_new0(virTypedParameter, nparams);
    memcpy(copy, src, sizeof(*src) * nparams);
    for (int i = 0; i < nparams; i++) {
        if (copy[i].type == VIR_TYPED_PARAM_STRING)
            copy[i].value.s = g_strdup(src[i].value.s);
    }
    *dst = copy;
}


typedef struct {
    const char *name;
    int type;               /* with NUV_TYPED_PARAM_MULTIPLE masked off */
    bool multiple;
} acceptedParam;

static gint
compareParamNames(gconstpointer a, gconstpointer b, gpointer opaque G_GNUC_UNUSED)
{
    const virTypedParameter *const *pa = a;
    const virTypedParameter *const *pb = b;
    return strcmp((*pa)->field, (*pb)->field);
}

static const acceptedParam *
findAccepted(const acceptedParam *keys, size_t nkeys, const char *name)
{
    for (size_t i = 0; i < nkeys; i++) {
        if (strcmp(keys[i].name, name) == 0)
            return keys + i;
    }
    return NULL;
}

int
nuvTypedParamsValidate(virTypedParameterPtr params, int nparams, ...)
{
    g_autoptr(GArray) keys = NULL;
    g_autofree virTypedParameterPtr *sorted = NULL;
    const char *name;
    const char *prev = NULL;
    va_list ap;

    if (nparams <= 0)
        return 0;

    keys = g_array_new(FALSE, FALSE, sizeof(acceptedParam));
    va_start(ap, nparams);
    while ((name = va_arg(ap, const char *))) {
        unsigned int type = va_arg(ap, unsigned int);
        acceptedParam key = {
            .name = name,
            .type = (int)(type & ~NUV_TYPED_PARAM_MULTIPLE),
            .multiple = (type & NUV_TYPED_PARAM_MULTIPLE) != 0,
        };

        /* A driver's own list is wrong here, but libvirt reports it the
         * same way, so do we. */
        if (strlen(name) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
            va_end(ap);
            return reportNameTooLong(name);
        }
        g_array_append_val(keys, key);
    }
    va_end(ap);

    /* Walk the parameters in name order (a stable sort) so that, when
     * several are wrong, the one reported is the one libvirt reports, and
     * repeats are adjacent. */
    sorted = g_new(virTypedParameterPtr, nparams);
    for (int i = 0; i < nparams; i++)
        sorted[i] = params + i;
    g_qsort_with_data(sorted, nparams, sizeof(*sorted), compareParamNames, NULL);

    for (int i = 0; i < nparams; i++) {
        virTypedParameterPtr param = sorted[i];
        const acceptedParam *key = findAccepted((const acceptedParam *)(void *)keys->data,
                                                keys->len, param->field);
        const char *expected;
        int type = param->type;

        if (!key) {
            nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           "parameter '%s' not supported", param->field);
            return -1;
        }

        if (prev && strcmp(prev, param->field) == 0 && !key->multiple) {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "parameter '%s' occurs multiple times", param->field);
            return -1;
        }

        expected = nuvTypedParamTypeToString(key->type);
        if (key->type == NUV_TYPED_PARAM_UNSIGNED) {
            expected = "uint, ullong";
            if (type == VIR_TYPED_PARAM_UINT || type == VIR_TYPED_PARAM_ULLONG)
                type = NUV_TYPED_PARAM_UNSIGNED;
        }

        if (type != key->type) {
            const char *actual = typeIsValid(param->type) ?
                nuvTypedParamTypeToString(param->type) : "unknown";
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "invalid type '%s' for parameter '%s', expected '%s'",
                           actual, param->field, expected ? expected : "unknown");
            return -1;
        }
        prev = param->field;
    }

    return 0;
}

bool
nuvTypedParamsCheck(virTypedParameterPtr params,
                    int nparams,
                    const char **names,
                    int nnames)
{
    for (int i = 0; i < nparams; i++) {
        bool known = false;
        for (int j = 0; j < nnames && !known; j++)
            known = strcmp(params[i].field, names[j]) == 0;
        if (!known)
            return false;
    }
    return true;
}

int
nuvTypedParamsGetStringList(virTypedParameterPtr params,
                            int nparams,
                            const char *name,
                            const char ***values)
{
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    int count;

    *values = NULL;
    for (int i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING &&
            strcmp(params[i].field, name) == 0)
            g_ptr_array_add(found, params[i].value.s);
    }
    if (found->len == 0)
        return 0;

    count = (int)found->len;
    g_ptr_array_add(found, NULL);
    *values = (const char **)g_ptr_array_steal(found, NULL);
    return count;
}

char *
nuvTypedParamToString(const virTypedParameter *param)
{
    switch (param->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", param->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", param->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", param->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", param->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%g", param->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup_printf("%d", param->value.b);
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(param->value.s);
    default:
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "unexpected type %d for field %s", param->type, param->field);
        return NULL;
    }
}


struct _nuvTypedParamList {
    virTypedParameterPtr params;
    size_t count;
    size_t alloc;
    char *badName;      /* the first name that did not fit, reported later */
};

nuvTypedParamList *
nuvTypedParamListNew(void)
{
    return g_new0(nuvTypedParamList, 1);
}

void
nuvTypedParamListFree(nuvTypedParamList *list)
{
    if (!list)
        return;
    nuvTypedParamsFree(list->params, (int)list->count);
    g_free(list->badName);
    g_free(list);
}

nuvTypedParamList *
nuvTypedParamListFromParams(virTypedParameterPtr *params, size_t nparams)
{
    nuvTypedParamList *list = nuvTypedParamListNew();

    list->params = g_steal_pointer(params);
    list->count = nparams;
    list->alloc = nparams;
    return list;
}

static void
listReserve(nuvTypedParamList *list, size_t more)
{
    size_t want;

    if (list->count + more <= list->alloc)
        return;
    want = MAX(list->count + more, list->alloc * 2);
    list->params = g_renew(virTypedParameter, list->params, want);
    memset(list->params + list->alloc, 0,
           sizeof(virTypedParameter) * (want - list->alloc));
    list->alloc = want;
}

/* Append a slot named from @namefmt; the caller sets type and value. */
static virTypedParameterPtr G_GNUC_PRINTF(2, 0)
listAppendVa(nuvTypedParamList *list, const char *namefmt, va_list ap)
{
    g_autofree char *name = g_strdup_vprintf(namefmt, ap);
    virTypedParameterPtr param;

    listReserve(list, 1);
    param = list->params + list->count++;
    if (!setFieldName(param, name) && !list->badName)
        list->badName = g_steal_pointer(&name);
    return param;
}

#define LIST_APPEND(list, namefmt, param) \
    do { \
        va_list ap; \
        va_start(ap, namefmt); \
        param = listAppendVa(list, namefmt, ap); \
        va_end(ap); \
    } while (0)

void
nuvTypedParamListAddInt(nuvTypedParamList *list, int value, const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_INT;
    p->value.i = value;
}

void
nuvTypedParamListAddUInt(nuvTypedParamList *list, unsigned int value,
                         const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_UINT;
    p->value.ui = value;
}

void
nuvTypedParamListAddLLong(nuvTypedParamList *list, long long value,
                          const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_LLONG;
    p->value.l = value;
}

void
nuvTypedParamListAddULLong(nuvTypedParamList *list, unsigned long long value,
                           const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_ULLONG;
    p->value.ul = value;
}

void
nuvTypedParamListAddUnsigned(nuvTypedParamList *list, unsigned long long value,
                             const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    if (value > UINT_MAX) {
        p->type = VIR_TYPED_PARAM_ULLONG;
        p->value.ul = value;
    } else {
        p->type = VIR_TYPED_PARAM_UINT;
        p->value.ui = (unsigned int)value;
    }
}

void
nuvTypedParamListAddDouble(nuvTypedParamList *list, double value,
                           const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_DOUBLE;
    p->value.d = value;
}

void
nuvTypedParamListAddBoolean(nuvTypedParamList *list, bool value,
                            const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_BOOLEAN;
    p->value.b = value ? 1 : 0;
}

void
nuvTypedParamListAddString(nuvTypedParamList *list, const char *value,
                           const char *namefmt, ...)
{
    virTypedParameterPtr p;
    LIST_APPEND(list, namefmt, p);
    p->type = VIR_TYPED_PARAM_STRING;
    p->value.s = g_strdup(value ? value : "");
}

void
nuvTypedParamListConcat(nuvTypedParamList *to, nuvTypedParamList **from)
{
    g_autoptr(nuvTypedParamList) src = g_steal_pointer(from);

    if (!src)
        return;
    listReserve(to, src->count);
    memcpy(to->params + to->count, src->params, sizeof(virTypedParameter) * src->count);
    to->count += src->count;
    /* The strings now belong to @to: free only the array of @src. */
    src->count = 0;
    if (!to->badName)
        to->badName = g_steal_pointer(&src->badName);
}

size_t
nuvTypedParamListCount(const nuvTypedParamList *list)
{
    return list->count;
}

int
nuvTypedParamListFetch(nuvTypedParamList *list,
                       virTypedParameterPtr *params,
                       size_t *nparams)
{
    if (list->badName)
        return reportNameTooLong(list->badName);
    if (params)
        *params = list->params;
    if (nparams)
        *nparams = list->count;
    return 0;
}

int
nuvTypedParamListCopyOut(nuvTypedParamList *list, virTypedParameterPtr params, int *nparams)
{
    if (list->badName)
        return reportNameTooLong(list->badName);
    if (*nparams == 0) {
        *nparams = list->count;
        return 0;
    }
    if ((size_t) *nparams > list->count)
        *nparams = list->count;
    memcpy(params, list->params, sizeof(*params) * *nparams);
    return 0;
}

int
nuvTypedParamListSteal(nuvTypedParamList *list,
                       virTypedParameterPtr *params,
                       int *nparams)
{
    if (list->badName)
        return reportNameTooLong(list->badName);
    if (list->count > INT_MAX) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "too many typed parameters (%zu)",
                       list->count);
        return -1;
    }
    *params = g_steal_pointer(&list->params);
    *nparams = (int)list->count;
    list->count = 0;
    list->alloc = 0;
    return 0;
}
