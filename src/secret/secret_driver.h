/*
 * secret_driver.h: the host's secret driver, shared by the connections of
 * qemu and lxc.  Persistent secrets are kept in the config directory
 * (UUID.xml for the definition, UUID.base64 for the value, both 0600);
 * ephemeral ones only in memory.
 */
#pragma once

int secretRegister(void);
