#include "test_support.h"

#include <string.h>

uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

uint32_t crc32c_bitwise(const uint8_t *data, size_t len)
{
    uint32_t crc = 0xFFFFFFFFU;
    size_t i;
    int b;
    for (i = 0; i < len; i++) {
        crc ^= data[i];
        for (b = 0; b < 8; b++) {
            crc = (crc & 1U) ? (crc >> 1) ^ 0x82F63B78U : crc >> 1;
        }
    }
    return crc ^ 0xFFFFFFFFU;
}

void put_le16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

void put_le32(uint8_t *p, uint32_t v)
{
    put_le16(p, v & 0xFFFFU);
    put_le16(p + 2, v >> 16);
}

void put_le64(uint8_t *p, uint64_t v)
{
    put_le32(p, (uint32_t)v);
    put_le32(p + 4, (uint32_t)(v >> 32));
}

size_t raw_frame(uint8_t *out, unsigned msg_type, unsigned compat, const uint8_t *ext,
                 size_t ext_len, const uint8_t *body, size_t body_len)
{
    size_t n = 24U + ext_len + body_len;
    memset(out, 0, 24);
    out[0] = 0x49;
    out[1] = 0x4E;
    out[2] = 1;
    out[3] = (uint8_t)msg_type;
    out[5] = (uint8_t)compat;
    out[6] = (uint8_t)ext_len;
    put_le64(out + 8, 0xDEADBEEFULL);
    put_le32(out + 16, 7U);
    put_le16(out + 20, (uint32_t)body_len);
    if (ext_len != 0U) {
        memcpy(out + 24, ext, ext_len);
    }
    if (body_len != 0U) {
        memcpy(out + 24 + ext_len, body, body_len);
    }
    put_le32(out + n, crc32c_bitwise(out, n));
    return n + 4U;
}

void refresh_crc(uint8_t *frame)
{
    size_t n = 24U + frame[6] + ((size_t)frame[20] | ((size_t)frame[21] << 8));
    put_le32(frame + n, crc32c_bitwise(frame, n));
}

size_t data_header(uint8_t *body, uint32_t k, uint32_t span, unsigned n_blocks)
{
    memset(body, 0, 24);
    put_le32(body, 42U);
    put_le64(body + 4, 1000000ULL);
    put_le32(body + 12, span);
    put_le16(body + 16, k);
    body[18] = (uint8_t)n_blocks;
    put_le32(body + 20, 0x8F3A12C4U);
    return 24U;
}

size_t append_block(uint8_t *body, size_t pos, unsigned type, unsigned enc, unsigned channels,
                    const uint8_t *data, size_t data_len)
{
    body[pos] = (uint8_t)type;
    body[pos + 1] = (uint8_t)enc;
    body[pos + 2] = (uint8_t)channels;
    body[pos + 3] = 0;
    put_le16(body + pos + 4, (uint32_t)data_len);
    if (data_len != 0U) {
        memcpy(body + pos + 6, data, data_len);
    }
    return pos + 6U + data_len;
}

static int same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
    return n == 0U || memcmp(a, b, n) == 0;
}

/* Semantic equality of two frames (what the JSON vectors carry). */
int frames_equal(const plantar_frame_t *a, const plantar_frame_t *b)
{
    unsigned i;
    if (a->msg_type != b->msg_type || a->compat_flags != b->compat_flags ||
        a->device_id != b->device_id || a->boot_id != b->boot_id || a->n_ext != b->n_ext) {
        return 0;
    }
    for (i = 0; i < a->n_ext; i++) {
        if (a->ext[i].type != b->ext[i].type || a->ext[i].len != b->ext[i].len ||
            !same_bytes(a->ext[i].value, b->ext[i].value, a->ext[i].len)) {
            return 0;
        }
    }
    switch (a->msg_type) {
    case PLANTAR_MSG_DATA: {
        const plantar_data_t *x = &a->body.data;
        const plantar_data_t *y = &b->body.data;
        if (x->seq != y->seq || x->t_first_us != y->t_first_us || x->span_us != y->span_us ||
            x->n_samples != y->n_samples || x->n_blocks != y->n_blocks ||
            x->config_id != y->config_id) {
            return 0;
        }
        for (i = 0; i < x->n_blocks; i++) {
            const plantar_block_t *p = &x->blocks[i];
            const plantar_block_t *q = &y->blocks[i];
            int known = p->type >= 1 && p->type <= 3 && p->encoding <= 2;
            if (p->type != q->type || p->encoding != q->encoding || p->channels != q->channels) {
                return 0;
            }
            if (known) {
                size_t n = (size_t)x->n_samples * p->channels;
                if (q->skipped || q->values == NULL || p->values == NULL ||
                    memcmp(p->values, q->values, n * sizeof(int32_t)) != 0) {
                    return 0;
                }
            } else if (p->data_len != q->data_len || !same_bytes(p->data, q->data, p->data_len)) {
                return 0;
            }
        }
        return 1;
    }
    case PLANTAR_MSG_HELLO:
    case PLANTAR_MSG_EVENT:
        return a->body.json.len == b->body.json.len &&
               same_bytes(a->body.json.json, b->body.json.json, a->body.json.len);
    case PLANTAR_MSG_ACK:
        return a->body.ack.next_seq == b->body.ack.next_seq &&
               a->body.ack.n_ranges == b->body.ack.n_ranges &&
               same_bytes(a->body.ack.ranges, b->body.ack.ranges, 6U * a->body.ack.n_ranges);
    case PLANTAR_MSG_NACK:
        return a->body.nack.n_ranges == b->body.nack.n_ranges &&
               same_bytes(a->body.nack.ranges, b->body.nack.ranges, 6U * a->body.nack.n_ranges);
    case PLANTAR_MSG_TIME_REQ:
        return a->body.time_req.req_id == b->body.time_req.req_id &&
               a->body.time_req.t0_mono_us == b->body.time_req.t0_mono_us;
    case PLANTAR_MSG_TIME_RES:
        return a->body.time_res.req_id == b->body.time_res.req_id &&
               a->body.time_res.t0_mono_us == b->body.time_res.t0_mono_us &&
               a->body.time_res.t1_utc_us == b->body.time_res.t1_utc_us &&
               a->body.time_res.t2_utc_us == b->body.time_res.t2_utc_us;
    default:
        return a->body.anchor.mono_us == b->body.anchor.mono_us &&
               a->body.anchor.utc_us == b->body.anchor.utc_us &&
               a->body.anchor.rtt_us == b->body.anchor.rtt_us &&
               a->body.anchor.source == b->body.anchor.source;
    }
}


/* Minimal width of channel c per §7, computed the slow way. */
unsigned minimal_width(const int32_t *v, unsigned k, unsigned n, unsigned c)
{
    unsigned w, s;
    for (w = 0; w <= 16; w++) {
        int ok = 1;
        for (s = 1; s < k && ok; s++) {
            int32_t d = (int32_t)(((uint32_t)v[s * n + c] - (uint32_t)v[(s - 1) * n + c]) & 0xFFFFU);
            if (d >= 32768) {
                d -= 65536;
            }
            ok = w == 0 ? d == 0 : (d >= -(1 << (w - 1)) && d <= (1 << (w - 1)) - 1);
        }
        if (ok) {
            return w;
        }
    }
    return 99;
}

int frame_is_canonical(const plantar_frame_t *f)
{
    unsigned i, c;
    if (f->msg_type != PLANTAR_MSG_DATA) {
        return 1;
    }
    for (i = 0; i < f->body.data.n_blocks; i++) {
        const plantar_block_t *b = &f->body.data.blocks[i];
        if (b->skipped) {
            return 0;
        }
        if (b->encoding == PLANTAR_ENC_DELTA) {
            for (c = 0; c < b->channels; c++) {
                if (b->data[2U * b->channels + c] !=
                    minimal_width(b->values, f->body.data.n_samples, b->channels, c)) {
                    return 0;
                }
            }
        }
    }
    return 1;
}
