/*
 * nuvsh-domain.c: commands that manage domains (define, start, stop, ...)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "nuvsh.h"

/* ---- define ---------------------------------------------------------- */

static const nuvshCmdOptDef opts_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the domain XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdDefine(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    const char *file = nuvshCommandOptString(cmd, "file");
    g_autofree char *xml = NULL;
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_DEFINE_VALIDATE;

    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (flags)
        dom = virDomainDefineXMLFlags(ctl->conn, xml, flags);
    else
        dom = virDomainDefineXML(ctl->conn, xml);

    if (!dom) {
        nuvshError(ctl, "Failed to define domain from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' defined from %s\n", virDomainGetName(dom), file);
    return true;
}


/* ---- undefine -------------------------------------------------------- */

static const nuvshCmdOptDef opts_undefine[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { "managed-save", NUVSH_OT_BOOL, 0, "also delete its managed save image" },
    { "snapshots-metadata", NUVSH_OT_BOOL, 0, "also forget its snapshots (domain must be off)" },
    { "checkpoints-metadata", NUVSH_OT_BOOL, 0,
      "also forget its checkpoints (domain must be off)" },
    { "nvram", NUVSH_OT_BOOL, 0, "also delete its NVRAM file" },
    { "keep-nvram", NUVSH_OT_BOOL, 0, "leave its NVRAM file in place" },
    { "tpm", NUVSH_OT_BOOL, 0, "also delete its TPM state" },
    { "keep-tpm", NUVSH_OT_BOOL, 0, "leave its TPM state in place" },
    { NULL },
};

static bool
cmdUndefine(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int flag;
    } map[] = {
        { "managed-save", VIR_DOMAIN_UNDEFINE_MANAGED_SAVE },
        { "snapshots-metadata", VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA },
        { "checkpoints-metadata", VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA },
        { "nvram", VIR_DOMAIN_UNDEFINE_NVRAM },
        { "keep-nvram", VIR_DOMAIN_UNDEFINE_KEEP_NVRAM },
        { "tpm", VIR_DOMAIN_UNDEFINE_TPM },
        { "keep-tpm", VIR_DOMAIN_UNDEFINE_KEEP_TPM },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags = 0;
    size_t i;
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !nuvshCommandOptExclusive(ctl, cmd, "tpm", "keep-tpm"))
        return false;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (nuvshCommandOptBool(cmd, map[i].opt))
            flags |= map[i].flag;
    }

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (flags)
        rc = virDomainUndefineFlags(dom, flags);
    else
        rc = virDomainUndefine(dom);

    if (rc < 0) {
        nuvshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);
    return true;
}


/* ---- start ----------------------------------------------------------- */

static const nuvshCmdOptDef opts_start[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the inactive domain: name or UUID" },
    { "paused", NUVSH_OT_BOOL, 0, "start it with its CPUs paused" },
    { "autodestroy", NUVSH_OT_BOOL, 0, "destroy it when this connection closes" },
    { "bypass-cache", NUVSH_OT_BOOL, 0, "read a saved state without the page cache" },
    { "force-boot", NUVSH_OT_BOOL, 0, "boot afresh even if a managed save exists" },
    { "reset-nvram", NUVSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL },
};

static bool
cmdStart(nuvshControl *ctl,
         const nuvshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int flag;
    } map[] = {
        { "paused", VIR_DOMAIN_START_PAUSED },
        { "autodestroy", VIR_DOMAIN_START_AUTODESTROY },
        { "bypass-cache", VIR_DOMAIN_START_BYPASS_CACHE },
        { "force-boot", VIR_DOMAIN_START_FORCE_BOOT },
        { "reset-nvram", VIR_DOMAIN_START_RESET_NVRAM },
    };
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags = 0;
    size_t i;
    int rc;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (nuvshCommandOptBool(cmd, map[i].opt))
            flags |= map[i].flag;
    }

    /* A running domain has an id, but starting is asked by name or UUID. */
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYNAME | NUVSH_BYUUID)))
        return false;

    if (virDomainGetID(dom) != (unsigned int) -1) {
        nuvshError(ctl, "%s", "Domain is already active");
        return false;
    }

    if (flags)
        rc = virDomainCreateWithFlags(dom, flags);
    else
        rc = virDomainCreate(dom);

    if (rc < 0) {
        nuvshError(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    return true;
}


/* ---- destroy, suspend, resume ---------------------------------------- */

static const nuvshCmdOptDef opts_destroy[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { "graceful", NUVSH_OT_BOOL, 0, "give the process time to exit, never kill it" },
    { "remove-logs", NUVSH_OT_BOOL, 0, "also delete the domain's log files" },
    { NULL },
};

static bool
cmdDestroy(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags = 0;
    int rc;

    if (nuvshCommandOptBool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (nuvshCommandOptBool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (flags)
        rc = virDomainDestroyFlags(dom, flags);
    else
        rc = virDomainDestroy(dom);

    if (rc < 0) {
        nuvshError(ctl, "Failed to destroy domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' destroyed\n", name);
    return true;
}


static const nuvshCmdOptDef opts_domain_only[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { NULL },
};

static bool
cmdSuspend(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainSuspend(dom) < 0) {
        nuvshError(ctl, "Failed to suspend domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' suspended\n", name);
    return true;
}


static bool
cmdResume(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainResume(dom) < 0) {
        nuvshError(ctl, "Failed to resume domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' resumed\n", name);
    return true;
}


/* ---- shutdown, reboot ------------------------------------------------ */

static const nuvshCmdOptDef opts_shutdown[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { "mode", NUVSH_OT_STRING, 0,
      "how to ask the guest, a comma separated list of acpi, agent, initctl, signal, paravirt" },
    { NULL },
};

/* Turns --mode acpi,agent into the API flags; the shutdown and reboot
 * enums give each mode the same bit. */
static bool
nuvshParseShutdownMode(nuvshControl *ctl,
                       const nuvshCmd *cmd,
                       bool reboot,
                       unsigned int *flags)
{
    const char *mode = nuvshCommandOptString(cmd, "mode");
    g_auto(GStrv) modes = NULL;
    size_t i;

    *flags = 0;
    if (!mode)
        return true;

    modes = g_strsplit(mode, ",", 0);
    for (i = 0; modes[i]; i++) {
        const char *m = modes[i];

        if (g_str_equal(m, "acpi"))
            *flags |= reboot ? VIR_DOMAIN_REBOOT_ACPI_POWER_BTN
                             : VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN;
        else if (g_str_equal(m, "agent"))
            *flags |= reboot ? VIR_DOMAIN_REBOOT_GUEST_AGENT
                             : VIR_DOMAIN_SHUTDOWN_GUEST_AGENT;
        else if (g_str_equal(m, "initctl"))
            *flags |= reboot ? VIR_DOMAIN_REBOOT_INITCTL : VIR_DOMAIN_SHUTDOWN_INITCTL;
        else if (g_str_equal(m, "signal"))
            *flags |= reboot ? VIR_DOMAIN_REBOOT_SIGNAL : VIR_DOMAIN_SHUTDOWN_SIGNAL;
        else if (g_str_equal(m, "paravirt"))
            *flags |= reboot ? VIR_DOMAIN_REBOOT_PARAVIRT : VIR_DOMAIN_SHUTDOWN_PARAVIRT;
        else {
            nuvshError(ctl, "Unknown mode %s value, expecting "
                       "'acpi', 'agent', 'initctl', 'signal', or 'paravirt'", m);
            return false;
        }
    }
    return true;
}


static bool
cmdShutdown(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags;
    int rc;

    if (!nuvshParseShutdownMode(ctl, cmd, false, &flags))
        return false;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (flags)
        rc = virDomainShutdownFlags(dom, flags);
    else
        rc = virDomainShutdown(dom);

    if (rc < 0) {
        nuvshError(ctl, "Failed to shutdown domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' is being shutdown\n", name);
    return true;
}


static bool
cmdReboot(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags;

    if (!nuvshParseShutdownMode(ctl, cmd, true, &flags))
        return false;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainReboot(dom, flags) < 0) {
        nuvshError(ctl, "Failed to reboot domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' is being rebooted\n", name);
    return true;
}


/* ---- dumpxml --------------------------------------------------------- */

static const nuvshCmdOptDef opts_dumpxml[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name, id or UUID" },
    { "inactive", NUVSH_OT_BOOL, 0, "the definition used at next start, not the live one" },
    { "security-info", NUVSH_OT_BOOL, 0, "include secrets such as passwords" },
    { "update-cpu", NUVSH_OT_BOOL, 0, "fill in the guest CPU from the host CPU" },
    { "migratable", NUVSH_OT_BOOL, 0, "the XML a migration destination would accept" },
    { NULL },
};

static bool
cmdDumpXML(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (nuvshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (nuvshCommandOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (nuvshCommandOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;

    nuvshPrint(ctl, "%s", xml);
    return true;
}


/* ---- domid, domname, domuuid ----------------------------------------- */

static const nuvshCmdOptDef opts_domid[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: name or UUID" },
    { NULL },
};

static bool
cmdDomid(nuvshControl *ctl,
         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int id;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYNAME | NUVSH_BYUUID)))
        return false;

    id = virDomainGetID(dom);
    if (id == (unsigned int) -1)
        nuvshPrint(ctl, "%s\n", "-");
    else
        nuvshPrint(ctl, "%u\n", id);
    return true;
}


static const nuvshCmdOptDef opts_domname[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: id or UUID" },
    { NULL },
};

static bool
cmdDomname(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYID | NUVSH_BYUUID)))
        return false;

    nuvshPrint(ctl, "%s\n", virDomainGetName(dom));
    return true;
}


static const nuvshCmdOptDef opts_domuuid[] = {
    { "domain", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "the domain: id or name" },
    { NULL },
};

static bool
cmdDomuuid(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYID | NUVSH_BYNAME)))
        return false;

    if (virDomainGetUUIDString(dom, uuid) < 0) {
        nuvshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }

    nuvshPrint(ctl, "%s\n", uuid);
    return true;
}


const nuvshCmdDef nuvshDomainManagementCmds[] = {
    { "define", cmdDefine, opts_define,
      "create a persistent domain from an XML file, without starting it",
      "Reads the domain XML in FILE and adds it to the defined domains. "
      "A domain of that name or UUID that is already defined gets the new definition.",
      0, NULL },
    { "destroy", cmdDestroy, opts_destroy,
      "stop a domain at once, as by pulling the power cord",
      "Stops the domain immediately without asking the guest. A transient domain "
      "disappears; a persistent one stays defined and can be started again.",
      0, NULL },
    { "domid", cmdDomid, opts_domid,
      "print the numeric id of a domain given by name or UUID", NULL, 0, NULL },
    { "domname", cmdDomname, opts_domname,
      "print the name of a domain given by id or UUID", NULL, 0, NULL },
    { "domuuid", cmdDomuuid, opts_domuuid,
      "print the UUID of a domain given by id or name", NULL, 0, NULL },
    { "dumpxml", cmdDumpXML, opts_dumpxml,
      "print the XML description of a domain",
      "Prints the domain XML on standard output.", 0, NULL },
    { "reboot", cmdReboot, opts_shutdown,
      "ask a domain to reboot",
      "Asks the guest to restart; the call may return before the guest has done it.",
      0, NULL },
    { "resume", cmdResume, opts_domain_only,
      "let a paused domain run again",
      "Resumes the virtual CPUs of a domain paused by suspend.", 0, NULL },
    { "shutdown", cmdShutdown, opts_shutdown,
      "ask a domain to power off cleanly",
      "Asks the guest to shut down; the call may return before the guest has done it.",
      0, NULL },
    { "start", cmdStart, opts_start,
      "boot a defined domain that is not running",
      "Starts an inactive domain, restoring its managed save image if it has one.",
      0, NULL },
    { "suspend", cmdSuspend, opts_domain_only,
      "pause a running domain",
      "Stops scheduling the domain's virtual CPUs; its memory stays allocated.", 0, NULL },
    { "undefine", cmdUndefine, opts_undefine,
      "forget the persistent definition of a domain",
      "Removes the stored definition. A running domain keeps running and becomes transient.",
      0, NULL },
    { NULL },
};
