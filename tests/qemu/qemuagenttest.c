/*
 * qemuagenttest.c: channels on a real TCG guest (virtio-serial ports, the
 * guest agent's unix socket, a pty channel) and virDomainQemuAgentCommand's
 * answers for a guest whose agent never opens its port: the boot-sector
 * guest has none, so the answering path is not covered here.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <libvirt/libvirt-qemu.h>

#include "qemuguest.h"

static char *
liveAttr(virDomainPtr dom, const char *after, const char *attr)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, 0);
    const char *p = xml ? strstr(xml, after) : NULL;
    g_autofree char *key = g_strdup_printf("%s='", attr);
    const char *v;

    if (!p || !(v = strstr(p, key)))
        return NULL;
    v += strlen(key);
    return g_strndup(v, strchr(v, '\'') - v);
}

static int
testChannels(void)
{
    virConnectPtr conn = guestOpen();
    const char *chans =
        "    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/>"
        "</channel>\n"
        "    <channel type='pty'><target type='virtio' name='org.nuvirt.test'/></channel>\n";
    g_autofree char *xml = guestDomainXML("agent", 64, chans);
    g_autofree char *plain = guestDomainXML("noagent", 64, NULL);
    g_autofree char *sock = NULL, *pty = NULL, *reply = NULL, *inactive = NULL;
    const char *ping = "{\"execute\":\"guest-ping\"}";
    struct stat st;
    virDomainPtr dom, dom2;

    CHECK(conn);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    /* the definition gets the controller and ports, not the runtime path */
    CHECK((inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strstr(inactive, "<controller type='virtio-serial' index='0'>"));
    CHECK(strstr(inactive, "<address type='virtio-serial' controller='0' bus='0' port='1'/>"));
    CHECK(strstr(inactive, "<address type='virtio-serial' controller='0' bus='0' port='2'/>"));
    CHECK(!strstr(inactive, "<source mode='bind'"));
    CHECK(!virDomainQemuAgentCommand(dom, ping, 5, 0));
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not running");

    CHECK(virDomainCreate(dom) == 0);
    /* QEMU listens on the agent's socket and has both ports */
    CHECK((sock = liveAttr(dom, "<channel type='unix'>", "path")));
    CHECK(stat(sock, &st) == 0 && S_ISSOCK(st.st_mode));
    CHECK((pty = liveAttr(dom, "<channel type='pty'>", "path")));
    CHECK(g_str_has_prefix(pty, "/dev/pts/"));
    {
        g_autofree char *xmlLive = virDomainGetXMLDesc(dom, 0);
        CHECK(strstr(xmlLive, "name='org.qemu.guest_agent.0' state='disconnected'/>"));
        CHECK(strstr(xmlLive, "<alias name='channel0'/>") &&
              strstr(xmlLive, "<alias name='channel1'/>"));
    }
    CHECK((reply = guestQMP(dom, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                            "\"/machine/peripheral/channel0\",\"property\":\"name\"}}")));
    CHECK(strstr(reply, "org.qemu.guest_agent.0"));
    g_free(reply);
    CHECK((reply = guestQMP(dom, "{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                            "\"/machine/peripheral/channel1\",\"property\":\"name\"}}")));
    CHECK(strstr(reply, "org.nuvirt.test"));
    g_free(reply);
    CHECK((reply = guestQMP(dom, "{\"execute\":\"query-chardev\"}")));
    CHECK(strstr(reply, sock));
    g_free(reply);
    reply = NULL;

    /* no agent in this guest: reported at once, as libvirt does */
    CHECK(!virDomainQemuAgentCommand(dom, ping, 5, 0));
    CHECK_ERR(VIR_ERR_AGENT_UNRESPONSIVE, "QEMU guest agent is not connected");
    CHECK(!virDomainQemuAgentCommand(dom, ping, -3, 0));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "timeout");
    CHECK(!virDomainQemuAgentCommand(dom, ping, 5, 1));
    CHECK_ERR(VIR_ERR_INVALID_ARG, "unsupported flags");

    /* a guest without the channel */
    CHECK((dom2 = virDomainDefineXML(conn, plain)));
    CHECK(virDomainCreate(dom2) == 0);
    CHECK(!virDomainQemuAgentCommand(dom2, ping, 5, 0));
    CHECK_ERR(VIR_ERR_ARGUMENT_UNSUPPORTED, "QEMU guest agent is not configured");
    CHECK(virDomainDestroy(dom2) == 0);
    CHECK(virDomainUndefine(dom2) == 0);
    virDomainFree(dom2);

    CHECK(virDomainDestroy(dom) == 0);
    CHECK(access(sock, F_OK) != 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "channels", testChannels },
    };

    return guestMain("qemuagent", cases, G_N_ELEMENTS(cases));
}
