/*
 * dispatch_arrays.c: the daemon side of the procedures whose replies are
 * arrays of records (vCPU information, statistics, leases, addresses,
 * CPU maps, ...): the generator maps scalars, strings, handles, typed
 * parameters and name lists, these are the shapes it does not.
 *
 * Every count that comes from the wire is checked against the protocol's
 * limit before anything is allocated for it; every count that comes from a
 * driver is checked before it goes into a reply.
 */
#include <string.h>

#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

#define DISPATCH(name) \
    int remoteDispatch##name(nuvRpcServer *srv, nuvRpcClient *client, nuvRpcMessage *msg, \
                             void *argsp, void *retp)

/* A count from the wire is within 0..max. */
static int
remoteCheckCount(const char *what, long long n, long long max)
{
    if (n < 0 || n > max) {
        nuvReportError(VIR_ERR_RPC, "%s %lld is out of range 0..%lld", what, n, max);
        return -1;
    }
    return 0;
}

/* A count from a driver fits in one reply. */
static int
remoteCheckReply(const char *what, long long n, long long max)
{
    if (n > max) {
        nuvReportError(VIR_ERR_RPC, "too many %s for one reply: %lld > %lld", what, n, max);
        return -1;
    }
    return 0;
}

static virDomainPtr
remoteArgDomain(nuvRpcClient *client, const nuvRemoteDomain *d)
{
    virConnectPtr conn = remoteClientConn(client);

    return conn ? remoteGetDomain(conn, d) : NULL;
}

DISPATCH(DomainGetVcpus)
{
    nuvRemoteDomainGetVcpusArgs *args = argsp;
    nuvRemoteDomainGetVcpusRet *ret = retp;
    g_autofree virVcpuInfo *info = NULL;
    g_autofree unsigned char *maps = NULL;
    virDomainPtr dom;
    int n;

    if (remoteCheckCount("maxinfo", args->maxinfo, NUV_REMOTE_VCPUINFO_MAX) < 0 ||
        remoteCheckCount("maplen", args->maplen, NUV_REMOTE_CPUMAP_MAX) < 0 ||
        remoteCheckCount("maxinfo * maplen", (long long)args->maxinfo * args->maplen,
                         NUV_REMOTE_CPUMAPS_MAX) < 0)
        return -1;
    if (!(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    info = g_new0(virVcpuInfo, args->maxinfo ? args->maxinfo : 1);
    if (args->maplen > 0)
        maps = g_new0(unsigned char, (size_t)args->maxinfo * args->maplen + 1);
    n = virDomainGetVcpus(dom, info, args->maxinfo, maps, args->maplen);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    ret->info.n = n;
    ret->info.v = g_new0(nuvRemoteVcpuInfo, n ? n : 1);
    for (int i = 0; i < n; i++) {
        ret->info.v[i].number = info[i].number;
        ret->info.v[i].state = info[i].state;
        ret->info.v[i].cpuTime = info[i].cpuTime;
        ret->info.v[i].cpu = info[i].cpu;
    }
    /* As libvirtd: the maps of every slot the caller offered. */
    ret->cpumaps.n = (uint32_t)args->maxinfo * args->maplen;
    ret->cpumaps.v = g_steal_pointer(&maps);
    return 0;
}

DISPATCH(NodeGetCellsFreeMemory)
{
    nuvRemoteNodeGetCellsFreeMemoryArgs *args = argsp;
    nuvRemoteNodeGetCellsFreeMemoryRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    int n;

    if (!conn || remoteCheckCount("maxcells", args->maxcells, NUV_REMOTE_NODE_MAX_CELLS) < 0)
        return -1;
    ret->cells.v = g_new0(uint64_t, args->maxcells ? args->maxcells : 1);
    n = virNodeGetCellsFreeMemory(conn, (unsigned long long *)ret->cells.v, args->startCell,
                                  args->maxcells);
    if (n < 0)
        return -1;
    ret->cells.n = n;
    return 0;
}

DISPATCH(DomainMemoryStats)
{
    nuvRemoteDomainMemoryStatsArgs *args = argsp;
    nuvRemoteDomainMemoryStatsRet *ret = retp;
    g_autofree virDomainMemoryStatStruct *stats = NULL;
    virDomainPtr dom;
    int n;

    if (remoteCheckCount("maxStats", args->maxStats, NUV_REMOTE_DOMAIN_MEMORY_STATS_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    stats = g_new0(virDomainMemoryStatStruct, args->maxStats ? args->maxStats : 1);
    n = virDomainMemoryStats(dom, stats, args->maxStats, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    ret->stats.n = n;
    ret->stats.v = g_new0(nuvRemoteDomainMemoryStat, n ? n : 1);
    for (int i = 0; i < n; i++) {
        ret->stats.v[i].tag = stats[i].tag;
        ret->stats.v[i].val = stats[i].val;
    }
    return 0;
}

DISPATCH(NodeGetCpuStats)
{
    nuvRemoteNodeGetCpuStatsArgs *args = argsp;
    nuvRemoteNodeGetCpuStatsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    g_autofree virNodeCPUStats *params = NULL;
    int n = args->nparams;

    if (!conn || remoteCheckCount("nparams", n, NUV_REMOTE_NODE_CPU_STATS_MAX) < 0)
        return -1;
    params = g_new0(virNodeCPUStats, n ? n : 1);
    if (virNodeGetCPUStats(conn, args->cpuNum, n ? params : NULL, &n, args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;     /* the count query */
    ret->params.n = n;
    ret->params.v = g_new0(nuvRemoteNodeGetCpuStats, n ? n : 1);
    for (int i = 0; i < n; i++) {
        ret->params.v[i].field = g_strdup(params[i].field);
        ret->params.v[i].value = params[i].value;
    }
    return 0;
}

DISPATCH(NodeGetMemoryStats)
{
    nuvRemoteNodeGetMemoryStatsArgs *args = argsp;
    nuvRemoteNodeGetMemoryStatsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    g_autofree virNodeMemoryStats *params = NULL;
    int n = args->nparams;

    if (!conn || remoteCheckCount("nparams", n, NUV_REMOTE_NODE_MEMORY_STATS_MAX) < 0)
        return -1;
    params = g_new0(virNodeMemoryStats, n ? n : 1);
    if (virNodeGetMemoryStats(conn, args->cellNum, n ? params : NULL, &n, args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;
    ret->params.n = n;
    ret->params.v = g_new0(nuvRemoteNodeGetMemoryStats, n ? n : 1);
    for (int i = 0; i < n; i++) {
        ret->params.v[i].field = g_strdup(params[i].field);
        ret->params.v[i].value = params[i].value;
    }
    return 0;
}

DISPATCH(DomainGetVcpuPinInfo)
{
    nuvRemoteDomainGetVcpuPinInfoArgs *args = argsp;
    nuvRemoteDomainGetVcpuPinInfoRet *ret = retp;
    virDomainPtr dom;
    size_t len;
    int n;

    if (remoteCheckCount("ncpumaps", args->ncpumaps, NUV_REMOTE_VCPUINFO_MAX) < 0 ||
        remoteCheckCount("maplen", args->maplen, NUV_REMOTE_CPUMAP_MAX) < 0 ||
        remoteCheckCount("ncpumaps * maplen", (long long)args->ncpumaps * args->maplen,
                         NUV_REMOTE_CPUMAPS_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    len = (size_t)args->ncpumaps * args->maplen;
    ret->cpumaps.v = g_new0(uint8_t, len ? len : 1);
    n = virDomainGetVcpuPinInfo(dom, args->ncpumaps, ret->cpumaps.v, args->maplen, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    ret->cpumaps.n = len;
    ret->num = n;
    return 0;
}

DISPATCH(DomainGetEmulatorPinInfo)
{
    nuvRemoteDomainGetEmulatorPinInfoArgs *args = argsp;
    nuvRemoteDomainGetEmulatorPinInfoRet *ret = retp;
    virDomainPtr dom;
    int n;

    if (remoteCheckCount("maplen", args->maplen, NUV_REMOTE_CPUMAP_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    ret->cpumaps.v = g_new0(uint8_t, args->maplen ? args->maplen : 1);
    n = virDomainGetEmulatorPinInfo(dom, ret->cpumaps.v, args->maplen, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    ret->cpumaps.n = args->maplen;
    ret->ret = n;
    return 0;
}

DISPATCH(DomainGetDiskErrors)
{
    nuvRemoteDomainGetDiskErrorsArgs *args = argsp;
    nuvRemoteDomainGetDiskErrorsRet *ret = retp;
    g_autofree virDomainDiskError *errors = NULL;
    virDomainPtr dom;
    int n;

    if (remoteCheckCount("maxerrors", args->maxerrors, NUV_REMOTE_DOMAIN_DISK_ERRORS_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    if (args->maxerrors)
        errors = g_new0(virDomainDiskError, args->maxerrors);
    n = virDomainGetDiskErrors(dom, errors, args->maxerrors, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    ret->nerrors = n;
    if (!errors)
        return 0;
    ret->errors.n = n;
    ret->errors.v = g_new0(nuvRemoteDomainDiskError, n ? n : 1);
    for (int i = 0; i < n; i++) {
        ret->errors.v[i].disk = errors[i].disk;      /* the reply takes it */
        ret->errors.v[i].error = errors[i].error;
    }
    return 0;
}

DISPATCH(DomainGetSecurityLabelList)
{
    nuvRemoteDomainGetSecurityLabelListArgs *args = argsp;
    nuvRemoteDomainGetSecurityLabelListRet *ret = retp;
    virSecurityLabelPtr labels = NULL;
    virDomainPtr dom;
    int n;

    if (!(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    n = virDomainGetSecurityLabelList(dom, &labels);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    if (remoteCheckReply("security labels", n, NUV_REMOTE_SECURITY_LABEL_LIST_MAX) < 0) {
        free(labels);
        return -1;
    }
    ret->labels.n = n;
    ret->labels.v = g_new0(nuvRemoteDomainGetSecurityLabelRet, n ? n : 1);
    for (int i = 0; i < n; i++) {
        /* With the terminating NUL, as the single-label call sends it. */
        ret->labels.v[i].label.n = strlen(labels[i].label) + 1;
        ret->labels.v[i].label.v = g_memdup2(labels[i].label, ret->labels.v[i].label.n);
        ret->labels.v[i].enforcing = labels[i].enforcing;
    }
    ret->ret = n;
    free(labels);
    return 0;
}

DISPATCH(NodeGetCpuMap)
{
    nuvRemoteNodeGetCpuMapArgs *args = argsp;
    nuvRemoteNodeGetCpuMapRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    unsigned char *map = NULL;
    unsigned int online = 0;
    int n;

    if (!conn)
        return -1;
    n = virNodeGetCPUMap(conn, args->needMap ? &map : NULL, args->needOnline ? &online : NULL,
                         args->flags);
    if (n < 0)
        return -1;
    if (map) {
        ret->cpumap.n = VIR_CPU_MAPLEN(n);
        ret->cpumap.v = g_memdup2(map, ret->cpumap.n);
        free(map);
    }
    ret->online = online;
    ret->ret = n;
    return 0;
}

DISPATCH(NodeGetFreePages)
{
    nuvRemoteNodeGetFreePagesArgs *args = argsp;
    nuvRemoteNodeGetFreePagesRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    long long len = (long long)args->pages.n * args->cellCount;
    int n;

    if (!conn || remoteCheckCount("pages * cellCount", len, NUV_REMOTE_NODE_MAX_CELLS) < 0)
        return -1;
    ret->counts.v = g_new0(uint64_t, len ? len : 1);
    n = virNodeGetFreePages(conn, args->pages.n, args->pages.v, args->startCell,
                            args->cellCount, (unsigned long long *)ret->counts.v, args->flags);
    if (n < 0)
        return -1;
    ret->counts.n = len;
    return 0;
}

DISPATCH(NodeAllocPages)
{
    nuvRemoteNodeAllocPagesArgs *args = argsp;
    nuvRemoteNodeAllocPagesRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    int n;

    if (!conn)
        return -1;
    if (args->pageSizes.n != args->pageCounts.n) {
        nuvReportError(VIR_ERR_RPC, "%u page sizes but %u page counts",
                       args->pageSizes.n, args->pageCounts.n);
        return -1;
    }
    n = virNodeAllocPages(conn, args->pageSizes.n, args->pageSizes.v,
                          (unsigned long long *)args->pageCounts.v, args->startCell,
                          args->cellCount, args->flags);
    if (n < 0)
        return -1;
    ret->ret = n;
    return 0;
}

DISPATCH(NetworkGetDhcpLeases)
{
    nuvRemoteNetworkGetDhcpLeasesArgs *args = argsp;
    nuvRemoteNetworkGetDhcpLeasesRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virNetworkDHCPLeasePtr *leases = NULL;
    virNetworkPtr net;
    int n;

    if (!conn || !(net = remoteGetNetwork(conn, &args->net)))
        return -1;
    n = virNetworkGetDHCPLeases(net, args->mac, args->needResults ? &leases : NULL,
                                args->flags);
    nuvHandleUnref(net);
    if (n < 0)
        return -1;
    if (leases && remoteCheckReply("leases", n, NUV_REMOTE_NETWORK_DHCP_LEASES_MAX) == 0) {
        ret->leases.n = n;
        ret->leases.v = g_new0(nuvRemoteNetworkDhcpLease, n ? n : 1);
        for (int i = 0; i < n; i++) {
            nuvRemoteNetworkDhcpLease *l = &ret->leases.v[i];

            l->iface = g_strdup(leases[i]->iface);
            l->expirytime = leases[i]->expirytime;
            l->type = leases[i]->type;
            l->mac = g_strdup(leases[i]->mac);
            l->iaid = g_strdup(leases[i]->iaid);
            l->ipaddr = g_strdup(leases[i]->ipaddr);
            l->prefix = leases[i]->prefix;
            l->hostname = g_strdup(leases[i]->hostname);
            l->clientid = g_strdup(leases[i]->clientid);
        }
    } else if (leases) {
        n = -1;
    }
    for (int i = 0; leases && leases[i]; i++)
        virNetworkDHCPLeaseFree(leases[i]);
    free(leases);
    if (n < 0)
        return -1;
    ret->ret = n;
    return 0;
}

DISPATCH(ConnectGetAllDomainStats)
{
    nuvRemoteConnectGetAllDomainStatsArgs *args = argsp;
    nuvRemoteConnectGetAllDomainStatsRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainStatsRecordPtr *recs = NULL;
    virDomainPtr *doms = NULL;
    int n;

    if (!conn)
        return -1;
    if (args->doms.n) {
        doms = g_new0(virDomainPtr, args->doms.n + 1);
        for (uint32_t i = 0; i < args->doms.n; i++) {
            if (!(doms[i] = remoteGetDomain(conn, &args->doms.v[i]))) {
                n = -1;
                goto cleanup;
            }
        }
        n = virDomainListGetStats(doms, args->stats, &recs, args->flags);
    } else {
        n = virConnectGetAllDomainStats(conn, args->stats, &recs, args->flags);
    }
    if (n < 0 || remoteCheckReply("records", n, NUV_REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX) < 0) {
        n = -1;
        goto cleanup;
    }
    ret->retStats.n = n;
    ret->retStats.v = g_new0(nuvRemoteDomainStatsRecord, n ? n : 1);
    for (int i = 0; i < n; i++) {
        remoteMakeDomain(&ret->retStats.v[i].dom, recs[i]->dom);
        remoteSerializeTypedParams(recs[i]->params, recs[i]->nparams,
                                   &ret->retStats.v[i].params.v,
                                   &ret->retStats.v[i].params.n);
    }

 cleanup:
    if (recs)
        virDomainStatsRecordListFree(recs);
    for (uint32_t i = 0; doms && i < args->doms.n; i++) {
        if (doms[i])
            nuvHandleUnref(doms[i]);
    }
    g_free(doms);
    return n < 0 ? -1 : 0;
}

DISPATCH(DomainGetFsinfo)
{
    nuvRemoteDomainGetFsinfoArgs *args = argsp;
    nuvRemoteDomainGetFsinfoRet *ret = retp;
    virDomainFSInfoPtr *info = NULL;
    virDomainPtr dom;
    int n;

    if (!(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    n = virDomainGetFSInfo(dom, &info, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    if (remoteCheckReply("file systems", n, NUV_REMOTE_DOMAIN_FSINFO_MAX) == 0) {
        ret->info.n = n;
        ret->info.v = g_new0(nuvRemoteDomainFsinfo, n ? n : 1);
        for (int i = 0; i < n; i++) {
            nuvRemoteDomainFsinfo *f = &ret->info.v[i];
            size_t nd = MIN(info[i]->ndevAlias, NUV_REMOTE_DOMAIN_FSINFO_DISKS_MAX);

            f->mountpoint = g_strdup(info[i]->mountpoint);
            f->name = g_strdup(info[i]->name);
            f->fstype = g_strdup(info[i]->fstype);
            f->devAliases.n = nd;
            f->devAliases.v = g_new0(char *, nd ? nd : 1);
            for (size_t j = 0; j < nd; j++)
                f->devAliases.v[j] = g_strdup(info[i]->devAlias[j]);
        }
        ret->ret = n;
    }
    for (int i = 0; i < n; i++)
        virDomainFSInfoFree(info[i]);
    free(info);
    return n > NUV_REMOTE_DOMAIN_FSINFO_MAX ? -1 : 0;
}

DISPATCH(DomainGetIothreadInfo)
{
    nuvRemoteDomainGetIothreadInfoArgs *args = argsp;
    nuvRemoteDomainGetIothreadInfoRet *ret = retp;
    virDomainIOThreadInfoPtr *info = NULL;
    virDomainPtr dom;
    int n;

    if (!(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    n = virDomainGetIOThreadInfo(dom, &info, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    if (remoteCheckReply("I/O threads", n, NUV_REMOTE_IOTHREAD_INFO_MAX) == 0) {
        ret->info.n = n;
        ret->info.v = g_new0(nuvRemoteDomainIothreadInfo, n ? n : 1);
        for (int i = 0; i < n; i++) {
            int len = MIN(info[i]->cpumaplen, NUV_REMOTE_CPUMAP_MAX);

            ret->info.v[i].iothread_id = info[i]->iothread_id;
            ret->info.v[i].cpumap.n = len > 0 ? len : 0;
            ret->info.v[i].cpumap.v = len > 0 ? g_memdup2(info[i]->cpumap, len) : NULL;
        }
        ret->ret = n;
    }
    for (int i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    return n > NUV_REMOTE_IOTHREAD_INFO_MAX ? -1 : 0;
}

DISPATCH(DomainInterfaceAddresses)
{
    nuvRemoteDomainInterfaceAddressesArgs *args = argsp;
    nuvRemoteDomainInterfaceAddressesRet *ret = retp;
    virDomainInterfacePtr *ifaces = NULL;
    virDomainPtr dom;
    int n;
    int rv = -1;

    if (!(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    n = virDomainInterfaceAddresses(dom, &ifaces, args->source, args->flags);
    nuvHandleUnref(dom);
    if (n < 0)
        return -1;
    if (remoteCheckReply("interfaces", n, NUV_REMOTE_DOMAIN_INTERFACE_MAX) < 0)
        goto cleanup;
    ret->ifaces.n = n;
    ret->ifaces.v = g_new0(nuvRemoteDomainInterface, n ? n : 1);
    for (int i = 0; i < n; i++) {
        nuvRemoteDomainInterface *w = &ret->ifaces.v[i];

        if (remoteCheckReply("addresses", ifaces[i]->naddrs, NUV_REMOTE_DOMAIN_IP_ADDR_MAX) < 0)
            goto cleanup;
        w->name = g_strdup(ifaces[i]->name);
        w->hwaddr = g_strdup(ifaces[i]->hwaddr);
        w->addrs.n = ifaces[i]->naddrs;
        w->addrs.v = g_new0(nuvRemoteDomainIpAddr, w->addrs.n ? w->addrs.n : 1);
        for (uint32_t j = 0; j < w->addrs.n; j++) {
            w->addrs.v[j].type = ifaces[i]->addrs[j].type;
            w->addrs.v[j].addr = g_strdup(ifaces[i]->addrs[j].addr);
            w->addrs.v[j].prefix = ifaces[i]->addrs[j].prefix;
        }
    }
    rv = 0;

 cleanup:
    for (int i = 0; i < n; i++)
        virDomainInterfaceFree(ifaces[i]);
    free(ifaces);
    return rv;
}

DISPATCH(DomainGetCpuStats)
{
    nuvRemoteDomainGetCpuStatsArgs *args = argsp;
    nuvRemoteDomainGetCpuStatsRet *ret = retp;
    virTypedParameterPtr params = NULL;
    long long total = (long long)args->nparams * (args->ncpus ? args->ncpus : 1);
    virDomainPtr dom;
    int n;

    if (remoteCheckCount("nparams * ncpus", total, NUV_REMOTE_DOMAIN_GET_CPU_STATS_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    if (args->nparams)
        params = g_new0(virTypedParameter, total);
    n = virDomainGetCPUStats(dom, params, args->nparams, args->start_cpu, args->ncpus,
                             args->flags);
    nuvHandleUnref(dom);
    if (n < 0) {
        nuvTypedParamsFree(params, params ? total : 0);
        return -1;
    }
    if (args->nparams == 0) {
        ret->nparams = n;       /* the count query */
        return 0;
    }
    /* One block of nparams per CPU, of which the driver filled n: the
     * wire carries n per CPU back to back (the client's stride). */
    {
        unsigned int ncpus = args->ncpus ? args->ncpus : 1;
        g_autofree virTypedParameter *packed = g_new0(virTypedParameter,
                                                      (size_t)ncpus * n + 1);

        for (unsigned int c = 0; c < ncpus; c++)
            memcpy(&packed[(size_t)c * n], &params[(size_t)c * args->nparams],
                   sizeof(*params) * n);
        remoteSerializeTypedParams(packed, ncpus * n, &ret->params.v, &ret->params.n);
    }
    ret->nparams = n;
    nuvTypedParamsFree(params, total);
    return 0;
}

DISPATCH(DomainBlockPeek)
{
    nuvRemoteDomainBlockPeekArgs *args = argsp;
    nuvRemoteDomainBlockPeekRet *ret = retp;
    virDomainPtr dom;
    int rv;

    if (remoteCheckCount("size", args->size, NUV_REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    ret->buffer.v = g_malloc0(args->size ? args->size : 1);
    rv = virDomainBlockPeek(dom, args->path, args->offset, args->size, ret->buffer.v,
                            args->flags);
    nuvHandleUnref(dom);
    if (rv < 0)
        return -1;
    ret->buffer.n = args->size;
    return 0;
}

DISPATCH(DomainMemoryPeek)
{
    nuvRemoteDomainMemoryPeekArgs *args = argsp;
    nuvRemoteDomainMemoryPeekRet *ret = retp;
    virDomainPtr dom;
    int rv;

    if (remoteCheckCount("size", args->size, NUV_REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX) < 0 ||
        !(dom = remoteArgDomain(client, &args->dom)))
        return -1;
    ret->buffer.v = g_malloc0(args->size ? args->size : 1);
    rv = virDomainMemoryPeek(dom, args->offset, args->size, ret->buffer.v, args->flags);
    nuvHandleUnref(dom);
    if (rv < 0)
        return -1;
    ret->buffer.n = args->size;
    return 0;
}

DISPATCH(SecretGetValue)
{
    nuvRemoteSecretGetValueArgs *args = argsp;
    nuvRemoteSecretGetValueRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virSecretPtr secret;
    unsigned char *value;
    size_t size = 0;

    if (!conn || !(secret = remoteGetSecret(conn, &args->optSecret)))
        return -1;
    value = virSecretGetValue(secret, &size, args->flags);
    nuvHandleUnref(secret);
    if (!value)
        return -1;
    if (remoteCheckReply("secret bytes", size, NUV_REMOTE_SECRET_VALUE_MAX) < 0) {
        free(value);
        return -1;
    }
    ret->value.n = size;
    ret->value.v = g_memdup2(value, size ? size : 1);
    memset(value, 0, size);
    free(value);
    return 0;
}
