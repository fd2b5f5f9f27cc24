/*
 * nuvsh-lookup.c: find the object a command names, the way virsh does:
 * the same order of attempts (id, UUID, name, ...) and the same messages
 * when nothing matches
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "nuvsh.h"


static bool
nuvshLooksLikeUUID(const char *str)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    const char *p;
    int digits = 0;

    /* hex digits with optional dashes, 32 of them: what the library accepts */
    for (p = str; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        if (!g_ascii_isxdigit(*p))
            return false;
        digits++;
    }
    (void) uuid;
    return digits == VIR_UUID_BUFLEN * 2;
}


virDomainPtr
nuvshCommandOptDomainBy(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        const char *optname,
                        const char **name,
                        unsigned int flags)
{
    const char *str = NULL;
    virDomainPtr dom = NULL;
    gint64 id;

    if (nuvshCommandOptStringReq(ctl, cmd, optname, &str) < 0 || !str)
        return NULL;
    if (name)
        *name = str;

    if ((flags & NUVSH_BYID) &&
        g_ascii_string_to_signed(str, 10, 0, G_MAXINT, &id, NULL))
        dom = virDomainLookupByID(ctl->conn, id);

    if (!dom && (flags & NUVSH_BYUUID) && strlen(str) == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(ctl->conn, str);

    if (!dom && (flags & NUVSH_BYNAME))
        dom = virDomainLookupByName(ctl->conn, str);

    /* Which of the attempts failed last is of no interest to the user:
     * our own message says it all. */
    nuvshResetLibvirtError(ctl);
    if (!dom)
        nuvshError(ctl, "failed to get domain '%s'", str);

    return dom;
}


virDomainPtr
nuvshCommandOptDomain(nuvshControl *ctl,
                      const nuvshCmd *cmd,
                      const char **name,
                      unsigned int flags)
{
    return nuvshCommandOptDomainBy(ctl, cmd, "domain", name, flags);
}


virNetworkPtr
nuvshCommandOptNetwork(nuvshControl *ctl,
                       const nuvshCmd *cmd,
                       const char *optname,
                       const char **name)
{
    const char *str = NULL;
    virNetworkPtr net = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "network", &str) < 0 || !str)
        return NULL;
    if (name)
        *name = str;

    if (strlen(str) == VIR_UUID_STRING_BUFLEN - 1)
        net = virNetworkLookupByUUIDString(ctl->conn, str);
    if (!net)
        net = virNetworkLookupByName(ctl->conn, str);
    if (!net) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "failed to get network '%s'", str);
    }
    return net;
}


virStoragePoolPtr
nuvshCommandOptPool(nuvshControl *ctl,
                    const nuvshCmd *cmd,
                    const char *optname,
                    const char **name)
{
    const char *str = NULL;
    virStoragePoolPtr pool = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "pool", &str) < 0 || !str)
        return NULL;
    if (name)
        *name = str;

    if (strlen(str) == VIR_UUID_STRING_BUFLEN - 1)
        pool = virStoragePoolLookupByUUIDString(ctl->conn, str);
    if (!pool)
        pool = virStoragePoolLookupByName(ctl->conn, str);
    if (!pool) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "failed to get pool '%s'", str);
    }
    return pool;
}


/* A volume by name inside the pool @pooloptname names, else by key, else
 * by path. */
virStorageVolPtr
nuvshCommandOptVol(nuvshControl *ctl,
                   const nuvshCmd *cmd,
                   const char *optname,
                   const char *pooloptname,
                   const char **name)
{
    g_autoptr(nuvshPool) pool = NULL;
    const char *str = NULL;
    const char *poolstr = NULL;
    virStorageVolPtr vol = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname, &str) < 0 || !str)
        return NULL;
    if (pooloptname &&
        nuvshCommandOptStringReq(ctl, cmd, pooloptname, &poolstr) < 0)
        return NULL;
    if (name)
        *name = str;

    if (poolstr && !(pool = nuvshCommandOptPool(ctl, cmd, pooloptname, NULL)))
        return NULL;

    if (pool)
        vol = virStorageVolLookupByName(pool, str);
    if (!vol)
        vol = virStorageVolLookupByKey(ctl->conn, str);
    if (!vol)
        vol = virStorageVolLookupByPath(ctl->conn, str);

    if (!vol) {
        nuvshSaveLibvirtError(ctl);
        if (pool || !pooloptname)
            nuvshError(ctl, "failed to get vol '%s'", str);
        else
            nuvshError(ctl, "failed to get vol '%s', specifying --%s might help",
                       str, pooloptname);
        return NULL;
    }

    if (pool) {
        g_autoptr(nuvshPool) volpool = virStoragePoolLookupByVolume(vol);

        if (volpool && !g_str_equal(virStoragePoolGetName(volpool),
                                    virStoragePoolGetName(pool))) {
            nuvshResetLibvirtError(ctl);
            nuvshError(ctl, "Requested volume '%s' is not in pool '%s'",
                       str, virStoragePoolGetName(pool));
            virStorageVolFree(vol);
            return NULL;
        }
    }
    return vol;
}


virInterfacePtr
nuvshCommandOptInterface(nuvshControl *ctl,
                         const nuvshCmd *cmd,
                         const char *optname,
                         const char **name)
{
    const char *str = NULL;
    virInterfacePtr iface = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "interface", &str) < 0 ||
        !str)
        return NULL;
    if (name)
        *name = str;

    iface = virInterfaceLookupByName(ctl->conn, str);
    if (!iface && strchr(str, ':')) {
        nuvshSaveLibvirtError(ctl);
        iface = virInterfaceLookupByMACString(ctl->conn, str);
    }
    if (!iface) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "failed to get interface '%s'", str);
    }
    return iface;
}


virSecretPtr
nuvshCommandOptSecret(nuvshControl *ctl,
                      const nuvshCmd *cmd,
                      const char **name)
{
    const char *str = NULL;
    virSecretPtr secret;

    if (nuvshCommandOptStringReq(ctl, cmd, "secret", &str) < 0 || !str)
        return NULL;
    if (name)
        *name = str;

    if (!(secret = virSecretLookupByUUIDString(ctl->conn, str))) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "failed to get secret '%s'", str);
    }
    return secret;
}


virNodeDevicePtr
nuvshCommandOptNodeDevice(nuvshControl *ctl,
                          const nuvshCmd *cmd,
                          const char *optname)
{
    const char *str = NULL;
    virNodeDevicePtr dev = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "device", &str) < 0 ||
        !str)
        return NULL;

    /* "WWNN,WWPN" names a SCSI host by its fibre channel names */
    if (strchr(str, ',')) {
        g_auto(GStrv) wwns = g_strsplit(str, ",", 0);

        if (g_strv_length(wwns) != 2) {
            nuvshError(ctl, "Malformed device value '%s'", str);
            return NULL;
        }
        dev = virNodeDeviceLookupSCSIHostByWWN(ctl->conn, wwns[0], wwns[1], 0);
    } else {
        dev = virNodeDeviceLookupByName(ctl->conn, str);
    }
    if (!dev) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "Could not find matching device '%s'", str);
    }
    return dev;
}


virNWFilterPtr
nuvshCommandOptNWFilter(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        const char **name)
{
    const char *str = NULL;
    virNWFilterPtr filter = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, "nwfilter", &str) < 0 || !str)
        return NULL;
    if (name)
        *name = str;

    if (nuvshLooksLikeUUID(str))
        filter = virNWFilterLookupByUUIDString(ctl->conn, str);
    if (!filter)
        filter = virNWFilterLookupByName(ctl->conn, str);
    if (!filter) {
        nuvshSaveLibvirtError(ctl);
        nuvshError(ctl, "failed to get nwfilter '%s'", str);
    }
    return filter;
}


virDomainSnapshotPtr
nuvshCommandOptSnapshot(nuvshControl *ctl,
                        const nuvshCmd *cmd,
                        virDomainPtr dom,
                        const char *optname)
{
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "snapshotname", &str) < 0 ||
        !str)
        return NULL;
    return virDomainSnapshotLookupByName(dom, str, 0);
}


virDomainCheckpointPtr
nuvshCommandOptCheckpoint(nuvshControl *ctl,
                          const nuvshCmd *cmd,
                          virDomainPtr dom,
                          const char *optname)
{
    const char *str = NULL;

    if (nuvshCommandOptStringReq(ctl, cmd, optname ? optname : "checkpointname", &str) < 0 ||
        !str)
        return NULL;
    return virDomainCheckpointLookupByName(dom, str, 0);
}
