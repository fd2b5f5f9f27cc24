/*
 * nuvsh-interface-bridge.c: iface-bridge and iface-unbridge, which
 * rewrite a host interface's definition to put a bridge above it (or
 * take it away) and redefine it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "nuvsh.h"


static bool
nuvshNodeIs(xmlNodePtr node,
            const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *) node->name, name) == 0;
}


static char *
nuvshProp(xmlNodePtr node,
          const char *name)
{
    xmlChar *val = xmlGetProp(node, (const xmlChar *) name);
    char *ret = val ? g_strdup((const char *) val) : NULL;

    xmlFree(val);
    return ret;
}


/* Moves the <mac>, <bond> and <vlan> children of @from under @to: what
 * belongs to the physical device rather than to the bridge. */
static void
nuvshMoveDeviceNodes(xmlNodePtr from,
                     xmlNodePtr to)
{
    xmlNodePtr cur = from->children;

    while (cur) {
        xmlNodePtr old = cur;

        cur = cur->next;
        if (nuvshNodeIs(old, "mac") || nuvshNodeIs(old, "bond") || nuvshNodeIs(old, "vlan")) {
            xmlUnlinkNode(old);
            xmlAddChild(to, old);
        }
    }
}


/* The interface's persistent XML, parsed; NULL after an error. */
static xmlDocPtr
nuvshInterfaceDoc(nuvshControl *ctl,
                  virInterfacePtr iface,
                  const char *name)
{
    g_autofree char *xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE);
    xmlDocPtr doc;

    if (!xml)
        return NULL;
    if (!(doc = xmlReadMemory(xml, strlen(xml), "interface.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ||
        !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        nuvshError(ctl, "Failed to parse configuration of %s", name);
        return NULL;
    }
    return doc;
}


static char *
nuvshDocText(xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    int len = 0;
    char *ret;

    xmlDocDumpMemory(doc, &mem, &len);
    ret = g_strndup((const char *) mem, len);
    xmlFree(mem);
    return ret;
}


/* ---- iface-bridge ----------------------------------------------------- */

static const nuvshCmdOptDef opts_iface_bridge[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the interface to put under a bridge" },
    { "bridge", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the new bridge" },
    { "no-stp", NUVSH_OT_BOOL, 0, "turn off the spanning tree protocol" },
    { "delay", NUVSH_OT_INT, 0, "forward delay of new ports, in seconds" },
    { "no-start", NUVSH_OT_BOOL, 0, "define the bridge without starting it" },
    { NULL },
};

static bool
cmdIfaceBridge(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    g_autoptr(nuvshInterface) bridge = NULL;
    g_autofree char *type = NULL;
    g_autofree char *xmlname = NULL;
    g_autofree char *delay_str = NULL;
    g_autofree char *newxml = NULL;
    bool stp = !nuvshCommandOptBool(cmd, "no-stp");
    const char *name = NULL;
    const char *brname = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr top;
    xmlNodePtr br;
    xmlNodePtr inner;
    int delay = 0;
    bool ret = false;

    if (!(iface = nuvshCommandOptInterface(ctl, cmd, "interface", &name)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "bridge", &brname) < 0)
        return false;
    if ((bridge = virInterfaceLookupByName(ctl->conn, brname))) {
        nuvshError(ctl, "Network device %s already exists", brname);
        return false;
    }
    /* virsh reads --delay only now; a bad one is reported together with
     * the failed lookup's error, as there */
    if (nuvshCommandOptInt(ctl, cmd, "delay", &delay) < 0)
        return false;

    if (!(doc = nuvshInterfaceDoc(ctl, iface, name)))
        return false;
    top = xmlDocGetRootElement(doc);
    if (!(type = nuvshProp(top, "type"))) {
        nuvshError(ctl, "Existing device %s has no type", name);
        goto cleanup;
    }
    if (strcmp(type, "bridge") == 0) {
        nuvshError(ctl, "Existing device %s is already a bridge", name);
        goto cleanup;
    }
    if (!(xmlname = nuvshProp(top, "name")) || strcmp(xmlname, name) != 0) {
        nuvshError(ctl, "Interface name from config %s doesn't match given supplied name %s",
                   xmlname ? xmlname : "(null)", name);
        goto cleanup;
    }

    /* <interface type='bridge' name=BR><bridge stp delay><interface
     * type=OLDTYPE name=OLDNAME> with the device's own nodes */
    br = xmlNewChild(top, NULL, (const xmlChar *) "bridge", NULL);
    xmlSetProp(br, (const xmlChar *) "stp", (const xmlChar *) (stp ? "on" : "off"));
    if (stp) {
        delay_str = g_strdup_printf("%d", delay);
        xmlSetProp(br, (const xmlChar *) "delay", (const xmlChar *) delay_str);
    }
    xmlSetProp(top, (const xmlChar *) "type", (const xmlChar *) "bridge");
    xmlSetProp(top, (const xmlChar *) "name", (const xmlChar *) brname);
    inner = xmlNewChild(br, NULL, (const xmlChar *) "interface", NULL);
    xmlSetProp(inner, (const xmlChar *) "type", (const xmlChar *) type);
    xmlSetProp(inner, (const xmlChar *) "name", (const xmlChar *) name);
    nuvshMoveDeviceNodes(top, inner);
    newxml = nuvshDocText(doc);

    if (virInterfaceIsActive(iface) != 0 && virInterfaceDestroy(iface, 0) < 0) {
        nuvshError(ctl, "Failed to destroy interface %s", name);
        goto cleanup;
    }
    if (virInterfaceUndefine(iface) < 0) {
        nuvshError(ctl, "Failed to undefine interface %s", name);
        goto cleanup;
    }
    if (!(bridge = virInterfaceDefineXML(ctl->conn, newxml, 0))) {
        nuvshError(ctl, "Failed to define new bridge interface %s", brname);
        goto cleanup;
    }
    nuvshPrintExtra(ctl, "Created bridge %s with attached device %s\n", brname, name);
    if (!nuvshCommandOptBool(cmd, "no-start")) {
        if (virInterfaceCreate(bridge, 0) < 0) {
            nuvshError(ctl, "Failed to start bridge interface %s", brname);
            goto cleanup;
        }
        nuvshPrintExtra(ctl, "Bridge interface %s started\n", brname);
    }
    ret = true;

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}


/* ---- iface-unbridge --------------------------------------------------- */

static const nuvshCmdOptDef opts_iface_unbridge[] = {
    { "bridge", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the bridge to take away" },
    { "no-start", NUVSH_OT_BOOL, 0, "define the freed interface without starting it" },
    { NULL },
};

static xmlNodePtr
nuvshChildNamed(xmlNodePtr node,
                const char *name,
                int *count)
{
    xmlNodePtr cur;
    xmlNodePtr first = NULL;

    *count = 0;
    for (cur = node ? node->children : NULL; cur; cur = cur->next) {
        if (nuvshNodeIs(cur, name)) {
            if (!first)
                first = cur;
            (*count)++;
        }
    }
    return first;
}


static bool
cmdIfaceUnbridge(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) bridge = NULL;
    g_autoptr(nuvshInterface) iface = NULL;
    g_autofree char *type = NULL;
    g_autofree char *xmlname = NULL;
    g_autofree char *name = NULL;
    g_autofree char *newxml = NULL;
    const char *brname = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr top;
    xmlNodePtr br;
    xmlNodePtr inner;
    int count;
    bool ret = false;

    if (!(bridge = nuvshCommandOptInterface(ctl, cmd, "bridge", &brname)))
        return false;
    if (!(doc = nuvshInterfaceDoc(ctl, bridge, brname)))
        return false;
    top = xmlDocGetRootElement(doc);
    if (!(type = nuvshProp(top, "type")) || strcmp(type, "bridge") != 0) {
        nuvshError(ctl, "Device %s is not a bridge", brname);
        goto cleanup;
    }
    if (!(xmlname = nuvshProp(top, "name")) || strcmp(xmlname, brname) != 0) {
        nuvshError(ctl, "Interface name from config %s doesn't match given supplied name %s",
                   xmlname ? xmlname : "(null)", brname);
        goto cleanup;
    }
    if (!(br = nuvshChildNamed(top, "bridge", &count))) {
        nuvshError(ctl, "%s", "No bridge node in xml document");
        goto cleanup;
    }
    inner = nuvshChildNamed(br, "interface", &count);
    if (count > 1) {
        nuvshError(ctl, "%s", "Multiple interfaces attached to bridge");
        goto cleanup;
    }
    if (!inner) {
        nuvshError(ctl, "%s", "No interface attached to bridge");
        goto cleanup;
    }
    if (!(name = nuvshProp(inner, "name"))) {
        nuvshError(ctl, "Device attached to bridge %s has no name", brname);
        goto cleanup;
    }
    g_free(type);
    if (!(type = nuvshProp(inner, "type"))) {
        nuvshError(ctl, "Attached device %s has no type", name);
        goto cleanup;
    }

    xmlSetProp(top, (const xmlChar *) "type", (const xmlChar *) type);
    xmlSetProp(top, (const xmlChar *) "name", (const xmlChar *) name);
    nuvshMoveDeviceNodes(inner, top);
    xmlUnlinkNode(br);
    xmlFreeNode(br);
    newxml = nuvshDocText(doc);

    if (virInterfaceDestroy(bridge, 0) < 0) {
        nuvshError(ctl, "Failed to destroy bridge interface %s", brname);
        goto cleanup;
    }
    if (virInterfaceUndefine(bridge) < 0) {
        nuvshError(ctl, "Failed to undefine bridge interface %s", brname);
        goto cleanup;
    }
    if (!(iface = virInterfaceDefineXML(ctl->conn, newxml, 0))) {
        nuvshError(ctl, "Failed to define new interface %s", name);
        goto cleanup;
    }
    nuvshPrintExtra(ctl, "Device %s un-attached from bridge %s\n", name, brname);
    if (!nuvshCommandOptBool(cmd, "no-start")) {
        if (virInterfaceCreate(iface, 0) < 0) {
            nuvshError(ctl, "Failed to start interface %s", name);
            goto cleanup;
        }
        nuvshPrintExtra(ctl, "Interface %s started\n", name);
    }
    ret = true;

 cleanup:
    xmlFreeDoc(doc);
    return ret;
}


const nuvshCmdDef nuvshInterfaceBridgeCmds[] = {
    { "iface-bridge", cmdIfaceBridge, opts_iface_bridge,
      "put a new bridge above a host interface",
      "Redefines the interface as a bridge of that name with the interface attached.",
      0, NULL },
    { "iface-unbridge", cmdIfaceUnbridge, opts_iface_unbridge,
      "take away a bridge, keeping the one interface under it",
      "Redefines the bridge's only attached interface on its own.",
      0, NULL },
    { NULL },
};
