/*
 * nuvsh-network.c: commands on virtual networks and their ports
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nuvsh.h"


/* ---- define, create, undefine, start, destroy ------------------------ */

static const nuvshCmdOptDef opts_net_create[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the network XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNetCreate(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NETWORK_CREATE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (flags)
        net = virNetworkCreateXMLFlags(ctl->conn, xml, flags);
    else
        net = virNetworkCreateXML(ctl->conn, xml);
    if (!net) {
        nuvshError(ctl, "Failed to create network from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Network %s created from %s\n", virNetworkGetName(net), file);
    return true;
}


static const nuvshCmdOptDef opts_net_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the network XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNetDefine(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NETWORK_DEFINE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (flags)
        net = virNetworkDefineXMLFlags(ctl->conn, xml, flags);
    else
        net = virNetworkDefineXML(ctl->conn, xml);
    if (!net) {
        nuvshError(ctl, "Failed to define network from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Network %s defined from %s\n", virNetworkGetName(net), file);
    return true;
}


/* One network named by --network, one call, one message each way. */
static bool
nuvshNetworkSimple(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   int (*fn)(virNetworkPtr net),
                   const char *okfmt,
                   const char *failfmt)
{
    g_autoptr(nuvshNetwork) net = NULL;
    const char *name;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;

    if (fn(net) < 0) {
        nuvshError(ctl, failfmt, name);
        return false;
    }

    nuvshPrintExtra(ctl, okfmt, name);
    return true;
}


static const nuvshCmdOptDef opts_net_destroy[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
cmdNetDestroy(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    return nuvshNetworkSimple(ctl, cmd, virNetworkDestroy,
                              "Network %s destroyed\n", "Failed to destroy network %s");
}


static const nuvshCmdOptDef opts_net_start[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
cmdNetStart(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    return nuvshNetworkSimple(ctl, cmd, virNetworkCreate,
                              "Network %s started\n", "Failed to start network %s");
}


static const nuvshCmdOptDef opts_net_undefine[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
cmdNetUndefine(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    return nuvshNetworkSimple(ctl, cmd, virNetworkUndefine,
                              "Network %s has been undefined\n",
                              "Failed to undefine network %s");
}


static const nuvshCmdOptDef opts_net_autostart[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "disable", NUVSH_OT_BOOL, 0, "turn autostart off" },
    { NULL },
};

static bool
cmdNetAutostart(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    const char *name;
    bool autostart = !nuvshCommandOptBool(cmd, "disable");

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;

    if (virNetworkSetAutostart(net, autostart) < 0) {
        if (autostart)
            nuvshError(ctl, "failed to mark network %s as autostarted", name);
        else
            nuvshError(ctl, "failed to unmark network %s as autostarted", name);
        return false;
    }

    if (autostart)
        nuvshPrintExtra(ctl, "Network %s marked as autostarted\n", name);
    else
        nuvshPrintExtra(ctl, "Network %s unmarked as autostarted\n", name);
    return true;
}


/* ---- dumpxml, edit, update ------------------------------------------- */

static const nuvshCmdOptDef opts_net_dumpxml[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "inactive", NUVSH_OT_BOOL, 0, "show the definition used at the next start" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdNetDumpxml(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags |= VIR_NETWORK_XML_INACTIVE;
    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virNetworkGetXMLDesc(net, flags)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_net_edit[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
nuvshNetworkEditDefine(nuvshControl *ctl,
                       const char *xml,
                       void *opaque G_GNUC_UNUSED)
{
    g_autoptr(nuvshNetwork) net = virNetworkDefineXML(ctl->conn, xml);

    return net != NULL;
}


static bool
cmdNetEdit(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    int rc;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    name = g_strdup(virNetworkGetName(net));
    /* as virsh: a driver that refuses the INACTIVE flag (stock's test
     * driver does) gives the XML it has */
    if (!(xml = virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE)) &&
        virGetLastErrorCode() == VIR_ERR_INVALID_ARG) {
        nuvshResetLibvirtError(ctl);
        xml = virNetworkGetXMLDesc(net, 0);
    }
    if (!xml)
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshNetworkEditDefine, NULL, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Network %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Network %s XML configuration edited.\n", name);
    return true;
}


static const nuvshCmdOptDef opts_net_update[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "command", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "add-first, add-last, add (same as add-last), delete or modify" },
    { "section", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "part to change: ip-dhcp-host, ip-dhcp-range, forward-interface, dns-host, ..." },
    { "xml", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the XML element, or a file holding it" },
    { "parent-index", NUVSH_OT_INT, 0, "which <ip> element, counting from 0" },
    { "config", NUVSH_OT_BOOL, 0, "act on the persistent definition" },
    { "live", NUVSH_OT_BOOL, 0, "change the running network" },
    { "current", NUVSH_OT_BOOL, 0, "change the network's current state" },
    { NULL },
};

static bool
cmdNetUpdate(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    static const char *const commands[] = {
        [VIR_NETWORK_UPDATE_COMMAND_NONE] = "none",
        [VIR_NETWORK_UPDATE_COMMAND_MODIFY] = "modify",
        [VIR_NETWORK_UPDATE_COMMAND_DELETE] = "delete",
        [VIR_NETWORK_UPDATE_COMMAND_ADD_LAST] = "add-last",
        [VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST] = "add-first",
    };
    static const char *const sections[] = {
        [VIR_NETWORK_SECTION_NONE] = "none",
        [VIR_NETWORK_SECTION_BRIDGE] = "bridge",
        [VIR_NETWORK_SECTION_DOMAIN] = "domain",
        [VIR_NETWORK_SECTION_IP] = "ip",
        [VIR_NETWORK_SECTION_IP_DHCP_HOST] = "ip-dhcp-host",
        [VIR_NETWORK_SECTION_IP_DHCP_RANGE] = "ip-dhcp-range",
        [VIR_NETWORK_SECTION_FORWARD] = "forward",
        [VIR_NETWORK_SECTION_FORWARD_INTERFACE] = "forward-interface",
        [VIR_NETWORK_SECTION_FORWARD_PF] = "forward-pf",
        [VIR_NETWORK_SECTION_PORTGROUP] = "portgroup",
        [VIR_NETWORK_SECTION_DNS_HOST] = "dns-host",
        [VIR_NETWORK_SECTION_DNS_TXT] = "dns-txt",
        [VIR_NETWORK_SECTION_DNS_SRV] = "dns-srv",
    };
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *xmlfromfile = NULL;
    const char *command = NULL;
    const char *section = NULL;
    const char *xml = NULL;
    const char *name;
    int parent = -1;
    int cmdnum = -1;
    int secnum = -1;
    unsigned int flags = 0;
    bool config = nuvshCommandOptBool(cmd, "config");
    bool live = nuvshCommandOptBool(cmd, "live");
    size_t i;
    bool ok;

    if (!nuvshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !nuvshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;

    if (nuvshCommandOptStringReq(ctl, cmd, "command", &command) < 0)
        return false;
    if (g_str_equal(command, "add"))
        cmdnum = VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
    for (i = 1; cmdnum < 0 && i < G_N_ELEMENTS(commands); i++) {
        if (g_str_equal(command, commands[i]))
            cmdnum = i;
    }
    if (cmdnum < 0) {
        nuvshError(ctl, "unrecognized command name '%s'", command);
        return false;
    }

    if (nuvshCommandOptStringReq(ctl, cmd, "section", &section) < 0)
        return false;
    for (i = 1; secnum < 0 && i < G_N_ELEMENTS(sections); i++) {
        if (g_str_equal(section, sections[i]))
            secnum = i;
    }
    if (secnum < 0) {
        nuvshError(ctl, "unrecognized section name '%s'", section);
        return false;
    }

    if (nuvshCommandOptInt(ctl, cmd, "parent-index", &parent) < 0)
        return false;

    /* The argument is the element itself when it starts with '<', else a
     * file holding it. */
    if (nuvshCommandOptStringReq(ctl, cmd, "xml", &xml) < 0)
        return false;
    if (*xml != '<') {
        if (!(xmlfromfile = nuvshReadFile(ctl, xml)))
            return false;
        g_strchomp(xmlfromfile);
        xml = xmlfromfile;
    }
    (void) ok;

    if (config)
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;

    if (virNetworkUpdate(net, cmdnum, secnum, parent, xml, flags) < 0) {
        nuvshError(ctl, "Failed to update network %s", name);
        return false;
    }

    if (config && live)
        nuvshPrintExtra(ctl, "Updated network %s persistent config and live state", name);
    else if (config)
        nuvshPrintExtra(ctl, "Updated network %s persistent config", name);
    else if (live || virNetworkIsActive(net) == 1)
        nuvshPrintExtra(ctl, "Updated network %s live state", name);
    else
        nuvshPrintExtra(ctl, "Updated network %s persistent config", name);
    /* no newline of its own: the one after every command ends the line */
    return true;
}


/* ---- info, list, name, uuid ------------------------------------------ */

static const nuvshCmdOptDef opts_net_info[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNetInfo(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autofree char *bridge = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int active;
    int persistent;
    int autostart = 0;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "name", virNetworkGetName(net));
        nuvshJSONStr(doc, "uuid", virNetworkGetUUIDString(net, uuid) == 0 ? uuid : NULL);
        active = virNetworkIsActive(net);
        persistent = virNetworkIsPersistent(net);
        nuvshJSONTristate(doc, "active", active);
        nuvshJSONTristate(doc, "persistent", persistent);
        if (virNetworkGetAutostart(net, &autostart) < 0)
            nuvshJSONNull(doc, "autostart");
        else
            nuvshJSONBool(doc, "autostart", autostart);
        bridge = virNetworkGetBridgeName(net);
        nuvshJSONStr(doc, "bridge", bridge);
        nuvshResetLibvirtError(ctl);
        return nuvshJSONPrint(ctl, doc);
    }

    nuvshPrint(ctl, "%-15s %s\n", "Name:", virNetworkGetName(net));
    if (virNetworkGetUUIDString(net, uuid) == 0)
        nuvshPrint(ctl, "%-15s %s\n", "UUID:", uuid);

    active = virNetworkIsActive(net);
    if (active >= 0)
        nuvshPrint(ctl, "%-15s %s\n", "Active:", active ? "yes" : "no");

    persistent = virNetworkIsPersistent(net);
    if (persistent < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", "unknown");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", persistent ? "yes" : "no");

    if (virNetworkGetAutostart(net, &autostart) < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");

    if ((bridge = virNetworkGetBridgeName(net)))
        nuvshPrint(ctl, "%-15s %s\n", "Bridge:", bridge);
    nuvshResetLibvirtError(ctl);
    return true;
}


static gint
nuvshNetworkCompare(gconstpointer a,
                    gconstpointer b)
{
    return strcmp(virNetworkGetName(*(virNetworkPtr const *) a),
                  virNetworkGetName(*(virNetworkPtr const *) b));
}


static const nuvshCmdOptDef opts_net_list[] = {
    { "inactive", NUVSH_OT_BOOL, 0, "list inactive objects only" },
    { "all", NUVSH_OT_BOOL, 0, "list active and inactive objects" },
    { "persistent", NUVSH_OT_BOOL, 0, "list persistent objects only" },
    { "transient", NUVSH_OT_BOOL, 0, "list transient objects only" },
    { "autostart", NUVSH_OT_BOOL, 0, "list objects that start with the host" },
    { "no-autostart", NUVSH_OT_BOOL, 0, "list objects that do not start with the host" },
    { "uuid", NUVSH_OT_BOOL, 0, "print UUIDs only" },
    { "name", NUVSH_OT_BOOL, 0, "print names only" },
    { "table", NUVSH_OT_BOOL, 0, "print a table (the default)" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNetList(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    bool optname = nuvshCommandOptBool(cmd, "name");
    bool optuuid = nuvshCommandOptBool(cmd, "uuid");
    bool opttable = nuvshCommandOptBool(cmd, "table");
    g_autoptr(nuvshTable) table = NULL;
    virNetworkPtr *nets = NULL;
    unsigned int flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    int n;
    int i;

    if ((optname + optuuid + opttable) > 1) {
        nuvshError(ctl, "%s", "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (nuvshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (nuvshCommandOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_NETWORKS_PERSISTENT;
    if (nuvshCommandOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_NETWORKS_TRANSIENT;
    if (nuvshCommandOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_AUTOSTART;
    if (nuvshCommandOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;

    if ((n = virConnectListAllNetworks(ctl->conn, &nets, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list networks");
        return false;
    }
    qsort(nets, n, sizeof(*nets), (int (*)(const void *, const void *)) nuvshNetworkCompare);

    /* --json lists the table's rows, whatever --name or --uuid say */
    if (nuvshJSONWanted(cmd)) {
        optname = optuuid = false;
        table = nuvshTableNew("Name", "State", "Autostart", "Persistent", "UUID", NULL);
        nuvshTableSetKeys(table, "name", "state", "autostart:bool", "persistent:bool",
                          "uuid", NULL);
    } else if (!optname && !optuuid) {
        table = nuvshTableNew("Name", "State", "Autostart", "Persistent", NULL);
    }

    for (i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        int autostart = 0;
        const char *autostr;

        if (optuuid) {
            if (virNetworkGetUUIDString(nets[i], uuid) == 0)
                nuvshPrint(ctl, "%s\n", uuid);
        } else if (optname) {
            nuvshPrint(ctl, "%s\n", virNetworkGetName(nets[i]));
        } else {
            if (virNetworkGetAutostart(nets[i], &autostart) < 0)
                autostr = "no autostart";
            else
                autostr = autostart ? "yes" : "no";
            const char *cells[] = {
                virNetworkGetName(nets[i]),
                virNetworkIsActive(nets[i]) == 1 ? "active" : "inactive",
                autostr,
                virNetworkIsPersistent(nets[i]) == 1 ? "yes" : "no",
                virNetworkGetUUIDString(nets[i], uuid) == 0 ? uuid : "-",
                NULL,
            };

            if (!nuvshJSONWanted(cmd))
                cells[4] = NULL;
            nuvshTableAddRowv(table, cells);
        }
        virNetworkFree(nets[i]);
    }
    g_free(nets);

    if (table)
        return nuvshTableOutput(ctl, cmd, table, true);
    return true;
}


static const nuvshCmdOptDef opts_net_name[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
cmdNetName(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "network", &str) < 0)
        return false;
    if (!(net = virNetworkLookupByUUIDString(ctl->conn, str))) {
        nuvshError(ctl, "failed to get network '%s'", str);
        return false;
    }

    nuvshPrint(ctl, "%s\n", virNetworkGetName(net));
    return true;
}


static const nuvshCmdOptDef opts_net_uuid[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { NULL },
};

static bool
cmdNetUuid(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    const char *str = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (nuvshCommandOptStringReq(ctl, cmd, "network", &str) < 0)
        return false;
    if (!(net = virNetworkLookupByName(ctl->conn, str))) {
        nuvshError(ctl, "failed to get network '%s'", str);
        return false;
    }

    if (virNetworkGetUUIDString(net, uuid) < 0) {
        nuvshError(ctl, "%s", "failed to get network UUID");
        return false;
    }
    nuvshPrint(ctl, "%s\n", uuid);
    return true;
}


/* ---- DHCP leases ----------------------------------------------------- */

static const nuvshCmdOptDef opts_net_dhcp_leases[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "mac", NUVSH_OT_STRING, 0, "only leases for this MAC address" },
    NUVSH_OPT_JSON,
    { NULL },
};

static gint
nuvshLeaseCompare(gconstpointer a,
                  gconstpointer b)
{
    virNetworkDHCPLeasePtr la = *(virNetworkDHCPLeasePtr const *) a;
    virNetworkDHCPLeasePtr lb = *(virNetworkDHCPLeasePtr const *) b;

    return g_strcmp0(la->mac, lb->mac);
}


static bool
cmdNetDhcpLeases(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autoptr(nuvshTable) table = NULL;
    virNetworkDHCPLeasePtr *leases = NULL;
    const char *mac = NULL;
    const char *name;
    int n;
    int i;

    if (nuvshCommandOptStringReq(ctl, cmd, "mac", &mac) < 0)
        return false;
    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, &name)))
        return false;

    if ((n = virNetworkGetDHCPLeases(net, mac, &leases, 0)) < 0) {
        nuvshError(ctl, "Failed to get leases info for %s", name);
        return false;
    }
    qsort(leases, n, sizeof(*leases), (int (*)(const void *, const void *)) nuvshLeaseCompare);

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        /* the expiry time as seconds since the epoch, not a local date */
        for (i = 0; i < n; i++) {
            json_object *row = nuvshJSONRow(arr);

            nuvshJSONInt(row, "expiry_time", leases[i]->expirytime);
            nuvshJSONStr(row, "mac", leases[i]->mac);
            nuvshJSONStr(row, "protocol",
                         leases[i]->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4");
            nuvshJSONStr(row, "address", leases[i]->ipaddr);
            nuvshJSONUInt(row, "prefix", leases[i]->prefix);
            nuvshJSONStr(row, "hostname", leases[i]->hostname);
            nuvshJSONStr(row, "client_id", leases[i]->clientid);
            virNetworkDHCPLeaseFree(leases[i]);
        }
        g_free(leases);
        return nuvshJSONPrint(ctl, arr);
    }

    table = nuvshTableNew("Expiry Time", "MAC address", "Protocol", "IP address",
                          "Hostname", "Client ID or DUID", NULL);
    for (i = 0; i < n; i++) {
        virNetworkDHCPLeasePtr lease = leases[i];
        time_t expiry = lease->expirytime;
        struct tm tm;
        char when[64];
        g_autofree char *addr = g_strdup_printf("%s/%u", lease->ipaddr, lease->prefix);

        localtime_r(&expiry, &tm);
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
        nuvshTableAddRow(table, when, lease->mac,
                         lease->type == VIR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "ipv4", addr,
                         lease->hostname ? lease->hostname : "-",
                         lease->clientid ? lease->clientid : "-", NULL);
        virNetworkDHCPLeaseFree(lease);
    }
    g_free(leases);

    nuvshTablePrint(ctl, table, true);
    return true;
}


/* ---- ports ----------------------------------------------------------- */

static const nuvshCmdOptDef opts_net_port_list[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "uuid", NUVSH_OT_BOOL, 0, "print port UUIDs only" },
    { "table", NUVSH_OT_BOOL, 0, "print a table (the default)" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNetPortList(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autoptr(nuvshTable) table = NULL;
    g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func(g_free);
    virNetworkPortPtr *ports = NULL;
    bool optuuid = nuvshCommandOptBool(cmd, "uuid");
    int n;
    guint i;

    if (optuuid && nuvshCommandOptBool(cmd, "table")) {
        nuvshError(ctl, "%s", "Only one argument from --table and --uuid may be specified.");
        return false;
    }
    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;

    if ((n = virNetworkListAllPorts(net, &ports, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to list network ports");
        return false;
    }
    for (i = 0; i < (guint) n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (virNetworkPortGetUUIDString(ports[i], uuid) == 0)
            g_ptr_array_add(uuids, g_strdup(uuid));
        virNetworkPortFree(ports[i]);
    }
    g_free(ports);
    g_ptr_array_sort(uuids, (GCompareFunc) nuvshStrPtrCompare);

    if (optuuid && !nuvshJSONWanted(cmd)) {
        for (i = 0; i < uuids->len; i++)
            nuvshPrint(ctl, "%s\n", (const char *) g_ptr_array_index(uuids, i));
        return true;
    }

    table = nuvshTableNew("UUID", NULL);
    nuvshTableSetKeys(table, "uuid", NULL);
    for (i = 0; i < uuids->len; i++)
        nuvshTableAddRow(table, (const char *) g_ptr_array_index(uuids, i), NULL);
    return nuvshTableOutput(ctl, cmd, table, true);
}


static const nuvshCmdOptDef opts_net_port_create[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the port XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNetPortCreate(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autoptr(nuvshNetworkPort) port = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int flags = 0;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NETWORK_PORT_CREATE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(port = virNetworkPortCreateXML(net, xml, flags))) {
        nuvshError(ctl, "Failed to create network from %s", file);
        return false;
    }
    if (virNetworkPortGetUUIDString(port, uuid) < 0) {
        nuvshError(ctl, "%s", "Failed to get network port UUID");
        return false;
    }

    nuvshPrintExtra(ctl, "Network port %s created from %s\n", uuid, file);
    return true;
}


static virNetworkPortPtr
nuvshCommandOptNetworkPort(nuvshControl *ctl,
                           const nuvshCmd *cmd,
                           virNetworkPtr net,
                           const char **uuid)
{
    virNetworkPortPtr port;

    if (nuvshCommandOptStringReq(ctl, cmd, "port", uuid) < 0)
        return NULL;
    if (!(port = virNetworkPortLookupByUUIDString(net, *uuid)))
        nuvshError(ctl, "failed to get network port '%s'", *uuid);
    return port;
}


static const nuvshCmdOptDef opts_net_port_dumpxml[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "port", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network port UUID" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdNetPortDumpxml(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autoptr(nuvshNetworkPort) port = NULL;
    g_autofree char *xml = NULL;
    const char *uuid = NULL;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if (!(port = nuvshCommandOptNetworkPort(ctl, cmd, net, &uuid)))
        return false;
    if (!(xml = virNetworkPortGetXMLDesc(port, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_net_port_delete[] = {
    { "network", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network name or UUID" },
    { "port", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network port UUID" },
    { NULL },
};

static bool
cmdNetPortDelete(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNetwork) net = NULL;
    g_autoptr(nuvshNetworkPort) port = NULL;
    const char *uuid = NULL;

    if (!(net = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;
    if (!(port = nuvshCommandOptNetworkPort(ctl, cmd, net, &uuid)))
        return false;

    if (virNetworkPortDelete(port, 0) < 0) {
        nuvshError(ctl, "Failed to delete network port %s", uuid);
        return false;
    }

    nuvshPrintExtra(ctl, "Network port %s deleted\n", uuid);
    return true;
}


/* ---- events ---------------------------------------------------------- */

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    int count;
} nuvshNetEventData;


static void
nuvshNetEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                         virNetworkPtr net,
                         int event,
                         int detail G_GNUC_UNUSED,
                         void *opaque)
{
    static const char *const events[] = { "Defined", "Undefined", "Started", "Stopped" };
    nuvshNetEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'lifecycle' for network %s: %s\n", virNetworkGetName(net),
               event >= 0 && event < (int) G_N_ELEMENTS(events) ? events[event] : "unknown");
    data->count++;
}


static const nuvshCmdOptDef opts_net_event[] = {
    { "network", NUVSH_OT_STRING, 0, "only events of this network" },
    { "event", NUVSH_OT_STRING, 0, "which event to wait for" },
    { "loop", NUVSH_OT_BOOL, 0,
      "keep waiting for more events instead of stopping after the first" },
    { "timeout", NUVSH_OT_INT, 0, "give up after this many seconds" },
    { "list", NUVSH_OT_BOOL, 0, "list the known event names" },
    { "timestamp", NUVSH_OT_BOOL, 0, "print the time before each event" },
    { NULL },
};

static bool
cmdNetEvent(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    nuvshNetEventData data = { ctl, cmd, 0 };
    virNetworkPtr obj = NULL;
    const char *eventname = NULL;
    int id;
    bool ret;

    if (nuvshCommandOptBool(cmd, "list")) {
        nuvshPrint(ctl, "%s\n", "lifecycle");
        return true;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "event", &eventname) < 0)
        return false;
    if (!eventname) {
        nuvshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    if (!g_str_equal(eventname, "lifecycle")) {
        nuvshError(ctl, "unknown event type %s", eventname);
        return false;
    }
    if (nuvshCommandOptString(cmd, "network") && !(obj = nuvshCommandOptNetwork(ctl, cmd, NULL, NULL)))
        return false;

    id = virConnectNetworkEventRegisterAny(ctl->conn, obj, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                           NUVSH_CB(virConnectNetworkEventGenericCallback,
                                                    nuvshNetEventLifecycle), &data, NULL);
    if (id < 0) {
        if (obj)
            virNetworkFree(obj);
        return false;
    }

    ret = nuvshEventWait(ctl, cmd, &data.count);
    virConnectNetworkEventDeregisterAny(ctl->conn, id);
    if (obj)
        virNetworkFree(obj);
    return ret;
}


const nuvshCmdDef nuvshNetworkCmds[] = {
    { "net-autostart", cmdNetAutostart, opts_net_autostart,
      "choose whether a network starts with the host",
      "" },
    { "net-create", cmdNetCreate, opts_net_create,
      "start a transient network from an XML file",
      "" },
    { "net-define", cmdNetDefine, opts_net_define,
      "define a persistent network from an XML file",
      "" },
    { "net-destroy", cmdNetDestroy, opts_net_destroy,
      "stop a network",
      "" },
    { "net-dhcp-leases", cmdNetDhcpLeases, opts_net_dhcp_leases,
      "list the DHCP leases of a network",
      "" },
    { "net-dumpxml", cmdNetDumpxml, opts_net_dumpxml,
      "print a network's XML",
      "" },
    { "net-edit", cmdNetEdit, opts_net_edit,
      "edit a network's XML",
      "" },
    { "net-info", cmdNetInfo, opts_net_info,
      "show basic facts about a network",
      "" },
    { "net-list", cmdNetList, opts_net_list,
      "list networks",
      "" },
    { "net-name", cmdNetName, opts_net_name,
      "print a network's name given its UUID",
      "" },
    { "net-start", cmdNetStart, opts_net_start,
      "start an inactive network",
      "" },
    { "net-undefine", cmdNetUndefine, opts_net_undefine,
      "remove a network's persistent definition",
      "" },
    { "net-update", cmdNetUpdate, opts_net_update,
      "change part of a network's definition",
      "" },
    { "net-uuid", cmdNetUuid, opts_net_uuid,
      "print a network's UUID",
      "" },
    { "net-port-list", cmdNetPortList, opts_net_port_list,
      "list the ports of a network",
      "" },
    { "net-port-create", cmdNetPortCreate, opts_net_port_create,
      "create a network port from an XML file",
      "" },
    { "net-port-dumpxml", cmdNetPortDumpxml, opts_net_port_dumpxml,
      "print a network port's XML",
      "" },
    { "net-port-delete", cmdNetPortDelete, opts_net_port_delete,
      "remove a network port",
      "" },
    { "net-event", cmdNetEvent, opts_net_event,
      "wait for network events and print them",
      "" },
    { NULL },
};
