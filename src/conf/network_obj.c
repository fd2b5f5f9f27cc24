/*
 * network_obj.c: network objects and their list (a nuvObjList indexed by
 * name and UUID).
 */
#include <string.h>

#include "util/locks.h"
#include "conf/network_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK

struct _nuvNetworkObjList {
    nuvObjList *objs;
};

static void
networkObjDispose(nuvObj *base)
{
    nuvNetworkObj *obj = (nuvNetworkObj *)base;

    nuvNetworkDefFree(obj->def);
    nuvNetworkDefFree(obj->newDef);
    nuvObjListFree(obj->ports);
}

static const nuvObjClass networkObjClass = {
    .name = "network",
    .dispose = networkObjDispose,
};

nuvNetworkDef *
nuvNetworkObjGetPersistentDef(nuvNetworkObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

nuvNetworkObjList *
nuvNetworkObjListNew(void)
{
    nuvNetworkObjList *list = g_new0(nuvNetworkObjList, 1);
    list->objs = nuvObjListNew(NUV_OBJ_LIST_BY_UUID);
    return list;
}

void
nuvNetworkObjListFree(nuvNetworkObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    g_free(list);
}

nuvNetworkObj *
nuvNetworkObjListFindByName(nuvNetworkObjList *list, const char *name)
{
    return (nuvNetworkObj *)nuvObjListFindByName(list->objs, name);
}

nuvNetworkObj *
nuvNetworkObjListFindByUUID(nuvNetworkObjList *list, const unsigned char *uuid)
{
    return (nuvNetworkObj *)nuvObjListFindByUUID(list->objs, uuid);
}

nuvNetworkObj *
nuvNetworkObjListAdd(nuvNetworkObjList *list, nuvNetworkDef **def, unsigned int flags)
{
    nuvNetworkDef *d = *def;
    nuvNetworkObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvNetworkObj *)nuvObjListPeekByUUID(list->objs, d->uuid))) {
        nuvObjRef(&obj->parent);
        nuvNetworkObjLock(obj);
        if (strcmp(obj->def->name, d->name) != 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "network '%s' is already defined with uuid %s",
                           obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            goto error;
        }
        if ((flags & NUV_NETWORK_OBJ_ADD_CHECK_ACTIVE) && obj->active) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "network is already active as '%s'", obj->def->name);
            goto error;
        }
        if (flags & NUV_NETWORK_OBJ_ADD_LIVE) {
            /* a transient start over an inactive persistent network keeps
             * its config as the pending persistent definition */
            if (obj->persistent && !obj->newDef)
                obj->newDef = obj->def;
            else
                nuvNetworkDefFree(obj->def);
            obj->def = d;
        } else if (obj->active) {
            nuvNetworkDefFree(obj->newDef);
            obj->newDef = d;
        } else {
            nuvNetworkDefFree(obj->def);
            obj->def = d;
        }
        *def = NULL;
        nuvObjListWriteUnlock(list->objs);
        return obj;
    }
    if ((obj = (nuvNetworkObj *)nuvObjListPeekByName(list->objs, d->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "network '%s' already exists with uuid %s",
                       d->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvObjListWriteUnlock(list->objs);
        return NULL;
    }

    obj = g_new0(nuvNetworkObj, 1);
    nuvObjInit(&obj->parent, &networkObjClass);     /* the caller's reference */
    obj->ports = nuvObjListNew(NUV_OBJ_LIST_BY_UUID | NUV_OBJ_LIST_ORDERED);
    obj->def = d;
    *def = NULL;
    nuvNetworkObjLock(obj);
    nuvObjListInsert(list->objs, &obj->parent, d->name, d->uuid);
    nuvObjListWriteUnlock(list->objs);
    return obj;

 error:
    nuvObjListWriteUnlock(list->objs);
    nuvNetworkObjEndAPI(&obj);
    return NULL;
}

void
nuvNetworkObjListRemove(nuvNetworkObjList *list, nuvNetworkObj *obj)
{
    nuvObjListRemove(list->objs, &obj->parent);
}

nuvNetworkObj **
nuvNetworkObjListCollect(nuvNetworkObjList *list, size_t *count)
{
    return (nuvNetworkObj **)nuvObjListCollect(list->objs, count);
}

void
nuvNetworkObjListFreeArray(nuvNetworkObj **objs, size_t count)
{
    nuvObjListFreeArray((nuvObj **)objs, count);
}

/* ---- ports ---- */

/* A port in its network's list: its lock is unused, the network's lock
 * guards the ports (the list's own lock is taken because its functions
 * expect it). */
typedef struct {
    nuvObj parent;
    nuvNetworkPortDef *def;
} nuvNetworkPortObj;

static void
portObjDispose(nuvObj *base)
{
    nuvNetworkPortDefFree(((nuvNetworkPortObj *)base)->def);
}

static const nuvObjClass portObjClass = {
    .name = "network port",
    .dispose = portObjDispose,
};

nuvNetworkPortDef *
nuvNetworkObjFindPort(nuvNetworkObj *obj, const unsigned char *uuid)
{
    nuvNetworkPortObj *port;

    nuvObjListReadLock(obj->ports);
    port = (nuvNetworkPortObj *)nuvObjListPeekByUUID(obj->ports, uuid);
    nuvObjListReadUnlock(obj->ports);
    return port ? port->def : NULL;
}

void
nuvNetworkObjAddPort(nuvNetworkObj *obj, nuvNetworkPortDef *def)
{
    nuvNetworkPortObj *port = g_new0(nuvNetworkPortObj, 1);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvObjInit(&port->parent, &portObjClass);
    port->def = def;
    nuvObjListWriteLock(obj->ports);
    /* a port has no name of its own: its UUID is the name index key */
    nuvObjListInsert(obj->ports, &port->parent, nuvUUIDFormat(def->uuid, uuidstr), def->uuid);
    nuvObjListWriteUnlock(obj->ports);
    nuvObjUnref(&port->parent);     /* the list's reference owns it */
}

void
nuvNetworkObjRemovePort(nuvNetworkObj *obj, const unsigned char *uuid)
{
    nuvObj *port;

    nuvObjListWriteLock(obj->ports);
    if ((port = nuvObjListPeekByUUID(obj->ports, uuid)))
        nuvObjListRemoveLocked(obj->ports, port);
    nuvObjListWriteUnlock(obj->ports);
}

void
nuvNetworkObjClearPorts(nuvNetworkObj *obj)
{
    nuvObjListRemoveAll(obj->ports);
}

nuvNetworkPortDef **
nuvNetworkObjPeekPorts(nuvNetworkObj *obj, size_t *count)
{
    nuvObj **all;
    nuvNetworkPortDef **defs;

    nuvObjListReadLock(obj->ports);
    all = nuvObjListPeekAll(obj->ports, count);
    nuvObjListReadUnlock(obj->ports);
    defs = g_new(nuvNetworkPortDef *, *count + 1);
    for (size_t i = 0; i < *count; i++)
        defs[i] = ((nuvNetworkPortObj *)all[i])->def;
    defs[*count] = NULL;
    g_free(all);
    return defs;
}
