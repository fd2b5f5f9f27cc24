/*
 * qemu_save.c: save a running guest to a file and restore it.
 *
 * A save image is our own header, the domain XML, then QEMU's migration
 * stream, which starts on a 4 KiB boundary:
 *
 *   offset  size  field (integers little-endian)
 *        0    16  magic "NuvirtQemuSave\n\0"
 *       16     4  version (1)
 *       20     4  flags: bit 0 = the guest runs after restore
 *       24     4  length of the XML in bytes (no NUL)
 *       28     4  room for the XML (a redefinition must fit in it)
 *       32     8  offset of QEMU's stream
 *       40    24  zero
 *       64     -  XML, NUL-padded to the room, then zeros up to the stream
 *
 * The save pauses the guest, hands QEMU the file's descriptor (getfd) and
 * migrates to it ("fd:"); the image is written under a temporary name in
 * the same directory and renamed only once QEMU reports completion and
 * the data is on disk, so a failed or cancelled save leaves no image
 * behind, and the guest runs on.  A restore starts QEMU with
 * "-incoming defer" and feeds it the stream the same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "qemu/qemu_save.h"
#include "qemu/qemu_driver.h"
#include "qemu/qemu_job.h"
#include "qemu/qemu_process.h"
#include "util/error.h"
#include "util/file.h"
#include "util/log.h"
#include "util/typedparam.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_SAVE_MAGIC "NuvirtQemuSave\n"
#define QEMU_SAVE_VERSION 1
#define QEMU_SAVE_RUNNING 0x1
#define QEMU_SAVE_HEADER_SIZE 64
#define QEMU_SAVE_ALIGN 4096
/* Largest XML a save image may hold. */
#define QEMU_SAVE_XML_MAX (10 * 1024 * 1024)
/* How long a restore may take to load the guest's state. */
#define QEMU_RESTORE_TIMEOUT_MS (10 * 60 * 1000)

typedef struct {
    guint32 version;
    guint32 flags;
    guint32 xmlLen;
    guint32 xmlSpace;
    guint64 dataOffset;
} qemuSaveHeader;

/* ---- the image file ---- */

static void
qemuSaveHeaderEncode(const qemuSaveHeader *h, unsigned char *buf)
{
    guint32 v32;
    guint64 v64;

    memset(buf, 0, QEMU_SAVE_HEADER_SIZE);
    memcpy(buf, QEMU_SAVE_MAGIC, sizeof(QEMU_SAVE_MAGIC));
    v32 = GUINT32_TO_LE(h->version);
    memcpy(buf + 16, &v32, 4);
    v32 = GUINT32_TO_LE(h->flags);
    memcpy(buf + 20, &v32, 4);
    v32 = GUINT32_TO_LE(h->xmlLen);
    memcpy(buf + 24, &v32, 4);
    v32 = GUINT32_TO_LE(h->xmlSpace);
    memcpy(buf + 28, &v32, 4);
    v64 = GUINT64_TO_LE(h->dataOffset);
    memcpy(buf + 32, &v64, 8);
}

static int
qemuSaveWriteAll(int fd, const void *data, size_t len, const char *path)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            nuvReportSystemError(errno, "failed to write header to domain save file '%s'", path);
            return -1;
        }
        p += n;
        len -= n;
    }
    return 0;
}

/* Header and XML at the current position of @fd, then zeros up to the
 * stream's offset (written, not sought: the target may be a pipe). */
static int
qemuSaveWriteHeader(int fd, const char *path, const char *xml, bool running,
                    guint32 xmlSpace)
{
    qemuSaveHeader h = { 0 };
    unsigned char head[QEMU_SAVE_HEADER_SIZE];
    g_autofree char *pad = NULL;
    size_t xmlLen = strlen(xml);

    h.version = QEMU_SAVE_VERSION;
    h.flags = running ? QEMU_SAVE_RUNNING : 0;
    h.xmlLen = xmlLen;
    h.xmlSpace = xmlSpace;
    h.dataOffset = (QEMU_SAVE_HEADER_SIZE + xmlSpace + QEMU_SAVE_ALIGN - 1) /
                   QEMU_SAVE_ALIGN * QEMU_SAVE_ALIGN;
    qemuSaveHeaderEncode(&h, head);
    pad = g_malloc0(h.dataOffset - QEMU_SAVE_HEADER_SIZE - xmlLen);
    if (qemuSaveWriteAll(fd, head, sizeof(head), path) < 0 ||
        qemuSaveWriteAll(fd, xml, xmlLen, path) < 0 ||
        qemuSaveWriteAll(fd, pad, h.dataOffset - QEMU_SAVE_HEADER_SIZE - xmlLen, path) < 0)
        return -1;
    return 0;
}

/* Room for @xml: itself and at least 4 KiB more, so that a redefinition
 * with a few more elements still fits. */
static guint32
qemuSaveXMLSpace(const char *xml)
{
    size_t need = QEMU_SAVE_HEADER_SIZE + strlen(xml) + 1 + QEMU_SAVE_ALIGN;

    return (need + QEMU_SAVE_ALIGN - 1) / QEMU_SAVE_ALIGN * QEMU_SAVE_ALIGN -
           QEMU_SAVE_HEADER_SIZE;
}

/* Open the image @path, check its header and read its XML.  The file is
 * returned open (read-only, or read-write with @writable) and positioned
 * at QEMU's stream. */
static int
qemuSaveImageOpen(const char *path, bool writable, qemuSaveHeader *hdr, char **xml)
{
    unsigned char head[QEMU_SAVE_HEADER_SIZE];
    g_autofree char *text = NULL;
    struct stat st;
    guint32 v32;
    guint64 v64;
    int fd;

    if ((fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)) < 0) {
        nuvReportSystemError(errno, "Failed to open domain image file '%s'", path);
        return -1;
    }
    if (fstat(fd, &st) < 0 || read(fd, head, sizeof(head)) != (ssize_t) sizeof(head) ||
        memcmp(head, QEMU_SAVE_MAGIC, sizeof(QEMU_SAVE_MAGIC)) != 0) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "image magic is incorrect");
        goto error;
    }
    memcpy(&v32, head + 16, 4);
    hdr->version = GUINT32_FROM_LE(v32);
    memcpy(&v32, head + 20, 4);
    hdr->flags = GUINT32_FROM_LE(v32);
    memcpy(&v32, head + 24, 4);
    hdr->xmlLen = GUINT32_FROM_LE(v32);
    memcpy(&v32, head + 28, 4);
    hdr->xmlSpace = GUINT32_FROM_LE(v32);
    memcpy(&v64, head + 32, 8);
    hdr->dataOffset = GUINT64_FROM_LE(v64);
    if (hdr->version > QEMU_SAVE_VERSION) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "image version is not supported (%u > %d)",
                       hdr->version, QEMU_SAVE_VERSION);
        goto error;
    }
    if (hdr->xmlLen == 0 || hdr->xmlLen > QEMU_SAVE_XML_MAX || hdr->xmlLen > hdr->xmlSpace ||
        hdr->dataOffset < QEMU_SAVE_HEADER_SIZE + (guint64) hdr->xmlSpace ||
        hdr->dataOffset % QEMU_SAVE_ALIGN != 0) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "save image '%s' has a corrupt header", path);
        goto error;
    }
    if ((guint64) st.st_size <= hdr->dataOffset) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "save image '%s' is incomplete", path);
        goto error;
    }
    text = g_malloc0(hdr->xmlLen + 1);
    if (read(fd, text, hdr->xmlLen) != (ssize_t) hdr->xmlLen ||
        strlen(text) != hdr->xmlLen) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "save image '%s' has a corrupt header", path);
        goto error;
    }
    if (lseek(fd, hdr->dataOffset, SEEK_SET) < 0) {
        nuvReportSystemError(errno, "cannot seek in save image '%s'", path);
        goto error;
    }
    *xml = g_steal_pointer(&text);
    return fd;

 error:
    close(fd);
    return -1;
}

/* The definition in an image, with @dxml (if given) in its place: it must
 * describe the same domain. */
static nuvDomainDef *
qemuSaveImageDef(const char *xml, const char *dxml)
{
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) alt = NULL;

    if (!(def = qemuDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (!dxml)
        return g_steal_pointer(&def);
    if (!(alt = qemuDomainParse(dxml, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    if (memcmp(def->uuid, alt->uuid, VIR_UUID_BUFLEN) != 0 ||
        strcmp(def->name, alt->name) != 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "Target domain uuid or name does not match the saved domain");
        return NULL;
    }
    if (def->memory != alt->memory || def->maxvcpus != alt->maxvcpus ||
        def->virtType != alt->virtType) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "Target domain memory, vCPUs or type do not match the saved domain");
        return NULL;
    }
    return g_steal_pointer(&alt);
}

/* Replace the XML of the image @path by @dxml, keeping its stream;
 * @flags may change whether it runs after restore. */
static int
qemuSaveImageRewrite(const char *path, const char *dxml, unsigned int flags)
{
    qemuSaveHeader hdr;
    g_autofree char *xml = NULL;
    g_autofree char *newXML = NULL;
    g_autoptr(nuvDomainDef) def = NULL;
    unsigned char head[QEMU_SAVE_HEADER_SIZE];
    g_autofree char *region = NULL;
    int fd, ret = -1;

    if ((fd = qemuSaveImageOpen(path, true, &hdr, &xml)) < 0)
        return -1;
    if (!(def = qemuSaveImageDef(xml, dxml)) ||
        !(newXML = nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE)))
        goto cleanup;
    if (strlen(newXML) > hdr.xmlSpace) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "new xml too large to fit in file");
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        hdr.flags |= QEMU_SAVE_RUNNING;
    else if (flags & VIR_DOMAIN_SAVE_PAUSED)
        hdr.flags &= ~QEMU_SAVE_RUNNING;
    hdr.xmlLen = strlen(newXML);
    qemuSaveHeaderEncode(&hdr, head);
    region = g_malloc0(hdr.xmlSpace);
    memcpy(region, newXML, hdr.xmlLen);
    if (pwrite(fd, head, sizeof(head), 0) != (ssize_t) sizeof(head) ||
        pwrite(fd, region, hdr.xmlSpace, QEMU_SAVE_HEADER_SIZE) != (ssize_t) hdr.xmlSpace ||
        fdatasync(fd) < 0) {
        nuvReportSystemError(errno, "failed to write header to domain save file '%s'", path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

/* ---- save ---- */

/* The rename reaches the disk with the directory. */
static void
qemuSaveSyncDir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (dfd >= 0) {
        if (fsync(dfd) < 0)
            NUV_DEBUG("cannot sync directory %s", dir);
        close(dfd);
    }
}

static bool
qemuSaveMigrationEnded(nuvDomainObj *obj, void *opaque)
{
    const char *st = qemuJobStateOf(obj)->migStatus;

    return st && (strcmp(st, "completed") == 0 || strcmp(st, "failed") == 0 ||
                  strcmp(st, "cancelled") == 0);
}

/* The last thing QEMU said in its log ("qemu-system-x86_64: ..."): an
 * incoming migration that fails ends QEMU with no error-desc to query. */
static char *
qemuSaveLogTail(nuvDomainObj *obj)
{
    qemuDriver *drv = qemuDomainPrivOf(obj)->driver;
    g_autofree char *file = g_strdup_printf("%s.log", obj->def->name);
    g_autofree char *path = g_build_filename(drv->paths.logDir, file, NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    char *msg = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (gsize i = 0; lines[i]; i++) {
        const char *p = strstr(lines[i], "qemu-system-");
        if (p && (p = strstr(p, ": "))) {
            g_free(msg);
            msg = g_strdup(p + 2);
        }
    }
    return msg;
}

/* QEMU's words on a failed migration. */
static char *
qemuSaveMigrationError(nuvDomainObj *obj)
{
    json_object *info = NULL, *desc = NULL;
    char *msg = NULL;

    if (qemuProcessCommand(obj, "query-migrate", NULL, &info) == 0 &&
        json_object_object_get_ex(info, "error-desc", &desc))
        msg = g_strdup(json_object_get_string(desc));
    json_object_put(info);
    nuvErrorReset();
    if (!msg)
        msg = qemuSaveLogTail(obj);
    return msg ? msg : g_strdup("unknown error");
}

/* Hand @fd to QEMU under @name (getfd); our copy stays ours. */
static int
qemuSavePassFD(nuvDomainObj *obj, int fd, const char *name)
{
    qemuMonitor *mon = qemuProcessMonitor(obj);
    json_object *args = json_object_new_object();
    int rc;

    if (!mon) {
        json_object_put(args);
        return -1;
    }
    json_object_object_add(args, "fdname", json_object_new_string(name));
    nuvDomainObjUnlock(obj);
    rc = qemuMonitorCommandWithFD(mon, "getfd", args, fd, NULL);
    nuvDomainObjLock(obj);
    qemuMonitorUnref(mon);
    return rc;
}

static void
qemuSaveJobBegin(nuvDomainObj *obj, qemuAsyncKind kind, int operation)
{
    qemuJobState *js = qemuJobStateOf(obj);

    js->async = kind;
    js->operation = operation;
    js->started = g_get_monotonic_time();
    js->abortRequested = false;
    g_clear_pointer(&js->migStatus, g_free);
}

/* Keep the final figures for VIR_DOMAIN_JOB_STATS_COMPLETED. */
static void
qemuSaveJobEnd(nuvDomainObj *obj, bool ok)
{
    qemuJobState *js = qemuJobStateOf(obj);
    virTypedParameterPtr params = NULL;
    int nparams = 0, type;

    if (ok && nuvDomainObjIsActive(obj)) {
        if (qemuJobMigrationStats(obj, &params, &nparams, &type) == 0) {
            nuvTypedParamsFree(js->completed, js->ncompleted);
            js->completed = params;
            js->ncompleted = nparams;
        }
        nuvErrorReset();
    }
    js->async = QEMU_ASYNC_NONE;
}

/* Stop the guest's CPUs for a save (obj locked, job held). */
static int
qemuSavePause(qemuDriver *drv, nuvDomainObj *obj)
{
    qemuDomainPrivOf(obj)->pausedReason = VIR_DOMAIN_PAUSED_SAVE;
    if (qemuProcessCommand(obj, "stop", NULL, NULL) < 0)
        return -1;
    if (nuvDomainObjIsActive(obj) && obj->state == VIR_DOMAIN_RUNNING) {
        nuvDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_SAVE);
        qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    return 0;
}

/* Let a guest whose save failed run on. */
static void
qemuSaveResume(qemuDriver *drv, nuvDomainObj *obj)
{
    virErrorPtr saved = nuvErrorPreserve();

    if (nuvDomainObjIsActive(obj) && qemuProcessCommand(obj, "cont", NULL, NULL) == 0 &&
        nuvDomainObjIsActive(obj)) {
        bool wasPaused = obj->state != VIR_DOMAIN_RUNNING;
        nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_SAVE_CANCELED);
        qemuDomainSaveStatus(drv, obj);
        if (wasPaused)
            qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_RESUMED,
                                    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    }
    nuvErrorRestore(&saved);
}

/* Write the image of @obj (locked, job held, running) to @path.  On
 * success the image is complete on disk and QEMU is left paused for the
 * caller to stop; on failure there is no image and the guest runs as
 * before. */
static int
qemuSaveToFile(qemuDriver *drv, nuvDomainObj *obj, const char *path, const char *xml,
               bool runAfter, unsigned int flags)
{
    g_autofree char *tmp = NULL;
    g_autofree char *dir = g_path_get_dirname(path);
    json_object *args;
    bool wasRunning = obj->state == VIR_DOMAIN_RUNNING;
    bool direct = false;
    struct stat st;
    int fd = -1;
    int ret = -1;

    /* A pipe or device is written as it is; a file under a temporary name
     * then renamed, so that no partial image ever has its name. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        direct = true;
        if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0) {
            nuvReportSystemError(errno, "Failed to create file '%s'", path);
            return -1;
        }
    } else {
        tmp = g_strdup_printf("%s.nuvsave-XXXXXX", path);
        if ((fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600)) < 0) {
            nuvReportSystemError(errno, "Failed to create file '%s'", path);
            g_clear_pointer(&tmp, g_free);
            return -1;
        }
    }
    if (qemuSaveWriteHeader(fd, tmp ? tmp : path, xml, runAfter, qemuSaveXMLSpace(xml)) < 0)
        goto cleanup;

    qemuSaveJobBegin(obj, QEMU_ASYNC_SAVE, VIR_DOMAIN_JOB_OPERATION_SAVE);
    if (wasRunning && qemuSavePause(drv, obj) < 0)
        goto endjob;
    if (qemuJobMigrationSetup(obj) < 0 || qemuSavePassFD(obj, fd, "nuvsave") < 0)
        goto resume;
    args = json_object_new_object();
    json_object_object_add(args, "uri", json_object_new_string("fd:nuvsave"));
    if (qemuProcessCommand(obj, "migrate", args, NULL) < 0)
        goto resume;
    if (qemuJobWait(obj, qemuSaveMigrationEnded, NULL, 0, "domain save job") < 0)
        goto endjob;
    if (strcmp(qemuJobStateOf(obj)->migStatus, "completed") != 0) {
        if (strcmp(qemuJobStateOf(obj)->migStatus, "cancelled") == 0 &&
            qemuJobStateOf(obj)->abortRequested) {
            nuvReportError(VIR_ERR_OPERATION_ABORTED, "%s",
                           "domain save job: canceled by client");
        } else {
            g_autofree char *why = qemuSaveMigrationError(obj);
            nuvReportError(VIR_ERR_OPERATION_FAILED, "job 'domain save job' failed: %s", why);
        }
        goto resume;
    }
    if (!direct && fdatasync(fd) < 0) {
        nuvReportSystemError(errno, "unable to fsync domain save file '%s'", path);
        goto resume;
    }
    if (flags & VIR_DOMAIN_SAVE_BYPASS_CACHE)
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (tmp) {
        if (rename(tmp, path) < 0) {
            nuvReportSystemError(errno, "Failed to create file '%s'", path);
            goto resume;
        }
        g_clear_pointer(&tmp, g_free);
        qemuSaveSyncDir(dir);
    }
    ret = 0;
    qemuSaveJobEnd(obj, true);
    goto cleanup;

 resume:
    if (wasRunning)
        qemuSaveResume(drv, obj);
 endjob:
    qemuSaveJobEnd(obj, false);
 cleanup:
    if (fd >= 0)
        close(fd);
    if (tmp)
        unlink(tmp);
    return ret;
}

/* The XML a save image keeps: @dxml checked against the domain, or the
 * running definition. */
static char *
qemuSaveXML(nuvDomainObj *obj, const char *dxml)
{
    g_autofree char *cur = nuvDomainDefFormat(obj->def, -1, VIR_DOMAIN_XML_SECURE |
                                              VIR_DOMAIN_XML_INACTIVE);
    g_autoptr(nuvDomainDef) def = NULL;

    if (!cur || !dxml)
        return g_steal_pointer(&cur);
    if (!(def = qemuSaveImageDef(cur, dxml)))
        return NULL;
    return nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE);
}

/* Save @domain to @path and stop it (the common part of Save and
 * ManagedSave). */
static int
qemuSaveDomain(virDomainPtr domain, const char *path, const char *dxml, unsigned int flags,
               bool managed)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    g_autofree char *xml = NULL;
    g_autofree char *managedPath = NULL;
    nuvDomainObj *obj;
    bool runAfter;
    int ret = -1;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (managed && !obj->persistent) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot do managed save for transient domain");
        goto cleanup;
    }
    if (qemuCheckActive(obj) < 0 || qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    if (qemuCheckActive(obj) < 0)
        goto endjob;
    if (managed) {
        g_autofree char *dir = NULL;
        managedPath = qemuSaveManagedPath(drv, obj->def->name);
        dir = g_path_get_dirname(managedPath);
        if (nuvDirMake(dir, 0700) < 0)
            goto endjob;
        path = managedPath;
    }
    if (!(xml = qemuSaveXML(obj, dxml)))
        goto endjob;
    runAfter = (flags & VIR_DOMAIN_SAVE_RUNNING) ? true :
               (flags & VIR_DOMAIN_SAVE_PAUSED) ? false : obj->state == VIR_DOMAIN_RUNNING;
    if (qemuSaveToFile(drv, obj, path, xml, runAfter, flags) < 0)
        goto endjob;
    if (managed)
        obj->hasManagedSave = true;
    if (nuvDomainObjIsActive(obj)) {
        qemuProcessStopWithKill(drv, obj, VIR_DOMAIN_SHUTOFF_SAVED, false);
        qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STOPPED,
                                VIR_DOMAIN_EVENT_STOPPED_SAVED);
    }
    domain->id = -1;
    ret = 0;

 endjob:
    qemuDomainJobEnd(obj);
 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    nuvExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);
    return qemuSaveDomain(domain, to, dxml, flags, false);
}

int
qemuDomainManagedSave(virDomainPtr domain, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED, -1);
    nuvExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);
    return qemuSaveDomain(domain, NULL, NULL, flags, true);
}

/* ---- restore ---- */

typedef struct {
    int fd;
} qemuRestoreCtx;

static int
qemuSaveIncoming(nuvDomainObj *obj, void *opaque)
{
    qemuRestoreCtx *ctx = opaque;
    json_object *args;
    int ret = -1;

    qemuSaveJobBegin(obj, QEMU_ASYNC_RESTORE, VIR_DOMAIN_JOB_OPERATION_RESTORE);
    if (qemuJobMigrationSetup(obj) < 0 || qemuSavePassFD(obj, ctx->fd, "nuvrestore") < 0)
        goto cleanup;
    args = json_object_new_object();
    json_object_object_add(args, "uri", json_object_new_string("fd:nuvrestore"));
    if (qemuProcessCommand(obj, "migrate-incoming", args, NULL) < 0 ||
        qemuJobWait(obj, qemuSaveMigrationEnded, NULL, QEMU_RESTORE_TIMEOUT_MS,
                    "domain restore job") < 0)
        goto cleanup;
    if (strcmp(qemuJobStateOf(obj)->migStatus, "completed") != 0) {
        g_autofree char *why = qemuSaveMigrationError(obj);
        nuvReportError(VIR_ERR_OPERATION_FAILED, "load of the saved state failed: %s", why);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    qemuSaveJobEnd(obj, false);
    return ret;
}

/* Start @obj (locked, job held, inactive, its definition the image's)
 * from the image open on @fd. */
static int
qemuSaveRestoreStart(qemuDriver *drv, nuvDomainObj *obj, int fd, bool run)
{
    qemuRestoreCtx ctx = { .fd = fd };

    if (qemuProcessStartIncoming(drv, obj, run ? 0 : VIR_DOMAIN_START_PAUSED,
                                 qemuSaveIncoming, &ctx) < 0)
        return -1;
    if (run) {
        nuvDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED);
        qemuDomainSaveStatus(drv, obj);
    }
    qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_STARTED,
                            VIR_DOMAIN_EVENT_STARTED_RESTORED);
    if (!run)
        qemuDomainEmitLifecycle(drv, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                VIR_DOMAIN_EVENT_SUSPENDED_RESTORED);
    return 0;
}

static bool
qemuSaveRunAfter(const qemuSaveHeader *hdr, unsigned int flags)
{
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        return true;
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        return false;
    return hdr->flags & QEMU_SAVE_RUNNING;
}

int
qemuDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                       unsigned int flags)
{
    qemuDriver *drv = qemuDriverOf(conn);
    g_autoptr(nuvDomainDef) def = NULL;
    g_autoptr(nuvDomainDef) oldDef = NULL;
    g_autofree char *xml = NULL;
    qemuSaveHeader hdr;
    nuvDomainObj *obj = NULL;
    int fd, ret = -1;

    nuvCheckFlags(VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                  VIR_DOMAIN_SAVE_PAUSED | VIR_DOMAIN_SAVE_RESET_NVRAM, -1);
    nuvExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);

    if ((fd = qemuSaveImageOpen(from, false, &hdr, &xml)) < 0)
        return -1;
    if (!(def = qemuSaveImageDef(xml, dxml)))
        goto cleanup;
    if (!(obj = nuvDomainObjListAdd(drv->domains, &def,
                                    NUV_DOMAIN_OBJ_ADD_LIVE | NUV_DOMAIN_OBJ_ADD_CHECK_ACTIVE,
                                    &oldDef)))
        goto cleanup;
    /* a persistent domain keeps its definition for its next cold start */
    if (obj->persistent && oldDef && !obj->newDef)
        obj->newDef = g_steal_pointer(&oldDef);
    qemuDomainPrivEnsure(drv, obj);
    if (qemuDomainJobBegin(obj) == 0) {
        if (nuvDomainObjIsActive(obj))
            nuvReportError(VIR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                           obj->def->name);
        else
            ret = qemuSaveRestoreStart(drv, obj, fd, qemuSaveRunAfter(&hdr, flags));
        qemuDomainJobEnd(obj);
    }
    if (ret < 0 && !nuvDomainObjIsActive(obj)) {
        if (!obj->persistent) {
            nuvDomainObjListRemove(drv->domains, obj);
        } else if (obj->newDef) {
            nuvDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        }
    }
    if (flags & VIR_DOMAIN_SAVE_BYPASS_CACHE)
        posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);

 cleanup:
    close(fd);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- managed save ---- */

char *
qemuSaveManagedPath(qemuDriver *drv, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.save", name);

    return g_build_filename(drv->paths.libDir, "save", file, NULL);
}

bool
qemuSaveHasManagedImage(qemuDriver *drv, nuvDomainObj *obj)
{
    g_autofree char *path = qemuSaveManagedPath(drv, obj->def->name);

    obj->hasManagedSave = g_file_test(path, G_FILE_TEST_EXISTS);
    return obj->hasManagedSave;
}

int
qemuSaveStartManaged(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags)
{
    g_autofree char *path = qemuSaveManagedPath(drv, obj->def->name);
    g_autofree char *xml = NULL;
    g_autoptr(nuvDomainDef) def = NULL;
    nuvDomainDef *persistent;
    qemuSaveHeader hdr;
    bool run;
    int fd, ret = -1;

    if ((fd = qemuSaveImageOpen(path, false, &hdr, &xml)) < 0)
        return -1;
    if (!(def = qemuSaveImageDef(xml, NULL)))
        goto cleanup;
    /* the image's definition runs; the persistent one waits in newDef */
    persistent = obj->def;
    obj->def = g_steal_pointer(&def);
    obj->newDef = persistent;
    run = (flags & VIR_DOMAIN_START_PAUSED) ? false : hdr.flags & QEMU_SAVE_RUNNING;
    if (qemuSaveRestoreStart(drv, obj, fd, run) < 0) {
        if (!nuvDomainObjIsActive(obj) && obj->newDef) {
            nuvDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        }
        goto cleanup;
    }
    if (unlink(path) < 0 && errno != ENOENT)
        NUV_DEBUG("cannot remove managed save image %s", path);
    obj->hasManagedSave = false;
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

int
qemuDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    int ret;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    ret = qemuSaveHasManagedImage(qemuDriverOf(domain->conn), obj) ? 1 : 0;
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags)
{
    nuvDomainObj *obj;
    g_autofree char *path = NULL;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    path = qemuSaveManagedPath(qemuDriverOf(domain->conn), obj->def->name);
    if (unlink(path) < 0 && errno != ENOENT) {
        nuvReportSystemError(errno, "Failed to remove managed save file '%s'", path);
        goto cleanup;
    }
    obj->hasManagedSave = false;
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* The managed image's path for @domain, or NULL with libvirt's error
 * when there is none. */
static char *
qemuSaveManagedPathOf(virDomainPtr domain)
{
    qemuDriver *drv = qemuDriverOf(domain->conn);
    nuvDomainObj *obj;
    char *path = NULL;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    if (!qemuSaveHasManagedImage(drv, obj))
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "domain does not have managed save image");
    else
        path = qemuSaveManagedPath(drv, obj->def->name);
    nuvDomainObjEndAPI(&obj);
    return path;
}

static char *
qemuSaveImageXML(const char *path, unsigned int flags)
{
    g_autoptr(nuvDomainDef) def = NULL;
    g_autofree char *xml = NULL;
    qemuSaveHeader hdr;
    int fd;

    if ((fd = qemuSaveImageOpen(path, false, &hdr, &xml)) < 0)
        return NULL;
    close(fd);
    if (!(def = qemuDomainParse(xml, NUV_DOMAIN_DEF_PARSE_INACTIVE)))
        return NULL;
    return nuvDomainDefFormat(def, -1, VIR_DOMAIN_XML_INACTIVE |
                              ((flags & VIR_DOMAIN_SAVE_IMAGE_XML_SECURE) ?
                               VIR_DOMAIN_XML_SECURE : 0));
}

char *
qemuDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    g_autofree char *path = NULL;

    nuvCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    if (!(path = qemuSaveManagedPathOf(domain)))
        return NULL;
    return qemuSaveImageXML(path, flags);
}

int
qemuDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml, unsigned int flags)
{
    g_autofree char *path = NULL;

    nuvCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    nuvExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(path = qemuSaveManagedPathOf(domain)))
        return -1;
    return qemuSaveImageRewrite(path, dxml, flags);
}

char *
qemuDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    return qemuSaveImageXML(file, flags);
}

int
qemuDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml,
                             unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED, -1);
    nuvExclusiveFlags(VIR_DOMAIN_SAVE_RUNNING, VIR_DOMAIN_SAVE_PAUSED, -1);
    return qemuSaveImageRewrite(file, dxml, flags);
}
