/*
 * test_storage_vol.c: the volumes of the test driver's storage pools,
 * held in memory with their pool.
 */
#include <string.h>

#include "util/locks.h"
#include "test/test_private.h"
#include "test/test_storage.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- volumes ---- */

static virStorageVolPtr
testStorageVolHandle(virConnectPtr conn, nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    return nuvGetStorageVol(conn, obj->def->name, vol->def->name, vol->def->key);
}

int
testStoragePoolNumOfVolumes(virStoragePoolPtr pool)
{
    nuvStoragePoolObj *obj = testStorageActivePool(pool);
    int ret;

    if (!obj)
        return -1;
    ret = nuvStoragePoolObjVolCount(obj);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
testStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    nuvStoragePoolObj *obj = testStorageActivePool(pool);
    int n = 0;

    if (!obj)
        return -1;
    n = nuvStoragePoolObjListVolNames(obj, names, maxnames);
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

int
testStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                              unsigned int flags)
{
    nuvStoragePoolObj *obj;
    int n;
    g_autofree nuvStorageVolObj **all = NULL;
    size_t count;

    nuvCheckFlags(0, -1);
    if (!(obj = testStoragePoolFromHandle(pool)))
        return -1;
    if (!obj->active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "storage pool is not active");
        nuvStoragePoolObjEndAPI(&obj);
        return -1;
    }
    all = nuvStoragePoolObjPeekVols(obj, &count);
    n = count;
    if (vols) {
        *vols = g_new0(virStorageVolPtr, n + 1);
        for (int i = 0; i < n; i++)
            (*vols)[i] = testStorageVolHandle(pool->conn, obj, all[i]);
    }
    nuvStoragePoolObjEndAPI(&obj);
    return n;
}

/* The active pool of a volume handle, and the volume in it. */
nuvStoragePoolObj *
testStorageVolFromHandle(virStorageVolPtr vol, nuvStorageVolObj **out)
{
    nuvStoragePoolObj *obj = nuvStoragePoolObjFindByName(testDriverOf(vol->conn)->pools,
                                                         vol->pool);

    if (!obj) {
        nuvReportError(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                       vol->pool);
        return NULL;
    }
    if (testStoragePoolCheckActive(obj) < 0) {
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    if (!(*out = nuvStoragePoolObjFindVol(obj, vol->name))) {
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                       vol->name);
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

virStorageVolPtr
testStorageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    nuvStoragePoolObj *obj = testStorageActivePool(pool);
    nuvStorageVolObj *vol;
    virStorageVolPtr ret = NULL;

    if (!obj)
        return NULL;
    if (!(vol = nuvStoragePoolObjFindVol(obj, name)))
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    else
        ret = testStorageVolHandle(pool->conn, obj, vol);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

static virStorageVolPtr
volLookupAcross(virConnectPtr conn, const char *what, bool byKey)
{
    g_autoptr(GPtrArray) objs = testStoragePoolsMatching(testDriverOf(conn),
                                              VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
    virStorageVolPtr ret = NULL;

    /* When several pools hold a match, the one whose pool name sorts
     * first wins, so that the answer does not depend on hash order. */
    for (guint i = 0; i < objs->len; i++) {
        nuvStoragePoolObj *obj = g_ptr_array_index(objs, i);
        nuvStorageVolObj *vol;

        nuvStoragePoolObjLock(obj);
        if (obj->active && !nuvStoragePoolObjIsRemoved(obj) &&
            (!ret || strcmp(obj->def->name, ret->pool) < 0)) {
            vol = byKey ? nuvStoragePoolObjFindVolByKey(obj, what)
                        : nuvStoragePoolObjFindVolByPath(obj, what);
            if (vol) {
                if (ret)
                    nuvHandleUnref(ret);
                ret = testStorageVolHandle(conn, obj, vol);
            }
        }
        nuvStoragePoolObjUnlock(obj);
    }
    if (!ret)
        nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                       byKey ? "key" : "path", what);
    return ret;
}

virStorageVolPtr
testStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    return volLookupAcross(conn, key, true);
}

virStorageVolPtr
testStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    return volLookupAcross(conn, path, false);
}

/* Where a volume of @pool called @name lives: under the pool's target.
 * A pool without a local target (rbd, gluster, ...) gives the text stock
 * libvirt's test driver prints there, "(null)/NAME", so that scripts see
 * the same paths and keys. */
char *
testStorageVolDefaultPath(const nuvStoragePoolDef *pool, const char *name)
{
    return g_strdup_printf("%s/%s", pool->targetPath ? pool->targetPath : "(null)", name);
}

/* Check a new volume against its pool and place it there (pool locked). */
static virStorageVolPtr
addVolume(virConnectPtr conn, nuvStoragePoolObj *obj, nuvStorageVolDef **def,
          const GByteArray *data)
{
    nuvStorageVolObj *vol;

    if (nuvStoragePoolObjFindVol(obj, (*def)->name)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        return NULL;
    }
    if (obj->def->allocation + (*def)->allocation > obj->def->capacity) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "Not enough free space in pool for volume '%s'", (*def)->name);
        return NULL;
    }
    g_free((*def)->path);
    g_free((*def)->key);
    (*def)->path = testStorageVolDefaultPath(obj->def, (*def)->name);
    (*def)->key = g_strdup((*def)->path);
    obj->def->allocation += (*def)->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    vol = nuvStoragePoolObjAddVol(obj, g_steal_pointer(def));
    if (data && data->len) {
        guint len = MIN((unsigned long long)data->len, vol->def->capacity);
        vol->data = g_byte_array_sized_new(len);
        g_byte_array_append(vol->data, data->data, len);
    }
    return testStorageVolHandle(conn, obj, vol);
}


virStorageVolPtr
testStorageVolCreateXML(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    nuvStoragePoolObj *obj;
    virStorageVolPtr ret;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_REFLINK |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!(obj = testStorageActivePool(pool)))
        return NULL;
    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml))) {
        nuvStoragePoolObjEndAPI(&obj);
        return NULL;
    }
    ret = addVolume(pool->conn, obj, &def, NULL);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

virStorageVolPtr
testStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xml,
                            virStorageVolPtr clonevol, unsigned int flags)
{
    g_autoptr(nuvStorageVolDef) def = NULL;
    g_autoptr(GByteArray) data = NULL;
    nuvStoragePoolObj *obj;
    nuvStorageVolObj *orig;
    virStorageVolPtr ret = NULL;

    nuvCheckFlags(VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA |
                  VIR_STORAGE_VOL_CREATE_REFLINK |
                  VIR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    if (!nuvHandleIsValid(clonevol, NUV_MAGIC_STORAGE_VOL)) {
        nuvReportError(VIR_ERR_INVALID_STORAGE_VOL, "%s", "invalid storage volume pointer");
        return NULL;
    }

    /* Copy the source's data first: it may be in another pool, and two
     * pool locks are never held at once. */
    if (strcmp(clonevol->pool, pool->name) != 0) {
        nuvStoragePoolObj *src = testStorageVolFromHandle(clonevol, &orig);
        if (!src)
            return NULL;
        if (orig->data)
            data = g_byte_array_ref(orig->data);
        nuvStoragePoolObjEndAPI(&src);
        orig = NULL;
    }

    if (!(obj = testStorageActivePool(pool)))
        return NULL;
    if (!(def = nuvStorageVolDefParseString(obj->def->type, xml)))
        goto cleanup;
    if (nuvStoragePoolObjFindVol(obj, def->name)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        goto cleanup;
    }
    if (strcmp(clonevol->pool, pool->name) == 0) {
        if (!(orig = nuvStoragePoolObjFindVol(obj, clonevol->name))) {
            nuvReportError(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                           clonevol->name);
            goto cleanup;
        }
        if (orig->data)
            data = g_byte_array_ref(orig->data);
    }
    ret = addVolume(pool->conn, obj, &def, data);

 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
testStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(VIR_STORAGE_VOL_DELETE_ZEROED | VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, -1);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;
    obj->def->allocation -= MIN(obj->def->allocation, v->def->allocation);
    obj->def->available = obj->def->capacity - obj->def->allocation;
    nuvStoragePoolObjRemoveVol(obj, v);
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

static int
volTypeForPool(int poolType)
{
    switch (poolType) {
    case NUV_STORAGE_POOL_DIR:
    case NUV_STORAGE_POOL_FS:
    case NUV_STORAGE_POOL_NETFS:
    case NUV_STORAGE_POOL_VSTORAGE:
        return VIR_STORAGE_VOL_FILE;
    case NUV_STORAGE_POOL_RBD:
    case NUV_STORAGE_POOL_SHEEPDOG:
    case NUV_STORAGE_POOL_GLUSTER:
    case NUV_STORAGE_POOL_ISCSI_DIRECT:
        return VIR_STORAGE_VOL_NETWORK;
    default:
        return VIR_STORAGE_VOL_BLOCK;
    }
}

int
testStorageVolGetInfoFlags(virStorageVolPtr vol, virStorageVolInfoPtr info, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(VIR_STORAGE_VOL_GET_PHYSICAL, -1);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = volTypeForPool(obj->def->type);
    info->capacity = v->def->capacity;
    info->allocation = v->def->allocation;
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

char *
testStorageVolGetXMLDesc(virStorageVolPtr vol, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    char *ret;

    nuvCheckFlags(0, NULL);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return NULL;
    ret = nuvStorageVolDefFormat(v->def);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

char *
testStorageVolGetPath(virStorageVolPtr vol)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    char *ret;

    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return NULL;
    ret = g_strdup(v->def->path);
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
testStorageVolResize(virStorageVolPtr vol, unsigned long long capacity, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;
    unsigned long long newAlloc;
    int ret = -1;

    nuvCheckFlags(VIR_STORAGE_VOL_RESIZE_ALLOCATE | VIR_STORAGE_VOL_RESIZE_DELTA |
                  VIR_STORAGE_VOL_RESIZE_SHRINK, -1);
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;

    if (flags & VIR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VIR_STORAGE_VOL_RESIZE_SHRINK) {
            if (capacity > v->def->capacity) {
                nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                               "can't shrink capacity below zero");
                goto cleanup;
            }
            capacity = v->def->capacity - capacity;
        } else {
            capacity += v->def->capacity;
        }
    }
    if (capacity < v->def->capacity && !(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Can't shrink capacity below current capacity unless shrink flag "
                       "explicitly specified");
        goto cleanup;
    }
    if (capacity < v->def->allocation) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "can't shrink capacity below existing allocation");
        goto cleanup;
    }
    newAlloc = (flags & VIR_STORAGE_VOL_RESIZE_ALLOCATE) ? capacity : v->def->allocation;
    if (newAlloc > v->def->allocation &&
        newAlloc - v->def->allocation > obj->def->available) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "Not enough space left in storage pool");
        goto cleanup;
    }
    obj->def->allocation += newAlloc - v->def->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    v->def->allocation = newAlloc;
    v->def->capacity = capacity;
    if (v->data && v->data->len > capacity)
        g_byte_array_set_size(v->data, capacity);
    ret = 0;

 cleanup:
    nuvStoragePoolObjEndAPI(&obj);
    return ret;
}

int
testStorageVolWipePattern(virStorageVolPtr vol, unsigned int algorithm, unsigned int flags)
{
    nuvStorageVolObj *v;
    nuvStoragePoolObj *obj;

    nuvCheckFlags(0, -1);
    if (algorithm >= VIR_STORAGE_VOL_WIPE_ALG_LAST) {
        nuvReportError(VIR_ERR_INVALID_ARG, "wiping algorithm %d not supported", algorithm);
        return -1;
    }
    if (!(obj = testStorageVolFromHandle(vol, &v)))
        return -1;
    /* Every algorithm leaves data nobody can read back; zeros model that. */
    if (v->data) {
        g_byte_array_unref(v->data);
        v->data = NULL;
    }
    nuvStoragePoolObjEndAPI(&obj);
    return 0;
}

int
testStorageVolWipe(virStorageVolPtr vol, unsigned int flags)
{
    return testStorageVolWipePattern(vol, VIR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}
