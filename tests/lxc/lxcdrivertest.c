/*
 * lxcdrivertest.c: the LXC driver through the public API, on real
 * containers (lxc:///embed in a temporary root, so nothing of the host's
 * libvirt or nuvirt directories is touched).
 *
 * The container's root is a directory built here: busybox (with the
 * libraries it needs, unless it is busybox-static) and an
 * /init script that prints, on its console, what it sees from inside (its
 * pid, hostname, mounts, network links, user map), so that the tests
 * prove isolation from the container's side, not from the driver's
 * bookkeeping.  The init ends on SIGTERM (exit 0), and exits 3 when a
 * file /crash appears, to test both endings.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "../api/testlib.h"

#pragma GCC diagnostic ignored "-Wcast-function-type"

static char *tmp;       /* everything of this run */
static char *rootfs;    /* the container's / */
static char *uri;
static virConnectPtr conn;

static const char initScript[] =
    "#!/bin/sh\n"
    "trap 'echo NUVBYE; exit 0' TERM\n"
    "trap 'echo NUVHUP; exit 0' HUP\n"
    "echo \"NUVLXC pid=$$ host=$(hostname) ppid=$PPID name=$LIBVIRT_LXC_NAME\"\n"
    "echo \"NUVMOUNTS $(cat /proc/self/mountinfo | wc -l) $(cat /proc/mounts | cut -d' ' -f2 | tr '\\n' ,)\"\n"
    "echo \"NUVLINKS $(ls /sys/class/net | tr '\\n' ,)\"\n"
    "echo \"NUVUIDMAP $(cat /proc/self/uid_map | tr -s ' ' | tr '\\n' ,)\"\n"
    "echo \"NUVPROCS $(ls /proc | grep -c '^[0-9]')\"\n"
    "echo \"NUVARGS $# $1 $2\"\n"
    "echo \"NUVCAPS $(grep CapBnd /proc/self/status)\"\n"
    "while :; do\n"
    "  [ -e /tmp/crash ] && exit 3\n"
    "  sleep 0.05\n"
    "done\n";

/* ---- events ---- */

static GMutex evLock;
static GString *evSeen;     /* "name:event:detail;" */

static int
onLifecycle(virConnectPtr c, virDomainPtr dom, int event, int detail, void *opaque)
{
    g_mutex_lock(&evLock);
    g_string_append_printf(evSeen, "%s:%d:%d;", virDomainGetName(dom), event, detail);
    g_mutex_unlock(&evLock);
    return 0;
}

static int
onReboot(virConnectPtr c, virDomainPtr dom, void *opaque)
{
    g_mutex_lock(&evLock);
    g_string_append_printf(evSeen, "%s:reboot;", virDomainGetName(dom));
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

static void
clearEvents(void)
{
    g_mutex_lock(&evLock);
    g_string_truncate(evSeen, 0);
    g_mutex_unlock(&evLock);
}

static int cbLife = -1, cbReboot = -1;

static virConnectPtr
openConn(void)
{
    virConnectPtr c = virConnectOpen(uri);

    if (c) {
        cbLife = virConnectDomainEventRegisterAny(c, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(onLifecycle),
                                                  NULL, NULL);
        cbReboot = virConnectDomainEventRegisterAny(c, NULL, VIR_DOMAIN_EVENT_ID_REBOOT,
                                                    VIR_DOMAIN_EVENT_CALLBACK(onReboot),
                                                    NULL, NULL);
    }
    return c;
}

static void
closeConn(virConnectPtr c)
{
    virConnectDomainEventDeregisterAny(c, cbLife);
    virConnectDomainEventDeregisterAny(c, cbReboot);
    virConnectClose(c);
}

/* ---- helpers ---- */

static char *
containerXML(const char *name, const char *root, const char *init, const char *extra)
{
    return g_strdup_printf(
        "<domain type='lxc'>\n"
        "  <name>%s</name>\n"
        "  <memory unit='MiB'>64</memory>\n"
        "  <os><type>exe</type><init>%s</init><initarg>one</initarg><initarg>two</initarg></os>\n"
        "  <features><privnet/></features>\n"
        "%s"
        "  <devices>\n"
        "    <filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>\n"
        "    <filesystem type='ram'><source usage='2048' units='KiB'/><target dir='/tmp'/>"
        "</filesystem>\n"
        "    <console type='pty'/>\n"
        "  </devices>\n"
        "</domain>\n", name, init, extra ? extra : "", root);
}

/* The host end of @dom's console, from its live XML. */
static char *
consolePath(virDomainPtr dom)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, 0);
    const char *p = xml ? strstr(xml, "<console type='pty' tty='") : NULL;
    const char *e;

    if (!p)
        return NULL;
    p += strlen("<console type='pty' tty='");
    e = strchr(p, '\'');
    return e ? g_strndup(p, e - p) : NULL;
}

static pid_t controllerPid(const char *name);

/* What each run of a container has written on its console so far, by
 * "pty:controller pid" (a pty number is reused by later containers). */
static GHashTable *consoles;

/* Read @dom's console until a line starting with @marker; the line, or
 * NULL after 10 s. */
static char *
consoleLine(virDomainPtr dom, const char *marker)
{
    g_autofree char *path = consolePath(dom);
    g_autofree char *key = NULL;
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    GString *buf;
    int fd;

    if (!path || (fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) < 0) {
        fprintf(stderr, "  no console for %s\n", virDomainGetName(dom));
        return NULL;
    }
    key = g_strdup_printf("%s:%d", path, (int) controllerPid(virDomainGetName(dom)));
    if (!(buf = g_hash_table_lookup(consoles, key))) {
        buf = g_string_new(NULL);
        g_hash_table_insert(consoles, g_strdup(key), buf);
    }
    while (g_get_monotonic_time() < deadline) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        char chunk[4096];
        const char *m;
        ssize_t n;

        if ((m = strstr(buf->str, marker))) {
            const char *nl = strchr(m, '\n');
            if (nl) {
                /* the container's tty writes CR LF */
                close(fd);
                return g_strndup(m, nl - m - (nl > m && nl[-1] == '\r'));
            }
        }
        if (poll(&p, 1, 100) > 0 && (n = read(fd, chunk, sizeof(chunk))) > 0)
            g_string_append_len(buf, chunk, n);
    }
    close(fd);
    fprintf(stderr, "  '%s' not on the console; got '%s'\n", marker, buf->str);
    return NULL;
}

static bool
hostHasMount(const char *path)
{
    g_autofree char *mi = NULL;

    g_file_get_contents("/proc/self/mountinfo", &mi, NULL, NULL);
    return mi && strstr(mi, path);
}

static bool
processAlive(pid_t pid)
{
    g_autofree char *p = g_strdup_printf("/proc/%d/stat", (int) pid);
    g_autofree char *st = NULL;
    const char *c;

    if (!g_file_get_contents(p, &st, NULL, NULL) || !(c = strrchr(st, ')')))
        return false;
    return c[2] != 'Z' && c[2] != 'X';
}

/* The controller's pid, from the status file. */
static pid_t
controllerPid(const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/state/run/lxc/%s.xml", tmp, name);
    g_autofree char *xml = NULL;
    const char *p;

    if (!g_file_get_contents(path, &xml, NULL, NULL) || !(p = strstr(xml, " pid='")))
        return 0;
    return (pid_t) atoi(p + 6);
}

static pid_t
initPid(const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/state/run/lxc/%s.xml", tmp, name);
    g_autofree char *xml = NULL;
    const char *p;

    if (!g_file_get_contents(path, &xml, NULL, NULL) || !(p = strstr(xml, "<init pid='")))
        return 0;
    return (pid_t) atoi(p + 11);
}

/* ---- cases ---- */

/* libvirt 9.0's output for a full LXC definition (stock virsh define +
 * dumpxml on lxc:///system; only <emulator> names our controller). */
static int
testXMLRoundTrip(void)
{
    g_autofree char *in = g_strdup_printf(
        "<domain type='lxc'><name>rt</name><uuid>7b4174a8-2d09-4368-b1d8-993c45533df3</uuid>"
        "<memory>65536</memory>"
        "<os><type>exe</type><init>/init</init><initarg>a b</initarg>"
        "<initenv name='FOO'>bar</initenv><initdir>/tmp</initdir><inituser>0</inituser>"
        "<initgroup>0</initgroup></os>"
        "<idmap><uid start='0' target='100000' count='65536'/>"
        "<gid start='0' target='100000' count='65536'/></idmap>"
        "<features><capabilities policy='default'><mknod state='off'/></capabilities></features>"
        "<devices><filesystem type='mount'><source dir='/tmp/root'/><target dir='/'/></filesystem>"
        "<filesystem type='ram'><source usage='1024' units='KiB'/><target dir='/tmp'/></filesystem>"
        "<interface type='bridge'><mac address='52:54:00:c3:0a:e5'/><source bridge='br0'/></interface>"
        "<console type='pty'/></devices></domain>");
    static const char *want =
        "<domain type='lxc'>\n"
        "  <name>rt</name>\n"
        "  <uuid>7b4174a8-2d09-4368-b1d8-993c45533df3</uuid>\n"
        "  <memory unit='KiB'>65536</memory>\n"
        "  <currentMemory unit='KiB'>65536</currentMemory>\n"
        "  <vcpu placement='static'>1</vcpu>\n"
        "  <os>\n"
        "    <type arch='x86_64'>exe</type>\n"
        "    <init>/init</init>\n"
        "    <initarg>a b</initarg>\n"
        "    <initenv name='FOO'>bar</initenv>\n"
        "    <initdir>/tmp</initdir>\n"
        "    <inituser>0</inituser>\n"
        "    <initgroup>0</initgroup>\n"
        "  </os>\n"
        "  <idmap>\n"
        "    <uid start='0' target='100000' count='65536'/>\n"
        "    <gid start='0' target='100000' count='65536'/>\n"
        "  </idmap>\n"
        "  <features>\n"
        "    <capabilities policy='default'>\n"
        "      <mknod state='off'/>\n"
        "    </capabilities>\n"
        "  </features>\n"
        "  <clock offset='utc'/>\n"
        "  <on_poweroff>destroy</on_poweroff>\n"
        "  <on_reboot>restart</on_reboot>\n"
        "  <on_crash>destroy</on_crash>\n"
        "  <devices>\n"
        "    <emulator>EMULATOR</emulator>\n"
        "    <filesystem type='mount' accessmode='passthrough'>\n"
        "      <source dir='/tmp/root'/>\n"
        "      <target dir='/'/>\n"
        "    </filesystem>\n"
        "    <filesystem type='ram' accessmode='passthrough'>\n"
        "      <source usage='1024' units='KiB'/>\n"
        "      <target dir='/tmp'/>\n"
        "    </filesystem>\n"
        "    <interface type='bridge'>\n"
        "      <mac address='52:54:00:c3:0a:e5'/>\n"
        "      <source bridge='br0'/>\n"
        "    </interface>\n"
        "    <console type='pty'>\n"
        "      <target type='lxc' port='0'/>\n"
        "    </console>\n"
        "  </devices>\n"
        "</domain>\n";
    virDomainPtr dom = virDomainDefineXML(conn, in);
    g_autofree char *out = NULL;
    g_autofree char *emu = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *expect = NULL;
    const char *e, *f;

    CHECK(dom);
    out = virDomainGetXMLDesc(dom, 0);
    CHECK(out);
    /* whatever the controller's installed path is */
    CHECK((e = strstr(out, "<emulator>")) && (f = strstr(e, "</emulator>")));
    emu = g_strndup(e + 10, f - e - 10);
    CHECK(g_str_has_suffix(emu, "/nuvirt_lxc"));
    parts = g_strsplit(want, "EMULATOR", 2);
    expect = g_strconcat(parts[0], emu, parts[1], NULL);
    if (strcmp(out, expect) != 0) {
        fprintf(stderr, "  got:\n%s\n  want:\n%s\n", out, expect);
        return -1;
    }
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* The errors stock libvirt 9.0 gives on lxc:///system for the same input. */
static int
testXMLErrors(void)
{
    virDomainPtr dom;

    dom = virDomainDefineXML(conn, "<domain type='lxc'><name>e1</name><memory>65536</memory>"
                             "<os><type>exe</type></os></domain>");
    CHECK(!dom);
    CHECK_ERR(VIR_ERR_XML_ERROR, "init binary must be specified");
    dom = virDomainDefineXML(conn, "<domain type='lxc'><name>e2</name><memory>65536</memory>"
                             "<os><type>hvm</type><init>/init</init></os></domain>");
    CHECK(!dom);
    CHECK_ERR(VIR_ERR_INVALID_ARG,
              "could not find capabilities for arch=x86_64 domaintype=lxc");
    dom = virDomainDefineXML(conn, "<domain type='kvm'><name>e3</name><memory>65536</memory>"
                             "<os><type>exe</type><init>/init</init></os></domain>");
    CHECK(!dom);
    CHECK_ERR(VIR_ERR_INVALID_ARG,
              "could not find capabilities for ostype=exe arch=x86_64 domaintype=kvm");
    /* defined without a console, refused at start */
    dom = virDomainDefineXML(conn, "<domain type='lxc'><name>e4</name><memory>65536</memory>"
                             "<os><type>exe</type><init>/init</init></os></domain>");
    CHECK(dom);
    CHECK(virDomainCreate(dom) < 0);
    CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "At least one PTY console is required");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

static int
testCapabilities(void)
{
    g_autofree char *caps = virConnectGetCapabilities(conn);
    unsigned long ver = 0;

    CHECK(caps);
    CHECK(strstr(caps, "<os_type>exe</os_type>"));
    CHECK(strstr(caps, "<arch name='x86_64'>"));
    CHECK(strstr(caps, "<arch name='i686'>"));
    CHECK(strstr(caps, "<domain type='lxc'/>"));
    CHECK(!strstr(caps, "hvm"));
    CHECK(strcmp(virConnectGetType(conn), "LXC") == 0);
    CHECK(virConnectGetVersion(conn, &ver) == 0 && ver > 3000000);
    return 0;
}

/* Start, look from inside, shut down. */
static int
testStartInside(void)
{
    g_autofree char *xml = containerXML("in1", rootfs, "/init", NULL);
    g_autofree char *line = NULL, *mounts = NULL, *links = NULL, *procs = NULL;
    g_autofree char *args = NULL, *caps = NULL;
    virDomainPtr dom;
    virDomainInfo info;
    int state, reason;
    pid_t ctl;

    clearEvents();
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainGetID(dom) > 0);
    CHECK(waitEvent("in1:2:0;"));       /* STARTED BOOTED */
    /* its own PID 1, its own hostname */
    CHECK((line = consoleLine(dom, "NUVLXC ")));
    CHECK(strstr(line, "pid=1 host=in1 ppid=0 name=in1"));
    /* its own mounts: / from the rootfs, a tmpfs /tmp, /proc, /sys, /dev */
    CHECK((mounts = consoleLine(dom, "NUVMOUNTS ")));
    CHECK(strstr(mounts, ",/tmp,") && strstr(mounts, ",/proc,") && strstr(mounts, ",/sys,") &&
          strstr(mounts, ",/dev,") && strstr(mounts, ",/dev/pts,"));
    CHECK(!strstr(mounts, "/boot") && !strstr(mounts, rootfs));
    /* a network namespace with nothing but lo */
    CHECK((links = consoleLine(dom, "NUVLINKS ")));
    if (strcmp(links, "NUVLINKS lo,") != 0) {
        fprintf(stderr, "  links: %s\n", links);
        return -1;
    }
    /* its processes only: init, and the few its script runs */
    CHECK((procs = consoleLine(dom, "NUVPROCS ")));
    CHECK(atoi(procs + 9) < 8);
    CHECK((args = consoleLine(dom, "NUVARGS ")));
    CHECK(strcmp(args, "NUVARGS 2 one two") == 0);
    /* the default policy drops sys_module (16), sys_time (25), mknod (27) */
    CHECK((caps = consoleLine(dom, "NUVCAPS ")));
    {
        unsigned long long bnd = strtoull(strchr(caps + 8, ':') + 1, NULL, 16);
        CHECK(!(bnd & (1ULL << 16)) && !(bnd & (1ULL << 25)) && !(bnd & (1ULL << 27)));
        CHECK(bnd & (1ULL << 21));      /* sys_admin stays */
    }
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_RUNNING);
    ctl = controllerPid("in1");
    CHECK(ctl > 0 && processAlive(ctl));

    /* the host sees none of its mounts */
    CHECK(!hostHasMount(rootfs));

    clearEvents();
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(waitEvent("in1:5:0;"));       /* STOPPED SHUTDOWN */
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    for (int i = 0; i < 200 && processAlive(ctl); i++)
        g_usleep(10000);
    CHECK(!processAlive(ctl));
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* A transient container; the init fails (exit 3): STOPPED CRASHED, gone. */
static int
testCrash(void)
{
    g_autofree char *xml = containerXML("cr1", rootfs, "/init", NULL);
    g_autofree char *crash = g_build_filename(rootfs, "tmp", NULL);
    virDomainPtr dom;

    clearEvents();
    CHECK((dom = virDomainCreateXML(conn, xml, 0)));
    g_free(consoleLine(dom, "NUVLXC "));
    /* /tmp inside is its own tmpfs: create the file from inside */
    {
        pid_t ip = initPid("cr1");
        g_autofree char *p = g_strdup_printf("/proc/%d/root/tmp/crash", (int) ip);
        CHECK(ip > 0 && g_file_set_contents(p, "", 0, NULL));
    }
    CHECK(waitEvent("cr1:5:2;"));       /* STOPPED CRASHED */
    CHECK(!virDomainLookupByName(conn, "cr1"));
    virDomainFree(dom);
    return 0;
}

/* Destroy: quick, and nothing left behind. */
static int
testDestroy(void)
{
    g_autofree char *xml = containerXML("ds1", rootfs, "/init", NULL);
    g_autofree char *status = g_strdup_printf("%s/state/run/lxc/ds1.xml", tmp);
    virDomainPtr dom;
    pid_t ctl, init;
    int state, reason;

    clearEvents();
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    g_free(consoleLine(dom, "NUVLXC "));
    ctl = controllerPid("ds1");
    init = initPid("ds1");
    CHECK(ctl > 0 && init > 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(waitEvent("ds1:5:1;"));       /* STOPPED DESTROYED */
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_DESTROYED);
    CHECK(!processAlive(ctl) && !processAlive(init));
    CHECK(!g_file_test(status, G_FILE_TEST_EXISTS));
    CHECK(virDomainDestroy(dom) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "domain is not running");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* A controller killed with -9: the container goes with it, the driver
 * says STOPPED FAILED. */
static int
testControllerKilled(void)
{
    g_autofree char *xml = containerXML("kl1", rootfs, "/init", NULL);
    virDomainPtr dom;
    pid_t ctl, init;
    int state, reason;

    clearEvents();
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    g_free(consoleLine(dom, "NUVLXC "));
    ctl = controllerPid("kl1");
    init = initPid("kl1");
    CHECK(ctl > 0 && kill(ctl, SIGKILL) == 0);
    CHECK(waitEvent("kl1:5:5;"));       /* STOPPED FAILED */
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_SHUTOFF && reason == VIR_DOMAIN_SHUTOFF_FAILED);
    for (int i = 0; i < 200 && processAlive(init); i++)
        g_usleep(10000);
    CHECK(!processAlive(init));
    /* and it starts again */
    CHECK(virDomainCreate(dom) == 0);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* Bad input at start: a clear error, the definition unchanged, nothing
 * running. */
static int
testBadStart(void)
{
    g_autofree char *noRoot = containerXML("bad1", "/nonexistent/nuvirt-root", "/init", NULL);
    g_autofree char *noInit = containerXML("bad2", rootfs, "/no/such/init", NULL);
    g_autofree char *badMap = containerXML("bad3", rootfs, "/init",
                                           "  <idmap><uid start='1' target='100000' count='10'/>"
                                           "<gid start='0' target='100000' count='10'/></idmap>\n");
    g_autofree char *before = NULL, *after = NULL;
    virDomainPtr dom;

    CHECK((dom = virDomainDefineXML(conn, noRoot)));
    before = virDomainGetXMLDesc(dom, 0);
    CHECK(virDomainCreate(dom) < 0);
    CHECK_ERR(VIR_ERR_SYSTEM_ERROR, "/nonexistent/nuvirt-root");
    after = virDomainGetXMLDesc(dom, 0);
    CHECK(g_strcmp0(before, after) == 0);
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);

    CHECK((dom = virDomainDefineXML(conn, noInit)));
    CHECK(virDomainCreate(dom) < 0);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "/no/such/init");
    CHECK(virDomainIsActive(dom) == 0);
    CHECK(controllerPid("bad2") == 0);
    CHECK(!hostHasMount(rootfs));
    CHECK(!g_file_test("/sys/fs/cgroup/memory/machine/bad2.nuvirt-lxc", G_FILE_TEST_EXISTS));
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);

    {
        /* interfaces are not made yet: refused, never run on the host's network */
        g_autofree char *withNet = g_strdup_printf(
            "<domain type='lxc'><name>bad4</name><memory unit='MiB'>64</memory>"
            "<os><type>exe</type><init>/init</init></os><devices>"
            "<filesystem type='mount'><source dir='%s'/><target dir='/'/></filesystem>"
            "<interface type='ethernet'/><console type='pty'/></devices></domain>", rootfs);
        CHECK(!virDomainCreateXML(conn, withNet, 0));
        CHECK_ERR(VIR_ERR_CONFIG_UNSUPPORTED, "interfaces are not supported");
    }

    CHECK((dom = virDomainDefineXML(conn, badMap)));
    CHECK(virDomainCreate(dom) < 0);
    CHECK_ERR(VIR_ERR_XML_ERROR, "You must map the root user of container");
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* A user namespace from <idmap>: the init sees the map. */
static int
testIdmap(void)
{
    g_autofree char *xml = containerXML("id1", rootfs, "/init",
                                        "  <idmap><uid start='0' target='200000' count='65536'/>"
                                        "<gid start='0' target='200000' count='65536'/></idmap>\n");
    g_autofree char *line = NULL, *map = NULL;
    virDomainPtr dom;

    dom = virDomainCreateXML(conn, xml, 0);
    if (!dom)
        fprintf(stderr, "  %s\n", virGetLastErrorMessage());
    CHECK(dom);
    CHECK((line = consoleLine(dom, "NUVLXC ")));
    CHECK(strstr(line, "pid=1 host=id1"));
    CHECK((map = consoleLine(dom, "NUVUIDMAP ")));
    CHECK(strstr(map, "0 200000 65536"));
    CHECK(virDomainDestroy(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* Reboot: the init is asked (SIGHUP), ends, and the container comes back. */
static int
testReboot(void)
{
    g_autofree char *xml = containerXML("rb1", rootfs, "/init", NULL);
    virDomainPtr dom;
    pid_t ctl1, ctl2;

    clearEvents();
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    g_free(consoleLine(dom, "NUVLXC "));
    ctl1 = controllerPid("rb1");
    CHECK(virDomainReboot(dom, 0) == 0);
    CHECK(waitEvent("rb1:reboot;"));
    CHECK(virDomainIsActive(dom) == 1);
    ctl2 = controllerPid("rb1");
    CHECK(ctl2 > 0 && ctl2 != ctl1);
    g_free(consoleLine(dom, "NUVLXC "));
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* The container's cgroup: limits from the definition, the tuning calls,
 * the freezer, CPU time; gone after the container. */
static int
testCgroup(void)
{
    g_autofree char *xml = containerXML("cg1", rootfs, "/init",
                                        "  <memtune><soft_limit unit='MiB'>48</soft_limit></memtune>\n"
                                        "  <cputune><shares>2048</shares><period>50000</period>"
                                        "<quota>25000</quota></cputune>\n");
    g_autofree char *memDir = g_strdup("/sys/fs/cgroup/memory/machine/cg1.nuvirt-lxc");
    g_autofree char *limit = NULL, *frozen = NULL;
    virTypedParameter params[3];
    virDomainInfo info;
    virDomainPtr dom;
    int n = 3, state, reason;
    char *type;

    if (!g_file_test("/sys/fs/cgroup/memory", G_FILE_TEST_IS_DIR)) {
        printf("  (skipped: no v1 memory controller on this host)\n");
        return 0;
    }
    clearEvents();
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    g_free(consoleLine(dom, "NUVLXC "));
    /* <memory> is the limit the kernel keeps */
    {
        g_autofree char *f = g_build_filename(memDir, "memory.limit_in_bytes", NULL);
        CHECK(g_file_get_contents(f, &limit, NULL, NULL));
        CHECK(strtoull(limit, NULL, 10) == 64ULL << 20);
    }
    CHECK(virDomainGetMemoryParameters(dom, params, &n, 0) == 0 && n == 3);
    CHECK(strcmp(params[0].field, VIR_DOMAIN_MEMORY_HARD_LIMIT) == 0 &&
          params[0].value.ul == 65536);
    CHECK(strcmp(params[1].field, VIR_DOMAIN_MEMORY_SOFT_LIMIT) == 0 &&
          params[1].value.ul == 48 * 1024);
    /* a new hard limit, live and in the kernel */
    params[0].value.ul = 32768;
    CHECK(virDomainSetMemoryParameters(dom, params, 1, VIR_DOMAIN_AFFECT_LIVE) == 0);
    n = 3;
    CHECK(virDomainGetMemoryParameters(dom, params, &n, 0) == 0 && params[0].value.ul == 32768);
    /* scheduler: shares, period, quota from <cputune> */
    CHECK((type = virDomainGetSchedulerType(dom, &n)) && strcmp(type, "posix") == 0 && n == 3);
    free(type);
    CHECK(virDomainGetSchedulerParameters(dom, params, &n) == 0 && n == 3);
    CHECK(params[0].value.ul == 2048 && params[1].value.ul == 50000 && params[2].value.l == 25000);
    params[0].value.ul = 512;
    CHECK(virDomainSetSchedulerParameters(dom, params, 1) == 0);
    n = 3;
    CHECK(virDomainGetSchedulerParameters(dom, params, &n) == 0 && params[0].value.ul == 512);
    params[2].value.l = 10;
    CHECK(virDomainSetSchedulerParameters(dom, &params[2], 1) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "cfs_quota");
    /* the freezer */
    CHECK(virDomainSuspend(dom) == 0);
    CHECK(waitEvent("cg1:3:0;"));       /* SUSPENDED PAUSED */
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0 && state == VIR_DOMAIN_PAUSED);
    {
        g_autofree char *f = g_strdup("/sys/fs/cgroup/freezer/machine/cg1.nuvirt-lxc/freezer.state");
        CHECK(g_file_get_contents(f, &frozen, NULL, NULL) && g_str_has_prefix(frozen, "FROZEN"));
    }
    CHECK(virDomainResume(dom) == 0);
    CHECK(waitEvent("cg1:4:0;"));       /* RESUMED UNPAUSED */
    CHECK(virDomainResume(dom) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not paused");
    /* CPU time and memory are the cgroup's */
    CHECK(virDomainGetInfo(dom, &info) == 0 && info.cpuTime > 0 && info.memory > 0 &&
          info.memory < 65536);
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(!g_file_test(memDir, G_FILE_TEST_EXISTS));
    /* the configuration kept its own values */
    n = 3;
    CHECK(virDomainGetMemoryParameters(dom, params, &n, 0) == 0 && params[0].value.ul ==
          VIR_DOMAIN_MEMORY_PARAM_UNLIMITED && params[1].value.ul == 48 * 1024);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* The driver goes away and comes back: the container ran on, and is
 * found again. */
static int
testReconnect(void)
{
    g_autofree char *xml = containerXML("rc1", rootfs, "/init", NULL);
    virDomainPtr dom;
    pid_t ctl;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);
    g_free(consoleLine(dom, "NUVLXC "));
    ctl = controllerPid("rc1");
    virDomainFree(dom);
    closeConn(conn);            /* the last connection: the driver shuts down */
    CHECK(processAlive(ctl));
    CHECK((conn = openConn()));
    CHECK((dom = virDomainLookupByName(conn, "rc1")));
    CHECK(virDomainIsActive(dom) == 1);
    CHECK(controllerPid("rc1") == ctl);
    clearEvents();
    CHECK(virDomainShutdown(dom) == 0);
    CHECK(waitEvent("rc1:5:0;"));
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

/* ---- set-up ---- */

/* Copy @path into the container's root at the same place. */
static int
copyIn(const char *path, mode_t mode)
{
    g_autofree char *dst = g_build_filename(rootfs, path, NULL);
    g_autofree char *dir = g_path_get_dirname(dst);
    g_autofree char *data = NULL;
    gsize len;

    if (g_mkdir_with_parents(dir, 0755) < 0 || !g_file_get_contents(path, &data, &len, NULL) ||
        !g_file_set_contents(dst, data, len, NULL) || chmod(dst, mode) < 0)
        return -1;
    return 0;
}

/* busybox, and what it needs when it is not busybox-static: the
 * libraries ldd names, at their own paths. */
static int
copyBusybox(const char *busybox)
{
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    const char *argv[] = { "ldd", busybox, NULL };

    if (copyIn(busybox, 0755) < 0)
        return -1;
    if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &out, NULL, NULL, NULL))
        return 0;
    lines = g_strsplit(out, "\n", -1);
    for (char **l = lines; *l; l++) {
        const char *p = strstr(*l, "=> /") ? strstr(*l, "=> /") + 3 : *l;
        g_autofree char *lib = NULL;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '/')
            continue;
        lib = g_strndup(p, strcspn(p, " ("));
        if (copyIn(lib, 0755) < 0)
            return -1;
    }
    return 0;
}

static int
buildRootfs(const char *busybox)
{
    static const char *const applets[] = { "sh", "cat", "echo", "ls", "wc", "cut", "tr",
                                           "grep", "hostname", "sleep", "ip" };
    g_autofree char *bin = g_build_filename(rootfs, "bin", NULL);
    g_autofree char *init = g_build_filename(rootfs, "init", NULL);

    if (g_mkdir_with_parents(bin, 0755) < 0 || copyBusybox(busybox) < 0)
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(applets); i++) {
        g_autofree char *l = g_build_filename(bin, applets[i], NULL);
        if (symlink("busybox", l) < 0)
            return -1;
    }
    for (const char *d = "etc\0tmp\0proc\0sys\0dev\0"; *d; d += strlen(d) + 1) {
        g_autofree char *p = g_build_filename(rootfs, d, NULL);
        g_mkdir_with_parents(p, 0755);
    }
    if (!g_file_set_contents(init, initScript, -1, NULL) || chmod(init, 0755) < 0)
        return -1;
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "capabilities", testCapabilities },
        { "xml-round-trip", testXMLRoundTrip },
        { "xml-errors", testXMLErrors },
        { "start-inside", testStartInside },
        { "crash", testCrash },
        { "destroy", testDestroy },
        { "controller-killed", testControllerKilled },
        { "bad-start", testBadStart },
        { "idmap", testIdmap },
        { "reboot", testReboot },
        { "cgroup", testCgroup },
        { "reconnect", testReconnect },
    };
    const char *busybox = "/bin/busybox";   /* busybox or busybox-static */
    g_autofree char *state = NULL;
    int ret;

    if (geteuid() != 0) {
        printf("skipped: containers need root\n");
        return 77;
    }
    if (access(busybox, X_OK) < 0) {
        printf("skipped: no busybox (scripts/install-deps.sh --test)\n");
        return 77;
    }
    tmp = g_dir_make_tmp("nuvlxc-XXXXXX", NULL);
    rootfs = g_build_filename(tmp, "root", NULL);
    /* the idmap test's root user is host uid 200000: it must get in */
    chmod(tmp, 0755);
    state = g_build_filename(tmp, "state", NULL);
    if (buildRootfs(busybox) < 0) {
        fprintf(stderr, "cannot build the container root in %s\n", rootfs);
        return 1;
    }
    uri = g_strdup_printf("lxc:///embed?root=%s", state);
    evSeen = g_string_new(NULL);
    consoles = g_hash_table_new(g_str_hash, g_str_equal);
    virEventRegisterDefaultImpl();
    g_thread_new("events", eventThread, NULL);
    if (!(conn = openConn())) {
        fprintf(stderr, "cannot open %s\n", uri);
        return 1;
    }
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    closeConn(conn);
    if (ret == 0) {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", tmp);
    }
    return ret;
}
