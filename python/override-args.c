/* Calls taking Python lists, tuples or dicts that the generic wrappers
 * cannot convert: cpumaps, key codes, the time dict and page-size dicts.
 * (Lists of strings and of file descriptors are generated.) */
#include "libvirtmod.h"

/* ---- cpumaps ---- */

/* The cpumap argument as wide as the host's CPU count. */
static unsigned char *
dom_cpumap(virDomainPtr dom, PyObject *py_map, int *maplen)
{
    int ncpus = nuvpyHostCPUs(virDomainGetConnect(dom));

    if (ncpus < 0) {
        /* The library's error stands: the method raises libvirtError. */
        *maplen = -1;
        return NULL;
    }
    return nuvpyCpumap(py_map, ncpus, maplen);
}

/* The pin calls: parse, build the map, call; -1 from the library or from
 * counting the host's CPUs is libvirtError, a bad map is TypeError. */
#define PIN(NAME, FMT, CALL, ...) \
    PyObject *nuvpy_##NAME(PyObject *self G_GNUC_UNUSED, PyObject *args) \
    { \
        virDomainPtr dom; \
        PyObject *py_map; \
        unsigned int id = 0, flags = 0; \
        unsigned char *map; \
        int maplen, rc; \
        NUVPY_PARSE(FMT ":" #NAME, "virDomainPtr", dom, __VA_ARGS__); \
        (void)id; \
        (void)flags; \
        if (!(map = dom_cpumap(dom, py_map, &maplen))) \
            return maplen < 0 && !PyErr_Occurred() ? PyLong_FromLong(-1) : NULL; \
        NUVPY_CALL(rc = CALL); \
        g_free(map); \
        return PyLong_FromLong(rc); \
    }

PIN(virDomainPinVcpu, "IO", virDomainPinVcpu(dom, id, map, maplen), &id, &py_map)
PIN(virDomainPinVcpuFlags, "IOI", virDomainPinVcpuFlags(dom, id, map, maplen, flags),
    &id, &py_map, &flags)
PIN(virDomainPinIOThread, "IOI", virDomainPinIOThread(dom, id, map, maplen, flags),
    &id, &py_map, &flags)
PIN(virDomainPinEmulator, "OI", virDomainPinEmulator(dom, map, maplen, flags), &py_map, &flags)

/* ---- numbers ---- */

PyObject *
nuvpy_virDomainSendKey(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_keys;
    unsigned int codeset, holdtime, flags, *keys, nkeys;
    int count, rc;
    NUVPY_PARSE("IIOiI:virDomainSendKey", "virDomainPtr", dom, &codeset, &holdtime, &py_keys,
          &count, &flags);

    if (nuvpyUInts(py_keys, &keys, &nkeys) < 0)
        return NULL;
    if (count < 0 || (unsigned int)count > nkeys) {
        g_free(keys);
        PyErr_Format(PyExc_ValueError, "nkeycodes %d does not match the %u key codes",
                     count, nkeys);
        return NULL;
    }
    NUVPY_CALL(rc = virDomainSendKey(dom, codeset, holdtime, keys, count, flags));
    g_free(keys);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virDomainSetTime(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_time;
    unsigned int flags;
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc;
    NUVPY_PARSE("OI:virDomainSetTime", "virDomainPtr", dom, &py_time, &flags);

    if (py_time != Py_None) {
        PyObject *s, *ns;
        if (!PyDict_Check(py_time)) {
            PyErr_SetString(PyExc_TypeError, "time must be a dict");
            return NULL;
        }
        if (!(s = PyDict_GetItemString(py_time, "seconds"))) {
            PyErr_SetString(PyExc_KeyError, "seconds");
            return NULL;
        }
        seconds = PyLong_AsLongLong(s);
        if ((ns = PyDict_GetItemString(py_time, "nseconds"))) {
            unsigned long long v;
            if (nuvpyULongLong(ns, &v) < 0)
                return NULL;
            nseconds = (unsigned int)v;
        }
        if (PyErr_Occurred())
            return NULL;
    }
    NUVPY_CALL(rc = virDomainSetTime(dom, seconds, nseconds, flags));
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virDomainOpenGraphics(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    unsigned int idx, flags;
    int fd, rc;
    NUVPY_PARSE("IiI:virDomainOpenGraphics", "virDomainPtr", dom, &idx, &fd, &flags);

    NUVPY_CALL(rc = virDomainOpenGraphics(dom, idx, fd, flags));
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virNodeAllocPages(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_pages, *key, *value;
    unsigned int cells, flags, *sizes, n = 0;
    unsigned long long *counts;
    Py_ssize_t pos = 0;
    int start, rc;
    NUVPY_PARSE("OiII:virNodeAllocPages", "virConnectPtr", conn, &py_pages, &start, &cells, &flags);

    if (!PyDict_Check(py_pages)) {
        PyErr_SetString(PyExc_TypeError, "pages must be a dict {page size: count}");
        return NULL;
    }
    sizes = g_new0(unsigned int, PyDict_Size(py_pages) + 1);
    counts = g_new0(unsigned long long, PyDict_Size(py_pages) + 1);
    while (PyDict_Next(py_pages, &pos, &key, &value)) {
        unsigned long long k;
        if (nuvpyULongLong(key, &k) < 0 || nuvpyULongLong(value, &counts[n]) < 0) {
            g_free(sizes);
            g_free(counts);
            return NULL;
        }
        sizes[n++] = (unsigned int)k;
    }
    NUVPY_CALL(rc = virNodeAllocPages(conn, n, sizes, counts, start, cells, flags));
    g_free(sizes);
    g_free(counts);
    return PyLong_FromLong(rc);
}
