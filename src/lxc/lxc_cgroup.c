/*
 * lxc_cgroup.c: containers' cgroups.  The driver makes the group before
 * the controller starts and names its cgroup.procs files in the spec; the
 * controller joins them before it clones the container, so that every
 * process of the container is in the group from its first instruction.
 */
#include <string.h>

#include "lxc/lxc_cgroup.h"
#include "lxc/lxc_domain.h"
#include "lxc/lxc_driver.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_LXC

/* What a container may open (libvirt's list): null, zero, full, random,
 * urandom, tty, console, ptmx, and its own ptys. */
static const char *const lxcAllowedDevices[] = {
    "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
    "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm",
};

static char *
lxcCgroupPath(const char *name)
{
    return g_strdup_printf("machine/%s.nuvirt-lxc", name);
}

/* <memtune><NAME unit=...>N</NAME>: 0 and *set false when absent. */
static int
lxcMemtune(const nuvDomainDef *def, const char *name, unsigned long long *kib, bool *set)
{
    nuvXNode *mt = nuvXNodeChild(def->tree, "memtune");
    nuvXNode *n = mt ? nuvXNodeChild(mt, name) : NULL;

    *set = false;
    *kib = NUV_CGROUP_UNLIMITED;
    if (!n || !n->text)
        return 0;
    if (nuvScaleToKiB(n->text, nuvXNodeGet(n, "unit"), name, kib) < 0)
        return -1;
    *set = true;
    return 0;
}

static const char *
lxcCputune(const nuvDomainDef *def, const char *name)
{
    nuvXNode *ct = nuvXNodeChild(def->tree, "cputune");

    return ct ? nuvXNodeChildText(ct, name) : NULL;
}

static int
lxcCgroupApply(nuvCgroup *cg, const nuvDomainDef *def)
{
    unsigned long long hard, soft, swap;
    bool hasHard, hasSoft, hasSwap;
    const char *shares = lxcCputune(def, "shares"), *period = lxcCputune(def, "period");
    const char *quota = lxcCputune(def, "quota");
    nuvXNode *vcpu = nuvXNodeChild(def->tree, "vcpu");
    nuvXNode *blkio = nuvXNodeChild(def->tree, "blkiotune");
    const char *weight = blkio ? nuvXNodeChildText(blkio, "weight") : NULL;
    const char *cpuset = vcpu ? nuvXNodeGet(vcpu, "cpuset") : NULL;

    if (lxcMemtune(def, "hard_limit", &hard, &hasHard) < 0 ||
        lxcMemtune(def, "soft_limit", &soft, &hasSoft) < 0 ||
        lxcMemtune(def, "swap_hard_limit", &swap, &hasSwap) < 0)
        return -1;
    if (nuvCgroupHas(cg, NUV_CGROUP_MEMORY)) {
        /* <memory> is the container's limit, <hard_limit> overrides it */
        if (nuvCgroupSetMemoryHardLimit(cg, hasHard ? hard : def->memory) < 0 ||
            (hasSoft && nuvCgroupSetMemorySoftLimit(cg, soft) < 0) ||
            (hasSwap && nuvCgroupSetMemSwapHardLimit(cg, swap) < 0))
            return -1;
    }
    if ((shares || period || quota) && !nuvCgroupHas(cg, NUV_CGROUP_CPU)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "CPU tuning is not available on this host");
        return -1;
    }
    if ((shares && nuvCgroupSetCpuShares(cg, g_ascii_strtoull(shares, NULL, 10)) < 0) ||
        (period && nuvCgroupSetCpuCfsPeriod(cg, g_ascii_strtoull(period, NULL, 10)) < 0) ||
        (quota && nuvCgroupSetCpuCfsQuota(cg, g_ascii_strtoll(quota, NULL, 10)) < 0))
        return -1;
    if (cpuset && nuvCgroupHas(cg, NUV_CGROUP_CPUSET) && nuvCgroupSetCpusetCpus(cg, cpuset) < 0)
        return -1;
    if (weight && nuvCgroupSetBlkioWeight(cg, (unsigned int) g_ascii_strtoull(weight, NULL, 10)) < 0)
        return -1;
    if (nuvCgroupDenyAllDevices(cg) < 0)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(lxcAllowedDevices); i++) {
        if (nuvCgroupAllowDevice(cg, lxcAllowedDevices[i]) < 0)
            return -1;
    }
    return 0;
}

nuvCgroup *
lxcCgroupSetup(const nuvDomainDef *def)
{
    g_autofree char *path = lxcCgroupPath(def->name);
    nuvCgroup *cg = nuvCgroupNew(path, NULL);

    if (!cg) {
        if (!nuvErrorIsSet())
            nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "the host has no cgroups mounted");
        return NULL;
    }
    if (lxcCgroupApply(cg, def) < 0) {
        virErrorPtr err = nuvErrorPreserve();
        nuvCgroupRemove(cg);
        nuvCgroupFree(cg);
        nuvErrorRestore(&err);
        return NULL;
    }
    return cg;
}

nuvCgroup *
lxcCgroupOpen(const char *name)
{
    g_autofree char *path = lxcCgroupPath(name);

    return nuvCgroupOpen(path, NULL);
}

/* ---- memory parameters ---- */

static const char *const lxcMemParams[] = {
    VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
};

/* Write <memtune><NAME unit='KiB'>...; unlimited removes it. */
static void
lxcSetMemtune(nuvDomainDef *def, const char *name, unsigned long long kib)
{
    nuvXNode *mt = nuvXNodeEnsureChild(def->tree, "memtune");

    if (kib >= NUV_CGROUP_UNLIMITED) {
        nuvXNodeRemoveChildren(mt, name);
    } else {
        nuvXNode *n = nuvXNodeEnsureChild(mt, name);
        g_autofree char *v = g_strdup_printf("%llu", kib);
        nuvXNodeSet(n, "unit", "KiB");
        nuvXNodeSetText(n, v);
    }
}

int
lxcDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    nuvDomainObj *obj;
    bool live, config;
    int ret = -1, n = 0;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(obj = lxcDomObjFromDomain(dom)))
        return -1;
    if (nuvDomainObjAffectedDefs(obj, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &live, &config) < 0)
        goto cleanup;
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(lxcMemParams);
        ret = 0;
        goto cleanup;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(lxcMemParams) && n < *nparams; i++, n++) {
        unsigned long long v = NUV_CGROUP_UNLIMITED;
        bool set;
        if (live) {
            nuvCgroup *cg = lxcDomainPrivOf(obj)->cgroup;
            int rc = !cg ? -1 : i == 0 ? nuvCgroupGetMemoryHardLimit(cg, &v) :
                     i == 1 ? nuvCgroupGetMemorySoftLimit(cg, &v) :
                     nuvCgroupGetMemSwapHardLimit(cg, &v);
            if (rc < 0) {
                if (!nuvErrorIsSet())
                    nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                                   "cgroup memory controller is not mounted");
                goto cleanup;
            }
        } else if (lxcMemtune(nuvDomainObjGetPersistentDef(obj), lxcMemParams[i] + 0, &v,
                              &set) < 0) {
            goto cleanup;
        }
        if (nuvTypedParamAssign(&params[n], lxcMemParams[i], VIR_TYPED_PARAM_ULLONG, v) < 0)
            goto cleanup;
    }
    *nparams = n;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
lxcDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *persistent = NULL;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (nuvTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                               NULL) < 0)
        return -1;
    if (!(obj = lxcDomObjFromDomain(dom)))
        return -1;
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjAffectedDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if (live && !lxcDomainPrivOf(obj)->cgroup) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cgroup memory controller is not mounted");
        goto endjob;
    }
    /* the running definition becomes its own copy first: a live change
     * must not reach the persistent one */
    persistent = nuvDomainObjPrepareChange(obj);
    for (size_t i = 0; i < G_N_ELEMENTS(lxcMemParams); i++) {
        virTypedParameterPtr p = nuvTypedParamsFind(params, nparams, lxcMemParams[i]);
        if (!p)
            continue;
        if (live) {
            nuvCgroup *cg = lxcDomainPrivOf(obj)->cgroup;
            unsigned long long v = p->value.ul;
            if ((i == 0 ? nuvCgroupSetMemoryHardLimit(cg, v) :
                 i == 1 ? nuvCgroupSetMemorySoftLimit(cg, v) :
                 nuvCgroupSetMemSwapHardLimit(cg, v)) < 0)
                goto endjob;
            lxcSetMemtune(obj->def, lxcMemParams[i], v);
        }
        if (config)
            lxcSetMemtune(persistent, lxcMemParams[i], p->value.ul);
    }
    if (live)
        lxcDomainSaveStatus(lxcDomainPrivOf(obj)->driver, obj);
    if (config && lxcDomainSaveConfig(lxcDomainPrivOf(obj)->driver, persistent) < 0)
        goto endjob;
    ret = 0;

 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- scheduler parameters ---- */

char *
lxcDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    nuvDomainObj *obj;

    if (!(obj = lxcDomObjFromDomain(dom)))
        return NULL;
    nuvDomainObjEndAPI(&obj);
    if (nparams)
        *nparams = 3;
    return g_strdup("posix");
}

/* <cputune><NAME>V</NAME> (NULL removes it). */
static void
lxcSetCputune(nuvDomainDef *def, const char *name, const char *v)
{
    nuvXNode *ct = nuvXNodeEnsureChild(def->tree, "cputune");

    if (!v)
        nuvXNodeRemoveChildren(ct, name);
    else
        nuvXNodeSetText(nuvXNodeEnsureChild(ct, name), v);
}

int
lxcDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    nuvDomainObj *obj;
    bool live, config;
    unsigned long long shares = 1024, period = 100000;
    long long quota = -1;
    int ret = -1, n = 0;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(obj = lxcDomObjFromDomain(dom)))
        return -1;
    if (nuvDomainObjAffectedDefs(obj, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &live, &config) < 0)
        goto cleanup;
    if (live) {
        nuvCgroup *cg = lxcDomainPrivOf(obj)->cgroup;
        if (!cg || !nuvCgroupHas(cg, NUV_CGROUP_CPU)) {
            nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cgroup CPU controller is not mounted");
            goto cleanup;
        }
        if (nuvCgroupGetCpuShares(cg, &shares) < 0 || nuvCgroupGetCpuCfsPeriod(cg, &period) < 0 ||
            nuvCgroupGetCpuCfsQuota(cg, &quota) < 0)
            goto cleanup;
    } else {
        nuvDomainDef *def = nuvDomainObjGetPersistentDef(obj);
        const char *s = lxcCputune(def, "shares"), *p = lxcCputune(def, "period");
        const char *q = lxcCputune(def, "quota");
        if (s)
            shares = g_ascii_strtoull(s, NULL, 10);
        period = p ? g_ascii_strtoull(p, NULL, 10) : 0;
        quota = q ? g_ascii_strtoll(q, NULL, 10) : 0;
    }
    if (n < *nparams &&
        nuvTypedParamAssign(&params[n++], VIR_DOMAIN_SCHEDULER_CPU_SHARES,
                            VIR_TYPED_PARAM_ULLONG, shares) < 0)
        goto cleanup;
    if (n < *nparams &&
        nuvTypedParamAssign(&params[n++], VIR_DOMAIN_SCHEDULER_VCPU_PERIOD,
                            VIR_TYPED_PARAM_ULLONG, period) < 0)
        goto cleanup;
    if (n < *nparams &&
        nuvTypedParamAssign(&params[n++], VIR_DOMAIN_SCHEDULER_VCPU_QUOTA,
                            VIR_TYPED_PARAM_LLONG, quota) < 0)
        goto cleanup;
    *nparams = n;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
lxcDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    nuvDomainObj *obj;
    nuvDomainDef *persistent = NULL;
    bool live, config;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (nuvTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_SCHEDULER_CPU_SHARES, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_SCHEDULER_VCPU_PERIOD, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_SCHEDULER_VCPU_QUOTA, VIR_TYPED_PARAM_LLONG,
                               NULL) < 0)
        return -1;
    if (!(obj = lxcDomObjFromDomain(dom)))
        return -1;
    if (lxcDomainJobBegin(obj) < 0)
        goto cleanup;
    if (nuvDomainObjAffectedDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if (live && (!lxcDomainPrivOf(obj)->cgroup ||
                 !nuvCgroupHas(lxcDomainPrivOf(obj)->cgroup, NUV_CGROUP_CPU))) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "cgroup CPU controller is not mounted");
        goto endjob;
    }
    /* the running definition becomes its own copy first: a live change
     * must not reach the persistent one */
    persistent = nuvDomainObjPrepareChange(obj);
    for (int i = 0; i < nparams; i++) {
        virTypedParameterPtr p = &params[i];
        const char *elem;
        g_autofree char *v = NULL;

        if (strcmp(p->field, VIR_DOMAIN_SCHEDULER_CPU_SHARES) == 0) {
            elem = "shares";
            v = g_strdup_printf("%llu", p->value.ul);
            if (live && nuvCgroupSetCpuShares(lxcDomainPrivOf(obj)->cgroup, p->value.ul) < 0)
                goto endjob;
        } else if (strcmp(p->field, VIR_DOMAIN_SCHEDULER_VCPU_PERIOD) == 0) {
            elem = "period";
            v = g_strdup_printf("%llu", p->value.ul);
            if (live && nuvCgroupSetCpuCfsPeriod(lxcDomainPrivOf(obj)->cgroup, p->value.ul) < 0)
                goto endjob;
        } else {
            elem = "quota";
            v = g_strdup_printf("%lld", p->value.l);
            if (live && nuvCgroupSetCpuCfsQuota(lxcDomainPrivOf(obj)->cgroup, p->value.l) < 0)
                goto endjob;
        }
        if (live)
            lxcSetCputune(obj->def, elem, v);
        if (config)
            lxcSetCputune(persistent, elem, v);
    }
    if (live)
        lxcDomainSaveStatus(lxcDomainPrivOf(obj)->driver, obj);
    if (config && lxcDomainSaveConfig(lxcDomainPrivOf(obj)->driver, persistent) < 0)
        goto endjob;
    ret = 0;

 endjob:
    lxcDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
lxcDomainGetSchedulerParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams)
{
    return lxcDomainGetSchedulerParametersFlags(dom, params, nparams, 0);
}

int
lxcDomainSetSchedulerParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams)
{
    return lxcDomainSetSchedulerParametersFlags(dom, params, nparams, 0);
}
