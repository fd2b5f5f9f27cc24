/*
 * uri.h: connection URIs ("qemu+ssh://user@host:2222/system?keyfile=x").
 *
 * Parsing gives exactly the pieces libvirt gives for the same text, since
 * drivers, the remote driver and virConnectGetURI depend on them: the
 * components are percent-decoded (except the query, kept raw), an IPv6
 * server loses its brackets, and the query is also split into decoded
 * name/value pairs, in order.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

typedef struct _nuvURIParam nuvURIParam;
struct _nuvURIParam {
    char *name;     /* decoded */
    char *value;    /* decoded; "" when the query had just "name" */
    bool ignore;    /* left out by nuvURIFormatParams */
};

typedef struct _nuvURI nuvURI;
struct _nuvURI {
    char *scheme;       /* "qemu+ssh"; NULL for a relative reference */
    char *server;       /* "host", "::1" (no brackets); NULL when absent */
    char *user;         /* "user"; NULL when absent */
    int port;           /* 0 when absent, and whenever server is absent */
    char *path;         /* "/system"; NULL when absent */
    char *query;        /* raw text after '?', still percent-encoded */
    char *fragment;     /* decoded text after '#' */
    nuvURIParam *params;
    size_t nparams;
};

/* Parse @str.  On failure: VIR_ERR_INTERNAL_ERROR (domain VIR_FROM_URI)
 * "Unable to parse URI <str>", as libvirt reports it. */
nuvURI *nuvURIParse(const char *str);

/* The URI as text again; what virConnectGetURI returns.  Components are
 * re-encoded where needed; an IPv6 server gets its brackets back. */
char *nuvURIFormat(const nuvURI *uri);

/* "name=value&..." from params not marked ignore, values encoded; "" when
 * there is none. */
char *nuvURIFormatParams(const nuvURI *uri);

void nuvURIFree(nuvURI *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvURI, nuvURIFree);

/* Value of the first parameter whose name matches @name ignoring case;
 * Find returns NULL silently, Get reports VIR_ERR_INVALID_ARG
 * "Missing URI parameter '<name>'". */
const char *nuvURIFindParam(const nuvURI *uri, const char *name);
const char *nuvURIGetParam(const nuvURI *uri, const char *name);

/* Mark (or unmark) the params named in the NULL-terminated @names. */
void nuvURIParamsSetIgnore(nuvURI *uri, bool ignore, const char *const *names);

/* "qemu+ssh" -> ("qemu", "ssh"); "qemu" -> ("qemu", NULL).  Everything
 * after the first '+' is the transport, even when empty.  A NULL @scheme
 * gives two NULLs.  Both results are newly allocated; either out pointer
 * may be NULL. */
void nuvURISplitScheme(const char *scheme, char **driver, char **transport);
