/*
 * Plantar insole wire protocol v1: C reference codec (PROTOCOL.md is normative).
 *
 * C99, no heap, no dependencies beyond the C standard library. Every buffer is provided by the
 * caller with an explicit size; the codec never reads outside [buf, buf + len) nor writes outside
 * [out, out + cap). Integers are read and written byte by byte (little-endian), so the code is
 * independent of host endianness and alignment. The codec has no mutable static state: it is
 * reentrant; a plantar_frame_t is owned by whoever passed it in.
 */
#ifndef PLANTAR_FRAME_H
#define PLANTAR_FRAME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PLANTAR_VERSION 1U
#define PLANTAR_HEADER_LEN 24U
/* header + CRC: the smallest frame */
#define PLANTAR_FRAME_OVERHEAD 28U
#define PLANTAR_MAX_FRAME_LEN (28UL + 255UL + 65535UL)
#define PLANTAR_MAX_SAMPLES 1024U
#define PLANTAR_MAX_BLOCKS 16U
/* 255 extension bytes hold at most 127 two-byte TLVs */
#define PLANTAR_MAX_EXTENSIONS 127U
#define PLANTAR_MAX_RANGES 255U
/* Each known block type appears at most once (PRESSURE <= 64, IMU6 = 6, TEMPERATURE <= 8 channels),
 * so a valid DATA frame decodes to at most this many values. */
#define PLANTAR_MAX_DECODED_VALUES (PLANTAR_MAX_SAMPLES * (64U + 6U + 8U))

/* compat_flags bits (§3.1) */
#define PLANTAR_COMPAT_BACKLOG 0x01U
#define PLANTAR_COMPAT_GAP_BEFORE 0x02U
#define PLANTAR_COMPAT_CLIPPED 0x04U
#define PLANTAR_COMPAT_TIME_ESTIMATE 0x08U
#define PLANTAR_COMPAT_KNOWN_MASK 0x0FU

/*
 * Result of every codec call. Values 0..21 are the rejection reasons of PROTOCOL.md §12 with the
 * same codes; the encoder also uses them for content it refuses because a decoder would reject it
 * with that reason. Values from 100 up are API results, never sent or stored as protocol reasons.
 */
typedef enum {
    PLANTAR_OK = 0,
    PLANTAR_TRUNCATED = 1,
    PLANTAR_BAD_MAGIC = 2,
    PLANTAR_UNSUPPORTED_VERSION = 3,
    PLANTAR_CRC_MISMATCH = 4,
    PLANTAR_UNKNOWN_INCOMPAT_FLAG = 5,
    PLANTAR_RESERVED_NONZERO = 6,
    PLANTAR_UNKNOWN_MESSAGE_TYPE = 7,
    PLANTAR_EXTENSION_OVERRUN = 8,
    PLANTAR_BAD_EXTENSION = 9,
    PLANTAR_BODY_LENGTH_MISMATCH = 10,
    PLANTAR_SAMPLE_COUNT_OUT_OF_RANGE = 11,
    PLANTAR_SPAN_INVALID = 12,
    PLANTAR_BLOCK_COUNT_OUT_OF_RANGE = 13,
    PLANTAR_BLOCK_OVERRUN = 14,
    PLANTAR_CHANNEL_COUNT_OUT_OF_RANGE = 15,
    PLANTAR_BLOCK_LENGTH_MISMATCH = 16,
    PLANTAR_DELTA_WIDTH_OUT_OF_RANGE = 17,
    PLANTAR_NONZERO_PADDING = 18,
    PLANTAR_DUPLICATE_BLOCK = 19,
    PLANTAR_TRAILING_BYTES = 20,
    PLANTAR_BAD_RANGE = 21,

    /* splitter: no more frames in the payload */
    PLANTAR_END_OF_PAYLOAD = 100,
    /* a required pointer is NULL (or NULL data with a non-zero length) */
    PLANTAR_ERR_ARGUMENT = 101,
    /* encoder: output buffer too small; decoder: the valid frame has more values than values_cap */
    PLANTAR_ERR_CAPACITY = 102,
    /* encoder: a value does not fit its block's type (u16 / i16) or PACK12's 12 bits */
    PLANTAR_ERR_VALUE_RANGE = 103,
    /* encoder: ext area > 255 bytes, body > 65535 bytes or block data > 65535 bytes */
    PLANTAR_ERR_TOO_LARGE = 104
} plantar_result_t;

/* The §12 reason name ("CRC_MISMATCH"), or an API result name; never NULL. */
const char *plantar_result_name(plantar_result_t r);

typedef enum {
    PLANTAR_MSG_DATA = 1,
    PLANTAR_MSG_HELLO = 2,
    PLANTAR_MSG_ACK = 3,
    PLANTAR_MSG_NACK = 4,
    PLANTAR_MSG_TIME_REQ = 5,
    PLANTAR_MSG_TIME_RES = 6,
    PLANTAR_MSG_ANCHOR = 7,
    PLANTAR_MSG_EVENT = 8
} plantar_msg_type_t;

/* "DATA", ... for 1..8, NULL otherwise */
const char *plantar_msg_type_name(unsigned msg_type);

typedef enum {
    PLANTAR_BLOCK_PRESSURE = 1,
    PLANTAR_BLOCK_IMU6 = 2,
    PLANTAR_BLOCK_TEMPERATURE = 3
} plantar_block_type_t;

typedef enum {
    PLANTAR_ENC_RAW16 = 0,
    PLANTAR_ENC_PACK12 = 1,
    PLANTAR_ENC_DELTA = 2
} plantar_encoding_t;

/* "RAW16", "PACK12", "DELTA" for 0..2, NULL otherwise */
const char *plantar_encoding_name(unsigned encoding);

#define PLANTAR_EXT_TIME_ESTIMATE 1U

/* One TLV extension. Decoder: a view into the input (value points at the value bytes, offset is
 * the value's offset from the first byte of the frame). Encoder: reads type, len, value. */
typedef struct {
    uint8_t type;
    uint8_t len;
    uint16_t offset;
    const uint8_t *value;
} plantar_ext_t;

/*
 * One DATA block. A block is decoded when its type is 1..3 and its encoding 0..2; otherwise it is
 * skipped (skipped = 1) and data/data_len is its raw data.
 * Decoder: values points into the caller's values buffer, n_samples * channels values, sample-major
 * (values[s * channels + c]); u16 for PRESSURE, i16 for IMU6 and TEMPERATURE. data/data_offset/
 * data_len view the block data (after the 6-byte header) in the input for every block.
 * Encoder: decides decoded/skipped from type and encoding (ignores `skipped`); uses values for a
 * decoded block and data/data_len for a skipped one (whose reserved byte it writes as 0).
 */
typedef struct {
    uint8_t type;
    uint8_t encoding;
    uint8_t channels;
    uint8_t skipped;
    uint16_t data_len;
    uint32_t data_offset; /* from the frame's first byte: may exceed 65535 */
    const uint8_t *data;
    const int32_t *values;
} plantar_block_t;

typedef struct {
    uint32_t seq;
    uint64_t t_first_us;
    uint32_t span_us;
    uint16_t n_samples;
    uint8_t n_blocks;
    uint32_t config_id;
    plantar_block_t blocks[PLANTAR_MAX_BLOCKS];
} plantar_data_t;

/* HELLO and EVENT: the JSON body, not parsed by the codec. */
typedef struct {
    const uint8_t *json;
    uint16_t len;
} plantar_json_t;

/* ACK and NACK ranges stay in wire form: `ranges` points at n_ranges * 6 bytes
 * (u32 start, u16 count each); use plantar_range_get / plantar_range_put. */
typedef struct {
    uint32_t next_seq;
    uint8_t n_ranges;
    const uint8_t *ranges;
} plantar_ack_t;

typedef struct {
    uint8_t n_ranges;
    const uint8_t *ranges;
} plantar_nack_t;

typedef struct {
    uint16_t req_id;
    uint64_t t0_mono_us;
} plantar_time_req_t;

typedef struct {
    uint16_t req_id;
    uint64_t t0_mono_us;
    int64_t t1_utc_us;
    int64_t t2_utc_us;
} plantar_time_res_t;

typedef struct {
    uint64_t mono_us;
    int64_t utc_us;
    uint32_t rtt_us;
    uint8_t source;
} plantar_anchor_t;

typedef struct {
    /* header (version is always 1 and incompat_flags always 0 in v1) */
    uint8_t msg_type;
    uint8_t compat_flags;
    uint64_t device_id;
    uint32_t boot_id;
    uint8_t n_ext;
    plantar_ext_t ext[PLANTAR_MAX_EXTENSIONS];
    union {
        plantar_data_t data;
        plantar_json_t json; /* HELLO, EVENT */
        plantar_ack_t ack;
        plantar_nack_t nack;
        plantar_time_req_t time_req;
        plantar_time_res_t time_res;
        plantar_anchor_t anchor;
    } body;

    /* Set by the decoder, ignored by the encoder. */
    const uint8_t *frame; /* first byte of the frame in the input */
    size_t frame_len;     /* 28 + ext_len + body_len */
    uint8_t ext_len;
    uint16_t body_len;
    /* reported, not rejected (§12) */
    uint8_t unknown_compat_bits; /* compat_flags & 0xF0 */
    uint8_t n_unknown_ext;       /* TLVs of a type other than 1 */
    uint8_t n_skipped_blocks;
} plantar_frame_t;

/* CRC-32C of data; plantar_crc32c_update(plantar_crc32c(a), b) == CRC of a||b. */
uint32_t plantar_crc32c(const uint8_t *data, size_t len);
uint32_t plantar_crc32c_update(uint32_t crc, const uint8_t *data, size_t len);

/*
 * Decodes the frame at the start of buf (buf may hold more bytes after it: see the splitter).
 * Checks in the order of PROTOCOL.md §12 and returns the first failure. On PLANTAR_OK *out holds
 * the whole frame, whose views point into buf (keep buf alive). On any other result *out is zeroed
 * and values holds nothing meaningful. values/values_cap receive the DATA values (may be NULL/0 for
 * other messages); a valid DATA frame with more values than values_cap returns
 * PLANTAR_ERR_CAPACITY (after every protocol check passed, so a protocol reason always wins).
 * If frame_len is not NULL it receives 28 + ext_len + body_len once the header is readable
 * (0 when fewer than 28 bytes).
 */
plantar_result_t plantar_decode(const uint8_t *buf, size_t len, plantar_frame_t *out,
                                int32_t *values, size_t values_cap, size_t *frame_len);

/* Payload splitter (§11): walks frames back to back. */
typedef struct {
    const uint8_t *payload;
    size_t len;
    size_t pos;      /* offset of the next frame */
    uint32_t frames; /* frames returned with PLANTAR_OK or PLANTAR_ERR_CAPACITY so far */
    uint8_t stopped; /* an invalid frame ended the payload */
} plantar_splitter_t;

void plantar_splitter_init(plantar_splitter_t *s, const uint8_t *payload, size_t len);

/*
 * Decodes the next frame. Returns PLANTAR_OK (frame in *out), PLANTAR_END_OF_PAYLOAD when every
 * byte was consumed, or the reason of the first invalid frame, after which the payload is over
 * (the following calls return PLANTAR_END_OF_PAYLOAD). An empty payload is PLANTAR_TRUNCATED (it
 * holds fewer than 28 bytes). PLANTAR_ERR_CAPACITY skips a valid frame whose values did not fit
 * and the walk may continue. frame_offset (may be NULL) receives the frame's offset.
 */
plantar_result_t plantar_splitter_next(plantar_splitter_t *s, plantar_frame_t *out,
                                       int32_t *values, size_t values_cap, size_t *frame_offset);

/*
 * Encodes *f in the canonical form (minimal DELTA widths, zero padding) into out[0..cap).
 * On PLANTAR_OK *out_len is the frame length; on any error nothing is promised about out.
 * Refuses content a decoder would reject, with that §12 reason (e.g. SAMPLE_COUNT_OUT_OF_RANGE,
 * SPAN_INVALID, CHANNEL_COUNT_OUT_OF_RANGE, DUPLICATE_BLOCK, BAD_RANGE, BAD_EXTENSION, an empty
 * JSON body as BODY_LENGTH_MISMATCH), values that do not fit as PLANTAR_ERR_VALUE_RANGE, sizes
 * beyond the format as PLANTAR_ERR_TOO_LARGE and a short buffer as PLANTAR_ERR_CAPACITY.
 */
plantar_result_t plantar_encode(const plantar_frame_t *f, uint8_t *out, size_t cap,
                                size_t *out_len);

/* Length plantar_encode would produce, with the same checks, writing nothing. */
plantar_result_t plantar_encoded_len(const plantar_frame_t *f, size_t *out_len);

/* Range i of an ACK/NACK range list in wire form. */
void plantar_range_get(const uint8_t *ranges, unsigned i, uint32_t *start, uint16_t *count);
void plantar_range_put(uint8_t *ranges, unsigned i, uint32_t start, uint16_t count);

#ifdef __cplusplus
}
#endif

#endif /* PLANTAR_FRAME_H */
