/*
 * stats_filter.h: what every driver's virConnectGetAllDomainStats shares —
 * checking the requested groups, the filter flags, and the order of the
 * records.  Building a record is the driver's.
 */
#pragma once

#include <stdbool.h>
#include "libvirt/libvirt.h"
#include "conf/domain_obj.h"
#include "util/typedparam.h"

#define NUV_STATS_FILTER_FLAGS                                                                     \
    (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE |       \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |  \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |        \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

/* The groups to collect for @stats (0: all the driver has, @supported);
 * with ENFORCE_STATS an unsupported bit is libvirt's error. */
int nuvStatsGroups(unsigned int stats, unsigned int flags, unsigned int supported,
                   unsigned int *groups);

/* Does @obj (locked) pass the filter flags?  Each pair (active/inactive,
 * persistent/transient) filters only when one side of it is asked for. */
bool nuvStatsFilterMatches(nuvDomainObj *obj, unsigned int flags);

/* Every domain of @list (referenced, unlocked) in libvirt's order:
 * running ones by id, then the others by name.  Free with
 * nuvDomainObjListFreeArray. */
nuvDomainObj **nuvStatsCollectSorted(nuvDomainObjList *list, size_t *count);

/* What a driver adds to the record of @obj (locked; it may unlock it for
 * a while, as the QEMU driver does around a monitor command). */
typedef void (*nuvStatsRecordFunc)(nuvDomainObj *obj, unsigned int groups, unsigned int flags,
                                   nuvTypedParamList *params);
/* The driver's handle for @obj (locked). */
typedef virDomainPtr (*nuvStatsHandleFunc)(virConnectPtr conn, nuvDomainObj *obj);

/* virConnectGetAllDomainStats (@doms NULL: every domain of @list, in
 * nuvStatsCollectSorted's order) and virDomainListGetStats (@doms: those
 * of the handles still defined, in their order): the groups of @stats
 * the driver has (@supported, see nuvStatsGroups) for each domain passing
 * the filter @flags.  The count of records, or -1. */
int nuvStatsCollect(virConnectPtr conn, nuvDomainObjList *list, virDomainPtr *doms,
                    unsigned int stats, unsigned int supported, unsigned int flags,
                    nuvStatsRecordFunc build, nuvStatsHandleFunc handle,
                    virDomainStatsRecordPtr **retStats);
