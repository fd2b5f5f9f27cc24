/*
 * remote_object_events.h: the remote driver's network, storage pool, node
 * device and secret events (remote_object_events.c).
 */
#pragma once

#include "driver/driver.h"
#include "driver/event.h"
#include "rpc/message.h"

/* Set the registration slots in the remote driver's tables. */
void remoteObjectEventsFill(nuvNetworkDriver *net, nuvStorageDriver *storage,
                            nuvNodeDeviceDriver *nodedev, nuvSecretDriver *secret);

/* The local event a daemon's MESSAGE carries, or NULL when it is not one
 * of these (or does not decode). */
nuvEvent *remoteObjectEventFromMessage(nuvRpcMessage *msg);
