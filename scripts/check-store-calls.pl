#!/usr/bin/perl
# make lint: the store convention (1 found / 0 not found / -1 error) must not be read as a boolean.
# A call to a function that follows it is allowed only where the -1 cannot be mistaken for
# "missing" or "out of scope": assigned to a variable, returned as it is, or compared `< 0`.
# The functions: those named below, and every prototype in fcgi/ whose comment says
# "1 found ... 0 not found ... -1 error" or "1/0/-1".
use strict;
use warnings;

my @files = (glob("fcgi/*/*.c"), glob("fcgi/*.c"));
my %fn = map { $_ => 1 } qw(db_query_int db_query_row_json scope_has_unit plan_writable);
for my $h (glob("fcgi/*/*.h"), glob("fcgi/*/*.c")) {
    open my $fh, '<', $h or die "$h: $!";
    my $comment = '';
    while (my $l = <$fh>) {
        if ($l =~ m{^\s*(/\*|\*|//)}) { $comment .= $l; next; }
        if ($l =~ /^\s*(?:static\s+)?int\s+\**(\w+)\s*\(/) {
            my $name = $1;
            $fn{$name} = 1 if $comment =~ /1 found.*0 not found.*-1|1\/0\/-1/s;
        }
        $comment = '' unless $l =~ /^\s*$/;
    }
}
my $names = join '|', sort keys %fn;
my $paren;
$paren = qr/\((?:[^()]++|(??{$paren}))*+\)/;
my $bad = 0;
for my $f (@files) {
    open my $fh, '<', $f or die "$f: $!";
    local $/;
    my $src = <$fh>;
    (my $code = $src) =~ s{/\*.*?\*/}{my $c = $&; $c =~ s/[^\n]/ /g; $c}gse;    # keep line numbers
    $code =~ s{"(?:[^"\\\n]|\\.)*"}{my $c = $&; $c =~ s/[^\n]/ /g; $c}ge;
    while ($code =~ /\b($names)\s*($paren)/g) {
        my ($name, $start, $end) = ($1, $-[0], $+[0]);
        my $before = substr($code, 0, $start);
        my $after = substr($code, $end, 200);
        # The definition or a prototype: "int name(" at the start of a line.
        next if $before =~ /(^|\n)\s*(?:static\s+)?(?:int|json_t\s*\*)\s*\**$/;
        my $ok = $before =~ /(?<![=!<>])=\s*$/ || $before =~ /\breturn\s*$/;
        $ok ||= $after =~ /^\s*<\s*0/;
        # An operand of ?: whose statement assigns or returns the whole value, and that is not
        # compared afterwards: "x = c ? f(...) : 0;", "return c ? f(...) : -1;".
        if (!$ok && $before =~ /[?:]\s*$/ && $after =~ /^\s*[:;)]/) {
            my ($stmt) = $before =~ /([^;{}]*)$/;
            $ok = $stmt =~ /(?<![=!<>])=(?!=)/ || $stmt =~ /^\s*return\b/;
        }
        next if $ok;
        my $line = 1 + ($before =~ tr/\n//);
        print "$f:$line: $name(...) read as a boolean: assign it, return it, or test < 0 first (1/0/-1)\n";
        $bad++;
    }
}
exit($bad ? 1 : 0);
