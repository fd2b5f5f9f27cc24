/*
 * domain_def.c: domain XML <-> nuvDomainDef.
 *
 * Parsing is three steps: the generic engine checks the document against
 * the domain table and builds the tree; nuvDomainDefLift moves the
 * driver-facing fields into the struct; the post-parse step fills in what
 * libvirt's test driver fills in.  Formatting copies the tree, writes the
 * struct fields back (nuvDomainDefSink) and lets the generic engine write
 * it out in table order.
 */
#include <string.h>
#include <errno.h>

#include "conf/domain_def.h"
#include "conf/domain_post.h"
#include "conf/domain_validate.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static const char *const nuvDomainVirtTypeNames[] = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
    "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf",
};
G_STATIC_ASSERT(G_N_ELEMENTS(nuvDomainVirtTypeNames) == NUV_DOMAIN_VIRT_LAST);

static const char *const nuvDomainLifecycleNames[] = {
    "destroy", "restart", "rename-restart", "preserve",
    "coredump-destroy", "coredump-restart",
};
G_STATIC_ASSERT(G_N_ELEMENTS(nuvDomainLifecycleNames) == NUV_DOMAIN_LIFECYCLE_LAST);

const char *
nuvDomainVirtTypeToString(int type)
{
    if (type < 0 || type >= NUV_DOMAIN_VIRT_LAST)
        return NULL;
    return nuvDomainVirtTypeNames[type];
}

int
nuvDomainVirtTypeFromString(const char *str)
{
    for (int i = 0; str && i < NUV_DOMAIN_VIRT_LAST; i++) {
        if (strcmp(nuvDomainVirtTypeNames[i], str) == 0)
            return i;
    }
    return -1;
}

const char *
nuvDomainDefVirtTypeName(const nuvDomainDef *def)
{
    return nuvDomainVirtTypeToString(def->virtType);
}

const char *
nuvDomainLifecycleToString(int action)
{
    if (action < 0 || action >= NUV_DOMAIN_LIFECYCLE_LAST)
        return NULL;
    return nuvDomainLifecycleNames[action];
}

static int
nuvDomainLifecycleFromString(const char *str)
{
    for (int i = 0; str && i < NUV_DOMAIN_LIFECYCLE_LAST; i++) {
        if (strcmp(nuvDomainLifecycleNames[i], str) == 0)
            return i;
    }
    return -1;
}

nuvDomainDef *
nuvDomainDefNew(void)
{
    nuvDomainDef *def = g_new0(nuvDomainDef, 1);

    def->tree = nuvXNodeNew(nuvDomainSchema, NUV_DOMAIN_SCHEMA_ROOT);
    return def;
}

void
nuvDomainDefFree(nuvDomainDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->osType);
    g_free(def->arch);
    g_free(def->machine);
    nuvXNodeFree(def->tree);
    if (def->ns && def->nsData)
        def->ns->free(def->nsData);
    g_free(def);
}

nuvDomainDef *
nuvDomainDefCopy(const nuvDomainDef *def)
{
    nuvDomainDef *copy = g_new0(nuvDomainDef, 1);

    *copy = *def;
    copy->name = g_strdup(def->name);
    copy->title = g_strdup(def->title);
    copy->description = g_strdup(def->description);
    copy->osType = g_strdup(def->osType);
    copy->arch = g_strdup(def->arch);
    copy->machine = g_strdup(def->machine);
    copy->tree = nuvXNodeCopy(def->tree);
    copy->nsData = def->ns && def->nsData ? def->ns->copy(def->nsData) : NULL;
    return copy;
}

nuvXNode *
nuvDomainDefDevices(const nuvDomainDef *def)
{
    return nuvXNodeChild(def->tree, "devices");
}

GPtrArray *
nuvDomainDefDevicesOf(const nuvDomainDef *def, const char *kind)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    GPtrArray *out = g_ptr_array_new();

    for (size_t i = 0; devs && i < devs->children->len; i++) {
        nuvXNode *d = g_ptr_array_index(devs->children, i);
        if (strcmp(nuvXNodeName(d), kind) == 0)
            g_ptr_array_add(out, d);
    }
    return out;
}

static char *
nuvStrip(const char *s)
{
    return s ? g_strstrip(g_strdup(s)) : NULL;
}

/* Read a <memory>-like element into KiB; absent gives 0. */
static int
nuvDomainParseMemoryNode(const nuvXNode *n, const char *what,
                         unsigned long long *out)
{
    if (!n) {
        *out = 0;
        return 0;
    }
    if (nuvScaleToKiB(n->text, nuvXNodeGet(n, "unit"), what, out) < 0)
        return -1;
    return 0;
}

/* Move the driver-facing fields from the tree into the struct. */
static int
nuvDomainDefLift(nuvDomainDef *def)
{
    nuvXNode *t = def->tree;
    nuvXNode *n;
    const char *type = nuvXNodeGet(t, "type");
    g_autofree char *name = NULL;

    if (!type) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain type attribute");
        return -1;
    }
    if ((def->virtType = nuvDomainVirtTypeFromString(type)) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "invalid domain type %s", type);
        return -1;
    }

    n = nuvXNodeChild(t, "name");
    name = n ? nuvStrip(n->text) : NULL;
    if (!name || !*name) {
        nuvReportError(VIR_ERR_NO_NAME, "%s", "missing name information");
        return -1;
    }
    if (strchr(name, '/')) {
        nuvReportError(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", name);
        return -1;
    }
    def->name = g_steal_pointer(&name);

    if ((n = nuvXNodeChild(t, "uuid"))) {
        if (nuvUUIDParse(n->text ? n->text : "", def->uuid) < 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return -1;
        }
    }

    if ((n = nuvXNodeChild(t, "title"))) {
        if (n->text && strchr(n->text, '\n')) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Domain title can't contain newlines");
            return -1;
        }
        def->title = g_strdup(n->text ? n->text : "");
    }
    if ((n = nuvXNodeChild(t, "description")))
        def->description = g_strdup(n->text ? n->text : "");

    /* libvirt reads the OS type right after the names, before sizes */
    if ((n = nuvXNodeChild(t, "os"))) {
        nuvXNode *ty = nuvXNodeChild(n, "type");
        if (ty) {
            def->osType = nuvStrip(ty->text);
            def->arch = g_strdup(nuvXNodeGet(ty, "arch"));
            def->machine = g_strdup(nuvXNodeGet(ty, "machine"));
        }
    }
    if (!def->osType || !*def->osType) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "an os <type> must be specified");
        return -1;
    }

    if (nuvDomainParseMemoryNode(nuvXNodeChild(t, "memory"), "./memory[1]", &def->memory) < 0 ||
        nuvDomainParseMemoryNode(nuvXNodeChild(t, "currentMemory"), "./currentMemory[1]",
                                 &def->currentMemory) < 0 ||
        nuvDomainParseMemoryNode(nuvXNodeChild(t, "maxMemory"), "./maxMemory[1]",
                                 &def->maxMemory) < 0)
        return -1;
    if ((n = nuvXNodeChild(t, "maxMemory"))) {
        const char *slots = nuvXNodeGet(n, "slots");
        if (slots && nuvParseUInt(slots, &def->memorySlots) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Failed to parse memory slot count");
            return -1;
        }
    }

    def->maxvcpus = 1;
    if ((n = nuvXNodeChild(t, "vcpu"))) {
        const char *cur = nuvXNodeGet(n, "current");
        if (n->text && nuvParseUInt(n->text, &def->maxvcpus) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "maximum vcpus count must be an integer");
            return -1;
        }
        if (cur && nuvParseUInt(cur, &def->vcpus) < 0) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "current vcpus count must be an integer");
            return -1;
        }
    }
    if (def->vcpus == 0)
        def->vcpus = def->maxvcpus;
    if (def->vcpus > def->maxvcpus) {
        /* libvirt clamps an over-large current count to the maximum */
        def->vcpus = def->maxvcpus;
    }


    def->onPoweroff = NUV_DOMAIN_LIFECYCLE_DESTROY;
    def->onReboot = NUV_DOMAIN_LIFECYCLE_RESTART;
    def->onCrash = NUV_DOMAIN_LIFECYCLE_DESTROY;
    {
        static const char *const tags[] = { "on_poweroff", "on_reboot", "on_crash" };
        int *slots[] = { &def->onPoweroff, &def->onReboot, &def->onCrash };

        for (size_t i = 0; i < G_N_ELEMENTS(tags); i++) {
            g_autofree char *v = NULL;
            int a;

            if (!(n = nuvXNodeChild(t, tags[i])))
                continue;
            v = nuvStrip(n->text);
            if ((a = nuvDomainLifecycleFromString(v)) < 0 ||
                (i != 2 && a >= NUV_DOMAIN_LIFECYCLE_COREDUMP_DESTROY)) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown %s action: %s",
                               tags[i], v ? v : "");
                return -1;
            }
            *slots[i] = a;
        }
    }
    return 0;
}

static void
nuvDomainSetText(nuvXNode *t, const char *tag, const char *text)
{
    if (!text) {
        nuvXNodeRemoveChildren(t, tag);
        return;
    }
    nuvXNodeSetText(nuvXNodeEnsureChild(t, tag), text);
}

static void
nuvDomainSetMemory(nuvXNode *t, const char *tag, unsigned long long kib)
{
    nuvXNode *n = nuvXNodeEnsureChild(t, tag);
    g_autofree char *v = g_strdup_printf("%llu", kib);

    nuvXNodeSet(n, "unit", "KiB");
    nuvXNodeSetText(n, v);
}

/* Write the struct fields into @t (a copy of the tree). */
static void
nuvDomainDefSink(const nuvDomainDef *def, nuvXNode *t)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    g_autofree char *vcpus = NULL;
    nuvXNode *n;

    nuvXNodeSet(t, "type", nuvDomainVirtTypeToString(def->virtType));
    nuvDomainSetText(t, "name", def->name);
    nuvDomainSetText(t, "uuid", nuvUUIDFormat(def->uuid, uuidstr));
    nuvDomainSetText(t, "title", def->title);
    nuvDomainSetText(t, "description", def->description);

    if (def->maxMemory) {
        g_autofree char *slots = g_strdup_printf("%u", def->memorySlots);
        nuvDomainSetMemory(t, "maxMemory", def->maxMemory);
        nuvXNodeSet(nuvXNodeChild(t, "maxMemory"), "slots", slots);
    } else {
        nuvXNodeRemoveChildren(t, "maxMemory");
    }
    nuvDomainSetMemory(t, "memory", def->memory);
    nuvDomainSetMemory(t, "currentMemory", def->currentMemory);

    n = nuvXNodeEnsureChild(t, "vcpu");
    vcpus = g_strdup_printf("%u", def->maxvcpus);
    nuvXNodeSetText(n, vcpus);
    if (def->vcpus != def->maxvcpus) {
        g_autofree char *cur = g_strdup_printf("%u", def->vcpus);
        nuvXNodeSet(n, "current", cur);
    } else {
        nuvXNodeSet(n, "current", NULL);
    }

    n = nuvXNodeEnsureChild(t, "os");
    if (def->osType) {
        nuvXNode *ty = nuvXNodeEnsureChild(n, "type");
        nuvXNodeSetText(ty, def->osType);
        nuvXNodeSet(ty, "arch", def->arch);
        nuvXNodeSet(ty, "machine", def->machine);
    }

    nuvDomainSetText(t, "on_poweroff", nuvDomainLifecycleToString(def->onPoweroff));
    nuvDomainSetText(t, "on_reboot", nuvDomainLifecycleToString(def->onReboot));
    nuvDomainSetText(t, "on_crash", nuvDomainLifecycleToString(def->onCrash));
}

/* conf's generic defaults and checks, with the driver's hooks after each. */
static int
nuvDomainDefComplete(nuvDomainDef *def, const nuvDomainXMLOption *xmlopt, unsigned int flags)
{
    if (nuvDomainDefPostParse(def, flags) < 0)
        return -1;
    if (xmlopt && xmlopt->postParse && xmlopt->postParse(def, flags, xmlopt->opaque) < 0)
        return -1;
    if (xmlopt && xmlopt->assignAddresses &&
        xmlopt->assignAddresses(def, flags, xmlopt->opaque) < 0)
        return -1;
    if (nuvDomainDefValidate(def) < 0)
        return -1;
    if (xmlopt && xmlopt->validate && xmlopt->validate(def, xmlopt->opaque) < 0)
        return -1;
    return 0;
}

nuvDomainDef *
nuvDomainDefParseString(const char *xml, unsigned int flags)
{
    return nuvDomainDefParse(xml, NULL, flags);
}

nuvDomainDef *
nuvDomainDefParse(const char *xml, const nuvDomainXMLOption *xmlopt, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvDomainDef) def = NULL;

    if (!(doc = nuvXMLParseString(xml, "(domain_definition)", "domain")))
        return NULL;

    def = g_new0(nuvDomainDef, 1);
    if (!(def->tree = nuvXNodeParse(nuvDomainSchema, NUV_DOMAIN_SCHEMA_ROOT,
                                    xmlDocGetRootElement(doc))))
        return NULL;

    if (nuvDomainDefLift(def) < 0 ||
        nuvDomainDefValidateParsed(def) < 0)
        return NULL;
    if (xmlopt && xmlopt->ns) {
        if (xmlopt->ns->parse(xmlDocGetRootElement(doc), &def->nsData) < 0)
            return NULL;
        if (def->nsData)
            def->ns = xmlopt->ns;
    }

    if (!(flags & NUV_DOMAIN_DEF_PARSE_NO_DEFAULTS) &&
        nuvDomainDefComplete(def, xmlopt, flags) < 0)
        return NULL;

    return g_steal_pointer(&def);
}

/* The driver's namespace goes last in <domain>, declared on it after its
 * other attributes, as libvirt writes it. */
static void
nuvDomainDefFormatNamespace(const nuvDomainDef *def, GString *buf)
{
    const char *close = "</domain>\n";
    const char *gt = strchr(buf->str, '>');
    /* an offset: inserting the body may move buf->str */
    gssize gtAt = gt ? gt - buf->str : -1;
    g_autoptr(GString) decl = g_string_new(NULL);
    g_autoptr(GString) body = g_string_new(NULL);

    if (!gt || !g_str_has_suffix(buf->str, close))
        return;
    def->ns->format(body, def->nsData, 1);
    g_string_insert(buf, buf->len - strlen(close), body->str);
    g_string_append_printf(decl, " xmlns:%s='", def->ns->prefix);
    nuvXMLEscapeAttr(decl, def->ns->href);
    g_string_append_c(decl, '\'');
    g_string_insert(buf, gtAt, decl->str);
}

char *
nuvDomainDefFormat(const nuvDomainDef *def, int id, unsigned int flags)
{
    g_autoptr(nuvXNode) t = nuvXNodeCopy(def->tree);
    GString *buf = g_string_new(NULL);
    unsigned int xflags = 0;

    if (flags & VIR_DOMAIN_XML_INACTIVE)
        xflags |= NUV_XNODE_FORMAT_INACTIVE;
    if (flags & VIR_DOMAIN_XML_SECURE)
        xflags |= NUV_XNODE_FORMAT_SECURE;

    nuvDomainDefSink(def, t);
    if (id >= 0 && !(flags & VIR_DOMAIN_XML_INACTIVE)) {
        g_autofree char *ids = g_strdup_printf("%d", id);
        nuvXNodeSet(t, "id", ids);
    } else {
        nuvXNodeSet(t, "id", NULL);
    }
    nuvXNodeEnsureChild(t, "devices");

    nuvXNodeFormat(t, buf, 0, xflags);
    if (def->ns && def->nsData)
        nuvDomainDefFormatNamespace(def, buf);
    return g_string_free(buf, FALSE);
}

/* ---- metadata ---- */

/* Namespace URI of a serialised metadata element, or NULL. */
static char *
nuvMetadataURI(const char *raw)
{
    g_autoptr(xmlDoc) doc = xmlReadMemory(raw, strlen(raw), NULL, NULL, XML_PARSE_NONET);
    xmlNodePtr root;

    if (!doc || !(root = xmlDocGetRootElement(doc)) || !root->ns || !root->ns->href)
        return NULL;
    return g_strdup((const char *) root->ns->href);
}

int
nuvDomainDefSetMetadata(nuvDomainDef *def, int type, const char *metadata,
                        const char *key, const char *uri)
{
    nuvXNode *md;

    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        g_free(def->description);
        def->description = metadata && *metadata ? g_strdup(metadata) : NULL;
        return 0;
    case VIR_DOMAIN_METADATA_TITLE:
        if (metadata && strchr(metadata, '\n')) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Domain title can't contain newlines");
            return -1;
        }
        g_free(def->title);
        def->title = metadata && *metadata ? g_strdup(metadata) : NULL;
        return 0;
    case VIR_DOMAIN_METADATA_ELEMENT:
        break;
    default:
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "unknown metadata type");
        return -1;
    }

    if (!uri) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "uri in nuvDomainDefSetMetadata must not be NULL");
        return -1;
    }

    md = nuvXNodeEnsureChild(def->tree, "metadata");
    for (size_t i = md->raw->len; i > 0; i--) {
        g_autofree char *u = nuvMetadataURI(g_ptr_array_index(md->raw, i - 1));
        if (u && strcmp(u, uri) == 0)
            g_ptr_array_remove_index(md->raw, i - 1);
    }

    if (metadata) {
        g_autoptr(xmlDoc) doc = NULL;
        xmlNodePtr root;
        xmlNsPtr ns;
        xmlBufferPtr xbuf;

        if (!key) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                           "key in nuvDomainDefSetMetadata must not be NULL");
            return -1;
        }
        if (!(doc = nuvXMLParseString(metadata, "(metadata_xml)", NULL)))
            return -1;
        root = xmlDocGetRootElement(doc);
        /* the element moves into the caller's namespace under @key */
        ns = xmlNewNs(root, BAD_CAST uri, BAD_CAST key);
        xmlSetNs(root, ns);
        xbuf = xmlBufferCreate();
        xmlNodeDump(xbuf, doc, root, 0, 0);
        g_ptr_array_add(md->raw, g_strdup((const char *) xmlBufferContent(xbuf)));
        xmlBufferFree(xbuf);
    }
    if (md->raw->len == 0)
        nuvXNodeRemoveChildren(def->tree, "metadata");
    return 0;
}

char *
nuvDomainDefGetMetadata(const nuvDomainDef *def, int type, const char *uri)
{
    nuvXNode *md;

    switch (type) {
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (def->description)
            return g_strdup(def->description);
        break;
    case VIR_DOMAIN_METADATA_TITLE:
        if (def->title)
            return g_strdup(def->title);
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (!uri)
            break;
        if ((md = nuvXNodeChild(def->tree, "metadata"))) {
            for (size_t i = 0; i < md->raw->len; i++) {
                const char *raw = g_ptr_array_index(md->raw, i);
                g_autofree char *u = nuvMetadataURI(raw);
                if (u && strcmp(u, uri) == 0)
                    return g_strdup(raw);
            }
        }
        break;
    default:
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "unknown metadata type");
        return NULL;
    }
    nuvReportError(VIR_ERR_NO_DOMAIN_METADATA, "%s",
                   "Requested metadata element is not present");
    return NULL;
}

/* ---- devices ---- */

nuvXNode *
nuvDomainDeviceParse(const nuvDomainDef *def, const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    nuvXNode *devs = nuvDomainDefDevices(def);
    g_autoptr(nuvXNode) scratch = NULL;
    xmlNodePtr root;
    int elem;

    if (!(doc = nuvXMLParseString(xml, "(device_definition)", NULL)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!devs)
        devs = scratch = nuvXNodeAddChild(nuvXNodeNew(def->tree->table, def->tree->elem),
                                          "devices");
    if ((elem = nuvXNodeChildElem(devs, (const char *) root->name)) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "unknown device type '%s'",
                       (const char *) root->name);
        if (scratch)
            nuvXNodeFree(scratch->parent);
        g_steal_pointer(&scratch);
        return NULL;
    }
    if (scratch) {
        nuvXNodeFree(scratch->parent);
        g_steal_pointer(&scratch);
    }
    (void) flags;
    return nuvXNodeParse(def->tree->table, elem, root);
}

static bool
nuvDomainDeviceMatch(const nuvXNode *a, const nuvXNode *b)
{
    const char *kind = nuvXNodeName(a);
    const nuvXNode *ta, *tb;

    if (strcmp(kind, nuvXNodeName(b)) != 0)
        return false;

    if (strcmp(kind, "disk") == 0) {
        ta = nuvXNodeChild(a, "target");
        tb = nuvXNodeChild(b, "target");
        return g_strcmp0(nuvXNodeGet(ta, "dev"), nuvXNodeGet(tb, "dev")) == 0;
    }
    if (strcmp(kind, "interface") == 0) {
        ta = nuvXNodeChild(a, "mac");
        tb = nuvXNodeChild(b, "mac");
        if (ta && tb)
            return g_ascii_strcasecmp(nuvXNodeGet(ta, "address") ? nuvXNodeGet(ta, "address") : "",
                                      nuvXNodeGet(tb, "address") ? nuvXNodeGet(tb, "address") : "") == 0;
        return true;
    }
    if (strcmp(kind, "controller") == 0) {
        nuvDomainControllerView ca, cb;

        nuvDomainControllerViewFill(&ca, a);
        nuvDomainControllerViewFill(&cb, b);
        return ca.type == cb.type && ca.index == cb.index;
    }
    {
        /* other kinds: same alias if both have one, else the first of the kind */
        const nuvXNode *aa = nuvXNodeChild(a, "alias");
        const nuvXNode *ab = nuvXNodeChild(b, "alias");
        if (aa && ab)
            return g_strcmp0(nuvXNodeGet(aa, "name"), nuvXNodeGet(ab, "name")) == 0;
    }
    return true;
}

int
nuvDomainDefFindDevice(const nuvDomainDef *def, const nuvXNode *dev)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (!devs)
        return -1;
    for (size_t i = 0; i < devs->children->len; i++) {
        if (nuvDomainDeviceMatch(g_ptr_array_index(devs->children, i), dev))
            return i;
    }
    return -1;
}

int
nuvDomainDefAddDevice(nuvDomainDef *def, nuvXNode *dev)
{
    nuvXNode *devs = nuvXNodeEnsureChild(def->tree, "devices");

    nuvXNodeInsert(devs, dev);
    return 0;
}

void
nuvDomainDeviceReportMissing(const nuvXNode *dev)
{
    const char *kind = nuvXNodeName(dev);
    nuvXNode *sub;

    if (strcmp(kind, "disk") == 0 && (sub = nuvXNodeChild(dev, "target"))) {
        nuvReportError(VIR_ERR_DEVICE_MISSING, "no target device %s",
                       nuvXNodeGet(sub, "dev") ? nuvXNodeGet(sub, "dev") : "");
    } else if (strcmp(kind, "interface") == 0 && (sub = nuvXNodeChild(dev, "mac")) &&
               nuvXNodeGet(sub, "address")) {
        nuvReportError(VIR_ERR_DEVICE_MISSING, "no device matching MAC address %s found",
                       nuvXNodeGet(sub, "address"));
    } else {
        nuvReportError(VIR_ERR_DEVICE_MISSING,
                       "%s", "device not present in domain configuration");
    }
}

int
nuvDomainDefCheckAttachable(const nuvDomainDef *def, const nuvXNode *dev)
{
    if (strcmp(nuvXNodeName(dev), "disk") == 0 && nuvDomainDefFindDevice(def, dev) >= 0) {
        nuvXNode *target = nuvXNodeChild(dev, "target");
        nuvReportError(VIR_ERR_OPERATION_INVALID, "target %s already exists",
                       target && nuvXNodeGet(target, "dev") ? nuvXNodeGet(target, "dev") : "");
        return -1;
    }
    return 0;
}

void
nuvDomainDeviceEnsureMac(nuvXNode *dev)
{
    char buf[18]; /* "52:54:00:xx:xx:xx" */

    if (strcmp(nuvXNodeName(dev), "interface") != 0 || nuvXNodeChild(dev, "mac"))
        return;
    g_snprintf(buf, sizeof(buf), "52:54:00:%02x:%02x:%02x", g_random_int_range(0, 256),
               g_random_int_range(0, 256), g_random_int_range(0, 256));
    nuvXNodeSet(nuvXNodeAddChild(dev, "mac"), "address", buf);
}

nuvXNode *
nuvDomainDefRemoveDevice(nuvDomainDef *def, int idx)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    nuvXNode *dev;

    if (!devs || idx < 0 || (size_t) idx >= devs->children->len)
        return NULL;
    dev = g_ptr_array_index(devs->children, idx);
    nuvXNodeDetach(dev);
    return dev;
}

nuvDomainDef *
nuvDomainDefParseNode(xmlNodePtr node, unsigned int flags)
{
    return nuvDomainDefParseNodeWith(node, NULL, flags);
}

nuvDomainDef *
nuvDomainDefParseNodeWith(xmlNodePtr node, const nuvDomainXMLOption *xmlopt,
                          unsigned int flags)
{
    g_autoptr(xmlDoc) doc = xmlNewDoc((const xmlChar *) "1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);
    xmlBufferPtr buf;
    nuvDomainDef *def;

    if (!copy)
        g_error("out of memory copying an XML node");
    xmlDocSetRootElement(doc, copy);
    xmlNodeSetName(copy, (const xmlChar *) "domain");
    /* Through text, so that the one parser sees it as any document. */
    buf = xmlBufferCreate();
    xmlNodeDump(buf, doc, copy, 0, 0);
    def = nuvDomainDefParse((const char *) xmlBufferContent(buf), xmlopt, flags);
    xmlBufferFree(buf);
    return def;
}
