/*
 * storagehosttest.c: the host storage driver's fs, logical and disk pools
 * through the public API on qemu:///embed in a temporary root, on loop
 * devices over image files the test makes and removes.  The test runs in
 * a mount namespace of its own, so the filesystems it mounts are never
 * seen on the host, and names its volume group after its pid.  The host
 * has no device-mapper here: LVM then refuses logical volumes, which the
 * test checks is a clean error leaving nothing behind (and reports the
 * creation itself as skipped).
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <glib.h>

#include "../api/testlib.h"

static char *root;
static char *uri;
static char *loops[3];

static char *
capture(const char *cmd)
{
    char *out = NULL;
    int status = 0;

    if (!g_spawn_command_line_sync(cmd, &out, NULL, &status, NULL) ||
        !g_spawn_check_wait_status(status, NULL)) {
        g_free(out);
        return NULL;
    }
    return out;
}

static char *G_GNUC_PRINTF(1, 2)
capturef(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return capture(cmd);
}

static bool
run(const char *cmd)
{
    g_autofree char *out = capture(cmd);
    return out != NULL;
}

/* Whether @text (freed here) holds @part. */
static bool
has(char *text, const char *part)
{
    bool ok = text && strstr(text, part);
    if (!ok)
        fprintf(stderr, "  '%s' not in:\n%s\n", part, text ? text : "(null)");
    free(text);
    return ok;
}

/* Whether the command's output is empty or it failed (frees it). */
static bool
nothing(char *text)
{
    bool ok = !text || !*g_strstrip(text);
    g_free(text);
    return ok;
}

/* A loop device over a new @mb MiB image file (partitions scanned). */
static char *
makeLoop(const char *name, int mb)
{
    g_autofree char *img = g_build_filename(root, name, NULL);
    g_autofree char *cmd = NULL;
    char *dev;
    int fd = open(img, O_CREAT | O_WRONLY, 0600);

    if (fd < 0 || ftruncate(fd, (off_t) mb << 20) < 0)
        return NULL;
    close(fd);
    cmd = g_strdup_printf("losetup -f -P --show %s", img);
    if (!(dev = capture(cmd)))
        return NULL;
    return g_strstrip(dev);
}

static bool
mounted(const char *target)
{
    g_autofree char *table = NULL;
    g_autofree char *needle = g_strdup_printf(" %s ", target);

    return g_file_get_contents("/proc/self/mounts", &table, NULL, NULL) &&
           strstr(table, needle) != NULL;
}

/* ---- fs ---- */

static int
testFs(void)
{
    g_autofree char *target = g_build_filename(root, "fsmnt", NULL);
    g_autofree char *xml = g_strdup_printf(
        "<pool type='fs'><name>fs1</name><source><device path='%s'/><format type='ext4'/>"
        "</source><target><path>%s</path></target></pool>", loops[0], target);
    g_autofree char *volfile = g_build_filename(target, "v1.img", NULL);
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStoragePoolInfo info;
    struct stat sb;

    CHECK(conn);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    /* an empty device cannot be mounted: nothing is left mounted */
    CHECK(virStoragePoolBuild(pool, 0) == 0);
    CHECK(virStoragePoolCreate(pool, 0) < 0);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "mount");
    CHECK(!mounted(target));
    CHECK(virStoragePoolBuild(pool, VIR_STORAGE_POOL_BUILD_NO_OVERWRITE) == 0);
    CHECK(has(capturef("blkid -p -o value -s TYPE %s", loops[0]), "ext4"));
    /* the filesystem is there now: no second build without overwrite */
    CHECK(virStoragePoolBuild(pool, VIR_STORAGE_POOL_BUILD_NO_OVERWRITE) < 0);
    CHECK_ERR(VIR_ERR_STORAGE_POOL_BUILT, loops[0]);
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(mounted(target));
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.state == VIR_STORAGE_POOL_RUNNING && info.capacity > 20 << 20 &&
          info.capacity <= 32 << 20);
    CHECK((vol = virStorageVolCreateXML(pool, "<volume><name>v1.img</name>"
                                        "<capacity unit='MiB'>1</capacity></volume>", 0)));
    CHECK(stat(volfile, &sb) == 0 && sb.st_size == 1 << 20);
    virStorageVolFree(vol);
    /* building a running (mounted) pool is refused */
    CHECK(virStoragePoolBuild(pool, VIR_STORAGE_POOL_BUILD_OVERWRITE) < 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(!mounted(target));
    CHECK(stat(volfile, &sb) < 0 && errno == ENOENT);
    /* the volume lives on the device: it is back with the mount */
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    /* ext4's lost+found is a (directory) volume, as in libvirt's */
    CHECK(virStoragePoolNumOfVolumes(pool) == 2);
    CHECK((vol = virStorageVolLookupByName(pool, "v1.img")));
    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    CHECK(has(virStoragePoolGetXMLDesc(pool, 0), "<format type='ext4'/>"));
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(!mounted(target));
    CHECK(virStoragePoolDelete(pool, 0) == 0);
    CHECK(!g_file_test(target, G_FILE_TEST_EXISTS));
    CHECK(virStoragePoolUndefine(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testFsBadInput(void)
{
    g_autofree char *target = g_build_filename(root, "fsbad", NULL);
    g_autofree char *xml = g_strdup_printf(
        "<pool type='fs'><name>fsbad</name><source><device path='%s/no-such-dev'/></source>"
        "<target><path>%s</path></target></pool>", root, target);
    virConnectPtr conn = virConnectOpen(uri);

    CHECK(conn);
    CHECK(!virStoragePoolCreateXML(conn, xml, VIR_STORAGE_POOL_CREATE_WITH_BUILD));
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "no-such-dev");
    CHECK(!mounted(target));
    /* an unsupported pool type names itself */
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='iscsi'><name>i</name><source>"
                                   "<host name='h'/><device path='iqn.x'/></source>"
                                   "<target><path>/dev/disk/by-path</path></target></pool>",
                                   0));
    CHECK_ERR(VIR_ERR_NO_SUPPORT, "'iscsi'");
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* ---- logical ---- */

static bool
haveDeviceMapper(void)
{
    g_autofree char *misc = NULL;

    /* the control node may exist without the driver behind it */
    return g_file_get_contents("/proc/misc", &misc, NULL, NULL) &&
           strstr(misc, "device-mapper") != NULL;
}

static int
testLogical(void)
{
    g_autofree char *vg = g_strdup_printf("nuvtest%d", (int) getpid());
    g_autofree char *xml = g_strdup_printf(
        "<pool type='logical'><name>lv1</name><source><device path='%s'/><name>%s</name>"
        "<format type='lvm2'/></source><target><path>/dev/%s</path></target></pool>",
        loops[1], vg, vg);
    g_autofree char *vgsCmd = g_strdup_printf("vgs --noheadings -o vg_name %s", vg);
    g_autofree char *lvsCmd = g_strdup_printf("lvs --noheadings -o lv_name %s", vg);
    g_autofree char *lvs = NULL;
    g_autofree char *want = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStoragePoolInfo info;
    virStorageVolPtr vol;

    CHECK(conn);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK(virStoragePoolCreate(pool, 0) < 0);      /* no group yet */
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, vg);
    CHECK(virStoragePoolBuild(pool, 0) == 0);
    CHECK(has(capture(vgsCmd), vg));
    CHECK(virStoragePoolBuild(pool, VIR_STORAGE_POOL_BUILD_NO_OVERWRITE) < 0);
    CHECK_ERR(VIR_ERR_STORAGE_POOL_BUILT, "LVM2_member");

    want = g_strdup_printf("<device path='%s'/>\n    <name>%s</name>\n"
                           "    <format type='lvm2'/>", loops[1], vg);
    CHECK(has(virConnectFindStoragePoolSources(conn, "logical", NULL, 0), want));

    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.capacity > 20 << 20 && info.capacity <= 32 << 20 &&
          info.available == info.capacity && info.allocation == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    vol = virStorageVolCreateXML(pool, "<volume><name>lv0</name>"
                                 "<capacity unit='MiB'>4</capacity></volume>", 0);
    if (haveDeviceMapper()) {
        g_autofree char *path = g_strdup_printf("/dev/%s/lv0", vg);
        CHECK(vol);
        CHECK(has(capture(lvsCmd), "lv0"));
        CHECK(has(virStorageVolGetPath(vol), path));
        CHECK(virStorageVolDelete(vol, 0) == 0);
        virStorageVolFree(vol);
    } else {
        /* LVM's own refusal, and no volume half-made */
        CHECK(!vol);
        CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "lvcreate");
        printf("SKIP logical volume creation: no device-mapper on this host "
               "(the refusal was checked)\n");
    }
    CHECK((lvs = capture(lvsCmd)) && !strstr(lvs, "lv0"));
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStoragePoolDelete(pool, 0) == 0);
    CHECK(!run(vgsCmd));
    /* the device's LVM label went with the group */
    CHECK(nothing(capturef("blkid -p -o value -s TYPE %s", loops[1])));
    CHECK(virStoragePoolUndefine(pool) == 0);
    virStoragePoolFree(pool);

    /* a device holding a filesystem is not taken without overwrite */
    {
        g_autofree char *mkfs = g_strdup_printf("mkfs.ext4 -q -F %s", loops[1]);
        CHECK(run(mkfs));
    }
    CHECK(!virStoragePoolCreateXML(conn, xml, VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE));
    CHECK_ERR(VIR_ERR_STORAGE_POOL_BUILT, "ext4");
    CHECK(!run(vgsCmd));
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

/* ---- disk ---- */

static int
testDisk(void)
{
    g_autofree char *base = g_path_get_basename(loops[2]);
    g_autofree char *p1 = g_strdup_printf("%sp1", base);
    g_autofree char *p1path = g_strdup_printf("/dev/%s", p1);
    g_autofree char *xml = g_strdup_printf(
        "<pool type='disk'><name>disk1</name><source><device path='%s'/>"
        "<format type='gpt'/></source><target><path>/dev</path></target></pool>", loops[2]);
    g_autofree char *vxml = g_strdup_printf("<volume><name>%s</name>"
                                            "<capacity unit='MiB'>8</capacity></volume>", p1);
    virConnectPtr conn = virConnectOpen(uri);
    virStoragePoolPtr pool;
    virStorageVolPtr vol;
    virStorageVolInfo vinfo;
    virStoragePoolInfo info;
    struct stat sb;

    CHECK(conn);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK(virStoragePoolCreate(pool, 0) < 0);     /* no table yet */
    CHECK_ERR(VIR_ERR_STORAGE_PROBE_FAILED, "partition table");
    CHECK(virStoragePoolBuild(pool, 0) == 0);
    CHECK(has(capturef("blkid -p -o value -s PTTYPE %s", loops[2]), "gpt"));
    CHECK(virStoragePoolBuild(pool, 0) < 0);      /* a table is there now */
    CHECK_ERR(VIR_ERR_STORAGE_POOL_BUILT, "gpt");
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.capacity == 67091968 && info.allocation == 0 && info.available == 67074560);
    CHECK(has(virStoragePoolGetXMLDesc(pool, 0), "<freeExtent start='17408' end='67091968'/>"));

    /* the name must be the one the kernel gives the partition */
    CHECK(!virStorageVolCreateXML(pool, "<volume><name>other</name>"
                                  "<capacity unit='MiB'>8</capacity></volume>", 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, p1);
    CHECK((vol = virStorageVolCreateXML(pool, vxml, 0)));
    CHECK(stat(p1path, &sb) == 0 && S_ISBLK(sb.st_mode));
    CHECK(virStorageVolGetInfo(vol, &vinfo) == 0);
    CHECK(vinfo.type == VIR_STORAGE_VOL_BLOCK && vinfo.capacity == 8 << 20);
    CHECK(has(virStorageVolGetPath(vol), p1path));
    CHECK(virStorageVolWipe(vol, 0) == 0);
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.allocation == 8 << 20);
    CHECK(virStorageVolResize(vol, 16 << 20, 0) < 0);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, "disk");
    CHECK(virStorageVolDelete(vol, 0) == 0);
    virStorageVolFree(vol);
    CHECK(has(capturef("parted -s -m %s print", loops[2]), "gpt"));
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    CHECK(virStoragePoolRefresh(pool, 0) == 0 && virStoragePoolNumOfVolumes(pool) == 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStoragePoolDelete(pool, 0) == 0);
    CHECK(nothing(capturef("blkid -p -o value -s PTTYPE %s", loops[2])));
    CHECK(virStoragePoolUndefine(pool) == 0);
    virStoragePoolFree(pool);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static void
cleanup(void)
{
    g_autofree char *vg = g_strdup_printf("nuvtest%d", (int) getpid());
    g_autofree char *cmd = g_strdup_printf("vgremove -f %s >/dev/null 2>&1", vg);

    (void) !system(cmd);
    for (size_t i = 0; i < G_N_ELEMENTS(loops); i++) {
        if (loops[i]) {
            g_autofree char *d = g_strdup_printf("losetup -d %s", loops[i]);
            (void) !system(d);
        }
    }
}

int
main(void)
{
    static const testCase cases[] = {
        { "fs", testFs },
        { "fs-bad-input", testFsBadInput },
        { "logical", testLogical },
        { "disk", testDisk },
    };
    const char *tools[] = { "losetup", "parted", "pvcreate", "mkfs.ext4", "blkid", NULL };
    g_autofree char *rmcmd = NULL;
    int ret;

    for (size_t i = 0; tools[i]; i++) {
        g_autofree char *p = g_find_program_in_path(tools[i]);
        if (!p) {
            printf("SKIP: %s missing\n", tools[i]);
            return 77;
        }
    }
    if (geteuid() != 0 || unshare(CLONE_NEWNS) < 0 ||
        mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0) {
        printf("SKIP: cannot make a mount namespace (%s)\n", strerror(errno));
        return 77;
    }
    g_setenv("LVM_SUPPRESS_FD_WARNINGS", "1", TRUE);
    root = g_dir_make_tmp("storagehost-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    for (size_t i = 0; i < G_N_ELEMENTS(loops); i++) {
        g_autofree char *name = g_strdup_printf("disk%zu.img", i);
        if (!(loops[i] = makeLoop(name, i == 2 ? 64 : 32))) {
            printf("SKIP: cannot make a loop device\n");
            cleanup();
            return 77;
        }
    }
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    cleanup();
    rmcmd = g_strdup_printf("rm -rf %s", root);
    (void) !system(rmcmd);
    return ret;
}
