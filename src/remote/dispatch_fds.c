/*
 * dispatch_fds.c: the calls that carry file descriptors (CALL_WITH_FDS):
 * virDomainCreateXMLWithFiles, virDomainCreateWithFiles,
 * virDomainOpenGraphics and virDomainFDAssociate.  The descriptors came
 * after the message's bytes (src/rpc/socket.c); the driver gets
 * duplicates, and the received ones close with the message.
 */
#include <unistd.h>

#include "remote/dispatch.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* Duplicates of the message's descriptors (*n of them), or -1. */
static int
remoteTakeFDs(nuvRpcMessage *msg, int **fds, unsigned int *n)
{
    *fds = g_new0(int, msg->nfds + 1);
    *n = 0;
    for (size_t i = 0; i < msg->nfds; i++) {
        int fd = nuvRpcMessageDupFD(msg, i);

        if (fd < 0)
            return -1;
        (*fds)[(*n)++] = fd;
    }
    return 0;
}

static void
remoteCloseFDs(int *fds, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        close(fds[i]);
    g_free(fds);
}

int
remoteDispatchDomainCreateXmlWithFiles(nuvRpcServer *srv, nuvRpcClient *client,
                                       nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainCreateXmlWithFilesArgs *args = argsp;
    nuvRemoteDomainCreateXmlWithFilesRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom = NULL;
    unsigned int n = 0;
    int *fds = NULL;

    if (conn && remoteTakeFDs(msg, &fds, &n) == 0)
        dom = virDomainCreateXMLWithFiles(conn, args->xmlDesc, n, fds, args->flags);
    remoteCloseFDs(fds, n);
    if (!dom)
        return -1;
    remoteMakeDomain(&ret->dom, dom);
    nuvHandleUnref(dom);
    return 0;
}

int
remoteDispatchDomainCreateWithFiles(nuvRpcServer *srv, nuvRpcClient *client,
                                    nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainCreateWithFilesArgs *args = argsp;
    nuvRemoteDomainCreateWithFilesRet *ret = retp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom;
    unsigned int n = 0;
    int *fds = NULL;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (remoteTakeFDs(msg, &fds, &n) == 0 &&
        virDomainCreateWithFiles(dom, n, fds, args->flags) == 0) {
        /* The reply carries the domain again: now with its id. */
        remoteMakeDomain(&ret->dom, dom);
        rv = 0;
    }
    remoteCloseFDs(fds, n);
    nuvHandleUnref(dom);
    return rv;
}

/* The graphics client's socket is the message's one descriptor. */
int
remoteDispatchDomainOpenGraphics(nuvRpcServer *srv, nuvRpcClient *client,
                                 nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainOpenGraphicsArgs *args = argsp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom;
    int fd;
    int rv;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (msg->nfds != 1) {
        nuvReportError(VIR_ERR_RPC, "expected one file descriptor, got %zu", msg->nfds);
        nuvHandleUnref(dom);
        return -1;
    }
    if ((fd = nuvRpcMessageDupFD(msg, 0)) < 0) {
        nuvHandleUnref(dom);
        return -1;
    }
    rv = virDomainOpenGraphics(dom, args->idx, fd, args->flags);
    close(fd);
    nuvHandleUnref(dom);
    return rv;
}

int
remoteDispatchDomainFdAssociate(nuvRpcServer *srv, nuvRpcClient *client,
                                nuvRpcMessage *msg, void *argsp, void *retp)
{
    nuvRemoteDomainFdAssociateArgs *args = argsp;
    virConnectPtr conn = remoteClientConn(client);
    virDomainPtr dom;
    unsigned int n = 0;
    int *fds = NULL;
    int rv = -1;

    if (!conn || !(dom = remoteGetDomain(conn, &args->dom)))
        return -1;
    if (remoteTakeFDs(msg, &fds, &n) == 0)
        rv = virDomainFDAssociate(dom, args->name, n, fds, args->flags);
    remoteCloseFDs(fds, n);
    nuvHandleUnref(dom);
    return rv;
}
