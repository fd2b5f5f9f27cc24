/*
 * nuvsh-domain-tune.c: commands that show or change a domain's tuning:
 * memory limits, scheduler, block I/O, NUMA, perf events, the CPU time it
 * used, and its IOThreads (listed, added, pinned, set and deleted).  Each query takes --json (docs/nuvsh-json.md).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* Typed parameters as "name : value" lines, names padded as virsh pads. */
void
nuvshPrintTypedParams(nuvshControl *ctl,
                      virTypedParameterPtr params,
                      int nparams,
                      bool unlimited_ull)
{
    int i;

    for (i = 0; i < nparams; i++) {
        g_autofree char *val = NULL;

        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT: val = g_strdup_printf("%d", params[i].value.i); break;
        case VIR_TYPED_PARAM_UINT: val = g_strdup_printf("%u", params[i].value.ui); break;
        case VIR_TYPED_PARAM_LLONG: val = g_strdup_printf("%lld", params[i].value.l); break;
        case VIR_TYPED_PARAM_ULLONG:
            if (unlimited_ull && params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
                val = g_strdup("unlimited");
            else
                val = g_strdup_printf("%llu", params[i].value.ul);
            break;
        case VIR_TYPED_PARAM_DOUBLE: val = g_strdup_printf("%f", params[i].value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: val = g_strdup(params[i].value.b ? "yes" : "no"); break;
        case VIR_TYPED_PARAM_STRING: val = g_strdup(params[i].value.s); break;
        }
        nuvshPrint(ctl, "%-15s: %s\n", params[i].field, val ? val : "");
    }
}


/* The getters of memtune, blkiotune and numatune share one shape: ask for
 * the count, then the parameters (@fill_flags added for the second call).
 * Prints virsh's message for the step that failed.  *@params is NULL when
 * the driver has none. */
typedef int (*nuvshDomainParamsGetter)(virDomainPtr dom, virTypedParameterPtr params,
                                       int *nparams, unsigned int flags);

static bool
nuvshDomainGetParams(nuvshControl *ctl,
                     virDomainPtr dom,
                     nuvshDomainParamsGetter get,
                     unsigned int flags,
                     unsigned int fill_flags,
                     const char *count_error,
                     const char *error,
                     virTypedParameterPtr *params,
                     int *nparams)
{
    *params = NULL;
    *nparams = 0;
    if (get(dom, NULL, nparams, flags) < 0) {
        nuvshError(ctl, "%s", count_error);
        return false;
    }
    if (*nparams == 0)
        return true;
    *params = g_new0(virTypedParameter, *nparams);
    if (get(dom, *params, nparams, flags | fill_flags) < 0) {
        nuvshError(ctl, "%s", error);
        g_clear_pointer(params, g_free);
        *nparams = 0;
        return false;
    }
    return true;
}


/* blkiotune's per-device values ("/dev/sda,500,/dev/sdb,300") as
 * [{"device", "value"}]; an empty string is an empty list. */
static json_object *
nuvshDevicePairsJSON(const char *pairs)
{
    g_auto(GStrv) words = g_strsplit(pairs ? pairs : "", ",", 0);
    json_object *arr = json_object_new_array();
    size_t i;

    for (i = 0; words[i] && words[i + 1]; i += 2) {
        json_object *row = nuvshJSONRow(arr);
        guint64 value;

        nuvshJSONStr(row, "device", words[i]);
        if (g_ascii_string_to_unsigned(words[i + 1], 10, 0, G_MAXUINT64, &value, NULL))
            nuvshJSONUInt(row, "value", value);
        else
            nuvshJSONStr(row, "value", words[i + 1]);
    }
    return arr;
}


/* ---- memory limits --------------------------------------------------- */

static const nuvshCmdOptDef opts_memtune[] = {
    NUVSH_OPT_DOMAIN,
    { "hard-limit", NUVSH_OT_INT, 0, "hard memory limit, with optional unit (default KiB)" },
    { "soft-limit", NUVSH_OT_INT, 0, "soft memory limit, with optional unit (default KiB)" },
    { "swap-hard-limit", NUVSH_OT_INT, 0,
      "memory plus swap limit, with optional unit (default KiB)" },
    { "min-guarantee", NUVSH_OT_INT, 0, "guaranteed memory, with optional unit (default KiB)" },
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdMemtune(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        const char *field;
    } limits[] = {
        { "hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT },
        { "soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT },
        { "swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT },
        { "min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    size_t i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    for (i = 0; i < G_N_ELEMENTS(limits); i++) {
        const char *str = nuvshCommandOptString(cmd, limits[i].opt);
        unsigned long long kib;
        int rc;

        if (!str)
            continue;
        /* -1 means no limit, as for virsh */
        if (g_str_equal(str, "-1")) {
            kib = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        } else {
            unsigned long long bytes = 0;

            if ((rc = nuvshCommandOptScaledInt(ctl, cmd, limits[i].opt, &bytes, 1024,
                                               G_MAXUINT64)) < 0) {
                virTypedParamsFree(params, nparams);
                return false;
            }
            kib = bytes / 1024;
        }
        virTypedParamsAddULLong(&params, &nparams, &maxparams, limits[i].field, kib);
    }

    if (nparams) {
        int rc = virDomainSetMemoryParameters(dom, params, nparams, flags);

        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to change memory parameters");
            return false;
        }
        return true;
    }

    if (!nuvshDomainGetParams(ctl, dom, virDomainGetMemoryParameters, flags, 0,
                              "Unable to get number of memory parameters",
                              "Unable to get memory parameters", &params, &nparams))
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        /* the API's KiB as bytes; no limit is null */
        for (i = 0; i < (size_t) nparams; i++) {
            if (params[i].type != VIR_TYPED_PARAM_ULLONG)
                nuvshJSONTypedParam(doc, &params[i]);
            else if (params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
                nuvshJSONNull(doc, params[i].field);
            else
                nuvshJSONUInt(doc, params[i].field, params[i].value.ul * 1024);
        }
        virTypedParamsFree(params, nparams);
        return nuvshJSONPrint(ctl, doc);
    }
    nuvshPrintTypedParams(ctl, params, nparams, true);
    virTypedParamsFree(params, nparams);
    return true;
}


/* ---- scheduler, block I/O, NUMA, perf -------------------------------- */

/* Parses "field=value" for the type the driver reports for that field. */
static bool
nuvshAddTypedParamFromString(nuvshControl *ctl,
                             virTypedParameterPtr *params,
                             int *nparams,
                             int *maxparams,
                             const virTypedParameter *known,
                             int nknown,
                             const char *assignment)
{
    g_auto(GStrv) kv = g_strsplit(assignment, "=", 2);
    int i;

    if (!kv[0] || !kv[1]) {
        nuvshError(ctl, "Invalid syntax for --set, expecting name=value");
        return false;
    }
    for (i = 0; i < nknown; i++) {
        if (g_str_equal(known[i].field, kv[0]))
            break;
    }
    if (i == nknown) {
        nuvshError(ctl, "invalid scheduler option: %s", kv[0]);
        return false;
    }
    if (virTypedParamsAddFromString(params, nparams, maxparams, kv[0],
                                    known[i].type, kv[1]) < 0)
        return false;
    return true;
}


static const nuvshCmdOptDef opts_schedinfo[] = {
    NUVSH_OPT_DOMAIN,
    { "weight", NUVSH_OT_INT, 0, "weight, for the Xen credit scheduler" },
    { "cap", NUVSH_OT_INT, 0, "cap, for the Xen credit scheduler" },
    { "current", NUVSH_OT_BOOL, 0,
      "act on the current state (live if running, else persistent)" },
    { "config", NUVSH_OT_BOOL, 0, "act on the persistent definition" },
    { "live", NUVSH_OT_BOOL, 0, "act on the running domain" },
    { "set", NUVSH_OT_ARGV, 0, "parameter to change, as field=value" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdSchedinfo(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GPtrArray) sets = nuvshCommandOptArgv(cmd, "set");
    bool json = nuvshJSONWanted(cmd);
    g_autofree char *type = NULL;
    virTypedParameterPtr params = NULL;
    virTypedParameterPtr updates = NULL;
    int nparams = 0;
    int nupdates = 0;
    int maxupdates = 0;
    unsigned int flags;
    int weight;
    int cap;
    int rcw;
    int rcc;
    guint i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((rcw = nuvshCommandOptInt(ctl, cmd, "weight", &weight)) < 0 ||
        (rcc = nuvshCommandOptInt(ctl, cmd, "cap", &cap)) < 0)
        return false;

    if (!(type = virDomainGetSchedulerType(dom, &nparams)))
        return false;

    /* virsh names the scheduler before it reads or changes anything */
    if (!json)
        nuvshPrint(ctl, "%-15s: %s\n", "Scheduler", type);
    if (nparams == 0) {
        if (json) {
            json_object *doc = json_object_new_object();

            nuvshJSONStr(doc, "scheduler", type);
            return nuvshJSONPrint(ctl, doc);
        }
        return true;
    }

    params = g_new0(virTypedParameter, nparams);
    if (virDomainGetSchedulerParametersFlags(dom, params, &nparams, flags) < 0) {
        g_free(params);
        return false;
    }

    if (rcw > 0)
        virTypedParamsAddInt(&updates, &nupdates, &maxupdates, "weight", weight);
    if (rcc > 0)
        virTypedParamsAddInt(&updates, &nupdates, &maxupdates, "cap", cap);
    for (i = 0; i < sets->len; i++) {
        if (!nuvshAddTypedParamFromString(ctl, &updates, &nupdates, &maxupdates,
                                          params, nparams, g_ptr_array_index(sets, i))) {
            virTypedParamsFree(params, nparams);
            virTypedParamsFree(updates, nupdates);
            return false;
        }
    }

    if (nupdates) {
        int rc = virDomainSetSchedulerParametersFlags(dom, updates, nupdates, flags);

        virTypedParamsFree(updates, nupdates);
        virTypedParamsFree(params, nparams);
        if (rc < 0)
            return false;
        params = g_new0(virTypedParameter, nparams);
        if (virDomainGetSchedulerParametersFlags(dom, params, &nparams, flags) < 0) {
            g_free(params);
            return false;
        }
    }

    if (json) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "scheduler", type);
        return nuvshJSONPrint(ctl, nuvshJSONTypedParams(doc, params, nparams));
    }
    nuvshPrintTypedParams(ctl, params, nparams, false);
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_blkiotune[] = {
    NUVSH_OPT_DOMAIN,
    { "weight", NUVSH_OT_INT, 0, "I/O weight, 100 to 1000" },
    { "device-weights", NUVSH_OT_STRING, 0, "per-device weights: /dev/path,weight,..." },
    { "device-read-iops-sec", NUVSH_OT_STRING, 0,
      "per-device read operation limits: /dev/path,limit,..." },
    { "device-write-iops-sec", NUVSH_OT_STRING, 0,
      "per-device write operation limits: /dev/path,limit,..." },
    { "device-read-bytes-sec", NUVSH_OT_STRING, 0,
      "per-device read byte limits: /dev/path,limit,..." },
    { "device-write-bytes-sec", NUVSH_OT_STRING, 0,
      "per-device write byte limits: /dev/path,limit,..." },
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdBlkiotune(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        const char *field;
    } devopts[] = {
        { "device-weights", VIR_DOMAIN_BLKIO_DEVICE_WEIGHT },
        { "device-read-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS },
        { "device-write-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS },
        { "device-read-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_BPS },
        { "device-write-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int flags;
    int weight = 0;
    int rc;
    size_t i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if ((rc = nuvshCommandOptInt(ctl, cmd, "weight", &weight)) < 0)
        return false;
    if (rc > 0) {
        if (weight <= 0) {
            nuvshError(ctl, "Invalid value of %d for I/O weight", weight);
            return false;
        }
        virTypedParamsAddUInt(&params, &nparams, &maxparams, VIR_DOMAIN_BLKIO_WEIGHT, weight);
    }
    for (i = 0; i < G_N_ELEMENTS(devopts); i++) {
        const char *val = NULL;

        if (nuvshCommandOptStringReq(ctl, cmd, devopts[i].opt, &val) < 0) {
            virTypedParamsFree(params, nparams);
            return false;
        }
        if (val)
            virTypedParamsAddString(&params, &nparams, &maxparams, devopts[i].field, val);
    }

    if (nparams) {
        rc = virDomainSetBlkioParameters(dom, params, nparams, flags);
        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to change blkio parameters");
            return false;
        }
        return true;
    }

    if (!nuvshDomainGetParams(ctl, dom, virDomainGetBlkioParameters, flags,
                              VIR_TYPED_PARAM_STRING_OKAY,
                              "Unable to get number of blkio parameters",
                              "Unable to get blkio parameters", &params, &nparams))
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        for (i = 0; i < (size_t) nparams; i++) {
            if (params[i].type == VIR_TYPED_PARAM_STRING)
                json_object_object_add(doc, params[i].field,
                                       nuvshDevicePairsJSON(params[i].value.s));
            else
                nuvshJSONTypedParam(doc, &params[i]);
        }
        virTypedParamsFree(params, nparams);
        return nuvshJSONPrint(ctl, doc);
    }
    nuvshPrintTypedParams(ctl, params, nparams, false);
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_numatune[] = {
    NUVSH_OPT_DOMAIN,
    { "mode", NUVSH_OT_STRING, 0, "strict, preferred, interleave or restrictive" },
    { "nodeset", NUVSH_OT_STRING, 0, "host NUMA nodes to use" },
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNumatune(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const char *const modes[] = { "strict", "preferred", "interleave", "restrictive" };
    g_autoptr(nuvshDomain) dom = NULL;
    json_object *json;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    const char *mode = NULL;
    const char *nodeset = NULL;
    unsigned int flags;
    int i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "nodeset", &nodeset) < 0)
        return false;

    if (mode) {
        gint64 num;

        for (i = 0; i < (int) G_N_ELEMENTS(modes); i++) {
            if (g_str_equal(mode, modes[i]))
                break;
        }
        if (i == (int) G_N_ELEMENTS(modes) &&
            g_ascii_string_to_signed(mode, 10, 0, G_N_ELEMENTS(modes) - 1, &num, NULL))
            i = num;
        if (i == (int) G_N_ELEMENTS(modes)) {
            nuvshError(ctl, "Invalid mode: %s", mode);
            return false;
        }
        virTypedParamsAddInt(&params, &nparams, &maxparams, VIR_DOMAIN_NUMA_MODE, i);
    }
    if (nodeset)
        virTypedParamsAddString(&params, &nparams, &maxparams, VIR_DOMAIN_NUMA_NODESET,
                                nodeset);

    if (nparams) {
        int rc = virDomainSetNumaParameters(dom, params, nparams, flags);

        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to change numa parameters");
            return false;
        }
        return true;
    }

    /* virsh's count message says "memory" here too */
    if (!nuvshDomainGetParams(ctl, dom, virDomainGetNumaParameters, flags,
                              VIR_TYPED_PARAM_STRING_OKAY,
                              "Unable to get number of memory parameters",
                              "Unable to get numa parameters", &params, &nparams))
        return false;

    json = nuvshJSONWanted(cmd) ? json_object_new_object() : NULL;
    for (i = 0; i < nparams; i++) {
        bool is_mode = g_str_equal(params[i].field, VIR_DOMAIN_NUMA_MODE) &&
                       params[i].type == VIR_TYPED_PARAM_INT &&
                       params[i].value.i >= 0 &&
                       params[i].value.i < (int) G_N_ELEMENTS(modes);

        if (json && is_mode)
            nuvshJSONStr(json, params[i].field, modes[params[i].value.i]);
        else if (json && params[i].type == VIR_TYPED_PARAM_STRING && !*params[i].value.s)
            nuvshJSONNull(json, params[i].field);   /* no node set */
        else if (json)
            nuvshJSONTypedParam(json, &params[i]);
        else if (is_mode)
            nuvshPrint(ctl, "%-15s: %s\n", params[i].field, modes[params[i].value.i]);
        else
            nuvshPrintTypedParams(ctl, &params[i], 1, false);
    }
    virTypedParamsFree(params, nparams);
    return json ? nuvshJSONPrint(ctl, json) : true;
}


static const nuvshCmdOptDef opts_perf[] = {
    NUVSH_OPT_DOMAIN,
    { "enable", NUVSH_OT_STRING, 0, "perf events to turn on, comma separated" },
    { "disable", NUVSH_OT_STRING, 0, "perf events to turn off, comma separated" },
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdPerf(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    const char *enable = NULL;
    const char *disable = NULL;
    unsigned int flags;
    int i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "enable", &enable) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "disable", &disable) < 0)
        return false;

    if (enable || disable) {
        const char *lists[2] = { enable, disable };
        int k;
        int rc;

        for (k = 0; k < 2; k++) {
            g_auto(GStrv) events = lists[k] ? g_strsplit(lists[k], "|", 0) : NULL;

            for (i = 0; events && events[i]; i++)
                virTypedParamsAddBoolean(&params, &nparams, &maxparams, events[i], k == 0);
        }
        rc = virDomainSetPerfEvents(dom, params, nparams, flags);
        virTypedParamsFree(params, nparams);
        if (rc < 0) {
            nuvshError(ctl, "%s", "Unable to enable/disable perf events");
            return false;
        }
        return true;
    }

    if (virDomainGetPerfEvents(dom, &params, &nparams, flags) < 0) {
        nuvshError(ctl, "%s", "Unable to get perf events");
        return false;
    }
    /* each event as true (enabled) or false */
    if (nuvshJSONWanted(cmd))
        return nuvshJSONPrint(ctl, nuvshJSONTypedParams(NULL, params, nparams));
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VIR_TYPED_PARAM_BOOLEAN)
            nuvshPrint(ctl, "%-15s: %s\n", params[i].field,
                       params[i].value.b ? "enabled" : "disabled");
        else
            nuvshPrintTypedParams(ctl, &params[i], 1, false);
    }
    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_iothreadinfo[] = {
    NUVSH_OPT_DOMAIN,
    NUVSH_OPT_DOMAIN_MODIFY,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdIothreadinfo(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshTable) table = NULL;
    virDomainIOThreadInfoPtr *info = NULL;
    unsigned int flags;
    int maxcpu;
    int n;
    int i;
    bool ok;

    flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((maxcpu = nuvshHostCPUCount(ctl)) < 0)
        return false;

    if ((n = virDomainGetIOThreadInfo(dom, &info, flags)) < 0) {
        nuvshError(ctl, "Unable to get domain IOThreads information");
        return false;
    }
    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_array();

        for (i = 0; i < n; i++) {
            json_object *row = nuvshJSONRow(doc);

            nuvshJSONUInt(row, "iothread_id", info[i]->iothread_id);
            nuvshJSONCPUMap(row, "affinity", info[i]->cpumap, info[i]->cpumaplen, maxcpu);
            virDomainIOThreadInfoFree(info[i]);
        }
        g_free(info);
        return nuvshJSONPrint(ctl, doc);
    }
    if (n == 0) {
        nuvshPrintExtra(ctl, "%s\n", "No IOThreads found for the domain");
        return true;
    }

    table = nuvshTableNew("IOThread ID", "CPU Affinity", NULL);
    for (i = 0; i < n; i++) {
        g_autofree char *id = g_strdup_printf("%u", info[i]->iothread_id);
        g_autofree char *affinity = nuvshCPUMapToString(info[i]->cpumap,
                                                        MIN(maxcpu, info[i]->cpumaplen * 8),
                                                        true);

        nuvshTableAddRow(table, id, affinity, NULL);
        virDomainIOThreadInfoFree(info[i]);
    }
    g_free(info);
    nuvshTablePrint(ctl, table, true);
    return true;
}


/* ---- IOThreads ------------------------------------------------------- */

static bool
nuvshIOThreadCommon(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *idopt,
                    virDomainPtr *dom,
                    unsigned int *id,
                    unsigned int *flags)
{
    int num = 0;
    bool ok;

    *flags = nuvshCommandOptModifyFlags(ctl, cmd, &ok);
    if (!ok)
        return false;
    if (!(*dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptInt(ctl, cmd, idopt, &num) < 0)
        return false;
    if (num <= 0) {
        nuvshError(ctl, "Invalid IOThread id value: '%d'", num);
        return false;
    }
    *id = num;
    return true;
}


static const nuvshCmdOptDef opts_iothreadadd[] = {
    NUVSH_OPT_DOMAIN,
    { "id", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "id of the new IOThread" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdIothreadadd(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int id;
    unsigned int flags;

    if (!nuvshIOThreadCommon(ctl, cmd, "id", &dom, &id, &flags))
        return false;
    return virDomainAddIOThread(dom, id, flags) == 0;
}


static const nuvshCmdOptDef opts_iothreaddel[] = {
    NUVSH_OPT_DOMAIN,
    { "id", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "id of the IOThread to remove" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdIothreaddel(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int id;
    unsigned int flags;

    if (!nuvshIOThreadCommon(ctl, cmd, "id", &dom, &id, &flags))
        return false;
    return virDomainDelIOThread(dom, id, flags) == 0;
}


static const nuvshCmdOptDef opts_iothreadset[] = {
    NUVSH_OPT_DOMAIN,
    { "id", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "id of the IOThread to change" },
    { "poll-max-ns", NUVSH_OT_INT, 0, "longest polling time in nanoseconds" },
    { "poll-grow", NUVSH_OT_INT, 0, "how much polling time grows" },
    { "poll-shrink", NUVSH_OT_INT, 0, "how much polling time shrinks" },
    { "thread-pool-min", NUVSH_OT_INT, 0, "fewest threads in the worker pool" },
    { "thread-pool-max", NUVSH_OT_INT, 0, "most threads in the worker pool" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdIothreadset(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        const char *field;
        bool ull;
    } knobs[] = {
        { "poll-max-ns", VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, true },
        { "poll-grow", VIR_DOMAIN_IOTHREAD_POLL_GROW, false },
        { "poll-shrink", VIR_DOMAIN_IOTHREAD_POLL_SHRINK, false },
        { "thread-pool-min", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN, false },
        { "thread-pool-max", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX, false },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    unsigned int id;
    unsigned int flags;
    size_t i;
    int rc;

    if (!nuvshIOThreadCommon(ctl, cmd, "id", &dom, &id, &flags))
        return false;

    for (i = 0; i < G_N_ELEMENTS(knobs); i++) {
        if (knobs[i].ull) {
            unsigned long long v;

            if ((rc = nuvshCommandOptULL(ctl, cmd, knobs[i].opt, &v)) < 0)
                goto error;
            if (rc > 0)
                virTypedParamsAddULLong(&params, &nparams, &maxparams, knobs[i].field, v);
        } else {
            int v;

            if ((rc = nuvshCommandOptInt(ctl, cmd, knobs[i].opt, &v)) < 0)
                goto error;
            if (rc > 0)
                virTypedParamsAddInt(&params, &nparams, &maxparams, knobs[i].field, v);
        }
    }
    if (nparams == 0) {
        nuvshError(ctl, "%s", "Not enough arguments passed, nothing to set");
        return false;
    }

    rc = virDomainSetIOThreadParams(dom, id, params, nparams, flags);
    virTypedParamsFree(params, nparams);
    return rc == 0;

 error:
    virTypedParamsFree(params, nparams);
    return false;
}


static const nuvshCmdOptDef opts_iothreadpin[] = {
    NUVSH_OPT_DOMAIN,
    { "iothread", NUVSH_OT_INT, NUVSH_OFLAG_REQUIRED, "IOThread id" },
    { "cpulist", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "host CPUs to pin to, e.g. 1-3,5 or r for all" },
    NUVSH_OPT_DOMAIN_MODIFY,
    { NULL },
};

static bool
cmdIothreadpin(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree unsigned char *map = NULL;
    const char *cpulist = NULL;
    unsigned int id;
    unsigned int flags;
    virNodeInfo info;
    int maxcpu;
    int maplen;
    int i;

    if (!nuvshIOThreadCommon(ctl, cmd, "iothread", &dom, &id, &flags))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (virNodeGetInfo(ctl->conn, &info) < 0)
        return false;
    maxcpu = VIR_NODEINFO_MAXCPUS(info);
    maplen = VIR_CPU_MAPLEN(maxcpu);
    map = g_new0(unsigned char, maplen);

    if (g_str_equal(cpulist, "r")) {
        for (i = 0; i < maxcpu; i++)
            VIR_USE_CPU(map, i);
    } else {
        g_auto(GStrv) parts = g_strsplit(cpulist, ",", 0);

        for (i = 0; parts[i]; i++) {
            g_auto(GStrv) range = g_strsplit(parts[i], "-", 2);
            gint64 lo;
            gint64 hi;
            int cpu;

            if (!g_ascii_string_to_signed(range[0], 10, 0, maxcpu - 1, &lo, NULL) ||
                (range[1] && !g_ascii_string_to_signed(range[1], 10, lo, maxcpu - 1, &hi,
                                                       NULL))) {
                nuvshError(ctl, "Physical CPU %s doesn't exist.", parts[i]);
                return false;
            }
            if (!range[1])
                hi = lo;
            for (cpu = lo; cpu <= hi; cpu++)
                VIR_USE_CPU(map, cpu);
        }
    }

    return virDomainPinIOThread(dom, id, map, maplen, flags) == 0;
}


/* One CPU time of cpu-stats: a line in seconds, or in JSON its
 * nanoseconds under the field's name + "_ns". */
static void
nuvshCPUStatOutput(nuvshControl *ctl,
                   json_object *obj,
                   const virTypedParameter *p)
{
    if (!p->field[0] || p->type != VIR_TYPED_PARAM_ULLONG)
        return;
    if (obj) {
        g_autofree char *key = g_strdup_printf("%s_ns", p->field);

        nuvshJSONUInt(obj, key, p->value.ul);
    } else {
        nuvshPrint(ctl, "\t%-12s %19.9lf seconds\n", p->field, p->value.ul / 1000000000.0);
    }
}


static const nuvshCmdOptDef opts_cpu_stats[] = {
    NUVSH_OPT_DOMAIN,
    { "total", NUVSH_OT_BOOL, 0, "show the total only" },
    { "start", NUVSH_OT_INT, 0, "first host CPU to show" },
    { "count", NUVSH_OT_INT, 0, "how many host CPUs to show" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdCpuStats(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    bool total = nuvshCommandOptBool(cmd, "total");
    g_autoptr(json_object) doc = nuvshJSONWanted(cmd) ? json_object_new_object() : NULL;
    json_object *cpus = NULL;
    json_object *totals = NULL;
    int start = 0;
    int count = -1;
    int rcs;
    int rcc;
    int ncpus;
    int nparams;
    int cpu;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((rcs = nuvshCommandOptInt(ctl, cmd, "start", &start)) < 0 ||
        (rcc = nuvshCommandOptInt(ctl, cmd, "count", &count)) < 0)
        return false;
    if (start < 0) {
        nuvshError(ctl, "%s", "Invalid value for start CPU");
        return false;
    }
    if (rcc > 0 && count < 0) {
        nuvshError(ctl, "%s", "Invalid value for number of CPUs to show");
        return false;
    }

    if (!total || rcs > 0 || rcc > 0) {
        if ((ncpus = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)) < 0)
            goto failed;
        if (start >= ncpus) {
            nuvshError(ctl, "Start CPU %d is out of range (min: 0, max: %d)",
                       start, ncpus - 1);
            return false;
        }
        if (count < 0 || start + count > ncpus)
            count = ncpus - start;
        if ((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)) < 0)
            goto failed;
        params = g_new0(virTypedParameter, nparams * count);
        if (virDomainGetCPUStats(dom, params, nparams, start, count, 0) < 0) {
            g_free(params);
            goto failed;
        }
        if (doc)
            json_object_object_add(doc, "cpus", cpus = json_object_new_array());
        for (cpu = 0; cpu < count; cpu++) {
            json_object *row = cpus ? nuvshJSONRow(cpus) : NULL;

            if (row)
                nuvshJSONInt(row, "cpu", start + cpu);
            else
                nuvshPrint(ctl, "CPU%d:\n", start + cpu);
            for (i = 0; i < nparams; i++)
                nuvshCPUStatOutput(ctl, row, &params[cpu * nparams + i]);
        }
        virTypedParamsFree(params, nparams * count);
        params = NULL;
        if (rcs > 0 || rcc > 0)
            if (!total)
                return doc ? nuvshJSONPrint(ctl, g_steal_pointer(&doc)) : true;
    }

    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)) < 0)
        goto failed;
    params = g_new0(virTypedParameter, nparams);
    if (virDomainGetCPUStats(dom, params, nparams, -1, 1, 0) < 0) {
        g_free(params);
        goto failed;
    }
    if (doc)
        json_object_object_add(doc, "total", totals = json_object_new_object());
    else
        nuvshPrint(ctl, "%s\n", "Total:");
    for (i = 0; i < nparams; i++)
        nuvshCPUStatOutput(ctl, totals, &params[i]);
    virTypedParamsFree(params, nparams);
    return doc ? nuvshJSONPrint(ctl, g_steal_pointer(&doc)) : true;

 failed:
    nuvshError(ctl, "%s", "Failed to retrieve CPU statistics for domain");
    return false;
}


const nuvshCmdDef nuvshDomainTuneCmds[] = {
    { "blkiotune", cmdBlkiotune, opts_blkiotune,
      "show or change block I/O tuning",
      "" },
    { "cpu-stats", cmdCpuStats, opts_cpu_stats,
      "show CPU time spent by a domain",
      "" },
    { "iothreadpin", cmdIothreadpin, opts_iothreadpin,
      "pin an IOThread to host CPUs",
      "" },
    { "iothreadadd", cmdIothreadadd, opts_iothreadadd,
      "add an IOThread",
      "" },
    { "iothreadset", cmdIothreadset, opts_iothreadset,
      "change an IOThread's parameters",
      "" },
    { "iothreaddel", cmdIothreaddel, opts_iothreaddel,
      "remove an IOThread",
      "" },
    { "iothreadinfo", cmdIothreadinfo, opts_iothreadinfo,
      "list a domain's IOThreads",
      "" },
    { "memtune", cmdMemtune, opts_memtune,
      "show or change memory tuning",
      "" },
    { "numatune", cmdNumatune, opts_numatune,
      "show or change NUMA tuning",
      "" },
    { "perf", cmdPerf, opts_perf,
      "show or change perf event collection",
      "" },
    { "schedinfo", cmdSchedinfo, opts_schedinfo,
      "show or change scheduler parameters",
      "" },
    { NULL },
};
