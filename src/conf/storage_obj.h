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

/* A volume is a nuvObj in its pool's nuvObjList (indexed by name, in
 * creation order).  Its own lock is not used: the pool's lock guards the
 * pool's volumes and everything in them, and the pool functions below
 * hand volumes out borrowed, valid while the pool stays locked. */
typedef struct _nuvStorageVolObj nuvStorageVolObj;
struct _nuvStorageVolObj {
    nuvObj parent;              /* the list's reference, the name index key */
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
    nuvObjList *volumes;        /* nuvStorageVolObj, creation order */
};

typedef struct _nuvStoragePoolObjList nuvStoragePoolObjList;

nuvStoragePoolObjList *nuvStoragePoolObjListNew(void);
void nuvStoragePoolObjListFree(nuvStoragePoolObjList *list);

/* TypeRef, TypeUnref, TypeLock, TypeUnlock, TypeEndAPI, TypeIsRemoved */
NUV_OBJ_DEFINE_HELPERS(nuvStoragePoolObj)

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
/* The volumes in creation order, borrowed, NULL-terminated (g_free the
 * array), and their number. */
nuvStorageVolObj **nuvStoragePoolObjPeekVols(nuvStoragePoolObj *obj, size_t *count);
size_t nuvStoragePoolObjVolCount(nuvStoragePoolObj *obj);
/* Up to @maxnames volume names (copies) into @names, in creation order;
 * their number. */
int nuvStoragePoolObjListVolNames(nuvStoragePoolObj *obj, char **const names, int maxnames);
/* Takes @def. */
nuvStorageVolObj *nuvStoragePoolObjAddVol(nuvStoragePoolObj *obj, nuvStorageVolDef *def);
/* Replace @vol's definition with @def (taken), its key and path indexed
 * anew. */
void nuvStoragePoolObjSetVolDef(nuvStoragePoolObj *obj, nuvStorageVolObj *vol,
                                nuvStorageVolDef *def);
void nuvStoragePoolObjRemoveVol(nuvStoragePoolObj *obj, nuvStorageVolObj *vol);
void nuvStoragePoolObjClearVols(nuvStoragePoolObj *obj);
