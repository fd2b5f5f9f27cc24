/*
 * drivers.c: the drivers built into this library, registered in order of
 * preference when the library initialises.
 */
#include "driver/driver.h"
#include "test/test_driver.h"
#include "remote/remote_driver.h"
#include "qemu/qemu_driver.h"
#include "lxc/lxc_driver.h"
#include "storage/storage_driver.h"
#include "secret/secret_driver.h"
#include "network/network_driver.h"
#include "nodedev/nodedev_driver.h"

int
nuvDriversInitialize(void)
{
    /* The host's secondary drivers before the hypervisor drivers that use
     * them: state drivers start in registration order. */
    if (storageRegister() < 0 || secretRegister() < 0 || networkRegister() < 0 ||
        nodedevRegister() < 0)
        return -1;
    if (testRegister() < 0 || qemuRegister() < 0 || lxcRegister() < 0)
        return -1;
    /* Last: it takes every URI with a transport or a host. */
    if (remoteRegister() < 0)
        return -1;
    return 0;
}
