/* Plantar wire protocol v1: decoder, splitter and canonical encoder (PROTOCOL.md). */
#include "plantar_frame.h"

#include <string.h>

/* ---------------------------------------------------------------- little-endian access */

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)((uint16_t)p[0] | (uint16_t)((uint16_t)p[1] << 8));
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t rd64(const uint8_t *p)
{
    return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}

/* Two's complement without relying on implementation-defined unsigned-to-signed conversion. */
static int64_t as_i64(uint64_t u)
{
    if (u <= (uint64_t)INT64_MAX) {
        return (int64_t)u;
    }
    return -(int64_t)(~u) - 1;
}

static int32_t sext(uint32_t bits, unsigned width)
{
    uint32_t sign = (uint32_t)1U << (width - 1U);
    return (int32_t)((bits & ((sign << 1) - 1U)) ^ sign) - (int32_t)sign;
}

static void wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v & 0xFFU);
    p[1] = (uint8_t)(v >> 8);
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v & 0xFFU);
    p[1] = (uint8_t)((v >> 8) & 0xFFU);
    p[2] = (uint8_t)((v >> 16) & 0xFFU);
    p[3] = (uint8_t)(v >> 24);
}

void plantar_range_get(const uint8_t *ranges, unsigned i, uint32_t *start, uint16_t *count)
{
    const uint8_t *p = ranges + (size_t)i * 6U;
    *start = rd32(p);
    *count = rd16(p + 4);
}

void plantar_range_put(uint8_t *ranges, unsigned i, uint32_t start, uint16_t count)
{
    uint8_t *p = ranges + (size_t)i * 6U;
    wr32(p, start);
    wr16(p + 4, count);
}

/* ---------------------------------------------------------------- names */

const char *plantar_result_name(plantar_result_t r)
{
    static const char *const reasons[] = {
        "OK", "TRUNCATED", "BAD_MAGIC", "UNSUPPORTED_VERSION", "CRC_MISMATCH",
        "UNKNOWN_INCOMPAT_FLAG", "RESERVED_NONZERO", "UNKNOWN_MESSAGE_TYPE", "EXTENSION_OVERRUN",
        "BAD_EXTENSION", "BODY_LENGTH_MISMATCH", "SAMPLE_COUNT_OUT_OF_RANGE", "SPAN_INVALID",
        "BLOCK_COUNT_OUT_OF_RANGE", "BLOCK_OVERRUN", "CHANNEL_COUNT_OUT_OF_RANGE",
        "BLOCK_LENGTH_MISMATCH", "DELTA_WIDTH_OUT_OF_RANGE", "NONZERO_PADDING", "DUPLICATE_BLOCK",
        "TRAILING_BYTES", "BAD_RANGE"};
    if ((unsigned)r < sizeof reasons / sizeof reasons[0]) {
        return reasons[r];
    }
    switch (r) {
    case PLANTAR_END_OF_PAYLOAD: return "END_OF_PAYLOAD";
    case PLANTAR_ERR_ARGUMENT: return "ERR_ARGUMENT";
    case PLANTAR_ERR_CAPACITY: return "ERR_CAPACITY";
    case PLANTAR_ERR_VALUE_RANGE: return "ERR_VALUE_RANGE";
    case PLANTAR_ERR_TOO_LARGE: return "ERR_TOO_LARGE";
    default: return "UNKNOWN_RESULT";
    }
}

const char *plantar_msg_type_name(unsigned msg_type)
{
    static const char *const names[] = {"DATA", "HELLO", "ACK", "NACK",
                                        "TIME_REQ", "TIME_RES", "ANCHOR", "EVENT"};
    return (msg_type >= 1U && msg_type <= 8U) ? names[msg_type - 1U] : NULL;
}

const char *plantar_encoding_name(unsigned encoding)
{
    static const char *const names[] = {"RAW16", "PACK12", "DELTA"};
    return encoding <= 2U ? names[encoding] : NULL;
}

/* ---------------------------------------------------------------- block rules (§6.2, §7) */

static int block_type_known(unsigned type)
{
    return type >= PLANTAR_BLOCK_PRESSURE && type <= PLANTAR_BLOCK_TEMPERATURE;
}

static int block_signed(unsigned type)
{
    return type != PLANTAR_BLOCK_PRESSURE;
}

static int channels_valid(unsigned type, unsigned n)
{
    switch (type) {
    case PLANTAR_BLOCK_PRESSURE: return n >= 1U && n <= 64U;
    case PLANTAR_BLOCK_IMU6: return n == 6U;
    default: return n >= 1U && n <= 8U; /* TEMPERATURE */
    }
}

/* Bits used in the last byte of a bitstream of `bits` bits must leave the rest zero (§2). */
static int padding_clean(const uint8_t *stream, uint32_t bits)
{
    unsigned used = (unsigned)(bits & 7U);
    if (used == 0U) {
        return 1;
    }
    return (stream[bits >> 3] >> used) == 0U;
}

/* LSB-first bit reader over a region whose length was validated against the bit count. */
typedef struct {
    const uint8_t *p;
    uint32_t acc;
    unsigned n;
} bit_reader_t;

static uint32_t read_bits(bit_reader_t *r, unsigned w)
{
    uint32_t v;
    while (r->n < w) {
        r->acc |= (uint32_t)(*r->p++) << r->n;
        r->n += 8U;
    }
    v = r->acc & (((uint32_t)1U << w) - 1U);
    r->acc >>= w;
    r->n -= w;
    return v;
}

static int32_t value_of(uint32_t u16bits, int is_signed)
{
    return is_signed ? sext(u16bits, 16U) : (int32_t)u16bits;
}

/*
 * Validates the data of a known block (type, encoding and channels already checked, data_len
 * within the body) and, when out is not NULL, writes its K*N values sample-major.
 */
static plantar_result_t decode_block_data(const uint8_t *d, uint32_t data_len, unsigned type,
                                          unsigned enc, uint32_t k, uint32_t n, int32_t *out)
{
    const int sgn = block_signed(type);
    uint32_t s, c;

    if (enc == PLANTAR_ENC_RAW16) {
        if (data_len != 2U * k * n) {
            return PLANTAR_BLOCK_LENGTH_MISMATCH;
        }
        if (out != NULL) {
            for (s = 0; s < k * n; s++) {
                out[s] = value_of(rd16(d + 2U * s), sgn);
            }
        }
        return PLANTAR_OK;
    }
    if (enc == PLANTAR_ENC_PACK12) {
        const uint32_t bits = 12U * k * n;
        if (data_len != (bits + 7U) / 8U) {
            return PLANTAR_BLOCK_LENGTH_MISMATCH;
        }
        if (!padding_clean(d, bits)) {
            return PLANTAR_NONZERO_PADDING;
        }
        if (out != NULL) {
            bit_reader_t r;
            r.p = d;
            r.acc = 0U;
            r.n = 0U;
            for (s = 0; s < k * n; s++) {
                uint32_t v = read_bits(&r, 12U);
                out[s] = sgn ? sext(v, 12U) : (int32_t)v;
            }
        }
        return PLANTAR_OK;
    }
    /* DELTA: ref[N] u16, width[N] u8, channel-major bitstream of K-1 deltas per channel */
    {
        uint32_t sum_w = 0U;
        uint32_t bits;
        if (data_len < 3U * n) {
            return PLANTAR_BLOCK_LENGTH_MISMATCH;
        }
        for (c = 0; c < n; c++) {
            unsigned w = d[2U * n + c];
            if (w > 16U) {
                return PLANTAR_DELTA_WIDTH_OUT_OF_RANGE;
            }
            sum_w += w;
        }
        bits = (k - 1U) * sum_w;
        if (data_len != 3U * n + (bits + 7U) / 8U) {
            return PLANTAR_BLOCK_LENGTH_MISMATCH;
        }
        if (!padding_clean(d + 3U * n, bits)) {
            return PLANTAR_NONZERO_PADDING;
        }
        if (out != NULL) {
            bit_reader_t r;
            r.p = d + 3U * n;
            r.acc = 0U;
            r.n = 0U;
            for (c = 0; c < n; c++) {
                const unsigned w = d[2U * n + c];
                uint32_t prev = rd16(d + 2U * c);
                out[c] = value_of(prev, sgn);
                for (s = 1; s < k; s++) {
                    if (w != 0U) {
                        int32_t delta = sext(read_bits(&r, w), w);
                        prev = ((uint32_t)((int32_t)prev + delta)) & 0xFFFFU;
                    }
                    out[s * n + c] = value_of(prev, sgn);
                }
            }
        }
        return PLANTAR_OK;
    }
}

/* ---------------------------------------------------------------- decoder */

static plantar_result_t decode_data(const uint8_t *frame, uint32_t body_off, uint32_t body_len,
                                    plantar_frame_t *out, int32_t *values, size_t values_cap)
{
    const uint8_t *b = frame + body_off;
    plantar_data_t *dt = &out->body.data;
    uint32_t k, nb, i, pos;
    unsigned seen = 0U;
    size_t used = 0U;
    int overflow = 0;

    if (body_len < 24U) {
        return PLANTAR_BODY_LENGTH_MISMATCH;
    }
    dt->seq = rd32(b);
    dt->t_first_us = rd64(b + 4);
    dt->span_us = rd32(b + 12);
    k = rd16(b + 16);
    nb = b[18];
    dt->config_id = rd32(b + 20);
    if (k == 0U || k > PLANTAR_MAX_SAMPLES) {
        return PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE;
    }
    if (k == 1U && dt->span_us != 0U) {
        return PLANTAR_SPAN_INVALID;
    }
    if (nb == 0U || nb > PLANTAR_MAX_BLOCKS) {
        return PLANTAR_BLOCK_COUNT_OUT_OF_RANGE;
    }
    if (b[19] != 0U) {
        return PLANTAR_RESERVED_NONZERO;
    }
    dt->n_samples = (uint16_t)k;
    dt->n_blocks = (uint8_t)nb;

    pos = 24U;
    for (i = 0; i < nb; i++) {
        plantar_block_t *blk = &dt->blocks[i];
        const uint8_t *h = b + pos;
        unsigned type, enc, ch;
        uint32_t dlen;
        int known;

        /* §12 step 4, per block: overrun; skip if unknown; reserved, channels, duplicate; data */
        if (body_len - pos < 6U) {
            return PLANTAR_BLOCK_OVERRUN;
        }
        type = h[0];
        enc = h[1];
        ch = h[2];
        dlen = rd16(h + 4);
        if (dlen > body_len - pos - 6U) {
            return PLANTAR_BLOCK_OVERRUN;
        }
        known = block_type_known(type) && enc <= PLANTAR_ENC_DELTA;
        if (known) {
            if (h[3] != 0U) {
                return PLANTAR_RESERVED_NONZERO;
            }
            if (!channels_valid(type, ch)) {
                return PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE;
            }
            if ((seen & (1U << type)) != 0U) {
                return PLANTAR_DUPLICATE_BLOCK;
            }
            seen |= 1U << type;
        }
        blk->type = (uint8_t)type;
        blk->encoding = (uint8_t)enc;
        blk->channels = (uint8_t)ch;
        blk->skipped = (uint8_t)!known;
        blk->data_offset = body_off + pos + 6U;
        blk->data_len = (uint16_t)dlen;
        blk->data = h + 6;
        blk->values = NULL;
        if (known) {
            const size_t count = (size_t)k * ch;
            int32_t *dst = NULL;
            plantar_result_t r;
            if (!overflow && values != NULL && count <= values_cap - used) {
                dst = values + used;
            } else {
                overflow = 1;
            }
            r = decode_block_data(h + 6, dlen, type, enc, k, ch, dst);
            if (r != PLANTAR_OK) {
                return r;
            }
            if (dst != NULL) {
                blk->values = dst;
                used += count;
            }
        } else {
            out->n_skipped_blocks++;
        }
        pos += 6U + dlen;
    }
    if (pos != body_len) {
        return PLANTAR_TRAILING_BYTES;
    }
    return overflow ? PLANTAR_ERR_CAPACITY : PLANTAR_OK;
}

static plantar_result_t check_ranges(const uint8_t *ranges, unsigned n)
{
    unsigned i;
    for (i = 0; i < n; i++) {
        if (rd16(ranges + 6U * i + 4U) == 0U) {
            return PLANTAR_BAD_RANGE;
        }
    }
    return PLANTAR_OK;
}

static plantar_result_t decode_body(const uint8_t *frame, uint32_t body_off, uint32_t body_len,
                                    plantar_frame_t *out, int32_t *values, size_t values_cap)
{
    const uint8_t *b = frame + body_off;
    switch (out->msg_type) {
    case PLANTAR_MSG_DATA:
        return decode_data(frame, body_off, body_len, out, values, values_cap);
    case PLANTAR_MSG_HELLO:
    case PLANTAR_MSG_EVENT:
        if (body_len == 0U) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        out->body.json.json = b;
        out->body.json.len = (uint16_t)body_len;
        return PLANTAR_OK;
    case PLANTAR_MSG_ACK:
        if (body_len < 5U || body_len != 5U + 6U * (uint32_t)b[4]) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        out->body.ack.next_seq = rd32(b);
        out->body.ack.n_ranges = b[4];
        out->body.ack.ranges = b + 5;
        return check_ranges(b + 5, b[4]);
    case PLANTAR_MSG_NACK:
        if (body_len < 1U || body_len != 1U + 6U * (uint32_t)b[0]) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        if (b[0] == 0U) {
            return PLANTAR_BAD_RANGE;
        }
        out->body.nack.n_ranges = b[0];
        out->body.nack.ranges = b + 1;
        return check_ranges(b + 1, b[0]);
    case PLANTAR_MSG_TIME_REQ:
        if (body_len != 10U) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        out->body.time_req.req_id = rd16(b);
        out->body.time_req.t0_mono_us = rd64(b + 2);
        return PLANTAR_OK;
    case PLANTAR_MSG_TIME_RES:
        if (body_len != 26U) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        out->body.time_res.req_id = rd16(b);
        out->body.time_res.t0_mono_us = rd64(b + 2);
        out->body.time_res.t1_utc_us = as_i64(rd64(b + 10));
        out->body.time_res.t2_utc_us = as_i64(rd64(b + 18));
        return PLANTAR_OK;
    default: /* ANCHOR: msg_type was range-checked before */
        if (body_len != 21U) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        out->body.anchor.mono_us = rd64(b);
        out->body.anchor.utc_us = as_i64(rd64(b + 8));
        out->body.anchor.rtt_us = rd32(b + 16);
        out->body.anchor.source = b[20];
        return PLANTAR_OK;
    }
}

static plantar_result_t decode_frame(const uint8_t *buf, size_t len, plantar_frame_t *out,
                                     int32_t *values, size_t values_cap, size_t *frame_len)
{
    uint32_t ext_len, body_len, flen, pos, end;

    if (len < PLANTAR_FRAME_OVERHEAD) {
        return PLANTAR_TRUNCATED;
    }
    ext_len = buf[6];
    body_len = rd16(buf + 20);
    flen = PLANTAR_FRAME_OVERHEAD + ext_len + body_len;
    if (frame_len != NULL) {
        *frame_len = flen;
    }
    if (buf[0] != 0x49U || buf[1] != 0x4EU) {
        return PLANTAR_BAD_MAGIC;
    }
    if (buf[2] != PLANTAR_VERSION) {
        return PLANTAR_UNSUPPORTED_VERSION;
    }
    if (len < flen) {
        return PLANTAR_TRUNCATED;
    }
    if (plantar_crc32c(buf, flen - 4U) != rd32(buf + flen - 4U)) {
        return PLANTAR_CRC_MISMATCH;
    }
    if (buf[4] != 0U) {
        return PLANTAR_UNKNOWN_INCOMPAT_FLAG;
    }
    if (buf[7] != 0U || buf[22] != 0U || buf[23] != 0U) {
        return PLANTAR_RESERVED_NONZERO;
    }
    if (buf[3] < PLANTAR_MSG_DATA || buf[3] > PLANTAR_MSG_EVENT) {
        return PLANTAR_UNKNOWN_MESSAGE_TYPE;
    }
    out->msg_type = buf[3];
    out->compat_flags = buf[5];
    out->unknown_compat_bits = (uint8_t)(buf[5] & (uint8_t)~PLANTAR_COMPAT_KNOWN_MASK);
    out->device_id = rd64(buf + 8);
    out->boot_id = rd32(buf + 16);
    out->frame = buf;
    out->frame_len = flen;
    out->ext_len = (uint8_t)ext_len;
    out->body_len = (uint16_t)body_len;

    pos = PLANTAR_HEADER_LEN;
    end = PLANTAR_HEADER_LEN + ext_len;
    while (pos < end) {
        plantar_ext_t *e;
        if (end - pos < 2U || buf[pos + 1U] > end - pos - 2U) {
            return PLANTAR_EXTENSION_OVERRUN;
        }
        if (buf[pos] == PLANTAR_EXT_TIME_ESTIMATE && buf[pos + 1U] != 12U) {
            return PLANTAR_BAD_EXTENSION;
        }
        if (buf[pos] != PLANTAR_EXT_TIME_ESTIMATE) {
            out->n_unknown_ext++;
        }
        /* 2-byte TLVs in 255 bytes: at most 127, the array size */
        e = &out->ext[out->n_ext++];
        e->type = buf[pos];
        e->len = buf[pos + 1U];
        e->offset = (uint16_t)(pos + 2U);
        e->value = buf + pos + 2U;
        pos += 2U + e->len;
    }
    return decode_body(buf, end, body_len, out, values, values_cap);
}

plantar_result_t plantar_decode(const uint8_t *buf, size_t len, plantar_frame_t *out,
                                int32_t *values, size_t values_cap, size_t *frame_len)
{
    plantar_result_t r;
    if (frame_len != NULL) {
        *frame_len = 0U;
    }
    if (out == NULL || (buf == NULL && len != 0U)) {
        return PLANTAR_ERR_ARGUMENT;
    }
    memset(out, 0, sizeof *out);
    if (buf == NULL) {
        return PLANTAR_TRUNCATED;
    }
    r = decode_frame(buf, len, out, values, values_cap, frame_len);
    if (r != PLANTAR_OK) {
        memset(out, 0, sizeof *out);
    }
    return r;
}

/* ---------------------------------------------------------------- splitter */

void plantar_splitter_init(plantar_splitter_t *s, const uint8_t *payload, size_t len)
{
    s->payload = payload;
    s->len = payload != NULL ? len : 0U;
    s->pos = 0U;
    s->frames = 0U;
    s->stopped = 0U;
}

plantar_result_t plantar_splitter_next(plantar_splitter_t *s, plantar_frame_t *out,
                                       int32_t *values, size_t values_cap, size_t *frame_offset)
{
    plantar_result_t r;
    size_t flen = 0U;
    if (s == NULL || out == NULL) {
        return PLANTAR_ERR_ARGUMENT;
    }
    if (frame_offset != NULL) {
        *frame_offset = s->pos;
    }
    if (s->stopped || (s->pos == s->len && s->frames > 0U)) {
        return PLANTAR_END_OF_PAYLOAD;
    }
    if (s->len == 0U) {
        s->stopped = 1U;
        memset(out, 0, sizeof *out);
        return PLANTAR_TRUNCATED;
    }
    r = plantar_decode(s->payload + s->pos, s->len - s->pos, out, values, values_cap, &flen);
    if (r == PLANTAR_OK || r == PLANTAR_ERR_CAPACITY) {
        s->pos += flen;
        s->frames++;
    } else {
        s->stopped = 1U;
    }
    return r;
}

/* ---------------------------------------------------------------- encoder */

/* Writes when buf is not NULL, always counts: one code path sizes and then writes a frame. */
typedef struct {
    uint8_t *buf;
    uint32_t pos;
    uint32_t acc;
    unsigned n;
} writer_t;

static void put8(writer_t *w, unsigned v)
{
    if (w->buf != NULL) {
        w->buf[w->pos] = (uint8_t)v;
    }
    w->pos++;
}

static void put16(writer_t *w, uint32_t v)
{
    put8(w, v & 0xFFU);
    put8(w, (v >> 8) & 0xFFU);
}

static void put32(writer_t *w, uint32_t v)
{
    put16(w, v & 0xFFFFU);
    put16(w, v >> 16);
}

static void put64(writer_t *w, uint64_t v)
{
    put32(w, (uint32_t)(v & 0xFFFFFFFFU));
    put32(w, (uint32_t)(v >> 32));
}

static void put_bytes(writer_t *w, const uint8_t *p, uint32_t n)
{
    if (w->buf != NULL && n != 0U) {
        memcpy(w->buf + w->pos, p, n);
    }
    w->pos += n;
}

static void put_bits(writer_t *w, uint32_t v, unsigned width)
{
    w->acc |= (v & (((uint32_t)1U << width) - 1U)) << w->n;
    w->n += width;
    while (w->n >= 8U) {
        put8(w, w->acc & 0xFFU);
        w->acc >>= 8;
        w->n -= 8U;
    }
}

static void flush_bits(writer_t *w)
{
    if (w->n > 0U) {
        put8(w, w->acc & 0xFFU);
    }
    w->acc = 0U;
    w->n = 0U;
}

/* The 16-bit wire pattern of value v in a block of the given signedness, or -1 if it does not fit */
static int32_t wire16(int32_t v, int is_signed)
{
    if (is_signed) {
        if (v < -32768 || v > 32767) {
            return -1;
        }
        return (int32_t)((uint32_t)v & 0xFFFFU);
    }
    return (v < 0 || v > 65535) ? -1 : v;
}

/* Smallest two's complement width holding d (0 for d == 0) */
static unsigned width_of(int32_t d)
{
    uint32_t m = d < 0 ? (uint32_t)(-(d + 1)) : (uint32_t)d;
    unsigned w = 1U;
    if (d == 0) {
        return 0U;
    }
    while (m != 0U) {
        m >>= 1;
        w++;
    }
    return w;
}

static int32_t delta16(int32_t prev_wire, int32_t cur_wire)
{
    return sext((uint32_t)(cur_wire - prev_wire) & 0xFFFFU, 16U);
}

static plantar_result_t encode_known_block(writer_t *w, const plantar_block_t *blk, uint32_t k)
{
    const uint32_t n = blk->channels;
    const int sgn = block_signed(blk->type);
    const int32_t *v = blk->values;
    uint32_t i, s, c, dlen;

    if (!channels_valid(blk->type, n)) {
        return PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE;
    }
    if (v == NULL) {
        return PLANTAR_ERR_ARGUMENT;
    }
    for (i = 0; i < k * n; i++) {
        if (wire16(v[i], sgn) < 0) {
            return PLANTAR_ERR_VALUE_RANGE;
        }
        if (blk->encoding == PLANTAR_ENC_PACK12 &&
            (sgn ? (v[i] < -2048 || v[i] > 2047) : v[i] > 4095)) {
            return PLANTAR_ERR_VALUE_RANGE;
        }
    }
    if (blk->encoding == PLANTAR_ENC_RAW16) {
        dlen = 2U * k * n;
    } else if (blk->encoding == PLANTAR_ENC_PACK12) {
        dlen = (12U * k * n + 7U) / 8U;
    } else {
        uint32_t sum_w = 0U;
        for (c = 0; c < n; c++) {
            unsigned cw = 0U;
            for (s = 1; s < k; s++) {
                unsigned dw = width_of(delta16(wire16(v[(s - 1U) * n + c], sgn),
                                               wire16(v[s * n + c], sgn)));
                cw = dw > cw ? dw : cw;
            }
            sum_w += cw;
        }
        dlen = 3U * n + ((k - 1U) * sum_w + 7U) / 8U;
    }
    if (dlen > 0xFFFFU) {
        return PLANTAR_ERR_TOO_LARGE;
    }
    put8(w, blk->type);
    put8(w, blk->encoding);
    put8(w, n);
    put8(w, 0U);
    put16(w, dlen);
    if (blk->encoding == PLANTAR_ENC_RAW16) {
        for (i = 0; i < k * n; i++) {
            put16(w, (uint32_t)wire16(v[i], sgn));
        }
    } else if (blk->encoding == PLANTAR_ENC_PACK12) {
        for (i = 0; i < k * n; i++) {
            put_bits(w, (uint32_t)v[i] & 0xFFFU, 12U);
        }
        flush_bits(w);
    } else {
        uint8_t widths[64];
        for (c = 0; c < n; c++) {
            unsigned cw = 0U;
            for (s = 1; s < k; s++) {
                unsigned dw = width_of(delta16(wire16(v[(s - 1U) * n + c], sgn),
                                               wire16(v[s * n + c], sgn)));
                cw = dw > cw ? dw : cw;
            }
            widths[c] = (uint8_t)cw;
            put16(w, (uint32_t)wire16(v[c], sgn));
        }
        for (c = 0; c < n; c++) {
            put8(w, widths[c]);
        }
        for (c = 0; c < n; c++) {
            if (widths[c] == 0U) {
                continue;
            }
            for (s = 1; s < k; s++) {
                int32_t d = delta16(wire16(v[(s - 1U) * n + c], sgn), wire16(v[s * n + c], sgn));
                put_bits(w, (uint32_t)d, widths[c]);
            }
        }
        flush_bits(w);
    }
    return PLANTAR_OK;
}

static plantar_result_t encode_data(writer_t *w, const plantar_data_t *d)
{
    const uint32_t k = d->n_samples;
    unsigned seen = 0U;
    unsigned i;

    if (k == 0U || k > PLANTAR_MAX_SAMPLES) {
        return PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE;
    }
    if (k == 1U && d->span_us != 0U) {
        return PLANTAR_SPAN_INVALID;
    }
    if (d->n_blocks == 0U || d->n_blocks > PLANTAR_MAX_BLOCKS) {
        return PLANTAR_BLOCK_COUNT_OUT_OF_RANGE;
    }
    put32(w, d->seq);
    put64(w, d->t_first_us);
    put32(w, d->span_us);
    put16(w, k);
    put8(w, d->n_blocks);
    put8(w, 0U);
    put32(w, d->config_id);
    for (i = 0; i < d->n_blocks; i++) {
        const plantar_block_t *blk = &d->blocks[i];
        if (block_type_known(blk->type) && blk->encoding <= PLANTAR_ENC_DELTA) {
            plantar_result_t r;
            if ((seen & (1U << blk->type)) != 0U) {
                return PLANTAR_DUPLICATE_BLOCK;
            }
            seen |= 1U << blk->type;
            r = encode_known_block(w, blk, k);
            if (r != PLANTAR_OK) {
                return r;
            }
        } else {
            if (blk->data == NULL && blk->data_len != 0U) {
                return PLANTAR_ERR_ARGUMENT;
            }
            put8(w, blk->type);
            put8(w, blk->encoding);
            put8(w, blk->channels);
            put8(w, 0U);
            put16(w, blk->data_len);
            put_bytes(w, blk->data, blk->data_len);
        }
        /* stop counting early: the body can only grow */
        if (w->pos > 0xFFFFU + PLANTAR_HEADER_LEN + 255U) {
            return PLANTAR_ERR_TOO_LARGE;
        }
    }
    return PLANTAR_OK;
}

static plantar_result_t encode_ranges(writer_t *w, const uint8_t *ranges, unsigned n)
{
    if (ranges == NULL && n != 0U) {
        return PLANTAR_ERR_ARGUMENT;
    }
    if (check_ranges(ranges, n) != PLANTAR_OK) {
        return PLANTAR_BAD_RANGE;
    }
    put_bytes(w, ranges, 6U * n);
    return PLANTAR_OK;
}

static plantar_result_t encode_body(writer_t *w, const plantar_frame_t *f)
{
    switch (f->msg_type) {
    case PLANTAR_MSG_DATA:
        return encode_data(w, &f->body.data);
    case PLANTAR_MSG_HELLO:
    case PLANTAR_MSG_EVENT:
        if (f->body.json.len == 0U) {
            return PLANTAR_BODY_LENGTH_MISMATCH;
        }
        if (f->body.json.json == NULL) {
            return PLANTAR_ERR_ARGUMENT;
        }
        put_bytes(w, f->body.json.json, f->body.json.len);
        return PLANTAR_OK;
    case PLANTAR_MSG_ACK:
        put32(w, f->body.ack.next_seq);
        put8(w, f->body.ack.n_ranges);
        return encode_ranges(w, f->body.ack.ranges, f->body.ack.n_ranges);
    case PLANTAR_MSG_NACK:
        if (f->body.nack.n_ranges == 0U) {
            return PLANTAR_BAD_RANGE;
        }
        put8(w, f->body.nack.n_ranges);
        return encode_ranges(w, f->body.nack.ranges, f->body.nack.n_ranges);
    case PLANTAR_MSG_TIME_REQ:
        put16(w, f->body.time_req.req_id);
        put64(w, f->body.time_req.t0_mono_us);
        return PLANTAR_OK;
    case PLANTAR_MSG_TIME_RES:
        put16(w, f->body.time_res.req_id);
        put64(w, f->body.time_res.t0_mono_us);
        put64(w, (uint64_t)f->body.time_res.t1_utc_us);
        put64(w, (uint64_t)f->body.time_res.t2_utc_us);
        return PLANTAR_OK;
    case PLANTAR_MSG_ANCHOR:
        put64(w, f->body.anchor.mono_us);
        put64(w, (uint64_t)f->body.anchor.utc_us);
        put32(w, f->body.anchor.rtt_us);
        put8(w, f->body.anchor.source);
        return PLANTAR_OK;
    default:
        return PLANTAR_UNKNOWN_MESSAGE_TYPE;
    }
}

/* One pass: header with a placeholder body_len, extensions, body; then body_len and CRC. */
static plantar_result_t encode_pass(const plantar_frame_t *f, uint8_t *buf, size_t *out_len)
{
    writer_t w;
    uint32_t ext_len = 0U, body_off, body_len;
    unsigned i;
    plantar_result_t r;

    if (f->msg_type < PLANTAR_MSG_DATA || f->msg_type > PLANTAR_MSG_EVENT) {
        return PLANTAR_UNKNOWN_MESSAGE_TYPE;
    }
    if (f->n_ext > PLANTAR_MAX_EXTENSIONS) {
        return PLANTAR_ERR_TOO_LARGE;
    }
    for (i = 0; i < f->n_ext; i++) {
        if (f->ext[i].type == PLANTAR_EXT_TIME_ESTIMATE && f->ext[i].len != 12U) {
            return PLANTAR_BAD_EXTENSION;
        }
        if (f->ext[i].value == NULL && f->ext[i].len != 0U) {
            return PLANTAR_ERR_ARGUMENT;
        }
        ext_len += 2U + f->ext[i].len;
    }
    if (ext_len > 255U) {
        return PLANTAR_ERR_TOO_LARGE;
    }
    w.buf = buf;
    w.pos = 0U;
    w.acc = 0U;
    w.n = 0U;
    put8(&w, 0x49U);
    put8(&w, 0x4EU);
    put8(&w, PLANTAR_VERSION);
    put8(&w, f->msg_type);
    put8(&w, 0U);
    put8(&w, f->compat_flags);
    put8(&w, ext_len);
    put8(&w, 0U);
    put64(&w, f->device_id);
    put32(&w, f->boot_id);
    put16(&w, 0U); /* body_len, patched below */
    put16(&w, 0U);
    for (i = 0; i < f->n_ext; i++) {
        put8(&w, f->ext[i].type);
        put8(&w, f->ext[i].len);
        put_bytes(&w, f->ext[i].value, f->ext[i].len);
    }
    body_off = w.pos;
    r = encode_body(&w, f);
    if (r != PLANTAR_OK) {
        return r;
    }
    body_len = w.pos - body_off;
    if (body_len > 0xFFFFU) {
        return PLANTAR_ERR_TOO_LARGE;
    }
    if (buf != NULL) {
        wr16(buf + 20, (uint16_t)body_len);
        wr32(buf + w.pos, plantar_crc32c(buf, w.pos));
    }
    *out_len = (size_t)w.pos + 4U;
    return PLANTAR_OK;
}

plantar_result_t plantar_encoded_len(const plantar_frame_t *f, size_t *out_len)
{
    if (f == NULL || out_len == NULL) {
        return PLANTAR_ERR_ARGUMENT;
    }
    return encode_pass(f, NULL, out_len);
}

plantar_result_t plantar_encode(const plantar_frame_t *f, uint8_t *out, size_t cap,
                                size_t *out_len)
{
    size_t need = 0U;
    plantar_result_t r;
    if (f == NULL || out == NULL || out_len == NULL) {
        return PLANTAR_ERR_ARGUMENT;
    }
    r = encode_pass(f, NULL, &need);
    if (r != PLANTAR_OK) {
        return r;
    }
    if (need > cap) {
        return PLANTAR_ERR_CAPACITY;
    }
    return encode_pass(f, out, out_len);
}
