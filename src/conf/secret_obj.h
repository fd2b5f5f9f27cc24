/*
 * secret_obj.h: secrets as a driver holds them (definition and value), in
 * a nuvObjList (conf/object_list.h) indexed by UUID and kept in definition
 * order.
 *
 * Locking: the list's lock guards the indexes, each secret's mutex its
 * fields.  def is replaced only with the list's write lock and the
 * object's lock held, so the usage checks, made under the list's lock,
 * may read it.  Find* and Add return the secret locked and referenced;
 * nuvSecretObjEndAPI() releases both.
 */
#pragma once

#include <glib.h>

#include "conf/secret_def.h"
#include "conf/object_list.h"

typedef struct {
    nuvObj parent;              /* lock, references, UUID */
    nuvSecretDef *def;
    unsigned char *value;       /* NULL until set; wiped when dropped */
    size_t valueSize;
} nuvSecretObj;

NUV_OBJ_DEFINE_HELPERS(nuvSecretObj)

typedef struct _nuvSecretObjList nuvSecretObjList;

nuvSecretObjList *nuvSecretObjListNew(void);
void nuvSecretObjListFree(nuvSecretObjList *list);

/* Locked and referenced, or NULL (no error reported). */
nuvSecretObj *nuvSecretObjListFindByUUID(nuvSecretObjList *list, const unsigned char *uuid);
/* The secret for @usageID of @usageType; a secret without a usage never
 * matches. */
nuvSecretObj *nuvSecretObjListFindByUsage(nuvSecretObjList *list, int usageType,
                                          const char *usageID);

/* A new secret for *def, or the new definition of the secret with its
 * UUID, with libvirt's rules: a redefinition may not change the usage nor
 * make a private secret public, and a usage belongs to one secret.
 * Errors as libvirt's secret driver reports them.  *def is consumed on
 * success. */
nuvSecretObj *nuvSecretObjListAdd(nuvSecretObjList *list, nuvSecretDef **def);
/* Drop @obj (locked by the caller, who keeps lock and reference). */
void nuvSecretObjListRemove(nuvSecretObjList *list, nuvSecretObj *obj);

/* Every secret, referenced but not locked, in definition order. */
nuvSecretObj **nuvSecretObjListCollect(nuvSecretObjList *list, size_t *count);
void nuvSecretObjListFreeArray(nuvSecretObj **objs, size_t count);
size_t nuvSecretObjListCount(nuvSecretObjList *list);

/* Replace the value of @obj (locked). */
void nuvSecretObjSetValue(nuvSecretObj *obj, const unsigned char *value, size_t size);
