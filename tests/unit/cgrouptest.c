/*
 * cgrouptest.c: src/util/cgroup.c on a fake v1 host, a fake v2 host
 * (mount tables and directories made here, so every file name and value
 * of both layouts is checked whatever this machine mounts), and on the
 * real host's cgroups when run as root.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "util/cgroup.h"
#include "util/error.h"

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return -1; \
        } \
    } while (0)

static char *tmp;

static void
put(const char *dir, const char *file, const char *value)
{
    g_autofree char *p = g_build_filename(dir, file, NULL);

    g_mkdir_with_parents(dir, 0755);
    g_file_set_contents(p, value, -1, NULL);
}

static char *
get(const char *dir, const char *file)
{
    g_autofree char *p = g_build_filename(dir, file, NULL);
    char *v = NULL;

    if (!g_file_get_contents(p, &v, NULL, NULL))
        return g_strdup("<absent>");
    return g_strstrip(v);
}

#define CHECK_FILE(dir, file, want) \
    do { \
        g_autofree char *v__ = get(dir, file); \
        if (strcmp(v__, want) != 0) { \
            fprintf(stderr, "  %s:%d: %s/%s is '%s', want '%s'\n", __FILE__, __LINE__, \
                    dir, file, v__, want); \
            return -1; \
        } \
    } while (0)

/* A host with v1 hierarchies (cpu and cpuacct sharing one) and an empty
 * v2 tree beside them, as systemd's hybrid layout and this machine have. */
static int
testV1(void)
{
    g_autofree char *mi = g_build_filename(tmp, "v1.mountinfo", NULL);
    g_autofree char *text = g_strdup_printf(
        "30 22 0:27 / %s/fs rw - tmpfs tmpfs rw\n"
        "31 30 0:28 / %s/fs/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct\n"
        "34 30 0:31 / %s/fs/memory rw,relatime - cgroup cgroup rw,memory\n"
        "36 30 0:33 / %s/fs/freezer rw,relatime - cgroup cgroup rw,freezer\n"
        "35 30 0:32 / %s/fs/devices rw,relatime - cgroup cgroup rw,devices\n"
        "40 30 0:37 / %s/fs/unified rw,relatime - cgroup2 cgroup2 rw\n",
        tmp, tmp, tmp, tmp, tmp, tmp);
    g_autofree char *cpu = g_build_filename(tmp, "fs/cpu,cpuacct/machine/c1", NULL);
    g_autofree char *mem = g_build_filename(tmp, "fs/memory/machine/c1", NULL);
    g_autofree char *frz = g_build_filename(tmp, "fs/freezer/machine/c1", NULL);
    g_autofree char *dev = g_build_filename(tmp, "fs/devices/machine/c1", NULL);
    g_autofree char *uni = g_build_filename(tmp, "fs/unified", NULL);
    nuvCgroup *cg;
    unsigned long long v;
    long long q;
    char **files;

    put(uni, "cgroup.controllers", "hugetlb\n");
    put(cpu, "cpu.shares", "1024\n");
    put(cpu, "cpu.cfs_quota_us", "-1\n");
    put(cpu, "cpu.cfs_period_us", "100000\n");
    put(cpu, "cpuacct.usage", "123456789\n");
    put(mem, "memory.limit_in_bytes", "9223372036854771712\n");
    put(mem, "memory.soft_limit_in_bytes", "9223372036854771712\n");
    put(mem, "memory.memsw.limit_in_bytes", "9223372036854771712\n");
    put(mem, "memory.usage_in_bytes", "4194304\n");
    put(frz, "freezer.state", "THAWED\n");
    put(dev, "devices.deny", "");
    put(dev, "devices.allow", "");
    CHECK(g_file_set_contents(mi, text, -1, NULL));

    CHECK((cg = nuvCgroupNew("machine/c1", mi)));
    CHECK(nuvCgroupHas(cg, NUV_CGROUP_CPU) && nuvCgroupHas(cg, NUV_CGROUP_CPUACCT));
    CHECK(nuvCgroupHas(cg, NUV_CGROUP_MEMORY) && !nuvCgroupIsV2(cg, NUV_CGROUP_MEMORY));
    CHECK(!nuvCgroupHas(cg, NUV_CGROUP_PIDS) && !nuvCgroupHas(cg, NUV_CGROUP_BLKIO));
    /* one cgroup.procs per hierarchy: cpu,cpuacct once, plus the v2 group */
    files = nuvCgroupProcsFiles(cg);
    CHECK(g_strv_length(files) == 5);
    g_strfreev(files);

    CHECK(nuvCgroupGetMemoryHardLimit(cg, &v) == 0 && v == NUV_CGROUP_UNLIMITED);
    CHECK(nuvCgroupSetMemoryHardLimit(cg, 65536) == 0);
    CHECK_FILE(mem, "memory.limit_in_bytes", "67108864");
    CHECK(nuvCgroupGetMemoryHardLimit(cg, &v) == 0 && v == 65536);
    CHECK(nuvCgroupSetMemorySoftLimit(cg, NUV_CGROUP_UNLIMITED) == 0);
    CHECK_FILE(mem, "memory.soft_limit_in_bytes", "-1");
    CHECK(nuvCgroupSetMemSwapHardLimit(cg, 131072) == 0);
    CHECK_FILE(mem, "memory.memsw.limit_in_bytes", "134217728");
    CHECK(nuvCgroupGetMemoryUsage(cg, &v) == 0 && v == 4096);

    CHECK(nuvCgroupSetCpuShares(cg, 2048) == 0);
    CHECK_FILE(cpu, "cpu.shares", "2048");
    CHECK(nuvCgroupSetCpuCfsPeriod(cg, 50000) == 0);
    CHECK_FILE(cpu, "cpu.cfs_period_us", "50000");
    CHECK(nuvCgroupSetCpuCfsQuota(cg, 25000) == 0);
    CHECK_FILE(cpu, "cpu.cfs_quota_us", "25000");
    CHECK(nuvCgroupGetCpuCfsQuota(cg, &q) == 0 && q == 25000);
    CHECK(nuvCgroupSetCpuCfsQuota(cg, 10) < 0);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_INVALID_ARG);
    CHECK(nuvCgroupGetCpuacctUsage(cg, &v) == 0 && v == 123456789);

    CHECK(nuvCgroupDenyAllDevices(cg) == 0);
    CHECK_FILE(dev, "devices.deny", "a");
    CHECK(nuvCgroupAllowDevice(cg, "c 1:3 rwm") == 0);
    CHECK_FILE(dev, "devices.allow", "c 1:3 rwm");

    /* a plain file says FROZEN at once once written */
    CHECK(nuvCgroupSetFrozen(cg, true) == 0);
    CHECK_FILE(frz, "freezer.state", "FROZEN");

    /* no blkio here: a clear error */
    CHECK(nuvCgroupSetBlkioWeight(cg, 500) < 0);
    CHECK(nuvErrorCurrentCode() == VIR_ERR_OPERATION_UNSUPPORTED);
    nuvCgroupFree(cg);
    return 0;
}

/* A v2-only host: every controller in the unified tree. */
static int
testV2(void)
{
    g_autofree char *mi = g_build_filename(tmp, "v2.mountinfo", NULL);
    g_autofree char *root = g_build_filename(tmp, "v2", NULL);
    g_autofree char *text = g_strdup_printf("40 30 0:37 / %s rw - cgroup2 cgroup2 rw\n", root);
    g_autofree char *grp = g_build_filename(root, "machine/c2", NULL);
    nuvCgroup *cg;
    unsigned long long v;
    long long q;

    put(root, "cgroup.controllers", "cpuset cpu io memory pids\n");
    put(root, "cgroup.subtree_control", "");
    CHECK(g_file_set_contents(mi, text, -1, NULL));
    CHECK((cg = nuvCgroupNew("machine/c2", mi)));
    CHECK(nuvCgroupIsV2(cg, NUV_CGROUP_MEMORY) && nuvCgroupIsV2(cg, NUV_CGROUP_CPU));
    CHECK(!nuvCgroupHas(cg, NUV_CGROUP_DEVICES) && !nuvCgroupHas(cg, NUV_CGROUP_FREEZER));
    /* the root enabled a controller for its children */
    CHECK_FILE(root, "cgroup.subtree_control", "+pids");

    put(grp, "memory.max", "max\n");
    put(grp, "memory.high", "max\n");
    put(grp, "memory.swap.max", "max\n");
    put(grp, "memory.current", "8192\n");
    put(grp, "cpu.weight", "100\n");
    put(grp, "cpu.max", "max 100000\n");
    put(grp, "cpu.stat", "usage_usec 5\nuser_usec 3\n");
    put(grp, "io.weight", "default 100\n");
    put(grp, "pids.max", "max\n");
    put(grp, "cgroup.freeze", "0\n");
    put(grp, "cgroup.events", "populated 1\nfrozen 1\n");

    CHECK(nuvCgroupGetMemoryHardLimit(cg, &v) == 0 && v == NUV_CGROUP_UNLIMITED);
    CHECK(nuvCgroupSetMemoryHardLimit(cg, 65536) == 0);
    CHECK_FILE(grp, "memory.max", "67108864");
    CHECK(nuvCgroupSetMemorySoftLimit(cg, 32768) == 0);
    CHECK_FILE(grp, "memory.high", "33554432");
    /* libvirt's swap_hard_limit counts memory too; v2's swap.max does not */
    CHECK(nuvCgroupSetMemSwapHardLimit(cg, 98304) == 0);
    CHECK_FILE(grp, "memory.swap.max", "33554432");
    CHECK(nuvCgroupGetMemSwapHardLimit(cg, &v) == 0 && v == 98304);
    CHECK(nuvCgroupGetMemoryUsage(cg, &v) == 0 && v == 8);

    CHECK(nuvCgroupSetCpuShares(cg, 2048) == 0);
    CHECK_FILE(grp, "cpu.weight", "200");
    CHECK(nuvCgroupGetCpuShares(cg, &v) == 0 && v == 2048);
    CHECK(nuvCgroupSetCpuCfsQuota(cg, 50000) == 0);
    CHECK_FILE(grp, "cpu.max", "50000 100000");
    CHECK(nuvCgroupSetCpuCfsPeriod(cg, 200000) == 0);
    CHECK_FILE(grp, "cpu.max", "50000 200000");
    CHECK(nuvCgroupSetCpuCfsQuota(cg, -1) == 0);
    CHECK_FILE(grp, "cpu.max", "max 200000");
    CHECK(nuvCgroupGetCpuCfsQuota(cg, &q) == 0 && q == -1);
    CHECK(nuvCgroupGetCpuacctUsage(cg, &v) == 0 && v == 5000);

    CHECK(nuvCgroupSetBlkioWeight(cg, 300) == 0);
    CHECK_FILE(grp, "io.weight", "default 300");
    CHECK(nuvCgroupSetPidsMax(cg, 64) == 0);
    CHECK_FILE(grp, "pids.max", "64");
    /* no devices controller in v2 (it takes BPF): nothing to do, no error */
    CHECK(nuvCgroupDenyAllDevices(cg) == 0);
    CHECK(nuvCgroupSetFrozen(cg, true) == 0);
    CHECK_FILE(grp, "cgroup.freeze", "1");
    nuvCgroupFree(cg);
    return 0;
}

/* This host's real cgroups: a limit the kernel keeps, a process frozen
 * and thawed, the group removed. */
static int
testHost(void)
{
    g_autofree char *path = g_strdup_printf("nuvirt-unit/cg%d", (int) getpid());
    nuvCgroup *cg;
    unsigned long long v;
    pid_t pid;
    int status;

    if (geteuid() != 0 || !(cg = nuvCgroupNew(path, NULL))) {
        printf("  (host part skipped: not root or no cgroups)\n");
        nuvErrorReset();
        return 0;
    }
    if (nuvCgroupHas(cg, NUV_CGROUP_MEMORY)) {
        CHECK(nuvCgroupSetMemoryHardLimit(cg, 65536) == 0);
        CHECK(nuvCgroupGetMemoryHardLimit(cg, &v) == 0 && v == 65536);
    }
    if ((pid = fork()) == 0) {
        for (;;)
            pause();
    }
    CHECK(pid > 0);
    CHECK(nuvCgroupAddProcess(cg, pid) == 0);
    CHECK(nuvCgroupSetFrozen(cg, true) == 0);
    {
        g_autofree char *st = g_strdup_printf("/proc/%d/stat", (int) pid);
        g_autofree char *text = NULL;
        CHECK(g_file_get_contents(st, &text, NULL, NULL));
    }
    CHECK(nuvCgroupSetFrozen(cg, false) == 0);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    CHECK(nuvCgroupRemove(cg) == 0);
    nuvCgroupFree(cg);
    cg = nuvCgroupOpen(path, NULL);
    CHECK(!cg);
    {
        /* the parent we made for the test */
        nuvCgroup *parent = nuvCgroupOpen("nuvirt-unit", NULL);
        if (parent)
            nuvCgroupRemove(parent);
        nuvCgroupFree(parent);
    }
    return 0;
}

int
main(void)
{
    static const struct { const char *name; int (*fn)(void); } cases[] = {
        { "v1", testV1 }, { "v2", testV2 }, { "host", testHost },
    };
    int failed = 0;

    tmp = g_dir_make_tmp("nuvcg-XXXXXX", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        int r = cases[i].fn();
        printf("%s %s\n", r == 0 ? "PASS" : "FAIL", cases[i].name);
        failed += r != 0;
    }
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", tmp);
    }
    printf("%zu passed, %d failed\n", G_N_ELEMENTS(cases) - failed, failed);
    return failed ? 1 : 0;
}
