/*
 * network_obj.c: network objects and their indexed list.
 */
#include <string.h>

#include "util/locks.h"
#include "conf/network_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

struct _nuvNetworkObjList {
    GRWLock lock;
    GHashTable *byName;     /* name -> obj (the table holds a reference) */
    GHashTable *byUUID;     /* 16-byte uuid -> obj (borrowed) */
};

static guint
uuidHash(gconstpointer key)
{
    guint64 w[2];
    guint64 h;

    memcpy(w, key, sizeof(w));
    h = (w[0] ^ (w[1] * 0x9e3779b97f4a7c15ULL));
    h ^= h >> 31;
    return (guint) h;
}

static gboolean
uuidEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}

void
nuvNetworkObjLock(nuvNetworkObj *obj)
{
    nuvMutexLock(&obj->lock);
}

void
nuvNetworkObjUnlock(nuvNetworkObj *obj)
{
    nuvMutexUnlock(&obj->lock);
}

void
nuvNetworkObjUnref(nuvNetworkObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    nuvNetworkDefFree(obj->def);
    nuvNetworkDefFree(obj->newDef);
    if (obj->ports)
        g_hash_table_unref(obj->ports);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

void
nuvNetworkObjEndAPI(nuvNetworkObj **obj)
{
    if (!*obj)
        return;
    nuvNetworkObjUnlock(*obj);
    nuvNetworkObjUnref(*obj);
    *obj = NULL;
}

nuvNetworkDef *
nuvNetworkObjGetPersistentDef(nuvNetworkObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

nuvNetworkObjList *
nuvNetworkObjListNew(void)
{
    nuvNetworkObjList *list = g_new0(nuvNetworkObjList, 1);

    g_rw_lock_init(&list->lock);
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) nuvNetworkObjUnref);
    list->byUUID = g_hash_table_new_full(uuidHash, uuidEqual, g_free, NULL);
    return list;
}

void
nuvNetworkObjListFree(nuvNetworkObjList *list)
{
    if (!list)
        return;
    g_hash_table_destroy(list->byUUID);
    g_hash_table_destroy(list->byName);
    g_rw_lock_clear(&list->lock);
    g_free(list);
}

/* Reference under the list lock, lock after dropping it, then make sure
 * the object was not removed in between. */
static nuvNetworkObj *
takeFound(nuvNetworkObjList *list, nuvNetworkObj *obj)
{
    if (obj)
        g_atomic_int_inc(&obj->refs);
    nuvRWUnlockRead(&list->lock);
    if (!obj)
        return NULL;
    nuvNetworkObjLock(obj);
    if (obj->removing) {
        nuvNetworkObjUnlock(obj);
        nuvNetworkObjUnref(obj);
        return NULL;
    }
    return obj;
}

nuvNetworkObj *
nuvNetworkObjListFindByName(nuvNetworkObjList *list, const char *name)
{
    nuvRWLockRead(&list->lock);
    return takeFound(list, g_hash_table_lookup(list->byName, name));
}

nuvNetworkObj *
nuvNetworkObjListFindByUUID(nuvNetworkObjList *list, const unsigned char *uuid)
{
    nuvRWLockRead(&list->lock);
    return takeFound(list, g_hash_table_lookup(list->byUUID, uuid));
}

nuvNetworkObj *
nuvNetworkObjListAdd(nuvNetworkObjList *list, nuvNetworkDef **def, unsigned int flags)
{
    nuvNetworkDef *d = *def;
    nuvNetworkObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvRWLockWrite(&list->lock);
    if ((obj = g_hash_table_lookup(list->byUUID, d->uuid))) {
        g_atomic_int_inc(&obj->refs);
        nuvNetworkObjLock(obj);
        if (strcmp(obj->def->name, d->name) != 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "network '%s' is already defined with uuid %s",
                           obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            goto error;
        }
        if ((flags & NUV_NETWORK_OBJ_ADD_CHECK_ACTIVE) && obj->active) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "network is already active as '%s'", obj->def->name);
            goto error;
        }
        if (flags & NUV_NETWORK_OBJ_ADD_LIVE) {
            /* a transient start over an inactive persistent network keeps
             * its config as the pending persistent definition */
            if (obj->persistent && !obj->newDef)
                obj->newDef = obj->def;
            else
                nuvNetworkDefFree(obj->def);
            obj->def = d;
        } else if (obj->active) {
            nuvNetworkDefFree(obj->newDef);
            obj->newDef = d;
        } else {
            nuvNetworkDefFree(obj->def);
            obj->def = d;
        }
        *def = NULL;
        nuvRWUnlockWrite(&list->lock);
        return obj;
    }
    if ((obj = g_hash_table_lookup(list->byName, d->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "network '%s' already exists with uuid %s",
                       d->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvRWUnlockWrite(&list->lock);
        return NULL;
    }

    obj = g_new0(nuvNetworkObj, 1);
    g_mutex_init(&obj->lock);
    obj->refs = 2;              /* the table's and the caller's */
    obj->ports = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) nuvNetworkPortDefFree);
    obj->def = d;
    *def = NULL;
    nuvNetworkObjLock(obj);
    g_hash_table_insert(list->byName, g_strdup(d->name), obj);
    g_hash_table_insert(list->byUUID, g_memdup2(d->uuid, VIR_UUID_BUFLEN), obj);
    nuvRWUnlockWrite(&list->lock);
    return obj;

 error:
    nuvRWUnlockWrite(&list->lock);
    nuvNetworkObjEndAPI(&obj);
    return NULL;
}

void
nuvNetworkObjListRemove(nuvNetworkObjList *list, nuvNetworkObj *obj)
{
    g_autofree char *name = g_strdup(obj->def->name);
    unsigned char uuid[VIR_UUID_BUFLEN];

    memcpy(uuid, obj->def->uuid, VIR_UUID_BUFLEN);
    obj->removing = true;
    /* lock order is list -> object: let go of the object meanwhile; the
     * caller's reference keeps it alive and "removing" keeps it hidden */
    nuvNetworkObjUnlock(obj);
    nuvRWLockWrite(&list->lock);
    if (g_hash_table_lookup(list->byName, name) == obj) {
        g_hash_table_remove(list->byUUID, uuid);
        g_hash_table_remove(list->byName, name);
    }
    nuvRWUnlockWrite(&list->lock);
    nuvNetworkObjLock(obj);
}

nuvNetworkObj **
nuvNetworkObjListCollect(nuvNetworkObjList *list, size_t *count)
{
    GHashTableIter it;
    gpointer value;
    nuvNetworkObj **objs;
    size_t n = 0;

    nuvRWLockRead(&list->lock);
    objs = g_new0(nuvNetworkObj *, g_hash_table_size(list->byName) + 1);
    g_hash_table_iter_init(&it, list->byName);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        nuvNetworkObj *obj = value;
        g_atomic_int_inc(&obj->refs);
        objs[n++] = obj;
    }
    nuvRWUnlockRead(&list->lock);
    *count = n;
    return objs;
}

void
nuvNetworkObjListFreeArray(nuvNetworkObj **objs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        nuvNetworkObjUnref(objs[i]);
    g_free(objs);
}
