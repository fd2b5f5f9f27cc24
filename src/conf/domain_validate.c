/*
 * domain_validate.c: consistency checks on domain definitions.
 *
 * Each check reproduces one rejection of stock libvirt with the same
 * error code, so that callers can tell the failures apart as they would
 * with libvirt.  The messages are worded the way libvirt words them.
 */
#include <string.h>

#include "conf/domain_validate.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Attributes whose values are a closed list (checked on parse). */
typedef struct {
    const char *elem;
    const char *attr;
    const char *const *values;
} nuvDomainEnumAttr;

static const char *const gicVersions[] = { "2", "3", "host", NULL };
static const char *const memAccessValues[] = { "shared", "private", NULL };

static const nuvDomainEnumAttr nuvDomainEnums[] = {
    { "gic", "version", gicVersions },
    { "cell", "memAccess", memAccessValues },
};

static int
nuvDomainCheckEnums(const nuvXNode *n)
{
    for (size_t i = 0; i < G_N_ELEMENTS(nuvDomainEnums); i++) {
        const nuvDomainEnumAttr *e = &nuvDomainEnums[i];
        const char *v;
        bool ok = false;

        if (strcmp(nuvXNodeName(n), e->elem) != 0 || !(v = nuvXNodeGet(n, e->attr)))
            continue;
        for (size_t j = 0; e->values[j]; j++)
            ok = ok || strcmp(e->values[j], v) == 0;
        if (!ok) {
            nuvReportError(VIR_ERR_XML_ERROR,
                           "Invalid value for attribute '%s' in element '%s': '%s'.",
                           e->attr, e->elem, v);
            return -1;
        }
    }
    for (size_t i = 0; i < n->children->len; i++) {
        if (nuvDomainCheckEnums(g_ptr_array_index(n->children, i)) < 0)
            return -1;
    }
    return 0;
}

/* A character device backend: the element carrying type= and <source>s. */
static int
nuvDomainCheckChrSource(const nuvXNode *dev, const char *type, bool pathOptional)
{
    size_t nsrc = nuvXNodeCountChildren(dev, "source");

    if (!type)
        return 0;
    if (strcmp(type, "udp") == 0) {
        bool haveConnect = false;

        if (nsrc > 2) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "only two source elements are allowed for character device");
            return -1;
        }
        for (size_t i = 0; i < nsrc; i++) {
            nuvXNode *s = nuvXNodeNthChild(dev, "source", i);
            const char *mode = nuvXNodeGet(s, "mode");
            if ((!mode || strcmp(mode, "connect") == 0) && nuvXNodeGet(s, "service"))
                haveConnect = true;
        }
        if (!haveConnect) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source service attribute for char device");
            return -1;
        }
    } else if (strcmp(type, "tcp") == 0) {
        nuvXNode *s = nuvXNodeChild(dev, "source");
        if (!s || !nuvXNodeGet(s, "service")) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source service attribute for char device");
            return -1;
        }
    } else if (strcmp(type, "unix") == 0) {
        nuvXNode *s = nuvXNodeChild(dev, "source");
        if (!pathOptional && (!s || !nuvXNodeGet(s, "path"))) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "Missing source path attribute for char device");
            return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckChardevs(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        const char *kind = nuvXNodeName(d);

        if (strcmp(kind, "serial") == 0 || strcmp(kind, "console") == 0 ||
            strcmp(kind, "parallel") == 0 || strcmp(kind, "redirdev") == 0 ||
            strcmp(kind, "smartcard") == 0) {
            if (nuvDomainCheckChrSource(d, nuvXNodeGet(d, "type"), false) < 0)
                return -1;
        } else if (strcmp(kind, "channel") == 0) {
            /* a virtio channel's socket path can be generated */
            bool virtio = g_strcmp0(nuvXNodeGet(nuvXNodeChild(d, "target"), "type"),
                                    "virtio") == 0;
            if (nuvDomainCheckChrSource(d, nuvXNodeGet(d, "type"), virtio) < 0)
                return -1;
        } else if (strcmp(kind, "rng") == 0) {
            nuvXNode *b = nuvXNodeChild(d, "backend");
            if (b && g_strcmp0(nuvXNodeGet(b, "model"), "egd") == 0 &&
                nuvDomainCheckChrSource(b, nuvXNodeGet(b, "type"), false) < 0)
                return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckDisks(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        nuvXNode *tgt, *addr, *src;
        const char *bus, *atype, *dev;

        if (strcmp(nuvXNodeName(d), "disk") != 0)
            continue;
        tgt = nuvXNodeChild(d, "target");
        addr = nuvXNodeChild(d, "address");
        src = nuvXNodeChild(d, "source");
        bus = nuvXNodeGet(tgt, "bus");
        dev = nuvXNodeGet(tgt, "dev");
        atype = nuvXNodeGet(addr, "type");

        if (bus && atype &&
            (strcmp(bus, "ide") == 0 || strcmp(bus, "fdc") == 0 ||
             strcmp(bus, "sata") == 0 || strcmp(bus, "scsi") == 0) &&
            strcmp(atype, "drive") != 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                           atype, dev ? dev : "", bus);
            return -1;
        }
        if (g_strcmp0(nuvXNodeGet(d, "device"), "lun") == 0) {
            const char *type = nuvXNodeGet(d, "type");
            bool ok = g_strcmp0(type, "block") == 0 ||
                      (g_strcmp0(type, "network") == 0 &&
                       g_strcmp0(nuvXNodeGet(src, "protocol"), "iscsi") == 0);
            if (!ok) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "disk device='lun' is only valid for block type disk source");
                return -1;
            }
        }
        if (src && nuvXNodeGet(src, "fdgroup")) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "driver does not support FD passing for disk '%s'", dev ? dev : "");
            return -1;
        }
        if (nuvXNodeChild(d, "auth") && src && nuvXNodeChild(src, "auth")) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "an <auth> definition already found for disk source");
            return -1;
        }
    }
    return 0;
}

static int
nuvDomainCheckGraphics(const nuvXNode *devs)
{
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *g = g_ptr_array_index(devs->children, i);
        nuvXNode *l;
        const char *attr;

        if (strcmp(nuvXNodeName(g), "graphics") != 0)
            continue;
        for (size_t j = 0; j < nuvXNodeCountChildren(g, "listen"); j++) {
            nuvXNode *lj = nuvXNodeNthChild(g, "listen", j);
            if (g_strcmp0(nuvXNodeGet(lj, "type"), "network") == 0 &&
                !nuvXNodeGet(lj, "network")) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "'network' attribute is required for listen type 'network'");
                return -1;
            }
        }
        if (!(l = nuvXNodeChild(g, "listen")))
            continue;
        if ((attr = nuvXNodeGet(g, "listen")) &&
            g_strcmp0(nuvXNodeGet(l, "type"), "address") == 0 &&
            nuvXNodeGet(l, "address") && strcmp(attr, nuvXNodeGet(l, "address")) != 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')",
                           attr, nuvXNodeGet(l, "address"));
            return -1;
        }
        if ((attr = nuvXNodeGet(g, "socket")) &&
            g_strcmp0(nuvXNodeGet(l, "type"), "socket") == 0 &&
            nuvXNodeGet(l, "socket") && strcmp(attr, nuvXNodeGet(l, "socket")) != 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "graphics 'socket' attribute '%s' must match 'socket' attribute of first listen element (found '%s')",
                           attr, nuvXNodeGet(l, "socket"));
            return -1;
        }
    }
    return 0;
}

static char *
nuvNodeText(const nuvXNode *n)
{
    GString *buf = g_string_new(NULL);

    if (n)
        nuvXNodeFormat(n, buf, 0, NUV_XNODE_FORMAT_SECURE);
    return g_string_free(buf, FALSE);
}

static int
nuvDomainCheckHostdevs(const nuvXNode *devs)
{
    g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func(g_free);
    unsigned int ramfb = 0;

    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *h = g_ptr_array_index(devs->children, i);
        nuvXNode *src, *addr;
        const char *type, *model, *atype;
        g_autofree char *key = NULL;

        if (strcmp(nuvXNodeName(h), "hostdev") != 0)
            continue;
        type = nuvXNodeGet(h, "type");
        src = nuvXNodeChild(h, "source");
        addr = nuvXNodeChild(h, "address");
        atype = nuvXNodeGet(addr, "type");

        if (g_strcmp0(type, "mdev") == 0) {
            nuvXNode *sa = nuvXNodeChild(src, "address");
            model = nuvXNodeGet(h, "model");
            if (!sa || !nuvXNodeGet(sa, "uuid")) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Missing 'uuid' attribute for element <address>");
                return -1;
            }
            if (atype && model &&
                ((strcmp(model, "vfio-pci") == 0 && strcmp(atype, "pci") != 0) ||
                 (strcmp(model, "vfio-ccw") == 0 && strcmp(atype, "ccw") != 0))) {
                nuvReportError(VIR_ERR_XML_ERROR,
                               "Unsupported address type '%s' with mediated device model '%s'",
                               atype, model);
                return -1;
            }
            if (g_strcmp0(nuvXNodeGet(h, "ramfb"), "on") == 0 && ++ramfb > 1) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                               "Only one vgpu device can have 'ramfb' enabled");
                return -1;
            }
        }

        key = g_strdup_printf("%s\n%s", type ? type : "", src ? "" : "-");
        if (src) {
            g_autofree char *s = nuvNodeText(src);
            g_free(key);
            key = g_strdup_printf("%s\n%s", type ? type : "", s);
        }
        for (size_t j = 0; src && j < seen->len; j++) {
            if (strcmp(g_ptr_array_index(seen, j), key) == 0) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "Hostdev already exists in the domain configuration");
                return -1;
            }
        }
        g_ptr_array_add(seen, g_steal_pointer(&key));
    }
    return 0;
}

static int
nuvDomainCheckUSB(const nuvXNode *devs)
{
    bool usbNone = false;

    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *c = g_ptr_array_index(devs->children, i);
        if (strcmp(nuvXNodeName(c), "controller") == 0 &&
            g_strcmp0(nuvXNodeGet(c, "type"), "usb") == 0 &&
            g_strcmp0(nuvXNodeGet(c, "model"), "none") == 0)
            usbNone = true;
    }
    if (!usbNone)
        return 0;
    for (size_t i = 0; i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        if (strcmp(nuvXNodeName(d), "redirdev") == 0 &&
            g_strcmp0(nuvXNodeGet(d, "bus"), "usb") == 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "cannot add redirected USB device: USB is disabled for this domain");
            return -1;
        }
    }
    return 0;
}

int
nuvDomainDefValidateParsed(nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (nuvDomainCheckEnums(def->tree) < 0)
        return -1;
    if (!devs)
        return 0;
    if (nuvDomainCheckChardevs(devs) < 0 ||
        nuvDomainCheckDisks(devs) < 0 ||
        nuvDomainCheckGraphics(devs) < 0 ||
        nuvDomainCheckHostdevs(devs) < 0 ||
        nuvDomainCheckUSB(devs) < 0)
        return -1;
    return 0;
}
