/*
 * qemu_console.c: virDomainOpenConsole on a running guest's pty serial
 * console, as an fd stream (driver/fdstream.h) on the pty QEMU made.
 *
 * One session per device, as libvirt keeps it: a second open is refused
 * unless it forces, which hangs the first one up.  The sessions are
 * listed process-wide (one QEMU driver per process) by domain UUID and
 * device alias; each entry holds a reference on its stream until the
 * stream closes or the domain stops.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "qemu/qemu_console.h"
#include "qemu/qemu_driver.h"
#include "driver/fdstream.h"
#include "util/error.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

static GMutex qemuConsolesLock;
static GHashTable *qemuConsoles;     /* "UUID/alias" -> virStreamPtr (a reference) */

static char *
qemuConsoleKey(const unsigned char *uuid, const char *alias)
{
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    nuvUUIDFormat(uuid, uuidstr);
    return g_strdup_printf("%s/%s", uuidstr, alias);
}

/* The stream closed (the application finished or aborted it, or it was
 * hung up): its entry goes, if it is still the one listed. */
static void
qemuConsoleClosed(virStreamPtr st, void *opaque)
{
    char *key = opaque;
    bool drop = false;

    g_mutex_lock(&qemuConsolesLock);
    if (qemuConsoles && g_hash_table_lookup(qemuConsoles, key) == st)
        drop = g_hash_table_remove(qemuConsoles, key);
    g_mutex_unlock(&qemuConsolesLock);
    if (drop)
        nuvHandleUnref(st);
}

/* Take the entry of @key out (its reference passes to the caller). */
static virStreamPtr
qemuConsoleSteal(const char *key)
{
    gpointer st = NULL, listed = NULL;

    g_mutex_lock(&qemuConsolesLock);
    if (qemuConsoles)
        g_hash_table_steal_extended(qemuConsoles, key, &listed, &st);
    g_mutex_unlock(&qemuConsolesLock);
    g_free(listed);
    return st;
}

/* The device @name names ("serial0", "console0"), or the first console
 * (else the first serial port) when @name is NULL. */
static nuvXNode *
qemuConsoleFind(nuvDomainDef *def, const char *name)
{
    static const char *const kinds[] = { "console", "serial", "parallel" };

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        g_autoptr(GPtrArray) devs = nuvDomainDefDevicesOf(def, kinds[k]);

        for (guint i = 0; i < devs->len; i++) {
            nuvXNode *d = g_ptr_array_index(devs, i);
            const char *alias = nuvXNodeGet(nuvXNodeChild(d, "alias"), "name");

            if (!name || g_strcmp0(alias, name) == 0)
                return d;
        }
    }
    return NULL;
}

/* Open the pty's slave side raw: QEMU's bytes as they are, no echo. */
static int
qemuConsoleOpenPty(const char *path)
{
    struct termios t;
    int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);

    if (fd < 0) {
        nuvReportSystemError(errno, "Unable to open stream for '%s'", path);
        return -1;
    }
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        if (tcsetattr(fd, TCSANOW, &t) < 0) {
            nuvReportSystemError(errno, "unable to set tty attributes: %s", path);
            close(fd);
            return -1;
        }
    }
    return fd;
}

int
qemuDomainOpenConsole(virDomainPtr dom, const char *devName, virStreamPtr st,
                      unsigned int flags)
{
    nuvDomainObj *obj;
    nuvXNode *dev;
    g_autofree char *key = NULL;
    g_autofree char *path = NULL;
    virStreamPtr old = NULL;
    const char *alias;
    int fd, ret = -1;

    if (flags & ~(VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE)) {
        nuvReportError(VIR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                       flags & ~(VIR_DOMAIN_CONSOLE_FORCE | VIR_DOMAIN_CONSOLE_SAFE), __func__);
        return -1;
    }
    if (!(obj = qemuDomObjFromDomain(dom)))
        return -1;
    if (qemuCheckActive(obj) < 0)
        goto cleanup;
    if (!(dev = qemuConsoleFind(obj->def, devName)) ||
        !(alias = nuvXNodeGet(nuvXNodeChild(dev, "alias"), "name"))) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "cannot find character device %s",
                       devName ? devName : "<null>");
        goto cleanup;
    }
    if (nuvXNodeGetEnum(dev, "type") != NUV_DOMAIN_CHR_TYPE_PTY ||
        !nuvXNodeGet(nuvXNodeChild(dev, "source"), "path")) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "character device %s is not using a PTY",
                       devName ? devName : alias);
        goto cleanup;
    }
    path = g_strdup(nuvXNodeGet(nuvXNodeChild(dev, "source"), "path"));
    key = qemuConsoleKey(obj->def->uuid, alias);

    g_mutex_lock(&qemuConsolesLock);
    if (!qemuConsoles)
        qemuConsoles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (g_hash_table_contains(qemuConsoles, key) && !(flags & VIR_DOMAIN_CONSOLE_FORCE)) {
        g_mutex_unlock(&qemuConsolesLock);
        nuvReportError(VIR_ERR_OPERATION_FAILED, "%s",
                       "Active console session exists for this domain");
        goto cleanup;
    }
    g_mutex_unlock(&qemuConsolesLock);
    if ((old = qemuConsoleSteal(key))) {
        nuvFDStreamClose(old);
        nuvHandleUnref(old);
    }
    if ((fd = qemuConsoleOpenPty(path)) < 0 ||
        nuvFDStreamOpen(st, fd, qemuConsoleClosed, g_strdup(key), g_free) < 0)
        goto cleanup;
    nuvHandleRef(st);
    g_mutex_lock(&qemuConsolesLock);
    g_hash_table_insert(qemuConsoles, g_strdup(key), st);
    g_mutex_unlock(&qemuConsolesLock);
    ret = 0;

 cleanup:
    nuvDomainObjEndAPI(&obj);
    return ret;
}

void
qemuConsolesClose(const nuvDomainDef *def)
{
    g_autofree char *prefix = qemuConsoleKey(def->uuid, "");
    g_autoptr(GPtrArray) streams = g_ptr_array_new();
    GHashTableIter it;
    gpointer key, st;

    g_mutex_lock(&qemuConsolesLock);
    if (qemuConsoles) {
        g_hash_table_iter_init(&it, qemuConsoles);
        while (g_hash_table_iter_next(&it, &key, &st)) {
            if (g_str_has_prefix(key, prefix)) {
                g_ptr_array_add(streams, st);
                g_hash_table_iter_steal(&it);
                g_free(key);
            }
        }
    }
    g_mutex_unlock(&qemuConsolesLock);
    for (guint i = 0; i < streams->len; i++) {
        nuvFDStreamClose(g_ptr_array_index(streams, i));
        nuvHandleUnref(g_ptr_array_index(streams, i));
    }
}
