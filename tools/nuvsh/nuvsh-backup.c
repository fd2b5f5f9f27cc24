/*
 * nuvsh-backup.c: commands on domain backup jobs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>

#include "nuvsh.h"


static const nuvshCmdOptDef opts_backup_begin[] = {
    NUVSH_OPT_DOMAIN,
    { "backupxml", NUVSH_OT_STRING, 0,
      "file with the backup job XML; a default push backup without" },
    { "checkpointxml", NUVSH_OT_STRING, 0,
      "file with the XML of a checkpoint to create with the backup" },
    { "reuse-external", NUVSH_OT_BOOL, 0,
      "write into existing files instead of creating them" },
    { NULL },
};

static bool
cmdBackupBegin(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *backupxml = NULL;
    g_autofree char *checkpointxml = NULL;
    const char *backupfile = NULL;
    const char *checkpointfile = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "reuse-external"))
        flags |= VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "backupxml", &backupfile) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "checkpointxml", &checkpointfile) < 0)
        return false;
    if (backupfile && !(backupxml = nuvshReadFile(ctl, backupfile)))
        return false;
    if (checkpointfile && !(checkpointxml = nuvshReadFile(ctl, checkpointfile)))
        return false;

    if (virDomainBackupBegin(dom, backupxml, checkpointxml, flags) < 0)
        return false;

    nuvshPrint(ctl, "%s", "Backup started\n");
    return true;
}


static const nuvshCmdOptDef opts_backup_dumpxml[] = {
    NUVSH_OPT_DOMAIN,
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdBackupDumpxml(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(xml = virDomainBackupGetXMLDesc(dom, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


const nuvshCmdDef nuvshBackupCmds[] = {
    { "backup-begin", cmdBackupBegin, opts_backup_begin,
      "start a backup job",
      "" },
    { "backup-dumpxml", cmdBackupDumpxml, opts_backup_dumpxml,
      "print the XML of a running backup job",
      "" },
    { NULL },
};
