/*
 * remote_arrays.h: the remote driver's hand-written stubs for the
 * procedures whose replies are arrays of records (remote_arrays.c).
 */
#pragma once

#include "driver/driver.h"

/* Set those stubs in the driver tables the remote driver registers. */
void remoteArraysFill(nuvHypervisorDriver *hv, nuvNetworkDriver *net, nuvSecretDriver *secret);
