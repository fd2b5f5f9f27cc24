/*
 * storagedrivertest.c: the host's storage driver through the public API,
 * on qemu:///embed in a temporary root, with dir pools in temporary
 * directories: real files checked with stat and qemu-img, names that try
 * to leave the pool, sparse streams, and a restart (a second process on
 * the same root finds the running pools again and starts the autostart
 * ones).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "../api/testlib.h"

static char *root;
static char *uri;
static char *self;

static char *
poolXML(const char *name, const char *dir)
{
    return g_strdup_printf("<pool type='dir'><name>%s</name><target><path>%s</path></target>"
                           "</pool>", name, dir);
}

static char *
volXML(const char *name, const char *format, unsigned long long cap,
       unsigned long long alloc, const char *backing)
{
    g_autofree char *bs = backing
        ? g_strdup_printf("<backingStore><path>%s</path><format type='raw'/></backingStore>",
                          backing)
        : g_strdup("");
    return g_strdup_printf("<volume><name>%s</name><capacity unit='bytes'>%llu</capacity>"
                           "<allocation unit='bytes'>%llu</allocation>"
                           "<target><format type='%s'/></target>%s</volume>",
                           name, cap, alloc, format, bs);
}

static bool
run(const char *cmd, char **out)
{
    int status = 0;
    return g_spawn_command_line_sync(cmd, out, NULL, &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

static bool
xmlHas(char *xml, const char *part)
{
    bool ok = xml && strstr(xml, part);
    if (!ok)
        fprintf(stderr, "  '%s' not in:\n%s\n", part, xml ? xml : "(null)");
    free(xml);
    return ok;
}

/* ---- pools ---- */

static int
testPoolLifecycle(void)
{
    g_autofree char *dir = g_build_filename(root, "pools", "p1", NULL);
    g_autofree char *xml = poolXML("p1", dir);
    g_autofree char *cfg = g_build_filename(root, "etc", "storage", "p1.xml", NULL);
    g_autofree char *link = g_build_filename(root, "etc", "storage", "autostart", "p1.xml",
                                             NULL);
    g_autofree char *outside = g_build_filename(dir, "made-outside.img", NULL);
    g_autofree char *cmd = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStoragePoolInfo info;
    virStorageVolPtr vol;
    virStorageVolInfo vinfo;
    int autostart = -1;

    CHECK(conn);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK(access(cfg, F_OK) == 0);
    /* not built yet: the target is not there */
    CHECK(virStoragePoolCreate(pool, 0) < 0);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "cannot open directory");
    CHECK(virStoragePoolIsActive(pool) == 0);
    CHECK(virStoragePoolBuild(pool, 0) == 0);
    CHECK(g_file_test(dir, G_FILE_TEST_IS_DIR));
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolIsActive(pool) == 1);
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.state == VIR_STORAGE_POOL_RUNNING && info.capacity > 0 &&
          info.available <= info.capacity);
    CHECK(virStoragePoolSetAutostart(pool, 1) == 0);
    CHECK(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
    CHECK(virStoragePoolGetAutostart(pool, &autostart) == 0 && autostart == 1);
    CHECK(virStoragePoolSetAutostart(pool, 0) == 0);
    CHECK(!g_file_test(link, G_FILE_TEST_EXISTS));

    /* files made behind the driver's back appear on refresh */
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    cmd = g_strdup_printf("qemu-img create -q -f qcow2 %s 5M", outside);
    CHECK(run(cmd, NULL));
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == 1);
    CHECK((vol = virStorageVolLookupByName(pool, "made-outside.img")));
    CHECK(virStorageVolGetInfo(vol, &vinfo) == 0);
    CHECK(vinfo.type == VIR_STORAGE_VOL_FILE && vinfo.capacity == 5 * 1024 * 1024);
    CHECK(xmlHas(virStorageVolGetXMLDesc(vol, 0), "<format type='qcow2'/>"));
    virStorageVolFree(vol);
    CHECK((vol = virStorageVolLookupByPath(conn, outside)));
    virStorageVolFree(vol);
    CHECK(xmlHas(virStoragePoolGetXMLDesc(pool, 0), dir));

    /* a running pool is neither deleted nor undefined */
    CHECK(virStoragePoolUndefine(pool) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "p1");
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStoragePoolDelete(pool, 0) < 0);     /* not empty */
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "failed to remove pool");
    CHECK(unlink(outside) == 0);
    CHECK(virStoragePoolDelete(pool, 0) == 0);
    CHECK(!g_file_test(dir, G_FILE_TEST_EXISTS));
    CHECK(virStoragePoolUndefine(pool) == 0);
    CHECK(access(cfg, F_OK) != 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testPoolBadInput(void)
{
    g_autofree char *file = g_build_filename(root, "a-file", NULL);
    g_autofree char *xml = poolXML("onfile", file);
    g_autofree char *dup = NULL;
    g_autofree char *dir = g_build_filename(root, "pools", "dupe", NULL);
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;

    CHECK(conn);
    CHECK(g_file_set_contents(file, "x", 1, NULL));
    CHECK(!virStoragePoolCreateXML(conn, xml, 0));
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "Not a directory");
    CHECK(!virStoragePoolLookupByName(conn, "onfile"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, "onfile");

    CHECK(!virStoragePoolDefineXML(conn,
                                   "<pool type='iscsi'><name>i</name><source>"
                                   "<host name='h'/><device path='iqn.x'/></source>"
                                   "<target><path>/dev/disk/by-path</path></target></pool>",
                                   0));
    CHECK_ERR(VIR_ERR_NO_SUPPORT, "'iscsi'");

    /* two pools on one directory */
    g_free(xml);
    xml = poolXML("dupe1", dir);
    CHECK((pool = virStoragePoolCreateXML(conn, xml, VIR_STORAGE_POOL_CREATE_WITH_BUILD)));
    dup = poolXML("dupe2", dir);
    CHECK(!virStoragePoolDefineXML(conn, dup, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "dupe1");
    /* a transient pool goes away when stopped */
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(!virStoragePoolLookupByName(conn, "dupe1"));
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* ---- volumes ---- */

static virStoragePoolPtr
startPool(virConnectPtr conn, const char *name, char **dirOut)
{
    g_autofree char *dir = g_build_filename(root, "pools", name, NULL);
    g_autofree char *xml = poolXML(name, dir);
    virStoragePoolPtr pool = virStoragePoolCreateXML(conn, xml,
                                                     VIR_STORAGE_POOL_CREATE_WITH_BUILD);
    if (dirOut)
        *dirOut = g_steal_pointer(&dir);
    return pool;
}

static int
testVolumes(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *base = NULL;
    g_autofree char *out = NULL;
    g_autofree char *cmd = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr raw, top, clone;
    virStorageVolInfo info;
    struct stat sb;
    int fd;

    CHECK(conn);
    CHECK((pool = startPool(conn, "vols", &dir)));

    /* raw, sparse: capacity without allocation */
    xml = volXML("base.img", "raw", 8 << 20, 0, NULL);
    CHECK((raw = virStorageVolCreateXML(pool, xml, 0)));
    base = g_build_filename(dir, "base.img", NULL);
    CHECK(stat(base, &sb) == 0 && sb.st_size == 8 << 20 && sb.st_blocks < 64);
    CHECK((sb.st_mode & 0777) == 0600);
    CHECK(virStorageVolGetInfo(raw, &info) == 0);
    CHECK(info.capacity == 8 << 20 && info.allocation < 32768);
    CHECK(virStorageVolGetInfoFlags(raw, &info, VIR_STORAGE_VOL_GET_PHYSICAL) == 0 &&
          info.allocation == 8 << 20);
    CHECK(strcmp(virStorageVolGetKey(raw), base) == 0);
    /* the same name again */
    CHECK(!virStorageVolCreateXML(pool, xml, 0));
    CHECK_ERR(VIR_ERR_STORAGE_VOL_EXIST, "base.img");

    /* fully allocated raw */
    g_free(xml);
    xml = volXML("full.img", "raw", 1 << 20, 1 << 20, NULL);
    CHECK((clone = virStorageVolCreateXML(pool, xml, 0)));
    CHECK(virStorageVolGetInfo(clone, &info) == 0 && info.allocation >= 1 << 20);
    CHECK(virStorageVolDelete(clone, 0) == 0);
    virStorageVolFree(clone);

    /* qcow2 on top of the raw one */
    g_free(xml);
    xml = volXML("top.qcow2", "qcow2", 16 << 20, 0, base);
    CHECK((top = virStorageVolCreateXML(pool, xml, 0)));
    cmd = g_strdup_printf("qemu-img info %s/top.qcow2", dir);
    CHECK(run(cmd, &out));
    CHECK(strstr(out, "file format: qcow2") && strstr(out, "base.img") &&
          strstr(out, "backing file format: raw"));
    CHECK(xmlHas(virStorageVolGetXMLDesc(top, 0), "<backingStore>"));
    CHECK(xmlHas(virStorageVolGetXMLDesc(top, 0), "<compat>1.1</compat>"));
    CHECK(virStorageVolGetInfo(top, &info) == 0 && info.capacity == 16 << 20);

    /* clone: qcow2 converted to raw, asked bigger */
    g_free(xml);
    xml = volXML("flat.img", "raw", 32 << 20, 0, NULL);
    CHECK((clone = virStorageVolCreateXMLFrom(pool, xml, top, 0)));
    CHECK(virStorageVolGetInfo(clone, &info) == 0 && info.capacity == 32 << 20);
    CHECK(xmlHas(virStorageVolGetXMLDesc(clone, 0), "<format type='raw'/>"));

    /* resize: grow; shrink only with the flag */
    CHECK(virStorageVolResize(raw, 16 << 20, 0) == 0);
    CHECK(stat(base, &sb) == 0 && sb.st_size == 16 << 20);
    CHECK(virStorageVolResize(raw, 4 << 20, 0) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "shrink");
    CHECK(virStorageVolResize(raw, 4 << 20, VIR_STORAGE_VOL_RESIZE_SHRINK) == 0);
    CHECK(stat(base, &sb) == 0 && sb.st_size == 4 << 20);
    CHECK(virStorageVolResize(top, 1 << 20, VIR_STORAGE_VOL_RESIZE_DELTA) == 0);
    CHECK(virStorageVolGetInfo(top, &info) == 0 && info.capacity == 17 << 20);

    /* wipe: data gone, size kept */
    CHECK((fd = open(base, O_WRONLY)) >= 0);
    CHECK(pwrite(fd, "secret", 6, 4096) == 6);
    close(fd);
    CHECK(virStorageVolWipe(raw, 0) == 0);
    {
        g_autofree char *data = NULL;
        gsize len = 0;
        CHECK(g_file_get_contents(base, &data, &len, NULL));
        CHECK(len == 4 << 20 && memcmp(data + 4096, "\0\0\0\0\0\0", 6) == 0);
    }
    CHECK(virStorageVolWipePattern(raw, VIR_STORAGE_VOL_WIPE_ALG_TRIM, 0) < 0);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "trim");

    /* delete */
    CHECK(virStorageVolDelete(clone, 0) == 0);
    CHECK(access(virStorageVolGetKey(clone), F_OK) != 0);
    CHECK(!virStorageVolLookupByName(pool, "flat.img"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, "flat.img");
    virStorageVolFree(clone);
    virStorageVolFree(top);
    virStorageVolFree(raw);
    CHECK(virStoragePoolNumOfVolumes(pool) == 2);
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* Nothing of a refused or failed volume is left in the pool, and no name
 * reaches outside it. */
static int
testVolumeNames(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *victim = g_build_filename(root, "victim", NULL);
    g_autofree char *lnk = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStreamPtr st;
    const char *bad[] = { "../escape", "a/b", "..", "." };

    CHECK(conn);
    CHECK((pool = startPool(conn, "names", &dir)));
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *xml = volXML(bad[i], "raw", 4096, 0, NULL);
        CHECK(!virStorageVolCreateXML(pool, xml, 0));
        CHECK(virGetLastError() && (virGetLastError()->code == VIR_ERR_XML_ERROR ||
                                    virGetLastError()->code == VIR_ERR_INVALID_ARG));
    }
    {
        g_autofree char *escaped = g_build_filename(root, "pools", "escape", NULL);
        CHECK(access(escaped, F_OK) != 0);
    }

    /* qemu-img failing (a backing file that is not there): nothing left */
    {
        g_autofree char *xml = volXML("broken.qcow2", "qcow2", 1 << 20, 0, "/nonexistent.img");
        g_autoptr(GDir) d = NULL;
        CHECK(!virStorageVolCreateXML(pool, xml, 0));
        CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "qemu-img");
        CHECK((d = g_dir_open(dir, 0, NULL)));
        CHECK(g_dir_read_name(d) == NULL);
    }

    /* a link to a file outside: listed, but never written through */
    CHECK(g_file_set_contents(victim, "precious", 8, NULL));
    lnk = g_build_filename(dir, "link.img", NULL);
    CHECK(symlink(victim, lnk) == 0);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK((vol = virStorageVolLookupByName(pool, "link.img")));
    CHECK(virStorageVolWipe(vol, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "symbolic link");
    CHECK(virStorageVolResize(vol, 1 << 20, 0) < 0);
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolUpload(vol, st, 0, 0, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "symbolic link");
    virStreamFree(st);
    {
        g_autofree char *data = NULL;
        CHECK(g_file_get_contents(victim, &data, NULL, NULL) && strcmp(data, "precious") == 0);
    }
    CHECK(virStorageVolDelete(vol, 0) == 0);     /* removes the link only */
    CHECK(access(victim, F_OK) == 0);
    virStorageVolFree(vol);
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* ---- streams ---- */

typedef struct {
    int fd;
    off_t pos;
    off_t end;
} srcFile;

static int
srcRead(virStreamPtr st, char *buf, size_t n, void *opaque)
{
    srcFile *s = opaque;
    ssize_t got = pread(s->fd, buf, n, s->pos);
    if (got > 0)
        s->pos += got;
    return got;
}

static int
srcHole(virStreamPtr st, int *inData, long long *length, void *opaque)
{
    srcFile *s = opaque;
    off_t d = lseek(s->fd, s->pos, SEEK_DATA);
    off_t h;

    if (s->pos >= s->end) {
        *inData = 0;
        *length = 0;
        return 0;
    }
    if (d < 0 || d > s->pos) {
        *inData = 0;
        *length = (d < 0 ? s->end : d) - s->pos;
        return 0;
    }
    h = lseek(s->fd, s->pos, SEEK_HOLE);
    *inData = 1;
    *length = h - s->pos;
    return 0;
}

static int
srcSkip(virStreamPtr st, long long length, void *opaque)
{
    ((srcFile *) opaque)->pos += length;
    return 0;
}

typedef struct {
    long long data;
    long long holes;
    GString *bytes;
} sinkStats;

static int
sinkData(virStreamPtr st, const char *buf, size_t n, void *opaque)
{
    sinkStats *s = opaque;
    s->data += n;
    if (s->bytes->len < 8192)
        g_string_append_len(s->bytes, buf, MIN(n, 8192));
    return n;
}

static int
sinkHole(virStreamPtr st, long long length, void *opaque)
{
    ((sinkStats *) opaque)->holes += length;
    return 0;
}

static int
testStreams(void)
{
    g_autofree char *dir = NULL;
    g_autofree char *src = g_build_filename(root, "sparse-src", NULL);
    g_autofree char *xml = volXML("disk.img", "raw", 64 << 20, 0, NULL);
    g_autofree char *path = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStreamPtr st;
    srcFile s = { 0 };
    sinkStats k = { 0, 0, g_string_new(NULL) };
    struct stat sb;
    char block[4096];

    CHECK(conn);
    CHECK((pool = startPool(conn, "streams", &dir)));
    CHECK((vol = virStorageVolCreateXML(pool, xml, 0)));
    path = g_build_filename(dir, "disk.img", NULL);

    /* a 64 MiB source with two 4 KiB blocks of data */
    memset(block, 'A', sizeof(block));
    CHECK((s.fd = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600)) >= 0);
    CHECK(ftruncate(s.fd, 64 << 20) == 0);
    CHECK(pwrite(s.fd, block, sizeof(block), 0) == sizeof(block));
    CHECK(pwrite(s.fd, block, sizeof(block), 32 << 20) == sizeof(block));
    s.end = 64 << 20;

    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolUpload(vol, st, 0, 0, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM) == 0);
    CHECK(virStreamSparseSendAll(st, srcRead, srcHole, srcSkip, &s) == 0);
    CHECK(virStreamFinish(st) == 0);
    virStreamFree(st);
    close(s.fd);
    CHECK(stat(path, &sb) == 0 && sb.st_size == 64 << 20);
    CHECK(sb.st_blocks * 512 < (1 << 20));      /* still sparse */

    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolDownload(vol, st, 0, 0, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM) == 0);
    CHECK(virStreamSparseRecvAll(st, sinkData, sinkHole, &k) == 0);
    CHECK(virStreamFinish(st) == 0);
    virStreamFree(st);
    CHECK(k.data + k.holes == 64 << 20);
    CHECK(k.holes >= 60 << 20 && k.data >= 8192);
    CHECK(k.bytes->str[0] == 'A' && k.bytes->str[4095] == 'A');

    /* a non-sparse download of a range sends the zeros */
    k.data = k.holes = 0;
    CHECK((st = virStreamNew(conn, 0)));
    CHECK(virStorageVolDownload(vol, st, 4096, 65536, 0) == 0);
    CHECK(virStreamRecvAll(st, sinkData, &k) == 0);
    CHECK(virStreamFinish(st) == 0);
    virStreamFree(st);
    CHECK(k.data == 65536 && k.holes == 0);

    g_string_free(k.bytes, TRUE);
    virStorageVolFree(vol);
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* ---- refresh through its cache ----
 * Refresh keeps the definitions of files unchanged since the last one;
 * volume queries re-read their file anyway, so what this checks is that
 * the cached path (ownership of the kept definitions: ASan) gives the
 * same pool as a full scan: a changed file, a removed one. */

static int
testRefreshCache(void)
{
    g_autofree char *dir = g_build_filename(root, "pools", "cache", NULL);
    g_autofree char *xml = poolXML("cache", dir);
    g_autofree char *file = g_build_filename(dir, "f.img", NULL);
    g_autofree char *model = g_build_filename(root, "model.qcow2", NULL);
    g_autofree char *cmd = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr vol;

    CHECK(conn);
    CHECK(g_mkdir_with_parents(dir, 0755) == 0);
    cmd = g_strdup_printf("truncate -s 1M %s", file);
    CHECK(run(cmd, NULL));
    CHECK((pool = virStoragePoolCreateXML(conn, xml, 0)));
    /* old enough to be remembered, then refreshed from memory */
    g_usleep(3 * G_USEC_PER_SEC);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK((vol = virStorageVolLookupByName(pool, "f.img")));
    CHECK(xmlHas(virStorageVolGetXMLDesc(vol, 0), "<format type='raw'/>"));
    virStorageVolFree(vol);
    /* the same size, another header: the next refresh reads it again */
    g_free(cmd);
    cmd = g_strdup_printf("sh -c 'qemu-img create -q -f qcow2 %s 5M && "
                          "dd if=%s of=%s bs=512 count=1 conv=notrunc status=none'",
                          model, model, file);
    CHECK(run(cmd, NULL));
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK((vol = virStorageVolLookupByName(pool, "f.img")));
    CHECK(xmlHas(virStorageVolGetXMLDesc(vol, 0), "<format type='qcow2'/>"));
    virStorageVolFree(vol);
    /* gone from the directory, gone from the pool */
    CHECK(unlink(file) == 0);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

/* ---- restart ---- */

static bool
runPhase(const char *phase)
{
    g_autofree char *cmd = g_strdup_printf("%s --phase %s %s", self, phase, root);
    int status = 0;
    return g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

static int
phaseDefine(void)
{
    g_autofree char *dirA = g_build_filename(root, "pools", "keep", NULL);
    g_autofree char *dirB = g_build_filename(root, "pools", "auto", NULL);
    g_autofree char *xmlA = poolXML("keep", dirA);
    g_autofree char *xmlB = poolXML("auto", dirB);
    g_autofree char *vx = volXML("v.img", "raw", 1 << 20, 0, NULL);
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr a, b;
    virStorageVolPtr v;

    CHECK(conn);
    CHECK((a = virStoragePoolDefineXML(conn, xmlA, 0)));
    CHECK(virStoragePoolCreate(a, VIR_STORAGE_POOL_CREATE_WITH_BUILD) == 0);
    CHECK((v = virStorageVolCreateXML(a, vx, 0)));
    virStorageVolFree(v);
    CHECK((b = virStoragePoolDefineXML(conn, xmlB, 0)));
    CHECK(virStoragePoolBuild(b, 0) == 0);
    CHECK(virStoragePoolSetAutostart(b, 1) == 0);
    CHECK(virStoragePoolIsActive(b) == 0);
    virStoragePoolFree(a);
    virStoragePoolFree(b);
    virConnectClose(conn);
    return 0;
}

static int
phaseCheck(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr a, b;
    virStoragePoolPtr *all = NULL;
    int n;

    CHECK(conn);
    CHECK((a = virStoragePoolLookupByName(conn, "keep")));
    CHECK(virStoragePoolIsActive(a) == 1);
    CHECK(virStoragePoolNumOfVolumes(a) == 1);
    CHECK((b = virStoragePoolLookupByName(conn, "auto")));
    CHECK(virStoragePoolIsActive(b) == 1);
    n = virConnectListAllStoragePools(conn, &all, VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART);
    CHECK(n == 1 && strcmp(virStoragePoolGetName(all[0]), "auto") == 0);
    virStoragePoolFree(all[0]);
    free(all);
    virStoragePoolFree(a);
    virStoragePoolFree(b);
    virConnectClose(conn);
    return 0;
}

static int
testRestart(void)
{
    CHECK(runPhase("define"));
    CHECK(runPhase("check"));
    return 0;
}

/* test:///default keeps its own in-memory storage. */
static int
testTestDriverUntouched(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virStoragePoolPtr pool;

    CHECK(conn);
    CHECK((pool = virStoragePoolLookupByName(conn, "default-pool")));
    CHECK(!virStoragePoolLookupByName(conn, "vols"));
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

int
main(int argc, char **argv)
{
    static const testCase cases[] = {
        { "pool-lifecycle", testPoolLifecycle },
        { "pool-bad-input", testPoolBadInput },
        { "volumes", testVolumes },
        { "volume-names", testVolumeNames },
        { "streams", testStreams },
        { "refresh-cache", testRefreshCache },
        { "restart", testRestart },
        { "test-driver-untouched", testTestDriverUntouched },
    };
    g_autofree char *qemuImg = g_find_program_in_path("qemu-img");
    g_autofree char *rmcmd = NULL;
    int ret;

    if (!qemuImg || access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
        printf("SKIP: qemu-img or qemu-system-x86_64 missing\n");
        return 77;
    }
    self = g_canonicalize_filename(argv[0], NULL);
    if (argc == 4 && strcmp(argv[1], "--phase") == 0) {
        root = argv[3];
        uri = g_strdup_printf("qemu:///embed?root=%s", root);
        virSetErrorFunc(NULL, testQuietErrors);
        if (strcmp(argv[2], "define") == 0)
            return phaseDefine() == 0 ? 0 : 1;
        return phaseCheck() == 0 ? 0 : 1;
    }
    root = g_dir_make_tmp("storagedrv-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    if (ret == 0) {
        rmcmd = g_strdup_printf("rm -rf %s", root);
        (void) !system(rmcmd);
    }
    return ret;
}
