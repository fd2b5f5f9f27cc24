/*
 * host_caps.c: the host half of the capabilities document, read from
 * /proc and sysconf (the machine id, CPU vendor and count, memory).
 */
#include <string.h>
#include <unistd.h>

#include "conf/host_caps.h"

static void
hostCapsCPU(GString *s)
{
    g_autofree char *cpuinfo = NULL;
    const char *vendor = NULL;
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL)) {
        if (strstr(cpuinfo, "AuthenticAMD"))
            vendor = "AMD";
        else if (strstr(cpuinfo, "GenuineIntel"))
            vendor = "Intel";
    }
    g_string_append(s, "    <cpu>\n      <arch>x86_64</arch>\n");
    if (vendor)
        g_string_append_printf(s, "      <vendor>%s</vendor>\n", vendor);
    g_string_append_printf(s, "      <topology sockets='1' dies='1' cores='%ld' threads='1'/>\n",
                           ncpus);
    g_string_append(s, "      <pages unit='KiB' size='4'/>\n"
                       "      <pages unit='KiB' size='2048'/>\n"
                       "    </cpu>\n");
}

static void
hostCapsTopology(GString *s)
{
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned long long memKiB = (unsigned long long) sysconf(_SC_PHYS_PAGES) *
                                sysconf(_SC_PAGESIZE) / 1024;

    g_string_append_printf(s, "    <topology>\n      <cells num='1'>\n        <cell id='0'>\n"
                           "          <memory unit='KiB'>%llu</memory>\n"
                           "          <pages unit='KiB' size='4'>%llu</pages>\n"
                           "          <pages unit='KiB' size='2048'>0</pages>\n"
                           "          <distances>\n            <sibling id='0' value='10'/>\n"
                           "          </distances>\n"
                           "          <cpus num='%ld'>\n", memKiB, memKiB / 4, ncpus);
    for (long i = 0; i < ncpus; i++)
        g_string_append_printf(s, "            <cpu id='%ld' socket_id='0' die_id='0' "
                               "core_id='%ld' siblings='%ld'/>\n", i, i, i);
    g_string_append(s, "          </cpus>\n        </cell>\n      </cells>\n    </topology>\n");
}

void
nuvHostCapsFormatHead(GString *s, void (*formatCPU)(GString *s))
{
    g_autofree char *machineId = NULL;

    g_string_append(s, "<capabilities>\n\n  <host>\n");
    if (g_file_get_contents("/etc/machine-id", &machineId, NULL, NULL) &&
        strlen(g_strstrip(machineId)) == 32) {
        g_string_append_printf(s, "    <uuid>%.8s-%.4s-%.4s-%.4s-%.12s</uuid>\n", machineId,
                               machineId + 8, machineId + 12, machineId + 16, machineId + 20);
    }
    (formatCPU ? formatCPU : hostCapsCPU)(s);
    g_string_append(s, "    <power_management/>\n    <iommu support='no'/>\n");
    hostCapsTopology(s);
    g_string_append(s, "    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n"
                       "    </secmodel>\n  </host>\n\n");
}
