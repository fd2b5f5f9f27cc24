/*
 * interface_obj.h: the host interfaces a driver holds, with their active
 * state, in a nuvObjList (conf/object_list.h) indexed by name and kept in
 * definition order.
 *
 * Locking: the list's lock guards the index; each interface's own mutex
 * guards its fields.  def is replaced only with both the list's write lock
 * and the object's lock held, so a match under the list's lock may read it.
 * Find* and Assign return the object locked and referenced;
 * nuvInterfaceObjEndAPI() releases both.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/interface_def.h"
#include "conf/object_list.h"

typedef struct {
    nuvObj parent;              /* lock, references, name */
    nuvInterfaceDef *def;
    bool active;
} nuvInterfaceObj;

NUV_OBJ_DEFINE_HELPERS(nuvInterfaceObj)

typedef struct _nuvInterfaceObjList nuvInterfaceObjList;

nuvInterfaceObjList *nuvInterfaceObjListNew(void);
void nuvInterfaceObjListFree(nuvInterfaceObjList *list);

/* Locked and referenced, or NULL (no error reported). */
nuvInterfaceObj *nuvInterfaceObjListFindByName(nuvInterfaceObjList *list, const char *name);
/* How many interfaces have the MAC address @mac (compared without case);
 * *@name gets the first one's name when there is one. */
int nuvInterfaceObjListCountByMAC(nuvInterfaceObjList *list, const char *mac, char **name);

/* Replace the definition of the interface of the same name, or add a new
 * inactive one.  *def is consumed. */
nuvInterfaceObj *nuvInterfaceObjListAssign(nuvInterfaceObjList *list, nuvInterfaceDef **def);
/* Drop @obj (locked by the caller, who keeps lock and reference). */
void nuvInterfaceObjListRemove(nuvInterfaceObjList *list, nuvInterfaceObj *obj);

/* Every interface, referenced but not locked, in definition order. */
nuvInterfaceObj **nuvInterfaceObjListCollect(nuvInterfaceObjList *list, size_t *count);
void nuvInterfaceObjListFreeArray(nuvInterfaceObj **objs, size_t count);

/* A transaction (libvirt's virInterfaceChangeBegin): Begin saves a copy
 * of every definition, Commit drops it, Rollback puts it back with every
 * interface down, as libvirt's backup holds them.  Each returns -1, with
 * nothing reported, when a transaction runs (Begin) or none does. */
int nuvInterfaceObjListBegin(nuvInterfaceObjList *list);
int nuvInterfaceObjListCommit(nuvInterfaceObjList *list);
int nuvInterfaceObjListRollback(nuvInterfaceObjList *list);
