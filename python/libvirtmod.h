/* libvirtmod: what the generated wrappers (python/gen-python.py) and the
 * hand-written overrides (python/override-*.c) share. */
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdbool.h>
#include <string.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Handles travel as PyCapsules named after their C type ("virDomainPtr"),
 * as in python3-libvirt: the Python objects keep them in ._o.  None is NULL. */
int nuvpyUnwrap(PyObject *obj, const char *type, void **out);
PyObject *nuvpyWrap(void *ptr, const char *type);
/* A list of capsules for @n handles; takes over the array and its elements. */
PyObject *nuvpyWrapList(void **ptrs, int n, const char *type);

/* str (None for NULL); frees @s when @owned. */
PyObject *nuvpyString(const char *s, bool owned);
/* A list of str; takes over the array and its strings. */
PyObject *nuvpyStringList(char **strs, int n);
/* A list of the @n new references given (NULLs make the whole call fail). */
PyObject *nuvpyTuple(int n, ...);
/* What a failed call returns to the Python method, by its record's fail=. */
PyObject *nuvpyFailed(const char *fail);

/* Typed parameters <-> dict.  @known gives the field types (from the
 * matching Get call); without it, types follow the Python values. */
PyObject *nuvpyTypedParamsToDict(virTypedParameterPtr params, int n, bool free_them);
int nuvpyDictToTypedParams(PyObject *dict, virTypedParameterPtr known, int nknown,
                           virTypedParameterPtr *out, int *nout);

/* Numbers from Python with libvirt-python's checks. */
int nuvpyULongLong(PyObject *obj, unsigned long long *out);

/* Module setup of the hand-written parts (errors, event loop). */
int nuvpyModuleInit(PyObject *module);

/* Calling back into Python from a libvirt thread. */
PyObject *nuvpyModuleAttr(const char *name);
void nuvpyReportCallbackError(void);

/* Events (override-events.c; the trampolines are generated). */
typedef virConnectDomainEventGenericCallback nuvpyEventTrampoline;
extern const nuvpyEventTrampoline nuvpy_domain_event_trampolines[];
extern const int nuvpy_domain_event_ntrampolines;
extern const nuvpyEventTrampoline nuvpy_network_event_trampolines[];
extern const int nuvpy_network_event_ntrampolines;
extern const nuvpyEventTrampoline nuvpy_storage_pool_event_trampolines[];
extern const int nuvpy_storage_pool_event_ntrampolines;
extern const nuvpyEventTrampoline nuvpy_node_device_event_trampolines[];
extern const int nuvpy_node_device_event_ntrampolines;
extern const nuvpyEventTrampoline nuvpy_secret_event_trampolines[];
extern const int nuvpy_secret_event_ntrampolines;
/* A wrapper owning a new reference to an object an event lends. */
PyObject *nuvpyWrapRef(void *ptr, const char *type);
/* conn.<method>(*args, cbData); steals @args; GIL held. */
void nuvpyDispatch(PyObject *cbdata, const char *method, PyObject *args);
PyObject *nuvpyGraphicsAddress(const virDomainEventGraphicsAddress *addr);
PyObject *nuvpyGraphicsSubject(const virDomainEventGraphicsSubject *subject);

/* Python sequences into C arrays for the calls that take them.  Strings
 * are borrowed from the sequence's items: keep @seq alive while using them.
 * None gives NULL/0 when @none_ok.  The arrays are freed with g_free. */
int nuvpyStrings(PyObject *seq, bool none_ok, const char ***out, unsigned int *n);
int nuvpyInts(PyObject *seq, int **out, unsigned int *n);
int nuvpyUInts(PyObject *seq, unsigned int **out, unsigned int *n);
/* A cpumap from a tuple of bools, as wide as the host's @ncpus. */
unsigned char *nuvpyCpumap(PyObject *seq, int ncpus, int *maplen);
/* Number of the host's CPUs, for cpumap widths (-1 on error). */
int nuvpyHostCPUs(virConnectPtr conn);

#define NUVPY_UNWRAP(obj, type, var) \
    if (nuvpyUnwrap(obj, type, (void **)&(var)) < 0) \
        return NULL
#define NUVPY_CALL(expr) do { Py_BEGIN_ALLOW_THREADS expr; Py_END_ALLOW_THREADS } while (0)
/* A list of int; takes over (g_free) the array. */
PyObject *nuvpyIntList(int *vals, int n);
/* The head of most overrides: parse "(O<fmt>)" and unwrap the first
 * argument, a @type capsule, into @obj. */
#define NUVPY_PARSE(fmt, type, obj, ...) \
    PyObject *py_obj; \
    if (!PyArg_ParseTuple(args, "O" fmt, &py_obj, ##__VA_ARGS__)) \
        return NULL; \
    NUVPY_UNWRAP(py_obj, type, obj)

/* The free callback of registrations whose opaque is a Python object. */
void nuvpyReleaseCbData(void *opaque);
/* A cpumap as python3-libvirt gives it: one bool per host CPU, as a tuple
 * or a list. */
PyObject *nuvpyCpumapBools(const unsigned char *map, int maplen, int ncpus, bool as_tuple);
