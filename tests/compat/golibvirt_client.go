// golibvirt_client.go: go-libvirt (Debian's pure Go client, no libvirt.so)
// against nuvirtd on test:///default.  Run by nuvirtd-golibvirt.sh:
//
//	golibvirt_client SOCKET WORKDIR
//
// Prints PASS/FAIL lines; exits 1 on any failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	libvirt "github.com/digitalocean/go-libvirt"
	"github.com/digitalocean/go-libvirt/socket/dialers"
)

var failures int

func check(name string, ok bool) {
	if ok {
		fmt.Println("PASS " + name)
	} else {
		fmt.Println("FAIL " + name)
		failures++
	}
}

func checkErr(name string, err error) bool {
	if err != nil {
		check(fmt.Sprintf("%s: %v", name, err), false)
		return false
	}
	return true
}

// libvirt's error code of a failed call (0 when it is not a libvirt error).
func code(err error) uint32 {
	var e libvirt.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

const domXML = `<domain type='test'><name>go1</name><memory unit='MiB'>64</memory>
<vcpu>1</vcpu><os><type>hvm</type></os></domain>`

const secretXML = `<secret ephemeral='no' private='no'>
<uuid>1b4bd5a5-5b4d-4d5a-9a55-3c5c3e0c4d11</uuid>
<usage type='volume'><volume>/go</volume></usage></secret>`

func main() {
	sock, work := os.Args[1], os.Args[2]
	l := libvirt.NewWithDialer(dialers.NewLocal(dialers.WithSocket(sock),
		dialers.WithLocalTimeout(10*time.Second)))
	if err := l.ConnectToURI(libvirt.TestDefault); err != nil {
		fmt.Println("FAIL connect:", err)
		os.Exit(1)
	}
	check("connect test:///default", true)

	typ, err := l.ConnectGetType()
	check("ConnectGetType", err == nil && typ == "TEST")
	ver, err := l.ConnectGetLibVersion()
	check("ConnectGetLibVersion", err == nil && ver >= 9000000)

	doms, _, err := l.ConnectListAllDomains(1, 0)
	if checkErr("ConnectListAllDomains", err) {
		names := []string{}
		for _, d := range doms {
			names = append(names, d.Name)
		}
		check("ConnectListAllDomains lists test", reflect.DeepEqual(names, []string{"test"}))
	}
	test, err := l.DomainLookupByName("test")
	checkErr("DomainLookupByName", err)
	state, _, err := l.DomainGetState(test, 0)
	check("DomainGetState", err == nil && state == int32(libvirt.DomainRunning))
	_, maxMem, _, ncpu, _, err := l.DomainGetInfo(test)
	check("DomainGetInfo", err == nil && maxMem == 8388608 && ncpu == 2)
	xml, err := l.DomainGetXMLDesc(test, 0)
	check("DomainGetXMLDesc", err == nil && strings.Contains(xml, "<name>test</name>"))
	_, err = l.DomainLookupByName("nosuch")
	check(fmt.Sprintf("missing domain: VIR_ERR_NO_DOMAIN (%v)", err), code(err) == 42)

	// Arrays of records.
	vcpus, maps, err := l.DomainGetVcpus(test, 2, 1)
	check("DomainGetVcpus", err == nil && len(vcpus) == 2 && vcpus[1].Number == 1 &&
		len(maps) == 2)
	stats, err := l.DomainMemoryStats(test, 13, 0)
	check("DomainMemoryStats", err == nil && len(stats) > 0)
	recs, err := l.ConnectGetAllDomainStats(nil, uint32(libvirt.DomainStatsState), 0)
	check("ConnectGetAllDomainStats", err == nil && len(recs) == 1 && recs[0].Dom.Name == "test" &&
		len(recs[0].Params) == 2)

	// Lifecycle of a new domain, with its events.
	ctx, cancel := context.WithCancel(context.Background())
	events, err := l.LifecycleEvents(ctx)
	checkErr("LifecycleEvents", err)
	d, err := l.DomainDefineXML(domXML)
	check("DomainDefineXML", err == nil && d.Name == "go1")
	check("DomainCreate", l.DomainCreate(d) == nil)
	check("DomainSuspend", l.DomainSuspend(d) == nil)
	state, _, _ = l.DomainGetState(d, 0)
	check("suspended", state == int32(libvirt.DomainPaused))
	check("DomainResume", l.DomainResume(d) == nil)
	save := filepath.Join(work, "go1.save")
	check("DomainSave", l.DomainSave(d, save) == nil)
	state, _, _ = l.DomainGetState(d, 0)
	check("saved: shut off", state == int32(libvirt.DomainShutoff))
	check("DomainRestore", l.DomainRestore(save) == nil)
	state, _, _ = l.DomainGetState(d, 0)
	check("restored: running", state == int32(libvirt.DomainRunning))
	snap, err := l.DomainSnapshotCreateXML(d, "<domainsnapshot><name>s1</name></domainsnapshot>", 0)
	check("DomainSnapshotCreateXML", err == nil && snap.Name == "s1")
	snaps, n, err := l.DomainListAllSnapshots(d, 1, 0)
	check("DomainListAllSnapshots", err == nil && n == 1 && len(snaps) == 1)
	check("DomainSnapshotDelete", l.DomainSnapshotDelete(snap, 0) == nil)
	check("DomainDestroy", l.DomainDestroy(d) == nil)
	check("DomainUndefine", l.DomainUndefine(d) == nil)

	got := []int32{}
	timeout := time.After(5 * time.Second)
collect:
	for {
		select {
		case ev := <-events:
			if ev.Dom.Name == "go1" {
				got = append(got, ev.Event)
			}
			if ev.Event == int32(libvirt.DomainEventUndefined) {
				break collect
			}
		case <-timeout:
			break collect
		}
	}
	cancel()
	// defined, started, suspended, resumed, stopped (saved), started
	// (restored), stopped (destroyed), undefined.
	expect := []int32{int32(libvirt.DomainEventDefined), int32(libvirt.DomainEventStarted),
		int32(libvirt.DomainEventSuspended), int32(libvirt.DomainEventResumed),
		int32(libvirt.DomainEventStopped), int32(libvirt.DomainEventStarted),
		int32(libvirt.DomainEventStopped), int32(libvirt.DomainEventUndefined)}
	check(fmt.Sprintf("lifecycle events %v", got), reflect.DeepEqual(got, expect))

	// Networks, pools, secrets.
	nets, err := l.ConnectListNetworks(16)
	check("ConnectListNetworks", err == nil && reflect.DeepEqual(nets, []string{"default"}))
	net, err := l.NetworkLookupByName("default")
	if checkErr("NetworkLookupByName", err) {
		x, err := l.NetworkGetXMLDesc(net, 0)
		check("NetworkGetXMLDesc", err == nil && strings.Contains(x, "<name>default</name>"))
	}
	pool, err := l.StoragePoolLookupByName("default-pool")
	if checkErr("StoragePoolLookupByName", err) {
		st, _, _, _, err := l.StoragePoolGetInfo(pool)
		check("StoragePoolGetInfo", err == nil && st == uint8(libvirt.StoragePoolRunning))
	}
	sec, err := l.SecretDefineXML(secretXML, 0)
	if checkErr("SecretDefineXML", err) {
		check("SecretSetValue", l.SecretSetValue(sec, []byte("s3cr\x00t"), 0) == nil)
		v, err := l.SecretGetValue(sec, 0)
		check("SecretGetValue", err == nil && string(v) == "s3cr\x00t")
		check("SecretUndefine", l.SecretUndefine(sec) == nil)
	}
	_, err = l.NetworkLookupByName("nosuch")
	check(fmt.Sprintf("missing network: VIR_ERR_NO_NETWORK (%v)", err), code(err) == 43)

	check("Disconnect", l.Disconnect() == nil)
	fmt.Printf("%d failed\n", failures)
	if failures > 0 {
		os.Exit(1)
	}
}
