/*
 * nuvsh-volume.c: commands on storage volumes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nuvsh.h"


static const char *
nuvshVolTypeToString(int type)
{
    switch ((virStorageVolType) type) {
    case VIR_STORAGE_VOL_FILE: return "file";
    case VIR_STORAGE_VOL_BLOCK: return "block";
    case VIR_STORAGE_VOL_DIR: return "dir";
    case VIR_STORAGE_VOL_NETWORK: return "network";
    case VIR_STORAGE_VOL_NETDIR: return "netdir";
    case VIR_STORAGE_VOL_PLOOP: return "ploop";
    case VIR_STORAGE_VOL_LAST: break;
    }
    return "unknown";
}


/* A size with an optional unit, in bytes by default, for volume commands. */
static bool
nuvshVolSize(nuvshControl *ctl,
             const char *str,
             unsigned long long *size)
{
    char *end = NULL;

    errno = 0;
    *size = strtoull(str, &end, 10);
    if (!*str || strchr(str, '-') || errno || end == str ||
        nuvshScaleInteger(ctl, size, end, 1, G_MAXUINT64) < 0) {
        nuvshError(ctl, "Malformed size %s", str);
        return false;
    }
    return true;
}


/* ---- create ---------------------------------------------------------- */

static const nuvshCmdOptDef opts_vol_create_as[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "name", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the new volume" },
    { "capacity", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "capacity, with an optional unit suffix (default bytes)" },
    { "allocation", NUVSH_OT_STRING, 0,
      "initial allocation, with an optional unit suffix (default bytes)" },
    { "format", NUVSH_OT_STRING, 0, "volume format: raw, qcow2, ..." },
    { "backing-vol", NUVSH_OT_STRING, 0, "backing volume" },
    { "backing-vol-format", NUVSH_OT_STRING, 0, "format of the backing volume" },
    { "prealloc-metadata", NUVSH_OT_BOOL, 0, "preallocate metadata only" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { NULL },
};

static bool
cmdVolCreateAs(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autoptr(nuvshVol) vol = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    const char *name = NULL;
    const char *capstr = NULL;
    const char *allocstr = NULL;
    const char *format = NULL;
    const char *backing = NULL;
    const char *backingfmt = NULL;
    unsigned long long capacity;
    unsigned long long allocation;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "name", &name) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "capacity", &capstr) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "allocation", &allocstr) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "format", &format) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "backing-vol", &backing) < 0 ||
        nuvshCommandOptStringReq(ctl, cmd, "backing-vol-format", &backingfmt) < 0)
        return false;

    if (!nuvshVolSize(ctl, capstr, &capacity))
        return false;
    if (allocstr && !nuvshVolSize(ctl, allocstr, &allocation))
        return false;

    g_string_append_printf(xml, "<volume>\n  <name>%s</name>\n", name);
    g_string_append_printf(xml, "  <capacity>%llu</capacity>\n", capacity);
    if (allocstr)
        g_string_append_printf(xml, "  <allocation>%llu</allocation>\n", allocation);
    if (format)
        g_string_append_printf(xml, "  <target>\n    <format type='%s'/>\n  </target>\n",
                               format);

    if (backing) {
        g_autoptr(nuvshVol) bvol = virStorageVolLookupByName(pool, backing);
        g_autofree char *bpath = NULL;

        if (!bvol) {
            nuvshResetLibvirtError(ctl);
            bvol = virStorageVolLookupByKey(ctl->conn, backing);
        }
        if (!bvol) {
            nuvshResetLibvirtError(ctl);
            bvol = virStorageVolLookupByPath(ctl->conn, backing);
        }
        if (!bvol) {
            nuvshResetLibvirtError(ctl);
            nuvshError(ctl, "Couldn't find volume '%s'", backing);
            return false;
        }
        if (!(bpath = virStorageVolGetPath(bvol))) {
            nuvshError(ctl, "Couldn't get backing volume path '%s'", backing);
            return false;
        }
        g_string_append_printf(xml, "  <backingStore>\n    <path>%s</path>\n", bpath);
        if (backingfmt)
            g_string_append_printf(xml, "    <format type='%s'/>\n", backingfmt);
        g_string_append(xml, "  </backingStore>\n");
    }
    g_string_append(xml, "</volume>\n");

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml->str);
        return true;
    }

    if (!(vol = virStorageVolCreateXML(pool, xml->str, flags))) {
        nuvshError(ctl, "Failed to create vol %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s created\n", name);
    return true;
}


static const nuvshCmdOptDef opts_vol_create[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the volume XML" },
    { "prealloc-metadata", NUVSH_OT_BOOL, 0, "preallocate metadata only" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdVolCreate(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autoptr(nuvshVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(vol = virStorageVolCreateXML(pool, xml, flags))) {
        nuvshError(ctl, "Failed to create vol from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s created from %s\n", virStorageVolGetName(vol), file);
    return true;
}


static const nuvshCmdOptDef opts_vol_create_from[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file with the new volume's XML" },
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "the volume to copy" },
    { "inputpool", NUVSH_OT_STRING, 0, "pool of the source volume" },
    { "prealloc-metadata", NUVSH_OT_BOOL, 0, "preallocate metadata only" },
    { "reflink", NUVSH_OT_BOOL, 0, "use a reflink copy" },
    { "validate", NUVSH_OT_BOOL, 0, "check the XML against the schema first" },
    { NULL },
};

static bool
cmdVolCreateFrom(nuvshControl *ctl,
                 const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autoptr(nuvshVol) input = NULL;
    g_autoptr(nuvshVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (nuvshCommandOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (nuvshCommandOptBool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(input = nuvshCommandOptVol(ctl, cmd, "vol", "inputpool", NULL)))
        return false;
    if (!(xml = nuvshReadFile(ctl, file)))
        return false;

    if (!(vol = virStorageVolCreateXMLFrom(pool, xml, input, flags))) {
        nuvshError(ctl, "Failed to create vol from %s", file);
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s created from input vol %s\n",
                    virStorageVolGetName(vol), virStorageVolGetName(input));
    return true;
}


static const nuvshCmdOptDef opts_vol_clone[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "newname", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "name of the copy" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "prealloc-metadata", NUVSH_OT_BOOL, 0, "preallocate metadata only" },
    { "reflink", NUVSH_OT_BOOL, 0, "use a reflink copy" },
    { "print-xml", NUVSH_OT_BOOL, 0, "print the XML that would be used, do nothing else" },
    { NULL },
};

static bool
cmdVolClone(nuvshControl *ctl,
            const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autoptr(nuvshVol) orig = NULL;
    g_autoptr(nuvshVol) vol = NULL;
    g_autofree char *origxml = NULL;
    g_autofree char *xml = NULL;
    const char *newname = NULL;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (nuvshCommandOptBool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;

    if (!(orig = nuvshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(orig))) {
        nuvshError(ctl, "%s", "failed to get parent pool");
        return false;
    }
    if (nuvshCommandOptStringReq(ctl, cmd, "newname", &newname) < 0)
        return false;
    if (!(origxml = virStorageVolGetXMLDesc(orig, 0)))
        return false;

    if (!(xml = nuvshXMLSetName(origxml, newname))) {
        nuvshError(ctl, "%s", "Failed to set vol name");
        return false;
    }

    if (nuvshCommandOptBool(cmd, "print-xml")) {
        nuvshPrint(ctl, "%s", xml);
        return true;
    }

    if (!(vol = virStorageVolCreateXMLFrom(pool, xml, orig, flags))) {
        nuvshError(ctl, "Failed to clone vol from %s", virStorageVolGetName(orig));
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s cloned from %s\n", newname, virStorageVolGetName(orig));
    return true;
}


/* ---- delete, wipe, resize -------------------------------------------- */

static const nuvshCmdOptDef opts_vol_delete[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "delete-snapshots", NUVSH_OT_BOOL, 0, "delete snapshots" },
    { NULL },
};

static bool
cmdVolDelete(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    const char *name;
    unsigned int flags = 0;

    if (nuvshCommandOptBool(cmd, "delete-snapshots"))
        flags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;

    if (virStorageVolDelete(vol, flags) < 0) {
        nuvshError(ctl, "Failed to delete vol %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s deleted\n", name);
    return true;
}


static const nuvshCmdOptDef opts_vol_wipe[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "algorithm", NUVSH_OT_STRING, 0,
      "pattern: zero, nnsa, dod, bsi, gutmann, schneier, pfitzner7, pfitzner33, random, trim" },
    { NULL },
};

static bool
cmdVolWipe(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    static const char *const algorithms[] = {
        "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7",
        "pfitzner33", "random", "trim",
    };
    g_autoptr(nuvshVol) vol = NULL;
    const char *name;
    const char *algstr = NULL;
    int alg = VIR_STORAGE_VOL_WIPE_ALG_ZERO;
    int rc;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "algorithm", &algstr) < 0)
        return false;
    if (algstr) {
        for (alg = 0; alg < (int) G_N_ELEMENTS(algorithms); alg++) {
            if (g_str_equal(algstr, algorithms[alg]))
                break;
        }
        if (alg == (int) G_N_ELEMENTS(algorithms)) {
            nuvshError(ctl, "Unsupported algorithm '%s'", algstr);
            return false;
        }
    }

    if (alg == VIR_STORAGE_VOL_WIPE_ALG_ZERO)
        rc = virStorageVolWipe(vol, 0);
    else
        rc = virStorageVolWipePattern(vol, alg, 0);
    if (rc < 0) {
        nuvshError(ctl, "Failed to wipe vol %s", name);
        return false;
    }

    nuvshPrintExtra(ctl, "Vol %s wiped\n", name);
    return true;
}


static const nuvshCmdOptDef opts_vol_resize[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "capacity", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED,
      "new capacity, with an optional unit suffix (default bytes)" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "allocate", NUVSH_OT_BOOL, 0, "allocate the new space as well" },
    { "delta", NUVSH_OT_BOOL, 0, "add to the current capacity" },
    { "shrink", NUVSH_OT_BOOL, 0, "allow shrinking" },
    { NULL },
};

static bool
cmdVolResize(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    const char *capstr = NULL;
    const char *name;
    unsigned long long capacity = 0;
    unsigned int flags = 0;
    bool delta = nuvshCommandOptBool(cmd, "delta");

    if (nuvshCommandOptBool(cmd, "allocate"))
        flags |= VIR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (delta)
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
    if (nuvshCommandOptBool(cmd, "shrink"))
        flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "capacity", &capstr) < 0)
        return false;

    /* a leading '-' asks to shrink by that much */
    if (*capstr == '-') {
        if (!(flags & VIR_STORAGE_VOL_RESIZE_SHRINK)) {
            nuvshError(ctl, "%s", "negative size requires --shrink");
            return false;
        }
        flags |= VIR_STORAGE_VOL_RESIZE_DELTA;
        delta = true;
        capstr++;
    }
    if (!nuvshVolSize(ctl, capstr, &capacity))
        return false;

    if (virStorageVolResize(vol, capacity, flags) < 0) {
        nuvshError(ctl, delta ? "Failed to change size of volume '%s' by %s"
                              : "Failed to change size of volume '%s' to %s",
                   name, capstr);
        return false;
    }

    nuvshPrintExtra(ctl, delta ? "Size of volume '%s' successfully changed by %s\n"
                               : "Size of volume '%s' successfully changed to %s\n",
                    name, capstr);
    return true;
}


/* ---- upload, download ------------------------------------------------ */

static int
nuvshStreamSource(virStreamPtr st G_GNUC_UNUSED,
                  char *bytes,
                  size_t nbytes,
                  void *opaque)
{
    int *fd = opaque;

    return read(*fd, bytes, nbytes);
}


static int
nuvshStreamSink(virStreamPtr st G_GNUC_UNUSED,
                const char *bytes,
                size_t nbytes,
                void *opaque)
{
    int *fd = opaque;
    size_t done = 0;

    while (done < nbytes) {
        ssize_t got = write(*fd, bytes + done, nbytes - done);

        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += got;
    }
    return nbytes;
}


static const nuvshCmdOptDef opts_vol_upload[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file to read the data from" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "offset", NUVSH_OT_INT, 0, "byte offset in the volume to start at" },
    { "length", NUVSH_OT_INT, 0, "most bytes to upload" },
    { "sparse", NUVSH_OT_BOOL, 0, "keep holes of a sparse file" },
    { NULL },
};

static bool
cmdVolUpload(nuvshControl *ctl,
             const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    g_autoptr(nuvshStream) st = NULL;
    const char *file = NULL;
    const char *name;
    unsigned long long offset = 0;
    unsigned long long length = 0;
    unsigned int flags = 0;
    int fd;
    bool ret = false;

    if (nuvshCommandOptULL(ctl, cmd, "offset", &offset) < 0 ||
        nuvshCommandOptULL(ctl, cmd, "length", &length) < 0)
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (nuvshCommandOptBool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM;

    if ((fd = open(file, O_RDONLY)) < 0) {
        nuvshError(ctl, "cannot read %s", file);
        return false;
    }

    if (!(st = virStreamNew(ctl->conn, 0)) ||
        virStorageVolUpload(vol, st, offset, length, flags) < 0) {
        nuvshError(ctl, "cannot upload to volume %s", name);
        goto cleanup;
    }
    if (virStreamSendAll(st, nuvshStreamSource, &fd) < 0) {
        nuvshError(ctl, "cannot send data to volume %s", name);
        goto cleanup;
    }
    if (virStreamFinish(st) < 0) {
        nuvshError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    close(fd);
    return ret;
}


static const nuvshCmdOptDef opts_vol_download[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "file", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "file to write the data to" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "offset", NUVSH_OT_INT, 0, "byte offset in the volume to start at" },
    { "length", NUVSH_OT_INT, 0, "most bytes to download" },
    { "sparse", NUVSH_OT_BOOL, 0, "keep holes of a sparse volume" },
    { NULL },
};

static bool
cmdVolDownload(nuvshControl *ctl,
               const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    g_autoptr(nuvshStream) st = NULL;
    const char *file = NULL;
    const char *name;
    unsigned long long offset = 0;
    unsigned long long length = 0;
    unsigned int flags = 0;
    bool created = false;
    bool ret = false;
    int fd;

    if (nuvshCommandOptULL(ctl, cmd, "offset", &offset) < 0 ||
        nuvshCommandOptULL(ctl, cmd, "length", &length) < 0)
        return false;
    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (nuvshCommandOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (nuvshCommandOptBool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM;

    if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0) {
        if (errno != EEXIST || (fd = open(file, O_WRONLY | O_TRUNC, 0666)) < 0) {
            nuvshError(ctl, "cannot create %s", file);
            return false;
        }
    } else {
        created = true;
    }

    if (!(st = virStreamNew(ctl->conn, 0)) ||
        virStorageVolDownload(vol, st, offset, length, flags) < 0) {
        nuvshError(ctl, "cannot download from volume %s", name);
        goto cleanup;
    }
    if (virStreamRecvAll(st, nuvshStreamSink, &fd) < 0) {
        nuvshError(ctl, "cannot receive data from volume %s", name);
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        nuvshError(ctl, "Unable to close %s", file);
        goto cleanup;
    }
    fd = -1;
    if (virStreamFinish(st) < 0) {
        nuvshError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ret = true;

 cleanup:
    if (fd >= 0)
        close(fd);
    /* nothing half-done is left behind */
    if (!ret && created)
        unlink(file);
    return ret;
}


/* ---- info, list, dumpxml, names -------------------------------------- */

static const nuvshCmdOptDef opts_vol_dumpxml[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "xpath", NUVSH_OT_STRING, NUVSH_OFLAG_REQ_OPT,
      "print only what this XPath expression selects" },
    { "wrap", NUVSH_OT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    { NULL },
};

static bool
cmdVolDumpxml(nuvshControl *ctl,
              const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    g_autofree char *xml = NULL;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(xml = virStorageVolGetXMLDesc(vol, 0)))
        return false;
    return nuvshPrintXMLXPath(ctl, cmd, xml);
}


static const nuvshCmdOptDef opts_vol_info[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { "bytes", NUVSH_OT_BOOL, 0, "print sizes in bytes, without units" },
    { "physical", NUVSH_OT_BOOL, 0, "report the physical size on disk as the allocation" },
    NUVSH_OPT_JSON,
    { NULL },
};


/* One volume as vol-info and vol-list --json show it, sizes in bytes; the
 * size key follows --physical as the text label does. */
static json_object *
nuvshVolJSON(virStorageVolPtr vol,
             const virStorageVolInfo *info,
             bool physical)
{
    json_object *obj = json_object_new_object();
    g_autofree char *path = virStorageVolGetPath(vol);

    nuvshJSONStr(obj, "name", virStorageVolGetName(vol));
    nuvshJSONStr(obj, "path", path);
    nuvshJSONStr(obj, "type", info ? nuvshVolTypeToString(info->type) : NULL);
    if (info) {
        nuvshJSONUInt(obj, "capacity", info->capacity);
        nuvshJSONUInt(obj, physical ? "physical" : "allocation", info->allocation);
    } else {
        nuvshJSONNull(obj, "capacity");
        nuvshJSONNull(obj, physical ? "physical" : "allocation");
    }
    return obj;
}

static bool
cmdVolInfo(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    virStorageVolInfo info;
    bool raw = nuvshCommandOptBool(cmd, "bytes");
    unsigned int flags = 0;
    const char *unit;
    double val;
    int rc;

    if (nuvshCommandOptBool(cmd, "physical"))
        flags |= VIR_STORAGE_VOL_GET_PHYSICAL;
    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;

    if (!nuvshJSONWanted(cmd))
        nuvshPrint(ctl, "%-15s %s\n", "Name:", virStorageVolGetName(vol));

    if (flags)
        rc = virStorageVolGetInfoFlags(vol, &info, flags);
    else
        rc = virStorageVolGetInfo(vol, &info);
    if (rc < 0)
        return false;

    if (nuvshJSONWanted(cmd))
        return nuvshJSONPrint(ctl, nuvshVolJSON(vol, &info, flags != 0));

    nuvshPrint(ctl, "%-15s %s\n", "Type:", nuvshVolTypeToString(info.type));

    if (raw) {
        nuvshPrint(ctl, "%-15s %llu %s\n", "Capacity:", info.capacity, "bytes");
    } else {
        val = nuvshPrettyCapacityValue(info.capacity, &unit);
        nuvshPrint(ctl, "%-15s %2.2lf %s\n", "Capacity:", val, unit);
    }

    if (raw) {
        nuvshPrint(ctl, "%-15s %llu %s\n", flags ? "Physical:" : "Allocation:",
                   info.allocation, "bytes");
    } else {
        val = nuvshPrettyCapacityValue(info.allocation, &unit);
        nuvshPrint(ctl, "%-15s %2.2lf %s\n", flags ? "Physical:" : "Allocation:", val, unit);
    }
    return true;
}


static gint
nuvshVolCompare(gconstpointer a,
                gconstpointer b)
{
    return strcmp(virStorageVolGetName(*(virStorageVolPtr const *) a),
                  virStorageVolGetName(*(virStorageVolPtr const *) b));
}


static const nuvshCmdOptDef opts_vol_list[] = {
    { "pool", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "storage pool name or UUID" },
    { "details", NUVSH_OT_BOOL, 0, "add type, capacity and allocation columns" },
    NUVSH_OPT_JSON,
    { NULL },
};

static bool
cmdVolList(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshPool) pool = NULL;
    g_autoptr(nuvshTable) table = NULL;
    virStorageVolPtr *vols = NULL;
    bool details = nuvshCommandOptBool(cmd, "details");
    int n;
    int i;

    if (!(pool = nuvshCommandOptPool(ctl, cmd, NULL, NULL)))
        return false;

    if ((n = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        nuvshError(ctl, "%s", "Failed to list volumes");
        return false;
    }
    qsort(vols, n, sizeof(*vols), (int (*)(const void *, const void *)) nuvshVolCompare);

    if (nuvshJSONWanted(cmd)) {
        json_object *arr = json_object_new_array();

        for (i = 0; i < n; i++) {
            virStorageVolInfo info;
            bool ok = virStorageVolGetInfo(vols[i], &info) == 0;

            json_object_array_add(arr, nuvshVolJSON(vols[i], ok ? &info : NULL, false));
            virStorageVolFree(vols[i]);
        }
        g_free(vols);
        nuvshResetLibvirtError(ctl);
        return nuvshJSONPrint(ctl, arr);
    }

    if (details)
        table = nuvshTableNew("Name", "Path", "Type", "Capacity", "Allocation", NULL);
    else
        table = nuvshTableNew("Name", "Path", NULL);

    for (i = 0; i < n; i++) {
        g_autofree char *path = virStorageVolGetPath(vols[i]);

        if (details) {
            virStorageVolInfo info;
            g_autofree char *cap = NULL;
            g_autofree char *alloc = NULL;
            const char *type = "unknown";

            if (virStorageVolGetInfo(vols[i], &info) == 0) {
                const char *unit;
                double val;

                type = nuvshVolTypeToString(info.type);
                val = nuvshPrettyCapacityValue(info.capacity, &unit);
                cap = g_strdup_printf("%.2lf %s", val, unit);
                val = nuvshPrettyCapacityValue(info.allocation, &unit);
                alloc = g_strdup_printf("%.2lf %s", val, unit);
            }
            nuvshTableAddRow(table, virStorageVolGetName(vols[i]), path ? path : "",
                             type, cap ? cap : "unknown", alloc ? alloc : "unknown", NULL);
        } else {
            nuvshTableAddRow(table, virStorageVolGetName(vols[i]), path ? path : "", NULL);
        }
        virStorageVolFree(vols[i]);
    }
    g_free(vols);

    nuvshTablePrint(ctl, table, true);
    return true;
}


static const nuvshCmdOptDef opts_vol_key[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdVolKey(nuvshControl *ctl,
          const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    const char *key;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(key = virStorageVolGetKey(vol)))
        return false;
    nuvshPrint(ctl, "%s\n", key);
    return true;
}


static const nuvshCmdOptDef opts_vol_name[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { NULL },
};

static bool
cmdVolName(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", NULL, NULL)))
        return false;
    nuvshPrint(ctl, "%s\n", virStorageVolGetName(vol));
    return true;
}


static const nuvshCmdOptDef opts_vol_path[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "pool", NUVSH_OT_STRING, 0, "storage pool name or UUID" },
    { NULL },
};

static bool
cmdVolPath(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    g_autofree char *path = NULL;

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(path = virStorageVolGetPath(vol)))
        return false;
    nuvshPrint(ctl, "%s\n", path);
    return true;
}


static const nuvshCmdOptDef opts_vol_pool[] = {
    { "vol", NUVSH_OT_DATA, NUVSH_OFLAG_REQUIRED, "volume name, key or path" },
    { "uuid", NUVSH_OT_BOOL, 0, "print the pool's UUID instead of its name" },
    { NULL },
};

static bool
cmdVolPool(nuvshControl *ctl,
           const nuvshCmd *cmd)
{
    g_autoptr(nuvshVol) vol = NULL;
    g_autoptr(nuvshPool) pool = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(vol = nuvshCommandOptVol(ctl, cmd, "vol", NULL, NULL)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol))) {
        nuvshError(ctl, "%s", "failed to get parent pool");
        return false;
    }

    if (nuvshCommandOptBool(cmd, "uuid")) {
        if (virStoragePoolGetUUIDString(pool, uuid) == 0)
            nuvshPrint(ctl, "%s\n", uuid);
    } else {
        nuvshPrint(ctl, "%s\n", virStoragePoolGetName(pool));
    }
    return true;
}


const nuvshCmdDef nuvshVolumeCmds[] = {
    { "vol-clone", cmdVolClone, opts_vol_clone,
      "copy a volume within its pool",
      "" },
    { "vol-create-as", cmdVolCreateAs, opts_vol_create_as,
      "create a volume from options",
      "" },
    { "vol-create", cmdVolCreate, opts_vol_create,
      "create a volume from an XML file",
      "" },
    { "vol-create-from", cmdVolCreateFrom, opts_vol_create_from,
      "create a volume as a copy of another",
      "" },
    { "vol-delete", cmdVolDelete, opts_vol_delete,
      "delete a volume",
      "" },
    { "vol-download", cmdVolDownload, opts_vol_download,
      "copy a volume's content to a file",
      "" },
    { "vol-dumpxml", cmdVolDumpxml, opts_vol_dumpxml,
      "print a volume's XML",
      "" },
    { "vol-info", cmdVolInfo, opts_vol_info,
      "show basic facts about a volume",
      "" },
    { "vol-key", cmdVolKey, opts_vol_key,
      "print a volume's key",
      "" },
    { "vol-list", cmdVolList, opts_vol_list,
      "list the volumes of a pool",
      "" },
    { "vol-name", cmdVolName, opts_vol_name,
      "print a volume's name given its key or path",
      "" },
    { "vol-path", cmdVolPath, opts_vol_path,
      "print a volume's path",
      "" },
    { "vol-pool", cmdVolPool, opts_vol_pool,
      "print the pool of a volume",
      "" },
    { "vol-resize", cmdVolResize, opts_vol_resize,
      "change a volume's capacity",
      "" },
    { "vol-upload", cmdVolUpload, opts_vol_upload,
      "copy a file into a volume",
      "" },
    { "vol-wipe", cmdVolWipe, opts_vol_wipe,
      "overwrite a volume's data",
      "" },
    { NULL },
};
