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
