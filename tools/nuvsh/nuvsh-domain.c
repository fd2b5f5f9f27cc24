/*
 * nuvsh-domain.c: commands that define, start, stop and name domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "nuvsh.h"


/* Sets the VIR_DOMAIN_START_* flags for the boolean options of start and
 * create; pass-fds is refused by the drivers we have, as by virsh on them. */
static unsigned int
nuvshStartFlags(const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "paused", "autodestroy", "bypass-cache", "force-boot", "validate", "reset-nvram",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_START_PAUSED, VIR_DOMAIN_START_AUTODESTROY,
        VIR_DOMAIN_START_BYPASS_CACHE, VIR_DOMAIN_START_FORCE_BOOT,
        VIR_DOMAIN_START_VALIDATE, VIR_DOMAIN_START_RESET_NVRAM,
    };
    unsigned int flags = 0;
    size_t i;

    /* not every command has every option */
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (nuvshCommandOptDefLookup(cmd->def, names[i]) &&
            nuvshCommandOptBool(cmd, names[i]))
            flags |= values[i];
    }
    return flags;
}


/* ---- define, create -------------------------------------------------- */

static const nuvshCmdOptDef opts_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the domain XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdDefine(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
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


static const nuvshCmdOptDef opts_create[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the domain XML" },
    { "console", NUVSH_OT_BOOL, 0, "attach to the console after starting" },
    { "paused", NUVSH_OT_BOOL, 0, "leave the domain paused" },
    { "autodestroy", NUVSH_OT_BOOL, 0, "destroy the domain when this connection closes" },
    { "pass-fds", NUVSH_OT_STRING, 0, "file descriptors N,M,... to give the domain" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { "reset-nvram", NUVSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL },
};

static bool
cmdCreate(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(nuvshDomain) dom = NULL;
    unsigned int flags = nuvshStartFlags(cmd);

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(dom = virDomainCreateXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to create domain from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' created from %s\n", virDomainGetName(dom), file);
    if (nuvshCommandOptBool(cmd, "console"))
        return nuvshRunConsole(ctl, dom, NULL, 0);
    return true;
}


/* ---- undefine -------------------------------------------------------- */

static const nuvshCmdOptDef opts_undefine[] = {
    NUVSH_OPT_DOMAIN,
    { "managed-save", NUVSH_OT_BOOL, 0, "also remove the managed save image" },
    { "storage", NUVSH_OT_STRING, 0,
      "also remove these storage volumes (comma separated targets or sources)" },
    { "remove-all-storage", NUVSH_OT_BOOL, 0, "also remove all associated storage volumes" },
    { "delete-storage-volume-snapshots", NUVSH_OT_BOOL, 0,
      "also remove storage volume snapshots" },
    { "wipe-storage", NUVSH_OT_BOOL, 0, "wipe data on the removed volumes" },
    { "snapshots-metadata", NUVSH_OT_BOOL, 0, "also remove snapshot metadata" },
    { "checkpoints-metadata", NUVSH_OT_BOOL, 0, "also remove checkpoint metadata" },
    { "nvram", NUVSH_OT_BOOL, 0, "also remove the NVRAM file" },
    { "keep-nvram", NUVSH_OT_BOOL, 0, "keep the NVRAM file" },
    { "tpm", NUVSH_OT_BOOL, 0, "also remove the TPM state" },
    { "keep-tpm", NUVSH_OT_BOOL, 0, "keep the TPM state" },
    { NULL },
};

static bool
cmdUndefine(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "managed-save", "snapshots-metadata", "checkpoints-metadata",
        "nvram", "keep-nvram", "tpm", "keep-tpm",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_UNDEFINE_MANAGED_SAVE, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
        VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA, VIR_DOMAIN_UNDEFINE_NVRAM,
        VIR_DOMAIN_UNDEFINE_KEEP_NVRAM, VIR_DOMAIN_UNDEFINE_TPM,
        VIR_DOMAIN_UNDEFINE_KEEP_TPM,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags;
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "nvram", "keep-nvram") ||
        !nuvshCommandOptExclusive(ctl, cmd, "tpm", "keep-tpm") ||
        !nuvshCommandOptRequires(ctl, cmd, "delete-storage-volume-snapshots",
                                 "remove-all-storage") ||
        !nuvshCommandOptExclusive(ctl, cmd, "storage", "remove-all-storage"))
        return false;
    flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if ((nuvshCommandOptBool(cmd, "storage") ||
         nuvshCommandOptBool(cmd, "remove-all-storage")) &&
        virDomainIsActive(dom) == 1) {
        nuvshError(ctl, "%s", "Storage volume deletion is supported only on stopped domains");
        return false;
    }
    if (nuvshCommandOptBool(cmd, "storage") || nuvshCommandOptBool(cmd, "remove-all-storage") ||
        nuvshCommandOptBool(cmd, "wipe-storage")) {
        /* Removing volumes goes through the storage API by path; the
         * domain's disks are listed in its XML, which we do not parse yet. */
        nuvshError(ctl, "%s", "Removing storage with the domain is not supported by nuvsh yet");
        return false;
    }

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
    NUVSH_OPT_DOMAIN,
    { "console", NUVSH_OT_BOOL, 0, "attach to the console after starting" },
    { "paused", NUVSH_OT_BOOL, 0, "leave the domain paused" },
    { "autodestroy", NUVSH_OT_BOOL, 0, "destroy the domain when this connection closes" },
    { "bypass-cache", NUVSH_OT_BOOL, 0, "do not use the host's page cache for the image" },
    { "force-boot", NUVSH_OT_BOOL, 0, "boot afresh even if a managed save image exists" },
    { "pass-fds", NUVSH_OT_STRING, 0, "file descriptors N,M,... to give the domain" },
    { "reset-nvram", NUVSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL },
};

static bool
cmdStart(nuvshControl *ctl,
         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    unsigned int flags = nuvshStartFlags(cmd);
    int rc;

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
    if (nuvshCommandOptBool(cmd, "console"))
        return nuvshRunConsole(ctl, dom, NULL, 0);
    return true;
}


/* ---- destroy, suspend, resume, reset --------------------------------- */

static const nuvshCmdOptDef opts_destroy[] = {
    NUVSH_OPT_DOMAIN,
    { "graceful", NUVSH_OT_BOOL, 0, "give the process time to exit; never kill it" },
    { "remove-logs", NUVSH_OT_BOOL, 0, "also delete the log files" },
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


static const nuvshCmdOptDef opts_suspend[] = {
    NUVSH_OPT_DOMAIN,
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


static const nuvshCmdOptDef opts_resume[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

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


static const nuvshCmdOptDef opts_reset[] = {
    NUVSH_OPT_DOMAIN,
    { NULL },
};

static bool
cmdReset(nuvshControl *ctl,
         const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainReset(dom, 0) < 0) {
        nuvshError(ctl, "Failed to reset domain '%s'", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Domain '%s' was reset\n", name);
    return true;
}


/* ---- shutdown, reboot ------------------------------------------------ */

static const nuvshCmdOptDef opts_shutdown[] = {
    NUVSH_OPT_DOMAIN,
    { "mode", NUVSH_OT_STRING, 0,
      "how to ask the guest: acpi, agent, initctl, signal or paravirt" },
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
    const char *mode = NULL;
    g_auto(GStrv) modes = NULL;
    size_t i;

    *flags = 0;
    if (nuvshCommandOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return false;
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


static const nuvshCmdOptDef opts_reboot[] = {
    NUVSH_OPT_DOMAIN,
    { "mode", NUVSH_OT_STRING, 0,
      "how to ask the guest: acpi, agent, initctl, signal or paravirt" },
    { NULL },
};

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


/* ---- autostart, domrename -------------------------------------------- */

static const nuvshCmdOptDef opts_autostart[] = {
    NUVSH_OPT_DOMAIN,
    { "disable", NUVSH_OT_BOOL, 0, "do not start the domain with the host" },
    { NULL },
};

static bool
cmdAutostart(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *name;
    bool autostart = !nuvshCommandOptBool(cmd, "disable");

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, &name, NUVSH_BYANY)))
        return false;

    if (virDomainSetAutostart(dom, autostart) < 0) {
        if (autostart)
            nuvshError(ctl, "Failed to mark domain '%s' as autostarted", name);
        else
            nuvshError(ctl, "Failed to unmark domain '%s' as autostarted", name);
        return false;
    }

    if (autostart)
        nuvshPrintExtra(ctl, "Domain '%s' marked as autostarted\n", name);
    else
        nuvshPrintExtra(ctl, "Domain '%s' unmarked as autostarted\n", name);
    return true;
}


static const nuvshCmdOptDef opts_domrename[] = {
    NUVSH_OPT_DOMAIN,
    { "new-name", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the domain's new name" },
    { NULL },
};

static bool
cmdDomrename(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *newname = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "new-name", &newname) < 0)
        return false;

    if (virDomainRename(dom, newname, 0) < 0)
        return false;

    nuvshPrintExtra(ctl, "%s", "Domain successfully renamed\n");
    return true;
}


/* ---- dumpxml, edit --------------------------------------------------- */

static const nuvshCmdOptDef opts_dumpxml[] = {
    NUVSH_OPT_DOMAIN,
    { "inactive", NUVSH_OT_BOOL, 0, "show the definition used at the next start" },
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "update-cpu", NUVSH_OT_BOOL, 0, "fill in the guest CPU from the host CPU" },
    { "migratable", NUVSH_OT_BOOL, 0, "give the XML a migration target accepts" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdDumpxml(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "inactive", "security-info", "update-cpu", "migratable",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_XML_SECURE,
        VIR_DOMAIN_XML_UPDATE_CPU, VIR_DOMAIN_XML_MIGRATABLE,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;

    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_edit[] = {
    NUVSH_OPT_DOMAIN,
    { "skip-validate", NUVSH_OT_BOOL, 0, "do not check the edited XML against the schema" },
    { NULL },
};

/* How edit defines: with validation unless --skip-validate, or once the
 * user answered 'i' (relax) to "Try again?". */
typedef struct {
    unsigned int flags;
    bool relax;
} nuvshDomainEdit;

static bool
nuvshDomainEditDefine(nuvshControl *ctl,
                      const char *xml,
                      void *opaque)
{
    nuvshDomainEdit *edit = opaque;
    unsigned int flags = edit->flags;
    g_autoptr(nuvshDomain) dom = NULL;

    if (edit->relax)
        flags &= ~VIR_DOMAIN_DEFINE_VALIDATE;
    dom = virDomainDefineXMLFlags(ctl->conn, xml, flags);
    return dom != NULL;
}


static bool
cmdEdit(nuvshControl *ctl,
        const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    nuvshDomainEdit edit = { VIR_DOMAIN_DEFINE_VALIDATE, false };
    int rc;

    if (nuvshCommandOptBool(cmd, "skip-validate"))
        edit.flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    name = g_strdup(virDomainGetName(dom));

    if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshDomainEditDefine, &edit, &edit.relax)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Domain '%s' XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Domain '%s' XML configuration edited.\n", name);
    return true;
}


/* ---- domid, domname, domuuid ----------------------------------------- */

static const nuvshCmdOptDef opts_domid[] = {
    NUVSH_OPT_DOMAIN,
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
    NUVSH_OPT_DOMAIN,
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
    NUVSH_OPT_DOMAIN,
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


/* ---- console --------------------------------------------------------- */

static const nuvshCmdOptDef opts_console[] = {
    NUVSH_OPT_DOMAIN,
    { "devname", NUVSH_OT_STRING, 0, "which console, serial or parallel device" },
    { "force", NUVSH_OT_BOOL, 0, "take the console from another session holding it" },
    { "safe", NUVSH_OT_BOOL, 0, "only connect if the driver guarantees exclusive access" },
    { NULL },
};

static bool
cmdConsole(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    const char *devname = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "force"))
        flags |= VIR_DOMAIN_CONSOLE_FORCE;
    if (nuvshCommandOptBool(cmd, "safe"))
        flags |= VIR_DOMAIN_CONSOLE_SAFE;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;

    return nuvshRunConsole(ctl, dom, devname, flags);
}


const nuvshCmdDef nuvshDomainManagementCmds[] = {
    { "autostart", cmdAutostart, opts_autostart,
      "choose whether a domain starts with the host",
      "" },
    { "console", cmdConsole, opts_console,
      "attach to the guest's console",
      "" },
    { "create", cmdCreate, opts_create,
      "start a transient domain from an XML file",
      "" },
    { "define", cmdDefine, opts_define,
      "define a persistent domain from an XML file, without starting it",
      "" },
    { "destroy", cmdDestroy, opts_destroy,
      "stop a domain at once, like pulling the power cord",
      "" },
    { "domid", cmdDomid, opts_domid,
      "print the id of a domain",
      "" },
    { "domname", cmdDomname, opts_domname,
      "print the name of a domain given its id or UUID",
      "" },
    { "domrename", cmdDomrename, opts_domrename,
      "give an inactive domain a new name",
      "" },
    { "domuuid", cmdDomuuid, opts_domuuid,
      "print the UUID of a domain",
      "" },
    { "dumpxml", cmdDumpxml, opts_dumpxml,
      "print a domain's XML definition",
      "" },
    { "edit", cmdEdit, opts_edit,
      "edit a domain's XML definition in an editor",
      "" },
    { "reboot", cmdReboot, opts_reboot,
      "reboot a domain",
      "" },
    { "reset", cmdReset, opts_reset,
      "reset a domain as with the reset button",
      "" },
    { "resume", cmdResume, opts_resume,
      "let a paused domain run again",
      "" },
    { "shutdown", cmdShutdown, opts_shutdown,
      "ask a domain to shut down",
      "" },
    { "start", cmdStart, opts_start,
      "start an inactive domain",
      "" },
    { "suspend", cmdSuspend, opts_suspend,
      "pause a running domain",
      "" },
    { "undefine", cmdUndefine, opts_undefine,
      "remove a domain's persistent definition",
      "" },
    { NULL },
};
