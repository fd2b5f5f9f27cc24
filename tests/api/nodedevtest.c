/*
 * nodedevtest.c: the node device API of the test driver, error cases
 * included.  Expected values and messages are those of libvirt 9.0's test
 * driver; this program passes against stock libvirt too.
 */
#include <stdlib.h>
#include <glib.h>

#include "testlib.h"

#pragma GCC diagnostic ignored "-Wcast-function-type"

#define URI "test:///default"

static const char host1XML[] =
    "<device>\n"
    "  <name>scsi_host1</name>\n"
    "  <parent>computer</parent>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>1</host>\n"
    "    <unique_id>0</unique_id>\n"
    "    <capability type='fc_host'>\n"
    "      <wwnn>2000000012341234</wwnn>\n"
    "      <wwpn>1000000012341234</wwpn>\n"
    "      <fabric_wwn>2000000043214321</fabric_wwn>\n"
    "    </capability>\n"
    "    <capability type='vport_ops'>\n"
    "      <max_vports>0</max_vports>\n"
    "      <vports>0</vports>\n"
    "    </capability>\n"
    "  </capability>\n"
    "</device>\n";

static const char vhbaXML[] =
    "<device><parent>scsi_host1</parent><capability type='scsi_host'>"
    "<capability type='fc_host'><wwnn>2001001b32a9da4e</wwnn><wwpn>2101001b32a9da4e</wwpn>"
    "</capability></capability></device>";

static const char host12XML[] =
    "<device>\n"
    "  <name>scsi_host12</name>\n"
    "  <parent>scsi_host1</parent>\n"
    "  <capability type='scsi_host'>\n"
    "    <host>11</host>\n"
    "    <unique_id>10</unique_id>\n"
    "    <capability type='fc_host'>\n"
    "      <wwnn>2001001b32a9da4e</wwnn>\n"
    "      <wwpn>2101001b32a9da4e</wwpn>\n"
    "      <fabric_wwn>2000000043214321</fabric_wwn>\n"
    "    </capability>\n"
    "  </capability>\n"
    "</device>\n";

static int
testDefaultDevices(void)
{
    virConnectPtr conn = virConnectOpen(URI);
    virNodeDevicePtr dev, *all = NULL;
    char *names[8] = { NULL };
    char *s;
    int n;

    CHECK(conn);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == 4);
    CHECK(virNodeNumOfDevices(conn, "scsi_host", 0) == 3);
    CHECK(virNodeNumOfDevices(conn, "fc_host", 0) == 3);
    CHECK(virNodeNumOfDevices(conn, "vports", 0) == 2);
    CHECK(virNodeNumOfDevices(conn, "bogus", 0) == 0);
    CHECK(virNodeNumOfDevices(conn, NULL, 1) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function testNodeNumOfDevices");
    CHECK((n = virNodeListDevices(conn, "system", names, 8, 0)) == 1);
    CHECK(strcmp(names[0], "computer") == 0);
    free(names[0]);
    CHECK((n = virConnectListAllNodeDevices(conn, &all, 0)) == 4);
    for (int i = 0; i < n; i++)
        virNodeDeviceFree(all[i]);
    free(all);
    CHECK(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS) == 2);
    CHECK(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM |
                                       VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST) == 4);
    /* as in stock, ACTIVE/INACTIVE are refused (virsh nodedev-list fails) */
    CHECK(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x80000000)");

    CHECK((dev = virNodeDeviceLookupByName(conn, "scsi_host1")));
    CHECK((s = virNodeDeviceGetXMLDesc(dev, 0)) && strcmp(s, host1XML) == 0);
    free(s);
    CHECK(!virNodeDeviceGetXMLDesc(dev, 1));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "testNodeDeviceGetXMLDesc");
    CHECK(strcmp(virNodeDeviceGetParent(dev), "computer") == 0);
    CHECK(virNodeDeviceNumOfCaps(dev) == 1);
    CHECK(virNodeDeviceListCaps(dev, names, 8) == 1 && strcmp(names[0], "scsi_host") == 0);
    free(names[0]);
    /* what stock's test driver leaves out */
    CHECK(virNodeDeviceIsActive(dev) == -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, NULL);
    CHECK(!virNodeDeviceDefineXML(conn, "<device/>", 0));
    CHECK_ERR(VIR_ERR_NO_SUPPORT, NULL);
    CHECK(virNodeDeviceUndefine(dev, 0) == -1);
    CHECK_ERR(VIR_ERR_NO_SUPPORT, NULL);
    virNodeDeviceFree(dev);

    CHECK((dev = virNodeDeviceLookupByName(conn, "computer")));
    CHECK(virNodeDeviceGetParent(dev) == NULL);
    virNodeDeviceFree(dev);
    CHECK(!virNodeDeviceLookupByName(conn, "nope"));
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, "Node device not found: no node device with matching name 'nope'");
    virConnectClose(conn);
    return 0;
}

static int lifecycleSeen[8];

static void
onLifecycle(virConnectPtr conn G_GNUC_UNUSED, virNodeDevicePtr dev, int event,
            int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    if (strcmp(virNodeDeviceGetName(dev), "scsi_host12") == 0 &&
        event >= 0 && event < 8)
        lifecycleSeen[event]++;
}

static int
testCreateDestroy(void)
{
    virConnectPtr conn;
    virNodeDevicePtr dev, other;
    int id;
    char *s;

    CHECK(virEventRegisterDefaultImpl() == 0);
    CHECK((conn = virConnectOpen(URI)));
    CHECK((id = virConnectNodeDeviceEventRegisterAny(conn, NULL,
                                                      VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                                      VIR_NODE_DEVICE_EVENT_CALLBACK(onLifecycle),
                                                      NULL, NULL)) >= 0);

    CHECK(!virNodeDeviceCreateXML(conn, vhbaXML, 4));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "testNodeDeviceCreateXML");
    {
        /* The same vHBA under a parent that cannot hold vports. */
        g_autoptr(GString) bad = g_string_new(vhbaXML);
        g_string_replace(bad, "scsi_host1<", "scsi_host11<", 1);
        CHECK(!virNodeDeviceCreateXML(conn, bad->str, 0));
    }
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "Parent device scsi_host11 is not capable of vport operations");
    CHECK(!virNodeDeviceCreateXML(conn, "<device><parent>scsi_host1</parent>"
                                  "<capability type='system'/></device>", 0));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "no system UUID supplied for 'new device'");

    CHECK((dev = virNodeDeviceCreateXML(conn, vhbaXML, 0)));
    CHECK(strcmp(virNodeDeviceGetName(dev), "scsi_host12") == 0);
    CHECK(strcmp(virNodeDeviceGetParent(dev), "scsi_host1") == 0);
    CHECK((s = virNodeDeviceGetXMLDesc(dev, 0)) && strcmp(s, host12XML) == 0);
    free(s);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == 5);
    CHECK(virEventRunDefaultImpl() == 0);
    CHECK(lifecycleSeen[VIR_NODE_DEVICE_EVENT_CREATED] == 1);

    CHECK(virNodeDeviceDestroy(dev) == 0);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == 4);
    CHECK(virEventRunDefaultImpl() == 0);
    CHECK(lifecycleSeen[VIR_NODE_DEVICE_EVENT_DELETED] == 1);
    CHECK(virNodeDeviceDestroy(dev) == -1);
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, "scsi_host12");
    virNodeDeviceFree(dev);

    /* stock answers 0 for a device that is no vHBA, and keeps it */
    CHECK((other = virNodeDeviceLookupByName(conn, "computer")));
    CHECK(virNodeDeviceDestroy(other) == 0);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == 4);
    virNodeDeviceFree(other);

    CHECK(virConnectNodeDeviceEventDeregisterAny(conn, id) == 0);
    CHECK(virConnectNodeDeviceEventRegisterAny(conn, NULL, 99,
                                               VIR_NODE_DEVICE_EVENT_CALLBACK(onLifecycle),
                                               NULL, NULL) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, NULL);
    virConnectClose(conn);
    return 0;
}

static int
testLookupByWWN(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virNodeDevicePtr dev;

    CHECK((dev = virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012341234",
                                                  "1000000012341234", 0)));
    CHECK(strcmp(virNodeDeviceGetName(dev), "scsi_host1") == 0);
    virNodeDeviceFree(dev);
    CHECK(!virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012341299", "1000000012341234", 0));
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, "wwnn '2000000012341299'");
    CHECK(!virNodeDeviceLookupSCSIHostByWWN(conn, NULL, "1000000012341234", 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "wwnn in virNodeDeviceLookupSCSIHostByWWN must not be NULL");
    CHECK(!virNodeDeviceLookupSCSIHostByWWN(conn, "2000000012341234", "1000000012341234", 1));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    virConnectClose(conn);
    return 0;
}

static int
testReadOnly(void)
{
    virConnectPtr conn = virConnectOpenReadOnly(URI);

    CHECK(conn);
    CHECK(!virNodeDeviceCreateXML(conn, vhbaXML, 0));
    CHECK_ERR(VIR_ERR_OPERATION_DENIED, NULL);
    CHECK(virNodeNumOfDevices(conn, NULL, 0) == 4);
    virConnectClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "default devices", testDefaultDevices },
        { "vHBA create and destroy, events", testCreateDestroy },
        { "SCSI host lookup by WWN", testLookupByWWN },
        { "read-only connection", testReadOnly },
    };

    return testRunAll(cases, G_N_ELEMENTS(cases));
}
