/*
 * domain_files.h: the persistent definitions of a hypervisor driver's
 * domains, read back from its config directory at start-up (QEMU, LXC).
 */
#pragma once

#include <glib.h>

#include "conf/domain_obj.h"

/* DIR/ *.xml, full paths, in no particular order (empty if DIR is absent). */
GPtrArray *nuvDomainFilesListXML(const char *dir);

/* Every NAME.xml of @configDir parsed with @parse (the driver's parse
 * with its hooks) and added to @list as a persistent domain, autostart
 * when @autostartDir has its link; @added (may be NULL) is called on each
 * object (locked) for the driver's private data.  A file that does not
 * parse or clashes is skipped with a debug line: one bad file must not
 * keep the driver from starting. */
void nuvDomainFilesLoadConfigs(nuvDomainObjList *list, const char *configDir,
                               const char *autostartDir,
                               nuvDomainDef *(*parse)(const char *xml, unsigned int flags),
                               void (*added)(nuvDomainObj *obj, void *opaque), void *opaque);
