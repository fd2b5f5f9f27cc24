/*
 * qemusavetest.c: save, restore and managed save of real TCG guests
 * (qemu:///embed in a temporary root), checked from the guest's side: its
 * counter goes on after a restore, and it does not boot again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "../api/testlib.h"
#include "qemuguest.h"


static char *
eventString(const char *name, int type, int detail)
{
    return g_strdup_printf("%s:%d:%d;", name, type, detail);
}

static bool
waitLifecycle(const char *name, int type, int detail)
{
    g_autofree char *want = eventString(name, type, detail);
    return guestWaitEvent(want);
}

static virDomainPtr
startGuest(virConnectPtr conn, const char *name, int memMiB)
{
    g_autofree char *xml = guestDomainXML(name, memMiB, NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    if (!dom)
        return NULL;
    if (virDomainCreate(dom) < 0) {
        fprintf(stderr, "  start: %s\n", virGetLastErrorMessage());
        virDomainFree(dom);
        return NULL;
    }
    return dom;
}

/* Files in the directory of @path whose name starts with its base name,
 * besides @path itself (a temporary image left behind). */
static int
strayFiles(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    int n = 0;

    while (d && (e = g_dir_read_name(d))) {
        if (g_str_has_prefix(e, base) && strcmp(e, base) != 0)
            n++;
    }
    if (d)
        g_dir_close(d);
    return n;
}

static int
testSaveRestore(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *img = g_strdup_printf("%s/sv.save", guestRoot());
    virTypedParameterPtr params = NULL;
    virDomainPtr dom;
    char *xml;
    int before, after, nparams = 0, type = -1;
    unsigned long long total = 0;

    CHECK(conn);
    CHECK((dom = startGuest(conn, "sv", 64)));
    CHECK((before = guestCounter("sv", 3)) > 3);

    CHECK(virDomainSave(dom, img) == 0);
    CHECK(guestWaitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED));
    CHECK(guestWaitNoProcess("sv"));
    CHECK(waitLifecycle("sv", VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED));
    CHECK(g_file_test(img, G_FILE_TEST_IS_REGULAR) && strayFiles(img) == 0);
    /* the figures of the save that completed */
    CHECK(virDomainGetJobStats(dom, &type, &params, &nparams,
                               VIR_DOMAIN_JOB_STATS_COMPLETED) == 0);
    CHECK(type == VIR_DOMAIN_JOB_COMPLETED);
    CHECK(virTypedParamsGetULLong(params, nparams, VIR_DOMAIN_JOB_MEMORY_TOTAL, &total) == 1);
    CHECK(total >= 64ULL * 1024 * 1024);
    virTypedParamsFree(params, nparams);

    CHECK((xml = virDomainSaveImageGetXMLDesc(conn, img, 0)));
    CHECK(strstr(xml, "<name>sv</name>") && !strstr(xml, "<alias"));
    free(xml);

    before = guestCounter("sv", 0);
    CHECK(virDomainRestore(conn, img) == 0);
    virDomainFree(dom);
    CHECK((dom = virDomainLookupByName(conn, "sv")));
    CHECK(guestWaitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED));
    CHECK(waitLifecycle("sv", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED));
    /* the guest counts on from where it was, without booting again */
    CHECK((after = guestCounter("sv", before)) > before);
    CHECK(guestBoots("sv") == 1);
    CHECK(virDomainIsPersistent(dom) == 1);

    /* restored paused as asked; the image's XML changed in place */
    CHECK(virDomainSave(dom, img) == 0);
    CHECK((xml = virDomainSaveImageGetXMLDesc(conn, img, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE)));
    {
        char *p = strstr(xml, "</name>");
        g_autofree char *changed = NULL;
        CHECK(p);
        p += strlen("</name>");
        changed = g_strdup_printf("%.*s<description>restored twice</description>%s",
                                  (int) (p - xml), xml, p);
        CHECK(virDomainSaveImageDefineXML(conn, img, changed, 0) == 0);
    }
    free(xml);
    CHECK((xml = virDomainSaveImageGetXMLDesc(conn, img, 0)));
    CHECK(strstr(xml, "restored twice"));
    free(xml);
    guestClearEvents();
    before = guestCounter("sv", 0);
    CHECK(virDomainRestoreFlags(conn, img, NULL, VIR_DOMAIN_SAVE_PAUSED) == 0);
    CHECK(guestWaitState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER));
    CHECK(waitLifecycle("sv", VIR_DOMAIN_EVENT_SUSPENDED, VIR_DOMAIN_EVENT_SUSPENDED_RESTORED));
    CHECK((xml = virDomainGetXMLDesc(dom, 0)) && strstr(xml, "restored twice"));
    free(xml);
    g_usleep(300 * 1000);
    CHECK(guestCounter("sv", -1) == before);        /* paused: not counting */
    CHECK(virDomainResume(dom) == 0);
    CHECK(guestCounter("sv", before) > before);
    CHECK(guestBoots("sv") == 1);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

static int
testManagedSave(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *image = g_strdup_printf("%s/lib/qemu/save/ms.save", guestRoot());
    virDomainPtr dom;
    virDomainPtr *list = NULL;
    char *xml;
    int before, n;

    CHECK(conn);
    CHECK((dom = startGuest(conn, "ms", 64)));
    CHECK((before = guestCounter("ms", 3)) > 3);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(guestWaitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SAVED));
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 1);
    CHECK(g_file_test(image, G_FILE_TEST_IS_REGULAR));
    CHECK((n = virConnectListAllDomains(conn, &list, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE)) == 1);
    virDomainFree(list[0]);
    free(list);
    CHECK((xml = virDomainManagedSaveGetXMLDesc(dom, 0)) && strstr(xml, "<name>ms</name>"));
    free(xml);
    CHECK(virDomainUndefine(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "managed save image exists");

    /* start restores it */
    before = guestCounter("ms", 0);
    guestClearEvents();
    CHECK(virDomainCreate(dom) == 0);
    CHECK(guestWaitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_RESTORED));
    CHECK(waitLifecycle("ms", VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED));
    CHECK(guestCounter("ms", before) > before);
    CHECK(guestBoots("ms") == 1);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    CHECK(!g_file_test(image, G_FILE_TEST_EXISTS));

    /* a forced boot throws the image away */
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_FORCE_BOOT) == 0);
    CHECK(guestWaitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    for (int i = 0; i < 1000 && guestBoots("ms") < 2; i++)
        g_usleep(10000);
    CHECK(guestBoots("ms") == 2);

    /* remove, and undefine with the image */
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(virDomainManagedSaveRemove(dom, 0) == 0);
    CHECK(virDomainHasManagedSaveImage(dom, 0) == 0);
    CHECK(!virDomainManagedSaveGetXMLDesc(dom, 0));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "does not have managed save image");
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainManagedSave(dom, 0) == 0);
    CHECK(virDomainUndefineFlags(dom, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE) == 0);
    CHECK(!g_file_test(image, G_FILE_TEST_EXISTS));
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

static int
testBadInput(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *img = g_strdup_printf("%s/bad.save", guestRoot());
    g_autofree char *cut = g_strdup_printf("%s/cut.save", guestRoot());
    g_autofree char *foreign = g_strdup_printf("%s/foreign.save", guestRoot());
    g_autofree char *data = NULL;
    g_autofree char *xml = guestDomainXML("tr", 64, NULL);
    gsize len = 0;
    virDomainPtr dom, tr;
    int before;

    CHECK(conn);
    CHECK((dom = startGuest(conn, "bad", 64)));
    CHECK((before = guestCounter("bad", 2)) > 2);

    /* a path that cannot be written: the guest runs on */
    CHECK(virDomainSave(dom, "/nonexistent/dir/bad.img") == -1);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "/nonexistent/dir/bad.img");
    CHECK(guestWaitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK(guestCounter("bad", before) > before);
    CHECK(virDomainSaveFlags(dom, img, NULL, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED)
          == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "mutually exclusive");
    /* a definition of another domain */
    CHECK(virDomainSaveFlags(dom, img, xml, 0) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "does not match");
    CHECK(!g_file_test(img, G_FILE_TEST_EXISTS));
    /* transient domains have no managed save */
    CHECK((tr = virDomainCreateXML(conn, xml, 0)));
    CHECK(virDomainManagedSave(tr, 0) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "transient");
    CHECK(virDomainDestroy(tr) == 0);
    virDomainFree(tr);

    /* images that are not ours, or not whole */
    CHECK(virDomainRestore(conn, guestBootImage()) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "image magic is incorrect");
    CHECK(virDomainRestore(conn, "/nonexistent/image") == -1);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "/nonexistent/image");
    CHECK(virDomainSave(dom, img) == 0);
    CHECK(g_file_get_contents(img, &data, &len, NULL) && len > 8192);
    data[16] = 99;      /* a version from the future */
    CHECK(g_file_set_contents(foreign, data, len, NULL));
    CHECK(virDomainRestore(conn, foreign) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "image version is not supported");
    data[16] = 1;
    CHECK(g_file_set_contents(cut, data, len / 2, NULL));
    CHECK(virDomainRestore(conn, cut) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "load of migration failed");
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(!guestPid("bad"));
    /* the good one still restores, once */
    CHECK(virDomainRestore(conn, img) == 0);
    CHECK(virDomainRestore(conn, img) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "already active");
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

/* ---- a save that takes its time: into a pipe read slowly ---- */

typedef struct {
    int fd;
    gint stop;          /* atomic: drain and quit */
    gsize got;
} slowReader;

static gpointer
slowRead(gpointer opaque)
{
    slowReader *r = opaque;
    char buf[4096];

    for (;;) {
        ssize_t n = read(r->fd, buf, sizeof(buf));
        if (n == 0 && g_atomic_int_get(&r->stop))
            break;          /* no writer (any more) */
        if (n > 0)
            r->got += n;
        if (!g_atomic_int_get(&r->stop))
            g_usleep(20 * 1000);
        else if (n <= 0)
            g_usleep(1000);
    }
    return NULL;
}

typedef struct {
    virDomainPtr dom;
    const char *path;
    int rc;
    int code;
} saveCall;

static gpointer
saveThread(gpointer opaque)
{
    saveCall *c = opaque;

    c->rc = virDomainSave(c->dom, c->path);
    c->code = virGetLastErrorCode();
    return NULL;
}

static int
testAbort(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *fifo = g_strdup_printf("%s/slow.fifo", guestRoot());
    slowReader reader = { 0 };
    saveCall call = { 0 };
    virDomainJobInfo info = { 0 };
    GThread *rt, *st;
    virDomainPtr dom;
    int before;

    CHECK(conn);
    CHECK((dom = startGuest(conn, "ab", 64)));
    CHECK((before = guestCounter("ab", 2)) > 2);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK((reader.fd = open(fifo, O_RDONLY | O_NONBLOCK)) >= 0);
    rt = g_thread_new("reader", slowRead, &reader);
    call.dom = dom;
    call.path = fifo;
    st = g_thread_new("save", saveThread, &call);

    /* the job shows while it runs */
    for (int i = 0; i < 1000; i++) {
        if (virDomainGetJobInfo(dom, &info) == 0 && info.type == VIR_DOMAIN_JOB_UNBOUNDED &&
            info.dataProcessed > 0)
            break;
        g_usleep(10000);
    }
    CHECK(info.type == VIR_DOMAIN_JOB_UNBOUNDED);
    CHECK(info.dataTotal >= 64ULL * 1024 * 1024 && info.dataProcessed > 0);
    CHECK(virDomainAbortJob(dom) == 0);
    g_thread_join(st);
    g_atomic_int_set(&reader.stop, 1);
    g_thread_join(rt);
    close(reader.fd);
    if (call.rc != -1 || call.code != VIR_ERR_OPERATION_ABORTED)
        fprintf(stderr, "  save gave %d, error %d, %zu bytes read\n", call.rc, call.code,
                reader.got);
    CHECK(call.rc == -1 && call.code == VIR_ERR_OPERATION_ABORTED);
    /* the guest runs on, its memory intact */
    CHECK(guestWaitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_SAVE_CANCELED));
    CHECK(guestCounter("ab", before + 3) > before + 3);
    CHECK(guestBoots("ab") == 1);
    CHECK(virDomainGetJobInfo(dom, &info) == 0 && info.type == VIR_DOMAIN_JOB_NONE);
    CHECK(virDomainAbortJob(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "no job");

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "save-restore", testSaveRestore },
        { "managed-save", testManagedSave },
        { "bad-input", testBadInput },
        { "abort", testAbort },
    };
    return guestMain("qemusave", cases, G_N_ELEMENTS(cases));
}
