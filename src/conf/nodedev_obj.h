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

/* ---- read-only queries shared by the drivers that hold a device list
 * (the test driver's and the host's); errors in @errDomain ---- */

/* Every VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bit. */
#define NUV_NODE_DEVICE_CAP_FILTERS ((1U << 22) - 1)

/* The device called @name, locked and referenced, or NULL with
 * VIR_ERR_NO_NODE_DEVICE reported. */
nuvNodeDeviceObj *nuvNodeDeviceObjListGet(nuvNodeDeviceObjList *list, const char *name,
                                          int errDomain);
/* The names (owned) of the devices with the capability @cap (NULL: any)
 * and, when @capFlags has CAP bits, one of those; in list order. */
GPtrArray *nuvNodeDeviceObjListMatch(nuvNodeDeviceObjList *list, const char *cap,
                                     unsigned int capFlags);
/* The name of the SCSI host whose fc_host has both names, or NULL with
 * VIR_ERR_NO_NODE_DEVICE reported. */
char *nuvNodeDeviceObjListSCSIHostByWWN(nuvNodeDeviceObjList *list, const char *wwnn,
                                        const char *wwpn, int errDomain);
/* The capability names of device @name, or NULL (error reported). */
GStrv nuvNodeDeviceObjListCaps(nuvNodeDeviceObjList *list, const char *name, int errDomain);
/* The parent's name of device @name, or NULL (error reported, also for a
 * device without parent). */
char *nuvNodeDeviceObjListParentName(nuvNodeDeviceObjList *list, const char *name,
                                     int errDomain);
