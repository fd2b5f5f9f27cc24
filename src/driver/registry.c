/*
 * registry.c: the connection drivers and the shared secondary drivers,
 * registered once at start-up, and the composition of the two for a
 * connection.
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

/* ---- shared secondary drivers ---- */

/* One per kind; read without a lock once registration (at library
 * initialisation, before any connection) is over. */
static nuvSecondaryDriver shared;

/* The kinds a registration sets, counted; the slot a kind goes to. */
#define SECONDARY_KINDS(X) \
    X(network) X(storage) X(secret) X(iface) X(nodedev) X(nwfilter)

int
nuvSecondaryDriverRegister(const nuvSecondaryDriver *drv)
{
    int kinds = 0;

#define COUNT(k) kinds += drv->k != NULL;
    SECONDARY_KINDS(COUNT)
#undef COUNT
    if (kinds != 1) {
        nuvReportError(VIR_ERR_INTERNAL_ERROR,
                       "secondary driver '%s' must provide exactly one table", drv->name);
        return -1;
    }
#define SET(k) \
    if (drv->k) { \
        if (shared.k) { \
            nuvReportError(VIR_ERR_INTERNAL_ERROR, \
                           "a shared %s driver is already registered, cannot register '%s'", \
                           #k, drv->name); \
            return -1; \
        } \
        shared.k = drv->k; \
    }
    SECONDARY_KINDS(SET)
#undef SET
    return 0;
}

nuvConnectDriver *
nuvDriverCompose(const nuvConnectDriver *hv)
{
    nuvConnectDriver *out;
    bool fills = false;

#define NEEDS(k) fills |= !hv->k && shared.k;
    SECONDARY_KINDS(NEEDS)
#undef NEEDS
    if (!fills)
        return NULL;
    out = g_new(nuvConnectDriver, 1);
    *out = *hv;
#define FILL(k) \
    if (!out->k) \
        out->k = shared.k;
    SECONDARY_KINDS(FILL)
#undef FILL
    return out;
}
