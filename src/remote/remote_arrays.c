/*
 * remote_arrays.c: the remote driver's stubs for the procedures whose
 * replies are arrays of records (the other side of dispatch_arrays.c).
 *
 * A reply is never trusted to fit: every count is checked against what
 * the caller offered before anything is copied into the caller's arrays.
 */
#include <string.h>

#include "remote/remote_driver.h"
#include "remote/remote_arrays.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* One call whose argument and reply structures are freed afterwards. */
#define CALL(conn, PROC, Type, args, ret) \
    remoteCall(conn, NUV_REMOTE_PROC_##PROC, nuvRemote##Type##ArgsFilter, args, \
               nuvRemote##Type##RetFilter, ret)
#define FREE(Type, args, ret) \
    do { \
        nuvXdrFreeObj(nuvRemote##Type##ArgsFilter, args); \
        nuvXdrFreeObj(nuvRemote##Type##RetFilter, ret); \
    } while (0)

static int
remoteReplyTooBig(const char *what, unsigned long long got, unsigned long long room)
{
    if (got <= room)
        return 0;
    nuvReportError(VIR_ERR_RPC, "the daemon sent %llu %s for %llu slots", got, what, room);
    return -1;
}

static int
remoteDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                     unsigned char *cpumaps, int maplen)
{
    nuvRemoteDomainGetVcpusArgs args = { .maxinfo = maxinfo, .maplen = cpumaps ? maplen : 0 };
    nuvRemoteDomainGetVcpusRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_VCPUS, DomainGetVcpus, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("vCPUs", ret.info.n, maxinfo) < 0 ||
        remoteReplyTooBig("map bytes", ret.cpumaps.n, (unsigned long long)maxinfo * args.maplen) < 0)
        goto cleanup;
    memset(info, 0, sizeof(*info) * maxinfo);
    for (uint32_t i = 0; i < ret.info.n; i++) {
        info[i].number = ret.info.v[i].number;
        info[i].state = ret.info.v[i].state;
        info[i].cpuTime = ret.info.v[i].cpuTime;
        info[i].cpu = ret.info.v[i].cpu;
    }
    if (cpumaps && maplen > 0) {
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
        memcpy(cpumaps, ret.cpumaps.v, ret.cpumaps.n);
    }
    rv = ret.info.n;
 cleanup:
    FREE(DomainGetVcpus, &args, &ret);
    return rv;
}

static int
remoteNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                             int maxCells)
{
    nuvRemoteNodeGetCellsFreeMemoryArgs args = { .startCell = startCell, .maxcells = maxCells };
    nuvRemoteNodeGetCellsFreeMemoryRet ret = { 0 };
    int rv = -1;

    if (CALL(conn, NODE_GET_CELLS_FREE_MEMORY, NodeGetCellsFreeMemory, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("cells", ret.cells.n, maxCells) < 0)
        goto cleanup;
    memcpy(freeMems, ret.cells.v, sizeof(*freeMems) * ret.cells.n);
    rv = ret.cells.n;
 cleanup:
    FREE(NodeGetCellsFreeMemory, &args, &ret);
    return rv;
}

static int
remoteDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                        unsigned int flags)
{
    nuvRemoteDomainMemoryStatsArgs args = { .maxStats = nr_stats, .flags = flags };
    nuvRemoteDomainMemoryStatsRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_MEMORY_STATS, DomainMemoryStats, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("statistics", ret.stats.n, nr_stats) < 0)
        goto cleanup;
    for (uint32_t i = 0; i < ret.stats.n; i++) {
        stats[i].tag = ret.stats.v[i].tag;
        stats[i].val = ret.stats.v[i].val;
    }
    rv = ret.stats.n;
 cleanup:
    FREE(DomainMemoryStats, &args, &ret);
    return rv;
}

static int
remoteNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                      unsigned int flags)
{
    nuvRemoteNodeGetCpuStatsArgs args = { .cpuNum = cpuNum, .nparams = *nparams,
                                          .flags = flags };
    nuvRemoteNodeGetCpuStatsRet ret = { 0 };
    int rv = -1;

    if (CALL(conn, NODE_GET_CPU_STATS, NodeGetCpuStats, &args, &ret) < 0)
        goto cleanup;
    if (*nparams == 0) {
        *nparams = ret.nparams;
        rv = 0;
        goto cleanup;
    }
    if (remoteReplyTooBig("statistics", ret.params.n, *nparams) < 0)
        goto cleanup;
    for (uint32_t i = 0; i < ret.params.n; i++) {
        if (g_strlcpy(params[i].field, ret.params.v[i].field, VIR_NODE_CPU_STATS_FIELD_LENGTH) >=
            VIR_NODE_CPU_STATS_FIELD_LENGTH) {
            nuvReportError(VIR_ERR_RPC, "statistic name '%s' too long", ret.params.v[i].field);
            goto cleanup;
        }
        params[i].value = ret.params.v[i].value;
    }
    *nparams = ret.params.n;
    rv = 0;
 cleanup:
    FREE(NodeGetCpuStats, &args, &ret);
    return rv;
}

static int
remoteNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                         int *nparams, unsigned int flags)
{
    nuvRemoteNodeGetMemoryStatsArgs args = { .cellNum = cellNum, .nparams = *nparams,
                                             .flags = flags };
    nuvRemoteNodeGetMemoryStatsRet ret = { 0 };
    int rv = -1;

    if (CALL(conn, NODE_GET_MEMORY_STATS, NodeGetMemoryStats, &args, &ret) < 0)
        goto cleanup;
    if (*nparams == 0) {
        *nparams = ret.nparams;
        rv = 0;
        goto cleanup;
    }
    if (remoteReplyTooBig("statistics", ret.params.n, *nparams) < 0)
        goto cleanup;
    for (uint32_t i = 0; i < ret.params.n; i++) {
        if (g_strlcpy(params[i].field, ret.params.v[i].field,
                      VIR_NODE_MEMORY_STATS_FIELD_LENGTH) >= VIR_NODE_MEMORY_STATS_FIELD_LENGTH) {
            nuvReportError(VIR_ERR_RPC, "statistic name '%s' too long", ret.params.v[i].field);
            goto cleanup;
        }
        params[i].value = ret.params.v[i].value;
    }
    *nparams = ret.params.n;
    rv = 0;
 cleanup:
    FREE(NodeGetMemoryStats, &args, &ret);
    return rv;
}

static int
remoteDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                           unsigned int flags)
{
    nuvRemoteDomainGetVcpuPinInfoArgs args = { .ncpumaps = ncpumaps, .maplen = maplen,
                                               .flags = flags };
    nuvRemoteDomainGetVcpuPinInfoRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_VCPU_PIN_INFO, DomainGetVcpuPinInfo, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("vCPUs", ret.num, ncpumaps) < 0 ||
        remoteReplyTooBig("map bytes", ret.cpumaps.n, (unsigned long long)ncpumaps * maplen) < 0)
        goto cleanup;
    memset(cpumaps, 0, (size_t)ncpumaps * maplen);
    memcpy(cpumaps, ret.cpumaps.v, ret.cpumaps.n);
    rv = ret.num;
 cleanup:
    FREE(DomainGetVcpuPinInfo, &args, &ret);
    return rv;
}

static int
remoteDomainGetEmulatorPinInfo(virDomainPtr dom, unsigned char *cpumap, int maplen,
                               unsigned int flags)
{
    nuvRemoteDomainGetEmulatorPinInfoArgs args = { .maplen = maplen, .flags = flags };
    nuvRemoteDomainGetEmulatorPinInfoRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_EMULATOR_PIN_INFO, DomainGetEmulatorPinInfo, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("map bytes", ret.cpumaps.n, maplen) < 0)
        goto cleanup;
    memset(cpumap, 0, maplen);
    memcpy(cpumap, ret.cpumaps.v, ret.cpumaps.n);
    rv = ret.ret;
 cleanup:
    FREE(DomainGetEmulatorPinInfo, &args, &ret);
    return rv;
}

static int
remoteDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                          unsigned int flags)
{
    nuvRemoteDomainGetDiskErrorsArgs args = { .maxerrors = maxerrors, .flags = flags };
    nuvRemoteDomainGetDiskErrorsRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_DISK_ERRORS, DomainGetDiskErrors, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("disk errors", ret.errors.n, maxerrors) < 0)
        goto cleanup;
    for (uint32_t i = 0; i < ret.errors.n; i++) {
        errors[i].disk = g_steal_pointer(&ret.errors.v[i].disk);
        errors[i].error = ret.errors.v[i].error;
    }
    rv = ret.nerrors;
 cleanup:
    FREE(DomainGetDiskErrors, &args, &ret);
    return rv;
}

static int
remoteDomainGetSecurityLabelList(virDomainPtr dom, virSecurityLabelPtr *seclabels)
{
    nuvRemoteDomainGetSecurityLabelListArgs args = { 0 };
    nuvRemoteDomainGetSecurityLabelListRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_SECURITY_LABEL_LIST, DomainGetSecurityLabelList, &args,
             &ret) < 0)
        goto cleanup;
    *seclabels = g_new0(virSecurityLabel, ret.labels.n ? ret.labels.n : 1);
    for (uint32_t i = 0; i < ret.labels.n; i++) {
        remoteCopyChars((*seclabels)[i].label, sizeof((*seclabels)[i].label),
                        ret.labels.v[i].label.v, ret.labels.v[i].label.n);
        (*seclabels)[i].enforcing = ret.labels.v[i].enforcing;
    }
    rv = ret.labels.n;
 cleanup:
    FREE(DomainGetSecurityLabelList, &args, &ret);
    return rv;
}

static int
remoteNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    nuvRemoteNodeGetCpuMapArgs args = { .needMap = cpumap != NULL, .needOnline = online != NULL,
                                        .flags = flags };
    nuvRemoteNodeGetCpuMapRet ret = { 0 };
    int rv = -1;

    if (CALL(conn, NODE_GET_CPU_MAP, NodeGetCpuMap, &args, &ret) < 0)
        goto cleanup;
    if (ret.ret < 0 || remoteReplyTooBig("map bytes", ret.cpumap.n, VIR_CPU_MAPLEN(ret.ret)) < 0)
        goto cleanup;
    if (cpumap) {
        *cpumap = g_new0(unsigned char, VIR_CPU_MAPLEN(ret.ret));
        memcpy(*cpumap, ret.cpumap.v, ret.cpumap.n);
    }
    if (online)
        *online = ret.online;
    rv = ret.ret;
 cleanup:
    FREE(NodeGetCpuMap, &args, &ret);
    return rv;
}

static int
remoteNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                       int startCell, unsigned int cellCount, unsigned long long *counts,
                       unsigned int flags)
{
    nuvRemoteNodeGetFreePagesArgs args = { .startCell = startCell, .cellCount = cellCount,
                                           .flags = flags };
    nuvRemoteNodeGetFreePagesRet ret = { 0 };
    int rv = -1;

    args.pages.n = npages;
    args.pages.v = g_memdup2(pages, sizeof(*pages) * npages);
    if (CALL(conn, NODE_GET_FREE_PAGES, NodeGetFreePages, &args, &ret) < 0)
        goto cleanup;
    if (remoteReplyTooBig("counts", ret.counts.n, (unsigned long long)npages * cellCount) < 0)
        goto cleanup;
    memcpy(counts, ret.counts.v, sizeof(*counts) * ret.counts.n);
    rv = ret.counts.n;
 cleanup:
    FREE(NodeGetFreePages, &args, &ret);
    return rv;
}

static int
remoteNodeAllocPages(virConnectPtr conn, unsigned int npages, unsigned int *pageSizes,
                     unsigned long long *pageCounts, int startCell, unsigned int cellCount,
                     unsigned int flags)
{
    nuvRemoteNodeAllocPagesArgs args = { .startCell = startCell, .cellCount = cellCount,
                                         .flags = flags };
    nuvRemoteNodeAllocPagesRet ret = { 0 };
    int rv = -1;

    args.pageSizes.n = npages;
    args.pageSizes.v = g_memdup2(pageSizes, sizeof(*pageSizes) * npages);
    args.pageCounts.n = npages;
    args.pageCounts.v = g_memdup2(pageCounts, sizeof(*pageCounts) * npages);
    if (CALL(conn, NODE_ALLOC_PAGES, NodeAllocPages, &args, &ret) == 0)
        rv = ret.ret;
    FREE(NodeAllocPages, &args, &ret);
    return rv;
}

static int
remoteNetworkGetDHCPLeases(virNetworkPtr net, const char *mac, virNetworkDHCPLeasePtr **leases,
                           unsigned int flags)
{
    nuvRemoteNetworkGetDhcpLeasesArgs args = { .mac = g_strdup(mac),
                                               .needResults = leases != NULL, .flags = flags };
    nuvRemoteNetworkGetDhcpLeasesRet ret = { 0 };
    int rv = -1;

    remoteMakeNetwork(&args.net, net);
    if (CALL(net->conn, NETWORK_GET_DHCP_LEASES, NetworkGetDhcpLeases, &args, &ret) < 0)
        goto cleanup;
    if (leases) {
        virNetworkDHCPLeasePtr *list = g_new0(virNetworkDHCPLeasePtr, ret.leases.n + 1);

        for (uint32_t i = 0; i < ret.leases.n; i++) {
            nuvRemoteNetworkDhcpLease *w = &ret.leases.v[i];
            virNetworkDHCPLeasePtr l = g_new0(virNetworkDHCPLease, 1);

            l->iface = g_steal_pointer(&w->iface);
            l->expirytime = w->expirytime;
            l->type = w->type;
            l->mac = g_steal_pointer(&w->mac);
            l->iaid = g_steal_pointer(&w->iaid);
            l->ipaddr = g_steal_pointer(&w->ipaddr);
            l->prefix = w->prefix;
            l->hostname = g_steal_pointer(&w->hostname);
            l->clientid = g_steal_pointer(&w->clientid);
            list[i] = l;
        }
        *leases = list;
    }
    rv = ret.ret;
 cleanup:
    FREE(NetworkGetDhcpLeases, &args, &ret);
    return rv;
}

static int
remoteGetStats(virConnectPtr conn, virDomainPtr *doms, unsigned int stats,
               virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    nuvRemoteConnectGetAllDomainStatsArgs args = { .stats = stats, .flags = flags };
    nuvRemoteConnectGetAllDomainStatsRet ret = { 0 };
    virDomainStatsRecordPtr *recs = NULL;
    int rv = -1;

    for (size_t i = 0; doms && doms[i]; i++)
        args.doms.n++;
    args.doms.v = g_new0(nuvRemoteDomain, args.doms.n ? args.doms.n : 1);
    for (uint32_t i = 0; i < args.doms.n; i++)
        remoteMakeDomain(&args.doms.v[i], doms[i]);
    if (CALL(conn, CONNECT_GET_ALL_DOMAIN_STATS, ConnectGetAllDomainStats, &args, &ret) < 0)
        goto cleanup;
    recs = g_new0(virDomainStatsRecordPtr, ret.retStats.n + 1);
    for (uint32_t i = 0; i < ret.retStats.n; i++) {
        virDomainStatsRecordPtr r = g_new0(virDomainStatsRecord, 1);

        recs[i] = r;
        r->dom = remoteGetDomain(conn, &ret.retStats.v[i].dom);
        if (remoteDeserializeTypedParams(ret.retStats.v[i].params.v, ret.retStats.v[i].params.n,
                                         &r->params, &r->nparams) < 0)
            goto cleanup;
    }
    *retStats = g_steal_pointer(&recs);
    rv = ret.retStats.n;
 cleanup:
    if (recs)
        virDomainStatsRecordListFree(recs);
    FREE(ConnectGetAllDomainStats, &args, &ret);
    return rv;
}

static int
remoteConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                               virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    return remoteGetStats(conn, NULL, stats, retStats, flags);
}

static int
remoteDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                         virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    return remoteGetStats(doms[0]->conn, doms, stats, retStats, flags);
}

static int
remoteDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    nuvRemoteDomainGetFsinfoArgs args = { .flags = flags };
    nuvRemoteDomainGetFsinfoRet ret = { 0 };
    virDomainFSInfoPtr *list;
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_FSINFO, DomainGetFsinfo, &args, &ret) < 0)
        goto cleanup;
    list = g_new0(virDomainFSInfoPtr, ret.info.n + 1);
    for (uint32_t i = 0; i < ret.info.n; i++) {
        nuvRemoteDomainFsinfo *w = &ret.info.v[i];
        virDomainFSInfoPtr f = g_new0(virDomainFSInfo, 1);

        f->mountpoint = g_steal_pointer(&w->mountpoint);
        f->name = g_steal_pointer(&w->name);
        f->fstype = g_steal_pointer(&w->fstype);
        f->ndevAlias = w->devAliases.n;
        f->devAlias = g_new0(char *, w->devAliases.n + 1);
        for (uint32_t j = 0; j < w->devAliases.n; j++)
            f->devAlias[j] = g_steal_pointer(&w->devAliases.v[j]);
        list[i] = f;
    }
    *info = list;
    rv = ret.info.n;
 cleanup:
    FREE(DomainGetFsinfo, &args, &ret);
    return rv;
}

static int
remoteDomainGetIOThreadInfo(virDomainPtr dom, virDomainIOThreadInfoPtr **info, unsigned int flags)
{
    nuvRemoteDomainGetIothreadInfoArgs args = { .flags = flags };
    nuvRemoteDomainGetIothreadInfoRet ret = { 0 };
    virDomainIOThreadInfoPtr *list;
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_IOTHREAD_INFO, DomainGetIothreadInfo, &args, &ret) < 0)
        goto cleanup;
    list = g_new0(virDomainIOThreadInfoPtr, ret.info.n + 1);
    for (uint32_t i = 0; i < ret.info.n; i++) {
        virDomainIOThreadInfoPtr t = g_new0(virDomainIOThreadInfo, 1);

        t->iothread_id = ret.info.v[i].iothread_id;
        t->cpumaplen = ret.info.v[i].cpumap.n;
        t->cpumap = g_steal_pointer(&ret.info.v[i].cpumap.v);
        ret.info.v[i].cpumap.n = 0;
        list[i] = t;
    }
    *info = list;
    rv = ret.info.n;
 cleanup:
    FREE(DomainGetIothreadInfo, &args, &ret);
    return rv;
}

static int
remoteDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                               unsigned int source, unsigned int flags)
{
    nuvRemoteDomainInterfaceAddressesArgs args = { .source = source, .flags = flags };
    nuvRemoteDomainInterfaceAddressesRet ret = { 0 };
    virDomainInterfacePtr *list;
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_INTERFACE_ADDRESSES, DomainInterfaceAddresses, &args, &ret) < 0)
        goto cleanup;
    list = g_new0(virDomainInterfacePtr, ret.ifaces.n + 1);
    for (uint32_t i = 0; i < ret.ifaces.n; i++) {
        nuvRemoteDomainInterface *w = &ret.ifaces.v[i];
        virDomainInterfacePtr f = g_new0(virDomainInterface, 1);

        f->name = g_steal_pointer(&w->name);
        f->hwaddr = g_steal_pointer(&w->hwaddr);
        f->naddrs = w->addrs.n;
        f->addrs = g_new0(virDomainIPAddress, w->addrs.n ? w->addrs.n : 1);
        for (uint32_t j = 0; j < w->addrs.n; j++) {
            f->addrs[j].type = w->addrs.v[j].type;
            f->addrs[j].addr = g_steal_pointer(&w->addrs.v[j].addr);
            f->addrs[j].prefix = w->addrs.v[j].prefix;
        }
        list[i] = f;
    }
    *ifaces = list;
    rv = ret.ifaces.n;
 cleanup:
    FREE(DomainInterfaceAddresses, &args, &ret);
    return rv;
}

static int
remoteDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                        int start_cpu, unsigned int ncpus, unsigned int flags)
{
    nuvRemoteDomainGetCpuStatsArgs args = { .nparams = nparams, .start_cpu = start_cpu,
                                            .ncpus = ncpus, .flags = flags };
    nuvRemoteDomainGetCpuStatsRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_GET_CPU_STATS, DomainGetCpuStats, &args, &ret) < 0)
        goto cleanup;
    if (nparams == 0) {
        rv = ret.nparams;
        goto cleanup;
    }
    /* ret.nparams values per CPU, back to back; each CPU's go to the
     * start of its block of nparams. */
    if (ret.nparams < 0 || remoteReplyTooBig("statistics per CPU", ret.nparams, nparams) < 0 ||
        remoteReplyTooBig("statistics", ret.params.n,
                          (unsigned long long)nparams * (ncpus ? ncpus : 1)) < 0)
        goto cleanup;
    memset(params, 0, sizeof(*params) * nparams * (ncpus ? ncpus : 1));
    for (uint32_t off = 0, cpu = 0; ret.nparams > 0 && off < ret.params.n;
         off += ret.nparams, cpu++) {
        uint32_t n = MIN((uint32_t)ret.nparams, ret.params.n - off);
        int got = nparams;

        if (remoteCopyTypedParams(&ret.params.v[off], n, &params[(size_t)cpu * nparams],
                                  &got) < 0)
            goto cleanup;
    }
    rv = ret.nparams;
 cleanup:
    FREE(DomainGetCpuStats, &args, &ret);
    return rv;
}

static int
remoteDomainBlockPeek(virDomainPtr dom, const char *disk, unsigned long long offset, size_t size,
                      void *buffer, unsigned int flags)
{
    nuvRemoteDomainBlockPeekArgs args = { .path = g_strdup(disk), .offset = offset,
                                          .size = size, .flags = flags };
    nuvRemoteDomainBlockPeekRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_BLOCK_PEEK, DomainBlockPeek, &args, &ret) < 0)
        goto cleanup;
    if (ret.buffer.n != size) {
        nuvReportError(VIR_ERR_RPC, "the daemon sent %u bytes for %zu", ret.buffer.n, size);
        goto cleanup;
    }
    memcpy(buffer, ret.buffer.v, size);
    rv = 0;
 cleanup:
    FREE(DomainBlockPeek, &args, &ret);
    return rv;
}

static int
remoteDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                       unsigned int flags)
{
    nuvRemoteDomainMemoryPeekArgs args = { .offset = start, .size = size, .flags = flags };
    nuvRemoteDomainMemoryPeekRet ret = { 0 };
    int rv = -1;

    remoteMakeDomain(&args.dom, dom);
    if (CALL(dom->conn, DOMAIN_MEMORY_PEEK, DomainMemoryPeek, &args, &ret) < 0)
        goto cleanup;
    if (ret.buffer.n != size) {
        nuvReportError(VIR_ERR_RPC, "the daemon sent %u bytes for %zu", ret.buffer.n, size);
        goto cleanup;
    }
    memcpy(buffer, ret.buffer.v, size);
    rv = 0;
 cleanup:
    FREE(DomainMemoryPeek, &args, &ret);
    return rv;
}

static unsigned char *
remoteSecretGetValue(virSecretPtr secret, size_t *value_size, unsigned int flags)
{
    nuvRemoteSecretGetValueArgs args = { .flags = flags };
    nuvRemoteSecretGetValueRet ret = { 0 };
    unsigned char *rv = NULL;

    remoteMakeSecret(&args.optSecret, secret);
    if (CALL(secret->conn, SECRET_GET_VALUE, SecretGetValue, &args, &ret) == 0) {
        rv = g_malloc0(ret.value.n + 1);
        memcpy(rv, ret.value.v, ret.value.n);
        *value_size = ret.value.n;
        memset(ret.value.v, 0, ret.value.n);
    }
    FREE(SecretGetValue, &args, &ret);
    return rv;
}

void
remoteArraysFill(nuvHypervisorDriver *hv, nuvNetworkDriver *net, nuvSecretDriver *secret)
{
    hv->domainGetVcpus = remoteDomainGetVcpus;
    hv->nodeGetCellsFreeMemory = remoteNodeGetCellsFreeMemory;
    hv->domainMemoryStats = remoteDomainMemoryStats;
    hv->nodeGetCPUStats = remoteNodeGetCPUStats;
    hv->nodeGetMemoryStats = remoteNodeGetMemoryStats;
    hv->domainGetVcpuPinInfo = remoteDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = remoteDomainGetEmulatorPinInfo;
    hv->domainGetDiskErrors = remoteDomainGetDiskErrors;
    hv->domainGetSecurityLabelList = remoteDomainGetSecurityLabelList;
    hv->nodeGetCPUMap = remoteNodeGetCPUMap;
    hv->nodeGetFreePages = remoteNodeGetFreePages;
    hv->nodeAllocPages = remoteNodeAllocPages;
    hv->connectGetAllDomainStats = remoteConnectGetAllDomainStats;
    hv->domainListGetStats = remoteDomainListGetStats;
    hv->domainGetFSInfo = remoteDomainGetFSInfo;
    hv->domainGetIOThreadInfo = remoteDomainGetIOThreadInfo;
    hv->domainInterfaceAddresses = remoteDomainInterfaceAddresses;
    hv->domainGetCPUStats = remoteDomainGetCPUStats;
    hv->domainBlockPeek = remoteDomainBlockPeek;
    hv->domainMemoryPeek = remoteDomainMemoryPeek;
    net->networkGetDHCPLeases = remoteNetworkGetDHCPLeases;
    secret->secretGetValue = remoteSecretGetValue;
}
