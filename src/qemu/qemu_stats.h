/*
 * qemu_stats.h: statistics of running guests (block, interface, memory,
 * CPU, vCPUs) and the bulk statistics, from QMP and /proc.
 */
#pragma once

#include "qemu/qemu_domain.h"

/* Driver methods. */
int qemuDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats,
                          unsigned int nr_stats, unsigned int flags);
int qemuDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags);
int qemuDomainBlockStats(virDomainPtr domain, const char *path, virDomainBlockStatsPtr stats,
                         size_t size);
int qemuDomainBlockStatsFlags(virDomainPtr domain, const char *path,
                              virTypedParameterPtr params, int *nparams, unsigned int flags);
int qemuDomainGetBlockInfo(virDomainPtr domain, const char *path, virDomainBlockInfoPtr info,
                           unsigned int flags);
int qemuDomainInterfaceStats(virDomainPtr domain, const char *device,
                             virDomainInterfaceStatsPtr stats, size_t size);
int qemuDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int qemuNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                      unsigned int flags);
int qemuDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                          int start_cpu, unsigned int ncpus, unsigned int flags);
int qemuConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                 virDomainStatsRecordPtr **retStats, unsigned int flags);
int qemuDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                           virDomainStatsRecordPtr **retStats, unsigned int flags);
