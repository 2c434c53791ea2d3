/*
 * Unit tests of the C reference codec. Run without arguments: runs every test, prints a summary,
 * exits non-zero on any failure. With `--write-frames DIR`: writes sample payloads (*.bin) for the
 * vector harness self-check.
 *
 * Inputs that the decoder must not read past are copied into heap buffers of their exact length,
 * so the sanitizer build catches any over-read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plantar_frame.h"
#include "test_support.h"

static const char *g_test = "";
static unsigned long g_checks;
static unsigned long g_failures;

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        g_checks++;                                                                       \
        if (!(cond)) {                                                                    \
            g_failures++;                                                                 \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, g_test,  \
                    #cond);                                                               \
        }                                                                                 \
    } while (0)

#define CHECK_R(actual, expected)                                                         \
    do {                                                                                  \
        plantar_result_t a_ = (actual);                                                   \
        plantar_result_t e_ = (expected);                                                 \
        g_checks++;                                                                       \
        if (a_ != e_) {                                                                   \
            g_failures++;                                                                 \
            fprintf(stderr, "%s:%d: %s: got %s, expected %s\n", __FILE__, __LINE__,       \
                    g_test, plantar_result_name(a_), plantar_result_name(e_));            \
        }                                                                                 \
    } while (0)

#define BUF_LEN 70000U

static uint8_t g_enc[BUF_LEN];
static uint8_t g_enc2[BUF_LEN];
static uint8_t g_raw[BUF_LEN];
static uint8_t g_body[BUF_LEN];
static int32_t g_src[PLANTAR_MAX_DECODED_VALUES];
static int32_t g_vals[PLANTAR_MAX_DECODED_VALUES];
static int32_t g_vals2[PLANTAR_MAX_DECODED_VALUES];
static plantar_frame_t g_f;
static plantar_frame_t g_d;
static plantar_frame_t g_d2;

/* ------------------------------------------------------------------ helpers */

/* Decodes a copy of buf[0..len) held in a heap block of exactly len bytes. */
static plantar_result_t decode_exact(const uint8_t *buf, size_t len, plantar_frame_t *out,
                                     int32_t *values, size_t cap)
{
    uint8_t *copy = malloc(len == 0U ? 1U : len);
    plantar_result_t r;
    if (copy == NULL) {
        abort();
    }
    if (len != 0U) {
        memcpy(copy, buf, len);
    }
    r = plantar_decode(copy, len, out, values, cap, NULL);
    if (r == PLANTAR_OK) {
        /* re-point views at the caller's bytes before the copy goes away */
        ptrdiff_t shift = buf - copy;
        unsigned i;
        out->frame = buf;
        for (i = 0; i < out->n_ext; i++) {
            out->ext[i].value += shift;
        }
        switch (out->msg_type) {
        case PLANTAR_MSG_DATA:
            for (i = 0; i < out->body.data.n_blocks; i++) {
                out->body.data.blocks[i].data += shift;
            }
            break;
        case PLANTAR_MSG_HELLO:
        case PLANTAR_MSG_EVENT:
            out->body.json.json += shift;
            break;
        case PLANTAR_MSG_ACK:
            out->body.ack.ranges += shift;
            break;
        case PLANTAR_MSG_NACK:
            out->body.nack.ranges += shift;
            break;
        default:
            break;
        }
    }
    free(copy);
    return r;
}

static plantar_result_t decode_raw(const uint8_t *buf, size_t len)
{
    return decode_exact(buf, len, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES);
}

static void new_frame(plantar_frame_t *f, unsigned msg_type)
{
    memset(f, 0, sizeof *f);
    f->msg_type = (uint8_t)msg_type;
    f->device_id = 0x00000000DEADBEEFULL;
    f->boot_id = 7U;
}

static void new_data(plantar_frame_t *f, unsigned k, uint32_t span)
{
    new_frame(f, PLANTAR_MSG_DATA);
    f->body.data.seq = 42U;
    f->body.data.t_first_us = 1000000ULL;
    f->body.data.span_us = span;
    f->body.data.n_samples = (uint16_t)k;
    f->body.data.config_id = 0x8F3A12C4U;
}

static plantar_block_t *add_block(plantar_frame_t *f, unsigned type, unsigned enc, unsigned ch,
                                  const int32_t *values)
{
    plantar_block_t *b = &f->body.data.blocks[f->body.data.n_blocks++];
    b->type = (uint8_t)type;
    b->encoding = (uint8_t)enc;
    b->channels = (uint8_t)ch;
    b->values = values;
    return b;
}

/*
 * Encodes f, decodes the bytes (exact-size copy), checks the content survives, re-encodes the
 * decoded struct to identical bytes, and checks that one byte less of capacity is refused.
 * Returns the frame length (0 on failure).
 */
static size_t round_trip(const plantar_frame_t *f)
{
    size_t len = 0, len2 = 0, predicted = 0;
    plantar_result_t r = plantar_encode(f, g_enc, BUF_LEN, &len);
    CHECK_R(r, PLANTAR_OK);
    if (r != PLANTAR_OK) {
        return 0;
    }
    CHECK_R(plantar_encoded_len(f, &predicted), PLANTAR_OK);
    CHECK(predicted == len);
    CHECK_R(decode_raw(g_enc, len), PLANTAR_OK);
    CHECK(g_d.frame_len == len);
    CHECK(frames_equal(f, &g_d));
    CHECK_R(plantar_encode(&g_d, g_enc2, BUF_LEN, &len2), PLANTAR_OK);
    CHECK(len2 == len && memcmp(g_enc, g_enc2, len) == 0);
    CHECK_R(plantar_encode(f, g_enc2, len - 1U, &len2), PLANTAR_ERR_CAPACITY);
    CHECK_R(plantar_encode(f, g_enc2, len, &len2), PLANTAR_OK);
    return len;
}

/* ------------------------------------------------------------------ tests */

static void crcMatchesCheckValueAndBitwiseReference(void)
{
    static const uint8_t check[] = "123456789";
    uint8_t data[300];
    uint32_t seed = 0x1234567U;
    size_t i;
    CHECK(plantar_crc32c(check, 9) == 0xE3069283U);
    CHECK(crc32c_bitwise(check, 9) == 0xE3069283U);
    CHECK(plantar_crc32c(check, 0) == 0U);
    for (i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)xorshift32(&seed);
    }
    for (i = 0; i <= sizeof data; i += 7) {
        CHECK(plantar_crc32c(data, i) == crc32c_bitwise(data, i));
    }
    CHECK(plantar_crc32c_update(plantar_crc32c(data, 100), data + 100, 200) ==
          plantar_crc32c(data, 300));
}

static void encodesHandComputedPack12AndDeltaBytes(void)
{
    /* PACK12, 2 values 0x123, 0x456 LSB-first: 23 61 45 */
    static const int32_t pack[] = {0x123, 0x456};
    /* DELTA, 1 channel 100, 101, 99, 99: ref 64 00, width 2, deltas +1 -2 0 -> 01 10 00 -> 0x09 */
    static const int32_t delta[] = {100, 101, 99, 99};
    static const uint8_t pack_block[] = {1, 1, 2, 0, 3, 0, 0x23, 0x61, 0x45};
    static const uint8_t delta_block[] = {1, 2, 1, 0, 4, 0, 0x64, 0x00, 0x02, 0x09};
    size_t len = 0;

    new_data(&g_f, 1, 0);
    add_block(&g_f, PLANTAR_BLOCK_PRESSURE, PLANTAR_ENC_PACK12, 2, pack);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    CHECK(len == 28U + 24U + sizeof pack_block);
    CHECK(memcmp(g_enc + 48, pack_block, sizeof pack_block) == 0);

    new_data(&g_f, 4, 30000);
    add_block(&g_f, PLANTAR_BLOCK_PRESSURE, PLANTAR_ENC_DELTA, 1, delta);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    CHECK(len == 28U + 24U + sizeof delta_block);
    CHECK(memcmp(g_enc + 48, delta_block, sizeof delta_block) == 0);
    round_trip(&g_f);
}

static void encodesTimeReqFrameByteForByte(void)
{
    static const uint8_t expected_head[] = {
        0x49, 0x4E, 0x01, 0x05, 0x00, 0x01, 0x00, 0x00,             /* magic v1 TIME_REQ, BACKLOG */
        0xEF, 0xBE, 0xAD, 0xDE, 0x00, 0x00, 0x00, 0x00,             /* device_id */
        0x07, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00,             /* boot 7, body_len 10 */
        0x34, 0x12, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01}; /* req_id, t0 */
    size_t len = 0;
    new_frame(&g_f, PLANTAR_MSG_TIME_REQ);
    g_f.compat_flags = PLANTAR_COMPAT_BACKLOG;
    g_f.body.time_req.req_id = 0x1234U;
    g_f.body.time_req.t0_mono_us = 0x0102030405060708ULL;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    CHECK(len == 38U);
    CHECK(memcmp(g_enc, expected_head, sizeof expected_head) == 0);
    CHECK(((uint32_t)g_enc[34] | (uint32_t)g_enc[35] << 8 | (uint32_t)g_enc[36] << 16 |
           (uint32_t)g_enc[37] << 24) == crc32c_bitwise(g_enc, 34));
}

static void roundTripsEveryNonDataMessageType(void)
{
    static const uint8_t est[12] = {1, 2, 3, 4, 5, 6, 7, 0x80, 0x10, 0x27, 0, 0};
    static const uint8_t vendor[3] = {0xAA, 0xBB, 0xCC};
    static const char hello[] = "{\"v\":1,\"fw\":\"1.0.3\",\"side\":\"L\"}";
    static const char event[] = "{\"type\":\"battery\",\"pct\":71}";
    uint8_t ranges[6 * 3];
    unsigned i;

    new_frame(&g_f, PLANTAR_MSG_HELLO);
    g_f.compat_flags = 0xF9; /* TIME_ESTIMATE, BACKLOG and unknown bits 4..7 */
    g_f.n_ext = 3;
    g_f.ext[0].type = 1;
    g_f.ext[0].len = 12;
    g_f.ext[0].value = est;
    g_f.ext[1].type = 0x80;
    g_f.ext[1].len = 3;
    g_f.ext[1].value = vendor;
    g_f.ext[2].type = 2;
    g_f.ext[2].len = 0;
    g_f.body.json.json = (const uint8_t *)hello;
    g_f.body.json.len = (uint16_t)strlen(hello);
    round_trip(&g_f);
    CHECK(g_d.unknown_compat_bits == 0xF0 && g_d.n_unknown_ext == 2 && g_d.ext_len == 21);
    CHECK(g_d.ext[1].offset == 24 + 14 + 2 && g_d.ext[1].value == g_enc + 40);

    new_frame(&g_f, PLANTAR_MSG_EVENT);
    g_f.body.json.json = (const uint8_t *)event;
    g_f.body.json.len = (uint16_t)strlen(event);
    round_trip(&g_f);

    for (i = 0; i < 3; i++) {
        plantar_range_put(ranges, i, 100U * i + 0xFFFFFF00U, (uint16_t)(i + 1U));
    }
    new_frame(&g_f, PLANTAR_MSG_ACK);
    g_f.body.ack.next_seq = 0xFFFFFFFFU;
    round_trip(&g_f); /* no ranges */
    g_f.body.ack.n_ranges = 3;
    g_f.body.ack.ranges = ranges;
    round_trip(&g_f);
    {
        uint32_t start = 0;
        uint16_t count = 0;
        plantar_range_get(g_d.body.ack.ranges, 2, &start, &count);
        CHECK(start == 0xFFFFFFC8U && count == 3);
    }

    new_frame(&g_f, PLANTAR_MSG_NACK);
    g_f.body.nack.n_ranges = 3;
    g_f.body.nack.ranges = ranges;
    round_trip(&g_f);

    new_frame(&g_f, PLANTAR_MSG_TIME_REQ);
    g_f.body.time_req.req_id = 65535;
    g_f.body.time_req.t0_mono_us = 0xFFFFFFFFFFFFFFFFULL;
    round_trip(&g_f);

    new_frame(&g_f, PLANTAR_MSG_TIME_RES);
    g_f.body.time_res.req_id = 9;
    g_f.body.time_res.t0_mono_us = 812345678ULL;
    g_f.body.time_res.t1_utc_us = INT64_MIN;
    g_f.body.time_res.t2_utc_us = -1;
    round_trip(&g_f);
    CHECK(g_d.body.time_res.t1_utc_us == INT64_MIN && g_d.body.time_res.t2_utc_us == -1);

    new_frame(&g_f, PLANTAR_MSG_ANCHOR);
    g_f.body.anchor.mono_us = 812345678ULL;
    g_f.body.anchor.utc_us = 1764000000000000LL;
    g_f.body.anchor.rtt_us = 4321;
    g_f.body.anchor.source = 200; /* undefined sources are carried, not rejected */
    round_trip(&g_f);
}

static void fill_random(int32_t *v, size_t n, int32_t lo, int32_t hi, uint32_t *seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        v[i] = lo + (int32_t)(xorshift32(seed) % (uint32_t)(hi - lo + 1));
    }
}

/* Random walk per channel with steps in [-step, step], clamped to [lo, hi]. */
static void fill_walk(int32_t *v, unsigned k, unsigned n, int32_t lo, int32_t hi, int32_t step,
                      uint32_t *seed)
{
    unsigned s, c;
    for (c = 0; c < n; c++) {
        int32_t x = lo + (int32_t)(xorshift32(seed) % (uint32_t)(hi - lo + 1));
        for (s = 0; s < k; s++) {
            x += (int32_t)(xorshift32(seed) % (uint32_t)(2 * step + 1)) - step;
            x = x < lo ? lo : (x > hi ? hi : x);
            v[s * n + c] = x;
        }
    }
}

static uint32_t expected_block_len(unsigned enc, unsigned k, unsigned n, unsigned sum_w)
{
    if (enc == 0) {
        return 2U * k * n;
    }
    if (enc == 1) {
        return (12U * k * n + 7U) / 8U;
    }
    return 3U * n + ((k - 1U) * sum_w + 7U) / 8U;
}

static void roundTripsDataInEveryEncodingFor1And64ChannelsAndK1To1024(void)
{
    static const unsigned ks[] = {1, 2, 3, 25, 1024};
    static const unsigned ns[] = {1, 7, 64};
    uint32_t seed = 0xC0FFEEU;
    unsigned ei, ki, ni;
    for (ei = 0; ei < 3; ei++) {
        for (ki = 0; ki < sizeof ks / sizeof ks[0]; ki++) {
            for (ni = 0; ni < sizeof ns / sizeof ns[0]; ni++) {
                const unsigned k = ks[ki], n = ns[ni];
                unsigned sum_w = 0, c;
                uint32_t blen;
                size_t len = 0;
                if (ei == 2) {
                    fill_walk(g_src, k, n, 0, 4095, 20, &seed);
                } else {
                    fill_random(g_src, (size_t)k * n, 0, 4095, &seed);
                }
                for (c = 0; c < n; c++) {
                    sum_w += minimal_width(g_src, k, n, c);
                }
                new_data(&g_f, k, k == 1 ? 0U : 10000U * (k - 1U));
                add_block(&g_f, PLANTAR_BLOCK_PRESSURE, ei, n, g_src);
                blen = expected_block_len(ei, k, n, sum_w);
                if (blen > 65535U - 30U) {
                    CHECK(!(ei == 2 && k == 1024 && n == 64));
                    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_TOO_LARGE);
                    continue;
                }
                CHECK(round_trip(&g_f) == 28U + 24U + 6U + blen);
                if (ei == 2) {
                    for (c = 0; c < n; c++) {
                        CHECK(g_enc[48 + 6 + 2 * n + c] == minimal_width(g_src, k, n, c));
                    }
                }
            }
        }
    }
}

static void roundTripsAllThreeBlockTypesTogether(void)
{
    static int32_t imu[1024 * 6];
    static int32_t temp[1024 * 8];
    uint32_t seed = 99U;
    unsigned enc;
    for (enc = 0; enc < 3; enc++) {
        const unsigned k = 100;
        fill_walk(g_src, k, 16, 0, 4095, 300, &seed);
        fill_walk(imu, k, 6, -2048, 2047, 500, &seed);
        fill_walk(temp, k, 8, -2048, 2047, 3, &seed);
        new_data(&g_f, k, 990000);
        g_f.compat_flags = PLANTAR_COMPAT_GAP_BEFORE | PLANTAR_COMPAT_CLIPPED;
        add_block(&g_f, PLANTAR_BLOCK_TEMPERATURE, enc, 8, temp);
        add_block(&g_f, PLANTAR_BLOCK_PRESSURE, enc, 16, g_src);
        add_block(&g_f, PLANTAR_BLOCK_IMU6, (enc + 1) % 3, 6, imu);
        round_trip(&g_f);
        CHECK(g_d.body.data.blocks[2].values == g_vals + 100 * 8 + 100 * 16);
    }
}

static void roundTripsSignedImuDeltasIncludingWraparound(void)
{
    /* IMU6: channel 0 jumps between the extremes (delta mod 2^16 = -1 / +1: width 1 and 2),
     * channel 1 falls steadily, channel 2 alternates sign, 3 is constant at -32768. */
    static int32_t imu[8 * 6];
    static const int32_t pressure[] = {0, 65535, 0, 65535}; /* deltas -1, +1, -1: width 2 */
    unsigned s;
    size_t len;
    for (s = 0; s < 8; s++) {
        imu[s * 6 + 0] = (s & 1) ? 32767 : -32768;
        imu[s * 6 + 1] = 1000 - 300 * (int32_t)s;
        imu[s * 6 + 2] = (s & 1) ? -5 : 5;
        imu[s * 6 + 3] = -32768;
        imu[s * 6 + 4] = (int32_t)s * 4096 - 16384;
        imu[s * 6 + 5] = s == 7 ? 32767 : 0;
    }
    new_data(&g_f, 8, 70000);
    add_block(&g_f, PLANTAR_BLOCK_IMU6, PLANTAR_ENC_DELTA, 6, imu);
    len = round_trip(&g_f);
    CHECK(len != 0);
    /* widths: 0: deltas +/-1 mod 2^16 -> 2; 1: -300 -> 10; 2: -10/+10 -> 5; 3: 0; 4: 4096 -> 14;
     * 5: 0..0, 32767 -> 16 */
    CHECK(g_enc[48 + 6 + 12 + 0] == 2 && g_enc[48 + 6 + 12 + 1] == 10);
    CHECK(g_enc[48 + 6 + 12 + 2] == 5 && g_enc[48 + 6 + 12 + 3] == 0);
    CHECK(g_enc[48 + 6 + 12 + 4] == 14 && g_enc[48 + 6 + 12 + 5] == 16);
    CHECK(g_d.body.data.blocks[0].values[7 * 6 + 0] == 32767);
    CHECK(g_d.body.data.blocks[0].values[3] == -32768);

    new_data(&g_f, 4, 3);
    add_block(&g_f, PLANTAR_BLOCK_PRESSURE, PLANTAR_ENC_DELTA, 1, pressure);
    round_trip(&g_f);
    CHECK(g_enc[48 + 6 + 2] == 2);

    /* PACK12 signed: sign extension of 12-bit values */
    {
        static const int32_t t[] = {-2048, 2047, -1, 0, 1, -100, 100, 5};
        new_data(&g_f, 1, 0);
        add_block(&g_f, PLANTAR_BLOCK_TEMPERATURE, PLANTAR_ENC_PACK12, 8, t);
        round_trip(&g_f);
        CHECK(g_d.body.data.blocks[0].values[0] == -2048 && g_d.body.data.blocks[0].values[2] == -1);
    }
}

static void encodesConstantChannelsWithZeroWidth(void)
{
    static int32_t v[50 * 3];
    unsigned s;
    for (s = 0; s < 50; s++) {
        v[s * 3 + 0] = 4095;
        v[s * 3 + 1] = (int32_t)s;
        v[s * 3 + 2] = 0;
    }
    new_data(&g_f, 50, 49000);
    add_block(&g_f, PLANTAR_BLOCK_PRESSURE, PLANTAR_ENC_DELTA, 3, v);
    /* widths 0, 2, 0: data = 9 + ceil(49 * 2 / 8) = 22 */
    CHECK(round_trip(&g_f) == 28U + 24U + 6U + 22U);
    CHECK(g_enc[48 + 6 + 6] == 0 && g_enc[48 + 6 + 7] == 2 && g_enc[48 + 6 + 8] == 0);

    for (s = 0; s < 50; s++) {
        v[s * 3 + 1] = 7;
    }
    /* all constant: no bitstream at all */
    CHECK(round_trip(&g_f) == 28U + 24U + 6U + 9U);
}

static void skipsUnknownBlocksAndReportsThem(void)
{
    static const uint8_t opaque[] = {0xA1, 0xB2, 0xC3};
    static const int32_t p[] = {1, 2};
    plantar_block_t *b;
    new_data(&g_f, 1, 0);
    b = add_block(&g_f, 0x80, 7, 3, NULL);
    b->data = opaque;
    b->data_len = 3;
    b = add_block(&g_f, PLANTAR_BLOCK_PRESSURE, 5, 0, NULL); /* known type, unknown encoding */
    b->data = opaque;
    b->data_len = 1;
    b = add_block(&g_f, 0, 0, 0, NULL);
    add_block(&g_f, PLANTAR_BLOCK_IMU6 + 1, PLANTAR_ENC_RAW16, 2, p); /* TEMPERATURE */
    round_trip(&g_f);
    CHECK(g_d.n_skipped_blocks == 3);
    CHECK(g_d.body.data.blocks[0].skipped && g_d.body.data.blocks[0].data_len == 3);
    CHECK(g_d.body.data.blocks[0].data_offset == 24 + 24 + 6);
    CHECK(g_d.body.data.blocks[1].skipped && !g_d.body.data.blocks[3].skipped);

    /* offsets past 65535: 253-byte extension, 65400-byte skipped block, then a decoded block */
    {
        static const int32_t one[1] = {4095};
        new_data(&g_f, 1, 0);
        g_f.n_ext = 1;
        g_f.ext[0].type = 0x99;
        g_f.ext[0].len = 253;
        g_f.ext[0].value = g_raw;
        b = add_block(&g_f, 0x80, 0, 0, NULL);
        b->data = g_body;
        b->data_len = 65400;
        add_block(&g_f, PLANTAR_BLOCK_PRESSURE, PLANTAR_ENC_RAW16, 1, one);
        CHECK(round_trip(&g_f) == 28U + 255U + 24U + 6U + 65400U + 6U + 2U);
        CHECK(g_d.body.data.blocks[1].data_offset == 24U + 255U + 24U + 6U + 65400U + 6U);
        CHECK(g_d.body.data.blocks[1].data == g_enc + g_d.body.data.blocks[1].data_offset);
    }

    /* a skipped block's channels and reserved byte are not checked */
    {
        size_t pos = data_header(g_body, 1, 0, 1);
        size_t len;
        pos = append_block(g_body, pos, 9, 0, 0, opaque, 3);
        g_body[24 + 3] = 0x55;
        len = raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos);
        CHECK_R(decode_raw(g_raw, len), PLANTAR_OK);
        pos = data_header(g_body, 1, 0, 1);
        pos = append_block(g_body, pos, 1, 3, 200, opaque, 3);
        g_body[24 + 3] = 0x55;
        len = raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos);
        CHECK_R(decode_raw(g_raw, len), PLANTAR_OK);
    }
}

/* Builds a DATA frame with one block of the given raw data and returns its decode result. */
static plantar_result_t data_with_block(unsigned k, unsigned type, unsigned enc, unsigned ch,
                                        const uint8_t *data, size_t dlen)
{
    size_t pos = data_header(g_body, k, k == 1 ? 0U : 1000U, 1);
    size_t len;
    pos = append_block(g_body, pos, type, enc, ch, data, dlen);
    len = raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos);
    return decode_raw(g_raw, len);
}

static void rejectsEachReasonOnPurpose(void)
{
    uint8_t body[64];
    uint8_t ext[32];
    uint8_t data[256];
    size_t len, pos;
    memset(body, 0, sizeof body);
    memset(data, 0, sizeof data);

    /* a valid TIME_REQ to corrupt */
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, NULL, 0, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_OK);

    CHECK_R(decode_raw(g_raw, 27), PLANTAR_TRUNCATED);                      /* 1 */
    CHECK_R(decode_raw(g_raw, len - 1), PLANTAR_TRUNCATED);
    CHECK_R(decode_raw(g_raw, 0), PLANTAR_TRUNCATED);
    g_raw[1] = 0x4F;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_BAD_MAGIC);                     /* 2 */
    g_raw[1] = 0x4E;
    g_raw[2] = 2;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNSUPPORTED_VERSION);           /* 3 */
    g_raw[2] = 1;
    g_raw[30] ^= 1;
    CHECK_R(decode_raw(g_raw, len), PLANTAR_CRC_MISMATCH);                  /* 4 */
    g_raw[30] ^= 1;
    g_raw[len - 1] ^= 0x80;
    CHECK_R(decode_raw(g_raw, len), PLANTAR_CRC_MISMATCH);
    g_raw[len - 1] ^= 0x80;
    g_raw[4] = 0x80;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNKNOWN_INCOMPAT_FLAG);         /* 5 */
    g_raw[4] = 0;
    g_raw[7] = 1;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_RESERVED_NONZERO);              /* 6 */
    g_raw[7] = 0;
    g_raw[22] = 1;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_RESERVED_NONZERO);
    g_raw[22] = 0;
    g_raw[23] = 0x10;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_RESERVED_NONZERO);
    g_raw[23] = 0;
    g_raw[3] = 0;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNKNOWN_MESSAGE_TYPE);          /* 7 */
    g_raw[3] = 9;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNKNOWN_MESSAGE_TYPE);

    /* 8: TLV length past ext_len; a lone type byte */
    ext[0] = 0x80;
    ext[1] = 4;
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, ext, 5, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_EXTENSION_OVERRUN);
    ext[1] = 3;
    ext[5] = 2;
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, ext, 6, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_EXTENSION_OVERRUN);
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, ext, 5, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_OK);
    /* 9: TIME_ESTIMATE with 11 or 13 bytes */
    memset(ext, 0, sizeof ext);
    ext[0] = 1;
    ext[1] = 11;
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 8, ext, 13, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_BAD_EXTENSION);
    ext[1] = 13;
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 8, ext, 15, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_BAD_EXTENSION);
    ext[1] = 12;
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 8, ext, 14, body, 10);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_OK);

    /* 10: fixed, counted and JSON bodies */
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, NULL, 0, body, 9)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, NULL, 0, body, 11)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_TIME_RES, 0, NULL, 0, body, 25)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_ANCHOR, 0, NULL, 0, body, 22)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_HELLO, 0, NULL, 0, body, 0)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_EVENT, 0, NULL, 0, body, 0)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_ACK, 0, NULL, 0, body, 4)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    body[4] = 1; /* ACK n = 1 but no range bytes */
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_ACK, 0, NULL, 0, body, 5)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    body[4] = 0;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_NACK, 0, NULL, 0, body, 0)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    body[0] = 1; /* NACK n = 1 and 7 range bytes */
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_NACK, 0, NULL, 0, body, 8)),
            PLANTAR_BODY_LENGTH_MISMATCH);
    body[0] = 0;
    data_header(g_body, 1, 0, 1);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_DATA, 0, NULL, 0, g_body, 23)),
            PLANTAR_BODY_LENGTH_MISMATCH);

    /* 11 .. 13 and the DATA reserved byte */
    pos = data_header(g_body, 0, 0, 1);
    pos = append_block(g_body, pos, 1, 0, 1, data, 0);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE);
    put_le16(g_body + 16, 1025);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE);
    put_le16(g_body + 16, 1);
    put_le32(g_body + 12, 1);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_SPAN_INVALID);
    put_le32(g_body + 12, 0);
    g_body[18] = 0;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_BLOCK_COUNT_OUT_OF_RANGE);
    g_body[18] = 17;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_BLOCK_COUNT_OUT_OF_RANGE);
    g_body[18] = 1;
    g_body[19] = 1;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_RESERVED_NONZERO);

    /* 14: header cut, data past the body, second block missing */
    pos = data_header(g_body, 1, 0, 1);
    pos = append_block(g_body, pos, 1, 0, 1, data, 2);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)), PLANTAR_OK);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, 24 + 5)),
            PLANTAR_BLOCK_OVERRUN);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos - 1)),
            PLANTAR_BLOCK_OVERRUN);
    g_body[18] = 2;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_BLOCK_OVERRUN);

    /* 15 */
    CHECK_R(data_with_block(1, 1, 0, 0, data, 0), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
    CHECK_R(data_with_block(1, 1, 0, 65, data, 130), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
    CHECK_R(data_with_block(1, 2, 0, 5, data, 10), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
    CHECK_R(data_with_block(1, 2, 0, 7, data, 14), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
    CHECK_R(data_with_block(1, 3, 0, 9, data, 18), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
    CHECK_R(data_with_block(1, 3, 0, 8, data, 16), PLANTAR_OK);
    CHECK_R(data_with_block(1, 1, 0, 64, data, 0),
            PLANTAR_BLOCK_LENGTH_MISMATCH);

    /* 6 for a known block's reserved byte */
    {
        size_t p2 = data_header(g_body, 1, 0, 1);
        p2 = append_block(g_body, p2, 1, 0, 1, data, 2);
        g_body[24 + 3] = 1;
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, p2)),
                PLANTAR_RESERVED_NONZERO);
    }

    /* 16 for each encoding */
    CHECK_R(data_with_block(2, 1, 0, 2, data, 7), PLANTAR_BLOCK_LENGTH_MISMATCH);
    CHECK_R(data_with_block(2, 1, 0, 2, data, 9), PLANTAR_BLOCK_LENGTH_MISMATCH);
    CHECK_R(data_with_block(2, 1, 1, 2, data, 5), PLANTAR_BLOCK_LENGTH_MISMATCH);
    CHECK_R(data_with_block(2, 1, 1, 2, data, 7), PLANTAR_BLOCK_LENGTH_MISMATCH);
    CHECK_R(data_with_block(2, 1, 1, 2, data, 6), PLANTAR_OK);
    CHECK_R(data_with_block(3, 1, 2, 2, data, 5), PLANTAR_BLOCK_LENGTH_MISMATCH);
    data[4] = 3; /* widths 3, 0 over 2 deltas: 6 bits -> 1 byte */
    CHECK_R(data_with_block(3, 1, 2, 2, data, 6), PLANTAR_BLOCK_LENGTH_MISMATCH);
    CHECK_R(data_with_block(3, 1, 2, 2, data, 7), PLANTAR_OK);
    CHECK_R(data_with_block(3, 1, 2, 2, data, 8), PLANTAR_BLOCK_LENGTH_MISMATCH);

    /* not a rejection: a DELTA width wider than needed (no §12 reason covers it); the encoder
     * writes the minimal one, so the frame's bytes do not survive a round trip */
    memset(data, 0, 16);
    data[2] = 5; /* K = 3, one channel, constant 0, width 5 instead of 0 */
    CHECK_R(data_with_block(3, 1, 2, 1, data, 5), PLANTAR_OK);
    CHECK(!frame_is_canonical(&g_d));
    memset(data, 0, 16);

    /* 17 */
    data[4] = 17;
    CHECK_R(data_with_block(3, 1, 2, 2, data, 10), PLANTAR_DELTA_WIDTH_OUT_OF_RANGE);
    data[4] = 16;
    CHECK_R(data_with_block(3, 1, 2, 2, data, 10), PLANTAR_OK);

    /* 18: PACK12 3 values = 36 bits, DELTA 2 x 3 bits = 6 bits */
    data[4] = 0x10;
    CHECK_R(data_with_block(3, 1, 1, 1, data, 5), PLANTAR_NONZERO_PADDING);
    data[4] = 0x08;
    CHECK_R(data_with_block(3, 1, 1, 1, data, 5), PLANTAR_OK);
    memset(data, 0, sizeof data);
    data[2] = 3;
    data[3] = 0x40;
    CHECK_R(data_with_block(3, 1, 2, 1, data, 4), PLANTAR_NONZERO_PADDING);
    data[3] = 0x20;
    CHECK_R(data_with_block(3, 1, 2, 1, data, 4), PLANTAR_OK);
    memset(data, 0, sizeof data);

    /* 19: PRESSURE twice; a skipped PRESSURE block (unknown encoding) does not count */
    pos = data_header(g_body, 1, 0, 2);
    pos = append_block(g_body, pos, 1, 0, 1, data, 2);
    pos = append_block(g_body, pos, 1, 1, 1, data, 2);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_DUPLICATE_BLOCK);
    g_body[24 + 8 + 1] = 9;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)), PLANTAR_OK);
    g_body[24 + 1] = 9;
    g_body[24 + 8 + 1] = 0;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)), PLANTAR_OK);
    g_body[24 + 8] = 0x81; /* unknown types may repeat */
    g_body[24] = 0x81;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)), PLANTAR_OK);

    /* 20 */
    pos = data_header(g_body, 1, 0, 1);
    pos = append_block(g_body, pos, 1, 0, 1, data, 2);
    g_body[pos++] = 0;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
            PLANTAR_TRAILING_BYTES);

    /* 21 */
    memset(body, 0, sizeof body);
    body[4] = 2;
    put_le16(body + 5 + 4, 1);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_ACK, 0, NULL, 0, body, 17)),
            PLANTAR_BAD_RANGE);
    put_le16(body + 11 + 4, 1);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_ACK, 0, NULL, 0, body, 17)),
            PLANTAR_OK);
    memset(body, 0, sizeof body);
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_NACK, 0, NULL, 0, body, 1)),
            PLANTAR_BAD_RANGE);
    body[0] = 1;
    CHECK_R(decode_raw(g_raw, raw_frame(g_raw, PLANTAR_MSG_NACK, 0, NULL, 0, body, 7)),
            PLANTAR_BAD_RANGE);
    CHECK(g_d.msg_type == 0 && g_d.n_ext == 0 && g_d.frame == NULL);
}

static void reportsTheFirstFailureInSpecOrder(void)
{
    uint8_t body[16];
    size_t len;
    memset(body, 0, sizeof body);
    len = raw_frame(g_raw, PLANTAR_MSG_TIME_REQ, 0, NULL, 0, body, 10);
    /* under 28 bytes nothing else is looked at; from 28 on, magic and version come before the
     * frame length */
    g_raw[0] = 0;
    CHECK_R(decode_raw(g_raw, 27), PLANTAR_TRUNCATED);
    CHECK_R(decode_raw(g_raw, 28), PLANTAR_BAD_MAGIC);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_BAD_MAGIC);
    g_raw[0] = 0x49;
    g_raw[2] = 2;
    CHECK_R(decode_raw(g_raw, len - 1), PLANTAR_UNSUPPORTED_VERSION);
    g_raw[2] = 1;
    CHECK_R(decode_raw(g_raw, len - 1), PLANTAR_TRUNCATED);
    g_raw[0] = 0;
    /* bad version beats a bad CRC; a bad CRC beats incompat flags and reserved bytes */
    g_raw[0] = 0x49;
    g_raw[2] = 0;
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNSUPPORTED_VERSION);
    g_raw[2] = 1;
    g_raw[4] = 1;
    g_raw[7] = 1;
    CHECK_R(decode_raw(g_raw, len), PLANTAR_CRC_MISMATCH);
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNKNOWN_INCOMPAT_FLAG);
    g_raw[4] = 0;
    g_raw[3] = 99;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_RESERVED_NONZERO);
    g_raw[7] = 0;
    refresh_crc(g_raw);
    CHECK_R(decode_raw(g_raw, len), PLANTAR_UNKNOWN_MESSAGE_TYPE);
    /* K checked before span before n_blocks */
    {
        size_t pos = data_header(g_body, 0, 5, 0);
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE);
        put_le16(g_body + 16, 1);
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_SPAN_INVALID);
    }
    /* per block: overrun, then reserved, then channels, then duplicate, then the data */
    {
        static const uint8_t z[16] = {0};
        size_t pos = data_header(g_body, 2, 10, 2);
        pos = append_block(g_body, pos, 1, 0, 1, z, 4);
        pos = append_block(g_body, pos, 1, 0, 70, z, 3); /* duplicate, channels, length */
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);
        g_body[34 + 3] = 1;
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_RESERVED_NONZERO);
        put_le16(g_body + 34 + 4, 4);
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_BLOCK_OVERRUN);
        put_le16(g_body + 34 + 4, 3);
        g_body[34 + 3] = 0;
        g_body[34 + 2] = 1;
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_DUPLICATE_BLOCK);
        g_body[34] = 3;
        CHECK_R(decode_raw(g_raw, raw_frame(g_raw, 1, 0, NULL, 0, g_body, pos)),
                PLANTAR_BLOCK_LENGTH_MISMATCH);
    }
}

static void refusesContentTheDecoderWouldReject(void)
{
    static const int32_t big[] = {4096};
    static const int32_t neg[] = {-1};
    static const int32_t imu[6] = {-2049, 0, 0, 0, 0, 0};
    static const int32_t imu_wide[6] = {32768, 0, 0, 0, 0, 0};
    uint8_t ranges[6] = {0};
    size_t len = 0;
    unsigned i;

    new_data(&g_f, 1, 0);
    add_block(&g_f, 1, PLANTAR_ENC_PACK12, 1, big);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_VALUE_RANGE);
    g_f.body.data.blocks[0].encoding = PLANTAR_ENC_RAW16;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    g_f.body.data.blocks[0].values = neg;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_VALUE_RANGE);
    new_data(&g_f, 1, 0);
    add_block(&g_f, 2, PLANTAR_ENC_PACK12, 6, imu);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_VALUE_RANGE);
    g_f.body.data.blocks[0].encoding = PLANTAR_ENC_DELTA;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    g_f.body.data.blocks[0].values = imu_wide;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_VALUE_RANGE);
    g_f.body.data.blocks[0].values = NULL;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    g_f.body.data.blocks[0].values = imu;
    g_f.body.data.blocks[0].channels = 5;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE);

    new_data(&g_f, 0, 0);
    add_block(&g_f, 1, 0, 1, big);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE);
    g_f.body.data.n_samples = 1025;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE);
    g_f.body.data.n_samples = 1;
    g_f.body.data.span_us = 1;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_SPAN_INVALID);
    g_f.body.data.span_us = 0;
    g_f.body.data.n_blocks = 0;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BLOCK_COUNT_OUT_OF_RANGE);
    g_f.body.data.n_blocks = 17;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BLOCK_COUNT_OUT_OF_RANGE);
    g_f.body.data.n_blocks = 1;
    add_block(&g_f, 1, 2, 1, big);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_DUPLICATE_BLOCK);

    /* 16 skipped blocks of 65535 bytes exceed the body */
    new_data(&g_f, 1, 0);
    for (i = 0; i < 2; i++) {
        plantar_block_t *b = add_block(&g_f, 0x90, 0, 0, NULL);
        b->data = g_raw;
        b->data_len = 40000;
    }
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_TOO_LARGE);

    new_frame(&g_f, PLANTAR_MSG_HELLO);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BODY_LENGTH_MISMATCH);
    new_frame(&g_f, PLANTAR_MSG_NACK);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BAD_RANGE);
    g_f.body.nack.n_ranges = 1;
    g_f.body.nack.ranges = ranges;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BAD_RANGE);
    new_frame(&g_f, 9);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_UNKNOWN_MESSAGE_TYPE);
    new_frame(&g_f, PLANTAR_MSG_TIME_REQ);
    g_f.n_ext = 1;
    g_f.ext[0].type = 1;
    g_f.ext[0].len = 4;
    g_f.ext[0].value = ranges;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_BAD_EXTENSION);
    g_f.ext[0].type = 0x99;
    g_f.ext[0].len = 255;
    g_f.ext[0].value = g_raw;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_TOO_LARGE);
    g_f.ext[0].len = 253;
    CHECK(round_trip(&g_f) == 28U + 255U + 10U);
    CHECK_R(plantar_encode(NULL, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    CHECK_R(plantar_decode(g_enc, 10, NULL, NULL, 0, NULL), PLANTAR_ERR_ARGUMENT);
}

static void encodesOnlyWithinCapacity(void)
{
    static int32_t v[200 * 16];
    uint32_t seed = 5U;
    size_t full, cap, len;
    fill_walk(v, 200, 16, 0, 4095, 100, &seed);
    new_data(&g_f, 200, 1990000);
    add_block(&g_f, 1, PLANTAR_ENC_DELTA, 16, v);
    full = round_trip(&g_f);
    for (cap = 0; cap < full; cap++) {
        uint8_t *out = malloc(cap == 0 ? 1 : cap);
        CHECK_R(plantar_encode(&g_f, out, cap, &len), PLANTAR_ERR_CAPACITY);
        free(out);
    }
}

static void decodesDataIntoBoundedValueBuffer(void)
{
    static const int32_t p[4] = {1, 2, 3, 4};
    static const int32_t t[2] = {-1, 1};
    size_t len = 0;
    new_data(&g_f, 2, 10);
    add_block(&g_f, 1, 0, 2, p);
    add_block(&g_f, 3, 1, 1, t);
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_OK);
    CHECK_R(decode_exact(g_enc, len, &g_d, g_vals, 5), PLANTAR_ERR_CAPACITY);
    CHECK(g_d.msg_type == 0);
    CHECK_R(decode_exact(g_enc, len, &g_d, NULL, 0), PLANTAR_ERR_CAPACITY);
    CHECK_R(decode_exact(g_enc, len, &g_d, g_vals, 6), PLANTAR_OK);
    CHECK(g_d.body.data.blocks[1].values[1] == 1 && g_d.body.data.blocks[1].values[0] == -1);
    /* a protocol fault wins over a short value buffer */
    g_enc[len - 5] ^= 1;
    CHECK_R(decode_exact(g_enc, len, &g_d, g_vals, 1), PLANTAR_CRC_MISMATCH);
}

static size_t sample_frames(uint8_t *out, unsigned which);

static void neverAcceptsATruncatedFrame(void)
{
    unsigned which;
    for (which = 0; which < 6; which++) {
        size_t full = sample_frames(g_enc, which), n;
        CHECK(full > 0);
        CHECK_R(decode_raw(g_enc, full), PLANTAR_OK);
        for (n = 0; n < full; n++) {
            CHECK_R(decode_raw(g_enc, n), PLANTAR_TRUNCATED);
        }
    }
}

static void splitsConcatenatedFramesAndStopsAtTheFirstInvalidOne(void)
{
    plantar_splitter_t s;
    size_t a, b, c, off = 0;
    uint8_t *payload;
    a = sample_frames(g_enc, 0);
    b = sample_frames(g_enc + a, 1);
    c = sample_frames(g_enc + a + b, 2);
    payload = malloc(a + b + c);
    memcpy(payload, g_enc, a + b + c);

    plantar_splitter_init(&s, payload, a + b + c);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, &off), PLANTAR_OK);
    CHECK(off == 0 && g_d.frame_len == a);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, &off), PLANTAR_OK);
    CHECK(off == a && g_d.frame == payload + a);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, &off), PLANTAR_OK);
    CHECK(off == a + b);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, &off),
            PLANTAR_END_OF_PAYLOAD);

    /* corrupt the second frame's CRC: first stands, the rest is dropped */
    payload[a + b - 1] ^= 0xFF;
    plantar_splitter_init(&s, payload, a + b + c);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL), PLANTAR_OK);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL),
            PLANTAR_CRC_MISMATCH);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL),
            PLANTAR_END_OF_PAYLOAD);
    CHECK(s.frames == 1);
    payload[a + b - 1] ^= 0xFF;

    /* a payload cut inside its last frame */
    plantar_splitter_init(&s, payload, a + b + c - 3);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL), PLANTAR_OK);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL), PLANTAR_OK);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL),
            PLANTAR_TRUNCATED);

    plantar_splitter_init(&s, payload, 0);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL),
            PLANTAR_TRUNCATED);
    CHECK_R(plantar_splitter_next(&s, &g_d, g_vals, PLANTAR_MAX_DECODED_VALUES, NULL),
            PLANTAR_END_OF_PAYLOAD);
    free(payload);
}

/*
 * 200k frames: a valid sample frame with 1..4 random byte changes, a random cut or extension,
 * and the CRC fixed half of the time so that the checks behind it are reached. Whatever decodes
 * re-encode to the same content, and to the same bytes when it is in canonical form (see
 * frame_is_canonical: the decoder accepts non-minimal DELTA widths and any reserved byte in a
 * skipped block).
 */
static void survivesMutatedFramesAndReencodesWhatItAccepts(void)
{
    static uint8_t base[6][4096];
    size_t base_len[6];
    uint32_t seed = 0x9E3779B9U;
    unsigned long i, accepted = 0, non_canonical = 0, by_reason[22] = {0};
    unsigned w;
    for (w = 0; w < 6; w++) {
        base_len[w] = sample_frames(base[w], w);
    }
    for (i = 0; i < 200000UL; i++) {
        const unsigned which = xorshift32(&seed) % 6U;
        size_t len = base_len[which];
        unsigned m, nmut = 1U + xorshift32(&seed) % 4U;
        uint32_t roll = xorshift32(&seed);
        plantar_result_t r;
        memcpy(g_raw, base[which], len);
        for (m = 0; m < nmut; m++) {
            uint32_t x = xorshift32(&seed);
            size_t at = (x >> 8) % len;
            /* aim at the header and block headers more often than at the payload bits */
            if ((x & 3U) == 0U) {
                at = (x >> 8) % (len < 64 ? len : 64);
            }
            g_raw[at] = (x & 4U) ? (uint8_t)(x >> 24) : (uint8_t)(g_raw[at] ^ (1U << ((x >> 3) & 7U)));
        }
        if ((roll & 7U) == 0U) {
            len = roll >> 8 ? (roll >> 8) % len : len;
        } else if ((roll & 7U) == 1U) {
            len += (roll >> 8) % 16U;
        }
        if ((roll & 0x100U) && len >= 28U) {
            size_t flen = 28U + g_raw[6] + ((size_t)g_raw[20] | ((size_t)g_raw[21] << 8));
            if (flen <= len) {
                refresh_crc(g_raw);
            }
        }
        r = decode_raw(g_raw, len);
        CHECK(r <= PLANTAR_BAD_RANGE);
        if ((unsigned)r < 22U) {
            by_reason[r]++;
        }
        if (r == PLANTAR_OK) {
            size_t elen = 0;
            accepted++;
            CHECK(g_d.frame_len <= len);
            CHECK_R(plantar_encode(&g_d, g_enc2, BUF_LEN, &elen), PLANTAR_OK);
            if (frame_is_canonical(&g_d)) {
                CHECK(elen == g_d.frame_len && memcmp(g_enc2, g_raw, elen) == 0);
            } else {
                non_canonical++;
            }
            CHECK_R(decode_exact(g_enc2, elen, &g_d2, g_vals2, PLANTAR_MAX_DECODED_VALUES),
                    PLANTAR_OK);
            CHECK(frames_equal(&g_d, &g_d2));
        } else {
            CHECK(g_d.msg_type == 0 && g_d.frame == NULL);
        }
    }
    printf("  mutation loop: 200000 frames, %lu accepted (%lu non-canonical); per reason:",
           accepted, non_canonical);
    for (w = 1; w < 22; w++) {
        printf(" %u:%lu", w, by_reason[w]);
    }
    printf("\n");
    /* the loop must reach deep checks, not only the CRC */
    CHECK(accepted > 1000);
    for (w = 1; w < 22; w++) {
        CHECK(by_reason[w] > 0);
    }
}

/* ------------------------------------------------------------------ sample frames */

/* Sample frame number `which` (0..5) written into out; returns its length. */
static size_t sample_frames(uint8_t *out, unsigned which)
{
    static int32_t p[25 * 16], imu[25 * 6], temp[25 * 2];
    static const uint8_t est[12] = {0x10, 0x32, 0x54, 0x76, 0, 0, 0, 0, 0xE8, 0x03, 0, 0};
    static const uint8_t opaque[5] = {1, 2, 3, 4, 5};
    static uint8_t ranges[12];
    static const char hello[] = "{\"v\":1,\"fw\":\"1.0.3\",\"note\":\"caf\xc3\xa9 \\\"q\\\"\"}";
    static plantar_frame_t f;
    uint32_t seed = 17U + which;
    size_t len = 0;
    plantar_block_t *b;
    switch (which) {
    case 0:
        fill_walk(p, 25, 16, 0, 4095, 60, &seed);
        fill_walk(imu, 25, 6, -32768, 32767, 3000, &seed);
        new_data(&f, 25, 240000);
        f.compat_flags = PLANTAR_COMPAT_TIME_ESTIMATE | PLANTAR_COMPAT_BACKLOG;
        f.n_ext = 1;
        f.ext[0].type = 1;
        f.ext[0].len = 12;
        f.ext[0].value = est;
        add_block(&f, 1, PLANTAR_ENC_DELTA, 16, p);
        add_block(&f, 2, PLANTAR_ENC_DELTA, 6, imu);
        break;
    case 1:
        fill_random(p, 10 * 4, 0, 4095, &seed);
        fill_random(temp, 10 * 2, -2048, 2047, &seed);
        new_data(&f, 10, 90000);
        add_block(&f, 1, PLANTAR_ENC_PACK12, 3, p); /* 30 values: odd nibble count */
        add_block(&f, 3, PLANTAR_ENC_PACK12, 1, temp);
        b = add_block(&f, 0x80, 3, 2, NULL);
        b->data = opaque;
        b->data_len = 5;
        break;
    case 2:
        fill_random(p, 4 * 8, 0, 65535, &seed);
        fill_random(temp, 4 * 2, -32768, 32767, &seed);
        new_data(&f, 4, 30000);
        add_block(&f, 1, PLANTAR_ENC_RAW16, 8, p);
        add_block(&f, 3, PLANTAR_ENC_DELTA, 2, temp);
        break;
    case 3:
        new_frame(&f, PLANTAR_MSG_HELLO);
        f.body.json.json = (const uint8_t *)hello;
        f.body.json.len = (uint16_t)strlen(hello);
        break;
    case 4:
        plantar_range_put(ranges, 0, 10, 5);
        plantar_range_put(ranges, 1, 20, 1);
        new_frame(&f, PLANTAR_MSG_ACK);
        f.body.ack.next_seq = 3;
        f.body.ack.n_ranges = 2;
        f.body.ack.ranges = ranges;
        break;
    default:
        new_frame(&f, PLANTAR_MSG_TIME_RES);
        f.body.time_res.req_id = 3;
        f.body.time_res.t0_mono_us = 5000;
        f.body.time_res.t1_utc_us = -77;
        f.body.time_res.t2_utc_us = 1764000000000000LL;
        break;
    }
    if (plantar_encode(&f, out, 4096, &len) != PLANTAR_OK) {
        return 0;
    }
    return len;
}

static int write_file(const char *dir, const char *name, const uint8_t *p, size_t n)
{
    char path[1024];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    fp = fopen(path, "wb");
    if (fp == NULL || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    return 0;
}

/* Sample payloads for the harness self-check (the real vectors come from the Java generator). */
static int write_frames(const char *dir)
{
    static const char *const names[] = {"data-delta", "data-pack12-skipped", "data-raw16",
                                        "hello", "ack", "time-res"};
    static uint8_t buf[3 * 4096];
    unsigned w;
    size_t a, b;
    int err = 0;
    for (w = 0; w < 6; w++) {
        a = sample_frames(buf, w);
        err |= write_file(dir, names[w], buf, a);
    }
    a = sample_frames(buf, 0);
    b = sample_frames(buf + a, 2);
    b += sample_frames(buf + a + b, 4);
    err |= write_file(dir, "sync-three-frames", buf, a + b);
    buf[a + 30] ^= 1; /* second frame's CRC breaks: one frame, then CRC_MISMATCH */
    err |= write_file(dir, "sync-second-frame-corrupt", buf, a + b);
    err |= write_file(dir, "truncated-header", buf, 20);
    return err;
}

static void namesMatchTheSpecAndNullArgumentsAreRefused(void)
{
    static const char *const reasons[22] = {
        "OK", "TRUNCATED", "BAD_MAGIC", "UNSUPPORTED_VERSION", "CRC_MISMATCH",
        "UNKNOWN_INCOMPAT_FLAG", "RESERVED_NONZERO", "UNKNOWN_MESSAGE_TYPE", "EXTENSION_OVERRUN",
        "BAD_EXTENSION", "BODY_LENGTH_MISMATCH", "SAMPLE_COUNT_OUT_OF_RANGE", "SPAN_INVALID",
        "BLOCK_COUNT_OUT_OF_RANGE", "BLOCK_OVERRUN", "CHANNEL_COUNT_OUT_OF_RANGE",
        "BLOCK_LENGTH_MISMATCH", "DELTA_WIDTH_OUT_OF_RANGE", "NONZERO_PADDING", "DUPLICATE_BLOCK",
        "TRAILING_BYTES", "BAD_RANGE"};
    unsigned i;
    size_t len = 0;
    plantar_splitter_t s;
    plantar_block_t *b;
    for (i = 0; i < 22; i++) {
        CHECK(strcmp(plantar_result_name((plantar_result_t)i), reasons[i]) == 0);
    }
    CHECK(strcmp(plantar_result_name(PLANTAR_ERR_CAPACITY), "ERR_CAPACITY") == 0);
    CHECK(strcmp(plantar_result_name(PLANTAR_END_OF_PAYLOAD), "END_OF_PAYLOAD") == 0);
    CHECK(strcmp(plantar_result_name((plantar_result_t)50), "UNKNOWN_RESULT") == 0);
    CHECK(strcmp(plantar_msg_type_name(1), "DATA") == 0);
    CHECK(strcmp(plantar_msg_type_name(8), "EVENT") == 0);
    CHECK(plantar_msg_type_name(0) == NULL && plantar_msg_type_name(9) == NULL);
    CHECK(strcmp(plantar_encoding_name(2), "DELTA") == 0 && plantar_encoding_name(3) == NULL);

    CHECK_R(plantar_decode(NULL, 0, &g_d, NULL, 0, NULL), PLANTAR_TRUNCATED);
    CHECK_R(plantar_decode(NULL, 5, &g_d, NULL, 0, NULL), PLANTAR_ERR_ARGUMENT);
    plantar_splitter_init(&s, NULL, 0);
    CHECK_R(plantar_splitter_next(NULL, &g_d, NULL, 0, NULL), PLANTAR_ERR_ARGUMENT);
    new_frame(&g_f, PLANTAR_MSG_EVENT);
    g_f.body.json.len = 3;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    new_frame(&g_f, PLANTAR_MSG_ACK);
    g_f.body.ack.n_ranges = 1;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    g_f.n_ext = 1;
    g_f.ext[0].type = 5;
    g_f.ext[0].len = 1;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    new_data(&g_f, 1, 0);
    b = add_block(&g_f, 0x70, 0, 0, NULL);
    b->data_len = 2;
    CHECK_R(plantar_encode(&g_f, g_enc, BUF_LEN, &len), PLANTAR_ERR_ARGUMENT);
    CHECK_R(plantar_encoded_len(NULL, &len), PLANTAR_ERR_ARGUMENT);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-frames") == 0) {
        return write_frames(argv[2]);
    }
#define RUN(t)                  \
    do {                        \
        g_test = #t;            \
        printf("%s\n", g_test); \
        t();                    \
    } while (0)
    RUN(crcMatchesCheckValueAndBitwiseReference);
    RUN(encodesHandComputedPack12AndDeltaBytes);
    RUN(encodesTimeReqFrameByteForByte);
    RUN(roundTripsEveryNonDataMessageType);
    RUN(roundTripsDataInEveryEncodingFor1And64ChannelsAndK1To1024);
    RUN(roundTripsAllThreeBlockTypesTogether);
    RUN(roundTripsSignedImuDeltasIncludingWraparound);
    RUN(encodesConstantChannelsWithZeroWidth);
    RUN(skipsUnknownBlocksAndReportsThem);
    RUN(rejectsEachReasonOnPurpose);
    RUN(reportsTheFirstFailureInSpecOrder);
    RUN(refusesContentTheDecoderWouldReject);
    RUN(encodesOnlyWithinCapacity);
    RUN(decodesDataIntoBoundedValueBuffer);
    RUN(neverAcceptsATruncatedFrame);
    RUN(splitsConcatenatedFramesAndStopsAtTheFirstInvalidOne);
    RUN(namesMatchTheSpecAndNullArgumentsAreRefused);
    RUN(survivesMutatedFramesAndReencodesWhatItAccepts);
    printf("%lu checks, %lu failures\n", g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}
