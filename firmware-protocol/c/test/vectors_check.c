/*
 * vectors_check DIR OUTDIR
 *
 * For each DIR/NAME.bin: splits and decodes the payload with the C codec, writes OUTDIR/NAME.json
 * in the format of vectors/README.md, and re-encodes every frame that decoded OK, requiring the
 * exact input bytes back. Exits non-zero on a re-encoding difference, on an I/O error, or when DIR
 * holds no .bin file. A test tool, not codec code: it uses the heap and stdio.
 *
 * "description" is a generic text: a vector's prose description cannot be derived from its bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plantar_frame.h"

/* ------------------------------------------------------------------ growable output text */

typedef struct {
    char *p;
    size_t len;
    size_t cap;
} text_t;

static void text_reserve(text_t *t, size_t more)
{
    if (t->len + more + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (t->len + more + 1 > cap) {
            cap *= 2;
        }
        t->p = realloc(t->p, cap);
        if (t->p == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        t->cap = cap;
    }
}

static void text_add(text_t *t, const char *s, size_t n)
{
    text_reserve(t, n);
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void text_puts(text_t *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void text_printf(text_t *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void text_printf(text_t *t, const char *fmt, ...)
{
    char buf[128];
    int n;
    va_list ap;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) {
        fprintf(stderr, "format overflow\n");
        exit(2);
    }
    text_add(t, buf, (size_t)n);
}

static void text_hex(text_t *t, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    text_reserve(t, 2 * n + 2);
    t->p[t->len++] = '"';
    for (i = 0; i < n; i++) {
        t->p[t->len++] = digits[p[i] >> 4];
        t->p[t->len++] = digits[p[i] & 15];
    }
    t->p[t->len++] = '"';
    t->p[t->len] = '\0';
}

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 with *bad = length of the maximal
 * ill-formed subpart (Unicode "substitution of maximal subparts", as Java's decoder does). */
static size_t utf8_seq(const uint8_t *p, size_t n, size_t *bad)
{
    uint8_t b = p[0];
    size_t need, i;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        if (b == 0xE0) {
            lo = 0xA0;
        } else if (b == 0xED) {
            hi = 0x9F;
        }
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        if (b == 0xF0) {
            lo = 0x90;
        } else if (b == 0xF4) {
            hi = 0x8F;
        }
    } else {
        *bad = 1;
        return 0;
    }
    for (i = 1; i <= need; i++) {
        uint8_t c;
        if (i >= n) {
            *bad = i;
            return 0;
        }
        c = p[i];
        if (c < lo || c > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

static void text_json_string(text_t *t, const uint8_t *p, size_t n)
{
    size_t i = 0;
    text_puts(t, "\"");
    while (i < n) {
        size_t bad = 0, len = utf8_seq(p + i, n - i, &bad);
        if (len == 0) {
            text_puts(t, "\\ufffd");
            i += bad;
            continue;
        }
        if (len == 1) {
            uint8_t c = p[i];
            if (c == '"') {
                text_puts(t, "\\\"");
            } else if (c == '\\') {
                text_puts(t, "\\\\");
            } else if (c < 0x20) {
                text_printf(t, "\\u%04x", c);
            } else {
                text_add(t, (const char *)&p[i], 1);
            }
        } else {
            text_add(t, (const char *)&p[i], len);
        }
        i += len;
    }
    text_puts(t, "\"");
}

/* ------------------------------------------------------------------ frame to JSON */

static void json_ranges(text_t *t, const uint8_t *ranges, unsigned n)
{
    unsigned i;
    text_puts(t, "[");
    for (i = 0; i < n; i++) {
        uint32_t start;
        uint16_t count;
        plantar_range_get(ranges, i, &start, &count);
        text_printf(t, "%s[%" PRIu32 ", %u]", i ? ", " : "", start, (unsigned)count);
    }
    text_puts(t, "]");
}

static void json_block(text_t *t, const plantar_block_t *b, unsigned k)
{
    const char *enc = plantar_encoding_name(b->encoding);
    text_printf(t, "{\"type\": %u, \"encoding\": ", (unsigned)b->type);
    if (enc != NULL) {
        text_printf(t, "\"%s\"", enc);
    } else {
        text_printf(t, "%u", (unsigned)b->encoding);
    }
    text_printf(t, ", \"channels\": %u, ", (unsigned)b->channels);
    if (b->skipped) {
        text_puts(t, "\"skipped\": true, \"data\": ");
        text_hex(t, b->data, b->data_len);
    } else {
        unsigned s, c;
        text_puts(t, "\"values\": [");
        for (s = 0; s < k; s++) {
            text_puts(t, s ? ", [" : "[");
            for (c = 0; c < b->channels; c++) {
                text_printf(t, "%s%" PRId32, c ? ", " : "", b->values[s * b->channels + c]);
            }
            text_puts(t, "]");
        }
        text_puts(t, "]");
    }
    text_puts(t, "}");
}

static void json_frame(text_t *t, const plantar_frame_t *f)
{
    unsigned i;
    text_printf(t, "    {\"msg_type\": \"%s\", \"compat_flags\": %u, \"device_id\": \"%016" PRIx64
                   "\", \"boot_id\": %" PRIu32 ",\n     \"extensions\": [",
                plantar_msg_type_name(f->msg_type), (unsigned)f->compat_flags, f->device_id,
                f->boot_id);
    for (i = 0; i < f->n_ext; i++) {
        text_printf(t, "%s{\"type\": %u, \"value\": ", i ? ", " : "", (unsigned)f->ext[i].type);
        text_hex(t, f->ext[i].value, f->ext[i].len);
        text_puts(t, "}");
    }
    text_puts(t, "],\n     ");
    switch (f->msg_type) {
    case PLANTAR_MSG_DATA: {
        const plantar_data_t *d = &f->body.data;
        text_printf(t, "\"seq\": %" PRIu32 ", \"t_first_us\": \"%" PRIu64 "\", \"span_us\": %" PRIu32
                       ", \"config_id\": %" PRIu32 ",\n     \"blocks\": [",
                    d->seq, d->t_first_us, d->span_us, d->config_id);
        for (i = 0; i < d->n_blocks; i++) {
            text_puts(t, i ? ",\n       " : "\n       ");
            json_block(t, &d->blocks[i], d->n_samples);
        }
        text_puts(t, "]}");
        break;
    }
    case PLANTAR_MSG_HELLO:
    case PLANTAR_MSG_EVENT:
        text_puts(t, "\"json\": ");
        text_json_string(t, f->body.json.json, f->body.json.len);
        text_puts(t, "}");
        break;
    case PLANTAR_MSG_ACK:
        text_printf(t, "\"next_seq\": %" PRIu32 ", \"ranges\": ", f->body.ack.next_seq);
        json_ranges(t, f->body.ack.ranges, f->body.ack.n_ranges);
        text_puts(t, "}");
        break;
    case PLANTAR_MSG_NACK:
        text_puts(t, "\"ranges\": ");
        json_ranges(t, f->body.nack.ranges, f->body.nack.n_ranges);
        text_puts(t, "}");
        break;
    case PLANTAR_MSG_TIME_REQ:
        text_printf(t, "\"req_id\": %u, \"t0_mono_us\": \"%" PRIu64 "\"}",
                    (unsigned)f->body.time_req.req_id, f->body.time_req.t0_mono_us);
        break;
    case PLANTAR_MSG_TIME_RES:
        text_printf(t, "\"req_id\": %u, \"t0_mono_us\": \"%" PRIu64 "\", ",
                    (unsigned)f->body.time_res.req_id, f->body.time_res.t0_mono_us);
        text_printf(t, "\"t1_utc_us\": \"%" PRId64 "\", \"t2_utc_us\": \"%" PRId64 "\"}",
                    f->body.time_res.t1_utc_us, f->body.time_res.t2_utc_us);
        break;
    default:
        text_printf(t, "\"mono_us\": \"%" PRIu64 "\", \"utc_us\": \"%" PRId64 "\", ",
                    f->body.anchor.mono_us, f->body.anchor.utc_us);
        text_printf(t, "\"rtt_us\": %" PRIu32 ", \"source\": %u}", f->body.anchor.rtt_us,
                    (unsigned)f->body.anchor.source);
        break;
    }
}

/* ------------------------------------------------------------------ files */

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;
    if (fp == NULL) {
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            if (buf == NULL) {
                fclose(fp);
                return NULL;
            }
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(fp)) {
        fclose(fp);
        free(buf);
        return NULL;
    }
    fclose(fp);
    *len = n;
    return buf;
}

static void print_diff(const char *name, size_t frame_no, const uint8_t *want, size_t want_len,
                       const uint8_t *got, size_t got_len)
{
    size_t i, at = 0, from, to;
    while (at < want_len && at < got_len && want[at] == got[at]) {
        at++;
    }
    fprintf(stderr, "%s: frame %zu re-encodes differently: input %zu bytes, re-encoded %zu bytes, "
                    "first difference at offset %zu\n",
            name, frame_no, want_len, got_len, at);
    from = at >= 16 ? at - 16 : 0;
    to = at + 16;
    fprintf(stderr, "  offset %zu..\n  input:     ", from);
    for (i = from; i < to && i < want_len; i++) {
        fprintf(stderr, i == at ? "[%02x]" : "%02x ", want[i]);
    }
    fprintf(stderr, "\n  re-encoded:");
    for (i = from; i < to && i < got_len; i++) {
        fprintf(stderr, i == at ? "[%02x]" : "%02x ", got[i]);
    }
    fprintf(stderr, "\n");
}

typedef struct {
    unsigned files;
    unsigned frames;
    unsigned reencode_failures;
    unsigned io_errors;
} stats_t;

static void check_one(const char *dir, const char *outdir, const char *name, stats_t *st,
                      int32_t *values, uint8_t *enc)
{
    char path[4096];
    size_t len = 0, off = 0, n = 0;
    uint8_t *payload;
    plantar_splitter_t sp;
    plantar_frame_t *f = malloc(sizeof *f);
    plantar_result_t r;
    text_t frames = {NULL, 0, 0}, out = {NULL, 0, 0};
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    payload = read_all(path, &len);
    if (payload == NULL || f == NULL) {
        fprintf(stderr, "%s: cannot read\n", path);
        st->io_errors++;
        free(f);
        return;
    }
    st->files++;
    text_puts(&frames, "");
    plantar_splitter_init(&sp, payload, len);
    while ((r = plantar_splitter_next(&sp, f, values, PLANTAR_MAX_DECODED_VALUES, &off)) ==
           PLANTAR_OK) {
        size_t elen = 0;
        plantar_result_t er;
        text_puts(&frames, n ? ",\n" : "\n");
        json_frame(&frames, f);
        er = plantar_encode(f, enc, PLANTAR_MAX_FRAME_LEN, &elen);
        if (er != PLANTAR_OK) {
            fprintf(stderr, "%s: frame %zu decoded OK but does not re-encode: %s\n", name, n,
                    plantar_result_name(er));
            st->reencode_failures++;
        } else if (elen != f->frame_len || memcmp(enc, payload + off, elen) != 0) {
            print_diff(name, n, payload + off, f->frame_len, enc, elen);
            st->reencode_failures++;
        }
        n++;
    }
    st->frames += (unsigned)n;
    if (r == PLANTAR_ERR_CAPACITY) {
        fprintf(stderr, "%s: value buffer too small (cannot happen with the maximum)\n", name);
        st->io_errors++;
    }

    /* the prose description of a vector cannot be derived from its bytes */
    text_puts(&out, "{\n  \"description\": ");
    snprintf(path, sizeof path, "decoded by the C reference codec from %s.bin", name);
    text_json_string(&out, (const uint8_t *)path, strlen(path));
    text_printf(&out, ",\n  \"expect\": \"%s\",\n  \"frames\": [",
                r == PLANTAR_END_OF_PAYLOAD ? "OK" : plantar_result_name(r));
    text_puts(&out, frames.p);
    text_puts(&out, n ? "\n  ]\n}\n" : "]\n}\n");

    snprintf(path, sizeof path, "%s/%s.json", outdir, name);
    fp = fopen(path, "wb");
    if (fp == NULL || fwrite(out.p, 1, out.len, fp) != out.len || fclose(fp) != 0) {
        fprintf(stderr, "%s: cannot write\n", path);
        st->io_errors++;
    }
    printf("%-48s %-26s %zu frame(s)\n", name,
           r == PLANTAR_END_OF_PAYLOAD ? "OK" : plantar_result_name(r), n);
    free(frames.p);
    free(out.p);
    free(payload);
    free(f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n_names = 0, i;
    stats_t st = {0, 0, 0, 0};
    int32_t *values;
    uint8_t *enc;

    if (argc != 3) {
        fprintf(stderr, "usage: %s DIR OUTDIR\n", argv[0]);
        return 2;
    }
    if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "cannot create %s: %s\n", argv[2], strerror(errno));
        return 2;
    }
    d = opendir(argv[1]);
    if (d == NULL) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".bin") == 0) {
            names = realloc(names, (n_names + 1) * sizeof *names);
            names[n_names] = malloc(l - 3);
            memcpy(names[n_names], e->d_name, l - 4);
            names[n_names][l - 4] = '\0';
            n_names++;
        }
    }
    closedir(d);
    if (n_names == 0) {
        fprintf(stderr, "no .bin vectors in %s\n", argv[1]);
        return 1;
    }
    qsort(names, n_names, sizeof *names, cmp_names);
    values = malloc(PLANTAR_MAX_DECODED_VALUES * sizeof *values);
    enc = malloc(PLANTAR_MAX_FRAME_LEN);
    if (values == NULL || enc == NULL) {
        return 2;
    }
    for (i = 0; i < n_names; i++) {
        check_one(argv[1], argv[2], names[i], &st, values, enc);
        free(names[i]);
    }
    free(names);
    free(values);
    free(enc);
    printf("%u payloads, %u frames decoded, %u re-encoding failures, %u I/O errors\n", st.files,
           st.frames, st.reencode_failures, st.io_errors);
    return (st.reencode_failures == 0 && st.io_errors == 0) ? 0 : 1;
}
