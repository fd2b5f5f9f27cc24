/*
 * nuvsh-domain-stats.c: commands that list a domain's devices and report
 * their statistics (domblklist, domiflist, domblkstat, domstats, ...)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "nuvsh.h"


/* The domain's XML parsed, for the commands that list devices. */
static xmlDocPtr
nuvshDomainXMLDoc(nuvshControl *ctl,
                  virDomainPtr dom,
                  unsigned int flags)
{
    g_autofree char *xml = NULL;
    xmlDocPtr doc;

    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return NULL;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)))
        nuvshError(ctl, "%s", "Failed to parse domain description xml");
    return doc;
}


/* The first child element of @node named @name, or NULL. */
static xmlNodePtr
nuvshXMLChild(xmlNodePtr node,
              const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && xmlStrEqual(cur->name, (const xmlChar *) name))
            return cur;
    }
    return NULL;
}


/* An attribute of @node's child @child as a new string, or NULL. */
static char *
nuvshXMLChildProp(xmlNodePtr node,
                  const char *child,
                  const char *attr)
{
    xmlNodePtr c = child ? nuvshXMLChild(node, child) : node;
    xmlChar *val;
    char *ret;

    if (!c || !(val = xmlGetProp(c, (const xmlChar *) attr)))
        return NULL;
    ret = g_strdup((const char *) val);
    xmlFree(val);
    return ret;
}


/* All elements matching @expr. */
static xmlXPathObjectPtr
nuvshXMLNodes(xmlDocPtr doc,
              const char *expr)
{
    xmlXPathContextPtr xctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr res = xmlXPathEvalExpression((const xmlChar *) expr, xctx);

    xmlXPathFreeContext(xctx);
    return res;
}


static int
nuvshXMLNodeCount(xmlXPathObjectPtr res)
{
    return res && res->nodesetval ? res->nodesetval->nodeNr : 0;
}


/* The source of a disk as virsh lists it: file, device, dir, name or
 * volume, whichever is set. */
static char *
nuvshDiskSource(xmlNodePtr disk)
{
    static const char *const attrs[] = { "file", "dev", "dir", "name", "volume" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(attrs); i++) {
        char *val = nuvshXMLChildProp(disk, "source", attrs[i]);

        if (val) {
            if (g_str_equal(attrs[i], "volume")) {
                g_autofree char *pool = nuvshXMLChildProp(disk, "source", "pool");
                char *both = g_strdup_printf("%s/%s", pool ? pool : "", val);

                g_free(val);
                return both;
            }
            return val;
        }
    }
    return NULL;
}


/* ---- domblklist ------------------------------------------------------ */

static const nuvshCmdOptDef opts_domblklist[] = {
    NUVSH_OPT_DOMAIN,
    { "inactive", NUVSH_OT_BOOL, 0, "list the disks of the persistent definition" },
    { "details", NUVSH_OT_BOOL, 0, "add the disk type and device columns" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomblklist(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshTable) table = NULL;
    bool details = nuvshCommandOptBool(cmd, "details");
    xmlDocPtr doc;
    xmlXPathObjectPtr disks;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(doc = nuvshDomainXMLDoc(ctl, dom, nuvshCommandOptBool(cmd, "inactive") ?
                                  VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;

    if (details) {
        table = nuvshTableNew("Type", "Device", "Target", "Source", NULL);
        nuvshTableSetKeys(table, "type", "device", "target", "source", NULL);
    } else {
        table = nuvshTableNew("Target", "Source", NULL);
        nuvshTableSetKeys(table, "target", "source", NULL);
    }

    disks = nuvshXMLNodes(doc, "/domain/devices/disk");
    for (i = 0; i < nuvshXMLNodeCount(disks); i++) {
        xmlNodePtr disk = disks->nodesetval->nodeTab[i];
        g_autofree char *target = nuvshXMLChildProp(disk, "target", "dev");
        g_autofree char *source = nuvshDiskSource(disk);

        if (!target) {
            nuvshError(ctl, "%s", "unable to query block list");
            xmlXPathFreeObject(disks);
            xmlFreeDoc(doc);
            return false;
        }
        if (details) {
            g_autofree char *type = nuvshXMLChildProp(disk, NULL, "type");
            g_autofree char *device = nuvshXMLChildProp(disk, NULL, "device");

            nuvshTableAddRow(table, type ? type : "", device ? device : "disk", target,
                             source ? source : "-", NULL);
        } else {
            nuvshTableAddRow(table, target, source ? source : "-", NULL);
        }
    }
    xmlXPathFreeObject(disks);
    xmlFreeDoc(doc);

    return nuvshTableOutput(ctl, cmd, table, true);
}


/* ---- domiflist, domif-getlink ---------------------------------------- */

static const nuvshCmdOptDef opts_domiflist[] = {
    NUVSH_OPT_DOMAIN,
    { "inactive", NUVSH_OT_BOOL, 0, "list the interfaces of the persistent definition" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomiflist(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    static const char *const srcattrs[] = { "bridge", "dev", "network", "name", "path" };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshTable) table = NULL;
    xmlDocPtr doc;
    xmlXPathObjectPtr ifaces;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(doc = nuvshDomainXMLDoc(ctl, dom, nuvshCommandOptBool(cmd, "inactive") ?
                                  VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;

    table = nuvshTableNew("Interface", "Type", "Source", "Model", "MAC", NULL);
    nuvshTableSetKeys(table, "interface", "type", "source", "model", "mac", NULL);
    ifaces = nuvshXMLNodes(doc, "/domain/devices/interface");
    for (i = 0; i < nuvshXMLNodeCount(ifaces); i++) {
        xmlNodePtr iface = ifaces->nodesetval->nodeTab[i];
        g_autofree char *type = nuvshXMLChildProp(iface, NULL, "type");
        g_autofree char *target = nuvshXMLChildProp(iface, "target", "dev");
        g_autofree char *model = nuvshXMLChildProp(iface, "model", "type");
        g_autofree char *mac = nuvshXMLChildProp(iface, "mac", "address");
        g_autofree char *source = NULL;
        size_t j;

        for (j = 0; j < G_N_ELEMENTS(srcattrs) && !source; j++)
            source = nuvshXMLChildProp(iface, "source", srcattrs[j]);

        nuvshTableAddRow(table, target ? target : "-", type ? type : "-",
                         source ? source : "-", model ? model : "-", mac ? mac : "-", NULL);
    }
    xmlXPathFreeObject(ifaces);
    xmlFreeDoc(doc);

    return nuvshTableOutput(ctl, cmd, table, true);
}


static const nuvshCmdOptDef opts_domif_getlink[] = {
    NUVSH_OPT_DOMAIN,
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "interface target device or MAC address" },
    { "persistent", NUVSH_OT_ALIAS, 0, "config" },
    { "config", NUVSH_OT_BOOL, 0, "read the persistent definition" },
    { NULL },
};

static bool
cmdDomifGetlink(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *iface = NULL;
    xmlDocPtr doc;
    xmlXPathObjectPtr ifaces;
    bool found = false;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &iface) < 0)
        return false;
    if (!(doc = nuvshDomainXMLDoc(ctl, dom, nuvshCommandOptBool(cmd, "config") ?
                                  VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;

    ifaces = nuvshXMLNodes(doc, "/domain/devices/interface");
    for (i = 0; i < nuvshXMLNodeCount(ifaces) && !found; i++) {
        xmlNodePtr node = ifaces->nodesetval->nodeTab[i];
        g_autofree char *target = nuvshXMLChildProp(node, "target", "dev");
        g_autofree char *mac = nuvshXMLChildProp(node, "mac", "address");
        g_autofree char *state = NULL;

        if (!(target && g_str_equal(target, iface)) &&
            !(mac && g_ascii_strcasecmp(mac, iface) == 0))
            continue;
        found = true;
        state = nuvshXMLChildProp(node, "link", "state");
        /* no newline: the one after every command ends the line */
        nuvshPrint(ctl, "%s %s", iface, state ? state : "up");
    }
    xmlXPathFreeObject(ifaces);
    xmlFreeDoc(doc);

    if (!found) {
        if (strchr(iface, ':'))
            nuvshError(ctl, "Interface (mac: %s) not found.", iface);
        else
            nuvshError(ctl, "Interface (dev: %s) not found.", iface);
        return false;
    }
    return true;
}


/* ---- domifaddr ------------------------------------------------------- */

static const nuvshCmdOptDef opts_domifaddr[] = {
    NUVSH_OPT_DOMAIN,
    { "interface", NUVSH_OT_STRING, 0, "only this interface" },
    { "full", NUVSH_OT_BOOL, 0, "repeat the interface name and MAC on every line" },
    { "source", NUVSH_OT_STRING, 0, "where to get the addresses: lease, agent or arp" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomifaddr(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virDomainInterfacePtr *ifaces = NULL;
    const char *only = NULL;
    const char *sourcestr = NULL;
    bool full = nuvshCommandOptBool(cmd, "full");
    unsigned int source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    int n;
    int i;

    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &only) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "source", &sourcestr) < 0)
        return false;
    if (sourcestr) {
        if (g_str_equal(sourcestr, "lease")) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
        } else if (g_str_equal(sourcestr, "agent")) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT;
        } else if (g_str_equal(sourcestr, "arp")) {
            source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP;
        } else {
            nuvshError(ctl, "Unknown data source '%s'", sourcestr);
            return false;
        }
    }
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if ((n = virDomainInterfaceAddresses(dom, &ifaces, source, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to query for interfaces addresses");
        return false;
    }

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        for (i = 0; i < n; i++) {
            json_object *row;
            json_object *addrs;
            size_t j;

            if (only && !g_str_equal(only, ifaces[i]->name) &&
                !(ifaces[i]->hwaddr && g_ascii_strcasecmp(only, ifaces[i]->hwaddr) == 0))
                continue;
            row = nuvshJSONRow(arr);
            nuvshJSONStr(row, "name", ifaces[i]->name);
            nuvshJSONStr(row, "mac", ifaces[i]->hwaddr);
            addrs = json_object_new_array();
            for (j = 0; j < ifaces[i]->naddrs; j++) {
                json_object *addr = nuvshJSONRow(addrs);

                nuvshJSONStr(addr, "protocol", ifaces[i]->addrs[j].type == VIR_IP_ADDR_TYPE_IPV6
                                               ? "ipv6" : "ipv4");
                nuvshJSONStr(addr, "address", ifaces[i]->addrs[j].addr);
                nuvshJSONUInt(addr, "prefix", ifaces[i]->addrs[j].prefix);
            }
            json_object_object_add(row, "addresses", addrs);
        }
        for (i = 0; i < n; i++)
            virDomainInterfaceFree(ifaces[i]);
        g_free(ifaces);
        return nuvshJSONPrint(ctl, arr);
    }

    nuvshPrintExtra(ctl, " %-10s %-20s %-12s %s\n%s\n", "Name", "MAC address", "Protocol",
                    "Address", "-------------------------------------------------"
                    "------------------------------");

    for (i = 0; i < n; i++) {
        virDomainInterfacePtr iface = ifaces[i];
        const char *mac = iface->hwaddr ? iface->hwaddr : "N/A";
        size_t j;

        if (only && !g_str_equal(only, iface->name) &&
            !(iface->hwaddr && g_ascii_strcasecmp(only, iface->hwaddr) == 0))
            continue;

        if (iface->naddrs == 0)
            nuvshPrint(ctl, " %-10s %-17s    %-12s %s\n", iface->name, mac, "N/A", "N/A");

        for (j = 0; j < iface->naddrs; j++) {
            virDomainIPAddressPtr addr = &iface->addrs[j];
            g_autofree char *ip = g_strdup_printf("%s/%d", addr->addr, addr->prefix);
            const char *proto = addr->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4";

            if (j == 0 || full)
                nuvshPrint(ctl, " %-10s %-17s    %-12s %s\n", iface->name, mac, proto, ip);
            else
                nuvshPrint(ctl, " %-10s %-17s    %-12s %s\n", "-", "-", proto, ip);
        }
    }

    for (i = 0; i < n; i++)
        virDomainInterfaceFree(ifaces[i]);
    g_free(ifaces);
    return true;
}


/* ---- domblkinfo ------------------------------------------------------ */

static char *
nuvshBlkSize(unsigned long long bytes,
             bool human)
{
    const char *unit;
    double val;

    if (!human)
        return g_strdup_printf("%llu", bytes);
    val = nuvshPrettyCapacityValue(bytes, &unit);
    return g_strdup_printf("%.3lf %s", val, unit);
}


static const nuvshCmdOptDef opts_domblkinfo[] = {
    NUVSH_OPT_DOMAIN,
    { "device", NUVSH_OT_STRING, 0, "disk target or source path" },
    { "human", NUVSH_OT_BOOL, 0, "print sizes in human units" },
    { "all", NUVSH_OT_BOOL, 0, "show every disk of the domain" },
    NUVSH_OPT_JSON,
    { NULL },
};

/* The three sizes of one disk in bytes; null for each when @info is NULL. */
static void
nuvshBlkInfoJSON(json_object *obj,
                 const virDomainBlockInfo *info)
{
    if (info) {
        nuvshJSONUInt(obj, "capacity", info->capacity);
        nuvshJSONUInt(obj, "allocation", info->allocation);
        nuvshJSONUInt(obj, "physical", info->physical);
    } else {
        nuvshJSONNull(obj, "capacity");
        nuvshJSONNull(obj, "allocation");
        nuvshJSONNull(obj, "physical");
    }
}


static bool
cmdDomblkinfo(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    bool human = nuvshCommandOptBool(cmd, "human");
    bool json = nuvshJSONWanted(cmd);
    const char *device = NULL;
    virDomainBlockInfo info;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "device", &device) < 0)
        return false;
    if (!device && !nuvshCommandOptBool(cmd, "all")) {
        /* virsh words this as a missing required option */
        nuvshError(ctl, "%s", "command 'domblkinfo' requires <device> option");
        return false;
    }
    if (device && nuvshCommandOptBool(cmd, "all")) {
        nuvshError(ctl, "%s", "Options --all and --device are mutually exclusive");
        return false;
    }

    if (device) {
        g_autofree char *cap = NULL;
        g_autofree char *alloc = NULL;
        g_autofree char *phys = NULL;

        if (virDomainGetBlockInfo(dom, device, &info, 0) < 0)
            return false;
        if (json) {
            json_object *doc = json_object_new_object();

            nuvshBlkInfoJSON(doc, &info);
            return nuvshJSONPrint(ctl, doc);
        }
        cap = nuvshBlkSize(info.capacity, human);
        alloc = nuvshBlkSize(info.allocation, human);
        phys = nuvshBlkSize(info.physical, human);
        nuvshPrint(ctl, "%-15s %s\n", "Capacity:", cap);
        nuvshPrint(ctl, "%-15s %s\n", "Allocation:", alloc);
        nuvshPrint(ctl, "%-15s %s\n", "Physical:", phys);
        return true;
    } else {
        g_autoptr(nuvshTable) table = nuvshTableNew("Target", "Capacity", "Allocation",
                                                    "Physical", NULL);
        xmlDocPtr doc;
        xmlXPathObjectPtr disks;
        bool active = virDomainIsActive(dom) == 1;
        json_object *arr = NULL;
        int i;

        if (!(doc = nuvshDomainXMLDoc(ctl, dom, 0)))
            return false;
        if (json)
            arr = json_object_new_array();
        disks = nuvshXMLNodes(doc, "/domain/devices/disk");
        for (i = 0; i < nuvshXMLNodeCount(disks); i++) {
            xmlNodePtr disk = disks->nodesetval->nodeTab[i];
            g_autofree char *target = nuvshXMLChildProp(disk, "target", "dev");
            g_autofree char *source = nuvshDiskSource(disk);
            g_autofree char *cap = NULL;
            g_autofree char *alloc = NULL;
            g_autofree char *phys = NULL;

            if (!target)
                continue;
            if (json) {
                json_object *row = nuvshJSONRow(arr);
                bool have = (active || source) &&
                            virDomainGetBlockInfo(dom, target, &info, 0) == 0;

                nuvshResetLibvirtError(ctl);
                nuvshJSONStr(row, "target", target);
                nuvshBlkInfoJSON(row, have ? &info : NULL);
                continue;
            }
            if ((active || source) && virDomainGetBlockInfo(dom, target, &info, 0) == 0) {
                cap = nuvshBlkSize(info.capacity, human);
                alloc = nuvshBlkSize(info.allocation, human);
                phys = nuvshBlkSize(info.physical, human);
            } else {
                nuvshResetLibvirtError(ctl);
            }
            nuvshTableAddRow(table, target, cap ? cap : "-", alloc ? alloc : "-",
                             phys ? phys : "-", NULL);
        }
        xmlXPathFreeObject(disks);
        xmlFreeDoc(doc);
        if (json)
            return nuvshJSONPrint(ctl, arr);
        nuvshTablePrint(ctl, table, true);
        return true;
    }
}


/* ---- domblkstat ------------------------------------------------------ */

static const nuvshCmdOptDef opts_domblkstat[] = {
    NUVSH_OPT_DOMAIN,
    { "device", NUVSH_OT_STRING, 0, "disk target or source path; all disks when omitted" },
    { "human", NUVSH_OT_BOOL, 0, "print the statistics with labels" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomblkstat(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const struct {
        const char *field;
        const char *legacy;
        const char *human;
    } fields[] = {
        { VIR_DOMAIN_BLOCK_STATS_READ_REQ, "rd_req", "number of read operations:" },
        { VIR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd_bytes", "number of bytes read:" },
        { VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr_req", "number of write operations:" },
        { VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr_bytes", "number of bytes written:" },
        { VIR_DOMAIN_BLOCK_STATS_ERRS, "errs", "error count:" },
        { VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ, NULL, "number of flush operations:" },
        { VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, NULL, "total duration of reads (ns):" },
        { VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, NULL, "total duration of writes (ns):" },
        { VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, NULL, "total duration of flushes (ns):" },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    const char *device = NULL;
    const char *name;
    bool human = nuvshCommandOptBool(cmd, "human");
    int nparams = 0;
    size_t i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "device", &device) < 0)
        return false;
    if (!device)
        device = "";

    if (virDomainBlockStatsFlags(dom, device, NULL, &nparams, 0) < 0 ||
        (params = g_new0(virTypedParameter, nparams),
         virDomainBlockStatsFlags(dom, device, params, &nparams,
                                  VIR_TYPED_PARAM_STRING_OKAY) < 0)) {
        nuvshError(ctl, "Failed to get block stats %s %s", name, device);
        g_free(params);
        return false;
    }

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();
        int j;

        /* the API's own field names, which the text form shortens */
        nuvshJSONStr(doc, "device", device);
        for (j = 0; j < nparams; j++)
            nuvshJSONTypedParam(doc, &params[j]);
        virTypedParamsFree(params, nparams);
        return nuvshJSONPrint(ctl, doc);
    }

    if (human)
        nuvshPrint(ctl, "Device: %s\n", device);

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        long long value;
        int j;

        for (j = 0; j < nparams; j++) {
            if (g_str_equal(params[j].field, fields[i].field))
                break;
        }
        if (j == nparams)
            continue;
        value = params[j].type == VIR_TYPED_PARAM_LLONG ? params[j].value.l
                                                         : (long long) params[j].value.ul;
        if (value < 0)
            continue;
        if (human)
            nuvshPrint(ctl, " %-31s %lld\n", fields[i].human, value);
        else
            nuvshPrint(ctl, "%s %s %lld\n", device,
                       fields[i].legacy ? fields[i].legacy : fields[i].field, value);
    }

    virTypedParamsFree(params, nparams);
    return true;
}


/* ---- domifstat ------------------------------------------------------- */

static const nuvshCmdOptDef opts_domifstat[] = {
    NUVSH_OPT_DOMAIN,
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "interface target device or MAC address" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomifstat(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virDomainInterfaceStatsStruct stats;
    const char *device = NULL;
    const char *name;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &device) < 0)
        return false;

    if (virDomainInterfaceStats(dom, device, &stats, sizeof(stats)) < 0) {
        nuvshError(ctl, "Failed to get interface stats %s %s", name, device);
        return false;
    }

    /* each counter once, for both forms; a negative one is not kept */
    {
        const struct {
            const char *name;
            long long value;
        } counters[] = {
            { "rx_bytes", stats.rx_bytes }, { "rx_packets", stats.rx_packets },
            { "rx_errs", stats.rx_errs }, { "rx_drop", stats.rx_drop },
            { "tx_bytes", stats.tx_bytes }, { "tx_packets", stats.tx_packets },
            { "tx_errs", stats.tx_errs }, { "tx_drop", stats.tx_drop },
        };
        json_object *doc = nuvshJSONWanted(cmd) ? json_object_new_object() : NULL;
        size_t i;

        if (doc)
            nuvshJSONStr(doc, "interface", device);
        for (i = 0; i < G_N_ELEMENTS(counters); i++) {
            if (counters[i].value < 0)
                continue;
            if (doc)
                nuvshJSONInt(doc, counters[i].name, counters[i].value);
            else
                nuvshPrint(ctl, "%s %s %lld\n", device, counters[i].name, counters[i].value);
        }
        return doc ? nuvshJSONPrint(ctl, doc) : true;
    }
}


/* ---- dommemstat ------------------------------------------------------ */

static const nuvshCmdOptDef opts_dommemstat[] = {
    NUVSH_OPT_DOMAIN,
    { "period", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT,
      "set the balloon statistics period in seconds" },
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDommemstat(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const char *const tags[] = {
        "swap_in", "swap_out", "major_fault", "minor_fault", "unused", "available",
        "actual", "rss", "usable", "last_update", "disk_caches", "hugetlb_pgalloc",
        "hugetlb_pgfail",
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    unsigned int flags;
    int period = 0;
    int rc;
    int n;
    int i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if ((rc = nuvshCommandOptInt(ctl, cmd, "period", &period)) < 0)
        return false;
    if (rc > 0) {
        if (period < 0) {
            nuvshError(ctl, "Invalid collection period value '%d'", period);
            return false;
        }
        if (virDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
            nuvshError(ctl, "%s", "Unable to change balloon collection period.");
            return false;
        }
        return true;
    }

    if ((n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to get memory statistics");
        return false;
    }

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        /* the text form's names and units (KiB, as the API gives them) */
        for (i = 0; i < n; i++) {
            if (stats[i].tag < (int) G_N_ELEMENTS(tags))
                nuvshJSONUInt(doc, tags[stats[i].tag], stats[i].val);
        }
        return nuvshJSONPrint(ctl, doc);
    }

    for (i = 0; i < n; i++) {
        if (stats[i].tag < (int) G_N_ELEMENTS(tags))
            nuvshPrint(ctl, "%s %llu\n", tags[stats[i].tag], stats[i].val);
    }
    return true;
}


/* ---- domcontrol, domblkerror, domtime -------------------------------- */

static const nuvshCmdOptDef opts_domcontrol[] = {
    NUVSH_OPT_DOMAIN,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomcontrol(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const char *const states[] = { "ok", "background job", "occupied", "error" };
    static const char *const reasons[] = { "none", "unknown", "monitor failure",
                                           "internal (locking) error" };
    g_autoptr(nuvshDomain) dom = NULL;
    virDomainControlInfo info;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0)
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        /* the reason only for an error, as the text gives it */
        nuvshJSONStr(doc, "state",
                     info.state < G_N_ELEMENTS(states) ? states[info.state] : "unknown");
        nuvshJSONStr(doc, "reason",
                     info.state == VIR_DOMAIN_CONTROL_ERROR &&
                     info.details < G_N_ELEMENTS(reasons) ? reasons[info.details] : NULL);
        nuvshJSONUInt(doc, "state_time_ms", info.stateTime);
        return nuvshJSONPrint(ctl, doc);
    }

    if (info.state >= G_N_ELEMENTS(states)) {
        nuvshPrint(ctl, "%s\n", "unknown");
    } else if (info.state == VIR_DOMAIN_CONTROL_OK) {
        nuvshPrint(ctl, "%s\n", states[info.state]);
    } else if (info.state == VIR_DOMAIN_CONTROL_ERROR && info.details > 0 &&
               info.details < G_N_ELEMENTS(reasons)) {
        nuvshPrint(ctl, "%s: %s\n", states[info.state], reasons[info.details]);
    } else {
        nuvshPrint(ctl, "%s (%0.3fs)\n", states[info.state], info.stateTime / 1000.0);
    }
    return true;
}


static const nuvshCmdOptDef opts_domblkerror[] = {
    NUVSH_OPT_DOMAIN,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomblkerror(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    static const char *const errors[] = { "no error", "unspecified error", "no space" };
    g_autoptr(nuvshDomain) dom = NULL;
    virDomainDiskErrorPtr disks = NULL;
    json_object *doc;
    int count;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((count = virDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        return false;

    if (count > 0) {
        disks = g_new0(virDomainDiskError, count);
        if ((count = virDomainGetDiskErrors(dom, disks, count, 0)) < 0) {
            g_free(disks);
            return false;
        }
    }

    doc = nuvshJSONWanted(cmd) ? json_object_new_array() : NULL;
    if (count == 0 && !doc)
        nuvshPrint(ctl, "%s\n", "No errors found");

    for (i = 0; i < count; i++) {
        const char *error = disks[i].error >= 0 && disks[i].error < (int) G_N_ELEMENTS(errors)
                            ? errors[disks[i].error] : "unknown error";

        if (doc) {
            json_object *row = nuvshJSONRow(doc);

            nuvshJSONStr(row, "disk", disks[i].disk);
            nuvshJSONStr(row, "error", error);
        } else {
            nuvshPrint(ctl, "%s: %s\n", disks[i].disk, error);
        }
        g_free(disks[i].disk);
    }
    g_free(disks);
    return doc ? nuvshJSONPrint(ctl, doc) : true;
}


static const nuvshCmdOptDef opts_domtime[] = {
    NUVSH_OPT_DOMAIN,
    { "now", NUVSH_OT_BOOL, 0, "set the guest clock to the host's current time" },
    { "pretty", NUVSH_OT_BOOL, 0, "print the time as a date" },
    { "sync", NUVSH_OT_BOOL, 0, "resynchronise the guest clock with its RTC" },
    { "time", NUVSH_OT_INT, 0, "set the guest clock to this many seconds since the epoch" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomtime(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    bool now = nuvshCommandOptBool(cmd, "now");
    bool pretty = nuvshCommandOptBool(cmd, "pretty");
    bool rtcsync = nuvshCommandOptBool(cmd, "sync");
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "time", "now") ||
        !nuvshCommandOptExclusive(ctl, cmd, "time", "sync") ||
        !nuvshCommandOptExclusive(ctl, cmd, "now", "sync"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((rc = nuvshCommandOptLongLong(ctl, cmd, "time", &seconds)) < 0)
        return false;

    if (rc > 0 || now || rtcsync) {
        if (now)
            seconds = g_get_real_time() / G_USEC_PER_SEC;
        if (virDomainSetTime(dom, seconds, nseconds,
                             rtcsync ? VIR_DOMAIN_TIME_SYNC : 0) < 0)
            return false;
        return true;
    }

    if (virDomainGetTime(dom, &seconds, &nseconds, 0) < 0)
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        /* epoch seconds whether or not --pretty asked for a date */
        nuvshJSONInt(doc, "time", seconds);
        nuvshJSONUInt(doc, "nanoseconds", nseconds);
        return nuvshJSONPrint(ctl, doc);
    }

    if (pretty) {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc(seconds);
        g_autofree char *str = when ? g_date_time_format(when, "%Y-%m-%d %H:%M:%S") : NULL;

        nuvshPrint(ctl, "Time: %s\n", str ? str : "?");
    } else {
        nuvshPrint(ctl, "Time: %lld\n", seconds);
    }
    return true;
}


/* ---- domstats -------------------------------------------------------- */

static void
nuvshDomainUnref(gpointer dom)
{
    if (dom)
        virDomainFree(dom);
}


static char *
nuvshTypedParamToString(const virTypedParameter *param)
{
    switch (param->type) {
    case VIR_TYPED_PARAM_INT: return g_strdup_printf("%d", param->value.i);
    case VIR_TYPED_PARAM_UINT: return g_strdup_printf("%u", param->value.ui);
    case VIR_TYPED_PARAM_LLONG: return g_strdup_printf("%lld", param->value.l);
    case VIR_TYPED_PARAM_ULLONG: return g_strdup_printf("%llu", param->value.ul);
    case VIR_TYPED_PARAM_DOUBLE: return g_strdup_printf("%f", param->value.d);
    case VIR_TYPED_PARAM_BOOLEAN: return g_strdup(param->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING: return g_strdup(param->value.s);
    }
    return g_strdup("?");
}


static const nuvshCmdOptDef opts_domstats[] = {
    { "state", NUVSH_OT_BOOL, 0, "report the domain state" },
    { "cpu-total", NUVSH_OT_BOOL, 0, "report total CPU usage" },
    { "balloon", NUVSH_OT_BOOL, 0, "report balloon statistics" },
    { "vcpu", NUVSH_OT_BOOL, 0, "report vCPU statistics" },
    { "interface", NUVSH_OT_BOOL, 0, "report interface statistics" },
    { "block", NUVSH_OT_BOOL, 0, "report block device statistics" },
    { "perf", NUVSH_OT_BOOL, 0, "report perf event statistics" },
    { "iothread", NUVSH_OT_BOOL, 0, "report IOThread statistics" },
    { "memory", NUVSH_OT_BOOL, 0, "report memory usage" },
    { "dirtyrate", NUVSH_OT_BOOL, 0, "report the dirty page rate" },
    { "vm", NUVSH_OT_BOOL, 0, "report hypervisor specific statistics" },
    { "list-active", NUVSH_OT_BOOL, 0, "list only active domains" },
    { "list-inactive", NUVSH_OT_BOOL, 0, "list only inactive domains" },
    { "list-persistent", NUVSH_OT_BOOL, 0, "list only persistent domains" },
    { "list-transient", NUVSH_OT_BOOL, 0, "list only transient domains" },
    { "list-running", NUVSH_OT_BOOL, 0, "list only running domains" },
    { "list-paused", NUVSH_OT_BOOL, 0, "list only paused domains" },
    { "list-shutoff", NUVSH_OT_BOOL, 0, "list only shut off domains" },
    { "list-other", NUVSH_OT_BOOL, 0, "list only domains in other states" },
    { "raw", NUVSH_OT_BOOL, 0, "print values without units or rounding" },
    { "enforce", NUVSH_OT_BOOL, 0, "fail if a requested group is not supported" },
    { "backing", NUVSH_OT_BOOL, 0, "include backing chain statistics" },
    { "nowait", NUVSH_OT_BOOL, 0, "do not wait" },
    NUVSH_OPT_JSON,
    { "domain", NUVSH_OT_ARGV, 0, "domains to report on; all when omitted" },
    { NULL },
};

static bool
cmdDomstats(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const char *const groupnames[] = {
        "state", "cpu-total", "balloon", "vcpu", "interface", "block", "perf",
        "iothread", "memory", "dirtyrate", "vm",
    };
    static const unsigned int groupvals[] = {
        VIR_DOMAIN_STATS_STATE, VIR_DOMAIN_STATS_CPU_TOTAL, VIR_DOMAIN_STATS_BALLOON,
        VIR_DOMAIN_STATS_VCPU, VIR_DOMAIN_STATS_INTERFACE, VIR_DOMAIN_STATS_BLOCK,
        VIR_DOMAIN_STATS_PERF, VIR_DOMAIN_STATS_IOTHREAD, VIR_DOMAIN_STATS_MEMORY,
        VIR_DOMAIN_STATS_DIRTYRATE, VIR_DOMAIN_STATS_VM,
    };
    static const char *const flagnames[] = {
        "list-active", "list-inactive", "list-persistent", "list-transient",
        "list-running", "list-paused", "list-shutoff", "list-other", "enforce",
        "backing", "nowait",
    };
    static const unsigned int flagvals[] = {
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE, VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING, VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF, VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS,
        VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING, VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT,
    };
    g_autoptr(GPtrArray) names = nuvshCommandOptArgv(cmd, "domain");
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func(nuvshDomainUnref);
    virDomainStatsRecordPtr *records = NULL;
    unsigned int stats = nuvshCommandOptFlags(cmd, groupnames, groupvals,
                                              G_N_ELEMENTS(groupnames));
    unsigned int flags = nuvshCommandOptFlags(cmd, flagnames, flagvals,
                                              G_N_ELEMENTS(flagnames));
    int n;
    int i;
    guint k;

    if (names->len) {
        if (flags & ~(VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS |
                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT)) {
            nuvshError(ctl, "%s", "domain list filtering options can't be used together "
                       "with listing incomplete domains");
            return false;
        }
        for (k = 0; k < names->len; k++) {
            const char *str = g_ptr_array_index(names, k);
            virDomainPtr dom = NULL;
            gint64 id;

            if (g_ascii_string_to_signed(str, 10, 0, G_MAXINT, &id, NULL))
                dom = virDomainLookupByID(ctl->conn, id);
            if (!dom && strlen(str) == VIR_UUID_STRING_BUFLEN - 1)
                dom = virDomainLookupByUUIDString(ctl->conn, str);
            if (!dom)
                dom = virDomainLookupByName(ctl->conn, str);
            nuvshResetLibvirtError(ctl);
            if (!dom) {
                nuvshError(ctl, "failed to get domain '%s'", str);
                return false;
            }
            g_ptr_array_add(doms, dom);
        }
        g_ptr_array_add(doms, NULL);
        n = virDomainListGetStats((virDomainPtr *) doms->pdata, stats, &records, flags);
    } else {
        n = virConnectGetAllDomainStats(ctl->conn, stats, &records, flags);
    }
    if (n < 0)
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        /* the API's field names as keys: they are the document's schema */
        for (i = 0; i < n; i++) {
            json_object *row = nuvshJSONRow(arr);
            json_object *vals = json_object_new_object();
            int j;

            nuvshJSONStr(row, "domain", virDomainGetName(records[i]->dom));
            for (j = 0; j < records[i]->nparams; j++)
                nuvshJSONTypedParam(vals, &records[i]->params[j]);
            json_object_object_add(row, "stats", vals);
        }
        virDomainStatsRecordListFree(records);
        return nuvshJSONPrint(ctl, arr);
    }

    for (i = 0; i < n; i++) {
        virDomainStatsRecordPtr rec = records[i];
        int j;

        if (i > 0)
            nuvshPrint(ctl, "\n");
        nuvshPrint(ctl, "Domain: '%s'\n", virDomainGetName(rec->dom));
        for (j = 0; j < rec->nparams; j++) {
            g_autofree char *val = nuvshTypedParamToString(&rec->params[j]);

            nuvshPrint(ctl, "  %s=%s\n", rec->params[j].field, val);
        }
    }
    virDomainStatsRecordListFree(records);
    return true;
}


const nuvshCmdDef nuvshDomainStatsCmds[] = {
    { "domblkerror", cmdDomblkerror, opts_domblkerror,
      "show disk errors of a domain",
      "" },
    { "domblkinfo", cmdDomblkinfo, opts_domblkinfo,
      "show the sizes of a domain's disk",
      "" },
    { "domblklist", cmdDomblklist, opts_domblklist,
      "list a domain's disks",
      "" },
    { "domblkstat", cmdDomblkstat, opts_domblkstat,
      "show I/O statistics of a disk",
      "" },
    { "domcontrol", cmdDomcontrol, opts_domcontrol,
      "show the state of the domain's control interface",
      "" },
    { "domif-getlink", cmdDomifGetlink, opts_domif_getlink,
      "show whether an interface link is up",
      "" },
    { "domifaddr", cmdDomifaddr, opts_domifaddr,
      "list the addresses of a domain's interfaces",
      "" },
    { "domiflist", cmdDomiflist, opts_domiflist,
      "list a domain's network interfaces",
      "" },
    { "domifstat", cmdDomifstat, opts_domifstat,
      "show traffic statistics of an interface",
      "" },
    { "dommemstat", cmdDommemstat, opts_dommemstat,
      "show memory statistics of a domain",
      "" },
    { "domstats", cmdDomstats, opts_domstats,
      "show statistics of one, several or all domains",
      "" },
    { "domtime", cmdDomtime, opts_domtime,
      "show or set the guest's clock",
      "" },
    { NULL },
};
