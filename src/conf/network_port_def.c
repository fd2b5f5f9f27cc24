/*
 * network_port_def.c: parse and format libvirt's <networkport> XML.
 *
 * The document is read and written by the schema engine with
 * networkport.schema.  As libvirt reads this format, unknown elements are
 * ignored unless the caller asked for validation; the required pieces
 * (uuid, owner, mac) and the plug details are checked here, and the
 * values land in the typed struct the network driver works with.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "conf/network_port_def.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

extern const nuvXSElem nuvNetworkPortSchema[];

static const char *const plugTypes[] = {
    "none", "network", "bridge", "direct", "hostdev-pci",
};
G_STATIC_ASSERT(G_N_ELEMENTS(plugTypes) == NUV_NETWORK_PORT_PLUG_LAST);

/* The hostdev drivers libvirt accepts here (its enum minus "default"). */
static const char *const hostdevDrivers[] = { "kvm", "vfio", "xen", NULL };

const char *
nuvNetworkPortPlugTypeToString(int type)
{
    if (type < 0 || type >= NUV_NETWORK_PORT_PLUG_LAST)
        return NULL;
    return plugTypes[type];
}

void
nuvNetworkPortDefFree(nuvNetworkPortDef *def)
{
    if (!def)
        return;
    g_free(def->ownername);
    g_free(def->group);
    nuvXNodeFree(def->virtualport);
    nuvXNodeFree(def->vlan);
    g_free(def->in);
    g_free(def->out);
    g_free(def->brname);
    g_free(def->macTableManager);
    g_free(def->linkdev);
    g_free(def->mode);
    g_free(def->driverName);
    g_free(def);
}

/* ---- parsing ---- */

/* A yes/no attribute (checked by the schema): 0 absent, 1 yes, 2 no. */
static int
tristateOf(const nuvXNode *node, const char *name)
{
    const char *v = nuvXNodeGet(node, name);

    return !v ? 0 : strcmp(v, "yes") == 0 ? 1 : 2;
}

/* libvirt's MAC reading: six hex fields of one or two digits each. */
static bool
macParse(const char *s, char out[18])
{
    unsigned int b[6];
    const char *p = s;

    for (size_t i = 0; i < 6; i++) {
        char *end;
        unsigned long v;

        if (!g_ascii_isxdigit(*p))
            return false;
        errno = 0;
        v = strtoul(p, &end, 16);
        if (errno || v > 0xff || end - p > 2)
            return false;
        b[i] = v;
        p = end;
        if (i < 5) {
            if (*p != ':')
                return false;
            p++;
        }
    }
    if (*p)
        return false;
    g_snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    return true;
}

static int
parseRateValue(const nuvXNode *node, const char *name, unsigned long long *val)
{
    const char *v = nuvXNodeGet(node, name);
    char *end;

    if (!v)
        return 0;
    errno = 0;
    *val = g_ascii_strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-') {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "could not convert bandwidth %s value '%s'",
                       name, v);
        return -1;
    }
    return 0;
}

static nuvNetworkPortRate *
parseRate(const nuvXNode *node, bool allowFloor)
{
    g_autofree nuvNetworkPortRate *r = g_new0(nuvNetworkPortRate, 1);
    const char *floor = nuvXNodeGet(node, "floor");

    if (!nuvXNodeGet(node, "average") && !floor) {
        nuvReportError(VIR_ERR_XML_DETAIL, "%s", "Missing mandatory average or floor attributes");
        return NULL;
    }
    if (!allowFloor && floor) {
        nuvReportError(VIR_ERR_XML_DETAIL, "%s",
                       "floor attribute is not supported for this config");
        return NULL;
    }
    if (parseRateValue(node, "average", &r->average) < 0 ||
        parseRateValue(node, "peak", &r->peak) < 0 ||
        parseRateValue(node, "floor", &r->floor) < 0 ||
        parseRateValue(node, "burst", &r->burst) < 0)
        return NULL;
    return g_steal_pointer(&r);
}

static int
parseBandwidth(nuvNetworkPortDef *def, const nuvXNode *node)
{
    const char *classID = nuvXNodeGet(node, "classID");
    const nuvXNode *in = nuvXNodeChild(node, "inbound");
    const nuvXNode *out = nuvXNodeChild(node, "outbound");

    /* a uint, checked by the schema */
    if (classID)
        def->classID = g_ascii_strtoull(classID, NULL, 10);
    /* libvirt cannot tell yet whether the network allows a floor, so
     * inbound always accepts one; outbound never does */
    if (in && !(def->in = parseRate(in, true)))
        return -1;
    if (out && !(def->out = parseRate(out, false)))
        return -1;
    return 0;
}

static unsigned int
pciField(const nuvXNode *node, const char *name, unsigned int max, bool *ok)
{
    const char *v = nuvXNodeGet(node, name);
    char *end;
    guint64 n;

    if (!v)
        return 0;
    n = g_ascii_strtoull(v, &end, 0);
    if (end == v || *end || n > max) {
        nuvReportError(VIR_ERR_XML_ERROR, "Cannot parse <address> '%s' attribute", name);
        *ok = false;
    }
    return n;
}

static bool
inList(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], s) == 0)
            return true;
    }
    return false;
}

static int
parsePlug(nuvNetworkPortDef *def, const nuvXNode *plug)
{
    const char *type = nuvXNodeGet(plug, "type");
    const nuvXNode *addr;
    bool ok = true;

    def->plugtype = NUV_NETWORK_PORT_PLUG_NONE;
    if (!type)
        return 0;
    /* the schema has checked the word ("none" is not one) */
    for (size_t i = 0; i < NUV_NETWORK_PORT_PLUG_LAST; i++) {
        if (strcmp(plugTypes[i], type) == 0)
            def->plugtype = i;
    }

    switch ((nuvNetworkPortPlugType) def->plugtype) {
    case NUV_NETWORK_PORT_PLUG_NETWORK:
    case NUV_NETWORK_PORT_PLUG_BRIDGE:
        if (!(def->brname = g_strdup(nuvXNodeGet(plug, "bridge")))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port bridge name");
            return -1;
        }
        def->macTableManager = g_strdup(nuvXNodeGet(plug, "macTableManager"));
        break;
    case NUV_NETWORK_PORT_PLUG_DIRECT:
        if (!(def->linkdev = g_strdup(nuvXNodeGet(plug, "dev")))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port link device name");
            return -1;
        }
        def->mode = g_strdup(nuvXNodeGet(plug, "mode"));
        if (!def->mode)
            def->mode = g_strdup("vepa");
        break;
    case NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI:
        def->managed = tristateOf(plug, "managed");
        def->driverName = g_strdup(nuvXNodeGet(nuvXNodeChild(plug, "driver"), "name"));
        if (def->driverName && !inList(hostdevDrivers, def->driverName)) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port driver name");
            return -1;
        }
        if (!(addr = nuvXNodeChild(plug, "address"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port PCI address");
            return -1;
        }
        def->pciDomain = pciField(addr, "domain", 0xffff, &ok);
        def->pciBus = pciField(addr, "bus", 0xff, &ok);
        def->pciSlot = pciField(addr, "slot", 0x1f, &ok);
        def->pciFunction = pciField(addr, "function", 7, &ok);
        if (!ok)
            return -1;
        break;
    case NUV_NETWORK_PORT_PLUG_NONE:
    case NUV_NETWORK_PORT_PLUG_LAST:
        break;
    }
    return 0;
}

/* Detach @tree's first child @name, for the struct to own. */
static nuvXNode *
takeChild(nuvXNode *tree, const char *name)
{
    nuvXNode *c = nuvXNodeChild(tree, name);

    if (c)
        nuvXNodeDetach(c);
    return c;
}

nuvNetworkPortDef *
nuvNetworkPortDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvNetworkPortDef) def = NULL;
    g_autoptr(nuvXNode) tree = NULL;
    g_autofree char *uuid = NULL;
    g_autofree char *ownerUUID = NULL;
    const char *mac;
    xmlNodePtr root;
    nuvXNode *owner, *n;

    if (!(doc = nuvXMLParseString(xml, "(networkport_definition)", NULL)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (strcmp((const char *) root->name, "networkport") != 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "unknown root element for network port");
        return NULL;
    }
    if (!(tree = nuvXNodeParseFlags(nuvNetworkPortSchema, 0, root,
                                    (flags & VIR_NETWORK_PORT_CREATE_VALIDATE) ?
                                    0 : NUV_XNODE_PARSE_SKIP_UNKNOWN))) {
        if (flags & VIR_NETWORK_PORT_CREATE_VALIDATE)
            nuvXNodeReportSchemaError();
        else
            nuvXNodeRetagError(VIR_FROM_NETWORK, false);
        return NULL;
    }

    def = g_new0(nuvNetworkPortDef, 1);

    if (!(uuid = g_strdup(nuvXNodeChildText(tree, "uuid")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no uuid");
        return NULL;
    }
    if (nuvUUIDParse(uuid, def->uuid) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse UUID '%s'", uuid);
        return NULL;
    }

    owner = nuvXNodeChild(tree, "owner");
    if (!(def->ownername = g_strdup(nuvXNodeChildText(owner, "name")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no owner name");
        return NULL;
    }
    if (!(ownerUUID = g_strdup(nuvXNodeChildText(owner, "uuid")))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no owner UUID");
        return NULL;
    }
    if (nuvUUIDParse(ownerUUID, def->owneruuid) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse UUID '%s'", ownerUUID);
        return NULL;
    }

    def->group = g_strdup(nuvXNodeChildText(tree, "group"));
    def->virtualport = takeChild(tree, "virtualport");

    if (!(mac = nuvXNodeGet(nuvXNodeChild(tree, "mac"), "address"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no mac");
        return NULL;
    }
    if (!macParse(mac, def->mac)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse MAC '%s'", mac);
        return NULL;
    }

    if ((n = nuvXNodeChild(tree, "bandwidth")) && parseBandwidth(def, n) < 0)
        return NULL;
    def->vlan = takeChild(tree, "vlan");
    def->isolated = tristateOf(nuvXNodeChild(tree, "port"), "isolated");
    def->trustGuest = tristateOf(nuvXNodeChild(tree, "rxfilters"), "trustGuest");
    if ((n = nuvXNodeChild(tree, "plug")) && parsePlug(def, n) < 0)
        return NULL;

    return g_steal_pointer(&def);
}

/* ---- formatting ---- */

/* Copy @src under @parent by names: @src may come from the network
 * schema (a portgroup's <vlan> handed to the port), whose <vlan> and
 * <virtualport> have the same shape as ours. */
static void
graft(nuvXNode *parent, const nuvXNode *src)
{
    const nuvXSElem *e = &src->table[src->elem];
    nuvXNode *dst = nuvXNodeAddChild(parent, nuvXNodeName(src));

    for (size_t i = 0; e->attrs && e->attrs[i].name; i++)
        nuvXNodeSet(dst, e->attrs[i].name, src->vals[i]);
    nuvXNodeSetText(dst, src->text);
    for (guint i = 0; i < src->children->len; i++)
        graft(dst, g_ptr_array_index(src->children, i));
}

static void
setNumber(nuvXNode *node, const char *attr, const char *fmt, unsigned long long v)
{
    g_autofree char *s = g_strdup_printf(fmt, v);

    nuvXNodeSet(node, attr, s);
}

static void
addRate(nuvXNode *bandwidth, const char *name, const nuvNetworkPortRate *r)
{
    nuvXNode *n;

    if (!r || (!r->average && !r->floor))
        return;
    n = nuvXNodeAddChild(bandwidth, name);
    if (r->average)
        setNumber(n, "average", "%llu", r->average);
    if (r->peak)
        setNumber(n, "peak", "%llu", r->peak);
    if (r->floor)
        setNumber(n, "floor", "%llu", r->floor);
    if (r->burst)
        setNumber(n, "burst", "%llu", r->burst);
}

static void
addPlug(nuvXNode *tree, const nuvNetworkPortDef *def)
{
    nuvXNode *plug, *addr;

    if (def->plugtype <= NUV_NETWORK_PORT_PLUG_NONE || def->plugtype >= NUV_NETWORK_PORT_PLUG_LAST)
        return;
    plug = nuvXNodeAddChild(tree, "plug");
    nuvXNodeSet(plug, "type", plugTypes[def->plugtype]);
    switch ((nuvNetworkPortPlugType) def->plugtype) {
    case NUV_NETWORK_PORT_PLUG_NETWORK:
    case NUV_NETWORK_PORT_PLUG_BRIDGE:
        nuvXNodeSet(plug, "bridge", def->brname);
        nuvXNodeSet(plug, "macTableManager", def->macTableManager);
        break;
    case NUV_NETWORK_PORT_PLUG_DIRECT:
        nuvXNodeSet(plug, "dev", def->linkdev);
        nuvXNodeSet(plug, "mode", def->mode ? def->mode : "vepa");
        break;
    case NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI:
        if (def->managed)
            nuvXNodeSet(plug, "managed", def->managed == 1 ? "yes" : "no");
        if (def->driverName)
            nuvXNodeSet(nuvXNodeAddChild(plug, "driver"), "name", def->driverName);
        addr = nuvXNodeAddChild(plug, "address");
        setNumber(addr, "domain", "0x%04llx", def->pciDomain);
        setNumber(addr, "bus", "0x%02llx", def->pciBus);
        setNumber(addr, "slot", "0x%02llx", def->pciSlot);
        setNumber(addr, "function", "0x%llu", def->pciFunction);
        break;
    case NUV_NETWORK_PORT_PLUG_NONE:
    case NUV_NETWORK_PORT_PLUG_LAST:
        break;
    }
}

char *
nuvNetworkPortDefFormat(const nuvNetworkPortDef *def)
{
    g_autoptr(nuvXNode) tree = nuvXNodeNew(nuvNetworkPortSchema, 0);
    GString *buf = g_string_new(NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];
    nuvXNode *owner, *n;

    nuvXNodeSetText(nuvXNodeAddChild(tree, "uuid"), nuvUUIDFormat(def->uuid, uuid));
    owner = nuvXNodeAddChild(tree, "owner");
    nuvXNodeSetText(nuvXNodeAddChild(owner, "name"), def->ownername);
    nuvXNodeSetText(nuvXNodeAddChild(owner, "uuid"), nuvUUIDFormat(def->owneruuid, uuid));
    if (def->group)
        nuvXNodeSetText(nuvXNodeAddChild(tree, "group"), def->group);
    nuvXNodeSet(nuvXNodeAddChild(tree, "mac"), "address", def->mac);
    if (def->virtualport)
        graft(tree, def->virtualport);
    if (def->in || def->out) {
        n = nuvXNodeAddChild(tree, "bandwidth");
        if (def->classID)
            setNumber(n, "classID", "%llu", def->classID);
        addRate(n, "inbound", def->in);
        addRate(n, "outbound", def->out);
    }
    if (def->vlan)
        graft(tree, def->vlan);
    if (def->isolated)
        nuvXNodeSet(nuvXNodeAddChild(tree, "port"), "isolated", def->isolated == 1 ? "yes" : "no");
    if (def->trustGuest)
        nuvXNodeSet(nuvXNodeAddChild(tree, "rxfilters"), "trustGuest",
                    def->trustGuest == 1 ? "yes" : "no");
    addPlug(tree, def);
    nuvXNodeFormat(tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}
