/*
 * storage_vol.c: the volume slots of the host's storage driver: listing
 * and lookup from the pool's last refresh, changes made on the files
 * (storage_backend.c) and read back from them.
 */
#include <string.h>
#include <sys/stat.h>

#include "storage/storage_driver.h"
#include "storage/storage_backend.h"
#include "util/error.h"
#include "util/locks.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

static virStorageVolPtr
volHandle(virConnectPtr conn, nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return nuvGetStorageVol(conn, obj->def->name, vol->def->name, vol->def->key);
}

static nuvStoragePoolObj *
activePool(virStoragePoolPtr pool)
{
    storageDriver *drv = storageDriverGet();
    return drv ? storagePoolActiveFromHandle(drv, pool) : NULL;
}

static nuvStoragePoolObj *
volPool(virStorageVolPtr vol, nuvStorageVolObj **out)
{
    storageDriver *drv = storageDriverGet();
    return drv ? storageVolFromHandle(drv, vol, out) : NULL;
}

int
storagePoolNumOfVolumes(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = activePool(pool);
    int ret;

    if (!obj)
        return -1;
    ret = nuvStoragePoolObjVolCount(obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
storagePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    nuvStoragePoolObj *obj = activePool(pool);
    int n = 0;

    if (!obj)
        return -1;
    n = nuvStoragePoolObjListVolNames(obj, names, maxnames);
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

int
storagePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int n;
    g_autofree nuvStorageVolObj **all = NULL;
    size_t count;

    nuvCheckFlags(0, -1);
    if (!(obj = activePool(pool)))
        return -1;
    all = nuvStoragePoolObjPeekVols(obj, &count);
    n = count;
    if (vols) {
        *vols = g_new0(virStorageVolPtr, n + 1);
        for (int i = 0; i < n; i++)
            (*vols)[i] = volHandle(pool->conn, obj, all[i]);
    }
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

virStorageVolPtr
storageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    nuvStoragePoolObj *obj = activePool(pool);
    nuvStorageVolObj *vol;
    virStorageVolPtr ret = NULL;

    if (!obj)
        return NULL;
    if (!(vol = nuvStoragePoolObjFindVol(obj, name)))
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    else
        ret = volHandle(pool->conn, obj, vol);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

/* Keys and paths of file volumes are their paths: the first running pool
 * (by name) holding one answers. */
static virStorageVolPtr
lookupAcross(virConnectPtr conn, const char *what, bool byKey)
{
    storageDriver *drv = storageDriverGet();
    g_autoptr(GPtrArray) objs = NULL;
    g_autofree char *clean = NULL;
    virStorageVolPtr ret = NULL;

    if (!drv)
        return NULL;
    objs = storagePoolsActive(drv);
    clean = byKey ? g_strdup(what) : g_canonicalize_filename(what, "/");
    for (guint i = 0; i < objs->len && !ret; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStorageVolObj *vol;

        nuvStoragePoolObjLock(obj);
        if (obj->active && !nuvStoragePoolObjIsRemoved(obj)) {
            vol = byKey ? nuvStoragePoolObjFindVolByKey(obj, clean)
                        : nuvStoragePoolObjFindVolByPath(obj, clean);
            if (vol)
                ret = volHandle(conn, obj, vol);
        }
        nuvStoragePoolObjUnlock(obj);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                       byKey ? "key" : "path", what);
    return ret;
}

virStorageVolPtr
storageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return lookupAcross(conn, key, true);
}

virStorageVolPtr
storageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return lookupAcross(conn, path, false);
}

/* Make @def in @obj (locked), from @src when set, and list it. */
static virStorageVolPtr
createIn(virConnectPtr conn, nuvStoragePoolObj *obj, const nuvStorageVolDef *def,
         const char *src, const char *srcFormat, unsigned int flags)
{
    nuvStorageVolDef *made;
    nuvStorageVolObj *vol;

    if (nuvStoragePoolObjFindVol(obj, def->name)) {
        nuvReportError(VIR_ERR_STORAGE_VOL_EXIST, "storage volume '%s' exists already",
                       def->name);
        return NULL;
    }
    if (!(made = storageBackendFor(obj->def->type)->createVol(obj, def, src, srcFormat, flags)))
        return NULL;
    vol = nuvStoragePoolObjAddVol(obj, made);
    if (obj->def->available >= vol->def->allocation) {
        obj->def->available -= vol->def->allocation;
        obj->def->allocation += vol->def->allocation;
    }
    return volHandle(conn, obj, vol);
}

static nuvStorageVolDef *
parseVol(nuvStoragePoolObj *obj, const char *xml)
{
    g_autoptr(nuvStorageVolDef) def = nuvStorageVolDefParseString(obj->def->type, xml);

    if (!def || storageBackendCheckVolName(def->name) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virStorageVolPtr
storageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStorageVolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!(obj = activePool(pool)))
        return NULL;
    if ((def = parseVol(obj, xml)))
        ret = createIn(pool->conn, obj, def, NULL, NULL, flags);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

virStorageVolPtr
storageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml, virStorageVolPtr clonevol,
                        unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    g_autofree char *srcPath = NULL;
    g_autofree char *srcFormat = NULL;
    unsigned long long srcCapacity = 0;
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *orig;
    virStorageVolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!nuvHandleIsValid(clonevol, NUV_MAGIC_STORAGE_VOL)) {
        nuvReportError(VIR_ERR_INVALID_STORAGE_VOL, "%s", "invalid storage volume pointer");
        return NULL;
    }
    /* The source is read by qemu-img from its path; two pool locks are
     * never held at once. */
    if (!(obj = volPool(clonevol, &orig)))
        return NULL;
    srcPath = g_strdup(orig->def->path);
    srcFormat = g_strdup(nuvStorageVolDefFormatType(orig->def));
    srcCapacity = orig->def->capacity;
    if (orig->def->type == VIR_STORAGE_VOL_DIR) {
        nuvReportError(VIR_ERR_NO_SUPPORT, "%s", "a directory volume cannot be cloned");
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    nuvStoragePoolObjEndAPI(&obj);

    if (!(obj = activePool(pool)))
        return NULL;
    if (!(def = parseVol(obj, xml)))
        goto cleanup;
    if (def->capacity < srcCapacity)
        def->capacity = srcCapacity;
    ret = createIn(pool->conn, obj, def, srcPath, srcFormat ? srcFormat : "raw", flags);
 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
storageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_VOL_DELETE_ZEROED | VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, -1);
    if (!(obj = volPool(vol, &v)))
        return -1;
    if ((flags & VIR_STORAGE_VOL_DELETE_ZEROED) &&
        storageBackendFor(obj->def->type)->wipeVol(obj, v, VIR_STORAGE_VOL_WIPE_ALG_ZERO) < 0)
        goto cleanup;
    if (storageBackendFor(obj->def->type)->deleteVol(obj, v) == 0) {
        obj->def->available += v->def->allocation;
        obj->def->allocation -= MIN(obj->def->allocation, v->def->allocation);
        nuvStoragePoolObjRemoveVol(obj, v);
        ret = 0;
    }
 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
storageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (algorithm >= VIR_STORAGE_VOL_WIPE_ALG_LAST) {
        nuvReportError(VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    if (!(obj = volPool(vol, &v)))
        return -1;
    if (storageBackendFor(obj->def->type)->wipeVol(obj, v, algorithm) == 0)
        ret = storageBackendFor(obj->def->type)->updateVol(obj, v);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
storageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    return storageVolWipePattern(vol, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

int
storageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    struct stat sb;

    nuvCheckFlags(VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    if (!(obj = volPool(vol, &v)))
        return -1;
    /* What the file is now, not what the last refresh saw. */
    if (storageBackendFor(obj->def->type)->updateVol(obj, v) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->type = v->def->type;
    info->capacity = v->def->capacity;
    info->allocation = v->def->allocation;
    if ((flags & VIR_STORAGE_VOL_GET_PHYSICAL) && stat(v->def->path, &sb) == 0)
        info->allocation = sb.st_size;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

char *
storageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);
    if (!(obj = volPool(vol, &v)))
        return NULL;
    if (storageBackendFor(obj->def->type)->updateVol(obj, v) == 0)
        ret = nuvStorageVolDefFormat(v->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

char *
storageVolGetPath(virStorageVolPtr vol)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    char *ret;

    if (!(obj = volPool(vol, &v)))
        return NULL;
    ret = g_strdup(v->def->path);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
storageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *v;
    unsigned long long cur;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                  VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    if (!(obj = volPool(vol, &v)))
        return -1;
    if (storageBackendFor(obj->def->type)->updateVol(obj, v) < 0)
        goto cleanup;
    cur = v->def->capacity;
    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) {
            if (capacity > cur) {
                nuvReportError(VIR_ERR_INVALID_ARG, "%s", "can't shrink capacity below zero");
                goto cleanup;
            }
            capacity = cur - capacity;
        } else {
            capacity += cur;
        }
    }
    if (capacity < cur && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Can't shrink capacity below current capacity unless shrink flag "
                       "explicitly specified");
        goto cleanup;
    }
    if ((flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) && capacity > cur &&
        capacity - cur > obj->def->available) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "Not enough space left in storage pool");
        goto cleanup;
    }
    if (storageBackendFor(obj->def->type)->resizeVol(obj, v, capacity, flags) == 0)
        ret = storageBackendFor(obj->def->type)->updateVol(obj, v);
 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}
