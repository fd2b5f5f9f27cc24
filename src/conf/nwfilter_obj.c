/*
 * nwfilter_obj.c: network filter and filter binding objects, their lists,
 * and the reference rules between them.
 */
#include <string.h>

#include "conf/nwfilter_obj.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NWFILTER

struct _nuvNWFilterObjList {
    nuvObjList *filters;        /* taken before bindings */
    nuvObjList *bindings;
};

static void
filterObjDispose(nuvObj *base)
{
    nuvNWFilterDefFree(((nuvNWFilterObj *)base)->def);
}

static const nuvObjClass filterObjClass = {
    .name = "nwfilter",
    .dispose = filterObjDispose,
};

static void
bindingObjDispose(nuvObj *base)
{
    nuvNWFilterBindingDefFree(((nuvNWFilterBindingObj *)base)->def);
}

static const nuvObjClass bindingObjClass = {
    .name = "nwfilter binding",
    .dispose = bindingObjDispose,
};

nuvNWFilterObjList *
nuvNWFilterObjListNew(void)
{
    nuvNWFilterObjList *list = g_new0(nuvNWFilterObjList, 1);

    list->filters = nuvObjListNew(NUV_OBJ_LIST_BY_UUID | NUV_OBJ_LIST_ORDERED);
    list->bindings = nuvObjListNew(NUV_OBJ_LIST_ORDERED);
    return list;
}

void
nuvNWFilterObjListFree(nuvNWFilterObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->bindings);
    nuvObjListFree(list->filters);
    g_free(list);
}

nuvNWFilterObj *
nuvNWFilterObjListFindByName(nuvNWFilterObjList *list, const char *name)
{
    return (nuvNWFilterObj *)nuvObjListFindByName(list->filters, name);
}

nuvNWFilterObj *
nuvNWFilterObjListFindByUUID(nuvNWFilterObjList *list, const unsigned char *uuid)
{
    return (nuvNWFilterObj *)nuvObjListFindByUUID(list->filters, uuid);
}

/* With the filters' lock held: the definition of the filter @name. */
static const nuvNWFilterDef *
peekDef(nuvNWFilterObjList *list, const char *name)
{
    nuvNWFilterObj *obj = (nuvNWFilterObj *)nuvObjListPeekByName(list->filters, name);

    return obj ? obj->def : NULL;
}

/* Does @from reach the filter called @target through references, with
 * @replaced standing in for the defined filter of the same name?  The
 * filters' lock is held. */
static bool
reaches(nuvNWFilterObjList *list, const nuvNWFilterDef *from, const char *target,
        const nuvNWFilterDef *replaced, GHashTable *seen)
{
    g_autoptr(GPtrArray) refs = nuvNWFilterDefRefs(from);

    for (guint i = 0; i < refs->len; i++) {
        const char *name = g_ptr_array_index(refs, i);
        const nuvNWFilterDef *next;

        if (strcmp(name, target) == 0)
            return true;
        if (g_hash_table_contains(seen, name))
            continue;
        g_hash_table_add(seen, (gpointer) name);
        next = replaced && strcmp(replaced->name, name) == 0 ? replaced : peekDef(list, name);
        if (next && reaches(list, next, target, replaced, seen))
            return true;
    }
    return false;
}

/* The first filter @name needs (itself included) that is not defined; the
 * filters' lock is held. */
static const char *
missingFilter(nuvNWFilterObjList *list, const char *name, GHashTable *seen)
{
    const nuvNWFilterDef *def;
    g_autoptr(GPtrArray) refs = NULL;

    if (g_hash_table_contains(seen, name))
        return NULL;
    g_hash_table_add(seen, (gpointer) name);
    if (!(def = peekDef(list, name)))
        return name;
    refs = nuvNWFilterDefRefs(def);
    for (guint i = 0; i < refs->len; i++) {
        const char *missing = missingFilter(list, g_ptr_array_index(refs, i), seen);
        if (missing)
            return missing;
    }
    return NULL;
}

/* Whether another filter or a binding uses @def; the filters' lock is
 * held, the bindings' is taken here. */
static bool
inUse(nuvNWFilterObjList *list, const nuvNWFilterDef *def)
{
    g_autofree nuvObj **filters = NULL;
    g_autofree nuvObj **bindings = NULL;
    size_t n;
    bool used = false;

    filters = nuvObjListPeekAll(list->filters, &n);
    for (size_t i = 0; i < n && !used; i++) {
        const nuvNWFilterDef *other = ((nuvNWFilterObj *)filters[i])->def;
        g_autoptr(GPtrArray) refs = NULL;

        if (other == def)
            continue;
        refs = nuvNWFilterDefRefs(other);
        for (guint j = 0; j < refs->len && !used; j++)
            used = strcmp(g_ptr_array_index(refs, j), def->name) == 0;
    }

    nuvObjListReadLock(list->bindings);
    bindings = nuvObjListPeekAll(list->bindings, &n);
    for (size_t i = 0; i < n && !used; i++) {
        const nuvNWFilterBindingDef *b = ((nuvNWFilterBindingObj *)bindings[i])->def;
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
        const nuvNWFilterDef *top;

        used = strcmp(b->filter, def->name) == 0 ||
               ((top = peekDef(list, b->filter)) && reaches(list, top, def->name, NULL, seen));
    }
    nuvObjListReadUnlock(list->bindings);
    return used;
}

nuvNWFilterObj *
nuvNWFilterObjListAssign(nuvNWFilterObjList *list, nuvNWFilterDef **def)
{
    nuvNWFilterDef *d = *def;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvNWFilterObj *byName, *byUUID, *obj = NULL;

    nuvObjListWriteLock(list->filters);
    byName = (nuvNWFilterObj *)nuvObjListPeekByName(list->filters, d->name);
    /* redefining by name alone keeps the filter's identity */
    if (byName && !d->uuidSpecified)
        memcpy(d->uuid, byName->def->uuid, VIR_UUID_BUFLEN);
    byUUID = (nuvNWFilterObj *)nuvObjListPeekByUUID(list->filters, d->uuid);
    if (byUUID && strcmp(byUUID->def->name, d->name) != 0) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "filter with same UUID but different name ('%s') already exists",
                       byUUID->def->name);
        goto cleanup;
    }
    if (byName && !byUUID) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "filter '%s' already exists with uuid %s",
                       d->name, nuvUUIDFormat(byName->def->uuid, uuidstr));
        goto cleanup;
    }
    if (reaches(list, d, d->name, d, seen)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "filter would introduce a loop");
        goto cleanup;
    }
    if ((obj = byName)) {
        nuvNWFilterObjRef(obj);
        nuvNWFilterObjLock(obj);
        nuvNWFilterDefFree(obj->def);
        obj->def = g_steal_pointer(def);
    } else {
        obj = g_new0(nuvNWFilterObj, 1);
        nuvObjInit(&obj->parent, &filterObjClass);  /* the caller's reference */
        obj->def = g_steal_pointer(def);
        nuvObjListInsert(list->filters, &obj->parent, obj->def->name, obj->def->uuid);
        nuvNWFilterObjLock(obj);
    }

 cleanup:
    nuvObjListWriteUnlock(list->filters);
    return obj;
}

int
nuvNWFilterObjListUndefine(nuvNWFilterObjList *list, const unsigned char *uuid)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    nuvNWFilterObj *obj;
    int ret = -1;

    nuvObjListWriteLock(list->filters);
    if (!(obj = (nuvNWFilterObj *)nuvObjListPeekByUUID(list->filters, uuid))) {
        nuvReportError(VIR_ERR_NO_NWFILTER, "no nwfilter with matching uuid '%s'",
                       nuvUUIDFormat(uuid, uuidstr));
        goto cleanup;
    }
    if (inUse(list, obj->def)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "nwfilter is in use");
        goto cleanup;
    }
    nuvObjListRemoveLocked(list->filters, &obj->parent);
    ret = 0;

 cleanup:
    nuvObjListWriteUnlock(list->filters);
    return ret;
}

nuvNWFilterObj **
nuvNWFilterObjListCollect(nuvNWFilterObjList *list, size_t *count)
{
    return (nuvNWFilterObj **)nuvObjListCollect(list->filters, count);
}

nuvNWFilterBindingObj **
nuvNWFilterObjListCollectBindings(nuvNWFilterObjList *list, size_t *count)
{
    return (nuvNWFilterBindingObj **)nuvObjListCollect(list->bindings, count);
}

size_t
nuvNWFilterObjListCount(nuvNWFilterObjList *list)
{
    return nuvObjListCount(list->filters);
}

nuvNWFilterBindingObj *
nuvNWFilterObjListFindBinding(nuvNWFilterObjList *list, const char *portdev)
{
    return (nuvNWFilterBindingObj *)nuvObjListFindByName(list->bindings, portdev);
}

nuvNWFilterBindingObj *
nuvNWFilterObjListAddBinding(nuvNWFilterObjList *list, nuvNWFilterBindingDef **def)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    nuvNWFilterBindingObj *obj = NULL;
    const char *missing;

    nuvObjListReadLock(list->filters);
    nuvObjListWriteLock(list->bindings);
    if (nuvObjListPeekByName(list->bindings, (*def)->portdev)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "filter binding for portdev %s already exists",
                       (*def)->portdev);
        goto cleanup;
    }
    /* applying the binding needs every filter it reaches */
    if ((missing = missingFilter(list, (*def)->filter, seen))) {
        nuvReportError(VIR_ERR_NO_NWFILTER, "referenced filter '%s' is missing", missing);
        goto cleanup;
    }
    obj = g_new0(nuvNWFilterBindingObj, 1);
    nuvObjInit(&obj->parent, &bindingObjClass);     /* the caller's reference */
    obj->def = g_steal_pointer(def);
    nuvObjListInsert(list->bindings, &obj->parent, obj->def->portdev, NULL);
    nuvNWFilterBindingObjLock(obj);

 cleanup:
    nuvObjListWriteUnlock(list->bindings);
    nuvObjListReadUnlock(list->filters);
    return obj;
}

void
nuvNWFilterObjListRemoveBinding(nuvNWFilterObjList *list, nuvNWFilterBindingObj *obj)
{
    nuvObjListRemove(list->bindings, &obj->parent);
}
