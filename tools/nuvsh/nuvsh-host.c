/*
 * nuvsh-host.c: commands about the host and the hypervisor connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>

#include "nuvsh.h"

static const nuvshCmdOptDef opts_json[] = {
    NUVSH_OPT_JSON,
    { NULL },
};


/* A string of the capabilities XML, or null. */
static void
nuvshCapsJSONStr(json_object *obj,
                 const char *key,
                 const char *xml,
                 const char *expr)
{
    g_autofree char *val = nuvshXPathString(xml, expr);

    nuvshJSONStr(obj, key, val);
}


/* capabilities --json: a summary of the XML (host CPU and each guest kind),
 * not the whole document, which stays available as XML. */
static bool
nuvshCapabilitiesJSON(nuvshControl *ctl,
                      const char *caps)
{
    json_object *doc = json_object_new_object();
    json_object *host = json_object_new_object();
    json_object *guests = json_object_new_array();
    g_autoptr(GPtrArray) ostypes = nuvshXPathStrings(caps, "/capabilities/guest/os_type");
    guint i;

    nuvshCapsJSONStr(host, "uuid", caps, "string(/capabilities/host/uuid)");
    nuvshCapsJSONStr(host, "arch", caps, "string(/capabilities/host/cpu/arch)");
    nuvshCapsJSONStr(host, "cpu_model", caps, "string(/capabilities/host/cpu/model)");
    nuvshCapsJSONStr(host, "cpu_vendor", caps, "string(/capabilities/host/cpu/vendor)");
    json_object_object_add(doc, "host", host);

    for (i = 0; ostypes && i < ostypes->len; i++) {
        json_object *row = nuvshJSONRow(guests);
        json_object *types = json_object_new_array();
        g_autofree char *base = g_strdup_printf("/capabilities/guest[%u]", i + 1);
        g_autofree char *archexpr = g_strdup_printf("string(%s/arch/@name)", base);
        g_autofree char *domexpr = g_strdup_printf("%s/arch/domain/@type", base);
        g_autoptr(GPtrArray) domtypes = nuvshXPathStrings(caps, domexpr);
        guint j;

        nuvshJSONStr(row, "os_type", g_ptr_array_index(ostypes, i));
        nuvshCapsJSONStr(row, "arch", caps, archexpr);
        for (j = 0; domtypes && j < domtypes->len; j++)
            json_object_array_add(types,
                                  json_object_new_string(g_ptr_array_index(domtypes, j)));
        json_object_object_add(row, "domain_types", types);
    }
    json_object_object_add(doc, "guests", guests);
    return nuvshJSONPrint(ctl, doc);
}


static bool
cmdCapabilities(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetCapabilities(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get capabilities");
        return false;
    }

    if (nuvshJSONWanted(cmd))
        return nuvshCapabilitiesJSON(ctl, caps);
    nuvshPrint(ctl, "%s\n", caps);
    return true;
}


/* A command whose whole answer is one string: --json prints {"KEY": value}. */
static bool
nuvshPrintOneString(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *key,
                    const char *value)
{
    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, key, value);
        return nuvshJSONPrint(ctl, doc);
    }
    nuvshPrint(ctl, "%s\n", value);
    return true;
}


static bool
cmdHostname(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    return nuvshPrintOneString(ctl, cmd, "hostname", hostname);

}


static bool
cmdNodeinfo(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    virNodeInfo info;

    if (virNodeGetInfo(ctl->conn, &info) < 0) {
        nuvshError(ctl, "%s", "failed to get node information");
        return false;
    }

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "cpu_model", info.model);
        nuvshJSONUInt(doc, "cpus", info.cpus);
        nuvshJSONUInt(doc, "cpu_frequency_mhz", info.mhz);
        nuvshJSONUInt(doc, "cpu_sockets", info.sockets);
        nuvshJSONUInt(doc, "cores_per_socket", info.cores);
        nuvshJSONUInt(doc, "threads_per_core", info.threads);
        nuvshJSONUInt(doc, "numa_cells", info.nodes);
        nuvshJSONUInt(doc, "memory", (unsigned long long) info.memory * 1024);
        return nuvshJSONPrint(ctl, doc);
    }

    nuvshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    nuvshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    nuvshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    nuvshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    nuvshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    nuvshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    nuvshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    nuvshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}


static bool
cmdURI(nuvshControl *ctl,
       const nuvshCmd *cmd)
{
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get URI");
        return false;
    }
    return nuvshPrintOneString(ctl, cmd, "uri", uri);
}


static const nuvshCmdOptDef opts_version[] = {
    { "daemon", NUVSH_OT_BOOL, 0, "also print the version of the daemon" },
    NUVSH_OPT_JSON,
    { NULL },
};

static void
nuvshPrintVersion(nuvshControl *ctl,
                  const char *what,
                  unsigned long version)
{
    nuvshPrint(ctl, "%s %lu.%lu.%lu\n", what,
               version / 1000000, (version / 1000) % 1000, version % 1000);
}


static void
nuvshVersionJSON(json_object *obj,
                 const char *key,
                 unsigned long version)
{
    g_autofree char *str = g_strdup_printf("%lu.%lu.%lu", version / 1000000,
                                           (version / 1000) % 1000, version % 1000);

    nuvshJSONStr(obj, key, str);
}


/* version --json: each version as "major.minor.micro", null where the text
 * form says it cannot tell. */
static bool
nuvshVersionsJSON(nuvshControl *ctl,
                  const nuvshCmd *cmd,
                  const char *hvType)
{
    json_object *doc = json_object_new_object();
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    unsigned long daemonVersion;

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0 ||
        virConnectGetVersion(ctl->conn, &hvVersion) < 0) {
        json_object_put(doc);
        return false;
    }
    nuvshVersionJSON(doc, "compiled_library", LIBVIR_VERSION_NUMBER);
    nuvshVersionJSON(doc, "library", libVersion);
    nuvshJSONStr(doc, "hypervisor_type", hvType);
    nuvshVersionJSON(doc, "api", apiVersion);
    if (hvVersion)
        nuvshVersionJSON(doc, "hypervisor", hvVersion);
    else
        nuvshJSONNull(doc, "hypervisor");
    if (nuvshCommandOptBool(cmd, "daemon")) {
        if (virConnectGetLibVersion(ctl->conn, &daemonVersion) < 0) {
            json_object_put(doc);
            return false;
        }
        nuvshVersionJSON(doc, "daemon", daemonVersion);
    }
    return nuvshJSONPrint(ctl, doc);
}


static bool
cmdVersion(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autofree char *libstr = NULL;
    g_autofree char *apistr = NULL;
    unsigned long libVersion;
    unsigned long apiVersion;
    unsigned long hvVersion;
    unsigned long daemonVersion;
    const char *hvType;

    if (nuvshJSONWanted(cmd)) {
        if (!(hvType = virConnectGetType(ctl->conn))) {
            nuvshError(ctl, "%s", "failed to get hypervisor type");
            return false;
        }
        return nuvshVersionsJSON(ctl, cmd, hvType);
    }

    /* The library nuvsh was built against: its headers' version number. */
    nuvshPrintVersion(ctl, "Compiled against library: libvirt", LIBVIR_VERSION_NUMBER);

    if (!(hvType = virConnectGetType(ctl->conn))) {
        nuvshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }

    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        nuvshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    nuvshPrintVersion(ctl, "Using library: libvirt", libVersion);

    apistr = g_strdup_printf("Using API: %s", hvType);
    nuvshPrintVersion(ctl, apistr, apiVersion);

    if (virConnectGetVersion(ctl->conn, &hvVersion) < 0) {
        nuvshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hvVersion == 0) {
        nuvshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    } else {
        libstr = g_strdup_printf("Running hypervisor: %s", hvType);
        nuvshPrintVersion(ctl, libstr, hvVersion);
    }

    if (nuvshCommandOptBool(cmd, "daemon")) {
        if (virConnectGetLibVersion(ctl->conn, &daemonVersion) < 0) {
            nuvshError(ctl, "%s", "failed to get the daemon version");
            return false;
        }
        nuvshPrintVersion(ctl, "Running against daemon:", daemonVersion);
    }

    return true;
}


/* ---- sysinfo, maxvcpus, domcapabilities, cpu-models ------------------ */

static bool
cmdSysinfo(nuvshControl *ctl,
           const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *sysinfo = NULL;

    if (!(sysinfo = virConnectGetSysinfo(ctl->conn, 0))) {
        nuvshError(ctl, "%s", "failed to get sysinfo");
        return false;
    }
    nuvshPrint(ctl, "%s", sysinfo);
    return true;
}


static const nuvshCmdOptDef opts_maxvcpus[] = {
    { "type", NUVSH_OT_STRING, 0, "domain type, as in the type attribute of <domain>" },
    { NULL },
};

static bool
cmdMaxvcpus(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    const char *type = NULL;
    int vcpus;

    if (nuvshCommandOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    if ((vcpus = virConnectGetMaxVcpus(ctl->conn, type)) < 0)
        return false;
    nuvshPrint(ctl, "%d\n", vcpus);
    return true;
}


static const nuvshCmdOptDef opts_domcapabilities[] = {
    { "virttype", NUVSH_OT_STRING, 0, "domain type, as in the type attribute of <domain>" },
    { "emulatorbin", NUVSH_OT_STRING, 0, "path of the emulator binary" },
    { "arch", NUVSH_OT_STRING, 0, "guest architecture" },
    { "machine", NUVSH_OT_STRING, 0, "machine type" },
    { NULL },
};

static bool
cmdDomcapabilities(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autofree char *caps = NULL;
    const char *virttype = NULL;
    const char *emulator = NULL;
    const char *arch = NULL;
    const char *machine = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "virttype", &virttype) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "emulatorbin", &emulator) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "machine", &machine) < 0)
        return false;

    if (!(caps = virConnectGetDomainCapabilities(ctl->conn, emulator, arch, machine,
                                                 virttype, 0))) {
        nuvshError(ctl, "%s", "failed to get emulator capabilities");
        return false;
    }
    nuvshPrint(ctl, "%s\n", caps);
    return true;
}


static const nuvshCmdOptDef opts_cpu_models[] = {
    { "arch", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "architecture, e.g. x86_64" },
    { NULL },
};

static bool
cmdCpuModels(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    const char *arch = NULL;
    char **models = NULL;
    int n;
    int i;

    if (nuvshCommandOptStringReq(ctl, cmd, "arch", &arch) < 0)
        return false;
    if ((n = virConnectGetCPUModelNames(ctl->conn, arch, &models, 0)) < 0) {
        nuvshError(ctl, "%s", "failed to get CPU model names");
        return false;
    }
    if (n == 0)
        nuvshPrintExtra(ctl, "%s\n", "all CPU models are accepted");
    for (i = 0; i < n; i++) {
        nuvshPrint(ctl, "%s\n", models[i]);
        free(models[i]);
    }
    free(models);
    return true;
}


/* ---- memory and CPU statistics --------------------------------------- */

static const nuvshCmdOptDef opts_nodememstats[] = {
    { "cell", NUVSH_OT_INT, 0, "NUMA cell to report on; all memory when omitted" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNodememstats(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autofree virNodeMemoryStatsPtr params = NULL;
    int cell = VIR_NODE_MEMORY_STATS_ALL_CELLS;
    int nparams = 0;
    int i;

    if (nuvshCommandOptInt(ctl, cmd, "cell", &cell) < 0)
        return false;

    if (virNodeGetMemoryStats(ctl->conn, cell, NULL, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get number of memory stats");
        return false;
    }
    params = g_new0(virNodeMemoryStats, MAX(nparams, 1));
    if (nparams && virNodeGetMemoryStats(ctl->conn, cell, params, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get memory stats");
        return false;
    }
    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        for (i = 0; i < nparams; i++)
            nuvshJSONUInt(doc, params[i].field, params[i].value * 1024);
        return nuvshJSONPrint(ctl, doc);
    }
    for (i = 0; i < nparams; i++)
        nuvshPrint(ctl, "%-7s %20llu KiB\n", params[i].field, params[i].value);
    return true;
}


static const nuvshCmdOptDef opts_nodecpustats[] = {
    { "cpu", NUVSH_OT_INT, 0, "host CPU to report on; the total when omitted" },
    { "percent", NUVSH_OT_BOOL, 0, "show percentages over one second" },
    NUVSH_OPT_JSON,
    { NULL },
};

/* The four counters virsh shows, read from one virNodeGetCPUStats call. */
static bool
nuvshNodeCPUTimes(nuvshControl *ctl,
                  int cpu,
                  unsigned long long times[4],
                  bool *present)
{
    static const char *const fields[] = {
        VIR_NODE_CPU_STATS_USER, VIR_NODE_CPU_STATS_KERNEL, VIR_NODE_CPU_STATS_IDLE,
        VIR_NODE_CPU_STATS_IOWAIT,
    };
    g_autofree virNodeCPUStatsPtr params = NULL;
    int nparams = 0;
    int i;
    size_t j;

    if (virNodeGetCPUStats(ctl->conn, cpu, NULL, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get number of cpu stats");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virNodeCPUStats, nparams);
    if (virNodeGetCPUStats(ctl->conn, cpu, params, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get node cpu stats");
        return false;
    }
    for (j = 0; j < G_N_ELEMENTS(fields); j++) {
        present[j] = false;
        for (i = 0; i < nparams; i++) {
            if (g_str_equal(params[i].field, fields[j])) {
                times[j] = params[i].value;
                present[j] = true;
            }
        }
    }
    return true;
}


static bool
cmdNodecpustats(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    static const char *const labels[] = { "user:", "system:", "idle:", "iowait:" };
    static const char *const keys[] = { "user", "system", "idle", "iowait" };
    json_object *doc = nuvshJSONWanted(cmd) ? json_object_new_object() : NULL;
    unsigned long long before[4] = { 0 };
    unsigned long long after[4] = { 0 };
    bool present[4] = { false };
    int cpu = VIR_NODE_CPU_STATS_ALL_CPUS;
    size_t j;

    if (nuvshCommandOptInt(ctl, cmd, "cpu", &cpu) < 0 ||
        !nuvshNodeCPUTimes(ctl, cpu, before, present)) {
        json_object_put(doc);
        return false;
    }

    if (!nuvshCommandOptBool(cmd, "percent")) {
        /* --json: nanoseconds, as the API counts them */
        for (j = 0; j < G_N_ELEMENTS(labels); j++) {
            if (present[j] && doc)
                nuvshJSONUInt(doc, keys[j], before[j]);
            else if (present[j])
                nuvshPrint(ctl, "%-15s %20llu\n", labels[j], before[j]);
        }
        return doc ? nuvshJSONPrint(ctl, doc) : true;
    } else {
        double delta[4];
        double total = 0;

        /* usage over one second, as virsh measures it */
        g_usleep(G_USEC_PER_SEC);
        if (!nuvshNodeCPUTimes(ctl, cpu, after, present)) {
            json_object_put(doc);
            return false;
        }
        for (j = 0; j < 4; j++) {
            delta[j] = (double) after[j] - (double) before[j];
            total += delta[j];
        }
        if (doc) {
            nuvshJSONDouble(doc, "usage_percent", (delta[0] + delta[1]) / total * 100);
            for (j = 0; j < 4; j++) {
                g_autofree char *key = g_strdup_printf("%s_percent", keys[j]);

                nuvshJSONDouble(doc, key, delta[j] / total * 100);
            }
            return nuvshJSONPrint(ctl, doc);
        }
        nuvshPrint(ctl, "%-15s %5.1lf%%\n", "usage:", (delta[0] + delta[1]) / total * 100);
        for (j = 0; j < 4; j++)
            nuvshPrint(ctl, "%-15s %5.1lf%%\n", labels[j], delta[j] / total * 100);
        return true;
    }
}


static const nuvshCmdOptDef opts_nodecpumap[] = {
    { "pretty", NUVSH_OT_BOOL, 0, "show online CPUs as a list of ranges" },
    { NULL },
};

static bool
cmdNodecpumap(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    int cpus;
    int cpu;

    if ((cpus = virNodeGetCPUMap(ctl->conn, &map, &online, 0)) < 0) {
        nuvshError(ctl, "%s", "Unable to get cpu map");
        return false;
    }

    nuvshPrint(ctl, "%-15s %d\n", "CPUs present:", cpus);
    nuvshPrint(ctl, "%-15s %d\n", "CPUs online:", online);
    nuvshPrint(ctl, "%-15s ", "CPU map:");
    if (nuvshCommandOptBool(cmd, "pretty")) {
        bool first = true;

        for (cpu = 0; cpu < cpus; cpu++) {
            int last;

            if (!VIR_CPU_USED(map, cpu))
                continue;
            for (last = cpu; last + 1 < cpus && VIR_CPU_USED(map, last + 1); last++)
                ;
            nuvshPrint(ctl, first ? "%d" : ",%d", cpu);
            if (last > cpu)
                nuvshPrint(ctl, "-%d", last);
            first = false;
            cpu = last;
        }
    } else {
        for (cpu = 0; cpu < cpus; cpu++)
            nuvshPrint(ctl, "%c", VIR_CPU_USED(map, cpu) ? 'y' : '-');
    }
    nuvshPrint(ctl, "\n");
    free(map);
    return true;
}


/* One NUMA cell of freecell --json; the API's bytes, not the text's KiB. */
static void
nuvshFreecellJSON(json_object *obj,
                  int cell,
                  unsigned long long bytes)
{
    nuvshJSONInt(obj, "cell", cell);
    nuvshJSONUInt(obj, "free", bytes);
}


static const nuvshCmdOptDef opts_freecell[] = {
    { "cellno", NUVSH_OT_INT, 0, "NUMA cell to report on" },
    { "all", NUVSH_OT_BOOL, 0, "show every cell and the total" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdFreecell(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    bool all = nuvshCommandOptBool(cmd, "all");
    g_autoptr(json_object) doc = NULL;
    int cell = 0;
    int rc;

    if ((rc = nuvshCommandOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (rc > 0 && all) {
        nuvshError(ctl, "%s", "Options --cellno and --all are mutually exclusive");
        return false;
    }
    if (nuvshJSONWanted(cmd))
        doc = json_object_new_object();

    if (all) {
        g_autofree unsigned long long *mems = NULL;
        unsigned long long total = 0;
        json_object *cells = NULL;
        virNodeInfo info;
        int i;

        if (virNodeGetInfo(ctl->conn, &info) < 0) {
            nuvshError(ctl, "%s", "failed to get the number of NUMA cells");
            return false;
        }
        mems = g_new0(unsigned long long, info.nodes);
        if (virNodeGetCellsFreeMemory(ctl->conn, mems, 0, info.nodes) != (int) info.nodes) {
            nuvshError(ctl, "%s", "failed to get free memory for NUMA nodes");
            return false;
        }
        if (doc)
            json_object_object_add(doc, "cells", cells = json_object_new_array());
        for (i = 0; i < (int) info.nodes; i++) {
            if (cells)
                nuvshFreecellJSON(nuvshJSONRow(cells), i, mems[i]);
            else
                nuvshPrint(ctl, "%5d: %10llu KiB\n", i, mems[i] / 1024);
            total += mems[i];
        }
        if (doc) {
            nuvshJSONUInt(doc, "total", total);
            return nuvshJSONPrint(ctl, g_steal_pointer(&doc));
        }
        nuvshPrint(ctl, "%s\n", "--------------------");
        nuvshPrint(ctl, "%5s: %10llu KiB\n", "Total", total / 1024);
        return true;
    }

    if (rc > 0) {
        unsigned long long mem;

        if (virNodeGetCellsFreeMemory(ctl->conn, &mem, cell, 1) != 1)
            return false;
        if (doc) {
            nuvshFreecellJSON(doc, cell, mem);
            return nuvshJSONPrint(ctl, g_steal_pointer(&doc));
        }
        nuvshPrint(ctl, "%d: %llu KiB\n", cell, mem / 1024);
        return true;
    } else {
        unsigned long long mem = virNodeGetFreeMemory(ctl->conn);

        if (mem == 0)
            return false;
        if (doc) {
            nuvshJSONUInt(doc, "total", mem);
            return nuvshJSONPrint(ctl, g_steal_pointer(&doc));
        }
        nuvshPrint(ctl, "%s: %llu KiB\n", "Total", mem / 1024);
        return true;
    }
}


static const nuvshCmdOptDef opts_node_memory_tune[] = {
    { "shm-pages-to-scan", NUVSH_OT_INT, 0, "pages the memory merger scans before it sleeps" },
    { "shm-sleep-millisecs", NUVSH_OT_INT, 0,
      "how long the memory merger sleeps between scans" },
    { "shm-merge-across-nodes", NUVSH_OT_INT, 0,
      "whether pages may be merged across NUMA nodes (0 or 1)" },
    { NULL },
};

static bool
cmdNodeMemoryTune(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        const char *field;
    } knobs[] = {
        { "shm-pages-to-scan", VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN },
        { "shm-sleep-millisecs", VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS },
        { "shm-merge-across-nodes", VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES },
    };
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    size_t k;
    int i;

    for (k = 0; k < G_N_ELEMENTS(knobs); k++) {
        unsigned int value;
        int rc;

        if ((rc = nuvshCommandOptUInt(ctl, cmd, knobs[k].opt, &value)) < 0) {
            virTypedParamsFree(params, nparams);
            return false;
        }
        if (rc > 0)
            virTypedParamsAddUInt(&params, &nparams, &maxparams, knobs[k].field, value);
    }

    if (nparams) {
        int rc = virNodeSetMemoryParameters(ctl->conn, params, nparams, 0);

        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to change memory parameters");
            return false;
        }
        return true;
    }

    if (virNodeGetMemoryParameters(ctl->conn, NULL, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(virTypedParameter, nparams);
    if (virNodeGetMemoryParameters(ctl->conn, params, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get memory parameters");
        g_free(params);
        return false;
    }
    nuvshPrint(ctl, "%s\n", "Shared memory:");
    for (i = 0; i < nparams; i++) {
        const char *name = params[i].field;

        if (g_str_has_prefix(name, "shm_"))
            name += 4;
        if (params[i].type == VIR_TYPED_PARAM_ULLONG)
            nuvshPrint(ctl, "\t%-15s %llu\n", name, params[i].value.ul);
        else if (params[i].type == VIR_TYPED_PARAM_UINT)
            nuvshPrint(ctl, "\t%-15s %u\n", name, params[i].value.ui);
    }
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_nodesuspend[] = {
    { "target", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "mem, disk or hybrid" },
    { "duration", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "seconds to stay suspended" },
    { NULL },
};

static bool
cmdNodesuspend(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    const char *target = NULL;
    long long duration = 0;
    unsigned int suspend;

    if (nuvshCommandOptStringReq(ctl, cmd, "target", &target) < 0 ||
        nuvshCommandOptLongLong(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (duration < 0) {
        nuvshError(ctl, "%s", "Invalid duration argument");
        return false;
    }
    if (g_str_equal(target, "mem"))
        suspend = VIR_NODE_SUSPEND_TARGET_MEM;
    else if (g_str_equal(target, "disk"))
        suspend = VIR_NODE_SUSPEND_TARGET_DISK;
    else if (g_str_equal(target, "hybrid"))
        suspend = VIR_NODE_SUSPEND_TARGET_HYBRID;
    else {
        nuvshError(ctl, "%s", "Invalid target");
        return false;
    }

    if (virNodeSuspendForDuration(ctl->conn, suspend, duration, 0) < 0) {
        nuvshError(ctl, "%s", "The host was not suspended");
        return false;
    }
    return true;
}


/* ---- huge pages, SEV ------------------------------------------------- */

static const nuvshCmdOptDef opts_freepages[] = {
    { "cellno", NUVSH_OT_INT, 0, "NUMA cell to report on" },
    { "pagesize", NUVSH_OT_INT, 0,
      "page size to report on, with an optional unit (default KiB)" },
    { "all", NUVSH_OT_BOOL, 0, "report every cell and page size" },
    { NULL },
};

static bool
cmdFreepages(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autofree char *caps = NULL;
    g_autoptr(GPtrArray) sizes = NULL;
    g_autoptr(GPtrArray) cells = NULL;
    unsigned long long pagesize = 0;
    bool all = nuvshCommandOptBool(cmd, "all");
    int cell = 0;
    int rccell;
    int rcsize;
    guint c;
    guint i;

    if ((rccell = nuvshCommandOptInt(ctl, cmd, "cellno", &cell)) < 0 ||
        (rcsize = nuvshCommandOptScaledInt(ctl, cmd, "pagesize", &pagesize, 1024,
                                           G_MAXUINT * 1024ULL)) < 0)
        return false;
    if (all && (rccell > 0 || rcsize > 0)) {
        nuvshError(ctl, "%s", "Options --all and --cellno/--pagesize are mutually exclusive");
        return false;
    }
    if (!all && rccell == 0) {
        nuvshError(ctl, "%s", "missing cellno argument");
        return false;
    }

    if (!(caps = virConnectGetCapabilities(ctl->conn)))
        return false;
    sizes = nuvshXPathStrings(caps, "/capabilities/host/cpu/pages/@size");
    cells = nuvshXPathStrings(caps, "/capabilities/host/topology/cells/cell/@id");

    if (rcsize > 0 || (rccell > 0 && !all)) {
        g_autofree unsigned int *psizes = NULL;
        g_autofree unsigned long long *counts = NULL;
        guint n = rcsize > 0 ? 1 : sizes->len;

        psizes = g_new0(unsigned int, MAX(n, 1));
        counts = g_new0(unsigned long long, MAX(n, 1));
        if (rcsize > 0)
            psizes[0] = pagesize / 1024;
        else
            for (i = 0; i < n; i++)
                psizes[i] = g_ascii_strtoull(g_ptr_array_index(sizes, i), NULL, 10);
        if (virNodeGetFreePages(ctl->conn, n, psizes, cell, 1, counts, 0) < 0)
            return false;
        for (i = 0; i < n; i++)
            nuvshPrint(ctl, "%uKiB: %llu\n", psizes[i], counts[i]);
        return true;
    }

    for (c = 0; c < MAX(cells->len, 1); c++) {
        g_autofree unsigned int *psizes = g_new0(unsigned int, MAX(sizes->len, 1));
        g_autofree unsigned long long *counts = g_new0(unsigned long long, MAX(sizes->len, 1));
        int id = cells->len ? atoi(g_ptr_array_index(cells, c)) : 0;

        for (i = 0; i < sizes->len; i++)
            psizes[i] = g_ascii_strtoull(g_ptr_array_index(sizes, i), NULL, 10);
        if (virNodeGetFreePages(ctl->conn, sizes->len, psizes, id, 1, counts, 0) < 0)
            return false;
        nuvshPrint(ctl, "Node %d:\n", id);
        for (i = 0; i < sizes->len; i++)
            nuvshPrint(ctl, "%uKiB: %llu\n", psizes[i], counts[i]);
        nuvshPrint(ctl, "\n");
    }
    return true;
}


static const nuvshCmdOptDef opts_allocpages[] = {
    { "pagesize", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED,
      "page size, with an optional unit (default KiB)" },
    { "pagecount", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "number of pages" },
    { "cellno", NUVSH_OT_INT, 0, "NUMA cell to change" },
    { "add", NUVSH_OT_BOOL, 0,
      "add the pages to those there are instead of setting the total" },
    { "all", NUVSH_OT_BOOL, 0, "change every NUMA cell" },
    { NULL },
};

static bool
cmdAllocpages(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    unsigned long long pagesize = 0;
    unsigned long long count = 0;
    unsigned int psize;
    bool all = nuvshCommandOptBool(cmd, "all");
    unsigned int flags = 0;
    int cell = -1;
    int rccell;

    if (nuvshCommandOptScaledInt(ctl, cmd, "pagesize", &pagesize, 1024,
                                 G_MAXUINT * 1024ULL) < 0 ||
        nuvshCommandOptULL(ctl, cmd, "pagecount", &count) < 0 ||
        (rccell = nuvshCommandOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (all && rccell > 0) {
        nuvshError(ctl, "%s", "Options --all and --cellno are mutually exclusive");
        return false;
    }
    if (nuvshCommandOptBool(cmd, "add"))
        flags |= VIR_NODE_ALLOC_PAGES_ADD;

    psize = pagesize / 1024;
    if (virNodeAllocPages(ctl->conn, 1, &psize, &count, all ? -1 : cell, 1, flags) < 0)
        return false;
    return true;
}


static bool
cmdNodesevinfo(nuvshControl *ctl,
               const nuvshCmd *cmd G_GNUC_UNUSED)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int i;

    if (virNodeGetSEVInfo(ctl->conn, &params, &nparams, 0) != 0) {
        nuvshError(ctl, "%s", "Unable to get host SEV information");
        return false;
    }
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_STRING)
            nuvshPrint(ctl, "%-18s %s\n", params[i].field, params[i].value.s);
        else if (params[i].type == VIR_TYPED_PARAM_UINT)
            nuvshPrint(ctl, "%-18s %u\n", params[i].field, params[i].value.ui);
    }
    virTypedParamsFree(params, nparams);
    return true;
}


const nuvshCmdDef nuvshHostCmds[] = {
    { "allocpages", cmdAllocpages, opts_allocpages,
      "change the pool of huge pages",
      "" },
    { "cpu-models", cmdCpuModels, opts_cpu_models,
      "list the CPU models of an architecture",
      "" },
    { "freepages", cmdFreepages, opts_freepages,
      "show free huge pages",
      "" },
    { "nodesevinfo", cmdNodesevinfo, nuvshOptsNone,
      "show the host's SEV parameters",
      "" },
    { "domcapabilities", cmdDomcapabilities, opts_domcapabilities,
      "print what the hypervisor offers domains",
      "" },
    { "freecell", cmdFreecell, opts_freecell,
      "show free memory per NUMA cell",
      "" },
    { "maxvcpus", cmdMaxvcpus, opts_maxvcpus,
      "print the largest vCPU count allowed",
      "" },
    { "node-memory-tune", cmdNodeMemoryTune, opts_node_memory_tune,
      "show or change host memory tuning",
      "" },
    { "nodecpumap", cmdNodecpumap, opts_nodecpumap,
      "show which host CPUs are online",
      "" },
    { "nodecpustats", cmdNodecpustats, opts_nodecpustats,
      "show host CPU time statistics",
      "" },
    { "nodememstats", cmdNodememstats, opts_nodememstats,
      "show host memory statistics",
      "" },
    { "nodesuspend", cmdNodesuspend, opts_nodesuspend,
      "suspend the host for a while",
      "" },
    { "sysinfo", cmdSysinfo, nuvshOptsNone,
      "print the host's sysinfo XML",
      "" },
    { "capabilities", cmdCapabilities, opts_json,
      "print what the host and hypervisor offer, as capabilities XML", NULL, 0, NULL },
    { "hostname", cmdHostname, opts_json,
      "print the host name of the hypervisor's machine", NULL, 0, NULL },
    { "nodeinfo", cmdNodeinfo, opts_json,
      "print the host's CPUs, NUMA cells and memory", NULL, 0, NULL },
    { "uri", cmdURI, opts_json,
      "print the URI of the current connection, in its canonical form", NULL, 0, NULL },
    { "version", cmdVersion, opts_version,
      "print the versions of the library and hypervisor", NULL, 0, NULL },
    { NULL },
};
