/*
 * domain_def.h: libvirt's domain XML, parsed and formatted.
 *
 * The document is held as a schema-checked tree (conf/xnode.h); the fields
 * that drivers need are lifted into this struct at parse time and written
 * back into the tree at format time, so the struct is the one place a
 * driver reads or changes them.  Everything else stays in the tree and is
 * formatted from there.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "libvirt/libvirt.h"
#include "conf/xnode.h"
#include "conf/domain_schema.h"   /* generated: enums and typed device views */

typedef enum {
    NUV_DOMAIN_VIRT_NONE,
    NUV_DOMAIN_VIRT_QEMU,
    NUV_DOMAIN_VIRT_KQEMU,
    NUV_DOMAIN_VIRT_KVM,
    NUV_DOMAIN_VIRT_XEN,
    NUV_DOMAIN_VIRT_LXC,
    NUV_DOMAIN_VIRT_UML,
    NUV_DOMAIN_VIRT_OPENVZ,
    NUV_DOMAIN_VIRT_TEST,
    NUV_DOMAIN_VIRT_VMWARE,
    NUV_DOMAIN_VIRT_HYPERV,
    NUV_DOMAIN_VIRT_VBOX,
    NUV_DOMAIN_VIRT_PHYP,
    NUV_DOMAIN_VIRT_PARALLELS,
    NUV_DOMAIN_VIRT_BHYVE,
    NUV_DOMAIN_VIRT_VZ,
    NUV_DOMAIN_VIRT_HVF,

    NUV_DOMAIN_VIRT_LAST
} nuvDomainVirtType;

/* <on_poweroff>, <on_reboot>, <on_crash> values. */
typedef enum {
    NUV_DOMAIN_LIFECYCLE_DESTROY,
    NUV_DOMAIN_LIFECYCLE_RESTART,
    NUV_DOMAIN_LIFECYCLE_RESTART_RENAME,
    NUV_DOMAIN_LIFECYCLE_PRESERVE,
    NUV_DOMAIN_LIFECYCLE_COREDUMP_DESTROY,
    NUV_DOMAIN_LIFECYCLE_COREDUMP_RESTART,

    NUV_DOMAIN_LIFECYCLE_LAST
} nuvDomainLifecycleAction;

typedef enum {
    /* leave out runtime-only parts of the input (status XML has them) */
    NUV_DOMAIN_DEF_PARSE_INACTIVE = 1 << 0,
    /* VIR_DOMAIN_DEFINE_VALIDATE: stricter structural checks */
    NUV_DOMAIN_DEF_PARSE_VALIDATE = 1 << 1,
    /* skip the test driver's post-parse defaults (for device snippets) */
    NUV_DOMAIN_DEF_PARSE_NO_DEFAULTS = 1 << 2,
} nuvDomainDefParseFlags;

typedef struct _nuvDomainDef nuvDomainDef;
struct _nuvDomainDef {
    int virtType;                       /* nuvDomainVirtType */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *title;                        /* NULL when absent */
    char *description;                  /* NULL when absent */

    unsigned long long memory;          /* KiB, <memory> */
    unsigned long long currentMemory;   /* KiB, <currentMemory> */
    unsigned long long maxMemory;       /* KiB, <maxMemory>, 0 when absent */
    unsigned int memorySlots;           /* <maxMemory slots=...> */

    unsigned int vcpus;                 /* current */
    unsigned int maxvcpus;

    char *osType;                       /* "hvm", "exe", "xen", ... */
    char *arch;                         /* may be NULL */
    char *machine;                      /* may be NULL */

    int onPoweroff;                     /* nuvDomainLifecycleAction */
    int onReboot;
    int onCrash;

    /* Everything else, checked against the domain table. */
    nuvXNode *tree;

    /* The parsing driver's own namespace (<qemu:commandline>, ...): its
     * description and its data, or NULL when the document had none. */
    const struct _nuvDomainXMLNamespace *ns;
    void *nsData;
};

nuvDomainDef *nuvDomainDefNew(void);
void nuvDomainDefFree(nuvDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvDomainDef, nuvDomainDefFree)

/* A driver's own XML namespace under <domain>, as libvirt's QEMU driver
 * has <qemu:commandline>: conf hands the driver the root element to read
 * its elements from, keeps the result beside the definition, and writes it
 * back after everything else, with the namespace declared on <domain>.
 * Elements of other namespaces are left out, as libvirt leaves them. */
typedef struct _nuvDomainXMLNamespace nuvDomainXMLNamespace;
struct _nuvDomainXMLNamespace {
    const char *prefix;         /* written as xmlns:PREFIX, e.g. "qemu" */
    const char *href;           /* the namespace URI */
    /* Read the driver's elements among @root's children into *@data, left
     * NULL when there are none; -1 with an error for bad content. */
    int (*parse)(xmlNodePtr root, void **data);
    void (*free)(void *data);
    void *(*copy)(const void *data);
    /* Append the elements, each line indented by @depth levels of two
     * spaces and ended by a newline. */
    void (*format)(GString *buf, const void *data, int depth);
};

/* What the driver that parses adds to conf's generic rules, as libvirt's
 * virDomainXMLOption: conf fills in and checks what holds for every
 * driver, then calls these, in this order.  Any hook may be NULL. */
typedef struct {
    /* the driver's own defaults, after conf's generic ones */
    int (*postParse)(nuvDomainDef *def, unsigned int parseFlags, void *opaque);
    /* device addresses the driver assigns */
    int (*assignAddresses)(nuvDomainDef *def, unsigned int parseFlags, void *opaque);
    /* the driver's own checks, after conf's */
    int (*validate)(const nuvDomainDef *def, void *opaque);
    void *opaque;
    /* the driver's own namespace, or NULL */
    const nuvDomainXMLNamespace *ns;
} nuvDomainXMLOption;

/* Parse a whole domain document with @xmlopt's hooks (NULL: conf's
 * generic rules only). */
nuvDomainDef *nuvDomainDefParse(const char *xml, const nuvDomainXMLOption *xmlopt,
                                unsigned int flags);
/* nuvDomainDefParse without driver hooks. */
nuvDomainDef *nuvDomainDefParseString(const char *xml, unsigned int flags);

/* Parse an element of another document (a snapshot's or checkpoint's
 * <domain>, whatever it is called) as a domain definition. */
nuvDomainDef *nuvDomainDefParseNode(xmlNodePtr node, unsigned int flags);
/* The same with a driver's hooks and namespace (a driver's status file). */
nuvDomainDef *nuvDomainDefParseNodeWith(xmlNodePtr node, const nuvDomainXMLOption *xmlopt,
                                        unsigned int flags);

/* @flags: VIR_DOMAIN_XML_SECURE, _INACTIVE, _UPDATE_CPU, _MIGRATABLE.
 * @id >= 0 is written as <domain id='N'> (live XML). */
char *nuvDomainDefFormat(const nuvDomainDef *def, int id, unsigned int flags);

nuvDomainDef *nuvDomainDefCopy(const nuvDomainDef *def);

const char *nuvDomainDefVirtTypeName(const nuvDomainDef *def);
const char *nuvDomainVirtTypeToString(int type);
int nuvDomainVirtTypeFromString(const char *str);
const char *nuvDomainLifecycleToString(int action);

/* virDomainSetMetadata / virDomainGetMetadata semantics: @type is a
 * virDomainMetadataType; for ELEMENT, @key and @uri name the namespace
 * and @metadata NULL removes it. */
int nuvDomainDefSetMetadata(nuvDomainDef *def, int type, const char *metadata,
                            const char *key, const char *uri);
char *nuvDomainDefGetMetadata(const nuvDomainDef *def, int type, const char *uri);

/* Parse a single <device> document (disk, interface, ...) valid under
 * <devices>; the result is a detached node of @def's tree table. */
nuvXNode *nuvDomainDeviceParse(const nuvDomainDef *def, const char *xml, unsigned int flags);
/* Index of the device in @def matching @dev by libvirt's rules, or -1. */
int nuvDomainDefFindDevice(const nuvDomainDef *def, const nuvXNode *dev);
/* Add (takes ownership) / remove-and-return the device at @idx. */
int nuvDomainDefAddDevice(nuvDomainDef *def, nuvXNode *dev);
nuvXNode *nuvDomainDefRemoveDevice(nuvDomainDef *def, int idx);

/* Attach and detach, for every driver: VIR_ERR_DEVICE_MISSING for a
 * device @def lacks, in libvirt's words ("no target device vdb", ...);
 * VIR_ERR_OPERATION_INVALID "target vdb already exists" for a disk whose
 * target is taken; an interface without a MAC gets a random 52:54:00 one
 * (the same for live and config, so it can be found again). */
void nuvDomainDeviceReportMissing(const nuvXNode *dev);
int nuvDomainDefCheckAttachable(const nuvDomainDef *def, const nuvXNode *dev);
void nuvDomainDeviceEnsureMac(nuvXNode *dev);

/* The <devices> node (always present after parsing). */
nuvXNode *nuvDomainDefDevices(const nuvDomainDef *def);
/* The devices called @kind ("disk", "interface", ...), in document order;
 * read them through their typed views (nuvDomainDiskViewFill, ...). */
GPtrArray *nuvDomainDefDevicesOf(const nuvDomainDef *def, const char *kind);

/* The generated table (domain_schema.c) and its root entry. */
extern const nuvXSElem nuvDomainSchema[];
extern const size_t nuvDomainSchemaCount;
#define NUV_DOMAIN_SCHEMA_ROOT 0
