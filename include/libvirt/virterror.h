/*
 * virterror.h: error reporting: the error record, its codes and domains
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_VIRTERROR_H
# define LIBVIRT_VIRTERROR_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/* ---- enumerations ---- */

/* virErrorDomain: since 0.1.0 */
typedef enum {
    VIR_FROM_NONE              = 0, /* since 0.1.0 */
    VIR_FROM_XEN               = 1, /* since 0.1.0 */
    VIR_FROM_XEND              = 2, /* since 0.1.0 */
    VIR_FROM_XENSTORE          = 3, /* since 0.1.0 */
    VIR_FROM_SEXPR             = 4, /* since 0.1.0 */
    VIR_FROM_XML               = 5, /* since 0.1.0 */
    VIR_FROM_DOM               = 6, /* since 0.1.0 */
    VIR_FROM_RPC               = 7, /* since 0.1.1 */
    VIR_FROM_PROXY             = 8, /* since 0.1.3 */
    VIR_FROM_CONF              = 9, /* since 0.1.6 */
    VIR_FROM_QEMU              = 10, /* since 0.2.0 */
    VIR_FROM_NET               = 11, /* since 0.2.0 */
    VIR_FROM_TEST              = 12, /* since 0.2.3 */
    VIR_FROM_REMOTE            = 13, /* since 0.2.3 */
    VIR_FROM_OPENVZ            = 14, /* since 0.3.1 */
    VIR_FROM_XENXM             = 15, /* since 0.4.1 */
    VIR_FROM_STATS_LINUX       = 16, /* since 0.4.1 */
    VIR_FROM_LXC               = 17, /* since 0.4.2 */
    VIR_FROM_STORAGE           = 18, /* since 0.4.1 */
    VIR_FROM_NETWORK           = 19, /* since 0.4.6 */
    VIR_FROM_DOMAIN            = 20, /* since 0.4.6 */
    VIR_FROM_UML               = 21, /* since 0.5.0 */
    VIR_FROM_NODEDEV           = 22, /* since 0.5.0 */
    VIR_FROM_XEN_INOTIFY       = 23, /* since 0.5.0 */
    VIR_FROM_SECURITY          = 24, /* since 0.6.1 */
    VIR_FROM_VBOX              = 25, /* since 0.6.3 */
    VIR_FROM_INTERFACE         = 26, /* since 0.6.4 */
    VIR_FROM_ONE               = 27, /* since 0.6.4 */
    VIR_FROM_ESX               = 28, /* since 0.7.0 */
    VIR_FROM_PHYP              = 29, /* since 0.7.0 */
    VIR_FROM_SECRET            = 30, /* since 0.7.1 */
    VIR_FROM_CPU               = 31, /* since 0.7.5 */
    VIR_FROM_XENAPI            = 32, /* since 0.8.0 */
    VIR_FROM_NWFILTER          = 33, /* since 0.8.0 */
    VIR_FROM_HOOK              = 34, /* since 0.8.0 */
    VIR_FROM_DOMAIN_SNAPSHOT   = 35, /* since 0.8.0 */
    VIR_FROM_AUDIT             = 36, /* since 0.8.5 */
    VIR_FROM_SYSINFO           = 37, /* since 0.8.6 */
    VIR_FROM_STREAMS           = 38, /* since 0.8.6 */
    VIR_FROM_VMWARE            = 39, /* since 0.8.7 */
    VIR_FROM_EVENT             = 40, /* since 0.9.0 */
    VIR_FROM_LIBXL             = 41, /* since 0.9.0 */
    VIR_FROM_LOCKING           = 42, /* since 0.9.2 */
    VIR_FROM_HYPERV            = 43, /* since 0.9.5 */
    VIR_FROM_CAPABILITIES      = 44, /* since 0.9.8 */
    VIR_FROM_URI               = 45, /* since 0.9.11 */
    VIR_FROM_AUTH              = 46, /* since 0.9.11 */
    VIR_FROM_DBUS              = 47, /* since 0.9.12 */
    VIR_FROM_PARALLELS         = 48, /* since 0.10.0 */
    VIR_FROM_DEVICE            = 49, /* since 0.10.0 */
    VIR_FROM_SSH               = 50, /* since 0.10.0 */
    VIR_FROM_LOCKSPACE         = 51, /* since 1.0.0 */
    VIR_FROM_INITCTL           = 52, /* since 1.0.1 */
    VIR_FROM_IDENTITY          = 53, /* since 1.0.4 */
    VIR_FROM_CGROUP            = 54, /* since 1.0.5 */
    VIR_FROM_ACCESS            = 55, /* since 1.1.0 */
    VIR_FROM_SYSTEMD           = 56, /* since 1.1.1 */
    VIR_FROM_BHYVE             = 57, /* since 1.2.2 */
    VIR_FROM_CRYPTO            = 58, /* since 1.2.3 */
    VIR_FROM_FIREWALL          = 59, /* since 1.2.4 */
    VIR_FROM_POLKIT            = 60, /* since 1.2.9 */
    VIR_FROM_THREAD            = 61, /* since 1.2.14 */
    VIR_FROM_ADMIN             = 62, /* since 1.2.17 */
    VIR_FROM_LOGGING           = 63, /* since 1.3.0 */
    VIR_FROM_XENXL             = 64, /* since 1.3.2 */
    VIR_FROM_PERF              = 65, /* since 1.3.3 */
    VIR_FROM_LIBSSH            = 66, /* since 2.5.0 */
    VIR_FROM_RESCTRL           = 67, /* since 3.7.0 */
    VIR_FROM_FIREWALLD         = 68, /* since 5.1.0 */
    VIR_FROM_DOMAIN_CHECKPOINT = 69, /* since 5.2.0 */
    VIR_FROM_TPM               = 70, /* since 5.6.0 */
    VIR_FROM_BPF               = 71, /* since 5.10.0 */
    VIR_FROM_CH                = 72, /* since 7.5.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_DOMAIN_LAST        = 73,
# endif
} virErrorDomain;

/* virErrorLevel: since 0.1.0 */
typedef enum {
    VIR_ERR_NONE    = 0, /* since 0.1.0 */
    VIR_ERR_WARNING = 1, /* since 0.1.0 */
    VIR_ERR_ERROR   = 2, /* since 0.1.0 */
} virErrorLevel;

/* virErrorNumber: since 0.1.0 */
typedef enum {
    VIR_ERR_OK                        = 0, /* since 0.1.0 */
    VIR_ERR_INTERNAL_ERROR            = 1, /* since 0.1.0 */
    VIR_ERR_NO_MEMORY                 = 2, /* since 0.1.0 */
    VIR_ERR_NO_SUPPORT                = 3, /* since 0.1.0 */
    VIR_ERR_UNKNOWN_HOST              = 4, /* since 0.1.0 */
    VIR_ERR_NO_CONNECT                = 5, /* since 0.1.0 */
    VIR_ERR_INVALID_CONN              = 6, /* since 0.1.0 */
    VIR_ERR_INVALID_DOMAIN            = 7, /* since 0.1.0 */
    VIR_ERR_INVALID_ARG               = 8, /* since 0.1.0 */
    VIR_ERR_OPERATION_FAILED          = 9, /* since 0.1.0 */
    VIR_ERR_GET_FAILED                = 10, /* since 0.1.0 */
    VIR_ERR_POST_FAILED               = 11, /* since 0.1.0 */
    VIR_ERR_HTTP_ERROR                = 12, /* since 0.1.0 */
    VIR_ERR_SEXPR_SERIAL              = 13, /* since 0.1.0 */
    VIR_ERR_NO_XEN                    = 14, /* since 0.1.0 */
    VIR_ERR_XEN_CALL                  = 15, /* since 0.1.0 */
    VIR_ERR_OS_TYPE                   = 16, /* since 0.1.0 */
    VIR_ERR_NO_KERNEL                 = 17, /* since 0.1.0 */
    VIR_ERR_NO_ROOT                   = 18, /* since 0.1.0 */
    VIR_ERR_NO_SOURCE                 = 19, /* since 0.1.0 */
    VIR_ERR_NO_TARGET                 = 20, /* since 0.1.0 */
    VIR_ERR_NO_NAME                   = 21, /* since 0.1.0 */
    VIR_ERR_NO_OS                     = 22, /* since 0.1.0 */
    VIR_ERR_NO_DEVICE                 = 23, /* since 0.1.0 */
    VIR_ERR_NO_XENSTORE               = 24, /* since 0.1.0 */
    VIR_ERR_DRIVER_FULL               = 25, /* since 0.1.0 */
    VIR_ERR_CALL_FAILED               = 26, /* since 0.1.0 */
    VIR_ERR_XML_ERROR                 = 27, /* since 0.1.1 */
    VIR_ERR_DOM_EXIST                 = 28, /* since 0.1.1 */
    VIR_ERR_OPERATION_DENIED          = 29, /* since 0.1.4 */
    VIR_ERR_OPEN_FAILED               = 30, /* since 0.1.6 */
    VIR_ERR_READ_FAILED               = 31, /* since 0.1.6 */
    VIR_ERR_PARSE_FAILED              = 32, /* since 0.1.6 */
    VIR_ERR_CONF_SYNTAX               = 33, /* since 0.1.6 */
    VIR_ERR_WRITE_FAILED              = 34, /* since 0.1.6 */
    VIR_ERR_XML_DETAIL                = 35, /* since 0.1.9 */
    VIR_ERR_INVALID_NETWORK           = 36, /* since 0.2.0 */
    VIR_ERR_NETWORK_EXIST             = 37, /* since 0.2.0 */
    VIR_ERR_SYSTEM_ERROR              = 38, /* since 0.2.1 */
    VIR_ERR_RPC                       = 39, /* since 0.2.3 */
    VIR_ERR_GNUTLS_ERROR              = 40, /* since 0.2.3 */
    VIR_WAR_NO_NETWORK                = 41, /* since 0.2.3 */
    VIR_ERR_NO_DOMAIN                 = 42, /* since 0.3.0 */
    VIR_ERR_NO_NETWORK                = 43, /* since 0.3.0 */
    VIR_ERR_INVALID_MAC               = 44, /* since 0.3.1 */
    VIR_ERR_AUTH_FAILED               = 45, /* since 0.4.1 */
    VIR_ERR_INVALID_STORAGE_POOL      = 46, /* since 0.4.1 */
    VIR_ERR_INVALID_STORAGE_VOL       = 47, /* since 0.4.1 */
    VIR_WAR_NO_STORAGE                = 48, /* since 0.4.1 */
    VIR_ERR_NO_STORAGE_POOL           = 49, /* since 0.4.1 */
    VIR_ERR_NO_STORAGE_VOL            = 50, /* since 0.4.1 */
    VIR_WAR_NO_NODE                   = 51, /* since 0.5.0 */
    VIR_ERR_INVALID_NODE_DEVICE       = 52, /* since 0.5.0 */
    VIR_ERR_NO_NODE_DEVICE            = 53, /* since 0.5.0 */
    VIR_ERR_NO_SECURITY_MODEL         = 54, /* since 0.6.1 */
    VIR_ERR_OPERATION_INVALID         = 55, /* since 0.6.4 */
    VIR_WAR_NO_INTERFACE              = 56, /* since 0.6.4 */
    VIR_ERR_NO_INTERFACE              = 57, /* since 0.6.4 */
    VIR_ERR_INVALID_INTERFACE         = 58, /* since 0.6.4 */
    VIR_ERR_MULTIPLE_INTERFACES       = 59, /* since 0.7.0 */
    VIR_WAR_NO_NWFILTER               = 60, /* since 0.8.0 */
    VIR_ERR_INVALID_NWFILTER          = 61, /* since 0.8.0 */
    VIR_ERR_NO_NWFILTER               = 62, /* since 0.8.0 */
    VIR_ERR_BUILD_FIREWALL            = 63, /* since 0.8.0 */
    VIR_WAR_NO_SECRET                 = 64, /* since 0.7.1 */
    VIR_ERR_INVALID_SECRET            = 65, /* since 0.7.1 */
    VIR_ERR_NO_SECRET                 = 66, /* since 0.7.1 */
    VIR_ERR_CONFIG_UNSUPPORTED        = 67, /* since 0.7.3 */
    VIR_ERR_OPERATION_TIMEOUT         = 68, /* since 0.7.3 */
    VIR_ERR_MIGRATE_PERSIST_FAILED    = 69, /* since 0.7.3 */
    VIR_ERR_HOOK_SCRIPT_FAILED        = 70, /* since 0.8.0 */
    VIR_ERR_INVALID_DOMAIN_SNAPSHOT   = 71, /* since 0.8.0 */
    VIR_ERR_NO_DOMAIN_SNAPSHOT        = 72, /* since 0.8.0 */
    VIR_ERR_INVALID_STREAM            = 73, /* since 0.9.0 */
    VIR_ERR_ARGUMENT_UNSUPPORTED      = 74, /* since 0.9.4 */
    VIR_ERR_STORAGE_PROBE_FAILED      = 75, /* since 0.9.5 */
    VIR_ERR_STORAGE_POOL_BUILT        = 76, /* since 0.9.5 */
    VIR_ERR_SNAPSHOT_REVERT_RISKY     = 77, /* since 0.9.7 */
    VIR_ERR_OPERATION_ABORTED         = 78, /* since 0.9.9 */
    VIR_ERR_AUTH_CANCELLED            = 79, /* since 0.9.10 */
    VIR_ERR_NO_DOMAIN_METADATA        = 80, /* since 0.9.10 */
    VIR_ERR_MIGRATE_UNSAFE            = 81, /* since 0.9.11 */
    VIR_ERR_OVERFLOW                  = 82, /* since 0.9.11 */
    VIR_ERR_BLOCK_COPY_ACTIVE         = 83, /* since 0.9.12 */
    VIR_ERR_OPERATION_UNSUPPORTED     = 84, /* since 0.10.0 */
    VIR_ERR_SSH                       = 85, /* since 0.10.0 */
    VIR_ERR_AGENT_UNRESPONSIVE        = 86, /* since 0.10.0 */
    VIR_ERR_RESOURCE_BUSY             = 87, /* since 1.0.0 */
    VIR_ERR_ACCESS_DENIED             = 88, /* since 1.1.0 */
    VIR_ERR_DBUS_SERVICE              = 89, /* since 1.1.1 */
    VIR_ERR_STORAGE_VOL_EXIST         = 90, /* since 1.1.4 */
    VIR_ERR_CPU_INCOMPATIBLE          = 91, /* since 1.2.6 */
    VIR_ERR_XML_INVALID_SCHEMA        = 92, /* since 1.2.12 */
    VIR_ERR_MIGRATE_FINISH_OK         = 93, /* since 1.2.18 */
    VIR_ERR_AUTH_UNAVAILABLE          = 94, /* since 1.3.3 */
    VIR_ERR_NO_SERVER                 = 95, /* since 1.3.3 */
    VIR_ERR_NO_CLIENT                 = 96, /* since 1.3.5 */
    VIR_ERR_AGENT_UNSYNCED            = 97, /* since 2.3.0 */
    VIR_ERR_LIBSSH                    = 98, /* since 2.5.0 */
    VIR_ERR_DEVICE_MISSING            = 99, /* since 4.1.0 */
    VIR_ERR_INVALID_NWFILTER_BINDING  = 100, /* since 4.5.0 */
    VIR_ERR_NO_NWFILTER_BINDING       = 101, /* since 4.5.0 */
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT = 102, /* since 5.2.0 */
    VIR_ERR_NO_DOMAIN_CHECKPOINT      = 103, /* since 5.2.0 */
    VIR_ERR_NO_DOMAIN_BACKUP          = 104, /* since 5.2.0 */
    VIR_ERR_INVALID_NETWORK_PORT      = 105, /* since 5.5.0 */
    VIR_ERR_NETWORK_PORT_EXIST        = 106, /* since 5.5.0 */
    VIR_ERR_NO_NETWORK_PORT           = 107, /* since 5.5.0 */
    VIR_ERR_NO_HOSTNAME               = 108, /* since 6.1.0 */
    VIR_ERR_CHECKPOINT_INCONSISTENT   = 109, /* since 6.10.0 */
    VIR_ERR_MULTIPLE_DOMAINS          = 110, /* since 7.1.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_NUMBER_LAST               = 111,
# endif
} virErrorNumber;

/* ---- object and record types ---- */

typedef struct _virError virError; /* since 0.1.0 */

typedef virError *virErrorPtr;

/* ---- callback types ---- */

/* since 0.1.0 */
typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

/* ---- record layouts (part of the ABI: never reorder) ---- */

struct _virError {
    int code;
    int domain;
    char *message;
    virErrorLevel level;
    virConnectPtr conn VIR_DEPRECATED;
    virDomainPtr dom VIR_DEPRECATED;
    char *str1;
    char *str2;
    char *str3;
    int int1;
    int int2;
    virNetworkPtr net VIR_DEPRECATED;
};

/* ---- functions ---- */

int virConnCopyLastError(virConnectPtr conn, virErrorPtr to);
virErrorPtr virConnGetLastError(virConnectPtr conn);
void virConnResetLastError(virConnectPtr conn);
void virConnSetErrorFunc(virConnectPtr conn, void *userData,
                         virErrorFunc handler);
int virCopyLastError(virErrorPtr to);
void virDefaultErrorFunc(virErrorPtr err);
void virFreeError(virErrorPtr err);
virErrorPtr virGetLastError(void);
int virGetLastErrorCode(void);
int virGetLastErrorDomain(void);
const char *virGetLastErrorMessage(void);
void virResetError(virErrorPtr err);
void virResetLastError(void);
virErrorPtr virSaveLastError(void);
void virSetErrorFunc(void *userData, virErrorFunc handler);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_VIRTERROR_H */
