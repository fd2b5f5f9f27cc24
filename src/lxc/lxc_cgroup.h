/*
 * lxc_cgroup.h: a container's cgroup (src/util/cgroup.h) set up from its
 * definition, and the tuning calls that read and change it.
 */
#pragma once

#include "lxc/lxc_conf.h"
#include "util/cgroup.h"

/* The cgroup of container @name (machine/NAME.nuvirt-lxc): created and
 * limited as @def says (<memory>, <memtune>, <cputune>, <vcpu cpuset>,
 * <blkiotune><weight>, the device allow-list), or opened (@create false)
 * after a restart.  NULL with an error; a half-made group is removed. */
nuvCgroup *lxcCgroupSetup(const nuvDomainDef *def);
nuvCgroup *lxcCgroupOpen(const char *name);

/* Driver methods (lxc_driver.c's table). */
int lxcDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int lxcDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
char *lxcDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int lxcDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int lxcDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int lxcDomainGetSchedulerParameters(virDomainPtr dom, virTypedParameterPtr params,
                                    int *nparams);
int lxcDomainSetSchedulerParameters(virDomainPtr dom, virTypedParameterPtr params,
                                    int nparams);
