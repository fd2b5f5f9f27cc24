/*
 * libvirt-qemu.h: QEMU-specific extras (monitor and guest agent
 * pass-through); using them voids the support warranty
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_QEMU_H
# define LIBVIRT_QEMU_H

# include <libvirt/libvirt.h>

# ifdef __cplusplus
extern "C" {
# endif

/* ---- enumerations ---- */

/* virConnectDomainQemuMonitorEventRegisterFlags: since 1.2.3 */
typedef enum {
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX  = 1 << 0, /* since 1.2.3 */
    VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_NOCASE = 1 << 1, /* since 1.2.3 */
} virConnectDomainQemuMonitorEventRegisterFlags;

/* virDomainQemuAgentCommandTimeoutValues: since 0.10.0 */
typedef enum {
    VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK    = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_MIN      = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_BLOCK,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT  = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT   = VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_NOWAIT,
    VIR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN = 60, /* since 1.2.15 */
} virDomainQemuAgentCommandTimeoutValues;

/* virDomainQemuMonitorCommandFlags: since 0.8.8 */
typedef enum {
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_DEFAULT = 0, /* since 0.8.8 */
    VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP     = 1 << 0, /* since 0.8.8 */
} virDomainQemuMonitorCommandFlags;

/* ---- callback types ---- */

/* since 1.2.3 */
typedef void (*virConnectDomainQemuMonitorEventCallback)(virConnectPtr conn,
                                                         virDomainPtr dom,
                                                         const char *event,
                                                         long long seconds,
                                                         unsigned int micros,
                                                         const char *details,
                                                         void *opaque);

/* ---- functions ---- */

int virConnectDomainQemuMonitorEventDeregister(virConnectPtr conn,
                                               int callbackID);
int virConnectDomainQemuMonitorEventRegister(
    virConnectPtr conn, virDomainPtr dom, const char *event,
    virConnectDomainQemuMonitorEventCallback cb, void *opaque,
    virFreeCallback freecb, unsigned int flags);
char *virDomainQemuAgentCommand(virDomainPtr domain, const char *cmd,
                                int timeout, unsigned int flags);
virDomainPtr virDomainQemuAttach(virConnectPtr conn, unsigned int pid_value,
                                 unsigned int flags);
int virDomainQemuMonitorCommand(virDomainPtr domain, const char *cmd,
                                char **result, unsigned int flags);
int virDomainQemuMonitorCommandWithFiles(virDomainPtr domain, const char *cmd,
                                         unsigned int ninfiles, int *infiles,
                                         unsigned int *noutfiles,
                                         int **outfiles, char **result,
                                         unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif /* LIBVIRT_QEMU_H */
