/*
 * domain_post.c: post-parse defaults and checks for domain definitions.
 *
 * Each step mirrors one visible effect of stock libvirt's test driver on
 * a freshly defined domain (see ../shared/corpus/domain): a missing UUID
 * is generated, the balloon defaults to the full memory size, and so on.
 */
#include <string.h>

#include "conf/domain_post.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static int
nuvDomainPostMemory(nuvDomainDef *def)
{
    nuvXNode *numa = nuvXNodeChild(nuvXNodeChild(def->tree, "cpu"), "numa");
    unsigned long long total = 0;

    for (size_t i = 0; numa && i < nuvXNodeCountChildren(numa, "cell"); i++) {
        nuvXNode *cell = nuvXNodeNthChild(numa, "cell", i);
        unsigned long long kib;

        if (!nuvXNodeGet(cell, "memory"))
            continue;
        if (nuvScaleToKiB(nuvXNodeGet(cell, "memory"), nuvXNodeGet(cell, "unit"),
                          "memory", &kib) < 0)
            return -1;
        total += kib;
    }
    if (total > 0)
        def->memory = total;

    if (def->memory == 0) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s",
                       "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;
    return 0;
}

static bool
nuvDomainHasDeviceBoot(const nuvDomainDef *def)
{
    nuvXNode *devs = nuvDomainDefDevices(def);

    for (size_t i = 0; devs && i < devs->children->len; i++) {
        if (nuvXNodeChild(g_ptr_array_index(devs->children, i), "boot"))
            return true;
    }
    return false;
}

static int
nuvDomainPostOS(nuvDomainDef *def)
{
    nuvXNode *os = nuvXNodeEnsureChild(def->tree, "os");

    if (!def->osType) {
        nuvReportError(VIR_ERR_OS_TYPE, "%s", "An os <type> must be specified");
        return -1;
    }
    if (!def->arch)
        def->arch = g_strdup("i686");

    if (nuvXNodeChild(os, "boot") && nuvDomainHasDeviceBoot(def)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "per-device boot elements cannot be used together with os/boot elements");
        return -1;
    }
    if (strcmp(def->osType, "hvm") == 0 && !nuvXNodeChild(os, "boot") &&
        !nuvXNodeChild(os, "kernel") && !nuvDomainHasDeviceBoot(def))
        nuvXNodeSet(nuvXNodeAddChild(os, "boot"), "dev", "hd");
    return 0;
}

static void
nuvDomainPostVcpu(nuvDomainDef *def)
{
    nuvXNode *vcpu = nuvXNodeEnsureChild(def->tree, "vcpu");

    if (!nuvXNodeGet(vcpu, "placement"))
        nuvXNodeSet(vcpu, "placement", "static");
}

static void
nuvDomainPostClock(nuvDomainDef *def)
{
    nuvXNode *clock = nuvXNodeEnsureChild(def->tree, "clock");

    if (!nuvXNodeGet(clock, "offset"))
        nuvXNodeSet(clock, "offset", "utc");
}

int
nuvDomainDefPostParse(nuvDomainDef *def, unsigned int flags)
{
    (void) flags;

    if (nuvUUIDIsNull(def->uuid))
        nuvUUIDGenerate(def->uuid);

    if (nuvDomainPostMemory(def) < 0)
        return -1;
    nuvDomainPostVcpu(def);
    if (nuvDomainPostOS(def) < 0)
        return -1;
    nuvDomainPostClock(def);
    nuvXNodeEnsureChild(def->tree, "devices");
    return 0;
}
