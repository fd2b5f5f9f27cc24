/*
 * network_def.c: network XML parse, normalise, format and section updates.
 */
#include <string.h>
#include <arpa/inet.h>

#include "conf/network_def.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

void
nuvNetworkDefFree(nuvNetworkDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    nuvXNodeFree(def->tree);
    g_free(def);
}

nuvNetworkDef *
nuvNetworkDefCopy(const nuvNetworkDef *def)
{
    nuvNetworkDef *copy = g_new0(nuvNetworkDef, 1);

    copy->name = g_strdup(def->name);
    memcpy(copy->uuid, def->uuid, VIR_UUID_BUFLEN);
    copy->forwardType = def->forwardType;
    copy->tree = nuvXNodeCopy(def->tree);
    return copy;
}

/* ---- small value helpers ---- */

static char *
stripped(const char *s)
{
    return s ? g_strstrip(g_strdup(s)) : NULL;
}

/* Parse an IPv4 or IPv6 address into a canonical 16-byte form plus its
 * family; false when it is neither. */
typedef struct {
    int family;
    unsigned char bytes[16];
} ipAddr;

static bool
ipParse(const char *str, ipAddr *addr)
{
    memset(addr, 0, sizeof(*addr));
    if (!str)
        return false;
    /* the short IPv4 forms ("10.1") are accepted, as getaddrinfo does */
    if (inet_aton(str, (struct in_addr *) addr->bytes) == 1) {
        addr->family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, str, addr->bytes) == 1) {
        addr->family = AF_INET6;
        return true;
    }
    return false;
}

static bool
ipEqualStr(const char *a, const char *b)
{
    ipAddr x, y;

    if (!ipParse(a, &x) || !ipParse(b, &y))
        return false;
    return x.family == y.family && memcmp(x.bytes, y.bytes, sizeof(x.bytes)) == 0;
}

/* MAC comparison ignores case, as libvirt compares parsed addresses. */
static bool
macEqual(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

static const char *
ipFamilyName(int family)
{
    return family == AF_INET6 ? "ipv6" : "ipv4";
}

/* ---- normalisation after parsing ---- */

static void
stripRuntime(nuvXNode *node)
{
    const nuvXSElem *e = &node->table[node->elem];

    /* connection counts are live state, never read from a definition */
    for (size_t i = 0; e->attrs && e->attrs[i].name; i++) {
        if (strcmp(e->attrs[i].name, "connections") == 0)
            nuvXNodeSet(node, "connections", NULL);
    }
    for (guint i = 0; node->children && i < node->children->len; i++)
        stripRuntime(g_ptr_array_index(node->children, i));
}

static int
checkYesNo(nuvXNode *node, const char *attr, const char *what, const char *netname)
{
    const char *v = nuvXNodeGet(node, attr);

    if (v && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "Invalid %s setting '%s' in network '%s'",
                       what, v, netname);
        return -1;
    }
    return 0;
}

/* The forward dev attribute written back: the first interface's device,
 * unless the network forwards through a PF. */
static void
syncForwardDev(nuvXNode *fwd)
{
    nuvXNode *first;

    if (!fwd)
        return;
    first = nuvXNodeChild(fwd, "interface");
    if (nuvXNodeChild(fwd, "pf") || !first || nuvXNodeChild(fwd, "address"))
        nuvXNodeSet(fwd, "dev", NULL);
    else
        nuvXNodeSet(fwd, "dev", nuvXNodeGet(first, "dev"));
}

static int
normaliseForward(nuvNetworkDef *def, nuvXNode *fwd)
{
    const char *mode = nuvXNodeGet(fwd, "mode");
    g_autofree char *dev = g_strdup(nuvXNodeGet(fwd, "dev"));
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t nifs;

    if (!mode) {
        def->forwardType = NUV_NETWORK_FORWARD_NAT;
        nuvXNodeSet(fwd, "mode", "nat");
    } else if ((def->forwardType = nuvNetworkForwardTypeFromString(mode)) < 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type '%s'", mode);
        return -1;
    }

    if (nuvXNodeCountChildren(fwd, "pf") > 1) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Only one <pf> element is allowed in <forward> of network %s",
                       def->name);
        return -1;
    }

    for (size_t i = 0; i < nuvXNodeCountChildren(fwd, "interface"); i++) {
        nuvXNode *ifn = nuvXNodeNthChild(fwd, "interface", i);
        const char *d = nuvXNodeGet(ifn, "dev");
        if (!d) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Missing required dev attribute in <forward> <interface> "
                           "element of network %s", def->name);
            return -1;
        }
        if (!g_hash_table_add(seen, g_strdup(d))) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "interface '%s' can only be listed once in network %s",
                           d, def->name);
            return -1;
        }
    }
    for (size_t i = 0; i < nuvXNodeCountChildren(fwd, "address"); i++) {
        nuvXNode *a = nuvXNodeNthChild(fwd, "address", i);
        unsigned int dom = 0, bus = 0, slot = 0, fn = 0;
        g_autofree char *key = NULL;
        const char *v;

        if ((v = nuvXNodeGet(a, "domain")))
            dom = strtoul(v, NULL, 0);
        if ((v = nuvXNodeGet(a, "bus")))
            bus = strtoul(v, NULL, 0);
        if ((v = nuvXNodeGet(a, "slot")))
            slot = strtoul(v, NULL, 0);
        if ((v = nuvXNodeGet(a, "function")))
            fn = strtoul(v, NULL, 0);
        key = g_strdup_printf("%04x:%02x:%02x.%x", dom, bus, slot, fn);
        if (g_hash_table_contains(seen, key)) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "PCI device '%s' can only be listed once in network %s",
                           key, def->name);
            return -1;
        }
        g_hash_table_add(seen, g_steal_pointer(&key));
    }

    nifs = nuvXNodeCountChildren(fwd, "interface");
    if (dev) {
        if (nifs == 0) {
            nuvXNode *ifn = nuvXNodeAddChild(fwd, "interface");
            nuvXNodeSet(ifn, "dev", dev);
        } else if (strcmp(nuvXNodeGet(nuvXNodeChild(fwd, "interface"), "dev"), dev) != 0) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "forward dev '%s' must match first interface element dev "
                           "'%s' in network '%s'",
                           dev, nuvXNodeGet(nuvXNodeChild(fwd, "interface"), "dev"),
                           def->name);
            return -1;
        }
    }

    if (def->forwardType == NUV_NETWORK_FORWARD_HOSTDEV) {
        const char *managed = nuvXNodeGet(fwd, "managed");
        nuvXNodeSet(fwd, "managed", managed && strcmp(managed, "yes") == 0 ? "yes" : "no");
    } else {
        nuvXNodeSet(fwd, "managed", NULL);
    }

    if ((def->forwardType == NUV_NETWORK_FORWARD_NAT ||
         def->forwardType == NUV_NETWORK_FORWARD_ROUTE) &&
        nuvXNodeCountChildren(fwd, "interface") > 1) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "multiple forwarding interfaces specified for network '%s', only one "
                       "is supported", def->name);
        return -1;
    }

    if (def->forwardType == NUV_NETWORK_FORWARD_OPEN &&
        (nuvXNodeChild(fwd, "interface") || nuvXNodeChild(fwd, "address"))) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "forward dev not allowed for network '%s' with forward mode='%s'",
                       def->name, "open");
        return -1;
    }

    syncForwardDev(fwd);
    return 0;
}

static bool
forwardHasBridge(int type)
{
    return type == NUV_NETWORK_FORWARD_NONE || type == NUV_NETWORK_FORWARD_NAT ||
           type == NUV_NETWORK_FORWARD_ROUTE || type == NUV_NETWORK_FORWARD_OPEN;
}

static int
normaliseBridge(nuvNetworkDef *def)
{
    nuvXNode *t = def->tree;
    nuvXNode *br = nuvXNodeChild(t, "bridge");
    nuvXNode *fwd = nuvXNodeChild(t, "forward");

    if (!forwardHasBridge(def->forwardType)) {
        if (br && (nuvXNodeGet(br, "stp") || nuvXNodeGet(br, "delay") ||
                   nuvXNodeGet(br, "zone"))) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "bridge delay/stp/zone options only allowed in route, nat, "
                           "and isolated mode, not in %s (network '%s')",
                           nuvNetworkForwardTypeToString(def->forwardType), def->name);
            return -1;
        }
        if (def->forwardType == NUV_NETWORK_FORWARD_BRIDGE && br &&
            nuvXNodeGet(br, "name") && fwd && nuvXNodeChild(fwd, "interface")) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "A network with forward mode='%s' can specify a bridge name "
                           "or a forward dev, but not both (network '%s')",
                           "bridge", def->name);
            return -1;
        }
        return 0;
    }

    /* These modes get a bridge of their own: stp on and no delay unless
     * the document says otherwise. */
    {
        const char *stp;
        const char *delay;
        g_autofree char *delayNorm = NULL;

        br = nuvXNodeEnsureChild(t, "bridge");
        stp = nuvXNodeGet(br, "stp");
        nuvXNodeSet(br, "stp", stp && strcmp(stp, "off") == 0 ? "off" : "on");
        /* a number the schema has checked, written back plainly */
        if ((delay = nuvXNodeGet(br, "delay")))
            delayNorm = g_strdup_printf("%llu", (unsigned long long) g_ascii_strtoull(delay, NULL, 10));
        nuvXNodeSet(br, "delay", delayNorm ? delayNorm : "0");
    }
    return 0;
}

static int
checkIP(nuvNetworkDef *def, nuvXNode *ip)
{
    const char *addr = nuvXNodeGet(ip, "address");
    const char *family = nuvXNodeGet(ip, "family");
    ipAddr a;

    /* the address and the family words are the schema's to check */
    if (addr && family && ipParse(addr, &a) && strcmp(family, ipFamilyName(a.family)) != 0) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Family '%s' specified for IP address '%s' in network '%s'",
                       family, addr, def->name);
        return -1;
    }
    return 0;
}

static int
normalise(nuvNetworkDef *def, unsigned int flags G_GNUC_UNUSED)
{
    nuvXNode *t = def->tree;
    nuvXNode *n;
    const char *v;

    stripRuntime(t);

    /* libvirt writes ipv6= only when it is turned on */
    if (checkYesNo(t, "ipv6", "ipv6", def->name) < 0 ||
        checkYesNo(t, "trustGuestRxFilters", "trustGuestRxFilters", def->name) < 0)
        return -1;
    if ((v = nuvXNodeGet(t, "ipv6")) && strcmp(v, "yes") != 0)
        nuvXNodeSet(t, "ipv6", NULL);

    def->forwardType = NUV_NETWORK_FORWARD_NONE;
    if ((n = nuvXNodeChild(t, "forward")) && normaliseForward(def, n) < 0)
        return -1;
    if (normaliseBridge(def) < 0)
        return -1;

    if ((n = nuvXNodeChild(t, "mac")) && (v = nuvXNodeGet(n, "address"))) {
        /* the schema checks the form; a bridge cannot take a group address */
        g_autofree char *mac = g_ascii_strdown(v, -1);
        if (strtoul(mac, NULL, 16) & 1) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Invalid multicast bridge mac address '%s' in network '%s'",
                           v, def->name);
            return -1;
        }
        nuvXNodeSet(n, "address", mac);
    }

    if ((n = nuvXNodeChild(t, "dns"))) {
        v = nuvXNodeGet(n, "enable");
        if (v && strcmp(v, "no") == 0 && n->children && n->children->len > 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "Extra data in disabled network '%s'",
                           def->name);
            return -1;
        }
    }

    for (size_t i = 0; i < nuvXNodeCountChildren(t, "ip"); i++) {
        if (checkIP(def, nuvXNodeNthChild(t, "ip", i)) < 0)
            return -1;
    }
    return 0;
}

nuvNetworkDef *
nuvNetworkDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvNetworkDef) def = NULL;
    g_autofree char *name = NULL;
    nuvXNode *n;

    if (!(doc = nuvXMLParseString(xml, "(network_definition)", "network"))) {
        nuvXNodeRetagError(VIR_FROM_NETWORK, false);
        return NULL;
    }

    def = g_new0(nuvNetworkDef, 1);
    if (!(def->tree = nuvXNodeParse(nuvNetworkSchema, 0, xmlDocGetRootElement(doc)))) {
        if (flags & NUV_NETWORK_DEF_PARSE_VALIDATE)
            nuvXNodeReportSchemaError();
        else
            nuvXNodeRetagError(VIR_FROM_NETWORK, false);
        return NULL;
    }

    n = nuvXNodeChild(def->tree, "name");
    name = n ? stripped(n->text) : NULL;
    if (!name || !*name) {
        nuvReportError(VIR_ERR_NO_NAME, "%s", "missing name information");
        return NULL;
    }
    if (strchr(name, '/')) {
        nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_DETAIL,
                           "invalid char in name: %c", '/');
        return NULL;
    }
    nuvXNodeSetText(n, name);
    def->name = g_steal_pointer(&name);

    if ((n = nuvXNodeChild(def->tree, "uuid"))) {
        g_autofree char *u = stripped(n->text);
        if (!u || nuvUUIDParse(u, def->uuid) < 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return NULL;
        }
    } else {
        nuvUUIDGenerate(def->uuid);
        n = nuvXNodeAddChild(def->tree, "uuid");
    }
    {
        char buf[VIR_UUID_STRING_BUFLEN];
        nuvXNodeSetText(n, nuvUUIDFormat(def->uuid, buf));
    }

    if (normalise(def, flags) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

char *
nuvNetworkDefFormat(const nuvNetworkDef *def, unsigned int flags)
{
    GString *buf = g_string_new(NULL);
    unsigned int xflags = 0;

    if (flags & VIR_NETWORK_XML_INACTIVE)
        xflags |= NUV_XNODE_FORMAT_INACTIVE;
    nuvXNodeFormat(def->tree, buf, 0, xflags);
    return g_string_free(buf, FALSE);
}

const char *
nuvNetworkDefBridge(const nuvNetworkDef *def)
{
    nuvXNode *br = nuvXNodeChild(def->tree, "bridge");

    return br ? nuvXNodeGet(br, "name") : NULL;
}

/* ---- virNetworkUpdate ---- */

/* Table entry reached from <network> by the element names given. */
static int
schemaElem(const char *first, ...)
{
    va_list ap;
    const char *name = first;
    int cur = 0;

    va_start(ap, first);
    while (name) {
        const int *kids = nuvNetworkSchema[cur].children;
        int next = -1;
        for (int i = 0; kids && kids[i] >= 0; i++) {
            if (strcmp(nuvNetworkSchema[kids[i]].name, name) == 0) {
                next = kids[i];
                break;
            }
        }
        cur = next;
        if (cur < 0)
            break;
        name = va_arg(ap, const char *);
    }
    va_end(ap);
    return cur;
}

/* Parse the update document as element table entry @elem called @expect. */
static nuvXNode *
parseSnippet(nuvNetworkDef *def, const char *xml, int elem, const char *expect)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    nuvXNode *node;

    if (!(doc = nuvXMLParseString(xml, "(network_definition)", NULL))) {
        nuvXNodeRetagError(VIR_FROM_NETWORK, false);
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *) root->name, expect) != 0) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                       root ? (const char *) root->name : "", expect, def->name);
        return NULL;
    }
    if (!(node = nuvXNodeParseNamed(nuvNetworkSchema, elem, root, 0, def->name))) {
        nuvXNodeRetagError(VIR_FROM_NETWORK, false);
        return NULL;
    }
    stripRuntime(node);
    return node;
}

static int
unknownCommand(unsigned int command)
{
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   "unrecognized network update command code %d", command);
    return -1;
}

static void
addNode(nuvXNode *parent, nuvXNode *child, unsigned int command)
{
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST)
        nuvXNodeInsertFirst(parent, child);
    else
        nuvXNodeInsert(parent, child);
}

/* Replace @old (a child of its parent) by @repl, at the same place. */
static void
replaceNode(nuvXNode *old, nuvXNode *repl)
{
    nuvXNode *parent = old->parent;
    guint pos = 0;

    g_ptr_array_find(parent->children, old, &pos);
    g_ptr_array_index(parent->children, pos) = repl;
    repl->parent = parent;
    old->parent = NULL;
    nuvXNodeFree(old);
}

static void
deleteNode(nuvXNode *node)
{
    nuvXNodeDetach(node);
    nuvXNodeFree(node);
}

/* The <ip> whose DHCP part an update addresses. */
static nuvXNode *
ipByIndex(nuvNetworkDef *def, int parentIndex, const char *what)
{
    nuvXNode *t = def->tree;
    size_t nips = nuvXNodeCountChildren(t, "ip");

    if (parentIndex >= 0) {
        if ((size_t) parentIndex >= nips) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't update dhcp %s entry - no <ip> element found at "
                           "index %d in network '%s'", what, parentIndex, def->name);
            return NULL;
        }
        return nuvXNodeNthChild(t, "ip", parentIndex);
    }
    /* no index: the <ip> that already has DHCP entries, else the first
     * IPv4 one, else the first IPv6 one */
    for (size_t i = 0; i < nips; i++) {
        nuvXNode *ip = nuvXNodeNthChild(t, "ip", i);
        nuvXNode *dhcp = nuvXNodeChild(ip, "dhcp");
        if (dhcp && (nuvXNodeChild(dhcp, "range") || nuvXNodeChild(dhcp, "host")))
            return ip;
    }
    for (int fam = AF_INET; ; fam = AF_INET6) {
        for (size_t i = 0; i < nips; i++) {
            nuvXNode *ip = nuvXNodeNthChild(t, "ip", i);
            ipAddr a;
            if (ipParse(nuvXNodeGet(ip, "address"), &a) && a.family == fam)
                return ip;
        }
        if (fam == AF_INET6)
            break;
    }
    nuvReportError(VIR_ERR_OPERATION_INVALID,
                   "couldn't update dhcp %s entry - no <ip> element found in network '%s'",
                   what, def->name);
    return NULL;
}

static int
ipFamilyOf(nuvXNode *ip)
{
    ipAddr a;

    if (ipParse(nuvXNodeGet(ip, "address"), &a))
        return a.family;
    return nuvXNodeGetEnum(ip, "family") == NUV_NETWORK_IP_FAMILY_IPV6 ? AF_INET6 : AF_INET;
}

static int
updateDHCPHost(nuvNetworkDef *def, unsigned int command, int parentIndex, const char *xml)
{
    nuvXNode *ip;
    nuvXNode *dhcp;
    g_autoptr(nuvXNode) host = NULL;
    const char *mac, *name, *hip, *id;
    size_t n;

    if (!(ip = ipByIndex(def, parentIndex, "host")))
        return -1;
    if (!(host = parseSnippet(def, xml, schemaElem("ip", "dhcp", "host", NULL), "host")))
        return -1;
    mac = nuvXNodeGet(host, "mac");
    name = nuvXNodeGet(host, "name");
    hip = nuvXNodeGet(host, "ip");
    id = nuvXNodeGet(host, "id");

    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        ipAddr a;
        if (ipFamilyOf(ip) == AF_INET6) {
            if (mac) {
                nuvReportError(VIR_ERR_XML_ERROR,
                               "Invalid to specify MAC address '%s' in network '%s' "
                               "IPv6 static host definition", mac, def->name);
                return -1;
            }
        } else if (!mac && !name) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Static host definition in IPv4 network '%s' must have mac "
                           "or name attribute", def->name);
            return -1;
        }
        if (!mac && !name && !id) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Static host definition in network '%s' must have mac, id or "
                           "name attribute", def->name);
            return -1;
        }
        if (!hip && !name) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Missing IP address in static host definition for network '%s'",
                           def->name);
            return -1;
        }
        if (hip && !ipParse(hip, &a)) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Invalid IP address in static host definition for network '%s'",
                           def->name);
            return -1;
        }
    }

    dhcp = nuvXNodeChild(ip, "dhcp");
    n = dhcp ? nuvXNodeCountChildren(dhcp, "host") : 0;

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        for (size_t i = 0; i < n; i++) {
            nuvXNode *h = nuvXNodeNthChild(dhcp, "host", i);
            bool match;
            /* any one identifying field picks the entry to replace */
            match = (mac && macEqual(mac, nuvXNodeGet(h, "mac"))) ||
                    (id && g_strcmp0(id, nuvXNodeGet(h, "id")) == 0) ||
                    (hip && ipEqualStr(hip, nuvXNodeGet(h, "ip"))) ||
                    (name && g_strcmp0(name, nuvXNodeGet(h, "name")) == 0);
            if (match) {
                replaceNode(h, g_steal_pointer(&host));
                return 0;
            }
        }
        if (ipFamilyOf(ip) == AF_INET6)
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate an existing dhcp host entry with \"id='%s'\" "
                           "\"name='%s'\" in network '%s'",
                           id ? id : "(null)", name ? name : "(null)", def->name);
        else
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate an existing dhcp host entry with \"mac='%s'\" "
                           "\"name='%s'\" in network '%s'",
                           mac ? mac : "(null)", name ? name : "(null)", def->name);
        return -1;
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        for (size_t i = 0; i < n; i++) {
            nuvXNode *h = nuvXNodeNthChild(dhcp, "host", i);
            if ((mac && macEqual(mac, nuvXNodeGet(h, "mac"))) ||
                (name && g_strcmp0(name, nuvXNodeGet(h, "name")) == 0) ||
                (hip && ipEqualStr(hip, nuvXNodeGet(h, "ip")))) {
                nuvReportError(VIR_ERR_OPERATION_INVALID,
                               "there is an existing dhcp host entry in network '%s' that "
                               "matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                               def->name, mac ? mac : "(null)", name ? name : "(null)",
                               hip ? hip : "(null)");
                return -1;
            }
        }
        addNode(nuvXNodeEnsureChild(ip, "dhcp"), g_steal_pointer(&host), command);
        return 0;
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        for (size_t i = 0; i < n; i++) {
            nuvXNode *h = nuvXNodeNthChild(dhcp, "host", i);
            const char *hm = nuvXNodeGet(h, "mac");
            if ((!mac || !hm || macEqual(mac, hm)) &&
                (!name || g_strcmp0(name, nuvXNodeGet(h, "name")) == 0) &&
                (!hip || ipEqualStr(hip, nuvXNodeGet(h, "ip")))) {
                deleteNode(h);
                return 0;
            }
        }
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "couldn't locate a matching dhcp host entry in network '%s'", def->name);
        return -1;
    }
    return unknownCommand(command);
}

static int
updateDHCPRange(nuvNetworkDef *def, unsigned int command, int parentIndex, const char *xml)
{
    nuvXNode *ip;
    nuvXNode *dhcp;
    g_autoptr(nuvXNode) range = NULL;
    const char *start, *end;
    ipAddr s, e;
    size_t n;

    if (!(ip = ipByIndex(def, parentIndex, "range")))
        return -1;
    if (!(range = parseSnippet(def, xml, schemaElem("ip", "dhcp", "range", NULL), "range")))
        return -1;
    start = nuvXNodeGet(range, "start");
    end = nuvXNodeGet(range, "end");
    if (!start) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Missing 'start' attribute in dhcp range for network '%s'",
                       def->name);
        return -1;
    }
    if (!end) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Missing 'end' attribute in dhcp range for network '%s'",
                       def->name);
        return -1;
    }
    if (!ipParse(start, &s) || !ipParse(end, &e)) {
        nuvReportError(VIR_ERR_XML_ERROR, "Invalid dhcp range '%s' to '%s' in network '%s'",
                       start, end, def->name);
        return -1;
    }
    if (s.family != ipFamilyOf(ip) || e.family != s.family) {
        /* libvirt's address helpers report this one outside any domain */
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                           "mismatch of address family in range %s - %s for network %s",
                           start, end, nuvXNodeGet(ip, "address") ?
                           nuvXNodeGet(ip, "address") : "");
        return -1;
    }

    dhcp = nuvXNodeChild(ip, "dhcp");
    n = dhcp ? nuvXNodeCountChildren(dhcp, "range") : 0;

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        nuvXNode *r = nuvXNodeNthChild(dhcp, "range", i);
        if (ipEqualStr(start, nuvXNodeGet(r, "start")) &&
            ipEqualStr(end, nuvXNodeGet(r, "end"))) {
            if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
                deleteNode(r);
                return 0;
            }
            if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
                command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
                nuvReportError(VIR_ERR_OPERATION_INVALID,
                               "there is an existing dhcp range entry in network '%s' that "
                               "matches \"<range start='%s' end='%s'/>\"",
                               def->name, start, end);
                return -1;
            }
            break;
        }
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        addNode(nuvXNodeEnsureChild(ip, "dhcp"), g_steal_pointer(&range), command);
        return 0;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "couldn't locate a matching dhcp range entry in network '%s'", def->name);
        return -1;
    }
    return unknownCommand(command);
}

static int
updateForwardInterface(nuvNetworkDef *def, unsigned int command, const char *xml)
{
    nuvXNode *fwd = nuvXNodeChild(def->tree, "forward");
    g_autoptr(nuvXNode) ifn = NULL;
    const char *dev;
    size_t n;

    if (!(ifn = parseSnippet(def, xml, schemaElem("forward", "interface", NULL), "interface")))
        return -1;
    if (!(dev = nuvXNodeGet(ifn, "dev"))) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "%s", "missing dev attribute in <interface> element");
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "forward interface entries cannot be modified, only added or deleted");
        return -1;
    }
    n = fwd ? nuvXNodeCountChildren(fwd, "interface") : 0;
    for (size_t i = 0; i < n; i++) {
        nuvXNode *cur = nuvXNodeNthChild(fwd, "interface", i);
        if (g_strcmp0(dev, nuvXNodeGet(cur, "dev")) != 0)
            continue;
        if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            deleteNode(cur);
            syncForwardDev(fwd);
            return 0;
        }
        if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
            command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "there is an existing interface entry in network '%s' that "
                           "matches \"<interface dev='%s'>\"", def->name, dev);
            return -1;
        }
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        if (!fwd) {
            fwd = nuvXNodeEnsureChild(def->tree, "forward");
            nuvXNodeSet(fwd, "mode", "nat");
            def->forwardType = NUV_NETWORK_FORWARD_NAT;
        }
        addNode(fwd, g_steal_pointer(&ifn), command);
        syncForwardDev(fwd);
        /* the result must still be a valid <forward>, as libvirt checks
         * by parsing the updated definition again */
        if ((def->forwardType == NUV_NETWORK_FORWARD_NAT ||
             def->forwardType == NUV_NETWORK_FORWARD_ROUTE) &&
            nuvXNodeCountChildren(fwd, "interface") > 1) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "multiple forwarding interfaces specified for network '%s', "
                           "only one is supported", def->name);
            return -1;
        }
        return 0;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "couldn't find an interface entry in network '%s' matching "
                       "<interface dev='%s'>", def->name, dev);
        return -1;
    }
    return unknownCommand(command);
}

static int
updatePortgroup(nuvNetworkDef *def, unsigned int command, const char *xml)
{
    nuvXNode *t = def->tree;
    g_autoptr(nuvXNode) pg = NULL;
    const char *name;
    const char *isDefault;
    nuvXNode *found = NULL;
    nuvXNode *foundDefault = NULL;

    if (!(pg = parseSnippet(def, xml, schemaElem("portgroup", NULL), "portgroup")))
        return -1;
    if (!(name = nuvXNodeGet(pg, "name"))) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "%s", "Missing required name attribute in portgroup");
        return -1;
    }
    isDefault = nuvXNodeGet(pg, "default");
    if (isDefault && strcmp(isDefault, "yes") != 0 && strcmp(isDefault, "no") != 0) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid default setting '%s' in portgroup", isDefault);
        return -1;
    }
    if (isDefault && strcmp(isDefault, "no") == 0)
        nuvXNodeSet(pg, "default", NULL);

    for (size_t i = 0; i < nuvXNodeCountChildren(t, "portgroup"); i++) {
        nuvXNode *cur = nuvXNodeNthChild(t, "portgroup", i);
        if (g_strcmp0(name, nuvXNodeGet(cur, "name")) == 0)
            found = cur;
        if (g_strcmp0(nuvXNodeGet(cur, "default"), "yes") == 0)
            foundDefault = cur;
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
        command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (!found) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't find a portgroup entry in network '%s' matching "
                           "<portgroup name='%s'>", def->name, name);
            return -1;
        }
    } else if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
               command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        if (found) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "there is an existing portgroup entry in network '%s' that "
                           "matches \"<portgroup name='%s'>\"", def->name, name);
            return -1;
        }
    } else {
        return unknownCommand(command);
    }

    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE &&
        g_strcmp0(nuvXNodeGet(pg, "default"), "yes") == 0 &&
        foundDefault && foundDefault != found) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "a different portgroup entry in network '%s' is already set as the "
                       "default. Only one default is allowed.", def->name);
        return -1;
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        replaceNode(found, g_steal_pointer(&pg));
    else if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE)
        deleteNode(found);
    else
        addNode(t, g_steal_pointer(&pg), command);
    return 0;
}

static int
updateDNSHost(nuvNetworkDef *def, unsigned int command, const char *xml)
{
    nuvXNode *dns = nuvXNodeChild(def->tree, "dns");
    g_autoptr(nuvXNode) host = NULL;
    const char *hip;
    size_t foundCt = 0;
    nuvXNode *foundNode = NULL;
    size_t n;

    if (!(host = parseSnippet(def, xml, schemaElem("dns", "host", NULL), "host")))
        return -1;
    hip = nuvXNodeGet(host, "ip");
    if (!hip || !ipEqualStr(hip, hip)) {
        nuvReportError(VIR_ERR_XML_DETAIL,
                       "%s", "Missing IP address in network DNS HOST record");
        return -1;
    }
    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE &&
        nuvXNodeCountChildren(host, "hostname") == 0) {
        nuvReportError(VIR_ERR_XML_DETAIL,
                       "Missing ip and hostname in network '%s' DNS HOST record", def->name);
        return -1;
    }

    n = dns ? nuvXNodeCountChildren(dns, "host") : 0;
    for (size_t i = 0; i < n; i++) {
        nuvXNode *cur = nuvXNodeNthChild(dns, "host", i);
        bool match = ipEqualStr(hip, nuvXNodeGet(cur, "ip"));
        for (size_t j = 0; !match && j < nuvXNodeCountChildren(host, "hostname"); j++) {
            const char *hn = nuvXNodeNthChild(host, "hostname", j)->text;
            for (size_t k = 0; k < nuvXNodeCountChildren(cur, "hostname"); k++) {
                if (g_strcmp0(hn, nuvXNodeNthChild(cur, "hostname", k)->text) == 0) {
                    match = true;
                    break;
                }
            }
        }
        if (match) {
            foundCt++;
            foundNode = cur;
        }
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "DNS HOST records cannot be modified, only added or deleted");
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        if (foundCt > 0) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already at least one DNS HOST record with a matching "
                           "field in network %s", def->name);
            return -1;
        }
        addNode(nuvXNodeEnsureChild(def->tree, "dns"), g_steal_pointer(&host), command);
        return 0;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (foundCt == 0) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS HOST record in network %s",
                           def->name);
            return -1;
        }
        if (foundCt > 1) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "multiple matching DNS HOST records were found in network %s",
                           def->name);
            return -1;
        }
        deleteNode(foundNode);
        return 0;
    }
    return unknownCommand(command);
}

static int
updateDNSTxt(nuvNetworkDef *def, unsigned int command, const char *xml)
{
    nuvXNode *dns = nuvXNodeChild(def->tree, "dns");
    g_autoptr(nuvXNode) txt = NULL;
    const char *name;
    nuvXNode *found = NULL;
    size_t n;

    if (!(txt = parseSnippet(def, xml, schemaElem("dns", "txt", NULL), "txt")))
        return -1;
    if (!(name = nuvXNodeGet(txt, "name"))) {
        nuvReportError(VIR_ERR_XML_DETAIL, "missing required name attribute in DNS TXT "
                       "record of network %s", def->name);
        return -1;
    }
    if (strpbrk(name, " \t")) {
        nuvReportError(VIR_ERR_XML_DETAIL,
                       "prohibited character in DNS TXT record name '%s' of network %s",
                       name, def->name);
        return -1;
    }
    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE && !nuvXNodeGet(txt, "value")) {
        nuvReportError(VIR_ERR_XML_DETAIL,
                       "missing required value attribute in DNS TXT record named '%s' "
                       "of network %s", name, def->name);
        return -1;
    }

    n = dns ? nuvXNodeCountChildren(dns, "txt") : 0;
    for (size_t i = 0; i < n && !found; i++) {
        nuvXNode *cur = nuvXNodeNthChild(dns, "txt", i);
        if (g_strcmp0(name, nuvXNodeGet(cur, "name")) == 0)
            found = cur;
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "DNS TXT records cannot be modified, only added or deleted");
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        if (found) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already a DNS TXT record with name '%s' in network %s",
                           name, def->name);
            return -1;
        }
        addNode(nuvXNodeEnsureChild(def->tree, "dns"), g_steal_pointer(&txt), command);
        return 0;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (!found) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS TXT record in network %s", def->name);
            return -1;
        }
        deleteNode(found);
        return 0;
    }
    return unknownCommand(command);
}

static int
updateDNSSrv(nuvNetworkDef *def, unsigned int command, const char *xml)
{
    static const char *const keys[] = { "domain", "service", "protocol", "target" };
    nuvXNode *dns = nuvXNodeChild(def->tree, "dns");
    g_autoptr(nuvXNode) srv = NULL;
    size_t foundCt = 0;
    nuvXNode *foundNode = NULL;
    size_t n;

    if (!(srv = parseSnippet(def, xml, schemaElem("dns", "srv", NULL), "srv")))
        return -1;
    if (command != VIR_NETWORK_UPDATE_COMMAND_DELETE && !nuvXNodeGet(srv, "service")) {
        nuvReportError(VIR_ERR_XML_DETAIL,
                       "missing required service attribute in DNS SRV record of network '%s'",
                       def->name);
        return -1;
    }

    n = dns ? nuvXNodeCountChildren(dns, "srv") : 0;
    for (size_t i = 0; i < n; i++) {
        nuvXNode *cur = nuvXNodeNthChild(dns, "srv", i);
        bool match = true;
        for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
            const char *want = nuvXNodeGet(srv, keys[k]);
            if (want && g_strcmp0(want, nuvXNodeGet(cur, keys[k])) != 0)
                match = false;
        }
        if (match) {
            foundCt++;
            foundNode = cur;
        }
    }

    if (command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "DNS SRV records cannot be modified, only added or deleted");
        return -1;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
        command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST) {
        if (foundCt > 0) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "there is already at least one DNS SRV record matching all "
                           "specified fields in network %s", def->name);
            return -1;
        }
        addNode(nuvXNodeEnsureChild(def->tree, "dns"), g_steal_pointer(&srv), command);
        return 0;
    }
    if (command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (foundCt == 0) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "couldn't locate a matching DNS SRV record in network %s",
                           def->name);
            return -1;
        }
        if (foundCt > 1) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "multiple DNS SRV records matching all specified fields were "
                           "found in network %s", def->name);
            return -1;
        }
        deleteNode(foundNode);
        return 0;
    }
    return unknownCommand(command);
}

static int
noSupport(nuvNetworkDef *def, const char *section)
{
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   "can't update '%s' section of network '%s'",
                   section, def->name);
    return -1;
}

int
nuvNetworkDefUpdateSection(nuvNetworkDef *def, unsigned int command,
                           unsigned int section, int parentIndex, const char *xml)
{
    switch (section) {
    case VIR_NETWORK_SECTION_BRIDGE:
        return noSupport(def, "bridge");
    case VIR_NETWORK_SECTION_DOMAIN:
        return noSupport(def, "domain");
    case VIR_NETWORK_SECTION_IP:
        return noSupport(def, "ip");
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
        return updateDHCPHost(def, command, parentIndex, xml);
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        return updateDHCPRange(def, command, parentIndex, xml);
    case VIR_NETWORK_SECTION_FORWARD:
        return noSupport(def, "forward");
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        return updateForwardInterface(def, command, xml);
    case VIR_NETWORK_SECTION_FORWARD_PF:
        return noSupport(def, "forward pf");
    case VIR_NETWORK_SECTION_PORTGROUP:
        return updatePortgroup(def, command, xml);
    case VIR_NETWORK_SECTION_DNS_HOST:
        return updateDNSHost(def, command, xml);
    case VIR_NETWORK_SECTION_DNS_TXT:
        return updateDNSTxt(def, command, xml);
    case VIR_NETWORK_SECTION_DNS_SRV:
        return updateDNSSrv(def, command, xml);
    default:
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       "can't update unrecognized section of network");
        return -1;
    }
}
