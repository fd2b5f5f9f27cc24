/*
 * qemu_blockjob.c: block jobs (copy, pull, commit) on QEMU's -blockdev
 * graph.
 *
 * A job's QEMU id is the disk's target ("hda"), so events name the disk
 * directly.  A copy adds the destination as two nodes of its own
 * (nuvcopy-TARGET-storage/-format) and mirrors into them; a pivot
 * (block-job-complete) makes them the disk's, an abort (block-job-cancel)
 * leaves a point-in-time copy and closes the destination, so that it can
 * be read as soon as the abort returns — what nova's live snapshot needs.
 * The live definition follows a pivot (new source and format); the
 * backing chain itself is QEMU's, read back with query-block.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qemu/qemu_blockjob.h"
#include "conf/domain_disks.h"
#include "qemu/qemu_driver.h"
#include "qemu/qemu_process.h"
#include "util/error.h"
#include "util/log.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* Longest wait for QEMU to end a job we asked to end. */
#define QEMU_BLOCKJOB_END_MS (60 * 1000)

static const char *
qemuDiskAttr(const nuvXNode *disk, const char *child, const char *attr)
{
    const nuvXNode *c = nuvXNodeChild(disk, child);
    return c ? nuvXNodeGet(c, attr) : NULL;
}

/* A <disk>'s source path (conf/domain_disks.h): the string is the
 * tree's, so it outlives the record. */
static const char *
qemuDiskSource(const nuvXNode *disk)
{
    g_auto(nuvDomainDisk) d = { 0 };

    nuvDomainDiskRead(&d, disk);
    return d.src.path;
}

nuvXNode *
qemuBlockFindDisk(const nuvDomainDef *def, const char *path)
{
    g_autoptr(nuvDomainDiskList) disks = nuvDomainDiskListNew(def);
    const nuvDomainDisk *d = nuvDomainDiskListByTargetOrPath(disks, path);

    if (d)
        return d->node;
    nuvReportError(VIR_ERR_INVALID_ARG, "disk '%s' not found in domain", path);
    return NULL;
}

static const char *
qemuJSONStr(json_object *o, const char *key)
{
    json_object *v = NULL;
    return o && json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : NULL;
}

static json_object *
qemuJSONObj(json_object *o, const char *key)
{
    json_object *v = NULL;
    return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* query-block's entry for @disk (a new reference), or NULL with an error. */
static json_object *
qemuBlockQueryDisk(nuvDomainObj *obj, const nuvXNode *disk)
{
    const char *alias = qemuDiskAttr(disk, "alias", "name");
    g_autofree char *prefix = g_strdup_printf("/machine/peripheral/%s/", alias ? alias : "");
    json_object *all = NULL, *found = NULL;

    if (qemuProcessCommand(obj, "query-block", NULL, &all) < 0)
        return NULL;
    for (size_t i = 0; alias && i < json_object_array_length(all); i++) {
        json_object *b = json_object_array_get_idx(all, i);
        const char *qdev = qemuJSONStr(b, "qdev");
        if (qdev && (strcmp(qdev, alias) == 0 || g_str_has_prefix(qdev, prefix))) {
            found = json_object_get(b);
            break;
        }
    }
    json_object_put(all);
    if (!found || !qemuJSONObj(found, "inserted")) {
        json_object_put(found);
        nuvReportError(VIR_ERR_OPERATION_INVALID, "disk '%s' has no medium in QEMU",
                       qemuDiskAttr(disk, "target", "dev"));
        return NULL;
    }
    return found;
}

char *
qemuBlockDiskNode(nuvDomainObj *obj, const nuvXNode *disk)
{
    json_object *b = qemuBlockQueryDisk(obj, disk);
    char *node;

    if (!b)
        return NULL;
    node = g_strdup(qemuJSONStr(qemuJSONObj(b, "inserted"), "node-name"));
    json_object_put(b);
    return node;
}

/* The images of @disk's chain, top first (paths), and the format node of
 * each (query-named-block-nodes). */
static int
qemuBlockChain(nuvDomainObj *obj, const nuvXNode *disk, GPtrArray **paths, GPtrArray **nodes)
{
    json_object *b = qemuBlockQueryDisk(obj, disk);
    json_object *all = NULL, *img;
    g_autoptr(GPtrArray) p = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) n = g_ptr_array_new_with_free_func(g_free);

    if (!b)
        return -1;
    for (img = qemuJSONObj(qemuJSONObj(b, "inserted"), "image"); img;
         img = qemuJSONObj(img, "backing-image"))
        g_ptr_array_add(p, g_strdup(qemuJSONStr(img, "filename")));
    json_object_put(b);
    if (qemuProcessCommand(obj, "query-named-block-nodes",
                           json_object_new_object(), &all) < 0)
        return -1;
    for (guint i = 0; i < p->len; i++) {
        const char *want = g_ptr_array_index(p, i);
        char *node = NULL;
        for (size_t j = 0; j < json_object_array_length(all) && !node; j++) {
            json_object *nd = json_object_array_get_idx(all, j);
            if (g_strcmp0(qemuJSONStr(nd, "file"), want) == 0 &&
                g_strcmp0(qemuJSONStr(nd, "drv"), "file") != 0)
                node = g_strdup(qemuJSONStr(nd, "node-name"));
        }
        g_ptr_array_add(n, node);
    }
    json_object_put(all);
    *paths = g_steal_pointer(&p);
    *nodes = g_steal_pointer(&n);
    return 0;
}

/* Index of @path in @paths (an image of the chain), or -1. */
static int
qemuBlockChainIndex(GPtrArray *paths, const char *path)
{
    for (guint i = 0; i < paths->len; i++) {
        if (g_strcmp0(g_ptr_array_index(paths, i), path) == 0)
            return i;
    }
    return -1;
}

void
qemuBlockJobApply(nuvDomainObj *obj, qemuBlockJob *job)
{
    g_autoptr(nuvDomainDiskList) disks = NULL;
    const nuvDomainDisk *d;
    nuvXNode *disk;
    nuvXNode *src;

    if (!job->pivot || job->failed || !job->newSource)
        return;
    disks = nuvDomainDiskListNew(obj->def);
    if (!(d = nuvDomainDiskListByTarget(disks, job->disk)))
        return;
    disk = d->node;
    src = nuvXNodeEnsureChild(disk, "source");
    nuvXNodeSet(src, d->src.type == NUV_DOMAIN_DISK_TYPE_BLOCK ? "dev" : "file", job->newSource);
    if (job->newFormat)
        nuvXNodeSet(nuvXNodeEnsureChild(disk, "driver"), "type", job->newFormat);
}

/* ---- starting jobs ---- */

typedef struct {
    nuvDomainObj *obj;
    nuvXNode *disk;             /* in obj->def */
    const char *target;
    char *node;                 /* the disk's format node */
} qemuBlockCtx;

static void
qemuBlockCtxClear(qemuBlockCtx *c)
{
    g_free(c->node);
    if (c->obj) {
        qemuDomainJobEnd(c->obj);
        nuvDomainObjEndAPI(&c->obj);
    }
}

/* Find the domain, take its job, check it runs, find the disk and check
 * it has no block job. */
static int
qemuBlockCtxBegin(qemuBlockCtx *c, virDomainPtr dom, const char *path, bool wantNoJob)
{
    nuvDomainObj *obj;
    qemuBlockJob *job;

    memset(c, 0, sizeof(*c));
    if (!(obj = qemuDomObjFromDomain(dom)))
        return -1;
    if (qemuCheckActive(obj) < 0 || qemuDomainJobBegin(obj) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    c->obj = obj;
    if (qemuCheckActive(obj) < 0 || !(c->disk = qemuBlockFindDisk(obj->def, path)))
        return -1;
    c->target = qemuDiskAttr(c->disk, "target", "dev");
    job = qemuBlockJobFind(qemuJobStateOf(obj), c->target);
    if (job && job->ended) {
        /* ended while nobody asked: forget it */
        qemuBlockJobRemove(qemuJobStateOf(obj), job);
        job = NULL;
    }
    if (wantNoJob && job) {
        nuvReportError(VIR_ERR_BLOCK_COPY_ACTIVE, "disk '%s' already in active block job",
                       c->target);
        return -1;
    }
    if (!(c->node = qemuBlockDiskNode(obj, c->disk)))
        return -1;
    return 0;
}

static qemuBlockJob *
qemuBlockJobAdd(qemuBlockCtx *c, int type)
{
    qemuBlockJob *job = g_new0(qemuBlockJob, 1);

    job->disk = g_strdup(c->target);
    job->oldNode = g_strdup(c->node);
    job->path = g_strdup(qemuDiskSource(c->disk));
    job->type = type;
    g_ptr_array_add(qemuJobStateOf(c->obj)->blockJobs, job);
    return job;
}

static unsigned long long
qemuBandwidthBytes(unsigned long bandwidth, bool bytes)
{
    return bytes ? bandwidth : (unsigned long long) bandwidth << 20;
}

/* qemu-img create for a copy destination we make ourselves. */
static int
qemuBlockCreateImage(const char *path, const char *format, unsigned long long size,
                     const char *backing, const char *backingFormat)
{
    g_autofree char *sz = g_strdup_printf("%llu", size);
    g_autofree char *err = NULL;
    GPtrArray *argv = g_ptr_array_new();
    int status = -1;
    bool ok;

    g_ptr_array_add(argv, (char *) "qemu-img");
    g_ptr_array_add(argv, (char *) "create");
    g_ptr_array_add(argv, (char *) "-q");
    g_ptr_array_add(argv, (char *) "-f");
    g_ptr_array_add(argv, (char *) format);
    if (backing) {
        g_ptr_array_add(argv, (char *) "-b");
        g_ptr_array_add(argv, (char *) backing);
        g_ptr_array_add(argv, (char *) "-F");
        g_ptr_array_add(argv, (char *) backingFormat);
    }
    g_ptr_array_add(argv, (char *) path);
    g_ptr_array_add(argv, sz);
    g_ptr_array_add(argv, NULL);
    ok = g_spawn_sync(NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                      NULL, &err, &status, NULL) && g_spawn_check_wait_status(status, NULL);
    g_ptr_array_unref(argv);
    if (!ok) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "cannot create image '%s': %s", path,
                       err ? g_strstrip(err) : "qemu-img failed");
        return -1;
    }
    return 0;
}

int
qemuBlockNodeAdd(nuvDomainObj *obj, const char *path, const char *format,
                 const char *storageNode, const char *formatNode, bool readonly)
{
    json_object *st = json_object_new_object();
    json_object *fo = json_object_new_object();

    json_object_object_add(st, "driver", json_object_new_string("file"));
    json_object_object_add(st, "filename", json_object_new_string(path));
    json_object_object_add(st, "node-name", json_object_new_string(storageNode));
    json_object_object_add(st, "auto-read-only", json_object_new_boolean(true));
    if (qemuProcessCommand(obj, "blockdev-add", st, NULL) < 0) {
        json_object_put(fo);
        return -1;
    }
    json_object_object_add(fo, "driver", json_object_new_string(format));
    json_object_object_add(fo, "node-name", json_object_new_string(formatNode));
    json_object_object_add(fo, "file", json_object_new_string(storageNode));
    json_object_object_add(fo, "read-only", json_object_new_boolean(readonly));
    if (qemuProcessCommand(obj, "blockdev-add", fo, NULL) < 0) {
        json_object *del = json_object_new_object();
        json_object_object_add(del, "node-name", json_object_new_string(storageNode));
        qemuProcessCommand(obj, "blockdev-del", del, NULL);
        return -1;
    }
    return 0;
}

static void
qemuBlockNodeDel(nuvDomainObj *obj, const char *formatNode, const char *storageNode)
{
    virErrorPtr saved = nuvErrorPreserve();
    const char *names[] = { formatNode, storageNode };

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        json_object *args = json_object_new_object();
        json_object_object_add(args, "node-name", json_object_new_string(names[i]));
        if (qemuProcessCommand(obj, "blockdev-del", args, NULL) < 0)
            NUV_DEBUG("blockdev-del %s failed", names[i]);
    }
    nuvErrorRestore(&saved);
}

/* Remove a format node we (or the command line) added, with its storage
 * node: "X-format" goes with "X-storage". */
void
qemuBlockNodeDelPair(nuvDomainObj *obj, const char *formatNode)
{
    g_autofree char *storage = NULL;

    if (!g_str_has_suffix(formatNode, "-format"))
        return;
    storage = g_strdup_printf("%.*s-storage", (int) (strlen(formatNode) - strlen("-format")),
                              formatNode);
    qemuBlockNodeDel(obj, formatNode, storage);
}

/* The mirror of disk @c into @dest (format @format). */
static int
qemuBlockCopyStart(qemuBlockCtx *c, const char *dest, const char *format, bool shallow,
                   bool reuse, unsigned long long bandwidth, unsigned int granularity,
                   unsigned long long bufSize)
{
    g_autofree char *storageNode = g_strdup_printf("nuvcopy-%s-storage", c->target);
    g_autofree char *formatNode = g_strdup_printf("nuvcopy-%s-format", c->target);
    json_object *args;
    qemuBlockJob *job;

    if (reuse) {
        if (access(dest, F_OK) < 0) {
            nuvReportSystemError(errno, "missing destination file for disk %s: %s",
                                 c->target, dest);
            return -1;
        }
    } else {
        json_object *b = qemuBlockQueryDisk(c->obj, c->disk);
        json_object *img;
        unsigned long long size;
        const char *backing, *backingFmt;

        if (!b)
            return -1;
        img = qemuJSONObj(qemuJSONObj(b, "inserted"), "image");
        size = json_object_get_int64(qemuJSONObj(img, "virtual-size"));
        backing = shallow ? qemuJSONStr(img, "backing-filename") : NULL;
        backingFmt = qemuJSONStr(qemuJSONObj(img, "backing-image"), "format");
        if (access(dest, F_OK) == 0) {
            json_object_put(b);
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           "destination file '%s' already exists; use VIR_DOMAIN_BLOCK_COPY_REUSE_EXT",
                           dest);
            return -1;
        }
        if (backing && strcmp(format, "raw") == 0)
            backing = NULL;
        if (qemuBlockCreateImage(dest, format, size, backing,
                                 backingFmt ? backingFmt : "raw") < 0) {
            json_object_put(b);
            return -1;
        }
        json_object_put(b);
    }
    if (qemuBlockNodeAdd(c->obj, dest, format, storageNode, formatNode, false) < 0)
        return -1;
    args = json_object_new_object();
    json_object_object_add(args, "job-id", json_object_new_string(c->target));
    json_object_object_add(args, "device", json_object_new_string(c->node));
    json_object_object_add(args, "target", json_object_new_string(formatNode));
    json_object_object_add(args, "sync", json_object_new_string(shallow ? "top" : "full"));
    if (bandwidth)
        json_object_object_add(args, "speed", json_object_new_int64(bandwidth));
    if (granularity)
        json_object_object_add(args, "granularity", json_object_new_int64(granularity));
    if (bufSize)
        json_object_object_add(args, "buf-size", json_object_new_int64(bufSize));
    job = qemuBlockJobAdd(c, VIR_DOMAIN_BLOCK_JOB_TYPE_COPY);
    job->newSource = g_strdup(dest);
    job->newFormat = g_strdup(format);
    job->newNode = g_steal_pointer(&formatNode);
    if (qemuProcessCommand(c->obj, "blockdev-mirror", args, NULL) < 0) {
        qemuBlockNodeDel(c->obj, job->newNode, storageNode);
        qemuBlockJobRemove(qemuJobStateOf(c->obj), job);
        return -1;
    }
    return 0;
}

static int
qemuBlockPullStart(qemuBlockCtx *c, const char *base, unsigned long long bandwidth)
{
    g_autoptr(GPtrArray) paths = NULL;
    g_autoptr(GPtrArray) nodes = NULL;
    json_object *args;
    qemuBlockJob *job;
    int idx = -1;

    if (base) {
        if (qemuBlockChain(c->obj, c->disk, &paths, &nodes) < 0)
            return -1;
        if ((idx = qemuBlockChainIndex(paths, base)) <= 0 || !g_ptr_array_index(nodes, idx)) {
            nuvReportError(VIR_ERR_INVALID_ARG,
                           "could not find image '%s' beneath '%s' in chain for '%s'",
                           base, qemuDiskSource(c->disk), c->target);
            return -1;
        }
    }
    args = json_object_new_object();
    json_object_object_add(args, "job-id", json_object_new_string(c->target));
    json_object_object_add(args, "device", json_object_new_string(c->node));
    if (idx > 0)
        json_object_object_add(args, "base-node",
                               json_object_new_string(g_ptr_array_index(nodes, idx)));
    if (bandwidth)
        json_object_object_add(args, "speed", json_object_new_int64(bandwidth));
    job = qemuBlockJobAdd(c, VIR_DOMAIN_BLOCK_JOB_TYPE_PULL);
    if (qemuProcessCommand(c->obj, "block-stream", args, NULL) < 0) {
        qemuBlockJobRemove(qemuJobStateOf(c->obj), job);
        return -1;
    }
    return 0;
}

int
qemuDomainBlockRebase(virDomainPtr dom, const char *path, const char *base,
                      unsigned long bandwidth, unsigned int flags)
{
    qemuBlockCtx c;
    const char *format;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_REBASE_SHALLOW | VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT |
                  VIR_DOMAIN_BLOCK_REBASE_COPY_RAW | VIR_DOMAIN_BLOCK_REBASE_COPY |
                  VIR_DOMAIN_BLOCK_REBASE_COPY_DEV | VIR_DOMAIN_BLOCK_REBASE_RELATIVE |
                  VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES, -1);
    if (!(flags & VIR_DOMAIN_BLOCK_REBASE_COPY) &&
        (flags & (VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT | VIR_DOMAIN_BLOCK_REBASE_COPY_RAW |
                  VIR_DOMAIN_BLOCK_REBASE_COPY_DEV))) {
        nuvReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       "flags for block copy require VIR_DOMAIN_BLOCK_REBASE_COPY");
        return -1;
    }
    if ((flags & VIR_DOMAIN_BLOCK_REBASE_COPY) && !base) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "destination for block copy is required");
        return -1;
    }
    if (qemuBlockCtxBegin(&c, dom, path, true) < 0)
        goto cleanup;
    if (flags & VIR_DOMAIN_BLOCK_REBASE_COPY) {
        format = (flags & VIR_DOMAIN_BLOCK_REBASE_COPY_RAW) ? "raw" :
                 qemuDiskAttr(c.disk, "driver", "type") ? qemuDiskAttr(c.disk, "driver", "type")
                                                        : "raw";
        ret = qemuBlockCopyStart(&c, base, format, flags & VIR_DOMAIN_BLOCK_REBASE_SHALLOW,
                                 flags & VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT,
                                 qemuBandwidthBytes(bandwidth,
                                                    flags & VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES),
                                 0, 0);
    } else {
        ret = qemuBlockPullStart(&c, base,
                                 qemuBandwidthBytes(bandwidth,
                                                    flags & VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES));
    }

 cleanup:
    qemuBlockCtxClear(&c);
    return ret;
}

int
qemuDomainBlockPull(virDomainPtr dom, const char *path, unsigned long bandwidth,
                    unsigned int flags)
{
    nuvCheckFlags(VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES, -1);
    return qemuDomainBlockRebase(dom, path, NULL, bandwidth,
                                 (flags & VIR_DOMAIN_BLOCK_PULL_BANDWIDTH_BYTES) ?
                                 VIR_DOMAIN_BLOCK_REBASE_BANDWIDTH_BYTES : 0);
}

int
qemuDomainBlockCopy(virDomainPtr dom, const char *disk, const char *destxml,
                    virTypedParameterPtr params, int nparams, unsigned int flags)
{
    qemuBlockCtx c;
    nuvXNode *dest = NULL;
    unsigned long long bandwidth = 0, bufSize = 0;
    unsigned int granularity = 0;
    const char *path, *format;
    virTypedParameterPtr p;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_COPY_SHALLOW | VIR_DOMAIN_BLOCK_COPY_REUSE_EXT |
                  VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB | VIR_DOMAIN_BLOCK_COPY_SYNCHRONOUS_WRITES,
                  -1);
    if (nuvTypedParamsValidate(params, nparams,
                               VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, VIR_TYPED_PARAM_ULLONG,
                               VIR_DOMAIN_BLOCK_COPY_GRANULARITY, VIR_TYPED_PARAM_UINT,
                               VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, VIR_TYPED_PARAM_ULLONG,
                               NULL) < 0)
        return -1;
    if ((p = nuvTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_COPY_BANDWIDTH)))
        bandwidth = p->value.ul;
    if ((p = nuvTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_COPY_GRANULARITY)))
        granularity = p->value.ui;
    if ((p = nuvTypedParamsFind(params, nparams, VIR_DOMAIN_BLOCK_COPY_BUF_SIZE)))
        bufSize = p->value.ul;
    if (granularity && (granularity < 512 || granularity > 64 * 1024 * 1024 ||
                        (granularity & (granularity - 1)))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "granularity must be power of 2 between 512 and 64M");
        return -1;
    }
    if (qemuBlockCtxBegin(&c, dom, disk, true) < 0)
        goto cleanup;
    if (!(dest = nuvDomainDeviceParse(c.obj->def, destxml, 0)))
        goto cleanup;
    if (g_strcmp0(nuvXNodeName(dest), "disk") != 0 || !(path = qemuDiskSource(dest))) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s",
                       "the destination of a block copy must be a <disk> with a source");
        goto cleanup;
    }
    format = qemuDiskAttr(dest, "driver", "type") ? qemuDiskAttr(dest, "driver", "type") :
             qemuDiskAttr(c.disk, "driver", "type") ? qemuDiskAttr(c.disk, "driver", "type")
                                                    : "raw";
    if (strcmp(format, "raw") != 0 && strcmp(format, "qcow2") != 0) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "unsupported disk format '%s'", format);
        goto cleanup;
    }
    ret = qemuBlockCopyStart(&c, path, format, flags & VIR_DOMAIN_BLOCK_COPY_SHALLOW,
                             flags & VIR_DOMAIN_BLOCK_COPY_REUSE_EXT, bandwidth, granularity,
                             bufSize);

 cleanup:
    nuvXNodeFree(dest);
    qemuBlockCtxClear(&c);
    return ret;
}

int
qemuDomainBlockCommit(virDomainPtr dom, const char *disk, const char *base, const char *top,
                      unsigned long bandwidth, unsigned int flags)
{
    qemuBlockCtx c;
    g_autoptr(GPtrArray) paths = NULL;
    g_autoptr(GPtrArray) nodes = NULL;
    json_object *args;
    qemuBlockJob *job;
    int topIdx = 0, baseIdx;
    bool active;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_COMMIT_SHALLOW | VIR_DOMAIN_BLOCK_COMMIT_ACTIVE |
                  VIR_DOMAIN_BLOCK_COMMIT_RELATIVE | VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES, -1);
    if (qemuBlockCtxBegin(&c, dom, disk, true) < 0 ||
        qemuBlockChain(c.obj, c.disk, &paths, &nodes) < 0)
        goto cleanup;
    if (top && (topIdx = qemuBlockChainIndex(paths, top)) < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "could not find image '%s' in chain for '%s'",
                       top, c.target);
        goto cleanup;
    }
    active = topIdx == 0;
    if (active && !(flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE)) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "commit of '%s' active layer requires active flag", c.target);
        goto cleanup;
    }
    if (!active && (flags & VIR_DOMAIN_BLOCK_COMMIT_ACTIVE)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "active commit requested but '%s' is not active",
                       (char *) g_ptr_array_index(paths, topIdx));
        goto cleanup;
    }
    if ((guint) topIdx + 1 >= paths->len) {
        nuvReportError(VIR_ERR_INVALID_ARG, "top '%s' in chain for '%s' has no backing file",
                       (char *) g_ptr_array_index(paths, topIdx), c.target);
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_BLOCK_COMMIT_SHALLOW)
        baseIdx = topIdx + 1;
    else if (base)
        baseIdx = qemuBlockChainIndex(paths, base);
    else
        baseIdx = paths->len - 1;
    if (baseIdx <= topIdx) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "could not find base image '%s' beneath '%s' in chain for '%s'",
                       base ? base : "", (char *) g_ptr_array_index(paths, topIdx), c.target);
        goto cleanup;
    }
    if (!g_ptr_array_index(nodes, baseIdx) || (!active && !g_ptr_array_index(nodes, topIdx))) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "QEMU has no node for the images of '%s'",
                       c.target);
        goto cleanup;
    }
    args = json_object_new_object();
    json_object_object_add(args, "job-id", json_object_new_string(c.target));
    json_object_object_add(args, "device", json_object_new_string(c.node));
    if (!active)
        json_object_object_add(args, "top-node",
                               json_object_new_string(g_ptr_array_index(nodes, topIdx)));
    json_object_object_add(args, "base-node",
                           json_object_new_string(g_ptr_array_index(nodes, baseIdx)));
    if (bandwidth)
        json_object_object_add(args, "speed", json_object_new_int64(
                                   qemuBandwidthBytes(bandwidth,
                                                      flags & VIR_DOMAIN_BLOCK_COMMIT_BANDWIDTH_BYTES)));
    job = qemuBlockJobAdd(&c, active ? VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT
                                     : VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT);
    if (active) {
        job->newSource = g_strdup(g_ptr_array_index(paths, baseIdx));
        job->newNode = g_strdup(g_ptr_array_index(nodes, baseIdx));
    }
    if (qemuProcessCommand(c.obj, "block-commit", args, NULL) < 0) {
        qemuBlockJobRemove(qemuJobStateOf(c.obj), job);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    qemuBlockCtxClear(&c);
    return ret;
}

/* ---- following and ending jobs ---- */

static bool
qemuBlockJobEnded(nuvDomainObj *obj, void *opaque)
{
    qemuBlockJob *job = qemuBlockJobFind(qemuJobStateOf(obj), opaque);
    return !job || job->ended;
}

/* QEMU's entry for job @id in query-block-jobs (new reference), NULL if
 * it has none. */
static json_object *
qemuBlockJobQuery(nuvDomainObj *obj, const char *id)
{
    json_object *all = NULL, *found = NULL;

    if (qemuProcessCommand(obj, "query-block-jobs", NULL, &all) < 0)
        return NULL;
    for (size_t i = 0; i < json_object_array_length(all); i++) {
        json_object *j = json_object_array_get_idx(all, i);
        if (g_strcmp0(qemuJSONStr(j, "device"), id) == 0)
            found = json_object_get(j);
    }
    json_object_put(all);
    return found;
}

int
qemuDomainBlockJobAbort(virDomainPtr dom, const char *path, unsigned int flags)
{
    qemuBlockCtx c;
    qemuBlockJob *job;
    json_object *args;
    bool pivot = flags & VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC | VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT, -1);
    if (qemuBlockCtxBegin(&c, dom, path, false) < 0)
        goto cleanup;
    if (!(job = qemuBlockJobFind(qemuJobStateOf(c.obj), c.target))) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "disk %s does not have an active block job",
                       c.target);
        goto cleanup;
    }
    if (pivot) {
        if (job->type != VIR_DOMAIN_BLOCK_JOB_TYPE_COPY &&
            job->type != VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT) {
            nuvReportError(VIR_ERR_OPERATION_INVALID,
                           "job type '%s' does not support pivot",
                           job->type == VIR_DOMAIN_BLOCK_JOB_TYPE_PULL ? "pull" : "commit");
            goto cleanup;
        }
        if (!job->ready) {
            json_object *q = qemuBlockJobQuery(c.obj, c.target);
            json_object *ready = qemuJSONObj(q, "ready");
            job->ready = ready && json_object_get_boolean(ready);
            json_object_put(q);
            nuvErrorReset();
        }
        if (!job->ready) {
            nuvReportError(VIR_ERR_BLOCK_COPY_ACTIVE, "disk '%s' not ready for pivot yet",
                           c.target);
            goto cleanup;
        }
        job->pivot = true;
    } else {
        job->cancelled = true;
    }
    args = json_object_new_object();
    json_object_object_add(args, "device", json_object_new_string(c.target));
    if (qemuProcessCommand(c.obj, pivot ? "block-job-complete" : "block-job-cancel",
                           args, NULL) < 0) {
        if ((job = qemuBlockJobFind(qemuJobStateOf(c.obj), c.target)))
            job->pivot = job->cancelled = false;
        goto cleanup;
    }
    if (flags & VIR_DOMAIN_BLOCK_JOB_ABORT_ASYNC) {
        ret = 0;
        goto cleanup;
    }
    if (qemuJobWait(c.obj, qemuBlockJobEnded, (void *) c.target, QEMU_BLOCKJOB_END_MS,
                    "block job") < 0)
        goto cleanup;
    if ((job = qemuBlockJobFind(qemuJobStateOf(c.obj), c.target))) {
        if (job->failed) {
            nuvReportError(VIR_ERR_OPERATION_FAILED, "block job of disk '%s' failed: %s",
                           c.target, job->error ? job->error : "unknown error");
            qemuBlockJobRemove(qemuJobStateOf(c.obj), job);
            goto cleanup;
        }
        /* a copy that was not pivoted leaves its destination closed, a
         * point-in-time copy; a pivot leaves the old image unused, and
         * holding on to what is now the disk's root */
        if (job->type == VIR_DOMAIN_BLOCK_JOB_TYPE_COPY && !job->pivot && job->newNode)
            qemuBlockNodeDelPair(c.obj, job->newNode);
        if (job->pivot && job->oldNode)
            qemuBlockNodeDelPair(c.obj, job->oldNode);
        qemuBlockJobRemove(qemuJobStateOf(c.obj), job);
    }
    qemuDomainSaveStatus(qemuDomainPrivOf(c.obj)->driver, c.obj);
    ret = 0;

 cleanup:
    qemuBlockCtxClear(&c);
    return ret;
}

int
qemuDomainGetBlockJobInfo(virDomainPtr dom, const char *path, virDomainBlockJobInfoPtr info,
                          unsigned int flags)
{
    nuvDomainObj *obj;
    nuvXNode *disk;
    qemuBlockJob *job;
    json_object *q = NULL;
    const char *target;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES, -1);
    if (!(obj = qemuDomObjFromDomain(dom)))
        return -1;
    if (qemuCheckActive(obj) < 0 || !(disk = qemuBlockFindDisk(obj->def, path)))
        goto cleanup;
    target = qemuDiskAttr(disk, "target", "dev");
    memset(info, 0, sizeof(*info));
    job = qemuBlockJobFind(qemuJobStateOf(obj), target);
    if (!job || job->ended) {
        ret = 0;
        goto cleanup;
    }
    info->type = job->type;
    if (!(q = qemuBlockJobQuery(obj, target))) {
        ret = nuvErrorIsSet() ? -1 : 0;
        goto cleanup;
    }
    if ((job = qemuBlockJobFind(qemuJobStateOf(obj), target))) {
        unsigned long long speed = json_object_get_int64(qemuJSONObj(q, "speed"));
        info->cur = json_object_get_int64(qemuJSONObj(q, "offset"));
        info->end = json_object_get_int64(qemuJSONObj(q, "len"));
        info->bandwidth = (flags & VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES) ? speed
                                                                            : speed >> 20;
    }
    ret = 1;

 cleanup:
    json_object_put(q);
    nuvDomainObjEndAPI(&obj);
    return ret;
}

int
qemuDomainBlockJobSetSpeed(virDomainPtr dom, const char *path, unsigned long bandwidth,
                           unsigned int flags)
{
    qemuBlockCtx c;
    json_object *args;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES, -1);
    if (qemuBlockCtxBegin(&c, dom, path, false) < 0)
        goto cleanup;
    if (!qemuBlockJobFind(qemuJobStateOf(c.obj), c.target)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "disk %s does not have an active block job",
                       c.target);
        goto cleanup;
    }
    args = json_object_new_object();
    json_object_object_add(args, "device", json_object_new_string(c.target));
    json_object_object_add(args, "speed", json_object_new_int64(
                               qemuBandwidthBytes(bandwidth,
                                                  flags & VIR_DOMAIN_BLOCK_JOB_SPEED_BANDWIDTH_BYTES)));
    ret = qemuProcessCommand(c.obj, "block-job-set-speed", args, NULL);

 cleanup:
    qemuBlockCtxClear(&c);
    return ret;
}
