/*
 * uri.c: connection URI parsing and formatting.
 *
 * The RFC 3986 grammar itself is left to libxml2's URI parser, which we
 * link anyway for XML: it is the parser libvirt uses, so every corner
 * (what is rejected, how "test:rel" or "user@" come apart, what gets
 * re-encoded on output) comes out the same for the same libxml2.  This
 * file adds what libvirt adds on top: IPv6 brackets, the port rule, and
 * the query split into parameters.
 */
#include <string.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "util/error.h"
#include "util/uri.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* Decode %XX escapes in @len bytes of @s.  A '%' not followed by two hex
 * digits is kept as it is (libxml2 does the same; its own parser has
 * already refused such text anyway). */
static char *
unescapeRange(const char *s, size_t len)
{
    GString *out = g_string_sized_new(len + 1);

    for (size_t i = 0; i < len; i++) {
        int hi, lo;

        if (s[i] == '%' && i + 2 < len &&
            (hi = g_ascii_xdigit_value(s[i + 1])) >= 0 &&
            (lo = g_ascii_xdigit_value(s[i + 2])) >= 0) {
            g_string_append_c(out, (char)((hi << 4) | lo));
            i += 2;
        } else {
            g_string_append_c(out, s[i]);
        }
    }
    return g_string_free(out, FALSE);
}

static void
paramAppend(nuvURI *uri, char *name, char *value)
{
    uri->params = g_renew(nuvURIParam, uri->params, uri->nparams + 1);
    uri->params[uri->nparams].name = name;
    uri->params[uri->nparams].value = value;
    uri->params[uri->nparams].ignore = false;
    uri->nparams++;
}

/* Split the raw query into parameters, the way libvirt (after CGI.pm)
 * does: sections end at '&' -- or, only when no '&' is left, at ';' --;
 * "name" means an empty value, "=value" and empty sections are dropped. */
static void
parseQueryParams(nuvURI *uri)
{
    const char *cur = uri->query;

    if (!cur)
        return;

    while (*cur) {
        const char *end = strchr(cur, '&');
        const char *eq;

        if (!end)
            end = strchr(cur, ';');
        if (!end)
            end = cur + strlen(cur);

        eq = memchr(cur, '=', end - cur);

        if (end == cur || eq == cur) {
            /* nothing, or a value without a name */
        } else if (!eq) {
            paramAppend(uri, unescapeRange(cur, end - cur), g_strdup(""));
        } else {
            paramAppend(uri, unescapeRange(cur, eq - cur),
                        unescapeRange(eq + 1, end - (eq + 1)));
        }

        cur = *end ? end + 1 : end;
    }
}

/* "[::1]" -> "::1".  Only a bracketed text with a colon in it is an IPv6
 * literal; anything else is left alone. */
static void
stripIPv6Brackets(char *server)
{
    size_t len;

    if (!server)
        return;
    len = strlen(server);
    if (len >= 2 && server[0] == '[' && server[len - 1] == ']' &&
        strchr(server, ':')) {
        memmove(server, server + 1, len - 2);
        server[len - 2] = '\0';
    }
}

nuvURI *
nuvURIParse(const char *str)
{
    xmlURIPtr xuri;
    nuvURI *uri;

    if (!str) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "URI must not be NULL");
        return NULL;
    }

    if (!(xuri = xmlParseURI(str))) {
        /* libxml2 does not say what is wrong, so neither can we. */
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str);
        return NULL;
    }

    uri = g_new0(nuvURI, 1);
    uri->scheme = g_strdup(xuri->scheme);
    uri->server = g_strdup(xuri->server);
    uri->user = g_strdup(xuri->user);
    uri->path = g_strdup(xuri->path);
    uri->query = g_strdup(xuri->query_raw);
    uri->fragment = g_strdup(xuri->fragment);
    /* libxml2 versions disagree on the port when there is no server;
     * take it only together with a server. */
    if (uri->server && *uri->server)
        uri->port = xuri->port;
    xmlFreeURI(xuri);

    stripIPv6Brackets(uri->server);
    parseQueryParams(uri);
    return uri;
}

char *
nuvURIFormat(const nuvURI *uri)
{
    g_autofree char *bracketed = NULL;
    xmlURI xuri;
    xmlChar *text;
    char *ret;

    memset(&xuri, 0, sizeof(xuri));
    xuri.scheme = uri->scheme;
    xuri.server = uri->server;
    xuri.user = uri->user;
    xuri.port = uri->port;
    xuri.path = uri->path;
    xuri.query_raw = uri->query;
    xuri.fragment = uri->fragment;

    if (uri->server && strchr(uri->server, ':')) {
        bracketed = g_strdup_printf("[%s]", uri->server);
        xuri.server = bracketed;
    }

    /* Port -1 asks libxml2 for the "//" even without a server, so that
     * "qemu:///system" does not come back as "qemu:/system". */
    if (!xuri.server && !xuri.port)
        xuri.port = -1;

    if (!(text = xmlSaveUri(&xuri)))
        g_error("out of memory formatting a URI");

    /* Hand back GLib-owned memory so callers can g_free it. */
    ret = g_strdup((const char *)text);
    xmlFree(text);
    return ret;
}

char *
nuvURIFormatParams(const nuvURI *uri)
{
    GString *out = g_string_new(NULL);
    bool first = true;

    for (size_t i = 0; i < uri->nparams; i++) {
        if (uri->params[i].ignore)
            continue;
        if (!first)
            g_string_append_c(out, '&');
        /* Names go out as they are, values encoded (all but RFC 3986's
         * unreserved characters), as libvirt writes them. */
        g_string_append(out, uri->params[i].name);
        g_string_append_c(out, '=');
        g_string_append_uri_escaped(out, uri->params[i].value, NULL, FALSE);
        first = false;
    }
    return g_string_free(out, FALSE);
}

void
nuvURIFree(nuvURI *uri)
{
    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->server);
    g_free(uri->user);
    g_free(uri->path);
    g_free(uri->query);
    g_free(uri->fragment);
    for (size_t i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}

const char *
nuvURIFindParam(const nuvURI *uri, const char *name)
{
    for (size_t i = 0; i < uri->nparams; i++) {
        if (g_ascii_strcasecmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    }
    return NULL;
}

const char *
nuvURIGetParam(const nuvURI *uri, const char *name)
{
    const char *value = nuvURIFindParam(uri, name);

    if (!value)
        nuvReportError(VIR_ERR_INVALID_ARG, "Missing URI parameter '%s'", name);
    return value;
}

void
nuvURIParamsSetIgnore(nuvURI *uri, bool ignore, const char *const *names)
{
    for (size_t i = 0; i < uri->nparams; i++) {
        for (size_t j = 0; names[j]; j++) {
            if (g_ascii_strcasecmp(uri->params[i].name, names[j]) == 0)
                uri->params[i].ignore = ignore;
        }
    }
}

void
nuvURISplitScheme(const char *scheme, char **driver, char **transport)
{
    const char *plus = scheme ? strchr(scheme, '+') : NULL;

    if (driver)
        *driver = plus ? g_strndup(scheme, plus - scheme) : g_strdup(scheme);
    if (transport)
        *transport = plus ? g_strdup(plus + 1) : NULL;
}
