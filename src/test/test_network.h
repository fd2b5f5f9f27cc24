/*
 * test_network.h: what the test driver's network files share.
 */
#pragma once

#include "test/test_private.h"
#include "conf/network_obj.h"

/* Networks (test_network.c).  The object behind a handle comes back
 * locked and referenced, or NULL with libvirt's error reported. */
nuvNetworkObj *testNetObjFromNetwork(virNetworkPtr net);

/* Ports (test_network_port.c).  Stopping a network drops its ports
 * (network locked). */
void testNetworkDropPorts(nuvNetworkObj *obj);
virNetworkPortPtr testNetworkPortCreateXML(virNetworkPtr net, const char *xmldesc, unsigned int flags);
virNetworkPortPtr testNetworkPortLookupByUUID(virNetworkPtr net, const unsigned char *uuid);
char *testNetworkPortGetXMLDesc(virNetworkPortPtr port, unsigned int flags);
int testNetworkPortDelete(virNetworkPortPtr port, unsigned int flags);
int testNetworkListAllPorts(virNetworkPtr net, virNetworkPortPtr **ports, unsigned int flags);
int testNetworkPortSetParameters(virNetworkPortPtr port, virTypedParameterPtr params, int nparams, unsigned int flags);
int testNetworkPortGetParameters(virNetworkPortPtr port, virTypedParameterPtr *params, int *nparams, unsigned int flags);
