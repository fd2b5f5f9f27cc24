/* Conversions every libvirtmod wrapper uses: capsules, strings, lists,
 * typed parameters. */
#include "libvirtmod.h"
#include <limits.h>
#include <stdarg.h>
#include <string.h>

int
nuvpyUnwrap(PyObject *obj, const char *type, void **out)
{
    if (obj == Py_None) {
        *out = NULL;
        return 0;
    }
    if (!PyCapsule_CheckExact(obj)) {
        PyErr_Format(PyExc_TypeError, "expected a %s capsule, got %s", type,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    *out = PyCapsule_GetPointer(obj, type);
    return *out ? 0 : -1;
}

PyObject *
nuvpyWrap(void *ptr, const char *type)
{
    if (ptr == NULL)
        Py_RETURN_NONE;
    /* The capsule's name must outlive it: the type names are literals. */
    return PyCapsule_New(ptr, type, NULL);
}

/* Release a handle a list could not hand to Python. */
static void
free_handle(void *ptr, const char *type)
{
    if (strcmp(type, "virDomainPtr") == 0) virDomainFree(ptr);
    else if (strcmp(type, "virNetworkPtr") == 0) virNetworkFree(ptr);
    else if (strcmp(type, "virNetworkPortPtr") == 0) virNetworkPortFree(ptr);
    else if (strcmp(type, "virStoragePoolPtr") == 0) virStoragePoolFree(ptr);
    else if (strcmp(type, "virStorageVolPtr") == 0) virStorageVolFree(ptr);
    else if (strcmp(type, "virInterfacePtr") == 0) virInterfaceFree(ptr);
    else if (strcmp(type, "virNodeDevicePtr") == 0) virNodeDeviceFree(ptr);
    else if (strcmp(type, "virSecretPtr") == 0) virSecretFree(ptr);
    else if (strcmp(type, "virNWFilterPtr") == 0) virNWFilterFree(ptr);
    else if (strcmp(type, "virNWFilterBindingPtr") == 0) virNWFilterBindingFree(ptr);
    else if (strcmp(type, "virDomainSnapshotPtr") == 0) virDomainSnapshotFree(ptr);
    else if (strcmp(type, "virDomainCheckpointPtr") == 0) virDomainCheckpointFree(ptr);
}

PyObject *
nuvpyWrapList(void **ptrs, int n, const char *type)
{
    PyObject *list = PyList_New(n);
    int i;

    for (i = 0; list && i < n; i++) {
        PyObject *cap = PyCapsule_New(ptrs[i], type, NULL);
        if (!cap) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, cap);
    }
    /* Handles not yet owned by a capsule would leak: release them. */
    if (!list) {
        for (; i < n; i++)
            if (ptrs[i])
                free_handle(ptrs[i], type);
    }
    g_free(ptrs);
    return list;
}

PyObject *
nuvpyString(const char *s, bool owned)
{
    PyObject *ret;

    if (s == NULL)
        Py_RETURN_NONE;
    ret = PyUnicode_FromString(s);
    if (owned)
        g_free((char *)s);
    return ret;
}

PyObject *
nuvpyStringList(char **strs, int n)
{
    PyObject *list = PyList_New(n);

    for (int i = 0; i < n; i++) {
        if (list) {
            PyObject *s = PyUnicode_FromString(strs[i] ? strs[i] : "");
            if (!s)
                Py_CLEAR(list);
            else
                PyList_SET_ITEM(list, i, s);
        }
        g_free(strs[i]);
    }
    g_free(strs);
    return list;
}

PyObject *
nuvpyTuple(int n, ...)
{
    PyObject *list = PyList_New(n);
    va_list ap;

    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        PyObject *item = va_arg(ap, PyObject *);
        if (!item || !list) {
            Py_XDECREF(item);
            Py_CLEAR(list);
            continue;
        }
        PyList_SET_ITEM(list, i, item);
    }
    va_end(ap);
    return list;
}

PyObject *
nuvpyFailed(const char *fail)
{
    if (strcmp(fail, "-1") == 0)
        return PyLong_FromLong(-1);
    if (strcmp(fail, "0") == 0)
        return PyLong_FromLong(0);
    Py_RETURN_NONE;
}

PyObject *
nuvpyTypedParamsToDict(virTypedParameterPtr params, int n, bool free_them)
{
    PyObject *dict = PyDict_New();

    for (int i = 0; dict && i < n; i++) {
        virTypedParameterPtr p = &params[i];
        PyObject *v = NULL;

        switch (p->type) {
        case VIR_TYPED_PARAM_INT: v = PyLong_FromLong(p->value.i); break;
        case VIR_TYPED_PARAM_UINT: v = PyLong_FromUnsignedLong(p->value.ui); break;
        case VIR_TYPED_PARAM_LLONG: v = PyLong_FromLongLong(p->value.l); break;
        case VIR_TYPED_PARAM_ULLONG: v = PyLong_FromUnsignedLongLong(p->value.ul); break;
        case VIR_TYPED_PARAM_DOUBLE: v = PyFloat_FromDouble(p->value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: v = PyBool_FromLong(p->value.b); break;
        case VIR_TYPED_PARAM_STRING:
            v = PyUnicode_FromString(p->value.s ? p->value.s : "");
            break;
        default:
            continue;
        }
        if (!v || PyDict_SetItemString(dict, p->field, v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    if (free_them)
        virTypedParamsFree(params, n);
    return dict;
}

int
nuvpyULongLong(PyObject *obj, unsigned long long *out)
{
    if (PyLong_Check(obj)) {
        long long v = PyLong_AsLongLong(obj);
        if (v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            *out = PyLong_AsUnsignedLongLong(obj);
            return PyErr_Occurred() ? -1 : 0;
        }
        if (v < 0) {
            PyErr_SetString(PyExc_OverflowError, "negative value for an unsigned field");
            return -1;
        }
        *out = v;
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "an integer is required, got %s", Py_TYPE(obj)->tp_name);
    return -1;
}

static int
fill_param(virTypedParameterPtr p, const char *key, int type, PyObject *v)
{
    unsigned long long ull;

    if (g_strlcpy(p->field, key, VIR_TYPED_PARAM_FIELD_LENGTH) >= VIR_TYPED_PARAM_FIELD_LENGTH) {
        PyErr_Format(PyExc_ValueError, "typed parameter name '%s' too long", key);
        return -1;
    }
    p->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT:
        p->value.i = (int)PyLong_AsLong(v);
        break;
    case VIR_TYPED_PARAM_UINT:
        if (nuvpyULongLong(v, &ull) < 0)
            return -1;
        p->value.ui = (unsigned int)ull;
        break;
    case VIR_TYPED_PARAM_LLONG:
        p->value.l = PyLong_AsLongLong(v);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        if (nuvpyULongLong(v, &ull) < 0)
            return -1;
        p->value.ul = ull;
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        p->value.d = PyFloat_AsDouble(v);
        break;
    case VIR_TYPED_PARAM_BOOLEAN: {
        int b = PyObject_IsTrue(v);
        if (b < 0)
            return -1;
        p->value.b = b;
        break;
    }
    case VIR_TYPED_PARAM_STRING: {
        const char *s = PyUnicode_AsUTF8(v);
        if (!s)
            return -1;
        p->value.s = g_strdup(s);
        break;
    }
    }
    return PyErr_Occurred() ? -1 : 0;
}

static int
guess_type(PyObject *v)
{
    if (PyBool_Check(v))
        return VIR_TYPED_PARAM_BOOLEAN;
    if (PyLong_Check(v))
        return VIR_TYPED_PARAM_ULLONG;
    if (PyFloat_Check(v))
        return VIR_TYPED_PARAM_DOUBLE;
    if (PyUnicode_Check(v))
        return VIR_TYPED_PARAM_STRING;
    return -1;
}

int
nuvpyDictToTypedParams(PyObject *dict, virTypedParameterPtr known, int nknown,
                       virTypedParameterPtr *out, int *nout)
{
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    virTypedParameterPtr params;
    int n = 0;

    /* None is no parameters (blockCopy's params=None, as in libvirt-python). */
    if (dict == Py_None) {
        *out = NULL;
        *nout = 0;
        return 0;
    }
    if (!PyDict_Check(dict)) {
        PyErr_Format(PyExc_TypeError, "typed parameters must be a dict, got %s",
                     Py_TYPE(dict)->tp_name);
        return -1;
    }
    params = g_new0(virTypedParameter, PyDict_Size(dict) ? PyDict_Size(dict) : 1);
    while (PyDict_Next(dict, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int type = -1;

        if (!name) {
            PyErr_SetString(PyExc_TypeError, "typed parameter names must be str");
            goto error;
        }
        if (known) {
            for (int i = 0; i < nknown; i++)
                if (strcmp(known[i].field, name) == 0)
                    type = known[i].type;
            if (type < 0) {
                /* libvirt-python refuses fields the driver does not report. */
                PyErr_Format(PyExc_LookupError, "Attribute name \"%s\" could not be recognized", name);
                goto error;
            }
        } else if ((type = guess_type(value)) < 0) {
            PyErr_Format(PyExc_TypeError, "unsupported value type %s for '%s'",
                         Py_TYPE(value)->tp_name, name);
            goto error;
        }
        if (fill_param(&params[n++], name, type, value) < 0)
            goto error;
    }
    *out = params;
    *nout = n;
    return 0;

 error:
    virTypedParamsFree(params, n);
    return -1;
}

PyObject *
nuvpyModuleAttr(const char *name)
{
    PyObject *mod = PyImport_ImportModule("libvirt");
    PyObject *attr;

    if (!mod)
        return NULL;
    attr = PyObject_GetAttrString(mod, name);
    Py_DECREF(mod);
    return attr;
}

void
nuvpyReportCallbackError(void)
{
    /* A callback that raises must not stop the loop that called it. */
    if (PyErr_Occurred())
        PyErr_Print();
}

/* ---- sequences into C arrays ---- */

static PyObject *
as_fast(PyObject *seq, const char *what)
{
    if (!PyList_Check(seq) && !PyTuple_Check(seq)) {
        PyErr_Format(PyExc_TypeError, "%s must be a list or tuple, got %s", what,
                     Py_TYPE(seq)->tp_name);
        return NULL;
    }
    return PySequence_Fast(seq, what);
}

int
nuvpyStrings(PyObject *seq, bool none_ok, const char ***out, unsigned int *n)
{
    PyObject *fast;
    Py_ssize_t len;

    *out = NULL;
    *n = 0;
    if (seq == Py_None && none_ok)
        return 0;
    if (!(fast = as_fast(seq, "a list of strings")))
        return -1;
    len = PySequence_Fast_GET_SIZE(fast);
    *out = g_new0(const char *, len + 1);
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *it = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyUnicode_Check(it)) {
            PyErr_Format(PyExc_TypeError, "list items must be str, got %s", Py_TYPE(it)->tp_name);
            goto error;
        }
        if (!((*out)[i] = PyUnicode_AsUTF8(it)))
            goto error;
    }
    *n = len;
    Py_DECREF(fast);
    return 0;

 error:
    Py_DECREF(fast);
    g_clear_pointer(out, g_free);
    return -1;
}

static int
ints_of(PyObject *seq, void **out, unsigned int *n, bool is_unsigned)
{
    PyObject *fast;
    Py_ssize_t len;

    *out = NULL;
    *n = 0;
    if (!(fast = as_fast(seq, "a list of integers")))
        return -1;
    len = PySequence_Fast_GET_SIZE(fast);
    *out = g_new0(int, len ? len : 1);
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *it = PySequence_Fast_GET_ITEM(fast, i);
        long v;
        if (!PyLong_Check(it)) {
            PyErr_Format(PyExc_TypeError, "list items must be int, got %s", Py_TYPE(it)->tp_name);
            goto error;
        }
        v = PyLong_AsLong(it);
        if (PyErr_Occurred())
            goto error;
        if (is_unsigned ? (v < 0 || v > (long)UINT_MAX) : (v < INT_MIN || v > INT_MAX)) {
            PyErr_Format(PyExc_OverflowError, "value %ld out of range", v);
            goto error;
        }
        if (is_unsigned)
            ((unsigned int *)*out)[i] = (unsigned int)v;
        else
            ((int *)*out)[i] = (int)v;
    }
    *n = len;
    Py_DECREF(fast);
    return 0;

 error:
    Py_DECREF(fast);
    g_clear_pointer(out, g_free);
    return -1;
}

int
nuvpyInts(PyObject *seq, int **out, unsigned int *n)
{
    return ints_of(seq, (void **)out, n, false);
}

int
nuvpyUInts(PyObject *seq, unsigned int **out, unsigned int *n)
{
    return ints_of(seq, (void **)out, n, true);
}

int
nuvpyHostCPUs(virConnectPtr conn)
{
    int n;

    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetCPUMap(conn, NULL, NULL, 0);
    Py_END_ALLOW_THREADS
    return n;
}

unsigned char *
nuvpyCpumap(PyObject *seq, int ncpus, int *maplen)
{
    PyObject *fast;
    unsigned char *map;
    Py_ssize_t len;

    if (!PyTuple_Check(seq)) {
        PyErr_Format(PyExc_TypeError, "cpumap must be a tuple of bools, got %s",
                     Py_TYPE(seq)->tp_name);
        return NULL;
    }
    if (!(fast = PySequence_Fast(seq, "cpumap")))
        return NULL;
    len = PySequence_Fast_GET_SIZE(fast);
    /* Entries past the host's CPUs are ignored, missing ones are unset. */
    *maplen = VIR_CPU_MAPLEN(ncpus);
    map = g_new0(unsigned char, *maplen);
    for (Py_ssize_t i = 0; i < len && i < ncpus; i++) {
        PyObject *it = PySequence_Fast_GET_ITEM(fast, i);
        int b;
        if (!PyBool_Check(it)) {
            PyErr_SetString(PyExc_TypeError, "cpumap must contain bools");
            goto error;
        }
        if ((b = PyObject_IsTrue(it)) < 0)
            goto error;
        if (b)
            VIR_USE_CPU(map, i);
    }
    Py_DECREF(fast);
    return map;

 error:
    Py_DECREF(fast);
    g_free(map);
    return NULL;
}

PyObject *
nuvpyIntList(int *vals, int n)
{
    PyObject *list = PyList_New(n);

    for (int i = 0; list && i < n; i++) {
        PyObject *v = PyLong_FromLong(vals[i]);
        if (!v)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, v);
    }
    g_free(vals);
    return list;
}

void
nuvpyReleaseCbData(void *opaque)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    Py_XDECREF((PyObject *)opaque);
    PyGILState_Release(gil);
}

/* A cpumap as python3-libvirt gives it: one bool per host CPU. */
PyObject *
nuvpyCpumapBools(const unsigned char *map, int maplen, int ncpus, bool as_tuple)
{
    PyObject *seq = as_tuple ? PyTuple_New(ncpus) : PyList_New(ncpus);

    for (int c = 0; seq && c < ncpus; c++) {
        PyObject *b = PyBool_FromLong(c / 8 < maplen && VIR_CPU_USED(map, c));
        if (as_tuple)
            PyTuple_SET_ITEM(seq, c, b);
        else
            PyList_SET_ITEM(seq, c, b);
    }
    return seq;
}
