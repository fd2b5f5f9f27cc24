/*
 * registry.c: the table of connection drivers, filled once at start-up.
 */
#include "driver/driver.h"
#include "util/error.h"

#define VIR_FROM_THIS VIR_FROM_NONE
#define NUV_MAX_DRIVERS 16

static const nuvConnectDriver *drivers[NUV_MAX_DRIVERS];
static size_t ndrivers;

int
nuvDriverRegister(const nuvConnectDriver *driver)
{
    if (ndrivers >= NUV_MAX_DRIVERS) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR, "too many drivers, cannot register '%s'",
                       driver->name);
        return -1;
    }
    drivers[ndrivers++] = driver;
    return 0;
}

size_t
nuvDriverCount(void)
{
    return ndrivers;
}

const nuvConnectDriver *
nuvDriverAt(size_t idx)
{
    return idx < ndrivers ? drivers[idx] : NULL;
}
