/*
 * domain_obj.c: domain objects, their jobs, and their list (a nuvObjList
 * indexed by name, UUID and id).
 */
#include <string.h>

#include "util/locks.h"
#include "conf/domain_obj.h"
#include "conf/moment_list.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

struct _nuvDomainObjList {
    nuvObjList *objs;
};

static void
domainObjDispose(nuvObj *base)
{
    nuvDomainObj *obj = (nuvDomainObj *)base;

    if (obj->privateFree)
        obj->privateFree(obj->privateData);
    nuvDomainDefFree(obj->def);
    nuvDomainDefFree(obj->newDef);
    nuvMomentListFree(obj->snapshots);
    nuvMomentListFree(obj->checkpoints);
    g_cond_clear(&obj->jobCond);
}

static const nuvObjClass domainObjClass = {
    .name = "domain",
    .dispose = domainObjDispose,
};






/* ---- jobs ---- */

static const char *const jobNames[NUV_DOMAIN_JOB_LAST] = {
    [NUV_DOMAIN_JOB_NONE] = "none",
    [NUV_DOMAIN_JOB_MODIFY] = "modify",
    [NUV_DOMAIN_JOB_DESTROY] = "destroy",
};

int
nuvDomainObjBeginJobTimeout(nuvDomainObj *obj, nuvDomainJob job, const char *owner,
                            unsigned int timeoutMs)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeoutMs * 1000;

    g_assert(job > NUV_DOMAIN_JOB_NONE && job < NUV_DOMAIN_JOB_LAST);
    /* Waiting releases the object lock, so that queries and the job's
     * owner (which re-takes the lock to finish) go on meanwhile. */
    while (obj->job != NUV_DOMAIN_JOB_NONE) {
        if (!g_cond_wait_until(&obj->jobCond, &obj->parent.lock, deadline) &&
            obj->job != NUV_DOMAIN_JOB_NONE) {
            nuvReportError(VIR_ERR_OPERATION_TIMEOUT,
                           "cannot acquire state change lock (held by %s=%s)",
                           jobNames[obj->job], obj->jobOwner ? obj->jobOwner : "unknown");
            return -1;
        }
    }
    if (obj->parent.removing) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'",
                       obj->def->name);
        return -1;
    }
    obj->job = job;
    obj->jobOwner = owner;
    obj->jobStarted = g_get_monotonic_time();
    return 0;
}

int
nuvDomainObjBeginJob(nuvDomainObj *obj, nuvDomainJob job, const char *owner)
{
    return nuvDomainObjBeginJobTimeout(obj, job, owner, NUV_DOMAIN_JOB_WAIT_MS);
}

void
nuvDomainObjEndJob(nuvDomainObj *obj)
{
    g_assert(obj->job != NUV_DOMAIN_JOB_NONE);
    obj->job = NUV_DOMAIN_JOB_NONE;
    obj->jobOwner = NULL;
    obj->jobStarted = 0;
    /* Every waiter re-checks; one of them gets the job. */
    g_cond_broadcast(&obj->jobCond);
}

nuvDomainDef *
nuvDomainObjGetPersistentDef(nuvDomainObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

nuvDomainDef *
nuvDomainObjPrepareChange(nuvDomainObj *obj)
{
    if (obj->persistent && nuvDomainObjIsActive(obj) && !obj->newDef)
        obj->newDef = nuvDomainDefCopy(obj->def);
    return nuvDomainObjGetPersistentDef(obj);
}

/* libvirt's wording of each taint. */
static const char *const taintMessages[NUV_DOMAIN_TAINT_LAST] = {
    [NUV_DOMAIN_TAINT_HIGH_PRIVILEGES] = "running with undesirable elevated privileges",
    [NUV_DOMAIN_TAINT_SHELL_SCRIPTS] = "network configuration using opaque shell scripts",
    [NUV_DOMAIN_TAINT_CDROM_PASSTHROUGH] = "use of host cdrom passthrough",
    [NUV_DOMAIN_TAINT_CUSTOM_DTB] = "custom device tree blob used",
    [NUV_DOMAIN_TAINT_DEPRECATED_CONFIG] = "use of deprecated configuration settings",
};

void
nuvDomainObjTaint(nuvDomainObj *obj, nuvDomainTaint taint)
{
    obj->taints |= 1u << taint;
}

void
nuvDomainObjDeprecation(nuvDomainObj *obj, const char *what)
{
    if (!obj->deprecations)
        obj->deprecations = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(obj->deprecations, g_strdup(what));
}

int
nuvDomainObjGetMessages(nuvDomainObj *obj, char ***msgs, unsigned int flags)
{
    GPtrArray *out = g_ptr_array_new();
    int n;

    if (!flags)
        flags = VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING;
    if (flags & VIR_DOMAIN_MESSAGE_TAINTING) {
        for (int t = 0; t < NUV_DOMAIN_TAINT_LAST; t++) {
            if (obj->taints & (1u << t))
                g_ptr_array_add(out, g_strdup_printf("tainted: %s", taintMessages[t]));
        }
    }
    if ((flags & VIR_DOMAIN_MESSAGE_DEPRECATION) && obj->deprecations) {
        for (guint i = 0; i < obj->deprecations->len; i++)
            g_ptr_array_add(out, g_strdup_printf("deprecated configuration: %s",
                                                 (char *) g_ptr_array_index(obj->deprecations,
                                                                            i)));
    }
    n = out->len;
    g_ptr_array_add(out, NULL);
    *msgs = (char **) g_ptr_array_free(out, FALSE);
    return n;
}

void
nuvDomainObjSetState(nuvDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}

nuvDomainObjList *
nuvDomainObjListNew(void)
{
    nuvDomainObjList *list = g_new0(nuvDomainObjList, 1);
    list->objs = nuvObjListNew(NUV_OBJ_LIST_BY_UUID | NUV_OBJ_LIST_BY_ID);
    return list;
}

void
nuvDomainObjListFree(nuvDomainObjList *list)
{
    if (!list)
        return;
    nuvObjListFree(list->objs);
    g_free(list);
}

nuvDomainObj *
nuvDomainObjListFindByName(nuvDomainObjList *list, const char *name)
{
    return (nuvDomainObj *)nuvObjListFindByName(list->objs, name);
}

nuvDomainObj *
nuvDomainObjListFindByUUID(nuvDomainObjList *list, const unsigned char *uuid)
{
    return (nuvDomainObj *)nuvObjListFindByUUID(list->objs, uuid);
}

nuvDomainObj *
nuvDomainObjListFindByID(nuvDomainObjList *list, int id)
{
    return (nuvDomainObj *)nuvObjListFindByID(list->objs, id);
}

nuvDomainObj *
nuvDomainObjListAdd(nuvDomainObjList *list, nuvDomainDef **def,
                    unsigned int flags, nuvDomainDef **oldDef)
{
    nuvDomainDef *newdef = *def;
    nuvDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvObjListWriteLock(list->objs);
    if ((obj = (nuvDomainObj *)nuvObjListPeekByUUID(list->objs, newdef->uuid))) {
        nuvDomainObjLock(obj);
        if (strcmp(obj->def->name, newdef->name) != 0) {
            nuvReportError(VIR_ERR_OPERATION_FAILED,
                           "domain '%s' is already defined with uuid %s",
                           obj->def->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
            goto error_locked;
        }
        if ((flags & NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE) && nuvDomainObjIsActive(obj)) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "domain '%s' is already active", obj->def->name);
            goto error_locked;
        }
        /* A redefinition: the live definition stays while it runs. */
        if (nuvDomainObjIsActive(obj) && !(flags & NUV_DOMAIN_OBJ_ADD_LIVE)) {
            if (oldDef)
                *oldDef = obj->newDef;
            else
                nuvDomainDefFree(obj->newDef);
            obj->newDef = newdef;
            obj->updated = true;
        } else {
            if (oldDef)
                *oldDef = obj->def;
            else
                nuvDomainDefFree(obj->def);
            obj->def = newdef;
        }
        nuvDomainObjRef(obj);
        nuvObjListWriteUnlock(list->objs);
        *def = NULL;
        return obj;
    }
    if ((obj = (nuvDomainObj *)nuvObjListPeekByName(list->objs, newdef->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "domain '%s' already exists with uuid %s",
                       newdef->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvObjListWriteUnlock(list->objs);
        return NULL;
    }

    obj = g_new0(nuvDomainObj, 1);
    nuvObjInit(&obj->parent, &domainObjClass);   /* the caller's reference */
    g_cond_init(&obj->jobCond);
    obj->def = newdef;
    obj->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    nuvObjListInsert(list->objs, &obj->parent, newdef->name, newdef->uuid);
    nuvDomainObjLock(obj);
    nuvObjListWriteUnlock(list->objs);
    if (oldDef)
        *oldDef = NULL;
    *def = NULL;
    return obj;

 error_locked:
    nuvDomainObjUnlock(obj);
    nuvObjListWriteUnlock(list->objs);
    return NULL;
}

void
nuvDomainObjListRemove(nuvDomainObjList *list, nuvDomainObj *obj)
{
    nuvObjListRemove(list->objs, &obj->parent);
    /* Anyone waiting for a job on it learns it is gone. */
    g_cond_broadcast(&obj->jobCond);
}

void
nuvDomainObjListSetID(nuvDomainObjList *list, nuvDomainObj *obj, int id)
{
    obj->id = id;
    nuvObjListSetID(list->objs, &obj->parent, id);
}

nuvDomainObj **
nuvDomainObjListCollect(nuvDomainObjList *list, size_t *count)
{
    return (nuvDomainObj **)nuvObjListCollect(list->objs, count);
}

void
nuvDomainObjListFreeArray(nuvDomainObj **objs, size_t count)
{
    nuvObjListFreeArray((nuvObj **)objs, count);
}

size_t
nuvDomainObjListCount(nuvDomainObjList *list)
{
    return nuvObjListCount(list->objs);
}

typedef struct {
    int (*check)(nuvDomainObj *obj, void *opaque);
    void *opaque;
} renameArgs;

static int
renameCheck(nuvObj *obj, void *opaque)
{
    renameArgs *args = opaque;

    return args->check ? args->check((nuvDomainObj *)obj, args->opaque) : 0;
}

int
nuvDomainObjListRename(nuvDomainObjList *list, nuvDomainObj *obj, const char *newName,
                       int (*check)(nuvDomainObj *obj, void *opaque), void *opaque)
{
    renameArgs args = { check, opaque };
    int why = 0;

    if (strcmp(obj->def->name, newName) == 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "Can't rename domain to itself");
        return -1;
    }
    if (nuvObjListRename(list->objs, &obj->parent, newName, renameCheck, &args, &why) < 0) {
        if (why == 1)
            nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'",
                           obj->def->name);
        else if (why == 2)
            nuvReportError(VIR_ERR_OPERATION_INVALID, "domain with name '%s' already exists",
                           newName);
        return -1;
    }
    g_free(obj->def->name);
    obj->def->name = g_strdup(newName);
    if (obj->newDef) {
        g_free(obj->newDef->name);
        obj->newDef->name = g_strdup(newName);
    }
    return 0;
}

/* Does @obj (locked) pass the virConnectListAllDomains filter? */
bool
nuvDomainObjMatchesFilter(nuvDomainObj *obj, unsigned int flags)
{
    bool active = nuvDomainObjIsActive(obj);

#define FILTER(yes, no, cond) \
    if ((flags & ((yes) | (no))) && (flags & ((yes) | (no))) != ((yes) | (no)) && \
        !((flags & (yes)) ? (cond) : !(cond))) \
        return false;

    FILTER(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE, active)
    FILTER(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
           obj->persistent)
    FILTER(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
           obj->autostart)
    FILTER(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
           obj->hasManagedSave)
    FILTER(VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
           nuvMomentListSize(obj->snapshots) > 0)
    FILTER(VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
           nuvMomentListSize(obj->checkpoints) > 0)
#undef FILTER

    if (flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                 VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)) {
        int st = obj->state;
        bool ok = ((flags & VIR_CONNECT_LIST_DOMAINS_RUNNING) && st == VIR_DOMAIN_RUNNING) ||
                  ((flags & VIR_CONNECT_LIST_DOMAINS_PAUSED) && st == VIR_DOMAIN_PAUSED) ||
                  ((flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF) && st == VIR_DOMAIN_SHUTOFF) ||
                  ((flags & VIR_CONNECT_LIST_DOMAINS_OTHER) &&
                   st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_PAUSED &&
                   st != VIR_DOMAIN_SHUTOFF);
        if (!ok)
            return false;
    }
    return true;
}

int
nuvDomainObjAffectedDefs(nuvDomainObj *obj, unsigned int flags, bool *live, bool *config)
{
    bool active = nuvDomainObjIsActive(obj);

    *live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        *live = active;
        *config = !active;
    }
    if (*live && !active) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    if (*config && !obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "%s", "transient domains do not have any persistent config");
        return -1;
    }
    return 0;
}
