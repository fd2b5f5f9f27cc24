/*
 * object_list.h: reference-counted, lockable driver objects and the list
 * that indexes them by name, UUID and (optionally) id.
 *
 * Every kind of driver object (domain, network, storage pool, ...) starts
 * with a nuvObj and lives in a nuvObjList; the kind's own list functions
 * are thin typed wrappers that add only its rules (what a redefinition
 * does, its error messages).
 *
 * Locking (docs/locking.md): the list has a read-write lock held only for
 * index operations; each object has its own mutex; the id index has its own
 * innermost lock, because ids change while the object is locked.  Order:
 * list -> object -> id index.  Find* returns the object locked and with a
 * new reference; nuvObjEndAPI() unlocks, unrefs and NULLs it.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "util/locks.h"

typedef struct _nuvObj nuvObj;

/* How many extra string keys a list can index its objects under, beside
 * the name and UUID (a storage volume's key and path). */
#define NUV_OBJ_EXTRA_KEYS 2

/* What differs per kind of object. */
typedef struct {
    const char *name;                   /* "domain", ... */
    /* Release the fields of the object containing @obj (not @obj itself,
     * nor its lock): called once, when the last reference goes. */
    void (*dispose)(nuvObj *obj);
} nuvObjClass;

struct _nuvObj {
    const nuvObjClass *klass;           /* immutable */
    GMutex lock;
    gint refs;                          /* atomic */
    bool removing;                      /* guarded by lock: dropped from its
                                         * list, lookups skip it */
    /* The keys it is indexed under; guarded by the list's lock. */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                             /* -1: not in the id index */
    char *keys[NUV_OBJ_EXTRA_KEYS];     /* extra keys (NULL: none); guarded
                                         * by the list's lock */
    guint64 seq;                        /* insertion order; guarded by the
                                         * list's lock */
};

/* Set up @obj (the start of a zeroed object of class @klass) with one
 * reference, unlocked. */
void nuvObjInit(nuvObj *obj, const nuvObjClass *klass);
/* Drop a reference; the last one disposes and frees the object. */
void nuvObjUnref(nuvObj *obj);

/* Inline: every API call takes and releases a few of these. */
static inline void
nuvObjRef(nuvObj *obj)
{
    g_atomic_int_inc(&obj->refs);
}

static inline void
nuvObjLock(nuvObj *obj)
{
    nuvMutexLock(&obj->lock);
}

static inline void
nuvObjUnlock(nuvObj *obj)
{
    nuvMutexUnlock(&obj->lock);
}

/* Unlock, unref and NULL *@obj; nothing when NULL. */
static inline void
nuvObjEndAPI(nuvObj **obj)
{
    if (!*obj)
        return;
    nuvObjUnlock(*obj);
    nuvObjUnref(*obj);
    *obj = NULL;
}

typedef struct _nuvObjList nuvObjList;

typedef enum {
    NUV_OBJ_LIST_BY_UUID = 1 << 0,      /* index the UUID too */
    NUV_OBJ_LIST_BY_ID = 1 << 1,        /* keep an id index (domains) */
    NUV_OBJ_LIST_ORDERED = 1 << 2,      /* Collect and PeekAll give the
                                         * objects in the order they were
                                         * added (a redefinition keeps its
                                         * place), not hash order */
    NUV_OBJ_LIST_EXTRA_KEYS = 1 << 3,   /* keep an index per extra key */
} nuvObjListFlags;

nuvObjList *nuvObjListNew(unsigned int flags);
/* Drops the list's references; objects others still hold live on. */
void nuvObjListFree(nuvObjList *list);

/* Lookups: the object locked and referenced, or NULL (no error). */
nuvObj *nuvObjListFindByName(nuvObjList *list, const char *name);
nuvObj *nuvObjListFindByUUID(nuvObjList *list, const unsigned char *uuid);
nuvObj *nuvObjListFindByID(nuvObjList *list, int id);

/* The first object @match accepts, locked and referenced, or NULL.
 * @match runs under the list's read lock without the object's lock, so
 * it may read only what changes under the list's write lock (a kind's
 * definition pointer, when its Add replaces it with the write lock held). */
typedef bool (*nuvObjMatch)(nuvObj *obj, void *opaque);
nuvObj *nuvObjListFindMatch(nuvObjList *list, nuvObjMatch match, void *opaque);

/* Adding is a decision made under the write lock: look for clashes, then
 * update the one found or insert a new one, with no other thread changing
 * the indexes meanwhile. */
void nuvObjListWriteLock(nuvObjList *list);
void nuvObjListWriteUnlock(nuvObjList *list);
/* For a check across several objects that must see one state of the
 * list, with no change meanwhile (the Peek functions work under it). */
void nuvObjListReadLock(nuvObjList *list);
void nuvObjListReadUnlock(nuvObjList *list);
/* With the write lock held: the object indexed under @name / @uuid, not
 * referenced, not locked. */
nuvObj *nuvObjListPeekByName(nuvObjList *list, const char *name);
nuvObj *nuvObjListPeekByUUID(nuvObjList *list, const unsigned char *uuid);
/* With the read or write lock held: the object indexed under extra key
 * @which as @key, not referenced, not locked.  Keys need not be unique:
 * the one added first answers, as a search in list order would. */
nuvObj *nuvObjListPeekByKey(nuvObjList *list, int which, const char *key);
/* With the write lock held: index @obj (listed) under extra key @which as
 * @key (a copy), replacing what it had there; NULL drops it. */
void nuvObjListSetKey(nuvObjList *list, nuvObj *obj, int which, const char *key);
/* With the read or write lock held: every object, borrowed (neither
 * referenced nor locked), NULL-terminated; g_free the array. */
nuvObj **nuvObjListPeekAll(nuvObjList *list, size_t *count);
/* With the read or write lock held: the first object @match accepts. */
nuvObj *nuvObjListPeekMatch(nuvObjList *list, nuvObjMatch match, void *opaque);
/* With the write lock held: index @obj under @name and @uuid (NULL when
 * the list has no UUID index); the list takes its own reference. */
void nuvObjListInsert(nuvObjList *list, nuvObj *obj, const char *name,
                      const unsigned char *uuid);

/* Drop @obj (locked by the caller) from the indexes.  The object lock is
 * let go while the list's write lock is taken and taken again after; the
 * caller's reference keeps it alive, and EndAPI releases it. */
void nuvObjListRemove(nuvObjList *list, nuvObj *obj);

/* With the write lock held and @obj not locked by this thread: drop
 * @obj from the indexes (for a removal decided under the write lock). */
void nuvObjListRemoveLocked(nuvObjList *list, nuvObj *obj);

/* Drop every object (none locked by this thread). */
void nuvObjListRemoveAll(nuvObjList *list);

/* Re-index @obj (locked by the caller, who keeps the lock) under
 * @newName.  @check, if given, runs with the list and the object locked,
 * after the object is known to be still listed and the name free; it
 * reports its own error and returns -1 to refuse.  Returns 0, or -1 with
 * *@why set: 1 the object was removed meanwhile, 2 the name is taken,
 * 3 @check refused. */
int nuvObjListRename(nuvObjList *list, nuvObj *obj, const char *newName,
                     int (*check)(nuvObj *obj, void *opaque), void *opaque, int *why);

/* Index @obj (locked by the caller) under @id, or drop it from the id
 * index with -1. */
void nuvObjListSetID(nuvObjList *list, nuvObj *obj, int id);

/* Every listed object, referenced but not locked, in hash order (in
 * insertion order for an ORDERED list),
 * NULL-terminated; release with nuvObjListFreeArray. */
nuvObj **nuvObjListCollect(nuvObjList *list, size_t *count);
void nuvObjListFreeArray(nuvObj **objs, size_t count);
size_t nuvObjListCount(nuvObjList *list);

/* A listing filter's pair of opposite flags (ACTIVE/INACTIVE, ...): both
 * or neither set pass everything, else @value must agree with the one set. */
static inline bool
nuvFilterGroupMatches(unsigned int flags, unsigned int yes, unsigned int no, bool value)
{
    bool wantYes = flags & yes;
    bool wantNo = flags & no;

    return wantYes == wantNo || (wantYes ? value : !value);
}

/* The typed helpers of a kind of object @Type, a struct whose first
 * member is `nuvObj parent`: TypeRef, TypeUnref (NULL accepted), TypeLock,
 * TypeUnlock, TypeEndAPI (unlock, unref and NULL; NULL accepted) and
 * TypeIsRemoved (dropped from its list meanwhile; call locked). */
#define NUV_OBJ_DEFINE_HELPERS(Type) \
    static inline void Type##Ref(Type *obj) { nuvObjRef(&obj->parent); } \
    static inline void Type##Unref(Type *obj) { if (obj) nuvObjUnref(&obj->parent); } \
    static inline void Type##Lock(Type *obj) { nuvObjLock(&obj->parent); } \
    static inline void Type##Unlock(Type *obj) { nuvObjUnlock(&obj->parent); } \
    static inline void Type##EndAPI(Type **obj) { nuvObjEndAPI((nuvObj **)obj); } \
    static inline bool Type##IsRemoved(const Type *obj) { return obj->parent.removing; }
