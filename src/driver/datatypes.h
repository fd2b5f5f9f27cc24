/*
 * datatypes.h: the public handles (virConnectPtr, virDomainPtr, ...).
 *
 * Handles are what applications hold: small, reference counted, thread
 * safe.  A handle names an object (name, UUID, id); the driver keeps the
 * object itself.  Each handle starts with a magic number so that entry
 * points can reject a pointer that is not (or no longer) a live handle of
 * the expected kind, as libvirt does.
 *
 * Every object handle holds a reference on its connection, so the
 * connection outlives the objects the application still holds.
 */
#pragma once

#include <stdbool.h>
#include <glib.h>

#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"

typedef struct _nuvConnectDriver nuvConnectDriver;
typedef struct _nuvStreamDriver nuvStreamDriver;
typedef struct _nuvURI nuvURI;

typedef enum {
    NUV_MAGIC_CONNECT = 0x6e760001,
    NUV_MAGIC_DOMAIN,
    NUV_MAGIC_NETWORK,
    NUV_MAGIC_NETWORK_PORT,
    NUV_MAGIC_STORAGE_POOL,
    NUV_MAGIC_STORAGE_VOL,
    NUV_MAGIC_SECRET,
    NUV_MAGIC_INTERFACE,
    NUV_MAGIC_NODE_DEVICE,
    NUV_MAGIC_NWFILTER,
    NUV_MAGIC_NWFILTER_BINDING,
    NUV_MAGIC_DOMAIN_SNAPSHOT,
    NUV_MAGIC_DOMAIN_CHECKPOINT,
    NUV_MAGIC_STREAM,
    NUV_MAGIC_DEAD = 0x6e76dead,
} nuvHandleMagic;

typedef struct {
    guint32 magic;
    gint refs;
} nuvHandle;

typedef struct _nuvCloseCallback nuvCloseCallback;

struct _virConnect {
    nuvHandle h;
    unsigned int flags;              /* VIR_CONNECT_RO, ...; immutable */
    char *uri;                       /* as given or resolved; immutable */
    nuvURI *parsedURI;               /* immutable */
    const nuvConnectDriver *driver;  /* immutable after open */
    nuvConnectDriver *composedDriver; /* what driver points to when the
                                       * shared secondary drivers fill in
                                       * tables (owned); immutable */
    void *privateData;               /* the driver's per-connection data */

    GMutex lock;                     /* guards the fields below */
    virError err;                    /* last error dispatched on this conn */
    virErrorFunc handler;
    void *userData;
    virConnectCloseFunc closeCb;
    void *closeOpaque;
    virFreeCallback closeFreeCb;
};

struct _virDomain {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                          /* -1 when inactive */
};

struct _virNetwork {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNetworkPort {
    nuvHandle h;
    virNetworkPtr net;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStoragePool {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStorageVol {
    nuvHandle h;
    virConnectPtr conn;
    char *pool;
    char *name;
    char *key;
};

struct _virSecret {
    nuvHandle h;
    virConnectPtr conn;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int usageType;
    char *usageID;
};

struct _virInterface {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    char *mac;
};

struct _virNodeDevice {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    char *parentName;
};

struct _virNWFilter {
    nuvHandle h;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virNWFilterBinding {
    nuvHandle h;
    virConnectPtr conn;
    char *portdev;
    char *filtername;
};

struct _virDomainSnapshot {
    nuvHandle h;
    virDomainPtr domain;
    char *name;
};

struct _virDomainCheckpoint {
    nuvHandle h;
    virDomainPtr domain;
    char *name;
};

struct _virStream {
    nuvHandle h;
    virConnectPtr conn;
    unsigned int flags;
    const nuvStreamDriver *driver;
    void *privateData;
    void (*privateFree)(void *privateData);
};

/* New handles: each takes a reference on its connection (or parent). */
virConnectPtr nuvGetConnect(void);
virDomainPtr nuvGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);
virNetworkPtr nuvGetNetwork(virConnectPtr conn, const char *name,
                            const unsigned char *uuid);
virNetworkPortPtr nuvGetNetworkPort(virNetworkPtr net, const unsigned char *uuid);
virStoragePoolPtr nuvGetStoragePool(virConnectPtr conn, const char *name,
                                    const unsigned char *uuid);
virStorageVolPtr nuvGetStorageVol(virConnectPtr conn, const char *pool,
                                  const char *name, const char *key);
virSecretPtr nuvGetSecret(virConnectPtr conn, const unsigned char *uuid,
                          int usageType, const char *usageID);
virInterfacePtr nuvGetInterface(virConnectPtr conn, const char *name, const char *mac);
virNodeDevicePtr nuvGetNodeDevice(virConnectPtr conn, const char *name);
/* virNodeDeviceGetParent hands out a name the handle owns: @parent
 * (consumed; NULL passes through) becomes it unless one is kept already,
 * which is then returned. */
const char *nuvNodeDeviceKeepParent(virNodeDevicePtr dev, char *parent);
/* virConnectListAllNodeDevices' answer for the devices named in @names:
 * their handles in *@devices (NULL-terminated) when @devices is not NULL;
 * the count. */
int nuvNodeDeviceHandles(virConnectPtr conn, const GPtrArray *names,
                         virNodeDevicePtr **devices);
virNWFilterPtr nuvGetNWFilter(virConnectPtr conn, const char *name,
                              const unsigned char *uuid);
virNWFilterBindingPtr nuvGetNWFilterBinding(virConnectPtr conn, const char *portdev,
                                            const char *filtername);
virDomainSnapshotPtr nuvGetDomainSnapshot(virDomainPtr domain, const char *name);
virDomainCheckpointPtr nuvGetDomainCheckpoint(virDomainPtr domain, const char *name);
virStreamPtr nuvGetStream(virConnectPtr conn, unsigned int flags);

/* Reference counting, for every handle kind.  Unref returns the number of
 * references left (0 when the handle was freed). */
void nuvHandleRef(void *handle);
int nuvHandleUnref(void *handle);

/* Is this a live handle of that kind (connection checked too)? */
bool nuvHandleIsValid(const void *handle, nuvHandleMagic magic);
