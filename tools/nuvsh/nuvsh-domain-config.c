/*
 * nuvsh-domain-config.c: commands that show or change a domain's
 * vCPUs and memory, its description and metadata, its lifecycle actions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* Bits of @map as virsh shows them: 'y'/'-' per CPU, or with @pretty a
 * range list followed by "(out of N)". */
char *
nuvshCPUMapToString(const unsigned char *map,
                    int maxcpu,
                    bool ranges)
{
    g_autoptr(GString) out = g_string_new(NULL);
    int cpu;

    if (!ranges) {
        for (cpu = 0; cpu < maxcpu; cpu++)
            g_string_append_c(out, VIR_CPU_USED(map, cpu) ? 'y' : '-');
        return g_string_free(g_steal_pointer(&out), FALSE);
    }

    for (cpu = 0; cpu < maxcpu; cpu++) {
        int last;

        if (!VIR_CPU_USED(map, cpu))
            continue;
        for (last = cpu; last + 1 < maxcpu && VIR_CPU_USED(map, last + 1); last++)
            ;
        if (out->len)
            g_string_append_c(out, ',');
        if (last > cpu)
            g_string_append_printf(out, "%d-%d", cpu, last);
        else
            g_string_append_printf(out, "%d", cpu);
        cpu = last;
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}


/* "1-3,^2,5" or "r" into a CPU map of @maplen bytes; NULL if malformed. */
static unsigned char *
nuvshParseCPUList(nuvshControl *ctl,
                  const char *list,
                  int maxcpu,
                  int *maplen)
{
    g_auto(GStrv) parts = NULL;
    unsigned char *map;
    size_t i;

    *maplen = VIR_CPU_MAPLEN(maxcpu);
    map = g_new0(unsigned char, *maplen);

    if (g_str_equal(list, "r")) {
        int cpu;

        for (cpu = 0; cpu < maxcpu; cpu++)
            VIR_USE_CPU(map, cpu);
        return map;
    }

    parts = g_strsplit(list, ",", 0);
    for (i = 0; parts[i]; i++) {
        const char *p = parts[i];
        bool neg = *p == '^';
        gint64 lo;
        gint64 hi;
        g_auto(GStrv) range = NULL;
        int cpu;

        if (neg)
            p++;
        range = g_strsplit(p, "-", 2);
        if (!g_ascii_string_to_signed(range[0], 10, 0, maxcpu - 1, &lo, NULL) ||
            (range[1] && !g_ascii_string_to_signed(range[1], 10, lo, maxcpu - 1, &hi, NULL)) ||
            (neg && range[1])) {
            nuvshError(ctl, "Physical CPU %s doesn't exist.", p);
            g_free(map);
            return NULL;
        }
        if (!range[1])
            hi = lo;
        for (cpu = lo; cpu <= hi; cpu++) {
            if (neg)
                VIR_UNUSE_CPU(map, cpu);
            else
                VIR_USE_CPU(map, cpu);
        }
    }
    return map;
}


int
nuvshHostCPUCount(nuvshControl *ctl)
{
    int n = virNodeGetCPUMap(ctl->conn, NULL, NULL, 0);

    if (n < 0) {
        virNodeInfo info;

        nuvshResetLibvirtError(ctl);
        if (virNodeGetInfo(ctl->conn, &info) < 0)
            return -1;
        n = VIR_NODEINFO_MAXCPUS(info);
    }
    return n;
}


/* ---- vCPUs ----------------------------------------------------------- */

static const nuvshCmdOptDef opts_setvcpus[] = {
    NUVSH_OPT_DOMAIN,
    { "count", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "number of virtual CPUs" },
    { "maximum", NUVSH_OT_BOOL, 0, "change the maximum, used at next boot (with --config)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { "guest", NUVSH_OT_BOOL, 0, "change the value inside the guest" },
    { "hotpluggable", NUVSH_OT_BOOL, 0, "make added vCPUs hot-unpluggable" },
    { NULL },
};

static bool
cmdSetvcpus(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int count = 0;
    unsigned int flags;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok || !nuvshCommandOptExclusive(ctl, cmd, "guest", "config") ||
        !nuvshCommandOptExclusive(ctl, cmd, "hotpluggable", "guest"))
        return false;
    if (nuvshCommandOptBool(cmd, "maximum"))
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (nuvshCommandOptBool(cmd, "guest"))
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (nuvshCommandOptBool(cmd, "hotpluggable"))
        flags |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptUInt(ctl, cmd, "count", &count) < 0)
        return false;
    if (count == 0) {
        nuvshError(ctl, "%s", "Can't set 0 processors for a VM");
        return false;
    }

    if (flags == VIR_DOMAIN_AFFECT_CURRENT)
        return virDomainSetVcpus(dom, count) == 0;
    return virDomainSetVcpusFlags(dom, count, flags) == 0;
}


static const nuvshCmdOptDef opts_vcpucount[] = {
    NUVSH_OPT_DOMAIN,
    { "maximum", NUVSH_OT_BOOL, 0, "show the maximum instead of the current count" },
    { "active", NUVSH_OT_BOOL, 0, "show the count currently in use" },
    { "live", NUVSH_OT_BOOL, 0, "show the running domain's count" },
    { "config", NUVSH_OT_BOOL, 0, "show the persistent definition's count" },
    { "current", NUVSH_OT_BOOL, 0, "show the count of the domain's current state" },
    { "guest", NUVSH_OT_BOOL, 0, "ask the guest agent" },
    { NULL },
};

static bool
cmdVcpucount(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    bool maximum = nuvshCommandOptBool(cmd, "maximum");
    bool active = nuvshCommandOptBool(cmd, "active");
    bool config = nuvshCommandOptBool(cmd, "config");
    bool live = nuvshCommandOptBool(cmd, "live");
    bool current = nuvshCommandOptBool(cmd, "current");
    bool guest = nuvshCommandOptBool(cmd, "guest");
    int count;

    /* --current may go with either of the others here, as in virsh */
    if (!nuvshCommandOptExclusive(ctl, cmd, "live", "config") ||
        !nuvshCommandOptExclusive(ctl, cmd, "active", "maximum") ||
        !nuvshCommandOptExclusive(ctl, cmd, "guest", "config"))
        return false;
    if (guest && maximum) {
        nuvshError(ctl, "%s", "--maximum and --guest cannot be used together");
        return false;
    }

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (maximum || active || config || live || current || guest) {
        unsigned int flags = 0;

        if (maximum)
            flags |= VIR_DOMAIN_VCPU_MAXIMUM;
        if (config)
            flags |= VIR_DOMAIN_AFFECT_CONFIG;
        if (live)
            flags |= VIR_DOMAIN_AFFECT_LIVE;
        if (guest)
            flags |= VIR_DOMAIN_VCPU_GUEST;
        if ((count = virDomainGetVcpusFlags(dom, flags)) < 0)
            return false;
        nuvshPrint(ctl, "%d\n", count);
        return true;
    } else {
        static const struct {
            const char *what;
            const char *where;
            unsigned int flags;
        } rows[] = {
            { "maximum", "config", VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG },
            { "maximum", "live", VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_LIVE },
            { "current", "config", VIR_DOMAIN_AFFECT_CONFIG },
            { "current", "live", VIR_DOMAIN_AFFECT_LIVE },
        };
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(rows); i++) {
            if ((count = virDomainGetVcpusFlags(dom, rows[i].flags)) < 0) {
                /* an inactive domain has no live values; skip those */
                nuvshResetLibvirtError(ctl);
                continue;
            }
            nuvshPrint(ctl, "%-12s %-12s %3d\n", rows[i].what, rows[i].where, count);
        }
        return true;
    }
}


static const nuvshCmdOptDef opts_vcpuinfo[] = {
    NUVSH_OPT_DOMAIN,
    { "pretty", NUVSH_OT_BOOL, 0, "show CPU affinity as a list of ranges" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdVcpuinfo(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const char *const states[] = { "offline", "running", "blocked" };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree virVcpuInfoPtr info = NULL;
    g_autofree unsigned char *maps = NULL;
    bool pretty = nuvshCommandOptBool(cmd, "pretty");
    virDomainInfo dominfo;
    int maxcpu;
    int maplen;
    int n;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((maxcpu = nuvshHostCPUCount(ctl)) < 0)
        return false;
    if (virDomainGetInfo(dom, &dominfo) < 0)
        return false;

    maplen = VIR_CPU_MAPLEN(maxcpu);
    info = g_new0(virVcpuInfo, dominfo.nrVirtCpu);
    maps = g_new0(unsigned char, dominfo.nrVirtCpu * maplen);

    if ((n = virDomainGetVcpus(dom, info, dominfo.nrVirtCpu, maps, maplen)) < 0)
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        for (i = 0; i < n; i++) {
            json_object *row = nuvshJSONRow(arr);

            nuvshJSONInt(row, "vcpu", info[i].number);
            nuvshJSONInt(row, "cpu", info[i].cpu);
            nuvshJSONStr(row, "state",
                         info[i].state >= 0 && info[i].state < (int) G_N_ELEMENTS(states)
                         ? states[info[i].state] : "no state");
            nuvshJSONUInt(row, "cpu_time_ns", info[i].cpuTime);
            nuvshJSONCPUMap(row, "affinity", VIR_GET_CPUMAP(maps, maplen, i), maplen, maxcpu);
        }
        return nuvshJSONPrint(ctl, arr);
    }

    for (i = 0; i < n; i++) {
        g_autofree char *affinity = nuvshCPUMapToString(VIR_GET_CPUMAP(maps, maplen, i),
                                                        maxcpu, pretty);

        if (i > 0)
            nuvshPrint(ctl, "\n");
        nuvshPrint(ctl, "%-15s %d\n", "VCPU:", info[i].number);
        nuvshPrint(ctl, "%-15s %d\n", "CPU:", info[i].cpu);
        nuvshPrint(ctl, "%-15s %s\n", "State:",
                   info[i].state >= 0 && info[i].state < (int) G_N_ELEMENTS(states)
                   ? states[info[i].state] : "no state");
        nuvshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info[i].cpuTime / 1000000000.0);
        if (pretty)
            nuvshPrint(ctl, "%-15s %s (out of %d)\n", "CPU Affinity:", affinity, maxcpu);
        else
            nuvshPrint(ctl, "%-15s %s\n", "CPU Affinity:", affinity);
    }
    return true;
}


static const nuvshCmdOptDef opts_vcpupin[] = {
    NUVSH_OPT_DOMAIN,
    { "vcpu", NUVSH_OT_INT, 0, "the vCPU to show or pin" },
    { "cpulist", NUVSH_OT_STRING, 0, "host CPUs to pin to, e.g. 1-3,^2,5 or r for all" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdVcpupin(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *cpulist = NULL;
    unsigned int vcpu = 0;
    unsigned int flags;
    int gotvcpu;
    int maxcpu;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((gotvcpu = nuvshCommandOptUInt(ctl, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (cpulist && !gotvcpu) {
        nuvshError(ctl, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if ((maxcpu = nuvshHostCPUCount(ctl)) < 0)
        return false;

    if (!cpulist) {
        g_autoptr(nuvshTable) table = nuvshTableNew("VCPU", "CPU Affinity", NULL);
        g_autofree unsigned char *maps = NULL;
        int maplen = VIR_CPU_MAPLEN(maxcpu);
        int ncpus;
        int i;

        if ((ncpus = virDomainGetVcpusFlags(dom, flags | VIR_DOMAIN_VCPU_MAXIMUM)) < 0)
            return false;
        maps = g_new0(unsigned char, ncpus * maplen);
        if ((ncpus = virDomainGetVcpuPinInfo(dom, ncpus, maps, maplen, flags)) < 0)
            return false;
        for (i = 0; i < ncpus; i++) {
            g_autofree char *num = NULL;
            g_autofree char *affinity = NULL;

            if (gotvcpu && (unsigned int) i != vcpu)
                continue;
            num = g_strdup_printf("%d", i);
            affinity = nuvshCPUMapToString(VIR_GET_CPUMAP(maps, maplen, i), maxcpu, true);
            nuvshTableAddRow(table, num, affinity, NULL);
        }
        nuvshTablePrint(ctl, table, true);
        return true;
    } else {
        g_autofree unsigned char *map = NULL;
        int maplen;

        if (!(map = nuvshParseCPUList(ctl, cpulist, maxcpu, &maplen)))
            return false;
        if (flags == VIR_DOMAIN_AFFECT_CURRENT)
            return virDomainPinVcpu(dom, vcpu, map, maplen) == 0;
        return virDomainPinVcpuFlags(dom, vcpu, map, maplen, flags) == 0;
    }
}


static const nuvshCmdOptDef opts_emulatorpin[] = {
    NUVSH_OPT_DOMAIN,
    { "cpulist", NUVSH_OT_STRING, 0,
      "host CPUs to pin the emulator to, e.g. 1-3,^2,5 or r for all" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdEmulatorpin(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree unsigned char *map = NULL;
    const char *cpulist = NULL;
    unsigned int flags;
    int maxcpu;
    int maplen;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if ((maxcpu = nuvshHostCPUCount(ctl)) < 0)
        return false;

    if (!cpulist) {
        g_autofree char *affinity = NULL;

        maplen = VIR_CPU_MAPLEN(maxcpu);
        map = g_new0(unsigned char, maplen);
        if (virDomainGetEmulatorPinInfo(dom, map, maplen, flags) < 0)
            return false;
        affinity = nuvshCPUMapToString(map, maxcpu, true);
        nuvshPrintExtra(ctl, "%s %s\n", "emulator:", "CPU Affinity");
        nuvshPrintExtra(ctl, "%s\n", "----------------------------------");
        nuvshPrint(ctl, "       *: %s\n", affinity);
        return true;
    }

    if (!(map = nuvshParseCPUList(ctl, cpulist, maxcpu, &maplen)))
        return false;
    return virDomainPinEmulator(dom, map, maplen, flags) == 0;
}


/* ---- memory ---------------------------------------------------------- */

static const nuvshCmdOptDef opts_setmem[] = {
    NUVSH_OPT_DOMAIN,
    { "kilobytes", NUVSH_OT_ALIAS, 0, "size" },
    { "size", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "new memory size, with an optional unit (default KiB)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdSetmem(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long bytes = 0;
    unsigned int flags;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptScaledInt(ctl, cmd, "size", &bytes, 1024,
                                 (unsigned long long) G_MAXULONG * 1024) < 0)
        return false;

    if (flags == VIR_DOMAIN_AFFECT_CURRENT)
        return virDomainSetMemory(dom, bytes / 1024) == 0;
    return virDomainSetMemoryFlags(dom, bytes / 1024, flags) == 0;
}


static const nuvshCmdOptDef opts_setmaxmem[] = {
    NUVSH_OPT_DOMAIN,
    { "kilobytes", NUVSH_OT_ALIAS, 0, "size" },
    { "size", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "new maximum memory size, with an optional unit (default KiB)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdSetmaxmem(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned long long bytes = 0;
    unsigned int flags;
    int rc;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptScaledInt(ctl, cmd, "size", &bytes, 1024,
                                 (unsigned long long) G_MAXULONG * 1024) < 0)
        return false;

    if (flags == VIR_DOMAIN_AFFECT_CURRENT)
        rc = virDomainSetMaxMemory(dom, bytes / 1024);
    else
        rc = virDomainSetMemoryFlags(dom, bytes / 1024, flags | VIR_DOMAIN_MEM_MAXIMUM);
    if (rc < 0) {
        nuvshError(ctl, "%s", "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}


/* ---- description, metadata ------------------------------------------ */

static const nuvshCmdOptDef opts_desc[] = {
    NUVSH_OPT_DOMAIN,
    { "live", NUVSH_OT_BOOL, 0, "use the running domain's value" },
    { "config", NUVSH_OT_BOOL, 0, "use the persistent definition's value" },
    { "current", NUVSH_OT_BOOL, 0, "use the value of the domain's current state" },
    { "title", NUVSH_OT_BOOL, 0, "use the title instead of the description" },
    { "edit", NUVSH_OT_BOOL, 0, "open an editor on the value" },
    { "new-desc", NUVSH_OT_ARGV, 0, "the new text" },
    { NULL },
};

static bool
cmdDesc(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) words = nuvshCommandOptArgv(cmd, "new-desc");
    bool title = nuvshCommandOptBool(cmd, "title");
    int type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
    unsigned int flags;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (nuvshCommandOptBool(cmd, "edit")) {
        nuvshError(ctl, "%s", "editing the description is not supported by nuvsh yet");
        return false;
    }

    if (words->len) {
        g_ptr_array_add(words, NULL);
        g_autofree char *text = g_strjoinv(" ", (char **) words->pdata);

        if (virDomainSetMetadata(dom, type, text, NULL, NULL, flags) < 0) {
            nuvshError(ctl, "%s", title ? "Failed to set new domain title"
                                        : "Failed to set new domain description");
            return false;
        }
        /* no newline: the one after every command ends the line */
        nuvshPrint(ctl, "%s", title ? "Domain title updated successfully"
                                    : "Domain description updated successfully");
        return true;
    } else {
        g_autofree char *text = virDomainGetMetadata(dom, type, NULL, flags);

        if (!text) {
            if (ctl->last_error_code != VIR_ERR_NO_DOMAIN_METADATA)
                return false;
            nuvshResetLibvirtError(ctl);
        }
        if (text && *text)
            nuvshPrint(ctl, "%s", text);
        else
            nuvshPrint(ctl, title ? "No title for domain: %s" : "No description for domain: %s",
                       virDomainGetName(dom));
        return true;
    }
}


static const nuvshCmdOptDef opts_metadata[] = {
    NUVSH_OPT_DOMAIN,
    { "uri", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "namespace URI of the metadata element" },
    { "live", NUVSH_OT_BOOL, 0, "use the running domain's metadata" },
    { "config", NUVSH_OT_BOOL, 0, "use the persistent definition's metadata" },
    { "current", NUVSH_OT_BOOL, 0, "use the metadata of the domain's current state" },
    { "edit", NUVSH_OT_BOOL, 0, "open an editor on the value" },
    { "key", NUVSH_OT_STRING, 0, "namespace prefix to use when setting" },
    { "set", NUVSH_OT_STRING, 0, "new metadata XML" },
    { "remove", NUVSH_OT_BOOL, 0, "remove the metadata element" },
    { NULL },
};

static bool
cmdMetadata(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *uri = NULL;
    const char *key = NULL;
    const char *set = NULL;
    bool rem = nuvshCommandOptBool(cmd, "remove");
    unsigned int flags;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok || !nuvshCommandOptExclusive(ctl, cmd, "edit", "set") ||
        !nuvshCommandOptExclusive(ctl, cmd, "remove", "set") ||
        !nuvshCommandOptExclusive(ctl, cmd, "remove", "edit"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "uri", &uri) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "key", &key) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "set", &set) < 0)
        return false;

    if ((set || nuvshCommandOptBool(cmd, "edit")) && !key) {
        nuvshError(ctl, "%s", "namespace key is required when modifying metadata");
        return false;
    }
    if (nuvshCommandOptBool(cmd, "edit")) {
        nuvshError(ctl, "%s", "editing metadata is not supported by nuvsh yet");
        return false;
    }

    if (set || rem) {
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, key, uri, flags) < 0)
            return false;
        nuvshPrintExtra(ctl, "%s\n", rem ? "Metadata removed" : "Metadata modified");
        return true;
    } else {
        g_autofree char *data = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                                     uri, flags);

        if (!data)
            return false;
        nuvshPrint(ctl, "%s\n", data);
        return true;
    }
}


/* ---- lifecycle actions, agent timeout -------------------------------- */

static const nuvshCmdOptDef opts_set_lifecycle_action[] = {
    NUVSH_OPT_DOMAIN,
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "event: poweroff, reboot or crash" },
    { "action", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "what to do: destroy, restart, rename-restart, preserve, coredump-destroy, coredump-restart" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdSetLifecycleAction(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    static const char *const types[] = { "poweroff", "reboot", "crash" };
    static const char *const actions[] = {
        "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
        "coredump-restart",
    };
    g_autoptr(nuvshDomain) dom = NULL;
    const char *typestr = NULL;
    const char *actionstr = NULL;
    unsigned int flags;
    size_t type;
    size_t action;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "type", &typestr) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "action", &actionstr) < 0)
        return false;

    for (type = 0; type < G_N_ELEMENTS(types); type++) {
        if (g_str_equal(typestr, types[type]))
            break;
    }
    if (type == G_N_ELEMENTS(types)) {
        nuvshError(ctl, "Invalid lifecycle type '%s'.", typestr);
        return false;
    }
    for (action = 0; action < G_N_ELEMENTS(actions); action++) {
        if (g_str_equal(actionstr, actions[action]))
            break;
    }
    if (action == G_N_ELEMENTS(actions)) {
        nuvshError(ctl, "Invalid lifecycle action '%s'.", actionstr);
        return false;
    }

    if (virDomainSetLifecycleAction(dom, type, action, flags) < 0) {
        nuvshError(ctl, "%s", "Unable to change lifecycle action.");
        return false;
    }
    return true;
}


static const nuvshCmdOptDef opts_guest_agent_timeout[] = {
    NUVSH_OPT_DOMAIN,
    { "timeout", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT,
      "seconds to wait; -2 the default, -1 forever, 0 not at all" },
    { NULL },
};

static bool
cmdGuestAgentTimeout(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    int timeout = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptInt(ctl, cmd, "timeout", &timeout) < 0)
        return false;
    if (timeout < VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK) {
        nuvshError(ctl, "Invalid timeout %d", timeout);
        return false;
    }
    return virDomainAgentSetResponseTimeout(dom, timeout, 0) == 0;
}


const nuvshCmdDef nuvshDomainConfigCmds[] = {
    { "desc", cmdDesc, opts_desc,
      "show or change a domain's description or title",
      "" },
    { "metadata", cmdMetadata, opts_metadata,
      "show or change custom metadata of a domain",
      "" },
    { "guest-agent-timeout", cmdGuestAgentTimeout, opts_guest_agent_timeout,
      "set how long to wait for the guest agent",
      "" },
    { "set-lifecycle-action", cmdSetLifecycleAction, opts_set_lifecycle_action,
      "choose what happens on poweroff, reboot or crash",
      "" },
    { "setmaxmem", cmdSetmaxmem, opts_setmaxmem,
      "change the maximum memory of a domain",
      "" },
    { "setmem", cmdSetmem, opts_setmem,
      "change the current memory of a domain",
      "" },
    { "setvcpus", cmdSetvcpus, opts_setvcpus,
      "change the number of virtual CPUs",
      "" },
    { "vcpucount", cmdVcpucount, opts_vcpucount,
      "show the number of virtual CPUs",
      "" },
    { "vcpuinfo", cmdVcpuinfo, opts_vcpuinfo,
      "show details of each virtual CPU",
      "" },
    { "vcpupin", cmdVcpupin, opts_vcpupin,
      "show or change vCPU pinning",
      "" },
    { "emulatorpin", cmdEmulatorpin, opts_emulatorpin,
      "show or change emulator thread pinning",
      "" },
    { NULL },
};
