/*
 * domain_stats.c: virDomainListGetStats, the one statistics entry point
 * whose handle is an array: every domain in it must be live and belong to
 * the same connection, which then serves the whole call.
 */
#include "api/api-internal.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
                      unsigned int flags)
{
    virConnectPtr conn = NULL;
    int ret;

    nuvErrorReset();
    if (!doms) {
        nuvApiNullArg(VIR_FROM_THIS, "doms", __func__);
        goto error;
    }
    if (!retStats) {
        nuvApiNullArg(VIR_FROM_THIS, "retStats", __func__);
        goto error;
    }
    if (!*doms) {
        nuvReportError(VIR_ERR_INVALID_ARG, "doms array in %s must contain at least one domain",
                       __func__);
        goto error;
    }
    if (!nuvApiCheckDomain(*doms, __func__))
        goto error;
    conn = (*doms)->conn;
    /* The driver of the first domain answers for all of them. */
    for (virDomainPtr *d = doms + 1; *d; d++) {
        if (!nuvApiCheckDomain(*d, __func__))
            goto error;
        if ((*d)->conn != conn) {
            nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                           "domains in 'doms' array must belong to a single connection");
            goto error;
        }
    }
    if (!conn->driver->hypervisor || !conn->driver->hypervisor->domainListGetStats) {
        nuvApiUnsupported(VIR_FROM_THIS, __func__);
        goto error;
    }
    if ((ret = conn->driver->hypervisor->domainListGetStats(doms, stats, retStats, flags)) < 0)
        goto error;
    return ret;

error:
    virDispatchError(conn);
    return -1;
}
