/*
 * storage_backend_logical.c: LVM pools.  The pool is a volume group
 * (<source><name>), made of the physical volumes of its <device>s by
 * Build; its volumes are the group's logical volumes, reached as
 * /dev/VG/LV.  Everything goes through LVM's own tools (pvcreate,
 * vgcreate, lvcreate, lvs, ...), whose answers are read with fixed
 * fields and a separator no LVM name can hold, so a name never shifts a
 * column.
 *
 * Logical volumes need the kernel's device-mapper; on a host without it
 * LVM refuses them and its own message is the error the user gets.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* LVM names are made of [a-zA-Z0-9+_.-]: '#' never appears in one. */
#define SEP "#"

static const char *
vgName(const nuvStoragePoolObj *obj)
{
    return nuvXNodeChildText(nuvXNodeChild(obj->def->tree, "source"), "name");
}

/* ---- the group ---- */

static int
logicalBuild(nuvStoragePoolObj *obj, unsigned int flags)
{
    const nuvXNode *src = nuvXNodeChild(obj->def->tree, "source");
    size_t ndev = nuvXNodeCountChildren(src, "device");
    g_autoptr(GPtrArray) vgArgv = g_ptr_array_new();
    size_t made = 0;
    int ret = -1;

    if (ndev == 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "pool '%s' names no source device to build its volume group on",
                       obj->def->name);
        return -1;
    }
    /* each device is checked before any is touched */
    for (size_t i = 0; i < ndev; i++) {
        const char *dev = nuvXNodeGet(nuvXNodeNthChild(src, "device", i), "path");
        g_autofree char *found = NULL;
        if (!(flags & VIR_STORAGE_POOL_BUILD_OVERWRITE) &&
            (found = storageBackendProbeSignature(dev))) {
            nuvReportError(VIR_ERR_STORAGE_POOL_BUILT,
                           "Device '%s' already holds '%s' data: building pool '%s' there "
                           "needs the overwrite flag", dev, found, obj->def->name);
            return -1;
        }
    }
    g_ptr_array_add(vgArgv, (char *) "vgcreate");
    g_ptr_array_add(vgArgv, (char *) vgName(obj));
    for (; made < ndev; made++) {
        const char *dev = nuvXNodeGet(nuvXNodeNthChild(src, "device", made), "path");
        const char *argv[] = { "pvcreate", "-ff", "-y", dev, NULL };
        if (storageBackendRun(argv, NULL) < 0)
            goto cleanup;
        g_ptr_array_add(vgArgv, (char *) dev);
    }
    g_ptr_array_add(vgArgv, NULL);
    ret = storageBackendRun((const char *const *) vgArgv->pdata, NULL);
 cleanup:
    if (ret < 0) {
        /* nothing half-made: the labels written so far go again */
        virErrorPtr err = nuvErrorPreserve();
        for (size_t i = 0; i < made; i++) {
            const char *argv[] = { "pvremove", "-ff", "-y",
                                   nuvXNodeGet(nuvXNodeNthChild(src, "device", i), "path"),
                                   NULL };
            storageBackendRun(argv, NULL);
        }
        nuvErrorRestore(&err);
    }
    return ret;
}

static int
logicalStart(nuvStoragePoolObj *obj)
{
    const char *vgs[] = { "vgs", "--noheadings", "-o", "vg_name", vgName(obj), NULL };
    const char *argv[] = { "vgchange", "-aly", vgName(obj), NULL };

    if (storageBackendRun(vgs, NULL) < 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "volume group '%s' of pool '%s' is not on this host (not built?)",
                       vgName(obj), obj->def->name);
        return -1;
    }
    return storageBackendRun(argv, NULL);
}

static void
logicalStop(nuvStoragePoolObj *obj)
{
    const char *argv[] = { "vgchange", "-aln", vgName(obj), NULL };

    if (storageBackendRun(argv, NULL) < 0)
        NUV_DEBUG("storage: volume group of pool '%s' stays active", obj->def->name);
}

static int
logicalRemove(nuvStoragePoolObj *obj, unsigned int flags G_GNUC_UNUSED)
{
    const nuvXNode *src = nuvXNodeChild(obj->def->tree, "source");
    const char *argv[] = { "vgremove", "-f", vgName(obj), NULL };

    if (storageBackendRun(argv, NULL) < 0)
        return -1;
    for (size_t i = 0; i < nuvXNodeCountChildren(src, "device"); i++) {
        const char *pv[] = { "pvremove", "-y",
                             nuvXNodeGet(nuvXNodeNthChild(src, "device", i), "path"), NULL };
        if (storageBackendRun(pv, NULL) < 0)
            return -1;
    }
    return 0;
}

/* ---- volumes ---- */

/* The definition of one line of lvs' answer (name, uuid, size, attr,
 * origin), or NULL for a line that is not a volume of ours (thin pools'
 * hidden parts). */
static nuvStorageVolDef *
volFromLine(const nuvStoragePoolObj *obj, const char *line)
{
    g_auto(GStrv) f = g_strsplit(line, SEP, 5);
    g_autoptr(GString) x = NULL;
    g_autofree char *path = NULL;
    g_autofree char *ename = NULL;
    g_autofree char *epath = NULL;
    unsigned long long size;
    nuvStorageVolDef *def;
    struct stat sb;

    if (g_strv_length(f) < 4)
        return NULL;
    for (size_t i = 0; f[i]; i++)
        g_strstrip(f[i]);
    /* [...] hidden, and thin pools are not volumes */
    if (f[0][0] == '[' || f[3][0] == 't')
        return NULL;
    size = g_ascii_strtoull(f[2], NULL, 10);
    path = g_strdup_printf("/dev/%s/%s", vgName(obj), f[0]);
    ename = g_markup_escape_text(f[0], -1);
    epath = g_markup_escape_text(path, -1);
    x = g_string_new(NULL);
    g_string_append_printf(x, "<volume type='block'><name>%s</name>"
                           "<capacity unit='bytes'>%llu</capacity>"
                           "<allocation unit='bytes'>%llu</allocation>"
                           "<target><path>%s</path>", ename, size, size, epath);
    /* an inactive volume has no device node to read permissions from */
    if (stat(path, &sb) == 0)
        g_string_append_printf(x, "<permissions><mode>0%o</mode><owner>%u</owner>"
                               "<group>%u</group></permissions>",
                               (unsigned) (sb.st_mode & 0777), (unsigned) sb.st_uid,
                               (unsigned) sb.st_gid);
    g_string_append(x, "</target>");
    if (f[4] && *f[4]) {
        g_autofree char *eo = g_markup_escape_text(f[4], -1);
        g_string_append_printf(x, "<backingStore><path>/dev/%s/%s</path></backingStore>",
                               vgName(obj), eo);
    }
    g_string_append(x, "</volume>");
    if (!(def = nuvStorageVolDefParseString(NUV_STORAGE_POOL_LOGICAL, x->str)))
        return NULL;
    def->key = g_strdup(f[1]);
    def->path = g_steal_pointer(&path);
    return def;
}

/* lvs' lines for the group, or one volume of it (@lv not NULL). */
static char **
listVolumes(const nuvStoragePoolObj *obj, const char *lv)
{
    g_autofree char *which = lv ? g_strdup_printf("%s/%s", vgName(obj), lv)
                                : g_strdup(vgName(obj));
    const char *argv[] = { "lvs", "--noheadings", "--units", "b", "--nosuffix",
                           "--separator", SEP, "-o", "lv_name,lv_uuid,lv_size,lv_attr,origin",
                           which, NULL };
    g_autofree char *out = NULL;

    if (storageBackendRun(argv, &out) < 0)
        return NULL;
    return g_strsplit(out, "\n", -1);
}

static int
logicalRefresh(nuvStoragePoolObj *obj)
{
    const char *vgs[] = { "vgs", "--noheadings", "--units", "b", "--nosuffix",
                          "--separator", SEP, "-o", "vg_size,vg_free", vgName(obj), NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) sizes = NULL;
    g_auto(GStrv) lines = NULL;

    if (storageBackendRun(vgs, &out) < 0 || !(lines = listVolumes(obj, NULL)))
        return -1;
    sizes = g_strsplit(g_strstrip(out), SEP, 2);
    if (g_strv_length(sizes) != 2) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot read the size of volume group '%s' "
                       "from vgs: '%s'", vgName(obj), out);
        return -1;
    }
    obj->def->capacity = g_ascii_strtoull(sizes[0], NULL, 10);
    obj->def->available = g_ascii_strtoull(sizes[1], NULL, 10);
    obj->def->allocation = obj->def->capacity - obj->def->available;
    nuvStoragePoolObjClearVols(obj);
    for (size_t i = 0; lines[i]; i++) {
        nuvStorageVolDef *def = volFromLine(obj, lines[i]);
        if (def)
            nuvStoragePoolObjAddVol(obj, def);
    }
    return 0;
}

static nuvStorageVolDef *
probeOne(nuvStoragePoolObj *obj, const char *name)
{
    g_auto(GStrv) lines = listVolumes(obj, name);

    for (size_t i = 0; lines && lines[i]; i++) {
        nuvStorageVolDef *def = volFromLine(obj, lines[i]);
        if (def)
            return def;
    }
    if (lines)
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no logical volume '%s' in volume group '%s'",
                       name, vgName(obj));
    return NULL;
}

static int
lvRemove(nuvStoragePoolObj *obj, const char *name)
{
    g_autofree char *lv = g_strdup_printf("%s/%s", vgName(obj), name);
    const char *argv[] = { "lvremove", "-f", lv, NULL };
    return storageBackendRun(argv, NULL);
}

static nuvStorageVolDef *
logicalCreateVol(nuvStoragePoolObj *obj, const nuvStorageVolDef *def, const char *src,
                 const char *srcFormat, unsigned int flags G_GNUC_UNUSED)
{
    const char *origin = nuvXNodeChildText(nuvXNodeChild(def->tree, "backingStore"), "path");
    g_autofree char *size = g_strdup_printf("%llub", def->capacity);
    g_autofree char *alloc = g_strdup_printf("%llub", def->allocation ? def->allocation
                                                                      : def->capacity);
    g_autofree char *path = g_strdup_printf("/dev/%s/%s", vgName(obj), def->name);
    nuvStorageVolDef *out;

    if (storageBackendCheckVolName(def->name) < 0)
        return NULL;
    if (origin) {
        /* a volume backed by another is an LVM snapshot of it */
        const char *argv[] = { "lvcreate", "-y", "-s", "-n", def->name, "-L", alloc, origin,
                               NULL };
        if (!g_str_has_prefix(origin, "/dev/") || src) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "backing store '%s' of a logical "
                           "volume must be a logical volume of the pool", origin);
            return NULL;
        }
        if (storageBackendRun(argv, NULL) < 0)
            return NULL;
    } else {
        const char *argv[] = { "lvcreate", "-y", "-n", def->name, "-L", size, vgName(obj),
                               NULL };
        if (storageBackendRun(argv, NULL) < 0)
            return NULL;
    }
    if (src && storageBackendCopyToBlock(src, srcFormat, path) < 0)
        goto error;
    if ((out = probeOne(obj, def->name)))
        return out;
 error:
    {
        virErrorPtr err = nuvErrorPreserve();
        lvRemove(obj, def->name);
        nuvErrorRestore(&err);
    }
    return NULL;
}

static int
logicalDeleteVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return lvRemove(obj, vol->def->name);
}

static int
logicalResizeVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol, unsigned long long capacity,
                 unsigned int flags)
{
    g_autofree char *lv = g_strdup_printf("%s/%s", vgName(obj), vol->def->name);
    g_autofree char *size = g_strdup_printf("%llub", capacity);
    const char *argv[] = { "lvresize", "-f", "-L", size, lv, NULL };

    if (capacity < vol->def->capacity && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Can't shrink capacity below current capacity unless shrink flag "
                       "explicitly specified");
        return -1;
    }
    return storageBackendRun(argv, NULL);
}

static int
logicalUpdateVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return storageBackendSetVolDef(obj, vol, probeOne(obj, vol->def->name));
}

/* ---- discovery ---- */

/* Every volume group with its physical volumes, as <sources>. */
static char *
logicalFindSources(const char *srcSpec G_GNUC_UNUSED, unsigned int flags G_GNUC_UNUSED)
{
    const char *argv[] = { "pvs", "--noheadings", "--separator", SEP,
                           "-o", "pv_name,vg_name", NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) devs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
    GString *x;

    /* pvs only reports groups LVM has scanned */
    {
        const char *scan[] = { "vgscan", NULL };
        if (storageBackendRun(scan, NULL) < 0)
            return NULL;
    }
    if (storageBackendRun(argv, &out) < 0)
        return NULL;
    lines = g_strsplit(out, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], SEP, 2);
        GPtrArray *list;

        if (g_strv_length(f) != 2)
            continue;
        g_strstrip(f[0]);
        g_strstrip(f[1]);
        if (!*f[1])
            continue;   /* a physical volume in no group */
        if (!(list = g_hash_table_lookup(devs, f[1]))) {
            char *vg = g_strdup(f[1]);
            list = g_ptr_array_new_with_free_func(g_free);
            g_ptr_array_add(groups, vg);
            g_hash_table_insert(devs, vg, list);
        }
        g_ptr_array_add(list, g_strdup(f[0]));
    }
    x = g_string_new("<sources>\n");
    for (guint i = 0; i < groups->len; i++) {
        const char *vg = g_ptr_array_index(groups, i);
        GPtrArray *list = g_hash_table_lookup(devs, vg);
        g_string_append(x, "  <source>\n");
        for (guint j = 0; j < list->len; j++) {
            g_autofree char *e = g_markup_escape_text(g_ptr_array_index(list, j), -1);
            g_string_append_printf(x, "    <device path='%s'/>\n", e);
        }
        g_string_append_printf(x, "    <name>%s</name>\n    <format type='lvm2'/>\n"
                               "  </source>\n", vg);
    }
    g_string_append(x, "</sources>\n");
    return g_string_free(x, FALSE);
}

const storageBackend storageBackendLogical = {
    .type = NUV_STORAGE_POOL_LOGICAL,
    .build = logicalBuild,
    .start = logicalStart,
    .stop = logicalStop,
    .refresh = logicalRefresh,
    .remove = logicalRemove,
    .createVol = logicalCreateVol,
    .deleteVol = logicalDeleteVol,
    .wipeVol = storageBackendWipeBlockVol,
    .resizeVol = logicalResizeVol,
    .updateVol = logicalUpdateVol,
    .openVol = storageBackendOpenBlockVol,
    .findSources = logicalFindSources,
};
