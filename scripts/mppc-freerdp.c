/*
 * mppc-freerdp: run FreeRDP's MPPC codec (libfreerdp2, RDP 4.0 8 KB mode,
 * the encoding PPTP uses) over a file of records, for pptpscope's MPPC
 * cross-check (scripts/mppc-freerdp-crosscheck.sh). Only FreeRDP's public
 * API is called.
 *
 *   mppc-freerdp compress   IN OUT   compress each record's data in order
 *   mppc-freerdp decompress IN OUT   decompress each record in order
 *
 * Record: flags (1 octet: 0x80 flushed, 0x40 at front, 0x20 compressed,
 * the high octet of the MPPE/MPPC header), length (2 octets, big-endian),
 * data. compress writes FreeRDP's flags and output; decompress writes
 * flags 0 and the decompressed data. Exit status 1 on any codec error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <freerdp/codec/mppc.h>

static int get(FILE *f, unsigned *flags, BYTE *buf, UINT32 *n)
{
	int fl = fgetc(f), h, l;
	if (fl == EOF)
		return 0;
	h = fgetc(f);
	l = fgetc(f);
	if (h == EOF || l == EOF)
		return -1;
	*flags = (unsigned)fl;
	*n = (UINT32)(h << 8 | l);
	if (*n && fread(buf, 1, *n, f) != *n)
		return -1;
	return 1;
}

static void put(FILE *f, unsigned flags, const BYTE *buf, UINT32 n)
{
	fputc((int)(flags & 0xFF), f);
	fputc((int)(n >> 8), f);
	fputc((int)(n & 0xFF), f);
	fwrite(buf, 1, n, f);
}

int main(int argc, char **argv)
{
	static BYTE in[65536], out[65536];
	int compress, r;
	long rec = 0;
	unsigned flags;
	UINT32 n;
	FILE *fi, *fo;
	MPPC_CONTEXT *ctx;

	if (argc != 4 || (strcmp(argv[1], "compress") && strcmp(argv[1], "decompress"))) {
		fprintf(stderr, "usage: %s compress|decompress IN OUT\n", argv[0]);
		return 2;
	}
	compress = strcmp(argv[1], "compress") == 0;
	fi = fopen(argv[2], "rb");
	fo = fopen(argv[3], "wb");
	if (!fi || !fo) {
		perror("open");
		return 2;
	}
	ctx = mppc_context_new(0, compress ? TRUE : FALSE); /* level 0: RDP 4.0, 8 KB */
	while ((r = get(fi, &flags, in, &n)) > 0) {
		BYTE *dst = out;
		UINT32 dstSize = sizeof(out);
		UINT32 fl = 0;
		if (compress)
			r = mppc_compress(ctx, in, n, &dst, &dstSize, &fl);
		else
			r = mppc_decompress(ctx, in, n, &dst, &dstSize, flags);
		if (r < 0) {
			fprintf(stderr, "record %ld: %s returned %d\n", rec, argv[1], r);
			return 1;
		}
		put(fo, compress ? fl : 0, dst, dstSize);
		rec++;
	}
	if (r < 0) {
		fprintf(stderr, "record %ld: truncated input\n", rec);
		return 1;
	}
	mppc_context_free(ctx);
	fclose(fo);
	fprintf(stderr, "%s: %ld records\n", argv[1], rec);
	return 0;
}
