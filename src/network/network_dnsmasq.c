/*
 * network_dnsmasq.c: the dnsmasq of a network: its configuration (the
 * options libvirt writes, in its order, so an administrator used to
 * libvirt's files finds the same ones), start and stop through its pid
 * file (checked against the process, so a reused pid is never killed),
 * live reload with SIGHUP, and the DHCP leases read from its lease file.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network/network_driver.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

char *
networkStateFile(networkDriver *drv, const char *name, const char *ext)
{
    g_autofree char *base = g_strdup_printf("%s.%s", name, ext);
    return g_build_filename(drv->stateDir, base, NULL);
}

bool
networkNeedsDnsmasq(const nuvNetworkDef *def)
{
    networkIP ip;

    if (!networkHasOwnBridge(def))
        return false;
    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        if (ip.addr[0])
            return true;
    }
    return false;
}

/* "mac,ip,name" lines for dhcp-hostsfile. */
static char *
hostsFile(const nuvNetworkDef *def)
{
    GString *out = g_string_new(NULL);
    networkIP ip;

    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        nuvXNode *dhcp = nuvXNodeChild(ip.node, "dhcp");
        size_t n = dhcp ? nuvXNodeCountChildren(dhcp, "host") : 0;

        for (size_t j = 0; j < n; j++) {
            nuvXNode *h = nuvXNodeNthChild(dhcp, "host", j);
            const char *mac = nuvXNodeGet(h, "mac");
            const char *id = nuvXNodeGet(h, "id");
            const char *name = nuvXNodeGet(h, "name");
            const char *addr = nuvXNodeGet(h, "ip");
            g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func(g_free);

            if (ip.v6 && id)
                g_ptr_array_add(parts, g_strdup_printf("id:%s", id));
            else if (mac)
                g_ptr_array_add(parts, g_strdup(mac));
            if (addr)
                g_ptr_array_add(parts, ip.v6 ? g_strdup_printf("[%s]", addr) : g_strdup(addr));
            if (name)
                g_ptr_array_add(parts, g_strdup(name));
            g_ptr_array_add(parts, NULL);
            {
                g_autofree char *line = g_strjoinv(",", (char **) parts->pdata);
                g_string_append_printf(out, "%s\n", line);
            }
        }
    }
    return g_string_free(out, FALSE);
}

/* "ip name..." lines for addn-hosts (<dns><host>). */
static char *
addnHostsFile(const nuvNetworkDef *def)
{
    GString *out = g_string_new(NULL);
    nuvXNode *dns = nuvXNodeChild(def->tree, "dns");
    size_t n = dns ? nuvXNodeCountChildren(dns, "host") : 0;

    for (size_t i = 0; i < n; i++) {
        nuvXNode *h = nuvXNodeNthChild(dns, "host", i);
        size_t m = nuvXNodeCountChildren(h, "hostname");

        g_string_append(out, nuvXNodeGet(h, "ip") ? nuvXNodeGet(h, "ip") : "");
        for (size_t j = 0; j < m; j++) {
            nuvXNode *hn = nuvXNodeNthChild(h, "hostname", j);
            if (hn->text)
                g_string_append_printf(out, "\t%s", hn->text);
        }
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

static const char *
leaseTime(nuvXNode *range)
{
    static __thread char buf[32];
    nuvXNode *lease = nuvXNodeChild(range, "lease");
    const char *expiry = lease ? nuvXNodeGet(lease, "expiry") : NULL;
    const char *unit = lease ? nuvXNodeGet(lease, "unit") : NULL;

    if (!expiry)
        return NULL;
    if (strcmp(expiry, "0") == 0)
        return "infinite";
    g_snprintf(buf, sizeof(buf), "%s%c", expiry,
               !unit ? 'm' : unit[0] == 's' ? 's' : unit[0] == 'h' ? 'h' : 'm');
    return buf;
}

static char *
configContents(networkDriver *drv, const nuvNetworkDef *def)
{
    g_autoptr(GString) c = g_string_new(NULL);
    g_autofree char *pid = networkStateFile(drv, def->name, "pid");
    g_autofree char *leases = networkStateFile(drv, def->name, "leases");
    g_autofree char *hosts = networkStateFile(drv, def->name, "hostsfile");
    g_autofree char *addn = networkStateFile(drv, def->name, "addnhosts");
    nuvXNode *dns = nuvXNodeChild(def->tree, "dns");
    nuvXNode *domain = nuvXNodeChild(def->tree, "domain");
    unsigned long long leaseMax = 0;
    bool v6 = false;
    networkIP ip;

    g_string_append_printf(c, "## Written by nuvirt for network '%s'; edit the network "
                           "(net-edit / virNetworkUpdate), not this file.\n", def->name);
    g_string_append(c, "strict-order\n");
    g_string_append_printf(c, "pid-file=%s\n", pid);
    g_string_append(c, "except-interface=lo\nbind-dynamic\n");
    g_string_append_printf(c, "interface=%s\n", nuvNetworkDefBridge(def));
    if (domain && nuvXNodeGet(domain, "name")) {
        const char *name = nuvXNodeGet(domain, "name");
        if (g_strcmp0(nuvXNodeGet(domain, "localOnly"), "yes") == 0)
            g_string_append_printf(c, "local=/%s/\n", name);
        g_string_append_printf(c, "domain=%s\nexpand-hosts\n", name);
    }
    if (dns) {
        size_t n = nuvXNodeCountChildren(dns, "forwarder");
        bool plainServer = false;

        if (g_strcmp0(nuvXNodeGet(dns, "forwardPlainNames"), "no") == 0)
            g_string_append(c, "domain-needed\n");
        for (size_t i = 0; i < n; i++) {
            nuvXNode *f = nuvXNodeNthChild(dns, "forwarder", i);
            const char *d = nuvXNodeGet(f, "domain");
            const char *a = nuvXNodeGet(f, "addr");
            g_string_append(c, "server=");
            if (d)
                g_string_append_printf(c, "/%s/", d);
            g_string_append_printf(c, "%s\n", a ? a : "#");
            if (!d && a)
                plainServer = true;
        }
        if (plainServer)
            g_string_append(c, "no-resolv\n");
        if (g_strcmp0(nuvXNodeGet(dns, "enable"), "no") == 0)
            g_string_append(c, "port=0\n");
        n = nuvXNodeCountChildren(dns, "txt");
        for (size_t i = 0; i < n; i++) {
            nuvXNode *t = nuvXNodeNthChild(dns, "txt", i);
            g_string_append_printf(c, "txt-record=%s,%s\n", nuvXNodeGet(t, "name"),
                                   nuvXNodeGet(t, "value") ? nuvXNodeGet(t, "value") : "");
        }
        n = nuvXNodeCountChildren(dns, "srv");
        for (size_t i = 0; i < n; i++) {
            nuvXNode *s = nuvXNodeNthChild(dns, "srv", i);
            const char *dom = nuvXNodeGet(s, "domain");
            g_string_append_printf(c, "srv-host=_%s._%s%s%s", nuvXNodeGet(s, "service"),
                                   nuvXNodeGet(s, "protocol"), dom ? "." : "", dom ? dom : "");
            if (nuvXNodeGet(s, "target")) {
                const char *fields[] = { "target", "port", "priority", "weight" };
                for (size_t k = 0; k < G_N_ELEMENTS(fields); k++)
                    g_string_append_printf(c, ",%s",
                                           nuvXNodeGet(s, fields[k]) ? nuvXNodeGet(s, fields[k])
                                                                     : "");
            }
            g_string_append_c(c, '\n');
        }
    }
    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        nuvXNode *dhcp = nuvXNodeChild(ip.node, "dhcp");
        nuvXNode *tftp = nuvXNodeChild(ip.node, "tftp");
        size_t n = dhcp ? nuvXNodeCountChildren(dhcp, "range") : 0;

        v6 |= ip.v6 && ip.addr[0];
        for (size_t j = 0; j < n; j++) {
            nuvXNode *r = nuvXNodeNthChild(dhcp, "range", j);
            const char *lt = leaseTime(r);
            const char *start = nuvXNodeGet(r, "start");
            const char *end = nuvXNodeGet(r, "end");

            if (ip.v6) {
                g_string_append_printf(c, "dhcp-range=%s,%s,%u", start, end, ip.prefix);
            } else {
                struct in_addr m = { .s_addr = htonl(ip.prefix ? ~0u << (32 - ip.prefix) : 0) };
                char mask[16];
                inet_ntop(AF_INET, &m, mask, sizeof(mask));
                g_string_append_printf(c, "dhcp-range=%s,%s,%s", start, end, mask);
            }
            if (lt)
                g_string_append_printf(c, ",%s", lt);
            g_string_append_c(c, '\n');
            {
                struct in6_addr a, b;
                int af = ip.v6 ? AF_INET6 : AF_INET;
                if (inet_pton(af, start, &a) == 1 && inet_pton(af, end, &b) == 1) {
                    size_t off = ip.v6 ? 8 : 0, len = ip.v6 ? 8 : 4;
                    unsigned long long x = 0, y = 0;
                    for (size_t k = 0; k < len; k++) {
                        x = (x << 8) | ((unsigned char *) &a)[off + k];
                        y = (y << 8) | ((unsigned char *) &b)[off + k];
                    }
                    leaseMax += y >= x ? y - x + 1 : 0;
                }
            }
        }
        if (dhcp && n == 0 && nuvXNodeCountChildren(dhcp, "host") > 0 && !ip.v6)
            g_string_append_printf(c, "dhcp-range=%s,static\n", ip.subnet);
        if (dhcp && nuvXNodeChild(dhcp, "bootp")) {
            nuvXNode *b = nuvXNodeChild(dhcp, "bootp");
            const char *server = nuvXNodeGet(b, "server");
            g_string_append_printf(c, "dhcp-boot=%s%s%s\n", nuvXNodeGet(b, "file"),
                                   server ? ",," : "", server ? server : "");
        }
        if (tftp && nuvXNodeGet(tftp, "root"))
            g_string_append_printf(c, "enable-tftp\ntftp-root=%s\n", nuvXNodeGet(tftp, "root"));
    }
    if (leaseMax > 0) {
        g_string_append(c, "dhcp-no-override\ndhcp-authoritative\n");
        g_string_append_printf(c, "dhcp-lease-max=%llu\n", leaseMax);
    }
    g_string_append_printf(c, "dhcp-hostsfile=%s\n", hosts);
    g_string_append_printf(c, "addn-hosts=%s\n", addn);
    g_string_append_printf(c, "dhcp-leasefile=%s\n", leases);
    if (v6)
        g_string_append(c, "enable-ra\n");
    /* dnsmasq drops root for "nobody" by default, which then cannot
     * rewrite the lease file in our state directory */
    if (geteuid() == 0)
        g_string_append(c, "user=root\n");
    return g_strdup(c->str);
}

static int
writeHostFiles(networkDriver *drv, const nuvNetworkDef *def)
{
    g_autofree char *hosts = networkStateFile(drv, def->name, "hostsfile");
    g_autofree char *addn = networkStateFile(drv, def->name, "addnhosts");
    g_autofree char *h = hostsFile(def);
    g_autofree char *a = addnHostsFile(def);

    if (nuvFileWriteAtomic(hosts, h, strlen(h), 0644) < 0 ||
        nuvFileWriteAtomic(addn, a, strlen(a), 0644) < 0)
        return -1;
    return 0;
}

/* The pid in NAME.pid if that process is our dnsmasq for NAME, else 0. */
static pid_t
dnsmasqPid(networkDriver *drv, const nuvNetworkDef *def)
{
    g_autofree char *pidfile = networkStateFile(drv, def->name, "pid");
    g_autofree char *conf = networkStateFile(drv, def->name, "conf");
    g_autofree char *text = NULL;
    g_autofree char *cmdline = NULL;
    g_autofree char *procfile = NULL;
    gsize len = 0;
    long pid;

    if (!g_file_get_contents(pidfile, &text, NULL, NULL) ||
        (pid = strtol(text, NULL, 10)) <= 0)
        return 0;
    procfile = g_strdup_printf("/proc/%ld/cmdline", pid);
    if (!g_file_get_contents(procfile, &cmdline, &len, NULL))
        return 0;
    /* argv is NUL separated: look for the conf-file argument */
    for (gsize off = 0; off < len; off += strlen(cmdline + off) + 1) {
        if (g_str_has_prefix(cmdline + off, "--conf-file=") &&
            strcmp(cmdline + off + strlen("--conf-file="), conf) == 0)
            return (pid_t) pid;
    }
    return 0;
}

bool
networkDnsmasqRunning(networkDriver *drv, const nuvNetworkDef *def)
{
    return dnsmasqPid(drv, def) > 0;
}

int
networkDnsmasqStart(networkDriver *drv, const nuvNetworkDef *def)
{
    g_autofree char *conf = networkStateFile(drv, def->name, "conf");
    g_autofree char *confArg = g_strdup_printf("--conf-file=%s", conf);
    g_autofree char *contents = NULL;
    g_autofree char *dnsmasq = g_find_program_in_path("dnsmasq");
    g_autofree char *pidfile = networkStateFile(drv, def->name, "pid");

    if (!dnsmasq) {
        /* not on PATH for an unprivileged user: Debian keeps it in sbin */
        if (access("/usr/sbin/dnsmasq", X_OK) == 0)
            dnsmasq = g_strdup("/usr/sbin/dnsmasq");
        else {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Cannot find dnsmasq binary: the network needs dnsmasq");
            return -1;
        }
    }
    if (nuvDirMake(drv->stateDir, 0755) < 0 || writeHostFiles(drv, def) < 0)
        return -1;
    contents = configContents(drv, def);
    if (nuvFileWriteAtomic(conf, contents, strlen(contents), 0644) < 0)
        return -1;
    unlink(pidfile);
    {
        /* dnsmasq's parent returns once the daemon is set up (or has
         * failed, with its message on stderr) */
        const char *argv[] = { dnsmasq, confArg, NULL };
        if (networkRun(argv, NULL) < 0)
            return -1;
    }
    for (int i = 0; i < 100 && dnsmasqPid(drv, def) == 0; i++)
        g_usleep(10000);
    if (dnsmasqPid(drv, def) == 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "dnsmasq for network '%s' did not write its pid file", def->name);
        return -1;
    }
    return 0;
}

void
networkDnsmasqStop(networkDriver *drv, const nuvNetworkDef *def)
{
    pid_t pid = dnsmasqPid(drv, def);
    const char *exts[] = { "pid", "conf", "hostsfile", "addnhosts" };
    virErrorPtr saved = nuvErrorPreserve();

    if (pid > 0) {
        int fd = nuvPidfdOpen(pid);
        if (fd >= 0) {
            nuvPidfdSignal(fd, SIGTERM);
            if (nuvPidfdWait(fd, 5000) == 0) {
                nuvPidfdSignal(fd, SIGKILL);
                nuvPidfdWait(fd, 5000);
            }
            close(fd);
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(exts); i++) {
        g_autofree char *path = networkStateFile(drv, def->name, exts[i]);
        unlink(path);
    }
    nuvErrorRestore(&saved);
}

int
networkDnsmasqReload(networkDriver *drv, const nuvNetworkDef *def)
{
    pid_t pid;

    if (!networkNeedsDnsmasq(def))
        return 0;
    if ((pid = dnsmasqPid(drv, def)) == 0)
        return networkDnsmasqStart(drv, def);
    if (writeHostFiles(drv, def) < 0)
        return -1;
    if (kill(pid, SIGHUP) < 0) {
        nuvReportSystemError(errno, "cannot reload dnsmasq of network '%s'", def->name);
        return -1;
    }
    return 0;
}

/* ---- leases ---- */

static bool
macValid(const char *mac)
{
    for (int i = 0; i < 6; i++) {
        if (!g_ascii_isxdigit(mac[0]) || !g_ascii_isxdigit(mac[1]))
            return false;
        mac += 2;
        if (i < 5 && *mac++ != ':')
            return false;
    }
    return *mac == '\0';
}

/* The prefix of the network's <ip> holding @addr, or 0. */
static unsigned int
leasePrefix(const nuvNetworkDef *def, bool v6)
{
    networkIP ip;

    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        if (ip.addr[0] && ip.v6 == v6)
            return ip.prefix;
    }
    return 0;
}

int
networkDnsmasqLeases(networkDriver *drv, virNetworkPtr net, const nuvNetworkDef *def,
                     const char *mac, virNetworkDHCPLeasePtr **leases)
{
    g_autofree char *path = networkStateFile(drv, def->name, "leases");
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GPtrArray *out = g_ptr_array_new();
    bool v6 = false;
    long long now = g_get_real_time() / G_USEC_PER_SEC;
    int n;

    (void) net;
    if (mac && !macValid(mac)) {
        nuvReportError(VIR_ERR_INVALID_MAC, "%s", mac);
        g_ptr_array_free(out, TRUE);
        return -1;
    }
    if (g_file_get_contents(path, &text, NULL, NULL))
        lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines && lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", -1);
        virNetworkDHCPLeasePtr l;
        long long expiry;

        if (g_strv_length(f) >= 2 && strcmp(f[0], "duid") == 0) {
            v6 = true;
            continue;
        }
        if (g_strv_length(f) < 4)
            continue;
        expiry = strtoll(f[0], NULL, 10);
        if (expiry != 0 && expiry < now)
            continue;
        if (!v6 && mac && g_ascii_strcasecmp(f[1], mac) != 0)
            continue;
        if (v6 && mac)
            continue;           /* v6 lines carry an IAID, not the MAC */
        l = g_new0(virNetworkDHCPLease, 1);
        l->iface = g_strdup(nuvNetworkDefBridge(def));
        l->expirytime = expiry;
        l->type = v6 ? VIR_IP_ADDR_TYPE_IPV6 : VIR_IP_ADDR_TYPE_IPV4;
        if (v6)
            l->iaid = g_strdup(f[1]);
        else
            l->mac = g_ascii_strdown(f[1], -1);
        l->ipaddr = g_strdup(f[2]);
        l->prefix = leasePrefix(def, v6);
        l->hostname = strcmp(f[3], "*") ? g_strdup(f[3]) : NULL;
        l->clientid = f[4] && strcmp(f[4], "*") ? g_strdup(f[4]) : NULL;
        g_ptr_array_add(out, l);
    }
    n = (int) out->len;
    if (leases) {
        g_ptr_array_add(out, NULL);
        *leases = (virNetworkDHCPLeasePtr *) g_ptr_array_free(out, FALSE);
    } else {
        for (guint i = 0; i < out->len; i++)
            virNetworkDHCPLeaseFree(g_ptr_array_index(out, i));
        g_ptr_array_free(out, TRUE);
    }
    return n;
}
