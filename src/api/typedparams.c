/*
 * typedparams.c: the public virTypedParams* functions.
 *
 * Thin gatekeepers over src/util/typedparam.c: reset the thread's error,
 * check the pointers, do the work there, dispatch the error on failure.
 *
 * Differences from libvirt 9.0, all on input where libvirt crashes or
 * misbehaves: NULL array/count pointers and NULL names are reported as
 * VIR_ERR_INVALID_ARG, a negative count is refused when adding and means
 * "empty" when reading, and virTypedParamsAddStringList with an empty list
 * succeeds (libvirt returns -1 without setting any error).
 */
#include "libvirt/libvirt.h"
#include "libvirt/virterror.h"
#include "util/error.h"
#include "util/typedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Provided by src/api/error.c; also part of libvirt's private ABI. */
void virDispatchError(virConnectPtr conn);

virTypedParameterPtr
virTypedParamsGet(virTypedParameterPtr params,
                  int nparams,
                  const char *name)
{
    /* Reports nothing, so like libvirt it leaves the last error alone. */
    return nuvTypedParamsFind(params, nparams, name);
}

/* Shared body of the virTypedParamsGet<Type> functions: 1 and *found
 * set, 0 when absent, -1 (dispatched) on a type mismatch. */
static int
getTyped(virTypedParameterPtr params, int nparams, const char *name,
         int type, virTypedParameterPtr *found)
{
    int ret;

    nuvErrorReset();
    ret = nuvTypedParamsLookup(params, nparams, name, type, found);
    if (ret < 0)
        virDispatchError(NULL);
    return ret;
}

int
virTypedParamsGetInt(virTypedParameterPtr params, int nparams,
                     const char *name, int *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_INT, &p);

    if (ret == 1 && value)
        *value = p->value.i;
    return ret;
}

int
virTypedParamsGetUInt(virTypedParameterPtr params, int nparams,
                      const char *name, unsigned int *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_UINT, &p);

    if (ret == 1 && value)
        *value = p->value.ui;
    return ret;
}

int
virTypedParamsGetLLong(virTypedParameterPtr params, int nparams,
                       const char *name, long long *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_LLONG, &p);

    if (ret == 1 && value)
        *value = p->value.l;
    return ret;
}

int
virTypedParamsGetULLong(virTypedParameterPtr params, int nparams,
                        const char *name, unsigned long long *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_ULLONG, &p);

    if (ret == 1 && value)
        *value = p->value.ul;
    return ret;
}

int
virTypedParamsGetDouble(virTypedParameterPtr params, int nparams,
                        const char *name, double *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_DOUBLE, &p);

    if (ret == 1 && value)
        *value = p->value.d;
    return ret;
}

int
virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams,
                         const char *name, int *value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_BOOLEAN, &p);

    if (ret == 1 && value)
        *value = p->value.b != 0;
    return ret;
}

int
virTypedParamsGetString(virTypedParameterPtr params, int nparams,
                        const char *name, const char **value)
{
    virTypedParameterPtr p = NULL;
    int ret = getTyped(params, nparams, name, VIR_TYPED_PARAM_STRING, &p);

    /* Borrowed: the string stays owned by @params. */
    if (ret == 1 && value)
        *value = p->value.s;
    return ret;
}


/* The argument checks every virTypedParamsAdd* function makes; @func is
 * the public name the message mentions.  Reports and returns false. */
static bool
checkAddArgs(virTypedParameterPtr *params, int *nparams, int *maxparams,
             const char *name, const char *func)
{
    const char *null = NULL;

    if (!params)
        null = "params";
    else if (!nparams)
        null = "nparams";
    else if (!maxparams)
        null = "maxparams";
    else if (!name)
        null = "name";
    if (null) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s in %s must not be NULL", null, func);
        return false;
    }
    if (*nparams < 0) {
        nuvReportError(VIR_ERR_INVALID_ARG, "%s in %s must be zero or greater",
                       "nparams", func);
        return false;
    }
    return true;
}

/* One body for the typed adders: the value travels through the variable
 * arguments with its promoted C type, as nuvTypedParamAssign expects. */
#define ADD_TYPED(type, value) \
    do { \
        nuvErrorReset(); \
        if (!checkAddArgs(params, nparams, maxparams, name, __func__) || \
            nuvTypedParamsAdd(params, nparams, maxparams, name, type, value) < 0) { \
            virDispatchError(NULL); \
            return -1; \
        } \
        return 0; \
    } while (0)

int
virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams,
                     int *maxparams, const char *name, int value)
{
    ADD_TYPED(VIR_TYPED_PARAM_INT, value);
}

int
virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams,
                      int *maxparams, const char *name, unsigned int value)
{
    ADD_TYPED(VIR_TYPED_PARAM_UINT, value);
}

int
virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams,
                       int *maxparams, const char *name, long long value)
{
    ADD_TYPED(VIR_TYPED_PARAM_LLONG, value);
}

int
virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, unsigned long long value)
{
    ADD_TYPED(VIR_TYPED_PARAM_ULLONG, value);
}

int
virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, double value)
{
    ADD_TYPED(VIR_TYPED_PARAM_DOUBLE, value);
}

int
virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams,
                         int *maxparams, const char *name, int value)
{
    ADD_TYPED(VIR_TYPED_PARAM_BOOLEAN, value);
}

int
virTypedParamsAddString(virTypedParameterPtr *params, int *nparams,
                        int *maxparams, const char *name, const char *value)
{
    ADD_TYPED(VIR_TYPED_PARAM_STRING, value);
}

int
virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, const char **values)
{
    /* No list is nothing to add.  Values added before a failure stay, as
     * in libvirt. */
    if (!values)
        return 0;

    nuvErrorReset();
    if (!checkAddArgs(params, nparams, maxparams, name, __func__))
        goto error;

    for (size_t i = 0; values[i]; i++) {
        if (nuvTypedParamsAdd(params, nparams, maxparams, name,
                              VIR_TYPED_PARAM_STRING, values[i]) < 0)
            goto error;
    }
    return 0;

 error:
    virDispatchError(NULL);
    return -1;
}

int
virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams,
                            int *maxparams, const char *name, int type,
                            const char *value)
{
    nuvErrorReset();
    if (!checkAddArgs(params, nparams, maxparams, name, __func__) ||
        nuvTypedParamsAddFromString(params, nparams, maxparams, name, type, value) < 0) {
        virDispatchError(NULL);
        return -1;
    }
    return 0;
}

void
virTypedParamsClear(virTypedParameterPtr params, int nparams)
{
    nuvTypedParamsClear(params, nparams);
}

void
virTypedParamsFree(virTypedParameterPtr params, int nparams)
{
    nuvTypedParamsFree(params, nparams);
}
