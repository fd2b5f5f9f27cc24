#!/usr/bin/perl
# nuvirtd_sysvirt.pl SOCKET: Debian's Sys::Virt (Perl, on stock libvirt.so)
# against nuvirtd on test:///default.  Prints PASS/FAIL lines; exits 1 on
# any failure.
use strict;
use warnings;
use Sys::Virt;
use Sys::Virt::Domain;

my $sock = shift;
my $failures = 0;
sub check {
    my ($name, $ok) = @_;
    print(($ok ? "PASS " : "FAIL ") . "$name\n");
    $failures++ unless $ok;
}

my $conn = Sys::Virt->new(uri => "test+unix:///default?socket=$sock");
check("connect", defined $conn);
check("get_type", $conn->get_type() eq "TEST");
my @doms = $conn->list_all_domains();
check("list_all_domains", join(",", map { $_->get_name() } @doms) eq "test");
my $dom = $conn->get_domain_by_name("test");
my $info = $dom->get_info();
check("get_info", $info->{state} == Sys::Virt::Domain::STATE_RUNNING && $info->{nrVirtCpu} == 2);
check("get_xml_description", $dom->get_xml_description() =~ m{<name>test</name>});
my @vcpus = $dom->get_vcpu_info();
check("get_vcpu_info", scalar(@vcpus) == 2 && $vcpus[1]->{number} == 1);
my @stats = $conn->get_all_domain_stats(Sys::Virt::Domain::STATS_STATE);
check("get_all_domain_stats", scalar(@stats) == 1 && $stats[0]->{dom}->get_name() eq "test" &&
      $stats[0]->{data}->{"state.state"} == Sys::Virt::Domain::STATE_RUNNING);

my $xml = "<domain type='test'><name>pl1</name><memory unit='MiB'>64</memory>" .
          "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";
my $d = $conn->define_domain($xml);
check("define_domain", $d->get_name() eq "pl1" && !$d->is_active());
$d->create();
check("create", $d->is_active());
$d->suspend();
check("suspend", ($d->get_state())[0] == Sys::Virt::Domain::STATE_PAUSED);
$d->resume();
check("resume", ($d->get_state())[0] == Sys::Virt::Domain::STATE_RUNNING);
$d->destroy();
$d->undefine();
check("destroy, undefine", !defined eval { $conn->get_domain_by_name("pl1") });

eval { $conn->get_domain_by_name("nosuch") };
check("missing domain: VIR_ERR_NO_DOMAIN", ref($@) && $@->code == Sys::Virt::Error::ERR_NO_DOMAIN);
check("list_networks", join(",", $conn->list_network_names(16)) eq "default");
my $sec = $conn->define_secret("<secret ephemeral='no' private='no'>" .
    "<uuid>2c5bd5a5-5b4d-4d5a-9a55-3c5c3e0c4d12</uuid>" .
    "<usage type='volume'><volume>/pl</volume></usage></secret>");
$sec->set_value("perl\0value");
check("secret set_value/get_value", $sec->get_value() eq "perl\0value");
$sec->undefine();

my $ro = Sys::Virt->new(uri => "test+unix:///default?socket=$sock-ro", readonly => 1);
eval { $ro->get_domain_by_name("test")->destroy() };
check("read-only socket refuses destroy", ref($@) && $@->code == 29);   # VIR_ERR_OPERATION_DENIED
print "$failures failed\n";
exit($failures ? 1 : 0);
