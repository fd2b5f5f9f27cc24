/*
 * qemu_capabilities.c: probing a QEMU binary and formatting what it can
 * do as libvirt's capabilities and domain capabilities documents.
 *
 * The probe starts the binary with "-machine none" and asks over QMP for
 * its version, machine types, CPU models and device types; the answers
 * are kept as one JSON file per binary in the cache directory, valid
 * while the binary's size and mtime are unchanged, so the cost is paid
 * once per binary, not once per driver start.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <json-c/json.h>

#include "qemu/qemu_capabilities.h"
#include "qemu/qemu_hostcpu.h"
#include "qemu/qemu_monitor.h"
#include "conf/host_caps.h"
#include "util/error.h"
#include "util/file.h"
#include "util/process.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

#define QEMU_CAPS_FORMAT 1
#define QEMU_PROBE_TIMEOUT_MS 30000

struct _qemuCaps {
    json_object *data;          /* the cached document */
    char **cpuModels;           /* usable CPU model names */
};

void
qemuCapsFree(qemuCaps *caps)
{
    if (!caps)
        return;
    json_object_put(caps->data);
    g_strfreev(caps->cpuModels);
    g_free(caps);
}

static json_object *
qemuCapsField(const qemuCaps *caps, const char *key)
{
    json_object *v = NULL;

    json_object_object_get_ex(caps->data, key, &v);
    return v;
}

unsigned long
qemuCapsVersion(const qemuCaps *caps)
{
    json_object *v = qemuCapsField(caps, "version");

    return v ? (unsigned long) json_object_get_int64(v) : 0;
}

const char *
qemuCapsDefaultMachine(const qemuCaps *caps)
{
    json_object *machines = qemuCapsField(caps, "machines");

    for (size_t i = 0; machines && i < json_object_array_length(machines); i++) {
        json_object *m = json_object_array_get_idx(machines, i);
        json_object *def = NULL;
        if (json_object_object_get_ex(m, "is-default", &def) && json_object_get_boolean(def))
            return json_object_get_string(json_object_object_get(m, "name"));
    }
    return "pc";
}

const char *
qemuCapsCanonicalMachine(const qemuCaps *caps, const char *machine)
{
    json_object *machines = qemuCapsField(caps, "machines");

    for (size_t i = 0; machines && i < json_object_array_length(machines); i++) {
        json_object *m = json_object_array_get_idx(machines, i);
        const char *name = json_object_get_string(json_object_object_get(m, "name"));
        json_object *alias = json_object_object_get(m, "alias");

        if (g_strcmp0(name, machine) == 0)
            return name;
        if (alias && g_strcmp0(json_object_get_string(alias), machine) == 0)
            return name;
    }
    return NULL;
}

bool
qemuCapsHasDevice(const qemuCaps *caps, const char *type)
{
    json_object *devs = qemuCapsField(caps, "devices");

    for (size_t i = 0; devs && i < json_object_array_length(devs); i++) {
        if (g_strcmp0(json_object_get_string(json_object_array_get_idx(devs, i)), type) == 0)
            return true;
    }
    return false;
}

const char *const *
qemuCapsCPUModels(const qemuCaps *caps)
{
    return (const char *const *) caps->cpuModels;
}

static void
qemuCapsIndex(qemuCaps *caps)
{
    json_object *cpus = qemuCapsField(caps, "cpus");
    GPtrArray *names = g_ptr_array_new();

    for (size_t i = 0; cpus && i < json_object_array_length(cpus); i++) {
        json_object *c = json_object_array_get_idx(cpus, i);
        json_object *blockers = json_object_object_get(c, "unavailable-features");
        const char *name = json_object_get_string(json_object_object_get(c, "name"));

        if (name && (!blockers || json_object_array_length(blockers) == 0))
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_add(names, NULL);
    caps->cpuModels = (char **) g_ptr_array_free(names, FALSE);
}

/* ---- the probe ---- */

static gpointer
qemuCapsLoopThread(gpointer loop)
{
    g_main_loop_run(loop);
    return NULL;
}

static json_object *
qemuCapsProbe(const char *binary)
{
    g_autofree char *dir = g_dir_make_tmp("nuvirt-probe-XXXXXX", NULL);
    g_autofree char *sock = NULL;
    g_autofree char *chardev = NULL;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    json_object *out = NULL, *ret = NULL, *args;
    GMainContext *ctx = NULL;
    qemuMonitor *mon = NULL;
    qemuMonitorCallbacks cb = { 0 };
    int lfd = -1, nullFd = -1;
    pid_t pid = -1;
    GThread *thr = NULL;
    GMainLoop *loop = NULL;

    if (!dir) {
        nuvReportSystemError(errno, "%s", "cannot create a directory to probe QEMU");
        return NULL;
    }
    sock = g_build_filename(dir, "qmp.sock", NULL);
    g_strlcpy(addr.sun_path, sock, sizeof(addr.sun_path));
    if ((lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(lfd, (struct sockaddr *) &addr, sizeof(addr)) < 0 || listen(lfd, 1) < 0) {
        nuvReportSystemError(errno, "%s", "cannot create a socket to probe QEMU");
        goto cleanup;
    }
    chardev = g_strdup_printf("socket,id=mon,fd=%d,server=on,wait=off", lfd);
    {
        const char *argv[] = { binary, "-machine", "none", "-nodefaults", "-no-user-config",
                               "-display", "none", "-S", "-chardev", chardev,
                               "-mon", "chardev=mon,mode=control", NULL };
        const char *envp[] = { "LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL };

        if ((nullFd = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0 ||
            (pid = nuvProcessSpawn(argv, envp, nullFd, lfd)) < 0)
            goto cleanup;
    }
    close(lfd);
    lfd = -1;

    ctx = g_main_context_new();
    loop = g_main_loop_new(ctx, FALSE);
    thr = g_thread_new("qemu-probe", qemuCapsLoopThread, loop);
    if (!(mon = qemuMonitorOpenPath(sock, ctx, QEMU_PROBE_TIMEOUT_MS, &cb, NULL)))
        goto cleanup;

    out = json_object_new_object();
    if (qemuMonitorCommand(mon, "query-version", NULL, &ret) < 0)
        goto fail;
    {
        json_object *q = json_object_object_get(ret, "qemu");
        long long v = json_object_get_int64(json_object_object_get(q, "major")) * 1000000 +
                      json_object_get_int64(json_object_object_get(q, "minor")) * 1000 +
                      json_object_get_int64(json_object_object_get(q, "micro"));
        json_object_object_add(out, "version", json_object_new_int64(v));
        json_object_object_add(out, "package",
                               json_object_get(json_object_object_get(ret, "package")));
        json_object_put(ret);
    }
    if (qemuMonitorCommand(mon, "query-machines", NULL, &ret) < 0)
        goto fail;
    json_object_object_add(out, "machines", ret);
    if (qemuMonitorCommand(mon, "query-cpu-definitions", NULL, &ret) < 0)
        goto fail;
    json_object_object_add(out, "cpus", ret);
    args = json_object_new_object();
    json_object_object_add(args, "implements", json_object_new_string("device"));
    json_object_object_add(args, "abstract", json_object_new_boolean(false));
    if (qemuMonitorCommand(mon, "qom-list-types", args, &ret) < 0)
        goto fail;
    {
        json_object *names = json_object_new_array();
        for (size_t i = 0; i < json_object_array_length(ret); i++) {
            json_object *t = json_object_array_get_idx(ret, i);
            json_object_array_add(names, json_object_get(json_object_object_get(t, "name")));
        }
        json_object_put(ret);
        json_object_object_add(out, "devices", names);
    }
    /* Nothing of it is worth an orderly exit: it is killed below at once
     * rather than asked to quit and waited for. */
    goto cleanup;

 fail:
    json_object_put(out);
    out = NULL;

 cleanup:
    qemuMonitorClose(mon);
    if (loop) {
        g_main_loop_quit(loop);
        g_thread_join(thr);
        g_main_loop_unref(loop);
        g_main_context_unref(ctx);
    }
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    if (nullFd >= 0)
        close(nullFd);
    if (lfd >= 0)
        close(lfd);
    unlink(sock);
    rmdir(dir);
    return out;
}

static char *
qemuCapsCachePath(const char *binary, const char *cacheDir)
{
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, binary, -1);
    g_autofree char *file = g_strdup_printf("%s.json", sum);

    return g_build_filename(cacheDir, "capabilities", file, NULL);
}

static int
qemuCapsWriteCache(const char *path, const char *json)
{
    g_autofree char *tmp = g_strdup_printf("%s.new", path);
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents_full(tmp, json, -1, G_FILE_SET_CONTENTS_NONE, 0600, &err) ||
        rename(tmp, path) < 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

qemuCaps *
qemuCapsGet(const char *binary, const char *cacheDir)
{
    g_autofree char *path = qemuCapsCachePath(binary, cacheDir);
    g_autofree char *text = NULL;
    json_object *data = NULL;
    struct stat st;
    qemuCaps *caps;

    if (stat(binary, &st) < 0) {
        nuvReportSystemError(errno, "Cannot check QEMU binary %s", binary);
        return NULL;
    }
    if (g_file_get_contents(path, &text, NULL, NULL) && (data = json_tokener_parse(text))) {
        json_object *b = json_object_object_get(data, "binary");
        json_object *sz = json_object_object_get(data, "size");
        json_object *mt = json_object_object_get(data, "mtime");
        json_object *fmt = json_object_object_get(data, "format");

        if (g_strcmp0(json_object_get_string(b), binary) != 0 ||
            json_object_get_int64(sz) != (int64_t) st.st_size ||
            json_object_get_int64(mt) != (int64_t) st.st_mtime ||
            json_object_get_int(fmt) != QEMU_CAPS_FORMAT) {
            json_object_put(data);
            data = NULL;
        }
    }
    if (!data) {
        g_autofree char *dir = g_path_get_dirname(path);
        const char *json;

        if (!(data = qemuCapsProbe(binary)))
            return NULL;
        json_object_object_add(data, "binary", json_object_new_string(binary));
        json_object_object_add(data, "size", json_object_new_int64(st.st_size));
        json_object_object_add(data, "mtime", json_object_new_int64(st.st_mtime));
        json_object_object_add(data, "format", json_object_new_int(QEMU_CAPS_FORMAT));
        json = json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN);
        /* A cache that cannot be written only costs the next probe.  It is
         * renamed into place but not synced: one lost in a crash, or
         * torn, fails to parse and is probed again. */
        if (nuvDirMake(dir, 0700) < 0 || qemuCapsWriteCache(path, json) < 0)
            nuvErrorReset();
    }
    caps = g_new0(qemuCaps, 1);
    caps->data = data;
    qemuCapsIndex(caps);
    return caps;
}

/* ---- documents ---- */

/* The host CPU as libvirt names it (qemu_hostcpu.c): model, vendor,
 * signature, topology, physical address bits, features beyond the model. */
static void
qemuCapsFormatHostCPU(GString *s)
{
    const qemuHostCPU *cpu = qemuHostCPUGet();
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    g_string_append(s, "    <cpu>\n      <arch>x86_64</arch>\n");
    if (cpu->model)
        g_string_append_printf(s, "      <model>%s</model>\n", cpu->model);
    if (cpu->vendor)
        g_string_append_printf(s, "      <vendor>%s</vendor>\n", cpu->vendor);
    g_string_append_printf(s, "      <signature family='%u' model='%u' stepping='%u'/>\n",
                           cpu->family, cpu->modelNum, cpu->stepping);
    g_string_append_printf(s, "      <topology sockets='1' dies='1' cores='%ld' threads='1'/>\n",
                           ncpus);
    if (cpu->physBits)
        g_string_append_printf(s, "      <maxphysaddr mode='emulate' bits='%u'/>\n",
                               cpu->physBits);
    for (guint i = 0; cpu->features && i < cpu->features->len; i++)
        g_string_append_printf(s, "      <feature name='%s'/>\n",
                               (const char *) g_ptr_array_index(cpu->features, i));
    g_string_append(s, "      <pages unit='KiB' size='4'/>\n"
                       "      <pages unit='KiB' size='2048'/>\n"
                       "    </cpu>\n");
}

static void
qemuCapsFormatMachines(GString *s, const qemuCaps *caps)
{
    json_object *machines = qemuCapsField(caps, "machines");

    /* the default machine and its alias first, as libvirt lists them */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; machines && i < json_object_array_length(machines); i++) {
            json_object *m = json_object_array_get_idx(machines, i);
            json_object *dflt = json_object_object_get(m, "is-default");
            json_object *alias = json_object_object_get(m, "alias");
            const char *name = json_object_get_string(json_object_object_get(m, "name"));
            int maxCpus = json_object_get_int(json_object_object_get(m, "cpu-max"));
            bool isDefault = dflt && json_object_get_boolean(dflt);

            if (strcmp(name, "none") == 0 || isDefault != (pass == 0))
                continue;
            g_string_append_printf(s, "      <machine maxCpus='%d'>%s</machine>\n", maxCpus, name);
            if (alias)
                g_string_append_printf(s, "      <machine canonical='%s' maxCpus='%d'>%s</machine>\n",
                                       name, maxCpus, json_object_get_string(alias));
        }
    }
}

char *
qemuCapsFormatHost(const qemuCaps *caps, const char *binary, bool hasKVM)
{
    GString *s = g_string_new(NULL);

    nuvHostCapsFormatHead(s, qemuCapsFormatHostCPU);
    g_string_append_printf(s, "  <guest>\n    <os_type>hvm</os_type>\n"
                           "    <arch name='x86_64'>\n      <wordsize>64</wordsize>\n"
                           "      <emulator>%s</emulator>\n", binary);
    qemuCapsFormatMachines(s, caps);
    g_string_append(s, "      <domain type='qemu'/>\n");
    if (hasKVM)
        g_string_append(s, "      <domain type='kvm'/>\n");
    g_string_append(s, "    </arch>\n    <features>\n"
                       "      <acpi default='on' toggle='yes'/>\n"
                       "      <apic default='on' toggle='no'/>\n"
                       "      <cpuselection/>\n      <deviceboot/>\n"
                       "    </features>\n  </guest>\n\n</capabilities>\n");
    return g_string_free(s, FALSE);
}

static void
qemuCapsEnum(GString *s, const char *indent, const char *name, const char *const *values)
{
    if (!values || !*values) {
        g_string_append_printf(s, "%s<enum name='%s'/>\n", indent, name);
        return;
    }
    g_string_append_printf(s, "%s<enum name='%s'>\n", indent, name);
    for (; *values; values++)
        g_string_append_printf(s, "%s  <value>%s</value>\n", indent, *values);
    g_string_append_printf(s, "%s</enum>\n", indent);
}

char *
qemuCapsFormatDomain(const qemuCaps *caps, const char *binary, const char *machine,
                     const char *virttype)
{
    GString *s = g_string_new("<domainCapabilities>\n");
    json_object *machines = qemuCapsField(caps, "machines");
    int maxCpus = 255;
    static const char *const diskDevice[] = { "disk", "cdrom", NULL };
    static const char *const diskBus[] = { "ide", "scsi", "virtio", "sata", NULL };
    static const char *const graphics[] = { "vnc", NULL };
    static const char *const video[] = { "vga", "cirrus", "virtio", "bochs", "none", NULL };
    bool kvm = g_strcmp0(virttype, "kvm") == 0;

    for (size_t i = 0; machines && i < json_object_array_length(machines); i++) {
        json_object *m = json_object_array_get_idx(machines, i);
        if (g_strcmp0(json_object_get_string(json_object_object_get(m, "name")), machine) == 0)
            maxCpus = json_object_get_int(json_object_object_get(m, "cpu-max"));
    }
    g_string_append_printf(s, "  <path>%s</path>\n  <domain>%s</domain>\n"
                           "  <machine>%s</machine>\n  <arch>x86_64</arch>\n"
                           "  <vcpu max='%d'/>\n  <iothreads supported='no'/>\n",
                           binary, virttype, machine, maxCpus);
    /* what this driver honours today; everything else is refused at start */
    g_string_append(s, "  <os supported='yes'>\n    <enum name='firmware'/>\n"
                       "    <loader supported='no'/>\n  </os>\n");
    g_string_append_printf(s, "  <cpu>\n    <mode name='host-passthrough' supported='%s'/>\n"
                           "    <mode name='maximum' supported='yes'/>\n"
                           "    <mode name='host-model' supported='no'/>\n"
                           "    <mode name='custom' supported='yes'>\n", kvm ? "yes" : "no");
    for (const char *const *m = qemuCapsCPUModels(caps); m && *m; m++)
        g_string_append_printf(s, "      <model usable='yes'>%s</model>\n", *m);
    g_string_append(s, "    </mode>\n  </cpu>\n  <memoryBacking supported='no'/>\n  <devices>\n"
                       "    <disk supported='yes'>\n");
    qemuCapsEnum(s, "      ", "diskDevice", diskDevice);
    qemuCapsEnum(s, "      ", "bus", diskBus);
    qemuCapsEnum(s, "      ", "model", NULL);
    g_string_append(s, "    </disk>\n    <graphics supported='yes'>\n");
    qemuCapsEnum(s, "      ", "type", graphics);
    g_string_append(s, "    </graphics>\n    <video supported='yes'>\n");
    qemuCapsEnum(s, "      ", "modelType", video);
    g_string_append(s, "    </video>\n"
                       "    <hostdev supported='no'/>\n    <rng supported='no'/>\n"
                       "    <filesystem supported='no'/>\n    <tpm supported='no'/>\n"
                       "    <redirdev supported='no'/>\n    <channel supported='no'/>\n"
                       "  </devices>\n  <features>\n    <gic supported='no'/>\n"
                       "    <vmcoreinfo supported='no'/>\n    <genid supported='no'/>\n"
                       "    <backingStoreInput supported='no'/>\n    <backup supported='no'/>\n"
                       "    <sev supported='no'/>\n    <sgx supported='no'/>\n"
                       "  </features>\n</domainCapabilities>\n");
    return g_string_free(s, FALSE);
}
