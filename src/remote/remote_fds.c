/*
 * remote_fds.c: the remote driver's calls that pass file descriptors to
 * the daemon (CALL_WITH_FDS; the other side of dispatch_fds.c).  The
 * caller keeps its descriptors: duplicates travel.
 */
#include "remote/remote_driver.h"
#include "driver/datatypes.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

static int
remoteCallFDs(virConnectPtr conn, int proc, nuvXdrFilter argsFilter, void *args,
              nuvXdrFilter retFilter, void *ret, const int *fds, unsigned int nfds)
{
    remotePriv *priv = conn->privateData;

    return nuvRpcConnCallWithFDs(priv->rpc, NUV_REMOTE_PROGRAM, proc, argsFilter, args,
                                 retFilter, ret, fds, nfds);
}

static virDomainPtr
remoteDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                               int *files, unsigned int flags)
{
    nuvRemoteDomainCreateXmlWithFilesArgs args = { .xmlDesc = (char *)xmlDesc,
                                                   .flags = flags };
    nuvRemoteDomainCreateXmlWithFilesRet ret = { 0 };
    virDomainPtr dom = NULL;

    if (remoteCallFDs(conn, NUV_REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES,
                      nuvRemoteDomainCreateXmlWithFilesArgsFilter, &args,
                      nuvRemoteDomainCreateXmlWithFilesRetFilter, &ret, files, nfiles) < 0)
        return NULL;
    dom = remoteGetDomain(conn, &ret.dom);
    nuvXdrFreeObj(nuvRemoteDomainCreateXmlWithFilesRetFilter, &ret);
    return dom;
}

static int
remoteDomainCreateWithFiles(virDomainPtr dom, unsigned int nfiles, int *files,
                            unsigned int flags)
{
    nuvRemoteDomainCreateWithFilesArgs args = { .flags = flags };
    nuvRemoteDomainCreateWithFilesRet ret = { 0 };
    int rv;

    remoteMakeDomain(&args.dom, dom);
    rv = remoteCallFDs(dom->conn, NUV_REMOTE_PROC_DOMAIN_CREATE_WITH_FILES,
                       nuvRemoteDomainCreateWithFilesArgsFilter, &args,
                       nuvRemoteDomainCreateWithFilesRetFilter, &ret, files, nfiles);
    if (rv == 0)
        dom->id = ret.dom.id;
    nuvXdrFreeObj(nuvRemoteDomainCreateWithFilesArgsFilter, &args);
    nuvXdrFreeObj(nuvRemoteDomainCreateWithFilesRetFilter, &ret);
    return rv;
}

static int
remoteDomainOpenGraphics(virDomainPtr dom, unsigned int idx, int fd, unsigned int flags)
{
    nuvRemoteDomainOpenGraphicsArgs args = { .idx = idx, .flags = flags };
    int rv;

    remoteMakeDomain(&args.dom, dom);
    rv = remoteCallFDs(dom->conn, NUV_REMOTE_PROC_DOMAIN_OPEN_GRAPHICS,
                       nuvRemoteDomainOpenGraphicsArgsFilter, &args, NULL, NULL, &fd, 1);
    nuvXdrFreeObj(nuvRemoteDomainOpenGraphicsArgsFilter, &args);
    return rv;
}

static int
remoteDomainFDAssociate(virDomainPtr dom, const char *name, unsigned int nfds, int *fds,
                        unsigned int flags)
{
    nuvRemoteDomainFdAssociateArgs args = { .name = (char *)name, .flags = flags };
    int rv;

    remoteMakeDomain(&args.dom, dom);
    rv = remoteCallFDs(dom->conn, NUV_REMOTE_PROC_DOMAIN_FD_ASSOCIATE,
                       nuvRemoteDomainFdAssociateArgsFilter, &args, NULL, NULL, fds, nfds);
    args.name = NULL;
    nuvXdrFreeObj(nuvRemoteDomainFdAssociateArgsFilter, &args);
    return rv;
}

void
remoteFDsFill(nuvHypervisorDriver *hv)
{
    hv->domainCreateXMLWithFiles = remoteDomainCreateXMLWithFiles;
    hv->domainCreateWithFiles = remoteDomainCreateWithFiles;
    hv->domainOpenGraphics = remoteDomainOpenGraphics;
    hv->domainFDAssociate = remoteDomainFDAssociate;
}
