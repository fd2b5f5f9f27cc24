/*
 * storage_obj.h: storage pools as a driver keeps them (definition, state,
 * volumes) and the list that indexes them by name and UUID.
 *
 * Locking: the list's RW lock guards only its indexes; each pool has its
 * own mutex guarding its fields and its volumes.  Find* return the pool
 * locked and referenced; nuvStoragePoolObjEndAPI() releases both.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/storage_def.h"

typedef struct _nuvStorageVolObj nuvStorageVolObj;
struct _nuvStorageVolObj {
    nuvStorageVolDef *def;
    /* The volume's contents as far as they were ever written; reads past
     * the end give zeros up to the capacity.  Guarded by the pool lock. */
    GByteArray *data;
};

typedef struct _nuvStoragePoolObj nuvStoragePoolObj;
struct _nuvStoragePoolObj {
    gint refs;                  /* atomic */
    GMutex lock;                /* guards everything below */
    nuvStoragePoolDef *def;
    bool active;
    bool persistent;
    bool autostart;
    bool removed;               /* no longer in its list */
    GPtrArray *volumes;         /* nuvStorageVolObj *, creation order */
};

typedef struct _nuvStoragePoolObjList nuvStoragePoolObjList;

nuvStoragePoolObjList *nuvStoragePoolObjListNew(void);
void nuvStoragePoolObjListFree(nuvStoragePoolObjList *list);

void nuvStoragePoolObjRef(nuvStoragePoolObj *obj);
void nuvStoragePoolObjUnref(nuvStoragePoolObj *obj);
/* Unlock, unreference and NULL *obj (NULL accepted). */
void nuvStoragePoolObjEndAPI(nuvStoragePoolObj **obj);

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
