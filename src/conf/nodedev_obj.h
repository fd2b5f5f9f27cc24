/*
 * nodedev_obj.h: the node devices a driver holds, in a nuvObjList
 * (conf/object_list.h) indexed by name and kept in the order they were
 * added.
 *
 * Locking: as for interfaces (interface_obj.h): the list's lock guards the
 * index, each device's mutex its fields; def is replaced only with the
 * list's write lock and the object's lock held.
 */
#pragma once

#include <glib.h>

#include "conf/nodedev_def.h"
#include "conf/object_list.h"

typedef struct {
    nuvObj parent;              /* lock, references, name */
    nuvNodeDeviceDef *def;
} nuvNodeDeviceObj;

NUV_OBJ_DEFINE_HELPERS(nuvNodeDeviceObj)

typedef struct _nuvNodeDeviceObjList nuvNodeDeviceObjList;

nuvNodeDeviceObjList *nuvNodeDeviceObjListNew(void);
void nuvNodeDeviceObjListFree(nuvNodeDeviceObjList *list);

/* Locked and referenced, or NULL (no error reported). */
nuvNodeDeviceObj *nuvNodeDeviceObjListFindByName(nuvNodeDeviceObjList *list, const char *name);
/* The first device (in list order) that has the capability @cap, locked
 * and referenced, or NULL. */
nuvNodeDeviceObj *nuvNodeDeviceObjListFindByCap(nuvNodeDeviceObjList *list, const char *cap);
/* Add *def (consumed), replacing the definition of a device of the same
 * name in place; the device is returned locked and referenced. */
nuvNodeDeviceObj *nuvNodeDeviceObjListAssign(nuvNodeDeviceObjList *list, nuvNodeDeviceDef **def);
/* Drop @obj (locked by the caller, who keeps lock and reference). */
void nuvNodeDeviceObjListRemove(nuvNodeDeviceObjList *list, nuvNodeDeviceObj *obj);

/* Every device, referenced but not locked, in the order they were added. */
nuvNodeDeviceObj **nuvNodeDeviceObjListCollect(nuvNodeDeviceObjList *list, size_t *count);
void nuvNodeDeviceObjListFreeArray(nuvNodeDeviceObj **objs, size_t count);
