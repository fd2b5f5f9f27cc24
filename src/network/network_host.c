/*
 * network_host.c: what a virtual network is on the host besides dnsmasq
 * and its firewall rules (network_firewall.c): its Linux bridge (made
 * with ip(8)), the bridge's addresses, MTU and MAC.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "network/network_driver.h"
#include "util/error.h"
#include "util/log.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

int
networkRun(const char *const *argv, const char *input)
{
    return nuvCommandRun(argv, input, NULL, VIR_FROM_THIS);
}

bool
networkHasOwnBridge(const nuvNetworkDef *def)
{
    return def->forwardType == NUV_NETWORK_FORWARD_NONE ||
           def->forwardType == NUV_NETWORK_FORWARD_NAT ||
           def->forwardType == NUV_NETWORK_FORWARD_ROUTE ||
           def->forwardType == NUV_NETWORK_FORWARD_OPEN;
}

/* if_nametoindex asks the kernel in our own network namespace, which
 * /sys/class/net (sysfs as it was mounted) may not show. */
bool
networkBridgeExists(const char *name)
{
    return name && if_nametoindex(name) != 0;
}

/* ---- addresses ---- */

static unsigned int
maskPrefix(const char *mask)
{
    struct in_addr m;
    unsigned int n = 0;

    if (!mask || inet_pton(AF_INET, mask, &m) != 1)
        return 24;
    for (uint32_t v = ntohl(m.s_addr); v & 0x80000000u; v <<= 1)
        n++;
    return n;
}

bool
networkIPAt(const nuvNetworkDef *def, size_t n, networkIP *ip)
{
    nuvXNode *node = nuvXNodeNthChild(def->tree, "ip", n);
    const char *addr, *family, *prefix;
    unsigned char bytes[16];
    char buf[INET6_ADDRSTRLEN];
    size_t len;

    if (!node)
        return false;
    memset(ip, 0, sizeof(*ip));
    ip->node = node;
    addr = nuvXNodeGet(node, "address");
    family = nuvXNodeGet(node, "family");
    prefix = nuvXNodeGet(node, "prefix");
    if (!addr)
        return true;
    g_strlcpy(ip->addr, addr, sizeof(ip->addr));
    ip->v6 = (family && strcmp(family, "ipv6") == 0) || strchr(addr, ':');
    if (prefix)
        ip->prefix = (unsigned int) strtoul(prefix, NULL, 10);
    else
        ip->prefix = ip->v6 ? 64 : maskPrefix(nuvXNodeGet(node, "netmask"));
    len = ip->v6 ? 16 : 4;
    if (inet_pton(ip->v6 ? AF_INET6 : AF_INET, addr, bytes) != 1)
        return true;
    for (size_t i = 0; i < len; i++) {
        int keep = (int) ip->prefix - (int) (i * 8);
        if (keep <= 0)
            bytes[i] = 0;
        else if (keep < 8)
            bytes[i] &= (unsigned char) (0xff << (8 - keep));
    }
    inet_ntop(ip->v6 ? AF_INET6 : AF_INET, bytes, buf, sizeof(buf));
    g_snprintf(ip->subnet, sizeof(ip->subnet), "%s/%u", buf, ip->prefix);
    return true;
}

static const char *
bridgeName(const nuvNetworkDef *def)
{
    return nuvNetworkDefBridge(def);
}

/* ---- defaults and conflicts ---- */

void
networkAssignDefaults(networkDriver *drv, nuvNetworkDef *def)
{
    nuvXNode *br;

    if (!networkHasOwnBridge(def))
        return;
    br = nuvXNodeEnsureChild(def->tree, "bridge");
    if (!nuvXNodeGet(br, "name") || strchr(nuvXNodeGet(br, "name"), '%')) {
        size_t count;
        nuvNetworkObj **objs = nuvNetworkObjListCollect(drv->nets, &count);

        for (int i = 0; i < 256; i++) {
            g_autofree char *name = g_strdup_printf("virbr%d", i);
            bool used = networkBridgeExists(name);

            for (size_t j = 0; j < count && !used; j++) {
                nuvNetworkObjLock(objs[j]);
                used = strcmp(objs[j]->def->name, def->name) != 0 &&
                       g_strcmp0(nuvNetworkDefBridge(objs[j]->def), name) == 0;
                nuvNetworkObjUnlock(objs[j]);
            }
            if (!used) {
                nuvXNodeSet(br, "name", name);
                break;
            }
        }
        nuvNetworkObjListFreeArray(objs, count);
    }
    if (!nuvXNodeChild(def->tree, "mac")) {
        g_autofree char *mac = g_strdup_printf("52:54:00:%02x:%02x:%02x",
                                               g_random_int_range(0, 256),
                                               g_random_int_range(0, 256),
                                               g_random_int_range(0, 256));
        nuvXNodeSet(nuvXNodeEnsureChild(def->tree, "mac"), "address", mac);
    }
}

int
networkCheckConflicts(networkDriver *drv, const nuvNetworkDef *def)
{
    const char *br = bridgeName(def);
    GHashTableIter it;
    gpointer value;

    g_hash_table_iter_init(&it, drv->running);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        const nuvNetworkDef *o = value;
        networkIP a, b;

        if (strcmp(o->name, def->name) == 0)
            continue;
        if (networkHasOwnBridge(def) && br && g_strcmp0(nuvNetworkDefBridge(o), br) == 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "bridge name '%s' already in use.", br);
            return -1;
        }
        for (size_t x = 0; networkIPAt(def, x, &a); x++) {
            for (size_t y = 0; networkIPAt(o, y, &b); y++) {
                if (a.subnet[0] && strcmp(a.subnet, b.subnet) == 0) {
                    nuvReportError(VIR_ERR_INTERNAL_ERROR,
                                   "Network is already in use by interface %s",
                                   nuvNetworkDefBridge(o));
                    return -1;
                }
            }
        }
    }
    if (networkHasOwnBridge(def) && networkBridgeExists(br)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "bridge name '%s' already in use.", br);
        return -1;
    }
    return 0;
}

/* ---- the bridge ---- */

int
networkBridgeCreate(const nuvNetworkDef *def)
{
    const char *br = bridgeName(def);
    nuvXNode *brNode = nuvXNodeChild(def->tree, "bridge");
    nuvXNode *mtu = nuvXNodeChild(def->tree, "mtu");
    nuvXNode *mac = nuvXNodeChild(def->tree, "mac");
    const char *stp = brNode ? nuvXNodeGet(brNode, "stp") : NULL;
    const char *delay = brNode ? nuvXNodeGet(brNode, "delay") : NULL;
    g_autofree char *fwdDelay = g_strdup_printf("%lu",
                                                (delay ? strtoul(delay, NULL, 10) : 0) * 100);
    networkIP ip;

    {
        const char *argv[] = { "ip", "link", "add", br, "type", "bridge",
                               "stp_state", g_strcmp0(stp, "off") == 0 ? "0" : "1",
                               "forward_delay", fwdDelay, NULL };
        if (networkRun(argv, NULL) < 0)
            return -1;
    }
    if (mac && nuvXNodeGet(mac, "address")) {
        const char *argv[] = { "ip", "link", "set", br, "address",
                               nuvXNodeGet(mac, "address"), NULL };
        if (networkRun(argv, NULL) < 0)
            goto error;
    }
    if (mtu && nuvXNodeGet(mtu, "size")) {
        const char *argv[] = { "ip", "link", "set", br, "mtu", nuvXNodeGet(mtu, "size"), NULL };
        if (networkRun(argv, NULL) < 0)
            goto error;
    }
    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        g_autofree char *cidr = g_strdup_printf("%s/%u", ip.addr, ip.prefix);
        const char *argv[] = { "ip", ip.v6 ? "-6" : "-4", "addr", "add", cidr, "dev", br,
                               ip.v6 ? "nodad" : NULL, NULL };
        if (!ip.addr[0])
            continue;
        if (networkRun(argv, NULL) < 0)
            goto error;
    }
    {
        const char *argv[] = { "ip", "link", "set", br, "up", NULL };
        if (networkRun(argv, NULL) < 0)
            goto error;
    }
    return 0;

 error:
    networkBridgeRemove(def);
    return -1;
}

void
networkBridgeRemove(const nuvNetworkDef *def)
{
    const char *br = bridgeName(def);
    const char *argv[] = { "ip", "link", "del", br, "type", "bridge", NULL };
    virErrorPtr saved = nuvErrorPreserve();

    if (br && networkBridgeExists(br) && networkRun(argv, NULL) < 0)
        NUV_DEBUG("network: bridge '%s' not removed", br);
    nuvErrorRestore(&saved);
}
