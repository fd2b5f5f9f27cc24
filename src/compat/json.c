/*
 * json.c: the few virJSONValue calls virsh makes (qemu-monitor-command
 * builds a QMP command and pretty-prints the reply).
 *
 * A small self-contained tree: numbers keep their source text, so that
 * reformatting a reply never changes how a number is written, and the
 * pretty form is the one libvirt 9.0 prints (two-space indent, empty
 * containers as an open line, a final newline).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Nesting limit for documents read from outside. */
#define JSON_MAX_DEPTH 1024

typedef enum {
    JSON_OBJECT,
    JSON_ARRAY,
    JSON_STRING,
    JSON_NUMBER,
    JSON_BOOLEAN,
    JSON_NULL,
} compatJSONType;

struct _virJSONValue {
    compatJSONType type;
    char *str;                 /* STRING: the text; NUMBER: its spelling */
    bool boolean;
    GPtrArray *items;          /* ARRAY: values; OBJECT: values */
    GPtrArray *keys;           /* OBJECT: keys, parallel to items */
};

static virJSONValue *
jsonNew(compatJSONType type)
{
    virJSONValue *v = g_new0(virJSONValue, 1);

    v->type = type;
    if (type == JSON_OBJECT || type == JSON_ARRAY)
        v->items = g_ptr_array_new_with_free_func((GDestroyNotify)virJSONValueFree);
    if (type == JSON_OBJECT)
        v->keys = g_ptr_array_new_with_free_func(g_free);
    return v;
}

void
virJSONValueFree(virJSONValue *value)
{
    if (!value)
        return;
    g_free(value->str);
    if (value->items)
        g_ptr_array_free(value->items, TRUE);
    if (value->keys)
        g_ptr_array_free(value->keys, TRUE);
    g_free(value);
}

bool
virJSONValueIsObject(virJSONValue *object)
{
    return object && object->type == JSON_OBJECT;
}

virJSONValue *
virJSONValueObjectGet(virJSONValue *object, const char *key)
{
    if (!object || object->type != JSON_OBJECT || !key)
        return NULL;
    for (guint i = 0; i < object->keys->len; i++) {
        if (strcmp(g_ptr_array_index(object->keys, i), key) == 0)
            return g_ptr_array_index(object->items, i);
    }
    return NULL;
}

static void
objectAppend(virJSONValue *obj, const char *key, virJSONValue *val)
{
    g_ptr_array_add(obj->keys, g_strdup(key));
    g_ptr_array_add(obj->items, val);
}

/* ---- parser ---- */

typedef struct {
    const char *p;
    const char *err;
} jsonParser;

static void
skipWs(jsonParser *jp)
{
    while (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r')
        jp->p++;
}

static int
hexValue(const char *p)
{
    int v = 0;

    for (int i = 0; i < 4; i++) {
        if (!g_ascii_isxdigit(p[i]))
            return -1;
        v = v * 16 + g_ascii_xdigit_value(p[i]);
    }
    return v;
}

static char *
parseString(jsonParser *jp)
{
    g_autoptr(GString) s = g_string_new(NULL);

    jp->p++; /* opening quote */
    for (;;) {
        unsigned char c = *jp->p;

        if (c == '"') {
            jp->p++;
            break;
        }
        if (c == '\0' || c < 0x20) {
            jp->err = "invalid character in string";
            return NULL;
        }
        if (c != '\\') {
            g_string_append_c(s, c);
            jp->p++;
            continue;
        }
        jp->p++;
        switch (*jp->p) {
        case '"': g_string_append_c(s, '"'); break;
        case '\\': g_string_append_c(s, '\\'); break;
        case '/': g_string_append_c(s, '/'); break;
        case 'b': g_string_append_c(s, '\b'); break;
        case 'f': g_string_append_c(s, '\f'); break;
        case 'n': g_string_append_c(s, '\n'); break;
        case 'r': g_string_append_c(s, '\r'); break;
        case 't': g_string_append_c(s, '\t'); break;
        case 'u': {
            int cp = hexValue(jp->p + 1);

            if (cp < 0) {
                jp->err = "invalid unicode escape";
                return NULL;
            }
            jp->p += 4;
            /* A high surrogate must be followed by its low half. */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                int lo = (jp->p[1] == '\\' && jp->p[2] == 'u') ? hexValue(jp->p + 3) : -1;

                if (lo < 0xDC00 || lo > 0xDFFF) {
                    jp->err = "invalid surrogate pair";
                    return NULL;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                jp->p += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                jp->err = "invalid surrogate pair";
                return NULL;
            }
            g_string_append_unichar(s, cp);
            break;
        }
        default:
            jp->err = "invalid escape";
            return NULL;
        }
        jp->p++;
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

static virJSONValue *parseValue(jsonParser *jp, int depth);

static virJSONValue *
parseContainer(jsonParser *jp, int depth, bool isObject)
{
    virJSONValue *v = jsonNew(isObject ? JSON_OBJECT : JSON_ARRAY);
    char close = isObject ? '}' : ']';

    jp->p++;
    skipWs(jp);
    if (*jp->p == close) {
        jp->p++;
        return v;
    }
    for (;;) {
        g_autofree char *key = NULL;
        virJSONValue *item;

        if (isObject) {
            skipWs(jp);
            if (*jp->p != '"') {
                jp->err = "expected object key";
                goto error;
            }
            if (!(key = parseString(jp)))
                goto error;
            skipWs(jp);
            if (*jp->p != ':') {
                jp->err = "expected ':'";
                goto error;
            }
            jp->p++;
        }
        if (!(item = parseValue(jp, depth + 1)))
            goto error;
        if (isObject)
            objectAppend(v, key, item);
        else
            g_ptr_array_add(v->items, item);

        skipWs(jp);
        if (*jp->p == ',') {
            jp->p++;
            continue;
        }
        if (*jp->p == close) {
            jp->p++;
            return v;
        }
        jp->err = "expected ',' or end of container";
        goto error;
    }

 error:
    virJSONValueFree(v);
    return NULL;
}

static virJSONValue *
parseNumber(jsonParser *jp)
{
    const char *start = jp->p;
    const char *p = start;
    virJSONValue *v;

    if (*p == '-')
        p++;
    if (*p == '0') {
        p++;
    } else if (g_ascii_isdigit(*p)) {
        while (g_ascii_isdigit(*p))
            p++;
    } else {
        jp->err = "invalid number";
        return NULL;
    }
    if (*p == '.') {
        p++;
        if (!g_ascii_isdigit(*p)) {
            jp->err = "invalid number";
            return NULL;
        }
        while (g_ascii_isdigit(*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!g_ascii_isdigit(*p)) {
            jp->err = "invalid number";
            return NULL;
        }
        while (g_ascii_isdigit(*p))
            p++;
    }
    v = jsonNew(JSON_NUMBER);
    v->str = g_strndup(start, p - start);
    jp->p = p;
    return v;
}

static virJSONValue *
parseValue(jsonParser *jp, int depth)
{
    virJSONValue *v;

    if (depth > JSON_MAX_DEPTH) {
        jp->err = "nesting too deep";
        return NULL;
    }
    skipWs(jp);
    switch (*jp->p) {
    case '{':
        return parseContainer(jp, depth, true);
    case '[':
        return parseContainer(jp, depth, false);
    case '"': {
        char *s = parseString(jp);

        if (!s)
            return NULL;
        v = jsonNew(JSON_STRING);
        v->str = s;
        return v;
    }
    case 't':
    case 'f':
    case 'n':
        if (g_str_has_prefix(jp->p, "true")) {
            v = jsonNew(JSON_BOOLEAN);
            v->boolean = true;
            jp->p += 4;
        } else if (g_str_has_prefix(jp->p, "false")) {
            v = jsonNew(JSON_BOOLEAN);
            jp->p += 5;
        } else if (g_str_has_prefix(jp->p, "null")) {
            v = jsonNew(JSON_NULL);
            jp->p += 4;
        } else {
            jp->err = "invalid literal";
            return NULL;
        }
        return v;
    default:
        return parseNumber(jp);
    }
}

virJSONValue *
virJSONValueFromString(const char *jsonstring)
{
    jsonParser jp = { jsonstring, NULL };
    virJSONValue *v;

    if (!jsonstring) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot parse json (null)");
        return NULL;
    }
    v = parseValue(&jp, 0);
    if (v) {
        skipWs(&jp);
        if (*jp.p) {
            jp.err = "trailing garbage";
            virJSONValueFree(v);
            v = NULL;
        }
    }
    if (!v) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot parse json %s: %s",
                       jsonstring, jp.err ? jp.err : "unknown error");
        return NULL;
    }
    return v;
}

/* ---- formatter ---- */

static void
formatString(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\b': g_string_append(out, "\\b"); break;
        case '\f': g_string_append(out, "\\f"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (*p < 0x20)
                g_string_append_printf(out, "\\u%04x", *p);
            else
                g_string_append_c(out, *p);
            break;
        }
    }
    g_string_append_c(out, '"');
}

static void
formatIndent(GString *out, bool pretty, int level)
{
    if (!pretty)
        return;
    g_string_append_c(out, '\n');
    for (int i = 0; i < level; i++)
        g_string_append(out, "  ");
}

static void
formatValue(GString *out, virJSONValue *v, bool pretty, int level)
{
    switch (v->type) {
    case JSON_OBJECT:
    case JSON_ARRAY: {
        bool obj = v->type == JSON_OBJECT;

        g_string_append_c(out, obj ? '{' : '[');
        if (v->items->len == 0 && pretty)
            g_string_append_c(out, '\n');
        for (guint i = 0; i < v->items->len; i++) {
            if (i)
                g_string_append_c(out, ',');
            formatIndent(out, pretty, level + 1);
            if (obj) {
                formatString(out, g_ptr_array_index(v->keys, i));
                g_string_append(out, pretty ? ": " : ":");
            }
            formatValue(out, g_ptr_array_index(v->items, i), pretty, level + 1);
        }
        formatIndent(out, pretty, level);
        g_string_append_c(out, obj ? '}' : ']');
        break;
    }
    case JSON_STRING:
        formatString(out, v->str);
        break;
    case JSON_NUMBER:
        g_string_append(out, v->str);
        break;
    case JSON_BOOLEAN:
        g_string_append(out, v->boolean ? "true" : "false");
        break;
    case JSON_NULL:
        g_string_append(out, "null");
        break;
    }
}

char *
virJSONValueToString(virJSONValue *object, bool pretty)
{
    GString *out;

    if (!object) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "failed to convert virJSONValue to string");
        return NULL;
    }
    out = g_string_new(NULL);
    formatValue(out, object, pretty, 0);
    if (pretty)
        g_string_append_c(out, '\n');
    return g_string_free(out, FALSE);
}

/* ---- builder ---- */

/*
 * Arguments come in pairs "T:key", value, closed by NULL.  T is one of
 * libvirt's type letters:
 *   s S     string (S: skip when NULL)         b B  bool (B: skip when false)
 *   i k z p int    (k: skip < 0, z: skip 0, p: skip <= 0)
 *   u Z y   uint   (Z, y: skip 0)               I J  long long (J: skip 0)
 *   U Y     unsigned long long (Y: skip 0)    d    double
 *   n       null (no value argument)           T    tristate int (skip 0, 1=yes)
 *   a A     array, ownership taken (A: a pointer to it, NULLed; skip NULL)
 *   m M     object, likewise
 */
static int
objectAddVArgs(virJSONValue *obj, va_list ap)
{
    const char *spec;

    while ((spec = va_arg(ap, const char *))) {
        const char *key = spec + 2;
        virJSONValue *val = NULL;
        char tmp[64];

        if (strlen(spec) < 3 || spec[1] != ':') {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "argument key '%s' is too short or malformed", spec);
            return -1;
        }

        switch (spec[0]) {
        case 's':
        case 'S': {
            const char *s = va_arg(ap, const char *);

            if (!s) {
                if (spec[0] == 'S')
                    continue;
                nuvReportError(VIR_ERR_INTERNAL_ERROR,
                               "argument key '%s' must not have null value", key);
                return -1;
            }
            val = jsonNew(JSON_STRING);
            val->str = g_strdup(s);
            break;
        }
        case 'b':
        case 'B':
        case 'T': {
            int b = va_arg(ap, int);

            if (spec[0] == 'T') {
                if (b == 0)
                    continue;
                b = b == 1;
            } else if (spec[0] == 'B' && !b) {
                continue;
            }
            val = jsonNew(JSON_BOOLEAN);
            val->boolean = b != 0;
            break;
        }
        case 'i':
        case 'k':
        case 'z':
        case 'p': {
            int n = va_arg(ap, int);

            if ((spec[0] == 'k' && n < 0) || (spec[0] == 'z' && n == 0) ||
                (spec[0] == 'p' && n <= 0))
                continue;
            g_snprintf(tmp, sizeof(tmp), "%d", n);
            val = jsonNew(JSON_NUMBER);
            val->str = g_strdup(tmp);
            break;
        }
        case 'u':
        case 'Z':
        case 'y': {
            unsigned int n = va_arg(ap, unsigned int);

            if (spec[0] != 'u' && n == 0)
                continue;
            g_snprintf(tmp, sizeof(tmp), "%u", n);
            val = jsonNew(JSON_NUMBER);
            val->str = g_strdup(tmp);
            break;
        }
        case 'I':
        case 'J': {
            long long n = va_arg(ap, long long);

            if (spec[0] == 'J' && n == 0)
                continue;
            g_snprintf(tmp, sizeof(tmp), "%lld", n);
            val = jsonNew(JSON_NUMBER);
            val->str = g_strdup(tmp);
            break;
        }
        case 'U':
        case 'Y': {
            unsigned long long n = va_arg(ap, unsigned long long);

            if (spec[0] == 'Y' && n == 0)
                continue;
            g_snprintf(tmp, sizeof(tmp), "%llu", n);
            val = jsonNew(JSON_NUMBER);
            val->str = g_strdup(tmp);
            break;
        }
        case 'd': {
            double d = va_arg(ap, double);

            val = jsonNew(JSON_NUMBER);
            val->str = g_strdup(g_ascii_dtostr(tmp, sizeof(tmp), d));
            break;
        }
        case 'n':
            val = jsonNew(JSON_NULL);
            break;
        case 'a':
        case 'm': {
            virJSONValue *v = va_arg(ap, virJSONValue *);

            if (!v) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR,
                               "argument key '%s' must not have null value", key);
                return -1;
            }
            val = v;
            break;
        }
        case 'A':
        case 'M': {
            virJSONValue **vp = va_arg(ap, virJSONValue **);

            if (!vp || !*vp)
                continue;
            val = g_steal_pointer(vp);
            break;
        }
        default:
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "unsupported data type '%c' for arg '%s'", spec[0], spec);
            return -1;
        }
        objectAppend(obj, key, val);
    }
    return 0;
}

int
virJSONValueObjectAdd(virJSONValue **objptr, ...)
{
    virJSONValue *obj = *objptr;
    bool created = false;
    va_list ap;
    int rc;

    if (!obj) {
        obj = jsonNew(JSON_OBJECT);
        created = true;
    } else if (obj->type != JSON_OBJECT) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "can't add to a non-object");
        return -1;
    }

    va_start(ap, objptr);
    rc = objectAddVArgs(obj, ap);
    va_end(ap);

    if (rc < 0) {
        if (created)
            virJSONValueFree(obj);
        return -1;
    }
    *objptr = obj;
    return 0;
}
