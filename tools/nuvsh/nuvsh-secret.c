/*
 * nuvsh-secret.c: commands on secrets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nuvsh.h"


static const char *
nuvshSecretUsageToString(int type)
{
    switch ((virSecretUsageType) type) {
    case VIR_SECRET_USAGE_TYPE_NONE: return "none";
    case VIR_SECRET_USAGE_TYPE_VOLUME: return "volume";
    case VIR_SECRET_USAGE_TYPE_CEPH: return "ceph";
    case VIR_SECRET_USAGE_TYPE_ISCSI: return "iscsi";
    case VIR_SECRET_USAGE_TYPE_TLS: return "tls";
    case VIR_SECRET_USAGE_TYPE_VTPM: return "vtpm";
    case VIR_SECRET_USAGE_TYPE_LAST: break;
    }
    return NULL;
}


static const nuvshCmdOptDef opts_secret_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdSecretDefine(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshSecret) secret = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_SECRET_DEFINE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(secret = virSecretDefineXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to set attributes from %s", file);
        return false;
    }
    if (virSecretGetUUIDString(secret, uuid) < 0) {
        nuvshError(ctl, "%s", "Failed to get UUID of created secret");
        return false;
    }

    nuvshPrintExtra(ctl, "Secret %s created\n", uuid);
    return true;
}


static const nuvshCmdOptDef opts_secret_dumpxml[] = {
    { "secret", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "secret UUID or usage" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdSecretDumpxml(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshSecret) secret = NULL;
    g_autofree char *xml = NULL;

    if (!(secret = nuvshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(xml = virSecretGetXMLDesc(secret, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_secret_set_value[] = {
    { "secret", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "secret UUID or usage" },
    { "file", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT, "read the value from this file" },
    { "plain", NUVSH_OT_BOOL, 0, "the file holds raw bytes, not base64" },
    { "interactive", NUVSH_OT_BOOL, 0, "read the value from the terminal without echo" },
    { "base64", NUVSH_OT_STRING, 0, "the value, base64 encoded" },
    { NULL },
};

static bool
cmdSecretSetValue(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshSecret) secret = NULL;
    g_autofree char *filedata = NULL;
    g_autofree guchar *value = NULL;
    const char *base64 = NULL;
    const char *file = NULL;
    gsize len = 0;
    bool plain = nuvshCommandOptBool(cmd, "plain");
    bool interactive = nuvshCommandOptBool(cmd, "interactive");

    if (!nuvshCommandOptExclusive(ctl, cmd, "file", "base64") ||
        !nuvshCommandOptExclusive(ctl, cmd, "plain", "base64") ||
        !nuvshCommandOptExclusive(ctl, cmd, "interactive", "base64") ||
        !nuvshCommandOptExclusive(ctl, cmd, "interactive", "plain") ||
        !nuvshCommandOptExclusive(ctl, cmd, "interactive", "file"))
        return false;

    if (!(secret = nuvshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "base64", &base64) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;

    if (!base64 && !file && !interactive) {
        nuvshError(ctl, "%s", "Input secret value is missing");
        return false;
    }

    if (file) {
        g_autoptr(GError) err = NULL;

        if (!g_file_get_contents(file, &filedata, &len, &err)) {
            nuvshError(ctl, "failed to read secret file '%s': %s", file, err->message);
            return false;
        }
        if (plain) {
            value = (guchar *) g_steal_pointer(&filedata);
        } else {
            g_strstrip(filedata);
            value = g_base64_decode(filedata, &len);
        }
    } else if (interactive) {
        g_autofree char *line = NULL;
        size_t cap = 0;
        ssize_t got;

        nuvshPrint(ctl, "%s", "Enter new value for secret:");
        fflush(stdout);
        if ((got = getline(&line, &cap, stdin)) < 0) {
            nuvshError(ctl, "%s", "Failed to read secret");
            return false;
        }
        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        nuvshPrint(ctl, "\n");
        len = got;
        value = (guchar *) g_steal_pointer(&line);
    } else {
        value = g_base64_decode(base64, &len);
    }

    if (virSecretSetValue(secret, value, len, 0) < 0) {
        nuvshError(ctl, "%s", "Failed to set secret value");
        return false;
    }

    nuvshPrintExtra(ctl, "%s", "Secret value set\n");
    return true;
}


static const nuvshCmdOptDef opts_secret_get_value[] = {
    { "secret", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "secret UUID or usage" },
    { "plain", NUVSH_OT_BOOL, 0, "print the raw bytes instead of base64" },
    { NULL },
};

static bool
cmdSecretGetValue(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshSecret) secret = NULL;
    unsigned char *value;
    size_t len;

    if (!(secret = nuvshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(value = virSecretGetValue(secret, &len, 0)))
        return false;

    if (nuvshCommandOptBool(cmd, "plain")) {
        fflush(stdout);
        if (fwrite(value, 1, len, stdout) != len) {
            nuvshError(ctl, "%s", "failed to write secret");
            memset(value, 0, len);
            free(value);
            return false;
        }
    } else {
        g_autofree char *b64 = g_base64_encode(value, len);

        nuvshPrint(ctl, "%s\n", b64);
        memset(b64, 0, strlen(b64));
    }
    memset(value, 0, len);
    free(value);
    return true;
}


static const nuvshCmdOptDef opts_secret_undefine[] = {
    { "secret", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "secret UUID or usage" },
    { NULL },
};

static bool
cmdSecretUndefine(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshSecret) secret = NULL;
    const char *uuid;

    if (!(secret = nuvshCommandOptSecret(ctl, cmd, &uuid)))
        return false;

    if (virSecretUndefine(secret) < 0) {
        nuvshError(ctl, "Failed to delete secret %s", uuid);
        return false;
    }

    nuvshPrintExtra(ctl, "Secret %s deleted\n", uuid);
    return true;
}


static const nuvshCmdOptDef opts_secret_list[] = {
    { "ephemeral", NUVSH_OT_BOOL, 0, "list only secrets kept in memory only" },
    { "no-ephemeral", NUVSH_OT_BOOL, 0, "list only secrets stored on disk" },
    { "private", NUVSH_OT_BOOL, 0, "list only secrets whose value cannot be read back" },
    { "no-private", NUVSH_OT_BOOL, 0, "list only secrets whose value can be read back" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdSecretList(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    static const char *const names[] = { "ephemeral", "no-ephemeral", "private", "no-private" };
    static const unsigned int values[] = {
        VIR_CONNECT_LIST_SECRETS_EPHEMERAL, VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL,
        VIR_CONNECT_LIST_SECRETS_PRIVATE, VIR_CONNECT_LIST_SECRETS_NO_PRIVATE,
    };
    g_autoptr(nuvshTable) table = NULL;
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func((GDestroyNotify) g_strfreev);
    virSecretPtr *secrets = NULL;
    unsigned int flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));
    int n;
    guint i;

    if ((n = virConnectListAllSecrets(ctl->conn, &secrets, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list secrets");
        return false;
    }

    for (i = 0; i < (guint) n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        const char *usagetype = nuvshSecretUsageToString(virSecretGetUsageType(secrets[i]));
        g_autofree char *usage = NULL;
        GStrv row = g_new0(char *, 5);
        bool used = usagetype && !g_str_equal(usagetype, "none");

        virSecretGetUUIDString(secrets[i], uuid);
        if (used)
            usage = g_strdup_printf("%s %s", usagetype, virSecretGetUsageID(secrets[i]));
        else
            usage = g_strdup("Unused");
        row[0] = g_strdup(uuid);
        row[1] = g_steal_pointer(&usage);
        /* for --json: the usage type and id apart, "-" (null) when unused */
        if (nuvshJSONWanted(cmd)) {
            row[2] = g_strdup(used ? usagetype : "-");
            row[3] = g_strdup(used && virSecretGetUsageID(secrets[i])
                              ? virSecretGetUsageID(secrets[i]) : "-");
        }
        g_ptr_array_add(rows, row);
        virSecretFree(secrets[i]);
    }
    g_free(secrets);
    g_ptr_array_sort(rows, (GCompareFunc) nuvshStrPtrCompare);

    if (nuvshJSONWanted(cmd)) {
        table = nuvshTableNew("UUID", "Usage", "Usage type", "Usage ID", NULL);
        nuvshTableSetKeys(table, "uuid", "usage", "usage_type", "usage_id", NULL);
    } else {
        table = nuvshTableNew("UUID", "Usage", NULL);
    }
    for (i = 0; i < rows->len; i++)
        nuvshTableAddRowv(table, (const char *const *) g_ptr_array_index(rows, i));
    return nuvshTableOutput(ctl, cmd, table, true);
}


/* a secret's UUID in a static buffer, for event lines */
static const char *
nuvshSecretUUID(virSecretPtr secret)
{
    static char uuid[VIR_UUID_STRING_BUFLEN];

    if (virSecretGetUUIDString(secret, uuid) < 0)
        return "?";
    return uuid;
}

/* ---- events ---------------------------------------------------------- */

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    int count;
} nuvshSecretEventData;


static void
nuvshSecretEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                            virSecretPtr secret,
                            int event,
                            int detail G_GNUC_UNUSED,
                            void *opaque)
{
    static const char *const events[] = { "Defined", "Undefined" };
    nuvshSecretEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'lifecycle' for secret %s: %s\n", nuvshSecretUUID(secret),
               event >= 0 && event < (int) G_N_ELEMENTS(events) ? events[event] : "unknown");
    data->count++;
}


static void
nuvshSecretEventOther(virConnectPtr conn G_GNUC_UNUSED,
                        virSecretPtr secret,
                        void *opaque)
{
    nuvshSecretEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'value-changed' for secret %s\n", nuvshSecretUUID(secret));
    data->count++;
}


static const nuvshCmdOptDef opts_secret_event[] = {
    { "secret", NUVSH_OT_STRING, 0, "secret UUID or usage" },
    { "event", NUVSH_OT_STRING, 0, "which event to wait for" },
    { "loop", NUVSH_OT_BOOL, 0,
      "keep waiting for more events instead of stopping after the first" },
    { "timeout", NUVSH_OT_INT, 0, "give up after this many seconds" },
    { "list", NUVSH_OT_BOOL, 0, "list the known event names" },
    { "timestamp", NUVSH_OT_BOOL, 0, "print the time before each event" },
    { NULL },
};

static bool
cmdSecretEvent(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    nuvshSecretEventData data = { ctl, cmd, 0 };
    virSecretPtr obj = NULL;
    const char *eventname = NULL;
    int id;
    bool ret;

    if (nuvshCommandOptBool(cmd, "list")) {
        nuvshPrint(ctl, "%s\n%s\n", "lifecycle", "value-changed");
        return true;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "event", &eventname) < 0)
        return false;
    if (!eventname) {
        nuvshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    if (!g_str_equal(eventname, "lifecycle") && !g_str_equal(eventname, "value-changed")) {
        nuvshError(ctl, "unknown event type %s", eventname);
        return false;
    }
    if (nuvshCommandOptString(cmd, "secret") && !(obj = nuvshCommandOptSecret(ctl, cmd, NULL)))
        return false;

    if (g_str_equal(eventname, "lifecycle"))
        id = virConnectSecretEventRegisterAny(ctl->conn, obj, VIR_SECRET_EVENT_ID_LIFECYCLE,
                     NUVSH_CB(virConnectSecretEventGenericCallback, nuvshSecretEventLifecycle), &data, NULL);
    else
        id = virConnectSecretEventRegisterAny(ctl->conn, obj, VIR_SECRET_EVENT_ID_VALUE_CHANGED,
                     NUVSH_CB(virConnectSecretEventGenericCallback, nuvshSecretEventOther), &data, NULL);
    if (id < 0) {
        if (obj)
            virSecretFree(obj);
        return false;
    }

    ret = nuvshEventWait(ctl, cmd, &data.count);
    virConnectSecretEventDeregisterAny(ctl->conn, id);
    if (obj)
        virSecretFree(obj);
    return ret;
}


const nuvshCmdDef nuvshSecretCmds[] = {
    { "secret-define", cmdSecretDefine, opts_secret_define,
      "define or update a secret from an XML file",
      "" },
    { "secret-dumpxml", cmdSecretDumpxml, opts_secret_dumpxml,
      "print a secret's XML",
      "" },
    { "secret-get-value", cmdSecretGetValue, opts_secret_get_value,
      "print a secret's value in base64",
      "" },
    { "secret-list", cmdSecretList, opts_secret_list,
      "list secrets",
      "" },
    { "secret-set-value", cmdSecretSetValue, opts_secret_set_value,
      "set a secret's value",
      "" },
    { "secret-undefine", cmdSecretUndefine, opts_secret_undefine,
      "remove a secret",
      "" },
    { "secret-event", cmdSecretEvent, opts_secret_event,
      "wait for secret events and print them",
      "" },
    { NULL },
};
