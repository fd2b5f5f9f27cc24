/*
 * qemu_process.h: QEMU processes: start, stop, reconnect, and what their
 * monitor events do to the domain.
 *
 * Every function here is called with the domain object locked and a job
 * held; the lock is dropped while waiting on QEMU and taken again, so the
 * caller re-checks nothing but what the function reports.
 */
#pragma once

#include "qemu/qemu_domain.h"

/* Start @obj (inactive).  @flags: VIR_DOMAIN_START_PAUSED.  On failure no
 * process, socket or file is left behind and the domain is as before. */
int qemuProcessStart(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags);

/* The same, QEMU started with "-incoming defer": once its monitor is up
 * (CPUs stopped), @incoming(obj, opaque) feeds it the guest's state, then
 * the start goes on as usual.  A failure of @incoming stops the process. */
int qemuProcessStartIncoming(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags,
                             int (*incoming)(nuvDomainObj *obj, void *opaque), void *opaque);

/* End the process (SIGTERM, then SIGKILL after a grace period unless
 * @graceful) and clean up: the domain becomes shut off with @reason
 * (virDomainShutoffReason).  Returns -1 only when @graceful and QEMU
 * outlived the grace period (it then keeps running). */
int qemuProcessStopWithKill(qemuDriver *drv, nuvDomainObj *obj, int reason, bool graceful);

/* Take up a QEMU started by an earlier instance (status file loaded):
 * watch its pid and connect its monitor; a QEMU that is gone is reported
 * shut off (crashed) and cleaned up. */
int qemuProcessReconnect(qemuDriver *drv, nuvDomainObj *obj);

/* The guest's view for a command that needs a running monitor (obj
 * locked): the monitor with a new reference, or NULL with
 * VIR_ERR_OPERATION_INVALID "domain is not running". */
qemuMonitor *qemuProcessMonitor(nuvDomainObj *obj);

/* Run a command with @obj unlocked for the round trip. */
int qemuProcessCommand(nuvDomainObj *obj, const char *cmd, json_object *args,
                       json_object **ret);
int qemuProcessCommandText(nuvDomainObj *obj, const char *json, char **reply);

/* Forget everything running (the instance is closing): monitors and
 * watches go, QEMU processes keep running for the next instance. */
void qemuProcessDetach(qemuDriver *drv, nuvDomainObj *obj);

/* CPU time of the process in nanoseconds, from /proc; 0 if unknown. */
unsigned long long qemuProcessCPUTime(nuvDomainObj *obj);

/* Request an ACPI reboot: the next guest shutdown resets instead. */
void qemuProcessSetFakeReboot(nuvDomainObj *obj, bool on);

/* The driver's pool of workers for slow reactions to QEMU's events. */
GThreadPool *qemuProcessWorkersNew(void);

/* The driver's start: every persistent domain marked autostart that is not
 * running is started (a failure is logged and the others go on). */
void qemuProcessAutostartAll(qemuDriver *drv);

/* @conn closes: the domains started with VIR_DOMAIN_START_AUTODESTROY on
 * it are destroyed. */
void qemuProcessAutoDestroy(qemuDriver *drv, virConnectPtr conn);
