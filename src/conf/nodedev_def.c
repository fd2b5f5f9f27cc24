/*
 * nodedev_def.c: node device XML parse and format.
 */
#include <string.h>

#include "conf/nodedev_def.h"
#include "conf/nodedev_schema.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_NODEDEV

void
nuvNodeDeviceDefFree(nuvNodeDeviceDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->parent);
    nuvXNodeFree(def->tree);
    g_free(def);
}

nuvNodeDeviceDef *
nuvNodeDeviceDefCopy(const nuvNodeDeviceDef *def)
{
    nuvNodeDeviceDef *copy = g_new0(nuvNodeDeviceDef, 1);

    copy->name = g_strdup(def->name);
    copy->parent = g_strdup(def->parent);
    copy->tree = nuvXNodeCopy(def->tree);
    return copy;
}

static char *
childText(const nuvXNode *node, const char *name)
{
    nuvXNode *c = nuvXNodeChild(node, name);

    return c && c->text ? g_strstrip(g_strdup(c->text)) : NULL;
}

/* A nested capability's type (its words are not checked: libvirt ignores
 * the ones it does not know), -1 when it is none of the enumeration's. */
static int
subCapType(const nuvXNode *sub)
{
    return nuvNodeDeviceCapTypeFromString(nuvXNodeGet(sub, "type"));
}

/* What libvirt's reader leaves out or rewrites, done to the tree. */
static void
normalise(nuvXNode *tree)
{
    for (size_t i = 0; i < nuvXNodeCountChildren(tree, "capability"); i++) {
        nuvXNode *cap = nuvXNodeNthChild(tree, "capability", i);

        if (nuvXNodeGetEnum(cap, "type") != NUV_NODE_DEVICE_CAP_TYPE_SCSI_HOST)
            continue;
        for (size_t j = 0; j < nuvXNodeCountChildren(cap, "capability"); j++) {
            nuvXNode *sub = nuvXNodeNthChild(cap, "capability", j);

            /* the vport counts come from sysfs, never from the document:
             * a test device always shows zero */
            if (subCapType(sub) == NUV_NODE_DEVICE_CAP_TYPE_VPORT_OPS) {
                nuvXNodeSetText(nuvXNodeEnsureChild(sub, "max_vports"), "0");
                nuvXNodeSetText(nuvXNodeEnsureChild(sub, "vports"), "0");
            }
        }
    }
}

void
nuvNodeDeviceDefSetName(nuvNodeDeviceDef *def, const char *name)
{
    g_free(def->name);
    def->name = g_strdup(name);
    nuvXNodeSetText(nuvXNodeEnsureChild(def->tree, "name"), name);
}

nuvNodeDeviceDef *
nuvNodeDeviceDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvNodeDeviceDef) def = NULL;
    xmlNodePtr root;

    if (!(doc = nuvXMLParseString(xml, "(node_device_definition)", "device"))) {
        virErrorPtr err = nuvErrorCurrent();
        if (err && err->domain == VIR_FROM_DOMAIN)
            err->domain = err->code == VIR_ERR_XML_ERROR ? VIR_FROM_XML : VIR_FROM_NODEDEV;
        return NULL;
    }
    root = xmlDocGetRootElement(doc);

    /* libvirt picks out what it knows and ignores the rest; its messages
     * call a device being created "new device" */
    def = g_new0(nuvNodeDeviceDef, 1);
    if (!(def->tree = nuvXNodeParseNamed(nuvNodeDeviceSchema, 0, root,
                                         NUV_XNODE_PARSE_SKIP_UNKNOWN,
                                         (flags & NUV_NODE_DEVICE_PARSE_CREATE) ?
                                         "new device" : NULL))) {
        nuvXNodeRetagError(VIR_FROM_NODEDEV, false);
        return NULL;
    }

    def->name = childText(def->tree, "name");
    if (!def->name || !*def->name) {
        if (!(flags & NUV_NODE_DEVICE_PARSE_CREATE)) {
            nuvReportError(VIR_ERR_NO_NAME, NULL);
            return NULL;
        }
        /* libvirt names a device to create this way until it exists */
        g_free(def->name);
        def->name = g_strdup("new device");
    }
    def->parent = childText(def->tree, "parent");
    if (def->parent && !*def->parent)
        g_clear_pointer(&def->parent, g_free);

    if (nuvXNodeCountChildren(def->tree, "capability") == 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "no device capabilities for '%s'", def->name);
        return NULL;
    }
    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "capability"); i++) {
        nuvXNode *cap = nuvXNodeNthChild(def->tree, "capability", i);
        const char *type = nuvXNodeGet(cap, "type");

        if (!type) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing capability type");
            return NULL;
        }
        if (nuvXNodeGetEnum(cap, "type") == NUV_NODE_DEVICE_CAP_TYPE_SYSTEM &&
            (flags & NUV_NODE_DEVICE_PARSE_CREATE)) {
            nuvXNode *hw = nuvXNodeChild(cap, "hardware");
            if (!hw || !nuvXNodeChild(hw, "uuid")) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "no system UUID supplied for '%s'",
                               def->name);
                return NULL;
            }
        }
    }
    normalise(def->tree);
    return g_steal_pointer(&def);
}

char *
nuvNodeDeviceDefFormat(const nuvNodeDeviceDef *def)
{
    GString *buf = g_string_new(NULL);

    nuvXNodeFormat(def->tree, buf, 0, 0);
    return g_string_free(buf, FALSE);
}

char **
nuvNodeDeviceDefCaps(const nuvNodeDeviceDef *def)
{
    GPtrArray *out = g_ptr_array_new();

    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "capability"); i++)
        g_ptr_array_add(out, g_strdup(nuvXNodeGet(nuvXNodeNthChild(def->tree, "capability", i),
                                                  "type")));
    g_ptr_array_add(out, NULL);
    return (char **) g_ptr_array_free(out, FALSE);
}

/* @type: a nuvNodeDeviceCapType */
static nuvXNode *
scsiHostSub(const nuvNodeDeviceDef *def, int type)
{
    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "capability"); i++) {
        nuvXNode *cap = nuvXNodeNthChild(def->tree, "capability", i);

        if (nuvXNodeGetEnum(cap, "type") != NUV_NODE_DEVICE_CAP_TYPE_SCSI_HOST)
            continue;
        for (size_t j = 0; j < nuvXNodeCountChildren(cap, "capability"); j++) {
            nuvXNode *sub = nuvXNodeNthChild(cap, "capability", j);
            if (subCapType(sub) == type)
                return sub;
        }
    }
    return NULL;
}

nuvXNode *
nuvNodeDeviceDefFCHost(const nuvNodeDeviceDef *def)
{
    return scsiHostSub(def, NUV_NODE_DEVICE_CAP_TYPE_FC_HOST);
}

bool
nuvNodeDeviceDefHasCap(const nuvNodeDeviceDef *def, const char *cap)
{
    int want = nuvNodeDeviceCapTypeFromString(cap);

    if (want < 0)
        return false;
    for (size_t i = 0; i < nuvXNodeCountChildren(def->tree, "capability"); i++) {
        if (nuvXNodeGetEnum(nuvXNodeNthChild(def->tree, "capability", i), "type") == want)
            return true;
    }
    if (want == NUV_NODE_DEVICE_CAP_TYPE_FC_HOST)
        return scsiHostSub(def, NUV_NODE_DEVICE_CAP_TYPE_FC_HOST) != NULL;
    if (want == NUV_NODE_DEVICE_CAP_TYPE_VPORTS)
        return scsiHostSub(def, NUV_NODE_DEVICE_CAP_TYPE_VPORT_OPS) != NULL;
    return false;
}
