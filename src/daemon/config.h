/*
 * config.h: nuvirtd's configuration, read from a file in libvirtd.conf's
 * syntax (key = value; strings in double quotes, integers, lists in
 * brackets, '#' comments).  Every libvirtd key is known; an unknown key or
 * a value of the wrong type is an error naming the key and line.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

typedef struct {
    char *unixSockDir;
    char *unixSockGroup;
    mode_t unixSockRoPerms;
    mode_t unixSockRwPerms;
    mode_t unixSockAdminPerms;
    long maxClients;
    long maxAnonymousClients;
    long maxQueuedClients;
    long minWorkers;
    long maxWorkers;
    long prioWorkers;
    long maxRequests;
    long maxClientRequests;
    long keepaliveInterval;
    long keepaliveCount;
    long logLevel;
    bool listenTcp;
    char *tcpPort;
    char *listenAddr;
    char *authTcp;
} daemonConfig;

/* Defaults as libvirtd's. */
void daemonConfigInit(daemonConfig *cfg);
/* Read path over the defaults; -1 with the error printed to stderr. */
int daemonConfigLoad(daemonConfig *cfg, const char *path);
void daemonConfigClear(daemonConfig *cfg);
