/*
 * domain_obj.c: domain objects and their indexed list.
 */
#include <string.h>

#include "util/locks.h"
#include "conf/domain_obj.h"
#include "conf/moment_list.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Lock hierarchy: list lock -> object lock -> id lock.  The id index has
 * its own small lock because ids change when a domain starts or stops, with
 * the domain's object lock held; taking the list lock there would invert
 * the order that adding and renaming (list, then object) need. */
struct _nuvDomainObjList {
    GRWLock lock;           /* guards byName and byUUID */
    GHashTable *byName;     /* name -> obj (the table holds a reference) */
    GHashTable *byUUID;     /* 16-byte uuid -> obj (borrowed from byName) */
    GMutex idLock;          /* guards byID; innermost lock */
    GHashTable *byID;       /* id -> obj (borrowed) */
};

/* All 16 bytes count: UUIDs chosen by people or tools are often sequential
 * or share a prefix, and are not random enough to use a slice of them. */
static guint
uuidHash(gconstpointer key)
{
    guint64 words[2];
    guint64 h;

    memcpy(words, key, sizeof(words));
    h = words[0] * 0x9e3779b97f4a7c15ULL ^ words[1];
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return (guint)h;
}

static gboolean
uuidEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}

void
nuvDomainObjRef(nuvDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
}

void
nuvDomainObjUnref(nuvDomainObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    if (obj->privateFree)
        obj->privateFree(obj->privateData);
    nuvDomainDefFree(obj->def);
    nuvDomainDefFree(obj->newDef);
    nuvMomentListFree(obj->snapshots);
    nuvMomentListFree(obj->checkpoints);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

void
nuvDomainObjLock(nuvDomainObj *obj)
{
    nuvMutexLock(&obj->lock);
}

void
nuvDomainObjUnlock(nuvDomainObj *obj)
{
    nuvMutexUnlock(&obj->lock);
}

void
nuvDomainObjEndAPI(nuvDomainObj **obj)
{
    if (!*obj)
        return;
    nuvDomainObjUnlock(*obj);
    nuvDomainObjUnref(*obj);
    *obj = NULL;
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
    g_rw_lock_init(&list->lock);
    /* Keys are copies: a redefinition replaces obj->def under them. */
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) nuvDomainObjUnref);
    list->byUUID = g_hash_table_new_full(uuidHash, uuidEqual, g_free, NULL);
    g_mutex_init(&list->idLock);
    list->byID = g_hash_table_new(g_direct_hash, g_direct_equal);
    return list;
}

void
nuvDomainObjListFree(nuvDomainObjList *list)
{
    if (!list)
        return;
    g_hash_table_destroy(list->byID);
    g_mutex_clear(&list->idLock);
    g_hash_table_destroy(list->byUUID);
    g_hash_table_destroy(list->byName);
    g_rw_lock_clear(&list->lock);
    g_free(list);
}

/* Lock a found object, referenced by the caller while an index lock was
 * held; a domain removed meanwhile counts as not found. */
static nuvDomainObj *
lockFound(nuvDomainObj *obj)
{
    if (!obj)
        return NULL;
    nuvDomainObjLock(obj);
    if (obj->removing) {
        nuvDomainObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

static nuvDomainObj *
findIn(nuvDomainObjList *list, GHashTable *table, gconstpointer key)
{
    nuvDomainObj *obj;

    nuvRWLockRead(&list->lock);
    if ((obj = g_hash_table_lookup(table, key)))
        nuvDomainObjRef(obj);
    nuvRWUnlockRead(&list->lock);
    return lockFound(obj);
}

nuvDomainObj *
nuvDomainObjListFindByName(nuvDomainObjList *list, const char *name)
{
    return findIn(list, list->byName, name);
}

nuvDomainObj *
nuvDomainObjListFindByUUID(nuvDomainObjList *list, const unsigned char *uuid)
{
    return findIn(list, list->byUUID, uuid);
}

nuvDomainObj *
nuvDomainObjListFindByID(nuvDomainObjList *list, int id)
{
    nuvDomainObj *obj;

    nuvMutexLock(&list->idLock);
    if ((obj = g_hash_table_lookup(list->byID, GINT_TO_POINTER(id))))
        nuvDomainObjRef(obj);
    nuvMutexUnlock(&list->idLock);
    return lockFound(obj);
}

nuvDomainObj *
nuvDomainObjListAdd(nuvDomainObjList *list, nuvDomainDef **def,
                    unsigned int flags, nuvDomainDef **oldDef)
{
    nuvDomainDef *newdef = *def;
    nuvDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvRWLockWrite(&list->lock);
    if ((obj = g_hash_table_lookup(list->byUUID, newdef->uuid))) {
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
        nuvRWUnlockWrite(&list->lock);
        *def = NULL;
        return obj;
    }
    if ((obj = g_hash_table_lookup(list->byName, newdef->name))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED,
                       "domain '%s' already exists with uuid %s",
                       newdef->name, nuvUUIDFormat(obj->def->uuid, uuidstr));
        nuvRWUnlockWrite(&list->lock);
        return NULL;
    }

    obj = g_new0(nuvDomainObj, 1);
    g_mutex_init(&obj->lock);
    obj->refs = 2;          /* the list's and the caller's */
    obj->def = newdef;
    obj->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    g_hash_table_insert(list->byName, g_strdup(newdef->name), obj);
    g_hash_table_insert(list->byUUID, g_memdup2(newdef->uuid, VIR_UUID_BUFLEN), obj);
    nuvDomainObjLock(obj);
    nuvRWUnlockWrite(&list->lock);
    if (oldDef)
        *oldDef = NULL;
    *def = NULL;
    return obj;

 error_locked:
    nuvDomainObjUnlock(obj);
    nuvRWUnlockWrite(&list->lock);
    return NULL;
}

void
nuvDomainObjListRemove(nuvDomainObjList *list, nuvDomainObj *obj)
{
    /* Respect lock order: drop the object lock before taking the list's.
     * The caller's reference keeps the object alive meanwhile. */
    obj->removing = true;
    nuvDomainObjUnlock(obj);
    nuvRWLockWrite(&list->lock);
    nuvMutexLock(&list->idLock);
    if (obj->id >= 0 && g_hash_table_lookup(list->byID, GINT_TO_POINTER(obj->id)) == obj)
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
    nuvMutexUnlock(&list->idLock);
    g_hash_table_remove(list->byUUID, obj->def->uuid);
    g_hash_table_remove(list->byName, obj->def->name);   /* drops the list's ref */
    nuvRWUnlockWrite(&list->lock);
    nuvDomainObjLock(obj);
}

void
nuvDomainObjListSetID(nuvDomainObjList *list, nuvDomainObj *obj, int id)
{
    /* The caller holds the object lock, so only the innermost lock. */
    nuvMutexLock(&list->idLock);
    if (obj->id >= 0)
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
    obj->id = id;
    if (id >= 0)
        g_hash_table_insert(list->byID, GINT_TO_POINTER(id), obj);
    nuvMutexUnlock(&list->idLock);
}

nuvDomainObj **
nuvDomainObjListCollect(nuvDomainObjList *list, size_t *count)
{
    GHashTableIter iter;
    gpointer value;
    nuvDomainObj **objs;
    size_t n = 0;

    nuvRWLockRead(&list->lock);
    objs = g_new(nuvDomainObj *, g_hash_table_size(list->byName) + 1);
    g_hash_table_iter_init(&iter, list->byName);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        nuvDomainObjRef(value);
        objs[n++] = value;
    }
    nuvRWUnlockRead(&list->lock);
    objs[n] = NULL;
    *count = n;
    return objs;
}

void
nuvDomainObjListFreeArray(nuvDomainObj **objs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        nuvDomainObjUnref(objs[i]);
    g_free(objs);
}

size_t
nuvDomainObjListCount(nuvDomainObjList *list)
{
    size_t n;
    nuvRWLockRead(&list->lock);
    n = g_hash_table_size(list->byName);
    nuvRWUnlockRead(&list->lock);
    return n;
}

int
nuvDomainObjListRename(nuvDomainObjList *list, nuvDomainObj *obj, const char *newName,
                       int (*check)(nuvDomainObj *obj, void *opaque), void *opaque)
{
    g_autofree char *oldKey = NULL;
    gpointer ref = NULL;
    int ret = -1;

    if (strcmp(obj->def->name, newName) == 0) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "Can't rename domain to itself");
        return -1;
    }

    /* Lock order is list then object: let go of the object while the list
     * lock is taken, then check again what may have changed meanwhile. */
    nuvDomainObjUnlock(obj);
    nuvRWLockWrite(&list->lock);
    nuvDomainObjLock(obj);

    if (obj->removing) {
        nuvReportError(VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'", obj->def->name);
        goto cleanup;
    }
    if (g_hash_table_contains(list->byName, newName)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "domain with name '%s' already exists",
                       newName);
        goto cleanup;
    }
    if (check && check(obj, opaque) < 0)
        goto cleanup;

    /* Move the list's reference from the old key to the new one. */
    if (!g_hash_table_steal_extended(list->byName, obj->def->name,
                                     (gpointer *) &oldKey, &ref))
        goto cleanup;
    g_hash_table_insert(list->byName, g_strdup(newName), ref);
    g_free(obj->def->name);
    obj->def->name = g_strdup(newName);
    if (obj->newDef) {
        g_free(obj->newDef->name);
        obj->newDef->name = g_strdup(newName);
    }
    ret = 0;

 cleanup:
    nuvRWUnlockWrite(&list->lock);
    return ret;
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
