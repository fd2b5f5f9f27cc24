/*
 * nuvsh-domain-monitor.c: commands that report on domains (list, dominfo,
 * domstate)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "nuvsh.h"

/* The words virsh prints for each state and reason; scripts match on them. */
static const char *const nuvshStateNames[] = {
    [VIR_DOMAIN_NOSTATE] = "no state",
    [VIR_DOMAIN_RUNNING] = "running",
    [VIR_DOMAIN_BLOCKED] = "idle",
    [VIR_DOMAIN_PAUSED] = "paused",
    [VIR_DOMAIN_SHUTDOWN] = "in shutdown",
    [VIR_DOMAIN_SHUTOFF] = "shut off",
    [VIR_DOMAIN_CRASHED] = "crashed",
    [VIR_DOMAIN_PMSUSPENDED] = "pmsuspended",
};

static const char *const nuvshRunningReasons[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
    "post-copy failed", NULL,
};

static const char *const nuvshPausedReasons[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
    "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
    "post-copy", "post-copy failed", "api error", NULL,
};

static const char *const nuvshShutdownReasons[] = {
    "unknown", "user", NULL,
};

static const char *const nuvshShutoffReasons[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from snapshot", "daemon", NULL,
};

static const char *const nuvshCrashedReasons[] = {
    "unknown", "panicked", NULL,
};

static const char *const nuvshUnknownOnly[] = {
    "unknown", NULL,
};


const char *
nuvshDomainStateToString(int state)
{
    if (state < 0 || state >= (int) G_N_ELEMENTS(nuvshStateNames))
        return "no state";
    return nuvshStateNames[state];
}


const char *
nuvshDomainStateReasonToString(int state,
                               int reason)
{
    const char *const *names;
    int i;

    switch ((virDomainState) state) {
    case VIR_DOMAIN_RUNNING:
        names = nuvshRunningReasons;
        break;
    case VIR_DOMAIN_PAUSED:
        names = nuvshPausedReasons;
        break;
    case VIR_DOMAIN_SHUTDOWN:
        names = nuvshShutdownReasons;
        break;
    case VIR_DOMAIN_SHUTOFF:
        names = nuvshShutoffReasons;
        break;
    case VIR_DOMAIN_CRASHED:
        names = nuvshCrashedReasons;
        break;
    default:
        names = nuvshUnknownOnly;
        break;
    }

    for (i = 0; names[i]; i++) {
        if (i == reason)
            return names[i];
    }
    return "unknown";
}


/* ---- list ------------------------------------------------------------ */

static const nuvshCmdOptDef opts_list[] = {
    { "inactive", NUVSH_OT_BOOL, 0, "only domains that are not running" },
    { "all", NUVSH_OT_BOOL, 0, "running and inactive domains" },
    { "transient", NUVSH_OT_BOOL, 0, "only transient domains" },
    { "persistent", NUVSH_OT_BOOL, 0, "only persistent domains" },
    { "with-snapshot", NUVSH_OT_BOOL, 0, "only domains that have snapshots" },
    { "without-snapshot", NUVSH_OT_BOOL, 0, "only domains without snapshots" },
    { "with-checkpoint", NUVSH_OT_BOOL, 0, "only domains that have checkpoints" },
    { "without-checkpoint", NUVSH_OT_BOOL, 0, "only domains without checkpoints" },
    { "state-running", NUVSH_OT_BOOL, 0, "only running domains" },
    { "state-paused", NUVSH_OT_BOOL, 0, "only paused domains" },
    { "state-shutoff", NUVSH_OT_BOOL, 0, "only shut off domains" },
    { "state-other", NUVSH_OT_BOOL, 0, "only domains in any other state" },
    { "autostart", NUVSH_OT_BOOL, 0, "only domains started with the host" },
    { "no-autostart", NUVSH_OT_BOOL, 0, "only domains not started with the host" },
    { "with-managed-save", NUVSH_OT_BOOL, 0, "only domains with a managed save image" },
    { "without-managed-save", NUVSH_OT_BOOL, 0, "only domains without a managed save image" },
    { "uuid", NUVSH_OT_BOOL, 0, "print UUIDs instead of a table" },
    { "name", NUVSH_OT_BOOL, 0, "print names instead of a table" },
    { "id", NUVSH_OT_BOOL, 0, "print ids of running domains instead of a table" },
    { "table", NUVSH_OT_BOOL, 0, "print a table (the default)" },
    { "managed-save", NUVSH_OT_BOOL, 0, "show 'saved' for domains with a managed save image" },
    { "title", NUVSH_OT_BOOL, 0, "add a column with each domain's title" },
    NUVSH_OPT_JSON,
    { NULL },
};


/* Running domains first by id, then the others by name, as virsh lists them. */
static gint
nuvshDomainCompare(gconstpointer a,
                   gconstpointer b)
{
    virDomainPtr da = *(virDomainPtr const *) a;
    virDomainPtr db = *(virDomainPtr const *) b;
    unsigned int ida = virDomainGetID(da);
    unsigned int idb = virDomainGetID(db);

    if (ida != idb)
        return ida < idb ? -1 : 1;
    return g_ascii_strcasecmp(virDomainGetName(da), virDomainGetName(db));
}


/* The state word 'list' shows for @dom ("saved" only with --managed-save). */
static const char *
nuvshListStateWord(nuvshControl *ctl,
                   virDomainPtr dom,
                   bool managedSave)
{
    int st;

    if (virDomainGetState(dom, &st, NULL, 0) < 0) {
        nuvshResetLibvirtError(ctl);
        return nuvshDomainStateToString(-1);
    }
    if (managedSave && st == VIR_DOMAIN_SHUTOFF &&
        virDomainHasManagedSaveImage(dom, 0) > 0)
        return "saved";
    return nuvshDomainStateToString(st);
}


/* list --json: the table's rows, plus each domain's UUID. */
static bool
nuvshListJSON(nuvshControl *ctl,
              virDomainPtr *doms,
              int ndoms,
              bool title,
              bool managedSave)
{
    json_object *arr = json_object_new_array();
    int i;

    for (i = 0; i < ndoms; i++) {
        json_object *row = nuvshJSONRow(arr);
        unsigned int id = virDomainGetID(doms[i]);
        char uuid[VIR_UUID_STRING_BUFLEN];

        if (id == (unsigned int) -1)
            nuvshJSONNull(row, "id");
        else
            nuvshJSONUInt(row, "id", id);
        nuvshJSONStr(row, "name", virDomainGetName(doms[i]));
        nuvshJSONStr(row, "uuid",
                     virDomainGetUUIDString(doms[i], uuid) == 0 ? uuid : NULL);
        nuvshJSONStr(row, "state", nuvshListStateWord(ctl, doms[i], managedSave));
        if (title) {
            g_autofree char *text = virDomainGetMetadata(doms[i], VIR_DOMAIN_METADATA_TITLE,
                                                         NULL, 0);

            if (!text)
                nuvshResetLibvirtError(ctl);
            nuvshJSONStr(row, "title", text);
        }
    }
    return nuvshJSONPrint(ctl, arr);
}


static bool
cmdList(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int flag;
    } filters[] = {
        { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
        { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
        { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
        { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
        { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
        { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
        { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
        { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
        { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
        { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
        { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
        { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
        { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
        { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
    };
    bool optName = nuvshCommandOptBool(cmd, "name");
    bool optUUID = nuvshCommandOptBool(cmd, "uuid");
    bool optID = nuvshCommandOptBool(cmd, "id");
    bool optTitle = nuvshCommandOptBool(cmd, "title");
    bool optManagedSave = nuvshCommandOptBool(cmd, "managed-save");
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    virDomainPtr *doms = NULL;
    g_autoptr(nuvshTable) table = NULL;
    bool ret = false;
    size_t i;
    int ndoms;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (nuvshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE;

    for (i = 0; i < G_N_ELEMENTS(filters); i++) {
        if (nuvshCommandOptBool(cmd, filters[i].opt))
            flags |= filters[i].flag;
    }

    /* Asking for a state implies looking at every domain, not only running ones. */
    if (flags & (VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER |
                 VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED))
        flags &= ~(VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE);

    if (!nuvshCommandOptExclusive(ctl, cmd, "table", "name") ||
        !nuvshCommandOptExclusive(ctl, cmd, "table", "uuid") ||
        !nuvshCommandOptExclusive(ctl, cmd, "table", "id"))
        return false;

    if ((ndoms = virConnectListAllDomains(ctl->conn, &doms, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    qsort(doms, ndoms, sizeof(*doms),
          (int (*)(const void *, const void *)) nuvshDomainCompare);

    if (nuvshJSONWanted(cmd)) {
        ret = nuvshListJSON(ctl, doms, ndoms, optTitle, optManagedSave);
        goto cleanup;
    }

    if (optName || optUUID || optID) {
        for (i = 0; i < (size_t) ndoms; i++) {
            g_autoptr(GString) line = g_string_new(NULL);
            unsigned int id = virDomainGetID(doms[i]);
            char uuid[VIR_UUID_STRING_BUFLEN];

            /* Ids exist for running domains only; list nothing else. */
            if (optID && id == (unsigned int) -1)
                continue;

            if (optUUID) {
                if (virDomainGetUUIDString(doms[i], uuid) < 0) {
                    nuvshError(ctl, "%s", "Failed to get domain's UUID");
                    goto cleanup;
                }
                g_string_append(line, uuid);
            }
            if (optID)
                g_string_append_printf(line, "%s%u", line->len ? " " : "", id);
            if (optName)
                g_string_append_printf(line, "%s%s", line->len ? " " : "",
                                       virDomainGetName(doms[i]));
            nuvshPrint(ctl, "%s\n", line->str);
        }
        ret = true;
        goto cleanup;
    }

    if (optTitle)
        table = nuvshTableNew("Id", "Name", "State", "Title", NULL);
    else
        table = nuvshTableNew("Id", "Name", "State", NULL);

    for (i = 0; i < (size_t) ndoms; i++) {
        virDomainPtr dom = doms[i];
        unsigned int id = virDomainGetID(dom);
        g_autofree char *idstr = NULL;
        const char *state = nuvshListStateWord(ctl, dom, optManagedSave);

        if (id == (unsigned int) -1)
            idstr = g_strdup("-");
        else
            idstr = g_strdup_printf("%u", id);

        if (optTitle) {
            g_autofree char *title = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE,
                                                          NULL, 0);

            /* no title is not an error worth reporting later */
            if (!title)
                nuvshResetLibvirtError(ctl);
            nuvshTableAddRow(table, idstr, virDomainGetName(dom), state,
                             title ? title : "", NULL);
        } else {
            nuvshTableAddRow(table, idstr, virDomainGetName(dom), state, NULL);
        }
    }

    nuvshTablePrint(ctl, table, !ctl->quiet);
    ret = true;

 cleanup:
    for (i = 0; i < (size_t) ndoms; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ret;
}


/* ---- dominfo --------------------------------------------------------- */

static const nuvshCmdOptDef opts_dominfo[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    NUVSH_OPT_JSON,
    { NULL },
};


/* dominfo --json: the same facts as the text, memory in bytes, CPU time in
 * nanoseconds. */
static bool
nuvshDominfoJSON(nuvshControl *ctl,
                 virDomainPtr dom)
{
    json_object *doc;
    g_autofree char *ostype = NULL;
    virSecurityModel secmodel;
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id = virDomainGetID(dom);
    int autostart;

    if (virDomainGetInfo(dom, &info) < 0)
        return false;

    doc = json_object_new_object();
    if (id == (unsigned int) -1)
        nuvshJSONNull(doc, "id");
    else
        nuvshJSONUInt(doc, "id", id);
    nuvshJSONStr(doc, "name", virDomainGetName(dom));
    nuvshJSONStr(doc, "uuid", virDomainGetUUIDString(dom, uuid) == 0 ? uuid : NULL);
    ostype = virDomainGetOSType(dom);
    nuvshJSONStr(doc, "os_type", ostype);
    nuvshJSONStr(doc, "state", nuvshDomainStateToString(info.state));
    nuvshJSONUInt(doc, "cpus", info.nrVirtCpu);
    nuvshJSONUInt(doc, "cpu_time_ns", info.cpuTime);
    if (info.maxMem != UINT_MAX)
        nuvshJSONUInt(doc, "max_memory", (unsigned long long) info.maxMem * 1024);
    else
        nuvshJSONNull(doc, "max_memory");
    nuvshJSONUInt(doc, "used_memory", (unsigned long long) info.memory * 1024);
    nuvshJSONTristate(doc, "persistent", virDomainIsPersistent(dom));
    if (virDomainGetAutostart(dom, &autostart) == 0)
        nuvshJSONBool(doc, "autostart", autostart);
    else
        nuvshJSONNull(doc, "autostart");
    nuvshJSONTristate(doc, "managed_save", virDomainHasManagedSaveImage(dom, 0));

    memset(&secmodel, 0, sizeof(secmodel));
    if (virNodeGetSecurityModel(ctl->conn, &secmodel) == 0 && secmodel.model[0] != '\0') {
        virSecurityLabel label;

        nuvshJSONStr(doc, "security_model", secmodel.model);
        nuvshJSONStr(doc, "security_doi", secmodel.doi);
        memset(&label, 0, sizeof(label));
        if (virDomainGetSecurityLabel(dom, &label) == 0 && label.label[0] != '\0') {
            nuvshJSONStr(doc, "security_label", label.label);
            nuvshJSONBool(doc, "security_enforcing", label.enforcing);
        }
    }
    nuvshResetLibvirtError(ctl);
    return nuvshJSONPrint(ctl, doc);
}

static bool
cmdDominfo(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *ostype = NULL;
    virSecurityModel secmodel;
    virDomainInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int id;
    int autostart;
    int rc;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshJSONWanted(cmd))
        return nuvshDominfoJSON(ctl, dom);

    id = virDomainGetID(dom);
    if (id == (unsigned int) -1)
        nuvshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        nuvshPrint(ctl, "%-15s %u\n", "Id:", id);
    nuvshPrint(ctl, "%-15s %s\n", "Name:", virDomainGetName(dom));

    if (virDomainGetUUIDString(dom, uuid) == 0)
        nuvshPrint(ctl, "%-15s %s\n", "UUID:", uuid);

    if ((ostype = virDomainGetOSType(dom)))
        nuvshPrint(ctl, "%-15s %s\n", "OS Type:", ostype);

    if (virDomainGetInfo(dom, &info) == 0) {
        nuvshPrint(ctl, "%-15s %s\n", "State:", nuvshDomainStateToString(info.state));
        nuvshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);

        if (info.cpuTime != 0)
            nuvshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", info.cpuTime / 1000000000.0);

        if (info.maxMem != UINT_MAX)
            nuvshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            nuvshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");

        nuvshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    } else {
        return false;
    }

    rc = virDomainIsPersistent(dom);
    if (rc < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", "unknown");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", rc ? "yes" : "no");

    if (virDomainGetAutostart(dom, &autostart) == 0)
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");

    rc = virDomainHasManagedSaveImage(dom, 0);
    if (rc < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Managed save:", "unknown");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Managed save:", rc ? "yes" : "no");

    /* Drivers without security labels are normal; say nothing about them. */
    memset(&secmodel, 0, sizeof(secmodel));
    if (virNodeGetSecurityModel(ctl->conn, &secmodel) < 0) {
        if (ctl->last_error_code != VIR_ERR_NO_SUPPORT)
            return false;
        nuvshResetLibvirtError(ctl);
    } else if (secmodel.model[0] != '\0') {
        virSecurityLabel label;

        nuvshPrint(ctl, "%-15s %s\n", "Security model:", secmodel.model);
        nuvshPrint(ctl, "%-15s %s\n", "Security DOI:", secmodel.doi);

        memset(&label, 0, sizeof(label));
        if (virDomainGetSecurityLabel(dom, &label) < 0)
            return false;
        if (label.label[0] != '\0')
            nuvshPrint(ctl, "%-15s %s (%s)\n", "Security label:", label.label,
                       label.enforcing ? "enforcing" : "permissive");
    }

    /* Autostart, managed save and the like may have failed harmlessly. */
    nuvshResetLibvirtError(ctl);
    return true;
}


/* ---- domstate -------------------------------------------------------- */

static const nuvshCmdOptDef opts_domstate[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { "reason", NUVSH_OT_BOOL, 0, "add why the domain is in that state" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomstate(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    int state;
    int reason;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        return false;

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "state", nuvshDomainStateToString(state));
        nuvshJSONStr(doc, "reason", nuvshDomainStateReasonToString(state, reason));
        return nuvshJSONPrint(ctl, doc);
    }

    if (nuvshCommandOptBool(cmd, "reason"))
        nuvshPrint(ctl, "%s (%s)\n", nuvshDomainStateToString(state),
                   nuvshDomainStateReasonToString(state, reason));
    else
        nuvshPrint(ctl, "%s\n", nuvshDomainStateToString(state));
    return true;
}


const nuvshCmdDef nuvshDomainMonitoringCmds[] = {
    { "dominfo", cmdDominfo, opts_dominfo,
      "show the basic facts about a domain",
      "Prints id, name, UUID, state, CPUs, memory, persistence and security label.",
      0, NULL },
    { "domstate", cmdDomstate, opts_domstate,
      "print the state of a domain", NULL, 0, NULL },
    { "list", cmdList, opts_list,
      "list domains",
      "Prints a table of the running domains, or of those the options select.",
      0, NULL },
    { NULL },
};
