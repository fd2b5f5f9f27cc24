/*
 * nodedevhosttest.c: the host's node device driver through the public API
 * on qemu:///embed, in a network and mount namespace of its own with a
 * fresh sysfs, so the network interfaces it makes and removes (a veth pair)
 * are seen by the driver and by nothing else: a veth appears with
 * its XML, a CREATED event is delivered, it goes with a DELETED one; the
 * computer, PCI functions and disks come from the host's sysfs; detach
 * says VFIO is not driven.
 */
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <glib.h>

#include "../api/testlib.h"

static char *root;
static char *uri;
static GMutex evLock;
static GPtrArray *seen;         /* "created NAME" / "deleted NAME" */

static gpointer
loopThread(gpointer data G_GNUC_UNUSED)
{
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

static void
onLifecycle(virConnectPtr conn G_GNUC_UNUSED, virNodeDevicePtr dev, int event,
            int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    g_mutex_lock(&evLock);
    g_ptr_array_add(seen, g_strdup_printf("%s %s",
                                          event == VIR_NODE_DEVICE_EVENT_CREATED ? "created" :
                                          event == VIR_NODE_DEVICE_EVENT_DELETED ? "deleted" :
                                          "other", virNodeDeviceGetName(dev)));
    g_mutex_unlock(&evLock);
}

static bool
sawEvent(const char *what)
{
    for (int i = 0; i < 50; i++) {
        bool found = false;
        g_mutex_lock(&evLock);
        for (guint j = 0; j < seen->len && !found; j++)
            found = strcmp(g_ptr_array_index(seen, j), what) == 0;
        g_mutex_unlock(&evLock);
        if (found)
            return true;
        g_usleep(100000);
    }
    fprintf(stderr, "  no event '%s'\n", what);
    return false;
}

/* The name of the device whose XML holds @part, from a fresh listing
 * (the driver re-reads sysfs at most once a second). */
static char *
findDevice(virConnectPtr conn, const char *part)
{
    g_usleep(1100 * 1000);
    virNodeDevicePtr *devs = NULL;
    int n = virConnectListAllNodeDevices(conn, &devs, 0);
    char *found = NULL;

    for (int i = 0; i < n; i++) {
        char *xml = virNodeDeviceGetXMLDesc(devs[i], 0);
        if (!found && xml && strstr(xml, part))
            found = g_strdup(virNodeDeviceGetName(devs[i]));
        free(xml);
        virNodeDeviceFree(devs[i]);
    }
    free(devs);
    return found;
}

static int
testVethInterface(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    g_autofree char *name = NULL;
    g_autofree char *created = NULL;
    g_autofree char *deleted = NULL;
    virNodeDevicePtr dev;
    char *xml;
    int cb;

    CHECK(conn);
    CHECK((cb = virConnectNodeDeviceEventRegisterAny(conn, NULL,
                                                     VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                                     (virConnectNodeDeviceEventGenericCallback)
                                                     (void (*)(void)) onLifecycle,
                                                     NULL, NULL)) >= 0);
    CHECK(!findDevice(conn, "<interface>nuvveth0</interface>"));
    CHECK(system("ip link add nuvveth0 address 52:54:00:12:34:99 type veth peer name nuvveth1") == 0);
    CHECK((name = findDevice(conn, "<interface>nuvveth0</interface>")));
    CHECK(strcmp(name, "net_nuvveth0_52_54_00_12_34_99") == 0);
    CHECK((dev = virNodeDeviceLookupByName(conn, name)));
    CHECK((xml = virNodeDeviceGetXMLDesc(dev, 0)));
    CHECK(strstr(xml, "<address>52:54:00:12:34:99</address>") &&
          strstr(xml, "<parent>computer</parent>") && strstr(xml, "<link state='down'/>") &&
          strstr(xml, "<capability type='80203'/>"));
    free(xml);
    CHECK(strcmp(virNodeDeviceGetParent(dev), "computer") == 0);
    CHECK(virNodeDeviceNumOfCaps(dev) == 1);
    CHECK(virNodeDeviceIsActive(dev) == 1 && virNodeDeviceIsPersistent(dev) == 0);
    created = g_strdup_printf("created %s", name);
    CHECK(sawEvent(created));

    CHECK(system("ip link del nuvveth0") == 0);
    CHECK(!findDevice(conn, "<interface>nuvveth0</interface>"));
    deleted = g_strdup_printf("deleted %s", name);
    CHECK(sawEvent(deleted));
    CHECK(virNodeDeviceGetXMLDesc(dev, 0) == NULL);
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, name);
    virNodeDeviceFree(dev);
    CHECK(virConnectNodeDeviceEventDeregisterAny(conn, cb) == 0);
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

static int
testHostDevices(void)
{
    virConnectPtr conn = virConnectOpen(uri);
    virNodeDevicePtr dev;
    char *xml;
    int npci;

    CHECK(conn);
    CHECK((dev = virNodeDeviceLookupByName(conn, "computer")));
    CHECK((xml = virNodeDeviceGetXMLDesc(dev, 0)) && strstr(xml, "<capability type='system'>"));
    free(xml);
    CHECK(virNodeDeviceGetParent(dev) == NULL);
    CHECK_ERR(VIR_ERR_INTERNAL_ERROR, "no parent");
    virNodeDeviceFree(dev);
    npci = virNodeNumOfDevices(conn, "pci", 0);
    CHECK(npci == virConnectListAllNodeDevices(conn, NULL,
                                               VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV));
    if (npci > 0) {
        char *names[1] = { NULL };
        CHECK(virNodeListDevices(conn, "pci", names, 1, 0) == 1);
        CHECK((dev = virNodeDeviceLookupByName(conn, names[0])));
        CHECK(virNodeDeviceDettach(dev) < 0);
        CHECK_ERR(VIR_ERR_OPERATION_UNSUPPORTED, "VFIO");
        virNodeDeviceFree(dev);
        free(names[0]);
    } else {
        printf("SKIP pci devices: this host shows none\n");
    }
    CHECK(virConnectListAllNodeDevices(conn, NULL, VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE) == 0);
    CHECK(!virNodeDeviceLookupByName(conn, "pci_9999_99_99_9"));
    CHECK_ERR(VIR_ERR_NO_NODE_DEVICE, "pci_9999_99_99_9");
    CHECK(virConnectClose(conn) == 0);
    return 0;
}

int
main(void)
{
    static const testCase cases[] = {
        { "host-devices", testHostDevices },
        { "veth-interface", testVethInterface },
    };
    g_autofree char *ip = g_find_program_in_path("ip");
    g_autofree char *rmcmd = NULL;
    int ret;

    if (!ip || access("/usr/bin/qemu-system-x86_64", X_OK) != 0) {
        printf("SKIP: ip or qemu-system-x86_64 missing\n");
        return 77;
    }
    /* a sysfs of our own network namespace: the veth pair is seen by us only */
    if (geteuid() != 0 || unshare(CLONE_NEWNET | CLONE_NEWNS) < 0 ||
        mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("sysfs", "/sys", "sysfs", 0, NULL) < 0) {
        printf("SKIP: cannot make a network and mount namespace (%s)\n", strerror(errno));
        return 77;
    }
    seen = g_ptr_array_new_with_free_func(g_free);
    virEventRegisterDefaultImpl();
    g_thread_unref(g_thread_new("events", loopThread, NULL));
    root = g_dir_make_tmp("nodedevhost-XXXXXX", NULL);
    uri = g_strdup_printf("qemu:///embed?root=%s", root);
    ret = testRunAll(cases, G_N_ELEMENTS(cases));
    rmcmd = g_strdup_printf("rm -rf %s", root);
    (void) !system(rmcmd);
    return ret;
}
