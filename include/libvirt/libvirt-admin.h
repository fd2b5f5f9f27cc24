/*
 * libvirt-admin.h: the administration interface of the daemons
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_ADMIN_H
# define LIBVIRT_ADMIN_H

# ifdef __cplusplus
extern "C" {
# endif

# define __VIR_ADMIN_H_INCLUDES__
# include <libvirt/libvirt-common.h>
# undef __VIR_ADMIN_H_INCLUDES__

/* ---- constants and helper macros ---- */

# define VIR_CLIENT_INFO_READONLY "readonly"
# define VIR_CLIENT_INFO_SASL_USER_NAME "sasl_user_name"
# define VIR_CLIENT_INFO_SELINUX_CONTEXT "selinux_context"
# define VIR_CLIENT_INFO_SOCKET_ADDR "sock_addr"
# define VIR_CLIENT_INFO_UNIX_GROUP_ID "unix_group_id"
# define VIR_CLIENT_INFO_UNIX_GROUP_NAME "unix_group_name"
# define VIR_CLIENT_INFO_UNIX_PROCESS_ID "unix_process_id"
# define VIR_CLIENT_INFO_UNIX_USER_ID "unix_user_id"
# define VIR_CLIENT_INFO_UNIX_USER_NAME "unix_user_name"
# define VIR_CLIENT_INFO_X509_DISTINGUISHED_NAME "tls_x509_dname"
# define VIR_SERVER_CLIENTS_CURRENT "nclients"
# define VIR_SERVER_CLIENTS_MAX "nclients_max"
# define VIR_SERVER_CLIENTS_UNAUTH_CURRENT "nclients_unauth"
# define VIR_SERVER_CLIENTS_UNAUTH_MAX "nclients_unauth_max"
# define VIR_THREADPOOL_JOB_QUEUE_DEPTH "jobQueueDepth"
# define VIR_THREADPOOL_WORKERS_CURRENT "nWorkers"
# define VIR_THREADPOOL_WORKERS_FREE "freeWorkers"
# define VIR_THREADPOOL_WORKERS_MAX "maxWorkers"
# define VIR_THREADPOOL_WORKERS_MIN "minWorkers"
# define VIR_THREADPOOL_WORKERS_PRIORITY "prioWorkers"

/* ---- enumerations ---- */

/* virClientTransport: since 2.0.0 */
typedef enum {
    VIR_CLIENT_TRANS_UNIX = 0, /* since 2.0.0 */
    VIR_CLIENT_TRANS_TCP  = 1, /* since 2.0.0 */
    VIR_CLIENT_TRANS_TLS  = 2, /* since 2.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_CLIENT_TRANS_LAST = 3,
# endif
} virClientTransport;

/* ---- object and record types ---- */

typedef struct _virAdmClient virAdmClient; /* since 2.0.0 */
typedef struct _virAdmConnect virAdmConnect; /* since 2.0.0 */
typedef struct _virAdmServer virAdmServer; /* since 2.0.0 */

typedef virAdmClient *virAdmClientPtr;
typedef virAdmConnect *virAdmConnectPtr;
typedef virAdmServer *virAdmServerPtr;

/* ---- callback types ---- */

/* since 2.0.0 */
typedef void (*virAdmConnectCloseFunc)(virAdmConnectPtr conn, int reason,
                                       void *opaque);

/* ---- functions ---- */

int virAdmClientClose(virAdmClientPtr client, unsigned int flags);
int virAdmClientFree(virAdmClientPtr client);
unsigned long long virAdmClientGetID(virAdmClientPtr client);
int virAdmClientGetInfo(virAdmClientPtr client, virTypedParameterPtr *params,
                        int *nparams, unsigned int flags);
long long virAdmClientGetTimestamp(virAdmClientPtr client);
int virAdmClientGetTransport(virAdmClientPtr client);
int virAdmConnectClose(virAdmConnectPtr conn);
int virAdmConnectGetLibVersion(virAdmConnectPtr conn,
                               unsigned long long *libVer);
int virAdmConnectGetLoggingFilters(virAdmConnectPtr conn, char **filters,
                                   unsigned int flags);
int virAdmConnectGetLoggingOutputs(virAdmConnectPtr conn, char **outputs,
                                   unsigned int flags);
char *virAdmConnectGetURI(virAdmConnectPtr conn);
int virAdmConnectIsAlive(virAdmConnectPtr conn);
int virAdmConnectListServers(virAdmConnectPtr conn, virAdmServerPtr **servers,
                             unsigned int flags);
virAdmServerPtr virAdmConnectLookupServer(virAdmConnectPtr conn,
                                          const char *name,
                                          unsigned int flags);
virAdmConnectPtr virAdmConnectOpen(const char *name, unsigned int flags);
int virAdmConnectRef(virAdmConnectPtr conn);
int virAdmConnectRegisterCloseCallback(virAdmConnectPtr conn,
                                       virAdmConnectCloseFunc cb, void *opaque,
                                       virFreeCallback freecb);
int virAdmConnectSetDaemonTimeout(virAdmConnectPtr conn, unsigned int timeout,
                                  unsigned int flags);
int virAdmConnectSetLoggingFilters(virAdmConnectPtr conn, const char *filters,
                                   unsigned int flags);
int virAdmConnectSetLoggingOutputs(virAdmConnectPtr conn, const char *outputs,
                                   unsigned int flags);
int virAdmConnectUnregisterCloseCallback(virAdmConnectPtr conn,
                                         virAdmConnectCloseFunc cb);
int virAdmGetVersion(unsigned long long *libVer);
int virAdmInitialize(void);
int virAdmServerFree(virAdmServerPtr srv);
int virAdmServerGetClientLimits(virAdmServerPtr srv,
                                virTypedParameterPtr *params, int *nparams,
                                unsigned int flags);
const char *virAdmServerGetName(virAdmServerPtr srv);
int virAdmServerGetThreadPoolParameters(virAdmServerPtr srv,
                                        virTypedParameterPtr *params,
                                        int *nparams, unsigned int flags);
int virAdmServerListClients(virAdmServerPtr srv, virAdmClientPtr **clients,
                            unsigned int flags);
virAdmClientPtr virAdmServerLookupClient(virAdmServerPtr srv,
                                         unsigned long long id,
                                         unsigned int flags);
int virAdmServerSetClientLimits(virAdmServerPtr srv,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virAdmServerSetThreadPoolParameters(virAdmServerPtr srv,
                                        virTypedParameterPtr params,
                                        int nparams, unsigned int flags);
int virAdmServerUpdateTlsFiles(virAdmServerPtr srv, unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_ADMIN_H */
