/*
 * test_domain_tuning.c: a test domain's vcpus, their pinning, and the
 * scheduler parameters.
 */
#include <string.h>

#include "test/test_private.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- cpusets and cpumaps ---- */

/* Host CPUs the test node pretends to have. */
static int
hostCpuCount(testDriver *drv)
{
    const virNodeInfo *ni = &drv->nodeInfo;
    return ni->nodes * ni->sockets * ni->cores * ni->threads;
}

/* Parse a libvirt cpuset ("0-3,^2,6") into @bits (@nbits long, cleared
 * first).  Returns -1 with an error for bad syntax or a CPU >= @nbits. */
static int
parseCpuset(const char *str, guint8 *bits, int nbits)
{
    g_auto(GStrv) parts = g_strsplit(str, ",", -1);

    memset(bits, 0, nbits);
    for (size_t i = 0; parts[i]; i++) {
        char *p = g_strstrip(parts[i]);
        bool neg = false;
        char *end;
        gint64 lo, hi;

        if (*p == '^') {
            neg = true;
            p++;
        }
        lo = g_ascii_strtoll(p, &end, 10);
        if (end == p || lo < 0)
            goto bad;
        hi = lo;
        if (*end == '-' && !neg) {
            p = end + 1;
            hi = g_ascii_strtoll(p, &end, 10);
            if (end == p || hi < lo)
                goto bad;
        }
        if (*end != '\0' || hi >= nbits)
            goto bad;
        for (gint64 c = lo; c <= hi; c++)
            bits[c] = !neg;
    }
    return 0;

bad:
    nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                       "Failed to parse bitmap '%s'", str);
    return -1;
}

/* The inverse: runs of CPUs as "a-b", joined by commas. */
static char *
formatCpuset(const guint8 *bits, int nbits)
{
    GString *s = g_string_new(NULL);

    for (int i = 0; i < nbits; i++) {
        int j = i;
        if (!bits[i])
            continue;
        while (j + 1 < nbits && bits[j + 1])
            j++;
        if (s->len)
            g_string_append_c(s, ',');
        if (j > i)
            g_string_append_printf(s, "%d-%d", i, j);
        else
            g_string_append_printf(s, "%d", i);
        i = j;
    }
    return g_string_free(s, FALSE);
}

/* The <vcpupin> of @vcpu in @def, or NULL. */
static nuvXNode *
findVcpuPin(const nuvDomainDef *def, unsigned int vcpu)
{
    nuvXNode *cputune = nuvXNodeChild(def->tree, "cputune");
    char buf[16];

    if (!cputune)
        return NULL;
    g_snprintf(buf, sizeof(buf), "%u", vcpu);
    for (size_t i = 0; i < nuvXNodeCountChildren(cputune, "vcpupin"); i++) {
        nuvXNode *pin = nuvXNodeNthChild(cputune, "vcpupin", i);
        if (g_strcmp0(nuvXNodeGet(pin, "vcpu"), buf) == 0)
            return pin;
    }
    return NULL;
}

/* Affinity of @vcpu as @nbits flags: its own pin, else the domain-wide
 * <vcpu cpuset>, else every host CPU. */
static int
vcpuAffinity(const nuvDomainDef *def, unsigned int vcpu, guint8 *bits, int nbits)
{
    nuvXNode *pin = findVcpuPin(def, vcpu);
    nuvXNode *vcpuNode = nuvXNodeChild(def->tree, "vcpu");
    const char *set = NULL;

    if (pin)
        set = nuvXNodeGet(pin, "cpuset");
    if (!set && vcpuNode)
        set = nuvXNodeGet(vcpuNode, "cpuset");
    if (!set) {
        memset(bits, 1, nbits);
        return 0;
    }
    return parseCpuset(set, bits, nbits);
}

/* Pack @bits into libvirt's cpumap layout (bit n of byte n/8), at most
 * @maplen bytes. */
static void
packCpumap(const guint8 *bits, int nbits, unsigned char *map, int maplen)
{
    memset(map, 0, maplen);
    for (int i = 0; i < nbits && i < maplen * 8; i++) {
        if (bits[i])
            map[i / 8] |= 1 << (i % 8);
    }
}

/* ---- vcpus ---- */

int
testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                   int maplen)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int hostcpus = hostCpuCount(drv);
    g_autofree guint8 *bits = g_new0(guint8, hostcpus);
    long long usec, sec;
    int ret = -1;
    int n;

    /* The entry point is generated; these are the argument checks libvirt
     * makes before calling a driver. */
    if (maxinfo < 1) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                              "%s", "maxinfo in virDomainGetVcpus must be greater than zero");
        return -1;
    }
    if (cpumaps && maplen <= 0) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                              "%s", "maplen in virDomainGetVcpus must be greater than zero");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "%s", "cannot list vcpus for an inactive domain");
        goto cleanup;
    }

    testWallClock(&usec, &sec);
    n = MIN(maxinfo, (int)obj->def->vcpus);
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maplen * maxinfo);
    for (int i = 0; i < n; i++) {
        int last = -1;

        if (vcpuAffinity(obj->def, i, bits, hostcpus) < 0)
            goto cleanup;
        for (int c = 0; c < hostcpus; c++) {
            if (bits[c])
                last = c;
        }
        info[i].number = i;
        info[i].state = VIR_VCPU_RUNNING;
        /* an ever-growing CPU time, and the highest CPU it may run on */
        info[i].cpuTime = usec / 10;
        info[i].cpu = last;
        if (cpumaps)
            packCpumap(bits, hostcpus, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    ret = n;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
testDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen,
                       unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    int hostcpus = hostCpuCount(drv);
    g_autofree guint8 *bits = g_new0(guint8, hostcpus);
    g_autofree char *set = NULL;
    nuvXNode *pin;
    char buf[16];
    int ret = -1;

    /* libvirt's test hypervisor pins the running vcpus only. */
    nuvCheckFlags(0, -1);
    if (maplen <= 0) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                              "%s", "maplen in virDomainPinVcpuFlags must be greater than zero");
        return -1;
    }
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "%s", "cannot pin vcpus on an inactive domain");
        goto cleanup;
    }
    if (vcpu >= obj->def->vcpus) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "requested vcpu '%u' is not present in the domain",
                       vcpu);
        goto cleanup;
    }

    for (int c = 0; c < hostcpus && c < maplen * 8; c++)
        bits[c] = (cpumap[c / 8] >> (c % 8)) & 1;
    set = formatCpuset(bits, hostcpus);
    if (!*set) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                           "Empty cpu list for pinning");
        goto cleanup;
    }
    nuvDomainObjPrepareChange(obj);
    if (!(pin = findVcpuPin(obj->def, vcpu))) {
        pin = nuvXNodeAddChild(nuvXNodeEnsureChild(obj->def->tree, "cputune"), "vcpupin");
        g_snprintf(buf, sizeof(buf), "%u", vcpu);
        nuvXNodeSet(pin, "vcpu", buf);
    }
    nuvXNodeSet(pin, "cpuset", set);
    ret = 0;

cleanup:
    testDomObjEndJob(&obj);
    return ret;
}

int
testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    return testDomainPinVcpuFlags(domain, vcpu, cpumap, maplen, 0);
}

int
testDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                         unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    nuvDomainDef *def;
    int hostcpus = hostCpuCount(drv);
    g_autofree guint8 *bits = g_new0(guint8, hostcpus);
    int ret = -1;
    int n;

    /* libvirt's test hypervisor ignores flags other than LIVE and CONFIG
     * here rather than rejecting them; so do we, to answer the same. */
    nuvExclusiveFlags(VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (ncpumaps < 1 || maplen < 1 || !cpumaps) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                              "ncpumaps, maplen and cpumaps in virDomainGetVcpuPinInfo "
                              "must be set");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (flags & VIR_DOMAIN_AFFECT_LIVE) {
        if (testCheckActive(obj) < 0)
            goto cleanup;
        def = obj->def;
    } else if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        def = nuvDomainObjGetPersistentDef(obj);
    } else {
        def = obj->def;
    }

    n = MIN(ncpumaps, (int)def->maxvcpus);
    memset(cpumaps, 0, (size_t)ncpumaps * maplen);
    for (int i = 0; i < n; i++) {
        if (vcpuAffinity(def, i, bits, hostcpus) < 0)
            goto cleanup;
        packCpumap(bits, hostcpus, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    ret = n;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- scheduler ---- */

/* libvirt's test hypervisor has one scheduler parameter and always
 * reports the same weight, whatever was set; clients written against it
 * expect exactly that. */
#define TEST_SCHED_WEIGHT 50

int
testDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (*nparams < 1) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                              "nparams in virDomainGetSchedulerParameters must be "
                              "greater than zero");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    nuvDomainObjEndAPI(&obj);
    if (nuvTypedParamAssign(params, VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT,
                            TEST_SCHED_WEIGHT) < 0)
        return -1;
    *nparams = 1;
    return 0;
}

int
testDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int nparams,
                                      unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (nuvTypedParamsValidate(params, nparams, VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT,
                               NULL) < 0)
        return -1;
    if (!(obj = testDomObjBeginJob(domain, NUV_DOMAIN_JOB_MODIFY, __func__)))
        return -1;
    /* Accepted and dropped: see TEST_SCHED_WEIGHT. */
    testDomObjEndJob(&obj);
    return 0;
}

