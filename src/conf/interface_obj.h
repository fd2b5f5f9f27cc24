/*
 * interface_obj.h: the host interfaces a driver holds, in definition
 * order, with their active state.
 *
 * The list has one mutex, taken by its user around each operation: an
 * interface is a small, immutable definition plus a flag, and every
 * operation on it is short, so per-object locks would buy nothing.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "conf/interface_def.h"

typedef struct {
    nuvInterfaceDef *def;
    bool active;
} nuvInterfaceObj;

typedef struct _nuvInterfaceObjList nuvInterfaceObjList;
struct _nuvInterfaceObjList {
    GMutex lock;
    GPtrArray *objs;            /* nuvInterfaceObj *, guarded by lock */
};

nuvInterfaceObjList *nuvInterfaceObjListNew(void);
void nuvInterfaceObjListFree(nuvInterfaceObjList *list);

/* Everything below is called with list->lock held. */
nuvInterfaceObj *nuvInterfaceObjListFind(nuvInterfaceObjList *list, const char *name);
/* Replace the definition of the interface of the same name, or add a new
 * inactive one.  *def is consumed. */
nuvInterfaceObj *nuvInterfaceObjListAssign(nuvInterfaceObjList *list, nuvInterfaceDef **def);
void nuvInterfaceObjListRemove(nuvInterfaceObjList *list, nuvInterfaceObj *obj);
/* Copies of every definition, all inactive (what libvirt's transaction
 * backup holds). */
GPtrArray *nuvInterfaceObjListCloneObjs(nuvInterfaceObjList *list);
