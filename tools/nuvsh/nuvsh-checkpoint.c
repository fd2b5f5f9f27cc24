/*
 * nuvsh-checkpoint.c: commands on domain checkpoints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nuvsh.h"


static bool
nuvshCheckpointCreate(nuvshControl *ctl,
                      virDomainPtr dom,
                      const char *xml,
                      unsigned int flags,
                      const char *from)
{
    g_autoptr(nuvshCheckpoint) cp = NULL;

    if (!(cp = virDomainCheckpointCreateXML(dom, xml, flags)))
        return false;

    if (from)
        nuvshPrintExtra(ctl, "Domain checkpoint %s created from '%s'",
                   virDomainCheckpointGetName(cp), from);
    else
        nuvshPrintExtra(ctl, "Domain checkpoint %s created", virDomainCheckpointGetName(cp));
    return true;
}


static const nuvshCmdOptDef opts_checkpoint_create[] = {
    NUVSH_OPT_DOMAIN,
    { "xmlfile", NUVSH_OT_STRING, 0,
      "file with the checkpoint XML; a default checkpoint without" },
    { "redefine", NUVSH_OT_BOOL, 0, "redefine the metadata of an existing object" },
    { "redefine-validate", NUVSH_OT_BOOL, 0, "check the redefined XML against the domain" },
    { "quiesce", NUVSH_OT_BOOL, 0, "quiesce the guest file systems first" },
    { NULL },
};

static bool
cmdCheckpointCreate(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "redefine"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    if (nuvshCommandOptBool(cmd, "redefine-validate"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE |
                 VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE;
    if (nuvshCommandOptBool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "xmlfile", &file) < 0)
        return false;
    if (file) {
        if (!(xml = nuvshReadFile(ctl, file)))
            return false;
    } else {
        xml = g_strdup("<domaincheckpoint/>");
    }
    return nuvshCheckpointCreate(ctl, dom, xml, flags, file);
}


static const nuvshCmdOptDef opts_checkpoint_create_as[] = {
    NUVSH_OPT_DOMAIN,
    { "name", NUVSH_OT_STRING, 0, "name of the checkpoint" },
    { "description", NUVSH_OT_STRING, 0, "description of the checkpoint" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "quiesce", NUVSH_OT_BOOL, 0, "quiesce the guest file systems first" },
    { "diskspec", NUVSH_OT_ARGV, 0,
      "disk specification: disk[,checkpoint=type][,bitmap=name]" },
    { NULL },
};

static bool
cmdCheckpointCreateAs(nuvshControl *ctl,
                      const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GString) xml = g_string_new("<domaincheckpoint>\n");
    g_autoptr(GPtrArray) disks = nuvshCommandOptArgv(cmd, "diskspec");
    const char *name = NULL;
    const char *desc = NULL;
    unsigned int flags = 0;
    guint i;

    if (nuvshCommandOptBool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "description", &desc) < 0)
        return false;

    if (name) {
        g_autofree char *esc = g_markup_escape_text(name, -1);

        g_string_append_printf(xml, "  <name>%s</name>\n", esc);
    }
    if (desc) {
        g_autofree char *esc = g_markup_escape_text(desc, -1);

        g_string_append_printf(xml, "  <description>%s</description>\n", esc);
    }
    if (disks->len) {
        g_string_append(xml, "  <disks>\n");
        for (i = 0; i < disks->len; i++) {
            g_auto(GStrv) parts = g_strsplit(g_ptr_array_index(disks, i), ",", 0);
            size_t j;

            g_string_append_printf(xml, "    <disk name='%s'", parts[0]);
            for (j = 1; parts[j]; j++) {
                if (g_str_has_prefix(parts[j], "checkpoint=")) {
                    g_string_append_printf(xml, " checkpoint='%s'", parts[j] + 11);
                } else if (g_str_has_prefix(parts[j], "bitmap=")) {
                    g_string_append_printf(xml, " bitmap='%s'", parts[j] + 7);
                } else {
                    nuvshError(ctl, "unable to parse diskspec: %s",
                               (const char *) g_ptr_array_index(disks, i));
                    return false;
                }
            }
            g_string_append(xml, "/>\n");
        }
        g_string_append(xml, "  </disks>\n");
    }
    g_string_append(xml, "</domaincheckpoint>\n");

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s\n", xml->str);
        return true;
    }
    return nuvshCheckpointCreate(ctl, dom, xml->str, flags, NULL);
}


static const nuvshCmdOptDef opts_checkpoint_delete[] = {
    NUVSH_OPT_DOMAIN,
    { "checkpointname", NUVSH_OT_STRING, 0, "checkpoint name" },
    { "children", NUVSH_OT_BOOL, 0, "also act on direct children" },
    { "children-only", NUVSH_OT_BOOL, 0, "act only on children, not the object itself" },
    { "metadata", NUVSH_OT_BOOL, 0, "delete only the metadata" },
    { NULL },
};

static bool
cmdCheckpointDelete(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) cp = NULL;
    g_autofree char *name = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN;
    if (nuvshCommandOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY;
    if (nuvshCommandOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(cp = nuvshCommandOptCheckpoint(ctl, cmd, dom, NULL)))
        return false;
    name = g_strdup(virDomainCheckpointGetName(cp));

    if (virDomainCheckpointDelete(cp, flags) < 0) {
        nuvshError(ctl, "Failed to delete checkpoint %s", name);
        return false;
    }

    if (flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)
        nuvshPrintExtra(ctl, "Domain checkpoint %s children deleted\n", name);
    else
        nuvshPrintExtra(ctl, "Domain checkpoint %s deleted\n", name);
    return true;
}


static const nuvshCmdOptDef opts_checkpoint_dumpxml[] = {
    NUVSH_OPT_DOMAIN,
    { "checkpointname", NUVSH_OT_STRING, 0, "checkpoint name" },
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "no-domain", NUVSH_OT_BOOL, 0, "leave the domain's XML out" },
    { "size", NUVSH_OT_BOOL, 0, "include the data size of each disk" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdCheckpointDumpxml(nuvshControl *ctl,
                     const nuvshCmd *cmd)
{
    static const char *const names[] = { "security-info", "no-domain", "size" };
    static const unsigned int values[] = {
        VIR_DOMAIN_CHECKPOINT_XML_SECURE, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN,
        VIR_DOMAIN_CHECKPOINT_XML_SIZE,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) cp = NULL;
    g_autofree char *xml = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(cp = nuvshCommandOptCheckpoint(ctl, cmd, dom, NULL)))
        return false;
    if (!(xml = virDomainCheckpointGetXMLDesc(cp, nuvshCommandOptFlags(cmd, names, values,
                                                                     G_N_ELEMENTS(names)))))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


typedef struct {
    virDomainPtr dom;
} nuvshCheckpointEdit;


static bool
nuvshCheckpointEditDefine(nuvshControl *ctl G_GNUC_UNUSED,
                          const char *xml,
                          void *opaque)
{
    nuvshCheckpointEdit *edit = opaque;
    g_autoptr(nuvshCheckpoint) cp =
        virDomainCheckpointCreateXML(edit->dom, xml, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);

    return cp != NULL;
}


static const nuvshCmdOptDef opts_checkpoint_edit[] = {
    NUVSH_OPT_DOMAIN,
    { "checkpointname", NUVSH_OT_STRING, 0, "checkpoint name" },
    { NULL },
};

static bool
cmdCheckpointEdit(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) cp = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    nuvshCheckpointEdit edit = { 0 };
    int rc;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(cp = nuvshCommandOptCheckpoint(ctl, cmd, dom, NULL)))
        return false;
    name = g_strdup(virDomainCheckpointGetName(cp));
    if (!(xml = virDomainCheckpointGetXMLDesc(cp, VIR_DOMAIN_CHECKPOINT_XML_SECURE)))
        return false;

    edit.dom = dom;
    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshCheckpointEditDefine, &edit, NULL)) < 0) {
        nuvshError(ctl, "Failed to update %s", name);
        return false;
    }

    if (rc == 0)
        nuvshPrintExtra(ctl, "Checkpoint %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Checkpoint %s edited.\n", name);
    return true;
}


static const nuvshCmdOptDef opts_checkpoint_info[] = {
    NUVSH_OPT_DOMAIN,
    { "checkpointname", NUVSH_OT_STRING, 0, "checkpoint name" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdCheckpointInfo(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) cp = NULL;
    g_autoptr(nuvshCheckpoint) parent = NULL;
    virDomainCheckpointPtr *children = NULL;
    int nchildren;
    int ndesc;
    int i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(cp = nuvshCommandOptCheckpoint(ctl, cmd, dom, NULL)))
        return false;

    parent = virDomainCheckpointGetParent(cp, 0);
    nuvshResetLibvirtError(ctl);

    if ((nchildren = virDomainCheckpointListAllChildren(cp, &children, 0)) < 0)
        return false;
    for (i = 0; i < nchildren; i++)
        virDomainCheckpointFree(children[i]);
    g_free(children);
    children = NULL;
    if ((ndesc = virDomainCheckpointListAllChildren(cp, &children,
                                                    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) < 0)
        return false;
    for (i = 0; i < ndesc; i++)
        virDomainCheckpointFree(children[i]);
    g_free(children);

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "name", virDomainCheckpointGetName(cp));
        nuvshJSONStr(doc, "domain", virDomainGetName(dom));
        nuvshJSONStr(doc, "parent", parent ? virDomainCheckpointGetName(parent) : NULL);
        nuvshJSONInt(doc, "children", nchildren);
        nuvshJSONInt(doc, "descendants", ndesc);
        return nuvshJSONPrint(ctl, doc);
    }

    nuvshPrint(ctl, "%-15s %s\n", "Name:", virDomainCheckpointGetName(cp));
    nuvshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    nuvshPrint(ctl, "%-15s %s\n", "Parent:", parent ? virDomainCheckpointGetName(parent) : "-");
    nuvshPrint(ctl, "%-15s %d\n", "Children:", nchildren);
    nuvshPrint(ctl, "%-15s %d\n", "Descendants:", ndesc);
    return true;
}


typedef struct {
    virDomainCheckpointPtr cp;
    char *parent;
} nuvshCheckpointEntry;


static gint
nuvshCheckpointEntryCompare(gconstpointer a,
                            gconstpointer b)
{
    const nuvshCheckpointEntry *ea = a;
    const nuvshCheckpointEntry *eb = b;

    return strcmp(virDomainCheckpointGetName(ea->cp), virDomainCheckpointGetName(eb->cp));
}


static const nuvshCmdOptDef opts_checkpoint_list[] = {
    NUVSH_OPT_DOMAIN,
    { "parent", NUVSH_OT_BOOL, 0, "add a column with each parent's name" },
    { "roots", NUVSH_OT_BOOL, 0, "list only objects without a parent" },
    { "leaves", NUVSH_OT_BOOL, 0, "list only objects without children" },
    { "no-leaves", NUVSH_OT_BOOL, 0, "list only objects with children" },
    { "tree", NUVSH_OT_BOOL, 0, "print the objects as a tree" },
    { "from", NUVSH_OT_STRING, 0, "list the children of this object" },
    { "descendants", NUVSH_OT_BOOL, 0, "with --from, list all descendants" },
    { "name", NUVSH_OT_BOOL, 0, "print names only" },
    { "topological", NUVSH_OT_BOOL, 0, "list parents before their children" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdCheckpointList(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "roots", "leaves", "no-leaves", "descendants", "topological",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_CHECKPOINT_LIST_ROOTS, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES,
        VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES, VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS,
        VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) from = NULL;
    g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(nuvshCheckpointEntry));
    virDomainCheckpointPtr *cps = NULL;
    const char *fromname = NULL;
    bool tree = nuvshCommandOptBool(cmd, "tree");
    bool optname = nuvshCommandOptBool(cmd, "name");
    bool optparent = nuvshCommandOptBool(cmd, "parent");
    unsigned int flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));
    int n;
    guint i;

    if (!nuvshCommandOptExclusive(ctl, cmd, "tree", "name") ||
        !nuvshCommandOptExclusive(ctl, cmd, "parent", "roots") ||
        !nuvshCommandOptExclusive(ctl, cmd, "parent", "tree") ||
        !nuvshCommandOptExclusive(ctl, cmd, "roots", "tree") ||
        !nuvshCommandOptExclusive(ctl, cmd, "roots", "from"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "from", &fromname) < 0)
        return false;

    if (fromname) {
        if (!(from = virDomainCheckpointLookupByName(dom, fromname, 0)))
            return false;
        n = virDomainCheckpointListAllChildren(from, &cps, flags);
    } else {
        n = virDomainListAllCheckpoints(dom, &cps, flags);
    }
    if (n < 0)
        return false;

    for (i = 0; i < (guint) n; i++) {
        nuvshCheckpointEntry e = { cps[i], NULL };
        g_autoptr(nuvshCheckpoint) parent = NULL;

        if ((parent = virDomainCheckpointGetParent(cps[i], 0)))
            e.parent = g_strdup(virDomainCheckpointGetName(parent));
        g_array_append_val(entries, e);
    }
    g_free(cps);
    nuvshResetLibvirtError(ctl);
    if (!(flags & VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL))
        g_array_sort(entries, nuvshCheckpointEntryCompare);

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        /* the creation time as seconds since the epoch, not a local date */
        for (i = 0; i < entries->len; i++) {
            nuvshCheckpointEntry *e = &g_array_index(entries, nuvshCheckpointEntry, i);
            json_object *row = nuvshJSONRow(arr);
            g_autofree char *xml = virDomainCheckpointGetXMLDesc(e->cp, 0);
            g_autofree char *secs = xml ? nuvshXPathString(xml, "string(/domaincheckpoint/"
                                                          "creationTime)") : NULL;

            nuvshJSONStr(row, "name", virDomainCheckpointGetName(e->cp));
            nuvshJSONEpoch(row, "creation_time", secs);
            nuvshJSONStr(row, "parent", e->parent);
        }
        nuvshResetLibvirtError(ctl);
        nuvshJSONPrint(ctl, arr);
    } else if (tree) {
        g_autoptr(GPtrArray) tnames = g_ptr_array_new();
        g_autoptr(GPtrArray) tparents = g_ptr_array_new();

        for (i = 0; i < entries->len; i++) {
            nuvshCheckpointEntry *e = &g_array_index(entries, nuvshCheckpointEntry, i);

            g_ptr_array_add(tnames, (gpointer) virDomainCheckpointGetName(e->cp));
            g_ptr_array_add(tparents, from && e->parent && g_str_equal(e->parent, fromname)
                            ? NULL : e->parent);
        }
        nuvshTreePrint(ctl, tnames, tparents);
    } else if (optname) {
        for (i = 0; i < entries->len; i++)
            nuvshPrint(ctl, "%s\n", virDomainCheckpointGetName(
                           g_array_index(entries, nuvshCheckpointEntry, i).cp));
    } else {
        g_autoptr(nuvshTable) table = NULL;

        if (optparent)
            table = nuvshTableNew("Name", "Creation Time", "Parent", NULL);
        else
            table = nuvshTableNew("Name", "Creation Time", NULL);
        for (i = 0; i < entries->len; i++) {
            nuvshCheckpointEntry *e = &g_array_index(entries, nuvshCheckpointEntry, i);
            g_autofree char *xml = virDomainCheckpointGetXMLDesc(e->cp, 0);
            g_autofree char *secs = xml ? nuvshXPathString(xml, "string(/domaincheckpoint/"
                                                          "creationTime)") : NULL;
            char when[64] = "";
            gint64 t;

            if (secs && g_ascii_string_to_signed(secs, 10, 0, G_MAXINT64, &t, NULL)) {
                time_t tt = t;
                struct tm tm;

                localtime_r(&tt, &tm);
                strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
            }
            if (optparent)
                nuvshTableAddRow(table, virDomainCheckpointGetName(e->cp), when,
                                 e->parent ? e->parent : "", NULL);
            else
                nuvshTableAddRow(table, virDomainCheckpointGetName(e->cp), when, NULL);
        }
        nuvshTablePrint(ctl, table, true);
    }

    for (i = 0; i < entries->len; i++) {
        nuvshCheckpointEntry *e = &g_array_index(entries, nuvshCheckpointEntry, i);

        virDomainCheckpointFree(e->cp);
        g_free(e->parent);
    }
    return true;
}


static const nuvshCmdOptDef opts_checkpoint_parent[] = {
    NUVSH_OPT_DOMAIN,
    { "checkpointname", NUVSH_OT_STRING, 0, "checkpoint name" },
    { NULL },
};

static bool
cmdCheckpointParent(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshCheckpoint) cp = NULL;
    g_autoptr(nuvshCheckpoint) parent = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(cp = nuvshCommandOptCheckpoint(ctl, cmd, dom, NULL)))
        return false;

    if (!(parent = virDomainCheckpointGetParent(cp, 0))) {
        if (ctl->last_error_code == VIR_ERR_NO_DOMAIN_CHECKPOINT) {
            nuvshResetLibvirtError(ctl);
            nuvshError(ctl, "checkpoint '%s' has no parent", virDomainCheckpointGetName(cp));
        }
        return false;
    }

    nuvshPrint(ctl, "%s", virDomainCheckpointGetName(parent));
    return true;
}


const nuvshCmdDef nuvshCheckpointCmds[] = {
    { "checkpoint-create", cmdCheckpointCreate, opts_checkpoint_create,
      "create a checkpoint from an XML file",
      "" },
    { "checkpoint-create-as", cmdCheckpointCreateAs, opts_checkpoint_create_as,
      "create a checkpoint from options",
      "" },
    { "checkpoint-delete", cmdCheckpointDelete, opts_checkpoint_delete,
      "delete a checkpoint",
      "" },
    { "checkpoint-dumpxml", cmdCheckpointDumpxml, opts_checkpoint_dumpxml,
      "print a checkpoint's XML",
      "" },
    { "checkpoint-edit", cmdCheckpointEdit, opts_checkpoint_edit,
      "edit a checkpoint's XML",
      "" },
    { "checkpoint-info", cmdCheckpointInfo, opts_checkpoint_info,
      "show basic facts about a checkpoint",
      "" },
    { "checkpoint-list", cmdCheckpointList, opts_checkpoint_list,
      "list a domain's checkpoints",
      "" },
    { "checkpoint-parent", cmdCheckpointParent, opts_checkpoint_parent,
      "print the parent of a checkpoint",
      "" },
    { NULL },
};
