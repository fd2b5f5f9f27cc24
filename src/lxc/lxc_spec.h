/*
 * lxc_spec.h: the container's spec, the flat text that nuvirt_lxc reads
 * (one "key value" line per item, fields within a value separated by a
 * tab), built from a domain definition.  The definition is checked here
 * for what a container can do, so that the controller only carries out.
 */
#pragma once

#include "conf/domain_def.h"

typedef struct {
    const char *cgroupProcs[16];    /* cgroup.procs files the controller joins */
    const char *vethHost[8];        /* host-side peer names to move in, and */
    const char *vethGuest[8];       /* the names they get inside */
} lxcSpecExtra;

/* The spec text for @def, or NULL with an error (VIR_ERR_CONFIG_UNSUPPORTED
 * for what containers cannot do, VIR_ERR_SYSTEM_ERROR for a missing host
 * directory). */
char *lxcSpecBuild(const nuvDomainDef *def, const lxcSpecExtra *extra);

/* The console's host pty goes into the live definition. */
void lxcSpecSetConsoleTTY(nuvDomainDef *def, const char *tty);
