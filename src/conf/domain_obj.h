/*
 * domain_obj.h: a domain as a driver holds it (definition + runtime state),
 * its jobs, and the list of them with name, UUID and id indexes.
 *
 * Locking (docs/locking.md): a domain object is a nuvObj
 * (conf/object_list.h) and its list a nuvObjList.  Find* returns the
 * object locked and with a new reference; nuvDomainObjEndAPI() unlocks,
 * unrefs and NULLs it.  Lock order: list -> object -> the id index's own
 * lock.  Nothing takes the list lock while holding an object lock
 * (nuvDomainObjListRemove drops the object lock first;
 * nuvDomainObjListSetID needs only the id lock).
 *
 * Jobs: a change that must let go of the object lock while it waits (a
 * monitor round trip, a process start) first takes the domain's job, so
 * that no other change starts meanwhile; queries take no job.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/domain_def.h"
#include "conf/object_list.h"

/* Ways a running domain's configuration can be questionable; reported by
 * virDomainGetMessages in this order. */
typedef enum {
    NUV_DOMAIN_TAINT_HIGH_PRIVILEGES,
    NUV_DOMAIN_TAINT_SHELL_SCRIPTS,
    NUV_DOMAIN_TAINT_CDROM_PASSTHROUGH,
    NUV_DOMAIN_TAINT_CUSTOM_DTB,
    NUV_DOMAIN_TAINT_DEPRECATED_CONFIG,

    NUV_DOMAIN_TAINT_LAST
} nuvDomainTaint;

typedef struct _nuvDomainObj nuvDomainObj;
/* The kinds of job; one at a time per domain. */
typedef enum {
    NUV_DOMAIN_JOB_NONE = 0,
    NUV_DOMAIN_JOB_MODIFY,      /* any change of state or definition */
    NUV_DOMAIN_JOB_DESTROY,     /* stopping it, whatever it was doing */

    NUV_DOMAIN_JOB_LAST
} nuvDomainJob;

/* How long a change waits for another's job before giving up, as libvirt
 * waits for its state change lock. */
#define NUV_DOMAIN_JOB_WAIT_MS (30 * 1000)

struct _nuvDomainObj {
    nuvObj parent;              /* lock, references, index keys */

    /* All below guarded by parent.lock. */
    nuvDomainDef *def;          /* the running (or inactive) definition */
    nuvDomainDef *newDef;       /* persistent config pending while running */
    int id;                     /* -1 when inactive; immutable while active */
    int state;                  /* virDomainState */
    int reason;                 /* the state's reason enum */
    bool persistent;
    bool autostart;
    bool hasManagedSave;
    bool updated;               /* redefined while running (virDomainIsUpdated) */
    unsigned int taints;        /* 1 << nuvDomainTaint */
    GPtrArray *deprecations;    /* char *: what is deprecated, or NULL */
    gint64 startedAt;           /* monotonic microseconds, for CPU time */
    struct _nuvMomentList *snapshots;   /* NULL until the first snapshot */
    struct _nuvMomentList *checkpoints; /* NULL until the first checkpoint */
    nuvDomainJob job;           /* the job running, or NONE */
    const char *jobOwner;       /* the API that began it (static string) */
    gint64 jobStarted;          /* monotonic microseconds */
    GCond jobCond;              /* signalled when a job ends */
    void *privateData;          /* the driver's */
    void (*privateFree)(void *privateData);
};

typedef struct _nuvDomainObjList nuvDomainObjList;

nuvDomainObjList *nuvDomainObjListNew(void);
void nuvDomainObjListFree(nuvDomainObjList *list);

/* Lookups: the object locked and referenced, or NULL (no error reported). */
nuvDomainObj *nuvDomainObjListFindByName(nuvDomainObjList *list, const char *name);
nuvDomainObj *nuvDomainObjListFindByUUID(nuvDomainObjList *list, const unsigned char *uuid);
nuvDomainObj *nuvDomainObjListFindByID(nuvDomainObjList *list, int id);

/* Add a definition: a new object, or (same name and UUID) an update of
 * the existing one.  Conflicts (same name other UUID, same UUID other
 * name, or an active domain when NUV_DOMAIN_OBJ_ADD_INACTIVE_ONLY) are
 * reported as libvirt does.  On success *def is consumed (set to NULL),
 * *oldDef (if given) receives the replaced definition, and the object is
 * returned locked and referenced. */
typedef enum {
    NUV_DOMAIN_OBJ_ADD_LIVE = 1 << 0,           /* def becomes the running def */
    NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE = 1 << 1,   /* fail if the existing one runs */
} nuvDomainObjAddFlags;
nuvDomainObj *nuvDomainObjListAdd(nuvDomainObjList *list, nuvDomainDef **def,
                                  unsigned int flags, nuvDomainDef **oldDef);

/* Drop @obj (locked by the caller) from the indexes.  The caller still
 * holds its reference and lock; EndAPI releases them. */
void nuvDomainObjListRemove(nuvDomainObjList *list, nuvDomainObj *obj);

/* Give @obj (locked by the caller, who keeps the lock) the name @newName
 * and re-index it.  @check, if given, runs with the list and the object
 * locked, so a condition it verifies (say, "not running") still holds
 * when the name changes; it reports its own error and returns -1 to
 * refuse.  Errors as libvirt's: the same name, a name already taken. */
int nuvDomainObjListRename(nuvDomainObjList *list, nuvDomainObj *obj, const char *newName,
                           int (*check)(nuvDomainObj *obj, void *opaque), void *opaque);

/* Index an id once the domain is started (obj locked). */
void nuvDomainObjListSetID(nuvDomainObjList *list, nuvDomainObj *obj, int id);

/* Every object, referenced but not locked, in no particular order;
 * release with nuvDomainObjListFreeArray. */
nuvDomainObj **nuvDomainObjListCollect(nuvDomainObjList *list, size_t *count);
void nuvDomainObjListFreeArray(nuvDomainObj **objs, size_t count);
size_t nuvDomainObjListCount(nuvDomainObjList *list);

static inline void
nuvDomainObjRef(nuvDomainObj *obj)
{
    nuvObjRef(&obj->parent);
}

static inline void
nuvDomainObjUnref(nuvDomainObj *obj)
{
    if (obj)
        nuvObjUnref(&obj->parent);
}

static inline void
nuvDomainObjLock(nuvDomainObj *obj)
{
    nuvObjLock(&obj->parent);
}

static inline void
nuvDomainObjUnlock(nuvDomainObj *obj)
{
    nuvObjUnlock(&obj->parent);
}

static inline void
nuvDomainObjEndAPI(nuvDomainObj **obj)
{
    if (!*obj)
        return;
    nuvObjUnlock(&(*obj)->parent);
    nuvObjUnref(&(*obj)->parent);
    *obj = NULL;
}

/* Whether @obj (locked) was dropped from its list meanwhile. */
static inline bool
nuvDomainObjIsRemoved(const nuvDomainObj *obj)
{
    return obj->parent.removing;
}

/* Begin a job on @obj (locked).  While another job runs, wait for it with
 * the object lock released, up to NUV_DOMAIN_JOB_WAIT_MS (or @timeoutMs):
 * then VIR_ERR_OPERATION_TIMEOUT "cannot acquire state change lock".  A
 * domain removed while waiting gives VIR_ERR_NO_DOMAIN.  The caller may
 * release the object lock during the job and must re-check the state after
 * taking it again; nuvDomainObjEndJob (object locked) ends it.  @owner
 * names the API, for the timeout message. */
int nuvDomainObjBeginJob(nuvDomainObj *obj, nuvDomainJob job, const char *owner);
int nuvDomainObjBeginJobTimeout(nuvDomainObj *obj, nuvDomainJob job, const char *owner,
                                unsigned int timeoutMs);
void nuvDomainObjEndJob(nuvDomainObj *obj);

static inline bool
nuvDomainObjIsActive(const nuvDomainObj *obj)
{
    return obj->id >= 0;
}

/* The persistent definition: newDef when a change is pending, else def. */
nuvDomainDef *nuvDomainObjGetPersistentDef(nuvDomainObj *obj);

/* Call before changing either definition of a domain (locked): a running
 * persistent domain gets its own copy of the persistent definition, so that
 * a live change ends with this run and a config change waits for the next.
 * Returns the persistent definition. */
nuvDomainDef *nuvDomainObjPrepareChange(nuvDomainObj *obj);

void nuvDomainObjSetState(nuvDomainObj *obj, int state, int reason);

/* Record a taint / a deprecation note (obj locked). */
void nuvDomainObjTaint(nuvDomainObj *obj, nuvDomainTaint taint);
void nuvDomainObjDeprecation(nuvDomainObj *obj, const char *what);

/* virDomainGetMessages: "tainted: ..." then "deprecated configuration:
 * ..." lines, filtered by VIR_DOMAIN_MESSAGE_* @flags (0: all); the count
 * is returned, the NULL-terminated array in *msgs. */
int nuvDomainObjGetMessages(nuvDomainObj *obj, char ***msgs, unsigned int flags);

/* virConnectListAllDomains: every filter flag, and whether @obj (locked)
 * passes @flags. */
#define NUV_DOMAIN_LIST_FILTERS \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)
bool nuvDomainObjMatchesFilter(nuvDomainObj *obj, unsigned int flags);

/* Which definitions a VIR_DOMAIN_AFFECT_* change of @obj (locked) goes
 * to: CURRENT resolved by whether it runs; LIVE on an inactive domain and
 * CONFIG on a transient one are refused with libvirt's errors. */
int nuvDomainObjAffectedDefs(nuvDomainObj *obj, unsigned int flags, bool *live, bool *config);
