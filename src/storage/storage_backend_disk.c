/*
 * storage_backend_disk.c: disk pools.  The pool is a whole block device
 * with a partition table (<source><device> and <format>: dos, gpt, ...);
 * its volumes are the partitions, named as the kernel names their
 * devices (sdb1, loop0p1) and found under the pool's target directory
 * (/dev).  Tables are written and read with parted(8) in its machine
 * format, in bytes, so no unit is ever rounded.
 *
 * A new partition starts on a 1 MiB boundary in the first free extent it
 * fits in; as libvirt's, a volume's name must be the one the kernel will
 * give the new partition.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

#define ALIGN (1024ULL * 1024)

static const char *
sourceDevice(const nuvStoragePoolObj *obj)
{
    return nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(obj->def->tree, "source"), "device"),
                       "path");
}

/* parted's name for the pool's table format. */
static const char *
partedLabel(const nuvStoragePoolObj *obj)
{
    const char *f = nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(obj->def->tree, "source"),
                                              "format"), "type");
    if (!f || strcmp(f, "unknown") == 0 || strcmp(f, "dos") == 0)
        return "msdos";
    return f;
}

/* The name of partition @n of @device: a separating 'p' when the
 * device's own name ends in a digit, as the kernel does. */
static char *
partName(const char *device, unsigned int n)
{
    g_autofree char *base = g_path_get_basename(device);
    size_t len = strlen(base);
    return g_strdup_printf("%s%s%u", base, len && g_ascii_isdigit(base[len - 1]) ? "p" : "",
                           n);
}

typedef struct {
    unsigned int number;        /* 0: free space */
    unsigned long long start;
    unsigned long long end;     /* last byte */
} diskExtent;

typedef struct {
    unsigned long long size;
    char *label;                /* parted's table type */
    GArray *parts;              /* diskExtent, table order */
    GArray *free;
} diskTable;

static void
diskTableClear(diskTable *t)
{
    g_free(t->label);
    if (t->parts)
        g_array_unref(t->parts);
    if (t->free)
        g_array_unref(t->free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(diskTable, diskTableClear)

/* Read @device's table:
 *   BYT;
 *   /dev/loop0:67108864B:loopback:512:512:gpt:Loopback device:;
 *   1:1048576B:9437183B:8388608B::primary:;
 *   1:9437184B:67091967B:57654784B:free;   */
static int
readTable(const char *device, diskTable *t)
{
    const char *argv[] = { "parted", "-s", "-m", device, "unit", "B", "print", "free", NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;

    if (storageBackendRun(argv, &out) < 0) {
        virErrorPtr err = nuvErrorCurrent();
        if (err && err->message && strstr(err->message, "unrecognised disk label"))
            nuvReportError(VIR_ERR_STORAGE_PROBE_FAILED, "device '%s' has no partition table: "
                           "its pool must be built first", device);
        return -1;
    }
    t->parts = g_array_new(FALSE, TRUE, sizeof(diskExtent));
    t->free = g_array_new(FALSE, TRUE, sizeof(diskExtent));
    lines = g_strsplit(out, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ":", -1);
        diskExtent e = { 0 };

        if (g_strv_length(f) < 4)
            continue;
        if (i <= 1 || g_str_has_prefix(lines[i], "/")) {
            if (g_strv_length(f) >= 6) {
                t->size = g_ascii_strtoull(f[1], NULL, 10);
                t->label = g_strdup(f[5]);
            }
            continue;
        }
        e.number = strtoul(f[0], NULL, 10);
        e.start = g_ascii_strtoull(f[1], NULL, 10);
        e.end = g_ascii_strtoull(f[2], NULL, 10);
        if (g_strv_length(f) >= 5 && g_str_has_prefix(f[4], "free")) {
            e.number = 0;
            g_array_append_val(t->free, e);
        } else {
            g_array_append_val(t->parts, e);
        }
    }
    return 0;
}

static nuvStorageVolDef *
volOf(nuvStoragePoolObj *obj, const diskExtent *e)
{
    g_autofree char *name = partName(sourceDevice(obj), e->number);
    g_autofree char *path = g_build_filename(obj->def->targetPath, name, NULL);
    g_autofree char *epath = g_markup_escape_text(path, -1);
    g_autofree char *edev = g_markup_escape_text(sourceDevice(obj), -1);
    unsigned long long size = e->end - e->start + 1;
    g_autofree char *xml = NULL;
    nuvStorageVolDef *def;
    struct stat sb;
    g_autofree char *perms = NULL;

    if (stat(path, &sb) == 0)
        perms = g_strdup_printf("<permissions><mode>0%o</mode><owner>%u</owner>"
                                "<group>%u</group></permissions>",
                                (unsigned) (sb.st_mode & 0777), (unsigned) sb.st_uid,
                                (unsigned) sb.st_gid);
    xml = g_strdup_printf("<volume type='block'><name>%s</name>"
                          "<source><device path='%s'><extent start='%llu' end='%llu'/>"
                          "</device></source>"
                          "<capacity unit='bytes'>%llu</capacity>"
                          "<allocation unit='bytes'>%llu</allocation>"
                          "<target><path>%s</path><format type='none'/>%s</target></volume>",
                          name, edev, e->start, e->end + 1, size, size, epath,
                          perms ? perms : "");
    if (!(def = nuvStorageVolDefParseString(NUV_STORAGE_POOL_DISK, xml)))
        return NULL;
    def->key = g_strdup(path);
    def->path = g_steal_pointer(&path);
    return def;
}

/* The running pool's <device> lists its free extents, as libvirt's. */
static void
setFreeExtents(nuvStoragePoolObj *obj, const diskTable *t)
{
    nuvXNode *dev = nuvXNodeChild(nuvXNodeChild(obj->def->tree, "source"), "device");

    nuvXNodeRemoveChildren(dev, "freeExtent");
    for (guint i = 0; i < t->free->len; i++) {
        const diskExtent *e = &g_array_index(t->free, diskExtent, i);
        g_autofree char *start = g_strdup_printf("%llu", e->start);
        g_autofree char *end = g_strdup_printf("%llu", e->end + 1);
        nuvXNode *n;
        /* slivers parted reports before the first aligned byte are not
         * room for a partition */
        if (e->end + 1 - e->start < ALIGN)
            continue;
        n = nuvXNodeAddChild(dev, "freeExtent");
        nuvXNodeSet(n, "start", start);
        nuvXNodeSet(n, "end", end);
    }
}

static int
diskRefresh(nuvStoragePoolObj *obj)
{
    g_auto(diskTable) t = { 0 };
    unsigned long long used = 0;
    unsigned long long avail = 0;

    if (readTable(sourceDevice(obj), &t) < 0)
        return -1;
    if (!t.label || strcmp(t.label, "unknown") == 0) {
        nuvReportError(VIR_ERR_STORAGE_PROBE_FAILED, "device '%s' has no partition table: "
                       "its pool must be built first", sourceDevice(obj));
        return -1;
    }
    nuvStoragePoolObjClearVols(obj);
    for (guint i = 0; i < t.parts->len; i++) {
        const diskExtent *e = &g_array_index(t.parts, diskExtent, i);
        nuvStorageVolDef *def = volOf(obj, e);
        if (!def)
            return -1;
        used += e->end - e->start + 1;
        nuvStoragePoolObjAddVol(obj, def);
    }
    for (guint i = 0; i < t.free->len; i++) {
        const diskExtent *e = &g_array_index(t.free, diskExtent, i);
        if (e->end + 1 - e->start >= ALIGN)
            avail += e->end - e->start + 1;
    }
    setFreeExtents(obj, &t);
    /* the usable size: what the table leaves for partitions (gpt keeps
     * its backup copy at the end), as libvirt counts it */
    obj->def->capacity = 0;
    for (guint i = 0; i < t.parts->len; i++)
        obj->def->capacity = MAX(obj->def->capacity,
                                 g_array_index(t.parts, diskExtent, i).end + 1);
    for (guint i = 0; i < t.free->len; i++)
        obj->def->capacity = MAX(obj->def->capacity,
                                 g_array_index(t.free, diskExtent, i).end + 1);
    if (!obj->def->capacity)
        obj->def->capacity = t.size;
    obj->def->allocation = used;
    obj->def->available = avail;
    return 0;
}

static int
diskStart(nuvStoragePoolObj *obj)
{
    struct stat sb;
    const char *dev = sourceDevice(obj);

    if (stat(dev, &sb) < 0) {
        nuvReportSystemError(errno, "cannot find source device '%s'", dev);
        return -1;
    }
    if (!S_ISBLK(sb.st_mode)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "source device '%s' is not a block device",
                       dev);
        return -1;
    }
    return 0;
}

static int
diskBuild(nuvStoragePoolObj *obj, unsigned int flags)
{
    const char *dev = sourceDevice(obj);
    const char *argv[] = { "parted", "-s", dev, "mklabel", partedLabel(obj), NULL };
    g_autofree char *found = NULL;

    if (diskStart(obj) < 0)
        return -1;
    /* a device holding anything is only written over when asked to */
    if (!(flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
        (found = storageBackendProbeSignature(dev))) {
        nuvReportError(VIR_ERR_STORAGE_POOL_BUILT,
                       "Device '%s' already holds '%s' data: building pool '%s' there "
                       "needs the overwrite flag", dev, found, obj->def->name);
        return -1;
    }
    return storageBackendRun(argv, NULL);
}

/* Delete wipes the table (its first and last MiB, where dos and gpt
 * keep theirs). */
static int
diskRemove(nuvStoragePoolObj *obj, unsigned int flags G_GNUC_UNUSED)
{
    const char *dev = sourceDevice(obj);
    g_autofree char *zeros = g_malloc0(ALIGN);
    int fd = open(dev, O_WRONLY | O_CLOEXEC);
    off_t size;
    int ret = -1;

    if (fd < 0) {
        nuvReportSystemError(errno, "cannot open source device '%s'", dev);
        return -1;
    }
    if ((size = lseek(fd, 0, SEEK_END)) < 0 ||
        pwrite(fd, zeros, MIN((off_t) ALIGN, size), 0) < 0 ||
        (size > (off_t) ALIGN && pwrite(fd, zeros, ALIGN, size - ALIGN) < 0) || fsync(fd) < 0)
        nuvReportSystemError(errno, "cannot wipe the partition table of '%s'", dev);
    else
        ret = 0;
    close(fd);
    return ret;
}

static nuvStorageVolDef *
findPart(nuvStoragePoolObj *obj, const char *name)
{
    g_auto(diskTable) t = { 0 };

    if (readTable(sourceDevice(obj), &t) < 0)
        return NULL;
    for (guint i = 0; i < t.parts->len; i++) {
        const diskExtent *e = &g_array_index(t.parts, diskExtent, i);
        g_autofree char *n = partName(sourceDevice(obj), e->number);
        if (strcmp(n, name) == 0)
            return volOf(obj, e);
    }
    nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no partition '%s' on '%s'", name,
                   sourceDevice(obj));
    return NULL;
}

/* The number of partition @name of the pool, or 0 with an error. */
static unsigned int
partNumber(nuvStoragePoolObj *obj, const char *name)
{
    g_autofree char *base = partName(sourceDevice(obj), 0);
    size_t len = strlen(base) - 1;
    unsigned int n;

    if (strncmp(name, base, len) != 0 || !(n = strtoul(name + len, NULL, 10))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "'%s' is not a partition of '%s'", name,
                       sourceDevice(obj));
        return 0;
    }
    return n;
}

static nuvStorageVolDef *
diskCreateVol(nuvStoragePoolObj *obj, const nuvStorageVolDef *def, const char *src,
              const char *srcFormat, unsigned int flags G_GNUC_UNUSED)
{
    g_auto(diskTable) t = { 0 };
    const char *dev = sourceDevice(obj);
    unsigned int next = 1;
    unsigned long long start = 0;
    unsigned long long size = (def->capacity + ALIGN - 1) / ALIGN * ALIGN;
    g_autofree char *expected = NULL;
    g_autofree char *startText = NULL;
    g_autofree char *endText = NULL;
    g_autofree char *path = NULL;
    nuvStorageVolDef *out;
    bool found = false;

    if (readTable(dev, &t) < 0)
        return NULL;
    /* parted gives the lowest free number */
    for (bool again = true; again;) {
        again = false;
        for (guint i = 0; i < t.parts->len; i++) {
            if (g_array_index(t.parts, diskExtent, i).number == next) {
                next++;
                again = true;
            }
        }
    }
    expected = partName(dev, next);
    if (strcmp(def->name, expected) != 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid partition name '%s', expected '%s'",
                       def->name, expected);
        return NULL;
    }
    if (strcmp(t.label, "msdos") == 0 && next > 4) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "device '%s' has four primary partitions: no "
                       "room in its dos table for '%s'", dev, def->name);
        return NULL;
    }
    for (guint i = 0; i < t.free->len && !found; i++) {
        const diskExtent *e = &g_array_index(t.free, diskExtent, i);
        start = MAX((e->start + ALIGN - 1) / ALIGN * ALIGN, ALIGN);
        found = start + size - 1 <= e->end;
    }
    if (!found) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "no free extent of '%s' holds %llu bytes for '%s'", dev, size,
                       def->name);
        return NULL;
    }
    startText = g_strdup_printf("%lluB", start);
    endText = g_strdup_printf("%lluB", start + size - 1);
    {
        const char *argv[] = { "parted", "-s", dev, "unit", "B", "mkpart", "primary",
                               startText, endText, NULL };
        if (storageBackendRun(argv, NULL) < 0)
            return NULL;
    }
    path = g_build_filename(obj->def->targetPath, def->name, NULL);
    if (src && storageBackendCopyToBlock(src, srcFormat, path) < 0)
        goto error;
    if ((out = findPart(obj, def->name)))
        return out;
 error:
    {
        virErrorPtr err = nuvErrorPreserve();
        g_autofree char *num = g_strdup_printf("%u", next);
        const char *argv[] = { "parted", "-s", dev, "rm", num, NULL };
        storageBackendRun(argv, NULL);
        nuvErrorRestore(&err);
    }
    return NULL;
}

static int
diskDeleteVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    unsigned int n = partNumber(obj, vol->def->name);
    g_autofree char *num = g_strdup_printf("%u", n);
    const char *argv[] = { "parted", "-s", sourceDevice(obj), "rm", num, NULL };

    if (!n)
        return -1;
    return storageBackendRun(argv, NULL);
}

static int
diskResizeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol G_GNUC_UNUSED,
              unsigned long long capacity G_GNUC_UNUSED, unsigned int flags G_GNUC_UNUSED)
{
    return storageBackendNoSupport(obj->def->type, "resize their volumes");
}

static int
diskUpdateVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return storageBackendSetVolDef(obj, vol, findPart(obj, vol->def->name));
}

const storageBackend storageBackendDisk = {
    .type = NUV_STORAGE_POOL_DISK,
    .build = diskBuild,
    .start = diskStart,
    .refresh = diskRefresh,
    .remove = diskRemove,
    .createVol = diskCreateVol,
    .deleteVol = diskDeleteVol,
    .wipeVol = storageBackendWipeBlockVol,
    .resizeVol = diskResizeVol,
    .updateVol = diskUpdateVol,
    .openVol = storageBackendOpenBlockVol,
};
