/*
 * nuvsh-domain-device.c: commands that add, remove and change a domain's
 * devices: from an XML file, or disks and interfaces from options
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "nuvsh.h"


/* VIR_DOMAIN_AFFECT_* from --persistent/--config/--live/--current; with
 * @plain set when no option asked for anything, which virsh maps to the
 * flag-less API calls. */
static bool
nuvshDeviceFlags(nuvshControl *ctl,
                 const nuvshCmd *cmd,
                 virDomainPtr dom,
                 unsigned int *flags,
                 bool *plain)
{
    bool persistent = nuvshCommandOptBool(cmd, "persistent");
    bool config = nuvshCommandOptBool(cmd, "config");
    bool live = nuvshCommandOptBool(cmd, "live");
    bool current = nuvshCommandOptBool(cmd, "current");

    if (!nuvshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !nuvshCommandOptExclusive(ctl, cmd, "current", "config") ||
        !nuvshCommandOptExclusive(ctl, cmd, "persistent", "current"))
        return false;

    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (config || persistent)
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (persistent && virDomainIsActive(dom) == 1)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    *plain = !persistent && !config && !live && !current;
    return true;
}


static int
nuvshAttach(virDomainPtr dom,
            const char *xml,
            unsigned int flags,
            bool plain)
{
    return plain ? virDomainAttachDevice(dom, xml) : virDomainAttachDeviceFlags(dom, xml, flags);
}


static int
nuvshDetach(virDomainPtr dom,
            const char *xml,
            unsigned int flags,
            bool plain)
{
    return plain ? virDomainDetachDevice(dom, xml) : virDomainDetachDeviceFlags(dom, xml, flags);
}


/* ---- from XML files -------------------------------------------------- */

static const nuvshCmdOptDef opts_attach_device[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the device XML" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdAttachDevice(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (nuvshAttach(dom, xml, flags, plain) < 0) {
        nuvshError(ctl, "Failed to attach device from %s", file);
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Device attached successfully\n");
    return true;
}


static const nuvshCmdOptDef opts_detach_device[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the device XML" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdDetachDevice(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (nuvshDetach(dom, xml, flags, plain) < 0) {
        nuvshError(ctl, "Failed to detach device from %s", file);
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Device detached successfully\n");
    return true;
}


static const nuvshCmdOptDef opts_update_device[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the new device XML" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { "force", NUVSH_OT_BOOL, 0, "force the change, e.g. ejecting a locked medium" },
    { NULL },
};

static bool
cmdUpdateDevice(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (virDomainUpdateDeviceFlags(dom, xml, flags) < 0) {
        nuvshError(ctl, "Failed to update device from %s", file);
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Device updated successfully\n");
    return true;
}


static const nuvshCmdOptDef opts_detach_device_alias[] = {
    NUVSH_OPT_DOMAIN,
    { "alias", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "alias of the device to remove" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdDetachDeviceAlias(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *alias = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "alias", &alias) < 0)
        return false;

    if (virDomainDetachDeviceAlias(dom, alias, flags) < 0) {
        nuvshError(ctl, "Failed to detach device with alias %s", alias);
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Device detach request sent successfully\n");
    return true;
}


/* ---- disks ----------------------------------------------------------- */

static void
nuvshXMLAttr(GString *xml,
             const char *name,
             const char *value)
{
    g_autofree char *esc = NULL;

    if (!value)
        return;
    esc = g_markup_escape_text(value, -1);
    g_string_append_printf(xml, " %s='%s'", name, esc);
}


static const nuvshCmdOptDef opts_attach_disk[] = {
    NUVSH_OPT_DOMAIN,
    { "source", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "source file or device, or \"\" for an empty drive" },
    { "target", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "target device name, e.g. vdb" },
    { "targetbus", NUVSH_OT_STRING, 0, "target bus of the disk" },
    { "driver", NUVSH_OT_STRING, 0, "driver name" },
    { "subdriver", NUVSH_OT_STRING, 0, "driver subtype (format)" },
    { "iothread", NUVSH_OT_STRING, 0, "IOThread id" },
    { "cache", NUVSH_OT_STRING, 0, "cache mode" },
    { "io", NUVSH_OT_STRING, 0, "I/O mode" },
    { "type", NUVSH_OT_STRING, 0, "disk device: disk, cdrom, floppy or lun" },
    { "shareable", NUVSH_OT_ALIAS, 0, "mode=shareable" },
    { "mode", NUVSH_OT_STRING, 0, "readonly or shareable" },
    { "sourcetype", NUVSH_OT_STRING, 0, "type of the source (file or block)" },
    { "serial", NUVSH_OT_STRING, 0, "disk serial number" },
    { "wwn", NUVSH_OT_STRING, 0, "disk world wide name" },
    { "alias", NUVSH_OT_STRING, 0, "user-defined device alias" },
    { "rawio", NUVSH_OT_BOOL, 0, "allow raw I/O" },
    { "address", NUVSH_OT_STRING, 0, "device address, e.g. pci:0000.00.0x0a.0" },
    { "multifunction", NUVSH_OT_BOOL, 0, "use multifunction PCI" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "source-protocol", NUVSH_OT_STRING, 0, "network protocol of the source" },
    { "source-host-name", NUVSH_OT_STRING, 0, "host name of the source" },
    { "source-host-transport", NUVSH_OT_STRING, 0, "transport of the source host" },
    { "source-host-socket", NUVSH_OT_STRING, 0, "socket of the source host" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdAttachDisk(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const char *const stropts[] = {
        "source", "target", "targetbus", "driver", "subdriver", "iothread", "cache", "io",
        "type", "mode", "sourcetype", "serial", "wwn", "alias", "address",
    };
    enum {
        O_SOURCE, O_TARGET, O_BUS, O_DRIVER, O_SUBDRIVER, O_IOTHREAD, O_CACHE, O_IO,
        O_TYPE, O_MODE, O_SOURCETYPE, O_SERIAL, O_WWN, O_ALIAS, O_ADDRESS,
    };
    const char *v[G_N_ELEMENTS(stropts)] = { NULL };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    const char *disktype;
    unsigned int flags;
    bool plain;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(stropts); i++) {
        if (nuvshCommandOptStringReq(ctl, cmd, stropts[i], &v[i]) < 0)
            return false;
    }
    if (v[O_MODE] && !g_str_equal(v[O_MODE], "readonly") &&
        !g_str_equal(v[O_MODE], "shareable")) {
        nuvshError(ctl, "No support for %s in command 'attach-disk'", v[O_MODE]);
        return false;
    }

    /* a block device unless said otherwise or the source is no device */
    disktype = v[O_SOURCETYPE];
    if (!disktype) {
        struct stat st;

        disktype = stat(v[O_SOURCE], &st) == 0 && S_ISBLK(st.st_mode) ? "block" : "file";
    }

    g_string_append(xml, "<disk");
    nuvshXMLAttr(xml, "type", disktype);
    nuvshXMLAttr(xml, "device", v[O_TYPE]);
    if (nuvshCommandOptBool(cmd, "rawio"))
        g_string_append(xml, " rawio='yes'");
    g_string_append(xml, ">\n");
    if (v[O_DRIVER] || v[O_SUBDRIVER] || v[O_IOTHREAD] || v[O_CACHE] || v[O_IO]) {
        g_string_append(xml, "  <driver");
        nuvshXMLAttr(xml, "name", v[O_DRIVER]);
        nuvshXMLAttr(xml, "type", v[O_SUBDRIVER]);
        nuvshXMLAttr(xml, "iothread", v[O_IOTHREAD]);
        nuvshXMLAttr(xml, "cache", v[O_CACHE]);
        nuvshXMLAttr(xml, "io", v[O_IO]);
        g_string_append(xml, "/>\n");
    }
    if (*v[O_SOURCE]) {
        g_string_append(xml, "  <source");
        nuvshXMLAttr(xml, g_str_equal(disktype, "block") ? "dev" : "file", v[O_SOURCE]);
        g_string_append(xml, "/>\n");
    }
    g_string_append(xml, "  <target");
    nuvshXMLAttr(xml, "dev", v[O_TARGET]);
    nuvshXMLAttr(xml, "bus", v[O_BUS]);
    g_string_append(xml, "/>\n");
    if (v[O_MODE])
        g_string_append_printf(xml, "  <%s/>\n", v[O_MODE]);
    if (v[O_SERIAL])
        g_string_append_printf(xml, "  <serial>%s</serial>\n", v[O_SERIAL]);
    if (v[O_ALIAS]) {
        g_string_append(xml, "  <alias");
        nuvshXMLAttr(xml, "name", v[O_ALIAS]);
        g_string_append(xml, "/>\n");
    }
    if (v[O_WWN])
        g_string_append_printf(xml, "  <wwn>%s</wwn>\n", v[O_WWN]);
    g_string_append(xml, "</disk>\n");

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml->str);
        return true;
    }

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshAttach(dom, xml->str, flags, plain) < 0) {
        nuvshError(ctl, "%s", "Failed to attach disk");
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Disk attached successfully\n");
    return true;
}


/* The XML of every device matching @expr in the domain's definition. */
static GPtrArray *
nuvshDomainDeviceXMLs(nuvshControl *ctl,
                      virDomainPtr dom,
                      unsigned int flags,
                      const char *expr)
{
    g_autofree char *domxml = NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xmlDocPtr doc;
    xmlXPathContextPtr xctx;
    xmlXPathObjectPtr res;
    int i;

    if (!(domxml = virDomainGetXMLDesc(dom, (flags & VIR_DOMAIN_AFFECT_CONFIG)
                                       ? VIR_DOMAIN_XML_INACTIVE : 0))) {
        g_ptr_array_unref(out);
        return NULL;
    }
    if (!(doc = xmlReadMemory(domxml, strlen(domxml), "domain.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING))) {
        nuvshError(ctl, "%s", "Failed to parse domain description xml");
        g_ptr_array_unref(out);
        return NULL;
    }
    xctx = xmlXPathNewContext(doc);
    res = xmlXPathEvalExpression((const xmlChar *) expr, xctx);
    for (i = 0; res && res->nodesetval && i < res->nodesetval->nodeNr; i++) {
        xmlBufferPtr buf = xmlBufferCreate();

        xmlNodeDump(buf, doc, res->nodesetval->nodeTab[i], 0, 1);
        g_ptr_array_add(out, g_strdup((const char *) xmlBufferContent(buf)));
        xmlBufferFree(buf);
    }
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(xctx);
    xmlFreeDoc(doc);
    return out;
}


/* @str quoted for an XPath literal; names with both quote kinds are
 * refused by the callers' lookups simply not matching. */
static char *
nuvshXPathLiteral(const char *str)
{
    if (strchr(str, '\''))
        return g_strdup_printf("\"%s\"", str);
    return g_strdup_printf("'%s'", str);
}


static const nuvshCmdOptDef opts_detach_disk[] = {
    NUVSH_OPT_DOMAIN,
    { "target", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "target device name or source path" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML of the disk instead of detaching it" },
    { NULL },
};

static bool
cmdDetachDisk(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *lit = NULL;
    g_autofree char *expr = NULL;
    const char *target = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "target", &target) < 0)
        return false;

    lit = nuvshXPathLiteral(target);
    expr = g_strdup_printf("/domain/devices/disk[target/@dev=%s or source/@file=%s or "
                           "source/@dev=%s or source/@dir=%s or source/@name=%s]",
                           lit, lit, lit, lit, lit);
    if (!(found = nuvshDomainDeviceXMLs(ctl, dom, flags, expr)))
        return false;
    if (found->len == 0) {
        nuvshError(ctl, "No disk found whose source path or target is %s", target);
        return false;
    }

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s\n", (const char *) g_ptr_array_index(found, 0));
        return true;
    }

    if (nuvshDetach(dom, g_ptr_array_index(found, 0), flags, plain) < 0) {
        nuvshError(ctl, "%s", "Failed to detach disk");
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Disk detached successfully\n");
    return true;
}


/* ---- interfaces ------------------------------------------------------ */

static const nuvshCmdOptDef opts_attach_interface[] = {
    NUVSH_OPT_DOMAIN,
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "network, bridge, direct, ethernet or user" },
    { "source", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "network, bridge or host device to connect to" },
    { "target", NUVSH_OT_STRING, 0, "name of the host side device" },
    { "mac", NUVSH_OT_STRING, 0, "MAC address" },
    { "script", NUVSH_OT_STRING, 0, "script used to bridge the interface" },
    { "model", NUVSH_OT_STRING, 0, "device model" },
    { "alias", NUVSH_OT_STRING, 0, "user-defined device alias" },
    { "inbound", NUVSH_OT_STRING, 0, "inbound bandwidth limits: average,peak,burst,floor" },
    { "outbound", NUVSH_OT_STRING, 0, "outbound bandwidth limits: average,peak,burst" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "managed", NUVSH_OT_BOOL, 0, "let libvirt manage the device" },
    { "source-mode", NUVSH_OT_STRING, 0,
      "mode of a direct interface (vepa, bridge, private, passthrough)" },
    { NULL },
};

static bool
cmdAttachInterface(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    static const char *const stropts[] = {
        "type", "source", "target", "mac", "script", "model", "alias", "source-mode",
    };
    enum { O_TYPE, O_SOURCE, O_TARGET, O_MAC, O_SCRIPT, O_MODEL, O_ALIAS, O_MODE };
    const char *v[G_N_ELEMENTS(stropts)] = { NULL };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    const char *srcattr;
    unsigned int flags;
    bool plain;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(stropts); i++) {
        if (nuvshCommandOptStringReq(ctl, cmd, stropts[i], &v[i]) < 0)
            return false;
    }
    if (nuvshCommandOptString(cmd, "inbound") || nuvshCommandOptString(cmd, "outbound")) {
        nuvshError(ctl, "%s", "bandwidth limits with attach-interface are not supported "
                   "by nuvsh yet");
        return false;
    }

    if (g_str_equal(v[O_TYPE], "network"))
        srcattr = "network";
    else if (g_str_equal(v[O_TYPE], "bridge"))
        srcattr = "bridge";
    else if (g_str_equal(v[O_TYPE], "direct") || g_str_equal(v[O_TYPE], "ethernet"))
        srcattr = "dev";
    else if (g_str_equal(v[O_TYPE], "user"))
        srcattr = NULL;
    else {
        nuvshError(ctl, "No support for %s in command 'attach-interface'", v[O_TYPE]);
        return false;
    }

    g_string_append(xml, "<interface");
    nuvshXMLAttr(xml, "type", v[O_TYPE]);
    if (nuvshCommandOptBool(cmd, "managed"))
        g_string_append(xml, " managed='yes'");
    g_string_append(xml, ">\n");
    if (srcattr) {
        g_string_append(xml, "  <source");
        nuvshXMLAttr(xml, srcattr, v[O_SOURCE]);
        if (g_str_equal(v[O_TYPE], "direct"))
            nuvshXMLAttr(xml, "mode", v[O_MODE] ? v[O_MODE] : "vepa");
        g_string_append(xml, "/>\n");
    }
    if (v[O_TARGET]) {
        g_string_append(xml, "  <target");
        nuvshXMLAttr(xml, "dev", v[O_TARGET]);
        g_string_append(xml, "/>\n");
    }
    if (v[O_MAC]) {
        g_string_append(xml, "  <mac");
        nuvshXMLAttr(xml, "address", v[O_MAC]);
        g_string_append(xml, "/>\n");
    }
    if (v[O_SCRIPT]) {
        g_string_append(xml, "  <script");
        nuvshXMLAttr(xml, "path", v[O_SCRIPT]);
        g_string_append(xml, "/>\n");
    }
    if (v[O_MODEL]) {
        g_string_append(xml, "  <model");
        nuvshXMLAttr(xml, "type", v[O_MODEL]);
        g_string_append(xml, "/>\n");
    }
    if (v[O_ALIAS]) {
        g_string_append(xml, "  <alias");
        nuvshXMLAttr(xml, "name", v[O_ALIAS]);
        g_string_append(xml, "/>\n");
    }
    g_string_append(xml, "</interface>\n");

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml->str);
        return true;
    }

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshAttach(dom, xml->str, flags, plain) < 0) {
        nuvshError(ctl, "%s", "Failed to attach interface");
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Interface attached successfully\n");
    return true;
}


static const nuvshCmdOptDef opts_detach_interface[] = {
    NUVSH_OPT_DOMAIN,
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface type" },
    { "mac", NUVSH_OT_STRING, 0, "MAC address of the interface to remove" },
    { "persistent", NUVSH_OT_BOOL, 0,
      "make the change persistent too (live and config when running)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML of the interface instead of detaching it" },
    { NULL },
};

static bool
cmdDetachInterface(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *expr = NULL;
    g_autofree char *tlit = NULL;
    const char *type = NULL;
    const char *mac = NULL;
    unsigned int flags;
    bool plain;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!nuvshDeviceFlags(ctl, cmd, dom, &flags, &plain))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "mac", &mac) < 0)
        return false;

    tlit = nuvshXPathLiteral(type);
    if (mac) {
        g_autofree char *lower = g_ascii_strdown(mac, -1);
        g_autofree char *mlit = nuvshXPathLiteral(lower);

        expr = g_strdup_printf("/domain/devices/interface[@type=%s and "
                               "translate(mac/@address, 'ABCDEF', 'abcdef')=%s]",
                               tlit, mlit);
    } else {
        expr = g_strdup_printf("/domain/devices/interface[@type=%s]", tlit);
    }
    if (!(found = nuvshDomainDeviceXMLs(ctl, dom, flags, expr)))
        return false;

    if (found->len == 0) {
        if (mac)
            nuvshError(ctl, "No interface with MAC address %s was found", mac);
        else
            nuvshError(ctl, "No interface found whose type is %s", type);
        nuvshError(ctl, "%s", "Failed to detach interface");
        return false;
    }
    if (found->len > 1) {
        nuvshError(ctl, "Domain has %u interfaces. Please specify which one to detach "
                   "using --mac", found->len);
        nuvshError(ctl, "%s", "Failed to detach interface");
        return false;
    }

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s\n", (const char *) g_ptr_array_index(found, 0));
        return true;
    }

    if (nuvshDetach(dom, g_ptr_array_index(found, 0), flags, plain) < 0) {
        nuvshError(ctl, "%s", "Failed to detach interface");
        return false;
    }
    nuvshPrintExtra(ctl, "%s", "Interface detached successfully\n");
    return true;
}


const nuvshCmdDef nuvshDomainDeviceCmds[] = {
    { "attach-device", cmdAttachDevice, opts_attach_device,
      "add a device described in an XML file to a domain",
      "" },
    { "attach-disk", cmdAttachDisk, opts_attach_disk,
      "add a disk to a domain",
      "" },
    { "attach-interface", cmdAttachInterface, opts_attach_interface,
      "add a network interface to a domain",
      "" },
    { "detach-device", cmdDetachDevice, opts_detach_device,
      "remove a device described in an XML file from a domain",
      "" },
    { "detach-device-alias", cmdDetachDeviceAlias, opts_detach_device_alias,
      "remove a device named by its alias from a domain",
      "" },
    { "detach-disk", cmdDetachDisk, opts_detach_disk,
      "remove a disk from a domain",
      "" },
    { "detach-interface", cmdDetachInterface, opts_detach_interface,
      "remove a network interface from a domain",
      "" },
    { "update-device", cmdUpdateDevice, opts_update_device,
      "change a device from an XML description",
      "" },
    { NULL },
};
