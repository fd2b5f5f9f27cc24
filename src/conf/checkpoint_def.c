/*
 * checkpoint_def.c: libvirt's <domaincheckpoint> XML.
 *
 * libvirt checks this document against its RelaxNG schema before reading
 * it, so a stray element or a malformed name is a schema error there,
 * not something ignored; the few rules of that schema are checked here
 * by hand, with the same error code.
 */
#include <string.h>
#include <libxml/tree.h>

#include "conf/checkpoint_def.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_CHECKPOINT

#define CHECKPOINT_RNG "/usr/share/libvirt/schemas/domaincheckpoint.rng"

static const char *const typeNames[] = { "default", "no", "bitmap" };
G_STATIC_ASSERT(G_N_ELEMENTS(typeNames) == NUV_CHECKPOINT_TYPE_LAST);

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

static bool
isElem(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static int
schemaError(const char *why)
{
    nuvErrorReportFull(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA, __FILE__, __func__, __LINE__,
                       "Unable to validate doc against %s\n%s\n", CHECKPOINT_RNG, why);
    return -1;
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

static char *
nodeText(xmlNodePtr node)
{
    xmlChar *s = xmlNodeGetContent(node);
    char *ret = g_strdup(s ? (const char *)s : "");

    xmlFree(s);
    return ret;
}

static int
checkDisk(xmlNodePtr disk)
{
    xmlAttrPtr a;
    g_autofree char *type = NULL;
    bool hasExtra = false;
    xmlNodePtr c;

    if (!isElem(disk, "disk"))
        return schemaError("Element disks has extra content: disk expected");
    for (c = disk->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return schemaError("Element disk has extra content");
    }
    if (!xmlHasProp(disk, BAD_CAST "name"))
        return schemaError("Element disk failed to validate attributes");
    type = (char *)xmlGetProp(disk, BAD_CAST "checkpoint");
    for (a = disk->properties; a; a = a->next) {
        const char *an = (const char *)a->name;

        if (strcmp(an, "name") == 0 || strcmp(an, "checkpoint") == 0)
            continue;
        if (strcmp(an, "bitmap") == 0) {
            hasExtra = true;
        } else if (strcmp(an, "size") == 0) {
            g_autofree char *size = (char *)xmlGetProp(disk, BAD_CAST "size");

            if (!validULong(size))
                return schemaError("Element disk failed to validate attributes");
            hasExtra = true;
        } else {
            return schemaError("Element disk failed to validate attributes");
        }
    }
    if (type && strcmp(type, "bitmap") != 0 && (strcmp(type, "no") != 0 || hasExtra))
        return schemaError("Element disk failed to validate attributes");
    return 0;
}

static int
checkSchema(xmlNodePtr root)
{
    static const char *const known[] = {
        "name", "description", "creationTime", "disks", "domain", "parent",
    };
    bool seen[G_N_ELEMENTS(known)] = { false };
    xmlNodePtr c;

    for (c = root->children; c; c = c->next) {
        size_t i;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (i = 0; i < G_N_ELEMENTS(known); i++) {
            if (isElem(c, known[i]))
                break;
        }
        if (i == G_N_ELEMENTS(known)) {
            g_autofree char *why = g_strdup_printf("Element domaincheckpoint has extra "
                                                   "content: %s", (const char *)c->name);
            return schemaError(why);
        }
        if (seen[i]) {
            g_autofree char *why = g_strdup_printf("Extra element %s in interleave\n"
                                                   "Element domaincheckpoint failed to "
                                                   "validate content", known[i]);
            return schemaError(why);
        }
        seen[i] = true;

        if (strcmp(known[i], "name") == 0 || strcmp(known[i], "creationTime") == 0) {
            g_autofree char *text = nodeText(c);

            if (strcmp(known[i], "name") == 0 ? !validName(text) : !validULong(text)) {
                g_autofree char *why = g_strdup_printf("Extra element %s in interleave\n"
                                                       "Element domaincheckpoint failed to "
                                                       "validate content", known[i]);
                return schemaError(why);
            }
        } else if (strcmp(known[i], "parent") == 0) {
            xmlNodePtr p;
            int names = 0;

            for (p = c->children; p; p = p->next) {
                g_autofree char *text = NULL;

                if (p->type != XML_ELEMENT_NODE)
                    continue;
                text = isElem(p, "name") ? nodeText(p) : NULL;
                if (!text || !validName(text) || ++names > 1)
                    return schemaError("Element parent has extra content");
            }
            if (names == 0)
                return schemaError("Expecting an element name, got nothing");
        } else if (strcmp(known[i], "disks") == 0) {
            xmlNodePtr d;
            int n = 0;

            for (d = c->children; d; d = d->next) {
                if (d->type != XML_ELEMENT_NODE)
                    continue;
                if (checkDisk(d) < 0)
                    return -1;
                n++;
            }
            if (n == 0)
                return schemaError("Expecting an element disk, got nothing");
        }
    }
    return 0;
}

/* ---- parsing ---- */

nuvCheckpointDef *
nuvCheckpointDefParseString(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvCheckpointDef) def = NULL;
    bool redefine = flags & NUV_CHECKPOINT_PARSE_REDEFINE;
    xmlNodePtr root;
    xmlNodePtr disks;
    xmlNodePtr c;

    if (!(doc = nuvXMLParseString(xml, "(domain_checkpoint)", "domaincheckpoint"))) {
        virErrorPtr err = nuvErrorCurrent();

        /* A document that is not well-formed is reported in the
         * checkpoint's error domain, as libvirt does. */
        if (err && err->code == VIR_ERR_XML_DETAIL)
            err->domain = VIR_FROM_DOMAIN_CHECKPOINT;
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    if (checkSchema(root) < 0)
        return NULL;

    def = g_new0(nuvCheckpointDef, 1);
    def->disks = g_ptr_array_new_with_free_func((GDestroyNotify)diskFree);
    def->common.name = nuvXMLChildText(root, "name");
    if (!def->common.name && redefine) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "a redefined checkpoint must have a name");
        return NULL;
    }
    def->common.description = nuvXMLChildText(root, "description");

    if (redefine) {
        g_autofree char *created = nuvXMLChildText(root, "creationTime");
        xmlNodePtr dom;

        if (!created) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "missing creationTime from existing checkpoint");
            return NULL;
        }
        def->common.creationTime = g_ascii_strtoll(created, NULL, 10);
        def->common.parentName = nuvXMLChildText(nuvXMLChild(root, "parent"), "name");
        if ((dom = nuvXMLChild(root, "domain")) &&
            !(def->common.dom = nuvDomainDefParseNode(dom, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
            return NULL;
    } else {
        def->common.creationTime = g_get_real_time() / G_USEC_PER_SEC;
        if (!def->common.name)
            def->common.name = g_strdup_printf("%lld", def->common.creationTime);
    }

    if ((disks = nuvXMLChild(root, "disks"))) {
        for (c = disks->children; c; c = c->next) {
            nuvCheckpointDiskDef *disk;
            g_autofree char *type = NULL;

            if (c->type != XML_ELEMENT_NODE)
                continue;
            disk = g_new0(nuvCheckpointDiskDef, 1);
            disk->name = (char *)xmlGetProp(c, BAD_CAST "name");
            type = (char *)xmlGetProp(c, BAD_CAST "checkpoint");
            disk->type = type && strcmp(type, "no") == 0 ?
                         NUV_CHECKPOINT_TYPE_NO : NUV_CHECKPOINT_TYPE_BITMAP;
            disk->bitmap = (char *)xmlGetProp(c, BAD_CAST "bitmap");
            g_ptr_array_add(def->disks, disk);
        }
    }
    return g_steal_pointer(&def);
}

/* ---- lining disks up with the domain ---- */

typedef struct {
    const char *dst;
    const char *path;
    bool skip;                  /* empty or read-only: never checkpointed */
} domDisk;

static GArray *
domainDisks(const nuvDomainDef *dom)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(domDisk));
    nuvXNode *devices = nuvDomainDefDevices(dom);
    size_t n = nuvXNodeCountChildren(devices, "disk");
    size_t i;

    for (i = 0; i < n; i++) {
        nuvXNode *disk = nuvXNodeNthChild(devices, "disk", i);
        nuvXNode *src = nuvXNodeChild(disk, "source");
        const char *type = nuvXNodeGet(disk, "type");
        domDisk d = { 0 };
        bool empty;

        d.dst = nuvXNodeGet(nuvXNodeChild(disk, "target"), "dev");
        if (src && !(d.path = nuvXNodeGet(src, "file")) && !(d.path = nuvXNodeGet(src, "dev")))
            d.path = nuvXNodeGet(src, "dir");
        if (type && strcmp(type, "network") == 0)
            empty = !src || !nuvXNodeGet(src, "protocol");
        else if (type && strcmp(type, "volume") == 0)
            empty = !src || !nuvXNodeGet(src, "volume");
        else
            empty = !d.path;
        d.skip = empty || nuvXNodeChild(disk, "readonly") != NULL;
        g_array_append_val(out, d);
    }
    return out;
}

/* libvirt's lookup of a disk by name: a target unless the name is an
 * absolute path, then a source path that only one disk has. */
static int
domainDiskByName(GArray *disks, const char *name)
{
    int found = -1;
    guint i;

    for (i = 0; i < disks->len; i++) {
        domDisk *d = &g_array_index(disks, domDisk, i);

        if (*name != '/') {
            if (d->dst && strcmp(d->dst, name) == 0)
                return (int)i;
        } else if (d->path && strcmp(d->path, name) == 0) {
            if (found >= 0)
                return -1;
            found = (int)i;
        }
    }
    return found;
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
    g_autoptr(GArray) disks = NULL;
    g_autofree nuvCheckpointDiskDef **byDomain = NULL;
    GPtrArray *aligned;
    int fallback = NUV_CHECKPOINT_TYPE_DEFAULT;
    guint i;

    if (!def->common.dom) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain in checkpoint");
        return -1;
    }
    disks = domainDisks(def->common.dom);
    if (def->disks->len > disks->len) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "too many disk checkpoint requests for domain");
        return -1;
    }
    if (disks->len == 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "domain must have at least one disk to perform checkpoints");
        return -1;
    }
    /* Naming no disk asks for a bitmap on every disk that can have one;
     * naming some leaves the others out. */
    if (def->disks->len == 0)
        fallback = NUV_CHECKPOINT_TYPE_BITMAP;

    byDomain = g_new0(nuvCheckpointDiskDef *, disks->len);
    for (i = 0; i < def->disks->len; i++) {
        nuvCheckpointDiskDef *cd = g_ptr_array_index(def->disks, i);
        int idx = domainDiskByName(disks, cd->name);
        domDisk *dd;

        if (idx < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", cd->name);
            return -1;
        }
        dd = &g_array_index(disks, domDisk, idx);
        if (byDomain[idx]) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice", cd->name);
            return -1;
        }
        byDomain[idx] = cd;
        if (dd->skip && cd->type != NUV_CHECKPOINT_TYPE_NO) {
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
    for (i = 0; i < disks->len; i++) {
        domDisk *dd = &g_array_index(disks, domDisk, i);
        nuvCheckpointDiskDef *cd = byDomain[i];

        if (cd) {
            g_ptr_array_add(aligned, cd);
            continue;
        }
        cd = g_new0(nuvCheckpointDiskDef, 1);
        cd->name = g_strdup(dd->dst);
        cd->type = dd->skip ? NUV_CHECKPOINT_TYPE_NO : fallback;
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

/* Append @dom's XML indented one level. */
static void
formatDomain(GString *buf, const nuvDomainDef *dom, unsigned int flags)
{
    g_autofree char *xml = nuvDomainDefFormat(dom, -1, VIR_DOMAIN_XML_INACTIVE |
                                              ((flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE) ?
                                               VIR_DOMAIN_XML_SECURE : 0));
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!xml)
        return;
    lines = g_strsplit(xml, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (!*lines[i])
            continue;
        g_string_append_printf(buf, "  %s\n", lines[i]);
    }
}

char *
nuvCheckpointDefFormat(const nuvCheckpointDef *def, unsigned int flags)
{
    GString *buf = g_string_new("<domaincheckpoint>\n");
    guint i;

    g_string_append(buf, "  <name>");
    nuvXMLEscapeText(buf, def->common.name);
    g_string_append(buf, "</name>\n");
    if (def->common.description) {
        g_string_append(buf, "  <description>");
        nuvXMLEscapeText(buf, def->common.description);
        g_string_append(buf, "</description>\n");
    }
    if (def->common.parentName) {
        g_string_append(buf, "  <parent>\n    <name>");
        nuvXMLEscapeText(buf, def->common.parentName);
        g_string_append(buf, "</name>\n  </parent>\n");
    }
    if (def->common.creationTime)
        g_string_append_printf(buf, "  <creationTime>%lld</creationTime>\n",
                               def->common.creationTime);
    if (def->disks->len > 0) {
        g_string_append(buf, "  <disks>\n");
        for (i = 0; i < def->disks->len; i++) {
            const nuvCheckpointDiskDef *disk = g_ptr_array_index(def->disks, i);

            if (!disk->name)
                continue;
            g_string_append(buf, "    <disk name='");
            nuvXMLEscapeAttr(buf, disk->name);
            g_string_append_c(buf, '\'');
            if (disk->type > 0)
                g_string_append_printf(buf, " checkpoint='%s'", typeNames[disk->type]);
            if (disk->bitmap) {
                g_string_append(buf, " bitmap='");
                nuvXMLEscapeAttr(buf, disk->bitmap);
                g_string_append_c(buf, '\'');
            }
            g_string_append(buf, "/>\n");
        }
        g_string_append(buf, "  </disks>\n");
    }
    if (def->common.dom && !(flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN))
        formatDomain(buf, def->common.dom, flags);
    g_string_append(buf, "</domaincheckpoint>\n");
    return g_string_free(buf, FALSE);
}
