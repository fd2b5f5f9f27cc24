/*
 * libvirt-secret.h: secrets (passphrases, keys) kept for guests
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef LIBVIRT_SECRET_H
# define LIBVIRT_SECRET_H

# ifndef __VIR_LIBVIRT_H_INCLUDES__
#  error "libvirt-secret.h is a part of libvirt.h: include <libvirt/libvirt.h>"
# endif

/* ---- constants and helper macros ---- */


# define VIR_SECRET_EVENT_CALLBACK(cb) \
    ((virConnectSecretEventGenericCallback)(cb))

/* ---- enumerations ---- */

/* virConnectListAllSecretsFlags: since 0.10.2 */
typedef enum {
    VIR_CONNECT_LIST_SECRETS_EPHEMERAL    = 1 << 0, /* since 0.10.2 */
    VIR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 1 << 1, /* since 0.10.2 */
    VIR_CONNECT_LIST_SECRETS_PRIVATE      = 1 << 2, /* since 0.10.2 */
    VIR_CONNECT_LIST_SECRETS_NO_PRIVATE   = 1 << 3, /* since 0.10.2 */
} virConnectListAllSecretsFlags;

/* virSecretDefineFlags: since 7.7.0 */
typedef enum {
    VIR_SECRET_DEFINE_VALIDATE = 1 << 0, /* since 7.7.0 */
} virSecretDefineFlags;

/* virSecretEventID: since 3.0.0 */
typedef enum {
    VIR_SECRET_EVENT_ID_LIFECYCLE     = 0, /* since 3.0.0 */
    VIR_SECRET_EVENT_ID_VALUE_CHANGED = 1, /* since 3.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_ID_LAST          = 2,
# endif
} virSecretEventID;

/* virSecretEventLifecycleType: since 3.0.0 */
typedef enum {
    VIR_SECRET_EVENT_DEFINED   = 0, /* since 3.0.0 */
    VIR_SECRET_EVENT_UNDEFINED = 1, /* since 3.0.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_EVENT_LAST      = 2,
# endif
} virSecretEventLifecycleType;

/* virSecretUsageType: since 0.7.1 */
typedef enum {
    VIR_SECRET_USAGE_TYPE_NONE   = 0, /* since 0.7.1 */
    VIR_SECRET_USAGE_TYPE_VOLUME = 1, /* since 0.7.1 */
    VIR_SECRET_USAGE_TYPE_CEPH   = 2, /* since 0.9.7 */
    VIR_SECRET_USAGE_TYPE_ISCSI  = 3, /* since 1.0.4 */
    VIR_SECRET_USAGE_TYPE_TLS    = 4, /* since 2.3.0 */
    VIR_SECRET_USAGE_TYPE_VTPM   = 5, /* since 5.6.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_SECRET_USAGE_TYPE_LAST   = 6,
# endif
} virSecretUsageType;

/* ---- object and record types ---- */

typedef struct _virSecret virSecret; /* since 0.7.1 */

typedef virSecret *virSecretPtr;

/* ---- callback types ---- */

/* since 3.0.0 */
typedef void (*virConnectSecretEventGenericCallback)(virConnectPtr conn,
                                                     virSecretPtr secret,
                                                     void *opaque);

/* since 3.0.0 */
typedef void (*virConnectSecretEventLifecycleCallback)(virConnectPtr conn,
                                                       virSecretPtr secret,
                                                       int event, int detail,
                                                       void *opaque);

/* ---- functions ---- */

int virConnectListAllSecrets(virConnectPtr conn, virSecretPtr **secrets,
                             unsigned int flags);
int virConnectListSecrets(virConnectPtr conn, char **uuids, int maxuuids);
int virConnectNumOfSecrets(virConnectPtr conn);
int virConnectSecretEventDeregisterAny(virConnectPtr conn, int callbackID);
int virConnectSecretEventRegisterAny(virConnectPtr conn, virSecretPtr secret,
                                     int eventID,
                                     virConnectSecretEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
virSecretPtr virSecretDefineXML(virConnectPtr conn, const char *xml,
                                unsigned int flags);
int virSecretFree(virSecretPtr secret);
virConnectPtr virSecretGetConnect(virSecretPtr secret);
int virSecretGetUUID(virSecretPtr secret, unsigned char *uuid);
int virSecretGetUUIDString(virSecretPtr secret, char *buf);
const char *virSecretGetUsageID(virSecretPtr secret);
int virSecretGetUsageType(virSecretPtr secret);
unsigned char *virSecretGetValue(virSecretPtr secret, size_t *value_size,
                                 unsigned int flags);
char *virSecretGetXMLDesc(virSecretPtr secret, unsigned int flags);
virSecretPtr virSecretLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virSecretPtr virSecretLookupByUUIDString(virConnectPtr conn,
                                         const char *uuidstr);
virSecretPtr virSecretLookupByUsage(virConnectPtr conn, int usageType,
                                    const char *usageID);
int virSecretRef(virSecretPtr secret);
int virSecretSetValue(virSecretPtr secret, const unsigned char *value,
                      size_t value_size, unsigned int flags);
int virSecretUndefine(virSecretPtr secret);

#endif /* LIBVIRT_SECRET_H */
