/*
 * interface_def.c: host interface XML, read the way libvirt reads it
 * (first matching element wins, unknown content ignored) and written in
 * libvirt's order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf/interface_def.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_INTERFACE

static const char *const typeNames[NUV_INTERFACE_LAST] = {
    "ethernet", "bridge", "bond", "vlan",
};
static const char *const startNames[] = { NULL, "none", "onboot", "hotplug" };
static const char *const bondModeNames[] = {
    NULL, "balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad",
    "balance-tlb", "balance-alb",
};
static const char *const carrierNames[] = { NULL, "ioctl", "netif" };
static const char *const validateNames[] = { NULL, "active", "backup", "all" };
/* libvirt's network device link states; index 0 is "no state". */
static const char *const linkStateNames[] = {
    "", "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up",
};

enum { MONITOR_NONE, MONITOR_MII, MONITOR_ARP };

static int
nameIndex(const char *const *names, size_t n, const char *str)
{
    for (size_t i = 0; i < n; i++) {
        if (names[i] && strcmp(names[i], str) == 0)
            return i;
    }
    return -1;
}

static void
ipFree(nuvInterfaceIP *ip)
{
    if (!ip)
        return;
    g_free(ip->address);
    g_free(ip);
}

static void
protoFree(nuvInterfaceProtocol *p)
{
    if (!p)
        return;
    g_free(p->family);
    g_free(p->gateway);
    if (p->ips)
        g_ptr_array_unref(p->ips);
    g_free(p);
}

void
nuvInterfaceDefFree(nuvInterfaceDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->mac);
    g_free(def->delay);
    g_free(def->target);
    g_free(def->tag);
    g_free(def->vlanDev);
    if (def->protos)
        g_ptr_array_unref(def->protos);
    if (def->members)
        g_ptr_array_unref(def->members);
    g_free(def);
}

static nuvInterfaceDef *
defNew(void)
{
    nuvInterfaceDef *def = g_new0(nuvInterfaceDef, 1);

    def->stp = -1;
    def->protos = g_ptr_array_new_with_free_func((GDestroyNotify) protoFree);
    def->members = g_ptr_array_new_with_free_func((GDestroyNotify) nuvInterfaceDefFree);
    return def;
}

/* ---- small readers ---- */

static char *
prop(xmlNodePtr node, const char *name)
{
    return (char *) xmlGetNoNsProp(node, BAD_CAST name);
}

/* The first element child of @node called @name. */
static xmlNodePtr
child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    }
    return NULL;
}

/* XPath's string(./elem/@attr): the attribute of the first <elem> that
 * has it, or NULL; an empty value counts as absent, as libvirt's XPath
 * helpers treat it. */
static char *
childProp(xmlNodePtr node, const char *elem, const char *attr)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST elem)) {
            char *v = prop(c, attr);
            if (v)
                return v;
        }
    }
    return NULL;
}

static void
xmlPropError(const char *attr, const char *elem, const char *val, const char *what)
{
    nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                       "Invalid value for attribute '%s' in element '%s': '%s'.%s%s",
                       attr, elem, val, what ? " " : "", what ? what : "");
}

/* libvirt's unsigned decimal reading: blanks before, no sign, no tail. */
static bool
parseULong(const char *s, unsigned long *out)
{
    char *end;
    const char *p = s;

    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    if (*p == '-' || !*p)
        return false;
    errno = 0;
    *out = strtoul(p, &end, 10);
    return !errno && end != p && !*end;
}

static bool
parseInt(const char *s, int base, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, base);
    if (errno || end == s || *end || v < G_MININT || v > G_MAXINT)
        return false;
    *out = v;
    return true;
}

/* virXPathInt semantics: 0 ok, -1 absent, -2 not a number. */
static int
childInt(xmlNodePtr node, const char *elem, const char *attr, int *out)
{
    g_autofree char *v = childProp(node, elem, attr);

    if (!v || !*v)
        return -1;
    return parseInt(v, 10, out) ? 0 : -2;
}

/* ---- parsing ---- */

static int
parseDhcp(nuvInterfaceProtocol *p, xmlNodePtr dhcp)
{
    g_autofree char *v = prop(dhcp, "peerdns");

    p->dhcp = true;
    p->peerdns = -1;
    if (v) {
        if (strcmp(v, "yes") == 0) {
            p->peerdns = 1;
        } else if (strcmp(v, "no") == 0) {
            p->peerdns = 0;
        } else {
            xmlPropError("peerdns", "dhcp", v, NULL);
            return -1;
        }
    }
    return 0;
}

static int
parseProtocol(nuvInterfaceDef *def, xmlNodePtr pnode)
{
    nuvInterfaceProtocol *p = g_new0(nuvInterfaceProtocol, 1);
    xmlNodePtr n;

    p->ips = g_ptr_array_new_with_free_func((GDestroyNotify) ipFree);
    p->peerdns = -1;
    g_ptr_array_add(def->protos, p);

    if (!(p->family = prop(pnode, "family"))) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "protocol misses the family attribute");
        return -1;
    }
    if (strcmp(p->family, "ipv4") != 0 && strcmp(p->family, "ipv6") != 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "unsupported protocol family '%s'", p->family);
        return -1;
    }
    if ((n = child(pnode, "route")))
        p->gateway = prop(n, "gateway");
    if (strcmp(p->family, "ipv6") == 0 && child(pnode, "autoconf"))
        p->autoconf = true;
    if ((n = child(pnode, "dhcp")) && parseDhcp(p, n) < 0)
        return -1;
    for (xmlNodePtr c = pnode->children; c; c = c->next) {
        nuvInterfaceIP *ip;
        g_autofree char *prefix = NULL;

        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "ip"))
            continue;
        ip = g_new0(nuvInterfaceIP, 1);
        g_ptr_array_add(p->ips, ip);
        if (!(ip->address = prop(c, "address")))
            continue;
        if ((prefix = prop(c, "prefix")) && !parseInt(prefix, 0, &ip->prefix)) {
            xmlPropError("prefix", "ip", prefix, "Expected integer value");
            return -1;
        }
    }
    return 0;
}

static int
parseTop(nuvInterfaceDef *def, xmlNodePtr node)
{
    g_autofree char *mode = childProp(node, "start", "mode");
    g_autofree char *mtu = childProp(node, "mtu", "size");

    if (mode) {
        int m = nameIndex(startNames, G_N_ELEMENTS(startNames), mode);
        if (m < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "unknown interface startmode %s", mode);
            return -1;
        }
        def->startmode = m;
    }
    if (mtu && *mtu) {
        unsigned long v;
        if (!parseULong(mtu, &v)) {
            /* libvirt fails here without saying why */
            nuvErrorReportRawFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__, __func__,
                                  __LINE__, "%s", "An error occurred, but the cause is unknown");
            return -1;
        }
        if (v > 100000) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "value of the 'size' attribute of 'mtu' element must be at most "
                           "100000");
            return -1;
        }
        def->mtu = v;
    }
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "protocol") &&
            parseProtocol(def, c) < 0)
            return -1;
    }
    return 0;
}

static int
parseLink(nuvInterfaceDef *def, xmlNodePtr lnk)
{
    g_autofree char *state = prop(lnk, "state");
    g_autofree char *speed = prop(lnk, "speed");

    if (state) {
        int s = nameIndex(linkStateNames, G_N_ELEMENTS(linkStateNames), state);
        if (s < 0) {
            xmlPropError("state", "link", state, NULL);
            return -1;
        }
        def->linkState = s;
    }
    if (speed) {
        unsigned long v;
        if (!parseULong(speed, &v) || v > G_MAXUINT) {
            xmlPropError("speed", "link", speed, "Expected non-negative integer value");
            return -1;
        }
        def->linkSpeed = v;
    }
    return 0;
}

static nuvInterfaceDef *parseOne(xmlNodePtr node, int parentType);

static int
parseMembers(nuvInterfaceDef *def, xmlNodePtr parent)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        nuvInterfaceDef *m;

        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "interface"))
            continue;
        if (!(m = parseOne(c, def->type)))
            return -1;
        g_ptr_array_add(def->members, m);
    }
    return 0;
}

static int
parseBond(nuvInterfaceDef *def, xmlNodePtr bond)
{
    g_autofree char *mode = prop(bond, "mode");
    int rc;

    if (mode) {
        int m = nameIndex(bondModeNames, G_N_ELEMENTS(bondModeNames), mode);
        if (m < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "unknown bonding mode %s", mode);
            return -1;
        }
        def->bondMode = m;
    }
    if (parseMembers(def, bond) < 0)
        return -1;

    if (child(bond, "miimon")) {
        g_autofree char *carrier = NULL;

        def->monitor = MONITOR_MII;
        if (childInt(bond, "miimon", "freq", &def->freq) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface miimon freq missing or invalid");
            return -1;
        }
        if (childInt(bond, "miimon", "downdelay", &def->downdelay) == -2) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface miimon downdelay invalid");
            return -1;
        }
        if (childInt(bond, "miimon", "updelay", &def->updelay) == -2) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface miimon updelay invalid");
            return -1;
        }
        if ((carrier = childProp(bond, "miimon", "carrier"))) {
            if ((def->carrier = nameIndex(carrierNames, G_N_ELEMENTS(carrierNames), carrier)) < 0) {
                nuvReportError(VIR_ERR_XML_ERROR, "unknown mii bonding carrier %s", carrier);
                return -1;
            }
        }
    } else if (child(bond, "arpmon")) {
        g_autofree char *validate = NULL;

        def->monitor = MONITOR_ARP;
        if ((rc = childInt(bond, "arpmon", "interval", &def->interval)) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "bond interface arpmon interval missing or invalid");
            return -1;
        }
        if (!(def->target = childProp(bond, "arpmon", "target"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface arpmon target missing");
            return -1;
        }
        if ((validate = childProp(bond, "arpmon", "validate"))) {
            def->validate = nameIndex(validateNames, G_N_ELEMENTS(validateNames), validate);
            if (def->validate < 0) {
                nuvReportError(VIR_ERR_XML_ERROR, "unknown arp bonding validate %s", validate);
                return -1;
            }
        }
    }
    return 0;
}

static nuvInterfaceDef *
parseOne(xmlNodePtr node, int parentType)
{
    g_autoptr(nuvInterfaceDef) def = NULL;
    g_autofree char *type = prop(node, "type");
    xmlNodePtr n;
    int t;

    if (!type) {
        nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                           "Missing required attribute '%s' in element '%s'",
                           "type", "interface");
        return NULL;
    }
    if ((t = nameIndex(typeNames, NUV_INTERFACE_LAST, type)) < 0) {
        xmlPropError("type", "interface", type, NULL);
        return NULL;
    }
    /* Which members each kind may hold. */
    if ((parentType == NUV_INTERFACE_BOND && t != NUV_INTERFACE_ETHERNET) ||
        (parentType == NUV_INTERFACE_BRIDGE && t == NUV_INTERFACE_BRIDGE) ||
        parentType == NUV_INTERFACE_ETHERNET || parentType == NUV_INTERFACE_VLAN) {
        nuvReportError(VIR_ERR_XML_ERROR, "interface has unsupported type '%s'", type);
        return NULL;
    }

    def = defNew();
    def->type = t;
    if (!(def->name = prop(node, "name"))) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "interface has no name");
        return NULL;
    }
    /* start mode, MTU and addressing belong to the top-level interface;
     * members inherit them */
    if (parentType == NUV_INTERFACE_LAST && parseTop(def, node) < 0)
        return NULL;
    if (t != NUV_INTERFACE_BRIDGE && (n = child(node, "link")) && parseLink(def, n) < 0)
        return NULL;

    switch (t) {
    case NUV_INTERFACE_ETHERNET:
        def->mac = childProp(node, "mac", "address");
        break;
    case NUV_INTERFACE_BRIDGE: {
        g_autofree char *stp = NULL;

        if (!(n = child(node, "bridge"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bridge interface misses the bridge element");
            return NULL;
        }
        /* libvirt complains of a bad stp value but goes on without it */
        if ((stp = prop(n, "stp")))
            def->stp = strcmp(stp, "on") == 0 ? 1 : strcmp(stp, "off") == 0 ? 0 : -1;
        def->delay = prop(n, "delay");
        if (parseMembers(def, n) < 0)
            return NULL;
        break;
    }
    case NUV_INTERFACE_BOND:
        if (!(n = child(node, "bond"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface misses the bond element");
            return NULL;
        }
        if (parseBond(def, n) < 0)
            return NULL;
        break;
    case NUV_INTERFACE_VLAN:
        if (!(n = child(node, "vlan"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "vlan interface misses the vlan element");
            return NULL;
        }
        if (!(def->tag = prop(n, "tag"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "vlan interface misses the tag attribute");
            return NULL;
        }
        if (!(def->vlanDev = childProp(n, "interface", "name"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "vlan interface misses name attribute");
            return NULL;
        }
        break;
    }
    return g_steal_pointer(&def);
}

/* What VIR_INTERFACE_DEFINE_VALIDATE checks: every element is one the
 * format has, where it may appear. */
static const struct {
    const char *parent;
    const char *const kids[12];
} validKids[] = {
    { "interface", { "start", "mtu", "protocol", "link", "mac", "bridge", "bond", "vlan", NULL } },
    { "protocol", { "autoconf", "dhcp", "ip", "route", NULL } },
    { "bridge", { "interface", NULL } },
    { "bond", { "interface", "miimon", "arpmon", NULL } },
    { "vlan", { "interface", NULL } },
};

static const char *
validateTree(xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        bool ok = false;
        const char *bad;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (size_t i = 0; i < G_N_ELEMENTS(validKids); i++) {
            if (!xmlStrEqual(node->name, BAD_CAST validKids[i].parent))
                continue;
            for (size_t j = 0; validKids[i].kids[j]; j++) {
                if (xmlStrEqual(c->name, BAD_CAST validKids[i].kids[j]))
                    ok = true;
            }
        }
        if (!ok)
            return (const char *) c->name;
        if ((bad = validateTree(c)))
            return bad;
    }
    return NULL;
}

nuvInterfaceDef *
nuvInterfaceDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    if (!(doc = nuvXMLParseString(xml, "(interface_definition)", "interface"))) {
        /* the reader files errors under the domain error domain; libvirt
         * files a malformed document under interfaces and a wrong root
         * under its XML helpers */
        virErrorPtr err = nuvErrorCurrent();
        if (err && err->domain == VIR_FROM_DOMAIN)
            err->domain = err->code == VIR_ERR_XML_ERROR ? VIR_FROM_XML : VIR_FROM_INTERFACE;
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    if (flags & NUV_INTERFACE_DEF_PARSE_VALIDATE) {
        const char *bad = validateTree(root);
        if (bad) {
            nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA, __FILE__, __func__,
                               __LINE__, "Element %s has extra content: %s",
                               (const char *) root->name, bad);
            return NULL;
        }
    }
    return parseOne(root, NUV_INTERFACE_LAST);
}

/* ---- formatting ---- */

static void
formatProtocols(GString *buf, const nuvInterfaceDef *def, int depth)
{
    for (guint i = 0; i < def->protos->len; i++) {
        nuvInterfaceProtocol *p = g_ptr_array_index(def->protos, i);

        nuvXMLIndent(buf, depth);
        g_string_append_printf(buf, "<protocol family='%s'>\n", p->family);
        if (p->autoconf) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append(buf, "<autoconf/>\n");
        }
        if (p->dhcp) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append(buf, p->peerdns == 0 ? "<dhcp peerdns='no'/>\n" :
                                 p->peerdns == 1 ? "<dhcp peerdns='yes'/>\n" : "<dhcp/>\n");
        }
        for (guint j = 0; j < p->ips->len; j++) {
            nuvInterfaceIP *ip = g_ptr_array_index(p->ips, j);
            if (!ip->address)
                continue;
            nuvXMLIndent(buf, depth + 1);
            g_string_append_printf(buf, "<ip address='%s'", ip->address);
            if (ip->prefix != 0)
                g_string_append_printf(buf, " prefix='%d'", ip->prefix);
            g_string_append(buf, "/>\n");
        }
        if (p->gateway) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append_printf(buf, "<route gateway='%s'/>\n", p->gateway);
        }
        nuvXMLIndent(buf, depth);
        g_string_append(buf, "</protocol>\n");
    }
}

static void formatOne(GString *buf, const nuvInterfaceDef *def, int depth, bool top);

static void
formatMembers(GString *buf, const nuvInterfaceDef *def, int depth)
{
    for (guint i = 0; i < def->members->len; i++)
        formatOne(buf, g_ptr_array_index(def->members, i), depth, false);
}

/* Values other than the name are written as given, unescaped, as libvirt
 * writes them. */
static void
formatOne(GString *buf, const nuvInterfaceDef *def, int depth, bool top)
{
    nuvXMLIndent(buf, depth);
    g_string_append_printf(buf, "<interface type='%s' ", typeNames[def->type]);
    if (def->name) {
        g_string_append(buf, "name='");
        nuvXMLEscapeAttr(buf, def->name);
        g_string_append(buf, "'");
    }
    g_string_append(buf, ">\n");

    if (top) {
        if (def->startmode) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append_printf(buf, "<start mode='%s'/>\n", startNames[def->startmode]);
        }
        if (def->mtu) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append_printf(buf, "<mtu size='%u'/>\n", def->mtu);
        }
        formatProtocols(buf, def, depth + 1);
    }
    if (def->type != NUV_INTERFACE_BRIDGE && (def->linkSpeed || def->linkState)) {
        nuvXMLIndent(buf, depth + 1);
        g_string_append(buf, "<link");
        if (def->linkSpeed)
            g_string_append_printf(buf, " speed='%u'", def->linkSpeed);
        if (def->linkState)
            g_string_append_printf(buf, " state='%s'", linkStateNames[def->linkState]);
        g_string_append(buf, "/>\n");
    }

    switch (def->type) {
    case NUV_INTERFACE_ETHERNET:
        if (def->mac) {
            nuvXMLIndent(buf, depth + 1);
            g_string_append_printf(buf, "<mac address='%s'/>\n", def->mac);
        }
        break;
    case NUV_INTERFACE_BRIDGE:
        nuvXMLIndent(buf, depth + 1);
        g_string_append(buf, "<bridge");
        if (def->stp >= 0)
            g_string_append_printf(buf, " stp='%s'", def->stp ? "on" : "off");
        if (def->delay)
            g_string_append_printf(buf, " delay='%s'", def->delay);
        g_string_append(buf, ">\n");
        formatMembers(buf, def, depth + 2);
        nuvXMLIndent(buf, depth + 1);
        g_string_append(buf, "</bridge>\n");
        break;
    case NUV_INTERFACE_BOND:
        nuvXMLIndent(buf, depth + 1);
        g_string_append(buf, "<bond");
        if (def->bondMode)
            g_string_append_printf(buf, " mode='%s'", bondModeNames[def->bondMode]);
        g_string_append(buf, ">\n");
        if (def->monitor == MONITOR_MII) {
            nuvXMLIndent(buf, depth + 2);
            g_string_append_printf(buf, "<miimon freq='%d'", def->freq);
            if (def->downdelay > 0)
                g_string_append_printf(buf, " downdelay='%d'", def->downdelay);
            if (def->updelay > 0)
                g_string_append_printf(buf, " updelay='%d'", def->updelay);
            if (def->carrier)
                g_string_append_printf(buf, " carrier='%s'", carrierNames[def->carrier]);
            g_string_append(buf, "/>\n");
        } else if (def->monitor == MONITOR_ARP) {
            nuvXMLIndent(buf, depth + 2);
            g_string_append_printf(buf, "<arpmon interval='%d' target='%s'", def->interval,
                                   def->target);
            if (def->validate)
                g_string_append_printf(buf, " validate='%s'", validateNames[def->validate]);
            g_string_append(buf, "/>\n");
        }
        formatMembers(buf, def, depth + 2);
        nuvXMLIndent(buf, depth + 1);
        g_string_append(buf, "</bond>\n");
        break;
    case NUV_INTERFACE_VLAN:
        nuvXMLIndent(buf, depth + 1);
        g_string_append_printf(buf, "<vlan tag='%s'", def->tag);
        if (def->vlanDev) {
            g_string_append(buf, ">\n");
            nuvXMLIndent(buf, depth + 2);
            g_string_append_printf(buf, "<interface name='%s'/>\n", def->vlanDev);
            nuvXMLIndent(buf, depth + 1);
            g_string_append(buf, "</vlan>\n");
        } else {
            g_string_append(buf, "/>\n");
        }
        break;
    }
    nuvXMLIndent(buf, depth);
    g_string_append(buf, "</interface>\n");
}

char *
nuvInterfaceDefFormat(const nuvInterfaceDef *def)
{
    GString *buf = g_string_new(NULL);

    formatOne(buf, def, 0, true);
    return g_string_free(buf, FALSE);
}

/* A deep copy, field by field (values written unescaped, as libvirt
 * writes them, may not read back). */
nuvInterfaceDef *
nuvInterfaceDefCopy(const nuvInterfaceDef *def)
{
    nuvInterfaceDef *copy;

    copy = defNew();
    copy->type = def->type;
    copy->name = g_strdup(def->name);
    copy->startmode = def->startmode;
    copy->mtu = def->mtu;
    copy->mac = g_strdup(def->mac);
    copy->linkSpeed = def->linkSpeed;
    copy->linkState = def->linkState;
    for (guint i = 0; i < def->protos->len; i++) {
        nuvInterfaceProtocol *p = g_ptr_array_index(def->protos, i);
        nuvInterfaceProtocol *q = g_new0(nuvInterfaceProtocol, 1);
        q->family = g_strdup(p->family);
        q->autoconf = p->autoconf;
        q->dhcp = p->dhcp;
        q->peerdns = p->peerdns;
        q->gateway = g_strdup(p->gateway);
        q->ips = g_ptr_array_new_with_free_func((GDestroyNotify) ipFree);
        for (guint j = 0; j < p->ips->len; j++) {
            nuvInterfaceIP *ip = g_ptr_array_index(p->ips, j);
            nuvInterfaceIP *ip2 = g_new0(nuvInterfaceIP, 1);
            ip2->address = g_strdup(ip->address);
            ip2->prefix = ip->prefix;
            g_ptr_array_add(q->ips, ip2);
        }
        g_ptr_array_add(copy->protos, q);
    }
    copy->stp = def->stp;
    copy->delay = g_strdup(def->delay);
    copy->bondMode = def->bondMode;
    copy->monitor = def->monitor;
    copy->freq = def->freq;
    copy->downdelay = def->downdelay;
    copy->updelay = def->updelay;
    copy->carrier = def->carrier;
    copy->interval = def->interval;
    copy->validate = def->validate;
    copy->target = g_strdup(def->target);
    copy->tag = g_strdup(def->tag);
    copy->vlanDev = g_strdup(def->vlanDev);
    for (guint i = 0; i < def->members->len; i++)
        g_ptr_array_add(copy->members, nuvInterfaceDefCopy(g_ptr_array_index(def->members, i)));
    return copy;
}
