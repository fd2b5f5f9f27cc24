/*
 * nuvsh-domain-agent.c: domain commands answered by the guest agent: the
 * guest's file systems, users' SSH keys and the guest information summary
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* ---- guest agent: file systems, SSH keys, guest info ------------------ */

static const nuvshCmdOptDef opts_domfsinfo[] = {
    NUVSH_OPT_DOMAIN,
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdDomfsinfo(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshTable) table = NULL;
    virDomainFSInfoPtr *info = NULL;
    int n;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if ((n = virDomainGetFSInfo(dom, &info, 0)) < 0) {
        nuvshError(ctl, "%s", "Unable to get filesystem information");
        return false;
    }
    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_array();

        for (i = 0; i < n; i++) {
            json_object *row = nuvshJSONRow(doc);
            json_object *targets = json_object_new_array();
            size_t j;

            nuvshJSONStr(row, "mountpoint", info[i]->mountpoint);
            nuvshJSONStr(row, "name", info[i]->name);
            nuvshJSONStr(row, "type", info[i]->fstype);
            for (j = 0; j < info[i]->ndevAlias; j++)
                json_object_array_add(targets, json_object_new_string(info[i]->devAlias[j]));
            json_object_object_add(row, "targets", targets);
            virDomainFSInfoFree(info[i]);
        }
        free(info);
        return nuvshJSONPrint(ctl, doc);
    }
    if (n == 0) {
        nuvshError(ctl, "%s", "No filesystems are mounted in the domain");
        return true;
    }

    table = nuvshTableNew("Mountpoint", "Name", "Type", "Target", NULL);
    for (i = 0; i < n; i++) {
        g_autoptr(GString) targets = g_string_new(NULL);
        size_t j;

        for (j = 0; j < info[i]->ndevAlias; j++)
            g_string_append_printf(targets, "%s%s", j ? "," : "", info[i]->devAlias[j]);
        nuvshTableAddRow(table, info[i]->mountpoint, info[i]->name, info[i]->fstype,
                         targets->str, NULL);
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    nuvshTablePrint(ctl, table, true);
    return true;
}


static const nuvshCmdOptDef opts_set_user_sshkeys[] = {
    NUVSH_OPT_DOMAIN,
    { "user", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the guest user" },
    { "file", NUVSH_OT_STRING, 0, "file with the keys, one per line" },
    { "reset", NUVSH_OT_BOOL, 0, "replace the keys instead of adding to them" },
    { "remove", NUVSH_OT_BOOL, 0, "remove the keys in the file" },
    { NULL },
};

static bool
cmdSetUserSshkeys(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *content = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    const char *user = NULL;
    const char *file = NULL;
    unsigned int flags = 0;
    size_t i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "reset", "remove"))
        return false;
    if (nuvshCommandOptBool(cmd, "remove"))
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_REMOVE;
    if (!nuvshCommandOptBool(cmd, "reset"))
        flags |= VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "user", &user) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;

    if (file) {
        if (!(content = nuvshReadFile(ctl, file)))
            return false;
        lines = g_strsplit(content, "\n", 0);
        for (i = 0; lines[i]; i++) {
            if (*lines[i] && *lines[i] != '#')
                g_ptr_array_add(keys, lines[i]);
        }
        if (keys->len == 0 && !nuvshCommandOptBool(cmd, "reset")) {
            nuvshError(ctl, "File %s contains no keys", file);
            return false;
        }
    } else if (!nuvshCommandOptBool(cmd, "reset")) {
        nuvshError(ctl, "%s", "Option --file is required");
        return false;
    }

    if (virDomainAuthorizedSSHKeysSet(dom, user, (const char **) keys->pdata, keys->len,
                                      flags) < 0)
        return false;
    return true;
}


static const nuvshCmdOptDef opts_guestinfo[] = {
    NUVSH_OPT_DOMAIN,
    { "user", NUVSH_OT_BOOL, 0, "report logged in users" },
    { "os", NUVSH_OT_BOOL, 0, "report the operating system" },
    { "timezone", NUVSH_OT_BOOL, 0, "report the time zone" },
    { "hostname", NUVSH_OT_BOOL, 0, "report the host name" },
    { "filesystem", NUVSH_OT_BOOL, 0, "report file systems" },
    { "disk", NUVSH_OT_BOOL, 0, "report disks" },
    { "interface", NUVSH_OT_BOOL, 0, "report network interfaces" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdGuestinfo(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "user", "os", "timezone", "hostname", "filesystem", "disk", "interface",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_GUEST_INFO_USERS, VIR_DOMAIN_GUEST_INFO_OS,
        VIR_DOMAIN_GUEST_INFO_TIMEZONE, VIR_DOMAIN_GUEST_INFO_HOSTNAME,
        VIR_DOMAIN_GUEST_INFO_FILESYSTEM, VIR_DOMAIN_GUEST_INFO_DISKS,
        VIR_DOMAIN_GUEST_INFO_INTERFACES,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    unsigned int types = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (virDomainGetGuestInfo(dom, types, &params, &nparams, 0) < 0)
        return false;
    /* the API's field names ("os.id", "fs.0.name"), as domstats */
    if (nuvshJSONWanted(cmd))
        return nuvshJSONPrint(ctl, nuvshJSONTypedParams(NULL, params, nparams));
    for (i = 0; i < nparams; i++) {
        switch (params[i].type) {
        case VIR_TYPED_PARAM_STRING:
            nuvshPrint(ctl, "%-20s: %s\n", params[i].field, params[i].value.s);
            break;
        case VIR_TYPED_PARAM_UINT:
            nuvshPrint(ctl, "%-20s: %u\n", params[i].field, params[i].value.ui);
            break;
        case VIR_TYPED_PARAM_INT:
            nuvshPrint(ctl, "%-20s: %d\n", params[i].field, params[i].value.i);
            break;
        case VIR_TYPED_PARAM_ULLONG:
            nuvshPrint(ctl, "%-20s: %llu\n", params[i].field, params[i].value.ul);
            break;
        case VIR_TYPED_PARAM_LLONG:
            nuvshPrint(ctl, "%-20s: %lld\n", params[i].field, params[i].value.l);
            break;
        case VIR_TYPED_PARAM_BOOLEAN:
            nuvshPrint(ctl, "%-20s: %s\n", params[i].field, params[i].value.b ? "yes" : "no");
            break;
        default:
            break;
        }
    }
    virTypedParamsFree(params, nparams);
    return true;
}


const nuvshCmdDef nuvshDomainAgentCmds[] = {
    { "domfsinfo", cmdDomfsinfo, opts_domfsinfo,
      "list the guest's mounted file systems",
      "" },
    { "set-user-sshkeys", cmdSetUserSshkeys, opts_set_user_sshkeys,
      "change a guest user's authorized SSH keys",
      "" },
    { "guestinfo", cmdGuestinfo, opts_guestinfo,
      "report information from the guest agent",
      "" },
    { NULL },
};
