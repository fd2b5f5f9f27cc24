/*
 * qemu_hostcpu.h: the host CPU as libvirt's capabilities name it (model
 * from libvirt's CPU map, vendor, signature, extra features).
 */
#pragma once

#include <glib.h>

typedef struct {
    char *model;                /* NULL without libvirt's CPU map */
    char *vendor;               /* Intel, AMD, Hygon; NULL for others */
    unsigned int family, modelNum, stepping;
    unsigned int physBits;      /* 0 when CPUID does not say */
    GPtrArray *features;        /* names beyond the model, map order */
} qemuHostCPU;

/* This host's CPU, decoded on first use (never NULL). */
const qemuHostCPU *qemuHostCPUGet(void);
