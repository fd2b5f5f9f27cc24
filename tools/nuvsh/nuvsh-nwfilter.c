/*
 * nuvsh-nwfilter.c: commands on network filters and their bindings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


static const nuvshCmdOptDef opts_nwfilter_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNwfilterDefine(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilter) filter = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NWFILTER_DEFINE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (flags)
        filter = virNWFilterDefineXMLFlags(ctl->conn, xml, flags);
    else
        filter = virNWFilterDefineXML(ctl->conn, xml);
    if (!filter) {
        nuvshError(ctl, "Failed to define network filter from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Network filter %s defined from %s\n",
                    virNWFilterGetName(filter), file);
    return true;
}


static const nuvshCmdOptDef opts_nwfilter_undefine[] = {
    { "nwfilter", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network filter name or UUID" },
    { NULL },
};

static bool
cmdNwfilterUndefine(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilter) filter = NULL;
    const char *name;

    if (!(filter = nuvshCommandOptNWFilter(ctl, cmd, &name)))
        return false;

    if (virNWFilterUndefine(filter) < 0) {
        nuvshError(ctl, "Failed to undefine network filter %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Network filter %s undefined\n", name);
    return true;
}


static const nuvshCmdOptDef opts_nwfilter_dumpxml[] = {
    { "nwfilter", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network filter name or UUID" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdNwfilterDumpxml(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilter) filter = NULL;
    g_autofree char *xml = NULL;

    if (!(filter = nuvshCommandOptNWFilter(ctl, cmd, NULL)))
        return false;
    if (!(xml = virNWFilterGetXMLDesc(filter, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static bool
nuvshNWFilterEditDefine(nuvshControl *ctl,
                        const char *xml,
                        void *opaque G_GNUC_UNUSED)
{
    g_autoptr(nuvshNWFilter) filter = virNWFilterDefineXML(ctl->conn, xml);

    return filter != NULL;
}


static const nuvshCmdOptDef opts_nwfilter_edit[] = {
    { "nwfilter", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "network filter name or UUID" },
    { NULL },
};

static bool
cmdNwfilterEdit(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilter) filter = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    int rc;

    if (!(filter = nuvshCommandOptNWFilter(ctl, cmd, NULL)))
        return false;
    name = g_strdup(virNWFilterGetName(filter));
    if (!(xml = virNWFilterGetXMLDesc(filter, 0)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshNWFilterEditDefine, NULL, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Network filter %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Network filter %s XML configuration edited.\n", name);
    return true;
}


static gint
nuvshNWFilterCompare(gconstpointer a,
                     gconstpointer b)
{
    return strcmp(virNWFilterGetName(*(virNWFilterPtr const *) a),
                  virNWFilterGetName(*(virNWFilterPtr const *) b));
}


static const nuvshCmdOptDef opts_json[] = {
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNwfilterList(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshTable) table = NULL;
    virNWFilterPtr *filters = NULL;
    int n;
    int i;

    if ((n = virConnectListAllNWFilters(ctl->conn, &filters, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to list network filters");
        return false;
    }
    qsort(filters, n, sizeof(*filters),
          (int (*)(const void *, const void *)) nuvshNWFilterCompare);

    table = nuvshTableNew("UUID", "Name", NULL);
    nuvshTableSetKeys(table, "uuid", "name", NULL);
    for (i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";

        virNWFilterGetUUIDString(filters[i], uuid);
        nuvshTableAddRow(table, uuid, virNWFilterGetName(filters[i]), NULL);
        virNWFilterFree(filters[i]);
    }
    g_free(filters);

    return nuvshTableOutput(ctl, cmd, table, true);
}


/* ---- bindings -------------------------------------------------------- */

static const nuvshCmdOptDef opts_nwfilter_binding_create[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNwfilterBindingCreate(nuvshControl *ctl,
                         const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilterBinding) binding = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NWFILTER_BINDING_CREATE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(binding = virNWFilterBindingCreateXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to create network filter from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Network filter binding on %s created from %s\n",
                    virNWFilterBindingGetPortDev(binding), file);
    return true;
}


static virNWFilterBindingPtr
nuvshCommandOptBinding(nuvshControl *ctl,
                       const nuvshCmd *cmd,
                       const char **portdev)
{
    virNWFilterBindingPtr binding;

    if (nuvshCommandOptStringReq(ctl, cmd, "binding", portdev) < 0)
        return NULL;
    if (!(binding = virNWFilterBindingLookupByPortDev(ctl->conn, *portdev)))
        nuvshError(ctl, "failed to get nwfilter binding '%s'", *portdev);
    return binding;
}


static const nuvshCmdOptDef opts_nwfilter_binding_delete[] = {
    { "binding", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "nwfilter binding (port device)" },
    { NULL },
};

static bool
cmdNwfilterBindingDelete(nuvshControl *ctl,
                         const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilterBinding) binding = NULL;
    const char *portdev = NULL;

    if (!(binding = nuvshCommandOptBinding(ctl, cmd, &portdev)))
        return false;

    if (virNWFilterBindingDelete(binding) < 0) {
        nuvshError(ctl, "Failed to delete network filter binding %s", portdev);
        return false;
    }

    nuvshPrintExtra(ctl, "Network filter binding on %s deleted\n", portdev);
    return true;
}


static const nuvshCmdOptDef opts_nwfilter_binding_dumpxml[] = {
    { "binding", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "nwfilter binding (port device)" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdNwfilterBindingDumpxml(nuvshControl *ctl,
                          const nuvshCmd *cmd)
{
    g_autoptr(nuvshNWFilterBinding) binding = NULL;
    g_autofree char *xml = NULL;
    const char *portdev = NULL;

    if (!(binding = nuvshCommandOptBinding(ctl, cmd, &portdev)))
        return false;
    if (!(xml = virNWFilterBindingGetXMLDesc(binding, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static gint
nuvshBindingCompare(gconstpointer a,
                    gconstpointer b)
{
    return strcmp(virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *) a),
                  virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *) b));
}


static bool
cmdNwfilterBindingList(nuvshControl *ctl,
                       const nuvshCmd *cmd)
{
    g_autoptr(nuvshTable) table = NULL;
    virNWFilterBindingPtr *bindings = NULL;
    int n;
    int i;

    if ((n = virConnectListAllNWFilterBindings(ctl->conn, &bindings, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to list network filter bindings");
        return false;
    }
    qsort(bindings, n, sizeof(*bindings),
          (int (*)(const void *, const void *)) nuvshBindingCompare);

    table = nuvshTableNew("Port Dev", "Filter", NULL);
    nuvshTableSetKeys(table, "port_dev", "filter", NULL);
    for (i = 0; i < n; i++) {
        nuvshTableAddRow(table, virNWFilterBindingGetPortDev(bindings[i]),
                         virNWFilterBindingGetFilterName(bindings[i]), NULL);
        virNWFilterBindingFree(bindings[i]);
    }
    g_free(bindings);

    return nuvshTableOutput(ctl, cmd, table, true);
}


const nuvshCmdDef nuvshNWFilterCmds[] = {
    { "nwfilter-define", cmdNwfilterDefine, opts_nwfilter_define,
      "define or update a network filter from an XML file",
      "" },
    { "nwfilter-dumpxml", cmdNwfilterDumpxml, opts_nwfilter_dumpxml,
      "print a network filter's XML",
      "" },
    { "nwfilter-edit", cmdNwfilterEdit, opts_nwfilter_edit,
      "edit a network filter's XML",
      "" },
    { "nwfilter-list", cmdNwfilterList, opts_json,
      "list network filters",
      "" },
    { "nwfilter-undefine", cmdNwfilterUndefine, opts_nwfilter_undefine,
      "remove a network filter",
      "" },
    { "nwfilter-binding-create", cmdNwfilterBindingCreate, opts_nwfilter_binding_create,
      "bind a network filter to a port from an XML file",
      "" },
    { "nwfilter-binding-delete", cmdNwfilterBindingDelete, opts_nwfilter_binding_delete,
      "remove a network filter binding",
      "" },
    { "nwfilter-binding-dumpxml", cmdNwfilterBindingDumpxml, opts_nwfilter_binding_dumpxml,
      "print a network filter binding's XML",
      "" },
    { "nwfilter-binding-list", cmdNwfilterBindingList, opts_json,
      "list network filter bindings",
      "" },
    { NULL },
};
