/*
 * nuvsh-nodedev.c: commands on host devices
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


static const nuvshCmdOptDef opts_nodedev_create[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNodedevCreate(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NODE_DEVICE_CREATE_XML_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(dev = virNodeDeviceCreateXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to create node device from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Node device %s created from %s\n", virNodeDeviceGetName(dev), file);
    return true;
}


static const nuvshCmdOptDef opts_nodedev_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the object's XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdNodedevDefine(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_NODE_DEVICE_DEFINE_XML_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(dev = virNodeDeviceDefineXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to define node device from '%s'", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Node device '%s' defined from '%s'\n",
                    virNodeDeviceGetName(dev), file);
    return true;
}


/* One device, one call, one message each way; @fmt take the name. */
static bool
nuvshNodedevSimple(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   int (*fn)(virNodeDevicePtr dev),
                   const char *okfmt,
                   const char *failfmt)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    const char *name = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "device", &name) < 0)
        return false;
    if (!(dev = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;

    if (fn(dev) < 0) {
        nuvshError(ctl, failfmt, name);
        return false;
    }

    nuvshPrintExtra(ctl, okfmt, name);
    return true;
}


static int
nuvshNodedevUndefine(virNodeDevicePtr dev)
{
    return virNodeDeviceUndefine(dev, 0);
}


static int
nuvshNodedevStart(virNodeDevicePtr dev)
{
    return virNodeDeviceCreate(dev, 0);
}


static const nuvshCmdOptDef opts_nodedev_destroy[] = {
    { "name", NUVSH_OT_ALIAS, 0, "device" },
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { NULL },
};

static bool
cmdNodedevDestroy(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    return nuvshNodedevSimple(ctl, cmd, virNodeDeviceDestroy,
                              "Destroyed node device '%s'\n",
                              "Failed to destroy node device '%s'");
}


static const nuvshCmdOptDef opts_nodedev_undefine[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { NULL },
};

static bool
cmdNodedevUndefine(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    return nuvshNodedevSimple(ctl, cmd, nuvshNodedevUndefine,
                              "Undefined node device '%s'\n",
                              "Failed to undefine node device '%s'");
}


static const nuvshCmdOptDef opts_nodedev_start[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { NULL },
};

static bool
cmdNodedevStart(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    return nuvshNodedevSimple(ctl, cmd, nuvshNodedevStart,
                              "Device %s started\n", "Failed to start device %s");
}


static const nuvshCmdOptDef opts_nodedev_reattach[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { NULL },
};

static bool
cmdNodedevReattach(nuvshControl *ctl,
                   const nuvshCmd *cmd)
{
    return nuvshNodedevSimple(ctl, cmd, virNodeDeviceReAttach,
                              "Device %s re-attached\n", "Failed to re-attach device %s");
}


static const nuvshCmdOptDef opts_nodedev_reset[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { NULL },
};

static bool
cmdNodedevReset(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    return nuvshNodedevSimple(ctl, cmd, virNodeDeviceReset,
                              "Device %s reset\n", "Failed to reset device %s");
}


static const nuvshCmdOptDef opts_nodedev_detach[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { "driver", NUVSH_OT_STRING, 0, "host driver to bind the device to for assignment" },
    { NULL },
};

static bool
cmdNodedevDetach(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    const char *name = NULL;
    const char *driver = NULL;
    int rc;

    if (nuvshCommandOptStringReq(ctl, cmd, "device", &name) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "driver", &driver) < 0)
        return false;
    if (!(dev = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;

    if (driver)
        rc = virNodeDeviceDetachFlags(dev, driver, 0);
    else
        rc = virNodeDeviceDettach(dev);
    if (rc < 0) {
        nuvshError(ctl, "Failed to detach device %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Device %s detached\n", name);
    return true;
}


static const nuvshCmdOptDef opts_nodedev_autostart[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { "disable", NUVSH_OT_BOOL, 0, "turn autostart off" },
    { NULL },
};

static bool
cmdNodedevAutostart(nuvshControl *ctl,
                    const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    const char *name = NULL;
    bool autostart = !nuvshCommandOptBool(cmd, "disable");

    if (nuvshCommandOptStringReq(ctl, cmd, "device", &name) < 0)
        return false;
    if (!(dev = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;

    if (virNodeDeviceSetAutostart(dev, autostart) < 0) {
        if (autostart)
            nuvshError(ctl, "failed to mark device %s as autostarted", name);
        else
            nuvshError(ctl, "failed to unmark device %s as autostarted", name);
        return false;
    }

    if (autostart)
        nuvshPrintExtra(ctl, "Device %s marked as autostarted\n", name);
    else
        nuvshPrintExtra(ctl, "Device %s unmarked as autostarted\n", name);
    return true;
}


static const nuvshCmdOptDef opts_nodedev_dumpxml[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdNodedevDumpxml(nuvshControl *ctl,
                  const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    g_autofree char *xml = NULL;

    if (!(dev = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;
    if (!(xml = virNodeDeviceGetXMLDesc(dev, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_nodedev_info[] = {
    { "device", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "node device name, or WWNN,WWPN of a SCSI host" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNodedevInfo(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshNodeDevice) dev = NULL;
    const char *parent;
    int autostart = 0;
    int rc;

    if (!(dev = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;

    parent = virNodeDeviceGetParent(dev);
    nuvshResetLibvirtError(ctl);
    if (nuvshJSONWanted(cmd)) {
        json_object *doc = json_object_new_object();

        nuvshJSONStr(doc, "name", virNodeDeviceGetName(dev));
        nuvshJSONStr(doc, "parent", parent);
        nuvshJSONTristate(doc, "active", virNodeDeviceIsActive(dev));
        nuvshJSONTristate(doc, "persistent", virNodeDeviceIsPersistent(dev));
        /* null: the driver cannot tell (the text's "no autostart") */
        rc = virNodeDeviceGetAutostart(dev, &autostart);
        nuvshResetLibvirtError(ctl);
        nuvshJSONTristate(doc, "autostart", rc < 0 ? -1 : autostart);
        return nuvshJSONPrint(ctl, doc);
    }
    nuvshPrint(ctl, "%-15s %s\n", "Name:", virNodeDeviceGetName(dev));
    nuvshPrint(ctl, "%-15s %s\n", "Parent:", parent ? parent : "");
    nuvshPrint(ctl, "%-15s %s\n", "Active:", virNodeDeviceIsActive(dev) == 1 ? "yes" : "no");
    nuvshPrint(ctl, "%-15s %s\n", "Persistent:",
               virNodeDeviceIsPersistent(dev) == 1 ? "yes" : "no");
    rc = virNodeDeviceGetAutostart(dev, &autostart);
    nuvshResetLibvirtError(ctl);
    if (rc < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    return true;
}


/* ---- list ------------------------------------------------------------ */

typedef struct {
    char *name;
    char *parent;       /* NULL for a root */
} nuvshNodedevEntry;


static void
nuvshNodedevEntryFree(nuvshNodedevEntry *e)
{
    g_free(e->name);
    g_free(e->parent);
    g_free(e);
}


static gint
nuvshNodedevEntryCompare(gconstpointer a,
                         gconstpointer b)
{
    const nuvshNodedevEntry *ea = *(nuvshNodedevEntry *const *) a;
    const nuvshNodedevEntry *eb = *(nuvshNodedevEntry *const *) b;

    return strcmp(ea->name, eb->name);
}


static const nuvshCmdOptDef opts_nodedev_list[] = {
    { "tree", NUVSH_OT_BOOL, 0, "print the objects as a tree" },
    { "cap", NUVSH_OT_STRING, 0, "only devices with these comma separated capabilities" },
    { "inactive", NUVSH_OT_BOOL, 0, "list inactive objects only" },
    { "all", NUVSH_OT_BOOL, 0, "list active and inactive objects" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdNodedevList(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    static const char *const capnames[] = {
        "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target",
        "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types",
        "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd",
    };
    g_autoptr(GPtrArray) devs = g_ptr_array_new_with_free_func((GDestroyNotify) nuvshNodedevEntryFree);
    virNodeDevicePtr *list = NULL;
    const char *caps = NULL;
    bool tree = nuvshCommandOptBool(cmd, "tree");
    unsigned int flags = 0;
    int n;
    guint i;

    if (nuvshCommandOptStringReq(ctl, cmd, "cap", &caps) < 0)
        return false;
    if (tree && caps) {
        nuvshError(ctl, "%s", "Options --tree and --cap are incompatible");
        return false;
    }
    if (!nuvshCommandOptExclusive(ctl, cmd, "all", "inactive"))
        return false;

    if (caps) {
        g_auto(GStrv) words = g_strsplit(caps, ",", 0);

        for (i = 0; words[i]; i++) {
            size_t j;

            for (j = 0; j < G_N_ELEMENTS(capnames); j++) {
                if (g_str_equal(words[i], capnames[j]))
                    break;
            }
            if (j == G_N_ELEMENTS(capnames)) {
                nuvshError(ctl, "Invalid capability type '%s'", words[i]);
                return false;
            }
            flags |= 1U << j;
        }
    }

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    else if (!nuvshCommandOptBool(cmd, "all"))
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;

    if ((n = virConnectListAllNodeDevices(ctl->conn, &list, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list node devices");
        return false;
    }

    for (i = 0; i < (guint) n; i++) {
        nuvshNodedevEntry *e = g_new0(nuvshNodedevEntry, 1);
        const char *parent = virNodeDeviceGetParent(list[i]);

        e->name = g_strdup(virNodeDeviceGetName(list[i]));
        e->parent = g_strdup(parent);
        g_ptr_array_add(devs, e);
        virNodeDeviceFree(list[i]);
    }
    g_free(list);
    nuvshResetLibvirtError(ctl);
    g_ptr_array_sort(devs, nuvshNodedevEntryCompare);

    /* --json: each device with its parent, which is what --tree draws */
    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        for (i = 0; i < devs->len; i++) {
            const nuvshNodedevEntry *e = g_ptr_array_index(devs, i);
            json_object *row = nuvshJSONRow(arr);

            nuvshJSONStr(row, "name", e->name);
            nuvshJSONStr(row, "parent", e->parent);
        }
        return nuvshJSONPrint(ctl, arr);
    }

    if (tree) {
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        g_autoptr(GPtrArray) parents = g_ptr_array_new();

        for (i = 0; i < devs->len; i++) {
            const nuvshNodedevEntry *e = g_ptr_array_index(devs, i);

            g_ptr_array_add(names, e->name);
            g_ptr_array_add(parents, e->parent);
        }
        nuvshTreePrint(ctl, names, parents);
        return true;
    }

    for (i = 0; i < devs->len; i++)
        nuvshPrint(ctl, "%s\n", ((nuvshNodedevEntry *) g_ptr_array_index(devs, i))->name);
    return true;
}


/* ---- events ---------------------------------------------------------- */

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    int count;
} nuvshNodedevEventData;


static void
nuvshNodedevEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                             virNodeDevicePtr dev,
                             int event,
                             int detail G_GNUC_UNUSED,
                             void *opaque)
{
    static const char *const events[] = { "Created", "Deleted", "Defined", "Undefined" };
    nuvshNodedevEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'lifecycle' for node device %s: %s\n", virNodeDeviceGetName(dev),
               event >= 0 && event < (int) G_N_ELEMENTS(events) ? events[event] : "unknown");
    data->count++;
}


static void
nuvshNodedevEventOther(virConnectPtr conn G_GNUC_UNUSED,
                         virNodeDevicePtr dev,
                         void *opaque)
{
    nuvshNodedevEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'update' for node device %s\n", virNodeDeviceGetName(dev));
    data->count++;
}


static const nuvshCmdOptDef opts_nodedev_event[] = {
    { "device", NUVSH_OT_STRING, 0, "node device name, or WWNN,WWPN of a SCSI host" },
    { "event", NUVSH_OT_STRING, 0, "which event to wait for" },
    { "loop", NUVSH_OT_BOOL, 0,
      "keep waiting for more events instead of stopping after the first" },
    { "timeout", NUVSH_OT_INT, 0, "give up after this many seconds" },
    { "list", NUVSH_OT_BOOL, 0, "list the known event names" },
    { "timestamp", NUVSH_OT_BOOL, 0, "print the time before each event" },
    { NULL },
};

static bool
cmdNodedevEvent(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    nuvshNodedevEventData data = { ctl, cmd, 0 };
    virNodeDevicePtr obj = NULL;
    const char *eventname = NULL;
    int id;
    bool ret;

    if (nuvshCommandOptBool(cmd, "list")) {
        nuvshPrint(ctl, "%s\n%s\n", "lifecycle", "update");
        return true;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "event", &eventname) < 0)
        return false;
    if (!eventname) {
        nuvshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    if (!g_str_equal(eventname, "lifecycle") && !g_str_equal(eventname, "update")) {
        nuvshError(ctl, "unknown event type %s", eventname);
        return false;
    }
    if (nuvshCommandOptString(cmd, "device") && !(obj = nuvshCommandOptNodeDevice(ctl, cmd, NULL)))
        return false;

    if (g_str_equal(eventname, "lifecycle"))
        id = virConnectNodeDeviceEventRegisterAny(ctl->conn, obj, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                     NUVSH_CB(virConnectNodeDeviceEventGenericCallback, nuvshNodedevEventLifecycle), &data, NULL);
    else
        id = virConnectNodeDeviceEventRegisterAny(ctl->conn, obj, VIR_NODE_DEVICE_EVENT_ID_UPDATE,
                     NUVSH_CB(virConnectNodeDeviceEventGenericCallback, nuvshNodedevEventOther), &data, NULL);
    if (id < 0) {
        if (obj)
            virNodeDeviceFree(obj);
        return false;
    }

    ret = nuvshEventWait(ctl, cmd, &data.count);
    virConnectNodeDeviceEventDeregisterAny(ctl->conn, id);
    if (obj)
        virNodeDeviceFree(obj);
    return ret;
}


const nuvshCmdDef nuvshNodeDeviceCmds[] = {
    { "nodedev-create", cmdNodedevCreate, opts_nodedev_create,
      "create a host device from an XML file",
      "" },
    { "nodedev-destroy", cmdNodedevDestroy, opts_nodedev_destroy,
      "remove a host device created earlier",
      "" },
    { "nodedev-detach", cmdNodedevDetach, opts_nodedev_detach,
      "detach a host device from its driver",
      "" },
    { "nodedev-dumpxml", cmdNodedevDumpxml, opts_nodedev_dumpxml,
      "print a host device's XML",
      "" },
    { "nodedev-list", cmdNodedevList, opts_nodedev_list,
      "list host devices",
      "" },
    { "nodedev-reattach", cmdNodedevReattach, opts_nodedev_reattach,
      "give a host device back to its driver",
      "" },
    { "nodedev-reset", cmdNodedevReset, opts_nodedev_reset,
      "reset a host device",
      "" },
    { "nodedev-define", cmdNodedevDefine, opts_nodedev_define,
      "define a persistent host device from an XML file",
      "" },
    { "nodedev-undefine", cmdNodedevUndefine, opts_nodedev_undefine,
      "remove a host device's persistent definition",
      "" },
    { "nodedev-start", cmdNodedevStart, opts_nodedev_start,
      "start a defined host device",
      "" },
    { "nodedev-autostart", cmdNodedevAutostart, opts_nodedev_autostart,
      "choose whether a host device starts with the host",
      "" },
    { "nodedev-info", cmdNodedevInfo, opts_nodedev_info,
      "show basic facts about a host device",
      "" },
    { "nodedev-event", cmdNodedevEvent, opts_nodedev_event,
      "wait for node device events and print them",
      "" },
    { NULL },
};
