#!/bin/sh
# Regenerates the golden candidate lists from Debian's hashcat (6.2.6 was
# used). Run from this directory; needs hashcat, sha256sum, gzip, seq.
set -eu
hc() { hashcat --stdout "$@" 2>/dev/null; }

# Rules: one word at a time (see README.md: hashcat's batched output has a
# defect that makes some results depend on the neighbouring words).
: > best64.out
: > dive.sum
while IFS= read -r w; do
	printf '%s\n' "$w" | hc -r best64.rule >> best64.out
	printf '%s\n' "$w" | hc -r dive.rule > dive.tmp
	printf '%s %s\n' "$(wc -l < dive.tmp)" "$(sha256sum < dive.tmp | cut -d' ' -f1)" >> dive.sum
done < words.txt
head -n 1 words.txt | hc -r dive.rule | gzip -9n > dive-first-word.out.gz
rm -f dive.tmp

# Every supported function, with positions past the end and words at the
# 256-octet limit, one word at a time.
: > functions.out
cat words.txt functions-words.txt | while IFS= read -r w; do
	printf '%s\n' "$w" | hc -r functions.rule >> functions.out
done

# Two rule files combined (-r twice).
printf 'w\nab\n' | hc -r best64.rule -r combine.rule > combine.out

# Block order: 1,030 words and 260 rules (words 1,024 at a time, rules 256
# at a time): line count and SHA-256 of the output.
seq 1 1030 > numbers.txt
hc -r order.rule < numbers.txt > order.tmp
printf '%s %s\n' "$(wc -l < order.tmp)" "$(sha256sum < order.tmp | cut -d' ' -f1)" > order.sum
rm -f order.tmp

# Word-list handling (CRLF, empty lines, $HEX[], long lines).
hc lines.txt > lines.out

# Masks, in charset order (--markov-disable; see README.md).
m() { out=$1; shift; hc -a 3 --markov-disable "$@" > "mask-$out.out"; }
m ld '?l?d'
m a '?a'
m b '?b'
m hH '?h?H'
m s-lit 'a?s??'
m custom -1 'a?d?da' -2 'xy?1' -3 '?H' -4 'b?2' '?1?2?3?4'
m incr --increment '?d?u?l'
m incr-min --increment --increment-min 2 -1 '?dz' '?1?1x?1'
# The Markov order (hashcat's default) of one mask, compared as a set.
hc -a 3 '?l?d?d' | sort > mask-markov-sorted.out
