/*
 * config.c: reading nuvirtd's configuration file; see config.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "daemon/config.h"

typedef enum { KEY_STRING, KEY_INT, KEY_BOOL, KEY_PERMS, KEY_LIST } keyType;

/* Where a key lands; offset -1: accepted, not used yet (TLS, SASL, audit,
 * admin and logging outputs come with later work). */
typedef struct {
    const char *name;
    keyType type;
    long offset;
} keyDef;

#define AT(f) ((long)G_STRUCT_OFFSET(daemonConfig, f))

static const keyDef keys[] = {
    { "unix_sock_dir", KEY_STRING, AT(unixSockDir) },
    { "unix_sock_group", KEY_STRING, AT(unixSockGroup) },
    { "unix_sock_ro_perms", KEY_PERMS, AT(unixSockRoPerms) },
    { "unix_sock_rw_perms", KEY_PERMS, AT(unixSockRwPerms) },
    { "unix_sock_admin_perms", KEY_PERMS, AT(unixSockAdminPerms) },
    { "max_clients", KEY_INT, AT(maxClients) },
    { "max_anonymous_clients", KEY_INT, AT(maxAnonymousClients) },
    { "max_queued_clients", KEY_INT, AT(maxQueuedClients) },
    { "min_workers", KEY_INT, AT(minWorkers) },
    { "max_workers", KEY_INT, AT(maxWorkers) },
    { "prio_workers", KEY_INT, AT(prioWorkers) },
    { "max_requests", KEY_INT, AT(maxRequests) },
    { "max_client_requests", KEY_INT, AT(maxClientRequests) },
    { "keepalive_interval", KEY_INT, AT(keepaliveInterval) },
    { "keepalive_count", KEY_INT, AT(keepaliveCount) },
    { "log_level", KEY_INT, AT(logLevel) },
    { "listen_tcp", KEY_BOOL, AT(listenTcp) },
    { "tcp_port", KEY_STRING, AT(tcpPort) },
    { "listen_addr", KEY_STRING, AT(listenAddr) },
    { "listen_tls", KEY_BOOL, -1 },
    { "tls_port", KEY_STRING, -1 },
    { "auth_unix_ro", KEY_STRING, -1 },
    { "auth_unix_rw", KEY_STRING, -1 },
    { "auth_tcp", KEY_STRING, AT(authTcp) },
    { "auth_tls", KEY_STRING, -1 },
    { "access_drivers", KEY_LIST, -1 },
    { "log_filters", KEY_STRING, -1 },
    { "log_outputs", KEY_STRING, -1 },
    { "audit_level", KEY_INT, -1 },
    { "audit_logging", KEY_BOOL, -1 },
    { "host_uuid", KEY_STRING, -1 },
    { "host_uuid_source", KEY_STRING, -1 },
    { "keepalive_required", KEY_BOOL, -1 },
    { "admin_max_workers", KEY_INT, -1 },
    { "admin_min_workers", KEY_INT, -1 },
    { "admin_max_clients", KEY_INT, -1 },
    { "admin_max_queued_clients", KEY_INT, -1 },
    { "admin_max_client_requests", KEY_INT, -1 },
    { "admin_keepalive_interval", KEY_INT, -1 },
    { "admin_keepalive_count", KEY_INT, -1 },
    { "ovs_timeout", KEY_INT, -1 },
    { "mdns_adv", KEY_BOOL, -1 },
    { "mdns_name", KEY_STRING, -1 },
    { "key_file", KEY_STRING, -1 },
    { "cert_file", KEY_STRING, -1 },
    { "ca_file", KEY_STRING, -1 },
    { "crl_file", KEY_STRING, -1 },
    { "tls_no_sanity_certificate", KEY_BOOL, -1 },
    { "tls_no_verify_certificate", KEY_BOOL, -1 },
    { "tls_allowed_dn_list", KEY_LIST, -1 },
    { "tls_priority", KEY_STRING, -1 },
    { "sasl_allowed_username_list", KEY_LIST, -1 },
    { "tcp_min_ssf", KEY_INT, -1 },
};

void
daemonConfigInit(daemonConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->unixSockRoPerms = 0777;
    cfg->unixSockRwPerms = 0700;
    cfg->unixSockAdminPerms = 0700;
    cfg->maxClients = 5000;
    cfg->maxAnonymousClients = 20;
    cfg->maxQueuedClients = 1000;
    cfg->minWorkers = 5;
    cfg->maxWorkers = 20;
    cfg->prioWorkers = 5;
    cfg->maxRequests = 20;
    cfg->maxClientRequests = 5;
    cfg->keepaliveInterval = 5;
    cfg->keepaliveCount = 5;
    cfg->logLevel = 3;
    cfg->tcpPort = g_strdup("16509");
    cfg->authTcp = g_strdup("sasl");
}

void
daemonConfigClear(daemonConfig *cfg)
{
    g_free(cfg->unixSockDir);
    g_free(cfg->unixSockGroup);
    g_free(cfg->listenAddr);
    g_free(cfg->tcpPort);
    g_free(cfg->authTcp);
}

static const keyDef *
findKey(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    }
    return NULL;
}

/* A quoted string at *p; advances past it. */
static char *
parseString(const char **p)
{
    const char *s = *p + 1;
    const char *e = strchr(s, '"');

    if (**p != '"' || !e)
        return NULL;
    *p = e + 1;
    return g_strndup(s, e - s);
}

static int
fail(const char *path, int line, const char *key, const char *what)
{
    fprintf(stderr, "nuvirtd: %s:%d: %s%s%s\n", path, line, key ? key : "",
            key ? ": " : "", what);
    return -1;
}

int
daemonConfigLoad(daemonConfig *cfg, const char *path)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) err = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents(path, &text, NULL, &err)) {
        fprintf(stderr, "nuvirtd: cannot read configuration '%s': %s\n", path, err->message);
        return -1;
    }
    lines = g_strsplit(text, "\n", -1);
    for (int ln = 0; lines[ln]; ln++) {
        const char *p = lines[ln];
        g_autofree char *name = NULL;
        const keyDef *key;
        const char *start;

        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            continue;
        start = p;
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        name = g_strndup(start, p - start);
        while (isspace((unsigned char)*p))
            p++;
        if (!*name || *p != '=')
            return fail(path, ln + 1, NULL, "expected 'key = value'");
        p++;
        while (isspace((unsigned char)*p))
            p++;
        if (!(key = findKey(name)))
            return fail(path, ln + 1, name, "unknown configuration key");

        char *field = key->offset >= 0 ? (char *)cfg + key->offset : NULL;
        switch (key->type) {
        case KEY_STRING: {
            char *s = parseString(&p);
            if (!s)
                return fail(path, ln + 1, name, "expected a string in double quotes");
            if (field) {
                g_free(*(char **)field);
                *(char **)field = s;
            } else {
                g_free(s);
            }
            break;
        }
        case KEY_PERMS: {
            g_autofree char *s = parseString(&p);
            char *end;
            long v = s ? strtol(s, &end, 8) : -1;
            if (!s || *end || v < 0 || v > 07777)
                return fail(path, ln + 1, name, "expected octal permissions such as \"0770\"");
            if (field)
                *(mode_t *)field = v;
            break;
        }
        case KEY_INT:
        case KEY_BOOL: {
            char *end;
            long v = strtol(p, &end, 10);
            if (end == p)
                return fail(path, ln + 1, name, "expected an integer");
            if (key->type == KEY_BOOL && v != 0 && v != 1)
                return fail(path, ln + 1, name, "expected 0 or 1");
            if (v < 0)
                return fail(path, ln + 1, name, "must not be negative");
            p = end;
            if (field && key->type == KEY_BOOL)
                *(bool *)field = v;
            else if (field)
                *(long *)field = v;
            break;
        }
        case KEY_LIST:
            if (*p != '[' || !strchr(p, ']'))
                return fail(path, ln + 1, name, "expected a list in brackets on one line");
            p = strchr(p, ']') + 1;
            break;
        }
        while (isspace((unsigned char)*p))
            p++;
        if (*p && *p != '#')
            return fail(path, ln + 1, name, "unexpected text after the value");
    }
    if (cfg->maxWorkers < 1 || cfg->minWorkers > cfg->maxWorkers)
        return fail(path, 0, "max_workers", "must be at least 1 and at least min_workers");
    if (cfg->maxClientRequests < 1)
        return fail(path, 0, "max_client_requests", "must be at least 1");
    return 0;
}
