/*
 * interface_def.c: host interface XML.  The engine reads the document
 * with interface.schema (unknown content skipped, values of the typed
 * attributes checked); this file rewrites the tree the way libvirt reads
 * it: the first of repeated elements wins, numbers are re-printed, values
 * libvirt drops are dropped, and bridge or bond members carry no start
 * mode, MTU or addressing (they inherit the top-level interface's).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf/interface_def.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_INTERFACE

void
nuvInterfaceDefFree(nuvInterfaceDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->mac);
    nuvXNodeFree(def->tree);
    g_free(def);
}

/* ---- reading values as libvirt does ---- */

/* XPath's string(./elem/@attr): the attribute of the first child <elem>
 * that has it, or NULL. */
static const char *
firstAttr(const nuvXNode *node, const char *elem, const char *attr)
{
    for (size_t i = 0; i < nuvXNodeCountChildren(node, elem); i++) {
        const char *v = nuvXNodeGet(nuvXNodeNthChild(node, elem, i), attr);
        if (v)
            return v;
    }
    return NULL;
}

/* Replace every child @elem of @node by one new, empty one. */
static nuvXNode *
replaceChild(nuvXNode *node, const char *elem)
{
    nuvXNodeRemoveChildren(node, elem);
    return nuvXNodeAddChild(node, elem);
}

static void
setInt(nuvXNode *node, const char *attr, const char *fmt, long long v)
{
    g_autofree char *s = g_strdup_printf(fmt, v);

    nuvXNodeSet(node, attr, s);
}

static void
xmlPropError(const char *attr, const char *elem, const char *val, const char *what)
{
    nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                       "Invalid value for attribute '%s' in element '%s': '%s'. %s",
                       attr, elem, val, what);
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

/* virXPathInt on string(./elem/@attr): 0 ok, -1 absent, -2 not a number. */
static int
childInt(const nuvXNode *node, const char *elem, const char *attr, int *out)
{
    const char *v = firstAttr(node, elem, attr);

    if (!v || !*v)
        return -1;
    return parseInt(v, 10, out) ? 0 : -2;
}

/* ---- the top-level interface's start mode, MTU and addressing ---- */

static int
rewriteProtocol(nuvXNode *p)
{
    nuvXNode *dhcp = nuvXNodeChild(p, "dhcp");
    /* the first route's gateway, as libvirt reads it */
    g_autofree char *gateway = g_strdup(nuvXNodeGet(nuvXNodeChild(p, "route"), "gateway"));
    g_autofree char *peerdns = g_strdup(nuvXNodeGet(dhcp, "peerdns"));
    bool autoconf = nuvXNodeChild(p, "autoconf") != NULL;

    if (!nuvXNodeGet(p, "family")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "protocol misses the family attribute");
        return -1;
    }
    for (size_t i = nuvXNodeCountChildren(p, "ip"); i > 0; i--) {
        nuvXNode *ip = nuvXNodeNthChild(p, "ip", i - 1);
        const char *prefix = nuvXNodeGet(ip, "prefix");
        int v = 0;

        if (!nuvXNodeGet(ip, "address")) {
            nuvXNodeDetach(ip);
            nuvXNodeFree(ip);
            continue;
        }
        if (prefix && !parseInt(prefix, 0, &v)) {
            xmlPropError("prefix", "ip", prefix, "Expected integer value");
            return -1;
        }
        if (v)
            setInt(ip, "prefix", "%lld", v);
        else
            nuvXNodeSet(ip, "prefix", NULL);
    }
    nuvXNodeRemoveChildren(p, "autoconf");
    if (autoconf && nuvXNodeGetEnum(p, "family") == NUV_INTERFACE_FAMILY_IPV6)
        nuvXNodeAddChild(p, "autoconf");
    if (dhcp)
        nuvXNodeSet(replaceChild(p, "dhcp"), "peerdns", peerdns);
    nuvXNodeRemoveChildren(p, "route");
    if (gateway)
        nuvXNodeSet(nuvXNodeAddChild(p, "route"), "gateway", gateway);
    return 0;
}

static int
rewriteTop(nuvXNode *node)
{
    g_autofree char *mode = g_strdup(firstAttr(node, "start", "mode"));
    g_autofree char *mtu = g_strdup(firstAttr(node, "mtu", "size"));

    nuvXNodeRemoveChildren(node, "start");
    if (mode)
        nuvXNodeSet(nuvXNodeAddChild(node, "start"), "mode", mode);
    nuvXNodeRemoveChildren(node, "mtu");
    if (mtu && *mtu) {
        unsigned long v;
        if (!parseULong(mtu, &v)) {
            /* libvirt fails here without saying why */
            nuvReportErrorRawFrom(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                                  "%s", "An error occurred, but the cause is unknown");
            return -1;
        }
        if (v > 100000) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "value of the 'size' attribute of 'mtu' element must be at most "
                           "100000");
            return -1;
        }
        if (v)
            setInt(nuvXNodeAddChild(node, "mtu"), "size", "%lld", v);
    }
    for (size_t i = 0; i < nuvXNodeCountChildren(node, "protocol"); i++) {
        if (rewriteProtocol(nuvXNodeNthChild(node, "protocol", i)) < 0)
            return -1;
    }
    return 0;
}

/* ---- the kinds ---- */

static int rewriteInterface(nuvXNode *node, int parentType);

static int
rewriteMembers(nuvXNode *parent, int type)
{
    for (size_t i = 0; i < nuvXNodeCountChildren(parent, "interface"); i++) {
        if (rewriteInterface(nuvXNodeNthChild(parent, "interface", i), type) < 0)
            return -1;
    }
    return 0;
}

static int
rewriteMiimon(nuvXNode *bond)
{
    g_autofree char *carrier = g_strdup(firstAttr(bond, "miimon", "carrier"));
    int freq, down = 0, up = 0;
    nuvXNode *n;

    if (childInt(bond, "miimon", "freq", &freq) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "%s", "bond interface miimon freq missing or invalid");
        return -1;
    }
    if (childInt(bond, "miimon", "downdelay", &down) == -2) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface miimon downdelay invalid");
        return -1;
    }
    if (childInt(bond, "miimon", "updelay", &up) == -2) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface miimon updelay invalid");
        return -1;
    }
    n = replaceChild(bond, "miimon");
    setInt(n, "freq", "%lld", freq);
    if (down > 0)
        setInt(n, "downdelay", "%lld", down);
    if (up > 0)
        setInt(n, "updelay", "%lld", up);
    nuvXNodeSet(n, "carrier", carrier);
    return 0;
}

static int
rewriteArpmon(nuvXNode *bond)
{
    g_autofree char *target = g_strdup(firstAttr(bond, "arpmon", "target"));
    g_autofree char *validate = g_strdup(firstAttr(bond, "arpmon", "validate"));
    int interval;
    nuvXNode *n;

    if (childInt(bond, "arpmon", "interval", &interval) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "bond interface arpmon interval missing or invalid");
        return -1;
    }
    if (!target) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "bond interface arpmon target missing");
        return -1;
    }
    n = replaceChild(bond, "arpmon");
    setInt(n, "interval", "%lld", interval);
    nuvXNodeSet(n, "target", target);
    nuvXNodeSet(n, "validate", validate);
    return 0;
}

/* The kind's own element: the first one, required; the other kinds' go. */
static nuvXNode *
kindElement(nuvXNode *node, const char *elem, const char *missing)
{
    static const char *const kinds[] = { "bridge", "bond", "vlan" };
    nuvXNode *n;

    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (!elem || strcmp(kinds[i], elem) != 0)
            nuvXNodeRemoveChildren(node, kinds[i]);
    }
    if (!elem)
        return NULL;
    if (!(n = nuvXNodeKeepFirst(node, elem)))
        nuvReportError(VIR_ERR_XML_ERROR, "%s", missing);
    return n;
}

static int
rewriteKind(nuvXNode *node, int type)
{
    nuvXNode *n;

    switch ((nuvInterfaceType) type) {
    case NUV_INTERFACE_TYPE_ETHERNET:
        kindElement(node, NULL, NULL);
        return 0;
    case NUV_INTERFACE_TYPE_BRIDGE: {
        const char *stp;

        if (!(n = kindElement(node, "bridge", "bridge interface misses the bridge element")))
            return -1;
        /* libvirt complains of a bad stp value but goes on without it */
        stp = nuvXNodeGet(n, "stp");
        if (stp && strcmp(stp, "on") != 0 && strcmp(stp, "off") != 0)
            nuvXNodeSet(n, "stp", NULL);
        return rewriteMembers(n, type);
    }
    case NUV_INTERFACE_TYPE_BOND:
        if (!(n = kindElement(node, "bond", "bond interface misses the bond element")) ||
            rewriteMembers(n, type) < 0)
            return -1;
        if (nuvXNodeChild(n, "miimon")) {
            nuvXNodeRemoveChildren(n, "arpmon");
            return rewriteMiimon(n);
        }
        if (nuvXNodeChild(n, "arpmon"))
            return rewriteArpmon(n);
        return 0;
    case NUV_INTERFACE_TYPE_VLAN: {
        g_autofree char *dev = NULL;

        if (!(n = kindElement(node, "vlan", "vlan interface misses the vlan element")))
            return -1;
        if (!nuvXNodeGet(n, "tag")) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "%s", "vlan interface misses the tag attribute");
            return -1;
        }
        if (!(dev = g_strdup(firstAttr(n, "interface", "name")))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "vlan interface misses name attribute");
            return -1;
        }
        nuvXNodeSet(replaceChild(n, "interface"), "name", dev);
        return 0;
    }
    case NUV_INTERFACE_TYPE_LAST:
        break;
    }
    return 0;
}

/* @parentType: the kind of the interface @node is a member of, or -1. */
static int
rewriteInterface(nuvXNode *node, int parentType)
{
    int type = nuvXNodeGetEnum(node, "type");
    g_autofree char *mac = NULL;
    nuvXNode *lnk;

    if (type < 0) {
        nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                           "Missing required attribute '%s' in element '%s'",
                           "type", "interface");
        return -1;
    }
    /* Which members each kind may hold. */
    if ((parentType == NUV_INTERFACE_TYPE_BOND && type != NUV_INTERFACE_TYPE_ETHERNET) ||
        (parentType == NUV_INTERFACE_TYPE_BRIDGE && type == NUV_INTERFACE_TYPE_BRIDGE)) {
        nuvReportError(VIR_ERR_XML_ERROR, "interface has unsupported type '%s'",
                       nuvXNodeGet(node, "type"));
        return -1;
    }
    if (!nuvXNodeGet(node, "name")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "interface has no name");
        return -1;
    }
    if (parentType < 0) {
        if (rewriteTop(node) < 0)
            return -1;
    } else {
        nuvXNodeRemoveChildren(node, "start");
        nuvXNodeRemoveChildren(node, "mtu");
        nuvXNodeRemoveChildren(node, "protocol");
    }

    /* a link is written only with a speed or a state */
    if (type == NUV_INTERFACE_TYPE_BRIDGE)
        nuvXNodeRemoveChildren(node, "link");
    if ((lnk = nuvXNodeKeepFirst(node, "link"))) {
        unsigned long speed = 0;

        if (nuvXNodeGet(lnk, "speed"))
            parseULong(nuvXNodeGet(lnk, "speed"), &speed);
        if (speed)
            setInt(lnk, "speed", "%lld", speed);
        else
            nuvXNodeSet(lnk, "speed", NULL);
        if (!nuvXNodeGet(lnk, "speed") && !nuvXNodeGet(lnk, "state"))
            nuvXNodeRemoveChildren(node, "link");
    }

    mac = g_strdup(type == NUV_INTERFACE_TYPE_ETHERNET ? firstAttr(node, "mac", "address") : NULL);
    nuvXNodeRemoveChildren(node, "mac");
    if (mac)
        nuvXNodeSet(nuvXNodeAddChild(node, "mac"), "address", mac);
    return rewriteKind(node, type);
}

/* VALIDATE: the first element the table does not have where it stands,
 * which libvirt's RelaxNG check names. */
static const char *
unknownElement(int elem, xmlNodePtr xml)
{
    g_autoptr(nuvXNode) scratch = nuvXNodeNew(nuvInterfaceSchema, elem);

    for (xmlNodePtr c = xml->children; c; c = c->next) {
        const char *bad;
        int ce;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if ((ce = nuvXNodeChildElem(scratch, (const char *) c->name)) < 0)
            return (const char *) c->name;
        if ((bad = unknownElement(ce, c)))
            return bad;
    }
    return NULL;
}

nuvInterfaceDef *
nuvInterfaceDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvInterfaceDef) def = NULL;
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
        const char *bad = unknownElement(0, root);
        if (bad) {
            nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA,
                               "Element %s has extra content: %s",
                               (const char *) root->name, bad);
            return NULL;
        }
    }

    def = g_new0(nuvInterfaceDef, 1);
    if (!(def->tree = nuvXNodeParseFlags(nuvInterfaceSchema, 0, root,
                                         NUV_XNODE_PARSE_SKIP_UNKNOWN)) ||
        rewriteInterface(def->tree, -1) < 0)
        return NULL;
    def->type = nuvXNodeGetEnum(def->tree, "type");
    def->name = g_strdup(nuvXNodeGet(def->tree, "name"));
    def->mac = g_strdup(nuvXNodeGet(nuvXNodeChild(def->tree, "mac"), "address"));
    return g_steal_pointer(&def);
}

char *
nuvInterfaceDefFormat(const nuvInterfaceDef *def)
{
    GString *buf = g_string_new(NULL);

    nuvXNodeFormat(def->tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}

nuvInterfaceDef *
nuvInterfaceDefCopy(const nuvInterfaceDef *def)
{
    nuvInterfaceDef *copy = g_new0(nuvInterfaceDef, 1);

    copy->type = def->type;
    copy->name = g_strdup(def->name);
    copy->mac = g_strdup(def->mac);
    copy->tree = nuvXNodeCopy(def->tree);
    return copy;
}
