/*
 * storage_def.c: parse, check and format storage pool and volume XML.
 */
#include <errno.h>
#include <string.h>

#include "conf/storage_def.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/uuid.h"
#include "util/xml.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

extern const nuvXSElem nuvStoragePoolSchema[];
extern const nuvXSElem nuvStorageVolSchema[];


/* What each pool type needs in its <source>, and whether it has a local
 * target directory. */
enum {
    NEED_HOST = 1 << 0,
    NEED_DEVICE = 1 << 1,
    NEED_DIR = 1 << 2,
    NEED_ADAPTER = 1 << 3,
    NEED_NAME = 1 << 4,
    NEED_TARGET = 1 << 5,
    NEED_INITIATOR = 1 << 6,
};

static const unsigned int poolTypeNeeds[NUV_STORAGE_POOL_LAST] = {
    [NUV_STORAGE_POOL_DIR] = NEED_TARGET,
    [NUV_STORAGE_POOL_FS] = NEED_DEVICE | NEED_TARGET,
    [NUV_STORAGE_POOL_NETFS] = NEED_HOST | NEED_DIR | NEED_TARGET,
    [NUV_STORAGE_POOL_LOGICAL] = NEED_TARGET,
    [NUV_STORAGE_POOL_DISK] = NEED_DEVICE | NEED_TARGET,
    [NUV_STORAGE_POOL_ISCSI] = NEED_HOST | NEED_DEVICE | NEED_TARGET,
    [NUV_STORAGE_POOL_ISCSI_DIRECT] = NEED_HOST | NEED_DEVICE | NEED_INITIATOR,
    [NUV_STORAGE_POOL_SCSI] = NEED_ADAPTER | NEED_TARGET,
    [NUV_STORAGE_POOL_MPATH] = NEED_TARGET,
    [NUV_STORAGE_POOL_RBD] = NEED_HOST | NEED_NAME,
    [NUV_STORAGE_POOL_SHEEPDOG] = NEED_HOST | NEED_NAME,
    [NUV_STORAGE_POOL_GLUSTER] = NEED_HOST | NEED_NAME,
    [NUV_STORAGE_POOL_ZFS] = NEED_NAME,
    [NUV_STORAGE_POOL_VSTORAGE] = NEED_NAME | NEED_TARGET,
};

/* Source formats each pool type accepts, first one the default (NULL: the
 * pool has no <format>). */
static const char *const fsFormats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2",
    "vfat", "hfs+", "xfs", "ocfs2", "vmfs", NULL,
};
static const char *const netfsFormats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const diskFormats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL,
};
static const char *const logicalFormats[] = { "auto", "lvm2", NULL };

/* Volume target formats of file-based pools (libvirt's virStorageFileFormat,
 * without "none", which it refuses). */
static const char *const fileFormats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", NULL,
};

static int
indexOf(const char *const *list, const char *str)
{
    for (int i = 0; str && list[i]; i++) {
        if (strcmp(list[i], str) == 0)
            return i;
    }
    return -1;
}

unsigned int
nuvStoragePoolTypeListFlag(int type)
{
    static const unsigned int flags[NUV_STORAGE_POOL_LAST] = {
        [NUV_STORAGE_POOL_DIR] = VIR_CONNECT_LIST_STORAGE_POOLS_DIR,
        [NUV_STORAGE_POOL_FS] = VIR_CONNECT_LIST_STORAGE_POOLS_FS,
        [NUV_STORAGE_POOL_NETFS] = VIR_CONNECT_LIST_STORAGE_POOLS_NETFS,
        [NUV_STORAGE_POOL_LOGICAL] = VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL,
        [NUV_STORAGE_POOL_DISK] = VIR_CONNECT_LIST_STORAGE_POOLS_DISK,
        [NUV_STORAGE_POOL_ISCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI,
        [NUV_STORAGE_POOL_ISCSI_DIRECT] = VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT,
        [NUV_STORAGE_POOL_SCSI] = VIR_CONNECT_LIST_STORAGE_POOLS_SCSI,
        [NUV_STORAGE_POOL_MPATH] = VIR_CONNECT_LIST_STORAGE_POOLS_MPATH,
        [NUV_STORAGE_POOL_RBD] = VIR_CONNECT_LIST_STORAGE_POOLS_RBD,
        [NUV_STORAGE_POOL_SHEEPDOG] = VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG,
        [NUV_STORAGE_POOL_GLUSTER] = VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER,
        [NUV_STORAGE_POOL_ZFS] = VIR_CONNECT_LIST_STORAGE_POOLS_ZFS,
        [NUV_STORAGE_POOL_VSTORAGE] = VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE,
    };
    if (type < 0 || type >= NUV_STORAGE_POOL_LAST)
        return 0;
    return flags[type];
}

static char *
strippedText(const nuvXNode *n)
{
    if (!n || !n->text)
        return NULL;
    return g_strstrip(g_strdup(n->text));
}

/* A size element: a number in @unit (bytes when absent).  Missing: 0 and
 * *present false. */
static int
parseSizeIn(const nuvXNode *n, const char *what, const char *dflt, unsigned long long *out)
{
    g_autofree char *text = strippedText(n);
    const char *unit = nuvXNodeGet(n, "unit") ? nuvXNodeGet(n, "unit") : dflt;
    unsigned long long mult = unit ? nuvUnitBytes(unit) : 1;
    unsigned long long v;

    if (mult == 0) {
        /* libvirt's scaling helper is in its util layer: no error domain */
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
        return -1;
    }
    if (nuvParseULL(text, &v) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "malformed %s element", what);
        return -1;
    }
    if (mult > 1 && v > G_MAXUINT64 / mult) {
        nuvReportError(VIR_ERR_OVERFLOW, "value too large: %s%s", text, unit);
        return -1;
    }
    *out = v * mult;
    return 0;
}

static int
parseSize(const nuvXNode *n, const char *what, unsigned long long *out)
{
    return parseSizeIn(n, what, NULL, out);
}

static void
setSizeIn(nuvXNode *t, const char *tag, const char *unit, unsigned long long bytes)
{
    nuvXNode *n = nuvXNodeEnsureChild(t, tag);
    g_autofree char *v = g_strdup_printf("%llu", bytes);

    nuvXNodeSet(n, "unit", unit);
    nuvXNodeSetText(n, v);
}

static void
setSize(nuvXNode *t, const char *tag, unsigned long long bytes)
{
    setSizeIn(t, tag, "bytes", bytes);
}

static void
setText(nuvXNode *t, const char *tag, const char *text)
{
    if (!text) {
        nuvXNodeRemoveChildren(t, tag);
        return;
    }
    nuvXNodeSetText(nuvXNodeEnsureChild(t, tag), text);
}

/* <permissions>: mode is octal and written back with a leading 0; owner
 * and group are decimal ids, -1 meaning "unset" and left out. */
static int
normalisePerms(nuvXNode *perms)
{
    nuvXNode *n;

    if (!perms)
        return 0;
    if ((n = nuvXNodeChild(perms, "mode"))) {
        /* the schema has checked a present mode (octal, at most 0777) */
        g_autofree char *text = strippedText(n);
        g_autofree char *out = NULL;

        if (!text || !*text) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "malformed octal mode");
            return -1;
        }
        out = g_strdup_printf("0%lo", strtoul(text, NULL, 8));
        nuvXNodeSetText(n, out);
    }
    for (int i = 0; i < 2; i++) {
        const char *tag = i == 0 ? "owner" : "group";
        g_autofree char *text = NULL;
        g_autofree char *out = NULL;
        long long v;
        char *end = NULL;

        if (!(n = nuvXNodeChild(perms, tag)))
            continue;
        text = strippedText(n);
        errno = 0;
        v = text && *text ? g_ascii_strtoll(text, &end, 10) : 0;
        if (!text || !*text || errno || *end || v < -1 || v > G_MAXUINT32) {
            nuvReportError(VIR_ERR_XML_ERROR, "malformed %s element", tag);
            return -1;
        }
        if (v == -1 || v == G_MAXUINT32) {
            nuvXNodeRemoveChildren(perms, tag);
            continue;
        }
        out = g_strdup_printf("%lld", v);
        nuvXNodeSetText(n, out);
    }
    return 0;
}

static xmlDocPtr
parseDoc(const char *xml, const char *url, const char *root)
{
    return nuvXMLParseString(xml, url, root);
}

/* ---- pools ---- */

void
nuvStoragePoolDefFree(nuvStoragePoolDef *def)
{
    if (!def)
        return;
    nuvXNodeFree(def->tree);
    g_free(def->name);
    g_free(def->targetPath);
    g_free(def);
}

nuvStoragePoolDef *
nuvStoragePoolDefCopy(const nuvStoragePoolDef *def)
{
    nuvStoragePoolDef *copy = g_new0(nuvStoragePoolDef, 1);

    *copy = *def;
    copy->tree = nuvXNodeCopy(def->tree);
    copy->name = g_strdup(def->name);
    copy->targetPath = g_strdup(def->targetPath);
    return copy;
}

static int
checkOneOf(nuvXNode *format, const char *const *list, const char *what)
{
    const char *type = nuvXNodeGet(format, "type");

    if (!format)
        return 0;
    if (!type) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source format type");
        return -1;
    }
    if (indexOf(list, type) < 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown %s format type %s", what, type);
        return -1;
    }
    return 0;
}

static int
poolCheckSource(nuvStoragePoolDef *def)
{
    nuvXNode *src = nuvXNodeEnsureChild(def->tree, "source");
    unsigned int needs = poolTypeNeeds[def->type];
    nuvXNode *n;
    const char *const *formats = NULL;

    for (size_t i = 0; i < nuvXNodeCountChildren(src, "host"); i++) {
        n = nuvXNodeNthChild(src, "host", i);
        if (!nuvXNodeGet(n, "name")) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool host name");
            return -1;
        }
    }
    for (size_t i = 0; i < nuvXNodeCountChildren(src, "device"); i++) {
        n = nuvXNodeNthChild(src, "device", i);
        if (!nuvXNodeGet(n, "path")) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
            return -1;
        }
        /* Free extents are what a running disk pool reports, never config. */
        nuvXNodeRemoveChildren(n, "freeExtent");
    }

    if ((needs & NEED_HOST) && !nuvXNodeChild(src, "host")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source host name");
        return -1;
    }
    if ((needs & NEED_DEVICE) && !nuvXNodeChild(src, "device")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source device name");
        return -1;
    }
    if ((needs & NEED_DIR) && !nuvXNodeGet(nuvXNodeChild(src, "dir"), "path")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source path");
        return -1;
    }
    if ((needs & NEED_ADAPTER) && !nuvXNodeChild(src, "adapter")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source adapter");
        return -1;
    }
    if ((needs & NEED_INITIATOR) &&
        !nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(src, "initiator"), "iqn"), "name")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing initiator IQN");
        return -1;
    }
    if (def->type == NUV_STORAGE_POOL_LOGICAL && !nuvXNodeChild(src, "name"))
        setText(src, "name", def->name);
    if ((needs & NEED_NAME) && !nuvXNodeChild(src, "name")) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool source name");
        return -1;
    }
    /* A gluster pool without a directory serves the volume's root. */
    if (def->type == NUV_STORAGE_POOL_GLUSTER && !nuvXNodeChild(src, "dir"))
        nuvXNodeSet(nuvXNodeEnsureChild(src, "dir"), "path", "/");
    if ((n = nuvXNodeChild(src, "adapter"))) {
        const char *type = nuvXNodeGet(n, "type");
        if (!type && nuvXNodeGet(n, "name")) {
            nuvXNodeSet(n, "type", "scsi_host");
        } else if (!type) {
            nuvReportError(VIR_ERR_XML_ERROR, "Unknown pool adapter type '%s'",
                           type ? type : "");
            return -1;
        }
    }

    switch (def->type) {
    case NUV_STORAGE_POOL_FS: formats = fsFormats; break;
    case NUV_STORAGE_POOL_NETFS: formats = netfsFormats; break;
    case NUV_STORAGE_POOL_DISK: formats = diskFormats; break;
    case NUV_STORAGE_POOL_LOGICAL: formats = logicalFormats; break;
    default: break;
    }
    if (formats) {
        /* Pools with source formats always write one; logical pools
         * default to lvm2, the others to their "unset" first name. */
        const char *dflt = def->type == NUV_STORAGE_POOL_LOGICAL ? "lvm2" : formats[0];
        if (checkOneOf(nuvXNodeChild(src, "format"), formats, "pool") < 0)
            return -1;
        if (!nuvXNodeChild(src, "format"))
            nuvXNodeSet(nuvXNodeEnsureChild(src, "format"), "type", dflt);
    } else {
        /* Pools without source formats ignore the element. */
        nuvXNodeRemoveChildren(src, "format");
    }
    if ((n = nuvXNodeChild(src, "auth"))) {
        const char *type = nuvXNodeGet(n, "type");
        if (nuvStoragePoolAuthTypeFromString(type) < 0) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown auth type '%s'", type ? type : "");
            return -1;
        }
        if (!nuvXNodeGet(n, "username")) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing username for auth");
            return -1;
        }
    }
    return 0;
}

static int
poolLift(nuvStoragePoolDef *def)
{
    nuvXNode *t = def->tree;
    const char *type = nuvXNodeGet(t, "type");
    g_autofree char *uuid = NULL;
    nuvXNode *target;
    nuvXNode *n;

    if (!type) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "storage pool missing type attribute");
        return -1;
    }
    /* the schema checked the word */
    def->type = nuvStoragePoolTypeFromString(type);
    def->name = strippedText(nuvXNodeChild(t, "name"));
    if (!def->name || !*def->name) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return -1;
    }
    if (strchr(def->name, '/')) {
        nuvReportError(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    setText(t, "name", def->name);

    uuid = strippedText(nuvXNodeChild(t, "uuid"));
    if (!uuid) {
        nuvUUIDGenerate(def->uuid);
    } else if (nuvUUIDParse(uuid, def->uuid) < 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "malformed uuid element");
        return -1;
    }

    if (((n = nuvXNodeChild(t, "capacity")) && parseSize(n, "capacity", &def->capacity) < 0) ||
        ((n = nuvXNodeChild(t, "allocation")) &&
         parseSize(n, "allocation", &def->allocation) < 0) ||
        ((n = nuvXNodeChild(t, "available")) && parseSize(n, "available", &def->available) < 0))
        return -1;

    if ((n = nuvXNodeChild(nuvXNodeChild(t, "features"), "cow"))) {
        /* the schema checked a value that is there */
        if (!nuvXNodeGet(n, "state")) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "Invalid value for pool COW feature");
            return -1;
        }
    }

    if (poolCheckSource(def) < 0)
        return -1;

    target = nuvXNodeChild(t, "target");
    def->targetPath = strippedText(nuvXNodeChild(target, "path"));
    if (!def->targetPath && def->type == NUV_STORAGE_POOL_LOGICAL) {
        g_autofree char *srcname = strippedText(nuvXNodeChild(nuvXNodeChild(t, "source"),
                                                              "name"));
        def->targetPath = g_strdup_printf("/dev/%s", srcname);
    }
    if (!def->targetPath && def->type == NUV_STORAGE_POOL_ZFS) {
        g_autofree char *srcname = strippedText(nuvXNodeChild(nuvXNodeChild(t, "source"),
                                                              "name"));
        def->targetPath = g_strdup_printf("/dev/zvol/%s", srcname);
    }
    if (!def->targetPath && (poolTypeNeeds[def->type] & NEED_TARGET)) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing storage pool target path");
        return -1;
    }
    if (def->targetPath) {
        g_autofree char *clean = g_canonicalize_filename(def->targetPath, "/");
        if (def->targetPath[0] == '/') {
            g_free(def->targetPath);
            def->targetPath = g_steal_pointer(&clean);
        }
        setText(nuvXNodeEnsureChild(t, "target"), "path", def->targetPath);
    }
    if (target && normalisePerms(nuvXNodeChild(target, "permissions")) < 0)
        return -1;
    return 0;
}

nuvStoragePoolDef *
nuvStoragePoolDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvStoragePoolDef) def = NULL;

    if (!(doc = parseDoc(xml, "(storage_pool_definition)", "pool")))
        return NULL;
    def = g_new0(nuvStoragePoolDef, 1);
    if (!(def->tree = nuvXNodeParse(nuvStoragePoolSchema, 0, xmlDocGetRootElement(doc))))
        return NULL;
    if (poolLift(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

char *
nuvStoragePoolDefFormat(const nuvStoragePoolDef *def)
{
    g_autoptr(nuvXNode) t = nuvXNodeCopy(def->tree);
    GString *buf = g_string_new(NULL);
    char uuid[VIR_UUID_STRING_BUFLEN];

    nuvXNodeSet(t, "type", nuvStoragePoolTypeToString(def->type));
    setText(t, "name", def->name);
    setText(t, "uuid", nuvUUIDFormat(def->uuid, uuid));
    setSize(t, "capacity", def->capacity);
    setSize(t, "allocation", def->allocation);
    setSize(t, "available", def->available);
    nuvXNodeEnsureChild(t, "source");
    nuvXNodeFormat(t, buf, 0, 0);
    return g_string_free(buf, FALSE);
}

/* ---- volumes ---- */

void
nuvStorageVolDefFree(nuvStorageVolDef *def)
{
    if (!def)
        return;
    nuvXNodeFree(def->tree);
    g_free(def->name);
    g_free(def->key);
    g_free(def->path);
    g_free(def);
}

nuvStorageVolDef *
nuvStorageVolDefCopy(const nuvStorageVolDef *def)
{
    nuvStorageVolDef *copy = g_new0(nuvStorageVolDef, 1);

    *copy = *def;
    copy->tree = nuvXNodeCopy(def->tree);
    copy->name = g_strdup(def->name);
    copy->key = g_strdup(def->key);
    copy->path = g_strdup(def->path);
    return copy;
}

/* Partition types, the formats of a disk pool's volumes. */
static const char *const partitionFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid", "extended",
    NULL,
};

/* The formats a pool's volumes may have and the default, as libvirt's
 * storage drivers define them; NULL when its volumes have no format
 * (logical, iSCSI, SCSI, multipath, ZFS pools), which drops any given. */
static const char *const *
volFormatsOf(int poolType, const char **dflt)
{
    switch (poolType) {
    case NUV_STORAGE_POOL_DISK:
        *dflt = "none";
        return partitionFormats;
    case NUV_STORAGE_POOL_DIR:
    case NUV_STORAGE_POOL_FS:
    case NUV_STORAGE_POOL_NETFS:
    case NUV_STORAGE_POOL_GLUSTER:
    case NUV_STORAGE_POOL_VSTORAGE:
    case NUV_STORAGE_POOL_RBD:
    case NUV_STORAGE_POOL_SHEEPDOG:
        *dflt = "raw";
        return fileFormats;
    default:
        return NULL;
    }
}

/* Check (and default) the <format> of a target or backing store. */
static int
volCheckFormat(int poolType, nuvXNode *parent)
{
    const char *dflt = NULL;
    const char *const *formats = volFormatsOf(poolType, &dflt);
    nuvXNode *fmt;
    const char *type;

    if (!parent)
        return 0;
    if (!formats) {
        nuvXNodeRemoveChildren(parent, "format");
        return 0;
    }
    fmt = nuvXNodeChild(parent, "format");
    type = nuvXNodeGet(fmt, "type");
    if (fmt && !type) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing volume format type");
        return -1;
    }
    if (type && indexOf(formats, type) < 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s", type);
        return -1;
    }
    if (!fmt)
        nuvXNodeSet(nuvXNodeEnsureChild(parent, "format"), "type", dflt);
    return 0;
}

nuvStorageVolDef *
nuvStorageVolDefParseString(int poolType, const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(nuvStorageVolDef) def = NULL;
    nuvXNode *t;
    nuvXNode *n;
    const char *type;

    if (!(doc = parseDoc(xml, "(storage_volume_definition)", "volume")))
        return NULL;
    def = g_new0(nuvStorageVolDef, 1);
    if (!(def->tree = nuvXNodeParse(nuvStorageVolSchema, 0, xmlDocGetRootElement(doc))))
        return NULL;
    t = def->tree;

    def->name = strippedText(nuvXNodeChild(t, "name"));
    if (!def->name || !*def->name) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing volume name element");
        return NULL;
    }
    if (strchr(def->name, '/')) {
        nuvReportError(VIR_ERR_XML_ERROR, "volume name '%s' cannot contain '/'", def->name);
        return NULL;
    }
    type = nuvXNodeGet(t, "type");
    if (!type) {
        def->type = VIR_STORAGE_VOL_FILE;
    } else {
        /* the schema checked the word; its order is virStorageVolType's */
        def->type = nuvStorageVolTypeFromString(type);
    }

    if (!(n = nuvXNodeChild(t, "capacity"))) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing capacity element");
        return NULL;
    }
    if (parseSize(n, "capacity", &def->capacity) < 0)
        return NULL;
    if ((n = nuvXNodeChild(t, "allocation"))) {
        /* libvirt 9.0 names the capacity element for a bad allocation too */
        if (parseSize(n, "capacity", &def->allocation) < 0)
            return NULL;
    } else {
        def->allocation = def->capacity;
    }

    if ((n = nuvXNodeChild(t, "target"))) {
        nuvXNode *enc = nuvXNodeChild(n, "encryption");
        if (enc) {
            /* the schema checked a format that is there */
            if (!nuvXNodeGet(enc, "format")) {
                nuvReportError(VIR_ERR_XML_ERROR, "%s",
                               "unknown volume encryption format type (null)");
                return NULL;
            }
        }
        if (normalisePerms(nuvXNodeChild(n, "permissions")) < 0)
            return NULL;
        /* Features imply qcow2's newer on-disk version unless one is named. */
        if (nuvXNodeChild(n, "features") && !nuvXNodeChild(n, "compat"))
            setText(n, "compat", "1.1");
        if ((enc = nuvXNodeChild(n, "clusterSize"))) {
            unsigned long long bytes;
            if (parseSizeIn(enc, "clusterSize", "B", &bytes) < 0)
                return NULL;
            setSizeIn(n, "clusterSize", "B", bytes);
        }
        /* Read back from the file by real drivers; never part of the input. */
        nuvXNodeRemoveChildren(n, "timestamps");
        nuvXNodeRemoveChildren(n, "nocow");
    }
    if (volCheckFormat(poolType, nuvXNodeEnsureChild(t, "target")) < 0)
        return NULL;
    if ((n = nuvXNodeChild(t, "backingStore"))) {
        if (!nuvXNodeChild(n, "path")) {
            nuvReportError(VIR_ERR_XML_ERROR, "%s", "missing volume backing store path");
            return NULL;
        }
        if (volCheckFormat(poolType, n) < 0 ||
            normalisePerms(nuvXNodeChild(n, "permissions")) < 0)
            return NULL;
        nuvXNodeRemoveChildren(n, "timestamps");
    }
    nuvXNodeRemoveChildren(t, "source");
    nuvXNodeRemoveChildren(t, "physical");
    return g_steal_pointer(&def);
}

const char *
nuvStorageVolDefFormatType(const nuvStorageVolDef *def)
{
    return nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(def->tree, "target"), "format"), "type");
}

char *
nuvStorageVolDefFormat(const nuvStorageVolDef *def)
{
    g_autoptr(nuvXNode) t = nuvXNodeCopy(def->tree);
    GString *buf = g_string_new(NULL);
    nuvXNode *target;

    nuvXNodeSet(t, "type", nuvStorageVolTypeToString(def->type));
    setText(t, "name", def->name);
    setText(t, "key", def->key);
    setSize(t, "capacity", def->capacity);
    setSize(t, "allocation", def->allocation);
    target = nuvXNodeEnsureChild(t, "target");
    setText(target, "path", def->path);
    nuvXNodeFormat(t, buf, 0, 0);
    return g_string_free(buf, FALSE);
}
