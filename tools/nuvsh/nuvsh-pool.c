/*
 * nuvsh-pool.c: commands on storage pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nuvsh.h"


/* virStoragePoolState as the words virsh prints */
static const char *
nuvshPoolStateToString(int state)
{
    switch ((virStoragePoolState) state) {
    case VIR_STORAGE_POOL_INACTIVE: return "inactive";
    case VIR_STORAGE_POOL_BUILDING: return "building";
    case VIR_STORAGE_POOL_RUNNING: return "running";
    case VIR_STORAGE_POOL_DEGRADED: return "degraded";
    case VIR_STORAGE_POOL_INACCESSIBLE: return "inaccessible";
    case VIR_STORAGE_POOL_STATE_LAST: break;
    }
    return "unknown";
}


/* VIR_STORAGE_POOL_BUILD_* from --overwrite / --no-overwrite */
static bool
nuvshPoolBuildFlags(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    unsigned int *flags)
{
    if (!nuvshCommandOptExclusive(ctl, cmd, "overwrite", "no-overwrite"))
        return false;
    *flags = 0;
    if (nuvshCommandOptBool(cmd, "overwrite"))
        *flags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    if (nuvshCommandOptBool(cmd, "no-overwrite"))
        *flags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    return true;
}


/* ---- create, define (from XML or from options) ----------------------- */

static const nuvshCmdOptDef opts_pool_create[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the pool XML" },
    { "build", NUVSH_OT_BOOL, 0, "build the pool before starting it" },
    { "no-overwrite", NUVSH_OT_BOOL, 0, "fail rather than replace existing data" },
    { "overwrite", NUVSH_OT_BOOL, 0, "replace existing data" },
    { NULL },
};

static bool
cmdPoolCreate(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (!nuvshPoolBuildFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptBool(cmd, "build") || flags) {
        if (flags & VIR_STORAGE_POOL_BUILD_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
        else if (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
        else
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(pool = virStoragePoolCreateXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to create pool from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Pool %s created from %s\n", virStoragePoolGetName(pool), file);
    return true;
}


static const nuvshCmdOptDef opts_pool_define[] = {
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the pool XML" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdPoolDefine(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_POOL_DEFINE_VALIDATE;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(pool = virStoragePoolDefineXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to define pool from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Pool %s defined from %s\n", virStoragePoolGetName(pool), file);
    return true;
}


/* The pool XML that pool-create-as and pool-define-as describe with
 * options; NULL after printing why. */
static char *
nuvshPoolXMLFromOptions(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        const char **name)
{
    static const char *const strs[] = {
        "name", "type", "source-host", "source-path", "source-dev", "source-name",
        "target", "source-format", "auth-type", "auth-username", "secret-usage",
        "secret-uuid", "adapter-name", "adapter-wwnn", "adapter-wwpn", "adapter-parent",
        "adapter-parent-wwnn", "adapter-parent-wwpn", "adapter-parent-fabric-wwn",
        "source-protocol-ver", "source-initiator",
    };
    const char *v[G_N_ELEMENTS(strs)] = { NULL };
    g_autoptr(GString) xml = g_string_new(NULL);
    bool source = false;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(strs); i++) {
        if (nuvshCommandOptStringReq(ctl, cmd, strs[i], &v[i]) < 0)
            return NULL;
        if (i >= 2 && i != 6 && v[i])
            source = true;
    }
    *name = v[0];

    if ((v[8] && !v[9]) || (!v[8] && v[9])) {
        nuvshError(ctl, "%s", "Both --auth-type and --auth-username must be specified");
        return NULL;
    }
    if (v[10] && v[11]) {
        nuvshError(ctl, "%s", "Options --secret-usage and --secret-uuid are mutually exclusive");
        return NULL;
    }

    g_string_append_printf(xml, "<pool type='%s'>\n", v[1]);
    g_string_append_printf(xml, "  <name>%s</name>\n", v[0]);
    if (source) {
        g_string_append(xml, "  <source>\n");
        if (v[2]) {
            g_auto(GStrv) hp = g_strsplit(v[2], ":", 2);

            if (hp[1])
                g_string_append_printf(xml, "    <host name='%s' port='%s'/>\n", hp[0], hp[1]);
            else
                g_string_append_printf(xml, "    <host name='%s'/>\n", hp[0]);
        }
        if (v[20])
            g_string_append_printf(xml, "    <initiator>\n      <iqn name='%s'/>\n"
                                   "    </initiator>\n", v[20]);
        if (v[3])
            g_string_append_printf(xml, "    <dir path='%s'/>\n", v[3]);
        if (v[4])
            g_string_append_printf(xml, "    <device path='%s'/>\n", v[4]);
        if (v[12]) {
            g_string_append_printf(xml, "    <adapter type='scsi_host' name='%s'/>\n", v[12]);
        } else if (v[13] && v[14]) {
            g_string_append_printf(xml, "    <adapter type='fc_host' wwnn='%s' wwpn='%s'",
                                   v[13], v[14]);
            if (v[15])
                g_string_append_printf(xml, " parent='%s'", v[15]);
            g_string_append(xml, "/>\n");
        }
        if (v[8]) {
            g_string_append_printf(xml, "    <auth type='%s' username='%s'>\n", v[8], v[9]);
            if (v[10])
                g_string_append_printf(xml, "      <secret usage='%s'/>\n", v[10]);
            else if (v[11])
                g_string_append_printf(xml, "      <secret uuid='%s'/>\n", v[11]);
            g_string_append(xml, "    </auth>\n");
        }
        if (v[7])
            g_string_append_printf(xml, "    <format type='%s'/>\n", v[7]);
        if (v[5])
            g_string_append_printf(xml, "    <name>%s</name>\n", v[5]);
        if (v[19])
            g_string_append_printf(xml, "    <protocol ver='%s'/>\n", v[19]);
        g_string_append(xml, "  </source>\n");
    }
    if (v[6])
        g_string_append_printf(xml, "  <target>\n    <path>%s</path>\n  </target>\n", v[6]);
    g_string_append(xml, "</pool>\n");

    return g_string_free(g_steal_pointer(&xml), FALSE);
}


static const nuvshCmdOptDef opts_pool_create_as[] = {
    { "name", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the new pool" },
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "pool type: dir, fs, netfs, logical, disk, iscsi, ..." },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "source-host", NUVSH_OT_STRING, 0, "source host name" },
    { "source-path", NUVSH_OT_STRING, 0, "source path" },
    { "source-dev", NUVSH_OT_STRING, 0, "source device" },
    { "source-name", NUVSH_OT_STRING, 0, "source name" },
    { "target", NUVSH_OT_STRING, 0, "target path of the pool" },
    { "source-format", NUVSH_OT_STRING, 0, "source format" },
    { "auth-type", NUVSH_OT_STRING, 0, "auth type" },
    { "auth-username", NUVSH_OT_STRING, 0, "auth username" },
    { "secret-usage", NUVSH_OT_STRING, 0, "secret usage" },
    { "secret-uuid", NUVSH_OT_STRING, 0, "secret uuid" },
    { "adapter-name", NUVSH_OT_STRING, 0, "adapter name" },
    { "adapter-wwnn", NUVSH_OT_STRING, 0, "adapter wwnn" },
    { "adapter-wwpn", NUVSH_OT_STRING, 0, "adapter wwpn" },
    { "adapter-parent", NUVSH_OT_STRING, 0, "adapter parent" },
    { "adapter-parent-wwnn", NUVSH_OT_STRING, 0, "adapter parent wwnn" },
    { "adapter-parent-wwpn", NUVSH_OT_STRING, 0, "adapter parent wwpn" },
    { "adapter-parent-fabric-wwn", NUVSH_OT_STRING, 0, "adapter parent fabric wwn" },
    { "source-protocol-ver", NUVSH_OT_STRING, 0, "source protocol ver" },
    { "source-initiator", NUVSH_OT_STRING, 0, "source initiator" },
    { "build", NUVSH_OT_BOOL, 0, "build the pool before starting it" },
    { "no-overwrite", NUVSH_OT_BOOL, 0, "fail rather than replace existing data" },
    { "overwrite", NUVSH_OT_BOOL, 0, "replace existing data" },
    { NULL },
};

static bool
cmdPoolCreateAs(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!nuvshPoolBuildFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptBool(cmd, "build") || flags) {
        if (flags & VIR_STORAGE_POOL_BUILD_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
        else if (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
        else
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    }
    if (!(xml = nuvshPoolXMLFromOptions(ctl, cmd, &name)))
        return false;

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }

    if (!(pool = virStoragePoolCreateXML(ctl->conn, xml, flags))) {
        nuvshError(ctl, "Failed to create pool %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Pool %s created\n", name);
    return true;
}


static const nuvshCmdOptDef opts_pool_define_as[] = {
    { "name", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the new pool" },
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "pool type: dir, fs, netfs, logical, disk, iscsi, ..." },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { "source-host", NUVSH_OT_STRING, 0, "source host name" },
    { "source-path", NUVSH_OT_STRING, 0, "source path" },
    { "source-dev", NUVSH_OT_STRING, 0, "source device" },
    { "source-name", NUVSH_OT_STRING, 0, "source name" },
    { "target", NUVSH_OT_STRING, 0, "target path of the pool" },
    { "source-format", NUVSH_OT_STRING, 0, "source format" },
    { "auth-type", NUVSH_OT_STRING, 0, "auth type" },
    { "auth-username", NUVSH_OT_STRING, 0, "auth username" },
    { "secret-usage", NUVSH_OT_STRING, 0, "secret usage" },
    { "secret-uuid", NUVSH_OT_STRING, 0, "secret uuid" },
    { "adapter-name", NUVSH_OT_STRING, 0, "adapter name" },
    { "adapter-wwnn", NUVSH_OT_STRING, 0, "adapter wwnn" },
    { "adapter-wwpn", NUVSH_OT_STRING, 0, "adapter wwpn" },
    { "adapter-parent", NUVSH_OT_STRING, 0, "adapter parent" },
    { "adapter-parent-wwnn", NUVSH_OT_STRING, 0, "adapter parent wwnn" },
    { "adapter-parent-wwpn", NUVSH_OT_STRING, 0, "adapter parent wwpn" },
    { "adapter-parent-fabric-wwn", NUVSH_OT_STRING, 0, "adapter parent fabric wwn" },
    { "source-protocol-ver", NUVSH_OT_STRING, 0, "source protocol ver" },
    { "source-initiator", NUVSH_OT_STRING, 0, "source initiator" },
    { NULL },
};

static bool
cmdPoolDefineAs(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;

    if (!(xml = nuvshPoolXMLFromOptions(ctl, cmd, &name)))
        return false;

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }

    if (!(pool = virStoragePoolDefineXML(ctl->conn, xml, 0))) {
        nuvshError(ctl, "Failed to define pool %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Pool %s defined\n", name);
    return true;
}


/* ---- simple state changes -------------------------------------------- */

static bool
nuvshPoolSimple(nuvshControl *ctl,
                const nuvshCmd *cmd,
                int (*fn)(virStoragePoolPtr pool, unsigned int flags),
                unsigned int flags,
                const char *okfmt,
                const char *failfmt)
{
    g_autoptr(nuvshPool) pool = NULL;
    const char *name;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, &name)))
        return false;

    if (fn(pool, flags) < 0) {
        nuvshError(ctl, failfmt, name);
        return false;
    }

    nuvshPrintExtra(ctl, okfmt, name);
    return true;
}


static int
nuvshPoolDestroyFlags(virStoragePoolPtr pool,
                      unsigned int flags G_GNUC_UNUSED)
{
    return virStoragePoolDestroy(pool);
}


static int
nuvshPoolUndefineFlags(virStoragePoolPtr pool,
                       unsigned int flags G_GNUC_UNUSED)
{
    return virStoragePoolUndefine(pool);
}


static const nuvshCmdOptDef opts_pool_build[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "no-overwrite", NUVSH_OT_BOOL, 0, "do not overwrite existing data" },
    { "overwrite", NUVSH_OT_BOOL, 0, "overwrite existing data" },
    { NULL },
};

static bool
cmdPoolBuild(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    unsigned int flags;

    if (!nuvshPoolBuildFlags(ctl, cmd, &flags))
        return false;
    return nuvshPoolSimple(ctl, cmd, virStoragePoolBuild, flags,
                           "Pool %s built\n", "Failed to build pool %s");
}


static const nuvshCmdOptDef opts_pool_delete[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolDelete(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    return nuvshPoolSimple(ctl, cmd, virStoragePoolDelete, 0,
                           "Pool %s deleted\n", "Failed to delete pool %s");
}


static const nuvshCmdOptDef opts_pool_destroy[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolDestroy(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    return nuvshPoolSimple(ctl, cmd, nuvshPoolDestroyFlags, 0,
                           "Pool %s destroyed\n", "Failed to destroy pool %s");
}


static const nuvshCmdOptDef opts_pool_refresh[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolRefresh(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    return nuvshPoolSimple(ctl, cmd, virStoragePoolRefresh, 0,
                           "Pool %s refreshed\n", "Failed to refresh pool %s");
}


static const nuvshCmdOptDef opts_pool_start[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "build", NUVSH_OT_BOOL, 0, "build the pool before starting it" },
    { "no-overwrite", NUVSH_OT_BOOL, 0, "fail rather than replace existing data" },
    { "overwrite", NUVSH_OT_BOOL, 0, "replace existing data" },
    { NULL },
};

static bool
cmdPoolStart(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    unsigned int flags = 0;

    if (!nuvshPoolBuildFlags(ctl, cmd, &flags))
        return false;
    if (nuvshCommandOptBool(cmd, "build") || flags) {
        if (flags & VIR_STORAGE_POOL_BUILD_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
        else if (flags & VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
        else
            flags = VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    }
    return nuvshPoolSimple(ctl, cmd, virStoragePoolCreate, flags,
                           "Pool %s started\n", "Failed to start pool %s");
}


static const nuvshCmdOptDef opts_pool_undefine[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolUndefine(nuvshControl *ctl,
                const nuvshCmd *cmd)
{
    return nuvshPoolSimple(ctl, cmd, nuvshPoolUndefineFlags, 0,
                           "Pool %s has been undefined\n", "Failed to undefine pool %s");
}


static const nuvshCmdOptDef opts_pool_autostart[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "disable", NUVSH_OT_BOOL, 0, "turn autostart off" },
    { NULL },
};

static bool
cmdPoolAutostart(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    const char *name;
    bool autostart = !nuvshCommandOptBool(cmd, "disable");

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, &name)))
        return false;

    if (virStoragePoolSetAutostart(pool, autostart) < 0) {
        if (autostart)
            nuvshError(ctl, "failed to mark pool %s as autostarted", name);
        else
            nuvshError(ctl, "failed to unmark pool %s as autostarted", name);
        return false;
    }

    if (autostart)
        nuvshPrintExtra(ctl, "Pool %s marked as autostarted\n", name);
    else
        nuvshPrintExtra(ctl, "Pool %s unmarked as autostarted\n", name);
    return true;
}


/* ---- dumpxml, edit --------------------------------------------------- */

static const nuvshCmdOptDef opts_pool_dumpxml[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "inactive", NUVSH_OT_BOOL, 0, "show the definition used at the next start" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdPoolDumpxml(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags |= VIR_STORAGE_XML_INACTIVE;
    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    if (!(xml = virStoragePoolGetXMLDesc(pool, flags)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static bool
nuvshPoolEditDefine(nuvshControl *ctl,
                    const char *xml,
                    void *opaque G_GNUC_UNUSED)
{
    g_autoptr(nuvshPool) pool = virStoragePoolDefineXML(ctl->conn, xml, 0);

    return pool != NULL;
}


static const nuvshCmdOptDef opts_pool_edit[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolEdit(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *name = NULL;
    int rc;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    name = g_strdup(virStoragePoolGetName(pool));
    if (!(xml = virStoragePoolGetXMLDesc(pool, VIR_STORAGE_XML_INACTIVE)))
        return false;

    if ((rc = nuvshEditXMLLoop(ctl, xml, nuvshPoolEditDefine, NULL, NULL)) < 0)
        return false;

    if (rc == 0)
        nuvshPrintExtra(ctl, "Pool %s XML configuration not changed.\n", name);
    else
        nuvshPrintExtra(ctl, "Pool %s XML configuration edited.\n", name);
    return true;
}


/* ---- info, list, name, uuid ------------------------------------------ */

static void
nuvshPoolPrintSize(nuvshControl *ctl,
                   const char *label,
                   unsigned long long bytes,
                   bool raw)
{
    const char *unit;

    if (raw) {
        nuvshPrint(ctl, "%-15s %llu\n", label, bytes);
    } else {
        double val = nuvshPrettyCapacityValue(bytes, &unit);

        nuvshPrint(ctl, "%-15s %2.2lf %s\n", label, val, unit);
    }
}


static const nuvshCmdOptDef opts_pool_info[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "bytes", NUVSH_OT_BOOL, 0, "print sizes in bytes, without units" },
    NUVSH_OPT_JSON,
    { NULL },
};


/* The facts pool-info and pool-list --details show, sizes in bytes (null
 * while the pool is not running); pool-info and pool-list share the shape. */
static json_object *
nuvshPoolJSON(nuvshControl *ctl,
              virStoragePoolPtr pool)
{
    json_object *obj = json_object_new_object();
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int persistent = virStoragePoolIsPersistent(pool);
    int autostart = 0;
    bool ok = virStoragePoolGetInfo(pool, &info) == 0;
    bool running = ok && (info.state == VIR_STORAGE_POOL_RUNNING ||
                          info.state == VIR_STORAGE_POOL_DEGRADED);

    nuvshJSONStr(obj, "name", virStoragePoolGetName(pool));
    nuvshJSONStr(obj, "uuid", virStoragePoolGetUUIDString(pool, uuid) == 0 ? uuid : NULL);
    nuvshJSONStr(obj, "state", ok ? nuvshPoolStateToString(info.state) : NULL);
    nuvshJSONTristate(obj, "persistent", persistent);
    if (virStoragePoolGetAutostart(pool, &autostart) < 0)
        nuvshJSONNull(obj, "autostart");
    else
        nuvshJSONBool(obj, "autostart", autostart);
    if (running) {
        nuvshJSONUInt(obj, "capacity", info.capacity);
        nuvshJSONUInt(obj, "allocation", info.allocation);
        nuvshJSONUInt(obj, "available", info.available);
    } else {
        nuvshJSONNull(obj, "capacity");
        nuvshJSONNull(obj, "allocation");
        nuvshJSONNull(obj, "available");
    }
    nuvshResetLibvirtError(ctl);
    return obj;
}

static bool
cmdPoolInfo(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool raw = nuvshCommandOptBool(cmd, "bytes");
    int persistent;
    int autostart = 0;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    if (nuvshJSONWanted(cmd))
        return nuvshJSONPrint(ctl, nuvshPoolJSON(ctl, pool));

    nuvshPrint(ctl, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        nuvshPrint(ctl, "%-15s %s\n", "UUID:", uuid);

    if (virStoragePoolGetInfo(pool, &info) < 0)
        return false;

    nuvshPrint(ctl, "%-15s %s\n", "State:", nuvshPoolStateToString(info.state));

    persistent = virStoragePoolIsPersistent(pool);
    if (persistent < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", "unknown");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Persistent:", persistent ? "yes" : "no");

    if (virStoragePoolGetAutostart(pool, &autostart) < 0)
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", "no autostart");
    else
        nuvshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");

    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        nuvshPoolPrintSize(ctl, "Capacity:", info.capacity, raw);
        nuvshPoolPrintSize(ctl, "Allocation:", info.allocation, raw);
        nuvshPoolPrintSize(ctl, "Available:", info.available, raw);
    }
    return true;
}


static gint
nuvshPoolCompare(gconstpointer a,
                 gconstpointer b)
{
    return strcmp(virStoragePoolGetName(*(virStoragePoolPtr const *) a),
                  virStoragePoolGetName(*(virStoragePoolPtr const *) b));
}


/* --type words to VIR_CONNECT_LIST_STORAGE_POOLS_* flags */
static bool
nuvshPoolTypeFlags(nuvshControl *ctl,
                   const char *types,
                   unsigned int *flags)
{
    static const struct {
        const char *name;
        unsigned int flag;
    } map[] = {
        { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
        { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
        { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
        { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
        { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
        { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
        { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
        { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
        { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
        { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
        { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
        { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
        { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
        { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
    };
    g_auto(GStrv) words = g_strsplit(types, ",", 0);
    size_t i;
    size_t j;

    for (i = 0; words[i]; i++) {
        for (j = 0; j < G_N_ELEMENTS(map); j++) {
            if (g_str_equal(words[i], map[j].name))
                break;
        }
        if (j == G_N_ELEMENTS(map)) {
            nuvshError(ctl, "Invalid pool type '%s'", words[i]);
            return false;
        }
        *flags |= map[j].flag;
    }
    return true;
}


static const nuvshCmdOptDef opts_pool_list[] = {
    { "inactive", NUVSH_OT_BOOL, 0, "list inactive objects only" },
    { "all", NUVSH_OT_BOOL, 0, "list active and inactive objects" },
    { "transient", NUVSH_OT_BOOL, 0, "list transient objects only" },
    { "persistent", NUVSH_OT_BOOL, 0, "list persistent objects only" },
    { "autostart", NUVSH_OT_BOOL, 0, "list objects that start with the host" },
    { "no-autostart", NUVSH_OT_BOOL, 0, "list objects that do not start with the host" },
    { "type", NUVSH_OT_STRING, 0, "only pools of these comma separated types" },
    { "details", NUVSH_OT_BOOL, 0, "add columns with more detail" },
    { "uuid", NUVSH_OT_BOOL, 0, "print UUIDs only" },
    { "name", NUVSH_OT_BOOL, 0, "print names only" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdPoolList(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    bool details = nuvshCommandOptBool(cmd, "details");
    bool optname = nuvshCommandOptBool(cmd, "name");
    bool optuuid = nuvshCommandOptBool(cmd, "uuid");
    g_autoptr(nuvshTable) table = NULL;
    virStoragePoolPtr *pools = NULL;
    unsigned int flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    const char *types = NULL;
    int n;
    int i;

    if (nuvshCommandOptBool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (nuvshCommandOptBool(cmd, "all"))
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (nuvshCommandOptBool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (nuvshCommandOptBool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
    if (nuvshCommandOptBool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (nuvshCommandOptBool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (nuvshCommandOptStringReq(ctl, cmd, "type", &types) < 0)
        return false;
    if (types && !nuvshPoolTypeFlags(ctl, types, &flags))
        return false;

    if (!nuvshCommandOptExclusive(ctl, cmd, "details", "uuid") ||
        !nuvshCommandOptExclusive(ctl, cmd, "details", "name"))
        return false;

    if ((n = virConnectListAllStoragePools(ctl->conn, &pools, flags)) < 0) {
        nuvshError(ctl, "%s", "Failed to list pools");
        return false;
    }
    qsort(pools, n, sizeof(*pools), (int (*)(const void *, const void *)) nuvshPoolCompare);

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        for (i = 0; i < n; i++) {
            json_object_array_add(arr, nuvshPoolJSON(ctl, pools[i]));
            virStoragePoolFree(pools[i]);
        }
        g_free(pools);
        return nuvshJSONPrint(ctl, arr);
    }

    if (!optname && !optuuid) {
        if (details)
            table = nuvshTableNew("Name", "State", "Autostart", "Persistent", "Capacity",
                                  "Allocation", "Available", NULL);
        else
            table = nuvshTableNew("Name", "State", "Autostart", NULL);
    }

    for (i = 0; i < n; i++) {
        virStoragePoolInfo info;
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        int autostart = 0;
        const char *autostr;
        const char *state;
        bool ok = virStoragePoolGetInfo(pools[i], &info) == 0;

        virStoragePoolGetUUIDString(pools[i], uuid);
        if (optname || optuuid) {
            if (optuuid && optname)
                nuvshPrint(ctl, "%-36s  %-20s\n", uuid, virStoragePoolGetName(pools[i]));
            else if (optuuid)
                nuvshPrint(ctl, "%-36s\n", uuid);
            else
                nuvshPrint(ctl, "%-20s\n", virStoragePoolGetName(pools[i]));
            virStoragePoolFree(pools[i]);
            continue;
        }

        if (virStoragePoolGetAutostart(pools[i], &autostart) < 0)
            autostr = "no autostart";
        else
            autostr = autostart ? "yes" : "no";

        if (details) {
            g_autofree char *cap = NULL;
            g_autofree char *alloc = NULL;
            g_autofree char *avail = NULL;

            state = ok ? nuvshPoolStateToString(info.state) : "unknown";
            if (ok && (info.state == VIR_STORAGE_POOL_RUNNING ||
                       info.state == VIR_STORAGE_POOL_DEGRADED)) {
                const char *unit;
                double val;

                val = nuvshPrettyCapacityValue(info.capacity, &unit);
                cap = g_strdup_printf("%.2lf %s", val, unit);
                val = nuvshPrettyCapacityValue(info.allocation, &unit);
                alloc = g_strdup_printf("%.2lf %s", val, unit);
                val = nuvshPrettyCapacityValue(info.available, &unit);
                avail = g_strdup_printf("%.2lf %s", val, unit);
            }
            nuvshTableAddRow(table, virStoragePoolGetName(pools[i]), state, autostr,
                             virStoragePoolIsPersistent(pools[i]) == 1 ? "yes" : "no",
                             cap ? cap : "-", alloc ? alloc : "-", avail ? avail : "-",
                             NULL);
        } else {
            state = virStoragePoolIsActive(pools[i]) == 1 ? "active" : "inactive";
            nuvshTableAddRow(table, virStoragePoolGetName(pools[i]), state, autostr, NULL);
        }
        virStoragePoolFree(pools[i]);
    }
    g_free(pools);

    if (table)
        nuvshTablePrint(ctl, table, true);
    return true;
}


static const nuvshCmdOptDef opts_pool_name[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolName(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "pool", &str) < 0)
        return false;
    if (!(pool = virStoragePoolLookupByUUIDString(ctl->conn, str))) {
        nuvshError(ctl, "failed to get pool '%s'", str);
        return false;
    }

    nuvshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    return true;
}


static const nuvshCmdOptDef opts_pool_uuid[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdPoolUuid(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    const char *str = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (nuvshCommandOptStringReq(ctl, cmd, "pool", &str) < 0)
        return false;
    if (!(pool = virStoragePoolLookupByName(ctl->conn, str))) {
        nuvshError(ctl, "failed to get pool '%s'", str);
        return false;
    }

    if (virStoragePoolGetUUIDString(pool, uuid) < 0) {
        nuvshError(ctl, "%s", "failed to get pool UUID");
        return false;
    }
    nuvshPrint(ctl, "%s\n", uuid);
    return true;
}


/* ---- sources, capabilities ------------------------------------------- */

static const nuvshCmdOptDef opts_find_storage_pool_sources[] = {
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "pool type to look for" },
    { "srcSpec", NUVSH_OT_STRING, 0,
      "file with an XML source description to narrow the search" },
    { NULL },
};

static bool
cmdFindStoragePoolSources(nuvshControl *ctl,
                          const nuvshCmd *cmd)
{
    g_autofree char *spec = NULL;
    g_autofree char *sources = NULL;
    const char *type = NULL;
    const char *file = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "srcSpec", &file) < 0)
        return false;
    if (file && !(spec = nuvshReadFile(ctl, file)))
        return false;

    if (!(sources = virConnectFindStoragePoolSources(ctl->conn, type, spec, 0))) {
        nuvshError(ctl, "Failed to find any %s pool sources", type);
        return false;
    }

    nuvshPrint(ctl, "%s", sources);
    return true;
}


static const nuvshCmdOptDef opts_find_storage_pool_sources_as[] = {
    { "type", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "pool type to look for" },
    { "host", NUVSH_OT_STRING, 0, "host to query" },
    { "port", NUVSH_OT_STRING, 0, "port on that host" },
    { "initiator", NUVSH_OT_STRING, 0, "iSCSI initiator IQN" },
    { NULL },
};

static bool
cmdFindStoragePoolSourcesAs(nuvshControl *ctl,
                            const nuvshCmd *cmd)
{
    g_autoptr(GString) spec = g_string_new(NULL);
    g_autofree char *sources = NULL;
    const char *type = NULL;
    const char *host = NULL;
    const char *port = NULL;
    const char *initiator = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "type", &type) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "host", &host) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "port", &port) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "initiator", &initiator) < 0)
        return false;

    if (host) {
        g_string_append(spec, "<source>\n");
        if (port)
            g_string_append_printf(spec, "  <host name='%s' port='%s'/>\n", host, port);
        else
            g_string_append_printf(spec, "  <host name='%s'/>\n", host);
        if (initiator)
            g_string_append_printf(spec, "  <initiator>\n    <iqn name='%s'/>\n"
                                   "  </initiator>\n", initiator);
        g_string_append(spec, "</source>\n");
    }

    if (!(sources = virConnectFindStoragePoolSources(ctl->conn, type,
                                                     host ? spec->str : NULL, 0))) {
        nuvshError(ctl, "Failed to find any %s pool sources", type);
        return false;
    }

    nuvshPrint(ctl, "%s", sources);
    return true;
}


/* no options */

static bool
cmdPoolCapabilities(nuvshControl *ctl,
                    const nuvshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetStoragePoolCapabilities(ctl->conn, 0))) {
        nuvshError(ctl, "%s", "failed to get storage pool capabilities");
        return false;
    }

    nuvshPrint(ctl, "%s\n", caps);
    return true;
}


/* ---- events ---------------------------------------------------------- */

typedef struct {
    nuvshControl *ctl;
    const nuvshCmd *cmd;
    int count;
} nuvshPoolEventData;


static void
nuvshPoolEventLifecycle(virConnectPtr conn G_GNUC_UNUSED,
                          virStoragePoolPtr pool,
                          int event,
                          int detail G_GNUC_UNUSED,
                          void *opaque)
{
    static const char *const events[] = { "Defined", "Undefined", "Started", "Stopped", "Created", "Deleted" };
    nuvshPoolEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'lifecycle' for storage pool %s: %s\n", virStoragePoolGetName(pool),
               event >= 0 && event < (int) G_N_ELEMENTS(events) ? events[event] : "unknown");
    data->count++;
}


static void
nuvshPoolEventOther(virConnectPtr conn G_GNUC_UNUSED,
                      virStoragePoolPtr pool,
                      void *opaque)
{
    nuvshPoolEventData *data = opaque;

    nuvshEventPrintPrefix(data->ctl, data->cmd);
    nuvshPrint(data->ctl, "event 'refresh' for storage pool %s\n", virStoragePoolGetName(pool));
    data->count++;
}


static const nuvshCmdOptDef opts_pool_event[] = {
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "event", NUVSH_OT_STRING, 0, "which event to wait for" },
    { "loop", NUVSH_OT_BOOL, 0,
      "keep waiting for more events instead of stopping after the first" },
    { "timeout", NUVSH_OT_INT, 0, "give up after this many seconds" },
    { "list", NUVSH_OT_BOOL, 0, "list the known event names" },
    { "timestamp", NUVSH_OT_BOOL, 0, "print the time before each event" },
    { NULL },
};

static bool
cmdPoolEvent(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    nuvshPoolEventData data = { ctl, cmd, 0 };
    virStoragePoolPtr obj = NULL;
    const char *eventname = NULL;
    int id;
    bool ret;

    if (nuvshCommandOptBool(cmd, "list")) {
        nuvshPrint(ctl, "%s\n%s\n", "lifecycle", "refresh");
        return true;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "event", &eventname) < 0)
        return false;
    if (!eventname) {
        nuvshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    if (!g_str_equal(eventname, "lifecycle") && !g_str_equal(eventname, "refresh")) {
        nuvshError(ctl, "unknown event type %s", eventname);
        return false;
    }
    if (nuvshCommandOptString(cmd, "pool") && !(obj = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;

    if (g_str_equal(eventname, "lifecycle"))
        id = virConnectStoragePoolEventRegisterAny(ctl->conn, obj, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                     NUVSH_CB(virConnectStoragePoolEventGenericCallback, nuvshPoolEventLifecycle), &data, NULL);
    else
        id = virConnectStoragePoolEventRegisterAny(ctl->conn, obj, VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                     NUVSH_CB(virConnectStoragePoolEventGenericCallback, nuvshPoolEventOther), &data, NULL);
    if (id < 0) {
        if (obj)
            virStoragePoolFree(obj);
        return false;
    }

    ret = nuvshEventWait(ctl, cmd, &data.count);
    virConnectStoragePoolEventDeregisterAny(ctl->conn, id);
    if (obj)
        virStoragePoolFree(obj);
    return ret;
}


const nuvshCmdDef nuvshPoolCmds[] = {
    { "find-storage-pool-sources-as", cmdFindStoragePoolSourcesAs, opts_find_storage_pool_sources_as,
      "discover pool sources from options",
      "" },
    { "find-storage-pool-sources", cmdFindStoragePoolSources, opts_find_storage_pool_sources,
      "discover pool sources from an XML file",
      "" },
    { "pool-autostart", cmdPoolAutostart, opts_pool_autostart,
      "choose whether a pool starts with the host",
      "" },
    { "pool-build", cmdPoolBuild, opts_pool_build,
      "build a pool's underlying storage",
      "" },
    { "pool-create-as", cmdPoolCreateAs, opts_pool_create_as,
      "start a transient pool from options",
      "" },
    { "pool-create", cmdPoolCreate, opts_pool_create,
      "start a transient pool from an XML file",
      "" },
    { "pool-define-as", cmdPoolDefineAs, opts_pool_define_as,
      "define a persistent pool from options",
      "" },
    { "pool-define", cmdPoolDefine, opts_pool_define,
      "define a persistent pool from an XML file",
      "" },
    { "pool-delete", cmdPoolDelete, opts_pool_delete,
      "delete a pool's underlying storage",
      "" },
    { "pool-destroy", cmdPoolDestroy, opts_pool_destroy,
      "stop a pool",
      "" },
    { "pool-dumpxml", cmdPoolDumpxml, opts_pool_dumpxml,
      "print a pool's XML",
      "" },
    { "pool-edit", cmdPoolEdit, opts_pool_edit,
      "edit a pool's XML",
      "" },
    { "pool-info", cmdPoolInfo, opts_pool_info,
      "show basic facts about a pool",
      "" },
    { "pool-list", cmdPoolList, opts_pool_list,
      "list storage pools",
      "" },
    { "pool-name", cmdPoolName, opts_pool_name,
      "print a pool's name given its UUID",
      "" },
    { "pool-refresh", cmdPoolRefresh, opts_pool_refresh,
      "rescan a pool's volumes",
      "" },
    { "pool-start", cmdPoolStart, opts_pool_start,
      "start an inactive pool",
      "" },
    { "pool-undefine", cmdPoolUndefine, opts_pool_undefine,
      "remove a pool's persistent definition",
      "" },
    { "pool-uuid", cmdPoolUuid, opts_pool_uuid,
      "print a pool's UUID",
      "" },
    { "pool-capabilities", cmdPoolCapabilities, nuvshOptsNone,
      "print the storage pool capabilities XML",
      "" },
    { "pool-event", cmdPoolEvent, opts_pool_event,
      "wait for pool events and print them",
      "" },
    { NULL },
};
