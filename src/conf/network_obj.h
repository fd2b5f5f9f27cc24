/*
 * network_obj.h: a network as a driver holds it (definition and state),
 * and the list of them indexed by name and UUID.
 *
 * Locking follows domain_obj.h: a network object is a nuvObj and its
 * list a nuvObjList (conf/object_list.h), whose read-write lock guards
 * only the indexes; each object has its own mutex.  Find* returns the object
 * locked and referenced; nuvNetworkObjEndAPI() releases both.  The list
 * lock is never taken while an object lock is held.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/network_def.h"
#include "conf/network_port_def.h"
#include "conf/object_list.h"

typedef struct _nuvNetworkObj nuvNetworkObj;
struct _nuvNetworkObj {
    nuvObj parent;              /* lock, references, index keys */

    /* All below guarded by parent.lock. */
    nuvNetworkDef *def;         /* running definition, or the inactive one */
    nuvNetworkDef *newDef;      /* persistent config pending while running */
    bool active;
    bool persistent;
    bool autostart;
    /* Ports of the running network, indexed by UUID in creation order
     * (through the functions below).  Only a running network has ports;
     * stopping it drops them. */
    nuvObjList *ports;
};

typedef struct _nuvNetworkObjList nuvNetworkObjList;

nuvNetworkObjList *nuvNetworkObjListNew(void);
void nuvNetworkObjListFree(nuvNetworkObjList *list);

/* The object locked and referenced, or NULL (no error reported). */
nuvNetworkObj *nuvNetworkObjListFindByName(nuvNetworkObjList *list, const char *name);
nuvNetworkObj *nuvNetworkObjListFindByUUID(nuvNetworkObjList *list, const unsigned char *uuid);

typedef enum {
    NUV_NETWORK_OBJ_ADD_LIVE = 1 << 0,          /* def becomes the running def */
    NUV_NETWORK_OBJ_ADD_CHECK_ACTIVE = 1 << 1,  /* fail if the existing one runs */
} nuvNetworkObjAddFlags;

/* A new object for *def, or (same name and UUID) a redefinition of the
 * existing one: its def when inactive, its pending newDef when running
 * (unless LIVE).  Conflicts are reported as libvirt does.  *def is
 * consumed on success; the object is returned locked and referenced. */
nuvNetworkObj *nuvNetworkObjListAdd(nuvNetworkObjList *list, nuvNetworkDef **def,
                                    unsigned int flags);

/* Drop @obj (locked by the caller, who keeps lock and reference). */
void nuvNetworkObjListRemove(nuvNetworkObjList *list, nuvNetworkObj *obj);

/* Every object, referenced but not locked; free with FreeArray. */
nuvNetworkObj **nuvNetworkObjListCollect(nuvNetworkObjList *list, size_t *count);
void nuvNetworkObjListFreeArray(nuvNetworkObj **objs, size_t count);

NUV_OBJ_DEFINE_HELPERS(nuvNetworkObj)

/* The ports of @obj (locked): the lock guards them, and the definitions
 * handed out are borrowed, valid while it is held.  FindPort: NULL when
 * absent, no error reported.  AddPort takes @def. */
nuvNetworkPortDef *nuvNetworkObjFindPort(nuvNetworkObj *obj, const unsigned char *uuid);
void nuvNetworkObjAddPort(nuvNetworkObj *obj, nuvNetworkPortDef *def);
void nuvNetworkObjRemovePort(nuvNetworkObj *obj, const unsigned char *uuid);
void nuvNetworkObjClearPorts(nuvNetworkObj *obj);
/* Every port, creation order, NULL-terminated; g_free the array. */
nuvNetworkPortDef **nuvNetworkObjPeekPorts(nuvNetworkObj *obj, size_t *count);

/* The persistent definition: newDef when a change is pending, else def. */
nuvNetworkDef *nuvNetworkObjGetPersistentDef(nuvNetworkObj *obj);
