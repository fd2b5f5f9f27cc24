/*
 * storage_backend_fs.c: filesystem pools: a block device (or an image
 * file) holding a filesystem, mounted by the driver on the pool's target
 * directory while the pool runs.  Once mounted the pool is a directory
 * pool: its volumes are the directory backend's.
 *
 * The mount is found again by looking at the mount table, so a driver
 * restarted while the pool ran neither mounts twice nor loses it; and a
 * target that something else is mounted on is refused rather than
 * stacked over.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/log.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

static const char *
sourceDevice(const nuvStoragePoolObj *obj)
{
    return nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(obj->def->tree, "source"), "device"),
                       "path");
}

static const char *
sourceFormat(const nuvStoragePoolObj *obj)
{
    const char *f = nuvXNodeGet(nuvXNodeChild(nuvXNodeChild(obj->def->tree, "source"),
                                              "format"), "type");
    return f ? f : "auto";
}

/* The mount table escapes blanks and backslashes as octal. */
static char *
unescapeMountField(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        if (s[0] == '\\' && g_ascii_isdigit(s[1]) && g_ascii_isdigit(s[2]) &&
            g_ascii_isdigit(s[3])) {
            g_string_append_c(out, (char) (((s[1] - '0') << 6) | ((s[2] - '0') << 3) |
                                           (s[3] - '0')));
            s += 3;
        } else {
            g_string_append_c(out, *s);
        }
    }
    return g_string_free(out, FALSE);
}

/* What is mounted on @target (its source as the mount table names it),
 * or NULL when nothing is. */
static char *
mountedOn(const char *target)
{
    g_autofree char *table = NULL;
    g_auto(GStrv) lines = NULL;
    char *found = NULL;

    if (!g_file_get_contents("/proc/self/mounts", &table, NULL, NULL))
        return NULL;
    lines = g_strsplit(table, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", 3);
        g_autofree char *where = NULL;

        if (g_strv_length(f) < 2)
            continue;
        where = unescapeMountField(f[1]);
        if (strcmp(where, target) == 0) {
            /* the last mount on a point is the one seen there */
            g_free(found);
            found = unescapeMountField(f[0]);
        }
    }
    return found;
}

/* Whether @mounted (from the mount table) is @device: the same path, or
 * the loop device a mount of an image file went through. */
static bool
sameDevice(const char *mounted, const char *device)
{
    struct stat a;
    struct stat b;
    g_autofree char *backing = NULL;
    g_autofree char *sysfile = NULL;

    if (strcmp(mounted, device) == 0)
        return true;
    if (stat(mounted, &a) == 0 && stat(device, &b) == 0) {
        if (S_ISBLK(a.st_mode) && S_ISBLK(b.st_mode))
            return a.st_rdev == b.st_rdev;
        if (S_ISBLK(a.st_mode) && S_ISREG(b.st_mode) && g_str_has_prefix(mounted, "/dev/")) {
            sysfile = g_strdup_printf("/sys/class/block/%s/loop/backing_file", mounted + 5);
            if (g_file_get_contents(sysfile, &backing, NULL, NULL)) {
                struct stat c;
                g_strstrip(backing);
                return stat(backing, &c) == 0 && c.st_dev == b.st_dev &&
                       c.st_ino == b.st_ino;
            }
        }
    }
    return false;
}

static int
fsStart(nuvStoragePoolObj *obj)
{
    const char *target = obj->def->targetPath;
    const char *device = sourceDevice(obj);
    const char *format = sourceFormat(obj);
    g_autofree char *mounted = NULL;

    if (storageBackendCheck(obj) < 0)
        return -1;
    if (access(device, F_OK) < 0) {
        nuvReportSystemError(errno, "cannot find source device '%s'", device);
        return -1;
    }
    if ((mounted = mountedOn(target))) {
        if (sameDevice(mounted, device))
            return 0;
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "Target '%s' is already mounted with source '%s', not the pool's "
                       "source '%s'", target, mounted, device);
        return -1;
    }
    if (strcmp(format, "auto") == 0) {
        const char *argv[] = { "mount", device, target, NULL };
        return storageBackendRun(argv, NULL);
    } else {
        const char *argv[] = { "mount", "-t", format, device, target, NULL };
        return storageBackendRun(argv, NULL);
    }
}

static void
fsStop(nuvStoragePoolObj *obj)
{
    const char *argv[] = { "umount", obj->def->targetPath, NULL };
    g_autofree char *mounted = mountedOn(obj->def->targetPath);

    if (mounted && storageBackendRun(argv, NULL) < 0)
        NUV_DEBUG("storage: pool '%s' stays mounted: %s", obj->def->name,
                  nuvErrorCurrent() ? nuvErrorCurrent()->message : "");
}

/* What blkid finds on @device: a filesystem type, a partition table
 * type, or NULL for nothing. */
char *
storageBackendProbeSignature(const char *device)
{
    const char *argv[] = { "blkid", "-p", "-o", "export", device, NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    char *type = NULL;

    /* blkid exits 2 when it finds nothing: no error then */
    if (nuvCommandRunStatus(argv, &out) != 0)
        return NULL;
    lines = g_strsplit(out, "\n", -1);
    for (size_t i = 0; lines[i] && !type; i++) {
        if (g_str_has_prefix(lines[i], "TYPE="))
            type = g_strdup(lines[i] + 5);
        else if (g_str_has_prefix(lines[i], "PTTYPE="))
            type = g_strdup(lines[i] + 7);
    }
    return type;
}

/* Make the filesystem of the pool's format on its device. */
static int
fsMakeFilesystem(nuvStoragePoolObj *obj, unsigned int flags)
{
    const char *device = sourceDevice(obj);
    const char *format = sourceFormat(obj);
    g_autofree char *mkfs = NULL;
    g_autofree char *found = NULL;

    if (strcmp(format, "auto") == 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "pool '%s' has no source format to build a filesystem of",
                       obj->def->name);
        return -1;
    }
    if ((flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE) &&
        (found = storageBackendProbeSignature(device))) {
        nuvReportError(VIR_ERR_STORAGE_POOL_BUILT,
                       "Device '%s' already holds '%s' data: building pool '%s' there "
                       "needs the overwrite flag", device, found, obj->def->name);
        return -1;
    }
    mkfs = g_strdup_printf("mkfs.%s", format);
    if (g_str_has_prefix(format, "ext")) {
        const char *argv[] = { mkfs, "-q", "-F", device, NULL };
        return storageBackendRun(argv, NULL);
    } else if (strcmp(format, "xfs") == 0) {
        const char *argv[] = { mkfs, "-q", "-f", device, NULL };
        return storageBackendRun(argv, NULL);
    } else {
        const char *argv[] = { mkfs, device, NULL };
        return storageBackendRun(argv, NULL);
    }
}

/* Build makes the target directory; with either overwrite flag, as
 * libvirt's, it also makes the filesystem on the device. */
static int
fsBuild(nuvStoragePoolObj *obj, unsigned int flags)
{
    g_autofree char *mounted = mountedOn(obj->def->targetPath);

    if (mounted) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "Target '%s' is mounted: pool '%s' "
                       "cannot be built while it is", obj->def->targetPath, obj->def->name);
        return -1;
    }
    if (storageBackendBuild(obj, flags) < 0)
        return -1;
    if (flags & (VIR_STORAGE_POOL_BUILD_OVERWRITE | VIR_STORAGE_POOL_BUILD_NO_OVERWRITE))
        return fsMakeFilesystem(obj, flags);
    return 0;
}

const storageBackend storageBackendFs = {
    .type = NUV_STORAGE_POOL_FS,
    .build = fsBuild,
    .start = fsStart,
    .stop = fsStop,
    .refresh = storageBackendRefresh,
    .remove = storageBackendDelete,
    .createVol = storageBackendCreateVol,
    .deleteVol = storageBackendDeleteVol,
    .wipeVol = storageBackendWipeVol,
    .resizeVol = storageBackendResizeVol,
    .updateVol = storageBackendUpdateVol,
    .openVol = storageBackendOpenVol,
};
