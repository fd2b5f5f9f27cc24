/*
 * qemu_interface.c: tap devices for bridge, network and ethernet
 * interfaces (see qemu_interface.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "qemu/qemu_interface.h"
#include "driver/datatypes.h"
#include "driver/driver.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_QEMU

/* ---- the tap itself, by ioctl: no helper program per interface ---- */

static int
qemuIfSocket(void)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (s < 0)
        nuvReportSystemError(errno, "%s", "Unable to open control socket");
    return s;
}

/* ioctl @req on interface @name with @ifr (ifr_name filled in here). */
static int
qemuIfIoctl(int s, unsigned long req, const char *name, struct ifreq *ifr)
{
    g_strlcpy(ifr->ifr_name, name, sizeof(ifr->ifr_name));
    return ioctl(s, req, ifr);
}

/* The guest's MAC as its tap on the host shows it: first byte 0xfe (0xfa
 * when the guest's is 0xfe), so the bridge never takes the guest's own
 * address as its own. */
static bool
qemuTapMAC(const char *mac, unsigned char out[6])
{
    unsigned int b[6];

    if (!mac || sscanf(mac, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        out[i] = b[i];
    out[0] = out[0] == 0xfe ? 0xfa : 0xfe;
    return true;
}

/* Open tap @want ("vnet%d": the kernel picks the first free) with the
 * flags QEMU expects for @model; its name in @name. */
static int
qemuTapOpen(const char *want, const char *model, char name[IFNAMSIZ])
{
    struct ifreq ifr = { 0 };
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

    if (fd < 0) {
        nuvReportSystemError(errno, "%s", "Unable to open /dev/net/tun, is tun module loaded?");
        return -1;
    }
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    /* virtio-net reads the offload header; other models do not */
    if (g_strcmp0(model, "virtio") == 0)
        ifr.ifr_flags |= IFF_VNET_HDR;
    g_strlcpy(ifr.ifr_name, want, sizeof(ifr.ifr_name));
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        nuvReportSystemError(errno, "Unable to create tap device %s", want);
        close(fd);
        return -1;
    }
    g_strlcpy(name, ifr.ifr_name, IFNAMSIZ);
    return fd;
}

/* MAC, the bridge's MTU and the bridge port (when @bridge), then up. */
static int
qemuTapSetUp(const char *tap, const char *mac, const char *bridge)
{
    struct ifreq ifr = { 0 };
    unsigned char hw[6];
    int s = qemuIfSocket();
    int ret = -1;

    if (s < 0)
        return -1;
    if (qemuTapMAC(mac, hw)) {
        ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
        memcpy(ifr.ifr_hwaddr.sa_data, hw, sizeof(hw));
        if (qemuIfIoctl(s, SIOCSIFHWADDR, tap, &ifr) < 0) {
            nuvReportSystemError(errno, "Cannot set interface MAC on '%s'", tap);
            goto out;
        }
    }
    if (bridge) {
        int mtu;

        memset(&ifr, 0, sizeof(ifr));
        if (qemuIfIoctl(s, SIOCGIFMTU, bridge, &ifr) < 0) {
            nuvReportSystemError(errno, "Cannot get interface MTU on '%s'", bridge);
            goto out;
        }
        mtu = ifr.ifr_mtu;
        memset(&ifr, 0, sizeof(ifr));
        ifr.ifr_mtu = mtu;
        if (qemuIfIoctl(s, SIOCSIFMTU, tap, &ifr) < 0) {
            nuvReportSystemError(errno, "Cannot set interface MTU on '%s'", tap);
            goto out;
        }
        memset(&ifr, 0, sizeof(ifr));
        if (qemuIfIoctl(s, SIOCGIFINDEX, tap, &ifr) < 0) {
            nuvReportSystemError(errno, "Unable to get index for interface %s", tap);
            goto out;
        }
        if (qemuIfIoctl(s, SIOCBRADDIF, bridge, &ifr) < 0) {
            nuvReportSystemError(errno, "Unable to add bridge %s port %s", bridge, tap);
            goto out;
        }
    }
    memset(&ifr, 0, sizeof(ifr));
    if (qemuIfIoctl(s, SIOCGIFFLAGS, tap, &ifr) < 0) {
        nuvReportSystemError(errno, "Cannot get interface flags on '%s'", tap);
        goto out;
    }
    ifr.ifr_flags |= IFF_UP;
    if (qemuIfIoctl(s, SIOCSIFFLAGS, tap, &ifr) < 0) {
        nuvReportSystemError(errno, "Cannot set interface flags on '%s'", tap);
        goto out;
    }
    ret = 0;
 out:
    close(s);
    return ret;
}

/* ---- a network's bridge, from the network driver ---- */

/* A connection of the driver's own that has only the host's network
 * driver (the shared table every qemu connection gets): no hypervisor
 * behind it, so opening and dropping it never touches a domain. */
static const nuvConnectDriver qemuNetworkOnly = { .name = "qemu-network" };

static virConnectPtr
qemuNetworkConnect(const char *network)
{
    virConnectPtr conn = nuvGetConnect();

    conn->composedDriver = nuvDriverCompose(&qemuNetworkOnly);
    if (!conn->composedDriver || !conn->composedDriver->network) {
        nuvReportError(VIR_ERR_NO_SUPPORT,
                       "no network driver to find the bridge of network '%s'", network);
        nuvHandleUnref(conn);
        return NULL;
    }
    conn->driver = conn->composedDriver;
    conn->uri = g_strdup("network:///");
    return conn;
}

/* The bridge of running network @name, as libvirt's QEMU driver asks its
 * network driver for it.  Handles are dropped with nuvHandleUnref: the
 * public Free calls would reset the error being reported. */
static char *
qemuNetworkBridge(virConnectPtr *conn, const char *name)
{
    virNetworkPtr net;
    char *bridge = NULL;
    int active;

    if (!*conn && !(*conn = qemuNetworkConnect(name)))
        return NULL;
    if (!(net = virNetworkLookupByName(*conn, name)))
        return NULL;
    if ((active = virNetworkIsActive(net)) == 0)
        nuvReportError(VIR_ERR_OPERATION_INVALID, "network '%s' is not active", name);
    else if (active > 0)
        bridge = virNetworkGetBridgeName(net);
    nuvHandleUnref(net);
    return bridge;
}

/* ---- every interface of a domain ---- */

/* The tap of one interface: -1 with an error, else its descriptor. */
static int
qemuInterfaceOpen(virConnectPtr *conn, nuvXNode *net)
{
    nuvDomainNetView v;
    g_autofree char *bridge = NULL;
    const char *want = "vnet%d";
    char name[IFNAMSIZ];
    bool managed = true;
    int fd;

    nuvDomainNetViewFill(&v, net);
    if (v.type == NUV_DOMAIN_NET_TYPE_NETWORK) {
        if (!(bridge = qemuNetworkBridge(conn, v.srcNetwork ? v.srcNetwork : "")))
            return -1;
    } else if (v.type == NUV_DOMAIN_NET_TYPE_BRIDGE) {
        bridge = g_strdup(v.srcBridge);
    }
    if (v.type == NUV_DOMAIN_NET_TYPE_ETHERNET && v.ifname && *v.ifname &&
        !g_str_has_prefix(v.ifname, "vnet")) {
        want = v.ifname;
        /* managed='no': the tap is the host's, set up as it is */
        managed = g_strcmp0(nuvXNodeGet(nuvXNodeChild(net, "target"), "managed"), "no") != 0;
    }
    if ((fd = qemuTapOpen(want, v.model, name)) < 0)
        return -1;
    if (managed && qemuTapSetUp(name, v.mac, bridge) < 0) {
        close(fd);
        return -1;
    }
    nuvXNodeSet(nuvXNodeEnsureChild(net, "target"), "dev", name);
    if (v.type == NUV_DOMAIN_NET_TYPE_NETWORK)
        nuvXNodeSet(nuvXNodeEnsureChild(net, "source"), "bridge", bridge);
    return fd;
}

int
qemuInterfacesOpen(nuvDomainDef *def, GArray **fds)
{
    g_autoptr(GPtrArray) nets = nuvDomainDefDevicesOf(def, "interface");
    virConnectPtr conn = NULL;
    GArray *out = g_array_new(FALSE, FALSE, sizeof(int));
    int ret = 0;

    for (guint i = 0; i < nets->len && ret == 0; i++) {
        nuvXNode *net = g_ptr_array_index(nets, i);
        int type = nuvXNodeGetEnum(net, "type");
        int fd = -1;

        if ((type == NUV_DOMAIN_NET_TYPE_NETWORK || type == NUV_DOMAIN_NET_TYPE_BRIDGE ||
             type == NUV_DOMAIN_NET_TYPE_ETHERNET) &&
            (fd = qemuInterfaceOpen(&conn, net)) < 0)
            ret = -1;
        g_array_append_val(out, fd);
    }
    if (conn)
        nuvHandleUnref(conn);
    if (ret < 0) {
        qemuInterfacesClose(out);
        return -1;
    }
    *fds = out;
    return 0;
}

void
qemuInterfacesClose(GArray *fds)
{
    if (!fds)
        return;
    for (guint i = 0; i < fds->len; i++) {
        if (g_array_index(fds, int, i) >= 0)
            close(g_array_index(fds, int, i));
    }
    g_array_free(fds, TRUE);
}
