/*
 * nodedev_obj.h: the node devices a driver holds, in the order they were
 * added.  One mutex, taken by the user around each short operation, as
 * for interfaces (interface_obj.h).
 */
#pragma once

#include <glib.h>

#include "conf/nodedev_def.h"

typedef struct _nuvNodeDeviceObjList nuvNodeDeviceObjList;
struct _nuvNodeDeviceObjList {
    GMutex lock;
    GPtrArray *defs;            /* nuvNodeDeviceDef *, guarded by lock */
};

nuvNodeDeviceObjList *nuvNodeDeviceObjListNew(void);
void nuvNodeDeviceObjListFree(nuvNodeDeviceObjList *list);

/* Called with list->lock held. */
nuvNodeDeviceDef *nuvNodeDeviceObjListFind(nuvNodeDeviceObjList *list, const char *name);
/* Add *def (consumed), replacing a device of the same name in place. */
nuvNodeDeviceDef *nuvNodeDeviceObjListAssign(nuvNodeDeviceObjList *list, nuvNodeDeviceDef **def);
void nuvNodeDeviceObjListRemove(nuvNodeDeviceObjList *list, nuvNodeDeviceDef *def);
