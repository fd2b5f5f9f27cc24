/*
 * test_driver.h: the test driver, a complete in-memory hypervisor behind
 * test:///default (a fixed starting state) and test:///PATH.xml (a node
 * file).
 */
#pragma once

int testRegister(void);

/* Test-only: @hook(api, @opaque) is called by every method that changes a
 * domain while it holds the domain's job with the domain unlocked, where a
 * real hypervisor would wait for its monitor; tests use it to hold a
 * change there.  NULL (the default) for none; set it while no call runs. */
void testDriverSetJobHook(void (*hook)(const char *api, void *opaque), void *opaque);
