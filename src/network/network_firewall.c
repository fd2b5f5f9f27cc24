/*
 * network_firewall.c: a virtual network's forwarding and NAT rules, with
 * nftables where the host has nft, else with iptables/ip6tables.
 *
 * Each rule is written once with both spellings side by side, so the two
 * backends can never disagree about what a network allows.  Nothing of
 * ours is mixed into the host's own rules:
 *  - nftables: one table per network (inet family, "nuvirt_NAME"),
 *    replaced in one transaction on start and deleted whole on stop;
 *  - iptables: chains of our own per network (NUV_IN_/NUV_FW_/NUV_PR_
 *    and a hash of its name), each reached by one jump from the built-in
 *    chain; start removes any left from before (a restarted driver never
 *    duplicates a rule), stop removes jumps and chains.
 */
#include <string.h>

#include "network/network_driver.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

typedef enum {
    FW_INPUT,                   /* filter, input: DHCP and DNS to dnsmasq */
    FW_FORWARD,                 /* filter, forward */
    FW_POSTROUTING,             /* nat, postrouting */
    FW_LAST
} fwChain;

typedef enum {
    FW_V4 = 1,
    FW_V6 = 2,
    FW_BOTH = 3,
} fwFamily;

typedef struct {
    fwChain chain;
    fwFamily family;
    char *nft;                  /* the rule in nft's syntax */
    char *ipt;                  /* iptables' arguments after -A CHAIN */
} fwRule;

static void
fwRuleFree(fwRule *r)
{
    g_free(r->nft);
    g_free(r->ipt);
    g_free(r);
}

static void G_GNUC_PRINTF(5, 6)
addRule(GPtrArray *rules, fwChain chain, fwFamily family, const char *nft,
        const char *iptFmt, ...)
{
    fwRule *r = g_new0(fwRule, 1);
    va_list ap;

    r->chain = chain;
    r->family = family;
    r->nft = g_strdup(nft);
    va_start(ap, iptFmt);
    r->ipt = g_strdup_vprintf(iptFmt, ap);
    va_end(ap);
    g_ptr_array_add(rules, r);
}

static void
forwardingOn(bool v6)
{
    const char *path = v6 ? "/proc/sys/net/ipv6/conf/all/forwarding"
                          : "/proc/sys/net/ipv4/ip_forward";
    /* as libvirt does, a routed or NATed network turns forwarding on */
    if (!g_file_set_contents(path, "1\n", -1, NULL))
        NUV_DEBUG("network: cannot turn on forwarding in '%s'", path);
}

/* The rules of @def, or NULL when its forward mode has none. */
static GPtrArray *
firewallRules(const nuvNetworkDef *def)
{
    const char *br = nuvNetworkDefBridge(def);
    nuvXNode *fwd = nuvXNodeChild(def->tree, "forward");
    const char *dev = fwd ? nuvXNodeGet(fwd, "dev") : NULL;
    g_autofree char *nOut = dev ? g_strdup_printf("oifname \"%s\" ", dev) : g_strdup("");
    g_autofree char *nIn = dev ? g_strdup_printf("iifname \"%s\" ", dev) : g_strdup("");
    g_autofree char *iOut = dev ? g_strdup_printf("-o %s ", dev) : g_strdup("");
    g_autofree char *iIn = dev ? g_strdup_printf("-i %s ", dev) : g_strdup("");
    GPtrArray *rules;
    int mode = def->forwardType;
    networkIP ip;

    if (!networkHasOwnBridge(def) || mode == NUV_NETWORK_FORWARD_OPEN)
        return NULL;
    rules = g_ptr_array_new_with_free_func((GDestroyNotify) fwRuleFree);
    {
        g_autofree char *n1 = g_strdup_printf("iifname \"%s\" udp dport { 53, 67, 547 } accept",
                                              br);
        g_autofree char *n2 = g_strdup_printf("iifname \"%s\" tcp dport 53 accept", br);
        addRule(rules, FW_INPUT, FW_BOTH, n1,
                "-i %s -p udp -m multiport --dports 53,67,547 -j ACCEPT", br);
        addRule(rules, FW_INPUT, FW_BOTH, n2, "-i %s -p tcp --dport 53 -j ACCEPT", br);
    }
    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        const char *fam = ip.v6 ? "ip6" : "ip";
        fwFamily f = ip.v6 ? FW_V6 : FW_V4;
        g_autofree char *n = NULL;

        if (!ip.subnet[0])
            continue;
        if (mode == NUV_NETWORK_FORWARD_NAT || mode == NUV_NETWORK_FORWARD_ROUTE) {
            forwardingOn(ip.v6);
            n = g_strdup_printf("iifname \"%s\" %s%s saddr %s accept", br, nOut, fam, ip.subnet);
            addRule(rules, FW_FORWARD, f, n, "-i %s %s-s %s -j ACCEPT", br, iOut, ip.subnet);
            g_clear_pointer(&n, g_free);
        }
        if (mode == NUV_NETWORK_FORWARD_ROUTE || (mode == NUV_NETWORK_FORWARD_NAT && ip.v6)) {
            n = g_strdup_printf("%soifname \"%s\" %s daddr %s accept", nIn, br, fam, ip.subnet);
            addRule(rules, FW_FORWARD, f, n, "%s-o %s -d %s -j ACCEPT", iIn, br, ip.subnet);
            g_clear_pointer(&n, g_free);
        }
        if (mode == NUV_NETWORK_FORWARD_NAT && !ip.v6) {
            const char *s = ip.subnet;
            n = g_strdup_printf("%soifname \"%s\" ip daddr %s ct state related,established "
                                "accept", nIn, br, s);
            addRule(rules, FW_FORWARD, f, n, "%s-o %s -d %s -m conntrack --ctstate "
                    "RELATED,ESTABLISHED -j ACCEPT", iIn, br, s);
            g_clear_pointer(&n, g_free);
            n = g_strdup_printf("ip saddr %s ip daddr 224.0.0.0/24 return", s);
            addRule(rules, FW_POSTROUTING, f, n, "-s %s -d 224.0.0.0/24 -j RETURN", s);
            g_clear_pointer(&n, g_free);
            n = g_strdup_printf("ip saddr %s ip daddr 255.255.255.255 return", s);
            addRule(rules, FW_POSTROUTING, f, n, "-s %s -d 255.255.255.255/32 -j RETURN", s);
            g_clear_pointer(&n, g_free);
            /* ports of masqueraded TCP and UDP stay unprivileged; iptables
             * needs one rule per protocol for that */
            n = g_strdup_printf("%sip saddr %s ip daddr != %s meta l4proto { tcp, udp } "
                                "masquerade to :1024-65535", nOut, s, s);
            addRule(rules, FW_POSTROUTING, f, n, "%s-s %s ! -d %s -p tcp -j MASQUERADE "
                    "--to-ports 1024-65535", iOut, s, s);
            addRule(rules, FW_POSTROUTING, f, NULL, "%s-s %s ! -d %s -p udp -j MASQUERADE "
                    "--to-ports 1024-65535", iOut, s, s);
            g_clear_pointer(&n, g_free);
            n = g_strdup_printf("%sip saddr %s ip daddr != %s masquerade", nOut, s, s);
            addRule(rules, FW_POSTROUTING, f, n, "%s-s %s ! -d %s -j MASQUERADE", iOut, s, s);
        }
    }
    {
        g_autofree char *n1 = g_strdup_printf("iifname \"%s\" oifname \"%s\" accept", br, br);
        g_autofree char *n2 = g_strdup_printf("iifname \"%s\" reject", br);
        g_autofree char *n3 = g_strdup_printf("oifname \"%s\" reject", br);
        addRule(rules, FW_FORWARD, FW_BOTH, n1, "-i %s -o %s -j ACCEPT", br, br);
        addRule(rules, FW_FORWARD, FW_BOTH, n2, "-i %s -j REJECT", br);
        addRule(rules, FW_FORWARD, FW_BOTH, n3, "-o %s -j REJECT", br);
    }
    return rules;
}

static bool
have(const char *prog)
{
    g_autofree char *path = g_find_program_in_path(prog);
    return path != NULL;
}

/* ---- nftables ---- */

static char *
tableName(const nuvNetworkDef *def)
{
    g_autofree char *name = g_strdup(def->name);
    for (char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_')
            *p = '_';
    }
    return g_strdup_printf("nuvirt_%s", name);
}

static char *
nftRuleset(const nuvNetworkDef *def, GPtrArray *rules)
{
    static const char *const heads[FW_LAST] = {
        "  chain input {\n    type filter hook input priority 0; policy accept;\n",
        "  chain forward {\n    type filter hook forward priority 0; policy accept;\n",
        "  chain postrouting {\n    type nat hook postrouting priority 100; policy accept;\n",
    };
    g_autofree char *table = tableName(def);
    GString *x = g_string_new(NULL);

    g_string_append_printf(x, "table inet %s {\n", table);
    for (int c = 0; c < FW_LAST; c++) {
        bool any = false;
        for (guint i = 0; i < rules->len; i++) {
            fwRule *r = g_ptr_array_index(rules, i);
            if ((int) r->chain != c || !r->nft)
                continue;
            if (!any)
                g_string_append(x, heads[c]);
            any = true;
            g_string_append_printf(x, "    %s\n", r->nft);
        }
        if (any)
            g_string_append(x, "  }\n");
    }
    g_string_append(x, "}\n");
    return g_string_free(x, FALSE);
}

/* ---- iptables ---- */

static const char *const iptTables[FW_LAST] = { "filter", "filter", "nat" };
static const char *const iptBuiltin[FW_LAST] = { "INPUT", "FORWARD", "POSTROUTING" };
static const char *const iptPrefix[FW_LAST] = { "NUV_IN_", "NUV_FW_", "NUV_PR_" };

static char *
iptChain(const nuvNetworkDef *def, fwChain c)
{
    /* chain names are at most 28 characters: the network's name is hashed */
    return g_strdup_printf("%s%08x", iptPrefix[c], g_str_hash(def->name));
}

static int
ipt(const char *prog, const char *table, const char *args, bool quiet)
{
    g_autofree char *line = g_strdup_printf("%s -w -t %s %s", prog, table, args);
    g_auto(GStrv) argv = g_strsplit(line, " ", -1);
    int ret;

    if (!quiet)
        return networkRun((const char *const *) argv, NULL);
    {
        virErrorPtr saved = nuvErrorPreserve();
        ret = networkRun((const char *const *) argv, NULL);
        nuvErrorRestore(&saved);
    }
    return ret;
}

static void
iptRemoveFamily(const nuvNetworkDef *def, const char *prog)
{
    for (int c = 0; c < FW_LAST; c++) {
        g_autofree char *chain = iptChain(def, c);
        g_autofree char *jump = g_strdup_printf("-D %s -j %s", iptBuiltin[c], chain);
        g_autofree char *flush = g_strdup_printf("-F %s", chain);
        g_autofree char *del = g_strdup_printf("-X %s", chain);

        /* nothing there is no error: these undo whatever a start made */
        while (ipt(prog, iptTables[c], jump, true) == 0)
            ;
        ipt(prog, iptTables[c], flush, true);
        ipt(prog, iptTables[c], del, true);
    }
}

static int
iptApplyFamily(const nuvNetworkDef *def, GPtrArray *rules, fwFamily family, const char *prog)
{
    bool used[FW_LAST] = { false };

    iptRemoveFamily(def, prog);
    for (guint i = 0; i < rules->len; i++) {
        fwRule *r = g_ptr_array_index(rules, i);
        if (r->family & family)
            used[r->chain] = true;
    }
    for (int c = 0; c < FW_LAST; c++) {
        g_autofree char *chain = iptChain(def, c);
        g_autofree char *create = g_strdup_printf("-N %s", chain);
        g_autofree char *jump = g_strdup_printf("-I %s -j %s", iptBuiltin[c], chain);
        if (!used[c])
            continue;
        if (ipt(prog, iptTables[c], create, false) < 0 ||
            ipt(prog, iptTables[c], jump, false) < 0)
            return -1;
    }
    for (guint i = 0; i < rules->len; i++) {
        fwRule *r = g_ptr_array_index(rules, i);
        g_autofree char *chain = NULL;
        g_autofree char *args = NULL;
        if (!(r->family & family))
            continue;
        chain = iptChain(def, r->chain);
        args = g_strdup_printf("-A %s %s", chain, r->ipt);
        if (ipt(prog, iptTables[r->chain], args, false) < 0)
            return -1;
    }
    return 0;
}

static bool
hasV6(const nuvNetworkDef *def)
{
    networkIP ip;

    for (size_t i = 0; networkIPAt(def, i, &ip); i++) {
        if (ip.v6 && ip.subnet[0])
            return true;
    }
    return false;
}

static int
iptApply(const nuvNetworkDef *def, GPtrArray *rules)
{
    bool v6 = have("ip6tables");

    if (!have("iptables")) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "%s",
                       "the network's forwarding rules need nft (nftables) or iptables, "
                       "and this host has neither");
        return -1;
    }
    if (!v6 && hasV6(def)) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "network '%s' has IPv6 addresses, whose rules "
                       "need nft or ip6tables, not found", def->name);
        return -1;
    }
    if (iptApplyFamily(def, rules, FW_V4, "iptables") < 0 ||
        (v6 && iptApplyFamily(def, rules, FW_V6, "ip6tables") < 0)) {
        /* nothing half-made */
        virErrorPtr saved = nuvErrorPreserve();
        iptRemoveFamily(def, "iptables");
        if (v6)
            iptRemoveFamily(def, "ip6tables");
        nuvErrorRestore(&saved);
        return -1;
    }
    return 0;
}

/* ---- the driver's entry points ---- */

int
networkFirewallApply(const nuvNetworkDef *def)
{
    g_autoptr(GPtrArray) rules = firewallRules(def);
    g_autofree char *table = NULL;
    g_autofree char *ruleset = NULL;
    g_autofree char *script = NULL;
    const char *argv[] = { "nft", "-f", "-", NULL };

    if (!rules)
        return 0;
    if (!have("nft"))
        return iptApply(def, rules);
    table = tableName(def);
    ruleset = nftRuleset(def, rules);
    /* add-then-delete makes the delete valid whether or not the table is
     * there; the new one follows in the same transaction */
    script = g_strdup_printf("table inet %s\ndelete table inet %s\n%s", table, table, ruleset);
    return networkRun(argv, script);
}

void
networkFirewallRemove(const nuvNetworkDef *def)
{
    g_autoptr(GPtrArray) rules = firewallRules(def);
    virErrorPtr saved;

    if (!rules)
        return;
    saved = nuvErrorPreserve();
    if (have("nft")) {
        g_autofree char *table = tableName(def);
        const char *argv[] = { "nft", "delete", "table", "inet", table, NULL };
        if (networkRun(argv, NULL) < 0)
            NUV_DEBUG("network: table '%s' not removed", table);
    } else if (have("iptables")) {
        iptRemoveFamily(def, "iptables");
        if (have("ip6tables"))
            iptRemoveFamily(def, "ip6tables");
    }
    nuvErrorRestore(&saved);
}
