/*
 * nodedev_def.h: libvirt's node device XML (<device>).
 *
 * The document is a schema-checked tree (nodedev.schema).  libvirt reads
 * this format leniently, so content the table does not know is dropped
 * before parsing rather than refused; the few facts drivers need (name,
 * parent, capability types, FC names) are read from the tree.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"

typedef enum {
    /* a device that exists (node files, test:///default) */
    NUV_NODE_DEVICE_PARSE_EXISTING = 0,
    /* a device to create (virNodeDeviceCreateXML): the name may be absent */
    NUV_NODE_DEVICE_PARSE_CREATE = 1 << 0,
} nuvNodeDeviceParseFlags;

typedef struct _nuvNodeDeviceDef nuvNodeDeviceDef;
struct _nuvNodeDeviceDef {
    char *name;
    char *parent;               /* NULL when the device has none */
    nuvXNode *tree;             /* the document; name and parent kept in sync */
};

void nuvNodeDeviceDefFree(nuvNodeDeviceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvNodeDeviceDef, nuvNodeDeviceDefFree)
nuvNodeDeviceDef *nuvNodeDeviceDefCopy(const nuvNodeDeviceDef *def);

nuvNodeDeviceDef *nuvNodeDeviceDefParseString(const char *xml, unsigned int flags);
char *nuvNodeDeviceDefFormat(const nuvNodeDeviceDef *def);

void nuvNodeDeviceDefSetName(nuvNodeDeviceDef *def, const char *name);

/* The top-level capability types, in document order (NULL-terminated,
 * free with g_strfreev). */
char **nuvNodeDeviceDefCaps(const nuvNodeDeviceDef *def);
/* Does the device have capability @cap?  "fc_host" and "vports" count
 * when a scsi_host holds them, as libvirt's filters count them. */
bool nuvNodeDeviceDefHasCap(const nuvNodeDeviceDef *def, const char *cap);
/* The <capability type='fc_host'> of the scsi_host capability, or NULL. */
nuvXNode *nuvNodeDeviceDefFCHost(const nuvNodeDeviceDef *def);

extern const nuvXSElem nuvNodeDeviceSchema[];
extern const size_t nuvNodeDeviceSchemaCount;
