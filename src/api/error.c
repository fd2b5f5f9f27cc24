/*
 * error.c: the public error API (virterror.h).
 *
 * The error itself lives in the calling thread (util/error.c).  When a
 * public call fails, virDispatchError() copies it onto the connection (for
 * virConnGetLastError) and hands it to the application's callback: the
 * connection's, else the global one, else the default that prints it.
 */
#include <stdio.h>
#include <string.h>

#include "api/api-internal.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* What each virErrorDomain is called in the default handler's line. */
static const char *const errorDomainNames[] = {
    "",
    "Xen Driver",
    "Xen Daemon",
    "Xen Store",
    "S-Expression",
    "XML Util",
    "Domain",
    "XML-RPC",
    "Proxy Daemon",
    "Config File",
    "QEMU Driver",
    "Network",
    "Test Driver",
    "Remote Driver",
    "OpenVZ Driver",
    "Xen XM Driver",
    "Linux Statistics",
    "LXC Driver",
    "Storage Driver",
    "Network Driver",
    "Domain Config",
    "User Mode Linux Driver",
    "Node Device Driver",
    "Xen Inotify Driver",
    "Security Driver",
    "VirtualBox Driver",
    "Network Interface Driver",
    "Open Nebula Driver",
    "ESX Driver",
    "Power Hypervisor Driver",
    "Secrets Driver",
    "CPU Driver",
    "XenAPI Driver",
    "Network Filter Driver",
    "Lifecycle Hook",
    "Domain Snapshot",
    "Audit Utils",
    "Sysinfo Utils",
    "I/O Stream Utils",
    "VMware Driver",
    "Event Loop",
    "Xen Light Driver",
    "Lock Driver",
    "Hyper-V Driver",
    "Capabilities Utils",
    "URI Utils",
    "Authentication Utils",
    "DBus Utils",
    "Parallels Cloud Server",
    "Device Config",
    "SSH transport layer",
    "Lock Space",
    "Init control",
    "Identity",
    "Cgroup",
    "Access Manager",
    "Systemd",
    "Bhyve",
    "Crypto",
    "Firewall",
    "Polkit",
    "Thread jobs",
    "Admin Interface",
    "Log Manager",
    "Xen XL Config",
    "Perf",
    "Libssh transport layer",
    "Resource control",
    "FirewallD",
    "Domain Checkpoint",
    "TPM",
    "BPF",
};

static GMutex globalHandlerLock;
static virErrorFunc globalHandler;
static void *globalUserData;

virErrorPtr
virGetLastError(void)
{
    return nuvErrorCurrent();
}

const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = nuvErrorCurrent();
    if (!err)
        return "no error";
    return err->message ? err->message : "unknown error";
}

int
virGetLastErrorCode(void)
{
    return nuvErrorCurrentCode();
}

int
virGetLastErrorDomain(void)
{
    virErrorPtr err = nuvErrorCurrent();
    return err ? err->domain : VIR_FROM_NONE;
}

void
virResetLastError(void)
{
    nuvErrorReset();
}

int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = nuvErrorCurrent();

    if (!to)
        return -1;
    if (!err) {
        nuvErrorClear(to);
        return 0;
    }
    return nuvErrorCopy(err, to);
}

virErrorPtr
virSaveLastError(void)
{
    virErrorPtr copy = g_new0(virError, 1);
    virErrorPtr err = nuvErrorCurrent();

    if (err)
        nuvErrorCopy(err, copy);
    return copy;
}

void
virResetError(virErrorPtr err)
{
    if (err)
        nuvErrorClear(err);
}

void
virFreeError(virErrorPtr err)
{
    nuvErrorFree(err);
}

void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    g_mutex_lock(&globalHandlerLock);
    globalHandler = handler;
    globalUserData = userData;
    g_mutex_unlock(&globalHandlerLock);
}

void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!nuvHandleIsValid(conn, NUV_MAGIC_CONNECT))
        return;
    g_mutex_lock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    g_mutex_unlock(&conn->lock);
}

virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!nuvHandleIsValid(conn, NUV_MAGIC_CONNECT))
        return NULL;
    return conn->err.code == VIR_ERR_OK ? NULL : &conn->err;
}

int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    int ret;

    if (!nuvHandleIsValid(conn, NUV_MAGIC_CONNECT) || !to)
        return -1;
    g_mutex_lock(&conn->lock);
    if (conn->err.code == VIR_ERR_OK) {
        nuvErrorClear(to);
        ret = 0;
    } else {
        ret = nuvErrorCopy(&conn->err, to);
    }
    g_mutex_unlock(&conn->lock);
    return ret;
}

void
virConnResetLastError(virConnectPtr conn)
{
    if (!nuvHandleIsValid(conn, NUV_MAGIC_CONNECT))
        return;
    g_mutex_lock(&conn->lock);
    nuvErrorClear(&conn->err);
    g_mutex_unlock(&conn->lock);
}

void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *dom = "";
    const char *lvl = "";

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->domain >= 0 && (size_t)err->domain < G_N_ELEMENTS(errorDomainNames))
        dom = errorDomainNames[err->domain];
    if (err->level == VIR_ERR_WARNING)
        lvl = "warning";
    else if (err->level == VIR_ERR_ERROR)
        lvl = "error";
    fprintf(stderr, "libvirt: %s %s : %s\n", dom, lvl,
            err->message ? err->message : "unknown error");
}

void
virDispatchError(virConnectPtr conn)
{
    virErrorPtr err = nuvErrorCurrent();
    virErrorFunc handler;
    void *userData;

    /* A failure that reported nothing would leave the caller guessing. */
    if (!err) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "%s", "an error occurred, but the cause is unknown");
        err = nuvErrorCurrent();
    }

    g_mutex_lock(&globalHandlerLock);
    handler = globalHandler;
    userData = globalUserData;
    g_mutex_unlock(&globalHandlerLock);

    if (nuvHandleIsValid(conn, NUV_MAGIC_CONNECT)) {
        g_mutex_lock(&conn->lock);
        nuvErrorCopy(err, &conn->err);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
        g_mutex_unlock(&conn->lock);
    }

    if (handler)
        handler(userData, err);
    else
        virDefaultErrorFunc(err);
}
