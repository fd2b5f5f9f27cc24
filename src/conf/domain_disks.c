/*
 * domain_disks.c: one typed record per <disk> of a domain (domain_disks.h).
 *
 * The top of each record comes from the generated typed view of <disk>
 * (nuvDomainDiskView, domain.schema); only the backing chain, which the
 * view does not follow because it is recursive, is read here by hand.
 */
#include <string.h>

#include "conf/domain_disks.h"

/* The source path as libvirt names it, by the source's kind. */
static const char *
sourcePath(nuvDomainDiskType type, const char *file, const char *dev, const char *dir,
           const char *name, const char *socket)
{
    switch (type) {
    case NUV_DOMAIN_DISK_TYPE_FILE:
        return file;
    case NUV_DOMAIN_DISK_TYPE_BLOCK:
        return dev;
    case NUV_DOMAIN_DISK_TYPE_DIR:
        return dir;
    case NUV_DOMAIN_DISK_TYPE_NETWORK:
        return name;
    case NUV_DOMAIN_DISK_TYPE_VHOSTUSER:
        return socket;
    case NUV_DOMAIN_DISK_TYPE_VOLUME:
    case NUV_DOMAIN_DISK_TYPE_NVME:
    case NUV_DOMAIN_DISK_TYPE_LAST:
        break;
    }
    return NULL;
}

/* One <backingStore>: its kind, its <format> and its <source>.  The
 * element's type is read as a word here because the schema keeps it a
 * string (libvirt refuses a bad one with a message of its own). */
static void
readBacking(nuvDomainDiskSource *out, const nuvXNode *bs)
{
    const nuvXNode *src = nuvXNodeChild(bs, "source");
    int type = nuvDomainDiskTypeFromString(nuvXNodeGet(bs, "type"));

    out->type = type < 0 ? NUV_DOMAIN_DISK_TYPE_FILE : type;
    out->format = nuvXNodeGet(nuvXNodeChild(bs, "format"), "type");
    out->protocol = -1;
    if (!src)
        return;
    out->protocol = nuvDomainDiskProtocolFromString(nuvXNodeGet(src, "protocol"));
    out->name = nuvXNodeGet(src, "name");
    out->pool = nuvXNodeGet(src, "pool");
    out->volume = nuvXNodeGet(src, "volume");
    out->path = sourcePath(out->type, nuvXNodeGet(src, "file"), nuvXNodeGet(src, "dev"),
                           nuvXNodeGet(src, "dir"), out->name, nuvXNodeGet(src, "path"));
}

void
nuvDomainDiskRead(nuvDomainDisk *disk, const nuvXNode *node)
{
    nuvDomainDiskView v;
    GArray *chain = g_array_new(FALSE, TRUE, sizeof(nuvDomainDiskSource));
    const nuvXNode *bs;

    nuvDomainDiskViewFill(&v, node);
    memset(disk, 0, sizeof(*disk));
    /* the record is handed to code that changes the disk it describes */
    disk->node = (nuvXNode *)node;
    disk->dst = v.dst;
    disk->device = (int)v.device < 0 ? NUV_DOMAIN_DISK_DEVICE_DISK : v.device;
    disk->bus = v.bus;
    disk->src.type = (int)v.type < 0 ? NUV_DOMAIN_DISK_TYPE_FILE : v.type;
    disk->src.protocol = v.srcProtocol;
    disk->src.name = v.srcName;
    disk->src.pool = v.srcPool;
    disk->src.volume = v.srcVolume;
    disk->src.format = v.driverType;
    disk->src.path = sourcePath(disk->src.type, v.srcFile, v.srcDev, v.srcDir, v.srcName,
                                v.srcPath);
    disk->driverName = v.driverName;
    disk->cache = v.cache;
    disk->snapshot = v.snapshot;
    disk->readonly = v.readonly;
    disk->shareable = v.shareable;

    /* a <backingStore/> without a type ends the chain */
    for (bs = nuvXNodeChild(node, "backingStore"); bs && nuvXNodeGet(bs, "type");
         bs = nuvXNodeChild(bs, "backingStore")) {
        nuvDomainDiskSource s = { 0 };

        readBacking(&s, bs);
        g_array_append_val(chain, s);
    }
    disk->nbacking = chain->len;
    disk->backing = (nuvDomainDiskSource *)g_array_free(chain, chain->len == 0);
}

void
nuvDomainDiskClear(nuvDomainDisk *disk)
{
    if (!disk)
        return;
    g_free(disk->backing);
    memset(disk, 0, sizeof(*disk));
}

bool
nuvDomainDiskIsEmpty(const nuvDomainDisk *disk)
{
    switch (disk->src.type) {
    case NUV_DOMAIN_DISK_TYPE_FILE:
    case NUV_DOMAIN_DISK_TYPE_BLOCK:
    case NUV_DOMAIN_DISK_TYPE_DIR:
        return !disk->src.path;
    case NUV_DOMAIN_DISK_TYPE_NETWORK:
        return disk->src.protocol < 0;
    default:
        return false;
    }
}

nuvDomainDiskList *
nuvDomainDiskListNew(const nuvDomainDef *def)
{
    g_autoptr(GPtrArray) nodes = nuvDomainDefDevicesOf(def, "disk");
    nuvDomainDiskList *list = g_new0(nuvDomainDiskList, 1);

    list->disks = g_new0(nuvDomainDisk, nodes->len ? nodes->len : 1);
    for (guint i = 0; i < nodes->len; i++)
        nuvDomainDiskRead(&list->disks[list->ndisks++], g_ptr_array_index(nodes, i));
    return list;
}

void
nuvDomainDiskListFree(nuvDomainDiskList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->ndisks; i++)
        nuvDomainDiskClear(&list->disks[i]);
    g_free(list->disks);
    g_free(list);
}

const nuvDomainDisk *
nuvDomainDiskListByTarget(const nuvDomainDiskList *list, const char *dst)
{
    for (size_t i = 0; dst && i < list->ndisks; i++) {
        if (g_strcmp0(list->disks[i].dst, dst) == 0)
            return &list->disks[i];
    }
    return NULL;
}

const nuvDomainDisk *
nuvDomainDiskListByPath(const nuvDomainDiskList *list, const char *path, bool *ambiguous)
{
    const nuvDomainDisk *found = NULL;

    if (ambiguous)
        *ambiguous = false;
    for (size_t i = 0; path && i < list->ndisks; i++) {
        if (g_strcmp0(list->disks[i].src.path, path) != 0)
            continue;
        if (!ambiguous)
            return &list->disks[i];
        if (found) {
            *ambiguous = true;
            return NULL;
        }
        found = &list->disks[i];
    }
    return found;
}

int
nuvDomainDiskListIndexByName(const nuvDomainDiskList *list, const char *name)
{
    const nuvDomainDisk *d;
    bool ambiguous;

    if (!name)
        return -1;
    if (*name != '/')
        d = nuvDomainDiskListByTarget(list, name);
    else
        d = nuvDomainDiskListByPath(list, name, &ambiguous);
    return d ? (int)(d - list->disks) : -1;
}

const nuvDomainDisk *
nuvDomainDiskListByTargetOrPath(const nuvDomainDiskList *list, const char *name)
{
    const nuvDomainDisk *d = nuvDomainDiskListByTarget(list, name);

    return d ? d : nuvDomainDiskListByPath(list, name, NULL);
}
