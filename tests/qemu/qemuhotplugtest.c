/*
 * qemuhotplugtest.c: attach and detach on a real TCG guest, checked in
 * the definitions and in QEMU's own view (query-block, qom-list); a SCSI
 * disk unplugs at once, a PCI device waits for a guest that never answers.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../api/testlib.h"
#include "qemuguest.h"

static bool
qmpMentions(virDomainPtr dom, const char *cmd, const char *what)
{
    g_autofree char *reply = guestQMP(dom, cmd);
    return reply && strstr(reply, what);
}

static bool
xmlMentions(virDomainPtr dom, unsigned int flags, const char *what)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, flags);
    return xml && strstr(xml, what);
}

static int
testHotplug(void)
{
    virConnectPtr conn = guestOpen();
    g_autofree char *sda = g_strdup_printf("%s/hp-sda.qcow2", guestRoot());
    g_autofree char *sdb = g_strdup_printf("%s/hp-sdb.qcow2", guestRoot());
    g_autofree char *vdb = g_strdup_printf("%s/hp-vdb.qcow2", guestRoot());
    g_autofree char *extra = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *sdbXML = NULL;
    g_autofree char *vdbXML = NULL;
    const char *blocks = "{\"execute\":\"query-block\"}";
    const char *nodes = "{\"execute\":\"query-named-block-nodes\"}";
    const char *peripherals = "{\"execute\":\"qom-list\",\"arguments\":"
                              "{\"path\":\"/machine/peripheral\"}}";
    virDomainPtr dom;

    CHECK(conn);
    CHECK(guestQemuImgCreate(sda, 16, NULL));
    CHECK(guestQemuImgCreate(sdb, 16, NULL));
    CHECK(guestQemuImgCreate(vdb, 16, NULL));
    extra = g_strdup_printf("    <controller type='scsi' model='virtio-scsi'/>\n"
                            "    <disk type='file' device='disk'><driver name='qemu' "
                            "type='qcow2'/><source file='%s'/><target dev='sda' bus='scsi'/>"
                            "</disk>\n", sda);
    xml = guestDomainXML("hp", 64, extra);
    CHECK((dom = virDomainDefineXML(conn, xml)));

    /* config only while it is off; live refused */
    sdbXML = g_strdup_printf("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                             "<source file='%s'/><target dev='sdb' bus='scsi'/></disk>", sdb);
    CHECK(virDomainAttachDeviceFlags(dom, sdbXML, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not running");
    CHECK(virDomainAttachDeviceFlags(dom, sdbXML, VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(xmlMentions(dom, VIR_DOMAIN_XML_INACTIVE, sdb));
    CHECK(virDomainDetachDeviceFlags(dom, sdbXML, 0) == 0);
    CHECK(!xmlMentions(dom, VIR_DOMAIN_XML_INACTIVE, sdb));

    CHECK(virDomainCreate(dom) == 0);
    CHECK(guestCounter("hp", 1) > 1);

    /* a SCSI disk, live and config */
    CHECK(virDomainAttachDeviceFlags(dom, sdbXML,
                                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(xmlMentions(dom, 0, "<alias name='scsi0-0-0-1'/>"));
    CHECK(xmlMentions(dom, VIR_DOMAIN_XML_INACTIVE, sdb));
    CHECK(qmpMentions(dom, blocks, "\"qdev\":\"scsi0-0-0-1\""));
    CHECK(qmpMentions(dom, blocks, sdb));
    CHECK(virDomainAttachDeviceFlags(dom, sdbXML, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "target sdb already exists");
    CHECK(virDomainDetachDeviceFlags(dom, sdbXML,
                                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) == 0);
    CHECK(guestWaitEvent("hp:removed:scsi0-0-0-1;"));
    CHECK(!xmlMentions(dom, 0, sdb) && !xmlMentions(dom, VIR_DOMAIN_XML_INACTIVE, sdb));
    CHECK(!qmpMentions(dom, blocks, "scsi0-0-0-1"));
    CHECK(!qmpMentions(dom, nodes, "nuvhp-sdb"));     /* the image is closed */
    CHECK(virDomainDetachDeviceFlags(dom, sdbXML, VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_DEVICE_MISSING, "no target device sdb");

    /* a virtio disk: plugged; the guest never lets it go */
    vdbXML = g_strdup_printf("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                             "<source file='%s'/><target dev='vdb' bus='virtio'/></disk>", vdb);
    if (virDomainAttachDevice(dom, vdbXML) < 0)
        fprintf(stderr, "  attach: %s\n", virGetLastErrorMessage());
    CHECK(xmlMentions(dom, 0, vdb));
    CHECK(xmlMentions(dom, 0, "<alias name='virtio-disk1'/>"));
    CHECK(!xmlMentions(dom, VIR_DOMAIN_XML_INACTIVE, vdb));
    CHECK(qmpMentions(dom, peripherals, "\"virtio-disk1\""));
    CHECK(virDomainDetachDeviceAlias(dom, "virtio-disk1", VIR_DOMAIN_AFFECT_LIVE) == 0);
    CHECK(xmlMentions(dom, 0, vdb));
    CHECK(qmpMentions(dom, peripherals, "\"virtio-disk1\""));

    /* a user-mode NIC */
    CHECK(virDomainAttachDeviceFlags(dom, "<interface type='user'><mac address="
                                     "'52:54:00:12:34:56'/><model type='virtio'/></interface>",
                                     VIR_DOMAIN_AFFECT_LIVE) == 0);
    CHECK(xmlMentions(dom, 0, "<alias name='net0'/>"));
    CHECK(qmpMentions(dom, peripherals, "\"net0\""));
    CHECK(virDomainAttachDeviceFlags(dom, "<interface type='network'><source network="
                                     "'default'/></interface>", VIR_DOMAIN_AFFECT_LIVE) == -1);
    CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "user-mode");
    CHECK(guestCounter("hp", 1) > 1 && guestBoots("hp") == 1);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "hotplug", testHotplug },
    };
    return guestMain("qemuhotplug", cases, G_N_ELEMENTS(cases));
}
