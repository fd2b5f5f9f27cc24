/*
 * qemu_stats.c: what a running guest uses, as QEMU and the host see it —
 * per-disk I/O (query-blockstats), vCPU threads (query-cpus-fast, then
 * /proc/PID/task/TID), the balloon (query-balloon, its guest-stats QOM
 * property), host-side NIC counters, and the bulk statistics of
 * virConnectGetAllDomainStats with libvirt 9.0's group and field names.
 *
 * Queries take no job: each QMP round trip runs with the domain unlocked
 * (qemuProcessCommand), so a domain that stopped meanwhile just yields
 * fewer fields, as with libvirt.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qemu/qemu_stats.h"
#include "qemu/qemu_driver.h"
#include "qemu/qemu_process.h"
#include "conf/stats_filter.h"
#include "driver/datatypes.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* ---- small readers ---- */

static json_object *
jget(json_object *o, const char *key)
{
    json_object *v = NULL;
    return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static long long
jint(json_object *o, const char *key, long long dflt)
{
    json_object *v = jget(o, key);
    return v ? json_object_get_int64(v) : dflt;
}

static const char *
xattr(const nuvXNode *n, const char *child, const char *attr)
{
    const nuvXNode *c = n ? nuvXNodeChild(n, child) : NULL;
    return c ? nuvXNodeGet(c, attr) : NULL;
}

static const char *
diskSource(const nuvXNode *disk)
{
    const char *f = xattr(disk, "source", "file");
    return f ? f : xattr(disk, "source", "dev");
}

/* QEMU names a device by its id, or by its QOM path under
 * /machine/peripheral/ID/ (virtio devices' backends). */
static bool
qdevIs(const char *qdev, const char *alias)
{
    size_t n;

    if (!qdev || !alias)
        return false;
    if (strcmp(qdev, alias) == 0)
        return true;
    if (!g_str_has_prefix(qdev, "/machine/peripheral/"))
        return false;
    qdev += strlen("/machine/peripheral/");
    n = strlen(alias);
    return strncmp(qdev, alias, n) == 0 && (qdev[n] == '/' || qdev[n] == '\0');
}

/* utime + stime of /proc/@pid[/task/@tid]/stat in ns, and the CPU it last
 * ran on; false when the file cannot be read. */
static bool
procStat(pid_t pid, pid_t tid, unsigned long long *user, unsigned long long *sys, int *cpu)
{
    g_autofree char *path = tid ? g_strdup_printf("/proc/%d/task/%d/stat", pid, tid)
                                : g_strdup_printf("/proc/%d/stat", pid);
    g_autofree char *text = NULL;
    unsigned long long ut = 0, st = 0;
    unsigned long long tick = 1000000000ULL / sysconf(_SC_CLK_TCK);
    int last = 0;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strrchr(text, ')')))
        return false;
    /* after "pid (comm)": utime is field 14, stime 15, processor 39 */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu"
               " %*d %*d %*d %*d %*d %*d %*u %*u %*d %*u %*u %*u %*u %*u %*u %*u %*u"
               " %*u %*u %*u %*u %*u %*u %*u %*d %d", &ut, &st, &last) < 2)
        return false;
    if (user)
        *user = ut * tick;
    if (sys)
        *sys = st * tick;
    if (cpu)
        *cpu = last;
    return true;
}

/* How long the thread waited for a CPU (schedstat's run delay, ns) and,
 * when the kernel keeps scheduler statistics, its wait sum. */
static void
procSched(pid_t pid, pid_t tid, unsigned long long *wait, unsigned long long *delay)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/task/%d/schedstat", pid, tid);
    g_autofree char *text = NULL;
    g_autofree char *sched = NULL;
    unsigned long long run = 0, del = 0;
    const char *p;

    *wait = *delay = 0;
    if (g_file_get_contents(path, &text, NULL, NULL) &&
        sscanf(text, "%llu %llu", &run, &del) == 2)
        *delay = del;
    g_free(path);
    path = g_strdup_printf("/proc/%d/task/%d/sched", pid, tid);
    if (g_file_get_contents(path, &sched, NULL, NULL) && (p = strstr(sched, "wait_sum"))) {
        double ms = 0;
        p = strchr(p, ':');
        if (p && sscanf(p + 1, "%lf", &ms) == 1)
            *wait = (unsigned long long) (ms * 1000000.0);
    }
}

/* Resident set of @pid in KiB. */
static unsigned long long
procRSS(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/statm", pid);
    g_autofree char *text = NULL;
    unsigned long long size, res;

    if (!g_file_get_contents(path, &text, NULL, NULL) ||
        sscanf(text, "%llu %llu", &size, &res) != 2)
        return 0;
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

/* ---- what a running domain's QEMU says ---- */

/* The monitor answers gathered once per domain for one call. */
typedef struct {
    pid_t pid;
    json_object *blockstats;    /* query-blockstats */
    json_object *block;         /* query-block */
    json_object *cpus;          /* query-cpus-fast */
} qemuStatsQuery;

static void
qemuStatsQueryClear(qemuStatsQuery *q)
{
    json_object_put(q->blockstats);
    json_object_put(q->block);
    json_object_put(q->cpus);
    memset(q, 0, sizeof(*q));
}

/* The entry of @list (query-block or query-blockstats) for @disk. */
static json_object *
deviceEntry(json_object *list, const nuvXNode *disk)
{
    const char *alias = xattr(disk, "alias", "name");

    for (size_t i = 0; list && i < json_object_array_length(list); i++) {
        json_object *e = json_object_array_get_idx(list, i);
        if (qdevIs(json_object_get_string(jget(e, "qdev")), alias))
            return e;
    }
    return NULL;
}

/* The vCPU threads: query-cpus-fast's thread ids in vCPU order. */
static GArray *
vcpuThreads(json_object *cpus)
{
    GArray *tids = g_array_new(FALSE, TRUE, sizeof(pid_t));

    for (size_t i = 0; cpus && i < json_object_array_length(cpus); i++) {
        json_object *c = json_object_array_get_idx(cpus, i);
        long long idx = jint(c, "cpu-index", i);
        pid_t tid = jint(c, "thread-id", 0);

        if (idx < 0 || idx > 4096)
            continue;
        if ((guint) idx >= tids->len)
            g_array_set_size(tids, idx + 1);
        g_array_index(tids, pid_t, idx) = tid;
    }
    return tids;
}

static bool
hasVirtioBalloon(const nuvDomainDef *def)
{
    nuvXNode *mb = nuvXNodeChild(nuvDomainDefDevices(def), "memballoon");
    return nuvXNodeGetEnum(mb, "model") == NUV_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
}

/* ---- the memory balloon ---- */

/* QEMU's guest-stats names in libvirt's tag order. */
static const struct {
    const char *qemu;
    int tag;
    const char *field;          /* in the bulk statistics: balloon.FIELD */
} balloonStats[] = {
    { "stat-swap-in", VIR_DOMAIN_MEMORY_STAT_SWAP_IN, "swap_in" },
    { "stat-swap-out", VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, "swap_out" },
    { "stat-major-faults", VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, "major_fault" },
    { "stat-minor-faults", VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, "minor_fault" },
    { "stat-free-memory", VIR_DOMAIN_MEMORY_STAT_UNUSED, "unused" },
    { "stat-total-memory", VIR_DOMAIN_MEMORY_STAT_AVAILABLE, "available" },
    { "stat-available-memory", VIR_DOMAIN_MEMORY_STAT_USABLE, "usable" },
    { "stat-disk-caches", VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, "disk_caches" },
    { "stat-htlb-pgalloc", VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, "hugetlb_pgalloc" },
    { "stat-htlb-pgfail", VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, "hugetlb_pgfail" },
};

typedef struct {
    int tag;
    unsigned long long val;
} qemuMemStat;

/* The balloon's figures for @obj (locked, running): actual size, what the
 * guest's driver last reported (values it does not report are -1 in QEMU
 * and left out), the time of that report, then the process's RSS.  KiB,
 * as libvirt reports them; the fault and swap counts as they are. */
static GArray *
balloonRead(nuvDomainObj *obj)
{
    GArray *st = g_array_new(FALSE, FALSE, sizeof(qemuMemStat));
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    json_object *bal = NULL, *gs = NULL;
    qemuMemStat m;
    pid_t pid;

    if (hasVirtioBalloon(obj->def)) {
        if (qemuProcessCommand(obj, "query-balloon", NULL, &bal) == 0) {
            m = (qemuMemStat){ VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                               jint(bal, "actual", 0) / 1024 };
            g_array_append_val(st, m);
        }
        json_object_put(bal);
        json_object *args = json_object_new_object();
        json_object_object_add(args, "path",
                               json_object_new_string("/machine/peripheral/balloon0"));
        json_object_object_add(args, "property", json_object_new_string("guest-stats"));
        if (qemuProcessCommand(obj, "qom-get", args, &gs) == 0) {
            json_object *stats = jget(gs, "stats");
            for (size_t i = 0; i < G_N_ELEMENTS(balloonStats); i++) {
                long long v = jint(stats, balloonStats[i].qemu, -1);
                if (v < 0)
                    continue;
                /* byte counts become KiB; the counters stay as they are */
                if (balloonStats[i].tag >= VIR_DOMAIN_MEMORY_STAT_UNUSED &&
                    balloonStats[i].tag != VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC &&
                    balloonStats[i].tag != VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL)
                    v /= 1024;
                m = (qemuMemStat){ balloonStats[i].tag, v };
                g_array_append_val(st, m);
            }
            m = (qemuMemStat){ VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, jint(gs, "last-update", 0) };
            g_array_append_val(st, m);
        }
        json_object_put(gs);
        nuvErrorReset();
    }
    priv = qemuDomainPrivOf(obj);
    pid = priv ? priv->pid : 0;
    if (pid > 0) {
        m = (qemuMemStat){ VIR_DOMAIN_MEMORY_STAT_RSS, procRSS(pid) };
        g_array_append_val(st, m);
    }
    return st;
}

int
qemuDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                      unsigned int flags)
{
    nuvDomainObj *obj;
    GArray *st;
    unsigned int n = 0;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    st = balloonRead(obj);
    nuvDomainObjEndAPI(&obj);
    for (; n < st->len && n < nr_stats; n++) {
        stats[n].tag = g_array_index(st, qemuMemStat, n).tag;
        stats[n].val = g_array_index(st, qemuMemStat, n).val;
    }
    g_array_unref(st);
    return n;
}

int
qemuDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags)
{
    nuvDomainObj *obj;
    json_object *args;
    int ret = -1;

    nuvCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (period < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s", "invalid statistics period");
        return -1;
    }
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                       "setting the statistics period of the persistent definition "
                       "is not supported");
        return -1;
    }
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto cleanup;
    if (!hasVirtioBalloon(obj->def)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "No memory balloon device configured, can not set the collection period");
        goto cleanup;
    }
    if (qemuDomainJobBegin(obj) < 0)
        goto cleanup;
    args = json_object_new_object();
    json_object_object_add(args, "path", json_object_new_string("/machine/peripheral/balloon0"));
    json_object_object_add(args, "property",
                           json_object_new_string("guest-stats-polling-interval"));
    json_object_object_add(args, "value", json_object_new_int(period));
    if (qemuProcessCommand(obj, "qom-set", args, NULL) == 0) {
        nuvXNode *mb = nuvXNodeChild(nuvDomainDefDevices(obj->def), "memballoon");
        g_autofree char *p = g_strdup_printf("%d", period);
        if (mb)
            nuvXNodeSet(nuvXNodeEnsureChild(mb, "stats"), "period", p);
        ret = 0;
    }
    qemuDomainJobEnd(obj);

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- disks ---- */

/* A running domain's <disk> for @path, or every disk when @path is empty
 * (@disk NULL); errors as libvirt words them.  Returns the object
 * locked. */
static nuvDomainObj *
activeWithDisk(virDomainPtr domain, const char *path, bool allowAll, nuvXNode **disk)
{
    nuvDomainObj *obj;

    *disk = NULL;
    if (!(obj = qemuDomObjFromDomain(domain)))
        return NULL;
    if (qemuCheckActive(obj) < 0)
        goto error;
    if (allowAll && (!path || !*path))
        return obj;
    {
        g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(obj->def, "disk");
        for (guint i = 0; path && i < disks->len && !*disk; i++) {
            nuvXNode *d = g_ptr_array_index(disks, i);
            if (g_strcmp0(xattr(d, "target", "dev"), path) == 0 ||
                g_strcmp0(diskSource(d), path) == 0)
                *disk = d;
        }
    }
    if (!*disk) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid path: %s", path ? path : "");
        goto error;
    }
    return obj;

error:
    nuvDomainObjEndAPI(&obj);
    return NULL;
}

typedef struct {
    long long rdReq, rdBytes, rdTimes, wrReq, wrBytes, wrTimes, flReq, flTimes;
} qemuBlockCounters;

static void
countersAdd(qemuBlockCounters *c, json_object *entry)
{
    json_object *s = jget(entry, "stats");

    c->rdReq += jint(s, "rd_operations", 0);
    c->rdBytes += jint(s, "rd_bytes", 0);
    c->rdTimes += jint(s, "rd_total_time_ns", 0);
    c->wrReq += jint(s, "wr_operations", 0);
    c->wrBytes += jint(s, "wr_bytes", 0);
    c->wrTimes += jint(s, "wr_total_time_ns", 0);
    c->flReq += jint(s, "flush_operations", 0);
    c->flTimes += jint(s, "flush_total_time_ns", 0);
}

/* The counters of @disk, or of every disk when NULL. */
static int
blockCounters(nuvDomainObj *obj, const nuvXNode *disk, qemuBlockCounters *c)
{
    json_object *all = NULL;

    memset(c, 0, sizeof(*c));
    if (qemuProcessCommand(obj, "query-blockstats", NULL, &all) < 0)
        return -1;
    if (disk) {
        json_object *e = deviceEntry(all, disk);
        if (!e) {
            json_object_put(all);
            nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'",
                           xattr(disk, "target", "dev"));
            return -1;
        }
        countersAdd(c, e);
    } else {
        for (size_t i = 0; i < json_object_array_length(all); i++)
            countersAdd(c, json_object_array_get_idx(all, i));
    }
    json_object_put(all);
    return 0;
}

int
qemuDomainBlockStats(virDomainPtr domain, const char *path, virDomainBlockStatsPtr stats,
                     size_t size)
{
    virDomainBlockStatsStruct st = { 0 };
    qemuBlockCounters c;
    nuvXNode *disk;
    nuvDomainObj *obj;
    int rc;

    if (size > sizeof(st)) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                           "stats in virDomainBlockStats must not be larger than %zu bytes",
                           sizeof(st));
        return -1;
    }
    if (!(obj = activeWithDisk(domain, path, true, &disk)))
        return -1;
    rc = blockCounters(obj, disk, &c);
    nuvDomainObjEndAPI(&obj);
    if (rc < 0)
        return -1;
    st.rd_req = c.rdReq;
    st.rd_bytes = c.rdBytes;
    st.wr_req = c.wrReq;
    st.wr_bytes = c.wrBytes;
    st.errs = -1;               /* QEMU keeps no error count */
    memcpy(stats, &st, size);
    return 0;
}

int
qemuDomainBlockStatsFlags(virDomainPtr domain, const char *path, virTypedParameterPtr params,
                          int *nparams, unsigned int flags)
{
    g_autoptr(nuvTypedParamList) list = NULL;
    qemuBlockCounters c;
    nuvXNode *disk;
    nuvDomainObj *obj;
    int rc;

    nuvCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(obj = activeWithDisk(domain, path, true, &disk)))
        return -1;
    rc = blockCounters(obj, disk, &c);
    nuvDomainObjEndAPI(&obj);
    if (rc < 0)
        return -1;
    list = nuvTypedParamListNew();
    nuvTypedParamListAddLLong(list, c.wrBytes, VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES);
    nuvTypedParamListAddLLong(list, c.wrReq, VIR_DOMAIN_BLOCK_STATS_WRITE_REQ);
    nuvTypedParamListAddLLong(list, c.rdBytes, VIR_DOMAIN_BLOCK_STATS_READ_BYTES);
    nuvTypedParamListAddLLong(list, c.rdReq, VIR_DOMAIN_BLOCK_STATS_READ_REQ);
    nuvTypedParamListAddLLong(list, c.flReq, VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ);
    nuvTypedParamListAddLLong(list, c.wrTimes, VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES);
    nuvTypedParamListAddLLong(list, c.rdTimes, VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES);
    nuvTypedParamListAddLLong(list, c.flTimes, VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES);
    return nuvTypedParamListCopyOut(list, params, nparams);
}

/* Capacity, allocation and size on the host of an image QEMU does not
 * have open: a qcow2 header gives the virtual size, anything else is raw. */
static bool
imageSizes(const char *path, unsigned long long *capacity, unsigned long long *allocation,
           unsigned long long *physical)
{
    struct stat sb;
    unsigned char hdr[32];
    FILE *f;

    if (!path || stat(path, &sb) < 0)
        return false;
    *capacity = *physical = sb.st_size;
    *allocation = (unsigned long long) sb.st_blocks * 512;
    if (S_ISREG(sb.st_mode) && (f = fopen(path, "rb"))) {
        if (fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr) && memcmp(hdr, "QFI\xfb", 4) == 0) {
            *capacity = 0;
            for (int i = 24; i < 32; i++)
                *capacity = (*capacity << 8) | hdr[i];
        }
        fclose(f);
    }
    return true;
}

int
qemuDomainGetBlockInfo(virDomainPtr domain, const char *path, virDomainBlockInfoPtr info,
                       unsigned int flags)
{
    nuvDomainObj *obj;
    const nuvXNode *disk = NULL;
    int ret = -1;

    nuvCheckFlags(0, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    {
        g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(obj->def, "disk");
        for (guint i = 0; path && i < disks->len && !disk; i++) {
            nuvXNode *d = g_ptr_array_index(disks, i);
            if (g_strcmp0(xattr(d, "target", "dev"), path) == 0 ||
                g_strcmp0(diskSource(d), path) == 0)
                disk = d;
        }
    }
    if (!disk) {
        nuvReportError(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain",
                       path ? path : "");
        goto cleanup;
    }
    if (!diskSource(disk)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                       path);
        goto cleanup;
    }
    memset(info, 0, sizeof(*info));
    if (!imageSizes(diskSource(disk), &info->capacity, &info->allocation, &info->physical)) {
        nuvReportSystemError(errno, "cannot stat file '%s'", diskSource(disk));
        goto cleanup;
    }
    if (nuvDomainObjIsActive(obj)) {
        /* a running guest's allocation is QEMU's highest written offset */
        g_autofree char *target = g_strdup(xattr(disk, "target", "dev"));
        json_object *all = NULL;
        if (qemuProcessCommand(obj, "query-blockstats", NULL, &all) == 0 &&
            nuvDomainObjIsActive(obj)) {
            nuvXNode *again = NULL;
            g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(obj->def, "disk");
            for (guint i = 0; i < disks->len && !again; i++) {
                if (g_strcmp0(xattr(g_ptr_array_index(disks, i), "target", "dev"), target) == 0)
                    again = g_ptr_array_index(disks, i);
            }
            json_object *e = again ? deviceEntry(all, again) : NULL;
            if (e)
                info->allocation = jint(e, "wr_highest_offset", 0);
        }
        json_object_put(all);
        nuvErrorReset();
    }
    ret = 0;

cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

/* ---- interfaces ---- */

/* Host-side counters of tap device @ifname, turned round to the guest's
 * view (what the host sends, the guest receives). */
static bool
tapCounters(const char *ifname, virDomainInterfaceStatsStruct *st)
{
    static const char *const names[] = {
        "tx_bytes", "tx_packets", "tx_errors", "tx_dropped",
        "rx_bytes", "rx_packets", "rx_errors", "rx_dropped",
    };
    long long *fields[] = {
        &st->rx_bytes, &st->rx_packets, &st->rx_errs, &st->rx_drop,
        &st->tx_bytes, &st->tx_packets, &st->tx_errs, &st->tx_drop,
    };

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *path = g_strdup_printf("/sys/class/net/%s/statistics/%s", ifname,
                                                names[i]);
        g_autofree char *text = NULL;
        if (strchr(ifname, '/') || !g_file_get_contents(path, &text, NULL, NULL))
            return false;
        *fields[i] = g_ascii_strtoll(text, NULL, 10);
    }
    return true;
}

int
qemuDomainInterfaceStats(virDomainPtr domain, const char *device,
                         virDomainInterfaceStatsPtr stats, size_t size)
{
    virDomainInterfaceStatsStruct st = { 0 };
    g_autofree char *ifname = NULL;
    nuvXNode *net = NULL;
    nuvDomainObj *obj;

    if (size > sizeof(st)) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                           "stats in virDomainInterfaceStats must not be larger than %zu bytes",
                           sizeof(st));
        return -1;
    }
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto error;
    {
        g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(obj->def, "interface");
        for (guint i = 0; device && i < nets->len && !net; i++) {
            nuvXNode *n = g_ptr_array_index(nets, i);
            const char *mac = xattr(n, "mac", "address");
            if (g_strcmp0(xattr(n, "target", "dev"), device) == 0 ||
                (mac && g_ascii_strcasecmp(mac, device) == 0))
                net = n;
        }
    }
    if (!net) {
        nuvReportErrorFrom(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                           "'%s' is not a known interface", device ? device : "");
        goto error;
    }
    ifname = g_strdup(xattr(net, "target", "dev"));
    nuvDomainObjEndAPI(&obj);
    /* a user-mode NIC has no host device to count on */
    if (!ifname) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "%s",
                           "Interface name not provided");
        return -1;
    }
    if (!tapCounters(ifname, &st)) {
        nuvReportErrorFrom(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                           "Interface not found: %s", ifname);
        return -1;
    }
    memcpy(stats, &st, size);
    return 0;

error:
    nuvDomainObjEndAPI(&obj);
    return -1;
}

/* ---- CPUs ---- */

/* A kernel CPU list ("0-3,6") from @path into @map (may be NULL); the
 * highest CPU + 1, or -1. */
static int
cpuListRead(const char *path, GArray *map)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) ranges = NULL;
    int max = -1;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    ranges = g_strsplit(g_strstrip(text), ",", -1);
    for (size_t i = 0; ranges[i] && *ranges[i]; i++) {
        int lo, hi;
        int n = sscanf(ranges[i], "%d-%d", &lo, &hi);
        if (n < 1 || lo < 0 || lo > 65535)
            return -1;
        if (n == 1)
            hi = lo;
        if (hi < lo || hi > 65535)
            return -1;
        for (int c = lo; map && c <= hi; c++) {
            unsigned char bit = 1 << (c % 8);
            if ((guint) c / 8 >= map->len)
                g_array_set_size(map, c / 8 + 1);
            g_array_index(map, unsigned char, c / 8) |= bit;
        }
        if (hi + 1 > max)
            max = hi + 1;
    }
    return max;
}

int
qemuNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    g_autoptr(GArray) map = g_array_new(FALSE, TRUE, 1);
    int present, count = 0;

    nuvCheckFlags(0, -1);
    present = cpuListRead("/sys/devices/system/cpu/present", NULL);
    if (present < 0 || cpuListRead("/sys/devices/system/cpu/online", map) < 0) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "cannot read the host's CPU lists");
        return -1;
    }
    g_array_set_size(map, (present + 7) / 8);
    for (guint i = 0; i < map->len; i++)
        count += __builtin_popcount(g_array_index(map, unsigned char, i));
    if (online)
        *online = count;
    if (cpumap)
        *cpumap = g_memdup2(map->data, map->len);
    return present;
}

int
qemuDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                   int maplen)
{
    nuvDomainObj *obj;
    json_object *cpus = NULL;
    GArray *tids;
    pid_t pid;
    int n = 0;

    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (!nuvDomainObjIsActive(obj)) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cannot retrieve vcpu information for inactive domain");
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    if (qemuProcessCommand(obj, "query-cpus-fast", NULL, &cpus) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    pid = qemuDomainPrivOf(obj) ? qemuDomainPrivOf(obj)->pid : 0;
    nuvDomainObjEndAPI(&obj);
    tids = vcpuThreads(cpus);
    json_object_put(cpus);
    if (cpumaps)
        memset(cpumaps, 0, (size_t) maxinfo * maplen);
    for (guint i = 0; i < tids->len && n < maxinfo; i++) {
        pid_t tid = g_array_index(tids, pid_t, i);
        unsigned long long ut = 0, st = 0;
        int cpu = 0;

        if (!tid)
            continue;
        procStat(pid, tid, &ut, &st, &cpu);
        info[n] = (virVcpuInfo){ .number = i, .state = VIR_VCPU_RUNNING, .cpuTime = ut + st,
                                 .cpu = cpu };
        if (cpumaps) {
            cpu_set_t set;
            unsigned char *map = cpumaps + (size_t) n * maplen;
            if (sched_getaffinity(tid, sizeof(set), &set) == 0) {
                for (int c = 0; c < maplen * 8 && c < CPU_SETSIZE; c++) {
                    if (CPU_ISSET(c, &set))
                        map[c / 8] |= 1 << (c % 8);
                }
            }
        }
        n++;
    }
    g_array_unref(tids);
    return n;
}

int
qemuDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                      int start_cpu, unsigned int ncpus, unsigned int flags)
{
    nuvDomainObj *obj;
    unsigned long long ut = 0, st = 0;
    pid_t pid;

    nuvCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(obj = qemuDomObjFromDomain(domain)))
        return -1;
    if (qemuCheckActive(obj) < 0) {
        nuvDomainObjEndAPI(&obj);
        return -1;
    }
    pid = qemuDomainPrivOf(obj)->pid;
    nuvDomainObjEndAPI(&obj);
    /* Per-CPU time needs cpuacct's per-CPU counters, which the driver
     * does not place its guests under. */
    if (start_cpu != -1) {
        nuvReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       "cgroup CPUACCT controller is not mounted");
        return -1;
    }
    if (nparams == 0)
        return 3;
    if (!procStat(pid, 0, &ut, &st, NULL)) {
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s", "cannot read the CPU time of the process");
        return -1;
    }
    {
        g_autoptr(nuvTypedParamList) list = nuvTypedParamListNew();
        virTypedParameterPtr all;
        size_t count;
        nuvTypedParamListAddULLong(list, ut + st, VIR_DOMAIN_CPU_STATS_CPUTIME);
        nuvTypedParamListAddULLong(list, ut, VIR_DOMAIN_CPU_STATS_USERTIME);
        nuvTypedParamListAddULLong(list, st, VIR_DOMAIN_CPU_STATS_SYSTEMTIME);
        if (nuvTypedParamListFetch(list, &all, &count) < 0)
            return -1;
        if (count > nparams)
            count = nparams;
        memcpy(params, all, sizeof(*params) * count);
        return count;
    }
}

/* ---- bulk statistics ---- */

#define QEMU_STATS_SUPPORTED                                                                       \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON |              \
     VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK |                 \
     VIR_DOMAIN_STATS_PERF | VIR_DOMAIN_STATS_IOTHREAD | VIR_DOMAIN_STATS_MEMORY |                 \
     VIR_DOMAIN_STATS_DIRTYRATE)

#define QEMU_STATS_FLAGS                                                                           \
    (NUV_STATS_FILTER_FLAGS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |                           \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)

static void
statsCPU(nuvDomainObj *obj, nuvTypedParamList *l)
{
    qemuDomainPriv *priv = qemuDomainPrivOf(obj);
    unsigned long long ut, st;

    if (!priv || priv->pid <= 0 || !procStat(priv->pid, 0, &ut, &st, NULL))
        return;
    nuvTypedParamListAddULLong(l, ut + st, "cpu.time");
    nuvTypedParamListAddULLong(l, ut, "cpu.user");
    nuvTypedParamListAddULLong(l, st, "cpu.system");
    /* no cache monitors (resctrl) are ever set up for a guest */
    nuvTypedParamListAddUInt(l, 0, "cpu.cache.monitor.count");
    /* halt polling is KVM's; a TCG guest never polls */
    nuvTypedParamListAddULLong(l, 0, "cpu.haltpoll.success.time");
    nuvTypedParamListAddULLong(l, 0, "cpu.haltpoll.fail.time");
}

static void
statsBalloon(nuvDomainObj *obj, nuvTypedParamList *l)
{
    const nuvDomainDef *def = obj->def;
    unsigned long long cur = def->currentMemory ? def->currentMemory : def->memory;
    g_autoptr(GArray) st = NULL;

    if (!nuvDomainObjIsActive(obj)) {
        nuvTypedParamListAddULLong(l, cur, "balloon.current");
        nuvTypedParamListAddULLong(l, def->memory, "balloon.maximum");
        return;
    }
    st = balloonRead(obj);
    for (guint i = 0; i < st->len; i++) {
        if (g_array_index(st, qemuMemStat, i).tag == VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON)
            cur = g_array_index(st, qemuMemStat, i).val;
    }
    nuvTypedParamListAddULLong(l, cur, "balloon.current");
    nuvTypedParamListAddULLong(l, obj->def->memory, "balloon.maximum");
    for (guint i = 0; i < st->len; i++) {
        qemuMemStat m = g_array_index(st, qemuMemStat, i);
        const char *field = NULL;
        if (m.tag == VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE)
            field = "last-update";
        else if (m.tag == VIR_DOMAIN_MEMORY_STAT_RSS)
            field = "rss";
        for (size_t j = 0; !field && j < G_N_ELEMENTS(balloonStats); j++) {
            if (balloonStats[j].tag == m.tag)
                field = balloonStats[j].field;
        }
        if (field)
            nuvTypedParamListAddULLong(l, m.val, "balloon.%s", field);
    }
}

static void
statsVcpu(nuvDomainObj *obj, qemuStatsQuery *q, nuvTypedParamList *l)
{
    g_autoptr(GArray) tids = NULL;

    nuvTypedParamListAddUInt(l, obj->def->vcpus, "vcpu.current");
    nuvTypedParamListAddUInt(l, obj->def->maxvcpus ? obj->def->maxvcpus : obj->def->vcpus,
                             "vcpu.maximum");
    if (!nuvDomainObjIsActive(obj) || !q->cpus)
        return;
    tids = vcpuThreads(q->cpus);
    for (guint i = 0; i < tids->len; i++) {
        pid_t tid = g_array_index(tids, pid_t, i);
        unsigned long long ut = 0, st = 0, wait, delay;

        if (!tid)
            continue;
        procStat(q->pid, tid, &ut, &st, NULL);
        procSched(q->pid, tid, &wait, &delay);
        nuvTypedParamListAddInt(l, VIR_VCPU_RUNNING, "vcpu.%u.state", i);
        nuvTypedParamListAddULLong(l, ut + st, "vcpu.%u.time", i);
        nuvTypedParamListAddULLong(l, wait, "vcpu.%u.wait", i);
        nuvTypedParamListAddULLong(l, delay, "vcpu.%u.delay", i);
    }
}

static void
statsInterface(nuvDomainObj *obj, nuvTypedParamList *l)
{
    g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(obj->def, "interface");

    if (!nuvDomainObjIsActive(obj))
        return;
    nuvTypedParamListAddUInt(l, nets->len, "net.count");
    for (guint i = 0; i < nets->len; i++) {
        const char *ifname = xattr(g_ptr_array_index(nets, i), "target", "dev");
        virDomainInterfaceStatsStruct st = { 0 };

        /* only a NIC with a host device has counters (not user-mode) */
        if (!ifname)
            continue;
        nuvTypedParamListAddString(l, ifname, "net.%u.name", i);
        if (!tapCounters(ifname, &st))
            continue;
        nuvTypedParamListAddULLong(l, st.rx_bytes, "net.%u.rx.bytes", i);
        nuvTypedParamListAddULLong(l, st.rx_packets, "net.%u.rx.pkts", i);
        nuvTypedParamListAddULLong(l, st.rx_errs, "net.%u.rx.errs", i);
        nuvTypedParamListAddULLong(l, st.rx_drop, "net.%u.rx.drop", i);
        nuvTypedParamListAddULLong(l, st.tx_bytes, "net.%u.tx.bytes", i);
        nuvTypedParamListAddULLong(l, st.tx_packets, "net.%u.tx.pkts", i);
        nuvTypedParamListAddULLong(l, st.tx_errs, "net.%u.tx.errs", i);
        nuvTypedParamListAddULLong(l, st.tx_drop, "net.%u.tx.drop", i);
    }
}

/* The node of query-named-block-nodes that holds image @file (a format
 * node, not the file node under it). */
static const char *
formatNodeOf(json_object *nodes, const char *file)
{
    for (size_t i = 0; nodes && i < json_object_array_length(nodes); i++) {
        json_object *n = json_object_array_get_idx(nodes, i);
        if (g_strcmp0(json_object_get_string(jget(n, "file")), file) == 0 &&
            g_strcmp0(json_object_get_string(jget(n, "drv")), "file") != 0)
            return json_object_get_string(jget(n, "node-name"));
    }
    return NULL;
}

static long long
nodeHighestOffset(json_object *nodeStats, const char *node)
{
    for (size_t i = 0; node && nodeStats && i < json_object_array_length(nodeStats); i++) {
        json_object *e = json_object_array_get_idx(nodeStats, i);
        if (g_strcmp0(json_object_get_string(jget(e, "node-name")), node) == 0)
            return jint(e, "wr_highest_offset", 0);
    }
    return 0;
}

static void
statsBlock(nuvDomainObj *obj, qemuStatsQuery *q, unsigned int flags, nuvTypedParamList *l)
{
    g_autoptr(GPtrArray) disks = nuvDomainDefDevicesOf(obj->def, "disk");
    g_autoptr(nuvTypedParamList) entries = nuvTypedParamListNew();
    bool active = nuvDomainObjIsActive(obj) && q->blockstats;
    bool backing = active && (flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING);
    json_object *nodes = NULL, *nodeStats = NULL;
    unsigned int n = 0, index = 0;

    if (backing) {
        json_object *args = json_object_new_object();
        json_object_object_add(args, "query-nodes", json_object_new_boolean(true));
        if (qemuProcessCommand(obj, "query-named-block-nodes", NULL, &nodes) < 0 ||
            qemuProcessCommand(obj, "query-blockstats", args, &nodeStats) < 0)
            nuvErrorReset();
    }
    for (guint i = 0; i < disks->len; i++) {
        nuvXNode *disk = g_ptr_array_index(disks, i);
        const char *name = xattr(disk, "target", "dev");
        const char *src = diskSource(disk);
        json_object *bs = active ? deviceEntry(q->blockstats, disk) : NULL;
        json_object *image = jget(jget(active ? deviceEntry(q->block, disk) : NULL,
                                       "inserted"), "image");
        unsigned int depth = 0;

        nuvTypedParamListAddString(entries, name, "block.%u.name", n);
        if (src)
            nuvTypedParamListAddString(entries, src, "block.%u.path", n);
        if (!active) {
            unsigned long long cap, alloc, phys;
            if (src && imageSizes(src, &cap, &alloc, &phys)) {
                nuvTypedParamListAddULLong(entries, alloc, "block.%u.allocation", n);
                nuvTypedParamListAddULLong(entries, cap, "block.%u.capacity", n);
                nuvTypedParamListAddULLong(entries, phys, "block.%u.physical", n);
            }
            n++;
            continue;
        }
        /* libvirt numbers the images it opens per domain; a disk with a
         * backing chain has its top image numbered again once the chain
         * is known, so its index is one more */
        if (src) {
            index++;
            if (jget(image, "backing-image"))
                index++;
            nuvTypedParamListAddUInt(entries, index, "block.%u.backingIndex", n);
        }
        if (bs) {
            json_object *s = jget(bs, "stats");
            nuvTypedParamListAddULLong(entries, jint(s, "rd_operations", 0), "block.%u.rd.reqs", n);
            nuvTypedParamListAddULLong(entries, jint(s, "rd_bytes", 0), "block.%u.rd.bytes", n);
            nuvTypedParamListAddULLong(entries, jint(s, "rd_total_time_ns", 0),
                                       "block.%u.rd.times", n);
            nuvTypedParamListAddULLong(entries, jint(s, "wr_operations", 0), "block.%u.wr.reqs", n);
            nuvTypedParamListAddULLong(entries, jint(s, "wr_bytes", 0), "block.%u.wr.bytes", n);
            nuvTypedParamListAddULLong(entries, jint(s, "wr_total_time_ns", 0),
                                       "block.%u.wr.times", n);
            nuvTypedParamListAddULLong(entries, jint(s, "flush_operations", 0),
                                       "block.%u.fl.reqs", n);
            nuvTypedParamListAddULLong(entries, jint(s, "flush_total_time_ns", 0),
                                       "block.%u.fl.times", n);
        }
        if (image) {
            nuvTypedParamListAddULLong(entries, bs ? jint(jget(bs, "stats"), "wr_highest_offset", 0)
                                                   : 0, "block.%u.allocation", n);
            nuvTypedParamListAddULLong(entries, jint(image, "virtual-size", 0),
                                       "block.%u.capacity", n);
            nuvTypedParamListAddULLong(entries, jint(image, "actual-size", 0),
                                       "block.%u.physical", n);
        }
        n++;
        /* with BACKING, every image under the top one gets an entry */
        for (json_object *b = backing ? jget(image, "backing-image") : NULL; b;
             b = jget(b, "backing-image")) {
            const char *file = json_object_get_string(jget(b, "filename"));
            depth++;
            index++;
            nuvTypedParamListAddString(entries, name, "block.%u.name", n);
            if (file)
                nuvTypedParamListAddString(entries, file, "block.%u.path", n);
            nuvTypedParamListAddUInt(entries, index, "block.%u.backingIndex", n);
            nuvTypedParamListAddULLong(entries, nodeHighestOffset(nodeStats,
                                                                  formatNodeOf(nodes, file)),
                                       "block.%u.allocation", n);
            nuvTypedParamListAddULLong(entries, jint(b, "virtual-size", 0),
                                       "block.%u.capacity", n);
            nuvTypedParamListAddULLong(entries, jint(b, "actual-size", 0),
                                       "block.%u.physical", n);
            n++;
        }
    }
    json_object_put(nodes);
    json_object_put(nodeStats);
    nuvTypedParamListAddUInt(l, n, "block.count");
    nuvTypedParamListConcat(l, &entries);
}

static void
statsDirtyRate(nuvDomainObj *obj, nuvTypedParamList *l)
{
    static const char *const states[] = { "unstarted", "measuring", "measured" };
    json_object *r = NULL;
    const char *status;
    int st = 0;

    if (!nuvDomainObjIsActive(obj))
        return;
    if (qemuProcessCommand(obj, "query-dirty-rate", NULL, &r) < 0) {
        nuvErrorReset();
        return;
    }
    status = json_object_get_string(jget(r, "status"));
    for (int i = 0; i < (int) G_N_ELEMENTS(states); i++) {
        if (g_strcmp0(status, states[i]) == 0)
            st = i;
    }
    nuvTypedParamListAddInt(l, st, "dirtyrate.calc_status");
    nuvTypedParamListAddLLong(l, jint(r, "start-time", 0), "dirtyrate.calc_start_time");
    nuvTypedParamListAddInt(l, jint(r, "calc-time", 0), "dirtyrate.calc_period");
    if (jget(r, "mode"))
        nuvTypedParamListAddString(l, json_object_get_string(jget(r, "mode")),
                                   "dirtyrate.calc_mode");
    if (st == 2 && jget(r, "dirty-rate"))
        nuvTypedParamListAddLLong(l, jint(r, "dirty-rate", 0),
                                  "dirtyrate.megabytes_per_second");
    json_object_put(r);
}

/* The groups of one record for @obj (locked; unlocked during each QMP
 * round trip). */
static void
statsRecord(nuvDomainObj *obj, unsigned int groups, unsigned int flags, nuvTypedParamList *l)
{
    qemuStatsQuery q = { 0 };
    bool active = nuvDomainObjIsActive(obj);

    if (active) {
        q.pid = qemuDomainPrivOf(obj)->pid;
        if ((groups & VIR_DOMAIN_STATS_VCPU) &&
            qemuProcessCommand(obj, "query-cpus-fast", NULL, &q.cpus) < 0)
            nuvErrorReset();
        if ((groups & VIR_DOMAIN_STATS_BLOCK) &&
            (qemuProcessCommand(obj, "query-blockstats", NULL, &q.blockstats) < 0 ||
             qemuProcessCommand(obj, "query-block", NULL, &q.block) < 0))
            nuvErrorReset();
    }
    if (groups & VIR_DOMAIN_STATS_STATE) {
        nuvTypedParamListAddInt(l, obj->state, "state.state");
        nuvTypedParamListAddInt(l, obj->reason, "state.reason");
    }
    if ((groups & VIR_DOMAIN_STATS_CPU_TOTAL) && active)
        statsCPU(obj, l);
    if (groups & VIR_DOMAIN_STATS_BALLOON)
        statsBalloon(obj, l);
    if (groups & VIR_DOMAIN_STATS_VCPU)
        statsVcpu(obj, &q, l);
    if (groups & VIR_DOMAIN_STATS_INTERFACE)
        statsInterface(obj, l);
    if (groups & VIR_DOMAIN_STATS_BLOCK)
        statsBlock(obj, &q, flags, l);
    /* perf: no perf events are ever enabled; iothread: the driver runs
     * no IOThreads; memory: no bandwidth monitors (resctrl).  Each group
     * is accepted and, as with libvirt in those cases, says nothing. */
    if (groups & VIR_DOMAIN_STATS_DIRTYRATE)
        statsDirtyRate(obj, l);
    qemuStatsQueryClear(&q);
    nuvErrorReset();
}

int
qemuConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                             virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    nuvCheckFlags(QEMU_STATS_FLAGS, -1);
    return nuvStatsCollect(conn, qemuDriverOf(conn)->domains, NULL, stats, QEMU_STATS_SUPPORTED, flags,
                           statsRecord, qemuDomainHandle, retStats);
}

int
qemuDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
                       unsigned int flags)
{
    nuvCheckFlags(QEMU_STATS_FLAGS, -1);
    return nuvStatsCollect(doms[0]->conn, qemuDriverOf(doms[0]->conn)->domains, doms, stats, QEMU_STATS_SUPPORTED,
                           flags, statsRecord, qemuDomainHandle, retStats);
}
