/*
 * nwfilter_obj.h: network filters and filter bindings as a driver holds
 * them, each kind in a nuvObjList (conf/object_list.h): filters indexed by
 * name and UUID, bindings by port device, both kept in definition order.
 *
 * The rules span both lists (a filter a binding reaches cannot go; a
 * binding needs every filter it reaches), so the decisions are made here
 * under the lists' locks, taken in the order filters, then bindings, then
 * any one object (docs/locking.md).  A definition is replaced only with
 * its list's write lock and its object's lock held, so checks made under
 * a list's lock may read every definition in it.
 */
#pragma once

#include <glib.h>

#include "conf/nwfilter_def.h"
#include "conf/object_list.h"

typedef struct {
    nuvObj parent;              /* lock, references, name and UUID */
    nuvNWFilterDef *def;
} nuvNWFilterObj;

NUV_OBJ_DEFINE_HELPERS(nuvNWFilterObj)

typedef struct {
    nuvObj parent;              /* lock, references, port device */
    nuvNWFilterBindingDef *def;
} nuvNWFilterBindingObj;

NUV_OBJ_DEFINE_HELPERS(nuvNWFilterBindingObj)

typedef struct _nuvNWFilterObjList nuvNWFilterObjList;

nuvNWFilterObjList *nuvNWFilterObjListNew(void);
void nuvNWFilterObjListFree(nuvNWFilterObjList *list);

/* Locked and referenced, or NULL (no error reported). */
nuvNWFilterObj *nuvNWFilterObjListFindByName(nuvNWFilterObjList *list, const char *name);
nuvNWFilterObj *nuvNWFilterObjListFindByUUID(nuvNWFilterObjList *list,
                                             const unsigned char *uuid);

/* Define *def (consumed on success): a new filter, or the new definition
 * of the filter of its name (which keeps its UUID when *def names none).
 * Refused as libvirt refuses them: another filter's UUID, another UUID for
 * the name, or a definition that would reach itself through references.
 * Returns the filter locked and referenced. */
nuvNWFilterObj *nuvNWFilterObjListAssign(nuvNWFilterObjList *list, nuvNWFilterDef **def);
/* Remove the filter with @uuid unless another filter or a binding uses
 * it; errors as libvirt's.  0 or -1. */
int nuvNWFilterObjListUndefine(nuvNWFilterObjList *list, const unsigned char *uuid);

/* Every filter / binding, referenced but not locked, in definition order;
 * release with nuvObjListFreeArray. */
nuvNWFilterObj **nuvNWFilterObjListCollect(nuvNWFilterObjList *list, size_t *count);
nuvNWFilterBindingObj **nuvNWFilterObjListCollectBindings(nuvNWFilterObjList *list,
                                                          size_t *count);
size_t nuvNWFilterObjListCount(nuvNWFilterObjList *list);

/* The binding of @portdev, locked and referenced, or NULL (no error). */
nuvNWFilterBindingObj *nuvNWFilterObjListFindBinding(nuvNWFilterObjList *list,
                                                     const char *portdev);
/* Add the binding *def (consumed on success), refused when its port device
 * has one or a filter it reaches is missing.  Returned locked and
 * referenced. */
nuvNWFilterBindingObj *nuvNWFilterObjListAddBinding(nuvNWFilterObjList *list,
                                                    nuvNWFilterBindingDef **def);
/* Drop @obj (locked by the caller, who keeps lock and reference). */
void nuvNWFilterObjListRemoveBinding(nuvNWFilterObjList *list, nuvNWFilterBindingObj *obj);
