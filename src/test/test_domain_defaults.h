/*
 * test_domain_defaults.h: what the test driver adds to conf's generic
 * domain parsing (its parse hooks, as libvirt's test driver has its own
 * domain XML options).
 */
#pragma once

#include "conf/domain_def.h"

/* The test driver's parse hooks; every parse the test driver makes of a
 * whole domain document passes them. */
const nuvDomainXMLOption *testDomainXMLOption(void);
