/*
 * cgroup.h: control groups for the hypervisor drivers (LXC today, QEMU
 * later), on whatever mix the host mounts: each controller is used from
 * its v1 hierarchy when one is mounted, else from the v2 (unified)
 * hierarchy when that one offers it.  Freezing uses the v1 freezer, or
 * v2's cgroup.freeze.
 *
 * A nuvCgroup is one group, at the same relative path (say
 * "machine/web.nuvirt-lxc") in every hierarchy it uses.  Values are in
 * libvirt's units: KiB for memory, microseconds for CPU periods and
 * quotas, nanoseconds for CPU time.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

typedef enum {
    NUV_CGROUP_CPU,
    NUV_CGROUP_CPUACCT,
    NUV_CGROUP_CPUSET,
    NUV_CGROUP_MEMORY,
    NUV_CGROUP_DEVICES,
    NUV_CGROUP_FREEZER,
    NUV_CGROUP_BLKIO,
    NUV_CGROUP_PIDS,

    NUV_CGROUP_LAST
} nuvCgroupController;

typedef struct _nuvCgroup nuvCgroup;

/* "unlimited" for memory limits, as libvirt's VIR_DOMAIN_MEMORY_PARAM_UNLIMITED. */
#define NUV_CGROUP_UNLIMITED 9007199254740991ULL

/* Create the group @path (relative, '/'-separated) in every hierarchy
 * that has a controller, from the host's mount table (/proc/self/mountinfo,
 * or @mountinfo for tests, whose mount points may be plain directories).
 * An existing group is reused.  NULL with a system error naming the
 * directory. */
nuvCgroup *nuvCgroupNew(const char *path, const char *mountinfo);
/* The same group, opened without creating anything (NULL if absent). */
nuvCgroup *nuvCgroupOpen(const char *path, const char *mountinfo);
void nuvCgroupFree(nuvCgroup *cg);

/* Remove the group's directories (they must be empty of processes; a
 * recently killed process is waited for briefly).  -1 with an error if
 * one stays. */
int nuvCgroupRemove(nuvCgroup *cg);

bool nuvCgroupHas(const nuvCgroup *cg, nuvCgroupController c);
/* Whether controller @c comes from the v2 hierarchy. */
bool nuvCgroupIsV2(const nuvCgroup *cg, nuvCgroupController c);

/* The cgroup.procs files a process writes its pid to in order to join
 * (each hierarchy once), NULL-terminated; free with g_strfreev. */
char **nuvCgroupProcsFiles(const nuvCgroup *cg);
int nuvCgroupAddProcess(const nuvCgroup *cg, pid_t pid);

/* Memory, KiB; NUV_CGROUP_UNLIMITED for no limit. */
int nuvCgroupSetMemoryHardLimit(nuvCgroup *cg, unsigned long long kib);
int nuvCgroupSetMemorySoftLimit(nuvCgroup *cg, unsigned long long kib);
int nuvCgroupSetMemSwapHardLimit(nuvCgroup *cg, unsigned long long kib);
int nuvCgroupGetMemoryHardLimit(nuvCgroup *cg, unsigned long long *kib);
int nuvCgroupGetMemorySoftLimit(nuvCgroup *cg, unsigned long long *kib);
int nuvCgroupGetMemSwapHardLimit(nuvCgroup *cg, unsigned long long *kib);
int nuvCgroupGetMemoryUsage(nuvCgroup *cg, unsigned long long *kib);

/* CPU: shares (v1 cpu.shares; v2's cpu.weight converted as libvirt
 * does), CFS period and quota in microseconds (quota -1: none), total
 * CPU time used in nanoseconds. */
int nuvCgroupSetCpuShares(nuvCgroup *cg, unsigned long long shares);
int nuvCgroupGetCpuShares(nuvCgroup *cg, unsigned long long *shares);
int nuvCgroupSetCpuCfsPeriod(nuvCgroup *cg, unsigned long long us);
int nuvCgroupGetCpuCfsPeriod(nuvCgroup *cg, unsigned long long *us);
int nuvCgroupSetCpuCfsQuota(nuvCgroup *cg, long long us);
int nuvCgroupGetCpuCfsQuota(nuvCgroup *cg, long long *us);
int nuvCgroupGetCpuacctUsage(nuvCgroup *cg, unsigned long long *ns);
int nuvCgroupSetCpusetCpus(nuvCgroup *cg, const char *cpus);

/* Block I/O weight (100..1000); VIR_ERR_OPERATION_UNSUPPORTED when the
 * host's I/O scheduler has none. */
int nuvCgroupSetBlkioWeight(nuvCgroup *cg, unsigned int weight);
int nuvCgroupGetBlkioWeight(nuvCgroup *cg, unsigned int *weight);

/* Devices (v1 only: v2 needs a BPF program, which we do not load; there
 * the calls succeed doing nothing and nuvCgroupIsV2 says so).  @rule is
 * the kernel's "c 1:3 rwm" form; deny-all is "a". */
int nuvCgroupDenyAllDevices(nuvCgroup *cg);
int nuvCgroupAllowDevice(nuvCgroup *cg, const char *rule);

int nuvCgroupSetPidsMax(nuvCgroup *cg, long long max);   /* -1: "max" */

/* Freeze or thaw every process of the group, waiting (up to a few
 * seconds) until the kernel says it is done. */
int nuvCgroupSetFrozen(nuvCgroup *cg, bool frozen);
