/*
 * snapshot_def.c: libvirt's <domainsnapshot> XML.
 *
 * The document is read and written by the schema engine (snapshot.schema).
 * The top level is read the way libvirt reads it: the elements it knows,
 * everything else ignored; the disks are checked strictly and each kept as
 * a tree, so its <driver> and <source> are written back in libvirt's order
 * whatever the input order was.  The embedded domains are the domain
 * format's.
 */
#include <string.h>
#include <sys/stat.h>
#include <libxml/tree.h>

#include "conf/snapshot_def.h"
#include "conf/domain_disks.h"
#include "conf/snapshot_schema.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

extern const nuvXSElem nuvSnapshotSchema[];

/* A location is the schema's word plus one: 0 is DEFAULT, which has no
 * word of its own (libvirt refuses "default" in a document).  A domain
 * disk's snapshot= takes the same words. */
G_STATIC_ASSERT(NUV_SNAPSHOT_LOC_LAST == NUV_SNAPSHOT_LOCATION_WORD_LAST + 1);
G_STATIC_ASSERT(NUV_SNAPSHOT_LOC_NO == NUV_SNAPSHOT_LOCATION_WORD_NO + 1);
G_STATIC_ASSERT(NUV_SNAPSHOT_LOC_MANUAL == NUV_SNAPSHOT_LOCATION_WORD_MANUAL + 1);
G_STATIC_ASSERT((int)NUV_DOMAIN_DISK_SNAPSHOT_LAST == (int)NUV_SNAPSHOT_LOCATION_WORD_LAST);

static const char *
locationName(int loc)
{
    return nuvSnapshotLocationWordToString(loc - 1);
}

/* virDomainSnapshotState: the domain states plus "disk-snapshot". */
static const char *const stateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
    "pmsuspended", "disk-snapshot",
};

/* libvirt's image formats; index 0 ("none") is not accepted. */
static const char *const formatNames[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk",
};

static int
enumFromString(const char *const *names, size_t n, const char *str)
{
    size_t i;

    for (i = 0; str && i < n; i++) {
        if (strcmp(names[i], str) == 0)
            return (int)i;
    }
    return -1;
}

const char *
nuvSnapshotStateToString(int state)
{
    if (state < 0 || state >= (int)G_N_ELEMENTS(stateNames))
        return NULL;
    return stateNames[state];
}

static void
diskFree(nuvSnapshotDiskDef *disk)
{
    if (!disk)
        return;
    g_free(disk->name);
    nuvXNodeFree(disk->xml);
    g_free(disk);
}

void
nuvSnapshotDefFree(nuvSnapshotDef *def)
{
    if (!def)
        return;
    nuvMomentDefClear(&def->common);
    g_free(def->memoryFile);
    if (def->disks)
        g_ptr_array_unref(def->disks);
    g_free(def);
}

/* An attribute holding a location: absent is DEFAULT, "default" itself
 * is refused, as libvirt's non-zero enum attributes are. */
static int
parseLocation(const char *value, const char *attr, const char *elem, int *out)
{
    int v;

    *out = NUV_SNAPSHOT_LOC_DEFAULT;
    if (!value)
        return 0;
    v = nuvSnapshotLocationWordFromString(value);
    if (v < 0) {
        nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                           "Invalid value for attribute '%s' in element '%s': '%s'.",
                           attr, elem, value);
        return -1;
    }
    *out = v + 1;
    return 0;
}

static const char *
diskSource(const nuvXNode *xml)
{
    nuvXNode *src = nuvXNodeChild(xml, "source");
    const char *path;

    if (!src)
        return NULL;
    if ((path = nuvXNodeGet(src, "file")) || (path = nuvXNodeGet(src, "dev")) ||
        (path = nuvXNodeGet(src, "dir")) || (path = nuvXNodeGet(src, "name")))
        return path;
    return NULL;
}

/* A snapshot disk's source kind (FILE when left out). */
static nuvSnapshotDiskTypeWord
diskType(const nuvXNode *xml)
{
    int type = nuvSnapshotDiskTypeWordFromString(nuvXNodeGet(xml, "type"));

    return type < 0 ? NUV_SNAPSHOT_DISK_TYPE_WORD_FILE : type;
}

static bool
diskHasFormat(const nuvXNode *xml)
{
    return nuvXNodeGet(nuvXNodeChild(xml, "driver"), "type") != NULL;
}

/* @xml: a <disk> of the tree, detached; consumed. */
static nuvSnapshotDiskDef *
parseDisk(nuvXNode *node)
{
    g_autoptr(nuvXNode) xml = node;
    nuvSnapshotDiskDef *disk;
    const char *name;
    const char *type;
    const char *driver;
    const char *path;
    nuvXNode *n;
    int loc;

    if (!(name = nuvXNodeGet(xml, "name"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "%s", "missing name from disk snapshot element");
        return NULL;
    }
    if (parseLocation(nuvXNodeGet(xml, "snapshot"), "snapshot", "disk", &loc) < 0)
        return NULL;
    if ((type = nuvXNodeGet(xml, "type"))) {
        int t = nuvSnapshotDiskTypeWordFromString(type);

        if (t < 0) {
            nuvReportErrorFrom(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                               "Invalid value for attribute 'type' in element 'disk': '%s'.",
                               type);
            return NULL;
        }
        if (t == NUV_SNAPSHOT_DISK_TYPE_WORD_VOLUME || t == NUV_SNAPSHOT_DISK_TYPE_WORD_DIR) {
            nuvReportError(VIR_ERR_XML_ERROR, "unsupported disk snapshot type '%s'", type);
            return NULL;
        }
    }
    if ((driver = nuvXNodeGet(nuvXNodeChild(xml, "driver"), "type")) &&
        enumFromString(formatNames, G_N_ELEMENTS(formatNames), driver) <= 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "unknown disk snapshot driver '%s'", driver);
        return NULL;
    }
    if ((n = nuvXNodeChild(nuvXNodeChild(nuvXNodeChild(xml, "driver"), "metadata_cache"),
                           "max_size"))) {
        unsigned long long v;
        unsigned long long mult = nuvUnitBytes(nuvXNodeGet(n, "unit") ?
                                               nuvXNodeGet(n, "unit") : "bytes");
        g_autofree char *bytes = NULL;

        if (!n->text || nuvParseULL(n->text, &v) < 0 || mult == 0 ||
            (mult > 1 && v > G_MAXUINT64 / mult)) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "invalid value for 'max_size'");
            return NULL;
        }
        bytes = g_strdup_printf("%llu", v * mult);
        nuvXNodeSet(n, "unit", "bytes");
        nuvXNodeSetText(n, bytes);
    }
    /* libvirt reads the storage source only: a disk's startup policy and
     * runtime index mean nothing in a snapshot. */
    if ((n = nuvXNodeChild(xml, "source"))) {
        nuvXNodeSet(n, "startupPolicy", NULL);
        nuvXNodeSet(n, "index", NULL);
    }
    path = diskSource(xml);
    if (path && *path != '/' && diskType(xml) != NUV_SNAPSHOT_DISK_TYPE_WORD_NETWORK) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "disk snapshot image path '%s' must be absolute", path);
        return NULL;
    }
    if (loc == NUV_SNAPSHOT_LOC_DEFAULT && (path || driver))
        loc = NUV_SNAPSHOT_LOC_EXTERNAL;

    disk = g_new0(nuvSnapshotDiskDef, 1);
    disk->name = g_strdup(name);
    disk->snapshot = loc;
    disk->xml = g_steal_pointer(&xml);
    return disk;
}

/* The table entry of a snapshot's <disk>. */
static int
diskElem(void)
{
    g_autoptr(nuvXNode) root = nuvXNodeNew(nuvSnapshotSchema, 0);
    g_autoptr(nuvXNode) disks = nuvXNodeNew(nuvSnapshotSchema, nuvXNodeChildElem(root, "disks"));

    return nuvXNodeChildElem(disks, "disk");
}

static nuvSnapshotDiskDef *
diskNew(const char *name, int loc)
{
    nuvSnapshotDiskDef *disk = g_new0(nuvSnapshotDiskDef, 1);

    disk->name = g_strdup(name);
    disk->snapshot = loc;
    disk->xml = nuvXNodeNew(nuvSnapshotSchema, diskElem());
    return disk;
}

/* Read @root's top level with the table, the way libvirt reads it:
 * unknown elements ignored, each known one checked (the disks strictly,
 * the rest skipping what they do not know); the embedded domains are left
 * to the caller. */
static nuvXNode *
parseTree(xmlNodePtr root)
{
    g_autoptr(nuvXNode) tree = nuvXNodeNew(nuvSnapshotSchema, 0);

    for (xmlNodePtr c = root->children; c; c = c->next) {
        const char *name = (const char *)c->name;
        nuvXNode *child;
        int elem;

        if (c->type != XML_ELEMENT_NODE || (c->ns && c->ns->href) ||
            (elem = nuvXNodeChildElem(tree, name)) < 0)
            continue;
        if (!(child = nuvXNodeParseFlags(nuvSnapshotSchema, elem, c,
                                         strcmp(name, "disks") == 0 ?
                                         0 : NUV_XNODE_PARSE_SKIP_UNKNOWN)))
            return NULL;
        nuvXNodeInsert(tree, child);
    }
    return g_steal_pointer(&tree);
}

/* @current: non-NULL for the snapshots of a node file, which say in
 * <active> whether they are the current one. */
static nuvSnapshotDef *
snapshotParse(const char *xml, unsigned int flags, bool *current)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvSnapshotDef) def = NULL;
    g_autoptr(nuvXNode) tree = NULL;
    xmlNodePtr root;
    nuvXNode *memory;
    nuvXNode *disks;
    bool redefine = flags & NUV_SNAPSHOT_PARSE_REDEFINE;
    bool offline = false;

    if (!(doc = nuvXMLParseString(xml, "(domain_snapshot)", "domainsnapshot")))
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!(tree = parseTree(root)))
        return NULL;

    def = g_new0(nuvSnapshotDef, 1);
    def->disks = g_ptr_array_new_with_free_func((GDestroyNotify)diskFree);
    def->common.name = g_strdup(nuvXNodeChildText(tree, "name"));
    if (!def->common.name && redefine) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "a redefined snapshot must have a name");
        return NULL;
    }
    def->common.description = g_strdup(nuvXNodeChildText(tree, "description"));

    if (redefine) {
        g_autofree char *created = g_strdup(nuvXNodeChildText(tree, "creationTime"));
        g_autofree char *state = g_strdup(nuvXNodeChildText(tree, "state"));
        xmlNodePtr dom;
        char *end = NULL;

        if (created)
            def->common.creationTime = g_ascii_strtoll(created, &end, 10);
        if (!created || end == created || *end) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "missing creationTime from existing snapshot");
            return NULL;
        }
        def->common.parentName = g_strdup(nuvXNodeChildText(nuvXNodeChild(tree, "parent"), "name"));
        if (current) {
            g_autofree char *active = g_strdup(nuvXNodeChildText(tree, "active"));
            char *aend = NULL;
            long long v = active ? g_ascii_strtoll(active, &aend, 10) : 0;

            if (!active || aend == active || *aend) {
                nuvReportError(VIR_ERR_INTERNAL_ERROR,
                               "%s", "Could not find 'active' element");
                return NULL;
            }
            *current = v != 0;
        }
        if (!state) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing state from existing snapshot");
            return NULL;
        }
        def->state = enumFromString(stateNames, G_N_ELEMENTS(stateNames), state);
        if (def->state <= 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "Invalid state '%s' in domain snapshot XML", state);
            return NULL;
        }
        offline = def->state == NUV_SNAPSHOT_STATE_SHUTOFF ||
                  def->state == NUV_SNAPSHOT_STATE_DISK_SNAPSHOT;

        /* Snapshots written by old libvirt carry only <domain><uuid>:
         * without a type there is no definition to keep. */
        if ((dom = nuvXMLChild(root, "domain")) && xmlHasProp(dom, (const xmlChar *)"type") &&
            !(def->common.dom = nuvDomainDefParseNode(dom, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
            return NULL;
        if ((dom = nuvXMLChild(root, "inactiveDomain")) &&
            !(def->common.inactiveDom = nuvDomainDefParseNode(dom, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
            return NULL;
    } else {
        def->common.creationTime = g_get_real_time() / G_USEC_PER_SEC;
        if (!def->common.name)
            def->common.name = g_strdup_printf("%lld", def->common.creationTime);
    }

    if ((memory = nuvXNodeChild(tree, "memory"))) {
        def->memoryFile = g_strdup(nuvXNodeGet(memory, "file"));
        if (parseLocation(nuvXNodeGet(memory, "snapshot"), "snapshot", "memory",
                          &def->memory) < 0)
            return NULL;
        if (def->memory == NUV_SNAPSHOT_LOC_MANUAL) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s",
                           "'manual' memory snapshot mode not supported");
            return NULL;
        }
    }
    if (def->memory == NUV_SNAPSHOT_LOC_DEFAULT) {
        if (def->memoryFile)
            def->memory = NUV_SNAPSHOT_LOC_EXTERNAL;
        else if (redefine)
            def->memory = offline ? NUV_SNAPSHOT_LOC_NO : NUV_SNAPSHOT_LOC_INTERNAL;
    }
    if (def->memoryFile && def->memory != NUV_SNAPSHOT_LOC_EXTERNAL) {
        nuvReportError(VIR_ERR_XML_ERROR, "memory filename '%s' requires external snapshot",
                       def->memoryFile);
        return NULL;
    }
    if (!def->memoryFile && def->memory == NUV_SNAPSHOT_LOC_EXTERNAL) {
        nuvReportError(VIR_ERR_XML_ERROR,
                       "%s", "external memory snapshots require a filename");
        return NULL;
    }
    if (offline && def->memory != NUV_SNAPSHOT_LOC_DEFAULT &&
        def->memory != NUV_SNAPSHOT_LOC_NO) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "memory state cannot be saved with offline or disk-only snapshot");
        return NULL;
    }
    if (def->memoryFile && !g_path_is_absolute(def->memoryFile)) {
        nuvReportError(VIR_ERR_XML_ERROR, "memory snapshot file path (%s) must be absolute",
                       def->memoryFile);
        return NULL;
    }

    if ((disks = nuvXNodeChild(tree, "disks"))) {
        while (disks->children->len) {
            nuvXNode *c = g_ptr_array_index(disks->children, 0);
            nuvSnapshotDiskDef *disk;

            nuvXNodeDetach(c);
            if (!(disk = parseDisk(c)))
                return NULL;
            g_ptr_array_add(def->disks, disk);
        }
    }
    return g_steal_pointer(&def);
}

nuvSnapshotDef *
nuvSnapshotDefParseString(const char *xml, unsigned int flags)
{
    return snapshotParse(xml, flags, NULL);
}

nuvSnapshotDef *
nuvSnapshotDefParseNodeString(const char *xml, bool *current)
{
    return snapshotParse(xml, NUV_SNAPSHOT_PARSE_REDEFINE, current);
}

/* ---- lining disks up with the domain ---- */

/* A domain disk's own snapshot= mode as a location (absent: DEFAULT). */
static int
diskLocation(const nuvDomainDisk *disk)
{
    return disk->snapshot >= 0 ? disk->snapshot + 1 : NUV_SNAPSHOT_LOC_DEFAULT;
}

/* The domain disk a snapshot disk names, by target or by source path;
 * -1 if none (or the path is ambiguous). */
static int
domainDiskByName(const nuvDomainDiskList *disks, const char *name)
{
    const nuvDomainDisk *d = nuvDomainDiskListByTarget(disks, name);
    bool ambiguous;

    if (!d)
        d = nuvDomainDiskListByPath(disks, name, &ambiguous);
    return d ? (int)(d - disks->disks) : -1;
}

static int
assignExternalNames(nuvSnapshotDef *def, const nuvDomainDiskList *disks)
{
    guint i, j;

    for (i = 0; i < def->disks->len; i++) {
        nuvSnapshotDiskDef *disk = g_ptr_array_index(def->disks, i);
        const nuvDomainDisk *dd = &disks->disks[i];
        struct stat sb;
        g_autofree char *base = NULL;
        char *dot;
        nuvXNode *src;

        if (disk->snapshot != NUV_SNAPSHOT_LOC_EXTERNAL || diskSource(disk->xml))
            continue;
        if (diskType(disk->xml) != NUV_SNAPSHOT_DISK_TYPE_WORD_FILE) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cannot generate external snapshot name for disk '%s' on a '%s' device",
                           disk->name, nuvSnapshotDiskTypeWordToString(diskType(disk->xml)));
            return -1;
        }
        if (!dd->src.path) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "cannot generate external snapshot name for disk '%s' without source",
                           disk->name);
            return -1;
        }
        if (stat(dd->src.path, &sb) < 0 || !S_ISREG(sb.st_mode)) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "source for disk '%s' is not a regular file; "
                           "refusing to generate external snapshot name", disk->name);
            return -1;
        }
        base = g_strdup(dd->src.path);
        if ((dot = strrchr(base, '.')) && !strchr(dot, '/'))
            *dot = '\0';
        src = nuvXNodeEnsureChild(disk->xml, "source");
        {
            g_autofree char *path = g_strdup_printf("%s.%s", base, def->common.name);
            nuvXNodeSet(src, "file", path);
        }
        for (j = 0; j < i; j++) {
            nuvSnapshotDiskDef *other = g_ptr_array_index(def->disks, j);
            const char *op = diskSource(other->xml);

            if (op && strcmp(op, diskSource(disk->xml)) == 0) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "cannot generate external snapshot name for disk '%s': "
                               "collision with disk '%s'", disk->name, other->name);
                return -1;
            }
        }
    }
    return 0;
}

int
nuvSnapshotDefAlignDisks(nuvSnapshotDef *def, const nuvDomainDef *existing,
                         int defaultLoc, bool uniformInternal)
{
    const nuvDomainDef *dom = def->common.dom ? def->common.dom : existing;
    g_autoptr(nuvDomainDiskList) disks = NULL;
    g_autoptr(GPtrArray) aligned = NULL;
    g_autofree nuvSnapshotDiskDef **byDomain = NULL;
    bool requireMatch = uniformInternal && defaultLoc == NUV_SNAPSHOT_LOC_INTERNAL;
    guint i;

    if (!dom) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain in snapshot");
        return -1;
    }
    disks = nuvDomainDiskListNew(dom);
    if (def->disks->len > disks->ndisks) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "too many disk snapshot requests for domain");
        return -1;
    }
    if (disks->ndisks == 0)
        return 0;

    byDomain = g_new0(nuvSnapshotDiskDef *, disks->ndisks);
    for (i = 0; i < def->disks->len; i++) {
        nuvSnapshotDiskDef *sd = g_ptr_array_index(def->disks, i);
        int idx = domainDiskByName(disks, sd->name);
        const nuvDomainDisk *dd;
        const char *path;
        int ddLoc;

        if (idx < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", sd->name);
            return -1;
        }
        dd = &disks->disks[idx];
        ddLoc = diskLocation(dd);
        if (byDomain[idx]) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "disk '%s' specified twice", sd->name);
            return -1;
        }
        byDomain[idx] = sd;
        if (sd->snapshot == NUV_SNAPSHOT_LOC_DEFAULT) {
            if (ddLoc != NUV_SNAPSHOT_LOC_DEFAULT &&
                (!requireMatch || ddLoc == NUV_SNAPSHOT_LOC_NO))
                sd->snapshot = ddLoc;
            else
                sd->snapshot = defaultLoc;
        } else if (requireMatch && sd->snapshot != defaultLoc &&
                   !(sd->snapshot == NUV_SNAPSHOT_LOC_NO && ddLoc == NUV_SNAPSHOT_LOC_NO)) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "disk '%s' must use snapshot mode '%s'",
                           sd->name, locationName(defaultLoc));
            return -1;
        }
        path = diskSource(sd->xml);
        if (path && sd->snapshot != NUV_SNAPSHOT_LOC_EXTERNAL) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "file '%s' for disk '%s' requires use of external snapshot mode",
                           path, sd->name);
            return -1;
        }
        if (dd->dst && strcmp(sd->name, dd->dst) != 0) {
            g_free(sd->name);
            sd->name = g_strdup(dd->dst);
        }
    }

    /* One entry per domain disk, in the domain's order. */
    aligned = g_ptr_array_new_with_free_func((GDestroyNotify)diskFree);
    for (i = 0; i < disks->ndisks; i++) {
        const nuvDomainDisk *dd = &disks->disks[i];

        if (byDomain[i]) {
            guint at;

            g_ptr_array_find(def->disks, byDomain[i], &at);
            g_ptr_array_add(aligned, g_ptr_array_steal_index(def->disks, at));
        } else {
            /* an empty drive has nothing to snapshot */
            int loc = nuvDomainDiskIsEmpty(dd) ? NUV_SNAPSHOT_LOC_NO : diskLocation(dd);

            if (loc == NUV_SNAPSHOT_LOC_DEFAULT)
                loc = defaultLoc;
            g_ptr_array_add(aligned, diskNew(dd->dst, loc));
        }
    }
    g_ptr_array_unref(def->disks);
    def->disks = g_steal_pointer(&aligned);

    return assignExternalNames(def, disks);
}

bool
nuvSnapshotDefIsExternal(const nuvSnapshotDef *def)
{
    guint i;

    if (def->memory == NUV_SNAPSHOT_LOC_EXTERNAL)
        return true;
    for (i = 0; i < def->disks->len; i++) {
        nuvSnapshotDiskDef *disk = g_ptr_array_index(def->disks, i);

        if (disk->snapshot == NUV_SNAPSHOT_LOC_EXTERNAL)
            return true;
    }
    return false;
}

/* ---- formatting ---- */

/* @disk's <disk> as libvirt writes it, added under @disks. */
static void
addDisk(nuvXNode *disks, const nuvSnapshotDiskDef *disk)
{
    nuvXNode *xml = nuvXNodeCopy(disk->xml);
    bool withSource = diskSource(xml) || diskHasFormat(xml);
    nuvXNode *driver;

    nuvXNodeSet(xml, "name", disk->name);
    nuvXNodeSet(xml, "snapshot", locationName(disk->snapshot));
    if (withSource) {
        nuvXNodeSet(xml, "type", nuvSnapshotDiskTypeWordToString(diskType(xml)));
        driver = nuvXNodeChild(xml, "driver");
        if (driver && !nuvXNodeGet(driver, "type") && !nuvXNodeChild(driver, "metadata_cache"))
            nuvXNodeRemoveChildren(xml, "driver");
        if (!diskSource(xml))
            nuvXNodeRemoveChildren(xml, "source");
    } else {
        nuvXNodeSet(xml, "type", NULL);
        nuvXNodeRemoveChildren(xml, "driver");
        nuvXNodeRemoveChildren(xml, "source");
    }
    nuvXNodeInsert(disks, xml);
}

static void
addText(nuvXNode *parent, const char *name, const char *text)
{
    if (text)
        nuvXNodeSetText(nuvXNodeAddChild(parent, name), text);
}

char *
nuvSnapshotDefFormat(const nuvSnapshotDef *def, const char *uuidstr, unsigned int flags)
{
    g_autoptr(nuvXNode) tree = nuvXNodeNew(nuvSnapshotSchema, 0);
    GString *buf = g_string_new(NULL);
    g_autofree char *created = NULL;
    bool secure = flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE;
    nuvXNode *n;
    guint i;

    addText(tree, "name", def->common.name);
    addText(tree, "description", def->common.description);
    if (def->state > 0)
        addText(tree, "state", stateNames[def->state]);
    if (def->common.parentName)
        addText(nuvXNodeAddChild(tree, "parent"), "name", def->common.parentName);
    if (def->common.creationTime) {
        created = g_strdup_printf("%lld", def->common.creationTime);
        addText(tree, "creationTime", created);
    }
    if (def->memory > 0) {
        n = nuvXNodeAddChild(tree, "memory");
        nuvXNodeSet(n, "snapshot", locationName(def->memory));
        nuvXNodeSet(n, "file", def->memoryFile);
    }
    n = def->disks->len ? nuvXNodeAddChild(tree, "disks") : NULL;
    for (i = 0; i < def->disks->len; i++)
        addDisk(n, g_ptr_array_index(def->disks, i));
    nuvXNodeFormat(tree, buf, 0, 0);

    /* the embedded domains go last, inside the closing tag (there is
     * always a <name>, so the element is never written empty) */
    g_string_truncate(buf, buf->len - strlen("</domainsnapshot>\n"));
    if (def->common.dom)
        nuvMomentFormatDomain(buf, def->common.dom, "domain", secure);
    else if (uuidstr)
        g_string_append_printf(buf, "  <domain>\n    <uuid>%s</uuid>\n  </domain>\n", uuidstr);
    if (def->common.inactiveDom)
        nuvMomentFormatDomain(buf, def->common.inactiveDom, "inactiveDomain", secure);
    g_string_append(buf, "</domainsnapshot>\n");
    return g_string_free(buf, FALSE);
}
