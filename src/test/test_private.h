/*
 * test_private.h: what the test driver's files share.
 */
#pragma once

#include <glib.h>

#include "driver/datatypes.h"
#include "driver/driver.h"
#include "conf/domain_obj.h"
#include "conf/network_obj.h"
#include "conf/storage_obj.h"
#include "conf/interface_obj.h"
#include "conf/nodedev_obj.h"
#include "driver/event.h"

/* One hypervisor's state.  test:///default connections open at the same
 * time share one; each test:///PATH open gets its own. */
typedef struct _testDriver testDriver;
struct _testDriver {
    gint refs;                  /* connections using it */
    virNodeInfo nodeInfo;       /* immutable after open */
    unsigned long long cellMemory[2];   /* KiB free per NUMA cell; immutable */
    int ncells;                 /* NUMA cells in use: 2, or 0 for node files */
    nuvDomainObjList *domains;  /* own locking */
    gint nextDomID;             /* atomic */
    GMutex saveLock;            /* guards savedImages */
    GHashTable *savedImages;    /* path -> definition XML (virDomainSave) */
    nuvEventState *events;      /* own locking */
    nuvNetworkObjList *networks; /* own locking */
    nuvStoragePoolObjList *pools; /* own locking */
    struct _nuvSecretObjList *secrets;    /* own locking (conf/secret_obj.h) */
    struct _nuvNWFilterObjList *nwfilters; /* own locking (conf/nwfilter_obj.h) */
    nuvInterfaceObjList *ifaces; /* own locking */
    nuvNodeDeviceObjList *devs; /* own locking */

    /* What a node file (test:///PATH.xml) holds beyond domains, its file=
     * includes resolved, in file order; all immutable after open.  The
     * network, storage, interface and node device parts of the driver
     * are to build their objects from these; until then nothing reads
     * them.  Empty for test:///default. */
    GPtrArray *nodeNetworks;    /* char *: <network> XML */
    GPtrArray *nodeInterfaces;  /* char *: <interface> XML */
    GPtrArray *nodePools;       /* testNodePool * */
    GPtrArray *nodeDevices;     /* char *: <device> (node device) XML */
    GPtrArray *nodeSnapshots;   /* testNodeSnapshot *: <test:domainsnapshot>s */
    GPtrArray *nodeAuths;       /* testNodeAuth *: <auth> users, checked at open */
};

/* A <pool> of a node file: its XML without the volumes, and the XML of
 * each <volume> under it. */
typedef struct {
    char *xml;
    GPtrArray *volumes;         /* char * */
} testNodePool;

/* A <test:domainsnapshot> element of a domain in a node file. */
typedef struct {
    char *domain;               /* the domain's name */
    char *xml;                  /* <domainsnapshot> XML */
} testNodeSnapshot;

/* A user of the node file's <auth>; password NULL: none asked. */
typedef struct {
    char *username;
    char *password;
} testNodeAuth;

void testNodePoolFree(testNodePool *pool);
void testNodeSnapshotFree(testNodeSnapshot *snap);
void testNodeAuthFree(testNodeAuth *user);

static inline testDriver *
testDriverOf(virConnectPtr conn)
{
    return conn->privateData;
}

extern const nuvHypervisorDriver testHypervisorDriver;
extern const nuvNetworkDriver testNetworkDriver;
extern const nuvStorageDriver testStorageDriver;
extern const nuvSecretDriver testSecretDriver;
extern const nuvNWFilterDriver testNWFilterDriver;

/* Secrets (test_secret.c) and network filters with their bindings
 * (test_nwfilter.c), each an in-memory store of its own. */
extern const nuvInterfaceDriver testInterfaceDriver;
extern const nuvNodeDeviceDriver testNodeDeviceDriver;

/* Host interfaces (test_interface.c): add @xml as an active interface;
 * the "eth1" of test:///default. */
#define NUV_TEST_IFACE_XML_MAX (10 * 1024 * 1024)
int testInterfaceLoad(testDriver *drv, const char *xml);
int testInterfaceLoadDefault(testDriver *drv);

/* Node devices (test_nodedev.c): add @xml (a <device>) as libvirt's test
 * driver reads node files; the devices of test:///default. */
int testNodeDeviceLoad(testDriver *drv, const char *xml);
int testNodeDeviceLoadDefault(testDriver *drv);
/* The vHBA that creating a storage pool on an fc_host adapter makes
 * (scsi_host12, copied from scsi_host11), and its removal. */
int testNodeDeviceCreateVport(testDriver *drv, const char *wwnn, const char *wwpn);
int testNodeDeviceDestroyVport(testDriver *drv);

/* Storage (test_storage.c, test_storage_nodefile.c): the "default-pool" of test:///default; the
 * pools of a node file (drv->nodePools), active and persistent with their
 * volumes, as libvirt's test driver loads them. */
int testStorageLoadDefault(testDriver *drv);
int testStorageLoadNodePools(testDriver *drv);

/* Networks (test_network.c): add @xml as a running persistent network;
 * the default network of test:///default. */
int testNetworkLoad(testDriver *drv, const char *xml);
int testNetworkLoadDefault(testDriver *drv);

/* Load the fixed state of test:///default into @drv. */
int testDriverLoadDefault(testDriver *drv);

/* Load the node file at @path into @drv (test_nodefile.c), as libvirt's
 * test driver reads it; errors reported with libvirt's codes. */
int testDriverLoadFile(testDriver *drv, const char *path);

/* The fake login of a node file with <auth> users: ask @auth for a name
 * and password and check them.  0 when the file has no users. */
int testNodeAuthenticate(testDriver *drv, virConnectAuthPtr auth);

/* The capabilities document of the test hypervisor. */
char *testConnectGetCapabilities(virConnectPtr conn);

/* Shared by the domain files: the object behind a handle (locked and
 * referenced; VIR_ERR_NO_DOMAIN reported if gone), a new handle for an
 * object, the "domain is not running" check, and parsing under the size
 * limit. */
nuvDomainObj *testDomObjFromDomain(virDomainPtr dom);
/* The same for a method that changes the domain: it also takes the
 * domain's @job (docs/locking.md), waiting while another change holds one;
 * @api names the method.  testDomObjEndJob ends the job, unlocks and
 * unreferences (NULL accepted).  Queries use testDomObjFromDomain alone
 * and never wait behind a job. */
nuvDomainObj *testDomObjBeginJob(virDomainPtr dom, nuvDomainJob job, const char *api);
void testDomObjEndJob(nuvDomainObj **obj);
virDomainPtr testDomainHandle(virConnectPtr conn, nuvDomainObj *obj);
int testCheckActive(nuvDomainObj *obj);
nuvDomainDef *testParseDef(const char *xml, unsigned int flags);
int testDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);

/* Queue a lifecycle event for @obj (call with the object locked: the
 * event is built now; queueing never blocks). */
void testEmitLifecycle(testDriver *drv, nuvDomainObj *obj, int type, int detail);

/* Domain methods (test_domain.c), gathered into the table in test_driver.c. */
virDomainPtr testDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr testDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr testDomainLookupByID(virConnectPtr conn, int id);
int testConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
int testConnectNumOfDomains(virConnectPtr conn);
int testConnectNumOfDefinedDomains(virConnectPtr conn);
int testConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int testConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
virDomainPtr testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
virDomainPtr testDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
int testDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
virDomainPtr testDomainCreateXMLWithFiles(virConnectPtr conn, const char *xml,
                                          unsigned int nfiles, int *files, unsigned int flags);
int testDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files,
                              unsigned int flags);
int testDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int testDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int testDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int testDomainReboot(virDomainPtr domain, unsigned int flags);
int testDomainReset(virDomainPtr domain, unsigned int flags);
int testDomainSuspend(virDomainPtr domain);
int testDomainResume(virDomainPtr domain);
int testDomainManagedSave(virDomainPtr domain, unsigned int flags);
int testDomainHasManagedSaveImage(virDomainPtr domain, unsigned int flags);
int testDomainManagedSaveRemove(virDomainPtr domain, unsigned int flags);
int testDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags);
int testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags);
int testDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int testDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags);
int testDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info, unsigned int flags);
char *testDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *testDomainGetOSType(virDomainPtr domain);
int testDomainIsActive(virDomainPtr domain);
int testDomainIsPersistent(virDomainPtr domain);
int testDomainIsUpdated(virDomainPtr domain);
int testDomainGetAutostart(virDomainPtr domain, int *autostart);
int testDomainSetAutostart(virDomainPtr domain, int autostart);
unsigned long testDomainGetMaxMemory(virDomainPtr domain);
int testDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int testDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags);
int testDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
int testDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags);
int testDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key, const char *uri, unsigned int flags);
char *testDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags);
char *testDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int testDomainRename(virDomainPtr domain, const char *new_name, unsigned int flags);
char *testDomainGetHostname(virDomainPtr domain, unsigned int flags);

/* Vcpus, their pinning and the scheduler (test_domain_tuning.c). */
int testDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps, int maplen);
int testDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen, unsigned int flags);
int testDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen);
int testDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen, unsigned int flags);
int testDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int *nparams, unsigned int flags);
int testDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags);

/* Statistics (test_domain_stats.c).  Every counter grows with the wall
 * clock: testWallClock gives it in microseconds and in seconds. */
void testWallClock(long long *usec, long long *sec);
int testDomainBlockStats(virDomainPtr domain, const char *path, virDomainBlockStatsPtr stats, size_t size);
int testDomainBlockStatsFlags(virDomainPtr domain, const char *path, virTypedParameterPtr params, int *nparams, unsigned int flags);
int testDomainInterfaceStats(virDomainPtr domain, const char *device, virDomainInterfaceStatsPtr stats, size_t size);
int testDomainMemoryStats(virDomainPtr domain, virDomainMemoryStatPtr stats, unsigned int nr_stats, unsigned int flags);
int testDomainGetBlockInfo(virDomainPtr domain, const char *path, virDomainBlockInfoPtr info, unsigned int flags);

/* Job queries (test_domain_jobs.c). */
int testDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info);
int testDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params, int *nparams, unsigned int flags);
int testDomainAbortJobFlags(virDomainPtr domain, unsigned int flags);

/* Devices (test_domain_hotplug.c). */
int testDomainAttachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags);
int testDomainDetachDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags);
int testDomainUpdateDeviceFlags(virDomainPtr domain, const char *xml, unsigned int flags);

/* Bulk statistics (test_domain_stats.c). */
int testConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats, virDomainStatsRecordPtr **retStats, unsigned int flags);
int testDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats, unsigned int flags);

/* Snapshots (test_snapshot.c); the domain's tree is guarded by its lock. */
size_t testSnapshotCount(nuvDomainObj *obj);
void testSnapshotDropAll(nuvDomainObj *obj);
virDomainSnapshotPtr testDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags);
int testDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int testDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen, unsigned int flags);
int testDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps, unsigned int flags);
int testDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names, int nameslen, unsigned int flags);
int testDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotLookupByName(virDomainPtr domain, const char *name, unsigned int flags);
int testDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr testDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags);
char *testDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags);
int testDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags);

/* The copy of a domain's definition that a new snapshot or checkpoint
 * keeps: libvirt's migratable form, read back (test_snapshot.c). */
nuvDomainDef *testMomentDomainCopy(nuvDomainObj *obj);
/* Load the node file's <test:domainsnapshot>s (drv->nodeSnapshots) into
 * their domains' trees, current one included, as libvirt does at open. */
int testSnapshotLoadNode(testDriver *drv);

/* Checkpoints (test_checkpoint.c); the domain's tree is guarded by its lock. */
virDomainCheckpointPtr testDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags);
int testDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **chks, unsigned int flags);
int testDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint, virDomainCheckpointPtr **chks, unsigned int flags);
virDomainCheckpointPtr testDomainCheckpointLookupByName(virDomainPtr domain, const char *name, unsigned int flags);
virDomainCheckpointPtr testDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint, unsigned int flags);
char *testDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags);
int testDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags);
