/*
 * object_list.c: driver objects and their indexed list.
 */
#include <string.h>

#include "conf/object_list.h"
#include "util/locks.h"

struct _nuvObjList {
    GRWLock lock;           /* guards byName, byUUID and every obj->name/uuid */
    GHashTable *byName;     /* obj->name -> obj (the table holds a reference) */
    GHashTable *byUUID;     /* obj->uuid -> obj (borrowed); NULL: not indexed */
    GMutex idLock;          /* guards byID and every obj->id; innermost lock */
    GHashTable *byID;       /* id -> obj (borrowed); NULL: not indexed */
    bool ordered;           /* NUV_OBJ_LIST_ORDERED */
    /* NUV_OBJ_LIST_EXTRA_KEYS: obj->keys[i] -> the first object added
     * with that key (borrowed), and how many objects share a key with
     * one indexed (a removal then looks for the next in line); guarded by
     * lock */
    GHashTable *byKey[NUV_OBJ_EXTRA_KEYS];
    size_t keyShared[NUV_OBJ_EXTRA_KEYS];
    guint64 nextSeq;        /* guarded by lock */
};

/* All 16 bytes count: UUIDs chosen by people or tools are often sequential
 * or share a prefix, and are not random enough to use a slice of them. */
static guint
uuidHash(gconstpointer key)
{
    guint64 words[2];
    guint64 h;

    memcpy(words, key, sizeof(words));
    h = words[0] * 0x9e3779b97f4a7c15ULL ^ words[1];
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return (guint)h;
}

static gboolean
uuidEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}

void
nuvObjInit(nuvObj *obj, const nuvObjClass *klass)
{
    obj->klass = klass;
    g_mutex_init(&obj->lock);
    obj->refs = 1;
    obj->id = -1;
}


void
nuvObjUnref(nuvObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    if (obj->klass->dispose)
        obj->klass->dispose(obj);
    g_free(obj->name);
    for (size_t i = 0; i < NUV_OBJ_EXTRA_KEYS; i++)
        g_free(obj->keys[i]);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}




nuvObjList *
nuvObjListNew(unsigned int flags)
{
    nuvObjList *list = g_new0(nuvObjList, 1);

    g_rw_lock_init(&list->lock);
    /* Keys live in the objects (obj->name, obj->uuid) and change only
     * under the write lock, with the entry re-inserted. */
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) nuvObjUnref);
    if (flags & NUV_OBJ_LIST_BY_UUID)
        list->byUUID = g_hash_table_new(uuidHash, uuidEqual);
    g_mutex_init(&list->idLock);
    if (flags & NUV_OBJ_LIST_BY_ID)
        list->byID = g_hash_table_new(g_direct_hash, g_direct_equal);
    list->ordered = flags & NUV_OBJ_LIST_ORDERED;
    for (size_t i = 0; (flags & NUV_OBJ_LIST_EXTRA_KEYS) && i < NUV_OBJ_EXTRA_KEYS; i++)
        list->byKey[i] = g_hash_table_new(g_str_hash, g_str_equal);
    return list;
}

void
nuvObjListFree(nuvObjList *list)
{
    if (!list)
        return;
    if (list->byID)
        g_hash_table_destroy(list->byID);
    g_mutex_clear(&list->idLock);
    if (list->byUUID)
        g_hash_table_destroy(list->byUUID);
    for (size_t i = 0; i < NUV_OBJ_EXTRA_KEYS; i++) {
        if (list->byKey[i])
            g_hash_table_destroy(list->byKey[i]);
    }
    g_hash_table_destroy(list->byName);
    g_rw_lock_clear(&list->lock);
    g_free(list);
}

/* Lock a found object, referenced by the caller while an index lock was
 * held; one removed meanwhile counts as not found. */
static nuvObj *
lockFound(nuvObj *obj)
{
    if (!obj)
        return NULL;
    nuvObjLock(obj);
    if (obj->removing) {
        nuvObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

static nuvObj *
findIn(nuvObjList *list, GHashTable *table, gconstpointer key)
{
    nuvObj *obj = NULL;

    if (!table)
        return NULL;
    nuvRWLockRead(&list->lock);
    if ((obj = g_hash_table_lookup(table, key)))
        nuvObjRef(obj);
    nuvRWUnlockRead(&list->lock);
    return lockFound(obj);
}

nuvObj *
nuvObjListFindByName(nuvObjList *list, const char *name)
{
    return findIn(list, list->byName, name);
}

nuvObj *
nuvObjListFindByUUID(nuvObjList *list, const unsigned char *uuid)
{
    return findIn(list, list->byUUID, uuid);
}

nuvObj *
nuvObjListFindByID(nuvObjList *list, int id)
{
    nuvObj *obj = NULL;

    if (!list->byID)
        return NULL;
    nuvMutexLock(&list->idLock);
    if ((obj = g_hash_table_lookup(list->byID, GINT_TO_POINTER(id))))
        nuvObjRef(obj);
    nuvMutexUnlock(&list->idLock);
    return lockFound(obj);
}

nuvObj *
nuvObjListFindMatch(nuvObjList *list, nuvObjMatch match, void *opaque)
{
    nuvObj *obj;

    nuvRWLockRead(&list->lock);
    if ((obj = nuvObjListPeekMatch(list, match, opaque)))
        nuvObjRef(obj);
    nuvRWUnlockRead(&list->lock);
    return lockFound(obj);
}

void
nuvObjListReadLock(nuvObjList *list)
{
    nuvRWLockRead(&list->lock);
}

void
nuvObjListReadUnlock(nuvObjList *list)
{
    nuvRWUnlockRead(&list->lock);
}

void
nuvObjListWriteLock(nuvObjList *list)
{
    nuvRWLockWrite(&list->lock);
}

void
nuvObjListWriteUnlock(nuvObjList *list)
{
    nuvRWUnlockWrite(&list->lock);
}

nuvObj *
nuvObjListPeekByName(nuvObjList *list, const char *name)
{
    return g_hash_table_lookup(list->byName, name);
}

nuvObj *
nuvObjListPeekByUUID(nuvObjList *list, const unsigned char *uuid)
{
    return list->byUUID ? g_hash_table_lookup(list->byUUID, uuid) : NULL;
}

nuvObj *
nuvObjListPeekByKey(nuvObjList *list, int which, const char *key)
{
    if (!key || which < 0 || which >= NUV_OBJ_EXTRA_KEYS || !list->byKey[which])
        return NULL;
    return g_hash_table_lookup(list->byKey[which], key);
}

/* With the write lock held: take @obj out of extra index @which and drop
 * its key there; when it held a key others share, the earliest added of
 * them takes its place. */
static void
unindexKey(nuvObjList *list, nuvObj *obj, int which)
{
    GHashTable *table = list->byKey[which];
    g_autofree char *key = g_steal_pointer(&obj->keys[which]);
    GHashTableIter iter;
    gpointer value;
    nuvObj *next = NULL;

    if (!key)
        return;
    if (g_hash_table_lookup(table, key) != obj) {
        list->keyShared[which]--;       /* it was one of the sharers */
        return;
    }
    g_hash_table_remove(table, key);
    if (list->keyShared[which] == 0)
        return;
    g_hash_table_iter_init(&iter, list->byName);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        nuvObj *o = value;
        if (o->keys[which] && strcmp(o->keys[which], key) == 0 &&
            (!next || o->seq < next->seq))
            next = o;
    }
    if (next) {
        g_hash_table_insert(table, next->keys[which], next);
        list->keyShared[which]--;
    }
}

void
nuvObjListSetKey(nuvObjList *list, nuvObj *obj, int which, const char *key)
{
    GHashTable *table;
    nuvObj *holder;

    if (which < 0 || which >= NUV_OBJ_EXTRA_KEYS || !(table = list->byKey[which]))
        return;
    unindexKey(list, obj, which);
    obj->keys[which] = g_strdup(key);
    if (!key)
        return;
    holder = g_hash_table_lookup(table, key);
    if (!holder) {
        g_hash_table_insert(table, obj->keys[which], obj);
    } else if (holder->seq > obj->seq) {
        /* a re-keyed object older than the holder goes first */
        g_hash_table_insert(table, obj->keys[which], obj);
        list->keyShared[which]++;
    } else {
        list->keyShared[which]++;
    }
}

static int
compareSeq(const void *a, const void *b)
{
    const nuvObj *x = *(nuvObj *const *)a;
    const nuvObj *y = *(nuvObj *const *)b;

    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

nuvObj **
nuvObjListPeekAll(nuvObjList *list, size_t *count)
{
    GHashTableIter iter;
    gpointer value;
    nuvObj **objs = g_new(nuvObj *, g_hash_table_size(list->byName) + 1);
    size_t n = 0;

    g_hash_table_iter_init(&iter, list->byName);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        objs[n++] = value;
    objs[n] = NULL;
    if (list->ordered)
        qsort(objs, n, sizeof(*objs), compareSeq);
    *count = n;
    return objs;
}

nuvObj *
nuvObjListPeekMatch(nuvObjList *list, nuvObjMatch match, void *opaque)
{
    g_autofree nuvObj **objs = NULL;
    size_t n;

    /* in list order, so that "the first" means the same on every call */
    objs = nuvObjListPeekAll(list, &n);
    for (size_t i = 0; i < n; i++) {
        if (match(objs[i], opaque))
            return objs[i];
    }
    return NULL;
}

void
nuvObjListInsert(nuvObjList *list, nuvObj *obj, const char *name, const unsigned char *uuid)
{
    obj->seq = list->nextSeq++;
    g_free(obj->name);
    obj->name = g_strdup(name);
    nuvObjRef(obj);
    g_hash_table_insert(list->byName, obj->name, obj);
    if (list->byUUID && uuid) {
        memcpy(obj->uuid, uuid, VIR_UUID_BUFLEN);
        g_hash_table_insert(list->byUUID, obj->uuid, obj);
    }
}

/* With the write lock held: drop @obj from every index. */
static void
unindex(nuvObjList *list, nuvObj *obj)
{
    if (list->byID) {
        nuvMutexLock(&list->idLock);
        if (obj->id >= 0 && g_hash_table_lookup(list->byID, GINT_TO_POINTER(obj->id)) == obj)
            g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
        nuvMutexUnlock(&list->idLock);
    }
    if (list->byUUID && g_hash_table_lookup(list->byUUID, obj->uuid) == obj)
        g_hash_table_remove(list->byUUID, obj->uuid);
    for (int i = 0; i < NUV_OBJ_EXTRA_KEYS; i++) {
        if (list->byKey[i])
            unindexKey(list, obj, i);
    }
    if (obj->name && g_hash_table_lookup(list->byName, obj->name) == obj)
        g_hash_table_remove(list->byName, obj->name);   /* drops the list's ref */
}

void
nuvObjListRemove(nuvObjList *list, nuvObj *obj)
{
    /* Respect lock order: drop the object lock before taking the list's.
     * The caller's reference keeps the object alive meanwhile. */
    obj->removing = true;
    nuvObjUnlock(obj);
    nuvRWLockWrite(&list->lock);
    unindex(list, obj);
    nuvRWUnlockWrite(&list->lock);
    nuvObjLock(obj);
}

void
nuvObjListRemoveLocked(nuvObjList *list, nuvObj *obj)
{
    nuvObjLock(obj);
    obj->removing = true;
    nuvObjUnlock(obj);
    unindex(list, obj);
}

void
nuvObjListRemoveAll(nuvObjList *list)
{
    g_autofree nuvObj **all = NULL;
    size_t n;

    nuvRWLockWrite(&list->lock);
    all = nuvObjListPeekAll(list, &n);
    for (size_t i = 0; i < n; i++)
        nuvObjListRemoveLocked(list, all[i]);
    nuvRWUnlockWrite(&list->lock);
}

int
nuvObjListRename(nuvObjList *list, nuvObj *obj, const char *newName,
                 int (*check)(nuvObj *obj, void *opaque), void *opaque, int *why)
{
    int ret = -1;

    /* Lock order is list then object: let go of the object while the list
     * lock is taken, then check again what may have changed meanwhile. */
    nuvObjUnlock(obj);
    nuvRWLockWrite(&list->lock);
    nuvObjLock(obj);

    if (obj->removing || g_hash_table_lookup(list->byName, obj->name) != obj) {
        *why = 1;
        goto cleanup;
    }
    if (g_hash_table_contains(list->byName, newName)) {
        *why = 2;
        goto cleanup;
    }
    if (check && check(obj, opaque) < 0) {
        *why = 3;
        goto cleanup;
    }
    /* Move the list's reference from the old key to the new one. */
    g_hash_table_steal(list->byName, obj->name);
    g_free(obj->name);
    obj->name = g_strdup(newName);
    g_hash_table_insert(list->byName, obj->name, obj);
    ret = 0;

 cleanup:
    nuvRWUnlockWrite(&list->lock);
    return ret;
}

void
nuvObjListSetID(nuvObjList *list, nuvObj *obj, int id)
{
    if (!list->byID)
        return;
    /* The caller holds the object lock, so only the innermost lock. */
    nuvMutexLock(&list->idLock);
    if (obj->id >= 0 && g_hash_table_lookup(list->byID, GINT_TO_POINTER(obj->id)) == obj)
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
    obj->id = id;
    if (id >= 0)
        g_hash_table_insert(list->byID, GINT_TO_POINTER(id), obj);
    nuvMutexUnlock(&list->idLock);
}

nuvObj **
nuvObjListCollect(nuvObjList *list, size_t *count)
{
    nuvObj **objs;

    nuvRWLockRead(&list->lock);
    objs = nuvObjListPeekAll(list, count);
    for (size_t i = 0; i < *count; i++)
        nuvObjRef(objs[i]);
    nuvRWUnlockRead(&list->lock);
    return objs;
}

void
nuvObjListFreeArray(nuvObj **objs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        nuvObjUnref(objs[i]);
    g_free(objs);
}

size_t
nuvObjListCount(nuvObjList *list)
{
    size_t n;

    nuvRWLockRead(&list->lock);
    n = g_hash_table_size(list->byName);
    nuvRWUnlockRead(&list->lock);
    return n;
}
