/*
 * lxc_spec.c: from a domain definition to nuvirt_lxc's spec.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/capability.h>

#include "lxc/lxc_spec.h"
#include "conf/units.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_LXC

/* <features><capabilities> names, as the kernel numbers them. */
static const struct {
    const char *name;
    int cap;
} lxcCapNames[] = {
    { "chown", CAP_CHOWN }, { "dac_override", CAP_DAC_OVERRIDE },
    { "dac_read_search", CAP_DAC_READ_SEARCH }, { "fowner", CAP_FOWNER },
    { "fsetid", CAP_FSETID }, { "kill", CAP_KILL }, { "setgid", CAP_SETGID },
    { "setuid", CAP_SETUID }, { "setpcap", CAP_SETPCAP },
    { "linux_immutable", CAP_LINUX_IMMUTABLE }, { "net_bind_service", CAP_NET_BIND_SERVICE },
    { "net_broadcast", CAP_NET_BROADCAST }, { "net_admin", CAP_NET_ADMIN },
    { "net_raw", CAP_NET_RAW }, { "ipc_lock", CAP_IPC_LOCK }, { "ipc_owner", CAP_IPC_OWNER },
    { "sys_module", CAP_SYS_MODULE }, { "sys_rawio", CAP_SYS_RAWIO },
    { "sys_chroot", CAP_SYS_CHROOT }, { "sys_ptrace", CAP_SYS_PTRACE },
    { "sys_pacct", CAP_SYS_PACCT }, { "sys_admin", CAP_SYS_ADMIN },
    { "sys_boot", CAP_SYS_BOOT }, { "sys_nice", CAP_SYS_NICE },
    { "sys_resource", CAP_SYS_RESOURCE }, { "sys_time", CAP_SYS_TIME },
    { "sys_tty_config", CAP_SYS_TTY_CONFIG }, { "mknod", CAP_MKNOD }, { "lease", CAP_LEASE },
    { "audit_write", CAP_AUDIT_WRITE }, { "audit_control", CAP_AUDIT_CONTROL },
    { "setfcap", CAP_SETFCAP }, { "mac_override", CAP_MAC_OVERRIDE },
    { "mac_admin", CAP_MAC_ADMIN }, { "syslog", CAP_SYSLOG }, { "wake_alarm", CAP_WAKE_ALARM },
    { "block_suspend", CAP_BLOCK_SUSPEND },
};

/* What the default policy takes away unless turned on (as libvirt):
 * loading modules, setting the clock, making device nodes, auditing and
 * LSM control.  Rebooting stays: in a PID namespace it only ends the
 * container. */
static bool
lxcCapDroppedByDefault(int cap)
{
    return cap == CAP_SYS_MODULE || cap == CAP_SYS_TIME || cap == CAP_MKNOD ||
           cap == CAP_AUDIT_CONTROL || cap == CAP_MAC_ADMIN;
}

static void
lxcSpecCaps(GString *s, const nuvXNode *caps)
{
    const char *policy = caps ? nuvXNodeGet(caps, "policy") : NULL;

    for (size_t i = 0; i < G_N_ELEMENTS(lxcCapNames); i++) {
        nuvXNode *c = caps ? nuvXNodeChild(caps, lxcCapNames[i].name) : NULL;
        const char *state = c ? nuvXNodeGet(c, "state") : NULL;
        bool on = g_strcmp0(state, "on") == 0, off = g_strcmp0(state, "off") == 0;
        bool drop;

        if (g_strcmp0(policy, "allow") == 0)
            drop = off;
        else if (g_strcmp0(policy, "deny") == 0)
            drop = !on;
        else
            drop = lxcCapDroppedByDefault(lxcCapNames[i].cap) ? !on : off;
        if (drop)
            g_string_append_printf(s, "capdrop %d\n", lxcCapNames[i].cap);
    }
}

/* A value goes on one line; tabs separate fields. */
static int
lxcSpecCheckValue(const char *what, const char *v)
{
    if (v && strpbrk(v, "\n\t")) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       "%s '%s' contains a tab or a newline, which containers do not take",
                       what, v);
        return -1;
    }
    return 0;
}

static int
lxcSpecFilesystems(GString *s, const nuvDomainDef *def)
{
    g_autoptr(GPtrArray) fss = nuvDomainDefDevicesOf(def, "filesystem");

    for (guint i = 0; i < fss->len; i++) {
        nuvDomainFSView v;
        const nuvXNode *src;
        bool ro;

        nuvDomainFSViewFill(&v, g_ptr_array_index(fss, i));
        src = nuvXNodeChild(v.node, "source");
        ro = nuvXNodeChild(v.node, "readonly") != NULL;
        if (!v.dst || !g_path_is_absolute(v.dst)) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "a container filesystem needs an absolute <target dir=...>");
            return -1;
        }
        if (lxcSpecCheckValue("filesystem target", v.dst) < 0 ||
            lxcSpecCheckValue("filesystem source", v.srcDir) < 0)
            return -1;
        if (v.type == NUV_DOMAIN_FS_TYPE_MOUNT || v.type < 0) {
            struct stat st;
            if (!v.srcDir) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "filesystem for target '%s' has no source directory", v.dst);
                return -1;
            }
            if (stat(v.srcDir, &st) < 0 || !S_ISDIR(st.st_mode)) {
                nuvReportSystemError(errno ? errno : ENOTDIR, "Failed to access '%s'",
                                     v.srcDir);
                return -1;
            }
            if (strcmp(v.dst, "/") == 0)
                g_string_append_printf(s, "root %s\n%s", v.srcDir, ro ? "rootro\n" : "");
            else
                g_string_append_printf(s, "%s %s\t%s\n", ro ? "bindro" : "bind", v.srcDir, v.dst);
        } else if (v.type == NUV_DOMAIN_FS_TYPE_RAM) {
            const char *usage = src ? nuvXNodeGet(src, "usage") : NULL;
            const char *units = src ? nuvXNodeGet(src, "units") : NULL;
            unsigned long long kib = 0;

            if (!usage || nuvScaleToKiB(usage, units, "usage", &kib) < 0 || kib == 0) {
                nuvErrorReset();
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "ram filesystem for target '%s' needs a usage above zero",
                               v.dst);
                return -1;
            }
            g_string_append_printf(s, "ram %llu\t%s\n", kib, v.dst);
        } else {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "Unexpected filesystem type %s",
                           nuvXNodeGet(v.node, "type"));
            return -1;
        }
    }
    return 0;
}

static int
lxcSpecIdmap(GString *s, const nuvDomainDef *def)
{
    nuvXNode *idmap = nuvXNodeChild(def->tree, "idmap");
    static const char *const kinds[] = { "uid", "gid" };
    bool rootMapped[2] = { false, false };

    if (!idmap || !idmap->children->len)
        return 0;
    for (int k = 0; k < 2; k++) {
        size_t n = nuvXNodeCountChildren(idmap, kinds[k]);
        for (size_t i = 0; i < n; i++) {
            nuvXNode *m = nuvXNodeNthChild(idmap, kinds[k], i);
            const char *a = nuvXNodeGet(m, "start"), *b = nuvXNodeGet(m, "target");
            const char *c = nuvXNodeGet(m, "count");
            guint64 start, target, count;

            if (!a || !b || !c || !g_ascii_string_to_unsigned(a, 10, 0, G_MAXUINT32, &start, NULL) ||
                !g_ascii_string_to_unsigned(b, 10, 0, G_MAXUINT32, &target, NULL) ||
                !g_ascii_string_to_unsigned(c, 10, 1, G_MAXUINT32, &count, NULL) ||
                start + count > G_MAXUINT32 || target + count > G_MAXUINT32) {
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                               "invalid <idmap><%s start='%s' target='%s' count='%s'/>",
                               kinds[k], a ? a : "", b ? b : "", c ? c : "");
                return -1;
            }
            if (start == 0)
                rootMapped[k] = true;
            g_string_append_printf(s, "%smap %llu %llu %llu\n", kinds[k],
                                   (unsigned long long) start, (unsigned long long) target,
                                   (unsigned long long) count);
        }
    }
    if (!rootMapped[0] || !rootMapped[1]) {
        nuvReportError(VIR_ERR_XML_ERROR, "%s", "You must map the root user of container");
        return -1;
    }
    return 0;
}

/* The hostname: the domain's name, with what a hostname cannot hold
 * turned into '-'. */
static char *
lxcSpecHostname(const char *name)
{
    char *h = g_strndup(name, 63);

    for (char *p = h; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.')
            *p = '-';
    }
    return h;
}

static nuvXNode *
lxcSpecConsole(const nuvDomainDef *def)
{
    g_autoptr(GPtrArray) cons = nuvDomainDefDevicesOf(def, "console");

    for (guint i = 0; i < cons->len; i++) {
        nuvDomainConsoleView v;
        nuvDomainConsoleViewFill(&v, g_ptr_array_index(cons, i));
        if (v.type == NUV_DOMAIN_CHR_TYPE_PTY)
            return (nuvXNode *) v.node;
    }
    return NULL;
}

char *
lxcSpecBuild(const nuvDomainDef *def, const lxcSpecExtra *extra)
{
    g_autoptr(GString) s = g_string_new(NULL);
    nuvXNode *os = nuvXNodeChild(def->tree, "os");
    nuvXNode *features = nuvXNodeChild(def->tree, "features");
    g_autofree char *host = lxcSpecHostname(def->name);
    char uuid[VIR_UUID_STRING_BUFLEN];
    const char *init = nuvXNodeChildText(os, "init");
    static const char *const single[] = { "initdir", "inituser", "initgroup" };
    static const char *const key[] = { "dir", "user", "group" };
    size_t n;

    {
        /* refused rather than started on the host's network */
        g_autoptr(GPtrArray) ifaces = nuvDomainDefDevicesOf(def, "interface");
        if (ifaces->len) {
            nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                           "container interfaces are not supported yet");
            return NULL;
        }
    }
    if (!lxcSpecConsole(def)) {
        nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "At least one PTY console is required");
        return NULL;
    }
    nuvUUIDFormat(def->uuid, uuid);
    g_string_append_printf(s, "name %s\nuuid %s\nhostname %s\n", def->name, uuid, host);
    if (lxcSpecCheckValue("name", def->name) < 0 || lxcSpecCheckValue("init", init) < 0 ||
        lxcSpecFilesystems(s, def) < 0 || lxcSpecIdmap(s, def) < 0)
        return NULL;
    g_string_append_printf(s, "init %s\n", init);
    n = nuvXNodeCountChildren(os, "initarg");
    for (size_t i = 0; i < n; i++) {
        const char *a = nuvXNodeNthChild(os, "initarg", i)->text;
        if (lxcSpecCheckValue("initarg", a) < 0)
            return NULL;
        g_string_append_printf(s, "arg %s\n", a ? a : "");
    }
    /* what libvirt gives every container's init, then the definition's */
    g_string_append_printf(s, "env PATH=/bin:/usr/bin:/sbin:/usr/sbin\nenv container=lxc-libvirt\n"
                           "env container_uuid=%s\nenv LIBVIRT_LXC_UUID=%s\n"
                           "env LIBVIRT_LXC_NAME=%s\nenv TERM=linux\n", uuid, uuid, def->name);
    n = nuvXNodeCountChildren(os, "initenv");
    for (size_t i = 0; i < n; i++) {
        nuvXNode *e = nuvXNodeNthChild(os, "initenv", i);
        const char *name = nuvXNodeGet(e, "name");
        if (!name || strchr(name, '=') || lxcSpecCheckValue("initenv", name) < 0 ||
            lxcSpecCheckValue("initenv", e->text) < 0) {
            if (!nuvErrorCurrent())
                nuvReportError(VIR_ERR_CONFIG_UNSUPPORTED, "invalid initenv name '%s'",
                               name ? name : "");
            return NULL;
        }
        g_string_append_printf(s, "env %s=%s\n", name, e->text ? e->text : "");
    }
    for (size_t i = 0; i < G_N_ELEMENTS(single); i++) {
        const char *v = nuvXNodeChildText(os, single[i]);
        if (v) {
            if (lxcSpecCheckValue(single[i], v) < 0)
                return NULL;
            g_string_append_printf(s, "%s %s\n", key[i], v);
        }
    }
    lxcSpecCaps(s, features ? nuvXNodeChild(features, "capabilities") : NULL);
    if (features && nuvXNodeChild(features, "privnet"))
        g_string_append(s, "privnet\n");
    for (size_t i = 0; extra && i < G_N_ELEMENTS(extra->cgroupProcs) && extra->cgroupProcs[i]; i++)
        g_string_append_printf(s, "cgroup %s\n", extra->cgroupProcs[i]);
    for (size_t i = 0; extra && i < G_N_ELEMENTS(extra->vethHost) && extra->vethHost[i]; i++)
        g_string_append_printf(s, "veth %s\t%s\n", extra->vethHost[i], extra->vethGuest[i]);
    return g_string_free(g_steal_pointer(&s), FALSE);
}

void
lxcSpecSetConsoleTTY(nuvDomainDef *def, const char *tty)
{
    nuvXNode *con = lxcSpecConsole(def);

    if (!con)
        return;
    nuvXNodeSet(con, "tty", tty);
    nuvXNodeSet(nuvXNodeEnsureChild(con, "source"), "path", tty);
    nuvXNodeSet(nuvXNodeEnsureChild(con, "alias"), "name", "console0");
}
