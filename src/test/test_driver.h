/*
 * test_driver.h: the test driver, a complete in-memory hypervisor behind
 * test:///default (a fixed starting state) and test:///PATH.xml (a node
 * file).
 */
#pragma once

int testRegister(void);
