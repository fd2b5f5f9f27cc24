/*
 * test_domain_more.c: the test driver's monitoring and device methods:
 * vcpus and their pinning, the scheduler, block / interface / memory
 * statistics, jobs, rename, hot-plug, and the bulk domain statistics.
 *
 * Counters are made up the way libvirt's test hypervisor makes them up
 * (from the wall clock), so that values and their growth over time look
 * the same to a client comparing the two.
 */
#include <string.h>

#include "test/test_private.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- small helpers ---- */

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
    nuvErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
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

/* The definition that CONFIG changes go to (see nuvDomainObjPrepareChange). */
static nuvDomainDef *
editablePersistentDef(nuvDomainObj *obj)
{
    return nuvDomainObjPrepareChange(obj);
}

/* Before a live change to a running persistent domain. */
static void
preserveConfig(nuvDomainObj *obj)
{
    nuvDomainObjPrepareChange(obj);
}

/* Resolve VIR_DOMAIN_AFFECT_CURRENT and check the domain has what the
 * flags ask for.  Sets *live / *config. */
static int
affectedDefs(nuvDomainObj *obj, unsigned int flags, bool *live, bool *config)
{
    bool active = nuvDomainObjIsActive(obj);

    *live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    if (!*live && !*config) {
        *live = active;
        *config = !active;
    }
    if (*live && testCheckActive(obj) < 0)
        return -1;
    if (*config && !obj->persistent) {
        nuvErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__, __LINE__,
                           "%s", "transient domains do not have any persistent config");
        return -1;
    }
    return 0;
}

/* Seconds and microseconds of the wall clock, the base of every counter. */
static void
wallClock(long long *usec, long long *sec)
{
    gint64 now = g_get_real_time();
    *usec = now;
    *sec = now / G_USEC_PER_SEC;
}

/* The disk of @def whose target or source file is @path, or NULL. */
static nuvXNode *
findDisk(const nuvDomainDef *def, const char *path)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (!devs || !path)
        return NULL;
    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "disk"); i++) {
        nuvXNode *disk = nuvXNodeNthChild(devs, "disk", i);
        nuvXNode *target = nuvXNodeChild(disk, "target");
        nuvXNode *source = nuvXNodeChild(disk, "source");

        if (target && g_strcmp0(nuvXNodeGet(target, "dev"), path) == 0)
            return disk;
        if (source && g_strcmp0(nuvXNodeGet(source, "file"), path) == 0)
            return disk;
    }
    return NULL;
}

/* The interface of @def whose target device or MAC address is @name. */
static nuvXNode *
findInterface(const nuvDomainDef *def, const char *name)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    if (!devs || !name)
        return NULL;
    for (size_t i = 0; i < nuvXNodeCountChildren(devs, "interface"); i++) {
        nuvXNode *net = nuvXNodeNthChild(devs, "interface", i);
        nuvXNode *target = nuvXNodeChild(net, "target");
        nuvXNode *mac = nuvXNodeChild(net, "mac");

        if (target && g_strcmp0(nuvXNodeGet(target, "dev"), name) == 0)
            return net;
        if (mac && nuvXNodeGet(mac, "address") &&
            g_ascii_strcasecmp(nuvXNodeGet(mac, "address"), name) == 0)
            return net;
    }
    return NULL;
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
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s", "maxinfo in virDomainGetVcpus must be greater than zero");
        return -1;
    }
    if (cpumaps && maplen <= 0) {
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s", "maplen in virDomainGetVcpus must be greater than zero");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot list vcpus for an inactive domain");
        goto cleanup;
    }

    wallClock(&usec, &sec);
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
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s", "maplen in virDomainPinVcpuFlags must be greater than zero");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot pin vcpus on an inactive domain");
        goto cleanup;
    }
    if (vcpu >= obj->def->vcpus) {
        nuvReportError(VIR_ERR_INVALID_ARG, "requested vcpu '%u' is not present in the domain",
                       vcpu);
        goto cleanup;
    }

    for (int c = 0; c < hostcpus && c < maplen * 8; c++)
        bits[c] = (cpumap[c / 8] >> (c % 8)) & 1;
    set = formatCpuset(bits, hostcpus);
    if (!*set) {
        nuvErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__, "%s",
                           "Empty cpu list for pinning");
        goto cleanup;
    }
    preserveConfig(obj);
    if (!(pin = findVcpuPin(obj->def, vcpu))) {
        pin = nuvXNodeAddChild(nuvXNodeEnsureChild(obj->def->tree, "cputune"), "vcpupin");
        g_snprintf(buf, sizeof(buf), "%u", vcpu);
        nuvXNodeSet(pin, "vcpu", buf);
    }
    nuvXNodeSet(pin, "cpuset", set);
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
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
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s",
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
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s",
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
testDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams)
{
    return testDomainGetSchedulerParametersFlags(domain, params, nparams, 0);
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
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    /* Accepted and dropped: see TEST_SCHED_WEIGHT. */
    nuvDomainObjEndAPI(&obj);
    return 0;
}

int
testDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams)
{
    return testDomainSetSchedulerParametersFlags(domain, params, nparams, 0);
}

/* ---- block, interface and memory statistics ---- */

/* The object of a running domain and its disk @path; reports libvirt's
 * errors.  On success the object is returned locked. */
static nuvDomainObj *
activeObjWithDisk(virDomainPtr domain, const char *path)
{
    nuvDomainObj *obj;

    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if (testCheckActive(obj) < 0)
        goto error;
    if (!findDisk(obj->def, path)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid path: %s", path);
        goto error;
    }
    return obj;

error:
    nuvDomainObjEndAPI(&obj);
    return NULL;
}

static void
fakeBlockStats(virDomainBlockStatsStruct *st)
{
    long long usec, sec;

    wallClock(&usec, &sec);
    st->rd_req = usec / 10;
    st->rd_bytes = usec / 20;
    st->wr_req = usec / 30;
    st->wr_bytes = usec / 40;
    st->errs = sec / 2;
}

int
testDomainBlockStats(virDomainPtr domain, const char *path, virDomainBlockStatsPtr stats,
                     size_t size)
{
    virDomainBlockStatsStruct st = {0};
    nuvDomainObj *obj;

    if (size > sizeof(st)) {
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "stats in virDomainBlockStats must not be larger "
                              "than %zu bytes",
                              sizeof(st));
        return -1;
    }
    if (!(obj = activeObjWithDisk(domain, path)))
        return -1;
    nuvDomainObjEndAPI(&obj);
    fakeBlockStats(&st);
    /* An older caller may know a shorter struct. */
    memcpy(stats, &st, size);
    return 0;
}

int
testDomainBlockStatsFlags(virDomainPtr domain, const char *path, virTypedParameterPtr params,
                          int *nparams, unsigned int flags)
{
    virDomainBlockStatsStruct st = {0};
    g_autoptr(nuvTypedParamList) list = NULL;
    virTypedParameterPtr all;
    size_t count;
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams < 0 || (*nparams > 0 && !params)) {
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s", "params in virDomainBlockStatsFlags must not be NULL");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    /* An empty path asks for the sum over every disk, as in libvirt. */
    if (path && *path && !findDisk(obj->def, path)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid path: %s", path);
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    nuvDomainObjEndAPI(&obj);

    fakeBlockStats(&st);
    list = nuvTypedParamListNew();
    nuvTypedParamListAddLLong(list, st.rd_req, VIR_DOMAIN_BLOCK_STATS_READ_REQ);
    nuvTypedParamListAddLLong(list, st.rd_bytes, VIR_DOMAIN_BLOCK_STATS_READ_BYTES);
    nuvTypedParamListAddLLong(list, st.wr_req, VIR_DOMAIN_BLOCK_STATS_WRITE_REQ);
    nuvTypedParamListAddLLong(list, st.wr_bytes, VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES);
    nuvTypedParamListAddLLong(list, st.errs, VIR_DOMAIN_BLOCK_STATS_ERRS);
    if (nuvTypedParamListFetch(list, &all, &count) < 0)
        return -1;
    /* Zero asks how many there are; otherwise fill as many as fit. */
    if (*nparams == 0) {
        *nparams = count;
        return 0;
    }
    if ((size_t)*nparams > count)
        *nparams = count;
    memcpy(params, all, sizeof(*params) * *nparams);
    return 0;
}

int
testDomainInterfaceStats(virDomainPtr domain, const char *device, virDomainInterfaceStatsPtr stats,
                         size_t size)
{
    virDomainInterfaceStatsStruct st = {0};
    nuvDomainObj *obj;
    long long usec, sec;

    if (size > sizeof(st)) {
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "stats in virDomainInterfaceStats must not be "
                              "larger than %zu bytes",
                              sizeof(st));
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) < 0)
        goto error;
    if (!findInterface(obj->def, device)) {
        nuvErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                           "'%s' is not a known interface", device);
        goto error;
    }
    nuvDomainObjEndAPI(&obj);

    wallClock(&usec, &sec);
    st.rx_bytes = usec / 10;
    st.rx_packets = usec / 100;
    st.rx_errs = sec;
    st.rx_drop = sec / 2;
    st.tx_bytes = usec / 20;
    st.tx_packets = usec / 110;
    st.tx_errs = sec / 3;
    st.tx_drop = sec / 4;
    memcpy(stats, &st, size);
    return 0;

error:
    nuvDomainObjEndAPI(&obj);
    return -1;
}

int
testDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                      unsigned int flags)
{
    nuvDomainObj *obj;
    unsigned long long cur;
    unsigned int n = 0;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (testCheckActive(obj) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    cur = obj->def->currentMemory;
    nuvDomainObjEndAPI(&obj);

    /* The guest's balloon as libvirt's test hypervisor describes it: half
     * of it in use, an eighth cached. */
    {
        const struct {
            int tag;
            unsigned long long val;
        } all[] = {
            {VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur},
            {VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0},
            {VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0},
            {VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0},
            {VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0},
            {VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2},
            {VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur},
            {VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2},
            {VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 627319920},
            {VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8},
            {VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0},
            {VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0},
            {VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2},
        };
        for (size_t i = 0; i < G_N_ELEMENTS(all) && n < nr_stats; i++, n++) {
            stats[n].tag = all[i].tag;
            stats[n].val = all[i].val;
        }
    }
    return n;
}

int
testDomainGetBlockInfo(virDomainPtr domain, const char *path, virDomainBlockInfoPtr info,
                       unsigned int flags)
{
    nuvDomainObj *obj;

    nuvCheckFlags(0, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (!findDisk(obj->def, path)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", path);
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    nuvDomainObjEndAPI(&obj);

    /* Every test disk is a 1 TiB image, fully allocated, a little of it
     * taken by metadata. */
    info->capacity = 1099506450432ULL;
    info->allocation = 1099511627776ULL;
    info->physical = 1099511627776ULL;
    return 0;
}

/* ---- jobs: the test hypervisor never runs one ---- */

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
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
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
        nuvErrorReportFull(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, __FILE__, __func__, __LINE__,
                           "%s", "no job is active on the domain");
    }
    nuvDomainObjEndAPI(&obj);
    return -1;
}

int
testDomainAbortJob(virDomainPtr domain)
{
    return testDomainAbortJobFlags(domain, 0);
}

/* ---- rename and hostname ---- */

static int
renameCheck(nuvDomainObj *obj, void *opaque G_GNUC_UNUSED)
{
    if (nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename active domain");
        return -1;
    }
    if (!obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename a transient domain");
        return -1;
    }
    return 0;
}

int
testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    g_autofree char *oldName = NULL;
    nuvEvent *undefined = NULL;
    nuvEvent *defined = NULL;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!new_name || !*new_name) {
        nuvErrorReportRawFull(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "string new_name in virDomainRename must not be %s",
                              new_name ? "empty" : "NULL");
        return -1;
    }
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (renameCheck(obj, NULL) < 0)
        goto cleanup;
    oldName = g_strdup(obj->def->name);
    if (nuvDomainObjListRename(drv->domains, obj, new_name, renameCheck, NULL) < 0)
        goto cleanup;
    /* Listeners see the old name go and the new one come. */
    undefined = nuvDomainEventLifecycleNew(oldName, obj->def->uuid, -1, VIR_DOMAIN_EVENT_UNDEFINED,
                                           VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    defined =
        nuvDomainEventLifecycleNew(obj->def->name, obj->def->uuid, -1, VIR_DOMAIN_EVENT_DEFINED,
                                   VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    if (undefined)
        nuvEventQueue(drv->events, undefined);
    if (defined)
        nuvEventQueue(drv->events, defined);
    return ret;
}

char *
testDomainGetHostname(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    char *ret = NULL;

    nuvCheckFlags(0, NULL);
    if (!(obj = testDomObjFromDomain(domain)))
        return NULL;
    if (testCheckActive(obj) == 0)
        ret = g_strdup("testhost");
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- devices ---- */

/* Index in a target name ("vdb" -> 1, "sdaa" -> 26), as libvirt counts. */
static int
diskIndex(const char *dev)
{
    const char *p;
    int idx = 0;

    if (!dev)
        return 0;
    for (p = dev; *p && !(p[0] == 'd' && g_ascii_islower(p[1])); p++)
        ;
    if (!*p)
        return 0;
    for (p++; g_ascii_islower(*p); p++)
        idx = idx * 26 + (*p - 'a' + 1);
    return idx > 0 ? idx - 1 : 0;
}

/* The alias of a live device: its own, or the one a hypervisor would give
 * it ("virtio-disk1", "net0", "hostdev0", ...).  @def holds the devices
 * already present, for numbering. */
static char *
deviceAlias(const nuvDomainDef *def, const nuvXNode *dev)
{
    const char *kind = nuvXNodeName(dev);
    nuvXNode *alias = nuvXNodeChild(dev, "alias");
    nuvXNode *devs;
    size_t count = 0;

    if (alias && nuvXNodeGet(alias, "name"))
        return g_strdup(nuvXNodeGet(alias, "name"));
    if (strcmp(kind, "disk") == 0) {
        nuvXNode *target = nuvXNodeChild(dev, "target");
        const char *bus = target ? nuvXNodeGet(target, "bus") : NULL;
        return g_strdup_printf("%s-disk%d", bus ? bus : "virtio",
                               diskIndex(target ? nuvXNodeGet(target, "dev") : NULL));
    }
    if ((devs = nuvDomainDefDevices(def))) {
        for (size_t i = 0; i < nuvXNodeCountChildren(devs, kind); i++) {
            if (nuvXNodeNthChild(devs, kind, i) != dev)
                count++;
        }
    }
    return g_strdup_printf("%s%zu", strcmp(kind, "interface") == 0 ? "net" : kind, count);
}

/* Record @alias in a live device, when its element may carry one. */
static void
setAlias(nuvXNode *dev, const char *alias)
{
    if (nuvXNodeChild(dev, "alias") || nuvXNodeChildElem(dev, "alias") < 0)
        return;
    nuvXNodeSet(nuvXNodeAddChild(dev, "alias"), "name", alias);
}

/* Report that @dev has no match in the domain, in libvirt's words. */
static void
reportMissing(const nuvXNode *dev)
{
    const char *kind = nuvXNodeName(dev);
    nuvXNode *sub;

    if (strcmp(kind, "disk") == 0 && (sub = nuvXNodeChild(dev, "target"))) {
        nuvReportError(VIR_ERR_DEVICE_MISSING, "no target device %s",
                       nuvXNodeGet(sub, "dev") ? nuvXNodeGet(sub, "dev") : "");
    } else if (strcmp(kind, "interface") == 0 && (sub = nuvXNodeChild(dev, "mac")) &&
               nuvXNodeGet(sub, "address")) {
        nuvReportError(VIR_ERR_DEVICE_MISSING, "no device matching MAC address %s found",
                       nuvXNodeGet(sub, "address"));
    } else {
        nuvReportError(VIR_ERR_DEVICE_MISSING, "%s", "device not present in domain configuration");
    }
}

/* May @dev join @def?  Disks are keyed by their target. */
static int
checkAttachable(const nuvDomainDef *def, const nuvXNode *dev)
{
    if (strcmp(nuvXNodeName(dev), "disk") == 0 && nuvDomainDefFindDevice(def, dev) >= 0) {
        nuvXNode *target = nuvXNodeChild(dev, "target");
        nuvReportError(VIR_ERR_OPERATION_INVALID, "target %s already exists",
                       target && nuvXNodeGet(target, "dev") ? nuvXNodeGet(target, "dev") : "");
        return -1;
    }
    return 0;
}

/* An interface without a MAC address gets one, the same for the live and
 * the persistent copy, so that it can be found again to detach it. */
static void
ensureMac(nuvXNode *dev)
{
    char buf[18]; /* "52:54:00:xx:xx:xx" */

    if (strcmp(nuvXNodeName(dev), "interface") != 0 || nuvXNodeChild(dev, "mac"))
        return;
    g_snprintf(buf, sizeof(buf), "52:54:00:%02x:%02x:%02x", g_random_int_range(0, 256),
               g_random_int_range(0, 256), g_random_int_range(0, 256));
    nuvXNodeSet(nuvXNodeAddChild(dev, "mac"), "address", buf);
}

int
testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    g_autoptr(nuvXNode) dev = NULL;
    g_autoptr(nuvXNode) liveDev = NULL;
    g_autofree char *alias = NULL;
    nuvEvent *event = NULL;
    nuvDomainDef *persistent = NULL;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (affectedDefs(obj, flags, &live, &config) < 0)
        goto cleanup;
    if (!(dev = nuvDomainDeviceParse(obj->def, xml, 0)))
        goto cleanup;
    ensureMac(dev);

    /* Check both sides before changing either. */
    if (config) {
        persistent = nuvDomainObjGetPersistentDef(obj);
        if (checkAttachable(persistent, dev) < 0)
            goto cleanup;
    }
    if (live) {
        if (checkAttachable(obj->def, dev) < 0)
            goto cleanup;
        liveDev = nuvXNodeCopy(dev);
        alias = deviceAlias(obj->def, liveDev);
        setAlias(liveDev, alias);
    }

    if (config)
        nuvDomainDefAddDevice(editablePersistentDef(obj), g_steal_pointer(&dev));
    if (live) {
        preserveConfig(obj);
        nuvDomainDefAddDevice(obj->def, g_steal_pointer(&liveDev));
        event = nuvDomainEventDeviceAddedNew(obj->def->name, obj->def->uuid, obj->id, alias);
    }
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    if (event)
        nuvEventQueue(drv->events, event);
    return ret;
}

int
testDomainAttachDevice(virDomainPtr domain, const char *xml)
{
    return testDomainAttachDeviceFlags(domain, xml, VIR_DOMAIN_AFFECT_LIVE);
}

int
testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverOf(domain->conn);
    nuvDomainObj *obj;
    g_autoptr(nuvXNode) dev = NULL;
    g_autofree char *alias = NULL;
    nuvEvent *event = NULL;
    int liveIdx = -1, configIdx = -1;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (affectedDefs(obj, flags, &live, &config) < 0)
        goto cleanup;
    if (!(dev = nuvDomainDeviceParse(obj->def, xml, 0)))
        goto cleanup;

    if (config &&
        (configIdx = nuvDomainDefFindDevice(nuvDomainObjGetPersistentDef(obj), dev)) < 0) {
        reportMissing(dev);
        goto cleanup;
    }
    if (live && (liveIdx = nuvDomainDefFindDevice(obj->def, dev)) < 0) {
        reportMissing(dev);
        goto cleanup;
    }

    if (config) {
        /* A pending definition made now is a copy: the index still holds. */
        nuvXNodeFree(nuvDomainDefRemoveDevice(editablePersistentDef(obj), configIdx));
    }
    if (live) {
        g_autoptr(nuvXNode) gone = NULL;

        preserveConfig(obj);
        gone = nuvDomainDefRemoveDevice(obj->def, liveIdx);
        alias = deviceAlias(obj->def, gone);
        event = nuvDomainEventDeviceRemovedNew(obj->def->name, obj->def->uuid, obj->id, alias);
    }
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    if (event)
        nuvEventQueue(drv->events, event);
    return ret;
}

int
testDomainDetachDevice(virDomainPtr domain, const char *xml)
{
    return testDomainDetachDeviceFlags(domain, xml, VIR_DOMAIN_AFFECT_LIVE);
}

/* Put @dev in the place of device @idx of @def, keeping the old one's
 * alias and address when @dev does not give its own. */
static void
replaceDevice(nuvDomainDef *def, int idx, nuvXNode *dev)
{
    nuvXNode *devs = nuvDomainDefDevices(def);
    nuvXNode *old = g_ptr_array_index(devs->children, idx);
    static const char *const kept[] = {"alias", "address"};

    for (size_t i = 0; i < G_N_ELEMENTS(kept); i++) {
        nuvXNode *sub = nuvXNodeChild(old, kept[i]);
        if (sub && !nuvXNodeChild(dev, kept[i]) && nuvXNodeChildElem(dev, kept[i]) >= 0)
            nuvXNodeInsert(dev, nuvXNodeCopy(sub));
    }
    old->parent = NULL;
    dev->parent = devs;
    devs->children->pdata[idx] = dev;
    nuvXNodeFree(old);
}

/* Is updating @old (live) to @dev something a running guest can take? */
static int
checkLiveUpdate(const nuvXNode *old, const nuvXNode *dev)
{
    if (strcmp(nuvXNodeName(dev), "disk") == 0) {
        const char *kind = nuvXNodeGet(dev, "device");
        nuvXNode *a = nuvXNodeChild(old, "source");
        nuvXNode *b = nuvXNodeChild(dev, "source");
        const char *fa = a ? nuvXNodeGet(a, "file") : NULL;
        const char *fb = b ? nuvXNodeGet(b, "file") : NULL;

        if (g_strcmp0(fa, fb) != 0 && g_strcmp0(kind, "cdrom") != 0 &&
            g_strcmp0(kind, "floppy") != 0) {
            nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           "disk source can be changed only in removable media");
            return -1;
        }
    }
    return 0;
}

static int
findForUpdate(const nuvDomainDef *def, const nuvXNode *dev)
{
    int idx = nuvDomainDefFindDevice(def, dev);
    nuvXNode *target;

    if (idx >= 0)
        return idx;
    if (strcmp(nuvXNodeName(dev), "disk") == 0) {
        target = nuvXNodeChild(dev, "target");
        nuvReportError(VIR_ERR_INVALID_ARG, "target %s doesn't exist.",
                       target && nuvXNodeGet(target, "dev") ? nuvXNodeGet(target, "dev") : "");
    } else {
        reportMissing(dev);
    }
    return -1;
}

int
testDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags)
{
    nuvDomainObj *obj;
    g_autoptr(nuvXNode) dev = NULL;
    g_autoptr(nuvXNode) liveDev = NULL;
    int liveIdx = -1, configIdx = -1;
    bool live, config;
    const char *kind;
    int ret = -1;

    nuvCheckFlags(
        VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_DEVICE_MODIFY_FORCE, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    if (affectedDefs(obj, flags, &live, &config) < 0)
        goto cleanup;
    if (!(dev = nuvDomainDeviceParse(obj->def, xml, 0)))
        goto cleanup;

    /* What a hypervisor can change in place: media, links, displays. */
    kind = nuvXNodeName(dev);
    if (strcmp(kind, "disk") != 0 && strcmp(kind, "interface") != 0 &&
        strcmp(kind, "graphics") != 0) {
        nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s update of device '%s' is not supported",
                       live ? "live" : "persistent", kind);
        goto cleanup;
    }

    if (config && (configIdx = findForUpdate(nuvDomainObjGetPersistentDef(obj), dev)) < 0)
        goto cleanup;
    if (live) {
        if ((liveIdx = findForUpdate(obj->def, dev)) < 0)
            goto cleanup;
        if (checkLiveUpdate(g_ptr_array_index(nuvDomainDefDevices(obj->def)->children, liveIdx),
                            dev) < 0)
            goto cleanup;
        liveDev = nuvXNodeCopy(dev);
    }

    if (config)
        replaceDevice(editablePersistentDef(obj), configIdx, g_steal_pointer(&dev));
    if (live) {
        preserveConfig(obj);
        replaceDevice(obj->def, liveIdx, g_steal_pointer(&liveDev));
    }
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- bulk statistics ---- */

/* The groups libvirt's test hypervisor knows.  It reports the state, and
 * accepts the IOThread group without anything to say in it. */
#define TEST_STATS_SUPPORTED (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD)

#define TEST_STATS_FILTERS                                                                         \
    (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE |       \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |  \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |        \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

#define TEST_STATS_FLAGS                                                                           \
    (TEST_STATS_FILTERS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |                               \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)

/* Does @obj (locked) pass the filter flags?  Each pair (active/inactive,
 * persistent/transient) filters only when one side of it is asked for. */
static bool
statsFilterMatches(nuvDomainObj *obj, unsigned int flags)
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

/* Check @stats against what we know; returns the groups to collect. */
static int
statsGroups(unsigned int stats, unsigned int flags, unsigned int *groups)
{
    if (!stats) {
        *groups = TEST_STATS_SUPPORTED;
        return 0;
    }
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
        (stats & ~TEST_STATS_SUPPORTED)) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                       "Stats types bits 0x%x are not supported by this daemon",
                       stats & ~TEST_STATS_SUPPORTED);
        return -1;
    }
    *groups = stats & TEST_STATS_SUPPORTED;
    return 0;
}

/* One record for @obj (locked). */
static virDomainStatsRecordPtr
statsRecord(virConnectPtr conn, nuvDomainObj *obj, unsigned int groups)
{
    g_autoptr(nuvTypedParamList) list = nuvTypedParamListNew();
    virDomainStatsRecordPtr rec = g_new0(virDomainStatsRecord, 1);

    if (groups & VIR_DOMAIN_STATS_STATE) {
        nuvTypedParamListAddInt(list, obj->state, "state.state");
        nuvTypedParamListAddInt(list, obj->reason, "state.reason");
    }
    if (nuvTypedParamListSteal(list, &rec->params, &rec->nparams) < 0) {
        g_free(rec);
        return NULL;
    }
    rec->dom = testDomainHandle(conn, obj);
    return rec;
}

/* Records for @objs (referenced, unlocked), in order, those passing the
 * filter only.  Returns the count or -1. */
static int
collectStats(virConnectPtr conn, nuvDomainObj **objs, size_t nobjs, unsigned int groups,
             unsigned int flags, virDomainStatsRecordPtr **retStats)
{
    g_autofree virDomainStatsRecordPtr *recs = g_new0(virDomainStatsRecordPtr, nobjs + 1);
    size_t n = 0;

    for (size_t i = 0; i < nobjs; i++) {
        nuvDomainObj *obj = objs[i];
        virDomainStatsRecordPtr rec = NULL;

        nuvDomainObjLock(obj);
        if (!obj->removing && statsFilterMatches(obj, flags) &&
            !(rec = statsRecord(conn, obj, groups))) {
            nuvDomainObjUnlock(obj);
            virDomainStatsRecordListFree(g_steal_pointer(&recs));
            return -1;
        }
        nuvDomainObjUnlock(obj);
        if (rec)
            recs[n++] = rec;
    }
    *retStats = g_steal_pointer(&recs);
    return n;
}

/* Records in the order of virConnectListAllDomains, sorted by name so
 * that the output does not depend on hashing. */
static gint
compareObjNames(gconstpointer a, gconstpointer b)
{
    nuvDomainObj *oa = *(nuvDomainObj *const *)a;
    nuvDomainObj *ob = *(nuvDomainObj *const *)b;
    /* def->name only changes under the list write lock, which
     * nuvDomainObjListCollect's reference does not block, so read it
     * under each object's lock. */
    int id_a, id_b;
    g_autofree char *na = NULL;
    g_autofree char *nb = NULL;

    nuvDomainObjLock(oa);
    na = g_strdup(oa->def->name);
    id_a = oa->id;
    nuvDomainObjUnlock(oa);
    nuvDomainObjLock(ob);
    nb = g_strdup(ob->def->name);
    id_b = ob->id;
    nuvDomainObjUnlock(ob);
    /* running domains first, by id, then the others by name */
    if ((id_a >= 0) != (id_b >= 0))
        return id_a >= 0 ? -1 : 1;
    if (id_a >= 0)
        return id_a - id_b;
    return strcmp(na, nb);
}

int
testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                             virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    nuvDomainObj **objs;
    unsigned int groups;
    size_t count;
    int ret;

    nuvCheckFlags(TEST_STATS_FLAGS, -1);
    if (statsGroups(stats, flags, &groups) < 0)
        return -1;
    objs = nuvDomainObjListCollect(testDriverOf(conn)->domains, &count);
    qsort(objs, count, sizeof(*objs), (int (*)(const void *, const void *))compareObjNames);
    ret = collectStats(conn, objs, count, groups, flags, retStats);
    nuvDomainObjListFreeArray(objs, count);
    return ret;
}

int
testDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
                       unsigned int flags)
{
    virConnectPtr conn = doms[0]->conn;
    testDriver *drv = testDriverOf(conn);
    g_autoptr(GPtrArray) objs = g_ptr_array_new_with_free_func((GDestroyNotify)nuvDomainObjUnref);
    unsigned int groups;

    nuvCheckFlags(TEST_STATS_FLAGS, -1);
    if (statsGroups(stats, flags, &groups) < 0)
        return -1;
    /* Domains that went away since the caller looked them up are left
     * out, as libvirt does. */
    for (size_t i = 0; doms[i]; i++) {
        nuvDomainObj *obj = nuvDomainObjListFindByUUID(drv->domains, doms[i]->uuid);
        if (!obj)
            continue;
        nuvDomainObjUnlock(obj);
        g_ptr_array_add(objs, obj);
    }
    return collectStats(conn, (nuvDomainObj **)objs->pdata, objs->len, groups, flags, retStats);
}

/* ---- the node ---- */

int
testNodeGetCPUMap(virConnectPtr conn G_GNUC_UNUSED, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    /* libvirt's test node: eight CPUs present, the even ones below six
     * online. */
    nuvCheckFlags(0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, 1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

int
testNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params, int *nparams,
                       unsigned int flags)
{
    testDriver *drv = testDriverOf(conn);
    struct {
        const char *field;
        unsigned long long value;
    } stats[4];
    int ncells = drv->ncells;
    int n = 0;

    nuvCheckFlags(0, -1);
    if (cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS && (cellNum < 0 || cellNum >= ncells)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "cell number %d is out of range 0..%d", cellNum,
                       ncells - 1);
        return -1;
    }
    /* The same numbers virNodeGetFreeMemory and the capabilities give:
     * a cell's free memory is half of it. */
    if (cellNum == VIR_NODE_MEMORY_STATS_ALL_CELLS) {
        unsigned long long sum = 0;
        for (int i = 0; i < ncells; i++)
            sum += drv->cellMemory[i];
        stats[n].field = VIR_NODE_MEMORY_STATS_TOTAL;
        stats[n++].value = drv->nodeInfo.memory;
        stats[n].field = VIR_NODE_MEMORY_STATS_FREE;
        stats[n++].value = sum / 2;
        stats[n].field = VIR_NODE_MEMORY_STATS_BUFFERS;
        stats[n++].value = 0;
        stats[n].field = VIR_NODE_MEMORY_STATS_CACHED;
        stats[n++].value = 0;
    } else {
        stats[n].field = VIR_NODE_MEMORY_STATS_TOTAL;
        stats[n++].value = drv->cellMemory[cellNum];
        stats[n].field = VIR_NODE_MEMORY_STATS_FREE;
        stats[n++].value = drv->cellMemory[cellNum] / 2;
    }

    if (*nparams == 0) {
        *nparams = n;
        return 0;
    }
    if (*nparams < 0 || !params) {
        nuvErrorReportRawFull(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, __FILE__, __func__, __LINE__,
                              "%s", "params in virNodeGetMemoryStats must not be NULL");
        return -1;
    }
    if (*nparams > n)
        *nparams = n;
    for (int i = 0; i < *nparams; i++) {
        g_strlcpy(params[i].field, stats[i].field, VIR_NODE_MEMORY_STATS_FIELD_LENGTH);
        params[i].value = stats[i].value;
    }
    return 0;
}

int
testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret;

    nuvCheckFlags(VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING, -1);
    if (!(obj = testDomObjFromDomain(domain)))
        return -1;
    ret = nuvDomainObjGetMessages(obj, msgs, flags);
    nuvDomainObjEndAPI(&obj);
    return ret;
}
