/*
 * error.c: thread-local error state and libvirt-worded messages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "util/error.h"

/* Each code's wording, with %s standing for the detail.  These strings are
 * what applications and scripts match on, so they follow libvirt's. */
static const char *const errorTemplates[VIR_ERR_NUMBER_LAST] = {
    [VIR_ERR_INTERNAL_ERROR] = "internal error: %s",
    [VIR_ERR_NO_MEMORY] = "out of memory: %s",
    [VIR_ERR_NO_SUPPORT] = "this function is not supported by the connection driver: %s",
    [VIR_ERR_UNKNOWN_HOST] = "unknown host %s",
    [VIR_ERR_NO_CONNECT] = "no connection driver available for %s",
    [VIR_ERR_INVALID_CONN] = "invalid connection pointer in %s",
    [VIR_ERR_INVALID_DOMAIN] = "invalid domain pointer in %s",
    [VIR_ERR_INVALID_ARG] = "invalid argument: %s",
    [VIR_ERR_OPERATION_FAILED] = "operation failed: %s",
    [VIR_ERR_GET_FAILED] = "GET operation failed: %s",
    [VIR_ERR_POST_FAILED] = "POST operation failed: %s",
    [VIR_ERR_HTTP_ERROR] = "got unknown HTTP error code %s",
    [VIR_ERR_SEXPR_SERIAL] = "failed to serialize S-Expr: %s",
    [VIR_ERR_NO_XEN] = "could not use Xen hypervisor entry %s",
    [VIR_ERR_XEN_CALL] = "failed Xen syscall %s",
    [VIR_ERR_OS_TYPE] = "unknown OS type %s",
    [VIR_ERR_NO_KERNEL] = "missing kernel information: %s",
    [VIR_ERR_NO_ROOT] = "missing root device information in %s",
    [VIR_ERR_NO_SOURCE] = "missing source information for device %s",
    [VIR_ERR_NO_TARGET] = "missing target information for device %s",
    [VIR_ERR_NO_NAME] = "missing name information in %s",
    [VIR_ERR_NO_OS] = "missing operating system information for %s",
    [VIR_ERR_NO_DEVICE] = "missing devices information for %s",
    [VIR_ERR_NO_XENSTORE] = "could not connect to Xen Store %s",
    [VIR_ERR_DRIVER_FULL] = "too many drivers registered in %s",
    [VIR_ERR_CALL_FAILED] = "library call failed: %s",
    [VIR_ERR_XML_ERROR] = "XML error: %s",
    [VIR_ERR_DOM_EXIST] = "domain %s exists already",
    [VIR_ERR_OPERATION_DENIED] = "operation forbidden: %s",
    [VIR_ERR_OPEN_FAILED] = "failed to open configuration file %s",
    [VIR_ERR_READ_FAILED] = "failed to read configuration file %s",
    [VIR_ERR_PARSE_FAILED] = "failed to parse configuration file %s",
    [VIR_ERR_CONF_SYNTAX] = "configuration file syntax error: %s",
    [VIR_ERR_WRITE_FAILED] = "failed to write configuration file: %s",
    [VIR_ERR_XML_DETAIL] = "%s",
    [VIR_ERR_INVALID_NETWORK] = "invalid network pointer in %s",
    [VIR_ERR_NETWORK_EXIST] = "network %s exists already",
    [VIR_ERR_SYSTEM_ERROR] = "%s",
    [VIR_ERR_RPC] = "%s",
    [VIR_ERR_GNUTLS_ERROR] = "%s",
    [VIR_WAR_NO_NETWORK] = "Failed to find the network: %s",
    [VIR_ERR_NO_DOMAIN] = "Domain not found: %s",
    [VIR_ERR_NO_NETWORK] = "Network not found: %s",
    [VIR_ERR_INVALID_MAC] = "invalid MAC address: %s",
    [VIR_ERR_AUTH_FAILED] = "authentication failed: %s",
    [VIR_ERR_INVALID_STORAGE_POOL] = "invalid storage pool pointer in %s",
    [VIR_ERR_INVALID_STORAGE_VOL] = "invalid storage volume pointer in %s",
    [VIR_WAR_NO_STORAGE] = "Failed to find a storage driver: %s",
    [VIR_ERR_NO_STORAGE_POOL] = "Storage pool not found: %s",
    [VIR_ERR_NO_STORAGE_VOL] = "Storage volume not found: %s",
    [VIR_WAR_NO_NODE] = "Failed to find a node driver: %s",
    [VIR_ERR_INVALID_NODE_DEVICE] = "invalid node device pointer in %s",
    [VIR_ERR_NO_NODE_DEVICE] = "Node device not found: %s",
    [VIR_ERR_NO_SECURITY_MODEL] = "Security model not found: %s",
    [VIR_ERR_OPERATION_INVALID] = "Requested operation is not valid: %s",
    [VIR_WAR_NO_INTERFACE] = "Failed to find the interface: %s",
    [VIR_ERR_NO_INTERFACE] = "Interface not found: %s",
    [VIR_ERR_INVALID_INTERFACE] = "invalid interface pointer in %s",
    [VIR_ERR_MULTIPLE_INTERFACES] = "multiple matching interfaces found: %s",
    [VIR_WAR_NO_NWFILTER] = "Failed to start the nwfilter driver: %s",
    [VIR_ERR_INVALID_NWFILTER] = "Invalid network filter: %s",
    [VIR_ERR_NO_NWFILTER] = "Network filter not found: %s",
    [VIR_ERR_BUILD_FIREWALL] = "Error while building firewall: %s",
    [VIR_WAR_NO_SECRET] = "Failed to find a secret storage driver: %s",
    [VIR_ERR_INVALID_SECRET] = "Invalid secret: %s",
    [VIR_ERR_NO_SECRET] = "Secret not found: %s",
    [VIR_ERR_CONFIG_UNSUPPORTED] = "unsupported configuration: %s",
    [VIR_ERR_OPERATION_TIMEOUT] = "Timed out during operation: %s",
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = "Failed to make domain persistent after migration: %s",
    [VIR_ERR_HOOK_SCRIPT_FAILED] = "Hook script execution failed: %s",
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = "Invalid domain snapshot: %s",
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = "Domain snapshot not found: %s",
    [VIR_ERR_INVALID_STREAM] = "invalid stream pointer in %s",
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = "argument unsupported: %s",
    [VIR_ERR_STORAGE_PROBE_FAILED] = "Storage pool probe failed: %s",
    [VIR_ERR_STORAGE_POOL_BUILT] = "Storage pool already built: %s",
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = "revert requires force: %s",
    [VIR_ERR_OPERATION_ABORTED] = "operation aborted: %s",
    [VIR_ERR_AUTH_CANCELLED] = "authentication cancelled: %s",
    [VIR_ERR_NO_DOMAIN_METADATA] = "metadata not found: %s",
    [VIR_ERR_MIGRATE_UNSAFE] = "Unsafe migration: %s",
    [VIR_ERR_OVERFLOW] = "numerical overflow: %s",
    [VIR_ERR_BLOCK_COPY_ACTIVE] = "block copy still active: %s",
    [VIR_ERR_OPERATION_UNSUPPORTED] = "Operation not supported: %s",
    [VIR_ERR_SSH] = "SSH transport error: %s",
    [VIR_ERR_AGENT_UNRESPONSIVE] = "Guest agent is not responding: %s",
    [VIR_ERR_RESOURCE_BUSY] = "resource busy: %s",
    [VIR_ERR_ACCESS_DENIED] = "access denied: %s",
    [VIR_ERR_DBUS_SERVICE] = "error from service: %s",
    [VIR_ERR_STORAGE_VOL_EXIST] = "storage volume %s exists already",
    [VIR_ERR_CPU_INCOMPATIBLE] = "the CPU is incompatible with host CPU: %s",
    [VIR_ERR_XML_INVALID_SCHEMA] = "XML document failed to validate against schema: %s",
    [VIR_ERR_MIGRATE_FINISH_OK] = "migration successfully aborted: %s",
    [VIR_ERR_AUTH_UNAVAILABLE] = "authentication unavailable: %s",
    [VIR_ERR_NO_SERVER] = "Server not found: %s",
    [VIR_ERR_NO_CLIENT] = "Client not found: %s",
    [VIR_ERR_AGENT_UNSYNCED] = "guest agent replied with wrong id to guest-sync command: %s",
    [VIR_ERR_LIBSSH] = "libssh transport error: %s",
    [VIR_ERR_DEVICE_MISSING] = "device not found: %s",
    [VIR_ERR_INVALID_NWFILTER_BINDING] = "Invalid network filter binding: %s",
    [VIR_ERR_NO_NWFILTER_BINDING] = "Network filter binding not found: %s",
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = "Invalid domain checkpoint: %s",
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = "Domain checkpoint not found: %s",
    [VIR_ERR_NO_DOMAIN_BACKUP] = "Domain backup job id not found: %s",
    [VIR_ERR_INVALID_NETWORK_PORT] = "Invalid network port pointer: %s",
    [VIR_ERR_NETWORK_PORT_EXIST] = "network port %s exists already",
    [VIR_ERR_NO_NETWORK_PORT] = "network port not found: %s",
    [VIR_ERR_NO_HOSTNAME] = "no hostname found: %s",
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = "checkpoint inconsistent: %s",
    [VIR_ERR_MULTIPLE_DOMAINS] = "multiple matching domains found: %s",
};

/* The thread's error.  A pthread key rather than __thread so that the
 * struct's strings are freed when a thread exits. */

void
nuvErrorFree(virErrorPtr err)
{
    if (!err)
        return;
    nuvErrorClear(err);
    g_free(err);
}

static GPrivate lastError = G_PRIVATE_INIT((GDestroyNotify) nuvErrorFree);

static virErrorPtr
errorSlot(void)
{
    virErrorPtr err = g_private_get(&lastError);
    if (!err) {
        err = g_new0(virError, 1);
        g_private_set(&lastError, err);
    }
    return err;
}

virErrorPtr
nuvErrorCurrent(void)
{
    virErrorPtr err = g_private_get(&lastError);
    if (!err || err->code == VIR_ERR_OK)
        return NULL;
    return err;
}

bool
nuvErrorIsSet(void)
{
    return nuvErrorCurrent() != NULL;
}

int
nuvErrorCurrentCode(void)
{
    virErrorPtr err = nuvErrorCurrent();
    return err ? err->code : VIR_ERR_OK;
}

void
nuvErrorClear(virErrorPtr err)
{
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

void
nuvErrorReset(void)
{
    virErrorPtr err = g_private_get(&lastError);
    if (err)
        nuvErrorClear(err);
}

const char *
nuvErrorCodeMessage(int code)
{
    if (code <= 0 || code >= VIR_ERR_NUMBER_LAST || !errorTemplates[code])
        return "unknown error";
    return errorTemplates[code];
}

static void
errorRecord(int domain, int code, const char *detail)
{
    virErrorPtr err = errorSlot();
    const char *tmpl = nuvErrorCodeMessage(code);
    g_autofree char *owned = NULL;

    nuvErrorClear(err);
    if (!detail) {
        /* Without detail, keep the wording up to where the detail goes. */
        const char *pos = strstr(tmpl, "%s");
        owned = g_strndup(tmpl, pos ? (size_t)(pos - tmpl) : strlen(tmpl));
        g_strchomp(owned);
        if (g_str_has_suffix(owned, ":"))
            owned[strlen(owned) - 1] = '\0';
        else if (g_str_has_suffix(owned, " in"))
            owned[strlen(owned) - 3] = '\0';
        err->message = g_steal_pointer(&owned);
    } else {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        err->message = g_strdup_printf(tmpl, detail);
#pragma GCC diagnostic pop
        err->str1 = g_strdup(tmpl);
        err->str2 = g_strdup(detail);
    }
    err->code = code;
    err->domain = domain;
    err->level = VIR_ERR_ERROR;
}

void
nuvErrorReportFull(int domain, int code,
                   const char *file G_GNUC_UNUSED, const char *func G_GNUC_UNUSED,
                   size_t line G_GNUC_UNUSED, const char *fmt, ...)
{
    g_autofree char *detail = NULL;
    int saved = errno;

    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    errorRecord(domain, code, detail);
    errno = saved;
}

void
nuvErrorReportRawFull(int domain, int code,
                      const char *file G_GNUC_UNUSED, const char *func G_GNUC_UNUSED,
                      size_t line G_GNUC_UNUSED, const char *fmt, ...)
{
    virErrorPtr err = errorSlot();
    int saved = errno;
    va_list ap;

    nuvErrorClear(err);
    va_start(ap, fmt);
    err->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    err->code = code;
    err->domain = domain;
    err->level = VIR_ERR_ERROR;
    errno = saved;
}

void
nuvErrorReportSystemFull(int domain, int errnum,
                         const char *file G_GNUC_UNUSED, const char *func G_GNUC_UNUSED,
                         size_t line G_GNUC_UNUSED, const char *fmt, ...)
{
    g_autofree char *detail = NULL;
    g_autofree char *full = NULL;
    int saved = errno;
    va_list ap;

    va_start(ap, fmt);
    detail = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    full = g_strdup_printf("%s: %s", detail, g_strerror(errnum));
    /* VIR_ERR_SYSTEM_ERROR's template is a bare "%s". */
    errorRecord(domain, VIR_ERR_SYSTEM_ERROR, full);
    errorSlot()->int1 = errnum;
    errno = saved;
}

int
nuvErrorCopy(const virError *from, virErrorPtr to)
{
    nuvErrorClear(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
    return from->code;
}

void
nuvErrorSet(const virError *err)
{
    nuvErrorCopy(err, errorSlot());
}

virErrorPtr
nuvErrorPreserve(void)
{
    virErrorPtr cur = nuvErrorCurrent();
    virErrorPtr copy;

    if (!cur)
        return NULL;
    copy = g_new0(virError, 1);
    nuvErrorCopy(cur, copy);
    return copy;
}

void
nuvErrorRestore(virErrorPtr *saved)
{
    if (!*saved)
        return;
    nuvErrorSet(*saved);
    nuvErrorFree(*saved);
    *saved = NULL;
}
