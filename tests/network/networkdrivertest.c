/*
 * networkdrivertest.c: the host's network driver through the public API,
 * on qemu:///embed in a temporary root, entirely inside a network
 * namespace this test makes first (the host's interfaces, rules and
 * forwarding setting are never touched).  It checks the real things: the
 * bridge and its addresses with ip(8), dnsmasq's configuration and
 * process, the nftables table, a DHCP lease taken by busybox udhcpc from
 * a second namespace through a veth, a live update, a restart (another
 * process on the same root takes the running network over without
 * duplicating anything), and bad input leaving nothing behind.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <net/if.h>
#include <glib.h>

#include "../api/testlib.h"

static char *root;
static char *uri;
static char *self;

static const char natXML[] =
    "<network><name>nat1</name><forward mode='nat'/>"
    "<bridge name='nuvbr1'/><mtu size='1400'/><mac address='52:54:00:aa:bb:01'/>"
    "<domain name='nuv.test' localOnly='yes'/>"
    "<dns><txt name='t1' value='hello'/>"
    "<srv service='ldap' protocol='tcp' domain='nuv.test' target='h1' port='389' "
    "priority='1' weight='10'/>"
    "<host ip='192.168.210.5'><hostname>h1</hostname></host></dns>"
    "<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp>"
    "<range start='192.168.210.10' end='192.168.210.20'/>"
    "<host mac='52:54:00:00:00:07' name='seven' ip='192.168.210.7'/>"
    "</dhcp></ip>"
    "<ip family='ipv6' address='fd00:210::1' prefix='64'/>"
    "</network>";

static char *
capture(const char *cmd)
{
    g_autofree char *full = g_strdup_printf("sh -c '%s'", cmd);
    char *out = NULL;
    int status = 0;

    if (!g_spawn_command_line_sync(full, &out, NULL, &status, NULL) ||
        !g_spawn_check_wait_status(status, NULL)) {
        g_free(out);
        return NULL;
    }
    return out;
}

static bool
has(const char *text, const char *part)
{
    bool ok = text && strstr(text, part);
    if (!ok)
        fprintf(stderr, "  '%s' not in:\n%s\n", part, text ? text : "(null)");
    return ok;
}

static int
countOf(const char *text, const char *part)
{
    int n = 0;
    for (const char *p = text; p && (p = strstr(p, part)); p += strlen(part))
        n++;
    return n;
}

static bool
linkExists(const char *name)
{
    return if_nametoindex(name) != 0;
}

static char *
stateFile(const char *name)
{
    return g_build_filename(root, "run", "network", name, NULL);
}

static pid_t
dnsmasqPid(const char *net)
{
    g_autofree char *base = g_strdup_printf("%s.pid", net);
    g_autofree char *path = stateFile(base);
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    return (pid_t) strtol(text, NULL, 10);
}

/* ---- a NAT network, checked on the host ---- */

static int
testNatNetwork(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr net;
    g_autofree char *addr = NULL, *link = NULL, *rules = NULL, *conf = NULL, *xml = NULL;
    g_autofree char *confPath = stateFile("nat1.conf");
    g_autofree char *hostsPath = stateFile("nat1.hostsfile");
    g_autofree char *addnPath = stateFile("nat1.addnhosts");
    g_autofree char *hosts = NULL, *addn = NULL;
    pid_t pid;

    CHECK(conn);
    CHECK((net = virNetworkDefineXML(conn, natXML)));
    CHECK(virNetworkIsActive(net) == 0);
    CHECK(!linkExists("nuvbr1"));
    CHECK(virNetworkCreate(net) == 0);
    CHECK(virNetworkIsActive(net) == 1);
    CHECK(linkExists("nuvbr1"));

    CHECK((addr = capture("ip addr show dev nuvbr1")));
    CHECK(has(addr, "inet 192.168.210.1/24"));
    CHECK(has(addr, "inet6 fd00:210::1/64"));
    CHECK((link = capture("ip -d link show dev nuvbr1")));
    CHECK(has(link, "mtu 1400") && has(link, "52:54:00:aa:bb:01"));
    CHECK(has(link, "stp_state 1"));

    CHECK(g_file_get_contents(confPath, &conf, NULL, NULL));
    CHECK(has(conf, "interface=nuvbr1\n"));
    CHECK(has(conf, "dhcp-range=192.168.210.10,192.168.210.20,255.255.255.0\n"));
    CHECK(has(conf, "dhcp-lease-max=11\n"));
    CHECK(has(conf, "local=/nuv.test/\ndomain=nuv.test\nexpand-hosts\n"));
    CHECK(has(conf, "txt-record=t1,hello\n"));
    CHECK(has(conf, "srv-host=_ldap._tcp.nuv.test,h1,389,1,10\n"));
    CHECK(has(conf, "enable-ra\n"));
    CHECK(g_file_get_contents(hostsPath, &hosts, NULL, NULL));
    CHECK(has(hosts, "52:54:00:00:00:07,192.168.210.7,seven\n"));
    CHECK(g_file_get_contents(addnPath, &addn, NULL, NULL));
    CHECK(has(addn, "192.168.210.5\th1\n"));
    CHECK((pid = dnsmasqPid("nat1")) > 0 && kill(pid, 0) == 0);

    CHECK((rules = capture("nft list table inet nuvirt_nat1")));
    CHECK(has(rules, "masquerade"));
    CHECK(has(rules, "iifname \"nuvbr1\" ip saddr 192.168.210.0/24 accept"));

    CHECK((xml = virNetworkGetXMLDesc(net, 0)));
    CHECK(has(xml, "<bridge name='nuvbr1' stp='on' delay='0'/>"));
    {
        g_autofree char *br = virNetworkGetBridgeName(net);
        CHECK(br && strcmp(br, "nuvbr1") == 0);
    }

    /* a DHCP host added live: dnsmasq re-reads its hosts file (same
     * process), the running XML has it */
    CHECK(virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                           VIR_NETWORK_SECTION_IP_DHCP_HOST, -1,
                           "<host mac='52:54:00:00:00:08' name='eight' ip='192.168.210.8'/>",
                           VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG) == 0);
    g_clear_pointer(&hosts, g_free);
    CHECK(g_file_get_contents(hostsPath, &hosts, NULL, NULL));
    CHECK(has(hosts, "52:54:00:00:00:08,192.168.210.8,eight\n"));
    CHECK(dnsmasqPid("nat1") == pid && kill(pid, 0) == 0);
    g_clear_pointer(&xml, g_free);
    CHECK((xml = virNetworkGetXMLDesc(net, VIR_NETWORK_XML_INACTIVE)));
    CHECK(has(xml, "name='eight'"));

    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* ---- iptables where the host has no nft ---- */

/* A directory with the network driver's tools but no nft, as PATH. */
static char *
pathWithoutNft(void)
{
    g_autofree char *bin = g_build_filename(root, "bin-no-nft", NULL);
    const char *tools[] = { "ip", "dnsmasq", "iptables", "ip6tables" };

    g_mkdir_with_parents(bin, 0755);
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++) {
        g_autofree char *real = g_find_program_in_path(tools[i]);
        g_autofree char *link = g_build_filename(bin, tools[i], NULL);
        if (!real || (symlink(real, link) < 0 && errno != EEXIST))
            return NULL;
    }
    return g_steal_pointer(&bin);
}

static int
testIptablesFallback(void)
{
    static const char iptXML[] =
        "<network><name>ipt1</name><forward mode='nat'/><bridge name='nuvbr3'/>"
        "<ip address='192.168.213.1' netmask='255.255.255.0'/>"
        "<ip family='ipv6' address='fd00:213::1' prefix='64'/></network>";
    g_autofree char *saved = g_strdup(g_getenv("PATH"));
    g_autofree char *bin = NULL;
    g_autofree char *nat = NULL, *filter = NULL, *filter6 = NULL, *tables = NULL;
    g_autofree char *after = NULL, *after6 = NULL, *afterNat = NULL;
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr net;
    int rc;
    g_autofree char *ipt4 = g_find_program_in_path("iptables");
    g_autofree char *ipt6 = g_find_program_in_path("ip6tables");

    CHECK(conn);
    if (!ipt4 || !ipt6) {
        printf("SKIP iptables-fallback: iptables/ip6tables not installed\n");
        virConnectClose(conn);
        return 0;
    }
    CHECK((bin = pathWithoutNft()));
    g_setenv("PATH", bin, TRUE);
    net = virNetworkCreateXML(conn, iptXML);
    g_setenv("PATH", saved, TRUE);
    CHECK(net);
    CHECK((nat = capture("iptables -w -t nat -S")));
    CHECK(has(nat, "-j MASQUERADE --to-ports 1024-65535"));
    CHECK(has(nat, "-s 192.168.213.0/24 -d 224.0.0.0/24 -j RETURN"));
    CHECK(has(nat, "-A POSTROUTING -j NUV_PR_"));
    CHECK((filter = capture("iptables -w -S")));
    CHECK(has(filter, "-A FORWARD -j NUV_FW_"));
    CHECK(has(filter, "-s 192.168.213.0/24 -i nuvbr3 -j ACCEPT"));
    CHECK(has(filter, "-i nuvbr3 -p udp -m multiport --dports 53,67,547 -j ACCEPT"));
    CHECK(has(filter, "-o nuvbr3 -j REJECT"));
    CHECK(has(filter, "-o nuvbr3 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
    /* one jump per chain: nothing duplicated */
    CHECK(strstr(filter, "-A FORWARD -j NUV_FW_") ==
          g_strrstr(filter, "-A FORWARD -j NUV_FW_"));
    CHECK((filter6 = capture("ip6tables -w -S")));
    CHECK(has(filter6, "-d fd00:213::/64 -o nuvbr3 -j ACCEPT"));
    /* and no nftables table of ours */
    tables = capture("nft list tables");
    CHECK(!tables || !strstr(tables, "nuvirt_ipt1"));

    g_setenv("PATH", bin, TRUE);
    rc = virNetworkDestroy(net);
    g_setenv("PATH", saved, TRUE);
    CHECK(rc == 0);
    CHECK((after = capture("iptables -w -S")) && !strstr(after, "NUV_"));
    CHECK((after6 = capture("ip6tables -w -S")) && !strstr(after6, "NUV_"));
    CHECK((afterNat = capture("iptables -w -t nat -S")) && !strstr(afterNat, "NUV_"));
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* ---- a lease through a veth from a second namespace ---- */

static int
testDHCPLease(void)
{
    g_autofree char *busybox = g_find_program_in_path("busybox");
    virConnectPtr conn;
    virNetworkPtr net;
    virNetworkDHCPLeasePtr *leases = NULL;
    g_autofree char *cmd = NULL;
    g_autofree char *out = NULL;
    pid_t child;
    int n = -1;

    if (!busybox) {
        printf("  (skipped: busybox is not installed for udhcpc)\n");
        return 0;
    }
    /* the client's namespace: a child that waits to be killed */
    if ((child = fork()) == 0) {
        if (unshare(CLONE_NEWNET) < 0)
            _exit(1);
        pause();
        _exit(0);
    }
    g_usleep(100000);
    cmd = g_strdup_printf("ip link add nuvh0 type veth peer name nuvc0 && "
                          "ip link set nuvc0 address 52:54:00:12:34:56 netns %d && "
                          "ip link set nuvh0 master nuvbr1 up && "
                          "nsenter -t %d -n ip link set nuvc0 up && "
                          "nsenter -t %d -n %s udhcpc -i nuvc0 -n -q -t 10 -T 1 -s /bin/true",
                          child, child, child, busybox);
    out = capture(cmd);
    CHECK(out);
    CHECK((conn = virConnectOpen(uri)));
    CHECK((net = virNetworkLookupByName(conn, "nat1")));
    for (int i = 0; i < 50 && n <= 0; i++) {
        if (n == 0)
            g_usleep(100000);
        n = virNetworkGetDHCPLeases(net, "52:54:00:12:34:56", &leases, 0);
        if (n == 0)
            free(leases);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    CHECK(n == 1);
    CHECK(strcmp(leases[0]->mac, "52:54:00:12:34:56") == 0);
    CHECK(g_str_has_prefix(leases[0]->ipaddr, "192.168.210."));
    CHECK(leases[0]->prefix == 24 && leases[0]->type == VIR_IP_ADDR_TYPE_IPV4);
    CHECK(strcmp(leases[0]->iface, "nuvbr1") == 0);
    virNetworkDHCPLeaseFree(leases[0]);
    free(leases);
    CHECK(virNetworkGetDHCPLeases(net, "nonsense", &leases, 0) < 0);
    CHECK_ERR(VIR_ERR_INVALID_MAC, "nonsense");
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* ---- a restart: another process takes the running network over ---- */

static bool
runPhase(const char *phase)
{
    g_autofree char *cmd = g_strdup_printf("%s --phase %s %s", self, phase, root);
    int status = 0;
    return g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL) &&
           g_spawn_check_wait_status(status, NULL);
}

static int
phaseTakeover(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr net;
    g_autofree char *rules = NULL;
    g_autofree char *xml = NULL;

    CHECK(conn);
    CHECK((net = virNetworkLookupByName(conn, "nat1")));
    CHECK(virNetworkIsActive(net) == 1);
    CHECK((xml = virNetworkGetXMLDesc(net, 0)));
    CHECK(has(xml, "name='eight'"));
    CHECK((rules = capture("nft list ruleset")));
    CHECK(countOf(rules, "table inet nuvirt_nat1") == 1);
    CHECK(countOf(rules, "masquerade to") == 1);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

static int
testRestart(void)
{
    pid_t pid = dnsmasqPid("nat1");
    g_autofree char *addr = NULL;

    CHECK(runPhase("takeover"));
    /* the same dnsmasq still runs, and a single address on the bridge */
    CHECK(pid > 0 && dnsmasqPid("nat1") == pid && kill(pid, 0) == 0);
    CHECK((addr = capture("ip -4 addr show dev nuvbr1")));
    CHECK(countOf(addr, "192.168.210.1/24") == 1);
    /* a dnsmasq that died meanwhile is started again */
    kill(pid, SIGKILL);
    g_usleep(200000);
    CHECK(runPhase("takeover"));
    CHECK(dnsmasqPid("nat1") > 0 && dnsmasqPid("nat1") != pid);
    return 0;
}

/* ---- stopping removes everything ---- */

static int
testDestroy(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr net;
    g_autofree char *rules = NULL;
    g_autofree char *pidPath = stateFile("nat1.pid");
    pid_t pid = dnsmasqPid("nat1");
    int fd;

    CHECK(conn);
    CHECK((net = virNetworkLookupByName(conn, "nat1")));
    /* this process's driver did not see the takeover's new dnsmasq, but
     * finds it through the pid file */
    fd = (int) syscall(434 /* pidfd_open */, pid, 0);
    CHECK(virNetworkDestroy(net) == 0);
    CHECK(virNetworkIsActive(net) == 0);
    CHECK(!linkExists("nuvbr1"));
    CHECK(access(pidPath, F_OK) != 0);
    CHECK((rules = capture("nft list ruleset")));
    CHECK(countOf(rules, "nuvirt_nat1") == 0);
    if (fd >= 0) {
        GPollFD p = { .fd = fd, .events = G_IO_IN };
        CHECK(g_poll(&p, 1, 5000) == 1);
        close(fd);
    }
    CHECK(virNetworkDestroy(net) < 0);
    CHECK_ERR(VIR_ERR_OPERATION_INVALID, "not active");
    CHECK(virNetworkUndefine(net) == 0);
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* ---- other forward modes ---- */

static int
testModes(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr r, iso, open, br;
    g_autofree char *rr = NULL, *ri = NULL, *ro = NULL;

    CHECK(conn);
    CHECK((r = virNetworkCreateXML(conn,
        "<network><name>routed</name><forward mode='route'/><bridge name='nuvbr2'/>"
        "<ip address='10.77.0.1' prefix='24'/></network>")));
    CHECK((rr = capture("nft list table inet nuvirt_routed")));
    CHECK(has(rr, "oifname \"nuvbr2\" ip daddr 10.77.0.0/24 accept"));
    CHECK(!strstr(rr, "masquerade"));
    CHECK((iso = virNetworkCreateXML(conn,
        "<network><name>iso</name><bridge name='nuvbr3'/>"
        "<ip address='10.78.0.1' prefix='24'/></network>")));
    CHECK((ri = capture("nft list table inet nuvirt_iso")));
    CHECK(has(ri, "iifname \"nuvbr3\" reject") && !strstr(ri, "saddr"));
    CHECK((open = virNetworkCreateXML(conn,
        "<network><name>opennet</name><forward mode='open'/><bridge name='nuvbr4'/>"
        "<ip address='10.79.0.1' prefix='24'/></network>")));
    CHECK(linkExists("nuvbr4"));
    CHECK((ro = capture("nft list tables")));
    CHECK(!strstr(ro, "nuvirt_opennet"));
    /* an existing host bridge: nothing is made */
    CHECK((br = virNetworkCreateXML(conn,
        "<network><name>hostbr</name><forward mode='bridge'/><bridge name='nuvbr4'/>"
        "</network>")));
    CHECK(virNetworkDestroy(br) == 0);
    CHECK(linkExists("nuvbr4"));
    CHECK(!virNetworkCreateXML(conn,
        "<network><name>nobr</name><forward mode='bridge'/><bridge name='nuvnone'/>"
        "</network>"));
    /* a bridge name assigned when none is given */
    {
        virNetworkPtr a = virNetworkDefineXML(conn, "<network><name>auto</name></network>");
        g_autofree char *name = NULL;
        CHECK(a);
        CHECK((name = virNetworkGetBridgeName(a)) && g_str_has_prefix(name, "virbr"));
        CHECK(virNetworkUndefine(a) == 0);
        virNetworkFree(a);
    }
    CHECK(virNetworkDestroy(r) == 0 && virNetworkDestroy(iso) == 0 &&
          virNetworkDestroy(open) == 0);
    CHECK(!linkExists("nuvbr2") && !linkExists("nuvbr3") && !linkExists("nuvbr4"));
    virNetworkFree(r);
    virNetworkFree(iso);
    virNetworkFree(open);
    virNetworkFree(br);
    virConnectClose(conn);
    return 0;
}

/* ---- bad input: errors, and nothing left behind ---- */

static int
testBadInput(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNetworkPtr a;
    g_autofree char *rules = NULL;

    CHECK(conn);
    CHECK((a = virNetworkCreateXML(conn,
        "<network><name>first</name><forward mode='nat'/><bridge name='nuvbr5'/>"
        "<ip address='10.80.0.1' prefix='24'/></network>")));
    /* the same subnet again */
    CHECK(!virNetworkCreateXML(conn,
        "<network><name>second</name><forward mode='nat'/><bridge name='nuvbr6'/>"
        "<ip address='10.80.0.2' prefix='24'/></network>"));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "already in use");
    CHECK(!linkExists("nuvbr6"));
    /* the same bridge again */
    CHECK(!virNetworkCreateXML(conn,
        "<network><name>third</name><bridge name='nuvbr5'/>"
        "<ip address='10.81.0.1' prefix='24'/></network>"));
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "bridge name 'nuvbr5' already in use");
    /* dnsmasq cannot start (a DHCP range outside the subnet): no bridge,
     * no rules left */
    CHECK(!virNetworkCreateXML(conn,
        "<network><name>bad</name><forward mode='nat'/><bridge name='nuvbr7'/>"
        "<ip address='10.82.0.1' prefix='24'><dhcp>"
        "<range start='10.82.0.10' end='10.82.0.20'/></dhcp></ip>"
        "<dns><forwarder addr='not-an-address'/></dns></network>"));
    CHECK(!linkExists("nuvbr7"));
    CHECK((rules = capture("nft list tables")));
    CHECK(!strstr(rules, "nuvirt_bad"));
    CHECK(!virNetworkLookupByName(conn, "bad"));
    CHECK(virNetworkDestroy(a) == 0);
    virNetworkFree(a);
    /* forward modes that need hardware this driver does not manage */
    CHECK(!virNetworkDefineXML(conn,
        "<network><name>pt</name><forward mode='passthrough'><interface dev='eth9'/>"
        "</forward></network>"));
    CHECK_ERR(VIR_ERR_NO_SUPPORT, "passthrough");
    virConnectClose(conn);
    return 0;
}

static int
testTestDriverUntouched(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virNetworkPtr net;

    CHECK(conn);
    CHECK((net = virNetworkLookupByName(conn, "default")));
    CHECK(!linkExists("virbr0"));
    virNetworkFree(net);
    virConnectClose(conn);
    return 0;
}

/* Whatever a failed case left running (dnsmasq daemons outlive the
 * namespace's last process): each pid file of ours whose process is still
 * a dnsmasq reading our configuration. */
static void
killLeftovers(void)
{
    g_autofree char *dir = g_build_filename(root, "run", "network", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *ent;

    while (d && (ent = g_dir_read_name(d))) {
        g_autofree char *net = NULL;
        g_autofree char *cmdline = NULL;
        g_autofree char *proc = NULL;
        gsize len = 0;
        pid_t pid;

        if (!g_str_has_suffix(ent, ".pid"))
            continue;
        net = g_strndup(ent, strlen(ent) - 4);
        if ((pid = dnsmasqPid(net)) <= 0)
            continue;
        proc = g_strdup_printf("/proc/%d/cmdline", pid);
        if (g_file_get_contents(proc, &cmdline, &len, NULL) && len > 0 &&
            memmem(cmdline, len, root, strlen(root)))
            kill(pid, SIGTERM);
    }
}

int
main(int argc, char **argv)
{
    static const testCase cases[] = {
        { "nat-network", testNatNetwork },
        { "dhcp-lease", testDHCPLease },
        { "restart", testRestart },
        { "destroy", testDestroy },
        { "modes", testModes },
        { "iptables-fallback", testIptablesFallback },
        { "bad-input", testBadInput },
        { "test-driver-untouched", testTestDriverUntouched },
    };
    const char *tools[] = { "ip", "nft", "dnsmasq", "nsenter" };
    g_autofree char *rmcmd = NULL;
    int ret;

    self = g_canonicalize_filename(argv[0], NULL);
    if (argc == 4 && strcmp(argv[1], "--phase") == 0) {
        root = argv[3];
        uri = g_strdup_printf("qemu:///embed?root=%s", root);
        virSetErrorFunc(NULL, testQuietErrors);
        return phaseTakeover() == 0 ? 0 : 1;
    }
    g_setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", FALSE);
    {
        g_autofree char *path = g_strdup_printf("%s:/usr/sbin:/sbin", g_getenv("PATH"));
        g_setenv("PATH", path, TRUE);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(tools); i++) {
        g_autofree char *p = g_find_program_in_path(tools[i]);
        if (!p) {
            printf("SKIP: %s is not installed (scripts/install-deps.sh --test)\n", tools[i]);
            return 77;
        }
    }
    if (access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
        printf("SKIP: qemu-system-x86_64 missing (qemu:///embed)\n");
        return 77;
    }
    /* everything below happens in a network namespace of our own */
    if (geteuid() != 0 || unshare(CLONE_NEWNET) < 0) {
        printf("SKIP: cannot make a network namespace (%s)\n", strerror(errno));
        return 77;
    }
    if (system("ip link set lo up") != 0 || system("nft list tables >/dev/null 2>&1") != 0) {
        printf("SKIP: no nftables in this kernel\n");
        return 77;
    }
    root = g_dir_make_tmp("networkdrv-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    killLeftovers();
    rmcmd = g_strdup_printf("rm -rf %s", root);
    (void) !system(rmcmd);
    return ret;
}
