/*
 * secret_obj.c: secret objects and their list.
 */
#include <string.h>

#include "conf/secret_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_SECRET

struct _nuvSecretObjList {
    nuvObjList *objs;           /* keyed by the UUID string and the UUID */
};

static void
wipeValue(nuvSecretObj *obj)
{
    if (obj->value)
        memset(obj->value, 0, obj->valueSize);
    g_clear_pointer(&obj->value, g_free);
    obj->valueSize = 0;
}

static void
secretObjDispose(nuvObj *base)
{
    nuvSecretObj *obj = (nuvSecretObj *)base;

    wipeValue(obj);
    nuvSecretDefFree(obj->def);
}

static const nuvObjClass secretObjClass = {
    .name = "secret",
    .dispose = secretObjDispose,
};

nuvSecretObjList *
nuvSecretObjListNew(void)
{
    nuvSecretObjList *list = g_new0(nuvSecretObjList, 1);

    list->objs = nuvObjListNew(NUV_OBJ_LIST_BY_UUID | NUV_OBJ_LIST_ORDERED);
    return list;
}

void
nuvSecretObjListFree(nuvSecretObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    g_free(list);
}

nuvSecretObj *
nuvSecretObjListFindByUUID(nuvSecretObjList *list, const unsigned char *uuid)
{
    return (nuvSecretObj *)nuvObjListFindByUUID(list->objs, uuid);
}

typedef struct {
    int type;
    const char *id;
} usageKey;

static bool
usageMatches(nuvObj *base, void *opaque)
{
    const nuvSecretDef *def = ((nuvSecretObj *)base)->def;
    const usageKey *key = opaque;

    return def->usageType == key->type && g_strcmp0(def->usageID, key->id) == 0;
}

nuvSecretObj *
nuvSecretObjListFindByUsage(nuvSecretObjList *list, int usageType, const char *usageID)
{
    usageKey key = { usageType, usageID };

    if (usageType == VIR_SECRET_USAGE_TYPE_NONE || !usageID)
        return NULL;
    return (nuvSecretObj *)nuvObjListFindMatch(list->objs, usageMatches, &key);
}

nuvSecretObj *
nuvSecretObjListAdd(nuvSecretObjList *list, nuvSecretDef **def)
{
    nuvSecretDef *d = *def;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvSecretObj *obj;

    nuvUUIDFormat(d->uuid, uuidstr);
    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvSecretObj *)nuvObjListPeekByUUID(list->objs, d->uuid))) {
        /* a redefinition may change anything but what the secret is for,
         * and may not reveal a private secret */
        if (g_strcmp0(obj->def->usageID, d->usageID) != 0) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "a secret with UUID %s is already defined for use with %s",
                           uuidstr, obj->def->usageID);
            goto error;
        }
        if (obj->def->isPrivate && !d->isPrivate) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "cannot change private flag on existing secret");
            goto error;
        }
        nuvSecretObjRef(obj);
        nuvSecretObjLock(obj);
        nuvSecretDefFree(obj->def);
        obj->def = g_steal_pointer(def);
    } else {
        usageKey key = { d->usageType, d->usageID };
        nuvSecretObj *other = NULL;

        if (d->usageType != VIR_SECRET_USAGE_TYPE_NONE && d->usageID)
            other = (nuvSecretObj *)nuvObjListPeekMatch(list->objs, usageMatches, &key);
        if (other) {
            nuvReportError(VIR_ERR_INTERNAL_ERROR,
                           "a secret with UUID %s already defined for use with %s",
                           nuvUUIDFormat(other->def->uuid, uuidstr), d->usageID);
            goto error;
        }
        obj = g_new0(nuvSecretObj, 1);
        nuvObjInit(&obj->parent, &secretObjClass);  /* the caller's reference */
        obj->def = g_steal_pointer(def);
        nuvObjListInsert(list->objs, &obj->parent, uuidstr, obj->def->uuid);
        nuvSecretObjLock(obj);
    }
    nuvObjListWriteUnlock(list->objs);
    return obj;

 error:
    nuvObjListWriteUnlock(list->objs);
    return NULL;
}

void
nuvSecretObjListRemove(nuvSecretObjList *list, nuvSecretObj *obj)
{
    nuvObjListRemove(list->objs, &obj->parent);
}

nuvSecretObj **
nuvSecretObjListCollect(nuvSecretObjList *list, size_t *count)
{
    return (nuvSecretObj **)nuvObjListCollect(list->objs, count);
}

void
nuvSecretObjListFreeArray(nuvSecretObj **objs, size_t count)
{
    nuvObjListFreeArray((nuvObj **)objs, count);
}

size_t
nuvSecretObjListCount(nuvSecretObjList *list)
{
    return nuvObjListCount(list->objs);
}

void
nuvSecretObjSetValue(nuvSecretObj *obj, const unsigned char *value, size_t size)
{
    wipeValue(obj);
    /* one byte more, so that an empty value is still "set" */
    obj->value = g_malloc0(size + 1);
    if (size)
        memcpy(obj->value, value, size);
    obj->valueSize = size;
}
