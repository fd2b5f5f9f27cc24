/*
 * qemustatstest.c: statistics of a real TCG guest, checked against QEMU's
 * own answers (query-blockstats, qom-get) and the host's /proc: block,
 * memory, vCPU and CPU figures, and the bulk statistics with libvirt
 * 9.0's field names for a running guest (with and without its backing
 * chain) and a shut-off one.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "../api/testlib.h"
#include "qemuguest.h"

static virTypedParameterPtr
param(virDomainStatsRecordPtr rec, const char *name)
{
    for (int i = 0; i < rec->nparams; i++) {
        if (strcmp(rec->params[i].field, name) == 0)
            return &rec->params[i];
    }
    return NULL;
}

static unsigned long long
pull(virDomainStatsRecordPtr rec, const char *name)
{
    virTypedParameterPtr p = param(rec, name);

    if (!p)
        return (unsigned long long) -1;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT: return p->value.i;
    case VIR_TYPED_PARAM_UINT: return p->value.ui;
    case VIR_TYPED_PARAM_LLONG: return p->value.l;
    case VIR_TYPED_PARAM_ULLONG: return p->value.ul;
    default: return (unsigned long long) -2;
    }
}

static const char *
pullStr(virDomainStatsRecordPtr rec, const char *name)
{
    virTypedParameterPtr p = param(rec, name);
    return p && p->type == VIR_TYPED_PARAM_STRING ? p->value.s : NULL;
}

/* The number at @key ("a.b.c") in QEMU's reply to @cmd, in the element
 * of a list reply whose "qdev" ends with @qdev (NULL: the reply itself). */
static long long
qmpNumber(virDomainPtr dom, const char *cmd, const char *qdev, const char *key)
{
    g_autofree char *reply = guestQMP(dom, cmd);
    json_object *root = reply ? json_tokener_parse(reply) : NULL;
    json_object *o = NULL;
    g_auto(GStrv) parts = g_strsplit(key, ".", -1);
    long long v = -1;

    if (root && json_object_object_get_ex(root, "return", &o) && qdev) {
        json_object *found = NULL;
        for (size_t i = 0; i < json_object_array_length(o) && !found; i++) {
            json_object *e = json_object_array_get_idx(o, i), *q = NULL;
            if (json_object_object_get_ex(e, "qdev", &q) &&
                g_str_has_suffix(json_object_get_string(q), qdev))
                found = e;
        }
        o = found;
    }
    for (size_t i = 0; o && parts[i]; i++) {
        if (!json_object_object_get_ex(o, parts[i], &o))
            o = NULL;
    }
    if (o)
        v = json_object_get_int64(o);
    json_object_put(root);
    return v;
}

static char *
statsXML(const char *name, const char *disk, const char *vdb)
{
    return g_strdup_printf(
        "<domain type='qemu'><name>%s</name><memory unit='MiB'>64</memory>"
        "<currentMemory unit='MiB'>48</currentMemory><vcpu current='1'>2</vcpu>"
        "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
        "<devices>"
        "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        "<source file='%s'/><target dev='hda' bus='ide'/></disk>"
        "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        "<source file='%s'/><target dev='vdb' bus='virtio'/></disk>"
        "<interface type='user'><mac address='52:54:00:aa:bb:01'/><model type='virtio'/>"
        "</interface>"
        "<serial type='file'><source path='%s/%s.serial' append='on'/></serial>"
        "<memballoon model='virtio'/></devices></domain>",
        name, disk, vdb, guestRoot(), name);
}

static int
testStats(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *base = g_strdup_printf("%s/st-base.qcow2", guestRoot());
    g_autofree char *top = g_strdup_printf("%s/st-top.qcow2", guestRoot());
    g_autofree char *vdb = g_strdup_printf("%s/st-vdb.qcow2", guestRoot());
    g_autofree char *offDisk = g_strdup_printf("%s/st-off.qcow2", guestRoot());
    g_autofree char *xml = NULL;
    g_autofree char *offXML = NULL;
    virDomainStatsRecordPtr *recs = NULL;
    virDomainStatsRecordPtr rec;
    virDomainPtr dom, off;
    virDomainPtr list[2] = { NULL, NULL };
    virDomainBlockStatsStruct bs;
    virDomainInterfaceStatsStruct is;
    virDomainMemoryStatStruct ms[VIR_DOMAIN_MEMORY_STAT_NR];
    virTypedParameter tp[16];
    virVcpuInfo vi[4];
    unsigned char maps[4 * 8];
    virDomainBlockInfo bi;
    int nparams, n;
    long long rdOps;
    bool actual = false, rss = false, lastUpdate = false;

    CHECK(conn);
    CHECK(guestMakeBootQcow2(base, 16));
    CHECK(guestQemuImgCreate(top, 16, base));
    CHECK(guestQemuImgCreate(vdb, 32, NULL));
    CHECK(guestQemuImgCreate(offDisk, 8, NULL));
    xml = statsXML("st", top, vdb);
    offXML = statsXML("st-off", offDisk, vdb);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK((off = virDomainDefineXML(conn, offXML)));

    /* shut off: what the definition and the images say */
    CHECK(virDomainBlockStats(off, "hda", &bs, sizeof(bs)) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not running");
    CHECK(virDomainGetVcpus(off, vi, 4, NULL, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "inactive domain");
    list[0] = off;
    CHECK(virDomainListGetStats(list, 0, &recs, 0) == 1);
    rec = recs[0];
    CHECK(strcmp(virDomainGetName(rec->dom), "st-off") == 0);
    CHECK(pull(rec, "state.state") == VIR_DOMAIN_SHUTOFF);
    CHECK(!param(rec, "cpu.time"));
    CHECK(pull(rec, "balloon.current") == 48 * 1024);
    CHECK(pull(rec, "balloon.maximum") == 64 * 1024);
    CHECK(pull(rec, "vcpu.current") == 1 && pull(rec, "vcpu.maximum") == 2);
    CHECK(!param(rec, "net.count"));
    CHECK(pull(rec, "block.count") == 2);
    CHECK(g_strcmp0(pullStr(rec, "block.0.name"), "hda") == 0);
    CHECK(g_strcmp0(pullStr(rec, "block.0.path"), offDisk) == 0);
    CHECK(pull(rec, "block.0.capacity") == 8 << 20);
    CHECK(pull(rec, "block.1.capacity") == 32 << 20);
    CHECK(!param(rec, "block.0.rd.reqs"));
    virDomainStatsRecordListFree(recs);

    CHECK(virDomainCreate(dom) == 0);
    CHECK(guestCounter("st", 1) > 1);

    /* block: the counters are QEMU's */
    CHECK(virDomainBlockStats(dom, "hda", &bs, sizeof(bs)) == 0);
    rdOps = qmpNumber(dom, "{\"execute\":\"query-blockstats\"}", "ide0-0-0",
                      "stats.rd_operations");
    CHECK(bs.rd_req > 0 && bs.rd_req == rdOps && bs.rd_bytes >= 512 && bs.errs == -1);
    CHECK(virDomainBlockStats(dom, "vdz", &bs, sizeof(bs)) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "invalid path: vdz");
    nparams = 0;
    CHECK(virDomainBlockStatsFlags(dom, "hda", NULL, &nparams, 0) == 0 && nparams == 8);
    CHECK(virDomainBlockStatsFlags(dom, top, tp, &nparams, 0) == 0 && nparams == 8);
    CHECK(strcmp(tp[3].field, VIR_DOMAIN_BLOCK_STATS_READ_REQ) == 0 && tp[3].value.l == rdOps);
    CHECK(virDomainBlockStatsFlags(dom, "", tp, &nparams, 0) == 0 && tp[3].value.l >= rdOps);
    CHECK(virDomainGetBlockInfo(dom, "vdb", &bi, 0) == 0 && bi.capacity == 32 << 20);
    CHECK(bi.physical > 0);

    /* a user-mode NIC has no host device */
    CHECK(virDomainInterfaceStats(dom, "52:54:00:aa:bb:01", &is, sizeof(is)) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Interface name not provided");
    CHECK(virDomainInterfaceStats(dom, "vnet9", &is, sizeof(is)) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "'vnet9' is not a known interface");

    /* memory: the balloon's size (QEMU's), and the process's RSS */
    n = virDomainMemoryStats(dom, ms, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    CHECK(n >= 3);
    for (int i = 0; i < n; i++) {
        if (ms[i].tag == VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON)
            actual = ms[i].val == (unsigned long long) qmpNumber(
                         dom, "{\"execute\":\"query-balloon\"}", NULL, "actual") / 1024;
        rss |= ms[i].tag == VIR_DOMAIN_MEMORY_STAT_RSS && ms[i].val > 1024;
        lastUpdate |= ms[i].tag == VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE;
    }
    CHECK(actual && rss && lastUpdate);
    CHECK(virDomainSetMemoryStatsPeriod(dom, 2, VIR_DOMAIN_AFFECT_LIVE) == 0);
    CHECK(qmpNumber(dom, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                    "\"/machine/peripheral/balloon0\",\"property\":"
                    "\"guest-stats-polling-interval\"}}", NULL, "") == 2);
    CHECK(virDomainSetMemoryStatsPeriod(dom, -1, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "period");

    /* vCPUs: the threads QEMU names, their time from /proc */
    memset(maps, 0, sizeof(maps));
    CHECK(virDomainGetVcpus(dom, vi, 4, maps, 8) == 1);
    CHECK(vi[0].number == 0 && vi[0].state == VIR_VCPU_RUNNING && vi[0].cpuTime > 0);
    CHECK(maps[0] != 0);
    {
        unsigned char *cpumap = NULL;
        unsigned int online = 0;
        int ncpus = virNodeGetCPUMap(conn, &cpumap, &online, 0);
        CHECK(ncpus >= (int) online && online >= 1);
        CHECK(online == (unsigned) sysconf(_SC_NPROCESSORS_ONLN));
        CHECK(cpumap && (cpumap[0] & 1));
        free(cpumap);
    }
    CHECK(virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0) == 3);
    CHECK(virDomainGetCPUStats(dom, tp, 3, -1, 1, 0) == 3);
    CHECK(strcmp(tp[0].field, VIR_DOMAIN_CPU_STATS_CPUTIME) == 0);
    CHECK(tp[0].value.ul > 0 && tp[0].value.ul == tp[1].value.ul + tp[2].value.ul);
    CHECK(virDomainGetCPUStats(dom, tp, 3, 0, 1, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "CPUACCT");

    /* bulk: libvirt's names and QEMU's values */
    CHECK(virConnectGetAllDomainStats(conn, 0, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE) == 1);
    rec = recs[0];
    CHECK(strcmp(virDomainGetName(rec->dom), "st") == 0);
    CHECK(pull(rec, "state.state") == VIR_DOMAIN_RUNNING);
    CHECK(pull(rec, "state.reason") == VIR_DOMAIN_RUNNING_BOOTED);
    CHECK(pull(rec, "cpu.time") > 0 &&
          pull(rec, "cpu.time") == pull(rec, "cpu.user") + pull(rec, "cpu.system"));
    CHECK(param(rec, "cpu.haltpoll.success.time") && param(rec, "cpu.cache.monitor.count"));
    CHECK(pull(rec, "balloon.current") ==
          (unsigned long long) qmpNumber(rec->dom, "{\"execute\":\"query-balloon\"}",
                                         NULL, "actual") / 1024);
    CHECK(pull(rec, "balloon.maximum") == 64 * 1024);
    CHECK(pull(rec, "balloon.rss") > 1024 && param(rec, "balloon.last-update"));
    CHECK(pull(rec, "vcpu.current") == 1 && pull(rec, "vcpu.maximum") == 2);
    CHECK(pull(rec, "vcpu.0.state") == VIR_VCPU_RUNNING && pull(rec, "vcpu.0.time") > 0);
    CHECK(param(rec, "vcpu.0.wait") && param(rec, "vcpu.0.delay") && !param(rec, "vcpu.1.state"));
    CHECK(pull(rec, "net.count") == 1 && !param(rec, "net.0.name"));
    CHECK(pull(rec, "block.count") == 2);
    CHECK(g_strcmp0(pullStr(rec, "block.0.name"), "hda") == 0);
    CHECK(g_strcmp0(pullStr(rec, "block.0.path"), top) == 0);
    CHECK(pull(rec, "block.0.backingIndex") == 2 && pull(rec, "block.1.backingIndex") == 3);
    CHECK(pull(rec, "block.0.rd.reqs") == (unsigned long long) rdOps);
    CHECK(pull(rec, "block.0.capacity") == 16 << 20 && pull(rec, "block.0.physical") > 0);
    CHECK(param(rec, "block.0.wr.times") && param(rec, "block.0.fl.reqs"));
    CHECK(g_strcmp0(pullStr(rec, "block.1.name"), "vdb") == 0);
    CHECK(pull(rec, "block.1.capacity") == 32 << 20);
    CHECK(pull(rec, "dirtyrate.calc_status") == 0 && pullStr(rec, "dirtyrate.calc_mode"));
    virDomainStatsRecordListFree(recs);

    /* the chain under hda, with BACKING */
    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_BLOCK, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING |
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING) == 1);
    rec = recs[0];
    CHECK(!param(rec, "state.state"));
    CHECK(pull(rec, "block.count") == 3);
    CHECK(g_strcmp0(pullStr(rec, "block.1.name"), "hda") == 0);
    CHECK(g_strcmp0(pullStr(rec, "block.1.path"), base) == 0);
    CHECK(pull(rec, "block.1.backingIndex") == 3 && !param(rec, "block.1.rd.reqs"));
    CHECK(pull(rec, "block.1.capacity") == 16 << 20);
    CHECK(g_strcmp0(pullStr(rec, "block.2.name"), "vdb") == 0);
    virDomainStatsRecordListFree(recs);

    /* order: running first; filters; enforced groups */
    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE, &recs, 0) == 2);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "st") == 0);
    CHECK(strcmp(virDomainGetName(recs[1]->dom), "st-off") == 0);
    virDomainStatsRecordListFree(recs);
    CHECK(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF) == 1);
    CHECK(strcmp(virDomainGetName(recs[0]->dom), "st-off") == 0);
    virDomainStatsRecordListFree(recs);
    CHECK(virConnectGetAllDomainStats(conn, 1u << 20, &recs,
                                      VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) == -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "not supported");
    CHECK(guestBoots("st") == 1);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(virDomainUndefine(off) == 0);
    virDomainFree(dom);
    virDomainFree(off);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "stats", testStats },
    };
    return guestMain("qemustats", cases, G_N_ELEMENTS(cases));
}
