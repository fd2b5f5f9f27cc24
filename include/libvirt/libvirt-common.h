/*
 * libvirt-common.h: version macros, typed parameters and other pieces
 * shared by libvirt.h and libvirt-admin.h
 *
 * Part of nuvirt's public interface, which is source and binary compatible
 * with libvirt 9.0: names, values, types and layouts must not change.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#if !defined __VIR_LIBVIRT_H_INCLUDES__ && !defined __VIR_ADMIN_H_INCLUDES__
# error "libvirt-common.h is included by <libvirt/libvirt.h> and <libvirt/libvirt-admin.h> only"
#endif

#ifndef __VIR_VIRCOMMON_H__
# define __VIR_VIRCOMMON_H__

# include <sys/types.h>

# ifdef __cplusplus
extern "C" {
# endif

/* Marks a declaration that programs should stop using; a program may
 * define it to nothing beforehand to silence the warnings. */
# ifndef VIR_DEPRECATED
#  if defined(__GNUC__) && \
      (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))
#   define VIR_DEPRECATED __attribute__((__deprecated__))
#  else
#   define VIR_DEPRECATED
#  endif
# endif

/* How an exported variable is declared: on Windows the DLL boundary needs
 * spelling out, everywhere else it is a plain extern. */
# ifdef WIN32
#  ifdef LIBVIRT_STATIC
#   define VIR_EXPORT_VAR extern
#  elif defined(IN_LIBVIRT)
#   define VIR_EXPORT_VAR __declspec(dllexport) extern
#  else
#   define VIR_EXPORT_VAR __declspec(dllimport) extern
#  endif
# else
#  define VIR_EXPORT_VAR extern
# endif

/* ---- constants and helper macros ---- */

# define LIBVIR_VERSION_NUMBER 9000000
# define VIR_TYPED_PARAM_FIELD_LENGTH 80

# define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

/* ---- enumerations ---- */

/* virConnectCloseReason: since 0.10.0 */
typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR     = 0, /* since 0.10.0 */
    VIR_CONNECT_CLOSE_REASON_EOF       = 1, /* since 0.10.0 */
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2, /* since 0.10.0 */
    VIR_CONNECT_CLOSE_REASON_CLIENT    = 3, /* since 0.10.0 */

# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_CLOSE_REASON_LAST      = 4,
# endif
} virConnectCloseReason;

/* virTypedParameterFlags: since 0.9.8 */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 1 << 2, /* since 0.9.8 */
} virTypedParameterFlags;

/* virTypedParameterType: since 0.9.2 */
typedef enum {
    VIR_TYPED_PARAM_INT     = 1, /* since 0.9.2 */
    VIR_TYPED_PARAM_UINT    = 2, /* since 0.9.2 */
    VIR_TYPED_PARAM_LLONG   = 3, /* since 0.9.2 */
    VIR_TYPED_PARAM_ULLONG  = 4, /* since 0.9.2 */
    VIR_TYPED_PARAM_DOUBLE  = 5, /* since 0.9.2 */
    VIR_TYPED_PARAM_BOOLEAN = 6, /* since 0.9.2 */
    VIR_TYPED_PARAM_STRING  = 7, /* since 0.9.8 */

# ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST    = 8,
# endif
} virTypedParameterType;

/* ---- object and record types ---- */

typedef struct _virTypedParameter virTypedParameter; /* since 0.9.2 */

typedef virTypedParameter *virTypedParameterPtr;

/* ---- callback types ---- */

/* since 0.5.0 */
typedef void (*virFreeCallback)(void *opaque);

/* ---- record layouts (part of the ABI: never reorder) ---- */

struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type;
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;
    } value;
};

/* ---- functions ---- */

int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                             int *maxparams, const char *name, int value);
int virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, double value);
int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name, int type,
                                const char *value);
int virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams,
                           int *maxparams, const char *name, long long value);
int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            const char *value);
int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                                int *maxparams, const char *name,
                                const char **values);
int virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams,
                          int *maxparams, const char *name,
                          unsigned int value);
int virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name,
                            unsigned long long value);
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);
virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params,
                                       int nparams, const char *name);
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                             const char *name, int *value);
int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams,
                            const char *name, double *value);
int virTypedParamsGetInt(virTypedParameterPtr params, int nparams,
                         const char *name, int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams,
                           const char *name, long long *value);
int virTypedParamsGetString(virTypedParameterPtr params, int nparams,
                            const char *name, const char **value);
int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams,
                          const char *name, unsigned int *value);
int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams,
                            const char *name, unsigned long long *value);

# ifdef __cplusplus
}
# endif

#endif /* __VIR_VIRCOMMON_H__ */
