/*
 * nuvsh-interface.c: commands on host network interfaces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


static const nuvshCmdOptDef opts_iface_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdIfaceDefine(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_INTERFACE_DEFINE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(iface = virInterfaceDefineXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to define interface from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Interface %s defined from %s\n", virInterfaceGetName(iface), file);
    return true;
}


static bool
nuvshIfaceSimple(nuvshControl *ctl,
                 const nuvshCmd *cmd,
                 int (*fn)(virInterfacePtr iface, unsigned int flags),
                 const char *okfmt,
                 const char *failfmt)
{
    g_autoptr(nuvshInterface) iface = NULL;
    const char *name;

    if (!(iface = nuvshCommandOptInterface(ctl, cmd, NULL, &name)))
        return false;

    if (fn(iface, 0) < 0) {
        nuvshError(ctl, failfmt, name);
        return false;
    }

    nuvshPrintExtra(ctl, okfmt, name);
    return true;
}


static int
nuvshIfaceUndefine(virInterfacePtr iface,
                   unsigned int flags G_GNUC_UNUSED)
{
    return virInterfaceUndefine(iface);
}


static const nuvshCmdOptDef opts_iface_undefine[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceUndefine(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    return nuvshIfaceSimple(ctl, cmd, nuvshIfaceUndefine,
                            "Interface %s undefined\n", "Failed to undefine interface %s");
}


static const nuvshCmdOptDef opts_iface_start[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceStart(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    return nuvshIfaceSimple(ctl, cmd, virInterfaceCreate,
                            "Interface %s started\n", "Failed to start interface %s");
}


static const nuvshCmdOptDef opts_iface_destroy[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceDestroy(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    /* virsh 9.0 reports failure even when the interface went down; scripts
     * that check the status see that, so we keep it */
    nuvshIfaceSimple(ctl, cmd, virInterfaceDestroy,
                     "Interface %s destroyed\n", "Failed to destroy interface %s");
    return false;
}


static const nuvshCmdOptDef opts_iface_dumpxml[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { "inactive", NUVSH_OT_BOOL, 0, "show the definition used at the next start" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdIfaceDumpxml(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags |= VIR_INTERFACE_XML_INACTIVE;
    if (!(iface = nuvshCommandOptInterface(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virInterfaceGetXMLDesc(iface, flags)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static bool
nuvshIfaceEditDefine(nuvshControl *ctl,
                     const char *xml,
                     void *opaque G_GNUC_UNUSED)
{
    g_autoptr(nuvshInterface) iface = virInterfaceDefineXML(ctl->conn, xml, 0);

    return iface != NULL;
}


static const nuvshCmdOptDef opts_iface_edit[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceEdit(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    int rc;

    if (!(iface = nuvshCommandOptInterface(ctl, cmd, NULL, NULL)))
        return false;
    name = g_strdup(virInterfaceGetName(iface));
    if (!(xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshIfaceEditDefine, NULL, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Interface %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Interface %s XML configuration edited.\n", name);
    return true;
}


static gint
nuvshIfaceCompare(gconstpointer a,
                  gconstpointer b)
{
    return strcmp(virInterfaceGetName(*(virInterfacePtr const *) a),
                  virInterfaceGetName(*(virInterfacePtr const *) b));
}


static const nuvshCmdOptDef opts_iface_list[] = {
    { "inactive", NUVSH_OT_BOOL, 0, "list inactive objects only" },
    { "all", NUVSH_OT_BOOL, 0, "list active and inactive objects" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdIfaceList(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshTable) table = NULL;
    virInterfacePtr *ifaces = NULL;
    unsigned int flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    int n;
    int i;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    if (nuvshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE | VIR_CONNECT_LIST_INTERFACES_INACTIVE;

    if ((n = virConnectListAllInterfaces(ctl->conn, &ifaces, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list interfaces");
        return false;
    }
    qsort(ifaces, n, sizeof(*ifaces), (int (*)(const void *, const void *)) nuvshIfaceCompare);

    table = nuvshTableNew("Name", "State", "MAC Address", NULL);
    nuvshTableSetKeys(table, "name", "state", "mac", NULL);
    for (i = 0; i < n; i++) {
        const char *mac = virInterfaceGetMACString(ifaces[i]);

        nuvshTableAddRow(table, virInterfaceGetName(ifaces[i]),
                         virInterfaceIsActive(ifaces[i]) == 1 ? "active" : "inactive",
                         mac ? mac : "", NULL);
        virInterfaceFree(ifaces[i]);
    }
    g_free(ifaces);

    return nuvshTableOutput(ctl, cmd, table, true);
}


static const nuvshCmdOptDef opts_iface_mac[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceMac(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &str) < 0)
        return false;
    if (!(iface = virInterfaceLookupByName(ctl->conn, str))) {
        nuvshError(ctl, "failed to get interface '%s'", str);
        return false;
    }
    nuvshPrint(ctl, "%s\n", virInterfaceGetMACString(iface));
    return true;
}


static const nuvshCmdOptDef opts_iface_name[] = {
    { "interface", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "interface name or MAC address" },
    { NULL },
};

static bool
cmdIfaceName(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshInterface) iface = NULL;
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "interface", &str) < 0)
        return false;
    if (!(iface = virInterfaceLookupByMACString(ctl->conn, str))) {
        nuvshError(ctl, "failed to get interface '%s'", str);
        return false;
    }
    nuvshPrint(ctl, "%s\n", virInterfaceGetName(iface));
    return true;
}


/* iface-begin, iface-commit, iface-rollback: one call each */
static bool
nuvshIfaceTransaction(nuvshControl *ctl,
                      int (*fn)(virConnectPtr conn, unsigned int flags),
                      const char *okmsg,
                      const char *failmsg)
{
    if (fn(ctl->conn, 0) < 0) {
        nuvshError(ctl, "%s", failmsg);
        return false;
    }
    nuvshPrintExtra(ctl, "%s", okmsg);
    return true;
}


static bool
cmdIfaceBegin(nuvshControl *ctl,
              const nuvshCmd *cmd G_GNUC_UNUSED)
{
    return nuvshIfaceTransaction(ctl, virInterfaceChangeBegin,
                                 "Network config change transaction started\n",
                                 "Failed to begin network config change transaction");
}


static bool
cmdIfaceCommit(nuvshControl *ctl,
               const nuvshCmd *cmd G_GNUC_UNUSED)
{
    return nuvshIfaceTransaction(ctl, virInterfaceChangeCommit,
                                 "Network config change transaction committed\n",
                                 "Failed to commit network config change transaction");
}


static bool
cmdIfaceRollback(nuvshControl *ctl,
                 const nuvshCmd *cmd G_GNUC_UNUSED)
{
    return nuvshIfaceTransaction(ctl, virInterfaceChangeRollback,
                                 "Network config change transaction rolled back\n",
                                 "Failed to rollback network config change transaction");
}


const nuvshCmdDef nuvshInterfaceCmds[] = {
    { "iface-begin", cmdIfaceBegin, nuvshOptsNone,
      "save the interface configuration to roll back to",
      "" },
    { "iface-commit", cmdIfaceCommit, nuvshOptsNone,
      "keep the interface changes made since iface-begin",
      "" },
    { "iface-define", cmdIfaceDefine, opts_iface_define,
      "define a host interface from an XML file",
      "" },
    { "iface-destroy", cmdIfaceDestroy, opts_iface_destroy,
      "bring a host interface down",
      "" },
    { "iface-dumpxml", cmdIfaceDumpxml, opts_iface_dumpxml,
      "print a host interface's XML",
      "" },
    { "iface-edit", cmdIfaceEdit, opts_iface_edit,
      "edit a host interface's XML",
      "" },
    { "iface-list", cmdIfaceList, opts_iface_list,
      "list host interfaces",
      "" },
    { "iface-mac", cmdIfaceMac, opts_iface_mac,
      "print the MAC address of an interface",
      "" },
    { "iface-name", cmdIfaceName, opts_iface_name,
      "print the name of an interface given its MAC address",
      "" },
    { "iface-rollback", cmdIfaceRollback, nuvshOptsNone,
      "undo the interface changes made since iface-begin",
      "" },
    { "iface-start", cmdIfaceStart, opts_iface_start,
      "bring a host interface up",
      "" },
    { "iface-undefine", cmdIfaceUndefine, opts_iface_undefine,
      "remove a host interface's definition",
      "" },
    { NULL },
};
