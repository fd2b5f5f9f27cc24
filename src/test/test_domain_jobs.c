/*
 * test_domain_jobs.c: job queries of a test domain.  The test hypervisor
 * never runs a background job (save, dump, migration complete at once),
 * so there is never one to report or abort.
 */
#include <string.h>

#include "test/test_private.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

int
testDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info)
{
    nuvDomainObj *obj;
    int ret = -1;

    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto cleanup;
    memset(info, 0, sizeof(*info));
    info->type = VIR_DOMAIN_JOB_NONE;
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params, int *nparams,
                      unsigned int flags)
{
    nuvDomainObj *obj;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1);
    if (!params) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                              "%s", "params in virDomainGetJobStats must not be NULL");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    /* A finished job could be asked about after the guest stopped; a
     * current one only while it runs. */
    if (!(flags & VIR_DOMAIN_JOB_STATS_COMPLETED) && testCheckActive(obj) < 0)
        goto cleanup;
    *type = VIR_DOMAIN_JOB_NONE;
    *params = NULL;
    *nparams = 0;
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainAbortJobFlags(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_DOMAIN_ABORT_JOB_POSTCOPY, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) == 0) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                           "%s", "no job is active on the domain");
    }
    nuvDomainObjEndAPI(&obj);
    return -1;
}

