/*
 * storage_obj.c: the storage pool list.
 */
#include <string.h>

#include "util/locks.h"
#include "conf/storage_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

struct _nuvStoragePoolObjList {
    GRWLock lock;               /* guards the indexes */
    GHashTable *byName;         /* name -> obj (one reference each index) */
    GHashTable *byUUID;         /* 16 raw bytes -> obj */
};

static guint
uuidHash(gconstpointer key)
{
    const unsigned char *u = key;
    guint h = 5381;

    for (size_t i = 0; i < VIR_UUID_BUFLEN; i++)
        h = h * 33 + u[i];
    return h;
}

static gboolean
uuidEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}

static void
volObjFree(nuvStorageVolObj *vol)
{
    if (!vol)
        return;
    nuvStorageVolDefFree(vol->def);
    if (vol->data)
        g_byte_array_unref(vol->data);
    g_free(vol);
}

void
nuvStoragePoolObjRef(nuvStoragePoolObj *obj)
{
    g_atomic_int_inc(&obj->refs);
}

void
nuvStoragePoolObjUnref(nuvStoragePoolObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    nuvStoragePoolDefFree(obj->def);
    g_ptr_array_unref(obj->volumes);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

void
nuvStoragePoolObjEndAPI(nuvStoragePoolObj **obj)
{
    if (!*obj)
        return;
    nuvMutexUnlock(&(*obj)->lock);
    nuvStoragePoolObjUnref(*obj);
    *obj = NULL;
}

nuvStoragePoolObjList *
nuvStoragePoolObjListNew(void)
{
    nuvStoragePoolObjList *list = g_new0(nuvStoragePoolObjList, 1);

    g_rw_lock_init(&list->lock);
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) nuvStoragePoolObjUnref);
    list->byUUID = g_hash_table_new_full(uuidHash, uuidEqual, g_free,
                                         (GDestroyNotify) nuvStoragePoolObjUnref);
    return list;
}

void
nuvStoragePoolObjListFree(nuvStoragePoolObjList *list)
{
    if (!list)
        return;
    g_hash_table_unref(list->byName);
    g_hash_table_unref(list->byUUID);
    g_rw_lock_clear(&list->lock);
    g_free(list);
}

static nuvStoragePoolObj *
lockFound(nuvStoragePoolObj *obj)
{
    if (!obj)
        return NULL;
    nuvMutexLock(&obj->lock);
    /* Removed while we waited for its lock: as good as never found. */
    if (obj->removed) {
        nuvMutexUnlock(&obj->lock);
        nuvStoragePoolObjUnref(obj);
        return NULL;
    }
    return obj;
}

nuvStoragePoolObj *
nuvStoragePoolObjFindByName(nuvStoragePoolObjList *list, const char *name)
{
    nuvStoragePoolObj *obj;

    nuvRWLockRead(&list->lock);
    if ((obj = g_hash_table_lookup(list->byName, name)))
        nuvStoragePoolObjRef(obj);
    nuvRWUnlockRead(&list->lock);
    return lockFound(obj);
}

nuvStoragePoolObj *
nuvStoragePoolObjFindByUUID(nuvStoragePoolObjList *list, const unsigned char *uuid)
{
    nuvStoragePoolObj *obj;

    nuvRWLockRead(&list->lock);
    if ((obj = g_hash_table_lookup(list->byUUID, uuid)))
        nuvStoragePoolObjRef(obj);
    nuvRWUnlockRead(&list->lock);
    return lockFound(obj);
}

nuvStoragePoolObj *
nuvStoragePoolObjListAdd(nuvStoragePoolObjList *list, nuvStoragePoolDef **def)
{
    nuvStoragePoolObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvRWLockWrite(&list->lock);
    if ((obj = g_hash_table_lookup(list->byUUID, (*def)->uuid))) {
        if (strcmp(obj->def->name, (*def)->name) != 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "pool '%s' is already defined with uuid %s",
                           obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            nuvRWUnlockWrite(&list->lock);
            return NULL;
        }
        nuvStoragePoolObjRef(obj);
        nuvRWUnlockWrite(&list->lock);
        nuvMutexLock(&obj->lock);
        /* Redefinition keeps the sizes the pool reports. */
        (*def)->capacity = obj->def->capacity;
        (*def)->allocation = obj->def->allocation;
        (*def)->available = obj->def->available;
        nuvStoragePoolDefFree(obj->def);
        obj->def = g_steal_pointer(def);
        return obj;
    }
    if ((obj = g_hash_table_lookup(list->byName, (*def)->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                       (*def)->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvRWUnlockWrite(&list->lock);
        return NULL;
    }

    obj = g_new0(nuvStoragePoolObj, 1);
    obj->refs = 3;              /* two indexes and the caller */
    g_mutex_init(&obj->lock);
    obj->volumes = g_ptr_array_new_with_free_func((GDestroyNotify) volObjFree);
    obj->def = g_steal_pointer(def);
    g_hash_table_insert(list->byName, g_strdup(obj->def->name), obj);
    g_hash_table_insert(list->byUUID, g_memdup2(obj->def->uuid, VIR_UUID_BUFLEN), obj);
    nuvMutexLock(&obj->lock);
    nuvRWUnlockWrite(&list->lock);
    return obj;
}

void
nuvStoragePoolObjListRemove(nuvStoragePoolObjList *list, nuvStoragePoolObj *obj)
{
    /* The caller holds obj's lock; the list lock comes after it in no other
     * path (Find drops the list lock before locking the pool). */
    nuvRWLockWrite(&list->lock);
    if (!obj->removed) {
        obj->removed = true;
        g_hash_table_remove(list->byName, obj->def->name);
        g_hash_table_remove(list->byUUID, obj->def->uuid);
    }
    nuvRWUnlockWrite(&list->lock);
}

GPtrArray *
nuvStoragePoolObjListCollect(nuvStoragePoolObjList *list)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify) nuvStoragePoolObjUnref);
    GHashTableIter it;
    gpointer value;

    nuvRWLockRead(&list->lock);
    g_hash_table_iter_init(&it, list->byName);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        nuvStoragePoolObjRef(value);
        g_ptr_array_add(all, value);
    }
    nuvRWUnlockRead(&list->lock);
    return all;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVol(nuvStoragePoolObj *obj, const char *name)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (strcmp(vol->def->name, name) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByKey(nuvStoragePoolObj *obj, const char *key)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (vol->def->key && strcmp(vol->def->key, key) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjFindVolByPath(nuvStoragePoolObj *obj, const char *path)
{
    for (guint i = 0; i < obj->volumes->len; i++) {
        nuvStorageVolObj *vol = g_ptr_array_index(obj->volumes, i);
        if (vol->def->path && strcmp(vol->def->path, path) == 0)
            return vol;
    }
    return NULL;
}

nuvStorageVolObj *
nuvStoragePoolObjAddVol(nuvStoragePoolObj *obj, nuvStorageVolDef *def)
{
    nuvStorageVolObj *vol = g_new0(nuvStorageVolObj, 1);

    vol->def = def;
    g_ptr_array_add(obj->volumes, vol);
    return vol;
}

void
nuvStoragePoolObjRemoveVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol)
{
    g_ptr_array_remove(obj->volumes, vol);
}

void
nuvStoragePoolObjClearVols(nuvStoragePoolObj *obj)
{
    g_ptr_array_set_size(obj->volumes, 0);
}
