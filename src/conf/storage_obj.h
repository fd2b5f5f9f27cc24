/*
 * storage_obj.h: storage pools as a driver keeps them (definition, state,
 * volumes) and the list that indexes them by name and UUID.
 *
 * Locking: a pool is a nuvObj and the list a nuvObjList
 * (conf/object_list.h), whose RW lock guards only the indexes; each pool's
 * own mutex guards its fields and its volumes.  Find* return the pool
 * locked and referenced; nuvStoragePoolObjEndAPI() releases both.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/storage_def.h"
#include "conf/object_list.h"

typedef struct _nuvStorageVolObj nuvStorageVolObj;
struct _nuvStorageVolObj {
    nuvStorageVolDef *def;
    /* The volume's contents as far as they were ever written; reads past
     * the end give zeros up to the capacity.  Guarded by the pool lock. */
    GByteArray *data;
};

typedef struct _nuvStoragePoolObj nuvStoragePoolObj;
struct _nuvStoragePoolObj {
    nuvObj parent;              /* lock (guards everything below), references */
    nuvStoragePoolDef *def;
    bool active;
    bool persistent;
    bool autostart;
    GPtrArray *volumes;         /* nuvStorageVolObj *, creation order */
};

typedef struct _nuvStoragePoolObjList nuvStoragePoolObjList;

nuvStoragePoolObjList *nuvStoragePoolObjListNew(void);
void nuvStoragePoolObjListFree(nuvStoragePoolObjList *list);

static inline void
nuvStoragePoolObjRef(nuvStoragePoolObj *obj)
{
    nuvObjRef(&obj->parent);
}

static inline void
nuvStoragePoolObjUnref(nuvStoragePoolObj *obj)
{
    if (obj)
        nuvObjUnref(&obj->parent);
}

static inline void
nuvStoragePoolObjLock(nuvStoragePoolObj *obj)
{
    nuvObjLock(&obj->parent);
}

static inline void
nuvStoragePoolObjUnlock(nuvStoragePoolObj *obj)
{
    nuvObjUnlock(&obj->parent);
}

/* Unlock, unreference and NULL *obj (NULL accepted). */
static inline void
nuvStoragePoolObjEndAPI(nuvStoragePoolObj **obj)
{
    nuvObjEndAPI((nuvObj **)obj);
}

/* Whether @obj (locked) was taken out of its list meanwhile. */
static inline bool
nuvStoragePoolObjIsRemoved(const nuvStoragePoolObj *obj)
{
    return obj->parent.removing;
}

/* Locked and referenced, or NULL (no error reported). */
nuvStoragePoolObj *nuvStoragePoolObjFindByName(nuvStoragePoolObjList *list, const char *name);
nuvStoragePoolObj *nuvStoragePoolObjFindByUUID(nuvStoragePoolObjList *list,
                                               const unsigned char *uuid);

/* Add @def (consumed on success) as a new pool, or as the new definition
 * of the pool with the same name and UUID.  A name or UUID clash with a
 * different pool is VIR_ERR_OPERATION_FAILED, as libvirt reports it.
 * Returns the pool locked and referenced. */
nuvStoragePoolObj *nuvStoragePoolObjListAdd(nuvStoragePoolObjList *list,
                                            nuvStoragePoolDef **def);

/* Take @obj (locked by the caller) out of the list. */
void nuvStoragePoolObjListRemove(nuvStoragePoolObjList *list, nuvStoragePoolObj *obj);

/* Every pool, each referenced (not locked), in no particular order. */
GPtrArray *nuvStoragePoolObjListCollect(nuvStoragePoolObjList *list);

/* Volumes of a pool (lock held); NULL when absent, no error reported. */
nuvStorageVolObj *nuvStoragePoolObjFindVol(nuvStoragePoolObj *obj, const char *name);
nuvStorageVolObj *nuvStoragePoolObjFindVolByKey(nuvStoragePoolObj *obj, const char *key);
nuvStorageVolObj *nuvStoragePoolObjFindVolByPath(nuvStoragePoolObj *obj, const char *path);
/* Takes @def. */
nuvStorageVolObj *nuvStoragePoolObjAddVol(nuvStoragePoolObj *obj, nuvStorageVolDef *def);
void nuvStoragePoolObjRemoveVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);
void nuvStoragePoolObjClearVols(nuvStoragePoolObj *obj);
