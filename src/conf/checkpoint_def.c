/*
 * checkpoint_def.c: libvirt's <domaincheckpoint> XML.
 *
 * The document is read and written by the schema engine with
 * checkpoint.schema.  libvirt checks it against its RelaxNG schema before
 * reading it, so content the table does not know is a schema error, and
 * so are the few rules of that schema the table cannot state yet (no
 * element twice, the name's pattern, the disk attributes that go
 * together), checked on the tree here.
 */
#include <string.h>
#include <libxml/tree.h>

#include "conf/checkpoint_def.h"
#include "conf/domain_disks.h"
#include "conf/xnode.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_CHECKPOINT

#define CHECKPOINT_RNG "/usr/share/libvirt/schemas/domaincheckpoint.rng"

extern const nuvXSElem nuvCheckpointSchema[];

static void
diskFree(nuvCheckpointDiskDef *disk)
{
    if (!disk)
        return;
    g_free(disk->name);
    g_free(disk->bitmap);
    g_free(disk);
}

void
nuvCheckpointDefFree(nuvCheckpointDef *def)
{
    if (!def)
        return;
    nuvMomentDefClear(&def->common);
    if (def->disks)
        g_ptr_array_unref(def->disks);
    g_free(def);
}

/* ---- the schema's rules ---- */

static int
schemaError(const char *fmt, const char *what)
{
    g_autofree char *why = g_strdup_printf(fmt, what);

    nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA,
                       "Unable to validate doc against %s\n%s\n", CHECKPOINT_RNG, why);
    return -1;
}

/* What libvirt's RelaxNG check says of anything wrong inside one of the
 * top-level elements (they are an interleave). */
static int
interleaveError(const char *elem)
{
    return schemaError("Extra element %s in interleave\n"
                       "Element domaincheckpoint failed to validate content", elem);
}

/* The schema's checkpointName: no leading dot, no slash or newline. */
static bool
validName(const char *name)
{
    const char *p;

    if (!name || !*name || *name == '.')
        return false;
    for (p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.')
            return false;
    }
    return true;
}

static bool
validULong(const char *s)
{
    const char *p = s;

    while (p && g_ascii_isspace(*p))
        p++;
    if (!p || !g_ascii_isdigit(*p))
        return false;
    while (g_ascii_isdigit(*p))
        p++;
    while (g_ascii_isspace(*p))
        p++;
    return *p == '\0';
}

/* The rules the table cannot state yet, for the top-level element @n. */
static bool
validChild(const nuvXNode *n)
{
    const char *name = nuvXNodeName(n);
    size_t count;

    if (strcmp(name, "name") == 0)
        return validName(n->text);
    if (strcmp(name, "creationTime") == 0)
        return validULong(n->text);
    if (strcmp(name, "parent") == 0)
        return nuvXNodeCountChildren(n, "name") == 1 &&
               validName(nuvXNodeChild(n, "name")->text);
    if (strcmp(name, "disks") != 0)
        return true;
    if ((count = nuvXNodeCountChildren(n, "disk")) == 0)
        return false;
    for (size_t i = 0; i < count; i++) {
        const nuvXNode *disk = nuvXNodeNthChild(n, "disk", i);
        const char *raw = nuvXNodeGet(disk, "checkpoint");
        int type = nuvCheckpointTypeFromString(raw);
        const char *size = nuvXNodeGet(disk, "size");
        bool hasExtra = size || nuvXNodeGet(disk, "bitmap");

        /* checkpoint='no' takes no bitmap and no size */
        if (!nuvXNodeGet(disk, "name") || (size && !validULong(size)) ||
            (raw && type != NUV_CHECKPOINT_TYPE_BITMAP &&
             (type != NUV_CHECKPOINT_TYPE_NO || hasExtra)))
            return false;
    }
    return true;
}

/* Read @root with the table, one top-level element at a time, so that a
 * problem is reported against the element holding it as libvirt's schema
 * check reports it. */
static nuvXNode *
parseTree(xmlNodePtr root)
{
    g_autoptr(nuvXNode) tree = nuvXNodeNew(nuvCheckpointSchema, 0);

    for (xmlAttrPtr a = root->properties; a; a = a->next) {
        if (!a->ns) {
            schemaError("Invalid attribute %s for element domaincheckpoint",
                        (const char *)a->name);
            return NULL;
        }
    }
    for (xmlNodePtr c = root->children; c; c = c->next) {
        const char *name = (const char *)c->name;
        nuvXNode *child;
        int elem;

        if (c->type != XML_ELEMENT_NODE || (c->ns && c->ns->href))
            continue;
        if ((elem = nuvXNodeChildElem(tree, name)) < 0) {
            schemaError("Element domaincheckpoint has extra content: %s", name);
            return NULL;
        }
        if (nuvXNodeChild(tree, name) || !(child = nuvXNodeParse(nuvCheckpointSchema, elem, c))) {
            interleaveError(name);
            return NULL;
        }
        nuvXNodeInsert(tree, child);
        if (!validChild(child)) {
            interleaveError(name);
            return NULL;
        }
    }
    return g_steal_pointer(&tree);
}

/* ---- parsing ---- */

nuvCheckpointDef *
nuvCheckpointDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvCheckpointDef) def = NULL;
    g_autoptr(nuvXNode) tree = NULL;
    bool redefine = flags & NUV_CHECKPOINT_PARSE_REDEFINE;
    xmlNodePtr root;
    xmlNodePtr dom;
    nuvXNode *disks;

    if (!(doc = nuvXMLParseString(xml, "(domain_checkpoint)", "domaincheckpoint"))) {
        virErrorPtr err = nuvErrorCurrent();

        /* A document that is not well-formed is reported in the
         * checkpoint's error domain, as libvirt does. */
        if (err && err->code == VIR_ERR_XML_DETAIL)
            err->domain = VIR_FROM_DOMAIN_CHECKPOINT;
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    def = g_new0(nuvCheckpointDef, 1);
    def->disks = g_ptr_array_new_with_free_func((GDestroyNotify)diskFree);

    /* The embedded domain is the domain format's business; a second one
     * is left for the table to refuse. */
    if ((dom = nuvXMLChild(root, "domain"))) {
        xmlUnlinkNode(dom);
        if (redefine && !(def->common.dom = nuvDomainDefParseNode(dom, NUV_DOMAIN_DEF_PARSE_INACTIVE))) {
            xmlFreeNode(dom);
            return NULL;
        }
        xmlFreeNode(dom);
    }
    if (!(tree = parseTree(root)))
        return NULL;

    def->common.name = g_strdup(nuvXNodeChildText(tree, "name"));
    if (!def->common.name && redefine) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "a redefined checkpoint must have a name");
        return NULL;
    }
    def->common.description = g_strdup(nuvXNodeChildText(tree, "description"));

    if (redefine) {
        g_autofree char *created = g_strdup(nuvXNodeChildText(tree, "creationTime"));

        if (!created) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "missing creationTime from existing checkpoint");
            return NULL;
        }
        def->common.creationTime = g_ascii_strtoll(created, NULL, 10);
        def->common.parentName = g_strdup(nuvXNodeChildText(nuvXNodeChild(tree, "parent"), "name"));
    } else {
        g_clear_pointer(&def->common.dom, nuvDomainDefFree);
        def->common.creationTime = g_get_real_time() / G_USEC_PER_SEC;
        if (!def->common.name)
            def->common.name = g_strdup_printf("%lld", def->common.creationTime);
    }

    disks = nuvXNodeChild(tree, "disks");
    for (size_t i = 0; i < nuvXNodeCountChildren(disks, "disk"); i++) {
        const nuvXNode *d = nuvXNodeNthChild(disks, "disk", i);
        nuvCheckpointDiskDef *disk = g_new0(nuvCheckpointDiskDef, 1);

        disk->name = g_strdup(nuvXNodeGet(d, "name"));
        disk->type = nuvCheckpointTypeFromString(nuvXNodeGet(d, "checkpoint")) ==
                     NUV_CHECKPOINT_TYPE_NO ? NUV_CHECKPOINT_TYPE_NO : NUV_CHECKPOINT_TYPE_BITMAP;
        disk->bitmap = g_strdup(nuvXNodeGet(d, "bitmap"));
        g_ptr_array_add(def->disks, disk);
    }
    return g_steal_pointer(&def);
}

/* ---- lining disks up with the domain ---- */

/* An empty or read-only disk never gets a bitmap. */
static bool
diskSkipped(const nuvDomainDisk *disk)
{
    return nuvDomainDiskIsEmpty(disk) || disk->readonly;
}

void
nuvCheckpointDefAssignBitmapNames(nuvCheckpointDef *def)
{
    guint i;

    for (i = 0; i < def->disks->len; i++) {
        nuvCheckpointDiskDef *disk = g_ptr_array_index(def->disks, i);

        if (disk->type == NUV_CHECKPOINT_TYPE_BITMAP && !disk->bitmap)
            disk->bitmap = g_strdup(def->common.name);
    }
}

int
nuvCheckpointDefAlignDisks(nuvCheckpointDef *def)
{
    g_autoptr(nuvDomainDiskList) disks = NULL;
    g_autofree nuvCheckpointDiskDef **byDomain = NULL;
    GPtrArray *aligned;
    int fallback = NUV_CHECKPOINT_TYPE_DEFAULT;
    guint i;

    if (!def->common.dom) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain in checkpoint");
        return -1;
    }
    disks = nuvDomainDiskListNew(def->common.dom);
    if (def->disks->len > disks->ndisks) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "too many disk checkpoint requests for domain");
        return -1;
    }
    if (disks->ndisks == 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "domain must have at least one disk to perform checkpoints");
        return -1;
    }
    /* Naming no disk asks for a bitmap on every disk that can have one;
     * naming some leaves the others out. */
    if (def->disks->len == 0)
        fallback = NUV_CHECKPOINT_TYPE_BITMAP;

    byDomain = g_new0(nuvCheckpointDiskDef *, disks->ndisks);
    for (i = 0; i < def->disks->len; i++) {
        nuvCheckpointDiskDef *cd = g_ptr_array_index(def->disks, i);
        int idx = nuvDomainDiskListIndexByName(disks, cd->name);
        const nuvDomainDisk *dd;

        if (idx < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", cd->name);
            return -1;
        }
        dd = &disks->disks[idx];
        if (byDomain[idx]) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "disk '%s' specified twice", cd->name);
            return -1;
        }
        byDomain[idx] = cd;
        if (diskSkipped(dd) && cd->type != NUV_CHECKPOINT_TYPE_NO) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' is empty or readonly",
                           cd->name);
            return -1;
        }
        if (dd->dst && strcmp(cd->name, dd->dst) != 0) {
            g_free(cd->name);
            cd->name = g_strdup(dd->dst);
        }
    }

    /* Rebuild the list in the domain's order; the entries asked for move
     * over, the rest are made up. */
    aligned = g_ptr_array_new_with_free_func((GDestroyNotify)diskFree);
    for (i = 0; i < disks->ndisks; i++) {
        const nuvDomainDisk *dd = &disks->disks[i];
        nuvCheckpointDiskDef *cd = byDomain[i];

        if (cd) {
            g_ptr_array_add(aligned, cd);
            continue;
        }
        cd = g_new0(nuvCheckpointDiskDef, 1);
        cd->name = g_strdup(dd->dst);
        cd->type = diskSkipped(dd) ? NUV_CHECKPOINT_TYPE_NO : fallback;
        g_ptr_array_add(aligned, cd);
    }
    /* The old array no longer owns the entries that moved. */
    g_ptr_array_set_free_func(def->disks, NULL);
    g_ptr_array_unref(def->disks);
    def->disks = aligned;
    nuvCheckpointDefAssignBitmapNames(def);
    return 0;
}

/* ---- formatting ---- */

static void
addText(nuvXNode *parent, const char *name, const char *text)
{
    if (text)
        nuvXNodeSetText(nuvXNodeAddChild(parent, name), text);
}

char *
nuvCheckpointDefFormat(const nuvCheckpointDef *def, unsigned int flags)
{
    g_autoptr(nuvXNode) tree = nuvXNodeNew(nuvCheckpointSchema, 0);
    GString *buf = g_string_new(NULL);
    g_autofree char *created = NULL;
    nuvXNode *disks;
    guint i;

    addText(tree, "name", def->common.name);
    addText(tree, "description", def->common.description);
    if (def->common.parentName)
        addText(nuvXNodeAddChild(tree, "parent"), "name", def->common.parentName);
    if (def->common.creationTime) {
        created = g_strdup_printf("%lld", def->common.creationTime);
        addText(tree, "creationTime", created);
    }
    disks = def->disks->len ? nuvXNodeAddChild(tree, "disks") : NULL;
    for (i = 0; i < def->disks->len; i++) {
        const nuvCheckpointDiskDef *disk = g_ptr_array_index(def->disks, i);
        nuvXNode *d;

        if (!disk->name)
            continue;
        d = nuvXNodeAddChild(disks, "disk");
        nuvXNodeSet(d, "name", disk->name);
        nuvXNodeSet(d, "checkpoint", disk->type > 0 ? nuvCheckpointTypeToString(disk->type) : NULL);
        nuvXNodeSet(d, "bitmap", disk->bitmap);
    }
    nuvXNodeFormat(tree, buf, 0, 0);
    /* the embedded domain goes last, inside the closing tag (there is
     * always a <name>, so the element is never written empty) */
    if (def->common.dom && !(flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN)) {
        g_string_truncate(buf, buf->len - strlen("</domaincheckpoint>\n"));
        nuvMomentFormatDomain(buf, def->common.dom, "domain",
                              flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE);
        g_string_append(buf, "</domaincheckpoint>\n");
    }
    return g_string_free(buf, FALSE);
}
