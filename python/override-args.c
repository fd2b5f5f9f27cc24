/* Calls taking Python lists, tuples or dicts that the generic wrappers
 * cannot convert: cpumaps, key codes, file descriptors, string lists, the
 * time dict and page-size dicts. */
#include "libvirtmod.h"

#define PARSE(fmt, type, obj, ...) \
    PyObject *py_obj; \
    if (!PyArg_ParseTuple(args, "O" fmt, &py_obj, ##__VA_ARGS__)) \
        return NULL; \
    NUVPY_UNWRAP(py_obj, type, obj)

/* ---- cpumaps ---- */

/* The pin calls differ in which id comes before the map; @id < 0: none. */
static PyObject *
pin(PyObject *args, const char *fmt, int which)
{
    PyObject *py_dom, *py_map;
    virDomainPtr dom;
    unsigned int id = 0, flags = 0;
    unsigned char *map;
    int ncpus, maplen, rc;

    switch (which) {
    case 0: /* virDomainPinVcpu(vcpu, map) */
        if (!PyArg_ParseTuple(args, fmt, &py_dom, &id, &py_map))
            return NULL;
        break;
    case 1: /* virDomainPinVcpuFlags, virDomainPinIOThread (id, map, flags) */
        if (!PyArg_ParseTuple(args, fmt, &py_dom, &id, &py_map, &flags))
            return NULL;
        break;
    default: /* virDomainPinEmulator(map, flags) */
        if (!PyArg_ParseTuple(args, fmt, &py_dom, &py_map, &flags))
            return NULL;
    }
    NUVPY_UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = nuvpyHostCPUs(virDomainGetConnect(dom))) < 0)
        return PyLong_FromLong(-1);
    if (!(map = nuvpyCpumap(py_map, ncpus, &maplen)))
        return NULL;
    if (strstr(fmt, "PinVcpuFlags"))
        NUVPY_CALL(rc = virDomainPinVcpuFlags(dom, id, map, maplen, flags));
    else if (strstr(fmt, "PinVcpu"))
        NUVPY_CALL(rc = virDomainPinVcpu(dom, id, map, maplen));
    else if (strstr(fmt, "PinIOThread"))
        NUVPY_CALL(rc = virDomainPinIOThread(dom, id, map, maplen, flags));
    else
        NUVPY_CALL(rc = virDomainPinEmulator(dom, map, maplen, flags));
    g_free(map);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virDomainPinVcpu(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return pin(args, "OIO:virDomainPinVcpu", 0);
}

PyObject *
nuvpy_virDomainPinVcpuFlags(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return pin(args, "OIOI:virDomainPinVcpuFlags", 1);
}

PyObject *
nuvpy_virDomainPinIOThread(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return pin(args, "OIOI:virDomainPinIOThread", 1);
}

PyObject *
nuvpy_virDomainPinEmulator(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return pin(args, "OOI:virDomainPinEmulator", 2);
}

/* ---- numbers ---- */

PyObject *
nuvpy_virDomainSendKey(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_keys;
    unsigned int codeset, holdtime, flags, *keys, nkeys;
    int count, rc;
    PARSE("IIOiI:virDomainSendKey", "virDomainPtr", dom, &codeset, &holdtime, &py_keys,
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
    PARSE("OI:virDomainSetTime", "virDomainPtr", dom, &py_time, &flags);

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
    PARSE("IiI:virDomainOpenGraphics", "virDomainPtr", dom, &idx, &fd, &flags);

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
    PARSE("OiII:virNodeAllocPages", "virConnectPtr", conn, &py_pages, &start, &cells, &flags);

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

/* ---- file descriptors ---- */

PyObject *
nuvpy_virDomainCreateWithFiles(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_files;
    unsigned int flags, n;
    int *fds, rc;
    PARSE("OI:virDomainCreateWithFiles", "virDomainPtr", dom, &py_files, &flags);

    if (nuvpyInts(py_files, &fds, &n) < 0)
        return NULL;
    NUVPY_CALL(rc = virDomainCreateWithFiles(dom, n, fds, flags));
    g_free(fds);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virDomainCreateXMLWithFiles(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_files;
    const char *xml;
    unsigned int flags, n;
    int *fds;
    virDomainPtr dom;
    PARSE("zOI:virDomainCreateXMLWithFiles", "virConnectPtr", conn, &xml, &py_files, &flags);

    if (nuvpyInts(py_files, &fds, &n) < 0)
        return NULL;
    NUVPY_CALL(dom = virDomainCreateXMLWithFiles(conn, xml, n, fds, flags));
    g_free(fds);
    return nuvpyWrap(dom, "virDomainPtr");
}

PyObject *
nuvpy_virDomainFDAssociate(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_files;
    const char *name;
    unsigned int flags, n;
    int *fds, rc;
    PARSE("zOI:virDomainFDAssociate", "virDomainPtr", dom, &name, &py_files, &flags);

    if (nuvpyInts(py_files, &fds, &n) < 0)
        return NULL;
    NUVPY_CALL(rc = virDomainFDAssociate(dom, name, n, fds, flags));
    g_free(fds);
    return PyLong_FromLong(rc);
}

/* ---- string lists ---- */

#define FS_FREEZE_THAW(NAME) \
    PyObject *nuvpy_##NAME(PyObject *self G_GNUC_UNUSED, PyObject *args) \
    { \
        virDomainPtr dom; \
        PyObject *py_list; \
        const char **mounts; \
        unsigned int flags, n; \
        int rc; \
        PARSE("OI:" #NAME, "virDomainPtr", dom, &py_list, &flags); \
        if (nuvpyStrings(py_list, true, &mounts, &n) < 0) \
            return NULL; \
        NUVPY_CALL(rc = NAME(dom, mounts, n, flags)); \
        g_free(mounts); \
        return PyLong_FromLong(rc); \
    }

FS_FREEZE_THAW(virDomainFSFreeze)
FS_FREEZE_THAW(virDomainFSThaw)

PyObject *
nuvpy_virDomainAuthorizedSSHKeysSet(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virDomainPtr dom;
    PyObject *py_keys;
    const char *user, **keys;
    unsigned int flags, n;
    int rc;
    PARSE("sOI:virDomainAuthorizedSSHKeysSet", "virDomainPtr", dom, &user, &py_keys, &flags);

    if (nuvpyStrings(py_keys, true, &keys, &n) < 0)
        return NULL;
    NUVPY_CALL(rc = virDomainAuthorizedSSHKeysSet(dom, user, keys, n, flags));
    g_free(keys);
    return PyLong_FromLong(rc);
}

PyObject *
nuvpy_virConnectBaselineCPU(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_cpus;
    const char **cpus;
    unsigned int flags, n;
    char *xml;
    PARSE("OI:virConnectBaselineCPU", "virConnectPtr", conn, &py_cpus, &flags);

    if (nuvpyStrings(py_cpus, false, &cpus, &n) < 0)
        return NULL;
    NUVPY_CALL(xml = virConnectBaselineCPU(conn, cpus, n, flags));
    g_free(cpus);
    return nuvpyString(xml, true);
}

PyObject *
nuvpy_virConnectBaselineHypervisorCPU(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    virConnectPtr conn;
    PyObject *py_cpus;
    const char *emulator, *arch, *machine, *virttype, **cpus;
    unsigned int flags, n;
    char *xml;
    PARSE("zzzzOI:virConnectBaselineHypervisorCPU", "virConnectPtr", conn, &emulator, &arch,
          &machine, &virttype, &py_cpus, &flags);

    if (nuvpyStrings(py_cpus, true, &cpus, &n) < 0)
        return NULL;
    NUVPY_CALL(xml = virConnectBaselineHypervisorCPU(conn, emulator, arch, machine, virttype,
                                                     cpus, n, flags));
    g_free(cpus);
    return nuvpyString(xml, true);
}
