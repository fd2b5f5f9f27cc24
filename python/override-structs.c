/* Calls that fill C structs, returned as python3-libvirt 9.0 returns them
 * (lists, tuples or dicts in its field order). */
#include "libvirtmod.h"

/* Parse "(capsule [, more])" and unwrap the first argument. */
#define UNWRAP(obj, type, var) \
    if (nuvpyUnwrap(obj, type, (void **)&(var)) < 0) \
        return NULL

#define CALL(expr) do { Py_BEGIN_ALLOW_THREADS expr; Py_END_ALLOW_THREADS } while (0)

PyObject *
nuvpy_virDomainGetInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    virDomainInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virDomainGetInfo", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetInfo(dom, &info));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[ikkiK]", (int)info.state, info.maxMem, info.memory,
                         (int)info.nrVirtCpu, (unsigned long long)info.cpuTime);
}

PyObject *
nuvpy_virNodeGetInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn;
    virConnectPtr conn;
    virNodeInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virNodeGetInfo", &py_conn))
        return NULL;
    UNWRAP(py_conn, "virConnectPtr", conn);
    CALL(rc = virNodeGetInfo(conn, &info));
    if (rc < 0)
        Py_RETURN_NONE;
    /* Memory in MiB, as python3-libvirt reports it. */
    return Py_BuildValue("[skiiiiii]", info.model, info.memory >> 10, (int)info.cpus,
                         (int)info.mhz, (int)info.nodes, (int)info.sockets,
                         (int)info.cores, (int)info.threads);
}

PyObject *
nuvpy_virStoragePoolGetInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_pool;
    virStoragePoolPtr pool;
    virStoragePoolInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virStoragePoolGetInfo", &py_pool))
        return NULL;
    UNWRAP(py_pool, "virStoragePoolPtr", pool);
    CALL(rc = virStoragePoolGetInfo(pool, &info));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[iKKK]", (int)info.state, info.capacity, info.allocation,
                         info.available);
}

static PyObject *
vol_info(PyObject *args, bool with_flags)
{
    PyObject *py_vol;
    virStorageVolPtr vol;
    virStorageVolInfo info;
    unsigned int flags = 0;
    int rc;

    if (with_flags ? !PyArg_ParseTuple(args, "OI:virStorageVolGetInfoFlags", &py_vol, &flags)
                   : !PyArg_ParseTuple(args, "O:virStorageVolGetInfo", &py_vol))
        return NULL;
    UNWRAP(py_vol, "virStorageVolPtr", vol);
    CALL(rc = with_flags ? virStorageVolGetInfoFlags(vol, &info, flags)
                         : virStorageVolGetInfo(vol, &info));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[iKK]", (int)info.type, info.capacity, info.allocation);
}

PyObject *
nuvpy_virStorageVolGetInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return vol_info(args, false);
}

PyObject *
nuvpy_virStorageVolGetInfoFlags(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    return vol_info(args, true);
}

PyObject *
nuvpy_virDomainGetBlockInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *disk;
    unsigned int flags;
    virDomainBlockInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "OzI:virDomainGetBlockInfo", &py_dom, &disk, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetBlockInfo(dom, disk, &info, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[KKK]", info.capacity, info.allocation, info.physical);
}

PyObject *
nuvpy_virDomainGetControlInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    unsigned int flags;
    virDomainControlInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetControlInfo", &py_dom, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetControlInfo(dom, &info, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[iiK]", (int)info.state, (int)info.details, info.stateTime);
}

PyObject *
nuvpy_virDomainGetJobInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    virDomainJobInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virDomainGetJobInfo", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetJobInfo(dom, &info));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[iKKKKKKKKKKK]", info.type, info.timeElapsed, info.timeRemaining,
                         info.dataTotal, info.dataProcessed, info.dataRemaining,
                         info.memTotal, info.memProcessed, info.memRemaining,
                         info.fileTotal, info.fileProcessed, info.fileRemaining);
}

PyObject *
nuvpy_virDomainGetJobStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *dict, *type;
    virDomainPtr dom;
    unsigned int flags;
    virTypedParameterPtr params = NULL;
    int nparams = 0, jobtype = 0, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetJobStats", &py_dom, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetJobStats(dom, &jobtype, &params, &nparams, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    dict = nuvpyTypedParamsToDict(params, nparams, true);
    type = PyLong_FromLong(jobtype);
    if (!dict || !type || PyDict_SetItemString(dict, "type", type) < 0)
        Py_CLEAR(dict);
    Py_XDECREF(type);
    return dict;
}

PyObject *
nuvpy_virDomainGetBlockJobInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *disk;
    unsigned int flags;
    virDomainBlockJobInfo info;
    int rc;

    if (!PyArg_ParseTuple(args, "OzI:virDomainGetBlockJobInfo", &py_dom, &disk, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetBlockJobInfo(dom, disk, &info, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    if (rc == 0)          /* no job on that disk */
        return PyDict_New();
    return Py_BuildValue("{s:i,s:k,s:K,s:K}", "type", info.type, "bandwidth", info.bandwidth,
                         "cur", (unsigned long long)info.cur, "end", (unsigned long long)info.end);
}

PyObject *
nuvpy_virDomainBlockStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *disk;
    virDomainBlockStatsStruct st;
    int rc;

    if (!PyArg_ParseTuple(args, "Oz:virDomainBlockStats", &py_dom, &disk))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainBlockStats(dom, disk, &st, sizeof(st)));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(LLLLL)", st.rd_req, st.rd_bytes, st.wr_req, st.wr_bytes, st.errs);
}

PyObject *
nuvpy_virDomainInterfaceStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    const char *dev;
    virDomainInterfaceStatsStruct st;
    int rc;

    if (!PyArg_ParseTuple(args, "Oz:virDomainInterfaceStats", &py_dom, &dev))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainInterfaceStats(dom, dev, &st, sizeof(st)));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(LLLLLLLL)", st.rx_bytes, st.rx_packets, st.rx_errs, st.rx_drop,
                         st.tx_bytes, st.tx_packets, st.tx_errs, st.tx_drop);
}

/* python3-libvirt's keys for the memory statistics tags. */
static const char *const memstat_keys[VIR_DOMAIN_MEMORY_STAT_NR] = {
    [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
    [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
    [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
    [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
    [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
    [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
    [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
    [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
    [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
    [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
    [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
};

PyObject *
nuvpy_virDomainMemoryStats(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *dict;
    virDomainPtr dom;
    virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
    int n;

    if (!PyArg_ParseTuple(args, "O:virDomainMemoryStats", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(n = virDomainMemoryStats(dom, st, VIR_DOMAIN_MEMORY_STAT_NR, 0));
    if (n < 0)
        Py_RETURN_NONE;
    dict = PyDict_New();
    for (int i = 0; dict && i < n; i++) {
        PyObject *v;
        if (st[i].tag < 0 || st[i].tag >= VIR_DOMAIN_MEMORY_STAT_NR || !memstat_keys[st[i].tag])
            continue;
        v = PyLong_FromUnsignedLongLong(st[i].val);
        if (!v || PyDict_SetItemString(dict, memstat_keys[st[i].tag], v) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(v);
    }
    return dict;
}

PyObject *
nuvpy_virDomainGetSecurityLabel(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    virSecurityLabel label;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virDomainGetSecurityLabel", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    memset(&label, 0, sizeof(label));
    CALL(rc = virDomainGetSecurityLabel(dom, &label));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[sO]", label.label, label.enforcing ? Py_True : Py_False);
}

PyObject *
nuvpy_virDomainGetSecurityLabelList(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *list;
    virDomainPtr dom;
    virSecurityLabelPtr labels = NULL;
    int n;

    if (!PyArg_ParseTuple(args, "O:virDomainGetSecurityLabelList", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(n = virDomainGetSecurityLabelList(dom, &labels));
    if (n < 0)
        Py_RETURN_NONE;
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++) {
        PyObject *item = Py_BuildValue("[sO]", labels[i].label,
                                       labels[i].enforcing ? Py_True : Py_False);
        if (!item)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, item);
    }
    free(labels);
    return list;
}

PyObject *
nuvpy_virNodeGetSecurityModel(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn;
    virConnectPtr conn;
    virSecurityModel model;
    int rc;

    if (!PyArg_ParseTuple(args, "O:virNodeGetSecurityModel", &py_conn))
        return NULL;
    UNWRAP(py_conn, "virConnectPtr", conn);
    memset(&model, 0, sizeof(model));
    CALL(rc = virNodeGetSecurityModel(conn, &model));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("[ss]", model.model, model.doi);
}

PyObject *
nuvpy_virDomainGetTime(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    unsigned int flags, nseconds = 0;
    long long seconds = 0;
    int rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetTime", &py_dom, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(rc = virDomainGetTime(dom, &seconds, &nseconds, flags));
    if (rc < 0)
        Py_RETURN_NONE;
    return Py_BuildValue("{s:L,s:I}", "seconds", seconds, "nseconds", nseconds);
}

PyObject *
nuvpy_virDomainGetSchedulerType(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom;
    virDomainPtr dom;
    char *type;
    int nparams = 0;

    if (!PyArg_ParseTuple(args, "O:virDomainGetSchedulerType", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    CALL(type = virDomainGetSchedulerType(dom, &nparams));
    if (type == NULL)
        Py_RETURN_NONE;
    PyObject *ret = Py_BuildValue("(si)", type, nparams);
    free(type);
    return ret;
}

/* A bool tuple per host CPU from a cpumap. */
static PyObject *
cpumap_tuple(const unsigned char *map, int ncpus)
{
    PyObject *t = PyTuple_New(ncpus);

    for (int i = 0; t && i < ncpus; i++)
        PyTuple_SET_ITEM(t, i, PyBool_FromLong(VIR_CPU_USABLE(map, VIR_CPU_MAPLEN(ncpus), 0, i)));
    return t;
}

static int
host_cpus(virDomainPtr dom)
{
    virConnectPtr conn = virDomainGetConnect(dom);
    int n;

    Py_BEGIN_ALLOW_THREADS
    n = virNodeGetCPUMap(conn, NULL, NULL, 0);
    Py_END_ALLOW_THREADS
    return n;
}

PyObject *
nuvpy_virDomainGetVcpus(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *infos = NULL, *maps = NULL;
    virDomainPtr dom;
    virDomainInfo dinfo;
    virVcpuInfoPtr info = NULL;
    unsigned char *cpumaps = NULL;
    int ncpus, maplen, n, rc;

    if (!PyArg_ParseTuple(args, "O:virDomainGetVcpus", &py_dom))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = host_cpus(dom)) < 0)
        Py_RETURN_NONE;
    CALL(rc = virDomainGetInfo(dom, &dinfo));
    if (rc < 0)
        Py_RETURN_NONE;
    maplen = VIR_CPU_MAPLEN(ncpus);
    info = g_new0(virVcpuInfo, dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1);
    cpumaps = g_new0(unsigned char, (dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1) * maplen);
    CALL(n = virDomainGetVcpus(dom, info, dinfo.nrVirtCpu, cpumaps, maplen));
    if (n < 0) {
        g_free(info);
        g_free(cpumaps);
        Py_RETURN_NONE;
    }
    infos = PyList_New(n);
    maps = PyList_New(n);
    for (int i = 0; infos && maps && i < n; i++) {
        PyObject *t = Py_BuildValue("(iiKi)", (int)info[i].number, info[i].state,
                                    info[i].cpuTime, info[i].cpu);
        PyObject *m = cpumap_tuple(cpumaps + i * maplen, ncpus);
        if (!t || !m) {
            Py_XDECREF(t);
            Py_XDECREF(m);
            Py_CLEAR(infos);
            break;
        }
        PyList_SET_ITEM(infos, i, t);
        PyList_SET_ITEM(maps, i, m);
    }
    g_free(info);
    g_free(cpumaps);
    if (!infos || !maps) {
        Py_XDECREF(infos);
        Py_XDECREF(maps);
        return NULL;
    }
    return Py_BuildValue("(NN)", infos, maps);
}

PyObject *
nuvpy_virDomainGetVcpuPinInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *list;
    virDomainPtr dom;
    unsigned int flags;
    virDomainInfo dinfo;
    unsigned char *maps;
    int ncpus, maplen, n, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetVcpuPinInfo", &py_dom, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = host_cpus(dom)) < 0)
        Py_RETURN_NONE;
    CALL(rc = virDomainGetInfo(dom, &dinfo));
    if (rc < 0)
        Py_RETURN_NONE;
    maplen = VIR_CPU_MAPLEN(ncpus);
    maps = g_new0(unsigned char, (dinfo.nrVirtCpu ? dinfo.nrVirtCpu : 1) * maplen);
    CALL(n = virDomainGetVcpuPinInfo(dom, dinfo.nrVirtCpu, maps, maplen, flags));
    if (n < 0) {
        g_free(maps);
        Py_RETURN_NONE;
    }
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++) {
        PyObject *m = cpumap_tuple(maps + i * maplen, ncpus);
        if (!m)
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, m);
    }
    g_free(maps);
    return list;
}

PyObject *
nuvpy_virDomainGetEmulatorPinInfo(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_dom, *ret;
    virDomainPtr dom;
    unsigned int flags;
    unsigned char *map;
    int ncpus, rc;

    if (!PyArg_ParseTuple(args, "OI:virDomainGetEmulatorPinInfo", &py_dom, &flags))
        return NULL;
    UNWRAP(py_dom, "virDomainPtr", dom);
    if ((ncpus = host_cpus(dom)) < 0)
        Py_RETURN_NONE;
    map = g_new0(unsigned char, VIR_CPU_MAPLEN(ncpus));
    CALL(rc = virDomainGetEmulatorPinInfo(dom, map, VIR_CPU_MAPLEN(ncpus), flags));
    if (rc < 0) {
        g_free(map);
        Py_RETURN_NONE;
    }
    ret = cpumap_tuple(map, ncpus);
    g_free(map);
    return ret;
}

PyObject *
nuvpy_virNodeGetCPUMap(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *bools;
    virConnectPtr conn;
    unsigned int flags, online = 0;
    unsigned char *map = NULL;
    int n;

    if (!PyArg_ParseTuple(args, "OI:virNodeGetCPUMap", &py_conn, &flags))
        return NULL;
    UNWRAP(py_conn, "virConnectPtr", conn);
    CALL(n = virNodeGetCPUMap(conn, &map, &online, flags));
    if (n < 0)
        Py_RETURN_NONE;
    bools = PyList_New(n);
    for (int i = 0; bools && i < n; i++)
        PyList_SET_ITEM(bools, i, PyBool_FromLong(VIR_CPU_USED(map, i)));
    free(map);
    if (!bools)
        return NULL;
    return Py_BuildValue("(iNI)", n, bools, online);
}

PyObject *
nuvpy_virNodeGetCellsFreeMemory(PyObject *self G_GNUC_UNUSED, PyObject *args)
{
    PyObject *py_conn, *list;
    virConnectPtr conn;
    int start, max, n;
    unsigned long long *mems;

    if (!PyArg_ParseTuple(args, "Oii:virNodeGetCellsFreeMemory", &py_conn, &start, &max))
        return NULL;
    UNWRAP(py_conn, "virConnectPtr", conn);
    if (max <= 0 || max > 1024)
        max = 1024;
    mems = g_new0(unsigned long long, max);
    CALL(n = virNodeGetCellsFreeMemory(conn, mems, start, max));
    if (n < 0) {
        g_free(mems);
        Py_RETURN_NONE;
    }
    list = PyList_New(n);
    for (int i = 0; list && i < n; i++)
        PyList_SET_ITEM(list, i, PyLong_FromUnsignedLongLong(mems[i]));
    g_free(mems);
    return list;
}
