/*
 * network_port_def.c: parse and format libvirt's <networkport> XML.
 *
 * The parser follows libvirt's reading of the format: required pieces
 * (uuid, owner, mac) and the plug details are checked, unknown elements
 * are ignored (unless the caller asked for validation), and formatting
 * writes everything in libvirt's fixed order.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "conf/network_port_def.h"
#include "conf/network_def.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

static const char *const plugTypes[] = {
    "none", "network", "bridge", "direct", "hostdev-pci",
};
G_STATIC_ASSERT(G_N_ELEMENTS(plugTypes) == NUV_NETWORK_PORT_PLUG_LAST);

/* Values libvirt accepts for these attributes (its enums, minus the
 * "default" entries it refuses here). */
static const char *const macTableManagers[] = { "kernel", "libvirt", NULL };
static const char *const macvtapModes[] = { "vepa", "private", "bridge", "passthrough", NULL };
static const char *const hostdevDrivers[] = { "kvm", "vfio", "xen", NULL };

/* The children libvirt's RelaxNG schema allows under <networkport>. */
static const char *const knownChildren[] = {
    "uuid", "owner", "group", "mac", "virtualport", "bandwidth", "vlan", "port",
    "rxfilters", "plug", NULL,
};

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

static bool
inList(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], s) == 0)
            return true;
    }
    return false;
}

static char *
prop(xmlNodePtr node, const char *name)
{
    xmlChar *s;
    char *ret;

    if (!node || !(s = xmlGetProp(node, (const xmlChar *) name)))
        return NULL;
    ret = g_strdup((const char *) s);
    xmlFree(s);
    return ret;
}

/* yes/no attribute: 0 absent, 1 yes, 2 no, -1 (reported) otherwise. */
static int
propTristate(xmlNodePtr node, const char *name)
{
    g_autofree char *v = prop(node, name);

    if (!v)
        return 0;
    if (strcmp(v, "yes") == 0)
        return 1;
    if (strcmp(v, "no") == 0)
        return 2;
    nuvReportError(VIR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                   name, (const char *) node->name, v);
    return -1;
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
parseRateValue(xmlNodePtr node, const char *name, unsigned long long *val)
{
    g_autofree char *v = prop(node, name);
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
parseRate(xmlNodePtr node, bool allowFloor)
{
    g_autofree nuvNetworkPortRate *r = g_new0(nuvNetworkPortRate, 1);
    g_autofree char *average = prop(node, "average");
    g_autofree char *floor = prop(node, "floor");

    if (!average && !floor) {
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
parseBandwidth(nuvNetworkPortDef *def, xmlNodePtr node)
{
    g_autofree char *classID = prop(node, "classID");
    xmlNodePtr in = nuvXMLChild(node, "inbound");
    xmlNodePtr out = nuvXMLChild(node, "outbound");

    if (classID) {
        char *end;
        guint64 v = g_ascii_strtoull(classID, &end, 10);
        if (end == classID || *end || v > G_MAXUINT) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Invalid value for attribute 'classID' in element 'bandwidth': '%s'. "
                           "Expected non-negative integer value", classID);
            return -1;
        }
        def->classID = v;
    }
    /* libvirt cannot tell yet whether the network allows a floor, so
     * inbound always accepts one; outbound never does */
    if (in && !(def->in = parseRate(in, true)))
        return -1;
    if (out && !(def->out = parseRate(out, false)))
        return -1;
    return 0;
}

/* A subtree read with the network schema, which describes <virtualport>
 * and <vlan> exactly as the port format uses them. */
static nuvXNode *
parseNetworkSubtree(xmlNodePtr node)
{
    g_autoptr(nuvXNode) root = nuvXNodeNew(nuvNetworkSchema, 0);
    int elem = nuvXNodeChildElem(root, (const char *) node->name);

    return nuvXNodeParse(nuvNetworkSchema, elem, node);
}

static unsigned int
pciField(xmlNodePtr node, const char *name, unsigned int max, bool *ok)
{
    g_autofree char *v = prop(node, name);
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

static int
parsePlug(nuvNetworkPortDef *def, xmlNodePtr plug)
{
    g_autofree char *type = prop(plug, "type");
    xmlNodePtr addr;
    bool ok = true;

    def->plugtype = NUV_NETWORK_PORT_PLUG_NONE;
    if (!type)
        return 0;
    for (size_t i = 0; i < NUV_NETWORK_PORT_PLUG_LAST; i++) {
        if (strcmp(plugTypes[i], type) == 0)
            def->plugtype = i;
    }
    if (def->plugtype == NUV_NETWORK_PORT_PLUG_NONE) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "Invalid value for attribute 'type' in element 'plug': '%s'.", type);
        return -1;
    }

    switch ((nuvNetworkPortPlugType) def->plugtype) {
    case NUV_NETWORK_PORT_PLUG_NETWORK:
    case NUV_NETWORK_PORT_PLUG_BRIDGE:
        if (!(def->brname = prop(plug, "bridge"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port bridge name");
            return -1;
        }
        def->macTableManager = prop(plug, "macTableManager");
        if (def->macTableManager && !inList(macTableManagers, def->macTableManager)) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Invalid macTableManager setting '%s' in network port",
                           def->macTableManager);
            return -1;
        }
        break;
    case NUV_NETWORK_PORT_PLUG_DIRECT:
        if (!(def->linkdev = prop(plug, "dev"))) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port link device name");
            return -1;
        }
        def->mode = prop(plug, "mode");
        if (def->mode && !inList(macvtapModes, def->mode)) {
            nuvReportError(VIR_ERR_XML_ERROR, "Invalid mode setting '%s' in network port",
                           def->mode);
            return -1;
        }
        if (!def->mode)
            def->mode = g_strdup("vepa");
        break;
    case NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI:
        if ((def->managed = propTristate(plug, "managed")) < 0)
            return -1;
        def->driverName = prop(nuvXMLChild(plug, "driver"), "name");
        if (def->driverName && !inList(hostdevDrivers, def->driverName)) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Missing network port driver name");
            return -1;
        }
        if (!(addr = nuvXMLChild(plug, "address"))) {
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

nuvNetworkPortDef *
nuvNetworkPortDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvNetworkPortDef) def = NULL;
    g_autofree char *uuid = NULL;
    g_autofree char *ownerUUID = NULL;
    g_autofree char *mac = NULL;
    xmlNodePtr root, owner, n;

    if (!(doc = nuvXMLParseString(xml, "(networkport_definition)", NULL)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (strcmp((const char *) root->name, "networkport") != 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "unknown root element for network port");
        return NULL;
    }
    if (flags & VIR_NETWORK_PORT_CREATE_VALIDATE) {
        for (n = root->children; n; n = n->next) {
            if (n->type == XML_ELEMENT_NODE && !inList(knownChildren, (const char *) n->name)) {
                nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA, __FILE__,
                                   __func__, __LINE__,
                                   "XML document failed to validate against schema: "
                                   "Unexpected element <%s> in <networkport>",
                                   (const char *) n->name);
                return NULL;
            }
        }
    }

    def = g_new0(nuvNetworkPortDef, 1);

    if (!(uuid = nuvXMLChildText(root, "uuid"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no uuid");
        return NULL;
    }
    if (nuvUUIDParse(uuid, def->uuid) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse UUID '%s'", uuid);
        return NULL;
    }

    owner = nuvXMLChild(root, "owner");
    if (!(def->ownername = nuvXMLChildText(owner, "name"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no owner name");
        return NULL;
    }
    if (!(ownerUUID = nuvXMLChildText(owner, "uuid"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no owner UUID");
        return NULL;
    }
    if (nuvUUIDParse(ownerUUID, def->owneruuid) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse UUID '%s'", ownerUUID);
        return NULL;
    }

    def->group = nuvXMLChildText(root, "group");

    if ((n = nuvXMLChild(root, "virtualport")) && !(def->virtualport = parseNetworkSubtree(n)))
        return NULL;

    if (!(mac = prop(nuvXMLChild(root, "mac"), "address"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "network port has no mac");
        return NULL;
    }
    if (!macParse(mac, def->mac)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Unable to parse MAC '%s'", mac);
        return NULL;
    }

    if ((n = nuvXMLChild(root, "bandwidth")) && parseBandwidth(def, n) < 0)
        return NULL;
    if ((n = nuvXMLChild(root, "vlan")) && !(def->vlan = parseNetworkSubtree(n)))
        return NULL;
    if ((n = nuvXMLChild(root, "port")) && (def->isolated = propTristate(n, "isolated")) < 0)
        return NULL;
    if ((n = nuvXMLChild(root, "rxfilters")) &&
        (def->trustGuest = propTristate(n, "trustGuest")) < 0)
        return NULL;
    if ((n = nuvXMLChild(root, "plug")) && parsePlug(def, n) < 0)
        return NULL;

    return g_steal_pointer(&def);
}

static const char *
tristateStr(int v)
{
    return v == 1 ? "yes" : "no";
}

static void
formatRate(GString *buf, const char *name, const nuvNetworkPortRate *r)
{
    if (!r || (!r->average && !r->floor))
        return;
    nuvXMLIndent(buf, 2);
    g_string_append_printf(buf, "<%s", name);
    if (r->average)
        g_string_append_printf(buf, " average='%llu'", r->average);
    if (r->peak)
        g_string_append_printf(buf, " peak='%llu'", r->peak);
    if (r->floor)
        g_string_append_printf(buf, " floor='%llu'", r->floor);
    if (r->burst)
        g_string_append_printf(buf, " burst='%llu'", r->burst);
    g_string_append(buf, "/>\n");
}

static void
attr(GString *buf, const char *name, const char *value)
{
    if (!value)
        return;
    g_string_append_printf(buf, " %s='", name);
    nuvXMLEscapeAttr(buf, value);
    g_string_append_c(buf, '\'');
}

char *
nuvNetworkPortDefFormat(const nuvNetworkPortDef *def)
{
    GString *buf = g_string_new("<networkport>\n");
    char uuid[VIR_UUID_STRING_BUFLEN];

    g_string_append_printf(buf, "  <uuid>%s</uuid>\n", nuvUUIDFormat(def->uuid, uuid));
    g_string_append(buf, "  <owner>\n    <name>");
    nuvXMLEscapeText(buf, def->ownername);
    g_string_append_printf(buf, "</name>\n    <uuid>%s</uuid>\n  </owner>\n",
                           nuvUUIDFormat(def->owneruuid, uuid));
    if (def->group) {
        g_string_append(buf, "  <group>");
        nuvXMLEscapeText(buf, def->group);
        g_string_append(buf, "</group>\n");
    }
    g_string_append_printf(buf, "  <mac address='%s'/>\n", def->mac);
    if (def->virtualport)
        nuvXNodeFormat(def->virtualport, buf, 1, 0);
    if (def->in || def->out) {
        g_string_append(buf, "  <bandwidth");
        if (def->classID)
            g_string_append_printf(buf, " classID='%u'", def->classID);
        g_string_append(buf, ">\n");
        formatRate(buf, "inbound", def->in);
        formatRate(buf, "outbound", def->out);
        g_string_append(buf, "  </bandwidth>\n");
    }
    if (def->vlan)
        nuvXNodeFormat(def->vlan, buf, 1, 0);
    if (def->isolated)
        g_string_append_printf(buf, "  <port isolated='%s'/>\n", tristateStr(def->isolated));
    if (def->trustGuest)
        g_string_append_printf(buf, "  <rxfilters trustGuest='%s'/>\n",
                               tristateStr(def->trustGuest));

    switch ((nuvNetworkPortPlugType) def->plugtype) {
    case NUV_NETWORK_PORT_PLUG_NETWORK:
    case NUV_NETWORK_PORT_PLUG_BRIDGE:
        g_string_append_printf(buf, "  <plug type='%s'", plugTypes[def->plugtype]);
        attr(buf, "bridge", def->brname);
        attr(buf, "macTableManager", def->macTableManager);
        g_string_append(buf, "/>\n");
        break;
    case NUV_NETWORK_PORT_PLUG_DIRECT:
        g_string_append(buf, "  <plug type='direct'");
        attr(buf, "dev", def->linkdev);
        attr(buf, "mode", def->mode ? def->mode : "vepa");
        g_string_append(buf, "/>\n");
        break;
    case NUV_NETWORK_PORT_PLUG_HOSTDEV_PCI:
        g_string_append(buf, "  <plug type='hostdev-pci'");
        if (def->managed)
            attr(buf, "managed", tristateStr(def->managed));
        g_string_append(buf, ">\n");
        if (def->driverName)
            g_string_append_printf(buf, "    <driver name='%s'/>\n", def->driverName);
        g_string_append_printf(buf, "    <address domain='0x%04x' bus='0x%02x' "
                               "slot='0x%02x' function='0x%u'/>\n",
                               def->pciDomain, def->pciBus, def->pciSlot, def->pciFunction);
        g_string_append(buf, "  </plug>\n");
        break;
    case NUV_NETWORK_PORT_PLUG_NONE:
    case NUV_NETWORK_PORT_PLUG_LAST:
        break;
    }
    g_string_append(buf, "</networkport>\n");
    return g_string_free(buf, FALSE);
}
