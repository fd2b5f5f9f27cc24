/*
 * storagetest.c: storage pools and volumes of the test driver, error cases
 * and pool lifecycle events included.
 */
#include <glib.h>

#include "testlib.h"

/* The *_EVENT_CALLBACK macros cast between callback types, as applications
 * must; the warning is about that documented cast. */
#pragma GCC diagnostic ignored "-Wcast-function-type"

#define DEFAULT_UUID "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"
#define POOL_XML "<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>"
#define VOL_XML "<volume><name>%s</name><capacity unit='MiB'>%d</capacity></volume>"

static virConnectPtr
openDefault(void)
{
    return virConnectOpen("test:///default");
}

static int
testDefaultPool(void)
{
    virConnectPtr conn = openDefault();
    virStoragePoolPtr pool, byuuid, bypath;
    virStoragePoolInfo info;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *xml;
    int autostart = -1;
    char *names[4];

    CHECK(conn);
    CHECK(virConnectNumOfStoragePools(conn) == 1);
    CHECK(virConnectNumOfDefinedStoragePools(conn) == 0);
    CHECK(virConnectListStoragePools(conn, names, 4) == 1);
    CHECK(strcmp(names[0], "default-pool") == 0);
    free(names[0]);
    CHECK((pool = virStoragePoolLookupByName(conn, "default-pool")));
    CHECK(virStoragePoolGetUUIDString(pool, uuid) == 0);
    CHECK(strcmp(uuid, DEFAULT_UUID) == 0);
    CHECK((byuuid = virStoragePoolLookupByUUIDString(conn, DEFAULT_UUID)));
    CHECK(strcmp(virStoragePoolGetName(byuuid), "default-pool") == 0);
    CHECK((bypath = virStoragePoolLookupByTargetPath(conn, "/default-pool/")));
    CHECK(virStoragePoolGetInfo(pool, &info) == 0);
    CHECK(info.state == VIR_STORAGE_POOL_RUNNING);
    CHECK(info.capacity == 107374182400ULL && info.allocation == 0 &&
          info.available == 107374182400ULL);
    CHECK(virStoragePoolIsActive(pool) == 1 && virStoragePoolIsPersistent(pool) == 1);
    CHECK(virStoragePoolGetAutostart(pool, &autostart) == 0 && autostart == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == 0);
    CHECK((xml = virStoragePoolGetXMLDesc(pool, 0)));
    CHECK(strstr(xml, "<pool type='dir'>") && strstr(xml, "<path>/default-pool</path>") &&
          strstr(xml, "  <source>\n  </source>\n"));
    free(xml);
    virStoragePoolFree(bypath);
    virStoragePoolFree(byuuid);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

static int
testLookupErrors(void)
{
    virConnectPtr conn = openDefault();
    virStoragePoolPtr pool;

    CHECK(conn);
    CHECK(!virStoragePoolLookupByName(conn, "nope"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name 'nope'");
    CHECK(!virStoragePoolLookupByUUIDString(conn, "11111111-2222-3333-4444-555555555555"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, "matching uuid");
    CHECK(!virStoragePoolLookupByUUIDString(conn, "zz"));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK(!virStoragePoolLookupByName(conn, NULL));
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    CHECK((pool = virStoragePoolLookupByName(conn, "default-pool")));
    CHECK(!virStorageVolLookupByName(pool, "x"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name 'x'");
    CHECK(!virStorageVolLookupByKey(conn, "x"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, "matching key 'x'");
    CHECK(!virStorageVolLookupByPath(conn, "x"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, "matching path 'x'");
    CHECK(virStoragePoolBuild(pool, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "storage pool 'default-pool' is active");
    CHECK(virStoragePoolCreate(pool, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is active");
    CHECK(virStoragePoolUndefine(pool) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is active");
    CHECK(virStoragePoolDelete(pool, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is active");
    CHECK(virStoragePoolRefresh(pool, 1) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

static int
testBadXML(void)
{
    virConnectPtr conn = openDefault();

    CHECK(conn);
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='dir'><target><path>/x</path></target>"
                                         "</pool>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "missing pool source name element");
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='dir'><name>p</name></pool>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "missing storage pool target path");
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='netfs'><name>p</name><source>"
                                         "<dir path='/a'/></source><target><path>/x</path>"
                                         "</target></pool>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "missing storage pool source host name");
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='dir'><name>p</name><uuid>zz</uuid>"
                                         "<target><path>/x</path></target></pool>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "malformed uuid element");
    CHECK(!virStoragePoolDefineXML(conn, "<pool type='foo'><name>p</name></pool>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, NULL);
    CHECK(!virStoragePoolDefineXML(conn, "<pool", 0));
    CHECK_ERR(VIR_ERR_XML_DETAIL, NULL);
    CHECK(virConnectNumOfDefinedStoragePools(conn) == 0);
    virConnectClose(conn);
    return 0;
}

static int
testPoolLifecycle(void)
{
    virConnectPtr conn = openDefault();
    g_autofree char *xml = g_strdup_printf(POOL_XML, "p1", "/p1");
    g_autofree char *clash = g_strdup_printf(POOL_XML, "p2", "/p1");
    virStoragePoolPtr pool, again;
    virStoragePoolInfo info;
    int autostart;

    CHECK(conn);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK(virStoragePoolIsActive(pool) == 0 && virStoragePoolIsPersistent(pool) == 1);
    CHECK(virConnectNumOfDefinedStoragePools(conn) == 1);
    CHECK(!virStoragePoolDefineXML(conn, clash, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "Storage source conflict with pool: 'p1'");
    CHECK(!virStoragePoolDefineXML(conn, xml, 0));   /* same name, new UUID */
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "pool 'p1' already exists with uuid");
    {
        char *cur = virStoragePoolGetXMLDesc(pool, 0);
        CHECK(cur);
        CHECK((again = virStoragePoolDefineXML(conn, cur, 0)));   /* redefinition */
        free(cur);
        virStoragePoolFree(again);
    }
    CHECK(virStoragePoolNumOfVolumes(pool) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "storage pool 'p1' is not active");
    CHECK(virStoragePoolDestroy(pool) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is not active");
    CHECK(virStoragePoolGetInfo(pool, &info) == 0 && info.state == VIR_STORAGE_POOL_INACTIVE);
    CHECK(virStoragePoolBuild(pool, 0) == 0);
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolIsActive(pool) == 1);
    CHECK(virStoragePoolSetAutostart(pool, 1) == 0);
    CHECK(virStoragePoolGetAutostart(pool, &autostart) == 0 && autostart == 1);
    CHECK(virStoragePoolRefresh(pool, 0) == 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStoragePoolDelete(pool, 0) == 0);
    CHECK(virStoragePoolUndefine(pool) == 0);
    CHECK(virStoragePoolUndefine(pool) < 0);
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, "p1");
    CHECK(virStoragePoolIsActive(pool) < 0);
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, "matching uuid");
    virStoragePoolFree(pool);

    /* Transient: CreateXML starts it, Destroy makes it vanish. */
    CHECK((pool = virStoragePoolCreateXML(conn, xml, 0)));
    CHECK(virStoragePoolIsActive(pool) == 1 && virStoragePoolIsPersistent(pool) == 0);
    CHECK(!virStoragePoolCreateXML(conn, xml, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "pool 'p1' already exists");
    CHECK(virStoragePoolSetAutostart(pool, 1) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "pool has no config file");
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(!virStoragePoolLookupByName(conn, "p1"));
    CHECK_ERR(VIR_ERR_NO_STORAGE_POOL, NULL);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

static int
testListAll(void)
{
    virConnectPtr conn = openDefault();
    g_autofree char *xml = g_strdup_printf(POOL_XML, "inactive-pool", "/ip");
    g_autofree char *lxml = g_strdup(
        "<pool type='logical'><name>vg</name><source><name>vg</name></source></pool>");
    virStoragePoolPtr p1, p2, *pools = NULL;
    int n;

    CHECK(conn);
    CHECK((p1 = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK((p2 = virStoragePoolCreateXML(conn, lxml, 0)));
    CHECK(virConnectListAllStoragePools(conn, NULL, 0) == 3);
    CHECK((n = virConnectListAllStoragePools(conn, &pools, 0)) == 3);
    CHECK(strcmp(virStoragePoolGetName(pools[0]), "default-pool") == 0);
    CHECK(pools[3] == NULL);
    for (int i = 0; i < n; i++)
        virStoragePoolFree(pools[i]);
    free(pools);
#define COUNT(f) virConnectListAllStoragePools(conn, NULL, (f))
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE) == 2);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) == 1);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE) == 3);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT) == 2);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT) == 1);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART) == 0);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART) == 3);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_DIR) == 2);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL) == 1);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_DIR | VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE) == 1);
    CHECK(COUNT(VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI) == 0);
    CHECK(COUNT(1U << 30) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");
#undef COUNT
    CHECK(virStoragePoolDestroy(p2) == 0);
    CHECK(virStoragePoolUndefine(p1) == 0);
    virStoragePoolFree(p1);
    virStoragePoolFree(p2);
    virConnectClose(conn);
    return 0;
}

static int
testVolumes(void)
{
    virConnectPtr conn = openDefault();
    g_autofree char *v1xml = g_strdup_printf(VOL_XML, "v1", 1);
    g_autofree char *v2xml = g_strdup_printf(VOL_XML, "v2", 2);
    g_autofree char *bigxml = g_strdup_printf(VOL_XML, "big", 200 * 1024);
    virStoragePoolPtr pool, owner;
    virStorageVolPtr v1, v2, bykey, bypath, *vols = NULL;
    virStorageVolInfo info;
    virStoragePoolInfo pinfo;
    char *names[4];
    char *s;

    CHECK(conn);
    CHECK((pool = virStoragePoolLookupByName(conn, "default-pool")));
    CHECK((v1 = virStorageVolCreateXML(pool, v1xml, 0)));
    CHECK(!virStorageVolCreateXML(pool, v1xml, 0));
    CHECK_ERR(VIR_ERR_OPERATION_FAILED, "storage vol already exists");
    CHECK(!virStorageVolCreateXML(pool, bigxml, 0));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Not enough free space in pool for volume 'big'");
    CHECK(!virStorageVolCreateXML(pool, "<volume><name>x</name></volume>", 0));
    CHECK_ERR(VIR_ERR_XML_ERROR, "missing capacity element");
    CHECK(strcmp(virStorageVolGetKey(v1), "/default-pool/v1") == 0);
    CHECK((s = virStorageVolGetPath(v1)) && strcmp(s, "/default-pool/v1") == 0);
    free(s);
    CHECK(virStorageVolGetInfo(v1, &info) == 0);
    CHECK(info.type == VIR_STORAGE_VOL_FILE && info.capacity == 1048576 &&
          info.allocation == 1048576);
    CHECK((s = virStorageVolGetXMLDesc(v1, 0)));
    CHECK(strstr(s, "<volume type='file'>") && strstr(s, "<format type='raw'/>"));
    free(s);
    CHECK(virStoragePoolGetInfo(pool, &pinfo) == 0 && pinfo.allocation == 1048576);
    CHECK((bykey = virStorageVolLookupByKey(conn, "/default-pool/v1")));
    CHECK((bypath = virStorageVolLookupByPath(conn, "/default-pool/v1")));
    CHECK(strcmp(virStorageVolGetName(bypath), "v1") == 0);
    CHECK((owner = virStoragePoolLookupByVolume(v1)));
    CHECK(strcmp(virStoragePoolGetName(owner), "default-pool") == 0);
    CHECK((v2 = virStorageVolCreateXMLFrom(pool, v2xml, v1, 0)));
    CHECK(virStoragePoolNumOfVolumes(pool) == 2);
    CHECK(virStoragePoolListVolumes(pool, names, 4) == 2);
    CHECK(strcmp(names[0], "v1") == 0 && strcmp(names[1], "v2") == 0);
    free(names[0]);
    free(names[1]);
    CHECK(virStoragePoolListAllVolumes(pool, &vols, 0) == 2);
    virStorageVolFree(vols[0]);
    virStorageVolFree(vols[1]);
    free(vols);

    /* Resize: growing needs no flag, shrinking does. */
    CHECK(virStorageVolResize(v1, 4 * 1048576, 0) == 0);
    CHECK(virStorageVolGetInfo(v1, &info) == 0 && info.capacity == 4 * 1048576);
    CHECK(virStorageVolResize(v1, 1048576 * 2, 0) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "shrink");
    CHECK(virStorageVolResize(v1, 1048576, VIR_STORAGE_VOL_RESIZE_SHRINK) == 0);
    CHECK(virStorageVolWipe(v1, 0) == 0);
    CHECK(virStorageVolWipePattern(v1, VIR_STORAGE_VOL_WIPE_ALG_RANDOM, 0) == 0);
    CHECK(virStorageVolWipePattern(v1, 9999, 0) < 0);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);

    /* Volumes of an inactive pool are out of reach but survive. */
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStorageVolGetInfo(v1, &info) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "storage pool 'default-pool' is not active");
    CHECK(virStoragePoolListAllVolumes(pool, &vols, 0) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "storage pool is not active");
    CHECK(!virStorageVolCreateXML(pool, v1xml, 0));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "is not active");
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolNumOfVolumes(pool) == 2);

    CHECK(virStorageVolDelete(v1, 0) == 0);
    CHECK(virStorageVolDelete(v1, 0) < 0);
    CHECK_ERR(VIR_ERR_NO_STORAGE_VOL, "v1");
    CHECK(virStorageVolDelete(v2, 0) == 0);
    CHECK(virStoragePoolGetInfo(pool, &pinfo) == 0 && pinfo.allocation == 0);
    virStorageVolFree(v1);
    virStorageVolFree(v2);
    virStorageVolFree(bykey);
    virStorageVolFree(bypath);
    virStoragePoolFree(owner);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

static int events[8];
static int eventCount;

static void
onPoolEvent(virConnectPtr conn, virStoragePoolPtr pool, int event, int detail, void *opaque)
{
    (void)conn;
    (void)detail;
    (void)opaque;
    if (strcmp(virStoragePoolGetName(pool), "evp") == 0 && eventCount < 8)
        events[eventCount++] = event;
}

static int
testEvents(void)
{
    virConnectPtr conn;
    g_autofree char *xml = g_strdup_printf(POOL_XML, "evp", "/evp");
    virStoragePoolPtr pool;
    int id;

    virEventRegisterDefaultImpl();
    CHECK((conn = openDefault()));
    CHECK((id = virConnectStoragePoolEventRegisterAny(
               conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
               VIR_STORAGE_POOL_EVENT_CALLBACK(onPoolEvent), NULL, NULL)) >= 0);
    CHECK((pool = virStoragePoolDefineXML(conn, xml, 0)));
    CHECK(virStoragePoolCreate(pool, 0) == 0);
    CHECK(virStoragePoolDestroy(pool) == 0);
    CHECK(virStoragePoolUndefine(pool) == 0);
    for (int i = 0; i < 50 && eventCount < 4; i++)
        virEventRunDefaultImpl();
    CHECK(eventCount == 4);
    CHECK(events[0] == VIR_STORAGE_POOL_EVENT_DEFINED);
    CHECK(events[1] == VIR_STORAGE_POOL_EVENT_STARTED);
    CHECK(events[2] == VIR_STORAGE_POOL_EVENT_STOPPED);
    CHECK(events[3] == VIR_STORAGE_POOL_EVENT_UNDEFINED);
    CHECK(virConnectStoragePoolEventDeregisterAny(conn, id) == 0);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

/* A volume's format follows its pool's type, as in libvirt. */
static int
testVolumeFormats(void)
{
    static const struct { const char *pool; const char *vol; const char *want; int err; } cases[] = {
        { "<pool type='disk'><name>fd</name><source><device path='/dev/sdz'/></source>"
          "<target><path>/dev</path></target></pool>",
          "<volume><name>v</name><capacity>1024</capacity></volume>", "<format type='none'/>", 0 },
        { "<pool type='disk'><name>fd</name><source><device path='/dev/sdz'/></source>"
          "<target><path>/dev</path></target></pool>",
          "<volume><name>v</name><capacity>1024</capacity><target><format type='qcow2'/>"
          "</target></volume>", NULL, VIR_ERR_CONFIG_UNSUPPORTED },
        { "<pool type='iscsi'><name>fi</name><source><host name='h'/><device path='iqn.x'/>"
          "</source><target><path>/dev/disk/by-path</path></target></pool>",
          "<volume><name>v</name><capacity>1024</capacity><target><format type='qcow2'/>"
          "</target></volume>", "", 0 },
        { "<pool type='rbd'><name>fr</name><source><host name='h'/><name>rbd</name></source>"
          "</pool>",
          "<volume><name>v</name><capacity>1024</capacity></volume>", "<format type='raw'/>", 0 },
    };
    virConnectPtr conn = virConnectOpen("test:///default");

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        virStoragePoolPtr pool = virStoragePoolCreateXML(conn, cases[i].pool, 0);
        virStorageVolPtr vol;
        char *xml;

        CHECK(pool);
        vol = virStorageVolCreateXML(pool, cases[i].vol, 0);
        if (cases[i].err) {
            CHECK(!vol);
            CHECK_ERR(cases[i].err, "unknown volume format type qcow2");
        } else {
            CHECK(vol && (xml = virStorageVolGetXMLDesc(vol, 0)));
            if (*cases[i].want)
                CHECK(strstr(xml, cases[i].want));
            else
                CHECK(!strstr(xml, "<format"));
            free(xml);
            virStorageVolDelete(vol, 0);
            virStorageVolFree(vol);
        }
        virStoragePoolDestroy(pool);
        virStoragePoolFree(pool);
    }
    virConnectClose(conn);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    virStoragePoolPtr pool;

    CHECK(conn);
    CHECK((pool = virStoragePoolLookupByName(conn, "default-pool")));
    CHECK(virStoragePoolDestroy(pool) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(!virStorageVolCreateXML(pool, "<volume/>", 0));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "default pool", testDefaultPool },
        { "lookup and state errors", testLookupErrors },
        { "bad XML refused", testBadXML },
        { "pool lifecycle", testPoolLifecycle },
        { "list all pools with filters", testListAll },
        { "volumes", testVolumes },
        { "pool lifecycle events", testEvents },
        { "volume formats by pool type", testVolumeFormats },
        { "read-only connection", testReadOnly },
    };
    return testRunAll(cases, G_N_ELEMENTS(cases));
}
