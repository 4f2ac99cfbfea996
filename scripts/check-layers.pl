#!/usr/bin/env perl
# Layer check: no #include and no extern across a forbidden arrow between fcgi/ layers.
#
# The layers call downward only: lib <- core (pure) <- store, server <- api (main.c wires them).
# A file in layer L may not include a header of, nor declare extern a symbol defined in, any
# layer in $forbidden{L}. Usage: perl scripts/check-layers.pl [fcgi-dir]; exit 1 on a finding.
use strict;
use warnings;

my $root = shift // do { (my $d = $0) =~ s{[^/]*$}{}; ($d || './') . '../fcgi' };
my %forbidden = (
    lib    => [qw(core store server api)],
    core   => [qw(store server api)],
    store  => [qw(server api)],
    server => [qw(store api)],
    api    => [],
);

sub slurp {
    my ($path) = @_;
    open my $fh, '<', $path or die "check-layers: cannot read $path: $!\n";
    local $/;
    my $s = <$fh>;
    close $fh;
    return $s;
}

# Comments out, so that a comment naming another layer's file or symbol is not a finding.
sub strip_comments {
    my ($s) = @_;
    $s =~ s{/\*.*?\*/}{my $c = $&; $c =~ tr/\n//cd; $c}gse;
    $s =~ s{//[^\n]*}{}g;
    return $s;
}

my %files;    # layer => [paths]
for my $layer (keys %forbidden) {
    $files{$layer} = [sort glob("$root/$layer/*.c $root/$layer/*.h")];
}

# Symbols defined at file scope (functions and variables with external linkage), by layer.
my %defined_in;
for my $layer (keys %files) {
    for my $path (grep {/\.c$/} @{$files{$layer}}) {
        for my $line (split /\n/, strip_comments(slurp($path))) {
            next if $line =~ /^\s|^#|^(static|extern|typedef)\b|^[}{]|^$/;
            next if $line =~ /^(struct|enum|union)\s+\w+\s*\{/;
            if ($line =~ /\b([A-Za-z_]\w*)\s*\(/ && $line !~ /^\w[^(]*\(\s*\*/) {
                $defined_in{$1} //= $layer;    # a function's name comes before its '('
            } elsif ($line =~ /\b([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*(=|;)/) {
                $defined_in{$1} //= $layer;
            } elsif ($line =~ /\(\s*\*\s*([A-Za-z_]\w*)\s*\)\s*\(/) {
                $defined_in{$1} //= $layer;    # a function pointer variable
            }
        }
    }
}

my $bad = 0;
for my $layer (sort keys %files) {
    my %no = map { $_ => 1 } @{$forbidden{$layer}};
    next unless %no;
    for my $path (@{$files{$layer}}) {
        my $n = 0;
        (my $rel = $path) =~ s{^\Q$root\E/}{fcgi/};
        for my $line (split /\n/, strip_comments(slurp($path))) {
            $n++;
            if ($line =~ /^\s*#\s*include\s*"(\w+)\//) {
                if ($no{$1}) {
                    print "$rel:$n: $layer includes $1/ ($layer -> $1 is forbidden)\n";
                    $bad++;
                }
            }
            if ($line =~ /^\s*extern\b(?!\s*"C")(.*)/) {
                my $decl = $1;
                my $name;
                if ($decl =~ /\(\s*\*\s*([A-Za-z_]\w*)\s*\)/) {
                    $name = $1;
                } elsif ($decl =~ /\b([A-Za-z_]\w*)\s*\(/) {
                    $name = $1;
                } elsif ($decl =~ /\b([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*;/) {
                    $name = $1;
                }
                my $owner = defined $name ? $defined_in{$name} : undef;
                if ($owner && $no{$owner}) {
                    print "$rel:$n: $layer declares extern $name, defined in $owner/ "
                        . "($layer -> $owner is forbidden)\n";
                    $bad++;
                }
            }
        }
    }
}
if ($bad) {
    print "check-layers: $bad finding(s); the layer rules are in docs/CONTRIBUTING.md\n";
    exit 1;
}
print "check-layers: ok\n";
exit 0;
