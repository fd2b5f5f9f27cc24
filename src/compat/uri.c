/*
 * uri.c: URIs, socket and MAC addresses, typed parameters for virsh.
 *
 * virURIParse is self-contained on purpose (libxml2's RFC 3986 parser plus
 * libvirt's query-parameter splitting) so that it does not wait on
 * nuvirt's own URI module; the two can be merged once that exists.
 */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "compat/compat.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_URI

static void
uriAddParam(virURI *uri, char *name, char *value)
{
    if (uri->paramsCount == uri->paramsAlloc) {
        uri->paramsAlloc = uri->paramsAlloc ? uri->paramsAlloc * 2 : 4;
        uri->params = g_renew(virURIParam, uri->params, uri->paramsAlloc);
    }
    uri->params[uri->paramsCount].name = name;
    uri->params[uri->paramsCount].value = value;
    uri->params[uri->paramsCount].ignore = false;
    uri->paramsCount++;
}

static char *
uriUnescape(const char *s, size_t len)
{
    char *tmp;
    char *ret;

    if (len == 0)
        return g_strdup("");
    tmp = xmlURIUnescapeString(s, len, NULL);
    ret = g_strdup(tmp);
    xmlFree(tmp);
    return ret;
}

/*
 * "a=1&b=2" -> params.  As in libvirt, a section ends at the next '&', and
 * only when there is none at the next ';' (so "a=1;b&c" is a=("1;b"), c).
 * "=x" sections are ignored and a bare "c" gets the value "".
 */
static void
uriParseParams(virURI *uri)
{
    const char *q = uri->query;

    while (q && *q) {
        const char *end = strchr(q, '&');
        const char *eq;
        size_t len;

        if (!end)
            end = strchr(q, ';');
        if (!end)
            end = q + strlen(q);
        len = end - q;
        eq = memchr(q, '=', len);

        if (len > 0 && eq != q) {
            if (!eq)
                uriAddParam(uri, uriUnescape(q, len), g_strdup(""));
            else
                uriAddParam(uri, uriUnescape(q, eq - q),
                            uriUnescape(eq + 1, len - (eq + 1 - q)));
        }
        q = end;
        if (*q)
            q++;
    }
}

virURI *
virURIParse(const char *uristr)
{
    xmlURIPtr xuri;
    virURI *uri;

    if (!uristr || !(xuri = xmlParseURI(uristr))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse URI %s",
                       uristr ? uristr : "(null)");
        return NULL;
    }

    uri = g_new0(virURI, 1);
    uri->scheme = g_strdup(xuri->scheme);
    uri->server = g_strdup(xuri->server);
    uri->user = g_strdup(xuri->user);
    uri->port = xuri->port > 0 ? xuri->port : 0;
    uri->path = g_strdup(xuri->path);
    uri->query = g_strdup(xuri->query_raw);
    uri->fragment = g_strdup(xuri->fragment);
    xmlFreeURI(xuri);

    /* An IPv6 literal comes back as "[::1]"; callers want the address. */
    if (uri->server && uri->server[0] == '[') {
        size_t len = strlen(uri->server);

        if (len >= 2 && uri->server[len - 1] == ']') {
            memmove(uri->server, uri->server + 1, len - 2);
            uri->server[len - 2] = '\0';
        }
    }

    uriParseParams(uri);
    return uri;
}

void
virURIFree(virURI *uri)
{
    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->server);
    g_free(uri->user);
    g_free(uri->path);
    g_free(uri->query);
    g_free(uri->fragment);
    for (size_t i = 0; i < uri->paramsCount; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}

/* ---- socket addresses ---- */

int
virSocketAddrParse(virSocketAddr *addr, const char *val, int family)
{
    struct addrinfo hints;
    struct addrinfo *res = NULL;
    int len;
    int rc;

    if (!val) {
        nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                           __LINE__, "%s", "Missing address");
        return -1;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_flags = AI_NUMERICHOST;
    if ((rc = getaddrinfo(val, NULL, &hints, &res)) != 0) {
        nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR, __FILE__, __func__,
                           __LINE__, "Cannot parse socket address '%s': %s",
                           val, gai_strerror(rc));
        return -1;
    }
    if (!res) {
        nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR, __FILE__, __func__,
                           __LINE__, "No socket addresses found for '%s'", val);
        return -1;
    }
    len = res->ai_addrlen;
    if (addr) {
        memset(addr, 0, sizeof(*addr));
        memcpy(&addr->data.stor, res->ai_addr, len);
        addr->len = len;
    }
    freeaddrinfo(res);
    return len;
}

bool
virSocketAddrIsWildcard(const virSocketAddr *addr)
{
    switch (addr->data.stor.ss_family) {
    case AF_INET:
        return addr->data.inet4.sin_addr.s_addr == htonl(INADDR_ANY);
    case AF_INET6:
        return IN6_IS_ADDR_UNSPECIFIED(&addr->data.inet6.sin6_addr);
    }
    return false;
}

/* ---- MAC addresses ---- */

int
virMacAddrParse(const char *str, virMacAddr *addr)
{
    const char *p = str;

    for (int i = 0; i < VIR_MAC_BUFLEN; i++) {
        unsigned int byte = 0;
        int digits = 0;

        /* One or two hex digits, nothing else: no sign, no blanks. */
        while (g_ascii_isxdigit(*p) && digits < 3) {
            byte = byte * 16 + g_ascii_xdigit_value(*p);
            p++;
            digits++;
        }
        if (digits < 1 || digits > 2)
            return -1;
        addr->addr[i] = byte;
        if (i == VIR_MAC_BUFLEN - 1)
            return (unsigned char)*p <= ' ' ? 0 : -1;
        if (*p != ':')
            return -1;
        p++;
    }
    return -1;
}

const char *
virMacAddrFormat(const virMacAddr *addr, char *str)
{
    g_snprintf(str, VIR_MAC_STRING_BUFLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
               addr->addr[0], addr->addr[1], addr->addr[2],
               addr->addr[3], addr->addr[4], addr->addr[5]);
    return str;
}

/* Compare two textual MACs as addresses: case and leading zeros in a
 * group do not matter ("0a:1:..." equals "0A:01:..."). */
int
virMacAddrCompare(const char *p, const char *q)
{
    for (;;) {
        unsigned char c;
        unsigned char d;

        while (*p == '0' && g_ascii_isxdigit(p[1]))
            p++;
        while (*q == '0' && g_ascii_isxdigit(q[1]))
            q++;
        c = g_ascii_tolower(*p);
        d = g_ascii_tolower(*q);
        if (c == 0 || d == 0 || c != d)
            return c - d;
        p++;
        q++;
    }
}

/* ---- typed parameters ---- */

int
virTypedParameterAssign(virTypedParameterPtr param, const char *name, int type, ...)
{
    va_list ap;
    int ret = 0;

    if (g_strlcpy(param->field, name, VIR_TYPED_PARAM_FIELD_LENGTH) >=
        VIR_TYPED_PARAM_FIELD_LENGTH) {
        nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "Field name '%s' too long", name);
        return -1;
    }
    param->type = type;

    va_start(ap, type);
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
        param->value.b = !!va_arg(ap, int);
        break;
    case VIR_TYPED_PARAM_STRING:
        /* The string is taken over, not copied, as libvirt does. */
        param->value.s = va_arg(ap, char *);
        if (!param->value.s)
            param->value.s = g_strdup("");
        break;
    default:
        nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                           __LINE__, "unexpected type %d for field %s", type, name);
        ret = -1;
        break;
    }
    va_end(ap);
    return ret;
}

char *
virTypedParameterToString(virTypedParameterPtr param)
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
    }
    nuvErrorReportFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__, __LINE__,
                       "unexpected type %d for field %s", param->type, param->field);
    return NULL;
}
