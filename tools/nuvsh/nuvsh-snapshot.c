/*
 * nuvsh-snapshot.c: commands on domain snapshots
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nuvsh.h"


/* The snapshot named by --snapshotname, or with --current the current
 * one; exactly one of them must be given. */
static virDomainSnapshotPtr
nuvshSnapshotFromOpts(nuvshControl *ctl,
                      const nuvshCmd *cmd,
                      virDomainPtr dom,
                      bool allow_current)
{
    const char *name = NULL;
    bool current = allow_current && nuvshCommandOptBool(cmd, "current");
    virDomainSnapshotPtr snap;

    if (nuvshCommandOptStringReq(ctl, cmd, "snapshotname", &name) < 0)
        return NULL;
    if (current && name) {
        nuvshError(ctl, "%s", "--snapshotname and --current are mutually exclusive");
        return NULL;
    }
    if (name)
        return virDomainSnapshotLookupByName(dom, name, 0);
    if (!current && !allow_current) {
        nuvshError(ctl, "%s", "--snapshotname or --current is required");
        return NULL;
    }
    if (!(snap = virDomainSnapshotCurrent(dom, 0))) {
        if (ctl->last_error_code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            nuvshResetLibvirtError(ctl);
            nuvshError(ctl, "domain '%s' has no current snapshot", virDomainGetName(dom));
        }
    }
    return snap;
}


/* "name[,snapshot=type][,driver=type][,stype=type][,file=path]" as a
 * <disk> element. */
static bool
nuvshAppendDiskspec(nuvshControl *ctl,
                    GString *xml,
                    const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", 0);
    const char *snapshot = NULL;
    const char *driver = NULL;
    const char *stype = "file";
    const char *file = NULL;
    size_t i;

    for (i = 1; parts[i]; i++) {
        if (g_str_has_prefix(parts[i], "snapshot="))
            snapshot = parts[i] + 9;
        else if (g_str_has_prefix(parts[i], "driver="))
            driver = parts[i] + 7;
        else if (g_str_has_prefix(parts[i], "stype="))
            stype = parts[i] + 6;
        else if (g_str_has_prefix(parts[i], "file="))
            file = parts[i] + 5;
        else {
            nuvshError(ctl, "unable to parse diskspec: %s", spec);
            return false;
        }
    }

    g_string_append_printf(xml, "    <disk name='%s'", parts[0]);
    if (snapshot)
        g_string_append_printf(xml, " snapshot='%s'", snapshot);
    if (g_str_equal(stype, "block"))
        g_string_append(xml, " type='block'");
    if (!driver && !file) {
        g_string_append(xml, "/>\n");
        return true;
    }
    g_string_append(xml, ">\n");
    if (driver)
        g_string_append_printf(xml, "      <driver type='%s'/>\n", driver);
    if (file)
        g_string_append_printf(xml, "      <source %s='%s'/>\n",
                               g_str_equal(stype, "block") ? "dev" : "file", file);
    g_string_append(xml, "    </disk>\n");
    return true;
}


static unsigned int
nuvshSnapshotCreateFlags(const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "redefine", "current", "no-metadata", "halt", "disk-only", "reuse-external",
        "quiesce", "atomic", "live", "validate",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
        VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, VIR_DOMAIN_SNAPSHOT_CREATE_HALT,
        VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY, VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT,
        VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE, VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC,
        VIR_DOMAIN_SNAPSHOT_CREATE_LIVE, VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE,
    };
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (nuvshCommandOptDefLookup(cmd->def, names[i]) &&
            nuvshCommandOptBool(cmd, names[i]))
            flags |= values[i];
    }
    return flags;
}


static bool
nuvshSnapshotCreate(nuvshControl *ctl,
                    virDomainPtr dom,
                    const char *xml,
                    unsigned int flags,
                    const char *from)
{
    g_autoptr(nuvshSnapshot) snap = NULL;

    if (!(snap = virDomainSnapshotCreateXML(dom, xml, flags)))
        return false;

    if (flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
        nuvshPrintExtra(ctl, "Domain snapshot %s defined from '%s'",
                   virDomainSnapshotGetName(snap), from);
    else
        nuvshPrintExtra(ctl, "Domain snapshot %s created", virDomainSnapshotGetName(snap));
    if (from)
        (void) from;
    return true;
}


static const nuvshCmdOptDef opts_snapshot_create[] = {
    NUVSH_OPT_DOMAIN,
    { "xmlfile", NUVSH_OT_STRING, 0, "file with the snapshot XML; a default snapshot without" },
    { "redefine", NUVSH_OT_BOOL, 0, "redefine the metadata of an existing object" },
    { "current", NUVSH_OT_BOOL, 0, "with --redefine, make it the current snapshot" },
    { "no-metadata", NUVSH_OT_BOOL, 0, "take the snapshot without keeping metadata" },
    { "halt", NUVSH_OT_BOOL, 0, "stop the domain afterwards" },
    { "disk-only", NUVSH_OT_BOOL, 0, "capture disk state only" },
    { "reuse-external", NUVSH_OT_BOOL, 0, "reuse existing external files" },
    { "quiesce", NUVSH_OT_BOOL, 0, "quiesce the guest file systems first" },
    { "atomic", NUVSH_OT_BOOL, 0, "all disks or none" },
    { "live", NUVSH_OT_BOOL, 0, "take the snapshot while the domain runs" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdSnapshotCreate(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "xmlfile", &file) < 0)
        return false;
    if (file) {
        if (!(xml = nuvshReadFile(ctl, file)))
            return false;
    } else {
        xml = g_strdup("<domainsnapshot/>");
    }
    return nuvshSnapshotCreate(ctl, dom, xml, nuvshSnapshotCreateFlags(cmd),
                               file ? file : "");
}


static const nuvshCmdOptDef opts_snapshot_create_as[] = {
    NUVSH_OPT_DOMAIN,
    { "name", NUVSH_OT_STRING, 0, "name of the snapshot" },
    { "description", NUVSH_OT_STRING, 0, "description of the snapshot" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "no-metadata", NUVSH_OT_BOOL, 0, "take the snapshot without keeping metadata" },
    { "halt", NUVSH_OT_BOOL, 0, "stop the domain afterwards" },
    { "disk-only", NUVSH_OT_BOOL, 0, "capture disk state only" },
    { "reuse-external", NUVSH_OT_BOOL, 0, "reuse existing external files" },
    { "quiesce", NUVSH_OT_BOOL, 0, "quiesce the guest file systems first" },
    { "atomic", NUVSH_OT_BOOL, 0, "all disks or none" },
    { "live", NUVSH_OT_BOOL, 0, "take the snapshot while the domain runs" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { "memspec", NUVSH_OT_STRING, 0, "memory specification: [file=]name[,snapshot=type]" },
    { "diskspec", NUVSH_OT_ARGV, 0,
      "disk specification: disk[,snapshot=type][,driver=type][,file=name]" },
    { NULL },
};

static bool
cmdSnapshotCreateAs(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(GString) xml = g_string_new("<domainsnapshot>\n");
    g_autoptr(GPtrArray) disks = nuvshCommandOptArgv(cmd, "diskspec");
    const char *name = NULL;
    const char *desc = NULL;
    const char *memspec = NULL;
    guint i;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "description", &desc) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "memspec", &memspec) < 0)
        return false;

    if (name) {
        g_autofree char *esc = g_markup_escape_text(name, -1);

        g_string_append_printf(xml, "  <name>%s</name>\n", esc);
    }
    if (desc) {
        g_autofree char *esc = g_markup_escape_text(desc, -1);

        g_string_append_printf(xml, "  <description>%s</description>\n", esc);
    }
    if (memspec) {
        g_auto(GStrv) parts = g_strsplit(memspec, ",", 0);
        const char *file = NULL;
        const char *snapshot = NULL;
        size_t j;

        for (j = 0; parts[j]; j++) {
            if (g_str_has_prefix(parts[j], "snapshot="))
                snapshot = parts[j] + 9;
            else if (g_str_has_prefix(parts[j], "file="))
                file = parts[j] + 5;
            else if (j == 0)
                file = parts[j];
            else {
                nuvshError(ctl, "unable to parse memspec: %s", memspec);
                return false;
            }
        }
        g_string_append(xml, "  <memory");
        if (snapshot)
            g_string_append_printf(xml, " snapshot='%s'", snapshot);
        if (file)
            g_string_append_printf(xml, " file='%s'", file);
        g_string_append(xml, "/>\n");
    }
    if (disks->len) {
        g_string_append(xml, "  <disks>\n");
        for (i = 0; i < disks->len; i++) {
            if (!nuvshAppendDiskspec(ctl, xml, g_ptr_array_index(disks, i)))
                return false;
        }
        g_string_append(xml, "  </disks>\n");
    }
    g_string_append(xml, "</domainsnapshot>\n");

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s\n", xml->str);
        return true;
    }
    return nuvshSnapshotCreate(ctl, dom, xml->str, nuvshSnapshotCreateFlags(cmd), NULL);
}


static const nuvshCmdOptDef opts_snapshot_current[] = {
    NUVSH_OPT_DOMAIN,
    { "name", NUVSH_OT_BOOL, 0, "print only the current snapshot's name" },
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "snapshotname", NUVSH_OT_STRING, 0, "make this snapshot the current one" },
    { NULL },
};

static bool
cmdSnapshotCurrent(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    const char *setname = NULL;
    unsigned int flags = 0;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "snapshotname", &setname) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SNAPSHOT_XML_SECURE;

    if (setname) {
        g_autoptr(nuvshSnapshot) redefined = NULL;
        g_autofree char *xml = NULL;

        if (nuvshCommandOptBool(cmd, "name") || flags) {
            nuvshError(ctl, "%s", "--name and --security-info cannot be used with a snapshot name");
            return false;
        }
        if (!(snap = virDomainSnapshotLookupByName(dom, setname, 0)))
            return false;
        if (!(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE)))
            return false;
        if (!(redefined = virDomainSnapshotCreateXML(dom, xml,
                                                     VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)))
            return false;
        nuvshPrint(ctl, "Snapshot %s set as current", setname);
        return true;
    }

    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;

    if (nuvshCommandOptBool(cmd, "name")) {
        nuvshPrint(ctl, "%s", virDomainSnapshotGetName(snap));
    } else {
        g_autofree char *xml = virDomainSnapshotGetXMLDesc(snap, flags);

        if (!xml)
            return false;
        nuvshPrint(ctl, "%s", xml);
    }
    return true;
}


static const nuvshCmdOptDef opts_snapshot_delete[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_STRING, 0, "snapshot name" },
    { "current", NUVSH_OT_BOOL, 0, "delete the current snapshot" },
    { "children", NUVSH_OT_BOOL, 0, "also act on direct children" },
    { "children-only", NUVSH_OT_BOOL, 0, "act only on children, not the object itself" },
    { "metadata", NUVSH_OT_BOOL, 0, "delete only the metadata, not the data" },
    { NULL },
};

static bool
cmdSnapshotDelete(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    g_autofree char *name = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "children"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (nuvshCommandOptBool(cmd, "children-only"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (nuvshCommandOptBool(cmd, "metadata"))
        flags |= VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;
    name = g_strdup(virDomainSnapshotGetName(snap));

    if (virDomainSnapshotDelete(snap, flags) < 0) {
        nuvshError(ctl, "Failed to delete snapshot %s", name);
        return false;
    }

    if (flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
        nuvshPrintExtra(ctl, "Domain snapshot %s children deleted\n", name);
    else
        nuvshPrintExtra(ctl, "Domain snapshot %s deleted\n", name);
    return true;
}


static const nuvshCmdOptDef opts_snapshot_dumpxml[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "snapshot name" },
    { "security-info", NUVSH_OT_BOOL, 0, "include security-sensitive data such as passwords" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdSnapshotDumpxml(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_SNAPSHOT_XML_SECURE;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshCommandOptSnapshot(ctl, cmd, dom, NULL)))
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, flags)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


typedef struct {
    virDomainPtr dom;
    unsigned int flags;
} nuvshSnapshotEdit;


static bool
nuvshSnapshotEditDefine(nuvshControl *ctl G_GNUC_UNUSED,
                        const char *xml,
                        void *opaque)
{
    nuvshSnapshotEdit *edit = opaque;
    g_autoptr(nuvshSnapshot) snap = virDomainSnapshotCreateXML(edit->dom, xml, edit->flags);

    return snap != NULL;
}


static const nuvshCmdOptDef opts_snapshot_edit[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_STRING, 0, "snapshot name" },
    { "current", NUVSH_OT_BOOL, 0, "edit the current snapshot" },
    { "rename", NUVSH_OT_BOOL, 0, "allow the edit to rename the snapshot" },
    { "clone", NUVSH_OT_BOOL, 0, "allow the edit to create a copy under a new name" },
    { NULL },
};

static bool
cmdSnapshotEdit(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    nuvshSnapshotEdit edit = { 0 };
    int rc;

    if (!nuvshCommandOptExclusive(ctl, cmd, "rename", "clone"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;
    name = g_strdup(virDomainSnapshotGetName(snap));

    edit.dom = dom;
    edit.flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    if (nuvshCommandOptBool(cmd, "current") || virDomainSnapshotIsCurrent(snap, 0) == 1)
        edit.flags |= VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_SNAPSHOT_XML_SECURE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshSnapshotEditDefine, &edit, NULL)) < 0) {
        nuvshError(ctl, "Failed to update %s", name);
        return false;
    }

    if (rc == 0)
        nuvshPrintExtra(ctl, "Snapshot %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Snapshot %s edited.\n", name);
    return true;
}


/* "running", "shutoff", ... from the snapshot's XML */
static char *
nuvshSnapshotState(virDomainSnapshotPtr snap)
{
    g_autofree char *xml = virDomainSnapshotGetXMLDesc(snap, 0);

    return xml ? nuvshXPathString(xml, "string(/domainsnapshot/state)") : NULL;
}


static const nuvshCmdOptDef opts_snapshot_info[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_STRING, 0, "snapshot name" },
    { "current", NUVSH_OT_BOOL, 0, "show the current snapshot" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdSnapshotInfo(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    g_autoptr(nuvshSnapshot) parent = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *state = NULL;
    g_autofree char *external = NULL;
    int current;
    int children;
    int descendants;
    int metadata;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;

    /* every fact first, then one of the two forms */
    if ((current = virDomainSnapshotIsCurrent(snap, 0)) < 0)
        return false;
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return false;
    state = nuvshXPathString(xml, "string(/domainsnapshot/state)");
    external = nuvshXPathString(xml, "string(//*[@snapshot='external']/@snapshot)");
    parent = virDomainSnapshotGetParent(snap, 0);
    nuvshResetLibvirtError(ctl);
    if ((children = virDomainSnapshotNumChildren(snap, 0)) < 0 ||
        (descendants = virDomainSnapshotNumChildren(snap,
                                                    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) < 0)
        return false;
    metadata = virDomainSnapshotHasMetadata(snap, 0);

    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "name", virDomainSnapshotGetName(snap));
        nuvshJSONStr(doc, "domain", virDomainGetName(dom));
        nuvshJSONBool(doc, "current", current);
        nuvshJSONStr(doc, "state", state);
        nuvshJSONStr(doc, "location", external ? "external" : "internal");
        nuvshJSONStr(doc, "parent", parent ? virDomainSnapshotGetName(parent) : NULL);
        nuvshJSONInt(doc, "children", children);
        nuvshJSONInt(doc, "descendants", descendants);
        nuvshJSONTristate(doc, "metadata", metadata);
        nuvshResetLibvirtError(ctl);
        return nuvshJSONPrint(ctl, doc);
    }

    nuvshPrint(ctl, "%-15s %s\n", "Name:", virDomainSnapshotGetName(snap));
    nuvshPrint(ctl, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    nuvshPrint(ctl, "%-15s %s\n", "Current:", current ? "yes" : "no");
    nuvshPrint(ctl, "%-15s %s\n", "State:", state ? state : "?");
    nuvshPrint(ctl, "%-15s %s\n", "Location:", external ? "external" : "internal");
    nuvshPrint(ctl, "%-15s %s\n", "Parent:", parent ? virDomainSnapshotGetName(parent) : "-");
    nuvshPrint(ctl, "%-15s %d\n", "Children:", children);
    nuvshPrint(ctl, "%-15s %d\n", "Descendants:", descendants);
    if (metadata >= 0)
        nuvshPrint(ctl, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    nuvshResetLibvirtError(ctl);
    return true;
}


typedef struct {
    virDomainSnapshotPtr snap;
    char *parent;
} nuvshSnapEntry;


static gint
nuvshSnapEntryCompare(gconstpointer a,
                      gconstpointer b)
{
    const nuvshSnapEntry *ea = a;
    const nuvshSnapEntry *eb = b;

    return strcmp(virDomainSnapshotGetName(ea->snap), virDomainSnapshotGetName(eb->snap));
}


/* "YYYY-MM-DD HH:MM:SS +ZZZZ" from a creationTime in seconds */
static char *
nuvshFormatCreationTime(const char *secs)
{
    gint64 t;
    time_t when;
    struct tm tm;
    char buf[64];

    if (!secs || !g_ascii_string_to_signed(secs, 10, 0, G_MAXINT64, &t, NULL))
        return g_strdup("");
    when = t;
    localtime_r(&when, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", &tm);
    return g_strdup(buf);
}


static const nuvshCmdOptDef opts_snapshot_list[] = {
    NUVSH_OPT_DOMAIN,
    { "parent", NUVSH_OT_BOOL, 0, "add a column with each parent's name" },
    { "roots", NUVSH_OT_BOOL, 0, "list only objects without a parent" },
    { "leaves", NUVSH_OT_BOOL, 0, "list only objects without children" },
    { "no-leaves", NUVSH_OT_BOOL, 0, "list only objects with children" },
    { "metadata", NUVSH_OT_BOOL, 0, "list only snapshots with metadata" },
    { "no-metadata", NUVSH_OT_BOOL, 0, "list only snapshots without metadata" },
    { "inactive", NUVSH_OT_BOOL, 0, "list only snapshots of a shut off domain" },
    { "active", NUVSH_OT_BOOL, 0, "list only snapshots of a running domain" },
    { "disk-only", NUVSH_OT_BOOL, 0, "list only disk-only snapshots" },
    { "internal", NUVSH_OT_BOOL, 0, "list only internal snapshots" },
    { "external", NUVSH_OT_BOOL, 0, "list only external snapshots" },
    { "tree", NUVSH_OT_BOOL, 0, "print the objects as a tree" },
    { "from", NUVSH_OT_STRING, 0, "list the children of this object" },
    { "current", NUVSH_OT_BOOL, 0, "with --from, start at the current snapshot" },
    { "descendants", NUVSH_OT_BOOL, 0, "with --from, list all descendants" },
    { "name", NUVSH_OT_BOOL, 0, "print names only" },
    { "topological", NUVSH_OT_BOOL, 0, "list parents before their children" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdSnapshotList(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    static const char *const names[] = {
        "roots", "leaves", "no-leaves", "metadata", "no-metadata", "inactive", "active",
        "disk-only", "internal", "external", "descendants", "topological",
    };
    static const unsigned int values[] = {
        VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES,
        VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES, VIR_DOMAIN_SNAPSHOT_LIST_METADATA,
        VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA, VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE,
        VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE, VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY,
        VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL, VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL,
        VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) from = NULL;
    g_autoptr(GArray) entries = g_array_new(FALSE, TRUE, sizeof(nuvshSnapEntry));
    virDomainSnapshotPtr *snaps = NULL;
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

    if (fromname || nuvshCommandOptBool(cmd, "current")) {
        if (fromname)
            from = virDomainSnapshotLookupByName(dom, fromname, 0);
        else
            from = virDomainSnapshotCurrent(dom, 0);
        if (!from)
            return false;
        n = virDomainSnapshotListAllChildren(from, &snaps,
                                             flags & ~VIR_DOMAIN_SNAPSHOT_LIST_ROOTS);
    } else {
        n = virDomainListAllSnapshots(dom, &snaps, flags);
    }
    if (n < 0)
        return false;

    for (i = 0; i < (guint) n; i++) {
        nuvshSnapEntry e = { snaps[i], NULL };
        g_autoptr(nuvshSnapshot) parent = NULL;

        if ((parent = virDomainSnapshotGetParent(snaps[i], 0)))
            e.parent = g_strdup(virDomainSnapshotGetName(parent));
        g_array_append_val(entries, e);
    }
    g_free(snaps);
    nuvshResetLibvirtError(ctl);
    if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL))
        g_array_sort(entries, nuvshSnapEntryCompare);

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        /* the creation time as seconds since the epoch, not a local date */
        for (i = 0; i < entries->len; i++) {
            nuvshSnapEntry *e = &g_array_index(entries, nuvshSnapEntry, i);
            json_object *row = nuvshJSONRow(arr);
            g_autofree char *xml = virDomainSnapshotGetXMLDesc(e->snap, 0);
            g_autofree char *secs = xml ? nuvshXPathString(xml, "string(/domainsnapshot/"
                                                          "creationTime)") : NULL;
            g_autofree char *state = nuvshSnapshotState(e->snap);

            nuvshJSONStr(row, "name", virDomainSnapshotGetName(e->snap));
            nuvshJSONEpoch(row, "creation_time", secs);
            nuvshJSONStr(row, "state", state);
            nuvshJSONStr(row, "parent", e->parent);
            nuvshJSONBool(row, "current", virDomainSnapshotIsCurrent(e->snap, 0) == 1);
        }
        nuvshResetLibvirtError(ctl);
        nuvshJSONPrint(ctl, arr);
    } else if (tree) {
        g_autoptr(GPtrArray) tnames = g_ptr_array_new();
        g_autoptr(GPtrArray) tparents = g_ptr_array_new();

        for (i = 0; i < entries->len; i++) {
            nuvshSnapEntry *e = &g_array_index(entries, nuvshSnapEntry, i);

            g_ptr_array_add(tnames, (gpointer) virDomainSnapshotGetName(e->snap));
            /* with --from the starting point's children are the roots */
            g_ptr_array_add(tparents, from && e->parent &&
                            g_str_equal(e->parent, virDomainSnapshotGetName(from))
                            ? NULL : e->parent);
        }
        nuvshTreePrint(ctl, tnames, tparents);
    } else if (optname) {
        for (i = 0; i < entries->len; i++) {
            nuvshSnapEntry *e = &g_array_index(entries, nuvshSnapEntry, i);

            nuvshPrint(ctl, "%s\n", virDomainSnapshotGetName(e->snap));
        }
    } else {
        g_autoptr(nuvshTable) table = NULL;

        if (optparent)
            table = nuvshTableNew("Name", "Creation Time", "State", "Parent", NULL);
        else
            table = nuvshTableNew("Name", "Creation Time", "State", NULL);
        for (i = 0; i < entries->len; i++) {
            nuvshSnapEntry *e = &g_array_index(entries, nuvshSnapEntry, i);
            g_autofree char *xml = virDomainSnapshotGetXMLDesc(e->snap, 0);
            g_autofree char *secs = xml ? nuvshXPathString(xml, "string(/domainsnapshot/"
                                                          "creationTime)") : NULL;
            g_autofree char *when = nuvshFormatCreationTime(secs);
            g_autofree char *state = nuvshSnapshotState(e->snap);

            if (optparent)
                nuvshTableAddRow(table, virDomainSnapshotGetName(e->snap), when,
                                 state ? state : "", e->parent ? e->parent : "", NULL);
            else
                nuvshTableAddRow(table, virDomainSnapshotGetName(e->snap), when,
                                 state ? state : "", NULL);
        }
        nuvshTablePrint(ctl, table, true);
    }

    for (i = 0; i < entries->len; i++) {
        nuvshSnapEntry *e = &g_array_index(entries, nuvshSnapEntry, i);

        virDomainSnapshotFree(e->snap);
        g_free(e->parent);
    }
    return true;
}


static const nuvshCmdOptDef opts_snapshot_parent[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_STRING, 0, "snapshot name" },
    { "current", NUVSH_OT_BOOL, 0, "use the current snapshot" },
    { NULL },
};

static bool
cmdSnapshotParent(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    g_autoptr(nuvshSnapshot) parent = NULL;

    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;

    if (!(parent = virDomainSnapshotGetParent(snap, 0))) {
        if (ctl->last_error_code == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
            nuvshResetLibvirtError(ctl);
            nuvshError(ctl, "snapshot '%s' has no parent", virDomainSnapshotGetName(snap));
        }
        return false;
    }

    nuvshPrint(ctl, "%s", virDomainSnapshotGetName(parent));
    return true;
}


static const nuvshCmdOptDef opts_snapshot_revert[] = {
    NUVSH_OPT_DOMAIN,
    { "snapshotname", NUVSH_OT_STRING, 0, "snapshot name" },
    { "current", NUVSH_OT_BOOL, 0, "revert to the current snapshot" },
    { "running", NUVSH_OT_BOOL, 0, "run the domain after reverting" },
    { "paused", NUVSH_OT_BOOL, 0, "leave the domain paused after reverting" },
    { "force", NUVSH_OT_BOOL, 0, "revert even when that is risky" },
    { "reset-nvram", NUVSH_OT_BOOL, 0, "start from a fresh copy of the NVRAM template" },
    { NULL },
};

static bool
cmdSnapshotRevert(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    static const char *const names[] = { "running", "paused", "force", "reset-nvram" };
    static const unsigned int values[] = {
        VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED,
        VIR_DOMAIN_SNAPSHOT_REVERT_FORCE, VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM,
    };
    g_autoptr(nuvshDomain) dom = NULL;
    g_autoptr(nuvshSnapshot) snap = NULL;
    unsigned int flags = nuvshCommandOptFlags(cmd, names, values, G_N_ELEMENTS(names));

    if (!nuvshCommandOptExclusive(ctl, cmd, "running", "paused"))
        return false;
    if (!(dom = nuvshCommandOptDomain(ctl, cmd, NULL, NUVSH_BYANY)))
        return false;
    if (!(snap = nuvshSnapshotFromOpts(ctl, cmd, dom, true)))
        return false;

    if (virDomainRevertToSnapshot(snap, flags) < 0)
        return false;

    nuvshPrintExtra(ctl, "Domain snapshot %s reverted\n", virDomainSnapshotGetName(snap));
    return true;
}


const nuvshCmdDef nuvshSnapshotCmds[] = {
    { "snapshot-create", cmdSnapshotCreate, opts_snapshot_create,
      "create a snapshot from an XML file",
      "" },
    { "snapshot-create-as", cmdSnapshotCreateAs, opts_snapshot_create_as,
      "create a snapshot from options",
      "" },
    { "snapshot-current", cmdSnapshotCurrent, opts_snapshot_current,
      "show or set the current snapshot",
      "" },
    { "snapshot-delete", cmdSnapshotDelete, opts_snapshot_delete,
      "delete a snapshot",
      "" },
    { "snapshot-dumpxml", cmdSnapshotDumpxml, opts_snapshot_dumpxml,
      "print a snapshot's XML",
      "" },
    { "snapshot-edit", cmdSnapshotEdit, opts_snapshot_edit,
      "edit a snapshot's XML",
      "" },
    { "snapshot-info", cmdSnapshotInfo, opts_snapshot_info,
      "show basic facts about a snapshot",
      "" },
    { "snapshot-list", cmdSnapshotList, opts_snapshot_list,
      "list a domain's snapshots",
      "" },
    { "snapshot-parent", cmdSnapshotParent, opts_snapshot_parent,
      "print the parent of a snapshot",
      "" },
    { "snapshot-revert", cmdSnapshotRevert, opts_snapshot_revert,
      "bring a domain back to a snapshot",
      "" },
    { NULL },
};
