/*
 * qemudrivertest.c: the QEMU driver through the public API, on real
 * qemu-system-x86_64 guests under TCG (qemu:///embed in a temporary root).
 *
 * The guest is a 512-byte boot sector built here: it prints a marker on
 * the first serial port (a file), enables the ACPI power button, waits
 * for it, and powers the machine off through the PIIX4 PM registers, so
 * the tests can see it boot, shut down on an ACPI request and reboot,
 * from the guest's side and not only from the driver's bookkeeping.
 */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <glib.h>
#include <libvirt/libvirt-qemu.h>

#include "../api/testlib.h"

/* VIR_DOMAIN_EVENT_CALLBACK casts between callback types, as applications
 * must. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

static const char *qemuBinary = "/usr/bin/qemu-system-x86_64";
static char *root;
static char *uri;
static char *bootImg;

/* 16-bit code, loaded at 0x7c00 (see the file comment). */
static const unsigned char bootCode[] = {
    0x31, 0xc0, 0x8e, 0xd8, 0xba, 0xf8, 0x03, 0xbe, 0x2c, 0x7c, 0xac, 0x84,
    0xc0, 0x74, 0x03, 0xee, 0xeb, 0xf8, 0xba, 0x02, 0x06, 0xb8, 0x00, 0x01,
    0xef, 0xba, 0x00, 0x06, 0xed, 0xa9, 0x00, 0x01, 0x74, 0xfa, 0xba, 0x04,
    0x06, 0xb8, 0x00, 0x20, 0xef, 0xf4, 0xeb, 0xfd, 'N', 'U', 'V', 'B',
    'O', 'O', 'T', '\r', '\n', 0x00,
};

/* ---- events ---- */

static GMutex evLock;
static GString *evSeen;     /* "name:event:detail;" */

static int
onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    g_mutex_lock(&evLock);
    g_string_append_printf(evSeen, "%s:%d:%d;", virDomainGetName(dom), event, detail);
    g_mutex_unlock(&evLock);
    return 0;
}

static gpointer
eventThread(gpointer data)
{
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

/* Wait (up to 10 s) until the events seen contain @want. */
static bool
waitEvent(const char *want)
{
    for (int i = 0; i < 1000; i++) {
        bool found;
        g_mutex_lock(&evLock);
        found = strstr(evSeen->str, want) != NULL;
        g_mutex_unlock(&evLock);
        if (found)
            return true;
        g_usleep(10000);
    }
    fprintf(stderr, "  event '%s' not seen in '%s'\n", want, evSeen->str);
    return false;
}

/* ---- helpers ---- */

static char *
domainXML(const char *name, const char *type, const char *extraDevices)
{
    return g_strdup_printf(
        "<domain type='%s'>\n"
        "  <name>%s</name>\n"
        "  <memory unit='MiB'>64</memory>\n"
        "  <vcpu>1</vcpu>\n"
        "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>\n"
        "  <features><acpi/></features>\n"
        "  <devices>\n"
        "    <disk type='file' device='disk'><driver name='qemu' type='raw'/>"
        "<source file='%s'/><target dev='hda' bus='ide'/></disk>\n"
        "    <serial type='file'><source path='%s/%s.serial'/></serial>\n"
        "    <memballoon model='none'/>\n"
        "%s"
        "  </devices>\n"
        "</domain>\n", type, name, bootImg, root, name, extraDevices ? extraDevices : "");
}

static int callbackID = -1;

/* One connection at a time, with a lifecycle callback. */
static virConnectPtr
openConn(void)
{
    virConnectPtr conn = virConnectOpen(uri);

    if (conn)
        callbackID = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                      VIR_DOMAIN_EVENT_CALLBACK(onLifecycle),
                                                      NULL, NULL);
    return conn;
}

/* The callback holds the connection: it goes first, so that closing
 * the last connection really closes the driver instance. */
static int
closeConn(virConnectPtr conn)
{
    if (callbackID >= 0)
        virConnectDomainEventDeregisterAny(conn, callbackID);
    callbackID = -1;
    return virConnectClose(conn);
}

/* How many boot markers the guest @name has printed (waits up to 10 s
 * for at least @want). */
static int
bootMarkers(const char *name, int want)
{
    g_autofree char *path = g_strdup_printf("%s/%s.serial", root, name);
    int n = 0;

    for (int i = 0; i < 1000; i++) {
        g_autofree char *text = NULL;
        n = 0;
        if (g_file_get_contents(path, &text, NULL, NULL)) {
            for (const char *p = text; (p = strstr(p, "NUVBOOT")); p++)
                n++;
        }
        if (n >= want)
            break;
        g_usleep(10000);
    }
    return n;
}

static bool
cmdlineMentions(const char *cmd, gsize len, const char *what)
{
    for (gsize off = 0; off < len; off += strlen(cmd + off) + 1) {
        if (strstr(cmd + off, what))
            return true;
    }
    return false;
}

/* The running QEMU of guest @name under this test's root (its serial file
 * is there), found in /proc; 0 if none. */
static pid_t
qemuPidOf(const char *name)
{
    g_autofree char *want = g_strdup_printf("guest=%s,", name);
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t pid = 0;

    while (d && (e = readdir(d)) && !pid) {
        g_autofree char *path = g_strdup_printf("/proc/%s/cmdline", e->d_name);
        g_autofree char *cmd = NULL;
        gsize len = 0;

        if (!g_ascii_isdigit(e->d_name[0]) || !g_file_get_contents(path, &cmd, &len, NULL))
            continue;
        for (gsize off = 0; off < len; off += strlen(cmd + off) + 1) {
            if (g_str_has_prefix(cmd + off, want) && strstr(cmd, "qemu-system") &&
                cmdlineMentions(cmd, len, root))
                pid = atoi(e->d_name);
        }
    }
    if (d)
        closedir(d);
    return pid;
}

/* Kill every QEMU whose command line mentions @dir (what a failed check
 * left running); how many there were. */
static int
killStrays(const char *dir)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int n = 0;

    while (d && (e = readdir(d))) {
        g_autofree char *path = g_strdup_printf("/proc/%s/cmdline", e->d_name);
        g_autofree char *cmd = NULL;
        gsize len = 0;

        if (!g_ascii_isdigit(e->d_name[0]) || !g_file_get_contents(path, &cmd, &len, NULL))
            continue;
        for (gsize off = 0; off < len; off += strlen(cmd + off) + 1) {
            if (strstr(cmd + off, dir) && strstr(cmd, "qemu-system")) {
                kill(atoi(e->d_name), SIGKILL);
                n++;
                break;
            }
        }
    }
    if (d)
        closedir(d);
    return n;
}

static bool
waitNoProcess(const char *name)
{
    for (int i = 0; i < 500; i++) {
        if (!qemuPidOf(name))
            return true;
        g_usleep(10000);
    }
    return false;
}

static bool
waitState(virDomainPtr dom, int state, int reason)
{
    int st = -1, rs = -1;

    for (int i = 0; i < 1000; i++) {
        if (virDomainGetState(dom, &st, &rs, 0) == 0 && st == state && rs == reason)
            return true;
        g_usleep(10000);
    }
    fprintf(stderr, "  state %d/%d, expected %d/%d\n", st, rs, state, reason);
    return false;
}

/* QEMU's own view: query-status' "status". */
static char *
qmpStatus(virDomainPtr dom)
{
    char *reply = NULL;
    const char *p;

    if (virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-status\"}", &reply, 0) < 0)
        return NULL;
    if (!(p = strstr(reply, "\"status\":\""))) {
        free(reply);
        return NULL;
    }
    p += strlen("\"status\":\"");
    char *status = g_strndup(p, strcspn(p, "\""));
    free(reply);
    return status;
}

#define CHECK_QMP(dom, want) \
    do { \
        g_autofree char *st__ = qmpStatus(dom); \
        if (!st__ || strcmp(st__, want) != 0) { \
            fprintf(stderr, "  %s:%d: QEMU status '%s', expected '%s'\n", __FILE__, \
                    __LINE__, st__ ? st__ : "(none)", want); \
            return -1; \
        } \
    } while (0)

static virDomainPtr
defineDomain(virConnectPtr conn, const char *name)
{
    g_autofree char *xml = domainXML(name, "qemu", NULL);

    return virDomainDefineXML(conn, xml);
}

/* ---- cases ---- */

static int
testLifecycle(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;
    virDomainInfo info;
    char *xml;
    int id;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "life")));
    CHECK(virDomainCreate(dom) == 0);
    CHECK((id = virDomainGetID(dom)) > 0);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK(bootMarkers("life", 1) == 1);
    CHECK_QMP(dom, "running");
    CHECK(qemuPidOf("life") > 0);

    CHECK((xml = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(xml, "<domain type='qemu' id='"));
    CHECK(strstr(xml, "<alias name='ide0-0-0'/>"));
    CHECK(strstr(xml, "<alias name='serial0'/>"));
    free(xml);
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(!strstr(xml, "<alias") && !strstr(xml, "<domain type='qemu' id='"));
    free(xml);

    CHECK(virDomainSuspend(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER));
    CHECK_QMP(dom, "paused");
    CHECK(virDomainResume(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED));
    CHECK_QMP(dom, "running");
    CHECK(virDomainGetInfo(dom, &info) == 0);
    CHECK(info.state == VIR_DOMAIN_RUNNING && info.maxMem == 65536 && info.nrVirtCpu == 1);
    CHECK(info.cpuTime > 0);

    /* ACPI power button: the guest powers off, <on_poweroff> destroys */
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN));
    CHECK(waitNoProcess("life"));
    CHECK(virDomainGetID(dom) == (unsigned int) -1 || virDomainIsActive(dom) == 0);
    CHECK(waitEvent("life:2:0;"));     /* STARTED BOOTED */
    CHECK(waitEvent("life:3:0;"));     /* SUSPENDED PAUSED */
    CHECK(waitEvent("life:4:0;"));     /* RESUMED UNPAUSED */
    CHECK(waitEvent("life:6:1;"));     /* SHUTDOWN GUEST */
    CHECK(waitEvent("life:5:0;"));     /* STOPPED SHUTDOWN */
    CHECK(virDomainSuspend(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");

    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

static int
testDestroyAndReboot(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "reboot")));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(bootMarkers("reboot", 1) == 1);
    /* ACPI reboot: the guest powers off, the driver resets it */
    CHECK(virDomainReboot(dom, 0) == 0);
    CHECK(bootMarkers("reboot", 2) == 2);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_QMP(dom, "running");
    CHECK(virDomainReset(dom, 0) == 0);
    CHECK(bootMarkers("reboot", 3) == 3);
    CHECK(waitEvent("reboot:"));

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED));
    CHECK(!qemuPidOf("reboot"));
    CHECK(waitEvent("reboot:5:1;"));   /* STOPPED DESTROYED */
    CHECK(virDomainDestroy(dom) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

/* ---- restart: the embedding process dies, another takes over ---- */

/* Phases of testReconnect, each run by a child process of its own (a
 * process's embedded driver has one root for its whole life). */
static int
phaseStart(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "recon")));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainGetID(dom) == 1);
    CHECK(bootMarkers("recon", 1) == 1);
    /* killed like a crashing application: no close, no cleanup */
    raise(SIGKILL);
    return -1;
}

static int
phaseCheck(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;
    pid_t pid;

    CHECK(conn);
    CHECK((dom = virDomainLookupByName(conn, "recon")));
    CHECK(virDomainGetID(dom) == 1);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK_QMP(dom, "running");
    CHECK(virDomainSuspend(dom) == 0);
    CHECK_QMP(dom, "paused");
    CHECK(virDomainResume(dom) == 0);
    CHECK_QMP(dom, "running");

    /* QEMU dies under us: shut off, crashed */
    CHECK((pid = qemuPidOf("recon")) > 0);
    CHECK(kill(pid, SIGKILL) == 0);
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED));
    CHECK(waitEvent("recon:5:5;"));    /* STOPPED FAILED */
    CHECK(waitNoProcess("recon"));

    /* start it again and leave it running as this process exits */
    CHECK(virDomainCreate(dom) == 0);
    CHECK(bootMarkers("recon", 1) == 1);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

static int
phaseGone(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    pid_t pid;

    /* QEMU dies while no process manages it */
    CHECK((pid = qemuPidOf("recon")) > 0);
    CHECK(kill(pid, SIGKILL) == 0);
    CHECK(waitNoProcess("recon"));
    CHECK((conn = openConn()));
    CHECK((dom = virDomainLookupByName(conn, "recon")));
    CHECK(waitState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED));
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

/* Talk QMP to guest @name's monitor socket ourselves (no driver is
 * watching it): capabilities, then @cmd, then wait up to 10 s for
 * query-status to say @until.  True on success. */
static bool
qmpDirect(const char *name, const char *cmd, const char *until)
{
    g_autofree char *dir = g_strdup_printf("%s/lib/qemu", root);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autofree char *sock = NULL;
    g_autofree char *suffix = g_strdup_printf("-%s", name);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    const char *e;
    char buf[4096];
    bool ok = false;
    int fd;

    while (d && (e = g_dir_read_name(d))) {
        if (g_str_has_prefix(e, "domain-") && g_str_has_suffix(e, suffix))
            sock = g_strdup_printf("%s/%s/monitor.sock", dir, e);
    }
    if (!sock || strlen(sock) >= sizeof(addr.sun_path))
        return false;
    strcpy(addr.sun_path, sock);
    if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
        return false;
    if (connect(fd, (struct sockaddr *) &addr, sizeof(addr)) == 0) {
        g_autofree char *req = g_strdup_printf("{\"execute\":\"qmp_capabilities\"}"
                                               "{\"execute\":\"%s\"}", cmd);
        if (write(fd, req, strlen(req)) == (ssize_t) strlen(req)) {
            g_autofree char *want = g_strdup_printf("\"status\": \"%s\"", until);
            for (int i = 0; i < 200 && !ok; i++) {
                const char *q = "{\"execute\":\"query-status\"}";
                ssize_t n;
                g_usleep(50000);
                if (write(fd, q, strlen(q)) < 0)
                    break;
                g_usleep(20000);
                /* replies and events pile up: read what is there */
                while ((n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT)) > 0) {
                    buf[n] = '\0';
                    if (strstr(buf, want))
                        ok = true;
                }
            }
        }
    }
    close(fd);
    return ok;
}

/* The guest powers off while no process manages it: the next open finds
 * it shut off at once (its <on_poweroff> applied while reconnecting, not
 * later by a worker), and its QEMU gone. */
static int
phaseOffStart(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "offline")));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(bootMarkers("offline", 1) == 1);
    raise(SIGKILL);
    return -1;
}

static int
phaseOffCheck(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int state = -1, reason = -1;

    CHECK((conn = openConn()));
    CHECK((dom = virDomainLookupByName(conn, "offline")));
    /* no waiting: reconnecting applied <on_poweroff> */
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    if (state != VIR_DOMAIN_SHUTOFF || reason != VIR_DOMAIN_SHUTOFF_SHUTDOWN)
        fprintf(stderr, "  state %d/%d right after open\n", state, reason);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(waitNoProcess("offline"));
    /* and it starts again as usual */
    CHECK(virDomainCreate(dom) == 0);
    CHECK(bootMarkers("offline", 1) == 1);   /* QEMU truncated the file */
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

/* Run this program as "--phase NAME ROOT"; its wait status. */
static int
runPhase(const char *name, const char *phaseRoot)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    const char *argv[] = { self, "--phase", name, phaseRoot, NULL };
    int status = -1;

    if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                      NULL, NULL, &status, NULL))
        return -1;
    return status;
}

static int
testReconnect(void)
{
    g_autofree char *phaseRoot = g_strdup_printf("%s/restart", root);
    int st;

    CHECK(g_mkdir(phaseRoot, 0700) == 0);
    st = runPhase("start", phaseRoot);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    CHECK(qemuPidOf("recon") > 0);
    st = runPhase("check", phaseRoot);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(qemuPidOf("recon") > 0);
    st = runPhase("gone", phaseRoot);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(!qemuPidOf("recon"));
    return 0;
}

static int
testReconnectPoweredOff(void)
{
    g_autofree char *phaseRoot = g_strdup_printf("%s/poweroff", root);
    char *saved = root;
    bool off;
    int st;

    CHECK(g_mkdir(phaseRoot, 0700) == 0);
    st = runPhase("offstart", phaseRoot);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    CHECK(qemuPidOf("offline") > 0);
    /* the ACPI button, pressed with nobody managing the guest */
    root = phaseRoot;
    off = qmpDirect("offline", "system_powerdown", "shutdown");
    root = saved;
    CHECK(off);
    CHECK(qemuPidOf("offline") > 0);       /* -no-shutdown: QEMU waits */
    st = runPhase("offcheck", phaseRoot);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(!qemuPidOf("offline"));
    return 0;
}

static int
testPersistence(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;
    g_autofree char *cfg = g_strdup_printf("%s/etc/qemu/keep.xml", root);
    g_autofree char *link = g_strdup_printf("%s/etc/qemu/autostart/keep.xml", root);
    int autostart = -1;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "keep")));
    CHECK(g_file_test(cfg, G_FILE_TEST_EXISTS));
    CHECK(virDomainSetAutostart(dom, 1) == 0);
    CHECK(g_file_test(link, G_FILE_TEST_EXISTS));
    virDomainFree(dom);
    closeConn(conn);

    CHECK((conn = openConn()));
    CHECK((dom = virDomainLookupByName(conn, "keep")));
    CHECK(virDomainIsPersistent(dom) == 1 && virDomainIsActive(dom) == 0);
    CHECK(virDomainGetAutostart(dom, &autostart) == 0 && autostart == 1);
    CHECK(virConnectNumOfDefinedDomains(conn) >= 1);
    CHECK(virDomainUndefine(dom) == 0);
    CHECK(!g_file_test(cfg, G_FILE_TEST_EXISTS) && !g_file_test(link, G_FILE_TEST_EXISTS));
    virDomainFree(dom);
    CHECK(!virDomainLookupByName(conn, "keep"));
    CHECK_ERR(VIR_ERR_NO_DOMAIN, "keep");
    closeConn(conn);
    return 0;
}

static int
testTransient(void)
{
    virConnectPtr conn = openConn();
    g_autofree char *xml = domainXML("transient", "qemu", NULL);
    virDomainPtr dom;

    CHECK(conn);
    dom = virDomainCreateXML(conn, xml, VIR_DOMAIN_START_PAUSED);
    if (!dom)
        fprintf(stderr, "  %s\n", virGetLastErrorMessage());
    CHECK(dom);
    CHECK(waitState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER));
    CHECK_QMP(dom, "prelaunch");
    CHECK(virDomainIsPersistent(dom) == 0);
    CHECK(virDomainResume(dom) == 0);
    CHECK(bootMarkers("transient", 1) == 1);
    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
    CHECK(!virDomainLookupByName(conn, "transient"));
    CHECK(!qemuPidOf("transient"));
    closeConn(conn);
    return 0;
}

static int
testBadInput(void)
{
    virConnectPtr conn = openConn();
    g_autofree char *kvm = domainXML("kvmguest", "kvm", NULL);
    g_autofree char *hostdev = domainXML("wdguest", "qemu",
                                         "    <watchdog model='i6300esb' action='reset'/>\n");
    g_autofree char *roIde = domainXML("roide", "qemu", NULL);
    g_autofree char *missing = NULL;
    g_autofree char *status = g_strdup_printf("%s/run/qemu/missing.xml", root);
    virDomainPtr dom;
    char *xml;

    CHECK(conn);
    {
        /* the boot disk made read-only */
        char *p = strstr(roIde, "</disk>");
        GString *t = g_string_new(NULL);
        g_string_append_len(t, roIde, p - roIde);
        g_string_append(t, "<readonly/>");
        g_string_append(t, p);
        g_free(roIde);
        roIde = g_string_free(t, FALSE);
    }
    if (access("/dev/kvm", R_OK | W_OK) != 0) {
        /* refused at define already, as stock does (tests/qemu/kvm-test.sh) */
        CHECK(!virDomainDefineXML(conn, kvm));
        CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "does not support virt type 'kvm'");
    }
    CHECK((dom = virDomainDefineXML(conn, hostdev)));
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "<watchdog>");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    /* refused by the driver before QEMU would refuse it */
    CHECK((dom = virDomainDefineXML(conn, roIde)));
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "readonly ide disks are not supported");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);

    /* QEMU refuses the disk: its own words reach the caller, nothing
     * is left behind and the definition is unchanged */
    missing = domainXML("missing", "qemu", NULL);
    {
        char *p = strstr(missing, bootImg);
        GString *s = g_string_new(NULL);
        g_string_append_len(s, missing, p - missing);
        g_string_append(s, "/nonexistent/disk.img");
        g_string_append(s, p + strlen(bootImg));
        g_free(missing);
        missing = g_string_free(s, FALSE);
    }
    CHECK((dom = virDomainDefineXML(conn, missing)));
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "/nonexistent/disk.img");
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(!qemuPidOf("missing"));
    CHECK(!g_file_test(status, G_FILE_TEST_EXISTS));
    CHECK((xml = virDomainGetXMLDesc(dom, 0)) && strstr(xml, "/nonexistent/disk.img") &&
          !strstr(xml, "<alias"));
    free(xml);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);

    CHECK(!virConnectOpen("qemu:///embed"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "root");
    CHECK(!virConnectOpen("qemu:///embed?root=relative/dir"));
    /* one embedded root per process */
    CHECK(!virConnectOpen("qemu:///embed?root=/tmp/another-root"));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "already run with root");
    return 0;
}

static int
testCapabilities(void)
{
    virConnectPtr conn = openConn();
    unsigned long ver = 0;
    char *caps, *dcaps, *argv;
    g_autofree char *xml = domainXML("native", "qemu", NULL);

    CHECK(conn);
    CHECK(virConnectGetVersion(conn, &ver) == 0 && ver >= 2000000);
    CHECK(strcmp(virConnectGetType(conn), "QEMU") == 0);
    CHECK((caps = virConnectGetCapabilities(conn)));
    CHECK(strstr(caps, "<os_type>hvm</os_type>"));
    CHECK(strstr(caps, "<domain type='qemu'/>"));
    CHECK(strstr(caps, "canonical='pc-i440fx-"));
    free(caps);
    CHECK((dcaps = virConnectGetDomainCapabilities(conn, NULL, NULL, NULL, "qemu", 0)));
    CHECK(strstr(dcaps, "<machine>pc-i440fx-") && strstr(dcaps, "<domain>qemu</domain>"));
    free(dcaps);
    CHECK(!virConnectGetDomainCapabilities(conn, NULL, NULL, "no-such-machine", "qemu", 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "no-such-machine");
    CHECK((argv = virConnectDomainXMLToNative(conn, "qemu-argv", xml, 0)));
    CHECK(strstr(argv, "-name guest=native,debug-threads=on") && strstr(argv, "-accel tcg"));
    free(argv);
    closeConn(conn);
    return 0;
}

/* The driver's parse defaults, as libvirt's QEMU driver writes them into
 * the definition: arch, emulator, canonical machine type. */
static int
testParseDefaults(void)
{
    virConnectPtr conn = openConn();
    const char *fmt = "<domain type='qemu'><name>%s</name><memory>65536</memory>"
                      "<os><type%s>hvm</type></os></domain>";
    g_autofree char *plain = g_strdup_printf(fmt, "defaults1", "");
    g_autofree char *q35 = g_strdup_printf(fmt, "defaults2", " machine='q35'");
    g_autofree char *bad = g_strdup_printf(fmt, "defaults3", " machine='no-such-machine'");
    virDomainPtr dom;
    char *xml;

    CHECK(conn);
    CHECK((dom = virDomainDefineXML(conn, plain)));
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<type arch='x86_64' machine='pc-i440fx-"));
    CHECK(strstr(xml, "<devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"));
    free(xml);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    CHECK((dom = virDomainDefineXML(conn, q35)));
    CHECK((xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(xml, "<type arch='x86_64' machine='pc-q35-"));
    free(xml);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    CHECK(!virDomainDefineXML(conn, bad));
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED,
              "Emulator '/usr/bin/qemu-system-x86_64' does not support machine type "
              "'no-such-machine'");
    closeConn(conn);
    return 0;
}

/* How many vCPUs QEMU itself reports. */
static int
qmpVcpuCount(virDomainPtr dom)
{
    char *reply = NULL;
    int n = 0;

    if (virDomainQemuMonitorCommand(dom, "{\"execute\":\"query-cpus-fast\"}", &reply, 0) < 0)
        return -1;
    for (const char *p = reply; (p = strstr(p, "\"cpu-index\"")); p++)
        n++;
    free(reply);
    return n;
}

/* Memory and vCPU counts: the config always, the running guest where QEMU
 * can (the balloon target, vCPU hotplug), libvirt's errors elsewhere. */
static int
testResources(void)
{
    virConnectPtr conn = openConn();
    g_autofree char *base = domainXML("res", "qemu", NULL);
    g_autoptr(GString) xml = g_string_new(base);
    virDomainPtr dom;
    virDomainInfo info;
    char *out;

    CHECK(conn);
    g_string_replace(xml, "<vcpu>1</vcpu>", "<vcpu current='1'>2</vcpu>", 1);
    g_string_replace(xml, "<memory unit='MiB'>64</memory>", "<memory unit='MiB'>128</memory>", 1);
    g_string_replace(xml, "<memballoon model='none'/>", "<memballoon model='virtio'/>", 1);
    CHECK((dom = virDomainDefineXML(conn, xml->str)));

    /* shut off: the config */
    CHECK(virDomainSetMemoryFlags(dom, 98304, 0) == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.memory == 98304 && info.maxMem == 131072);
    CHECK(virDomainSetMemoryFlags(dom, 262144, VIR_DOMAIN_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "cannot set memory higher than max memory");
    CHECK(virDomainSetMemory(dom, 65536) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_CONFIG) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "greater than max allowable vcpus for the persistent");
    CHECK(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM) == 0);
    CHECK(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM) == 3);
    CHECK(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM) == 0);
    CHECK(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG) == 1);
    {
        /* on disk too */
        g_autofree char *cfg = g_strdup_printf("%s/etc/qemu/res.xml", root);
        g_autofree char *text = NULL;
        CHECK(g_file_get_contents(cfg, &text, NULL, NULL));
        CHECK(strstr(text, "<currentMemory unit='KiB'>98304</currentMemory>") &&
              strstr(text, "<vcpu placement='static' current='1'>2</vcpu>"));
    }

    /* running: QEMU's own view */
    CHECK(virDomainCreate(dom) == 0);
    CHECK(qmpVcpuCount(dom) == 1);
    CHECK(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_LIVE) == 0);
    CHECK(qmpVcpuCount(dom) == 2);
    CHECK(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE) == 2);
    CHECK(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG) == 1);
    CHECK(virDomainGetMaxVcpus(dom) == 2);
    CHECK(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "removing vCPUs");
    CHECK(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "for the live domain: 3 > 2");
    CHECK(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "can't be modified");
    CHECK(virDomainSetMemory(dom, 65536) == 0);
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.memory == 65536);
    CHECK((out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)) &&
          strstr(out, "<currentMemory unit='KiB'>98304</currentMemory>"));
    free(out);
    CHECK(virDomainSetMaxMemory(dom, 65536) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "cannot resize the maximum memory on an active domain");
    CHECK(virDomainSetMemoryFlags(dom, 65536, VIR_DOMAIN_AFFECT_CONFIG |
                                  VIR_DOMAIN_MEM_MAXIMUM) == 0);
    CHECK((out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)) &&
          strstr(out, "<memory unit='KiB'>65536</memory>"));
    free(out);
    CHECK(virDomainDestroy(dom) == 0);
    /* the config's changes are what the next start gets */
    CHECK(virDomainGetVcpusFlags(dom, 0) == 1);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

/* VIR_DOMAIN_START_AUTODESTROY: the guests die with the connection that
 * started them, and only with that one. */
static int
testAutoDestroy(void)
{
    virConnectPtr conn = openConn();
    virConnectPtr other;
    g_autofree char *xml = domainXML("autod1", "qemu", NULL);
    virDomainPtr dom, dom2;
    pid_t pid1, pid2;

    CHECK(conn);
    CHECK((other = virConnectOpen(uri)));
    CHECK((dom = virDomainCreateXML(other, xml, VIR_DOMAIN_START_AUTODESTROY)));
    virDomainFree(dom);
    {
        /* two guests at once: QEMU locks a disk image for one writer */
        g_autofree char *img2 = g_strdup_printf("%s/boot2.img", root);
        g_autofree char *x2 = domainXML("autod2", "qemu", NULL);
        g_autoptr(GString) x = g_string_new(x2);
        g_autofree char *data = NULL;
        gsize len = 0;

        CHECK(g_file_get_contents(bootImg, &data, &len, NULL) &&
              g_file_set_contents(img2, data, len, NULL));
        g_string_replace(x, bootImg, img2, 1);
        CHECK((dom2 = virDomainDefineXML(conn, x->str)));
    }
    {
        virDomainPtr d = virDomainLookupByName(other, "autod2");
        CHECK(d);
        CHECK(virDomainCreateWithFlags(d, VIR_DOMAIN_START_AUTODESTROY) == 0);
        virDomainFree(d);
    }
    CHECK(bootMarkers("autod1", 1) == 1 && bootMarkers("autod2", 1) == 1);
    CHECK((pid1 = qemuPidOf("autod1")) > 0 && (pid2 = qemuPidOf("autod2")) > 0);
    /* another connection's close destroys nothing */
    {
        virConnectPtr third = virConnectOpen(uri);
        CHECK(third);
        virConnectClose(third);
    }
    CHECK(virDomainIsActive(dom2) == 1);
    CHECK(virConnectClose(other) == 0);
    CHECK(waitNoProcess("autod1") && waitNoProcess("autod2"));
    CHECK(!virDomainLookupByName(conn, "autod1"));
    CHECK(waitState(dom2, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED));
    CHECK(waitEvent("autod2:5:1;"));   /* STOPPED DESTROYED */
    /* started again without the flag, it survives its connection */
    {
        virConnectPtr c = virConnectOpen(uri);
        virDomainPtr d;
        CHECK(c && (d = virDomainLookupByName(c, "autod2")));
        CHECK(virDomainCreate(d) == 0);
        virDomainFree(d);
        virConnectClose(c);
    }
    CHECK(virDomainIsActive(dom2) == 1 && qemuPidOf("autod2") > 0);
    CHECK(virDomainDestroy(dom2) == 0);
    CHECK(virDomainUndefine(dom2) == 0);
    virDomainFree(dom2);
    closeConn(conn);
    return 0;
}

/* Autostart: a domain marked so is started when the driver starts. */
static int
phaseAutoSet(void)
{
    virConnectPtr conn = openConn();
    virDomainPtr dom;

    CHECK(conn);
    CHECK((dom = defineDomain(conn, "autostart")));
    CHECK(virDomainSetAutostart(dom, 1) == 0);
    CHECK(virDomainIsActive(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

static int
phaseAutoCheck(void)
{
    virConnectPtr conn;
    virDomainPtr dom;

    CHECK((conn = openConn()));
    CHECK((dom = virDomainLookupByName(conn, "autostart")));
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(waitState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED));
    CHECK(bootMarkers("autostart", 1) == 1);
    CHECK_QMP(dom, "running");
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

static int
testAutostart(void)
{
    g_autofree char *phaseRoot = g_strdup_printf("%s/autostart", root);
    int st;

    CHECK(g_mkdir(phaseRoot, 0700) == 0);
    st = runPhase("autoset", phaseRoot);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(!qemuPidOf("autostart"));
    st = runPhase("autocheck", phaseRoot);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK(!qemuPidOf("autostart"));
    return 0;
}

/* Does /proc/PID/FILE (NUL-separated) hold the entry @want? */
static bool
procHas(pid_t pid, const char *file, const char *want)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/%s", (int) pid, file);
    g_autofree char *text = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &text, &len, NULL))
        return false;
    for (gsize off = 0; off < len; off += strlen(text + off) + 1) {
        if (strcmp(text + off, want) == 0)
            return true;
    }
    return false;
}

/* <qemu:commandline>: kept under any prefix, written back as libvirt
 * writes it, and really given to QEMU (its argv and environment). */
static int
testQemuCommandline(void)
{
    virConnectPtr conn = openConn();
    g_autofree char *base = domainXML("qemucl", "qemu", NULL);
    g_autoptr(GString) xml = g_string_new(base);
    const char *block =
        "  <qemu:commandline>\n"
        "    <qemu:arg value='-smbios'/>\n"
        "    <qemu:arg value='type=1,serial=NUV&apos;SERIAL'/>\n"
        "    <qemu:env name='NUV_TEST_ENV' value='one &amp; two'/>\n"
        "    <qemu:env name='NUV_EMPTY'/>\n"
        "  </qemu:commandline>\n"
        "</domain>\n";
    virDomainPtr dom;
    char *out, *argv;
    pid_t pid;

    CHECK(conn);
    g_string_replace(xml, "<domain type='qemu'>",
                     "<domain type='qemu' xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0' "
                     "xmlns:other='urn:x'>", 1);
    g_string_replace(xml, "</domain>",
                     "  <q:commandline>\n"
                     "    <q:arg value='-smbios'/>\n"
                     "    <q:arg value=\"type=1,serial=NUV'SERIAL\"/>\n"
                     "    <q:env name='NUV_TEST_ENV' value='one &amp; two'/>\n"
                     "    <q:env name='NUV_EMPTY'/>\n"
                     "  </q:commandline>\n"
                     "  <other:thing a='b'/>\n"
                     "</domain>", 1);
    CHECK((dom = virDomainDefineXML(conn, xml->str)));
    CHECK((out = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(g_str_has_prefix(out, "<domain type='qemu' "
                           "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n"));
    CHECK(g_str_has_suffix(out, block));
    CHECK(!strstr(out, "other:") && !strstr(out, "urn:x"));
    free(out);

    CHECK((argv = virConnectDomainXMLToNative(conn, "qemu-argv", xml->str, 0)));
    CHECK(strstr(argv, "NUV_TEST_ENV='one & two'") &&
          g_str_has_suffix(argv, " -smbios 'type=1,serial=NUV'\\''SERIAL'"));
    free(argv);

    CHECK(virDomainCreate(dom) == 0);
    CHECK((pid = qemuPidOf("qemucl")) > 0);
    CHECK(procHas(pid, "cmdline", "type=1,serial=NUV'SERIAL"));
    CHECK(procHas(pid, "environ", "NUV_TEST_ENV=one & two"));
    CHECK(procHas(pid, "environ", "NUV_EMPTY="));
    CHECK((out = virDomainGetXMLDesc(dom, 0)));
    if (!g_str_has_suffix(out, block))
        fprintf(stderr, "  live XML:\n%s", out);
    CHECK(g_str_has_suffix(out, block) && strstr(out, " id='"));
    free(out);
    {
        /* the running state on disk keeps it too */
        g_autofree char *status = g_strdup_printf("%s/run/qemu/qemucl.xml", root);
        g_autofree char *text = NULL;
        CHECK(g_file_get_contents(status, &text, NULL, NULL));
        CHECK(strstr(text, "<qemu:arg value='-smbios'/>"));
    }
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);

    /* bad names are refused at define, as libvirt does */
    g_string_replace(xml, "NUV_TEST_ENV", "1BAD", 1);
    CHECK(!virDomainDefineXML(conn, xml->str));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "must begin with a letter or underscore");
    g_string_replace(xml, "1BAD", "BAD-NAME", 1);
    CHECK(!virDomainDefineXML(conn, xml->str));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "only alphanumerics and underscore");

    /* capability overrides are kept but cannot be honoured */
    g_string_replace(xml, "<q:env name='BAD-NAME' value='one &amp; two'/>",
                     "</q:commandline><q:capabilities><q:del capability='x'/>"
                     "</q:capabilities><q:commandline>", 1);
    CHECK((dom = virDomainDefineXML(conn, xml->str)));
    CHECK((out = virDomainGetXMLDesc(dom, 0)));
    CHECK(strstr(out, "  <qemu:capabilities>\n    <qemu:del capability='x'/>\n"
                      "  </qemu:capabilities>\n</domain>\n"));
    free(out);
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "<qemu:capabilities>");
    CHECK(!qemuPidOf("qemucl"));
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    closeConn(conn);
    return 0;
}

int
main(int argc, char **argv)
{
    static const testCase cases[] = {
        { "capabilities", testCapabilities },
        { "lifecycle", testLifecycle },
        { "destroy-reboot", testDestroyAndReboot },
        { "reconnect", testReconnect },
        { "reconnect-powered-off", testReconnectPoweredOff },
        { "persistence", testPersistence },
        { "transient", testTransient },
        { "qemu-commandline", testQemuCommandline },
        { "parse-defaults", testParseDefaults },
        { "resources", testResources },
        { "autodestroy", testAutoDestroy },
        { "autostart", testAutostart },
        { "bad-input", testBadInput },
    };
    unsigned char img[512] = { 0 };
    int ret;

    if (access(qemuBinary, X_OK) != 0) {
        printf("SKIP: no %s\n", qemuBinary);
        return 77;
    }
    if (argc == 4 && strcmp(argv[1], "--phase") == 0) {
        /* a child of testReconnect: its own process, its own root */
        g_autofree char *parent = g_path_get_dirname(argv[3]);

        root = argv[3];
        uri = g_strdup_printf("qemu:///embed?root=%s", root);
        bootImg = g_build_filename(parent, "boot.img", NULL);
        evSeen = g_string_new(NULL);
        virSetErrorFunc(NULL, testQuietErrors);
        virEventRegisterDefaultImpl();
        g_thread_unref(g_thread_new("events", eventThread, NULL));
        if (strcmp(argv[2], "start") == 0)
            return phaseStart() == 0 ? 0 : 1;
        if (strcmp(argv[2], "check") == 0)
            return phaseCheck() == 0 ? 0 : 1;
        if (strcmp(argv[2], "autoset") == 0)
            return phaseAutoSet() == 0 ? 0 : 1;
        if (strcmp(argv[2], "autocheck") == 0)
            return phaseAutoCheck() == 0 ? 0 : 1;
        if (strcmp(argv[2], "offstart") == 0)
            return phaseOffStart() == 0 ? 0 : 1;
        if (strcmp(argv[2], "offcheck") == 0)
            return phaseOffCheck() == 0 ? 0 : 1;
        return phaseGone() == 0 ? 0 : 1;
    }
    root = g_dir_make_tmp("qemudrv-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    bootImg = g_build_filename(root, "boot.img", NULL);
    memcpy(img, bootCode, sizeof(bootCode));
    img[510] = 0x55;
    img[511] = 0xaa;
    if (!g_file_set_contents(bootImg, (const char *) img, sizeof(img), NULL))
        return 1;
    evSeen = g_string_new(NULL);
    virEventRegisterDefaultImpl();
    g_thread_unref(g_thread_new("events", eventThread, NULL));

    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    if (killStrays(root) > 0) {
        fprintf(stderr, "QEMU processes were left running\n");
        ret = 1;
    }
    if (ret == 0) {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", root);
    }
    return ret;
}
