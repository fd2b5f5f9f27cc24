/*
 * lxc_process.h: starting a container's controller, watching it, stopping
 * it, and taking it back after a driver restart.
 */
#pragma once

#include "lxc/lxc_conf.h"

/* Start @obj (locked, in a job, inactive): spawn nuvirt_lxc, wait for its
 * report, connect to its socket.  On failure the container is left
 * inactive with nothing behind (no controller, files or cgroup) and the
 * controller's own message in the error. */
int lxcProcessStart(lxcDriver *drv, nuvDomainObj *obj, unsigned int flags, int reason);

/* Kill the container and wait for its controller to finish (locked, in a
 * job); @obj becomes inactive with @reason (VIR_DOMAIN_SHUTOFF_*). */
int lxcProcessStop(lxcDriver *drv, nuvDomainObj *obj, int reason);

/* Send @sig to the container's init (shutdown, reboot). */
int lxcProcessSignalInit(nuvDomainObj *obj, int sig);

/* After a restart: @obj (locked) was running; find its controller again,
 * or make it inactive (STOPPED_FAILED) if it is gone. */
void lxcProcessReconnect(lxcDriver *drv, nuvDomainObj *obj);

/* The driver goes away; the container keeps running. */
void lxcProcessDetach(nuvDomainObj *obj);

GThreadPool *lxcProcessWorkersNew(void);
void lxcProcessAutostartAll(lxcDriver *drv);
void lxcProcessAutoDestroy(lxcDriver *drv, virConnectPtr conn);

/* The VIR_DOMAIN_EVENT_STOPPED_* detail for a VIR_DOMAIN_SHUTOFF_* reason. */
int lxcProcessStoppedDetail(int reason);
