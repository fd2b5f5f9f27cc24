/*
 * cgroup.c: one control group across the host's v1 hierarchies and its
 * v2 hierarchy (see cgroup.h).
 *
 * The host's mounts are read from mountinfo: a "cgroup" mount lists its
 * controllers in its super options, a "cgroup2" mount offers those in its
 * root's cgroup.controllers.  A controller mounted in v1 is used there (a
 * hybrid host such as systemd's leaves the v2 tree without controllers);
 * the v2 tree also serves freezing when no v1 freezer exists.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "util/cgroup.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

static const char *const cgroupNames[NUV_CGROUP_LAST] = {
    "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids",
};
/* v2's names for what v1 calls cpu/cpuacct (both "cpu") and blkio ("io"). */
static const char *const cgroupV2Names[NUV_CGROUP_LAST] = {
    "cpu", "cpu", "cpuset", "memory", NULL, NULL, "io", "pids",
};

struct _nuvCgroup {
    char *dirs[NUV_CGROUP_LAST];    /* the group's directory per controller, or NULL */
    bool v2[NUV_CGROUP_LAST];
    char *v2dir;                    /* the group in the v2 tree (freeze, kill), or NULL */
};

typedef struct {
    char *mounts[NUV_CGROUP_LAST];  /* v1 mount point per controller */
    char *v2mount;
    char *v2controllers;            /* the v2 root's cgroup.controllers */
} cgroupHost;

/* cgroupfs files take one write() each; g_file_set_contents' rename
 * dance does not work there. */
static int
cgroupWritePath(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC);
    ssize_t len = strlen(value);

    if (fd < 0)
        return -1;
    if (write(fd, value, len) != len) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return close(fd);
}

static void
cgroupHostClear(cgroupHost *h)
{
    for (int i = 0; i < NUV_CGROUP_LAST; i++)
        g_free(h->mounts[i]);
    g_free(h->v2mount);
    g_free(h->v2controllers);
}

static bool
cgroupWordIn(const char *list, const char *word, const char *seps)
{
    g_auto(GStrv) words = g_strsplit_set(list, seps, -1);

    for (char **w = words; *w; w++) {
        if (strcmp(*w, word) == 0)
            return true;
    }
    return false;
}

/* mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS] - FSTYPE SOURCE SUPEROPTS" */
static int
cgroupHostRead(cgroupHost *h, const char *mountinfo)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GError *err = NULL;

    if (!g_file_get_contents(mountinfo ? mountinfo : "/proc/self/mountinfo", &text, NULL,
                             &err)) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot read the mount table: %s", err->message);
        g_error_free(err);
        return -1;
    }
    lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        g_auto(GStrv) f = g_strsplit(*l, " ", -1);
        guint n = g_strv_length(f), dash;

        for (dash = 6; dash < n && strcmp(f[dash], "-") != 0; dash++)
            ;
        if (n < 5 || dash + 3 > n)
            continue;
        if (strcmp(f[dash + 1], "cgroup2") == 0 && !h->v2mount) {
            g_autofree char *ctl = g_build_filename(f[4], "cgroup.controllers", NULL);
            h->v2mount = g_strdup(f[4]);
            if (!g_file_get_contents(ctl, &h->v2controllers, NULL, NULL))
                h->v2controllers = g_strdup("");
            g_strstrip(h->v2controllers);
        } else if (strcmp(f[dash + 1], "cgroup") == 0) {
            for (int i = 0; i < NUV_CGROUP_LAST; i++) {
                if (!h->mounts[i] && cgroupWordIn(f[dash + 3], cgroupNames[i], ","))
                    h->mounts[i] = g_strdup(f[4]);
            }
        }
    }
    return 0;
}

/* In v2 a child gets a controller only when every ancestor enables it
 * for its children: enable what we use along @rel. */
static void
cgroupV2Enable(const char *mount, const char *rel, const char *controllers)
{
    g_auto(GStrv) parts = g_strsplit(rel, "/", -1);
    g_autofree char *dir = g_strdup(mount);
    g_auto(GStrv) ctl = g_strsplit(controllers, " ", -1);

    for (char **p = parts; *p; p++) {
        g_autofree char *file = g_build_filename(dir, "cgroup.subtree_control", NULL);
        char *next;

        for (char **c = ctl; *c; c++) {
            g_autofree char *v = g_strdup_printf("+%s", *c);
            if (**c)
                cgroupWritePath(file, v);
        }
        next = g_build_filename(dir, *p, NULL);
        g_free(dir);
        dir = next;
    }
}

static nuvCgroup *
cgroupMake(const char *path, const char *mountinfo, bool create)
{
    cgroupHost h = { 0 };
    nuvCgroup *cg = g_new0(nuvCgroup, 1);
    g_autoptr(GString) v2used = g_string_new(NULL);
    bool any = false;

    if (cgroupHostRead(&h, mountinfo) < 0) {
        g_free(cg);
        return NULL;
    }
    for (int i = 0; i < NUV_CGROUP_LAST; i++) {
        if (h.mounts[i]) {
            cg->dirs[i] = g_build_filename(h.mounts[i], path, NULL);
        } else if (h.v2mount && cgroupV2Names[i] &&
                   cgroupWordIn(h.v2controllers, cgroupV2Names[i], " ")) {
            cg->dirs[i] = g_build_filename(h.v2mount, path, NULL);
            cg->v2[i] = true;
            if (!cgroupWordIn(v2used->str, cgroupV2Names[i], " "))
                g_string_append_printf(v2used, "%s ", cgroupV2Names[i]);
        }
    }
    if (h.v2mount)
        cg->v2dir = g_build_filename(h.v2mount, path, NULL);
    if (create && h.v2mount && v2used->len)
        cgroupV2Enable(h.v2mount, path, v2used->str);
    cgroupHostClear(&h);

    for (int i = -1; i < NUV_CGROUP_LAST; i++) {
        const char *dir = i < 0 ? cg->v2dir : cg->dirs[i];
        if (!dir)
            continue;
        if (create && g_mkdir_with_parents(dir, 0755) < 0) {
            nuvReportSystemError(errno, "Unable to create directory %s", dir);
            nuvCgroupFree(cg);
            return NULL;
        }
        if (g_file_test(dir, G_FILE_TEST_IS_DIR))
            any = true;
    }
    /* cpuset: a new v1 group starts with no CPUs and no memory nodes,
     * which no process may join; it gets its parent's */
    if (create && cg->dirs[NUV_CGROUP_CPUSET] && !cg->v2[NUV_CGROUP_CPUSET]) {
        g_autofree char *dir = g_strdup(cg->dirs[NUV_CGROUP_CPUSET]);
        g_auto(GStrv) parts = g_strsplit(path, "/", -1);
        g_autofree char *base = g_strndup(dir, strlen(dir) - strlen(path) - 1);
        g_autofree char *cur = g_strdup(base);
        for (char **p = parts; *p && **p; p++) {
            char *next = g_build_filename(cur, *p, NULL);
            for (const char *f = "cpuset.cpus\0cpuset.mems\0"; *f; f += strlen(f) + 1) {
                g_autofree char *pf = g_build_filename(cur, f, NULL);
                g_autofree char *cf = g_build_filename(next, f, NULL);
                g_autofree char *v = NULL, *mine = NULL;
                if (g_file_get_contents(cf, &mine, NULL, NULL) && *g_strstrip(mine))
                    continue;
                if (g_file_get_contents(pf, &v, NULL, NULL))
                    cgroupWritePath(cf, v);
            }
            g_free(cur);
            cur = next;
        }
    }
    if (!any) {
        nuvCgroupFree(cg);
        return NULL;
    }
    return cg;
}

nuvCgroup *
nuvCgroupNew(const char *path, const char *mountinfo)
{
    return cgroupMake(path, mountinfo, true);
}

nuvCgroup *
nuvCgroupOpen(const char *path, const char *mountinfo)
{
    return cgroupMake(path, mountinfo, false);
}

void
nuvCgroupFree(nuvCgroup *cg)
{
    if (!cg)
        return;
    for (int i = 0; i < NUV_CGROUP_LAST; i++)
        g_free(cg->dirs[i]);
    g_free(cg->v2dir);
    g_free(cg);
}

bool
nuvCgroupHas(const nuvCgroup *cg, nuvCgroupController c)
{
    return cg && cg->dirs[c] != NULL;
}

bool
nuvCgroupIsV2(const nuvCgroup *cg, nuvCgroupController c)
{
    return cg && cg->v2[c];
}

/* Every distinct directory of the group (v1 hierarchies may be shared by
 * several controllers, as cpu,cpuacct often are). */
static GPtrArray *
cgroupDirs(const nuvCgroup *cg)
{
    GPtrArray *dirs = g_ptr_array_new();

    for (int i = -1; i < NUV_CGROUP_LAST; i++) {
        const char *d = i < 0 ? cg->v2dir : cg->dirs[i];
        bool seen = false;
        if (!d)
            continue;
        for (guint j = 0; j < dirs->len; j++)
            seen |= strcmp(g_ptr_array_index(dirs, j), d) == 0;
        if (!seen)
            g_ptr_array_add(dirs, (gpointer) d);
    }
    return dirs;
}

int
nuvCgroupRemove(nuvCgroup *cg)
{
    g_autoptr(GPtrArray) dirs = NULL;
    int ret = 0;

    if (!cg)
        return 0;
    dirs = cgroupDirs(cg);
    for (guint i = 0; i < dirs->len; i++) {
        const char *d = g_ptr_array_index(dirs, i);
        /* a process just killed leaves its group when it is reaped */
        for (int tries = 0; tries < 200; tries++) {
            if (rmdir(d) == 0 || errno == ENOENT)
                break;
            if (errno != EBUSY || tries == 199) {
                nuvReportSystemError(errno, "Unable to remove cgroup %s", d);
                ret = -1;
                break;
            }
            g_usleep(5000);
        }
    }
    return ret;
}

char **
nuvCgroupProcsFiles(const nuvCgroup *cg)
{
    g_autoptr(GPtrArray) dirs = cgroupDirs(cg);
    GPtrArray *files = g_ptr_array_new();

    for (guint i = 0; i < dirs->len; i++)
        g_ptr_array_add(files, g_build_filename(g_ptr_array_index(dirs, i), "cgroup.procs", NULL));
    g_ptr_array_add(files, NULL);
    return (char **) g_ptr_array_free(files, FALSE);
}

/* ---- files ---- */

static int
cgroupWrite(const nuvCgroup *cg, nuvCgroupController c, const char *file, const char *value)
{
    g_autofree char *path = NULL;

    if (!cg->dirs[c]) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "Controller '%s' is not mounted", cgroupNames[c]);
        return -1;
    }
    path = g_build_filename(cg->dirs[c], file, NULL);
    if (cgroupWritePath(path, value) < 0) {
        nuvReportSystemError(errno, "Unable to write to '%s'", path);
        return -1;
    }
    return 0;
}

static char *
cgroupRead(const nuvCgroup *cg, nuvCgroupController c, const char *file)
{
    g_autofree char *path = NULL;
    char *text = NULL;

    if (!cg->dirs[c]) {
        nuvReportError(VIR_ERR_OPERATION_INVALID,
                       "Controller '%s' is not mounted", cgroupNames[c]);
        return NULL;
    }
    path = g_build_filename(cg->dirs[c], file, NULL);
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        nuvReportSystemError(errno ? errno : EIO, "Unable to read from '%s'", path);
        return NULL;
    }
    return g_strstrip(text);
}

/* A number, or "max" (v2) / a huge value (v1) as @unlimited. */
static int
cgroupReadULL(const nuvCgroup *cg, nuvCgroupController c, const char *file,
              unsigned long long unlimited, unsigned long long *out)
{
    g_autofree char *v = cgroupRead(cg, c, file);

    if (!v)
        return -1;
    if (strcmp(v, "max") == 0) {
        *out = unlimited;
        return 0;
    }
    *out = g_ascii_strtoull(v, NULL, 10);
    return 0;
}

static int
cgroupWriteULL(const nuvCgroup *cg, nuvCgroupController c, const char *file,
               unsigned long long v)
{
    g_autofree char *s = g_strdup_printf("%llu", v);

    return cgroupWrite(cg, c, file, s);
}

int
nuvCgroupAddProcess(const nuvCgroup *cg, pid_t pid)
{
    g_auto(GStrv) files = nuvCgroupProcsFiles(cg);
    g_autofree char *s = g_strdup_printf("%lld", (long long) pid);

    for (char **f = files; *f; f++) {
        if (cgroupWritePath(*f, s) < 0) {
            nuvReportSystemError(errno, "Unable to add process to '%s'", *f);
            return -1;
        }
    }
    return 0;
}

/* ---- memory ---- */

/* v1 says "no limit" with the page-rounded largest value it has. */
#define CGROUP_V1_UNLIMITED_BYTES 0x7FFFFFFFFFFFF000ULL

static int
cgroupSetMemory(nuvCgroup *cg, const char *v1file, const char *v2file, unsigned long long kib)
{
    nuvCgroupController m = NUV_CGROUP_MEMORY;

    if (kib >= NUV_CGROUP_UNLIMITED || kib > CGROUP_V1_UNLIMITED_BYTES / 1024)
        return cgroupWrite(cg, m, cg->v2[m] ? v2file : v1file, cg->v2[m] ? "max" : "-1");
    return cgroupWriteULL(cg, m, cg->v2[m] ? v2file : v1file, kib * 1024);
}

static int
cgroupGetMemory(nuvCgroup *cg, const char *v1file, const char *v2file, unsigned long long *kib)
{
    nuvCgroupController m = NUV_CGROUP_MEMORY;
    unsigned long long bytes;

    if (cgroupReadULL(cg, m, cg->v2[m] ? v2file : v1file, ULLONG_MAX, &bytes) < 0)
        return -1;
    *kib = bytes >= CGROUP_V1_UNLIMITED_BYTES ? NUV_CGROUP_UNLIMITED : bytes / 1024;
    return 0;
}

int
nuvCgroupSetMemoryHardLimit(nuvCgroup *cg, unsigned long long kib)
{
    return cgroupSetMemory(cg, "memory.limit_in_bytes", "memory.max", kib);
}

int
nuvCgroupSetMemorySoftLimit(nuvCgroup *cg, unsigned long long kib)
{
    return cgroupSetMemory(cg, "memory.soft_limit_in_bytes", "memory.high", kib);
}

/* v1 limits memory plus swap; v2 limits swap alone.  libvirt's
 * swap_hard_limit is the v1 sum, so v2 gets the difference. */
int
nuvCgroupSetMemSwapHardLimit(nuvCgroup *cg, unsigned long long kib)
{
    unsigned long long hard;

    if (!cg->v2[NUV_CGROUP_MEMORY] || kib >= NUV_CGROUP_UNLIMITED)
        return cgroupSetMemory(cg, "memory.memsw.limit_in_bytes", "memory.swap.max", kib);
    if (nuvCgroupGetMemoryHardLimit(cg, &hard) < 0)
        return -1;
    return cgroupSetMemory(cg, NULL, "memory.swap.max",
                           hard >= NUV_CGROUP_UNLIMITED || kib < hard ? 0 : kib - hard);
}

int
nuvCgroupGetMemoryHardLimit(nuvCgroup *cg, unsigned long long *kib)
{
    return cgroupGetMemory(cg, "memory.limit_in_bytes", "memory.max", kib);
}

int
nuvCgroupGetMemorySoftLimit(nuvCgroup *cg, unsigned long long *kib)
{
    return cgroupGetMemory(cg, "memory.soft_limit_in_bytes", "memory.high", kib);
}

int
nuvCgroupGetMemSwapHardLimit(nuvCgroup *cg, unsigned long long *kib)
{
    unsigned long long swap, hard;

    if (!cg->v2[NUV_CGROUP_MEMORY])
        return cgroupGetMemory(cg, "memory.memsw.limit_in_bytes", NULL, kib);
    if (cgroupGetMemory(cg, NULL, "memory.swap.max", &swap) < 0 ||
        nuvCgroupGetMemoryHardLimit(cg, &hard) < 0)
        return -1;
    *kib = swap >= NUV_CGROUP_UNLIMITED || hard >= NUV_CGROUP_UNLIMITED ?
           NUV_CGROUP_UNLIMITED : swap + hard;
    return 0;
}

int
nuvCgroupGetMemoryUsage(nuvCgroup *cg, unsigned long long *kib)
{
    return cgroupGetMemory(cg, "memory.usage_in_bytes", "memory.current", kib);
}

/* ---- CPU ---- */

/* libvirt maps v1 shares (2..262144, default 1024) to v2 weight
 * (1..10000, default 100) linearly around the defaults. */
int
nuvCgroupSetCpuShares(nuvCgroup *cg, unsigned long long shares)
{
    if (cg->v2[NUV_CGROUP_CPU]) {
        unsigned long long w = shares * 100 / 1024;
        return cgroupWriteULL(cg, NUV_CGROUP_CPU, "cpu.weight", w < 1 ? 1 : w > 10000 ? 10000 : w);
    }
    return cgroupWriteULL(cg, NUV_CGROUP_CPU, "cpu.shares", shares);
}

int
nuvCgroupGetCpuShares(nuvCgroup *cg, unsigned long long *shares)
{
    if (cg->v2[NUV_CGROUP_CPU]) {
        unsigned long long w;
        if (cgroupReadULL(cg, NUV_CGROUP_CPU, "cpu.weight", 100, &w) < 0)
            return -1;
        *shares = w * 1024 / 100;
        return 0;
    }
    return cgroupReadULL(cg, NUV_CGROUP_CPU, "cpu.shares", 1024, shares);
}

/* v2 keeps quota and period together in cpu.max: "QUOTA|max PERIOD". */
static int
cgroupV2CpuMax(nuvCgroup *cg, long long *quota, unsigned long long *period)
{
    g_autofree char *v = cgroupRead(cg, NUV_CGROUP_CPU, "cpu.max");
    char q[32] = "";
    unsigned long long p = 100000;

    if (!v)
        return -1;
    if (sscanf(v, "%31s %llu", q, &p) < 1) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "Invalid value '%s' in cpu.max", v);
        return -1;
    }
    *quota = strcmp(q, "max") == 0 ? -1 : g_ascii_strtoll(q, NULL, 10);
    *period = p;
    return 0;
}

int
nuvCgroupSetCpuCfsPeriod(nuvCgroup *cg, unsigned long long us)
{
    if (us < 1000 || us > 1000000) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "cfs_period '%llu' must be in range (1000, 1000000)", us);
        return -1;
    }
    if (cg->v2[NUV_CGROUP_CPU]) {
        long long q;
        unsigned long long p;
        g_autofree char *v = NULL;
        if (cgroupV2CpuMax(cg, &q, &p) < 0)
            return -1;
        v = q < 0 ? g_strdup_printf("max %llu", us) : g_strdup_printf("%lld %llu", q, us);
        return cgroupWrite(cg, NUV_CGROUP_CPU, "cpu.max", v);
    }
    return cgroupWriteULL(cg, NUV_CGROUP_CPU, "cpu.cfs_period_us", us);
}

int
nuvCgroupGetCpuCfsPeriod(nuvCgroup *cg, unsigned long long *us)
{
    if (cg->v2[NUV_CGROUP_CPU]) {
        long long q;
        return cgroupV2CpuMax(cg, &q, us);
    }
    return cgroupReadULL(cg, NUV_CGROUP_CPU, "cpu.cfs_period_us", 0, us);
}

int
nuvCgroupSetCpuCfsQuota(nuvCgroup *cg, long long us)
{
    g_autofree char *v = NULL;

    if (us >= 0 && (us < 1000 || us > 18446744073709551LL)) {
        nuvReportError(VIR_ERR_INVALID_ARG,
                       "cfs_quota '%lld' must be in range (1000, 18446744073709551)", us);
        return -1;
    }
    if (cg->v2[NUV_CGROUP_CPU]) {
        long long q;
        unsigned long long p;
        if (cgroupV2CpuMax(cg, &q, &p) < 0)
            return -1;
        v = us < 0 ? g_strdup_printf("max %llu", p) : g_strdup_printf("%lld %llu", us, p);
        return cgroupWrite(cg, NUV_CGROUP_CPU, "cpu.max", v);
    }
    v = g_strdup_printf("%lld", us < 0 ? -1 : us);
    return cgroupWrite(cg, NUV_CGROUP_CPU, "cpu.cfs_quota_us", v);
}

int
nuvCgroupGetCpuCfsQuota(nuvCgroup *cg, long long *us)
{
    g_autofree char *v = NULL;

    if (cg->v2[NUV_CGROUP_CPU]) {
        unsigned long long p;
        return cgroupV2CpuMax(cg, us, &p);
    }
    if (!(v = cgroupRead(cg, NUV_CGROUP_CPU, "cpu.cfs_quota_us")))
        return -1;
    *us = g_ascii_strtoll(v, NULL, 10);
    return 0;
}

int
nuvCgroupGetCpuacctUsage(nuvCgroup *cg, unsigned long long *ns)
{
    if (cg->v2[NUV_CGROUP_CPUACCT]) {
        g_autofree char *st = cgroupRead(cg, NUV_CGROUP_CPUACCT, "cpu.stat");
        const char *u = st ? strstr(st, "usage_usec ") : NULL;
        if (!u) {
            if (st)
                nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cpu.stat has no usage_usec");
            return -1;
        }
        *ns = g_ascii_strtoull(u + strlen("usage_usec "), NULL, 10) * 1000;
        return 0;
    }
    return cgroupReadULL(cg, NUV_CGROUP_CPUACCT, "cpuacct.usage", 0, ns);
}

int
nuvCgroupSetCpusetCpus(nuvCgroup *cg, const char *cpus)
{
    return cgroupWrite(cg, NUV_CGROUP_CPUSET, "cpuset.cpus", cpus);
}

/* ---- block I/O ---- */

/* v1: blkio.weight with CFQ, blkio.bfq.weight with BFQ; v2: io.weight
 * or io.bfq.weight ("default N"). */
static const char *
cgroupBlkioWeightFile(nuvCgroup *cg)
{
    static const char *const v1[] = { "blkio.weight", "blkio.bfq.weight", NULL };
    static const char *const v2[] = { "io.weight", "io.bfq.weight", NULL };
    const char *const *files = cg->v2[NUV_CGROUP_BLKIO] ? v2 : v1;

    for (; cg->dirs[NUV_CGROUP_BLKIO] && *files; files++) {
        g_autofree char *p = g_build_filename(cg->dirs[NUV_CGROUP_BLKIO], *files, NULL);
        if (access(p, F_OK) == 0)
            return *files;
    }
    nuvReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                   "blkio device weight is valid only for cfq or bfq scheduler");
    return NULL;
}

int
nuvCgroupSetBlkioWeight(nuvCgroup *cg, unsigned int weight)
{
    const char *file = cgroupBlkioWeightFile(cg);
    g_autofree char *v = NULL;

    if (!file)
        return -1;
    v = g_strdup_printf(cg->v2[NUV_CGROUP_BLKIO] ? "default %u" : "%u", weight);
    return cgroupWrite(cg, NUV_CGROUP_BLKIO, file, v);
}

int
nuvCgroupGetBlkioWeight(nuvCgroup *cg, unsigned int *weight)
{
    const char *file = cgroupBlkioWeightFile(cg);
    g_autofree char *v = NULL;
    const char *d;

    if (!file || !(v = cgroupRead(cg, NUV_CGROUP_BLKIO, file)))
        return -1;
    d = strstr(v, "default ");
    *weight = (unsigned int) g_ascii_strtoull(d ? d + 8 : v, NULL, 10);
    return 0;
}

/* ---- devices, pids ---- */

int
nuvCgroupDenyAllDevices(nuvCgroup *cg)
{
    if (cg->v2[NUV_CGROUP_DEVICES] || !cg->dirs[NUV_CGROUP_DEVICES])
        return 0;
    return cgroupWrite(cg, NUV_CGROUP_DEVICES, "devices.deny", "a");
}

int
nuvCgroupAllowDevice(nuvCgroup *cg, const char *rule)
{
    if (cg->v2[NUV_CGROUP_DEVICES] || !cg->dirs[NUV_CGROUP_DEVICES])
        return 0;
    return cgroupWrite(cg, NUV_CGROUP_DEVICES, "devices.allow", rule);
}

int
nuvCgroupSetPidsMax(nuvCgroup *cg, long long max)
{
    g_autofree char *v = max < 0 ? g_strdup("max") : g_strdup_printf("%lld", max);

    return cgroupWrite(cg, NUV_CGROUP_PIDS, "pids.max", v);
}

/* ---- freezing ---- */

int
nuvCgroupSetFrozen(nuvCgroup *cg, bool frozen)
{
    bool v1 = cg->dirs[NUV_CGROUP_FREEZER] != NULL;
    const char *want = v1 ? (frozen ? "FROZEN" : "THAWED") : (frozen ? "1" : "0");
    g_autofree char *path = NULL;

    if (!v1 && !cg->v2dir) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s", "Controller 'freezer' is not mounted");
        return -1;
    }
    path = v1 ? g_build_filename(cg->dirs[NUV_CGROUP_FREEZER], "freezer.state", NULL)
              : g_build_filename(cg->v2dir, "cgroup.freeze", NULL);
    /* v1 passes through FREEZING; v2 reports "frozen 1" in cgroup.events */
    for (int tries = 0; tries < 400; tries++) {
        g_autofree char *state = NULL;
        g_autofree char *events = NULL;

        if (tries % 20 == 0 && cgroupWritePath(path, want) < 0) {
            nuvReportSystemError(errno, "Unable to write to '%s'", path);
            return -1;
        }
        if (v1) {
            if (g_file_get_contents(path, &state, NULL, NULL) &&
                strcmp(g_strstrip(state), want) == 0)
                return 0;
        } else {
            g_autofree char *ev = g_build_filename(cg->v2dir, "cgroup.events", NULL);
            g_autofree char *line = g_strdup_printf("frozen %s", want);
            if (g_file_get_contents(ev, &events, NULL, NULL) && strstr(events, line))
                return 0;
        }
        g_usleep(5000);
    }
    nuvReportError(VIR_ERR_OPERATION_FAILED, "%s",
                   frozen ? "Unable to freeze the container's processes"
                          : "Unable to thaw the container's processes");
    return -1;
}
