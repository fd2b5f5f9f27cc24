/*
 * qemuguest.c: the counting test guest and helpers (qemuguest.h).
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt-qemu.h>

#include "qemuguest.h"

#pragma GCC diagnostic ignored "-Wcast-function-type"

static const char *qemuBinary = "/usr/bin/qemu-system-x86_64";
static char *root;
static char *uri;
static char *bootImg;

/* 16-bit code at 0x7c00 (as --32 .code16 of the loop the header
 * describes): print "NUVBOOT\r\n" on 0x3f8; then forever: increment the
 * word at 0x500, print it as 4 hex digits and CRLF, wait 100 ms with
 * int 15h/86h. */
static const unsigned char bootCode[] = {
    0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x7c, 0xba, 0xf8, 0x03,
    0xbe, 0x49, 0x7c, 0xac, 0x84, 0xc0, 0x74, 0x03, 0xee, 0xeb, 0xf8, 0xff,
    0x06, 0x00, 0x05, 0x8b, 0x1e, 0x00, 0x05, 0xb9, 0x04, 0x00, 0xc1, 0xc3,
    0x04, 0x88, 0xd8, 0x24, 0x0f, 0x04, 0x30, 0x3c, 0x39, 0x76, 0x02, 0x04,
    0x07, 0xee, 0xe2, 0xee, 0xb0, 0x0d, 0xee, 0xb0, 0x0a, 0xee, 0xb4, 0x86,
    0xb9, 0x01, 0x00, 0xba, 0xa0, 0x86, 0xcd, 0x15, 0xba, 0xf8, 0x03, 0xeb,
    0xce, 'N', 'U', 'V', 'B', 'O', 'O', 'T', '\r', '\n', 0x00,
};

static GMutex evLock;
static GString *evSeen;
static int cbIDs[3] = { -1, -1, -1 };

static void
record(const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&evLock);
    va_start(ap, fmt);
    g_string_append_vprintf(evSeen, fmt, ap);
    va_end(ap);
    g_mutex_unlock(&evLock);
}

static int
onLifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    record("%s:%d:%d;", virDomainGetName(dom), event, detail);
    return 0;
}

static void
onRemoved(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    record("%s:removed:%s;", virDomainGetName(dom), alias);
}

static void
onBlockJob(virConnectPtr conn, virDomainPtr dom, const char *disk, int type, int status,
           void *opaque)
{
    record("%s:block:%s:%d:%d;", virDomainGetName(dom), disk, type, status);
}

static gpointer
eventThread(gpointer data)
{
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

bool
guestSetup(const char *prefix)
{
    unsigned char img[512] = { 0 };
    g_autofree char *tmpl = g_strdup_printf("%s-XXXXXX", prefix);

    if (access(qemuBinary, X_OK) != 0)
        return false;
    root = g_dir_make_tmp(tmpl, NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    bootImg = g_build_filename(root, "boot.img", NULL);
    memcpy(img, bootCode, sizeof(bootCode));
    img[510] = 0x55;
    img[511] = 0xaa;
    if (!g_file_set_contents(bootImg, (const char *) img, sizeof(img), NULL))
        abort();
    evSeen = g_string_new(NULL);
    virEventRegisterDefaultImpl();
    g_thread_unref(g_thread_new("events", eventThread, NULL));
    return true;
}

const char *
guestRoot(void)
{
    return root;
}

const char *
guestURI(void)
{
    return uri;
}

const char *
guestBootImage(void)
{
    return bootImg;
}

char *
guestDomainXML(const char *name, int memMiB, const char *extraDevices)
{
    /* a boot disk per guest: QEMU locks the images it writes */
    g_autofree char *disk = g_strdup_printf("%s/%s.img", root, name);
    g_autofree char *data = NULL;
    gsize len = 0;

    if (!g_file_test(disk, G_FILE_TEST_EXISTS) &&
        (!g_file_get_contents(bootImg, &data, &len, NULL) ||
         !g_file_set_contents(disk, data, len, NULL)))
        abort();
    return g_strdup_printf(
        "<domain type='qemu'>\n"
        "  <name>%s</name>\n"
        "  <memory unit='MiB'>%d</memory>\n"
        "  <vcpu>1</vcpu>\n"
        "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>\n"
        "  <features><acpi/></features>\n"
        "  <devices>\n"
        "    <disk type='file' device='disk'><driver name='qemu' type='raw'/>"
        "<source file='%s'/><target dev='hda' bus='ide'/></disk>\n"
        "    <serial type='file'><source path='%s/%s.serial' append='on'/></serial>\n"
        "    <memballoon model='none'/>\n"
        "%s"
        "  </devices>\n"
        "</domain>\n", name, memMiB, disk, root, name, extraDevices ? extraDevices : "");
}

char *
guestDomainXMLDisk(const char *name, int memMiB, const char *disk, const char *format,
                   const char *extraDevices)
{
    return g_strdup_printf(
        "<domain type='qemu'>\n"
        "  <name>%s</name>\n"
        "  <memory unit='MiB'>%d</memory>\n"
        "  <vcpu>1</vcpu>\n"
        "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>\n"
        "  <features><acpi/></features>\n"
        "  <devices>\n"
        "    <disk type='file' device='disk'><driver name='qemu' type='%s'/>"
        "<source file='%s'/><target dev='hda' bus='ide'/></disk>\n"
        "    <serial type='file'><source path='%s/%s.serial' append='on'/></serial>\n"
        "    <memballoon model='none'/>\n"
        "%s"
        "  </devices>\n"
        "</domain>\n", name, memMiB, format, disk, root, name,
        extraDevices ? extraDevices : "");
}

bool
guestRun(const char *const *argv, char **out)
{
    int status = -1;

    if (!g_spawn_sync(NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL,
                      &status, NULL))
        return false;
    return g_spawn_check_wait_status(status, NULL);
}

bool
guestMakeBootQcow2(const char *path, int sizeMiB)
{
    g_autofree char *raw = g_strdup_printf("%s.raw", path);
    g_autofree char *data = NULL;
    gsize len = 0;
    const char *argv[] = { "qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", raw, path,
                           NULL };
    bool ok;
    FILE *f;

    if (!g_file_get_contents(bootImg, &data, &len, NULL) || !(f = fopen(raw, "w")))
        return false;
    ok = fwrite(data, 1, len, f) == len && ftruncate(fileno(f), (off_t) sizeMiB << 20) == 0;
    fclose(f);
    ok = ok && guestRun(argv, NULL);
    unlink(raw);
    return ok;
}

virConnectPtr
guestOpen(void)
{
    virConnectPtr conn = virConnectOpen(uri);

    if (!conn)
        return NULL;
    cbIDs[0] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                VIR_DOMAIN_EVENT_CALLBACK(onLifecycle),
                                                NULL, NULL);
    cbIDs[1] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                                VIR_DOMAIN_EVENT_CALLBACK(onRemoved),
                                                NULL, NULL);
    cbIDs[2] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                                VIR_DOMAIN_EVENT_CALLBACK(onBlockJob),
                                                NULL, NULL);
    return conn;
}

void
guestClose(virConnectPtr conn)
{
    for (int i = 0; i < 3; i++) {
        if (cbIDs[i] >= 0)
            virConnectDomainEventDeregisterAny(conn, cbIDs[i]);
        cbIDs[i] = -1;
    }
    virConnectClose(conn);
}

bool
guestWaitEvent(const char *want)
{
    for (int i = 0; i < 2000; i++) {
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

void
guestClearEvents(void)
{
    g_mutex_lock(&evLock);
    g_string_truncate(evSeen, 0);
    g_mutex_unlock(&evLock);
}

char *
guestSerial(const char *name)
{
    g_autofree char *path = g_strdup_printf("%s/%s.serial", root, name);
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return g_strdup("");
    return text;
}

int
guestBoots(const char *name)
{
    g_autofree char *text = guestSerial(name);
    int n = 0;

    for (const char *p = text; (p = strstr(p, "NUVBOOT")); p++)
        n++;
    return n;
}

static int
lastCounter(const char *text)
{
    const char *end = text + strlen(text);
    const char *line;

    /* the last complete line of four hex digits */
    while (end > text) {
        const char *eol = end;
        while (eol > text && eol[-1] != '\n')
            eol--;
        line = eol;
        if (end - line >= 5 && g_ascii_isxdigit(line[0]) && line[4] == '\r') {
            char digits[5] = { line[0], line[1], line[2], line[3], '\0' };
            return (int) strtol(digits, NULL, 16);
        }
        end = line > text ? line - 1 : text;
    }
    return -1;
}

int
guestCounter(const char *name, int above)
{
    int v = -1;

    for (int i = 0; i < 2000; i++) {
        g_autofree char *text = guestSerial(name);
        v = lastCounter(text);
        if (v > above)
            return v;
        g_usleep(10000);
    }
    return v;
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

pid_t
guestPid(const char *name)
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
        if (strstr(cmd, "qemu-system") && cmdlineMentions(cmd, len, want) &&
            cmdlineMentions(cmd, len, root))
            pid = atoi(e->d_name);
    }
    if (d)
        closedir(d);
    return pid;
}

bool
guestWaitNoProcess(const char *name)
{
    for (int i = 0; i < 500; i++) {
        if (!guestPid(name))
            return true;
        g_usleep(10000);
    }
    return false;
}

bool
guestWaitState(virDomainPtr dom, int state, int reason)
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

char *
guestQMP(virDomainPtr dom, const char *cmd)
{
    char *reply = NULL;

    if (virDomainQemuMonitorCommand(dom, cmd, &reply, 0) < 0)
        return NULL;
    return reply;
}

bool
guestQemuImgCreate(const char *path, int sizeMiB, const char *backing)
{
    g_autofree char *size = g_strdup_printf("%dM", sizeMiB);
    const char *argvPlain[] = { "qemu-img", "create", "-q", "-f", "qcow2", path, size, NULL };
    const char *argvBacked[] = { "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2",
                                 "-b", backing, path, size, NULL };
    int status = -1;

    if (!g_spawn_sync(NULL, (char **) (backing ? argvBacked : argvPlain), NULL,
                      G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL))
        return false;
    return g_spawn_check_wait_status(status, NULL);
}

int
guestTeardown(bool ok)
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
        if (strstr(cmd, "qemu-system") && cmdlineMentions(cmd, len, root)) {
            kill(atoi(e->d_name), SIGKILL);
            n++;
        }
    }
    if (d)
        closedir(d);
    if (ok && n == 0) {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", root);
    }
    return n;
}

int
guestMain(const char *prefix, const testCase *cases, size_t ncases)
{
    int ret;

    if (!guestSetup(prefix)) {
        printf("SKIP: no qemu-system-x86_64\n");
        return 77;
    }
    ret = testRunAll(cases, ncases);
    if (guestTeardown(ret == 0) > 0) {
        fprintf(stderr, "QEMU processes were left running\n");
        ret = 1;
    }
    return ret;
}
