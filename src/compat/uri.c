/*
 * uri.c: URIs, socket and MAC addresses, typed parameters for virsh.
 *
 * Thin layers over nuvirt's own URI and typed-parameter modules, in the
 * shapes virsh was built against.
 */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include "compat/compat.h"
#include "util/error.h"
#include "util/typedparam.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* virsh's virURI is libvirt's struct; nuvirt's parser fills its own, with
 * the same meaning field for field. */
virURI *
virURIParse(const char *uristr)
{
    g_autoptr(nuvURI) parsed = NULL;
    virURI *uri;

    if (!uristr) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", "(null)");
        return NULL;
    }
    if (!(parsed = nuvURIParse(uristr)))
        return NULL;

    uri = g_new0(virURI, 1);
    uri->scheme = g_steal_pointer(&parsed->scheme);
    uri->server = g_steal_pointer(&parsed->server);
    uri->user = g_steal_pointer(&parsed->user);
    uri->port = parsed->port;
    uri->path = g_steal_pointer(&parsed->path);
    uri->query = g_steal_pointer(&parsed->query);
    uri->fragment = g_steal_pointer(&parsed->fragment);
    uri->params = g_new0(virURIParam, parsed->nparams + 1);
    uri->paramsCount = uri->paramsAlloc = parsed->nparams;
    for (size_t i = 0; i < parsed->nparams; i++) {
        uri->params[i].name = g_steal_pointer(&parsed->params[i].name);
        uri->params[i].value = g_steal_pointer(&parsed->params[i].value);
        uri->params[i].ignore = parsed->params[i].ignore;
    }
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
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "%s", "Missing address");
        return -1;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_flags = AI_NUMERICHOST;
    if ((rc = getaddrinfo(val, NULL, &hints, &res)) != 0) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                           "Cannot parse socket address '%s': %s",
                           val, gai_strerror(rc));
        return -1;
    }
    if (!res) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR,
                           "No socket addresses found for '%s'", val);
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
    int ret;

    va_start(ap, type);
    if (type == VIR_TYPED_PARAM_STRING) {
        /* libvirt takes the string over rather than copying it: assign an
         * empty copy (which checks the name), then put the caller's in. */
        char *value = va_arg(ap, char *);
        ret = nuvTypedParamAssign(param, name, VIR_TYPED_PARAM_STRING, "");
        if (ret == 0 && value) {
            g_free(param->value.s);
            param->value.s = value;
        }
    } else {
        ret = nuvTypedParamAssignVa(param, name, type, ap);
    }
    va_end(ap);
    return ret;
}

char *
virTypedParameterToString(virTypedParameterPtr param)
{
    return nuvTypedParamToString(param);
}
