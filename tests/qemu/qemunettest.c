/*
 * qemunettest.c: bridge, network and ethernet interfaces of a real TCG
 * guest as tap devices, in a network namespace of the test's own: the
 * taps on the host (name, MAC, bridge port, up), QEMU's view of them,
 * virDomainInterfaceStats against the tap's own counters, nothing left
 * after destroy, and the errors of a missing bridge, a missing network
 * and one that is not running.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/mount.h>
#include <sys/socket.h>

#include "qemuguest.h"

#define BRIDGE "nuvqbr0"

/* The attribute @attr of the first element after @after in @dom's live XML. */
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

static char *
sysNet(const char *ifname, const char *what)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/%s", ifname, what);
    char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    return g_strstrip(text);
}

static long long
sysCounter(const char *ifname, const char *name)
{
    g_autofree char *what = g_strdup_printf("statistics/%s", name);
    g_autofree char *v = sysNet(ifname, what);

    return v ? atoll(v) : -1;
}

/* The bridge port's master, by the sysfs link; NULL if none. */
static char *
masterOf(const char *ifname)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/master", ifname);
    g_autofree char *target = g_file_read_link(path, NULL);

    return target ? g_path_get_basename(target) : NULL;
}

static int
countTaps(void)
{
    g_autoptr(GDir) dir = g_dir_open("/sys/class/net", 0, NULL);
    const char *n;
    int count = 0;

    while (dir && (n = g_dir_read_name(dir))) {
        if (g_str_has_prefix(n, "vnet") || strcmp(n, "nuvtap7") == 0)
            count++;
    }
    return count;
}

/* Broadcast a few UDP datagrams on the bridge: every port, the taps too,
 * sends them to its guest. */
static bool
broadcast(int n)
{
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };
    int s = socket(AF_INET, SOCK_DGRAM, 0), on = 1;
    bool ok = s >= 0 &&
              setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) == 0 &&
              setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, BRIDGE, strlen(BRIDGE)) == 0;

    inet_pton(AF_INET, "10.99.0.255", &to.sin_addr);
    for (int i = 0; ok && i < n; i++)
        ok = sendto(s, "nuvirt", 6, 0, (struct sockaddr *) &to, sizeof(to)) == 6;
    if (s >= 0)
        close(s);
    return ok;
}

static int
testTaps(void)
{
    virConnectPtr conn = guestOpen();
    const char *nets =
        "    <interface type='bridge'><mac address='52:54:00:aa:00:01'/>"
        "<source bridge='" BRIDGE "'/><model type='rtl8139'/></interface>\n"
        "    <interface type='network'><mac address='52:54:00:aa:00:02'/>"
        "<source network='nuvqnet'/><model type='e1000'/></interface>\n"
        "    <interface type='ethernet'><mac address='fe:54:00:aa:00:03'/>"
        "<target dev='nuvtap7'/><model type='virtio'/></interface>\n";
    g_autofree char *xml = guestDomainXML("taps", 64, nets);
    g_autofree char *tap0 = NULL, *tap1 = NULL, *tap2 = NULL, *br1 = NULL;
    g_autofree char *m0 = NULL, *m1 = NULL, *mac0 = NULL, *mac2 = NULL, *mtu = NULL;
    g_autofree char *reply = NULL, *inactive = NULL, *flags = NULL;
    virDomainInterfaceStatsStruct st;
    virNetworkPtr net;
    virDomainPtr dom;

    CHECK(conn);
    CHECK((net = virNetworkDefineXML(conn, "<network><name>nuvqnet</name>"
                                     "<forward mode='bridge'/><bridge name='" BRIDGE "'/>"
                                     "</network>")));
    CHECK(virNetworkCreate(net) == 0);
    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK(virDomainCreate(dom) == 0);

    /* the live XML names the taps; the network's bridge is recorded */
    CHECK((tap0 = liveAttr(dom, "<interface type='bridge'>", "dev")));
    CHECK((tap1 = liveAttr(dom, "<interface type='network'>", "dev")));
    CHECK((tap2 = liveAttr(dom, "<interface type='ethernet'>", "dev")));
    CHECK((br1 = liveAttr(dom, "<interface type='network'>", "bridge")));
    CHECK(g_str_has_prefix(tap0, "vnet") && g_str_has_prefix(tap1, "vnet") &&
          strcmp(tap0, tap1) != 0);
    CHECK(strcmp(tap2, "nuvtap7") == 0);
    CHECK(strcmp(br1, BRIDGE) == 0);
    /* the definition keeps none of it */
    CHECK((inactive = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(!strstr(inactive, "vnet") && !strstr(inactive, "bridge='" BRIDGE "'/><model type='e1000'"));

    /* on the host: bridge ports, fe: MACs (fa: for a guest's fe:), up */
    CHECK((m0 = masterOf(tap0)) && strcmp(m0, BRIDGE) == 0);
    CHECK((m1 = masterOf(tap1)) && strcmp(m1, BRIDGE) == 0);
    CHECK(!masterOf(tap2));
    CHECK((mac0 = sysNet(tap0, "address")) && strcmp(mac0, "fe:54:00:aa:00:01") == 0);
    CHECK((mac2 = sysNet(tap2, "address")) && strcmp(mac2, "fa:54:00:aa:00:03") == 0);
    CHECK((mtu = sysNet(tap0, "mtu")) && strcmp(mtu, "1400") == 0);
    CHECK((flags = sysNet(tap2, "flags")) && (strtol(flags, NULL, 16) & IFF_UP));

    /* QEMU's side: three tap backends on its NICs */
    CHECK((reply = guestQMP(dom, "{\"execute\":\"human-monitor-command\",\"arguments\":"
                            "{\"command-line\":\"info network\"}}")));
    CHECK(strstr(reply, "hostnet0: index=0,type=tap,fd=") &&
          strstr(reply, "hostnet1: index=0,type=tap,fd=") &&
          strstr(reply, "hostnet2: index=0,type=tap,fd="));
    CHECK(strstr(reply, "virtio-net-pci") && strstr(reply, "e1000") && strstr(reply, "rtl8139"));

    /* what the bridge sends reaches the guest: its received counters (an
     * rtl8139 the guest has not enabled still takes packets in, and drops
     * them; a NIC that takes none leaves them queued, uncounted, on the
     * tap) */
    CHECK(broadcast(5));
    usleep(200 * 1000);
    CHECK(virDomainInterfaceStats(dom, tap0, &st, sizeof(st)) == 0);
    CHECK(st.rx_packets >= 5 && st.rx_packets == sysCounter(tap0, "tx_packets"));
    CHECK(st.rx_bytes == sysCounter(tap0, "tx_bytes"));
    CHECK(st.tx_packets == sysCounter(tap0, "rx_packets"));
    CHECK(virDomainInterfaceStats(dom, tap1, &st, sizeof(st)) == 0);
    CHECK(st.rx_bytes == sysCounter(tap1, "tx_bytes"));
    CHECK(virDomainInterfaceStats(dom, "52:54:00:aa:00:02", &st, sizeof(st)) == 0);
    CHECK(virDomainInterfaceStats(dom, "nosuch0", &st, sizeof(st)) == -1);
    CHECK_ERR(VIR_ERR_INVALID_ARG, "nosuch0");

    /* the taps go with QEMU */
    CHECK(countTaps() == 3);
    CHECK(virDomainDestroy(dom) == 0);
    for (int i = 0; i < 50 && countTaps() > 0; i++)
        usleep(100 * 1000);
    CHECK(countTaps() == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkUndefine(net) == 0);
    virNetworkFree(net);
    guestClose(conn);
    return 0;
}

/* Start @devices; it must fail with @code and a message holding @part,
 * leave no tap, and the domain shut off and defined as it was. */
static int
startFails(virConnectPtr conn, const char *devices, int code, const char *part)
{
    g_autofree char *xml = guestDomainXML("badnet", 64, devices);
    g_autofree char *before = NULL, *after = NULL;
    virDomainPtr dom;
    int state = -1, reason;

    CHECK((dom = virDomainDefineXML(conn, xml)));
    CHECK((before = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(virDomainCreate(dom) == -1);
    CHECK_ERR(code, part);
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0 && state == VIR_DOMAIN_SHUTOFF);
    CHECK((after = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE)));
    CHECK(strcmp(before, after) == 0);
    CHECK(countTaps() == 0);
    CHECK(guestPid("badnet") == 0);
    CHECK(virDomainUndefine(dom) == 0);
    virDomainFree(dom);
    return 0;
}

static int
testErrors(void)
{
    virConnectPtr conn = guestOpen();
    virNetworkPtr net;

    CHECK(conn);
    /* libvirt asks the bridge's MTU first: that is where a missing one shows */
    CHECK(startFails(conn, "<interface type='bridge'><source bridge='nuvnobr'/></interface>",
                     VIR_ERR_SYSTEM_ERROR, "Cannot get interface MTU on 'nuvnobr'") == 0);
    CHECK(startFails(conn, "<interface type='network'><source network='nuvnonet'/></interface>",
                     VIR_ERR_NO_NETWORK, "no network with matching name 'nuvnonet'") == 0);
    CHECK((net = virNetworkDefineXML(conn, "<network><name>nuvdown</name>"
                                     "<forward mode='bridge'/><bridge name='" BRIDGE "'/>"
                                     "</network>")));
    CHECK(startFails(conn, "<interface type='network'><source network='nuvdown'/></interface>",
                     VIR_ERR_OPERATION_INVALID, "network 'nuvdown' is not active") == 0);
    /* a good interface before a bad one: its tap goes too */
    CHECK(startFails(conn, "<interface type='bridge'><source bridge='" BRIDGE "'/></interface>"
                     "<interface type='bridge'><source bridge='nuvnobr'/></interface>",
                     VIR_ERR_SYSTEM_ERROR, "nuvnobr") == 0);
    CHECK(virNetworkUndefine(net) == 0);
    virNetworkFree(net);
    guestClose(conn);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "taps", testTaps },
        { "errors", testErrors },
    };

    if (access("/dev/net/tun", R_OK | W_OK) != 0) {
        printf("SKIP: no /dev/net/tun\n");
        return 77;
    }
    /* the bridge and every tap live in a network namespace of our own;
     * a sysfs mounted in it (in a mount namespace of ours) shows them */
    if (geteuid() != 0 || unshare(CLONE_NEWNET | CLONE_NEWNS) < 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("sysfs", "/sys", "sysfs", 0, NULL) < 0) {
        printf("SKIP: cannot make a network namespace (%s)\n", strerror(errno));
        return 77;
    }
    if (system("ip link set lo up && ip link add " BRIDGE " type bridge && "
               "ip link set " BRIDGE " mtu 1400 up && "
               "ip addr add 10.99.0.1/24 dev " BRIDGE) != 0) {
        printf("SKIP: cannot make a bridge with ip(8)\n");
        return 77;
    }
    return guestMain("qemunet", cases, G_N_ELEMENTS(cases));
}
