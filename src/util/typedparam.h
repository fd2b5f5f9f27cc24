/*
 * typedparam.h: helpers for arrays of virTypedParameter.
 *
 * The public virTypedParams* functions (src/api/typedparams.c) are thin
 * wrappers over these; drivers use the rest directly: validating what a
 * caller passed in, and building result arrays with nuvTypedParamList.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "libvirt/libvirt.h"

/* One past the last real type (libvirt's VIR_TYPED_PARAM_LAST is only
 * visible with VIR_ENUM_SENTINELS). */
#define NUV_TYPED_PARAM_LAST (VIR_TYPED_PARAM_STRING + 1)

/* Bit OR'ed into a type given to nuvTypedParamsValidate: the parameter may
 * appear more than once.  Same value as libvirt's internal flag, so a
 * validation list reads the same in both code bases. */
#define NUV_TYPED_PARAM_MULTIPLE (1U << 31)

/* Pseudo-type for nuvTypedParamsValidate: accept either UINT or ULLONG
 * (read it back with nuvTypedParamsGetUnsigned).  Outside the range of
 * real types so it can never collide with one. */
#define NUV_TYPED_PARAM_UNSIGNED 0x100

/* "int", "uint", ... "string"; "unknown" for 0; NULL for anything else. */
const char *nuvTypedParamTypeToString(int type);
/* The reverse; -1 when @name is not a type name. */
int nuvTypedParamTypeFromString(const char *name);

/* The first parameter called @name, or NULL (never reports an error). */
virTypedParameterPtr nuvTypedParamsFind(virTypedParameterPtr params,
                                        int nparams,
                                        const char *name);

/* Find @name and check it has @type.  Returns 1 and sets *found, 0 when
 * absent, -1 with an error when the type differs. */
int nuvTypedParamsLookup(virTypedParameterPtr params,
                         int nparams,
                         const char *name,
                         int type,
                         virTypedParameterPtr *found);

/* Value of @name when it is a UINT or ULLONG: 1 found, 0 absent, -1 (with
 * an error) for any other type. */
int nuvTypedParamsGetUnsigned(virTypedParameterPtr params,
                              int nparams,
                              const char *name,
                              unsigned long long *value);

/* Set name, type and value of one parameter.  The value is passed as the
 * C type that matches @type (int for BOOLEAN; const char * for STRING,
 * which is copied, NULL giving "").  -1 with an error for a name of
 * VIR_TYPED_PARAM_FIELD_LENGTH bytes or more, or an unknown type. */
int nuvTypedParamAssign(virTypedParameterPtr param,
                        const char *name,
                        int type,
                        ...);
int nuvTypedParamAssignVa(virTypedParameterPtr param,
                          const char *name,
                          int type,
                          va_list ap);

/* Same, the value given as text ("42", "true", "1.5", ...). */
int nuvTypedParamAssignFromString(virTypedParameterPtr param,
                                  const char *name,
                                  int type,
                                  const char *value);

/* Make room for one more element at (*params)[*nparams], growing *params
 * and *maxparams the way libvirt does.  The new slot is zeroed. */
void nuvTypedParamsReserve(virTypedParameterPtr *params,
                           int nparams,
                           int *maxparams);

/* Append one parameter (value as for nuvTypedParamAssign).  Duplicates
 * are allowed, as in libvirt.  On failure *nparams is unchanged. */
int nuvTypedParamsAdd(virTypedParameterPtr *params,
                      int *nparams,
                      int *maxparams,
                      const char *name,
                      int type,
                      ...);
int nuvTypedParamsAddFromString(virTypedParameterPtr *params,
                                int *nparams,
                                int *maxparams,
                                const char *name,
                                int type,
                                const char *value);

/* Set the string parameter @name to a copy of @value, adding it when
 * absent.  -1 when @name exists with another type. */
int nuvTypedParamsReplaceString(virTypedParameterPtr *params,
                                int *nparams,
                                const char *name,
                                const char *value);

/* Free the strings of @params (Clear), and the array too (Free). */
void nuvTypedParamsClear(virTypedParameterPtr params, int nparams);
void nuvTypedParamsFree(virTypedParameterPtr params, int nparams);

/* Deep copy; *dst is NULL when @src is NULL or @nparams <= 0. */
void nuvTypedParamsCopy(virTypedParameterPtr *dst,
                        virTypedParameterPtr src,
                        int nparams);

/* Check that @params holds only the names listed, each with its type and
 * at most once unless NUV_TYPED_PARAM_MULTIPLE is set.  The variable
 * arguments are (const char *name, int type) pairs ended by NULL.
 * Errors (libvirt's): VIR_ERR_ARGUMENT_UNSUPPORTED for an unknown name,
 * VIR_ERR_INVALID_ARG for a wrong type or a repeated name. */
int nuvTypedParamsValidate(virTypedParameterPtr params, int nparams, ...)
    G_GNUC_NULL_TERMINATED;

/* True when every parameter's name is one of @names. */
bool nuvTypedParamsCheck(virTypedParameterPtr params,
                         int nparams,
                         const char **names,
                         int nnames);

/* Every string parameter called @name, in order, as a NULL-terminated
 * array borrowing the strings from @params (free only the array).
 * Returns the count; *values is NULL when there is none. */
int nuvTypedParamsGetStringList(virTypedParameterPtr params,
                                int nparams,
                                const char *name,
                                const char ***values);

/* The value as text ("%d", "%u", "%lld", "%llu", "%g", 0/1, the string);
 * NULL with an error for an unknown type. */
char *nuvTypedParamToString(const virTypedParameter *param);


/* A growable array for building results (domain stats, job info, ...).
 * Adding never fails: a name that does not fit is remembered and reported
 * once, by nuvTypedParamListSteal / nuvTypedParamListFetch, so callers
 * can add many values without checking each. */
typedef struct _nuvTypedParamList nuvTypedParamList;

nuvTypedParamList *nuvTypedParamListNew(void);
void nuvTypedParamListFree(nuvTypedParamList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(nuvTypedParamList, nuvTypedParamListFree);

/* Take over an existing array (and NULL the caller's pointer). */
nuvTypedParamList *nuvTypedParamListFromParams(virTypedParameterPtr *params,
                                               size_t nparams);

void nuvTypedParamListAddInt(nuvTypedParamList *list, int value,
                             const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
void nuvTypedParamListAddUInt(nuvTypedParamList *list, unsigned int value,
                              const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
void nuvTypedParamListAddLLong(nuvTypedParamList *list, long long value,
                               const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
void nuvTypedParamListAddULLong(nuvTypedParamList *list, unsigned long long value,
                                const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
/* UINT when @value fits in 32 bits, else ULLONG. */
void nuvTypedParamListAddUnsigned(nuvTypedParamList *list, unsigned long long value,
                                  const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
void nuvTypedParamListAddDouble(nuvTypedParamList *list, double value,
                                const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
void nuvTypedParamListAddBoolean(nuvTypedParamList *list, bool value,
                                 const char *namefmt, ...) G_GNUC_PRINTF(3, 4);
/* @value is copied; NULL gives "". */
void nuvTypedParamListAddString(nuvTypedParamList *list, const char *value,
                                const char *namefmt, ...) G_GNUC_PRINTF(3, 4);

/* Move every element of *from to the end of @to; frees *from and NULLs it. */
void nuvTypedParamListConcat(nuvTypedParamList *to, nuvTypedParamList **from);

size_t nuvTypedParamListCount(const nuvTypedParamList *list);

/* Borrow the array (still owned by @list).  -1 with an error when a name
 * was too long. */
int nuvTypedParamListFetch(nuvTypedParamList *list,
                           virTypedParameterPtr *params,
                           size_t *nparams);

/* The convention of virDomainBlockStatsFlags and its kind: with
 * *@nparams 0, store how many values there are; otherwise copy the first
 * that fit into @params and store how many.  Numbers only (a string
 * would be shared with @list). */
int nuvTypedParamListCopyOut(nuvTypedParamList *list, virTypedParameterPtr params,
                             int *nparams);

/* Hand the array over to the caller (free it with nuvTypedParamsFree);
 * the list is left empty.  -1 with an error when a name was too long. */
int nuvTypedParamListSteal(nuvTypedParamList *list,
                           virTypedParameterPtr *params,
                           int *nparams);
