/*
 * nuvsh-domain-save.c: commands that save and restore domain state, and
 * report on or control the jobs that do it; also power management and the
 * guest's display and host name
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nuvsh.h"


/* VIR_DOMAIN_SAVE_* from --bypass-cache, --running, --paused, --reset-nvram */
static bool
nuvshSaveFlags(nuvshControl *ctl,
               const nuvshCmd *cmd,
               unsigned int *flags)
{
    static const char *const names[] = {
        "bypass-cache", "running", "paused", "reset-nvram",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_SAVE_BYPASS_CACHE, VIR_DOMAIN_SAVE_RUNNING,
        VIR_DOMAIN_SAVE_PAUSED, VIR_DOMAIN_SAVE_RESET_NVRAM,
    };
    size_t i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "running", "paused"))
        return false;
    *flags = 0;
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (nuvshCommandOptDefLookup(cmd->def, names[i]) &&
            nuvshCommandOptBool(cmd, names[i]))
            *flags |= values[i];
    }
    return true;
}


/* The content of the file --xml names, or NULL with @ok left true when
 * the option was not given. */
static char *
nuvshOptXMLFile(nuvshControl *ctl,
                const nuvshCmd *cmd,
                const char *optname,
                bool *ok)
{
    const char *path = NULL;
    char *xml;

    *ok = true;
    if (nuvshCommandOptStringReq(ctl, cmd, optname, &path) < 0) {
        *ok = false;
        return NULL;
    }
    if (!path)
        return NULL;
    if (!(xml = nuvshReadFile(ctl, path)))
        *ok = false;
    return xml;
}


/* ---- save, restore --------------------------------------------------- */

/* save and managedsave run in a job thread so --verbose can show
 * progress (nuvsh-job.c). */
typedef struct {
    virDomainPtr dom;
    const char *to;         /* NULL: managed save */
    const char *xml;
    unsigned int flags;
} nuvshSaveJob;

static int
nuvshSaveRun(void *opaque)
{
    nuvshSaveJob *job = opaque;

    if (!job->to)
        return virDomainManagedSave(job->dom, job->flags);
    if (job->flags || job->xml)
        return virDomainSaveFlags(job->dom, job->to, job->xml, job->flags);
    return virDomainSave(job->dom, job->to);
}


static const nuvshCmdOptDef opts_save[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "where to write the saved state" },
    { "bypass-cache", NUVSH_OT_BOOL, 0, "do not use the host's page cache for the image" },
    { "xml", NUVSH_OT_STRING, 0, "file with XML to store in place of the domain's own" },
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running when restored" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused when restored" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress" },
    { NULL },
};

static bool
cmdSave(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *name;
    const char *to = NULL;
    unsigned int flags;
    bool ok;
    int rc;

    if (!nuvshSaveFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &to) < 0)
        return false;
    xml = nuvshOptXMLFile(ctl, cmd, "xml", &ok);
    if (!ok)
        return false;

    {
        nuvshSaveJob job = { dom, to, xml, flags };
        rc = nuvshJobWatch(ctl, dom, "Save", nuvshCommandOptBool(cmd, "verbose"), 0, NULL,
                           nuvshSaveRun, &job);
    }

    /* virsh ends its progress line first, whether or not it printed one */
    nuvshPrintExtra(ctl, "\n");
    if (rc < 0) {
        nuvshError(ctl, "Failed to save domain '%s' to %s", name, to);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' saved to %s\n", name, to);
    return true;
}


static const nuvshCmdOptDef opts_restore[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the saved state file" },
    { "bypass-cache", NUVSH_OT_BOOL, 0, "do not use the host's page cache for the image" },
    { "xml", NUVSH_OT_STRING, 0, "file with XML to use in place of the saved one" },
    { "running", NUVSH_OT_BOOL, 0, "run the domain after restoring" },
    { "paused", NUVSH_OT_BOOL, 0, "leave the domain paused after restoring" },
    { "reset-nvram", NUVSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL },
};

static bool
cmdRestore(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags;
    bool ok;
    int rc;

    if (!nuvshSaveFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    xml = nuvshOptXMLFile(ctl, cmd, "xml", &ok);
    if (!ok)
        return false;

    if (flags || xml)
        rc = virDomainRestoreFlags(ctl->conn, from, xml, flags);
    else
        rc = virDomainRestore(ctl->conn, from);

    if (rc < 0) {
        nuvshError(ctl, "Failed to restore domain from %s", from);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain restored from %s\n", from);
    return true;
}


/* ---- save images ----------------------------------------------------- */

static const nuvshCmdOptDef opts_save_image_dumpxml[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the saved state file" },
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdSaveImageDumpxml(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;

    if (!(xml = virDomainSaveImageGetXMLDesc(ctl->conn, file, flags)))
        return false;

    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_save_image_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the saved state file" },
    { "xml", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the new XML" },
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused" },
    { NULL },
};

static bool
cmdSaveImageDefine(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags;
    bool ok;

    if (!nuvshSaveFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshOptXMLFile(ctl, cmd, "xml", &ok)))
        return false;

    if (virDomainSaveImageDefineXML(ctl->conn, file, xml, flags) < 0) {
        nuvshError(ctl, "Failed to update %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "State file %s updated.\n", file);
    return true;
}


typedef struct {
    const char *file;           /* save image, or NULL for a managed save */
    virDomainPtr dom;
    unsigned int flags;
} nuvshSaveEdit;


static bool
nuvshSaveEditDefine(nuvshControl *ctl,
                    const char *xml,
                    void *opaque)
{
    nuvshSaveEdit *edit = opaque;

    if (edit->file)
        return virDomainSaveImageDefineXML(ctl->conn, edit->file, xml, edit->flags) == 0;
    return virDomainManagedSaveDefineXML(edit->dom, xml, edit->flags) == 0;
}


static const nuvshCmdOptDef opts_save_image_edit[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the saved state file" },
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused" },
    { NULL },
};

static bool
cmdSaveImageEdit(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    nuvshSaveEdit edit = { 0 };
    g_autofree char *xml = NULL;
    int rc;

    if (!nuvshSaveFlags(ctl, cmd, &edit.flags))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &edit.file) < 0)
        return false;

    if (!(xml = virDomainSaveImageGetXMLDesc(ctl->conn, edit.file,
                                             VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshSaveEditDefine, &edit, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Saved image %s XML configuration not changed.\n", edit.file);
    else
        nuvshPrintExtra(ctl, "State file %s edited.\n", edit.file);
    return true;
}


/* ---- managed save ---------------------------------------------------- */

static const nuvshCmdOptDef opts_managedsave[] = {
    NUVSH_OPT_DOMAIN,
    { "bypass-cache", NUVSH_OT_BOOL, 0, "do not use the host's page cache for the image" },
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running when restored" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused when restored" },
    { "verbose", NUVSH_OT_BOOL, 0, "print progress" },
    { NULL },
};

static bool
cmdManagedsave(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags;
    int rc;

    if (!nuvshSaveFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    {
        nuvshSaveJob job = { dom, NULL, NULL, flags };
        rc = nuvshJobWatch(ctl, dom, "Managedsave", nuvshCommandOptBool(cmd, "verbose"), 0,
                           NULL, nuvshSaveRun, &job);
    }
    nuvshPrintExtra(ctl, "\n");
    if (rc < 0) {
        nuvshError(ctl, "Failed to save domain '%s' state", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' state saved by libvirt\n", name);
    return true;
}


static const nuvshCmdOptDef opts_managedsave_remove[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdManagedsaveRemove(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    int has;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if ((has = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to check for domain managed save image");
        return false;
    }

    if (!has) {
        nuvshPrintExtra(ctl, "Domain '%s' has no manage save image; removal skipped",
                        name);
        return true;
    }

    if (virDomainManagedSaveRemove(dom, 0) < 0) {
        nuvshError(ctl, "Failed to remove managed save image for domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Removed managedsave image for domain '%s'", name);
    return true;
}


static const nuvshCmdOptDef opts_managedsave_dumpxml[] = {
    NUVSH_OPT_DOMAIN,
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdManagedsaveDumpxml(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SAVE_IMAGE_XML_SECURE;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!(xml = virDomainManagedSaveGetXMLDesc(dom, flags)))
        return false;

    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_managedsave_define[] = {
    NUVSH_OPT_DOMAIN,
    { "xml", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the new XML" },
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused" },
    { NULL },
};

static bool
cmdManagedsaveDefine(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *name;
    unsigned int flags;
    bool ok;

    if (!nuvshSaveFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (!(xml = nuvshOptXMLFile(ctl, cmd, "xml", &ok)))
        return false;

    if (virDomainManagedSaveDefineXML(dom, xml, flags) < 0) {
        nuvshError(ctl, "Failed to update %s XML configuration", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Managed save state file of domain '%s' updated.\n", name);
    return true;
}


static const nuvshCmdOptDef opts_managedsave_edit[] = {
    NUVSH_OPT_DOMAIN,
    { "running", NUVSH_OT_BOOL, 0, "mark the image to start running" },
    { "paused", NUVSH_OT_BOOL, 0, "mark the image to start paused" },
    { NULL },
};

static bool
cmdManagedsaveEdit(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    nuvshSaveEdit edit = { 0 };
    g_autofree char *xml = NULL;
    const char *name;
    int rc;

    if (!nuvshSaveFlags(ctl, cmd, &edit.flags))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    edit.dom = dom;

    if (!(xml = virDomainManagedSaveGetXMLDesc(dom, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshSaveEditDefine, &edit, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Managed save image of domain '%s' XML configuration "
                        "not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Managed save image of Domain '%s' XML configuration "
                        "edited.\n", name);
    return true;
}


/* ---- jobs ------------------------------------------------------------ */

static const char *const nuvshJobTypeNames[] = {
    "None", "Bounded", "Unbounded", "Completed", "Failed", "Cancelled",
};

static const char *const nuvshJobOperationNames[] = {
    "Unknown", "Start", "Save", "Restore", "Incoming migration", "Outgoing migration",
    "Snapshot", "Snapshot revert", "Dump", "Backup", "Snapshot delete",
};


static void
nuvshPrintJobBytes(nuvshControl *ctl,
                   const char *label,
                   unsigned long long bytes)
{
    const char *unit;
    double val = nuvshPrettyCapacityValue(bytes, &unit);

    nuvshPrint(ctl, "%-17s %-.3lf %s\n", label, val, unit);
}


static const nuvshCmdOptDef opts_domjobinfo[] = {
    NUVSH_OPT_DOMAIN,
    { "completed", NUVSH_OT_BOOL, 0, "report on the last completed job instead" },
    { "keep-completed", NUVSH_OT_BOOL, 0, "keep the completed job's statistics" },
    { "anystats", NUVSH_OT_BOOL, 0, "print statistics of a finished job too" },
    { "rawstats", NUVSH_OT_BOOL, 0, "print the raw statistics fields" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomjobinfo(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const struct {
        const char *field;
        const char *label;
        bool bytes;
    } fields[] = {
        { VIR_DOMAIN_JOB_DATA_PROCESSED, "Data processed:", true },
        { VIR_DOMAIN_JOB_DATA_REMAINING, "Data remaining:", true },
        { VIR_DOMAIN_JOB_DATA_TOTAL, "Data total:", true },
        { VIR_DOMAIN_JOB_MEMORY_PROCESSED, "Memory processed:", true },
        { VIR_DOMAIN_JOB_MEMORY_REMAINING, "Memory remaining:", true },
        { VIR_DOMAIN_JOB_MEMORY_TOTAL, "Memory total:", true },
        { VIR_DOMAIN_JOB_DISK_PROCESSED, "File processed:", true },
        { VIR_DOMAIN_JOB_DISK_REMAINING, "File remaining:", true },
        { VIR_DOMAIN_JOB_DISK_TOTAL, "File total:", true },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int maxparams = 0;
    int type = VIR_DOMAIN_JOB_NONE;
    int op = VIR_DOMAIN_JOB_OPERATION_UNKNOWN;
    unsigned long long value;
    unsigned int flags = 0;
    size_t i;

    if (nuvshCommandOptBool(cmd, "completed"))
        flags |= VIR_DOMAIN_JOB_STATS_COMPLETED;
    if (nuvshCommandOptBool(cmd, "keep-completed"))
        flags |= VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED;
    if (!nuvshCommandOptRequires(ctl, cmd, "keep-completed", "completed"))
        return false;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (virDomainGetJobStats(dom, &type, &params, &nparams, flags) < 0) {
        virDomainJobInfo info;

        if (ctl->last_error_code != VIR_ERR_NO_SUPPORT || flags ||
            nuvshCommandOptBool(cmd, "rawstats")) {
            if (ctl->last_error_code == VIR_ERR_NO_SUPPORT)
                nuvshError(ctl, "%s", "Optional flags or --rawstats are not supported by the daemon");
            return false;
        }
        nuvshResetLibvirtError(ctl);
        if (virDomainGetJobInfo(dom, &info) < 0)
            return false;
        /* the old call's fields, as the new call would name them */
        type = info.type;
        virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                VIR_DOMAIN_JOB_TIME_ELAPSED, info.timeElapsed);
        virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                VIR_DOMAIN_JOB_TIME_REMAINING, info.timeRemaining);
        if (info.dataTotal || info.dataRemaining || info.dataProcessed) {
            virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                    VIR_DOMAIN_JOB_DATA_PROCESSED, info.dataProcessed);
            virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                    VIR_DOMAIN_JOB_DATA_REMAINING, info.dataRemaining);
            virTypedParamsAddULLong(&params, &nparams, &maxparams,
                                    VIR_DOMAIN_JOB_DATA_TOTAL, info.dataTotal);
        }
    }

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();
        json_object *stats = json_object_new_object();

        /* the words of the text form, and every statistic under its API name */
        virTypedParamsGetInt(params, nparams, VIR_DOMAIN_JOB_OPERATION, &op);
        nuvshJSONStr(doc, "type", type >= 0 && type < (int) G_N_ELEMENTS(nuvshJobTypeNames)
                                  ? nuvshJobTypeNames[type] : "unknown");
        nuvshJSONStr(doc, "operation",
                     op >= 0 && op < (int) G_N_ELEMENTS(nuvshJobOperationNames)
                     ? nuvshJobOperationNames[op] : "unknown");
        for (i = 0; i < (size_t) nparams; i++)
            nuvshJSONTypedParam(stats, &params[i]);
        json_object_object_add(doc, "stats", stats);
        virTypedParamsFree(params, nparams);
        return nuvshJSONPrint(ctl, doc);
    }

    if (nuvshCommandOptBool(cmd, "rawstats")) {
        nuvshPrint(ctl, "Job type: %d\n\n", type);
        for (i = 0; i < (size_t) nparams; i++) {
            g_autofree char *val = NULL;

            switch (params[i].type) {
            case VIR_TYPED_PARAM_INT: val = g_strdup_printf("%d", params[i].value.i); break;
            case VIR_TYPED_PARAM_UINT: val = g_strdup_printf("%u", params[i].value.ui); break;
            case VIR_TYPED_PARAM_LLONG: val = g_strdup_printf("%lld", params[i].value.l); break;
            case VIR_TYPED_PARAM_ULLONG: val = g_strdup_printf("%llu", params[i].value.ul); break;
            case VIR_TYPED_PARAM_DOUBLE: val = g_strdup_printf("%f", params[i].value.d); break;
            case VIR_TYPED_PARAM_BOOLEAN: val = g_strdup(params[i].value.b ? "yes" : "no"); break;
            case VIR_TYPED_PARAM_STRING: val = g_strdup(params[i].value.s); break;
            }
            nuvshPrint(ctl, "%s: %s\n", params[i].field, val ? val : "?");
        }
        virTypedParamsFree(params, nparams);
        return true;
    }

    nuvshPrint(ctl, "%-17s %-12s\n", "Job type:",
               type >= 0 && type < (int) G_N_ELEMENTS(nuvshJobTypeNames)
               ? nuvshJobTypeNames[type] : "unknown");

    if (type == VIR_DOMAIN_JOB_NONE && !nuvshCommandOptBool(cmd, "anystats")) {
        virTypedParamsFree(params, nparams);
        return true;
    }

    virTypedParamsGetInt(params, nparams, VIR_DOMAIN_JOB_OPERATION, &op);
    nuvshPrint(ctl, "%-17s %-12s\n", "Operation:",
               op >= 0 && op < (int) G_N_ELEMENTS(nuvshJobOperationNames)
               ? nuvshJobOperationNames[op] : "unknown");

    if (virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_JOB_TIME_ELAPSED, &value) == 1)
        nuvshPrint(ctl, "%-17s %-12llu ms\n", "Time elapsed:", value);
    if (type == VIR_DOMAIN_JOB_BOUNDED &&
        virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_JOB_TIME_REMAINING, &value) == 1)
        nuvshPrint(ctl, "%-17s %-12llu ms\n", "Time remaining:", value);

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        if (virTypedParamsGetULLong(params, nparams, fields[i].field, &value) == 1)
            nuvshPrintJobBytes(ctl, fields[i].label, value);
    }

    virTypedParamsFree(params, nparams);
    return true;
}


static const nuvshCmdOptDef opts_domjobabort[] = {
    NUVSH_OPT_DOMAIN,
    { "postcopy", NUVSH_OT_BOOL, 0, "interrupt a post-copy migration" },
    { NULL },
};

static bool
cmdDomjobabort(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int flags = 0;
    int rc;

    if (nuvshCommandOptBool(cmd, "postcopy"))
        flags |= VIR_DOMAIN_ABORT_JOB_POSTCOPY;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (flags)
        rc = virDomainAbortJobFlags(dom, flags);
    else
        rc = virDomainAbortJob(dom);
    return rc >= 0;
}


/* ---- power management ------------------------------------------------ */

static const nuvshCmdOptDef opts_dompmsuspend[] = {
    NUVSH_OPT_DOMAIN,
    { "target", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "mem, disk or hybrid" },
    { "duration", NUVSH_OT_INT, NUVSH_OFLAG_REQ_OPT, "seconds before waking up again" },
    { NULL },
};

static bool
cmdDompmsuspend(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    const char *target = NULL;
    unsigned long long duration = 0;
    unsigned int suspend;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptULL(ctl, cmd, "duration", &duration) < 0)
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "target", &target) < 0)
        return false;

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

    if (virDomainPMSuspendForDuration(dom, suspend, duration, 0) < 0) {
        nuvshError(ctl, "Domain '%s' could not be suspended", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' successfully suspended\n", name);
    return true;
}


static const nuvshCmdOptDef opts_dompmwakeup[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdDompmwakeup(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainPMWakeup(dom, 0) < 0) {
        nuvshError(ctl, "Domain '%s' could not be woken up", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' successfully woken up\n", name);
    return true;
}


static const nuvshCmdOptDef opts_inject_nmi[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdInjectNmi(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    return virDomainInjectNMI(dom, 0) == 0;
}


/* ---- host name, consoles, displays ----------------------------------- */

static const nuvshCmdOptDef opts_domhostname[] = {
    NUVSH_OPT_DOMAIN,
    { "source", NUVSH_OT_STRING, 0, "where to ask: agent or lease" },
    { NULL },
};

static bool
cmdDomhostname(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *hostname = NULL;
    const char *source = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    if (source) {
        if (g_str_equal(source, "agent")) {
            flags |= VIR_DOMAIN_GET_HOSTNAME_AGENT;
        } else if (g_str_equal(source, "lease")) {
            flags |= VIR_DOMAIN_GET_HOSTNAME_LEASE;
        } else {
            nuvshError(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!(hostname = virDomainGetHostname(dom, flags))) {
        nuvshError(ctl, "%s", "failed to get hostname");
        return false;
    }

    nuvshPrint(ctl, "%s\n", hostname);
    return true;
}


static const nuvshCmdOptDef opts_ttyconsole[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdTtyconsole(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *tty = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return false;

    /* no console with a host tty: virsh fails without a word */
    if (!(tty = nuvshXPathString(xml, "string(/domain/devices/console/@tty)")))
        return false;

    nuvshPrint(ctl, "%s\n", tty);
    return true;
}


static const nuvshCmdOptDef opts_vncdisplay[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdVncdisplay(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *port = NULL;
    g_autofree char *listen = NULL;
    gint64 portnum;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return false;

    port = nuvshXPathString(xml, "string(/domain/devices/graphics[@type='vnc']/@port)");
    if (!port || !g_ascii_string_to_signed(port, 10, 5900, 65535, &portnum, NULL)) {
        nuvshError(ctl, "%s", "Failed to get VNC port. Is this domain using VNC?");
        return false;
    }

    listen = nuvshXPathString(xml, "string(/domain/devices/graphics[@type='vnc']"
                              "/listen[@type='address']/@address)");
    if (!listen || g_str_equal(listen, "0.0.0.0") || g_str_equal(listen, "::"))
        nuvshPrint(ctl, ":%d\n", (int) portnum - 5900);
    else
        nuvshPrint(ctl, "%s:%d\n", listen, (int) portnum - 5900);
    return true;
}


static const nuvshCmdOptDef opts_domdisplay[] = {
    NUVSH_OPT_DOMAIN,
    { "include-password", NUVSH_OT_BOOL, 0, "include the password in the URI" },
    { "type", NUVSH_OT_STRING, 0, "graphics type to show (vnc, spice, rdp)" },
    { "all", NUVSH_OT_BOOL, 0, "show every display, not only the first" },
    { NULL },
};

static bool
cmdDomdisplay(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const char *const types[] = { "vnc", "spice", "rdp" };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *only = NULL;
    bool all = nuvshCommandOptBool(cmd, "all");
    bool found = false;
    size_t i;

    if (nuvshCommandOptStringReq(ctl, cmd, "type", &only) < 0)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, 0)))
        return false;

    for (i = 0; i < G_N_ELEMENTS(types) && (all || !found); i++) {
        g_autofree char *expr = NULL;
        g_autofree char *port = NULL;
        g_autofree char *listen = NULL;
        gint64 portnum;

        if (only && !g_str_equal(only, types[i]))
            continue;
        expr = g_strdup_printf("string(/domain/devices/graphics[@type='%s']/@port)", types[i]);
        port = nuvshXPathString(xml, expr);
        if (!port || !g_ascii_string_to_signed(port, 10, 1, 65535, &portnum, NULL))
            continue;
        g_free(expr);
        expr = g_strdup_printf("string(/domain/devices/graphics[@type='%s']/@listen)",
                               types[i]);
        listen = nuvshXPathString(xml, expr);
        if (!listen || g_str_equal(listen, "0.0.0.0") || g_str_equal(listen, "::"))
            g_free(g_steal_pointer(&listen)), listen = g_strdup("localhost");
        if (g_str_equal(types[i], "vnc"))
            portnum -= 5900;
        nuvshPrint(ctl, "%s://%s:%d\n", types[i], listen, (int) portnum);
        found = true;
    }

    if (!found) {
        nuvshError(ctl, "%s", "No graphical display found");
        return false;
    }
    return true;
}


static const nuvshCmdOptDef opts_screenshot[] = {
    NUVSH_OPT_DOMAIN,
    { "file", NUVSH_OT_STRING, 0, "where to write the image" },
    { "screen", NUVSH_OT_INT, 0, "which screen to capture" },
    { NULL },
};

static int
nuvshScreenshotSink(virStreamPtr st G_GNUC_UNUSED,
                    const char *bytes,
                    size_t nbytes,
                    void *opaque)
{
    FILE *fp = opaque;

    return fwrite(bytes, 1, nbytes, fp) == nbytes ? (int) nbytes : -1;
}


static bool
cmdScreenshot(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshStream) st = NULL;
    g_autofree char *mime = NULL;
    g_autofree char *generated = NULL;
    const char *file = NULL;
    unsigned int screen = 0;
    FILE *fp;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptUInt(ctl, cmd, "screen", &screen) < 0)
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!(st = virStreamNew(ctl->conn, 0)))
        return false;
    if (!(mime = virDomainScreenshot(dom, st, screen, 0))) {
        nuvshError(ctl, "could not take a screenshot of %s", virDomainGetName(dom));
        return false;
    }

    if (!file) {
        const char *ext = g_str_equal(mime, "image/png") ? ".png" : ".ppm";
        g_autoptr(GDateTime) now = g_date_time_new_now_local();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");

        generated = g_strdup_printf("%s-%s%s", virDomainGetName(dom), stamp, ext);
        file = generated;
    }

    if (!(fp = fopen(file, "w"))) {
        nuvshError(ctl, "cannot create file %s", file);
        virStreamAbort(st);
        return false;
    }
    if (virStreamRecvAll(st, nuvshScreenshotSink, fp) < 0 || virStreamFinish(st) < 0) {
        nuvshError(ctl, "could not receive data from domain '%s'", virDomainGetName(dom));
        fclose(fp);
        return false;
    }
    if (fclose(fp) != 0) {
        nuvshError(ctl, "cannot close file %s", file);
        return false;
    }

    nuvshPrint(ctl, "Screenshot saved to %s, with type of %s\n", file, mime);
    return true;
}


const nuvshCmdDef nuvshDomainSaveCmds[] = {
    { "domdisplay", cmdDomdisplay, opts_domdisplay,
      "show the URI of a domain's graphical display",
      "" },
    { "domhostname", cmdDomhostname, opts_domhostname,
      "print the guest's host name",
      "" },
    { "domjobabort", cmdDomjobabort, opts_domjobabort,
      "cancel the domain's running job",
      "" },
    { "domjobinfo", cmdDomjobinfo, opts_domjobinfo,
      "report on the domain's running job",
      "" },
    { "dompmsuspend", cmdDompmsuspend, opts_dompmsuspend,
      "suspend the guest through power management",
      "" },
    { "dompmwakeup", cmdDompmwakeup, opts_dompmwakeup,
      "wake a guest from power management suspend",
      "" },
    { "inject-nmi", cmdInjectNmi, opts_inject_nmi,
      "send a non-maskable interrupt to the guest",
      "" },
    { "managedsave", cmdManagedsave, opts_managedsave,
      "save a domain's state to a file the host manages, and stop it",
      "" },
    { "managedsave-remove", cmdManagedsaveRemove, opts_managedsave_remove,
      "delete a domain's managed save image",
      "" },
    { "managedsave-edit", cmdManagedsaveEdit, opts_managedsave_edit,
      "edit the XML stored in a managed save image",
      "" },
    { "managedsave-dumpxml", cmdManagedsaveDumpxml, opts_managedsave_dumpxml,
      "print the XML stored in a managed save image",
      "" },
    { "managedsave-define", cmdManagedsaveDefine, opts_managedsave_define,
      "replace the XML stored in a managed save image",
      "" },
    { "restore", cmdRestore, opts_restore,
      "start a domain from a saved state file",
      "" },
    { "save", cmdSave, opts_save,
      "save a domain's state to a file and stop it",
      "" },
    { "save-image-define", cmdSaveImageDefine, opts_save_image_define,
      "replace the XML stored in a saved state file",
      "" },
    { "save-image-dumpxml", cmdSaveImageDumpxml, opts_save_image_dumpxml,
      "print the XML stored in a saved state file",
      "" },
    { "save-image-edit", cmdSaveImageEdit, opts_save_image_edit,
      "edit the XML stored in a saved state file",
      "" },
    { "screenshot", cmdScreenshot, opts_screenshot,
      "capture the domain's screen to a file",
      "" },
    { "ttyconsole", cmdTtyconsole, opts_ttyconsole,
      "print the host device of a domain's console",
      "" },
    { "vncdisplay", cmdVncdisplay, opts_vncdisplay,
      "print the VNC display of a domain",
      "" },
    { NULL },
};
