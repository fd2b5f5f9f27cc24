/*
 * nuvsh-domain-device-edit.c: commands that change one device found in
 * the domain's XML (removable media, interface link state, memory device
 * size) and hand the changed device back through virDomainUpdateDeviceFlags
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "nuvsh.h"


/* The domain's XML, parsed, with an XPath context on it. */
typedef struct {
    xmlDocPtr doc;
    xmlXPathContextPtr xctx;
} nuvshDomainDoc;

static void
nuvshDomainDocClear(nuvshDomainDoc *d)
{
    xmlXPathFreeContext(d->xctx);
    xmlFreeDoc(d->doc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(nuvshDomainDoc, nuvshDomainDocClear);


static bool
nuvshDomainDocLoad(nuvshControl *ctl,
                   virDomainPtr dom,
                   unsigned int xmlflags,
                   nuvshDomainDoc *d)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, xmlflags);

    if (!xml)
        return false;
    if (!(d->doc = xmlReadMemory(xml, strlen(xml), "domain.xml", NULL, XML_PARSE_NONET)) ||
        !(d->xctx = xmlXPathNewContext(d->doc))) {
        nuvshError(ctl, "%s", "Failed to parse domain XML");
        return false;
    }
    return true;
}


/* The element nodes @expr selects, in document order. */
static GPtrArray *
nuvshDomainDocNodes(nuvshDomainDoc *d,
                    const char *expr)
{
    GPtrArray *nodes = g_ptr_array_new();
    xmlXPathObjectPtr res = xmlXPathEvalExpression((const xmlChar *) expr, d->xctx);
    int i;

    if (res && res->type == XPATH_NODESET && res->nodesetval) {
        for (i = 0; i < res->nodesetval->nodeNr; i++)
            g_ptr_array_add(nodes, res->nodesetval->nodeTab[i]);
    }
    xmlXPathFreeObject(res);
    return nodes;
}


static xmlNodePtr
nuvshChildElement(xmlNodePtr node,
                  const char *name)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && strcmp((const char *) cur->name, name) == 0)
            return cur;
    }
    return NULL;
}


static char *
nuvshNodeAttr(xmlNodePtr node,
              const char *name)
{
    xmlChar *val = node ? xmlGetProp(node, (const xmlChar *) name) : NULL;
    char *ret = val ? g_strdup((const char *) val) : NULL;

    xmlFree(val);
    return ret;
}


/* One device as text, the way libxml writes a node (double quotes, the
 * inner whitespace as it came), which is what virsh prints and sends. */
static char *
nuvshNodeDump(xmlDocPtr doc,
              xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(buf, doc, node, 0, 0);
    ret = g_strdup((const char *) xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}


/* --current against --live/--config, as virsh checks them, into
 * VIR_DOMAIN_AFFECT_* flags. */
static bool
nuvshAffectFlags(nuvshControl *ctl,
                 const nuvshCmd *cmd,
                 unsigned int *flags)
{
    if (!nuvshCommandOptExclusive(ctl, cmd, "current", "live") ||
        !nuvshCommandOptExclusive(ctl, cmd, "current", "config"))
        return false;
    *flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (nuvshCommandOptBool(cmd, "config"))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (nuvshCommandOptBool(cmd, "live"))
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
    return true;
}


/* ---- change-media ----------------------------------------------------- */

static const nuvshCmdOptDef opts_change_media[] = {
    NUVSH_OPT_DOMAIN,
    { "path", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the drive: its target or its media's path" },
    { "source", NUVSH_OT_STRING, 0, "the new media" },
    { "eject", NUVSH_OT_BOOL, 0, "take the media out" },
    { "insert", NUVSH_OT_BOOL, 0, "put media into an empty drive" },
    { "update", NUVSH_OT_BOOL, 0, "replace the media (the default)" },
    NUVSH_OPT_DOMAIN_CURRENT,
    NUVSH_OPT_DOMAIN_LIVE,
    NUVSH_OPT_DOMAIN_CONFIG,
    { "force", NUVSH_OT_BOOL, 0, "change the media even if the guest has locked the drive" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the changed disk XML instead of applying it" },
    { "block", NUVSH_OT_BOOL, 0, "the new media is a block device" },
    { NULL },
};

typedef enum {
    NUVSH_MEDIA_EJECT,
    NUVSH_MEDIA_INSERT,
    NUVSH_MEDIA_UPDATE,
} nuvshMediaAction;

static const char *const nuvshMediaActionNames[] = { "eject", "insert", "update" };
static const char *const nuvshMediaDone[] = {
    "Successfully ejected media.", "Successfully inserted media.",
    "Successfully updated media.",
};


/* The removable disk (CD-ROM or floppy) whose target dev or source path
 * is @path, or NULL after an error naming it. */
static xmlNodePtr
nuvshFindDisk(nuvshControl *ctl,
              nuvshDomainDoc *d,
              const char *path)
{
    static const char *const where[][2] = {
        { "target", "dev" }, { "source", "file" }, { "source", "dev" },
        { "source", "dir" }, { "source", "name" }, { "source", "volume" },
    };
    g_autoptr(GPtrArray) disks = nuvshDomainDocNodes(d, "/domain/devices/disk");
    size_t i, j;

    for (i = 0; i < disks->len; i++) {
        xmlNodePtr disk = g_ptr_array_index(disks, i);
        g_autofree char *device = nuvshNodeAttr(disk, "device");

        if (!device || (strcmp(device, "cdrom") != 0 && strcmp(device, "floppy") != 0))
            continue;
        for (j = 0; j < G_N_ELEMENTS(where); j++) {
            g_autofree char *val = nuvshNodeAttr(nuvshChildElement(disk, where[j][0]),
                                                 where[j][1]);
            if (val && strcmp(val, path) == 0)
                return disk;
        }
    }
    nuvshError(ctl, "No disk found whose source path or target is %s", path);
    return NULL;
}


/* Applies @action to @disk in place: drops or replaces <source>, or adds
 * one in front of the first child element. */
static bool
nuvshChangeDiskMedia(nuvshControl *ctl,
                     xmlNodePtr disk,
                     const char *path,
                     nuvshMediaAction action,
                     const char *source,
                     bool block)
{
    xmlNodePtr old = nuvshChildElement(disk, "source");
    xmlNodePtr first;
    xmlNodePtr src;

    if (action == NUVSH_MEDIA_EJECT && !old) {
        nuvshError(ctl, "The disk device '%s' doesn't have media", path);
        return false;
    }
    if (action != NUVSH_MEDIA_EJECT && !source) {
        nuvshError(ctl, "%s", "New disk media source was not specified");
        return false;
    }
    if (action == NUVSH_MEDIA_INSERT && old) {
        nuvshError(ctl, "The disk device '%s' already has media", path);
        return false;
    }

    if (old) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (action == NUVSH_MEDIA_EJECT)
        return true;

    xmlSetProp(disk, (const xmlChar *) "type", (const xmlChar *) (block ? "block" : "file"));
    src = xmlNewNode(NULL, (const xmlChar *) "source");
    xmlNewProp(src, (const xmlChar *) (block ? "dev" : "file"), (const xmlChar *) source);
    for (first = disk->children; first && first->type != XML_ELEMENT_NODE; first = first->next)
        ;
    if (!first) {
        xmlAddChild(disk, src);
        return true;
    }
    xmlAddPrevSibling(first, src);
    if (src->prev && src->prev->type == XML_TEXT_NODE)
        xmlAddNextSibling(src, xmlNewText(src->prev->content));
    return true;
}


static bool
cmdChangeMedia(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_auto(nuvshDomainDoc) d = { 0 };
    g_autofree char *xml = NULL;
    const char *path = NULL;
    const char *source = NULL;
    bool eject = nuvshCommandOptBool(cmd, "eject");
    bool insert = nuvshCommandOptBool(cmd, "insert");
    bool block = nuvshCommandOptBool(cmd, "block");
    nuvshMediaAction action = NUVSH_MEDIA_UPDATE;
    unsigned int flags;
    xmlNodePtr disk;

    if (!nuvshCommandOptExclusive(ctl, cmd, "eject", "insert") ||
        !nuvshCommandOptExclusive(ctl, cmd, "eject", "update") ||
        !nuvshCommandOptExclusive(ctl, cmd, "insert", "update") ||
        !nuvshCommandOptExclusive(ctl, cmd, "eject", "block"))
        return false;
    if (eject)
        action = NUVSH_MEDIA_EJECT;
    else if (insert)
        action = NUVSH_MEDIA_INSERT;
    if (!nuvshAffectFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (nuvshCommandOptStringReq(ctl, cmd, "path", &path) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!nuvshDomainDocLoad(ctl, dom,
                            (flags & VIR_DOMAIN_AFFECT_CONFIG) ? VIR_DOMAIN_XML_INACTIVE : 0,
                            &d) ||
        !(disk = nuvshFindDisk(ctl, &d, path)) ||
        !nuvshChangeDiskMedia(ctl, disk, path, action, source, block))
        return false;
    xml = nuvshNodeDump(d.doc, disk);

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }
    if (virDomainUpdateDeviceFlags(dom, xml, flags) != 0) {
        nuvshError(ctl, "Failed to complete action %s on media", nuvshMediaActionNames[action]);
        return false;
    }
    nuvshPrint(ctl, "%s", nuvshMediaDone[action]);
    return true;
}


/* ---- domif-setlink ---------------------------------------------------- */

static const nuvshCmdOptDef opts_domif_setlink[] = {
    NUVSH_OPT_DOMAIN,
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the interface: its MAC address or target device" },
    { "state", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "up or down" },
    { "persistent", NUVSH_OT_ALIAS, 0, "config" },
    { "config", NUVSH_OT_BOOL, 0, "change the persistent definition" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the changed interface XML instead of applying it" },
    { NULL },
};

static bool
cmdDomIfSetLink(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_auto(nuvshDomainDoc) d = { 0 };
    g_autoptr(GPtrArray) ifaces = NULL;
    g_autofree char *xml = NULL;
    const char *iface = NULL;
    const char *state = NULL;
    bool config = nuvshCommandOptBool(cmd, "config");
    unsigned int flags = config ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
    xmlNodePtr found = NULL;
    xmlNodePtr link;
    size_t i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &iface) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "state", &state) < 0)
        return false;
    if (g_ascii_strcasecmp(state, "up") != 0 && g_ascii_strcasecmp(state, "down") != 0) {
        nuvshError(ctl, "invalid link state '%s'", state);
        return false;
    }
    if (!config && virDomainIsActive(dom) == 0)
        flags = VIR_DOMAIN_AFFECT_CONFIG;

    if (!nuvshDomainDocLoad(ctl, dom, config ? VIR_DOMAIN_XML_INACTIVE : 0, &d))
        return false;
    ifaces = nuvshDomainDocNodes(&d, "/domain/devices/interface");
    if (ifaces->len == 0) {
        nuvshError(ctl, "%s", "Failed to extract interface information or no interfaces found");
        return false;
    }
    for (i = 0; i < ifaces->len && !found; i++) {
        xmlNodePtr node = g_ptr_array_index(ifaces, i);
        g_autofree char *mac = nuvshNodeAttr(nuvshChildElement(node, "mac"), "address");
        g_autofree char *dev = nuvshNodeAttr(nuvshChildElement(node, "target"), "dev");

        if ((mac && g_ascii_strcasecmp(mac, iface) == 0) || (dev && strcmp(dev, iface) == 0))
            found = node;
    }
    if (!found) {
        nuvshError(ctl, "interface '%s' not found", iface);
        return false;
    }

    if ((link = nuvshChildElement(found, "link")))
        xmlSetProp(link, (const xmlChar *) "state", (const xmlChar *) state);
    else
        xmlNewProp(xmlNewChild(found, NULL, (const xmlChar *) "link", NULL),
                   (const xmlChar *) "state", (const xmlChar *) state);
    xml = nuvshNodeDump(d.doc, found);

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }
    if (virDomainUpdateDeviceFlags(dom, xml, flags) < 0) {
        nuvshError(ctl, "%s", "Failed to update interface link state");
        return false;
    }
    nuvshPrint(ctl, "%s", "Device updated successfully\n");
    return true;
}


/* ---- update-memory-device --------------------------------------------- */

static const nuvshCmdOptDef opts_update_memory_device[] = {
    NUVSH_OPT_DOMAIN,
    { "config", NUVSH_OT_BOOL, 0, "change the persistent definition" },
    { "live", NUVSH_OT_BOOL, 0, "change the running domain" },
    { "current", NUVSH_OT_BOOL, 0, "change the domain's current state" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the changed device XML instead of applying it" },
    { "alias", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "the device's alias" },
    { "node", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT, "the device's guest NUMA node" },
    { "requested-size", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT,
      "new requested size (a scaled integer, default KiB)" },
    { NULL },
};

static bool
cmdUpdateMemoryDevice(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_auto(nuvshDomainDoc) d = { 0 };
    g_autoptr(GPtrArray) mems = NULL;
    g_autofree char *expr = NULL;
    g_autofree char *xml = NULL;
    const char *alias = NULL;
    unsigned long long size = 0;
    unsigned int flags;
    int node = -1;
    int has_size;
    xmlNodePtr mem;

    if (!nuvshAffectFlags(ctl, cmd, &flags) ||
        !nuvshCommandOptExclusive(ctl, cmd, "node", "alias"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "alias", &alias) < 0 ||
        nuvshCommandOptInt(ctl, cmd, "node", &node) < 0 ||
        (has_size = nuvshCommandOptScaledInt(ctl, cmd, "requested-size", &size,
                                             1024, G_MAXUINT64)) < 0)
        return false;

    if (!nuvshDomainDocLoad(ctl, dom,
                            (flags & VIR_DOMAIN_AFFECT_CONFIG) ? VIR_DOMAIN_XML_INACTIVE : 0,
                            &d))
        return false;
    if (alias)
        expr = g_strdup_printf("/domain/devices/memory[./alias/@name='%s']", alias);
    else if (node >= 0)
        expr = g_strdup_printf("/domain/devices/memory[./target/node='%d']", node);
    else
        expr = g_strdup("/domain/devices/memory");
    mems = nuvshDomainDocNodes(&d, expr);
    if (mems->len == 0) {
        nuvshError(ctl, "%s", "no memory device found");
        return false;
    }
    if (mems->len > 1) {
        nuvshError(ctl, "%s", "multiple memory devices found, use --alias or --node to select one");
        return false;
    }
    mem = g_ptr_array_index(mems, 0);

    if (has_size) {
        xmlNodePtr target = nuvshChildElement(mem, "target");
        xmlNodePtr requested = target ? nuvshChildElement(target, "requested") : NULL;
        g_autofree char *kib = g_strdup_printf("%llu", size / 1024);

        if (!requested) {
            nuvshError(ctl, "%s", "virtio-mem device is missing <requested/>");
            return false;
        }
        xmlNodeSetContent(requested, (const xmlChar *) kib);
        xmlSetProp(requested, (const xmlChar *) "unit", (const xmlChar *) "KiB");
    }
    xml = nuvshNodeDump(d.doc, mem);

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }
    return virDomainUpdateDeviceFlags(dom, xml, flags) == 0;
}


const nuvshCmdDef nuvshDomainDeviceEditCmds[] = {
    { "change-media", cmdChangeMedia, opts_change_media,
      "eject, insert or replace the media of a CD-ROM or floppy drive",
      "Changes the <source> of a removable disk and updates the domain with it.",
      0, NULL },
    { "domif-setlink", cmdDomIfSetLink, opts_domif_setlink,
      "bring an interface's link up or down",
      "Sets <link state/> of the interface with the given MAC address or device.",
      0, NULL },
    { "update-memory-device", cmdUpdateMemoryDevice, opts_update_memory_device,
      "change a memory device's requested size",
      "Changes the <requested/> size of a virtio-mem device.",
      0, NULL },
    { NULL },
};
