/*
 * test_domain_stats.c: a test domain's block, interface and memory
 * statistics, its block info, and the bulk domain statistics.
 *
 * Counters are made up the way libvirt's test hypervisor makes them up
 * (from the wall clock), so that values and their growth over time look
 * the same to a client comparing the two.
 */
#include <string.h>

#include "conf/domain_disks.h"
#include "test/test_private.h"
#include "conf/stats_filter.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- helpers ---- */

void
testWallClock(long long *usec, long long *sec)
{
    gint64 now = g_get_real_time();
    *usec = now;
    *sec = now / G_USEC_PER_SEC;
}


/* Does @def have a disk whose target or source path is @path? */
static bool
hasDisk(const nuvDomainDef *def, const char *path)
{
    g_autoptr(nuvDomainDiskList) disks = nuvDomainDiskListNew(def);

    return nuvDomainDiskListByTargetOrPath(disks, path) != NULL;
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
    if (!hasDisk(obj->def, path)) {
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

    testWallClock(&usec, &sec);
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
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
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
    nuvDomainObj *obj;

    nuvCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams < 0 || (*nparams > 0 && !params)) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
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
    if (path && *path && !hasDisk(obj->def, path)) {
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
    return nuvTypedParamListCopyOut(list, params, nparams);
}

int
testDomainInterfaceStats(virDomainPtr domain, const char *device, virDomainInterfaceStatsPtr stats,
                         size_t size)
{
    virDomainInterfaceStatsStruct st = {0};
    nuvDomainObj *obj;
    long long usec, sec;

    if (size > sizeof(st)) {
        nuvReportErrorRawFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
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
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                           "'%s' is not a known interface", device);
        goto error;
    }
    nuvDomainObjEndAPI(&obj);

    testWallClock(&usec, &sec);
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
    if (!hasDisk(obj->def, path)) {
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

/* ---- bulk statistics ---- */

/* The groups libvirt's test hypervisor knows.  It reports the state, and
 * accepts the IOThread group without anything to say in it. */
#define TEST_STATS_SUPPORTED (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD)

#define TEST_STATS_FLAGS                                                                           \
    (NUV_STATS_FILTER_FLAGS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |                           \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)

/* The groups of one record for @obj (locked). */
static void
statsRecord(nuvDomainObj *obj, unsigned int groups, unsigned int flags, nuvTypedParamList *list)
{
    if (groups & VIR_DOMAIN_STATS_STATE) {
        nuvTypedParamListAddInt(list, obj->state, "state.state");
        nuvTypedParamListAddInt(list, obj->reason, "state.reason");
    }
}

int
testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                             virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    nuvCheckFlags(TEST_STATS_FLAGS, -1);
    return nuvStatsCollect(conn, testDriverOf(conn)->domains, NULL, stats,
                           TEST_STATS_SUPPORTED, flags, statsRecord, testDomainHandle, retStats);
}

int
testDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
                       unsigned int flags)
{
    nuvCheckFlags(TEST_STATS_FLAGS, -1);
    return nuvStatsCollect(doms[0]->conn, testDriverOf(doms[0]->conn)->domains, doms, stats, TEST_STATS_SUPPORTED,
                           flags, statsRecord, testDomainHandle, retStats);
}
