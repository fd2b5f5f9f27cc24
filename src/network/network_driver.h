/*
 * network_driver.h: the host's network driver, shared by every connection
 * whose hypervisor driver brings no network table (qemu, lxc).
 *
 * One instance per process, started by nuvStateInitialize().  Networks
 * are nuvNetworkObjs (conf/network_obj.h); their definitions live in
 * configDir, the running ones are recorded in stateDir (NAME.xml) beside
 * what each running network owns there: dnsmasq's configuration
 * (NAME.conf, NAME.hostsfile, NAME.addnhosts), its pid file (NAME.pid)
 * and its lease file (NAME.leases).  What a network is on the host is in
 * network_host.c (bridge, addresses, firewall) and network_dnsmasq.c.
 */
#pragma once

#include <stdbool.h>

#include "driver/driver.h"
#include "driver/event.h"
#include "driver/state.h"
#include "conf/network_obj.h"

typedef struct _networkDriver networkDriver;
struct _networkDriver {
    bool privileged;
    char *configDir;            /* persistent <network> documents */
    char *autostartDir;         /* links to those that start with the driver */
    char *stateDir;             /* running networks and their dnsmasq files */
    nuvNetworkObjList *nets;
    nuvEventState *events;
    /* What runs on the host, for conflict checks without taking other
     * networks' locks: name -> copy of the running nuvNetworkDef.
     * Guarded by hostLock, which is taken after an object's lock. */
    GMutex hostLock;
    GHashTable *running;
};

/* ---- network_host.c: the bridge, its addresses and the firewall ---- */

typedef struct {
    bool v6;
    char addr[46];              /* empty: an <ip> without address */
    unsigned int prefix;
    char subnet[52];            /* network address/prefix */
    nuvXNode *node;             /* the <ip> element */
} networkIP;

/* The @n-th <ip> of @def, or false past the last. */
bool networkIPAt(const nuvNetworkDef *def, size_t n, networkIP *ip);

/* Whether the network's forward mode gives it a bridge of its own. */
bool networkHasOwnBridge(const nuvNetworkDef *def);
/* Create the bridge of @def (must not exist), with MTU, MAC, addresses,
 * up.  On failure nothing is left. */
int networkBridgeCreate(const nuvNetworkDef *def);
void networkBridgeRemove(const nuvNetworkDef *def);
bool networkBridgeExists(const char *name);
/* network_firewall.c: install (or replace) the network's rules, with nft
 * where the host has it, else iptables/ip6tables; remove them.  Forward
 * modes without rules do nothing. */
int networkFirewallApply(const nuvNetworkDef *def);
void networkFirewallRemove(const nuvNetworkDef *def);
/* Fill in what libvirt assigns at define time: a bridge name (virbrN, the
 * first free) and a MAC address for networks with a bridge of their own. */
void networkAssignDefaults(networkDriver *drv, nuvNetworkDef *def);
/* A network whose subnet or bridge another running one uses (errors as
 * libvirt's); hostLock held. */
int networkCheckConflicts(networkDriver *drv, const nuvNetworkDef *def);

/* ---- network_dnsmasq.c ---- */

/* Whether @def needs a dnsmasq (an IP address on its own bridge). */
bool networkNeedsDnsmasq(const nuvNetworkDef *def);
/* Write NAME.conf and its host files; start dnsmasq and wait until it
 * runs (its own message as the error when it fails). */
int networkDnsmasqStart(networkDriver *drv, const nuvNetworkDef *def);
/* Stop it (pid file checked against the process) and remove its files
 * except the leases. */
void networkDnsmasqStop(networkDriver *drv, const nuvNetworkDef *def);
/* Whether our dnsmasq for @def still runs. */
bool networkDnsmasqRunning(networkDriver *drv, const nuvNetworkDef *def);
/* Rewrite the host files and SIGHUP dnsmasq (DHCP hosts, DNS hosts). */
int networkDnsmasqReload(networkDriver *drv, const nuvNetworkDef *def);
/* virNetworkGetDHCPLeases from the lease file. */
int networkDnsmasqLeases(networkDriver *drv, virNetworkPtr net, const nuvNetworkDef *def,
                         const char *mac, virNetworkDHCPLeasePtr **leases);
char *networkStateFile(networkDriver *drv, const char *name, const char *ext);

/* Run @argv (argv[0] found on PATH); its stderr becomes the error. */
int networkRun(const char *const *argv, const char *input);

/* Registration in the driver registry (from nuvDriversInitialize). */
int networkRegister(void);
