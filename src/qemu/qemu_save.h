/*
 * qemu_save.h: save and restore a running guest to and from a file,
 * and the managed save image that the next start restores.
 */
#pragma once

#include "qemu/qemu_domain.h"

/* Where the managed save image of domain @name is kept. */
char *qemuSaveManagedPath(qemuDriver *drv, const char *name);

/* Whether a managed save image exists for @obj (locked); also brings
 * obj->hasManagedSave up to date. */
bool qemuSaveHasManagedImage(qemuDriver *drv, nuvDomainObj *obj);

/* Start @obj (inactive, job held) from its managed save image:
 * events STARTED/RESTORED (and SUSPENDED/RESTORED when it stays paused);
 * the image is removed once the guest runs.  @flags: VIR_DOMAIN_START_*. */
int qemuSaveStartManaged(qemuDriver *drv, nuvDomainObj *obj, unsigned int flags);

/* Driver methods. */
int qemuDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                        unsigned int flags);
int qemuDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                           unsigned int flags);
int qemuDomainManagedSave(virDomainPtr domain, unsigned int flags);
int qemuDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int qemuDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags);
char *qemuDomainManagedSaveGetXMLDesc(virDomainPtr domain, unsigned int flags);
int qemuDomainManagedSaveDefineXML(virDomainPtr domain, const char *dxml, unsigned int flags);
char *qemuDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags);
int qemuDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml,
                                 unsigned int flags);
