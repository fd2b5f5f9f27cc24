/*
 * qemublocktest.c: block jobs on real TCG guests: nova's live snapshot
 * (blockRebase COPY|REUSE_EXT|SHALLOW on a transient domain, wait, abort,
 * define again) end to end, whose image then boots; pull, intermediate
 * and active commit, copy with pivot; bad input.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "../api/testlib.h"
#include "qemuguest.h"

static char *
imgPath(const char *name)
{
    return g_strdup_printf("%s/%s", guestRoot(), name);
}

/* qemu-io: write a pattern (image not in use), or check one (-U: in use). */
static bool
qemuIO(const char *path, const char *cmd, bool readOnly)
{
    g_autofree char *out = NULL;
    const char *ro[] = { "qemu-io", "-U", "-r", "-f", "qcow2", "-c", cmd, path, NULL };
    const char *rw[] = { "qemu-io", "-f", "qcow2", "-c", cmd, path, NULL };
    const char *const *argv = readOnly ? ro : rw;

    if (!guestRun(argv, &out))
        return false;
    if (strstr(out, "fail") || strstr(out, "error")) {
        fprintf(stderr, "  qemu-io %s %s: %s\n", cmd, path, out);
        return false;
    }
    return true;
}

static bool
waitBlockJobDone(virDomainPtr dom, const char *disk)
{
    virDomainBlockJobInfo info;

    for (int i = 0; i < 2000; i++) {
        int rc = virDomainGetBlockJobInfo(dom, disk, &info, 0);
        if (rc < 0)
            return false;
        if (rc == 1 && info.end != 0 && info.cur == info.end)
            return true;
        g_usleep(10000);
    }
    return false;
}

static char *
blockEvent(const char *dom, const char *disk, int type, int status)
{
    return g_strdup_printf("%s:block:%s:%d:%d;", dom, disk, type, status);
}

static bool
waitBlockEvent(const char *dom, const char *disk, int type, int status)
{
    g_autofree char *want = blockEvent(dom, disk, type, status);
    return guestWaitEvent(want);
}

/* The backing file of @path as qemu-img sees it ("" when none). */
static char *
backingOf(const char *path)
{
    g_autofree char *out = NULL;
    const char *argv[] = { "qemu-img", "info", "-U", "--output=json", path, NULL };
    const char *p, *key = "\"full-backing-filename\": \"";

    if (!guestRun(argv, &out))
        return NULL;
    if (!(p = strstr(out, key)))
        return g_strdup("");
    p += strlen(key);
    return g_strndup(p, strcspn(p, "\""));
}

static int
testNovaLiveSnapshot(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *base = imgPath("nova-base.qcow2");
    g_autofree char *disk = imgPath("nova-disk.qcow2");
    g_autofree char *delta = imgPath("nova-delta.qcow2");
    g_autofree char *snap = imgPath("nova-snap.qcow2");
    g_autofree char *xml = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *bootXML = NULL;
    virDomainPtr dom, boot;
    char *live;
    int before;

    CHECK(conn);
    CHECK(guestMakeBootQcow2(base, 64));
    CHECK(guestQemuImgCreate(disk, 64, base));
    CHECK(qemuIO(disk, "write -q -P 0xab 1M 64k", false));
    xml = guestDomainXMLDisk("nova", 64, disk, "qcow2", NULL);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    CHECK((before = guestCounter("nova", 2)) > 2);

    /* nova: libvirt/driver.py _live_snapshot */
    CHECK((inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE)));
    if (virDomainBlockJobAbort(dom, "hda", 0) == 0)
        CHECK(!"abort of no job succeeded");
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "does not have an active block job");
    CHECK(guestQemuImgCreate(delta, 64, base));
    CHECK(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) == 0);
    CHECK(virDomainIsPersistent(dom) == 0 && virDomainIsActive(dom) == 1);
    CHECK(virDomainBlockRebase(dom, "hda", delta, 0,
                               VIR_DOMAIN_BLOCK_REBASE_COPY | VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT |
                               VIR_DOMAIN_BLOCK_REBASE_SHALLOW) == 0);
    CHECK(waitBlockJobDone(dom, "hda"));
    CHECK(waitBlockEvent("nova", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_COPY,
                         VIR_DOMAIN_BLOCK_JOB_READY));
    CHECK(virDomainBlockJobAbort(dom, "hda", 0) == 0);
    CHECK(waitBlockEvent("nova", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_COPY,
                         VIR_DOMAIN_BLOCK_JOB_CANCELED));
    {
        virDomainPtr again = virDomainDefineXML(conn, inactive);
        CHECK(again);
        virDomainFree(again);
    }
    CHECK(virDomainIsPersistent(dom) == 1);

    /* the guest runs on its own disk; the delta holds its top layer */
    CHECK((live = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(live, disk) && !strstr(live, delta));
    free(live);
    CHECK(guestCounter("nova", before) > before);
    {
        g_autofree char *b = backingOf(delta);
        CHECK(b && strcmp(b, base) == 0);
    }
    CHECK(qemuIO(delta, "read -q -P 0xab 1M 64k", true));
    {
        /* extract_snapshot: a flat image of its own, which boots */
        const char *conv[] = { "qemu-img", "convert", "-U", "-q", "-f", "qcow2", "-O", "qcow2",
                               delta, snap, NULL };
        CHECK(guestRun(conv, NULL));
    }
    CHECK(qemuIO(snap, "read -q -P 0xab 1M 64k", true));
    bootXML = guestDomainXMLDisk("novaboot", 64, snap, "qcow2", NULL);
    CHECK((boot = virDomainCreateXML(conn, bootXML, 0)));
    CHECK(guestCounter("novaboot", 1) > 1 && guestBoots("novaboot") == 1);
    CHECK(virDomainDestroy(boot) == 0);
    virDomainFree(boot);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

static int
testChainJobs(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *base = imgPath("ch-base.qcow2");
    g_autofree char *a = imgPath("ch-a.qcow2");
    g_autofree char *b = imgPath("ch-b.qcow2");
    g_autofree char *top = imgPath("ch-top.qcow2");
    g_autofree char *copy = imgPath("ch-copy.qcow2");
    g_autofree char *xml = NULL;
    g_autofree char *bk = NULL;
    g_autofree char *destXML = NULL;
    virDomainPtr dom;
    char *live;
    int before;

    CHECK(conn);
    CHECK(guestMakeBootQcow2(base, 32));
    CHECK(guestQemuImgCreate(a, 32, base));
    CHECK(qemuIO(a, "write -q -P 0x11 1M 64k", false));
    CHECK(guestQemuImgCreate(b, 32, a));
    CHECK(qemuIO(b, "write -q -P 0x22 2M 64k", false));
    CHECK(guestQemuImgCreate(top, 32, b));
    CHECK(qemuIO(top, "write -q -P 0x33 3M 64k", false));
    xml = guestDomainXMLDisk("chain", 64, top, "qcow2", NULL);
    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    CHECK((before = guestCounter("chain", 1)) > 1);

    /* pull b into top: top's backing becomes a */
    CHECK(virDomainBlockRebase(dom, "hda", a, 0, 0) == 0);
    CHECK(waitBlockEvent("chain", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_PULL,
                         VIR_DOMAIN_BLOCK_JOB_COMPLETED));
    CHECK((bk = backingOf(top)) && strcmp(bk, a) == 0);
    g_clear_pointer(&bk, g_free);

    /* intermediate commit of a into base: top's backing becomes base */
    CHECK(virDomainBlockCommit(dom, "hda", base, a, 0, 0) == 0);
    CHECK(waitBlockEvent("chain", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT,
                         VIR_DOMAIN_BLOCK_JOB_COMPLETED));
    CHECK((bk = backingOf(top)) && strcmp(bk, base) == 0);
    g_clear_pointer(&bk, g_free);

    /* active commit needs its flag; with it, pivot onto base */
    CHECK(virDomainBlockCommit(dom, "hda", NULL, NULL, 0, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "active flag");
    CHECK(virDomainBlockCommit(dom, "hda", NULL, NULL, 0, VIR_DOMAIN_BLOCK_COMMIT_ACTIVE) == 0);
    CHECK(waitBlockEvent("chain", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT,
                         VIR_DOMAIN_BLOCK_JOB_READY));
    CHECK(virDomainBlockJobAbort(dom, "hda", VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) == 0);
    CHECK(waitBlockEvent("chain", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT,
                         VIR_DOMAIN_BLOCK_JOB_COMPLETED));
    CHECK((live = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(live, base) && !strstr(live, top));
    free(live);

    /* a full copy made by us, pivoted to */
    destXML = g_strdup_printf("<disk type='file'><driver type='qcow2'/>"
                              "<source file='%s'/></disk>", copy);
    if (virDomainBlockCopy(dom, "hda", destXML, NULL, 0, 0) < 0)
        fprintf(stderr, "  copy: %s\n", virGetLastErrorMessage());
    CHECK(virGetLastErrorCode() == VIR_ERR_OK);
    CHECK(virDomainBlockCopy(dom, "hda", destXML, NULL, 0, 0) == -1);
    CHECK_ERR(VIR_ERR_BLOCK_COPY_ACTIVE, "already in active block job");
    CHECK(waitBlockEvent("chain", "hda", VIR_DOMAIN_BLOCK_JOB_TYPE_COPY,
                         VIR_DOMAIN_BLOCK_JOB_READY));
    CHECK(virDomainBlockJobAbort(dom, "hda", VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT) == 0);
    CHECK((live = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(live, copy));
    free(live);
    CHECK((bk = backingOf(copy)) && strcmp(bk, "") == 0);
    CHECK(guestCounter("chain", before) > before);

    /* bad input: the domain and its disk unchanged */
    CHECK(virDomainBlockJobAbort(dom, "vdz", 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "vdz");
    CHECK(virDomainBlockRebase(dom, "hda", copy, 0, VIR_DOMAIN_BLOCK_REBASE_COPY) == -1);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "already exists");
    CHECK(virDomainBlockRebase(dom, "hda", NULL, 0, VIR_DOMAIN_BLOCK_REBASE_REUSE_EXT) == -1);
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "REBASE_COPY");
    CHECK(virDomainBlockCommit(dom, "hda", NULL, NULL, 0, VIR_DOMAIN_BLOCK_COMMIT_ACTIVE) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "no backing file");
    CHECK((live = virDomainGetXMLDesc(dom, 0)) && strstr(live, copy));
    free(live);

    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
    CHECK(!virDomainLookupByName(conn, "chain"));
    /* QEMU keeps qcow2 metadata in memory while it runs: the data is
     * checked once it is gone.  b's data reached base only through the
     * pull into top, then the active commit. */
    for (int off = 1; off <= 3; off++) {
        g_autofree char *cmd = g_strdup_printf("read -q -P 0x%d%d %dM 64k", off, off, off);
        CHECK(qemuIO(base, cmd, true));
        CHECK(qemuIO(copy, cmd, true));
    }
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "nova-live-snapshot", testNovaLiveSnapshot },
        { "chain-jobs", testChainJobs },
    };
    return guestMain("qemublock", cases, G_N_ELEMENTS(cases));
}
