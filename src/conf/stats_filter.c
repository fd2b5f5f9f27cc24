/*
 * stats_filter.c: the driver-neutral part of the bulk domain statistics.
 */
#include <stdlib.h>
#include <string.h>

#include "conf/stats_filter.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

int
nuvStatsGroups(unsigned int stats, unsigned int flags, unsigned int supported,
               unsigned int *groups)
{
    if (!stats) {
        *groups = supported;
        return 0;
    }
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) && (stats & ~supported)) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "Stats types bits 0x%x are not supported by this daemon",
                       stats & ~supported);
        return -1;
    }
    *groups = stats & supported;
    return 0;
}

bool
nuvStatsFilterMatches(nuvDomainObj *obj, unsigned int flags)
{
    bool active = nuvDomainObjIsActive(obj);
    unsigned int states =
        flags &
        (VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |
         VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER);

    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE) && !active &&
        !(flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE))
        return false;
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE) && active &&
        !(flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE))
        return false;
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT) && !obj->persistent &&
        !(flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT))
        return false;
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT) && obj->persistent &&
        !(flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT))
        return false;
    if (states) {
        int st = obj->state;
        bool other =
            st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_PAUSED && st != VIR_DOMAIN_SHUTOFF;
        if (!((states & VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING && st == VIR_DOMAIN_RUNNING) ||
              (states & VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED && st == VIR_DOMAIN_PAUSED) ||
              (states & VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF && st == VIR_DOMAIN_SHUTOFF) ||
              (states & VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER && other)))
            return false;
    }
    return true;
}

typedef struct {
    nuvDomainObj *obj;
    int id;
    char *name;
} statsSortKey;

static int
compareKeys(const void *a, const void *b)
{
    const statsSortKey *ka = a, *kb = b;

    if ((ka->id >= 0) != (kb->id >= 0))
        return ka->id >= 0 ? -1 : 1;
    if (ka->id >= 0)
        return ka->id - kb->id;
    return strcmp(ka->name, kb->name);
}

nuvDomainObj **
nuvStatsCollectSorted(nuvDomainObjList *list, size_t *count)
{
    nuvDomainObj **objs = nuvDomainObjListCollect(list, count);
    g_autofree statsSortKey *keys = g_new0(statsSortKey, *count + 1);

    /* id and name are read once under each object's lock (a rename takes
     * the list's lock, which the collected references do not block) */
    for (size_t i = 0; i < *count; i++) {
        nuvDomainObjLock(objs[i]);
        keys[i] = (statsSortKey){ objs[i], objs[i]->id, g_strdup(objs[i]->def->name) };
        nuvDomainObjUnlock(objs[i]);
    }
    qsort(keys, *count, sizeof(*keys), compareKeys);
    for (size_t i = 0; i < *count; i++) {
        objs[i] = keys[i].obj;
        g_free(keys[i].name);
    }
    return objs;
}

/* One record for @obj (locked), or NULL with an error. */
static virDomainStatsRecordPtr
statsRecord(virConnectPtr conn, nuvDomainObj *obj, unsigned int groups, unsigned int flags,
            nuvStatsRecordFunc build, nuvStatsHandleFunc handle)
{
    g_autoptr(nuvTypedParamList) l = nuvTypedParamListNew();
    virDomainStatsRecordPtr rec;

    build(obj, groups, flags, l);
    rec = g_new0(virDomainStatsRecord, 1);
    if (nuvTypedParamListSteal(l, &rec->params, &rec->nparams) < 0) {
        g_free(rec);
        return NULL;
    }
    rec->dom = handle(conn, obj);
    return rec;
}

int
nuvStatsCollect(virConnectPtr conn, nuvDomainObjList *list, virDomainPtr *doms,
                unsigned int stats, unsigned int supported, unsigned int flags,
                nuvStatsRecordFunc build, nuvStatsHandleFunc handle,
                virDomainStatsRecordPtr **retStats)
{
    g_autofree virDomainStatsRecordPtr *recs = NULL;
    nuvDomainObj **objs;
    size_t nobjs = 0, n = 0;
    unsigned int groups;

    if (nuvStatsGroups(stats, flags, supported, &groups) < 0)
        return -1;

    if (doms) {
        size_t ndoms = 0;
        while (doms[ndoms])
            ndoms++;
        objs = g_new0(nuvDomainObj *, ndoms + 1);
        /* handles whose domain went away since are left out, as libvirt does */
        for (size_t i = 0; i < ndoms; i++) {
            unsigned char uuid[VIR_UUID_BUFLEN];
            nuvDomainObj *obj;
            if (virDomainGetUUID(doms[i], uuid) < 0 ||
                !(obj = nuvDomainObjListFindByUUID(list, uuid)))
                continue;
            nuvDomainObjUnlock(obj);
            objs[nobjs++] = obj;
        }
    } else {
        objs = nuvStatsCollectSorted(list, &nobjs);
    }
    recs = g_new0(virDomainStatsRecordPtr, nobjs + 1);
    for (size_t i = 0; i < nobjs; i++) {
        nuvDomainObj *obj = objs[i];
        virDomainStatsRecordPtr rec = NULL;

        nuvDomainObjLock(obj);
        if (!nuvDomainObjIsRemoved(obj) && nuvStatsFilterMatches(obj, flags) &&
            !(rec = statsRecord(conn, obj, groups, flags, build, handle))) {
            nuvDomainObjUnlock(obj);
            nuvDomainObjListFreeArray(objs, nobjs);
            virDomainStatsRecordListFree(g_steal_pointer(&recs));
            return -1;
        }
        nuvDomainObjUnlock(obj);
        if (rec)
            recs[n++] = rec;
    }
    nuvDomainObjListFreeArray(objs, nobjs);
    *retStats = g_steal_pointer(&recs);
    return n;
}
